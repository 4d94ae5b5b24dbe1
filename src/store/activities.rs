//! Activities and attendance.

use super::CachedQuery;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::members::Member;
use super::{W, kinds};
use crate::domain::codes::{AttendRole, Status};
use crate::error::{Error, Result};
use crate::text;

/// An activity with its kind and organiser.
#[derive(Clone, Debug)]
pub struct Activity {
    pub id: i64,
    pub kind: kinds::Kind,
    pub title: String,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub half_days: i64,
    pub org: Option<String>,
    pub location: Option<String>,
    pub note: Option<String>,
    pub present: i64,
    pub recorded: i64,
}

/// An activity to add.
#[derive(Clone, Debug)]
pub struct NewActivity {
    pub kind: String,
    pub title: String,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub half_days: i64,
    pub org: Option<String>,
    pub location: Option<String>,
    pub note: Option<String>,
}

const SELECT: &str = "SELECT a.id, k.id, k.code, k.name_zh, k.name_en, k.standing_only, k.builtin, k.all_due,
        a.title, a.start_on, a.end_on, a.half_days, o.name, a.location, a.note,
        (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.status IN ('present', 'late', 'left_early')),
        (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id)
    FROM activity a JOIN activity_kind k ON k.id = a.kind_id LEFT JOIN org o ON o.id = a.org_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        kind: kinds::Kind {
            id: r.get(1)?,
            code: r.get(2)?,
            name_zh: r.get(3)?,
            name_en: r.get(4)?,
            standing_only: r.get(5)?,
            builtin: r.get(6)?,
            all_due: r.get(7)?,
        },
        title: r.get(8)?,
        start_on: r.get(9)?,
        end_on: r.get(10)?,
        half_days: r.get(11)?,
        org: r.get(12)?,
        location: r.get(13)?,
        note: r.get(14)?,
        present: r.get(15)?,
        recorded: r.get(16)?,
    })
}

pub fn add(w: &W, a: &NewActivity) -> Result<i64> {
    let kind = kinds::find(w, &a.kind)?;
    crate::domain::dates::check_order(a.start_on, a.end_on)?;
    if a.half_days < 0 {
        return Err(Error::usage(text!(
            "「半天数」不能为负数：{}",
            "half-days cannot be negative: {}",
            a.half_days
        )));
    }
    if a.title.trim().is_empty() {
        return Err(Error::usage(text!(
            "「标题」不能为空",
            "the title cannot be empty"
        )));
    }
    let org = a
        .org
        .as_deref()
        .map(|o| super::orgs::find(w, o))
        .transpose()?
        .map(|o| o.id);
    w.insert(
        "activity",
        "INSERT INTO activity (kind_id, title, start_on, end_on, half_days, org_id, location, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            kind.id,
            a.title.trim(),
            a.start_on,
            a.end_on,
            a.half_days,
            org,
            a.location,
            a.note
        ],
    )
}

pub fn get(conn: &Connection, id: i64) -> Result<Activity> {
    conn.query_row_cached(&format!("{SELECT} WHERE a.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| {
            Error::data(text!("活动 {} 不存在", "no activity with id {}", id)).with_hint(text!(
                "用 lvzhi activity list 查看活动编号",
                "see `lvzhi activity list` for activity ids"
            ))
        })
}

/// Activities, optionally of one year and one kind, in date order.
pub fn list(conn: &Connection, year: Option<i32>, kind: Option<&str>) -> Result<Vec<Activity>> {
    let kind_id = kind.map(|k| kinds::find(conn, k)).transpose()?.map(|k| k.id);
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(a.start_on, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR a.kind_id = ?2) ORDER BY a.start_on, a.id"
    ))?;
    let rows = stmt.query_map(params![year, kind_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One member's attendance at one activity.
#[derive(Clone, Debug)]
pub struct Attendance {
    pub member_code: String,
    pub member_name: String,
    pub sector: String,
    pub status: Status,
    pub half_days: Option<f64>,
    pub role: AttendRole,
    pub leave_reason: Option<String>,
    pub note: Option<String>,
}

/// Attendance rows of an activity, by member code.
pub fn attendance(conn: &Connection, activity_id: i64) -> Result<Vec<Attendance>> {
    let mut stmt = conn.prepare(
        "SELECT m.code, m.name, s.name, t.status, t.half_days, t.role, t.leave_reason, t.note
         FROM attendance t JOIN member m ON m.id = t.member_id JOIN sector s ON s.id = m.sector_id
         WHERE t.activity_id = ?1 ORDER BY m.code",
    )?;
    let rows = stmt.query_map([activity_id], |r| {
        let status: String = r.get(3)?;
        let role: String = r.get(5)?;
        Ok(Attendance {
            member_code: r.get(0)?,
            member_name: r.get(1)?,
            sector: r.get(2)?,
            status: Status::from_code(&status).unwrap_or(Status::Present),
            half_days: r.get(4)?,
            role: AttendRole::from_code(&role).unwrap_or(AttendRole::Participant),
            leave_reason: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One entry of an `attend` command.
#[derive(Clone, Debug)]
pub struct Mark {
    pub member: Member,
    pub status: Status,
    pub role: AttendRole,
    pub half_days: Option<f64>,
    pub leave_reason: Option<String>,
}

/// What recording attendance did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// Records attendance marks for one activity; a member already recorded is updated. All marks
/// are checked before anything is written.
pub fn record(w: &W, activity: &Activity, marks: &[Mark]) -> Result<Recorded> {
    for m in marks {
        if !m.member.serving_on(activity.start_on) {
            let why = match (m.member.joined_on, m.member.left_on) {
                (_, Some(l)) if activity.start_on >= l => text!("已于 {} 离任", "left on {}", l),
                (Some(j), _) => text!("{} 才任委员", "joined only on {}", j),
                _ => text!("当日不在任", "was not serving that day"),
            };
            return Err(Error::data(crate::i18n::Text::new(
                format!(
                    "委员 {}（{}）{}，不能登记 {} 的活动「{}」",
                    m.member.name, m.member.code, why.zh, activity.start_on, activity.title
                ),
                format!(
                    "member {} ({}) {}, so cannot attend '{}' on {}",
                    m.member.name, m.member.code, why.en, activity.title, activity.start_on
                ),
            )));
        }
        if let Some(h) = m.half_days {
            if h < 0.0 {
                return Err(Error::usage(text!(
                    "委员 {} 的「半天数」不能为负数：{}",
                    "half-days of {} cannot be negative: {}",
                    m.member.name,
                    h
                )));
            }
            if h > activity.half_days as f64 {
                return Err(Error::usage(text!(
                    "委员 {} 的出席半天数 {} 超过活动的 {} 个半天",
                    "{} attended {} half-days, more than the activity's {}",
                    m.member.name,
                    h,
                    activity.half_days
                )));
            }
        }
    }
    let mut out = Recorded::default();
    for m in marks {
        let half = m.half_days.or(match m.status {
            Status::Excused | Status::Absent => Some(0.0),
            _ => Some(activity.half_days as f64),
        });
        let existing: Option<i64> = w
            .query_row_cached(
                "SELECT id FROM attendance WHERE activity_id = ?1 AND member_id = ?2",
                params![activity.id, m.member.id],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(id) => {
                let changed = w.update(
                    "attendance",
                    id,
                    "UPDATE attendance SET status = ?1, half_days = ?2, role = ?3, leave_reason = ?4 WHERE id = ?5",
                    params![m.status.code(), half, m.role.code(), m.leave_reason, id],
                )?;
                if changed {
                    out.changed += 1;
                } else {
                    out.unchanged += 1;
                }
            }
            None => {
                w.insert(
                    "attendance",
                    "INSERT INTO attendance (activity_id, member_id, status, half_days, role, leave_reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        activity.id,
                        m.member.id,
                        m.status.code(),
                        half,
                        m.role.code(),
                        m.leave_reason
                    ],
                )?;
                out.added += 1;
            }
        }
    }
    Ok(out)
}

/// Removes the attendance rows of members recorded by mistake; each removal is in the audit log
/// with the row as it was. A member not recorded for the activity is refused.
pub fn unrecord(w: &W, activity: &Activity, members: &[Member]) -> Result<()> {
    for m in members {
        let id: Option<i64> = w
            .query_row_cached(
                "SELECT id FROM attendance WHERE activity_id = ?1 AND member_id = ?2",
                params![activity.id, m.id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Err(Error::data(text!(
                "委员 {}（{}）没有登记在活动 {}「{}」中，无需删除",
                "member {} ({}) is not recorded for activity {} '{}'",
                m.name,
                m.code,
                activity.id,
                activity.title
            )));
        };
        w.delete("attendance", id)?;
    }
    Ok(())
}
