//! Outcomes arriving after the year: an adoption, a leader's instruction or a key/excellent
//! mark dated in a later year is recordable while that year is open, and counts in the year of
//! the record or of the event as the scheme says.

use crate::common::{Env, json};

const DATA: i32 = 1;

/// One item: 10 points for each adoption of a report (any level), and one for a key proposal.
/// `outcome_year` is left out (today's behaviour) when None.
fn rules(e: &Env, outcome_year: Option<&str>) -> String {
    let path = e
        .dir
        .path()
        .join(format!("rules-{}.toml", outcome_year.unwrap_or("none")));
    let line = outcome_year
        .map(|o| format!("outcome_year = \"{o}\"\n"))
        .unwrap_or_default();
    std::fs::write(
        &path,
        format!(
            r#"[scheme]
name = "outcomes"
title_zh = "成果"
title_en = "Outcomes"
{line}
[[category]]
key = "outcomes"
name_zh = "履职成果"
name_en = "Outcomes"

[[category.item]]
key = "adopted"
name_zh = "被采用"
name_en = "Adopted"
source = "opinion"
on = "adopted"
points = 10

[[category.item]]
key = "key"
name_zh = "重点提案"
name_en = "Key proposal"
source = "proposal"
flags = ["key"]
points = 6
"#
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

/// A member's total in `year` as JSON reports it.
fn total(e: &Env, year: &str, code: &str) -> f64 {
    let out = json(&e.ok(&["--format", "json", "assess", "--year", year]));
    let members = out["members"]
        .as_array()
        .or_else(|| out.as_array())
        .expect("members");
    members
        .iter()
        .find(|m| m["code"] == code)
        .and_then(|m| m["total"].as_f64())
        .unwrap_or_else(|| panic!("no total for {code} in {out}"))
}

/// The fixture with a report of 2022 by E002 alone, scheme `outcome_year` for 2022 and 2023,
/// and 2022 finalised.
fn finalised(outcome_year: Option<&str>) -> Env {
    let e = Env::fixture();
    e.ok(&[
        "opinion",
        "add",
        "迟到的采用",
        "--date",
        "2022-11-20",
        "--authors",
        "E002",
        "--number",
        "X9",
    ]);
    let r = rules(&e, outcome_year);
    e.ok(&["rules", "set", "--year", "2022", &r]);
    e.ok(&["rules", "set", "--year", "2023", &r]);
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    e
}

#[test]
fn a_report_of_a_final_year_adopted_next_year_counts_in_the_year_of_the_event() {
    let e = finalised(Some("event"));
    let before = e.count("SELECT count(*) FROM assessment WHERE year = 2022 AND status = 'final'");
    let result_2022: String = e
        .conn()
        .query_row(
            "SELECT result FROM assessment WHERE year = 2022 AND status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // E002 in 2022: the fixture's report adopted by the city, 10 (the new one is not adopted)
    assert_eq!(total(&e, "2022", "E002"), 10.0);
    // adopted in 2022 itself: that year is final
    let err = e.refuse(
        &[
            "opinion",
            "adopt",
            "X9",
            "--level",
            "county",
            "--date",
            "2022-12-30",
        ],
        DATA,
    );
    assert!(err.contains("已定稿"), "{err}");
    // adopted on 2023-02-01: 2023 is open
    e.ok(&[
        "opinion",
        "adopt",
        "X9",
        "--level",
        "city",
        "--date",
        "2023-02-01",
    ]);
    assert_eq!(before, 1);
    let after: String = e
        .conn()
        .query_row(
            "SELECT result FROM assessment WHERE year = 2022 AND status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after, result_2022, "the final 2022 result is unchanged");
    let (out, code) = {
        let o = e.run(&["check"]);
        (
            String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr),
            o.status.code(),
        )
    };
    assert_eq!(code, Some(0), "2022's inputs are unchanged: {out}");
    // 2023 under "event": the adoption dated 2023 counts, 10
    assert_eq!(total(&e, "2023", "E002"), 10.0);
    let explain = e.ok(&["assess", "--year", "2023", "--explain", "E002"]);
    assert!(explain.contains("2023年2月1日"), "{explain}");
    assert!(explain.contains("2022年11月20日报送"), "both dates: {explain}");
    let en = e.ok(&["--lang", "en", "assess", "--year", "2023", "--explain", "E002"]);
    assert!(en.contains("2023-02-01; submitted 2022-11-20"), "{en}");
    // finalising 2023 locks the adoption dated in it
    e.ok(&["assess", "--year", "2023", "--finalize"]);
    let err = e.refuse(
        &[
            "opinion",
            "adopt",
            "X9",
            "--level",
            "province",
            "--date",
            "2023-12-01",
        ],
        DATA,
    );
    assert!(err.contains("已定稿"), "{err}");
    e.ok(&["check"]);
}

#[test]
fn under_record_an_adoption_next_year_does_not_count_in_that_year() {
    let e = finalised(None);
    e.ok(&[
        "opinion",
        "adopt",
        "X9",
        "--level",
        "city",
        "--date",
        "2023-02-01",
    ]);
    assert_eq!(total(&e, "2023", "E002"), 0.0);
    e.ok(&["check"]);
    // the same file under "event": 10
    let r = rules(&e, Some("event"));
    e.ok(&["rules", "set", "--year", "2023", &r]);
    assert_eq!(total(&e, "2023", "E002"), 10.0);
}

#[test]
fn a_proposal_of_a_final_year_made_key_next_year() {
    let e = Env::fixture();
    e.ok(&["proposal", "set", "2022001", "--stage", "filed"]);
    let r = rules(&e, Some("event"));
    e.ok(&["rules", "set", "--year", "2022", &r]);
    e.ok(&["rules", "set", "--year", "2023", &r]);
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    // E002 2022: the fixture's report adopted by the city, 10; no key proposal
    assert_eq!(total(&e, "2022", "E002"), 10.0);
    // made key in 2022 (undated: the proposal's year), or dated in 2022: final
    let err = e.refuse(&["proposal", "set", "2022001", "--key"], DATA);
    assert!(err.contains("已定稿"), "{err}");
    e.refuse(
        &["proposal", "set", "2022001", "--key", "--on", "2022-12-01"],
        DATA,
    );
    let err = e.refuse(&["proposal", "set", "2022001", "--on", "2023-01-05"], 2);
    assert!(err.contains("--key"), "{err}");
    e.refuse(&["proposal", "set", "2022001", "--stage", "not_filed"], DATA);
    e.ok(&["proposal", "set", "2022001", "--key", "--on", "2023-03-01"]);
    let show = e.ok(&["--lang", "en", "proposal", "show", "2022001"]);
    assert!(
        show.contains("Made key on") && show.contains("2023-03-01"),
        "{show}"
    );
    e.ok(&["check"]);
    assert_eq!(total(&e, "2022", "E002"), 10.0);
    // 2023: the key mark, 6 to the lead E002 (the item's default credit)
    assert_eq!(total(&e, "2023", "E002"), 6.0);
    let explain = e.ok(&["--lang", "en", "assess", "--year", "2023", "--explain", "E002"]);
    assert!(
        explain.contains("(submitted 2022-01-11; made key 2023-03-01)"),
        "both dates: {explain}"
    );
}
