//! No silent duplicates (codes Excel made numbers, homonyms of serving members) and notes capped
//! on screen with `--report FILE` for all of them.

use std::path::PathBuf;

use crate::common::Env;

fn committee() -> Env {
    let e = Env::new();
    e.ok(&["init", "--name", "政协测试县委员会", "--sectors", "standard"]);
    e
}

fn write(e: &Env, name: &str, body: &str) -> String {
    let p = e.dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

fn stderr(e: &Env, args: &[&str]) -> String {
    let out = e.run(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?} failed:\n{err}");
    err
}

/// Members 0001 … 00NN (all-digit codes), 张1 … 张N, 教育界, born 1970-01.
fn numbered(e: &Env, n: usize) {
    let mut roster = "编号,姓名,出生年月,界别\n".to_string();
    for i in 1..=n {
        roster.push_str(&format!("{i:04},张{i},1970.01,教育界\n"));
    }
    let f = write(e, "roster.csv", &roster);
    e.ok(&["import", "members", &f]);
}

fn members(e: &Env) -> i64 {
    e.count("SELECT count(*) FROM member")
}

/// A CSV text as a workbook, the cells of column `numeric` written as numbers.
fn xlsx_of(e: &Env, name: &str, csv: &str, numeric: usize) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let csv = csv.trim_start_matches('\u{feff}');
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && c as usize == numeric => ws.write_number(r, c, n),
                _ => ws.write_string(r, c, cell),
            }
            .unwrap();
        }
    }
    let p: PathBuf = e.dir.path().join(name);
    wb.save(&p).unwrap();
    p.display().to_string()
}

#[test]
fn a_listing_round_tripped_through_excel_adds_no_one() {
    let e = committee();
    numbered(&e, 3);
    let listing = e.ok(&["--format", "csv", "member", "list"]);
    assert!(listing.contains("0002,张2"), "{listing}");
    // Excel turned the codes into the numbers 1, 2, 3.
    let f = xlsx_of(&e, "m.xlsx", &listing, 0);
    let before = e.dump();
    let err = stderr(&e, &["import", "members", &f]);
    assert!(
        err.contains("第 3 行的编号 2 与已有编号 0002（张2）只差前面的 0"),
        "{err}"
    );
    assert!(err.contains("新增 0，修改 0，未变 3"), "{err}");
    assert_eq!(members(&e), 3);
    assert_eq!(before, e.dump());
    // The same for a CSV file saved by Excel, and for the member lookups of other kinds.
    let f = write(&e, "m.csv", &listing.replace("0001,", "1,"));
    let err = stderr(&e, &["--lang", "en", "import", "members", &f]);
    assert!(
        err.contains("row 2: code 1 differs from the stored code 0001"),
        "{err}"
    );
    let f = write(&e, "d.csv", "编号,日期,金额,用途\n3,2022-10-20,500,慰问\n");
    let err = stderr(&e, &["import", "donations", &f]);
    assert!(err.contains("编号 3 与已有编号 0003（张3）"), "{err}");
    let act = e.ok(&[
        "activity",
        "add",
        "视察",
        "--date",
        "2022-05-18",
        "--title",
        "视察",
    ]);
    let f = write(&e, "a.csv", "编号,姓名,出席情况\n1,张1,出席\n");
    let err = stderr(&e, &["import", "attendance", &f, "--activity", act.trim()]);
    assert!(err.contains("编号 1 与已有编号 0001（张1）"), "{err}");
    assert_eq!(e.count("SELECT count(*) FROM attendance"), 1);
}

#[test]
fn a_number_that_names_another_member_or_two_codes_is_refused() {
    let e = committee();
    numbered(&e, 2);
    // 1 is 0001, but 0001 is 张1.
    let f = write(&e, "x.csv", "编号,姓名,界别\n1,李四,教育界\n");
    e.refuse_with(
        &["import", "members", &f],
        1,
        &["第 2 行", "委员 张1（0001）的编号", "李四"],
    );
    // Two stored codes of the value 2.
    e.ok(&["member", "add", "张二", "--sector", "教育界", "--code", "02"]);
    let f = write(&e, "y.csv", "编号,姓名,界别\n2,张2,教育界\n");
    e.refuse_with(
        &["import", "members", &f],
        1,
        &["0002 张2", "02 张二", "完整的编号"],
    );
    // A new code that differs from a stored one only in leading zeros or case.
    e.ok(&["member", "add", "王五", "--sector", "教育界", "--code", "M0007"]);
    let f = write(&e, "z.csv", "编号,姓名,界别\nm07,王六,教育界\n");
    e.refuse_with(
        &["import", "members", &f],
        1,
        &["m07", "M0007 王五", "只差前面的 0"],
    );
}

#[test]
fn a_homonym_of_a_serving_member_is_refused_with_the_candidates() {
    let e = committee();
    numbered(&e, 2);
    // A new code, no flag.
    let f = write(&e, "h.csv", "编号,姓名,出生年月,界别\nX01,张1,1985.03,经济界\n");
    let err = e.refuse_with(
        &["import", "members", &f, "--dry-run"],
        1,
        &[
            "第 2 行",
            "「张1」",
            "与在任委员同名：0001 张1 1970-01 教育界",
            "--allow-homonyms",
        ],
    );
    assert_eq!(err, e.refuse(&["import", "members", &f], 1));
    // A different birth date and no code: still refused, and the flag does not help.
    let f2 = write(&e, "h2.csv", "姓名,出生年月,界别\n张2,1985.03,经济界\n");
    e.refuse_with(&["import", "members", &f2], 1, &["0002 张2"]);
    e.refuse_with(
        &["import", "members", &f2, "--allow-homonyms"],
        1,
        &["须在该行写明编号"],
    );
    // With the flag, a code and a birth date of its own: added, and said so.
    let err = stderr(&e, &["import", "members", &f, "--allow-homonyms"]);
    assert!(err.contains("已按 --allow-homonyms 作为另一人新增"), "{err}");
    assert!(err.contains("新增 1"), "{err}");
    assert_eq!(e.count("SELECT count(*) FROM member WHERE name = '张1'"), 2);
    // Imported again it is the member X01: nothing new.
    let err = stderr(&e, &["import", "members", &f, "--allow-homonyms"]);
    assert!(err.contains("新增 0"), "{err}");
    // A homonym of a member who left is only a note.
    e.ok(&[
        "member",
        "leave",
        "0002",
        "--on",
        "2022-03-01",
        "--reason",
        "moved",
    ]);
    let f3 = write(&e, "h3.csv", "编号,姓名,界别\nX02,张2,经济界\n");
    let err = stderr(&e, &["import", "members", &f3]);
    assert!(err.contains("同名") && err.contains("0002"), "{err}");
}

#[test]
fn the_flag_needs_a_birth_date_that_is_not_theirs() {
    let e = committee();
    numbered(&e, 1);
    let f = write(&e, "h.csv", "编号,姓名,界别\nX01,张1,经济界\n");
    e.refuse_with(
        &["import", "members", &f, "--allow-homonyms"],
        1,
        &["0001 张1", "须在该行写明出生年月"],
    );
    let f = write(&e, "h.csv", "编号,姓名,出生年月,界别\nX01,张1,1970-01,经济界\n");
    e.refuse_with(
        &["--lang", "en", "import", "members", &f, "--allow-homonyms"],
        1,
        &["the birth date matches 0001 too"],
    );
    assert_eq!(members(&e), 1);
}

#[test]
fn notes_are_capped_on_screen_and_all_in_the_report() {
    let e = committee();
    numbered(&e, 30);
    let mut file = "编号,姓名,界别\n".to_string();
    for i in 1..=30 {
        file.push_str(&format!("{i},张{i},教育界\n"));
    }
    file.push_str("N1,新人,经济界\n");
    let f = write(&e, "r.csv", &file);
    let err = stderr(&e, &["import", "members", &f, "--dry-run"]);
    let notes = err.lines().filter(|l| l.starts_with("注意：")).count();
    assert_eq!(notes, 20, "{err}");
    assert!(err.contains("……另有 10 条注意未显示；加 --report"), "{err}");
    // Every note and the plan in the report; the import itself as before.
    let report = e.dir.path().join("报告.csv");
    let shown = report.display().to_string();
    let err = stderr(&e, &["import", "members", &f, "--report", &shown]);
    assert!(err.contains(&format!("全部写在「{shown}」中")), "{err}");
    assert!(err.contains("新增 1"), "{err}");
    let bytes = std::fs::read(&report).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'), "no BOM");
    assert!(text.starts_with("\u{feff}行,类别,记录,说明\n"), "{text}");
    assert_eq!(text.matches("只差前面的 0").count(), 30, "{text}");
    assert!(text.contains("32,新增,N1 新人"), "{text}");
    // Never over an existing file: refused before anything is written.
    let f2 = write(&e, "r2.csv", "编号,姓名,界别\nN2,又一人,经济界\n");
    e.refuse_with(
        &["import", "members", &f2, "--report", &shown],
        1,
        &["已存在", "--force"],
    );
    let err = stderr(&e, &["--force", "import", "members", &f2, "--report", &shown]);
    assert!(err.contains("已写出导入报告"), "{err}");
    assert!(std::fs::read_to_string(&report).unwrap().contains("N2 又一人"));
    // Markdown and text by extension; other extensions are a usage error.
    let md = e.dir.path().join("r.md").display().to_string();
    stderr(&e, &["import", "members", &f, "-n", "--report", &md]);
    let t = std::fs::read_to_string(&md).unwrap();
    assert!(
        t.contains("## 注意（30 条）") && t.contains("30. 第 31 行"),
        "{t}"
    );
    let txt = e.dir.path().join("r.txt").display().to_string();
    stderr(
        &e,
        &["--lang", "en", "import", "members", &f, "-n", "--report", &txt],
    );
    let t = std::fs::read_to_string(&txt).unwrap();
    assert_eq!(t.matches("differs from the stored code").count(), 30, "{t}");
    let xlsx = e.dir.path().join("r.xlsx").display().to_string();
    e.refuse_with(
        &["import", "members", &f, "--report", &xlsx],
        2,
        &[".csv .md .txt"],
    );
}
