//! Sign-in sheets as offices type them (signatures, leave notes, status cells), and import
//! templates whose example row never becomes data.

use std::io::Read;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use crate::common::Env;

/// The members a sign-in sheet lists, all in 教育界, coded M0001 onwards in this order.
const NAMES: &[&str] = &[
    "王芳", "李明", "张伟", "赵丽", "钱进", "孙强", "周敏", "吴刚", "郑洁", "冯涛", "陈静", "褚军", "卫东",
    "蒋华",
];

/// A committee with [`NAMES`] and activity 1, a plenary session of two half-days.
fn committee() -> Env {
    let env = Env::new();
    env.ok(&["init", "--sectors", "standard"]);
    for n in NAMES {
        env.ok(&["member", "add", n, "--sector", "教育界"]);
    }
    env.ok(&[
        "activity",
        "add",
        "plenary",
        "--date",
        "2022-03-05",
        "--title",
        "十六届二次会议",
        "--half-days",
        "2",
    ]);
    env
}

/// Writes a sheet under a title row, as an xlsx workbook (the title merged across the
/// columns) or as a CSV file with a BOM and CRLF line endings, as Excel saves them.
fn sheet(env: &Env, name: &str, rows: &[&[&str]], xlsx: bool) -> String {
    let title = "十六届二次会议签到表";
    let path = env
        .dir
        .path()
        .join(format!("{name}.{}", if xlsx { "xlsx" } else { "csv" }));
    if xlsx {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let width = rows[0].len() as u16;
        ws.merge_range(0, 0, 0, width - 1, title, &Format::new().set_bold())
            .unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
        book.save(&path).unwrap();
    } else {
        let mut text = String::from("\u{feff}");
        text.push_str(title);
        text.push_str(&",".repeat(rows[0].len() - 1));
        text.push_str("\r\n");
        for row in rows {
            text.push_str(&row.join(","));
            text.push_str("\r\n");
        }
        std::fs::write(&path, text).unwrap();
    }
    path.display().to_string()
}

/// Runs a command that must succeed; returns what it told on standard error.
fn told(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "lvzhi {args:?} failed:\n{err}");
    err
}

/// Activity 1's attendance rows: "name status half-days reason note", by member code.
fn marks(env: &Env) -> Vec<String> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, a.status, a.half_days, ifnull(a.leave_reason, '-'), ifnull(a.note, '-')
             FROM attendance a JOIN member m ON m.id = a.member_id
             WHERE a.activity_id = 1 ORDER BY m.code",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, f64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A typed sign-in sheet: signatures, absent marks, and every leave word in 备注.
const SIGNED: &[&[&str]] = &[
    &["序号", "姓名", "界别", "签名", "备注"],
    &["1", "王芳", "教育界", "王芳", ""],
    &["2", "李明", "教育界", "", "请假"],
    &["3", "张伟", "教育界", "", ""],
    &["4", "赵丽", "教育界", "缺", ""],
    &["5", "钱进", "教育界", "钱进", "迟到"],
    &["6", "孙强", "教育界", "孙强", "早退"],
    &["7", "周敏", "教育界", "", "因公外出"],
    &["8", "吴刚", "教育界", "×", ""],
    &["9", "郑洁", "教育界", "未到", ""],
    &["10", "冯涛", "教育界", "✗", ""],
    &["11", "陈静", "教育界", "", "病假"],
    &["12", "褚军", "教育界", "", "事假"],
    &["13", "卫东", "教育界", "卫东", "出差"],
    &["14", "蒋华", "教育界", "", "公务"],
];

const SIGNED_MARKS: &[&str] = &[
    "王芳 present 2 - -",
    "李明 excused 0 请假 -",
    "张伟 absent 0 - -",
    "赵丽 absent 0 - -",
    "钱进 late 2 - 迟到",
    "孙强 left_early 2 - 早退",
    "周敏 excused 0 因公外出 -",
    "吴刚 absent 0 - -",
    "郑洁 absent 0 - -",
    "冯涛 absent 0 - -",
    "陈静 excused 0 病假 -",
    "褚军 excused 0 事假 -",
    "卫东 excused 0 出差 -",
    "蒋华 excused 0 公务 -",
];

const SIGNED_TALLY: &str = "按出席情况计：出席 1，请假 6，缺席 5，迟到 1，早退 1";

#[test]
fn signatures_and_leave_notes_decide_in_xlsx_and_crlf_csv() {
    for xlsx in [true, false] {
        let env = committee();
        let f = sheet(&env, "签到表", SIGNED, xlsx);
        // The dry run counts the statuses in its plan and summary and writes nothing.
        let before = env.dump();
        let out = env.run(&["import", "attendance", &f, "--activity", "1", "--dry-run"]);
        assert!(out.status.success());
        let plan = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(plan.contains("新登记 14 人"), "{plan}");
        assert!(plan.contains(SIGNED_TALLY), "{plan}");
        assert!(err.contains(SIGNED_TALLY), "{err}");
        assert!(!err.contains("均按出席登记"), "{err}");
        assert_eq!(before, env.dump(), "the dry run wrote something");
        // The import records what the sheet says.
        let err = told(&env, &["import", "attendance", &f, "--activity", "1"]);
        assert!(err.contains("新增 14"), "{err}");
        assert!(err.contains(SIGNED_TALLY), "{err}");
        assert_eq!(marks(&env), SIGNED_MARKS, "xlsx: {xlsx}");
        // Again: nothing new, the same counts.
        let err = told(&env, &["import", "attendance", &f, "--activity", "1"]);
        assert!(err.contains("新增 0，修改 0，未变 14"), "{err}");
        assert!(err.contains(SIGNED_TALLY), "{err}");
    }
}

#[test]
fn a_status_cell_decides_over_signature_and_note() {
    let rows: &[&[&str]] = &[
        &["序号", "姓名", "出席情况", "签名", "备注", "请假事由"],
        &["1", "王芳", "出席", "", "", ""],
        &["2", "李明", "缺席", "李明", "", ""],
        &["3", "张伟", "请假", "", "出差", ""],
        &["4", "赵丽", "请假", "", "请假", "孩子生病"],
        &["5", "钱进", "迟到", "钱进", "请假", ""],
    ];
    for xlsx in [true, false] {
        let env = committee();
        let f = sheet(&env, "出席", rows, xlsx);
        let err = told(&env, &["import", "attendance", &f, "--activity", "1"]);
        assert!(
            err.contains("按出席情况计：出席 1，请假 2，缺席 1，迟到 1，早退 0"),
            "{err}"
        );
        assert_eq!(
            marks(&env),
            [
                "王芳 present 2 - -",
                "李明 absent 0 - -",
                "张伟 excused 0 出差 -",
                "赵丽 excused 0 孩子生病 请假",
                "钱进 late 2 - 请假",
            ]
        );
    }
}

#[test]
fn a_blank_status_cell_is_an_error_naming_file_row_and_column() {
    let rows: &[&[&str]] = &[
        &["序号", "姓名", "出席情况", "签名"],
        &["1", "王芳", "出席", "王芳"],
        &["2", "李明", "", "李明"],
    ];
    // The title row is row 1, the header row 2: 李明 is on row 4 of the workbook.
    let env = committee();
    let f = sheet(&env, "空白", rows, true);
    env.refuse_with(
        &["import", "attendance", &f, "--activity", "1"],
        1,
        &[
            "空白.xlsx",
            "第 4 行 C列「出席情况」，值（空）：「出席情况」不能为空",
            "没有导入任何内容",
        ],
    );
    let f = sheet(&env, "空白", rows, false);
    env.refuse_with(
        &["--lang", "en", "import", "attendance", &f, "--activity", "1"],
        1,
        &["空白.csv", "column C '出席情况'", "the status cannot be empty"],
    );
    assert_eq!(env.count("SELECT count(*) FROM attendance"), 0);
}

#[test]
fn a_list_without_status_or_signature_records_everyone_present_and_says_so() {
    let rows: &[&[&str]] = &[
        &["序号", "姓名", "界别", "备注"],
        &["1", "王芳", "教育界", ""],
        &["2", "李明", "教育界", "病假"],
        &["3", "张伟", "教育界", "会议发言"],
    ];
    for xlsx in [true, false] {
        let env = committee();
        let f = sheet(&env, "名单", rows, xlsx);
        let out = env.run(&[
            "--lang",
            "en",
            "import",
            "attendance",
            &f,
            "--activity",
            "1",
            "-n",
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(
                "the sheet has no status or signature column: the 2 members listed are all recorded present"
            ),
            "{err}"
        );
        assert!(
            err.contains("by status: present 2, excused 1, absent 0, late 0, left early 0"),
            "{err}"
        );
        let err = told(&env, &["import", "attendance", &f, "--activity", "1"]);
        assert!(
            err.contains("表中没有出席情况或签名列，名单上的 2 人均按出席登记"),
            "{err}"
        );
        assert_eq!(
            marks(&env),
            [
                "王芳 present 2 - -",
                "李明 excused 0 病假 -",
                "张伟 present 2 - 会议发言",
            ]
        );
    }
}

/// Reads one part of an xlsx file (a zip archive) as text.
fn xlsx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_members_template_imported_with_update_leaves_m0001_alone() {
    let env = Env::new();
    env.ok(&["init", "--sectors", "standard"]);
    env.ok(&["member", "add", "张三", "--sector", "经济界"]);
    for ext in ["xlsx", "csv"] {
        let t = env.dir.path().join(format!("t.{ext}")).display().to_string();
        env.ok(&["import", "template", "members", "-o", &t]);
        let before = env.dump();
        let err = told(&env, &["import", "members", &t, "--update", "--yes"]);
        assert!(err.contains("第 2 行是模板的示例行，已跳过"), "{ext}: {err}");
        assert!(err.contains("新增 0，修改 0"), "{ext}: {err}");
        assert_eq!(before, env.dump(), "{ext}: the example row changed the database");
    }
    assert_eq!(
        env.count("SELECT count(*) FROM member WHERE code = 'M0001' AND name = '张三'"),
        1
    );
    assert_eq!(env.count("SELECT count(*) FROM member"), 1);
}

#[test]
fn every_template_imported_as_it_is_adds_nothing() {
    let env = committee();
    for kind in [
        "members",
        "activities",
        "attendance",
        "proposals",
        "opinions",
        "donations",
    ] {
        for (lang, ext) in [("zh", "xlsx"), ("zh", "csv"), ("en", "csv")] {
            let t = env
                .dir
                .path()
                .join(format!("{kind}-{lang}.{ext}"))
                .display()
                .to_string();
            env.ok(&["--lang", lang, "import", "template", kind, "-o", &t]);
            let before = env.dump();
            let err = told(&env, &["--lang", lang, "import", kind, &t, "--update", "--yes"]);
            let note = if lang == "zh" {
                "第 2 行是模板的示例行，已跳过"
            } else {
                "row 2 is the template's example row; skipped"
            };
            assert!(err.contains(note), "{kind}-{lang}.{ext}: {err}");
            assert_eq!(before, env.dump(), "{kind}-{lang}.{ext} wrote something");
        }
    }
}

#[test]
fn the_example_code_is_refused_for_real_members() {
    let env = Env::new();
    env.ok(&["init", "--sectors", "standard"]);
    env.refuse_with(
        &[
            "member",
            "add",
            "李四",
            "--sector",
            "教育界",
            "--code",
            "示例-0001",
        ],
        2,
        &["示例-0001", "模板示例用的编号"],
    );
    env.ok(&["member", "add", "李四", "--sector", "教育界"]);
    env.refuse_with(
        &["member", "edit", "M0001", "--code", "EXAMPLE-0001"],
        2,
        &["EXAMPLE-0001", "模板示例用的编号"],
    );
    // The template's row with its 序号 column deleted is still not a member.
    let f = env.dir.path().join("no-seq.csv");
    std::fs::write(&f, "编号,姓名,界别\r\n示例-0001,王芳,教育界\r\n").unwrap();
    let f = f.display().to_string();
    env.refuse_with(
        &["import", "members", &f, "--dry-run"],
        1,
        &["A列「编号」", "示例-0001", "模板示例用的编号"],
    );
}

#[test]
fn xlsx_templates_carry_drop_down_lists() {
    let env = Env::new();
    env.ok(&["init", "--sectors", "standard"]);
    env.ok(&["sector", "add", "特邀科技界"]);
    let before = env.dump();
    let members = env.dir.path().join("m.xlsx");
    env.ok(&["import", "template", "members", "-o", members.to_str().unwrap()]);
    assert_eq!(before, env.dump(), "the template command changed the database");
    let sheet = xlsx_part(&members, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation "), "{sheet}");
    assert!(sheet.contains(r#"type="list""#), "{sheet}");
    // Gender (column D, after 序号 and 编号) and sector (column H) offer lists.
    assert!(sheet.contains(r#"sqref="D2:D10001""#), "{sheet}");
    assert!(sheet.contains(r#"sqref="H2:H10001""#), "{sheet}");
    let book = xlsx_part(&members, "xl/workbook.xml");
    assert!(
        book.contains(r#"name="选项" sheetId="2" state="hidden""#),
        "{book}"
    );
    let strings = xlsx_part(&members, "xl/sharedStrings.xml");
    for s in ["男", "女", "教育界", "特邀科技界", "示例", "示例-0001"] {
        assert!(strings.contains(s), "{s}: {strings}");
    }
    let att = env.dir.path().join("a.xlsx");
    env.ok(&["import", "template", "attendance", "-o", att.to_str().unwrap()]);
    let sheet = xlsx_part(&att, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<dataValidation ").count(), 3, "{sheet}");
    let strings = xlsx_part(&att, "xl/sharedStrings.xml");
    for s in ["出席", "请假", "缺席", "迟到", "早退", "全体会议", "牵头"] {
        assert!(strings.contains(s), "{s}: {strings}");
    }
    assert!(!strings.contains("签名"), "{strings}");
    // Without a database file: the standard sectors, and no file created.
    let bare = Env::new();
    let t = bare.dir.path().join("m.xlsx");
    bare.ok(&["import", "template", "members", "-o", t.to_str().unwrap()]);
    assert!(!bare.db.exists());
    let strings = xlsx_part(&t, "xl/sharedStrings.xml");
    assert!(
        strings.contains("教育界") && !strings.contains("特邀科技界"),
        "{strings}"
    );
}
