//! The embedded stroke table (`data/strokes.tsv`, made by `scripts/gen_strokes.py`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// The committed table, embedded in the binary.
pub(crate) const DATA: &str = include_str!("../../data/strokes.tsv");

/// Stroke facts for one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Total stroke count (mainland standard where a sequence is known).
    pub count: u8,
    /// Stroke classes, one ASCII digit per stroke: 1 横 2 竖 3 撇 4 点 5 折.
    /// `None` when only Unihan's count is known.
    pub classes: Option<&'static str>,
}

// Parsed on first use: about 27,600 lines, a few milliseconds.
static TABLE: LazyLock<HashMap<char, Entry>> = LazyLock::new(|| match parse(DATA) {
    Ok(table) => table,
    // The unit test `data_file_is_well_formed` keeps this from ever happening.
    Err(e) => panic!("data/strokes.tsv is malformed: {e}"),
});

/// Looks a character up in the table.
pub(crate) fn lookup(c: char) -> Option<Entry> {
    TABLE.get(&c).copied()
}

/// Parses the table. Blank lines and `#` lines are skipped. Every other line must be
/// `CHAR<TAB>COUNT<TAB>CLASSES` with one character, a count in 1..=64 and either an empty
/// class string or one of exactly COUNT digits 1–5. Characters must not repeat.
pub(crate) fn parse(data: &'static str) -> Result<HashMap<char, Entry>, String> {
    let mut table = HashMap::with_capacity(28_000);
    for (i, line) in data.lines().enumerate() {
        let n = i + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(ch), Some(count), Some(classes), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("line {n}: expected three tab-separated fields"));
        };
        let mut chars = ch.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(format!("line {n}: first field must be one character"));
        };
        let count: u8 = count
            .parse()
            .ok()
            .filter(|k| (1..=64).contains(k))
            .ok_or_else(|| format!("line {n}: bad stroke count {count:?}"))?;
        let classes = if classes.is_empty() {
            None
        } else {
            if !classes.bytes().all(|b| (b'1'..=b'5').contains(&b)) {
                return Err(format!("line {n}: stroke classes must be digits 1-5"));
            }
            if classes.len() != usize::from(count) {
                return Err(format!(
                    "line {n}: count {count} but {} stroke classes",
                    classes.len()
                ));
            }
            Some(classes)
        };
        if table.insert(c, Entry { count, classes }).is_some() {
            return Err(format!("line {n}: {c} appears twice"));
        }
    }
    Ok(table)
}
