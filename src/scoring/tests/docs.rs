//! Every ```toml block of docs/rules.md parses; "toml partial" blocks after a [scheme] table.

use super::fixture::HEAD;
use crate::scoring::*;

const DOC: &str = include_str!("../../../docs/rules.md");

#[test]
fn doc_snippets_parse() {
    let mut full = 0;
    let mut partial = 0;
    let mut lines = DOC.lines().enumerate();
    while let Some((no, line)) = lines.next() {
        let info = match line.strip_prefix("```") {
            Some(i) if i.starts_with("toml") => i.trim().to_string(),
            _ => continue,
        };
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| !l.starts_with("```"))
            .collect();
        let body = body.join("\n") + "\n";
        let text = match info.as_str() {
            "toml" => {
                full += 1;
                body
            }
            "toml partial" => {
                partial += 1;
                format!("{HEAD}{body}")
            }
            other => panic!("line {}: unknown block marker `{other}`", no + 1),
        };
        if let Err(e) = parse_rules(&text, &builtin_kinds()) {
            panic!("docs/rules.md block at line {}: {e:#?}", no + 1);
        }
    }
    // one snippet for each of the 20 mechanisms, four of them complete files, and one for each
    // of counts over years, roles, full attendance, best of, outcomes after the year and duty outputs
    assert_eq!((full, partial), (4, 22));
}
