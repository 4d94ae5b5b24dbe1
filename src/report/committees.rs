//! Reports across the committees of a roll-up: each committee's year side by side (`report
//! committees`), and the roll-up's own figures in the work report's words (`report summary`
//! without `--committee`). Each committee's figures are those its own `report summary` gives,
//! read with only its records in view; its grades come from its own stored result under its
//! own scheme.

use crate::domain::codes::Level;
use crate::error::Result;
use crate::i18n::{Lang, Text, lang, pick};
use crate::output::{Body, Cell, ChartSpec, Col, Content, Doc, Listing, Sheet};
use crate::scoring::Num;
use crate::scoring::explain::Text as Named;
use crate::store::assess::{self, Status};
use crate::store::{Store, rollup};
use crate::text;

use super::percent;

/// Levels an opinion report may be adopted at, highest first, with their summary keys.
const ADOPTED: [(&str, &str, &str); 4] = [
    ("adopted_national", "全国政协采用", "Adopted nationally"),
    ("adopted_province", "省级采用", "Adopted by the province"),
    ("adopted_city", "市级采用", "Adopted by the city"),
    ("adopted_county", "县级采用", "Adopted by the county"),
];

/// One committee's year, as the roll-up compares it.
#[derive(Clone, Debug, Default)]
pub struct CommitteeYear {
    pub code: String,
    pub name: String,
    pub level: String,
    /// Members serving in the year.
    pub seats: i64,
    pub due: i64,
    pub attended: i64,
    pub proposals: i64,
    pub filed: i64,
    pub reports: i64,
    pub adopted: i64,
    /// Reports adopted at each level of [`ADOPTED`].
    pub adopted_at: [i64; 4],
    /// The scheme of the year's stored result, and whether it is final.
    pub scheme: Option<Named>,
    pub status: Option<Status>,
    /// Members assessed, by grade, in the scheme's order (empty when it has no grades).
    pub grades: Vec<(Named, i64)>,
}

/// The figures of `key` in section `section` of a summary document: the count of the row whose
/// `item` (or `kind`) is `item`, or the sum of column `item` over every row but the total.
fn figure(doc: &Doc, section: &str, item: &str) -> i64 {
    let Some(l) = doc
        .sections
        .iter()
        .find(|s| s.key == section)
        .map(|s| match &s.body {
            Body::Record(l) | Body::Rows(l) => l,
        })
    else {
        return 0;
    };
    let col = |k: &str| l.cols.iter().position(|c| c.key == k);
    let int = |c: &Cell| match c {
        Cell::Int(n) => *n,
        _ => 0,
    };
    let rows = &l.rows[..l.rows.len() - usize::from(l.sum_row && !l.rows.is_empty())];
    if let (Some(k), Some(n)) = (col("item"), col("count")) {
        return rows
            .iter()
            .find(|r| matches!(&r[k], Cell::Code(code, _) if *code == item))
            .map_or(0, |r| int(&r[n]));
    }
    match col(item) {
        Some(n) => rows.iter().map(|r| int(&r[n])).sum(),
        None => 0,
    }
}

/// The year of the committee the store is scoped to.
fn one(store: &Store, year: i32, h: &rollup::Held) -> Result<CommitteeYear> {
    let sheet = super::sheets::summary_sheet(store, year)?;
    let Content::Doc(doc) = &sheet.content else {
        return Ok(CommitteeYear::default());
    };
    let mut c = CommitteeYear {
        code: h.code.clone(),
        name: h.name.clone(),
        level: h.level.clone(),
        seats: figure(doc, "members", "served"),
        due: figure(doc, "activities", "due"),
        attended: figure(doc, "activities", "attended"),
        proposals: figure(doc, "proposals", "collected"),
        filed: figure(doc, "proposals", "filed"),
        reports: figure(doc, "opinions", "sent"),
        adopted: figure(doc, "opinions", "adopted"),
        ..Default::default()
    };
    for (i, (key, _, _)) in ADOPTED.iter().enumerate() {
        c.adopted_at[i] = figure(doc, "opinions", key);
    }
    let conn = store.conn();
    if let Some((s, shared)) = assess::ranked_header(conn, year)? {
        c.scheme = Some(s.result.title.clone());
        c.status = Some(s.status);
        let mut counts = vec![0i64; shared.grades.len()];
        assess::each_ranked(conn, &s, &shared, &mut |m| {
            if let Some(i) = (m.grade.as_ref()).and_then(|g| shared.grades.iter().position(|x| x == g)) {
                counts[i] += 1;
            }
            Ok(())
        })?;
        c.grades = shared.grades.iter().cloned().zip(counts).collect();
    } else if let Some(s) = assess::current_ranking(conn, year)? {
        c.scheme = Some(s.result.title.clone());
        c.status = Some(s.status);
        // stored before version 8: the grades its members were given, in the order first met
        let mut names: Vec<Named> = Vec::new();
        for g in s.result.members.iter().filter_map(|m| m.grade.as_ref()) {
            if !names.contains(g) {
                names.push(g.clone());
            }
        }
        let counts = names.iter().map(|g| {
            s.result
                .members
                .iter()
                .filter(|m| m.grade.as_ref() == Some(g))
                .count() as i64
        });
        c.grades = names.iter().cloned().zip(counts).collect();
    }
    Ok(c)
}

/// Every committee held in the roll-up, its year read with only its records in view.
pub fn gather(store: &Store, year: i32) -> Result<Vec<CommitteeYear>> {
    let conn = store.conn();
    let mut out = Vec::new();
    for h in rollup::held(conn)? {
        rollup::scope(conn, h.id)?;
        let c = one(store, year, &h);
        rollup::unscope(conn)?;
        out.push(c?);
    }
    Ok(out)
}

/// The roll-up's serving members of `year` counted as seats and as persons (one ID number, one
/// person; a seat without an ID number, one person).
pub fn persons(store: &Store, year: i32) -> Result<(i64, i64)> {
    let (first, last) = crate::domain::dates::year_bounds(year);
    rollup::persons(store.conn(), &first.to_string(), &last.to_string())
}

fn per_member(n: i64, members: i64) -> Cell {
    if members == 0 {
        return Cell::Null;
    }
    Cell::Num(Num::frac(n, members).display(2))
}

fn status_cell(s: Option<Status>) -> Cell {
    match s {
        Some(Status::Final) => Cell::Code("final", pick("已定稿", "final")),
        Some(_) => Cell::Code("draft", pick("草稿", "draft")),
        None => Cell::Code("none", pick("未考核", "not assessed")),
    }
}

/// The committees side by side, with a total row (members also as persons) and a chart of
/// their proposals and opinion reports.
pub fn compare(cs: &[CommitteeYear], persons: i64) -> (Listing, ChartSpec) {
    // every grade of every scheme, in the order first met
    let mut grades: Vec<Named> = Vec::new();
    for c in cs {
        for (g, _) in &c.grades {
            if !grades.contains(g) {
                grades.push(g.clone());
            }
        }
    }
    let mut cols = vec![
        Col::new("code", "代码", "Code"),
        Col::new("committee", "委员会", "Committee"),
        Col::new("level", "级别", "Level"),
        Col::new("members", "委员（席位）", "Members (seats)"),
        Col::new("persons", "委员（人）", "Members (persons)"),
        Col::new("due", "应出席", "Due"),
        Col::new("attended", "出席", "Attended"),
        Col::new("attendance_rate", "出席率（%）", "Attendance (%)"),
        Col::new("proposals", "提案", "Proposals"),
        Col::new("proposals_per_member", "人均提案", "Proposals a member"),
        Col::new("filed", "立案", "Filed"),
        Col::new("filed_rate", "立案率（%）", "Filed (%)"),
        Col::new("reports", "社情民意信息", "Opinion reports"),
        Col::new("adopted", "被采用", "Adopted"),
    ];
    for (key, zh, en) in ADOPTED {
        cols.push(Col::new(key, zh, en));
    }
    cols.push(Col::new("scheme", "考核办法", "Scheme"));
    cols.push(Col::new("assessment", "考核", "Assessment"));
    for g in &grades {
        let col = Col::new("grade", "", "").in_group("grades", g.zh.clone());
        cols.push(Col {
            zh: g.zh.clone().into(),
            en: g.en.clone().into(),
            ..col
        });
    }
    let mut l = Listing::new(cols);
    let mut total = CommitteeYear::default();
    for c in cs {
        let mut row = vec![
            Cell::text(&c.code),
            Cell::text(&c.name),
            Level::from_code(&c.level).map_or(Cell::text(&c.level), |v| {
                Cell::Code(v.code(), pick(v.zh(), v.en()))
            }),
        ];
        row.extend(figures(c, c.seats));
        row.push(
            c.scheme
                .as_ref()
                .map_or(Cell::Null, |t| Cell::text(pick(&t.zh, &t.en))),
        );
        row.push(status_cell(c.status));
        for g in &grades {
            // compared only where the committee's scheme has the grade
            row.push(
                c.grades
                    .iter()
                    .find(|(x, _)| x == g)
                    .map_or(Cell::Null, |(_, n)| Cell::Int(*n)),
            );
        }
        l.push(row);
        total.seats += c.seats;
        total.due += c.due;
        total.attended += c.attended;
        total.proposals += c.proposals;
        total.filed += c.filed;
        total.reports += c.reports;
        total.adopted += c.adopted;
        for i in 0..4 {
            total.adopted_at[i] += c.adopted_at[i];
        }
    }
    let mut row = vec![Cell::sum(), Cell::Null, Cell::Null];
    row.extend(figures(&total, persons));
    row.extend([Cell::Null, Cell::Null]);
    for g in &grades {
        let n: i64 = cs
            .iter()
            .filter_map(|c| c.grades.iter().find(|(x, _)| x == g))
            .map(|x| x.1)
            .sum();
        row.push(Cell::Int(n));
    }
    l.push(row);
    l.sum_row = true;
    let chart = ChartSpec {
        title: match lang() {
            Lang::Zh => "各委员会提案和社情民意信息".into(),
            Lang::En => "Proposals and opinion reports by committee".into(),
        },
        category: 1,
        series: vec![8, 12],
        skip_last: true,
    };
    (l, chart)
}

/// Seats, persons, attendance, proposals and reports of `c`.
fn figures(c: &CommitteeYear, persons: i64) -> Vec<Cell> {
    let mut v = vec![
        Cell::Int(c.seats),
        Cell::Int(persons),
        Cell::Int(c.due),
        Cell::Int(c.attended),
        percent(c.attended, c.due),
        Cell::Int(c.proposals),
        per_member(c.proposals, c.seats),
        Cell::Int(c.filed),
        percent(c.filed, c.proposals),
        Cell::Int(c.reports),
        Cell::Int(c.adopted),
    ];
    v.extend(c.adopted_at.iter().map(|n| Cell::Int(*n)));
    v
}

/// What a roll-up of `level` calls its whole: 全市, 全省, 全国.
fn whole(level: Option<Level>) -> (&'static str, &'static str) {
    match level {
        Some(Level::Province) => ("全省", "the province's"),
        Some(Level::National) => ("全国", "the country's"),
        _ => ("全市", "the city's"),
    }
}

/// The roll-up's figures for the work report: the totals in its words, then the committees
/// side by side.
pub fn summary(cs: &[CommitteeYear], seats_persons: (i64, i64), level: Option<Level>, year: i32) -> Sheet {
    let (zh, en) = whole(level);
    let sum = |f: fn(&CommitteeYear) -> i64| cs.iter().map(f).sum::<i64>();
    let (proposals, filed, reports, adopted) = (
        sum(|c| c.proposals),
        sum(|c| c.filed),
        sum(|c| c.reports),
        sum(|c| c.adopted),
    );
    let (due, attended) = (sum(|c| c.due), sum(|c| c.attended));
    let mut figures = Listing::new(vec![
        Col::new("item", "项目", "Figure"),
        Col::new("count", "数量", "Count"),
        Col::new("share", "占比（%）", "Share (%)"),
    ]);
    let mut add = |key: &'static str, zh: &'static str, en: &'static str, n: i64, base: Option<i64>| {
        figures.push(vec![
            Cell::Code(key, pick(zh, en)),
            Cell::Int(n),
            base.map_or(Cell::Null, |b| percent(n, b)),
        ]);
    };
    add("committees", "委员会", "Committees", cs.len() as i64, None);
    add(
        "seats",
        "在任委员（席位）",
        "Members serving (seats)",
        seats_persons.0,
        None,
    );
    add(
        "persons",
        "在任委员（人）",
        "Members serving (persons)",
        seats_persons.1,
        None,
    );
    add("due", "应出席（人次）", "Due at activities", due, None);
    add("attended", "出席（人次）", "Attended", attended, Some(due));
    add("proposals", "提交提案", "Proposals submitted", proposals, None);
    add("filed", "立案", "Filed", filed, Some(proposals));
    add(
        "reports",
        "报送社情民意信息",
        "Opinion reports sent",
        reports,
        None,
    );
    add("adopted", "被采用", "Adopted", adopted, Some(reports));
    for (i, (key, zh, en)) in ADOPTED.iter().enumerate() {
        add(key, zh, en, sum_at(cs, i), Some(reports));
    }
    let mut doc = Doc::default();
    doc.rows(
        "figures",
        Text::new(format!("{zh}汇总"), format!("{en} figures")),
        figures,
    );
    let (l, chart) = compare(cs, seats_persons.1);
    doc.rows("committees", text!("各委员会", "By committee"), l);
    let prose = vec![pick(
        &format!(
            "{year}年，{zh}{}个政协委员会共有委员{}人（{}个席位）；各级政协委员提交提案{proposals}件，立案{filed}件；报送社情民意信息{reports}篇，被采用{adopted}篇。",
            cs.len(),
            seats_persons.1,
            seats_persons.0
        ),
        &format!(
            "In {year}, {en} {} committees had {} members ({} seats); members submitted {proposals} proposals, {filed} filed, and sent {reports} opinion reports, {adopted} adopted.",
            cs.len(),
            seats_persons.1,
            seats_persons.0
        ),
    )
    .to_string()];
    let _ = chart;
    Sheet {
        name: pick("汇总", "Figures").into(),
        title: None,
        content: Content::Doc(doc),
        chart: None,
        prose,
        sign: Vec::new(),
    }
}

fn sum_at(cs: &[CommitteeYear], i: usize) -> i64 {
    cs.iter().map(|c| c.adopted_at[i]).sum()
}
