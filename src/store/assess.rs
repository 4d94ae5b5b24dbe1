//! Scoring schemes set per year, the facts of a year for the engine, and stored assessments.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::W;
use crate::domain::dates::year_bounds;
use crate::error::{Error, Result};
use crate::scoring::compact::Brief;
use crate::scoring::rules::{ATTENDANCE_ROLES, STATUSES};
use crate::scoring::{
    ActivityFact, AdjustmentFact, Assessment, AttendanceFact, Author, CommendationFact, Compact,
    ContributionFact, Facts, Light, Links, MemberFacts, MemberResult, Num, OpinionFact, PastResult,
    ProposalFact, Scheme, Shared, known_word,
};
use crate::text;

/// A scheme as set for a year.
#[derive(Clone, Debug)]
pub struct SchemeRow {
    pub id: i64,
    pub year: i32,
    pub name: String,
    pub source: String,
    pub text: String,
    pub sha256: String,
    pub set_at: String,
}

/// Hex SHA-256 of a rule text.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores `text` as the scheme of `year`; the newest one set is the one in force.
pub fn set_scheme(w: &W, year: i32, name: &str, source: &str, text: &str) -> Result<i64> {
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    w.insert(
        "scheme",
        "INSERT INTO scheme (year, name, source, text, sha256, set_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![year, name, source, text, sha256_hex(text), at],
    )
}

/// The scheme in force for a year.
pub fn scheme(conn: &Connection, year: i32) -> Result<Option<SchemeRow>> {
    Ok(conn
        .query_row(
            "SELECT id, year, name, source, text, sha256, set_at FROM scheme WHERE year = ?1
             ORDER BY id DESC LIMIT 1",
            [year],
            |r| {
                Ok(SchemeRow {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    name: r.get(2)?,
                    source: r.get(3)?,
                    text: r.get(4)?,
                    sha256: r.get(5)?,
                    set_at: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// Every activity kind code, built-in and the committee's own.
pub fn kind_codes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT code FROM activity_kind ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    let mut codes: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    // A file being upgraded from before version 6 has no contribution kinds yet.
    let has_contributions = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contribution_kind'")?
        .exists([])?;
    if has_contributions {
        let mut stmt = conn.prepare("SELECT code FROM contribution_kind ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for code in rows {
            codes.push(format!("{}{}", crate::scoring::CONTRIBUTION_KIND, code?));
        }
    }
    Ok(codes)
}

fn year_str(year: i32) -> String {
    format!("{year:04}")
}

/// Members serving at some time during `year`, by id, with their dated standing periods.
pub fn year_members(conn: &Connection, year: i32) -> Result<Vec<MemberFacts>> {
    members_in(conn, year, ALL)
}

/// Member ids from `.0` to `.1` (inclusive): the part of a committee whose facts are read.
pub type Span = (i64, i64);

/// Every member.
const ALL: Span = (i64::MIN, i64::MAX);

/// The members serving in `year` in parts of `size`, as the spans of their ids, in order.
pub fn spans(conn: &Connection, year: i32, size: usize) -> Result<Vec<Span>> {
    let (first, last) = year_bounds(year);
    let mut stmt = conn.prepare(
        "SELECT m.id FROM member m
         WHERE (m.joined_on IS NULL OR m.joined_on <= ?2) AND (m.left_on IS NULL OR m.left_on > ?1)
         ORDER BY m.id",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    let (mut out, mut lo, mut n, mut prev) = (Vec::new(), 0i64, 0usize, 0i64);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if n == 0 {
            lo = id;
        }
        n += 1;
        prev = id;
        if n == size.max(1) {
            out.push((lo, id));
            n = 0;
        }
    }
    if n > 0 {
        out.push((lo, prev));
    }
    Ok(out)
}

/// Another connection reading the file `conn` is open on, for reading a large year on several
/// threads: it sees what `conn` sees as long as `conn` has written nothing uncommitted (an
/// assessment reads before it writes, and holds the write lock, so nobody else commits
/// meanwhile). None for a database that is not a file.
pub fn reader(conn: &Connection) -> Result<Option<Connection>> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let r = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    r.busy_timeout(std::time::Duration::from_secs(30))?;
    // A roll-up read for one committee (see `rollup::scope`): the reader sees that committee too.
    let views: Vec<String> = conn
        .prepare("SELECT sql FROM temp.sqlite_master WHERE type = 'view' AND sql IS NOT NULL")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in views {
        match v.strip_prefix("CREATE VIEW") {
            Some(rest) => r.execute_batch(&format!("CREATE TEMP VIEW{rest}"))?,
            None => r.execute_batch(&v)?,
        }
    }
    Ok(Some(r))
}

fn members_in(conn: &Connection, year: i32, span: Span) -> Result<Vec<MemberFacts>> {
    let (first, last) = year_bounds(year);
    let mut members: Vec<MemberFacts> = conn
        .prepare(&format!(
            "SELECT {} FROM member m JOIN sector s ON s.id = m.sector_id
             WHERE {} AND m.id BETWEEN ?3 AND ?4
             ORDER BY m.id",
            super::reports::MEMBER_COLS,
            super::reports::SERVING
        ))?
        .query_map(params![first, last, span.0, span.1], super::reports::member_row)?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let mut stmt = conn.prepare(
        "SELECT x.member_id, x.start_on, x.end_on FROM membership x JOIN org o ON o.id = x.org_id
         WHERE o.kind = 'standing' AND x.start_on <= ?1 AND x.member_id BETWEEN ?2 AND ?3
         ORDER BY x.start_on, x.id",
    )?;
    let mut rows = stmt.query(params![last, span.0, span.1])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            members[i].standing.push((r.get(1)?, r.get(2)?));
        }
    }
    Ok(members)
}

/// Everything the engine needs to assess `year` under a scheme that counts nothing over earlier
/// years.
pub fn facts(conn: &Connection, year: i32) -> Result<Facts> {
    facts_reaching(conn, year, None, ALL)
}

/// Everything the engine needs to assess `year` under `scheme`: when its gates or flags count
/// an item over the term or several years, the records of those earlier years too.
/// Under `outcome_year = "event"`, also the earlier years' records with outcomes dated in `year`.
pub fn facts_for(conn: &Connection, year: i32, scheme: &Scheme) -> Result<Facts> {
    facts_of(conn, year, scheme, ALL)
}

/// [`facts_for`] of the members in `span` only, with the records they hold a part in. Such facts
/// carry the year's [`Links`] (from [`links`], read once for all parts), so that a member's
/// result is the same whichever part they are scored in.
pub fn facts_for_span(
    conn: &Connection,
    year: i32,
    scheme: &Scheme,
    span: Span,
    links: &YearLinks,
) -> Result<Facts> {
    let mut facts = facts_of(conn, year, scheme, span)?;
    facts.links = Some(links.get(&year).cloned().unwrap_or_default());
    for f in &mut facts.earlier {
        f.links = Some(links.get(&f.year).cloned().unwrap_or_default());
    }
    Ok(facts)
}

fn facts_of(conn: &Connection, year: i32, scheme: &Scheme, span: Span) -> Result<Facts> {
    let mut facts = match reach_back(conn, year, scheme)? {
        None => facts_reaching(conn, year, None, span)?,
        Some((first, sources)) => facts_reaching(conn, year, Some((first, &sources)), span)?,
    };
    if scheme.outcome_in_event_year() {
        (facts.late_proposals, facts.late_opinions) = late_records(conn, year, span)?;
    }
    Ok(facts)
}

/// The [`Links`] of `year` and of the earlier years `scheme` reads, by year.
pub type YearLinks = HashMap<i32, Links>;

/// The links between proposals and reports of `year` and of every earlier year `scheme` reads.
pub fn links(conn: &Connection, year: i32, scheme: &Scheme) -> Result<YearLinks> {
    let first = reach_back(conn, year, scheme)?.map_or(year, |r| r.0);
    let mut out = HashMap::new();
    for y in first..=year {
        let ys = year_str(y);
        let converted: std::collections::HashSet<i64> = conn
            .prepare(
                "SELECT DISTINCT from_proposal FROM opinion
                 WHERE from_proposal IS NOT NULL AND substr(submitted_on, 1, 4) = ?1",
            )?
            .query_map([&ys], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut proposals = std::collections::HashSet::new();
        let mut stmt = conn.prepare("SELECT year FROM proposal WHERE id = ?1")?;
        for id in &converted {
            if stmt.query_row([id], |r| r.get::<_, i32>(0)).optional()? == Some(y) {
                proposals.insert(*id);
            }
        }
        out.insert(y, Links { converted, proposals });
    }
    Ok(out)
}

/// The first earlier year whose records `scheme` reads when assessing `year`, and the sources
/// it reads there; None when it reads only `year`.
pub fn reach_back(conn: &Connection, year: i32, scheme: &Scheme) -> Result<Option<(i32, Vec<String>)>> {
    let reach = scheme.reach();
    if !reach.term && reach.years <= 1 {
        return Ok(None);
    }
    let term = term_start(conn)?.filter(|t| *t <= year);
    let mut first = year - reach.years.max(1) as i32 + 1;
    if reach.term {
        // without a term start, a term is the five years up to this one
        first = first.min(term.unwrap_or(year - 4));
    }
    Ok(Some((first.max(1900), reach.sources)))
}

fn term_start(conn: &Connection) -> Result<Option<i32>> {
    Ok(conn
        .query_row("SELECT term_start FROM committee WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The facts of `year`; with `(first, sources)`, the activities and attendance from `first` on
/// and the earlier years' records of those sources.
fn facts_reaching(
    conn: &Connection,
    year: i32,
    reach: Option<(i32, &[String])>,
    span: Span,
) -> Result<Facts> {
    let first = reach.map(|r| r.0);
    let last = year_bounds(year).1;
    let term_start = term_start(conn)?;
    let term_from = term_start.filter(|t| *t <= year).map(|t| year_bounds(t).0);
    let from = term_from
        .unwrap_or(NaiveDate::MIN)
        .min(first.map_or(NaiveDate::MAX, |f| year_bounds(f).0));

    let members = members_in(conn, year, span)?;

    let activities: Vec<ActivityFact> = conn
        .prepare(
            "SELECT a.id, k.code, a.title, a.start_on, a.end_on, a.half_days, k.standing_only, k.all_due
             FROM activity a JOIN activity_kind k ON k.id = a.kind_id
             WHERE a.start_on >= ?1 AND a.start_on <= ?2 ORDER BY a.start_on, a.id",
        )?
        .query_map(params![from, last], |r| {
            Ok(ActivityFact {
                id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                start_on: r.get(3)?,
                end_on: r.get(4)?,
                half_days: r.get::<_, i64>(5)?.max(0) as u32,
                standing_only: r.get(6)?,
                all_due: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut attendance = Vec::new();
    {
        // member by member from the covering index, the activities' dates checked here
        // members come by id; activity ids sorted: both found by binary search, row by row
        let mut dated: Vec<i64> = activities.iter().map(|a| a.id).collect();
        dated.sort_unstable();
        let serving = |id: i64| members.binary_search_by_key(&id, |m| m.id).is_ok();
        let mut stmt = conn.prepare(
            "SELECT t.activity_id, t.member_id, t.status, t.half_days, t.role, t.leave_reason
             FROM attendance t WHERE t.member_id BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query(params![span.0, span.1])?;
        while let Some(r) = rows.next()? {
            let member_id: i64 = r.get(1)?;
            if !serving(member_id) || dated.binary_search(&r.get(0)?).is_err() {
                continue;
            }
            let half: Option<f64> = r.get(3)?;
            attendance.push(AttendanceFact {
                activity_id: r.get(0)?,
                member_id,
                status: known_word(r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?, STATUSES),
                half_days: half.and_then(Num::from_f64),
                role: known_word(
                    r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?,
                    ATTENDANCE_ROLES,
                ),
                leave_reason: r.get(5)?,
            });
        }
    }

    let mut facts = year_records(conn, year, None, span)?;
    if let Some((first, sources)) = reach {
        for y in first..year {
            facts.earlier.push(year_records(conn, y, Some(sources), span)?);
        }
    }
    facts.members = members;
    facts.activities = activities;
    facts.attendance = attendance;
    facts.history = history_in(conn, year, span)?;
    facts.term_start = term_from;
    Ok(facts)
}

/// Proposals matching `proposal_where` and reports matching `opinion_where` (SQL over the
/// `proposal` / `opinion` row, `?1` being the year as text), with their authors and outcomes.
fn records(
    conn: &Connection,
    year: i32,
    proposal_where: &str,
    opinion_where: &str,
    span: Span,
) -> Result<(Vec<ProposalFact>, Vec<OpinionFact>)> {
    let y = year_str(year);
    // a part of the members: the records one of them signed, found from the authors' side
    let (proposal_where, opinion_where) = if span == ALL {
        (proposal_where.to_string(), opinion_where.to_string())
    } else {
        let (lo, hi) = span;
        (
            format!(
                "id IN (SELECT proposal_id FROM proposal_author WHERE member_id BETWEEN {lo} AND {hi}) AND {proposal_where}"
            ),
            format!(
                "id IN (SELECT opinion_id FROM opinion_author WHERE member_id BETWEEN {lo} AND {hi}) AND {opinion_where}"
            ),
        )
    };
    let mut proposals: Vec<ProposalFact> = conn
        .prepare(&format!(
            "SELECT id, number, title, type, stage, is_key, is_excellent, forwarded_up, year, submitted_on,
                    key_on, excellent_on
             FROM proposal WHERE {proposal_where} ORDER BY id"
        ))?
        .query_map([&y], |r| {
            Ok(ProposalFact {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                stage: r.get(4)?,
                key: r.get(5)?,
                excellent: r.get(6)?,
                forwarded_up: r.get(7)?,
                year: r.get(8)?,
                submitted_on: r.get(9)?,
                key_on: r.get(10)?,
                excellent_on: r.get(11)?,
                authors: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    {
        let pidx: HashMap<i64, usize> = proposals.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT a.proposal_id, a.member_id, a.role, a.ord FROM proposal_author a
             WHERE a.proposal_id IN (SELECT id FROM proposal WHERE {proposal_where}) ORDER BY a.proposal_id, a.ord"
        ))?;
        let mut rows = stmt.query([&y])?;
        while let Some(r) = rows.next()? {
            let pid: i64 = r.get(0)?;
            if let Some(&i) = pidx.get(&pid) {
                proposals[i].authors.push(Author {
                    member_id: r.get(1)?,
                    role: r.get(2)?,
                    order: r.get::<_, i64>(3)? as u32,
                });
            }
        }
    }

    let mut opinions: Vec<OpinionFact> = conn
        .prepare(&format!(
            "SELECT id, title, from_proposal, submitted_on FROM opinion WHERE {opinion_where} ORDER BY id"
        ))?
        .query_map([&y], |r| {
            Ok(OpinionFact {
                id: r.get(0)?,
                title: r.get(1)?,
                submitted_on: r.get(3)?,
                authors: Vec::new(),
                adoptions: Vec::new(),
                instructions: Vec::new(),
                from_proposal: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    {
        let oidx: HashMap<i64, usize> = opinions.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        let sub = format!("SELECT id FROM opinion WHERE {opinion_where}");
        let mut stmt = conn.prepare(&format!(
            "SELECT opinion_id, member_id, role, ord FROM opinion_author WHERE opinion_id IN ({sub}) ORDER BY opinion_id, ord"
        ))?;
        let mut rows = stmt.query([&y])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = oidx.get(&r.get::<_, i64>(0)?) {
                opinions[i].authors.push(Author {
                    member_id: r.get(1)?,
                    role: r.get(2)?,
                    order: r.get::<_, i64>(3)? as u32,
                });
            }
        }
        for (table, date_col, instructions) in [
            ("opinion_adoption", "adopted_on", false),
            ("opinion_instruction", "instructed_on", true),
        ] {
            let mut stmt = conn.prepare(&format!(
                "SELECT opinion_id, level, {date_col} FROM {table} WHERE opinion_id IN ({sub}) ORDER BY {date_col}, id"
            ))?;
            let mut rows = stmt.query([&y])?;
            while let Some(r) = rows.next()? {
                if let Some(&i) = oidx.get(&r.get::<_, i64>(0)?) {
                    let ev = (r.get::<_, String>(1)?, r.get::<_, NaiveDate>(2)?);
                    if instructions {
                        opinions[i].instructions.push(ev);
                    } else {
                        opinions[i].adoptions.push(ev);
                    }
                }
            }
        }
    }

    Ok((proposals, opinions))
}

/// Earlier years' proposals made key or excellent in `year` and earlier years' reports adopted
/// or instructed in `year`, for a scheme counting outcomes in the year of the event.
fn late_records(conn: &Connection, year: i32, span: Span) -> Result<(Vec<ProposalFact>, Vec<OpinionFact>)> {
    records(
        conn,
        year,
        "year < CAST(?1 AS INTEGER)
         AND ((is_key = 1 AND substr(key_on, 1, 4) = ?1) OR (is_excellent = 1 AND substr(excellent_on, 1, 4) = ?1))",
        "substr(submitted_on, 1, 4) < ?1
         AND (id IN (SELECT opinion_id FROM opinion_adoption WHERE substr(adopted_on, 1, 4) = ?1)
           OR id IN (SELECT opinion_id FROM opinion_instruction WHERE substr(instructed_on, 1, 4) = ?1))",
        span,
    )
}

/// A year's proposals, opinion reports, commendations and adjustments (other fields empty):
/// all of them, or only those of `sources`.
fn year_records(conn: &Connection, year: i32, sources: Option<&[String]>, span: Span) -> Result<Facts> {
    let (proposals, opinions) = records(
        conn,
        year,
        "year = CAST(?1 AS INTEGER)",
        "substr(submitted_on, 1, 4) = ?1",
        span,
    )?;
    let (lo, hi) = span;
    let y = year_str(year);
    let mut contributions: Vec<ContributionFact> = conn
        .prepare(
            "SELECT c.id, k.code, k.name_zh, k.name_en, c.title, c.done_on, c.level
             FROM contribution c JOIN contribution_kind k ON k.id = c.kind_id
             WHERE substr(c.done_on, 1, 4) = ?1
               AND c.id IN (SELECT contribution_id FROM contribution_author WHERE member_id BETWEEN ?2 AND ?3)
             ORDER BY c.id",
        )?
        .query_map(params![&y, lo, hi], |r| {
            Ok(ContributionFact {
                id: r.get(0)?,
                kind: r.get(1)?,
                kind_zh: r.get(2)?,
                kind_en: r.get(3)?,
                title: r.get(4)?,
                done_on: r.get(5)?,
                level: r.get(6)?,
                authors: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    {
        let cidx: HashMap<i64, usize> = contributions.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut stmt = conn.prepare(
            "SELECT a.contribution_id, a.member_id, a.role, a.ord FROM contribution_author a
             JOIN contribution c ON c.id = a.contribution_id
             WHERE substr(c.done_on, 1, 4) = ?1
               AND c.id IN (SELECT contribution_id FROM contribution_author WHERE member_id BETWEEN ?2 AND ?3)
             ORDER BY a.contribution_id, a.ord",
        )?;
        let mut rows = stmt.query(params![&y, lo, hi])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = cidx.get(&r.get::<_, i64>(0)?) {
                contributions[i].authors.push(Author {
                    member_id: r.get(1)?,
                    role: r.get(2)?,
                    order: r.get::<_, i64>(3)? as u32,
                });
            }
        }
    }

    let commendations: Vec<CommendationFact> = conn
        .prepare(
            "SELECT id, member_id, level, awarded_on, reason FROM commendation
             WHERE substr(awarded_on, 1, 4) = ?1 AND member_id BETWEEN ?2 AND ?3 ORDER BY id",
        )?
        .query_map(params![&y, lo, hi], |r| {
            Ok(CommendationFact {
                id: r.get(0)?,
                member_id: r.get(1)?,
                level: r.get(2)?,
                awarded_on: r.get(3)?,
                reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut adjustments = Vec::new();
    {
        let mut stmt =
            conn.prepare("SELECT id, member_id, points, reason FROM adjustment WHERE year = ?1 AND member_id BETWEEN ?2 AND ?3 ORDER BY id")?;
        let mut rows = stmt.query(params![year, lo, hi])?;
        while let Some(r) = rows.next()? {
            let points: String = r.get(2)?;
            let id: i64 = r.get(0)?;
            let points = Num::parse(&points).ok_or_else(|| {
                Error::data(text!(
                    "人工加减分 {} 的分值「{}」无法读取",
                    "adjustment {} has unreadable points '{}'",
                    id,
                    points
                ))
            })?;
            adjustments.push(AdjustmentFact {
                id,
                member_id: r.get(1)?,
                points,
                reason: r.get(3)?,
            });
        }
    }

    let wanted = |src: &str| sources.is_none_or(|s| s.iter().any(|x| x == src));
    // a converted proposal is counted once: proposals and reports are kept together
    let keep_both = wanted("proposal") || wanted("opinion");
    Ok(Facts {
        year,
        proposals: if keep_both { proposals } else { Vec::new() },
        opinions: if keep_both { opinions } else { Vec::new() },
        contributions: if wanted("contribution") {
            contributions
        } else {
            Vec::new()
        },
        commendations: if wanted("commendation") {
            commendations
        } else {
            Vec::new()
        },
        adjustments: if wanted("adjustment") {
            adjustments
        } else {
            Vec::new()
        },
        ..Default::default()
    })
}

/// Final results of the years before `year` of the members in `span`.
fn history_in(conn: &Connection, year: i32, span: Span) -> Result<Vec<PastResult>> {
    let mut stmt = conn.prepare(
        "SELECT m.member_id, a.year, m.total, m.grade, m.flags FROM assessment_member m
         JOIN assessment a ON a.id = m.assessment_id
         WHERE a.status = 'final' AND a.year < ?1 AND m.assessed = 1 AND m.member_id BETWEEN ?2 AND ?3
         ORDER BY a.year, m.member_id",
    )?;
    let mut rows = stmt.query(params![year, span.0, span.1])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let total: String = r.get(2)?;
        let flags: String = r.get(4)?;
        out.push(PastResult {
            member_id: r.get(0)?,
            year: r.get(1)?,
            total: Num::parse(&total).unwrap_or_default(),
            grade: r.get(3)?,
            flags: serde_json::from_str(&flags).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The years whose assessment is final, ascending.
pub fn final_years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare_cached("SELECT year FROM assessment WHERE status = 'final' ORDER BY year")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Status of a stored assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Final,
    Superseded,
}

/// An assessment as stored.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: i64,
    pub year: i32,
    pub status: Status,
    pub scheme_id: i64,
    pub rules_sha256: String,
    pub computed_at: String,
    pub finalized_at: Option<String>,
    pub result: Assessment,
}

/// The current (draft or final) assessment of a year, with every member's result.
pub fn current(conn: &Connection, year: i32) -> Result<Option<Stored>> {
    current_for(conn, year, None)
}

/// The current assessment of a year with the results of all members, or of one member only
/// (`only`), so that explaining one member of a large committee reads one row.
pub fn current_for(conn: &Connection, year: i32, only: Option<i64>) -> Result<Option<Stored>> {
    read_current(conn, year, only, true)
}

/// The current assessment of a year with every member's result but without their explanation
/// lines (each member's lines are dropped as it is read): totals, grades and ranks.
pub fn current_ranking(conn: &Connection, year: i32) -> Result<Option<Stored>> {
    read_current(conn, year, None, false)
}

fn read_current(conn: &Connection, year: i32, only: Option<i64>, lines: bool) -> Result<Option<Stored>> {
    let row = conn
        .query_row(
            "SELECT id, year, status, scheme_id, rules_sha256, computed_at, finalized_at, result
             FROM assessment WHERE year = ?1 AND status IN ('draft', 'final')",
            [year],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((id, year, status, scheme_id, rules_sha256, computed_at, finalized_at, result)) = row else {
        return Ok(None);
    };
    let (mut result, shared) = header_of(&result)?;
    let (cats, parts) = crate::scoring::compact::places(&result);
    let mut stmt = conn.prepare(
        "SELECT result, member_id, assessed, rank, total, grade, ord FROM assessment_member
         WHERE assessment_id = ?1 AND (?2 IS NULL OR member_id = ?2)
         ORDER BY member_id",
    )?;
    let mut rows = stmt.query(params![id, only])?;
    while let Some(r) = rows.next()? {
        if r.get::<_, Option<i64>>(6)?.is_none() {
            // stored before version 8: the whole result, with its lines
            let json: String = r.get(0)?;
            let mut m: MemberResult = serde_json::from_str(&json)?;
            if !lines {
                m.lines = Vec::new();
            }
            result.members.push(m);
            continue;
        }
        let m = compact_row(r, year, &cats, &parts, &shared)?;
        result.members.push(m);
    }
    Ok(Some(Stored {
        id,
        year,
        status: match status.as_str() {
            "final" => Status::Final,
            "superseded" => Status::Superseded,
            _ => Status::Draft,
        },
        scheme_id,
        rules_sha256,
        computed_at,
        finalized_at,
        result,
    }))
}

/// The current assessment of `year` without its members, and the names they share: None when
/// there is none, or when some of its rows were stored before version 8 (read those whole).
pub fn ranked_header(conn: &Connection, year: i32) -> Result<Option<(Stored, Shared)>> {
    let Some(s) = current_for(conn, year, Some(-1))? else {
        return Ok(None);
    };
    let old: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assessment_member WHERE assessment_id = ?1 AND ord IS NULL)",
        [s.id],
        |r| r.get(0),
    )?;
    if old {
        return Ok(None);
    }
    let json: String = conn.query_row("SELECT result FROM assessment WHERE id = ?1", [s.id], |r| {
        r.get(0)
    })?;
    let (_, shared) = header_of(&json)?;
    Ok(Some((s, shared)))
}

/// Members' totals, grades and ranks in a stored assessment, looked up one member at a time
/// (from the primary key), so that comparing with it holds nothing per member.
pub struct Briefs<'c> {
    stmt: rusqlite::Statement<'c>,
    id: i64,
    year: i32,
    /// The assessment's decimals.
    pub decimals: u32,
    /// The names its members share.
    pub shared: Shared,
}

impl Briefs<'_> {
    /// Member `member_id`'s total, grade and rank; None when not in the assessment.
    pub fn get(&mut self, member_id: i64) -> Result<Option<Brief>> {
        let row: Option<(bool, String, Option<String>, Option<u32>)> = self
            .stmt
            .query_row(params![self.id, member_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((assessed, total, grade, rank)) = row else {
            return Ok(None);
        };
        let bad = || damaged(self.year, member_id);
        let total = Num::parse(&total).ok_or_else(bad)?;
        let grade = match grade {
            None => None,
            Some(g) => Some(
                self.shared
                    .grades
                    .iter()
                    .position(|x| x.zh == g)
                    .ok_or_else(bad)? as u16,
            ),
        };
        Ok(Some(Brief {
            assessed,
            total,
            grade,
            rank,
        }))
    }
}

/// The members' totals, grades and ranks in the current assessment of `year` (stored from
/// version 8 on); None as for [`ranked_header`].
pub fn briefs(conn: &Connection, year: i32) -> Result<Option<Briefs<'_>>> {
    let Some((s, shared)) = ranked_header(conn, year)? else {
        return Ok(None);
    };
    let stmt = conn.prepare(
        "SELECT assessed, total, grade, rank FROM assessment_member WHERE assessment_id = ?1 AND member_id = ?2",
    )?;
    Ok(Some(Briefs {
        stmt,
        id: s.id,
        year,
        decimals: s.result.decimals,
        shared,
    }))
}

/// Keeps the members' totals, grades and ranks of a trial (`decimals`, `shared` its own) in a
/// temporary table, which SQLite writes to a file rather than memory (`Store::open` sets
/// `temp_store`), to be looked up by
/// member as [`briefs`] looks up a stored result. The table lives as long as the transaction
/// `conn` is in.
pub fn keep_tried<'c>(
    conn: &'c Connection,
    year: i32,
    decimals: u32,
    shared: Shared,
    rows: impl Iterator<Item = (i64, Brief)>,
) -> Result<Briefs<'c>> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.tried_brief;
         CREATE TEMP TABLE tried_brief (member_id INTEGER PRIMARY KEY, assessed INTEGER NOT NULL,
             total TEXT NOT NULL, grade TEXT, rank INTEGER);",
    )?;
    {
        let mut insert =
            conn.prepare("INSERT INTO temp.tried_brief (member_id, assessed, total, grade, rank) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (id, b) in rows {
            let grade = b
                .grade
                .and_then(|g| shared.grades.get(g as usize))
                .map(|g| g.zh.as_str());
            insert.execute(params![id, b.assessed, b.total.exact(), grade, b.rank])?;
        }
    }
    let stmt = conn.prepare(
        "SELECT assessed, total, grade, rank FROM temp.tried_brief WHERE ?1 = 0 AND member_id = ?2",
    )?;
    Ok(Briefs {
        stmt,
        id: 0,
        year,
        decimals,
        shared,
    })
}

/// Whether any member of assessment `id` was assessed.
pub fn any_assessed(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assessment_member WHERE assessment_id = ?1 AND assessed = 1)",
        [id],
        |r| r.get(0),
    )?)
}

/// The members' results of the stored assessment `s` (from [`ranked_header`]) in ranking order,
/// one at a time and without lines, read in the stored order.
pub fn each_ranked(
    conn: &Connection,
    s: &Stored,
    shared: &Shared,
    f: &mut dyn FnMut(MemberResult) -> Result<()>,
) -> Result<()> {
    each_ordered(conn, s, shared, "ord", f)
}

/// The members' compact results of `s`, one at a time, ordered by the SQL expression `key`.
fn each_ordered(
    conn: &Connection,
    s: &Stored,
    shared: &Shared,
    key: &str,
    f: &mut dyn FnMut(MemberResult) -> Result<()>,
) -> Result<()> {
    let (cats, parts) = crate::scoring::compact::places(&s.result);
    let mut stmt = conn.prepare(&format!(
        "SELECT result, member_id, assessed, rank, total, grade FROM assessment_member
         WHERE assessment_id = ?1 AND ord IS NOT NULL ORDER BY {key}"
    ))?;
    let mut rows = stmt.query([s.id])?;
    while let Some(r) = rows.next()? {
        f(compact_row(r, s.year, &cats, &parts, shared)?)?;
    }
    Ok(())
}

/// The members' results of the stored assessment `s` (from [`ranked_header`]) one at a time and
/// without lines, in `order` of their names as the results give them (by code, strokes or
/// pinyin, then code; any other order is by code), sorted in SQL.
pub fn each_by_name(
    conn: &Connection,
    s: &Stored,
    shared: &Shared,
    order: super::reports::MemberOrder,
    f: &mut dyn FnMut(MemberResult) -> Result<()>,
) -> Result<()> {
    use super::reports::MemberOrder;
    let key = match order {
        MemberOrder::Stroke => "lvzhi_stroke(json_extract(result, '$.n'), json_extract(result, '$.c'))",
        MemberOrder::Pinyin => "lvzhi_pinyin(json_extract(result, '$.n')), json_extract(result, '$.c')",
        _ => "json_extract(result, '$.c')",
    };
    super::reports::name_keys(conn)?;
    // a large committee's names sorted in a file, not in memory
    conn.pragma_update(None, "temp_store", "FILE")?;
    each_ordered(conn, s, shared, key, f)
}

/// The members' results of the stored assessment `s` (from [`ranked_header`]) by member id,
/// one at a time and without lines.
pub fn each_by_member(
    conn: &Connection,
    s: &Stored,
    shared: &Shared,
    f: &mut dyn FnMut(MemberResult) -> Result<()>,
) -> Result<()> {
    each_ordered(conn, s, shared, "member_id", f)
}

/// The totals of the members assessed in the stored assessment `s` (from [`ranked_header`]) in
/// ranking order, so highest first, until `f` returns false.
pub fn assessed_totals(conn: &Connection, s: &Stored, f: &mut dyn FnMut(Num) -> bool) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT total, member_id FROM assessment_member
         WHERE assessment_id = ?1 AND assessed = 1 AND ord IS NOT NULL ORDER BY ord",
    )?;
    let mut rows = stmt.query([s.id])?;
    while let Some(r) = rows.next()? {
        if !f(total_of(r, s.year)?) {
            break;
        }
    }
    Ok(())
}

/// The totals of the members assessed in the stored assessment `s` (from [`ranked_header`]) by
/// sector (its name as their results give it, the sectors in no particular order, each once),
/// each sector's in ranking order, so highest first.
pub fn assessed_totals_by_sector(
    conn: &Connection,
    s: &Stored,
    f: &mut dyn FnMut(&str, Num) -> Result<()>,
) -> Result<()> {
    // a large committee's totals sorted in a file, not in memory
    conn.pragma_update(None, "temp_store", "FILE")?;
    let mut stmt = conn.prepare(
        "SELECT total, member_id, json_extract(result, '$.s') AS sector FROM assessment_member
         WHERE assessment_id = ?1 AND assessed = 1 AND ord IS NOT NULL ORDER BY sector, ord",
    )?;
    let mut rows = stmt.query([s.id])?;
    while let Some(r) = rows.next()? {
        let total = total_of(r, s.year)?;
        let sector = r.get_ref(2)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        f(sector.unwrap_or_default(), total)?;
    }
    Ok(())
}

/// The total of a row whose first columns are `total, member_id`.
fn total_of(r: &rusqlite::Row, year: i32) -> Result<Num> {
    let total = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
    Num::parse(total).ok_or_else(|| damaged(year, r.get(1).unwrap_or_default()))
}

/// Whether member `member_id`'s row of assessment `id` is stored compactly (without lines).
pub fn is_compact(conn: &Connection, id: i64, member_id: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT ord IS NOT NULL FROM assessment_member WHERE assessment_id = ?1 AND member_id = ?2",
            params![id, member_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// The rule text assessment `id` was computed under.
pub fn rules_text(conn: &Connection, id: i64) -> Result<String> {
    Ok(
        conn.query_row("SELECT rules_text FROM assessment WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// A member's result (without lines) from a compact row whose first columns are `result,
/// member_id, assessed, rank, total, grade`.
fn compact_row(
    r: &rusqlite::Row,
    year: i32,
    cats: crate::scoring::compact::Places,
    parts: crate::scoring::compact::Places,
    shared: &Shared,
) -> Result<MemberResult> {
    let member_id: i64 = r.get(1)?;
    let json = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
    let total = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
    let grade = r.get_ref(5)?.as_str_or_null().map_err(rusqlite::Error::from)?;
    serde_json::from_str::<Compact>(json)
        .ok()
        .zip(Num::parse(total))
        .and_then(|(c, total)| {
            let (assessed, rank) = (r.get(2).ok()?, r.get(3).ok()?);
            c.expand(member_id, assessed, rank, total, grade, cats, parts, shared)
        })
        .ok_or_else(|| damaged(year, member_id))
}

/// A stored result that cannot be read back.
fn damaged(year: i32, member_id: i64) -> Error {
    Error::data(text!(
        "{} 年度考核结果中委员 {} 的一行已损坏，无法读取",
        "the {} assessment's row of member {} is damaged and cannot be read",
        year,
        member_id
    ))
    .with_hint(text!(
        "运行 lvzhi check 检查文件；草稿可重新计算",
        "run `lvzhi check`; a draft can be computed again"
    ))
}

/// The stored header of an assessment: the assessment without members, and the names its members
/// share (none before version 8).
#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    #[serde(flatten)]
    assessment: Assessment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shared: Option<Shared>,
}

fn header_of(json: &str) -> Result<(Assessment, Shared)> {
    let h: Header = serde_json::from_str(json)?;
    Ok((h.assessment, h.shared.unwrap_or_default()))
}

/// One member's row of `assessment_member`, serialised as it is stored.
pub struct MemberRow {
    member_id: i64,
    assessed: bool,
    rank: Option<u32>,
    total: String,
    grade: Option<String>,
    flags: String,
    result: String,
    ord: u32,
}

impl MemberRow {
    /// The row of a member scored part by part, at place `ord` of the ranking order: no lines.
    pub fn light(l: &Light, ord: u32, shared: &Shared) -> MemberRow {
        MemberRow {
            member_id: l.member_id(),
            assessed: l.assessed(),
            rank: l.rank(),
            total: l.total().exact(),
            grade: l.grade_zh(shared).map(str::to_string),
            flags: l.flags_json().unwrap_or("[]").to_string(),
            result: l.stored_json().to_string(),
            ord,
        }
    }
}

/// Stores a computed assessment as the year's draft (replacing an earlier draft), or as final:
/// `a` gives the header (its members are not read), `shared` the names its members share, `rows`
/// every member's row, one at a time.
pub fn save_rows(
    w: &W,
    scheme: &SchemeRow,
    a: &Assessment,
    shared: Option<&Shared>,
    rows: impl IntoIterator<Item = Result<MemberRow>>,
    finalize: bool,
) -> Result<i64> {
    // Only the old assessment's header is read (member id -1 matches no row).
    if let Some(old) = current_for(w, a.year, Some(-1))? {
        if old.status == Status::Final {
            return Err(Error::data(text!(
                "{} 年度的考核已定稿，不能重新计算",
                "the {} assessment is final and cannot be recomputed",
                a.year
            ))
            .with_hint(text!(
                "确需重算时加 --supersede --reason 理由（原结果保留）",
                "add --supersede --reason TEXT to recompute (the old result is kept)"
            )));
        }
        w.execute("DELETE FROM assessment_member WHERE assessment_id = ?1", [old.id])?;
        w.execute("DELETE FROM assessment WHERE id = ?1", [old.id])?;
        w.log_summary(
            "assessment",
            old.id,
            "delete",
            serde_json::json!({"year": old.year, "status": "draft"}),
        )?;
    }
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let header = Assessment {
        scheme: a.scheme.clone(),
        title: a.title.clone(),
        year: a.year,
        decimals: a.decimals,
        categories: a.categories.clone(),
        parts: a.parts.clone(),
        ranking_rule: a.ranking_rule.clone(),
        members: Vec::new(),
    };
    w.execute(
        "INSERT INTO assessment (year, status, scheme_id, rules_text, rules_sha256, computed_at, result)
         VALUES (?1, 'draft', ?2, ?3, ?4, ?5, ?6)",
        params![
            a.year,
            scheme.id,
            scheme.text,
            scheme.sha256,
            now,
            serde_json::to_string(&Header {
                assessment: header,
                shared: shared.cloned()
            })?
        ],
    )?;
    let id = w.last_insert_rowid();
    // The seal of a final result: read in this transaction, so it covers what was computed on.
    let inputs = if finalize {
        Some(super::digest::inputs(w, a.year, &scheme.text)?)
    } else {
        None
    };
    w.log_summary(
        "assessment",
        id,
        "insert",
        serde_json::json!({"year": a.year, "status": if finalize { "final" } else { "draft" },
                           "scheme_id": scheme.id, "rules_sha256": scheme.sha256, "members": a.members.len(),
                           "inputs_sha256": inputs}),
    )?;
    {
        let mut stmt = w.prepare(
            "INSERT INTO assessment_member (assessment_id, member_id, assessed, rank, total, grade, flags, result, ord)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for row in rows {
            let m = row?;
            stmt.execute(params![
                id,
                m.member_id,
                m.assessed,
                m.rank,
                m.total,
                m.grade,
                m.flags,
                m.result,
                m.ord
            ])?;
        }
    }
    if let Some(inputs) = inputs {
        w.execute(
            "UPDATE assessment SET status = 'final', finalized_at = ?1, inputs_sha256 = ?2 WHERE id = ?3",
            params![now, inputs, id],
        )?;
    }
    Ok(id)
}

/// Marks the year's final assessment superseded, keeping it; the year is open again.
pub fn supersede(w: &W, year: i32, reason: &str) -> Result<i64> {
    let Some(old) = current_for(w, year, Some(-1))?.filter(|s| s.status == Status::Final) else {
        return Err(Error::data(text!(
            "{} 年度没有已定稿的考核，无需 --supersede",
            "there is no final {} assessment to supersede",
            year
        )));
    };
    if reason.trim().is_empty() {
        return Err(Error::usage(text!(
            "撤销定稿必须写明理由（--reason）",
            "superseding needs a reason (--reason)"
        )));
    }
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    w.execute(
        "UPDATE assessment SET status = 'superseded', superseded_at = ?1, supersede_reason = ?2 WHERE id = ?3",
        params![now, reason.trim(), old.id],
    )?;
    w.log_summary(
        "assessment",
        old.id,
        "update",
        serde_json::json!({"year": year, "status": "superseded", "reason": reason.trim()}),
    )?;
    Ok(old.id)
}
