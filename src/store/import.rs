//! The SQL of imports: lookups that load a whole table at once, and the fast path for big
//! attendance files.
//!
//! Audit choice: attendance rows inserted by an import are logged as ONE summary entry per
//! import (file, row count, activities touched, first and last row id), not one row image each:
//! a million row images would triple the file and the import time. Changed attendance rows, and
//! every member and activity an import adds or changes, are logged row by row as usual.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::W;
use crate::error::Result;

/// A bigger page cache (64 MiB; SQLite's sorter takes as much again when an index is rebuilt)
/// for the rest of the process. Temporaries stay in files, so memory does not grow with the
/// file.
pub fn tune_for_import(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}

/// An activity as imports see it.
#[derive(Clone, Debug)]
pub struct ActivityRow {
    pub id: i64,
    pub kind_id: i64,
    pub kind_code: String,
    pub title: String,
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
    pub half_days: i64,
    pub org_id: Option<i64>,
    pub org: Option<String>,
    pub location: Option<String>,
    pub note: Option<String>,
}

/// Every activity.
pub fn activities(conn: &Connection) -> Result<Vec<ActivityRow>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.kind_id, k.code, a.title, a.start_on, a.end_on, a.half_days, a.org_id, o.name,
                a.location, a.note
         FROM activity a JOIN activity_kind k ON k.id = a.kind_id LEFT JOIN org o ON o.id = a.org_id
         ORDER BY a.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ActivityRow {
            id: r.get(0)?,
            kind_id: r.get(1)?,
            kind_code: r.get(2)?,
            title: r.get(3)?,
            start_on: r.get(4)?,
            end_on: r.get(5)?,
            half_days: r.get(6)?,
            org_id: r.get(7)?,
            org: r.get(8)?,
            location: r.get(9)?,
            note: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Changes an activity's details (not its natural key: kind, start date, title).
pub fn update_activity(
    w: &W,
    id: i64,
    end_on: NaiveDate,
    half_days: i64,
    org_id: Option<i64>,
    location: Option<&str>,
    note: Option<&str>,
) -> Result<bool> {
    w.update(
        "activity",
        id,
        "UPDATE activity SET end_on = ?1, half_days = ?2, org_id = ?3, location = ?4, note = ?5 WHERE id = ?6",
        params![end_on, half_days, org_id, location, note, id],
    )
}

/// A member as a sign-in sheet needs it: id, code, name, serving dates.
#[derive(Clone, Debug)]
pub struct MemberKey {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

pub fn member_keys(conn: &Connection) -> Result<Vec<MemberKey>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.code, m.name, s.name, m.joined_on, m.left_on
         FROM member m JOIN sector s ON s.id = m.sector_id ORDER BY m.code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MemberKey {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sector: r.get(3)?,
            joined_on: r.get(4)?,
            left_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An attendance row as stored or to be stored. Codes are the stored English codes.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub activity_id: i64,
    pub member_id: i64,
    pub status: &'static str,
    pub half_days: f64,
    pub role: &'static str,
    pub leave_reason: Option<String>,
    pub note: Option<String>,
}

/// Stored attendance of the given activities, keyed by (activity, member): row id, status,
/// half-days, role, leave reason, note.
pub type Stored = (i64, String, Option<f64>, String, Option<String>, Option<String>);

pub fn attendance_of(conn: &Connection, activity_ids: &[i64]) -> Result<HashMap<(i64, i64), Stored>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT activity_id, member_id, id, status, half_days, role, leave_reason, note
         FROM attendance WHERE activity_id = ?1",
    )?;
    for a in activity_ids {
        let rows = stmt.query_map([a], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?),
                (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?),
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            out.insert(k, v);
        }
    }
    Ok(out)
}

/// Rows per multi-row INSERT (7 parameters each, well under SQLite's limit).
const BATCH: usize = 512;

fn insert_sql(n: usize) -> String {
    let mut sql = String::from(
        "INSERT OR IGNORE INTO attendance (activity_id, member_id, status, half_days, role, leave_reason, note) VALUES ",
    );
    for i in 0..n {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?)");
    }
    sql
}

/// Runs a bulk write with SQLite's per-row foreign-key and CHECK enforcement off, and both on
/// again afterwards whatever happens (see [`Bulk`]). `PRAGMA foreign_keys` does nothing inside
/// a transaction, so it is switched here, around the whole transaction. Only for writes that
/// check their rows themselves before they commit ([`Bulk::push`] and [`Bulk::finish`] do).
pub fn without_fk<T>(store: &mut super::Store, f: impl FnOnce(&mut super::Store) -> Result<T>) -> Result<T> {
    store.conn().pragma_update(None, "foreign_keys", "OFF")?;
    let out = f(store);
    store
        .conn()
        .pragma_update(None, "ignore_check_constraints", "OFF")?;
    store.conn().pragma_update(None, "foreign_keys", "ON")?;
    out
}

/// The trigger that keeps attendance of finalised years unchanged on insert.
const FINAL_TRIGGER: &str = "attendance_final_insert";

/// A streaming bulk insert of new attendance rows, inside one write transaction: rows are
/// pushed as the file is read and go to SQLite in batched, prepared multi-row INSERTs; one
/// summary entry goes to the audit log at the end.
///
/// The bulk path does in code what SQLite would do per row, once for the whole set, inside the
/// same transaction (which holds the write lock from its first statement, so nothing can change
/// in between, and other connections never see the schema without the trigger):
/// - the finalised-year trigger is dropped at the start and created again at the end; instead,
///   the activities touched are checked once against finalised assessments before commit;
/// - when run through [`without_fk`], foreign keys are not checked per row; instead, every
///   activity and member id inserted is checked to exist before the transaction commits;
/// - the table's CHECK constraints (status, role, half-days) are tested in [`Bulk::push`]
///   instead of by SQLite, which looks each status and role up in a temporary table;
/// - a row whose activity and member are already in the table is not inserted (`OR IGNORE`
///   on the table's UNIQUE index) and comes back from [`Bulk::finish`] as a duplicate.
pub struct Bulk {
    expected: usize,
    started: bool,
    trigger: Option<String>,
    rebuild: Vec<(String, String)>,
    first_id: i64,
    acts: IdSet,
    members: IdSet,
    pending: Vec<(usize, Mark)>,
    inserted: usize,
    ignored: Vec<Repeat>,
    /// The rows pushed, for `import undo` to tell whether they changed since.
    digest: super::undo::RowsDigest,
}

/// A row of the file left out because its (activity, member) was written already: the row
/// number and the pair.
pub type Repeat = (usize, (i64, i64));

/// A set of row ids as a bitmap (ids are small and dense).
#[derive(Default)]
struct IdSet(Vec<u64>);

impl IdSet {
    fn insert(&mut self, id: i64) {
        let id = id.max(0) as usize;
        let word = id / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (id % 64);
    }

    fn ids(&self) -> Vec<i64> {
        let mut out = Vec::new();
        for (i, w) in self.0.iter().enumerate() {
            let mut w = *w;
            while w != 0 {
                out.push((i * 64 + w.trailing_zeros() as usize) as i64);
                w &= w - 1;
            }
        }
        out
    }
}

impl Bulk {
    /// A bulk insert of about `expected` rows; nothing happens until the first row comes.
    pub fn new(expected: usize) -> Bulk {
        Bulk {
            expected,
            started: false,
            trigger: None,
            rebuild: Vec::new(),
            first_id: 0,
            acts: IdSet::default(),
            members: IdSet::default(),
            pending: Vec::with_capacity(BATCH),
            inserted: 0,
            ignored: Vec::new(),
            digest: Default::default(),
        }
    }

    fn begin(&mut self, w: &W) -> Result<()> {
        let expected = self.expected;
        self.started = true;
        let trigger: Option<String> = w
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [FINAL_TRIGGER],
                |r| r.get(0),
            )
            .optional()?;
        if trigger.is_some() {
            w.execute_batch(&format!("DROP TRIGGER \"{FINAL_TRIGGER}\""))?;
        }
        let (first_id, stored): (i64, i64) = w.query_row(
            "SELECT coalesce(max(id), 0) + 1, count(*) FROM attendance",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // A big import into a smaller table: drop the secondary indexes and build them again
        // at the end (a sort instead of a million random inserts). Same transaction, so nobody
        // ever sees the table without them.
        let rebuild: Vec<(String, String)> = if expected >= 50_000 && expected as i64 > stored {
            let mut stmt = w.prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'attendance' AND sql IS NOT NULL",
            )?;
            let v = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
            for (name, _) in &v {
                w.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            v
        } else {
            Vec::new()
        };
        // Statements prepared from here on leave out the CHECK constraints; `finish` (and
        // `without_fk`, whatever happens) switches them on again.
        w.execute_batch("PRAGMA ignore_check_constraints = ON")?;
        self.trigger = trigger;
        self.rebuild = rebuild;
        self.first_id = first_id;
        Ok(())
    }

    /// Adds one new row, from line `row` of the file; a full batch is written at once.
    pub fn push(&mut self, w: &W, row: usize, m: Mark) -> Result<()> {
        if !self.started {
            self.begin(w)?;
        }
        // The table's CHECK constraints, which SQLite skips in the bulk path.
        let checked = crate::domain::codes::Status::from_code(m.status).is_some()
            && crate::domain::codes::AttendRole::from_code(m.role).is_some()
            && crate::domain::limits::check_half_days(m.half_days).is_ok();
        if !checked {
            return Err(crate::error::Error::data(crate::text!(
                "第 {} 行的出席状态、角色或半天数无效，没有导入任何内容",
                "row {}: invalid attendance status, role or half-days; nothing was imported",
                row
            )));
        }
        self.acts.insert(m.activity_id);
        self.members.insert(m.member_id);
        self.digest.add(
            m.activity_id,
            m.member_id,
            m.status,
            Some(m.half_days),
            m.role,
            m.leave_reason.as_deref(),
            m.note.as_deref(),
        );
        self.pending.push((row, m));
        if self.pending.len() == BATCH {
            self.flush(w)?;
        }
        Ok(())
    }

    fn flush(&mut self, w: &W) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut stmt = w.prepare_cached(&insert_sql(self.pending.len()))?;
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(self.pending.len() * 7);
        for (_, m) in &self.pending {
            push_params(&mut values, m);
        }
        let n = stmt.execute(&values[..])?;
        if n < self.pending.len() {
            self.find_ignored(w)?;
        }
        self.inserted += n;
        self.pending.clear();
        Ok(())
    }

    /// Finds the rows of the batch just written that `OR IGNORE` left out, because their
    /// activity and member were in the table already. The rows written have consecutive ids
    /// in batch order, so walking the batch along them finds the others.
    fn find_ignored(&mut self, w: &W) -> Result<()> {
        let mut stmt =
            w.prepare("SELECT activity_id, member_id FROM attendance WHERE id >= ?1 ORDER BY id")?;
        let written = stmt
            .query_map([self.first_id + self.inserted as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<(i64, i64)>>>()?;
        let mut next = written.iter().peekable();
        for (row, m) in &self.pending {
            let key = (m.activity_id, m.member_id);
            if next.peek() == Some(&&key) {
                next.next();
            } else {
                self.ignored.push((*row, key));
            }
        }
        Ok(())
    }

    /// Creates the indexes and the trigger set aside at the start again.
    fn restore(&self, w: &W) -> Result<()> {
        for (_, sql) in &self.rebuild {
            w.execute_batch(sql)?;
        }
        if let Some(sql) = &self.trigger {
            w.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Writes what is left, checks references and finalised years, restores the indexes and
    /// the trigger, and logs `summary` with the count and id range. Returns the rows inserted
    /// and the rows left out as duplicates (file row, activity and member), in file order.
    pub fn finish(mut self, w: &W, summary: serde_json::Value) -> Result<(usize, Vec<Repeat>)> {
        if !self.started {
            return Ok((0, Vec::new()));
        }
        self.flush(w)?;
        w.execute_batch("PRAGMA ignore_check_constraints = OFF")?;
        if !self.ignored.is_empty() {
            // The caller rolls back; the schema is whole again all the same.
            self.restore(w)?;
            return Ok((self.inserted, self.ignored));
        }
        let acts = self.acts.ids();
        let members = self.members.ids();
        let acts_json = serde_json::to_string(&acts).unwrap_or_default();
        let members_json = serde_json::to_string(&members).unwrap_or_default();
        let (missing, finalised): (i64, i64) = w.query_row(
            "SELECT (SELECT count(*) FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = j.value))
                  + (SELECT count(*) FROM json_each(?2) j WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.id = j.value)),
                    (SELECT count(*) FROM activity a JOIN json_each(?1) j ON a.id = j.value
                     WHERE EXISTS (SELECT 1 FROM assessment s WHERE s.status = 'final'
                                   AND s.year = CAST(substr(a.start_on, 1, 4) AS INTEGER)))",
            [&acts_json, &members_json],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if finalised > 0 {
            // The very error the trigger raises, so the message is the same.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER),
                Some("lvzhi: year finalised".into()),
            )
            .into());
        }
        if missing > 0 {
            return Err(crate::error::Error::data(crate::text!(
                "导入期间有 {} 个活动或委员被删除；没有导入任何内容，请重新导入",
                "{} activities or members were deleted while importing; nothing was imported, import again",
                missing
            )));
        }
        let last_id = self.first_id + self.inserted as i64 - 1;
        self.restore(w)?;
        if self.inserted > 0 {
            let mut summary = summary;
            if let Some(o) = summary.as_object_mut() {
                o.insert("activities".into(), acts.into());
                o.insert("inserted".into(), self.inserted.into());
                o.insert("first_id".into(), self.first_id.into());
                o.insert("last_id".into(), last_id.into());
            }
            w.log_summary("attendance", 0, "insert", summary)?;
            super::undo::keep_range(
                w,
                "attendance",
                self.first_id,
                last_id,
                std::mem::take(&mut self.digest),
            )?;
        }
        Ok((self.inserted, Vec::new()))
    }
}

fn push_params<'a>(values: &mut Vec<&'a dyn rusqlite::ToSql>, m: &'a Mark) {
    values.push(&m.activity_id);
    values.push(&m.member_id);
    values.push(&m.status);
    values.push(&m.half_days);
    values.push(&m.role);
    values.push(&m.leave_reason);
    values.push(&m.note);
}

/// Changes one attendance row; logged with its before and after images.
pub fn update_attendance(w: &W, id: i64, m: &Mark) -> Result<bool> {
    w.update(
        "attendance",
        id,
        "UPDATE attendance SET status = ?1, half_days = ?2, role = ?3, leave_reason = ?4, note = ?5 WHERE id = ?6",
        params![m.status, m.half_days, m.role, m.leave_reason, m.note, id],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    fn mark(activity_id: i64, member_id: i64, status: &'static str, half_days: f64) -> Mark {
        Mark {
            activity_id,
            member_id,
            status,
            half_days,
            role: "participant",
            leave_reason: None,
            note: None,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create, "test", "test").unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO sector (code, name) VALUES ('s', '测试界');
                 INSERT INTO member (code, name, sector_id) VALUES ('M1', '甲', 1), ('M2', '乙', 1);
                 INSERT INTO activity (kind_id, title, start_on, end_on)
                     SELECT id, '调研', '2022-05-01', '2022-05-01' FROM activity_kind WHERE code = 'research';",
            )
            .unwrap();
        (dir, store)
    }

    fn pragma(store: &Store, name: &str) -> i64 {
        store.conn().pragma_query_value(None, name, |r| r.get(0)).unwrap()
    }

    #[test]
    fn bulk_reports_rows_repeating_an_earlier_one_and_restores_the_checks() {
        let (_dir, mut store) = store();
        let (inserted, again) = without_fk(&mut store, |s| {
            s.write(|w| {
                let mut bulk = Bulk::new(10);
                bulk.push(w, 2, mark(1, 1, "present", 1.0))?;
                bulk.push(w, 3, mark(1, 2, "excused", 0.0))?;
                bulk.push(w, 4, mark(1, 1, "absent", 0.0))?;
                bulk.finish(w, serde_json::json!({}))
            })
        })
        .unwrap();
        assert_eq!((inserted, again), (2, vec![(4, (1, 1))]));
        // Even then the trigger set aside is back (the caller rolls back; here it did not).
        let trigger: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'attendance_final_insert'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(trigger, 1);
        assert_eq!(pragma(&store, "ignore_check_constraints"), 0);
        assert_eq!(pragma(&store, "foreign_keys"), 1);
    }

    #[test]
    fn bulk_refuses_what_the_table_checks_would_refuse() {
        let (_dir, mut store) = store();
        for m in [
            mark(1, 1, "asleep", 1.0),
            mark(1, 1, "present", -1.0),
            mark(1, 1, "present", f64::NAN),
        ] {
            let err = without_fk(&mut store, |s| {
                s.write(|w| {
                    let mut bulk = Bulk::new(10);
                    bulk.push(w, 2, m)?;
                    bulk.finish(w, serde_json::json!({}))
                })
            });
            assert!(err.is_err());
            assert_eq!(pragma(&store, "ignore_check_constraints"), 0);
            let n: i64 = store
                .conn()
                .query_row("SELECT count(*) FROM attendance", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0);
        }
    }
}
