//! Tests of the scoring engine.

mod contributions;
mod counted;
mod docs;
mod errors;
mod fixture;
mod mechanisms;
mod presets_test;
mod props;
mod rule_fuzz;

use super::*;

/// Parse with the built-in kinds or panic with the errors.
pub(super) fn scheme(text: &str) -> Scheme {
    match parse_rules(text, &builtin_kinds()) {
        Ok(s) => s,
        Err(e) => panic!("rule file does not parse: {e:#?}"),
    }
}

#[test]
fn presets_parse() {
    for p in presets() {
        let s = scheme(p.text);
        assert_eq!(s.scheme.name, p.name);
        assert_eq!(s.scheme.title_zh, p.title_zh);
        assert_eq!(s.scheme.title_en, p.title_en);
        // every preset states the gaps it fills
        assert!(p.text.contains("Gaps in the published text"));
    }
}
