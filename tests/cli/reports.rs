//! Year-end reports and exports on a small committee whose figures were checked by hand.
//!
//! The fixture (2022):
//! - members M01 王芳 (中共, standing), M02 张伟 (经济界, joined 2022-07-01), M03 丁一 (教育界),
//!   M04 李娜 (教育界, disqualified 2022-06-30), M05 曾强 (经济界, standing);
//! - activities 1 plenary 01-10, 2 standing 03-01, 3 reading 05-10, 4 reading 08-10,
//!   5 inspection 10-10;
//! - five proposals (one titled "=1+2 …" to test formula injection), four opinion reports (one
//!   of 2021), a commendation, an adjustment, a scheme and a draft assessment.
//!
//! Hand-computed attendance. Due: the plenary for every member serving that day, the standing
//! meeting for standing members, and the reading sessions and the inspection for the members
//! recorded at them (invited):
//! | member | due | attended | excused | absent | not recorded | rate |
//! | M01 王芳 | 4 (1,2,3,4) | 3 | 1 | 0 | 0 | 75.0 |
//! | M02 张伟 | 2 (4,5) | 2 | 0 | 0 | 0 | 100.0 |
//! | M03 丁一 | 3 (1,3,4; at 2 as a guest) | 3 | 0 | 0 | 0 | 100.0 |
//! | M04 李娜 | 1 (1) | 0 | 1 | 0 | 0 | 0.0 |
//! | M05 曾强 | 4 (1,2,3,5) | 2 | 0 | 2 | 0 | 50.0 |
//! Scores under the test scheme: 王芳 38, 曾强 37, 丁一 36, 张伟 27; 李娜 not assessed.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use assert_cmd::Command;
use lvzhi::output::table::cols;
use serde_json::Value;

const RULES: &str = r#"
[scheme]
name = "test-2022"
title_zh = "测试考核办法"
title_en = "Test scheme"

[[category]]
key = "meetings"
name_zh = "会议活动"
name_en = "Meetings"

[[category.item]]
key = "plenary"
name_zh = "出席全体会议"
name_en = "Plenary attended"
source = "attendance"
kinds = ["plenary"]
points = 10

[[category.item]]
key = "standing"
name_zh = "出席常委会议"
name_en = "Standing meeting attended"
source = "attendance"
kinds = ["standing"]
points = 5

[[category.item]]
key = "reading"
name_zh = "参加读书活动"
name_en = "Reading session"
source = "attendance"
kinds = ["reading"]
points = 3

[[category.item]]
key = "inspection"
name_zh = "参加视察"
name_en = "Inspection"
source = "attendance"
kinds = ["inspection"]
points = 4

[[category]]
key = "writing"
name_zh = "提案和社情民意"
name_en = "Proposals and reports"

[[category.item]]
key = "proposal"
name_zh = "提交提案"
name_en = "Proposal submitted"
source = "proposal"
points = 10

[[category.item]]
key = "report"
name_zh = "报送社情民意"
name_en = "Report submitted"
source = "opinion"
on = "submitted"
points = 5

[[category]]
key = "office"
name_zh = "其他"
name_en = "Other"

[[category.item]]
key = "adjustment"
name_zh = "人工加减分"
name_en = "Adjustment"
source = "adjustment"

[grades]
fractional = "exact"

[[grades.band]]
name_zh = "优秀"
name_en = "Excellent"
min = 30

[[grades.band]]
name_zh = "良好"
name_en = "Good"
min = 15
below = 30

[[grades.band]]
name_zh = "称职"
name_en = "Competent"
below = 15
"#;

const SETUP: &[&str] = &[
    "init --name 政协测试县委员会 --level county --term 16 --term-start 2021",
    "sector add 中共 --code zg --order 1",
    "sector add 教育界 --code jy --order 2",
    "sector add 经济界 --code jj --order 3",
    "member add 王芳 --code M01 --sector 中共 --joined 2021-01-01 --standing --phone 13812345678 --id-number 110102198001011239",
    "member add 张伟 --code M02 --sector 经济界 --joined 2022-07-01",
    "member add 丁一 --code M03 --sector 教育界 --joined 2021-01-01",
    "member add 李娜 --code M04 --sector 教育界 --joined 2021-01-01",
    "member add 曾强 --code M05 --sector 经济界 --joined 2021-01-01 --standing",
    "member leave M04 --on 2022-06-30 --reason disqualified",
    "org add 经济委 --kind special --code econ",
    "activity add plenary --date 2022-01-10 --title 十六届二次会议",
    "activity add standing --date 2022-03-01 --title 常委会议",
    "activity add reading --date 2022-05-10 --title 读书活动",
    "activity add reading --date 2022-08-10 --title 读书活动（二）",
    "activity add inspection --date 2022-10-10 --title 视察农村学校",
    "attend 1 --present M01,M03,M05 --excused M04",
    "attend 2 --present M01,M03 --absent M05",
    "attend 3 --present M01,M03 --absent M05",
    "attend 4 --present M02,M03 --excused M01",
    "attend 5 --present M02,M05",
    "proposal add =1+2_关于发展黄酒产业的建议 --year 2022 --number 2022-001 --type individual --lead M01 --unit 县发改局",
    "proposal add 关于农村学校建设的建议 --year 2022 --number 2022-002 --type joint --lead M03 --cosigners M05 --unit 县教育局",
    "proposal add 关于土地规划的建议 --year 2022 --number 2022-003 --type individual --lead M05",
    "proposal add 关于产业发展的集体建议 --year 2022 --number 2022-004 --type collective --org 经济委 --main-members M02",
    "proposal add 关于读书活动的建议 --year 2022 --number 2022-005 --type individual --lead M02",
    "proposal set 2022-001 --stage filed --key --reply-on 2022-08-01 --satisfaction satisfied",
    "proposal set 2022-002 --stage filed --excellent",
    "proposal set 2022-003 --stage 不予立案",
    "proposal set 2022-004 --stage merged --merged-into 2022-001",
    "opinion add 关于黄酒产业 --date 2022-03-01 --authors M01",
    "opinion add 关于农村学校 --date 2022-05-01 --authors M03,M01",
    "opinion add 关于土地 --date 2022-06-01 --authors M05",
    "opinion add 去年的信息 --date 2021-12-01 --authors M05",
    "opinion adopt 1 --level national --date 2022-04-01",
    "opinion adopt 1 --level province --date 2022-04-01",
    "opinion instruct 1 --level city --date 2022-04-05",
    "opinion adopt 2 --level city --date 2022-06-01",
    "commend add M03 --level county --date 2022-12-01 --reason 优秀委员",
    "adjust add M05 --year 2022 --points -2 --reason 缺席常委会",
    "rules set --year 2022 RULES",
    "assess --year 2022",
];

/// A private copy of the fixture database in its own temporary folder.
struct Fx {
    dir: tempfile::TempDir,
}

fn bin() -> Command {
    Command::cargo_bin("lvzhi").expect("binary")
}

fn args_of(line: &str, rules: &Path) -> Vec<String> {
    line.split(' ')
        .map(|a| match a {
            "RULES" => rules.display().to_string(),
            // underscores stand for spaces inside one argument
            a => a.replace('_', " "),
        })
        .collect()
}

/// Builds the fixture once; every test copies the file.
fn master() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("master.db");
        let rules = dir.path().join("rules.toml");
        std::fs::write(&rules, RULES).unwrap();
        for line in SETUP {
            let out = bin()
                .arg("--db")
                .arg(&db)
                .args(args_of(line, &rules))
                .env("USER", "tester")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "setup `{line}` failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        (dir, db)
    })
    .1
}

impl Fx {
    fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let src = master();
        std::fs::copy(src, dir.path().join("t.db")).unwrap();
        let wal = src.with_extension("db-wal");
        if wal.exists() {
            std::fs::copy(&wal, dir.path().join("t.db-wal")).unwrap();
        }
        Fx { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Output {
        bin()
            .arg("--db")
            .arg(self.path("t.db"))
            .args(args)
            .env("USER", "tester")
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed; returns its stdout.
    fn ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.cmd(args);
        assert!(
            out.status.success(),
            "`{}` failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    fn text(&self, args: &[&str]) -> String {
        String::from_utf8(self.ok(args)).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.extend(["--format", "json"]);
        serde_json::from_slice(&self.ok(&a)).unwrap()
    }
}

fn row<'a>(rows: &'a Value, key: &str, value: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value} in {rows}"))
}

fn names(rows: &Value) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn attendance_counts_only_activities_due() {
    let fx = Fx::new();
    let rows = fx.json(&["report", "attendance", "--year", "2022", "--order", "code"]);
    // (code, due, attended, excused, absent, missing, rate)
    let expected = [
        ("M01", 4, 3, 1, 0, 0, 75.0),
        ("M02", 2, 2, 0, 0, 0, 100.0),
        ("M03", 3, 3, 0, 0, 0, 100.0),
        ("M04", 1, 0, 1, 0, 0, 0.0),
        ("M05", 4, 2, 0, 2, 0, 50.0),
    ];
    for (code, due, att, exc, abs, miss, rate) in expected {
        let r = row(&rows, "code", code);
        assert_eq!(r["due"], due, "{code}");
        assert_eq!(r["attended"], att, "{code}");
        assert_eq!(r["excused"], exc, "{code}");
        assert_eq!(r["absent"], abs, "{code}");
        assert_eq!(r["missing"], miss, "{code}");
        assert_eq!(r["rate"].as_f64().unwrap(), rate, "{code}");
    }
    // Joined in July: the plenary is not due; a guest at a standing meeting keeps the status.
    let m02 = row(&rows, "code", "M02");
    assert_eq!(m02["marks"]["1"], "not_due");
    assert_eq!(m02["marks"]["4"], "present");
    let m03 = row(&rows, "code", "M03");
    assert_eq!(m03["marks"]["2"], "present");
    // Not invited to the inspection: not due.
    assert_eq!(m03["marks"]["5"], "not_due");
    // Left on 06-30: not due at the August reading session; not invited to the May one.
    let m04 = row(&rows, "code", "M04");
    assert_eq!(m04["marks"]["3"], "not_due");
    assert_eq!(m04["marks"]["4"], "not_due");
    assert_eq!(row(&rows, "code", "M01")["marks"]["2"], "present");
    assert_eq!(row(&rows, "code", "M05")["marks"]["2"], "absent");

    // A plenary with nobody recorded: every serving member is due and "not recorded".
    fx.ok(&[
        "activity",
        "add",
        "plenary",
        "--date",
        "2022-11-01",
        "--title",
        "临时全体会议",
    ]);
    let rows = fx.json(&["report", "attendance", "--year", "2022", "--order", "code"]);
    let m01 = row(&rows, "code", "M01");
    assert_eq!(m01["marks"]["6"], "missing");
    assert_eq!(m01["due"], 5);
    assert_eq!(m01["missing"], 1);
    assert_eq!(m01["rate"].as_f64(), Some(60.0));
    assert_eq!(row(&rows, "code", "M04")["marks"]["6"], "not_due");
}

#[test]
fn summary_figures_match_the_records() {
    let fx = Fx::new();
    let doc = fx.json(&["report", "summary", "--year", "2022"]);
    let fig = |section: &str, item: &str| row(&doc[section], "item", item)["count"].as_i64().unwrap();
    let share = |section: &str, item: &str| row(&doc[section], "item", item)["share"].as_f64();
    assert_eq!(fig("proposals", "collected"), 5);
    assert_eq!(fig("proposals", "filed"), 2);
    assert_eq!(share("proposals", "filed"), Some(40.0));
    assert_eq!(fig("proposals", "not_filed"), 1);
    assert_eq!(fig("proposals", "merged"), 1);
    assert_eq!(fig("proposals", "pending"), 1);
    assert_eq!(fig("proposals", "key"), 1);
    assert_eq!(fig("proposals", "excellent"), 1);
    assert_eq!(fig("proposals", "individual"), 3);
    assert_eq!(fig("proposals", "joint"), 1);
    assert_eq!(fig("proposals", "collective"), 1);
    assert_eq!(fig("proposals", "replied"), 1);
    assert_eq!(share("proposals", "replied"), Some(50.0));
    let units = &doc["handling_units"];
    assert_eq!(row(units, "handling_unit", "县发改局")["replied"], 1);
    assert_eq!(row(units, "handling_unit", "县教育局")["filed"], 1);

    // The 2021 report is not counted.
    assert_eq!(fig("opinions", "sent"), 3);
    assert_eq!(fig("opinions", "adopted"), 2);
    assert_eq!(share("opinions", "adopted"), Some(66.7));
    assert_eq!(fig("opinions", "adopted_national"), 1);
    assert_eq!(fig("opinions", "adopted_province"), 1);
    assert_eq!(fig("opinions", "adopted_city"), 1);
    assert_eq!(fig("opinions", "adopted_county"), 0);
    assert_eq!(fig("opinions", "instructed"), 1);

    let kinds = &doc["activities"];
    let reading = row(kinds, "kind", "reading");
    assert_eq!(reading["held"], 2);
    // Invited: M01, M03, M05 to the first, M01, M02, M03 to the second.
    assert_eq!(reading["due"], 6);
    assert_eq!(reading["attended"], 4);
    assert_eq!(reading["missing"], 0);
    assert_eq!(reading["rate"].as_f64(), Some(66.7));
    let standing = row(kinds, "kind", "standing");
    assert_eq!(standing["due"], 2);
    assert_eq!(standing["attended"], 1);
    assert_eq!(row(kinds, "kind", "plenary")["rate"].as_f64(), Some(75.0));

    assert_eq!(fig("members", "served"), 5);
    assert_eq!(fig("members", "at_start"), 4);
    assert_eq!(fig("members", "at_end"), 4);
    assert_eq!(fig("members", "standing_at_end"), 2);
    assert_eq!(fig("members", "joined"), 1);
    assert_eq!(fig("members", "left"), 1);
    assert_eq!(fig("members", "disqualified"), 1);
    assert_eq!(fig("members", "sectors"), 3);

    let sectors = &doc["sectors"];
    assert_eq!(
        names_of(sectors, "sector"),
        [Some("中共"), Some("教育界"), Some("经济界"), None]
    );
    let edu = row(sectors, "sector", "教育界");
    assert_eq!(edu["members"], 2);
    assert_eq!(edu["participants"], 1);
    assert_eq!(edu["rate"].as_f64(), Some(50.0));
    // M03 3 of 3, M04 0 of 1.
    assert_eq!(edu["attendance_rate"].as_f64(), Some(75.0));
    let total = total_row(sectors, "sector");
    assert_eq!(total["participants"], 4);
    // 10 attended of 14 due.
    assert_eq!(total["attendance_rate"].as_f64(), Some(71.4));
}

/// The values of a field, row by row (None where it is null, as on a total row).
fn names_of<'a>(rows: &'a Value, key: &str) -> Vec<Option<&'a str>> {
    rows.as_array().unwrap().iter().map(|r| r[key].as_str()).collect()
}

/// The last row, which adds up the others: its `key` field is null.
fn total_row<'a>(rows: &'a Value, key: &str) -> &'a Value {
    let last = rows.as_array().unwrap().last().unwrap();
    assert!(last[key].is_null(), "{last}");
    last
}

#[test]
fn ranking_and_sector_summary() {
    let fx = Fx::new();
    let rows = fx.json(&["report", "assessment", "--year", "2022"]);
    assert_eq!(names(&rows), ["王芳", "曾强", "丁一", "张伟", "李娜"]);
    assert_eq!(row(&rows, "code", "M01")["total"].as_f64(), Some(38.0));
    assert_eq!(row(&rows, "code", "M05")["total"].as_f64(), Some(37.0));
    assert_eq!(row(&rows, "code", "M02")["rank"], 4);
    assert_eq!(row(&rows, "code", "M04")["rank"], Value::Null);

    let by = fx.json(&["report", "assessment", "--year", "2022", "--by", "sector"]);
    assert_eq!(
        names_of(&by, "sector"),
        [Some("中共"), Some("教育界"), Some("经济界"), None]
    );
    let econ = row(&by, "sector", "经济界");
    assert_eq!(econ["members"], 2);
    assert_eq!(econ["assessed"], 2);
    assert_eq!(econ["mean"].as_f64(), Some(32.0));
    assert_eq!(econ["median"].as_f64(), Some(32.0));
    assert_eq!(econ["grades"]["优秀"], 1);
    assert_eq!(econ["grades"]["良好"], 1);
    // M02 2 of 2, M05 2 of 4.
    assert_eq!(econ["rate"].as_f64(), Some(66.7));
    let total = total_row(&by, "sector");
    assert_eq!(total["assessed"], 4);
    assert_eq!(total["mean"].as_f64(), Some(34.5));
    assert_eq!(total["median"].as_f64(), Some(36.5));
    assert_eq!(total["due"], 14);
    assert_eq!(total["attended"], 10);
}

#[test]
fn orders_of_names_end_to_end() {
    let fx = Fx::new();
    let ranking =
        |order: &str| names(&fx.json(&["report", "assessment", "--year", "2022", "--order", order]));
    // 丁 2 strokes, 王 4, 李 7 (starts 横), 张 7 (starts 折), 曾 12.
    assert_eq!(ranking("stroke"), ["丁一", "王芳", "李娜", "张伟", "曾强"]);
    // 曾 reads zēng as a surname.
    assert_eq!(ranking("pinyin"), ["丁一", "李娜", "王芳", "曾强", "张伟"]);
    assert_eq!(ranking("code"), ["王芳", "张伟", "丁一", "李娜", "曾强"]);
    let att = names(&fx.json(&["report", "attendance", "--year", "2022"]));
    assert_eq!(
        att,
        ["丁一", "王芳", "李娜", "张伟", "曾强"],
        "attendance defaults to stroke order"
    );
    let att = names(&fx.json(&["report", "attendance", "--year", "2022", "--order", "rank"]));
    assert_eq!(att, ["王芳", "曾强", "丁一", "张伟", "李娜"]);
    let list = names(&fx.json(&["member", "list", "--order", "stroke"]));
    assert_eq!(list, ["丁一", "王芳", "李娜", "张伟", "曾强"]);
    let list = names(&fx.json(&["member", "list"]));
    assert_eq!(
        list,
        ["王芳", "张伟", "丁一", "李娜", "曾强"],
        "member list defaults to code order"
    );
    let out = fx.cmd(&["member", "list", "--order", "rank"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn csv_has_bom_unless_asked_and_neutralises_formulas() {
    let fx = Fx::new();
    let with = fx.ok(&["report", "assessment", "--year", "2022", "--format", "csv"]);
    assert!(with.starts_with("\u{feff}名次,编号,姓名".as_bytes()));
    let without = fx.ok(&[
        "report",
        "assessment",
        "--year",
        "2022",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert!(without.starts_with("名次,编号,姓名".as_bytes()));
    assert_eq!(&with[3..], &without[..]);
    // -o picks the format by extension.
    fx.ok(&[
        "report",
        "assessment",
        "--year",
        "2022",
        "-o",
        fx.path("r.csv").to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(fx.path("r.csv")).unwrap(), with);

    let member = fx.text(&[
        "report", "member", "M01", "--year", "2022", "--format", "csv", "--no-bom",
    ]);
    assert!(member.contains(",'=1+2 关于发展黄酒产业的建议,"), "{member}");
    assert!(!member.contains(",=1+2"));
    // Negative numbers stay numbers.
    let m05 = fx.text(&["report", "member", "M05", "--year", "2022", "--format", "csv"]);
    assert!(m05.contains(",-2,缺席常委会"), "{m05}");
}

#[test]
fn member_record_masks_and_logs_reveals() {
    let fx = Fx::new();
    let md = fx.text(&["report", "member", "王芳", "--year", "2022", "--format", "md"]);
    assert!(md.starts_with("# 政协测试县委员会 2022 年度委员履职档案：王芳（M01）（测试考核办法）\n"));
    assert!(md.contains("| 联系电话 | 138****5678 |"));
    assert!(md.contains("| 身份证号 | 110***********1239 |"));
    assert!(!md.contains("13812345678"));
    assert!(
        md.contains("| 4 | 3 | 1 | 0 | 0 | 75.0 |"),
        "attendance tally:\n{md}"
    );
    // Due and attended activities are listed; the inspection she was not invited to is not.
    assert!(
        md.contains("| 2022-08-10 | 读书活动 | 读书活动（二） | 是 | 请假 |"),
        "{md}"
    );
    assert!(!md.contains("视察农村学校 | 是"), "{md}");
    assert!(md.contains("| 关于农村学校 | 2022-05-01 | 合作者 | 市级 |  |"));
    assert!(md.contains("| 总分 | 38.00 |"));
    let log_before = fx.json(&["log"]).as_array().unwrap().len();
    fx.ok(&["report", "member", "M01", "--year", "2022", "--format", "md"]);
    assert_eq!(
        fx.json(&["log"]).as_array().unwrap().len(),
        log_before,
        "reading without --reveal leaves no trace"
    );

    let revealed = fx.text(&[
        "report", "member", "M01", "--year", "2022", "--format", "md", "--reveal",
    ]);
    assert!(revealed.contains("| 联系电话 | 13812345678 |"));
    assert!(revealed.contains("| 身份证号 | 110102198001011239 |"));
    let log = fx.json(&["log"]);
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), log_before + 1);
    let last = entries.iter().max_by_key(|e| e["id"].as_i64()).unwrap();
    assert_eq!(last["operator"], "tester");
    let after: Value = serde_json::from_str(last["after"].as_str().unwrap()).unwrap();
    assert_eq!(after["reveal"], "M01");
    assert_eq!(after["report"], "member");
}

#[test]
fn member_all_writes_one_file_each() {
    let fx = Fx::new();
    let dir = fx.path("records");
    fx.ok(&[
        "report",
        "member",
        "--all",
        "--year",
        "2022",
        "-o",
        dir.to_str().unwrap(),
    ]);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "M01_王芳.md",
            "M02_张伟.md",
            "M03_丁一.md",
            "M04_李娜.md",
            "M05_曾强.md"
        ]
    );
    let m04 = std::fs::read_to_string(dir.join("M04_李娜.md")).unwrap();
    assert!(m04.contains("撤销委员资格"));
}

#[test]
fn same_data_gives_identical_bytes() {
    let fx = Fx::new();
    let runs = |fx: &Fx| {
        let mut all = Vec::new();
        for f in ["csv", "json", "md"] {
            for r in [
                vec!["report", "assessment", "--year", "2022"],
                vec!["report", "assessment", "--year", "2022", "--by", "sector"],
                vec!["report", "summary", "--year", "2022"],
                vec!["report", "attendance", "--year", "2022"],
                vec!["report", "member", "M03", "--year", "2022"],
            ] {
                let mut a = r.clone();
                a.extend(["--format", f]);
                all.push(fx.ok(&a));
            }
        }
        all
    };
    let first = runs(&fx);
    // Something is written to the audit log in between; the reports do not change.
    fx.ok(&["report", "member", "M01", "--year", "2022", "--reveal"]);
    assert_eq!(first, runs(&fx));
    let x1 = fx.path("a.xlsx");
    let x2 = fx.path("b.xlsx");
    fx.ok(&["export", "--year", "2022", "-o", x1.to_str().unwrap()]);
    fx.ok(&["export", "--year", "2022", "-o", x2.to_str().unwrap()]);
    assert_eq!(std::fs::read(x1).unwrap(), std::fs::read(x2).unwrap());
}

#[test]
/// Widths as a terminal set up for Chinese shows them (`—`, `…` and `×` take two columns).
fn table_lines_have_equal_display_width() {
    let fx = Fx::new();
    for args in [
        vec!["report", "assessment", "--year", "2022"],
        vec!["report", "assessment", "--year", "2022", "--by", "sector"],
        vec!["report", "attendance", "--year", "2022"],
        vec!["report", "summary", "--year", "2022"],
        vec!["report", "member", "M01", "--year", "2022"],
        vec!["member", "list", "--order", "stroke"],
    ] {
        let out = fx.text(&args);
        // Each table is a block of lines drawn with box characters.
        let mut widths: Vec<usize> = Vec::new();
        let mut tables = 0;
        for line in out.lines() {
            if line.starts_with(['┌', '│', '╞', '├', '└']) {
                if line.starts_with('┌') {
                    widths.clear();
                    tables += 1;
                }
                widths.push(cols(line));
                assert!(
                    widths.iter().all(|w| *w == widths[0]),
                    "`{}`: line of width {} in a table of width {}:\n{line}",
                    args.join(" "),
                    cols(line),
                    widths[0]
                );
            }
        }
        assert!(tables > 0, "no table in `{}`", args.join(" "));
    }
}

#[test]
fn errors_say_what_to_do() {
    let fx = Fx::new();
    let out = fx.cmd(&["report", "assessment", "--year", "2021"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2021 年度还没有考核结果"), "{err}");
    assert!(err.contains("lvzhi assess --year 2021"), "{err}");
    let out = fx.cmd(&[
        "export",
        "--year",
        "2022",
        "-o",
        fx.path("x.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx"));
    let out = fx.cmd(&["report", "member", "--year", "2022", "--all"]);
    assert_eq!(out.status.code(), Some(2), "--all needs -o");
}

mod xlsx {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook};

    fn book(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
        open_workbook(path).expect("a readable workbook")
    }

    fn find(range: &calamine::Range<Data>, text: &str) -> Option<(usize, usize)> {
        range.cells().find_map(|(r, c, d)| match d {
            Data::String(s) if s == text => Some((r, c)),
            _ => None,
        })
    }

    #[test]
    fn export_workbook_cell_by_cell() {
        let fx = Fx::new();
        let path = fx.path("year.xlsx");
        fx.ok(&["export", "--year", "2022", "-o", path.to_str().unwrap()]);
        let mut wb = book(&path);
        assert_eq!(
            wb.sheet_names(),
            ["排名", "分界别", "提案", "社情民意", "出席", "汇总"]
        );

        let r = wb.worksheet_range("排名").unwrap();
        // Title row, a blank row, then the header.
        assert_eq!(
            r.get_value((0, 0)),
            Some(&Data::String(
                "政协测试县委员会 2022 年度履职考核排名（测试考核办法）".into()
            ))
        );
        assert_eq!(r.get_value((2, 0)), Some(&Data::String("名次".into())));
        assert_eq!(r.get_value((2, 1)), Some(&Data::String("编号".into())));
        // Rank and points are numbers; codes and names are text.
        assert_eq!(r.get_value((3, 0)), Some(&Data::Float(1.0)));
        assert_eq!(r.get_value((3, 1)), Some(&Data::String("M01".into())));
        assert_eq!(r.get_value((3, 2)), Some(&Data::String("王芳".into())));
        let total_col = (0..20)
            .find(|&c| r.get_value((2, c)) == Some(&Data::String("总分".into())))
            .unwrap();
        assert_eq!(r.get_value((3, total_col)), Some(&Data::Float(38.0)));
        // 曾强's adjustment column holds -2 as a number.
        let (m05, _) = find(&r, "M05").unwrap();
        let other_col = (0..20)
            .find(|&c| r.get_value((2, c)) == Some(&Data::String("其他".into())))
            .unwrap();
        assert_eq!(r.get_value((m05 as u32, other_col)), Some(&Data::Float(-2.0)));

        // The proposal titled "=1+2 …" is a string, not a formula.
        let p = wb.worksheet_range("提案").unwrap();
        let (pr, pc) = find(&p, "=1+2 关于发展黄酒产业的建议").expect("title kept as text");
        let formulas = wb.worksheet_formula("提案").unwrap();
        assert!(
            formulas.cells().all(|(_, _, f)| f.is_empty()),
            "no formulas in the proposals sheet"
        );
        assert!(p.get_value((pr as u32, pc as u32 - 1)).is_some());
        // Proposal numbers such as 2022-001 stay text.
        assert!(find(&p, "2022-001").is_some());

        let a = wb.worksheet_range("出席").unwrap();
        let (m04, _) = find(&a, "M04").unwrap();
        let rate_col = (0..30)
            .find(|&c| a.get_value((2, c)) == Some(&Data::String("出席率（%）".into())))
            .unwrap();
        assert_eq!(a.get_value((m04 as u32, rate_col)), Some(&Data::Float(0.0)));
        let (m01, _) = find(&a, "M01").unwrap();
        assert_eq!(a.get_value((m01 as u32, rate_col)), Some(&Data::Float(75.0)));

        let s = wb.worksheet_range("汇总").unwrap();
        let (row, col) = find(&s, "收到提案").unwrap();
        assert_eq!(s.get_value((row as u32, col as u32 + 1)), Some(&Data::Float(5.0)));

        let sec = wb.worksheet_range("分界别").unwrap();
        assert!(find(&sec, "合计").is_some());
    }

    #[test]
    fn member_sheet_masks_unless_revealed() {
        let fx = Fx::new();
        let masked = fx.path("m.xlsx");
        fx.ok(&[
            "report",
            "member",
            "M01",
            "--year",
            "2022",
            "-o",
            masked.to_str().unwrap(),
        ]);
        let mut wb = book(&masked);
        let r = wb.worksheet_range_at(0).unwrap().unwrap();
        let (pr, pc) = find(&r, "联系电话").unwrap();
        assert_eq!(
            r.get_value((pr as u32, pc as u32 + 1)),
            Some(&Data::String("138****5678".into()))
        );
        assert!(r.cells().all(|(_, _, d)| !d.to_string().contains("13812345678")));

        let full = fx.path("full.xlsx");
        fx.ok(&[
            "report",
            "member",
            "M01",
            "--year",
            "2022",
            "--reveal",
            "-o",
            full.to_str().unwrap(),
        ]);
        let mut wb = book(&full);
        let r = wb.worksheet_range_at(0).unwrap().unwrap();
        let (pr, pc) = find(&r, "联系电话").unwrap();
        // Phone and ID numbers are text, never numbers (an 18-digit ID would lose digits).
        assert_eq!(
            r.get_value((pr as u32, pc as u32 + 1)),
            Some(&Data::String("13812345678".into()))
        );
        let (ir, ic) = find(&r, "身份证号").unwrap();
        assert_eq!(
            r.get_value((ir as u32, ic as u32 + 1)),
            Some(&Data::String("110102198001011239".into()))
        );
    }

    #[test]
    fn listing_format_xlsx_when_piped() {
        let fx = Fx::new();
        let bytes = fx.ok(&["report", "assessment", "--year", "2022", "--format", "xlsx"]);
        assert!(bytes.starts_with(b"PK"), "a zip file");
        let p = fx.path("piped.xlsx");
        std::fs::write(&p, bytes).unwrap();
        let wb = book(&p);
        assert_eq!(wb.sheet_names(), ["排名"]);
    }
}
