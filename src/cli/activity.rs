//! `lvzhi activity add|list|show`.

use super::{Ctx, date_arg};
use crate::error::{Error, Result};
use crate::store::activities::{self, NewActivity};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 添加会议或活动，输出新活动的编号 (add an activity; prints its id)
    Add {
        /// 活动类型代码或名称，如 plenary、视察（lvzhi kind list）
        kind: String,
        /// 日期（多天活动的开始日期）
        #[arg(long)]
        date: String,
        /// 结束日期（默认同开始日期）
        #[arg(long)]
        end: Option<String>,
        /// 名称
        #[arg(long)]
        title: String,
        /// 半天数（默认：一天为 1，多天活动按每天 2 个半天计）
        #[arg(long, allow_negative_numbers = true)]
        half_days: Option<i64>,
        /// 组织单位（专委会或小组）
        #[arg(long)]
        org: Option<String>,
        /// 地点
        #[arg(long)]
        location: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 列出活动 (list activities)
    List {
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 活动类型
        #[arg(long)]
        kind: Option<String>,
    },
    /// 活动详情与出席登记 (an activity and its attendance)
    Show {
        /// 活动编号
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
            let days = (end_on - start_on).num_days() + 1;
            let half_days = half_days.unwrap_or(if days > 1 { days * 2 } else { 1 });
            if half_days < 0 {
                return Err(Error::usage(text!(
                    "「半天数」不能为负数：{}",
                    "half-days cannot be negative: {}",
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
        Cmd::List { year, kind } => {
            let list = activities::list(store.conn(), year, kind.as_deref())?;
            ctx.listing(&views::activities(&list))?;
        }
        Cmd::Show { id } => {
            let a = activities::get(store.conn(), id)?;
            let rows = activities::attendance(store.conn(), id)?;
            ctx.doc(&views::activity(&a, &rows))?;
        }
    }
    Ok(())
}
