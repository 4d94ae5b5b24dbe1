//! `lvzhi import members|activities|attendance|proposals|opinions FILE` and `lvzhi import template KIND -o FILE`.

use std::path::PathBuf;

use super::Ctx;
use crate::error::Result;
use crate::import::reader::Encoding;
use crate::import::{self, Kind, Options};
use crate::text;

/// What every import takes.
#[derive(clap::Args, Debug)]
pub struct FileArgs {
    /// 要导入的文件：.csv、.xlsx 或 .xls (file to import)
    file: PathBuf,
    /// 只检查并列出将要新增和修改的记录，不写入 (check and show the plan; write nothing)
    #[arg(short = 'n', long)]
    dry_run: bool,
    /// 与已有记录不同的行也按文件修改（记入审计日志） (apply changed rows too)
    #[arg(long)]
    update: bool,
    /// CSV 的编码；默认自动识别 UTF-8（含 BOM）和 GBK (CSV encoding)
    #[arg(long, value_enum, default_value = "auto")]
    encoding: Encoding,
    /// 读取的工作表名称（默认第一张） (sheet to read; the first by default)
    #[arg(long)]
    sheet: Option<String>,
    /// 不显示进度条 (no progress bar)
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 导入委员名单 (import a roster)
    Members(FileArgs),
    /// 导入会议和活动 (import activities)
    Activities(FileArgs),
    /// 导入出席登记（签到表） (import attendance)
    Attendance {
        #[command(flatten)]
        args: FileArgs,
        /// 表中各行都属于这次活动（活动编号） (the activity every row belongs to)
        #[arg(long)]
        activity: Option<i64>,
    },
    /// 导入提案 (import proposals)
    Proposals(FileArgs),
    /// 导入社情民意信息 (import opinion reports)
    Opinions(FileArgs),
    /// 生成带表头和一行示例的空模板 (write an empty sheet with the expected headers)
    Template {
        /// members|activities|attendance|proposals|opinions
        #[arg(value_enum)]
        kind: Kind,
        /// 输出文件：.xlsx 或 .csv (output file)
        #[arg(short, long)]
        output: PathBuf,
    },
}

fn options(a: FileArgs, activity: Option<i64>) -> Options {
    Options {
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
            import::template::write(kind, &output)?;
            ctx.tell(text!("已写出模板 {}", "wrote template {}", output.display()));
            return Ok(());
        }
        Cmd::Members(a) => (Kind::Members, options(a, None)),
        Cmd::Activities(a) => (Kind::Activities, options(a, None)),
        Cmd::Attendance { args, activity } => (Kind::Attendance, options(args, activity)),
        Cmd::Proposals(a) => (Kind::Proposals, options(a, None)),
        Cmd::Opinions(a) => (Kind::Opinions, options(a, None)),
    };
    let mut store = ctx.open()?;
    let s = import::run(kind, &mut store, &opts)?;
    if opts.dry_run {
        ctx.listing(&s.listing())?;
    }
    for w in &s.warnings {
        ctx.tell(text!("注意：{}", "note: {}", w));
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
    } else {
        ctx.tell(text!(
            "已导入「{}」：新增 {}，修改 {}，未变 {}",
            "imported '{}': {} new, {} changed, {} unchanged",
            file,
            s.new,
            s.changed,
            s.unchanged
        ));
        if s.held > 0 {
            ctx.tell(text!(
                "另有 {} 行与已有记录不同，未修改；核对后加 --update 重新导入（先用 --dry-run 查看）",
                "{} rows differ from the stored records and were left alone; check them and import again with --update (see --dry-run)",
                s.held
            ));
        }
    }
    Ok(())
}
