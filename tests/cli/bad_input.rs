//! What bad input gets: a message naming the field, the value and the reason, a non-zero exit
//! code, and a database exactly as it was (every table, audit log included).
//!
//! Exit codes: 1 when the input conflicts with what is recorded (unknown or duplicate records,
//! a member not serving on the day, a level adopted twice, an unusable file); 2 when the
//! command line itself is malformed (a value that cannot be parsed or is out of range, a date
//! that does not exist, a flag combination that cannot make a record).

use crate::common::Env;

const DATA: i32 = 1;
const USAGE: i32 = 2;

#[test]
fn unknown_sector() {
    let e = Env::fixture();
    e.refuse_with(
        &["member", "add", "周敏", "--sector", "无此界"],
        DATA,
        &["界别", "无此界", "不存在"],
    );
    e.refuse_with(
        &["member", "edit", "E002", "--sector", "无此界"],
        DATA,
        &["无此界"],
    );
    e.refuse_with(&["member", "list", "--sector", "无此界"], DATA, &["无此界"]);
}

#[test]
fn unknown_kind() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "activity",
            "add",
            "picnic",
            "--date",
            "2022-05-10",
            "--title",
            "野餐",
        ],
        DATA,
        &["活动类型", "picnic", "不存在", "kind list"],
    );
    e.refuse_with(&["activity", "list", "--kind", "picnic"], DATA, &["picnic"]);
}

#[test]
fn unknown_organisation() {
    let e = Env::fixture();
    e.refuse_with(
        &["org", "join", "无此组织", "E002", "--from", "2022-01-01"],
        DATA,
        &["组织", "无此组织", "不存在"],
    );
    e.refuse_with(
        &["org", "leave", "无此组织", "E002", "--on", "2022-01-01"],
        DATA,
        &["无此组织"],
    );
    e.refuse_with(&["org", "members", "无此组织"], DATA, &["无此组织"]);
    e.refuse_with(&["member", "list", "--org", "无此组织"], DATA, &["无此组织"]);
    e.refuse_with(
        &[
            "activity",
            "add",
            "research",
            "--date",
            "2022-05-10",
            "--title",
            "调研",
            "--org",
            "无此组织",
        ],
        DATA,
        &["无此组织"],
    );
    e.refuse_with(
        &[
            "proposal",
            "add",
            "集体提案",
            "--year",
            "2022",
            "--type",
            "collective",
            "--org",
            "无此组织",
        ],
        DATA,
        &["无此组织"],
    );
}

#[test]
fn unknown_member() {
    let e = Env::fixture();
    for args in [
        &["member", "show", "无此人"][..],
        &["member", "edit", "无此人", "--title", "x"],
        &[
            "member",
            "leave",
            "无此人",
            "--on",
            "2022-06-01",
            "--reason",
            "moved",
        ],
        &["attend", "1", "--present", "无此人"],
        &["org", "join", "提案委员会", "无此人", "--from", "2022-01-01"],
        &["proposal", "add", "提案", "--year", "2022", "--lead", "无此人"],
        &[
            "opinion",
            "add",
            "信息",
            "--date",
            "2022-04-01",
            "--authors",
            "无此人",
        ],
        &[
            "commend",
            "add",
            "无此人",
            "--level",
            "county",
            "--date",
            "2022-12-01",
            "--reason",
            "x",
        ],
        &[
            "adjust",
            "add",
            "无此人",
            "--year",
            "2022",
            "--points",
            "1",
            "--reason",
            "x",
        ],
        &["proposal", "list", "--member", "无此人"],
    ] {
        e.refuse_with(args, DATA, &["委员", "「无此人」", "不存在"]);
    }
}

#[test]
fn unknown_activity_proposal_or_opinion() {
    let e = Env::fixture();
    e.refuse_with(
        &["attend", "99", "--present", "E002"],
        DATA,
        &["活动", "99", "不存在"],
    );
    e.refuse_with(&["activity", "show", "99"], DATA, &["99"]);
    e.refuse_with(
        &["proposal", "set", "99", "--stage", "filed"],
        DATA,
        &["提案", "99", "不存在"],
    );
    e.refuse_with(
        &[
            "opinion",
            "adopt",
            "99",
            "--level",
            "city",
            "--date",
            "2022-05-01",
        ],
        DATA,
        &["社情民意信息", "99", "不存在"],
    );
}

#[test]
fn duplicate_member_code() {
    let e = Env::fixture();
    e.refuse_with(
        &["member", "add", "周敏", "--sector", "教育界", "--code", "E002"],
        DATA,
        &["编号", "E002", "李明"],
    );
    e.refuse_with(
        &["member", "edit", "M001", "--code", "E002"],
        DATA,
        &["E002", "李明"],
    );
}

#[test]
fn duplicate_sector_org_kind() {
    let e = Env::fixture();
    e.refuse_with(&["sector", "add", "教育界"], DATA, &["教育界", "已存在"]);
    e.refuse_with(&["org", "add", "提案委员会"], DATA, &["提案委员会", "已存在"]);
    e.refuse_with(
        &["kind", "add", "inspection", "--zh", "视察"],
        DATA,
        &["inspection", "已存在"],
    );
    e.refuse_with(
        &["org", "join", "提案委员会", "E002", "--from", "2022-02-01"],
        DATA,
        &["李明", "提案委员会"],
    );
}

#[test]
fn ambiguous_name_lists_the_candidates() {
    let e = Env::fixture();
    for args in [
        &["attend", "1", "--present", "刘洋"][..],
        &["member", "show", "刘洋"],
        &[
            "member",
            "leave",
            "刘洋",
            "--on",
            "2022-06-01",
            "--reason",
            "moved",
        ],
        &["proposal", "add", "提案", "--year", "2022", "--lead", "刘洋"],
        &["org", "join", "提案委员会", "刘洋", "--from", "2022-01-01"],
    ] {
        e.refuse_with(
            args,
            DATA,
            &[
                "刘洋",
                "L001",
                "L002",
                "教育界",
                "医药卫生界",
                "县第一中学",
                "县医院",
                "编号",
            ],
        );
    }
    let en = e.refuse_with(
        &["--lang", "en", "attend", "1", "--present", "刘洋"],
        DATA,
        &["L001", "L002", "use the code"],
    );
    assert!(en.contains("nothing was written"), "{en}");
}

#[test]
fn member_listed_twice_in_one_attend() {
    let e = Env::fixture();
    e.refuse_with(
        &["attend", "2", "--present", "E002", "--absent", "李明"],
        USAGE,
        &["李明", "E002", "两次"],
    );
    e.refuse_with(
        &["attend", "2", "--present", "M001,M001"],
        USAGE,
        &["赵强", "M001", "两次"],
    );
}

#[test]
fn attendance_of_a_member_not_serving_that_day() {
    let e = Env::fixture();
    // S001 left on 2022-03-01; activity 1 is on 2022-05-10.
    e.refuse_with(
        &["attend", "1", "--present", "S001"],
        DATA,
        &["孙丽", "S001", "2022-03-01", "离任", "2022-05-10", "视察农村学校"],
    );
    // N001 joined on 2022-06-01.
    e.refuse_with(
        &["attend", "1", "--present", "N001"],
        DATA,
        &["陈静", "N001", "2022-06-01", "2022-05-10"],
    );
    // A valid member with an invalid one: neither is written.
    e.refuse(&["attend", "1", "--present", "L001", "--absent", "N001"], DATA);
    let en = e.refuse(&["--lang", "en", "attend", "1", "--present", "S001"], DATA);
    assert!(en.contains("left on 2022-03-01"), "{en}");
}

#[test]
fn a_date_that_does_not_exist() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "activity",
            "add",
            "inspection",
            "--date",
            "2022-02-30",
            "--title",
            "视察",
        ],
        USAGE,
        &["--date", "2022-02-30", "不存在"],
    );
    e.refuse_with(
        &[
            "member",
            "add",
            "周敏",
            "--sector",
            "教育界",
            "--joined",
            "2022-02-30",
        ],
        USAGE,
        &["--joined", "2022-02-30"],
    );
    e.refuse_with(
        &[
            "member",
            "leave",
            "E002",
            "--on",
            "2022-02-30",
            "--reason",
            "moved",
        ],
        USAGE,
        &["--on", "2022-02-30"],
    );
    e.refuse_with(
        &[
            "proposal",
            "add",
            "提案",
            "--date",
            "2022-02-29",
            "--lead",
            "E002",
        ],
        USAGE,
        &["--date", "2022-02-29"],
    );
    e.refuse_with(
        &[
            "opinion",
            "adopt",
            "1",
            "--level",
            "province",
            "--date",
            "2022-13-01",
        ],
        USAGE,
        &["--date", "2022-13-01"],
    );
    e.refuse_with(
        &[
            "member",
            "add",
            "周敏",
            "--sector",
            "教育界",
            "--birth",
            "1968-02-30",
        ],
        USAGE,
        &["出生年月", "1968-02-30"],
    );
    let en = e.refuse(
        &[
            "--lang",
            "en",
            "activity",
            "add",
            "inspection",
            "--date",
            "2022-02-30",
            "--title",
            "视察",
        ],
        USAGE,
    );
    assert!(en.contains("invalid --date '2022-02-30': no such day"), "{en}");
}

#[test]
fn an_end_before_its_start() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "activity",
            "add",
            "research",
            "--date",
            "2022-05-10",
            "--end",
            "2022-05-01",
            "--title",
            "调研",
        ],
        USAGE,
        &["结束日期", "2022-05-01", "早于", "2022-05-10"],
    );
    e.refuse_with(
        &["org", "leave", "提案委员会", "E002", "--on", "2021-12-01"],
        USAGE,
        &["2021-12-01", "2022-01-01"],
    );
    e.refuse_with(
        &[
            "member",
            "leave",
            "E002",
            "--on",
            "2021-01-01",
            "--reason",
            "resigned",
        ],
        USAGE,
        &["2021-01-01", "2021-10-01"],
    );
}

#[test]
fn invalid_status_stage_level_and_other_codes() {
    let e = Env::fixture();
    // clap rejects values it knows the set of.
    let err = e.refuse(&["member", "list", "--status", "bogus"], USAGE);
    assert!(err.contains("bogus") && err.contains("serving"), "{err}");
    let err = e.refuse(&["--format", "xml", "member", "list"], USAGE);
    assert!(err.contains("xml") && err.contains("json"), "{err}");
    e.refuse_with(
        &["proposal", "set", "1", "--stage", "bogus"],
        USAGE,
        &["办理阶段", "bogus", "filed"],
    );
    e.refuse_with(&["proposal", "list", "--stage", "bogus"], USAGE, &["bogus"]);
    for args in [
        &["opinion", "adopt", "1", "--level", "town", "--date", "2022-06-01"][..],
        &[
            "opinion",
            "instruct",
            "1",
            "--level",
            "town",
            "--date",
            "2022-06-01",
        ],
        &[
            "commend",
            "add",
            "E002",
            "--level",
            "town",
            "--date",
            "2022-12-01",
            "--reason",
            "x",
        ],
        &["init", "--level", "town"],
    ] {
        e.refuse_with(args, USAGE, &["级别", "town", "county"]);
    }
    e.refuse_with(
        &[
            "member",
            "leave",
            "E002",
            "--on",
            "2022-06-01",
            "--reason",
            "fired",
        ],
        USAGE,
        &["离任原因", "fired", "resigned"],
    );
    e.refuse_with(
        &["member", "add", "周敏", "--sector", "教育界", "--gender", "x"],
        USAGE,
        &["性别", "x"],
    );
    e.refuse_with(
        &["org", "add", "文史委", "--kind", "club"],
        USAGE,
        &["组织类型", "club"],
    );
    e.refuse_with(
        &[
            "org",
            "join",
            "提案委员会",
            "M001",
            "--role",
            "boss",
            "--from",
            "2022-01-01",
        ],
        USAGE,
        &["职务", "boss"],
    );
    e.refuse_with(
        &["proposal", "set", "1", "--satisfaction", "meh"],
        USAGE,
        &["满意度", "meh"],
    );
    e.refuse_with(
        &[
            "proposal", "add", "提案", "--year", "2022", "--type", "solo", "--lead", "E002",
        ],
        USAGE,
        &["solo"],
    );
    e.refuse_with(&["kind", "add", "Bad-Code", "--zh", "坏"], USAGE, &["Bad-Code"]);
    e.refuse_with(
        &[
            "adjust", "add", "E002", "--year", "2022", "--points", "abc", "--reason", "x",
        ],
        USAGE,
        &["分值", "abc"],
    );
    e.refuse_with(&["init", "--term", "0"], USAGE, &["届次", "0"]);
    let en = e.refuse(
        &["--lang", "en", "proposal", "set", "1", "--stage", "bogus"],
        USAGE,
    );
    assert!(en.contains("bogus") && en.starts_with("error:"), "{en}");
}

#[test]
fn a_proposal_with_no_lead_or_two_leads() {
    let e = Env::fixture();
    e.refuse_with(
        &["proposal", "add", "提案", "--year", "2022"],
        USAGE,
        &["第一提案人", "--lead"],
    );
    e.refuse_with(
        &["proposal", "add", "提案", "--year", "2022", "--cosigners", "M001"],
        USAGE,
        &["第一提案人", "--lead"],
    );
    e.refuse_with(
        &[
            "proposal", "add", "提案", "--year", "2022", "--lead", "E002", "--lead", "M001",
        ],
        USAGE,
        &["第一提案人", "2"],
    );
    e.refuse_with(
        &["proposal", "add", "提案", "--year", "2022", "--lead", "E002,M001"],
        USAGE,
        &["第一提案人", "2"],
    );
}

#[test]
fn a_collective_proposal_without_its_organisation() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "proposal",
            "add",
            "集体提案",
            "--year",
            "2022",
            "--type",
            "collective",
        ],
        USAGE,
        &["集体提案", "--org"],
    );
    e.refuse_with(
        &[
            "proposal",
            "add",
            "集体提案",
            "--year",
            "2022",
            "--type",
            "collective",
            "--main-members",
            "E002",
        ],
        USAGE,
        &["--org"],
    );
}

#[test]
fn an_adoption_at_a_level_recorded_twice() {
    let e = Env::fixture();
    e.refuse_with(
        &["opinion", "adopt", "1", "--level", "city", "--date", "2022-06-01"],
        DATA,
        &["关于农村学校师资的建议", "市级", "已"],
    );
}

#[test]
fn an_id_number_with_a_wrong_check_digit() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "member",
            "add",
            "周敏",
            "--sector",
            "教育界",
            "--id-number",
            "110105194912310021",
        ],
        USAGE,
        &["身份证号", "110***********0021", "校验码", "X"],
    );
    let err = e.refuse_with(
        &["member", "edit", "E002", "--id-number", "110105194912310021"],
        USAGE,
        &["110***********0021"],
    );
    assert!(!err.contains("110105194912310021"), "the number is masked: {err}");
}

#[test]
fn a_negative_half_day_count() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "activity",
            "add",
            "plenary",
            "--date",
            "2022-05-10",
            "--title",
            "全会",
            "--half-days",
            "-1",
        ],
        USAGE,
        &["半天数", "-1"],
    );
    e.refuse_with(
        &["attend", "2", "--present", "E002:-1"],
        USAGE,
        &["半天数", "E002:-1"],
    );
    // More half-days than the activity has is refused too.
    e.refuse_with(&["attend", "2", "--present", "E002:9"], USAGE, &["9", "6"]);
}

#[test]
fn a_list_of_names_is_resolved_all_or_nothing() {
    let e = Env::fixture();
    let err = e.refuse_with(
        &["attend", "2", "--present", "E002,无名氏,M001"],
        DATA,
        &["无名氏", "没有写入任何记录"],
    );
    assert!(!err.contains("E002"), "only the unknown one is reported: {err}");
    // Every problem is reported at once.
    e.refuse_with(
        &["attend", "2", "--present", "E002,无名氏,刘洋"],
        DATA,
        &["无名氏", "L001", "L002"],
    );
    e.refuse_with(
        &[
            "org",
            "join",
            "第一联络组",
            "L001,无名氏,L002",
            "--from",
            "2022-02-01",
        ],
        DATA,
        &["无名氏"],
    );
    e.refuse_with(
        &[
            "proposal",
            "add",
            "提案",
            "--year",
            "2022",
            "--lead",
            "E002",
            "--cosigners",
            "M001,无名氏,J001",
        ],
        DATA,
        &["无名氏"],
    );
    e.refuse_with(
        &[
            "opinion",
            "add",
            "信息",
            "--date",
            "2022-04-01",
            "--authors",
            "E002,无名氏,J001",
        ],
        DATA,
        &["无名氏"],
    );
}

#[test]
fn english_messages() {
    let e = Env::fixture();
    let err = e.refuse(
        &["--lang", "en", "member", "add", "周敏", "--sector", "无此界"],
        DATA,
    );
    assert!(err.contains("error: unknown sector '无此界'"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!err.contains("错误"), "{err}");
    let err = e.refuse(&["--lang", "en", "member", "show", "无此人"], DATA);
    assert!(err.contains("unknown member '无此人'"), "{err}");
    let err = e.refuse(
        &[
            "--lang",
            "en",
            "proposal",
            "add",
            "p",
            "--year",
            "2022",
            "--type",
            "collective",
        ],
        USAGE,
    );
    assert!(err.starts_with("error:") && err.contains("--org"), "{err}");
    let err = e.refuse(&["--lang", "en", "member", "list", "--status", "bogus"], USAGE);
    assert!(err.contains("bad command line"), "{err}");
}

#[test]
fn bad_donations_are_refused_and_write_nothing() {
    let e = Env::fixture();
    let before = e.dump();
    let add = |amount: &str, date: &str, who: &str, extra: &[&str]| {
        let mut a = vec![
            "donation",
            "add",
            who,
            "--amount",
            amount,
            "--date",
            date,
            "--purpose",
            "抗疫慰问",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<String>>()
    };
    let refuse = |args: Vec<String>, code: i32, needles: &[&str]| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        e.refuse_with(&a, code, needles);
    };
    refuse(add("0", "2022-11-10", "E002", &[]), USAGE, &["金额", "0"]);
    refuse(add("1.234", "2022-11-10", "E002", &[]), USAGE, &["金额", "1.234"]);
    refuse(add("五百", "2022-11-10", "E002", &[]), USAGE, &["金额", "五百"]);
    refuse(add("500", "2022-02-30", "E002", &[]), USAGE, &["2022-02-30"]);
    refuse(add("500", "2022-11-10", "X999", &[]), DATA, &["X999"]);
    // 孙丽 resigned on 2022-03-01.
    refuse(add("500", "2022-11-10", "S001", &[]), DATA, &["孙丽", "不在任"]);
    refuse(
        add("500", "2022-11-10", "E002", &["--activity", "99"]),
        DATA,
        &["99"],
    );
    e.refuse_with(
        &[
            "donation",
            "add",
            "E002",
            "--amount",
            "500",
            "--date",
            "2022-11-10",
            "--purpose",
            " ",
        ],
        USAGE,
        &["用途"],
    );
    e.refuse_with(&["donation", "remove", "--yes", "7"], DATA, &["7"]);
    assert_eq!(before, e.dump());
}
