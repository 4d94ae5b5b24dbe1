//! A roll-up read without `--committee`: the command is run for each committee held and its
//! listings are put together under a committee column; a member the command names is looked up
//! in every committee, and one found in several is refused with the candidates.

use super::report::OutArgs;
use super::{Cli, Command, Ctx};
use crate::error::{Error, Kind, Result};
use crate::i18n::pick;
use crate::output::{Cell, Col, Doc, Extra, Format, Listing, Sheet, format_for_path};
use crate::store::rollup::{self, Held};
use crate::text;
use std::io::Write;

/// How a command reads a roll-up file given without `--committee`.
pub enum Plan {
    /// The command reads or writes the file as a whole, or makes its own figures across the
    /// committees.
    Whole,
    /// The command is about the member this code or name names.
    Member(String),
    /// The command is run for each committee held.
    Each,
    /// The command records (an import): refused at once, before any file is read.
    Records,
}

/// What one committee's run of a command gave.
#[derive(Default)]
pub struct Gathered {
    pub listing: Option<Part>,
    pub shown: Option<Shown>,
}

/// A listing one committee gave: the `-o` asked for and the listing's name, when it was
/// written through them.
pub struct Part {
    pub out: Option<OutArgs>,
    pub what: Option<String>,
    pub listing: Listing,
}

/// A single record one committee gave.
pub enum Shown {
    Doc(Doc),
    Sheet(OutArgs, Box<Sheet>),
}

/// The plan for `cmd`.
pub fn plan(cmd: &Command, whole: bool) -> Plan {
    use super::{awards, contribution, donation, member, opinion, proposal, report};
    if whole {
        return Plan::Whole;
    }
    let key = match cmd {
        Command::Report(report::Cmd::Summary { .. } | report::Cmd::Committees { .. })
        | Command::Export(_) => {
            return Plan::Whole;
        }
        Command::Import(_) => return Plan::Records,
        Command::Member(member::Cmd::Show { member, .. }) => Some(member),
        Command::Report(report::Cmd::Member {
            member: Some(m),
            all: false,
            ..
        }) => Some(m),
        Command::Assess(a) => a.explain.as_ref(),
        Command::Proposal(proposal::Cmd::List { member, .. })
        | Command::Opinion(opinion::Cmd::List { member, .. })
        | Command::Commend(awards::CommendCmd::List { member, .. })
        | Command::Adjust(awards::AdjustCmd::List { member, .. })
        | Command::Donation(donation::Cmd::List { member, .. })
        | Command::Contribution(contribution::Cmd::List { member, .. }) => member.as_ref(),
        _ => None,
    };
    match key {
        Some(k) => Plan::Member(k.clone()),
        None => Plan::Each,
    }
}

/// The committee that holds the member `key` names, or the refusal naming every candidate.
pub fn committee_of(ctx: &Ctx, key: &str) -> Result<String> {
    let store = ctx.existing()?;
    let found = rollup::members_named(store.conn(), key)?;
    let mut committees: Vec<(&str, &str)> = (found.iter())
        .map(|n| (n.committee.as_str(), n.committee_name.as_str()))
        .collect();
    committees.dedup();
    match committees.as_slice() {
        [(code, name)] => {
            ctx.tell(text!("见于{}（{}）", "found in {} ({})", name, code));
            Ok(code.to_string())
        }
        [] => Err(Error::data(text!(
            "汇总文件的各委员会中都没有委员「{}」（按编号和姓名都没有找到）",
            "no committee of the roll-up has a member '{}' (no such code or name)",
            key.trim()
        ))),
        several => {
            let list: Vec<String> = found
                .iter()
                .map(|n| {
                    format!(
                        "{} {} {} {} {} {}",
                        n.committee,
                        n.committee_name,
                        n.code,
                        n.name,
                        n.sector,
                        n.workplace.as_deref().unwrap_or("")
                    )
                    .trim_end()
                    .to_string()
                })
                .collect();
            Err(Error::usage(text!(
                "「{}」在 {} 个委员会中都有：\n{}",
                "'{}' is found in {} committees:\n{}",
                key.trim(),
                several.len(),
                list.join("\n")
            ))
            .with_hint(text!(
                "用 --committee 代码 指定委员会",
                "name the committee with --committee CODE"
            )))
        }
    }
}

/// The refusal of an output that cannot be put together across committees.
pub fn refused() -> Error {
    Error::usage(text!(
        "这个输出不能跨委员会合并：在汇总文件中用 --committee 代码 指定一个委员会",
        "this output cannot be put together across committees: in a roll-up file, name one with \
         --committee CODE"
    ))
}

/// What one committee's run of the command gave.
enum Outcome {
    Listing(Part),
    Shown(Shown),
    /// A committee that cannot give it (no result that year, no such sector …): left out.
    Failed(Error),
}

/// Runs the command `args` give for committee `h`.
fn once(args: &[String], ctx: &mut Ctx, h: &Held) -> Result<Outcome> {
    let cli = reparse(args)?;
    ctx.committee = Some(h.code.clone());
    ctx.gather = Some(Gathered::default());
    let done = super::dispatch(cli.command, ctx);
    let got = ctx.gather.take().unwrap_or_default();
    ctx.committee = None;
    match done {
        Err(e) if e.kind == Kind::Data && !crate::store::is_rollup_refusal(&e) => Ok(Outcome::Failed(e)),
        Err(e) => Err(e),
        Ok(()) => match (got.listing, got.shown) {
            (Some(p), _) => Ok(Outcome::Listing(p)),
            (None, Some(s)) => Ok(Outcome::Shown(s)),
            (None, None) => Err(refused()),
        },
    }
}

/// The columns of the committees' listings put together: the committee's first, then each
/// column as it first comes, with what JSON writes beside it.
struct Layout {
    cols: Vec<Col>,
    extras: Vec<Extra>,
    rows: usize,
    out: Option<OutArgs>,
    what: Option<String>,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            cols: vec![Col::new("committee", "委员会", "Committee").labelled()],
            extras: vec![Extra::Label],
            rows: 0,
            out: None,
            what: None,
        }
    }

    /// Takes in the columns of one committee's listing.
    fn add(&mut self, p: &Part) {
        let extras = p.listing.extras();
        for (c, x) in p.listing.cols.iter().zip(extras) {
            match self.place(c) {
                Some(i) if self.extras[i] == Extra::None => self.extras[i] = x,
                Some(_) => {}
                None => {
                    self.cols.push(c.clone());
                    self.extras.push(x);
                }
            }
        }
        self.rows += body(&p.listing).len();
        self.out = self.out.take().or_else(|| p.out.clone());
        self.what = self.what.take().or_else(|| p.what.clone());
    }

    fn place(&self, c: &Col) -> Option<usize> {
        (self.cols.iter()).position(|x| x.key == c.key && x.group == c.group)
    }

    /// One committee's rows, each under the columns put together.
    fn rows_of(&self, h: &Held, l: Listing, sink: &mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()> {
        let at: Vec<usize> = (l.cols.iter())
            .map(|c| self.place(c).ok_or_else(changed))
            .collect::<Result<_>>()?;
        let n = body(&l).len();
        for row in l.rows.into_iter().take(n) {
            let mut cells = vec![Cell::Null; self.cols.len()];
            cells[0] = Cell::Coded(h.code.clone(), h.name.clone());
            for (cell, i) in row.into_iter().zip(&at) {
                cells[*i] = cell;
            }
            sink(cells)?;
        }
        Ok(())
    }
}

/// A listing's rows without its total row (each committee's total is no total of all).
fn body(l: &Listing) -> &[Vec<Cell>] {
    &l.rows[..l.rows.len() - usize::from(l.sum_row && !l.rows.is_empty())]
}

fn changed() -> Error {
    Error::data(text!(
        "汇总文件在读取时有了变化（另一个命令收入了报送文件）；请重新运行",
        "the roll-up changed while it was read (another command added a package); run the command again"
    ))
}

/// The most rows a listing across committees laid out from all its rows (a table, a workbook,
/// a document) may have; CSV, JSON and Markdown are written as the rows come, whatever their
/// number.
const HELD_MAX_ROWS: usize = 10_000;

/// Runs the command `args` give for each committee held, then writes what they gave together:
/// a first run finds the columns, a second writes the rows, one committee at a time.
pub fn run(args: &[String], ctx: &mut Ctx, held: Vec<Held>) -> Result<()> {
    let mut layout = Layout::new();
    let mut gave: Vec<&Held> = Vec::new();
    let mut shown: Vec<(&Held, Shown)> = Vec::new();
    let mut failed: Vec<(&Held, Error)> = Vec::new();
    for h in &held {
        match once(args, ctx, h)? {
            Outcome::Listing(p) => {
                layout.add(&p);
                gave.push(h);
            }
            Outcome::Shown(s) => shown.push((h, s)),
            Outcome::Failed(e) => failed.push((h, e)),
        }
    }
    if !shown.is_empty() {
        return show_one(ctx, shown);
    }
    if gave.is_empty() {
        let n = held.len();
        return Err(match failed.into_iter().next() {
            Some((h, e)) => Error::data(text!(
                "汇总文件中的 {} 个委员会都没有得出结果；其中{}（{}）：{}",
                "none of the roll-up's {} committees gave a result; {} ({}): {}",
                n,
                h.name,
                h.code,
                e.message
            ))
            .with_hint(e.hint.unwrap_or_else(|| {
                text!(
                    "用 --committee 代码 只看一个委员会",
                    "read one committee with --committee CODE"
                )
            })),
            None => Error::data(text!(
                "汇总文件中还没有收入任何委员会",
                "the roll-up holds no committee yet"
            ))
            .with_hint(text!(
                "用 lvzhi rollup add 报送件… 收入",
                "add packages with `lvzhi rollup add FILE…`"
            )),
        });
    }
    for (h, e) in &failed {
        ctx.tell(text!(
            "未列入{}（{}）：{}",
            "left out {} ({}): {}",
            h.name,
            h.code,
            e.message
        ));
    }
    let file = layout.out.as_ref().and_then(|o| o.output.clone());
    let format = file
        .as_deref()
        .map_or(ctx.format, |p| format_for_path(p, ctx.format));
    let title = match &layout.what {
        Some(what) => {
            let store = ctx.existing()?;
            let title = crate::report::sheets::listing_title(
                &store,
                &crate::i18n::Text::new(what.clone(), what.clone()),
            )?;
            format!("{title}{}", pick("（各委员会）", " (all committees)"))
        }
        None => String::new(),
    };
    // the second run: each committee's rows as they come
    let each = |ctx: &mut Ctx, sink: &mut dyn FnMut(Vec<Cell>) -> Result<()>| -> Result<()> {
        for h in &gave {
            match once(args, ctx, h)? {
                Outcome::Listing(p) => layout.rows_of(h, p.listing, sink)?,
                _ => return Err(changed()),
            }
        }
        Ok(())
    };
    if matches!(format, Format::Csv | Format::Json | Format::Md) {
        let (cols, extras) = (layout.cols.clone(), layout.extras.clone());
        if let Some(path) = &file {
            let outputs = ctx.outputs();
            let bom = ctx.bom;
            outputs.write_rows(
                path,
                Some(&title),
                cols,
                extras,
                &mut |sink| each(ctx, sink),
                format,
                bom,
            )?;
            ctx.tell(text!("已写出 {}", "wrote {}", path.display()));
            return Ok(());
        }
        ctx.csv_bom();
        let pending = std::mem::take(&mut ctx.out);
        let mut w = std::io::BufWriter::new(std::io::stdout().lock());
        w.write_all(&pending)?;
        crate::output::render_rows(&mut w, cols, extras, &mut |sink| each(ctx, sink), format)?;
        w.flush()?;
        return Ok(());
    }
    if layout.rows > HELD_MAX_ROWS {
        return Err(Error::usage(text!(
            "各委员会合起来有 {} 行，太多，不排成表格、工作簿或文档（上限 {} 行）",
            "the committees together give {} rows, too many to lay out as a table, workbook or document \
             (at most {})",
            layout.rows,
            HELD_MAX_ROWS
        ))
        .with_hint(text!(
            "写成 CSV：--format csv 或 -o 文件.csv；或用 --committee 代码 逐个委员会输出",
            "write it as CSV (--format csv, or -o FILE.csv), or committee by committee with --committee CODE"
        )));
    }
    let mut listing = Listing::new(layout.cols.clone());
    each(ctx, &mut |row| {
        listing.push(row);
        Ok(())
    })?;
    match (&layout.out, &layout.what) {
        (Some(out), Some(what)) if file.is_some() || ctx.binary() => {
            super::report::emit(ctx, out, &Sheet::listing(what, Some(title), listing))
        }
        _ => ctx.listing(&listing),
    }
}

/// The one record found, written as it would be in its own committee; several found are
/// refused with the committees that hold them.
fn show_one(ctx: &mut Ctx, mut shown: Vec<(&Held, Shown)>) -> Result<()> {
    if shown.len() > 1 {
        let list: Vec<String> = shown
            .iter()
            .map(|(h, _)| format!("{} {}", h.code, h.name))
            .collect();
        return Err(Error::usage(text!(
            "{} 个委员会中都有这一项：{}",
            "{} committees have this record: {}",
            shown.len(),
            list.join(pick("，", ", "))
        ))
        .with_hint(text!(
            "用 --committee 代码 指定委员会",
            "name the committee with --committee CODE"
        )));
    }
    let (h, s) = shown.pop().expect("one");
    ctx.tell(text!("见于{}（{}）", "found in {} ({})", h.name, h.code));
    match s {
        Shown::Doc(d) => ctx.doc(&d),
        Shown::Sheet(out, sheet) => super::report::emit(ctx, &out, &sheet),
    }
}

fn reparse(args: &[String]) -> Result<Cli> {
    use clap::FromArgMatches;
    let mut cmd = super::help::command(crate::i18n::lang());
    cmd.try_get_matches_from_mut(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
        .map_err(|e| Error::usage(text!("命令行有误：{}", "bad command line: {}", e)))
}
