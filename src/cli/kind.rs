//! `lvzhi kind add|list`.

use super::Ctx;
use crate::error::Result;
use crate::i18n::pick;
use crate::store::kinds;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick("添加活动类型", "Add an activity kind"))]
    Add {
        #[arg(
            help = pick(
                "代码：小写英文字母、数字、下划线，如 visit",
                "Code: lowercase letters, digits and underscores, e.g. visit"
            )
        )]
        code: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("中文名称", "Chinese name"))]
        zh: String,
        #[arg(value_parser = crate::domain::limits::name_arg, long, help = pick("英文名称（默认同代码）", "English name (the code by default)"))]
        en: Option<String>,
        #[arg(
            long,
            help = pick(
                "只有常委应出席（如常委会议）",
                "Only members of the standing committee are due (e.g. its meetings)"
            )
        )]
        standing_only: bool,
        #[arg(
            long,
            help = pick(
                "全体委员（配合 --standing-only 则为全体常委）都应出席，如全体会议；\
                 否则只有登记了的（受邀的）委员应出席",
                "All members (with --standing-only: all of the standing committee) are due, as at a \
                 plenary; otherwise only the members recorded (invited) are"
            )
        )]
        all_due: bool,
    },
    #[command(about = pick("列出活动类型", "List the activity kinds"))]
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
