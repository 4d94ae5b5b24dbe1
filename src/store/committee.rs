//! The committee itself: name, level, term, and its identity (division code, parent).

use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use crate::domain::codes::Level;
use crate::error::Result;

/// The committee whose records the file keeps.
#[derive(Clone, Debug)]
pub struct Committee {
    pub name: String,
    pub level: Level,
    pub term: i64,
    pub term_start: Option<i32>,
    /// Administrative division code (six digits), once set.
    pub code: Option<String>,
    /// Division code of the committee it reports to, if any.
    pub parent_code: Option<String>,
}

pub fn get(conn: &Connection) -> Result<Option<Committee>> {
    Ok(conn
        .query_row(
            "SELECT name, level, term, term_start, code, parent_code FROM committee WHERE id = 1",
            [],
            |r| {
                let level: String = r.get(1)?;
                Ok(Committee {
                    name: r.get(0)?,
                    level: Level::from_code(&level).unwrap_or(Level::County),
                    term: r.get(2)?,
                    term_start: r.get(3)?,
                    code: r.get(4)?,
                    parent_code: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Creates or updates the committee row; tells whether anything changed.
pub fn set(w: &W, c: &Committee) -> Result<bool> {
    let exists = get(w)?.is_some();
    let p = params![
        c.name,
        c.level.code(),
        c.term,
        c.term_start,
        c.code,
        c.parent_code
    ];
    if exists {
        w.update(
            "committee",
            1,
            "UPDATE committee SET name = ?1, level = ?2, term = ?3, term_start = ?4, code = ?5,
                    parent_code = ?6 WHERE id = 1",
            p,
        )
    } else {
        w.insert(
            "committee",
            "INSERT INTO committee (id, name, level, term, term_start, code, parent_code)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            p,
        )?;
        Ok(true)
    }
}

/// Whether the file holds no records at all (no committee, member or activity).
pub fn is_blank(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM committee) AND NOT EXISTS (SELECT 1 FROM member)
                AND NOT EXISTS (SELECT 1 FROM activity) AND NOT EXISTS (SELECT 1 FROM sector)",
        [],
        |r| r.get(0),
    )?)
}
