//! `lvzhi committee show|set`: the committee's name and identity (division code, parent).

use super::Ctx;
use crate::domain::codes::Level;
use crate::domain::division;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::committee;
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "显示本会：名称、级别、届次、本届开始年份、行政区划代码、上级代码",
        "Show the committee: name, level, term, term start, division code, parent code"
    ))]
    Show,
    #[command(about = pick(
        "设定本会的行政区划代码、上级代码或名称（记入审计日志）",
        "Set the committee's division code, parent code or name (logged)"
    ))]
    Set {
        #[arg(long, help = pick(
            "本会的行政区划代码（6 位数字，如代县 140923）",
            "The committee's administrative division code (six digits, e.g. 140923)"
        ))]
        code: Option<String>,
        #[arg(long, help = pick(
            "上级委员会的行政区划代码（6 位数字，如忻州市 140900）",
            "Division code of the committee it reports to (six digits, e.g. 140900)"
        ))]
        parent: Option<String>,
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("委员会名称", "Name of the committee"))]
        name: Option<String>,
    },
}

fn no_committee() -> Error {
    Error::data(text!(
        "本数据库还没有设定委员会",
        "the committee is not set in this database yet"
    ))
    .with_hint(text!(
        "用 lvzhi committee set --name 政协××县委员会 --code 6位代码 设定",
        "set it with `lvzhi committee set --name NAME --code CODE`"
    ))
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Cmd::Show => {
            let store = ctx.open()?;
            let c = committee::get(store.conn())?.ok_or_else(no_committee)?;
            ctx.listing(&views::committee(&c))
        }
        Cmd::Set { code, parent, name } => {
            let code = code
                .as_deref()
                .map(|c| division::parse("--code", c))
                .transpose()?;
            let parent = parent
                .as_deref()
                .map(|p| division::parse("--parent", p))
                .transpose()?;
            if code.is_none() && parent.is_none() && name.is_none() {
                return Err(Error::usage(text!(
                    "没有要设定的内容：请给出 --code、--parent 或 --name",
                    "nothing to set: give --code, --parent or --name"
                )));
            }
            division::check_parent(code.as_deref(), parent.as_deref())?;
            let mut store = ctx.open()?;
            let (c, changed) = store.write(|w| {
                let current = committee::get(w)?;
                if current.is_none() && name.is_none() {
                    return Err(no_committee());
                }
                let mut c = current.unwrap_or(committee::Committee {
                    name: String::new(),
                    level: Level::County,
                    term: 1,
                    term_start: None,
                    code: None,
                    parent_code: None,
                });
                if let Some(n) = &name {
                    c.name = n.trim().to_string();
                }
                if code.is_some() {
                    c.code = code.clone();
                }
                if parent.is_some() {
                    c.parent_code = parent.clone();
                }
                division::check_parent(c.code.as_deref(), c.parent_code.as_deref())?;
                let changed = committee::set(w, &c)?;
                Ok((c, changed))
            })?;
            let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| pick("未设定", "not set").into());
            ctx.tell(if changed {
                text!(
                    "已设定委员会「{}」：代码 {}，上级代码 {}",
                    "committee '{}' set: code {}, parent code {}",
                    c.name,
                    shown(&c.code),
                    shown(&c.parent_code)
                )
            } else {
                text!(
                    "委员会「{}」未改动：代码 {}，上级代码 {}",
                    "committee '{}' unchanged: code {}, parent code {}",
                    c.name,
                    shown(&c.code),
                    shown(&c.parent_code)
                )
            });
            Ok(())
        }
    }
}
