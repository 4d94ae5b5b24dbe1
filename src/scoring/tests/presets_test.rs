//! The three presets on a small committee, with totals worked out by hand.

use super::fixture::*;
use crate::scoring::*;

/// Six members, year 2024.
/// 1 standing; 4 standing; 5 joined on 2024-05-01.
fn committee() -> F {
    let mut f = F::new(2024);
    f.members(&[1, 2, 3, 4, 5, 6]);
    f.standing(1, "2022-01-01", None);
    f.standing(4, "2022-01-01", None);
    f.0.members[4].joined_on = Some(d("2024-05-01"));
    f.act(10, "plenary", "2023-01-15", 4); // last year: term counters only
    f.act(1, "plenary", "2024-01-15", 4);
    f.act(2, "standing", "2024-04-10", 1);
    f.act(3, "inspection", "2024-05-20", 1);
    f.act(4, "research", "2024-06-15", 2);
    f.act(5, "training", "2024-07-01", 4);
    f.act(6, "speech_written", "2024-01-15", 0);
    f.act(7, "consultation", "2024-09-10", 1);
    f.act(8, "welfare", "2024-10-01", 1);
    // member 1 attends everything, speaks at the plenary
    for a in 1..=8 {
        f.att(a, 1, "present");
    }
    f.0.attendance[0].role = "speaker".into();
    // member 2: late at the plenary (3 of 4 half-days), half the training, excused at 7
    f.att(1, 2, "late").half_days = Some(num("3"));
    f.att(3, 2, "present");
    f.att(4, 2, "present");
    f.att(5, 2, "present").half_days = Some(num("2"));
    f.att(7, 2, "excused");
    // member 3
    f.att(1, 3, "excused");
    f.att(3, 3, "present");
    // member 4: absent at the standing meeting
    f.att(1, 4, "present");
    f.att(2, 4, "absent");
    f.att(7, 4, "present");
    // member 5 (joined in May)
    f.att(3, 5, "present");
    f.att(4, 5, "present");
    f.att(8, 5, "present");
    // member 6
    f.att(1, 6, "absent");
    f.att(10, 6, "absent");

    let p = f.proposal(
        1,
        "joint",
        "filed",
        &[(1, "lead"), (2, "cosigner"), (3, "cosigner")],
    );
    p.key = true;
    f.proposal(2, "individual", "filed", &[(2, "lead")]).excellent = true;
    f.proposal(3, "individual", "not_filed", &[(3, "lead")]);
    f.proposal(
        4,
        "collective",
        "filed",
        &[
            (1, "main_member"),
            (2, "main_member"),
            (4, "main_member"),
            (5, "main_member"),
        ],
    );
    f.proposal(5, "individual", "converted", &[(4, "lead")]);
    f.proposal(6, "individual", "submitted", &[(1, "lead")])
        .forwarded_up = true;

    f.opinion(1, &[(1, "lead"), (2, "co_author")], &["city"]);
    f.opinion(2, &[(2, "lead")], &[]);
    f.opinion(3, &[(4, "lead")], &["province"]).from_proposal = Some(5);
    f.opinion(4, &[(6, "lead")], &["county"])
        .instructions
        .push(("city".into(), d("2024-08-01")));
    f.commend(1, 1, "city");
    f.adjust(1, 3, "3", "捐资助学");
    f.past(6, 2023, 40);
    f
}

fn run_preset(name: &str) -> Assessment {
    let p = preset(name).expect("preset");
    let s = super::scheme(p.text);
    let f = committee();
    let a = checked(&s, assess(&s, f.facts()));
    // the two-pass assessment gives the same result
    let two = Assessor::new(&s, f.facts());
    let mut b = two.summary(2);
    for (i, m) in b.members.iter_mut().enumerate() {
        m.lines = two.lines(i);
    }
    assert_eq!(a, b);
    a
}

fn ranks(a: &Assessment) -> Vec<Option<u32>> {
    a.members.iter().map(|m| m.rank).collect()
}

#[test]
fn tongcheng() {
    let a = run_preset("tongcheng-2019");
    // m1: meetings plenary 50.
    //     proposals: P1 lead half of 10 + 15 = 5 + 7.5; P4 collective, first 3 main members
    //     share: 10/3 + 15/3; P6 individual submitted 10 → 30 5/6, capped 25.
    //     activities: 5 × 2 + written speech 5 = 15, capped 10. opinions: O1 10 + 5 = 15.
    //     total 50 + 25 + 10 + 15 = 100
    let m1 = a.member(1).unwrap();
    assert_eq!(m1.subtotal("proposals"), Some(Num::int(25)));
    assert_eq!(m1.total, Num::int(100));
    assert_eq!(m1.grade_zh(), Some("优秀"));
    // m2: plenary (late) 50; proposals P1 co-signer ¼ × 25 = 6.25, P2 25, P4 25/3 → capped 25;
    //     activities 3 × 2 = 6; opinions O1 15 + O2 10 = 25 → 15. total 96
    assert_eq!(total(&a, 2), Num::int(96));
    // m3: plenary excused 30; proposals P1 6.25 + P3 (not filed) 10 = 16.25; activity 2;
    //     adjustment 3. total 51.25, floored 51 < 60: 不称职, interview
    let m3 = a.member(3).unwrap();
    assert_eq!(m3.total, num("51.25"));
    assert_eq!(m3.grade_zh(), Some("不称职"));
    assert!(m3.has_flag("interview") && !m3.has_flag("advise_resign"));
    // m4: plenary 50 - standing absence 5 = 45; proposals P4 25/3 + P5 (converted, scored as a
    //     proposal) 10 = 55/3; activity 2; report O3 from P5 not counted twice.
    //     total 45 + 55/3 + 2 = 196/3 = 65.33.., floored 65: 称职
    let m4 = a.member(4).unwrap();
    assert_eq!(m4.total, num("196/3"));
    assert_eq!(m4.total.display(a.decimals), "65.3");
    assert_eq!(m4.grade_zh(), Some("称职"));
    // m5: joined in May: flagged; the plenary was before; 4th main member of P4: 0;
    //     activities 3 × 2 = 6
    let m5 = a.member(5).unwrap();
    assert_eq!(m5.total, Num::int(6));
    assert!(m5.has_flag("joined_during_year"));
    // m6: plenary absent 0; O4 10 + 5 = 15; below 60 this year and 40 last year: advise resign
    let m6 = a.member(6).unwrap();
    assert_eq!(m6.total, Num::int(15));
    assert!(m6.has_flag("advise_resign"));
    // ranks: 100, 96, 51.25, 65.33, 6, 15
    assert_eq!(
        ranks(&a),
        vec![Some(1), Some(2), Some(4), Some(3), Some(6), Some(5)]
    );
}

#[test]
fn minhang() {
    let a = run_preset("minhang");
    // m1: plenary 4 half-days × 5 = 20; meetings 2,3,4,7,8 × 5 = 25 + full training 10 = 35;
    //     filed once: max(P1 lead 15, P4 member 3) = 15; key P1 lead 15 → 30;
    //     O1 2 + city 10 = 12. total 97
    let m1 = a.member(1).unwrap();
    assert_eq!(m1.total, Num::int(97));
    // quota: 10% of 6 assessed = 0.6 → 0 places for 优秀: m1 falls to 称职
    assert_eq!(m1.grade_zh(), Some("称职"));
    assert!(m1.grade_note.is_some());
    // m2: 3 half-days × 5 = 15; 3,4 × 5 = 10 + partial training 5 = 15;
    //     filed once 15 (P2 lead); key P1 co-signer 3; excellent P2 lead 10 → 28;
    //     O1 2 + 10, O2 2 → 14. total 72, requirements met: 称职
    let m2 = a.member(2).unwrap();
    assert_eq!(m2.total, Num::int(72));
    assert_eq!(m2.grade_zh(), Some("称职"));
    assert!(!m2.has_flag("basic_not_met"));
    // m3: no plenary; inspection 5; filed once P1 co-signer 3, key 3 → 11; requirements not met
    let m3 = a.member(3).unwrap();
    assert_eq!(m3.total, Num::int(11));
    assert!(m3.has_flag("basic_not_met"));
    assert_eq!(m3.grade_zh(), Some("基本称职"));
    // m4: 20 + 5 + P4 member 3 = 28; its report came from its own proposal: not counted,
    //     so no opinion report: requirements not met
    assert_eq!(total(&a, 4), Num::int(28));
    assert!(a.member(4).unwrap().has_flag("basic_not_met"));
    // m5: 3 × 5 + P4 member 3 = 18; m6: O4 2 + county 5 = 7
    assert_eq!(total(&a, 5), Num::int(18));
    assert_eq!(total(&a, 6), Num::int(7));
    assert_eq!(
        ranks(&a),
        vec![Some(1), Some(2), Some(5), Some(3), Some(4), Some(6)]
    );
}

#[test]
fn yanbian() {
    let a = run_preset("yanbian-2022");
    // m1: proposals once 10; filed P1 + P4 (first named of a collective) 20; key P1 10;
    //     forwarded P6 10 → 50. reports: once 5, O1 adopted 10 → 15.
    //     meetings: plenary 10 + speech 5 + standing 5 + 3,4,5,7 × 3 = 12 + written 5
    //     + welfare 3 → 40. total 105
    let m1 = a.member(1).unwrap();
    assert_eq!(m1.subtotal("meetings"), Some(Num::int(40)));
    assert_eq!(m1.total, Num::int(105));
    assert_eq!(m1.grade, None);
    // m2: once 10 + P2 filed 10 = 20; O1 co-author 5 + 10 = 15; plenary 10 + 3 × 3 = 19 → 54
    assert_eq!(total(&a, 2), Num::int(54));
    // m3: once 10; inspection 3 → 13
    assert_eq!(total(&a, 3), Num::int(13));
    // m4: P5 converted: scored as report O3 only: 5 + 10 + province 10 = 25; plenary 10 + 3 → 38
    let m4 = a.member(4).unwrap();
    assert_eq!(m4.total, Num::int(38));
    assert!(
        m4.lines
            .iter()
            .any(|l| l.source.kind == "proposal" && l.note.is_some())
    );
    // m5: 3 × 3 = 9, flagged as joined in the year
    assert_eq!(total(&a, 5), Num::int(9));
    assert!(a.member(5).unwrap().has_flag("joined_during_year"));
    // m6: plenary absent -5; O4 5 + 10 + city instruction 10 = 25 → 20
    assert_eq!(total(&a, 6), Num::int(20));
    assert_eq!(
        ranks(&a),
        vec![Some(1), Some(2), Some(5), Some(3), Some(6), Some(4)]
    );
}
