//! `lvzhi export`: one workbook for the standing-committee meeting.

use std::path::PathBuf;

use super::Ctx;
use super::report::{attendance_sheet, stored, summary_sheet, title};
use crate::error::Result;
use crate::i18n::pick;
use crate::output::{Sheet, check_extension, xlsx};
use crate::report::{self, Order};
use crate::store::{opinions, proposals, reports};
use crate::{text, views};

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
    let store = ctx.open()?;
    let year = a.year.get();
    let assessment = stored(&store, year)?;
    let conn = store.conn();
    let mut sheets = Vec::new();

    let ranking = report::assessment::ranking(&assessment);
    let t = title(
        &store,
        year,
        text!("履职考核排名", "duty assessment ranking"),
        Some(&assessment),
    )?;
    sheets.push(Sheet::listing(pick("排名", "Ranking"), Some(t), ranking));

    let mx = super::report::matrix(&store, year)?;
    let (by_sector, chart) =
        report::sector::by_sector(&assessment, &reports::sector_order(conn)?, &mx.by_member());
    let t = title(
        &store,
        year,
        text!("履职考核分界别汇总", "assessment by sector"),
        Some(&assessment),
    )?;
    let mut s = Sheet::listing(pick("分界别", "By sector"), Some(t), by_sector);
    s.chart = Some(chart);
    sheets.push(s);

    let props = proposals::list(
        conn,
        &proposals::Filter {
            year: Some(year),
            ..Default::default()
        },
    )?;
    let t = title(&store, year, text!("提案", "proposals"), None)?;
    sheets.push(Sheet::listing(
        pick("提案", "Proposals"),
        Some(t),
        views::proposals(&props),
    ));

    let ops = opinions::list(conn, Some(year), None)?;
    let t = title(&store, year, text!("社情民意信息", "opinion reports"), None)?;
    sheets.push(Sheet::listing(
        pick("社情民意", "Opinion reports"),
        Some(t),
        views::opinions(&ops),
    ));

    sheets.push(attendance_sheet(&store, year, a.order)?);
    sheets.push(summary_sheet(&store, year)?);

    let bytes = xlsx::workbook(&sheets)?;
    ctx.outputs().write(&a.output, &bytes)?;
    ctx.tell(text!(
        "已写出 {}（{} 张工作表）",
        "wrote {} ({} sheets)",
        a.output.display(),
        sheets.len()
    ));
    Ok(())
}
