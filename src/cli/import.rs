//! `lvzhi import members|activities|attendance|proposals|opinions|donations|contributions FILE` and `lvzhi import template KIND -o FILE`.

use std::path::PathBuf;

use super::Ctx;
use crate::error::Result;
use crate::i18n::pick;
use crate::import::reader::Encoding;
use crate::import::{self, Kind, Options};
use crate::output::check_extension;
use crate::text;

/// What every import takes.
#[derive(clap::Args, Debug)]
pub struct FileArgs {
    #[arg(help = pick("要导入的文件：.csv、.xlsx 或 .xls", "File to import: .csv, .xlsx or .xls"))]
    file: PathBuf,
    #[arg(
        short = 'n',
        long,
        help = pick(
            "只检查并列出将要新增和修改的记录，不写入",
            "Only check, and list the records that would be added or changed; write nothing"
        )
    )]
    dry_run: bool,
    #[arg(
        long,
        help = pick(
            "与已有记录不同的行也按文件修改（记入审计日志）",
            "Also change existing records that differ from the file (written to the audit log)"
        )
    )]
    update: bool,
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        help = pick(
            "CSV 的编码；默认自动识别 UTF-8（含 BOM）和 GBK",
            "Encoding of a CSV file; UTF-8 (with or without BOM) and GBK are detected by default"
        )
    )]
    encoding: Encoding,
    #[arg(long, help = pick("读取的工作表名称（默认第一张）", "Sheet to read (the first by default)"))]
    sheet: Option<String>,
    #[arg(short, long, help = pick("不显示进度条", "No progress bar"))]
    quiet: bool,
    #[arg(
        long,
        value_name = "FILE",
        help = pick(
            "把全部注意事项和导入计划写入文件：.csv、.md 或 .txt（屏幕上只显示前 20 条；已有的文件不覆盖，除非加 --force）",
            "Write every note and the plan to a file: .csv, .md or .txt (the screen shows the first 20; an existing file is replaced only with --force)"
        )
    )]
    report: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("导入委员名单", "Import a roster of members"))]
    Members {
        #[command(flatten)]
        args: FileArgs,
        #[arg(
            long,
            help = pick(
                "允许新增与在任委员同名的人：该行须写明自己的编号和（与同名者不同的）出生年月",
                "Allow a new member named like a serving one: the row must give its own code and a birth date (not theirs)"
            )
        )]
        allow_homonyms: bool,
    },
    #[command(about = pick("导入会议和活动", "Import meetings and activities"))]
    Activities(FileArgs),
    #[command(about = pick("导入出席登记（签到表）", "Import attendance (sign-in sheets)"))]
    Attendance {
        #[command(flatten)]
        args: FileArgs,
        #[arg(
            long,
            help = pick("表中各行都属于这次活动（活动编号）", "The activity every row belongs to (its id)")
        )]
        activity: Option<i64>,
    },
    #[command(about = pick("导入提案", "Import proposals"))]
    Proposals(FileArgs),
    #[command(about = pick("导入社情民意信息", "Import opinion reports"))]
    Opinions(FileArgs),
    #[command(about = pick("导入捐款捐物名单", "Import a list of donations"))]
    Donations(FileArgs),
    #[command(about = pick(
        "导入履职成果（调研报告、文史资料、宣传报道等）",
        "Import a list of duty outputs (research reports, historical materials, media articles, …)"
    ))]
    Contributions(FileArgs),
    #[command(about = pick(
        "生成带表头、下拉列表和一行示例的空模板（示例行的序号为「示例」，导入时跳过）",
        "Write an empty template with the expected headers, drop-down lists and one example row (marked as the example; imports skip it)"
    ))]
    Template {
        #[arg(value_enum, help = pick("要生成哪种模板", "Which template to write"))]
        kind: Kind,
        #[arg(short, long, help = pick(
            "输出文件：.xlsx 或 .csv（已有的文件不覆盖，除非加 --force）",
            "File to write: .xlsx or .csv (an existing file is replaced only with --force)"
        ))]
        output: PathBuf,
    },
    #[command(about = pick(
        "列出写入过数据的各次导入及其编号",
        "List the imports that wrote anything, with their numbers"
    ))]
    List,
    #[command(about = pick(
        "撤销一次导入：删除它新增的记录，恢复它修改的记录",
        "Undo an import: remove the records it added and restore those it changed"
    ))]
    Undo {
        #[arg(help = pick("导入编号（见 lvzhi import list）", "The import's number (see `lvzhi import list`)"))]
        number: i64,
        #[arg(short = 'n', long, help = pick("只列出将要撤销的内容，不写入", "Only list what would be undone; write nothing"))]
        dry_run: bool,
    },
}

fn options(a: FileArgs, activity: Option<i64>) -> Options {
    Options {
        allow_homonyms: false,
        report: a.report,
        file: a.file,
        encoding: a.encoding,
        sheet: a.sheet,
        dry_run: a.dry_run,
        update: a.update,
        quiet: a.quiet,
        activity,
    }
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let (kind, opts) = match cmd {
        Cmd::Template { kind, output } => {
            ctx.outputs().protect(&output)?;
            let ext = check_extension(&output, &["xlsx", "csv"], false)?;
            ctx.outputs().check(&output)?;
            let lists = crate::store::lists::for_templates(&ctx.db);
            let bytes = import::template::render(kind, ext.as_deref() == Some("xlsx"), &lists)?;
            ctx.outputs().write(&output, &bytes)?;
            ctx.tell(text!("已写出模板 {}", "wrote template {}", output.display()));
            return Ok(());
        }
        Cmd::List => return super::import_undo::list(ctx),
        Cmd::Undo { number, dry_run } => return super::import_undo::undo(number, dry_run, ctx),
        Cmd::Members { args, allow_homonyms } => (
            Kind::Members,
            Options {
                allow_homonyms,
                ..options(args, None)
            },
        ),
        Cmd::Activities(a) => (Kind::Activities, options(a, None)),
        Cmd::Attendance { args, activity } => (Kind::Attendance, options(args, activity)),
        Cmd::Proposals(a) => (Kind::Proposals, options(a, None)),
        Cmd::Opinions(a) => (Kind::Opinions, options(a, None)),
        Cmd::Donations(a) => (Kind::Donations, options(a, None)),
        Cmd::Contributions(a) => (Kind::Contributions, options(a, None)),
    };
    let report = match &opts.report {
        Some(r) => {
            let ext = check_extension(r, import::report::EXTENSIONS, false)?;
            ctx.outputs().check(r)?;
            Some((r.clone(), ext.unwrap_or_default()))
        }
        None => None,
    };
    let mut store = ctx.open()?;
    if opts.update && !opts.dry_run && !ctx.yes {
        let probe = Options {
            dry_run: true,
            quiet: true,
            ..opts.clone()
        };
        let p = import::run(kind, &mut store, &probe)?;
        if p.changed > 0 {
            ctx.confirm(text!(
                "导入「{}」将修改已有记录 {} 条（另新增 {} 条）；明细用 --dry-run 查看",
                "importing '{}' changes {} stored records (and adds {}); see them with --dry-run",
                opts.file.display(),
                p.changed,
                p.new
            ))?;
        }
    }
    if let Some(k) = clap::ValueEnum::to_possible_value(&kind) {
        store.number_import(k.get_name(), &opts.file.display().to_string());
    }
    let s = import::run(kind, &mut store, &opts)?;
    if opts.dry_run {
        ctx.listing(&s.listing())?;
    }
    for line in import::report::on_screen(&s, opts.report.as_deref()) {
        ctx.tell(line);
    }
    let file = opts.file.display().to_string();
    if opts.dry_run {
        ctx.tell(text!(
            "演练（未写入）「{}」：将新增 {}，修改 {}，未变 {}，有变化但未加 --update 不修改 {}",
            "dry run (nothing written) '{}': {} new, {} changed, {} unchanged, {} changed but held back without --update",
            file,
            s.new,
            s.changed,
            s.unchanged,
            s.held
        ));
        for t in &s.tally {
            ctx.tell(t.clone());
        }
    } else {
        ctx.tell(text!(
            "已导入「{}」：新增 {}，修改 {}，未变 {}",
            "imported '{}': {} new, {} changed, {} unchanged",
            file,
            s.new,
            s.changed,
            s.unchanged
        ));
        for t in &s.tally {
            ctx.tell(t.clone());
        }
        if let Some(n) = store.last_import() {
            ctx.tell(text!(
                "导入编号 {}；如需撤销：lvzhi import undo {}",
                "import number {}; to undo it: lvzhi import undo {}",
                n,
                n
            ));
        }
        if s.held > 0 {
            ctx.tell(text!(
                "另有 {} 行与已有记录不同，未修改；核对后加 --update 重新导入（先用 --dry-run 查看）",
                "{} rows differ from the stored records and were left alone; check them and import again with --update (see --dry-run)",
                s.held
            ));
        }
    }
    if let Some((path, ext)) = report {
        let bytes = import::report::render(&s, &file, opts.dry_run, &ext, ctx.bom)?;
        ctx.outputs().write(&path, &bytes)?;
        ctx.tell(text!(
            "已写出导入报告「{}」：注意 {} 条，新增和修改的记录 {} 行",
            "wrote the import report '{}': {} notes, {} records added or changed",
            path.display(),
            s.warnings.len(),
            s.plan.len()
        ));
    }
    Ok(())
}
