//! `lvzhi sector add|list`.

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
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add { name, code, order } => {
            store.write(|w| sectors::add(w, &name, code.as_deref(), order))?;
            ctx.tell(text!("已添加界别「{}」", "added sector '{}'", name.trim()));
        }
        Cmd::List => ctx.listing(&views::sectors(&sectors::list(store.conn())?))?,
    }
    Ok(())
}
