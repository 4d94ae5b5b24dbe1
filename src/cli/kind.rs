//! `lvzhi kind add|list`.

use super::Ctx;
use crate::error::Result;
use crate::store::kinds;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 添加活动类型 (add an activity kind)
    Add {
        /// 代码：小写英文字母、数字、下划线，如 visit
        code: String,
        /// 中文名称
        #[arg(long)]
        zh: String,
        /// 英文名称（默认同代码）
        #[arg(long)]
        en: Option<String>,
        /// 只有常委应出席（如常委会议）
        #[arg(long)]
        standing_only: bool,
        /// 全体委员（配合 --standing-only 则为全体常委）都应出席，如全体会议；
        /// 否则只有登记了的（受邀的）委员应出席
        #[arg(long)]
        all_due: bool,
    },
    /// 列出活动类型 (list kinds)
    List,
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        Cmd::Add {
            code,
            zh,
            en,
            standing_only,
            all_due,
        } => {
            let en = en.unwrap_or_else(|| code.clone());
            store.write(|w| kinds::add(w, &code, &zh, &en, standing_only, all_due))?;
            ctx.tell(text!(
                "已添加活动类型「{}」（{}）",
                "added activity kind '{}' ({})",
                zh,
                code
            ));
        }
        Cmd::List => ctx.listing(&views::kinds(&kinds::list(store.conn())?))?,
    }
    Ok(())
}
