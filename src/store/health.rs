//! `lvzhi check`: is the file sound, is its schema exactly this version's, constraints,
//! triggers and all (nothing dropped or altered by hand), do the finalised years' inputs still
//! give the digest stored when they were finalised, and is the audit log's hash chain whole?

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::{latest_version, migrations, schema_version};
use crate::error::Result;
use crate::i18n::Text;
use crate::text;

/// One check: what was checked, whether it passed, and what was found when it did not.
#[derive(Clone, Debug)]
pub struct Check {
    pub key: &'static str,
    pub what: Text,
    pub ok: bool,
    pub found: Vec<String>,
}

/// The schema objects (tables, indexes, triggers, views) of a database by type and name,
/// with their SQL, whitespace-normalised.
fn objects(conn: &Connection) -> Result<BTreeMap<(String, String), String>> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")?;
    let rows = stmt.query_map([], |r| {
        let sql: String = r.get(2)?;
        Ok((
            (r.get(0)?, r.get(1)?),
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs every check on an open database.
pub fn check(conn: &Connection) -> Result<Vec<Check>> {
    let mut out = Vec::new();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let sound = integrity == ["ok"];
    out.push(Check {
        key: "integrity",
        what: text!(
            "文件完整（SQLite integrity_check）",
            "the file is sound (SQLite integrity_check)"
        ),
        ok: sound,
        found: if sound { Vec::new() } else { integrity },
    });
    let orphans: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "{} #{} → {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.push(Check {
        key: "references",
        what: text!(
            "每条记录引用的委员、活动等都存在",
            "every reference points at an existing record"
        ),
        ok: orphans.is_empty(),
        found: orphans,
    });
    let version = schema_version(conn)?;
    out.push(Check {
        key: "version",
        what: text!("结构版本与本程序一致", "the schema version is this program's"),
        ok: version == latest_version(),
        found: vec![format!("{version} / {}", latest_version())],
    });
    // The schema this version makes, built afresh in memory, against the file's.
    let mut fresh = Connection::open_in_memory()?;
    migrations()
        .to_latest(&mut fresh)
        .map_err(|e| crate::error::Error::data(text!("内部错误：{}", "internal error: {}", e)))?;
    let want = objects(&fresh)?;
    let have = objects(conn)?;
    let mut differ = Vec::new();
    for ((kind, name), sql) in &want {
        match have.get(&(kind.clone(), name.clone())) {
            None => differ.push(format!("{kind} {name}: {}", crate::i18n::pick("缺失", "missing"))),
            Some(s) if s != sql => differ.push(format!(
                "{kind} {name}: {}",
                crate::i18n::pick("被改动", "altered")
            )),
            Some(_) => {}
        }
    }
    for (kind, name) in have.keys().filter(|k| !want.contains_key(*k)) {
        differ.push(format!("{kind} {name}: {}", crate::i18n::pick("多出", "extra")));
    }
    out.push(Check {
        key: "schema",
        what: text!(
            "表、约束、索引和触发器（定稿锁定、审计日志只增不改）与本版本完全一致",
            "tables, constraints, indexes and triggers (year locks, the append-only audit log) are exactly this version's"
        ),
        ok: differ.is_empty(),
        found: differ,
    });
    // In a roll-up each committee brought in is checked as its own file would be: its years
    // against their digests with only its records in view, its audit chain with its ids moved
    // back to its package's.
    let held = match super::rollup::is_rollup(conn)? {
        true => super::rollup::held(conn)?,
        false => Vec::new(),
    };
    let mut changed = Vec::new();
    for h in &held {
        super::rollup::scope(conn, h.id)?;
        let found = digest_changes(conn);
        super::rollup::unscope(conn)?;
        changed.extend(found?.into_iter().map(|f| format!("{} {}: {f}", h.code, h.name)));
    }
    if held.is_empty() {
        changed = digest_changes(conn)?;
    }
    out.push(Check {
        key: "final_inputs",
        what: text!(
            "已定稿年度的考核依据（委员、常委任期、活动、出席、提案、考核办法等）与定稿时的校验码一致",
            "finalised years' inputs (members, standing periods, activities, attendance, proposals, rules…) match the digest taken when finalised"
        ),
        ok: changed.is_empty(),
        found: changed,
    });
    let mut broken: Vec<String> = super::chain::first_break(conn)?
        .map(chain_break)
        .into_iter()
        .collect();
    for h in &held {
        if let Some(id) = super::rollup::chain_break(conn, h)? {
            broken.push(format!("{} {}: {}", h.code, h.name, chain_break(id)));
        }
    }
    out.push(Check {
        key: "audit_chain",
        what: text!(
            "操作日志的哈希链完整（没有条目被伪造、改动或删除）",
            "the audit log's hash chain is whole (no entry forged, changed or removed)"
        ),
        ok: broken.is_empty(),
        found: broken,
    });
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    out.push(Check {
        key: "wal",
        what: text!("预写日志（WAL）模式", "write-ahead log (WAL) mode"),
        ok: mode == "wal",
        found: vec![mode],
    });
    Ok(out)
}

/// How the finalised years' inputs differ from their digests, one line a year.
fn digest_changes(conn: &Connection) -> Result<Vec<String>> {
    Ok(super::digest::verify(conn)?
        .into_iter()
        .map(|c| match c.stored {
            Some(stored) => crate::i18n::pick(
                &format!(
                    "{} 年度：定稿后其考核依据的记录被改动（定稿时校验码 {}，现在 {}）",
                    c.year,
                    super::digest::short(&stored),
                    super::digest::short(&c.now)
                ),
                &format!(
                    "{}: its inputs changed since it was finalised (digest {} then, {} now)",
                    c.year,
                    super::digest::short(&stored),
                    super::digest::short(&c.now)
                ),
            )
            .to_string(),
            None => crate::i18n::pick(
                &format!("{} 年度：定稿结果没有校验码", c.year),
                &format!("{}: the final result has no digest", c.year),
            )
            .to_string(),
        })
        .collect())
}

fn chain_break(id: i64) -> String {
    crate::i18n::pick(
        &format!("第 {id} 条起断开：这条被伪造或改动过，或它前面的条目被删除"),
        &format!("broken at entry {id}: it was forged or changed, or the entry before it removed"),
    )
    .to_string()
}
