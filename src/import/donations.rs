//! Importing donation lists (捐款捐物名单).
//!
//! Natural key: member + date + kind + amount + purpose, so a list imported twice adds nothing
//! the second time (two equal gifts of one member on one day for one purpose are one row).
//! Only the note of a stored donation can differ; it is changed with `--update`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::people::Roster;
use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary, reason_of};
use crate::domain::codes::DonationKind;
use crate::domain::money::{parse_yuan, yuan};
use crate::error::Result;
use crate::store::Store;
use crate::store::donations::{self, NewDonation};
use crate::store::members::Member;
use crate::text;

pub const CODE: usize = 0;
pub const NAME: usize = 1;
pub const DATE: usize = 2;
pub const KIND: usize = 3;
pub const AMOUNT: usize = 4;
pub const PURPOSE: usize = 5;
pub const ACTIVITY: usize = 6;
pub const NOTE: usize = 7;

pub const FIELDS: &[Field] = &[
    Field::new("code", &["编号", "委员编号"], crate::domain::example::CODE),
    Field::new("name", &["姓名", "委员姓名", "捐赠人"], "王芳"),
    Field::new("given_on", &["日期", "捐赠日期", "捐款日期"], "2022-10-20").required(),
    Field::new("kind", &["类别", "捐赠类型"], "捐款"),
    Field::new("amount", &["金额", "金额(元)", "捐款金额", "折价金额"], "500").required(),
    Field::new("purpose", &["用途或事由", "用途", "事由"], "抗疫慰问").required(),
    Field::new("activity_id", &["活动编号"], ""),
    Field::new("note", &["备注"], ""),
];

/// The id and sector of `donation list` are not imported.
pub const IGNORED: &[&str] = &["序号", "id", "界别", "sector"];

type Key = (i64, NaiveDate, DonationKind, i64, String);

struct Rec {
    row: usize,
    member: Member,
    d: NewDonation,
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Donations, &mut problems)?;
    super::need_member_column(&header, CODE, NAME, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let roster = Roster::load(store)?;
    let stored: HashMap<Key, (i64, Option<String>)> = donations::list(store.conn(), None, None)?
        .into_iter()
        .filter_map(|d| {
            let m = roster.find(&d.code).ok()?;
            Some((
                (m.id, d.given_on, d.kind, d.amount_fen, d.purpose),
                (d.id, d.note),
            ))
        })
        .collect();
    let pb = super::progress(src, opts.quiet);
    let mut recs = Vec::new();
    let mut seen: Seen<Key> = Seen::default();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        // The code when there is one, else the name.
        let code = if header.has(CODE) { c.text(CODE) } else { None };
        let who = match code {
            Some(v) => Some((CODE, v)),
            None if header.has(NAME) => c.text(NAME).map(|v| (NAME, v)),
            None => None,
        };
        let member = match who {
            None => {
                let col = if header.has(CODE) { CODE } else { NAME };
                c.fail(col, "", text!("没有写委员", "no member given"));
                None
            }
            Some((col, v)) => match roster.find_at(&v, c.row.number) {
                Ok(m) => Some(m.clone()),
                Err(reason) => {
                    c.fail(col, &v, reason);
                    None
                }
            },
        };
        let given_on = c.date(DATE, &FIELDS[DATE]);
        if given_on.is_none() && c.text(DATE).is_none() && !c.bad {
            c.fail(DATE, "", text!("「日期」不能为空", "the date cannot be empty"));
        }
        let kind = c.code(KIND, DonationKind::parse).unwrap_or(DonationKind::Money);
        let amount = c
            .need(AMOUNT, &FIELDS[AMOUNT])
            .and_then(|v| match parse_yuan(&v) {
                Ok(fen) => Some(fen),
                Err(e) => {
                    c.fail(AMOUNT, &v, reason_of(&e));
                    None
                }
            });
        let purpose = c.need(PURPOSE, &FIELDS[PURPOSE]);
        let activity_id = c.number(ACTIVITY).and_then(|a| {
            if a.fract() != 0.0 || a < 1.0 {
                let v = c.value(ACTIVITY);
                c.fail(
                    ACTIVITY,
                    &v,
                    text!(
                        "活动编号应为正整数",
                        "the activity id must be a whole number above 0"
                    ),
                );
                None
            } else {
                Some(a as i64)
            }
        });
        let note = c.text(NOTE);
        let (Some(member), Some(given_on), Some(amount_fen), Some(purpose)) =
            (member, given_on, amount, purpose)
        else {
            return Ok(());
        };
        let key = (member.id, given_on, kind, amount_fen, purpose.clone());
        if let Some(first) = seen.check(key, row.number) {
            c.fail_row(text!(
                "与第 {} 行重复（同一委员、日期、类别、金额和用途）",
                "duplicates row {} (same member, date, kind, amount and purpose)",
                first
            ));
            return Ok(());
        }
        if c.bad {
            return Ok(());
        }
        recs.push(Rec {
            row: row.number,
            member,
            d: NewDonation {
                given_on,
                kind,
                amount_fen,
                purpose,
                activity_id,
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
        let key = (
            r.member.id,
            r.d.given_on,
            r.d.kind,
            r.d.amount_fen,
            r.d.purpose.clone(),
        );
        let what = format!(
            "{} {} {} {} 元",
            r.member.name,
            r.d.given_on,
            r.d.kind.label(),
            yuan(r.d.amount_fen)
        );
        match stored.get(&key) {
            None => {
                summary.new += 1;
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key: what,
                    detail: text!("新捐赠：{}", "new donation: {}", r.d.purpose),
                });
                todo_new.push(r);
            }
            Some((_, note)) if r.d.note.is_none() || *note == r.d.note => summary.unchanged += 1,
            Some((id, note)) => {
                let action = if opts.update {
                    summary.changed += 1;
                    "changed"
                } else {
                    summary.held += 1;
                    "held"
                };
                let (old, new) = (
                    note.clone().unwrap_or_default(),
                    r.d.note.clone().unwrap_or_default(),
                );
                summary.plan.push(PlanLine {
                    row: r.row,
                    action,
                    key: what,
                    detail: text!("备注：「{}」→「{}」", "note: '{}' → '{}'", old, new),
                });
                if opts.update {
                    todo_note.push((*id, r.d.note));
                }
            }
        }
    }
    if todo_new.is_empty() && todo_note.is_empty() {
        return Ok(summary);
    }
    // The storage layer checks what only it can (serving on the day, the activity exists);
    // every row it refuses is reported, and nothing is kept.
    super::write_rows(store, src, opts.dry_run, |w, problems| {
        for r in &todo_new {
            if let Err(e) = donations::add(w, &r.member, &r.d) {
                problems.push(r.row, None, "", reason_of(&e));
            }
        }
        for (id, note) in &todo_note {
            donations::set_note(w, *id, note.as_deref())?;
        }
        Ok(())
    })?;
    Ok(summary)
}
