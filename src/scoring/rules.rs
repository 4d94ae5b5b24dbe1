//! The rule file: a TOML model of a committee's scoring scheme, its parsing and validation.
//!
//! Parsing keeps the byte span of every value a clerk may get wrong, so that every error can
//! point at a line and column. Columns count characters (not bytes), both 1-based.

use super::num::Num;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use toml::Spanned;

type S<T> = Spanned<T>;

/// A number in a rule file: integer (50), decimal (7.5) or a string with a decimal or fraction
/// ("7.5", "25/6", "2/3"). Stored exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumLit(pub Num);

impl<'de> Deserialize<'de> for NumLit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = NumLit;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 5, 7.5, \"25/6\" or \"2/3\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NumLit, E> {
                Ok(NumLit(Num::int(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NumLit, E> {
                i64::try_from(v)
                    .map(|v| NumLit(Num::int(v)))
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NumLit, E> {
                Num::from_f64(v)
                    .map(NumLit)
                    .ok_or_else(|| E::custom("number not usable as points"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NumLit, E> {
                Num::parse(v)
                    .map(NumLit)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a number like 7.5 or 25/6")))
            }
        }
        d.deserialize_any(V)
    }
}

fn n(v: &Option<S<NumLit>>) -> Option<Num> {
    v.as_ref().map(|s| s.get_ref().0)
}

/// A parsed and validated scoring scheme.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub scheme: Header,
    #[serde(default)]
    pub attendance: AttendanceRules,
    #[serde(default)]
    pub eligibility: EligibilityRules,
    #[serde(default, rename = "part")]
    pub parts: Vec<Part>,
    #[serde(rename = "category")]
    pub categories: Vec<Category>,
    #[serde(default, rename = "gate")]
    pub gates: Vec<Gate>,
    #[serde(default)]
    pub grades: Option<Grades>,
    #[serde(default, rename = "flag")]
    pub flags: Vec<FlagRule>,
    #[serde(default)]
    pub ranking: Ranking,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub name: String,
    pub title_zh: String,
    pub title_en: String,
    /// Decimal places for display (round half away from zero). Default 2.
    pub decimals: Option<S<u32>>,
    /// Which side keeps the credit of a proposal converted into an opinion report:
    /// "proposal" (the report earns nothing) or "opinion" (the proposal earns nothing).
    pub converted_proposal: Option<S<String>>,
    /// The year an outcome arriving after its record's year (an adoption or leader's instruction
    /// of a report, a proposal made key or excellent) counts in: "record" (default: the year of
    /// the report or proposal) or "event" (the year of the outcome's own date).
    pub outcome_year: Option<S<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRules {
    /// What a missing attendance row means for a member due at an activity of `due_kinds`:
    /// "ignore" (default) or "absent".
    pub missing: Option<S<String>>,
    #[serde(default)]
    pub due_kinds: Vec<S<String>>,
    /// Present/late/left-early with attended half-days below this fraction counts as absent.
    pub absent_below: Option<S<NumLit>>,
    /// Leave reasons that exempt an excused or absent record from every item and counter.
    #[serde(default)]
    pub exempt_reasons: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    /// Members who joined during the year: assessed | not_assessed | flagged. Default assessed.
    pub joined: Option<S<String>>,
    /// Members who left during the year: assessed | not_assessed | flagged. Default not_assessed.
    pub left: Option<S<String>>,
    /// Per leave reason override of `left`.
    #[serde(default)]
    pub left_reasons: BTreeMap<S<String>, S<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub key: S<String>,
    pub name_zh: String,
    pub name_en: String,
    pub cap: Option<S<NumLit>>,
    pub floor: Option<S<NumLit>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub key: S<String>,
    pub name_zh: String,
    pub name_en: String,
    pub base: Option<S<NumLit>>,
    pub cap: Option<S<NumLit>>,
    pub floor: Option<S<NumLit>>,
    pub part: Option<S<String>>,
    #[serde(default, rename = "item")]
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub count: S<u32>,
    pub points: S<NumLit>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub key: S<String>,
    pub name_zh: String,
    pub name_en: String,
    /// attendance | proposal | opinion | contribution | commendation | adjustment
    pub source: S<String>,
    pub rule_zh: Option<String>,
    pub rule_en: Option<String>,
    // --- selectors ---
    /// attendance: activity kinds; proposal: individual | joint | collective; contribution: the
    /// committee's contribution kinds
    pub kinds: Option<Vec<S<String>>>,
    pub statuses: Option<Vec<S<String>>>,
    /// attendance: any | standing | non_standing (standing status on the activity date)
    pub member: Option<S<String>>,
    /// attendance roles (participant|speaker|lead), proposal or opinion author roles
    pub roles: Option<Vec<S<String>>>,
    pub exclude_roles: Option<Vec<S<String>>>,
    pub fraction_min: Option<S<NumLit>>,
    pub fraction_below: Option<S<NumLit>>,
    pub stages: Option<Vec<S<String>>>,
    /// proposal flags that must all hold: key | excellent | forwarded_up
    pub flags: Option<Vec<S<String>>>,
    /// opinion: submitted | adopted | instructed | adopted_or_instructed | not_adopted
    pub on: Option<S<String>>,
    /// adoption levels (opinion), commendation or contribution levels
    pub levels: Option<Vec<S<String>>>,
    pub instructed_levels: Option<Vec<S<String>>>,
    /// opinion: sum (each adoption/instruction counts) | highest (one per report)
    pub ladder: Option<S<String>>,
    // --- value ---
    pub points: Option<S<NumLit>>,
    /// attendance: record | half_day
    pub per: Option<S<String>>,
    #[serde(default)]
    pub level_points: BTreeMap<S<String>, S<NumLit>>,
    /// full | per_role | lead_half | lead_only | shared
    pub split: Option<S<String>>,
    #[serde(default)]
    pub role_points: BTreeMap<S<String>, S<NumLit>>,
    /// collective proposals: credit at most this many main members (by order)
    pub main_members: Option<S<u32>>,
    pub threshold: Option<Threshold>,
    // --- modifiers ---
    #[serde(default)]
    pub once: bool,
    pub from_nth: Option<S<u32>>,
    pub cap: Option<S<NumLit>>,
    pub floor: Option<S<NumLit>>,
    /// Only for members standing on some day of the year (`standing`, attendance counted only
    /// within their standing periods) or only for the others (`non_standing`).
    pub applies_to: Option<S<String>>,
    /// attendance: the points only when every activity of `kinds` the member was due at in the
    /// year was attended (全勤); nothing when nothing was due.
    pub full_attendance: Option<S<bool>>,
    /// With `full_attendance`: does an excused absence (请假) break it? Default true.
    pub excused_breaks: Option<S<bool>>,
    /// Items of a category sharing a `best_of` group: only the highest-scoring one counts.
    pub best_of: Option<S<String>>,
}

/// One condition of a gate: exactly one of the forms
/// `{ item, min_count }`, `{ item, min_points }`, `{ items = [...], min_count }` (records of
/// several items added up), `{ category, min_points }`, `{ any = [...] }`, `{ all = [...] }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cond {
    pub item: Option<S<String>>,
    pub items: Option<Vec<S<String>>>,
    pub category: Option<S<String>>,
    pub min_count: Option<u32>,
    pub min_points: Option<NumLit>,
    /// Holds when the count is below this.
    pub fewer_than: Option<u32>,
    /// Holds when the points are below this.
    pub points_below: Option<NumLit>,
    /// Items only: counted over `year` (default), `term` or the last `years` years.
    pub over: Option<S<String>>,
    /// With `over = "years"`: how many years, this one included.
    pub years: Option<S<u32>>,
    /// `standing` | `non_standing`: for the other members the condition holds.
    pub applies_to: Option<S<String>>,
    pub any: Option<Vec<S<Cond>>>,
    pub all: Option<Vec<S<Cond>>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub key: S<String>,
    pub name_zh: String,
    pub name_en: String,
    /// All of these must hold.
    pub require: Vec<S<Cond>>,
    /// `standing` | `non_standing`: for the other members the gate is met.
    pub applies_to: Option<S<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    /// What number is compared to the bands: exact | floor | round_half_up (to an integer).
    pub fractional: S<String>,
    #[serde(rename = "band")]
    pub bands: Vec<Band>,
    pub quota: Option<Quota>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name_zh: S<String>,
    pub name_en: String,
    /// Inclusive lower bound; omitted = no lower bound (the lowest band only).
    pub min: Option<S<NumLit>>,
    /// Exclusive upper bound; if given it must equal the next band's `min`.
    pub below: Option<S<NumLit>>,
    /// Gates a member must pass to hold this grade; a member who fails falls to the next band.
    #[serde(default)]
    pub requires: Vec<S<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// The band (by name_zh) limited by quota.
    pub grade: S<String>,
    /// At most floor(percent × assessed members / 100) members hold it.
    pub percent: S<NumLit>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermCounter {
    pub kinds: Vec<S<String>>,
    pub statuses: Vec<S<String>>,
    pub at_least: S<u32>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    pub key: S<String>,
    pub name_zh: String,
    pub name_en: String,
    /// Raised when the total is below this line ...
    pub below: Option<S<NumLit>>,
    /// ... in this year and each of the previous `years_running - 1` years (history).
    pub years_running: Option<S<u32>>,
    /// Raised when this gate fails.
    pub gate: Option<S<String>>,
    /// Raised when the member's attendance records over the whole term reach a count.
    pub term: Option<TermCounter>,
    /// Raised when this condition holds (e.g. fewer than 3 proposals over the term).
    pub when: Option<S<Cond>>,
    /// `standing` | `non_standing`: raised only for these members.
    pub applies_to: Option<S<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// competition (1,1,3; default) | dense (1,1,2)
    pub ties: Option<S<String>>,
}

// ---------------------------------------------------------------------------------------------

/// An error in a rule file, located at a 1-based line and column (column counts characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleError {
    pub line: usize,
    pub column: usize,
    pub message_zh: String,
    pub message_en: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} / {}",
            self.line, self.column, self.message_zh, self.message_en
        )
    }
}

impl std::error::Error for RuleError {}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..off].chars().count() + 1;
    (line, column)
}

pub const STATUSES: &[&str] = &["present", "excused", "absent", "late", "left_early"];
pub const ATTENDANCE_ROLES: &[&str] = &["participant", "speaker", "lead"];
pub const PROPOSAL_KINDS: &[&str] = &["individual", "joint", "collective"];
pub const STAGES: &[&str] = &[
    "submitted",
    "filed",
    "not_filed",
    "merged",
    "withdrawn",
    "converted",
];
pub const PROPOSAL_FLAGS: &[&str] = &["key", "excellent", "forwarded_up"];
pub const PROPOSAL_ROLES: &[&str] = &["lead", "cosigner", "main_member"];
pub const OPINION_ROLES: &[&str] = &["lead", "co_author"];
/// Ordered from lowest to highest.
pub const LEVELS: &[&str] = &["county", "city", "province", "national"];
pub const SOURCES: &[&str] = &[
    "attendance",
    "proposal",
    "opinion",
    "contribution",
    "commendation",
    "adjustment",
];
pub const SPLITS: &[&str] = &["full", "per_role", "lead_half", "lead_only", "shared"];
pub const OPINION_ON: &[&str] = &[
    "submitted",
    "adopted",
    "instructed",
    "adopted_or_instructed",
    "not_adopted",
];
pub const LEAVE_REASONS: &[&str] = &["resigned", "disqualified", "deceased", "moved", "term_ended"];
const ELIGIBILITY: &[&str] = &["assessed", "not_assessed", "flagged"];
/// Who an item, gate, condition or flag applies to.
pub const APPLIES_TO: &[&str] = &["standing", "non_standing"];
/// What a count condition is counted over.
pub const OVER: &[&str] = &["year", "term", "years"];
/// Column names of the ranking and explanation listings: no category, part or item key may
/// take one, so that every CSV header stays unique.
pub const FIXED_COLUMNS: &[&str] = &[
    "rank",
    "code",
    "name",
    "sector",
    "committee",
    "year",
    "scheme",
    "assessed",
    "eligibility",
    "member",
    "member_id",
    "total",
    "total_exact",
    "grade",
    "grade_label",
    "grade_note",
    "flags",
    "gates",
    "lines",
    "categories",
    "parts",
    "subtotals",
];

/// Parse and validate a rule file. `known_kinds` lists the activity kind codes in use and the
/// contribution kind codes, these after [`super::CONTRIBUTION_KIND`].
pub fn parse_rules(text: &str, known_kinds: &[String]) -> Result<Scheme, Vec<RuleError>> {
    let scheme: Scheme = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            let (line, column) = line_col(text, e.span().map(|s| s.start).unwrap_or(0));
            let msg = e.message().trim().to_string();
            return Err(vec![RuleError {
                line,
                column,
                message_zh: format!("规则文件格式错误：{msg}"),
                message_en: format!("rule file cannot be read: {msg}"),
            }]);
        }
    };
    let mut v = Validator {
        text,
        kinds: known_kinds,
        errs: Vec::new(),
    };
    super::num::take_overflow();
    v.scheme(&scheme);
    if super::num::take_overflow() {
        v.errs.push(RuleError {
            line: 1,
            column: 1,
            message_zh: "规则中的分数太精细，精确计算超出范围；请把分值写成较简单的小数或分数".into(),
            message_en:
                "the rule's fractions are too fine to compute exactly; write simpler decimals or fractions"
                    .into(),
        });
    }
    if v.errs.is_empty() {
        Ok(scheme)
    } else {
        v.errs.sort_by_key(|e| (e.line, e.column));
        Err(v.errs)
    }
}

struct Validator<'a> {
    text: &'a str,
    kinds: &'a [String],
    errs: Vec<RuleError>,
}

impl Validator<'_> {
    fn err(&mut self, span: std::ops::Range<usize>, zh: String, en: String) {
        let (line, column) = line_col(self.text, span.start);
        self.errs.push(RuleError {
            line,
            column,
            message_zh: zh,
            message_en: en,
        });
    }

    fn one_of(&mut self, what_zh: &str, what_en: &str, v: &S<String>, allowed: &[&str]) {
        if !allowed.contains(&v.get_ref().as_str()) {
            self.err(
                v.span(),
                format!("未知的{what_zh}“{}”，可用：{}", v.get_ref(), allowed.join("、")),
                format!(
                    "unknown {what_en} `{}`; expected one of: {}",
                    v.get_ref(),
                    allowed.join(", ")
                ),
            );
        }
    }

    fn all_of(&mut self, what_zh: &str, what_en: &str, vs: &Option<Vec<S<String>>>, allowed: &[&str]) {
        for v in vs.iter().flatten() {
            self.one_of(what_zh, what_en, v, allowed);
        }
    }

    fn kind(&mut self, v: &S<String>) {
        let kinds: Vec<&str> = self
            .kinds
            .iter()
            .map(|s| s.as_str())
            .filter(|k| !k.starts_with(super::CONTRIBUTION_KIND))
            .collect();
        self.one_of("活动类型", "activity kind", v, &kinds);
    }

    fn contribution_kind(&mut self, v: &S<String>) {
        let kinds: Vec<&str> = self
            .kinds
            .iter()
            .filter_map(|k| k.strip_prefix(super::CONTRIBUTION_KIND))
            .collect();
        self.one_of("履职成果类型", "contribution kind", v, &kinds);
    }

    fn cap_floor(&mut self, cap: &Option<S<NumLit>>, floor: &Option<S<NumLit>>) {
        if let (Some(c), Some(f)) = (cap, floor)
            && c.get_ref().0 < f.get_ref().0
        {
            self.err(
                c.span(),
                format!("上限 {} 低于下限 {}", c.get_ref().0, f.get_ref().0),
                format!("cap {} is below floor {}", c.get_ref().0, f.get_ref().0),
            );
        }
    }

    fn not_for(&mut self, present: bool, key: &str, source: &S<String>) {
        if present {
            self.err(
                source.span(),
                format!("“{key}”不适用于来源“{}”", source.get_ref()),
                format!("`{key}` does not apply to source `{}`", source.get_ref()),
            );
        }
    }

    fn scheme(&mut self, s: &Scheme) {
        if let Some(d) = &s.scheme.decimals
            && *d.get_ref() > 6
        {
            self.err(
                d.span(),
                "小数位数最多为 6".into(),
                "decimals must be at most 6".into(),
            );
        }
        if let Some(c) = &s.scheme.converted_proposal {
            self.one_of(
                "转化提案归属",
                "converted_proposal value",
                c,
                &["proposal", "opinion"],
            );
        }
        if let Some(c) = &s.scheme.outcome_year {
            self.one_of("成果计入年度", "outcome_year value", c, &["record", "event"]);
        }
        // attendance
        if let Some(m) = &s.attendance.missing {
            self.one_of("缺少考勤记录的处理", "missing-row rule", m, &["ignore", "absent"]);
        }
        for k in &s.attendance.due_kinds {
            self.kind(k);
        }
        if let Some(f) = &s.attendance.absent_below {
            self.fraction(f);
        }
        // eligibility
        for v in [&s.eligibility.joined, &s.eligibility.left].into_iter().flatten() {
            self.one_of("资格处理方式", "eligibility rule", v, ELIGIBILITY);
        }
        for (k, v) in &s.eligibility.left_reasons {
            self.one_of("离任原因", "leave reason", k, LEAVE_REASONS);
            self.one_of("资格处理方式", "eligibility rule", v, ELIGIBILITY);
        }
        // parts
        let mut part_keys = HashSet::new();
        for p in &s.parts {
            self.unique(&mut part_keys, &p.key, "部分", "part");
            self.cap_floor(&p.cap, &p.floor);
        }
        // categories and items
        let mut cat_keys = HashSet::new();
        let mut item_keys = HashSet::new();
        if s.categories.is_empty() {
            self.err(
                0..0,
                "至少需要一个类别 [[category]]".into(),
                "at least one [[category]] is needed".into(),
            );
        }
        let mut groups: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
        for p in &s.parts {
            self.fixed_column(&p.key, "部分", "part");
        }
        for c in &s.categories {
            self.unique(&mut cat_keys, &c.key, "类别", "category");
            self.fixed_column(&c.key, "类别", "category");
            for p in &s.parts {
                if format!("{}_cap", p.key.get_ref()) == *c.key.get_ref() {
                    self.err(
                        c.key.span(),
                        format!(
                            "类别键“{}”与部分“{}”的封顶列同名",
                            c.key.get_ref(),
                            p.key.get_ref()
                        ),
                        format!(
                            "category key `{}` is the name of part `{}`'s cap column",
                            c.key.get_ref(),
                            p.key.get_ref()
                        ),
                    );
                }
            }
            if part_keys.contains(c.key.get_ref().as_str()) {
                self.err(
                    c.key.span(),
                    format!("类别键“{}”与部分键重复", c.key.get_ref()),
                    format!("category key `{}` is also a part key", c.key.get_ref()),
                );
            }
            self.cap_floor(&c.cap, &c.floor);
            if let Some(p) = &c.part
                && !part_keys.contains(p.get_ref().as_str())
            {
                self.err(
                    p.span(),
                    format!("未定义的部分“{}”", p.get_ref()),
                    format!("unknown part `{}`", p.get_ref()),
                );
            }
            for it in &c.items {
                self.unique(&mut item_keys, &it.key, "条目", "item");
                self.fixed_column(&it.key, "条目", "item");
                self.item(it);
                if let Some(g) = &it.best_of {
                    let entry = groups.entry(g.get_ref()).or_insert((c.key.get_ref(), 0));
                    if entry.0 != c.key.get_ref() {
                        self.err(
                            g.span(),
                            format!("取最高组“{}”的条目须在同一类别中", g.get_ref()),
                            format!(
                                "the items of best_of group `{}` must be in one category",
                                g.get_ref()
                            ),
                        );
                    }
                    entry.1 += 1;
                }
            }
        }
        for c in &s.categories {
            for it in &c.items {
                if let Some(g) = &it.best_of
                    && groups.get(g.get_ref().as_str()).is_some_and(|e| e.1 < 2)
                {
                    self.err(
                        g.span(),
                        format!("取最高组“{}”只有一个条目，至少需要两个", g.get_ref()),
                        format!(
                            "best_of group `{}` has one item; it needs at least two",
                            g.get_ref()
                        ),
                    );
                }
            }
        }
        // gates
        let mut gate_keys = HashSet::new();
        for g in &s.gates {
            self.unique(&mut gate_keys, &g.key, "基本要求", "gate");
            self.applies_to(&g.applies_to);
            for c in &g.require {
                self.cond(c, &cat_keys, &item_keys);
            }
        }
        // grades
        if let Some(gr) = &s.grades {
            self.grades(gr, &gate_keys);
        }
        // flags
        let mut flag_keys = HashSet::new();
        for f in &s.flags {
            self.unique(&mut flag_keys, &f.key, "标记", "flag");
            let forms = f.below.is_some() as u8
                + f.gate.is_some() as u8
                + f.term.is_some() as u8
                + f.when.is_some() as u8;
            if forms != 1 {
                self.err(
                    f.key.span(),
                    "标记须且只须设置 below、gate、term、when 之一".into(),
                    "a flag needs exactly one of `below`, `gate`, `term`, `when`".into(),
                );
            }
            self.applies_to(&f.applies_to);
            if let Some(c) = &f.when {
                self.cond(c, &cat_keys, &item_keys);
            }
            if let Some(y) = &f.years_running
                && (f.below.is_none() || *y.get_ref() < 1)
            {
                self.err(
                    y.span(),
                    "years_running 须与 below 同用且至少为 1".into(),
                    "`years_running` needs `below` and must be at least 1".into(),
                );
            }
            if let Some(g) = &f.gate
                && !gate_keys.contains(g.get_ref().as_str())
            {
                self.err(
                    g.span(),
                    format!("未定义的基本要求“{}”", g.get_ref()),
                    format!("unknown gate `{}`", g.get_ref()),
                );
            }
            if let Some(t) = &f.term {
                for k in &t.kinds {
                    self.kind(k);
                }
                for st in &t.statuses {
                    self.one_of("出勤状态", "attendance status", st, STATUSES);
                }
                if *t.at_least.get_ref() < 1 {
                    self.err(
                        t.at_least.span(),
                        "at_least 至少为 1".into(),
                        "`at_least` must be at least 1".into(),
                    );
                }
            }
        }
        if let Some(t) = &s.ranking.ties {
            self.one_of("并列排名规则", "tie rule", t, &["competition", "dense"]);
        }
    }

    fn unique<'s>(&mut self, set: &mut HashSet<&'s str>, key: &'s S<String>, zh: &str, en: &str) {
        if !set.insert(key.get_ref().as_str()) {
            self.err(
                key.span(),
                format!("{zh}键“{}”重复", key.get_ref()),
                format!("duplicate {en} key `{}`", key.get_ref()),
            );
        }
    }

    fn fixed_column(&mut self, key: &S<String>, zh: &str, en: &str) {
        if FIXED_COLUMNS.contains(&key.get_ref().as_str()) {
            self.err(
                key.span(),
                format!(
                    "{zh}键“{}”与名次表的固定列同名，请换一个键（不可用：{}）",
                    key.get_ref(),
                    FIXED_COLUMNS.join("、")
                ),
                format!(
                    "{en} key `{}` is the name of a fixed column of the listing; choose another (taken: {})",
                    key.get_ref(),
                    FIXED_COLUMNS.join(", ")
                ),
            );
        }
    }

    fn applies_to(&mut self, v: &Option<S<String>>) {
        if let Some(v) = v {
            self.one_of("适用对象", "applies_to value", v, APPLIES_TO);
        }
    }

    fn fraction(&mut self, f: &S<NumLit>) {
        let v = f.get_ref().0;
        if v < Num::zero() || v > Num::int(1) {
            self.err(
                f.span(),
                format!("比例 {v} 须在 0 与 1 之间"),
                format!("fraction {v} must be between 0 and 1"),
            );
        }
    }

    fn item(&mut self, it: &Item) {
        let src = &it.source;
        self.one_of("来源", "source", src, SOURCES);
        let s = src.get_ref().as_str();
        let att = s == "attendance";
        let prop = s == "proposal";
        let opin = s == "opinion";
        let comm = s == "commendation";
        let adj = s == "adjustment";
        let contrib = s == "contribution";
        // kinds
        if att {
            for k in it.kinds.iter().flatten() {
                self.kind(k);
            }
        } else if contrib {
            for k in it.kinds.iter().flatten() {
                self.contribution_kind(k);
            }
        } else if prop {
            self.all_of("提案类型", "proposal kind", &it.kinds, PROPOSAL_KINDS);
        } else {
            self.not_for(it.kinds.is_some(), "kinds", src);
        }
        if att {
            self.all_of("出勤状态", "attendance status", &it.statuses, STATUSES);
        } else {
            self.not_for(it.statuses.is_some(), "statuses", src);
        }
        let roles: &[&str] = if att {
            ATTENDANCE_ROLES
        } else if prop {
            PROPOSAL_ROLES
        } else {
            OPINION_ROLES
        };
        if att || prop || opin || contrib {
            self.all_of("角色", "role", &it.roles, roles);
            self.all_of("角色", "role", &it.exclude_roles, roles);
            for k in it.role_points.keys() {
                self.one_of("角色", "role", k, roles);
            }
        } else {
            self.not_for(it.roles.is_some(), "roles", src);
            self.not_for(it.exclude_roles.is_some(), "exclude_roles", src);
        }
        if att {
            if let Some(m) = &it.member {
                self.one_of(
                    "委员身份",
                    "member condition",
                    m,
                    &["any", "standing", "non_standing"],
                );
            }
            if let Some(p) = &it.per {
                self.one_of("计分单位", "unit", p, &["record", "half_day"]);
            }
            for f in [&it.fraction_min, &it.fraction_below].into_iter().flatten() {
                self.fraction(f);
            }
        } else {
            self.not_for(it.member.is_some(), "member", src);
            self.not_for(it.per.is_some(), "per", src);
            self.not_for(
                it.fraction_min.is_some() || it.fraction_below.is_some(),
                "fraction_min/fraction_below",
                src,
            );
        }
        if prop {
            self.all_of("提案阶段", "proposal stage", &it.stages, STAGES);
            self.all_of("提案标记", "proposal flag", &it.flags, PROPOSAL_FLAGS);
        } else {
            self.not_for(it.stages.is_some(), "stages", src);
            self.not_for(it.flags.is_some(), "flags", src);
            self.not_for(it.main_members.is_some(), "main_members", src);
        }
        if prop || opin || contrib {
            if let Some(sp) = &it.split {
                self.one_of("分配方式", "credit split", sp, SPLITS);
                if sp.get_ref() == "per_role" && it.role_points.is_empty() {
                    self.err(
                        sp.span(),
                        "per_role 分配需要 role_points".into(),
                        "split `per_role` needs `role_points`".into(),
                    );
                }
            }
        } else {
            self.not_for(it.split.is_some(), "split", src);
            self.not_for(!it.role_points.is_empty(), "role_points", src);
        }
        if opin {
            match &it.on {
                Some(o) => self.one_of("社情民意计分时机", "opinion event", o, OPINION_ON),
                None => self.err(
                    it.key.span(),
                    "社情民意条目需要 on".into(),
                    "an opinion item needs `on`".into(),
                ),
            }
            if let Some(l) = &it.ladder {
                self.one_of("采用累计方式", "ladder rule", l, &["sum", "highest"]);
            }
            self.all_of("级别", "level", &it.instructed_levels, LEVELS);
        } else {
            self.not_for(it.on.is_some(), "on", src);
            self.not_for(it.ladder.is_some(), "ladder", src);
            self.not_for(it.instructed_levels.is_some(), "instructed_levels", src);
        }
        if opin || comm || contrib {
            self.all_of("级别", "level", &it.levels, LEVELS);
            for k in it.level_points.keys() {
                self.one_of("级别", "level", k, LEVELS);
            }
        } else {
            self.not_for(it.levels.is_some(), "levels", src);
            self.not_for(!it.level_points.is_empty(), "level_points", src);
        }
        if adj {
            self.not_for(it.points.is_some(), "points", src);
            self.not_for(it.threshold.is_some(), "threshold", src);
        } else if it.points.is_none()
            && it.threshold.is_none()
            && it.level_points.is_empty()
            && it.role_points.is_empty()
        {
            self.err(
                it.key.span(),
                format!(
                    "条目“{}”没有分值（points、level_points、role_points 或 threshold）",
                    it.key.get_ref()
                ),
                format!(
                    "item `{}` has no value (points, level_points, role_points or threshold)",
                    it.key.get_ref()
                ),
            );
        }
        if let Some(t) = &it.threshold
            && *t.count.get_ref() < 1
        {
            self.err(
                t.count.span(),
                "count 至少为 1".into(),
                "`count` must be at least 1".into(),
            );
        }
        if let Some(f) = &it.from_nth
            && *f.get_ref() < 1
        {
            self.err(
                f.span(),
                "from_nth 至少为 1".into(),
                "`from_nth` must be at least 1".into(),
            );
        }
        self.cap_floor(&it.cap, &it.floor);
        self.applies_to(&it.applies_to);
        if let Some(fa) = it.full_attendance.as_ref().filter(|f| *f.get_ref()) {
            if !att {
                self.not_for(true, "full_attendance", src);
            } else {
                if it.kinds.is_none() {
                    self.err(
                        fa.span(),
                        "全勤条目需要 kinds（哪些活动须全部出席）".into(),
                        "a full_attendance item needs `kinds` (the activities to attend)".into(),
                    );
                }
                for (bad, key) in [
                    (it.statuses.is_some(), "statuses"),
                    (it.per.is_some(), "per"),
                    (it.threshold.is_some(), "threshold"),
                    (it.from_nth.is_some(), "from_nth"),
                    (
                        it.fraction_min.is_some() || it.fraction_below.is_some(),
                        "fraction_min/fraction_below",
                    ),
                ] {
                    if bad {
                        self.err(
                            fa.span(),
                            format!("全勤条目不能同时设置 {key}"),
                            format!("a full_attendance item cannot also have `{key}`"),
                        );
                    }
                }
                if it.points.is_none() {
                    self.err(
                        fa.span(),
                        "全勤条目需要 points".into(),
                        "a full_attendance item needs `points`".into(),
                    );
                }
            }
        }
        if let Some(e) = &it.excused_breaks
            && !it.full_attendance.as_ref().is_some_and(|f| *f.get_ref())
        {
            self.err(
                e.span(),
                "excused_breaks 只能与 full_attendance = true 同用".into(),
                "`excused_breaks` needs `full_attendance = true`".into(),
            );
        }
    }

    fn cond(&mut self, c: &S<Cond>, cats: &HashSet<&str>, items: &HashSet<&str>) {
        let v = c.get_ref();
        let form = (v.item.is_some() as u8)
            + (v.items.is_some() as u8)
            + (v.category.is_some() as u8)
            + (v.any.is_some() as u8)
            + (v.all.is_some() as u8);
        let counts = v.min_count.is_some() as u8 + v.fewer_than.is_some() as u8;
        let points = v.min_points.is_some() as u8 + v.points_below.is_some() as u8;
        let ok = form == 1
            && if v.item.is_some() {
                counts + points == 1
            } else if v.items.is_some() {
                counts == 1 && points == 0
            } else if v.category.is_some() {
                points == 1 && counts == 0
            } else {
                counts + points == 0
            };
        if !ok {
            self.err(
                c.span(),
                "条件须为 {item, min_count | fewer_than | min_points | points_below}、{items, min_count | fewer_than}、{category, min_points | points_below}、{any = [...]} 或 {all = [...]} 之一".into(),
                "a condition must be one of {item, min_count | fewer_than | min_points | points_below}, {items, min_count | fewer_than}, {category, min_points | points_below}, {any = [...]}, {all = [...]}".into(),
            );
        }
        self.applies_to(&v.applies_to);
        if let Some(o) = &v.over {
            self.one_of("统计范围", "counting span", o, OVER);
            if v.item.is_none() && v.items.is_none() {
                self.err(
                    o.span(),
                    "over 只用于条目的计数或分值（item 或 items）".into(),
                    "`over` applies only to an item's count or points (`item` or `items`)".into(),
                );
            }
        }
        let over_years = v.over.as_ref().is_some_and(|o| o.get_ref() == "years");
        match &v.years {
            Some(y) if !over_years => self.err(
                y.span(),
                "years 须与 over = \"years\" 同用".into(),
                "`years` needs `over = \"years\"`".into(),
            ),
            Some(y) if *y.get_ref() < 1 => self.err(
                y.span(),
                "years 至少为 1".into(),
                "`years` must be at least 1".into(),
            ),
            None if over_years => self.err(
                v.over.as_ref().map(|o| o.span()).unwrap_or(c.span()),
                "over = \"years\" 需要 years（含本年在内的年数）".into(),
                "`over = \"years\"` needs `years` (how many years, this one included)".into(),
            ),
            _ => {}
        }
        for i in v.item.iter().chain(v.items.iter().flatten()) {
            if items.contains(i.get_ref().as_str()) {
                continue;
            }
            self.err(
                i.span(),
                format!("未定义的条目“{}”", i.get_ref()),
                format!("unknown item `{}`", i.get_ref()),
            );
        }
        if let Some(k) = &v.category
            && !cats.contains(k.get_ref().as_str())
        {
            self.err(
                k.span(),
                format!("未定义的类别“{}”", k.get_ref()),
                format!("unknown category `{}`", k.get_ref()),
            );
        }
        for sub in v.any.iter().chain(v.all.iter()).flatten() {
            self.cond(sub, cats, items);
        }
    }

    fn grades(&mut self, gr: &Grades, gates: &HashSet<&str>) {
        self.one_of(
            "小数处理规则",
            "fractional rule",
            &gr.fractional,
            &["exact", "floor", "round_half_up"],
        );
        if gr.bands.is_empty() {
            self.err(
                gr.fractional.span(),
                "至少需要一个等次 [[grades.band]]".into(),
                "at least one [[grades.band]] is needed".into(),
            );
            return;
        }
        let mut names = HashSet::new();
        for b in &gr.bands {
            self.unique(&mut names, &b.name_zh, "等次", "grade");
            for r in &b.requires {
                if !gates.contains(r.get_ref().as_str()) {
                    self.err(
                        r.span(),
                        format!("未定义的基本要求“{}”", r.get_ref()),
                        format!("unknown gate `{}`", r.get_ref()),
                    );
                }
            }
        }
        // order bands from the lowest up; a band without `min` is the lowest
        let mut order: Vec<&Band> = gr.bands.iter().collect();
        order.sort_by(|a, b| match (n(&a.min), n(&b.min)) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Less,
            (_, None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(&y),
        });
        // The lowest band takes every total below the next band, its own `min` included: a
        // written "0-59" reads as the scheme says, and a total below 0 still gets that band.
        let bottom = order[0];
        if !bottom.requires.is_empty() {
            self.err(
                bottom.name_zh.span(),
                "最低等次不能设 requires（否则有人无等次）".into(),
                "the lowest band cannot have `requires` (someone would get no grade)".into(),
            );
        }
        for w in order.windows(2) {
            let (lo, hi) = (w[0], w[1]);
            let hi_min = match &hi.min {
                Some(m) => m,
                None => {
                    self.err(
                        hi.name_zh.span(),
                        "只有最低等次可以省略 min，两个等次重叠".into(),
                        "only the lowest band may omit `min`; two bands overlap".into(),
                    );
                    continue;
                }
            };
            if n(&lo.min) == Some(hi_min.get_ref().0) {
                self.err(
                    hi_min.span(),
                    format!("等次重叠：两个等次的下限都是 {}", hi_min.get_ref().0),
                    format!("grade bands overlap: two bands start at {}", hi_min.get_ref().0),
                );
            }
            if let Some(b) = &lo.below {
                let (bv, mv) = (b.get_ref().0, hi_min.get_ref().0);
                if bv < mv {
                    self.err(
                        b.span(),
                        format!("等次有缺口：{bv} 至 {mv} 之间的总分无等次"),
                        format!("gap in grade bands: totals from {bv} up to {mv} have no band"),
                    );
                } else if bv > mv {
                    self.err(
                        b.span(),
                        format!("等次重叠：上界 {bv} 高于上一等次的下限 {mv}"),
                        format!("grade bands overlap: bound {bv} is above the next band's min {mv}"),
                    );
                }
            }
        }
        let top = order[order.len() - 1];
        if let Some(b) = &top.below {
            self.err(
                b.span(),
                format!("等次有缺口：{} 及以上的总分无等次", b.get_ref().0),
                format!(
                    "gap in grade bands: totals of {} and above have no band",
                    b.get_ref().0
                ),
            );
        }
        if let Some(q) = &gr.quota {
            if !gr.bands.iter().any(|b| b.name_zh.get_ref() == q.grade.get_ref()) {
                self.err(
                    q.grade.span(),
                    format!("名额限制引用了未定义的等次“{}”", q.grade.get_ref()),
                    format!("quota names an unknown grade `{}`", q.grade.get_ref()),
                );
            }
            let p = q.percent.get_ref().0;
            if p < Num::zero() || p > Num::int(100) {
                self.err(
                    q.percent.span(),
                    "percent 须在 0 与 100 之间".into(),
                    "`percent` must be between 0 and 100".into(),
                );
            }
        }
    }
}

/// How far back a scheme's conditions count, and which earlier records they need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// Some condition counts over the term.
    pub term: bool,
    /// The most years a condition counts over (1: this year only).
    pub years: u32,
    /// The sources (`proposal`, `opinion`, ...) of the items counted over earlier years.
    pub sources: Vec<String>,
}

fn cond_reach(s: &Scheme, c: &Cond, r: &mut Reach) {
    let back = match c.over.as_ref().map(|o| o.get_ref().as_str()) {
        Some("term") => {
            r.term = true;
            true
        }
        Some("years") => {
            r.years = r.years.max(c.years.as_ref().map_or(1, |y| *y.get_ref()));
            true
        }
        _ => false,
    };
    if back {
        for k in c.item.iter().chain(c.items.iter().flatten()) {
            let src = s
                .categories
                .iter()
                .flat_map(|c| &c.items)
                .find(|i| i.key.get_ref() == k.get_ref())
                .map(|i| i.source.get_ref());
            if let Some(src) = src
                && !r.sources.contains(src)
            {
                r.sources.push(src.clone());
            }
        }
    }
    for sub in c.any.iter().chain(c.all.iter()).flatten() {
        cond_reach(s, sub.get_ref(), r);
    }
}

impl Scheme {
    /// How far back the scheme's gates and flags count items.
    pub fn reach(&self) -> Reach {
        let mut r = Reach {
            term: false,
            years: 1,
            sources: Vec::new(),
        };
        for c in self.gates.iter().flat_map(|g| &g.require) {
            cond_reach(self, c.get_ref(), &mut r);
        }
        for c in self.flags.iter().filter_map(|f| f.when.as_ref()) {
            cond_reach(self, c.get_ref(), &mut r);
        }
        r.sources.sort();
        r
    }

    pub fn decimals(&self) -> u32 {
        self.scheme.decimals.as_ref().map(|d| *d.get_ref()).unwrap_or(2)
    }

    /// Outcomes count in the year of their own date (`outcome_year = "event"`).
    pub fn outcome_in_event_year(&self) -> bool {
        self.scheme
            .outcome_year
            .as_ref()
            .is_some_and(|o| o.get_ref() == "event")
    }
}
