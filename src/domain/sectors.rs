//! Sector names as offices write them: each standard sector with its usual short and full
//! names, and the closest known name for one that is not known.

/// The names one sector goes by, the first being the name `init --sectors standard` gives it.
pub const ALIASES: &[&[&str]] = &[
    &["中国共产党", "中共", "共产党", "中共界"],
    &["民革", "中国国民党革命委员会", "国民党革命委员会"],
    &["民盟", "中国民主同盟", "民主同盟"],
    &["民建", "中国民主建国会", "民主建国会"],
    &["民进", "中国民主促进会", "民主促进会"],
    &["农工党", "中国农工民主党", "农工民主党"],
    &["致公党", "中国致公党"],
    &["九三学社", "九三"],
    &["台盟", "台湾民主自治同盟"],
    &["无党派人士", "无党派", "无党派界"],
    &["共青团", "中国共产主义青年团", "共青团界"],
    &["工会", "总工会", "工会界"],
    &["妇联", "妇女联合会", "妇联界"],
    &["工商联", "工商业联合会", "工商联界"],
    &["科协", "科学技术协会", "科协界"],
    &["台联", "台湾同胞联谊会", "台联界"],
    &["青联", "青年联合会", "青联界"],
    &["侨联", "归国华侨联合会", "侨联界"],
    &["科学技术界", "科技界"],
    &["文化艺术界", "文艺界"],
    &["教育界", "教育"],
    &["医药卫生界", "医卫界", "医药卫生"],
    &["经济界", "经济"],
    &["农业界", "农业和农村界", "农业农村界"],
    &[
        "社会福利和社会保障界",
        "社会福利界",
        "社福界",
        "社会福利与社会保障界",
    ],
    &["少数民族界", "民族界"],
    &["宗教界", "宗教"],
    &["特邀人士", "特邀", "特别邀请人士"],
    &["新闻出版界", "新闻界"],
    &["体育界", "体育"],
];

/// The names that go with `name` (itself included), when it is a known sector name.
pub fn group_of(name: &str) -> Option<&'static [&'static str]> {
    ALIASES.iter().copied().find(|g| g.contains(&name))
}

/// How alike two names are: characters in common over the longer length (0 to 1).
fn likeness(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    let mut common = 0;
    for c in &a {
        if let Some(i) = b.iter().position(|x| x == c) {
            b.swap_remove(i);
            common += 1;
        }
    }
    common as f64 / longer as f64
}

/// The known name most like `key`, when one is alike enough to suggest (half its characters
/// in common); ties go to the first.
pub fn closest<'a>(key: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for k in known {
        let l = likeness(key, k);
        if l >= 0.5 && best.is_none_or(|(_, b)| l > b) {
            best = Some((k, l));
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_names_find_their_group() {
        assert_eq!(group_of("中共").map(|g| g[0]), Some("中国共产党"));
        assert_eq!(group_of("中国民主同盟").map(|g| g[0]), Some("民盟"));
        assert_eq!(group_of("无党派").map(|g| g[0]), Some("无党派人士"));
        assert_eq!(group_of("教育界").map(|g| g[0]), Some("教育界"));
        assert_eq!(group_of("火星界"), None);
    }

    #[test]
    fn every_name_belongs_to_one_group() {
        let mut seen = std::collections::HashSet::new();
        for g in ALIASES {
            for n in *g {
                assert!(seen.insert(*n), "{n} is in two groups");
            }
        }
    }

    #[test]
    fn a_near_name_is_suggested() {
        let known = ["教育界", "医药卫生界", "经济界"];
        assert_eq!(closest("教育届", known), Some("教育界"));
        assert_eq!(closest("医药界", known), Some("医药卫生界"));
        assert_eq!(closest("火星", known), None);
    }
}
