//! Output formats (table, csv, json, md) and languages.

use unicode_width::UnicodeWidthStr;

use crate::common::{Env, json};

/// Every listing command of the fixture, with what identifies it.
const LISTINGS: &[&[&str]] = &[
    &["sector", "list"],
    &["org", "list"],
    &["org", "members", "提案委员会"],
    &["member", "list"],
    &["kind", "list"],
    &["activity", "list"],
    &["proposal", "list"],
    &["opinion", "list"],
    &["commend", "list"],
    &["adjust", "list"],
    &["log", "--table", "sector"],
];

/// Documents: several titled sections.
const DOCS: &[&[&str]] = &[
    &["member", "show", "J001"],
    &["activity", "show", "1"],
    &["proposal", "show", "1"],
    &["opinion", "show", "1"],
];

fn with_awards() -> Env {
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
        "adjust", "add", "M001", "--year", "2022", "--points", "-2.5", "--reason", "迟交",
    ]);
    e
}

fn args<'a>(format: &'a str, lang: &'a str, cmd: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["--format", format, "--lang", lang];
    a.extend_from_slice(cmd);
    a
}

fn is_snake_case(k: &str) -> bool {
    !k.is_empty()
        && k.starts_with(|c: char| c.is_ascii_lowercase())
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn json_is_valid_with_snake_case_keys() {
    let e = with_awards();
    for cmd in LISTINGS {
        let v = json(&e.ok(&args("json", "zh", cmd)));
        let rows = v.as_array().unwrap_or_else(|| panic!("{cmd:?}: not an array"));
        assert!(!rows.is_empty(), "{cmd:?}: no rows");
        for r in rows {
            for k in r.as_object().unwrap().keys() {
                assert!(is_snake_case(k), "{cmd:?}: key {k:?}");
            }
        }
    }
    for cmd in DOCS {
        let v = json(&e.ok(&args("json", "zh", cmd)));
        let obj = v.as_object().unwrap_or_else(|| panic!("{cmd:?}: not an object"));
        for (k, section) in obj {
            assert!(is_snake_case(k), "{cmd:?}: section {k:?}");
            let rows = match section {
                serde_json::Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for r in rows.iter().filter(|r| r.is_object()) {
                for k in r.as_object().unwrap().keys() {
                    assert!(is_snake_case(k), "{cmd:?}: key {k:?}");
                }
            }
        }
    }
}

/// The keys of every object in a JSON value, with their paths.
fn key_paths(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.push(format!("{path}.{k}"));
                key_paths(x, &format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| key_paths(x, &format!("{path}[]"), out)),
        _ => {}
    }
}

#[test]
fn json_keys_do_not_depend_on_the_language() {
    let e = with_awards();
    for cmd in LISTINGS.iter().chain(DOCS) {
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        key_paths(&json(&e.ok(&args("json", "zh", cmd))), "", &mut zh);
        key_paths(&json(&e.ok(&args("json", "en", cmd))), "", &mut en);
        assert!(!zh.is_empty());
        assert_eq!(zh, en, "{cmd:?}");
    }
    // Enumerations are given as codes, whatever the language; only their labels differ.
    for cmd in [
        &["member", "list"][..],
        &["proposal", "list"],
        &["member", "show", "S001"],
    ] {
        let zh = json(&e.ok(&args("json", "zh", cmd)));
        let en = json(&e.ok(&args("json", "en", cmd)));
        assert_ne!(zh, en, "{cmd:?}: labels in the language");
        assert_eq!(
            crate::json::without_labels(&zh),
            crate::json::without_labels(&en),
            "{cmd:?}"
        );
    }
}

#[test]
fn json_member_list_fields() {
    let e = Env::fixture();
    let v = json(&e.ok(&["--format", "json", "member", "list", "--standing"]));
    let wang = &v.as_array().unwrap()[0];
    let mut keys: Vec<&str> = wang.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "gender",
            "gender_label",
            "name",
            "party",
            "sector",
            "standing",
            "status",
            "status_label",
            "title",
            "workplace"
        ]
    );
    assert_eq!(wang["code"], "J001");
    assert_eq!(wang["standing"], true);
    assert_eq!(wang["status"], "serving", "codes, not labels");
    assert_eq!(wang["status_label"], "在任");
}

#[test]
fn csv_has_a_header_row_in_chinese_or_field_names_in_english() {
    let e = with_awards();
    for cmd in LISTINGS {
        let keys: Vec<String> = {
            let v = json(&e.ok(&args("json", "zh", cmd)));
            let row = v.as_array().unwrap()[0].as_object().unwrap();
            // A code's label and exact points beside them are JSON's own: CSV has the one column.
            let sibling = |k: &str, suffix: &str| k.strip_suffix(suffix).is_some_and(|b| row.contains_key(b));
            let mut k: Vec<String> = row
                .keys()
                .filter(|k| !sibling(k, "_label") && !sibling(k, "_exact"))
                .cloned()
                .collect();
            k.sort();
            k
        };
        let rows_json = json(&e.ok(&args("json", "zh", cmd))).as_array().unwrap().len();
        for lang in ["zh", "en"] {
            let out = e.ok(&args("csv", lang, cmd));
            let mut r = csv::Reader::from_reader(out.as_bytes());
            let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
            let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
            assert_eq!(records.len(), rows_json, "{cmd:?} {lang}: one line per record");
            assert!(records.iter().all(|rec| rec.len() == header.len()));
            if lang == "en" {
                let mut h = header.clone();
                h.sort();
                assert_eq!(h, keys, "{cmd:?}: English CSV headers are the field names");
            } else {
                assert!(
                    header.iter().any(|h| !h.is_ascii()),
                    "{cmd:?}: Chinese headers expected: {header:?}"
                );
            }
        }
    }
    // A byte order mark first, for Excel and WPS; none with --no-bom.
    let out = e.ok(&["--format", "csv", "member", "list"]);
    assert!(out.starts_with("\u{feff}编号,姓名,"), "{out}");
    let out = e.ok(&["--format", "csv", "--no-bom", "member", "list"]);
    assert!(out.starts_with("编号,姓名,"), "{out}");
    let out = e.ok(&["--format", "csv", "--lang", "en", "--no-bom", "member", "list"]);
    assert!(out.starts_with("code,name,"), "{out}");
    assert!(out.contains("E002,李明,"), "{out}");
}

#[test]
fn md_output_is_a_table() {
    let e = with_awards();
    for cmd in LISTINGS {
        let n = json(&e.ok(&args("json", "zh", cmd))).as_array().unwrap().len();
        let out = e.ok(&args("md", "zh", cmd));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            n + 2,
            "{cmd:?}: header, rule, one line per row\n{out}"
        );
        let cols = lines[0].matches(" | ").count() + 1;
        assert!(lines[1].starts_with('|') && lines[1].contains("---"), "{out}");
        assert_eq!(lines[1].matches('|').count(), cols + 1, "{cmd:?}\n{out}");
        for l in &lines {
            assert!(l.starts_with('|') && l.ends_with('|'), "{cmd:?}: {l}");
        }
    }
    let out = e.ok(&["--format", "md", "member", "show", "E002"]);
    assert!(out.starts_with("## "), "{out}");
    assert!(out.contains("| 项目 | 内容 |"), "{out}");
}

/// Every line of each table block has the same display width (CJK counts 2).
fn assert_aligned(cmd: &[&str], out: &str, has_titles: bool) {
    for block in out.split("\n\n") {
        let mut lines: Vec<&str> = block.lines().filter(|l| !l.is_empty()).collect();
        if has_titles {
            lines.remove(0);
        }
        if lines.len() <= 1 {
            continue;
        }
        let w = UnicodeWidthStr::width(lines[0]);
        for l in &lines {
            assert_eq!(
                UnicodeWidthStr::width(*l),
                w,
                "{cmd:?}: misaligned line {l:?}\n{out}"
            );
        }
    }
}

#[test]
fn tables_are_aligned_in_display_width() {
    let e = with_awards();
    for lang in ["zh", "en"] {
        for cmd in LISTINGS {
            let out = e.ok(&args("table", lang, cmd));
            assert!(out.lines().count() >= 4, "{cmd:?}: a table\n{out}");
            assert_aligned(cmd, &out, false);
        }
        for cmd in DOCS {
            let out = e.ok(&args("table", lang, cmd));
            assert_aligned(cmd, &out, true);
        }
    }
}

#[test]
fn an_empty_listing_says_so() {
    let e = Env::init();
    assert_eq!(e.ok(&["member", "list"]).trim(), "（无记录）");
    assert_eq!(e.ok(&["--lang", "en", "member", "list"]).trim(), "(no records)");
    assert_eq!(
        json(&e.ok(&["--format", "json", "member", "list"])),
        serde_json::json!([])
    );
    let csv = e.ok(&["--format", "csv", "member", "list"]);
    assert_eq!(csv.lines().count(), 1, "a header row even with no records: {csv}");
}

#[test]
fn english_labels_and_headers() {
    let e = Env::fixture();
    let out = e.ok(&["--lang", "en", "member", "list", "--status", "left"]);
    assert!(out.contains("Code") && out.contains("Name"), "{out}");
    assert!(!out.contains("编号"), "{out}");
    let out = e.ok(&["--lang", "en", "member", "show", "S001"]);
    assert!(out.contains("Reason for leaving"), "{out}");
    assert!(out.contains("resign") || out.contains("Resign"), "{out}");
    let zh = e.ok(&["member", "show", "S001"]);
    assert!(zh.contains("辞去委员"), "{zh}");
}

#[test]
fn confirmations_go_to_stderr_and_data_to_stdout() {
    let e = Env::fixture();
    let out = e.run(&[
        "activity",
        "add",
        "reading",
        "--date",
        "2022-09-01",
        "--title",
        "读书活动",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "4\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("已添加活动 4") && err.contains("读书活动"), "{err}");
    let out = e.run(&["--lang", "en", "sector", "add", "农业界"]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("added sector '农业界'"));
}
