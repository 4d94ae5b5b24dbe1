//! Phone numbers as offices write them: mobiles (13812345678, +86 138 1234 5678), landlines
//! (0349-1234567, (0349) 1234567) with an extension (转 123, ext. 12), several separated by
//! "/" or "、".

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::text;

/// Digits a number may have, country and area codes included.
const DIGITS: std::ops::RangeInclusive<usize> = 7..=20;

fn bad(value: &str, why: Text) -> Error {
    Error::usage(Text::new(
        format!(
            "「联系电话」的值「{}」无效：{}",
            super::limits::preview(value),
            why.zh
        ),
        format!(
            "invalid phone number '{}': {}",
            super::limits::preview(value),
            why.en
        ),
    ))
    .with_hint(text!(
        "写作 13812345678、0349-1234567、0349-1234567 转 123；多个号码用「/」或「、」隔开",
        "write 13812345678, 0349-1234567 or 0349-1234567 ext 123; separate several with '/'"
    ))
}

/// Splits off an extension: "转 123", "ext. 123", "x123", "#123".
fn split_extension(one: &str) -> (&str, Option<&str>) {
    let lower = one.to_ascii_lowercase();
    for mark in ["转", "ext.", "ext", "分机", "x", "#"] {
        if let Some(i) = lower.find(mark) {
            return (&one[..i], Some(&one[i + mark.len()..]));
        }
    }
    (one, None)
}

fn check_one(value: &str, one: &str) -> Result<()> {
    let (main, ext) = split_extension(one.trim());
    if let Some(ext) = ext {
        let ext = ext.trim().trim_start_matches([':', '：', '.']).trim();
        if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(
                value,
                text!("分机号应为 1 至 6 位数字", "an extension is 1 to 6 digits"),
            ));
        }
    }
    let main = main.trim();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）');
    let body = main.strip_prefix('+').unwrap_or(main);
    if let Some(c) = body.chars().find(|&c| !allowed(c)) {
        return Err(bad(
            value,
            text!(
                "含有「{}」；只能写数字、开头的 +、-、空格和括号",
                "it holds '{}'; use digits, a leading +, -, spaces and brackets only",
                c
            ),
        ));
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    if !DIGITS.contains(&digits.len()) {
        return Err(bad(
            value,
            text!(
                "有 {} 位数字，应为 {} 至 {} 位",
                "it has {} digits; a number has {} to {}",
                digits.len(),
                DIGITS.start(),
                DIGITS.end()
            ),
        ));
    }
    let national = if main.starts_with('+') {
        digits.strip_prefix("86").unwrap_or(&digits)
    } else {
        &digits
    };
    let b = national.as_bytes();
    if b.len() == 11 && b[0] == b'1' && !(b'3'..=b'9').contains(&b[1]) {
        return Err(bad(
            value,
            text!("手机号应以 13 至 19 开头", "a mobile number starts with 13 to 19"),
        ));
    }
    Ok(())
}

/// Checks a phone cell or argument; returns it trimmed. Several numbers may be given.
pub fn parse_phone(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(bad(value, text!("不能为空", "it is empty")));
    }
    if v.chars().count() > super::limits::TEXT_MAX {
        return Err(bad(value, text!("太长", "it is too long")));
    }
    let mut any = false;
    for one in v.split(['/', '、', ',', '，', ';', '；']) {
        if one.trim().is_empty() {
            continue;
        }
        any = true;
        check_one(value, one)?;
    }
    if !any {
        return Err(bad(value, text!("没有号码", "no number in it")));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn office_forms_pass() {
        for ok in [
            "13812345678",
            "+86 138 1234 5678",
            "+8613812345678",
            "138-1234-5678",
            "0349-1234567",
            "(0349) 1234567",
            "（0349）1234567",
            "0349-1234567 转 123",
            "0349-1234567-0",
            "0349 1234567 ext. 12",
            "1234567",
            "13812345678 / 0349-1234567",
            "13812345678、0349-1234567",
            "+1 (555) 123-4567 x89",
        ] {
            assert_eq!(parse_phone(ok).unwrap(), ok.trim(), "{ok}");
        }
    }

    #[test]
    fn bad_ones_say_why() {
        let why = |v: &str| parse_phone(v).unwrap_err().message.zh;
        assert!(why("abc").contains("含有「a」"), "{}", why("abc"));
        assert!(why("123456").contains("6 位数字"));
        assert!(why(&"1".repeat(21)).contains("21 位数字"));
        assert!(why("12812345678").contains("13 至 19"));
        assert!(why("0349-1234567 转 abc").contains("分机"));
        assert!(why("138+12345678").contains("含有「+」"));
        assert!(why("").contains("不能为空"));
        assert!(why(" / ").contains("没有号码"));
        assert_eq!(parse_phone("abc").unwrap_err().exit_code(), 2);
    }

    proptest! {
        #[test]
        fn never_panics_and_accepts_only_digits_in_range(s in ".{0,60}") {
            if let Ok(v) = parse_phone(&s) {
                prop_assert!(v.chars().any(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn any_mobile_passes(n in "1[3-9][0-9]{9}") {
            prop_assert!(parse_phone(&n).is_ok());
        }
    }
}
