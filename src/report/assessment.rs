//! The assessment as tables: the ranking, one member's explanation, a comparison of schemes.

use std::collections::HashMap;

use crate::i18n::{Lang, Text, lang};
use crate::output::{Cell, Col, Doc, Listing};
use crate::scoring::{Assessment, MemberResult, Num};
use crate::text;

fn t(x: &crate::scoring::Text) -> String {
    match lang() {
        Lang::Zh => x.zh.clone(),
        Lang::En => x.en.clone(),
    }
}

fn num(n: Num, decimals: u32) -> Cell {
    Cell::points(n, decimals)
}

/// A point value as shown in an explanation: rounded for display, with the exact fraction
/// beside it when rounding changed it; JSON gets the number at `decimals` and the fraction.
fn exact_num(n: Num, decimals: u32) -> Cell {
    for d in decimals..=decimals.max(4) {
        let shown = n.display(d);
        if Num::parse(&shown) == Some(n) {
            return Cell::Points {
                value: n,
                decimals,
                shown,
            };
        }
    }
    Cell::Points {
        value: n,
        decimals,
        shown: format!("{}（={}）", n.display(decimals.max(2)), n.exact()),
    }
}

/// A grade: its code is the band's Chinese name (what the rule file names it by).
fn grade(g: Option<&crate::scoring::Text>) -> Cell {
    g.map_or(Cell::Null, |g| Cell::Named(g.zh.clone(), t(g)))
}

/// Members in ranking order: assessed by rank (ties by surname strokes), then those not assessed.
pub fn ordered(a: &Assessment) -> Vec<&MemberResult> {
    let mut v: Vec<&MemberResult> = a.members.iter().collect();
    v.sort_by_cached_key(|m| {
        (
            !m.eligibility.assessed,
            m.rank.unwrap_or(u32::MAX),
            crate::names::stroke_key(&m.name),
            m.code.clone(),
        )
    });
    v
}

/// The member's flags, led by why they were not assessed (code `not_assessed`).
fn flags(m: &MemberResult) -> Cell {
    let mut parts: Vec<(String, String)> = m.flags.iter().map(|f| (f.key.clone(), t(&f.text))).collect();
    if !m.eligibility.assessed
        && let Some(r) = &m.eligibility.reason
    {
        parts.insert(0, ("not_assessed".to_string(), t(r)));
    }
    Cell::Codes(parts, crate::output::Sep::Semicolon)
}

/// The ranking: rank, code, name, sector, one column per category, total, grade, flags.
pub fn ranking(a: &Assessment) -> Listing {
    let show_parts = shown_parts(a);
    let mut l = Listing::new(ranking_cols(a, &show_parts));
    for m in ordered(a) {
        l.push(ranking_row(a, m, &show_parts));
    }
    l
}

/// The parts whose caps or floors changed some member's points: shown as columns.
pub fn shown_parts(a: &Assessment) -> Vec<usize> {
    (0..a.parts.len())
        .filter(|&i| {
            a.members
                .iter()
                .any(|m| m.part_adjustments.get(i).is_some_and(|p| !p.points.is_zero()))
        })
        .collect()
}

/// The JSON siblings of the ranking's columns, as its rows would give them: subtotals carry
/// exact points when some member was assessed.
pub fn ranking_extras(cols: &[Col], any_assessed: bool) -> Vec<crate::output::Extra> {
    use crate::output::Extra;
    cols.iter()
        .map(|c| match (c.extra, &c.group) {
            (Extra::None, Some(_)) if any_assessed => Extra::Exact,
            (e, _) => e,
        })
        .collect()
}

/// The ranking's columns, with the parts `show_parts`.
pub fn ranking_cols(a: &Assessment, show_parts: &[usize]) -> Vec<Col> {
    let mut cols = vec![
        Col::new("rank", "名次", "Rank"),
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
    ];
    for c in &a.categories {
        cols.push(
            Col::owned(c.key.clone(), c.name.zh.clone(), c.name.en.clone())
                .in_group("categories", &c.key)
                .optional(),
        );
    }
    for &i in show_parts {
        let p = &a.parts[i];
        cols.push(
            Col::owned(
                format!("{}_cap", p.key),
                format!("{}封顶", p.name.zh),
                format!("{} cap", p.name.en),
            )
            .in_group("part_adjustments", &p.key)
            .optional(),
        );
    }
    cols.extend([
        Col::new("total", "总分", "Total").exact(),
        Col::new("grade", "等次", "Grade").labelled(),
        Col::new("flags", "标记", "Flags"),
    ]);
    cols
}

/// A member's row of the ranking.
pub fn ranking_row(a: &Assessment, m: &MemberResult, show_parts: &[usize]) -> Vec<Cell> {
    {
        let mut row = vec![
            m.rank.map_or(Cell::Null, |r| Cell::Int(r.into())),
            Cell::text(&m.code),
            Cell::text(&m.name),
            Cell::text(&m.sector),
        ];
        for c in &a.categories {
            row.push(m.subtotal(&c.key).map_or(Cell::Null, |v| num(v, a.decimals)));
        }
        for &i in show_parts {
            row.push(
                m.part_adjustments
                    .get(i)
                    .map_or(Cell::Null, |p| num(p.points, a.decimals)),
            );
        }
        row.push(if m.eligibility.assessed {
            num(m.total, a.decimals)
        } else {
            Cell::Null
        });
        row.push(grade(m.grade.as_ref()));
        row.push(flags(m));
        row
    }
}

/// Every line that made a member's score, adding up to the total.
pub fn explain(a: &Assessment, m: &MemberResult) -> Doc {
    let mut cols = vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
    ];
    // The subtotals, as in the ranking; the table shows them as lines instead.
    for c in &a.categories {
        cols.push(
            Col::owned(c.key.clone(), c.name.zh.clone(), c.name.en.clone())
                .in_group("categories", &c.key)
                .json_only(),
        );
    }
    cols.extend(vec![
        Col::new("year", "年度", "Year"),
        Col::new("scheme", "考核办法", "Scheme").labelled(),
        Col::new("assessed", "参加考核", "Assessed"),
        Col::new("total", "总分", "Total"),
        Col::new("total_exact", "总分（精确值）", "Total (exact)"),
        Col::new("grade", "等次", "Grade").labelled(),
        Col::new("grade_note", "等次说明", "Grade note").label_only(),
        Col::new("rank", "名次", "Rank"),
        Col::new("flags", "标记", "Flags"),
    ]);
    let mut head = Listing::new(cols);
    let mut row = vec![Cell::text(&m.code), Cell::text(&m.name), Cell::text(&m.sector)];
    for c in &a.categories {
        row.push(m.subtotal(&c.key).map_or(Cell::Null, |v| num(v, a.decimals)));
    }
    row.extend(vec![
        Cell::Int(a.year.into()),
        Cell::Named(a.scheme.clone(), t(&a.title)),
        Cell::Bool(m.eligibility.assessed),
        Cell::Num(m.total.display(a.decimals)),
        Cell::Text(m.total.exact()),
        grade(m.grade.as_ref()),
        m.grade_note.as_ref().map_or(Cell::Null, |g| Cell::Text(t(g))),
        m.rank.map_or(Cell::Null, |r| Cell::Int(r.into())),
        flags(m),
    ]);
    head.push(row);
    let names: HashMap<&str, &crate::scoring::Text> = a
        .categories
        .iter()
        .chain(&a.parts)
        .map(|c| (c.key.as_str(), &c.name))
        .collect();
    let mut lines = Listing::new(vec![
        Col::new("category", "类别", "Category").labelled(),
        Col::new("item", "项目", "Item").labelled(),
        Col::new("record", "记录", "Record").labelled(),
        Col::new("rule", "规则", "Rule").label_only(),
        Col::new("points", "分值", "Points").exact(),
        Col::new("note", "说明", "Note").label_only(),
    ]);
    lines.sum_row = true;
    let mut sum = Num::zero();
    for line in &m.lines {
        sum += line.points;
        lines.push(vec![
            Cell::Named(
                line.category.clone(),
                names
                    .get(line.category.as_str())
                    .map_or(line.category.clone(), |n| t(n)),
            ),
            Cell::Named(line.item.clone().unwrap_or_default(), t(&line.item_name)),
            Cell::Ref {
                kind: line.source.kind.clone(),
                id: line.source.id,
                label: t(&line.source.label),
            },
            Cell::Text(t(&line.rule)),
            exact_num(line.points, a.decimals),
            line.note.as_ref().map_or(Cell::Null, |n| Cell::Text(t(n))),
        ]);
    }
    lines.push(vec![
        Cell::sum(),
        Cell::Null,
        Cell::Null,
        Cell::Null,
        exact_num(sum, a.decimals),
        Cell::Null,
    ]);
    let mut gates = Listing::new(vec![
        Col::new("gate", "基本要求", "Requirement").labelled(),
        Col::new("passed", "达到", "Met"),
    ]);
    for g in &m.gates {
        gates.push(vec![Cell::Named(g.key.clone(), t(&g.name)), Cell::Bool(g.passed)]);
    }
    let mut doc = Doc::default();
    doc.record("member", text!("{} 的履职得分", "Score of {}", m.name), head);
    doc.rows(
        "lines",
        text!("得分明细（逐条相加即为总分）", "Lines (they add up to the total)"),
        lines,
    );
    doc.rows_if_any("gates", text!("基本要求", "Minimum requirements"), gates);
    doc
}

/// How a draft scheme would change each member's total, grade and rank.
pub fn compare(old: &Assessment, new: &Assessment) -> Listing {
    let mut l = Listing::new(compare_cols());
    let before: HashMap<i64, Before> = old.members.iter().map(|m| (m.member_id, Before::of(m))).collect();
    let d = old.decimals.max(new.decimals);
    for m in ordered(new) {
        l.push(compare_row(before.get(&m.member_id), m, d));
    }
    l
}

/// What the comparison shows of a member's stored result.
#[derive(Clone, Debug)]
pub struct Before {
    pub assessed: bool,
    pub total: crate::scoring::Num,
    pub grade: Option<crate::scoring::Text>,
    pub rank: Option<u32>,
}

impl Before {
    pub fn of(m: &MemberResult) -> Before {
        Before {
            assessed: m.eligibility.assessed,
            total: m.total,
            grade: m.grade.clone(),
            rank: m.rank,
        }
    }
}

/// The comparison's columns.
pub fn compare_cols() -> Vec<Col> {
    vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("total_before", "原总分", "Total before").exact(),
        Col::new("total_after", "新总分", "Total after").exact(),
        Col::new("change", "变化", "Change").exact(),
        Col::new("grade_before", "原等次", "Grade before").labelled(),
        Col::new("grade_after", "新等次", "Grade after").labelled(),
        Col::new("rank_before", "原名次", "Rank before"),
        Col::new("rank_after", "新名次", "Rank after"),
    ]
}

/// A member's row of the comparison: `b` before, `m` after, points to `d` decimals.
pub fn compare_row(b: Option<&Before>, m: &MemberResult, d: u32) -> Vec<Cell> {
    let total = |assessed: bool, t| if assessed { num(t, d) } else { Cell::Null };
    let change = match b {
        Some(b) if b.assessed && m.eligibility.assessed => num(m.total - b.total, d),
        _ => Cell::Null,
    };
    let rank = |r: Option<u32>| r.map_or(Cell::Null, |x| Cell::Int(x.into()));
    vec![
        Cell::text(&m.code),
        Cell::text(&m.name),
        b.map_or(Cell::Null, |b| total(b.assessed, b.total)),
        total(m.eligibility.assessed, m.total),
        change,
        b.map_or(Cell::Null, |b| grade(b.grade.as_ref())),
        grade(m.grade.as_ref()),
        b.map_or(Cell::Null, |b| rank(b.rank)),
        rank(m.rank),
    ]
}

/// A one-line summary of the grade distribution, such as "优秀 12，良好 80，称职 100".
pub fn grade_summary(a: &Assessment) -> Text {
    // Grades in the order they first appear in the ranking. The ranking order begins with
    // (not assessed, rank): when every grade's best such pair differs, that pair orders the grades
    // without sorting every member by name; otherwise the ranking decides.
    let mut counts: Vec<(String, String, usize, (bool, u32))> = Vec::new();
    for m in &a.members {
        if let Some(g) = &m.grade {
            let first = (!m.eligibility.assessed, m.rank.unwrap_or(u32::MAX));
            match counts.iter_mut().find(|c| c.0 == g.zh) {
                Some(c) => {
                    c.2 += 1;
                    c.3 = c.3.min(first);
                }
                None => counts.push((g.zh.clone(), g.en.clone(), 1, first)),
            }
        }
    }
    counts.sort_by_key(|c| c.3);
    if counts.windows(2).any(|w| w[0].3 == w[1].3) {
        let order = ordered(a);
        let place = |zh: &str| {
            order
                .iter()
                .position(|m| m.grade.as_ref().is_some_and(|g| g.zh == zh))
        };
        counts.sort_by_cached_key(|c| place(&c.0));
    }
    let assessed = a.members.iter().filter(|m| m.eligibility.assessed).count();
    let not = a.members.len() - assessed;
    let counts = counts.into_iter().map(|c| (c.0, c.1, c.2)).collect();
    grade_words(counts, assessed, not)
}

/// The grade summary's words: grades (Chinese, English, count) in ranking order, and how many
/// members were and were not assessed.
pub fn grade_words(counts: Vec<(String, String, usize)>, assessed: usize, not: usize) -> Text {
    if counts.is_empty() {
        return Text::new(
            format!("参加考核 {assessed} 人，未参加 {not} 人"),
            format!("{assessed} assessed, {not} not assessed"),
        );
    }
    Text::new(
        format!(
            "参加考核 {assessed} 人，未参加 {not} 人；{}",
            counts
                .iter()
                .map(|c| format!("{} {}", c.0, c.2))
                .collect::<Vec<_>>()
                .join("，")
        ),
        format!(
            "{assessed} assessed, {not} not assessed; {}",
            counts
                .iter()
                .map(|c| format!("{} {}", c.1, c.2))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{Eligibility, Text as T};

    fn member(id: i64, name: &str, rank: Option<u32>, grade: Option<&str>) -> MemberResult {
        MemberResult {
            member_id: id,
            code: format!("P{id}"),
            name: name.into(),
            sector: String::new(),
            eligibility: Eligibility {
                assessed: rank.is_some(),
                reason: None,
            },
            subtotals: Vec::new(),
            part_adjustments: Vec::new(),
            total: Num::int(0),
            grade: grade.map(|g| T::new(g, format!("{g}-en"))),
            grade_note: None,
            gates: Vec::new(),
            flags: Vec::new(),
            rank,
            lines: Vec::new(),
        }
    }

    fn assessment(members: Vec<MemberResult>) -> Assessment {
        Assessment {
            scheme: String::new(),
            title: T::default(),
            year: 2024,
            decimals: 1,
            categories: Vec::new(),
            parts: Vec::new(),
            ranking_rule: T::default(),
            members,
        }
    }

    /// The summary as made before: grades counted while walking the whole ranking.
    fn by_ranking(a: &Assessment) -> String {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for m in ordered(a) {
            if let Some(g) = &m.grade {
                match counts.iter_mut().find(|c| c.0 == g.zh) {
                    Some(c) => c.1 += 1,
                    None => counts.push((g.zh.clone(), 1)),
                }
            }
        }
        counts
            .iter()
            .map(|c| format!("{} {}", c.0, c.1))
            .collect::<Vec<_>>()
            .join("，")
    }

    #[test]
    fn grade_summary_orders_grades_as_the_ranking_does() {
        // distinct best ranks: 优秀 (1) before 称职 (2) before 不称职 (5), members in any order
        let a = assessment(vec![
            member(1, "王五", Some(5), Some("不称职")),
            member(2, "李四", Some(2), Some("称职")),
            member(3, "张三", Some(1), Some("优秀")),
            member(4, "赵六", Some(2), Some("称职")),
            member(5, "钱七", None, None),
        ]);
        let s = grade_summary(&a);
        assert_eq!(s.zh, "参加考核 4 人，未参加 1 人；优秀 1，称职 2，不称职 1");
        assert!(s.zh.ends_with(&by_ranking(&a)));
        // tied at rank 1 with different grades (a failed gate): the ranking's name order decides
        // (丁, 2 strokes, before 王, 4 strokes), whatever the members' order
        for members in [
            vec![
                member(1, "王五", Some(1), Some("称职")),
                member(2, "丁一", Some(1), Some("优秀")),
            ],
            vec![
                member(2, "丁一", Some(1), Some("优秀")),
                member(1, "王五", Some(1), Some("称职")),
            ],
        ] {
            let a = assessment(members);
            let s = grade_summary(&a);
            assert_eq!(s.zh, "参加考核 2 人，未参加 0 人；优秀 1，称职 1");
            assert_eq!(s.en, "2 assessed, 0 not assessed; 优秀-en 1, 称职-en 1");
            assert!(s.zh.ends_with(&by_ranking(&a)));
        }
    }

    #[test]
    fn a_category_keyed_rank_does_not_overwrite_the_rank_in_json() {
        let mut m = member(1, "张三", Some(1), Some("优秀"));
        m.subtotals.push(crate::scoring::Subtotal {
            key: "rank".into(),
            name: T::new("名次分", "Rank points"),
            points: Num::frac(25, 6),
        });
        m.total = Num::frac(25, 6);
        let mut a = assessment(vec![m]);
        a.categories.push(crate::scoring::CategoryInfo {
            key: "rank".into(),
            name: T::new("名次分", "Rank points"),
            part: None,
            cap: None,
        });
        let row = &ranking(&a).json_rows()[0];
        assert_eq!(row["rank"], 1);
        assert_eq!(row["categories"]["rank"], 4.2);
        assert_eq!(row["total"], 4.2);
        assert_eq!(row["total_exact"], "25/6");
        assert_eq!(row["grade"], "优秀");
        assert_eq!(row["flags"], serde_json::json!([]));
    }
}
