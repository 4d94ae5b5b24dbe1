//! The assessment by sector: members, mean and median total, grade distribution, attendance.

use std::collections::HashMap;

use crate::i18n::{Lang, lang};
use crate::output::{Cell, ChartSpec, Col, Listing};
use crate::scoring::{Assessment, Num};

use super::attendance::Tally;

/// Grades in order, best first (by the highest total that reached each), as (zh, en).
pub fn grades(a: &Assessment) -> Vec<(String, String)> {
    let mut best: Vec<(String, String, Num)> = Vec::new();
    for m in &a.members {
        if let Some(g) = &m.grade {
            match best.iter_mut().find(|b| b.0 == g.zh) {
                Some(b) => b.2 = b.2.max(m.total),
                None => best.push((g.zh.clone(), g.en.clone(), m.total)),
            }
        }
    }
    best.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| x.0.cmp(&y.0)));
    best.into_iter().map(|(z, e, _)| (z, e)).collect()
}

fn median(mut v: Vec<Num>) -> Option<Num> {
    if v.is_empty() {
        return None;
    }
    v.sort();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / Num::int(2)
    })
}

/// One row per sector (in the committee's sector order), then a total row. `tallies` gives each
/// member's attendance. The chart spec draws the grade distribution per sector.
pub fn by_sector(
    a: &Assessment,
    sector_order: &[String],
    tallies: &HashMap<i64, Tally>,
) -> (Listing, ChartSpec) {
    let grades = grades(a);
    let mut cols = vec![
        Col::new("sector", "界别", "Sector"),
        Col::new("members", "委员数", "Members"),
        Col::new("assessed", "参加考核", "Assessed"),
        Col::new("mean", "平均分", "Mean total").exact(),
        Col::new("median", "中位数", "Median total").exact(),
    ];
    let first_grade = cols.len();
    for (i, (zh, en)) in grades.iter().enumerate() {
        cols.push(Col::owned(format!("grade_{}", i + 1), zh.clone(), en.clone()).in_group("grades", zh));
    }
    cols.extend([
        Col::new("due", "应出席", "Due"),
        Col::new("attended", "出席", "Attended"),
        Col::new("rate", "出席率（%）", "Attendance (%)"),
    ]);
    let mut sectors: Vec<String> = sector_order
        .iter()
        .filter(|s| a.members.iter().any(|m| &m.sector == *s))
        .cloned()
        .collect();
    for m in &a.members {
        if !sectors.contains(&m.sector) {
            sectors.push(m.sector.clone());
        }
    }
    let mut l = Listing::new(cols);
    let row = |label: Cell, members: Vec<&crate::scoring::MemberResult>| {
        let assessed: Vec<Num> = members
            .iter()
            .filter(|m| m.eligibility.assessed)
            .map(|m| m.total)
            .collect();
        let mean = if assessed.is_empty() {
            Cell::Null
        } else {
            let sum: Num = assessed.iter().sum();
            Cell::points(sum / Num::int(assessed.len() as i64), a.decimals)
        };
        let mut row = vec![
            label,
            Cell::Int(members.len() as i64),
            Cell::Int(assessed.len() as i64),
            mean,
            median(assessed).map_or(Cell::Null, |n| Cell::points(n, a.decimals)),
        ];
        for (zh, _) in &grades {
            row.push(Cell::Int(
                members
                    .iter()
                    .filter(|m| m.grade_zh() == Some(zh.as_str()))
                    .count() as i64,
            ));
        }
        let t = members.iter().fold(Tally::default(), |t, m| {
            t.plus(tallies.get(&m.member_id).copied().unwrap_or_default())
        });
        row.extend([Cell::Int(t.due), Cell::Int(t.attended), t.rate()]);
        row
    };
    for s in &sectors {
        let ms = a.members.iter().filter(|m| &m.sector == s).collect();
        l.push(row(Cell::text(s), ms));
    }
    l.push(row(Cell::sum(), a.members.iter().collect()));
    let chart = ChartSpec {
        title: match lang() {
            Lang::Zh => "各界别考核等次分布".into(),
            Lang::En => "Grades by sector".into(),
        },
        category: 0,
        series: (first_grade..first_grade + grades.len()).collect(),
        skip_last: true,
    };
    (l, chart)
}
