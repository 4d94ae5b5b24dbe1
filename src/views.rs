//! Records turned into listings and documents for the renderers.

use crate::i18n::pick;
use crate::output::{Cell, Col, Doc, Listing};
use crate::store::activities::{Activity, Attendance};
use crate::store::awards::{Adjustment, Commendation};
use crate::store::contributions::{Contribution, ContributionAuthor, ContributionKind};
use crate::store::donations::Donation;
use crate::store::health::Check;
use crate::store::kinds::Kind;
use crate::store::log::Entry;
use crate::store::members::Member;
use crate::store::opinions::{LevelEvent, Opinion, OpinionAuthor};
use crate::store::orgs::{Membership, Org};
use crate::store::proposals::{Proposal, ProposalAuthor};
use crate::store::sectors::Sector;
use crate::text;

fn date(d: Option<chrono::NaiveDate>) -> Cell {
    d.map_or(Cell::Null, |d| Cell::Text(d.to_string()))
}

fn code<T: Copy>(v: Option<T>, f: impl Fn(T) -> (&'static str, &'static str)) -> Cell {
    v.map_or(Cell::NoCode, |x| {
        let (c, l) = f(x);
        Cell::Code(c, l)
    })
}

pub fn sectors(list: &[Sector]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("name", "界别", "Sector"),
        Col::new("sort_order", "排序", "Order"),
        Col::new("members", "在任委员", "Serving members"),
    ]);
    for s in list {
        l.push(vec![
            Cell::text(&s.code),
            Cell::text(&s.name),
            Cell::Int(s.sort_order),
            Cell::Int(s.members),
        ]);
    }
    l
}

/// The committee's own aliases, then the built-in names of the sectors the committee has.
pub fn sector_aliases(own: &[crate::store::sectors::Alias], stored: &[Sector]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("alias", "别名", "Alias"),
        Col::new("sector", "界别", "Sector"),
        Col::new("source", "来源", "Source"),
    ]);
    for a in own {
        l.push(vec![
            Cell::text(&a.alias),
            Cell::text(&a.sector),
            Cell::Code("committee", pick("本会添加", "added by the committee")),
        ]);
    }
    for s in stored {
        let Some(group) = crate::domain::sectors::group_of(&s.name) else {
            continue;
        };
        for alias in group.iter().filter(|a| **a != s.name) {
            l.push(vec![
                Cell::text(*alias),
                Cell::text(&s.name),
                Cell::Code("builtin", pick("内置", "built in")),
            ]);
        }
    }
    l
}

pub fn orgs(list: &[Org]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("name", "名称", "Name"),
        Col::new("kind", "类型", "Kind"),
        Col::new("members", "现有成员", "Current members"),
        Col::new("note", "备注", "Note"),
    ]);
    for o in list {
        l.push(vec![
            Cell::text(&o.code),
            Cell::text(&o.name),
            Cell::Code(o.kind.code(), o.kind.label()),
            Cell::Int(o.members),
            Cell::opt_text(o.note.clone()),
        ]);
    }
    l
}

pub fn memberships(list: &[Membership], with_member: bool) -> Listing {
    let mut cols = Vec::new();
    if with_member {
        cols.push(Col::new("member_code", "编号", "Code"));
        cols.push(Col::new("member_name", "姓名", "Name"));
    }
    cols.extend([
        Col::new("org", "组织", "Organisation"),
        Col::new("org_kind", "类型", "Kind"),
        Col::new("role", "职务", "Role"),
        Col::new("start_on", "起", "From"),
        Col::new("end_on", "止", "Until"),
    ]);
    let mut l = Listing::new(cols);
    for s in list {
        let mut row = Vec::new();
        if with_member {
            row.push(Cell::text(&s.member_code));
            row.push(Cell::text(&s.member_name));
        }
        row.extend([
            Cell::text(&s.org_name),
            Cell::Code(s.org_kind.code(), s.org_kind.label()),
            Cell::Code(s.role.code(), s.role.label()),
            Cell::text(s.start_on.to_string()),
            date(s.end_on),
        ]);
        l.push(row);
    }
    l
}

pub use crate::domain::mask::mask;

fn member_cols(full: bool) -> Vec<Col> {
    let mut cols = vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("gender", "性别", "Gender"),
    ];
    if full {
        cols.extend([
            Col::new("ethnicity", "民族", "Ethnicity"),
            Col::new("birth_date", "出生年月", "Birth date"),
        ]);
    }
    cols.extend([
        Col::new("party", "党派", "Party"),
        Col::new("sector", "界别", "Sector"),
        Col::new("workplace", "工作单位", "Workplace"),
        Col::new("title", "职务", "Title"),
        Col::new("standing", "常委", "Standing"),
    ]);
    if full {
        cols.extend([
            Col::new("phone", "联系电话", "Phone"),
            Col::new("id_number", "身份证号", "ID number"),
            Col::new("joined_on", "任委员日期", "Joined on"),
            Col::new("left_on", "离任日期", "Left on"),
            Col::new("left_reason", "离任原因", "Reason for leaving"),
            Col::new("note", "备注", "Note"),
        ]);
    } else {
        cols.push(Col::new("status", "状态", "Status"));
    }
    cols
}

fn member_row(m: &Member, full: bool, reveal: bool) -> Vec<Cell> {
    let private = |v: &Option<String>| {
        Cell::opt_text(v.as_deref().map(|s| if reveal { s.to_string() } else { mask(s) }))
    };
    let mut row = vec![
        Cell::text(&m.code),
        Cell::text(&m.name),
        code(m.gender, |g| (g.code(), g.label())),
    ];
    if full {
        row.extend([
            Cell::opt_text(m.ethnicity.clone()),
            Cell::opt_text(m.birth_date.clone()),
        ]);
    }
    row.extend([
        Cell::opt_text(m.party.clone()),
        Cell::text(&m.sector),
        Cell::opt_text(m.workplace.clone()),
        Cell::opt_text(m.title.clone()),
        Cell::Bool(m.standing),
    ]);
    if full {
        row.extend([
            private(&m.phone),
            private(&m.id_number),
            date(m.joined_on),
            date(m.left_on),
            code(m.left_reason, |r| (r.code(), r.label())),
            Cell::opt_text(m.note.clone()),
        ]);
    } else {
        row.push(if m.left_on.is_some() {
            Cell::Code("left", pick("离任", "left"))
        } else {
            Cell::Code("serving", pick("在任", "serving"))
        });
    }
    row
}

pub fn members(list: &[Member]) -> Listing {
    let mut l = Listing::new(member_cols(false));
    for m in list {
        l.push(member_row(m, false, false));
    }
    l
}

/// A member's profile and memberships; phone and ID number masked unless revealed.
pub fn member(m: &Member, history: &[Membership], reveal: bool) -> Doc {
    let mut profile = Listing::new(member_cols(true));
    profile.push(member_row(m, true, reveal));
    let mut doc = Doc::default();
    doc.record(
        "member",
        text!("委员 {}（{}）", "Member {} ({})", m.name, m.code),
        profile,
    );
    doc.rows(
        "memberships",
        text!("任职经历", "Memberships"),
        memberships(history, false),
    );
    doc
}

pub fn kinds(list: &[Kind]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("name_zh", "中文名称", "Chinese name"),
        Col::new("name_en", "英文名称", "English name"),
        Col::new("standing_only", "仅常委", "Standing members only"),
        Col::new("all_due", "全体应出席", "All due"),
        Col::new("builtin", "内置", "Built in"),
    ]);
    for k in list {
        l.push(vec![
            Cell::text(&k.code),
            Cell::text(&k.name_zh),
            Cell::text(&k.name_en),
            Cell::Bool(k.standing_only),
            Cell::Bool(k.all_due),
            Cell::Bool(k.builtin),
        ]);
    }
    l
}

fn activity_cols() -> Vec<Col> {
    vec![
        Col::new("id", "编号", "Id"),
        Col::new("kind", "类型", "Kind"),
        Col::new("title", "名称", "Title"),
        Col::new("start_on", "开始日期", "Start"),
        Col::new("end_on", "结束日期", "End"),
        Col::new("half_days", "半天数", "Half-days"),
        Col::new("organiser", "组织单位", "Organiser"),
        Col::new("location", "地点", "Location"),
        Col::new("present", "出席人数", "Present"),
        Col::new("recorded", "登记人数", "Recorded"),
    ]
}

fn activity_row(a: &Activity) -> Vec<Cell> {
    vec![
        Cell::Int(a.id),
        Cell::Coded(a.kind.code.clone(), a.kind.name().to_string()),
        Cell::text(&a.title),
        Cell::text(a.start_on.to_string()),
        Cell::text(a.end_on.to_string()),
        Cell::Int(a.half_days),
        Cell::opt_text(a.org.clone()),
        Cell::opt_text(a.location.clone()),
        Cell::Int(a.present),
        Cell::Int(a.recorded),
    ]
}

pub fn activities(list: &[Activity]) -> Listing {
    let mut l = Listing::new(activity_cols());
    for a in list {
        l.push(activity_row(a));
    }
    l
}

pub fn activity(a: &Activity, rows: &[Attendance]) -> Doc {
    let mut head = Listing::new(activity_cols());
    head.push(activity_row(a));
    let mut att = Listing::new(vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
        Col::new("status", "出席情况", "Status"),
        Col::new("half_days", "出席半天数", "Half-days attended"),
        Col::new("role", "角色", "Role"),
        Col::new("leave_reason", "请假事由", "Leave reason"),
    ]);
    for r in rows {
        att.push(vec![
            Cell::text(&r.member_code),
            Cell::text(&r.member_name),
            Cell::text(&r.sector),
            Cell::Code(r.status.code(), r.status.label()),
            r.half_days.map_or(Cell::Null, |h| Cell::Num(trim_float(h))),
            Cell::Code(r.role.code(), r.role.label()),
            Cell::opt_text(r.leave_reason.clone()),
        ]);
    }
    let mut doc = Doc::default();
    doc.record("activity", text!("活动 {}", "Activity {}", a.id), head);
    doc.rows("attendance", text!("出席登记", "Attendance"), att);
    doc
}

/// 1.0 → "1", 1.5 → "1.5".
pub fn trim_float(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The columns of a list of proposals.
pub fn proposal_cols() -> Vec<Col> {
    vec![
        Col::new("id", "序号", "Id"),
        Col::new("number", "提案号", "Number"),
        Col::new("title", "案由", "Title"),
        Col::new("year", "年度", "Year"),
        Col::new("type", "类型", "Type"),
        Col::new("lead", "第一提案人", "Lead"),
        Col::new("org", "提出单位", "Organisation"),
        Col::new("authors", "提案人数", "Authors"),
        Col::new("stage", "阶段", "Stage"),
        Col::new("key", "重点", "Key"),
        Col::new("excellent", "优秀", "Excellent"),
        Col::new("forwarded_up", "上报", "Forwarded up"),
        Col::new("handling_unit", "承办单位", "Handling unit"),
    ]
}

/// A proposal's row of a list.
pub fn proposal_row(p: &Proposal) -> Vec<Cell> {
    vec![
        Cell::Int(p.id),
        Cell::opt_text(p.number.clone()),
        Cell::text(&p.title),
        Cell::Int(p.year.into()),
        Cell::Code(p.kind.code(), p.kind.label()),
        Cell::opt_text(p.lead.clone()),
        Cell::opt_text(p.org.clone()),
        Cell::Int(p.author_count),
        Cell::Code(p.stage.code(), p.stage.label()),
        Cell::Bool(p.key),
        Cell::Bool(p.excellent),
        Cell::Bool(p.forwarded_up),
        Cell::opt_text(p.handling_unit.clone()),
    ]
}

pub fn proposals(list: &[Proposal]) -> Listing {
    let mut l = Listing::new(proposal_cols());
    for p in list {
        l.push(proposal_row(p));
    }
    l
}

pub fn proposal(p: &Proposal, authors: &[ProposalAuthor], converted: Option<&Opinion>) -> Doc {
    let mut cols = proposal_cols();
    cols.extend([
        Col::new("session", "会次", "Session"),
        Col::new("submitted_on", "提交日期", "Submitted on"),
        Col::new("reply_on", "答复日期", "Replied on"),
        Col::new("key_on", "评为重点日期", "Made key on"),
        Col::new("excellent_on", "评为优秀日期", "Made excellent on"),
        Col::new("satisfaction", "满意度", "Satisfaction"),
        Col::new("merged_into", "并入提案", "Merged into"),
        Col::new("opinion", "转为社情民意", "Converted to report"),
        Col::new("note", "备注", "Note"),
    ]);
    let mut head = Listing::new(cols);
    let mut row = proposal_row(p);
    row.extend([
        Cell::opt_text(p.session.clone()),
        date(p.submitted_on),
        date(p.reply_on),
        date(p.key_on),
        date(p.excellent_on),
        code(p.satisfaction, |s| (s.code(), s.label())),
        p.merged_into.map_or(Cell::Null, Cell::Int),
        converted.map_or(Cell::Null, |o| Cell::Int(o.id)),
        Cell::opt_text(p.note.clone()),
    ]);
    head.push(row);
    let mut a = Listing::new(vec![
        Col::new("order", "顺序", "Order"),
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
        Col::new("role", "角色", "Role"),
    ]);
    for x in authors {
        a.push(vec![
            Cell::Int(x.ord),
            Cell::text(&x.code),
            Cell::text(&x.name),
            Cell::text(&x.sector),
            Cell::Code(x.role.code(), x.role.label()),
        ]);
    }
    let mut doc = Doc::default();
    doc.record("proposal", text!("提案 {}", "Proposal {}", p.id), head);
    doc.rows("authors", text!("提案人", "Authors"), a);
    doc
}

/// Levels: JSON gets an array of `{code, label}`; an English CSV the codes joined by ",".
fn levels(v: &[crate::domain::codes::Level]) -> Cell {
    Cell::Codes(
        v.iter()
            .map(|l| (l.code().to_string(), l.label().to_string()))
            .collect(),
        crate::output::Sep::Codes,
    )
}

/// The columns of a list of opinion reports.
pub fn opinion_cols() -> Vec<Col> {
    vec![
        Col::new("id", "序号", "Id"),
        Col::new("number", "编号", "Number"),
        Col::new("title", "标题", "Title"),
        Col::new("submitted_on", "报送日期", "Submitted on"),
        Col::new("lead", "第一作者", "Lead"),
        Col::new("adopted", "采用", "Adopted"),
        Col::new("instructed", "领导批示", "Instructed"),
        Col::new("from_proposal", "来源提案", "From proposal"),
    ]
}

/// An opinion report's row of a list.
pub fn opinion_row(o: &Opinion) -> Vec<Cell> {
    vec![
        Cell::Int(o.id),
        Cell::opt_text(o.number.clone()),
        Cell::text(&o.title),
        Cell::text(o.submitted_on.to_string()),
        Cell::opt_text(o.lead.clone()),
        levels(&o.adopted),
        levels(&o.instructed),
        Cell::opt_text(
            o.from_proposal_number
                .clone()
                .or(o.from_proposal.map(|i| i.to_string())),
        ),
    ]
}

pub fn opinions(list: &[Opinion]) -> Listing {
    let mut l = Listing::new(opinion_cols());
    for o in list {
        l.push(opinion_row(o));
    }
    l
}

pub fn opinion(
    o: &Opinion,
    authors: &[OpinionAuthor],
    adopted: &[LevelEvent],
    instructed: &[LevelEvent],
) -> Doc {
    let mut head = Listing::new(opinion_cols());
    head.push(opinion_row(o));
    let mut a = Listing::new(vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
        Col::new("role", "角色", "Role"),
    ]);
    for x in authors {
        a.push(vec![
            Cell::text(&x.code),
            Cell::text(&x.name),
            Cell::text(&x.sector),
            Cell::Code(x.role.code(), x.role.label()),
        ]);
    }
    let events = |v: &[LevelEvent]| {
        let mut l = Listing::new(vec![
            Col::new("level", "级别", "Level"),
            Col::new("date", "日期", "Date"),
            Col::new("leader", "批示领导", "Leader"),
            Col::new("note", "备注", "Note"),
        ]);
        for e in v {
            l.push(vec![
                Cell::Code(e.level.code(), e.level.label()),
                Cell::text(e.on.to_string()),
                Cell::opt_text(e.leader.clone()),
                Cell::opt_text(e.note.clone()),
            ]);
        }
        l
    };
    let mut doc = Doc::default();
    doc.record(
        "opinion",
        text!("社情民意信息 {}", "Opinion report {}", o.id),
        head,
    );
    doc.rows("authors", text!("作者", "Authors"), a);
    doc.rows("adoptions", text!("采用情况", "Adoptions"), events(adopted));
    doc.rows(
        "instructions",
        text!("领导批示", "Instructions"),
        events(instructed),
    );
    doc
}

/// The checks of `lvzhi check` with their results.
pub fn checks(list: &[Check]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("check", "检查项", "Check"),
        Col::new("ok", "结果", "Result"),
        Col::new("found", "发现", "Found").label_only(),
    ]);
    for c in list {
        l.push(vec![
            Cell::Coded(c.key.to_string(), c.what.get().to_string()),
            Cell::Code(
                if c.ok { "ok" } else { "failed" },
                if c.ok {
                    pick("通过", "passed")
                } else {
                    pick("未通过", "FAILED")
                },
            ),
            Cell::text(c.found.join(pick("；", "; "))),
        ]);
    }
    l
}

/// Donations with their members; amounts in yuan with two decimals.
pub fn donations(list: &[Donation]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("id", "序号", "Id"),
        Col::new("given_on", "日期", "Date"),
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
        Col::new("kind", "类别", "Kind"),
        Col::new("amount", "金额（元）", "Amount (yuan)"),
        Col::new("purpose", "用途或事由", "Purpose"),
        Col::new("activity_id", "活动编号", "Activity id"),
        Col::new("note", "备注", "Note"),
    ]);
    for d in list {
        l.push(vec![
            Cell::Int(d.id),
            Cell::text(d.given_on.to_string()),
            Cell::text(&d.code),
            Cell::text(&d.name),
            Cell::text(&d.sector),
            Cell::Code(d.kind.code(), d.kind.label()),
            Cell::Num(crate::domain::money::yuan(d.amount_fen)),
            Cell::text(&d.purpose),
            d.activity_id.map_or(Cell::Null, Cell::Int),
            Cell::opt_text(d.note.clone()),
        ]);
    }
    l
}

pub fn commendations(list: &[Commendation]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("id", "序号", "Id"),
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("level", "级别", "Level"),
        Col::new("awarded_on", "日期", "Date"),
        Col::new("reason", "事由", "Reason"),
    ]);
    for c in list {
        l.push(vec![
            Cell::Int(c.id),
            Cell::text(&c.code),
            Cell::text(&c.name),
            Cell::Code(c.level.code(), c.level.label()),
            Cell::text(c.awarded_on.to_string()),
            Cell::text(&c.reason),
        ]);
    }
    l
}

pub fn adjustments(list: &[Adjustment]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("id", "序号", "Id"),
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("year", "年度", "Year"),
        Col::new("points", "分值", "Points").exact(),
        Col::new("reason", "理由", "Reason"),
    ]);
    for a in list {
        l.push(vec![
            Cell::Int(a.id),
            Cell::text(&a.code),
            Cell::text(&a.name),
            Cell::Int(a.year.into()),
            Cell::points_text(&a.points),
            Cell::text(&a.reason),
        ]);
    }
    l
}

pub fn log(list: &[Entry]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("id", "序号", "Id"),
        Col::new("at", "时间", "Time"),
        Col::new("operator", "操作人", "Operator"),
        Col::new("command", "命令", "Command"),
        Col::new("table", "表", "Table"),
        Col::new("row_id", "行", "Row"),
        Col::new("action", "操作", "Action"),
        Col::new("before", "修改前", "Before").optional(),
        Col::new("after", "修改后", "After").optional(),
    ]);
    for e in list {
        let action = match e.action.as_str() {
            "insert" => Cell::Code("insert", pick("新增", "insert")),
            "delete" => Cell::Code("delete", pick("删除", "delete")),
            _ => Cell::Code("update", pick("修改", "update")),
        };
        l.push(vec![
            Cell::Int(e.id),
            Cell::text(&e.at),
            Cell::text(&e.operator),
            Cell::text(&e.command),
            Cell::text(&e.table),
            e.row_id.map_or(Cell::Null, Cell::Int),
            action,
            Cell::opt_text(e.before.clone()),
            Cell::opt_text(e.after.clone()),
        ]);
    }
    l
}

/// The kinds of import, as people call them.
fn import_kind(kind: &str) -> Cell {
    let (code, label) = match kind {
        "members" => ("members", pick("委员名单", "members")),
        "activities" => ("activities", pick("活动", "activities")),
        "attendance" => ("attendance", pick("出席登记", "attendance")),
        "proposals" => ("proposals", pick("提案", "proposals")),
        "opinions" => ("opinions", pick("社情民意信息", "opinion reports")),
        "donations" => ("donations", pick("捐款捐物", "donations")),
        "contributions" => ("contributions", pick("履职成果", "contributions")),
        other => return Cell::text(other),
    };
    Cell::Code(code, label)
}

/// `lvzhi import list`.
pub fn imports(list: &[crate::store::undo::ImportRun]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("number", "编号", "Number"),
        Col::new("at", "时间", "Time"),
        Col::new("operator", "操作人", "Operator"),
        Col::new("kind", "类型", "Kind"),
        Col::new("file", "文件", "File"),
        Col::new("added", "新增行", "Rows added"),
        Col::new("changed", "修改行", "Rows changed"),
        Col::new("removed", "删除行", "Rows deleted"),
        Col::new("undone_at", "撤销时间", "Undone at"),
        Col::new("undone_by", "撤销人", "Undone by"),
    ]);
    for r in list {
        l.push(vec![
            Cell::Int(r.id),
            Cell::text(&r.at),
            Cell::text(&r.operator),
            import_kind(&r.kind),
            Cell::text(&r.file),
            Cell::Int(r.added),
            Cell::Int(r.changed),
            Cell::Int(r.removed),
            Cell::opt_text(r.undone_at.clone()),
            Cell::opt_text(r.undone_by.clone()),
        ]);
    }
    l
}

/// What `lvzhi import undo N --dry-run` would do, row by row.
pub fn undo_steps(steps: &[crate::store::undo::Step]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("action", "操作", "Action"),
        Col::new("table", "表", "Table"),
        Col::new("row_id", "行", "Row"),
        Col::new("record", "记录", "Record"),
    ]);
    for s in steps {
        let action = match s.action {
            "remove" => Cell::Code(
                "remove",
                pick("删除（导入新增的）", "remove (added by the import)"),
            ),
            "restore" => Cell::Code(
                "restore",
                pick("恢复（导入修改的）", "restore (changed by the import)"),
            ),
            _ => Cell::Code(
                "reinsert",
                pick("放回（导入删除的）", "put back (deleted by the import)"),
            ),
        };
        let rows = if s.first == s.last {
            Cell::Int(s.first)
        } else {
            Cell::text(format!("{}–{}", s.first, s.last))
        };
        let (zh, en) = crate::store::undo::label(&s.table);
        l.push(vec![
            action,
            Cell::Coded(s.table.clone(), pick(zh, en).to_string()),
            rows,
            Cell::text(s.what.get()),
        ]);
    }
    l
}

/// A contact list (通讯录): who, sector, workplace, title and phone; the phone masked unless
/// revealed.
pub fn contacts(list: &[Member], reveal: bool) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("gender", "性别", "Gender"),
        Col::new("sector", "界别", "Sector"),
        Col::new("workplace", "工作单位", "Workplace"),
        Col::new("title", "职务", "Title"),
        Col::new("phone", "联系电话", "Phone"),
    ]);
    for m in list {
        l.push(vec![
            Cell::text(&m.code),
            Cell::text(&m.name),
            code(m.gender, |g| (g.code(), g.label())),
            Cell::text(&m.sector),
            Cell::opt_text(m.workplace.clone()),
            Cell::opt_text(m.title.clone()),
            Cell::opt_text(
                m.phone
                    .as_deref()
                    .map(|s| if reveal { s.to_string() } else { mask(s) }),
            ),
        ]);
    }
    l
}

/// The kinds of contribution.
pub fn contribution_kinds(list: &[ContributionKind]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("name_zh", "中文名称", "Chinese name"),
        Col::new("name_en", "英文名称", "English name"),
    ]);
    for k in list {
        l.push(vec![
            Cell::text(&k.code),
            Cell::text(&k.name_zh),
            Cell::text(&k.name_en),
        ]);
    }
    l
}

/// The columns of a list of other duty outputs.
pub fn contribution_cols() -> Vec<Col> {
    vec![
        Col::new("id", "序号", "Id"),
        Col::new("done_on", "日期", "Date"),
        Col::new("kind", "类型", "Kind"),
        Col::new("title", "标题", "Title"),
        Col::new("authors", "作者", "Authors"),
        Col::new("level", "级别", "Level"),
        Col::new("outlet", "刊物或媒体", "Outlet"),
        Col::new("note", "备注", "Note"),
    ]
}

/// An output's row of a list.
pub fn contribution_row(c: &Contribution) -> Vec<Cell> {
    vec![
        Cell::Int(c.id),
        Cell::text(c.done_on.to_string()),
        Cell::Coded(c.kind.clone(), c.kind_name().to_string()),
        Cell::text(&c.title),
        Cell::text(c.authors.join("、")),
        c.level.map_or(Cell::NoCode, |l| Cell::Code(l.code(), l.label())),
        Cell::opt_text(c.outlet.clone()),
        Cell::opt_text(c.note.clone()),
    ]
}

/// Contributions (履职成果) with their authors, the lead first.
pub fn contributions(list: &[Contribution]) -> Listing {
    let mut l = Listing::new(contribution_cols());
    for c in list {
        l.push(contribution_row(c));
    }
    l
}

/// One contribution and its authors.
pub fn contribution(c: &Contribution, authors: &[ContributionAuthor]) -> Doc {
    let mut head = Listing::new(contribution_cols());
    head.push(contribution_row(c));
    let mut a = Listing::new(vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
        Col::new("role", "角色", "Role"),
    ]);
    for x in authors {
        a.push(vec![
            Cell::text(&x.code),
            Cell::text(&x.name),
            Cell::text(&x.sector),
            Cell::Code(x.role.code(), x.role.label()),
        ]);
    }
    let mut doc = Doc::default();
    doc.record(
        "contribution",
        text!("履职成果 {}", "Contribution {}", c.id),
        head,
    );
    doc.rows("authors", text!("作者", "Authors"), a);
    doc
}

/// The committee: name, level, term, its first year, division code and parent's code.
pub fn committee(c: &crate::store::committee::Committee) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("name", "委员会", "Committee"),
        Col::new("level", "级别", "Level"),
        Col::new("term", "届次", "Term"),
        Col::new("term_start", "本届开始年份", "Term start"),
        Col::new("code", "行政区划代码", "Division code"),
        Col::new("parent_code", "上级代码", "Parent code"),
    ]);
    let text = |v: &Option<String>| v.as_deref().map_or(Cell::Null, Cell::text);
    l.push(vec![
        Cell::text(&c.name),
        Cell::Code(c.level.code(), pick(c.level.zh(), c.level.en())),
        Cell::Int(c.term),
        c.term_start.map_or(Cell::Null, |y| Cell::Int(y.into())),
        text(&c.code),
        text(&c.parent_code),
    ]);
    l
}

/// The committees held in a roll-up (`rollup list`).
pub fn rollup_list(held: &[crate::store::rollup::Held]) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("name", "委员会", "Committee"),
        Col::new("level", "级别", "Level"),
        Col::new("made_at", "报送时间", "Package made"),
        Col::new("added_at", "收入时间", "Added"),
        Col::new("members", "委员", "Members"),
        Col::new("activities", "活动", "Activities"),
        Col::new("proposals", "提案", "Proposals"),
        Col::new("reports", "社情民意", "Reports"),
        Col::new("final_years", "已定稿年度", "Finalised years"),
        Col::new("sha256", "文件校验值", "File SHA-256"),
    ]);
    for h in held {
        let level = crate::domain::codes::Level::from_code(&h.level);
        l.push(vec![
            Cell::text(&h.code),
            Cell::text(&h.name),
            level.map_or(Cell::text(&h.level), |v| {
                Cell::Code(v.code(), pick(v.zh(), v.en()))
            }),
            Cell::text(&h.made_at),
            Cell::text(&h.added_at),
            Cell::Int(h.members),
            Cell::Int(h.activities),
            Cell::Int(h.proposals),
            Cell::Int(h.reports),
            Cell::text(years(&h.final_years)),
            Cell::text(&h.file_sha256[..h.file_sha256.len().min(16)]),
        ]);
    }
    l
}

fn years(ys: &[i64]) -> String {
    if ys.is_empty() {
        return "-".into();
    }
    ys.iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(pick("、", ", "))
}

/// What a newer package of a committee changed (`rollup add`).
pub fn rollup_changes(
    code: &str,
    changes: &[crate::store::rollup::Change],
    years_before: &[i64],
    years_after: &[i64],
) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("code", "代码", "Code"),
        Col::new("what", "项目", "What"),
        Col::new("before", "原有", "Before"),
        Col::new("after", "现有", "After"),
        Col::new("added", "新增", "Added"),
        Col::new("removed", "不再有", "Gone"),
    ]);
    for c in changes {
        let (zh, en) = match c.kind {
            "members" => ("委员", "members"),
            "activities" => ("活动", "activities"),
            "proposals" => ("提案", "proposals"),
            _ => ("社情民意信息", "opinion reports"),
        };
        l.push(vec![
            Cell::text(code),
            Cell::Code(c.kind, pick(zh, en)),
            Cell::Int(c.before),
            Cell::Int(c.after),
            Cell::Int(c.added),
            Cell::Int(c.removed),
        ]);
    }
    let added = years_after.iter().filter(|y| !years_before.contains(y)).count();
    let gone = years_before.iter().filter(|y| !years_after.contains(y)).count();
    l.push(vec![
        Cell::text(code),
        Cell::Code("final_years", pick("已定稿年度", "finalised years")),
        Cell::text(years(years_before)),
        Cell::text(years(years_after)),
        Cell::Int(added as i64),
        Cell::Int(gone as i64),
    ]);
    l
}

/// Seats of people across a roll-up's committees, each with why it is listed (`rollup people`,
/// `rollup check`); ID numbers masked unless `reveal`.
pub fn rollup_seats(rows: &[(Cell, crate::store::rollup::Seat)], reveal: bool) -> Listing {
    let mut l = Listing::new(vec![
        Col::new("why", "依据", "Why"),
        Col::new("id_number", "身份证号", "ID number"),
        Col::new("name", "姓名", "Name"),
        Col::new("birth_date", "出生", "Born"),
        Col::new("committee_code", "委员会代码", "Committee code"),
        Col::new("committee", "委员会", "Committee"),
        Col::new("code", "委员编号", "Member code"),
        Col::new("sector", "界别", "Sector"),
        Col::new("status", "状态", "Status"),
    ]);
    for (why, s) in rows {
        let id = s.id_number.as_deref().map_or(Cell::Null, |v| {
            Cell::text(if reveal {
                v.to_string()
            } else {
                crate::domain::mask::mask(v)
            })
        });
        let status = match (
            &s.left_on,
            s.left_reason
                .as_deref()
                .and_then(crate::domain::codes::LeftReason::from_code),
        ) {
            _ if s.gone => Cell::text(pick("已不在名单中", "no longer in the list")),
            (None, _) => Cell::text(pick("在任", "serving")),
            (Some(d), Some(r)) => Cell::text(format!("{}（{d}）", pick(r.zh(), r.en()))),
            (Some(d), None) => Cell::text(format!("{}{d}", pick("离任 ", "left "))),
        };
        l.push(vec![
            why.clone(),
            id,
            Cell::text(&s.name),
            s.birth_date.as_deref().map_or(Cell::Null, Cell::text),
            Cell::text(&s.committee_code),
            Cell::text(&s.committee),
            Cell::text(&s.code),
            Cell::text(&s.sector),
            status,
        ]);
    }
    l
}
