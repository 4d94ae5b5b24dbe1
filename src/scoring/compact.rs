//! A member's result as stored: everything the reports need, without the explanation lines
//! (computed again on demand), and without what every member of the assessment shares.

use super::explain::{Eligibility, FlagOut, GateOut, MemberResult, Subtotal, Text};
use super::num::Num;
use super::rules::Scheme;
use serde::{Deserialize, Serialize};

/// What an assessment's members share: the names their gates, flags and grades carry unless a
/// member's own say more. Kept once, with the assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub gates: Vec<(String, Text)>,
    pub flags: Vec<(String, Text)>,
    pub grades: Vec<Text>,
    /// The parts whose caps or floors changed some member's points (shown as columns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown_parts: Vec<usize>,
}

impl Shared {
    pub fn of(scheme: &Scheme) -> Shared {
        Shared {
            gates: (scheme.gates.iter())
                .map(|g| (g.key.get_ref().clone(), Text::new(&g.name_zh, &g.name_en)))
                .collect(),
            flags: (scheme.flags.iter())
                .map(|f| (f.key.get_ref().clone(), Text::new(&f.name_zh, &f.name_en)))
                .collect(),
            grades: (scheme.grades.iter().flat_map(|g| &g.bands))
                .map(|b| Text::new(b.name_zh.get_ref(), &b.name_en))
                .collect(),
            shown_parts: Vec::new(),
        }
    }
}

/// A subtotal: its points when its key and name are the category's (or part's) at that place,
/// else whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum Sub {
    Points(Num),
    Whole(Subtotal),
}

/// A gate: key and whether passed when it has the shared name, else whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum Gate {
    Short(String, bool),
    Whole(GateOut),
}

/// A flag: its key when it has the shared name, else whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum Flag {
    Short(String),
    Whole(FlagOut),
}

/// The stored part of a member's result that has no column of its own (member id, assessed,
/// rank, total and grade do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compact {
    c: String,
    n: String,
    s: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    t: Vec<Sub>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    p: Vec<Sub>,
    /// The grade when it is not one of the shared grades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    g: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gn: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    gt: Vec<Gate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    f: Vec<Flag>,
}

/// The key and name of the category (or part) at each place, as the assessment lists them.
pub type Places<'a> = &'a [(String, Text)];

/// Owned [`Places`].
pub type PlaceList = Vec<(String, Text)>;

fn subs(list: &[Subtotal], places: Places) -> Vec<Sub> {
    list.iter()
        .enumerate()
        .map(|(i, s)| match places.get(i) {
            Some((k, n)) if *k == s.key && *n == s.name => Sub::Points(s.points),
            _ => Sub::Whole(s.clone()),
        })
        .collect()
}

fn unsubs(list: Vec<Sub>, places: Places) -> Option<Vec<Subtotal>> {
    list.into_iter()
        .enumerate()
        .map(|(i, s)| match s {
            Sub::Whole(s) => Some(s),
            Sub::Points(points) => places.get(i).map(|(k, n)| Subtotal {
                key: k.clone(),
                name: n.clone(),
                points,
            }),
        })
        .collect()
}

impl Compact {
    /// `m` without its lines, rank, total and grade (when shared), the shared names left out.
    pub fn of(m: &MemberResult, cats: Places, parts: Places, shared: &Shared) -> Compact {
        let shared_name =
            |list: &[(String, Text)], k: &str, n: &Text| list.iter().any(|(a, b)| a == k && b == n);
        Compact {
            c: m.code.clone(),
            n: m.name.clone(),
            s: m.sector.clone(),
            r: m.eligibility.reason.clone(),
            t: subs(&m.subtotals, cats),
            p: subs(&m.part_adjustments, parts),
            g: m.grade.clone().filter(|g| !shared.grades.contains(g)),
            gn: m.grade_note.clone(),
            gt: (m.gates.iter())
                .map(|g| match shared_name(&shared.gates, &g.key, &g.name) {
                    true => Gate::Short(g.key.clone(), g.passed),
                    false => Gate::Whole(g.clone()),
                })
                .collect(),
            f: (m.flags.iter())
                .map(|f| match shared_name(&shared.flags, &f.key, &f.text) {
                    true => Flag::Short(f.key.clone()),
                    false => Flag::Whole(f.clone()),
                })
                .collect(),
        }
    }

    /// The member's result (without lines) from its stored parts; None when they do not fit the
    /// assessment's categories or shared names (a damaged row).
    #[allow(clippy::too_many_arguments)]
    pub fn expand(
        self,
        member_id: i64,
        assessed: bool,
        rank: Option<u32>,
        total: Num,
        grade_zh: Option<&str>,
        cats: Places,
        parts: Places,
        shared: &Shared,
    ) -> Option<MemberResult> {
        let named =
            |list: &[(String, Text)], k: &str| list.iter().find(|(a, _)| a == k).map(|(_, t)| t.clone());
        let grade = match (self.g, grade_zh) {
            (Some(g), _) => Some(g),
            (None, Some(zh)) => Some(shared.grades.iter().find(|g| g.zh == zh)?.clone()),
            (None, None) => None,
        };
        Some(MemberResult {
            member_id,
            code: self.c,
            name: self.n,
            sector: self.s,
            eligibility: Eligibility {
                assessed,
                reason: self.r,
            },
            subtotals: unsubs(self.t, cats)?,
            part_adjustments: unsubs(self.p, parts)?,
            total,
            grade,
            grade_note: self.gn,
            gates: (self.gt.into_iter())
                .map(|g| match g {
                    Gate::Whole(g) => Some(g),
                    Gate::Short(key, passed) => Some(GateOut {
                        name: named(&shared.gates, &key)?,
                        key,
                        passed,
                    }),
                })
                .collect::<Option<_>>()?,
            flags: (self.f.into_iter())
                .map(|f| match f {
                    Flag::Whole(f) => Some(f),
                    Flag::Short(key) => Some(FlagOut {
                        text: named(&shared.flags, &key)?,
                        key,
                    }),
                })
                .collect::<Option<_>>()?,
            rank,
            lines: Vec::new(),
        })
    }
}

/// A scored member as held while a large committee is ranked: the numbers ranking needs and the
/// stored form of the rest, under 200 bytes whatever the member's records (64 of them here).
#[derive(Clone, Debug)]
pub struct Light {
    member_id: i64,
    total: Num,
    /// The [`Compact`] rest as JSON, then, when the member has flags, a newline and their keys as
    /// a JSON array.
    json: Box<str>,
    rank: Option<std::num::NonZeroU32>,
    /// One more than the index of the grade in [`Shared::grades`].
    grade: Option<std::num::NonZeroU16>,
    assessed: bool,
}

/// The places of an assessment's categories and parts, for [`Compact`].
pub fn places(a: &super::explain::Assessment) -> (PlaceList, PlaceList) {
    let of = |l: &[super::explain::CategoryInfo]| l.iter().map(|c| (c.key.clone(), c.name.clone())).collect();
    (of(&a.categories), of(&a.parts))
}

impl Light {
    pub fn of(m: &MemberResult, cats: Places, parts: Places, shared: &Shared) -> Light {
        let grade = m
            .grade
            .as_ref()
            .and_then(|g| shared.grades.iter().position(|x| x == g))
            .and_then(|i| std::num::NonZeroU16::new(i as u16 + 1));
        let c = Compact::of(m, cats, parts, shared);
        let mut json = serde_json::to_string(&c).unwrap_or_default();
        if !m.flags.is_empty() {
            let keys: Vec<&str> = m.flags.iter().map(|f| f.key.as_str()).collect();
            json.push('\n');
            json.push_str(&serde_json::to_string(&keys).unwrap_or_default());
        }
        Light {
            member_id: m.member_id,
            total: m.total,
            assessed: m.eligibility.assessed,
            rank: m.rank.and_then(std::num::NonZeroU32::new),
            grade,
            json: json.into_boxed_str(),
        }
    }

    pub fn member_id(&self) -> i64 {
        self.member_id
    }

    pub fn total(&self) -> Num {
        self.total
    }

    pub fn assessed(&self) -> bool {
        self.assessed
    }

    pub fn rank(&self) -> Option<u32> {
        self.rank.map(|r| r.get())
    }

    pub fn set_rank(&mut self, rank: u32) {
        self.rank = std::num::NonZeroU32::new(rank);
    }

    /// The grade's index in [`Shared::grades`].
    pub fn grade(&self) -> Option<u16> {
        self.grade.map(|g| g.get() - 1)
    }

    /// The flags' keys as a JSON array, when there are any.
    pub fn flags_json(&self) -> Option<&str> {
        self.json.split_once('\n').map(|(_, f)| f)
    }

    fn compact_json(&self) -> &str {
        self.json.split_once('\n').map_or(&self.json, |(c, _)| c)
    }

    /// Copies the stored form into memory of the calling thread: results made on worker
    /// threads, among the records they were read with, would otherwise keep those threads'
    /// freed pages in use.
    pub fn rehome(&mut self) {
        self.json = Box::from(&*self.json);
    }

    /// The grade's Chinese name (its code).
    pub fn grade_zh<'s>(&self, shared: &'s Shared) -> Option<&'s str> {
        self.grade()
            .and_then(|i| shared.grades.get(i as usize))
            .map(|g| g.zh.as_str())
    }

    /// The stored rest.
    pub fn compact(&self) -> Option<Compact> {
        serde_json::from_str(self.compact_json()).ok()
    }

    /// The stored rest as JSON.
    pub fn stored_json(&self) -> &str {
        self.compact_json()
    }

    /// The member's code and name, for ordering members of equal rank.
    pub fn code_name(&self) -> (String, String) {
        #[derive(Deserialize)]
        struct Cn {
            c: String,
            n: String,
        }
        serde_json::from_str::<Cn>(self.compact_json()).map_or_else(|_| Default::default(), |x| (x.c, x.n))
    }

    /// The member's gates as passed or not.
    pub fn gates(&self) -> Vec<(String, bool)> {
        self.compact().map_or_else(Vec::new, |c| {
            c.gt.into_iter()
                .map(|g| match g {
                    Gate::Short(k, p) => (k, p),
                    Gate::Whole(g) => (g.key, g.passed),
                })
                .collect()
        })
    }

    /// Sets a grade given by the quota, with its note.
    pub fn regrade(&mut self, grade: Option<Text>, note: Text, shared: &Shared) {
        let Some(mut c) = self.compact() else { return };
        let flags = self.flags_json().map(str::to_string);
        self.grade = grade
            .as_ref()
            .and_then(|g| shared.grades.iter().position(|x| x == g))
            .and_then(|i| std::num::NonZeroU16::new(i as u16 + 1));
        c.g = if self.grade.is_none() { grade } else { None };
        c.gn = Some(note);
        let mut json = serde_json::to_string(&c).unwrap_or_default();
        if let Some(f) = flags {
            json.push('\n');
            json.push_str(&f);
        }
        self.json = json.into_boxed_str();
    }

    /// The member's result without lines.
    pub fn result(&self, cats: Places, parts: Places, shared: &Shared) -> Option<MemberResult> {
        let grade = self.grade_zh(shared).map(str::to_string);
        self.compact()?.expand(
            self.member_id,
            self.assessed,
            self.rank(),
            self.total,
            grade.as_deref(),
            cats,
            parts,
            shared,
        )
    }
}

/// A member's total, grade (index in [`Shared::grades`]) and rank: what a comparison with
/// another result needs of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Brief {
    pub assessed: bool,
    pub total: Num,
    pub grade: Option<u16>,
    pub rank: Option<u32>,
}

impl Light {
    pub fn brief(&self) -> Brief {
        Brief {
            assessed: self.assessed,
            total: self.total,
            grade: self.grade(),
            rank: self.rank(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_light_result_is_64_bytes_and_keeps_its_flags_apart() {
        assert_eq!(std::mem::size_of::<Light>(), 64);
        let m = MemberResult {
            member_id: 7,
            code: "A7".into(),
            name: "王明".into(),
            sector: "经济界".into(),
            eligibility: Eligibility {
                assessed: true,
                reason: None,
            },
            subtotals: vec![Subtotal {
                key: "m".into(),
                name: Text::new("会议", "Meetings"),
                points: Num::int(10),
            }],
            part_adjustments: Vec::new(),
            total: Num::int(10),
            grade: Some(Text::new("优秀", "Excellent")),
            grade_note: None,
            gates: Vec::new(),
            flags: vec![FlagOut {
                key: "low".into(),
                text: Text::new("偏低", "low"),
            }],
            rank: Some(3),
            lines: Vec::new(),
        };
        let cats = vec![("m".to_string(), Text::new("会议", "Meetings"))];
        let shared = Shared {
            grades: vec![Text::new("良好", "Good"), Text::new("优秀", "Excellent")],
            ..Shared::default()
        };
        let l = Light::of(&m, &cats, &[], &shared);
        assert_eq!(l.flags_json(), Some(r#"["low"]"#));
        assert_eq!(
            (l.rank(), l.grade(), l.grade_zh(&shared)),
            (Some(3), Some(1), Some("优秀"))
        );
        assert_eq!(l.code_name(), ("A7".to_string(), "王明".to_string()));
        assert_eq!(l.result(&cats, &[], &shared), Some(m));
    }
}
