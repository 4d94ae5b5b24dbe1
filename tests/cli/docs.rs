//! Word documents, listings written to files, the contact list, shell completions and the
//! manual page.

use std::io::Read;
use std::path::Path;

use crate::common::{Env, bin, json};

/// The demo committee (its 2022 assessment saved).
fn demo() -> Env {
    let env = Env::new();
    env.ok(&["demo"]);
    env
}

/// One part of a zip file (docx, xlsx) as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{}: no {name}: {e}", path.display()))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The text of a Word document, paragraph by paragraph (table cells separated by " | ").
fn docx_text(path: &Path) -> String {
    let xml = part(path, "word/document.xml");
    let xml = xml
        .replace("</w:p></w:tc>", " | ")
        .replace("</w:tr>", "\n")
        .replace("</w:p>", "\n")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn phone_of(env: &Env, code: &str) -> String {
    env.conn()
        .query_row("SELECT phone FROM member WHERE code = ?1", [code], |r| r.get(0))
        .unwrap()
}

fn path(env: &Env, name: &str) -> String {
    env.dir.path().join(name).display().to_string()
}

#[test]
fn a_members_duty_record_as_a_word_document() {
    let env = demo();
    let file = path(&env, "姚文斌.docx");
    env.ok(&["report", "member", "D001", "--year", "2022", "-o", &file]);
    let text = docx_text(Path::new(&file));
    let phone = phone_of(&env, "D001");
    for needle in [
        "政协代县委员会",
        "2022 年度委员履职档案：姚文斌（D001）",
        "联系电话 | 136****4440",
        "身份证号 | 140***********8370",
        "得分明细（逐条相加即为总分）",
        "出席全体会议 +50",
        "总分 | 71.3",
        "等次 | 称职",
        "名次 | 120",
        "委员本人签字",
        "界别召集人意见",
        "日期",
    ] {
        assert!(text.contains(needle), "no {needle:?} in the document:\n{text}");
    }
    assert!(!text.contains(&phone), "the phone is masked without --reveal");
    // The committee's fonts are named, not embedded; the page is A4.
    let xml = part(Path::new(&file), "word/document.xml");
    assert!(xml.contains(r#"w:eastAsia="黑体""#), "headings in 黑体");
    assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#), "body in 仿宋_GB2312");
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4 portrait"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    assert!(zip.by_name("word/fonts/font1.odttf").is_err(), "no embedded font");
    let footer = part(Path::new(&file), "word/footer1.xml");
    assert!(footer.contains("第 ") && footer.contains("PAGE") && footer.contains("NUMPAGES"));

    let revealed = path(&env, "revealed.docx");
    let before = env.count("SELECT count(*) FROM audit_log");
    env.ok(&[
        "report", "member", "D001", "--year", "2022", "--reveal", "-o", &revealed,
    ]);
    assert!(docx_text(Path::new(&revealed)).contains(&format!("联系电话 | {phone}")));
    assert_eq!(
        env.count("SELECT count(*) FROM audit_log"),
        before + 1,
        "the reveal is logged"
    );
}

#[test]
fn every_members_record_as_word_documents_in_a_folder() {
    let env = demo();
    let dir = env.dir.path().join("档案");
    let d = dir.display().to_string();
    env.ok(&[
        "report", "member", "--all", "--year", "2022", "-o", &d, "--format", "docx",
    ]);
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(files.iter().all(|f| f.ends_with(".docx")), "{files:?}");
    let serving = env.ok(&["report", "attendance", "--year", "2022", "--format", "json"]);
    assert_eq!(files.len(), json(&serving).as_array().unwrap().len());
    let text = docx_text(&dir.join("D001_姚文斌.docx"));
    assert!(text.contains("委员履职档案：姚文斌（D001）"), "{text}");
}

#[test]
fn the_years_figures_as_a_work_report_in_sentences_and_tables() {
    let env = demo();
    let file = path(&env, "2022.docx");
    env.ok(&["report", "summary", "--year", "2022", "-o", &file]);
    let text = docx_text(Path::new(&file));
    let figures = json(&env.ok(&["report", "summary", "--year", "2022", "--format", "json"]));
    let count = |section: &str, item: &str| {
        figures[section]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["item"] == item)
            .unwrap_or_else(|| panic!("no {item} in {section}"))["count"]
            .as_i64()
            .unwrap()
    };
    for sentence in [
        format!(
            "2022年共收到提案{}件，经审查立案{}件",
            count("proposals", "collected"),
            count("proposals", "filed")
        ),
        format!(
            "报送社情民意信息{}篇，被采用{}篇",
            count("opinions", "sent"),
            count("opinions", "adopted")
        ),
        format!("年内在任委员{}人", count("members", "served")),
    ] {
        assert!(text.contains(&sentence), "no {sentence:?} in:\n{text}");
    }
    assert!(text.contains("立案提案的承办单位"), "the tables follow");
    assert!(text.contains("项目 | 数量 | 占比（%） |"), "{text}");

    let en = path(&env, "2022-en.docx");
    env.ok(&["--lang", "en", "report", "summary", "--year", "2022", "-o", &en]);
    let text = docx_text(Path::new(&en));
    assert!(
        text.contains(&format!(
            "In 2022 the committee received {} proposals",
            count("proposals", "collected")
        )),
        "{text}"
    );
}

#[test]
fn docx_is_refused_where_it_does_not_apply() {
    let env = demo();
    let out = path(&env, "book.xlsx");
    env.refuse_with(
        &["export", "--year", "2022", "-o", &out, "--format", "docx"],
        2,
        &["只写 Excel 工作簿", "--format docx"],
    );
    assert!(!Path::new(&out).exists());
    let matrix = path(&env, "出席.docx");
    env.refuse_with(
        &["report", "attendance", "--year", "2022", "-o", &matrix],
        2,
        &["出席情况表", "-o 出席.xlsx"],
    );
    assert!(!Path::new(&matrix).exists());
    let doc = path(&env, "x.doc");
    env.refuse_with(
        &["report", "member", "D001", "--year", "2022", "-o", &doc],
        2,
        &[".doc", ".docx"],
    );
}

#[test]
fn listings_go_to_files_in_every_format() {
    let env = demo();
    let cases: [(&[&str], &str, &str); 6] = [
        (&["member", "list"], "members.xlsx", "姚文斌"),
        (
            &["activity", "list", "--year", "2022"],
            "activities.docx",
            "十六届二次会议",
        ),
        (
            &["proposal", "list", "--year", "2022"],
            "proposals.docx",
            "关于加强历史文化遗址保护的建议",
        ),
        (&["opinion", "list", "--year", "2022"], "opinions.csv", "编号"),
        (
            &["donation", "list", "--year", "2022"],
            "donations.md",
            "抗疫倡议",
        ),
        (&["log", "--limit", "3"], "log.docx", "审计日志"),
    ];
    for (args, name, needle) in cases {
        let file = path(&env, name);
        let mut a = args.to_vec();
        a.extend(["-o", &file]);
        let stdout = env.ok(&a);
        assert!(
            stdout.is_empty(),
            "{args:?}: written to the file, not to standard output"
        );
        let text = match name.rsplit('.').next().unwrap() {
            "docx" => docx_text(Path::new(&file)),
            "xlsx" => part(Path::new(&file), "xl/sharedStrings.xml"),
            _ => std::fs::read_to_string(&file).unwrap(),
        };
        assert!(text.contains(needle), "{args:?} → {name}: no {needle:?}");
        assert!(
            text.contains("政协代县委员会") || name.ends_with(".csv"),
            "{name}: titled"
        );
        // Never over an existing file without --force.
        let err = env.fail(&a, 1);
        assert!(err.contains("已存在"), "{args:?}: {err}");
    }
    let txt = path(&env, "members.txt");
    env.refuse_with(&["member", "list", "-o", &txt], 2, &[".txt"]);
}

#[test]
fn a_contact_list_masks_phones_unless_revealed_and_logs_the_reveal() {
    let env = demo();
    let phone = phone_of(&env, "D001");
    let csv = env.ok(&["member", "list", "--contacts", "--format", "csv"]);
    assert!(
        csv.contains("编号,姓名,性别,界别,工作单位,职务,联系电话"),
        "{csv}"
    );
    assert!(
        csv.contains("D001,姚文斌,男,中国共产党,阳明堡镇卫生院,副主任,136****4440"),
        "{csv}"
    );
    assert!(!csv.contains(&phone));

    let before = env.count("SELECT count(*) FROM audit_log");
    let file = path(&env, "通讯录.docx");
    env.ok(&[
        "member",
        "list",
        "--contacts",
        "--sector",
        "中国共产党",
        "--reveal",
        "-o",
        &file,
    ]);
    let text = docx_text(Path::new(&file));
    assert!(text.contains("委员通讯录"), "{text}");
    assert!(
        text.contains(&format!(
            "姚文斌 | 男 | 中国共产党 | 阳明堡镇卫生院 | 副主任 | {phone}"
        )),
        "{text}"
    );
    let shown = text.matches(" | 中国共产党 | ").count() as i64;
    assert!(shown > 0);
    assert_eq!(
        env.count("SELECT count(*) FROM audit_log"),
        before + shown,
        "one audit entry per member revealed"
    );
    env.refuse_with(&["member", "list", "--reveal"], 2, &["--contacts"]);
}

#[test]
fn completions_for_each_shell_and_a_manual_page_in_the_chosen_language() {
    let run = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for (shell, marker) in [
        ("bash", "complete -F _lvzhi"),
        ("zsh", "#compdef lvzhi"),
        ("fish", "complete -c lvzhi"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        assert!(
            script.contains("contacts"),
            "{shell}: options of subcommands are completed"
        );
    }
    let zh = run(&["completions", "fish"]);
    assert!(zh.contains("委员年度履职档案"), "fish shows the help in Chinese");
    let en = run(&["--lang", "en", "completions", "fish"]);
    assert!(en.contains("A member's duty record for the year") || en.contains("A member\\'s duty record"));

    let man = run(&["man"]);
    assert!(man.contains(".TH lvzhi 1"));
    assert!(man.contains(".SH 名称") && man.contains(".SH 选项") && man.contains(".SH 命令"));
    assert!(man.contains("政协委员履职档案与年度履职考核"));
    let sub = run(&["--lang", "en", "man", "report", "member"]);
    assert!(sub.contains(".TH lvzhi-report-member 1"));
    assert!(sub.contains(".SH OPTIONS") && sub.contains("duty record"));
    let out = bin().args(["man", "report", "nothing"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有命令「report nothing」"));
}
