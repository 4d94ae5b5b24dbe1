//! Names that template drop-down lists offer: the committee's sectors and activity kinds, read
//! from its database file without changing it, or the standard ones when there is no file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// Sector names, and activity kinds as (Chinese, English) names, in their customary order.
#[derive(Clone, Debug, Default)]
pub struct Lists {
    pub sectors: Vec<String>,
    pub kinds: Vec<(String, String)>,
    /// Contribution (履职成果) kinds as (Chinese, English) names.
    pub contribution_kinds: Vec<(String, String)>,
}

/// The lists of the database at `db` when it is an lvzhi file that can be read; otherwise the
/// standard sectors and the built-in kinds.
pub fn for_templates(db: &Path) -> Lists {
    if db.is_file()
        && let Some(l) = from_file(db)
    {
        return l;
    }
    standard()
}

fn from_file(db: &Path) -> Option<Lists> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .ok()?;
    if id != super::APPLICATION_ID {
        return None;
    }
    read(&conn).ok()
}

fn read(conn: &Connection) -> rusqlite::Result<Lists> {
    let sectors = conn
        .prepare("SELECT name FROM sector ORDER BY sort_order, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let kinds = conn
        .prepare("SELECT name_zh, name_en FROM activity_kind ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    // A file from before version 6 has no contribution kinds: the built-in ones are offered.
    let contribution_kinds = conn
        .prepare("SELECT name_zh, name_en FROM contribution_kind ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<(String, String)>>>()
        })
        .unwrap_or_else(|_| standard_read(|l| l.contribution_kinds));
    Ok(Lists {
        sectors,
        kinds,
        contribution_kinds,
    })
}

/// The standard sectors, and the kinds the schema builds in (read from a fresh in-memory
/// database, so that they have one home).
fn standard() -> Lists {
    let fresh = standard_read(|l| l);
    Lists {
        sectors: super::sectors::STANDARD
            .iter()
            .map(|(_, n)| n.to_string())
            .collect(),
        kinds: fresh.kinds,
        contribution_kinds: fresh.contribution_kinds,
    }
}

/// Part of the lists of a fresh in-memory database.
fn standard_read<T: Default>(part: impl FnOnce(Lists) -> T) -> T {
    Connection::open_in_memory()
        .ok()
        .and_then(|mut c| {
            super::migrations().to_latest(&mut c).ok()?;
            read(&c).ok()
        })
        .map(part)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_lists_without_a_file() {
        let l = for_templates(Path::new("/nonexistent/lvzhi.db"));
        assert!(l.sectors.iter().any(|s| s == "教育界"));
        assert!(l.kinds.iter().any(|(zh, _)| zh == "全体会议"));
    }
}
