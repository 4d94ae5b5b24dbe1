//! The `contribution` source: kinds, levels and level points, split, once, from_nth, caps.

use super::fixture::*;
use crate::scoring::*;

const RULES: &str = r#"
[[category]]
key = "outputs"
name_zh = "履职成果"
name_en = "Duty outputs"

[[category.item]]
key = "research"
name_zh = "调研报告"
name_en = "Research reports"
source = "contribution"
kinds = ["research_report"]
level_points = { county = 2, city = 4, province = 8 }
split = "lead_half"
cap = 10

[[category.item]]
key = "media"
name_zh = "宣传报道"
name_en = "Media articles"
source = "contribution"
kinds = ["media"]
points = 1
from_nth = 2
cap = 3

[[category.item]]
key = "study"
name_zh = "学习心得"
name_en = "Study notes"
source = "contribution"
kinds = ["study"]
points = 2
once = true

[[category.item]]
key = "history"
name_zh = "文史资料（省级以上，第一作者）"
name_en = "Historical materials (province and up, lead)"
source = "contribution"
kinds = ["history"]
levels = ["province", "national"]
roles = ["lead"]
points = 5
"#;

#[test]
fn contributions_score_by_kind_level_split_and_modifiers() {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    f.contribution(1, "research_report", Some("city"), &[1, 2]);
    f.contribution(2, "research_report", Some("province"), &[1]);
    f.contribution(3, "research_report", Some("county"), &[1, 2, 3]);
    for id in 4..=8 {
        f.contribution(id, "media", None, &[2]);
    }
    for id in 9..=11 {
        f.contribution(id, "study", None, &[3]);
    }
    f.contribution(12, "history", Some("province"), &[2, 3]);
    f.contribution(13, "history", Some("county"), &[2]);
    let a = run(RULES, &f);
    // member 1, research: city 4 × 1/2 = 2, province 8, county 2 × 1/2 = 1: 11, capped at 10.
    assert_eq!(total(&a, 1), Num::int(10));
    // member 2: research city 4 × 1/2 = 2 and county 2 × 1/2 ÷ 2 = 1/2; media 5 articles from
    // the 2nd on: 4, capped at 3; history: province as lead 5 (county is not counted): 21/2.
    assert_eq!(total(&a, 2), num("21/2"));
    // member 3: research county 1/2; study once 2; history as co-author: nothing: 5/2.
    assert_eq!(total(&a, 3), num("5/2"));
    let line = a
        .member(2)
        .unwrap()
        .lines
        .iter()
        .find(|l| l.item.as_deref() == Some("history"))
        .unwrap();
    assert!(line.source.label.zh.contains("成果12"), "{:?}", line.source.label);
    assert_eq!(line.source.kind, "contribution");
}

#[test]
fn contribution_items_are_checked() {
    let bad = RULES.replace("kinds = [\"media\"]", "kinds = [\"plenary\"]") + "on = \"adopted\"\n";
    let errs = parse_rules(&format!("{HEAD}{bad}"), &builtin_kinds()).unwrap_err();
    let text: Vec<&str> = errs.iter().map(|e| e.message_en.as_str()).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("contribution kind") && e.contains("plenary")),
        "{text:?}"
    );
    assert!(text.iter().any(|e| e.contains("`on`")), "{text:?}");
    // A committee's own kind is known once it is in the list.
    let own = RULES.replace("kinds = [\"media\"]", "kinds = [\"poem\"]");
    assert!(parse_rules(&format!("{HEAD}{own}"), &builtin_kinds()).is_err());
    let mut kinds = builtin_kinds();
    kinds.push(format!("{CONTRIBUTION_KIND}poem"));
    assert!(parse_rules(&format!("{HEAD}{own}"), &kinds).is_ok());
}

#[test]
fn contributions_count_over_several_years() {
    let rules = r#"
[[category]]
key = "outputs"
name_zh = "履职成果"
name_en = "Duty outputs"

[[category.item]]
key = "research"
name_zh = "调研报告"
name_en = "Research reports"
source = "contribution"
kinds = ["research_report"]
points = 3

[[flag]]
key = "no_research"
name_zh = "两年无调研报告"
name_en = "No research report in two years"
when = { item = "research", over = "years", years = 2, fewer_than = 1 }
"#;
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    let mut last = F::new(2023);
    last.contribution(1, "research_report", None, &[1]);
    f.0.earlier.push(last.0);
    f.contribution(2, "media", None, &[2]);
    let a = run(rules, &f);
    // member 1: a report last year, none this year: 0 points, but not flagged.
    assert_eq!(total(&a, 1), Num::zero());
    assert!(!a.member(1).unwrap().has_flag("no_research"));
    // member 2: only a media article: flagged.
    assert!(a.member(2).unwrap().has_flag("no_research"));
}
