//! `lvzhi rules check|set|show|presets|preset`.

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::{Text, pick};
use crate::output::{Cell, Col, Listing};
use crate::scoring::{self, Scheme};
use crate::store::assess;
use crate::text;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "检查规则文件，报告错误所在的行和列",
        "Check a rule file, reporting the line and column of each error"
    ))]
    Check {
        #[arg(help = pick("规则文件（TOML）", "Rule file (TOML)"))]
        file: PathBuf,
    },
    #[command(about = pick("把规则文件设为某年度的考核办法", "Make a rule file the scheme of a year"))]
    Set {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[arg(
            required_unless_present = "preset",
            conflicts_with = "preset",
            help = pick("规则文件（TOML）；或用 --preset", "Rule file (TOML); or use --preset")
        )]
        file: Option<PathBuf>,
        #[arg(long, help = pick("使用预置办法，如 tongcheng-2019", "Use a shipped preset, e.g. tongcheng-2019"))]
        preset: Option<String>,
    },
    #[command(about = pick("显示某年度的考核办法原文", "Print the scheme of a year as stored"))]
    Show {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
    },
    #[command(about = pick("列出预置的考核办法", "List the shipped presets"))]
    Presets,
    #[command(about = pick(
        "输出一个预置办法的全文，可另存后修改",
        "Print a preset in full, to save and edit"
    ))]
    Preset {
        #[arg(help = pick("预置名称", "Name of the preset"))]
        name: String,
    },
}

/// Reads a rule file, naming it in the message when it cannot be read.
pub fn read(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).map_err(|e| {
        Error::data(text!(
            "无法读取规则文件「{}」：{}",
            "cannot read rule file '{}': {}",
            file.display(),
            crate::error::io_reason(&e)
        ))
    })
}

/// Parses and validates a rule text; every error is reported with its line and column.
pub fn parse(label: &str, text: &str, kinds: &[String]) -> Result<Scheme> {
    scoring::parse_rules(text, kinds).map_err(|errors| {
        let zh = errors
            .iter()
            .map(|e| format!("{label}:{}:{}: {}", e.line, e.column, e.message_zh))
            .collect::<Vec<_>>()
            .join("\n");
        let en = errors
            .iter()
            .map(|e| format!("{label}:{}:{}: {}", e.line, e.column, e.message_en))
            .collect::<Vec<_>>()
            .join("\n");
        Error::data(Text::new(
            format!("规则文件有 {} 处错误：\n{zh}", errors.len()),
            format!("the rule file has {} error(s):\n{en}", errors.len()),
        ))
        .with_hint(text!(
            "格式说明见 docs/rules.md；没有保存任何内容",
            "the format is described in docs/rules.md; nothing was stored"
        ))
    })
}

fn preset_text(name: &str) -> Result<&'static str> {
    scoring::preset(name).map(|p| p.text).ok_or_else(|| {
        let names: Vec<&str> = scoring::presets().iter().map(|p| p.name).collect();
        Error::usage(text!("没有名为「{}」的预置办法", "no preset named '{}'", name)).with_hint(text!(
            "可用的预置：{}",
            "presets: {}",
            names.join(", ")
        ))
    })
}

/// Kind codes known to the database, or the built-in ones when there is no database.
fn kinds(ctx: &Ctx) -> Result<Vec<String>> {
    if ctx.db.exists() {
        assess::kind_codes(ctx.open()?.conn())
    } else {
        Ok(scoring::builtin_kinds())
    }
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Cmd::Check { file } => {
            let text = read(&file)?;
            let scheme = parse(&file.display().to_string(), &text, &kinds(ctx)?)?;
            ctx.tell(text!(
                "规则文件有效：{}（{} 个类别）",
                "the rule file is valid: {} ({} categories)",
                pick(&scheme.scheme.title_zh, &scheme.scheme.title_en),
                scheme.categories.len()
            ));
        }
        Cmd::Set { year, file, preset } => {
            let year = year.get();
            let (label, text) = match (&file, &preset) {
                (Some(f), _) => (f.display().to_string(), read(f)?),
                (None, Some(p)) => (format!("preset:{p}"), preset_text(p)?.to_string()),
                (None, None) => unreachable!("clap requires one of them"),
            };
            let mut store = ctx.open()?;
            let scheme = parse(&label, &text, &assess::kind_codes(store.conn())?)?;
            store.write(|w| assess::set_scheme(w, year, &scheme.scheme.name, &label, &text))?;
            ctx.tell(text!(
                "已将「{}」设为 {} 年度的考核办法",
                "'{}' is now the scheme for {}",
                pick(&scheme.scheme.title_zh, &scheme.scheme.title_en),
                year
            ));
        }
        Cmd::Show { year } => {
            let year = year.get();
            let store = ctx.open()?;
            let s = assess::scheme(store.conn(), year)?.ok_or_else(|| no_scheme(year))?;
            ctx.tell(text!(
                "{} 年度考核办法：{}，来源 {}，设定于 {}，SHA-256 {}",
                "scheme for {}: {}, from {}, set at {}, SHA-256 {}",
                year,
                s.name,
                s.source,
                s.set_at,
                s.sha256
            ));
            ctx.line(s.text.trim_end())?;
        }
        Cmd::Presets => {
            let mut l = Listing::new(vec![
                Col::new("name", "名称", "Name"),
                Col::new("title", "办法", "Scheme").label_only(),
            ]);
            for p in scoring::presets() {
                l.push(vec![Cell::text(p.name), Cell::text(pick(p.title_zh, p.title_en))]);
            }
            ctx.listing(&l)?;
        }
        Cmd::Preset { name } => {
            let t = preset_text(&name)?;
            ctx.line(t.trim_end())?;
        }
    }
    Ok(())
}

/// The message for a year without a scheme.
pub fn no_scheme(year: i32) -> Error {
    Error::data(text!("{} 年度还没有设定考核办法", "no scheme is set for {}", year)).with_hint(text!(
        "用 lvzhi rules set --year {} 规则文件.toml 设定，或 lvzhi rules set --year {} --preset tongcheng-2019 使用预置办法（lvzhi rules presets 列出全部）",
        "set one with `lvzhi rules set --year {} FILE.toml`, or use a preset: `lvzhi rules set --year {} --preset tongcheng-2019` (`lvzhi rules presets` lists them)",
        year,
        year
    ))
}
