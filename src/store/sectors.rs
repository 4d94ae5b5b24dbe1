//! Sectors (界别).

use super::CachedQuery;
use rusqlite::{Connection, OptionalExtension, params};

use std::collections::HashMap;

use super::W;
use crate::domain::sectors as domain;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// A sector.
#[derive(Clone, Debug)]
pub struct Sector {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sort_order: i64,
    pub members: i64,
}

/// The usual sectors of a county committee, in their customary order.
pub const STANDARD: &[(&str, &str)] = &[
    ("zgdy", "中国共产党"),
    ("mg", "民革"),
    ("mm", "民盟"),
    ("mj", "民建"),
    ("mjin", "民进"),
    ("ngd", "农工党"),
    ("jsxs", "九三学社"),
    ("wdp", "无党派人士"),
    ("gqt", "共青团"),
    ("gh", "工会"),
    ("fl", "妇联"),
    ("gsl", "工商联"),
    ("kj", "科学技术界"),
    ("whys", "文化艺术界"),
    ("jy", "教育界"),
    ("yy", "医药卫生界"),
    ("jj", "经济界"),
    ("ny", "农业界"),
    ("shfl", "社会福利和社会保障界"),
    ("mz", "少数民族界"),
    ("zj", "宗教界"),
    ("ty", "特邀人士"),
];

pub fn list(conn: &Connection) -> Result<Vec<Sector>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.code, s.name, s.sort_order,
                (SELECT count(*) FROM member m WHERE m.sector_id = s.id AND m.left_on IS NULL)
         FROM sector s ORDER BY s.sort_order, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Sector {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sort_order: r.get(3)?,
            members: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every name a sector can be given by: its names and codes, the committee's own aliases, and
/// the usual names of the standard sectors (built into `domain::sectors`).
pub struct Resolver {
    /// Name, code or alias → (id, name).
    known: HashMap<String, (i64, String)>,
    names: Vec<String>,
}

impl Resolver {
    pub fn load(conn: &Connection) -> Result<Resolver> {
        let mut known = HashMap::new();
        let mut names = Vec::new();
        let stored = list(conn)?;
        for s in &stored {
            known.insert(s.name.clone(), (s.id, s.name.clone()));
            names.push(s.name.clone());
        }
        // A built-in name counts when exactly one stored sector is in its group.
        for group in domain::ALIASES {
            let mut hits = stored.iter().filter(|s| group.contains(&s.name.as_str()));
            if let (Some(s), None) = (hits.next(), hits.next()) {
                for alias in *group {
                    known.entry(alias.to_string()).or_insert((s.id, s.name.clone()));
                }
            }
        }
        let mut stmt = conn.prepare(
            "SELECT a.alias, s.id, s.name FROM sector_alias a JOIN sector s ON s.id = a.sector_id",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))? {
            let (alias, id, name) = r?;
            known.insert(alias, (id, name));
        }
        for s in stored {
            known.entry(s.code).or_insert((s.id, s.name));
        }
        Ok(Resolver { known, names })
    }

    /// The sector a name, code or alias stands for: (id, name); otherwise why not, with the
    /// closest known name when there is one.
    pub fn find(&self, key: &str) -> std::result::Result<(i64, &str), Text> {
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some((id, name)) = self.known.get(&key) {
            return Ok((*id, name));
        }
        let known = self.names.iter().map(String::as_str);
        Err(match domain::closest(&key, known) {
            Some(near) => text!(
                "界别「{}」不存在；是不是「{}」？用 lvzhi sector list 查看已有界别，lvzhi sector alias add {} {} 可让这个写法今后通用",
                "unknown sector '{}'; did you mean '{}'? See `lvzhi sector list`; `lvzhi sector alias add {} {}` makes this spelling work from now on",
                key,
                near,
                key,
                near
            ),
            None => text!(
                "界别「{}」不存在；用 lvzhi sector list 查看已有界别，或先用 lvzhi sector add 添加",
                "unknown sector '{}'; see `lvzhi sector list`, or add it first with `lvzhi sector add`",
                key
            ),
        })
    }
}

/// Finds a sector by name, code or alias.
pub fn find(conn: &Connection, key: &str) -> Result<i64> {
    let exact: Option<i64> = conn
        .prepare_cached("SELECT id FROM sector WHERE name = ?1 OR code = ?1")?
        .query_row([key.trim()], |r| r.get(0))
        .optional()?;
    if let Some(id) = exact {
        return Ok(id);
    }
    Resolver::load(conn)?.find(key).map(|(id, _)| id).map_err(|why| {
        Error::data(why).with_hint(text!(
            "界别可写名称、代码、常用简称或全称（lvzhi sector alias list 列出）",
            "a sector may be given by name, code, or a usual short or full name (`lvzhi sector alias list`)"
        ))
    })
}

/// One of a committee's own aliases.
#[derive(Clone, Debug)]
pub struct Alias {
    pub id: i64,
    pub alias: String,
    pub sector: String,
}

/// Adds another name for a sector; refused when the name already means a sector.
pub fn add_alias(w: &W, alias: &str, sector: &str) -> Result<i64> {
    let alias: String = alias.chars().filter(|c| !c.is_whitespace()).collect();
    if alias.is_empty() {
        return Err(Error::usage(text!("别名不能为空", "the alias cannot be empty")));
    }
    let r = Resolver::load(w)?;
    let (sector_id, _) = r.find(sector).map_err(Error::data)?;
    if let Ok((_, taken)) = r.find(&alias) {
        return Err(Error::data(text!(
            "「{}」已经指界别「{}」",
            "'{}' already means the sector '{}'",
            alias,
            taken
        )));
    }
    w.insert(
        "sector_alias",
        "INSERT INTO sector_alias (alias, sector_id) VALUES (?1, ?2)",
        params![alias, sector_id],
    )
}

/// The committee's own aliases, by sector order.
pub fn aliases(conn: &Connection) -> Result<Vec<Alias>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.alias, s.name FROM sector_alias a JOIN sector s ON s.id = a.sector_id
         ORDER BY s.sort_order, s.id, a.alias",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Alias {
            id: r.get(0)?,
            alias: r.get(1)?,
            sector: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes one of the committee's own aliases.
pub fn remove_alias(w: &W, alias: &str) -> Result<()> {
    let id: Option<i64> = w
        .query_row_cached(
            "SELECT id FROM sector_alias WHERE alias = ?1",
            [alias.trim()],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => w.delete("sector_alias", id),
        None => Err(Error::data(text!(
            "没有别名「{}」（内置的常用名称不能删除）",
            "there is no alias '{}' (the built-in usual names cannot be removed)",
            alias
        ))),
    }
}

/// Adds a sector; code and order default to the next free ones.
pub fn add(w: &W, name: &str, code: Option<&str>, order: Option<i64>) -> Result<i64> {
    let name = name.trim();
    let exists: Option<i64> = w
        .query_row_cached("SELECT id FROM sector WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(Error::data(text!(
            "界别「{}」已存在",
            "sector '{}' already exists",
            name
        )));
    }
    let code = match code {
        Some(c) => {
            let taken: Option<i64> = w
                .query_row_cached("SELECT id FROM sector WHERE code = ?1", [c], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::data(text!(
                    "界别代码「{}」已被使用",
                    "sector code '{}' is already used",
                    c
                )));
            }
            c.to_string()
        }
        None => {
            let n: i64 = w.query_row_cached("SELECT count(*) FROM sector", [], |r| r.get(0))?;
            let mut i = n + 1;
            loop {
                let c = format!("S{i:02}");
                let taken: Option<i64> = w
                    .query_row_cached("SELECT id FROM sector WHERE code = ?1", [&c], |r| r.get(0))
                    .optional()?;
                if taken.is_none() {
                    break c;
                }
                i += 1;
            }
        }
    };
    let order = match order {
        Some(o) => o,
        None => w.query_row_cached("SELECT coalesce(max(sort_order), 0) + 1 FROM sector", [], |r| {
            r.get(0)
        })?,
    };
    w.insert(
        "sector",
        "INSERT INTO sector (code, name, sort_order) VALUES (?1, ?2, ?3)",
        params![code, name, order],
    )
}

/// Adds every standard sector that is missing; returns how many were added.
pub fn add_standard(w: &W) -> Result<usize> {
    let mut added = 0;
    for (code, name) in STANDARD {
        let exists: Option<i64> = w
            .query_row_cached(
                "SELECT id FROM sector WHERE name = ?1 OR code = ?2",
                [name, code],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            add(w, name, Some(code), None)?;
            added += 1;
        }
    }
    Ok(added)
}
