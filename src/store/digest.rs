//! The digest of a year's inputs, stored when the year is finalised and checked again by
//! `lvzhi check`.
//!
//! It covers every record the assessment of the year reads, and what the year's reports show
//! beside it: the year's members (code, sector, joining date, and leaving date and reason when
//! they fall in or before the year), their standing committee periods starting by the end of
//! the year (an end after the year counts as open), the activities of the term up to the end of
//! the year with their attendance and kinds (code, standing_only, all_due), the year's
//! proposals, opinion reports, commendations, adjustments, donations and contributions, earlier years' final
//! results, the start of the term, and the rule text. When the rule text counts items over the
//! term or several years, it also covers the activities from the first year read and those
//! years' records of the sources counted. Outcomes that arrive after their record's year
//! (adoptions, leaders' instructions, proposals made key or excellent) are covered by the year
//! they are dated in, which finalising locks: a year's records show only those dated by its end,
//! and the outcomes dated in the year of earlier years' records are covered too (with those
//! records' authors when the rule text counts outcomes in the year of the event). Names, workplaces, titles, phone numbers
//! and notes are left out: they stay correctable.
//!
//! Each record is one line `section JSON-array` of natural keys and values (member code, kind
//! and date and title of an activity, proposal number and title, …), never row ids; lines are
//! sorted, and the SHA-256 is taken over them, so the same records give the same digest in any
//! file, whatever order they were entered in.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::domain::dates::year_bounds;
use crate::error::Result;

/// The parameters every section reads: year, first day of the term read, first and last day
/// of the year.
const P: &str = "p AS (SELECT ?1 AS year, ?2 AS from_on, ?3 AS ys, ?4 AS ye),
    ym AS (SELECT m.* FROM member m, p WHERE (m.joined_on IS NULL OR m.joined_on <= p.ye)
                                        AND (m.left_on IS NULL OR m.left_on > p.ys)),
    acts AS (SELECT a.*, k.code AS kind FROM activity a JOIN activity_kind k ON k.id = a.kind_id, p
             WHERE a.start_on >= p.from_on AND a.start_on <= p.ye)";

/// Sections in every version of the digest.
const ALL: u8 = 0;
/// Sections of the digest made before schema version 7 only.
const V1: u8 = 1;
/// Sections of the digest from schema version 7 on, which covers outcome events by their own
/// date: a year's records show only the events dated by its end, and the events dated in the
/// year of earlier years' records are covered too.
const V2: u8 = 2;

/// Each section: its name, the digest versions it belongs to (`ALL`, only `V1`, or `V2`), and
/// the query giving one JSON array per record.
const SECTIONS: &[(&str, u8, &str)] = &[
    (
        "member",
        ALL,
        "SELECT json_array(m.code, s.name, m.joined_on,
                CASE WHEN m.left_on <= p.ye THEN m.left_on END,
                CASE WHEN m.left_on <= p.ye THEN m.left_reason END)
         FROM ym m JOIN sector s ON s.id = m.sector_id, p",
    ),
    (
        "standing",
        ALL,
        "SELECT json_array(m.code, x.start_on, CASE WHEN x.end_on <= p.ye THEN x.end_on END)
         FROM membership x JOIN org o ON o.id = x.org_id JOIN ym m ON m.id = x.member_id, p
         WHERE o.kind = 'standing' AND x.start_on <= p.ye",
    ),
    (
        "kind",
        ALL,
        "SELECT json_array(k.code, k.standing_only, k.all_due) FROM activity_kind k, p
         WHERE k.id IN (SELECT kind_id FROM acts)",
    ),
    (
        "activity",
        ALL,
        "SELECT json_array(a.kind, a.start_on, a.end_on, a.title, a.half_days) FROM acts a, p",
    ),
    (
        "attendance",
        ALL,
        "SELECT json_array(a.kind, a.start_on, a.end_on, a.title, m.code, t.status, t.half_days,
                           t.role, t.leave_reason)
         FROM attendance t JOIN acts a ON a.id = t.activity_id JOIN ym m ON m.id = t.member_id, p",
    ),
    (
        "proposal",
        V1,
        "SELECT json_array(x.number, x.title, x.type, x.stage, x.is_key, x.is_excellent,
                           x.forwarded_up, o.code)
         FROM proposal x LEFT JOIN org o ON o.id = x.org_id, p WHERE x.year = p.year",
    ),
    (
        "proposal",
        V2,
        "SELECT json_array(x.number, x.title, x.type, x.stage,
                           x.is_key AND (x.key_on IS NULL OR x.key_on <= p.ye),
                           x.is_excellent AND (x.excellent_on IS NULL OR x.excellent_on <= p.ye),
                           x.forwarded_up, o.code)
         FROM proposal x LEFT JOIN org o ON o.id = x.org_id, p WHERE x.year = p.year",
    ),
    (
        "proposal_author",
        ALL,
        "SELECT json_array(x.number, x.title, m.code, a.role, a.ord)
         FROM proposal_author a JOIN proposal x ON x.id = a.proposal_id JOIN member m ON m.id = a.member_id, p
         WHERE x.year = p.year",
    ),
    (
        "opinion",
        ALL,
        "SELECT json_array(x.number, x.title, x.submitted_on, f.number, f.title)
         FROM opinion x LEFT JOIN proposal f ON f.id = x.from_proposal, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "opinion_author",
        ALL,
        "SELECT json_array(x.number, x.title, x.submitted_on, m.code, a.role, a.ord)
         FROM opinion_author a JOIN opinion x ON x.id = a.opinion_id JOIN member m ON m.id = a.member_id, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "opinion_adoption",
        V1,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.adopted_on)
         FROM opinion_adoption a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "opinion_adoption",
        V2,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.adopted_on)
         FROM opinion_adoption a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4) AND a.adopted_on <= p.ye",
    ),
    (
        "opinion_instruction",
        V1,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.instructed_on)
         FROM opinion_instruction a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "opinion_instruction",
        V2,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.instructed_on)
         FROM opinion_instruction a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE substr(x.submitted_on, 1, 4) = substr(p.ys, 1, 4) AND a.instructed_on <= p.ye",
    ),
    (
        "outcome_proposal",
        V2,
        "SELECT json_array(x.number, x.title, x.year,
                           CASE WHEN x.is_key = 1 AND x.key_on BETWEEN p.ys AND p.ye THEN x.key_on END,
                           CASE WHEN x.is_excellent = 1 AND x.excellent_on BETWEEN p.ys AND p.ye
                                THEN x.excellent_on END)
         FROM proposal x, p
         WHERE (x.is_key = 1 AND x.key_on BETWEEN p.ys AND p.ye)
            OR (x.is_excellent = 1 AND x.excellent_on BETWEEN p.ys AND p.ye)",
    ),
    (
        "outcome_proposal_author",
        V2,
        "SELECT json_array(x.number, x.title, x.year, m.code, a.role, a.ord)
         FROM proposal_author a JOIN proposal x ON x.id = a.proposal_id JOIN member m ON m.id = a.member_id, p
         WHERE x.year < p.year AND ((x.is_key = 1 AND x.key_on BETWEEN p.ys AND p.ye)
            OR (x.is_excellent = 1 AND x.excellent_on BETWEEN p.ys AND p.ye))",
    ),
    (
        "outcome_adoption",
        V2,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.adopted_on)
         FROM opinion_adoption a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE x.submitted_on < p.ys AND a.adopted_on BETWEEN p.ys AND p.ye",
    ),
    (
        "outcome_instruction",
        V2,
        "SELECT json_array(x.number, x.title, x.submitted_on, a.level, a.instructed_on)
         FROM opinion_instruction a JOIN opinion x ON x.id = a.opinion_id, p
         WHERE x.submitted_on < p.ys AND a.instructed_on BETWEEN p.ys AND p.ye",
    ),
    (
        "outcome_opinion_author",
        V2,
        "SELECT json_array(x.number, x.title, x.submitted_on, m.code, a.role, a.ord)
         FROM opinion_author a JOIN opinion x ON x.id = a.opinion_id JOIN member m ON m.id = a.member_id, p
         WHERE x.submitted_on < p.ys
           AND (EXISTS (SELECT 1 FROM opinion_adoption d WHERE d.opinion_id = x.id AND d.adopted_on BETWEEN p.ys AND p.ye)
             OR EXISTS (SELECT 1 FROM opinion_instruction d WHERE d.opinion_id = x.id
                        AND d.instructed_on BETWEEN p.ys AND p.ye))",
    ),
    (
        "commendation",
        ALL,
        "SELECT json_array(m.code, c.level, c.awarded_on, c.reason)
         FROM commendation c JOIN member m ON m.id = c.member_id, p
         WHERE substr(c.awarded_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "adjustment",
        ALL,
        "SELECT json_array(m.code, a.points, a.reason)
         FROM adjustment a JOIN member m ON m.id = a.member_id, p WHERE a.year = p.year",
    ),
    (
        "donation",
        ALL,
        "SELECT json_array(m.code, d.given_on, d.kind, d.amount_fen, d.purpose)
         FROM donation d JOIN member m ON m.id = d.member_id, p
         WHERE substr(d.given_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "contribution",
        ALL,
        "SELECT json_array(k.code, c.done_on, c.title, c.level)
         FROM contribution c JOIN contribution_kind k ON k.id = c.kind_id, p
         WHERE substr(c.done_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "contribution_author",
        ALL,
        "SELECT json_array(k.code, c.done_on, c.title, m.code, a.role, a.ord)
         FROM contribution_author a JOIN contribution c ON c.id = a.contribution_id
         JOIN contribution_kind k ON k.id = c.kind_id JOIN member m ON m.id = a.member_id, p
         WHERE substr(c.done_on, 1, 4) = substr(p.ys, 1, 4)",
    ),
    (
        "history",
        ALL,
        "SELECT json_array(a.year, m.code, r.assessed, r.total, r.grade, r.flags)
         FROM assessment_member r JOIN assessment a ON a.id = r.assessment_id
         JOIN member m ON m.id = r.member_id, p
         WHERE a.status = 'final' AND a.year < p.year",
    ),
];

/// The canonical text the digest of `year` is taken over, under the rule text `rules`.
pub fn canonical(conn: &Connection, year: i32, rules: &str) -> Result<String> {
    canonical_at(conn, year, rules, V2)
}

/// The canonical text in digest version `version` (`V1` before schema version 7, else `V2`).
fn canonical_at(conn: &Connection, year: i32, rules: &str, version: u8) -> Result<String> {
    let mut text = String::new();
    canonical_lines(conn, year, rules, version, &mut |line| {
        text.push_str(line);
        text.push('\n');
    })?;
    Ok(text)
}

/// The canonical text's lines, each given once in order (each ends the text with a newline).
/// Each section's lines are sorted by SQLite, which spills to disk when it must: the text of a
/// national year is never held whole.
fn canonical_lines(
    conn: &Connection,
    year: i32,
    rules: &str,
    version: u8,
    out: &mut dyn FnMut(&str),
) -> Result<()> {
    let in_version = |v: &u8| *v == ALL || *v == version;
    let term_start: Option<i32> = conn
        .query_row("SELECT term_start FROM committee WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .flatten();
    let (ys, ye) = year_bounds(year);
    let from = term_start
        .filter(|t| *t <= year)
        .map(|t| year_bounds(t).0.to_string())
        .unwrap_or_else(|| "0000-01-01".to_string());
    out(&format!("lvzhi-inputs {version} {year}"));
    out(&format!("term_from {}", serde_json::json!([from])));
    out(&format!("rules {}", serde_json::json!([rules])));
    // A scheme counting over the term or several years also reads earlier years' records: the
    // activities from the first year it reads, and that year's records of the sources it counts.
    let scheme = crate::scoring::parse_rules(rules, &super::assess::kind_codes(conn)?).ok();
    let back = match &scheme {
        Some(scheme) => super::assess::reach_back(conn, year, scheme)?,
        None => None,
    };
    // the authors of earlier years' records are read for their outcomes only under "event"
    let event = scheme.as_ref().is_some_and(|s| s.outcome_in_event_year());
    let in_version = |s: &&(&str, u8, &str)| {
        in_version(&s.1) && (event || !(s.0.starts_with("outcome_") && s.0.ends_with("_author")))
    };
    let acts_from = match &back {
        Some((first, _)) => from.clone().min(year_bounds(*first).0.to_string()),
        None => from.clone(),
    };
    // Files before version 6 (sealed by version 3's upgrade) have no contributions.
    let contributions = has_table(conn, "contribution")?;
    let present = |name: &str| contributions || !name.starts_with("contribution");
    for (name, _, query) in SECTIONS.iter().filter(in_version) {
        if !present(name) {
            continue;
        }
        // BINARY order is byte order, as the lines' own: each line is the section's name and
        // a row's text
        let mut stmt = conn.prepare(&format!("SELECT * FROM (WITH {P} {query}) ORDER BY 1"))?;
        let mut rows = stmt.query(params![year, acts_from, ys.to_string(), ye.to_string()])?;
        let mut line = String::new();
        while let Some(r) = rows.next()? {
            line.clear();
            line.push_str(name);
            line.push(' ');
            line.push_str(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
            out(&line);
        }
    }
    if let Some((first, sources)) = back {
        let wanted = |src: &str| sources.iter().any(|x| x == src);
        for y in first..year {
            let (ys, ye) = year_bounds(y);
            for (name, _, query) in SECTIONS.iter().filter(in_version) {
                let read = match name.split('_').next() {
                    Some("proposal") | Some("opinion") | Some("outcome") => {
                        wanted("proposal") || wanted("opinion")
                    }
                    Some("commendation") => wanted("commendation"),
                    Some("adjustment") => wanted("adjustment"),
                    Some("contribution") => contributions && wanted("contribution"),
                    _ => false,
                };
                if !read {
                    continue;
                }
                let mut stmt = conn.prepare(&format!("SELECT * FROM (WITH {P} {query}) ORDER BY 1"))?;
                let mut rows = stmt.query(params![y, acts_from, ys.to_string(), ye.to_string()])?;
                while let Some(r) = rows.next()? {
                    let row = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                    out(&format!("earlier {y} {name} {row}"));
                }
            }
        }
    }
    Ok(())
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .exists([name])?)
}

/// The SHA-256 (hex) of the inputs of `year` under the rule text `rules`.
pub fn inputs(conn: &Connection, year: i32, rules: &str) -> Result<String> {
    inputs_at(conn, year, rules, V2)
}

fn inputs_at(conn: &Connection, year: i32, rules: &str, version: u8) -> Result<String> {
    let mut hasher = Sha256::new();
    canonical_lines(conn, year, rules, version, &mut |line| {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    })?;
    let digest = hasher.finalize();
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// The short form printed on paper: the first 16 hex digits.
pub fn short(digest: &str) -> &str {
    digest.get(..16).unwrap_or(digest)
}

/// A finalised year whose inputs no longer give the digest stored with it.
#[derive(Clone, Debug)]
pub struct Changed {
    pub year: i32,
    pub stored: Option<String>,
    pub now: String,
}

/// Every final assessment's digest made again from the file as it is; the years whose inputs
/// changed since they were finalised (or that were finalised without a digest, by a version
/// before 3).
pub fn verify(conn: &Connection) -> Result<Vec<Changed>> {
    let finals: Vec<(i32, Option<String>, String)> = conn
        .prepare(
            "SELECT a.year, a.inputs_sha256, s.text FROM assessment a JOIN scheme s ON s.id = a.scheme_id
             WHERE a.status = 'final' ORDER BY a.year",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (year, stored, rules) in finals {
        let now = inputs(conn, year, &rules)?;
        if stored.as_deref() != Some(now.as_str()) {
            out.push(Changed { year, stored, now });
        }
    }
    Ok(out)
}

/// The stored digest of the final assessment of `year`, if the year is final.
pub fn of_final(conn: &Connection, year: i32) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT inputs_sha256 FROM assessment WHERE year = ?1 AND status = 'final'",
            [year],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Schema version 3: stores the digest of each year finalised before it (its trigger is dropped
/// at this point), over the inputs as they stand, as that version read them.
pub fn seal_earlier(conn: &Connection) -> Result<()> {
    let finals: Vec<(i64, i32, String)> = conn
        .prepare(
            "SELECT a.id, a.year, s.text FROM assessment a JOIN scheme s ON s.id = a.scheme_id
             WHERE a.status = 'final' AND a.inputs_sha256 IS NULL ORDER BY a.year",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, year, rules) in finals {
        let digest = inputs_at(conn, year, &rules, V1)?;
        conn.execute(
            "UPDATE assessment SET inputs_sha256 = ?1 WHERE id = ?2",
            params![digest, id],
        )?;
    }
    Ok(())
}

/// Schema version 7: a final year whose stored digest still matches its inputs as the earlier
/// versions read them gets the digest of the same inputs as this version reads them (covering
/// outcome events by their date); one that no longer matched keeps its digest, so `lvzhi check`
/// still names it. Its trigger is dropped at this point.
pub fn reseal_outcomes(conn: &Connection) -> Result<()> {
    let finals: Vec<(i64, i32, String, String)> = conn
        .prepare(
            "SELECT a.id, a.year, s.text, a.inputs_sha256 FROM assessment a JOIN scheme s ON s.id = a.scheme_id
             WHERE a.status = 'final' AND a.inputs_sha256 IS NOT NULL ORDER BY a.year",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, year, rules, stored) in finals {
        if inputs_at(conn, year, &rules, V1)? == stored {
            conn.execute(
                "UPDATE assessment SET inputs_sha256 = ?1 WHERE id = ?2",
                params![inputs_at(conn, year, &rules, V2)?, id],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database at this version's schema, in memory.
    fn fresh() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrations().to_latest(&mut conn).unwrap();
        conn
    }

    const SETUP: &str = "
        INSERT INTO committee (id, name, level, term, term_start) VALUES (1, 'c', 'county', 16, 2021);
        INSERT INTO sector (code, name) VALUES ('edu', '教育界'), ('eco', '经济界');";

    /// Two members, a standing period, two activities with attendance, a proposal and an
    /// adjustment, inserted in the order `forward` or the reverse, after `padding` members and
    /// activities of 2030 (so row ids differ).
    fn committee(forward: bool, padding: i64) -> Connection {
        let conn = fresh();
        conn.execute_batch(SETUP).unwrap();
        for i in 0..padding {
            conn.execute(
                "INSERT INTO member (code, name, sector_id, joined_on) VALUES (?1, 'x', 1, '2030-01-01')",
                [format!("P{i}")],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO activity (kind_id, title, start_on, end_on) VALUES (1, 'pad', '2030-01-01', '2030-01-01')",
                [],
            )
            .unwrap();
        }
        let mut members = [
            "INSERT INTO member (code, name, sector_id, joined_on) VALUES ('A001', '甲', 1, '2021-10-01')",
            "INSERT INTO member (code, name, sector_id, joined_on, left_on, left_reason)
             VALUES ('B002', '乙', 2, '2021-10-01', '2023-05-01', 'moved')",
        ];
        let mut acts = [
            "INSERT INTO activity (kind_id, title, start_on, end_on, half_days)
             VALUES ((SELECT id FROM activity_kind WHERE code = 'plenary'), '全会', '2022-01-10', '2022-01-12', 5)",
            "INSERT INTO activity (kind_id, title, start_on, end_on)
             VALUES ((SELECT id FROM activity_kind WHERE code = 'research'), '调研', '2022-05-10', '2022-05-10')",
        ];
        if !forward {
            members.reverse();
            acts.reverse();
        }
        for sql in members.iter().chain(&acts) {
            conn.execute(sql, []).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO membership (member_id, org_id, start_on)
               SELECT m.id, o.id, '2021-10-01' FROM member m, org o WHERE m.code = 'A001' AND o.kind = 'standing';
             INSERT INTO attendance (activity_id, member_id, status, half_days)
               SELECT a.id, m.id, 'present', 1.5 FROM activity a, member m WHERE a.title = '调研' AND m.code = 'B002';
             INSERT INTO attendance (activity_id, member_id, status)
               SELECT a.id, m.id, 'absent' FROM activity a, member m WHERE a.title = '全会';
             INSERT INTO proposal (number, title, year, type) VALUES ('2022001', '提案', 2022, 'individual');
             INSERT INTO proposal_author (proposal_id, member_id, role, ord)
               SELECT p.id, m.id, 'lead', 1 FROM proposal p, member m WHERE m.code = 'A001';
             INSERT INTO adjustment (member_id, year, points, reason)
               SELECT id, 2022, '2.5', '加分' FROM member WHERE code = 'B002';",
        )
        .unwrap();
        conn
    }

    #[test]
    fn the_same_records_give_the_same_digest_whatever_their_row_ids() {
        let a = committee(true, 0);
        let b = committee(false, 7);
        let ids = |c: &Connection| -> i64 {
            c.query_row("SELECT id FROM member WHERE code = 'A001'", [], |r| r.get(0))
                .unwrap()
        };
        assert_ne!(ids(&a), ids(&b), "the row ids differ");
        assert_eq!(
            canonical(&a, 2022, "r").unwrap(),
            canonical(&b, 2022, "r").unwrap()
        );
        assert_eq!(inputs(&a, 2022, "r").unwrap(), inputs(&b, 2022, "r").unwrap());
        let text = canonical(&a, 2022, "r").unwrap();
        assert!(
            text.contains(r#"member ["B002","经济界","2021-10-01",null,null]"#),
            "{text}"
        );
        assert!(text.contains(r#"standing ["A001","2021-10-01",null]"#), "{text}");
        assert!(!text.contains("甲"), "names are left out: {text}");
    }

    #[test]
    fn a_changed_input_changes_the_digest_and_a_name_does_not() {
        let a = committee(true, 0);
        let before = inputs(&a, 2022, "r").unwrap();
        assert_ne!(inputs(&a, 2022, "r2").unwrap(), before, "the rule text");
        a.execute(
            "UPDATE member SET name = '甲甲', phone = '13800000000' WHERE code = 'A001'",
            [],
        )
        .unwrap();
        assert_eq!(inputs(&a, 2022, "r").unwrap(), before);
        a.execute("UPDATE member SET left_on = '2024-01-01' WHERE code = 'B002'", [])
            .unwrap();
        assert_eq!(inputs(&a, 2022, "r").unwrap(), before, "leaving after the year");
        for sql in [
            "UPDATE attendance SET half_days = 2 WHERE half_days = 1.5",
            "UPDATE member SET left_on = '2022-06-01' WHERE code = 'B002'",
            "UPDATE membership SET end_on = '2022-03-01'",
            "UPDATE activity_kind SET all_due = 0 WHERE code = 'plenary'",
            "UPDATE committee SET term_start = 2022",
        ] {
            let now = inputs(&a, 2022, "r").unwrap();
            a.execute(sql, []).unwrap();
            assert_ne!(inputs(&a, 2022, "r").unwrap(), now, "{sql}");
        }
    }

    #[test]
    fn an_outcome_counts_in_the_digest_of_the_year_it_is_dated_in() {
        let a = committee(true, 0);
        a.execute_batch(
            "INSERT INTO opinion (number, title, submitted_on) VALUES ('X1', '信息', '2022-11-20');
             UPDATE proposal SET stage = 'filed';",
        )
        .unwrap();
        let y2022 = inputs(&a, 2022, "r").unwrap();
        let y2023 = inputs(&a, 2023, "r").unwrap();
        a.execute_batch(
            "INSERT INTO opinion_adoption (opinion_id, level, adopted_on) VALUES (1, 'city', '2023-02-01');
             UPDATE proposal SET is_key = 1, key_on = '2023-03-01';",
        )
        .unwrap();
        assert_eq!(inputs(&a, 2022, "r").unwrap(), y2022, "dated after 2022");
        assert_ne!(inputs(&a, 2023, "r").unwrap(), y2023, "dated in 2023");
        let text = canonical(&a, 2023, "r").unwrap();
        assert!(
            text.contains(r#"outcome_adoption ["X1","信息","2022-11-20","city","2023-02-01"]"#),
            "{text}"
        );
        assert!(
            text.contains(r#"outcome_proposal ["2022001","提案",2022,"2023-03-01",null]"#),
            "{text}"
        );
        assert!(!text.contains("outcome_proposal_author"), "{text}");
        // under "event", the authors of the earlier records too
        let event = "[scheme]\nname = \"e\"\ntitle_zh = \"e\"\ntitle_en = \"e\"\noutcome_year = \"event\"\n\
            [[category]]\nkey = \"c\"\nname_zh = \"c\"\nname_en = \"c\"\n\
            [[category.item]]\nkey = \"k\"\nname_zh = \"k\"\nname_en = \"k\"\nsource = \"proposal\"\n\
            flags = [\"key\"]\npoints = 1\n";
        let text = canonical(&a, 2023, event).unwrap();
        assert!(
            text.contains(r#"outcome_proposal_author ["2022001","提案",2022,"A001","lead",1]"#),
            "{text}"
        );
        // dated in 2022 itself: the 2022 digest
        a.execute("UPDATE proposal SET key_on = NULL", []).unwrap();
        assert_ne!(inputs(&a, 2022, "r").unwrap(), y2022);
    }

    #[test]
    fn version_7_stores_again_the_digests_that_still_matched() {
        let a = committee(true, 0);
        a.execute_batch(
            "INSERT INTO opinion (number, title, submitted_on) VALUES ('X1', '信息', '2022-11-20');
             INSERT INTO opinion_adoption (opinion_id, level, adopted_on) VALUES (1, 'city', '2023-02-01');
             INSERT INTO scheme (year, name, source, text, sha256, set_at) VALUES (2022, 's', 'file', 'r', printf('%064d', 0), 'now');
             DROP TRIGGER assessment_final_update;",
        )
        .unwrap();
        let old = inputs_at(&a, 2022, "r", V1).unwrap();
        let new = inputs(&a, 2022, "r").unwrap();
        assert_ne!(old, new, "the late adoption is in the old digest only");
        for (year, digest) in [(2022, old.as_str()), (2021, "0".repeat(64).as_str())] {
            a.execute(
                "INSERT INTO assessment (year, scheme_id, status, rules_text, rules_sha256, computed_at,
                     finalized_at, result, inputs_sha256)
                 VALUES (?1, 1, 'final', 'r', 'x', 'now', 'now', '{}', ?2)",
                params![year, digest],
            )
            .unwrap();
        }
        reseal_outcomes(&a).unwrap();
        let stored = |y: i32| -> String {
            a.query_row("SELECT inputs_sha256 FROM assessment WHERE year = ?1", [y], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(stored(2022), new, "matched: stored again");
        assert_eq!(
            stored(2021),
            "0".repeat(64),
            "did not match: kept, for check to name"
        );
    }
}
