//! `lvzhi org add|list|join|leave`.

use super::{Ctx, date_arg, split_list};
use crate::domain::codes::{OrgKind, OrgRole};
use crate::error::Result;
use crate::i18n::pick;
use crate::store::{members, orgs};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("添加专委会、联络组或委员小组", "Add a special committee, liaison group or member group"))]
    Add {
        #[arg(value_parser = crate::domain::limits::name_arg, help = pick("名称，如 提案委员会", "Name"))]
        name: String,
        #[arg(
            long,
            default_value = "special",
            help = pick(
                "类型 special|liaison|group（专门委员会/联络组/委员小组）",
                "Kind: special|liaison|group (special committee, liaison group, member group)"
            )
        )]
        kind: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("代码（默认自动编排）", "Code (assigned automatically by default)"))]
        code: Option<String>,
        #[arg(value_parser = crate::domain::limits::text_arg, long, help = pick("备注", "Note"))]
        note: Option<String>,
    },
    #[command(about = pick("列出组织", "List the organisations"))]
    List,
    #[command(about = pick(
        "委员加入组织；常委会用「常务委员会」或 standing",
        "Members join an organisation; the standing committee is `standing`"
    ))]
    Join {
        #[arg(help = pick("组织名称或代码", "Name or code of the organisation"))]
        org: String,
        #[arg(required = true, help = pick("委员编号或姓名，逗号分隔", "Members by code or name, comma-separated"))]
        members: Vec<String>,
        #[arg(
            long,
            default_value = "member",
            help = pick(
                "职务 director|deputy|secretary|member（主任/副主任/秘书/成员）",
                "Role: director|deputy|secretary|member"
            )
        )]
        role: String,
        #[arg(long, help = pick("起始日期", "Start date"))]
        from: String,
    },
    #[command(about = pick("委员退出组织", "Members leave an organisation"))]
    Leave {
        #[arg(help = pick("组织名称或代码", "Name or code of the organisation"))]
        org: String,
        #[arg(required = true, help = pick("委员编号或姓名，逗号分隔", "Members by code or name, comma-separated"))]
        members: Vec<String>,
        #[arg(long, help = pick("结束日期", "End date"))]
        on: String,
    },
    #[command(about = pick("列出组织的任职记录", "List the memberships of an organisation"))]
    Members {
        #[arg(help = pick("组织名称或代码", "Name or code of the organisation"))]
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
