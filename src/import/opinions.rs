//! Importing opinion reports (社情民意信息) with their authors, adoptions and instructions.
//!
//! Natural key: the report number (编号); without one, submission date + title. The authors
//! are the lead (第一作者) followed by the 作者 list (the first of that list is the lead when
//! there is no lead column). Adoptions and instructions are added, never removed: a level the
//! file names that is not stored yet is a change, applied with `--update`; a level adopted
//! twice in one row is an error. The authors of a stored report are compared and replaced with
//! `--update` only when the file has the 作者 (authors) column and so lists whole author sets;
//! from a file with only a lead column a different lead is reported as a note. Number, title
//! and date of a stored report are never changed by an import.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::people::{Roster, split};
use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary, reason_of};
use crate::domain::codes::Level;
use crate::error::Result;
use crate::i18n::Text;
use crate::store::Store;
use crate::store::members::Member;
use crate::store::opinions::{self, NewOpinion, Opinion};
use crate::text;

pub const NUMBER: usize = 0;
pub const TITLE: usize = 1;
pub const SUBMITTED: usize = 2;
pub const LEAD: usize = 3;
pub const AUTHORS: usize = 4;
pub const ADOPTED: usize = 5;
pub const ADOPTED_ON: usize = 6;
pub const INSTRUCTED: usize = 7;
pub const INSTRUCTED_ON: usize = 8;
pub const LEADER: usize = 9;
pub const FROM: usize = 10;
pub const NOTE: usize = 11;

pub const FIELDS: &[Field] = &[
    Field::new("number", &["编号", "信息编号"], "SQ2022-001"),
    Field::new("title", &["标题", "题目", "信息标题"], "关于黄酒产业发展的建议").required(),
    Field::new("submitted_on", &["报送日期", "日期", "提交日期"], "2022-06-10").required(),
    Field::new("lead", &["第一作者"], "王芳"),
    Field::new("authors", &["作者", "撰稿人"], "李明"),
    Field::new("adopted", &["采用", "采用情况", "采用级别"], "市级、省级"),
    Field::new("adopted_on", &["采用日期"], "2022-07-01"),
    Field::new("instructed", &["领导批示", "批示"], ""),
    Field::new("instructed_on", &["批示日期"], ""),
    Field::new("leader", &["批示领导"], ""),
    Field::new("from_proposal", &["来源提案"], ""),
    Field::new("note", &["备注"], ""),
];

/// The id of `opinion list`.
pub const IGNORED: &[&str] = &["序号", "id"];

/// A report to add (or the stored id), the adoption and instruction levels to add, the row,
/// and whether the stored report's authors are replaced by the row's.
type Todo<'a> = (
    usize,
    std::result::Result<i64, NewOpinion>,
    Vec<Level>,
    Vec<Level>,
    &'a Rec,
    bool,
);

struct Rec {
    row: usize,
    number: Option<String>,
    title: String,
    submitted_on: NaiveDate,
    authors: Vec<Member>,
    adopted: Vec<Level>,
    adopted_on: Option<NaiveDate>,
    instructed: Vec<Level>,
    instructed_on: Option<NaiveDate>,
    leader: Option<String>,
    from: Option<String>,
    note: Option<String>,
}

/// The levels of a cell ("市级、省级" or "city,province"); a level named twice is an error.
fn levels(c: &mut Cells, field: usize, what: (&str, &str)) -> Option<Vec<Level>> {
    let Some(v) = c.text(field) else {
        return (!c.bad).then(Vec::new);
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in split(&v) {
        match Level::parse(&item) {
            Ok(l) if out.contains(&l) => {
                c.fail(
                    field,
                    &v,
                    Text::new(
                        format!("{}{}写了两次；一个级别只{}一次", l.zh(), what.0, what.0),
                        format!("{} level is {} twice; a level counts once", l.code(), what.1),
                    ),
                );
                ok = false;
            }
            Ok(l) => out.push(l),
            Err(e) => {
                c.fail(field, &v, reason_of(&e));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Opinions, &mut problems)?;
    super::need_author_column(&header, LEAD, AUTHORS, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let roster = Roster::load(store)?;
    let existing = opinions::list(store.conn(), None, None)?;
    let pb = super::progress(src, opts.quiet);
    let mut recs = Vec::new();
    let mut seen: Seen<String> = Seen::default();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        let number = c.text(NUMBER);
        let title = c.need(TITLE, &FIELDS[TITLE]);
        let submitted_on = c.date(SUBMITTED, &FIELDS[SUBMITTED]);
        if submitted_on.is_none() && c.text(SUBMITTED).is_none() && !c.bad {
            c.fail(
                SUBMITTED,
                "",
                text!("「报送日期」不能为空", "the submission date cannot be empty"),
            );
        }
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
        let adopted = levels(&mut c, ADOPTED, ("采用", "adopted"));
        let adopted_on = c.date(ADOPTED_ON, &FIELDS[ADOPTED_ON]);
        let instructed = levels(&mut c, INSTRUCTED, ("批示", "instructed"));
        let instructed_on = c.date(INSTRUCTED_ON, &FIELDS[INSTRUCTED_ON]);
        let leader = c.text(LEADER);
        let from = c.text(FROM);
        let note = c.text(NOTE);
        let (Some(title), Some(submitted_on), Some(lead), Some(others), Some(adopted), Some(instructed)) =
            (title, submitted_on, lead, others, adopted, instructed)
        else {
            return Ok(());
        };
        let mut authors: Vec<Member> = lead.clone();
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
                    "没有作者；社情民意信息至少要有一位作者（第一位为第一作者）",
                    "no author; a report needs at least one (the first is the lead)"
                ),
            );
        }
        if adopted.is_empty() && adopted_on.is_some() {
            let v = c.value(ADOPTED_ON);
            c.fail(
                ADOPTED_ON,
                &v,
                text!("有采用日期却没有写采用级别", "an adoption date without a level"),
            );
        }
        let key = match &number {
            Some(n) => format!("n\u{1}{n}"),
            None => format!("t\u{1}{submitted_on}\u{1}{title}"),
        };
        if let Some(first) = seen.check(key, row.number) {
            c.fail_row(text!(
                "与第 {} 行重复（同一编号，或没有编号时同一报送日期和标题）；同一信息的多级采用写在同一格，如「市级、省级」",
                "duplicates row {} (same number, or same date and title when there is no number); list several adoption levels in one cell, e.g. 'city,province'",
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
            submitted_on,
            authors,
            adopted,
            adopted_on,
            instructed,
            instructed_on,
            leader,
            from,
            note,
        });
        Ok(())
    })?;
    pb.finish_and_clear();
    super::after_reading(src, rows, &mut problems)?;

    let by_number: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.number.as_deref().map(|n| (n, i)))
        .collect();
    let mut by_title: HashMap<(NaiveDate, &str), Vec<usize>> = HashMap::new();
    for (i, o) in existing.iter().enumerate() {
        by_title
            .entry((o.submitted_on, o.title.as_str()))
            .or_default()
            .push(i);
    }
    let mut summary = Summary {
        warnings: roster.take_notes(),
        ..Summary::default()
    };
    summary.warnings.extend(header.example_notes());
    // (row, report to add or the stored id, adoptions to add, instructions to add)
    let mut todo: Vec<Todo> = Vec::new();
    // An authors column means each row gives the report's whole author list.
    let whole_authors = header.has(AUTHORS);
    for r in &recs {
        let stored = match &r.number {
            Some(n) => by_number.get(n.as_str()).copied(),
            None => match by_title
                .get(&(r.submitted_on, r.title.as_str()))
                .map(Vec::as_slice)
            {
                Some([i]) => Some(*i),
                Some(many) if many.len() > 1 => {
                    problems.push(
                        r.row,
                        header.col(TITLE),
                        &r.title,
                        text!(
                            "{} 有 {} 条同名信息；请加「编号」列",
                            "{} has {} reports with this title; add the 'number' column",
                            r.submitted_on,
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
                let lv = |v: &[Level]| v.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、");
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key: format!("{} {}", r.number.clone().unwrap_or_default(), r.title)
                        .trim()
                        .to_string(),
                    detail: if r.adopted.is_empty() {
                        text!("新信息", "new report")
                    } else {
                        Text::new(
                            format!("新信息，{}采用", lv(&r.adopted)),
                            format!(
                                "new report, adopted at {}",
                                r.adopted.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                            ),
                        )
                    },
                });
                todo.push((
                    r.row,
                    Err(NewOpinion {
                        number: r.number.clone(),
                        title: r.title.clone(),
                        submitted_on: r.submitted_on,
                        authors: r.authors.clone(),
                        from_proposal: r.from.clone(),
                        note: r.note.clone(),
                    }),
                    r.adopted.clone(),
                    r.instructed.clone(),
                    r,
                    false,
                ));
            }
            Some(i) => {
                let o = &existing[i];
                let mut authors_zh_en = None;
                if whole_authors {
                    let stored = opinions::authors(store.conn(), o.id)?;
                    let old: Vec<&str> = stored.iter().map(|a| a.code.as_str()).collect();
                    let new: Vec<&str> = r.authors.iter().map(|m| m.code.as_str()).collect();
                    if old != new {
                        let before: Vec<&str> = stored.iter().map(|a| a.name.as_str()).collect();
                        let after: Vec<&str> = r.authors.iter().map(|m| m.name.as_str()).collect();
                        authors_zh_en = Some((
                            format!("作者：「{}」→「{}」", before.join("、"), after.join("、")),
                            format!("authors: '{}' → '{}'", before.join(", "), after.join(", ")),
                        ));
                    }
                } else if r
                    .authors
                    .first()
                    .is_some_and(|a| o.lead.as_deref() != Some(a.name.as_str()))
                {
                    summary.warnings.push(text!(
                        "第 {} 行：信息「{}」的第一作者与已登记的不同，导入不修改作者",
                        "row {}: the lead author of report '{}' differs from the stored one; imports do not change authors",
                        r.row,
                        o.title
                    ));
                }
                let add_adopted: Vec<Level> = r
                    .adopted
                    .iter()
                    .copied()
                    .filter(|l| !o.adopted.contains(l))
                    .collect();
                let add_instructed: Vec<Level> = r
                    .instructed
                    .iter()
                    .copied()
                    .filter(|l| !o.instructed.contains(l))
                    .collect();
                if add_adopted.is_empty() && add_instructed.is_empty() && authors_zh_en.is_none() {
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
                let replace = authors_zh_en.is_some();
                let (authors_zh, authors_en): (Vec<String>, Vec<String>) = authors_zh_en.into_iter().unzip();
                let zh: Vec<String> = authors_zh
                    .into_iter()
                    .chain(add_adopted.iter().map(|l| format!("新增{}采用", l.zh())))
                    .chain(add_instructed.iter().map(|l| format!("新增{}领导批示", l.zh())))
                    .collect();
                let en: Vec<String> = authors_en
                    .into_iter()
                    .chain(
                        add_adopted
                            .iter()
                            .map(|l| format!("adopted at {} level", l.code())),
                    )
                    .chain(
                        add_instructed
                            .iter()
                            .map(|l| format!("instructed at {} level", l.code())),
                    )
                    .collect();
                summary.plan.push(PlanLine {
                    row: r.row,
                    action,
                    key: format!("{} {}", o.number.clone().unwrap_or(o.id.to_string()), o.title),
                    detail: Text::new(zh.join("；"), en.join("; ")),
                });
                if opts.update {
                    todo.push((r.row, Ok(o.id), add_adopted, add_instructed, r, replace));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    if todo.is_empty() {
        return Ok(summary);
    }
    super::write_rows(store, src, opts.dry_run, |w, problems| {
        let mut ids = Vec::new();
        let mut replaced = Vec::new();
        for (row, what, adopt, instruct, r, replace) in &todo {
            if *replace && let Ok(id) = what {
                replaced.push((*row, *id, &r.authors));
            }
            let id = match what {
                Ok(id) => *id,
                Err(new) => match opinions::add(w, new) {
                    Ok(id) => id,
                    Err(e) => {
                        problems.push(*row, None, "", reason_of(&e));
                        continue;
                    }
                },
            };
            ids.push((*row, id, adopt, instruct, *r));
        }
        let now: HashMap<i64, Opinion> = opinions::list(w, None, None)?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        for (row, id, authors) in replaced {
            if let Err(e) = opinions::set_authors(w, &now[&id], authors) {
                problems.push(row, None, "", reason_of(&e));
            }
        }
        for (row, id, adopt, instruct, r) in ids {
            let o = &now[&id];
            for &level in adopt {
                let on = r.adopted_on.unwrap_or(r.submitted_on);
                if let Err(e) = opinions::adopt(w, o, level, on, None) {
                    problems.push(row, None, "", reason_of(&e));
                }
            }
            for &level in instruct {
                let on = r.instructed_on.unwrap_or(r.submitted_on);
                if let Err(e) = opinions::instruct(w, o, level, on, r.leader.as_deref(), None) {
                    problems.push(row, None, "", reason_of(&e));
                }
            }
        }
        Ok(())
    })?;
    Ok(summary)
}
