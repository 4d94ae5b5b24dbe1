//! `lvzhi rollup init|add|list|remove`: the city's or province's roll-up of its committees'
//! packages (汇总).

use std::path::PathBuf;

use super::Ctx;
use crate::domain::codes::Level;
use crate::domain::division;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::output::Cell;
use crate::store::committee;
use crate::store::rollup::{self, Added};
use crate::{text, views};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    #[command(about = pick(
        "建立汇总文件（市、省政协收入各委员会的报送文件）",
        "Create a roll-up file (a city or province office bringing in its committees' packages)"
    ))]
    Init {
        #[arg(value_parser = crate::domain::limits::title_arg, long, help = pick("汇总单位名称，如「忻州市政协」", "Name of the roll-up, e.g. Xinzhou City CPPCC"))]
        name: String,
        #[arg(long, help = pick("级别 city|province|national", "Level: city|province|national"))]
        level: String,
        #[arg(long, help = pick("行政区划代码（6 位数字，如忻州市 140900）", "Division code (six digits, e.g. 140900)"))]
        code: String,
        #[arg(long, help = pick("上级的行政区划代码（6 位数字）", "Division code of the level above (six digits)"))]
        parent: Option<String>,
    },
    #[command(about = pick(
        "收入报送文件：检查后加入；同一委员会的新报送件替换旧的，并列出变化",
        "Add packages: each is checked, then brought in; a newer package of a committee held replaces it, with what changed"
    ), long_about = pick(
        "收入报送文件：每份先检查（完整性、结构、定稿年度校验值、审计链），全部通过后逐份加入；同一委员会的新报送件在一个事务中替换旧的，并列出变化。审计日志不是已收入那一份的延续（更早的或另起分支的报送件）时拒绝，除非加 --force",
        "Add packages: each is checked first (integrity, schema, the finalised years' digests, the audit chain), then each is brought in; a newer package of a committee held replaces it in one transaction, with what changed. A package whose audit log does not extend the one held (older or forked) is refused unless --force"
    ))]
    Add {
        #[arg(required = true, value_name = "FILE", help = pick("报送文件（lvzhi backup --package 生成）", "Package files (made by `lvzhi backup --package`)"))]
        files: Vec<PathBuf>,
    },
    #[command(about = pick(
        "列出已收入的委员会：报送时间、校验值、已定稿年度",
        "List the committees held: package date, checksum, finalised years"
    ))]
    List,
    #[command(about = pick(
        "在多个委员会任职的委员（按身份证号认定；姓名和出生日期相同者列为可能同一人）",
        "Members serving in several committees (by ID number; same name and birth date shown as possible matches)"
    ))]
    People {
        #[arg(long, help = pick("显示完整身份证号（记入审计日志）", "Show ID numbers in full (logged)"))]
        reveal: bool,
    },
    #[command(about = pick(
        "冲突：一个身份证号对应两个姓名或出生日期，一处撤销资格而另一处在任，一个委员编号先后用于两人",
        "Conflicts: one ID number with two names or birth dates, disqualified in one committee and serving in another, one member code given to two people"
    ))]
    Check {
        #[arg(long, help = pick("显示完整身份证号（记入审计日志）", "Show ID numbers in full (logged)"))]
        reveal: bool,
    },
    #[command(about = pick("移除一个委员会及其全部记录", "Remove a committee and all its records"))]
    Remove {
        #[arg(help = pick("委员会的行政区划代码", "The committee's division code"))]
        code: String,
    },
}

fn not_a_rollup(ctx: &Ctx) -> Error {
    Error::data(text!(
        "「{}」不是汇总文件",
        "'{}' is not a roll-up file",
        ctx.db.display()
    ))
    .with_hint(text!(
        "先用 lvzhi --db 汇总.db rollup init --name 名称 --level city --code 6位代码 建立",
        "create one first: `lvzhi --db rollup.db rollup init --name NAME --level city --code CODE`"
    ))
}

/// The roll-up file, refused when it is not one.
fn opened(ctx: &Ctx) -> Result<crate::store::Store> {
    let store = ctx.open()?;
    if !rollup::is_rollup(store.conn())? {
        return Err(not_a_rollup(ctx));
    }
    Ok(store)
}

/// Logs that ID numbers were shown in full.
fn revealed(store: &mut crate::store::Store, reveal: bool, what: &str) -> Result<()> {
    if reveal {
        store.write_rollup(|w| {
            w.log_event(
                "member",
                serde_json::json!({"reveal": "id_number", "report": format!("rollup {what}")}),
            )
        })?;
    }
    Ok(())
}

pub fn run(cmd: Cmd, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Cmd::Init {
            name,
            level,
            code,
            parent,
        } => {
            let code = division::parse("--code", &code)?;
            let parent = parent
                .as_deref()
                .map(|p| division::parse("--parent", p))
                .transpose()?;
            division::check_parent(Some(&code), parent.as_deref())?;
            let level = Level::parse(&level)?;
            if level == Level::County {
                return Err(Error::usage(text!(
                    "汇总文件的级别应为 city、province 或 national，不是 county",
                    "a roll-up's level is city, province or national, not county"
                )));
            }
            if ctx.db.exists() {
                return Err(Error::data(text!(
                    "「{}」已存在；汇总文件须新建",
                    "'{}' exists already; a roll-up is made as a new file",
                    ctx.db.display()
                ))
                .with_hint(text!(
                    "用 --db 指定一个新文件名",
                    "give a new file name with --db"
                )));
            }
            let mut store = ctx.open_or_create()?;
            store.write_rollup(|w| {
                committee::set(
                    w,
                    &committee::Committee {
                        name: name.clone(),
                        level,
                        term: 1,
                        term_start: None,
                        code: None,
                        parent_code: parent.clone(),
                    },
                )?;
                rollup::mark(w, &code)
            })?;
            ctx.tell(text!(
                "已建立汇总文件「{}」：{}（{}）；用 lvzhi rollup add 收入报送文件",
                "created the roll-up '{}': {} ({}); add packages with `lvzhi rollup add`",
                ctx.db.display(),
                name,
                code
            ));
            Ok(())
        }
        Cmd::Add { files } => {
            let mut store = opened(ctx)?;
            // Every package is checked before any is brought in.
            let mut checked: Vec<rollup::Checked> = Vec::with_capacity(files.len());
            for f in &files {
                let p = rollup::check_package(f, "rollup")?;
                for part in &p.parts {
                    let other = (checked.iter())
                        .find(|o| o.parts.iter().any(|x| x.code == part.code))
                        .map(|o| o.shown.as_str());
                    let here = p.parts.iter().filter(|x| x.code == part.code).count() > 1;
                    if let Some(o) = other.or(here.then_some(p.shown.as_str())) {
                        return Err(Error::usage(text!(
                            "「{}」与「{}」都带有委员会 {} 的记录；一次只收入其中一份",
                            "'{}' and '{}' both bring the records of committee {}; add one of them at a time",
                            o,
                            p.shown,
                            part.code
                        )));
                    }
                }
                checked.push(p);
            }
            for p in &checked {
                for (part, added) in store.add_package(p, ctx.force)? {
                    let who = format!("{} {}", part.code, part.name);
                    let via = match &part.via {
                        Some(code) => text!("，经 {} 汇总", ", through the roll-up of {}", code),
                        None => text!("", ""),
                    };
                    match added {
                        Added::New => ctx.tell(text!(
                            "已收入 {}（{}{}）：委员 {}，活动 {}，提案 {}，社情民意 {}",
                            "added {} ({}{}): {} members, {} activities, {} proposals, {} reports",
                            who,
                            p.shown,
                            via,
                            part.members,
                            part.activities,
                            part.proposals,
                            part.reports
                        )),
                        Added::Same => ctx.tell(text!(
                            "{}：与已收入的报送文件完全相同，未改动",
                            "{}: the very package held already; nothing changed",
                            who
                        )),
                        Added::Replaced {
                            changes,
                            years_before,
                        } => {
                            ctx.tell(text!(
                                "已以「{}」替换 {} 的记录{}；变化如下",
                                "replaced the records of {1} with '{0}'{2}; what changed:",
                                p.shown,
                                who,
                                via
                            ));
                            ctx.listing(&views::rollup_changes(
                                &part.code,
                                &changes,
                                &years_before,
                                &part.final_years,
                            ))?;
                        }
                    }
                }
            }
            Ok(())
        }
        Cmd::List => {
            let store = opened(ctx)?;
            ctx.listing(&views::rollup_list(&rollup::held(store.conn())?))
        }
        Cmd::People { reveal } => {
            let mut store = opened(ctx)?;
            let conn = store.conn();
            let mut rows: Vec<(Cell, rollup::Seat)> = Vec::new();
            let same = Cell::Code("id_number", pick("身份证号相同", "same ID number"));
            rows.extend(
                rollup::serving_in_several(conn)?
                    .into_iter()
                    .map(|s| (same.clone(), s)),
            );
            let maybe = Cell::Code(
                "possible",
                pick(
                    "可能同一人：姓名、出生日期相同",
                    "possible: same name and birth date",
                ),
            );
            rows.extend(
                rollup::possible_matches(conn)?
                    .into_iter()
                    .map(|s| (maybe.clone(), s)),
            );
            revealed(&mut store, reveal, "people")?;
            ctx.listing(&views::rollup_seats(&rows, reveal))
        }
        Cmd::Check { reveal } => {
            let mut store = opened(ctx)?;
            let conn = store.conn();
            let mut rows: Vec<(Cell, rollup::Seat)> = Vec::new();
            let two = Cell::Code(
                "one_number_two_people",
                pick(
                    "一个身份证号，姓名或出生日期不同",
                    "one ID number, two names or birth dates",
                ),
            );
            rows.extend(
                rollup::one_number_two_people(conn)?
                    .into_iter()
                    .map(|s| (two.clone(), s)),
            );
            let dq = Cell::Code(
                "disqualified_elsewhere",
                pick(
                    "一处撤销资格，另一处仍在任",
                    "disqualified in one, serving in another",
                ),
            );
            rows.extend(
                rollup::disqualified_elsewhere(conn)?
                    .into_iter()
                    .map(|s| (dq.clone(), s)),
            );
            let reused = Cell::Code(
                "code_reused",
                pick("一个委员编号先后用于两人", "one member code given to two people"),
            );
            rows.extend(
                rollup::code_reused(conn)?
                    .into_iter()
                    .map(|s| (reused.clone(), s)),
            );
            revealed(&mut store, reveal, "check")?;
            ctx.listing(&views::rollup_seats(&rows, reveal))?;
            if rows.is_empty() {
                ctx.tell(text!("未发现冲突", "no conflicts found"));
                return Ok(());
            }
            Err(Error::data(text!(
                "发现冲突（{} 条记录）",
                "conflicts found ({} records)",
                rows.len()
            ))
            .with_hint(text!(
                "在有关县（区）的文件中核实更正后重新报送",
                "check and correct them in the committees' own files, then send new packages"
            )))
        }
        Cmd::Remove { code } => {
            let code = division::parse("CODE", &code)?;
            let mut store = opened(ctx)?;
            let h = rollup::held_by_code(store.conn(), &code)?
                .ok_or_else(|| rollup::not_held(store.conn(), &code))?;
            ctx.confirm(text!(
                "将从汇总文件移除 {} {} 及其全部记录（委员 {}）；可再用 rollup add 收入",
                "this removes {} {} and all its records ({} members) from the roll-up; rollup add brings it back",
                h.code,
                h.name,
                h.members
            ))?;
            let h = store.remove_committee(&code)?;
            ctx.tell(text!("已移除 {} {}", "removed {} {}", h.code, h.name));
            Ok(())
        }
    }
}
