//! Every command doing its job.

use crate::common::{Env, bin, json};

#[test]
fn issue_examples_work_as_written() {
    // The calls of the issue, run with LVZHI_DB instead of --db and no --operator.
    let e = Env::new();
    let run = |args: &[&str]| {
        let out = bin().env("LVZHI_DB", &e.db).args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "lvzhi {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["init"]);
    run(&["sector", "add", "教育界"]);
    run(&[
        "member",
        "add",
        "张伟",
        "--sector",
        "教育界",
        "--code",
        "E001",
        "--id-number",
        "11010519491231002X",
        "--workplace",
        "县第一中学",
    ]);
    // The fixture of the example: E002, M001 and a 王芳 who is neither.
    run(&["member", "add", "李明", "--sector", "教育界", "--code", "E002"]);
    run(&["member", "add", "赵强", "--sector", "教育界", "--code", "M001"]);
    run(&["member", "add", "王芳", "--sector", "教育界", "--code", "W001"]);
    run(&[
        "member",
        "leave",
        "E001",
        "--on",
        "2022-03-01",
        "--reason",
        "disqualified",
    ]);
    let id = run(&[
        "activity",
        "add",
        "inspection",
        "--date",
        "2022-05-10",
        "--title",
        "视察农村学校",
    ]);
    assert_eq!(id, "1\n");
    run(&["attend", "1", "--present", "E002,王芳", "--excused", "M001"]);
    let list = json(&run(&["--format", "json", "member", "list"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let zhang = rows.iter().find(|r| r["code"] == "E001").unwrap();
    assert_eq!(zhang["name"], "张伟");
    assert_eq!(zhang["sector"], "教育界");
    assert_eq!(zhang["workplace"], "县第一中学");
    assert_eq!(zhang["status"], "left");
    // The ID number's 17th digit is even: the gender comes from it.
    assert_eq!(zhang["gender"], "female");
    let c = e.conn();
    let marks: Vec<(String, String)> = c
        .prepare(
            "SELECT m.code, a.status FROM attendance a JOIN member m ON m.id = a.member_id
             ORDER BY m.code",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let want = [("E002", "present"), ("M001", "excused"), ("W001", "present")];
    assert_eq!(marks, want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec());
    let (left_on, reason): (String, String) = c
        .query_row(
            "SELECT left_on, left_reason FROM member WHERE code = 'E001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (left_on.as_str(), reason.as_str()),
        ("2022-03-01", "disqualified")
    );
}

#[test]
fn init_is_idempotent_and_sets_the_committee() {
    let e = Env::init();
    let first = e.dump();
    e.ok(&["init"]);
    assert_eq!(first, e.dump(), "a second init changed the database");
    e.ok(&[
        "init",
        "--name",
        "政协代县委员会",
        "--level",
        "county",
        "--term",
        "16",
    ]);
    let row: (String, String, i64) = e
        .conn()
        .query_row("SELECT name, level, term FROM committee", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(row, ("政协代县委员会".into(), "county".into(), 16));
    // Later inits keep what they are not told.
    e.ok(&["init", "--term", "17"]);
    let row: (String, i64) = e
        .conn()
        .query_row("SELECT name, term FROM committee", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(row, ("政协代县委员会".into(), 17));
}

#[test]
fn init_creates_sectors_only_on_request() {
    let e = Env::init();
    assert_eq!(e.count("SELECT count(*) FROM sector"), 0);
    e.ok(&["init", "--sectors", "standard"]);
    let n = e.count("SELECT count(*) FROM sector");
    assert!(n >= 10, "only {n} standard sectors");
    let names = e.ok(&["sector", "list"]);
    assert!(names.contains("教育界"), "{names}");
    // Again: nothing new.
    e.ok(&["init", "--sectors", "standard"]);
    assert_eq!(e.count("SELECT count(*) FROM sector"), n);
}

#[test]
fn sector_add_and_list() {
    let e = Env::init();
    e.ok(&["sector", "add", "教育界"]);
    e.ok(&["sector", "add", "农业界", "--code", "NY", "--order", "0"]);
    let rows = json(&e.ok(&["--format", "json", "sector", "list"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "农业界", "--order 0 comes first");
    assert_eq!(rows[0]["code"], "NY");
    assert_eq!(rows[1]["name"], "教育界");
    assert_eq!(rows[1]["members"], 0);
}

#[test]
fn org_add_list_join_leave_members() {
    let e = Env::fixture();
    let orgs = json(&e.ok(&["--format", "json", "org", "list"]));
    let names: Vec<&str> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    for n in ["常务委员会", "提案委员会", "第一联络组"] {
        assert!(names.contains(&n), "{names:?}");
    }
    e.ok(&["org", "add", "文史委员会", "--kind", "special", "--code", "WS"]);
    e.ok(&["org", "join", "WS", "L001,L002", "--from", "2022-02-01"]);
    let m = json(&e.ok(&["--format", "json", "org", "members", "文史委员会"]));
    let codes: Vec<&str> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["member_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["L001", "L002"]);
    e.ok(&["org", "leave", "文史委员会", "L001", "--on", "2022-08-01"]);
    let m = json(&e.ok(&["--format", "json", "org", "members", "WS"]));
    let l001 = m
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member_code"] == "L001")
        .unwrap();
    assert_eq!(l001["end_on"], "2022-08-01");
    let current = json(&e.ok(&["--format", "json", "member", "list", "--org", "WS"]));
    let codes: Vec<&str> = current
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["L002"]);
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn member_list_filters() {
    let e = Env::fixture();
    let all = json(&e.ok(&["--format", "json", "member", "list"]));
    assert_eq!(
        codes(&all),
        ["E002", "J001", "L001", "L002", "M001", "N001", "S001"]
    );
    let list = |extra: &[&str]| {
        let mut a = vec!["--format", "json", "member", "list"];
        a.extend_from_slice(extra);
        codes(&json(&e.ok(&a)))
    };
    assert_eq!(list(&["--sector", "教育界"]), ["E002", "L001", "S001"]);
    assert_eq!(list(&["--status", "left"]), ["S001"]);
    assert_eq!(
        list(&["--status", "serving"]),
        ["E002", "J001", "L001", "L002", "M001", "N001"]
    );
    assert_eq!(list(&["--status", "all"]).len(), 7);
    assert_eq!(list(&["--standing"]), ["J001"]);
    assert_eq!(list(&["--org", "提案委员会"]), ["E002", "J001"]);
    assert_eq!(
        list(&["--sector", "经济界", "--status", "serving"]),
        ["J001", "M001", "N001"]
    );
}

#[test]
fn member_show_prints_profile_and_history() {
    let e = Env::fixture();
    let out = e.ok(&["member", "show", "J001"]);
    for s in [
        "王芳",
        "经济界",
        "常务委员会",
        "提案委员会",
        "2021-10-01",
        "2022-01-01",
    ] {
        assert!(out.contains(s), "missing {s}:\n{out}");
    }
    let doc = json(&e.ok(&["--format", "json", "member", "show", "J001"]));
    let hist = doc
        .as_object()
        .unwrap()
        .values()
        .find_map(|v| v.as_array())
        .expect("a list of memberships");
    assert_eq!(hist.len(), 2, "{doc}");
}

#[test]
fn member_show_masks_the_phone_unless_revealed_and_logs_a_reveal() {
    let e = Env::fixture();
    let before = e.dump();
    let out = e.ok(&["member", "show", "J001"]);
    assert!(out.contains("138****5678"), "{out}");
    assert!(!out.contains("13812345678"), "{out}");
    assert_eq!(before, e.dump(), "a plain show must not write");
    let logged = e.count("SELECT count(*) FROM audit_log");
    let out = e.ok(&["member", "show", "J001", "--reveal"]);
    assert!(out.contains("13812345678"), "{out}");
    assert_eq!(e.count("SELECT count(*) FROM audit_log"), logged + 1);
    let (op, cmd, after): (String, String, String) = e
        .conn()
        .query_row(
            "SELECT operator, command, after FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(op, "tester");
    assert!(cmd.contains("--reveal"), "{cmd}");
    assert!(after.contains("J001"), "{after}");
}

#[test]
fn member_add_generates_a_code_and_takes_the_fields() {
    let e = Env::fixture();
    e.ok(&[
        "member",
        "add",
        "周敏",
        "--sector",
        "医药卫生界",
        "--gender",
        "女",
        "--ethnicity",
        "汉族",
        "--birth",
        "1968.05",
        "--party",
        "民盟盟员",
        "--workplace",
        "县中医院",
        "--title",
        "院长",
        "--joined",
        "2021-10-01",
    ]);
    let (code, gender, birth, party): (String, String, String, String) = e
        .conn()
        .query_row(
            "SELECT code, gender, birth_date, party FROM member WHERE name = '周敏'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert!(!code.is_empty());
    assert_eq!(gender, "female");
    assert_eq!(birth, "1968-05", "the precision given is kept");
    assert_eq!(party, "民盟盟员");
}

#[test]
fn member_edit_changes_fields_and_logs_before_and_after() {
    let e = Env::fixture();
    e.ok(&[
        "member",
        "edit",
        "E002",
        "--workplace",
        "县第二中学",
        "--title",
        "校长",
    ]);
    let after = json(&e.ok(&["--format", "json", "member", "list", "--sector", "教育界"]));
    let li = after
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "E002")
        .unwrap();
    assert_eq!(li["workplace"], "县第二中学");
    assert_eq!(li["title"], "校长");
    let (before, after, action): (String, String, String) = e
        .conn()
        .query_row(
            "SELECT before, after, action FROM audit_log WHERE table_name = 'member'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(action, "update");
    let before = json(&before);
    let after = json(&after);
    assert_eq!(before["workplace"], serde_json::Value::Null);
    assert_eq!(after["workplace"], "县第二中学");
    assert_eq!(before["code"], "E002");
    // The log command shows the same entry.
    let log = json(&e.ok(&["--format", "json", "log", "--table", "member", "--limit", "1"]));
    let entry = &log.as_array().unwrap()[0];
    assert!(entry["after"].to_string().contains("县第二中学"), "{entry}");
    assert_eq!(entry["operator"], "tester");
    // "" clears a field.
    e.ok(&["member", "edit", "E002", "--title", ""]);
    assert_eq!(
        e.count("SELECT count(*) FROM member WHERE code = 'E002' AND title IS NULL"),
        1
    );
}

#[test]
fn member_leave_ends_memberships() {
    let e = Env::fixture();
    e.ok(&[
        "member",
        "leave",
        "J001",
        "--on",
        "2022-09-01",
        "--reason",
        "moved",
    ]);
    assert_eq!(
        e.count(
            "SELECT count(*) FROM membership x JOIN member m ON m.id = x.member_id
             WHERE m.code = 'J001' AND x.end_on IS NULL"
        ),
        0
    );
    let left = json(&e.ok(&["--format", "json", "member", "list", "--status", "left"]));
    assert_eq!(codes(&left), ["J001", "S001"]);
    let standing = json(&e.ok(&["--format", "json", "member", "list", "--standing"]));
    assert_eq!(standing.as_array().unwrap().len(), 0);
}

#[test]
fn kind_add_and_list() {
    let e = Env::init();
    let kinds = json(&e.ok(&["--format", "json", "kind", "list"]));
    let builtin: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .collect();
    for k in [
        "plenary",
        "standing",
        "chair",
        "consultation",
        "inspection",
        "research",
        "supervision",
        "training",
        "reading",
        "group",
        "speech_written",
        "welfare",
        "liaison",
        "other",
    ] {
        assert!(builtin.contains(&k), "built-in kind {k} missing");
    }
    e.ok(&["kind", "add", "visit", "--zh", "走访", "--en", "Visit"]);
    let kinds = json(&e.ok(&["--format", "json", "kind", "list"]));
    let visit = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["code"] == "visit")
        .expect("the new kind");
    assert_eq!(visit["name_zh"], "走访");
    assert_eq!(visit["name_en"], "Visit");
    assert_eq!(visit["builtin"], false);
    // The new kind can be used, by code or by its Chinese name.
    e.ok(&[
        "activity",
        "add",
        "走访",
        "--date",
        "2022-03-03",
        "--title",
        "走访企业",
    ]);
}

#[test]
fn activity_add_list_show() {
    let e = Env::fixture();
    let id = e.ok(&[
        "activity",
        "add",
        "research",
        "--date",
        "2022-08-01",
        "--end",
        "2022-08-03",
        "--title",
        "黄酒产业调研",
        "--org",
        "提案委员会",
        "--location",
        "代县",
    ]);
    assert_eq!(id, "4\n", "add prints only the new id on stdout");
    let list = json(&e.ok(&["--format", "json", "activity", "list", "--year", "2022"]));
    let a = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == 4)
        .expect("the new activity");
    assert_eq!(a["title"], "黄酒产业调研");
    assert_eq!(a["start_on"], "2022-08-01");
    assert_eq!(a["end_on"], "2022-08-03");
    assert_eq!(a["half_days"], 6, "three days are six half-days");
    assert_eq!(a["organiser"], "提案委员会");
    let insp = json(&e.ok(&["--format", "json", "activity", "list", "--kind", "inspection"]));
    assert_eq!(insp.as_array().unwrap().len(), 1);
    let show = e.ok(&["activity", "show", "1"]);
    for s in ["视察农村学校", "李明", "王芳", "赵强"] {
        assert!(show.contains(s), "missing {s}:\n{show}");
    }
}

#[test]
fn attend_records_statuses_roles_and_half_days() {
    let e = Env::fixture();
    e.ok(&[
        "attend",
        "2",
        "--present",
        "E002",
        "--late",
        "J001:5",
        "--left-early",
        "L001",
        "--absent",
        "L002",
        "--speaker",
        "M001",
        "--excused",
        "S001",
    ]);
    // S001 left on 2022-03-01 but was serving at the January plenary.
    let rows: Vec<(String, String, String, Option<f64>)> = e
        .conn()
        .prepare(
            "SELECT m.code, a.status, a.role, a.half_days FROM attendance a
             JOIN member m ON m.id = a.member_id WHERE a.activity_id = 2 ORDER BY m.code",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let want: Vec<(String, String, String, Option<f64>)> = [
        ("E002", "present", "participant", Some(6.0)),
        ("J001", "late", "participant", Some(5.0)),
        ("L001", "left_early", "participant", Some(6.0)),
        ("L002", "absent", "participant", Some(0.0)),
        ("M001", "present", "speaker", Some(6.0)),
        ("S001", "excused", "participant", Some(0.0)),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), *d))
    .collect();
    assert_eq!(rows, want);
    // Recording again changes the existing row.
    e.ok(&["attend", "2", "--present", "L002"]);
    assert_eq!(
        e.count(
            "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id
             WHERE a.activity_id = 2 AND m.code = 'L002' AND a.status = 'present'"
        ),
        1
    );
    assert_eq!(
        e.count("SELECT count(*) FROM attendance WHERE activity_id = 2"),
        6
    );
}

#[test]
fn proposal_add_set_list_show() {
    let e = Env::fixture();
    let id = e.ok(&[
        "proposal",
        "add",
        "关于黄酒产业发展的提案",
        "--year",
        "2022",
        "--session",
        "十六届二次会议",
        "--type",
        "collective",
        "--org",
        "提案委员会",
        "--main-members",
        "E002,J001",
    ]);
    assert_eq!(id, "2\n");
    e.ok(&[
        "proposal",
        "set",
        "2022001",
        "--stage",
        "filed",
        "--key",
        "--unit",
        "县教育局",
        "--reply-on",
        "2022-06-30",
        "--satisfaction",
        "satisfied",
    ]);
    let list = json(&e.ok(&["--format", "json", "proposal", "list", "--year", "2022"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let p1 = &rows[0];
    assert_eq!(p1["number"], "2022001");
    assert_eq!(p1["stage"], "filed");
    assert_eq!(p1["key"], true);
    assert_eq!(p1["type"], "joint");
    assert_eq!(p1["lead"], "李明");
    assert_eq!(p1["handling_unit"], "县教育局");
    let p2 = &rows[1];
    assert_eq!(p2["type"], "collective");
    assert_eq!(p2["org"], "提案委员会");
    let filed = json(&e.ok(&["--format", "json", "proposal", "list", "--stage", "filed"]));
    assert_eq!(filed.as_array().unwrap().len(), 1);
    let mine = json(&e.ok(&["--format", "json", "proposal", "list", "--member", "J001"]));
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let show = e.ok(&["proposal", "show", "1"]);
    for s in [
        "关于改善农村学校条件的提案",
        "李明",
        "赵强",
        "2022-06-30",
        "县教育局",
    ] {
        assert!(show.contains(s), "missing {s}:\n{show}");
    }
}

#[test]
fn opinion_add_adopt_instruct_list_show() {
    let e = Env::fixture();
    let id = e.ok(&[
        "opinion",
        "add",
        "关于住房分配的建议",
        "--date",
        "2022-06-01",
        "--authors",
        "J001",
        "--number",
        "SQ-2",
    ]);
    assert_eq!(id, "2\n");
    e.ok(&[
        "opinion",
        "adopt",
        "SQ-2",
        "--level",
        "province",
        "--date",
        "2022-07-01",
    ]);
    e.ok(&[
        "opinion",
        "instruct",
        "2",
        "--level",
        "county",
        "--date",
        "2022-07-05",
        "--leader",
        "县长",
    ]);
    let list = json(&e.ok(&["--format", "json", "opinion", "list", "--year", "2022"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let mine = json(&e.ok(&["--format", "json", "opinion", "list", "--member", "J001"]));
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["title"], "关于住房分配的建议");
    assert_eq!(mine[0]["lead"], "王芳");
    let show = e.ok(&["opinion", "show", "2"]);
    for s in ["关于住房分配的建议", "王芳", "省级", "县长", "2022-07-05"] {
        assert!(show.contains(s), "missing {s}:\n{show}");
    }
    assert_eq!(e.count("SELECT count(*) FROM opinion_adoption"), 2);
    assert_eq!(e.count("SELECT count(*) FROM opinion_instruction"), 1);
}

#[test]
fn commend_and_adjust() {
    let e = Env::fixture();
    e.ok(&[
        "commend",
        "add",
        "E002",
        "--level",
        "city",
        "--date",
        "2022-12-01",
        "--reason",
        "优秀委员",
    ]);
    e.ok(&[
        "adjust",
        "add",
        "M001",
        "--year",
        "2022",
        "--points",
        "-2.5",
        "--reason",
        "迟交提案",
    ]);
    e.ok(&[
        "adjust", "add", "E002", "--year", "2022", "--points", "25/6", "--reason", "补记",
    ]);
    let c = json(&e.ok(&["--format", "json", "commend", "list", "--year", "2022"]));
    let c = c.as_array().unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["code"], "E002");
    assert_eq!(c[0]["level"], "city");
    assert_eq!(c[0]["reason"], "优秀委员");
    let a = json(&e.ok(&["--format", "json", "adjust", "list", "--member", "M001"]));
    let a = a.as_array().unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["points"], -2.5);
    let all = json(&e.ok(&["--format", "json", "adjust", "list", "--year", "2022"]));
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(
        e.count("SELECT count(*) FROM adjustment WHERE points = '25/6'"),
        1,
        "a fraction is kept exact"
    );
}

#[test]
fn log_filters() {
    let e = Env::fixture();
    e.run_as("alice", &["member", "edit", "M001", "--title", "经理"])
        .status
        .success()
        .then_some(())
        .expect("edit as alice");
    let rows = |extra: &[&str]| {
        let out = bin()
            .arg("--db")
            .arg(&e.db)
            .args(["--operator", "bob", "--format", "json", "log"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        json(&String::from_utf8(out.stdout).unwrap())
            .as_array()
            .unwrap()
            .clone()
    };
    let all = rows(&[]);
    assert_eq!(all.len() as i64, e.count("SELECT count(*) FROM audit_log"));
    let alice = rows(&["--by", "alice"]);
    assert_eq!(alice.len(), 1);
    assert_eq!(alice[0]["table"], "member");
    let m001: i64 = e
        .conn()
        .query_row("SELECT id FROM member WHERE code = 'M001'", [], |r| r.get(0))
        .unwrap();
    let row = rows(&["--table", "member", "--row", &m001.to_string()]);
    assert_eq!(row.len(), 2, "insert and edit of M001: {row:?}");
    assert!(row.iter().all(|r| r["row_id"] == m001));
    let att = rows(&["--table", "attendance"]);
    assert_eq!(att.len(), 3);
    assert_eq!(rows(&["--limit", "2"]).len(), 2);
    assert_eq!(rows(&["--since", "2000-01-01"]).len(), all.len());
    assert_eq!(rows(&["--since", "2199-01-01"]).len(), 0);
}

#[test]
fn proposal_merge_conversion_and_flags() {
    let e = Env::fixture();
    e.ok(&[
        "proposal",
        "add",
        "关于校车的提案",
        "--year",
        "2022",
        "--lead",
        "L001",
    ]);
    e.ok(&[
        "proposal",
        "set",
        "2",
        "--stage",
        "merged",
        "--merged-into",
        "2022001",
    ]);
    // Only a filed proposal can be key or excellent.
    e.refuse_with(&["proposal", "set", "2022001", "--key"], 1, &["立案", "重点"]);
    e.ok(&[
        "proposal",
        "set",
        "2022001",
        "--stage",
        "filed",
        "--key",
        "--excellent",
        "--forwarded",
    ]);
    e.ok(&["proposal", "set", "2022001", "--no-excellent"]);
    let p = json(&e.ok(&["--format", "json", "proposal", "show", "2"]));
    assert_eq!(p["proposal"]["stage"], "merged");
    assert_eq!(p["proposal"]["merged_into"], 1, "the id of 2022001");
    let p = json(&e.ok(&["--format", "json", "proposal", "show", "2022001"]));
    assert_eq!(p["proposal"]["key"], true);
    assert_eq!(p["proposal"]["excellent"], false);
    assert_eq!(p["proposal"]["forwarded_up"], true);
    assert_eq!(p["authors"].as_array().unwrap().len(), 2);
    // Not filed, converted to an opinion report that links back.
    let third = e.ok(&[
        "proposal",
        "add",
        "关于师资的提案",
        "--year",
        "2022",
        "--lead",
        "E002",
    ]);
    assert_eq!(third, "3\n");
    e.ok(&["proposal", "set", "3", "--stage", "not_filed"]);
    e.ok(&["proposal", "set", "3", "--stage", "converted"]);
    let id = e.ok(&[
        "opinion",
        "add",
        "关于农村学校的建议",
        "--date",
        "2022-06-01",
        "--authors",
        "E002",
        "--from-proposal",
        "3",
    ]);
    let p = json(&e.ok(&["--format", "json", "proposal", "show", "3"]));
    assert_eq!(p["proposal"]["opinion"].to_string(), id.trim());
    let o = json(&e.ok(&["--format", "json", "opinion", "show", id.trim()]));
    assert_eq!(
        o["opinion"]["from_proposal"], "3",
        "its number, or its id when it has none"
    );
    // A proposal is converted once.
    e.refuse_with(
        &[
            "opinion",
            "add",
            "再转一次",
            "--date",
            "2022-06-02",
            "--authors",
            "E002",
            "--from-proposal",
            "3",
        ],
        1,
        &["关于师资的提案"],
    );
}

#[test]
fn attend_remove_deletes_a_mistaken_row_and_logs_it() {
    let e = Env::fixture();
    let rows = |e: &Env| e.count("SELECT count(*) FROM attendance WHERE activity_id = 1");
    assert_eq!(rows(&e), 3);
    // Not recorded there: refused, nothing changed.
    e.refuse_with(
        &["attend", "1", "--yes", "--remove", "L001"],
        1,
        &["L001", "没有登记"],
    );
    // Listed to record and to remove at once: refused.
    e.refuse_with(
        &["attend", "1", "--present", "M001", "--yes", "--remove", "M001"],
        2,
        &["两次"],
    );
    e.ok(&["attend", "1", "--yes", "--remove", "M001"]);
    assert_eq!(rows(&e), 2);
    let (action, before, after): (String, String, Option<String>) = e
        .conn()
        .query_row(
            "SELECT action, before, after FROM audit_log WHERE table_name = 'attendance' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(action, "delete");
    assert!(before.contains("\"status\":\"excused\""), "{before}");
    assert_eq!(after, None);
}

#[test]
fn proposal_authors_are_replaced_whole_and_logged() {
    let e = Env::fixture();
    // Proposal 2022001: lead E002, co-signer M001. M001 was entered by mistake: J001 signed.
    e.ok(&[
        "proposal",
        "authors",
        "2022001",
        "--lead",
        "E002",
        "--cosigners",
        "J001",
    ]);
    let show = json(&e.ok(&["--format", "json", "proposal", "show", "2022001"]));
    let codes: Vec<&str> = show["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E002", "J001"]);
    assert_eq!(show["proposal"]["type"], "joint");
    let deleted =
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'proposal_author' AND action = 'delete'");
    assert_eq!(deleted, 2);
    // Now an individual proposal of E002.
    e.ok(&["proposal", "authors", "2022001", "--lead", "E002"]);
    let show = json(&e.ok(&["--format", "json", "proposal", "show", "2022001"]));
    assert_eq!(show["proposal"]["type"], "individual");
    assert_eq!(show["authors"].as_array().unwrap().len(), 1);
    // Bad authors are refused and nothing changes: no lead, two leads, collective without org,
    // a member who was not serving on the day (N001 joined in June; submitted 2022-01-11).
    e.refuse_with(
        &["proposal", "authors", "2022001", "--cosigners", "J001"],
        2,
        &["第一提案人"],
    );
    e.refuse_with(
        &["proposal", "authors", "2022001", "--lead", "E002,J001"],
        2,
        &["一位第一提案人"],
    );
    e.refuse_with(
        &["proposal", "authors", "2022001", "--type", "collective"],
        2,
        &["--org"],
    );
    e.refuse_with(
        &["proposal", "authors", "2022001", "--lead", "N001"],
        1,
        &["N001", "不在任"],
    );
    // A collective proposal of an organisation with main members.
    e.ok(&[
        "proposal",
        "authors",
        "2022001",
        "--org",
        "提案委员会",
        "--main-members",
        "E002,J001",
    ]);
    let show = json(&e.ok(&["--format", "json", "proposal", "show", "2022001"]));
    assert_eq!(show["proposal"]["type"], "collective");
    assert_eq!(show["proposal"]["org"], "提案委员会");
}

#[test]
fn donations_are_recorded_listed_totalled_and_removed() {
    let e = Env::fixture();
    let id = e.ok(&[
        "donation",
        "add",
        "E002",
        "--amount",
        "1,200.50",
        "--date",
        "2022-11-10",
        "--purpose",
        "抗疫慰问",
    ]);
    assert_eq!(id.trim(), "1");
    e.ok(&[
        "donation",
        "add",
        "M001",
        "--amount",
        "0.5万",
        "--date",
        "2022-11-12",
        "--purpose",
        "抗疫物资",
        "--goods",
        "--activity",
        "1",
    ]);
    e.ok(&[
        "donation",
        "add",
        "E002",
        "--amount",
        "300元",
        "--date",
        "2022-12-20",
        "--purpose",
        "助学",
    ]);
    e.ok(&[
        "donation",
        "add",
        "E002",
        "--amount",
        "99",
        "--date",
        "2021-12-20",
        "--purpose",
        "助学",
    ]);
    let l = json(&e.ok(&["--format", "json", "donation", "list", "--year", "2022"]));
    let l = l.as_array().unwrap();
    assert_eq!(l.len(), 3);
    assert_eq!(l[0]["amount"], 1200.5);
    assert_eq!(l[0]["kind"], "money");
    assert_eq!(l[1]["kind"], "goods");
    assert_eq!(l[1]["activity_id"], 1);
    assert_eq!(e.count("SELECT amount_fen FROM donation WHERE id = 1"), 120_050);
    // The year's totals: money from one member twice, goods from another.
    let s = json(&e.ok(&["--format", "json", "report", "summary", "--year", "2022"]));
    let d = s["donations"].as_array().unwrap();
    assert_eq!(
        (
            d[0]["item"].as_str(),
            d[0]["count"].as_i64(),
            d[0]["donors"].as_i64()
        ),
        (Some("money"), Some(2), Some(1))
    );
    assert_eq!(d[0]["amount"], 1500.5);
    assert_eq!(d[1]["amount"], 5000.0);
    assert_eq!(
        (d[2]["count"].as_i64(), d[2]["donors"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(d[2]["amount"], 6500.5);
    let record = e.ok(&["report", "member", "E002", "--year", "2022"]);
    assert!(
        record.contains("捐款捐物") && record.contains("1200.50") && !record.contains("99.00"),
        "{record}"
    );
    // A mistaken one is removed; its image stays in the audit log.
    e.ok(&["donation", "remove", "--yes", "2"]);
    let l = json(&e.ok(&["--format", "json", "donation", "list", "--member", "M001"]));
    assert!(l.as_array().unwrap().is_empty());
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'donation' AND action = 'delete' AND before LIKE '%抗疫物资%'"),
        1
    );
}

#[test]
fn opinion_authors_are_replaced_whole_and_logged() {
    let e = Env::fixture();
    // Report 1 was written by E002 and M001; J001 was its lead, with E002.
    e.ok(&["opinion", "authors", "1", "--authors", "J001,E002"]);
    let show = json(&e.ok(&["--format", "json", "opinion", "show", "1"]));
    let authors: Vec<(&str, &str)> = show["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["code"].as_str().unwrap(), a["role"].as_str().unwrap()))
        .collect();
    assert_eq!(authors, [("J001", "lead"), ("E002", "co_author")]);
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'opinion_author' AND action = 'delete'"),
        2
    );
    let before = e.dump();
    e.refuse_with(
        &["opinion", "authors", "1", "--authors", "E002,E002"],
        2,
        &["两次"],
    );
    e.refuse_with(&["opinion", "authors", "1", "--authors", "X999"], 1, &["X999"]);
    e.refuse_with(&["opinion", "authors", "99", "--authors", "E002"], 1, &["99"]);
    assert_eq!(before, e.dump());
}
