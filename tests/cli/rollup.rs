//! The roll-up (汇总): county files sent up as packages, brought together in a city's file,
//! replaced by newer packages, refused when damaged, foreign, tampered, older or forked, and
//! read one committee at a time.

use std::path::{Path, PathBuf};

use crate::common::{Env, json, kill_after, moment};

const DATA: i32 = 1;
const USAGE: i32 = 2;

fn rules_path() -> String {
    format!("{}/tests/data/fixture-rules.toml", env!("CARGO_MANIFEST_DIR"))
}

/// A county file made from the test fixture under division code `code` (忻州市's county),
/// with 2022 assessed and, when `finalize`, finalised.
fn county(code: &str, finalize: bool) -> Env {
    let e = Env::fixture();
    let parent = if code == "140900" { "140000" } else { "140900" };
    e.ok(&["committee", "set", "--code", code, "--parent", parent]);
    e.ok(&["rules", "set", "--year", "2022", &rules_path()]);
    if finalize {
        e.ok(&["assess", "--year", "2022", "--finalize"]);
    } else {
        e.ok(&["assess", "--year", "2022"]);
    }
    e
}

/// `e`'s package, written into `dir` as `name`.
fn package(e: &Env, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    e.ok(&["backup", "--package", "-o", out.to_str().unwrap()]);
    out
}

/// A new roll-up file for 忻州市.
fn city() -> Env {
    let r = Env::new();
    r.ok(&[
        "rollup",
        "init",
        "--name",
        "忻州市政协",
        "--level",
        "city",
        "--code",
        "140900",
    ]);
    r
}

/// A new roll-up file for 忻州市 holding the packages of `counties` (a.db, b.db, … beside it),
/// added with one `rollup add`.
fn city_holding(counties: &[&Env]) -> (Env, Vec<PathBuf>) {
    let r = city();
    let sent: Vec<PathBuf> = (counties.iter().zip('a'..))
        .map(|(e, c)| package(e, r.dir.path(), &format!("{c}.db")))
        .collect();
    let mut args = vec!["rollup", "add"];
    args.extend(sent.iter().map(|p| s(p)));
    r.ok(&args);
    (r, sent)
}

/// A new roll-up file for 山西省.
fn province() -> Env {
    let p = Env::new();
    p.ok(&[
        "rollup",
        "init",
        "--name",
        "山西省政协",
        "--level",
        "province",
        "--code",
        "140000",
    ]);
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn packages_are_added_listed_and_read_one_committee_at_a_time() {
    let a = county("140923", true);
    let b = county("140981", false);
    // a plenary of the second committee's only: no member of the first is due at it
    b.ok(&[
        "activity",
        "add",
        "plenary",
        "--date",
        "2022-03-01",
        "--title",
        "原平全会",
    ]);
    let r = city();
    let pa = package(&a, r.dir.path(), "daixian.db");
    let pb = package(&b, r.dir.path(), "yuanping.db");
    let sent = std::fs::read(&pa).unwrap();
    let out = r.run(&["rollup", "add", s(&pa), s(&pb)]);
    assert!(out.status.success());
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(
        told.contains("已收入 140923") && told.contains("已收入 140981"),
        "{told}"
    );
    let list = json(&r.ok(&["--format", "json", "rollup", "list"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!(rows[0]["code"], "140923");
    assert_eq!(rows[0]["final_years"], "2022");
    assert_eq!(rows[1]["code"], "140981");
    assert_eq!(rows[1]["final_years"], "-");
    let members = a.count("SELECT count(*) FROM member");
    assert_eq!(rows[0]["members"], members);
    // every record carries its committee; each committee's own rows are as many as in its file
    assert_eq!(r.count("SELECT count(*) FROM member"), 2 * members);
    for table in [
        "member",
        "attendance",
        "activity",
        "proposal",
        "audit_log",
        "assessment_member",
    ] {
        let per: i64 = r.count(&format!(
            "SELECT count(*) FROM {table} WHERE committee_id = (SELECT id FROM committee WHERE code = '140923')"
        ));
        assert_eq!(per, a.count(&format!("SELECT count(*) FROM {table}")), "{table}");
    }
    // one committee read as its own file would be
    for args in [
        &["--format", "csv", "report", "assessment", "--year", "2022"][..],
        &["--format", "csv", "member", "list"][..],
        &["--format", "csv", "report", "summary", "--year", "2022"][..],
    ] {
        let mut scoped = vec!["--committee", "140923"];
        scoped.extend_from_slice(args);
        assert_eq!(r.ok(&scoped), a.ok(args), "{args:?}");
    }
    // a trial (its parts read through connections of their own) and an explanation too
    let rules = rules_path();
    let trial = [
        "--format",
        "csv",
        "assess",
        "--year",
        "2022",
        "--rules",
        rules.as_str(),
    ];
    let mut scoped = vec!["--committee", "140923"];
    scoped.extend_from_slice(&trial);
    assert_eq!(r.ok(&scoped), a.ok(&trial));
    let explain = [
        "--format",
        "json",
        "assess",
        "--year",
        "2022",
        "--explain",
        "E002",
    ];
    let mut scoped = vec!["--committee", "140923"];
    scoped.extend_from_slice(&explain);
    assert_eq!(r.ok(&scoped), a.ok(&explain));
    let mut scoped = vec!["--committee", "140981", "--format", "csv", "member", "list"];
    assert_eq!(r.ok(&scoped), b.ok(&scoped[2..]));
    scoped[1] = "999999";
    let err = r.refuse(&scoped, DATA);
    assert!(err.contains("999999") && err.contains("140923"), "{err}");
    // the roll-up passes its check, every committee's finalised years and chains included
    r.ok(&["check"]);
    // the packages were only read
    assert_eq!(std::fs::read(&pa).unwrap(), sent, "the package was only read");
}

/// The rows of a JSON listing made across the committees that belong to committee `code`,
/// without the committee's own fields.
fn rows_of(across: &serde_json::Value, code: &str) -> Vec<serde_json::Value> {
    (across.as_array().unwrap().iter())
        .filter(|r| r["committee"] == code)
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            o.remove("committee");
            o.remove("committee_label");
            r
        })
        .collect()
}

#[test]
fn without_committee_a_rollup_lists_every_committee_and_refuses_a_name_found_in_several() {
    let a = county("140923", true);
    a.ok(&["committee", "set", "--name", "代县政协"]);
    // a committee with no assessment for 2022, and a member of its own
    let b = Env::fixture();
    b.ok(&[
        "committee",
        "set",
        "--code",
        "140981",
        "--parent",
        "140900",
        "--name",
        "原平市政协",
    ]);
    b.ok(&["member", "add", "独一人", "--sector", "教育界", "--code", "X900"]);
    let (r, _) = city_holding(&[&a, &b]);
    let before = r.dump();

    // a listing: every committee's rows, each as its own file gives them, under its committee
    let across = json(&r.ok(&["--format", "json", "member", "list"]));
    let own_a = json(&a.ok(&["--format", "json", "member", "list"]));
    let own_b = json(&b.ok(&["--format", "json", "member", "list"]));
    assert_eq!(rows_of(&across, "140923"), *own_a.as_array().unwrap());
    assert_eq!(rows_of(&across, "140981"), *own_b.as_array().unwrap());
    assert_eq!(
        across.as_array().unwrap().len(),
        own_a.as_array().unwrap().len() + own_b.as_array().unwrap().len()
    );
    assert_eq!(across[0]["committee_label"], "代县政协");
    let csv = r.ok(&["--format", "csv", "member", "list"]);
    assert!(
        csv.trim_start_matches('\u{feff}').starts_with("委员会,编号,姓名"),
        "{csv}"
    );
    assert!(csv.contains("原平市政协,X900,独一人"), "{csv}");

    // a report: the committees that have the year's result, the others named on standard error
    let out = r.run(&["--format", "json", "report", "assessment", "--year", "2022"]);
    assert!(out.status.success());
    let ranking = json(&String::from_utf8_lossy(&out.stdout));
    let own = json(&a.ok(&["--format", "json", "report", "assessment", "--year", "2022"]));
    assert_eq!(rows_of(&ranking, "140923"), *own.as_array().unwrap());
    assert!(rows_of(&ranking, "140981").is_empty());
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(
        told.contains("未列入原平市政协（140981）") && told.contains("2022"),
        "{told}"
    );
    // to a workbook too, titled for the roll-up
    let book = r.dir.path().join("排名.xlsx");
    r.ok(&["report", "assessment", "--year", "2022", "-o", s(&book)]);
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
        let name = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert!(
            rows[0][0].contains("忻州市政协") && rows[0][0].contains("各委员会"),
            "{rows:?}"
        );
        let header = rows
            .iter()
            .position(|r| r[0] == "委员会")
            .expect("a committee column");
        assert_eq!(
            rows.len() - header - 1,
            own.as_array().unwrap().len(),
            "every row of the one committee that has the year's result"
        );
        assert!(rows[header + 1..].iter().all(|r| r[0] == "代县政协"), "{rows:?}");
    }
    // a year no committee has: refused, naming one and why
    r.refuse_with(
        &["report", "assessment", "--year", "2021"],
        DATA,
        &["2 个委员会都没有", "2021 年度还没有考核结果"],
    );

    // a member named: looked up in every committee
    let err = r.refuse(&["member", "show", "E002"], USAGE);
    assert!(
        err.contains("2 个委员会") && err.contains("140923 代县政协 E002 李明") && err.contains("140981"),
        "{err}"
    );
    assert!(err.contains("--committee"), "{err}");
    r.refuse_with(
        &["report", "member", "李明", "--year", "2022"],
        USAGE,
        &["140923", "140981"],
    );
    r.refuse_with(
        &["proposal", "list", "--member", "李明"],
        USAGE,
        &["140923", "140981"],
    );
    let out = r.run(&["member", "show", "X900"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        b.ok(&["member", "show", "X900"])
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("原平市政协（140981）"));
    r.refuse_with(
        &["member", "show", "无此人"],
        DATA,
        &["各委员会中都没有", "无此人"],
    );
    // with --committee, the name is that committee's
    assert_eq!(
        r.ok(&["--committee", "140923", "member", "show", "E002"]),
        a.ok(&["member", "show", "E002"])
    );

    // one record asked for by a number both committees use: refused with the committees
    r.refuse_with(
        &["proposal", "show", "2022001"],
        USAGE,
        &["2 个委员会", "140923", "140981"],
    );
    // outputs that follow one committee's own activities are not put together
    r.refuse_with(
        &["report", "attendance", "--year", "2022"],
        USAGE,
        &["--committee"],
    );
    // recording is refused with the reason, not run committee by committee
    let err = r.refuse(&["member", "add", "张三", "--sector", "教育界"], DATA);
    assert!(err.contains("汇总文件") && err.contains("rollup add"), "{err}");
    // an import is refused before its file is read (this one does not exist)
    let err = r.refuse(&["import", "members", "无此文件.csv"], DATA);
    assert!(err.contains("汇总文件") && !err.contains("无此文件"), "{err}");
    assert_eq!(before, r.dump(), "nothing written");
}

#[test]
fn a_listing_across_committees_too_long_to_lay_out_is_refused_and_written_as_csv() {
    let a = Env::fixture();
    a.ok(&["committee", "set", "--code", "140923", "--parent", "140900"]);
    a.conn()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
             INSERT INTO member (code, name, sector_id) SELECT printf('Z%05d', i), '测试委员', 1 FROM n;",
        )
        .unwrap();
    let members = a.count("SELECT count(*) FROM member");
    let (r, _) = city_holding(&[&a]);
    r.refuse_with(&["member", "list"], USAGE, &["10000", "--format csv"]);
    let book = r.dir.path().join("名单.xlsx");
    r.refuse_with(&["member", "list", "-o", s(&book)], USAGE, &["10000"]);
    assert!(!book.exists(), "nothing written");
    let csv = r.ok(&["--format", "csv", "member", "list"]);
    assert_eq!(csv.lines().count() as i64, 1 + members);
    let file = r.dir.path().join("名单.csv");
    r.ok(&["member", "list", "-o", s(&file)]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
}

#[test]
fn recording_commands_are_refused_in_a_rollup() {
    let a = county("140923", false);
    let (r, _) = city_holding(&[&a]);
    let before = r.dump();
    for args in [
        &["--committee", "140923", "sector", "add", "新界别"][..],
        &["--committee", "140923", "assess", "--year", "2022"][..],
        &["committee", "set", "--name", "改名"][..],
    ] {
        let err = r.refuse(args, DATA);
        assert!(
            err.contains("汇总文件") && err.contains("rollup add"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(before, r.dump(), "nothing written");
}

#[test]
fn a_newer_package_replaces_the_committee_and_says_what_changed() {
    let a = county("140923", true);
    let b = county("140981", false);
    let r = city();
    let first = package(&a, r.dir.path(), "a1.db");
    let pb = package(&b, r.dir.path(), "b.db");
    r.ok(&["rollup", "add", s(&first), s(&pb)]);
    let b_rows = r.ok(&["--committee", "140981", "--format", "csv", "member", "list"]);
    a.ok(&[
        "member",
        "add",
        "新委员",
        "--sector",
        "教育界",
        "--code",
        "Z900",
        "--joined",
        "2023-01-01",
    ]);
    let second = package(&a, r.dir.path(), "a2.db");
    let told = r.ok(&["--format", "csv", "--no-bom", "rollup", "add", s(&second)]);
    let members = a.count("SELECT count(*) FROM member");
    assert!(
        told.contains(&format!("140923,委员,{},{},1,0", members - 1, members)),
        "{told}"
    );
    assert!(told.contains("140923,已定稿年度,2022,2022,0,0"), "{told}");
    assert_eq!(
        r.ok(&["--committee", "140923", "--format", "csv", "member", "list"]),
        a.ok(&["--format", "csv", "member", "list"])
    );
    assert_eq!(
        r.ok(&["--committee", "140981", "--format", "csv", "member", "list"]),
        b_rows,
        "the other committee untouched"
    );
    r.ok(&["check"]);
    // the same file again changes nothing
    let before = r.dump();
    let again = r.run(&["rollup", "add", s(&second)]);
    assert!(again.status.success());
    let told = String::from_utf8_lossy(&again.stderr);
    assert!(told.contains("完全相同"), "{told}");
    assert_eq!(before, r.dump());
    // the older package does not extend the newer one: refused, unless --force
    let err = r.refuse(&["rollup", "add", s(&first)], DATA);
    assert!(err.contains("延续") && err.contains("--force"), "{err}");
    assert_eq!(before, r.dump());
    r.ok(&["--force", "rollup", "add", s(&first)]);
    assert_eq!(
        r.count("SELECT members FROM rollup_package p JOIN committee c ON c.id = p.committee_id WHERE c.code = '140923'"),
        members - 1
    );
}

#[test]
fn a_rollup_is_sent_up_and_the_province_holds_its_committees_as_their_own() {
    let a = county("140923", true);
    let b = county("140981", false);
    let (r, sent) = city_holding(&[&a, &b]);
    let pa = &sent[0];
    // the city sends its roll-up up
    let up = r.dir.path().join("忻州市-报送.db");
    let out = r.run(&["backup", "--package", "-o", s(&up)]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("代码 140900"));
    let province = province();
    let out = province.run(&["rollup", "add", s(&up)]);
    assert!(out.status.success());
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(
        told.contains("已收入 140923") && told.contains("已收入 140981") && told.contains("经 140900 汇总"),
        "{told}"
    );
    let list = json(&province.ok(&["--format", "json", "rollup", "list"]));
    let codes: Vec<&str> = (list.as_array().unwrap().iter())
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["140923", "140981"],
        "the city's own roll-up row is not a committee"
    );
    // each committee reads at the province as in its own file, its ids moved twice
    for (code, own) in [("140923", &a), ("140981", &b)] {
        for args in [
            &["--format", "csv", "report", "assessment", "--year", "2022"][..],
            &["--format", "csv", "member", "list"][..],
            &["--format", "csv", "report", "summary", "--year", "2022"][..],
        ] {
            let mut scoped = vec!["--committee", code];
            scoped.extend_from_slice(args);
            assert_eq!(province.ok(&scoped), own.ok(args), "{code} {args:?}");
        }
    }
    // the finalised year's digest and every audit chain still check
    province.ok(&["check"]);
    assert_eq!(
        province.count("SELECT count(*) FROM audit_log WHERE committee_id <> 1"),
        r.count("SELECT count(*) FROM audit_log WHERE committee_id <> 1"),
        "every committee's audit entries travelled"
    );
    // the same package again changes nothing
    let before = province.dump();
    let again = province.run(&["rollup", "add", s(&up)]);
    assert!(again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stderr).matches("完全相同").count(),
        2
    );
    assert_eq!(before, province.dump());
    // a county's newer package sent straight to the province replaces what came through the city
    b.ok(&["member", "add", "新委员", "--sector", "教育界", "--code", "X901"]);
    let newer = package(&b, r.dir.path(), "b2.db");
    let out = province.run(&["rollup", "add", s(&newer)]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("替换 140981"));
    assert_eq!(
        province.ok(&["--committee", "140981", "--format", "csv", "member", "list"]),
        b.ok(&["--format", "csv", "member", "list"])
    );
    province.ok(&["check"]);
    // the city's package now holds an older 140981: the whole package is refused, unless --force
    let before = province.dump();
    let err = province.refuse(&["rollup", "add", s(&up)], DATA);
    assert!(err.contains("140981") && err.contains("--force"), "{err}");
    assert_eq!(before, province.dump());
    // one package of a committee given twice in one command is refused before anything is added
    let err = province.refuse(&["rollup", "add", s(&up), s(pa)], USAGE);
    assert!(err.contains("140923"), "{err}");
    assert_eq!(before, province.dump());
    // a tamper at the province shows in check, naming the committee
    province
        .conn()
        .execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET operator = 'x' WHERE id = (SELECT min(id) FROM audit_log
             WHERE committee_id = (SELECT id FROM committee WHERE code = '140923'));",
        )
        .unwrap();
    let out = province.run(&["check"]);
    assert_eq!(out.status.code(), Some(DATA));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("140923") && text.contains("断开"), "{text}");
}

#[test]
fn the_package_of_a_rollup_holding_no_committee_is_refused() {
    let r = city();
    let up = r.dir.path().join("空.db");
    r.ok(&["backup", "--package", "-o", s(&up)]);
    let province = province();
    let before = province.dump();
    let err = province.refuse(&["rollup", "add", s(&up)], DATA);
    assert!(
        err.contains("空.db") && err.contains("没有收入任何委员会") && err.contains("汇总文件未改动"),
        "{err}"
    );
    assert_eq!(before, province.dump());
}

#[test]
fn a_rollup_whose_committees_came_out_of_code_order_is_sent_up_whole() {
    // 140922 is added first, so its ids are the lowest, while 140921 comes first by code: in
    // the province's one transaction, each committee's rows and log entry must find free ids
    let r = city();
    let files: Vec<PathBuf> = ["140922", "140921", "140923", "140981"]
        .iter()
        .map(|code| {
            let e = Env::fixture();
            e.ok(&["committee", "set", "--code", code, "--parent", "140900"]);
            package(&e, r.dir.path(), &format!("{code}.db"))
        })
        .collect();
    let mut args = vec!["rollup", "add"];
    args.extend(files.iter().map(|f| s(f)));
    r.ok(&args);
    let up = r.dir.path().join("up.db");
    r.ok(&["backup", "--package", "-o", s(&up)]);
    let province = province();
    province.ok(&["rollup", "add", s(&up)]);
    assert_eq!(province.count("SELECT count(*) FROM rollup_package"), 4);
    for code in ["140921", "140922", "140923", "140981"] {
        assert_eq!(
            province.count(&format!(
                "SELECT count(*) FROM audit_log WHERE committee_id = (SELECT id FROM committee WHERE code = '{code}')"
            )),
            r.count(&format!(
                "SELECT count(*) FROM audit_log WHERE committee_id = (SELECT id FROM committee WHERE code = '{code}')"
            )),
            "{code}"
        );
    }
    // one entry for each committee added, after the roll-up's own
    assert_eq!(
        province
            .count("SELECT count(*) FROM audit_log WHERE committee_id = 1 AND table_name = 'rollup_package'"),
        4
    );
    province.ok(&["check"]);
}

#[test]
fn a_forked_package_is_refused() {
    let a = county("140923", false);
    let r = city();
    let first = package(&a, r.dir.path(), "a1.db");
    r.ok(&["rollup", "add", s(&first)]);
    // another copy of the same county file, changed separately from the first package's file
    let fork = Env::new();
    std::fs::copy(&a.db, &fork.db).unwrap();
    a.ok(&["sector", "add", "甲界别"]);
    fork.ok(&["sector", "add", "乙界别"]);
    let ahead = package(&a, r.dir.path(), "a2.db");
    r.ok(&["rollup", "add", s(&ahead)]);
    let forked = package(&fork, r.dir.path(), "fork.db");
    let before = r.dump();
    let err = r.refuse(&["rollup", "add", s(&forked)], DATA);
    assert!(err.contains("fork.db") && err.contains("延续"), "{err}");
    assert_eq!(before, r.dump());
}

#[test]
fn damaged_foreign_and_tampered_packages_are_refused_and_the_rollup_is_unchanged() {
    let a = county("140923", true);
    let r = city();
    let dir = r.dir.path();
    let good = package(&a, dir, "good.db");
    r.ok(&["rollup", "add", s(&good)]);
    let before = r.dump();

    let text = dir.join("名单.db");
    std::fs::write(&text, "姓名,界别\n张三,经济界\n").unwrap();
    let truncated = dir.join("truncated.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = dir.join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    // a county file that is not a package
    let plain = dir.join("plain.db");
    std::fs::copy(&a.db, &plain).unwrap();
    // a package whose finalised year was changed afterwards (its lock lifted by hand)
    let tampered = dir.join("tampered.db");
    std::fs::copy(&good, &tampered).unwrap();
    {
        let c = rusqlite::Connection::open(&tampered).unwrap();
        c.execute_batch(
            "DROP TRIGGER attendance_final_update;
             UPDATE attendance SET status = 'present' WHERE status <> 'present';",
        )
        .unwrap();
    }
    let cases: [(&Path, &[&str]); 6] = [
        (&text, &["名单.db"]),
        (&truncated, &["truncated.db"]),
        (&foreign, &["foreign.db"]),
        (&plain, &["plain.db", "backup --package"]),
        (&tampered, &["tampered.db", "2022"]),
        (Path::new("/nonexistent/x.db"), &["x.db"]),
    ];
    for (file, needles) in cases {
        let err = r.refuse(&["rollup", "add", s(file)], DATA);
        for n in needles {
            assert!(err.contains(n), "{file:?}: {n} missing in {err}");
        }
        assert!(err.contains("汇总文件未改动"), "{err}");
        assert!(
            !err.contains("SQLite") || err.contains("integrity_check"),
            "{err}"
        );
        assert_eq!(before, r.dump(), "{file:?}");
    }
    // all-or-nothing: one bad file among good ones adds none
    let b = county("140981", false);
    let pb = package(&b, dir, "b.db");
    r.refuse(&["rollup", "add", s(&pb), s(&text)], DATA);
    assert_eq!(before, r.dump());
    // the packages themselves were only read
    assert_eq!(std::fs::read(&good).unwrap(), bytes);
}

#[test]
fn tampering_in_the_rollup_shows_in_check() {
    let a = county("140923", true);
    let (r, _) = city_holding(&[&a]);
    {
        let c = r.conn();
        c.execute_batch(
            "DROP TRIGGER attendance_final_update;
             UPDATE attendance SET status = 'present' WHERE status <> 'present';
             DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET operator = 'x' WHERE committee_id <> 1 AND id = (SELECT max(id) FROM audit_log WHERE committee_id <> 1);",
        )
        .unwrap();
    }
    let out = r.run(&["check"]);
    assert_eq!(out.status.code(), Some(DATA));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("140923") && text.contains("2022"), "{text}");
    assert!(text.contains("断开"), "{text}");
}

#[test]
fn removing_a_committee_takes_all_its_records() {
    let a = county("140923", true);
    let b = county("140981", false);
    let (r, sent) = city_holding(&[&a, &b]);
    let pa = &sent[0];
    let b_rows = r.ok(&["--committee", "140981", "--format", "csv", "member", "list"]);
    r.refuse(&["rollup", "remove", "140923"], DATA);
    r.ok(&["--yes", "rollup", "remove", "140923"]);
    let list = json(&r.ok(&["--format", "json", "rollup", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        r.count(
            "SELECT count(*) FROM member WHERE committee_id NOT IN (SELECT committee_id FROM rollup_package)"
        ),
        0
    );
    assert_eq!(
        r.ok(&["--committee", "140981", "--format", "csv", "member", "list"]),
        b_rows
    );
    r.ok(&["check"]);
    r.refuse(&["--yes", "rollup", "remove", "140923"], DATA);
    // brought back
    r.ok(&["rollup", "add", s(pa)]);
    assert_eq!(
        json(&r.ok(&["--format", "json", "rollup", "list"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn rollup_commands_refuse_bad_arguments_and_county_files() {
    let a = county("140923", false);
    let err = a.refuse(&["rollup", "list"], DATA);
    assert!(
        err.contains("不是汇总文件") && err.contains("rollup init"),
        "{err}"
    );
    let pa = package(&a, a.dir.path(), "a.db");
    let before = a.dump();
    a.refuse(&["rollup", "add", s(&pa)], DATA);
    assert_eq!(before, a.dump());
    let r = Env::new();
    let err = r.fail(
        &[
            "rollup", "init", "--name", "市", "--level", "county", "--code", "140900",
        ],
        USAGE,
    );
    assert!(err.contains("county"), "{err}");
    let err = r.fail(
        &[
            "rollup", "init", "--name", "市", "--level", "city", "--code", "14090",
        ],
        USAGE,
    );
    assert!(err.contains("--code"), "{err}");
    assert!(!r.db.exists(), "nothing created");
    let r = city();
    let err = r.refuse(
        &[
            "rollup", "init", "--name", "市", "--level", "city", "--code", "140900",
        ],
        DATA,
    );
    assert!(err.contains("已存在"), "{err}");
    // a package of the roll-up's own code: the city committee's own records, held beside the
    // counties'
    let own = county("140900", false);
    let p = package(&own, r.dir.path(), "own.db");
    r.ok(&["rollup", "add", s(&p)]);
    r.ok(&["--committee", "140900", "member", "list"]);
    // --committee on a county file: its own code only
    a.ok(&["--committee", "140923", "member", "list"]);
    let err = a.refuse(&["--committee", "140981", "member", "list"], USAGE);
    assert!(err.contains("140923"), "{err}");
}

#[test]
fn a_kill_during_rollup_add_leaves_the_previous_state() {
    let a = county("140923", true);
    let r = city();
    let pa = package(&a, r.dir.path(), "a.db");
    let before = r.dump();
    let full = {
        let t = std::time::Instant::now();
        let probe = city();
        probe.ok(&["rollup", "add", s(&pa)]);
        t.elapsed()
    };
    for k in 1..=4 {
        let finished = kill_after(&r.db, &["rollup", "add", s(&pa)], moment(full, k, 4));
        let now = r.dump();
        r.ok(&["check"]);
        if finished || now != before {
            // it landed whole: the committee with all its rows
            assert_eq!(
                r.count("SELECT count(*) FROM member"),
                a.count("SELECT count(*) FROM member")
            );
            return;
        }
    }
}

#[test]
fn people_across_committees_are_listed_and_conflicts_found_with_numbers_masked() {
    let a = county("140923", false);
    let b = county("140981", false);
    let add = |e: &Env, name: &str, code: &str, extra: &[&str]| {
        let mut args = vec![
            "member",
            "add",
            name,
            "--sector",
            "教育界",
            "--code",
            code,
            "--joined",
            "2023-01-01",
        ];
        args.extend_from_slice(extra);
        e.ok(&args);
    };
    // one person on both committees
    add(&a, "王芳", "W01", &["--id-number", "140923197001010013"]);
    add(&b, "王芳", "X07", &["--id-number", "140923197001010013"]);
    // possibly one person: same name and birth date, no ID number on one side
    add(&a, "赵强", "W02", &["--birth", "1968-03-02"]);
    add(&b, "赵强", "X08", &["--birth", "1968-03-02"]);
    // one ID number, two names
    add(&a, "李华", "W03", &["--id-number", "140923197505050027"]);
    add(&b, "李桦", "X09", &["--id-number", "140923197505050027"]);
    // disqualified in one, serving in the other
    add(&a, "孙伟", "W04", &["--id-number", "140981198008080039"]);
    add(&b, "孙伟", "X10", &["--id-number", "140981198008080039"]);
    a.ok(&[
        "member",
        "leave",
        "W04",
        "--on",
        "2023-06-01",
        "--reason",
        "disqualified",
    ]);
    // one code given to two people in turn: 周敏 renumbered, her code given to 吴刚; a name
    // corrected on one row is no second person
    add(&a, "周敏", "W05", &["--birth", "1971-01-01"]);
    add(&a, "吴刚", "W06", &[]);
    a.ok(&["member", "edit", "W05", "--code", "W905"]);
    a.ok(&["member", "edit", "W06", "--code", "W05"]);
    add(&b, "郑洁", "X11", &[]);
    b.ok(&["member", "edit", "X11", "--name", "郑杰"]);
    let (r, _) = city_holding(&[&a, &b]);

    let people = r.ok(&["--format", "csv", "--no-bom", "rollup", "people"]);
    assert!(!people.contains("140923197001010013"), "masked:\n{people}");
    let lines = |name: &str, text: &str| text.lines().filter(|l| l.contains(name)).count();
    assert_eq!(lines("王芳", &people), 2, "{people}");
    assert!(people.contains("身份证号相同"), "{people}");
    assert_eq!(lines("赵强", &people), 2, "{people}");
    assert!(people.contains("可能同一人"), "{people}");
    // 孙伟 serves in one committee only now
    assert_eq!(lines("孙伟", &people), 0, "{people}");

    let out = r.run(&["--format", "csv", "--no-bom", "rollup", "check"]);
    assert_eq!(out.status.code(), Some(DATA));
    let conflicts = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(String::from_utf8_lossy(&out.stderr).contains("冲突"));
    assert_eq!(
        lines("李华", &conflicts) + lines("李桦", &conflicts),
        2,
        "{conflicts}"
    );
    assert!(conflicts.contains("一个身份证号"), "{conflicts}");
    assert_eq!(lines("孙伟", &conflicts), 2, "{conflicts}");
    assert!(conflicts.contains("撤销委员资格"), "{conflicts}");
    assert_eq!(lines("王芳", &conflicts), 0, "{conflicts}");
    assert!(!conflicts.contains("140923197505050027"), "masked");
    let reused: Vec<&str> = conflicts.lines().filter(|l| l.contains("先后用于两人")).collect();
    assert_eq!(reused.len(), 2, "{conflicts}");
    assert!(
        reused[0].contains("周敏,1971-01-01,140923,") && reused[0].contains(",W05,教育界,在任"),
        "{conflicts}"
    );
    assert!(
        reused[1].contains("吴刚") && reused[1].contains(",W05,"),
        "{conflicts}"
    );
    assert_eq!(lines("郑杰", &conflicts), 0, "{conflicts}");

    // shown in full only when asked, and the showing is logged
    let entries = r.count("SELECT count(*) FROM audit_log WHERE committee_id = 1");
    let full = r.ok(&["--format", "csv", "rollup", "people", "--reveal"]);
    assert!(full.contains("140923197001010013"), "{full}");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE committee_id = 1"),
        entries + 1
    );
    // one committee's member shown in full: logged in the roll-up's own log, the committee's
    // records (its log too) left as its package sent them
    let shown = r.ok(&["--committee", "140923", "member", "show", "W01"]);
    assert!(!shown.contains("140923197001010013"), "{shown}");
    let theirs = r.count("SELECT count(*) FROM audit_log WHERE committee_id <> 1");
    let full = r.ok(&["--committee", "140923", "member", "show", "W01", "--reveal"]);
    assert!(full.contains("140923197001010013"), "{full}");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE committee_id = 1"),
        entries + 2
    );
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE committee_id <> 1"),
        theirs
    );
    let full = r.ok(&[
        "--committee",
        "140923",
        "report",
        "member",
        "W01",
        "--year",
        "2023",
        "--reveal",
    ]);
    assert!(full.contains("140923197001010013"), "{full}");
    assert_eq!(
        r.count("SELECT count(*) FROM audit_log WHERE committee_id = 1"),
        entries + 3
    );
    r.ok(&["check"]);
}

#[test]
fn the_city_demo_holds_five_committees_people_on_two_levels_and_one_conflict() {
    let r = Env::new();
    let out = r.run(&["demo", "--city"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = json(&r.ok(&["--format", "json", "rollup", "list"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 5, "{list}");
    let finals: Vec<&str> = rows.iter().map(|r| r["final_years"].as_str().unwrap()).collect();
    assert!(finals.contains(&"2022") && finals.contains(&"-"), "{finals:?}");
    let sizes: std::collections::BTreeSet<i64> =
        rows.iter().map(|r| r["members"].as_i64().unwrap()).collect();
    assert_eq!(sizes.len(), 5, "five sizes: {sizes:?}");
    let people = r.ok(&["--format", "csv", "--no-bom", "rollup", "people"]);
    assert_eq!(
        people.lines().filter(|l| l.contains("身份证号相同")).count(),
        14,
        "{people}"
    );
    let out = r.run(&["--format", "csv", "--no-bom", "rollup", "check"]);
    assert_eq!(out.status.code(), Some(DATA));
    let conflicts = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        conflicts.lines().filter(|l| l.contains("一个身份证号")).count(),
        2,
        "{conflicts}"
    );
    r.ok(&["check"]);
    // each committee's ranking under its own scheme
    let ranking = r.ok(&[
        "--committee",
        "140981",
        "--format",
        "csv",
        "report",
        "assessment",
        "--year",
        "2022",
    ]);
    assert!(ranking.lines().count() > 100, "{ranking}");
    // a listing across the committees, its reader gone after the first bytes (`| head`): no
    // message, and the exit code a closed pipe gives
    {
        use std::io::Read;
        let mut child = crate::common::lvzhi(&r.db)
            .args(["--format", "csv", "member", "list"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(141));
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // the demo rebuilds its own file, and never a real one
    r.ok(&["demo", "--city"]);
    let county = Env::fixture();
    county.refuse(&["demo", "--city"], DATA);
}

/// A county's own summary figure `item` of section `section` (JSON).
fn own_figure(e: &Env, section: &str, item: &str) -> i64 {
    let v = json(&e.ok(&["--format", "json", "report", "summary", "--year", "2022"]));
    v[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"] == item)
        .unwrap_or_else(|| panic!("{section}.{item} in {v}"))["count"]
        .as_i64()
        .unwrap()
}

#[test]
fn the_committees_are_compared_and_summed_by_hand() {
    let a = county("140923", true);
    let b = county("140981", false);
    // one person on both committees; one more member in the second
    a.ok(&[
        "member",
        "add",
        "王芳",
        "--sector",
        "教育界",
        "--code",
        "W01",
        "--joined",
        "2023-01-01",
        "--id-number",
        "140923197001010013",
    ]);
    b.ok(&[
        "member",
        "add",
        "王芳",
        "--sector",
        "教育界",
        "--code",
        "X07",
        "--joined",
        "2022-03-01",
        "--id-number",
        "140923197001010013",
    ]);
    b.ok(&[
        "member",
        "add",
        "赵强",
        "--sector",
        "教育界",
        "--code",
        "X08",
        "--joined",
        "2022-03-01",
    ]);
    b.ok(&["assess", "--year", "2022"]);
    let (r, _) = city_holding(&[&a, &b]);

    let v = json(&r.ok(&["--format", "json", "report", "committees", "--year", "2022"]));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "the total row is left out of JSON: {v}");
    let (ra, rb) = (&rows[0], &rows[1]);
    assert_eq!(ra["code"], "140923");
    assert_eq!(rb["code"], "140981");
    // each committee's figures are those of its own summary
    for (row, e) in [(ra, &a), (rb, &b)] {
        assert_eq!(row["members"], own_figure(e, "members", "served"));
        assert_eq!(row["proposals"], own_figure(e, "proposals", "collected"));
        assert_eq!(row["filed"], own_figure(e, "proposals", "filed"));
        assert_eq!(row["reports"], own_figure(e, "opinions", "sent"));
        assert_eq!(row["adopted_city"], own_figure(e, "opinions", "adopted_city"));
    }
    // 王芳 serves in 2022 only in the second committee (the first took her on in 2023)
    assert_eq!(
        rb["members"].as_i64().unwrap(),
        ra["members"].as_i64().unwrap() + 2
    );
    assert_eq!(ra["assessment"], "final");
    assert_eq!(rb["assessment"], "draft");

    // the table's total row: seats summed, persons counted once per ID number
    let csv = r.ok(&[
        "--format",
        "csv",
        "--no-bom",
        "--lang",
        "en",
        "report",
        "committees",
        "--year",
        "2022",
    ]);
    let total = csv.lines().last().unwrap();
    let seats = ra["members"].as_i64().unwrap() + rb["members"].as_i64().unwrap();
    assert!(total.starts_with(&format!("Total,,,{seats},{seats},")), "{total}");
    // in 2023 王芳 holds two seats and is one person
    let csv = r.ok(&[
        "--format",
        "csv",
        "--no-bom",
        "--lang",
        "en",
        "report",
        "committees",
        "--year",
        "2023",
    ]);
    let total = csv.lines().last().unwrap();
    let fields: Vec<&str> = total.split(',').collect();
    let (seats, persons): (i64, i64) = (fields[3].parse().unwrap(), fields[4].parse().unwrap());
    assert_eq!(persons, seats - 1, "{total}");

    // the roll-up's figures: sums of the committees'
    let v = json(&r.ok(&["--format", "json", "report", "summary", "--year", "2022"]));
    let fig = |item: &str| {
        v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["item"] == item)
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(fig("committees"), 2);
    assert_eq!(
        fig("proposals"),
        ra["proposals"].as_i64().unwrap() + rb["proposals"].as_i64().unwrap()
    );
    assert_eq!(
        fig("reports"),
        ra["reports"].as_i64().unwrap() + rb["reports"].as_i64().unwrap()
    );
    assert_eq!(v["committees"].as_array().unwrap().len(), 2);
    let table = r.ok(&["report", "summary", "--year", "2022"]);
    assert!(
        table.contains("全市汇总") && table.contains("提交提案"),
        "{table}"
    );
    assert!(
        !table.contains("校验码"),
        "no one committee's seal on the roll-up's figures:\n{table}"
    );
    // one committee of it, as its own file
    assert_eq!(
        r.ok(&[
            "--committee",
            "140923",
            "--format",
            "csv",
            "report",
            "summary",
            "--year",
            "2022"
        ]),
        a.ok(&["--format", "csv", "report", "summary", "--year", "2022"])
    );
    // report committees needs a roll-up read as a whole
    a.refuse(&["report", "committees", "--year", "2022"], USAGE);
    r.refuse(
        &["--committee", "140923", "report", "committees", "--year", "2022"],
        USAGE,
    );
}

#[test]
fn the_rollup_workbook_compares_the_committees_with_a_chart() {
    use calamine::{Reader, Xlsx, open_workbook};
    let a = county("140923", true);
    let b = county("140981", false);
    let (r, _) = city_holding(&[&a, &b]);
    let out = r.dir.path().join("全市.xlsx");
    r.ok(&["export", "--year", "2022", "-o", s(&out)]);
    let mut book: Xlsx<_> = open_workbook(&out).expect("calamine opens the workbook");
    // the comparison prints in bands of columns: its chart has a sheet of its own
    assert_eq!(book.sheet_names(), ["各委员会", "各委员会图表", "汇总"]);
    let range = book.worksheet_range("各委员会").unwrap();
    let text: Vec<String> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\t"))
        .collect();
    let text = text.join("\n");
    for want in [
        "忻州市政协",
        "140923",
        "140981",
        "委员（席位）",
        "委员（人）",
        "合计",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    let x = crate::paper::parts(&out);
    assert!(
        x.contains_key("xl/charts/chart1.xml") && x.contains_key("xl/chartsheets/sheet1.xml"),
        "a chart across the committees, on a sheet of its own"
    );
    let sheet = &x["xl/worksheets/sheet1.xml"];
    assert!(sheet.contains("<colBreaks"), "printed in bands of columns");
    assert!(!sheet.contains("<drawing"), "no chart in the bands");
    // each band repeats the code and name, and the header; the title is in the page header
    // (the first band would cut it in its cell)
    let names = &x["xl/workbook.xml"];
    assert!(
        names.contains(">各委员会!$A:$B,各委员会!$3:$3<") && names.contains(">各委员会!$A$3:$"),
        "{names}"
    );
    // as a Word document: parts one under the other, each naming its rows
    let doc = r.dir.path().join("比较.docx");
    r.ok(&["report", "committees", "--year", "2022", "-o", s(&doc)]);
    let body = &crate::paper::parts(&doc)["word/document.xml"];
    let tables = body.matches("<w:tbl>").count();
    assert!(tables >= 2, "{tables} tables");
    assert_eq!(body.matches(">代码<").count(), tables, "each part has the code");
    assert_eq!(body.matches(">委员会<").count(), tables, "and the committee");
    // one committee's own workbook, as its file would write it
    let own = r.dir.path().join("代县.xlsx");
    r.ok(&["--committee", "140923", "export", "--year", "2022", "-o", s(&own)]);
    let book: Xlsx<_> = open_workbook(&own).unwrap();
    assert!(book.sheet_names().len() > 2);
}
