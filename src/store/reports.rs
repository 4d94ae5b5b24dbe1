//! Queries behind the year-end reports: who served in a year, the year's activities and
//! attendance, members' roles on proposals and reports, changes to the roll.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::dates::year_bounds;
use crate::error::Result;

/// A member who served at some time during the year, with dated standing periods: the same
/// facts the scoring engine reads.
pub use crate::scoring::MemberFacts as YearMember;

/// A member's facts as [`MEMBER_COLS`] reads them.
pub(super) fn member_row(r: &rusqlite::Row) -> rusqlite::Result<YearMember> {
    Ok(YearMember {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        sector: r.get(3)?,
        joined_on: r.get(4)?,
        left_on: r.get(5)?,
        left_reason: r.get(6)?,
        standing: Vec::new(),
    })
}

/// Members serving at some time during `year`, by code.
pub fn year_members(conn: &Connection, year: i32) -> Result<Vec<YearMember>> {
    let mut members = super::assess::year_members(conn, year)?;
    members.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(members)
}

/// How many members served at some time during `year`.
pub fn year_member_count(conn: &Connection, year: i32) -> Result<i64> {
    let (first, last) = year_bounds(year);
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM member m WHERE {SERVING}"),
        params![first, last],
        |r| r.get(0),
    )?)
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

/// The order in which [`YearReader::each`] gives the year's members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberOrder {
    /// By member code.
    Code,
    /// By surname strokes ([`crate::names::stroke_key`]), then code.
    Stroke,
    /// By pinyin ([`crate::names::pinyin_key`]), then code.
    Pinyin,
    /// By rank in assessment `.0` (members without one last), then as `Stroke`.
    Rank(i64),
    /// By member id.
    Id,
}

/// Lets SQL order names as the reports do: `lvzhi_stroke(name, code)` gives
/// [`crate::names::stroke_bytes`], `lvzhi_pinyin(name)` the pinyin key.
pub(crate) fn name_keys(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("lvzhi_stroke", 2, flags, |ctx| {
        let (name, code): (String, String) = (ctx.get(0)?, ctx.get(1)?);
        Ok(crate::names::stroke_bytes(&name, &code).into_vec())
    })?;
    conn.create_scalar_function("lvzhi_pinyin", 1, flags, |ctx| {
        Ok(crate::names::pinyin_key(&ctx.get::<String>(0)?))
    })?;
    Ok(())
}

/// The year's members one at a time, each with its attendance at the year's activities, read
/// from the indexes: nothing held but the activities.
pub struct YearReader<'c> {
    conn: &'c Connection,
    year: i32,
    activities: Vec<YearActivity>,
    column: HashMap<i64, usize>,
    standing: rusqlite::Statement<'c>,
    attendance: rusqlite::Statement<'c>,
    writer: rusqlite::Statement<'c>,
    member: rusqlite::Statement<'c>,
}

/// What [`YearReader::each`] gives each member to: the member and its statuses.
pub type EachMember<'f> = dyn FnMut(&YearMember, &[Option<String>]) -> Result<()> + 'f;

/// The columns of a year's member, as [`YearReader`] reads them.
pub(super) const MEMBER_COLS: &str = "m.id, m.code, m.name, s.name, m.joined_on, m.left_on, m.left_reason";

/// Serving at some time during the year whose first and last days are ?1 and ?2.
pub(super) const SERVING: &str =
    "(m.joined_on IS NULL OR m.joined_on <= ?2) AND (m.left_on IS NULL OR m.left_on > ?1)";

impl<'c> YearReader<'c> {
    pub fn new(conn: &'c Connection, year: i32) -> Result<YearReader<'c>> {
        let activities = year_activities(conn, year)?;
        let column = activities.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        Ok(YearReader {
            conn,
            year,
            activities,
            column,
            standing: conn.prepare(
                "SELECT x.start_on, x.end_on FROM membership x JOIN org o ON o.id = x.org_id
                 WHERE x.member_id = ?1 AND o.kind = 'standing' AND x.start_on <= ?2
                 ORDER BY x.start_on, x.id",
            )?,
            attendance: conn.prepare("SELECT activity_id, status FROM attendance WHERE member_id = ?1")?,
            writer: conn.prepare(
                "SELECT EXISTS (SELECT 1 FROM proposal_author a JOIN proposal p ON p.id = a.proposal_id
                                WHERE a.member_id = ?1 AND p.year = ?2)
                     OR EXISTS (SELECT 1 FROM opinion_author a JOIN opinion o ON o.id = a.opinion_id
                                WHERE a.member_id = ?1 AND substr(o.submitted_on, 1, 4) = printf('%04d', ?2))",
            )?,
            member: conn.prepare(&format!(
                "SELECT {MEMBER_COLS} FROM member m JOIN sector s ON s.id = m.sector_id
                 WHERE {SERVING} AND m.id = ?3"
            ))?,
        })
    }

    /// The year's activities, by date: the places of a member's statuses.
    pub fn activities(&self) -> &[YearActivity] {
        &self.activities
    }

    /// Fills in `m`'s standing periods and its status at each of the year's activities
    /// (None where it has no row).
    fn complete(&mut self, m: &mut YearMember, statuses: &mut Vec<Option<String>>) -> Result<()> {
        let last = year_bounds(self.year).1;
        let mut rows = self.standing.query(params![m.id, last])?;
        while let Some(r) = rows.next()? {
            m.standing.push((r.get(0)?, r.get(1)?));
        }
        statuses.clear();
        statuses.resize(self.activities.len(), None);
        let mut rows = self.attendance.query([m.id])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = self.column.get(&r.get::<_, i64>(0)?) {
                statuses[i] = Some(r.get(1)?);
            }
        }
        Ok(())
    }

    /// Gives `f` each member serving in the year, in `order`, with its statuses (one an
    /// activity, in the order of [`Self::activities`]).
    pub fn each(&mut self, order: MemberOrder, f: &mut EachMember) -> Result<()> {
        let (first, last) = year_bounds(self.year);
        let conn = self.conn;
        let (join, key) = match order {
            MemberOrder::Code => ("", "m.code"),
            MemberOrder::Id => ("", "m.id"),
            MemberOrder::Stroke => ("", "lvzhi_stroke(m.name, m.code)"),
            MemberOrder::Pinyin => ("", "lvzhi_pinyin(m.name), m.code"),
            MemberOrder::Rank(_) => (
                "LEFT JOIN assessment_member am ON am.assessment_id = ?3 AND am.member_id = m.id",
                "coalesce(am.rank, 4294967295), lvzhi_stroke(m.name, m.code)",
            ),
        };
        if matches!(
            order,
            MemberOrder::Stroke | MemberOrder::Pinyin | MemberOrder::Rank(_)
        ) {
            name_keys(conn)?;
            // a large committee's names sorted in a file, not in memory
            conn.pragma_update(None, "temp_store", "FILE")?;
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT {MEMBER_COLS} FROM member m JOIN sector s ON s.id = m.sector_id {join}
             WHERE {SERVING} ORDER BY {key}"
        ))?;
        let mut rows = match order {
            MemberOrder::Rank(id) => stmt.query(params![first, last, id])?,
            _ => stmt.query(params![first, last])?,
        };
        let mut statuses = Vec::new();
        while let Some(r) = rows.next()? {
            let mut m = member_row(r)?;
            self.complete(&mut m, &mut statuses)?;
            f(&m, &statuses)?;
        }
        Ok(())
    }

    /// Member `id` when serving in the year, with its statuses as [`Self::each`] gives them.
    pub fn get(&mut self, id: i64, statuses: &mut Vec<Option<String>>) -> Result<Option<YearMember>> {
        let (first, last) = year_bounds(self.year);
        let m = self
            .member
            .query_row(params![first, last, id], member_row)
            .optional()?;
        let Some(mut m) = m else {
            return Ok(None);
        };
        self.complete(&mut m, statuses)?;
        Ok(Some(m))
    }

    /// Whether member `id` wrote a proposal of the year or a report submitted in it.
    pub fn wrote(&mut self, id: i64) -> Result<bool> {
        Ok(self.writer.query_row(params![id, self.year], |r| r.get(0))?)
    }
}
