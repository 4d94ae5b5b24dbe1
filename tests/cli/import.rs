//! `lvzhi import`: good files in every encoding and format, every kind of bad input, and the
//! database unchanged after each failure and after a repeated import.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use rust_xlsxwriter::{Format, Formula, Workbook};

/// A temporary committee database with the standard sectors.
struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        let db = Db {
            dir: tempfile::tempdir().unwrap(),
        };
        let out = db.run(&["init", "--name", "政协测试县委员会", "--sectors", "standard"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        db
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("lvzhi")
            .unwrap()
            .current_dir(self.dir.path())
            .env_remove("LVZHI_DB")
            .arg("--db")
            .arg(self.path("t.db"))
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure that leaves the database as it was; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let before = self.dump();
        let out = self.run(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(before, self.dump(), "{args:?} changed the database");
        err
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name).display().to_string()
    }

    /// Every row of every table, in order.
    /// One number from SQL.
    fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.path("t.db")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn dump(&self) -> Vec<String> {
        let conn = rusqlite::Connection::open(self.path("t.db")).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = Vec::new();
        for t in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut s = format!("{t}:");
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        s.push_str(&format!("{v:?}|"));
                    }
                    Ok(s)
                })
                .unwrap();
            for r in rows {
                out.push(r.unwrap());
            }
        }
        out
    }

    /// Imports, then imports again and checks the second time writes nothing.
    fn import_twice(&self, kind: &str, file: &str, extra: &[&str]) -> String {
        let mut args = vec!["import", kind, file];
        args.extend_from_slice(extra);
        let first = self.run(&args);
        assert!(
            first.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&first.stderr)
        );
        let before = self.dump();
        let second = self.run(&args);
        assert!(second.status.success());
        assert_eq!(before, self.dump(), "second import of {file} wrote something");
        let err = String::from_utf8(second.stderr).unwrap();
        assert!(err.contains("新增 0，修改 0"), "{err}");
        String::from_utf8(first.stderr).unwrap()
    }
}

const ROSTER: &str = "政协测试县委员会委员名单,,,,,,,,
序号,姓名,性别,民族,出生年月,党派,界别,工作单位及职务,联系电话
1,王芳,女,汉族,1968.05,民盟盟员,民盟,县第一中学副校长,13800000001
2,李明,男,汉族,1970年3月,中共党员,中国共产党,县发改局局长,13800000002
3,张伟,男,回族,1975-06-01,无党派,无党派人士,县医院主任医师,
,,,,,,,,
,,,,,,,,
";

fn gbk(s: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::GB18030.encode(s);
    assert!(!bad);
    b.into_owned()
}

fn bom(s: &str) -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(s.as_bytes());
    v
}

fn members_list(db: &Db) -> String {
    db.ok(&["--format", "csv", "--no-bom", "member", "list"])
}

const EXPECTED_LIST: &str = "编号,姓名,性别,党派,界别,工作单位,职务,常委,状态
M0001,王芳,女,民盟盟员,民盟,县第一中学副校长,,否,在任
M0002,李明,男,中共党员,中国共产党,县发改局局长,,否,在任
M0003,张伟,男,无党派,无党派人士,县医院主任医师,,否,在任
";

#[test]
fn roster_csv_utf8_bom_and_gbk() {
    for (name, bytes) in [
        ("utf8.csv", ROSTER.as_bytes().to_vec()),
        ("bom.csv", bom(ROSTER)),
        ("gbk.csv", gbk(ROSTER)),
    ] {
        let db = Db::new();
        let f = db.write(name, &bytes);
        let err = db.import_twice("members", &f, &[]);
        assert!(err.contains("新增 3"), "{name}: {err}");
        assert_eq!(members_list(&db), EXPECTED_LIST, "{name}");
        let show = db.ok(&["--format", "json", "member", "show", "王芳"]);
        assert!(show.contains("\"birth_date\": \"1968-05\""), "{show}");
    }
}

#[test]
fn listing_csv_imports_back_unchanged() {
    let db = Db::new();
    let f = db.write("r.csv", ROSTER.as_bytes());
    db.ok(&["import", "members", &f]);
    let before = db.dump();
    for lang in ["zh", "en"] {
        let list = db.ok(&["--lang", lang, "--format", "csv", "member", "list"]);
        let f = db.write(&format!("list_{lang}.csv"), list.as_bytes());
        let err = String::from_utf8(db.run(&["import", "members", &f]).stderr).unwrap();
        assert!(err.contains("未变 3") || err.contains("3 unchanged"), "{err}");
        assert_eq!(before, db.dump());
    }
    // And into an empty database it gives the same listing.
    let list = db.ok(&["--lang", "en", "--format", "csv", "member", "list"]);
    let fresh = Db::new();
    let f = fresh.write("list.csv", list.as_bytes());
    fresh.ok(&["import", "members", &f]);
    assert_eq!(members_list(&fresh), EXPECTED_LIST);
}

fn roster_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("名单").unwrap();
    s.write_string(0, 0, "委员名单").unwrap();
    let head = [
        "编号",
        "姓名",
        "出生年月",
        "界别",
        "工作单位",
        "职务",
        "身份证号",
        "任委员日期",
    ];
    for (i, h) in head.iter().enumerate() {
        s.write_string(1, i as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    s.write_string(2, 0, "A01").unwrap();
    s.write_string(2, 1, "赵敏").unwrap();
    // 1968.05 typed into Excel becomes a number.
    s.write_number(2, 2, 1968.05).unwrap();
    s.write_string(2, 3, "教育界").unwrap();
    s.write_string(2, 4, "县第二中学").unwrap();
    s.write_string(2, 5, "校长").unwrap();
    s.write_string(2, 7, "2021-12-28").unwrap();
    s.write_string(3, 0, "A02").unwrap();
    s.write_string(3, 1, "钱进").unwrap();
    s.write_string(3, 3, "经济界").unwrap();
    s.write_string(3, 6, "11010519491231002X").unwrap();
    s.write_datetime_with_format(
        3,
        7,
        rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 12, 28).unwrap(),
        &date,
    )
    .unwrap();
    book.save(path).unwrap();
}

#[test]
fn roster_xlsx_with_ids_as_text_and_dates() {
    let db = Db::new();
    let f = db.path("r.xlsx");
    roster_xlsx(&f);
    let f = f.display().to_string();
    db.import_twice("members", &f, &[]);
    let show = db.ok(&["--format", "json", "member", "show", "A02", "--reveal"]);
    assert!(show.contains("11010519491231002X"), "{show}");
    assert!(show.contains("\"birth_date\": \"1949-12-31\""), "{show}");
    assert!(show.contains("\"gender\": \"female\""), "{show}");
    assert!(show.contains("\"joined_on\": \"2021-12-28\""), "{show}");
    let show = db.ok(&["--format", "json", "member", "show", "A01"]);
    assert!(show.contains("\"birth_date\": \"1968-05\""), "{show}");
}

/// An old-format Excel roster (.xls, made by scripts/make_roster_xls.py): title row, a birth
/// month typed as the number 1968.05, a phone typed as a number, a date cell, blank rows.
#[test]
fn roster_xls_imports_as_it_is() {
    let db = Db::new();
    let f = format!("{}/tests/data/roster.xls", env!("CARGO_MANIFEST_DIR"));
    db.import_twice("members", &f, &[]);
    let show = db.ok(&["--format", "json", "member", "show", "M0001", "--reveal"]);
    for want in [
        "\"birth_date\": \"1968-05\"",
        "\"phone\": \"13800000001\"",
        "\"joined_on\": \"2021-12-28\"",
        "\"workplace\": \"县第一中学校长\"",
        "\"party\": \"民盟盟员\"",
        "\"gender\": \"female\"",
    ] {
        assert!(show.contains(want), "{want} in {show}");
    }
    let show = db.ok(&["--format", "json", "member", "show", "M0002", "--reveal"]);
    assert!(show.contains("\"birth_date\": \"1971-03\""), "{show}");
    assert!(show.contains("\"ethnicity\": \"回族\""), "{show}");
}

#[test]
fn dry_run_writes_nothing_and_update_applies_changes() {
    let db = Db::new();
    let f = db.write("r.csv", ROSTER.as_bytes());
    let before = db.dump();
    let plan = db.ok(&["import", "members", &f, "--dry-run", "--format", "csv"]);
    assert!(plan.contains("3,新增,王芳"), "{plan}");
    assert_eq!(before, db.dump());
    db.ok(&["import", "members", &f]);
    let changed = ROSTER.replace("县第一中学副校长", "县第一中学校长");
    let f2 = db.write("r2.csv", changed.as_bytes());
    let plan = db.ok(&["import", "members", &f2, "-n", "--format", "csv"]);
    assert!(plan.contains("县第一中学副校长」→「县第一中学校长"), "{plan}");
    // Without --update the change is held back.
    let before = db.dump();
    let out = db.run(&["import", "members", &f2]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--update"));
    assert_eq!(before, db.dump());
    db.ok(&["import", "members", &f2, "--update", "--yes"]);
    assert!(members_list(&db).contains("县第一中学校长"));
    let log = db.ok(&["--format", "csv", "log"]);
    assert!(log.contains("县第一中学校长"), "audit log lacks the change");
}

#[test]
fn same_name_new_member_needs_allow_homonyms_and_ambiguous_names_fail() {
    let db = Db::new();
    let f = db.write("r.csv", ROSTER.as_bytes());
    db.ok(&["import", "members", &f]);
    let more = "编号,姓名,出生年月,界别\nM0004,王芳,1980.01,教育界\n";
    let f2 = db.write("more.csv", more.as_bytes());
    let err = db.fails(&["import", "members", &f2]);
    assert!(err.contains("同名") && err.contains("M0001"), "{err}");
    let out = db.run(&["import", "members", &f2, "--allow-homonyms"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("同名") && err.contains("M0001"), "{err}");
    // Now 王芳 names two members: a row with only the name cannot tell them apart.
    let f3 = db.write("amb.csv", "姓名,界别,职务\n王芳,民盟,主任\n".as_bytes());
    let err = db.fails(&["import", "members", &f3]);
    assert!(
        err.contains("2 位委员同名") && err.contains("M0001") && err.contains("M0004"),
        "{err}"
    );
    // Attendance by that name is ambiguous too.
    let act = db.ok(&[
        "activity",
        "add",
        "视察",
        "--date",
        "2022-05-18",
        "--title",
        "视察",
    ]);
    let f4 = db.write("att.csv", "姓名,出席情况\n王芳,出席\n".as_bytes());
    let err = db.fails(&["import", "attendance", &f4, "--activity", act.trim()]);
    assert!(err.contains("同名"), "{err}");
}

const ACTIVITIES: &str = "类型,名称,开始日期,结束日期,半天数,地点
全体会议,十六届二次会议,2022/3/5,2022年3月7日,5,县会议中心
视察,视察县行政审批服务中心,2022.5.18,,,
research,黄酒产业调研,44800,,1,
";

fn setup_records(db: &Db) {
    let f = db.write("r.csv", ROSTER.as_bytes());
    db.ok(&["import", "members", &f]);
    let f = db.write("a.csv", ACTIVITIES.as_bytes());
    db.import_twice("activities", &f, &[]);
}

#[test]
fn activities_import_with_office_dates_and_serials() {
    let db = Db::new();
    setup_records(&db);
    let list = db.ok(&["--lang", "en", "--format", "csv", "activity", "list"]);
    assert!(
        list.contains("plenary,十六届二次会议,2022-03-05,2022-03-07,5"),
        "{list}"
    );
    assert!(
        list.contains("视察县行政审批服务中心,2022-05-18,2022-05-18,1"),
        "{list}"
    );
    assert!(list.contains("黄酒产业调研,2022-08-27"), "{list}");
    // The listing imports back unchanged.
    for lang in ["zh", "en"] {
        let list = db.ok(&["--lang", lang, "--format", "csv", "activity", "list"]);
        let f = db.write("list.csv", list.as_bytes());
        db.import_twice("activities", &f, &[]);
    }
}

const SIGN_IN: &str = "活动名称,日期,姓名,出席情况,请假事由
十六届二次会议,2022-03-05,王芳,出席,
十六届二次会议,2022-03-05,李明,请假,出差
十六届二次会议,2022-03-05,张伟,缺席,
视察县行政审批服务中心,2022-05-18,王芳,出席,
";

#[test]
fn attendance_csv_utf8_bom_gbk_and_xlsx() {
    for (name, bytes) in [
        ("utf8.csv", SIGN_IN.as_bytes().to_vec()),
        ("bom.csv", bom(SIGN_IN)),
        ("gbk.csv", gbk(SIGN_IN)),
    ] {
        let db = Db::new();
        setup_records(&db);
        let f = db.write(name, &bytes);
        let err = db.import_twice("attendance", &f, &[]);
        assert!(err.contains("新增 4"), "{name}: {err}");
        let show = db.ok(&["--format", "json", "activity", "show", "1"]);
        assert!(show.contains("\"leave_reason\": \"出差\""), "{show}");
        assert!(show.contains("\"status\": \"absent\""), "{show}");
    }
    // xlsx with codes and one fixed activity.
    let db = Db::new();
    setup_records(&db);
    let path = db.path("sign.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (i, h) in ["序号", "编号", "姓名", "出席情况", "出席半天数"]
        .iter()
        .enumerate()
    {
        s.write_string(0, i as u16, *h).unwrap();
    }
    for (r, (code, name, st, h)) in [("M0001", "王芳", "出席", 5.0), ("M0002", "李明", "迟到", 4.0)]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        s.write_number(r, 0, r as f64).unwrap();
        s.write_string(r, 1, *code).unwrap();
        s.write_string(r, 2, *name).unwrap();
        s.write_string(r, 3, *st).unwrap();
        s.write_number(r, 4, *h).unwrap();
    }
    book.save(&path).unwrap();
    let f = path.display().to_string();
    db.import_twice("attendance", &f, &["--activity", "1"]);
    let show = db.ok(&["--format", "json", "activity", "show", "1"]);
    assert!(show.contains("\"status\": \"late\""), "{show}");
    // The audit log holds one summary entry for the inserted rows.
    let log = db.ok(&["--format", "csv", "log"]);
    assert!(log.contains("inserted") && log.contains("2"), "{log}");
}

#[test]
fn attendance_changes_need_update() {
    let db = Db::new();
    setup_records(&db);
    let f = db.write("s.csv", SIGN_IN.as_bytes());
    db.ok(&["import", "attendance", &f]);
    let f2 = db.write("s2.csv", SIGN_IN.replace("张伟,缺席", "张伟,请假").as_bytes());
    let before = db.dump();
    let plan = db.ok(&["import", "attendance", &f2, "-n", "--format", "csv"]);
    assert!(plan.contains("张伟：缺席 0 半天 → 请假 0 半天"), "{plan}");
    db.ok(&["import", "attendance", &f2]);
    assert_eq!(before, db.dump());
    db.ok(&["import", "attendance", &f2, "--update", "--yes"]);
    let show = db.ok(&["--format", "json", "activity", "show", "1"]);
    assert!(!show.contains("absent"), "{show}");
}

#[test]
fn bad_csv_inputs_name_the_cell_and_write_nothing() {
    let db = Db::new();
    setup_records(&db);
    let cases: &[(&str, &str, &[u8], &[&str])] = &[
        ("members", "empty.csv", b"", &["是空的"]),
        ("members", "blank.csv", b"\n\n  \n", &["是空的"]),
        ("members", "header_only.csv", "姓名,界别\n".as_bytes(), &["只有表头"]),
        (
            "members",
            "missing.csv",
            "姓名,性别\n孙丽,女\n".as_bytes(),
            &["缺少必需的列「界别」"],
        ),
        (
            "members",
            "unknown_col.csv",
            "姓名,界别,爱好\n孙丽,教育界,游泳\n".as_bytes(),
            &["C列「爱好」", "不认识的列"],
        ),
        (
            "members",
            "dup.csv",
            "姓名,出生年月,界别\n孙丽,1970.1.1,教育界\n孙丽,1970-01-01,教育界\n".as_bytes(),
            &["第 3 行", "与第 2 行重复"],
        ),
        (
            "members",
            "sector.csv",
            "姓名,界别\n孙丽,天文界\n周强,火星界\n".as_bytes(),
            &["第 2 行 B列「界别」，值「天文界」", "第 3 行 B列「界别」，值「火星界」", "2 处错误"],
        ),
        (
            "members",
            "date.csv",
            "姓名,界别,任委员日期\n孙丽,教育界,2022-02-30\n".as_bytes(),
            &["C列「任委员日期」，值「2022-02-30」", "这一天不存在"],
        ),
        (
            "members",
            "gender.csv",
            "姓名,界别,性别\n孙丽,教育界,未知\n".as_bytes(),
            &["「性别」的值「未知」无效"],
        ),
        (
            "members",
            "na.csv",
            "姓名,界别,民族\n孙丽,教育界,#N/A\n".as_bytes(),
            &["值「#N/A」", "错误值"],
        ),
        (
            "members",
            "binary.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            &["不是可以导入的表格文件"],
        ),
        (
            "activities",
            "kind.csv",
            "类型,名称,开始日期\n联欢,新春联欢,2022-01-20\n".as_bytes(),
            &["A列「类型」，值「联欢」", "活动类型不存在"],
        ),
        (
            "attendance",
            "member.csv",
            "活动名称,日期,姓名,出席情况\n十六届二次会议,2022-03-05,无名氏,出席\n".as_bytes(),
            &["C列「姓名」，值「无名氏」", "没有这个姓名的委员"],
        ),
        (
            "attendance",
            "status.csv",
            "活动名称,日期,姓名,出席情况\n十六届二次会议,2022-03-05,王芳,到了\n十六届二次会议,2022-03-05,李明,出席\n"
                .as_bytes(),
            &["D列「出席情况」，值「到了」"],
        ),
        (
            "attendance",
            "dup_att.csv",
            "活动名称,日期,姓名,出席情况\n十六届二次会议,2022-03-05,王芳,出席\n十六届二次会议,2022-03-05,王芳,请假\n"
                .as_bytes(),
            &["第 3 行", "与第 2 行重复"],
        ),
        (
            "attendance",
            "act.csv",
            "活动名称,日期,姓名\n不存在的会,2022-03-05,王芳\n".as_bytes(),
            &["没有这个名称的活动"],
        ),
    ];
    for (kind, name, bytes, expect) in cases {
        let f = db.write(name, bytes);
        let err = db.fails(&["import", kind, &f]);
        for e in *expect {
            assert!(err.contains(e), "{name}: expected «{e}» in:\n{err}");
        }
        assert!(err.contains(name), "{name}: the message names the file:\n{err}");
    }
}

#[test]
fn mixed_encodings_are_refused() {
    let db = Db::new();
    let mut bytes = "姓名,界别\n孙丽,教育界\n".as_bytes().to_vec();
    bytes.extend(gbk("周强,教育界\n"));
    let f = db.write("mixed.csv", &bytes);
    let err = db.fails(&["import", "members", &f]);
    assert!(
        err.contains("混用了两种编码") && err.contains("第 1 行") && err.contains("第 3 行"),
        "{err}"
    );
    // Forcing UTF-8 on a GBK file is refused too.
    let f = db.write("g.csv", &gbk("姓名,界别\n周强,教育界\n"));
    let err = db.fails(&["import", "members", &f, "--encoding", "utf-8"]);
    assert!(err.contains("不是 UTF-8"), "{err}");
}

#[test]
fn bad_workbooks_are_refused() {
    let db = Db::new();
    setup_records(&db);
    // A formula and a number that lost the digits of an ID.
    let path = db.path("f.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (i, h) in ["姓名", "界别", "工作单位", "身份证号"].iter().enumerate() {
        s.write_string(0, i as u16, *h).unwrap();
    }
    s.write_string(1, 0, "孙丽").unwrap();
    s.write_string(1, 1, "教育界").unwrap();
    s.write_formula(1, 2, Formula::new("=A2&\"单位\"").set_result("孙丽单位"))
        .unwrap();
    s.write_string(2, 0, "周强").unwrap();
    s.write_string(2, 1, "教育界").unwrap();
    s.write_number(2, 3, 110105194912310020.0).unwrap();
    book.save(&path).unwrap();
    let f = path.display().to_string();
    let err = db.fails(&["import", "members", &f]);
    assert!(
        err.contains("第 2 行 C列「工作单位」") && err.contains("公式"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行 D列「身份证号」") && err.contains("末几位已丢失"),
        "{err}"
    );
    // Truncated and fake workbooks.
    let bytes = std::fs::read(&path).unwrap();
    let t = db.write("cut.xlsx", &bytes[..bytes.len() / 2]);
    let err = db.fails(&["import", "members", &t]);
    assert!(
        err.contains("不是可以导入的表格文件") && err.contains("不完整"),
        "{err}"
    );
    let t = db.write("fake.xlsx", "姓名,界别\n".as_bytes());
    let err = db.fails(&["import", "members", &t]);
    assert!(err.contains("不是可以导入的表格文件"), "{err}");
    let t = db.write("fake.xls", b"\x00\x01\x02garbage");
    db.fails(&["import", "members", &t]);
}

#[test]
fn english_messages() {
    let db = Db::new();
    let f = db.write("s.csv", "name,sector\nSun Li,No such sector\n".as_bytes());
    let err = db.fails(&["--lang", "en", "import", "members", &f]);
    assert!(
        err.contains("row 2, column B 'sector', value 'No such sector': unknown sector"),
        "{err}"
    );
}

/// A CSV template with its example row made a real one: 序号 1 and a code a member may have.
fn filled_in(db: &Db, template: &str) -> String {
    let text = std::fs::read_to_string(template).unwrap();
    let text = text
        .replacen("\n示例,", "\n1,", 1)
        .replacen("\nexample,", "\n1,", 1)
        .replace("示例-0001", "M0009");
    db.write("filled.csv", text.as_bytes())
}

#[test]
fn templates_import_as_they_are() {
    for kind in ["members", "activities"] {
        for ext in ["xlsx", "csv"] {
            let db = Db::new();
            let out = db.path(&format!("{kind}.{ext}")).display().to_string();
            db.ok(&["import", "template", kind, "-o", &out]);
            // As it is: the example row is skipped with a note.
            let run = db.run(&["import", kind, &out, "-n", "--format", "csv"]);
            let err = String::from_utf8_lossy(&run.stderr);
            assert!(run.status.success(), "{kind}.{ext}: {err}");
            assert!(
                err.contains("第 2 行是模板的示例行，已跳过"),
                "{kind}.{ext}: {err}"
            );
            assert!(!String::from_utf8_lossy(&run.stdout).contains("新增"));
            // Filled in with the example's values: every header and value is understood.
            if ext == "csv" {
                let f = filled_in(&db, &out);
                let plan = db.ok(&["import", kind, &f, "-n", "--format", "csv"]);
                assert!(plan.contains("新增"), "{kind}.{ext}: {plan}");
            }
        }
    }
    let db = Db::new();
    let out = db.path("att_en.csv").display().to_string();
    db.ok(&["--lang", "en", "import", "template", "attendance", "-o", &out]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("seq,activity_id,activity,date,kind,code,name,status,half_days"),
        "{text}"
    );
    assert!(text.contains("\nexample,1,"), "{text}");
}

const PROPOSALS: &str = "提案号,案由,年度,提交日期,第一提案人,附议人,提出单位,主要成员,阶段,重点,承办单位
2022001,关于加快农村学校建设的提案,2022,2022-03-05,王芳,李明、张伟,,,立案,是,县教育局
2022002,关于黄酒产业发展的提案,2022,2022/3/6,M0002,,,,已提交,,
,关于土地利用规划的提案,2022,,,,提案委员会,张伟；王芳,不予立案,,
";

const OPINIONS: &str = "编号,标题,报送日期,第一作者,作者,采用,采用日期,领导批示,批示领导
SQ001,关于黄酒产业发展的建议,2022-06-10,王芳,李明,市级、省级,2022-07-01,,
SQ002,关于农村学校的建议,2022年6月12日,,张伟、王芳,city,,county,县长
";

/// The roster and an organisation for collective proposals.
fn setup_authors(db: &Db) {
    let f = db.write("r.csv", ROSTER.as_bytes());
    db.ok(&["import", "members", &f]);
    db.ok(&["org", "add", "提案委员会"]);
}

fn check_proposals(db: &Db, name: &str) {
    let list = db.ok(&["--lang", "en", "--format", "csv", "--no-bom", "proposal", "list"]);
    assert!(
        list.contains(
            "2022001,关于加快农村学校建设的提案,2022,joint,王芳,,3,filed,true,false,false,县教育局"
        ),
        "{name}: {list}"
    );
    assert!(
        list.contains("2022002,关于黄酒产业发展的提案,2022,individual,李明,,1,submitted"),
        "{name}: {list}"
    );
    assert!(
        list.contains(",关于土地利用规划的提案,2022,collective,,提案委员会,2,not_filed"),
        "{name}: {list}"
    );
}

#[test]
fn proposals_csv_utf8_bom_gbk_and_xlsx() {
    for (name, bytes) in [
        ("utf8.csv", PROPOSALS.as_bytes().to_vec()),
        ("bom.csv", bom(PROPOSALS)),
        ("gbk.csv", gbk(PROPOSALS)),
    ] {
        let db = Db::new();
        setup_authors(&db);
        let f = db.write(name, &bytes);
        let err = db.import_twice("proposals", &f, &[]);
        assert!(err.contains("新增 3"), "{name}: {err}");
        check_proposals(&db, name);
    }
    // xlsx with the year as a number and English headers.
    let db = Db::new();
    setup_authors(&db);
    let path = db.path("p.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let rows: &[&[&str]] = &[
        &[
            "number",
            "title",
            "year",
            "lead",
            "cosigners",
            "org",
            "main_members",
            "stage",
            "key",
            "handling_unit",
        ],
        &[
            "2022001",
            "关于加快农村学校建设的提案",
            "",
            "王芳",
            "李明, 张伟",
            "",
            "",
            "filed",
            "yes",
            "县教育局",
        ],
        &[
            "2022002",
            "关于黄酒产业发展的提案",
            "",
            "李明",
            "",
            "",
            "",
            "submitted",
            "",
            "",
        ],
        &[
            "",
            "关于土地利用规划的提案",
            "",
            "",
            "",
            "提案委员会",
            "张伟;王芳",
            "not_filed",
            "",
            "",
        ],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if r > 0 && c == 2 {
                s.write_number(r as u32, 2, 2022.0).unwrap();
            } else if !v.is_empty() {
                s.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    db.import_twice("proposals", &path.display().to_string(), &[]);
    check_proposals(&db, "xlsx");
    // The listing imports back unchanged, in both languages.
    for lang in ["zh", "en"] {
        let list = db.ok(&["--lang", lang, "--format", "csv", "proposal", "list"]);
        let f = db.write("list.csv", list.as_bytes());
        let before = db.dump();
        let err = String::from_utf8(db.run(&["import", "proposals", &f]).stderr).unwrap();
        assert!(err.contains("未变 3"), "{lang}: {err}");
        assert_eq!(before, db.dump());
    }
}

#[test]
fn proposal_changes_need_update_and_are_audited() {
    let db = Db::new();
    setup_authors(&db);
    let f = db.write("p.csv", PROPOSALS.as_bytes());
    db.ok(&["import", "proposals", &f]);
    let changed = PROPOSALS.replace("M0002,,,,已提交", "M0002,,,,立案");
    let f2 = db.write("p2.csv", changed.as_bytes());
    let before = db.dump();
    let plan = db.ok(&["import", "proposals", &f2, "-n", "--format", "csv"]);
    assert!(plan.contains("阶段：「已提交」→「立案」"), "{plan}");
    assert_eq!(before, db.dump());
    let out = db.run(&["import", "proposals", &f2]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--update"));
    assert_eq!(before, db.dump());
    db.ok(&["import", "proposals", &f2, "--update", "--yes"]);
    let show = db.ok(&["--format", "json", "proposal", "show", "2022002"]);
    assert!(show.contains("\"stage\": \"filed\""), "{show}");
    let log = db.ok(&["--format", "csv", "log"]);
    assert!(
        log.contains("import proposals") || log.contains("proposal"),
        "{log}"
    );
}

/// A file with a co-signer column gives whole author sets: a changed set is shown in the plan,
/// held without `--update`, replaced (and audited) with it. A listing without that column only
/// gets a note.
#[test]
fn proposal_authors_are_replaced_from_files_with_whole_author_sets() {
    let db = Db::new();
    setup_authors(&db);
    db.ok(&["import", "proposals", &db.write("p.csv", PROPOSALS.as_bytes())]);
    let changed = PROPOSALS.replace("王芳,李明、张伟,", "王芳,张伟,");
    let f2 = db.write("p2.csv", changed.as_bytes());
    let before = db.dump();
    let plan = db.ok(&["import", "proposals", &f2, "-n", "--format", "csv"]);
    assert!(
        plan.contains(
            "提案人：「联名，第一提案人 王芳，附议人 李明、张伟」→「联名，第一提案人 王芳，附议人 张伟」"
        ),
        "{plan}"
    );
    let out = db.run(&["import", "proposals", &f2]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--update"));
    assert_eq!(before, db.dump());
    db.ok(&["import", "proposals", &f2, "--update", "--yes"]);
    let show = db.ok(&["--format", "json", "proposal", "show", "2022001"]);
    assert!(!show.contains("李明"), "{show}");
    assert!(show.contains("张伟"), "{show}");
    let log = db.ok(&[
        "--lang",
        "en",
        "--format",
        "csv",
        "log",
        "--table",
        "proposal_author",
    ]);
    assert!(log.contains("delete"), "{log}");
    // Once applied, the same file changes nothing.
    db.import_twice("proposals", &f2, &["--update", "--yes"]);
    // A co-signer named twice is refused like `proposal authors` refuses it.
    let twice = changed.replace("王芳,张伟,", "王芳,张伟、张伟,");
    let before = db.dump();
    let err = db.fails(&[
        "import",
        "proposals",
        &db.write("p3.csv", twice.as_bytes()),
        "--update",
        "--yes",
    ]);
    assert!(err.contains("第 2 行") && err.contains("两次"), "{err}");
    assert_eq!(before, db.dump());
    // A listing has no co-signer column: a different lead is a note, and nothing changes.
    let listing = "number,title,year,lead\n2022001,关于加快农村学校建设的提案,2022,李明\n";
    let out = db.run(&[
        "import",
        "proposals",
        &db.write("l.csv", listing.as_bytes()),
        "--update",
        "--yes",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("导入不修改这些项"));
    assert_eq!(before, db.dump());
}

/// With an authors column a report's author list is compared and replaced with `--update`;
/// a file with only the lead column gets a note.
#[test]
fn opinion_authors_are_replaced_from_files_with_an_authors_column() {
    let db = Db::new();
    setup_authors(&db);
    db.ok(&["import", "opinions", &db.write("o.csv", OPINIONS.as_bytes())]);
    let changed = OPINIONS.replace("2022-06-10,王芳,李明,", "2022-06-10,王芳,张伟,");
    let f2 = db.write("o2.csv", changed.as_bytes());
    let before = db.dump();
    let plan = db.ok(&["import", "opinions", &f2, "-n", "--format", "csv"]);
    assert!(plan.contains("作者：「王芳、李明」→「王芳、张伟」"), "{plan}");
    let out = db.run(&["import", "opinions", &f2]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--update"));
    assert_eq!(before, db.dump());
    db.ok(&["import", "opinions", &f2, "--update", "--yes"]);
    let show = db.ok(&["--format", "json", "opinion", "show", "SQ001"]);
    assert!(!show.contains("李明") && show.contains("张伟"), "{show}");
    db.import_twice("opinions", &f2, &["--update", "--yes"]);
    // Offices often list the lead again among the authors: the same list, nothing to change.
    let again = changed.replace("2022-06-10,王芳,张伟,", "2022-06-10,王芳,王芳、张伟,");
    let before = db.dump();
    let out = db.run(&[
        "import",
        "opinions",
        &db.write("o3.csv", again.as_bytes()),
        "--update",
        "--yes",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("修改 0"));
    assert_eq!(before, db.dump());
    // Only a lead column: a different lead is a note, nothing changes.
    let listing = "number,title,submitted_on,lead\nSQ001,关于黄酒产业发展的建议,2022-06-10,李明\n";
    let out = db.run(&[
        "import",
        "opinions",
        &db.write("l.csv", listing.as_bytes()),
        "--update",
        "--yes",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("导入不修改作者"));
    assert_eq!(before, db.dump());
}

#[test]
fn opinions_csv_utf8_gbk_xlsx_and_update() {
    for (name, bytes) in [
        ("utf8.csv", OPINIONS.as_bytes().to_vec()),
        ("gbk.csv", gbk(OPINIONS)),
    ] {
        let db = Db::new();
        setup_authors(&db);
        let f = db.write(name, &bytes);
        let err = db.import_twice("opinions", &f, &[]);
        assert!(err.contains("新增 2"), "{name}: {err}");
        let show = db.ok(&["--format", "json", "opinion", "show", "SQ001"]);
        assert_eq!(adopted_codes(&show), ["city", "province"], "{show}");
        assert!(show.contains("2022-07-01"), "{show}");
        let show = db.ok(&["--format", "json", "opinion", "show", "SQ002"]);
        assert!(
            show.contains("\"lead\": \"张伟\"") && show.contains("县长"),
            "{show}"
        );
        assert_eq!(
            crate::common::json(&show)["opinion"]["instructed"][0]["code"],
            "county",
            "{show}"
        );
        // The listing imports back unchanged.
        for lang in ["zh", "en"] {
            let list = db.ok(&["--lang", lang, "--format", "csv", "opinion", "list"]);
            let f = db.write("list.csv", list.as_bytes());
            let before = db.dump();
            let err = String::from_utf8(db.run(&["import", "opinions", &f]).stderr).unwrap();
            assert!(err.contains("未变 2"), "{lang}: {err}");
            assert_eq!(before, db.dump());
        }
        // A new adoption level is a change, applied with --update.
        let more = OPINIONS.replace(
            "SQ002,关于农村学校的建议,2022年6月12日,,张伟、王芳,city",
            "SQ002,关于农村学校的建议,2022年6月12日,,张伟、王芳,city、全国",
        );
        let f = db.write("more.csv", more.as_bytes());
        let before = db.dump();
        db.ok(&["import", "opinions", &f]);
        assert_eq!(before, db.dump());
        db.ok(&["import", "opinions", &f, "--update", "--yes"]);
        let show = db.ok(&["--format", "json", "opinion", "show", "SQ002"]);
        assert_eq!(adopted_codes(&show), ["city", "national"], "{show}");
    }
    let db = Db::new();
    setup_authors(&db);
    let path = db.path("o.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["number", "title", "submitted_on", "authors", "adopted"]
        .iter()
        .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "SQ001").unwrap();
    s.write_string(1, 1, "关于黄酒产业发展的建议").unwrap();
    s.write_number_with_format(1, 2, 44722.0, &date).unwrap(); // 2022-06-10
    s.write_string(1, 3, "王芳、李明").unwrap();
    s.write_string(1, 4, "省级").unwrap();
    book.save(&path).unwrap();
    db.import_twice("opinions", &path.display().to_string(), &[]);
    let show = db.ok(&["--format", "json", "opinion", "show", "SQ001"]);
    assert!(
        show.contains("\"submitted_on\": \"2022-06-10\"") && show.contains("\"lead\": \"王芳\""),
        "{show}"
    );
}

#[test]
fn bad_proposals_and_opinions_name_the_cell_and_write_nothing() {
    let db = Db::new();
    setup_authors(&db);
    let p_head = "提案号,案由,年度,第一提案人,附议人,类型,提出单位,阶段,重点\n";
    let o_head = "编号,标题,报送日期,第一作者,作者,采用\n";
    let cases: &[(&str, &str, String, &[&str])] = &[
        (
            "proposals",
            "stage.csv",
            format!("{p_head}1,案一,2022,王芳,,,,完成,\n"),
            &["第 2 行", "阶段", "完成", "立案(filed)"],
        ),
        (
            "proposals",
            "unknown.csv",
            format!("{p_head}1,案一,2022,赵六,,,,,\n"),
            &["D列「第一提案人」", "委员「赵六」不存在"],
        ),
        (
            "proposals",
            "nolead.csv",
            format!("{p_head}1,案一,2022,,,,,,\n"),
            &["第一提案人", "缺少第一提案人"],
        ),
        (
            "proposals",
            "twoleads.csv",
            format!("{p_head}1,案一,2022,王芳、李明,,,,,\n"),
            &["只能有一位第一提案人"],
        ),
        (
            "proposals",
            "collective.csv",
            format!("{p_head}1,案一,2022,,,集体,,,\n"),
            &["G列「提出单位」", "集体提案必须写明"],
        ),
        (
            "proposals",
            "cosigner.csv",
            format!("{p_head}1,案一,2022,王芳,某某,,,,\n"),
            &["E列「附议人」", "某某"],
        ),
        (
            "proposals",
            "dup.csv",
            format!("{p_head}1,案一,2022,王芳,,,,,\n1,案二,2022,李明,,,,,\n"),
            &["第 3 行", "与第 2 行重复"],
        ),
        (
            "proposals",
            "dup_title.csv",
            format!("{p_head},案一,2022,王芳,,,,,\n,案一,2022,李明,,,,,\n"),
            &["与第 2 行重复"],
        ),
        (
            "proposals",
            "year.csv",
            format!("{p_head}1,案一,二〇二二,王芳,,,,,\n"),
            &["C列「年度」"],
        ),
        // Found only by the storage checks: a key proposal must be filed. The first row is
        // fine, and is not kept either.
        (
            "proposals",
            "key.csv",
            format!("{p_head}1,案一,2022,王芳,,,,,\n2,案二,2022,李明,,,,已提交,是\n"),
            &["第 3 行", "只有立案的提案才能评为重点"],
        ),
        (
            "opinions",
            "level.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳,,市级、乡级\n"),
            &["F列「采用」", "乡级"],
        ),
        (
            "opinions",
            "twice.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳,,市级、city\n"),
            &["市级采用写了两次"],
        ),
        (
            "opinions",
            "unknown.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳,赵六,\n"),
            &["E列「作者」", "赵六"],
        ),
        (
            "opinions",
            "twoleads.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳、李明,,\n"),
            &["第一作者只能有一位"],
        ),
        (
            "opinions",
            "noauthor.csv",
            format!("{o_head}1,信息一,2022-06-10,,,\n"),
            &["没有作者"],
        ),
        (
            "opinions",
            "dup.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳,,\n1,信息二,2022-06-11,李明,,\n"),
            &["第 3 行", "与第 2 行重复"],
        ),
        (
            "opinions",
            "date.csv",
            format!("{o_head}1,信息一,2022-13-10,王芳,,\n"),
            &["C列「报送日期」"],
        ),
        // An adoption before the report was sent: refused by the storage checks.
        (
            "opinions",
            "early.csv",
            format!("{o_head}1,信息一,2022-06-10,王芳,,市级\n")
                .replace("采用\n", "采用,采用日期\n")
                .replace("市级\n", "市级,2022-01-01\n"),
            &["第 2 行"],
        ),
    ];
    for (kind, name, body, wants) in cases {
        let f = db.write(name, body.as_bytes());
        let err = db.fails(&["import", kind, &f]);
        for w in *wants {
            assert!(err.contains(w), "{name}: want {w:?} in\n{err}");
        }
        // A dry run finds the same problems.
        let err2 = db.fails(&["import", kind, &f, "--dry-run"]);
        assert_eq!(err, err2, "{name}");
    }
    // An ambiguous name: a second 王芳.
    let f = db.write(
        "more.csv",
        "编号,姓名,出生年月,界别\nM0004,王芳,1980.01,教育界\n".as_bytes(),
    );
    db.ok(&["import", "members", &f, "--allow-homonyms"]);
    for (kind, body) in [
        ("proposals", format!("{p_head}1,案一,2022,王芳,,,,,\n")),
        ("opinions", format!("{o_head}1,信息一,2022-06-10,王芳,,\n")),
    ] {
        let f = db.write("amb.csv", body.as_bytes());
        let err = db.fails(&["import", kind, &f]);
        assert!(err.contains("2 位委员同名") && err.contains("M0004"), "{err}");
    }
    // English.
    let f = db.write(
        "en.csv",
        format!("{p_head}1,案一,2022,M0001,,,,done,\n").as_bytes(),
    );
    let err = db.fails(&["--lang", "en", "import", "proposals", &f]);
    assert!(
        err.contains("row 2, column H '阶段', value 'done': invalid stage 'done'"),
        "{err}"
    );
}

#[test]
fn proposal_and_opinion_templates_import_as_they_are() {
    for kind in ["proposals", "opinions"] {
        for (lang, ext) in [("zh", "xlsx"), ("zh", "csv"), ("en", "csv")] {
            let db = Db::new();
            setup_authors(&db);
            let out = db.path(&format!("{kind}.{ext}")).display().to_string();
            db.ok(&["--lang", lang, "import", "template", kind, "-o", &out]);
            let before = db.dump();
            let err = db.import_twice(kind, &out, &[]);
            assert!(err.contains("是模板的示例行，已跳过"), "{kind}.{ext}: {err}");
            assert_eq!(before, db.dump(), "{kind}.{ext}: the example row was imported");
            if ext == "csv" {
                let f = filled_in(&db, &out);
                let plan = db.ok(&["import", kind, &f, "-n", "--format", "csv"]);
                assert!(plan.contains("新增"), "{kind}.{ext}: {plan}");
                db.import_twice(kind, &f, &[]);
            }
        }
    }
}

/// Rows are written while the file is still being read; a bad row near the end must still undo
/// every row written before it.
#[test]
fn a_bad_row_after_thousands_of_good_ones_leaves_nothing_behind() {
    let db = Db::new();
    let mut members = String::from("code,name,sector\n");
    for i in 1..=100 {
        members.push_str(&format!("M{i:03},委员{i},教育界\n"));
    }
    let f = db.write("m.csv", members.as_bytes());
    db.ok(&["import", "members", &f]);
    let mut acts = String::from("kind,title,start_on\n");
    for i in 1..=60 {
        acts.push_str(&format!("research,调研{i},2022-03-{:02}\n", 1 + i % 28));
    }
    let f = db.write("a.csv", acts.as_bytes());
    db.ok(&["import", "activities", &f]);
    // 60 × 100 = 6000 good rows (more than one batch sent to the writer), then one bad status.
    let mut rows = String::from("activity_id,code,status\n");
    for a in 1..=60 {
        for m in 1..=100 {
            rows.push_str(&format!("{a},M{m:03},出席\n"));
        }
    }
    let bad_line = rows.lines().count() + 1;
    rows.push_str("1,M001,迟迟\n");
    let f = db.write("att.csv", rows.as_bytes());
    let err = db.fails(&["import", "attendance", &f]);
    assert!(
        err.contains(&format!("{bad_line}")) && err.contains("迟迟"),
        "{err}"
    );
    // The same file without the bad row imports whole.
    let good: String = rows
        .lines()
        .take(bad_line - 1)
        .map(|l| format!("{l}\n"))
        .collect();
    let f = db.write("good.csv", good.as_bytes());
    db.ok(&["import", "attendance", &f]);
    let conn = rusqlite::Connection::open(db.path("t.db")).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM attendance", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 6000);
    let triggers: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'attendance_final_insert'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 1);
}

/// Duplicates are found in a file of any length (with bounded memory while writing), each with
/// the row it repeats, also among rows already stored.
#[test]
fn duplicates_far_apart_are_reported_with_the_rows_they_repeat() {
    let db = Db::new();
    let mut members = String::from("code,name,sector\n");
    for i in 1..=100 {
        members.push_str(&format!("M{i:03},委员{i},教育界\n"));
    }
    db.ok(&["import", "members", &db.write("m.csv", members.as_bytes())]);
    let mut acts = String::from("kind,title,start_on\n");
    for i in 1..=60 {
        acts.push_str(&format!("research,调研{i},2022-04-{:02}\n", 1 + i % 28));
    }
    db.ok(&["import", "activities", &db.write("a.csv", acts.as_bytes())]);
    let mut rows = String::from("activity_id,code\n");
    for a in 1..=60 {
        for m in 1..=100 {
            rows.push_str(&format!("{a},M{m:03}\n"));
        }
    }
    // Row 2 is (1, M001) and row 5002 is (51, M001).
    rows.push_str("1,M001\n51,M001\n");
    let last = rows.lines().count();
    let err = db.fails(&["import", "attendance", &db.write("d.csv", rows.as_bytes())]);
    assert!(
        err.contains(&format!("第 {} 行", last - 1)) && err.contains("与第 2 行重复"),
        "{err}"
    );
    assert!(
        err.contains(&format!("第 {last} 行")) && err.contains("与第 5002 行重复"),
        "{err}"
    );
    // Against stored rows: import the first activity, then a file repeating one of its rows.
    let first: String = rows.lines().take(101).map(|l| format!("{l}\n")).collect();
    db.ok(&["import", "attendance", &db.write("first.csv", first.as_bytes())]);
    let again = format!("{first}1,M050\n");
    let err = db.fails(&["import", "attendance", &db.write("again.csv", again.as_bytes())]);
    assert!(
        err.contains("第 102 行") && err.contains("与第 51 行重复"),
        "{err}"
    );
}

const DONATIONS: &str = "捐款捐物名单,,,,
姓名,金额（元）,日期,用途,类别,备注
王芳,\"1,200\",2022/10/20,抗疫慰问,捐款,
M0002,0.5万,2022年10月21日,抗疫物资,捐物,口罩
,,,,,
";

#[test]
fn donations_csv_utf8_gbk_xlsx_round_trip_and_bad_cells() {
    for (name, bytes) in [
        ("utf8.csv", DONATIONS.as_bytes().to_vec()),
        ("bom.csv", bom(DONATIONS)),
        ("gbk.csv", gbk(DONATIONS)),
    ] {
        let db = Db::new();
        setup_authors(&db);
        db.import_twice("donations", &db.write(name, &bytes), &[]);
        let l = db.ok(&["--lang", "en", "--format", "csv", "--no-bom", "donation", "list"]);
        assert!(
            l.contains("2022-10-20,M0001,王芳,民盟,money,1200.00,抗疫慰问"),
            "{name}: {l}"
        );
        assert!(
            l.contains("2022-10-21,M0002,李明,中国共产党,goods,5000.00,抗疫物资,,口罩"),
            "{name}: {l}"
        );
    }
    // A workbook with the amount typed as a number, and a listing imported back unchanged.
    let db = Db::new();
    setup_authors(&db);
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    for (i, h) in ["编号", "日期", "金额", "用途或事由"].iter().enumerate() {
        s.write_string(0, i as u16, *h).unwrap();
    }
    s.write_string(1, 0, "M0003").unwrap();
    s.write_string(1, 1, "2022-09-01").unwrap();
    s.write_number(1, 2, 2500.5).unwrap();
    s.write_string(1, 3, "捐资助学").unwrap();
    let f = db.path("d.xlsx");
    book.save(&f).unwrap();
    db.import_twice("donations", &f.display().to_string(), &[]);
    assert_eq!(db.count("SELECT amount_fen FROM donation"), 250_050);
    let before = db.dump();
    for lang in ["zh", "en"] {
        let list = db.ok(&["--lang", lang, "--format", "csv", "donation", "list"]);
        let f = db.write(&format!("list_{lang}.csv"), list.as_bytes());
        let err = String::from_utf8(db.run(&["import", "donations", &f]).stderr).unwrap();
        assert!(err.contains("未变 1") || err.contains("1 unchanged"), "{err}");
        assert_eq!(before, db.dump());
    }
    // A changed note needs --update.
    let f = db.write(
        "note.csv",
        "编号,日期,金额,用途或事由,备注\nM0003,2022-09-01,2500.50,捐资助学,县一中\n".as_bytes(),
    );
    let plan = db.ok(&["import", "donations", &f, "-n", "--format", "csv"]);
    assert!(plan.contains("备注：「」→「县一中」"), "{plan}");
    assert_eq!(before, db.dump());
    db.ok(&["import", "donations", &f, "--update", "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM donation WHERE note = '县一中'"), 1);
    // Bad cells: every one reported, nothing written.
    let bad = "姓名,金额,日期,用途\n王芳,abc,2022-10-20,助学\n赵六,5,2022-10-20,助学\n王芳,5,2022-13-01,助学\n王芳,5,2022-10-20,\n王芳,5,2022-10-20,助学\n王芳,5,2022-10-20,助学\n";
    let before = db.dump();
    let err = db.fails(&["import", "donations", &db.write("bad.csv", bad.as_bytes())]);
    for want in [
        "第 2 行 B列「金额」，值「abc」",
        "第 3 行 A列「姓名」，值「赵六」",
        "第 4 行 C列「日期」，值「2022-13-01」",
        "第 5 行 D列「用途」",
        "第 7 行",
        "与第 6 行重复",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert_eq!(before, db.dump());
    // Missing columns: the amount, and any way to name the member.
    for (file, want) in [
        ("姓名,日期,用途\n王芳,2022-10-20,助学\n", "缺少必需的列「金额」"),
        ("金额,日期,用途\n5,2022-10-20,助学\n", "缺少委员列"),
    ] {
        let err = db.fails(&["import", "donations", &db.write("cols.csv", file.as_bytes())]);
        assert!(err.contains(want), "{want}: {err}");
        assert_eq!(before, db.dump());
    }
    // A member not serving on the day is refused by the same check as `donation add`.
    db.ok(&[
        "member",
        "leave",
        "M0001",
        "--on",
        "2022-06-30",
        "--reason",
        "moved",
    ]);
    let before = db.dump();
    let late = "姓名,金额,日期,用途\n王芳,5,2022-10-20,助学\n";
    let err = db.fails(&["import", "donations", &db.write("late.csv", late.as_bytes())]);
    assert!(err.contains("第 2 行") && err.contains("不在任"), "{err}");
    assert_eq!(before, db.dump());
}

/// The codes of the levels that adopted the report shown as JSON by `opinion show`.
fn adopted_codes(show: &str) -> Vec<String> {
    crate::common::json(show)["opinion"]["adopted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap().to_string())
        .collect()
}
