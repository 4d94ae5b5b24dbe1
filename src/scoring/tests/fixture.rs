//! Terse builders for test facts.

use crate::scoring::*;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn num(s: &str) -> Num {
    Num::parse(s).expect("number")
}

pub struct F(pub Facts);

impl F {
    pub fn new(year: i32) -> F {
        F(Facts {
            year,
            ..Default::default()
        })
    }

    pub fn facts(&self) -> &Facts {
        &self.0
    }

    pub fn member(&mut self, id: i64) -> &mut MemberFacts {
        self.0.members.push(MemberFacts {
            id,
            code: format!("M{id:03}"),
            name: format!("委员{id}"),
            sector: "教育界".into(),
            ..Default::default()
        });
        self.0.members.last_mut().expect("pushed")
    }

    pub fn members(&mut self, ids: &[i64]) {
        for id in ids {
            self.member(*id);
        }
    }

    pub fn standing(&mut self, id: i64, from: &str, to: Option<&str>) {
        let m = self.0.members.iter_mut().find(|m| m.id == id).expect("member");
        m.standing.push((d(from), to.map(d)));
    }

    pub fn act(&mut self, id: i64, kind: &str, date: &str, half_days: u32) {
        self.0.activities.push(ActivityFact {
            id,
            kind: kind.into(),
            title: format!("{kind} {id}"),
            start_on: d(date),
            end_on: d(date),
            half_days,
            standing_only: kind == "standing",
            all_due: kind == "plenary" || kind == "standing",
        });
    }

    pub fn att(&mut self, act: i64, member: i64, status: &str) -> &mut AttendanceFact {
        self.0.attendance.push(AttendanceFact {
            activity_id: act,
            member_id: member,
            status: status.to_string().into(),
            half_days: None,
            role: "participant".into(),
            leave_reason: None,
        });
        self.0.attendance.last_mut().expect("pushed")
    }

    /// authors: (member, role) in order
    pub fn proposal(
        &mut self,
        id: i64,
        kind: &str,
        stage: &str,
        authors: &[(i64, &str)],
    ) -> &mut ProposalFact {
        self.0.proposals.push(ProposalFact {
            id,
            number: Some(format!("{id}")),
            title: format!("提案{id}"),
            kind: kind.into(),
            stage: stage.into(),
            year: self.0.year,
            submitted_on: None,
            key: false,
            excellent: false,
            key_on: None,
            excellent_on: None,
            forwarded_up: false,
            authors: authors
                .iter()
                .enumerate()
                .map(|(i, (m, r))| Author {
                    member_id: *m,
                    role: (*r).into(),
                    order: i as u32 + 1,
                })
                .collect(),
        });
        self.0.proposals.last_mut().expect("pushed")
    }

    pub fn opinion(&mut self, id: i64, authors: &[(i64, &str)], adopted: &[&str]) -> &mut OpinionFact {
        self.0.opinions.push(OpinionFact {
            id,
            title: format!("信息{id}"),
            submitted_on: NaiveDate::from_ymd_opt(self.0.year, 3, 1).expect("date"),
            authors: authors
                .iter()
                .enumerate()
                .map(|(i, (m, r))| Author {
                    member_id: *m,
                    role: (*r).into(),
                    order: i as u32 + 1,
                })
                .collect(),
            adoptions: adopted
                .iter()
                .map(|l| ((*l).into(), NaiveDate::from_ymd_opt(2024, 6, 1).expect("date")))
                .collect(),
            instructions: Vec::new(),
            from_proposal: None,
        });
        self.0.opinions.last_mut().expect("pushed")
    }

    /// A contribution of `kind` dated in June of the year; authors in order (lead first).
    pub fn contribution(&mut self, id: i64, kind: &str, level: Option<&str>, authors: &[i64]) {
        self.0.contributions.push(ContributionFact {
            id,
            kind: kind.into(),
            kind_zh: kind.into(),
            kind_en: kind.into(),
            title: format!("成果{id}"),
            done_on: NaiveDate::from_ymd_opt(self.0.year, 6, 1).expect("date"),
            level: level.map(Into::into),
            authors: authors
                .iter()
                .enumerate()
                .map(|(i, m)| Author {
                    member_id: *m,
                    role: if i == 0 { "lead" } else { "co_author" }.into(),
                    order: i as u32 + 1,
                })
                .collect(),
        });
    }

    pub fn commend(&mut self, id: i64, member: i64, level: &str) {
        self.0.commendations.push(CommendationFact {
            id,
            member_id: member,
            level: level.into(),
            awarded_on: d("2024-12-01"),
            reason: format!("表彰{id}"),
        });
    }

    pub fn adjust(&mut self, id: i64, member: i64, points: &str, reason: &str) {
        self.0.adjustments.push(AdjustmentFact {
            id,
            member_id: member,
            points: num(points),
            reason: reason.into(),
        });
    }

    pub fn past(&mut self, member: i64, year: i32, total: i64) {
        self.0.history.push(PastResult {
            member_id: member,
            year,
            total: Num::int(total),
            grade: None,
            flags: Vec::new(),
        });
    }
}

/// Check the invariants every assessment must hold, then return it.
pub fn checked(s: &Scheme, a: Assessment) -> Assessment {
    for m in &a.members {
        let sum: Num = m.lines.iter().map(|l| l.points).sum();
        assert_eq!(sum, m.total, "lines of member {} do not add up", m.member_id);
        let sub: Num = m.subtotals.iter().map(|x| x.points).sum::<Num>()
            + m.part_adjustments.iter().map(|x| x.points).sum::<Num>();
        assert_eq!(sub, m.total, "subtotals of member {} do not add up", m.member_id);
        if m.eligibility.assessed {
            for (c, st) in s.categories.iter().zip(&m.subtotals) {
                assert_eq!(c.key.get_ref(), &st.key);
                if let Some(cap) = &c.cap {
                    assert!(st.points <= cap.get_ref().0, "category {} over its cap", st.key);
                }
                if let Some(fl) = &c.floor {
                    assert!(st.points >= fl.get_ref().0, "category {} under its floor", st.key);
                }
            }
        }
    }
    a
}

pub const HEAD: &str = "[scheme]\nname = \"test\"\ntitle_zh = \"测试\"\ntitle_en = \"test\"\n";

/// Parse HEAD + body, assess, check invariants.
pub fn run(body: &str, f: &F) -> Assessment {
    let s = super::scheme(&format!("{HEAD}{body}"));
    checked(&s, assess(&s, f.facts()))
}

pub fn total(a: &Assessment, id: i64) -> Num {
    a.member(id).expect("member").total
}
