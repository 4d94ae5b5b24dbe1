//! `lvzhi attend`.

use std::collections::HashMap;

use super::{Ctx, split_list};
use crate::domain::codes::{AttendRole, Status};
use crate::domain::limits::parse_half_days;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::activities::{self, Mark};
use crate::store::members;
use crate::text;

/// Arguments of `lvzhi attend` (its help texts are on `Command::Attend`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(help = pick("活动编号", "Activity id"))]
    activity: i64,
    #[arg(long, help = pick("出席", "Present"))]
    present: Vec<String>,
    #[arg(long, help = pick("请假", "Excused"))]
    excused: Vec<String>,
    #[arg(long, help = pick("缺席（无故缺席）", "Absent (without excuse)"))]
    absent: Vec<String>,
    #[arg(long, help = pick("迟到", "Late"))]
    late: Vec<String>,
    #[arg(long, help = pick("早退", "Left early"))]
    left_early: Vec<String>,
    #[arg(long, help = pick("出席并发言", "Present and spoke"))]
    speaker: Vec<String>,
    #[arg(long, help = pick("出席并牵头", "Present and led"))]
    lead: Vec<String>,
    #[arg(
        long,
        help = pick(
            "删除误登记的委员（删除前的记录留在审计日志中）",
            "Remove members recorded by mistake (the removed rows stay in the audit log)"
        )
    )]
    remove: Vec<String>,
    #[arg(value_parser = crate::domain::limits::text_arg,
        long,
        help = pick("请假事由（用于本次所有请假的委员）", "Reason for the excused members (all of this entry)")
    )]
    reason: Option<String>,
}

/// Splits "王芳:3" into the member and the half-days attended (at most the activity's).
fn split_half_days(entry: &str, most: i64) -> Result<(String, Option<f64>)> {
    match entry.rsplit_once([':', '：']) {
        Some((who, n)) => {
            let zh = format!("{entry}」中的「半天数");
            let en = format!("half-days in '{entry}'");
            let h = parse_half_days((&zh, &en), n)?;
            if h > most as f64 {
                return Err(Error::usage(text!(
                    "「{}」中的半天数 {} 超过活动的 {} 个半天",
                    "half-days in '{}' ({}) exceed the activity's {}",
                    entry,
                    n.trim(),
                    most
                )));
            }
            Ok((who.trim().to_string(), Some(h)))
        }
        None => Ok((entry.to_string(), None)),
    }
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let activity = activities::get(store.conn(), a.activity)?;
    let groups = [
        (&a.present, Status::Present, AttendRole::Participant),
        (&a.excused, Status::Excused, AttendRole::Participant),
        (&a.absent, Status::Absent, AttendRole::Participant),
        (&a.late, Status::Late, AttendRole::Participant),
        (&a.left_early, Status::LeftEarly, AttendRole::Participant),
        (&a.speaker, Status::Present, AttendRole::Speaker),
        (&a.lead, Status::Present, AttendRole::Lead),
    ];
    let mut entries = Vec::new();
    for (values, status, role) in groups {
        for e in split_list(values) {
            let (who, half) = split_half_days(&e, activity.half_days)?;
            entries.push((who, half, status, role));
        }
    }
    let removals = split_list(&a.remove);
    if entries.is_empty() && removals.is_empty() {
        return Err(Error::usage(text!(
            "没有要登记的委员；用 --present、--excused、--absent 等写明",
            "no members given; use --present, --excused, --absent and the like"
        )));
    }
    let keys: Vec<String> = entries
        .iter()
        .map(|e| e.0.clone())
        .chain(removals.iter().cloned())
        .collect();
    let mut resolved = members::resolve_all(store.conn(), &keys)?;
    let mut seen: HashMap<i64, &str> = HashMap::new();
    for (m, key) in resolved.iter().zip(&keys) {
        if let Some(first) = seen.insert(m.id, key) {
            return Err(Error::usage(text!(
                "委员 {}（{}）在本次登记中出现了两次（「{}」和「{}」）；每位委员只能写一次",
                "member {} ({}) appears twice ('{}' and '{}'); list each member once",
                m.name,
                m.code,
                first,
                key
            )));
        }
    }
    let removed = resolved.split_off(entries.len());
    let marks: Vec<Mark> = resolved
        .into_iter()
        .zip(entries)
        .map(|(member, (_, half_days, status, role))| Mark {
            leave_reason: (status == Status::Excused).then(|| a.reason.clone()).flatten(),
            member,
            status,
            role,
            half_days,
        })
        .collect();
    if !removed.is_empty() {
        // Whatever would refuse the change (a final year …) does so before anyone is asked.
        store.rehearse(|w| {
            activities::unrecord(w, &activity, &removed)?;
            activities::record(w, &activity, &marks)
        })?;
        let who: Vec<String> = removed
            .iter()
            .map(|m| format!("{}（{}）", m.name, m.code))
            .collect();
        ctx.confirm(text!(
            "将删除活动 {}「{}」中 {} 位委员的出席登记：{}",
            "this removes, at activity {} '{}', the attendance of {} member(s): {}",
            activity.id,
            activity.title,
            removed.len(),
            who.join(pick("、", ", "))
        ))?;
    }
    let done = store.write(|w| {
        activities::unrecord(w, &activity, &removed)?;
        activities::record(w, &activity, &marks)
    })?;
    ctx.tell(text!(
        "活动 {}「{}」：新登记 {} 人，修改 {} 人，未变 {} 人，删除 {} 人",
        "activity {} '{}': {} added, {} changed, {} unchanged, {} removed",
        activity.id,
        activity.title,
        done.added,
        done.changed,
        done.unchanged,
        removed.len()
    ));
    Ok(())
}
