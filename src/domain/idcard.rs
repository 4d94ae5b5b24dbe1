//! Resident ID numbers (GB 11643-1999).

use crate::error::{Error, Result};
use crate::i18n::Text;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// What an ID number tells: its normalised form, birth date and gender.
#[derive(Debug, PartialEq, Eq)]
pub struct IdInfo {
    pub number: String,
    pub birth: String,
    pub female: bool,
}

/// The check character for the first 17 digits of an ID number.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Validates an 18-character ID number, including the check digit.
pub fn validate(value: &str) -> Result<IdInfo> {
    let v = value.trim().to_ascii_uppercase();
    let bad = |zh: &str, en: &str| {
        Error::usage(Text::new(
            format!("「身份证号」的值「{}」无效：{zh}", super::mask::mask(value)),
            format!("invalid ID number '{}': {en}", super::mask::mask(value)),
        ))
    };
    let chars: Vec<char> = v.chars().collect();
    if chars.len() != 18
        || !chars[..17].iter().all(|c| c.is_ascii_digit())
        || !(chars[17].is_ascii_digit() || chars[17] == 'X')
    {
        return Err(bad(
            "应为 17 位数字加 1 位校验码（数字或 X）",
            "must be 17 digits and a check character (digit or X)",
        ));
    }
    let expected = check_char(&v[..17]);
    if chars[17] != expected {
        return Err(bad(
            &format!("校验码应为 {expected}，请核对号码"),
            &format!("the check character should be {expected}; check the number"),
        ));
    }
    let birth = format!("{}-{}-{}", &v[6..10], &v[10..12], &v[12..14]);
    if chrono::NaiveDate::parse_from_str(&birth, "%Y-%m-%d").is_err() {
        return Err(bad("其中的出生日期不存在", "its birth date does not exist"));
    }
    let female = chars[16].to_digit(10).unwrap().is_multiple_of(2);
    Ok(IdInfo {
        number: v,
        birth,
        female,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit() {
        let info = validate("11010519491231002x").unwrap();
        assert_eq!(info.number, "11010519491231002X");
        assert_eq!(info.birth, "1949-12-31");
        assert!(info.female);
        // Weighted sum of 11010519491231002 is 167 (hand-computed); 167 mod 11 = 2 -> 'X'.
        let e = validate("110105194912310021").unwrap_err();
        assert!(e.message.zh.contains("校验码应为 X"));
        assert!(validate("12345").is_err());
    }
}
