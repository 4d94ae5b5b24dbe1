//! `lvzhi report assessment|member|summary|attendance`.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::output::{Cell, Format, Listing, Sheet, check_extension, format_for_path, render_sheet};
use crate::report::Order;
use crate::report::sheets::{
    attendance_rows, attendance_sheet, matrix, member_matrix, member_sheet, ranked_rows, ranking_sheet,
    sector_sheet, stored, summary_sheet,
};
use crate::store::{assess, members, reports};
use crate::text;

/// Where and how a report is written.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct OutArgs {
    #[arg(
        short = 'o',
        long,
        value_name = "FILE",
        help = pick(
            "写入文件；格式按扩展名（.csv .json .md .xlsx .docx）选定，--format 另行指定时以其为准；\
             已有的文件不覆盖，除非加 --force",
            "Write to a file; the format follows its extension (.csv .json .md .xlsx .docx) unless \
             --format is given; an existing file is replaced only with --force"
        )
    )]
    pub output: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "年度考核排名（取已保存的考核结果）；--by sector 按界别汇总",
        "The year's ranking (from the saved assessment); --by sector sums up by sector"
    ))]
    Assessment {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[arg(
            long,
            value_parser = ["sector"],
            help = pick(
                "sector：按界别汇总人数、平均分、中位数、等次分布、出席率",
                "sector: members, mean and median score, grades and attendance rate by sector"
            )
        )]
        by: Option<String>,
        #[arg(long, value_enum, default_value = "rank", help = pick("排列顺序", "Order"))]
        order: Order,
        #[command(flatten)]
        out: OutArgs,
    },
    #[command(about = pick("委员年度履职档案", "A member's duty record for the year"))]
    Member {
        #[arg(
            required_unless_present = "all",
            conflicts_with = "all",
            help = pick("编号或姓名（用 --all 时不写）", "Code or name (not with --all)")
        )]
        member: Option<String>,
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[arg(
            long,
            requires = "output",
            help = pick(
                "为年内在任的每位委员各写一个文件，写入 -o 指定的文件夹",
                "One file for each member serving in the year, in the folder given by -o"
            )
        )]
        all: bool,
        #[arg(
            long,
            help = pick(
                "显示完整的电话和身份证号（记入审计日志）",
                "Show the full phone and ID card numbers (written to the audit log)"
            )
        )]
        reveal: bool,
        #[command(flatten)]
        out: OutArgs,
    },
    #[command(about = pick("工作报告所引用的年度数字", "The figures of the year's work report"))]
    Summary {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[command(flatten)]
        out: OutArgs,
    },
    #[command(about = pick(
        "汇总文件中各委员会的年度比较：委员、出席率、人均提案、立案率、社情民意采用、考核等次",
        "A roll-up's committees side by side: members, attendance, proposals a member, filed share, reports adopted, grades"
    ))]
    Committees {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[command(flatten)]
        out: OutArgs,
    },
    #[command(about = pick(
        "出席情况：委员 × 活动，出席率只按应出席的活动计",
        "Attendance: members by activities; the rate counts only the activities a member was due at"
    ))]
    Attendance {
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[arg(
            long,
            value_enum,
            default_value = "stroke",
            help = pick("排列顺序（rank 需要已保存的考核结果）", "Order (rank needs a saved assessment)")
        )]
        order: Order,
        #[command(flatten)]
        out: OutArgs,
    },
}

/// Writes a report to `-o FILE` or standard output. XLSX never goes to a terminal.
pub fn emit(ctx: &mut Ctx, out: &OutArgs, sheet: &Sheet) -> Result<()> {
    if ctx.gathering() {
        return match &sheet.content {
            crate::output::Content::Listing(l) => ctx.keep(out, &sheet.name, l.clone()),
            crate::output::Content::Doc(_) => ctx.keep_sheet(out, sheet),
        };
    }
    let format = match &out.output {
        Some(p) => format_for_path(p, ctx.format),
        None => ctx.format,
    };
    let bytes = render_sheet(sheet, format, ctx.bom)?;
    match &out.output {
        Some(p) => {
            ctx.outputs().write(p, &bytes)?;
            ctx.tell(text!("已写出 {}", "wrote {}", p.display()));
        }
        None => {
            if matches!(format, Format::Xlsx | Format::Docx) && std::io::stdout().is_terminal() {
                return Err(binary_to_terminal(format));
            }
            ctx.out.extend_from_slice(&bytes);
        }
    }
    Ok(())
}

/// The most members an attendance matrix laid out as a table may have: a larger one is written
/// as its rows come, in the other formats.
const TABLE_MAX_MEMBERS: i64 = 10_000;

/// The refusal to lay out the attendance matrix of `n` members as a table.
fn too_many_for_a_table(n: i64) -> Error {
    Error::usage(text!(
        "出席情况表有 {} 位委员，太大，不排成表格（上限 {} 位）",
        "the attendance matrix has {} members, too many to lay out as a table (at most {})",
        n,
        TABLE_MAX_MEMBERS
    ))
    .with_hint(text!(
        "写成 Excel 或 CSV：-o 出席.xlsx，或 --format csv",
        "write it as a workbook or CSV: -o attendance.xlsx, or --format csv"
    ))
}

/// Writes a listing as its rows come, CSV, JSON or Markdown (under `title`), to `-o FILE` or
/// standard output.
fn write_rows(
    ctx: &mut Ctx,
    out: &OutArgs,
    title: &str,
    format: Format,
    cols: Vec<crate::output::Col>,
    extras: Vec<crate::output::Extra>,
    rows: &mut crate::output::Rows,
) -> Result<()> {
    if ctx.gathering() {
        return ctx.gather_rows(Some(out), Some(title), cols, rows);
    }
    match &out.output {
        Some(p) => {
            (ctx.outputs()).write_rows(p, Some(title), cols, extras, rows, format, ctx.bom)?;
            ctx.tell(text!("已写出 {}", "wrote {}", p.display()));
            Ok(())
        }
        None => {
            if format == Format::Md {
                ctx.line(&format!("# {title}\n"))?;
            }
            ctx.rows(cols, extras, rows)
        }
    }
}

/// The refusal to write a workbook or a Word document to a terminal.
pub fn binary_to_terminal(format: Format) -> Error {
    if format == Format::Docx {
        return Error::usage(text!(
            "Word 文档不能输出到终端",
            "a Word document cannot be written to a terminal"
        ))
        .with_hint(text!(
            "用 -o 文件名.docx 写入文件",
            "write it to a file with -o FILE.docx"
        ));
    }
    Error::usage(text!(
        "Excel 文件不能输出到终端",
        "an Excel workbook cannot be written to a terminal"
    ))
    .with_hint(text!(
        "用 -o 文件名.xlsx 写入文件",
        "write it to a file with -o FILE.xlsx"
    ))
}

/// The extensions a report's `-o` may end in.
pub const REPORT_EXTENSIONS: [&str; 5] = ["csv", "json", "md", "xlsx", "docx"];

impl OutArgs {
    /// Refuses, before any work, an `-o` file that has an unknown extension (or none, unless
    /// `--format` says the format) or may not be written.
    pub fn check(&self, ctx: &Ctx) -> Result<()> {
        if let Some(p) = &self.output {
            ctx.outputs().protect(p)?;
            check_extension(p, &REPORT_EXTENSIONS, ctx.format_given).map_err(|e| {
                if ctx.format_given || e.hint.is_some() {
                    e
                } else {
                    e.with_hint(text!(
                        "用这些扩展名之一，或用 --format 指定格式",
                        "use one of these extensions, or give the format with --format"
                    ))
                }
            })?;
            ctx.outputs().check(p)?;
        }
        Ok(())
    }
}

/// Writes a workbook to the `-o` file, or to standard output.
fn write_book(ctx: &mut Ctx, out: &OutArgs, book: &[crate::output::xlsx::BookSheet]) -> Result<()> {
    if ctx.gathering() {
        return Err(super::across::refused());
    }
    match &out.output {
        Some(p) => {
            ctx.outputs().write_workbook(p, book)?;
            ctx.tell(text!("已写出 {}", "wrote {}", p.display()));
            Ok(())
        }
        None => ctx.workbook(book),
    }
}

/// Whether `--committee` was given.
fn ctx_scoped(ctx: &Ctx) -> bool {
    ctx.committee().is_some()
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    match &cmd {
        Cmd::Member { all: true, out, .. } => {
            if let Some(dir) = &out.output {
                ctx.outputs().check_folder(dir)?;
            }
        }
        Cmd::Assessment { out, .. }
        | Cmd::Member { out, .. }
        | Cmd::Summary { out, .. }
        | Cmd::Committees { out, .. }
        | Cmd::Attendance { out, .. } => out.check(ctx)?,
    }
    // Across the committees of a roll-up (no --committee): the roll-up's figures.
    if let Cmd::Summary { year, out } | Cmd::Committees { year, out } = &cmd {
        let (store, across) = ctx.open_across()?;
        let committees = matches!(cmd, Cmd::Committees { .. });
        if committees && !across {
            return Err(Error::usage(text!(
                "lvzhi report committees 比较汇总文件中的各委员会；这个文件{}",
                "`lvzhi report committees` compares the committees of a roll-up file; this file {}",
                if ctx_scoped(ctx) {
                    pick(
                        "只看 --committee 指定的一个委员会",
                        "is read for the one committee --committee names",
                    )
                } else {
                    pick("不是汇总文件", "is not a roll-up")
                }
            )));
        }
        if across {
            let year = year.get();
            let cs = crate::report::committees::gather(&store, year)?;
            let persons = crate::report::committees::persons(&store, year)?;
            let level = crate::store::committee::get(store.conn())?.map(|c| c.level);
            let title = crate::report::sheets::title(
                &store,
                year,
                text!("各委员会比较", "committees compared"),
                None,
            )?;
            let sheet = if committees {
                let (l, chart) = crate::report::committees::compare(&cs, persons.1);
                let mut sheet = Sheet::listing(pick("各委员会", "Committees"), Some(title), l);
                sheet.chart = Some(chart);
                sheet
            } else {
                let mut sheet = crate::report::committees::summary(&cs, persons, level, year);
                sheet.title = Some(crate::report::sheets::title(
                    &store,
                    year,
                    text!("履职工作数字汇总", "figures of the year"),
                    None,
                )?);
                sheet
            };
            return emit(ctx, out, &sheet);
        }
    }
    if ctx.gathering() && matches!(cmd, Cmd::Attendance { .. } | Cmd::Member { all: true, .. }) {
        return Err(super::across::refused().with_hint(text!(
            "出席情况表和履职档案按各委员会自己的活动排列：用 --committee 代码 逐个委员会输出",
            "the attendance matrix and the duty records follow each committee's own activities: write \
             them committee by committee with --committee CODE"
        )));
    }
    if let Cmd::Attendance { out, .. } = &cmd {
        let format = out
            .output
            .as_deref()
            .map_or(ctx.format, |p| format_for_path(p, ctx.format));
        if format == Format::Docx {
            return Err(Error::usage(text!(
                "出席情况表（委员 × 活动）不写成 Word 文档：列太多，放不进一页",
                "the attendance matrix (members by activities) is not written as a Word document: it has \
                 too many columns for a page"
            ))
            .with_hint(text!(
                "写成 Excel：-o 出席.xlsx；每位委员的出席情况见 lvzhi report member … -o 文件.docx",
                "write it as a workbook (-o attendance.xlsx); each member's attendance is in `lvzhi report \
                 member … -o FILE.docx`"
            )));
        }
    }
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Assessment { year, by, order, out } => {
            let year = year.get();
            let format = out
                .output
                .as_deref()
                .map_or(ctx.format, |p| format_for_path(p, ctx.format));
            // The ranking read row by row from the store in the order asked, as it is written
            // (a table and a Word document are laid out from all their rows)
            if by.is_none()
                && !(ctx.gathering() && format == Format::Xlsx)
                && matches!(format, Format::Csv | Format::Json | Format::Md | Format::Xlsx)
                && let Some(rows) = ranked_rows(&store, year, order)?
            {
                if format == Format::Xlsx {
                    return write_book(ctx, &out, &[rows.sheet()]);
                }
                let (cols, extras) = (rows.cols().to_vec(), rows.extras()?);
                let mut each = |sink: &mut dyn FnMut(Vec<Cell>) -> Result<()>| rows.each_row(sink);
                return write_rows(ctx, &out, rows.title(), format, cols, extras, &mut each);
            }
            let sheet = if by.is_some() {
                sector_sheet(&store, year)?
            } else {
                ranking_sheet(&store, year, &stored(&store, year)?, order)?
            };
            emit(ctx, &out, &sheet)
        }
        Cmd::Summary { year, out } => {
            let year = year.get();
            let sheet = summary_sheet(&store, year)?;
            emit(ctx, &out, &sheet)
        }
        Cmd::Committees { .. } => Ok(()),
        Cmd::Attendance { year, order, out } => {
            let year = year.get();
            let format = out
                .output
                .as_deref()
                .map_or(ctx.format, |p| format_for_path(p, ctx.format));
            if format == Format::Table {
                // a table is laid out from all its rows: for a committee of a size to read
                let n = reports::year_member_count(store.conn(), year)?;
                if n > TABLE_MAX_MEMBERS {
                    return Err(too_many_for_a_table(n));
                }
                let sheet = attendance_sheet(&store, year, order)?;
                return emit(ctx, &out, &sheet);
            }
            // read member by member from the store as it is written
            let rows = attendance_rows(&store, year, order)?;
            if format == Format::Xlsx {
                return write_book(ctx, &out, &[rows.sheet()]);
            }
            let cols = rows.cols().to_vec();
            let extras = Listing::new(cols.clone()).extras();
            let mut each = |sink: &mut dyn FnMut(Vec<Cell>) -> Result<()>| rows.each_row(sink);
            write_rows(ctx, &out, &rows.title, format, cols, extras, &mut each)
        }
        Cmd::Member {
            member,
            year,
            all,
            reveal,
            out,
        } => {
            let year = year.get();
            if !all {
                let m = members::resolve(store.conn(), member.as_deref().unwrap_or_default())?;
                if reveal {
                    log_reveal(&mut store, std::slice::from_ref(&m), year)?;
                }
                // the member's attendance only; its explanation lines computed again when not stored
                let mx = member_matrix(&store, year, m.id)?;
                let a = crate::assessing::stored_explained(&store, year, m.id)?.map(|(s, _)| s.result);
                let sheet = member_sheet(&store, year, &m, &mx, a.as_ref(), reveal)?;
                return emit(ctx, &out, &sheet);
            }
            let mx = matrix(&store, year)?;
            let list: Vec<members::Member> = (mx.members.iter())
                .map(|m| members::by_id(store.conn(), m.id))
                .collect::<Result<_>>()?;
            if reveal {
                log_reveal(&mut store, &list, year)?;
            }
            let dir = out.output.clone().expect("clap requires -o with --all");
            let format = match ctx.format {
                Format::Table => Format::Md,
                f => f,
            };
            let ext = match format {
                Format::Csv => "csv",
                Format::Json => "json",
                Format::Xlsx => "xlsx",
                Format::Docx => "docx",
                _ => "md",
            };
            let a = match assess::current(store.conn(), year)? {
                Some(mut s) => {
                    crate::assessing::fill_lines(&store, &mut s)?;
                    Some(s.result)
                }
                None => None,
            };
            let folder = ctx.outputs().folder(&dir)?;
            for m in &list {
                let sheet = member_sheet(&store, year, m, &mx, a.as_ref(), reveal)?;
                let bytes = render_sheet(&sheet, format, ctx.bom)?;
                let name = format!("{}_{}.{ext}", safe_file_name(&m.code), safe_file_name(&m.name));
                folder.write(&name, &bytes)?;
            }
            folder.finish()?;
            ctx.tell(text!(
                "已为 {} 位委员写出履职档案到 {}",
                "wrote {} duty records to {}",
                list.len(),
                dir.display()
            ));
            Ok(())
        }
    }
}

/// Records in the audit log that `list`'s full phone and ID numbers were shown.
fn log_reveal(store: &mut crate::store::Store, list: &[members::Member], year: i32) -> Result<()> {
    store.log_reveal(|w| {
        for m in list {
            w.log_event(
                "member",
                serde_json::json!({"reveal": m.code, "member_id": m.id,
                                   "report": "member", "year": year}),
            )?;
        }
        Ok(())
    })
}

fn safe_file_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}
