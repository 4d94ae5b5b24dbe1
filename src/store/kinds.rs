//! Activity kinds.

use super::CachedQuery;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use crate::error::{Error, Result};
use crate::text;

/// An activity kind.
#[derive(Clone, Debug)]
pub struct Kind {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub standing_only: bool,
    /// Every (standing) member is due, not only those recorded for the activity.
    pub all_due: bool,
    pub builtin: bool,
}

impl Kind {
    /// The name in the language in force.
    pub fn name(&self) -> &str {
        crate::i18n::pick(&self.name_zh, &self.name_en)
    }
}

const COLS: &str = "id, code, name_zh, name_en, standing_only, builtin, all_due";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Kind> {
    Ok(Kind {
        id: r.get(0)?,
        code: r.get(1)?,
        name_zh: r.get(2)?,
        name_en: r.get(3)?,
        standing_only: r.get(4)?,
        builtin: r.get(5)?,
        all_due: r.get(6)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Kind>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM activity_kind ORDER BY id"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds a kind by code, Chinese or English name.
pub fn find(conn: &Connection, key: &str) -> Result<Kind> {
    let k = key.trim();
    conn.query_row_cached(
        &format!(
            "SELECT {COLS} FROM activity_kind WHERE code = ?1 OR code = replace(lower(?1), '-', '_')
             OR name_zh = ?1 OR lower(name_en) = lower(?1)"
        ),
        [k],
        row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::data(text!("活动类型「{}」不存在", "unknown activity kind '{}'", key)).with_hint(text!(
            "用 lvzhi kind list 查看已有类型，或用 lvzhi kind add 添加",
            "see `lvzhi kind list`, or add one with `lvzhi kind add`"
        ))
    })
}

/// Adds a committee's own kind.
pub fn add(w: &W, code: &str, zh: &str, en: &str, standing_only: bool, all_due: bool) -> Result<i64> {
    let valid = code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(Error::usage(text!(
            "活动类型代码「{}」无效：只能用小写英文字母、数字和下划线，且以字母开头",
            "invalid kind code '{}': use lower-case letters, digits and underscores, starting with a letter",
            code
        )));
    }
    let exists: Option<i64> = w
        .query_row_cached(
            "SELECT id FROM activity_kind WHERE code = ?1 OR name_zh = ?2",
            [code, zh],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(Error::data(text!(
            "活动类型「{}」或「{}」已存在",
            "activity kind '{}' or '{}' already exists",
            code,
            zh
        )));
    }
    w.insert(
        "activity_kind",
        "INSERT INTO activity_kind (code, name_zh, name_en, standing_only, all_due) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![code, zh, en, standing_only, all_due],
    )
}
