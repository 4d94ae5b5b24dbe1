//! Sectors (界别).

use super::CachedQuery;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use crate::error::{Error, Result};
use crate::text;

/// A sector.
#[derive(Clone, Debug)]
pub struct Sector {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sort_order: i64,
    pub members: i64,
}

/// The usual sectors of a county committee, in their customary order.
pub const STANDARD: &[(&str, &str)] = &[
    ("zgdy", "中国共产党"),
    ("mg", "民革"),
    ("mm", "民盟"),
    ("mj", "民建"),
    ("mjin", "民进"),
    ("ngd", "农工党"),
    ("jsxs", "九三学社"),
    ("wdp", "无党派人士"),
    ("gqt", "共青团"),
    ("gh", "工会"),
    ("fl", "妇联"),
    ("gsl", "工商联"),
    ("kj", "科学技术界"),
    ("whys", "文化艺术界"),
    ("jy", "教育界"),
    ("yy", "医药卫生界"),
    ("jj", "经济界"),
    ("ny", "农业界"),
    ("shfl", "社会福利和社会保障界"),
    ("mz", "少数民族界"),
    ("zj", "宗教界"),
    ("ty", "特邀人士"),
];

pub fn list(conn: &Connection) -> Result<Vec<Sector>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.code, s.name, s.sort_order,
                (SELECT count(*) FROM member m WHERE m.sector_id = s.id AND m.left_on IS NULL)
         FROM sector s ORDER BY s.sort_order, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Sector {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sort_order: r.get(3)?,
            members: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds a sector by name or code.
pub fn find(conn: &Connection, key: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM sector WHERE name = ?1 OR code = ?1")?
        .query_row([key.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::data(text!("界别「{}」不存在", "unknown sector '{}'", key)).with_hint(text!(
                "用 lvzhi sector list 查看已有界别，或先用 lvzhi sector add 添加",
                "see `lvzhi sector list`, or add it first with `lvzhi sector add`"
            ))
        })
}

/// Adds a sector; code and order default to the next free ones.
pub fn add(w: &W, name: &str, code: Option<&str>, order: Option<i64>) -> Result<i64> {
    let name = name.trim();
    let exists: Option<i64> = w
        .query_row_cached("SELECT id FROM sector WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(Error::data(text!(
            "界别「{}」已存在",
            "sector '{}' already exists",
            name
        )));
    }
    let code = match code {
        Some(c) => {
            let taken: Option<i64> = w
                .query_row_cached("SELECT id FROM sector WHERE code = ?1", [c], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::data(text!(
                    "界别代码「{}」已被使用",
                    "sector code '{}' is already used",
                    c
                )));
            }
            c.to_string()
        }
        None => {
            let n: i64 = w.query_row_cached("SELECT count(*) FROM sector", [], |r| r.get(0))?;
            let mut i = n + 1;
            loop {
                let c = format!("S{i:02}");
                let taken: Option<i64> = w
                    .query_row_cached("SELECT id FROM sector WHERE code = ?1", [&c], |r| r.get(0))
                    .optional()?;
                if taken.is_none() {
                    break c;
                }
                i += 1;
            }
        }
    };
    let order = match order {
        Some(o) => o,
        None => w.query_row_cached("SELECT coalesce(max(sort_order), 0) + 1 FROM sector", [], |r| {
            r.get(0)
        })?,
    };
    w.insert(
        "sector",
        "INSERT INTO sector (code, name, sort_order) VALUES (?1, ?2, ?3)",
        params![code, name, order],
    )
}

/// Adds every standard sector that is missing; returns how many were added.
pub fn add_standard(w: &W) -> Result<usize> {
    let mut added = 0;
    for (code, name) in STANDARD {
        let exists: Option<i64> = w
            .query_row_cached(
                "SELECT id FROM sector WHERE name = ?1 OR code = ?2",
                [name, code],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            add(w, name, Some(code), None)?;
            added += 1;
        }
    }
    Ok(added)
}
