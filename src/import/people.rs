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

/// Every member, found by code or by exact name.
pub struct Roster {
    members: Vec<Member>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Roster {
    pub fn load(store: &Store) -> Result<Roster> {
        let members = members::list(store.conn(), &members::Filter::default())?;
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in members.iter().enumerate() {
            by_code.insert(m.code.clone(), i);
            by_name.entry(m.name.clone()).or_default().push(i);
        }
        Ok(Roster {
            members,
            by_code,
            by_name,
        })
    }

    /// One member by code, else by name; a shared name lists the candidates.
    pub fn find(&self, key: &str) -> std::result::Result<&Member, Text> {
        if let Some(&i) = self.by_code.get(&crate::domain::clean::code(key)) {
            return Ok(&self.members[i]);
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
            match self.find(&key) {
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
