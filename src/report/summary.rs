//! The figures a year's work report cites, counted from the records.
//!
//! Proposals are those of the year (`proposal.year`); opinion reports are those submitted in
//! the year, counted by the levels that adopted them (as the assessment counts them);
//! activities are those starting in the year; members are those serving at any time in it;
//! donations are those given in the year; other duty outputs (履职成果) those dated in it.

use std::collections::{BTreeMap, HashSet};

use crate::domain::codes::{DonationKind, Level, ProposalType, Satisfaction, Stage};
use crate::domain::money::yuan;
use crate::i18n::pick;
use crate::output::{Cell, Col, Doc, Listing};
use crate::store::contributions::{Contribution, ContributionKind};
use crate::store::donations::Donation;
use crate::store::opinions::Opinion;
use crate::store::proposals::Proposal;
use crate::store::reports::{RollChanges, YearMember};
use crate::text;

use super::attendance::{Matrix, by_kind};
use super::percent;

/// Everything the summary counts.
pub struct Input<'a> {
    pub year: i32,
    pub proposals: &'a [Proposal],
    pub opinions: &'a [Opinion],
    pub matrix: &'a Matrix,
    pub roll: &'a RollChanges,
    /// Members who wrote a proposal or report in the year.
    pub writers: &'a [i64],
    pub sector_order: &'a [String],
    pub donations: &'a [Donation],
    pub contributions: &'a [Contribution],
    /// Every contribution kind, in its order.
    pub contribution_kinds: &'a [ContributionKind],
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

fn count<T>(v: &[T], f: impl Fn(&T) -> bool) -> i64 {
    v.iter().filter(|x| f(x)).count() as i64
}

fn proposals(ps: &[Proposal]) -> Listing {
    let n = ps.len() as i64;
    let mut f = Figures::new();
    f.add("collected", "收到提案", "Proposals received", n, None);
    for (stage, key, zh, en) in [
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
    ] {
        f.add(key, zh, en, count(ps, |p| p.stage == stage), Some(n));
    }
    f.add("key", "重点提案", "Key proposals", count(ps, |p| p.key), Some(n));
    f.add(
        "excellent",
        "优秀提案",
        "Excellent proposals",
        count(ps, |p| p.excellent),
        Some(n),
    );
    f.add(
        "forwarded_up",
        "上报上级政协",
        "Forwarded up",
        count(ps, |p| p.forwarded_up),
        Some(n),
    );
    for (t, key, zh, en) in [
        (ProposalType::Individual, "individual", "个人提案", "Individual"),
        (ProposalType::Joint, "joint", "联名提案", "Joint"),
        (ProposalType::Collective, "collective", "集体提案", "Collective"),
    ] {
        f.add(key, zh, en, count(ps, |p| p.kind == t), Some(n));
    }
    let filed = count(ps, |p| p.stage == Stage::Filed);
    f.add(
        "replied",
        "已答复（占立案）",
        "Replied (of filed)",
        count(ps, |p| p.stage == Stage::Filed && p.reply_on.is_some()),
        Some(filed),
    );
    let rated = count(ps, |p| p.satisfaction.is_some());
    for (s, key, zh, en) in [
        (Satisfaction::Satisfied, "satisfied", "满意", "Satisfied"),
        (
            Satisfaction::Basically,
            "basically_satisfied",
            "基本满意",
            "Basically satisfied",
        ),
        (Satisfaction::Unsatisfied, "unsatisfied", "不满意", "Unsatisfied"),
    ] {
        f.add(key, zh, en, count(ps, |p| p.satisfaction == Some(s)), Some(rated));
    }
    f.0
}

fn handling_units(ps: &[Proposal]) -> Listing {
    // Keyed by what people read, so "（未定）" sorts where it always did; `.2` marks it.
    let mut units: BTreeMap<&str, (i64, i64, bool)> = BTreeMap::new();
    for p in ps.iter().filter(|p| p.stage == Stage::Filed) {
        let e = units
            .entry(p.handling_unit.as_deref().unwrap_or(pick("（未定）", "(none)")))
            .or_default();
        e.0 += 1;
        e.2 |= p.handling_unit.is_none();
        if p.reply_on.is_some() {
            e.1 += 1;
        }
    }
    let mut v: Vec<(&str, (i64, i64, bool))> = units.into_iter().collect();
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

fn opinions(os: &[Opinion]) -> Listing {
    let n = os.len() as i64;
    let mut f = Figures::new();
    f.add("sent", "报送社情民意信息", "Opinion reports sent", n, None);
    f.add(
        "adopted",
        "被采用（任一级）",
        "Adopted (any level)",
        count(os, |o| !o.adopted.is_empty()),
        Some(n),
    );
    for (lv, key, zh, en) in [
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
    ] {
        f.add(key, zh, en, count(os, |o| o.adopted.contains(&lv)), Some(n));
    }
    f.add(
        "instructed",
        "获领导批示",
        "With a leader's instruction",
        count(os, |o| !o.instructed.is_empty()),
        Some(n),
    );
    f.add(
        "from_proposal",
        "由提案转来",
        "Converted from proposals",
        count(os, |o| o.from_proposal.is_some()),
        Some(n),
    );
    f.0
}

fn roll(inp: &Input) -> Listing {
    let (first, last) = crate::domain::dates::year_bounds(inp.year);
    let ms = &inp.matrix.members;
    let mut f = Figures::new();
    f.add(
        "served",
        "年内在任委员",
        "Members serving in the year",
        ms.len() as i64,
        None,
    );
    f.add(
        "at_start",
        "年初在任",
        "Serving on 1 January",
        count(ms, |m| m.member_on(first)),
        None,
    );
    f.add(
        "at_end",
        "年末在任",
        "Serving on 31 December",
        count(ms, |m| m.member_on(last)),
        None,
    );
    f.add(
        "standing_at_end",
        "年末常委",
        "Standing members on 31 December",
        count(ms, |m| m.member_on(last) && m.standing_on(last)),
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
    let sectors: HashSet<&str> = ms.iter().map(|m| m.sector.as_str()).collect();
    f.add("sectors", "界别数", "Sectors", sectors.len() as i64, None);
    f.0
}

/// Per sector: members serving in the year, and how many took part in anything (attended an
/// activity, or wrote a proposal or report).
fn sectors(inp: &Input) -> Listing {
    let writers: HashSet<i64> = inp.writers.iter().copied().collect();
    let mx = inp.matrix;
    // Took part: wrote something, or came to any activity (due or as a guest).
    let took_part = |m: &YearMember| {
        writers.contains(&m.id)
            || mx.activities.iter().any(|a| {
                mx.rows
                    .get(&(a.id, m.id))
                    .is_some_and(|s| !matches!(s.as_str(), "absent" | "excused"))
            })
    };
    let mut order: Vec<&str> = inp
        .sector_order
        .iter()
        .map(String::as_str)
        .filter(|s| mx.members.iter().any(|m| m.sector == *s))
        .collect();
    for m in &mx.members {
        if !order.contains(&m.sector.as_str()) {
            order.push(&m.sector);
        }
    }
    let mut l = Listing::new(vec![
        Col::new("sector", "界别", "Sector"),
        Col::new("members", "委员数", "Members"),
        Col::new("participants", "参加履职", "Took part"),
        Col::new("rate", "参与率（%）", "Participation (%)"),
        Col::new("attendance_rate", "出席率（%）", "Attendance (%)"),
    ]);
    let mut all = (0, 0, super::attendance::Tally::default());
    for s in order {
        let ms: Vec<&YearMember> = mx.members.iter().filter(|m| m.sector == s).collect();
        let n = ms.len() as i64;
        let p = ms.iter().filter(|m| took_part(m)).count() as i64;
        let t = ms
            .iter()
            .fold(Default::default(), |t: super::attendance::Tally, m| {
                t.plus(mx.tally_member(m, |_| true))
            });
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
fn donations(ds: &[Donation]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("item", "项目", "Item"),
        Col::new("count", "人次", "Donations"),
        Col::new("donors", "委员人数", "Members"),
        Col::new("amount", "金额（元）", "Amount (yuan)"),
    ]);
    let row = |key: &'static str, zh: &'static str, en: &'static str, kind: Option<DonationKind>| {
        let of: Vec<&Donation> = ds.iter().filter(|d| kind.is_none_or(|k| d.kind == k)).collect();
        let donors: HashSet<&str> = of.iter().map(|d| d.code.as_str()).collect();
        vec![
            Cell::Code(key, pick(zh, en)),
            Cell::Int(of.len() as i64),
            Cell::Int(donors.len() as i64),
            Cell::Num(yuan(of.iter().map(|d| i128::from(d.amount_fen)).sum::<i128>())),
        ]
    };
    l.push(row("money", "捐款", "Money", Some(DonationKind::Money)));
    l.push(row(
        "goods",
        "捐物（折价）",
        "Goods (valued)",
        Some(DonationKind::Goods),
    ));
    l.push(row("total", "合计", "Total", None));
    l
}

/// Other duty outputs in the year, by kind (those with any) and in all: how many, by how many
/// members.
fn contributions(cs: &[Contribution], kinds: &[ContributionKind]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("kind", "类型", "Kind"),
        Col::new("count", "件数", "Count"),
        Col::new("authors", "委员人数", "Members"),
    ]);
    let row = |kind: Cell, of: Vec<&Contribution>| {
        let authors: HashSet<i64> = of.iter().flat_map(|c| c.author_ids.iter().copied()).collect();
        vec![kind, Cell::Int(of.len() as i64), Cell::Int(authors.len() as i64)]
    };
    for k in kinds {
        let of: Vec<&Contribution> = cs.iter().filter(|c| c.kind == k.code).collect();
        if !of.is_empty() {
            l.push(row(Cell::Coded(k.code.clone(), k.name().to_string()), of));
        }
    }
    l.push(row(
        Cell::Code("total", pick("合计", "Total")),
        cs.iter().collect(),
    ));
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
        by_kind(inp.matrix),
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
        contributions(inp.contributions, inp.contribution_kinds),
    );
    doc
}
