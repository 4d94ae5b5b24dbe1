//! The command line: parses arguments and calls the storage layer and the renderers.

mod across;
mod activity;
mod assess;
mod attend;
mod awards;
mod backup;
mod check;
mod committee;
mod confirm;
mod contribution;
mod demo;
mod donation;
mod export;
mod help;
mod import;
mod import_undo;
mod init;
mod kind;
mod log;
mod member;
mod opinion;
mod org;
mod proposal;
mod report;
mod rollup;
mod rules;
mod sector;
mod shell;
mod usage_error;

use std::io::Write;
use std::path::PathBuf;

use clap::{FromArgMatches, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::i18n::{Lang, Text, pick, set_lang};
use crate::output::{Doc, Format, Listing, Outputs, render_doc, render_listing};
use crate::store::{OpenMode, Store};
use crate::text;

/// The command line of `lvzhi`; its help texts follow `--lang`.
#[derive(Parser, Debug)]
#[command(
    name = "lvzhi",
    version,
    max_term_width = 100,
    about = pick(
        "lvzhi 履职：政协委员履职档案与年度履职考核",
        "lvzhi: duty records and year-end assessment of a CPPCC committee"
    )
)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        env = "LVZHI_DB",
        default_value = "lvzhi.db",
        help = pick("数据库文件", "Database file")
    )]
    pub db: PathBuf,
    #[arg(long, global = true, value_enum, default_value = "table", help = pick("输出格式", "Output format"))]
    pub format: Format,
    #[arg(long, global = true, value_enum, default_value = "zh", help = pick("界面语言", "Language"))]
    pub lang: Lang,
    #[arg(
        long,
        global = true,
        help = pick(
            "CSV 不加 UTF-8 BOM（供脚本读取；Excel/WPS 需要 BOM 才不乱码）",
            "CSV without the UTF-8 byte order mark (for scripts; Excel and WPS need it to read Chinese)"
        )
    )]
    pub no_bom: bool,
    #[arg(
        long,
        global = true,
        help = pick("操作人，记入审计日志；默认取 $USER", "Operator written to the audit log; $USER by default")
    )]
    pub operator: Option<String>,
    #[arg(
        long,
        global = true,
        help = pick(
            "覆盖已有的输出文件（数据库文件和其他程序的 SQLite 文件永不覆盖）",
            "Replace output files that exist (never the database, nor another program's SQLite file)"
        )
    )]
    pub force: bool,
    #[arg(
        long,
        global = true,
        help = pick("对所有确认回答\"是\"（供脚本使用）", "Answer yes to every confirmation (for scripts)")
    )]
    pub yes: bool,
    #[arg(
        long,
        global = true,
        value_name = "N",
        help = pick(
            "表格宽度（列数）；默认取终端宽度或 COLUMNS，0 表示不限",
            "Table width in columns; the terminal's or COLUMNS by default, 0 for no limit"
        )
    )]
    pub width: Option<usize>,
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "fit",
        help = pick("终端表格显示哪些列", "Which columns terminal tables show")
    )]
    pub columns: crate::output::table::Columns,
    #[arg(
        long,
        global = true,
        value_name = "CODE",
        help = pick(
            "汇总文件中只看这个委员会（行政区划代码）；不写则列出所有委员会",
            "In a roll-up file, that committee only (its division code); without it, every committee"
        )
    )]
    pub committee: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

// The commands of `lvzhi` (no doc comment: clap would show it as the about of `lvzhi`).
#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(
        about = pick("建立或升级数据库", "Create or upgrade the database"),
        long_about = pick(
            "建立数据库（已存在时只升级结构，可重复运行）",
            "Create the database (an existing one only has its structure upgraded; safe to run again)"
        )
    )]
    Init(init::Args),
    #[command(
        subcommand,
        about = pick(
            "本会：名称、级别、行政区划代码、上级代码",
            "The committee: name, level, division code, parent code"
        )
    )]
    Committee(committee::Cmd),
    #[command(subcommand, about = pick("界别", "Sectors"))]
    Sector(sector::Cmd),
    #[command(
        subcommand,
        about = pick("专委会、联络组、委员小组", "Special committees, liaison groups and member groups")
    )]
    Org(org::Cmd),
    #[command(subcommand, about = pick("委员", "Members"))]
    Member(member::Cmd),
    #[command(subcommand, about = pick("活动类型", "Activity kinds"))]
    Kind(kind::Cmd),
    #[command(subcommand, about = pick("会议和活动", "Meetings and activities"))]
    Activity(activity::Cmd),
    #[command(
        about = pick("登记出席情况", "Record attendance"),
        long_about = pick(
            "登记一次活动的出席情况；委员写编号或姓名，逗号分隔；写成「王芳:3」表示出席 3 个半天。\
             已登记过的委员按本次修改。",
            "Record attendance at one activity. Members are given by code or name, comma-separated; \
             NAME:3 means 3 half-days attended. Members already recorded are changed to this entry."
        )
    )]
    Attend(attend::Args),
    #[command(subcommand, about = pick("提案", "Proposals"))]
    Proposal(proposal::Cmd),
    #[command(subcommand, about = pick("社情民意信息", "Opinion reports"))]
    Opinion(opinion::Cmd),
    #[command(subcommand, about = pick("表彰", "Commendations"))]
    Commend(awards::CommendCmd),
    #[command(subcommand, about = pick("人工加减分", "Manual point adjustments"))]
    Adjust(awards::AdjustCmd),
    #[command(subcommand, about = pick("捐款捐物", "Donations"))]
    Donation(donation::Cmd),
    #[command(subcommand, about = pick("履职成果（调研报告、文史资料、宣传报道等）", "Other duty outputs (research reports, historical materials, media articles, …)"))]
    Contribution(contribution::Cmd),
    #[command(
        about = pick("年度履职考核", "The year-end duty assessment"),
        long_about = pick(
            "年度履职考核：按该年度的考核办法计算、保存草稿并输出排名",
            "The year-end duty assessment: computed by the year's scheme, saved as a draft and printed \
             as a ranking"
        )
    )]
    Assess(assess::Args),
    #[command(subcommand, about = pick("考核办法（规则文件）", "Scoring schemes (rule files)"))]
    Rules(rules::Cmd),
    #[command(
        about = pick("审计日志", "The audit trail"),
        long_about = pick(
            "查看审计日志（每一处修改：时间、操作人、命令、修改前后）",
            "Show the audit trail (every change: time, operator, command, before and after)"
        )
    )]
    Log(log::Args),
    #[command(about = pick(
        "备份整个数据库（一致的副本，已校验，记入审计日志）",
        "Back up the whole database (a consistent, checked copy; logged)"
    ))]
    Backup(backup::Args),
    #[command(
        subcommand,
        about = pick(
            "汇总：市、省政协收入各委员会的报送文件",
            "Roll-up: a city or province bringing in its committees' packages"
        )
    )]
    Rollup(rollup::Cmd),
    #[command(about = pick(
        "检查数据库：文件完整、引用有效、结构（约束、触发器）与本版本一致",
        "Check the database: the file is sound, references hold, the schema (constraints, triggers) is this version's"
    ))]
    Check(check::Args),
    #[command(
        about = pick("建立演示委员会并输出其年度考核", "Build the demo committee and print its assessment"),
        long_about = pick(
            "建立演示委员会（仿照代县政协 2022 年工作报告），并输出该年度的履职考核排名",
            "Build a demo committee (modelled on the 2022 work report of the Dai County CPPCC) and print \
             that year's assessment ranking"
        )
    )]
    Demo(demo::Args),
    #[command(
        subcommand,
        about = pick(
            "年终报表：排名、履职档案、数字汇总、出席",
            "Year-end reports: ranking, duty records, figures, attendance"
        )
    )]
    Report(report::Cmd),
    #[command(
        about = pick("导出常委会用的年度工作簿 .xlsx", "Export the year's workbook (.xlsx) for the standing committee"),
        long_about = pick(
            "年度汇总工作簿（常委会用）：排名、分界别、提案、社情民意、出席、数字汇总",
            "The year's workbook for the standing committee: ranking, sectors, proposals, opinion reports, \
             attendance, figures"
        )
    )]
    Export(export::Args),
    #[command(
        subcommand,
        about = pick(
            "导入 Excel/WPS 表格：委员名单、活动、签到表、提案、社情民意信息",
            "Import Excel/WPS spreadsheets: rosters, activities, sign-in sheets, proposals, opinion reports"
        )
    )]
    Import(import::Cmd),
    #[command(
        about = pick("输出 shell 自动补全脚本", "Print a shell completion script"),
        long_about = pick(
            "输出 shell 自动补全脚本，例如：lvzhi completions bash > ~/.local/share/bash-completion/completions/lvzhi",
            "Print a shell completion script, e.g. lvzhi completions bash > \
             ~/.local/share/bash-completion/completions/lvzhi"
        )
    )]
    Completions(shell::CompletionsArgs),
    #[command(
        about = pick("输出手册页（man 格式）", "Print the manual page (man format)"),
        long_about = pick(
            "输出手册页（roff 格式），例如：lvzhi man > lvzhi.1，或 lvzhi man report member | man -l -",
            "Print the manual page in roff, e.g. lvzhi man > lvzhi.1, or lvzhi man report member | man -l -"
        )
    )]
    Man(shell::ManArgs),
}

/// What every command needs: where the database is, how to print, who is acting.
pub struct Ctx {
    pub db: PathBuf,
    pub format: Format,
    /// `--format` was given on the command line (not the default).
    pub format_given: bool,
    /// CSV output starts with a UTF-8 byte order mark.
    pub bom: bool,
    /// `--force`: output files that exist may be replaced.
    pub force: bool,
    /// `--yes`: every confirmation is answered yes.
    pub yes: bool,
    operator: String,
    command: String,
    out: Vec<u8>,
    /// `--committee CODE`: in a roll-up, the committee every read is limited to.
    committee: Option<String>,
    /// The command works on a roll-up file as a whole (it is not limited to one committee).
    whole: bool,
    /// Run for one committee of a roll-up read as a whole: what the command gives is kept here
    /// to be put together with the other committees' (see [`across`]).
    gather: Option<across::Gathered>,
}

impl Ctx {
    /// Opens the existing database; in a roll-up file, limited to the committee `--committee`
    /// names (required there by every command that reads one committee's records).
    pub fn open(&self) -> Result<Store> {
        let store = self.existing()?;
        self.scoped(store, false)
    }

    /// The existing database, opened (and upgraded if it is older).
    fn existing(&self) -> Result<Store> {
        self.not_a_folder()?;
        self.opened(Store::open(
            &self.db,
            OpenMode::Existing,
            &self.operator,
            &self.command,
        )?)
    }

    /// `--committee CODE`, when given.
    pub fn committee(&self) -> Option<&str> {
        self.committee.as_deref()
    }

    /// Opens the existing database for a report that can also be made across the committees
    /// of a roll-up: true with the store when it is a roll-up read as a whole (no
    /// `--committee`).
    pub fn open_across(&self) -> Result<(Store, bool)> {
        let store = self.existing()?;
        let across = self.committee.is_none() && crate::store::rollup::is_rollup(store.conn())?;
        Ok((self.scoped(store, across)?, across))
    }

    /// For a command given without `--committee` on a roll-up file: the committees it is to be
    /// run for one by one, or none when it runs once (after `--committee` is set to the one
    /// committee holding the member it names).
    fn across(&mut self, cmd: &Command) -> Result<Option<Vec<crate::store::rollup::Held>>> {
        use crate::store::rollup;
        if self.committee.is_some() || self.whole || !self.db.is_file() {
            return Ok(None);
        }
        let plan = across::plan(cmd, self.whole);
        if matches!(plan, across::Plan::Whole) {
            return Ok(None);
        }
        let store = self.existing()?;
        if !rollup::is_rollup(store.conn())? {
            return Ok(None);
        }
        match plan {
            across::Plan::Records => Err(crate::store::rollup_refusal()),
            across::Plan::Member(key) => {
                self.committee = Some(across::committee_of(self, &key)?);
                Ok(None)
            }
            _ => Ok(Some(rollup::held(store.conn())?)),
        }
    }

    fn scoped(&self, mut store: Store, across: bool) -> Result<Store> {
        use crate::store::rollup;
        let is_rollup = rollup::is_rollup(store.conn())?;
        match &self.committee {
            _ if self.whole || across => {}
            Some(code) if is_rollup => {
                store.scope_to(code)?;
            }
            Some(code) => {
                let own = crate::store::committee::get(store.conn())?.and_then(|c| c.code);
                if own.as_deref() != Some(code.as_str()) {
                    let own = own.unwrap_or_else(|| "-".into());
                    return Err(Error::usage(text!(
                        "本文件只有一个委员会（代码 {}），没有 --committee {}",
                        "this file holds one committee (code {}), not --committee {}",
                        own,
                        code
                    )));
                }
            }
            None if is_rollup => {
                let held = rollup::held(store.conn())?;
                let list: Vec<String> = held.iter().map(|h| format!("{} {}", h.code, h.name)).collect();
                return Err(Error::usage(text!(
                    "这是汇总文件，其中有 {} 个委员会：用 --committee 代码 指定一个",
                    "this is a roll-up file holding {} committees: name one with --committee CODE",
                    held.len()
                ))
                .with_hint(text!(
                    "已收入：{}",
                    "held: {}",
                    if list.is_empty() {
                        "-".to_string()
                    } else {
                        list.join(pick("，", ", "))
                    }
                )));
            }
            None => {}
        }
        Ok(store)
    }

    /// Opens the database, creating it when missing.
    pub fn open_or_create(&self) -> Result<Store> {
        self.not_a_folder()?;
        self.opened(Store::open(
            &self.db,
            OpenMode::Create,
            &self.operator,
            &self.command,
        )?)
    }

    /// Says so when opening the file upgraded it from an older version.
    fn opened(&self, store: Store) -> Result<Store> {
        if let Some((version, copy)) = store.upgraded() {
            self.tell(text!(
                "数据库「{}」已从结构版本 {} 升级到 {}；升级前的文件已自动备份为「{}」",
                "the database '{}' was upgraded from schema version {} to {}; the file as it was is backed up as '{}'",
                self.db.display(),
                version,
                crate::store::latest_version(),
                copy.display()
            ));
        }
        Ok(store)
    }

    /// Where `-o` files go: never over the database, an existing file only with `--force`.
    pub fn outputs(&self) -> Outputs {
        Outputs::new(&self.db, self.force)
    }

    /// A folder given to `--db` is named as such (reading it fails with no path).
    fn not_a_folder(&self) -> Result<()> {
        if self.db.is_dir() {
            return Err(Error::usage(text!(
                "--db 指定的「{}」是一个文件夹，不是数据库文件",
                "'{}' given with --db is a folder, not a database file",
                self.db.display()
            ))
            .with_hint(text!(
                "写出文件夹中的数据库文件，如 {}/lvzhi.db",
                "name the database file inside it, e.g. {}/lvzhi.db",
                self.db.display().to_string().trim_end_matches('/')
            )));
        }
        Ok(())
    }

    pub fn listing(&mut self, l: &Listing) -> Result<()> {
        if let Some(g) = &mut self.gather {
            g.listing = Some(across::Part {
                out: None,
                what: None,
                listing: l.clone(),
            });
            return Ok(());
        }
        self.csv_bom();
        render_listing(&mut self.out, l, self.format)
    }

    /// A listing to standard output as before, or, with `-o FILE` (or as a workbook or Word
    /// document), a sheet titled with the committee and `what`, through [`report::emit`].
    pub fn listing_out(
        &mut self,
        out: &report::OutArgs,
        store: &Store,
        what: Text,
        l: Listing,
    ) -> Result<()> {
        if self.gathering() {
            return self.keep(out, what.get(), l);
        }
        if out.output.is_none() && !self.binary() {
            return self.listing(&l);
        }
        let title = crate::report::sheets::listing_title(store, &what)?;
        report::emit(
            self,
            out,
            &crate::output::Sheet::listing(what.get(), Some(title), l),
        )
    }

    /// A listing too long to hold, written as its rows come: CSV, JSON and Markdown straight to
    /// standard output, other formats collected first.
    pub fn rows(
        &mut self,
        cols: Vec<crate::output::Col>,
        extras: Vec<crate::output::Extra>,
        rows: &mut crate::output::Rows,
    ) -> Result<()> {
        if self.gather.is_some() {
            return self.gather_rows(None, None, cols, rows);
        }
        if !matches!(self.format, Format::Csv | Format::Json | Format::Md) {
            return crate::output::render_rows(&mut self.out, cols, extras, rows, self.format);
        }
        self.csv_bom();
        let mut w = std::io::BufWriter::new(std::io::stdout().lock());
        w.write_all(&self.out)?;
        self.out.clear();
        crate::output::render_rows(&mut w, cols, extras, rows, self.format)?;
        w.flush()?;
        Ok(())
    }

    /// A workbook to standard output as it is made; never to a terminal.
    pub fn workbook(&mut self, sheets: &[crate::output::xlsx::BookSheet]) -> Result<()> {
        use std::io::IsTerminal;
        if self.gather.is_some() {
            return Err(across::refused());
        }
        if std::io::stdout().is_terminal() {
            return Err(report::binary_to_terminal(Format::Xlsx));
        }
        let mut w = std::io::BufWriter::new(std::io::stdout());
        w.write_all(&self.out)?;
        self.out.clear();
        crate::output::xlsx::write_workbook(&mut w, sheets)?;
        w.flush()?;
        Ok(())
    }

    /// Keeps, for one committee of a roll-up read as a whole, the rows a listing written as they
    /// come gives (with the `-o` and name it was to be written under).
    pub fn gather_rows(
        &mut self,
        out: Option<&report::OutArgs>,
        what: Option<&str>,
        cols: Vec<crate::output::Col>,
        rows: &mut crate::output::Rows,
    ) -> Result<()> {
        let mut listing = Listing::new(cols);
        rows(&mut |row| {
            listing.push(row);
            Ok(())
        })?;
        if let Some(g) = &mut self.gather {
            g.listing = Some(across::Part {
                out: out.cloned(),
                what: what.map(str::to_string),
                listing,
            });
        }
        Ok(())
    }

    /// Keeps, for one committee of a roll-up read as a whole, a listing to be written under
    /// `what` to `out`.
    pub fn keep(&mut self, out: &report::OutArgs, what: &str, listing: Listing) -> Result<()> {
        if let Some(g) = &mut self.gather {
            g.listing = Some(across::Part {
                out: Some(out.clone()),
                what: Some(what.to_string()),
                listing,
            });
        }
        Ok(())
    }

    /// Keeps, for one committee of a roll-up read as a whole, a record's sheet to be written to
    /// `out`.
    pub fn keep_sheet(&mut self, out: &report::OutArgs, sheet: &crate::output::Sheet) -> Result<()> {
        if let Some(g) = &mut self.gather {
            g.shown = Some(across::Shown::Sheet(out.clone(), Box::new(sheet.clone())));
        }
        Ok(())
    }

    /// Whether this run is for one committee of a roll-up read as a whole.
    pub fn gathering(&self) -> bool {
        self.gather.is_some()
    }

    /// Whether the output is a workbook or a Word document.
    pub fn binary(&self) -> bool {
        matches!(self.format, Format::Xlsx | Format::Docx)
    }

    pub fn doc(&mut self, d: &Doc) -> Result<()> {
        if let Some(g) = &mut self.gather {
            g.shown = Some(across::Shown::Doc(d.clone()));
            return Ok(());
        }
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

/// The id of the member a `--member` filter names (code or name), when one is given.
pub fn member_filter(store: &Store, member: Option<String>) -> Result<Option<i64>> {
    Ok(member
        .map(|m| crate::store::members::resolve(store.conn(), &m))
        .transpose()?
        .map(|m| m.id))
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
    let lang = lang_from_args(&args);
    set_lang(lang);
    let max = crate::domain::limits::TEXT_MAX;
    if let Some(a) = args.iter().skip(1).find(|a| a.chars().count() > max) {
        print_error(&Error::usage(text!(
            "命令行有误：参数「{}」太长：{} 个字，最多 {} 个字",
            "bad command line: argument '{}' is too long: {} characters, at most {}",
            crate::domain::limits::preview(a),
            a.chars().count(),
            max
        )));
        return 2;
    }
    let mut cmd = help::command(lang);
    let parsed = cmd.try_get_matches_from_mut(&args).and_then(|mut m| {
        let given = m.value_source("format") == Some(clap::parser::ValueSource::CommandLine);
        Cli::from_arg_matches_mut(&mut m)
            .map(|c| (c, given))
            .map_err(|e| e.format(&mut cmd))
    });
    let (cli, format_given) = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            if code != 0 && crate::i18n::lang() == Lang::Zh {
                let _ = e.apply::<usage_error::Chinese>().print();
                return code;
            }
            if code != 0 {
                eprintln!("error: bad command line (see below; `lvzhi --help` shows usage)");
            }
            let _ = e.print();
            return code;
        }
    };
    set_lang(cli.lang);
    crate::output::table::set_layout(cli.width, cli.columns);
    let operator = cli
        .operator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into());
    let mut ctx = Ctx {
        db: cli.db.clone(),
        format: cli.format,
        format_given,
        bom: !cli.no_bom,
        force: cli.force,
        yes: cli.yes,
        operator,
        command: args.iter().skip(1).cloned().collect::<Vec<_>>().join(" "),
        out: Vec::new(),
        committee: cli.committee.clone(),
        whole: matches!(
            cli.command,
            Command::Rollup(_)
                | Command::Check(_)
                | Command::Backup(_)
                | Command::Log(_)
                | Command::Init(_)
                | Command::Demo(_)
                | Command::Committee(_)
        ),
        gather: None,
    };
    let mut result = match ctx.across(&cli.command) {
        Ok(None) => dispatch(cli.command, &mut ctx),
        Ok(Some(held)) => across::run(&args, &mut ctx, held),
        Err(e) => Err(e),
    };
    if result.is_ok() && matches!(ctx.format, Format::Xlsx | Format::Docx) && !ctx.out.is_empty() {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            ctx.out.clear();
            result = Err(report::binary_to_terminal(ctx.format));
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
            if e.kind != crate::error::Kind::Closed {
                print_error(&e);
            }
            e.exit_code()
        }
    }
}

fn dispatch(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::Init(a) => init::run(a, ctx),
        Command::Committee(c) => committee::run(c, ctx),
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
        Command::Donation(c) => donation::run(c, ctx),
        Command::Contribution(c) => contribution::run(c, ctx),
        Command::Assess(a) => assess::run(a, ctx),
        Command::Rules(c) => rules::run(c, ctx),
        Command::Log(a) => log::run(a, ctx),
        Command::Backup(a) => backup::run(a, ctx),
        Command::Rollup(c) => rollup::run(c, ctx),
        Command::Check(a) => check::run(a, ctx),
        Command::Demo(a) => demo::run(a, ctx),
        Command::Report(c) => report::run(c, ctx),
        Command::Export(a) => export::run(a, ctx),
        Command::Import(c) => import::run(c, ctx),
        Command::Completions(a) => shell::completions(a, ctx),
        Command::Man(a) => shell::man(a, ctx),
    }
}

/// A required-year message for commands that need one.
pub fn need(flag: &str) -> Error {
    Error::usage(text!("缺少 {}", "missing {}", flag))
}
