//! A roll-up read without `--committee`: the command is run for each committee held and its
//! listings are put together under a committee column; a member the command names is looked up
//! in every committee, and one found in several is refused with the candidates.

use super::report::OutArgs;
use super::{Cli, Command, Ctx};
use crate::error::{Error, Kind, Result};
use crate::i18n::pick;
use crate::output::{Cell, Col, Doc, Listing, Sheet};
use crate::store::rollup::{self, Held};
use crate::text;

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

/// Runs the command `args` give for each committee held, then writes what they gave together.
pub fn run(args: &[String], ctx: &mut Ctx, held: Vec<Held>) -> Result<()> {
    let mut parts: Vec<(&Held, Part)> = Vec::new();
    let mut shown: Vec<(&Held, Shown)> = Vec::new();
    let mut failed: Vec<(&Held, Error)> = Vec::new();
    for h in &held {
        let cli = reparse(args)?;
        ctx.committee = Some(h.code.clone());
        ctx.gather = Some(Gathered::default());
        let done = super::dispatch(cli.command, ctx);
        let got = ctx.gather.take().unwrap_or_default();
        ctx.committee = None;
        match done {
            Err(e) if e.kind == Kind::Data && !crate::store::is_rollup_refusal(&e) => failed.push((h, e)),
            Err(e) => return Err(e),
            Ok(()) => match (got.listing, got.shown) {
                (Some(p), _) => parts.push((h, p)),
                (None, Some(s)) => shown.push((h, s)),
                (None, None) => return Err(refused()),
            },
        }
    }
    if !shown.is_empty() {
        return show_one(ctx, shown);
    }
    if parts.is_empty() {
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
    let out = parts.iter().find_map(|(_, p)| p.out.clone());
    let what = parts.iter().find_map(|(_, p)| p.what.clone());
    let listing = merge(parts.into_iter().map(|(h, p)| (h, p.listing)));
    match (out, what) {
        (Some(out), Some(what)) if out.output.is_some() || ctx.binary() => {
            let store = ctx.existing()?;
            let title = crate::report::sheets::listing_title(
                &store,
                &crate::i18n::Text::new(what.clone(), what.clone()),
            )?;
            let title = format!("{title}{}", pick("（各委员会）", " (all committees)"));
            super::report::emit(ctx, &out, &Sheet::listing(what, Some(title), listing))
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

/// The committees' listings as one, under a first column naming the committee; a column only
/// some have is empty for the others, and each committee's total row is left out.
fn merge<'a>(parts: impl Iterator<Item = (&'a Held, Listing)>) -> Listing {
    let mut cols: Vec<Col> = vec![Col::new("committee", "委员会", "Committee").labelled()];
    let mut placed: Vec<(&'a Held, Vec<usize>, Listing)> = Vec::new();
    for (h, l) in parts {
        let at = (l.cols.iter())
            .map(
                |c| match cols.iter().position(|x| x.key == c.key && x.group == c.group) {
                    Some(i) => i,
                    None => {
                        cols.push(c.clone());
                        cols.len() - 1
                    }
                },
            )
            .collect();
        placed.push((h, at, l));
    }
    let mut out = Listing::new(cols);
    let width = out.cols.len();
    for (h, at, l) in placed {
        let n = l.rows.len() - usize::from(l.sum_row && !l.rows.is_empty());
        for row in l.rows.into_iter().take(n) {
            let mut cells = vec![Cell::Null; width];
            cells[0] = Cell::Coded(h.code.clone(), h.name.clone());
            for (cell, i) in row.into_iter().zip(&at) {
                cells[*i] = cell;
            }
            out.push(cells);
        }
    }
    out
}

fn reparse(args: &[String]) -> Result<Cli> {
    use clap::FromArgMatches;
    let mut cmd = super::help::command(crate::i18n::lang());
    cmd.try_get_matches_from_mut(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
        .map_err(|e| Error::usage(text!("命令行有误：{}", "bad command line: {}", e)))
}
