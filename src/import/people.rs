//! What proposal and opinion sheets share: author lists, members by code or name, yes/no cells.

use std::collections::HashMap;

use super::Cells;
use crate::error::Result;
use crate::i18n::Text;
use crate::store::Store;
use crate::store::members::{self, Member};
use crate::text;

/// Splits an author or level list: 、，, ; ； and line breaks separate items.
pub fn split(v: &str) -> Vec<String> {
    v.split([',', '，', '、', ';', '；', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Member codes as a file may write them: exactly, or (all digits) with the leading zeros that
/// Excel drops when it makes the code a number (`1` for `0001`).
#[derive(Default)]
pub struct Codes {
    exact: HashMap<String, usize>,
    by_value: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, Vec<usize>>,
}

/// What a code in a file finds.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeHit {
    /// The stored code itself.
    Exact(usize),
    /// The one stored all-digit code of the same value (`1` → `0001`).
    Padded(usize),
    /// Several stored codes of the same value (`001` and `0001`).
    Many(Vec<usize>),
    None,
}

impl Codes {
    /// Indexes the codes of members `0..`, in order.
    pub fn new<'a>(codes: impl IntoIterator<Item = &'a str>) -> Codes {
        let mut c = Codes::default();
        for (i, code) in codes.into_iter().enumerate() {
            c.exact.insert(code.to_string(), i);
            if let Some(v) = crate::domain::clean::code_value(code) {
                c.by_value.entry(v.to_string()).or_default().push(i);
            }
            c.by_key
                .entry(crate::domain::clean::code_key(code))
                .or_default()
                .push(i);
        }
        c
    }

    pub fn find(&self, code: &str) -> CodeHit {
        if let Some(&i) = self.exact.get(code) {
            return CodeHit::Exact(i);
        }
        let Some(v) = crate::domain::clean::code_value(code) else {
            return CodeHit::None;
        };
        match self.by_value.get(v).map(Vec::as_slice) {
            Some([i]) => CodeHit::Padded(*i),
            Some(many) => CodeHit::Many(many.to_vec()),
            None => CodeHit::None,
        }
    }

    /// Stored codes that differ from `code` only in leading zeros or letter case.
    pub fn near(&self, code: &str) -> Vec<usize> {
        self.by_key
            .get(&crate::domain::clean::code_key(code))
            .cloned()
            .unwrap_or_default()
    }
}

/// The note for a code matched through its lost leading zeros.
pub fn padded_note(row: usize, given: &str, code: &str, name: &str) -> Text {
    text!(
        "第 {} 行的编号 {} 与已有编号 {}（{}）只差前面的 0，按同一委员处理（Excel 把编号存成数字时会去掉前面的 0）",
        "row {}: code {} differs from the stored code {} ({}) only in leading zeros and is taken as that member (Excel drops them when it makes a code a number)",
        row,
        given,
        code,
        name
    )
}

/// The error for a code whose value several stored codes share.
pub fn many_codes(given: &str, list: &str) -> Text {
    text!(
        "编号 {} 去掉前面的 0 后与多个已有编号相同：{}；请写完整的编号",
        "the code {} equals several stored codes apart from leading zeros: {}; write the full code",
        given,
        list
    )
}

/// Every member, found by code or by exact name.
pub struct Roster {
    members: Vec<Member>,
    codes: Codes,
    by_name: HashMap<String, Vec<usize>>,
    /// Codes matched through lost leading zeros, one note each, for the summary.
    notes: std::cell::RefCell<Vec<Text>>,
}

impl Roster {
    pub fn load(store: &Store) -> Result<Roster> {
        let members = members::list(store.conn(), &members::Filter::default())?;
        let codes = Codes::new(members.iter().map(|m| m.code.as_str()));
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in members.iter().enumerate() {
            by_name.entry(m.name.clone()).or_default().push(i);
        }
        Ok(Roster {
            members,
            codes,
            by_name,
            notes: Default::default(),
        })
    }

    /// The notes of codes matched through lost leading zeros, taken out.
    pub fn take_notes(&self) -> Vec<Text> {
        self.notes.take()
    }

    /// One member by code, else by name; a shared name lists the candidates.
    pub fn find(&self, key: &str) -> std::result::Result<&Member, Text> {
        self.find_at(key, 0)
    }

    /// [`Roster::find`] for a key in row `row` of a file: a code that matches only through
    /// lost leading zeros (`1` → `0001`) is noted with the row.
    pub fn find_at(&self, key: &str, row: usize) -> std::result::Result<&Member, Text> {
        let code = crate::domain::clean::code(key);
        match self.codes.find(&code) {
            CodeHit::Exact(i) => return Ok(&self.members[i]),
            CodeHit::Padded(i) => {
                let m = &self.members[i];
                if row > 0 {
                    self.notes
                        .borrow_mut()
                        .push(padded_note(row, &code, &m.code, &m.name));
                }
                return Ok(m);
            }
            CodeHit::Many(many) => {
                let list = many
                    .iter()
                    .map(|&i| format!("{} {}", self.members[i].code, self.members[i].name))
                    .collect::<Vec<_>>()
                    .join("；");
                return Err(many_codes(&code, &list));
            }
            CodeHit::None => {}
        }
        let key = crate::domain::clean::name(key);
        match self.by_name.get(&key).map(Vec::as_slice) {
            Some([i]) => Ok(&self.members[*i]),
            Some(many) => {
                let list = many
                    .iter()
                    .map(|&i| {
                        let m = &self.members[i];
                        format!("{} {} {}", m.code, m.name, m.sector)
                    })
                    .collect::<Vec<_>>();
                Err(text!(
                    "有 {} 位委员同名「{}」：{}；请改写编号",
                    "{} members share the name '{}': {}; write the code instead",
                    many.len(),
                    key,
                    list.join("；")
                ))
            }
            None => Err(text!(
                "委员「{}」不存在（按编号和姓名都没有找到）；先导入名单（lvzhi import members）",
                "unknown member '{}' (no such code or name); import the roster first (`lvzhi import members`)",
                key
            )),
        }
    }

    /// The members listed in a cell; every unknown or ambiguous one is reported on the cell.
    /// `None` when the column is absent or a name failed, `Some(vec![])` when the cell is empty.
    pub fn cell(&self, c: &mut Cells, field: usize) -> Option<Vec<Member>> {
        if !c.header.has(field) {
            return Some(Vec::new());
        }
        let Some(v) = c.text(field) else {
            return (!c.bad).then(Vec::new);
        };
        let mut out = Vec::new();
        let mut ok = true;
        for key in split(&v) {
            match self.find_at(&key, c.row.number) {
                Ok(m) => out.push(m.clone()),
                Err(reason) => {
                    c.fail(field, &v, reason);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

/// A yes/no cell: 是/否, √/×, yes/no, true/false, 1/0; empty is `None`.
pub fn yes_no(c: &mut Cells, field: usize) -> Option<bool> {
    let v = c.text(field)?;
    match v.to_lowercase().as_str() {
        "是" | "√" | "✓" | "y" | "yes" | "true" | "1" => Some(true),
        "否" | "×" | "✗" | "n" | "no" | "false" | "0" => Some(false),
        _ => {
            c.fail(
                field,
                &v,
                text!("应为「是」或「否」", "must be yes or no (是/否, true/false, 1/0)"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_exactly_then_through_lost_zeros() {
        let c = Codes::new(["0001", "0002", "002", "M0007", "10"]);
        assert_eq!(c.find("0001"), CodeHit::Exact(0));
        assert_eq!(c.find("1"), CodeHit::Padded(0));
        assert_eq!(c.find("00001"), CodeHit::Padded(0));
        assert_eq!(c.find("2"), CodeHit::Many(vec![1, 2]));
        assert_eq!(c.find("0010"), CodeHit::Padded(4));
        assert_eq!(c.find("M7"), CodeHit::None);
        assert_eq!(c.find("3"), CodeHit::None);
        assert_eq!(c.near("m07"), vec![3]);
        assert!(c.near("M70").is_empty());
    }
}
