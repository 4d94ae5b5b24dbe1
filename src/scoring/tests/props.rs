//! Property tests: lines add up, caps and floors hold, input order does not matter.

use super::fixture::*;
use crate::scoring::*;
use chrono::NaiveDate;
use proptest::prelude::*;

/// A small deterministic generator (xorshift), so a proptest seed describes a whole committee.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn date(&mut self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 1 + self.below(12) as u32, 1 + self.below(28) as u32).expect("date")
    }
}

pub(super) fn random_facts(seed: u64) -> Facts {
    let mut r = Rng(seed | 1);
    let mut f = F::new(2024);
    let nm = 1 + r.below(6) as i64;
    for id in 1..=nm {
        let m = f.member(id);
        if r.chance(15) {
            m.joined_on = Some(r.date(2024));
        }
        if r.chance(15) {
            let y = if r.chance(50) { 2024 } else { 2023 };
            m.left_on = Some(r.date(y));
            m.left_reason = Some(r.pick(rules::LEAVE_REASONS).into());
        }
        if r.chance(40) {
            let from = r.date(2023);
            let to = if r.chance(30) { Some(r.date(2024)) } else { None };
            m.standing.push((from, to));
        }
    }
    let kinds = [
        "plenary",
        "standing",
        "inspection",
        "research",
        "training",
        "speech_written",
        "consultation",
        "welfare",
        "chair",
    ];
    let na = r.below(9) as i64;
    for id in 1..=na {
        let y = if r.chance(20) { 2023 } else { 2024 };
        let start = r.date(y);
        let kind = r.pick(&kinds);
        f.0.activities.push(ActivityFact {
            id,
            kind: kind.into(),
            title: format!("活动{id}"),
            start_on: start,
            end_on: start,
            half_days: r.below(5) as u32,
            standing_only: kind == "standing",
            all_due: kind == "plenary" || kind == "standing",
        });
        for m in 1..=nm {
            if r.chance(70) {
                let st = r.pick(rules::STATUSES);
                let a = f.att(id, m, st);
                if r.chance(30) {
                    a.half_days = Some(Num::frac(r.below(9) as i64, 2));
                }
                a.role = r.pick(rules::ATTENDANCE_ROLES).into();
                if r.chance(20) {
                    a.leave_reason = Some(if r.chance(50) { "公务" } else { "病假" }.into());
                }
            }
        }
    }
    let authors = |r: &mut Rng, roles: &[&str]| -> Vec<(i64, String)> {
        let k = 1 + r.below(5);
        (0..k)
            .map(|_| (1 + r.below(nm as u64) as i64, r.pick(roles).to_string()))
            .collect()
    };
    for id in 1..=r.below(7) as i64 {
        let au = authors(&mut r, rules::PROPOSAL_ROLES);
        let au: Vec<(i64, &str)> = au.iter().map(|(m, s)| (*m, s.as_str())).collect();
        let kind = r.pick(rules::PROPOSAL_KINDS);
        let stage = r.pick(rules::STAGES);
        let p = f.proposal(id, kind, stage, &au);
        p.key = r.chance(30);
        p.excellent = r.chance(20);
        p.forwarded_up = r.chance(20);
    }
    for id in 1..=r.below(6) as i64 {
        let au = authors(&mut r, rules::OPINION_ROLES);
        let au: Vec<(i64, &str)> = au.iter().map(|(m, s)| (*m, s.as_str())).collect();
        let lv: Vec<&str> = (0..r.below(3)).map(|_| r.pick(rules::LEVELS)).collect();
        let o = f.opinion(id, &au, &lv);
        if r.chance(30) {
            o.instructions.push((
                rules::LEVELS[r.below(4) as usize].into(),
                NaiveDate::from_ymd_opt(2024, 5, 5).expect("date"),
            ));
        }
        if r.chance(25) {
            o.from_proposal = Some(1 + r.below(4) as i64);
        }
    }
    for id in 1..=r.below(4) as i64 {
        let m = 1 + r.below(nm as u64) as i64;
        let l = r.pick(rules::LEVELS);
        f.commend(id, m, l);
    }
    for id in 1..=r.below(4) as i64 {
        let m = 1 + r.below(nm as u64) as i64;
        let p = format!("{}/{}", r.below(41) as i64 - 20, 1 + r.below(4));
        f.adjust(id, m, &p, "调整");
    }
    for m in 1..=nm {
        if r.chance(50) {
            f.past(m, 2023, r.below(100) as i64);
        }
    }
    f.0
}

fn shuffle<T>(v: &mut [T], r: &mut Rng) {
    for i in (1..v.len()).rev() {
        let j = r.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
}

fn shuffled(facts: &Facts, seed: u64) -> Facts {
    let mut r = Rng(seed | 1);
    let mut f = facts.clone();
    shuffle(&mut f.members, &mut r);
    shuffle(&mut f.activities, &mut r);
    shuffle(&mut f.attendance, &mut r);
    shuffle(&mut f.proposals, &mut r);
    for p in &mut f.proposals {
        shuffle(&mut p.authors, &mut r);
    }
    shuffle(&mut f.opinions, &mut r);
    for o in &mut f.opinions {
        shuffle(&mut o.authors, &mut r);
        shuffle(&mut o.adoptions, &mut r);
    }
    shuffle(&mut f.commendations, &mut r);
    shuffle(&mut f.adjustments, &mut r);
    shuffle(&mut f.history, &mut r);
    f
}

/// A scheme that uses most modifiers at once.
const STRESS: &str = r#"
[scheme]
name = "stress"
title_zh = "压力测试"
title_en = "stress"
decimals = 2

[attendance]
missing = "absent"
due_kinds = ["plenary", "standing"]
absent_below = "2/3"
exempt_reasons = ["公务"]

[eligibility]
joined = "flagged"
left = "assessed"
left_reasons = { deceased = "not_assessed" }

[[part]]
key = "bonus"
name_zh = "加分"
name_en = "bonus"
cap = 12
floor = -5

[[category]]
key = "meetings"
name_zh = "会议"
name_en = "meetings"
base = 20
cap = 30
floor = 0

[[category.item]]
key = "plenary"
name_zh = "全会"
name_en = "plenary"
source = "attendance"
kinds = ["plenary"]
statuses = ["present", "late"]
per = "half_day"
points = "5/3"

[[category.item]]
key = "absent"
name_zh = "缺席"
name_en = "absent"
source = "attendance"
statuses = ["absent"]
member = "standing"
points = -7
floor = -15

[[category.item]]
key = "acts"
name_zh = "活动"
name_en = "activities"
source = "attendance"
kinds = ["inspection", "research", "training", "consultation"]
statuses = ["present", "late", "left_early"]
points = 7.5
threshold = { count = 3, points = 20 }

[[category]]
key = "proposals"
name_zh = "提案"
name_en = "proposals"
cap = 25

[[category.item]]
key = "once"
name_zh = "提交"
name_en = "submitted"
source = "proposal"
points = 10
once = true
split = "lead_half"

[[category.item]]
key = "filed"
name_zh = "立案"
name_en = "filed"
source = "proposal"
stages = ["filed", "merged"]
points = 25
split = "lead_half"
main_members = 3
from_nth = 2
cap = 30

[[category.item]]
key = "key"
name_zh = "重点"
name_en = "key"
source = "proposal"
flags = ["key"]
split = "per_role"
role_points = { lead = 15, cosigner = 3, main_member = 2 }

[[category]]
key = "opinions"
name_zh = "信息"
name_en = "opinions"
cap = 15

[[category.item]]
key = "adopted"
name_zh = "采用"
name_en = "adopted"
source = "opinion"
on = "adopted"
ladder = "sum"
split = "shared"
level_points = { county = 1, city = 3, province = 7, national = 11 }

[[category.item]]
key = "high"
name_zh = "批示"
name_en = "instructed"
source = "opinion"
on = "adopted_or_instructed"
levels = ["national"]
ladder = "highest"
points = 4

[[category]]
key = "honours"
name_zh = "表彰"
name_en = "honours"
part = "bonus"

[[category.item]]
key = "commended"
name_zh = "表彰"
name_en = "commended"
source = "commendation"
level_points = { national = 10, province = 8, city = 6, county = 4 }

[[category]]
key = "office"
name_zh = "调整"
name_en = "office"
part = "bonus"
floor = -4

[[category.item]]
key = "adj"
name_zh = "调整"
name_en = "adjustment"
source = "adjustment"

[[gate]]
key = "basic"
name_zh = "基本"
name_en = "basic"
require = [ { item = "plenary", min_count = 1 }, { any = [ { item = "once", min_count = 1 }, { category = "opinions", min_points = 1 } ] } ]

[grades]
fractional = "round_half_up"

[[grades.band]]
name_zh = "优秀"
name_en = "A"
min = 50
requires = ["basic"]

[[grades.band]]
name_zh = "合格"
name_en = "B"
min = 20
below = 50

[[grades.band]]
name_zh = "不合格"
name_en = "C"

[grades.quota]
grade = "优秀"
percent = 50

[[flag]]
key = "low"
name_zh = "低"
name_en = "low"
below = 20
years_running = 2

[[flag]]
key = "term"
name_zh = "缺席"
name_en = "absences"
term = { kinds = ["plenary", "standing"], statuses = ["absent"], at_least = 2 }

[ranking]
ties = "dense"
"#;

fn schemes() -> Vec<Scheme> {
    let mut v: Vec<Scheme> = presets().iter().map(|p| super::scheme(p.text)).collect();
    v.push(super::scheme(STRESS));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn lines_add_up_caps_hold_and_order_does_not_matter(seed in any::<u64>(), shuffle_seed in any::<u64>()) {
        let facts = random_facts(seed);
        let other = shuffled(&facts, shuffle_seed);
        for s in schemes() {
            // `checked` asserts: Σ lines = total, Σ subtotals + part adjustments = total,
            // every category within its cap and floor
            let a = checked(&s, assess(&s, &facts));
            for m in &a.members {
                for (p, adj) in s.parts.iter().zip(&m.part_adjustments) {
                    let raw: Num = s.categories.iter()
                        .filter(|c| c.part.as_ref().map(|x| x.get_ref()) == Some(p.key.get_ref()))
                        .map(|c| m.subtotal(c.key.get_ref()).unwrap_or_default())
                        .sum();
                    let part = raw + adj.points;
                    if let Some(cap) = &p.cap { prop_assert!(part <= cap.get_ref().0); }
                    if let Some(fl) = &p.floor { prop_assert!(part >= fl.get_ref().0); }
                }
                if !m.eligibility.assessed {
                    prop_assert!(m.lines.is_empty() && m.rank.is_none() && m.eligibility.reason.is_some());
                }
            }
            let b = assess(&s, &other);
            prop_assert_eq!(&a, &b);
            // the two-pass assessment (summary without lines, then each member's lines), on one
            // thread or two, gives the same members
            let two = Assessor::new(&s, &facts);
            for threads in [1, 2] {
                let mut c = two.summary(threads);
                prop_assert!(c.members.iter().all(|m| m.lines.is_empty()));
                for (i, m) in c.members.iter_mut().enumerate() {
                    m.lines = two.lines(i);
                }
                prop_assert_eq!(&a, &c);
            }
        }
    }
}
