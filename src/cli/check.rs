//! `lvzhi check`: the file's soundness and its schema against this version's.

use super::Ctx;
use crate::error::{Error, Result};
use crate::store::health;
use crate::{text, views};

/// Arguments of `lvzhi check`.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_: Args, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    let checks = health::check(store.conn())?;
    ctx.listing(&views::checks(&checks))?;
    let failed = checks.iter().filter(|c| !c.ok).count();
    if failed > 0 {
        return Err(
            Error::data(text!("有 {} 项检查未通过", "{} check(s) failed", failed)).with_hint(text!(
                "用 lvzhi backup 做过的备份恢复，或把这个文件交给技术人员检查",
                "restore a backup made with `lvzhi backup`, or have the file looked at"
            )),
        );
    }
    ctx.tell(text!("全部检查通过", "every check passed"));
    Ok(())
}
