//! `lvzhi backup [-o FILE]`: a consistent copy of the whole database; with `--package`, the
//! checked copy a county sends up (报送).

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::store::{committee, package};
use crate::text;

/// Arguments of `lvzhi backup`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(
        short,
        long,
        help = pick(
            "备份文件；默认与数据库同一文件夹，文件名带日期和时间；已有的文件不覆盖，除非加 --force",
            "Backup file; by default beside the database, named with the date and time; an existing \
             file is replaced only with --force"
        )
    )]
    output: Option<PathBuf>,
    #[arg(
        long,
        help = pick(
            "生成报送上级的文件：先检查数据库，副本中去掉电话号码（保留身份证号），记下报送信息；需先设定本会代码",
            "Make the package sent up to the parent committee: the file is checked first, and the copy \
             leaves out phone numbers (ID numbers kept) and records what it holds; needs the committee's code"
        )
    )]
    package: bool,
}

/// `lvzhi.db` → `lvzhi-备份-20221231-153000.db` in the same folder.
fn default_name(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or("lvzhi".into(), |s| s.to_string_lossy().into_owned());
    let at = chrono::Local::now().format("%Y%m%d-%H%M%S");
    db.with_file_name(format!("{stem}-{}-{at}.db", pick("备份", "backup")))
}

/// `lvzhi.db` → `lvzhi-报送-140923-20221231-153000.db` in the same folder.
fn package_name(db: &Path, code: &str) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or("lvzhi".into(), |s| s.to_string_lossy().into_owned());
    let at = chrono::Local::now().format("%Y%m%d-%H%M%S");
    db.with_file_name(format!("{stem}-{}-{code}-{at}.db", pick("报送", "package")))
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    if a.package {
        return run_package(a, ctx);
    }
    let path = a.output.unwrap_or_else(|| default_name(&ctx.db));
    let outputs = ctx.outputs();
    outputs.check(&path)?;
    let mut store = ctx.open()?;
    let bytes = store.backup(&path, &outputs)?;
    ctx.line(&path.display().to_string())?;
    ctx.tell(text!(
        "已备份到「{}」（{} KB，已校验）；恢复时在没有运行 lvzhi 的时候把它复制回原位置",
        "backed up to '{}' ({} KB, checked); to restore, copy it back while no lvzhi command runs",
        path.display(),
        bytes.div_ceil(1024)
    ));
    Ok(())
}

fn run_package(a: Args, ctx: &mut Ctx) -> Result<()> {
    let outputs = ctx.outputs();
    if let Some(path) = &a.output {
        outputs.check(path)?;
    }
    let store = ctx.open()?;
    let c = committee::get(store.conn())?;
    // a roll-up is sent up under its own division code
    let rollup = crate::store::rollup::rollup_code(store.conn())?;
    let Some((name, code)) = c.and_then(|c| Some((c.name, rollup.or(c.code)?))) else {
        return Err(Error::data(text!(
            "本会还没有行政区划代码，不能生成报送文件",
            "the committee has no division code yet, so no package can be made"
        ))
        .with_hint(text!(
            "先用 lvzhi committee set --code 6位代码（如 140923）设定本会代码",
            "set it first with `lvzhi committee set --code CODE` (six digits, e.g. 140923)"
        )));
    };
    let path = a.output.unwrap_or_else(|| package_name(&ctx.db, &code));
    outputs.check(&path)?;
    let failed = package::failures(store.conn(), false)?;
    if !failed.is_empty() {
        return Err(Error::data(text!(
            "数据库有 {} 项检查未通过，未生成报送文件：{}",
            "the database fails {} check(s), so no package was made: {}",
            failed.len(),
            failed.join(pick("；", "; "))
        ))
        .with_hint(text!(
            "运行 lvzhi check 查看详情；改正或从备份恢复后再报送",
            "run `lvzhi check` for the details; send the package once the file is put right or restored"
        )));
    }
    let s = store.package(&path, &outputs, &name, &code)?;
    ctx.line(&path.display().to_string())?;
    let years = if s.final_years.is_empty() {
        pick("无", "none").to_string()
    } else {
        s.final_years
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(pick("、", ", "))
    };
    ctx.tell(text!(
        "已生成报送文件「{}」（{} KB，已校验）：{}（代码 {}），委员 {} 人，活动 {} 次，提案 {} 件，\
         社情民意信息 {} 篇，已定稿年度：{}；已去掉 {} 位委员的电话号码，身份证号保留",
        "package written to '{}' ({} KB, checked): {} (code {}), {} members, {} activities, {} \
         proposals, {} opinion reports, finalised years: {}; the phone numbers of {} members left \
         out, ID numbers kept",
        path.display(),
        s.bytes.div_ceil(1024),
        s.committee,
        s.code,
        s.members,
        s.activities,
        s.proposals,
        s.reports,
        years,
        s.phones
    ));
    Ok(())
}
