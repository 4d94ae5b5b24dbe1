//! `lvzhi activity add|list|show`.

use super::{Ctx, date_arg};
use crate::domain::limits::HALF_DAYS_MAX;
use crate::domain::year::Year;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::activities::{self, NewActivity};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("添加会议或活动，输出新活动的编号", "Add a meeting or activity; prints its id"))]
    Add {
        #[arg(
            help = pick(
                "活动类型代码或名称，如 plenary、视察（lvzhi kind list）",
                "Code or name of the activity kind, e.g. plenary (lvzhi kind list)"
            )
        )]
        kind: String,
        #[arg(long, help = pick("日期（多天活动的开始日期）", "Date (the first day of a longer activity)"))]
        date: String,
        #[arg(long, help = pick("结束日期（默认同开始日期）", "End date (the start date by default)"))]
        end: Option<String>,
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("名称", "Title"))]
        title: String,
        #[arg(
            long,
            allow_negative_numbers = true,
            help = pick(
                "半天数（默认：一天为 1，多天活动按每天 2 个半天计）",
                "Half-days (by default 1 for one day, 2 for each day of a longer activity)"
            )
        )]
        half_days: Option<i64>,
        #[arg(long, help = pick("组织单位（专委会或小组）", "Organised by (a special committee or group)"))]
        org: Option<String>,
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("地点", "Place"))]
        location: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("列出活动", "List the activities"))]
    List {
        #[command(flatten)]
        out: super::report::OutArgs,
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("活动类型", "Activity kind"))]
        kind: Option<String>,
    },
    #[command(about = pick("活动详情与出席登记", "An activity and its attendance"))]
    Show {
        #[arg(help = pick("活动编号", "Activity id"))]
        id: i64,
    },
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            kind,
            date,
            end,
            title,
            half_days,
            org,
            location,
            note,
        } => {
            let start_on = date_arg("--date", &date)?;
            let end_on = end
                .as_deref()
                .map(|d| date_arg("--end", d))
                .transpose()?
                .unwrap_or(start_on);
            let half_days = half_days.unwrap_or(crate::domain::limits::default_half_days(start_on, end_on));
            if !(0..=HALF_DAYS_MAX).contains(&half_days) {
                return Err(Error::usage(text!(
                    "「半天数」应在 0 至 {} 之间：{}",
                    "half-days must be from 0 to {}: {}",
                    HALF_DAYS_MAX,
                    half_days
                )));
            }
            let a = NewActivity {
                kind,
                title,
                start_on,
                end_on,
                half_days,
                org,
                location,
                note,
            };
            let id = store.write(|w| activities::add(w, &a))?;
            ctx.line(&id.to_string())?;
            ctx.tell(text!(
                "已添加活动 {}：{}（{}）",
                "added activity {}: {} ({})",
                id,
                a.title.trim(),
                start_on
            ));
        }
        Cmd::List { year, kind, out } => {
            out.check(ctx)?;
            let list = activities::list(store.conn(), year.map(Year::get), kind.as_deref())?;
            ctx.listing_out(
                &out,
                &store,
                text!("会议和活动", "Meetings and activities"),
                views::activities(&list),
            )?;
        }
        Cmd::Show { id } => {
            let a = activities::get(store.conn(), id)?;
            let rows = activities::attendance(store.conn(), id)?;
            ctx.doc(&views::activity(&a, &rows))?;
        }
    }
    Ok(())
}
