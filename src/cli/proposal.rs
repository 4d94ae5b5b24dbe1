//! `lvzhi proposal add|set|list|show`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::{ProposalType, Satisfaction, Stage};
use crate::domain::dates::year_of;
use crate::domain::year::Year;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::members;
use crate::store::opinions;
use crate::store::proposals::{self, Authors, Filter, NewProposal, ProposalSet};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("登记提案，输出新提案的序号", "Add a proposal; prints its id"))]
    Add {
        #[arg(value_parser = crate::domain::limits::title_arg, help = pick("案由（标题）", "Title"))]
        title: String,
        #[arg(long, help = pick("年度（默认取提交日期的年份）", "Year (the year of the date submitted by default)"))]
        year: Option<crate::domain::year::Year>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("提案号", "Proposal number"))]
        number: Option<String>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("会次，如 十六届二次会议", "Session"))]
        session: Option<String>,
        #[arg(long, help = pick("提交日期", "Date submitted"))]
        date: Option<String>,
        #[arg(long = "type", help = pick(
            "individual|joint|collective（个人/联名/集体；默认按提案人推断）",
            "individual|joint|collective (inferred from the authors by default)"
        ))]
        kind: Option<String>,
        #[arg(long, help = pick("第一提案人（编号或姓名）", "First author (code or name)"))]
        lead: Vec<String>,
        #[arg(long, help = pick("附议人，逗号分隔", "Co-signers, comma-separated"))]
        cosigners: Vec<String>,
        #[arg(long, help = pick("集体提案的提出组织", "Organisation submitting a collective proposal"))]
        org: Option<String>,
        #[arg(
            long,
            help = pick("集体提案的主要成员，逗号分隔", "Main members of a collective proposal, comma-separated")
        )]
        main_members: Vec<String>,
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("承办单位", "Handling unit"))]
        unit: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("登记审查和办理结果", "Record the review and the handling outcome"))]
    Set {
        #[arg(help = pick("提案号或序号", "Proposal number or id"))]
        proposal: String,
        #[arg(long, help = pick(
            "submitted|filed|not_filed|merged|withdrawn|converted（已提交/立案/不予立案/并案/撤回/转社情民意）",
            "submitted|filed|not_filed|merged|withdrawn|converted"
        ))]
        stage: Option<String>,
        #[arg(
            long,
            help = pick("并入的提案（提案号或序号）", "The proposal it was merged into (number or id)")
        )]
        merged_into: Option<String>,
        #[arg(long, overrides_with = "no_key", help = pick("重点提案", "Key proposal"))]
        key: bool,
        #[arg(long, help = pick("取消重点提案", "Not a key proposal"))]
        no_key: bool,
        #[arg(long, overrides_with = "no_excellent", help = pick("优秀提案", "Excellent proposal"))]
        excellent: bool,
        #[arg(long, help = pick("取消优秀提案", "Not an excellent proposal"))]
        no_excellent: bool,
        #[arg(
            long,
            value_name = "DATE",
            help = pick(
                "评为重点或优秀提案的日期（在提案年度之后时写；默认为提案年度）",
                "The day it was made key or excellent, when after the proposal's year (default: in its year)"
            )
        )]
        on: Option<String>,
        #[arg(
            long,
            overrides_with = "no_forwarded",
            help = pick("已报送上级政协", "Forwarded to the CPPCC at the next level up")
        )]
        forwarded: bool,
        #[arg(long, help = pick("取消报送上级", "Not forwarded"))]
        no_forwarded: bool,
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("承办单位", "Handling unit"))]
        unit: Option<String>,
        #[arg(long, help = pick("答复日期", "Date of the reply"))]
        reply_on: Option<String>,
        #[arg(
            long,
            help = pick(
                "satisfied|basically_satisfied|unsatisfied（满意/基本满意/不满意）",
                "satisfied|basically_satisfied|unsatisfied"
            )
        )]
        satisfaction: Option<String>,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("提案号", "Proposal number"))]
        number: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick(
        "重新登记提案人、类型和提出组织（整体替换原有提案人）",
        "Record the authors, type and organisation anew (replacing all authors)"
    ))]
    Authors {
        #[arg(help = pick("提案号或序号", "Proposal number or id"))]
        proposal: String,
        #[arg(long = "type", help = pick(
            "individual|joint|collective（个人/联名/集体；默认按提案人推断）",
            "individual|joint|collective (inferred from the authors by default)"
        ))]
        kind: Option<String>,
        #[arg(long, help = pick("第一提案人（编号或姓名）", "First author (code or name)"))]
        lead: Vec<String>,
        #[arg(long, help = pick("附议人，逗号分隔", "Co-signers, comma-separated"))]
        cosigners: Vec<String>,
        #[arg(long, help = pick("集体提案的提出组织", "Organisation submitting a collective proposal"))]
        org: Option<String>,
        #[arg(
            long,
            help = pick("集体提案的主要成员，逗号分隔", "Main members of a collective proposal, comma-separated")
        )]
        main_members: Vec<String>,
    },
    #[command(about = pick("列出提案", "List the proposals"))]
    List {
        #[command(flatten)]
        out: super::report::OutArgs,
        #[arg(long, help = pick("年度", "Year"))]
        year: Option<crate::domain::year::Year>,
        #[arg(long, help = pick("阶段", "Stage"))]
        stage: Option<String>,
        #[arg(long, help = pick("只列此委员参与的提案", "Only proposals of this member"))]
        member: Option<String>,
    },
    #[command(about = pick("提案详情", "A proposal and its authors"))]
    Show {
        #[arg(help = pick("提案号或序号", "Proposal number or id"))]
        proposal: String,
    },
}

fn flag(on: bool, off: bool) -> Option<bool> {
    if on {
        Some(true)
    } else if off {
        Some(false)
    } else {
        None
    }
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            title,
            year,
            number,
            session,
            date,
            kind,
            lead,
            cosigners,
            org,
            main_members,
            unit,
            note,
        } => {
            let submitted_on = date.as_deref().map(|d| date_arg("--date", d)).transpose()?;
            let year = year
                .map(Ok)
                .or(submitted_on.map(|d| Year::check(("提交日期 --date", "--date"), i64::from(year_of(d)))))
                .transpose()?
                .map(Year::get)
                .ok_or_else(|| {
                    Error::usage(text!(
                        "请写明年度 --year，或提交日期 --date",
                        "give the year (--year) or the submission date (--date)"
                    ))
                })?;
            let kind = kind.as_deref().map(ProposalType::parse).transpose()?;
            let conn = store.conn();
            let p = NewProposal {
                number,
                title,
                year,
                session,
                submitted_on,
                kind,
                org,
                leads: members::resolve_all(conn, &split_list(&lead))?,
                cosigners: members::resolve_all(conn, &split_list(&cosigners))?,
                main_members: members::resolve_all(conn, &split_list(&main_members))?,
                handling_unit: unit,
                note,
            };
            let id = store.write(|w| proposals::add(w, &p))?;
            ctx.line(&id.to_string())?;
            ctx.tell(text!(
                "已登记提案 {}：{}",
                "added proposal {}: {}",
                id,
                p.title.trim()
            ));
        }
        Cmd::Set {
            proposal,
            stage,
            merged_into,
            key,
            no_key,
            excellent,
            no_excellent,
            on,
            forwarded,
            no_forwarded,
            unit,
            reply_on,
            satisfaction,
            number,
            note,
        } => {
            let p = proposals::find(store.conn(), &proposal)?;
            let s = ProposalSet {
                stage: stage.as_deref().map(Stage::parse).transpose()?,
                merged_into,
                key: flag(key, no_key),
                excellent: flag(excellent, no_excellent),
                outcome_on: on.as_deref().map(|d| date_arg("--on", d)).transpose()?,
                forwarded_up: flag(forwarded, no_forwarded),
                handling_unit: unit,
                reply_on: reply_on
                    .as_deref()
                    .map(|d| date_arg("--reply-on", d))
                    .transpose()?,
                satisfaction: satisfaction.as_deref().map(Satisfaction::parse).transpose()?,
                number,
                note,
            };
            let after = store.write(|w| proposals::set(w, &p, &s))?;
            ctx.tell(text!(
                "提案 {}「{}」：{}",
                "proposal {} '{}': {}",
                after.id,
                after.title,
                after.stage.label()
            ));
        }
        Cmd::Authors {
            proposal,
            kind,
            lead,
            cosigners,
            org,
            main_members,
        } => {
            let p = proposals::find(store.conn(), &proposal)?;
            let conn = store.conn();
            let a = Authors {
                kind: kind.as_deref().map(ProposalType::parse).transpose()?,
                org,
                leads: members::resolve_all(conn, &split_list(&lead))?,
                cosigners: members::resolve_all(conn, &split_list(&cosigners))?,
                main_members: members::resolve_all(conn, &split_list(&main_members))?,
            };
            store.write(|w| proposals::set_authors(w, &p, &a))?;
            ctx.tell(text!(
                "已重新登记提案 {}「{}」的提案人",
                "replaced the authors of proposal {} '{}'",
                p.id,
                p.title
            ));
        }
        Cmd::List {
            year,
            stage,
            member,
            out,
        } => {
            out.check(ctx)?;
            let member_id = super::member_filter(&store, member)?;
            let f = Filter {
                year: year.map(Year::get),
                stage: stage.as_deref().map(Stage::parse).transpose()?,
                member_id,
            };
            ctx.listing_out(
                &out,
                &store,
                text!("提案", "Proposals"),
                views::proposals(&proposals::list(store.conn(), &f)?),
            )?;
        }
        Cmd::Show { proposal } => {
            let p = proposals::find(store.conn(), &proposal)?;
            let authors = proposals::authors(store.conn(), p.id)?;
            let converted = opinions::list(store.conn(), None, None)?
                .into_iter()
                .find(|o| o.from_proposal == Some(p.id));
            ctx.doc(&views::proposal(&p, &authors, converted.as_ref()))?;
        }
    }
    Ok(())
}
