//! Out-of-range input gets a clear refusal, never a panic, an abort or raw SQLite text: years,
//! half-days, phone numbers, lengths, far spreadsheet cells, exact arithmetic, paths in I/O
//! errors, and spreadsheet formulas neutralised in CSV output.

use crate::common::Env;

const DATA: i32 = 1;
const USAGE: i32 = 2;

/// No message a Chinese user reads carries SQLite's own words or a panic.
fn clean(err: &str) {
    for raw in ["constraint failed", "CHECK", "panicked", "数据库错误", "os error"] {
        assert!(!err.contains(raw), "raw text {raw:?} in:\n{err}");
    }
}

#[test]
fn every_year_flag_refuses_out_of_range_with_exit_2() {
    let e = Env::fixture();
    let cases: &[&[&str]] = &[
        &["report", "summary", "--year", "300000"],
        &["report", "attendance", "--year", "300000"],
        &["report", "member", "E002", "--year", "300000"],
        &["report", "assessment", "--year", "1800"],
        &["assess", "--year", "2201"],
        &["rules", "set", "--year", "300000", "--preset", "tongcheng-2019"],
        &["rules", "show", "--year", "1948"],
        &[
            "adjust", "add", "E002", "--year", "1800", "--points", "1", "--reason", "x",
        ],
        &["adjust", "list", "--year", "99999999999999999999"],
        &["commend", "list", "--year", "0"],
        &["export", "--year", "300000", "-o", "x.xlsx"],
        &["activity", "list", "--year", "300000"],
        &["proposal", "list", "--year", "300000"],
        &["proposal", "add", "题", "--year", "1800", "--lead", "E002"],
        &["opinion", "list", "--year", "300000"],
        &["donation", "list", "--year", "300000"],
    ];
    for args in cases {
        let err = e.refuse_with(args, USAGE, &["--year", "1949", "2200"]);
        clean(&err);
    }
    let err = e.refuse_with(&["report", "summary", "--year", "abc"], USAGE, &["整数"]);
    clean(&err);
    let err = e.refuse_with(
        &["init", "--term-start", "1800"],
        USAGE,
        &["--term-start", "1949"],
    );
    clean(&err);
    let out = e.run(&["--lang", "en", "report", "summary", "--year", "300000"]);
    assert_eq!(out.status.code(), Some(USAGE));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a year is from 1949 to 2200"), "{err}");
}

#[test]
fn a_year_taken_from_a_date_is_checked_too() {
    let e = Env::fixture();
    let err = e.refuse_with(
        &["proposal", "add", "题", "--date", "1920-01-01", "--lead", "E002"],
        USAGE,
        &["--date", "1920", "1949", "2200"],
    );
    clean(&err);
    e.ok(&["report", "summary", "--year", "2200"]);
}

#[test]
fn io_errors_name_the_path_in_chinese() {
    let e = Env::fixture();
    let dir = e.dir.path().join("some_dir");
    std::fs::create_dir(&dir).unwrap();
    let d = format!("{}/", dir.display());
    let err = e.refuse_with(&["import", "members", &d], USAGE, &[&d, "文件夹"]);
    clean(&err);
    let dir_csv = e.dir.path().join("名单.csv");
    std::fs::create_dir(&dir_csv).unwrap();
    let d = dir_csv.display().to_string();
    let err = e.refuse_with(&["import", "members", &d, "--dry-run"], USAGE, &[&d, "文件夹"]);
    clean(&err);
    let d = dir.display().to_string();
    for args in [
        vec!["rules", "set", "--year", "2022", &d],
        vec!["rules", "check", &d],
        vec!["assess", "--year", "2022", "--rules", &d],
    ] {
        let err = e.refuse_with(&args, DATA, &[&d, "这是一个文件夹"]);
        clean(&err);
    }
    let missing = e.dir.path().join("无此文件.toml").display().to_string();
    let err = e.refuse_with(&["rules", "check", &missing], DATA, &[&missing, "不存在"]);
    clean(&err);
}

#[test]
fn adoption_and_instruction_before_submission_name_their_dates() {
    let e = Env::fixture();
    e.refuse_with(
        &[
            "opinion",
            "adopt",
            "1",
            "--level",
            "province",
            "--date",
            "2022-03-01",
        ],
        USAGE,
        &["采用日期 2022-03-01 早于报送日期 2022-04-01"],
    );
    let err = e.refuse(
        &[
            "opinion",
            "instruct",
            "1",
            "--level",
            "county",
            "--date",
            "2022-03-01",
        ],
        USAGE,
    );
    assert!(
        err.contains("批示日期 2022-03-01 早于报送日期 2022-04-01"),
        "{err}"
    );
    assert!(!err.contains("结束日期"), "{err}");
}
