//! Names, codes and sectors as office lists write them.

use crate::common::{Env, json};

#[test]
fn padded_names_and_full_width_codes_match_and_are_stored_plain() {
    let e = Env::fixture();
    e.ok(&[
        "member",
        "add",
        "李　四",
        "--sector",
        "教育界",
        "--code",
        "Ｐ００１",
        "--phone",
        "１３９００００１１１１",
    ]);
    let m = json(&e.ok(&["--format", "json", "member", "show", "P001", "--reveal"]));
    assert_eq!(m["member"]["name"], "李四");
    assert_eq!(m["member"]["code"], "P001");
    assert_eq!(m["member"]["phone"], "13900001111");
    e.ok(&["attend", "1", "--present", "李 四,Ｅ００２"]);
    let csv = e.dir.path().join("签到.csv");
    std::fs::write(&csv, "姓名,出席情况\n曾　静,出席\n").unwrap();
    let err = e.refuse(
        &["import", "attendance", csv.to_str().unwrap(), "--activity", "1"],
        1,
    );
    assert!(err.contains("曾静") || err.contains("曾　静"), "{err}");
    e.ok(&["member", "add", "曾静", "--sector", "教育界"]);
    e.ok(&["import", "attendance", csv.to_str().unwrap(), "--activity", "1"]);
    assert_eq!(
        e.count("SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id WHERE m.name IN ('李四', '曾静') AND a.activity_id = 1"),
        2
    );
}

#[test]
fn sectors_as_offices_write_them() {
    let e = Env::new();
    e.ok(&["init", "--sectors", "standard"]);
    e.ok(&["member", "add", "甲", "--sector", "中共", "--code", "A1"]);
    e.ok(&["member", "add", "乙", "--sector", "无党派", "--code", "A2"]);
    let csv = e.dir.path().join("名单.csv");
    std::fs::write(&csv, "编号,姓名,界别\nA3,丙,中国民主同盟\nA4,丁,医卫界\n").unwrap();
    e.ok(&["import", "members", csv.to_str().unwrap()]);
    let list = json(&e.ok(&["--format", "json", "member", "list", "--order", "code"]));
    let sectors: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sector"].as_str().unwrap())
        .collect();
    assert_eq!(sectors, ["中国共产党", "无党派人士", "民盟", "医药卫生界"]);
    let err = e.refuse(&["member", "add", "戊", "--sector", "教育届"], 1);
    assert!(
        err.contains("是不是「教育界」") && err.contains("sector alias add"),
        "{err}"
    );
    let bad = e.dir.path().join("bad.csv");
    std::fs::write(&bad, "姓名,界别\n戊,教育届\n").unwrap();
    let err = e.refuse(&["import", "members", bad.to_str().unwrap()], 1);
    assert!(err.contains("是不是「教育界」"), "{err}");
    e.ok(&["sector", "alias", "add", "教科文卫", "教育界"]);
    e.ok(&["member", "add", "戊", "--sector", "教科文卫", "--code", "A5"]);
    assert_eq!(e.count("SELECT count(*) FROM member m JOIN sector s ON s.id = m.sector_id WHERE m.code = 'A5' AND s.name = '教育界'"), 1);
    let aliases = e.ok(&["--format", "csv", "sector", "alias", "list"]);
    assert!(
        aliases.contains("教科文卫,教育界,本会添加") && aliases.contains("中共,中国共产党,内置"),
        "{aliases}"
    );
    e.refuse_with(
        &["sector", "alias", "add", "民盟", "教育界"],
        1,
        &["已经指界别「民盟」"],
    );
    e.refuse_with(&["sector", "alias", "add", "某某", "火星界"], 1, &["火星界"]);
    e.ok(&["sector", "alias", "remove", "--yes", "教科文卫"]);
    e.refuse_with(&["sector", "alias", "remove", "--yes", "中共"], 1, &["内置"]);
    e.refuse(&["member", "add", "己", "--sector", "教科文卫"], 1);
}
