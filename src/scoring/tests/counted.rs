//! Mechanisms of issue 11, each on a committee built here, totals computed by hand: counts over
//! the term and several years, conditions by role, full attendance, best of several items, and
//! the texts of bases, adjustments and bands.

use super::fixture::*;
use crate::scoring::*;

fn item(key: &str, name: &str, source: &str, extra: &str) -> String {
    format!(
        "[[category.item]]\nkey = \"{key}\"\nname_zh = \"{name}\"\nname_en = \"{key}\"\nsource = \"{source}\"\n{extra}\n"
    )
}

fn cat(key: &str, name: &str, extra: &str) -> String {
    format!("[[category]]\nkey = \"{key}\"\nname_zh = \"{name}\"\nname_en = \"{key}\"\n{extra}\n")
}

fn line_sum(a: &Assessment, id: i64, item: &str) -> Num {
    a.member(id)
        .expect("member")
        .lines
        .iter()
        .filter(|l| l.item.as_deref() == Some(item))
        .map(|l| l.points)
        .sum()
}

fn gate(a: &Assessment, id: i64, key: &str) -> bool {
    a.member(id)
        .expect("member")
        .gates
        .iter()
        .find(|g| g.key == key)
        .expect("gate")
        .passed
}

/// An earlier year's records for `f`.
fn earlier(f: &mut F, year: i32, fill: impl FnOnce(&mut F)) {
    let mut e = F::new(year);
    fill(&mut e);
    f.0.earlier.push(e.0);
}

const TERM_RULES: &str = r#"
[[category]]
key = "duty"
name_zh = "履职"
name_en = "Duties"

[[category.item]]
key = "proposal"
name_zh = "提交提案"
name_en = "Proposal"
source = "proposal"
points = 10

[[category.item]]
key = "plenary"
name_zh = "出席全会"
name_en = "Plenary attended"
source = "attendance"
kinds = ["plenary"]
points = 5

[[gate]]
key = "term_plenaries"
name_zh = "届内出席全会至少 3 次"
name_en = "At least 3 plenaries in the term"
require = [ { item = "plenary", over = "term", min_count = 3 } ]

[[flag]]
key = "no_renewal"
name_zh = "建议不再连任"
name_en = "Not to be renewed"
when = { item = "proposal", over = "term", fewer_than = 3 }

[[flag]]
key = "silent_two_years"
name_zh = "连续两年无提案"
name_en = "No proposal in two years"
when = { item = "proposal", over = "years", years = 2, fewer_than = 1 }

[[flag]]
key = "term_points"
name_zh = "届内提案积分达 30"
name_en = "30 proposal points in the term"
when = { item = "proposal", over = "term", min_points = 30 }
"#;

#[test]
fn counts_over_the_term_and_the_last_years() {
    let mut f = F::new(2024);
    f.0.term_start = Some(d("2022-01-01"));
    f.members(&[1, 2, 3, 4]);
    f.member(5).joined_on = Some(d("2023-06-01"));
    for (i, date) in [
        (1, "2022-03-01"),
        (2, "2023-03-01"),
        (3, "2023-09-01"),
        (4, "2024-03-01"),
    ] {
        f.act(i, "plenary", date, 1);
    }
    // the term's plenaries: member 1 all four, member 5 (joined 2023-06-01) one before joining
    for a in 1..=4 {
        f.att(a, 1, "present");
        f.att(a, 5, "present");
    }
    f.att(4, 2, "present");
    earlier(&mut f, 2022, |e| {
        e.proposal(1, "individual", "submitted", &[(1, "lead")]);
        e.proposal(2, "individual", "submitted", &[(2, "lead")]);
        e.proposal(3, "individual", "submitted", &[(3, "lead")]);
        e.proposal(4, "individual", "submitted", &[(4, "lead")]);
    });
    earlier(&mut f, 2023, |e| {
        e.proposal(11, "individual", "submitted", &[(1, "lead")]);
        e.proposal(12, "individual", "submitted", &[(2, "lead")]);
        e.proposal(13, "individual", "submitted", &[(3, "lead")]);
        e.proposal(15, "joint", "submitted", &[(5, "lead"), (1, "cosigner")]);
    });
    f.proposal(21, "individual", "submitted", &[(2, "lead")]);
    f.proposal(22, "individual", "submitted", &[(5, "lead")]);
    f.proposal(23, "individual", "submitted", &[(5, "lead")]);
    let a = run(TERM_RULES, &f);

    // member 1: proposals 2022 1, 2023 2 (one as co-signer), 2024 0: term 3, not fewer than 3;
    // last two years 2023-2024: 2, not none; term points 30 ≥ 30. Plenaries 4 in the term.
    // This year: plenary 2024 5 = 5.
    assert_eq!(total(&a, 1), Num::int(5));
    let m1 = a.member(1).unwrap();
    assert!(!m1.has_flag("no_renewal") && !m1.has_flag("silent_two_years"));
    assert!(m1.has_flag("term_points"));
    assert!(gate(&a, 1, "term_plenaries"));
    // member 2: proposals 1 + 1 + 1 = 3 over the term: no flag; plenaries 1 (2024): gate fails.
    // This year: proposal 10 + plenary 5 = 15.
    assert_eq!(total(&a, 2), Num::int(15));
    assert!(!a.member(2).unwrap().has_flag("no_renewal"));
    assert!(!gate(&a, 2, "term_plenaries"));
    // member 3: 2022 1, 2023 1, 2024 0: term 2 < 3: 建议不再连任; 2023-2024 has one: not silent.
    let m3 = a.member(3).unwrap();
    assert!(m3.has_flag("no_renewal"));
    assert!(!m3.has_flag("silent_two_years"));
    let flag = m3.flags.iter().find(|f| f.key == "no_renewal").unwrap();
    assert_eq!(
        flag.text.zh,
        "建议不再连任（届内自2022年1月1日起提交提案 2 项，条件为少于 3 项）"
    );
    assert!(
        flag.text.en.contains("2 records, condition fewer than 3"),
        "{}",
        flag.text.en
    );
    // member 4: 2022 only: term 1 < 3, and none in 2023-2024: both flags.
    let m4 = a.member(4).unwrap();
    assert!(m4.has_flag("no_renewal") && m4.has_flag("silent_two_years"));
    // member 5 joined 2023-06-01: the term counts from then: proposals 2023 1 + 2024 2 = 3, no
    // flag; plenaries 2023-09-01 and 2024-03-01 (the 2022 and 2023-03 rows are before joining):
    // 2 < 3, gate fails. This year: 2 × 10 + 5 = 25.
    assert_eq!(total(&a, 5), Num::int(25));
    assert!(!a.member(5).unwrap().has_flag("no_renewal"));
    assert!(!gate(&a, 5, "term_plenaries"));
    // the gate's name says what was counted
    let g = &a.member(5).unwrap().gates[0];
    assert_eq!(
        g.name.zh,
        "届内出席全会至少 3 次（届内自2023年6月1日起出席全会 2 项，条件为至少 3 项）"
    );
    assert!(
        g.name
            .en
            .contains("(from 2023-06-01): 2 records, condition at least 3"),
        "{}",
        g.name.en
    );
}

#[test]
fn a_term_without_a_start_is_the_last_five_years() {
    let mut f = F::new(2024);
    f.members(&[1]);
    // 2019 is six years back: outside; 2020 inside
    earlier(&mut f, 2019, |e| {
        e.proposal(1, "individual", "submitted", &[(1, "lead")]);
    });
    earlier(&mut f, 2020, |e| {
        e.proposal(2, "individual", "submitted", &[(1, "lead")]);
        e.proposal(3, "individual", "submitted", &[(1, "lead")]);
    });
    let a = run(TERM_RULES, &f);
    // 2020-2024: 2 proposals < 3: flagged
    assert!(a.member(1).unwrap().has_flag("no_renewal"));
}

#[test]
fn reach_of_a_scheme() {
    let s = super::scheme(&format!("{HEAD}{TERM_RULES}"));
    let r = s.reach();
    assert_eq!((r.term, r.years), (true, 2));
    // the plenary gate needs attendance, the flags proposals
    assert_eq!(r.sources, ["attendance", "proposal"]);
    for p in presets() {
        let r = super::scheme(p.text).reach();
        assert_eq!((r.term, r.years, r.sources.len()), (false, 1, 0), "{}", p.name);
    }
}

const ROLE_RULES: &str = r#"
[[category]]
key = "duty"
name_zh = "履职"
name_en = "Duties"

[[category.item]]
key = "standing_meetings"
name_zh = "出席常委会议"
name_en = "Standing meetings attended"
source = "attendance"
kinds = ["standing"]
applies_to = "standing"
points = 2

[[category.item]]
key = "proposal_bonus"
name_zh = "委员提案"
name_en = "Proposal by a member"
source = "proposal"
applies_to = "non_standing"
points = 3

[[gate]]
key = "standing_duty"
name_zh = "常委须出席常委会议至少 3 次"
name_en = "Standing members attend at least 3 standing meetings"
applies_to = "standing"
require = [ { item = "standing_meetings", min_count = 3 } ]

[[gate]]
key = "basic"
name_zh = "基本要求"
name_en = "Basic"
require = [ { item = "proposal_bonus", min_count = 1, applies_to = "non_standing" } ]

[[flag]]
key = "standing_short"
name_zh = "常委履职不足"
name_en = "Standing duty not met"
gate = "standing_duty"
applies_to = "standing"
"#;

#[test]
fn conditions_by_role() {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4]);
    f.standing(1, "2022-01-01", None);
    f.standing(2, "2022-01-01", Some("2024-07-01"));
    f.standing(4, "2024-05-01", None);
    for (i, date) in [
        (1, "2024-02-01"),
        (2, "2024-04-01"),
        (3, "2024-06-01"),
        (4, "2024-08-01"),
        (5, "2024-10-01"),
    ] {
        f.act(i, "standing", date, 1);
    }
    for a in [1, 2, 3] {
        f.att(a, 1, "present");
    }
    // member 2: two while standing, one after (invited): that one does not count
    for a in [1, 2, 4] {
        f.att(a, 2, "present");
    }
    f.att(3, 3, "present"); // never standing: the item does not apply
    // member 4: one before becoming standing, three after
    for a in [2, 3, 4, 5] {
        f.att(a, 4, "present");
    }
    for m in 1..=4 {
        f.proposal(m, "individual", "submitted", &[(m, "lead")]);
    }
    let a = run(ROLE_RULES, &f);
    // 1: 3 standing meetings × 2 = 6; proposal bonus is for non-standing members: 0
    assert_eq!(total(&a, 1), Num::int(6));
    assert_eq!(line_sum(&a, 1, "proposal_bonus"), Num::zero());
    assert!(gate(&a, 1, "standing_duty") && !a.member(1).unwrap().has_flag("standing_short"));
    // 2: standing on some day of 2024: 2 meetings within the period × 2 = 4; gate fails (2 < 3)
    assert_eq!(total(&a, 2), Num::int(4));
    assert!(!gate(&a, 2, "standing_duty"));
    assert!(a.member(2).unwrap().has_flag("standing_short"));
    // the basic gate's only condition is for non-standing members: it holds for member 2
    assert!(gate(&a, 2, "basic"));
    // 3: never standing: the standing gate does not apply (met, and says so); proposal +3
    assert_eq!(total(&a, 3), Num::int(3));
    let g = &a.member(3).unwrap().gates[0];
    assert!(g.passed);
    assert!(g.name.zh.ends_with("（非常委，不适用）"), "{}", g.name.zh);
    assert!(!a.member(3).unwrap().has_flag("standing_short"));
    assert!(gate(&a, 3, "basic"));
    // 4: standing from 2024-05-01: meetings 3, 4, 5 count (3 × 2 = 6), not the April one
    assert_eq!(total(&a, 4), Num::int(6));
    assert!(gate(&a, 4, "standing_duty"));
}

const FULL_RULES: &str = r#"
[attendance]
exempt_reasons = ["公务"]

[[category]]
key = "attendance"
name_zh = "出勤"
name_en = "Attendance"

[[category.item]]
key = "full_lenient"
name_zh = "全勤（请假不影响）"
name_en = "Full attendance (leave allowed)"
source = "attendance"
kinds = ["plenary", "standing"]
full_attendance = true
excused_breaks = false
points = 5

[[category.item]]
key = "full_strict"
name_zh = "全勤"
name_en = "Full attendance"
source = "attendance"
kinds = ["plenary", "standing"]
full_attendance = true
points = 5

[[gate]]
key = "full"
name_zh = "全勤"
name_en = "Full attendance"
require = [ { item = "full_strict", min_count = 1 } ]
"#;

#[test]
fn full_attendance() {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 6]);
    f.member(5).joined_on = Some(d("2024-11-01"));
    f.standing(1, "2022-01-01", None);
    f.standing(2, "2022-01-01", None);
    f.act(1, "plenary", "2024-03-01", 2);
    f.act(2, "standing", "2024-06-01", 1);
    f.act(3, "standing", "2024-09-01", 1);
    f.act(4, "inspection", "2024-10-01", 1); // not of the kinds
    f.act(9, "plenary", "2023-03-01", 2); // last year
    for a in [1, 2, 3] {
        f.att(a, 1, "present");
    }
    f.att(1, 2, "present");
    f.att(2, 2, "excused");
    f.att(3, 2, "late");
    f.att(1, 3, "present");
    f.att(9, 4, "present"); // member 4 has no row for this year's plenary
    f.att(1, 6, "excused").leave_reason = Some("公务".into());
    let a = run(FULL_RULES, &f);
    // 1: standing, due at all three, attended all: 5 + 5 = 10
    assert_eq!(total(&a, 1), Num::int(10));
    assert!(gate(&a, 1, "full"));
    // 2: excused at one standing meeting: lenient 5, strict 0
    assert_eq!(line_sum(&a, 2, "full_lenient"), Num::int(5));
    assert_eq!(line_sum(&a, 2, "full_strict"), Num::zero());
    assert_eq!(total(&a, 2), Num::int(5));
    assert!(!gate(&a, 2, "full"));
    let strict = a
        .member(2)
        .unwrap()
        .lines
        .iter()
        .find(|l| l.item.as_deref() == Some("full_strict"))
        .unwrap();
    assert_eq!(strict.source.label.zh, "2024年全勤：应出席 3 次，出席 2 次");
    assert_eq!(
        strict.note.as_ref().unwrap().zh,
        "未全勤：standing 2（2024年6月1日，请假）"
    );
    // 3: not standing: due at the plenary only, attended: 10
    assert_eq!(total(&a, 3), Num::int(10));
    // 4: no row for the plenary: not attended: 0
    assert_eq!(total(&a, 4), Num::zero());
    assert!(
        a.member(4).unwrap().lines[0]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("no attendance row")
    );
    // 5: joined after every activity: nothing due: nothing
    assert_eq!(total(&a, 5), Num::zero());
    assert!(
        a.member(5).unwrap().lines[0]
            .source
            .label
            .zh
            .contains("无应出席的活动")
    );
    // 6: excused for an exempt reason: not due, so nothing was due: nothing
    assert_eq!(total(&a, 6), Num::zero());
}

const BEST_RULES: &str = r#"
[[category]]
key = "proposals"
name_zh = "提案"
name_en = "Proposals"

[[category.item]]
key = "individual"
name_zh = "个人提案立案"
name_en = "Individual proposal filed"
source = "proposal"
kinds = ["individual"]
stages = ["filed"]
points = 15
once = true
best_of = "proposal_credit"

[[category.item]]
key = "joint_lead"
name_zh = "联名提案牵头"
name_en = "Lead of a joint proposal"
source = "proposal"
kinds = ["joint"]
roles = ["lead"]
points = 10
once = true
best_of = "proposal_credit"

[[category.item]]
key = "cosigner"
name_zh = "附议"
name_en = "Co-signer"
source = "proposal"
roles = ["cosigner"]
points = 5
once = true
best_of = "proposal_credit"

[[category.item]]
key = "any"
name_zh = "提交提案"
name_en = "Any proposal"
source = "proposal"
points = 1

[[gate]]
key = "cosigned"
name_zh = "附议过提案"
name_en = "Co-signed"
require = [ { item = "cosigner", min_count = 1 } ]
"#;

#[test]
fn best_of_several_items() {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4]);
    f.proposal(1, "individual", "filed", &[(1, "lead")]);
    f.proposal(
        2,
        "joint",
        "submitted",
        &[(2, "lead"), (1, "cosigner"), (3, "cosigner")],
    );
    f.proposal(3, "joint", "submitted", &[(4, "lead"), (3, "cosigner")]);
    let a = run(BEST_RULES, &f);
    // 1: individual 15, co-signer 5: only the best of the group, 15; any proposal 2 × 1 = 2: 17
    assert_eq!(total(&a, 1), Num::int(17));
    let m1 = a.member(1).unwrap();
    let back = m1.lines.iter().find(|l| l.source.kind == "best_of").unwrap();
    assert_eq!(back.item.as_deref(), Some("cosigner"));
    assert_eq!(back.points, Num::int(-5));
    assert_eq!(
        back.note.as_ref().unwrap().zh,
        "已按个人提案立案 15 计，本项不再计分"
    );
    // the item's own count still answers conditions
    assert!(gate(&a, 1, "cosigned"));
    // 2: lead of a joint one 10, any 1: 11
    assert_eq!(total(&a, 2), Num::int(11));
    // 3: co-signer twice, once a year: 5; any 2: 7
    assert_eq!(total(&a, 3), Num::int(7));
    // 4: lead 10, any 1: 11
    assert_eq!(total(&a, 4), Num::int(11));
}

#[test]
fn base_and_adjustment_texts() {
    let rules = cat("base", "基础分", "base = 70")
        + &cat("meetings", "会议", "base = 20")
        + &cat("office", "其他", "")
        + &item("adj", "办公室认定", "adjustment", "");
    let mut f = F::new(2024);
    f.members(&[1]);
    f.adjust(1, 1, "-3", "无故缺席调研");
    let a = run(&rules, &f);
    // 70 + 20 - 3 = 87
    assert_eq!(total(&a, 1), Num::int(87));
    let lines = &a.member(1).unwrap().lines;
    assert_eq!(lines[0].rule.zh, "基础分 70");
    assert_eq!(lines[1].rule.zh, "会议基础分 20");
    assert_eq!(lines[2].source.label.zh, "办公室调整：无故缺席调研");
    assert_eq!(lines[2].note.as_ref().unwrap().zh, "理由：无故缺席调研");
    assert_eq!(lines[2].note.as_ref().unwrap().en, "reason: 无故缺席调研");
    assert_eq!(lines[2].rule.zh, "办公室认定 按办公室认定的分值，理由见记录");
}

#[test]
fn full_attendance_at_activities_members_are_invited_to() {
    let rules = cat("att", "出勤", "")
        + &item(
            "field",
            "视察全勤",
            "attendance",
            "kinds = [\"inspection\"]\nfull_attendance = true\npoints = 5",
        );
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    f.act(1, "inspection", "2024-04-01", 1);
    f.act(2, "inspection", "2024-05-01", 1);
    f.att(1, 1, "present");
    f.att(2, 1, "present");
    f.att(1, 3, "present");
    f.att(2, 3, "absent");
    let a = run(&rules, &f);
    // 1: invited to both, attended both: 5
    assert_eq!(total(&a, 1), Num::int(5));
    // 2: invited to none (an inspection is not for every member): nothing due, nothing
    assert_eq!(total(&a, 2), Num::zero());
    assert!(
        a.member(2).unwrap().lines[0]
            .source
            .label
            .zh
            .contains("无应出席的活动")
    );
    // 3: invited to both, absent from one: 0
    assert_eq!(total(&a, 3), Num::zero());
    assert_eq!(
        a.member(3).unwrap().lines[0].source.label.zh,
        "2024年全勤：应出席 2 次，出席 1 次"
    );
}
