//! Output for meetings: terminal tables that fit, a workbook that prints, confirmations
//! before destroying.

use std::process::Output;

use lvzhi::output::table::cols;

use crate::common::{Env, bin, json};

fn demo() -> Env {
    let e = Env::new();
    let out = bin().arg("--db").arg(&e.db).arg("demo").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    e
}

fn at_width(e: &Env, columns: usize, args: &[&str]) -> String {
    let out: Output = bin()
        .env("COLUMNS", columns.to_string())
        .arg("--db")
        .arg(&e.db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every line fits `width`, and every value of the fixed fields is on one line, whole, as
/// often as the JSON output has it.
fn fits(table: &str, width: usize, rows: &serde_json::Value, fields: &[&str]) {
    for line in table.lines() {
        assert!(
            cols(line) <= width,
            "{width}: line of {} columns: {line}",
            cols(line)
        );
    }
    let cells: Vec<&str> = table
        .lines()
        .flat_map(|l| l.split(['│', '┆']))
        .map(str::trim)
        .collect();
    for f in fields {
        for row in rows.as_array().unwrap() {
            let v = match &row[f] {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert!(
                cells.contains(&v.as_str()),
                "{width}: the {f} value {v:?} is not whole in one cell:\n{table}"
            );
        }
    }
}

#[test]
fn tables_fit_80_100_120_and_200_columns_without_splitting_values() {
    let e = demo();
    let cases: [(&[&str], &[&str]); 3] = [
        (
            &["report", "assessment", "--year", "2022"],
            &["code", "name", "total", "rank"],
        ),
        (&["member", "list"], &["code", "name"]),
        (&["log"], &["id", "at", "operator"]),
    ];
    for (args, fields) in cases {
        let mut j = vec!["--format", "json"];
        j.extend_from_slice(args);
        let rows = json(&e.ok(&j));
        let rows = if rows.is_array() {
            rows
        } else {
            rows["rows"].clone()
        };
        for w in [80, 100, 120, 200] {
            let t = at_width(&e, w, args);
            fits(&t, w, &rows, fields);
        }
    }
    let narrow = at_width(&e, 80, &["report", "assessment", "--year", "2022"]);
    let head = narrow.lines().find(|l| l.contains("名次")).unwrap();
    assert!(!head.contains("社情民意"), "{head}");
    assert!(
        narrow.contains("略去 5 列：会议、提案、活动、社情民意、加分；加 --columns all 显示"),
        "{narrow}"
    );
    let wide = at_width(&e, 200, &["report", "assessment", "--year", "2022"]);
    assert!(
        wide.lines().any(|l| l.contains("名次") && l.contains("社情民意")),
        "{wide}"
    );
    assert!(!wide.contains("--columns"), "{wide}");
}

#[test]
fn width_and_columns_flags_override_the_terminal() {
    let e = demo();
    let all = at_width(
        &e,
        80,
        &["--columns", "all", "report", "assessment", "--year", "2022"],
    );
    assert!(
        all.lines().any(|l| l.contains("加分")) && !all.contains("略去"),
        "{all}"
    );
    let w = at_width(
        &e,
        200,
        &["--width", "90", "report", "assessment", "--year", "2022"],
    );
    assert!(w.lines().all(|l| cols(l) <= 90), "{w}");
    assert!(w.contains("略去"), "{w}");
    let unlimited = at_width(&e, 80, &["--width", "0", "log"]);
    assert!(unlimited.lines().any(|l| cols(l) > 80), "no limit with --width 0");
}

const MEMBERS: &str = "编号,姓名,界别,联系电话,工作单位
J001,王芳,经济界,13900001111,县财政局
";

/// Runs `lvzhi ARGS` under a pseudo-terminal (`script`) answering `answer`; returns the exit
/// code and what the terminal showed.
fn on_terminal(e: &Env, args: &str, answer: &str) -> (i32, String) {
    let exe = assert_cmd::cargo::cargo_bin("lvzhi");
    let cmd = format!(
        "{} --db '{}' --operator tester {args}",
        exe.display(),
        e.db.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("LVZHI_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(answer.as_bytes())?;
            c.wait_with_output()
        })
        .expect("script runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn has_script() -> bool {
    std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok()
}

#[test]
fn destructive_commands_refuse_without_a_terminal_or_yes() {
    let e = Env::fixture();
    let csv = e.dir.path().join("m.csv");
    std::fs::write(&csv, MEMBERS).unwrap();
    let csv = csv.to_str().unwrap();
    let need_yes = ["没有终端可以询问", "--yes"];
    e.refuse_with(
        &["attend", "1", "--remove", "M001"],
        1,
        &["M001", "删除", "出席登记"],
    );
    e.refuse_with(&["import", "members", csv, "--update"], 1, &need_yes);
    let err = e.refuse(&["import", "members", csv, "--update"], 1);
    assert!(err.contains("修改已有记录 1 条"), "{err}");
    e.ok(&["--yes", "import", "members", csv, "--update"]);
    // An import that changes nothing asks nothing.
    e.ok(&["import", "members", csv, "--update"]);
    e.refuse_with(&["import", "undo", "1"], 1, &["撤销导入 1", "--yes"]);
    e.ok(&["import", "undo", "1", "--dry-run"]);
    e.ok(&["import", "undo", "1", "--yes"]);
    e.ok(&["rules", "set", "--year", "2022", "--preset", "tongcheng-2019"]);
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    // What would be refused anyway is refused before anyone is asked.
    let err = e.refuse(&["attend", "1", "--remove", "M001"], 1);
    assert!(err.contains("已定稿") && !err.contains("--yes"), "{err}");
    e.refuse_with(
        &["assess", "--year", "2022", "--supersede", "--reason", "补录"],
        1,
        &["撤销 2022 年度已定稿的考核", "--yes"],
    );
    e.ok(&[
        "assess",
        "--year",
        "2022",
        "--supersede",
        "--reason",
        "补录",
        "--yes",
    ]);
}

#[test]
fn destructive_commands_ask_on_a_terminal() {
    if !has_script() {
        eprintln!("no `script` command: the terminal half of this test is skipped");
        return;
    }
    let e = demo();
    let before = e.dump();
    let (code, screen) = on_terminal(&e, "donation remove 1", "n\n");
    assert_eq!(code, 1, "{screen}");
    assert!(
        screen.contains("将删除捐赠记录 1") && screen.contains("[y/N]"),
        "{screen}"
    );
    assert!(screen.contains("已取消"), "{screen}");
    assert_eq!(before, e.dump(), "a no leaves the database as it was");
    let (code, screen) = on_terminal(&e, "donation remove 1", "y\n");
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("已删除捐赠记录 1"), "{screen}");
    let left = json(&e.ok(&["--format", "json", "donation", "list"]));
    assert!(left.as_array().unwrap().iter().all(|d| d["id"] != 1), "{left}");
    e.refuse_with(&["donation", "remove", "2"], 1, &["将删除捐赠记录 2", "--yes"]);
}

/// The text parts of an xlsx file, by name.
pub fn parts(path: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(name, s);
        }
    }
    out
}

fn export(e: &Env, name: &str) -> std::collections::BTreeMap<String, String> {
    let path = e.dir.path().join(name);
    e.ok(&["export", "--year", "2022", "-o", path.to_str().unwrap()]);
    parts(&path)
}

#[test]
fn the_workbook_prints_with_headers_page_numbers_titles_and_no_tiny_text() {
    let e = demo();
    let x = export(&e, "2022.xlsx");
    let sheets: Vec<&String> = x
        .keys()
        .filter(|k| k.starts_with("xl/worksheets/sheet"))
        .collect();
    assert_eq!(sheets.len(), 6, "{:?}", x.keys());
    for k in &sheets {
        let s = &x[*k];
        assert!(s.contains("<headerFooter>"), "{k}: no header or footer");
        assert!(
            s.contains("<oddHeader>&amp;C政协代县委员会"),
            "{k}: the header is not the title"
        );
        assert!(
            s.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
            "{k}"
        );
        assert!(s.contains("paperSize=\"9\""), "{k}: not A4");
    }
    let wb = &x["xl/workbook.xml"];
    assert_eq!(wb.matches("_xlnm.Print_Titles").count(), 6, "{wb}");
    assert_eq!(wb.matches("_xlnm.Print_Area").count(), 6, "{wb}");
    // Ranking: one page wide, landscape, the header rows repeated.
    let ranking = &x["xl/worksheets/sheet1.xml"];
    assert!(ranking.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{ranking}");
    assert!(ranking.contains("orientation=\"landscape\""));
    assert!(
        wb.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">排名!$1:$3</definedName>"),
        "{wb}"
    );
    // Sector sheet: its chart begins a page.
    assert!(
        x["xl/worksheets/sheet2.xml"].contains("<rowBreaks"),
        "no page break before the chart"
    );
    assert!(x.contains_key("xl/charts/chart1.xml"));
    // Attendance: never shrunk, split by activity groups, names repeated, compact marks.
    let att = &x["xl/worksheets/sheet5.xml"];
    assert!(!att.contains("fitToPage"), "the attendance matrix is shrunk");
    assert!(
        att.contains("<colBreaks"),
        "no page breaks between activity groups"
    );
    // The demo's 30 activities are columns D to AG; the counts after them start a page.
    assert!(
        att.contains("<brk id=\"33\""),
        "the counts do not start a page: {att}"
    );
    assert!(wb.contains("出席!$A:$C,出席!$1:$3"), "{wb}");
    // the matrix is written in constant memory: its texts are inline, not shared
    assert!(
        att.contains("inlineStr"),
        "the attendance matrix was not streamed"
    );
    assert!(
        att.contains("<t>✓</t>") && att.contains("<t>假</t>"),
        "no compact marks"
    );
    assert!(att.contains("图例：✓ 出席"), "no legend");
    // Nothing below 8 pt, and a sheet fitted to the page is never shrunk below 8 pt either.
    let styles = &x["xl/styles.xml"];
    for sz in styles.split("<sz val=\"").skip(1) {
        let v: f64 = sz.split('"').next().unwrap().parse().unwrap();
        assert!(v >= 8.0, "a font of {v} pt");
    }
    for k in &sheets {
        if let Some(scale) = x[*k].split(" scale=\"").nth(1) {
            let v: f64 = scale.split('"').next().unwrap().parse().unwrap();
            assert!(v * 11.0 / 100.0 >= 8.0, "{k}: printed at {v}%");
        }
    }
}

#[test]
fn every_shipped_scheme_exports_and_only_graded_ones_get_a_grade_chart() {
    let e = demo();
    let presets = json(&e.ok(&["--format", "json", "rules", "presets"]));
    let presets = presets.as_array().unwrap();
    assert!(presets.len() >= 3, "{presets:?}");
    for p in presets {
        let name = p["name"].as_str().unwrap();
        e.ok(&["rules", "set", "--year", "2022", "--preset", name]);
        e.ok(&["assess", "--year", "2022"]);
        let ranking = json(&e.ok(&["--format", "json", "report", "assessment", "--year", "2022"]));
        let graded = ranking.as_array().unwrap().iter().any(|r| !r["grade"].is_null());
        let x = export(&e, &format!("{name}.xlsx"));
        assert_eq!(
            x.contains_key("xl/charts/chart1.xml"),
            graded,
            "{name}: graded {graded}"
        );
        let by_sector = e.dir.path().join(format!("{name}-sector.xlsx"));
        e.ok(&[
            "report",
            "assessment",
            "--year",
            "2022",
            "--by",
            "sector",
            "-o",
            by_sector.to_str().unwrap(),
        ]);
    }
}
