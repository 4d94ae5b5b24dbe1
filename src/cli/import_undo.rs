//! `lvzhi import list` and `lvzhi import undo N`.

use super::Ctx;
use crate::error::Result;
use crate::store::undo;
use crate::{text, views};

/// Lists every numbered import.
pub fn list(ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open()?;
    let runs = undo::list(store.conn())?;
    ctx.listing(&views::imports(&runs))
}

/// Takes import `number` back, or with `dry_run` says what that would do and writes nothing.
pub fn undo(number: i64, dry_run: bool, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let done = store.rehearse(|w| undo::undo(w, number))?;
    if !dry_run {
        let (removed, restored, reinserted) = done.counts();
        ctx.confirm(text!(
            "将撤销导入 {}「{}」：删除它新增的 {} 行，恢复它修改的 {} 行，放回它删除的 {} 行",
            "this undoes import {} '{}': it removes the {} rows it added, restores the {} rows it changed and puts back the {} rows it deleted",
            done.run.id,
            done.run.file,
            removed,
            restored,
            reinserted
        ))?;
    }
    let done = if dry_run {
        done
    } else {
        store.write(|w| undo::undo(w, number))?
    };
    let (removed, restored, reinserted) = done.counts();
    if dry_run {
        ctx.listing(&views::undo_steps(&done.steps))?;
        ctx.tell(text!(
            "演练（未写入）：撤销导入 {}「{}」将删除它新增的 {} 行，恢复它修改的 {} 行，放回它删除的 {} 行",
            "dry run (nothing written): undoing import {} '{}' would remove the {} rows it added, restore the {} rows it changed and put back the {} rows it deleted",
            done.run.id,
            done.run.file,
            removed,
            restored,
            reinserted
        ));
    } else {
        ctx.tell(text!(
            "已撤销导入 {}「{}」：删除它新增的 {} 行，恢复它修改的 {} 行，放回它删除的 {} 行（均记入审计日志）",
            "undid import {} '{}': removed the {} rows it added, restored the {} rows it changed, put back the {} rows it deleted (all in the audit log)",
            done.run.id,
            done.run.file,
            removed,
            restored,
            reinserted
        ));
    }
    Ok(())
}
