//! Which changes reach into a finalised year. The same rules as the triggers of schema version
//! 3 (migrations/003-final-seal.sql), checked first by the commands so that they can say which
//! year and why:
//! - a member serves during year Y when joined on or before 31 December (or no date) and not
//!   left on or before 1 January;
//! - a member's code, sector or joining date reaches Y when the member serves during Y before
//!   or after the change; the leaving date or reason when the member serves during Y and the
//!   earlier of the old and new leaving dates is on or before 31 December of Y;
//! - a standing committee period reaches Y when its member serves during Y and the earliest date
//!   added, removed or changed is on or before 31 December of Y.

use chrono::NaiveDate;

use crate::domain::dates::year_bounds;
use crate::error::Error;
use crate::i18n::Text;
use crate::text;

/// A member's dates of service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    pub joined: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
}

impl Service {
    /// Whether the member serves at some time during `year`.
    pub fn serves_in(&self, year: i32) -> bool {
        let (first, last) = year_bounds(year);
        self.joined.is_none_or(|j| j <= last) && self.left.is_none_or(|l| l > first)
    }
}

/// The first of `years` (ascending) that a change of a member's record reaches: `old` and `new`
/// dates of service, whether the leaving reason changed, and whether the code or sector did.
/// `old` is `None` for a new member, `new` `None` for a removed one.
pub fn member_change(
    years: &[i32],
    old: Option<Service>,
    new: Option<Service>,
    reason_changed: bool,
    code_or_sector_changed: bool,
) -> Option<i32> {
    years.iter().copied().find(|&y| {
        let last = year_bounds(y).1;
        let serves = old.is_some_and(|s| s.serves_in(y)) || new.is_some_and(|s| s.serves_in(y));
        if !serves {
            return false;
        }
        let (Some(o), Some(n)) = (old, new) else {
            return true;
        };
        let left_changed = o.left != n.left || reason_changed;
        let earlier_left = o
            .left
            .unwrap_or(NaiveDate::MAX)
            .min(n.left.unwrap_or(NaiveDate::MAX));
        code_or_sector_changed || o.joined != n.joined || (left_changed && earlier_left <= last)
    })
}

/// The first of `years` a change of a standing committee period reaches: the earliest date
/// changed (`start` or `end` of the period added, removed or changed) on or before the end of a
/// year the member serves in.
pub fn standing_change(years: &[i32], member: Service, earliest_changed: NaiveDate) -> Option<i32> {
    years
        .iter()
        .copied()
        .find(|&y| member.serves_in(y) && earliest_changed <= year_bounds(y).1)
}

/// The refusal of a change (`what`) that reaches into the finalised `year`.
pub fn refused(year: i32, what: Text) -> Error {
    Error::data(Text::new(
        format!(
            "{year} 年度的履职考核已定稿：{}，会改变该年度的考核结果和报表，不能更改",
            what.zh
        ),
        format!(
            "the {year} assessment is final: {} would change that year's result and reports",
            what.en
        ),
    ))
    .with_hint(text!(
        "日期不会被自动调整。确需更正时，先用 lvzhi assess --year {} --supersede --reason 理由 撤销定稿（原结果保留），改正后重新定稿",
        "no date is moved for you. To correct it, first run `lvzhi assess --year {} --supersede --reason TEXT` (the old result is kept), then finalise again",
        year
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn served(joined: &str, left: Option<&str>) -> Service {
        Service {
            joined: Some(d(joined)),
            left: left.map(d),
        }
    }

    #[test]
    fn leaving_in_or_after_a_final_year() {
        let old = served("2021-10-01", None);
        let in_year = served("2021-10-01", Some("2022-03-01"));
        let after = served("2021-10-01", Some("2023-03-01"));
        assert_eq!(
            member_change(&[2022], Some(old), Some(in_year), true, false),
            Some(2022)
        );
        assert_eq!(member_change(&[2022], Some(old), Some(after), true, false), None);
        assert_eq!(
            member_change(&[2022], Some(after), Some(in_year), false, false),
            Some(2022)
        );
    }

    #[test]
    fn joining_dates_codes_and_sectors() {
        let old = served("2021-10-01", None);
        let moved = served("2021-11-01", None);
        assert_eq!(
            member_change(&[2022], Some(old), Some(moved), false, false),
            Some(2022)
        );
        assert_eq!(
            member_change(&[2022], Some(old), Some(old), false, true),
            Some(2022)
        );
        assert_eq!(
            member_change(&[2022], Some(old), Some(old), false, false),
            None,
            "a name"
        );
        let later = served("2023-02-01", None);
        assert_eq!(member_change(&[2022], None, Some(later), false, false), None);
        let undated = Service {
            joined: None,
            left: None,
        };
        assert_eq!(
            member_change(&[2022], None, Some(undated), false, false),
            Some(2022)
        );
        let gone = served("2019-01-01", Some("2021-06-01"));
        assert_eq!(member_change(&[2022], Some(gone), Some(gone), false, true), None);
    }

    #[test]
    fn standing_periods() {
        let m = served("2021-10-01", None);
        assert_eq!(standing_change(&[2022], m, d("2022-12-31")), Some(2022));
        assert_eq!(standing_change(&[2022], m, d("2023-01-01")), None);
        assert_eq!(
            standing_change(&[2022], served("2019-01-01", Some("2020-01-01")), d("2019-05-01")),
            None
        );
    }
}
