//! `lvzhi commend add|list` and `lvzhi adjust add|list`.

use super::{Ctx, date_arg};
use crate::domain::codes::Level;
use crate::domain::points::parse_points;
use crate::domain::year::Year;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::{awards, members};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum CommendCmd {
    #[command(about = pick("登记表彰", "Add a commendation"))]
    Add {
        #[arg(help = pick("委员编号或姓名", "Member code or name"))]
        member: String,
        #[arg(
            long,
            help = pick(
                "county|city|province|national（县级/市级/省级/全国）",
                "county|city|province|national"
            )
        )]
        level: String,
        #[arg(long, help = pick("日期", "Date"))]
        date: String,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("事由", "What it was for"))]
        reason: String,
    },
    #[command(about = pick("列出表彰", "List the commendations"))]
    List {
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("委员", "Member"))]
        member: Option<String>,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum AdjustCmd {
    #[command(about = pick("登记人工加减分", "Add a manual adjustment"))]
    Add {
        #[arg(help = pick("委员编号或姓名", "Member code or name"))]
        member: String,
        #[arg(long, help = pick("年度", "Year"))]
        year: crate::domain::year::Year,
        #[arg(
            long,
            allow_negative_numbers = true,
            help = pick(
                "分值：整数、小数或分数，减分写负数，如 -2.5",
                "Points: a whole number, decimal or fraction; negative to deduct, e.g. -2.5"
            )
        )]
        points: String,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("理由", "Reason"))]
        reason: String,
    },
    #[command(about = pick("列出人工加减分", "List the manual adjustments"))]
    List {
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("委员", "Member"))]
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
            let id = super::member_filter(&store, member)?;
            ctx.listing(&views::commendations(&awards::commendations(
                store.conn(),
                year.map(Year::get),
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
            let year = year.get();
            let points = parse_points(&points)?;
            let m = members::resolve(store.conn(), &member)?;
            store.write(|w| awards::adjust(w, &m, year, &points, &reason))?;
            ctx.tell(text!(
                "已登记 {} {} 年度加减分 {}",
                "recorded for {} in {} an adjustment of {}",
                m.name,
                year,
                points
            ));
        }
        AdjustCmd::List { year, member } => {
            let id = super::member_filter(&store, member)?;
            ctx.listing(&views::adjustments(&awards::adjustments(
                store.conn(),
                year.map(Year::get),
                id,
            )?))?;
        }
    }
    Ok(())
}
