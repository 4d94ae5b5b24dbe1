//! A member's duty record for a year (履职档案): profile, memberships, every activity they were
//! due at with their status, proposals with role and outcome, opinion reports with adoptions,
//! other duty outputs (履职成果), donations, commendations, adjustments, score breakdown and flags.

use std::collections::HashMap;

use crate::domain::codes::{AuthorRole, Level, OpinionRole};
use crate::i18n::{Lang, lang, pick};
use crate::output::{Cell, Col, Doc, Listing, Sep};
use crate::scoring::MemberResult;
use crate::store::awards::{Adjustment, Commendation};
use crate::store::contributions::Contribution;
use crate::store::donations::Donation;
use crate::store::members::Member;
use crate::store::opinions::Opinion;
use crate::store::orgs::Membership;
use crate::store::proposals::Proposal;
use crate::text;

use super::attendance::{Mark, Matrix, tally_cells, tally_cols};

/// What a duty record is made of.
pub struct Input<'a> {
    pub year: i32,
    pub member: &'a Member,
    pub memberships: &'a [Membership],
    pub matrix: &'a Matrix,
    pub proposals: &'a [Proposal],
    pub proposal_roles: &'a HashMap<i64, String>,
    pub opinions: &'a [Opinion],
    pub opinion_roles: &'a HashMap<i64, String>,
    pub commendations: &'a [Commendation],
    pub adjustments: &'a [Adjustment],
    pub donations: &'a [Donation],
    pub contributions: &'a [Contribution],
    /// The member's role on each contribution, by id.
    pub contribution_roles: &'a HashMap<i64, OpinionRole>,
    /// The member's result in the stored assessment, with the scheme's title and decimals.
    pub result: Option<(&'a MemberResult, &'a crate::scoring::Assessment)>,
    /// Show phone and ID number in full.
    pub reveal: bool,
}

fn st(x: &crate::scoring::Text) -> String {
    match lang() {
        Lang::Zh => x.zh.clone(),
        Lang::En => x.en.clone(),
    }
}

fn levels(v: &[Level]) -> Cell {
    Cell::Codes(
        v.iter()
            .map(|l| (l.code().to_string(), l.label().to_string()))
            .collect(),
        Sep::Comma,
    )
}

fn activities(inp: &Input) -> (Listing, Listing) {
    let mx = inp.matrix;
    let mut l = Listing::new(vec![
        Col::new("date", "日期", "Date"),
        Col::new("kind", "类型", "Kind"),
        Col::new("title", "名称", "Title"),
        Col::new("due", "应出席", "Due"),
        Col::new("status", "出席情况", "Status"),
    ]);
    let mut tally = Listing::new(tally_cols());
    let Some(ym) = mx.members.iter().find(|m| m.id == inp.member.id) else {
        return (l, tally);
    };
    for a in &mx.activities {
        let mark = mx.mark(ym, a);
        let (due, status) = match mark {
            Mark::NotDue => continue,
            Mark::Missing => (true, Cell::Code("missing", pick("未登记", "not recorded"))),
            Mark::Status { status, due } => {
                let s = crate::domain::codes::Status::from_code(status);
                (
                    due,
                    s.map_or(Cell::text(status), |s| Cell::Code(s.code(), s.label())),
                )
            }
        };
        l.push(vec![
            Cell::text(a.start_on.to_string()),
            Cell::Named(a.kind.clone(), pick(&a.kind_zh, &a.kind_en).to_string()),
            Cell::text(&a.title),
            Cell::Bool(due),
            status,
        ]);
    }
    tally.push(tally_cells(&mx.tally_member(ym, |_| true)));
    (l, tally)
}

fn proposals(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("number", "提案号", "Number"),
        Col::new("title", "案由", "Title"),
        Col::new("role", "角色", "Role"),
        Col::new("type", "类型", "Type"),
        Col::new("stage", "办理阶段", "Stage"),
        Col::new("key", "重点", "Key"),
        Col::new("excellent", "优秀", "Excellent"),
        Col::new("handling_unit", "承办单位", "Handling unit"),
        Col::new("satisfaction", "满意度", "Satisfaction"),
    ]);
    for p in inp.proposals {
        let role = inp
            .proposal_roles
            .get(&p.id)
            .and_then(|r| AuthorRole::from_code(r))
            .map_or(Cell::NoCode, |r| Cell::Code(r.code(), r.label()));
        l.push(vec![
            Cell::opt_text(p.number.clone()),
            Cell::text(&p.title),
            role,
            Cell::Code(p.kind.code(), p.kind.label()),
            Cell::Code(p.stage.code(), p.stage.label()),
            Cell::Bool(p.key),
            Cell::Bool(p.excellent),
            Cell::opt_text(p.handling_unit.clone()),
            p.satisfaction
                .map_or(Cell::NoCode, |s| Cell::Code(s.code(), s.label())),
        ]);
    }
    l
}

fn opinions(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("number", "编号", "Number"),
        Col::new("title", "标题", "Title"),
        Col::new("submitted_on", "报送日期", "Submitted on"),
        Col::new("role", "角色", "Role"),
        Col::new("adopted", "采用", "Adopted"),
        Col::new("instructed", "领导批示", "Instructed"),
    ]);
    for o in inp.opinions {
        let role = inp
            .opinion_roles
            .get(&o.id)
            .and_then(|r| OpinionRole::from_code(r))
            .map_or(Cell::NoCode, |r| Cell::Code(r.code(), r.label()));
        l.push(vec![
            Cell::opt_text(o.number.clone()),
            Cell::text(&o.title),
            Cell::text(o.submitted_on.to_string()),
            role,
            levels(&o.adopted),
            levels(&o.instructed),
        ]);
    }
    l
}

fn awards(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("kind", "类别", "Kind"),
        Col::new("date", "日期", "Date"),
        Col::new("level", "级别", "Level"),
        Col::new("points", "分值", "Points").exact(),
        Col::new("reason", "事由", "Reason"),
    ]);
    for c in inp.commendations {
        l.push(vec![
            Cell::Code("commendation", pick("表彰", "commendation")),
            Cell::text(c.awarded_on.to_string()),
            Cell::Code(c.level.code(), c.level.label()),
            Cell::Null,
            Cell::text(&c.reason),
        ]);
    }
    for a in inp.adjustments {
        l.push(vec![
            Cell::Code("adjustment", pick("人工加减分", "adjustment")),
            Cell::Null,
            Cell::NoCode,
            Cell::points_text(&a.points),
            Cell::text(&a.reason),
        ]);
    }
    l
}

fn contributions(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("date", "日期", "Date"),
        Col::new("kind", "类型", "Kind"),
        Col::new("title", "标题", "Title"),
        Col::new("role", "角色", "Role"),
        Col::new("level", "级别", "Level"),
        Col::new("outlet", "刊物或媒体", "Outlet"),
    ]);
    for c in inp.contributions {
        let role = inp
            .contribution_roles
            .get(&c.id)
            .map_or(Cell::NoCode, |r| Cell::Code(r.code(), r.label()));
        l.push(vec![
            Cell::text(c.done_on.to_string()),
            Cell::Coded(c.kind.clone(), c.kind_name().to_string()),
            Cell::text(&c.title),
            role,
            c.level.map_or(Cell::NoCode, |x| Cell::Code(x.code(), x.label())),
            Cell::opt_text(c.outlet.clone()),
        ]);
    }
    l
}

fn donations(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("date", "日期", "Date"),
        Col::new("kind", "类别", "Kind"),
        Col::new("amount", "金额（元）", "Amount (yuan)"),
        Col::new("purpose", "用途或事由", "Purpose"),
        Col::new("activity", "活动", "Activity"),
    ]);
    for d in inp.donations {
        l.push(vec![
            Cell::text(d.given_on.to_string()),
            Cell::Code(d.kind.code(), d.kind.label()),
            Cell::Num(crate::domain::money::yuan(d.amount_fen)),
            Cell::text(&d.purpose),
            Cell::opt_text(d.activity.clone()),
        ]);
    }
    l
}

/// The score as (item, value) rows: items and values are codes or numbers in JSON, with their
/// labels beside them.
fn score(inp: &Input) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("item", "项目", "Item").labelled(),
        Col::new("value", "得分或结果", "Points or result").labelled(),
    ]);
    let item = |code: &str, zh: &str, en: &str| Cell::Named(code.to_string(), pick(zh, en).to_string());
    let Some((r, a)) = inp.result else {
        l.push(vec![
            item("assessment", "考核结果", "Assessment"),
            Cell::Named(
                "not_computed".into(),
                text!(
                    "{} 年度尚未计算（lvzhi assess --year {}）",
                    "not computed yet for {} (lvzhi assess --year {})",
                    inp.year,
                    inp.year
                )
                .get()
                .to_string(),
            ),
        ]);
        return l;
    };
    l.push(vec![
        item("scheme", "考核办法", "Scheme"),
        Cell::Named(a.scheme.clone(), st(&a.title)),
    ]);
    if !r.eligibility.assessed {
        let why = r.eligibility.reason.as_ref().map(st).unwrap_or_default();
        l.push(vec![
            item("assessed", "参加考核", "Assessed"),
            Cell::Named("not_assessed".into(), format!("{}{}", pick("否：", "no: "), why)),
        ]);
    }
    for s in &r.subtotals {
        l.push(vec![
            Cell::Named(s.key.clone(), st(&s.name)),
            Cell::points(s.points, a.decimals),
        ]);
    }
    for p in r.part_adjustments.iter().filter(|p| !p.points.is_zero()) {
        l.push(vec![
            Cell::Named(
                format!("{}_cap", p.key),
                format!("{}{}", st(&p.name), pick("（封顶/保底调整）", " (cap/floor)")),
            ),
            Cell::points(p.points, a.decimals),
        ]);
    }
    if r.eligibility.assessed {
        l.push(vec![
            item("total", "总分", "Total"),
            Cell::points(r.total, a.decimals),
        ]);
    }
    l.push(vec![
        item("grade", "等次", "Grade"),
        r.grade
            .as_ref()
            .map_or(Cell::Null, |g| Cell::Named(g.zh.clone(), st(g))),
    ]);
    if let Some(n) = &r.grade_note {
        l.push(vec![
            item("grade_note", "等次说明", "Grade note"),
            Cell::Named(String::new(), st(n)),
        ]);
    }
    l.push(vec![
        item("rank", "名次", "Rank"),
        r.rank.map_or(Cell::Null, |x| Cell::Int(x.into())),
    ]);
    for f in &r.flags {
        l.push(vec![
            item("flag", "标记", "Flag"),
            Cell::Named(f.key.clone(), st(&f.text)),
        ]);
    }
    l
}

/// The duty record; phone and ID number masked unless `reveal`.
pub fn record(inp: &Input) -> Doc {
    let mut doc = crate::views::member(inp.member, inp.memberships, inp.reveal);
    let (acts, tally) = activities(inp);
    doc.rows(
        "attendance",
        text!("出席情况（按应出席计）", "Attendance (over activities due)"),
        tally,
    );
    doc.rows("activities", text!("会议和活动", "Meetings and activities"), acts);
    doc.rows("proposals", text!("提案", "Proposals"), proposals(inp));
    doc.rows(
        "opinions",
        text!("社情民意信息", "Opinion reports"),
        opinions(inp),
    );
    doc.rows(
        "contributions",
        text!("履职成果", "Other duty outputs"),
        contributions(inp),
    );
    doc.rows("donations", text!("捐款捐物", "Donations"), donations(inp));
    doc.rows(
        "awards",
        text!("表彰和人工加减分", "Commendations and adjustments"),
        awards(inp),
    );
    doc.rows("score", text!("履职得分", "Score"), score(inp));
    doc
}
