//! Rule-file errors point at the right line and column, in both languages.

use crate::scoring::*;

const GOOD: &str = r#"[scheme]
name = "x"
title_zh = "测试"
title_en = "test"

[[category]]
key = "meetings"
name_zh = "会议"
name_en = "Meetings"
cap = 50
floor = 0

[[category.item]]
key = "plenary"
name_zh = "全会"
name_en = "Plenary"
source = "attendance"
kinds = ["plenary"]
statuses = ["present"]
points = 10

[[category]]
key = "proposals"
name_zh = "提案"
name_en = "Proposals"

[[category.item]]
key = "filed"
name_zh = "立案"
name_en = "Filed"
source = "proposal"
stages = ["filed"]
split = "per_role"
role_points = { lead = 15, cosigner = 3 }

[[category]]
key = "honours"
name_zh = "表彰"
name_en = "Honours"

[[category.item]]
key = "commended"
name_zh = "表彰"
name_en = "Commended"
source = "commendation"
level_points = { national = 10, province = 8 }

[[gate]]
key = "basic"
name_zh = "基本要求"
name_en = "Basic"
require = [ { category = "proposals", min_points = 1 } ]

[grades]
fractional = "floor"

[[grades.band]]
name_zh = "优秀"
name_en = "Excellent"
min = 90

[[grades.band]]
name_zh = "合格"
name_en = "Pass"
min = 60
below = 90

[[grades.band]]
name_zh = "不合格"
name_en = "Fail"
below = 60
"#;

/// Line and column (1-based, characters) of the first occurrence of `needle` after `after`.
fn pos(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let start = text.find(after).expect("anchor");
    let off = start + text[start..].find(needle).expect("needle");
    line_col(text, off)
}

fn errs(text: &str) -> Vec<RuleError> {
    match parse_rules(text, &builtin_kinds()) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e,
    }
}

/// Replace `from` (once) and expect exactly one error at `needle` (searched after `anchor`).
fn expect_at(from: &str, to: &str, anchor: &str, needle: &str, en_part: &str) {
    assert!(GOOD.contains(from), "fixture lacks {from}");
    let text = GOOD.replacen(from, to, 1);
    let e = errs(&text);
    assert_eq!(e.len(), 1, "{e:#?}");
    let (line, column) = pos(&text, anchor, needle);
    assert_eq!((e[0].line, e[0].column), (line, column), "{e:#?}");
    assert!(e[0].message_en.contains(en_part), "{}", e[0].message_en);
    assert!(!e[0].message_zh.is_empty());
}

#[test]
fn good_file_parses() {
    assert!(parse_rules(GOOD, &builtin_kinds()).is_ok());
}

#[test]
fn unknown_kind() {
    // line 18: kinds = ["plenari"], the value starts at column 10
    expect_at(
        "[\"plenary\"]",
        "[\"plenari\"]",
        "kinds",
        "\"plenari\"",
        "unknown activity kind `plenari`",
    );
    assert_eq!(
        pos(
            &GOOD.replacen("\"plenary\"]", "\"plenari\"]", 1),
            "kinds",
            "\"plenari\""
        ),
        (18, 10)
    );
}

#[test]
fn committee_kinds_are_accepted() {
    let text = GOOD.replacen("[\"plenary\"]", "[\"member_room\"]", 1);
    assert!(parse_rules(&text, &builtin_kinds()).is_err());
    let mut kinds = builtin_kinds();
    kinds.push("member_room".into());
    assert!(parse_rules(&text, &kinds).is_ok());
}

#[test]
fn unknown_status() {
    expect_at(
        "[\"present\"]",
        "[\"present\", \"presnt\"]",
        "statuses",
        "\"presnt\"",
        "unknown attendance status `presnt`",
    );
}

#[test]
fn unknown_stage() {
    expect_at(
        "stages = [\"filed\"]",
        "stages = [\"filled\"]",
        "stages",
        "\"filled\"",
        "unknown proposal stage `filled`",
    );
}

#[test]
fn unknown_role() {
    expect_at(
        "cosigner = 3",
        "cosigners = 3",
        "role_points",
        "cosigners",
        "unknown role `cosigners`",
    );
}

#[test]
fn unknown_level() {
    expect_at(
        "province = 8",
        "provincial = 8",
        "level_points",
        "provincial",
        "unknown level `provincial`",
    );
}

#[test]
fn cap_below_floor() {
    expect_at(
        "floor = 0",
        "floor = 60",
        "[[category]]",
        "50",
        "cap 50 is below floor 60",
    );
}

#[test]
fn overlapping_bands() {
    // 合格 reaches up to 95 but 优秀 starts at 90
    expect_at("below = 90", "below = 95", "name_zh = \"合格\"", "95", "overlap");
}

#[test]
fn gap_between_bands() {
    expect_at(
        "below = 90",
        "below = 85",
        "name_zh = \"合格\"",
        "85",
        "gap in grade bands",
    );
}

#[test]
fn lowest_band_may_carry_min() {
    // "0-59 不合格" as the scheme writes it, with deductions that can take a total below 0:
    // the lowest band still takes every total under the next band
    let text = GOOD
        .replacen("points = 10", "points = -10", 1)
        .replacen("cap = 50\nfloor = 0\n", "", 1)
        .replacen("below = 60\n", "min = 0\nbelow = 60\n", 1);
    let s = parse_rules(&text, &builtin_kinds()).expect("parses");
    let mut f = super::fixture::F::new(2024);
    f.members(&[1]);
    f.act(1, "plenary", "2024-03-01", 1);
    f.att(1, 1, "present");
    let a = assess(&s, f.facts());
    // plenary -10: total -10, below the lowest band's min 0: still 不合格
    assert_eq!(a.members[0].total, Num::int(-10));
    assert_eq!(a.members[0].grade_zh(), Some("不合格"));
}

/// Insert `extra` after `anchor` and expect exactly one error at `needle` (searched after
/// `at`), mentioning `en_part`.
fn expect_added(anchor: &str, extra: &str, at: &str, needle: &str, en_part: &str) {
    assert!(GOOD.contains(anchor), "fixture lacks {anchor}");
    let text = GOOD.replacen(anchor, &format!("{anchor}{extra}"), 1);
    let e = errs(&text);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].line, e[0].column), pos(&text, at, needle), "{e:#?}");
    assert!(e[0].message_en.contains(en_part), "{}", e[0].message_en);
    assert!(!e[0].message_zh.is_empty());
}

#[test]
fn category_key_equal_to_a_fixed_column() {
    expect_at(
        "key = \"honours\"",
        "key = \"rank\"",
        "[[category]]\nkey = \"rank\"",
        "\"rank\"",
        "fixed column",
    );
}

#[test]
fn item_key_equal_to_a_fixed_column() {
    expect_at(
        "key = \"commended\"",
        "key = \"total_exact\"",
        "[[category.item]]\nkey = \"total_exact\"",
        "\"total_exact\"",
        "fixed column",
    );
}

#[test]
fn unknown_span_of_a_count() {
    expect_at(
        "require = [ { category = \"proposals\", min_points = 1 } ]",
        "require = [ { item = \"filed\", min_count = 1, over = \"decade\" } ]",
        "require",
        "\"decade\"",
        "unknown counting span `decade`",
    );
}

#[test]
fn years_without_over_years() {
    expect_at(
        "require = [ { category = \"proposals\", min_points = 1 } ]",
        "require = [ { item = \"filed\", fewer_than = 1, years = 2 } ]",
        "require",
        "2 }",
        "`years` needs `over = \"years\"`",
    );
}

#[test]
fn over_years_without_years() {
    expect_at(
        "require = [ { category = \"proposals\", min_points = 1 } ]",
        "require = [ { item = \"filed\", min_count = 1, over = \"years\" } ]",
        "require",
        "\"years\"",
        "needs `years`",
    );
}

#[test]
fn over_on_a_category() {
    expect_at(
        "require = [ { category = \"proposals\", min_points = 1 } ]",
        "require = [ { category = \"proposals\", min_points = 1, over = \"term\" } ]",
        "require",
        "\"term\"",
        "`over` applies only to an item",
    );
}

#[test]
fn two_measures_in_one_condition() {
    expect_at(
        "require = [ { category = \"proposals\", min_points = 1 } ]",
        "require = [ { item = \"filed\", min_count = 1, fewer_than = 3 } ]",
        "require = ",
        "{ item",
        "a condition must be one of",
    );
}

#[test]
fn unknown_applies_to() {
    expect_added(
        "name_en = \"Basic\"\n",
        "applies_to = \"chair\"\n",
        "applies_to",
        "\"chair\"",
        "unknown applies_to value `chair`",
    );
}

#[test]
fn flag_when_names_an_unknown_item() {
    expect_added(
        "below = 60\n",
        "\n[[flag]]\nkey = \"few\"\nname_zh = \"少\"\nname_en = \"few\"\nwhen = { item = \"filled\", over = \"term\", fewer_than = 3 }\n",
        "when",
        "\"filled\"",
        "unknown item `filled`",
    );
}

#[test]
fn flag_with_two_forms() {
    expect_added(
        "below = 60\n",
        "\n[[flag]]\nkey = \"few\"\nname_zh = \"少\"\nname_en = \"few\"\nbelow = 60\nwhen = { item = \"filed\", fewer_than = 3 }\n",
        "key = \"few\"",
        "\"few\"",
        "exactly one of",
    );
}

#[test]
fn full_attendance_needs_kinds() {
    expect_at(
        "kinds = [\"plenary\"]\nstatuses = [\"present\"]\n",
        "full_attendance = true\n",
        "full_attendance",
        "true",
        "needs `kinds`",
    );
}

#[test]
fn full_attendance_on_a_proposal_item() {
    expect_added(
        "stages = [\"filed\"]\n",
        "full_attendance = true\n",
        "key = \"filed\"",
        "\"proposal\"",
        "`full_attendance` does not apply to source `proposal`",
    );
}

#[test]
fn excused_breaks_without_full_attendance() {
    expect_added(
        "statuses = [\"present\"]\n",
        "excused_breaks = false\n",
        "excused_breaks",
        "false",
        "needs `full_attendance = true`",
    );
}

#[test]
fn best_of_group_of_one() {
    expect_added(
        "stages = [\"filed\"]\n",
        "best_of = \"credit\"\n",
        "best_of",
        "\"credit\"",
        "has one item",
    );
}

#[test]
fn best_of_across_categories() {
    let text = GOOD
        .replacen(
            "stages = [\"filed\"]\n",
            "stages = [\"filed\"]\nbest_of = \"g\"\n",
            1,
        )
        .replacen(
            "source = \"commendation\"\n",
            "source = \"commendation\"\nbest_of = \"g\"\n",
            1,
        );
    let e = errs(&text);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        (e[0].line, e[0].column),
        pos(&text, "source = \"commendation\"", "\"g\"")
    );
    assert!(
        e[0].message_en.contains("must be in one category"),
        "{}",
        e[0].message_en
    );
}

#[test]
fn unknown_category_reference() {
    expect_at(
        "category = \"proposals\"",
        "category = \"proposal\"",
        "require",
        "\"proposal\"",
        "unknown category `proposal`",
    );
}

#[test]
fn syntax_error() {
    let text = GOOD.replacen("points = 10", "points = = 10", 1);
    let e = errs(&text);
    assert_eq!(e.len(), 1);
    let (line, _) = pos(&text, "points = =", "points");
    assert_eq!(e[0].line, line);
    assert!(e[0].column >= 10 && e[0].column <= 11, "{e:#?}");
    assert!(e[0].message_zh.starts_with("规则文件格式错误"));
}

#[test]
fn unknown_key_is_located() {
    let text = GOOD.replacen("points = 10", "pionts = 10", 1);
    let e = errs(&text);
    assert_eq!((e[0].line, e[0].column), pos(&text, "statuses", "pionts"));
    assert!(e[0].message_en.contains("pionts"));
}

#[test]
fn columns_count_characters_not_bytes() {
    // the error sits after Chinese text on the same line
    let text = GOOD.replacen("name_zh = \"全会\"", "name_zh = \"全会\" ; x", 1);
    let e = errs(&text);
    let (line, col) = pos(&text, "name_zh = \"全会\"", ";");
    assert_eq!(e[0].line, line);
    assert_eq!(col, 16); // `name_zh = "全会" ` is 15 characters
    assert!(e[0].column <= col + 1);
}

#[test]
fn several_errors_are_all_reported_in_order() {
    let text = GOOD.replacen("[\"plenary\"]", "[\"plenari\"]", 1).replacen(
        "stages = [\"filed\"]",
        "stages = [\"filled\"]",
        1,
    );
    let e = errs(&text);
    assert_eq!(e.len(), 2);
    assert!(e[0].line < e[1].line);
}
