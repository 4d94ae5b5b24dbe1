//! Organisations (special committees, liaison groups, member groups, the standing committee)
//! and the dated memberships of members in them.

use super::CachedQuery;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use super::members::Member;
use crate::domain::codes::{OrgKind, OrgRole};
use crate::domain::finality::{self, Service};
use crate::error::{Error, Result};
use crate::text;

/// An organisation.
#[derive(Clone, Debug)]
pub struct Org {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub note: Option<String>,
    pub members: i64,
}

/// A member's membership in an organisation.
#[derive(Clone, Debug)]
pub struct Membership {
    pub id: i64,
    pub member_id: i64,
    pub member_code: String,
    pub member_name: String,
    pub org_code: String,
    pub org_name: String,
    pub org_kind: OrgKind,
    pub role: OrgRole,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
}

pub fn list(conn: &Connection) -> Result<Vec<Org>> {
    let mut stmt = conn.prepare(
        "SELECT o.id, o.code, o.name, o.kind, o.note,
                (SELECT count(*) FROM membership s WHERE s.org_id = o.id AND s.end_on IS NULL)
         FROM org o ORDER BY o.kind = 'standing' DESC, o.kind, o.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(3)?;
        Ok(Org {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: OrgKind::from_code(&kind).unwrap_or(OrgKind::Group),
            note: r.get(4)?,
            members: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds an organisation by name or code.
pub fn find(conn: &Connection, key: &str) -> Result<Org> {
    let id: Option<i64> = conn
        .query_row_cached(
            "SELECT id FROM org WHERE name = ?1 OR code = ?1",
            [key.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let id = id.ok_or_else(|| {
        Error::data(text!("组织「{}」不存在", "unknown organisation '{}'", key)).with_hint(text!(
            "用 lvzhi org list 查看已有的专委会和小组，或用 lvzhi org add 添加",
            "see `lvzhi org list`, or add it with `lvzhi org add`"
        ))
    })?;
    Ok(list(conn)?
        .into_iter()
        .find(|o| o.id == id)
        .expect("org just found"))
}

/// Adds an organisation; the code defaults to the next free `O01`, `O02`….
pub fn add(w: &W, name: &str, kind: OrgKind, code: Option<&str>, note: Option<&str>) -> Result<i64> {
    if kind == OrgKind::Standing {
        return Err(Error::usage(text!(
            "常务委员会已由 init 建立，不能再添加",
            "the standing committee is created by init and cannot be added again"
        )));
    }
    let taken: Option<i64> = w
        .query_row_cached("SELECT id FROM org WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(Error::data(text!(
            "组织「{}」已存在",
            "organisation '{}' already exists",
            name
        )));
    }
    let code = match code {
        Some(c) => {
            let t: Option<i64> = w
                .query_row_cached("SELECT id FROM org WHERE code = ?1", [c], |r| r.get(0))
                .optional()?;
            if t.is_some() {
                return Err(Error::data(text!(
                    "组织代码「{}」已被使用",
                    "organisation code '{}' is already used",
                    c
                )));
            }
            c.to_string()
        }
        None => {
            let mut i: i64 = w.query_row_cached("SELECT count(*) FROM org", [], |r| r.get(0))?;
            loop {
                let c = format!("O{i:02}");
                let t: Option<i64> = w
                    .query_row_cached("SELECT id FROM org WHERE code = ?1", [&c], |r| r.get(0))
                    .optional()?;
                if t.is_none() {
                    break c;
                }
                i += 1;
            }
        }
    };
    w.insert(
        "org",
        "INSERT INTO org (code, name, kind, note) VALUES (?1, ?2, ?3, ?4)",
        params![code, name, kind.code(), note],
    )
}

/// Starts memberships of several members; all or nothing.
pub fn join(w: &W, org: &Org, members: &[Member], role: OrgRole, from: NaiveDate) -> Result<()> {
    for m in members {
        if let Some(j) = m.joined_on
            && from < j
        {
            return Err(Error::data(text!(
                "委员 {}（{}）{} 才任委员，不能从 {} 起加入「{}」",
                "member {} ({}) joined on {}, so cannot join '{}' from {}",
                m.name,
                m.code,
                j,
                from,
                org.name
            )));
        }
        if let Some(l) = m.left_on
            && from >= l
        {
            return Err(Error::data(text!(
                "委员 {}（{}）已于 {} 离任，不能加入「{}」",
                "member {} ({}) left on {} and cannot join '{}'",
                m.name,
                m.code,
                l,
                org.name
            )));
        }
        let open: Option<String> = w
            .query_row_cached(
                "SELECT start_on FROM membership WHERE member_id = ?1 AND org_id = ?2 AND end_on IS NULL",
                params![m.id, org.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(since) = open {
            return Err(Error::data(text!(
                "委员 {}（{}）自 {} 起已在「{}」中",
                "member {} ({}) is already in '{}' since {}",
                m.name,
                m.code,
                since,
                org.name
            )));
        }
        let overlap: Option<String> = w
            .query_row_cached(
                "SELECT end_on FROM membership WHERE member_id = ?1 AND org_id = ?2 AND end_on > ?3",
                params![m.id, org.id, from],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(end) = overlap {
            return Err(Error::data(text!(
                "委员 {}（{}）在「{}」的上一段任职到 {} 才结束，新任职不能从 {} 开始",
                "member {} ({}) was in '{}' until {}; a new membership cannot start on {}",
                m.name,
                m.code,
                org.name,
                end,
                from
            )));
        }
        if org.kind == OrgKind::Standing {
            check_standing(w, m, from, || {
                text!(
                    "委员 {}（{}）自 {} 起任常委",
                    "member {} ({}) joining the standing committee on {}",
                    m.name,
                    m.code,
                    from
                )
            })?;
        }
        w.insert(
            "membership",
            "INSERT INTO membership (member_id, org_id, role, start_on) VALUES (?1, ?2, ?3, ?4)",
            params![m.id, org.id, role.code(), from],
        )?;
    }
    Ok(())
}

/// Ends the open membership of each member; all or nothing.
pub fn leave(w: &W, org: &Org, members: &[Member], on: NaiveDate) -> Result<()> {
    for m in members {
        let open: Option<(i64, NaiveDate)> = w
            .query_row_cached(
                "SELECT id, start_on FROM membership WHERE member_id = ?1 AND org_id = ?2 AND end_on IS NULL",
                params![m.id, org.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, start)) = open else {
            return Err(Error::data(text!(
                "委员 {}（{}）目前不在「{}」中",
                "member {} ({}) is not in '{}' now",
                m.name,
                m.code,
                org.name
            )));
        };
        crate::domain::dates::check_order(start, on)?;
        if org.kind == OrgKind::Standing {
            check_standing(w, m, on, || {
                text!(
                    "委员 {}（{}）于 {} 卸任常委",
                    "member {} ({}) leaving the standing committee on {}",
                    m.name,
                    m.code,
                    on
                )
            })?;
        }
        w.update(
            "membership",
            id,
            "UPDATE membership SET end_on = ?1 WHERE id = ?2",
            params![on, id],
        )?;
    }
    Ok(())
}

/// Refuses a change of a standing committee period whose earliest changed date is `earliest`
/// when it reaches into a finalised year (see [`finality`]); `what` says what the change is.
fn check_standing(
    w: &W,
    m: &Member,
    earliest: NaiveDate,
    what: impl FnOnce() -> crate::i18n::Text,
) -> Result<()> {
    let years = super::assess::final_years(w)?;
    let service = Service {
        joined: m.joined_on,
        left: m.left_on,
    };
    match finality::standing_change(&years, service, earliest) {
        Some(year) => Err(finality::refused(year, what())),
        None => Ok(()),
    }
}

/// Ends every open membership of a member (when the member leaves the committee).
pub fn end_all(w: &W, member_id: i64, on: NaiveDate) -> Result<()> {
    let ids: Vec<(i64, NaiveDate)> = w
        .prepare("SELECT id, start_on FROM membership WHERE member_id = ?1 AND end_on IS NULL")?
        .query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, start) in ids {
        let end = on.max(start);
        w.update(
            "membership",
            id,
            "UPDATE membership SET end_on = ?1 WHERE id = ?2",
            params![end, id],
        )?;
    }
    Ok(())
}

/// Memberships, optionally of one member or one organisation, oldest first.
pub fn memberships(
    conn: &Connection,
    member_id: Option<i64>,
    org_id: Option<i64>,
) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.member_id, m.code, m.name, o.code, o.name, o.kind, s.role, s.start_on, s.end_on
         FROM membership s JOIN member m ON m.id = s.member_id JOIN org o ON o.id = s.org_id
         WHERE (?1 IS NULL OR s.member_id = ?1) AND (?2 IS NULL OR s.org_id = ?2)
         ORDER BY s.start_on, s.id",
    )?;
    let rows = stmt.query_map(params![member_id, org_id], |r| {
        let kind: String = r.get(6)?;
        let role: String = r.get(7)?;
        Ok(Membership {
            id: r.get(0)?,
            member_id: r.get(1)?,
            member_code: r.get(2)?,
            member_name: r.get(3)?,
            org_code: r.get(4)?,
            org_name: r.get(5)?,
            org_kind: OrgKind::from_code(&kind).unwrap_or(OrgKind::Group),
            role: OrgRole::from_code(&role).unwrap_or(OrgRole::Member),
            start_on: r.get(8)?,
            end_on: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Id of the standing committee.
pub fn standing_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row_cached("SELECT id FROM org WHERE kind = 'standing'", [], |r| r.get(0))?)
}
