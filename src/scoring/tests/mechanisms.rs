//! One hand-computed case per mechanism of schemes.md (numbered as there).

use super::fixture::*;
use crate::scoring::*;

fn att_item(key: &str, kinds: &str, statuses: &str, points: &str, extra: &str) -> String {
    format!(
        "[[category.item]]\nkey = \"{key}\"\nname_zh = \"{key}\"\nname_en = \"{key}\"\nsource = \"attendance\"\nkinds = [{kinds}]\nstatuses = [{statuses}]\npoints = {points}\n{extra}\n"
    )
}

fn cat(key: &str, extra: &str) -> String {
    format!("[[category]]\nkey = \"{key}\"\nname_zh = \"{key}\"\nname_en = \"{key}\"\n{extra}\n")
}

#[test]
fn m01_points_per_event_by_kind_with_fractions() {
    let rules = cat("meetings", "")
        + &att_item("plenary", "\"plenary\"", "\"present\"", "2", "")
        + &att_item("meeting", "\"standing\", \"chair\"", "\"present\"", "1", "")
        + &att_item("inspection", "\"inspection\"", "\"present\"", "7.5", "")
        + &att_item("reading", "\"reading\"", "\"present\"", "\"1.5\"", "");
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.act(1, "plenary", "2024-01-10", 4);
    f.act(2, "standing", "2024-03-01", 1);
    f.act(3, "inspection", "2024-04-01", 1);
    f.act(4, "inspection", "2024-05-01", 1);
    f.act(5, "reading", "2024-06-01", 1);
    f.act(6, "inspection", "2023-05-01", 1); // last year: not scored
    for a in [1, 2, 3, 4, 5, 6] {
        f.att(a, 1, "present");
    }
    f.att(5, 2, "present");
    let a = run(&rules, &f);
    // member 1: plenary 2 + standing 1 + 2 inspections × 7.5 = 15 + reading 1.5 = 19.5
    assert_eq!(total(&a, 1), num("19.5"));
    // member 2: reading 1.5
    assert_eq!(total(&a, 2), num("1.5"));
}

#[test]
fn m02_attendance_status_half_days_partial_and_exempt_reasons() {
    let rules = "[attendance]\nabsent_below = \"2/3\"\nexempt_reasons = [\"公务\"]\n".to_string()
        + &cat("meetings", "")
        + &att_item(
            "present",
            "\"plenary\"",
            "\"present\", \"late\", \"left_early\"",
            "5",
            "per = \"half_day\"",
        )
        + &att_item("late", "\"plenary\"", "\"late\", \"left_early\"", "-1", "")
        + &att_item("excused", "\"plenary\"", "\"excused\"", "-2", "")
        + &att_item("absent", "\"plenary\"", "\"absent\"", "-10", "");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5]);
    f.act(1, "plenary", "2024-01-10", 4);
    f.att(1, 1, "present");
    f.att(1, 2, "left_early").half_days = Some(num("2"));
    f.att(1, 3, "late").half_days = Some(num("3"));
    f.att(1, 4, "excused").leave_reason = Some("公务".into());
    f.att(1, 5, "excused").leave_reason = Some("病假".into());
    let a = run(&rules, &f);
    // 1: 4 half-days × 5 = 20
    assert_eq!(total(&a, 1), Num::int(20));
    // 2: attended 2 of 4 half-days < 2/3: counted absent: -10
    assert_eq!(total(&a, 2), Num::int(-10));
    assert!(
        a.member(2).unwrap().lines[0]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("counted as absent")
    );
    // 3: attended 3 of 4 ≥ 2/3: 3 × 5 = 15, late -1: 14
    assert_eq!(total(&a, 3), Num::int(14));
    // 4: excused for an exempt reason: nothing
    assert_eq!(total(&a, 4), Num::zero());
    // 5: excused, reason not exempt: -2
    assert_eq!(total(&a, 5), Num::int(-2));
}

#[test]
fn m03_role_conditions() {
    let rules = cat("meetings", "")
        + &att_item(
            "absent_member",
            "\"plenary\"",
            "\"absent\"",
            "-10",
            "member = \"non_standing\"",
        )
        + &att_item(
            "absent_standing",
            "\"plenary\"",
            "\"absent\"",
            "-4",
            "member = \"standing\"",
        )
        + &att_item(
            "activity",
            "\"inspection\"",
            "\"present\"",
            "2",
            "exclude_roles = [\"lead\"]",
        );
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    f.standing(1, "2023-01-01", None);
    f.standing(3, "2023-01-01", Some("2024-02-01")); // no longer standing at the plenary
    f.act(1, "plenary", "2024-03-01", 2);
    f.act(2, "inspection", "2024-04-01", 1);
    for m in [1, 2, 3] {
        f.att(1, m, "absent");
    }
    f.att(2, 1, "present").role = "lead".into();
    f.att(2, 2, "present");
    let a = run(&rules, &f);
    // 1: standing member absent -4; led the inspection: organisers excluded, 0
    assert_eq!(total(&a, 1), Num::int(-4));
    // 2: member absent -10, inspection +2 = -8
    assert_eq!(total(&a, 2), Num::int(-8));
    // 3: standing period ended before the plenary: member rate -10
    assert_eq!(total(&a, 3), Num::int(-10));
}

fn proposal_item(key: &str, points: &str, extra: &str) -> String {
    format!(
        "[[category.item]]\nkey = \"{key}\"\nname_zh = \"{key}\"\nname_en = \"{key}\"\nsource = \"proposal\"\npoints = {points}\n{extra}\n"
    )
}

#[test]
fn m04_category_caps_and_part_cap() {
    let rules = "[[part]]\nkey = \"bonus\"\nname_zh = \"加分\"\nname_en = \"bonus\"\ncap = 10\n".to_string()
        + &cat("meetings", "")
        + &att_item("plenary", "\"plenary\"", "\"present\"", "20", "")
        + &cat("proposals", "cap = 25")
        + &proposal_item("submitted", "10", "")
        + &cat("honours", "part = \"bonus\"")
        + "[[category.item]]\nkey = \"c\"\nname_zh = \"c\"\nname_en = \"c\"\nsource = \"commendation\"\npoints = 8\n"
        + &cat("office", "part = \"bonus\"")
        + "[[category.item]]\nkey = \"adj\"\nname_zh = \"adj\"\nname_en = \"adj\"\nsource = \"adjustment\"\n";
    let mut f = F::new(2024);
    f.members(&[1]);
    for i in 1..=3 {
        f.act(i, "plenary", "2024-01-10", 1);
        f.att(i, 1, "present");
        f.proposal(i, "individual", "submitted", &[(1, "lead")]);
    }
    f.commend(1, 1, "city");
    f.adjust(1, 1, "5", "捐助");
    let a = run(&rules, &f);
    let m = a.member(1).unwrap();
    // meetings uncapped: 3 × 20 = 60
    assert_eq!(m.subtotal("meetings"), Some(Num::int(60)));
    // proposals 3 × 10 = 30, capped at 25
    assert_eq!(m.subtotal("proposals"), Some(Num::int(25)));
    // bonus part: 8 + 5 = 13, capped at 10: adjustment -3
    assert_eq!(m.part_adjustments[0].points, Num::int(-3));
    // total 60 + 25 + 10 = 95
    assert_eq!(m.total, Num::int(95));
}

#[test]
fn m05_floor_deduct_until_zero() {
    let rules = cat("meetings", "base = 10\nfloor = 0")
        + &att_item("absent", "\"plenary\", \"standing\"", "\"absent\"", "-4", "");
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    for i in 1..=3 {
        f.act(i, "standing", &format!("2024-0{i}-10"), 1);
        f.att(i, 1, "absent");
    }
    f.att(1, 2, "absent");
    let a = run(&rules, &f);
    // 1: 10 - 3 × 4 = -2, floor 0 → 0 (floor line +2)
    assert_eq!(total(&a, 1), Num::zero());
    assert!(
        a.member(1)
            .unwrap()
            .lines
            .iter()
            .any(|l| l.source.kind == "floor" && l.points == Num::int(2))
    );
    // 2: 10 - 4 = 6
    assert_eq!(total(&a, 2), Num::int(6));
}

#[test]
fn m06_base_and_deduct() {
    let rules = cat("duty", "base = 85")
        + &att_item("absent", "\"plenary\", \"standing\"", "\"absent\"", "-5", "")
        + &att_item("excused", "\"plenary\", \"standing\"", "\"excused\"", "-1", "");
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.act(1, "plenary", "2024-01-10", 2);
    f.act(2, "standing", "2024-02-10", 1);
    f.att(1, 1, "absent");
    f.att(2, 1, "absent");
    f.att(1, 2, "excused");
    let a = run(&rules, &f);
    // 1: 85 - 5 - 5 = 75
    assert_eq!(total(&a, 1), Num::int(75));
    // 2: 85 - 1 = 84
    assert_eq!(total(&a, 2), Num::int(84));
}

#[test]
fn m07_base_plus_capped_bonus_part() {
    let rules = "[[part]]\nkey = \"bonus\"\nname_zh = \"加分\"\nname_en = \"bonus\"\ncap = 50\n".to_string()
        + &cat("basic", "base = 70")
        + &att_item("absent", "\"plenary\"", "\"absent\"", "-10", "")
        + &cat("honours", "part = \"bonus\"")
        + "[[category.item]]\nkey = \"c\"\nname_zh = \"c\"\nname_en = \"c\"\nsource = \"commendation\"\nlevel_points = { national = 40, county = 10 }\n"
        + &cat("office", "part = \"bonus\"")
        + "[[category.item]]\nkey = \"adj\"\nname_zh = \"adj\"\nname_en = \"adj\"\nsource = \"adjustment\"\n";
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.commend(1, 1, "national");
    f.adjust(1, 1, "20", "捐助");
    f.commend(2, 2, "county");
    let a = run(&rules, &f);
    // 1: 70 + min(40 + 20, 50) = 120 (the full scale)
    assert_eq!(total(&a, 1), Num::int(120));
    // 2: 70 + 10 = 80
    assert_eq!(total(&a, 2), Num::int(80));
}

#[test]
fn m08_once_per_year() {
    let rules = cat("proposals", "") + &proposal_item("any", "10", "once = true");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    for i in 1..=3 {
        f.proposal(i, "individual", "submitted", &[(1, "lead")]);
    }
    f.proposal(4, "individual", "filed", &[(2, "lead")]);
    let a = run(&rules, &f);
    // 1: three proposals, counted once: 10 (two lines of 0 with a note)
    assert_eq!(total(&a, 1), Num::int(10));
    let notes = a
        .member(1)
        .unwrap()
        .lines
        .iter()
        .filter(|l| l.note.is_some())
        .count();
    assert_eq!(notes, 2);
    // 2: one proposal: 10; 3: none: 0
    assert_eq!(total(&a, 2), Num::int(10));
    assert_eq!(total(&a, 3), Num::zero());
}

#[test]
fn m09_nth_onward_with_item_cap() {
    let rules = cat("proposals", "")
        + &proposal_item("filed_more", "5", "stages = [\"filed\"]\nfrom_nth = 2\ncap = 20");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    for i in 1..=6 {
        f.proposal(i, "individual", "filed", &[(1, "lead")]);
    }
    f.proposal(7, "individual", "filed", &[(2, "lead")]);
    f.proposal(8, "individual", "filed", &[(2, "lead")]);
    f.proposal(9, "individual", "filed", &[(3, "lead")]);
    f.proposal(10, "individual", "not_filed", &[(3, "lead")]);
    let a = run(&rules, &f);
    // 1: 6 filed, 2nd..6th: 5 × 5 = 25, item cap 20
    assert_eq!(total(&a, 1), Num::int(20));
    // 2: 2 filed: the 2nd gives 5
    assert_eq!(total(&a, 2), Num::int(5));
    // 3: one filed (the other not filed): 0
    assert_eq!(total(&a, 3), Num::zero());
}

#[test]
fn m10_count_threshold_awards_whole_category() {
    let rules = cat("activities", "cap = 30")
        + &att_item(
            "act",
            "\"inspection\", \"research\"",
            "\"present\"",
            "7.5",
            "threshold = { count = 4, points = 30 }",
        );
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    for i in 1..=5 {
        f.act(i, "research", &format!("2024-0{i}-02"), 1);
        f.att(i, 1, "present");
        if i <= 3 {
            f.att(i, 2, "present");
        }
        if i <= 4 {
            f.att(i, 3, "present");
        }
    }
    let a = run(&rules, &f);
    // 1: 5 activities ≥ 4: the full 30 (5 × 7.5 = 37.5, threshold line -7.5)
    assert_eq!(total(&a, 1), Num::int(30));
    // 2: 3 × 7.5 = 22.5
    assert_eq!(total(&a, 2), num("22.5"));
    // 3: 4 × 7.5 = 30
    assert_eq!(total(&a, 3), Num::int(30));
}

#[test]
fn m11_stage_ladder_and_converted_not_counted_twice() {
    let body = |keeps: &str| {
        format!("converted_proposal = \"{keeps}\"\n")
            + &cat("proposals", "")
            + &proposal_item("submitted", "10", "")
            + &proposal_item("filed", "15", "stages = [\"filed\"]")
            + &proposal_item("key", "10", "flags = [\"key\"]")
            + &proposal_item("excellent", "10", "flags = [\"excellent\"]")
            + &proposal_item("forwarded", "5", "flags = [\"forwarded_up\"]")
            + &cat("opinions", "")
            + "[[category.item]]\nkey = \"op\"\nname_zh = \"op\"\nname_en = \"op\"\nsource = \"opinion\"\non = \"submitted\"\npoints = 4\n"
    };
    let mut f = F::new(2024);
    f.members(&[1]);
    let p = f.proposal(1, "individual", "filed", &[(1, "lead")]);
    p.key = true;
    p.excellent = true;
    p.forwarded_up = true;
    f.proposal(2, "individual", "withdrawn", &[(1, "lead")]);
    f.proposal(3, "individual", "converted", &[(1, "lead")]);
    f.opinion(1, &[(1, "lead")], &[]).from_proposal = Some(3);
    // keeps "proposal": proposal 1: 10 + 15 + 10 + 10 + 5 = 50; withdrawn 0;
    // proposal 3 submitted 10; its report 0 (not counted twice): 60
    let a = run(&body("proposal"), &f);
    assert_eq!(total(&a, 1), Num::int(60));
    assert!(
        a.member(1)
            .unwrap()
            .lines
            .iter()
            .any(|l| l.source.kind == "opinion"
                && l.points.is_zero()
                && l.note.as_ref().unwrap().en.contains("not counted twice"))
    );
    // keeps "opinion": 50 + proposal 3 0 (not counted twice) + report 4 = 54
    let a = run(&body("opinion"), &f);
    assert_eq!(total(&a, 1), Num::int(54));
}

#[test]
fn m12_credit_splits() {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5, 6]);
    f.proposal(
        1,
        "joint",
        "filed",
        &[(1, "lead"), (2, "cosigner"), (3, "cosigner"), (4, "cosigner")],
    );
    // fixed per role: lead 15, co-signer 3
    let a = run(
        &(cat("p", "")
            + &proposal_item(
                "x",
                "0",
                "split = \"per_role\"\nrole_points = { lead = 15, cosigner = 3 }",
            )),
        &f,
    );
    assert_eq!(total(&a, 1), Num::int(15));
    assert_eq!(total(&a, 2), Num::int(3));
    // lead half, rest shared: 25 → 12.5 and 12.5 / 3 = 25/6 each
    let a = run(
        &(cat("p", "") + &proposal_item("x", "25", "split = \"lead_half\"")),
        &f,
    );
    assert_eq!(total(&a, 1), num("12.5"));
    assert_eq!(total(&a, 2), num("25/6"));
    // lead only: 25 and nothing
    let a = run(
        &(cat("p", "") + &proposal_item("x", "25", "split = \"lead_only\"")),
        &f,
    );
    assert_eq!(total(&a, 1), Num::int(25));
    assert!(a.member(2).unwrap().lines.is_empty());

    // collective: at most 3 main members (by order), sharing 30 → 10 each
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5]);
    f.proposal(
        1,
        "collective",
        "filed",
        &[
            (1, "main_member"),
            (2, "main_member"),
            (3, "main_member"),
            (4, "main_member"),
            (5, "main_member"),
        ],
    );
    let a = run(
        &(cat("p", "") + &proposal_item("x", "30", "split = \"shared\"\nmain_members = 3")),
        &f,
    );
    assert_eq!(total(&a, 3), Num::int(10));
    assert_eq!(total(&a, 4), Num::zero());
    assert!(
        a.member(4).unwrap().lines[0]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("first 3 main members")
    );

    // several roles on one record: highest credit, not the sum (15, not 15 + 3)
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.proposal(
        1,
        "joint",
        "filed",
        &[(1, "lead"), (2, "cosigner"), (1, "cosigner")],
    );
    let a = run(
        &(cat("p", "")
            + &proposal_item(
                "x",
                "0",
                "split = \"per_role\"\nrole_points = { lead = 15, cosigner = 3 }",
            )),
        &f,
    );
    assert_eq!(total(&a, 1), Num::int(15));
    assert!(
        a.member(1).unwrap().lines[0]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("highest credit")
    );
}

fn opinion_item(key: &str, on: &str, extra: &str) -> String {
    format!(
        "[[category.item]]\nkey = \"{key}\"\nname_zh = \"{key}\"\nname_en = \"{key}\"\nsource = \"opinion\"\non = \"{on}\"\n{extra}\n"
    )
}

#[test]
fn m13_opinion_adoption_ladders() {
    let lv = "level_points = { county = 2, city = 5, province = 10, national = 20 }";
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.opinion(1, &[(1, "lead")], &["county", "city"]);
    f.opinion(2, &[(1, "lead")], &[]);
    f.opinion(3, &[(2, "lead")], &["province"])
        .instructions
        .push(("city".into(), d("2024-07-01")));
    // summed (可累计): 1: 2 + 5 = 7; not adopted +1 for report 2: 8
    let rules = cat("o", "")
        + &opinion_item("adopted", "adopted", &format!("ladder = \"sum\"\n{lv}"))
        + &opinion_item("instructed", "instructed", "points = 8")
        + &opinion_item("not_adopted", "not_adopted", "points = 1");
    let a = run(&rules, &f);
    assert_eq!(total(&a, 1), Num::int(8));
    // 2: province 10 + city instruction 8 = 18
    assert_eq!(total(&a, 2), Num::int(18));
    // highest only: 1: city 5 (+1 not adopted) = 6
    let rules = cat("o", "")
        + &opinion_item("adopted", "adopted", &format!("ladder = \"highest\"\n{lv}"))
        + &opinion_item("not_adopted", "not_adopted", "points = 1");
    let a = run(&rules, &f);
    assert_eq!(total(&a, 1), Num::int(6));
    assert!(
        a.member(1).unwrap().lines[0]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("highest only")
    );
}

#[test]
fn m14_commendations_and_adjustments() {
    let rules = cat("honours", "")
        + "[[category.item]]\nkey = \"c\"\nname_zh = \"c\"\nname_en = \"c\"\nsource = \"commendation\"\nlevel_points = { national = 10, province = 8, city = 6, county = 4 }\n"
        + &cat("office", "")
        + "[[category.item]]\nkey = \"adj\"\nname_zh = \"adj\"\nname_en = \"adj\"\nsource = \"adjustment\"\n";
    let mut f = F::new(2024);
    f.members(&[1]);
    f.commend(1, 1, "province");
    f.commend(2, 1, "county");
    f.adjust(1, 1, "-3", "材料迟交");
    let a = run(&rules, &f);
    // 8 + 4 - 3 = 9
    assert_eq!(total(&a, 1), Num::int(9));
    assert!(
        a.member(1)
            .unwrap()
            .lines
            .iter()
            .any(|l| l.source.label.zh.contains("材料迟交"))
    );
}

#[test]
fn m15_minimum_requirements_and_or() {
    let rules = cat("all", "")
        + &att_item("plenary", "\"plenary\"", "\"present\"", "10", "")
        + &att_item("inspection", "\"inspection\"", "\"present\"", "2", "")
        + &att_item("research", "\"research\"", "\"present\"", "2", "")
        + &proposal_item("proposal", "5", "")
        + &opinion_item("opinion", "submitted", "points = 3")
        + r#"
[[gate]]
key = "basic"
name_zh = "基本要求"
name_en = "basic"
require = [
  { item = "plenary", min_count = 1 },
  { any = [ { item = "proposal", min_count = 1 }, { item = "opinion", min_count = 1 } ] },
  { items = ["inspection", "research"], min_count = 1 },
]

[grades]
fractional = "exact"
[[grades.band]]
name_zh = "优秀"
name_en = "Excellent"
min = 15
requires = ["basic"]
[[grades.band]]
name_zh = "合格"
name_en = "Pass"

[[flag]]
key = "basic_failed"
name_zh = "未达基本要求"
name_en = "basic requirements not met"
gate = "basic"
"#;
    let mut f = F::new(2024);
    f.members(&[1, 2]);
    f.act(1, "plenary", "2024-01-10", 2);
    f.act(2, "research", "2024-03-10", 1);
    f.act(3, "plenary", "2024-11-10", 2);
    f.att(1, 1, "present");
    f.att(2, 1, "present");
    f.opinion(1, &[(1, "lead")], &[]);
    f.att(1, 2, "present");
    f.att(3, 2, "present");
    f.proposal(1, "individual", "filed", &[(2, "lead")]);
    let a = run(&rules, &f);
    // 1: plenary 10 + research 2 + opinion 3 = 15, all met: 优秀
    assert_eq!(total(&a, 1), Num::int(15));
    assert_eq!(a.member(1).unwrap().grade_zh(), Some("优秀"));
    // 2: plenary 10 + 10 + proposal 5 = 25, no inspection or research: falls to 合格, flagged
    assert_eq!(total(&a, 2), Num::int(25));
    let m2 = a.member(2).unwrap();
    assert_eq!(m2.grade_zh(), Some("合格"));
    assert!(m2.has_flag("basic_failed"));
    assert!(m2.grade_note.is_some());
}

fn bands(fractional: &str) -> String {
    format!(
        "[grades]\nfractional = \"{fractional}\"\n[[grades.band]]\nname_zh = \"优秀\"\nname_en = \"A\"\nmin = 90\n[[grades.band]]\nname_zh = \"良好\"\nname_en = \"B\"\nmin = 80\nbelow = 90\n[[grades.band]]\nname_zh = \"称职\"\nname_en = \"C\"\nmin = 60\nbelow = 80\n[[grades.band]]\nname_zh = \"不称职\"\nname_en = \"D\"\nbelow = 60\n"
    )
}

#[test]
fn m16_grade_bands_and_fractional_rule() {
    let body = cat("office", "")
        + "[[category.item]]\nkey = \"adj\"\nname_zh = \"adj\"\nname_en = \"adj\"\nsource = \"adjustment\"\n";
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4]);
    f.adjust(1, 1, "89.5", "x");
    f.adjust(2, 2, "90", "x");
    f.adjust(3, 3, "59.5", "x");
    f.adjust(4, 4, "-5", "x");
    let g = |a: &Assessment, id| a.member(id).unwrap().grade_zh().map(String::from);
    // floor: 89.5 → 89 良好; 90 优秀; 59.5 → 59 不称职
    let a = run(&(body.clone() + &bands("floor")), &f);
    assert_eq!(g(&a, 1).as_deref(), Some("良好"));
    assert_eq!(g(&a, 2).as_deref(), Some("优秀"));
    assert_eq!(g(&a, 3).as_deref(), Some("不称职"));
    assert_eq!(g(&a, 4).as_deref(), Some("不称职"));
    // round half up: 89.5 → 90 优秀; 59.5 → 60 称职
    let a = run(&(body.clone() + &bands("round_half_up")), &f);
    assert_eq!(g(&a, 1).as_deref(), Some("优秀"));
    assert_eq!(g(&a, 3).as_deref(), Some("称职"));
    // exact: 89.5 < 90 良好; 59.5 < 60 不称职
    let a = run(&(body + &bands("exact")), &f);
    assert_eq!(g(&a, 1).as_deref(), Some("良好"));
    assert_eq!(g(&a, 3).as_deref(), Some("不称职"));
}

#[test]
fn m17_flags_line_years_running_and_term_counter() {
    let rules = cat("meetings", "")
        + &att_item("plenary", "\"plenary\"", "\"present\"", "70", "")
        + r#"
[[flag]]
key = "interview"
name_zh = "约谈"
name_en = "interview"
below = 60

[[flag]]
key = "resign"
name_zh = "劝辞"
name_en = "advise resignation"
below = 60
years_running = 2

[[flag]]
key = "absences"
name_zh = "届内三次缺席全会"
name_en = "3 plenary absences in the term"
term = { kinds = ["plenary"], statuses = ["absent"], at_least = 3 }
"#;
    let mut f = F::new(2024);
    f.members(&[1, 2, 3]);
    f.act(1, "plenary", "2022-01-10", 2);
    f.act(2, "plenary", "2023-01-10", 2);
    f.act(3, "plenary", "2024-01-10", 2);
    for a in [1, 2, 3] {
        f.att(a, 1, "absent");
    }
    f.att(1, 2, "absent");
    f.att(3, 2, "absent");
    f.att(3, 3, "present");
    f.past(1, 2023, 50);
    f.past(2, 2023, 75);
    let a = run(&rules, &f);
    let m1 = a.member(1).unwrap();
    // 1: 0 this year < 60 and 50 last year < 60: interview + resign; 3 absences over the term
    assert!(m1.has_flag("interview") && m1.has_flag("resign") && m1.has_flag("absences"));
    // 2: 0 < 60 but 75 last year: interview only; 2 absences
    let m2 = a.member(2).unwrap();
    assert!(m2.has_flag("interview") && !m2.has_flag("resign") && !m2.has_flag("absences"));
    // 3: 70: no flag
    assert!(a.member(3).unwrap().flags.is_empty());
}

#[test]
fn m18_subtotals_ranking_ties_and_quota() {
    let body = cat("a", "")
        + "[[category.item]]\nkey = \"adj\"\nname_zh = \"adj\"\nname_en = \"adj\"\nsource = \"adjustment\"\n"
        + &cat("b", "")
        + &att_item("plenary", "\"plenary\"", "\"present\"", "10", "");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5]);
    f.act(1, "plenary", "2024-01-10", 2);
    for (m, p) in [(1, "85"), (2, "82"), (3, "82"), (4, "70"), (5, "40")] {
        f.adjust(m, m, p, "x");
        f.att(1, m, "present");
    }
    // totals: 95, 92, 92, 80, 50
    let quota = |pct: u32| format!("[grades.quota]\ngrade = \"优秀\"\npercent = {pct}\n");
    let a = run(&(body.clone() + &bands("exact") + &quota(20)), &f);
    let m2 = a.member(2).unwrap();
    assert_eq!(m2.subtotal("a"), Some(Num::int(82)));
    assert_eq!(m2.subtotal("b"), Some(Num::int(10)));
    // competition ranking: 95 → 1, 92 → 2, 92 → 2, 80 → 4, 50 → 5
    let ranks: Vec<u32> = a.members.iter().map(|m| m.rank.unwrap()).collect();
    assert_eq!(ranks, vec![1, 2, 2, 4, 5]);
    // quota 20% of 5 = 1: only member 1 is 优秀; 2 and 3 (≥ 90) fall to 良好
    assert_eq!(a.member(1).unwrap().grade_zh(), Some("优秀"));
    assert_eq!(m2.grade_zh(), Some("良好"));
    assert!(m2.grade_note.is_some());
    // quota 40% = 2: member 1 fits; the tie 2 & 3 would make 3 > 2: both fall to 良好
    let a = run(&(body.clone() + &bands("exact") + &quota(40)), &f);
    assert_eq!(a.member(3).unwrap().grade_zh(), Some("良好"));
    // dense ranking: 1, 2, 2, 3, 4
    let a = run(&(body + "[ranking]\nties = \"dense\"\n"), &f);
    let ranks: Vec<u32> = a.members.iter().map(|m| m.rank.unwrap()).collect();
    assert_eq!(ranks, vec![1, 2, 2, 3, 4]);
}

#[test]
fn m19_exact_arithmetic_and_display_rounding() {
    let rules =
        "decimals = 2\n".to_string() + &cat("p", "") + &proposal_item("x", "25", "split = \"lead_half\"");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4]);
    f.proposal(
        1,
        "joint",
        "filed",
        &[(1, "lead"), (2, "cosigner"), (3, "cosigner"), (4, "cosigner")],
    );
    let a = run(&rules, &f);
    // 12.5 + 3 × 25/6 = 25 exactly
    let sum: Num = (1..=4).map(|i| total(&a, i)).sum();
    assert_eq!(sum, Num::int(25));
    assert_eq!(a.decimals, 2);
    assert_eq!(total(&a, 2).display(a.decimals), "4.17");
    assert_eq!(total(&a, 2).exact(), "25/6");
    assert_eq!(total(&a, 1).display(a.decimals), "12.50");
}

#[test]
fn m20_every_point_explained() {
    let rules = cat("meetings", "cap = 12") + &att_item("plenary", "\"plenary\"", "\"present\"", "5", "");
    let mut f = F::new(2024);
    f.members(&[1]);
    for i in 1..=3 {
        f.act(i, "plenary", &format!("2024-0{i}-10"), 2);
        f.att(i, 1, "present");
    }
    let a = run(&rules, &f);
    let m = a.member(1).unwrap();
    // 3 × 5 = 15, cap 12: three record lines and one cap line of -3
    assert_eq!(m.lines.len(), 4);
    let cap = m.lines.iter().find(|l| l.source.kind == "cap").unwrap();
    assert_eq!(cap.points, Num::int(-3));
    assert!(cap.note.as_ref().unwrap().zh.contains("最多 12"));
    let rec = &m.lines[0];
    assert_eq!(rec.source.kind, "attendance");
    assert_eq!(rec.source.id, Some(1));
    assert!(rec.rule.zh.contains("+5") && rec.rule.en.contains("+5"));
    assert!(rec.source.label.zh.contains("plenary 1"));
    assert_eq!(m.total, Num::int(12));
}

#[test]
fn eligibility_joined_left_and_missing_rows() {
    let rules = "[attendance]\nmissing = \"absent\"\ndue_kinds = [\"plenary\", \"standing\"]\n[eligibility]\njoined = \"flagged\"\nleft = \"not_assessed\"\nleft_reasons = { term_ended = \"assessed\" }\n".to_string()
        + &cat("meetings", "")
        + &att_item("present", "\"plenary\", \"standing\"", "\"present\"", "10", "")
        + &att_item("absent", "\"plenary\", \"standing\"", "\"absent\"", "-5", "");
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5]);
    f.standing(1, "2020-01-01", None);
    f.0.members[1].joined_on = Some(d("2024-06-01"));
    f.0.members[2].left_on = Some(d("2024-06-01"));
    f.0.members[2].left_reason = Some("resigned".into());
    f.0.members[3].left_on = Some(d("2024-10-01"));
    f.0.members[3].left_reason = Some("term_ended".into());
    f.0.members[4].left_on = Some(d("2023-06-01"));
    f.act(1, "plenary", "2024-01-10", 2);
    f.act(2, "standing", "2024-03-10", 1);
    f.act(3, "plenary", "2024-07-10", 1);
    f.att(1, 1, "present");
    let a = run(&rules, &f);
    // 1: plenary 1 present 10; no row for standing meeting 2 (standing member): -5;
    //    no row for plenary 3: -5 → 0
    assert_eq!(total(&a, 1), Num::zero());
    assert!(
        a.member(1).unwrap().lines[1]
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("no attendance row")
    );
    // 2: joined 2024-06-01: not due at 1 and 2 (before joining), missing at 3: -5; flagged
    let m2 = a.member(2).unwrap();
    assert_eq!(m2.total, Num::int(-5));
    assert!(m2.has_flag("joined_during_year") && m2.eligibility.reason.is_some());
    // 3: resigned in the year: not assessed, with a reason, no rank
    let m3 = a.member(3).unwrap();
    assert!(!m3.eligibility.assessed && m3.eligibility.reason.is_some() && m3.rank.is_none());
    // 4: term ended in October: assessed: absent at 1 and 3 (not standing): -10
    assert_eq!(total(&a, 4), Num::int(-10));
    // 5: left in 2023: not a member this year
    assert!(!a.member(5).unwrap().eligibility.assessed);
}

#[test]
fn outcomes_count_in_the_year_of_the_record_or_of_the_event() {
    let body = cat("outcomes", "")
        + &proposal_item("filed", "3", "stages = [\"filed\"]")
        + &proposal_item("key", "6", "stages = [\"filed\"]\nflags = [\"key\"]")
        + "[[category.item]]\nkey = \"adopted\"\nname_zh = \"采用\"\nname_en = \"adopted\"\nsource = \"opinion\"\non = \"adopted\"\nladder = \"sum\"\nlevel_points = { county = 2, city = 5, province = 10 }\n";
    let mut f = F::new(2023);
    f.members(&[1, 2]);
    // member 1: two filed proposals of 2023, one made key in 2023, one on 2024-02-01
    f.proposal(10, "individual", "filed", &[(1, "lead")]).key = true;
    f.0.proposals[0].key_on = Some(d("2024-02-01"));
    f.proposal(11, "individual", "filed", &[(1, "lead")]).key = true;
    // a report of 2023 adopted by the city in 2023 and by the province on 2024-01-10
    f.opinion(20, &[(1, "lead")], &[]).adoptions = vec![
        ("city".into(), d("2023-06-01")),
        ("province".into(), d("2024-01-10")),
    ];
    // member 2: a proposal of 2022 made key on 2023-03-01, a report of 2022 adopted 2023-01-15
    let mut late = F::new(2022);
    late.proposal(5, "individual", "filed", &[(2, "lead")]).key = true;
    late.0.proposals[0].key_on = Some(d("2023-03-01"));
    late.opinion(21, &[(2, "lead")], &[]).adoptions = vec![("county".into(), d("2023-01-15"))];
    f.0.late_proposals = late.0.proposals;
    f.0.late_opinions = late.0.opinions;

    // "record" (the default): the late records are not read;
    // 1: filed 2 × 3 = 6, key 2 × 6 = 12, adopted city 5 + province 10 = 15: 33; 2: 0
    let a = run(&body, &f);
    assert_eq!(total(&a, 1), Num::int(33));
    assert_eq!(total(&a, 2), Num::zero());
    let a = run(&format!("outcome_year = \"record\"\n{body}"), &f);
    assert_eq!(total(&a, 1), Num::int(33));

    // "event": 1: filed 6, key only proposal 11: 6, adopted city 5: 17;
    // 2: the late key 6 (not "filed": that is not an outcome) + the late county adoption 2: 8
    let a = run(&format!("outcome_year = \"event\"\n{body}"), &f);
    assert_eq!(total(&a, 1), Num::int(17));
    assert_eq!(total(&a, 2), Num::int(8));
    let lines = &a.member(2).unwrap().lines;
    assert!(
        lines
            .iter()
            .any(|l| l.source.label.en.contains("(2023-01-15; submitted 2022-03-01)")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l
            .source
            .label
            .en
            .contains("proposal of 2022; made key 2023-03-01")),
        "{lines:#?}"
    );
}

#[test]
fn outcome_year_takes_record_or_event_only() {
    let body = format!(
        "outcome_year = \"later\"\n{}",
        cat("c", "") + &proposal_item("p", "1", "")
    );
    let err = parse_rules(&format!("{HEAD}{body}"), &builtin_kinds()).unwrap_err();
    let text = format!("{err:?}");
    assert!(text.contains("outcome_year") && text.contains("later"), "{text}");
}
