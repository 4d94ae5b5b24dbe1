//! Importing meetings and activities (会议和活动).
//!
//! Natural key: kind + start date + title. Imports never change those three; end date,
//! half-days, organiser, location and note are compared and changed with `--update`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary};
use crate::error::Result;
use crate::i18n::Text;
use crate::store::activities::{self, NewActivity};
use crate::store::import as db;
use crate::store::{Store, kinds, orgs};
use crate::text;

pub const KIND: usize = 0;
pub const TITLE: usize = 1;
pub const START: usize = 2;
pub const END: usize = 3;
pub const HALF: usize = 4;
pub const ORG: usize = 5;
pub const LOCATION: usize = 6;
pub const NOTE: usize = 7;

pub const FIELDS: &[Field] = &[
    Field::new("kind", &["类型", "活动类型"], "视察").required(),
    Field::new(
        "title",
        &["名称", "活动名称", "会议名称", "标题"],
        "视察县行政审批服务中心",
    )
    .required(),
    Field::new("start_on", &["开始日期", "日期", "活动日期"], "2022-05-18").required(),
    Field::new("end_on", &["结束日期"], "2022-05-18"),
    Field::new("half_days", &["半天数"], "1"),
    Field::new("organiser", &["组织单位", "牵头单位"], ""),
    Field::new("location", &["地点"], "县第二小学"),
    Field::new("note", &["备注"], ""),
];

/// The id and head counts of `activity list` are computed, not imported.
pub const IGNORED: &[&str] = &[
    "序号",
    "编号",
    "id",
    "出席人数",
    "present",
    "登记人数",
    "recorded",
];

struct Rec {
    row: usize,
    kind_id: i64,
    kind_code: String,
    title: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    half: Option<i64>,
    org: Option<Option<(i64, String)>>,
    location: Option<Option<String>>,
    note: Option<Option<String>>,
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Activities, &mut problems)?;
    let mut kind_map: HashMap<String, (i64, String)> = HashMap::new();
    for k in kinds::list(store.conn())? {
        let v = (k.id, k.code.clone());
        kind_map.insert(k.code.clone(), v.clone());
        kind_map.insert(k.name_zh.clone(), v.clone());
        kind_map.insert(k.name_en.to_lowercase(), v);
    }
    let mut org_map: HashMap<String, (i64, String)> = HashMap::new();
    for o in orgs::list(store.conn())? {
        org_map.insert(o.code.clone(), (o.id, o.name.clone()));
        org_map.insert(o.name.clone(), (o.id, o.name));
    }
    let existing = db::activities(store.conn())?;
    let by_key: HashMap<(i64, String, NaiveDate), usize> = existing
        .iter()
        .enumerate()
        .map(|(i, a)| ((a.kind_id, a.title.clone(), a.start_on), i))
        .collect();
    let pb = super::progress(src, opts.quiet);
    let mut recs = Vec::new();
    let mut seen: Seen<(i64, String, NaiveDate)> = Seen::default();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        let kind = c.need(KIND, &FIELDS[KIND]).and_then(|k| {
            let found = kind_map.get(&k).or(kind_map.get(&k.to_lowercase())).cloned();
            if found.is_none() {
                c.fail(
                    KIND,
                    &k,
                    text!(
                        "活动类型不存在；用 lvzhi kind list 查看，或用 lvzhi kind add 添加",
                        "unknown activity kind; see `lvzhi kind list`, or add it with `lvzhi kind add`"
                    ),
                );
            }
            found
        });
        let title = c.need(TITLE, &FIELDS[TITLE]);
        let start = c.date(START, &FIELDS[START]);
        if start.is_none() && header.has(START) && c.text(START).is_none() && !c.bad {
            c.fail(
                START,
                "",
                text!("「开始日期」不能为空", "the start date cannot be empty"),
            );
        }
        let end = c.date(END, &FIELDS[END]);
        let half = c.half_days(HALF).and_then(|h| {
            if h.fract() != 0.0 {
                let v = c.value(HALF);
                c.fail(
                    HALF,
                    &v,
                    text!("半天数应为整数", "half-days must be a whole number"),
                );
                None
            } else {
                Some(h as i64)
            }
        });
        let org = if header.has(ORG) {
            match c.text(ORG) {
                None => Some(None),
                Some(o) => match org_map.get(&o) {
                    Some(x) => Some(Some(x.clone())),
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
                },
            }
        } else {
            None
        };
        let location = header.has(LOCATION).then(|| c.text(LOCATION));
        let note = header.has(NOTE).then(|| c.text(NOTE));
        let (Some((kind_id, kind_code)), Some(title), Some(start)) = (kind, title, start) else {
            return Ok(());
        };
        if let Some(e) = end
            && e < start
        {
            let v = c.value(END);
            c.fail(
                END,
                &v,
                text!("早于开始日期 {}", "is before the start date {}", start),
            );
            return Ok(());
        }
        if let Some(first) = seen.check((kind_id, title.clone(), start), row.number) {
            c.fail_row(text!(
                "与第 {} 行重复（同一类型、日期和名称）",
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
            kind_id,
            kind_code,
            title,
            start,
            end,
            half,
            org,
            location,
            note,
        });
        Ok(())
    })?;
    pb.finish_and_clear();
    super::after_reading(src, rows, &mut problems)?;
    let mut summary = Summary::default();
    summary.warnings.extend(header.example_notes());
    let mut todo_new = Vec::new();
    let mut todo_edit = Vec::new();
    for r in recs {
        match by_key.get(&(r.kind_id, r.title.clone(), r.start)) {
            None => {
                let end = r.end.unwrap_or(r.start);
                summary.new += 1;
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key: format!("{} {}", r.start, r.title),
                    detail: text!("新活动（{}）", "new activity ({})", r.kind_code),
                });
                todo_new.push((
                    r.row,
                    NewActivity {
                        kind: r.kind_code,
                        title: r.title,
                        start_on: r.start,
                        end_on: end,
                        half_days: r
                            .half
                            .unwrap_or(crate::domain::limits::default_half_days(r.start, end)),
                        org: r.org.flatten().map(|o| o.1),
                        location: r.location.flatten(),
                        note: r.note.flatten(),
                    },
                ));
            }
            Some(&i) => {
                let a = &existing[i];
                let end = r.end.unwrap_or(a.end_on);
                let half = r.half.unwrap_or(a.half_days);
                let org = r.org.clone().map_or(a.org_id, |o| o.map(|x| x.0));
                let location = r.location.clone().unwrap_or(a.location.clone());
                let note = r.note.clone().unwrap_or(a.note.clone());
                let mut zh = Vec::new();
                let mut en = Vec::new();
                let mut diff = |k_zh: &str, k_en: &str, old: String, new: String| {
                    if old != new {
                        zh.push(format!("{k_zh}：「{old}」→「{new}」"));
                        en.push(format!("{k_en}: '{old}' → '{new}'"));
                    }
                };
                diff("结束日期", "end_on", a.end_on.to_string(), end.to_string());
                diff("半天数", "half_days", a.half_days.to_string(), half.to_string());
                diff(
                    "组织单位",
                    "organiser",
                    a.org.clone().unwrap_or_default(),
                    r.org
                        .clone()
                        .map_or(a.org.clone(), |o| o.map(|x| x.1))
                        .unwrap_or_default(),
                );
                diff(
                    "地点",
                    "location",
                    a.location.clone().unwrap_or_default(),
                    location.clone().unwrap_or_default(),
                );
                diff(
                    "备注",
                    "note",
                    a.note.clone().unwrap_or_default(),
                    note.clone().unwrap_or_default(),
                );
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
                    key: format!("{} {} {}", a.id, a.start_on, a.title),
                    detail: Text::new(zh.join("；"), en.join("; ")),
                });
                if opts.update {
                    todo_edit.push((a.id, a.start_on, end, half, org, location, note, r.row));
                }
            }
        }
    }
    if opts.dry_run || (todo_new.is_empty() && todo_edit.is_empty()) {
        return Ok(summary);
    }
    let file = src.file.clone();
    store.write(|w| {
        for (row, a) in &todo_new {
            activities::add(w, a).map_err(|e| super::members::row_error(&file, *row, e))?;
        }
        for (id, start, end, half, org, location, note, row) in &todo_edit {
            crate::domain::dates::check_order(*start, *end)
                .map_err(|e| super::members::row_error(&file, *row, e))?;
            db::update_activity(w, *id, *end, *half, *org, location.as_deref(), note.as_deref())?;
        }
        Ok(())
    })?;
    Ok(summary)
}
