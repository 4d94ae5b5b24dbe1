//! `lvzhi assess`.

use std::path::PathBuf;

use super::{Ctx, rules};
use crate::assessing;
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::report::assessment as report;
use crate::scoring::{self, Assessment};
use crate::store::Store;
use crate::store::assess::{self, Status};
use crate::store::members::{self, Member};
use crate::text;

/// Arguments of `lvzhi assess` (its help texts are on `Command::Assess`).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = pick("年度", "Year"))]
    year: crate::domain::year::Year,
    #[arg(
        long,
        help = pick("逐条说明某位委员的得分（编号或姓名）", "Explain a member's score item by item (code or name)")
    )]
    pub(super) explain: Option<String>,
    #[arg(
        long,
        conflicts_with_all = ["rules", "compare"],
        help = pick("定稿：锁定本年度考核，此后不能再改", "Finalise: lock the year's assessment for good")
    )]
    finalize: bool,
    #[arg(
        long,
        requires = "reason",
        conflicts_with_all = ["rules", "compare"],
        help = pick(
            "撤销已定稿的结果并重新计算（原结果保留），须写 --reason",
            "Supersede the final result and compute it again (the old one is kept); needs --reason"
        )
    )]
    supersede: bool,
    #[arg(long, help = pick("撤销定稿的理由", "Why the final result is superseded"))]
    reason: Option<String>,
    #[arg(long, help = pick("用另一份规则文件试算（不保存）", "Try another rule file (nothing is saved)"))]
    rules: Option<PathBuf>,
    #[arg(
        long,
        requires = "rules",
        help = pick("与已保存的结果比较（配合 --rules）", "Compare with the saved result (with --rules)")
    )]
    compare: bool,
}

/// A rule file parsed against the file's activity kinds.
fn parse(store: &Store, label: &str, text: &str) -> Result<scoring::Scheme> {
    rules::parse(label, text, &assess::kind_codes(store.conn())?)
}

pub fn run(a: Args, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let year = a.year.get();
    let who = a
        .explain
        .as_deref()
        .map(|m| members::resolve(store.conn(), m))
        .transpose()?;
    if let Some(file) = &a.rules {
        let text = rules::read(file)?;
        let scheme = parse(&store, &file.display().to_string(), &text)?;
        let explain = who.as_ref().map(|m| m.id);
        if !a.compare {
            let (scored, explained) = store.steady(|c| assessing::trial(c, year, &scheme, explain))?;
            ctx.tell(text!(
                "按「{}」试算（未保存）",
                "trial with '{}' (not stored)",
                pick(&scored.header.title.zh, &scored.header.title.en)
            ));
            return show_scored(ctx, &scored, None, explained, who.as_ref());
        }
        // Compared with the stored result, looked up member by member; with none stored (or
        // one stored before schema version 8, read whole), with the year's own scheme tried
        // first under the same lock, of which only each member's total, grade and rank are kept.
        let stored = assess::briefs(store.conn(), year)?.is_some();
        let legacy = match stored {
            true => None,
            false => assess::current_ranking(store.conn(), year)?,
        };
        let old_scheme = match stored || legacy.is_some() {
            true => None,
            false => {
                let s = assess::scheme(store.conn(), year)?.ok_or_else(|| rules::no_scheme(year))?;
                Some(parse(&store, &s.source, &s.text)?)
            }
        };
        // Everything is read under the write lock, and the rows are written out under it too:
        // the trial's briefs live in a temporary table of that transaction.
        return store.steady(|c| {
            let tried = match &old_scheme {
                Some(s) => {
                    let old = assessing::trial(c, year, s, None)?.0;
                    let rows = old.members.iter().map(|l| (l.member_id(), l.brief()));
                    Some(assess::keep_tried(
                        c,
                        year,
                        old.header.decimals,
                        old.shared.clone(),
                        rows,
                    )?)
                }
                None => None,
            };
            let scored = assessing::trial(c, year, &scheme, None)?.0;
            let title = &scored.header.title;
            ctx.tell(text!(
                "按「{}」试算，与现行结果比较（未保存任何内容）",
                "trial with '{}' against the stored result (nothing stored)",
                pick(&title.zh, &title.en)
            ));
            if let Some(s) = &legacy {
                return ctx.listing(&report::compare(&s.result, &scored.assessment()?));
            }
            let mut old = match tried {
                Some(b) => b,
                None => assess::briefs(c, year)?.ok_or_else(|| rules::no_scheme(year))?,
            };
            let grades = old.shared.grades.clone();
            let d = old.decimals.max(scored.header.decimals);
            let cols = report::compare_cols();
            let extras = cols.iter().map(|c| c.extra).collect();
            let order = scored.order();
            ctx.rows(cols, extras, &mut |sink| {
                scored.each(&order, &mut |m| {
                    let b = old.get(m.member_id)?.map(|b| report::Before {
                        assessed: b.assessed,
                        total: b.total,
                        grade: b.grade.and_then(|g| grades.get(g as usize).cloned()),
                        rank: b.rank,
                    });
                    sink(report::compare_row(b.as_ref(), &m, d))
                })
            })
        });
    }

    // Only the explained member's stored row is read (id -1 matches none): the full ranking is
    // loaded below only when the stored result is what will be shown.
    let only = who.as_ref().map_or(Some(-1), |m| Some(m.id));
    let current = assess::current_for(store.conn(), year, only)?;
    let is_final = current.as_ref().is_some_and(|c| c.status == Status::Final);
    if is_final && !a.supersede {
        if a.finalize {
            return Err(Error::data(text!(
                "{} 年度的考核已于 {} 定稿",
                "the {} assessment was finalised at {}",
                year,
                current
                    .as_ref()
                    .and_then(|c| c.finalized_at.clone())
                    .unwrap_or_default()
            )));
        }
        let c = match &who {
            Some(m) => explained(ctx, &store, year, m)?,
            None => assess::current(store.conn(), year)?.expect("final"),
        };
        ctx.tell(text!(
            "{} 年度考核已定稿（{}），显示定稿结果；重新计算须加 --supersede --reason",
            "the {} assessment is final ({}); showing the stored result; recomputing needs --supersede --reason",
            year,
            c.finalized_at.clone().unwrap_or_default()
        ));
        tell_seal(ctx, &store, year)?;
        return show(ctx, &c.result, who.as_ref());
    }
    // Explaining a member of a stored draft reads that member only: nothing is recomputed
    // for the others, and a changed record shows as a note.
    if let (Some(m), Some(_), false, false) = (&who, &current, a.finalize, a.supersede) {
        let c = explained(ctx, &store, year, m)?;
        ctx.tell(text!(
            "{} 年度考核草稿（{} 计算）；重新计算全体委员用 lvzhi assess --year {}",
            "the {} draft assessment (computed {}); recompute every member with `lvzhi assess --year {}`",
            year,
            c.computed_at.clone(),
            year
        ));
        return show(ctx, &c.result, Some(m));
    }
    if a.supersede && !is_final {
        return Err(Error::data(text!(
            "{} 年度没有已定稿的考核，无需 --supersede",
            "there is no final {} assessment to supersede",
            year
        )));
    }
    let scheme = assess::scheme(store.conn(), year)?.ok_or_else(|| rules::no_scheme(year))?;
    let rules = rules::parse(&scheme.source, &scheme.text, &assess::kind_codes(store.conn())?)?;
    let reason = a.reason.clone().unwrap_or_default();
    if a.supersede {
        ctx.confirm(text!(
            "将撤销 {} 年度已定稿的考核（{}），按「{}」重新计算（理由：{}）；原定稿结果保留在历史中",
            "this supersedes the final {} assessment ({}) and recomputes it by '{}' (reason: {}); the final result stays in the history",
            year,
            current
                .as_ref()
                .and_then(|c| c.finalized_at.clone())
                .unwrap_or_default(),
            scheme.source,
            reason
        ))?;
    }
    let save = assessing::Save {
        stored: &scheme,
        supersede: a.supersede.then_some(reason.as_str()),
        finalize: a.finalize,
    };
    let (scored, order, explained) = assessing::assess_and_store(
        &mut store,
        year,
        &rules,
        save,
        who.as_ref().map(|m| m.id),
        |r| match &who {
            Some(m) => in_assessment(r, m).map(|_| ()),
            None => Ok(()),
        },
    )?;
    let state = if a.finalize {
        text!("已定稿", "finalised")
    } else {
        text!(
            "草稿，可重新计算；定稿用 --finalize",
            "draft; recompute freely, lock with --finalize"
        )
    };
    ctx.tell(text!(
        "{} 年度履职考核：{}（{}）。{}",
        "{} duty assessment: {} ({}). {}",
        year,
        pick(&scored.header.title.zh, &scored.header.title.en),
        state.get(),
        scored.grade_summary(&order).get()
    ));
    tell_seal(ctx, &store, year)?;
    show_scored(ctx, &scored, Some(order), explained, who.as_ref())
}

/// The stored assessment with member `m`'s lines (computed again when not stored), saying so
/// when the records no longer give the stored total.
fn explained(ctx: &mut Ctx, store: &Store, year: i32, m: &Member) -> Result<assess::Stored> {
    let (stored, differs) = assessing::stored_explained(store, year, m.id)?.ok_or_else(|| {
        Error::data(text!(
            "{} 年度还没有考核结果",
            "there is no assessment for {} yet",
            year
        ))
    })?;
    if let Some(total) = differs {
        let stored_total = stored
            .result
            .member(m.id)
            .map(|r| r.total.exact())
            .unwrap_or_default();
        ctx.tell(text!(
            "注意：按现有记录重算，{}（{}）的总分为 {}，与保存的 {} 不同（保存后记录有改动）；下列说明按现有记录计算，重新运行 lvzhi assess --year {} 可更新结果",
            "note: computed again from the records as they are now, {} ({}) totals {}, not the stored {} (records changed since); the lines below are from the records as they are now; run `lvzhi assess --year {}` to update the result",
            m.name,
            m.code,
            total.exact(),
            stored_total,
            year
        ));
    }
    Ok(stored)
}

/// Tells the digest of a final year's inputs, which its reports carry too.
fn tell_seal(ctx: &mut Ctx, store: &Store, year: i32) -> Result<()> {
    if let Some(d) = crate::store::digest::of_final(store.conn(), year)? {
        ctx.tell(text!(
            "定稿校验码 {}（印在该年度各报表的标题上；lvzhi check 核对文件是否仍与定稿时一致）",
            "final digest {} (on the title of the year's reports; `lvzhi check` verifies the file still holds what was finalised)",
            crate::store::digest::short(&d)
        ));
    }
    Ok(())
}

/// A result scored just now: the explained member `who`, or the ranking, row by row.
fn show_scored(
    ctx: &mut Ctx,
    scored: &assessing::Scored,
    order: Option<Vec<u32>>,
    explained: Option<scoring::MemberResult>,
    who: Option<&Member>,
) -> Result<()> {
    if who.is_some() {
        return show(ctx, &scored.only(explained), who);
    }
    let order = order.unwrap_or_else(|| scored.order());
    let cols = report::ranking_cols(&scored.header, &scored.shared.shown_parts);
    let extras = report::ranking_extras(&cols, scored.members.iter().any(|m| m.assessed()));
    let (header, shown) = (&scored.header, &scored.shared.shown_parts);
    ctx.rows(cols, extras, &mut |sink| {
        scored.each(&order, &mut |m| sink(report::ranking_row(header, &m, shown)))
    })
}

fn show(ctx: &mut Ctx, result: &Assessment, who: Option<&Member>) -> Result<()> {
    let Some(m) = who else {
        return ctx.listing(&report::ranking(result));
    };
    let r = in_assessment(result, m)?;
    if !r.eligibility.assessed {
        let why = r.eligibility.reason.clone().unwrap_or_default();
        ctx.tell(crate::i18n::Text::new(
            format!(
                "委员 {}（{}）未参加 {} 年度考核：{}",
                r.name, r.code, result.year, why.zh
            ),
            format!(
                "member {} ({}) was not assessed in {}: {}",
                r.name, r.code, result.year, why.en
            ),
        ));
    }
    ctx.doc(&report::explain(result, r))
}

/// The member's result, or why the member is not in the year's assessment at all.
fn in_assessment<'a>(result: &'a Assessment, m: &Member) -> Result<&'a scoring::MemberResult> {
    if let Some(r) = result.member(m.id) {
        return Ok(r);
    }
    let (first, last) = crate::domain::dates::year_bounds(result.year);
    let why = match (m.joined_on, m.left_on) {
        (_, Some(l)) if l <= first => text!("已于 {} 离任", "left on {}", l),
        (Some(j), _) if j > last => text!("{} 才任委员", "joined only on {}", j),
        _ => text!("不在本年度名单中", "not on this year's roll"),
    };
    Err(Error::data(crate::i18n::Text::new(
        format!(
            "委员 {}（{}）不在 {} 年度考核范围内：{}",
            m.name, m.code, result.year, why.zh
        ),
        format!(
            "member {} ({}) is not in the {} assessment: {}",
            m.name, m.code, result.year, why.en
        ),
    )))
}
