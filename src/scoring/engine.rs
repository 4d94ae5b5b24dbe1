//! The assessment: facts in, explained results out.

use super::compact::{Light, Shared};
use super::explain::*;
use super::facts::*;
use super::num::Num;
use super::rules::{Band, Category, Cond, Item, LEVELS, NumLit, Scheme};
use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use toml::Spanned;

fn n(v: &Option<Spanned<NumLit>>) -> Option<Num> {
    v.as_ref().map(|s| s.get_ref().0)
}

fn s(v: &Option<Spanned<String>>) -> Option<&str> {
    v.as_ref().map(|x| x.get_ref().as_str())
}

fn list(v: &Option<Vec<Spanned<String>>>) -> Option<Vec<&str>> {
    v.as_ref()
        .map(|l| l.iter().map(|x| x.get_ref().as_str()).collect())
}

fn present_like(status: &str) -> bool {
    crate::domain::service::attended_code(status)
}

/// One attendance record of a member after the scheme's attendance rules were applied.
#[derive(Clone, Debug)]
struct Att<'f> {
    act: &'f ActivityFact,
    /// The activity's date in Chinese and ISO form (computed once per activity).
    dates: &'f (String, String),
    status: &'f str,
    role: &'f str,
    attended: Num,
    missed: Num,
    fraction: Num,
    note: Option<Text>,
}

/// A scored unit before item modifiers: one record (or one adoption) for one member.
#[derive(Clone, Debug)]
struct Unit {
    kind: &'static str,
    id: Option<i64>,
    label: Text,
    value: Num,
    note: Option<Text>,
    /// false: shown (with its note) but not counted, e.g. not counted twice.
    counts: bool,
}

/// Share of a record's points a member receives.
#[derive(Clone, Copy, Debug)]
enum Credit {
    Share(Num),
    Fixed(Num),
}

struct Ctx<'a> {
    scheme: &'a Scheme,
    facts: &'a Facts,
    acts: Vec<&'a ActivityFact>,
    /// Attendance rows as (member id, activity id, row), sorted by member, activity, then status,
    /// role, half-days and leave reason (rows equal in all of these in the facts' order): a
    /// member's rows are one run, found by binary search, and an activity's rows a run in it.
    att: Vec<(i64, i64, &'a AttendanceFact)>,
    /// Each member's proposals and reports (by id, once each), so that scoring a member does not
    /// scan every record of the committee.
    proposals_of: HashMap<i64, Vec<&'a ProposalFact>>,
    opinions_of: HashMap<i64, Vec<&'a OpinionFact>>,
    contributions_of: HashMap<i64, Vec<&'a ContributionFact>>,
    commendations_of: HashMap<i64, Vec<&'a CommendationFact>>,
    adjustments_of: HashMap<i64, Vec<&'a AdjustmentFact>>,
    converted_pids: HashSet<i64>,
    proposal_ids: HashSet<i64>,
    /// Each item's rule text, by category and item index: the same for every member.
    rules: Vec<Vec<Text>>,
    /// Each activity's date as labels show it (Chinese, ISO), by index in `acts`.
    act_dates: Vec<(String, String)>,
    /// Items by key, for conditions.
    items: HashMap<&'a str, &'a Item>,
    /// Earlier years' records, by year, for counts over the term or several years.
    earlier: HashMap<i32, Ctx<'a>>,
    /// Earlier final results by member and year.
    history: HashMap<(i64, i32), &'a PastResult>,
}

/// Assess every member of `facts` under `scheme`.
pub fn assess(scheme: &Scheme, facts: &Facts) -> Assessment {
    let a = Assessor::new(scheme, facts);
    let results = a.members.iter().map(|m| a.ctx.member(m, true)).collect();
    a.finish(results)
}

/// A year's assessment in two passes, for committees too large to hold every member's
/// explanation lines at once: [`Assessor::summary`] scores every member and keeps their results
/// without lines; [`Assessor::lines`] scores one member again and gives their lines. A summary's
/// member with the lines of the same index is exactly that member's result from [`assess`]:
/// a member's lines and total depend only on their own records, and ranking and the quota change
/// only rank, grade and grade note.
pub struct Assessor<'a> {
    ctx: Ctx<'a>,
    /// By member id, the order of [`Assessment::members`].
    members: Vec<&'a MemberFacts>,
    /// An exact operation overflowed: the result must not be used (see [`Assessor::check`]).
    overflow: std::sync::atomic::AtomicBool,
}

impl<'a> Assessor<'a> {
    pub fn new(scheme: &'a Scheme, facts: &'a Facts) -> Assessor<'a> {
        let mut members: Vec<&MemberFacts> = facts.members.iter().collect();
        members.sort_by_key(|m| m.id);
        super::num::take_overflow();
        let ctx = Ctx::new(scheme, facts);
        let overflow = std::sync::atomic::AtomicBool::new(super::num::take_overflow());
        Assessor {
            ctx,
            members,
            overflow,
        }
    }

    /// Notes an overflow on this thread since the last look.
    fn note_overflow(&self) {
        if super::num::take_overflow() {
            self.overflow.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// An error when exact arithmetic overflowed anywhere in this assessment: the totals
    /// would be wrong, so there is no result.
    pub fn check(&self) -> crate::error::Result<()> {
        self.note_overflow();
        if self.overflow.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(crate::error::Error::data(crate::text!(
                "考核办法中的分数太精细，精确计算超出了范围，没有得出结果（不会给出错误的总分）",
                "the scheme's fractions are too fine: exact arithmetic overflowed, so there is no result (rather than a wrong total)"
            ))
            .with_hint(crate::text!(
                "把考核办法中的分值写成较简单的小数或分数（如 0.25、1/3），再用 lvzhi rules set 设定",
                "write the scheme's points as simpler decimals or fractions (such as 0.25 or 1/3) and set it again with `lvzhi rules set`"
            )));
        }
        Ok(())
    }

    /// Every member ranked and graded, with no explanation lines; scored on up to `threads`
    /// threads (the result does not depend on how many).
    pub fn summary(&self, threads: usize) -> Assessment {
        let score = |ms: &[&MemberFacts]| -> Vec<MemberResult> {
            super::num::take_overflow();
            let r = ms.iter().map(|m| self.ctx.member(m, false)).collect();
            self.note_overflow();
            r
        };
        let threads = threads.clamp(1, 8);
        let results = if threads == 1 || self.members.len() < 2 {
            score(&self.members)
        } else {
            let chunk = self.members.len().div_ceil(threads);
            std::thread::scope(|sc| {
                let parts: Vec<_> = self
                    .members
                    .chunks(chunk)
                    .map(|c| sc.spawn(move || score(c)))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|h| h.join().expect("scoring thread"))
                    .collect()
            })
        };
        let done = self.finish(results);
        self.note_overflow();
        done
    }

    /// Every member's result without lines, unranked, by id, on this thread: one part of a large
    /// committee, ranked with the others by [`rank_light`].
    pub fn scored(&self) -> Vec<MemberResult> {
        super::num::take_overflow();
        let r = self.members.iter().map(|m| self.ctx.member(m, false)).collect();
        self.note_overflow();
        r
    }

    /// The member `id`'s result with its explanation lines, unranked; None when the facts do
    /// not hold that member.
    pub fn explained(&self, id: i64) -> Option<MemberResult> {
        let m = self.members.iter().find(|m| m.id == id)?;
        let r = self.ctx.member(m, true);
        self.note_overflow();
        Some(r)
    }

    /// The explanation lines of the `i`-th member of [`Assessor::summary`]'s members.
    pub fn lines(&self, i: usize) -> Vec<Line> {
        let lines = self.ctx.member(self.members[i], true).lines;
        self.note_overflow();
        lines
    }

    /// Ranks, applies the quota and adds the scheme's header to members' results (by id).
    fn finish(&self, mut results: Vec<MemberResult>) -> Assessment {
        let (scheme, facts) = (self.ctx.scheme, self.ctx.facts);
        rank(scheme, &mut results);
        apply_quota(scheme, &Shared::of(scheme), &mut results);
        assessment(scheme, facts.year, results)
    }
}

impl<'a> Ctx<'a> {
    fn new(scheme: &'a Scheme, facts: &'a Facts) -> Ctx<'a> {
        let mut acts: Vec<&ActivityFact> = facts.activities.iter().collect();
        acts.sort_by_key(|a| (a.start_on, a.id));
        let mut att: Vec<(i64, i64, &AttendanceFact)> = facts
            .attendance
            .iter()
            .map(|a| (a.member_id, a.activity_id, a))
            .collect();
        // stable: rows equal in every key keep the facts' order
        att.sort_by(|(am, aa, a), (bm, ba, b)| {
            (am, aa, &a.status, &a.role, a.half_days, &a.leave_reason).cmp(&(
                bm,
                ba,
                &b.status,
                &b.role,
                b.half_days,
                &b.leave_reason,
            ))
        });
        let mut proposals: Vec<&ProposalFact> = facts.proposals.iter().collect();
        proposals.sort_by_key(|p| p.id);
        let mut opinions: Vec<&OpinionFact> = facts.opinions.iter().collect();
        opinions.sort_by_key(|o| o.id);
        let (proposal_ids, converted_pids) = match &facts.links {
            Some(l) => (
                l.proposals.iter().copied().collect(),
                l.converted.iter().copied().collect(),
            ),
            None => (
                proposals.iter().map(|p| p.id).collect(),
                opinions.iter().filter_map(|o| o.from_proposal).collect(),
            ),
        };
        // earlier years' records with outcomes dated in this year, scored for those outcomes only
        if scheme.outcome_in_event_year() {
            proposals.extend(facts.late_proposals.iter().filter(|p| p.year < facts.year));
            proposals.sort_by_key(|p| (p.year, p.id));
            let subs = |o: &&OpinionFact| o.submitted_on.year() < facts.year;
            opinions.extend(facts.late_opinions.iter().filter(subs));
            opinions.sort_by_key(|o| (o.submitted_on.year(), o.id));
        }
        let mut proposals_of: HashMap<i64, Vec<&ProposalFact>> = HashMap::default();
        for p in &proposals {
            let mut ids: Vec<i64> = p.authors.iter().map(|a| a.member_id).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                proposals_of.entry(id).or_default().push(p);
            }
        }
        let mut opinions_of: HashMap<i64, Vec<&OpinionFact>> = HashMap::default();
        for o in &opinions {
            let mut ids: Vec<i64> = o.authors.iter().map(|a| a.member_id).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                opinions_of.entry(id).or_default().push(o);
            }
        }
        let mut contributions_of: HashMap<i64, Vec<&ContributionFact>> = HashMap::default();
        for c in &facts.contributions {
            let mut ids: Vec<i64> = c.authors.iter().map(|a| a.member_id).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                contributions_of.entry(id).or_default().push(c);
            }
        }
        for list in contributions_of.values_mut() {
            list.sort_by_key(|c| (c.done_on, c.id));
        }
        let mut commendations_of: HashMap<i64, Vec<&CommendationFact>> = HashMap::default();
        for c in &facts.commendations {
            commendations_of.entry(c.member_id).or_default().push(c);
        }
        let mut adjustments_of: HashMap<i64, Vec<&AdjustmentFact>> = HashMap::default();
        for a in &facts.adjustments {
            adjustments_of.entry(a.member_id).or_default().push(a);
        }
        let rules = scheme
            .categories
            .iter()
            .map(|c| c.items.iter().map(rule_text).collect())
            .collect();
        let act_dates = acts
            .iter()
            .map(|a| (date_zh(a.start_on), a.start_on.to_string()))
            .collect();
        let items = scheme
            .categories
            .iter()
            .flat_map(|c| &c.items)
            .map(|it| (it.key.get_ref().as_str(), it))
            .collect();
        let earlier = facts
            .earlier
            .iter()
            .filter(|f| f.year < facts.year)
            .map(|f| (f.year, Ctx::new(scheme, f)))
            .collect();
        Ctx {
            scheme,
            facts,
            acts,
            rules,
            act_dates,
            items,
            earlier,
            att,
            proposals_of,
            opinions_of,
            contributions_of,
            commendations_of,
            adjustments_of,
            converted_pids,
            proposal_ids,
            history: facts.history.iter().map(|h| ((h.member_id, h.year), h)).collect(),
        }
    }
}

/// The assessment of ranked and graded members' results.
/// The assessment of `year` under `scheme` with no member yet: its title, categories and parts.
pub fn header(scheme: &Scheme, year: i32) -> Assessment {
    assessment(scheme, year, Vec::new())
}

fn assessment(scheme: &Scheme, year: i32, results: Vec<MemberResult>) -> Assessment {
    let cat_info = |c: &Category| CategoryInfo {
        key: c.key.get_ref().clone(),
        name: Text::new(&c.name_zh, &c.name_en),
        part: s(&c.part).map(String::from),
        cap: n(&c.cap),
    };
    Assessment {
        scheme: scheme.scheme.name.clone(),
        title: Text::new(&scheme.scheme.title_zh, &scheme.scheme.title_en),
        year,
        decimals: scheme.decimals(),
        categories: scheme.categories.iter().map(cat_info).collect(),
        parts: scheme
            .parts
            .iter()
            .map(|p| CategoryInfo {
                key: p.key.get_ref().clone(),
                name: Text::new(&p.name_zh, &p.name_en),
                part: None,
                cap: n(&p.cap),
            })
            .collect(),
        ranking_rule: if dense(scheme) {
            Text::new(
                "按总分从高到低排名；总分相同者名次相同，下一名次紧接（1、1、2）",
                "ranked by total, highest first; equal totals share a rank and the next rank follows on (1, 1, 2)",
            )
        } else {
            Text::new(
                "按总分从高到低排名；总分相同者名次相同，其后名次顺延（1、1、3）",
                "ranked by total, highest first; equal totals share a rank and the next rank skips (1, 1, 3)",
            )
        },
        members: results,
    }
}

/// "会议基础分 70", or "基础分 70" for a category that is itself named a base (基础分, 基本分).
fn base_rule(c: &Category, b: Num) -> Text {
    let zh = if c.name_zh.ends_with("基础分") || c.name_zh.ends_with("基本分") {
        format!("{} {b}", c.name_zh)
    } else {
        format!("{}基础分 {b}", c.name_zh)
    };
    let en = if c.name_en.to_lowercase().contains("base") || c.name_en.to_lowercase().contains("basic") {
        format!("{} {b}", c.name_en)
    } else {
        format!("{} starts at {b}", c.name_en)
    };
    Text::new(zh, en)
}

fn dense(scheme: &Scheme) -> bool {
    s(&scheme.ranking.ties) == Some("dense")
}

#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Elig {
    Assessed,
    Flagged,
    NotAssessed,
}

fn elig_of(v: Option<&str>, default: Elig) -> Elig {
    match v {
        Some("assessed") => Elig::Assessed,
        Some("flagged") => Elig::Flagged,
        Some("not_assessed") => Elig::NotAssessed,
        _ => default,
    }
}

fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

impl<'a> Ctx<'a> {
    /// A member's result; without `explain`, its lines are left out (and their texts not made).
    fn member(&self, m: &MemberFacts, explain: bool) -> MemberResult {
        let year = self.facts.year;
        let ys = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let ye = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        let mut result = MemberResult {
            member_id: m.id,
            code: m.code.clone(),
            name: m.name.clone(),
            sector: m.sector.clone(),
            eligibility: Eligibility {
                assessed: true,
                reason: None,
            },
            subtotals: Vec::new(),
            part_adjustments: Vec::new(),
            total: Num::zero(),
            grade: None,
            grade_note: None,
            gates: Vec::new(),
            flags: Vec::new(),
            rank: None,
            lines: Vec::new(),
        };
        // --- eligibility ---
        let el = &self.scheme.eligibility;
        let mut verdict = Elig::Assessed;
        let mut reasons_zh = Vec::new();
        let mut reasons_en = Vec::new();
        let mut elig_flags = Vec::new();
        if m.joined_on.is_some_and(|j| j > ye) || m.left_on.is_some_and(|l| l <= ys) {
            verdict = Elig::NotAssessed;
            reasons_zh.push(format!("{year}年内不是委员"));
            reasons_en.push(format!("not a member during {year}"));
        } else {
            if let Some(j) = m.joined_on.filter(|j| *j > ys) {
                let v = elig_of(s(&el.joined), Elig::Assessed);
                verdict = verdict.max(v);
                reasons_zh.push(format!("{}年内加入", date_zh(j)));
                reasons_en.push(format!("joined during the year on {j}"));
                if v == Elig::Flagged {
                    elig_flags.push(FlagOut {
                        key: "joined_during_year".into(),
                        text: Text::new("年内新任委员", "joined during the year"),
                    });
                }
            }
            if let Some(l) = m.left_on.filter(|l| *l <= ye) {
                let reason = m.left_reason.as_deref().unwrap_or("");
                let per_reason = el.left_reasons.get(reason).map(|v| v.get_ref().as_str());
                let v = elig_of(per_reason.or(s(&el.left)), Elig::NotAssessed);
                verdict = verdict.max(v);
                let reason_zh = match reason {
                    "resigned" => "辞去委员",
                    "disqualified" => "撤销委员资格",
                    "deceased" => "去世",
                    "moved" => "调离",
                    "term_ended" => "届满",
                    other => other,
                };
                reasons_zh.push(format!("{}离任（{}）", date_zh(l), reason_zh));
                reasons_en.push(format!("left on {l} ({})", reason.replace('_', " ")));
                if v == Elig::Flagged {
                    elig_flags.push(FlagOut {
                        key: "left_during_year".into(),
                        text: Text::new("年内离任委员", "left during the year"),
                    });
                }
            }
        }
        if !reasons_zh.is_empty() {
            let (vz, ve) = match verdict {
                Elig::Assessed => ("照常考核", "assessed in full"),
                Elig::Flagged => ("考核并标记", "assessed and flagged"),
                Elig::NotAssessed => ("不参加考核", "not assessed"),
            };
            result.eligibility.reason = Some(Text::new(
                format!("{}：{}", reasons_zh.join("；"), vz),
                format!("{}: {}", reasons_en.join("; "), ve),
            ));
        }
        if verdict == Elig::NotAssessed {
            result.eligibility.assessed = false;
            return result;
        }
        result.flags.extend(elig_flags);

        // --- attendance records of this member over the term ---
        let atts = self.attendance_of(m);
        let standing = m.standing_in(year);

        // --- categories ---
        let mut item_counts: HashMap<&str, usize> = HashMap::default();
        let mut item_points: HashMap<&str, Num> = HashMap::default();
        let mut cat_points: HashMap<&str, Num> = HashMap::default();
        for (ci, c) in self.scheme.categories.iter().enumerate() {
            let ckey = c.key.get_ref().as_str();
            let cname = Text::new(&c.name_zh, &c.name_en);
            // the category's lines are added to the member's lines, from `start` on
            let lines = &mut result.lines;
            let start = lines.len();
            if let Some(b) = n(&c.base) {
                lines.push(if !explain {
                    Line::blank(b)
                } else {
                    Line {
                        category: ckey.into(),
                        item: None,
                        item_name: cname.clone(),
                        source: SourceRef {
                            kind: "base".into(),
                            id: None,
                            label: Text::new("基础分", "base points"),
                        },
                        rule: base_rule(c, b),
                        points: b,
                        note: None,
                    }
                });
            }
            let mut sums: Vec<Num> = Vec::with_capacity(c.items.len());
            for (ii, it) in c.items.iter().enumerate() {
                let units = self.item_units(it, m, year, &atts, None, explain);
                let (count, sum) = apply_item(lines, ckey, it, &self.rules[ci][ii], units, explain);
                item_counts.insert(it.key.get_ref(), count);
                item_points.insert(it.key.get_ref(), sum);
                sums.push(sum);
            }
            best_of_lines(lines, c, &sums, explain);
            let raw: Num = lines[start..].iter().map(|l| l.points).sum();
            let limits = (n(&c.cap), n(&c.floor));
            limit_lines(lines, raw, limits, ckey, None, &cname, explain);
            let sub: Num = lines[start..].iter().map(|l| l.points).sum();
            cat_points.insert(ckey, sub);
            result.subtotals.push(Subtotal {
                key: ckey.into(),
                name: cname,
                points: sub,
            });
        }
        for p in &self.scheme.parts {
            let pkey = p.key.get_ref().as_str();
            let raw: Num = self
                .scheme
                .categories
                .iter()
                .filter(|c| s(&c.part) == Some(pkey))
                .map(|c| cat_points[c.key.get_ref().as_str()])
                .sum();
            let pname = Text::new(&p.name_zh, &p.name_en);
            let start = result.lines.len();
            let limits = (n(&p.cap), n(&p.floor));
            limit_lines(&mut result.lines, raw, limits, pkey, None, &pname, explain);
            result.part_adjustments.push(Subtotal {
                key: pkey.into(),
                name: pname,
                points: result.lines[start..].iter().map(|l| l.points).sum(),
            });
        }
        result.total = result.lines.iter().map(|l| l.points).sum();
        if !explain {
            result.lines = Vec::new();
        }

        // --- gates ---
        let mut gate_pass: HashMap<&str, bool> = HashMap::default();
        let ev = Eval {
            counts: &item_counts,
            points: &item_points,
            cats: &cat_points,
            m,
            atts: &atts,
            standing,
        };
        for g in &self.scheme.gates {
            let mut name = Text::new(&g.name_zh, &g.name_en);
            let ok = if applies(s(&g.applies_to), standing) {
                let ok = g.require.iter().all(|c| self.eval(c.get_ref(), &ev));
                // counts over earlier years are not in the lines: the name says them
                let far: Vec<Text> = g
                    .require
                    .iter()
                    .filter(|c| reaches_back(c.get_ref()))
                    .map(|c| self.describe(c.get_ref(), &ev))
                    .collect();
                if !far.is_empty() {
                    name = Text::new(
                        format!(
                            "{}（{}）",
                            name.zh,
                            far.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("；")
                        ),
                        format!(
                            "{} ({})",
                            name.en,
                            far.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join("; ")
                        ),
                    );
                }
                ok
            } else {
                name = not_applicable(name, standing);
                true
            };
            gate_pass.insert(g.key.get_ref(), ok);
            result.gates.push(GateOut {
                key: g.key.get_ref().clone(),
                name,
                passed: ok,
            });
        }

        // --- grade ---
        let compared = compared_value(self.scheme, result.total);
        if let Some(gr) = &self.scheme.grades {
            let (band, note) = pick_band(&gr.bands, compared, &gate_pass, None);
            result.grade = band.map(|b| Text::new(b.name_zh.get_ref(), &b.name_en));
            result.grade_note = note;
        }

        // --- flags ---
        for f in &self.scheme.flags {
            let mut name = Text::new(&f.name_zh, &f.name_en);
            let raised = if !applies(s(&f.applies_to), standing) {
                false
            } else if let Some(c) = &f.when {
                let held = self.eval(c.get_ref(), &ev);
                if held {
                    let d = self.describe(c.get_ref(), &ev);
                    name = Text::new(
                        format!("{}（{}）", name.zh, d.zh),
                        format!("{} ({})", name.en, d.en),
                    );
                }
                held
            } else if let Some(line) = n(&f.below) {
                let years = f.years_running.as_ref().map(|y| *y.get_ref()).unwrap_or(1);
                compared < line
                    && (1..years as i32).all(|k| {
                        self.history
                            .get(&(m.id, year - k))
                            .is_some_and(|h| compared_value(self.scheme, h.total) < line)
                    })
            } else if let Some(g) = s(&f.gate) {
                gate_pass.get(g) == Some(&false)
            } else if let Some(t) = &f.term {
                let kinds: Vec<&str> = t.kinds.iter().map(|k| k.get_ref().as_str()).collect();
                let sts: Vec<&str> = t.statuses.iter().map(|k| k.get_ref().as_str()).collect();
                let c = atts
                    .iter()
                    .filter(|a| self.facts.term_start.is_none_or(|t| a.act.start_on >= t))
                    .filter(|a| kinds.contains(&a.act.kind.as_str()) && sts.contains(&a.status))
                    .count();
                c >= *t.at_least.get_ref() as usize
            } else {
                false
            };
            if raised {
                result.flags.push(FlagOut {
                    key: f.key.get_ref().clone(),
                    text: name,
                });
            }
        }
        result
    }

    /// The member's attendance over all activities of the term, after missing-row, partial
    /// attendance and exemption rules.
    fn attendance_of(&self, m: &MemberFacts) -> Vec<Att<'_>> {
        let ar = &self.scheme.attendance;
        let missing_absent = s(&ar.missing) == Some("absent");
        let due: Vec<&str> = ar.due_kinds.iter().map(|k| k.get_ref().as_str()).collect();
        let absent_below = n(&ar.absent_below);
        let mut out = Vec::new();
        let from = self.att.partition_point(|x| x.0 < m.id);
        let mine = &self.att[from..];
        let mine = &mine[..mine.partition_point(|x| x.0 == m.id)];
        for (act, dates) in self.acts.iter().copied().zip(&self.act_dates) {
            let hd = Num::int(act.half_days as i64);
            let first = mine.partition_point(|x| x.1 < act.id);
            let here = &mine[first..];
            let here = &here[..here.partition_point(|x| x.1 == act.id)];
            let rows = (!here.is_empty()).then(|| here.iter().map(|x| x.2));
            match rows {
                None => {
                    if missing_absent
                        && due.contains(&act.kind.as_str())
                        && m.member_on(act.start_on)
                        && (act.kind != "standing" || m.standing_on(act.start_on))
                    {
                        out.push(Att {
                            act,
                            dates,
                            status: "absent",
                            role: "participant",
                            attended: Num::zero(),
                            missed: hd,
                            fraction: Num::zero(),
                            note: Some(Text::new(
                                "无考勤记录，按缺席计",
                                "no attendance row: counted as absent",
                            )),
                        });
                    }
                }
                Some(rows) => {
                    for r in rows {
                        let pl = present_like(&r.status);
                        if !pl
                            && r.leave_reason
                                .as_ref()
                                .is_some_and(|lr| ar.exempt_reasons.contains(lr))
                        {
                            continue; // exempt reason: not due
                        }
                        let attended = r
                            .half_days
                            .unwrap_or(if pl { hd } else { Num::zero() })
                            .max(Num::zero());
                        let fraction = if act.half_days == 0 {
                            if pl { Num::int(1) } else { Num::zero() }
                        } else {
                            attended / hd
                        };
                        let mut status: &str = &r.status;
                        let mut note = None;
                        if let Some(b) = absent_below
                            && pl
                            && fraction < b
                        {
                            note = Some(Text::new(
                                format!(
                                    "{}，出席 {}/{} 个半天，不足 {}，按缺席计",
                                    status_zh(status),
                                    attended,
                                    act.half_days,
                                    b
                                ),
                                format!(
                                    "{}, attended {}/{} half-days, below {}: counted as absent",
                                    status_en(status),
                                    attended,
                                    act.half_days,
                                    b
                                ),
                            ));
                            status = "absent";
                        }
                        out.push(Att {
                            act,
                            dates,
                            status,
                            role: &r.role,
                            attended,
                            missed: (hd - attended).max(Num::zero()),
                            fraction,
                            note,
                        });
                    }
                }
            }
        }
        out
    }

    fn units(&self, it: &Item, m: &MemberFacts, atts: &[&Att], explain: bool) -> Vec<Unit> {
        match it.source.get_ref().as_str() {
            "attendance" => attendance_units(it, m, atts, explain),
            "proposal" => self.proposal_units(it, m),
            "opinion" => self.opinion_units(it, m),
            "contribution" => self.contribution_units(it, m),
            "commendation" => {
                let levels = list(&it.levels);
                let mut cs: Vec<&CommendationFact> = self
                    .commendations_of
                    .get(&m.id)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|c| levels.as_ref().is_none_or(|l| l.contains(&c.level.as_str())))
                    .collect();
                cs.sort_by_key(|c| (c.awarded_on, c.id));
                cs.iter()
                    .map(|c| Unit {
                        kind: "commendation",
                        id: Some(c.id),
                        label: Text::new(
                            format!(
                                "{}表彰：{}（{}）",
                                level_zh(&c.level),
                                c.reason,
                                date_zh(c.awarded_on)
                            ),
                            format!("{} commendation: {} ({})", c.level, c.reason, c.awarded_on),
                        ),
                        value: level_value(it, &c.level),
                        note: None,
                        counts: true,
                    })
                    .collect()
            }
            "adjustment" => {
                let mut adj: Vec<&AdjustmentFact> = self
                    .adjustments_of
                    .get(&m.id)
                    .into_iter()
                    .flatten()
                    .copied()
                    .collect();
                adj.sort_by_key(|a| a.id);
                adj.iter()
                    .map(|a| Unit {
                        kind: "adjustment",
                        id: Some(a.id),
                        label: Text::new(
                            format!("办公室调整：{}", a.reason),
                            format!("office adjustment: {}", a.reason),
                        ),
                        value: a.points,
                        note: Some(Text::new(
                            format!("理由：{}", a.reason),
                            format!("reason: {}", a.reason),
                        )),
                        counts: true,
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn proposal_units(&self, it: &Item, m: &MemberFacts) -> Vec<Unit> {
        let kinds = list(&it.kinds);
        let stages = list(&it.stages);
        let flags = list(&it.flags).unwrap_or_default();
        let opinion_keeps = s(&self.scheme.scheme.converted_proposal) == Some("opinion");
        let year = self.facts.year;
        let event = self.scheme.outcome_in_event_year();
        // under "event", a mark counts only in the year it is dated in
        let marked = |p: &ProposalFact, excellent: bool| {
            let on = if excellent { p.excellent } else { p.key };
            on && (!event || p.outcome_year(excellent) == year)
        };
        let mut out = Vec::new();
        for p in self.proposals_of.get(&m.id).into_iter().flatten() {
            if kinds.as_ref().is_some_and(|k| !k.contains(&p.kind.as_str())) {
                continue;
            }
            let late = p.year != year;
            // an earlier year's proposal scores only for a mark it got this year
            if late && !flags.iter().any(|f| matches!(*f, "key" | "excellent")) {
                continue;
            }
            let stage_ok = match &stages {
                Some(st) => st.contains(&p.stage.as_str()),
                None => p.stage != "withdrawn",
            };
            let flags_ok = flags.iter().all(|f| match *f {
                "key" => marked(p, false),
                "excellent" => marked(p, true),
                "forwarded_up" => p.forwarded_up,
                _ => false,
            });
            if !stage_ok || !flags_ok {
                continue;
            }
            let label = Text::new(
                format!(
                    "提案{}《{}》",
                    p.number.as_deref().map(|x| format!(" {x} ")).unwrap_or_default(),
                    p.title
                ),
                format!(
                    "proposal {}\u{201c}{}\u{201d}",
                    p.number.as_deref().map(|x| format!("{x} ")).unwrap_or_default(),
                    p.title
                ),
            );
            let label = match proposal_dates(p, &flags, year) {
                Some(d) => Text::new(
                    format!("{}（{}）", label.zh, d.zh),
                    format!("{} ({})", label.en, d.en),
                ),
                None => label,
            };
            if opinion_keeps && self.converted_pids.contains(&p.id) {
                out.push(Unit {
                    kind: "proposal",
                    id: Some(p.id),
                    label,
                    value: Num::zero(),
                    note: Some(Text::new(
                        "该提案已转为社情民意信息，按社情民意计分，不重复计分",
                        "converted to an opinion report and scored as one: not counted twice",
                    )),
                    counts: false,
                });
                continue;
            }
            let collective = p.kind == "collective";
            if let Some((credit, note)) = credit_for(it, &p.authors, m.id, collective, p.kind == "individual")
            {
                let value = match credit {
                    Credit::Share(f) => f * n(&it.points).unwrap_or_default(),
                    Credit::Fixed(v) => v,
                };
                let counts = !matches!(credit, Credit::Share(f) if f.is_zero() && note.is_some());
                out.push(Unit {
                    kind: "proposal",
                    id: Some(p.id),
                    label: with_share("proposal", label, &p.authors, m.id, credit),
                    value,
                    note,
                    counts,
                });
            }
        }
        out
    }

    /// A member's contributions of the item's kinds and levels, in date order, each credited by
    /// the item's split like a report's authors; a contribution's value is its level's points
    /// (`level_points`), else `points`.
    fn contribution_units(&self, it: &Item, m: &MemberFacts) -> Vec<Unit> {
        let kinds = list(&it.kinds);
        let levels = list(&it.levels);
        let mut out = Vec::new();
        for c in self.contributions_of.get(&m.id).into_iter().flatten() {
            if kinds.as_ref().is_some_and(|k| !k.contains(&c.kind.as_str())) {
                continue;
            }
            let level = c.level.as_deref();
            if levels
                .as_ref()
                .is_some_and(|l| level.is_none_or(|x| !l.contains(&x)))
            {
                continue;
            }
            let Some((credit, note)) = credit_for(it, &c.authors, m.id, false, c.authors.len() == 1) else {
                continue;
            };
            let (lzh, len) = match level {
                Some(l) => (format!("，{}", level_zh(l)), format!(", {l} level")),
                None => (String::new(), String::new()),
            };
            let label = Text::new(
                format!("{}《{}》（{}{lzh}）", c.kind_zh, c.title, date_zh(c.done_on)),
                format!("{} \u{201c}{}\u{201d} ({}{len})", c.kind_en, c.title, c.done_on),
            );
            let base = level.map_or_else(|| n(&it.points).unwrap_or_default(), |l| level_value(it, l));
            let value = match credit {
                Credit::Share(f) => f * base,
                Credit::Fixed(v) => v,
            };
            out.push(Unit {
                kind: "contribution",
                id: Some(c.id),
                label: with_share("contribution", label, &c.authors, m.id, credit),
                value,
                note,
                counts: true,
            });
        }
        out
    }

    fn opinion_units(&self, it: &Item, m: &MemberFacts) -> Vec<Unit> {
        let on = s(&it.on).unwrap_or("submitted");
        let levels = list(&it.levels);
        let ilevels = list(&it.instructed_levels);
        let highest = s(&it.ladder) != Some("sum");
        let proposal_keeps = s(&self.scheme.scheme.converted_proposal) != Some("opinion");
        let year = self.facts.year;
        let event = self.scheme.outcome_in_event_year();
        // under "event", an outcome counts only in the year it is dated in
        let counted = |d: &NaiveDate| !event || d.year() == year;
        let mut out = Vec::new();
        for o in self.opinions_of.get(&m.id).into_iter().flatten() {
            let late = o.submitted_on.year() != year;
            if late && (on == "submitted" || on == "not_adopted") {
                continue;
            }
            let label = Text::new(
                format!("社情民意《{}》", o.title),
                format!("opinion report \u{201c}{}\u{201d}", o.title),
            );
            // events: (zh, en, level, value)
            let mut events: Vec<(String, String, Num)> = Vec::new();
            let lvl_ok = |l: &str, f: &Option<Vec<&str>>| f.as_ref().is_none_or(|v| v.contains(&l));
            let mut adoptions: Vec<&(String, NaiveDate)> =
                o.adoptions.iter().filter(|(_, d)| counted(d)).collect();
            adoptions.sort();
            let mut instr: Vec<&(String, NaiveDate)> =
                o.instructions.iter().filter(|(_, d)| counted(d)).collect();
            instr.sort();
            // an outcome dated in another year than the report names the day it was submitted
            let sub = o.submitted_on;
            let when = |d: NaiveDate| {
                if d.year() == sub.year() {
                    (date_zh(d), d.to_string())
                } else {
                    (
                        format!("{}，{}报送", date_zh(d), date_zh(sub)),
                        format!("{d}; submitted {sub}"),
                    )
                }
            };
            match on {
                "submitted" => events.push((
                    "报送".into(),
                    "submitted".into(),
                    n(&it.points).unwrap_or_default(),
                )),
                "not_adopted" => {
                    if adoptions.is_empty() {
                        events.push((
                            "未采用".into(),
                            "not adopted".into(),
                            n(&it.points).unwrap_or_default(),
                        ))
                    }
                }
                _ => {
                    if on == "adopted" || on == "adopted_or_instructed" {
                        for (l, d) in &adoptions {
                            if lvl_ok(l, &levels) {
                                let (wz, we) = when(*d);
                                events.push((
                                    format!("{}采用（{wz}）", level_zh(l)),
                                    format!("adopted at {l} level ({we})"),
                                    level_value(it, l),
                                ));
                            }
                        }
                    }
                    if on == "instructed" || on == "adopted_or_instructed" {
                        let f = if on == "instructed" { &levels } else { &ilevels };
                        for (l, d) in &instr {
                            if lvl_ok(l, f) {
                                let (wz, we) = when(*d);
                                events.push((
                                    format!("{}领导批示（{wz}）", level_zh(l)),
                                    format!("{l}-level leader's instruction ({we})"),
                                    level_value(it, l),
                                ));
                            }
                        }
                    }
                }
            }
            if events.is_empty() {
                continue;
            }
            if proposal_keeps
                && o.from_proposal
                    .is_some_and(|pid| self.proposal_ids.contains(&pid))
            {
                out.push(Unit {
                    kind: "opinion",
                    id: Some(o.id),
                    label,
                    value: Num::zero(),
                    note: Some(Text::new(
                        "由提案转来，已按提案计分，不重复计分",
                        "converted from a proposal already scored as a proposal: not counted twice",
                    )),
                    counts: false,
                });
                continue;
            }
            let Some((credit, cnote)) = credit_for(it, &o.authors, m.id, false, o.authors.len() == 1) else {
                continue;
            };
            let label = with_share("opinion", label, &o.authors, m.id, credit);
            let mut chosen: Vec<(String, String, Num, Option<Text>)> = Vec::new();
            if highest && events.len() > 1 {
                let best = events
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.2.cmp(&b.1.2).then(b.0.cmp(&a.0)))
                    .map(|x| x.0)
                    .unwrap_or(0);
                let others_zh: Vec<&str> = events
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != best)
                    .map(|(_, e)| e.0.as_str())
                    .collect();
                let others_en: Vec<&str> = events
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != best)
                    .map(|(_, e)| e.1.as_str())
                    .collect();
                let e = &events[best];
                chosen.push((
                    e.0.clone(),
                    e.1.clone(),
                    e.2,
                    Some(Text::new(
                        format!("多项只计最高一项，另有：{}", others_zh.join("、")),
                        format!("highest only; also: {}", others_en.join(", ")),
                    )),
                ));
            } else {
                chosen.extend(events.into_iter().map(|e| (e.0, e.1, e.2, None)));
            }
            for (zh, en, v, note) in chosen {
                let value = match credit {
                    Credit::Share(f) => f * v,
                    Credit::Fixed(x) => x,
                };
                out.push(Unit {
                    kind: "opinion",
                    id: Some(o.id),
                    label: Text::new(format!("{}：{}", label.zh, zh), format!("{}: {}", label.en, en)),
                    value,
                    note: join_notes(note, cnote.clone()),
                    counts: true,
                });
            }
        }
        out
    }
}

/// The proposal's year (or day submitted) and the day of each mark an item asks for that is
/// dated in another year than the proposal: "2022年度提案，2023年2月1日评为重点提案".
fn proposal_dates(p: &ProposalFact, flags: &[&str], year: i32) -> Option<Text> {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for (flag, on, mz, me) in [
        ("key", p.key_on, "评为重点提案", "made key"),
        ("excellent", p.excellent_on, "评为优秀提案", "made excellent"),
    ] {
        if let Some(d) = on.filter(|d| flags.contains(&flag) && (d.year() != p.year || p.year != year)) {
            zh.push(format!("{}{mz}", date_zh(d)));
            en.push(format!("{me} {d}"));
        }
    }
    if zh.is_empty() {
        return None;
    }
    let (rz, re) = match p.submitted_on {
        Some(d) => (format!("{}提出", date_zh(d)), format!("submitted {d}")),
        None => (format!("{}年度提案", p.year), format!("proposal of {}", p.year)),
    };
    Some(Text::new(
        format!("{rz}，{}", zh.join("，")),
        format!("{re}; {}", en.join("; ")),
    ))
}

/// Add the member's role and share to a record label: "（附议人，分得 1/4）".
fn with_share(source: &str, label: Text, authors: &[Author], member: i64, credit: Credit) -> Text {
    if authors.len() <= 1 {
        return label;
    }
    let mut roles: Vec<&str> = authors
        .iter()
        .filter(|a| a.member_id == member)
        .map(|a| a.role.as_str())
        .collect();
    roles.sort();
    roles.dedup();
    let rz: Vec<&str> = roles.iter().map(|r| role_zh(source, r)).collect();
    let re: Vec<&str> = roles.iter().map(|r| role_en(source, r)).collect();
    match credit {
        Credit::Share(f) if f != Num::int(1) => Text::new(
            format!("{}（{}，分得 {}）", label.zh, rz.join("、"), f.exact()),
            format!("{} ({}, share {})", label.en, re.join(", "), f.exact()),
        ),
        _ => Text::new(
            format!("{}（{}）", label.zh, rz.join("、")),
            format!("{} ({})", label.en, re.join(", ")),
        ),
    }
}

fn join_notes(a: Option<Text>, b: Option<Text>) -> Option<Text> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Text::new(
            format!("{}；{}", a.zh, b.zh),
            format!("{}; {}", a.en, b.en),
        )),
        (a, b) => a.or(b),
    }
}

fn level_value(it: &Item, level: &str) -> Num {
    it.level_points
        .get(level)
        .map(|v| v.get_ref().0)
        .or(n(&it.points))
        .unwrap_or_default()
}

fn attendance_units(it: &Item, m: &MemberFacts, atts: &[&Att], explain: bool) -> Vec<Unit> {
    let kinds = list(&it.kinds);
    let statuses = list(&it.statuses).unwrap_or_else(|| vec!["present"]);
    let member = s(&it.member).unwrap_or("any");
    let roles = list(&it.roles);
    let excl = list(&it.exclude_roles).unwrap_or_default();
    let fmin = n(&it.fraction_min);
    let fbelow = n(&it.fraction_below);
    let per_half = s(&it.per) == Some("half_day");
    let points = n(&it.points).unwrap_or_default();
    let mut out = Vec::new();
    for a in atts {
        if kinds.as_ref().is_some_and(|k| !k.contains(&a.act.kind.as_str())) {
            continue;
        }
        if !statuses.contains(&a.status) {
            continue;
        }
        let standing = m.standing_on(a.act.start_on);
        if (member == "standing" && !standing) || (member == "non_standing" && standing) {
            continue;
        }
        if roles.as_ref().is_some_and(|r| !r.contains(&a.role)) || excl.contains(&a.role) {
            continue;
        }
        if fmin.is_some_and(|f| a.fraction < f) || fbelow.is_some_and(|f| a.fraction >= f) {
            continue;
        }
        let h = if per_half && present_like(a.status) {
            a.attended
        } else {
            a.missed
        };
        let value = if per_half { points * h } else { points };
        if !explain {
            out.push(Unit {
                kind: "attendance",
                id: Some(a.act.id),
                label: Text::default(),
                value,
                note: None,
                counts: true,
            });
            continue;
        }
        let (unit_zh, unit_en) = if per_half {
            (format!("，{h} 个半天"), format!(", {h} half-days"))
        } else {
            (String::new(), String::new())
        };
        out.push(Unit {
            kind: "attendance",
            id: Some(a.act.id),
            label: Text::new(
                format!(
                    "{}（{}，{}{}）",
                    a.act.title,
                    a.dates.0,
                    status_zh(a.status),
                    unit_zh
                ),
                format!(
                    "{} ({}, {}{})",
                    a.act.title,
                    a.dates.1,
                    status_en(a.status),
                    unit_en
                ),
            ),
            value,
            note: a.note.clone(),
            counts: true,
        });
    }
    out
}

/// The credit a member gets on a record with these authors, or None if the member is not
/// credited by this item. Notes explain top-N and highest-of decisions.
fn credit_for(
    it: &Item,
    authors: &[Author],
    member: i64,
    collective: bool,
    single: bool,
) -> Option<(Credit, Option<Text>)> {
    let mut auth: Vec<&Author> = authors.iter().collect();
    auth.sort_by(|a, b| (a.order, a.member_id, &a.role).cmp(&(b.order, b.member_id, &b.role)));
    // collective: only the first N main members (by order) are credited
    let mut excluded: HashSet<i64> = HashSet::default();
    if let (true, Some(maxn)) = (
        collective,
        it.main_members.as_ref().map(|x| *x.get_ref() as usize),
    ) {
        let mut seen: Vec<i64> = Vec::new();
        for a in auth.iter().filter(|a| a.role == "main_member") {
            if !seen.contains(&a.member_id) {
                seen.push(a.member_id);
            }
        }
        for id in seen.into_iter().skip(maxn) {
            excluded.insert(id);
        }
    }
    let roles_filter = list(&it.roles);
    let excl_roles = list(&it.exclude_roles).unwrap_or_default();
    let my_roles: Vec<&str> = auth
        .iter()
        .filter(|a| a.member_id == member)
        .map(|a| a.role.as_str())
        .filter(|r| roles_filter.as_ref().is_none_or(|f| f.contains(r)) && !excl_roles.contains(r))
        .collect();
    if my_roles.is_empty() {
        return None;
    }
    if excluded.contains(&member) {
        let maxn = it.main_members.as_ref().map(|x| *x.get_ref()).unwrap_or(0);
        return Some((
            Credit::Share(Num::zero()),
            Some(Text::new(
                format!("集体提案只计前 {maxn} 名主要成员"),
                format!("a collective proposal credits only its first {maxn} main members"),
            )),
        ));
    }
    let credited: Vec<&&Author> = auth.iter().filter(|a| !excluded.contains(&a.member_id)).collect();
    let mut distinct: Vec<i64> = Vec::new();
    for a in &credited {
        if !distinct.contains(&a.member_id) {
            distinct.push(a.member_id);
        }
    }
    let k = distinct.len().max(1) as i64;
    let lead: Option<i64> = credited.iter().find(|a| a.role == "lead").map(|a| a.member_id);
    let mut uniq_roles = my_roles.clone();
    uniq_roles.dedup();
    let multi = uniq_roles.len() > 1;
    let split = s(&it.split).unwrap_or("full");
    let credit = match split {
        "per_role" => {
            let best = my_roles
                .iter()
                .map(|r| it.role_points.get(*r).map(|v| v.get_ref().0).unwrap_or_default())
                .max()
                .unwrap_or_default();
            Credit::Fixed(best)
        }
        "lead_half" => {
            if k == 1 {
                Credit::Share(Num::int(1))
            } else if let Some(l) = lead {
                if l == member {
                    Credit::Share(Num::frac(1, 2))
                } else {
                    Credit::Share(Num::frac(1, 2) / Num::int(k - 1))
                }
            } else {
                Credit::Share(Num::frac(1, k))
            }
        }
        "lead_only" => {
            let first = lead.or(credited.first().map(|a| a.member_id));
            if single || first == Some(member) {
                Credit::Share(Num::int(1))
            } else {
                return None;
            }
        }
        "shared" => Credit::Share(Num::frac(1, k)),
        _ => Credit::Share(Num::int(1)),
    };
    let note = multi.then(|| {
        Text::new(
            format!(
                "同一记录兼任{}，只计最高一项",
                uniq_roles
                    .iter()
                    .map(|r| role_zh(it.source.get_ref(), r))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            format!(
                "holds several roles on one record ({}): highest credit only",
                uniq_roles
                    .iter()
                    .map(|r| role_en(it.source.get_ref(), r))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    });
    Some((credit, note))
}

/// The rule text of an item, generated unless the file gives rule_zh / rule_en.
fn rule_text(it: &Item) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if let Some(p) = n(&it.points) {
        if s(&it.per) == Some("half_day") {
            zh.push(format!("每半天 {}", p.signed()));
            en.push(format!("{} per half-day", p.signed()));
        } else {
            zh.push(p.signed());
            en.push(p.signed());
        }
    }
    if !it.level_points.is_empty() {
        let mut lv: Vec<(&str, Num)> = it
            .level_points
            .iter()
            .map(|(k, v)| (k.get_ref().as_str(), v.get_ref().0))
            .collect();
        lv.sort_by_key(|(k, _)| LEVELS.iter().position(|l| l == k));
        zh.push(
            lv.iter()
                .map(|(k, v)| format!("{}{}", level_zh(k), v.signed()))
                .collect::<Vec<_>>()
                .join("、"),
        );
        en.push(
            lv.iter()
                .map(|(k, v)| format!("{k} {}", v.signed()))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !it.role_points.is_empty() {
        let order = ["lead", "cosigner", "main_member", "co_author"];
        let mut rp: Vec<(&str, Num)> = it
            .role_points
            .iter()
            .map(|(k, v)| (k.get_ref().as_str(), v.get_ref().0))
            .collect();
        rp.sort_by_key(|(k, _)| order.iter().position(|r| r == k));
        zh.push(
            rp.iter()
                .map(|(k, v)| format!("{}{}", role_zh(it.source.get_ref(), k), v.signed()))
                .collect::<Vec<_>>()
                .join("、"),
        );
        en.push(
            rp.iter()
                .map(|(k, v)| format!("{} {}", role_en(it.source.get_ref(), k), v.signed()))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    match s(&it.split) {
        Some("lead_half") => {
            zh.push("联名时牵头人得一半，其余平分另一半".into());
            en.push("joint: lead half, others share the rest".into());
        }
        Some("lead_only") => {
            zh.push("只计牵头人".into());
            en.push("lead only".into());
        }
        Some("shared") => {
            zh.push("作者平分".into());
            en.push("shared equally".into());
        }
        _ => {}
    }
    if let Some(t) = &it.threshold {
        zh.push(format!("满 {} 项计 {}", t.count.get_ref(), t.points.get_ref().0));
        en.push(format!("{} or more: {}", t.count.get_ref(), t.points.get_ref().0));
    }
    if it.full_attendance.as_ref().is_some_and(|f| *f.get_ref()) {
        if it.excused_breaks.as_ref().is_some_and(|e| !*e.get_ref()) {
            zh.push("应出席的活动全部出席才计（请假不影响）".into());
            en.push("only when every activity due was attended (leave allowed)".into());
        } else {
            zh.push("应出席的活动全部出席才计（请假即不算全勤）".into());
            en.push("only when every activity due was attended (leave breaks it)".into());
        }
    }
    match s(&it.applies_to) {
        Some("standing") => {
            zh.push("仅常委，按任常委期间计".into());
            en.push("standing members only, within their standing periods".into());
        }
        Some("non_standing") => {
            zh.push("仅非常委".into());
            en.push("members not standing only".into());
        }
        _ => {}
    }
    if it.best_of.is_some() {
        zh.push("同组条目只计得分最高的一项".into());
        en.push("only the best item of its group counts".into());
    }
    if it.once {
        zh.push("每年计一次".into());
        en.push("once a year".into());
    }
    if let Some(f) = &it.from_nth {
        zh.push(format!("第 {} 项起计分", f.get_ref()));
        en.push(format!("from the {} record on", ordinal(*f.get_ref())));
    }
    if let Some(c) = n(&it.cap) {
        zh.push(format!("最多 {c}"));
        en.push(format!("at most {c}"));
    }
    if let Some(f) = n(&it.floor) {
        zh.push(format!("最少 {f}"));
        en.push(format!("at least {f}"));
    }
    if it.source.get_ref() == "adjustment" {
        zh.insert(0, "按办公室认定的分值，理由见记录".into());
        en.insert(0, "points as decided by the office, reason on the record".into());
    }
    Text::new(
        it.rule_zh
            .clone()
            .unwrap_or_else(|| format!("{} {}", it.name_zh, zh.join("，")).trim_end().to_string()),
        it.rule_en
            .clone()
            .unwrap_or_else(|| format!("{} {}", it.name_en, en.join(", ")).trim_end().to_string()),
    )
}

fn ordinal(k: u32) -> String {
    match k {
        1 => "1st".into(),
        2 => "2nd".into(),
        3 => "3rd".into(),
        k => format!("{k}th"),
    }
}

/// Apply item modifiers (n-th onward, once, threshold, cap, floor) and turn units into lines.
/// Adds the lines to `lines`; returns the number of counted records and the item's points.
/// Without `explain` the lines carry only their points.
fn apply_item(
    lines: &mut Vec<Line>,
    ckey: &str,
    it: &Item,
    rule: &Text,
    mut units: Vec<Unit>,
    explain: bool,
) -> (usize, Num) {
    let start = lines.len();
    let ikey = it.key.get_ref();
    let iname = if explain {
        Text::new(&it.name_zh, &it.name_en)
    } else {
        Text::default()
    };
    let count = units.iter().filter(|u| u.counts).count();
    if let Some(f) = it.from_nth.as_ref().map(|f| *f.get_ref() as usize) {
        let mut i = 0;
        for u in units.iter_mut().filter(|u| u.counts) {
            i += 1;
            if i < f && !u.value.is_zero() {
                u.value = Num::zero();
                if !explain {
                    continue;
                }
                u.note = join_notes(
                    u.note.take(),
                    Some(Text::new(
                        format!("第 {i} 项，第 {f} 项起才计分"),
                        format!("record {i}: points count from the {} on", ordinal(f as u32)),
                    )),
                );
            }
        }
    }
    if it.once {
        let best = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.counts && !u.value.is_zero())
            .max_by(|a, b| a.1.value.cmp(&b.1.value).then(b.0.cmp(&a.0)))
            .map(|x| x.0);
        for (i, u) in units.iter_mut().enumerate() {
            if Some(i) != best && u.counts && !u.value.is_zero() {
                u.value = Num::zero();
                if !explain {
                    continue;
                }
                u.note = join_notes(
                    u.note.take(),
                    Some(Text::new(
                        "每年只计一次，已按分值最高的一项计",
                        "counted once a year: the highest record already scored",
                    )),
                );
            }
        }
    }
    lines.extend(units.into_iter().map(|u| {
        if !explain {
            return Line::blank(u.value);
        }
        Line {
            category: ckey.into(),
            item: Some(ikey.clone()),
            item_name: iname.clone(),
            source: SourceRef {
                kind: u.kind.into(),
                id: u.id,
                label: u.label,
            },
            rule: rule.clone(),
            points: u.value,
            note: u.note,
        }
    }));
    let mut sum: Num = lines[start..].iter().map(|l| l.points).sum();
    if let Some(t) = &it.threshold {
        let need = *t.count.get_ref() as usize;
        let full = t.points.get_ref().0;
        if count >= need && sum != full {
            lines.push(if !explain {
                Line::blank(full - sum)
            } else {
                Line {
                    category: ckey.into(),
                    item: Some(ikey.clone()),
                    item_name: iname.clone(),
                    source: SourceRef {
                        kind: "threshold".into(),
                        id: None,
                        label: Text::new(format!("共 {count} 项"), format!("{count} records")),
                    },
                    rule: rule.clone(),
                    points: full - sum,
                    note: Some(Text::new(
                        format!("满 {need} 项，本条目按 {full} 计"),
                        format!("{need} or more records: the item scores {full}"),
                    )),
                }
            });
            sum = full;
        }
    }
    let limits = (n(&it.cap), n(&it.floor));
    limit_lines(lines, sum, limits, ckey, Some(ikey), &iname, explain);
    let total = lines[start..].iter().map(|l| l.points).sum();
    (count, total)
}

/// Add a cap or floor line if `raw` is above `cap` or below `floor`.
fn limit_lines(
    lines: &mut Vec<Line>,
    raw: Num,
    (cap, floor): (Option<Num>, Option<Num>),
    ckey: &str,
    ikey: Option<&String>,
    name: &Text,
    explain: bool,
) {
    if !explain {
        if let Some(c) = cap.filter(|c| raw > *c) {
            lines.push(Line::blank(c - raw));
        } else if let Some(f) = floor.filter(|f| raw < *f) {
            lines.push(Line::blank(f - raw));
        }
        return;
    }
    let mut push = |kind: &str, points: Num, zh: String, en: String, rzh: String, ren: String| {
        lines.push(Line {
            category: ckey.into(),
            item: ikey.cloned(),
            item_name: name.clone(),
            source: SourceRef {
                kind: kind.into(),
                id: None,
                label: Text::new(rzh, ren),
            },
            rule: Text::new(zh.clone(), en.clone()),
            points,
            note: Some(Text::new(zh, en)),
        });
    };
    if let Some(c) = cap
        && raw > c
    {
        let raw_s = approx(raw);
        push(
            "cap",
            c - raw,
            format!("{}最多 {c}：{raw_s} 减为 {c}", name.zh),
            format!("{} at most {c}: {raw_s} reduced to {c}", name.en),
            format!("{}上限", name.zh),
            format!("{} cap", name.en),
        );
    } else if let Some(f) = floor
        && raw < f
    {
        let raw_s = approx(raw);
        push(
            "floor",
            f - raw,
            format!("{}最低 {f}（扣完为止）：{raw_s} 计为 {f}", name.zh),
            format!("{} at least {f}: {raw_s} raised to {f}", name.en),
            format!("{}下限", name.zh),
            format!("{} floor", name.en),
        );
    }
}

/// Short text of a number: exact when short, else about two decimals.
fn approx(v: Num) -> String {
    let s = v.short();
    if s.contains('/') {
        format!("{}（≈{}）", s, v.display(2))
    } else {
        s
    }
}

/// The number compared with grade bands and flag lines: the total, floored, or rounded half up
/// to an integer, as the scheme's `grades.fractional` says (exact when there are no grades).
pub fn compared_value(scheme: &Scheme, total: Num) -> Num {
    match scheme.grades.as_ref().map(|g| g.fractional.get_ref().as_str()) {
        Some("floor") => total.floor(),
        Some("round_half_up") => total.round_to(0),
        _ => total,
    }
}

/// Highest band whose min the value reaches and whose gates passed. `below_rank` skips bands
/// at or above a given band (used by the quota).
fn pick_band<'b>(
    bands: &'b [Band],
    value: Num,
    gates: &HashMap<&str, bool>,
    skip_from: Option<&str>,
) -> (Option<&'b Band>, Option<Text>) {
    let mut order: Vec<&Band> = bands.iter().collect();
    order.sort_by_key(|b| std::cmp::Reverse(n(&b.min))); // None (lowest) last
    let mut note: Option<Text> = None;
    let mut skipping = skip_from.is_some();
    let lowest = order.len().saturating_sub(1);
    for (i, b) in order.into_iter().enumerate() {
        if skipping {
            if Some(b.name_zh.get_ref().as_str()) == skip_from {
                skipping = false;
            }
            continue;
        }
        if i < lowest && n(&b.min).is_some_and(|m| value < m) {
            continue;
        }
        let failed: Vec<&str> = b
            .requires
            .iter()
            .map(|r| r.get_ref().as_str())
            .filter(|r| gates.get(r) != Some(&true))
            .collect();
        if !failed.is_empty() {
            note = Some(Text::new(
                format!(
                    "未达到基本要求（{}），不能评为{}",
                    failed.join("、"),
                    b.name_zh.get_ref()
                ),
                format!(
                    "basic requirements not met ({}): cannot be graded {}",
                    failed.join(", "),
                    b.name_en
                ),
            ));
            continue;
        }
        return (Some(b), note);
    }
    (None, note)
}

/// What ranking and the grade quota read and set of a member's result, whole or [`Light`].
trait Ranked {
    fn total(&self) -> Num;
    fn assessed(&self) -> bool;
    fn set_rank(&mut self, rank: u32);
    fn grade_zh<'s>(&'s self, shared: &'s Shared) -> Option<&'s str>;
    fn gates(&self) -> HashMap<String, bool>;
    fn regrade(&mut self, grade: Option<Text>, note: Text, shared: &Shared);
}

impl Ranked for MemberResult {
    fn total(&self) -> Num {
        self.total
    }
    fn assessed(&self) -> bool {
        self.eligibility.assessed
    }
    fn set_rank(&mut self, rank: u32) {
        self.rank = Some(rank);
    }
    fn grade_zh<'s>(&'s self, _: &'s Shared) -> Option<&'s str> {
        MemberResult::grade_zh(self)
    }
    fn gates(&self) -> HashMap<String, bool> {
        self.gates.iter().map(|g| (g.key.clone(), g.passed)).collect()
    }
    fn regrade(&mut self, grade: Option<Text>, note: Text, _: &Shared) {
        self.grade_note = Some(note);
        self.grade = grade;
    }
}

impl Ranked for Light {
    fn total(&self) -> Num {
        Light::total(self)
    }
    fn assessed(&self) -> bool {
        Light::assessed(self)
    }
    fn set_rank(&mut self, rank: u32) {
        Light::set_rank(self, rank)
    }
    fn grade_zh<'s>(&'s self, shared: &'s Shared) -> Option<&'s str> {
        Light::grade_zh(self, shared)
    }
    fn gates(&self) -> HashMap<String, bool> {
        Light::gates(self).into_iter().collect()
    }
    fn regrade(&mut self, grade: Option<Text>, note: Text, shared: &Shared) {
        Light::regrade(self, grade, note, shared)
    }
}

/// Ranks members scored part by part and applies the grade quota, as a whole assessment does.
pub fn rank_light(scheme: &Scheme, shared: &Shared, results: &mut [Light]) {
    rank(scheme, results);
    apply_quota(scheme, shared, results);
}

fn rank<R: Ranked>(scheme: &Scheme, results: &mut [R]) {
    // The assessed in descending order of total (indexes, not copies of the totals: a national
    // committee has 600,000): equal totals share a rank, the next one is the place after them
    // (1, 1, 3), or, dense, the next number (1, 1, 2).
    let mut order: Vec<u32> = (0..results.len() as u32)
        .filter(|i| results[*i as usize].assessed())
        .collect();
    order.sort_by(|a, b| results[*b as usize].total().cmp(&results[*a as usize].total()));
    let dense = dense(scheme);
    let mut ranks = vec![0u32; results.len()];
    let (mut rank, mut distinct) = (0u32, 0u32);
    for (k, i) in order.iter().enumerate() {
        let t = results[*i as usize].total();
        if k == 0 || results[order[k - 1] as usize].total() != t {
            distinct += 1;
            rank = if dense { distinct } else { k as u32 + 1 };
        }
        ranks[*i as usize] = rank;
    }
    drop(order);
    for (r, rank) in results.iter_mut().zip(ranks) {
        if r.assessed() {
            r.set_rank(rank);
        }
    }
}

fn apply_quota<R: Ranked>(scheme: &Scheme, shared: &Shared, results: &mut [R]) {
    let Some(gr) = &scheme.grades else { return };
    let Some(q) = &gr.quota else { return };
    let gname = q.grade.get_ref().as_str();
    let assessed = results.iter().filter(|r| r.assessed()).count() as i64;
    let allowed = (q.percent.get_ref().0 * Num::int(assessed) / Num::int(100))
        .floor()
        .0
        .to_integer() as usize;
    let mut holders: Vec<(Num, usize)> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| r.grade_zh(shared) == Some(gname))
        .map(|(i, r)| (r.total(), i))
        .collect();
    holders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // keep whole tie groups while they fit within the quota
    let mut kept = 0usize;
    let mut keep: HashSet<usize> = HashSet::default();
    let mut i = 0;
    while i < holders.len() {
        let t = holders[i].0;
        let group: Vec<usize> = holders[i..]
            .iter()
            .take_while(|h| h.0 == t)
            .map(|h| h.1)
            .collect();
        if kept + group.len() > allowed {
            break;
        }
        kept += group.len();
        i += group.len();
        keep.extend(group);
    }
    for (_, idx) in holders {
        if keep.contains(&idx) {
            continue;
        }
        let r = &mut results[idx];
        let owned = r.gates();
        let gates: HashMap<&str, bool> = owned.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let value = compared_value(scheme, r.total());
        let (band, _) = pick_band(&gr.bands, value, &gates, Some(gname));
        let new = band.map(|b| Text::new(b.name_zh.get_ref(), &b.name_en));
        let note = Text::new(
            format!(
                "{gname}名额为参评人数的 {}%（{allowed} 名），按总分排名未入额，评为{}",
                q.percent.get_ref().0,
                new.as_ref().map(|g| g.zh.as_str()).unwrap_or("无等次")
            ),
            format!(
                "{} is limited to {}% of assessed members ({allowed}); not within the quota by total, graded {}",
                gr.bands
                    .iter()
                    .find(|b| b.name_zh.get_ref() == gname)
                    .map(|b| b.name_en.as_str())
                    .unwrap_or(gname),
                q.percent.get_ref().0,
                new.as_ref().map(|g| g.en.as_str()).unwrap_or("no grade")
            ),
        );
        r.regrade(new, note, shared);
    }
}

/// What a member's conditions are evaluated on.
struct Eval<'e, 'f> {
    counts: &'e HashMap<&'f str, usize>,
    points: &'e HashMap<&'f str, Num>,
    cats: &'e HashMap<&'f str, Num>,
    m: &'e MemberFacts,
    atts: &'e [Att<'f>],
    /// Standing on some day of the year.
    standing: bool,
}

/// Does a rule with this `applies_to` apply to a member who is (or is not) standing this year?
fn applies(to: Option<&str>, standing: bool) -> bool {
    match to {
        Some("standing") => standing,
        Some("non_standing") => !standing,
        _ => true,
    }
}

fn not_applicable(name: Text, standing: bool) -> Text {
    let (zh, en) = if standing {
        ("常委，不适用", "a standing member: does not apply")
    } else {
        ("非常委，不适用", "not a standing member: does not apply")
    };
    Text::new(format!("{}（{zh}）", name.zh), format!("{} ({en})", name.en))
}

/// For each `best_of` group of the category, a line taking back the points of every item but
/// the highest-scoring one (the first in the file on a tie).
fn best_of_lines(lines: &mut Vec<Line>, c: &Category, sums: &[Num], explain: bool) {
    let mut groups: Vec<&str> = c.items.iter().filter_map(|it| s(&it.best_of)).collect();
    groups.sort_unstable();
    groups.dedup();
    for g in groups {
        let members: Vec<usize> = (0..c.items.len())
            .filter(|&i| s(&c.items[i].best_of) == Some(g))
            .collect();
        let Some(&best) = members
            .iter()
            .max_by(|a, b| sums[**a].cmp(&sums[**b]).then(b.cmp(a)))
        else {
            continue;
        };
        let bi = &c.items[best];
        for &i in members.iter().filter(|&&i| i != best && !sums[i].is_zero()) {
            let it = &c.items[i];
            if !explain {
                lines.push(Line::blank(-sums[i]));
                continue;
            }
            let names_zh: Vec<&str> = members.iter().map(|&k| c.items[k].name_zh.as_str()).collect();
            let names_en: Vec<&str> = members.iter().map(|&k| c.items[k].name_en.as_str()).collect();
            let rule = Text::new(
                format!("{}只计得分最高的一项", names_zh.join("、")),
                format!("{}: only the highest-scoring one counts", names_en.join(", ")),
            );
            lines.push(Line {
                category: c.key.get_ref().clone(),
                item: Some(it.key.get_ref().clone()),
                item_name: Text::new(&it.name_zh, &it.name_en),
                source: SourceRef {
                    kind: "best_of".into(),
                    id: None,
                    label: Text::new(
                        format!("{}得 {}", it.name_zh, approx(sums[i])),
                        format!("{} scored {}", it.name_en, approx(sums[i])),
                    ),
                },
                rule,
                points: -sums[i],
                note: Some(Text::new(
                    format!("已按{} {} 计，本项不再计分", bi.name_zh, approx(sums[best])),
                    format!("counted as {} ({}) instead", bi.name_en, approx(sums[best])),
                )),
            });
        }
    }
}

impl<'a> Ctx<'a> {
    /// The units of an item for member `m` in year `y` (this year or an earlier one), after its
    /// `applies_to`; attendance only from `from` on when given (the term's start for the member).
    fn item_units(
        &self,
        it: &Item,
        m: &MemberFacts,
        y: i32,
        atts: &[Att],
        from: Option<NaiveDate>,
        explain: bool,
    ) -> Vec<Unit> {
        let to = s(&it.applies_to);
        if !applies(to, m.standing_in(y)) {
            return Vec::new();
        }
        let standing_only = to == Some("standing");
        let within = |d: NaiveDate| {
            d.year() == y && (!standing_only || m.standing_on(d)) && from.is_none_or(|f| d >= f)
        };
        if it.source.get_ref() == "attendance" {
            if it.full_attendance.as_ref().is_some_and(|f| *f.get_ref()) {
                return self.full_attendance(it, m, y, atts, &within, explain);
            }
            let mine: Vec<&Att> = atts.iter().filter(|a| within(a.act.start_on)).collect();
            return attendance_units(it, m, &mine, explain);
        }
        if y == self.facts.year {
            self.units(it, m, &[], explain)
        } else {
            self.earlier
                .get(&y)
                .map(|c| c.units(it, m, &[], explain))
                .unwrap_or_default()
        }
    }

    /// 全勤: one unit worth the item's points when every activity of its kinds the member was due
    /// at in year `y` was attended; 0 (not counted) otherwise, or when nothing was due.
    fn full_attendance(
        &self,
        it: &Item,
        m: &MemberFacts,
        y: i32,
        atts: &[Att],
        within: &dyn Fn(NaiveDate) -> bool,
        explain: bool,
    ) -> Vec<Unit> {
        let kinds = list(&it.kinds).unwrap_or_default();
        let member = s(&it.member).unwrap_or("any");
        let excused_breaks = it.excused_breaks.as_ref().is_none_or(|e| *e.get_ref());
        let exempt = &self.scheme.attendance.exempt_reasons;
        let points = n(&it.points).unwrap_or_default();
        let mut due = 0usize;
        let mut attended = 0usize;
        let mut excused = 0usize;
        let mut missed_zh: Vec<String> = Vec::new();
        let mut missed_en: Vec<String> = Vec::new();
        let mut by_act: HashMap<i64, Vec<&Att>> = HashMap::default();
        for a in atts {
            by_act.entry(a.act.id).or_default().push(a);
        }
        for (act, dates) in self.acts.iter().copied().zip(&self.act_dates) {
            let d = act.start_on;
            if !kinds.contains(&act.kind.as_str()) || !within(d) || !m.member_on(d) {
                continue;
            }
            let st = m.standing_on(d);
            let must_stand = act.standing_only || member == "standing";
            if !crate::domain::service::due_at(true, st, must_stand) || (member == "non_standing" && st) {
                continue;
            }
            // the member's rows before the attendance rules
            let from = self.att.partition_point(|x| (x.0, x.1) < (m.id, act.id));
            let raw = self.att[from..]
                .iter()
                .take_while(|x| (x.0, x.1) == (m.id, act.id));
            // at a kind not everyone is due at, only the members recorded for it (invited) are
            if !act.all_due && raw.clone().next().is_none() {
                continue;
            }
            let rows: &[&Att] = by_act.get(&act.id).map_or(&[], |v| v.as_slice());
            if rows.iter().any(|a| present_like(a.status)) {
                due += 1;
                attended += 1;
                continue;
            }
            // a row dropped for an exempt reason: not due
            if rows.is_empty()
                && raw
                    .clone()
                    .any(|x| x.2.leave_reason.as_ref().is_some_and(|r| exempt.contains(r)))
            {
                continue;
            }
            due += 1;
            let what = if rows.iter().any(|a| a.status == "excused") {
                if !excused_breaks {
                    excused += 1;
                    continue;
                }
                ("请假", "excused")
            } else if rows.is_empty() {
                ("无考勤记录", "no attendance row")
            } else {
                ("缺席", "absent")
            };
            if explain {
                missed_zh.push(format!("{}（{}，{}）", act.title, dates.0, what.0));
                missed_en.push(format!("{} ({}, {})", act.title, dates.1, what.1));
            }
        }
        let ok = due > 0 && attended + excused == due;
        let value = if ok { points } else { Num::zero() };
        if !explain {
            return vec![Unit {
                kind: "attendance",
                id: None,
                label: Text::default(),
                value,
                note: None,
                counts: ok,
            }];
        }
        let excused_zh = if excused > 0 {
            format!("，请假 {excused} 次不影响全勤")
        } else {
            String::new()
        };
        let excused_en = if excused > 0 {
            format!(", {excused} excused (does not break it)")
        } else {
            String::new()
        };
        let (label, note) = if due == 0 {
            (
                Text::new(
                    format!("{y}年全勤：无应出席的活动"),
                    format!("full attendance {y}: nothing was due"),
                ),
                Some(Text::new(
                    "无应出席的活动，不计全勤",
                    "nothing was due: no full-attendance points",
                )),
            )
        } else if ok {
            (
                Text::new(
                    format!("{y}年全勤：应出席 {due} 次，出席 {attended} 次{excused_zh}"),
                    format!("full attendance {y}: due at {due}, attended {attended}{excused_en}"),
                ),
                None,
            )
        } else {
            (
                Text::new(
                    format!("{y}年全勤：应出席 {due} 次，出席 {attended} 次{excused_zh}"),
                    format!("full attendance {y}: due at {due}, attended {attended}{excused_en}"),
                ),
                Some(Text::new(
                    format!("未全勤：{}", missed_zh.join("、")),
                    format!("not full attendance: {}", missed_en.join("; ")),
                )),
            )
        };
        vec![Unit {
            kind: "attendance",
            id: None,
            label,
            value,
            note,
            counts: ok,
        }]
    }

    /// The years and first attendance day of a counting span for member `m`.
    fn span(&self, c: &Cond, m: &MemberFacts) -> (i32, Option<NaiveDate>) {
        let year = self.facts.year;
        match s(&c.over) {
            Some("term") => {
                let start = self
                    .facts
                    .term_start
                    .unwrap_or_else(|| NaiveDate::from_ymd_opt(year - 4, 1, 1).unwrap_or(NaiveDate::MIN));
                let from = m.joined_on.map_or(start, |j| j.max(start));
                (from.year(), Some(from))
            }
            Some("years") => {
                let k = c.years.as_ref().map_or(1, |k| *k.get_ref()).max(1) as i32;
                (year - k + 1, None)
            }
            _ => (year, None),
        }
    }

    /// An item's counted records and points over a condition's span.
    fn item_stat(&self, key: &str, c: &Cond, e: &Eval) -> (usize, Num) {
        let (first, from) = self.span(c, e.m);
        let year = self.facts.year;
        if first >= year && from.is_none() {
            return (
                e.counts.get(key).copied().unwrap_or(0),
                e.points.get(key).copied().unwrap_or_default(),
            );
        }
        let Some(it) = self.items.get(key) else {
            return (0, Num::zero());
        };
        let (mut count, mut points) = (0, Num::zero());
        for y in first..=year {
            let units = self.item_units(it, e.m, y, e.atts, from, false);
            let mut scratch = Vec::new();
            let (k, p) = apply_item(&mut scratch, "", it, &Text::default(), units, false);
            count += k;
            points += p;
        }
        (count, points)
    }

    fn eval(&self, c: &Cond, e: &Eval) -> bool {
        if !applies(s(&c.applies_to), e.standing) {
            return true;
        }
        let keys: Vec<&str> = c
            .item
            .iter()
            .chain(c.items.iter().flatten())
            .map(|k| k.get_ref().as_str())
            .collect();
        if !keys.is_empty() {
            let (count, points) = keys
                .iter()
                .map(|k| self.item_stat(k, c, e))
                .fold((0, Num::zero()), |a, b| (a.0 + b.0, a.1 + b.1));
            return measure(c, count, points);
        }
        if let Some(k) = &c.category {
            let p = e.cats.get(k.get_ref().as_str()).copied().unwrap_or_default();
            return measure(c, 0, p);
        }
        if let Some(any) = &c.any {
            return any.iter().any(|x| self.eval(x.get_ref(), e));
        }
        if let Some(all) = &c.all {
            return all.iter().all(|x| self.eval(x.get_ref(), e));
        }
        false
    }

    /// The values a condition was decided on, in words: "届内 提交提案 2 项，少于 3 项".
    fn describe(&self, c: &Cond, e: &Eval) -> Text {
        let keys: Vec<&str> = c
            .item
            .iter()
            .chain(c.items.iter().flatten())
            .map(|k| k.get_ref().as_str())
            .collect();
        if !keys.is_empty() {
            let (count, points) = keys
                .iter()
                .map(|k| self.item_stat(k, c, e))
                .fold((0, Num::zero()), |a, b| (a.0 + b.0, a.1 + b.1));
            let names_zh: Vec<&str> = keys
                .iter()
                .map(|k| self.items.get(k).map_or(*k, |i| i.name_zh.as_str()))
                .collect();
            let names_en: Vec<&str> = keys
                .iter()
                .map(|k| self.items.get(k).map_or(*k, |i| i.name_en.as_str()))
                .collect();
            let (first, from) = self.span(c, e.m);
            let year = self.facts.year;
            let (span_zh, span_en) = match s(&c.over) {
                Some("term") => (
                    format!("届内自{}起", from.map_or(String::new(), date_zh)),
                    format!(
                        "in the term (from {})",
                        from.map_or(String::new(), |f| f.to_string())
                    ),
                ),
                Some("years") => (format!("{first}-{year}年"), format!("in {first}-{year}")),
                _ => (format!("{year}年"), format!("in {year}")),
            };
            let (v_zh, v_en, cmp_zh, cmp_en) = if let Some(x) = c.min_count {
                (
                    format!("{count} 项"),
                    records_en(count),
                    format!("至少 {x} 项"),
                    format!("at least {x}"),
                )
            } else if let Some(x) = c.fewer_than {
                (
                    format!("{count} 项"),
                    records_en(count),
                    format!("少于 {x} 项"),
                    format!("fewer than {x}"),
                )
            } else if let Some(x) = c.min_points {
                (
                    format!("{} 分", approx(points)),
                    format!("{} points", approx(points)),
                    format!("至少 {} 分", x.0),
                    format!("at least {}", x.0),
                )
            } else {
                let x = c.points_below.map(|x| x.0).unwrap_or_default();
                (
                    format!("{} 分", approx(points)),
                    format!("{} points", approx(points)),
                    format!("低于 {x} 分",),
                    format!("below {x}"),
                )
            };
            let both = if keys.len() > 1 { "合计" } else { "" };
            return Text::new(
                format!("{span_zh}{}{both} {v_zh}，条件为{cmp_zh}", names_zh.join("、")),
                format!("{} {span_en}: {v_en}, condition {cmp_en}", names_en.join(", ")),
            );
        }
        if let Some(k) = &c.category {
            let p = e.cats.get(k.get_ref().as_str()).copied().unwrap_or_default();
            return Text::new(
                format!("类别 {} 得 {}", k.get_ref(), approx(p)),
                format!("category {} scored {}", k.get_ref(), approx(p)),
            );
        }
        let (subs, zh_sep, en_sep) = match (&c.any, &c.all) {
            (Some(v), _) => (v, "；或", "; or "),
            (_, Some(v)) => (v, "；且", "; and "),
            _ => return Text::default(),
        };
        let parts: Vec<Text> = subs
            .iter()
            .filter(|x| applies(s(&x.get_ref().applies_to), e.standing))
            .map(|x| self.describe(x.get_ref(), e))
            .collect();
        Text::new(
            parts
                .iter()
                .map(|t| t.zh.as_str())
                .collect::<Vec<_>>()
                .join(zh_sep),
            parts
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join(en_sep),
        )
    }
}

fn records_en(count: usize) -> String {
    if count == 1 {
        "1 record".into()
    } else {
        format!("{count} records")
    }
}

/// Does the condition count anything over more than this year?
fn reaches_back(c: &Cond) -> bool {
    s(&c.over).is_some_and(|o| o != "year")
        || c.any
            .iter()
            .chain(c.all.iter())
            .flatten()
            .any(|x| reaches_back(x.get_ref()))
}

/// Does a count and points pass the condition's measure?
fn measure(c: &Cond, count: usize, points: Num) -> bool {
    if let Some(x) = c.min_count {
        return count >= x as usize;
    }
    if let Some(x) = c.fewer_than {
        return count < x as usize;
    }
    if let Some(x) = c.min_points {
        return points >= x.0;
    }
    if let Some(x) = c.points_below {
        return points < x.0;
    }
    false
}
