//! Outputs never destroy data: `-o` files, folders and backups.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use crate::common::{Env, bin, kill_after, moment};

/// `PRAGMA application_id` of lvzhi files.
const LVZHI_ID: i32 = 0x4C76_5A68;

/// The demo committee (2022, assessed), built once per test run.
fn demo() -> Env {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let e = Env::new();
        e.ok(&["demo"]);
        std::fs::read(&e.db).expect("read the demo")
    });
    let e = Env::new();
    std::fs::write(&e.db, bytes).unwrap();
    std::fs::set_permissions(&e.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    e
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Names in `dir` that are lvzhi's temporary files or folders.
fn temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lvzhi-tmp-"))
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A command that writes one file, given its target.
struct Case {
    what: &'static str,
    ext: &'static str,
    args: fn(&str) -> Vec<String>,
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|a| a.to_string()).collect()
}

const CASES: [Case; 5] = [
    Case {
        what: "report csv",
        ext: "csv",
        args: |t| owned(&["report", "summary", "--year", "2022", "-o", t]),
    },
    Case {
        what: "report xlsx",
        ext: "xlsx",
        args: |t| owned(&["report", "assessment", "--year", "2022", "-o", t]),
    },
    Case {
        what: "export",
        ext: "xlsx",
        args: |t| owned(&["export", "--year", "2022", "-o", t]),
    },
    Case {
        what: "template",
        ext: "csv",
        args: |t| owned(&["import", "template", "members", "-o", t]),
    },
    Case {
        what: "backup",
        ext: "db",
        args: |t| owned(&["backup", "-o", t]),
    },
];

impl Case {
    fn run(&self, target: &Path, force: bool) -> Vec<String> {
        let mut a = (self.args)(&s(target));
        if force {
            a.push("--force".into());
        }
        a
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let e = demo();
    for c in &CASES {
        let target = e.dir.path().join(format!("old {}.{}", c.what, c.ext));
        std::fs::write(&target, "先前的内容").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = e.refuse_with(
            &strs(&c.run(&target, false)),
            1,
            &[&s(&target), "已存在", "--force"],
        );
        assert!(err.contains("未覆盖"), "{}: {err}", c.what);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "先前的内容");
        e.ok(&strs(&c.run(&target, true)));
        let bytes = std::fs::read(&target).unwrap();
        assert!(
            bytes.len() > 100 && bytes != "先前的内容".as_bytes(),
            "{}",
            c.what
        );
        assert_eq!(mode(&target), 0o600, "{}", c.what);
        // A new file needs no --force.
        let fresh = e.dir.path().join(format!("new {}.{}", c.what, c.ext));
        e.ok(&strs(&c.run(&fresh, false)));
        assert_eq!(mode(&fresh), 0o600, "{}", c.what);
    }
    assert!(temps(e.dir.path()).is_empty(), "{:?}", temps(e.dir.path()));
    // The backup replaced with --force is a sound copy.
    let backup = e.dir.path().join("old backup.db");
    assert_eq!(&std::fs::read(&backup).unwrap()[..16], b"SQLite format 3\0");
    bin().args(["--db", &s(&backup), "check"]).assert().success();
}

#[test]
fn the_database_and_its_files_are_never_replaced() {
    let e = demo();
    // An open connection keeps the -wal and -shm files in place.
    let conn = e.conn();
    let members: i64 = conn
        .query_row("SELECT count(*) FROM member", [], |r| r.get(0))
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", s(&e.db)));
    assert!(wal.exists());
    let bytes = std::fs::read(&e.db).unwrap();
    for c in &CASES {
        let link = e.dir.path().join(format!("link.{}", c.ext));
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&e.db, &link).unwrap();
        let hard = e.dir.path().join(format!("hard.{}", c.ext));
        let _ = std::fs::remove_file(&hard);
        std::fs::hard_link(&e.db, &hard).unwrap();
        let journal = PathBuf::from(format!("{}-journal", s(&e.db)));
        let shm = PathBuf::from(format!("{}-shm", s(&e.db)));
        let through_dot = e.dir.path().join(".").join("lvzhi.db");
        for target in [&e.db, &wal, &shm, &journal, &link, &hard, &through_dot] {
            for force in [false, true] {
                e.refuse_with(
                    &strs(&c.run(target, force)),
                    1,
                    &[&s(target), "正在使用的数据库", "加 --force 也不会"],
                );
            }
        }
        assert!(!journal.exists());
    }
    assert_eq!(std::fs::read(&e.db).unwrap(), bytes);
    let after: i64 = conn
        .query_row("SELECT count(*) FROM member", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, members);
    drop(conn);
    assert!(temps(e.dir.path()).is_empty());
    e.ok(&["check"]);
}

#[test]
fn a_foreign_sqlite_file_is_never_replaced_and_an_lvzhi_one_is_with_force() {
    let e = demo();
    for c in &CASES {
        let foreign = e.dir.path().join(format!("foreign.{}", c.ext));
        let _ = std::fs::remove_file(&foreign);
        {
            let f = rusqlite::Connection::open(&foreign).unwrap();
            f.execute_batch(
                "CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine'); PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let before = std::fs::read(&foreign).unwrap();
        e.refuse_with(
            &strs(&c.run(&foreign, true)),
            1,
            &[&s(&foreign), "另一个程序的 SQLite", "加 --force 也不会"],
        );
        assert_eq!(std::fs::read(&foreign).unwrap(), before, "{}", c.what);
    }
    // A copy of an lvzhi file (marked with its application id) may be replaced with --force.
    let old = e.dir.path().join("上次.db");
    e.ok(&["backup", "-o", &s(&old)]);
    rusqlite::Connection::open(&old)
        .unwrap()
        .pragma_update(None, "application_id", LVZHI_ID)
        .unwrap();
    e.refuse_with(&["backup", "-o", &s(&old)], 1, &["已存在"]);
    let logged = e.count("SELECT count(*) FROM audit_log WHERE table_name = 'backup'");
    e.ok(&["backup", "-o", &s(&old), "--force"]);
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE table_name = 'backup'"),
        logged + 1
    );
    bin().args(["--db", &s(&old), "check"]).assert().success();
}

#[test]
fn unknown_extensions_are_refused_with_the_known_ones() {
    let e = demo();
    let dir = e.dir.path();
    let cases: [(Vec<&str>, &str); 3] = [
        (
            vec!["report", "summary", "--year", "2022"],
            ".csv .json .md .xlsx",
        ),
        (vec!["export", "--year", "2022"], ".xlsx"),
        (vec!["import", "template", "members"], ".xlsx .csv"),
    ];
    for (args, known) in &cases {
        for name in ["r.txt", "r.xls", "r.XLS", "r.db", "r"] {
            let target = s(&dir.join(name));
            let mut a = args.clone();
            a.extend(["-o", &target]);
            let err = e.refuse_with(&a, 2, &[&target, known]);
            if name.to_lowercase().ends_with(".xls") {
                assert!(err.contains("不能写旧的 .xls 格式"), "{err}");
                assert!(err.contains("改用 .xlsx"), "{err}");
            }
            assert!(!dir.join(name).exists());
        }
    }
    // Upper-case extensions are known ones.
    e.ok(&[
        "report",
        "summary",
        "--year",
        "2022",
        "-o",
        &s(&dir.join("S.CSV")),
    ]);
    // Without an extension, --format says the format.
    let plain = dir.join("汇总");
    e.ok(&[
        "report",
        "summary",
        "--year",
        "2022",
        "--format",
        "json",
        "-o",
        &s(&plain),
    ]);
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('{'));
    let err = e.fail(
        &[
            "--lang",
            "en",
            "report",
            "summary",
            "--year",
            "2022",
            "-o",
            &s(&dir.join("x.txt")),
        ],
        2,
    );
    assert!(err.contains("unknown extension .txt"), "{err}");
    assert!(err.contains("--format"), "{err}");
    assert!(temps(dir).is_empty());
}

#[test]
fn member_folders_are_private_and_new_or_empty() {
    let e = demo();
    let root = e.dir.path();
    let out = root.join("年末").join("档案");
    e.ok(&[
        "report",
        "member",
        "--all",
        "--year",
        "2022",
        "--reveal",
        "-o",
        &s(&out),
    ]);
    assert_eq!(mode(&root.join("年末")), 0o700);
    assert_eq!(mode(&out), 0o700);
    let files = names(&out);
    assert!(files.len() > 100, "{}", files.len());
    for f in &files {
        assert!(f.ends_with(".md"), "{f}");
        assert_eq!(mode(&out.join(f)), 0o600, "{f}");
    }
    assert!(temps(root).is_empty() && temps(&root.join("年末")).is_empty());

    // A folder holding something is refused before anything is done (no reveal is logged).
    let full = root.join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("keep.txt"), "留着").unwrap();
    let args = [
        "report",
        "member",
        "--all",
        "--year",
        "2022",
        "--reveal",
        "-o",
        &s(&full),
    ];
    e.refuse_with(&args, 1, &[&s(&full), "不是空的", "--force"]);
    assert_eq!(names(&full), ["keep.txt"]);
    // With --force its files are written into it, the others kept.
    let one = &files[0];
    std::fs::write(full.join(one), "旧的").unwrap();
    let mut forced = args.to_vec();
    forced.push("--force");
    e.ok(&forced);
    assert_eq!(std::fs::read_to_string(full.join("keep.txt")).unwrap(), "留着");
    assert_eq!(names(&full).len(), files.len() + 1);
    assert_eq!(
        std::fs::read(full.join(one)).unwrap(),
        std::fs::read(out.join(one)).unwrap()
    );
    assert_eq!(mode(&full.join(one)), 0o600);
    assert!(temps(&full).is_empty());

    // An empty folder is taken, and becomes private.
    let empty = root.join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o755)).unwrap();
    e.ok(&["report", "member", "--all", "--year", "2022", "-o", &s(&empty)]);
    assert_eq!(names(&empty).len(), files.len());
    assert_eq!(mode(&empty), 0o700);

    // A file is not a folder, --force or not.
    let file = root.join("file.md");
    std::fs::write(&file, "x").unwrap();
    e.refuse_with(
        &[
            "report",
            "member",
            "--all",
            "--year",
            "2022",
            "-o",
            &s(&file),
            "--force",
        ],
        1,
        &["不是文件夹"],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    assert!(temps(root).is_empty());
}

#[test]
fn parents_made_for_a_file_are_private_and_a_folder_is_not_a_file() {
    let e = demo();
    let target = e.dir.path().join("新建").join("排名.csv");
    e.ok(&["report", "assessment", "--year", "2022", "-o", &s(&target)]);
    assert_eq!(mode(&e.dir.path().join("新建")), 0o700);
    assert_eq!(mode(&target), 0o600);
    let dir = e.dir.path().join("夹.csv");
    std::fs::create_dir(&dir).unwrap();
    e.refuse_with(
        &[
            "report",
            "assessment",
            "--year",
            "2022",
            "-o",
            &s(&dir),
            "--force",
        ],
        1,
        &["是文件夹"],
    );
}

#[test]
fn force_and_yes_are_global_flags() {
    let e = demo();
    e.ok(&["--yes", "member", "list", "--force"]);
    for lang in ["zh", "en"] {
        let help = bin().args(["--lang", lang, "--help"]).output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(help.contains("--force") && help.contains("--yes"), "{help}");
    }
}

/// A tiny generator of kill moments; the seed is printed when an assertion fails.
/// A backup killed at any moment leaves either no file under its name or a complete, sound one.
#[test]
fn a_killed_backup_leaves_no_partial_file() {
    let e = demo();
    let mut csv = String::from("编号,姓名,界别,工作单位,任委员日期,备注\n");
    for i in 0..12_000 {
        csv.push_str(&format!(
            "K{i:05},测试委员{i},教育界,县第一中学第{i}教研组,2021-12-28,用于备份测试的较长备注{i}\n"
        ));
    }
    let file = e.dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    e.ok(&["import", "members", &s(&file), "--quiet"]);
    let members = e.count("SELECT count(*) FROM member");
    assert!(members > 12_000);

    let target = e.dir.path().join("b.db");
    let started = Instant::now();
    e.ok(&["backup", "-o", &s(&target)]);
    let whole = started.elapsed();
    std::fs::remove_file(&target).unwrap();

    let kills: usize = std::env::var("LVZHI_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let mut killed = 0;
    let mut whole_files = 0;
    for round in 0..kills {
        let at = moment(whole.mul_f64(1.2), round + 1, kills);
        let said = format!("round {round}, killed after {at:?} of {whole:?}");
        if !kill_after(&e.db, &["backup", "-o", &s(&target)], at) {
            killed += 1;
        }
        if target.exists() {
            whole_files += 1;
            bin().args(["--db", &s(&target), "check"]).assert().success();
            let copy = rusqlite::Connection::open(&target).unwrap();
            let n: i64 = copy
                .query_row("SELECT count(*) FROM member", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, members, "{said}");
            drop(copy);
            std::fs::remove_file(&target).unwrap();
        }
        // Nothing else appears beside the database but lvzhi's recognisable temporary files.
        for name in names(e.dir.path()) {
            assert!(
                name.starts_with(".lvzhi-tmp-") || name.starts_with("lvzhi.db") || name == "many.csv",
                "{said}: {name}"
            );
        }
    }
    assert!(killed > 0, "no backup was killed (whole {whole:?})");
    eprintln!("{kills} backups: {killed} killed, {whole_files} complete files");
    e.ok(&["check"]);
    assert_eq!(e.count("SELECT count(*) FROM member"), members);
}
