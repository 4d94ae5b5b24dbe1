//! Schema version 10: every record knows its committee. Files made by the two versions before
//! (tests/data/upgrade, made by its make.sh) upgrade in place with every record, audit entry and
//! finalised result intact; a committee's finalised year locks that committee's records only.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use crate::common::{Env, latest_version};

const DATA: i32 = 1;

fn fixtures() -> String {
    format!("{}/tests/data/upgrade", env!("CARGO_MANIFEST_DIR"))
}

/// The fixture `name` (v8, v9) copied into a fresh directory, not yet opened by the binary.
fn copied(name: &str) -> Env {
    let e = Env::new();
    std::fs::copy(format!("{}/{name}.db", fixtures()), &e.db).expect("copy the fixture");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&e.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    e
}

/// Every row of every table, on the columns the table has in `columns_of` (so a file read
/// before the upgrade and after it compare on the columns they share).
fn rows(db: &Path, columns_of: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = BTreeMap::new();
    for (table, cols) in columns_of {
        let list = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let mut found = Vec::new();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..cols.len())
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(x) => format!("i{x}"),
                    ValueRef::Real(x) => format!("r{x:?}"),
                    ValueRef::Text(t) => format!("t{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("b{b:?}"),
                })
                .collect();
            found.push(cells.join("|"));
        }
        out.insert(table.clone(), found);
    }
    out
}

/// The tables of a file and their columns.
fn columns(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let cols: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, cols)
        })
        .collect()
}

/// Opens the fixture `name` with the binary (which upgrades it) and checks that nothing of it
/// was lost or changed, and that the locks hold and new records can be written.
fn upgrades_intact(name: &str, from: i64) {
    let e = copied(name);
    let before_columns = columns(&e.db);
    let before = rows(&e.db, &before_columns);
    assert!(before["audit_log"].len() > 50, "the fixture has a real history");
    let out = e.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "check after the upgrade of {name}: {}\n{stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains(&format!("已从结构版本 {from} 升级到 {}", latest_version())),
        "{stderr}"
    );
    assert_eq!(e.count("PRAGMA user_version"), latest_version());
    assert_eq!(e.count("SELECT count(*) FROM pragma_foreign_key_check"), 0);

    // Every row of every table, with its id, on the columns it had: audit entries, import
    // images and the stored results included.
    let after = rows(&e.db, &before_columns);
    for (table, kept) in &before {
        assert_eq!(kept.len(), after[table].len(), "{table}: row count");
        assert!(kept == &after[table], "{table}: rows changed by the upgrade");
    }

    // Every table but `package` has the committee as its last column, and every row is the
    // file's own committee's.
    let now = columns(&e.db);
    for (table, cols) in &now {
        if table == "package" {
            assert!(!cols.contains(&"committee_id".to_string()));
            continue;
        }
        if table == "rollup_package" {
            assert_eq!(cols.first().map(String::as_str), Some("committee_id"));
            assert_eq!(e.count("SELECT count(*) FROM rollup_package"), 0);
            continue;
        }
        if table == "committee" {
            assert!(
                cols.ends_with(&["loading".to_string(), "rollup_code".to_string()]),
                "{cols:?}"
            );
            assert_eq!(
                e.count("SELECT count(*) FROM committee WHERE id = 1 AND loading = 0"),
                1
            );
            continue;
        }
        assert_eq!(
            cols.last().map(String::as_str),
            Some("committee_id"),
            "{table}: {cols:?}"
        );
        let others = e.count(&format!(
            "SELECT count(*) FROM \"{table}\" WHERE committee_id IS NOT 1"
        ));
        assert_eq!(others, 0, "{table}: rows of another committee");
    }

    // The outputs are those the old version printed.
    let same = |file: &str, args: &[&str]| {
        let want = std::fs::read_to_string(format!("{}/{file}.txt", fixtures())).unwrap();
        let got = e.ok(args);
        assert!(
            got == want,
            "{file} differs after the upgrade:\n{got}\n---- was:\n{want}"
        );
    };
    let csv = ["--format", "csv"];
    let with = |args: &[&'static str]| [args, &csv[..]].concat();
    same(
        "assessment-2022",
        &with(&["report", "assessment", "--year", "2022"]),
    );
    same(
        "assessment-2023",
        &with(&["report", "assessment", "--year", "2023"]),
    );
    same("summary-2022", &with(&["report", "summary", "--year", "2022"]));
    same(
        "attendance-2023",
        &with(&["report", "attendance", "--year", "2023"]),
    );
    same("members", &with(&["member", "list"]));
    same("log", &with(&["log"]));
    same("imports", &with(&["import", "list"]));
    same("proposals", &with(&["proposal", "list"]));

    // The finalised year is still locked, by the commands and by the file itself.
    e.refuse_with(
        &[
            "activity",
            "add",
            "inspection",
            "--date",
            "2022-08-01",
            "--title",
            "补登视察",
        ],
        DATA,
        &["已定稿"],
    );
    e.refuse_with(
        &[
            "member",
            "leave",
            "M001",
            "--on",
            "2022-06-01",
            "--reason",
            "moved",
        ],
        DATA,
        &["2022"],
    );
    let raw = e
        .conn()
        .execute("DELETE FROM attendance WHERE activity_id = 1", []);
    assert!(
        raw.unwrap_err().to_string().contains("lvzhi: year finalised"),
        "the trigger refuses"
    );
    let raw = e
        .conn()
        .execute("UPDATE audit_log SET operator = 'x' WHERE id = 1", []);
    assert!(raw.unwrap_err().to_string().contains("append-only"));

    // New records go in, as the file's own committee's, and the file still checks whole.
    e.ok(&[
        "member",
        "add",
        "郑新",
        "--sector",
        "文教口",
        "--code",
        "X001",
        "--joined",
        "2024-01-01",
    ]);
    e.ok(&[
        "activity",
        "add",
        "visit",
        "--date",
        "2024-03-01",
        "--title",
        "走访企业",
    ]);
    e.ok(&["attend", "7", "--present", "X001,E002"]);
    e.ok(&[
        "proposal",
        "add",
        "关于新建图书馆的提案",
        "--number",
        "2024001",
        "--date",
        "2024-01-10",
        "--lead",
        "X001",
    ]);
    e.refuse_with(
        &[
            "proposal",
            "add",
            "重号",
            "--number",
            "2024001",
            "--date",
            "2024-01-10",
            "--lead",
            "E002",
        ],
        DATA,
        &["2024001"],
    );
    e.ok(&["assess", "--year", "2023", "--finalize"]);
    assert_eq!(
        e.count("SELECT count(*) FROM member WHERE code = 'X001' AND committee_id = 1"),
        1
    );
    assert_eq!(
        e.count("SELECT count(*) FROM assessment WHERE status = 'final' AND committee_id = 1"),
        2
    );
    e.ok(&["check"]);
    // The audit images written now look as they did before the upgrade (no committee in them).
    let image: String = e
        .conn()
        .query_row(
            "SELECT after FROM audit_log WHERE table_name = 'member' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        image.contains("X001") && !image.contains("committee_id"),
        "{image}"
    );
}

#[test]
fn a_file_made_by_version_9_upgrades_with_every_record_intact() {
    upgrades_intact("v9", 9);
}

#[test]
fn a_file_made_by_version_8_upgrades_with_every_record_intact() {
    upgrades_intact("v8", 8);
}

/// The digest stored when 2022 was finalised is the one `check` computes after the upgrade.
#[test]
fn the_digest_of_a_year_finalised_before_the_upgrade_is_unchanged() {
    let e = copied("v9");
    let stored = |e: &Env| -> String {
        e.conn()
            .query_row(
                "SELECT inputs_sha256 FROM assessment WHERE status = 'final' AND year = 2022",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let digest = stored(&e);
    let shown = e.ok(&["report", "assessment", "--year", "2022"]);
    assert!(shown.contains(&digest[..16]), "{shown}");
    assert_eq!(stored(&e), digest);
    e.ok(&["check"]);
}

/// An import made before the upgrade can still be undone after it.
#[test]
fn an_import_made_before_the_upgrade_can_be_undone_after_it() {
    let e = Env::fixture();
    let f = e.dir.path().join("d.csv");
    std::fs::write(
        &f,
        "编号,日期,金额,用途\nE002,2023-10-20,500,助学\nM001,2023-10-21,800,修路\n",
    )
    .unwrap();
    e.ok(&["import", "donations", f.to_str().unwrap()]);
    {
        let conn = e.conn();
        crate::common::undo_version_10(&conn);
        conn.execute_batch("PRAGMA user_version = 9;").unwrap();
    }
    assert_eq!(
        e.count("SELECT count(*) FROM pragma_table_info('donation') WHERE name = 'committee_id'"),
        0
    );
    e.ok(&["import", "list"]);
    assert_eq!(e.count("SELECT count(*) FROM donation WHERE committee_id = 1"), 2);
    e.ok(&["import", "undo", "--yes", "1"]);
    assert_eq!(e.count("SELECT count(*) FROM donation"), 0);
    e.ok(&["check"]);
}

/// A second committee beside the file's own, as a roll-up will hold, with some records.
fn two_committees() -> Env {
    let e = copied("v9");
    e.ok(&["check"]);
    e.conn()
        .execute_batch(
            "INSERT INTO committee (id, name, level, term, code, parent_code)
                 VALUES (2, '政协五台县委员会', 'county', 16, '140922', '140900');
             INSERT INTO sector (id, code, name, committee_id) VALUES (100, 'edu', '教育界', 2);
             INSERT INTO activity_kind (id, code, name_zh, name_en, committee_id)
                 VALUES (100, 'plenary', '全体会议', 'Plenary session', 2);
             -- the same code and the same ID number as committee 1's 李明: another committee
             INSERT INTO member (id, code, name, sector_id, id_number, joined_on, committee_id)
                 VALUES (100, 'E002', '李明', 100, '110101198001010010', '2021-10-01', 2);
             INSERT INTO activity (id, kind_id, title, start_on, end_on, committee_id)
                 VALUES (100, 100, '五台全会', '2022-01-05', '2022-01-06', 2);
             INSERT INTO attendance (id, activity_id, member_id, status, committee_id)
                 VALUES (100, 100, 100, 'present', 2);
             INSERT INTO proposal (id, number, title, year, type, committee_id)
                 VALUES (100, '2022001', '五台的提案', 2022, 'individual', 2);",
        )
        .expect("committee 2's records of 2022 go in although committee 1 finalised 2022");
    e
}

fn refused(conn: &Connection, sql: &str, why: &str) {
    let err = conn.execute_batch(sql).expect_err(sql).to_string();
    assert!(err.contains(why), "{sql}: {err}");
}

#[test]
fn a_committees_final_year_locks_its_own_records_only() {
    let e = two_committees();
    let conn = e.conn();
    // Committee 2's 2022 is open: its records change freely.
    conn.execute_batch(
        "UPDATE attendance SET status = 'late' WHERE id = 100;
         DELETE FROM attendance WHERE id = 100;
         INSERT INTO attendance (id, activity_id, member_id, status, committee_id) VALUES (100, 100, 100, 'absent', 2);
         UPDATE member SET code = 'W002' WHERE id = 100;
         UPDATE member SET code = 'E002' WHERE id = 100;",
    )
    .unwrap();
    // Committee 1's 2022 is final: the same changes to its records are refused.
    refused(
        &conn,
        "DELETE FROM attendance WHERE activity_id = 1",
        "year finalised",
    );
    refused(
        &conn,
        "INSERT INTO activity (kind_id, title, start_on, end_on) VALUES (1, 'x', '2022-02-01', '2022-02-01')",
        "year finalised",
    );
    refused(
        &conn,
        "UPDATE member SET code = 'Z' WHERE code = 'E002' AND committee_id = 1",
        "year finalised",
    );
    refused(
        &conn,
        "DELETE FROM proposal WHERE number = '2022001' AND committee_id = 1",
        "year finalised",
    );
    conn.execute_batch("DELETE FROM proposal WHERE id = 100").unwrap();

    // Identity is per committee: a second E002 in committee 2 is refused, in committee 1 too.
    refused(
        &conn,
        "INSERT INTO member (code, name, sector_id, committee_id) VALUES ('E002', '别人', 100, 2)",
        "UNIQUE",
    );
    refused(
        &conn,
        "INSERT INTO member (code, name, sector_id, id_number, committee_id) VALUES ('W009', '别人', 100, '110101198001010010', 2)",
        "UNIQUE",
    );
    refused(
        &conn,
        "INSERT INTO sector (code, name, committee_id) VALUES ('edu2', '教育界', 2)",
        "UNIQUE",
    );

    // Finalising committee 2's 2022 locks its records; committee 1's stay as they were.
    conn.execute_batch(&final_2022_of(2)).unwrap();
    refused(&conn, "DELETE FROM attendance WHERE id = 100", "year finalised");
    refused(
        &conn,
        "DELETE FROM assessment WHERE committee_id = 2",
        "finalised assessment",
    );
    refused(&conn, "DELETE FROM scheme WHERE committee_id = 2", "append-only");

    // While committee 2 is loading (a roll-up replacing its records) nothing of it is locked,
    // and committee 1's records are locked as ever.
    conn.execute_batch("UPDATE committee SET loading = 1 WHERE id = 2")
        .unwrap();
    refused(
        &conn,
        "DELETE FROM attendance WHERE activity_id = 1",
        "year finalised",
    );
    refused(
        &conn,
        "DELETE FROM audit_log WHERE committee_id = 1",
        "append-only",
    );
    refused(&conn, "DELETE FROM committee WHERE id = 2", "still has records");
    conn.execute_batch(
        "INSERT INTO audit_log (at, operator, command, table_name, action, committee_id)
             VALUES ('2026-01-01T00:00:00+08:00', 'x', 'rollup add', 'member', 'insert', 2);
         DELETE FROM audit_log WHERE committee_id = 2;
         DELETE FROM attendance WHERE committee_id = 2;
         DELETE FROM activity WHERE committee_id = 2;
         DELETE FROM assessment_member WHERE committee_id = 2;
         DELETE FROM assessment WHERE committee_id = 2;
         DELETE FROM scheme WHERE committee_id = 2;
         DELETE FROM member WHERE committee_id = 2;
         DELETE FROM activity_kind WHERE committee_id = 2;
         DELETE FROM sector WHERE committee_id = 2;
         DELETE FROM committee WHERE id = 2;",
    )
    .expect("a loading committee's records, final ones included, can all be removed");

    // Committee 1 can never be loading.
    refused(&conn, "UPDATE committee SET loading = 1 WHERE id = 1", "CHECK");
    drop(conn);
    e.ok(&["check"]);
}

/// A committee that is not loading keeps its finalised year locked again.
#[test]
fn a_committee_done_loading_is_locked_again() {
    let e = two_committees();
    let conn = e.conn();
    conn.execute_batch(&final_2022_of(2)).unwrap();
    conn.execute_batch(
        "UPDATE committee SET loading = 1 WHERE id = 2; DELETE FROM attendance WHERE id = 100;",
    )
    .unwrap();
    conn.execute_batch("UPDATE committee SET loading = 0 WHERE id = 2")
        .unwrap();
    refused(
        &conn,
        "INSERT INTO attendance (activity_id, member_id, status, committee_id) VALUES (100, 100, 'present', 2)",
        "year finalised",
    );
    refused(&conn, "DELETE FROM committee WHERE id = 2", "still has records");
    refused(&conn, "DELETE FROM committee WHERE id = 1", "still has records");
}

/// SQL finalising 2022 for `committee` (a scheme and a final assessment of one member).
fn final_2022_of(committee: i64) -> String {
    let sha = "0".repeat(64);
    format!(
        "INSERT INTO scheme (id, year, name, source, text, sha256, set_at, committee_id)
             VALUES (100, 2022, '办法', 'x.toml', '', '{sha}', '2023-01-01', {committee});
         INSERT INTO assessment (id, year, status, scheme_id, rules_text, rules_sha256, computed_at,
                                 finalized_at, result, committee_id)
             VALUES (100, 2022, 'draft', 100, '', '{sha}', '2023-01-02', NULL, '{{}}', {committee});
         INSERT INTO assessment_member (assessment_id, member_id, assessed, total, flags, result, committee_id)
             VALUES (100, 100, 1, '1', '[]', '{{}}', {committee});
         UPDATE assessment SET status = 'final', finalized_at = '2023-01-03' WHERE id = 100;"
    )
}

/// Merged proposals keep what they were merged into through the upgrade, whether that
/// proposal was entered before or after them.
#[test]
fn merged_proposals_keep_their_merge_through_the_upgrade() {
    let e = Env::fixture();
    for (title, number) in [("关于校车的提案", "2022002"), ("关于校舍的提案", "2022003")] {
        e.ok(&[
            "proposal", "add", title, "--number", number, "--year", "2022", "--lead", "L001",
        ]);
    }
    e.ok(&[
        "proposal",
        "set",
        "2022002",
        "--stage",
        "merged",
        "--merged-into",
        "2022001",
    ]);
    e.ok(&[
        "proposal",
        "set",
        "2022001",
        "--stage",
        "merged",
        "--merged-into",
        "2022003",
    ]);
    let merges = "SELECT group_concat(id || '>' || merged_into, ' ') FROM
                      (SELECT id, merged_into FROM proposal WHERE merged_into IS NOT NULL ORDER BY id)";
    let before: String = e.conn().query_row(merges, [], |r| r.get(0)).unwrap();
    assert_eq!(before, "1>3 2>1");
    {
        let conn = e.conn();
        crate::common::undo_version_10(&conn);
        conn.execute_batch("PRAGMA user_version = 9;").unwrap();
    }
    e.ok(&[
        "assess",
        "--year",
        "2022",
        "--rules",
        &format!("{}/tests/data/fixture-rules.toml", env!("CARGO_MANIFEST_DIR")),
    ]);
    assert_eq!(e.count("PRAGMA user_version"), latest_version());
    let after: String = e.conn().query_row(merges, [], |r| r.get(0)).unwrap();
    assert_eq!(after, before);
    e.ok(&["check"]);
}
