//! `lvzhi donation add|list|remove`: donations (捐款捐物) by members.

use super::{Ctx, date_arg};
use crate::domain::codes::DonationKind;
use crate::domain::money::{parse_yuan, yuan};
use crate::domain::year::Year;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::donations::{self, NewDonation};
use crate::store::members;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "登记一笔捐款或捐物；输出其序号",
        "Record a donation of money or goods; prints its id"
    ))]
    Add {
        #[arg(help = pick("委员编号或姓名", "Member code or name"))]
        member: String,
        #[arg(
            long,
            help = pick(
                "金额（元），如 500、1,200.50、0.5万；捐物写折价",
                "Amount in yuan, e.g. 500 or 1,200.50 (the ten-thousand unit is understood too); for goods, their value"
            )
        )]
        amount: String,
        #[arg(long, help = pick("日期", "Date"))]
        date: String,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("用途或事由，如 抗疫慰问", "What it was for"))]
        purpose: String,
        #[arg(long, help = pick("捐物（不写为捐款）", "Goods rather than money"))]
        goods: bool,
        #[arg(long, help = pick("所属活动的序号", "Id of the activity it belongs to"))]
        activity: Option<i64>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("列出捐款捐物", "List the donations"))]
    List {
        #[command(flatten)]
        out: super::report::OutArgs,
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("委员编号或姓名", "Member code or name"))]
        member: Option<String>,
    },
    #[command(about = pick(
        "删除登记错的一笔（原记录留在审计日志中）",
        "Remove a donation recorded by mistake (its record stays in the audit log)"
    ))]
    Remove {
        #[arg(help = pick("序号", "Id"))]
        id: i64,
    },
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            member,
            amount,
            date,
            purpose,
            goods,
            activity,
            note,
        } => {
            let amount_fen = parse_yuan(&amount)?;
            let given_on = date_arg("--date", &date)?;
            let m = members::resolve(store.conn(), &member)?;
            let kind = if goods {
                DonationKind::Goods
            } else {
                DonationKind::Money
            };
            let d = NewDonation {
                given_on,
                kind,
                amount_fen,
                purpose,
                activity_id: activity,
                note,
            };
            let id = store.write(|w| donations::add(w, &m, &d))?;
            ctx.line(&id.to_string())?;
            ctx.tell(text!(
                "已登记 {} {} {} 元",
                "recorded a donation by {}: {} of {} yuan",
                m.name,
                kind.label(),
                yuan(amount_fen)
            ));
        }
        Cmd::List { year, member, out } => {
            out.check(ctx)?;
            let id = super::member_filter(&store, member)?;
            let l = views::donations(&donations::list(store.conn(), year.map(Year::get), id)?);
            ctx.listing_out(&out, &store, text!("捐款捐物", "Donations"), l)?;
        }
        Cmd::Remove { id } => {
            if let Some(d) = donations::list(store.conn(), None, None)?
                .into_iter()
                .find(|d| d.id == id)
            {
                store.rehearse(|w| donations::remove(w, id))?;
                ctx.confirm(text!(
                    "将删除捐赠记录 {}：{}（{}）{} {} {} 元，{}",
                    "this removes donation {}: {} ({}) on {}, {} of {} yuan, {}",
                    id,
                    d.name,
                    d.code,
                    d.given_on,
                    d.kind.label(),
                    yuan(d.amount_fen),
                    d.purpose
                ))?;
            }
            store.write(|w| donations::remove(w, id))?;
            ctx.tell(text!("已删除捐赠记录 {}", "removed donation {}", id));
        }
    }
    Ok(())
}
