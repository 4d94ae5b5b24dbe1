//! How long a name, a title or any other text may be, and how many half-days a record may
//! hold: the same limits for commands and imports.

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// Names of people, sectors, organisations and kinds; codes and numbers.
pub const NAME_MAX: usize = 50;
/// Titles of activities, proposals and reports; workplaces, job titles, places.
pub const TITLE_MAX: usize = 300;
/// Any other text: notes, reasons, purposes, lists of names, a spreadsheet cell.
pub const TEXT_MAX: usize = 2000;
/// Half-days of one activity (or attended at one): more than a year of full days.
pub const HALF_DAYS_MAX: i64 = 1000;

/// An activity's half-days when none are given: 1 for a one-day activity, 2 a day for a longer
/// one.
pub fn default_half_days(start: chrono::NaiveDate, end: chrono::NaiveDate) -> i64 {
    let days = (end - start).num_days() + 1;
    if days > 1 { days * 2 } else { 1 }
}

/// The limit for a field, by the key listings and imports use for it.
pub fn max_len(key: &str) -> usize {
    match key {
        "name" | "code" | "ethnicity" | "party" | "sector" | "org" | "organiser" | "leader" | "number"
        | "session" | "kind" | "gender" | "role" | "status" | "stage" | "type" | "level" | "satisfaction"
        | "leave_reason" | "id_number" | "phone" | "zh" | "en" => NAME_MAX,
        "title" | "location" | "workplace" | "handling_unit" | "unit" => TITLE_MAX,
        _ => TEXT_MAX,
    }
}

/// What a too-long value is called in a message: its first characters and its length.
pub fn preview(value: &str) -> String {
    let n = value.chars().count();
    if n <= 20 {
        value.to_string()
    } else {
        format!("{}…", value.chars().take(12).collect::<String>())
    }
}

fn too_long(field: (&str, &str), value: &str, max: usize) -> Text {
    let n = value.chars().count();
    Text::new(
        format!(
            "「{}」太长：{} 个字，最多 {} 个字（「{}」）",
            field.0,
            n,
            max,
            preview(value)
        ),
        format!(
            "{} is too long: {} characters, at most {} ('{}')",
            field.1,
            n,
            max,
            preview(value)
        ),
    )
}

/// Checks the length of `value` in characters; `field` is (Chinese, English) for the message.
pub fn check_len(field: (&str, &str), value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::usage(too_long(field, value, max)));
    }
    Ok(())
}

/// Why a command-line value was refused; clap names the flag in front of it.
#[derive(Debug)]
pub struct ArgError(Text);

impl std::fmt::Display for ArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ArgError {}

fn arg_within(value: &str, max: usize) -> std::result::Result<String, ArgError> {
    let n = value.chars().count();
    if n > max {
        return Err(ArgError(text!(
            "太长：{} 个字，最多 {} 个字",
            "too long: {} characters, at most {}",
            n,
            max
        )));
    }
    Ok(value.to_string())
}

/// A command-line name (clap value parser): at most [`NAME_MAX`] characters.
pub fn name_arg(value: &str) -> std::result::Result<String, ArgError> {
    arg_within(value, NAME_MAX)
}

/// A command-line title (clap value parser): at most [`TITLE_MAX`] characters.
pub fn title_arg(value: &str) -> std::result::Result<String, ArgError> {
    arg_within(value, TITLE_MAX)
}

/// Any other command-line text (clap value parser): at most [`TEXT_MAX`] characters.
pub fn text_arg(value: &str) -> std::result::Result<String, ArgError> {
    arg_within(value, TEXT_MAX)
}

/// Half-days attended, as typed ("3", "1.5"): a finite number from 0 to [`HALF_DAYS_MAX`].
pub fn parse_half_days(field: (&str, &str), value: &str) -> Result<f64> {
    let v = value.trim();
    let bad = |why: Text| {
        Error::usage(Text::new(
            format!("「{}」的值「{}」无效：{}", field.0, preview(value), why.zh),
            format!("invalid {} '{}': {}", field.1, preview(value), why.en),
        ))
    };
    // Only plain decimals: Rust also reads "NaN", "inf" and "1e3", which no clerk means.
    let plain = !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && v.bytes().filter(|&b| b == b'.').count() <= 1;
    let n: f64 = match v.parse() {
        Ok(n) if plain => n,
        _ => {
            return Err(bad(text!(
                "应为数字，如 2 或 1.5",
                "write a number such as 2 or 1.5"
            )));
        }
    };
    check_half_days(n).map_err(bad)
}

/// Checks a half-day count: finite, not negative, at most [`HALF_DAYS_MAX`].
pub fn check_half_days(n: f64) -> std::result::Result<f64, Text> {
    if !n.is_finite() || n < 0.0 || n > HALF_DAYS_MAX as f64 {
        return Err(text!("应在 0 至 {} 之间", "must be from 0 to {}", HALF_DAYS_MAX));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const F: (&str, &str) = ("半天数", "half-days");

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(check_len(("姓名", "name"), &"王".repeat(50), NAME_MAX).is_ok());
        let e = check_len(("姓名", "name"), &"王".repeat(51), NAME_MAX).unwrap_err();
        assert!(e.message.zh.contains("51 个字，最多 50 个字"), "{}", e.message.zh);
        assert_eq!(e.exit_code(), 2);
        let long = "x".repeat(200_000);
        let e = check_len(("姓名", "name"), &long, NAME_MAX).unwrap_err();
        assert!(e.message.zh.len() < 200, "the message quotes a preview only");
        assert!(name_arg(&long).is_err());
        assert!(title_arg(&"题".repeat(300)).is_ok());
        assert!(title_arg(&"题".repeat(301)).is_err());
        assert!(text_arg(&"注".repeat(2001)).is_err());
        assert_eq!(max_len("name"), NAME_MAX);
        assert_eq!(max_len("title"), TITLE_MAX);
        assert_eq!(max_len("note"), TEXT_MAX);
    }

    #[test]
    fn half_days_finite_and_bounded() {
        assert_eq!(parse_half_days(F, "3").unwrap(), 3.0);
        assert_eq!(parse_half_days(F, " 1.5 ").unwrap(), 1.5);
        assert_eq!(parse_half_days(F, "1000").unwrap(), 1000.0);
        for bad in [
            "NaN", "nan", "inf", "-inf", "infinity", "-1", "1001", "1e3", "1e400", "", "1.2.3", "0x10", "三",
        ] {
            let e = parse_half_days(F, bad).unwrap_err();
            assert!(e.message.zh.contains("半天数"), "{bad}: {}", e.message.zh);
        }
        assert!(check_half_days(f64::NAN).is_err());
        assert!(check_half_days(f64::INFINITY).is_err());
        assert!(check_half_days(-0.5).is_err());
    }

    proptest! {
        #[test]
        fn half_days_never_panic_and_stay_in_range(s in ".{0,40}") {
            if let Ok(n) = parse_half_days(F, &s) {
                prop_assert!(n.is_finite() && (0.0..=HALF_DAYS_MAX as f64).contains(&n));
            }
        }

        #[test]
        fn lengths_never_panic(s in ".{0,400}", max in 0usize..400) {
            let ok = check_len(F, &s, max).is_ok();
            prop_assert_eq!(ok, s.chars().count() <= max);
        }
    }
}
