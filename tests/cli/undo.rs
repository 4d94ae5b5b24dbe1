//! `lvzhi import list` and `lvzhi import undo N`: every kind of import taken back exactly, and
//! every refusal naming its reason with the database unchanged.

use crate::common::{Env, json};

const DATA: i32 = 1;

/// The dump without the audit log and the import tables: the records themselves.
fn records(e: &Env) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in e.dump().lines() {
        if let Some(table) = line.strip_prefix("== ") {
            skip = matches!(table, "audit_log" | "import_run" | "import_image");
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn file(e: &Env, name: &str, text: &str) -> String {
    let path = e.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Runs a command that must succeed; returns its standard error.
fn told(e: &Env, args: &[&str]) -> String {
    let out = e.run(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "lvzhi {args:?} failed:\n{err}");
    err
}

/// A new member X001 and a changed phone and workplace for J001 王芳.
const MEMBERS: &str = "编号,姓名,界别,联系电话,工作单位
J001,王芳,经济界,13900001111,县财政局
X001,钱多,经济界,13700002222,县农商银行
";

/// A changed activity 1 and a new one.
const ACTIVITIES: &str = "类型,名称,开始日期,半天数,地点
视察,视察农村学校,2022-05-10,2,县城
调研,黄酒产业调研,2022-08-27,1,
";

/// New attendance at activity 2 (the bulk path) and a changed mark at activity 1.
const ATTENDANCE: &str = "activity_id,code,status
2,E002,present
2,J001,present
2,L001,excused
1,M001,present
";

/// A new proposal, and proposal 2022001's co-signer M001 replaced by J001.
const PROPOSALS: &str = "提案号,案由,年度,第一提案人,附议人
2022001,关于改善农村学校条件的提案,2022,E002,J001
2022009,关于新建县图书馆的提案,2022,M001,
";

/// A new report, and report 1's authors replaced.
const OPINIONS: &str = "标题,报送日期,第一作者,作者
关于农村学校师资的建议,2022-04-01,E002,J001
关于黄酒产业的建议,2022-06-10,M001,
";

const DONATIONS: &str = "编号,日期,金额,用途
E002,2022-09-01,100,捐资助学
J001,2022-09-02,\"1,200\",抗洪救灾
";

#[test]
fn each_kind_of_import_is_undone_exactly() {
    let e = Env::fixture();
    let cases: [(&str, &str, &str, &[&str]); 6] = [
        ("members", "m.csv", MEMBERS, &["--update", "--yes"]),
        ("activities", "a.csv", ACTIVITIES, &["--update", "--yes"]),
        ("attendance", "t.csv", ATTENDANCE, &["--update", "--yes"]),
        ("proposals", "p.csv", PROPOSALS, &["--update", "--yes"]),
        ("opinions", "o.csv", OPINIONS, &["--update", "--yes"]),
        ("donations", "d.csv", DONATIONS, &[]),
    ];
    for (n, (kind, name, text, extra)) in cases.iter().enumerate() {
        let number = (n + 1).to_string();
        let before = records(&e);
        let f = file(&e, name, text);
        let mut args = vec!["import", kind, f.as_str()];
        args.extend_from_slice(extra);
        let err = told(&e, &args);
        assert!(
            err.contains(&format!(
                "导入编号 {number}；如需撤销：lvzhi import undo {number}"
            )),
            "{kind}: {err}"
        );
        assert_ne!(before, records(&e), "{kind}: the import changed nothing");
        let err = told(&e, &["import", "undo", "--yes", &number]);
        assert!(err.contains(&format!("已撤销导入 {number}")), "{kind}: {err}");
        assert_eq!(
            before,
            records(&e),
            "{kind}: undo did not give back the records as they were"
        );
        // The import's own images go with the undo; the audit log keeps the removal.
        assert_eq!(
            e.count(&format!(
                "SELECT count(*) FROM import_image WHERE import_id = {number}"
            )),
            0
        );
        assert!(
            e.count(
                "SELECT count(*) FROM audit_log WHERE command LIKE '%import undo%' AND action = 'delete'"
            ) > 0,
            "{kind}"
        );
    }
    e.ok(&["check"]);
}

#[test]
fn images_are_kept_unmasked_and_append_only() {
    let e = Env::fixture();
    told(
        &e,
        &[
            "import",
            "members",
            &file(&e, "m.csv", MEMBERS),
            "--update",
            "--yes",
        ],
    );
    // The audit log masks the numbers; the import keeps them, so that undo restores them.
    assert_eq!(
        e.count("SELECT count(*) FROM audit_log WHERE after LIKE '%13900001111%'"),
        0
    );
    assert_eq!(
        e.count(
            "SELECT count(*) FROM import_image WHERE action = 'update' AND before LIKE '%13812345678%'
             AND after LIKE '%13900001111%'"
        ),
        1
    );
    let conn = e.conn();
    for sql in [
        "DELETE FROM import_image",
        "UPDATE import_image SET after = NULL",
        "DELETE FROM import_run",
        "UPDATE import_run SET file = 'x.csv'",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("lvzhi: import"), "{sql}: {err}");
    }
    told(&e, &["import", "undo", "--yes", "1"]);
    let phone: String = conn
        .query_row("SELECT phone FROM member WHERE code = 'J001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(phone, "13812345678");
    // Once undone, it stays so.
    let err = conn
        .execute("UPDATE import_run SET undone_at = NULL, undone_by = NULL", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("lvzhi: imports are kept"), "{err}");
}

#[test]
fn import_list_shows_numbers_counts_and_undone() {
    let e = Env::fixture();
    let f = file(&e, "m.csv", MEMBERS);
    // A dry run, and an import that writes nothing, get no number.
    e.ok(&["import", "members", &f, "--update", "--yes", "--dry-run"]);
    told(&e, &["import", "members", &f, "--update", "--yes"]);
    let err = told(&e, &["import", "members", &f, "--update", "--yes"]);
    assert!(!err.contains("导入编号"), "{err}");
    told(&e, &["import", "donations", &file(&e, "d.csv", DONATIONS)]);
    told(&e, &["import", "undo", "--yes", "1"]);
    let list = e.ok(&["--lang", "en", "--format", "csv", "--no-bom", "import", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(
        lines[0],
        "number,at,operator,kind,file,added,changed,removed,undone_at,undone_by"
    );
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[1].starts_with("1,") && lines[1].contains(",tester,members,"),
        "{list}"
    );
    assert!(
        lines[1].contains("m.csv,1,1,0,") && lines[1].ends_with(",tester"),
        "{list}"
    );
    assert!(
        lines[2].starts_with("2,") && lines[2].contains("d.csv,2,0,0,,"),
        "{list}"
    );
    let rows = json(&e.ok(&["--format", "json", "import", "list"]));
    assert_eq!(rows[0]["number"], 1);
    assert_eq!(rows[0]["kind"], "members");
    assert_eq!(rows[0]["undone_by"], "tester");
    assert_eq!(rows[1]["added"], 2);
    assert!(rows[1]["undone_at"].is_null());
    let table = e.ok(&["import", "list"]);
    assert!(
        table.contains("委员名单") && table.contains("捐款捐物"),
        "{table}"
    );
}

#[test]
fn dry_run_says_what_it_would_do_and_writes_nothing() {
    let e = Env::fixture();
    told(
        &e,
        &[
            "import",
            "members",
            &file(&e, "m.csv", MEMBERS),
            "--update",
            "--yes",
        ],
    );
    let before = e.dump();
    let out = e.run(&["import", "undo", "--yes", "1", "--dry-run"]);
    assert!(out.status.success());
    assert_eq!(before, e.dump(), "the dry run wrote something");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("删除（导入新增的）") && stdout.contains("X001 钱多"),
        "{stdout}"
    );
    assert!(
        stdout.contains("恢复（导入修改的）") && stdout.contains("J001 王芳"),
        "{stdout}"
    );
    assert!(
        stderr.contains("演练（未写入）：撤销导入 1「")
            && stderr.contains("将删除它新增的 1 行，恢复它修改的 1 行"),
        "{stderr}"
    );
    // The real undo still works afterwards.
    told(&e, &["import", "undo", "--yes", "1"]);
}

#[test]
fn a_second_undo_and_an_unknown_number_are_refused() {
    let e = Env::fixture();
    told(&e, &["import", "donations", &file(&e, "d.csv", DONATIONS)]);
    told(&e, &["import", "undo", "--yes", "1"]);
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &["导入 1 已于", "由 tester 撤销过"],
    );
    e.refuse_with(&["import", "undo", "--yes", "1", "--dry-run"], DATA, &["撤销过"]);
    e.refuse_with(
        &["import", "undo", "--yes", "7"],
        DATA,
        &["没有编号为 7 的导入", "lvzhi import list"],
    );
    e.refuse_with(
        &["--lang", "en", "import", "undo", "--yes", "7"],
        DATA,
        &["there is no import numbered 7"],
    );
}

#[test]
fn rows_changed_since_are_named() {
    let e = Env::fixture();
    told(
        &e,
        &[
            "import",
            "members",
            &file(&e, "m.csv", MEMBERS),
            "--update",
            "--yes",
        ],
    );
    e.ok(&["member", "edit", "J001", "--workplace", "县税务局"]);
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &[
            "委员 #2（J001 王芳）已被修改",
            "tester 执行的「",
            "member edit J001",
            "没有撤销任何内容",
        ],
    );
    // Changed outside lvzhi: no audit entry to name, said so.
    e.conn()
        .execute("UPDATE member SET note = '手改' WHERE code = 'X001'", [])
        .unwrap();
    e.refuse_with(
        &["--lang", "en", "import", "undo", "--yes", "1"],
        DATA,
        &[
            "2 record(s) import 1 wrote have changed since",
            "X001 钱多",
            "changed outside lvzhi",
        ],
    );
    // Changed by a later import, which can be undone first.
    let e = Env::fixture();
    told(
        &e,
        &[
            "import",
            "members",
            &file(&e, "m.csv", MEMBERS),
            "--update",
            "--yes",
        ],
    );
    let again = MEMBERS.replace("县财政局", "县审计局");
    told(
        &e,
        &[
            "import",
            "members",
            &file(&e, "m2.csv", &again),
            "--update",
            "--yes",
        ],
    );
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &[
            "委员 #2（J001 王芳）已被修改",
            "import members",
            "（导入 2 改的，可先撤销它）",
        ],
    );
    told(&e, &["import", "undo", "--yes", "2"]);
    told(&e, &["import", "undo", "--yes", "1"]);
    // Deleted since.
    let e = Env::fixture();
    told(&e, &["import", "donations", &file(&e, "d.csv", DONATIONS)]);
    e.ok(&["donation", "remove", "--yes", "1"]);
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &["捐款捐物 #1", "已被删除"],
    );
    // One row of a bulk attendance import changed since.
    let e = Env::fixture();
    told(
        &e,
        &[
            "import",
            "attendance",
            &file(&e, "t.csv", ATTENDANCE),
            "--update",
            "--yes",
        ],
    );
    e.ok(&["attend", "2", "--excused", "E002"]);
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &[
            "出席记录 #4–#6（导入时 3 行）中有记录已被修改或删除",
            "如 #4，最近一次是",
            "attend 2 --excused E002",
        ],
    );
}

#[test]
fn rows_referenced_by_later_records_are_named() {
    let e = Env::fixture();
    let roster = "编号,姓名,界别\nX001,钱多,经济界\n";
    told(&e, &["import", "members", &file(&e, "m.csv", roster)]);
    e.ok(&["attend", "1", "--present", "X001"]);
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &[
            "导入 1 不能撤销",
            "委员 #8（X001 钱多）",
            "出席记录 #4（活动 #1 视察农村学校 X001 钱多）",
            "引用",
        ],
    );
    // Records the same import added do not count: an activity with its attendance goes whole.
    let e = Env::fixture();
    let before = records(&e);
    told(
        &e,
        &[
            "import",
            "activities",
            &file(&e, "a.csv", "类型,名称,开始日期\n调研,黄酒产业调研,2022-08-27\n"),
        ],
    );
    told(
        &e,
        &[
            "import",
            "attendance",
            &file(&e, "t.csv", "编号,出席情况\nE002,出席\n"),
            "--activity",
            "4",
        ],
    );
    e.refuse_with(
        &["import", "undo", "--yes", "1"],
        DATA,
        &[
            "活动 #4（黄酒产业调研 2022-08-27）",
            "出席记录 #4",
            "（导入 2 新增的，可先撤销它）",
        ],
    );
    told(&e, &["import", "undo", "--yes", "2"]);
    told(&e, &["import", "undo", "--yes", "1"]);
    assert_eq!(before, records(&e));
}

#[test]
fn rows_in_a_finalised_year_are_refused_naming_the_year() {
    let e = Env::new();
    e.ok(&["demo"]);
    told(
        &e,
        &[
            "import",
            "activities",
            &file(
                &e,
                "a.csv",
                "类型,名称,开始日期\n调研,黄酒产业专题调研,2022-08-27\n",
            ),
        ],
    );
    let id = e
        .count("SELECT id FROM activity WHERE title = '黄酒产业专题调研'")
        .to_string();
    told(
        &e,
        &[
            "import",
            "attendance",
            &file(&e, "t.csv", "编号,出席情况\nD001,出席\nD002,出席\n"),
            "--activity",
            &id,
        ],
    );
    told(
        &e,
        &[
            "import",
            "donations",
            &file(&e, "d.csv", "编号,日期,金额,用途\nD003,2022-09-01,100,捐资助学\n"),
        ],
    );
    e.ok(&["assess", "--year", "2022", "--finalize"]);
    e.refuse_with(
        &["import", "undo", "--yes", "3"],
        DATA,
        &[
            "导入 3 不能撤销：捐款捐物 #",
            "属于 2022 年度",
            "已定稿",
            "--year 2022 --supersede",
        ],
    );
    e.refuse_with(
        &["import", "undo", "--yes", "2", "--dry-run"],
        DATA,
        &["导入 2 不能撤销：出席记录 #", "属于 2022 年度"],
    );
    e.refuse_with(
        &["--lang", "en", "import", "undo", "--yes", "2"],
        DATA,
        &[
            "import 2 cannot be undone: attendance records #",
            "belongs to 2022, whose assessment is final",
        ],
    );
}
