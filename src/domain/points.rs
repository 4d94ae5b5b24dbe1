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
    Ok(v.to_string())
}

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
        for bad in ["", "abc", "1/0", "1.2.3", "--1", "1e3"] {
            assert!(parse_points(bad).is_err(), "{bad}");
        }
    }
}
