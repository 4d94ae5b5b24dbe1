//! The assessment by sector: members, mean and median total, grade distribution, attendance.

use std::collections::HashMap;

use crate::i18n::{Lang, lang};
use crate::output::{Cell, ChartSpec, Col, Listing};
use crate::scoring::{Assessment, MemberResult, Num};

use super::attendance::Tally;

/// Grades in order, best first (by the highest total that reached each), as (zh, en).
pub fn grades(a: &Assessment) -> Vec<(String, String)> {
    let mut s = BySector::new(&[]);
    for m in &a.members {
        s.add(m, Tally::default());
    }
    s.grades()
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

/// The counts of one sector (or of all).
#[derive(Default)]
struct Counts {
    members: i64,
    assessed: i64,
    sum: Num,
    /// Members by grade (its Chinese name), in the order first met.
    grades: Vec<(String, i64)>,
    tally: Tally,
}

impl Counts {
    fn add(&mut self, m: &MemberResult, t: Tally) {
        self.members += 1;
        if m.eligibility.assessed {
            self.assessed += 1;
            self.sum += m.total;
        }
        if let Some(g) = m.grade_zh() {
            match self.grades.iter_mut().find(|x| x.0 == g) {
                Some(x) => x.1 += 1,
                None => self.grades.push((g.to_string(), 1)),
            }
        }
        self.tally = self.tally.plus(t);
    }
}

/// The assessment summed up by sector as its members' results come, one at a time in the order
/// of their member ids: what is held is a few counts a sector.
pub struct BySector {
    order: Vec<String>,
    /// Each grade's names and the highest total that reached it, in the order first met.
    best: Vec<(String, String, Num)>,
    sectors: Vec<(String, Counts)>,
    all: Counts,
}

impl BySector {
    /// Sums to come, the sectors listed in the committee's `sector_order` (others after them,
    /// in the order met).
    pub fn new(sector_order: &[String]) -> BySector {
        BySector {
            order: sector_order.to_vec(),
            best: Vec::new(),
            sectors: Vec::new(),
            all: Counts::default(),
        }
    }

    /// Counts member `m`, whose attendance tally is `t`.
    pub fn add(&mut self, m: &MemberResult, t: Tally) {
        if let Some(g) = &m.grade {
            match self.best.iter_mut().find(|b| b.0 == g.zh) {
                Some(b) => b.2 = b.2.max(m.total),
                None => self.best.push((g.zh.clone(), g.en.clone(), m.total)),
            }
        }
        let i = match self.sectors.iter().position(|s| s.0 == m.sector) {
            Some(i) => i,
            None => {
                self.sectors.push((m.sector.clone(), Counts::default()));
                self.sectors.len() - 1
            }
        };
        self.sectors[i].1.add(m, t);
        self.all.add(m, t);
    }

    /// Grades in order, best first, as (zh, en).
    pub fn grades(&self) -> Vec<(String, String)> {
        let mut best = self.best.clone();
        best.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| x.0.cmp(&y.0)));
        best.into_iter().map(|(z, e, _)| (z, e)).collect()
    }

    /// How many members of each sector (by name) were assessed, and of all.
    pub fn assessed(&self) -> (HashMap<String, i64>, i64) {
        let by = self
            .sectors
            .iter()
            .map(|(s, c)| (s.clone(), c.assessed))
            .collect();
        (by, self.all.assessed)
    }

    /// One row per sector (in the committee's sector order), then a total row; `medians` gives
    /// each sector's median total (of the assessed), and `all` the median of all. The chart
    /// spec draws the grade distribution per sector.
    pub fn listing(
        self,
        decimals: u32,
        medians: &HashMap<String, Num>,
        all: Option<Num>,
    ) -> (Listing, ChartSpec) {
        let grades = self.grades();
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
        let mut l = Listing::new(cols);
        let row = |label: Cell, c: &Counts, median: Option<Num>| {
            let mean = if c.assessed == 0 {
                Cell::Null
            } else {
                Cell::points(c.sum / Num::int(c.assessed), decimals)
            };
            let mut row = vec![
                label,
                Cell::Int(c.members),
                Cell::Int(c.assessed),
                mean,
                median.map_or(Cell::Null, |n| Cell::points(n, decimals)),
            ];
            for (zh, _) in &grades {
                let n = c.grades.iter().find(|g| &g.0 == zh).map_or(0, |g| g.1);
                row.push(Cell::Int(n));
            }
            row.extend([
                Cell::Int(c.tally.due),
                Cell::Int(c.tally.attended),
                c.tally.rate(),
            ]);
            row
        };
        let mut sectors: Vec<&(String, Counts)> = (self.order.iter())
            .filter_map(|s| self.sectors.iter().find(|x| &x.0 == s))
            .collect();
        for s in &self.sectors {
            if !self.order.contains(&s.0) {
                sectors.push(s);
            }
        }
        for (s, c) in sectors {
            let median = if c.assessed == 0 {
                None
            } else {
                medians.get(s).copied()
            };
            l.push(row(Cell::text(s), c, median));
        }
        l.push(row(Cell::sum(), &self.all, all));
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
}

/// Gives values in order to the function it is handed until that returns false.
pub type InOrder<'a> = dyn FnMut(&mut dyn FnMut(Num) -> bool) -> crate::error::Result<()> + 'a;

/// The median of `n` values that `each` gives in order (either way) until told to stop,
/// holding none of them.
pub fn median_of(n: i64, each: &mut InOrder) -> crate::error::Result<Option<Num>> {
    if n == 0 {
        return Ok(None);
    }
    let (lo, hi) = ((n - 1) / 2, n / 2);
    let (mut at, mut a, mut b) = (0i64, None, None);
    each(&mut |v| {
        if at == lo {
            a = Some(v);
        }
        if at == hi {
            b = Some(v);
        }
        at += 1;
        at <= hi
    })?;
    Ok(a.zip(b).map(|(a, b)| (a + b) / Num::int(2)))
}

/// One row per sector (in the committee's sector order), then a total row. `tallies` gives each
/// member's attendance. The chart spec draws the grade distribution per sector.
pub fn by_sector(
    a: &Assessment,
    sector_order: &[String],
    tallies: &HashMap<i64, Tally>,
) -> (Listing, ChartSpec) {
    let mut s = BySector::new(sector_order);
    let mut totals: HashMap<&str, Vec<Num>> = HashMap::new();
    for m in &a.members {
        s.add(m, tallies.get(&m.member_id).copied().unwrap_or_default());
        if m.eligibility.assessed {
            totals.entry(&m.sector).or_default().push(m.total);
        }
    }
    let all = median(
        a.members
            .iter()
            .filter(|m| m.eligibility.assessed)
            .map(|m| m.total)
            .collect(),
    );
    let medians = (totals.into_iter())
        .filter_map(|(k, v)| Some((k.to_string(), median(v)?)))
        .collect();
    s.listing(a.decimals, &medians, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(v: &[i64]) -> impl FnMut(&mut dyn FnMut(Num) -> bool) -> crate::error::Result<()> + '_ {
        move |f| {
            for &x in v {
                if !f(Num::int(x)) {
                    break;
                }
            }
            Ok(())
        }
    }

    #[test]
    fn the_median_in_order_is_the_median_of_the_values() {
        for v in [vec![9, 7, 7, 3], vec![9, 8, 1], vec![5], vec![10, 4]] {
            let got = median_of(v.len() as i64, &mut given(&v)).unwrap();
            assert_eq!(got, median(v.iter().map(|x| Num::int(*x)).collect()), "{v:?}");
        }
        assert_eq!(median_of(0, &mut given(&[])).unwrap(), None);
        assert_eq!(
            median_of(2, &mut given(&[3, 2])).unwrap(),
            Some(Num::int(5) / Num::int(2))
        );
    }
}
