//! `lvzhi demo`.

use super::Ctx;
use crate::error::{Error, Result};
use crate::report::assessment as report;
use crate::store::{assess, committee, log};
use crate::{demo, text};

/// Arguments of `lvzhi demo` (its help texts are on `Command::Demo`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = crate::i18n::pick(
        "建立市级汇总演示：忻州市及所辖四县（市）的报送文件收入一个汇总文件",
        "Build the city roll-up demo: Xinzhou and four of its counties, their packages in one roll-up"
    ))]
    city: bool,
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    let name = if a.city {
        crate::city_demo::ROLLUP
    } else {
        demo::COMMITTEE
    };
    if ctx.db.exists() {
        let replaceable = is_empty_file(&ctx.db)
            || ctx.open().ok().is_some_and(|s| {
                let demo = committee::get(s.conn())
                    .ok()
                    .flatten()
                    .is_some_and(|c| c.name == name);
                let untouched =
                    log::record_commands(s.conn()).is_ok_and(|cmds| cmds.iter().all(|c| is_demo_command(c)));
                (demo && untouched) || committee::is_blank(s.conn()).unwrap_or(false)
            });
        if !replaceable {
            return Err(Error::data(text!(
                "文件 {} 已存在，且不是演示数据库，或演示数据库里已加入了真实记录；演示只写入新文件或重建未经改动的演示文件，不会覆盖已有数据",
                "{} exists and is not an untouched demo database; the demo only writes a new file or rebuilds its own, and never overwrites data",
                ctx.db.display()
            ))
            .with_hint(text!(
                "换一个路径，如 lvzhi --db demo.db demo",
                "choose another path, e.g. `lvzhi --db demo.db demo`"
            )));
        }
        remove(ctx)?;
    }
    if a.city {
        return city(ctx);
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
        crate::i18n::pick(&result.0.header.title.zh, &result.0.header.title.en),
        result.0.grade_summary(&result.1).get()
    ));
    let result = result.0.assessment()?;
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

/// `lvzhi demo --city`.
fn city(ctx: &mut Ctx) -> Result<()> {
    let built = match crate::city_demo::build(&ctx.db, "demo") {
        Ok(b) => b,
        Err(e) => {
            remove(ctx)?;
            return Err(e);
        }
    };
    for b in &built {
        ctx.tell(text!(
            "{} {}：委员 {} 位，活动 {} 项，提案 {} 件，社情民意信息 {} 篇；{} 年度考核{}",
            "{} {}: {} members, {} activities, {} proposals, {} opinion reports; {} assessment {}",
            b.code,
            b.name,
            b.counts.members,
            b.counts.activities,
            b.counts.proposals,
            b.counts.opinions,
            demo::YEAR,
            if b.finalized {
                crate::i18n::pick("已定稿", "finalised")
            } else {
                crate::i18n::pick("为草稿", "a draft")
            }
        ));
    }
    ctx.tell(text!(
        "已建立市级汇总演示 {}：{} 个委员会的报送文件已收入",
        "built the city roll-up demo in {}: the packages of {} committees added",
        ctx.db.display(),
        built.len()
    ));
    let store = ctx.open()?;
    ctx.listing(&crate::views::rollup_list(&crate::store::rollup::held(
        store.conn(),
    )?))?;
    let db = ctx.db.display().to_string();
    ctx.tell(text!(
        "再试：lvzhi --db {0} rollup people（两级任职的委员）；lvzhi --db {0} rollup check（冲突）；lvzhi --db {0} --committee 140923 report assessment --year 2022",
        "try: lvzhi --db {0} rollup people (members on two levels); lvzhi --db {0} rollup check (conflicts); lvzhi --db {0} --committee 140923 report assessment --year 2022",
        db
    ));
    Ok(())
}

/// A file of 0 bytes holds nothing to lose.
fn is_empty_file(p: &std::path::Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// Whether an audit entry's command line was `lvzhi [global options] demo`: the demo's own
/// records, which a new demo may replace.
fn is_demo_command(command: &str) -> bool {
    let mut words = command.split_whitespace();
    while let Some(w) = words.next() {
        match w {
            "--db" | "--format" | "--lang" | "--operator" => {
                words.next();
            }
            w if w.starts_with("--") => {}
            w => return w == "demo",
        }
    }
    false
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
