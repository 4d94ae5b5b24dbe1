//! The records the engine scores. The storage layer fills these; the engine only reads them.

use super::num::Num;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;

/// `word` as one of the `known` words when it is one (no allocation per record), else owned.
pub fn known_word(word: &str, known: &[&'static str]) -> Cow<'static, str> {
    match known.iter().find(|k| **k == word) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(word.to_string()),
    }
}

/// Everything needed to assess one year.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub year: i32,
    pub members: Vec<MemberFacts>,
    /// Every activity of the current term up to the year's end (term counters use all of them);
    /// items score only those whose `start_on` falls in `year`.
    pub activities: Vec<ActivityFact>,
    pub attendance: Vec<AttendanceFact>,
    /// Proposals of `year`.
    pub proposals: Vec<ProposalFact>,
    /// Opinion reports submitted in `year`.
    pub opinions: Vec<OpinionFact>,
    /// Earlier years' proposals made key or excellent in `year`, and earlier years' reports
    /// adopted or instructed in `year`: loaded only for a scheme counting outcomes in the year
    /// of the event (`outcome_year = "event"`), which scores only those outcomes of them.
    pub late_proposals: Vec<ProposalFact>,
    pub late_opinions: Vec<OpinionFact>,
    /// Other duty outputs (履职成果) dated in `year`.
    pub contributions: Vec<ContributionFact>,
    /// Commendations awarded in `year`.
    pub commendations: Vec<CommendationFact>,
    /// Manual adjustments for `year`.
    pub adjustments: Vec<AdjustmentFact>,
    /// Final results of earlier years (for "N years running" flags).
    pub history: Vec<PastResult>,
    /// First day of the committee's term (届), if known; term counters count from it (or from a
    /// member's joining, if later). Without it a term is taken as the five years up to `year`.
    pub term_start: Option<NaiveDate>,
    /// Earlier years' proposals, reports, commendations and adjustments (one `Facts` per year,
    /// other fields empty), for counts over the term or several years. Their activities and
    /// attendance are in `activities` and `attendance` above.
    pub earlier: Vec<Facts>,
    /// When these facts hold only some members and their records (one part of a large
    /// committee, scored part by part): the year's links between proposals and reports, which
    /// records of other members may make. None: every record of the year is here.
    pub links: Option<Links>,
}

/// Proposals of a year linked to reports of that year: a report converted from a proposal
/// counts once.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// Proposals that a report of the year was converted from.
    pub converted: std::collections::HashSet<i64>,
    /// Of those, the ones that are proposals of the year.
    pub proposals: std::collections::HashSet<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct MemberFacts {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    /// resigned | disqualified | deceased | moved | term_ended
    pub left_reason: Option<String>,
    /// Standing-committee (常委) periods: start inclusive, end exclusive (None = still standing).
    pub standing: Vec<(NaiveDate, Option<NaiveDate>)>,
}

impl MemberFacts {
    /// Was the person a member on `d`? (joined_on inclusive, left_on exclusive)
    pub fn member_on(&self, d: NaiveDate) -> bool {
        crate::domain::service::serving_on(self.joined_on, self.left_on, d)
    }
    /// Was the person a standing member on any day of `year`?
    pub fn standing_in(&self, year: i32) -> bool {
        self.standing.iter().any(|(s, e)| {
            s.year() <= year && e.is_none_or(|e| e.year() > year || (e.year() == year && e.ordinal() > 1))
        })
    }
    /// Was the person a standing member on `d`?
    pub fn standing_on(&self, d: NaiveDate) -> bool {
        self.standing
            .iter()
            .any(|(s, e)| crate::domain::service::within(*s, *e, d))
    }
}

#[derive(Clone, Debug)]
pub struct ActivityFact {
    pub id: i64,
    /// Kind code: plenary, standing, chair, consultation, inspection, research, supervision,
    /// training, reading, group, speech_written, welfare, liaison, other, or a committee's own.
    pub kind: String,
    pub title: String,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub half_days: u32,
    /// The kind is for standing members only (常委会议).
    pub standing_only: bool,
    /// Every member (every standing member, for a standing-only kind) is due at it; at other
    /// kinds only the members recorded for it (invited) are.
    pub all_due: bool,
}

#[derive(Clone, Debug)]
pub struct AttendanceFact {
    pub activity_id: i64,
    pub member_id: i64,
    /// present | excused | absent | late | left_early (shared, not copied per row: see
    /// [`known_word`])
    pub status: Cow<'static, str>,
    /// Half-days attended; None = the whole activity for present/late/left_early, none otherwise.
    pub half_days: Option<Num>,
    /// participant | speaker | lead
    pub role: Cow<'static, str>,
    pub leave_reason: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ProposalFact {
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    /// individual | joint | collective
    pub kind: String,
    /// submitted | filed | not_filed | merged | withdrawn | converted
    pub stage: String,
    /// The proposal's year, and the day it was submitted if known.
    pub year: i32,
    pub submitted_on: Option<NaiveDate>,
    pub key: bool,
    pub excellent: bool,
    /// When it was made key / excellent; None = in the proposal's own year.
    pub key_on: Option<NaiveDate>,
    pub excellent_on: Option<NaiveDate>,
    pub forwarded_up: bool,
    pub authors: Vec<Author>,
}

impl ProposalFact {
    /// The year the proposal was made key (`excellent` false) or excellent (`excellent` true).
    pub fn outcome_year(&self, excellent: bool) -> i32 {
        let on = if excellent { self.excellent_on } else { self.key_on };
        on.map_or(self.year, |d| d.year())
    }
}

#[derive(Clone, Debug)]
pub struct Author {
    pub member_id: i64,
    /// proposals: lead | cosigner | main_member ; opinions and contributions: lead | co_author
    pub role: String,
    pub order: u32,
}

#[derive(Clone, Debug)]
pub struct OpinionFact {
    pub id: i64,
    pub title: String,
    pub submitted_on: NaiveDate,
    pub authors: Vec<Author>,
    /// (level, date): level is county | city | province | national
    pub adoptions: Vec<(String, NaiveDate)>,
    /// Leaders' written instructions (批示), same levels.
    pub instructions: Vec<(String, NaiveDate)>,
    /// The proposal this report was converted from, if any.
    pub from_proposal: Option<i64>,
}

/// A duty output (履职成果): research report, historical material, media article, ...
#[derive(Clone, Debug)]
pub struct ContributionFact {
    pub id: i64,
    /// The committee's kind code: research_report, history, media, pairing, ...
    pub kind: String,
    /// The kind's Chinese and English names, for labels.
    pub kind_zh: String,
    pub kind_en: String,
    pub title: String,
    pub done_on: NaiveDate,
    /// county | city | province | national, when recorded.
    pub level: Option<String>,
    /// lead | co_author
    pub authors: Vec<Author>,
}

#[derive(Clone, Debug)]
pub struct CommendationFact {
    pub id: i64,
    pub member_id: i64,
    /// national | province | city | county
    pub level: String,
    pub awarded_on: NaiveDate,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct AdjustmentFact {
    pub id: i64,
    pub member_id: i64,
    pub points: Num,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct PastResult {
    pub member_id: i64,
    pub year: i32,
    pub total: Num,
    pub grade: Option<String>,
    pub flags: Vec<String>,
}
