//! Other duty outputs (履职成果): research reports, historical materials, media articles,
//! paired assistance and the like, of kinds the committee defines, with their authors.

use super::CachedQuery;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use super::members::Member;
use crate::domain::codes::{Level, OpinionRole};
use crate::error::{Error, Result};
use crate::text;

/// A kind of contribution.
#[derive(Clone, Debug)]
pub struct ContributionKind {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl ContributionKind {
    /// The name in the language in force.
    pub fn name(&self) -> &str {
        crate::i18n::pick(&self.name_zh, &self.name_en)
    }
}

fn kind_row(r: &rusqlite::Row) -> rusqlite::Result<ContributionKind> {
    Ok(ContributionKind {
        id: r.get(0)?,
        code: r.get(1)?,
        name_zh: r.get(2)?,
        name_en: r.get(3)?,
    })
}

/// Every kind, in the order added.
pub fn kinds(conn: &Connection) -> Result<Vec<ContributionKind>> {
    let mut stmt = conn.prepare("SELECT id, code, name_zh, name_en FROM contribution_kind ORDER BY id")?;
    let rows = stmt.query_map([], kind_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The codes of every kind (for checking rule files).
pub fn kind_codes(conn: &Connection) -> Result<Vec<String>> {
    Ok(kinds(conn)?.into_iter().map(|k| k.code).collect())
}

/// Finds a kind by code, Chinese or English name.
pub fn find_kind(conn: &Connection, key: &str) -> Result<ContributionKind> {
    let k = key.trim();
    conn.query_row_cached(
        "SELECT id, code, name_zh, name_en FROM contribution_kind
         WHERE code = ?1 OR code = replace(lower(?1), '-', '_') OR name_zh = ?1 OR lower(name_en) = lower(?1)",
        [k],
        kind_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::data(text!("履职成果类型「{}」不存在", "unknown contribution kind '{}'", k)).with_hint(text!(
            "用 lvzhi contribution kind list 查看已有类型，或用 lvzhi contribution kind add 添加",
            "see `lvzhi contribution kind list`, or add one with `lvzhi contribution kind add`"
        ))
    })
}

/// Adds a committee's own kind.
pub fn add_kind(w: &W, code: &str, zh: &str, en: &str) -> Result<i64> {
    let valid = code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(Error::usage(text!(
            "履职成果类型代码「{}」无效：只能用小写英文字母、数字和下划线，且以字母开头",
            "invalid contribution kind code '{}': use lower-case letters, digits and underscores, starting with a letter",
            code
        )));
    }
    let exists: Option<i64> = w
        .query_row_cached(
            "SELECT id FROM contribution_kind WHERE code = ?1 OR name_zh = ?2",
            [code, zh],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(Error::data(text!(
            "履职成果类型「{}」或「{}」已存在",
            "contribution kind '{}' or '{}' already exists",
            code,
            zh
        )));
    }
    w.insert(
        "contribution_kind",
        "INSERT INTO contribution_kind (code, name_zh, name_en) VALUES (?1, ?2, ?3)",
        params![code, zh, en],
    )
}

/// A contribution as listed.
#[derive(Clone, Debug)]
pub struct Contribution {
    pub id: i64,
    pub kind: String,
    pub kind_zh: String,
    pub kind_en: String,
    pub done_on: NaiveDate,
    pub title: String,
    pub level: Option<Level>,
    pub outlet: Option<String>,
    pub note: Option<String>,
    /// Names of the authors in order, the lead first.
    pub authors: Vec<String>,
    /// Member ids of the authors, in the same order.
    pub author_ids: Vec<i64>,
}

impl Contribution {
    /// The kind's name in the language in force.
    pub fn kind_name(&self) -> &str {
        crate::i18n::pick(&self.kind_zh, &self.kind_en)
    }
}

/// An author of a contribution.
#[derive(Clone, Debug)]
pub struct ContributionAuthor {
    pub member_id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub role: OpinionRole,
}

/// A contribution to record.
#[derive(Clone, Debug)]
pub struct NewContribution {
    pub kind: ContributionKind,
    pub done_on: NaiveDate,
    pub title: String,
    /// Authors in order; the first is the lead.
    pub authors: Vec<Member>,
    pub level: Option<Level>,
    pub outlet: Option<String>,
    pub note: Option<String>,
}

/// Records a contribution and its authors; returns its id.
pub fn add(w: &W, c: &NewContribution) -> Result<i64> {
    if c.title.trim().is_empty() {
        return Err(Error::usage(text!(
            "「标题」不能为空",
            "the title cannot be empty"
        )));
    }
    if c.authors.is_empty() {
        return Err(Error::usage(text!(
            "履职成果至少要有一位作者（--authors）",
            "a contribution needs at least one author (--authors)"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for m in &c.authors {
        if !seen.insert(m.id) {
            return Err(Error::usage(text!(
                "委员 {}（{}）在作者中出现了两次",
                "member {} ({}) is listed twice among the authors",
                m.name,
                m.code
            )));
        }
        if !m.serving_on(c.done_on) {
            return Err(Error::data(text!(
                "委员 {}（{}）在 {} 不在任，不能作为作者",
                "member {} ({}) was not serving on {} and cannot be an author",
                m.name,
                m.code,
                c.done_on
            )));
        }
    }
    let outlet = c.outlet.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let id = w.insert(
        "contribution",
        "INSERT INTO contribution (kind_id, done_on, title, level, outlet, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.kind.id,
            c.done_on,
            c.title.trim(),
            c.level.map(Level::code),
            outlet,
            c.note
        ],
    )?;
    for (i, m) in c.authors.iter().enumerate() {
        let role = if i == 0 {
            OpinionRole::Lead
        } else {
            OpinionRole::CoAuthor
        };
        w.insert(
            "contribution_author",
            "INSERT INTO contribution_author (contribution_id, member_id, role, ord) VALUES (?1, ?2, ?3, ?4)",
            params![id, m.id, role.code(), i as i64 + 1],
        )?;
    }
    Ok(id)
}

/// Removes a contribution recorded by mistake with its authors (their images stay in the audit
/// log).
pub fn remove(w: &W, id: i64) -> Result<()> {
    if get(w, id)?.is_none() {
        return Err(missing(id));
    }
    let authors: Vec<i64> = w
        .prepare_cached("SELECT id FROM contribution_author WHERE contribution_id = ?1 ORDER BY ord")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for a in authors {
        w.delete("contribution_author", a)?;
    }
    w.delete("contribution", id)
}

fn missing(id: i64) -> Error {
    Error::data(text!("履职成果 {} 不存在", "no contribution with id {}", id)).with_hint(text!(
        "用 lvzhi contribution list 查看序号",
        "see `lvzhi contribution list` for ids"
    ))
}

/// Changes the note of a contribution (logged).
pub fn set_note(w: &W, id: i64, note: Option<&str>) -> Result<bool> {
    w.update(
        "contribution",
        id,
        "UPDATE contribution SET note = ?1 WHERE id = ?2",
        params![note, id],
    )
}

const SELECT: &str =
    "SELECT c.id, k.code, k.name_zh, k.name_en, c.done_on, c.title, c.level, c.outlet, c.note,
        (SELECT group_concat(name, '、') FROM (SELECT m.name FROM contribution_author a
             JOIN member m ON m.id = a.member_id WHERE a.contribution_id = c.id ORDER BY a.ord)),
        (SELECT group_concat(member_id) FROM (SELECT member_id FROM contribution_author
             WHERE contribution_id = c.id ORDER BY ord))
    FROM contribution c JOIN contribution_kind k ON k.id = c.kind_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Contribution> {
    let level: Option<String> = r.get(6)?;
    let authors: Option<String> = r.get(9)?;
    let ids: Option<String> = r.get(10)?;
    Ok(Contribution {
        id: r.get(0)?,
        kind: r.get(1)?,
        kind_zh: r.get(2)?,
        kind_en: r.get(3)?,
        done_on: r.get(4)?,
        title: r.get(5)?,
        level: level.as_deref().and_then(Level::from_code),
        outlet: r.get(7)?,
        note: r.get(8)?,
        authors: authors
            .map(|a| a.split('、').map(str::to_string).collect())
            .unwrap_or_default(),
        author_ids: ids
            .map(|a| a.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default(),
    })
}

/// One contribution by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Contribution>> {
    Ok(conn
        .query_row_cached(&format!("{SELECT} WHERE c.id = ?1"), [id], row)
        .optional()?)
}

/// One contribution by id, or an error naming it.
pub fn find(conn: &Connection, id: i64) -> Result<Contribution> {
    get(conn, id)?.ok_or_else(|| missing(id))
}

/// Contributions of a year and of a member (either may be left open), by date.
pub fn list(conn: &Connection, year: Option<i32>, member_id: Option<i64>) -> Result<Vec<Contribution>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(c.done_on, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM contribution_author a WHERE a.contribution_id = c.id AND a.member_id = ?2))
         ORDER BY c.done_on, c.id"
    ))?;
    let rows = stmt.query_map(params![year, member_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The member's role on each of their contributions, by contribution id.
pub fn roles_of(conn: &Connection, member_id: i64) -> Result<std::collections::HashMap<i64, OpinionRole>> {
    let mut stmt =
        conn.prepare_cached("SELECT contribution_id, role FROM contribution_author WHERE member_id = ?1")?;
    let rows = stmt.query_map([member_id], |r| {
        let role: String = r.get(1)?;
        Ok((
            r.get(0)?,
            OpinionRole::from_code(&role).unwrap_or(OpinionRole::CoAuthor),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The authors of a contribution in order.
pub fn authors(conn: &Connection, contribution_id: i64) -> Result<Vec<ContributionAuthor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.code, m.name, s.name, a.role FROM contribution_author a
         JOIN member m ON m.id = a.member_id JOIN sector s ON s.id = m.sector_id
         WHERE a.contribution_id = ?1 ORDER BY a.ord",
    )?;
    let rows = stmt.query_map([contribution_id], |r| {
        let role: String = r.get(4)?;
        Ok(ContributionAuthor {
            member_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sector: r.get(3)?,
            role: OpinionRole::from_code(&role).unwrap_or(OpinionRole::CoAuthor),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Contributions of one kind (or all) in a year: how many, by how many members.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContributionFigures {
    pub count: i64,
    pub authors: i64,
}

/// The contributions dated in `year` of the kind `code` (all kinds when None), counted in SQL.
pub fn year_figures(conn: &Connection, year: i32, code: Option<&str>) -> Result<ContributionFigures> {
    let of_year = "FROM contribution c JOIN contribution_kind k ON k.id = c.kind_id
         WHERE substr(c.done_on, 1, 4) = printf('%04d', ?1) AND (?2 IS NULL OR k.code = ?2)";
    let count = conn
        .prepare_cached(&format!("SELECT count(*) {of_year}"))?
        .query_row(params![year, code], |r| r.get(0))?;
    let authors = conn
        .prepare_cached(&format!(
            "SELECT count(DISTINCT a.member_id) FROM contribution_author a
             WHERE a.contribution_id IN (SELECT c.id {of_year})"
        ))?
        .query_row(params![year, code], |r| r.get(0))?;
    Ok(ContributionFigures { count, authors })
}

/// [`list`] given one contribution at a time to `f`.
pub fn each(
    conn: &Connection,
    year: Option<i32>,
    f: &mut dyn FnMut(Contribution) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(c.done_on, 1, 4) = printf('%04d', ?1)) ORDER BY c.done_on, c.id"
    ))?;
    let mut rows = stmt.query(params![year])?;
    while let Some(r) = rows.next()? {
        f(row(r)?)?;
    }
    Ok(())
}
