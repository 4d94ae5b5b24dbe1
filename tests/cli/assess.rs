//! Schemes, the assessment, finalisation and the demo committee.

use crate::common::{Env, bin, json};

const DATA: i32 = 1;
const USAGE: i32 = 2;

fn rules_path() -> String {
    format!("{}/tests/data/fixture-rules.toml", env!("CARGO_MANIFEST_DIR"))
}

/// The fixture with the test scheme set for 2022.
fn assessed() -> Env {
    let e = Env::fixture();
    e.ok(&["rules", "set", "--year", "2022", &rules_path()]);
    e
}

/// The ranking as JSON rows, keyed by member code.
fn ranking(e: &Env, extra: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut args = vec!["--format", "json", "assess", "--year", "2022"];
    args.extend_from_slice(extra);
    let v = json(&e.ok(&args));
    v.as_array()
        .expect("an array of rows")
        .iter()
        .map(|r| (r["code"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

fn total(rows: &serde_json::Map<String, serde_json::Value>, code: &str) -> f64 {
    rows[code]["total"]
        .as_f64()
        .unwrap_or_else(|| panic!("{code} has a total: {:?}", rows[code]))
}

#[test]
fn assessing_without_a_scheme_says_how_to_set_one() {
    let e = Env::fixture();
    let err = e.refuse_with(
        &["assess", "--year", "2022"],
        DATA,
        &["2022", "rules set", "preset"],
    );
    assert!(err.contains("还没有设定考核办法"), "{err}");
}

#[test]
fn totals_grades_flags_and_ranks_match_the_hand_computation() {
    let e = assessed();
    let rows = ranking(&e, &[]);
    // E002: inspection 7.5 + half of the joint proposal's 25 = 12.5 + city adoption as lead 5 = 25.
    assert_eq!(total(&rows, "E002"), 25.0);
    assert_eq!(rows["E002"]["grade"], "优秀");
    assert_eq!(rows["E002"]["rank"], 1);
    // M001: excused from the inspection -1 + the co-signer's half 12.5 = 11.5; floor 11 → 合格.
    assert_eq!(total(&rows, "M001"), 11.5);
    assert_eq!(rows["M001"]["grade"], "合格");
    assert_eq!(rows["M001"]["rank"], 2);
    // J001: inspection 7.5 → below 10: 不合格 and flagged 约谈.
    assert_eq!(total(&rows, "J001"), 7.5);
    assert_eq!(rows["J001"]["grade"], "不合格");
    assert_eq!(rows["J001"]["flags"][0]["label"], "约谈");
    assert_eq!(rows["J001"]["rank"], 3);
    // L001, L002 and N001 (joined in June, flagged) have nothing: a three-way tie at rank 4.
    for code in ["L001", "L002", "N001"] {
        assert_eq!(total(&rows, code), 0.0, "{code}");
        assert_eq!(rows[code]["rank"], 4, "{code}");
    }
    assert_eq!(rows["N001"]["flags"][0]["label"], "年内新任委员");
    // S001 resigned in March: listed, not assessed, with the reason.
    assert!(rows["S001"]["rank"].is_null());
    assert!(rows["S001"]["total"].is_null());
    assert_eq!(rows["S001"]["flags"][0]["code"], "not_assessed");
    assert!(
        rows["S001"]["flags"][0]["label"]
            .as_str()
            .unwrap()
            .contains("不参加考核")
    );
    // Category subtotals are keyed by the scheme's category keys, in their own object.
    assert_eq!(rows["E002"]["categories"]["meetings"].as_f64(), Some(7.5));
    assert_eq!(rows["E002"]["categories"]["proposals"].as_f64(), Some(12.5));
    assert_eq!(rows["E002"]["categories"]["opinions"].as_f64(), Some(5.0));
    // The draft is stored with the rule text it used.
    assert_eq!(
        e.count("SELECT count(*) FROM assessment WHERE year = 2022 AND status = 'draft'"),
        1
    );
    let text: String = e
        .conn()
        .query_row("SELECT rules_text FROM assessment", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text, std::fs::read_to_string(rules_path()).unwrap());
}

#[test]
fn the_table_shows_ties_as_ties_and_english_headers() {
    let e = assessed();
    let out = e.ok(&["--lang", "en", "assess", "--year", "2022"]);
    assert!(
        out.contains("Rank") && out.contains("Total") && out.contains("Grade"),
        "{out}"
    );
    let fours = out
        .lines()
        .filter(|l| l.contains("┆") && l.trim_start_matches('│').trim().starts_with("4 "))
        .count();
    assert_eq!(fours, 3, "{out}");
}

#[test]
fn explain_lists_every_line_and_they_add_up() {
    let e = assessed();
    let v = json(&e.ok(&[
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--explain",
        "E002",
    ]));
    assert_eq!(v["member"]["code"], "E002");
    assert_eq!(v["member"]["total_exact"], "25");
    let lines = v["lines"].as_array().unwrap();
    let records: Vec<&str> = lines
        .iter()
        .map(|l| l["record_label"].as_str().unwrap_or(""))
        .collect();
    assert!(records.iter().any(|r| r.contains("视察农村学校")), "{records:?}");
    assert!(
        records.iter().any(|r| r.contains("关于改善农村学校条件的提案")),
        "{records:?}"
    );
    assert!(
        records.iter().any(|r| r.contains("关于农村学校师资的建议")),
        "{records:?}"
    );
    // No closing total line: the total is the member's.
    let sum: f64 = lines.iter().map(|l| l["points"].as_f64().unwrap()).sum();
    assert_eq!(sum, 25.0);
    assert_eq!(v["member"]["total"].as_f64(), Some(25.0));

    // The category cap shows as its own line when it changes points: a second inspection
    // would give 15 meeting points, capped at 10.
    let id = e.ok(&[
        "activity",
        "add",
        "inspection",
        "--date",
        "2022-06-10",
        "--title",
        "视察卫生院",
    ]);
    e.ok(&["attend", id.trim(), "--present", "E002"]);
    // Explaining the stored draft reads this member's records again and says the total moved.
    let out = e.run(&["assess", "--year", "2022", "--explain", "E002"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("总分为 55/2，与保存的 25 不同"), "{err}");
    e.ok(&["assess", "--year", "2022"]);
    let v = json(&e.ok(&[
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--explain",
        "E002",
    ]));
    let lines = v["lines"].as_array().unwrap();
    let cap = lines
        .iter()
        .find(|l| l["points"].as_f64() == Some(-5.0))
        .unwrap_or_else(|| panic!("a cap line of -5: {lines:?}"));
    assert!(cap["note_label"].as_str().unwrap().contains("10"), "{cap:?}");
    assert_eq!(v["member"]["total_exact"], "55/2");
}

#[test]
fn explaining_a_member_not_assessed_says_why() {
    let e = assessed();
    let out = e.run(&["assess", "--year", "2022", "--explain", "S001"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("未参加") && err.contains("离任"), "{err}");
    e.refuse_with(
        &["assess", "--year", "2022", "--explain", "X999"],
        DATA,
        &["X999"],
    );
}

#[test]
fn finalising_locks_the_year_until_superseded() {
    let e = assessed();
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    assert_eq!(
        e.count("SELECT count(*) FROM assessment WHERE status = 'final'"),
        1
    );
    // New records of the year, the scheme and the result itself are refused.
    e.refuse_with(
        &["attend", "1", "--present", "M001"],
        DATA,
        &["已定稿", "--supersede"],
    );
    e.refuse_with(
        &[
            "adjust", "add", "E002", "--year", "2022", "--points", "3", "--reason", "补录",
        ],
        DATA,
        &["已定稿"],
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
            "助学",
        ],
        DATA,
        &["已定稿"],
    );
    e.refuse_with(
        &["rules", "set", "--year", "2022", &rules_path()],
        DATA,
        &["已定稿"],
    );
    e.refuse_with(&["assess", "--year", "2022", "--finalize"], DATA, &["定稿"]);
    // The bulk attendance import checks the year in code (it sets the trigger aside while it
    // inserts): refused the same way, and the trigger is back afterwards.
    let sheet = e.dir.path().join("sign.csv");
    std::fs::write(&sheet, "code,status\nL001,present\n").unwrap();
    let sheet = sheet.display().to_string();
    e.refuse_with(
        &[
            "import",
            "attendance",
            &sheet,
            "--activity",
            "1",
            "--update",
            "--yes",
        ],
        DATA,
        &["已定稿", "--supersede"],
    );
    assert_eq!(
        e.count("SELECT count(*) FROM sqlite_schema WHERE name = 'attendance_final_insert'"),
        1
    );
    // Even raw SQL cannot change it.
    let conn = e.conn();
    assert!(
        conn.execute("UPDATE assessment_member SET total = '100'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM assessment_member", []).is_err());
    assert!(conn.execute("UPDATE assessment SET result = '{}'", []).is_err());
    assert!(conn.execute("DELETE FROM assessment", []).is_err());
    assert!(
        conn.execute("UPDATE attendance SET status = 'absent'", [])
            .is_err()
    );
    drop(conn);
    // Showing the year gives the stored result.
    let rows = ranking(&e, &[]);
    assert_eq!(total(&rows, "E002"), 25.0);
    // Another year stays open.
    e.ok(&[
        "adjust", "add", "E002", "--year", "2023", "--points", "3", "--reason", "次年",
    ]);
    // Superseding needs a reason, keeps the old result and opens the year again.
    e.fail(&["assess", "--year", "2022", "--supersede", "--yes"], USAGE);
    e.ok(&[
        "assess",
        "--year",
        "2022",
        "--supersede",
        "--yes",
        "--reason",
        "补录出席",
    ]);
    assert_eq!(
        e.count("SELECT count(*) FROM assessment WHERE status = 'superseded'"),
        1
    );
    assert_eq!(
        e.count("SELECT count(*) FROM assessment WHERE status = 'draft'"),
        1
    );
    e.ok(&["attend", "1", "--present", "M001"]);
    let rows = ranking(&e, &[]);
    // M001 now present at the inspection: 7.5 + 12.5 = 20.
    assert_eq!(total(&rows, "M001"), 20.0);
    let reason: String = e
        .conn()
        .query_row(
            "SELECT supersede_reason FROM assessment WHERE status = 'superseded'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "补录出席");
}

#[test]
fn compare_shows_a_draft_scheme_against_the_stored_result_and_stores_nothing() {
    let e = assessed();
    let draft = e.dir.path().join("draft.toml");
    let text = std::fs::read_to_string(rules_path())
        .unwrap()
        .replace("points = 7.5", "points = 10");
    std::fs::write(&draft, text).unwrap();
    let args = [
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--rules",
        draft.to_str().unwrap(),
        "--compare",
    ];
    // With nothing stored, the year's own scheme is tried for the "before" columns.
    let unstored = e.ok(&args);
    e.ok(&["assess", "--year", "2022"]);
    let before = e.dump();
    let out = e.ok(&args);
    assert_eq!(before, e.dump());
    assert_eq!(out, unstored, "the stored result is what the year's scheme gives");
    let v = json(&out);
    let e002 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "E002")
        .unwrap();
    assert_eq!(e002["total_before"].as_f64(), Some(25.0));
    assert_eq!(e002["total_after"].as_f64(), Some(27.5));
    assert_eq!(e002["change"].as_f64(), Some(2.5));
    let j001 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "J001")
        .unwrap();
    assert_eq!(j001["grade_before"], "不合格");
    assert_eq!(j001["grade_after"], "合格");
}

/// A trial holds the write lock while it reads (its parts are read through several
/// connections): started while another writer holds the lock, it waits and scores what that
/// writer committed, never a mixture.
#[test]
fn a_trial_waits_for_a_writer_and_scores_one_state() {
    let e = assessed();
    let draft = e.dir.path().join("draft.toml");
    std::fs::copy(rules_path(), &draft).unwrap();
    let args = [
        "--format",
        "csv",
        "assess",
        "--year",
        "2022",
        "--rules",
        draft.to_str().unwrap(),
    ];
    let before = e.ok(&args);
    let holder = e.conn();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let child = crate::common::lvzhi(&e.db)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let gone = holder
        .execute(
            "DELETE FROM attendance WHERE member_id = (SELECT id FROM member WHERE code = 'E002')",
            [],
        )
        .unwrap();
    assert!(gone > 0, "E002 had attendance to remove");
    holder.execute_batch("COMMIT;").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let during = String::from_utf8(out.stdout).unwrap();
    assert_ne!(
        during, before,
        "the trial scored the committed state, not the one before"
    );
    assert_eq!(during, e.ok(&args), "the same as a trial run after the write");
}

#[test]
fn rule_files_are_checked_with_line_and_column_and_nothing_is_stored() {
    let e = Env::fixture();
    let bad = e.dir.path().join("bad.toml");
    let text = std::fs::read_to_string(rules_path())
        .unwrap()
        .replace("kinds = [\"inspection\"]", "kinds = [\"inspektion\"]");
    let line = text.lines().position(|l| l.contains("inspektion")).unwrap() + 1;
    std::fs::write(&bad, &text).unwrap();
    let err = e.refuse_with(&["rules", "check", bad.to_str().unwrap()], DATA, &["inspektion"]);
    assert!(err.contains(&format!("bad.toml:{line}:")), "{err}");
    e.refuse_with(
        &["rules", "set", "--year", "2022", bad.to_str().unwrap()],
        DATA,
        &[&format!(":{line}:")],
    );
    let syntax = e.dir.path().join("syntax.toml");
    std::fs::write(&syntax, "[scheme\nname = 1\n").unwrap();
    e.refuse_with(
        &["rules", "check", syntax.to_str().unwrap()],
        DATA,
        &["syntax.toml:1:"],
    );
    e.refuse_with(
        &["rules", "check", "no-such-file.toml"],
        DATA,
        &["no-such-file.toml"],
    );
    e.refuse_with(
        &["rules", "set", "--year", "2022", "--preset", "nowhere"],
        USAGE,
        &["nowhere", "tongcheng-2019"],
    );
    e.ok(&["rules", "check", &rules_path()]);
}

#[test]
fn presets_are_listed_printed_valid_and_settable() {
    let e = Env::fixture();
    let list = json(&e.ok(&["--format", "json", "rules", "presets"]));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["tongcheng-2019", "minhang", "yanbian-2022"]);
    for name in names {
        let text = e.ok(&["rules", "preset", name]);
        let file = e.dir.path().join(format!("{name}.toml"));
        std::fs::write(&file, &text).unwrap();
        e.ok(&["rules", "check", file.to_str().unwrap()]);
    }
    e.ok(&["rules", "set", "--year", "2022", "--preset", "minhang"]);
    let shown = e.ok(&["rules", "show", "--year", "2022"]);
    assert!(shown.contains("闵行"), "{shown}");
    e.ok(&["assess", "--year", "2022"]);
    e.refuse_with(&["rules", "show", "--year", "2030"], DATA, &["2030"]);
}

#[test]
fn the_demo_builds_the_seed_year_and_prints_its_ranking() {
    let e = Env::new();
    let out = bin().arg("--db").arg(&e.db).arg("demo").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("名次") && stdout.contains("总分") && stdout.contains("等次"),
        "{stdout}"
    );
    let q = |sql: &str| e.count(sql);
    assert_eq!(q("SELECT count(*) FROM sector"), 21);
    assert_eq!(q("SELECT count(*) FROM proposal WHERE year = 2022"), 165);
    assert_eq!(q("SELECT count(*) FROM proposal WHERE stage = 'filed'"), 25);
    assert!(q("SELECT count(*) FROM opinion") >= 300);
    assert_eq!(
        q("SELECT count(*) FROM opinion_adoption WHERE level = 'national'"),
        8
    );
    assert_eq!(
        q("SELECT count(*) FROM opinion_adoption WHERE level = 'province'"),
        26
    );
    assert_eq!(
        q("SELECT count(*) FROM opinion_adoption WHERE level = 'city'"),
        46
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM activity a JOIN activity_kind k ON k.id = a.kind_id WHERE k.code = 'reading'"
        ),
        7
    );
    assert_eq!(
        q("SELECT count(*) FROM member WHERE left_reason = 'disqualified'"),
        2
    );
    assert!((190..=210).contains(&q("SELECT count(*) FROM member")));
    assert_eq!(q("SELECT count(*) FROM assessment WHERE year = 2022"), 1);
    // The work report's figures, from the summary report: those of the seed report.
    let out = bin()
        .arg("--db")
        .arg(&e.db)
        .args(["--format", "json", "report", "summary", "--year", "2022"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    let fig = |section: &str, item: &str| {
        doc[section]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["item"] == item)
            .unwrap_or_else(|| panic!("{section}.{item}"))["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(fig("proposals", "collected"), 165);
    assert_eq!(fig("proposals", "filed"), 25);
    assert!(fig("opinions", "sent") >= 300);
    assert_eq!(fig("opinions", "adopted_national"), 8);
    assert_eq!(fig("opinions", "adopted_province"), 26);
    assert_eq!(fig("opinions", "adopted_city"), 46);
    assert_eq!(fig("members", "disqualified"), 2);
    assert_eq!(fig("members", "sectors"), 21);
    let reading = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind_label"] == "读书活动")
        .unwrap();
    assert_eq!(reading["held"], 7);
    // "More than 90,000 yuan" donated.
    let donated = doc["donations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"] == "total")
        .unwrap()["amount"]
        .as_f64()
        .unwrap();
    assert!((90_000.0..100_000.0).contains(&donated), "{donated}");
    // Deterministic: a second run rebuilds the same records and the same scores.
    let fingerprint = |e: &Env| -> String {
        e.conn()
            .query_row(
                "SELECT (SELECT group_concat(x, ',') FROM (SELECT member_id || ':' || total AS x
                         FROM assessment_member ORDER BY member_id))
                     || (SELECT group_concat(code || name || coalesce(phone, ''), ',') FROM member)
                     || (SELECT group_concat(member_id || status, ',') FROM attendance)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let first = fingerprint(&e);
    let again = bin().arg("--db").arg(&e.db).arg("demo").output().unwrap();
    assert!(again.status.success());
    assert_eq!(first, fingerprint(&e));
}

#[test]
fn the_demo_never_overwrites_a_real_database() {
    let e = Env::fixture();
    let out = bin().arg("--db").arg(&e.db).arg("demo").output().unwrap();
    assert_eq!(out.status.code(), Some(DATA));
    assert!(String::from_utf8(out.stderr).unwrap().contains("不是演示数据库"));
    assert_eq!(e.count("SELECT count(*) FROM member WHERE code = 'E002'"), 1);
}

#[test]
fn every_kind_of_bad_rule_file_is_refused_with_its_line_and_nothing_is_stored() {
    let e = Env::fixture();
    let good = std::fs::read_to_string(rules_path()).unwrap();
    let gate = "\n[[gate]]\nkey = \"basic\"\nname_zh = \"基本要求\"\nname_en = \"Basic\"\nrequire = [ { category = \"nowhere\", min_points = 1 } ]\n";
    // (what is wrong, the edited text, the text on the line the message must point at)
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unknown status",
            good.replace("statuses = [\"excused\"]", "statuses = [\"excusd\"]"),
            "excusd",
        ),
        (
            "unknown stage",
            good.replace("points = 25\n", "points = 25\nstages = [\"filled\"]\n"),
            "filled",
        ),
        (
            "unknown level",
            good.replace("{ city = 5, province = 10 }", "{ citty = 5, province = 10 }"),
            "citty",
        ),
        (
            "cap below floor",
            good.replace("cap = 10\n", "cap = 10\nfloor = 20\n"),
            "cap = 10",
        ),
        (
            "overlapping bands",
            good.replace("below = 20", "below = 25"),
            "below = 25",
        ),
        ("a gap between bands", good.replace("min = 20", "min = 25"), ""),
        ("unknown category", format!("{good}{gate}"), "nowhere"),
        (
            "syntax",
            good.replace("[[grades.band]]", "[[grades.band]"),
            "[[grades.band]",
        ),
    ];
    for (what, text, marker) in cases {
        let file = e.dir.path().join("bad.toml");
        std::fs::write(&file, &text).unwrap();
        let err = e.refuse(&["rules", "set", "--year", "2022", file.to_str().unwrap()], DATA);
        assert!(err.contains("bad.toml:"), "{what}: {err}");
        if !marker.is_empty() {
            let line = text.lines().position(|l| l.contains(marker)).unwrap() + 1;
            assert!(
                err.contains(&format!("bad.toml:{line}:")),
                "{what}: expected line {line}: {err}"
            );
        }
        e.refuse(&["rules", "check", file.to_str().unwrap()], DATA);
    }
    assert_eq!(e.count("SELECT count(*) FROM scheme"), 0);
}

#[test]
fn results_are_stored_compactly_in_ranking_order_and_explained_from_the_records() {
    let e = Env::new();
    e.ok(&["demo"]);
    // No explanation lines stored: a member's row is a few hundred bytes at most.
    assert_eq!(
        e.count("SELECT count(*) FROM assessment_member WHERE result LIKE '%\"lines\"%' OR ord IS NULL"),
        0
    );
    assert!(e.count("SELECT max(length(result)) FROM assessment_member") < 300);
    // ord follows the ranking: ranks never go down along it, the unassessed come last.
    let out = e.count(
        "SELECT count(*) FROM assessment_member a JOIN assessment_member b
         ON b.assessment_id = a.assessment_id AND b.ord = a.ord + 1
         WHERE coalesce(b.rank, 1000000) < coalesce(a.rank, 1000000)",
    );
    assert_eq!(out, 0);
    // The lines come back from the records and add up to the stored total.
    let code: String = e
        .conn()
        .query_row(
            "SELECT m.code FROM assessment_member r JOIN member m ON m.id = r.member_id WHERE r.ord = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let year = e.count("SELECT year FROM assessment");
    let v = json(&e.ok(&[
        "--format",
        "json",
        "assess",
        "--year",
        &year.to_string(),
        "--explain",
        &code,
    ]));
    let sum: f64 = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["points"].as_f64().unwrap())
        .sum();
    assert!(
        (sum - v["member"]["total"].as_f64().unwrap()).abs() < 1e-9,
        "{sum} {v}"
    );
    assert!(!v["lines"].as_array().unwrap().is_empty());
}

#[test]
fn results_stored_before_version_8_keep_their_lines() {
    let e = Env::new();
    e.ok(&["demo"]);
    // Every row rewritten as version 7 stored it: the whole result with its lines, no `ord`.
    e.conn()
        .execute_batch(
            "UPDATE assessment_member SET grade = NULL, ord = NULL, result = json_object(
               'member_id', member_id, 'code', json_extract(result, '$.c'),
               'name', json_extract(result, '$.n'), 'sector', json_extract(result, '$.s'),
               'eligibility', json_object('assessed', json(CASE assessed WHEN 1 THEN 'true' ELSE 'false' END),
                                          'reason', NULL),
               'subtotals', json('[]'), 'part_adjustments', json('[]'), 'total', total,
               'grade', NULL, 'grade_note', NULL, 'gates', json('[]'), 'flags', json('[]'), 'rank', rank,
               'lines', json_array(json_object('category', 'meetings', 'item', NULL,
                   'item_name', json_object('zh', '旧行', 'en', 'old line'),
                   'source', json_object('kind', 'base', 'id', NULL,
                                         'label', json_object('zh', '旧记录', 'en', 'old record')),
                   'rule', json_object('zh', '旧规则', 'en', 'old rule'), 'points', total, 'note', NULL)))",
        )
        .unwrap();
    let code: String = e
        .conn()
        .query_row(
            "SELECT m.code FROM assessment_member r JOIN member m ON m.id = r.member_id WHERE r.rank = 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let year = e.count("SELECT year FROM assessment").to_string();
    // The stored lines are shown as they were stored, not computed again.
    let out = e.ok(&["assess", "--year", &year, "--explain", &code]);
    assert!(out.contains("旧记录") && out.contains("旧规则"), "{out}");
    // The ranking is read whole, as before, in every format.
    for format in ["csv", "json", "table"] {
        let out = e.ok(&["--format", format, "report", "assessment", "--year", &year]);
        assert!(out.contains(&code), "{format}: {out}");
    }
}
