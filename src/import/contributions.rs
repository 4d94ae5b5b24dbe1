//! Importing lists of duty outputs (履职成果: 调研报告, 文史资料, 宣传报道, …) with their authors.
//!
//! Natural key: kind + date + title, so a list imported twice adds nothing the second time.
//! The authors are the lead (第一作者) followed by the 作者 list (the first of that list is the
//! lead when there is no lead column). Only the note of a stored contribution is changed, with
//! `--update`; other differences (authors, level, outlet) are reported, and are corrected by
//! removing the stored one and importing it again.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::people::Roster;
use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary, reason_of};
use crate::domain::codes::Level;
use crate::error::Result;
use crate::store::Store;
use crate::store::contributions::{self, Contribution, ContributionKind, NewContribution};
use crate::store::members::Member;
use crate::text;

pub const KIND: usize = 0;
pub const DATE: usize = 1;
pub const TITLE: usize = 2;
pub const LEAD: usize = 3;
pub const AUTHORS: usize = 4;
pub const LEVEL: usize = 5;
pub const OUTLET: usize = 6;
pub const NOTE: usize = 7;

pub const FIELDS: &[Field] = &[
    Field::new("kind", &["类型", "成果类型", "类别"], "调研报告").required(),
    Field::new("done_on", &["日期", "完成日期", "刊发日期"], "2022-09-15").required(),
    Field::new("title", &["标题", "题目", "名称"], "关于发展乡村旅游的调研报告").required(),
    Field::new("lead", &["第一作者", "牵头人"], "王芳"),
    Field::new("authors", &["作者", "参与人"], "李明"),
    Field::new("level", &["级别"], "市级"),
    Field::new("outlet", &["刊物或媒体", "刊物", "媒体", "outlet"], "忻州日报"),
    Field::new("note", &["备注"], ""),
];

/// The id of `contribution list`.
pub const IGNORED: &[&str] = &["序号", "id"];

type Key = (String, NaiveDate, String);

struct Rec {
    row: usize,
    c: NewContribution,
}

fn find_kind<'k>(kinds: &'k [ContributionKind], v: &str) -> Option<&'k ContributionKind> {
    let code = v.to_lowercase().replace('-', "_");
    kinds
        .iter()
        .find(|k| k.code == code || k.name_zh == v || k.name_en.to_lowercase() == v.to_lowercase())
}

/// What a stored contribution says that the row says differently (beside the note).
fn differences(stored: &Contribution, new: &NewContribution) -> Vec<&'static str> {
    let mut out = Vec::new();
    let names: Vec<String> = new.authors.iter().map(|m| m.name.clone()).collect();
    if stored.authors != names {
        out.push("authors");
    }
    if stored.level != new.level {
        out.push("level");
    }
    if new.outlet.is_some() && stored.outlet != new.outlet {
        out.push("outlet");
    }
    out
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Contributions, &mut problems)?;
    super::need_author_column(&header, LEAD, AUTHORS, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let roster = Roster::load(store)?;
    let kinds = contributions::kinds(store.conn())?;
    let stored: HashMap<Key, Contribution> = contributions::list(store.conn(), None, None)?
        .into_iter()
        .map(|c| ((c.kind.clone(), c.done_on, c.title.clone()), c))
        .collect();
    let pb = super::progress(src, opts.quiet);
    let mut recs = Vec::new();
    let mut seen: Seen<Key> = Seen::default();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        let kind = c.need(KIND, &FIELDS[KIND]).and_then(|v| match find_kind(&kinds, &v) {
            Some(k) => Some(k.clone()),
            None => {
                let known: Vec<&str> = kinds.iter().map(|k| k.name_zh.as_str()).collect();
                c.fail(
                    KIND,
                    &v,
                    text!(
                        "没有这个履职成果类型；可用：{}（或用 lvzhi contribution kind add 添加）",
                        "no such contribution kind; known: {} (or add one with `lvzhi contribution kind add`)",
                        known.join("、")
                    ),
                );
                None
            }
        });
        let done_on = c.date(DATE, &FIELDS[DATE]);
        if done_on.is_none() && c.text(DATE).is_none() && !c.bad {
            c.fail(DATE, "", text!("「日期」不能为空", "the date cannot be empty"));
        }
        let title = c.need(TITLE, &FIELDS[TITLE]);
        let lead = roster.cell(&mut c, LEAD);
        if let Some(l) = &lead
            && l.len() > 1
        {
            let v = c.value(LEAD);
            c.fail(
                LEAD,
                &v,
                text!(
                    "第一作者只能有一位，现在有 {} 位；其他作者写在「作者」列",
                    "there is one lead author, not {}; put the others in 'authors'",
                    l.len()
                ),
            );
        }
        let others = roster.cell(&mut c, AUTHORS);
        let level = c.code(LEVEL, Level::parse);
        let outlet = c.text(OUTLET);
        let note = c.text(NOTE);
        let (Some(kind), Some(done_on), Some(title), Some(lead), Some(others)) =
            (kind, done_on, title, lead, others)
        else {
            return Ok(());
        };
        let mut authors: Vec<Member> = lead;
        for m in others {
            if !authors.iter().any(|a| a.id == m.id) {
                authors.push(m);
            }
        }
        if authors.is_empty() && !c.bad {
            let col = if header.has(LEAD) { LEAD } else { AUTHORS };
            c.fail(
                col,
                "",
                text!(
                    "没有作者；履职成果至少要有一位作者（第一位为第一作者）",
                    "no author; a contribution needs at least one (the first is the lead)"
                ),
            );
        }
        let key = (kind.code.clone(), done_on, title.clone());
        if let Some(first) = seen.check(key, row.number) {
            c.fail_row(text!(
                "与第 {} 行重复（同一类型、日期和标题）",
                "duplicates row {} (same kind, date and title)",
                first
            ));
            return Ok(());
        }
        if c.bad {
            return Ok(());
        }
        recs.push(Rec {
            row: row.number,
            c: NewContribution {
                kind,
                done_on,
                title,
                authors,
                level,
                outlet,
                note,
            },
        });
        Ok(())
    })?;
    pb.finish_and_clear();
    super::after_reading(src, rows, &mut problems)?;
    let mut summary = Summary {
        warnings: roster.take_notes(),
        ..Summary::default()
    };
    summary.warnings.extend(header.example_notes());
    let mut todo_new = Vec::new();
    let mut todo_note = Vec::new();
    for r in recs {
        let key = (r.c.kind.code.clone(), r.c.done_on, r.c.title.clone());
        let what = format!("{} {} {}", r.c.kind.name_zh, r.c.done_on, r.c.title);
        match stored.get(&key) {
            None => {
                summary.new += 1;
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key: what,
                    detail: text!(
                        "新履职成果，作者：{}",
                        "new contribution, authors: {}",
                        r.c.authors
                            .iter()
                            .map(|m| m.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                });
                todo_new.push(r);
            }
            Some(s) => {
                let diff = differences(s, &r.c);
                if !diff.is_empty() {
                    summary.warnings.push(text!(
                        "第 {} 行：已登记的履职成果 {}「{}」与本行的{}不同，导入不修改；如需更正，先用 lvzhi contribution remove {} 删除再导入",
                        "row {}: stored contribution {} '{}' differs in {}; an import does not change it: remove it with `lvzhi contribution remove {}` and import again",
                        r.row,
                        s.id,
                        s.title,
                        diff.join(", "),
                        s.id
                    ));
                }
                if r.c.note.is_none() || s.note == r.c.note {
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
                    key: what,
                    detail: text!(
                        "备注：「{}」→「{}」",
                        "note: '{}' → '{}'",
                        s.note.clone().unwrap_or_default(),
                        r.c.note.clone().unwrap_or_default()
                    ),
                });
                if opts.update {
                    todo_note.push((s.id, r.c.note));
                }
            }
        }
    }
    if todo_new.is_empty() && todo_note.is_empty() {
        return Ok(summary);
    }
    // The storage layer checks what only it can (serving on the day, open year); every row it
    // refuses is reported, and nothing is kept.
    super::write_rows(store, src, opts.dry_run, |w, problems| {
        for r in &todo_new {
            if let Err(e) = contributions::add(w, &r.c) {
                problems.push(r.row, None, "", reason_of(&e));
            }
        }
        for (id, note) in &todo_note {
            contributions::set_note(w, *id, note.as_deref())?;
        }
        Ok(())
    })?;
    Ok(summary)
}
