//! `lvzhi sector add|list|alias`.

use super::Ctx;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::sectors;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("添加界别", "Add a sector"))]
    Add {
        #[arg(value_parser = crate::domain::limits::name_arg, help = pick("界别名称，如 教育界", "Name of the sector"))]
        name: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("代码（默认自动编排）", "Code (assigned automatically by default)"))]
        code: Option<String>,
        #[arg(long, help = pick("排列顺序（默认排在最后）", "Position in the list (last by default)"))]
        order: Option<i64>,
    },
    #[command(about = pick("列出界别", "List the sectors"))]
    List,
    #[command(
        subcommand,
        about = pick(
            "界别的别名（内置常用简称、全称之外，本会自己的写法）",
            "Other names of sectors (the committee's own, beside the built-in short and full names)"
        )
    )]
    Alias(AliasCmd),
}

#[derive(clap::Subcommand, Debug)]
pub enum AliasCmd {
    #[command(about = pick("添加别名，如 sector alias add 教科文卫 教育界", "Add an alias, e.g. `sector alias add EDU S15`"))]
    Add {
        #[arg(help = pick("别名", "The alias"))]
        alias: String,
        #[arg(help = pick("界别名称或代码", "Name or code of the sector"))]
        sector: String,
    },
    #[command(about = pick("列出本会添加的别名和内置的常用名称", "List the committee's aliases and the built-in names"))]
    List,
    #[command(about = pick("删除本会添加的别名", "Remove an alias the committee added"))]
    Remove {
        #[arg(help = pick("别名", "The alias"))]
        alias: String,
    },
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add { name, code, order } => {
            store.write(|w| sectors::add(w, &name, code.as_deref(), order))?;
            ctx.tell(text!("已添加界别「{}」", "added sector '{}'", name.trim()));
        }
        Cmd::List => ctx.listing(&views::sectors(&sectors::list(store.conn())?))?,
        Cmd::Alias(AliasCmd::Add { alias, sector }) => {
            store.write(|w| sectors::add_alias(w, &alias, &sector))?;
            ctx.tell(text!("已添加别名「{}」", "added the alias '{}'", alias.trim()));
        }
        Cmd::Alias(AliasCmd::List) => {
            let stored = sectors::list(store.conn())?;
            let own = sectors::aliases(store.conn())?;
            ctx.listing(&views::sector_aliases(&own, &stored))?
        }
        Cmd::Alias(AliasCmd::Remove { alias }) => {
            store.write(|w| sectors::remove_alias(w, &alias))?;
            ctx.tell(text!("已删除别名「{}」", "removed the alias '{}'", alias.trim()));
        }
    }
    Ok(())
}
