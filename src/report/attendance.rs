//! Attendance over a year: members × activities, and each member's rate counted only over the
//! activities they were due at.
//!
//! A member is *due* at an activity when they were serving on its date (joined_on inclusive,
//! left_on exclusive), for kinds meant for the standing committee only (`standing_only`) were on
//! the standing committee that day, and either the kind is one every member must attend
//! (`all_due`: the plenary, standing meetings) or the member is recorded for the activity
//! (invited). A member due at an `all_due` activity without an attendance row counts as due and
//! not attended ("未登记"), so gaps in the records show instead of raising the rate.
//! Present, late and left-early count as attended.

use std::collections::HashMap;

use crate::i18n::pick;
use crate::output::{Cell, Col, Listing};
use crate::store::reports::{YearActivity, YearMember};

use super::percent;

/// What one member's cell of one activity holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark<'a> {
    /// Not due and no row.
    NotDue,
    /// Due, no row.
    Missing,
    /// A row (due or not, e.g. a guest at a standing meeting).
    Status { status: &'a str, due: bool },
}

/// Counts behind a rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub due: i64,
    pub attended: i64,
    pub excused: i64,
    pub absent: i64,
    pub missing: i64,
}

impl Tally {
    fn add(&mut self, m: Mark) {
        match m {
            Mark::NotDue | Mark::Status { due: false, .. } => {}
            Mark::Missing => {
                self.due += 1;
                self.missing += 1;
            }
            Mark::Status { status, due: true } => {
                self.due += 1;
                match status {
                    s if crate::domain::service::attended_code(s) => self.attended += 1,
                    "excused" => self.excused += 1,
                    _ => self.absent += 1,
                }
            }
        }
    }

    pub fn plus(mut self, o: Tally) -> Tally {
        self.due += o.due;
        self.attended += o.attended;
        self.excused += o.excused;
        self.absent += o.absent;
        self.missing += o.missing;
        self
    }

    /// Attended / due in percent, one decimal.
    pub fn rate(&self) -> Cell {
        percent(self.attended, self.due)
    }
}

/// The year's members, activities and attendance rows.
pub struct Matrix {
    pub members: Vec<YearMember>,
    pub activities: Vec<YearActivity>,
    pub rows: HashMap<(i64, i64), String>,
}

impl Matrix {
    pub fn due(m: &YearMember, a: &YearActivity) -> bool {
        crate::domain::service::due_at(
            m.member_on(a.start_on),
            m.standing_on(a.start_on),
            a.standing_only,
        )
    }

    pub fn mark(&self, m: &YearMember, a: &YearActivity) -> Mark<'_> {
        mark_of(m, a, self.rows.get(&(a.id, m.id)).map(String::as_str))
    }

    /// A member's tally over activities passing `filter`.
    pub fn tally_member(&self, m: &YearMember, filter: impl Fn(&YearActivity) -> bool) -> Tally {
        let mut t = Tally::default();
        for a in self.activities.iter().filter(|a| filter(a)) {
            t.add(self.mark(m, a));
        }
        t
    }

    /// Tallies of every member, by member id.
    pub fn by_member(&self) -> HashMap<i64, Tally> {
        self.members
            .iter()
            .map(|m| (m.id, self.tally_member(m, |_| true)))
            .collect()
    }
}

/// What member `m`'s cell of activity `a` holds, given its status there (None: no row).
pub fn mark_of<'a>(m: &YearMember, a: &YearActivity, status: Option<&'a str>) -> Mark<'a> {
    let due = Matrix::due(m, a);
    match status {
        Some(s) => Mark::Status { status: s, due },
        None if due && a.all_due => Mark::Missing,
        None => Mark::NotDue,
    }
}

/// A member's tally over the activities `acts`, given its statuses there (one an activity).
pub fn tally_of(m: &YearMember, acts: &[YearActivity], statuses: &[Option<String>]) -> Tally {
    let mut t = Tally::default();
    for (a, s) in acts.iter().zip(statuses) {
        t.add(mark_of(m, a, s.as_deref()));
    }
    t
}

/// Adds a member's marks to each activity's tally (`tallies`, one an activity).
pub fn add_marks(tallies: &mut [Tally], m: &YearMember, acts: &[YearActivity], statuses: &[Option<String>]) {
    for ((t, a), s) in tallies.iter_mut().zip(acts).zip(statuses) {
        t.add(mark_of(m, a, s.as_deref()));
    }
}

fn mark_cell(m: Mark) -> Cell {
    match m {
        Mark::NotDue => Cell::Code("not_due", "—"),
        Mark::Missing => Cell::Code("missing", pick("未登记", "none")),
        Mark::Status { status, .. } => match status {
            "present" => Cell::Code("present", pick("出席", "P")),
            "excused" => Cell::Code("excused", pick("请假", "E")),
            "absent" => Cell::Code("absent", pick("缺席", "A")),
            "late" => Cell::Code("late", pick("迟到", "L")),
            "left_early" => Cell::Code("left_early", pick("早退", "D")),
            _ => Cell::Code("other", "?"),
        },
    }
}

/// The tally columns, after the counts they come from.
pub fn tally_cols() -> Vec<Col> {
    vec![
        Col::new("due", "应出席", "Due"),
        Col::new("attended", "出席", "Attended"),
        Col::new("excused", "请假", "Excused"),
        Col::new("absent", "缺席", "Absent"),
        Col::new("missing", "未登记", "Not recorded"),
        Col::new("rate", "出席率（%）", "Rate (%)"),
    ]
}

pub fn tally_cells(t: &Tally) -> Vec<Cell> {
    vec![
        Cell::Int(t.due),
        Cell::Int(t.attended),
        Cell::Int(t.excused),
        Cell::Int(t.absent),
        Cell::Int(t.missing),
        t.rate(),
    ]
}

/// The columns of the attendance matrix over the activities `acts`.
pub fn matrix_cols(acts: &[YearActivity]) -> Vec<Col> {
    let mut cols = vec![
        Col::new("code", "编号", "Code"),
        Col::new("name", "姓名", "Name"),
        Col::new("sector", "界别", "Sector"),
    ];
    for a in acts {
        cols.push(
            Col::owned(
                format!("a{}", a.id),
                format!("{} {}", a.start_on.format("%m-%d"), a.title),
                format!("{} {}", a.start_on.format("%m-%d"), a.title),
            )
            .in_group("marks", a.id.to_string())
            .optional(),
        );
    }
    cols.extend(tally_cols());
    cols
}

/// A member's row of the attendance matrix, given its statuses at the activities `acts`.
pub fn matrix_row(m: &YearMember, acts: &[YearActivity], statuses: &[Option<String>]) -> Vec<Cell> {
    let mut row = vec![Cell::text(&m.code), Cell::text(&m.name), Cell::text(&m.sector)];
    for (a, s) in acts.iter().zip(statuses) {
        row.push(mark_cell(mark_of(m, a, s.as_deref())));
    }
    row.extend(tally_cells(&tally_of(m, acts, statuses)));
    row
}

/// One row per activity kind: how many were held and the attendance over them, from each
/// activity's tally over all members (`tallies`, one an activity).
pub fn by_kind_of(acts: &[YearActivity], tallies: &[Tally]) -> Listing {
    let mut cols = vec![
        Col::new("kind", "活动类型", "Kind"),
        Col::new("held", "次数", "Held"),
    ];
    cols.extend(tally_cols());
    let mut l = Listing::new(cols);
    let mut kinds: Vec<(&str, &str, &str)> = Vec::new();
    for a in acts {
        if !kinds.iter().any(|k| k.0 == a.kind) {
            kinds.push((&a.kind, &a.kind_zh, &a.kind_en));
        }
    }
    for (code, zh, en) in kinds {
        let of: Vec<usize> = (0..acts.len()).filter(|&i| acts[i].kind == code).collect();
        let t = of.iter().fold(Tally::default(), |t, &i| t.plus(tallies[i]));
        let mut row = vec![
            Cell::Named(code.to_string(), pick(zh, en).to_string()),
            Cell::Int(of.len() as i64),
        ];
        row.extend(tally_cells(&t));
        l.push(row);
    }
    l
}
