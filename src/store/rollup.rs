//! The roll-up file (汇总): committees brought in from their packages, side by side.
//!
//! A package's rows are copied in with every row id moved past the ids already held in its table
//! (and every reference moved with the table it points to), under a new committee row. Its audit
//! entries keep their fields and hashes; the chain is verified with the ids moved back.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use crate::error::{Error, Result};
use crate::text;

/// Tables that describe the file rather than hold a committee's records: never copied.
const OWN: &[&str] = &["committee", "package", "rollup_package"];

/// The division code of the roll-up (`lvzhi rollup init`); None when the file is no roll-up.
pub fn rollup_code(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT rollup_code FROM main.committee WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// Whether the connection reads a roll-up as a whole (not one committee of it, see [`scope`]):
/// then no committee's seal or single result applies.
pub fn read_whole(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT rollup_code IS NOT NULL FROM committee WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Whether the file is a roll-up.
pub fn is_rollup(conn: &Connection) -> Result<bool> {
    Ok(rollup_code(conn)?.is_some())
}

/// Makes the file a roll-up of division `code`.
pub fn mark(w: &W, code: &str) -> Result<()> {
    w.update(
        "committee",
        1,
        "UPDATE committee SET rollup_code = ?1 WHERE id = 1",
        [code],
    )?;
    Ok(())
}

/// What a package says of itself: its `package` row, its committee and its audit log.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub code: String,
    pub name: String,
    pub level: String,
    pub made_at: String,
    pub lvzhi_version: String,
    pub members: i64,
    pub activities: i64,
    pub proposals: i64,
    pub reports: i64,
    pub final_years: Vec<i64>,
    pub audit_entries: i64,
    pub audit_head: String,
    /// The package is itself a roll-up.
    pub rollup: bool,
    /// The committee's id in the package (1 in a committee's own package).
    pub src: i64,
    /// The SHA-256 of the committee's own package, when it came through a roll-up's.
    pub sha256: Option<String>,
    /// How far the committee's ids were already moved in the roll-up it came through.
    pub offsets: BTreeMap<String, i64>,
    /// The division code of the roll-up it came through.
    pub via: Option<String>,
}

/// The package row of the file at `conn` and what goes with it; None when it is no package.
pub fn incoming(conn: &Connection) -> Result<Option<Incoming>> {
    let row = conn
        .query_row(
            "SELECT p.made_at, p.committee_code, p.lvzhi_version, p.members, p.activities, p.proposals,
                    p.reports, p.final_years, c.name, c.level, c.rollup_code IS NOT NULL
             FROM package p JOIN committee c ON c.id = 1",
            [],
            |r| {
                Ok(Incoming {
                    made_at: r.get(0)?,
                    code: r.get(1)?,
                    lvzhi_version: r.get(2)?,
                    members: r.get(3)?,
                    activities: r.get(4)?,
                    proposals: r.get(5)?,
                    reports: r.get(6)?,
                    final_years: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                    name: r.get(8)?,
                    level: r.get(9)?,
                    rollup: r.get(10)?,
                    audit_entries: 0,
                    audit_head: String::new(),
                    src: 1,
                    sha256: None,
                    offsets: BTreeMap::new(),
                    via: None,
                })
            },
        )
        .optional()?;
    let Some(mut p) = row else { return Ok(None) };
    (p.audit_entries, p.audit_head) = conn.query_row(
        "SELECT count(*), coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') FROM audit_log",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Some(p))
}

/// The committees a checked package brings: its own, or each one a roll-up's package holds
/// (as that roll-up received it).
pub fn parts(conn: &Connection, info: &Incoming) -> Result<Vec<Incoming>> {
    if !info.rollup {
        return Ok(vec![info.clone()]);
    }
    Ok(held(conn)?
        .into_iter()
        .map(|h| Incoming {
            code: h.code,
            name: h.name,
            level: h.level,
            made_at: h.made_at,
            lvzhi_version: h.lvzhi_version,
            members: h.members,
            activities: h.activities,
            proposals: h.proposals,
            reports: h.reports,
            final_years: h.final_years,
            audit_entries: h.audit_entries,
            audit_head: h.audit_head,
            rollup: false,
            src: h.id,
            sha256: Some(h.file_sha256),
            offsets: h.offsets,
            via: Some(info.code.clone()),
        })
        .collect())
}

/// A committee held in the roll-up and the package it came from.
#[derive(Clone, Debug)]
pub struct Held {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: String,
    pub added_at: String,
    pub made_at: String,
    pub file_sha256: String,
    pub audit_entries: i64,
    pub audit_head: String,
    pub members: i64,
    pub activities: i64,
    pub proposals: i64,
    pub reports: i64,
    pub final_years: Vec<i64>,
    pub offsets: BTreeMap<String, i64>,
    pub lvzhi_version: String,
}

const HELD: &str =
    "SELECT c.id, c.code, c.name, c.level, p.added_at, p.made_at, p.file_sha256, p.audit_entries,
        p.audit_head, p.members, p.activities, p.proposals, p.reports, p.final_years, p.offsets, p.lvzhi_version
     FROM main.committee c JOIN main.rollup_package p ON p.committee_id = c.id";

fn held_row(r: &rusqlite::Row) -> rusqlite::Result<Held> {
    Ok(Held {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        level: r.get(3)?,
        added_at: r.get(4)?,
        made_at: r.get(5)?,
        file_sha256: r.get(6)?,
        audit_entries: r.get(7)?,
        audit_head: r.get(8)?,
        members: r.get(9)?,
        activities: r.get(10)?,
        proposals: r.get(11)?,
        reports: r.get(12)?,
        final_years: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
        offsets: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
        lvzhi_version: r.get(15)?,
    })
}

/// Every committee held, by code.
pub fn held(conn: &Connection) -> Result<Vec<Held>> {
    Ok(conn
        .prepare(&format!("{HELD} ORDER BY c.code"))?
        .query_map([], held_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The committee held with division code `code`.
pub fn held_by_code(conn: &Connection, code: &str) -> Result<Option<Held>> {
    Ok(conn
        .query_row(&format!("{HELD} WHERE c.code = ?1"), [code], held_row)
        .optional()?)
}

/// Whether committee `src` of the package attached as `pkg` extends the audit log held for
/// `h`: it holds the newest entry held, and at least as many entries.
pub fn extends(conn: &Connection, h: &Held, src: i64) -> Result<bool> {
    if h.audit_head.is_empty() {
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pkg.audit_log WHERE hash = ?1 AND committee_id = ?3)
            AND (SELECT count(*) FROM pkg.audit_log WHERE committee_id = ?3) >= ?2",
        params![h.audit_head, h.audit_entries, src],
        |r| r.get(0),
    )?)
}

/// One kind of record compared between the copy held and the package: how many each holds,
/// how many the package adds and how many it no longer has (by natural key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: &'static str,
    pub before: i64,
    pub after: i64,
    pub added: i64,
    pub removed: i64,
}

/// Kinds of record compared, each with its table and the natural key of a row.
pub const COMPARED: &[(&str, &str, &str)] = &[
    ("members", "member", "x.code"),
    ("activities", "activity", "x.start_on || '|' || x.title"),
    ("proposals", "proposal", "x.number"),
    ("reports", "opinion", "x.number"),
];

/// What committee `src` of the package attached as `pkg` changes against committee `cid` as
/// held.
pub fn changes(conn: &Connection, cid: i64, src: i64) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    for (kind, table, key) in COMPARED {
        let held_keys = format!("SELECT {key} FROM main.{table} x WHERE x.committee_id = ?1");
        let new_keys = format!("SELECT {key} FROM pkg.{table} x WHERE x.committee_id = ?2");
        let (before, after, added, removed) = conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM main.{table} WHERE committee_id = ?1),
                        (SELECT count(*) FROM pkg.{table} WHERE committee_id = ?2),
                        (SELECT count(*) FROM ({new_keys} EXCEPT {held_keys})),
                        (SELECT count(*) FROM ({held_keys} EXCEPT {new_keys}))"
            ),
            [cid, src],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        out.push(Change {
            kind,
            before,
            after,
            added,
            removed,
        });
    }
    Ok(out)
}

/// A table copied from a package: its columns, the column that is its row id (if any), and
/// which columns refer to which table's ids.
struct Table {
    name: String,
    columns: Vec<String>,
    id: Option<String>,
    refs: Vec<(String, String)>,
}

/// The tables holding a committee's records, each after every table it refers to.
fn record_tables(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM main.sqlite_master m
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'committee_id')
             ORDER BY m.name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for name in names.into_iter().filter(|n| !OWN.contains(&n.as_str())) {
        let cols: Vec<(String, String, i64)> = conn
            .prepare("SELECT name, upper(type), pk FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let id = cols
            .iter()
            .find(|c| c.2 == 1 && c.1 == "INTEGER" && cols.iter().filter(|x| x.2 > 0).count() == 1)
            .map(|c| c.0.clone());
        let fks: Vec<(String, String, Option<String>)> = conn
            .prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut refs = Vec::new();
        for (from, table, to) in fks {
            if table == "committee" {
                continue;
            }
            if to.as_deref().is_some_and(|t| t != "id") {
                return Err(unsupported(&name, &from));
            }
            refs.push((from, table));
        }
        tables.push(Table {
            name,
            columns: cols.into_iter().map(|c| c.0).collect(),
            id,
            refs,
        });
    }
    // each table after the tables it refers to
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            t.refs
                .iter()
                .all(|(_, r)| *r == t.name || ordered.iter().any(|o| o.name == *r))
        });
        match ready {
            Some(i) => ordered.push(tables.remove(i)),
            None => return Err(unsupported(&tables[0].name, "")),
        }
    }
    Ok(ordered)
}

fn unsupported(table: &str, column: &str) -> Error {
    Error::data(text!(
        "内部错误：表 {} 的引用 {} 无法在汇总文件中移位",
        "internal error: the reference {1} of table {0} cannot be moved in a roll-up file",
        table,
        column
    ))
}

/// Adds committee `src` of the package attached as `pkg` as a new committee; returns its id
/// and the offsets its ids were moved by from those of its own file (`moved`: how far the
/// roll-up it came through had moved them already). The committee is created with `loading`
/// set, so that the locks of its finalised years let its rows in, and closed again at the end.
pub fn copy_in(w: &W, src: i64, moved: &BTreeMap<String, i64>) -> Result<(i64, BTreeMap<String, i64>)> {
    w.execute(
        "INSERT INTO main.committee (name, level, term, term_start, code, parent_code, loading)
         SELECT name, level, term, term_start, code, parent_code, 1 FROM pkg.committee WHERE id = ?1",
        [src],
    )?;
    let cid = w.last_insert_rowid();
    let mut offsets = BTreeMap::new();
    let tables = record_tables(w)?;
    let mut off: HashMap<String, i64> = HashMap::new();
    for t in &tables {
        let o = match &t.id {
            Some(id) => w.query_row(
                &format!("SELECT coalesce(max(\"{id}\"), 0) FROM main.\"{}\"", t.name),
                [],
                |r| r.get(0),
            )?,
            None => 0,
        };
        off.insert(t.name.clone(), o);
        offsets.insert(t.name.clone(), o + moved.get(&t.name).copied().unwrap_or(0));
    }
    for t in &tables {
        let exprs: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                if c == "committee_id" {
                    return cid.to_string();
                }
                if t.id.as_deref() == Some(c.as_str()) {
                    return format!("\"{c}\" + {}", off[&t.name]);
                }
                match t.refs.iter().find(|(from, _)| from == c) {
                    Some((_, table)) => format!("\"{c}\" + {}", off.get(table).copied().unwrap_or(0)),
                    None => format!("\"{c}\""),
                }
            })
            .collect();
        let cols: Vec<String> = t.columns.iter().map(|c| format!("\"{c}\"")).collect();
        w.execute(
            &format!(
                "INSERT INTO main.\"{0}\" ({1}) SELECT {2} FROM pkg.\"{0}\" WHERE committee_id = ?1",
                t.name,
                cols.join(", "),
                exprs.join(", ")
            ),
            [src],
        )?;
    }
    w.execute("UPDATE main.committee SET loading = 0 WHERE id = ?1", [cid])?;
    // The audit entries copied in took ids past the last one logged: the next entry logged
    // in this transaction looks its id up again.
    w.tail.replace(None);
    Ok((cid, offsets))
}

/// Deletes every record of committee `cid` and the committee itself (its package row goes
/// with it), the tables referring to others first.
pub fn remove(w: &W, cid: i64) -> Result<()> {
    if cid == 1 {
        return Err(Error::data(text!(
            "汇总文件本身的委员会不能移除",
            "the roll-up's own committee cannot be removed"
        )));
    }
    w.execute("UPDATE main.committee SET loading = 1 WHERE id = ?1", [cid])?;
    let tables = record_tables(w)?;
    for t in tables.iter().rev() {
        // references within one table are cleared first, where they may be
        for (from, table) in &t.refs {
            if *table == t.name {
                w.execute(
                    &format!(
                        "UPDATE main.\"{0}\" SET \"{from}\" = NULL WHERE committee_id = ?1",
                        t.name
                    ),
                    [cid],
                )?;
            }
        }
        w.execute(
            &format!("DELETE FROM main.\"{}\" WHERE committee_id = ?1", t.name),
            [cid],
        )?;
    }
    w.execute("DELETE FROM main.committee WHERE id = ?1", [cid])?;
    Ok(())
}

/// Records where committee `cid` came from.
pub fn save_package(
    w: &W,
    cid: i64,
    p: &Incoming,
    sha256: &str,
    offsets: &BTreeMap<String, i64>,
) -> Result<()> {
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let years = serde_json::to_string(&p.final_years).unwrap_or_default();
    let offsets = serde_json::to_string(offsets).unwrap_or_default();
    w.execute(
        "INSERT INTO rollup_package (committee_id, added_at, made_at, lvzhi_version, file_sha256,
             audit_entries, audit_head, members, activities, proposals, reports, final_years, offsets)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            cid,
            at,
            p.made_at,
            p.lvzhi_version,
            sha256,
            p.audit_entries,
            p.audit_head,
            p.members,
            p.activities,
            p.proposals,
            p.reports,
            years,
            offsets
        ],
    )?;
    w.log_event(
        "rollup_package",
        serde_json::json!({"added": p.code, "name": p.name, "made_at": p.made_at, "file_sha256": sha256,
                           "members": p.members, "final_years": p.final_years, "via": p.via}),
    )
}

/// Makes every table of committee `cid` (its code shown as given) the only one the connection
/// sees: a temporary view of each table, named as the table, holds that committee's rows, and
/// `committee` holds its row as row 1. Every command reading the file then reads that committee
/// as if it were a county file of its own. Nothing can be written through the views.
pub fn scope(conn: &Connection, cid: i64) -> Result<()> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM main.sqlite_master m
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'committee_id')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut sql = String::new();
    for n in names.iter().filter(|n| !OWN.contains(&n.as_str())) {
        sql.push_str(&format!(
            "CREATE TEMP VIEW \"{n}\" AS SELECT * FROM main.\"{n}\" WHERE committee_id = {cid};\n"
        ));
    }
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('committee') WHERE name <> 'id' ORDER BY cid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let cols: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
    sql.push_str(&format!(
        "CREATE TEMP VIEW committee AS SELECT 1 AS id, {} FROM main.committee WHERE id = {cid};\n",
        cols.join(", ")
    ));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Undoes [`scope`]: the connection sees the whole file again.
pub fn unscope(conn: &Connection) -> Result<()> {
    let views: Vec<String> = conn
        .prepare("SELECT name FROM temp.sqlite_master WHERE type = 'view'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in views {
        conn.execute_batch(&format!("DROP VIEW temp.\"{v}\""))?;
    }
    Ok(())
}

/// Where the audit chain of committee `h` breaks, its entries' ids moved back to the
/// package's.
pub fn chain_break(conn: &Connection, h: &Held) -> Result<Option<i64>> {
    let off = h.offsets.get("audit_log").copied().unwrap_or(0);
    super::chain::first_break_in(conn, h.id, off)
}

/// A package checked and ready to be brought in: a copy of it, brought to this version's
/// schema, in a temporary folder (the package itself is only read).
pub struct Checked {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    /// The package as given.
    pub shown: String,
    pub sha256: String,
    pub info: Incoming,
    /// The committees it brings: its own, or a roll-up's.
    pub parts: Vec<Incoming>,
}

fn refused(shown: &str, why: impl std::fmt::Display) -> Error {
    Error::data(text!(
        "报送文件「{}」不能收入：{}；汇总文件未改动",
        "the package '{}' cannot be added: {}; the roll-up is unchanged",
        shown,
        why
    ))
}

/// Reads the package `file` into a temporary copy and checks it as `lvzhi check` does
/// (integrity, the finalised years' digests, the audit chain), after bringing the copy to this
/// version's schema. `operator` is recorded in nothing: the copy is thrown away.
pub fn check_package(file: &std::path::Path, operator: &str) -> Result<Checked> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let shown = file.display().to_string();
    if file.is_dir() {
        return Err(refused(
            &shown,
            crate::i18n::pick("这是一个文件夹", "it is a folder"),
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix("lvzhi-package-")
        .tempdir()
        .map_err(|e| refused(&shown, e))?;
    let path = dir.path().join("package.db");
    let mut hash = Sha256::new();
    {
        let mut from = std::fs::File::open(file).map_err(|e| refused(&shown, e))?;
        let mut to = std::fs::File::create(&path).map_err(|e| refused(&shown, e))?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = from.read(&mut buf).map_err(|e| refused(&shown, e))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            std::io::Write::write_all(&mut to, &buf[..n]).map_err(|e| refused(&shown, e))?;
        }
    }
    let sha256: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(refused(
            &shown,
            crate::i18n::pick("文件是空的", "the file is empty"),
        ));
    }
    let store = super::Store::open(&path, super::OpenMode::Existing, operator, "rollup add")
        .map_err(|e| refused(&shown, e.message))?;
    let conn = store.conn();
    let info = incoming(conn)?.ok_or_else(|| {
        refused(
            &shown,
            crate::i18n::pick(
                "它不是报送文件（报送文件用 lvzhi backup --package 生成）",
                "it is not a package (packages are made by `lvzhi backup --package`)",
            ),
        )
    })?;
    let parts = parts(conn, &info)?;
    if parts.is_empty() {
        return Err(refused(
            &shown,
            crate::i18n::pick(
                "它是汇总文件的报送件，但其中没有收入任何委员会",
                "it is a roll-up's package holding no committee",
            ),
        ));
    }
    let failed = super::package::failures(conn, false)?;
    if !failed.is_empty() {
        return Err(refused(&shown, failed.join(crate::i18n::pick("；", "; "))));
    }
    drop(store);
    Ok(Checked {
        _dir: dir,
        path,
        shown,
        sha256,
        info,
        parts,
    })
}

/// What adding a package did.
pub enum Added {
    /// A committee not held before.
    New,
    /// The committee's earlier package replaced: what changed, and the finalised years before.
    Replaced {
        changes: Vec<Change>,
        years_before: Vec<i64>,
    },
    /// The very file held already: nothing done.
    Same,
}

impl super::Store {
    /// [`Store::write`](super::Store::write) for the roll-up commands, which alone may write to
    /// a roll-up file.
    pub fn write_rollup<T>(&mut self, f: impl FnOnce(&W) -> Result<T>) -> Result<T> {
        self.rollup_ok = true;
        let out = self.write(f);
        self.rollup_ok = false;
        out
    }

    /// Brings the checked package `p` in, in one transaction: each committee it brings (its own,
    /// or every one a roll-up's package holds) is added when not held, and replaces the one
    /// held when its audit log extends that one's (or `force`). A package with the roll-up's
    /// own code is the committee's own records (the city committee's beside its counties'),
    /// held like any other.
    pub fn add_package(&mut self, p: &Checked, force: bool) -> Result<Vec<(Incoming, Added)>> {
        self.conn
            .execute("ATTACH DATABASE ?1 AS pkg", [p.path.to_string_lossy()])?;
        let out = self.write_rollup(|w| {
            let mut done = Vec::with_capacity(p.parts.len());
            for part in &p.parts {
                let sha256 = part.sha256.as_deref().unwrap_or(&p.sha256);
                let held = held_by_code(w, &part.code)?;
                let mut added = Added::New;
                if let Some(h) = &held {
                    if h.file_sha256 == sha256 {
                        done.push((part.clone(), Added::Same));
                        continue;
                    }
                    if !force && !extends(w, h, part.src)? {
                        return Err(refused(
                            &p.shown,
                            text!(
                                "{} 的审计日志不是已收入那一份的延续（更早的或另起分支的报送件）；确认要以它替换时加 --force",
                                "the audit log of {} does not extend the one held (an older or forked package); add --force to replace it all the same",
                                part.code
                            ),
                        ));
                    }
                    added = Added::Replaced {
                        changes: changes(w, h.id, part.src)?,
                        years_before: h.final_years.clone(),
                    };
                    remove(w, h.id)?;
                }
                let (cid, offsets) = copy_in(w, part.src, &part.offsets)?;
                save_package(w, cid, part, sha256, &offsets)?;
                done.push((part.clone(), added));
            }
            Ok(done)
        });
        let _ = self.conn.execute("DETACH DATABASE pkg", []);
        out
    }

    /// Removes committee `code` and all its records from the roll-up.
    pub fn remove_committee(&mut self, code: &str) -> Result<Held> {
        let h = held_by_code(&self.conn, code)?.ok_or_else(|| not_held(&self.conn, code))?;
        let out = self.write_rollup(|w| {
            w.log_event(
                "rollup_package",
                serde_json::json!({"removed": h.code, "name": h.name, "file_sha256": h.file_sha256}),
            )?;
            remove(w, h.id)
        });
        out.map(|_| h)
    }

    /// Makes this connection see committee `code` of a roll-up only (see [`scope`]).
    pub fn scope_to(&mut self, code: &str) -> Result<Held> {
        let h = held_by_code(&self.conn, code)?.ok_or_else(|| not_held(&self.conn, code))?;
        scope(&self.conn, h.id)?;
        self.scoped = Some(h.id);
        Ok(h)
    }

    /// Records in the audit log that personal numbers were shown in full (`f` logs what). In a
    /// committee's own file the entry goes to its log; in a roll-up read for one committee, to
    /// the roll-up's own log, for the committee's records are its package's and stay as sent.
    pub fn log_reveal(&mut self, f: impl FnOnce(&W) -> Result<()>) -> Result<()> {
        let Some(cid) = self.scoped else {
            return self.write(f);
        };
        unscope(&self.conn)?;
        let out = self.write_rollup(f);
        scope(&self.conn, cid)?;
        out
    }
}

/// "No committee `code` here", with the codes there are.
pub fn not_held(conn: &Connection, code: &str) -> Error {
    let codes: Vec<String> = held(conn)
        .unwrap_or_default()
        .into_iter()
        .map(|h| format!("{} {}", h.code, h.name))
        .collect();
    Error::data(text!(
        "汇总文件中没有代码为 {} 的委员会",
        "the roll-up holds no committee with code {}",
        code
    ))
    .with_hint(text!(
        "已收入：{}",
        "held: {}",
        if codes.is_empty() {
            "-".to_string()
        } else {
            codes.join(crate::i18n::pick("，", ", "))
        }
    ))
}

/// A member of a committee held whose code or name is the one asked for.
#[derive(Clone, Debug)]
pub struct Named {
    pub committee: String,
    pub committee_name: String,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub workplace: Option<String>,
}

/// The members of the committees held that a code or name names, as each committee's own
/// lookup matches them: by code where the committee has the code, otherwise by name.
pub fn members_named(conn: &Connection, key: &str) -> Result<Vec<Named>> {
    Ok(conn
        .prepare(
            "SELECT c.code, c.name, m.code, m.name, s.name, m.workplace
             FROM main.member m JOIN main.sector s ON s.id = m.sector_id
                  JOIN main.committee c ON c.id = m.committee_id
                  JOIN main.rollup_package p ON p.committee_id = c.id
             WHERE m.code = ?1
                OR (m.name = ?2 AND NOT EXISTS (SELECT 1 FROM main.member x
                                                WHERE x.committee_id = m.committee_id AND x.code = ?1))
             ORDER BY c.code, m.code",
        )?
        .query_map(
            [crate::domain::clean::code(key), crate::domain::clean::name(key)],
            |r| {
                Ok(Named {
                    committee: r.get(0)?,
                    committee_name: r.get(1)?,
                    code: r.get(2)?,
                    name: r.get(3)?,
                    sector: r.get(4)?,
                    workplace: r.get(5)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?)
}

/// A member's seat in one committee of a roll-up, as the people lists show it.
#[derive(Clone, Debug)]
pub struct Seat {
    pub committee_code: String,
    pub committee: String,
    pub code: String,
    pub name: String,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub sector: String,
    pub left_on: Option<String>,
    pub left_reason: Option<String>,
    /// The seat is no longer in the committee's list (seen in its audit log only).
    pub gone: bool,
}

const SEATS: &str = "SELECT c.code, c.name, m.code, m.name, m.birth_date, m.id_number, s.name, m.left_on, m.left_reason, 0
     FROM main.member m JOIN main.committee c ON c.id = m.committee_id JOIN main.sector s ON s.id = m.sector_id";

fn seat(r: &rusqlite::Row) -> rusqlite::Result<Seat> {
    Ok(Seat {
        committee_code: r.get(0)?,
        committee: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        birth_date: r.get(4)?,
        id_number: r.get(5)?,
        sector: r.get(6)?,
        left_on: r.get(7)?,
        left_reason: r.get(8)?,
        gone: r.get(9)?,
    })
}

fn seats(conn: &Connection, filter: &str) -> Result<Vec<Seat>> {
    Ok(conn
        .prepare(&format!(
            "{SEATS} WHERE {filter} ORDER BY m.id_number, m.name, m.birth_date, c.code, m.code"
        ))?
        .query_map([], seat)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Seats of the people serving (not left) in more than one committee, recognised by ID number.
pub fn serving_in_several(conn: &Connection) -> Result<Vec<Seat>> {
    seats(
        conn,
        "m.left_on IS NULL AND m.committee_id <> 1 AND m.id_number IN (
            SELECT id_number FROM main.member WHERE id_number IS NOT NULL AND left_on IS NULL
            GROUP BY id_number HAVING count(DISTINCT committee_id) > 1)",
    )
}

/// Seats that may be one person in several committees: the same name and birth date, where
/// an ID number does not settle it (missing on one side at least). Never merged: only shown.
pub fn possible_matches(conn: &Connection) -> Result<Vec<Seat>> {
    seats(
        conn,
        "m.birth_date IS NOT NULL AND (m.name, m.birth_date) IN (
            SELECT name, birth_date FROM main.member WHERE birth_date IS NOT NULL
            GROUP BY name, birth_date
            HAVING count(DISTINCT committee_id) > 1 AND count(id_number) < count(*))",
    )
}

/// Seats behind one ID number given two names or two birth dates.
pub fn one_number_two_people(conn: &Connection) -> Result<Vec<Seat>> {
    seats(
        conn,
        "m.id_number IN (SELECT id_number FROM main.member WHERE id_number IS NOT NULL GROUP BY id_number
            HAVING count(DISTINCT name) > 1 OR count(DISTINCT birth_date) > 1)",
    )
}

/// Seats of people disqualified in one committee and serving in another.
pub fn disqualified_elsewhere(conn: &Connection) -> Result<Vec<Seat>> {
    seats(
        conn,
        "m.id_number IN (SELECT d.id_number FROM main.member d JOIN main.member o
            ON o.id_number = d.id_number AND o.committee_id <> d.committee_id
            WHERE d.left_reason = 'disqualified' AND o.left_on IS NULL)",
    )
}

/// One committee's member code given to two different people over time, as its audit log shows
/// it: rows of the member list that carried the same code and differ in name, or in birth date
/// where both have one. Each such row is one seat: as it is now, or, when it is no longer in
/// the list, as its last image in the log had it (then `gone`). A row whose name was corrected
/// keeps its id, and a person removed and entered again keeps name and birth date, so neither
/// counts.
pub fn code_reused(conn: &Connection) -> Result<Vec<Seat>> {
    Ok(conn
        .prepare(
            "WITH img AS (
                 SELECT a.committee_id AS cid, a.row_id AS rid, a.id AS aid,
                        json_extract(a.after, '$.code') AS code, json_extract(a.after, '$.name') AS name,
                        json_extract(a.after, '$.birth_date') AS birth,
                        json_extract(a.after, '$.id_number') AS idn
                 FROM main.audit_log a
                 WHERE a.table_name = 'member' AND a.after IS NOT NULL AND a.committee_id <> 1
                 UNION ALL
                 SELECT a.committee_id, a.row_id, a.id,
                        json_extract(a.before, '$.code'), json_extract(a.before, '$.name'),
                        json_extract(a.before, '$.birth_date'), json_extract(a.before, '$.id_number')
                 FROM main.audit_log a
                 WHERE a.table_name = 'member' AND a.before IS NOT NULL AND a.committee_id <> 1),
             person AS (
                 SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY cid, code, rid ORDER BY aid DESC) AS n
                                FROM img WHERE code IS NOT NULL)
                 WHERE n = 1),
             reused AS (
                 SELECT cid, code FROM person GROUP BY cid, code
                 HAVING count(DISTINCT rid) > 1 AND (count(DISTINCT name) > 1 OR count(DISTINCT birth) > 1))
             SELECT c.code, c.name, p.code, coalesce(m.name, p.name), coalesce(m.birth_date, p.birth),
                    coalesce(m.id_number, p.idn), coalesce(s.name, ''), m.left_on, m.left_reason, m.id IS NULL
             FROM person p JOIN reused r ON r.cid = p.cid AND r.code = p.code
                  JOIN main.committee c ON c.id = p.cid
                  JOIN main.rollup_package k ON k.committee_id = c.id
                  LEFT JOIN main.member m
                         ON m.id = p.rid + coalesce(json_extract(k.offsets, '$.member'), 0)
                        AND m.committee_id = c.id
                  LEFT JOIN main.sector s ON s.id = m.sector_id
             ORDER BY c.code, p.code, p.rid",
        )?
        .query_map([], seat)?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many people the roll-up's serving members are: seats with one ID number count once,
/// seats without one count each.
pub fn persons(conn: &Connection, first: &str, last: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), count(DISTINCT id_number) + count(*) - count(id_number) FROM main.member
         WHERE committee_id <> 1 AND (joined_on IS NULL OR joined_on <= ?2) AND (left_on IS NULL OR left_on > ?1)",
        [first, last],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
