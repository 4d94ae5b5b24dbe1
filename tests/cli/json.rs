//! JSON output: every field docs/json.md lists is there with its type, and `--lang zh|en` give
//! the same JSON apart from the `*_label` fields.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{Env, json};

/// A scheme with a part cap, a fraction (10 points shared by three), a gate and flags.
const RULES: &str = r#"
[scheme]
name = "json"
title_zh = "JSON 测试办法"
title_en = "JSON test scheme"
decimals = 2

[eligibility]
joined = "flagged"
left = "not_assessed"

[[part]]
key = "extra"
name_zh = "加分"
name_en = "Extra"
cap = 5

[[category]]
key = "meetings"
name_zh = "会议活动"
name_en = "Meetings"
cap = 10

[[category.item]]
key = "inspection"
name_zh = "参加视察"
name_en = "Inspection"
source = "attendance"
kinds = ["inspection"]
points = 7.5

[[category.item]]
key = "excused"
name_zh = "请假"
name_en = "Excused"
source = "attendance"
statuses = ["excused"]
points = -1

[[category]]
key = "opinions"
name_zh = "社情民意"
name_en = "Opinion reports"
part = "extra"

[[category.item]]
key = "written"
name_zh = "报送"
name_en = "Written"
source = "opinion"
on = "submitted"
split = "shared"
points = 10

[[category.item]]
key = "adopted"
name_zh = "被采用"
name_en = "Adopted"
source = "opinion"
on = "adopted"
split = "lead_only"
level_points = { city = 5 }

[[gate]]
key = "basic"
name_zh = "基本要求"
name_en = "Basic requirements"
require = [ { item = "inspection", min_count = 1 } ]

[grades]
fractional = "floor"

[[grades.band]]
name_zh = "优秀"
name_en = "Excellent"
min = 10
requires = ["basic"]

[[grades.band]]
name_zh = "合格"
name_en = "Pass"
below = 10

[[flag]]
key = "interview"
name_zh = "约谈"
name_en = "Interview"
below = 5
"#;

/// The fixture with a report by three members, a commendation, an adjustment, a donation and
/// the scheme above assessed for 2022.
fn assessed() -> Env {
    let e = Env::fixture();
    e.ok(&[
        "opinion",
        "add",
        "关于乡村教师待遇的建议",
        "--date",
        "2022-06-01",
        "--authors",
        "E002,M001,J001",
    ]);
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
        "adjust", "add", "E002", "--year", "2022", "--points", "-2.5", "--reason", "迟交",
    ]);
    e.ok(&[
        "contribution",
        "add",
        "关于乡村旅游的调研报告",
        "--kind",
        "research_report",
        "--date",
        "2022-05-20",
        "--authors",
        "E002,M001",
        "--level",
        "city",
        "--outlet",
        "忻州日报",
    ]);
    e.ok(&[
        "contribution",
        "add",
        "学习心得",
        "--kind",
        "study",
        "--date",
        "2022-07-01",
        "--authors",
        "E002",
    ]);
    e.ok(&[
        "opinion",
        "instruct",
        "1",
        "--level",
        "county",
        "--date",
        "2022-06-01",
        "--leader",
        "县长",
    ]);
    e.ok(&[
        "donation",
        "add",
        "E002",
        "--date",
        "2022-08-01",
        "--amount",
        "300",
        "--purpose",
        "助学",
    ]);
    e.ok(&[
        "proposal",
        "set",
        "1",
        "--stage",
        "filed",
        "--unit",
        "县教育局",
        "--reply-on",
        "2022-09-01",
    ]);
    let rules = e.dir.path().join("json.toml");
    std::fs::write(&rules, RULES).unwrap();
    e.ok(&["rules", "set", "--year", "2022", rules.to_str().unwrap()]);
    e.ok(&["assess", "--year", "2022"]);
    e
}

/// The JSON without the fields that are in the chosen language: `*_label`, and `label` of
/// `{code, label}`.
pub fn without_labels(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "label" && !k.ends_with("_label"))
                .map(|(k, x)| (k.clone(), without_labels(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_labels).collect()),
        other => other.clone(),
    }
}

/// The (field, types) rows of the table under "### `title`" in docs/json.md.
fn documented(title: &str) -> Vec<(String, Vec<String>)> {
    let doc = std::fs::read_to_string(format!("{}/docs/json.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let heading = format!("### `{title}`");
    let start = doc
        .lines()
        .position(|l| l.trim() == heading)
        .unwrap_or_else(|| panic!("docs/json.md has no section {heading}"));
    let rows: Vec<(String, Vec<String>)> = doc
        .lines()
        .skip(start + 1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<String> = l
                .replace("\\|", "¦")
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            let types = cells[2].split('¦').map(str::to_string).collect();
            (cells[1].clone(), types)
        })
        .collect();
    assert!(!rows.is_empty(), "{heading}: no fields");
    rows
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        other => panic!("docs/json.md: unknown type {other:?}"),
    }
}

/// Every value at `path` under `v` (`a.b`, `a[].b`, `a.<key>`); an error when a field is missing.
fn values<'a>(v: &'a Value, path: &[&str]) -> Result<Vec<&'a Value>, String> {
    let Some((seg, rest)) = path.split_first() else {
        return Ok(vec![v]);
    };
    let next: Vec<&Value> = if seg.starts_with('<') {
        v.as_object()
            .ok_or_else(|| format!("{seg}: not an object: {v}"))?
            .values()
            .collect()
    } else if let Some(name) = seg.strip_suffix("[]") {
        v.get(name)
            .ok_or_else(|| format!("{name}: missing in {v}"))?
            .as_array()
            .ok_or_else(|| format!("{name}: not an array"))?
            .iter()
            .collect()
    } else {
        vec![v.get(*seg).ok_or_else(|| format!("{seg}: missing in {v}"))?]
    };
    let mut out = Vec::new();
    for n in next {
        out.extend(values(n, rest)?);
    }
    Ok(out)
}

/// Checks the outputs of `runs` against the section `title`: every documented field has its
/// type wherever it is, and each appears at least once over the runs.
fn conforms(e: &Env, title: &str, runs: &[&[&str]]) {
    let fields = documented(title);
    let mut seen = BTreeSet::new();
    for run in runs {
        for lang in ["zh", "en"] {
            let mut args = vec!["--format", "json", "--lang", lang];
            args.extend_from_slice(run);
            let out = json(&e.ok(&args));
            let rows: Vec<&Value> = match &out {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for row in rows {
                for (field, types) in &fields {
                    // A field in an array or object that is empty here is checked elsewhere.
                    let path: Vec<&str> = field.split('.').collect();
                    let found =
                        values(row, &path).unwrap_or_else(|err| panic!("{run:?} {title}: {field}: {err}"));
                    for v in &found {
                        assert!(
                            types.iter().any(|t| has_type(v, t)),
                            "{run:?} {title}: {field} = {v}, documented as {types:?}"
                        );
                    }
                    if !found.is_empty() {
                        seen.insert(field.clone());
                    }
                }
            }
        }
        let zh = json(&e.ok(&[&["--format", "json", "--lang", "zh"], *run].concat()));
        let en = json(&e.ok(&[&["--format", "json", "--lang", "en"], *run].concat()));
        assert_eq!(
            without_labels(&zh),
            without_labels(&en),
            "{run:?}: zh and en differ beyond labels"
        );
    }
    let missing: Vec<&String> = fields
        .iter()
        .map(|f| &f.0)
        .filter(|f| !seen.contains(*f))
        .collect();
    assert!(missing.is_empty(), "{title}: never seen: {missing:?}");
}

#[test]
fn the_ranking_follows_the_documented_schema() {
    let e = assessed();
    conforms(
        &e,
        "assess",
        &[
            &["assess", "--year", "2022"],
            &["report", "assessment", "--year", "2022"],
        ],
    );
}

#[test]
fn the_ranking_has_typed_points_grades_flags_and_categories() {
    let e = assessed();
    let v = json(&e.ok(&["--format", "json", "--lang", "en", "assess", "--year", "2022"]));
    let row = |code: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {v}"))
            .clone()
    };
    // J001: inspection 7.5 + a third of 10 = 65/6, shown at 2 decimals.
    let j = row("J001");
    assert_eq!(j["total"], 10.83);
    assert_eq!(j["total_exact"], "65/6");
    assert_eq!(j["categories"]["meetings"], 7.5);
    assert_eq!(j["categories"]["opinions"], 3.33);
    assert_eq!(j["grade"], "优秀", "the code, whatever the language");
    assert_eq!(j["grade_label"], "Excellent");
    // E002: reports 5 + 10/3 + adopted 5 = 40/3, the part capped at 5: -25/3; 7.5 + 5 = 12.5.
    let a = row("E002");
    assert_eq!(a["total"], 12.5);
    assert_eq!(a["total_exact"], "25/2");
    assert_eq!(a["part_adjustments"]["extra"], -8.33);
    // M001: excused -1, reports 5 + 10/3 capped at 5 = 4: below 5, flagged.
    let m = row("M001");
    assert_eq!(m["total_exact"], "4");
    assert_eq!(
        m["flags"],
        serde_json::json!([{"code": "interview", "label": "Interview"}])
    );
    // N001 joined in June; S001 left in March and is not assessed.
    let n = row("N001");
    assert_eq!(n["flags"][0]["code"], "joined_during_year");
    assert_eq!(n["flags"][1]["code"], "interview");
    let s = row("S001");
    assert_eq!(s["rank"], Value::Null);
    assert_eq!(s["total"], Value::Null);
    assert_eq!(s["categories"]["meetings"], Value::Null);
    assert_eq!(s["flags"][0]["code"], "not_assessed");
    assert!(
        s["flags"][0]["label"]
            .as_str()
            .unwrap()
            .contains("left on 2022-03-01"),
        "{s}"
    );
    // The table and CSV keep the flags as one text.
    let csv = e.ok(&["--format", "csv", "--lang", "en", "assess", "--year", "2022"]);
    assert!(
        csv.contains("joined during the year; Interview") || csv.contains("; Interview"),
        "{csv}"
    );
}

#[test]
fn a_category_keyed_like_a_fixed_field_cannot_overwrite_it() {
    // Categories live in their own object: a key such as "rank" stays apart from the member's.
    let e = Env::fixture();
    let rules = RULES.replace("key = \"meetings\"", "key = \"rank\"");
    let path = e.dir.path().join("rank.toml");
    std::fs::write(&path, rules).unwrap();
    let out = e.run(&[
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--rules",
        path.to_str().unwrap(),
    ]);
    if !out.status.success() {
        // `rules check` may refuse such keys; then there is nothing to collide.
        return;
    }
    let v = json(&String::from_utf8(out.stdout).unwrap());
    let e002 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "E002")
        .unwrap();
    assert_eq!(e002["rank"], 1);
    assert_eq!(e002["categories"]["rank"], 7.5);
}

#[test]
fn the_explanation_follows_the_documented_schema() {
    let e = assessed();
    conforms(
        &e,
        "assess --explain",
        &[
            &["assess", "--year", "2022", "--explain", "E002"],
            &["assess", "--year", "2022", "--explain", "S001"],
        ],
    );
}

#[test]
fn the_explanation_gives_exact_points_and_codes_and_no_total_line() {
    let e = assessed();
    let v = json(&e.ok(&[
        "--format",
        "json",
        "--lang",
        "en",
        "assess",
        "--year",
        "2022",
        "--explain",
        "J001",
    ]));
    let lines = v["lines"].as_array().unwrap();
    let third = lines
        .iter()
        .find(|l| l["item"] == "written")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(third["points"], 3.33);
    assert_eq!(third["points_exact"], "10/3");
    assert_eq!(third["category"], "opinions");
    assert_eq!(third["category_label"], "Opinion reports");
    assert_eq!(third["record"]["kind"], "opinion");
    assert!(third["record"]["id"].is_i64(), "{third}");
    // The lines add up to the member's exact total; no closing line among them.
    assert!(lines.iter().all(|l| l["category"].is_string()), "{v}");
    assert_eq!(v["member"]["total_exact"], "65/6");
    assert_eq!(v["member"]["total"], 10.83);
    assert_eq!(v["member"]["categories"]["meetings"], 7.5);
    assert_eq!(v["member"]["categories"]["opinions"], 3.33);
    assert_eq!(v["gates"][0]["gate"], "basic");
    assert_eq!(v["gates"][0]["passed"], true);
    // The table keeps the fraction beside the rounded value, and its total line.
    let table = e.ok(&["--lang", "en", "assess", "--year", "2022", "--explain", "J001"]);
    assert!(table.contains("3.33（=10/3）"), "{table}");
    assert!(table.contains("Total"), "{table}");
    let csv = e.ok(&[
        "--format",
        "csv",
        "--lang",
        "en",
        "--no-bom",
        "assess",
        "--year",
        "2022",
        "--explain",
        "J001",
    ]);
    assert!(
        csv.starts_with("code,name,sector,year,"),
        "subtotals are JSON's only: {csv}"
    );
}

#[test]
fn a_comparison_follows_the_documented_schema() {
    let e = assessed();
    let draft = format!("{}/tests/data/fixture-rules.toml", env!("CARGO_MANIFEST_DIR"));
    conforms(
        &e,
        "assess --rules FILE --compare",
        &[&["assess", "--year", "2022", "--rules", &draft, "--compare"]],
    );
}

#[test]
fn the_reports_follow_the_documented_schema() {
    let e = assessed();
    conforms(
        &e,
        "report assessment --by sector",
        &[&["report", "assessment", "--year", "2022", "--by", "sector"]],
    );
    conforms(
        &e,
        "report member",
        &[
            &["report", "member", "E002", "--year", "2022"],
            &["report", "member", "M001", "--year", "2022"],
            &["report", "member", "S001", "--year", "2022"],
        ],
    );
    conforms(&e, "report summary", &[&["report", "summary", "--year", "2022"]]);
    conforms(
        &e,
        "report attendance",
        &[&["report", "attendance", "--year", "2022"]],
    );
}

#[test]
fn the_sector_report_groups_grades_and_has_a_total_row() {
    let e = assessed();
    let v = json(&e.ok(&[
        "--format",
        "json",
        "--lang",
        "en",
        "report",
        "assessment",
        "--year",
        "2022",
        "--by",
        "sector",
    ]));
    let rows = v.as_array().unwrap();
    let total = rows.last().unwrap();
    assert_eq!(total["sector"], Value::Null);
    assert_eq!(total["members"], 7);
    assert_eq!(total["grades"]["优秀"], 2, "{total}");
    assert!(rows[..rows.len() - 1].iter().all(|r| r["sector"].is_string()));
}

#[test]
fn listings_give_codes_with_labels_and_lists_as_arrays() {
    let e = assessed();
    let v = json(&e.ok(&["--format", "json", "--lang", "en", "opinion", "list"]));
    let first = &v.as_array().unwrap()[0];
    assert_eq!(
        first["adopted"],
        serde_json::json!([{"code": "city", "label": "city"}]),
        "{first}"
    );
    let v = json(&e.ok(&["--format", "json", "member", "list"]));
    assert_eq!(v[0]["status"], "serving");
    assert_eq!(v[0]["status_label"], "在任");
    let v = json(&e.ok(&["--format", "json", "--lang", "en", "rules", "presets"]));
    assert!(
        v[0]["title_label"].is_string() && v[0].get("title").is_none(),
        "{v}"
    );
    // English CSV keeps the codes joined as before.
    let csv = e.ok(&["--format", "csv", "--lang", "en", "--no-bom", "opinion", "list"]);
    assert!(csv.lines().nth(1).unwrap().contains(",city,"), "{csv}");
}

#[test]
fn listings_and_records_follow_the_documented_schema() {
    let e = assessed();
    for (title, run) in [
        ("committee show", &["committee", "show"][..]),
        ("sector list", &["sector", "list"]),
        ("org list", &["org", "list"]),
        ("org members", &["org", "members", "提案委员会"]),
        ("member list", &["member", "list"]),
        ("kind list", &["kind", "list"]),
        ("activity list", &["activity", "list"]),
        ("proposal list", &["proposal", "list"]),
        ("opinion list", &["opinion", "list"]),
        ("commend list", &["commend", "list"]),
        ("adjust list", &["adjust", "list"]),
        ("donation list", &["donation", "list"]),
        ("contribution list", &["contribution", "list"]),
        ("contribution kind list", &["contribution", "kind", "list"]),
        ("contribution show", &["contribution", "show", "1"]),
        ("log", &["log"]),
        ("check", &["check"]),
        ("rules presets", &["rules", "presets"]),
        ("activity show", &["activity", "show", "1"]),
        ("proposal show", &["proposal", "show", "1"]),
        ("opinion show", &["opinion", "show", "1"]),
    ] {
        conforms(&e, title, &[run]);
    }
    conforms(
        &e,
        "member show",
        &[&["member", "show", "E002"], &["member", "show", "S001"]],
    );
    let v = json(&e.ok(&["--format", "json", "adjust", "list"]));
    assert_eq!(v[0]["points"], -2.5);
    assert_eq!(v[0]["points_exact"], "-5/2");
}
