//! The year of a record, a scheme or a report: 1949 to 2200, as the schema allows.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// A year within [`Year::MIN`]..=[`Year::MAX`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(i32);

impl Year {
    /// The first year a record may belong to.
    pub const MIN: i32 = 1949;
    /// The last year a record may belong to.
    pub const MAX: i32 = 2200;

    /// The year, when within range.
    pub fn new(y: i64) -> Option<Year> {
        (i64::from(Self::MIN)..=i64::from(Self::MAX))
            .contains(&y)
            .then_some(Year(y as i32))
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        self.0
    }

    /// Checks a year given in `field` (Chinese, English), as a usage error naming the range.
    pub fn check(field: (&str, &str), y: i64) -> Result<Year> {
        Year::new(y).ok_or_else(|| Error::usage(out_of_range(field, &y.to_string())))
    }

    /// Parses a year written in `field` (a flag or a column): digits, optionally followed by
    /// "年"; a usage error naming the field and the range otherwise.
    pub fn parse(field: (&str, &str), value: &str) -> Result<Year> {
        let v = value.trim();
        let digits = v.strip_suffix('年').unwrap_or(v).trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::usage(Text::new(
                format!("「{}」的年度「{}」无效：应为整数年份", field.0, value),
                format!("invalid {} '{}': a year is a whole number", field.1, value),
            )));
        }
        digits
            .parse::<i64>()
            .ok()
            .and_then(Year::new)
            .ok_or_else(|| Error::usage(out_of_range(field, value)))
    }
}

fn out_of_range(field: (&str, &str), value: &str) -> Text {
    Text::new(
        format!(
            "「{}」的年度「{}」超出范围：应在 {} 至 {} 年之间",
            field.0,
            value,
            Year::MIN,
            Year::MAX
        ),
        format!(
            "{} '{}' is out of range: a year is from {} to {}",
            field.1,
            value,
            Year::MIN,
            Year::MAX
        ),
    )
}

/// Why a `--year` argument did not parse; clap puts the flag and the value in front of it.
#[derive(Debug)]
pub struct YearArgError(Text);

impl fmt::Display for YearArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for YearArgError {}

impl FromStr for Year {
    type Err = YearArgError;

    fn from_str(s: &str) -> std::result::Result<Year, YearArgError> {
        let v = s.trim();
        match v.parse::<i64>() {
            Ok(y) => Year::new(y).ok_or_else(|| {
                YearArgError(text!(
                    "年度应在 {} 至 {} 年之间",
                    "a year is from {} to {}",
                    Year::MIN,
                    Year::MAX
                ))
            }),
            Err(_) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => Err(YearArgError(text!(
                "年度应在 {} 至 {} 年之间",
                "a year is from {} to {}",
                Year::MIN,
                Year::MAX
            ))),
            Err(_) => Err(YearArgError(text!(
                "应为整数年份，如 2022",
                "a year is a whole number such as 2022"
            ))),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: (&str, &str) = ("年度", "year");

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!(Year::new(1949).map(Year::get), Some(1949));
        assert_eq!(Year::new(2200).map(Year::get), Some(2200));
        assert_eq!(Year::new(1948), None);
        assert_eq!(Year::new(2201), None);
        assert_eq!(Year::new(i64::MAX), None);
        assert_eq!(Year::new(-2022), None);
    }

    #[test]
    fn from_str_explains_range_and_format() {
        assert_eq!("2022".parse::<Year>().unwrap().get(), 2022);
        assert_eq!(" 2022 ".parse::<Year>().unwrap().get(), 2022);
        let e = "300000".parse::<Year>().unwrap_err().0;
        assert!(e.zh.contains("1949") && e.zh.contains("2200"), "{e:?}");
        let e = "99999999999999999999999".parse::<Year>().unwrap_err().0;
        assert!(e.zh.contains("2200"), "{e:?}");
        let e = "abc".parse::<Year>().unwrap_err().0;
        assert!(e.zh.contains("整数"), "{e:?}");
        assert!("-5".parse::<Year>().is_err());
    }

    #[test]
    fn parse_names_the_field() {
        assert_eq!(Year::parse(F, "2022年").unwrap().get(), 2022);
        let e = Year::parse(("年度列", "year column"), "1800").unwrap_err();
        assert!(e.message.zh.contains("年度列") && e.message.zh.contains("1800"));
        assert!(e.message.zh.contains("1949 至 2200"));
        assert_eq!(e.exit_code(), 2);
        assert!(Year::parse(F, "二〇二二").is_err());
        assert!(Year::parse(F, "").is_err());
        assert!(Year::check(F, 2201).is_err());
    }
}
