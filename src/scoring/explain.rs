//! The result of an assessment and its explanation lines, every text in Chinese and English.

use super::num::Num;
use serde::{Deserialize, Serialize};

/// A text in both languages (Chinese is the default for display).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// Where an explanation line comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// attendance | proposal | opinion | contribution | commendation | adjustment | base | cap | floor | threshold
    pub kind: String,
    /// Record id (activity id for attendance; proposal, report, commendation or adjustment id).
    pub id: Option<i64>,
    /// Human label: activity title and date, proposal number and title, ...
    pub label: Text,
}

/// One step of a member's score. The lines of a member add up exactly to the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Category key; for a part's cap or floor, the part key.
    pub category: String,
    /// Item key (None for base, category and part cap/floor lines).
    pub item: Option<String>,
    pub item_name: Text,
    pub source: SourceRef,
    /// The rule that fired, e.g. "全体会议出席 +50" / "Plenary attended +50".
    pub rule: Text,
    pub points: Num,
    /// Why points were changed: cap, floor, once per year, n-th onward, highest-of,
    /// no double count, partial attendance, missing row ...
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub assessed: bool,
    /// Set whenever the member was not a member for the whole year, or is not assessed.
    pub reason: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subtotal {
    pub key: String,
    pub name: Text,
    pub points: Num,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagOut {
    pub key: String,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateOut {
    pub key: String,
    pub name: Text,
    pub passed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberResult {
    pub member_id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub eligibility: Eligibility,
    /// One per category, in the scheme's category order (after each category's base/cap/floor).
    pub subtotals: Vec<Subtotal>,
    /// One per part: the change made by the part's cap or floor (usually 0).
    /// total = Σ subtotals + Σ part_adjustments.
    pub part_adjustments: Vec<Subtotal>,
    pub total: Num,
    /// Grade from the bands (after gates and quota); None if the scheme has no grades or the
    /// member is not assessed.
    pub grade: Option<Text>,
    /// Why the grade differs from what the total alone gives (failed gate, quota).
    pub grade_note: Option<Text>,
    pub gates: Vec<GateOut>,
    pub flags: Vec<FlagOut>,
    /// 1-based rank among assessed members; ties share a rank.
    pub rank: Option<u32>,
    pub lines: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub key: String,
    pub name: Text,
    pub part: Option<String>,
    pub cap: Option<Num>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub scheme: String,
    pub title: Text,
    pub year: i32,
    /// Decimal places for display (round half away from zero).
    pub decimals: u32,
    pub categories: Vec<CategoryInfo>,
    pub parts: Vec<CategoryInfo>,
    /// How ties are ranked, in words.
    pub ranking_rule: Text,
    /// Sorted by member id.
    pub members: Vec<MemberResult>,
}

impl Assessment {
    pub fn member(&self, id: i64) -> Option<&MemberResult> {
        self.members.iter().find(|m| m.member_id == id)
    }
}

impl Line {
    /// A line with its points only (no texts), for totals computed without explanations.
    pub(crate) fn blank(points: Num) -> Line {
        Line {
            category: String::new(),
            item: None,
            item_name: Text::default(),
            source: SourceRef {
                kind: String::new(),
                id: None,
                label: Text::default(),
            },
            rule: Text::default(),
            points,
            note: None,
        }
    }
}

impl MemberResult {
    pub fn subtotal(&self, key: &str) -> Option<Num> {
        self.subtotals.iter().find(|s| s.key == key).map(|s| s.points)
    }
    pub fn has_flag(&self, key: &str) -> bool {
        self.flags.iter().any(|f| f.key == key)
    }
    pub fn grade_zh(&self) -> Option<&str> {
        self.grade.as_ref().map(|g| g.zh.as_str())
    }
}

pub(crate) fn level_zh(l: &str) -> &str {
    crate::domain::codes::Level::from_code(l).map_or(l, |x| x.zh())
}

pub(crate) fn status_zh(s: &str) -> &str {
    crate::domain::codes::Status::from_code(s).map_or(s, |x| x.zh())
}

pub(crate) fn status_en(s: &str) -> &str {
    crate::domain::codes::Status::from_code(s).map_or(s, |x| x.en())
}

pub(crate) fn role_zh<'a>(source: &str, r: &'a str) -> &'a str {
    crate::domain::codes::role_label(source, r).0
}

pub(crate) fn role_en<'a>(source: &str, r: &'a str) -> &'a str {
    crate::domain::codes::role_label(source, r).1
}
