//! `lvzhi org add|list|join|leave`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::{OrgKind, OrgRole};
use crate::error::Result;
use crate::store::{members, orgs};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 添加专委会、联络组或委员小组 (add an organisation)
    Add {
        /// 名称，如 提案委员会
        name: String,
        /// 类型 special|liaison|group（专门委员会/联络组/委员小组）
        #[arg(long, default_value = "special")]
        kind: String,
        /// 代码（默认自动编排）
        #[arg(long)]
        code: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
    },
    /// 列出组织 (list organisations)
    List,
    /// 委员加入组织；常委会用「常务委员会」或 standing (members join)
    Join {
        /// 组织名称或代码
        org: String,
        /// 委员编号或姓名，逗号分隔
        #[arg(required = true)]
        members: Vec<String>,
        /// 职务 director|deputy|secretary|member（主任/副主任/秘书/成员）
        #[arg(long, default_value = "member")]
        role: String,
        /// 起始日期
        #[arg(long)]
        from: String,
    },
    /// 委员退出组织 (members leave)
    Leave {
        /// 组织名称或代码
        org: String,
        /// 委员编号或姓名，逗号分隔
        #[arg(required = true)]
        members: Vec<String>,
        /// 结束日期
        #[arg(long)]
        on: String,
    },
    /// 列出组织的任职记录 (memberships of an organisation)
    Members {
        /// 组织名称或代码
        org: String,
    },
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            name,
            kind,
            code,
            note,
        } => {
            let kind = OrgKind::parse(&kind)?;
            store.write(|w| orgs::add(w, name.trim(), kind, code.as_deref(), note.as_deref()))?;
            ctx.tell(text!("已添加{}「{}」", "added {} '{}'", kind.zh(), name.trim()));
        }
        Cmd::List => ctx.listing(&views::orgs(&orgs::list(store.conn())?))?,
        Cmd::Join {
            org,
            members,
            role,
            from,
        } => {
            let role = OrgRole::parse(&role)?;
            let from = date_arg("--from", &from)?;
            let org = orgs::find(store.conn(), &org)?;
            let list = members::resolve_all(store.conn(), &split_list(&members))?;
            store.write(|w| orgs::join(w, &org, &list, role, from))?;
            ctx.tell(text!(
                "{} 位委员已加入「{}」",
                "{} members joined '{}'",
                list.len(),
                org.name
            ));
        }
        Cmd::Leave { org, members, on } => {
            let on = date_arg("--on", &on)?;
            let org = orgs::find(store.conn(), &org)?;
            let list = members::resolve_all(store.conn(), &split_list(&members))?;
            store.write(|w| orgs::leave(w, &org, &list, on))?;
            ctx.tell(text!(
                "{} 位委员已退出「{}」",
                "{} members left '{}'",
                list.len(),
                org.name
            ));
        }
        Cmd::Members { org } => {
            let org = orgs::find(store.conn(), &org)?;
            let list = orgs::memberships(store.conn(), None, Some(org.id))?;
            ctx.listing(&views::memberships(&list, true))?;
        }
    }
    Ok(())
}
