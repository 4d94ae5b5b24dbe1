//! The committee's identity (`init --code`, `committee show|set`) and `backup --package`, the
//! checked copy a county sends up: phone numbers out, ID numbers kept, the original untouched.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::common::{Env, bin, dump, json, latest_version};

const DATA: i32 = 1;
const USAGE: i32 = 2;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The demo committee with 2022 finalised and its code set to 代县's under 忻州市.
fn coded_demo() -> Env {
    let e = Env::new();
    e.ok(&["demo"]);
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    e.ok(&["committee", "set", "--code", "140923", "--parent", "140900"]);
    e
}

/// The files in the test's folder other than the database.
fn others(e: &Env) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(e.dir.path())
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|p| !p.to_string_lossy().starts_with(&*e.db.to_string_lossy()))
        .collect();
    v.sort();
    v
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn init_sets_the_code_and_committee_show_lists_it() {
    let e = Env::new();
    e.ok(&[
        "init",
        "--name",
        "政协代县委员会",
        "--term",
        "16",
        "--code",
        "140923",
        "--parent",
        "140900",
    ]);
    let table = e.ok(&["committee", "show"]);
    for want in [
        "政协代县委员会",
        "县级",
        "140923",
        "140900",
        "行政区划代码",
        "上级代码",
    ] {
        assert!(table.contains(want), "{want} missing:\n{table}");
    }
    let j = json(&e.ok(&["--format", "json", "committee", "show"]));
    assert_eq!(j[0]["code"], "140923");
    assert_eq!(j[0]["parent_code"], "140900");
    assert_eq!(j[0]["level"], "county");
    assert_eq!(j[0]["term"], 16);
    let csv = e.ok(&["--format", "csv", "--no-bom", "committee", "show"]);
    assert!(csv.lines().nth(1).unwrap().contains("140923,140900"), "{csv}");
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'committee' AND action = 'insert'"),
        1
    );
}

#[test]
fn a_bad_code_given_to_init_leaves_no_file() {
    let e = Env::new();
    let err = e.fail(&["init", "--name", "政协代县委员会", "--code", "14092"], USAGE);
    assert!(
        err.contains("--code") && err.contains("14092") && err.contains("6 位数字"),
        "{err}"
    );
    assert!(!e.db.exists(), "a refused init made the file");
    let err = e.fail(
        &["init", "--name", "X", "--code", "140923", "--parent", "140923"],
        USAGE,
    );
    assert!(err.contains("--parent") && err.contains("140923"), "{err}");
    assert!(!e.db.exists());
}

#[test]
fn committee_set_changes_the_identity_through_the_audit_log() {
    let e = Env::init();
    e.refuse_with(
        &["committee", "show"],
        DATA,
        &["还没有设定委员会", "committee set"],
    );
    e.refuse_with(
        &["committee", "set", "--code", "140923"],
        DATA,
        &["还没有设定委员会", "--name"],
    );
    e.refuse_with(&["committee", "set"], USAGE, &["--code", "--parent", "--name"]);
    e.ok(&["committee", "set", "--name", "政协代县委员会", "--code", "140923"]);
    let j = json(&e.ok(&["--format", "json", "committee", "show"]));
    assert_eq!(j[0]["name"], "政协代县委员会");
    assert_eq!(j[0]["code"], "140923");
    assert!(j[0]["parent_code"].is_null());
    let logged = "SELECT count(*) FROM audit_log WHERE table_name = 'committee'";
    let before = e.count(logged);
    e.ok(&["committee", "set", "--parent", "140900"]);
    assert_eq!(e.count(logged), before + 1);
    let after: String = e
        .conn()
        .query_row(
            "SELECT after FROM audit_log WHERE table_name = 'committee' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(after.contains("\"parent_code\":\"140900\""), "{after}");
    // Setting what is already there writes nothing.
    let out = e.run(&["committee", "set", "--code", "140923"]);
    assert!(stderr(&out).contains("未改动"), "{}", stderr(&out));
    assert_eq!(e.count(logged), before + 1);

    for (flag, bad) in [
        ("--code", "14092"),
        ("--code", "1409230"),
        ("--code", "14092a"),
        ("--code", "１４０９２３"),
        ("--parent", "1409"),
        ("--parent", "abcdef"),
    ] {
        e.refuse_with(&["committee", "set", flag, bad], USAGE, &[flag, bad, "6 位数字"]);
    }
    e.refuse_with(
        &["committee", "set", "--parent", "140923"],
        USAGE,
        &["--parent", "140923", "本会代码"],
    );
    e.refuse_with(
        &["committee", "set", "--code", "140900"],
        USAGE,
        &["--parent", "140900"],
    );
    let out = bin()
        .args([
            "--db",
            e.db.to_str().unwrap(),
            "--lang",
            "en",
            "committee",
            "set",
            "--code",
            "99",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(USAGE));
    assert!(
        stderr(&out).contains("--code '99' is not an administrative division code: it must be six digits")
    );
}

#[test]
fn the_code_is_settable_in_a_finalised_year() {
    let e = coded_demo();
    e.ok(&[
        "committee",
        "set",
        "--code",
        "140924",
        "--parent",
        "140900",
        "--name",
        "政协代县委员会",
    ]);
    let j = json(&e.ok(&["--format", "json", "committee", "show"]));
    assert_eq!(j[0]["code"], "140924");
    e.ok(&["check"]);
    // The year lock on the term start still holds.
    let err = e
        .conn()
        .execute("UPDATE committee SET term_start = 2022", [])
        .unwrap_err();
    assert!(err.to_string().contains("year finalised"), "{err}");
}

#[test]
fn a_package_needs_the_committees_code() {
    let e = Env::fixture();
    let err = e.refuse_with(
        &["backup", "--package"],
        DATA,
        &["行政区划代码", "lvzhi committee set --code"],
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(others(&e).is_empty(), "{:?}", others(&e));
    let out = e.run(&["--lang", "en", "backup", "--package"]);
    assert_eq!(out.status.code(), Some(DATA));
    assert!(
        stderr(&out).contains("`lvzhi committee set --code CODE`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_demos_package_leaves_out_phones_and_the_original_untouched() {
    let e = coded_demo();
    let before = e.dump();
    let bytes_before = std::fs::read(&e.db).unwrap();
    let out = e.run(&["backup", "--package"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("lvzhi-报送-140923-") && name.ends_with(".db"),
        "{name}"
    );
    assert_eq!(path.parent(), e.db.parent());
    let told = stderr(&out);
    for want in [
        "政协代县委员会",
        "140923",
        "委员 195 人",
        "活动 30 次",
        "已定稿年度：2022",
        "电话号码",
    ] {
        assert!(told.contains(want), "{want} missing: {told}");
    }
    // The original: same rows, same audit log, same bytes.
    assert_eq!(e.dump(), before, "the original changed");
    assert_eq!(std::fs::read(&e.db).unwrap(), bytes_before);

    let orig = read_only(&e.db);
    let copy = read_only(&path);
    assert!(count(&orig, "SELECT count(*) FROM member WHERE phone IS NOT NULL") > 0);
    assert_eq!(
        count(&copy, "SELECT count(*) FROM member WHERE phone IS NOT NULL"),
        0
    );
    let ids = "SELECT count(*) FROM member WHERE id_number IS NOT NULL";
    assert!(count(&orig, ids) > 0);
    assert_eq!(count(&copy, ids), count(&orig, ids));
    let ids_of = |c: &Connection| -> String {
        c.query_row(
            "SELECT group_concat(code || ':' || coalesce(id_number, '-'), ',') FROM (SELECT code, id_number FROM member ORDER BY id)",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(ids_of(&copy), ids_of(&orig), "ID numbers kept as they were");
    for table in [
        "member",
        "activity",
        "attendance",
        "proposal",
        "opinion",
        "audit_log",
        "assessment",
    ] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(count(&copy, &sql), count(&orig, &sql), "{table}");
    }
    assert_eq!(count(&orig, "SELECT count(*) FROM package"), 0);
    let row: (String, String, i64, i64, i64, i64, String, String) = copy
        .query_row(
            "SELECT committee_code, lvzhi_version, members, activities, proposals, reports, final_years, made_at
             FROM package WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .unwrap();
    assert_eq!(row.0, "140923");
    assert_eq!(row.1, env!("CARGO_PKG_VERSION"));
    assert_eq!(row.2, count(&orig, "SELECT count(*) FROM member"));
    assert_eq!(row.3, count(&orig, "SELECT count(*) FROM activity"));
    assert_eq!(row.4, count(&orig, "SELECT count(*) FROM proposal"));
    assert_eq!(row.5, count(&orig, "SELECT count(*) FROM opinion"));
    assert_eq!(row.6, "[2022]");
    assert!(row.7.starts_with("20") && row.7.contains('T'), "{}", row.7);
    drop((orig, copy));
    // The copy passes every check, finalised year's digest included.
    let checked = bin().arg("--db").arg(&path).arg("check").output().unwrap();
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("全部检查通过"));
}

#[test]
fn a_package_keeps_no_phone_in_import_images_and_obeys_no_clobber() {
    let e = Env::fixture();
    let f = e.dir.path().join("members.csv");
    std::fs::write(
        &f,
        "编号,姓名,界别,联系电话,身份证号\nP001,周敏,教育界,13900001111,11010519491231002X\n",
    )
    .unwrap();
    e.ok(&["import", "members", f.to_str().unwrap()]);
    e.ok(&["committee", "set", "--code", "140923"]);
    let images = "SELECT count(*) FROM import_image WHERE json_extract(after, '$.phone') IS NOT NULL";
    assert_eq!(e.count(images), 1);
    let out = e.dir.path().join("报送.db");
    e.ok(&["backup", "--package", "-o", out.to_str().unwrap()]);
    let copy = read_only(&out);
    assert_eq!(count(&copy, images), 0);
    assert_eq!(
        count(
            &copy,
            "SELECT count(*) FROM import_image WHERE json_extract(after, '$.id_number') = '11010519491231002X'"
        ),
        1
    );
    assert_eq!(
        count(&copy, "SELECT count(*) FROM member WHERE phone IS NOT NULL"),
        0
    );
    drop(copy);
    bin().arg("--db").arg(&out).arg("check").assert().success();
    // The import can still be undone in the copy: its rows match their images.
    bin()
        .arg("--db")
        .arg(&out)
        .args(["import", "undo", "--yes", "1"])
        .assert()
        .success();
    assert_eq!(e.count(images), 1, "the original keeps its images");

    let again = e.refuse_with(
        &["backup", "--package", "-o", out.to_str().unwrap()],
        DATA,
        &["已存在", "--force"],
    );
    assert!(again.contains("报送.db"), "{again}");
    let kept = dump(&out);
    e.ok(&["backup", "--package", "--force", "-o", out.to_str().unwrap()]);
    assert_ne!(dump(&out), kept, "--force replaced the package");
    e.refuse_with(
        &["backup", "--package", "-o", e.db.to_str().unwrap()],
        DATA,
        &["正在使用的数据库"],
    );
}

#[test]
fn a_tampered_final_year_is_not_sent() {
    let e = coded_demo();
    {
        let conn = e.conn();
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'member_final_update'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute_batch(&format!(
            "DROP TRIGGER member_final_update;
             UPDATE member SET sector_id = (SELECT max(id) FROM sector) WHERE code = 'D001';
             {sql};"
        ))
        .unwrap();
    }
    let err = e.refuse_with(
        &["backup", "--package"],
        DATA,
        &[
            "未生成报送文件",
            "2022 年度",
            "定稿后其考核依据的记录被改动",
            "lvzhi check",
        ],
    );
    assert!(!err.contains("SQLite"), "{err}");
    assert!(others(&e).is_empty(), "a copy was written: {:?}", others(&e));
    let out = e.dir.path().join("x.db");
    e.refuse(&["backup", "--package", "-o", out.to_str().unwrap()], DATA);
    assert!(!out.exists());
}

#[test]
fn a_version_8_file_upgrades_and_can_be_sent() {
    let e = Env::fixture();
    {
        let conn = e.conn();
        crate::common::undo_version_9(&conn);
        conn.execute_batch("PRAGMA user_version = 8;").unwrap();
    }
    let members = e.count("SELECT count(*) FROM member");
    let log = e.count("SELECT count(*) FROM audit_log");
    let out = e.run(&["committee", "show"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("已从结构版本 8 升级到"), "{}", stderr(&out));
    assert_eq!(e.count("PRAGMA user_version"), latest_version());
    assert_eq!(e.count("SELECT count(*) FROM member"), members);
    assert_eq!(e.count("SELECT count(*) FROM audit_log"), log);
    assert_eq!(
        e.count("SELECT count(*) FROM committee WHERE code IS NULL AND parent_code IS NULL"),
        1
    );
    e.ok(&["check"]);
    e.ok(&["committee", "set", "--code", "140923", "--parent", "140900"]);
    let path = e.ok(&["backup", "--package"]);
    bin().arg("--db").arg(path.trim()).arg("check").assert().success();
}
