//! Other duty outputs (履职成果): recorded, listed, shown, removed, imported, locked with their
//! year, and scored through a rule file.

use crate::common::{Env, json};

fn add(e: &Env, title: &str, kind: &str, date: &str, authors: &str, extra: &[&str]) -> String {
    let mut a = vec![
        "contribution",
        "add",
        title,
        "--kind",
        kind,
        "--date",
        date,
        "--authors",
        authors,
    ];
    a.extend_from_slice(extra);
    e.ok(&a).trim().to_string()
}

#[test]
fn contributions_are_added_listed_shown_and_removed() {
    let e = Env::fixture();
    let id = add(
        &e,
        "关于乡村旅游的调研报告",
        "调研报告",
        "2022-05-20",
        "E002,M001",
        &["--level", "city", "--outlet", "忻州日报"],
    );
    assert_eq!(id, "1");
    add(&e, "学习心得一", "study", "2022-07-01", "M001", &[]);
    add(&e, "去年的报道", "media", "2021-12-01", "E002", &[]);
    let l = json(&e.ok(&["--format", "json", "contribution", "list", "--year", "2022"]));
    let l = l.as_array().unwrap();
    assert_eq!(l.len(), 2);
    assert_eq!(l[0]["kind"], "research_report");
    assert_eq!(l[0]["level"], "city");
    assert_eq!(l[0]["outlet"], "忻州日报");
    assert_eq!(l[0]["authors"], "李明、赵强");
    // Filters: by member and by kind.
    let l = json(&e.ok(&["--format", "json", "contribution", "list", "--member", "E002"]));
    assert_eq!(l.as_array().unwrap().len(), 2);
    let l = json(&e.ok(&["--format", "json", "contribution", "list", "--kind", "学习心得"]));
    assert_eq!(l.as_array().unwrap().len(), 1);
    let show = json(&e.ok(&["--format", "json", "contribution", "show", "1"]));
    let authors: Vec<(&str, &str)> = show["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["code"].as_str().unwrap(), a["role"].as_str().unwrap()))
        .collect();
    assert_eq!(authors, [("E002", "lead"), ("M001", "co_author")]);
    // The member record and the year's summary.
    let record = e.ok(&["report", "member", "M001", "--year", "2022"]);
    assert!(
        record.contains("履职成果") && record.contains("关于乡村旅游的调研报告") && record.contains("合作者"),
        "{record}"
    );
    let s = json(&e.ok(&["--format", "json", "report", "summary", "--year", "2022"]));
    let c = s["contributions"].as_array().unwrap();
    let total = c.last().unwrap();
    assert_eq!(
        (
            total["kind"].as_str(),
            total["count"].as_i64(),
            total["authors"].as_i64()
        ),
        (Some("total"), Some(2), Some(2))
    );
    // Listing to a file.
    let out = e.dir.path().join("c.csv");
    e.ok(&[
        "contribution",
        "list",
        "--year",
        "2022",
        "-o",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("标题") && csv.contains("学习心得一"), "{csv}");
    // Removing asks first; with --yes the record and its authors go, their images stay logged.
    e.refuse_with(&["contribution", "remove", "1"], 1, &["关于乡村旅游的调研报告"]);
    e.ok(&["contribution", "remove", "--yes", "1"]);
    assert_eq!(e.count("SELECT count(*) FROM contribution WHERE id = 1"), 0);
    assert_eq!(
        e.count("SELECT count(*) FROM contribution_author WHERE contribution_id = 1"),
        0
    );
    assert_eq!(
        e.count(
            "SELECT count(*) FROM audit_log WHERE table_name IN ('contribution', 'contribution_author') AND action = 'delete'"
        ),
        3
    );
    e.refuse_with(&["contribution", "remove", "--yes", "1"], 1, &["1"]);
}

#[test]
fn committees_add_their_own_kinds() {
    let e = Env::fixture();
    e.ok(&["contribution", "kind", "add", "poem", "--zh", "诗词创作"]);
    let l = json(&e.ok(&["--format", "json", "contribution", "kind", "list"]));
    let codes: Vec<&str> = l
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "research_report",
            "history",
            "media",
            "pairing",
            "enterprise",
            "study",
            "poem"
        ]
    );
    add(&e, "咏雁门", "诗词创作", "2022-08-01", "J001", &[]);
    e.refuse_with(
        &["contribution", "kind", "add", "poem", "--zh", "诗"],
        1,
        &["poem", "已存在"],
    );
    e.refuse_with(
        &["contribution", "kind", "add", "Bad-Code", "--zh", "坏"],
        2,
        &["Bad-Code"],
    );
}

#[test]
fn bad_contributions_are_refused_and_change_nothing() {
    let e = Env::fixture();
    let base = |kind: &'static str, date: &'static str, authors: &'static str| {
        vec![
            "contribution",
            "add",
            "标题",
            "--kind",
            kind,
            "--date",
            date,
            "--authors",
            authors,
        ]
    };
    // Unknown kind: the message names it and says where the kinds are.
    e.refuse_with(
        &base("诗词", "2022-05-01", "E002"),
        1,
        &["诗词", "contribution kind list"],
    );
    // S001 left on 2022-03-01; N001 joined on 2022-06-01.
    e.refuse_with(
        &base("media", "2022-05-01", "S001"),
        1,
        &["孙丽", "2022-05-01", "不在任"],
    );
    e.refuse_with(&base("media", "2022-05-01", "N001"), 1, &["陈静"]);
    e.refuse_with(&base("media", "2022-05-01", "E002,E002"), 2, &["两次"]);
    e.refuse_with(&base("media", "2022-05-01", "X999"), 1, &["X999"]);
    e.refuse_with(&base("media", "2022-13-01", "E002"), 2, &["2022-13-01"]);
    let mut a = base("media", "2022-05-01", "E002");
    a.extend(["--level", "town"]);
    e.refuse_with(&a, 2, &["town"]);
    e.refuse_with(&["contribution", "show", "9"], 1, &["9"]);
}

#[test]
fn a_finalised_year_locks_its_contributions() {
    let e = Env::new();
    e.ok(&["demo"]);
    add(
        &e,
        "调研报告甲",
        "research_report",
        "2022-04-01",
        "D001",
        &["--level", "county"],
    );
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    let before = e.dump();
    e.refuse_with(
        &[
            "contribution",
            "add",
            "调研报告乙",
            "--kind",
            "research_report",
            "--date",
            "2022-06-01",
            "--authors",
            "D001",
        ],
        1,
        &["已定稿", "--supersede"],
    );
    e.refuse_with(&["contribution", "remove", "--yes", "1"], 1, &["已定稿"]);
    assert_eq!(before, e.dump());
    // Raw SQL is stopped by the triggers.
    let conn = e.conn();
    for sql in [
        "UPDATE contribution SET level = 'national' WHERE id = 1",
        "DELETE FROM contribution_author WHERE contribution_id = 1",
        "INSERT INTO contribution (kind_id, done_on, title) VALUES (1, '2022-07-01', 'x')",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("year finalised"), "{sql}: {err}");
    }
    // The next year is open.
    add(&e, "调研报告丙", "research_report", "2023-03-01", "D001", &[]);
    // The digest covers them: a change behind a dropped trigger is found by `check`.
    conn.execute_batch(
        "DROP TRIGGER contribution_final_update;
         UPDATE contribution SET level = 'national' WHERE id = 1;",
    )
    .unwrap();
    let out = e.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("2022"), "{text}");
}

#[test]
fn importing_contributions_is_all_or_nothing_and_can_be_undone() {
    let e = Env::fixture();
    let good = e.dir.path().join("good.csv");
    std::fs::write(
        &good,
        "类型,日期,标题,第一作者,作者,级别,刊物或媒体,备注\n\
         调研报告,2022-09-15,乡村旅游调研,李明,赵强,市级,忻州日报,\n\
         宣传报道,2022-10-01,报道一,J001,,,,\n",
    )
    .unwrap();
    let good = good.to_str().unwrap();
    let bad = e.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "类型,日期,标题,第一作者\n\
         调研报告,2022-09-16,可以的一行,E002\n\
         诗词,2022-09-16,类型不对,E002\n\
         宣传报道,2022-05-01,已离任,S001\n",
    )
    .unwrap();
    let before = e.dump();
    let err = e.refuse(&["import", "contributions", bad.to_str().unwrap()], 1);
    assert!(err.contains("第 3 行") && err.contains("诗词"), "{err}");
    assert_eq!(before, e.dump());
    e.ok(&["import", "contributions", good]);
    assert_eq!(e.count("SELECT count(*) FROM contribution"), 2);
    assert_eq!(e.count("SELECT count(*) FROM contribution_author"), 3);
    assert_eq!(
        e.count("SELECT count(*) FROM import_run WHERE kind = 'contributions'"),
        1
    );
    // Again: nothing new.
    let again = e.dump();
    let out = e.run(&["import", "contributions", good]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("新增 0") && err.contains("未变 2"), "{err}");
    assert_eq!(again, e.dump());
    // A row the storage layer refuses (a member no longer serving) keeps the whole file out.
    let late = e.dir.path().join("late.csv");
    std::fs::write(
        &late,
        "类型,日期,标题,作者\n学习心得,2022-11-01,心得,E002\n学习心得,2022-05-01,离任后,S001\n",
    )
    .unwrap();
    let err = e.refuse(&["import", "contributions", late.to_str().unwrap()], 1);
    assert!(err.contains("孙丽"), "{err}");
    // The template lists the columns.
    let t = e.dir.path().join("t.csv");
    e.ok(&["import", "template", "contributions", "-o", t.to_str().unwrap()]);
    let t = std::fs::read_to_string(t).unwrap();
    assert!(
        t.contains("类型") && t.contains("第一作者") && t.contains("刊物或媒体"),
        "{t}"
    );
    // Undo takes the rows back.
    e.ok(&["import", "undo", "--yes", "1"]);
    assert_eq!(e.count("SELECT count(*) FROM contribution"), 0);
    e.ok(&["check"]);
}

#[test]
fn contributions_score_through_a_rule_file() {
    let e = Env::fixture();
    // E002 leads a city report with M001; J001 alone writes a province one; M001 writes three
    // media articles.
    add(
        &e,
        "报告一",
        "research_report",
        "2022-04-01",
        "E002,M001",
        &["--level", "city"],
    );
    add(
        &e,
        "报告二",
        "research_report",
        "2022-05-01",
        "J001",
        &["--level", "province"],
    );
    for (i, d) in ["2022-06-01", "2022-07-01", "2022-08-01"].iter().enumerate() {
        add(&e, &format!("报道{i}"), "media", d, "M001", &[]);
    }
    let rules = e.dir.path().join("r.toml");
    std::fs::write(
        &rules,
        r#"[scheme]
name = "outputs"
title_zh = "履职成果"
title_en = "Duty outputs"

[[category]]
key = "outputs"
name_zh = "履职成果"
name_en = "Duty outputs"

[[category.item]]
key = "research"
name_zh = "调研报告"
name_en = "Research reports"
source = "contribution"
kinds = ["research_report"]
level_points = { city = 4, province = 8 }
split = "lead_half"

[[category.item]]
key = "media"
name_zh = "宣传报道"
name_en = "Media articles"
source = "contribution"
kinds = ["media"]
points = 1
from_nth = 2
cap = "3/2"
"#,
    )
    .unwrap();
    let rules = rules.to_str().unwrap();
    e.ok(&["rules", "check", rules]);
    e.ok(&["rules", "set", "--year", "2022", rules]);
    let a = json(&e.ok(&["--format", "json", "assess", "--year", "2022"]));
    let total = |code: &str| {
        a.as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == code)
            .map(|m| m["total"].as_f64().unwrap())
            .unwrap()
    };
    // E002: city 4, lead of two: 4 × 1/2 = 2.
    assert_eq!(total("E002"), 2.0);
    // J001: province 8, alone.
    assert_eq!(total("J001"), 8.0);
    // M001: co-author 4 × 1/2 = 2; media from the 2nd on: 2, capped at 3/2: 7/2.
    assert_eq!(total("M001"), 3.5);
    // A kind the committee does not have is refused with its line.
    std::fs::write(
        e.dir.path().join("bad.toml"),
        std::fs::read_to_string(rules)
            .unwrap()
            .replace("\"media\"]", "\"poem\"]"),
    )
    .unwrap();
    let err = e.fail(
        &["rules", "check", e.dir.path().join("bad.toml").to_str().unwrap()],
        1,
    );
    assert!(err.contains("poem") && err.contains("履职成果类型"), "{err}");
}

/// A file made by version 5 (an import already numbered) upgrades: the import list keeps its
/// rows and its import can still be undone.
#[test]
fn a_version_5_file_upgrades_with_its_imports() {
    let e = Env::fixture();
    let f = e.dir.path().join("d.csv");
    std::fs::write(&f, "编号,日期,金额,用途\nE002,2022-10-20,500,助学\n").unwrap();
    e.ok(&["import", "donations", f.to_str().unwrap()]);
    {
        let conn = e.conn();
        crate::common::undo_version_7(&conn);
        conn.execute_batch(
            "DROP TABLE contribution_author; DROP TABLE contribution; DROP TABLE contribution_kind;
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    e.ok(&["import", "list"]);
    assert_eq!(e.count("PRAGMA user_version"), crate::common::latest_version());
    assert_eq!(e.count("SELECT count(*) FROM contribution_kind"), 6);
    assert_eq!(e.count("SELECT count(*) FROM import_image"), 1);
    e.ok(&["import", "undo", "--yes", "1"]);
    assert_eq!(e.count("SELECT count(*) FROM donation"), 0);
    e.ok(&["check"]);
}
