//! Dates as offices write them.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// Splits "2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日" into numeric parts.
fn parts(value: &str) -> Option<Vec<u32>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut last_sep: Option<char> = None;
    for c in v.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if matches!(c, '-' | '/' | '.' | '年' | '月' | '日') {
            if cur.is_empty() {
                return None;
            }
            out.push(cur.parse().ok()?);
            cur.clear();
            last_sep = Some(c);
        } else {
            return None;
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().ok()?);
    } else if !matches!(last_sep, Some('日' | '月')) {
        return None;
    }
    Some(out)
}

fn bad_date(field: (&str, &str), value: &str, why_zh: &str, why_en: &str) -> Error {
    Error::usage(Text::new(
        format!("「{}」的日期「{}」无效：{}", field.0, value, why_zh),
        format!("invalid {} '{}': {}", field.1, value, why_en),
    ))
    .with_hint(text!(
        "日期写作 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日",
        "write dates as 2022-03-05, 2022/3/5, 2022.3.5 or 2022年3月5日"
    ))
}

/// Parses a full calendar date; `field` is (Chinese, English) for the message.
pub fn parse_date(field: (&str, &str), value: &str) -> Result<NaiveDate> {
    let p = parts(value).ok_or_else(|| bad_date(field, value, "格式不对", "unrecognised format"))?;
    if p.len() != 3 || p[0] < 1900 || p[0] > 2200 {
        return Err(bad_date(field, value, "格式不对", "unrecognised format"));
    }
    NaiveDate::from_ymd_opt(p[0] as i32, p[1], p[2])
        .ok_or_else(|| bad_date(field, value, "这一天不存在", "no such day"))
}

/// Parses a birth date keeping the precision given: "1968", "1968.05", "1968年5月", "1968-05-12".
/// Returns the stored form: "1968", "1968-05" or "1968-05-12".
pub fn parse_birth(value: &str) -> Result<String> {
    let field = ("出生年月", "birth date");
    let p = parts(value).ok_or_else(|| bad_date(field, value, "格式不对", "unrecognised format"))?;
    let year = p[0];
    if !(1900..=2100).contains(&year) {
        return Err(bad_date(field, value, "年份不合理", "implausible year"));
    }
    match p.len() {
        1 => Ok(format!("{year:04}")),
        2 if (1..=12).contains(&p[1]) => Ok(format!("{year:04}-{:02}", p[1])),
        3 => NaiveDate::from_ymd_opt(year as i32, p[1], p[2])
            .map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| bad_date(field, value, "这一天不存在", "no such day")),
        _ => Err(bad_date(field, value, "格式不对", "unrecognised format")),
    }
}

/// Checks that `end` is not before `start`.
pub fn check_order(start: NaiveDate, end: NaiveDate) -> Result<()> {
    if end < start {
        return Err(Error::usage(text!(
            "结束日期 {} 早于开始日期 {}",
            "end date {} is before start date {}",
            end,
            start
        )));
    }
    Ok(())
}

/// Checks that the date of a later step (`later`, named (Chinese, English)) is not before the
/// date of the step it follows (`first`, named likewise).
pub fn check_after(first: (NaiveDate, (&str, &str)), later: (NaiveDate, (&str, &str))) -> Result<()> {
    if later.0 < first.0 {
        return Err(Error::usage(Text::new(
            format!("{} {} 早于{} {}", (later.1).0, later.0, (first.1).0, first.0),
            format!(
                "the {} {} is before the {} {}",
                (later.1).1,
                later.0,
                (first.1).1,
                first.0
            ),
        )));
    }
    Ok(())
}

/// First and last day of a year.
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year"),
        NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year"),
    )
}

/// Today's date in local time.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Year of a date.
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: (&str, &str) = ("日期", "date");

    #[test]
    fn a_later_step_names_both_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let sub = ("报送日期", "date submitted");
        let ad = ("采用日期", "date of adoption");
        let e = check_after((d("2022-04-01"), sub), (d("2022-03-01"), ad)).unwrap_err();
        assert_eq!(e.message.zh, "采用日期 2022-03-01 早于报送日期 2022-04-01");
        assert_eq!(
            e.message.en,
            "the date of adoption 2022-03-01 is before the date submitted 2022-04-01"
        );
        assert!(check_after((d("2022-04-01"), sub), (d("2022-04-01"), ad)).is_ok());
    }

    #[test]
    fn accepts_office_formats() {
        let d = NaiveDate::from_ymd_opt(2022, 3, 5).unwrap();
        for v in ["2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日", " 2022-3-5 "] {
            assert_eq!(parse_date(F, v).unwrap(), d, "{v}");
        }
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        let e = parse_date(F, "2022-02-30").unwrap_err();
        assert!(e.message.zh.contains("这一天不存在"));
        assert!(parse_date(F, "2022-13-01").is_err());
        assert!(parse_date(F, "yesterday").is_err());
        assert!(parse_date(F, "2022-03").is_err());
    }

    #[test]
    fn birth_keeps_precision() {
        assert_eq!(parse_birth("1968.05").unwrap(), "1968-05");
        assert_eq!(parse_birth("1968年5月").unwrap(), "1968-05");
        assert_eq!(parse_birth("1968").unwrap(), "1968");
        assert_eq!(parse_birth("1968-5-12").unwrap(), "1968-05-12");
        assert!(parse_birth("1968.13").is_err());
        assert!(parse_birth("1968-02-30").is_err());
    }
}
