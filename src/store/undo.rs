//! Numbered imports and `import undo`.
//!
//! A write the import commands mark (see [`super::Store::number_import`]) gets a number the
//! moment it first changes a row, and from then on every row [`W`] inserts, updates or deletes
//! is kept in `import_image` as well as logged: unmasked, since undo restores from it, with the
//! row as the import left it, so that undo can tell rows changed since. The attendance rows of
//! a big import, which the audit log records as one summary, are kept as one id range with a
//! digest of their contents.
//!
//! Undo takes the import back in one transaction, newest change first, each removal and
//! restore logged like any other change; it is refused, naming the row, when a row the import
//! touched was changed since, a row it added is referenced by a later record, or a row is in a
//! finalised year (the record tables' triggers say so; the year is found here to name it).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::{CachedQuery, W, row_json};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// The import a write is, while it runs.
pub struct Recording {
    kind: String,
    file: String,
    id: Cell<Option<i64>>,
}

impl Recording {
    pub fn new(kind: String, file: String) -> Recording {
        Recording {
            kind,
            file,
            id: Cell::new(None),
        }
    }
}

/// The import's number, given when it first changes a row.
fn number(w: &W, r: &Recording) -> Result<i64> {
    if let Some(id) = r.id.get() {
        return Ok(id);
    }
    w.tx.execute(
        "INSERT INTO import_run (at, operator, command, file, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![w.at, w.operator, w.command, r.file, r.kind],
    )?;
    let id = w.tx.last_insert_rowid();
    r.id.set(Some(id));
    Ok(id)
}

/// Keeps the images of a row an import changed (nothing when the write is not an import).
pub(super) fn keep(
    w: &W,
    table: &str,
    row_id: i64,
    action: &str,
    before: Option<&Json>,
    after: Option<&Json>,
) -> Result<()> {
    let Some(r) = &w.import else { return Ok(()) };
    if (action != "insert" && before.is_none()) || (action != "delete" && after.is_none()) {
        return Ok(());
    }
    let n = number(w, r)?;
    w.tx.prepare_cached(
        "INSERT INTO import_image (import_id, table_name, row_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        n,
        table,
        row_id,
        action,
        before.map(Json::to_string),
        after.map(Json::to_string)
    ])?;
    Ok(())
}

/// Keeps the consecutive rows `first..=last` of `table` an import inserted in bulk, with the
/// digest of their contents (see [`RowsDigest`]).
pub fn keep_range(w: &W, table: &str, first: i64, last: i64, digest: RowsDigest) -> Result<()> {
    let Some(r) = &w.import else { return Ok(()) };
    if last < first {
        return Ok(());
    }
    let n = number(w, r)?;
    let after = serde_json::json!({"rows": digest.rows, "sha256": digest.hex()});
    w.tx.execute(
        "INSERT INTO import_image (import_id, table_name, row_id, last_id, action, after)
         VALUES (?1, ?2, ?3, ?4, 'bulk_insert', ?5)",
        params![n, table, first, last, after.to_string()],
    )?;
    Ok(())
}

/// Sets the counts of the import a write is, as it commits; its number, if it changed anything.
pub(super) fn close(w: &W) -> Result<Option<i64>> {
    let Some(n) = w.import.as_ref().and_then(|r| r.id.get()) else {
        return Ok(None);
    };
    w.tx.execute(
        "UPDATE import_run SET
            added = (SELECT count(*) FROM import_image WHERE import_id = ?1 AND action = 'insert')
                  + (SELECT coalesce(sum(last_id - row_id + 1), 0) FROM import_image
                     WHERE import_id = ?1 AND action = 'bulk_insert'),
            changed = (SELECT count(DISTINCT table_name || ' ' || row_id) FROM import_image
                       WHERE import_id = ?1 AND action = 'update'),
            removed = (SELECT count(*) FROM import_image WHERE import_id = ?1 AND action = 'delete'),
            last_log_id = ?2
         WHERE id = ?1",
        params![n, w.tail.borrow().as_ref().map(|t| t.0)],
    )?;
    Ok(Some(n))
}

/// A digest of attendance rows in id order, fed as a bulk import writes them and again, from
/// the table, by undo: the same rows give the same digest.
pub struct RowsDigest {
    hash: Sha256,
    rows: u64,
}

impl Default for RowsDigest {
    fn default() -> Self {
        RowsDigest {
            hash: Sha256::new(),
            rows: 0,
        }
    }
}

impl RowsDigest {
    /// Adds the next row.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        activity_id: i64,
        member_id: i64,
        status: &str,
        half_days: Option<f64>,
        role: &str,
        leave_reason: Option<&str>,
        note: Option<&str>,
    ) {
        let h = &mut self.hash;
        h.update(activity_id.to_le_bytes());
        h.update(member_id.to_le_bytes());
        text_field(h, Some(status));
        match half_days {
            // `+ 0.0` makes -0 the 0 SQLite gives back.
            Some(x) => {
                h.update([1]);
                h.update((x + 0.0).to_bits().to_le_bytes());
            }
            None => h.update([0]),
        }
        text_field(h, Some(role));
        text_field(h, leave_reason);
        text_field(h, note);
        self.rows += 1;
    }

    fn hex(&self) -> String {
        self.hash
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn text_field(h: &mut Sha256, v: Option<&str>) {
    match v {
        Some(s) => {
            h.update([1]);
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
        None => h.update([0]),
    }
}

/// A numbered import.
#[derive(Clone, Debug)]
pub struct ImportRun {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub command: String,
    pub file: String,
    pub kind: String,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
    /// The last audit entry the import wrote.
    pub last_log_id: i64,
}

const RUN_COLUMNS: &str = "id, at, operator, command, file, kind, added, changed, removed, undone_at, undone_by, \
     coalesce(last_log_id, 0)";

fn run_of(r: &rusqlite::Row) -> rusqlite::Result<ImportRun> {
    Ok(ImportRun {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        command: r.get(3)?,
        file: r.get(4)?,
        kind: r.get(5)?,
        added: r.get(6)?,
        changed: r.get(7)?,
        removed: r.get(8)?,
        undone_at: r.get(9)?,
        undone_by: r.get(10)?,
        last_log_id: r.get(11)?,
    })
}

/// Every numbered import, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<ImportRun>> {
    let mut stmt = conn.prepare(&format!("SELECT {RUN_COLUMNS} FROM import_run ORDER BY id"))?;
    let rows = stmt.query_map([], run_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, n: i64) -> Result<ImportRun> {
    conn.query_row(
        &format!("SELECT {RUN_COLUMNS} FROM import_run WHERE id = ?1"),
        [n],
        run_of,
    )
    .optional()?
    .ok_or_else(|| {
        Error::data(text!("没有编号为 {} 的导入", "there is no import numbered {}", n)).with_hint(text!(
            "用 lvzhi import list 查看各次导入的编号",
            "see the numbers with `lvzhi import list`"
        ))
    })
}

/// One kept image.
struct Image {
    table: String,
    row_id: i64,
    last_id: Option<i64>,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

/// What undo does to one row (or, for a bulk range, to rows `first..=last`).
#[derive(Clone, Debug)]
pub struct Step {
    /// `remove` (a row the import added), `restore` (a row it changed), `reinsert` (a row it
    /// deleted).
    pub action: &'static str,
    pub table: String,
    pub first: i64,
    pub last: i64,
    pub what: Text,
}

/// An import taken back.
pub struct Undone {
    pub run: ImportRun,
    pub steps: Vec<Step>,
}

impl Undone {
    /// Rows removed, restored and put back.
    pub fn counts(&self) -> (i64, i64, i64) {
        let mut c = (0, 0, 0);
        for s in &self.steps {
            let n = s.last - s.first + 1;
            match s.action {
                "remove" => c.0 += n,
                "restore" => c.1 += n,
                _ => c.2 += n,
            }
        }
        c
    }
}

/// The record tables an import can write, with their names for people.
const TABLES: &[(&str, &str, &str)] = &[
    ("member", "委员", "member"),
    ("membership", "组织成员", "membership"),
    ("activity", "活动", "activity"),
    ("attendance", "出席记录", "attendance record"),
    ("proposal", "提案", "proposal"),
    ("proposal_author", "提案署名", "proposal author"),
    ("opinion", "社情民意信息", "opinion report"),
    ("opinion_author", "信息署名", "opinion author"),
    ("opinion_adoption", "采用记录", "adoption"),
    ("opinion_instruction", "批示记录", "instruction"),
    ("donation", "捐款捐物", "donation"),
    ("contribution", "履职成果", "contribution"),
    ("contribution_author", "履职成果署名", "contribution author"),
    ("commendation", "表彰", "commendation"),
    ("adjustment", "加减分", "adjustment"),
    ("assessment_member", "考核结果", "assessment result"),
    ("sector", "界别", "sector"),
    ("sector_alias", "界别别名", "sector alias"),
    ("org", "组织", "organisation"),
];

/// A record table's name for people: Chinese and English.
pub fn label(table: &str) -> (&'static str, &'static str) {
    TABLES
        .iter()
        .find(|t| t.0 == table)
        .map_or(("记录", "record"), |t| (t.1, t.2))
}

/// "委员 #12（M0012 张三）".
fn named(conn: &Connection, table: &str, id: i64, image: Option<&Json>) -> Text {
    let (zh, en) = label(table);
    let what = image
        .map(|j| describe(conn, j))
        .unwrap_or_else(|| Text::new("", ""));
    if what.zh.is_empty() {
        Text::new(format!("{zh} #{id}"), format!("{en} #{id}"))
    } else {
        Text::new(
            format!("{zh} #{id}（{}）", what.zh),
            format!("{en} #{id} ({})", what.en),
        )
    }
}

/// The fields of a row image a person recognises it by.
fn describe(conn: &Connection, j: &Json) -> Text {
    let s = |k: &str| j.get(k).and_then(Json::as_str).map(str::to_string);
    let i = |k: &str| j.get(k).and_then(Json::as_i64);
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    for k in [
        "code",
        "number",
        "name",
        "title",
        "alias",
        "start_on",
        "given_on",
        "submitted_on",
        "done_on",
    ] {
        if let Some(v) = s(k) {
            zh.push(v.clone());
            en.push(v);
        }
    }
    for (k, table) in [
        ("activity_id", "activity"),
        ("proposal_id", "proposal"),
        ("opinion_id", "opinion"),
        ("contribution_id", "contribution"),
    ] {
        if let Some(id) = i(k) {
            let title: String = conn
                .query_row_cached(&format!("SELECT title FROM {table} WHERE id = ?1"), [id], |r| {
                    r.get(0)
                })
                .optional()
                .ok()
                .flatten()
                .unwrap_or_default();
            let (lz, le) = label(table);
            zh.push(format!("{lz} #{id} {title}").trim().to_string());
            en.push(format!("{le} #{id} {title}").trim().to_string());
        }
    }
    if let Some(id) = i("member_id") {
        let who: Option<String> = conn
            .query_row_cached(
                "SELECT code || ' ' || name FROM member WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten();
        zh.push(who.clone().unwrap_or_else(|| format!("委员 #{id}")));
        en.push(who.unwrap_or_else(|| format!("member #{id}")));
    }
    Text::new(zh.join(" "), en.join(" "))
}

fn parse(text: &Option<String>) -> Result<Option<Json>> {
    Ok(text.as_deref().map(serde_json::from_str).transpose()?)
}

fn same(now: &Option<Json>, kept: &Option<String>) -> bool {
    now.as_ref().map(Json::to_string) == *kept
}

/// A change named from the audit log: its time, operator and command line.
type Change = (String, String, String);

/// The latest change to a row made after the import, from the audit log.
fn later_change(conn: &Connection, run: &ImportRun, table: &str, id: i64) -> Result<Option<Change>> {
    Ok(conn
        .query_row(
            "SELECT at, operator, command FROM audit_log
             WHERE table_name = ?1 AND row_id = ?2 AND id > ?3
             ORDER BY id DESC LIMIT 1",
            params![table, id, run.last_log_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Rows of the range `first..=last` changed after the import, from the audit log: up to five
/// of their ids, and the latest change's time, operator and command.
fn later_in_range(
    conn: &Connection,
    run: &ImportRun,
    table: &str,
    first: i64,
    last: i64,
) -> Result<Option<(Vec<String>, Change)>> {
    let mut stmt = conn.prepare(
        "SELECT row_id, at, operator, command FROM audit_log
         WHERE table_name = ?1 AND row_id BETWEEN ?2 AND ?3 AND id > ?4
         ORDER BY id DESC",
    )?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map(params![table, first, last, run.last_log_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some((_, at, op, cmd)) = rows.first().cloned() else {
        return Ok(None);
    };
    let mut ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let shown: Vec<String> = ids.iter().take(5).map(|i| i.to_string()).collect();
    Ok(Some((shown, (at, op, cmd))))
}

/// At most this many rows are named in a refusal; the rest are counted.
const NAMED: usize = 10;

fn listed(lines: &[(String, String)]) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    for (z, e) in lines.iter().take(NAMED) {
        zh.push_str("\n  ");
        zh.push_str(z);
        en.push_str("\n  ");
        en.push_str(e);
    }
    if lines.len() > NAMED {
        zh.push_str(&format!("\n  ……另有 {} 条", lines.len() - NAMED));
        en.push_str(&format!("\n  … and {} more", lines.len() - NAMED));
    }
    (zh, en)
}

/// Takes import `n` back: removes the rows it added, restores the rows it changed and puts
/// back the rows it deleted, from its own images, and marks it undone. In a dry run the caller
/// rolls the transaction back.
pub fn undo(w: &W, n: i64) -> Result<Undone> {
    let run = get(w, n)?;
    if let (Some(at), Some(by)) = (&run.undone_at, &run.undone_by) {
        return Err(Error::data(text!(
            "导入 {} 已于 {} 由 {} 撤销过，不能再撤销",
            "import {} was undone already, at {} by {}",
            n,
            at,
            by
        )));
    }
    let images = images(w, n)?;
    for im in &images {
        if !TABLES.iter().any(|t| t.0 == im.table) {
            return Err(Error::data(text!(
                "导入 {} 的记录指向未知的表「{}」，无法撤销",
                "import {} kept rows of an unknown table '{}'; it cannot be undone",
                n,
                im.table
            )));
        }
    }
    check_unchanged(w, &run, &images)?;
    check_unreferenced(w, &run, &images)?;
    let mut steps = Vec::new();
    for im in images.iter().rev() {
        steps.push(apply(w, &run, im)?);
    }
    let before = row_json(&w.tx, "import_run", n)?;
    w.tx.execute(
        "UPDATE import_run SET undone_at = ?1, undone_by = ?2 WHERE id = ?3",
        params![w.at, w.operator, n],
    )?;
    let after = row_json(&w.tx, "import_run", n)?;
    w.log("import_run", n, "update", before, after)?;
    // Unmasked images are kept no longer than they are needed.
    w.tx.execute("DELETE FROM import_image WHERE import_id = ?1", [n])?;
    steps.retain(|s| s.action != "none");
    Ok(Undone { run, steps })
}

fn images(conn: &Connection, n: i64) -> Result<Vec<Image>> {
    let mut stmt = conn.prepare(
        "SELECT table_name, row_id, last_id, action, before, after FROM import_image
         WHERE import_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([n], |r| {
        Ok(Image {
            table: r.get(0)?,
            row_id: r.get(1)?,
            last_id: r.get(2)?,
            action: r.get(3)?,
            before: r.get(4)?,
            after: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses when a row the import touched is not as the import left it.
fn check_unchanged(conn: &Connection, run: &ImportRun, images: &[Image]) -> Result<()> {
    // The state the import left each row in is its last image's.
    let mut last: HashMap<(&str, i64), &Image> = HashMap::new();
    let mut order = Vec::new();
    for im in images.iter().filter(|im| im.last_id.is_none()) {
        if last.insert((&im.table, im.row_id), im).is_none() {
            order.push((im.table.as_str(), im.row_id));
        }
    }
    let mut lines = Vec::new();
    for key in order {
        let im = last[&key];
        let now = row_json(conn, &im.table, im.row_id)?;
        if same(&now, &im.after) {
            continue;
        }
        let left = parse(&im.after)?;
        let row = named(conn, &im.table, im.row_id, now.as_ref().or(left.as_ref()));
        let (zh_how, en_how) = match (&now, &im.after) {
            (None, _) => ("已被删除", "has been deleted"),
            (Some(_), None) => ("这个编号又有了新的记录", "its id holds a new record"),
            _ => ("已被修改", "has been changed"),
        };
        let (zh_by, en_by) = match later_change(conn, run, &im.table, im.row_id)? {
            Some((at, op, cmd)) => (
                format!("，最近一次是 {at} {op} 执行的「{cmd}」"),
                format!(", last at {at} by {op} with `{cmd}`"),
            ),
            None => (
                "，审计日志中没有这次改动（在 lvzhi 之外改的）".to_string(),
                ", with no entry in the audit log (changed outside lvzhi)".to_string(),
            ),
        };
        let later: Option<i64> = conn.query_row(
            "SELECT max(import_id) FROM import_image
                 WHERE table_name = ?1 AND row_id = ?2 AND last_id IS NULL AND import_id > ?3",
            params![im.table, im.row_id, run.id],
            |r| r.get(0),
        )?;
        let (zh_then, en_then) = match later {
            Some(n) => (
                format!("（导入 {n} 改的，可先撤销它）"),
                format!(" (by import {n}, which can be undone first)"),
            ),
            None => (String::new(), String::new()),
        };
        lines.push((
            format!("{}{}{}{}", row.zh, zh_how, zh_by, zh_then),
            format!("{} {}{}{}", row.en, en_how, en_by, en_then),
        ));
    }
    for im in images.iter().filter(|im| im.last_id.is_some()) {
        let last_id = im.last_id.unwrap_or(im.row_id);
        let kept: Json = parse(&im.after)?.unwrap_or_default();
        let digest = range_digest(conn, im.row_id, last_id)?;
        let whole = kept.get("rows").and_then(Json::as_u64) == Some(digest.rows)
            && digest.rows == (last_id - im.row_id + 1) as u64
            && kept.get("sha256").and_then(Json::as_str) == Some(digest.hex().as_str());
        if !whole {
            let (zh, en) = label(&im.table);
            let (zh_by, en_by) = match later_in_range(conn, run, &im.table, im.row_id, last_id)? {
                Some((ids, (at, op, cmd))) => (
                    format!("，如 #{}，最近一次是 {at} {op} 执行的「{cmd}」", ids.join("、#")),
                    format!(
                        ", such as #{}, last at {at} by {op} with `{cmd}`",
                        ids.join(", #")
                    ),
                ),
                None => (
                    "，审计日志中没有这些改动（在 lvzhi 之外改的）".to_string(),
                    ", with no entry in the audit log (changed outside lvzhi)".to_string(),
                ),
            };
            lines.push((
                format!(
                    "{zh} #{}–#{}（导入时 {} 行）中有记录已被修改或删除{zh_by}",
                    im.row_id,
                    last_id,
                    last_id - im.row_id + 1
                ),
                format!(
                    "{en}s #{}–#{} ({} rows when imported): some were changed or deleted since{en_by}",
                    im.row_id,
                    last_id,
                    last_id - im.row_id + 1
                ),
            ));
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let (zh, en) = listed(&lines);
    Err(Error::data(Text::new(
        format!(
            "导入 {} 之后，它写入的 {} 条记录又有改动，撤销会把这些改动一并抹掉；没有撤销任何内容：{zh}",
            run.id,
            lines.len()
        ),
        format!(
            "{} record(s) import {} wrote have changed since, and undoing it would wipe those changes out; nothing was undone:{en}",
            lines.len(),
            run.id
        ),
    ))
    .with_hint(text!(
        "逐条更正这些记录（lvzhi log --table 表 --row 行号 可查看改动经过）",
        "correct those records one by one (`lvzhi log --table TABLE --row ID` shows their history)"
    )))
}

/// The digest of the attendance rows `first..=last` as they are now.
fn range_digest(conn: &Connection, first: i64, last: i64) -> Result<RowsDigest> {
    let mut d = RowsDigest::default();
    let mut stmt = conn.prepare(
        "SELECT activity_id, member_id, status, half_days, role, leave_reason, note
         FROM attendance WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([first, last])?;
    while let Some(r) = rows.next()? {
        let status: String = r.get(2)?;
        let role: String = r.get(4)?;
        let reason: Option<String> = r.get(5)?;
        let note: Option<String> = r.get(6)?;
        d.add(
            r.get(0)?,
            r.get(1)?,
            &status,
            r.get(3)?,
            &role,
            reason.as_deref(),
            note.as_deref(),
        );
    }
    Ok(d)
}

/// Rows of `table` holding a foreign key to `table`: (child table, column).
fn children(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, p.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) p
         WHERE m.type = 'table' AND p.\"table\" = ?1 ORDER BY m.name, p.id",
    )?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses when a row the import added (and undo would remove) is referenced by a record the
/// import did not add.
fn check_unreferenced(conn: &Connection, run: &ImportRun, images: &[Image]) -> Result<()> {
    let mut first: HashMap<(&str, i64), &str> = HashMap::new();
    for im in images.iter().filter(|im| im.last_id.is_none()) {
        first.entry((&im.table, im.row_id)).or_insert(&im.action);
    }
    let removed: HashSet<(&str, i64)> = first
        .iter()
        .filter(|(_, a)| **a == "insert")
        .map(|(k, _)| *k)
        .collect();
    // The rows undo removes, by table, in the order the import added them.
    let mut tables: Vec<&str> = Vec::new();
    let mut ids: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut added: HashMap<(&str, i64), &Image> = HashMap::new();
    for im in images.iter().filter(|im| im.action == "insert") {
        let key = (im.table.as_str(), im.row_id);
        if !removed.contains(&key) || added.insert(key, im).is_some() {
            continue;
        }
        if !ids.contains_key(key.0) {
            tables.push(key.0);
        }
        ids.entry(key.0).or_default().push(im.row_id);
    }
    let mut lines = Vec::new();
    for table in tables {
        let set = serde_json::to_string(&ids[table])?;
        for (child, col) in children(conn, table)? {
            let hits: Vec<(i64, i64)> = conn
                .prepare(&format!(
                    "SELECT rowid, \"{col}\" FROM \"{child}\"
                     WHERE \"{col}\" IN (SELECT value FROM json_each(?1)) ORDER BY rowid"
                ))?
                .query_map([&set], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, parent) in hits {
                if removed.contains(&(child.as_str(), id)) {
                    continue;
                }
                if lines.len() >= NAMED {
                    // Counted, not named.
                    lines.push((String::new(), String::new()));
                    continue;
                }
                let kept = added
                    .get(&(table, parent))
                    .map(|im| parse(&im.after))
                    .transpose()?
                    .flatten();
                let what = named(conn, table, parent, kept.as_ref());
                let image = if child == "assessment_member" {
                    None
                } else {
                    row_json(conn, &child, id)?
                };
                let by = named(conn, &child, id, image.as_ref());
                let (zh_from, en_from) = match added_by(conn, &child, id)? {
                    Some(n) => (
                        format!("（导入 {n} 新增的，可先撤销它）"),
                        format!(" (added by import {n}, which can be undone first)"),
                    ),
                    None => (String::new(), String::new()),
                };
                lines.push((
                    format!("它新增的{}被后来的{}引用{zh_from}", what.zh, by.zh),
                    format!(
                        "the {} it added is referenced by the later {}{en_from}",
                        what.en, by.en
                    ),
                ));
            }
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let (zh, en) = listed(&lines);
    Err(Error::data(Text::new(
        format!("导入 {} 不能撤销：{zh}", run.id),
        format!("import {} cannot be undone:{en}", run.id),
    ))
    .with_hint(text!(
        "先删除或更正这些后来的记录，再撤销这次导入",
        "remove or correct those later records first, then undo the import"
    )))
}

/// The import, not undone, that added a row.
fn added_by(conn: &Connection, table: &str, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT import_id FROM import_image
             WHERE table_name = ?1 AND action IN ('insert', 'bulk_insert')
               AND ?2 BETWEEN row_id AND coalesce(last_id, row_id)
             ORDER BY import_id DESC LIMIT 1",
            params![table, id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Undoes one image.
fn apply(w: &W, run: &ImportRun, im: &Image) -> Result<Step> {
    let before = parse(&im.before)?;
    let after = parse(&im.after)?;
    let finalised = |e: Error, image: Option<&Json>| -> Error {
        if !is_year_final(&e) {
            return e;
        }
        let year = final_year(w, &im.table, im.row_id, im.last_id, image)
            .ok()
            .flatten();
        let row = match im.last_id {
            Some(last) => {
                let (zh, en) = label(&im.table);
                Text::new(
                    format!("{zh} #{}–#{last}", im.row_id),
                    format!("{en}s #{}–#{last}", im.row_id),
                )
            }
            None => named(w, &im.table, im.row_id, image),
        };
        let year = year.map_or(String::new(), |y| y.to_string());
        Error::data(text!(
            "导入 {} 不能撤销：{} 属于 {} 年度，该年度的履职考核已定稿，记录不能再改动；没有撤销任何内容",
            "import {} cannot be undone: {} belongs to {}, whose assessment is final, so its records can no longer change; nothing was undone",
            run.id,
            row,
            year
        ))
        .with_hint(text!(
            "确需更正时，先用 lvzhi assess --year {} --supersede --reason 理由 撤销定稿（原结果保留）",
            "to correct it, first run `lvzhi assess --year {} --supersede --reason TEXT` (the old result is kept)",
            year
        ))
    };
    let mut step = Step {
        action: "none",
        table: im.table.clone(),
        first: im.row_id,
        last: im.last_id.unwrap_or(im.row_id),
        what: Text::new("", ""),
    };
    match (im.action.as_str(), im.last_id) {
        ("bulk_insert", Some(last)) => {
            let n =
                w.tx.execute(
                    &format!("DELETE FROM \"{}\" WHERE id BETWEEN ?1 AND ?2", im.table),
                    [im.row_id, last],
                )
                .map_err(|e| finalised(e.into(), None))?;
            w.log_summary(
                &im.table,
                0,
                "delete",
                serde_json::json!({"undo_import": run.id, "file": run.file, "deleted": n,
                                   "first_id": im.row_id, "last_id": last}),
            )?;
            step.action = "remove";
            step.what = text!("{} 行", "{} rows", n);
        }
        ("insert", _) => {
            step.what = named(w, &im.table, im.row_id, after.as_ref());
            w.delete(&im.table, im.row_id)
                .map_err(|e| finalised(e, after.as_ref()))?;
            step.action = "remove";
        }
        ("update", _) => {
            let Some(image) = &before else { return Ok(step) };
            step.what = named(w, &im.table, im.row_id, Some(image));
            let (cols, values) = columns(w, &im.table, image)?;
            let set: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
                .collect();
            let sql = format!(
                "UPDATE \"{}\" SET {} WHERE id = ?{}",
                im.table,
                set.join(", "),
                cols.len() + 1
            );
            let mut all = values;
            all.push(Value::Integer(im.row_id));
            w.update(&im.table, im.row_id, &sql, rusqlite::params_from_iter(all))
                .map_err(|e| finalised(e, Some(image)))?;
            restored(w, &im.table, im.row_id, &im.before)?;
            step.action = "restore";
        }
        ("delete", _) => {
            let Some(image) = &before else { return Ok(step) };
            step.what = named(w, &im.table, im.row_id, Some(image));
            let (cols, values) = columns(w, &im.table, image)?;
            let quoted: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO \"{}\" ({}) VALUES ({})",
                im.table,
                quoted.join(", "),
                marks.join(", ")
            );
            w.insert(&im.table, &sql, rusqlite::params_from_iter(values))
                .map_err(|e| finalised(e, Some(image)))?;
            restored(w, &im.table, im.row_id, &im.before)?;
            step.action = "reinsert";
        }
        _ => {}
    }
    Ok(step)
}

/// The columns of a kept row image that the table has, and their values.
fn columns(conn: &Connection, table: &str, image: &Json) -> Result<(Vec<String>, Vec<Value>)> {
    let known: HashSet<String> = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let Some(obj) = image.as_object() else {
        return Err(damaged(table));
    };
    let mut cols = Vec::new();
    let mut values = Vec::new();
    for (k, v) in obj {
        if !known.contains(k) {
            return Err(damaged(table));
        }
        let value = match v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Integer(i64::from(*b)),
            Json::Number(x) => match x.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Real(x.as_f64().unwrap_or_default()),
            },
            Json::String(s) => Value::Text(s.clone()),
            _ => return Err(damaged(table)),
        };
        cols.push(k.clone());
        values.push(value);
    }
    Ok((cols, values))
}

fn damaged(table: &str) -> Error {
    Error::data(text!(
        "导入时保存的「{}」记录已损坏，无法撤销；没有撤销任何内容",
        "the '{}' rows kept at the import are damaged; nothing was undone",
        table
    ))
}

/// Checks a restored row is exactly the row kept.
fn restored(conn: &Connection, table: &str, id: i64, kept: &Option<String>) -> Result<()> {
    if same(&row_json(conn, table, id)?, kept) {
        Ok(())
    } else {
        Err(damaged(table))
    }
}

fn is_year_final(e: &Error) -> bool {
    let final_error = Error::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER),
        Some("lvzhi: year finalised".into()),
    ));
    e.message == final_error.message
}

/// The first finalised year a row (or a bulk range) belongs to, to name it in a refusal.
fn final_year(
    conn: &Connection,
    table: &str,
    id: i64,
    last: Option<i64>,
    image: Option<&Json>,
) -> Result<Option<i32>> {
    let years: Vec<i32> = conn
        .prepare("SELECT year FROM assessment WHERE status = 'final' ORDER BY year")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(last) = last {
        return Ok(conn.query_row(
            "SELECT min(s.year) FROM attendance t JOIN activity a ON a.id = t.activity_id
             JOIN assessment s ON s.status = 'final' AND s.year = CAST(substr(a.start_on, 1, 4) AS INTEGER)
             WHERE t.id BETWEEN ?1 AND ?2",
            [id, last],
            |r| r.get(0),
        )?);
    }
    let Some(j) = image else {
        return Ok(years.first().copied());
    };
    let year_of = |s: Option<&str>| s.and_then(|d| d.get(..4)?.parse::<i32>().ok());
    let text = |k: &str| j.get(k).and_then(Json::as_str);
    let num = |k: &str| j.get(k).and_then(Json::as_i64);
    let parent = |sql: &str, k: &str| -> Option<String> {
        let id = num(k)?;
        conn.query_row(sql, [id], |r| r.get::<_, Option<String>>(0))
            .ok()
            .flatten()
    };
    let year = match table {
        "activity" => year_of(text("start_on")),
        "attendance" => {
            year_of(parent("SELECT start_on FROM activity WHERE id = ?1", "activity_id").as_deref())
        }
        "proposal" | "adjustment" => num("year").map(|y| y as i32),
        "proposal_author" => parent(
            "SELECT CAST(year AS TEXT) FROM proposal WHERE id = ?1",
            "proposal_id",
        )
        .and_then(|y| y.parse().ok()),
        "opinion" => year_of(text("submitted_on")),
        "opinion_author" | "opinion_adoption" | "opinion_instruction" => {
            year_of(parent("SELECT submitted_on FROM opinion WHERE id = ?1", "opinion_id").as_deref())
        }
        "donation" => year_of(text("given_on")),
        "contribution" => year_of(text("done_on")),
        "contribution_author" => year_of(
            parent(
                "SELECT done_on FROM contribution WHERE id = ?1",
                "contribution_id",
            )
            .as_deref(),
        ),
        "commendation" => year_of(text("awarded_on")),
        "member" => {
            let service = crate::domain::finality::Service {
                joined: text("joined_on").and_then(|d| d.parse().ok()),
                left: text("left_on").and_then(|d| d.parse().ok()),
            };
            years.iter().copied().find(|y| service.serves_in(*y))
        }
        _ => None,
    };
    Ok(year.filter(|y| years.contains(y)).or(years.first().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(rows: &[(f64, Option<&str>)]) -> String {
        let mut d = RowsDigest::default();
        for (half, note) in rows {
            d.add(1, 2, "present", Some(*half), "participant", None, *note);
        }
        d.hex()
    }

    #[test]
    fn the_digest_tells_rows_apart_and_takes_minus_zero_for_zero() {
        assert_eq!(digest(&[(1.0, None)]), digest(&[(1.0, None)]));
        assert_eq!(digest(&[(-0.0, None)]), digest(&[(0.0, None)]));
        assert_ne!(digest(&[(1.0, None)]), digest(&[(1.0, Some(""))]));
        assert_ne!(digest(&[(1.0, Some("ab"))]), digest(&[(1.0, Some("a"))]));
        assert_ne!(digest(&[(1.0, None)]), digest(&[(1.0, None), (1.0, None)]));
    }
}
