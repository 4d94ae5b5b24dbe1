//! `lvzhi log`.

use super::{Ctx, date_arg};
use crate::error::Result;
use crate::i18n::pick;
use crate::store::log::{self, Filter};
use crate::{text, views};

/// Arguments of `lvzhi log` (its help texts are on `Command::Log`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(
        long,
        help = pick("只看此表，如 member、attendance、proposal", "Only this table, e.g. member, attendance, proposal")
    )]
    table: Option<String>,
    #[arg(long, help = pick("只看此行（配合 --table）", "Only this row (with --table)"))]
    row: Option<i64>,
    #[arg(long = "by", help = pick("只看此操作人的修改", "Only the changes by this operator"))]
    by: Option<String>,
    #[arg(long, help = pick("此日期及以后", "On or after this date"))]
    since: Option<String>,
    #[arg(long, help = pick("最近的 N 条", "The latest N entries"))]
    limit: Option<i64>,
    #[command(flatten)]
    out: super::report::OutArgs,
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    a.out.check(ctx)?;
    let store = ctx.open()?;
    let since = a.since.as_deref().map(|d| date_arg("--since", d)).transpose()?;
    let f = Filter {
        table: a.table,
        row_id: a.row,
        operator: a.by,
        since: since.map(|d| d.to_string()),
        limit: a.limit,
    };
    let l = views::log(&log::entries(store.conn(), &f)?);
    ctx.listing_out(&a.out, &store, text!("审计日志", "Audit trail"), l)
}
