//! `lvzhi backup [-o FILE]`: a consistent copy of the whole database.

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::error::Result;
use crate::i18n::pick;
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
}

/// `lvzhi.db` → `lvzhi-备份-20221231-153000.db` in the same folder.
fn default_name(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or("lvzhi".into(), |s| s.to_string_lossy().into_owned());
    let at = chrono::Local::now().format("%Y%m%d-%H%M%S");
    db.with_file_name(format!("{stem}-{}-{at}.db", pick("备份", "backup")))
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
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
