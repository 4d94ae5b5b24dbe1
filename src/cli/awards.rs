//! `lvzhi commend add|list` and `lvzhi adjust add|list`.

use super::{Ctx, date_arg};
use crate::domain::codes::Level;
use crate::domain::points::parse_points;
use crate::error::Result;
use crate::store::{awards, members};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum CommendCmd {
    /// 登记表彰 (add a commendation)
    Add {
        /// 委员编号或姓名
        member: String,
        /// county|city|province|national（县级/市级/省级/全国）
        #[arg(long)]
        level: String,
        /// 日期
        #[arg(long)]
        date: String,
        /// 事由
        #[arg(long)]
        reason: String,
    },
    /// 列出表彰 (list commendations)
    List {
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 委员
        #[arg(long)]
        member: Option<String>,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum AdjustCmd {
    /// 登记人工加减分 (add a manual adjustment)
    Add {
        /// 委员编号或姓名
        member: String,
        /// 年度
        #[arg(long)]
        year: i32,
        /// 分值：整数、小数或分数，减分写负数，如 -2.5
        #[arg(long, allow_negative_numbers = true)]
        points: String,
        /// 理由
        #[arg(long)]
        reason: String,
    },
    /// 列出人工加减分 (list adjustments)
    List {
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 委员
        #[arg(long)]
        member: Option<String>,
    },
}

pub fn run_commend(cmd: CommendCmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        CommendCmd::Add {
            member,
            level,
            date,
            reason,
        } => {
            let level = Level::parse(&level)?;
            let on = date_arg("--date", &date)?;
            let m = members::resolve(store.conn(), &member)?;
            store.write(|w| awards::commend(w, &m, level, on, &reason))?;
            ctx.tell(text!(
                "已登记 {} 获{}表彰",
                "recorded a {} commendation of {}",
                m.name,
                level.label()
            ));
        }
        CommendCmd::List { year, member } => {
            let id = member
                .map(|m| members::resolve(store.conn(), &m))
                .transpose()?
                .map(|m| m.id);
            ctx.listing(&views::commendations(&awards::commendations(
                store.conn(),
                year,
                id,
            )?))?;
        }
    }
    Ok(())
}

pub fn run_adjust(cmd: AdjustCmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        AdjustCmd::Add {
            member,
            year,
            points,
            reason,
        } => {
            let points = parse_points(&points)?;
            let m = members::resolve(store.conn(), &member)?;
            store.write(|w| awards::adjust(w, &m, year, &points, &reason))?;
            ctx.tell(text!(
                "已登记 {} {} 年度加减分 {}",
                "recorded an adjustment of {} for {} in {}",
                m.name,
                year,
                points
            ));
        }
        AdjustCmd::List { year, member } => {
            let id = member
                .map(|m| members::resolve(store.conn(), &m))
                .transpose()?
                .map(|m| m.id);
            ctx.listing(&views::adjustments(&awards::adjustments(store.conn(), year, id)?))?;
        }
    }
    Ok(())
}
