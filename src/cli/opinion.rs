//! `lvzhi opinion add|adopt|instruct|list|show`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::Level;
use crate::domain::year::Year;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::members;
use crate::store::opinions::{self, NewOpinion};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("登记社情民意信息，输出新信息的序号", "Add an opinion report; prints its id"))]
    Add {
        #[arg(value_parser = crate::domain::limits::title_arg, help = pick("标题", "Title"))]
        title: String,
        #[arg(long, help = pick("报送日期", "Date submitted"))]
        date: String,
        #[arg(
            long,
            required = true,
            help = pick("作者，逗号分隔，第一位为第一作者", "Authors, comma-separated, the first author first")
        )]
        authors: Vec<String>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("编号", "Number"))]
        number: Option<String>,
        #[arg(
            long,
            help = pick("由哪件提案转来（提案号或序号）", "The proposal it was converted from (number or id)")
        )]
        from_proposal: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("登记采用", "Record an adoption"))]
    Adopt {
        #[arg(help = pick("信息编号或序号", "Report number or id"))]
        opinion: String,
        #[arg(
            long,
            help = pick(
                "county|city|province|national（县级/市级/省级/全国）",
                "county|city|province|national"
            )
        )]
        level: String,
        #[arg(long, help = pick("采用日期", "Date of adoption"))]
        date: String,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("登记领导批示", "Record a leader's instruction"))]
    Instruct {
        #[arg(help = pick("信息编号或序号", "Report number or id"))]
        opinion: String,
        #[arg(
            long,
            help = pick(
                "county|city|province|national（县级/市级/省级/全国）",
                "county|city|province|national"
            )
        )]
        level: String,
        #[arg(long, help = pick("批示日期", "Date of the instruction"))]
        date: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("批示领导", "The leader who gave it"))]
        leader: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick(
        "重新登记作者（整体替换原有作者）",
        "Replace the authors of a report (the whole list)"
    ))]
    Authors {
        #[arg(help = pick("信息编号或序号", "Report number or id"))]
        opinion: String,
        #[arg(
            long,
            required = true,
            help = pick("作者，逗号分隔，第一位为第一作者", "Authors, comma-separated, the first author first")
        )]
        authors: Vec<String>,
    },
    #[command(about = pick("列出社情民意信息", "List the opinion reports"))]
    List {
        #[command(flatten)]
        out: super::report::OutArgs,
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("只列此委员参与的", "Only reports of this member"))]
        member: Option<String>,
    },
    #[command(about = pick("信息详情", "A report, its authors, adoptions and instructions"))]
    Show {
        #[arg(help = pick("信息编号或序号", "Report number or id"))]
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
        Cmd::Authors { opinion, authors } => {
            let o = opinions::find(store.conn(), &opinion)?;
            let authors = members::resolve_all(store.conn(), &split_list(&authors))?;
            store.write(|w| opinions::set_authors(w, &o, &authors))?;
            ctx.tell(text!(
                "已重新登记社情民意信息 {}「{}」的作者",
                "replaced the authors of opinion report {} '{}'",
                o.id,
                o.title
            ));
        }
        Cmd::List { year, member, out } => {
            out.check(ctx)?;
            let member_id = super::member_filter(&store, member)?;
            let l = views::opinions(&opinions::list(store.conn(), year.map(Year::get), member_id)?);
            ctx.listing_out(&out, &store, text!("社情民意信息", "Opinion reports"), l)?;
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
