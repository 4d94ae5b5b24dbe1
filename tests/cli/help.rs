//! `--help` in the language of `--lang`: Chinese by default, English with `--lang en`.

use crate::common::bin;

/// Runs the binary with `args`; returns its exit code, standard output and standard error.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("output is UTF-8");
    (
        out.status.code().expect("an exit code"),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// The help printed by `args`, which must succeed.
fn help(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "lvzhi {args:?}\nstdout:\n{out}\nstderr:\n{err}");
    assert!(err.is_empty(), "lvzhi {args:?} wrote to standard error:\n{err}");
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Words clap writes in English unless told otherwise.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Commands:",
    "Arguments:",
    "Options:",
    "Print help",
    "Print version",
    "Print this message",
    "Possible values",
    "[default:",
    "[env:",
    "[possible values:",
];

fn assert_chinese(args: &[&str], page: &str) {
    for word in CLAP_ENGLISH {
        assert!(!page.contains(word), "lvzhi {args:?} shows {word:?}:\n{page}");
    }
    assert!(
        !page.contains(" ("),
        "lvzhi {args:?} shows an English gloss:\n{page}"
    );
    assert!(page.contains("用法："), "lvzhi {args:?}:\n{page}");
}

fn assert_english(args: &[&str], page: &str) {
    assert!(!has_cjk(page), "lvzhi {args:?} shows Chinese:\n{page}");
    assert!(page.contains("Usage: lvzhi"), "lvzhi {args:?}:\n{page}");
}

#[test]
fn help_is_chinese_by_default() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["member", "add", "--help"],
        &["report", "member", "-h"],
    ] {
        let page = help(args);
        assert_chinese(args, &page);
        assert!(page.contains("显示帮助"), "lvzhi {args:?}:\n{page}");
    }
    let page = help(&["--help"]);
    for text in [
        "数据库文件",
        "命令：",
        "选项：",
        "[默认：lvzhi.db]",
        "- table：对齐的表格",
        "显示版本",
    ] {
        assert!(page.contains(text), "lvzhi --help lacks {text:?}:\n{page}");
    }
    let page = help(&["member", "add", "-h"]);
    assert!(page.contains("参数：\n  <NAME>  姓名"), "{page}");
    assert!(
        page.contains("[可选值：table, csv, json, md, xlsx, docx]"),
        "{page}"
    );
}

#[test]
fn help_is_english_with_lang_en() {
    let pages: &[&[&str]] = &[
        &["--lang", "en", "--help"],
        &["--lang=en", "--help"],
        &["--lang", "en", "-h"],
        &["--lang", "en", "member", "add", "--help"],
        &["member", "add", "--lang", "en", "-h"],
        &["--lang", "en", "import", "members", "--help"],
    ];
    for args in pages {
        let page = help(args);
        assert_english(args, &page);
        assert!(page.contains("Print help"), "lvzhi {args:?}:\n{page}");
    }
    let page = help(&["--lang", "en", "--help"]);
    for text in [
        "Database file",
        "Commands:",
        "Options:",
        "[default: lvzhi.db]",
        "Print version",
    ] {
        assert!(
            page.contains(text),
            "lvzhi --lang en --help lacks {text:?}:\n{page}"
        );
    }
    let page = help(&["--lang", "en", "member", "add", "--help"]);
    assert!(
        page.contains("Arguments:") && page.contains("Add a member"),
        "{page}"
    );
}

#[test]
fn the_help_command_follows_the_language() {
    let page = help(&["help", "member"]);
    assert_chinese(&["help", "member"], &page);
    assert!(
        page.contains("用法：lvzhi member") && page.contains("添加委员"),
        "{page}"
    );
    let page = help(&["help", "member", "add"]);
    assert!(page.contains("用法：lvzhi member add"), "{page}");
    let page = help(&["member", "help", "add"]);
    assert!(page.contains("用法：lvzhi member add"), "{page}");

    let page = help(&["--lang", "en", "help", "member"]);
    assert_english(&["--lang", "en", "help", "member"], &page);
    assert!(
        page.contains("Usage: lvzhi member") && page.contains("Add a member"),
        "{page}"
    );
    let page = help(&["--lang", "en", "help"]);
    assert!(page.contains("Usage: lvzhi [OPTIONS] <COMMAND>"), "{page}");
}

#[test]
fn exit_codes_are_unchanged() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(
        (code, out.trim()),
        (0, concat!("lvzhi ", env!("CARGO_PKG_VERSION")))
    );
    for args in [
        &["--bogus"][..],
        &["member", "add"],
        &["help", "nosuch"],
        &["--lang", "en", "--bogus"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "lvzhi {args:?}\nstdout:\n{out}\nstderr:\n{err}");
        assert!(
            out.is_empty() && !err.is_empty(),
            "lvzhi {args:?}\nstdout:\n{out}\nstderr:\n{err}"
        );
    }
    // A command without its subcommand prints its help, in the language chosen, as an error.
    let (code, _, err) = run(&["member"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("用法：lvzhi member") && err.contains("添加委员"),
        "{err}"
    );
    let (code, _, err) = run(&["--lang", "en", "member"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Usage: lvzhi member") && err.contains("Add a member"),
        "{err}"
    );
}

/// A mistyped command line is told in Chinese by default (what was wrong, the allowed values or
/// a likely meant spelling, the usage), and in clap's English with `--lang en`.
#[test]
fn command_line_mistakes_are_told_in_the_language_chosen() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["member", "ad"], &["没有「ad」这个命令", "是不是要写「add」"]),
        (
            &["member", "add"],
            &["缺少必需的参数", "--sector <SECTOR>", "用法：lvzhi member add"],
        ),
        (&["member", "list", "--bogus"], &["不认识的参数「--bogus」"]),
        (
            &["--format", "xml", "member", "list"],
            &["「xml」无效", "可选值：table、csv"],
        ),
        (
            &["activity", "list", "--year", "abc"],
            &["--year <YEAR> 的值「abc」无效：应为整数"],
        ),
    ];
    for (args, wants) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "lvzhi {args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.starts_with("错误：命令行有误："), "lvzhi {args:?}: {err}");
        for w in *wants {
            assert!(err.contains(w), "lvzhi {args:?} lacks {w:?}: {err}");
        }
        for word in ["error:", "Usage:", "tip:", "For more information"] {
            assert!(!err.contains(word), "lvzhi {args:?} shows {word:?}: {err}");
        }
        let mut en = vec!["--lang", "en"];
        en.extend_from_slice(args);
        let (code, _, err) = run(&en);
        assert_eq!(code, 2);
        assert!(!has_cjk(&err) && err.contains("error:"), "lvzhi {en:?}: {err}");
    }
}
