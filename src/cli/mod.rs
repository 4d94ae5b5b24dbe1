//! The command line: parses arguments and calls the storage layer and the renderers.

mod activity;
mod assess;
mod attend;
mod awards;
mod demo;
mod export;
mod import;
mod init;
mod kind;
mod log;
mod member;
mod opinion;
mod org;
mod proposal;
mod report;
mod rules;
mod sector;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};
use crate::i18n::{Lang, Text, pick, set_lang};
use crate::output::{Doc, Format, Listing, render_doc, render_listing};
use crate::store::{OpenMode, Store};
use crate::text;

/// lvzhi 履职：政协委员履职档案与年度履职考核 (duty records and year-end assessment of a CPPCC committee)
#[derive(Parser, Debug)]
#[command(name = "lvzhi", version, max_term_width = 100)]
pub struct Cli {
    /// 数据库文件 (database file)
    #[arg(long, global = true, env = "LVZHI_DB", default_value = "lvzhi.db")]
    pub db: PathBuf,
    /// 输出格式 (output format)
    #[arg(long, global = true, value_enum, default_value = "table")]
    pub format: Format,
    /// 界面语言 (language)
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: Lang,
    /// CSV 不加 UTF-8 BOM（供脚本读取；Excel/WPS 需要 BOM 才不乱码） (CSV without BOM)
    #[arg(long, global = true)]
    pub no_bom: bool,
    /// 操作人，记入审计日志；默认取 $USER (operator recorded in the audit log)
    #[arg(long, global = true)]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 建立或升级数据库 (create or upgrade the database)
    Init(init::Args),
    /// 界别 (sectors)
    #[command(subcommand)]
    Sector(sector::Cmd),
    /// 专委会、联络组、委员小组 (organisations)
    #[command(subcommand)]
    Org(org::Cmd),
    /// 委员 (members)
    #[command(subcommand)]
    Member(member::Cmd),
    /// 活动类型 (activity kinds)
    #[command(subcommand)]
    Kind(kind::Cmd),
    /// 会议和活动 (activities)
    #[command(subcommand)]
    Activity(activity::Cmd),
    /// 登记出席情况 (record attendance)
    Attend(attend::Args),
    /// 提案 (proposals)
    #[command(subcommand)]
    Proposal(proposal::Cmd),
    /// 社情民意信息 (opinion reports)
    #[command(subcommand)]
    Opinion(opinion::Cmd),
    /// 表彰 (commendations)
    #[command(subcommand)]
    Commend(awards::CommendCmd),
    /// 人工加减分 (manual adjustments)
    #[command(subcommand)]
    Adjust(awards::AdjustCmd),
    /// 年度履职考核 (the year-end duty assessment)
    Assess(assess::Args),
    /// 考核办法（规则文件） (scoring schemes)
    #[command(subcommand)]
    Rules(rules::Cmd),
    /// 审计日志 (the audit trail)
    Log(log::Args),
    /// 建立演示委员会并输出其年度考核 (build the demo committee)
    Demo(demo::Args),
    /// 年终报表：排名、履职档案、数字汇总、出席 (year-end reports)
    #[command(subcommand)]
    Report(report::Cmd),
    /// 导出常委会用的年度工作簿 .xlsx (one workbook for the standing committee)
    Export(export::Args),
    /// 导入 Excel/WPS 表格：委员名单、活动、签到表、提案、社情民意信息 (import spreadsheets)
    #[command(subcommand)]
    Import(import::Cmd),
}

/// What every command needs: where the database is, how to print, who is acting.
pub struct Ctx {
    pub db: PathBuf,
    pub format: Format,
    /// CSV output starts with a UTF-8 byte order mark.
    pub bom: bool,
    operator: String,
    command: String,
    out: Vec<u8>,
}

impl Ctx {
    /// Opens the existing database.
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.db, OpenMode::Existing, &self.operator, &self.command)
    }

    /// Opens the database, creating it when missing.
    pub fn open_or_create(&self) -> Result<Store> {
        Store::open(&self.db, OpenMode::Create, &self.operator, &self.command)
    }

    pub fn listing(&mut self, l: &Listing) -> Result<()> {
        self.csv_bom();
        render_listing(&mut self.out, l, self.format)
    }

    pub fn doc(&mut self, d: &Doc) -> Result<()> {
        self.csv_bom();
        render_doc(&mut self.out, d, self.format)
    }

    /// Excel and WPS read a CSV file as UTF-8 only when it starts with a byte order mark.
    fn csv_bom(&mut self) {
        if self.format == Format::Csv && self.bom && self.out.is_empty() {
            self.out.extend_from_slice("\u{feff}".as_bytes());
        }
    }

    /// A line of data on standard output (such as a new id).
    pub fn line(&mut self, s: &str) -> Result<()> {
        writeln!(self.out, "{s}")?;
        Ok(())
    }

    /// A confirmation for the person at the keyboard, on standard error.
    pub fn tell(&self, t: Text) {
        eprintln!("{t}");
    }
}

/// Splits "A,B，C、D" into trimmed, non-empty names or codes.
pub fn split_list(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split([',', '，', '、']))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses a date argument, naming the flag in the message.
pub fn date_arg(flag: &str, value: &str) -> Result<chrono::NaiveDate> {
    crate::domain::dates::parse_date((flag, flag), value)
}

fn lang_from_args(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            if it.next().map(String::as_str) == Some("en") {
                return Lang::En;
            }
        } else if a == "--lang=en" {
            return Lang::En;
        }
    }
    Lang::Zh
}

fn print_error(e: &Error) {
    eprintln!("{}{}", pick("错误：", "error: "), e.message);
    if let Some(h) = &e.hint {
        eprintln!("{}{}", pick("提示：", "hint: "), h);
    }
}

/// Runs the program on the given arguments; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    set_lang(lang_from_args(&args));
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            if code != 0 {
                eprintln!(
                    "{}",
                    pick(
                        "错误：命令行参数有误（详见下文；lvzhi --help 查看用法）",
                        "error: bad command line (see below; `lvzhi --help` shows usage)"
                    )
                );
            }
            let _ = e.print();
            return code;
        }
    };
    set_lang(cli.lang);
    let operator = cli
        .operator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into());
    let mut ctx = Ctx {
        db: cli.db.clone(),
        format: cli.format,
        bom: !cli.no_bom,
        operator,
        command: args.iter().skip(1).cloned().collect::<Vec<_>>().join(" "),
        out: Vec::new(),
    };
    let mut result = dispatch(cli.command, &mut ctx);
    if result.is_ok() && ctx.format == Format::Xlsx && !ctx.out.is_empty() {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            ctx.out.clear();
            result = Err(report::xlsx_to_terminal());
        }
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(&ctx.out).and_then(|_| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{e}");
        return 1;
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            print_error(&e);
            e.exit_code()
        }
    }
}

fn dispatch(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::Init(a) => init::run(a, ctx),
        Command::Sector(c) => sector::run(c, ctx),
        Command::Org(c) => org::run(c, ctx),
        Command::Member(c) => member::run(c, ctx),
        Command::Kind(c) => kind::run(c, ctx),
        Command::Activity(c) => activity::run(c, ctx),
        Command::Attend(a) => attend::run(a, ctx),
        Command::Proposal(c) => proposal::run(c, ctx),
        Command::Opinion(c) => opinion::run(c, ctx),
        Command::Commend(c) => awards::run_commend(c, ctx),
        Command::Adjust(c) => awards::run_adjust(c, ctx),
        Command::Assess(a) => assess::run(a, ctx),
        Command::Rules(c) => rules::run(c, ctx),
        Command::Log(a) => log::run(a, ctx),
        Command::Demo(a) => demo::run(a, ctx),
        Command::Report(c) => report::run(c, ctx),
        Command::Export(a) => export::run(a, ctx),
        Command::Import(c) => import::run(c, ctx),
    }
}

/// A required-year message for commands that need one.
pub fn need(flag: &str) -> Error {
    Error::usage(text!("缺少 {}", "missing {}", flag))
}
