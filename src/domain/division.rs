//! Administrative division codes (行政区划代码): a committee's identity in a roll-up.

use crate::error::{Error, Result};
use crate::text;

/// Checks a division code given with `flag`: exactly six ASCII digits, such as 140923 for
/// 代县. Surrounding spaces are dropped.
pub fn parse(flag: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(v.to_string());
    }
    Err(Error::usage(text!(
        "{} 的值「{}」不是行政区划代码：应为 6 位数字，如 140923（代县）",
        "{} '{}' is not an administrative division code: it must be six digits, such as 140923",
        flag,
        value
    ))
    .with_hint(text!(
        "写本级行政区划的 6 位代码，如 {} 140923",
        "give the six-digit code of the division, e.g. {} 140923",
        flag
    )))
}

/// Refuses a committee that would report to itself.
pub fn check_parent(code: Option<&str>, parent: Option<&str>) -> Result<()> {
    if let (Some(c), Some(p)) = (code, parent)
        && c == p
    {
        return Err(Error::usage(text!(
            "--parent 的值「{}」与本会代码相同：上级委员会的代码应不同于本会",
            "--parent '{}' is the committee's own code: the committee it reports to has another",
            p
        ))
        .with_hint(text!(
            "县级政协的上级通常是市级，如 140923 的上级为 140900",
            "a county committee usually reports to its city, e.g. 140923 to 140900"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_ascii_digits_only() {
        assert_eq!(parse("--code", " 140923 ").unwrap(), "140923");
        for bad in ["14092", "1409230", "14092x", "１４０９２３", "", "140 92"] {
            let e = parse("--code", bad).unwrap_err();
            assert!(e.message.zh.contains("--code"), "{bad}");
            assert!(e.message.zh.contains("6 位数字"), "{bad}");
        }
    }

    #[test]
    fn a_committee_does_not_report_to_itself() {
        assert!(check_parent(Some("140923"), Some("140923")).is_err());
        assert!(check_parent(Some("140923"), Some("140900")).is_ok());
        assert!(check_parent(None, Some("140900")).is_ok());
    }
}
