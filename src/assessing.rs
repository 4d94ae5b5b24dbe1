//! Running a year's assessment: the year's records read from the store part by part (500
//! members at a time, each with their own records) and scored by the engine, one part per core,
//! then ranked from the members' compact results and, unless it is a trial, written back in one
//! transaction. Memory grows with the number of members only (under 200 bytes each), never with
//! the number of records; explanation lines are made only for the member explained, and are not
//! stored: they are computed again from the records on demand.

use std::collections::HashMap;
use std::sync::{Mutex, mpsc};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::scoring::compact::places;
use crate::scoring::{self, Assessment, Light, MemberResult, Num, Scheme, Shared};
use crate::store::Store;
use crate::store::assess::{self, SchemeRow, Stored};

/// Members read and scored together.
const PART: usize = 500;

/// Threads to score on: the machine's cores.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A year scored: the assessment's header, the names its members share, and every member's
/// compact result by member id, ranked and graded.
pub struct Scored {
    pub header: Assessment,
    pub shared: Shared,
    pub members: Vec<Light>,
}

impl Scored {
    /// Member indexes in ranking order: assessed by rank (ties by surname strokes, then code),
    /// then those not assessed; as the reports order a whole assessment.
    pub fn order(&self) -> Vec<u32> {
        let mut idx: Vec<u32> = (0..self.members.len() as u32).collect();
        let key = |i: &u32| {
            let m = &self.members[*i as usize];
            (!m.assessed(), m.rank().unwrap_or(u32::MAX))
        };
        idx.sort_by_key(key);
        // ties: the names of one group of equal rank at a time, the groups shared out between
        // the threads
        let mut groups: Vec<&mut [u32]> = Vec::new();
        let mut rest = idx.as_mut_slice();
        while !rest.is_empty() {
            let k = key(&rest[0]);
            let n = rest.partition_point(|i| key(i) == k);
            let (group, tail) = std::mem::take(&mut rest).split_at_mut(n);
            if group.len() > 1 {
                groups.push(group);
            }
            rest = tail;
        }
        let threads = threads().clamp(1, 4);
        let mut shares: Vec<Vec<&mut [u32]>> = (0..threads).map(|_| Vec::new()).collect();
        let mut load = vec![0usize; threads];
        groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
        for g in groups {
            let t = (0..threads).min_by_key(|t| load[*t]).unwrap_or(0);
            load[t] += g.len();
            shares[t].push(g);
        }
        std::thread::scope(|sc| {
            for share in shares {
                sc.spawn(move || {
                    for g in share {
                        g.sort_by_cached_key(|i| {
                            let (code, name) = self.members[*i as usize].code_name();
                            crate::names::stroke_bytes(&name, &code)
                        });
                    }
                });
            }
        });
        idx
    }

    /// The grade counts in ranking order (`order` from [`Scored::order`]) in the report's words.
    pub fn grade_summary(&self, order: &[u32]) -> crate::i18n::Text {
        let mut counts: Vec<(String, String, usize)> = Vec::new();
        for i in order {
            let m = &self.members[*i as usize];
            let Some(g) = m.grade().and_then(|g| self.shared.grades.get(g as usize)) else {
                continue;
            };
            match counts.iter_mut().find(|c| c.0 == g.zh) {
                Some(c) => c.2 += 1,
                None => counts.push((g.zh.clone(), g.en.clone(), 1)),
            }
        }
        let assessed = self.members.iter().filter(|m| m.assessed()).count();
        crate::report::assessment::grade_words(counts, assessed, self.members.len() - assessed)
    }

    /// Gives each member's result (without lines) in the ranking order `order`.
    /// The members are expanded on another thread, a batch ahead of `f`.
    pub fn each(&self, order: &[u32], f: &mut dyn FnMut(MemberResult) -> Result<()>) -> Result<()> {
        let (cats, parts) = places(&self.header);
        let expand = |i: &u32| {
            self.members[*i as usize]
                .result(&cats, &parts, &self.shared)
                .ok_or_else(|| {
                    Error::data(crate::text!("考核结果无法展开", "a result could not be expanded"))
                })
        };
        let (tx, rx) = mpsc::sync_channel::<Result<Vec<MemberResult>>>(2);
        std::thread::scope(|sc| {
            sc.spawn(move || {
                for batch in order.chunks(1024) {
                    // the receiver stops at an error of its own
                    if tx.send(batch.iter().map(expand).collect()).is_err() {
                        break;
                    }
                }
            });
            for batch in rx {
                for m in batch? {
                    f(m)?;
                }
            }
            Ok(())
        })
    }

    /// The header with the one member `m`, if any.
    pub fn only(&self, m: Option<MemberResult>) -> Assessment {
        let mut a = self.header.clone();
        a.members.extend(m);
        a
    }

    /// The whole assessment, members without lines (by id).
    pub fn assessment(&self) -> Result<Assessment> {
        let (cats, parts) = places(&self.header);
        let mut a = self.header.clone();
        a.members = (self.members.iter())
            .map(|l| {
                l.result(&cats, &parts, &self.shared).ok_or_else(|| {
                    Error::data(crate::text!("考核结果无法展开", "a result could not be expanded"))
                })
            })
            .collect::<Result<_>>()?;
        Ok(a)
    }
}

/// What a worker sends back: a part's index, its members' compact results by id, and which
/// parts' caps changed some member's points.
type Part = (usize, Vec<Light>, Vec<bool>);

/// Scores every member serving in `year` under `scheme`, part by part, reading from `conn`:
/// each worker thread reads its parts through a connection of its own and scores them (the
/// reading is half the work); when the database is not a file, `conn` reads for them all.
fn score(conn: &Connection, year: i32, scheme: &Scheme) -> Result<Scored> {
    let links = assess::links(conn, year, scheme)?;
    let header = scoring::header(scheme, year);
    let mut shared = Shared::of(scheme);
    let (cats, parts) = places(&header);
    let spans = assess::spans(conn, year, PART)?;
    let workers = threads().clamp(1, 4).min(spans.len().max(1));
    let mut readers = Vec::new();
    for _ in 0..workers {
        match assess::reader(conn)? {
            Some(r) => readers.push(r),
            None => break,
        }
    }
    let parallel = readers.len() == workers;
    let score_part = |i: usize, facts: &scoring::Facts| -> Result<Part> {
        let a = scoring::Assessor::new(scheme, facts);
        let scored = a.scored();
        a.check()?;
        let lights = scored
            .iter()
            .map(|m| Light::of(m, &cats, &parts, &shared))
            .collect();
        let shown = (0..parts.len())
            .map(|k| (scored.iter()).any(|m| m.part_adjustments.get(k).is_some_and(|p| !p.points.is_zero())))
            .collect();
        Ok((i, lights, shown))
    };
    let mut done: Vec<Part> = Vec::with_capacity(spans.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, scoring::Facts)>(workers);
    let rx = Mutex::new(rx);
    std::thread::scope(|sc| -> Result<()> {
        let (rtx, rrx) = mpsc::channel::<Result<Part>>();
        let (spans, links, next, rx, score_part) = (&spans, &links, &next, &rx, &score_part);
        let mut readers = readers.into_iter();
        for _ in 0..workers {
            let rtx = rtx.clone();
            let reader = if parallel { readers.next() } else { None };
            sc.spawn(move || {
                loop {
                    let out = match &reader {
                        Some(db) => {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(span) = spans.get(i) else { break };
                            assess::facts_for_span(db, year, scheme, *span, links)
                                .and_then(|f| score_part(i, &f))
                        }
                        None => {
                            let got = rx.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
                            let Ok((i, facts)) = got else { break };
                            score_part(i, &facts)
                        }
                    };
                    // a worker fed by the channel keeps taking parts, so the reader never waits
                    let failed = out.is_err() && reader.is_some();
                    if rtx.send(out).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(rtx);
        let read = (|| -> Result<()> {
            if parallel {
                return Ok(());
            }
            for (i, span) in spans.iter().enumerate() {
                let facts = assess::facts_for_span(conn, year, scheme, *span, links)?;
                if tx.send((i, facts)).is_err() {
                    break;
                }
            }
            Ok(())
        })();
        drop(tx);
        let mut failed = None;
        for r in rrx {
            match r {
                Ok(mut p) => {
                    p.1.iter_mut().for_each(Light::rehome);
                    done.push(p);
                }
                Err(e) => {
                    // the others stop at their next part
                    next.store(usize::MAX / 2, std::sync::atomic::Ordering::Relaxed);
                    failed.get_or_insert(e);
                }
            }
        }
        read?;
        failed.map_or(Ok(()), Err)
    })?;
    done.sort_by_key(|d| d.0);
    let mut shown = vec![false; header.parts.len()];
    let mut members: Vec<Light> = Vec::with_capacity(done.iter().map(|d| d.1.len()).sum());
    for (_, lights, used) in done {
        for (s, u) in shown.iter_mut().zip(used) {
            *s |= u;
        }
        members.extend(lights);
    }
    shared.shown_parts = (0..shown.len()).filter(|k| shown[*k]).collect();
    scoring::rank_light(scheme, &shared, &mut members);
    Ok(Scored {
        header,
        shared,
        members,
    })
}

/// One member of `year` under `scheme`, with explanation lines, unranked; None when the member
/// was not serving in the year.
fn explained(conn: &Connection, year: i32, scheme: &Scheme, id: i64) -> Result<Option<MemberResult>> {
    let links = assess::links(conn, year, scheme)?;
    let facts = assess::facts_for_span(conn, year, scheme, (id, id), &links)?;
    let a = scoring::Assessor::new(scheme, &facts);
    let m = a.explained(id);
    a.check()?;
    Ok(m)
}

/// `scored`'s member `id` with the lines computed for it.
fn with_lines(conn: &Connection, scored: &Scored, scheme: &Scheme, id: i64) -> Result<Option<MemberResult>> {
    let Some(l) = scored.members.iter().find(|l| l.member_id() == id) else {
        return Ok(None);
    };
    let (cats, parts) = places(&scored.header);
    let mut m = l.result(&cats, &parts, &scored.shared);
    if let (Some(m), Some(full)) = (&mut m, explained(conn, scored.header.year, scheme, id)?) {
        m.lines = full.lines;
    }
    Ok(m)
}

/// A trial (nothing stored): every member ranked, with explanation lines only for the member
/// `explain` (a member id). `conn` should hold the write lock ([`Store::steady`]) so that the
/// parts, read through several connections, all see one state of the file.
pub fn trial(
    conn: &Connection,
    year: i32,
    scheme: &Scheme,
    explain: Option<i64>,
) -> Result<(Scored, Option<MemberResult>)> {
    let scored = score(conn, year, scheme)?;
    let m = match explain {
        Some(id) => with_lines(conn, &scored, scheme, id)?,
        None => None,
    };
    Ok((scored, m))
}

/// How a computed result is stored.
pub struct Save<'a> {
    /// The year's stored scheme, which `scheme` was parsed from.
    pub stored: &'a SchemeRow,
    /// Supersede the final result first, for this reason.
    pub supersede: Option<&'a str>,
    pub finalize: bool,
}

/// Scores the year under `scheme` and stores the result (one compact row per member) in one
/// transaction. `check` sees the ranked result before anything is written and may refuse it.
/// Returns the result, its ranking order, and the member `explain` with explanation lines.
pub fn assess_and_store(
    store: &mut Store,
    year: i32,
    scheme: &Scheme,
    save: Save,
    explain: Option<i64>,
    check: impl FnOnce(&Assessment) -> Result<()>,
) -> Result<(Scored, Vec<u32>, Option<MemberResult>)> {
    // The year is read, scored and stored inside one write transaction: no record can be
    // added between the reading and the storing (or the locking, when finalising).
    store.write(|w| {
        if assess::scheme(w, year)?.map(|s| s.id) != Some(save.stored.id) {
            return Err(scheme_changed(year));
        }
        let scored = score(w, year, scheme)?;
        let explained = match explain {
            Some(id) => with_lines(w, &scored, scheme, id)?,
            None => None,
        };
        check(&scored.only(explained.clone()))?;
        if let Some(reason) = save.supersede {
            assess::supersede(w, year, reason)?;
        }
        let order = scored.order();
        let mut ords = vec![0u32; order.len()];
        for (k, i) in order.iter().enumerate() {
            ords[*i as usize] = k as u32 + 1;
        }
        let rows = (scored.members.iter().zip(&ords))
            .map(|(l, ord)| Ok(assess::MemberRow::light(l, *ord, &scored.shared)));
        assess::save_rows(
            w,
            save.stored,
            &scored.header,
            Some(&scored.shared),
            rows,
            save.finalize,
        )?;
        Ok((scored, order, explained))
    })
}

/// The stored assessment of `year` with the lines of member `id`: stored with the result before
/// schema version 8, else computed again from the records under the assessment's own rule text.
/// The second value is the recomputed total when it differs from the stored one (records
/// changed since a draft was computed).
pub fn stored_explained(store: &Store, year: i32, id: i64) -> Result<Option<(Stored, Option<Num>)>> {
    let conn = store.conn();
    let Some(mut s) = assess::current_for(conn, year, Some(id))? else {
        return Ok(None);
    };
    let Some(m) = s.result.members.iter_mut().find(|m| m.member_id == id) else {
        return Ok(Some((s, None)));
    };
    if !m.lines.is_empty() || !assess::is_compact(conn, s.id, id)? {
        return Ok(Some((s, None)));
    }
    let text = assess::rules_text(conn, s.id)?;
    let scheme =
        crate::scoring::parse_rules(&text, &assess::kind_codes(conn)?).map_err(|_| rules_unreadable(year))?;
    let Some(full) = explained(conn, year, &scheme, id)? else {
        return Ok(Some((s, None)));
    };
    let differs = (full.total != m.total && m.eligibility.assessed).then_some(full.total);
    m.lines = full.lines;
    Ok(Some((s, differs)))
}

/// The lines of every member of a stored assessment that has none (stored compactly), computed
/// again, for documents that show every member's explanation.
pub fn fill_lines(store: &Store, stored: &mut Stored) -> Result<()> {
    let conn = store.conn();
    let text = assess::rules_text(conn, stored.id)?;
    let scheme = crate::scoring::parse_rules(&text, &assess::kind_codes(conn)?)
        .map_err(|_| rules_unreadable(stored.year))?;
    let ids: Vec<i64> = (stored.result.members.iter())
        .filter(|m| m.lines.is_empty())
        .map(|m| m.member_id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let links = assess::links(conn, stored.year, &scheme)?;
    let mut lines: HashMap<i64, Vec<scoring::Line>> = HashMap::new();
    for part in ids.chunks(PART) {
        let span = (part[0], part[part.len() - 1]);
        let facts = assess::facts_for_span(conn, stored.year, &scheme, span, &links)?;
        let a = scoring::Assessor::new(&scheme, &facts);
        for id in part {
            if let Some(m) = a.explained(*id) {
                lines.insert(*id, m.lines);
            }
        }
        a.check()?;
    }
    for m in &mut stored.result.members {
        if let Some(l) = lines.remove(&m.member_id) {
            m.lines = l;
        }
    }
    Ok(())
}

fn rules_unreadable(year: i32) -> Error {
    Error::data(crate::text!(
        "{} 年度考核所用的规则文本已无法读取，不能重算说明",
        "the rule text the {} assessment used can no longer be read, so its explanation cannot be computed again",
        year
    ))
}

/// Another clerk set a new scheme for the year while this assessment was being prepared.
fn scheme_changed(year: i32) -> Error {
    Error::data(crate::text!(
        "{} 年度的考核办法刚被另一个命令更换；本次没有保存任何结果",
        "the {} scheme was replaced by another command meanwhile; nothing was stored",
        year
    ))
    .with_hint(crate::text!("再运行一次本命令", "run this command again"))
}
