//! Scoring mechanisms through the binary: counts over the term read earlier years' records,
//! `rules check` refuses keys that are listing columns, and a scheme without grades.

use crate::common::{Env, json};

const DATA: i32 = 1;

const TERM_SCHEME: &str = r#"[scheme]
name = "term-test"
title_zh = "届内测试"
title_en = "Term test"

[[category]]
key = "proposals"
name_zh = "提案"
name_en = "Proposals"

[[category.item]]
key = "proposal"
name_zh = "提交提案"
name_en = "Proposal"
source = "proposal"
points = 10

[[flag]]
key = "no_renewal"
name_zh = "建议不再连任"
name_en = "Not to be renewed"
when = { item = "proposal", over = "term", fewer_than = 2 }
"#;

fn write(e: &Env, name: &str, text: &str) -> String {
    let p = e.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_term_count_reads_the_earlier_years_proposals() {
    let e = Env::fixture();
    e.ok(&["init", "--term-start", "2021"]);
    // 2022 (fixture): E002 lead, M001 co-signer of one proposal; 2023: E002 files another.
    e.ok(&[
        "proposal",
        "add",
        "关于乡村医生待遇的提案",
        "--date",
        "2023-01-12",
        "--lead",
        "E002",
    ]);
    let rules = write(&e, "term.toml", TERM_SCHEME);
    e.ok(&["rules", "set", "--year", "2023", &rules]);
    let rows = json(&e.ok(&["--format", "json", "assess", "--year", "2023"]));
    let row = |code: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {rows}"))
            .clone()
    };
    let flags = |code: &str| serde_json::to_string(&row(code)["flags"]).unwrap();
    // E002: 2022 one + 2023 one = 2 in the term: not fewer than 2; 2023 total 10.
    assert!(!flags("E002").contains("建议不再连任"), "{}", flags("E002"));
    assert_eq!(row("E002")["total"].as_f64(), Some(10.0));
    // M001: the 2022 co-signature only: 1 < 2, flagged, counted from joining (2021-10-01).
    assert!(flags("M001").contains("建议不再连任"), "{}", flags("M001"));
    assert!(
        flags("M001").contains("届内自2021年10月1日起提交提案 1 项，条件为少于 2 项"),
        "{}",
        flags("M001")
    );
    // L001: nothing in the term: flagged.
    assert!(flags("L001").contains("建议不再连任"));
    // the explanation names the counts too, in English
    let out = e.ok(&["--lang", "en", "assess", "--year", "2023", "--explain", "M001"]);
    assert!(
        out.contains("Proposal in the term (from 2021-10-01): 1 record, condition fewer than 2"),
        "{out}"
    );
}

#[test]
fn rules_check_refuses_a_category_keyed_like_a_column() {
    let e = Env::init();
    let text = TERM_SCHEME.replace("key = \"proposals\"", "key = \"rank\"");
    let line = text.lines().position(|l| l == "key = \"rank\"").unwrap() + 1;
    let path = write(&e, "rank.toml", &text);
    let err = e.refuse_with(&["rules", "check", &path], DATA, &["rank"]);
    assert!(err.contains(&format!("rank.toml:{line}:")), "{err}");
    assert!(err.contains("固定列"), "{err}");
    let text = TERM_SCHEME.replace("key = \"proposal\"\n", "key = \"flags\"\n");
    let path = write(&e, "flags.toml", &text);
    let err = e.refuse_with(&["--lang", "en", "rules", "check", &path], DATA, &["flags"]);
    assert!(err.contains("fixed column"), "{err}");
}

#[test]
fn a_scheme_without_grades_has_no_dangling_separator() {
    let e = Env::fixture();
    let rules = write(&e, "term.toml", TERM_SCHEME);
    e.ok(&["rules", "set", "--year", "2022", &rules]);
    let out = e.run(&["assess", "--year", "2022"]);
    assert!(out.status.success());
    let all = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    let said = all
        .lines()
        .find(|l| l.contains("年度履职考核"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(said.trim_end().ends_with("未参加 1 人"), "{said}");
    assert!(!said.contains("人；"), "{said}");
}

#[test]
fn the_seal_of_a_year_counting_over_the_term_covers_the_earlier_years() {
    let e = Env::fixture();
    e.ok(&["init", "--term-start", "2021"]);
    let rules = write(&e, "term.toml", TERM_SCHEME);
    e.ok(&["rules", "set", "--year", "2023", &rules]);
    e.ok(&["assess", "--year", "2023", "--finalize"]);
    e.ok(&["check"]);
    // 2022 is still open: a proposal added there changes M001's term count, which the final
    // 2023 result was computed on
    e.ok(&[
        "proposal",
        "add",
        "关于县域养老服务的提案",
        "--date",
        "2022-05-01",
        "--lead",
        "M001",
    ]);
    let out = e.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("2023"), "{text}");
}
