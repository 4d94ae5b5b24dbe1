//! `lvzhi opinion add|adopt|instruct|list|show`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::Level;
use crate::error::Result;
use crate::store::members;
use crate::store::opinions::{self, NewOpinion};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 登记社情民意信息，输出新信息的序号 (add a report; prints its id)
    Add {
        /// 标题
        title: String,
        /// 报送日期
        #[arg(long)]
        date: String,
        /// 作者，逗号分隔，第一位为第一作者
        #[arg(long, required = true)]
        authors: Vec<String>,
        /// 编号
        #[arg(long)]
        number: Option<String>,
        /// 由哪件提案转来（提案号或序号）
        #[arg(long)]
        from_proposal: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 登记采用 (record an adoption)
    Adopt {
        /// 信息编号或序号
        opinion: String,
        /// county|city|province|national（县级/市级/省级/全国）
        #[arg(long)]
        level: String,
        /// 采用日期
        #[arg(long)]
        date: String,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 登记领导批示 (record a leader's instruction)
    Instruct {
        /// 信息编号或序号
        opinion: String,
        /// county|city|province|national
        #[arg(long)]
        level: String,
        /// 批示日期
        #[arg(long)]
        date: String,
        /// 批示领导
        #[arg(long)]
        leader: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 列出社情民意信息 (list reports)
    List {
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 只列此委员参与的
        #[arg(long)]
        member: Option<String>,
    },
    /// 信息详情 (a report, its authors, adoptions and instructions)
    Show {
        /// 信息编号或序号
        opinion: String,
    },
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            title,
            date,
            authors,
            number,
            from_proposal,
            note,
        } => {
            let o = NewOpinion {
                number,
                title,
                submitted_on: date_arg("--date", &date)?,
                authors: members::resolve_all(store.conn(), &split_list(&authors))?,
                from_proposal,
                note,
            };
            let id = store.write(|w| opinions::add(w, &o))?;
            ctx.line(&id.to_string())?;
            ctx.tell(text!(
                "已登记社情民意信息 {}：{}",
                "added opinion report {}: {}",
                id,
                o.title.trim()
            ));
        }
        Cmd::Adopt {
            opinion,
            level,
            date,
            note,
        } => {
            let level = Level::parse(&level)?;
            let on = date_arg("--date", &date)?;
            let o = opinions::find(store.conn(), &opinion)?;
            store.write(|w| opinions::adopt(w, &o, level, on, note.as_deref()))?;
            ctx.tell(text!(
                "已登记「{}」被{}采用",
                "report '{}' adopted at {} level",
                o.title,
                level.label()
            ));
        }
        Cmd::Instruct {
            opinion,
            level,
            date,
            leader,
            note,
        } => {
            let level = Level::parse(&level)?;
            let on = date_arg("--date", &date)?;
            let o = opinions::find(store.conn(), &opinion)?;
            store.write(|w| opinions::instruct(w, &o, level, on, leader.as_deref(), note.as_deref()))?;
            ctx.tell(text!(
                "已登记「{}」获{}领导批示",
                "report '{}' instructed at {} level",
                o.title,
                level.label()
            ));
        }
        Cmd::List { year, member } => {
            let member_id = member
                .map(|m| members::resolve(store.conn(), &m))
                .transpose()?
                .map(|m| m.id);
            ctx.listing(&views::opinions(&opinions::list(store.conn(), year, member_id)?))?;
        }
        Cmd::Show { opinion } => {
            let o = opinions::find(store.conn(), &opinion)?;
            let conn = store.conn();
            let doc = views::opinion(
                &o,
                &opinions::authors(conn, o.id)?,
                &opinions::events(conn, o.id, false)?,
                &opinions::events(conn, o.id, true)?,
            );
            ctx.doc(&doc)?;
        }
    }
    Ok(())
}
