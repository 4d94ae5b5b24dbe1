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
