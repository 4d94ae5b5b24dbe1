//! The demo committee: a county committee's year modelled on the seed work report (代县, 2022),
//! written through the same storage functions as every command. Deterministic: the same
//! program always builds the same file.

use chrono::NaiveDate;

use crate::domain::codes::{
    AttendRole, DonationKind, Gender, LeftReason, Level, OrgKind, OrgRole, Satisfaction, Stage, Status,
};
use crate::domain::idcard::check_char;
use crate::error::Result;
use crate::store::activities::{self, Mark, NewActivity};
use crate::store::donations::{self, NewDonation};
use crate::store::members::{self, Member, NewMember};
use crate::store::opinions::{self, NewOpinion};
use crate::store::proposals::{self, NewProposal, ProposalSet};
use crate::store::{W, assess, awards, committee, orgs, sectors};

/// Name of the demo committee; a file holding it may be rebuilt by `lvzhi demo`.
pub const COMMITTEE: &str = "政协代县委员会（演示数据）";
/// The year the demo records.
pub const YEAR: i32 = 2022;
/// The preset scheme the demo assesses under.
pub const PRESET: &str = "tongcheng-2019";

/// What the demo holds, for the closing message.
#[derive(Debug, Default)]
pub struct Counts {
    pub sectors: usize,
    pub members: usize,
    pub activities: usize,
    pub attendance: usize,
    pub proposals: usize,
    pub filed: usize,
    pub opinions: usize,
    /// Donations in fen.
    pub donated_fen: i64,
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("demo dates are valid")
}

/// The 21 sectors of the demo committee with their sizes (members) and usual party.
const SECTORS: &[(&str, &str, usize, &str)] = &[
    ("zgdy", "中国共产党", 30, "中共党员"),
    ("mg", "民革", 4, "民革党员"),
    ("mm", "民盟", 7, "民盟盟员"),
    ("mj", "民建", 6, "民建会员"),
    ("mjin", "民进", 6, "民进会员"),
    ("ngd", "农工党", 4, "农工党党员"),
    ("wdp", "无党派人士", 6, "无党派"),
    ("gqt", "共青团", 6, ""),
    ("gh", "工会", 7, ""),
    ("fl", "妇联", 8, ""),
    ("gsl", "工商联", 14, ""),
    ("kj", "科学技术界", 8, ""),
    ("whys", "文化艺术界", 9, ""),
    ("jy", "教育界", 14, ""),
    ("yy", "医药卫生界", 13, ""),
    ("jj", "经济界", 16, ""),
    ("ny", "农业界", 14, ""),
    ("shfl", "社会福利和社会保障界", 6, ""),
    ("mz", "少数民族界", 4, ""),
    ("zj", "宗教界", 4, ""),
    ("ty", "特邀人士", 9, ""),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "郭", "武", "韩", "高", "白", "田", "邢", "郝", "梁", "冯",
    "马", "胡", "吴", "孙", "宋", "贾", "薛", "任", "段", "范", "霍", "郑", "曹", "乔", "许", "程", "闫",
    "温", "侯", "康", "杜", "常", "牛", "申", "耿", "姚", "贺", "史", "卫", "石", "黄", "曾", "单", "解",
    "丁", "文", "方", "欧阳",
];

const GIVEN_MALE: &[&str] = &[
    "建国", "志强", "文斌", "晓东", "俊杰", "宏伟", "建平", "国庆", "卫东", "利民", "鹏飞", "海军", "振华",
    "永刚", "学文", "润生", "二虎", "保平", "晋生", "树林", "金宝", "宇航", "子涵", "浩然", "明", "强", "军",
    "勇", "斌", "鑫",
];

const GIVEN_FEMALE: &[&str] = &[
    "秀英", "海燕", "丽华", "玉兰", "红梅", "永红", "桂珍", "瑞芳", "晓燕", "慧敏", "雅琴", "春梅", "晓丽",
    "婷", "芳", "静", "敏", "娜", "欣怡", "雨涵",
];

const WORKPLACES: &[&str] = &[
    "县第一中学",
    "县第二中学",
    "县职业中学",
    "县人民医院",
    "县中医院",
    "阳明堡镇卫生院",
    "上馆镇人民政府",
    "峨口镇人民政府",
    "县农业农村局",
    "县自然资源局",
    "县行政审批服务管理局",
    "代州黄酒有限公司",
    "代县农村商业银行",
    "县文化馆",
    "代州古城文化旅游公司",
    "县律师事务所",
    "县妇联",
    "县总工会",
    "团县委",
    "县工商联",
    "聂营镇芳昌村委会",
    "县民族宗教事务局",
    "县融媒体中心",
    "枣林镇中心学校",
    "县供电公司",
];

const TITLES: &[&str] = &[
    "主任",
    "副主任",
    "校长",
    "院长",
    "科长",
    "经理",
    "董事长",
    "教师",
    "医师",
    "村委会主任",
    "干部",
];

const TOWNSHIPS: &[&str] = &[
    "上馆镇",
    "阳明堡镇",
    "峨口镇",
    "聂营镇",
    "枣林镇",
    "滩上镇",
    "峪口乡",
    "新高乡",
];

const SPECIAL: &[&str] = &[
    "提案委员会",
    "经济委员会",
    "文史和学习委员会",
    "社会和法制委员会",
    "农业农村委员会",
];

const UNITS: &[&str] = &[
    "县教育局",
    "县卫生健康局",
    "县农业农村局",
    "县自然资源局",
    "县住房和城乡建设局",
    "县发展和改革局",
    "县文化和旅游局",
    "县交通运输局",
    "县生态环境局",
    "县行政审批服务管理局",
];

const TOPICS: &[&str] = &[
    "关于加快代州黄酒产业发展的建议",
    "关于加强代州古城保护利用的建议",
    "关于改善农村学校办学条件的建议",
    "关于优化营商环境的建议",
    "关于推进太忻一体化经济区建设的建议",
    "关于加强基层医疗卫生服务的建议",
    "关于规范露天矿山用地审批的建议",
    "关于提升乡村治理水平的建议",
    "关于加强食品安全监管的建议",
    "关于促进高校毕业生就业的建议",
    "关于完善养老服务体系的建议",
    "关于加强历史文化遗址保护的建议",
    "关于发展特色农业的建议",
    "关于改善县城交通秩序的建议",
    "关于加强保障性住房分配监督的建议",
];

const OPINION_TOPICS: &[&str] = &[
    "就业",
    "教育",
    "住房",
    "社会保障",
    "医疗卫生",
    "食品安全",
    "历史文化保护",
    "农村人居环境",
    "中小企业融资",
    "养老服务",
];

/// Builds the demo committee's records, its scheme and nothing else; the caller assesses.
/// How a committee of the city demo differs from the county demo.
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// Seed of the generator: names, ID numbers, who comes to what.
    pub seed: u64,
    pub name: &'static str,
    pub level: Level,
    /// Division code (also the first six digits of its members' ID numbers: 140923 without).
    pub code: Option<&'static str>,
    pub parent: Option<&'static str>,
    /// The sectors' sizes as a percentage of the county demo's (at least 70).
    pub percent: usize,
    /// The preset scheme assessed under.
    pub preset: &'static str,
    /// Proposals and opinion reports written, and those filed and adopted, as a percentage of
    /// the county demo's for each member.
    pub output: usize,
}

/// The county demo itself.
pub const COUNTY: Variant = Variant {
    seed: 2022_0316,
    name: COMMITTEE,
    level: Level::County,
    code: None,
    parent: None,
    percent: 100,
    preset: PRESET,
    output: 100,
};

/// Builds the county demo.
pub fn build(w: &W) -> Result<Counts> {
    build_variant(w, &COUNTY)
}

/// Builds the demo committee `v`.
pub fn build_variant(w: &W, v: &Variant) -> Result<Counts> {
    let mut rng = Rng(v.seed);
    let mut counts = Counts::default();
    committee::set(
        w,
        &committee::Committee {
            name: v.name.into(),
            level: v.level,
            term: 16,
            term_start: Some(2021),
            code: v.code.map(Into::into),
            parent_code: v.parent.map(Into::into),
        },
    )?;
    let sized = |size: usize| (size * v.percent.max(70)).div_ceil(100).max(1);
    // the county demo's numbers of proposals, reports, filed and adopted, for this committee
    let made = |n: usize| (n * v.percent.max(70) * v.output).div_ceil(100 * 100);
    let total: usize = SECTORS.iter().map(|s| sized(s.2)).sum();
    let prefix = v.code.unwrap_or("140923");

    for (code, name, _, _) in SECTORS {
        sectors::add(w, name, Some(code), None)?;
    }
    counts.sectors = SECTORS.len();

    let special: Vec<orgs::Org> = SPECIAL
        .iter()
        .map(|n| {
            orgs::add(w, n, OrgKind::Special, None, None)?;
            orgs::find(w, n)
        })
        .collect::<Result<_>>()?;
    let liaison: Vec<orgs::Org> = TOWNSHIPS
        .iter()
        .map(|t| {
            let n = format!("{t}委员联络组");
            orgs::add(w, &n, OrgKind::Liaison, None, None)?;
            orgs::find(w, &n)
        })
        .collect::<Result<_>>()?;
    let standing_org = orgs::find(w, "standing")?;

    // Members: all but 3 from the start of the term (192 of 195), 3 more at the 2022 plenary.
    let term_start = d(2021, 1, 10);
    let mut roster: Vec<(Member, f64)> = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut n = 0;
    for (_, sector, size, party) in SECTORS {
        for _ in 0..sized(*size) {
            n += 1;
            let female = rng.chance(0.3);
            let name = loop {
                let given = if female {
                    rng.pick(GIVEN_FEMALE)
                } else {
                    rng.pick(GIVEN_MALE)
                };
                let candidate = format!("{}{}", rng.pick(SURNAMES), given);
                if used.insert(candidate.clone()) {
                    break candidate;
                }
            };
            let year = 1960 + rng.below(30) as i32;
            let month = 1 + rng.below(12) as u32;
            let day = 1 + rng.below(28) as u32;
            let seq = format!(
                "{:02}{}",
                rng.below(100),
                if female {
                    2 * rng.below(5)
                } else {
                    2 * rng.below(5) + 1
                }
            );
            let first17 = format!("{prefix}{year:04}{month:02}{day:02}{seq}");
            let id_number = format!("{first17}{}", check_char(&first17));
            let party = if party.is_empty() {
                match rng.below(10) {
                    0..=3 => "中共党员",
                    4..=5 => "无党派",
                    _ => "群众",
                }
            } else {
                party
            };
            let joined = if n > total - 3 { d(2022, 1, 9) } else { term_start };
            let m = members::add(
                w,
                NewMember {
                    code: Some(format!("D{n:03}")),
                    name,
                    gender: Some(if female { Gender::Female } else { Gender::Male }),
                    ethnicity: Some(
                        if *sector == "少数民族界" {
                            "回族"
                        } else {
                            "汉族"
                        }
                        .into(),
                    ),
                    birth_date: None,
                    party: Some(party.into()),
                    sector: (*sector).into(),
                    workplace: Some((*rng.pick(WORKPLACES)).into()),
                    title: Some((*rng.pick(TITLES)).into()),
                    phone: Some(format!("13{}{:08}", 4 + rng.below(6), rng.next() % 100_000_000)),
                    id_number: Some(id_number),
                    joined_on: Some(joined),
                    note: None,
                    standing_from: None,
                },
            )?;
            // How active the member is: most are steady, a few hardly take part.
            let level = match rng.below(20) {
                0 => 0.15,
                1..=3 => 0.45,
                4..=13 => 0.7,
                _ => 0.95,
            };
            roster.push((m, level));
        }
    }
    counts.members = roster.len();

    // Standing members (常委): every sixth member, about 33 in all.
    let standing: Vec<Member> = roster
        .iter()
        .step_by(6)
        .filter(|(m, _)| m.joined_on == Some(term_start))
        .map(|(m, _)| m.clone())
        .collect();
    orgs::join(w, &standing_org, &standing, OrgRole::Member, term_start)?;
    for (i, org) in special.iter().enumerate() {
        let group: Vec<Member> = roster
            .iter()
            .skip(i)
            .step_by(12)
            .take(9)
            .map(|(m, _)| m.clone())
            .collect();
        orgs::join(w, org, &group[..1], OrgRole::Director, term_start)?;
        orgs::join(w, org, &group[1..2], OrgRole::Deputy, term_start)?;
        orgs::join(w, org, &group[2..], OrgRole::Member, term_start)?;
    }
    for (i, org) in liaison.iter().enumerate() {
        let group: Vec<Member> = roster
            .iter()
            .skip(i)
            .step_by(liaison.len())
            .map(|(m, _)| m.clone())
            .collect();
        let since = |m: &Member| m.joined_on.unwrap_or(term_start);
        let (first, later): (Vec<Member>, Vec<Member>) =
            group.into_iter().partition(|m| since(m) == term_start);
        orgs::join(w, org, &first, OrgRole::Member, term_start)?;
        for m in later {
            orgs::join(w, org, std::slice::from_ref(&m), OrgRole::Member, since(&m))?;
        }
    }

    // Activities of the year, as the work report names them.
    let plenary = activity(
        w,
        "plenary",
        "十六届二次会议",
        d(2022, 1, 9),
        d(2022, 1, 11),
        Some(5),
    )?;
    let mut standing_meetings = Vec::new();
    for (i, (m, day)) in [(3, 18), (5, 20), (7, 22), (9, 23), (12, 16)].iter().enumerate() {
        let title = format!("十六届常委会第{}次会议", ["五", "六", "七", "八", "九"][i]);
        standing_meetings.push(activity(
            w,
            "standing",
            &title,
            d(2022, *m, *day),
            d(2022, *m, *day),
            None,
        )?);
    }
    let mut others = Vec::new();
    let plan: &[(&str, &str, (u32, u32), usize)] = &[
        ("training", "委员履职培训班", (3, 8), 60),
        ("research", "太忻一体化经济区建设联合调研", (3, 29), 20),
        ("inspection", "视察行政审批中心", (4, 11), 25),
        ("consultation", "优化营商环境对口协商会", (4, 12), 30),
        ("inspection", "视察农村学校建设及教学情况", (5, 17), 25),
        ("research", "代州黄酒产业专题调研", (6, 8), 18),
        ("consultation", "国土空间规划及用地情况协商会", (6, 15), 24),
        ("research", "露天矿山用地审批情况调研座谈会", (7, 6), 16),
        ("consultation", "上半年全县经济运行情况通报会", (7, 28), 45),
        ("supervision", "保障性住房分配民主监督", (8, 10), 15),
        ("consultation", "加强基层社会治理界别协商会", (8, 25), 40),
        ("welfare", "委员捐资助学活动", (9, 1), 35),
        ("inspection", "视察重点提案办理情况", (9, 15), 20),
        ("consultation", "恢复代州衙署大堂征求意见会", (10, 20), 63),
        ("supervision", "卫生执法民主监督", (11, 8), 15),
        ("liaison", "新城社区委员议事室揭牌", (11, 18), 12),
    ];
    for (kind, title, (m, day), size) in plan {
        others.push((
            activity(w, kind, title, d(2022, *m, *day), d(2022, *m, *day), None)?,
            *size,
        ));
    }
    for (i, month) in [2, 4, 5, 6, 8, 10, 11].iter().enumerate() {
        let title = format!(
            "委员读书活动（第{}期）",
            ["一", "二", "三", "四", "五", "六", "七"][i]
        );
        others.push((
            activity(
                w,
                "reading",
                &title,
                d(2022, *month, 26),
                d(2022, *month, 26),
                None,
            )?,
            30,
        ));
    }
    let speech = activity(
        w,
        "speech_written",
        "十六届二次会议大会书面发言",
        d(2022, 1, 10),
        d(2022, 1, 10),
        None,
    )?;
    counts.activities = 1 + standing_meetings.len() + others.len() + 1;

    // Two members were disqualified during the year (after the plenary).
    let disqualified = [57usize, 130usize];

    // Plenary: everyone serving is due.
    let mut marks = Vec::new();
    for (m, level) in &roster {
        if !m.serving_on(plenary.start_on) {
            continue;
        }
        let roll = rng.below(100);
        let (status, half) =
            if disqualified.contains(&(roster_index(&roster, m.id))) || (*level < 0.2 && roll < 50) {
                (Status::Absent, None)
            } else if roll < 6 {
                (Status::Excused, None)
            } else if roll < 9 {
                (Status::LeftEarly, Some(3.0))
            } else {
                (Status::Present, None)
            };
        marks.push(mark(
            m,
            status,
            AttendRole::Participant,
            half,
            status == Status::Excused,
        ));
    }
    counts.attendance += marks.len();
    activities::record(w, &plenary, &marks)?;

    let mut speakers = Vec::new();
    for (m, level) in &roster {
        if *level > 0.9 && m.serving_on(speech.start_on) && rng.chance(0.5) {
            speakers.push(mark(m, Status::Present, AttendRole::Speaker, None, false));
        }
    }
    counts.attendance += speakers.len();
    activities::record(w, &speech, &speakers)?;

    for (m_i, (m, _)) in roster.iter().enumerate() {
        if disqualified.contains(&m_i) {
            members::leave(w, m, d(2022, 6, 30), LeftReason::Disqualified)?;
        }
    }
    let roster: Vec<(Member, f64)> = roster
        .into_iter()
        .map(|(m, l)| members::by_id(w, m.id).map(|m| (m, l)))
        .collect::<Result<_>>()?;

    for meeting in &standing_meetings {
        let mut marks = Vec::new();
        for m in &standing {
            let m = &roster[roster_index(&roster, m.id)];
            if !m.0.serving_on(meeting.start_on) {
                continue;
            }
            let roll = rng.below(100);
            let status = if roll < 8 || (m.1 < 0.2 && roll < 40) {
                Status::Excused
            } else if roll < 11 {
                Status::Absent
            } else {
                Status::Present
            };
            marks.push(mark(
                &m.0,
                status,
                AttendRole::Participant,
                None,
                status == Status::Excused,
            ));
        }
        counts.attendance += marks.len();
        activities::record(w, meeting, &marks)?;
    }

    for (a, size) in &others {
        let mut chosen: Vec<Mark> = Vec::new();
        let mut order: Vec<usize> = (0..roster.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for i in order {
            if chosen.len() >= *size {
                break;
            }
            let (m, level) = &roster[i];
            if !m.serving_on(a.start_on) || !rng.chance(*level) {
                continue;
            }
            let status = if rng.chance(0.05) {
                Status::Excused
            } else {
                Status::Present
            };
            let role = if chosen.is_empty() {
                AttendRole::Lead
            } else {
                AttendRole::Participant
            };
            chosen.push(mark(m, status, role, None, status == Status::Excused));
        }
        counts.attendance += chosen.len();
        activities::record(w, a, &chosen)?;
    }

    // 165 proposals collected at the plenary; 25 filed (in the county demo).
    let authors_pool: Vec<&Member> = roster
        .iter()
        .filter(|(m, l)| m.serving_on(d(2022, 1, 9)) && rng.chance(*l))
        .map(|(m, _)| m)
        .collect();
    let mut ids = Vec::new();
    for i in 0..made(165) {
        let lead = *rng.pick(&authors_pool);
        let (kind_cosigners, org, mains): (Vec<Member>, Option<String>, Vec<Member>) = match i % 11 {
            0 => {
                let org = &special[rng.below(special.len())];
                let ms = orgs::memberships(w, None, Some(org.id))?;
                let mains: Vec<Member> = ms
                    .iter()
                    .take(2 + rng.below(3))
                    .map(|s| members::by_id(w, s.member_id))
                    .collect::<Result<_>>()?;
                (Vec::new(), Some(org.name.clone()), mains)
            }
            1..=3 => {
                let mut co = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let c = *rng.pick(&authors_pool);
                    if c.id != lead.id && !co.iter().any(|x: &Member| x.id == c.id) {
                        co.push(c.clone());
                    }
                }
                (co, None, Vec::new())
            }
            _ => (Vec::new(), None, Vec::new()),
        };
        let topic = TOPICS[i % TOPICS.len()];
        let p = NewProposal {
            number: Some(format!("{}", 1 + i)),
            title: if i < TOPICS.len() {
                topic.to_string()
            } else {
                format!("{topic}（之{}）", i / TOPICS.len() + 1)
            },
            year: YEAR,
            session: Some("十六届二次会议".into()),
            submitted_on: Some(d(2022, 1, 9 + (i % 2) as u32)),
            kind: None,
            leads: if org.is_some() {
                Vec::new()
            } else {
                vec![lead.clone()]
            },
            cosigners: kind_cosigners,
            org,
            main_members: mains,
            handling_unit: None,
            note: None,
        };
        ids.push(proposals::add(w, &p)?);
    }
    counts.proposals = ids.len();
    // Review: every 6th is filed (25 in all from the first 150), a few merged, withdrawn or
    // converted to opinion reports; the rest not filed.
    let mut converted = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let p = proposals::find(w, &id.to_string())?;
        let mut s = ProposalSet::default();
        if i % 6 == 0 && counts.filed < made(25) {
            counts.filed += 1;
            s.stage = Some(Stage::Filed);
            s.handling_unit = Some((*rng.pick(UNITS)).into());
            s.reply_on = Some(d(2022, 6, 1 + rng.below(28) as u32));
            s.satisfaction = Some(if rng.chance(0.85) {
                Satisfaction::Satisfied
            } else {
                Satisfaction::Basically
            });
            s.key = Some(counts.filed % 5 == 1);
            s.excellent = Some(counts.filed % 4 == 2);
            s.forwarded_up = Some(counts.filed == 3);
        } else if i % 23 == 5 {
            s.stage = Some(Stage::Merged);
            s.merged_into = Some(ids[i - i % 6].to_string());
        } else if i % 31 == 7 {
            s.stage = Some(Stage::Withdrawn);
        } else if i % 13 == 4 && converted.len() < 10 {
            s.stage = Some(Stage::Converted);
            converted.push(p.clone());
        } else {
            s.stage = Some(Stage::NotFiled);
        }
        proposals::set(w, &p, &s)?;
    }

    // 312 opinion reports; adopted by the city 46, of which the province 26, of which the
    // national committee 8; many others taken up by the county (in the county demo).
    let writers: Vec<&Member> = roster
        .iter()
        .filter(|(m, l)| m.left_on.is_none() && *l > 0.4)
        .map(|(m, _)| m)
        .collect();
    let mut reports = Vec::new();
    for i in 0..made(312) {
        let from = converted.get(i);
        let date = match from {
            Some(_) => d(2022, 3, 1 + i as u32),
            None => d(2022, 1 + (i % 12) as u32, 1 + (i * 7 % 28) as u32),
        };
        let mut writer = || loop {
            let m = *rng.pick(&writers);
            if m.serving_on(date) {
                break m.clone();
            }
        };
        let mut authors = match from {
            Some(p) => proposals::authors(w, p.id)?
                .iter()
                .take(2)
                .map(|a| members::by_id(w, a.member_id))
                .collect::<Result<Vec<_>>>()?,
            None => vec![writer()],
        };
        if from.is_none() && i % 5 == 0 {
            let co = writer();
            if co.id != authors[0].id {
                authors.push(co);
            }
        }
        let topic = OPINION_TOPICS[i % OPINION_TOPICS.len()];
        let id = opinions::add(
            w,
            &NewOpinion {
                number: Some(format!("SQ{YEAR}{:03}", i + 1)),
                title: match from {
                    Some(p) => format!("{}（由提案转来）", p.title),
                    None => format!("关于{topic}问题的情况反映（{}）", i / OPINION_TOPICS.len() + 1),
                },
                submitted_on: date,
                authors,
                from_proposal: from.map(|p| p.id.to_string()),
                note: None,
            },
        )?;
        reports.push((id, date));
    }
    counts.opinions = reports.len();
    for (i, (id, date)) in reports.iter().enumerate() {
        let o = opinions::find(w, &id.to_string())?;
        let later = |days: u64| *date + chrono::Days::new(days);
        let step = i % 6;
        if i % 2 == 0 && i < made(240) {
            opinions::adopt(w, &o, Level::County, later(10), None)?;
        }
        if step == 1 && i / 6 < made(46) {
            let rank = i / 6;
            opinions::adopt(w, &o, Level::City, later(20), None)?;
            if rank < made(26) {
                opinions::adopt(w, &o, Level::Province, later(35), None)?;
            }
            if rank < made(8) {
                opinions::adopt(w, &o, Level::National, later(50), None)?;
            }
            if rank % 9 == 4 {
                opinions::instruct(w, &o, Level::City, later(40), Some("市委主要领导"), None)?;
            }
        }
    }

    // Commendations at the year's end and two decisions of the office.
    let mut ranked: Vec<&(Member, f64)> = roster.iter().filter(|(m, _)| m.left_on.is_none()).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    for (i, (m, _)) in ranked.iter().take(12).enumerate() {
        let (level, reason) = if i < 3 {
            (Level::City, "市政协优秀政协委员")
        } else {
            (Level::County, "县政协优秀政协委员")
        };
        awards::commend(w, m, level, d(2022, 12, 28), reason)?;
    }
    let donors: Vec<&Member> = ranked
        .iter()
        .skip(5)
        .step_by(17)
        .take(3)
        .map(|(m, _)| m)
        .collect();
    // Three members funded the school-aid day and were given points for it; in the autumn
    // most members answered the committee's appeal for the epidemic (the seed: over 90,000
    // yuan). Its own generator, so the records above stay as they are.
    let aid = others
        .iter()
        .find(|(a, _)| a.title == "委员捐资助学活动")
        .map(|(a, _)| a.clone())
        .expect("the school-aid day is planned above");
    for m in donors {
        awards::adjust(w, m, YEAR, "2", "捐资助学，经主席会议认定加分")?;
        let gift = NewDonation {
            given_on: aid.start_on,
            kind: DonationKind::Money,
            amount_fen: 500_000,
            purpose: "捐资助学".into(),
            activity_id: Some(aid.id),
            note: None,
        };
        donations::add(w, m, &gift)?;
        counts.donated_fen += gift.amount_fen;
    }
    let mut give = Rng(2022_1016);
    let appeal = d(2022, 10, 18);
    for (m, _) in &roster {
        if !m.serving_on(appeal) || !give.chance(0.8) {
            continue;
        }
        let yuan = *give.pick(&[100i64, 200, 300, 300, 500, 500, 500, 800, 1000, 1000]);
        let goods = give.chance(0.1);
        let gift = NewDonation {
            given_on: appeal + chrono::Days::new(give.below(12) as u64),
            kind: if goods {
                DonationKind::Goods
            } else {
                DonationKind::Money
            },
            amount_fen: yuan * 100,
            purpose: if goods {
                "抗疫倡议：捐赠防疫物资".into()
            } else {
                "抗疫倡议：慰问基层防疫人员".into()
            },
            activity_id: None,
            note: None,
        };
        donations::add(w, m, &gift)?;
        counts.donated_fen += gift.amount_fen;
    }
    if let Some((m, _)) = ranked.last() {
        awards::adjust(w, m, YEAR, "-2", "未按要求报送年度履职报告")?;
    }

    let preset = crate::scoring::preset(v.preset).ok_or_else(|| {
        crate::error::Error::data(crate::text!("预置办法 {} 不存在", "no preset {}", v.preset))
    })?;
    let scheme = crate::scoring::parse_rules(preset.text, &assess::kind_codes(w)?)
        .map_err(|_| crate::error::Error::data(crate::text!("预置办法无效", "the preset is invalid")))?;
    assess::set_scheme(
        w,
        YEAR,
        &scheme.scheme.name,
        &format!("preset:{}", v.preset),
        preset.text,
    )?;
    Ok(counts)
}

fn roster_index(roster: &[(Member, f64)], id: i64) -> usize {
    roster
        .iter()
        .position(|(m, _)| m.id == id)
        .expect("member of the roster")
}

fn mark(m: &Member, status: Status, role: AttendRole, half_days: Option<f64>, excused: bool) -> Mark {
    Mark {
        member: m.clone(),
        status,
        role,
        half_days,
        leave_reason: excused.then(|| "公务".to_string()),
    }
}

fn activity(
    w: &W,
    kind: &str,
    title: &str,
    start_on: NaiveDate,
    end_on: NaiveDate,
    half_days: Option<i64>,
) -> Result<activities::Activity> {
    let id = activities::add(
        w,
        &NewActivity {
            kind: kind.into(),
            title: title.into(),
            start_on,
            end_on,
            half_days: half_days.unwrap_or(1),
            org: None,
            location: None,
            note: None,
        },
    )?;
    activities::get(w, id)
}
