//! Opinion reports (社情民意信息), their adoptions and leaders' instructions.

use super::CachedQuery;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use super::members::Member;
use crate::domain::codes::{Level, OpinionRole};
use crate::error::{Error, Result};
use crate::text;

/// An opinion report as stored.
#[derive(Clone, Debug)]
pub struct Opinion {
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub submitted_on: NaiveDate,
    pub from_proposal: Option<i64>,
    pub from_proposal_number: Option<String>,
    pub note: Option<String>,
    pub lead: Option<String>,
    /// Adoption levels, comma separated codes.
    pub adopted: Vec<Level>,
    pub instructed: Vec<Level>,
}

/// An author of an opinion report.
#[derive(Clone, Debug)]
pub struct OpinionAuthor {
    pub code: String,
    pub name: String,
    pub sector: String,
    pub role: OpinionRole,
}

/// An adoption or an instruction.
#[derive(Clone, Debug)]
pub struct LevelEvent {
    pub level: Level,
    pub on: NaiveDate,
    pub leader: Option<String>,
    pub note: Option<String>,
}

const SELECT: &str = "SELECT o.id, o.number, o.title, o.submitted_on, o.from_proposal, p.number, o.note,
        (SELECT m.name FROM opinion_author a JOIN member m ON m.id = a.member_id
         WHERE a.opinion_id = o.id AND a.role = 'lead'),
        (SELECT group_concat(level) FROM (SELECT level FROM opinion_adoption d WHERE d.opinion_id = o.id ORDER BY d.adopted_on, d.id)),
        (SELECT group_concat(level) FROM (SELECT level FROM opinion_instruction i WHERE i.opinion_id = o.id ORDER BY i.instructed_on, i.id))
    FROM opinion o LEFT JOIN proposal p ON p.id = o.from_proposal";

fn levels(s: Option<String>) -> Vec<Level> {
    s.map(|s| s.split(',').filter_map(Level::from_code).collect())
        .unwrap_or_default()
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Opinion> {
    Ok(Opinion {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        submitted_on: r.get(3)?,
        from_proposal: r.get(4)?,
        from_proposal_number: r.get(5)?,
        note: r.get(6)?,
        lead: r.get(7)?,
        adopted: levels(r.get(8)?),
        instructed: levels(r.get(9)?),
    })
}

/// An opinion report to add.
#[derive(Clone, Debug)]
pub struct NewOpinion {
    pub number: Option<String>,
    pub title: String,
    pub submitted_on: NaiveDate,
    /// Authors in order; the first is the lead.
    pub authors: Vec<Member>,
    pub from_proposal: Option<String>,
    pub note: Option<String>,
}

pub fn add(w: &W, o: &NewOpinion) -> Result<i64> {
    if o.title.trim().is_empty() {
        return Err(Error::usage(text!(
            "「标题」不能为空",
            "the title cannot be empty"
        )));
    }
    check_authors(&o.authors, o.submitted_on)?;
    if let Some(n) = &o.number {
        let taken: Option<i64> = w
            .query_row_cached("SELECT id FROM opinion WHERE number = ?1", [n], |r| r.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(Error::data(text!(
                "信息编号「{}」已被使用",
                "report number '{}' is already used",
                n
            )));
        }
    }
    let from = match &o.from_proposal {
        Some(k) => {
            let p = super::proposals::find(w, k)?;
            let used: Option<i64> = w
                .query_row_cached("SELECT id FROM opinion WHERE from_proposal = ?1", [p.id], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(other) = used {
                return Err(Error::data(text!(
                    "提案「{}」已转为社情民意信息 {}",
                    "proposal '{}' was already converted into report {}",
                    p.title,
                    other
                )));
            }
            Some(p.id)
        }
        None => None,
    };
    let id = w.insert(
        "opinion",
        "INSERT INTO opinion (number, title, submitted_on, from_proposal, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![o.number, o.title.trim(), o.submitted_on, from, o.note],
    )?;
    insert_authors(w, id, &o.authors)?;
    Ok(id)
}

/// At least one author, each once, each serving on the submission day.
fn check_authors(authors: &[Member], submitted_on: NaiveDate) -> Result<()> {
    if authors.is_empty() {
        return Err(Error::usage(text!(
            "社情民意信息至少要有一位作者（--authors）",
            "an opinion report needs at least one author (--authors)"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for m in authors {
        if !seen.insert(m.id) {
            return Err(Error::usage(text!(
                "委员 {}（{}）在作者中出现了两次",
                "member {} ({}) is listed twice among the authors",
                m.name,
                m.code
            )));
        }
        if !m.serving_on(submitted_on) {
            return Err(Error::data(text!(
                "委员 {}（{}）在 {} 不在任，不能作为作者",
                "member {} ({}) was not serving on {} and cannot be an author",
                m.name,
                m.code,
                submitted_on
            )));
        }
    }
    Ok(())
}

/// The authors in order; the first is the lead.
fn insert_authors(w: &W, opinion_id: i64, authors: &[Member]) -> Result<()> {
    for (i, m) in authors.iter().enumerate() {
        let role = if i == 0 {
            OpinionRole::Lead
        } else {
            OpinionRole::CoAuthor
        };
        w.insert(
            "opinion_author",
            "INSERT INTO opinion_author (opinion_id, member_id, role, ord) VALUES (?1, ?2, ?3, ?4)",
            params![opinion_id, m.id, role.code(), i as i64 + 1],
        )?;
    }
    Ok(())
}

/// Replaces a report's authors (the first is the lead), checked as for a new report; the rows
/// removed and added are in the audit log.
pub fn set_authors(w: &W, o: &Opinion, authors: &[Member]) -> Result<()> {
    check_authors(authors, o.submitted_on)?;
    let old: Vec<i64> = w
        .prepare("SELECT id FROM opinion_author WHERE opinion_id = ?1 ORDER BY ord")?
        .query_map([o.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in old {
        w.delete("opinion_author", id)?;
    }
    insert_authors(w, o.id, authors)
}

/// Finds a report by number or id.
pub fn find(conn: &Connection, key: &str) -> Result<Opinion> {
    let key = key.trim();
    if let Some(o) = conn
        .query_row_cached(&format!("{SELECT} WHERE o.number = ?1"), [key], row)
        .optional()?
    {
        return Ok(o);
    }
    if let Ok(id) = key.parse::<i64>()
        && let Some(o) = conn
            .query_row_cached(&format!("{SELECT} WHERE o.id = ?1"), [id], row)
            .optional()?
    {
        return Ok(o);
    }
    Err(
        Error::data(text!("社情民意信息「{}」不存在", "no opinion report '{}'", key)).with_hint(text!(
            "写信息编号或序号；用 lvzhi opinion list 查看",
            "give its number or id; see `lvzhi opinion list`"
        )),
    )
}

/// Records an adoption at a level; a level is adopted at most once.
pub fn adopt(w: &W, o: &Opinion, level: Level, on: NaiveDate, note: Option<&str>) -> Result<()> {
    if o.adopted.contains(&level) {
        return Err(Error::data(crate::i18n::Text::new(
            format!("社情民意信息「{}」已登记过{}采用", o.title, level.zh()),
            format!(
                "report '{}' is already recorded as adopted at {} level",
                o.title,
                level.code()
            ),
        )));
    }
    crate::domain::dates::check_after(
        (o.submitted_on, ("报送日期", "date submitted")),
        (on, ("采用日期", "date of adoption")),
    )?;
    w.insert(
        "opinion_adoption",
        "INSERT INTO opinion_adoption (opinion_id, level, adopted_on, note) VALUES (?1, ?2, ?3, ?4)",
        params![o.id, level.code(), on, note],
    )?;
    Ok(())
}

/// Records a leader's written instruction on a report.
pub fn instruct(
    w: &W,
    o: &Opinion,
    level: Level,
    on: NaiveDate,
    leader: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    crate::domain::dates::check_after(
        (o.submitted_on, ("报送日期", "date submitted")),
        (on, ("批示日期", "date of the instruction")),
    )?;
    w.insert(
        "opinion_instruction",
        "INSERT INTO opinion_instruction (opinion_id, level, instructed_on, leader, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![o.id, level.code(), on, leader, note],
    )?;
    Ok(())
}

/// Reports submitted in a year (all when `None`), optionally by one member.
pub fn list(conn: &Connection, year: Option<i32>, member_id: Option<i64>) -> Result<Vec<Opinion>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(o.submitted_on, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM opinion_author a WHERE a.opinion_id = o.id AND a.member_id = ?2))
         ORDER BY o.submitted_on, o.id"
    ))?;
    let rows = stmt.query_map(params![year, member_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn authors(conn: &Connection, opinion_id: i64) -> Result<Vec<OpinionAuthor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, m.name, s.name, a.role FROM opinion_author a
         JOIN member m ON m.id = a.member_id JOIN sector s ON s.id = m.sector_id
         WHERE a.opinion_id = ?1 ORDER BY a.ord",
    )?;
    let rows = stmt.query_map([opinion_id], |r| {
        let role: String = r.get(3)?;
        Ok(OpinionAuthor {
            code: r.get(0)?,
            name: r.get(1)?,
            sector: r.get(2)?,
            role: OpinionRole::from_code(&role).unwrap_or(OpinionRole::CoAuthor),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adoptions (`instructions == false`) or instructions of a report, in date order.
pub fn events(conn: &Connection, opinion_id: i64, instructions: bool) -> Result<Vec<LevelEvent>> {
    let sql = if instructions {
        "SELECT level, instructed_on, leader, note FROM opinion_instruction WHERE opinion_id = ?1 ORDER BY instructed_on, id"
    } else {
        "SELECT level, adopted_on, NULL, note FROM opinion_adoption WHERE opinion_id = ?1 ORDER BY adopted_on, id"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([opinion_id], |r| {
        let level: String = r.get(0)?;
        Ok(LevelEvent {
            level: Level::from_code(&level).unwrap_or(Level::County),
            on: r.get(1)?,
            leader: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// [`list`] of a year given one report at a time to `f`.
pub fn each(conn: &Connection, year: Option<i32>, f: &mut dyn FnMut(Opinion) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(o.submitted_on, 1, 4) = printf('%04d', ?1))
         ORDER BY o.submitted_on, o.id"
    ))?;
    let mut rows = stmt.query(params![year])?;
    while let Some(r) = rows.next()? {
        f(row(r)?)?;
    }
    Ok(())
}
