//! Importing proposals (提案) with their authors and outcomes.
//!
//! Natural key: the proposal number (提案号); without one, year + title. The outcome columns
//! (stage, key, excellent, forwarded, handling unit, reply date, satisfaction, merged into,
//! note) of a stored proposal are compared and changed with `--update`, through the same checks
//! as `lvzhi proposal set`. Its authors, type and organisation are compared and replaced with
//! `--update` (as `lvzhi proposal authors` does) only when the file lists whole author sets,
//! that is when it has a co-signer or main-member column; a listing without those columns
//! cannot say who co-signed, so there a difference is only reported as a note. Session and
//! submission date are never changed by an import.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::people::{Roster, yes_no};
use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary, reason_of};
use crate::domain::authors::check_proposal_authors;
use crate::domain::codes::AuthorRole;
use crate::domain::codes::{ProposalType, Satisfaction, Stage};
use crate::domain::year::Year;
use crate::error::Result;
use crate::i18n::Text;
use crate::store::members::Member;
use crate::store::proposals::{self, Authors, NewProposal, Proposal, ProposalSet};
use crate::store::{Store, orgs};
use crate::text;

pub const NUMBER: usize = 0;
pub const TITLE: usize = 1;
pub const YEAR: usize = 2;
pub const SESSION: usize = 3;
pub const SUBMITTED: usize = 4;
pub const TYPE: usize = 5;
pub const LEAD: usize = 6;
pub const COSIGNERS: usize = 7;
pub const ORG: usize = 8;
pub const MAIN: usize = 9;
pub const STAGE: usize = 10;
pub const KEY: usize = 11;
pub const EXCELLENT: usize = 12;
pub const FORWARDED: usize = 13;
pub const UNIT: usize = 14;
pub const REPLY: usize = 15;
pub const SATISFACTION: usize = 16;
pub const MERGED: usize = 17;
pub const NOTE: usize = 18;

pub const FIELDS: &[Field] = &[
    Field::new("number", &["提案号", "案号", "提案编号"], "2022001"),
    Field::new(
        "title",
        &["案由", "标题", "提案标题", "题目"],
        "关于加快农村学校建设的提案",
    )
    .required(),
    Field::new("year", &["年度", "年份"], "2022"),
    Field::new("session", &["会次", "届次"], "十六届二次会议"),
    Field::new("submitted_on", &["提交日期", "提出日期"], "2022-03-05"),
    Field::new("type", &["类型", "提案类型"], "联名"),
    Field::new("lead", &["第一提案人", "提案人"], "王芳"),
    Field::new("cosigners", &["附议人", "联名人"], "李明、张伟"),
    Field::new("org", &["提出单位", "提案单位"], ""),
    Field::new("main_members", &["主要成员"], ""),
    Field::new("stage", &["阶段", "办理阶段", "审查结果"], "立案"),
    Field::new("key", &["重点", "重点提案"], "否"),
    Field::new("excellent", &["优秀", "优秀提案"], "否"),
    Field::new("forwarded_up", &["上报", "报送上级"], "否"),
    Field::new("handling_unit", &["承办单位"], "县教育局"),
    Field::new("reply_on", &["答复日期", "办复日期"], ""),
    Field::new("satisfaction", &["满意度"], ""),
    Field::new("merged_into", &["并入提案"], ""),
    Field::new("note", &["备注"], ""),
];

/// Computed columns of `proposal list` and `proposal show`.
pub const IGNORED: &[&str] = &["序号", "id", "提案人数", "authors", "转为社情民意", "opinion"];

/// The outcome columns of one row; `None` is an empty cell (keep what is stored).
#[derive(Clone, Debug, Default, PartialEq)]
struct Outcome {
    stage: Option<Stage>,
    key: Option<bool>,
    excellent: Option<bool>,
    forwarded_up: Option<bool>,
    handling_unit: Option<String>,
    reply_on: Option<NaiveDate>,
    satisfaction: Option<Satisfaction>,
    merged_into: Option<String>,
    note: Option<String>,
}

impl Outcome {
    fn set(&self, number: Option<String>) -> ProposalSet {
        ProposalSet {
            stage: self.stage,
            merged_into: self.merged_into.clone(),
            key: self.key,
            excellent: self.excellent,
            outcome_on: None,
            forwarded_up: self.forwarded_up,
            handling_unit: self.handling_unit.clone(),
            reply_on: self.reply_on,
            satisfaction: self.satisfaction,
            number,
            note: self.note.clone(),
        }
    }

    /// Whether a new proposal needs `set` after `add` (more than its handling unit and note).
    fn beyond_add(&self) -> bool {
        self.stage.is_some()
            || self.key == Some(true)
            || self.excellent == Some(true)
            || self.forwarded_up == Some(true)
            || self.reply_on.is_some()
            || self.satisfaction.is_some()
            || self.merged_into.is_some()
    }
}

struct Rec {
    row: usize,
    number: Option<String>,
    title: String,
    year: i32,
    session: Option<String>,
    submitted_on: Option<NaiveDate>,
    kind: ProposalType,
    explicit_kind: Option<ProposalType>,
    org: Option<String>,
    leads: Vec<Member>,
    cosigners: Vec<Member>,
    main: Vec<Member>,
    outcome: Outcome,
}

/// The column to blame when the authors do not fit the type.
fn authors_column(kind: ProposalType, leads: usize, has_org: bool) -> usize {
    match kind {
        _ if leads > 1 => LEAD,
        ProposalType::Individual | ProposalType::Joint if leads == 0 => LEAD,
        ProposalType::Collective if !has_org => ORG,
        ProposalType::Individual | ProposalType::Joint if has_org => ORG,
        ProposalType::Joint => COSIGNERS,
        _ => TYPE,
    }
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Proposals, &mut problems)?;
    if !header.has(YEAR) && !header.has(SUBMITTED) {
        problems.push(
            header.row,
            None,
            "",
            text!(
                "缺少「年度」列（或「提交日期」列）",
                "missing the 'year' column (or 'submitted_on')"
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let roster = Roster::load(store)?;
    let mut org_map: HashMap<String, String> = HashMap::new();
    for o in orgs::list(store.conn())? {
        org_map.insert(o.code.clone(), o.name.clone());
        org_map.insert(o.name.clone(), o.name);
    }
    let existing = proposals::list(store.conn(), &proposals::Filter::default())?;
    let pb = super::progress(src, opts.quiet);
    let mut recs = Vec::new();
    let mut seen: Seen<String> = Seen::default();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        let number = c.text(NUMBER);
        let title = c.need(TITLE, &FIELDS[TITLE]);
        let session = c.text(SESSION);
        let submitted_on = c.date(SUBMITTED, &FIELDS[SUBMITTED]);
        let year = match c.number(YEAR) {
            Some(y) if y.fract() == 0.0 && Year::new(y as i64).is_some() => Some(y as i32),
            Some(_) => {
                let v = c.value(YEAR);
                c.fail(YEAR, &v, year_range());
                None
            }
            None if c.bad => None,
            None => match submitted_on {
                Some(d) => match Year::new(i64::from(crate::domain::dates::year_of(d))) {
                    Some(y) => Some(y.get()),
                    None => {
                        let v = c.value(SUBMITTED);
                        c.fail(SUBMITTED, &v, year_range());
                        None
                    }
                },
                None => {
                    if c.text(SUBMITTED).is_none() {
                        c.fail(
                            YEAR,
                            "",
                            text!("请写年度或提交日期", "give the year or the submission date"),
                        );
                    }
                    None
                }
            },
        };
        let explicit_kind = c.code(TYPE, ProposalType::parse);
        let bad_before_org = c.bad;
        let org = c.text(ORG).and_then(|o| match org_map.get(&o) {
            Some(name) => Some(name.clone()),
            None => {
                c.fail(
                    ORG,
                    &o,
                    text!(
                        "组织不存在；用 lvzhi org list 查看，或用 lvzhi org add 添加",
                        "unknown organisation; see `lvzhi org list`, or add it with `lvzhi org add`"
                    ),
                );
                None
            }
        });
        let org_failed = !bad_before_org && c.bad;
        let leads = roster.cell(&mut c, LEAD);
        let cosigners = roster.cell(&mut c, COSIGNERS);
        let main = roster.cell(&mut c, MAIN);
        let outcome = Outcome {
            stage: c.code(STAGE, Stage::parse),
            key: yes_no(&mut c, KEY),
            excellent: yes_no(&mut c, EXCELLENT),
            forwarded_up: yes_no(&mut c, FORWARDED),
            handling_unit: c.text(UNIT),
            reply_on: c.date(REPLY, &FIELDS[REPLY]),
            satisfaction: c.code(SATISFACTION, Satisfaction::parse),
            merged_into: c.text(MERGED),
            note: c.text(NOTE),
        };
        let (Some(title), Some(year), Some(leads), Some(cosigners), Some(main)) =
            (title, year, leads, cosigners, main)
        else {
            return Ok(());
        };
        if let Some(d) = submitted_on
            && crate::domain::dates::year_of(d) != year
        {
            let v = c.value(SUBMITTED);
            c.fail(
                SUBMITTED,
                &v,
                text!("不在年度 {} 内", "is not in the year {}", year),
            );
        }
        let kind = explicit_kind.unwrap_or(if org.is_some() {
            ProposalType::Collective
        } else if cosigners.is_empty() {
            ProposalType::Individual
        } else {
            ProposalType::Joint
        });
        // A listing has no co-signer column: its joint proposals are checked against what is
        // stored (or by `proposals::add` when new).
        let unknowable = kind == ProposalType::Joint && !header.has(COSIGNERS);
        if !org_failed
            && !unknowable
            && let Err(e) =
                check_proposal_authors(kind, leads.len(), cosigners.len(), main.len(), org.is_some())
        {
            let col = authors_column(kind, leads.len(), org.is_some());
            let v = c.value(col);
            c.fail(col, &v, reason_of(&e));
        }
        let key = match &number {
            Some(n) => format!("n\u{1}{n}"),
            None => format!("t\u{1}{year}\u{1}{title}"),
        };
        if let Some(first) = seen.check(key, row.number) {
            c.fail_row(text!(
                "与第 {} 行重复（同一提案号，或没有提案号时同一年度和案由）",
                "duplicates row {} (same number, or same year and title when there is no number)",
                first
            ));
            return Ok(());
        }
        if c.bad {
            return Ok(());
        }
        recs.push(Rec {
            row: row.number,
            number,
            title,
            year,
            session,
            submitted_on,
            kind,
            explicit_kind,
            org,
            leads,
            cosigners,
            main,
            outcome,
        });
        Ok(())
    })?;
    pb.finish_and_clear();
    super::after_reading(src, rows, &mut problems)?;

    // Match rows to stored proposals.
    let by_number: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.number.as_deref().map(|n| (n, i)))
        .collect();
    let mut by_title: HashMap<(i32, &str), Vec<usize>> = HashMap::new();
    for (i, p) in existing.iter().enumerate() {
        by_title.entry((p.year, p.title.as_str())).or_default().push(i);
    }
    let mut summary = Summary {
        warnings: roster.take_notes(),
        ..Summary::default()
    };
    summary.warnings.extend(header.example_notes());
    let mut todo_new: Vec<(usize, NewProposal, Option<ProposalSet>)> = Vec::new();
    let mut todo_edit: Vec<(usize, i64, ProposalSet)> = Vec::new();
    let mut todo_authors: Vec<(usize, i64, Authors)> = Vec::new();
    // A co-signer or main-member column means each row gives the proposal's whole author set.
    let whole_authors = header.has(COSIGNERS) || header.has(MAIN);
    for r in recs {
        let stored = match &r.number {
            Some(n) => by_number.get(n.as_str()).copied().or_else(|| {
                // A stored proposal without a number gets the number of the file.
                match by_title.get(&(r.year, r.title.as_str())).map(Vec::as_slice) {
                    Some([i]) if existing[*i].number.is_none() => Some(*i),
                    _ => None,
                }
            }),
            None => match by_title.get(&(r.year, r.title.as_str())).map(Vec::as_slice) {
                Some([i]) => Some(*i),
                Some(many) if many.len() > 1 => {
                    problems.push(
                        r.row,
                        header.col(TITLE),
                        &r.title,
                        text!(
                            "{} 年有 {} 件同名提案；请加「提案号」列",
                            "{} has {} proposals with this title; add the 'number' column",
                            r.year,
                            many.len()
                        ),
                    );
                    continue;
                }
                _ => None,
            },
        };
        match stored {
            None => {
                summary.new += 1;
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key: format!("{} {}", r.number.clone().unwrap_or_default(), r.title)
                        .trim()
                        .to_string(),
                    detail: Text::new(
                        format!("新提案（{}，{} 年）", r.kind.zh(), r.year),
                        format!("new proposal ({}, {})", r.kind.code(), r.year),
                    ),
                });
                let set = r.outcome.beyond_add().then(|| r.outcome.set(None));
                todo_new.push((
                    r.row,
                    NewProposal {
                        number: r.number,
                        title: r.title,
                        year: r.year,
                        session: r.session,
                        submitted_on: r.submitted_on,
                        kind: r.explicit_kind,
                        org: r.org,
                        leads: r.leads,
                        cosigners: r.cosigners,
                        main_members: r.main,
                        handling_unit: r.outcome.handling_unit.clone(),
                        note: r.outcome.note.clone(),
                    },
                    set,
                ));
            }
            Some(i) => {
                let p = &existing[i];
                let (mut zh, mut en) = diff(&r, p, &existing);
                let mut authors = None;
                if whole_authors {
                    let stored = proposals::authors(store.conn(), p.id)?;
                    if let Some((z, e)) = authors_diff(&r, p, &stored) {
                        zh.push(z);
                        en.push(e);
                        authors = Some(Authors {
                            kind: Some(r.kind),
                            org: r.org.clone(),
                            leads: r.leads.clone(),
                            cosigners: r.cosigners.clone(),
                            main_members: r.main.clone(),
                        });
                    }
                } else {
                    notes_on_fixed(&mut summary, &r, p);
                }
                if zh.is_empty() {
                    summary.unchanged += 1;
                    continue;
                }
                let action = if opts.update {
                    summary.changed += 1;
                    "changed"
                } else {
                    summary.held += 1;
                    "held"
                };
                summary.plan.push(PlanLine {
                    row: r.row,
                    action,
                    key: format!("{} {}", p.number.clone().unwrap_or(p.id.to_string()), p.title),
                    detail: Text::new(zh.join("；"), en.join("; ")),
                });
                if opts.update {
                    if let Some(a) = authors {
                        todo_authors.push((r.row, p.id, a));
                    }
                    let number = r.number.filter(|_| p.number.is_none());
                    todo_edit.push((r.row, p.id, r.outcome.set(number)));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    if todo_new.is_empty() && todo_edit.is_empty() {
        return Ok(summary);
    }
    // The storage functions check what only they can (numbers in use, serving dates, stage
    // rules); every row they refuse is reported, and nothing is kept.
    super::write_rows(store, src, opts.dry_run, |w, problems| {
        let mut sets = Vec::new();
        for (row, p, set) in &todo_new {
            match proposals::add(w, p) {
                Ok(id) => {
                    if let Some(s) = set {
                        sets.push((*row, id, s.clone()));
                    }
                }
                Err(e) => problems.push(*row, None, "", reason_of(&e)),
            }
        }
        let stored_now = || -> Result<HashMap<i64, Proposal>> {
            Ok(proposals::list(w, &proposals::Filter::default())?
                .into_iter()
                .map(|p| (p.id, p))
                .collect())
        };
        if !todo_authors.is_empty() {
            let now = stored_now()?;
            for (row, id, a) in &todo_authors {
                if let Err(e) = proposals::set_authors(w, &now[id], a) {
                    problems.push(*row, None, "", reason_of(&e));
                }
            }
        }
        sets.extend(todo_edit.iter().cloned());
        if !sets.is_empty() {
            let now = stored_now()?;
            for (row, id, s) in &sets {
                if let Err(e) = proposals::set(w, &now[id], s) {
                    problems.push(*row, None, "", reason_of(&e));
                }
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Differences in what an import may change, as (Chinese, English) lines.
fn diff(r: &Rec, p: &Proposal, all: &[Proposal]) -> (Vec<String>, Vec<String>) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut d = |k_zh: &str, k_en: &str, old: String, new: String| {
        if old != new {
            zh.push(format!("{k_zh}：「{old}」→「{new}」"));
            en.push(format!("{k_en}: '{old}' → '{new}'"));
        }
    };
    let o = &r.outcome;
    if p.number.is_none()
        && let Some(n) = &r.number
    {
        d("提案号", "number", String::new(), n.clone());
    }
    if let Some(s) = o.stage {
        d("阶段", "stage", p.stage.zh().into(), s.zh().into());
    }
    let yn = |b: bool| if b { "是" } else { "否" }.to_string();
    if let Some(k) = o.key {
        d("重点", "key", yn(p.key), yn(k));
    }
    if let Some(k) = o.excellent {
        d("优秀", "excellent", yn(p.excellent), yn(k));
    }
    if let Some(k) = o.forwarded_up {
        d("上报", "forwarded_up", yn(p.forwarded_up), yn(k));
    }
    if let Some(u) = &o.handling_unit {
        d(
            "承办单位",
            "handling_unit",
            p.handling_unit.clone().unwrap_or_default(),
            u.clone(),
        );
    }
    if let Some(on) = o.reply_on {
        d(
            "答复日期",
            "reply_on",
            p.reply_on.map(|x| x.to_string()).unwrap_or_default(),
            on.to_string(),
        );
    }
    if let Some(s) = o.satisfaction {
        d(
            "满意度",
            "satisfaction",
            p.satisfaction.map(|x| x.zh().to_string()).unwrap_or_default(),
            s.zh().into(),
        );
    }
    if let Some(m) = &o.merged_into {
        let target = all
            .iter()
            .find(|x| x.number.as_deref() == Some(m.as_str()))
            .or_else(|| {
                m.parse::<i64>()
                    .ok()
                    .and_then(|id| all.iter().find(|x| x.id == id))
            })
            .map(|x| x.id);
        if target.is_none() || target != p.merged_into {
            d(
                "并入提案",
                "merged_into",
                p.merged_into.map(|x| x.to_string()).unwrap_or_default(),
                m.clone(),
            );
        }
    }
    if let Some(n) = &o.note {
        d("备注", "note", p.note.clone().unwrap_or_default(), n.clone());
    }
    (zh, en)
}

/// A proposal's type, organisation and authors by role (member id and name, in order).
#[derive(PartialEq)]
struct AuthorSet {
    kind: ProposalType,
    org: Option<String>,
    roles: [Vec<(i64, String)>; 3],
}

impl AuthorSet {
    /// As "联名，第一提案人 王芳，附议人 李明、张伟" and "joint, lead 王芳, co-signers 李明, 张伟".
    fn describe(&self) -> (String, String) {
        let mut zh = vec![self.kind.zh().to_string()];
        let mut en = vec![self.kind.code().to_string()];
        if let Some(o) = &self.org {
            zh.push(format!("提出单位 {o}"));
            en.push(format!("organisation {o}"));
        }
        let labels = [
            ("第一提案人", "lead"),
            ("附议人", "co-signers"),
            ("主要成员", "main members"),
        ];
        for (v, (z, e)) in self.roles.iter().zip(labels) {
            if !v.is_empty() {
                let names: Vec<&str> = v.iter().map(|(_, n)| n.as_str()).collect();
                zh.push(format!("{z} {}", names.join("、")));
                en.push(format!("{e} {}", names.join(", ")));
            }
        }
        (zh.join("，"), en.join(", "))
    }
}

/// The authors of a row against the stored ones: `None` when they agree, else the change as a
/// (Chinese, English) line.
fn authors_diff(r: &Rec, p: &Proposal, stored: &[proposals::ProposalAuthor]) -> Option<(String, String)> {
    let of = |role: AuthorRole| -> Vec<(i64, String)> {
        stored
            .iter()
            .filter(|a| a.role == role)
            .map(|a| (a.member_id, a.name.clone()))
            .collect()
    };
    let ids = |v: &[Member]| -> Vec<(i64, String)> { v.iter().map(|m| (m.id, m.name.clone())).collect() };
    let old = AuthorSet {
        kind: p.kind,
        org: p.org.clone(),
        roles: [
            of(AuthorRole::Lead),
            of(AuthorRole::Cosigner),
            of(AuthorRole::MainMember),
        ],
    };
    let new = AuthorSet {
        kind: r.kind,
        org: r.org.clone(),
        roles: [ids(&r.leads), ids(&r.cosigners), ids(&r.main)],
    };
    if old == new {
        return None;
    }
    let (old_zh, old_en) = old.describe();
    let (new_zh, new_en) = new.describe();
    Some((
        format!("提案人：「{old_zh}」→「{new_zh}」"),
        format!("authors: '{old_en}' → '{new_en}'"),
    ))
}

/// Notes for differences an import does not apply from a file without whole author sets:
/// type, lead, organisation.
fn notes_on_fixed(summary: &mut Summary, r: &Rec, p: &Proposal) {
    let mut what_zh = Vec::new();
    let mut what_en = Vec::new();
    if r.explicit_kind.is_some_and(|k| k != p.kind) {
        what_zh.push("类型");
        what_en.push("type");
    }
    if let Some(lead) = r.leads.first()
        && p.lead.as_deref() != Some(lead.name.as_str())
    {
        what_zh.push("第一提案人");
        what_en.push("lead");
    }
    if r.org.is_some() && r.org != p.org {
        what_zh.push("提出单位");
        what_en.push("organisation");
    }
    if !what_zh.is_empty() {
        summary.warnings.push(Text::new(
            format!(
                "第 {} 行：提案「{}」的{}与已登记的不同，导入不修改这些项",
                r.row,
                p.title,
                what_zh.join("、")
            ),
            format!(
                "row {}: the {} of proposal '{}' differ from the stored ones; imports do not change them",
                r.row,
                what_en.join(", "),
                p.title
            ),
        ));
    }
}

/// Why a year (given, or taken from the date) is refused.
fn year_range() -> Text {
    text!(
        "年度应为 {} 到 {} 之间的整数",
        "the year must be a whole number from {} to {}",
        Year::MIN,
        Year::MAX
    )
}

#[cfg(test)]
mod tests {
    use super::super::people::split;
    use super::*;

    #[test]
    fn lists_split_on_office_separators() {
        assert_eq!(
            split("王芳、李明，张伟;赵六；孙七,周八"),
            ["王芳", "李明", "张伟", "赵六", "孙七", "周八"]
        );
        assert!(split(" 、 ").is_empty());
    }

    #[test]
    fn blame_for_authors() {
        assert_eq!(authors_column(ProposalType::Individual, 2, false), LEAD);
        assert_eq!(authors_column(ProposalType::Joint, 0, false), LEAD);
        assert_eq!(authors_column(ProposalType::Collective, 0, false), ORG);
        assert_eq!(authors_column(ProposalType::Joint, 1, false), COSIGNERS);
    }
}
