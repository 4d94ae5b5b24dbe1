//! Queries behind the year-end reports: who served in a year, the year's activities and
//! attendance, members' roles on proposals and reports, changes to the roll.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::dates::year_bounds;
use crate::error::Result;

/// A member who served at some time during the year, with dated standing periods: the same
/// facts the scoring engine reads.
pub use crate::scoring::MemberFacts as YearMember;

/// Members serving at some time during `year`, by code.
pub fn year_members(conn: &Connection, year: i32) -> Result<Vec<YearMember>> {
    let mut members = super::assess::year_members(conn, year)?;
    members.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(members)
}

/// An activity of the year with its kind.
#[derive(Clone, Debug)]
pub struct YearActivity {
    pub id: i64,
    pub kind: String,
    pub kind_zh: String,
    pub kind_en: String,
    pub standing_only: bool,
    /// Every (standing) member is due, not only those recorded.
    pub all_due: bool,
    pub title: String,
    pub start_on: NaiveDate,
}

/// Activities starting in `year`, by date.
pub fn year_activities(conn: &Connection, year: i32) -> Result<Vec<YearActivity>> {
    let (first, last) = year_bounds(year);
    let rows = conn
        .prepare(
            "SELECT a.id, k.code, k.name_zh, k.name_en, k.standing_only, a.title, a.start_on, k.all_due
             FROM activity a JOIN activity_kind k ON k.id = a.kind_id
             WHERE a.start_on >= ?1 AND a.start_on <= ?2 ORDER BY a.start_on, a.id",
        )?
        .query_map(params![first, last], |r| {
            Ok(YearActivity {
                id: r.get(0)?,
                kind: r.get(1)?,
                kind_zh: r.get(2)?,
                kind_en: r.get(3)?,
                standing_only: r.get(4)?,
                title: r.get(5)?,
                start_on: r.get(6)?,
                all_due: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Attendance rows of the year's activities: (activity id, member id) → status code.
pub fn year_attendance(conn: &Connection, year: i32) -> Result<HashMap<(i64, i64), String>> {
    let (first, last) = year_bounds(year);
    let mut stmt = conn.prepare(
        "SELECT t.activity_id, t.member_id, t.status FROM attendance t JOIN activity a ON a.id = t.activity_id
         WHERE a.start_on >= ?1 AND a.start_on <= ?2",
    )?;
    let mut out = HashMap::new();
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        out.insert((r.get(0)?, r.get(1)?), r.get(2)?);
    }
    Ok(out)
}

/// A member's role on each proposal they are an author of: proposal id → role code
/// (the highest one when they hold several: lead, main member, co-signer).
pub fn proposal_roles(conn: &Connection, member_id: i64) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(
        "SELECT proposal_id, role FROM proposal_author WHERE member_id = ?1
         ORDER BY proposal_id, CASE role WHEN 'lead' THEN 0 WHEN 'main_member' THEN 1 ELSE 2 END DESC",
    )?;
    let rows = stmt.query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's role on each opinion report they wrote: report id → role code.
pub fn opinion_roles(conn: &Connection, member_id: i64) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT opinion_id, role FROM opinion_author WHERE member_id = ?1")?;
    let rows = stmt.query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Members who wrote at least one proposal (of `year`) or report (submitted in `year`).
pub fn writers(conn: &Connection, year: i32) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT a.member_id FROM proposal_author a JOIN proposal p ON p.id = a.proposal_id WHERE p.year = ?1
         UNION
         SELECT a.member_id FROM opinion_author a JOIN opinion o ON o.id = a.opinion_id
         WHERE substr(o.submitted_on, 1, 4) = printf('%04d', ?1)
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([year], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Changes to the roll in `year`.
#[derive(Clone, Debug, Default)]
pub struct RollChanges {
    pub joined: i64,
    /// (left_reason code, count), by code.
    pub left: Vec<(String, i64)>,
}

pub fn roll_changes(conn: &Connection, year: i32) -> Result<RollChanges> {
    let y = format!("{year:04}");
    let joined = conn.query_row(
        "SELECT count(*) FROM member WHERE substr(joined_on, 1, 4) = ?1",
        [&y],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT left_reason, count(*) FROM member WHERE substr(left_on, 1, 4) = ?1
         GROUP BY left_reason ORDER BY left_reason",
    )?;
    let left = stmt
        .query_map([&y], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RollChanges { joined, left })
}

/// Sector names in their customary order.
pub fn sector_order(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM sector ORDER BY sort_order, id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
