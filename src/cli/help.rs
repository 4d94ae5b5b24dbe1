//! Help in the user's language. The command and argument texts are chosen by `pick` when the
//! command is built; this module puts the words clap writes itself into the same language: the
//! headings, the help and version flags, the `help` command and, in Chinese, the default,
//! environment and possible values of an argument.

use std::fmt::Write as _;

use clap::builder::Styles;
use clap::{Arg, ArgAction, Command, CommandFactory};
use unicode_width::UnicodeWidthStr;

use super::Cli;
use crate::i18n::{Lang, with_lang};

/// The whole command line, every text a user reads in `lang`.
pub fn command(lang: Lang) -> Command {
    with_lang(lang, || {
        let mut cmd = Cli::command();
        // Builds the help and version flags and the `help` commands, so they can be translated.
        cmd.build();
        localize(&mut cmd, lang);
        cmd
    })
}

/// Translates what clap adds to `cmd` and its subcommands.
fn localize(cmd: &mut Command, lang: Lang) {
    let t = |zh: &'static str, en: &'static str| if lang == Lang::Zh { zh } else { en };
    let mut c = std::mem::take(cmd);
    let styles = c.get_styles().clone();
    // The `help` command clap adds; no command of ours is called so.
    let is_help = c.get_name() == "help";
    if is_help {
        c = c.about(t(
            "显示本帮助或某个命令的帮助",
            "Print this message or the help of the given subcommand(s)",
        ));
    }
    // Arguments are changed in place: once built, clap finds them by position.
    c = c.mut_args(|a| match a.get_action() {
        ArgAction::Help if a.get_long_help().is_some() => a
            .help(t(
                "显示帮助（--help 显示更多）",
                "Print help (see more with '--help')",
            ))
            .long_help(t(
                "显示帮助（-h 显示摘要）",
                "Print help (see a summary with '-h')",
            )),
        ArgAction::Help => a.help(t("显示帮助", "Print help")),
        ArgAction::Version => a.help(t("显示版本", "Print version")),
        _ if is_help && a.get_id() == "subcommand" => {
            a.help(t("要显示其帮助的命令", "Print help for the subcommand(s)"))
        }
        _ if lang == Lang::Zh => chinese_values(a, &styles),
        _ => a,
    });
    if lang == Lang::Zh {
        let template = chinese_template(&c);
        c = c.help_template(template);
    }
    *cmd = c;
    for sub in cmd.get_subcommands_mut() {
        localize(sub, lang);
    }
}

/// clap's own layout (`{all-args}`) with Chinese headings.
fn chinese_template(c: &Command) -> String {
    let s = c.get_styles();
    let (u, h) = (s.get_usage(), s.get_header());
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{u}用法：{u:#}{{usage}}");
    // Like clap, a command whose only subcommand is `help` lists no commands.
    if c.get_subcommands()
        .any(|s| s.get_name() != "help" && !s.is_hide_set())
    {
        let _ = write!(t, "\n\n{h}命令：{h:#}\n{{subcommands}}");
    }
    if c.get_positionals().any(|a| !a.is_hide_set()) {
        let _ = write!(t, "\n\n{h}参数：{h:#}\n{{positionals}}");
    }
    if c.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        let _ = write!(t, "\n\n{h}选项：{h:#}\n{{options}}");
    }
    t.push_str("{after-help}");
    t
}

/// Writes an argument's environment variable, default and possible values in Chinese into its
/// help, where clap would write them in English (`[env: …]`, `[default: …]`, `Possible values:`).
fn chinese_values(a: Arg, styles: &Styles) -> Arg {
    let (ctx, val, lit) = (
        styles.get_context(),
        styles.get_context_value(),
        styles.get_literal(),
    );
    let mut specs = Vec::new();
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        let value = if a.is_hide_env_values_set() {
            String::new()
        } else {
            format!("={}", std::env::var_os(env).unwrap_or_default().to_string_lossy())
        };
        specs.push(format!(
            "{ctx}[环境变量：{ctx:#}{val}{}{value}{val:#}{ctx}]{ctx:#}",
            env.to_string_lossy()
        ));
    }
    let takes_values = a.get_action().takes_values();
    if takes_values && !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let defaults: Vec<_> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy())
            .collect();
        specs.push(format!(
            "{ctx}[默认：{ctx:#}{val}{}{val:#}{ctx}]{ctx:#}",
            defaults.join(" ")
        ));
    }
    let values: Vec<_> = if takes_values && !a.is_hide_possible_values_set() {
        a.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    if specs.is_empty() && values.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.ansi().to_string()).unwrap_or_default();
    let long = a
        .get_long_help()
        .map(|h| h.ansi().to_string())
        .unwrap_or_else(|| help.clone());
    let join = |parts: &[String], sep: &str| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(sep)
    };

    // Short help: everything on one line, as clap does.
    let names: Vec<_> = values
        .iter()
        .map(|v| format!("{val}{}{val:#}", v.get_name()))
        .collect();
    let mut short_specs = specs.clone();
    if !names.is_empty() {
        short_specs.push(format!(
            "{ctx}[可选值：{ctx:#}{}{ctx}]{ctx:#}",
            names.join(&format!("{ctx}, {ctx:#}"))
        ));
    }
    let short = join(&[help, short_specs.join(" ")], " ");

    // Long help: the values one a line with their help, then the rest, as clap does.
    let mut long_parts = vec![long];
    if values.iter().any(|v| v.get_help().is_some()) {
        let width = values.iter().map(|v| v.get_name().width()).max().unwrap_or(0);
        let mut list = String::from("可选值：");
        for v in &values {
            let name = v.get_name();
            let _ = write!(list, "\n- {lit}{name}{lit:#}");
            if let Some(h) = v.get_help() {
                let _ = write!(list, "：{:pad$}{h}", "", pad = width - name.width());
            }
        }
        long_parts.push(list);
    } else {
        specs = short_specs;
    }
    long_parts.push(specs.join("\n"));
    let long = join(&long_parts, "\n\n");
    let a = a.help(short).long_help(long).hide_env(true);
    if takes_values {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every text a user can be shown about `cmd` and the commands under it, each with where it is;
    /// `None` where a text is missing.
    fn texts(cmd: &Command, path: &str, out: &mut Vec<(String, Option<String>)>) {
        out.push((format!("{path}: about"), cmd.get_about().map(|s| s.to_string())));
        if let Some(long) = cmd.get_long_about() {
            out.push((format!("{path}: long about"), Some(long.to_string())));
        }
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let at = format!("{path} {}", a.get_id());
            out.push((format!("{at}: help"), a.get_help().map(|s| s.to_string())));
            if let Some(long) = a.get_long_help() {
                out.push((format!("{at}: long help"), Some(long.to_string())));
            }
            for v in a.get_possible_values().iter().filter(|v| !v.is_hide_set()) {
                if let Some(h) = v.get_help() {
                    out.push((format!("{at}={}: help", v.get_name()), Some(h.to_string())));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            texts(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    /// Every command's short and long help as printed, each with the command's path.
    fn rendered(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((format!("{path} -h"), cmd.render_help().to_string()));
        out.push((format!("{path} --help"), cmd.render_long_help().to_string()));
        for sub in cmd.get_subcommands_mut() {
            let path = format!("{path} {}", sub.get_name());
            rendered(sub, &path, out);
        }
    }

    #[test]
    fn every_help_text_is_in_the_language_chosen() {
        for lang in [Lang::Zh, Lang::En] {
            with_lang(lang, || {
                let mut cmd = command(lang);
                let mut all = Vec::new();
                texts(&cmd, "lvzhi", &mut all);
                assert!(all.len() > 300, "{} texts", all.len());
                for (at, text) in &all {
                    let text = text.as_deref().unwrap_or_default();
                    match lang {
                        Lang::Zh => assert!(has_cjk(text), "{at} has no Chinese: {text:?}"),
                        Lang::En => assert!(!text.trim().is_empty() && !has_cjk(text), "{at}: {text:?}"),
                    }
                }

                let mut pages = Vec::new();
                rendered(&mut cmd, "lvzhi", &mut pages);
                for (at, page) in &pages {
                    match lang {
                        Lang::Zh => {
                            let english = ["Usage:", "Commands:", "Arguments:", "Options:", "Print help"];
                            let english = english.iter().chain(&["Print version", "Print this message"]);
                            let english =
                                english.chain(&["Possible values", "[default:", "[env:", "[possible"]);
                            for word in english {
                                assert!(!page.contains(word), "`{at}` shows {word:?}:\n{page}");
                            }
                            assert!(page.contains("用法："), "`{at}`:\n{page}");
                        }
                        Lang::En => {
                            assert!(!has_cjk(page), "`{at}` shows Chinese:\n{page}");
                            assert!(page.contains("Usage:"), "`{at}`:\n{page}");
                        }
                    }
                }
            });
        }
    }

    #[test]
    fn the_chinese_help_lays_out_like_clap() {
        let mut cmd = command(Lang::Zh);
        let add = cmd
            .find_subcommand_mut("member")
            .and_then(|m| m.find_subcommand_mut("add"))
            .unwrap();
        let page = add.render_help().to_string();
        let heads: Vec<_> = page
            .lines()
            .filter(|l| l.ends_with('：') && !l.starts_with(' '))
            .collect();
        assert_eq!(heads, ["参数：", "选项："], "{page}");
        assert!(page.contains("\n  <NAME>  姓名\n"), "{page}");
        assert!(page.contains("--format <FORMAT>"), "{page}");
        assert!(
            page.contains("输出格式 [默认：table] [可选值：table, csv, json, md, xlsx, docx]"),
            "{page}"
        );

        let long = cmd.render_long_help().to_string();
        assert!(long.contains("命令：\n  init "), "{long}");
        assert!(long.contains("可选值：\n          - table：对齐的表格"), "{long}");
        assert!(long.contains("[默认：lvzhi.db]"), "{long}");
        assert!(long.contains("[环境变量：LVZHI_DB"), "{long}");
        assert!(long.contains("-V, --version\n          显示版本"), "{long}");
    }
}
