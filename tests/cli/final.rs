//! Final means final: nothing that a finalised year's result or reports rest on changes
//! afterwards, by command or by raw SQL, without `check` saying so; the audit log is
//! hash-chained and keeps phone and ID numbers masked.

use rusqlite::Connection;

use crate::common::Env;

const DATA: i32 = 1;

/// The demo committee with its year 2022 finalised.
fn finalised_demo() -> Env {
    let e = Env::new();
    e.ok(&["demo"]);
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    e
}

fn attendance_2022(e: &Env) -> String {
    e.ok(&["report", "attendance", "--year", "2022"])
}

/// The `check` output and exit code.
fn check(e: &Env) -> (String, Option<i32>) {
    let out = e.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (text, out.status.code())
}

/// The SQL of a trigger, to create it again after dropping it.
fn trigger_sql(conn: &Connection, name: &str) -> String {
    conn.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn changes_reaching_into_a_final_year_are_refused_by_the_commands() {
    let e = finalised_demo();
    let before = attendance_2022(&e);
    let refused = [
        &[
            "member",
            "leave",
            "D001",
            "--on",
            "2022-03-01",
            "--reason",
            "moved",
        ][..],
        &["member", "edit", "D001", "--joined", "2021-05-01"],
        &["member", "edit", "D001", "--sector", "教育界"],
        &["member", "edit", "D001", "--code", "X001"],
        &["org", "join", "standing", "D002", "--from", "2022-05-01"],
        &["org", "leave", "standing", "D001", "--on", "2022-06-01"],
        &["member", "add", "补录", "--sector", "教育界"],
        &[
            "member",
            "add",
            "补录",
            "--sector",
            "教育界",
            "--joined",
            "2022-12-31",
        ],
    ];
    for args in refused {
        e.refuse_with(args, DATA, &["2022 年度", "已定稿", "--supersede"]);
    }
    let err = e.refuse(
        &[
            "member",
            "leave",
            "D001",
            "--on",
            "2022-03-01",
            "--reason",
            "moved",
        ],
        DATA,
    );
    assert!(err.contains("姚文斌（D001）于 2022-03-01 离任"), "{err}");
    assert!(err.contains("lvzhi assess --year 2022 --supersede"), "{err}");
    let err = e.refuse(
        &["--lang", "en", "member", "edit", "D001", "--sector", "教育界"],
        DATA,
    );
    assert!(err.contains("the 2022 assessment is final"), "{err}");
    assert_eq!(attendance_2022(&e), before, "the year's report is unchanged");
    e.ok(&["check"]);

    // What does not reach into 2022 is allowed: a name correction, contact details, and
    // leaving or joining after the year.
    e.ok(&[
        "member",
        "edit",
        "D001",
        "--name",
        "姚文彬",
        "--workplace",
        "县政府",
        "--phone",
        "13900000000",
    ]);
    e.ok(&["org", "leave", "standing", "D001", "--on", "2023-02-01"]);
    e.ok(&[
        "member",
        "leave",
        "D007",
        "--on",
        "2023-03-01",
        "--reason",
        "moved",
    ]);
    e.ok(&[
        "member",
        "add",
        "新委员",
        "--sector",
        "教育界",
        "--joined",
        "2023-01-05",
    ]);
    assert_eq!(
        attendance_2022(&e),
        before.replace("姚文斌", "姚文彬"),
        "only the corrected name differs"
    );
    e.ok(&["check"]);
}

#[test]
fn raw_sql_reaching_into_a_final_year_is_refused_by_triggers() {
    let e = finalised_demo();
    let dump = e.dump();
    let conn = e.conn();
    for sql in [
        "UPDATE member SET left_on = '2022-03-01', left_reason = 'moved' WHERE code = 'D001'",
        "UPDATE member SET joined_on = '2022-02-01' WHERE code = 'D001'",
        "UPDATE member SET sector_id = sector_id + 1 WHERE code = 'D001'",
        "INSERT INTO member (code, name, sector_id) VALUES ('Z999', '补录', 1)",
        "UPDATE membership SET end_on = '2022-06-01'
         WHERE org_id = (SELECT id FROM org WHERE kind = 'standing') AND end_on IS NULL",
        "INSERT INTO membership (member_id, org_id, start_on)
         SELECT 2, id, '2022-05-01' FROM org WHERE kind = 'standing'",
        "DELETE FROM membership WHERE org_id = (SELECT id FROM org WHERE kind = 'standing')",
        "UPDATE activity_kind SET all_due = 0 WHERE code = 'plenary'",
        "UPDATE activity_kind SET standing_only = 0 WHERE code = 'standing'",
        "UPDATE committee SET term_start = 2022",
        "UPDATE assessment SET inputs_sha256 = NULL WHERE status = 'final'",
    ] {
        let err = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("lvzhi: "), "{sql}: {err}");
    }
    // Allowed: a name, and a leaving date after the year.
    conn.execute("UPDATE member SET name = '姚文彬' WHERE code = 'D001'", [])
        .unwrap();
    conn.execute(
        "UPDATE member SET left_on = '2023-06-30', left_reason = 'moved' WHERE code = 'D002'",
        [],
    )
    .unwrap();
    drop(conn);
    assert_ne!(e.dump(), dump);
    e.ok(&["check"]);
}

#[test]
fn check_names_a_final_year_whose_inputs_were_changed_behind_a_dropped_trigger() {
    let e = finalised_demo();
    let digest: String = e
        .conn()
        .query_row(
            "SELECT inputs_sha256 FROM assessment WHERE status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let report = attendance_2022(&e);
    assert!(
        report.contains(&format!("定稿 校验码 {}", &digest[..16])),
        "the report carries the digest:\n{}",
        report.lines().next().unwrap_or("")
    );
    let told = e.run(&["assess", "--year", "2022"]);
    assert!(String::from_utf8_lossy(&told.stderr).contains(&digest[..16]));
    {
        let conn = e.conn();
        let sql = trigger_sql(&conn, "member_final_update");
        conn.execute_batch(&format!(
            "DROP TRIGGER member_final_update;
             UPDATE member SET left_on = '2022-03-01', left_reason = 'moved' WHERE code = 'D001';
             {sql};"
        ))
        .unwrap();
    }
    let (out, code) = check(&e);
    assert_eq!(code, Some(DATA), "{out}");
    assert!(out.contains("2022 年度：定稿后其考核依据的记录被改动"), "{out}");
    assert!(out.contains(&digest[..16]), "names the digest taken then: {out}");
    // The schema is whole again: only the digest tells.
    let json = e.run(&["--format", "json", "check"]);
    let json = String::from_utf8_lossy(&json.stdout);
    assert_eq!(json.matches("\"ok\": \"ok\"").count(), 6, "{json}");
}

#[test]
fn check_names_a_standing_period_changed_behind_a_dropped_trigger() {
    let e = finalised_demo();
    {
        let conn = e.conn();
        let sql = trigger_sql(&conn, "standing_final_update");
        conn.execute_batch(&format!(
            "DROP TRIGGER standing_final_update;
             UPDATE membership SET end_on = '2022-04-01'
             WHERE member_id = (SELECT id FROM member WHERE code = 'D001')
               AND org_id = (SELECT id FROM org WHERE kind = 'standing');
             {sql};"
        ))
        .unwrap();
    }
    let (out, code) = check(&e);
    assert_eq!(code, Some(DATA), "{out}");
    assert!(out.contains("2022 年度"), "{out}");
}

#[test]
fn check_names_the_first_forged_or_altered_audit_entry() {
    let e = finalised_demo();
    e.ok(&["check"]);
    let last: i64 = e.count("SELECT max(id) FROM audit_log");
    e.conn()
        .execute(
            "INSERT INTO audit_log (at, operator, command, table_name, row_id, action)
             VALUES ('2022-01-01T00:00:00+08:00', 'x', 'member edit', 'member', 1, 'update')",
            [],
        )
        .unwrap();
    let (out, code) = check(&e);
    assert_eq!(code, Some(DATA), "{out}");
    assert!(out.contains(&format!("第 {} 条起断开", last + 1)), "{out}");

    // An entry rewritten after dropping the append-only trigger, the trigger put back.
    let e = finalised_demo();
    {
        let conn = e.conn();
        let sql = trigger_sql(&conn, "audit_log_no_update");
        conn.execute_batch(&format!(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET operator = '别人' WHERE id = 10;
             {sql};"
        ))
        .unwrap();
    }
    let (out, code) = check(&e);
    assert_eq!(code, Some(DATA), "{out}");
    assert!(out.contains("第 10 条起断开"), "{out}");
    // A dropped trigger is still named by the schema comparison.
    e.conn()
        .execute_batch("DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    let (out, _) = check(&e);
    assert!(out.contains("trigger audit_log_no_delete"), "{out}");
}

#[test]
fn the_audit_log_keeps_numbers_masked() {
    let e = Env::init();
    e.ok(&["sector", "add", "教育界"]);
    e.ok(&[
        "member",
        "add",
        "王芳",
        "--sector",
        "教育界",
        "--code",
        "W001",
        "--phone",
        "13812345678",
        "--id-number",
        "11010519491231002X",
    ]);
    e.ok(&["member", "edit", "W001", "--phone", "13987654321"]);
    let log = e.ok(&["log", "--table", "member"]);
    for clear in ["13812345678", "11010519491231002X", "13987654321"] {
        assert!(!log.contains(clear), "log shows {clear}:\n{log}");
    }
    assert!(log.contains("138****5678"), "{log}");
    assert!(log.contains("110***********002X"), "{log}");
    let audit: i64 = e.count(
        "SELECT count(*) FROM audit_log WHERE command LIKE '%13812345678%' OR command LIKE '%11010519491231002X%'
         OR before LIKE '%13812345678%' OR after LIKE '%13812345678%' OR after LIKE '%11010519491231002X%'
         OR after LIKE '%13987654321%' OR command LIKE '%13987654321%'",
    );
    assert_eq!(audit, 0);
    assert_eq!(e.count("SELECT count(*) FROM audit_log WHERE hash IS NULL"), 0);
    e.ok(&["check"]);
}

/// A version-2 file whose audit log holds numbers in clear: the upgrade masks them, then chains
/// every entry, and the file checks whole.
#[test]
fn upgrading_masks_the_old_audit_log_then_chains_it() {
    let old = Env::new();
    {
        let conn = Connection::open(&old.db).unwrap();
        let dir = env!("CARGO_MANIFEST_DIR");
        for f in ["schema.sql", "migrations/002-donations.sql"] {
            conn.execute_batch(&std::fs::read_to_string(format!("{dir}/{f}")).unwrap())
                .unwrap();
        }
        conn.execute_batch(
            r#"INSERT INTO committee (id, name, level, term) VALUES (1, '测试县委员会', 'county', 16);
             INSERT INTO sector (code, name) VALUES ('edu', '教育界');
             INSERT INTO member (code, name, sector_id, phone, id_number)
                 VALUES ('M0001', '王芳', 1, '13812345678', '11010519491231002X');
             INSERT INTO audit_log (at, operator, command, table_name, row_id, action, before, after) VALUES
               ('2022-01-01T00:00:00+08:00', 'a', 'member add 王芳 --phone 13812345678 --id-number 11010519491231002X',
                'member', 1, 'insert', NULL, '{"code":"M0001","phone":"13812345678","id_number":"11010519491231002X"}'),
               ('2022-01-02T00:00:00+08:00', 'a', 'member edit M0001 --phone=13900001111', 'member', 1, 'update',
                '{"code":"M0001","phone":"13812345678"}', '{"code":"M0001","phone":"13900001111"}');
             PRAGMA user_version = 2;"#,
        )
        .unwrap();
    }
    old.ok(&["member", "list"]);
    assert_eq!(old.count("PRAGMA user_version"), crate::common::latest_version());
    assert_eq!(
        old.count(
            "SELECT count(*) FROM audit_log WHERE command || coalesce(before, '') || coalesce(after, '')
             GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'"
        ),
        0,
        "no number is left in clear"
    );
    let first: (String, String) = old
        .conn()
        .query_row("SELECT command, after FROM audit_log WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        first
            .0
            .contains("--phone 138****5678 --id-number 110***********002X"),
        "{}",
        first.0
    );
    assert!(first.1.contains("138****5678"), "{}", first.1);
    assert_eq!(old.count("SELECT count(*) FROM audit_log WHERE hash IS NULL"), 0);
    // The member's own record keeps the numbers: only the log is masked.
    assert_eq!(
        old.count("SELECT count(*) FROM member WHERE phone = '13812345678'"),
        1
    );
    old.ok(&["member", "edit", "M0001", "--note", "升级后"]);
    old.ok(&["check"]);
}

/// A file finalised before version 3 gets its final year sealed by the upgrade.
#[test]
fn a_year_finalised_before_the_upgrade_is_sealed_by_it() {
    let e = finalised_demo();
    let digest: String = e
        .conn()
        .query_row(
            "SELECT inputs_sha256 FROM assessment WHERE status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Make it look like a version-2 file: no digest, no chain.
    {
        let conn = e.conn();
        conn.execute_batch(
            "DROP TRIGGER assessment_final_update; DROP TRIGGER audit_log_no_update;
             UPDATE assessment SET inputs_sha256 = NULL; UPDATE audit_log SET hash = NULL;",
        )
        .unwrap();
        let dir = env!("CARGO_MANIFEST_DIR");
        // Undo what versions 3 to 7 added, so that their scripts run again as on an old file.
        let mut undo = String::from(
            "DROP VIEW member_year_served; DROP TABLE sector_alias; DROP TABLE import_image; DROP TABLE import_run;
             DROP TABLE contribution_author; DROP TABLE contribution; DROP TABLE contribution_kind;",
        );
        let v1 = std::fs::read_to_string(format!("{dir}/schema.sql")).unwrap();
        for name in [
            "member_final_insert",
            "member_final_update",
            "member_final_delete",
            "standing_final_insert",
            "standing_final_update",
            "standing_final_delete",
            "activity_kind_final_update",
            "committee_final_update",
            "audit_log_no_delete",
        ] {
            undo.push_str(&format!("DROP TRIGGER {name};"));
        }
        undo.push_str(
            "ALTER TABLE assessment DROP COLUMN inputs_sha256; ALTER TABLE audit_log DROP COLUMN hash;",
        );
        crate::common::undo_version_7(&conn);
        conn.execute_batch(&undo).unwrap();
        // The version-1 trigger, as schema.sql made it.
        let start = v1.find("CREATE TRIGGER assessment_final_update").unwrap();
        let end = start + v1[start..].find("END;").unwrap() + 4;
        let start_a = v1.find("CREATE TRIGGER audit_log_no_update").unwrap();
        let end_a = start_a + v1[start_a..].find("END;").unwrap() + 4;
        let start_d = v1.find("CREATE TRIGGER audit_log_no_delete").unwrap();
        let end_d = start_d + v1[start_d..].find("END;").unwrap() + 4;
        conn.execute_batch(&format!(
            "{}\n{}\n{}\nPRAGMA user_version = 2;",
            &v1[start..end],
            &v1[start_a..end_a],
            &v1[start_d..end_d]
        ))
        .unwrap();
    }
    e.ok(&["member", "list"]);
    let sealed: String = e
        .conn()
        .query_row(
            "SELECT inputs_sha256 FROM assessment WHERE status = 'final'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sealed, digest, "the same inputs give the same digest");
    e.ok(&["check"]);
}

/// The digest and the chain survive a copy into another file (a backup): it checks whole.
#[test]
fn a_backup_of_a_finalised_file_checks_whole() {
    let e = finalised_demo();
    let copy = e.dir.path().join("copy.db");
    e.ok(&["backup", "-o", copy.to_str().unwrap()]);
    let out = crate::common::bin()
        .arg("--db")
        .arg(&copy)
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
