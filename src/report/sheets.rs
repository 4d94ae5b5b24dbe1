//! The reports as sheets, ready for any renderer: the title and seal of a year's report, and
//! the ranking, by-sector, member, summary and attendance sheets built from the store.

use std::collections::HashMap;

use crate::scoring::Num;

use super::{Order, attendance::Matrix};
use crate::error::{Error, Result};
use crate::i18n::{Text, pick};
use crate::output::xlsx::{BookSheet, RowSource};
use crate::output::{Cell, Col, Listing, Sheet};
use crate::report;
use crate::scoring::Assessment;
use crate::scoring::compact::Shared;
use crate::store::{
    Store, assess, awards, committee, contributions, digest, donations, members, opinions, orgs, proposals,
    reports,
};
use crate::{text, views};

/// The report title: committee, year, report name and the scheme in force.
pub fn title(store: &Store, year: i32, what: Text, a: Option<&Assessment>) -> Result<String> {
    let name = committee::get(store.conn())?.map(|c| c.name).unwrap_or_default();
    let scheme = a.map(|a| pick(&a.title.zh, &a.title.en).to_string());
    let mut t = match crate::i18n::lang() {
        crate::i18n::Lang::Zh => format!("{name} {year} 年度{what}").trim().to_string(),
        crate::i18n::Lang::En => format!("{name} {year}: {what}").trim().to_string(),
    };
    if let Some(s) = scheme {
        t.push_str(&format!("{}{}{}", pick("（", " ("), s, pick("）", ")")));
    }
    t.push_str(&seal(store, year)?);
    Ok(t)
}

/// The title of a listing written to a file: the committee's name and what the listing is.
pub fn listing_title(store: &Store, what: &Text) -> Result<String> {
    let name = committee::get(store.conn())?.map(|c| c.name).unwrap_or_default();
    Ok(format!("{name} {what}").trim().to_string())
}

/// The mark of a final year on its reports: the short digest of its inputs, so that a copy
/// on paper shows whether the file still holds what was finalised (`lvzhi check`). Empty when
/// the year is not final.
pub fn seal(store: &Store, year: i32) -> Result<String> {
    if crate::store::rollup::read_whole(store.conn())? {
        return Ok(String::new());
    }
    Ok(match digest::of_final(store.conn(), year)? {
        Some(d) => format!(
            "{}{}{}",
            pick("［定稿 校验码 ", " [final, digest "),
            digest::short(&d),
            pick("］", "]")
        ),
        None => String::new(),
    })
}

/// The year's stored assessment, or an error saying how to make one.
pub fn stored(store: &Store, year: i32) -> Result<Assessment> {
    assess::current(store.conn(), year)?
        .map(|s| s.result)
        .ok_or_else(|| no_assessment(year))
}

/// The year's stored assessment without its members, or the error [`stored`] gives.
pub fn stored_header(store: &Store, year: i32) -> Result<assess::Stored> {
    assess::current_for(store.conn(), year, Some(-1))?.ok_or_else(|| no_assessment(year))
}

fn no_assessment(year: i32) -> Error {
    Error::data(text!(
        "{} 年度还没有考核结果",
        "there is no assessment for {} yet",
        year
    ))
    .with_hint(text!(
        "先运行 lvzhi assess --year {} 计算（草稿即可）",
        "run `lvzhi assess --year {}` first (a draft will do)",
        year
    ))
}

/// Who served, what was held and who attended in the year.
pub fn matrix(store: &Store, year: i32) -> Result<Matrix> {
    Ok(Matrix {
        members: reports::year_members(store.conn(), year)?,
        activities: reports::year_activities(store.conn(), year)?,
        rows: reports::year_attendance(store.conn(), year)?,
    })
}

/// What [`matrix`] holds of one member only: the year's activities, the member when serving in
/// the year, and its attendance rows.
pub fn member_matrix(store: &Store, year: i32, member_id: i64) -> Result<Matrix> {
    let mut r = reports::YearReader::new(store.conn(), year)?;
    let mut statuses = Vec::new();
    let member = r.get(member_id, &mut statuses)?;
    let activities = r.activities().to_vec();
    let rows = (activities.iter().zip(&statuses))
        .filter_map(|(a, s)| Some(((a.id, member_id), s.clone()?)))
        .collect();
    Ok(Matrix {
        members: member.into_iter().collect(),
        activities,
        rows,
    })
}

/// A member's duty record for the year: particulars (phone and ID number masked unless
/// `reveal`), the year's record, each line of the score with the rule behind it, the total,
/// grade and rank, and the signature block of the filed copy.
pub fn member_sheet(
    store: &Store,
    year: i32,
    m: &members::Member,
    mx: &Matrix,
    a: Option<&Assessment>,
    reveal: bool,
) -> Result<Sheet> {
    let conn = store.conn();
    let memberships = orgs::memberships(conn, Some(m.id), None)?;
    let props = proposals::list(
        conn,
        &proposals::Filter {
            year: Some(year),
            stage: None,
            member_id: Some(m.id),
        },
    )?;
    let ops = opinions::list(conn, Some(year), Some(m.id))?;
    let commendations = awards::commendations(conn, Some(year), Some(m.id))?;
    let adjustments = awards::adjustments(conn, Some(year), Some(m.id))?;
    let donations = donations::list(conn, Some(year), Some(m.id))?;
    let contribs = contributions::list(conn, Some(year), Some(m.id))?;
    let contribution_roles = contributions::roles_of(conn, m.id)?;
    let proposal_roles = reports::proposal_roles(conn, m.id)?;
    let opinion_roles = reports::opinion_roles(conn, m.id)?;
    let result = a.and_then(|a| a.member(m.id).map(|r| (r, a)));
    let mut doc = report::member::record(&report::member::Input {
        year,
        member: m,
        memberships: &memberships,
        matrix: mx,
        proposals: &props,
        proposal_roles: &proposal_roles,
        opinions: &ops,
        opinion_roles: &opinion_roles,
        commendations: &commendations,
        adjustments: &adjustments,
        donations: &donations,
        contributions: &contribs,
        contribution_roles: &contribution_roles,
        result,
        reveal,
    });
    if let Some((r, a)) = result {
        let lines = report::assessment::explain(a, r)
            .sections
            .into_iter()
            .find(|s| s.key == "lines");
        let at = doc.sections.iter().position(|s| s.key == "score");
        if let (Some(lines), Some(at)) = (lines, at) {
            doc.sections.insert(at, lines);
        }
    }
    let t = title(
        store,
        year,
        text!("委员履职档案：{}（{}）", "duty record of {} ({})", m.name, m.code),
        a,
    )?;
    let mut sheet = Sheet::doc(format!("{} {}", m.code, m.name), Some(t), doc);
    sheet.sign = signature_block();
    Ok(sheet)
}

/// The lines a member and the sector's convener sign on the filed duty record.
fn signature_block() -> Vec<String> {
    [
        text!(
            "委员本人签字：＿＿＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
            "Member's signature: ____________________   Date: ______________"
        ),
        text!(
            "界别召集人意见：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿",
            "Opinion of the sector's convener: ______________________________________"
        ),
        text!(
            "界别召集人签字：＿＿＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
            "Convener's signature: ____________________   Date: ______________"
        ),
    ]
    .into_iter()
    .map(|t| t.get().to_string())
    .collect()
}

/// The year's figures as the work report cites them: tables, and the same figures in sentences.
pub fn summary_sheet(store: &Store, year: i32) -> Result<Sheet> {
    let conn = store.conn();
    let mut props = report::summary::ProposalCounts::default();
    let filter = proposals::Filter {
        year: Some(year),
        ..Default::default()
    };
    proposals::each(conn, &filter, &mut |p| {
        props.add(&p);
        Ok(())
    })?;
    let mut ops = report::summary::OpinionCounts::default();
    opinions::each(conn, Some(year), &mut |o| {
        ops.add(&o);
        Ok(())
    })?;
    let mut reader = reports::YearReader::new(conn, year)?;
    let acts = reader.activities().to_vec();
    let mut members = report::summary::MemberCounts::new(year, acts.len());
    let mut wrote = reports::YearReader::new(conn, year)?;
    reader.each(reports::MemberOrder::Code, &mut |m, statuses| {
        members.add(m, &acts, statuses, wrote.wrote(m.id)?);
        Ok(())
    })?;
    let roll = reports::roll_changes(conn, year)?;
    let sector_order = reports::sector_order(conn)?;
    let donations = donations::year_figures(conn, year)?;
    let contributions = (contributions::kinds(conn)?.into_iter())
        .map(|k| {
            let f = contributions::year_figures(conn, year, Some(&k.code))?;
            Ok((k, f))
        })
        .collect::<Result<Vec<_>>>()?;
    let doc = report::summary::summary(&report::summary::Input {
        year,
        proposals: &props,
        opinions: &ops,
        activities: &acts,
        members: &members,
        roll: &roll,
        sector_order: &sector_order,
        donations: &donations,
        contributions: &contributions,
        all_contributions: contributions::year_figures(conn, year, None)?,
    });
    let t = title(
        store,
        year,
        text!("履职工作数字汇总", "figures of the year"),
        None,
    )?;
    let prose = report::prose::summary(year, &doc);
    let mut sheet = Sheet::doc(pick("汇总", "Summary"), Some(t), doc);
    sheet.prose = prose;
    Ok(sheet)
}

/// Members by activities, with each member's attendance rate over the activities due.
pub fn attendance_sheet(store: &Store, year: i32, order: Order) -> Result<Sheet> {
    let rows = attendance_rows(store, year, order)?;
    let mut l = Listing::new(rows.cols.clone());
    rows.each(&mut |r| {
        l.push(r.to_vec());
        Ok(())
    })?;
    Ok(Sheet::listing(rows.name(), Some(rows.title.clone()), l))
}

/// The attendance matrix (members by activities) read from the store member by member each
/// time its rows are walked, in the order of the names asked for: for a large committee.
pub struct AttendanceRows<'a> {
    store: &'a Store,
    year: i32,
    order: reports::MemberOrder,
    cols: Vec<Col>,
    /// The sheet's title.
    pub title: String,
}

impl AttendanceRows<'_> {
    fn name(&self) -> String {
        pick("出席", "Attendance").to_string()
    }

    /// The matrix as a workbook sheet written in constant memory.
    pub fn sheet(&self) -> BookSheet<'_> {
        BookSheet::Streamed {
            name: self.name(),
            title: Some(self.title.clone()),
            rows: self,
        }
    }

    /// The columns.
    pub fn cols(&self) -> &[Col] {
        &self.cols
    }

    /// Gives `f` each member's row, in order.
    pub fn each_row(&self, f: &mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()> {
        let mut r = reports::YearReader::new(self.store.conn(), self.year)?;
        let acts = r.activities().to_vec();
        r.each(self.order, &mut |m, statuses| {
            f(report::attendance::matrix_row(m, &acts, statuses))
        })
    }
}

impl RowSource for AttendanceRows<'_> {
    fn cols(&self) -> &[Col] {
        &self.cols
    }

    fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        self.each_row(&mut |row| f(&row))
    }
}

/// The year's attendance matrix in `order`, to be read row by row ([`attendance_sheet`] holds
/// it); `Rank` needs a stored assessment.
pub fn attendance_rows(store: &Store, year: i32, order: Order) -> Result<AttendanceRows<'_>> {
    let order = match order {
        Order::Rank => reports::MemberOrder::Rank(stored_header(store, year)?.id),
        Order::Stroke => reports::MemberOrder::Stroke,
        Order::Pinyin => reports::MemberOrder::Pinyin,
        Order::Code => reports::MemberOrder::Code,
    };
    let acts = reports::year_activities(store.conn(), year)?;
    let cols = report::attendance::matrix_cols(&acts);
    let title = title(store, year, text!("委员出席情况", "attendance"), None)?;
    Ok(AttendanceRows {
        store,
        year,
        order,
        cols,
        title,
    })
}

/// The ranking of a stored assessment, in `order`.
pub fn ranking_sheet(store: &Store, year: i32, a: &Assessment, order: Order) -> Result<Sheet> {
    let mut l = report::assessment::ranking(a);
    report::sort_rows(&mut l, order);
    let t = title(
        store,
        year,
        text!("履职考核排名", "duty assessment ranking"),
        Some(a),
    )?;
    Ok(Sheet::listing(pick("排名", "Ranking"), Some(t), l))
}

/// The ranking of a year's assessment stored compactly in ranking order, read from the store
/// each time its rows are walked rather than held: for workbooks of a large committee.
pub struct RankedRows<'a> {
    store: &'a Store,
    order: Order,
    stored: assess::Stored,
    shared: Shared,
    cols: Vec<Col>,
    title: String,
}

impl RankedRows<'_> {
    /// The ranking as a workbook sheet written in constant memory.
    pub fn sheet(&self) -> BookSheet<'_> {
        BookSheet::Streamed {
            name: pick("排名", "Ranking").to_string(),
            title: Some(self.title.clone()),
            rows: self,
        }
    }
}

impl RowSource for RankedRows<'_> {
    fn cols(&self) -> &[Col] {
        &self.cols
    }

    fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        self.each_row(&mut |row| f(&row))
    }
}

impl RankedRows<'_> {
    /// The columns.
    pub fn cols(&self) -> &[Col] {
        &self.cols
    }

    /// The sheet's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Each column's JSON siblings, as the whole listing would find them from its rows.
    pub fn extras(&self) -> Result<Vec<crate::output::Extra>> {
        let any = assess::any_assessed(self.store.conn(), self.stored.id)?;
        Ok(report::assessment::ranking_extras(&self.cols, any))
    }

    /// Gives `f` each member's row, in order.
    pub fn each_row(&self, f: &mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()> {
        let (a, parts) = (&self.stored.result, &self.shared.shown_parts);
        let row = &mut |m| f(report::assessment::ranking_row(a, &m, parts));
        let conn = self.store.conn();
        match self.order {
            Order::Rank => assess::each_ranked(conn, &self.stored, &self.shared, row),
            Order::Stroke => assess::each_by_name(
                conn,
                &self.stored,
                &self.shared,
                reports::MemberOrder::Stroke,
                row,
            ),
            Order::Pinyin => assess::each_by_name(
                conn,
                &self.stored,
                &self.shared,
                reports::MemberOrder::Pinyin,
                row,
            ),
            Order::Code => {
                assess::each_by_name(conn, &self.stored, &self.shared, reports::MemberOrder::Code, row)
            }
        }
    }
}

/// The year's ranking in `order`, to be read row by row from the store: None when the year has
/// no assessment or its rows were stored before schema version 8 (then [`ranking_sheet`] reads
/// it whole).
pub fn ranked_rows(store: &Store, year: i32, order: Order) -> Result<Option<RankedRows<'_>>> {
    let Some((stored, shared)) = assess::ranked_header(store.conn(), year)? else {
        return Ok(None);
    };
    let cols = report::assessment::ranking_cols(&stored.result, &shared.shown_parts);
    let title = title(
        store,
        year,
        text!("履职考核排名", "duty assessment ranking"),
        Some(&stored.result),
    )?;
    Ok(Some(RankedRows {
        store,
        order,
        stored,
        shared,
        cols,
        title,
    }))
}

/// The stored assessment summed up by sector, with its grade chart.
pub fn sector_sheet(store: &Store, year: i32) -> Result<Sheet> {
    let conn = store.conn();
    let order_names = reports::sector_order(conn)?;
    let (l, chart, a) = match assess::ranked_header(conn, year)? {
        Some((s, shared)) => {
            let (l, chart) = by_sector_read(store, &s, &shared, &order_names)?;
            (l, chart, s.result)
        }
        None => {
            // stored before version 8: read whole
            let a = stored(store, year)?;
            let mx = matrix(store, year)?;
            let (l, chart) = report::sector::by_sector(&a, &order_names, &mx.by_member());
            (l, chart, a)
        }
    };
    let t = title(
        store,
        year,
        text!("履职考核分界别汇总", "assessment by sector"),
        Some(&a),
    )?;
    let mut sheet = Sheet::listing(pick("分界别", "By sector"), Some(t), l);
    sheet.chart = Some(chart);
    Ok(sheet)
}

/// [`report::sector::by_sector`] of an assessment stored compactly, its members read one at a
/// time with their attendance, its medians picked from the totals in ranking order.
fn by_sector_read(
    store: &Store,
    s: &assess::Stored,
    shared: &Shared,
    order_names: &[String],
) -> Result<(Listing, crate::output::ChartSpec)> {
    let conn = store.conn();
    let mut year = reports::YearReader::new(conn, s.year)?;
    let acts = year.activities().to_vec();
    let mut sums = report::sector::BySector::new(order_names);
    let mut statuses = Vec::new();
    assess::each_by_member(conn, s, shared, &mut |m| {
        let t = match year.get(m.member_id, &mut statuses)? {
            Some(ym) => report::attendance::tally_of(&ym, &acts, &statuses),
            None => Default::default(),
        };
        sums.add(&m, t);
        Ok(())
    })?;
    let (counts, all_n) = sums.assessed();
    let all = report::sector::median_of(all_n, &mut |pick| assess::assessed_totals(conn, s, pick))?;
    // each sector's totals in turn: the two in the middle of each kept
    let mut medians: HashMap<String, Num> = HashMap::new();
    let mut current: Option<(String, i64, Option<Num>)> = None;
    let finish = |c: Option<(String, i64, Option<Num>)>, medians: &mut HashMap<String, Num>| {
        if let Some((name, _, Some(m))) = c {
            medians.insert(name, m);
        }
    };
    assess::assessed_totals_by_sector(conn, s, &mut |sector, total| {
        if current.as_ref().is_none_or(|c| c.0 != sector) {
            finish(current.take(), &mut medians);
            current = Some((sector.to_string(), 0, None));
        }
        let c = current.as_mut().expect("set above");
        let n = counts.get(sector).copied().unwrap_or(0);
        let (lo, hi) = ((n - 1) / 2, n / 2);
        // the two in the middle (one twice when the count is odd), each by half
        for at in [lo, hi] {
            if c.1 == at {
                let half = total / Num::int(2);
                c.2 = Some(c.2.map_or(half, |x| x + half));
            }
        }
        c.1 += 1;
        Ok(())
    })?;
    finish(current.take(), &mut medians);
    Ok(sums.listing(s.result.decimals, &medians, all))
}

/// The sheets of the year's workbook for the standing committee (`lvzhi export`): ranking
/// (unless `ranking` is false: the caller writes it from [`ranked_rows`]), by sector,
/// proposals, opinion reports, attendance (name lists in `order`) and figures.
pub fn workbook_sheets(store: &Store, year: i32, order: Order, ranking: bool) -> Result<Vec<Sheet>> {
    let assessment = stored(store, year)?;
    let conn = store.conn();
    let mut sheets = Vec::new();

    if ranking {
        sheets.push(ranking_sheet(store, year, &assessment, Order::Rank)?);
    }
    sheets.push(sector_sheet(store, year)?);

    let props = proposals::list(
        conn,
        &proposals::Filter {
            year: Some(year),
            ..Default::default()
        },
    )?;
    let t = title(store, year, text!("提案", "proposals"), None)?;
    sheets.push(Sheet::listing(
        pick("提案", "Proposals"),
        Some(t),
        views::proposals(&props),
    ));

    let ops = opinions::list(conn, Some(year), None)?;
    let t = title(store, year, text!("社情民意信息", "opinion reports"), None)?;
    sheets.push(Sheet::listing(
        pick("社情民意", "Opinion reports"),
        Some(t),
        views::opinions(&ops),
    ));

    // Other duty outputs get a sheet in a year that has any.
    let contribs = contributions::list(conn, Some(year), None)?;
    if !contribs.is_empty() {
        let t = title(store, year, text!("履职成果", "other duty outputs"), None)?;
        sheets.push(Sheet::listing(
            pick("履职成果", "Duty outputs"),
            Some(t),
            views::contributions(&contribs),
        ));
    }

    sheets.push(attendance_sheet(store, year, order)?);
    sheets.push(summary_sheet(store, year)?);
    Ok(sheets)
}

/// Gives rows one at a time to the function it is handed.
type Walk<'a> = Box<dyn Fn(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()> + 'a>;

/// A list of records read from the store each time its rows are walked.
pub struct Records<'a> {
    name: String,
    title: String,
    cols: Vec<Col>,
    walk: Walk<'a>,
}

impl Records<'_> {
    /// The list as a workbook sheet written in constant memory.
    pub fn sheet(&self) -> BookSheet<'_> {
        BookSheet::Streamed {
            name: self.name.clone(),
            title: Some(self.title.clone()),
            rows: self,
        }
    }
}

impl RowSource for Records<'_> {
    fn cols(&self) -> &[Col] {
        &self.cols
    }

    fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        (self.walk)(&mut |row| f(&row))
    }
}

/// The year's workbook for the standing committee as `lvzhi export` writes it: the sheets of
/// [`workbook_sheets`], those as long as the committee or its records read from the store as
/// they are written.
pub struct Book<'a> {
    ranked: Option<RankedRows<'a>>,
    held_ranking: Option<Sheet>,
    sector: Sheet,
    proposals: Records<'a>,
    opinions: Records<'a>,
    contributions: Option<Records<'a>>,
    attendance: AttendanceRows<'a>,
    summary: Sheet,
}

impl Book<'_> {
    /// The sheets in order.
    pub fn sheets(&self) -> Vec<BookSheet<'_>> {
        let mut v = Vec::new();
        match (&self.ranked, &self.held_ranking) {
            (Some(r), _) => v.push(r.sheet()),
            (None, Some(s)) => v.push(BookSheet::Held(s)),
            (None, None) => {}
        }
        v.push(BookSheet::Held(&self.sector));
        v.push(self.proposals.sheet());
        v.push(self.opinions.sheet());
        if let Some(c) = &self.contributions {
            v.push(c.sheet());
        }
        v.push(self.attendance.sheet());
        v.push(BookSheet::Held(&self.summary));
        v
    }
}

/// The year's workbook (`lvzhi export`), name lists in `order`; it needs a stored assessment.
pub fn book(store: &Store, year: i32, order: Order) -> Result<Book<'_>> {
    stored_header(store, year)?;
    let ranked = ranked_rows(store, year, Order::Rank)?;
    let held_ranking = match ranked {
        Some(_) => None,
        None => Some(ranking_sheet(store, year, &stored(store, year)?, Order::Rank)?),
    };
    let sector = sector_sheet(store, year)?;
    let conn = store.conn();
    let proposals = Records {
        name: pick("提案", "Proposals").to_string(),
        title: title(store, year, text!("提案", "proposals"), None)?,
        cols: views::proposal_cols(),
        walk: Box::new(move |f| {
            let filter = proposals::Filter {
                year: Some(year),
                ..Default::default()
            };
            proposals::each(conn, &filter, &mut |p| f(views::proposal_row(&p)))
        }),
    };
    let opinions = Records {
        name: pick("社情民意", "Opinion reports").to_string(),
        title: title(store, year, text!("社情民意信息", "opinion reports"), None)?,
        cols: views::opinion_cols(),
        walk: Box::new(move |f| opinions::each(conn, Some(year), &mut |o| f(views::opinion_row(&o)))),
    };
    // Other duty outputs get a sheet in a year that has any.
    let contributions = if contributions::year_figures(conn, year, None)?.count > 0 {
        Some(Records {
            name: pick("履职成果", "Duty outputs").to_string(),
            title: title(store, year, text!("履职成果", "other duty outputs"), None)?,
            cols: views::contribution_cols(),
            walk: Box::new(move |f| {
                contributions::each(conn, Some(year), &mut |c| f(views::contribution_row(&c)))
            }),
        })
    } else {
        None
    };
    Ok(Book {
        ranked,
        held_ranking,
        sector,
        proposals,
        opinions,
        contributions,
        attendance: attendance_rows(store, year, order)?,
        summary: summary_sheet(store, year)?,
    })
}
