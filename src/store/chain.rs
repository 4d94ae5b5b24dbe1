//! The audit log's hash chain and the masking of its personal numbers.
//!
//! Each entry's `hash` is the SHA-256 (hex) of the previous entry's hash (empty for the first
//! entry), a newline, and the entry's fields as one JSON array: `[id, at, operator, command,
//! table_name, row_id, action, before, after]`, `before`/`after` as the stored text. An entry
//! changed, removed or inserted by hand breaks the chain from that entry on, unless every later
//! hash is made again: without a secret key the chain shows changes made without re-sealing.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::domain::mask::{mask, mask_command};
use crate::error::Result;

/// Columns of a row image that hold personal numbers, masked in the log.
const NUMBER_COLUMNS: &[&str] = &["phone", "id_number"];

/// An audit entry's fields, as hashed.
pub struct Fields<'a> {
    pub id: i64,
    pub at: &'a str,
    pub operator: &'a str,
    pub command: &'a str,
    pub table: &'a str,
    pub row_id: Option<i64>,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The hash of an entry following the entry whose hash is `prev` ("" for the first).
pub fn entry_hash(prev: &str, f: &Fields) -> String {
    let fields = serde_json::json!([
        f.id, f.at, f.operator, f.command, f.table, f.row_id, f.action, f.before, f.after
    ]);
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(fields.to_string().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Masks the phone and ID numbers of a row image in place; tells whether it changed anything.
pub fn mask_image(image: &mut Json) -> bool {
    let Some(obj) = image.as_object_mut() else {
        return false;
    };
    let mut changed = false;
    for col in NUMBER_COLUMNS {
        if let Some(Json::String(v)) = obj.get_mut(*col) {
            let masked = mask(v);
            if masked != *v {
                *v = masked;
                changed = true;
            }
        }
    }
    changed
}

/// The stored text of a row image with its numbers masked (the text unchanged when there is
/// nothing to mask).
fn masked_text(text: Option<String>) -> Option<String> {
    let text = text?;
    if let Ok(mut j) = serde_json::from_str::<Json>(&text)
        && mask_image(&mut j)
    {
        return Some(j.to_string());
    }
    Some(text)
}

/// The newest entry's id and the hash of the file's own newest entry (committee 1's; in a
/// roll-up the other committees' entries are copies with chains of their own): the next entry
/// takes the next id and is chained on that hash.
pub fn tail(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT (SELECT max(id) FROM audit_log),
                    coalesce((SELECT hash FROM audit_log WHERE committee_id = 1 ORDER BY id DESC LIMIT 1), '')
             WHERE EXISTS (SELECT 1 FROM audit_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new())))
}

/// One stored entry: its fields and stored hash.
type Row = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

const SELECT: &str = "SELECT id, at, operator, command, table_name, row_id, action, before, after, hash FROM audit_log ORDER BY id";
const SELECT_OWN: &str = "SELECT id, at, operator, command, table_name, row_id, action, before, after, hash
     FROM audit_log WHERE committee_id = 1 ORDER BY id";

fn hash_of(prev: &str, r: &Row) -> String {
    entry_hash(
        prev,
        &Fields {
            id: r.0,
            at: &r.1,
            operator: &r.2,
            command: &r.3,
            table: &r.4,
            row_id: r.5,
            action: &r.6,
            before: r.7.as_deref(),
            after: r.8.as_deref(),
        },
    )
}

/// Schema version 3, between its two scripts: masks the numbers of the entries already in the
/// log (their append-only triggers are dropped at this point), then chains them all.
pub fn upgrade(tx: &Transaction) -> rusqlite::Result<()> {
    let rows: Vec<Row> = tx
        .prepare(SELECT)?
        .query_map([], read_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        tx.prepare("UPDATE audit_log SET command = ?1, before = ?2, after = ?3, hash = ?4 WHERE id = ?5")?;
    let mut prev = String::new();
    for mut r in rows {
        r.3 = mask_command(&r.3);
        r.7 = masked_text(r.7.take());
        r.8 = masked_text(r.8.take());
        prev = hash_of(&prev, &r);
        stmt.execute(params![r.3, r.7, r.8, prev, r.0])?;
    }
    Ok(())
}

/// Where the chain breaks: the first entry whose stored hash is missing or is not the hash of
/// its fields and of the entry before it.
pub fn first_break(conn: &Connection) -> Result<Option<i64>> {
    walk(conn.prepare(SELECT_OWN)?.query([])?, 0)
}

/// [`first_break`] for committee `cid` of a roll-up, whose entries' ids were moved by `offset`
/// when its package was brought in: the break is given as the package's entry id.
pub fn first_break_in(conn: &Connection, cid: i64, offset: i64) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, command, table_name, row_id, action, before, after, hash
         FROM main.audit_log WHERE committee_id = ?1 ORDER BY id",
    )?;
    walk(stmt.query([cid])?, offset)
}

fn walk(mut rows: rusqlite::Rows, offset: i64) -> Result<Option<i64>> {
    let mut prev = String::new();
    while let Some(r) = rows.next()? {
        let mut r = read_row(r)?;
        r.0 -= offset;
        let want = hash_of(&prev, &r);
        if r.9.as_deref() != Some(want.as_str()) {
            return Ok(Some(r.0));
        }
        prev = want;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_image_keeps_no_number() {
        let mut j = serde_json::json!({"code": "D001", "phone": "13812345678", "id_number": null});
        assert!(mask_image(&mut j));
        assert_eq!(j["phone"], "138****5678");
        assert!(!mask_image(&mut j), "masking twice changes nothing");
    }

    #[test]
    fn the_hash_depends_on_the_entry_before() {
        let f = Fields {
            id: 2,
            at: "2026-01-01T00:00:00+08:00",
            operator: "a",
            command: "member add x",
            table: "member",
            row_id: Some(1),
            action: "insert",
            before: None,
            after: Some("{}"),
        };
        assert_ne!(entry_hash("", &f), entry_hash("00", &f));
        assert_eq!(entry_hash("", &f).len(), 64);
    }
}
