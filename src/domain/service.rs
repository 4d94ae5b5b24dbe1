//! Who serves when, who is due at an activity, and what counts as attending: the rules every
//! command, import, report and the scoring engine share.

use chrono::NaiveDate;

use super::codes::Status;

/// A member serves on `day` from the day they joined (inclusive) until the day they left
/// (exclusive); an unknown joining date counts as always.
pub fn serving_on(joined: Option<NaiveDate>, left: Option<NaiveDate>, day: NaiveDate) -> bool {
    joined.is_none_or(|j| j <= day) && left.is_none_or(|l| day < l)
}

/// A dated period (a standing-committee membership) holds `day`: start inclusive, end
/// exclusive, no end = still running.
pub fn within(start: NaiveDate, end: Option<NaiveDate>, day: NaiveDate) -> bool {
    start <= day && end.is_none_or(|e| day < e)
}

/// A member is due at an activity when serving on its first day and, for a standing-committee
/// activity, on the standing committee that day. Whether they were asked at all (a kind every
/// member must attend, or a row recorded for them) is the caller's second test.
pub fn due_at(serving: bool, standing: bool, standing_only: bool) -> bool {
    serving && (!standing_only || standing)
}

/// Statuses that count as attending: present, late and left early (an excused or an absent
/// member did not attend).
pub fn attended(status: Status) -> bool {
    matches!(status, Status::Present | Status::Late | Status::LeftEarly)
}

/// [`attended`] for a stored status code; an unknown code does not attend.
pub fn attended_code(code: &str) -> bool {
    Status::from_code(code).is_some_and(attended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, m, day).unwrap()
    }

    #[test]
    fn serving_starts_on_joining_and_ends_before_leaving() {
        assert!(serving_on(Some(d(3, 1)), None, d(3, 1)));
        assert!(!serving_on(Some(d(3, 1)), None, d(2, 28)));
        assert!(serving_on(None, Some(d(6, 30)), d(6, 29)));
        assert!(!serving_on(None, Some(d(6, 30)), d(6, 30)));
        assert!(within(d(1, 1), Some(d(7, 1)), d(6, 30)));
        assert!(!within(d(1, 1), Some(d(7, 1)), d(7, 1)));
    }

    #[test]
    fn due_and_attended() {
        assert!(due_at(true, false, false));
        assert!(!due_at(true, false, true));
        assert!(!due_at(false, true, false));
        assert!(attended_code("late") && attended_code("left_early") && attended_code("present"));
        assert!(!attended_code("excused") && !attended_code("absent") && !attended_code("x"));
    }
}
