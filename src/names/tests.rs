use std::cmp::Ordering;

use proptest::prelude::*;

use super::*;

fn sorted_by_strokes(names: &[&str]) -> Vec<String> {
    let mut v: Vec<&str> = names.to_vec();
    v.sort_by_cached_key(|n| stroke_key(n));
    v.into_iter().map(str::to_owned).collect()
}

fn sorted_by_pinyin(names: &[&str]) -> Vec<String> {
    let mut v: Vec<&str> = names.to_vec();
    v.sort_by_cached_key(|n| pinyin_key(n));
    v.into_iter().map(str::to_owned).collect()
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn reference_surname_order_from_ecosystem_doc() {
    let expected = "丁马王文方石白朱刘孙李杨吴张陈林周郑赵胡徐黄蔡魏";
    let mut shuffled: Vec<String> = expected.chars().rev().map(String::from).collect();
    shuffled.swap(3, 17);
    shuffled.sort_by_cached_key(|n| stroke_key(n));
    assert_eq!(shuffled.concat(), expected);
}

#[test]
fn official_stroke_order_of_full_names() {
    // Expected order worked out from data/strokes.tsv (1 横 2 竖 3 撇 4 点 5 折):
    //  2 丁(12): given names 一(1) < 玉(5) < 志(7)
    //  3 上(211) < 马(551): 竖 before 折; 上官 compares as 上 then 官
    //    马: 力(2) < 小(3) < 晓(10)
    //  4 王(1121) < 文(4134) < 方(4153): 横 before 点; 文/方 tie on 点横, then 撇 < 折
    //    王: 小(3) < 五(4) < 刚(6 竖…) < 伟(6 撇…) < 芳(7) < 建(8)
    //  5 石(13251) < 白(32511) < 司(51251); 司马 is one surname: 光(243) < 迁(312)
    //  6 朱(311234) < 刘(413422) < 孙(521234)
    //  7 李(1234521) < 杨(1234533) < 吴(2511134) < 张(5153154) < 陈(5215234)
    //    李: 小(3) < 伟(6) < 明(8) < 娜(9); 张: 一 < 三 < 伟 < 敏
    //  8 林(1234…) < 欧(1345…) < 周(35…) < 郑(4311…) < 单(4325…)
    //    surname 欧 (欧小明) before surname 欧阳 (a prefix sorts first)
    //  9 赵(121213434) < 胡(122513511)
    // 10 徐(33…) < 诸(45…): 诸葛亮 by 诸 then 葛
    // 11 黄, 12 曾, 13 解 (放 8 < 缙 13), 14 蔡, 17 魏
    let expected = words(
        "丁一 丁玉兰 丁志强 上官婉儿 马力 马小红 马晓东 \
         王小明 王五 王刚 王伟 王芳 王建国 文杰 文静 方明 方圆 \
         石峰 石磊 白云 白雪 司马光 司马迁 \
         朱红 朱德明 刘洋 刘强 刘德华 孙丽 孙悟 \
         李小龙 李伟 李明 李娜 杨光 杨帆 吴刚 吴敏 张一 张三丰 张伟 张敏 陈晨 陈静 \
         林丹 林峰 欧小明 欧阳明 欧阳修 周杰 周涛 郑和 郑爽 单田芳 单雄信 \
         赵云 赵丽颖 胡军 胡歌 徐峥 徐静 诸葛亮 \
         黄勃 黄磊 曾志伟 曾国藩 解放 解缙 蔡明 蔡琴 魏晨 魏巍",
    );
    assert!(expected.len() >= 60, "{} names", expected.len());
    let mut input = expected.clone();
    input.sort_unstable(); // code-point order, nothing like stroke order
    input.reverse();
    assert_eq!(sorted_by_strokes(&input), expected);
}

#[test]
fn stroke_order_edge_cases() {
    // Alignment padding is ignored; the padded and plain forms sit together.
    let got = sorted_by_strokes(&["王建国", "王　芳", "王伟", "文杰"]);
    assert_eq!(got, ["王伟", "王　芳", "王建国", "文杰"]);
    // Unknown characters (Extension B 𠀀, outside the table) after known ones;
    // Latin names after all Chinese names; the empty name first.
    let got = sorted_by_strokes(&["Smith", "𠀀一", "魏巍", "丁一", "", "Adams"]);
    assert_eq!(got, ["", "丁一", "魏巍", "𠀀一", "Adams", "Smith"]);
    // A count-only character (Extension A) sorts after the sequenced ones of the same count.
    let rare = '㐀'; // 5 strokes, no sequence in cnchar-order
    assert_eq!(stroke_count(rare), Some(5));
    let got = sorted_by_strokes(&["㐀一", "白一", "石一", "马一"]);
    assert_eq!(got, ["马一", "石一", "白一", "㐀一"]);
    // Identical stroke sequences (己/已 are both 折横折) fall back to pinyin: ji < yi.
    let got = sorted_by_strokes(&["王已", "王己"]);
    assert_eq!(got, ["王己", "王已"]);
}

#[test]
fn surnames() {
    assert_eq!(surname("王芳"), "王");
    assert_eq!(surname("  欧阳修 "), "欧阳");
    assert_eq!(surname("司马光"), "司马");
    assert_eq!(surname("诸葛亮"), "诸葛");
    assert_eq!(surname("上官婉儿"), "上官");
    assert_eq!(surname("尉迟恭"), "尉迟");
    assert_eq!(surname("万俟咏"), "万俟");
    assert_eq!(surname("长孙无忌"), "长孙");
    // Two characters are surname + given name, never a bare compound surname.
    assert_eq!(surname("司马"), "司");
    // 单于 is deliberately not a compound surname.
    assert_eq!(surname("单于飞"), "单");
    assert_eq!(surname("王　芳"), "王");
    assert_eq!(surname("John Smith"), "John Smith");
    assert_eq!(surname(""), "");
    assert_eq!(surname("   "), "");
}

#[test]
fn surname_readings() {
    assert!(pinyin_key("曾志伟").starts_with("zeng zhi wei\t"));
    assert!(pinyin_key("单田芳").starts_with("shan tian fang\t"));
    assert!(pinyin_key("解缙").starts_with("xie jin\t"));
    assert!(pinyin_key("尉迟恭").starts_with("yu chi gong\t"));
    assert!(pinyin_key("万俟咏").starts_with("mo qi yong\t"));
    // Only the surname is corrected: 曾 in a given name keeps the default reading.
    assert!(pinyin_key("王曾").starts_with("wang ceng\t"));
    assert!(pinyin_key("吕布").starts_with("lv bu\t"));
    assert_eq!(pinyin_key("John Smith"), "john smith\tJohn Smith");
}

#[test]
fn pinyin_order() {
    let expected = words(
        "蔡明 陈静 李明 李娜 林丹 刘洋 吕布 万俟咏 欧阳修 区志 朴树 仇英 单田芳 解缙 \
         尉迟恭 曾志伟 查良镛 翟天临 长孙无忌",
    );
    let mut input = expected.clone();
    input.sort_unstable();
    assert_eq!(sorted_by_pinyin(&input), expected);
    // Syllable by syllable: li ming < lin (not "liming" vs "lin").
    assert!(pinyin_key("李明") < pinyin_key("林"));
    assert!(pinyin_key("李") < pinyin_key("李明"));
}

#[test]
fn data_file_is_well_formed() {
    let table = table::parse(table::DATA).expect("strokes.tsv parses");
    assert!(table::DATA.len() < 400_000, "{} bytes", table::DATA.len());
    let with_sequence = table.values().filter(|e| e.classes.is_some()).count();
    assert!(with_sequence >= 6_900, "{with_sequence} sequences");
    assert!(table.len() >= 27_000, "{} characters", table.len());
    // Every CJK Unified Ideograph in the URO that has a Unihan count is present.
    assert!(('\u{4E00}'..='\u{9FA5}').all(|c| table.contains_key(&c)));
    let seq = |c: char| table[&c].classes;
    assert_eq!(seq('王'), Some("1121")); // 横横竖横
    assert_eq!(seq('文'), Some("4134")); // 点横撇捺
    assert_eq!(seq('马'), Some("551")); // 折折横
    assert_eq!(seq('林'), Some("12341234")); // 横竖撇点 横竖撇点
    assert_eq!(seq('皙'), Some("1234331232511")); // patched: 析 over 白, 13 strokes
    assert_eq!(table[&'曾'].count, 12);
    // Lines are in code-point order, as the generator writes them.
    let chars: Vec<char> = table::DATA
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.chars().next())
        .collect();
    assert!(chars.windows(2).all(|w| w[0] < w[1]));
}

const ALPHABET: &[&str] = &[
    "王", "文", "马", "林", "陈", "丁", "曾", "单", "解", "欧", "阳", "欧阳", "司马", "己", "已", "巳", "土",
    "士", "人", "入", "八", "皙", "囍", "㐀", "𠀀", "a", "B", "z", "·", "　", " ",
];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..5).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn sorting_is_consistent(
        (names, shuffled) in prop::collection::vec(name(), 0..40)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let mut a = names;
        a.sort_by_cached_key(|n| stroke_key(n));
        let mut b = shuffled;
        b.sort_by_cached_key(|n| stroke_key(n));
        prop_assert_eq!(&a, &b);
        let mut p = a.clone();
        p.sort_by_cached_key(|n| pinyin_key(n));
        let mut q = b.clone();
        q.reverse();
        q.sort_by_cached_key(|n| pinyin_key(n));
        prop_assert_eq!(p, q);
    }

    #[test]
    fn stroke_key_is_a_total_order(a in name(), b in name(), c in name()) {
        let (ka, kb, kc) = (stroke_key(&a), stroke_key(&b), stroke_key(&c));
        prop_assert_eq!(ka.cmp(&kb), kb.cmp(&ka).reverse());
        prop_assert_eq!(ka.cmp(&kb) == Ordering::Equal, a == b);
        if ka <= kb && kb <= kc {
            prop_assert!(ka <= kc);
        }
    }
}

#[test]
fn stroke_bytes_order_as_stroke_keys_then_codes() {
    let surnames = ["王", "李", "欧阳", "司马", "丁", "乙", "张", "長", "𠀀", "Li", ""];
    let given = ["", "一", "二", "明", "明明", "華", "华", "a", "B", " 红", "㐀"];
    let codes = ["A1", "A10", "a2", ""];
    let mut all = Vec::new();
    for s in surnames {
        for g in given {
            for c in codes {
                all.push((format!("{s}{g}"), c.to_string()));
            }
        }
    }
    for (a, ca) in &all {
        for (b, cb) in &all {
            let keys = (stroke_key(a), ca).cmp(&(stroke_key(b), cb));
            let bytes = stroke_bytes(a, ca).cmp(&stroke_bytes(b, cb));
            assert_eq!(keys, bytes, "{a}/{ca} against {b}/{cb}");
        }
    }
}
