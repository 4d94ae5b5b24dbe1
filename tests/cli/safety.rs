//! Data safety: only our files are opened, older ones upgraded after a backup, several clerks
//! writing at once, finalising against a writer, the demo never replacing real records, and
//! kills in the middle of a write.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::common::{Env, bin, json, kill_after, lvzhi, moment};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn app_id(path: &Path) -> i32 {
    let c = Connection::open(path).unwrap();
    c.pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_alone() {
    let e = Env::new();
    {
        let c = Connection::open(&e.db).unwrap();
        c.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep'); PRAGMA user_version = 1;")
            .unwrap();
    }
    let before = std::fs::read(&e.db).unwrap();
    for args in [&["member", "list"][..], &["init"], &["check"], &["demo"]] {
        let err = e.fail(args, 1);
        assert!(
            err.contains("不是 lvzhi 的数据库") || err.contains("不是演示数据库"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(&e.db).unwrap(), before, "{args:?} changed the file");
    }
    assert!(!Path::new(&format!("{}-wal", e.db.display())).exists());
    let c = Connection::open(&e.db).unwrap();
    let tables: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1, "no table was added");
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn a_sqlite_file_marked_by_another_program_is_refused() {
    let e = Env::new();
    Connection::open(&e.db)
        .unwrap()
        .execute_batch("PRAGMA application_id = 1234;")
        .unwrap();
    let err = e.fail(&["init"], 1);
    assert!(err.contains("不是 lvzhi 的数据库"), "{err}");
}

#[test]
fn an_empty_or_missing_file_is_not_a_database_until_init() {
    let e = Env::new();
    let err = e.fail(&["member", "list"], 1);
    assert!(err.contains("不存在") && err.contains("lvzhi init"), "{err}");
    assert!(!e.db.exists(), "a missing file must not be created");
    std::fs::write(&e.db, b"").unwrap();
    for args in [&["check"][..], &["member", "list"], &["backup"]] {
        let err = e.fail(args, 1);
        assert!(
            err.contains("空文件") && err.contains("lvzhi init"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::metadata(&e.db).unwrap().len(),
            0,
            "{args:?} wrote to the file"
        );
    }
    e.ok(&["init"]);
    assert_eq!(app_id(&e.db), 0x4C76_5A68);
    e.ok(&["check"]);
}

#[test]
fn a_file_made_before_the_mark_is_recognised_and_marked() {
    let e = Env::init();
    e.ok(&["sector", "add", "教育界"]);
    e.conn().execute_batch("PRAGMA application_id = 0;").unwrap();
    assert_eq!(app_id(&e.db), 0);
    let out = e.ok(&["sector", "list"]);
    assert!(out.contains("教育界"));
    assert_eq!(app_id(&e.db), 0x4C76_5A68);
}

#[test]
fn an_older_file_is_backed_up_then_upgraded() {
    let e = Env::new();
    {
        let c = Connection::open(&e.db).unwrap();
        c.execute_batch(include_str!("../../schema.sql")).unwrap();
        c.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO sector (code, name, sort_order) VALUES ('01', '教育界', 1);",
        )
        .unwrap();
    }
    let out = e.run(&["sector", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("已从结构版本 1 升级") && err.contains("升级前备份"),
        "{err}"
    );
    let backups: Vec<_> = std::fs::read_dir(e.dir.path())
        .unwrap()
        .map(|d| d.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("升级前备份-v1"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let old = Connection::open(&backups[0]).unwrap();
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup keeps the old version");
    let name: String = old
        .query_row("SELECT name FROM sector", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "教育界");
    e.ok(&["check"]);
    // The second opening has nothing to upgrade and writes no second backup.
    let again = e.run(&["sector", "list"]);
    assert!(!stderr(&again).contains("升级"));
}

#[test]
fn a_newer_file_is_refused() {
    let e = Env::init();
    e.conn().execute_batch("PRAGMA user_version = 99;").unwrap();
    let err = e.refuse(&["sector", "list"], 1);
    assert!(err.contains("比本程序支持的") && err.contains("新"), "{err}");
}

#[test]
fn a_lock_held_too_long_is_told_in_chinese_and_nothing_is_written() {
    let e = Env::fixture();
    let holder = e.conn();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let started = Instant::now();
    let out = bin()
        .env("LVZHI_BUSY_WAIT", "1")
        .arg("--db")
        .arg(&e.db)
        .args([
            "activity",
            "add",
            "research",
            "--date",
            "2023-01-01",
            "--title",
            "等待",
        ])
        .output()
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900), "it waited");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("另一个 lvzhi 命令正在写入") && err.contains("没有写入"),
        "{err}"
    );
    assert!(!err.contains("database is locked"), "{err}");
    holder.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(e.count("SELECT count(*) FROM activity WHERE title = '等待'"), 0);
}

#[test]
fn a_lock_held_briefly_is_waited_for() {
    let e = Env::fixture();
    let holder = e.conn();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let child = lvzhi(&e.db)
        .args([
            "activity",
            "add",
            "research",
            "--date",
            "2023-01-01",
            "--title",
            "等到了",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    holder.execute_batch("COMMIT;").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(e.count("SELECT count(*) FROM activity WHERE title = '等到了'"), 1);
}

/// Rounds of mixed recording commands per writer; `LVZHI_STRESS_ROUNDS` for more
/// (`bench/stress.sh`).
fn rounds(default: usize) -> usize {
    std::env::var("LVZHI_STRESS_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn four_clerks_writing_at_once_lose_nothing() {
    let e = Env::fixture();
    let n = rounds(12);
    let db = e.db.clone();
    let writers: Vec<_> = (0..4)
        .map(|k| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                let mut run = |args: &[&str]| {
                    let out = lvzhi(&db).args(args).output().unwrap();
                    if !out.status.success() {
                        failures.push(format!("{args:?}: {}", stderr(&out)));
                    }
                    String::from_utf8_lossy(&out.stdout).trim().to_string()
                };
                for i in 0..n {
                    let title = format!("调研{k}-{i}");
                    let id = run(&[
                        "activity",
                        "add",
                        "research",
                        "--date",
                        "2023-03-01",
                        "--title",
                        &title,
                    ]);
                    run(&[
                        "attend",
                        &id,
                        "--present",
                        "E002,J001",
                        "--excused",
                        "M001",
                        "--reason",
                        "出差",
                    ]);
                    let p = format!("关于第{k}组第{i}件事的提案");
                    run(&["proposal", "add", &p, "--date", "2023-01-10", "--lead", "E002"]);
                    let o = format!("关于第{k}组第{i}件事的情况反映");
                    run(&["opinion", "add", &o, "--date", "2023-02-01", "--authors", "M001"]);
                }
                failures
            })
        })
        .collect();
    let reader = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            for _ in 0..n {
                let out = lvzhi(&db)
                    .args(["report", "summary", "--year", "2023"])
                    .output()
                    .unwrap();
                if !out.status.success() {
                    failures.push(stderr(&out));
                }
            }
            failures
        })
    };
    let mut failures: Vec<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    failures.extend(reader.join().unwrap());
    assert!(failures.is_empty(), "{} failures: {failures:#?}", failures.len());
    let n = n as i64;
    assert_eq!(
        e.count("SELECT count(*) FROM activity WHERE title LIKE '调研%'"),
        4 * n
    );
    assert_eq!(
        e.count("SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.title LIKE '调研%'"),
        12 * n
    );
    assert_eq!(
        e.count("SELECT count(*) FROM proposal WHERE title LIKE '关于第%组%'"),
        4 * n
    );
    assert_eq!(
        e.count("SELECT count(*) FROM opinion WHERE title LIKE '关于第%组%'"),
        4 * n
    );
    e.ok(&["check"]);
}

/// (code, total) of every member in an assessment printed as JSON.
fn totals(out: &str) -> Vec<(String, String)> {
    let mut v: Vec<_> = json(out)
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|m| (m["code"].as_str().unwrap().to_string(), m["total"].to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn finalising_while_another_clerk_records_locks_exactly_what_it_scored() {
    let e = Env::fixture();
    e.ok(&["rules", "set", "--year", "2022", "--preset", "tongcheng-2019"]);
    let db = e.db.clone();
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = written.clone();
    let writer = std::thread::spawn(move || {
        let mut done = Vec::new();
        for i in 0..40 {
            let status = if i % 2 == 0 { "--present" } else { "--absent" };
            let out = lvzhi(&db)
                .args(["attend", "2", status, "E002,M001,L001"])
                .output()
                .unwrap();
            let err = stderr(&out);
            assert!(
                out.status.success() || err.contains("已定稿"),
                "a write failed for another reason than the final year: {err}"
            );
            assert!(!err.contains("database is locked"), "{err}");
            done.push(out.status.success());
            if out.status.success() {
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
        done
    });
    while written.load(std::sync::atomic::Ordering::SeqCst) < 3 {
        std::thread::sleep(Duration::from_millis(5));
    }
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    let done = writer.join().unwrap();
    assert!(done.iter().any(|ok| !ok), "the writer met the final year");
    // Scoring the locked records again gives exactly the stored final result.
    let rules = e.dir.path().join("r.toml");
    std::fs::write(&rules, e.ok(&["rules", "show", "--year", "2022"])).unwrap();
    let trial = e.ok(&[
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    let stored = e.ok(&["--format", "json", "report", "assessment", "--year", "2022"]);
    assert_eq!(totals(&trial), totals(&stored));
}

#[test]
fn the_demo_never_replaces_real_records_added_to_a_demo_file() {
    let e = Env::new();
    e.ok(&["demo"]);
    // A draft assessment of the demo's own records does not make it real.
    e.ok(&["assess", "--year", "2022"]);
    e.ok(&["demo"]);
    e.ok(&["member", "add", "真实", "--sector", "教育界"]);
    let err = e.refuse(&["demo"], 1);
    assert!(err.contains("真实记录"), "{err}");
    assert_eq!(e.count("SELECT count(*) FROM member WHERE name = '真实'"), 1);
}

/// Members and activities for the kill tests, and a large attendance CSV for them.
fn big_committee(e: &Env, members: usize, activities: usize) -> std::path::PathBuf {
    e.ok(&[
        "init",
        "--name",
        "测试政协",
        "--level",
        "county",
        "--term",
        "16",
        "--term-start",
        "2021",
    ]);
    e.ok(&["sector", "add", "教育界"]);
    let dir = e.dir.path();
    let mut m = String::from("编号,姓名,界别,任委员日期\n");
    for i in 0..members {
        m.push_str(&format!("K{i:05},委员{i},教育界,2021-01-01\n"));
    }
    std::fs::write(dir.join("m.csv"), m).unwrap();
    e.ok(&["import", "members", dir.join("m.csv").to_str().unwrap()]);
    let mut a = String::from("类型,名称,开始日期\n");
    for j in 0..activities {
        a.push_str(&format!(
            "research,调研{j},2022-{:02}-{:02}\n",
            j % 12 + 1,
            j % 28 + 1
        ));
    }
    std::fs::write(dir.join("a.csv"), a).unwrap();
    e.ok(&["import", "activities", dir.join("a.csv").to_str().unwrap()]);
    let mut t = String::from("活动编号,编号,出席情况\n");
    for j in 0..activities {
        for i in 0..members {
            let s = if (i + j) % 5 == 0 { "请假" } else { "出席" };
            t.push_str(&format!("{},K{i:05},{s}\n", j + 1));
        }
    }
    let p = dir.join("t.csv");
    std::fs::write(&p, t).unwrap();
    p
}

/// Kills `args` at `rounds` random moments over `full`; after each, `check` passes and `whole`
/// holds. When a run finished before its kill, the file is put back as it was before, so every
/// round can kill a write. Returns how many kills landed while the command was running.
fn kill_rounds(e: &Env, args: &[&str], full: Duration, whole: impl Fn(&Env) -> bool) -> usize {
    let pristine = e.dir.path().join("pristine.db");
    std::fs::copy(&e.db, &pristine).unwrap();
    let n = rounds(3);
    let mut landed = 0;
    for k in 1..=n {
        let after = moment(full.mul_f64(0.8), k, n);
        let finished = kill_after(&e.db, args, after);
        e.ok(&["check"]);
        assert!(whole(e), "{args:?} killed at {after:?} left a partial result");
        if finished {
            for side in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{side}", e.db.display()));
            }
            std::fs::copy(&pristine, &e.db).unwrap();
        } else {
            landed += 1;
        }
    }
    eprintln!("{args:?}: {landed} of {n} kills landed during the write");
    landed
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    let e = Env::new();
    let csv = big_committee(&e, 400, 60);
    let rows = 400 * 60;
    let csv = csv.to_str().unwrap();
    // How long a whole import takes here, on a copy.
    let copy = e.dir.path().join("copy.db");
    std::fs::copy(&e.db, &copy).unwrap();
    let started = Instant::now();
    let out = lvzhi(&copy).args(["import", "attendance", csv]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let full = started.elapsed();
    let landed = kill_rounds(&e, &["import", "attendance", csv], full, |e| {
        let n = e.count("SELECT count(*) FROM attendance");
        n == 0 || n == rows
    });
    assert!(landed > 0, "no kill landed during the import");
}

#[test]
fn an_assessment_killed_at_any_moment_leaves_all_or_nothing() {
    let e = Env::new();
    let csv = big_committee(&e, 1500, 20);
    e.ok(&["import", "attendance", csv.to_str().unwrap()]);
    e.ok(&["rules", "set", "--year", "2022", "--preset", "tongcheng-2019"]);
    let started = Instant::now();
    e.ok(&["assess", "--year", "2022"]);
    let full = started.elapsed();
    let draft = e.count("SELECT max(id) FROM assessment");
    let landed = kill_rounds(&e, &["assess", "--year", "2022", "--finalize"], full, |e| {
        // Every stored assessment is whole, and the draft is there unless a final one replaced it.
        let partial = e.count(
            "SELECT count(*) FROM assessment a
             WHERE (SELECT count(*) FROM assessment_member m WHERE m.assessment_id = a.id) <> 1500",
        );
        let current = e.count("SELECT count(*) FROM assessment WHERE status IN ('draft', 'final')");
        partial == 0 && current == 1 && e.count("SELECT min(id) FROM assessment") == draft
    });
    assert!(landed > 0, "no kill landed during the assessment");
}

#[test]
fn personal_numbers_are_masked_in_errors_and_dry_run_plans() {
    let e = Env::fixture();
    let id = "11010519491231002X";
    e.ok(&[
        "member",
        "add",
        "周平",
        "--sector",
        "教育界",
        "--code",
        "Z001",
        "--id-number",
        id,
    ]);
    let err = e.refuse(
        &["member", "add", "吴刚", "--sector", "教育界", "--id-number", id],
        1,
    );
    assert!(!err.contains(id) && err.contains("110***********002X"), "{err}");
    let bad = e.refuse(
        &[
            "member",
            "add",
            "吴刚",
            "--sector",
            "教育界",
            "--id-number",
            "110105194912310021",
        ],
        2,
    );
    assert!(!bad.contains("110105194912310021"), "{bad}");
    let csv = e.dir.path().join("m.csv");
    std::fs::write(&csv, "编号,姓名,界别,联系电话\nJ001,王芳,经济界,13900001111\n").unwrap();
    let out = e.ok(&[
        "import",
        "members",
        csv.to_str().unwrap(),
        "--update",
        "--yes",
        "--dry-run",
    ]);
    assert!(
        out.contains("139****1111") && out.contains("138****5678"),
        "{out}"
    );
    assert!(
        !out.contains("13900001111") && !out.contains("13812345678"),
        "{out}"
    );
}
