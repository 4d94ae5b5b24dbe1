//! `lvzhi export`: one workbook for the standing-committee meeting.

use std::path::PathBuf;

use super::Ctx;
use crate::error::Result;
use crate::i18n::pick;
use crate::output::xlsx::BookSheet;
use crate::output::{Format, check_extension};
use crate::report::Order;
use crate::report::sheets::book;
use crate::text;

/// Arguments of `lvzhi export` (its help texts are on `Command::Export`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = pick("年度", "Year"))]
    year: crate::domain::year::Year,
    #[arg(short = 'o', long, value_name = "FILE.xlsx", help = pick(
        "输出的 .xlsx 文件（已有的文件不覆盖，除非加 --force）",
        "The .xlsx file to write (an existing file is replaced only with --force)"
    ))]
    output: PathBuf,
    #[arg(
        long,
        value_enum,
        default_value = "stroke",
        help = pick(
            "名单排列顺序（排名表总按名次）",
            "Order of the name lists (the ranking is always by rank)"
        )
    )]
    order: Order,
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    if ctx.format_given && !matches!(ctx.format, Format::Table | Format::Xlsx) {
        return Err(crate::error::Error::usage(text!(
            "lvzhi export 只写 Excel 工作簿，不用 --format {}",
            "lvzhi export writes an Excel workbook only; --format {} does not apply",
            format!("{:?}", ctx.format).to_lowercase()
        ))
        .with_hint(text!(
            "Word 文档用 lvzhi report member|summary -o 文件.docx",
            "for Word documents use `lvzhi report member|summary -o FILE.docx`"
        )));
    }
    ctx.outputs().protect(&a.output)?;
    check_extension(&a.output, &["xlsx"], false).map_err(|e| match e.hint {
        Some(_) => e,
        None => e.with_hint(text!(
            "lvzhi export 只写 Excel 工作簿（.xlsx）；单张报表的 CSV/JSON/Markdown 用 lvzhi report …",
            "lvzhi export writes an Excel workbook (.xlsx); for CSV/JSON/Markdown of one report use \
             `lvzhi report …`"
        )),
    })?;
    ctx.outputs().check(&a.output)?;
    let (store, across) = ctx.open_across()?;
    let year = a.year.get();
    if across {
        // A roll-up read as a whole: its figures and its committees side by side, with a chart.
        let cs = crate::report::committees::gather(&store, year)?;
        let persons = crate::report::committees::persons(&store, year)?;
        let level = crate::store::committee::get(store.conn())?.map(|c| c.level);
        let mut figures = crate::report::committees::summary(&cs, persons, level, year);
        figures.title = Some(crate::report::sheets::title(
            &store,
            year,
            text!("履职工作数字汇总", "figures of the year"),
            None,
        )?);
        let (l, chart) = crate::report::committees::compare(&cs, persons.1);
        let title =
            crate::report::sheets::title(&store, year, text!("各委员会比较", "committees compared"), None)?;
        let mut compared =
            crate::output::Sheet::listing(crate::i18n::pick("各委员会", "Committees"), Some(title), l);
        compared.chart = Some(chart);
        let book = [BookSheet::Held(&compared), BookSheet::Held(&figures)];
        ctx.outputs().write_workbook(&a.output, &book)?;
        ctx.tell(text!(
            "已写出 {}（{} 个委员会，{} 张工作表）",
            "wrote {} ({} committees, {} sheets)",
            a.output.display(),
            cs.len(),
            book.len()
        ));
        return Ok(());
    }
    // The sheets as long as the committee or its records are read from the store as they are written.
    let parts = book(&store, year, a.order)?;
    let book: Vec<BookSheet> = parts.sheets();
    ctx.outputs().write_workbook(&a.output, &book)?;
    ctx.tell(text!(
        "已写出 {}（{} 张工作表）",
        "wrote {} ({} sheets)",
        a.output.display(),
        book.len()
    ));
    Ok(())
}
