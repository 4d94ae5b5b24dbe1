//! The figures a year's work report cites, counted from the records.
//!
//! Proposals are those of the year (`proposal.year`); opinion reports are those submitted in
//! the year, counted by the levels that adopted them (as the assessment counts them);
//! activities are those starting in the year; members are those serving at any time in it;
//! donations are those given in the year; other duty outputs (履职成果) those dated in it.

use std::collections::BTreeMap;

use crate::domain::codes::{Level, ProposalType, Satisfaction, Stage};
use crate::domain::money::yuan;
use crate::i18n::pick;
use crate::output::{Cell, Col, Doc, Listing};
use crate::store::contributions::{ContributionFigures, ContributionKind};
use crate::store::donations::DonationFigures;
use crate::store::opinions::Opinion;
use crate::store::proposals::Proposal;
use crate::store::reports::{RollChanges, YearActivity, YearMember};
use crate::text;

use super::attendance::{Tally, add_marks, by_kind_of, tally_of};
use super::percent;

/// Everything the summary counts.
pub struct Input<'a> {
    pub year: i32,
    pub proposals: &'a ProposalCounts,
    pub opinions: &'a OpinionCounts,
    /// The year's activities, by date.
    pub activities: &'a [YearActivity],
    pub members: &'a MemberCounts,
    pub roll: &'a RollChanges,
    pub sector_order: &'a [String],
    /// Money, goods and all.
    pub donations: &'a [DonationFigures; 3],
    /// Every contribution kind, in its order, with the year's figures.
    pub contributions: &'a [(ContributionKind, ContributionFigures)],
    pub all_contributions: ContributionFigures,
}

/// Rows of (figure, count, share of a base).
struct Figures(Listing);

impl Figures {
    fn new() -> Self {
        Figures(Listing::new(vec![
            Col::new("item", "项目", "Item"),
            Col::new("count", "数量", "Count"),
            Col::new("share", "占比（%）", "Share (%)"),
        ]))
    }

    fn add(&mut self, key: &'static str, zh: &'static str, en: &'static str, n: i64, base: Option<i64>) {
        self.0.push(vec![
            Cell::Code(key, pick(zh, en)),
            Cell::Int(n),
            base.map_or(Cell::Null, |b| percent(n, b)),
        ]);
    }
}

/// Stages counted, in the order the summary lists them.
const STAGES: [(Stage, &str, &str, &str); 6] = [
    (Stage::Filed, "filed", "立案", "Filed"),
    (Stage::NotFiled, "not_filed", "不予立案", "Not filed"),
    (Stage::Merged, "merged", "并案", "Merged"),
    (
        Stage::Converted,
        "converted",
        "转社情民意",
        "Converted to opinion reports",
    ),
    (Stage::Withdrawn, "withdrawn", "撤回", "Withdrawn"),
    (Stage::Submitted, "pending", "尚未审查", "Not yet reviewed"),
];

const TYPES: [(ProposalType, &str, &str, &str); 3] = [
    (ProposalType::Individual, "individual", "个人提案", "Individual"),
    (ProposalType::Joint, "joint", "联名提案", "Joint"),
    (ProposalType::Collective, "collective", "集体提案", "Collective"),
];

const SATISFACTIONS: [(Satisfaction, &str, &str, &str); 3] = [
    (Satisfaction::Satisfied, "satisfied", "满意", "Satisfied"),
    (
        Satisfaction::Basically,
        "basically_satisfied",
        "基本满意",
        "Basically satisfied",
    ),
    (Satisfaction::Unsatisfied, "unsatisfied", "不满意", "Unsatisfied"),
];

/// The year's proposals counted as they come, one at a time.
#[derive(Default)]
pub struct ProposalCounts {
    n: i64,
    stages: [i64; 6],
    key: i64,
    excellent: i64,
    forwarded_up: i64,
    types: [i64; 3],
    filed_replied: i64,
    rated: i64,
    satisfactions: [i64; 3],
    /// Filed proposals by handling unit (as people read it, so "（未定）" sorts where it always
    /// did): filed, replied, and whether it stands for none.
    units: BTreeMap<String, (i64, i64, bool)>,
}

impl ProposalCounts {
    pub fn add(&mut self, p: &Proposal) {
        self.n += 1;
        for (i, st) in STAGES.iter().enumerate() {
            self.stages[i] += i64::from(p.stage == st.0);
        }
        self.key += i64::from(p.key);
        self.excellent += i64::from(p.excellent);
        self.forwarded_up += i64::from(p.forwarded_up);
        for (i, t) in TYPES.iter().enumerate() {
            self.types[i] += i64::from(p.kind == t.0);
        }
        if p.stage == Stage::Filed {
            self.filed_replied += i64::from(p.reply_on.is_some());
            let unit = p.handling_unit.as_deref().unwrap_or(pick("（未定）", "(none)"));
            let e = self.units.entry(unit.to_string()).or_default();
            e.0 += 1;
            e.2 |= p.handling_unit.is_none();
            if p.reply_on.is_some() {
                e.1 += 1;
            }
        }
        self.rated += i64::from(p.satisfaction.is_some());
        for (i, x) in SATISFACTIONS.iter().enumerate() {
            self.satisfactions[i] += i64::from(p.satisfaction == Some(x.0));
        }
    }
}

fn proposals(c: &ProposalCounts) -> Listing {
    let n = c.n;
    let mut f = Figures::new();
    f.add("collected", "收到提案", "Proposals received", n, None);
    for (i, (_, key, zh, en)) in STAGES.iter().enumerate() {
        f.add(key, zh, en, c.stages[i], Some(n));
    }
    f.add("key", "重点提案", "Key proposals", c.key, Some(n));
    f.add(
        "excellent",
        "优秀提案",
        "Excellent proposals",
        c.excellent,
        Some(n),
    );
    f.add(
        "forwarded_up",
        "上报上级政协",
        "Forwarded up",
        c.forwarded_up,
        Some(n),
    );
    for (i, (_, key, zh, en)) in TYPES.iter().enumerate() {
        f.add(key, zh, en, c.types[i], Some(n));
    }
    let filed = c.stages[0];
    f.add(
        "replied",
        "已答复（占立案）",
        "Replied (of filed)",
        c.filed_replied,
        Some(filed),
    );
    for (i, (_, key, zh, en)) in SATISFACTIONS.iter().enumerate() {
        f.add(key, zh, en, c.satisfactions[i], Some(c.rated));
    }
    f.0
}

fn handling_units(c: &ProposalCounts) -> Listing {
    let mut v: Vec<(&str, (i64, i64, bool))> = c.units.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    v.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    let mut l = Listing::new(vec![
        Col::new("handling_unit", "承办单位", "Handling unit"),
        Col::new("filed", "立案提案", "Filed proposals"),
        Col::new("replied", "已答复", "Replied"),
        Col::new("rate", "答复率（%）", "Replied (%)"),
    ]);
    for (unit, (n, r, none)) in v {
        let unit = if none {
            Cell::Shown(unit.to_string())
        } else {
            Cell::text(unit)
        };
        l.push(vec![unit, Cell::Int(n), Cell::Int(r), percent(r, n)]);
    }
    l
}

const LEVELS: [(Level, &str, &str, &str); 4] = [
    (
        Level::National,
        "adopted_national",
        "全国政协采用",
        "Adopted nationally",
    ),
    (
        Level::Province,
        "adopted_province",
        "省级采用",
        "Adopted by the province",
    ),
    (Level::City, "adopted_city", "市级采用", "Adopted by the city"),
    (
        Level::County,
        "adopted_county",
        "县级采用",
        "Adopted by the county",
    ),
];

/// The year's opinion reports counted as they come, one at a time.
#[derive(Default)]
pub struct OpinionCounts {
    n: i64,
    adopted: i64,
    levels: [i64; 4],
    instructed: i64,
    from_proposal: i64,
}

impl OpinionCounts {
    pub fn add(&mut self, o: &Opinion) {
        self.n += 1;
        self.adopted += i64::from(!o.adopted.is_empty());
        for (i, lv) in LEVELS.iter().enumerate() {
            self.levels[i] += i64::from(o.adopted.contains(&lv.0));
        }
        self.instructed += i64::from(!o.instructed.is_empty());
        self.from_proposal += i64::from(o.from_proposal.is_some());
    }
}

fn opinions(c: &OpinionCounts) -> Listing {
    let n = c.n;
    let mut f = Figures::new();
    f.add("sent", "报送社情民意信息", "Opinion reports sent", n, None);
    f.add(
        "adopted",
        "被采用（任一级）",
        "Adopted (any level)",
        c.adopted,
        Some(n),
    );
    for (i, (_, key, zh, en)) in LEVELS.iter().enumerate() {
        f.add(key, zh, en, c.levels[i], Some(n));
    }
    f.add(
        "instructed",
        "获领导批示",
        "With a leader's instruction",
        c.instructed,
        Some(n),
    );
    f.add(
        "from_proposal",
        "由提案转来",
        "Converted from proposals",
        c.from_proposal,
        Some(n),
    );
    f.0
}

/// The year's members counted as they come, one at a time in the order of their codes, with
/// their attendance: counts by sector and by activity.
pub struct MemberCounts {
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
    served: i64,
    at_start: i64,
    at_end: i64,
    standing_at_end: i64,
    /// (sector, members, took part, attendance), in the order first met.
    sectors: Vec<(String, i64, i64, Tally)>,
    /// Each activity's tally over all members.
    activities: Vec<Tally>,
}

impl MemberCounts {
    /// Counts to come of `year`'s members, over its `activities` activities.
    pub fn new(year: i32, activities: usize) -> MemberCounts {
        let (first, last) = crate::domain::dates::year_bounds(year);
        MemberCounts {
            first,
            last,
            served: 0,
            at_start: 0,
            at_end: 0,
            standing_at_end: 0,
            sectors: Vec::new(),
            activities: vec![Tally::default(); activities],
        }
    }

    /// Counts member `m` with its statuses at the activities `acts`; `wrote`: it wrote a
    /// proposal or report in the year.
    pub fn add(&mut self, m: &YearMember, acts: &[YearActivity], statuses: &[Option<String>], wrote: bool) {
        self.served += 1;
        self.at_start += i64::from(m.member_on(self.first));
        self.at_end += i64::from(m.member_on(self.last));
        self.standing_at_end += i64::from(m.member_on(self.last) && m.standing_on(self.last));
        // Took part: wrote something, or came to any activity (due or as a guest).
        let came = (statuses.iter().flatten()).any(|s| !matches!(s.as_str(), "absent" | "excused"));
        let i = match self.sectors.iter().position(|x| x.0 == m.sector) {
            Some(i) => i,
            None => {
                self.sectors.push((m.sector.clone(), 0, 0, Tally::default()));
                self.sectors.len() - 1
            }
        };
        let s = &mut self.sectors[i];
        s.1 += 1;
        s.2 += i64::from(wrote || came);
        s.3 = s.3.plus(tally_of(m, acts, statuses));
        add_marks(&mut self.activities, m, acts, statuses);
    }
}

fn roll(inp: &Input) -> Listing {
    let ms = inp.members;
    let mut f = Figures::new();
    f.add(
        "served",
        "年内在任委员",
        "Members serving in the year",
        ms.served,
        None,
    );
    f.add("at_start", "年初在任", "Serving on 1 January", ms.at_start, None);
    f.add("at_end", "年末在任", "Serving on 31 December", ms.at_end, None);
    f.add(
        "standing_at_end",
        "年末常委",
        "Standing members on 31 December",
        ms.standing_at_end,
        None,
    );
    f.add("joined", "年内新任", "Joined", inp.roll.joined, None);
    let left: i64 = inp.roll.left.iter().map(|x| x.1).sum();
    f.add("left", "年内离任", "Left", left, None);
    for (key, zh, en) in [
        ("disqualified", "其中：撤销委员资格", "of whom disqualified"),
        ("resigned", "其中：辞去委员", "of whom resigned"),
        ("moved", "其中：调离", "of whom moved away"),
        ("deceased", "其中：去世", "of whom deceased"),
        ("term_ended", "其中：届满", "of whom term ended"),
    ] {
        let n = inp.roll.left.iter().find(|x| x.0 == key).map_or(0, |x| x.1);
        if n > 0 || key == "disqualified" {
            f.add(key, zh, en, n, None);
        }
    }
    f.add("sectors", "界别数", "Sectors", ms.sectors.len() as i64, None);
    f.0
}

/// Per sector: members serving in the year, and how many took part in anything (attended an
/// activity, or wrote a proposal or report).
fn sectors(inp: &Input) -> Listing {
    let ms = &inp.members.sectors;
    let mut order: Vec<&(String, i64, i64, Tally)> = (inp.sector_order.iter())
        .filter_map(|s| ms.iter().find(|x| &x.0 == s))
        .collect();
    for s in ms {
        if !inp.sector_order.contains(&s.0) {
            order.push(s);
        }
    }
    let mut l = Listing::new(vec![
        Col::new("sector", "界别", "Sector"),
        Col::new("members", "委员数", "Members"),
        Col::new("participants", "参加履职", "Took part"),
        Col::new("rate", "参与率（%）", "Participation (%)"),
        Col::new("attendance_rate", "出席率（%）", "Attendance (%)"),
    ]);
    let mut all = (0, 0, Tally::default());
    for (s, n, p, t) in order {
        let (n, p, t) = (*n, *p, *t);
        all = (all.0 + n, all.1 + p, all.2.plus(t));
        l.push(vec![
            Cell::text(s),
            Cell::Int(n),
            Cell::Int(p),
            percent(p, n),
            t.rate(),
        ]);
    }
    l.push(vec![
        Cell::sum(),
        Cell::Int(all.0),
        Cell::Int(all.1),
        percent(all.1, all.0),
        all.2.rate(),
    ]);
    l
}

/// Donations in the year: how many, by how many members, how much (yuan), money and goods.
fn donations(ds: &[DonationFigures; 3]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("item", "项目", "Item"),
        Col::new("count", "人次", "Donations"),
        Col::new("donors", "委员人数", "Members"),
        Col::new("amount", "金额（元）", "Amount (yuan)"),
    ]);
    let names = [
        ("money", "捐款", "Money"),
        ("goods", "捐物（折价）", "Goods (valued)"),
        ("total", "合计", "Total"),
    ];
    for ((key, zh, en), d) in names.into_iter().zip(ds) {
        l.push(vec![
            Cell::Code(key, pick(zh, en)),
            Cell::Int(d.count),
            Cell::Int(d.donors),
            Cell::Num(yuan(d.amount_fen)),
        ]);
    }
    l
}

/// Other duty outputs in the year, by kind (those with any) and in all: how many, by how many
/// members.
fn contributions(by_kind: &[(ContributionKind, ContributionFigures)], all: ContributionFigures) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("kind", "类型", "Kind"),
        Col::new("count", "件数", "Count"),
        Col::new("authors", "委员人数", "Members"),
    ]);
    let row = |kind: Cell, c: ContributionFigures| vec![kind, Cell::Int(c.count), Cell::Int(c.authors)];
    for (k, c) in by_kind {
        if c.count > 0 {
            l.push(row(Cell::Coded(k.code.clone(), k.name().to_string()), *c));
        }
    }
    l.push(row(Cell::Code("total", pick("合计", "Total")), all));
    l
}

/// The year's figures as a document.
pub fn summary(inp: &Input) -> Doc {
    let mut doc = Doc::default();
    doc.rows("proposals", text!("提案", "Proposals"), proposals(inp.proposals));
    doc.rows(
        "handling_units",
        text!("立案提案的承办单位", "Handling units of filed proposals"),
        handling_units(inp.proposals),
    );
    doc.rows(
        "opinions",
        text!("社情民意信息", "Opinion reports"),
        opinions(inp.opinions),
    );
    doc.rows(
        "activities",
        text!(
            "会议和活动（出席率按应出席计）",
            "Meetings and activities (attendance over those due)"
        ),
        by_kind_of(inp.activities, &inp.members.activities),
    );
    doc.rows("members", text!("委员", "Members"), roll(inp));
    doc.rows("sectors", text!("各界别履职情况", "Sectors"), sectors(inp));
    doc.rows(
        "donations",
        text!("捐款捐物", "Donations"),
        donations(inp.donations),
    );
    doc.rows(
        "contributions",
        text!("履职成果", "Other duty outputs"),
        contributions(inp.contributions, inp.all_contributions),
    );
    doc
}
