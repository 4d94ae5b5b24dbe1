//! `lvzhi demo`.

use super::Ctx;
use crate::error::{Error, Result};
use crate::report::assessment as report;
use crate::store::{assess, committee};
use crate::{demo, text};

/// Arguments of `lvzhi demo` (none; its help texts are on `Command::Demo`).
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_: Args, ctx: &mut Ctx) -> Result<()> {
    if ctx.db.exists() {
        let replaceable = ctx.open().ok().is_some_and(|s| {
            let demo = committee::get(s.conn())
                .ok()
                .flatten()
                .is_some_and(|c| c.name == demo::COMMITTEE);
            demo || committee::is_blank(s.conn()).unwrap_or(false)
        });
        if !replaceable {
            return Err(Error::data(text!(
                "文件 {} 已存在且不是演示数据库；演示只写入新文件，不会覆盖已有数据",
                "{} exists and is not a demo database; the demo only writes a new file and never overwrites data",
                ctx.db.display()
            ))
            .with_hint(text!(
                "换一个路径，如 lvzhi --db demo.db demo",
                "choose another path, e.g. `lvzhi --db demo.db demo`"
            )));
        }
        remove(ctx)?;
    }
    let mut store = ctx.open_or_create()?;
    let counts = match store.write(demo::build) {
        Ok(c) => c,
        Err(e) => {
            drop(store);
            remove(ctx)?;
            return Err(e);
        }
    };
    let s = assess::scheme(store.conn(), demo::YEAR)?.expect("the demo sets its scheme");
    let scheme = super::rules::parse(&s.source, &s.text, &assess::kind_codes(store.conn())?)?;
    let save = crate::assessing::Save {
        stored: &s,
        supersede: None,
        finalize: false,
    };
    let result = crate::assessing::assess_and_store(&mut store, demo::YEAR, &scheme, save, None, |_| Ok(()))?;
    ctx.tell(text!(
        "已建立演示委员会 {}：{} 个界别，{} 位委员，{} 项活动（{} 人次出席登记），{} 件提案（立案 {} 件），{} 篇社情民意信息，捐款捐物 {} 元",
        "built the demo committee in {}: {} sectors, {} members, {} activities ({} attendance records), {} proposals ({} filed), {} opinion reports, {} yuan donated",
        ctx.db.display(),
        counts.sectors,
        counts.members,
        counts.activities,
        counts.attendance,
        counts.proposals,
        counts.filed,
        counts.opinions,
        crate::domain::money::yuan(counts.donated_fen)
    ));
    ctx.tell(text!(
        "{} 年度履职考核（{}，草稿）：{}",
        "{} duty assessment ({}, draft): {}",
        demo::YEAR,
        crate::i18n::pick(&result.title.zh, &result.title.en),
        report::grade_summary(&result).get()
    ));
    ctx.listing(&report::ranking(&result))?;
    let top = report::ordered(&result)
        .first()
        .map(|m| m.code.clone())
        .unwrap_or_default();
    ctx.tell(text!(
        "逐条查看某位委员的得分：lvzhi --db {} assess --year {} --explain {}",
        "see every point of a member's score: lvzhi --db {} assess --year {} --explain {}",
        ctx.db.display(),
        demo::YEAR,
        top
    ));
    Ok(())
}

/// Removes the database file and its WAL companions.
fn remove(ctx: &Ctx) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{}{suffix}", ctx.db.display());
        if std::path::Path::new(&p).exists() {
            std::fs::remove_file(&p)?;
        }
    }
    Ok(())
}
