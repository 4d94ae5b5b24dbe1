//! Sorting members' names the way official Chinese lists do.
//!
//! * [`stroke_key`]: 按姓氏笔画 — by the surname's stroke count, then by its stroke
//!   classes in the order 横 竖 撇 点 折 (first stroke, then the following ones),
//!   then the given name the same way, character by character.
//! * [`pinyin_key`]: by toneless pinyin, with surname readings corrected (曾 zeng, 单 shan …).
//! * [`surname`]: the surname of a full name, including two-character surnames.
//!
//! Stroke data comes from `data/strokes.tsv` (see `data/README.md`): full stroke
//! sequences for about 6,900 common characters, and Unihan stroke counts for the
//! rest of the CJK Unified Ideographs and Extension A.

mod reading;
mod surname;
mod table;
#[cfg(test)]
mod tests;

use surname::is_han;

/// Sort key for 按姓氏笔画 ordering; compare keys with `Ord`.
///
/// Order: the surname (a two-character surname compared character by character), then
/// the given name character by character; each character by (stroke count, stroke-class
/// sequence). Ties are broken by [`pinyin_key`], then by the name's code points.
/// Characters missing from the table sort after known ones (by code point), and names
/// that don't start with a Chinese character sort after all Chinese names.
/// Whitespace inside a name (`王　芳`, padded for alignment) is ignored by the stroke part.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StrokeKey {
    surname: Vec<CharKey>,
    given: Vec<CharKey>,
    pinyin: String,
    name: String,
}

/// One character's place in stroke order. Variant order matters: the derived `Ord`
/// puts table characters first, then other Chinese characters, then everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CharKey {
    Known { count: u8, classes: Classes },
    UnknownHan(char),
    Other(char),
}

/// Within one stroke count, characters with a known sequence come first, ordered by
/// the sequence; count-only characters follow (and tie among themselves).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Classes {
    Sequence(&'static str),
    CountOnly,
}

fn char_key(c: char) -> CharKey {
    match table::lookup(c) {
        Some(e) => CharKey::Known {
            count: e.count,
            classes: e.classes.map_or(Classes::CountOnly, Classes::Sequence),
        },
        None if is_han(c) => CharKey::UnknownHan(c),
        None => CharKey::Other(c),
    }
}

fn char_keys(s: &str) -> Vec<CharKey> {
    s.chars().filter(|c| !c.is_whitespace()).map(char_key).collect()
}

/// [`stroke_key`] as bytes that compare in the same order (then `code`), a few dozen bytes a
/// name: for ordering hundreds of thousands of names at once.
pub fn stroke_bytes(name: &str, code: &str) -> Box<[u8]> {
    let k = stroke_key(name);
    let mut out = Vec::with_capacity(
        4 * (k.surname.len() + k.given.len()) + k.pinyin.len() + k.name.len() + code.len() + 8,
    );
    // each key self-delimiting, a list ending in 0 (below every key's first byte): the order of
    // the lists is the order of the keys, element by element, a shorter list first
    for keys in [&k.surname, &k.given] {
        for c in keys {
            match c {
                CharKey::Known { count, classes } => {
                    out.extend([1, *count]);
                    match classes {
                        Classes::Sequence(seq) => {
                            out.push(1);
                            out.extend(seq.bytes().map(|b| b.max(1)));
                            out.push(0);
                        }
                        Classes::CountOnly => out.push(2),
                    }
                }
                CharKey::UnknownHan(ch) => {
                    out.push(2);
                    out.extend((*ch as u32).to_be_bytes());
                }
                CharKey::Other(ch) => {
                    out.push(3);
                    out.extend((*ch as u32).to_be_bytes());
                }
            }
        }
        out.push(0);
    }
    // texts end in 0, below every byte of a name, its reading or a code
    for text in [k.pinyin.as_str(), k.name.as_str(), code] {
        out.extend(text.bytes().map(|b| b.max(1)));
        out.push(0);
    }
    out.into_boxed_slice()
}

/// Sort key for 按姓氏笔画 ordering; compare keys with Ord.
pub fn stroke_key(name: &str) -> StrokeKey {
    let trimmed = name.trim();
    let sur = surname(trimmed);
    StrokeKey {
        surname: char_keys(sur),
        given: char_keys(&trimmed[sur.len()..]),
        pinyin: pinyin_key(name),
        name: name.to_owned(),
    }
}

/// Sort key by pinyin (surname readings corrected), then by the name itself.
///
/// The key is the toneless lowercase syllables joined by spaces (`ü` as `v`), a tab,
/// then the name, so names compare syllable by syllable: 李明 (`li ming`) < 林一 (`lin yi`).
pub fn pinyin_key(name: &str) -> String {
    reading::pinyin_key(name)
}

/// The surname of a full name (handles common two-character surnames: 欧阳 司马 诸葛 上官
/// 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 端木 独孤 南宫 西门 申屠 百里 呼延 …).
///
/// Leading and trailing whitespace is ignored. A name that doesn't start with a Chinese
/// character is returned whole, and an empty name gives `""`.
pub fn surname(name: &str) -> &str {
    surname::surname(name)
}

/// Total stroke count of a character, if the table knows it.
pub fn stroke_count(c: char) -> Option<u8> {
    table::lookup(c).map(|e| e.count)
}
