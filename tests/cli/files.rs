//! The database file: creation, refusal of foreign or newer files, the append-only audit log.

use crate::common::{Env, dump};

const DATA: i32 = 1;

#[test]
fn the_dump_sees_every_change() {
    // The before/after comparison of the other tests is only as good as the dump.
    let e = Env::fixture();
    let d0 = e.dump();
    e.ok(&["member", "show", "J001", "--reveal"]);
    let d1 = e.dump();
    assert_ne!(d0, d1, "an audit-only write must show in the dump");
    e.ok(&["member", "edit", "E002", "--note", "x"]);
    assert_ne!(d1, e.dump());
    let d2 = e.dump();
    e.ok(&["member", "list"]);
    assert_eq!(d2, e.dump(), "a listing writes nothing");
}

/// A file written by the first release (schema version 1) is upgraded in place on first use,
/// its records kept, and ends with the same schema as a new file.
#[test]
fn a_version_1_file_is_upgraded_in_place() {
    let old = Env::new();
    {
        let conn = rusqlite::Connection::open(&old.db).unwrap();
        let v1 = std::fs::read_to_string(format!("{}/schema.sql", env!("CARGO_MANIFEST_DIR"))).unwrap();
        conn.execute_batch(&v1).unwrap();
        conn.execute_batch(
            "INSERT INTO committee (id, name, level, term) VALUES (1, '测试县委员会', 'county', 16);
             INSERT INTO sector (code, name) VALUES ('edu', '教育界');
             INSERT INTO member (code, name, sector_id) VALUES ('M0001', '王芳', 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let list = old.ok(&["member", "list"]);
    assert!(list.contains("王芳"), "{list}");
    assert_eq!(old.count("PRAGMA user_version"), crate::common::latest_version());
    assert_eq!(old.count("SELECT count(*) FROM donation"), 0);
    let fresh = Env::new();
    fresh.ok(&["init"]);
    let schema = |e: &Env| -> Vec<String> {
        let conn = e.conn();
        let mut stmt = conn
            .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(schema(&old), schema(&fresh));
    old.ok(&["check"]);
}

#[test]
fn the_file_is_created_private() {
    let e = Env::new();
    e.ok(&["init"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&e.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    assert_eq!(e.count("PRAGMA user_version"), crate::common::latest_version());
    let journal: String = e
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_missing_file_is_not_created_by_other_commands() {
    let e = Env::new();
    for args in [
        &["member", "list"][..],
        &["sector", "add", "教育界"],
        &["attend", "1", "--present", "E002"],
        &["log"],
    ] {
        let err = e.fail(args, DATA);
        assert!(err.contains("不存在") && err.contains("lvzhi init"), "{err}");
        assert!(!e.db.exists(), "lvzhi {args:?} created the file");
    }
    let err = e.fail(&["--lang", "en", "member", "list"], DATA);
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(std::fs::read_dir(e.dir.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_init_leaves_no_file() {
    let e = Env::new();
    e.fail(&["init", "--level", "town"], 2);
    e.fail(&["init", "--term", "0", "--name", "x"], 2);
    e.fail(&["init", "--level", "city"], 2);
    assert!(!e.db.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let e = Env::new();
    let garbage = b"Name,Sector\nZhang,Education\n\x00\x01 not a database at all".repeat(50);
    std::fs::write(&e.db, &garbage).unwrap();
    for args in [&["member", "list"][..], &["init"], &["sector", "add", "教育界"]] {
        let err = e.fail(args, DATA);
        assert!(err.contains("不是 lvzhi 的数据库文件"), "{err}");
        assert!(err.contains("lvzhi.db"), "names the file: {err}");
        assert_eq!(
            std::fs::read(&e.db).unwrap(),
            garbage,
            "lvzhi {args:?} touched it"
        );
    }
    let err = e.fail(&["--lang", "en", "member", "list"], DATA);
    assert!(err.contains("is not an lvzhi database"), "{err}");
}

#[test]
fn a_sqlite_file_of_another_program_is_refused() {
    let e = Env::new();
    {
        let c = e.conn();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = e.dump();
    let err = e.fail(&["init"], DATA);
    assert!(err.contains("不是 lvzhi 的数据库文件"), "{err}");
    assert_eq!(before, e.dump());
}

#[test]
fn a_database_newer_than_the_binary_is_refused() {
    let e = Env::fixture();
    e.conn().pragma_update(None, "user_version", 99).unwrap();
    let before = e.dump();
    for args in [&["member", "list"][..], &["init"], &["sector", "add", "农业界"]] {
        let err = e.fail(args, DATA);
        assert!(err.contains("99") && err.contains("升级"), "{err}");
        assert_eq!(before, dump(&e.db), "lvzhi {args:?} changed it");
    }
    let err = e.fail(&["--lang", "en", "member", "list"], DATA);
    assert!(err.contains("schema version 99"), "{err}");
}

#[test]
fn the_audit_log_cannot_be_updated_or_deleted_even_by_raw_sql() {
    let e = Env::fixture();
    let before = e.dump();
    let c = e.conn();
    let up = c.execute("UPDATE audit_log SET operator = 'mallory'", []);
    assert!(
        up.as_ref()
            .is_err_and(|err| err.to_string().contains("append-only")),
        "{up:?}"
    );
    let del = c.execute("DELETE FROM audit_log WHERE id = 1", []);
    assert!(del.is_err(), "{del:?}");
    drop(c);
    assert_eq!(before, e.dump());
}

#[test]
fn every_write_is_logged_with_the_operator_and_command() {
    let e = Env::fixture();
    let n = e.count("SELECT count(*) FROM audit_log");
    e.run_as("张科长", &["sector", "add", "农业界"]);
    let (op, cmd, table, action, after): (String, String, String, String, String) = e
        .conn()
        .query_row(
            "SELECT operator, command, table_name, action, after FROM audit_log
             ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(e.count("SELECT count(*) FROM audit_log"), n + 1);
    assert_eq!(op, "张科长");
    assert!(cmd.contains("sector add 农业界"), "{cmd}");
    assert_eq!(table, "sector");
    assert_eq!(action, "insert");
    assert!(after.contains("农业界"), "{after}");
}

/// A backup is the whole database as it was, readable by its owner only; it never overwrites a
/// file, and it is in the audit log.
#[test]
fn a_backup_is_a_checked_copy_and_never_overwrites() {
    let e = Env::fixture();
    let before = e.dump();
    let target = e.dir.path().join("备份").join("2022年末.db");
    let printed = e.ok(&["backup", "-o", &target.display().to_string()]);
    assert_eq!(printed.trim(), target.display().to_string());
    assert_eq!(crate::common::dump(&target), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'backup' AND after LIKE '%2022年末.db%'"),
        1
    );
    let after = e.dump();
    // "已存在，未覆盖", or "不会覆盖" while lvzhi files do not carry their application id yet.
    e.refuse_with(&["backup", "-o", &target.display().to_string()], 1, &["覆盖"]);
    assert_eq!(after, e.dump());
    assert_eq!(crate::common::dump(&target), before);
    // Without -o: beside the database, named with the time.
    let printed = e.ok(&["backup"]);
    let path = std::path::PathBuf::from(printed.trim());
    assert_eq!(path.parent(), e.db.parent());
    assert!(
        path.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("lvzhi-备份-")
    );
    assert!(path.exists());
}

/// `check` passes on a sound file and names what was dropped by hand or left dangling.
#[test]
fn check_names_a_dropped_trigger_and_a_dangling_reference() {
    let e = Env::fixture();
    let out = e.ok(&["--format", "json", "check"]);
    assert_eq!(out.matches("\"ok\": \"ok\"").count(), 7, "{out}");
    {
        let conn = e.conn();
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_delete;
             PRAGMA foreign_keys = OFF;
             INSERT INTO attendance (activity_id, member_id, status) VALUES (1, 999, 'present');",
        )
        .unwrap();
    }
    let out = e.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(listing.contains("trigger audit_log_no_delete: 缺失"), "{listing}");
    assert!(listing.contains("attendance #"), "{listing}");
    assert!(err.contains("2 项检查未通过"), "{err}");
}
