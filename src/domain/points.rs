//! Exact point values written by people: "2.5", "-3", "25/6".

use crate::error::{Error, Result};
use crate::text;

/// Checks and normalises an exact point value; never goes through a float.
pub fn parse_points(value: &str) -> Result<String> {
    let v = value.trim();
    let bad = || {
        Error::usage(text!(
            "「分值」的值「{}」无效：应为整数、小数或分数，如 5、-2.5、25/6",
            "invalid points '{}': write an integer, decimal or fraction such as 5, -2.5, 25/6",
            value
        ))
    };
    let body = v.strip_prefix('-').unwrap_or(v);
    let ok = if let Some((n, d)) = body.split_once('/') {
        is_digits(n) && is_digits(d) && !d.trim_start_matches('0').is_empty()
    } else if let Some((i, f)) = body.split_once('.') {
        is_digits(i) && is_digits(f)
    } else {
        is_digits(body)
    };
    if !ok {
        return Err(bad());
    }
    // Digits that matter (leading zeros aside) in each number written, so every sum of
    // adjustments stays exact.
    let significant = |s: &str| s.trim_start_matches('0').len();
    let (a, b) = body.split_once('/').unwrap_or((body, ""));
    let a_digits = significant(&a.replace('.', ""));
    let decimals = a.split_once('.').map_or(0, |(_, f)| f.len());
    if a_digits > MAX_DIGITS || decimals > MAX_DIGITS || significant(b) > MAX_DIGITS {
        return Err(Error::usage(text!(
            "「分值」的值「{}」无效：数字太大或太精细（每个数最多 {} 位有效数字）",
            "invalid points '{}': too large or too fine (at most {} significant digits a number)",
            value,
            MAX_DIGITS
        )));
    }
    Ok(v.to_string())
}

/// Significant digits a point value may have in its numerator or denominator.
pub const MAX_DIGITS: usize = 12;

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::parse_points;

    #[test]
    fn exact_forms() {
        for ok in ["5", "-2.5", "25/6", "0"] {
            assert_eq!(parse_points(ok).unwrap(), ok);
        }
        assert!(parse_points("999999999999").is_ok());
        assert!(parse_points("0.000000000001").is_ok());
        assert!(parse_points("1/999999999999").is_ok());
        let e = parse_points("99999999999999999999999999999999999999999").unwrap_err();
        assert!(e.message.zh.contains("太大或太精细"), "{}", e.message.zh);
        for bad in [
            "",
            "abc",
            "1/0",
            "1.2.3",
            "--1",
            "1e3",
            "9999999999999",
            "1/99999999999999999999999999999999999",
            "0.0000000000001",
        ] {
            assert!(parse_points(bad).is_err(), "{bad}");
        }
    }
}
