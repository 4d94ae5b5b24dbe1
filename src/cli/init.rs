//! `lvzhi init`.

use super::Ctx;
use crate::domain::codes::Level;
use crate::domain::division;
use crate::domain::year::Year;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::{committee, sectors};
use crate::text;

/// Arguments of `lvzhi init` (its help texts are on `Command::Init`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("委员会名称，如「政协代县委员会」", "Name of the committee"))]
    name: Option<String>,
    #[arg(
        long,
        help = pick(
            "级别 county|city|province|national（县级/市级/省级/全国）",
            "Level: county|city|province|national"
        )
    )]
    level: Option<String>,
    #[arg(long, help = pick("届次，如 16", "Number of the term, e.g. 16"))]
    term: Option<i64>,
    #[arg(long, help = pick("本届开始年份", "First year of the term"))]
    term_start: Option<crate::domain::year::Year>,
    #[arg(
        long,
        help = pick(
            "本会的行政区划代码（6 位数字，如代县 140923）",
            "The committee's administrative division code (six digits, e.g. 140923)"
        )
    )]
    code: Option<String>,
    #[arg(
        long,
        help = pick(
            "上级委员会的行政区划代码（6 位数字，如忻州市 140900）",
            "Division code of the committee it reports to (six digits, e.g. 140900)"
        )
    )]
    parent: Option<String>,
    #[arg(long, value_parser = ["standard"], help = pick("建立常用界别：standard", "Create the usual sectors: standard"))]
    sectors: Option<String>,
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    // Check the arguments before the file is created: bad input must leave no file behind.
    let code = a
        .code
        .as_deref()
        .map(|c| division::parse("--code", c))
        .transpose()?;
    let parent = a
        .parent
        .as_deref()
        .map(|p| division::parse("--parent", p))
        .transpose()?;
    let any_committee = a.name.is_some()
        || a.level.is_some()
        || a.term.is_some()
        || a.term_start.is_some()
        || code.is_some()
        || parent.is_some();
    division::check_parent(code.as_deref(), parent.as_deref())?;
    let level = a.level.as_deref().map(Level::parse).transpose()?;
    if let Some(t) = a.term
        && t <= 0
    {
        return Err(Error::usage(text!(
            "「届次」应为正整数：{}",
            "term must be a positive number: {}",
            t
        )));
    }
    let term_start = a.term_start.map(Year::get);
    let existed = ctx.db.exists();
    if !existed && any_committee && a.name.is_none() {
        return Err(Error::usage(text!(
            "第一次设定委员会时需要 --name",
            "--name is needed the first time the committee is set"
        )));
    }
    let mut store = ctx.open_or_create()?;
    let added = store.write(|w| {
        if any_committee {
            let current = committee::get(w)?;
            let name = a
                .name
                .clone()
                .or(current.as_ref().map(|c| c.name.clone()))
                .ok_or_else(|| {
                    Error::usage(text!(
                        "第一次设定委员会时需要 --name",
                        "--name is needed the first time the committee is set"
                    ))
                })?;
            let code = code.clone().or(current.as_ref().and_then(|c| c.code.clone()));
            let parent_code = parent
                .clone()
                .or(current.as_ref().and_then(|c| c.parent_code.clone()));
            division::check_parent(code.as_deref(), parent_code.as_deref())?;
            committee::set(
                w,
                &committee::Committee {
                    name,
                    level: level
                        .or(current.as_ref().map(|c| c.level))
                        .unwrap_or(Level::County),
                    term: a.term.or(current.as_ref().map(|c| c.term)).unwrap_or(1),
                    term_start: term_start.or(current.as_ref().and_then(|c| c.term_start)),
                    code,
                    parent_code,
                },
            )?;
        }
        if a.sectors.is_some() {
            sectors::add_standard(w)
        } else {
            Ok(0)
        }
    })?;
    let version = crate::store::schema_version(store.conn())?;
    ctx.tell(if existed {
        text!(
            "数据库 {} 已就绪（结构版本 {}）",
            "database {} is ready (schema version {})",
            ctx.db.display(),
            version
        )
    } else {
        text!(
            "已建立数据库 {}（结构版本 {}）",
            "created database {} (schema version {})",
            ctx.db.display(),
            version
        )
    });
    if added > 0 {
        ctx.tell(text!("已添加 {} 个常用界别", "added {} standard sectors", added));
    }
    if committee::get(store.conn())?.is_none() {
        ctx.tell(text!(
            "提示：用 lvzhi init --name 政协××县委员会 --level county --term 16 设定委员会名称",
            "hint: set the committee with `lvzhi init --name NAME --level county --term 16`"
        ));
    }
    Ok(())
}
