//! `lvzhi backup --package`: the checked copy a county sends up (报送), its phone numbers left
//! out and a `package` row saying what it holds.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{Store, check_copy, health};
use crate::error::{Error, Result};
use crate::output::{Outputs, files};
use crate::text;

/// What a package holds, as written in its `package` row.
#[derive(Clone, Debug)]
pub struct Summary {
    pub made_at: String,
    pub committee: String,
    pub code: String,
    pub members: i64,
    pub activities: i64,
    pub proposals: i64,
    pub reports: i64,
    pub final_years: Vec<i64>,
    /// Members whose phone number was left out.
    pub phones: i64,
    /// Size of the copy in bytes.
    pub bytes: u64,
}

/// The checks of `lvzhi check` that `conn` fails, each as "what: found". A copy is not yet in
/// write-ahead log mode (lvzhi puts a file in it whenever it opens it): `copy` skips that check.
pub fn failures(conn: &Connection, copy: bool) -> Result<Vec<String>> {
    Ok(health::check(conn)?
        .into_iter()
        .filter(|c| !(c.ok || copy && c.key == "wal"))
        .map(|c| {
            if c.found.is_empty() {
                c.what.to_string()
            } else {
                format!(
                    "{}{}{}",
                    c.what,
                    crate::i18n::pick("：", ": "),
                    c.found.join(crate::i18n::pick("；", "; "))
                )
            }
        })
        .collect())
}

impl Store {
    /// Writes the package of committee `name` (division code `code`) to `path` through
    /// `outputs`: a copy made as [`Store::backup`] makes it, then, in the copy only, every
    /// phone number removed (the members' and those kept in import images) and the `package`
    /// row filled. The copy must pass every check of `lvzhi check`, or it is not kept. The
    /// file itself is left as it is: nothing is written to it, not even an audit entry.
    pub fn package(&self, path: &Path, outputs: &Outputs, name: &str, code: &str) -> Result<Summary> {
        let shown = path.display().to_string();
        outputs.write_with(path, |tmp| {
            self.copy_into(tmp, &shown)?;
            let mut summary = strip_and_label(tmp, name, code).map_err(|e| {
                Error::data(text!(
                    "无法写入报送文件「{}」：{}",
                    "cannot write the package '{}': {}",
                    shown,
                    e.message
                ))
            })?;
            check_copy(tmp)?;
            let copy = Connection::open_with_flags(tmp, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let failed = failures(&copy, true)?;
            drop(copy);
            if !failed.is_empty() {
                return Err(Error::data(text!(
                    "报送文件未通过检查（{}）；未保存",
                    "the package failed its check ({}); it was not kept",
                    failed.join(crate::i18n::pick("；", "; "))
                )));
            }
            summary.bytes = std::fs::metadata(tmp)
                .map(|m| m.len())
                .map_err(|e| files::cannot_write(path, &e))?;
            Ok(summary)
        })
    }
}

/// In the copy at `path`: phone numbers removed, the `package` row written; what it holds.
fn strip_and_label(path: &Path, name: &str, code: &str) -> Result<Summary> {
    let mut conn = Connection::open(path)?;
    let tx = conn.transaction()?;
    let phones = tx.execute("UPDATE member SET phone = NULL WHERE phone IS NOT NULL", [])?;
    // Import images are append-only: the copy lifts the lock for this one change and puts the
    // trigger back exactly as it was, so the copy's schema is still this version's.
    let lock: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'import_image_no_update'",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch("DROP TRIGGER import_image_no_update")?;
    tx.execute(
        "UPDATE import_image SET
            before = CASE WHEN json_extract(before, '$.phone') IS NOT NULL
                          THEN json_set(before, '$.phone', NULL) ELSE before END,
            after = CASE WHEN json_extract(after, '$.phone') IS NOT NULL
                         THEN json_set(after, '$.phone', NULL) ELSE after END
         WHERE table_name = 'member'
           AND (json_extract(before, '$.phone') IS NOT NULL OR json_extract(after, '$.phone') IS NOT NULL)",
        [],
    )?;
    tx.execute_batch(&lock)?;
    let count = |table: &str| -> Result<i64> {
        Ok(tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let final_years: Vec<i64> = tx
        .prepare("SELECT DISTINCT year FROM final_year ORDER BY year")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let summary = Summary {
        made_at: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        committee: name.to_string(),
        code: code.to_string(),
        members: count("member")?,
        activities: count("activity")?,
        proposals: count("proposal")?,
        reports: count("opinion")?,
        final_years,
        phones: phones as i64,
        bytes: 0,
    };
    tx.execute("DELETE FROM package", [])?;
    tx.execute(
        "INSERT INTO package (id, made_at, committee_code, lvzhi_version, members, activities,
                              proposals, reports, final_years)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            summary.made_at,
            summary.code,
            env!("CARGO_PKG_VERSION"),
            summary.members,
            summary.activities,
            summary.proposals,
            summary.reports,
            serde_json::to_string(&summary.final_years).map_err(|e| Error::data(text!(
                "内部错误：{}",
                "internal error: {}",
                e
            )))?
        ],
    )?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(summary)
}
