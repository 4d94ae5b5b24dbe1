//! Members (委员).

use super::CachedQuery;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{W, orgs, sectors};
use crate::domain::clean;
use crate::domain::codes::{Gender, LeftReason};
use crate::domain::finality::{self, Service};
use crate::domain::idcard;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// A member as stored, with the sector's name.
#[derive(Clone, Debug)]
pub struct Member {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub party: Option<String>,
    pub sector: String,
    pub workplace: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<LeftReason>,
    pub note: Option<String>,
    /// Whether the member is on the standing committee now.
    pub standing: bool,
}

impl Member {
    /// Whether the member was serving on `day`.
    pub fn serving_on(&self, day: NaiveDate) -> bool {
        crate::domain::service::serving_on(self.joined_on, self.left_on, day)
    }
}

const SELECT: &str = "SELECT m.id, m.code, m.name, m.gender, m.ethnicity, m.birth_date, m.party, s.name,
        m.workplace, m.title, m.phone, m.id_number, m.joined_on, m.left_on, m.left_reason, m.note,
        EXISTS (SELECT 1 FROM membership x JOIN org o ON o.id = x.org_id
                WHERE x.member_id = m.id AND o.kind = 'standing' AND x.end_on IS NULL)
    FROM member m JOIN sector s ON s.id = m.sector_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Member> {
    let gender: Option<String> = r.get(3)?;
    let reason: Option<String> = r.get(14)?;
    Ok(Member {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        gender: gender.as_deref().and_then(Gender::from_code),
        ethnicity: r.get(4)?,
        birth_date: r.get(5)?,
        party: r.get(6)?,
        sector: r.get(7)?,
        workplace: r.get(8)?,
        title: r.get(9)?,
        phone: r.get(10)?,
        id_number: r.get(11)?,
        joined_on: r.get(12)?,
        left_on: r.get(13)?,
        left_reason: reason.as_deref().and_then(LeftReason::from_code),
        note: r.get(15)?,
        standing: r.get(16)?,
    })
}

/// Which members to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub sector: Option<String>,
    /// `Some(true)`: serving members only; `Some(false)`: those who left.
    pub serving: Option<bool>,
    pub standing: bool,
    pub org: Option<String>,
}

/// Members matching the filter, by code.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Member>> {
    let sector = f.sector.as_deref().map(|s| sectors::find(conn, s)).transpose()?;
    let org = f
        .org
        .as_deref()
        .map(|o| orgs::find(conn, o))
        .transpose()?
        .map(|o| o.id);
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR m.sector_id = ?1)
           AND (?2 IS NULL OR (?2 = 1 AND m.left_on IS NULL) OR (?2 = 0 AND m.left_on IS NOT NULL))
           AND (?3 = 0 OR EXISTS (SELECT 1 FROM membership x JOIN org o ON o.id = x.org_id
                                  WHERE x.member_id = m.id AND o.kind = 'standing' AND x.end_on IS NULL))
           AND (?4 IS NULL OR EXISTS (SELECT 1 FROM membership x WHERE x.member_id = m.id
                                      AND x.org_id = ?4 AND x.end_on IS NULL))
         ORDER BY m.code"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![sector, f.serving, f.standing, org], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds one member by code or exact name; a shared name is refused with the candidates.
pub fn resolve(conn: &Connection, key: &str) -> Result<Member> {
    resolve_inner(conn, key).map_err(Error::data)
}

fn resolve_inner(conn: &Connection, key: &str) -> std::result::Result<Member, Text> {
    let code = clean::code(key);
    let by_code = conn
        .query_row_cached(&format!("{SELECT} WHERE m.code = ?1"), [&code], row)
        .optional()
        .map_err(|e| text!("数据库错误：{}", "database error: {}", e))?;
    if let Some(m) = by_code {
        return Ok(m);
    }
    let key = clean::name(key);
    let mut stmt = conn
        .prepare(&format!("{SELECT} WHERE m.name = ?1 ORDER BY m.code"))
        .map_err(|e| text!("数据库错误：{}", "database error: {}", e))?;
    let found: Vec<Member> = stmt
        .query_map([&key], row)
        .and_then(|rows| rows.collect())
        .map_err(|e| text!("数据库错误：{}", "database error: {}", e))?;
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(text!(
            "委员「{}」不存在（按编号和姓名都没有找到）",
            "unknown member '{}' (no such code or name)",
            key
        )),
        _ => {
            let list = |sep: &str| {
                found
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {} {} {}",
                            m.code,
                            m.name,
                            m.sector,
                            m.workplace.as_deref().unwrap_or("")
                        )
                    })
                    .map(|s| s.trim_end().to_string())
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            Err(Text::new(
                format!(
                    "姓名「{}」有 {} 位委员同名：{}；请改用编号",
                    key,
                    found.len(),
                    list("；")
                ),
                format!(
                    "the name '{}' is shared by {} members: {}; use the code instead",
                    key,
                    found.len(),
                    list("; ")
                ),
            ))
        }
    }
}

/// Resolves a list of members all-or-nothing: every problem is reported, nothing is returned
/// unless all resolve.
pub fn resolve_all(conn: &Connection, keys: &[String]) -> Result<Vec<Member>> {
    let mut found = Vec::new();
    let mut problems: Vec<Text> = Vec::new();
    for k in keys {
        match resolve_inner(conn, k) {
            Ok(m) => found.push(m),
            Err(t) => problems.push(t),
        }
    }
    if problems.is_empty() {
        return Ok(found);
    }
    let zh = problems
        .iter()
        .map(|t| t.zh.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let en = problems
        .iter()
        .map(|t| t.en.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Err(Error::data(Text::new(zh, en)).with_hint(text!(
        "没有写入任何记录；用 lvzhi member list 查看编号和姓名",
        "nothing was written; see `lvzhi member list` for codes and names"
    )))
}

/// A member to add.
#[derive(Clone, Debug, Default)]
pub struct NewMember {
    pub code: Option<String>,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    /// Stored form from [`crate::domain::dates::parse_birth`].
    pub birth_date: Option<String>,
    pub party: Option<String>,
    pub sector: String,
    pub workplace: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// On the standing committee from this date.
    pub standing_from: Option<NaiveDate>,
}

/// Checks an ID number against the birth date and gender given with it, and fills them in
/// when they were not given.
pub fn reconcile_id(
    id_number: Option<&str>,
    birth: &mut Option<String>,
    gender: &mut Option<Gender>,
) -> Result<Option<String>> {
    let Some(raw) = id_number else {
        return Ok(None);
    };
    let info = idcard::validate(raw)?;
    match birth {
        Some(b) if !info.birth.starts_with(b.as_str()) => {
            return Err(Error::usage(text!(
                "身份证号 {} 中的出生日期 {} 与「出生年月」{} 不符",
                "ID number {} gives birth date {}, which does not match the birth date {}",
                info.number,
                info.birth,
                b
            )));
        }
        Some(_) => {}
        None => *birth = Some(info.birth.clone()),
    }
    let id_gender = if info.female { Gender::Female } else { Gender::Male };
    match gender {
        Some(g) if *g != id_gender => {
            return Err(Error::usage(text!(
                "身份证号 {} 表明性别为{}，与填写的「{}」不符",
                "ID number {} says the gender is {}, not {}",
                info.number,
                id_gender.zh(),
                g.zh()
            )));
        }
        Some(_) => {}
        None => *gender = Some(id_gender),
    }
    Ok(Some(info.number))
}

/// A code a new or renamed member may take: not an example code, not another member's.
fn check_code_free(conn: &Connection, code: &str) -> Result<()> {
    crate::domain::example::check_member_code(code)?;
    let taken: Option<String> = conn
        .query_row_cached("SELECT name FROM member WHERE code = ?1", [code], |r| r.get(0))
        .optional()?;
    if let Some(name) = taken {
        return Err(Error::data(text!(
            "委员编号「{}」已被 {} 使用",
            "member code '{}' is already used by {}",
            code,
            name
        ))
        .with_hint(text!(
            "换一个编号，或不写 --code 由程序自动编号",
            "choose another code, or leave out --code to have one generated"
        )));
    }
    Ok(())
}

fn check_id_free(conn: &Connection, id_number: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<(i64, String, String)> = conn
        .query_row_cached(
            "SELECT id, code, name FROM member WHERE id_number = ?1",
            [id_number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((id, code, name)) = taken
        && Some(id) != except
    {
        return Err(Error::data(text!(
            "身份证号 {} 已登记在委员 {}（{}）名下",
            "ID number {} is already recorded for {} ({})",
            crate::domain::mask::mask(id_number),
            name,
            code
        )));
    }
    Ok(())
}

/// The next free generated code: M0001, M0002….
fn next_code(conn: &Connection) -> Result<String> {
    let mut n: i64 = conn.query_row_cached("SELECT count(*) FROM member", [], |r| r.get(0))?;
    loop {
        n += 1;
        let c = format!("M{n:04}");
        let taken: Option<i64> = conn
            .query_row_cached("SELECT id FROM member WHERE code = ?1", [&c], |r| r.get(0))
            .optional()?;
        if taken.is_none() {
            return Ok(c);
        }
    }
}

/// Adds a member; returns the stored member.
pub fn add(w: &W, mut m: NewMember) -> Result<Member> {
    let name = clean::name(&m.name);
    m.code = m.code.map(|c| clean::code(&c));
    m.phone = m.phone.map(|c| clean::code(&c));
    m.id_number = m.id_number.map(|c| clean::code(&c));
    if name.is_empty() {
        return Err(Error::usage(text!(
            "「姓名」不能为空",
            "the name cannot be empty"
        )));
    }
    let sector_id = sectors::find(w, &m.sector)?;
    if let Some(p) = m.phone.as_deref().and_then(blank_to_none) {
        crate::domain::phone::parse_phone(p)?;
    }
    let id_number = reconcile_id(m.id_number.as_deref(), &mut m.birth_date, &mut m.gender)?;
    if let Some(id) = &id_number {
        check_id_free(w, id, None)?;
    }
    let years = super::assess::final_years(w)?;
    let service = Service {
        joined: m.joined_on,
        left: None,
    };
    if let Some(year) = finality::member_change(&years, None, Some(service), false, false) {
        let joined = match m.joined_on {
            Some(j) => text!("任委员日期 {}", "joining on {}", j),
            None => text!("未写任委员日期", "with no joining date"),
        };
        return Err(finality::refused(
            year,
            crate::i18n::Text::new(
                format!("新增委员 {name}（{}）", joined.zh),
                format!("adding member {name} ({})", joined.en),
            ),
        )
        .with_hint(text!(
            "新任委员请用 --joined 写明任委员日期（{} 年以后）；确需补进 {} 年度时，先用 lvzhi assess --year {} --supersede --reason 理由 撤销定稿",
            "give a new member's joining date with --joined (after {}); to add one to {}, first run `lvzhi assess --year {} --supersede --reason TEXT`",
            year,
            year,
            year
        )));
    }
    let code = match m.code.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => {
            check_code_free(w, c)?;
            c.to_string()
        }
        _ => next_code(w)?,
    };
    let id = w.insert(
        "member",
        "INSERT INTO member (code, name, gender, ethnicity, birth_date, party, sector_id, workplace,
                             title, phone, id_number, joined_on, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            code,
            name,
            m.gender.map(|g| g.code()),
            m.ethnicity,
            m.birth_date,
            m.party,
            sector_id,
            m.workplace,
            m.title,
            m.phone,
            id_number,
            m.joined_on,
            m.note
        ],
    )?;
    let member = by_id(w, id)?;
    if let Some(from) = m.standing_from {
        let standing = orgs::find(w, "standing")?;
        orgs::join(
            w,
            &standing,
            std::slice::from_ref(&member),
            crate::domain::codes::OrgRole::Member,
            from,
        )?;
    }
    by_id(w, id)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Member> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE m.id = ?1"))?;
    Ok(stmt.query_row([id], row)?)
}

/// Changes to a member's record; `Some("")` clears an optional field.
#[derive(Clone, Debug, Default)]
pub struct MemberEdit {
    pub code: Option<String>,
    pub name: Option<String>,
    pub gender: Option<Option<Gender>>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<Option<String>>,
    pub party: Option<String>,
    pub sector: Option<String>,
    pub workplace: Option<String>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub note: Option<String>,
}

fn blank_to_none(v: &str) -> Option<&str> {
    let t = v.trim();
    (!t.is_empty()).then_some(t)
}

/// Applies an edit; returns the member after it.
pub fn edit(w: &W, member: &Member, mut e: MemberEdit) -> Result<Member> {
    e.code = e.code.map(|c| clean::code(&c));
    e.name = e.name.map(|c| clean::name(&c));
    e.phone = e.phone.map(|c| clean::code(&c));
    e.id_number = e.id_number.map(|c| clean::code(&c));
    let code = match e.code.as_deref().map(str::trim) {
        Some(c) if c != member.code => {
            if c.is_empty() {
                return Err(Error::usage(text!(
                    "「编号」不能为空",
                    "the code cannot be empty"
                )));
            }
            check_code_free(w, c)?;
            c.to_string()
        }
        _ => member.code.clone(),
    };
    let name = match e.name.as_deref().map(str::trim) {
        Some("") => {
            return Err(Error::usage(text!(
                "「姓名」不能为空",
                "the name cannot be empty"
            )));
        }
        Some(n) => n.to_string(),
        None => member.name.clone(),
    };
    let sector_id = sectors::find(w, e.sector.as_deref().unwrap_or(&member.sector))?;
    if let Some(p) = e.phone.as_deref().and_then(blank_to_none) {
        crate::domain::phone::parse_phone(p)?;
    }
    let pick = |new: &Option<String>, old: &Option<String>| -> Option<String> {
        match new {
            Some(v) => blank_to_none(v).map(str::to_string),
            None => old.clone(),
        }
    };
    let mut gender = e.gender.unwrap_or(member.gender);
    let mut birth = e.birth_date.unwrap_or_else(|| member.birth_date.clone());
    let id_input = pick(&e.id_number, &member.id_number);
    // An ID number, new or kept, must agree with the birth date and gender.
    let id_number = reconcile_id(id_input.as_deref(), &mut birth, &mut gender)?;
    if let Some(id) = &id_number {
        check_id_free(w, id, Some(member.id))?;
    }
    let joined = e.joined_on.or(member.joined_on);
    if let (Some(j), Some(l)) = (joined, member.left_on)
        && l < j
    {
        crate::domain::dates::check_order(j, l)?;
    }
    let new_sector: String =
        w.query_row_cached("SELECT name FROM sector WHERE id = ?1", [sector_id], |r| r.get(0))?;
    let years = super::assess::final_years(w)?;
    let old = Service {
        joined: member.joined_on,
        left: member.left_on,
    };
    let new = Service {
        joined,
        left: member.left_on,
    };
    let code_or_sector = code != member.code || new_sector != member.sector;
    if let Some(year) = finality::member_change(&years, Some(old), Some(new), false, code_or_sector) {
        let show = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
        let what = if joined != member.joined_on {
            text!(
                "委员 {}（{}）的任委员日期由 {} 改为 {}",
                "changing the joining date of member {} ({}) from {} to {}",
                member.name,
                member.code,
                show(member.joined_on),
                show(joined)
            )
        } else if code != member.code {
            text!(
                "委员 {}（{}）的编号改为 {}",
                "changing the code of member {} ({}) to {}",
                member.name,
                member.code,
                code
            )
        } else {
            text!(
                "委员 {}（{}）的界别由「{}」改为「{}」",
                "changing the sector of member {} ({}) from '{}' to '{}'",
                member.name,
                member.code,
                member.sector,
                new_sector
            )
        };
        return Err(finality::refused(year, what));
    }
    w.update(
        "member",
        member.id,
        "UPDATE member SET code = ?1, name = ?2, gender = ?3, ethnicity = ?4, birth_date = ?5,
            party = ?6, sector_id = ?7, workplace = ?8, title = ?9, phone = ?10, id_number = ?11,
            joined_on = ?12, note = ?13 WHERE id = ?14",
        params![
            code,
            name,
            gender.map(|g| g.code()),
            pick(&e.ethnicity, &member.ethnicity),
            birth,
            pick(&e.party, &member.party),
            sector_id,
            pick(&e.workplace, &member.workplace),
            pick(&e.title, &member.title),
            pick(&e.phone, &member.phone),
            id_number,
            joined,
            pick(&e.note, &member.note),
            member.id
        ],
    )?;
    by_id(w, member.id)
}

/// Records that a member left; ends the member's open memberships on the same day.
pub fn leave(w: &W, member: &Member, on: NaiveDate, reason: LeftReason) -> Result<Member> {
    if let Some(l) = member.left_on {
        return Err(Error::data(text!(
            "委员 {}（{}）已于 {} 离任",
            "member {} ({}) already left on {}",
            member.name,
            member.code,
            l
        )));
    }
    if let Some(j) = member.joined_on
        && on < j
    {
        return Err(Error::usage(text!(
            "离任日期 {} 早于任委员日期 {}",
            "leaving date {} is before the joining date {}",
            on,
            j
        )));
    }
    let years = super::assess::final_years(w)?;
    let old = Service {
        joined: member.joined_on,
        left: None,
    };
    let new = Service {
        joined: member.joined_on,
        left: Some(on),
    };
    if let Some(year) = finality::member_change(&years, Some(old), Some(new), true, false) {
        return Err(finality::refused(
            year,
            text!(
                "委员 {}（{}）于 {} 离任",
                "member {} ({}) leaving on {}",
                member.name,
                member.code,
                on
            ),
        ));
    }
    w.update(
        "member",
        member.id,
        "UPDATE member SET left_on = ?1, left_reason = ?2 WHERE id = ?3",
        params![on, reason.code(), member.id],
    )?;
    orgs::end_all(w, member.id, on)?;
    by_id(w, member.id)
}
