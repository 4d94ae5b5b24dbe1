//! The files of tests/corpus/, shaped as the office's own Excel, WPS, old Excel and LibreOffice
//! files are (see tests/corpus/README.md): each imports with the rows expected, and the copy
//! with one bad row is refused naming the row a spreadsheet shows for it.

use std::io::Read;

use crate::common::Env;

fn corpus(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh database with the standard sectors.
fn committee() -> Env {
    let env = Env::new();
    env.ok(&["init", "--name", "政协代县委员会", "--sectors", "standard"]);
    env
}

/// The first column of each line of a CSV plan (the row numbers), header left out.
fn plan_rows(plan: &str) -> Vec<String> {
    plan.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().to_string())
        .collect()
}

/// One file inside an xlsx (a zip archive).
fn xlsx_part(file: &str, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn stderr(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?}: {err}");
    err
}

#[test]
fn gbk_csv_with_crlf_and_alt_enter_cells_numbers_rows_as_excel_does() {
    let f = corpus("roster_gbk_crlf.csv");
    let bytes = std::fs::read(&f).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line endings");
    assert!(std::str::from_utf8(&bytes).is_err(), "GBK, not UTF-8");
    let env = committee();
    // Title row 1, header row 2, one row per member from row 3 although cells of rows 3, 5
    // and 7 hold line breaks.
    let plan = env.ok(&["--format", "csv", "import", "members", &f, "--dry-run"]);
    assert_eq!(plan_rows(&plan), ["3", "4", "5", "6", "7"], "{plan}");
    assert!(plan.contains("3,新增,0101 孙丽"), "{plan}");
    assert!(plan.contains("7,新增,0105 马红"), "{plan}");
    env.ok(&["import", "members", &f]);
    let show = env.ok(&["--format", "json", "member", "show", "0103", "--reveal"]);
    assert!(show.contains("\"name\": \"曾静\""), "{show}");
    assert!(
        show.contains("\"workplace\": \"县人民医院\\n副院长\\n主任医师\""),
        "{show}"
    );
    let show = env.ok(&["--format", "json", "member", "show", "0105", "--reveal"]);
    assert!(
        show.contains("\"workplace\": \"代县\\\"鑫源\\\"商贸公司\\n总经理\""),
        "{show}"
    );
    assert!(show.contains("\"birth_date\": \"1983-10\""), "{show}");
    assert!(show.contains("\"joined_on\": \"2022-01-05\""), "{show}");
    let before = env.dump();
    let err = stderr(&env, &["import", "members", &f]);
    assert!(err.contains("未变 5"), "{err}");
    assert_eq!(before, env.dump());
}

#[test]
fn the_bad_row_of_a_gbk_csv_is_the_row_libreoffice_puts_it_on() {
    let env = committee();
    // 马红's row: the 7th record, on line 10 of the file.
    let csv = corpus("roster_gbk_crlf_bad.csv");
    let err = env.refuse_with(
        &["import", "members", &csv],
        1,
        &[
            "有 1 处错误",
            "第 7 行 G列「界别」，值「经纪界」",
            "是不是「经济界」",
        ],
    );
    assert!(!err.contains("第 10 行") && !err.contains("第 6 行"), "{err}");
    // The same file opened in LibreOffice Calc and saved as xlsx: cells on their rows.
    let xlsx = corpus("roster_gbk_crlf_bad_libreoffice.xlsx");
    let err = env.refuse_with(
        &["import", "members", &xlsx],
        1,
        &["第 7 行 G列「界别」，值「经纪界」"],
    );
    // Calc read 1983.10 as the number 1983.1, which says January as well as October.
    assert!(err.contains("第 7 行 E列「出生年月」，值「1983.1」"), "{err}");
}

#[test]
fn xlsx_with_a_merged_title_imports_from_the_header_on() {
    let f = corpus("roster_merged_title.xlsx");
    assert!(xlsx_part(&f, "xl/worksheets/sheet1.xml").contains("<mergeCell ref=\"A1:I1\""));
    let env = committee();
    let plan = env.ok(&["--format", "csv", "import", "members", &f, "-n"]);
    // Title 1, a merged note 2, header 3; row 7 is blank.
    assert_eq!(plan_rows(&plan), ["4", "5", "6", "8"], "{plan}");
    env.ok(&["import", "members", &f]);
    let show = env.ok(&["--format", "json", "member", "show", "0203", "--reveal"]);
    for want in [
        "\"joined_on\": \"2022-03-01\"",
        "\"birth_date\": \"1979-02\"",
        "\"phone\": \"13800000013\"",
        "\"sector\": \"医药卫生界\"",
    ] {
        assert!(show.contains(want), "{want} in {show}");
    }
    let show = env.ok(&["--format", "json", "member", "show", "0204"]);
    assert!(
        show.contains("\"sector\": \"民盟\""),
        "中国民主同盟 is 民盟: {show}"
    );
    let before = env.dump();
    env.ok(&["import", "members", &f]);
    assert_eq!(before, env.dump());

    let bad = corpus("roster_merged_title_bad.xlsx");
    env.refuse_with(
        &["import", "members", &bad],
        1,
        &[
            "工作表「委员名单」 第 6 行 I列「任委员日期」，值「2022-02-30」",
            "这一天不存在",
        ],
    );
}

const ACTIVITIES: &str = "\
1,全体会议,十六届三次会议,2023-01-10,2023-01-12,5,,县会议中心
2,视察,视察农村学校,2023-05-10,2023-05-10,1,,城关镇
3,常委会议,常委会第五次会议,2023-07-01,2023-07-01,1,,县政协
4,调研,黄酒产业调研,2024-02-29,2024-03-01,2,,
";

fn activity_lines(env: &Env) -> String {
    let list = env.ok(&["--format", "csv", "activity", "list"]);
    list.lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            format!("{}\n", cells[..8].join(","))
        })
        .collect()
}

/// The same list in old Excel (.xls) and in Excel's 1904 date system (.xls and .xlsx): the
/// same dates, none 1,462 days early.
#[test]
fn dates_read_alike_from_xls_and_from_1904_workbooks() {
    assert!(xlsx_part(&corpus("activities_1904.xlsx"), "xl/workbook.xml").contains("date1904=\"1\""));
    let xls = std::fs::read(corpus("activities.xls")).unwrap();
    let xls1904 = std::fs::read(corpus("activities_1904.xls")).unwrap();
    assert_ne!(xls, xls1904, "the .xls files store different serials");
    for name in ["activities.xls", "activities_1904.xls", "activities_1904.xlsx"] {
        let env = committee();
        let f = corpus(name);
        let plan = env.ok(&["--format", "csv", "import", "activities", &f, "-n"]);
        assert_eq!(plan_rows(&plan), ["3", "4", "5", "6"], "{name}: {plan}");
        env.ok(&["import", "activities", &f]);
        assert_eq!(activity_lines(&env), ACTIVITIES, "{name}");
        let before = env.dump();
        env.ok(&["import", "activities", &f]);
        assert_eq!(before, env.dump(), "{name}");
    }
    let env = committee();
    env.refuse_with(
        &["import", "activities", &corpus("activities_1904_bad.xls")],
        1,
        &["工作表「活动」 第 4 行 A列「类型」，值「座谈会」"],
    );
}

/// The members a sign-in sheet of the corpus lists, M0001 onwards, and activity 1.
fn signin_committee() -> Env {
    let env = committee();
    for (name, sector) in [
        ("王芳", "民盟"),
        ("李明", "九三学社"),
        ("张伟", "经济界"),
        ("赵丽", "经济界"),
        ("钱进", "教育界"),
        ("孙强", "教育界"),
        ("周敏", "医药卫生界"),
        ("吴刚", "医药卫生界"),
    ] {
        env.ok(&["member", "add", name, "--sector", sector]);
    }
    env.ok(&[
        "activity",
        "add",
        "plenary",
        "--date",
        "2023-01-10",
        "--title",
        "十六届三次会议",
    ]);
    env
}

#[test]
fn a_typed_sign_in_sheet_records_signatures_crosses_and_leave_notes() {
    let env = signin_committee();
    let f = corpus("signin.xlsx");
    let err = stderr(&env, &["import", "attendance", &f, "--activity", "1"]);
    assert!(err.contains("新增 8"), "{err}");
    assert!(
        err.contains("按出席情况计：出席 3，请假 2，缺席 2，迟到 1，早退 0"),
        "{err}"
    );
    let shown = env.ok(&["--format", "csv", "activity", "show", "1"]);
    for want in [
        "M0001,王芳,民盟,出席",
        "M0002,李明,九三学社,请假,0,参加,请假",
        "M0003,张伟,经济界,出席",
        "M0004,赵丽,经济界,缺席",
        "M0005,钱进,教育界,迟到",
        "M0006,孙强,教育界,请假,0,参加,因公出差",
        "M0007,周敏,医药卫生界,缺席",
        "M0008,吴刚,医药卫生界,出席",
    ] {
        assert!(shown.contains(want), "{want} in {shown}");
    }
    let bad = corpus("signin_bad.xlsx");
    let env = signin_committee();
    env.refuse_with(
        &["import", "attendance", &bad, "--activity", "1"],
        1,
        &["工作表「签到表」 第 10 行 B列「姓名」，值「周民」"],
    );
}

/// `lvzhi --format csv member list` opened in LibreOffice Calc and saved as xlsx: the codes
/// 0001… became the numbers 1…; importing it back adds no one.
#[test]
fn a_listing_saved_by_libreoffice_imports_back_unchanged() {
    let xlsx = corpus("member_list_libreoffice.xlsx");
    assert!(
        xlsx_part(&xlsx, "xl/worksheets/sheet1.xml").contains("<c r=\"A2\" s=\"0\" t=\"n\"><v>1</v>"),
        "Calc stored code 0001 as the number 1"
    );
    let env = committee();
    let listing = corpus("member_list.csv");
    env.ok(&["import", "members", &listing]);
    let before = env.dump();
    for args in [
        vec!["import", "members", xlsx.as_str(), "--dry-run"],
        vec!["import", "members", xlsx.as_str()],
        vec!["import", "members", xlsx.as_str(), "--update"],
    ] {
        let err = stderr(&env, &args);
        assert!(err.contains("新增 0，修改 0，未变 4"), "{err}");
        assert!(
            err.contains("第 2 行的编号 1 与已有编号 0001（王芳）只差前面的 0"),
            "{err}"
        );
        assert!(err.contains("第 5 行的编号 10 与已有编号 0010（赵丽）"), "{err}");
        assert_eq!(before, env.dump(), "{args:?}");
    }
    assert_eq!(env.count("SELECT count(*) FROM member"), 4);
}

/// The issue's reproduction and its variants: the row named is the row Excel shows, in the
/// error and in the dry-run plan, whatever the line endings, BOM, title row or multi-line cells.
#[test]
fn csv_row_numbers_match_excel_for_every_line_ending() {
    let env = committee();
    let f = env.dir.path().join("a.csv");
    let f = f.to_str().unwrap();
    std::fs::write(f, "姓名,界别\r\n甲,教育界\r\n乙,不存在\r\n").unwrap();
    let err = env.refuse(&["import", "members", f, "--dry-run"], 1);
    assert!(err.contains("第 3 行 B列「界别」，值「不存在」"), "{err}");
    for nl in ["\r\n", "\n", "\r"] {
        for bom in ["", "\u{feff}"] {
            let text = format!(
                "{bom}名单,,{nl}{nl}姓名,界别,工作单位{nl}甲,教育界,\"县一中{nl}校长\"{nl}乙,教育界,\"A{nl}{nl}B\"{nl}{nl}丙,经济界,{nl}"
            );
            std::fs::write(f, &text).unwrap();
            let plan = env.ok(&["--format", "csv", "import", "members", f, "-n"]);
            assert_eq!(plan_rows(&plan), ["4", "5", "7"], "{nl:?} {bom:?}: {plan}");
            std::fs::write(f, text.replace("丙,经济界", "丙,经纪界")).unwrap();
            let err = env.refuse(&["import", "members", f, "-n"], 1);
            assert!(err.contains("第 7 行 B列"), "{nl:?} {bom:?}: {err}");
        }
    }
}
