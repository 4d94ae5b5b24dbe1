//! `lvzhi proposal add|set|list|show`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::{ProposalType, Satisfaction, Stage};
use crate::error::{Error, Result};
use crate::store::members;
use crate::store::opinions;
use crate::store::proposals::{self, Authors, Filter, NewProposal, ProposalSet};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 登记提案，输出新提案的序号 (add a proposal; prints its id)
    Add {
        /// 案由（标题）
        title: String,
        /// 年度（默认取提交日期的年份）
        #[arg(long)]
        year: Option<i32>,
        /// 提案号
        #[arg(long)]
        number: Option<String>,
        /// 会次，如 十六届二次会议
        #[arg(long)]
        session: Option<String>,
        /// 提交日期
        #[arg(long)]
        date: Option<String>,
        /// individual|joint|collective（个人/联名/集体；默认按提案人推断）
        #[arg(long = "type")]
        kind: Option<String>,
        /// 第一提案人（编号或姓名）
        #[arg(long)]
        lead: Vec<String>,
        /// 附议人，逗号分隔
        #[arg(long)]
        cosigners: Vec<String>,
        /// 集体提案的提出组织
        #[arg(long)]
        org: Option<String>,
        /// 集体提案的主要成员，逗号分隔
        #[arg(long)]
        main_members: Vec<String>,
        /// 承办单位
        #[arg(long)]
        unit: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 登记审查和办理结果 (record review and handling outcome)
    Set {
        /// 提案号或序号
        proposal: String,
        /// submitted|filed|not_filed|merged|withdrawn|converted（已提交/立案/不予立案/并案/撤回/转社情民意）
        #[arg(long)]
        stage: Option<String>,
        /// 并入的提案（提案号或序号）
        #[arg(long)]
        merged_into: Option<String>,
        /// 重点提案
        #[arg(long, overrides_with = "no_key")]
        key: bool,
        /// 取消重点提案
        #[arg(long)]
        no_key: bool,
        /// 优秀提案
        #[arg(long, overrides_with = "no_excellent")]
        excellent: bool,
        /// 取消优秀提案
        #[arg(long)]
        no_excellent: bool,
        /// 已报送上级政协
        #[arg(long, overrides_with = "no_forwarded")]
        forwarded: bool,
        /// 取消报送上级
        #[arg(long)]
        no_forwarded: bool,
        /// 承办单位
        #[arg(long)]
        unit: Option<String>,
        /// 答复日期
        #[arg(long)]
        reply_on: Option<String>,
        /// satisfied|basically_satisfied|unsatisfied（满意/基本满意/不满意）
        #[arg(long)]
        satisfaction: Option<String>,
        /// 提案号
        #[arg(long)]
        number: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 重新登记提案人、类型和提出组织（整体替换原有提案人） (replace the authors)
    Authors {
        /// 提案号或序号
        proposal: String,
        /// individual|joint|collective（个人/联名/集体；默认按提案人推断）
        #[arg(long = "type")]
        kind: Option<String>,
        /// 第一提案人（编号或姓名）
        #[arg(long)]
        lead: Vec<String>,
        /// 附议人，逗号分隔
        #[arg(long)]
        cosigners: Vec<String>,
        /// 集体提案的提出组织
        #[arg(long)]
        org: Option<String>,
        /// 集体提案的主要成员，逗号分隔
        #[arg(long)]
        main_members: Vec<String>,
    },
    /// 列出提案 (list proposals)
    List {
        /// 年度
        #[arg(long)]
        year: Option<i32>,
        /// 阶段
        #[arg(long)]
        stage: Option<String>,
        /// 只列此委员参与的提案
        #[arg(long)]
        member: Option<String>,
    },
    /// 提案详情 (a proposal and its authors)
    Show {
        /// 提案号或序号
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
                .or(submitted_on.map(crate::domain::dates::year_of))
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
        Cmd::List { year, stage, member } => {
            let member_id = member
                .map(|m| members::resolve(store.conn(), &m))
                .transpose()?
                .map(|m| m.id);
            let f = Filter {
                year,
                stage: stage.as_deref().map(Stage::parse).transpose()?,
                member_id,
            };
            ctx.listing(&views::proposals(&proposals::list(store.conn(), &f)?))?;
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
