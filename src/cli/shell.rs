//! `lvzhi completions SHELL` and `lvzhi man [COMMAND…]`: generated from the same command line
//! the program parses, in the language chosen with `--lang`.

use std::io::IsTerminal;

use clap_complete::Shell as ClapShell;

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang, pick};
use crate::text;

/// The shells completions are made for.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Arguments of `lvzhi completions`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    #[arg(value_enum, help = pick("哪种 shell", "Which shell"))]
    shell: Shell,
}

/// Arguments of `lvzhi man`.
#[derive(clap::Args, Debug)]
pub struct ManArgs {
    #[arg(help = pick(
        "某个命令的手册页，如 report member；不写时为 lvzhi 本身",
        "The manual page of one command, such as `report member`; lvzhi itself when not given"
    ))]
    command: Vec<String>,
}

/// Writes the completion script for a shell to standard output.
pub fn completions(a: CompletionsArgs, ctx: &mut Ctx) -> Result<()> {
    let mut cmd = super::help::command(lang());
    let shell = match a.shell {
        Shell::Bash => ClapShell::Bash,
        Shell::Zsh => ClapShell::Zsh,
        Shell::Fish => ClapShell::Fish,
        Shell::Powershell => ClapShell::PowerShell,
    };
    clap_complete::generate(shell, &mut cmd, "lvzhi", &mut ctx.out);
    Ok(())
}

/// Section headings clap_mangen writes, in Chinese.
const HEADINGS_ZH: [(&str, &str); 7] = [
    ("NAME", "名称"),
    ("SYNOPSIS", "用法"),
    ("DESCRIPTION", "说明"),
    ("OPTIONS", "选项"),
    ("SUBCOMMANDS", "命令"),
    ("VERSION", "版本"),
    ("AUTHORS", "作者"),
];

/// Writes a manual page (roff) to standard output.
pub fn man(a: ManArgs, ctx: &mut Ctx) -> Result<()> {
    let mut cmd = super::help::command(lang());
    let mut path = vec!["lvzhi".to_string()];
    for name in &a.command {
        let Some(sub) = cmd.find_subcommand(name).cloned() else {
            return Err(Error::usage(text!(
                "没有命令「{}」",
                "there is no command '{}'",
                path.iter()
                    .skip(1)
                    .chain([name])
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
            .with_hint(text!(
                "lvzhi --help 列出所有命令",
                "`lvzhi --help` lists the commands"
            )));
        };
        path.push(name.clone());
        cmd = sub.display_name(path.join("-"));
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .manual(pick("lvzhi 履职手册", "lvzhi manual"))
        .source(format!("lvzhi {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    let page = String::from_utf8_lossy(&page).into_owned();
    let page = match lang() {
        Lang::Zh => {
            page.lines()
                .map(|l| {
                    HEADINGS_ZH
                        .iter()
                        .find(|(en, _)| l == format!(".SH {en}"))
                        .map_or(l.to_string(), |(_, zh)| format!(".SH {zh}"))
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        Lang::En => page,
    };
    if std::io::stdout().is_terminal() {
        ctx.tell(text!(
            "（手册页是 roff 格式；用 lvzhi man | man -l - 阅读）",
            "(a manual page in roff; read it with `lvzhi man | man -l -`)"
        ));
    }
    ctx.out.extend_from_slice(page.as_bytes());
    Ok(())
}
