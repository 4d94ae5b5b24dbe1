//! Reading the audit trail.

use rusqlite::{Connection, params};

use crate::error::Result;

/// One entry of the audit trail.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub command: String,
    pub table: String,
    pub row_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Which entries to read.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub table: Option<String>,
    pub row_id: Option<i64>,
    pub operator: Option<String>,
    /// Entries at or after this date (YYYY-MM-DD).
    pub since: Option<String>,
    pub limit: Option<i64>,
}

/// Entries, newest last; with a limit, the newest `limit` entries.
pub fn entries(conn: &Connection, f: &Filter) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT * FROM (
            SELECT id, at, operator, command, table_name, row_id, action, before, after FROM audit_log
            WHERE (?1 IS NULL OR table_name = ?1) AND (?2 IS NULL OR row_id = ?2)
              AND (?3 IS NULL OR operator = ?3) AND (?4 IS NULL OR at >= ?4)
            ORDER BY id DESC LIMIT coalesce(?5, -1))
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![f.table, f.row_id, f.operator, f.since, f.limit], |r| {
        Ok(Entry {
            id: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            command: r.get(3)?,
            table: r.get(4)?,
            row_id: r.get(5)?,
            action: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The distinct command lines that changed a record (an insert, update or delete of a row,
/// not an event such as a backup, and not a stored assessment), oldest first.
pub fn record_commands(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT command FROM audit_log WHERE row_id <> 0 AND table_name <> 'assessment'
         GROUP BY command ORDER BY min(id)",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
