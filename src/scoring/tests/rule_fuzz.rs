//! Property tests of the rule parser: any text, TOML-shaped text and mutated presets are either
//! refused with errors or parsed into a scheme that scores random records, never a panic.
//! Cases: 256 by default, more with `PROPTEST_CASES`.

use proptest::prelude::*;

use super::props::random_facts;
use crate::scoring::*;

const SECTIONS: &[&str] = &[
    "[scheme]",
    "[attendance]",
    "[eligibility]",
    "[ranking]",
    "[grades]",
    "[grades.quota]",
    "[[grades.band]]",
    "[[category]]",
    "[[category.item]]",
    "[[flag]]",
    "[[gate]]",
];

const KEYS: &[&str] = &[
    "below",
    "cap",
    "converted_proposal",
    "decimals",
    "due_kinds",
    "flags",
    "floor",
    "fraction_below",
    "fraction_min",
    "fractional",
    "gate",
    "grade",
    "instructed_levels",
    "joined",
    "key",
    "kinds",
    "ladder",
    "left",
    "level_points",
    "levels",
    "main_members",
    "member",
    "min",
    "missing",
    "name",
    "name_en",
    "name_zh",
    "on",
    "once",
    "per",
    "percent",
    "points",
    "require",
    "requires",
    "role_points",
    "roles",
    "source",
    "split",
    "stages",
    "statuses",
    "ties",
    "title_en",
    "title_zh",
    "years_running",
];

const WORDS: &[&str] = &[
    "attendance",
    "proposal",
    "opinion",
    "adjustment",
    "commendation",
    "donation",
    "plenary",
    "standing",
    "inspection",
    "present",
    "absent",
    "excused",
    "late",
    "left_early",
    "lead",
    "cosigner",
    "half_day",
    "activity",
    "each",
    "city",
    "county",
    "province",
    "national",
    "assessed",
    "not_assessed",
    "dense",
    "standard",
    "ignore",
    "absent",
    "shared",
    "x",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (-1000i64..1000).prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        "-?[0-9]{1,40}/[0-9]{1,40}".prop_map(|s| format!("\"{s}\"")),
        proptest::sample::select(WORDS).prop_map(|w| format!("\"{w}\"")),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..4).prop_map(|v| format!(
            "[{}]",
            v.iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (proptest::sample::select(WORDS), -50i64..50).prop_map(|(w, n)| format!("{{ {w} = {n} }}")),
        any::<bool>().prop_map(|b| b.to_string()),
        ".{0,10}".prop_map(|s| format!("{s:?}")),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => proptest::sample::select(SECTIONS).prop_map(str::to_string),
        4 => (proptest::sample::select(KEYS), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => ".{0,30}",
    ]
}

/// Parses, and scores random records when the text is a valid scheme.
fn parse_and_score(text: &str, seed: u64) {
    if let Ok(s) = parse_rules(text, &builtin_kinds()) {
        let a = assess(&s, &random_facts(seed));
        assert!(a.members.iter().all(|m| !m.total.exact().is_empty()));
        super::super::num::take_overflow();
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Number(usize, String),
    Truncate(usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), value()).prop_map(|(i, v)| Mutation::Number(i, v)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), line()).prop_map(|(i, l)| Mutation::Insert(i, l)),
    ]
}

fn mutate(text: &str, ms: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in ms {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match m {
            Mutation::Delete(i) => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Swap(a, b) => lines.swap(a % n, b % n),
            Mutation::Number(i, v) => {
                // The value of the next `key = value` line from i on.
                if let Some(j) = (0..n).map(|k| (i + k) % n).find(|&j| lines[j].contains(" = ")) {
                    let key = lines[j].split(" = ").next().unwrap_or("").to_string();
                    lines[j] = format!("{key} = {v}");
                }
            }
            Mutation::Truncate(i) => {
                let l = &lines[i % n];
                let cut = l.char_indices().map(|(k, _)| k).nth(i % (l.chars().count() + 1));
                let l = cut.map_or(l.clone(), |k| l[..k].to_string());
                lines[i % n] = l;
            }
            Mutation::Insert(i, l) => lines.insert(i % (n + 1), l.clone()),
        }
    }
    lines.join("\n")
}

proptest! {
    #[test]
    fn any_text_is_refused_or_parsed(text in ".{0,400}", seed in any::<u64>()) {
        parse_and_score(&text, seed);
    }

    #[test]
    fn toml_shaped_text_is_refused_or_parsed(lines in proptest::collection::vec(line(), 0..40), seed in any::<u64>()) {
        parse_and_score(&lines.join("\n"), seed);
    }

    #[test]
    fn mutated_presets_are_refused_or_scored(
        which in 0usize..3,
        ms in proptest::collection::vec(mutation(), 1..6),
        seed in any::<u64>(),
    ) {
        let ps = presets();
        let text = mutate(ps[which % ps.len()].text, &ms);
        parse_and_score(&text, seed);
    }
}
