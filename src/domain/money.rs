//! Sums of money as offices write them: "500", "1,200.50", "1200元", "0.5万元".

use crate::error::{Error, Result};
use crate::text;

/// Parses an amount in yuan into whole fen (0.01 yuan), exactly (never through a float).
/// Accepts thousands separators (`,` or `，`), a trailing 元, and 万 / 万元 for ten thousand.
pub fn parse_yuan(value: &str) -> Result<i64> {
    let bad = || {
        Error::usage(text!(
            "「金额」的值「{}」无效：应为大于 0 的金额（元），最多两位小数，如 500、1200.50、0.5万",
            "invalid amount '{}': write a sum in yuan above 0 with at most two decimals, such as 500, 1200.50, 0.5万",
            value
        ))
    };
    let v: String = value.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    let v = v.strip_suffix('元').unwrap_or(&v).trim_end();
    let (v, scale) = match v.strip_suffix('万') {
        Some(rest) => (rest.trim_end(), 10_000i64),
        None => (v, 1),
    };
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || int.len() > 12 {
        return Err(bad());
    }
    // Fen per unit written, and how many decimals that unit allows.
    let unit_fen = scale * 100;
    let allowed = if scale == 1 { 2 } else { 6 };
    if frac.len() > allowed {
        return Err(bad());
    }
    let int: i64 = int.parse().map_err(|_| bad())?;
    let frac_fen = if frac.is_empty() {
        0
    } else {
        let f: i64 = frac.parse().map_err(|_| bad())?;
        f * unit_fen / 10i64.pow(frac.len() as u32)
    };
    let fen = int
        .checked_mul(unit_fen)
        .and_then(|x| x.checked_add(frac_fen))
        .ok_or_else(bad)?;
    if fen <= 0 {
        return Err(bad());
    }
    if fen > MAX_FEN {
        return Err(Error::usage(text!(
            "「金额」的值「{}」太大：一笔最多 {} 元",
            "amount '{}' is too large: at most {} yuan a donation",
            value,
            MAX_FEN / 100
        )));
    }
    Ok(fen)
}

/// The largest single amount, in fen: ten billion yuan (一百亿元).
pub const MAX_FEN: i64 = 1_000_000_000_000;

/// Fen as yuan with two decimals: 9260000 → "92600.00". Sums are given as `i128`, so adding
/// any number of stored amounts never overflows.
pub fn yuan(fen: impl Into<i128>) -> String {
    let fen: i128 = fen.into();
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    format!("{sign}{}.{:02}", f / 100, f % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_forms() {
        assert_eq!(parse_yuan("500").unwrap(), 50_000);
        assert_eq!(parse_yuan("1,200.5").unwrap(), 120_050);
        assert_eq!(parse_yuan("1，200.05元").unwrap(), 120_005);
        assert_eq!(parse_yuan("0.5万").unwrap(), 500_000);
        assert_eq!(parse_yuan("9.26万元").unwrap(), 9_260_000);
        assert_eq!(parse_yuan("0.01").unwrap(), 1);
        assert_eq!(parse_yuan(" 5 元").unwrap(), 500);
        assert_eq!(
            parse_yuan("100亿".replace("亿", "0000万").as_str()).unwrap(),
            MAX_FEN
        );
        assert!(parse_yuan("10000000000.01").is_err());
        assert!(parse_yuan("9999999999.99万").is_err());
        assert_eq!(yuan(i128::from(i64::MAX) * 3), "276701161105643274.21");
    }

    #[test]
    fn refused() {
        for bad in [
            "",
            "0",
            "-5",
            "1.234",
            "abc",
            "1.2.3",
            "5 5",
            "1e3",
            "0.0000001万",
            "9999999999999",
        ] {
            assert!(parse_yuan(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shown_with_two_decimals() {
        assert_eq!(yuan(9_260_000), "92600.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(0), "0.00");
    }
}
