//! Files and folders the user names with `-o`. An existing file is replaced only with `--force`;
//! the open database, its `-wal`, `-shm` and `-journal` files and a SQLite file that is not
//! lvzhi's are never replaced. Everything is written under a temporary name beside the target
//! (`.lvzhi-tmp-…`) and renamed into place once complete, so an interrupted command leaves no
//! half-written file under the final name. Files are created 0600, folders 0700: they hold
//! personal data.

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempDir};

use crate::error::{Error, Result};
use crate::text;

/// The prefix of every temporary file and folder lvzhi writes beside an output.
pub const TEMP_PREFIX: &str = ".lvzhi-tmp-";

const FILE_MODE: u32 = 0o600;
const DIR_MODE: u32 = 0o700;
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const DB_SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Writes outputs while keeping the database `db` (and every file not to be replaced) safe.
#[derive(Clone, Debug)]
pub struct Outputs {
    db: PathBuf,
    force: bool,
}

impl Outputs {
    /// Outputs of a command working on the database at `db`; `force` allows replacing a file.
    pub fn new(db: impl Into<PathBuf>, force: bool) -> Outputs {
        Outputs { db: db.into(), force }
    }

    /// Refuses a file that may not be written: the database or one of its files, a foreign
    /// SQLite file, a folder, or (without `--force`) any file that exists.
    pub fn check(&self, path: &Path) -> Result<()> {
        if self.protect(path)? && !self.force {
            return Err(exists(path));
        }
        Ok(())
    }

    /// Refuses what is never replaced, `--force` or not: the database or one of its files, a
    /// foreign SQLite file, a folder. Tells whether something else is there already.
    pub fn protect(&self, path: &Path) -> Result<bool> {
        let shown = path.display();
        if self.names_database(path) {
            return Err(database(path));
        }
        let link = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(cannot_read(path, &e)),
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(Error::data(text!(
                    "「{}」是文件夹，不能作为输出文件",
                    "'{}' is a folder, not a file to write",
                    shown
                ))
                .with_hint(text!(
                    "在 -o 后写文件名，例如 文件夹/报表.xlsx",
                    "give a file name after -o, such as folder/report.xlsx"
                )));
            }
            Ok(m) => {
                if self.is_database(&m) {
                    return Err(database(path));
                }
                if m.is_file() && foreign_sqlite(path)? {
                    return Err(Error::data(text!(
                        "「{}」是另一个程序的 SQLite 数据库，即使加 --force 也不会覆盖",
                        "'{}' is another program's SQLite database; it is not replaced, not even with --force",
                        shown
                    ))
                    .with_hint(text!(
                        "换一个输出文件名",
                        "choose another output file"
                    )));
                }
            }
            // A dangling symbolic link: renaming over it replaces the link, nothing else.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && link.is_symlink() => {}
            Err(e) => return Err(cannot_read(path, &e)),
        }
        Ok(true)
    }

    /// Writes `bytes` to `path` as a new 0600 file (see [`Outputs::write_with`]).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.write_with(path, |tmp| {
            File::options()
                .write(true)
                .open(tmp)
                .and_then(|mut f| f.write_all(bytes))
                .map_err(|e| cannot_write(path, &e))
        })
    }

    /// Writes a workbook to `path` as a new 0600 file as it is made (see [`Outputs::write_with`]).
    pub fn write_workbook(&self, path: &Path, sheets: &[super::xlsx::BookSheet]) -> Result<()> {
        self.write_with(path, |tmp| {
            let file = File::options()
                .write(true)
                .open(tmp)
                .map_err(|e| cannot_write(path, &e))?;
            let mut w = std::io::BufWriter::new(file);
            super::xlsx::write_workbook(&mut w, sheets)?;
            w.flush().map_err(|e| cannot_write(path, &e))
        })
    }

    /// Writes a listing's rows to `path` as a new 0600 file as `rows` gives them, CSV (after a
    /// byte order mark when `bom`), JSON or Markdown (after `title` as its heading), as
    /// [`super::render_rows`] writes them.
    #[allow(clippy::too_many_arguments)]
    pub fn write_rows(
        &self,
        path: &Path,
        title: Option<&str>,
        cols: Vec<super::Col>,
        extras: Vec<super::Extra>,
        rows: &mut super::Rows,
        format: super::Format,
        bom: bool,
    ) -> Result<()> {
        self.write_with(path, |tmp| {
            let file = File::options()
                .write(true)
                .open(tmp)
                .map_err(|e| cannot_write(path, &e))?;
            let mut w = std::io::BufWriter::new(file);
            let head = match (format, title) {
                (super::Format::Csv, _) if bom => "\u{feff}".to_string(),
                (super::Format::Md, Some(t)) => format!("# {t}\n\n"),
                _ => String::new(),
            };
            w.write_all(head.as_bytes()).map_err(|e| cannot_write(path, &e))?;
            super::render_rows(&mut w, cols, extras, rows, format)?;
            w.flush().map_err(|e| cannot_write(path, &e))
        })
    }

    /// Lets `fill` write the file through a temporary path beside `path` (an empty file there
    /// already), then makes it 0600, syncs it and renames it to `path`. When `fill` fails, or the
    /// process is stopped on the way, nothing appears under `path`.
    pub fn write_with<T>(&self, path: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        self.check(path)?;
        let dir = parent(path);
        create_dirs(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(dir)
            .map_err(|e| cannot_write(path, &e))?;
        let value = fill(tmp.path())?;
        set_mode(tmp.path(), FILE_MODE)
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| cannot_write(path, &e))?;
        self.persist(tmp, path)?;
        Ok(value)
    }

    fn persist(&self, tmp: NamedTempFile, path: &Path) -> Result<()> {
        // Checked again: the target may have appeared while the file was being written.
        self.check(path)?;
        let done = if self.force {
            tmp.persist(path).map(drop)
        } else {
            tmp.persist_noclobber(path).map(drop)
        };
        match done {
            Ok(()) => {
                sync_dir(parent(path));
                Ok(())
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists(path)),
            Err(e) => Err(cannot_write(path, &e.error)),
        }
    }

    /// Refuses a folder that may not be written: one that is not a folder, or (without `--force`)
    /// one that is not empty.
    pub fn check_folder(&self, path: &Path) -> Result<()> {
        if self.names_database(path) {
            return Err(database(path));
        }
        let m = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match std::fs::symlink_metadata(path) {
                    Ok(_) => Err(not_a_folder(path)),
                    Err(_) => Ok(()),
                };
            }
            Err(e) => return Err(cannot_read(path, &e)),
        };
        if !m.is_dir() {
            return Err(not_a_folder(path));
        }
        if !self.force && !is_empty_dir(path)? {
            return Err(Error::data(text!(
                "文件夹「{}」不是空的，未写入",
                "the folder '{}' is not empty; nothing was written",
                path.display()
            ))
            .with_hint(text!(
                "换一个新文件夹，或加 --force 写入其中（同名文件被替换，其他文件保留）",
                "choose a new folder, or add --force to write into it (files of the same name are \
                 replaced, others are kept)"
            )));
        }
        Ok(())
    }

    /// A folder of outputs at `path`: new or empty (or, with `--force`, any folder). Its files are
    /// written into a temporary 0700 folder beside it, which [`Folder::finish`] renames into
    /// place; with `--force` on a folder holding files, each file is written into it the way
    /// [`Outputs::write`] writes one, and other files are left alone.
    pub fn folder(&self, path: &Path) -> Result<Folder> {
        self.check_folder(path)?;
        let in_place = match std::fs::symlink_metadata(path) {
            Ok(m) => m.is_symlink() || !is_empty_dir(path)?,
            Err(_) => false,
        };
        if in_place {
            return Ok(Folder {
                outputs: self.clone(),
                target: path.to_path_buf(),
                staged: None,
            });
        }
        let dir = parent(path);
        create_dirs(dir)?;
        let staged = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempdir_in(dir)
            .and_then(|t| set_mode(t.path(), DIR_MODE).map(|_| t))
            .map_err(|e| cannot_write(path, &e))?;
        Ok(Folder {
            outputs: self.clone(),
            target: path.to_path_buf(),
            staged: Some(staged),
        })
    }

    /// The database's file names and those of its side files, as given and fully resolved.
    fn database_names(&self) -> Vec<PathBuf> {
        let mut bases = vec![absolute(&self.db)];
        if let Ok(c) = std::fs::canonicalize(&self.db) {
            bases.push(c);
        }
        let mut names = Vec::new();
        for base in bases {
            for side in DB_SIDE_FILES {
                let mut s = base.clone().into_os_string();
                s.push(side);
                names.push(PathBuf::from(s));
            }
            names.push(base);
        }
        names
    }

    /// `path`, with its folder resolved, is the database's name or one of its side files'.
    fn names_database(&self, path: &Path) -> bool {
        let resolved = absolute(path);
        self.database_names().contains(&resolved)
    }

    /// `m` (a target's metadata, links followed) is the database or one of its side files.
    fn is_database(&self, m: &Metadata) -> bool {
        self.database_names()
            .iter()
            .filter_map(|n| std::fs::metadata(n).ok())
            .any(|d| same_file(&d, m))
    }
}

/// A folder being written (see [`Outputs::folder`]).
pub struct Folder {
    outputs: Outputs,
    target: PathBuf,
    staged: Option<TempDir>,
}

impl Folder {
    /// Writes one file of the folder, named `name`.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let Some(staged) = &self.staged else {
            return self.outputs.write(&self.target.join(name), bytes);
        };
        let shown = self.target.join(name);
        let mut opts = File::options();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, FILE_MODE);
        opts.open(staged.path().join(name))
            .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
            .map_err(|e| cannot_write(&shown, &e))
    }

    /// Puts the folder in place: the temporary folder is renamed to the target (replacing it when
    /// it is an empty folder). Without this call nothing appears under the target's name.
    pub fn finish(self) -> Result<()> {
        let Some(staged) = self.staged else {
            return Ok(());
        };
        sync_dir(staged.path());
        if let Err(e) = std::fs::rename(staged.path(), &self.target) {
            return Err(match e.kind() {
                std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists => self
                    .outputs
                    .check_folder(&self.target)
                    .err()
                    .unwrap_or_else(|| cannot_write(&self.target, &e)),
                _ => cannot_write(&self.target, &e),
            });
        }
        // Renamed: there is nothing left to clean up.
        let _ = staged.keep();
        sync_dir(parent(&self.target));
        Ok(())
    }
}

/// Checks the extension of an output file against the `known` ones (lower case, without the
/// dot); returns it in lower case, or `None` when the file has none and `none_ok`.
pub fn check_extension(path: &Path, known: &[&str], none_ok: bool) -> Result<Option<String>> {
    let listed = known
        .iter()
        .map(|k| format!(".{k}"))
        .collect::<Vec<_>>()
        .join(" ");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext {
        Some(e) if known.contains(&e.as_str()) => Ok(Some(e)),
        Some(e) if e == "xls" => Err(Error::usage(text!(
            "lvzhi 不能写旧的 .xls 格式：「{}」",
            "lvzhi cannot write the old .xls format: '{}'",
            path.display()
        ))
        .with_hint(text!(
            "改用 .xlsx（Excel 和 WPS 都能打开）；可用的扩展名：{}",
            "use .xlsx instead (Excel and WPS open it); the known extensions: {}",
            listed
        ))),
        None if none_ok => Ok(None),
        None => Err(Error::usage(text!(
            "输出文件「{}」没有扩展名，无法确定格式；可用的扩展名：{}",
            "the output file '{}' has no extension to tell its format; the known ones: {}",
            path.display(),
            listed
        ))),
        Some(e) => Err(Error::usage(text!(
            "不认识输出文件「{}」的扩展名 .{}；可用的扩展名：{}",
            "unknown extension .{1} of the output file '{0}'; the known ones: {2}",
            path.display(),
            e,
            listed
        ))),
    }
}

/// Creates `dir` and the folders above it that are missing, 0700.
pub fn create_dirs(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir).map_err(|e| {
        Error::data(text!(
            "无法建立文件夹「{}」：{}",
            "cannot create the folder '{}': {}",
            dir.display(),
            e
        ))
    })
}

/// Two files are one (the same device and inode: a link, hard or symbolic, is seen through).
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Elsewhere only names are compared.
#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` made absolute with its folder's symbolic links resolved (the last part is kept as
/// written, so that a link itself can be told from what it points to).
fn absolute(path: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(parent(path)).unwrap_or_else(|_| parent(path).to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// A SQLite file whose `application_id` (header offset 68) is not lvzhi's.
fn foreign_sqlite(path: &Path) -> Result<bool> {
    let mut head = Vec::with_capacity(72);
    File::open(path)
        .and_then(|f| f.take(72).read_to_end(&mut head))
        .map_err(|e| cannot_read(path, &e))?;
    if head.len() < SQLITE_MAGIC.len() || &head[..16] != SQLITE_MAGIC {
        return Ok(false);
    }
    let id = head
        .get(68..72)
        .map_or(0, |b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    Ok(id != crate::store::APPLICATION_ID)
}

fn is_empty_dir(path: &Path) -> Result<bool> {
    let mut entries = std::fs::read_dir(path).map_err(|e| cannot_read(path, &e))?;
    Ok(entries.next().is_none())
}

/// Makes a rename in `dir` durable; a failure only loses that guarantee.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn exists(path: &Path) -> Error {
    Error::data(text!(
        "「{}」已存在，未覆盖",
        "'{}' exists already; it was not replaced",
        path.display()
    ))
    .with_hint(text!(
        "换一个文件名，或加 --force 覆盖它",
        "choose another name, or add --force to replace it"
    ))
}

fn database(path: &Path) -> Error {
    Error::data(text!(
        "「{}」是正在使用的数据库（或其日志文件），任何输出都不会覆盖它，加 --force 也不会",
        "'{}' is the database in use (or one of its journal files); no output replaces it, not even with --force",
        path.display()
    ))
    .with_hint(text!("换一个输出文件名", "choose another output file"))
}

fn not_a_folder(path: &Path) -> Error {
    Error::data(text!(
        "「{}」已存在且不是文件夹",
        "'{}' exists and is not a folder",
        path.display()
    ))
    .with_hint(text!(
        "--all 的 -o 应是一个新的或空的文件夹",
        "-o with --all names a new or empty folder"
    ))
}

/// An I/O error on the way to `path`, naming it.
pub fn cannot_write(path: &Path, e: &std::io::Error) -> Error {
    Error::data(text!(
        "无法写入「{}」：{}",
        "cannot write '{}': {}",
        path.display(),
        e
    ))
}

fn cannot_read(path: &Path, e: &std::io::Error) -> Error {
    Error::data(text!(
        "无法读取「{}」：{}",
        "cannot read '{}': {}",
        path.display(),
        e
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        let known = ["csv", "json", "md", "xlsx"];
        assert_eq!(
            check_extension(Path::new("a/B.CSV"), &known, false).unwrap(),
            Some("csv".into())
        );
        assert_eq!(check_extension(Path::new("b"), &known, true).unwrap(), None);
        let e = check_extension(Path::new("b"), &known, false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.zh.contains(".csv .json .md .xlsx"), "{}", e.message.zh);
        let e = check_extension(Path::new("r.xls"), &known, false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint.unwrap().zh.contains(".xlsx"));
        let e = check_extension(Path::new("r.txt"), &known, true).unwrap_err();
        assert!(
            e.message.en.contains("unknown extension .txt"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = Outputs::new(dir.path().join("x.db"), false);
        let target = dir.path().join("sub").join("r.csv");
        let e = out
            .write_with(&target, |_| -> Result<()> {
                Err(Error::data(text!("坏", "bad")))
            })
            .unwrap_err();
        assert_eq!(e.message.en, "bad");
        assert!(!target.exists());
        let left: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(dir.path().join("sub")).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o700);
    }

    #[test]
    fn side_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let out = Outputs::new(dir.path().join("x.db"), true);
        for name in ["x.db", "x.db-wal", "x.db-shm", "x.db-journal"] {
            let e = out.check(&dir.path().join(name)).unwrap_err();
            assert!(e.message.zh.contains("数据库"), "{name}");
        }
        out.check(&dir.path().join("x.db-wal.csv")).unwrap();
    }
}
