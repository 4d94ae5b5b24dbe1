//! Generated input: any date either lands as that exact day or is refused with nothing changed.

use proptest::prelude::*;

use crate::common::Env;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn an_activity_date_is_stored_exactly_or_refused(y in 2000i32..2030, m in 0u32..14, d in 0u32..33) {
        let e = Env::init();
        let date = format!("{y:04}-{m:02}-{d:02}");
        let valid = chrono::NaiveDate::from_ymd_opt(y, m, d).is_some();
        if valid {
            let id = e.ok(&["activity", "add", "other", "--date", &date, "--title", "t"]);
            prop_assert_eq!(id.trim(), "1");
            let stored: String = e
                .conn()
                .query_row("SELECT start_on FROM activity", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(stored, date);
        } else {
            let err = e.refuse(&["activity", "add", "other", "--date", &date, "--title", "t"], 2);
            prop_assert!(err.contains(&date), "{}", err);
        }
    }
}
