//! Splitting a full name into surname and given name.

/// Two-character surnames recognised by [`surname`](super::surname).
///
/// Compound surnames whose first character is itself a common single surname and
/// whose second character is a plausible given-name character are left out on
/// purpose (单于, 钟离, 左丘, 梁丘): 单于飞 is far more often 单 + 于飞.
pub(crate) const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
    "夏侯", "端木", "独孤", "南宫", "西门", "申屠", "百里", "呼延", "万俟", "轩辕", "澹台", "司空", "闻人",
    "赫连", "东郭", "淳于", "太史", "鲜于", "濮阳", "公冶", "公羊", "公西", "公良", "乐正", "拓跋", "第五",
    "东门", "南门", "巫马", "漆雕", "颛孙", "闾丘", "亓官", "司寇", "仲孙", "宗政", "羊舌", "谷梁", "段干",
    "宰父", "夹谷", "壤驷", "子车", "微生", "太叔",
];

/// True for CJK ideographs (URO, Extensions A–I, compatibility ideographs) and 〇.
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3007}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{323AF}'
    )
}

pub(crate) fn surname(name: &str) -> &str {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return name;
    };
    if !is_han(first) {
        // Latin or other scripts: no reliable split, so the whole name sorts as one unit.
        return name;
    }
    for compound in COMPOUND_SURNAMES {
        if let Some(rest) = name.strip_prefix(compound) {
            // A two-character name is never surname-only: 司马 alone is 司 + 马.
            if rest.chars().any(|c| !c.is_whitespace()) {
                return &name[..compound.len()];
            }
        }
    }
    &name[..first.len_utf8()]
}
