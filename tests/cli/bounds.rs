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
    let out = crate::common::bin()
        .arg("--db")
        .arg(&dir)
        .args(["member", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(USAGE));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&*dir.display().to_string()) && err.contains("文件夹"),
        "{err}"
    );
    clean(&err);
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

#[test]
fn half_days_are_finite_and_bounded() {
    let e = Env::fixture();
    for v in ["NaN", "inf", "-inf", "1e3", "-1", "99999", "abc"] {
        let entry = format!("E002:{v}");
        let err = e.refuse_with(&["attend", "1", "--present", &entry], USAGE, &["半天数", v]);
        clean(&err);
    }
    // Activity 1 is one day: one half-day at most... it has 1 half-day by default.
    let err = e.refuse_with(
        &["attend", "1", "--present", "E002:3"],
        USAGE,
        &["超过活动的 1 个半天"],
    );
    clean(&err);
    e.ok(&["attend", "1", "--present", "E002:1"]);
    assert_eq!(
        e.count("SELECT count(*) FROM attendance WHERE half_days IS NULL AND status = 'present' AND member_id = (SELECT id FROM member WHERE code = 'E002')"),
        0
    );
    for h in ["-1", "1001"] {
        let err = e.refuse_with(
            &[
                "activity",
                "add",
                "inspection",
                "--date",
                "2022-06-01",
                "--title",
                "t",
                "--half-days",
                h,
            ],
            USAGE,
            &["半天数", "1000"],
        );
        clean(&err);
    }
}

#[test]
fn phone_numbers_are_checked_and_landlines_pass() {
    let e = Env::fixture();
    let err = e.refuse_with(
        &["member", "add", "周敏", "--sector", "教育界", "--phone", "abc"],
        USAGE,
        &["联系电话", "abc"],
    );
    clean(&err);
    e.refuse_with(
        &["member", "edit", "E002", "--phone", "123"],
        USAGE,
        &["联系电话", "3 位数字"],
    );
    e.refuse_with(
        &["member", "edit", "E002", "--phone", "12012345678"],
        USAGE,
        &["13 至 19"],
    );
    for ok in [
        "0349-1234567",
        "13912345678",
        "(0349) 1234567 转 12",
        "+86 139 1234 5678",
    ] {
        e.ok(&["member", "edit", "E002", "--phone", ok]);
    }
    let f = e.dir.path().join("phones.csv");
    std::fs::write(
        &f,
        "编号,姓名,界别,联系电话\nP001,周敏,教育界,abc\nP002,吴刚,教育界,0349-7654321\n",
    )
    .unwrap();
    let err = e.refuse_with(
        &["import", "members", f.to_str().unwrap()],
        DATA,
        &["第 2 行", "联系电话", "abc"],
    );
    assert!(!err.contains("第 3 行"), "{err}");
    clean(&err);
}

#[test]
fn lengths_are_limited_with_a_clear_error() {
    let e = Env::fixture();
    let long_name = "王".repeat(51);
    let err = e.refuse_with(
        &["member", "add", &long_name, "--sector", "教育界"],
        USAGE,
        &["51 个字，最多 50 个字"],
    );
    assert!(!err.contains(&long_name), "the whole value is not echoed:\n{err}");
    let huge = "x".repeat(100_000);
    let err = e.refuse_with(
        &["member", "add", &huge, "--sector", "教育界"],
        USAGE,
        &["100000 个字"],
    );
    assert!(err.len() < 500, "{err}");
    e.refuse_with(
        &[
            "activity",
            "add",
            "inspection",
            "--date",
            "2022-06-01",
            "--title",
            &"题".repeat(301),
        ],
        USAGE,
        &["301 个字，最多 300 个字"],
    );
    e.refuse_with(&["sector", "add", &"界".repeat(51)], USAGE, &["最多 50 个字"]);
    e.refuse_with(
        &[
            "commend",
            "add",
            "E002",
            "--level",
            "city",
            "--date",
            "2022-05-01",
            "--reason",
            &"由".repeat(2001),
        ],
        USAGE,
        &["最多 2000 个字"],
    );
    e.ok(&["member", "add", &"王".repeat(50), "--sector", "教育界"]);
    let f = e.dir.path().join("long.csv");
    std::fs::write(
        &f,
        format!(
            "姓名,界别,备注\n{},教育界,\n吴刚,教育界,{}\n",
            "周".repeat(51),
            "注".repeat(2001)
        ),
    )
    .unwrap();
    let err = e.refuse_with(
        &["import", "members", f.to_str().unwrap(), "--dry-run"],
        DATA,
        &[
            "第 2 行",
            "51 个字，最多 50 个字",
            "第 3 行",
            "2001 个字，最多 2000 个字",
        ],
    );
    assert!(err.len() < 2000, "{err}");
}

/// A roster in xlsx: a header and one member, plus `extra` (row, column, value) cells.
fn roster_xlsx(path: &std::path::Path, extra: &[(u32, u16, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["编号", "姓名", "界别"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["P001", "周敏", "教育界"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    for (r, c, v) in extra {
        sheet.write_string(*r, *c, *v).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_stray_value_in_the_last_cell_is_named_not_an_abort() {
    let e = Env::fixture();
    let f = e.dir.path().join("far.xlsx");
    roster_xlsx(&f, &[(1_048_575, 16_383, "x")]);
    let err = e.refuse_with(
        &["import", "members", f.to_str().unwrap(), "--dry-run"],
        DATA,
        &["XFD1048576", "表头之外的单元格有内容"],
    );
    clean(&err);
    // The same far value on the header row, and a formula far away.
    let f = e.dir.path().join("far2.xlsx");
    roster_xlsx(&f, &[(0, 16_000, "备注")]);
    e.refuse_with(
        &["import", "members", f.to_str().unwrap()],
        DATA,
        &["WQK1", "表头之外"],
    );
    // Without the stray cell the file imports.
    let f = e.dir.path().join("near.xlsx");
    roster_xlsx(&f, &[]);
    e.ok(&["import", "members", f.to_str().unwrap()]);
    assert_eq!(e.count("SELECT count(*) FROM member WHERE code = 'P001'"), 1);
}

#[test]
fn values_in_columns_without_a_header_are_errors_naming_the_cell() {
    let e = Env::fixture();
    let f = e.dir.path().join("r.csv");
    std::fs::write(
        &f,
        "编号,姓名,,界别\nP001,周敏,,教育界\nP002,吴刚,多出来的,教育界\n",
    )
    .unwrap();
    let err = e.refuse_with(
        &["import", "members", f.to_str().unwrap()],
        DATA,
        &["第 3 行", "C3：表头之外的单元格有内容", "多出来的"],
    );
    assert!(!err.contains("第 2 行"), "{err}");
    let f = e.dir.path().join("r.xlsx");
    roster_xlsx(&f, &[(1, 5, "右边")]);
    e.refuse_with(
        &["import", "members", f.to_str().unwrap()],
        DATA,
        &["F2：表头之外", "右边"],
    );
    let f = e.dir.path().join("wide.csv");
    let mut wide = String::from("编号,姓名,界别\nP001,周敏,教育界");
    wide.push_str(&",".repeat(2000));
    wide.push_str("远\n");
    std::fs::write(&f, wide).unwrap();
    e.refuse_with(&["import", "members", f.to_str().unwrap()], DATA, &["BYA2", "远"]);
}

#[test]
fn exact_points_that_overflow_give_an_error_never_a_wrong_total() {
    let e = Env::fixture();
    let preset = e.ok(&["rules", "preset", "minhang"]);
    let mut k = 0u32;
    let tiny: String = preset
        .lines()
        .map(|l| match l.strip_prefix("points = ") {
            Some(n) if n.trim().parse::<i64>().is_ok() => {
                k += 2;
                // 1/(10^35 - 1 - k): each fits in i128, their sums do not.
                format!("points = \"1/{}{}\"", "9".repeat(34), 9 - k.min(8))
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let f = e.dir.path().join("tiny.toml");
    std::fs::write(&f, tiny).unwrap();
    e.ok(&["rules", "set", "--year", "2022", f.to_str().unwrap()]);
    let err = e.refuse_with(
        &["assess", "--year", "2022"],
        DATA,
        &["精确计算超出了范围", "不会给出错误的总分"],
    );
    clean(&err);
    assert_eq!(e.count("SELECT count(*) FROM assessment"), 0);
}

#[test]
fn kind_names_and_category_headers_cannot_run_as_formulas_in_csv() {
    let e = Env::fixture();
    let evil = "=HYPERLINK(\"x\",\"y\")";
    e.ok(&["kind", "add", "evil", "--zh", evil]);
    e.ok(&["activity", "add", "evil", "--date", "2022-03-03", "--title", "t"]);
    let csv = e.ok(&["--format", "csv", "activity", "list", "--kind", "evil"]);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""), "{csv}");
    let preset = e.ok(&["rules", "preset", "minhang"]);
    let rules = preset.replacen("name_zh = \"全体会议\"", "name_zh = \"@SUM(A1)\"", 1);
    assert_ne!(rules, preset);
    let f = e.dir.path().join("evil.toml");
    std::fs::write(&f, rules).unwrap();
    e.ok(&["rules", "set", "--year", "2022", f.to_str().unwrap()]);
    let csv = e.ok(&["--format", "csv", "assess", "--year", "2022"]);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",'@SUM(A1),"), "{header}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let c = cell.trim_start_matches(['\u{feff}', '"']);
            assert!(!c.starts_with(['=', '@', '+']), "{cell} in:\n{csv}");
        }
    }
}

mod generated {
    //! Generated spreadsheets through the real importers: every file is imported (dry run) or
    //! refused with exit 1 or 2, never a panic or an abort, and a dry run writes nothing.
    //! Cases: 16 by default, more with `PROPTEST_CASES`.

    use proptest::prelude::*;

    use crate::common::Env;

    const KINDS: &[(&str, &str)] = &[
        (
            "members",
            "编号,姓名,性别,民族,出生年月,党派,界别,工作单位,职务,联系电话,身份证号,任委员日期,备注",
        ),
        (
            "activities",
            "类型,名称,开始日期,结束日期,半天数,组织单位,地点,备注",
        ),
        (
            "attendance",
            "活动编号,日期,活动类型,编号,姓名,出席情况,出席半天数,角色,请假事由,备注",
        ),
        (
            "proposals",
            "提案号,案由,年度,会次,提交日期,类型,第一提案人,附议人,提出单位,主要成员,阶段,重点,优秀,上报,承办单位,答复日期,满意度,并入提案,备注",
        ),
        (
            "opinions",
            "编号,标题,报送日期,第一作者,作者,采用,采用日期,领导批示,批示日期,批示领导,来源提案,备注",
        ),
        ("donations", "编号,姓名,日期,类别,金额,用途或事由,活动编号,备注"),
    ];

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            proptest::sample::select(vec![
                "E002",
                "J001",
                "王芳",
                "李明",
                "刘洋",
                "教育界",
                "经济界",
                "1",
                "2",
                "3",
                "2022",
                "2022-05-10",
                "2022/3/5",
                "2022年3月5日",
                "44625",
                "1800",
                "300000",
                "NaN",
                "inf",
                "-1",
                "1e308",
                "0.5万",
                "1,200.50",
                "abc",
                "13812345678",
                "0349-1234567",
                "=1+1",
                "#N/A",
                "present",
                "出席",
                "请假",
                "inspection",
                "plenary",
                "city",
                "市级",
                "是",
                "否",
                "filed",
                "11010519491231002X",
                "110105194912310021",
            ])
            .prop_map(str::to_string),
            "[0-9a-zA-Z年月日元万,.:/ \\-+*=#@（）\\u{4e00}-\\u{4e20}]{0,12}",
            "\\PC{0,60}",
        ]
    }

    fn csv_field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
            ..ProptestConfig::default()
        })]

        #[test]
        fn generated_files_are_imported_or_refused(
            kind in 0usize..KINDS.len(),
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..22), 1..5),
            gbk in any::<bool>(),
        ) {
            let e = Env::fixture();
            let (name, header) = KINDS[kind];
            let mut text = format!("{header}\n");
            for r in &rows {
                text.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
                text.push('\n');
            }
            let bytes = if gbk {
                encoding_rs::GB18030.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            };
            let f = e.dir.path().join("gen.csv");
            std::fs::write(&f, bytes).unwrap();
            let before = e.dump();
            let out = e.run(&["import", name, f.to_str().unwrap(), "--dry-run"]);
            let err = String::from_utf8_lossy(&out.stderr);
            prop_assert!(matches!(out.status.code(), Some(0..=2)), "exit {:?}:\n{}", out.status.code(), err);
            prop_assert!(!err.contains("panicked"), "{}", err);
            prop_assert!(before == e.dump(), "a dry run changed the database");
        }
    }
}

#[test]
fn points_and_amounts_too_large_to_stay_exact_are_refused() {
    let e = Env::fixture();
    for p in [
        "99999999999999999999999999999999999999999",
        "1/99999999999999999999999999999999999",
    ] {
        let err = e.refuse_with(
            &[
                "adjust", "add", "E002", "--year", "2022", "--points", p, "--reason", "x",
            ],
            USAGE,
            &["分值", "太大或太精细"],
        );
        clean(&err);
    }
    e.ok(&[
        "adjust", "add", "E002", "--year", "2022", "--points", "1/3", "--reason", "x",
    ]);
    e.refuse_with(
        &[
            "donation",
            "add",
            "E002",
            "--amount",
            "9999999999.99万",
            "--date",
            "2022-01-01",
            "--purpose",
            "x",
        ],
        USAGE,
        &["金额", "太大"],
    );
}

#[test]
fn the_first_and_last_years_report_and_export_even_when_empty() {
    let e = Env::fixture();
    for y in ["1949", "2200"] {
        e.ok(&["rules", "set", "--year", y, "--preset", "minhang"]);
        e.ok(&["assess", "--year", y]);
        for args in [
            vec!["report", "summary", "--year", y],
            vec!["report", "attendance", "--year", y],
            vec!["report", "assessment", "--year", y],
            vec!["report", "assessment", "--year", y, "--by", "sector"],
            vec!["report", "member", "E002", "--year", y],
        ] {
            e.ok(&args);
        }
        let out = e.dir.path().join(format!("{y}.xlsx"));
        e.ok(&["export", "--year", y, "-o", out.to_str().unwrap()]);
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
}
