//! `lvzhi log`.

use super::{Ctx, date_arg};
use crate::error::Result;
use crate::store::log::{self, Filter};
use crate::views;

/// 查看审计日志（每一处修改：时间、操作人、命令、修改前后） (the audit trail)
#[derive(clap::Args, Debug)]
pub struct Args {
    /// 只看此表，如 member、attendance、proposal
    #[arg(long)]
    table: Option<String>,
    /// 只看此行（配合 --table）
    #[arg(long)]
    row: Option<i64>,
    /// 只看此操作人的修改
    #[arg(long = "by")]
    by: Option<String>,
    /// 此日期及以后
    #[arg(long)]
    since: Option<String>,
    /// 最近的 N 条
    #[arg(long)]
    limit: Option<i64>,
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    let since = a.since.as_deref().map(|d| date_arg("--since", d)).transpose()?;
    let f = Filter {
        table: a.table,
        row_id: a.row,
        operator: a.by,
        since: since.map(|d| d.to_string()),
        limit: a.limit,
    };
    ctx.listing(&views::log(&log::entries(store.conn(), &f)?))
}
