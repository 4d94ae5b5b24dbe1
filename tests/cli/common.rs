//! Runs the real `lvzhi` binary on a database in a temporary directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use assert_cmd::Command;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;

/// A temporary directory holding one database file.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// A command for the binary, with nothing preset.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("lvzhi").expect("the lvzhi binary is built");
    c.env_remove("LVZHI_DB");
    c.env_remove("COLUMNS");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

impl Env {
    /// An empty directory; the database file does not exist yet.
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = dir.path().join("lvzhi.db");
        Env { dir, db }
    }

    /// A fresh, initialised database with nothing in it.
    pub fn init() -> Env {
        let e = Env::new();
        e.ok(&["init"]);
        e
    }

    /// Runs `lvzhi --db DB --operator tester ARGS...`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_as("tester", args)
    }

    /// Runs the binary with another operator.
    pub fn run_as(&self, operator: &str, args: &[&str]) -> Output {
        bin()
            .arg("--db")
            .arg(&self.db)
            .arg("--operator")
            .arg(operator)
            .args(args)
            .output()
            .expect("the binary runs")
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "lvzhi {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Runs a command that must fail with `code`; returns its standard error.
    pub fn fail(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let err = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(code),
            "lvzhi {args:?}: wrong exit code\nstdout:\n{}\nstderr:\n{err}",
            text(&out.stdout)
        );
        assert!(!err.trim().is_empty(), "lvzhi {args:?} failed silently");
        err
    }

    /// Runs a command that must fail with `code` and leave the database exactly as it was
    /// (audit log included); returns its standard error.
    pub fn refuse(&self, args: &[&str], code: i32) -> String {
        let before = self.dump();
        let err = self.fail(args, code);
        let after = self.dump();
        assert!(
            before == after,
            "lvzhi {args:?} failed but changed the database\nstderr:\n{err}"
        );
        err
    }

    /// Like [`Env::refuse`], and the message must contain every one of `needles`.
    pub fn refuse_with(&self, args: &[&str], code: i32, needles: &[&str]) -> String {
        let err = self.refuse(args, code);
        for n in needles {
            assert!(
                err.contains(n),
                "lvzhi {args:?}: the message does not mention {n:?}:\n{err}"
            );
        }
        err
    }

    /// The whole database as text: schema version, schema and every row of every table.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    /// A raw connection to the file, bypassing the program.
    pub fn conn(&self) -> Connection {
        Connection::open(&self.db).expect("open the database")
    }

    /// A number from a query on the raw database.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// The committee of [`fixture`] in a fresh directory.
    pub fn fixture() -> Env {
        let e = Env::new();
        std::fs::write(&e.db, fixture_bytes()).expect("write the fixture");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&e.db, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        e
    }
}

/// Every table, in name order, every row in rowid order, every value with its type.
pub fn dump(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database read-only");
    let mut out = String::new();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    writeln!(out, "user_version {version}").unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let schema: Vec<(String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, sql) in &schema {
        writeln!(out, "{kind} {name}: {}", sql.as_deref().unwrap_or("")).unwrap();
    }
    for (kind, name, _) in &schema {
        if kind != "table" || name.starts_with("sqlite_") {
            continue;
        }
        writeln!(out, "== {name}").unwrap();
        let mut stmt = conn
            .prepare(&format!("SELECT rowid, * FROM \"{name}\" ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(x) => format!("i{x}"),
                    ValueRef::Real(x) => format!("r{x:?}"),
                    ValueRef::Text(t) => format!("t{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("b{b:?}"),
                })
                .collect();
            writeln!(out, "{}", cells.join("|")).unwrap();
        }
    }
    out
}

/// The fixture database, built once per test run with the real binary.
fn fixture_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let e = Env::new();
        build_fixture(&e);
        std::fs::read(&e.db).expect("read the fixture")
    })
}

/// A small committee:
/// - sectors 教育界 (1), 经济界 (2), 医药卫生界 (3);
/// - members E002 李明 (教育界), J001 王芳 (经济界, standing, phone 13812345678),
///   M001 赵强 (经济界), L001 刘洋 (教育界, 县第一中学) and L002 刘洋 (医药卫生界, 县医院),
///   all joined 2021-10-01; N001 陈静 (经济界) joined 2022-06-01; S001 孙丽 (教育界) joined
///   2021-10-01 and resigned 2022-03-01;
/// - organisations 提案委员会 (special; E002 director, J001 member) and 第一联络组 (liaison; M001);
/// - activities 1 视察农村学校 (inspection, 2022-05-10; E002 and J001 present, M001 excused),
///   2 十六届二次会议 (plenary, 2022-01-10..12), 3 常委会议 (standing, 2022-07-01);
/// - proposal 1 关于改善农村学校条件的提案 (number 2022001, lead E002, co-signer M001);
/// - opinion report 1 关于农村学校师资的建议 (E002, M001), adopted by the city.
fn build_fixture(e: &Env) {
    e.ok(&[
        "init",
        "--name",
        "政协代县委员会",
        "--level",
        "county",
        "--term",
        "16",
    ]);
    for s in ["教育界", "经济界", "医药卫生界"] {
        e.ok(&["sector", "add", s]);
    }
    let joined = ["--joined", "2021-10-01"];
    let add = |name: &str, sector: &str, code: &str, extra: &[&str]| {
        let mut a = vec!["member", "add", name, "--sector", sector, "--code", code];
        a.extend_from_slice(extra);
        e.ok(&a);
    };
    add("李明", "教育界", "E002", &joined);
    add(
        "王芳",
        "经济界",
        "J001",
        &["--joined", "2021-10-01", "--standing", "--phone", "13812345678"],
    );
    add("赵强", "经济界", "M001", &joined);
    add(
        "刘洋",
        "教育界",
        "L001",
        &["--joined", "2021-10-01", "--workplace", "县第一中学"],
    );
    add(
        "刘洋",
        "医药卫生界",
        "L002",
        &["--joined", "2021-10-01", "--workplace", "县医院"],
    );
    add("陈静", "经济界", "N001", &["--joined", "2022-06-01"]);
    add("孙丽", "教育界", "S001", &joined);
    e.ok(&[
        "member",
        "leave",
        "S001",
        "--on",
        "2022-03-01",
        "--reason",
        "resigned",
    ]);
    e.ok(&["org", "add", "提案委员会"]);
    e.ok(&["org", "add", "第一联络组", "--kind", "liaison"]);
    e.ok(&[
        "org",
        "join",
        "提案委员会",
        "E002",
        "--role",
        "director",
        "--from",
        "2022-01-01",
    ]);
    e.ok(&["org", "join", "提案委员会", "J001", "--from", "2022-01-01"]);
    e.ok(&["org", "join", "第一联络组", "M001", "--from", "2022-01-01"]);
    let id = e.ok(&[
        "activity",
        "add",
        "inspection",
        "--date",
        "2022-05-10",
        "--title",
        "视察农村学校",
    ]);
    assert_eq!(id.trim(), "1");
    e.ok(&[
        "activity",
        "add",
        "plenary",
        "--date",
        "2022-01-10",
        "--end",
        "2022-01-12",
        "--title",
        "十六届二次会议",
    ]);
    e.ok(&[
        "activity",
        "add",
        "standing",
        "--date",
        "2022-07-01",
        "--title",
        "常委会议",
    ]);
    e.ok(&["attend", "1", "--present", "E002,王芳", "--excused", "M001"]);
    e.ok(&[
        "proposal",
        "add",
        "关于改善农村学校条件的提案",
        "--number",
        "2022001",
        "--date",
        "2022-01-11",
        "--lead",
        "E002",
        "--cosigners",
        "M001",
    ]);
    e.ok(&[
        "opinion",
        "add",
        "关于农村学校师资的建议",
        "--date",
        "2022-04-01",
        "--authors",
        "E002,M001",
    ]);
    e.ok(&["opinion", "adopt", "1", "--level", "city", "--date", "2022-05-01"]);
}

/// The schema version a new file has: the highest number of the files in `migrations/`
/// (`003-….sql` is version 3; `schema.sql` is version 1).
pub fn latest_version() -> i64 {
    let dir = format!("{}/migrations", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(dir)
        .expect("the migrations folder")
        .filter_map(|f| f.ok()?.file_name().to_str()?.get(..3)?.parse::<i64>().ok())
        .max()
        .unwrap_or(1)
}

/// The schema of a new file at `version` (2 to 9), made by running the scripts of versions 1 to
/// `version` on an empty database in memory (each `-after.sql` right after its own script).
fn schema_at(version: u32) -> Connection {
    let dir = format!("{}/migrations", env!("CARGO_MANIFEST_DIR"));
    let reference = Connection::open_in_memory().unwrap();
    let v1 = std::fs::read_to_string(format!("{}/schema.sql", env!("CARGO_MANIFEST_DIR"))).unwrap();
    reference.execute_batch(&v1).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|f| f.ok()?.file_name().into_string().ok())
        .collect();
    // `003-x.sql` before `003-x-after.sql`
    names.sort_by_key(|n| (n.get(..3).map(str::to_string), n.ends_with("-after.sql")));
    for n in names {
        let v: u32 = n[..3].parse().unwrap();
        if (2..=version).contains(&v) {
            let sql = std::fs::read_to_string(format!("{dir}/{n}")).unwrap();
            reference.execute_batch(&sql).unwrap();
        }
    }
    reference
}

/// Undoes what schema version 11 (the roll-up) added: the table `rollup_package`, the
/// committee's `rollup_code` and the indexes of references. Leaves `user_version` alone.
pub fn undo_version_11(conn: &Connection) {
    conn.execute_batch(
        "DROP TABLE rollup_package; ALTER TABLE committee DROP COLUMN rollup_code;
         DROP INDEX activity_org; DROP INDEX activity_kind_of; DROP INDEX adjustment_member;
         DROP INDEX assessment_scheme; DROP INDEX assessment_member_member;
         DROP INDEX commendation_member; DROP INDEX contribution_kind_of; DROP INDEX donation_activity;
         DROP INDEX opinion_instruction_opinion; DROP INDEX proposal_merged_into; DROP INDEX proposal_org;
         DROP INDEX sector_alias_sector;",
    )
    .unwrap();
}

/// Undoes what schema versions 11 (see [`undo_version_11`]) and 10 (committee in every
/// record) changed, as on a file made before them: every table made again as versions 1 to 9 made it (without `committee_id`, the
/// committee without `loading`), its rows and ids kept, and every index as those versions made
/// it, and the views and triggers the file has as they made them. Leaves `user_version` alone.
pub fn undo_version_10(conn: &Connection) {
    undo_version_11(conn);
    let reference = schema_at(9);
    let objects = |kind: &str| -> Vec<(String, String)> {
        reference
            .prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = ?1 AND sql IS NOT NULL
                 AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
            )
            .unwrap()
            .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut sql = String::from("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; BEGIN;");
    let dropped: Vec<(String, String)> = conn
        .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view')")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name) in &dropped {
        sql.push_str(&format!("DROP {kind} \"{name}\";"));
    }
    for (table, create) in objects("table") {
        let columns: Vec<String> = reference
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let columns = columns.join(", ");
        sql.push_str(&format!(
            "ALTER TABLE {table} RENAME TO old_{table}; {create};
             INSERT INTO {table} ({columns}) SELECT {columns} FROM old_{table}; DROP TABLE old_{table};"
        ));
    }
    for kind in ["index", "view", "trigger"] {
        for (name, create) in objects(kind) {
            // a trigger or view the caller dropped already stays dropped
            if kind == "index" || dropped.iter().any(|(_, n)| *n == name) {
                sql.push_str(&create);
                sql.push(';');
            }
        }
    }
    sql.push_str("COMMIT; PRAGMA foreign_keys = ON;");
    conn.execute_batch(&sql).unwrap();
}

/// Undoes what schema versions 10 and 9 (committee identity) changed, as on a file made before
/// them: see [`undo_version_10`]; then the committee's code and parent code and the `package`
/// table dropped. Leaves `user_version` alone.
pub fn undo_version_9(conn: &Connection) {
    undo_version_10(conn);
    conn.execute_batch(
        "DROP TABLE package; ALTER TABLE committee DROP COLUMN parent_code;
         ALTER TABLE committee DROP COLUMN code;",
    )
    .unwrap();
}

/// Undoes what schema versions 10 and 9 (committee), 8 (compact results) and 7 (outcome
/// dates) added, as on a file made before them: their columns, tables, indexes and view dropped
/// and the triggers and index they replaced put back as `schema.sql` made them. Leaves
/// `user_version` alone.
pub fn undo_version_7(conn: &Connection) {
    undo_version_9(conn);
    let v1 = std::fs::read_to_string(format!("{}/schema.sql", env!("CARGO_MANIFEST_DIR"))).unwrap();
    // version 8 next: results without `ord`, attendance indexed by member only
    let mut undo = String::from(
        "DROP INDEX assessment_member_order; ALTER TABLE assessment_member DROP COLUMN ord;
         DROP INDEX attendance_member; CREATE INDEX attendance_member ON attendance (member_id);",
    );
    let mut triggers = String::new();
    for name in [
        "proposal_final_update",
        "opinion_adoption_final_insert",
        "opinion_adoption_final_update",
        "opinion_adoption_final_delete",
        "opinion_instruction_final_insert",
        "opinion_instruction_final_update",
        "opinion_instruction_final_delete",
    ] {
        undo.push_str(&format!("DROP TRIGGER {name};"));
        let start = v1.find(&format!("CREATE TRIGGER {name} ")).unwrap();
        let end = start + v1[start..].find("END;").unwrap() + 4;
        triggers.push_str(&v1[start..end]);
        triggers.push('\n');
    }
    undo.push_str(
        "DROP VIEW final_year; ALTER TABLE proposal DROP COLUMN key_on; ALTER TABLE proposal DROP COLUMN excellent_on;",
    );
    undo.push_str(&triggers);
    conn.execute_batch(&undo).unwrap();
}

/// The binary as a plain process (to spawn, wait and kill), on `db`.
pub fn lvzhi(db: &Path) -> std::process::Command {
    let mut p = std::process::Command::new(assert_cmd::cargo::cargo_bin("lvzhi"));
    p.env_remove("LVZHI_DB")
        .arg("--db")
        .arg(db)
        .arg("--operator")
        .arg("tester");
    p
}

/// The `k`-th of `n` moments spread over `full`, shifted by a different random amount each run.
pub fn moment(full: std::time::Duration, k: usize, n: usize) -> std::time::Duration {
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos()) as f64
        / 1e9;
    full.mul_f64((k as f64 - 1.0 + jitter) / n as f64)
}

/// Starts `args`, kills it with SIGKILL after `after`, and says whether it had finished.
pub fn kill_after(db: &Path, args: &[&str], after: std::time::Duration) -> bool {
    let mut child = lvzhi(db)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    finished
}

/// Parses JSON output.
pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}
