//! Names, codes and numbers as office lists write them: names padded for alignment (`曾　静`,
//! `曾  静`), full-width digits and letters (`Ｍ０００１`, `１３８…`). Each is reduced to the one
//! form that is stored and compared.

/// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space as plain ASCII.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// A code, ID or phone number: half-width, without surrounding spaces.
pub fn code(s: &str) -> String {
    halfwidth(s).trim().to_string()
}

/// An all-digit code without its leading zeros (`0001` → `1`, `000` → `0`): the value Excel
/// keeps when it turns such a code into a number. `None` for any other code.
pub fn code_value(code: &str) -> Option<&str> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = code.trim_start_matches('0');
    Some(if v.is_empty() { "0" } else { v })
}

/// A code as compared for near duplicates: letters in upper case, and the zeros leading every
/// run of digits dropped (`M0001`, `m01` and `M1` are one key).
pub fn code_key(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut in_digits = false;
    let chars: Vec<char> = code.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            let last_of_run = chars.get(i + 1).is_none_or(|n| !n.is_ascii_digit());
            if c == '0' && !in_digits && !last_of_run {
                continue;
            }
            in_digits = true;
        } else {
            in_digits = false;
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A person's name: spaces around it dropped, padding inside a Chinese name removed (`曾　静` →
/// `曾静`), and runs of spaces between Latin letters kept as one (`John  Smith` → `John Smith`).
pub fn name(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let before = chars[start - 1];
        let after = chars[i];
        if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_padding() {
        assert_eq!(name("曾　静"), "曾静");
        assert_eq!(name(" 李  四 "), "李四");
        assert_eq!(name("\u{3000}王芳\u{3000}"), "王芳");
        assert_eq!(name("欧阳 小 明"), "欧阳小明");
        assert_eq!(name("John   Smith"), "John Smith");
        assert_eq!(name("阿卜杜拉·艾买提"), "阿卜杜拉·艾买提");
        assert_eq!(name(""), "");
        assert_eq!(name("　"), "");
    }

    #[test]
    fn codes_and_numbers_become_half_width() {
        assert_eq!(code("Ｍ０００１"), "M0001");
        assert_eq!(code(" １３８１２３４５６７８ "), "13812345678");
        assert_eq!(code("11010519491231002ｘ"), "11010519491231002x");
        assert_eq!(halfwidth("（一）"), "(一)");
    }

    #[test]
    fn codes_compare_without_leading_zeros() {
        assert_eq!(code_value("0001"), Some("1"));
        assert_eq!(code_value("1"), Some("1"));
        assert_eq!(code_value("000"), Some("0"));
        assert_eq!(code_value("1020"), Some("1020"));
        assert_eq!(code_value("M0001"), None);
        assert_eq!(code_value(""), None);
        assert_eq!(code_key("M0001"), "M1");
        assert_eq!(code_key("m01"), "M1");
        assert_eq!(code_key("M1"), "M1");
        assert_eq!(code_key("M100"), "M100");
        assert_eq!(code_key("A01B002"), "A1B2");
        assert_eq!(code_key("0000"), "0");
        assert_eq!(code_key("2022-001"), "2022-1");
    }
}
