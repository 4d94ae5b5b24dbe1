//! Property tests: every parser of typed or imported values refuses what it cannot read with
//! an error, never a panic, and what it accepts is within its bounds. Cases: 256 by default,
//! more with `PROPTEST_CASES`.

use proptest::prelude::*;

use super::year::Year;
use super::{dates, idcard, limits, money, phone, points};

/// Text shaped like what clerks type into cells: digits, separators, units, CJK, signs,
/// letters, whitespace; and any text at all.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9年月日元万,，.:/ +\\-*xX()（）转]{0,24}",
        "[0-9]{0,20}",
        "[0-9]{17}[0-9Xx]",
        "1[0-9]{10}",
        "-?[0-9]{1,40}(\\.[0-9]{0,40})?(/[0-9]{1,40})?",
        ".{0,40}",
    ]
}

proptest! {
    #[test]
    fn dates_never_panic(s in cell_text()) {
        if let Ok(d) = dates::parse_date(("日期", "date"), &s) {
            prop_assert!((1900..=2200).contains(&chrono::Datelike::year(&d)));
        }
        let _ = dates::parse_birth(&s);
    }

    #[test]
    fn amounts_never_panic_and_are_positive(s in cell_text()) {
        if let Ok(fen) = money::parse_yuan(&s) {
            prop_assert!(fen > 0);
        }
    }

    #[test]
    fn id_numbers_never_panic(s in cell_text()) {
        if let Ok(info) = idcard::validate(&s) {
            prop_assert_eq!(info.number.chars().count(), 18);
        }
    }

    #[test]
    fn points_phone_year_half_days_never_panic(s in cell_text()) {
        let _ = points::parse_points(&s);
        let _ = crate::scoring::Num::parse(&s);
        if let Ok(p) = phone::parse_phone(&s) {
            prop_assert!(p.chars().filter(char::is_ascii_digit).count() >= 7);
        }
        if let Ok(y) = Year::parse(("年度", "year"), &s) {
            prop_assert!((Year::MIN..=Year::MAX).contains(&y.get()));
        }
        if let Ok(y) = s.parse::<Year>() {
            prop_assert!((Year::MIN..=Year::MAX).contains(&y.get()));
        }
        if let Ok(h) = limits::parse_half_days(("半天数", "half-days"), &s) {
            prop_assert!(h.is_finite() && (0.0..=limits::HALF_DAYS_MAX as f64).contains(&h));
        }
    }

    #[test]
    fn checked_points_read_back_exactly(s in "-?[0-9]{1,30}(\\.[0-9]{1,20})?") {
        // Whatever parse_points accepts, the exact arithmetic reads (or refuses) without panic.
        if let Ok(p) = points::parse_points(&s) {
            let _ = crate::scoring::Num::parse(&p).map(|n| n.exact());
        }
    }
}
