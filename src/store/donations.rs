//! Donations (捐款捐物) by members: recorded, listed, removed, and totalled for the year.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::W;
use super::members::Member;
use crate::domain::codes::DonationKind;
use crate::error::{Error, Result};
use crate::text;

/// A donation as listed.
#[derive(Clone, Debug)]
pub struct Donation {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sector: String,
    pub given_on: NaiveDate,
    pub kind: DonationKind,
    pub amount_fen: i64,
    pub purpose: String,
    pub activity_id: Option<i64>,
    pub activity: Option<String>,
    pub note: Option<String>,
}

/// A donation to record.
#[derive(Clone, Debug)]
pub struct NewDonation {
    pub given_on: NaiveDate,
    pub kind: DonationKind,
    pub amount_fen: i64,
    pub purpose: String,
    pub activity_id: Option<i64>,
    pub note: Option<String>,
}

/// Records a donation by a member who was serving that day; returns its id.
pub fn add(w: &W, m: &Member, d: &NewDonation) -> Result<i64> {
    if d.purpose.trim().is_empty() {
        return Err(Error::usage(text!(
            "必须写明用途或事由（--purpose）",
            "the purpose is required (--purpose)"
        )));
    }
    if !m.serving_on(d.given_on) {
        return Err(Error::data(text!(
            "委员 {}（{}）在 {} 不在任",
            "member {} ({}) was not serving on {}",
            m.name,
            m.code,
            d.given_on
        )));
    }
    if let Some(a) = d.activity_id {
        super::activities::get(w, a)?;
    }
    w.insert(
        "donation",
        "INSERT INTO donation (member_id, given_on, kind, amount_fen, purpose, activity_id, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            m.id,
            d.given_on,
            d.kind.code(),
            d.amount_fen,
            d.purpose.trim(),
            d.activity_id,
            d.note
        ],
    )
}

/// Removes a donation recorded by mistake (its image stays in the audit log).
pub fn remove(w: &W, id: i64) -> Result<()> {
    let exists: bool = w
        .prepare_cached("SELECT 1 FROM donation WHERE id = ?1")?
        .exists([id])?;
    if !exists {
        return Err(
            Error::data(text!("捐赠记录 {} 不存在", "no donation with id {}", id)).with_hint(text!(
                "用 lvzhi donation list 查看编号",
                "see `lvzhi donation list` for ids"
            )),
        );
    }
    w.delete("donation", id)
}

/// Changes the note of a donation (logged).
pub fn set_note(w: &W, id: i64, note: Option<&str>) -> Result<bool> {
    w.update(
        "donation",
        id,
        "UPDATE donation SET note = ?1 WHERE id = ?2",
        params![note, id],
    )
}

/// Donations of a year and of a member (either may be left open), by date.
pub fn list(conn: &Connection, year: Option<i32>, member_id: Option<i64>) -> Result<Vec<Donation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, m.code, m.name, s.name, d.given_on, d.kind, d.amount_fen, d.purpose,
                d.activity_id, a.title, d.note
         FROM donation d JOIN member m ON m.id = d.member_id JOIN sector s ON s.id = m.sector_id
              LEFT JOIN activity a ON a.id = d.activity_id
         WHERE (?1 IS NULL OR substr(d.given_on, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR d.member_id = ?2)
         ORDER BY d.given_on, d.id",
    )?;
    let rows = stmt.query_map(params![year, member_id], |r| {
        let kind: String = r.get(5)?;
        Ok(Donation {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            sector: r.get(3)?,
            given_on: r.get(4)?,
            kind: DonationKind::from_code(&kind).unwrap_or(DonationKind::Money),
            amount_fen: r.get(6)?,
            purpose: r.get(7)?,
            activity_id: r.get(8)?,
            activity: r.get(9)?,
            note: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Donations of one kind (or all) in a year: how many, by how many members, how much.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DonationFigures {
    pub count: i64,
    pub donors: i64,
    pub amount_fen: i128,
}

/// The donations given in `year`: of money, of goods, and all, counted in SQL.
pub fn year_figures(conn: &Connection, year: i32) -> Result<[DonationFigures; 3]> {
    let mut stmt = conn.prepare(
        "SELECT count(*), count(DISTINCT m.code), coalesce(sum(d.amount_fen), 0)
         FROM donation d JOIN member m ON m.id = d.member_id JOIN sector s ON s.id = m.sector_id
         WHERE substr(d.given_on, 1, 4) = printf('%04d', ?1) AND (?2 IS NULL OR d.kind = ?2)",
    )?;
    let mut of = |kind: Option<DonationKind>| -> Result<DonationFigures> {
        Ok(stmt.query_row(params![year, kind.map(|k| k.code())], |r| {
            Ok(DonationFigures {
                count: r.get(0)?,
                donors: r.get(1)?,
                amount_fen: i128::from(r.get::<_, i64>(2)?),
            })
        })?)
    };
    Ok([
        of(Some(DonationKind::Money))?,
        of(Some(DonationKind::Goods))?,
        of(None)?,
    ])
}
