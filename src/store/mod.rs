//! The storage layer: opening the file, migrations, the audit trail, and all SQL.

pub mod activities;
pub mod assess;
pub mod awards;
pub mod chain;
pub mod committee;
pub mod contributions;
pub mod digest;
pub mod donations;
pub mod health;
pub mod import;
pub mod kinds;
pub mod lists;
pub mod log;
pub mod members;
pub mod opinions;
pub mod orgs;
pub mod package;
pub mod proposals;
pub mod reports;
pub mod rollup;
pub mod sectors;
pub mod undo;

use std::cell::RefCell;
use std::io::Read;
use std::ops::Deref;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rusqlite_migration::{HookError, M, Migrations};
use serde_json::Value as Json;

use crate::error::{Error, Result};
use crate::output::{Outputs, files};
use crate::text;

/// Append-only migrations; the first is `schema.sql` itself, the others are under
/// `migrations/`. Never edit a shipped one.
fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../../schema.sql")),
        M::up(include_str!("../../migrations/002-donations.sql")),
        M::up_with_hook(
            include_str!("../../migrations/003-final-seal.sql"),
            |tx: &Transaction| {
                chain::upgrade(tx)?;
                digest::seal_earlier(tx).map_err(|e| HookError::Hook(e.message.get().to_string()))?;
                Ok(tx.execute_batch(include_str!("../../migrations/003-final-seal-after.sql"))?)
            },
        ),
        M::up(include_str!("../../migrations/004-sector-aliases.sql")),
        M::up(include_str!("../../migrations/005-imports.sql")),
        M::up(include_str!("../../migrations/006-contributions.sql")),
        M::up_with_hook(
            include_str!("../../migrations/007-outcome-dates.sql"),
            |tx: &Transaction| {
                digest::reseal_outcomes(tx).map_err(|e| HookError::Hook(e.message.get().to_string()))?;
                Ok(tx.execute_batch(include_str!("../../migrations/007-outcome-dates-after.sql"))?)
            },
        ),
        M::up(include_str!("../../migrations/008-compact-results.sql")),
        M::up(include_str!("../../migrations/009-committee-identity.sql")),
        M::up(include_str!("../../migrations/010-committee-in-every-record.sql")),
        M::up(include_str!("../../migrations/011-rollup.sql")),
    ]
}

fn migrations() -> Migrations<'static> {
    Migrations::new(migration_list())
}

/// `PRAGMA application_id` of every lvzhi file ("LvZh"): a SQLite file without it is not ours.
pub const APPLICATION_ID: i32 = 0x4C76_5A68;

/// Schema version this binary writes.
pub fn latest_version() -> usize {
    migration_list().len()
}

/// An open database plus who is changing it and with which command.
pub struct Store {
    conn: Connection,
    operator: String,
    command: String,
    upgraded: Option<(usize, std::path::PathBuf)>,
    /// Kind and file of an import: the next write, if it changes anything, gets a number.
    import_next: Option<(String, String)>,
    /// The number of the import the last write committed.
    last_import: Option<i64>,
    /// The roll-up commands may write to a roll-up file; no other command may.
    rollup_ok: bool,
    /// The committee of a roll-up this connection is limited to (see [`rollup::scope`]).
    scoped: Option<i64>,
}

/// How to open the file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file when it does not exist (`init`, `demo`).
    Create,
    /// The file must exist already.
    Existing,
}

/// What a file given with `--db` holds, read before anything is written to it.
enum Found {
    /// No file, or a file of 0 bytes: only `init` and `demo` make a database of it.
    Nothing,
    /// An lvzhi file at this schema version or an older one (marked or, if made before the mark,
    /// recognised by its tables).
    Ours { version: usize, marked: bool },
}

/// How long a command waits for another one's write to finish before giving up: 30 seconds
/// (longer than a large import takes), or `LVZHI_BUSY_WAIT` seconds.
pub fn busy_wait() -> std::time::Duration {
    let secs = std::env::var("LVZHI_BUSY_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(30, |s| s.min(3600));
    std::time::Duration::from_secs(secs)
}

impl Store {
    /// Opens (or creates) the database, checks it is ours and not newer than this binary, and
    /// brings its schema up to date (after an automatic backup when an older file is upgraded).
    pub fn open(path: &Path, mode: OpenMode, operator: &str, command: &str) -> Result<Store> {
        let shown = path.display().to_string();
        let exists = path.exists();
        if exists {
            check_header(path)?;
        }
        if mode == OpenMode::Existing
            && (!exists || std::fs::metadata(path).map_err(|e| io_at(path, e))?.len() == 0)
        {
            return Err(no_database(&shown, exists));
        }
        if !exists {
            create_private(path)?;
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_failed(&shown, e))?;
        conn.busy_timeout(busy_wait())?;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let found = inspect(&conn, &shown)?;
        if mode == OpenMode::Existing && matches!(found, Found::Nothing) {
            return Err(no_database(&shown, true));
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(busy)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Imports run a dozen statements per row (checks, insert, row image, audit entry).
        conn.set_prepared_statement_cache_capacity(64);
        // Temporary tables and large sorts go to a file, not memory (the bundled SQLite keeps
        // them in memory by default); it can only be set outside a transaction.
        conn.pragma_update(None, "temp_store", "FILE").map_err(busy)?;
        let mut upgraded = None;
        match found {
            Found::Ours { version, .. } if version < latest_version() => {
                let copy = pre_upgrade_backup(&conn, path, version)?;
                upgraded = Some((version, copy));
            }
            _ => {}
        }
        let marked = matches!(found, Found::Ours { marked: true, .. });
        if upgraded.is_some() || !marked {
            let migrated = migrations().to_latest(&mut conn);
            // Another command may have upgraded the file between our look and our lock.
            if let Err(e) = migrated
                && schema_version(&conn)? != latest_version()
            {
                return Err(match e {
                    rusqlite_migration::Error::RusqliteError { err, .. } => busy(err),
                    e => Error::data(text!("升级数据库结构失败：{}", "schema migration failed: {}", e)),
                });
            }
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(busy)?;
        }
        Ok(Store {
            conn,
            operator: operator.to_string(),
            command: command.to_string(),
            upgraded,
            import_next: None,
            last_import: None,
            rollup_ok: false,
            scoped: None,
        })
    }

    /// The schema version this file had and the automatic backup written, when opening it
    /// upgraded an older file.
    pub fn upgraded(&self) -> Option<&(usize, std::path::PathBuf)> {
        self.upgraded.as_ref()
    }

    /// The connection, for reading.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: everything it writes lands, or nothing does. The
    /// transaction takes the write lock first (waiting up to [`busy_wait`] for another
    /// command's write), so what `f` reads cannot change before it writes.
    pub fn write<T>(&mut self, f: impl FnOnce(&W) -> Result<T>) -> Result<T> {
        self.last_import = None;
        let (out, number) = {
            let w = self.begin()?;
            let out = f(&w)?;
            let number = undo::close(&w)?;
            w.tx.commit().map_err(busy)?;
            (out, number)
        };
        self.last_import = number;
        Ok(out)
    }

    /// Makes the next write an import of `kind` (members, activities …) from `file`: if it
    /// changes anything it gets a number, and every row it touches is kept for `import undo`.
    pub fn number_import(&mut self, kind: &str, file: &str) {
        self.import_next = Some((kind.to_string(), file.to_string()));
    }

    /// The number the last write got as an import, if it was one and changed anything.
    pub fn last_import(&self) -> Option<i64> {
        self.last_import
    }

    /// Runs `f` in one transaction and always rolls it back: a dry run meets every check a
    /// write would meet, and writes nothing.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&W) -> Result<T>) -> Result<T> {
        f(&self.begin()?)
    }

    /// Runs `f`, which only reads, holding the write lock: no other command's write lands
    /// while it runs, so every read-only connection it opens on the file sees the same state.
    /// Nothing is written.
    pub fn steady<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(busy)?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }

    fn begin(&mut self) -> Result<W<'_>> {
        if !self.rollup_ok && rollup::is_rollup(&self.conn)? {
            return Err(rollup_refusal());
        }
        let import = self.import_next.take();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(busy)?;
        let mut w = W::new(tx, &self.operator, &self.command);
        w.import = import.map(|(kind, file)| undo::Recording::new(kind, file));
        Ok(w)
    }
}

/// The refusal to record anything in a roll-up file.
pub fn rollup_refusal() -> Error {
    Error::data(text!(
        "这是汇总文件：其中各委员会的记录是收入的报送件，不在这里修改",
        "this is a roll-up file: its committees' records come from their packages and are not changed here"
    ))
    .with_hint(text!(
        "在县（区）自己的文件中更正，再用 lvzhi backup --package 报送，由这里 lvzhi rollup add 收入",
        "correct them in the committee's own file, send a new package (`lvzhi backup --package`) and add \
         it here with `lvzhi rollup add`"
    ))
}

/// Whether `e` is the refusal to record anything in a roll-up file.
pub fn is_rollup_refusal(e: &Error) -> bool {
    e.message == rollup_refusal().message
}

/// Another command held the write lock for longer than [`busy_wait`]; any other error passes.
pub fn busy(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked)) {
        return Error::data(text!(
            "另一个 lvzhi 命令正在写入这个数据库，等了 {} 秒仍未结束；本命令没有写入任何内容",
            "another lvzhi command is writing to this database and had not finished after {} seconds; \
             this command wrote nothing",
            busy_wait().as_secs()
        ))
        .with_hint(text!(
            "等它完成后再运行一次本命令",
            "run this command again once the other one has finished"
        ));
    }
    Error::from(e)
}

fn io_at(path: &Path, e: std::io::Error) -> Error {
    Error::data(text!(
        "无法读取「{}」：{}",
        "cannot read '{}': {}",
        path.display(),
        e
    ))
}

fn open_failed(shown: &str, e: rusqlite::Error) -> Error {
    Error::data(text!(
        "无法打开数据库「{}」：{}",
        "cannot open the database '{}': {}",
        shown,
        e
    ))
}

fn no_database(shown: &str, empty: bool) -> Error {
    let message = if empty {
        text!(
            "「{}」是空文件，还不是数据库",
            "'{}' is an empty file, not a database yet",
            shown
        )
    } else {
        text!(
            "数据库文件「{}」不存在",
            "database file '{}' does not exist",
            shown
        )
    };
    Error::data(message).with_hint(text!(
        "先运行 lvzhi init 建立数据库，或用 --db 指定已有的文件",
        "run `lvzhi init` first, or point --db at an existing file"
    ))
}

/// Decides, reading only, whether the open file is empty, ours, or someone else's.
fn inspect(conn: &Connection, shown: &str) -> Result<Found> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version = schema_version(conn)?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if app == APPLICATION_ID {
        if version > latest_version() {
            return Err(newer(shown, version));
        }
        return Ok(Found::Ours {
            version,
            marked: true,
        });
    }
    if app != 0 {
        return Err(not_ours(shown));
    }
    if version == 0 && tables.is_empty() {
        return Ok(Found::Nothing);
    }
    // Made before files were marked: ours only if its tables are exactly those of an lvzhi
    // file of its version.
    if (1..=latest_version()).contains(&version) && tables == tables_of(version)? {
        return Ok(Found::Ours {
            version,
            marked: false,
        });
    }
    if version > latest_version()
        && tables.iter().any(|t| t == "audit_log")
        && tables.iter().any(|t| t == "committee")
    {
        return Err(newer(shown, version));
    }
    Err(not_ours(shown))
}

/// The table names of a new lvzhi file at schema `version`.
fn tables_of(version: usize) -> Result<Vec<String>> {
    let mut fresh = Connection::open_in_memory()?;
    migrations()
        .to_version(&mut fresh, version)
        .map_err(|e| Error::data(text!("内部错误：{}", "internal error: {}", e)))?;
    let names = fresh
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

fn newer(shown: &str, version: usize) -> Error {
    Error::data(text!(
        "数据库「{}」的结构版本为 {}，比本程序支持的 {} 新",
        "database '{}' has schema version {}, newer than the {} this program knows",
        shown,
        version,
        latest_version()
    ))
    .with_hint(text!(
        "请升级 lvzhi 后再打开，以免损坏数据",
        "upgrade lvzhi before opening it, so that no data is damaged"
    ))
}

/// Copies an older file, as it is, beside itself before its schema is upgraded:
/// `lvzhi.db` → `lvzhi-升级前备份-v2-20261201-143000.db`. The copy is never upgraded.
fn pre_upgrade_backup(conn: &Connection, path: &Path, version: usize) -> Result<std::path::PathBuf> {
    let stem = path
        .file_stem()
        .map_or("lvzhi".into(), |s| s.to_string_lossy().into_owned());
    let at = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut copy = path.with_file_name(format!(
        "{stem}-{}-v{version}-{at}.db",
        crate::i18n::pick("升级前备份", "before-upgrade")
    ));
    let mut n = 1;
    while copy.exists() {
        n += 1;
        copy = path.with_file_name(format!(
            "{stem}-{}-v{version}-{at}-{n}.db",
            crate::i18n::pick("升级前备份", "before-upgrade")
        ));
    }
    create_private(&copy)?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()]) {
        let _ = std::fs::remove_file(&copy);
        let why = busy(e).to_string();
        return Err(Error::data(text!(
            "升级前自动备份到「{}」失败，数据库未改动：{}",
            "the automatic backup to '{}' before the upgrade failed; the database is unchanged: {}",
            copy.display(),
            why
        )));
    }
    Ok(copy)
}

impl Store {
    /// Writes a consistent, compacted copy of the whole file to `path` through `outputs`
    /// (a temporary file beside it, checked, made readable by its owner only, then renamed into
    /// place), and logs the backup. Returns its size in bytes.
    pub fn backup(&mut self, path: &Path, outputs: &Outputs) -> Result<u64> {
        let shown = path.display().to_string();
        let bytes = outputs.write_with(path, |tmp| {
            self.copy_into(tmp, &shown)?;
            check_copy(tmp)?;
            std::fs::metadata(tmp)
                .map(|m| m.len())
                .map_err(|e| files::cannot_write(path, &e))
        })?;
        self.write(|w| w.log_event("backup", serde_json::json!({"file": shown, "bytes": bytes})))?;
        Ok(bytes)
    }
}

impl Store {
    /// A consistent, compacted copy of the whole file written to the empty file `tmp`.
    fn copy_into(&self, tmp: &Path, shown: &str) -> Result<()> {
        self.conn
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
            .map_err(|e| {
                Error::data(text!(
                    "无法写入备份「{}」：{}",
                    "cannot write the backup '{}': {}",
                    shown,
                    e
                ))
            })?;
        Ok(())
    }
}

/// A backup just written: a sound SQLite file at this binary's schema version.
fn check_copy(path: &Path) -> Result<()> {
    let copy = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let version = schema_version(&copy)?;
    if check != "ok" || version != latest_version() {
        return Err(Error::data(text!(
            "备份文件校验未通过（{}）；未保存",
            "the backup failed its check ({}); it was not kept",
            check
        )));
    }
    Ok(())
}

fn not_ours(shown: &str) -> Error {
    Error::data(text!(
        "「{}」不是 lvzhi 的数据库文件",
        "'{}' is not an lvzhi database",
        shown
    ))
    .with_hint(text!("请检查 --db 指定的路径", "check the path given with --db"))
}

fn check_header(path: &Path) -> Result<()> {
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| io_at(path, e))?;
    let n = f.read(&mut head).map_err(|e| io_at(path, e))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(not_ours(&path.display().to_string()));
    }
    Ok(())
}

/// Creates the file readable by its owner only: it holds personal data.
fn create_private(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        files::create_dirs(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?;
    Ok(())
}

/// A write transaction that records every change in the audit log.
pub struct W<'a> {
    tx: Transaction<'a>,
    operator: &'a str,
    /// The command line, its phone and ID numbers masked.
    command: String,
    at: String,
    /// Id and hash of the newest audit entry, once read: the next entry chains on it.
    tail: RefCell<Option<(i64, String)>>,
    /// When this write is an import: its number (once it writes) and the images it keeps.
    import: Option<undo::Recording>,
}

impl Deref for W<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl<'a> W<'a> {
    /// A write transaction on `tx`, logging as `operator` running `command`.
    fn new(tx: Transaction<'a>, operator: &'a str, command: &str) -> W<'a> {
        W {
            tx,
            operator,
            command: crate::domain::mask::mask_command(command),
            at: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            tail: RefCell::new(None),
            import: None,
        }
    }

    /// Inserts a row and logs it; returns the new row id.
    pub fn insert(&self, table: &str, sql: &str, params: impl rusqlite::Params) -> Result<i64> {
        self.tx.prepare_cached(sql)?.execute(params)?;
        let id = self.tx.last_insert_rowid();
        let after = row_json(&self.tx, table, id)?;
        undo::keep(self, table, id, "insert", None, after.as_ref())?;
        self.log(table, id, "insert", None, after)?;
        Ok(id)
    }

    /// Updates one row by id and logs its before and after images; tells whether it changed.
    pub fn update(&self, table: &str, id: i64, sql: &str, params: impl rusqlite::Params) -> Result<bool> {
        let before = row_json(&self.tx, table, id)?;
        self.tx.prepare_cached(sql)?.execute(params)?;
        let after = row_json(&self.tx, table, id)?;
        let changed = before != after;
        if changed {
            undo::keep(self, table, id, "update", before.as_ref(), after.as_ref())?;
            self.log(table, id, "update", before, after)?;
        }
        Ok(changed)
    }

    /// Appends an audit entry, its phone and ID numbers masked, chained on the entry before.
    fn log(
        &self,
        table: &str,
        id: i64,
        action: &str,
        before: Option<Json>,
        after: Option<Json>,
    ) -> Result<()> {
        let text = |j: Option<Json>| {
            j.map(|mut j| {
                chain::mask_image(&mut j);
                j.to_string()
            })
        };
        let (before, after) = (text(before), text(after));
        let mut tail = self.tail.borrow_mut();
        let (last_id, last_hash) = match tail.take() {
            Some(t) => t,
            None => chain::tail(&self.tx)?,
        };
        let entry = chain::Fields {
            id: last_id + 1,
            at: &self.at,
            operator: self.operator,
            command: &self.command,
            table,
            row_id: Some(id),
            action,
            before: before.as_deref(),
            after: after.as_deref(),
        };
        let hash = chain::entry_hash(&last_hash, &entry);
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (id, at, operator, command, table_name, row_id, action, before, after, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                entry.id,
                entry.at,
                entry.operator,
                entry.command,
                entry.table,
                entry.row_id,
                entry.action,
                entry.before,
                entry.after,
                hash
            ])?;
        *tail = Some((entry.id, hash));
        Ok(())
    }

    /// Deletes one row by id and logs its before image.
    pub fn delete(&self, table: &str, id: i64) -> Result<()> {
        let before = row_json(&self.tx, table, id)?;
        self.tx
            .prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
            .execute([id])?;
        undo::keep(self, table, id, "delete", before.as_ref(), None)?;
        self.log(table, id, "delete", before, None)
    }

    /// Logs a summary of a change made to a row whose full image is too large to copy.
    pub fn log_summary(&self, table: &str, id: i64, action: &str, summary: Json) -> Result<()> {
        self.log(table, id, action, None, Some(summary))
    }

    /// Logs an event that changes no row (for example a reveal of personal data).
    pub fn log_event(&self, table: &str, note: Json) -> Result<()> {
        self.log(table, 0, "update", None, Some(note))
    }
}

/// `query_row` through the connection's statement cache, for lookups that run once per row of
/// an import: their statements are prepared once instead of every time.
pub trait CachedQuery {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl CachedQuery for Connection {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// A row as a JSON object, column by column. `committee_id` is left out: the program writes
/// only its own committee's rows (committee 1), and images stay as they were before schema
/// version 10, so an import made before the upgrade still compares equal and can be undone.
fn row_json(conn: &Connection, table: &str, id: i64) -> Result<Option<Json>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let row = stmt
        .query_row([id], |r| {
            let mut m = serde_json::Map::new();
            for (i, n) in names.iter().enumerate() {
                if n == "committee_id" {
                    continue;
                }
                let v = match r.get_ref(i)? {
                    ValueRef::Null => Json::Null,
                    ValueRef::Integer(x) => Json::from(x),
                    ValueRef::Real(x) => Json::from(x),
                    ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(_) => Json::String("<blob>".into()),
                };
                m.insert(n.clone(), v);
            }
            Ok(Json::Object(m))
        })
        .optional()?;
    Ok(row)
}

/// The schema version of the open database.
pub fn schema_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(v as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
