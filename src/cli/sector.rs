//! `lvzhi sector add|list`.

use super::Ctx;
use crate::error::Result;
use crate::store::sectors;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 添加界别 (add a sector)
    Add {
        /// 界别名称，如 教育界
        name: String,
        /// 代码（默认自动编排）
        #[arg(long)]
        code: Option<String>,
        /// 排列顺序（默认排在最后）
        #[arg(long)]
        order: Option<i64>,
    },
    /// 列出界别 (list sectors)
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
