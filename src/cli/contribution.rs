//! `lvzhi contribution add|list|show|remove|kind`: other duty outputs (履职成果).

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::Level;
use crate::domain::year::Year;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::contributions::{self, NewContribution};
use crate::store::members;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "登记一项履职成果（调研报告、文史资料、宣传报道等）；输出其序号",
        "Record a duty output (research report, historical material, media article, …); prints its id"
    ))]
    Add {
        #[arg(value_parser = crate::domain::limits::title_arg, help = pick("标题", "Title"))]
        title: String,
        #[arg(long, help = pick("类型：代码或名称，如 research_report、调研报告", "Kind: code or name, e.g. research_report"))]
        kind: String,
        #[arg(long, help = pick("日期（完成、刊发或开展之日）", "Date (completed, published or done)"))]
        date: String,
        #[arg(
            long,
            required = true,
            help = pick("作者，逗号分隔，第一位为第一作者", "Authors, comma-separated, the lead first")
        )]
        authors: Vec<String>,
        #[arg(
            long,
            help = pick(
                "级别：county|city|province|national（县级/市级/省级/全国）",
                "Level: county|city|province|national"
            )
        )]
        level: Option<String>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("刊物或媒体", "Where it appeared (journal, newspaper, media)"))]
        outlet: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("列出履职成果", "List the contributions"))]
    List {
        #[command(flatten)]
        out: super::report::OutArgs,
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("只列此委员参与的", "Only those of this member"))]
        member: Option<String>,
        #[arg(long, help = pick("只列此类型", "Only this kind"))]
        kind: Option<String>,
    },
    #[command(about = pick("履职成果详情及作者", "A contribution and its authors"))]
    Show {
        #[arg(help = pick("序号", "Id"))]
        id: i64,
    },
    #[command(about = pick(
        "删除登记错的一项（原记录留在审计日志中）",
        "Remove a contribution recorded by mistake (its record stays in the audit log)"
    ))]
    Remove {
        #[arg(help = pick("序号", "Id"))]
        id: i64,
    },
    #[command(subcommand, about = pick("履职成果类型", "Kinds of contribution"))]
    Kind(KindCmd),
}

#[derive(clap::Subcommand, Debug)]
pub enum KindCmd {
    #[command(about = pick("添加履职成果类型", "Add a kind of contribution"))]
    Add {
        #[arg(help = pick(
            "代码：小写英文字母、数字、下划线，如 proposal_draft",
            "Code: lowercase letters, digits and underscores, e.g. proposal_draft"
        ))]
        code: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("中文名称", "Chinese name"))]
        zh: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("英文名称（默认同代码）", "English name (the code by default)"))]
        en: Option<String>,
    },
    #[command(about = pick("列出履职成果类型", "List the kinds of contribution"))]
    List,
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            title,
            kind,
            date,
            authors,
            level,
            outlet,
            note,
        } => {
            let c = NewContribution {
                kind: contributions::find_kind(store.conn(), &kind)?,
                done_on: date_arg("--date", &date)?,
                title,
                authors: members::resolve_all(store.conn(), &split_list(&authors))?,
                level: level.as_deref().map(Level::parse).transpose()?,
                outlet,
                note,
            };
            let id = store.write(|w| contributions::add(w, &c))?;
            ctx.line(&id.to_string())?;
            ctx.tell(text!(
                "已登记履职成果 {}（{}）：{}",
                "recorded contribution {} ({}): {}",
                id,
                c.kind.name(),
                c.title.trim()
            ));
        }
        Cmd::List {
            year,
            member,
            kind,
            out,
        } => {
            out.check(ctx)?;
            let member_id = super::member_filter(&store, member)?;
            let kind = kind
                .map(|k| contributions::find_kind(store.conn(), &k))
                .transpose()?;
            let list: Vec<_> = contributions::list(store.conn(), year.map(Year::get), member_id)?
                .into_iter()
                .filter(|c| kind.as_ref().is_none_or(|k| k.code == c.kind))
                .collect();
            let l = views::contributions(&list);
            ctx.listing_out(&out, &store, text!("履职成果", "Contributions"), l)?;
        }
        Cmd::Show { id } => {
            let c = contributions::find(store.conn(), id)?;
            let doc = views::contribution(&c, &contributions::authors(store.conn(), id)?);
            ctx.doc(&doc)?;
        }
        Cmd::Remove { id } => {
            if let Some(c) = contributions::get(store.conn(), id)? {
                store.rehearse(|w| contributions::remove(w, id))?;
                ctx.confirm(text!(
                    "将删除履职成果 {}：{} {}「{}」（{}）",
                    "this removes contribution {}: {} on {} '{}' ({})",
                    id,
                    c.kind_name(),
                    c.done_on,
                    c.title,
                    c.authors.join(pick("、", ", "))
                ))?;
            }
            store.write(|w| contributions::remove(w, id))?;
            ctx.tell(text!("已删除履职成果 {}", "removed contribution {}", id));
        }
        Cmd::Kind(KindCmd::Add { code, zh, en }) => {
            let en = en.unwrap_or_else(|| code.clone());
            store.write(|w| contributions::add_kind(w, &code, &zh, &en))?;
            ctx.tell(text!(
                "已添加履职成果类型「{}」（{}）",
                "added contribution kind '{}' ({})",
                zh,
                code
            ));
        }
        Cmd::Kind(KindCmd::List) => {
            ctx.listing(&views::contribution_kinds(&contributions::kinds(store.conn())?))?
        }
    }
    Ok(())
}
