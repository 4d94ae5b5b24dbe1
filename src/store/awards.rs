//! Commendations and the office's manual adjustments.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::W;
use super::members::Member;
use crate::domain::codes::Level;
use crate::error::{Error, Result};
use crate::text;

/// A commendation of a member.
#[derive(Clone, Debug)]
pub struct Commendation {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: Level,
    pub awarded_on: NaiveDate,
    pub reason: String,
}

/// A manual adjustment of a member's points for a year.
#[derive(Clone, Debug)]
pub struct Adjustment {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub year: i32,
    pub points: String,
    pub reason: String,
}

fn need_reason(reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::usage(text!(
            "必须写明理由（--reason）",
            "a reason is required (--reason)"
        )));
    }
    Ok(())
}

pub fn commend(w: &W, m: &Member, level: Level, on: NaiveDate, reason: &str) -> Result<i64> {
    need_reason(reason)?;
    w.insert(
        "commendation",
        "INSERT INTO commendation (member_id, level, awarded_on, reason) VALUES (?1, ?2, ?3, ?4)",
        params![m.id, level.code(), on, reason.trim()],
    )
}

pub fn commendations(
    conn: &Connection,
    year: Option<i32>,
    member_id: Option<i64>,
) -> Result<Vec<Commendation>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, m.code, m.name, c.level, c.awarded_on, c.reason
         FROM commendation c JOIN member m ON m.id = c.member_id
         WHERE (?1 IS NULL OR substr(c.awarded_on, 1, 4) = printf('%04d', ?1)) AND (?2 IS NULL OR c.member_id = ?2)
         ORDER BY c.awarded_on, c.id",
    )?;
    let rows = stmt.query_map(params![year, member_id], |r| {
        let level: String = r.get(3)?;
        Ok(Commendation {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            level: Level::from_code(&level).unwrap_or(Level::County),
            awarded_on: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an adjustment; `points` is already checked by [`crate::domain::points::parse_points`].
pub fn adjust(w: &W, m: &Member, year: i32, points: &str, reason: &str) -> Result<i64> {
    need_reason(reason)?;
    w.insert(
        "adjustment",
        "INSERT INTO adjustment (member_id, year, points, reason) VALUES (?1, ?2, ?3, ?4)",
        params![m.id, year, points, reason.trim()],
    )
}

pub fn adjustments(conn: &Connection, year: Option<i32>, member_id: Option<i64>) -> Result<Vec<Adjustment>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, m.code, m.name, a.year, a.points, a.reason
         FROM adjustment a JOIN member m ON m.id = a.member_id
         WHERE (?1 IS NULL OR a.year = ?1) AND (?2 IS NULL OR a.member_id = ?2)
         ORDER BY a.year, a.id",
    )?;
    let rows = stmt.query_map(params![year, member_id], |r| {
        Ok(Adjustment {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            year: r.get(3)?,
            points: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
