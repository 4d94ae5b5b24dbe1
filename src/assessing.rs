//! Running a year's assessment: the year's records read from the store, scored by the engine
//! and, unless it is a trial, written back in one transaction. Every member is scored and ranked
//! first without explanation texts; explanation lines are then made member by member, so a
//! large committee's lines are never all held at once.

use crate::error::Result;
use crate::scoring::{self, Assessment, Scheme};
use crate::store::Store;
use crate::store::assess::{self, SchemeRow};

/// Threads to score on: the machine's cores.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A trial (nothing stored): every member ranked, with explanation lines only for the member
/// `explain` (a member id).
pub fn trial(store: &Store, year: i32, scheme: &Scheme, explain: Option<i64>) -> Result<Assessment> {
    let facts = assess::facts_for(store.conn(), year, scheme)?;
    let assessor = scoring::Assessor::new(scheme, &facts);
    let mut result = assessor.summary(threads());
    if let Some(i) = explain.and_then(|id| result.members.iter().position(|r| r.member_id == id)) {
        result.members[i].lines = assessor.lines(i);
    }
    assessor.check()?;
    Ok(result)
}

/// How a computed result is stored.
pub struct Save<'a> {
    /// The year's stored scheme, which `scheme` was parsed from.
    pub stored: &'a SchemeRow,
    /// Supersede the final result first, for this reason.
    pub supersede: Option<&'a str>,
    pub finalize: bool,
}

/// Scores the year under `scheme` and stores the result (one row per member, with its
/// explanation) in one transaction. `check` sees the ranked result before anything is written
/// and may refuse it. Returns the result, with explanation lines only for the member `explain`.
pub fn assess_and_store(
    store: &mut Store,
    year: i32,
    scheme: &Scheme,
    save: Save,
    explain: Option<i64>,
    check: impl FnOnce(&Assessment) -> Result<()>,
) -> Result<Assessment> {
    // The year is read, scored and stored inside one write transaction: no record can be
    // added between the reading and the storing (or the locking, when finalising).
    store.write(|w| {
        if assess::scheme(w, year)?.map(|s| s.id) != Some(save.stored.id) {
            return Err(scheme_changed(year));
        }
        let facts = assess::facts_for(w, year, scheme)?;
        let assessor = scoring::Assessor::new(scheme, &facts);
        let threads = threads();
        let mut result = assessor.summary(threads);
        assessor.check()?;
        check(&result)?;
        if let Some(reason) = save.supersede {
            assess::supersede(w, year, reason)?;
        }
        // Member i's row is made by maker i % makers, each a step ahead of the writer, which
        // writes the rows in member order.
        let makers = threads.clamp(1, 4);
        std::thread::scope(|sc| {
            let (members, assessor) = (&result.members, &assessor);
            let rxs: Vec<_> = (0..makers)
                .map(|k| {
                    let (tx, rx) = std::sync::mpsc::sync_channel(32);
                    sc.spawn(move || {
                        for i in (k..members.len()).step_by(makers) {
                            let full = scoring::MemberResult {
                                lines: assessor.lines(i),
                                ..members[i].clone()
                            };
                            // the writer stops receiving after an error
                            if tx.send(assess::MemberRow::of(&full)).is_err() {
                                break;
                            }
                        }
                    });
                    rx
                })
                .collect();
            let rows = (0..members.len()).map(|i| rxs[i % makers].recv().expect("row maker"));
            assess::save_rows(w, save.stored, &result, rows, save.finalize)
        })?;
        if let Some(i) = explain.and_then(|id| result.members.iter().position(|r| r.member_id == id)) {
            result.members[i].lines = assessor.lines(i);
        }
        Ok(result)
    })
}

/// Another clerk set a new scheme for the year while this assessment was being prepared.
fn scheme_changed(year: i32) -> crate::error::Error {
    crate::error::Error::data(crate::text!(
        "{} 年度的考核办法刚被另一个命令更换；本次没有保存任何结果",
        "the {} scheme was replaced by another command meanwhile; nothing was stored",
        year
    ))
    .with_hint(crate::text!("再运行一次本命令", "run this command again"))
}
