//! Pinyin sort keys, with surname readings corrected.

use pinyin::ToPinyin;

use super::surname::{is_han, surname};

/// Surnames whose reading differs from the `pinyin` crate's default reading of the
/// character(s). Toneless, `ü` written `v`. Only used for the surname part of a name.
const SURNAME_READINGS: &[(&str, &[&str])] = &[
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("区", &["ou"]),
    ("朴", &["piao"]),
    ("查", &["zha"]),
    ("盖", &["ge"]),
    ("乐", &["yue"]),
    ("缪", &["miao"]),
    ("翟", &["zhai"]),
    ("覃", &["qin"]),
    ("柏", &["bai"]),
    ("秘", &["bi"]),
    ("种", &["chong"]),
    ("员", &["yun"]),
    ("召", &["shao"]),
    ("繁", &["po"]),
    ("隗", &["wei"]),
    ("阚", &["kan"]),
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("长孙", &["zhang", "sun"]),
    ("乐正", &["yue", "zheng"]),
    ("澹台", &["tan", "tai"]),
];

/// Toneless pinyin syllables of a name: the surname's corrected reading, then the
/// default reading of each other character. Runs of other letters or digits
/// (Latin names) become one lowercased token; whitespace and punctuation are dropped.
pub(crate) fn syllables(name: &str) -> Vec<String> {
    let name = name.trim();
    let sur = surname(name);
    let mut out = Vec::new();
    let rest = match SURNAME_READINGS.iter().find(|(s, _)| *s == sur) {
        Some((_, readings)) => {
            out.extend(readings.iter().map(|r| (*r).to_owned()));
            &name[sur.len()..]
        }
        None => name,
    };
    let mut word = String::new();
    for c in rest.chars() {
        if is_han(c) {
            flush(&mut word, &mut out);
            match c.to_pinyin() {
                Some(p) => out.push(p.plain().replace('ü', "v")),
                // A rare character the crate doesn't know: keep the character itself,
                // which sorts after every ASCII syllable.
                None => out.push(c.to_string()),
            }
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn flush(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(std::mem::take(word));
    }
}

pub(crate) fn pinyin_key(name: &str) -> String {
    // Syllables are joined by ' ' and the name follows after '\t'. Both sort below every
    // letter, so "li ming" < "lin" (syllable by syllable) and "li\t李" < "li ming".
    let mut key = syllables(name).join(" ");
    key.push('\t');
    key.push_str(name);
    key
}
