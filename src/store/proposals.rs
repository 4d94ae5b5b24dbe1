//! Proposals (提案) and their authors.

use super::CachedQuery;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::members::Member;
use super::{W, orgs};
use crate::domain::authors::check_proposal_authors;
use crate::domain::codes::{AuthorRole, ProposalType, Satisfaction, Stage};
use crate::error::{Error, Result};
use crate::text;

/// A proposal as stored.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub year: i32,
    pub session: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub kind: ProposalType,
    pub org: Option<String>,
    pub stage: Stage,
    pub merged_into: Option<i64>,
    pub key: bool,
    pub excellent: bool,
    /// The day it was made key / excellent, when in a later year; None = in its own year.
    pub key_on: Option<NaiveDate>,
    pub excellent_on: Option<NaiveDate>,
    pub forwarded_up: bool,
    pub handling_unit: Option<String>,
    pub reply_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub note: Option<String>,
    /// Authors as "name" strings in order, lead first.
    pub lead: Option<String>,
    pub author_count: i64,
}

/// An author of a proposal.
#[derive(Clone, Debug)]
pub struct ProposalAuthor {
    pub member_id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub role: AuthorRole,
    pub ord: i64,
}

const SELECT: &str = "SELECT p.id, p.number, p.title, p.year, p.session, p.submitted_on, p.type, o.name,
        p.stage, p.merged_into, p.is_key, p.is_excellent, p.forwarded_up, p.handling_unit, p.reply_on,
        p.satisfaction, p.note,
        (SELECT m.name FROM proposal_author a JOIN member m ON m.id = a.member_id
         WHERE a.proposal_id = p.id AND a.role = 'lead'),
        (SELECT count(DISTINCT a.member_id) FROM proposal_author a WHERE a.proposal_id = p.id),
        p.key_on, p.excellent_on
    FROM proposal p LEFT JOIN org o ON o.id = p.org_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Proposal> {
    let kind: String = r.get(6)?;
    let stage: String = r.get(8)?;
    let sat: Option<String> = r.get(15)?;
    Ok(Proposal {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        year: r.get(3)?,
        session: r.get(4)?,
        submitted_on: r.get(5)?,
        kind: ProposalType::from_code(&kind).unwrap_or(ProposalType::Individual),
        org: r.get(7)?,
        stage: Stage::from_code(&stage).unwrap_or(Stage::Submitted),
        merged_into: r.get(9)?,
        key: r.get(10)?,
        excellent: r.get(11)?,
        forwarded_up: r.get(12)?,
        handling_unit: r.get(13)?,
        reply_on: r.get(14)?,
        satisfaction: sat.as_deref().and_then(Satisfaction::from_code),
        note: r.get(16)?,
        lead: r.get(17)?,
        author_count: r.get(18)?,
        key_on: r.get(19)?,
        excellent_on: r.get(20)?,
    })
}

/// A proposal to add.
#[derive(Clone, Debug)]
pub struct NewProposal {
    pub number: Option<String>,
    pub title: String,
    pub year: i32,
    pub session: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub kind: Option<ProposalType>,
    pub org: Option<String>,
    pub leads: Vec<Member>,
    pub cosigners: Vec<Member>,
    pub main_members: Vec<Member>,
    pub handling_unit: Option<String>,
    pub note: Option<String>,
}

fn check_number_free(conn: &Connection, number: &str) -> Result<()> {
    let taken: Option<i64> = conn
        .query_row_cached("SELECT id FROM proposal WHERE number = ?1", [number], |r| {
            r.get(0)
        })
        .optional()?;
    if taken.is_some() {
        return Err(Error::data(text!(
            "提案号「{}」已被使用",
            "proposal number '{}' is already used",
            number
        )));
    }
    Ok(())
}

/// Adds a proposal with its authors; returns its id.
pub fn add(w: &W, p: &NewProposal) -> Result<i64> {
    if p.title.trim().is_empty() {
        return Err(Error::usage(text!(
            "「标题」不能为空",
            "the title cannot be empty"
        )));
    }
    let authors = Authors {
        kind: p.kind,
        org: p.org.clone(),
        leads: p.leads.clone(),
        cosigners: p.cosigners.clone(),
        main_members: p.main_members.clone(),
    };
    let (kind, org) = authors.check(w, p.submitted_on)?;
    if let Some(n) = &p.number {
        check_number_free(w, n)?;
    }
    let id = w.insert(
        "proposal",
        "INSERT INTO proposal (number, title, year, session, submitted_on, type, org_id, handling_unit, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            p.number,
            p.title.trim(),
            p.year,
            p.session,
            p.submitted_on,
            kind.code(),
            org,
            p.handling_unit,
            p.note
        ],
    )?;
    authors.insert(w, id)?;
    Ok(id)
}

/// Who proposes: the type, the organisation of a collective proposal, and the authors.
#[derive(Clone, Debug, Default)]
pub struct Authors {
    /// Inferred when not given: collective with an organisation, joint with co-signers,
    /// individual otherwise.
    pub kind: Option<ProposalType>,
    pub org: Option<String>,
    pub leads: Vec<Member>,
    pub cosigners: Vec<Member>,
    pub main_members: Vec<Member>,
}

impl Authors {
    /// Checks the authors against the type and the submission day; returns the type and the
    /// organisation's id.
    fn check(&self, w: &W, submitted_on: Option<NaiveDate>) -> Result<(ProposalType, Option<i64>)> {
        let kind = self.kind.unwrap_or(if self.org.is_some() {
            ProposalType::Collective
        } else if self.cosigners.is_empty() {
            ProposalType::Individual
        } else {
            ProposalType::Joint
        });
        check_proposal_authors(
            kind,
            self.leads.len(),
            self.cosigners.len(),
            self.main_members.len(),
            self.org.is_some(),
        )?;
        let mut seen = std::collections::HashSet::new();
        for m in self.cosigners.iter().chain(&self.main_members) {
            if !seen.insert(m.id) {
                return Err(Error::usage(text!(
                    "委员 {}（{}）在附议人或主要成员中出现了两次",
                    "member {} ({}) is listed twice among co-signers or main members",
                    m.name,
                    m.code
                )));
            }
        }
        if let Some(day) = submitted_on {
            for m in self.leads.iter().chain(&self.cosigners).chain(&self.main_members) {
                if !m.serving_on(day) {
                    return Err(Error::data(text!(
                        "委员 {}（{}）在 {} 不在任，不能作为提案人",
                        "member {} ({}) was not serving on {} and cannot author it",
                        m.name,
                        m.code,
                        day
                    )));
                }
            }
        }
        let org = self
            .org
            .as_deref()
            .map(|o| orgs::find(w, o))
            .transpose()?
            .map(|o| o.id);
        Ok((kind, org))
    }

    fn insert(&self, w: &W, proposal_id: i64) -> Result<()> {
        let mut ord = 0;
        let groups = [
            (AuthorRole::Lead, &self.leads),
            (AuthorRole::Cosigner, &self.cosigners),
            (AuthorRole::MainMember, &self.main_members),
        ];
        for (role, members) in groups {
            for m in members {
                ord += 1;
                w.insert(
                    "proposal_author",
                    "INSERT INTO proposal_author (proposal_id, member_id, role, ord) VALUES (?1, ?2, ?3, ?4)",
                    params![proposal_id, m.id, role.code(), ord],
                )?;
            }
        }
        Ok(())
    }
}

/// Replaces a proposal's type, organisation and authors, as when a co-signer was entered by
/// mistake; the rows removed and added are in the audit log.
pub fn set_authors(w: &W, p: &Proposal, a: &Authors) -> Result<()> {
    let (kind, org) = a.check(w, p.submitted_on)?;
    w.update(
        "proposal",
        p.id,
        "UPDATE proposal SET type = ?1, org_id = ?2 WHERE id = ?3",
        params![kind.code(), org, p.id],
    )?;
    let old: Vec<i64> = w
        .prepare("SELECT id FROM proposal_author WHERE proposal_id = ?1 ORDER BY ord")?
        .query_map([p.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in old {
        w.delete("proposal_author", id)?;
    }
    a.insert(w, p.id)
}

/// Finds a proposal by its number, or by its id.
pub fn find(conn: &Connection, key: &str) -> Result<Proposal> {
    let key = key.trim();
    let by_number = conn
        .query_row_cached(&format!("{SELECT} WHERE p.number = ?1"), [key], row)
        .optional()?;
    if let Some(p) = by_number {
        return Ok(p);
    }
    if let Ok(id) = key.parse::<i64>()
        && let Some(p) = conn
            .query_row_cached(&format!("{SELECT} WHERE p.id = ?1"), [id], row)
            .optional()?
    {
        return Ok(p);
    }
    Err(
        Error::data(text!("提案「{}」不存在", "no proposal '{}'", key)).with_hint(text!(
            "写提案号或编号；用 lvzhi proposal list 查看",
            "give its number or id; see `lvzhi proposal list`"
        )),
    )
}

/// Which proposals to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub year: Option<i32>,
    pub stage: Option<Stage>,
    pub member_id: Option<i64>,
}

pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Proposal>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR p.year = ?1) AND (?2 IS NULL OR p.stage = ?2)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM proposal_author a WHERE a.proposal_id = p.id AND a.member_id = ?3))
         ORDER BY p.year, p.number IS NULL, p.number, p.id"
    ))?;
    let rows = stmt.query_map(params![f.year, f.stage.map(|s| s.code()), f.member_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn authors(conn: &Connection, proposal_id: i64) -> Result<Vec<ProposalAuthor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id, m.code, m.name, s.name, a.role, a.ord
         FROM proposal_author a JOIN member m ON m.id = a.member_id JOIN sector s ON s.id = m.sector_id
         WHERE a.proposal_id = ?1 ORDER BY a.ord",
    )?;
    let rows = stmt.query_map([proposal_id], |r| {
        let role: String = r.get(4)?;
        Ok(ProposalAuthor {
            member_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sector: r.get(3)?,
            role: AuthorRole::from_code(&role).unwrap_or(AuthorRole::Cosigner),
            ord: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Changes to a proposal's outcome; `None` keeps the field.
#[derive(Clone, Debug, Default)]
pub struct ProposalSet {
    pub stage: Option<Stage>,
    pub merged_into: Option<String>,
    pub key: Option<bool>,
    pub excellent: Option<bool>,
    /// The day the key / excellent mark given now was given, when not in the proposal's year.
    pub outcome_on: Option<NaiveDate>,
    pub forwarded_up: Option<bool>,
    pub handling_unit: Option<String>,
    pub reply_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub number: Option<String>,
    pub note: Option<String>,
}

/// Applies outcome changes to a proposal.
pub fn set(w: &W, p: &Proposal, s: &ProposalSet) -> Result<Proposal> {
    let stage = s.stage.unwrap_or(p.stage);
    let merged_into = match &s.merged_into {
        Some(k) => {
            let target = find(w, k)?;
            if target.id == p.id {
                return Err(Error::usage(text!(
                    "提案不能并入它自己",
                    "a proposal cannot be merged into itself"
                )));
            }
            Some(target.id)
        }
        None if stage == Stage::Merged => p.merged_into,
        None => None,
    };
    if merged_into.is_some() && stage != Stage::Merged {
        return Err(Error::usage(text!(
            "只有并案的提案才有并入的提案；请同时写 --stage merged",
            "only a merged proposal is merged into another; add --stage merged"
        )));
    }
    let key = s.key.unwrap_or(p.key);
    let excellent = s.excellent.unwrap_or(p.excellent);
    if (key || excellent) && !matches!(stage, Stage::Filed) {
        return Err(Error::data(crate::i18n::Text::new(
            format!("只有立案的提案才能评为重点或优秀提案（当前阶段：{}）", stage.zh()),
            format!(
                "only a filed proposal can be key or excellent (stage now: {})",
                stage.code()
            ),
        )));
    }
    if let Some(n) = &s.number
        && p.number.as_deref() != Some(n.as_str())
    {
        check_number_free(w, n)?;
    }
    if let Some(d) = s.outcome_on {
        if s.key != Some(true) && s.excellent != Some(true) {
            return Err(Error::usage(text!(
                "--on 是评为重点或优秀提案的日期：请同时写 --key 或 --excellent",
                "--on is the day a proposal was made key or excellent: add --key or --excellent"
            )));
        }
        if d.year() < p.year {
            return Err(Error::data(text!(
                "日期 {} 早于提案「{}」的年度 {}",
                "the date {} is before the year {} of proposal '{}'",
                d,
                p.title,
                p.year
            )));
        }
    }
    // a mark given now is dated by --on (None: the proposal's year); one kept keeps its date
    let dated = |given: Option<bool>, on: bool, before: bool, was: Option<NaiveDate>| {
        if !on {
            None
        } else if given == Some(true) && s.outcome_on.is_some() {
            s.outcome_on
        } else if before {
            was
        } else {
            None
        }
    };
    let key_on = dated(s.key, key, p.key, p.key_on);
    let excellent_on = dated(s.excellent, excellent, p.excellent, p.excellent_on);
    w.update(
        "proposal",
        p.id,
        "UPDATE proposal SET stage = ?1, merged_into = ?2, is_key = ?3, is_excellent = ?4, forwarded_up = ?5,
            handling_unit = ?6, reply_on = ?7, satisfaction = ?8, number = ?9, note = ?10,
            key_on = ?12, excellent_on = ?13 WHERE id = ?11",
        params![
            stage.code(),
            merged_into,
            key,
            excellent,
            s.forwarded_up.unwrap_or(p.forwarded_up),
            s.handling_unit.clone().or_else(|| p.handling_unit.clone()),
            s.reply_on.or(p.reply_on),
            s.satisfaction.or(p.satisfaction).map(|x| x.code()),
            s.number.clone().or_else(|| p.number.clone()),
            s.note.clone().or_else(|| p.note.clone()),
            p.id,
            key_on,
            excellent_on
        ],
    )?;
    find(w, &p.id.to_string()).or_else(|_| {
        w.query_row_cached(&format!("{SELECT} WHERE p.id = ?1"), [p.id], row)
            .map_err(Into::into)
    })
}

/// [`list`] given one proposal at a time to `f`.
pub fn each(conn: &Connection, f: &Filter, each: &mut dyn FnMut(Proposal) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR p.year = ?1) AND (?2 IS NULL OR p.stage = ?2)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM proposal_author a WHERE a.proposal_id = p.id AND a.member_id = ?3))
         ORDER BY p.year, p.number IS NULL, p.number, p.id"
    ))?;
    let mut rows = stmt.query(params![f.year, f.stage.map(|s| s.code()), f.member_id])?;
    while let Some(r) = rows.next()? {
        each(row(r)?)?;
    }
    Ok(())
}
