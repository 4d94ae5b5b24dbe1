//! Importing a roster (委员名单).
//!
//! Natural key: the member code (编号) when the row has one (an all-digit code also matches the
//! one stored code of the same value, `1` → `0001`, as Excel turns codes into numbers);
//! otherwise the ID number; otherwise the name, narrowed by the birth date when the file gives
//! one. A name shared by several members that the row cannot tell apart is an error listing the
//! candidates.
//!
//! No silent duplicates: a new member whose code equals a stored one apart from leading zeros or
//! letter case, or whose ID number is stored, is an error; so is one named like a serving member,
//! unless the row carries its own code and a birth date that differs from theirs and the import
//! is given `--allow-homonyms`.

use crate::domain::mask::{is_personal, mask};
use std::collections::HashMap;

use super::people::{CodeHit, Codes, many_codes, padded_note};
use super::reader::{Source, Value};
use super::{Cells, Field, Header, Options, PlanLine, Problems, Seen, Summary, reason_of};
use crate::domain::codes::Gender;
use crate::domain::dates::parse_birth;
use crate::error::Result;
use crate::i18n::Text;
use crate::store::members::{self, Member, MemberEdit, NewMember};
use crate::store::{Store, import as db};
use crate::text;

pub const CODE: usize = 0;
pub const NAME: usize = 1;
pub const GENDER: usize = 2;
pub const ETHNICITY: usize = 3;
pub const BIRTH: usize = 4;
pub const PARTY: usize = 5;
pub const SECTOR: usize = 6;
pub const WORKPLACE: usize = 7;
pub const TITLE: usize = 8;
pub const PHONE: usize = 9;
pub const ID_NUMBER: usize = 10;
pub const JOINED: usize = 11;
pub const NOTE: usize = 12;

pub const FIELDS: &[Field] = &[
    Field::new("code", &["编号", "委员编号"], crate::domain::example::CODE),
    Field::new("name", &["姓名", "委员姓名"], "王芳").required(),
    Field::new("gender", &["性别"], "女"),
    Field::new("ethnicity", &["民族"], "汉族"),
    Field::new("birth_date", &["出生年月", "出生日期", "出生年月日"], "1968.05"),
    Field::new("party", &["党派", "政治面貌"], "民盟盟员"),
    Field::new("sector", &["界别", "所在界别"], "教育界").required(),
    Field::new(
        "workplace",
        &[
            "工作单位",
            "单位",
            "工作单位及职务",
            "工作单位及职务(职称)",
            "单位及职务",
        ],
        "县第一中学",
    ),
    Field::new("title", &["职务", "职称", "职务职称"], "副校长"),
    Field::new(
        "phone",
        &["联系电话", "手机", "手机号码", "电话", "联系方式"],
        "13800000000",
    ),
    Field::new("id_number", &["身份证号", "身份证号码", "公民身份号码"], ""),
    Field::new("joined_on", &["任委员日期", "任职日期"], "2021-12-28"),
    Field::new("note", &["备注"], ""),
];

/// Columns of listings that import reads past: 序号, and standing/serving status, which change
/// only through `member leave` and `org join`.
pub const IGNORED: &[&str] = &[
    "序号",
    "常委",
    "standing",
    "状态",
    "status",
    "离任日期",
    "left_on",
    "离任原因",
    "left_reason",
];

/// A value from the file: `None` when the column is absent (keep), `Some(None)` to clear.
type Set<T> = Option<Option<T>>;

#[derive(Debug, Default)]
struct Rec {
    row: usize,
    code: Option<String>,
    name: String,
    gender: Set<Gender>,
    ethnicity: Set<String>,
    birth: Set<String>,
    party: Set<String>,
    sector: Option<String>,
    workplace: Set<String>,
    title: Set<String>,
    phone: Set<String>,
    id_number: Set<String>,
    joined: Option<chrono::NaiveDate>,
    note: Set<String>,
}

struct Known {
    all: Vec<Member>,
    codes: Codes,
    by_name: HashMap<String, Vec<usize>>,
    by_id_number: HashMap<String, usize>,
    /// Sector names, codes and aliases.
    sectors: crate::store::sectors::Resolver,
}

fn load(store: &Store) -> Result<Known> {
    let all = members::list(store.conn(), &members::Filter::default())?;
    let mut k = Known {
        codes: Codes::new(all.iter().map(|m| m.code.as_str())),
        by_name: HashMap::new(),
        by_id_number: HashMap::new(),
        sectors: crate::store::sectors::Resolver::load(store.conn())?,
        all: Vec::new(),
    };
    for (i, m) in all.iter().enumerate() {
        k.by_name.entry(m.name.clone()).or_default().push(i);
        if let Some(id) = &m.id_number {
            k.by_id_number.insert(id.clone(), i);
        }
    }
    k.all = all;
    Ok(k)
}

/// Birth dates as offices type them, including the number Excel makes of "1968.05".
fn birth(c: &mut Cells, field: usize) -> Set<String> {
    if !c.header.has(field) {
        return None;
    }
    let col = c.header.col(field)?;
    let v = c.row.get(col.index).clone();
    let text = match &v {
        Value::Float(f) if (1900.0..2101.0).contains(f) && f.fract() != 0.0 => {
            let year = f.trunc() as i32;
            let frac = format!("{f}");
            let digits = frac.split('.').nth(1).unwrap_or("");
            if digits == "1" {
                c.fail(
                    field,
                    &frac,
                    text!(
                        "Excel 把它存成了数字，分不清是 1 月还是 10 月；请把该列设为「文本」后写成 {}.01 或 {}.10",
                        "Excel stored it as a number: January or October? Format the column as text and write {}.01 or {}.10",
                        year,
                        year
                    ),
                );
                return Some(None);
            }
            format!("{year}.{digits}")
        }
        Value::Date(d) => match super::reader::excel_date(d) {
            Some(d) => d.to_string(),
            None => v.shown(),
        },
        _ => match c.text(field) {
            Some(t) => t,
            None => return Some(None),
        },
    };
    match parse_birth(&text) {
        Ok(b) => Some(Some(b)),
        Err(e) => {
            c.fail(field, &text, reason_of(&e));
            Some(None)
        }
    }
}

fn opt_text(c: &mut Cells, field: usize) -> Set<String> {
    if !c.header.has(field) {
        return None;
    }
    Some(c.text(field))
}

fn parse(c: &mut Cells, k: &Known) -> Option<Rec> {
    let mut r = Rec {
        row: c.row.number,
        ..Rec::default()
    };
    r.code = c.code_text(CODE);
    if let Some(cd) = &r.code
        && let Err(e) = crate::domain::example::check_member_code(cd)
    {
        c.fail(CODE, cd, reason_of(&e));
    }
    r.name = crate::domain::clean::name(&c.need(NAME, &FIELDS[NAME]).unwrap_or_default());
    r.gender = c.header.has(GENDER).then(|| c.code(GENDER, Gender::parse));
    r.ethnicity = opt_text(c, ETHNICITY);
    r.birth = birth(c, BIRTH);
    r.party = opt_text(c, PARTY);
    if let Some(s) = c.need(SECTOR, &FIELDS[SECTOR]) {
        match k.sectors.find(&s) {
            Ok((_, name)) => r.sector = Some(name.to_string()),
            Err(why) => c.fail(SECTOR, &s, why),
        }
    }
    r.workplace = opt_text(c, WORKPLACE);
    r.title = opt_text(c, TITLE);
    r.phone = opt_text(c, PHONE).map(|v| v.map(|p| crate::domain::clean::code(&p)));
    // A masked number (138****5678, from a listing) says nothing: keep what is stored.
    if matches!(&r.phone, Some(Some(p)) if p.contains('*')) {
        r.phone = None;
    }
    if let Some(Some(p)) = &r.phone
        && let Err(e) = crate::domain::phone::parse_phone(p)
    {
        let v = p.clone();
        c.fail(PHONE, &v, super::reason_of(&e));
        r.phone = None;
    }
    r.id_number = opt_text(c, ID_NUMBER).map(|v| v.map(|p| crate::domain::clean::code(&p)));
    if matches!(&r.id_number, Some(Some(p)) if p.contains('*')) {
        r.id_number = None;
    }
    r.joined = c.date(JOINED, &FIELDS[JOINED]);
    r.note = opt_text(c, NOTE);
    // The ID number must agree with birth date and gender, and fills them in when missing.
    if let Some(Some(id)) = &r.id_number {
        let mut b = r.birth.clone().flatten();
        let mut g = r.gender.flatten();
        match members::reconcile_id(Some(id), &mut b, &mut g) {
            Ok(n) => {
                r.id_number = Some(n);
                if b.is_some() {
                    r.birth = Some(b);
                }
                if g.is_some() {
                    r.gender = Some(g);
                }
            }
            Err(e) => {
                let id = mask(id);
                c.fail(ID_NUMBER, &id, reason_of(&e));
            }
        }
    }
    (!c.bad).then_some(r)
}

fn candidates(k: &Known, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| {
            let m = &k.all[i];
            format!(
                "{} {} {} {}",
                m.code,
                m.name,
                m.birth_date.as_deref().unwrap_or("-"),
                m.sector
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

enum Match {
    New,
    Existing(usize),
    /// An all-digit code that matched the one stored code of the same value.
    Padded(usize),
}

fn compatible(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn find(k: &Known, r: &Rec) -> std::result::Result<Match, Text> {
    if let Some(code) = &r.code {
        return match k.codes.find(code) {
            CodeHit::Exact(i) => Ok(Match::Existing(i)),
            CodeHit::Padded(i) => Ok(Match::Padded(i)),
            CodeHit::Many(many) => Err(many_codes(code, &candidates(k, &many))),
            CodeHit::None => Ok(Match::New),
        };
    }
    if let Some(Some(id)) = &r.id_number
        && let Some(&i) = k.by_id_number.get(id)
    {
        return Ok(Match::Existing(i));
    }
    let cands = k.by_name.get(&r.name).cloned().unwrap_or_default();
    if cands.is_empty() {
        return Ok(Match::New);
    }
    if let Some(Some(b)) = &r.birth {
        let exact: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| k.all[i].birth_date.as_deref() == Some(b))
            .collect();
        if exact.len() == 1 {
            return Ok(Match::Existing(exact[0]));
        }
        let fit: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| k.all[i].birth_date.as_deref().is_none_or(|x| compatible(x, b)))
            .collect();
        return match fit.len() {
            0 => Ok(Match::New),
            1 => Ok(Match::Existing(fit[0])),
            _ => Err(ambiguous(k, &r.name, &fit)),
        };
    }
    match cands.len() {
        1 => Ok(Match::Existing(cands[0])),
        _ => Err(ambiguous(k, &r.name, &cands)),
    }
}

/// Why a new member may not be added: its code equals a stored one apart from leading zeros or
/// case, or it is named like a serving member and the row does not tell them apart (a code, a
/// birth date none of theirs can be, and `--allow-homonyms`). `Ok(true)` when it is such a
/// homonym and allowed.
fn homonym(
    k: &Known,
    r: &Rec,
    allow: bool,
    today: chrono::NaiveDate,
) -> std::result::Result<bool, (usize, String, Text)> {
    if let Some(code) = &r.code {
        let near = k.codes.near(code);
        if !near.is_empty() {
            return Err((
                CODE,
                code.clone(),
                text!(
                    "与已有委员的编号只差前面的 0 或字母大小写：{}；如是同一人请写已有的编号，另一人请换一个编号",
                    "differs from a stored member's code only in leading zeros or letter case: {}; write the stored code for the same person, another code for another",
                    candidates(k, &near)
                ),
            ));
        }
    }
    let same: Vec<usize> = k
        .by_name
        .get(&r.name)
        .map(|v| {
            v.iter()
                .copied()
                .filter(|&i| crate::domain::service::serving_on(None, k.all[i].left_on, today))
                .collect()
        })
        .unwrap_or_default();
    if same.is_empty() {
        return Ok(false);
    }
    let birth = r.birth.clone().flatten();
    let alike: Vec<usize> = match &birth {
        Some(b) => same
            .iter()
            .copied()
            .filter(|&i| k.all[i].birth_date.as_deref().is_some_and(|x| compatible(x, b)))
            .collect(),
        None => Vec::new(),
    };
    let why = if !allow {
        text!(
            "如是同一人，请写该委员的编号；如确是另一人，请在该行写明新的编号和出生年月，并加 --allow-homonyms",
            "if it is the same person, write that member's code; if it is another person, give a new code and the birth date in this row and add --allow-homonyms"
        )
    } else if r.code.is_none() {
        text!(
            "同名的新委员须在该行写明编号（加了 --allow-homonyms 也一样）",
            "a new member with that name needs a code in this row, --allow-homonyms or not"
        )
    } else if birth.is_none() {
        text!(
            "同名的新委员须在该行写明出生年月（加了 --allow-homonyms 也一样）",
            "a new member with that name needs a birth date in this row, --allow-homonyms or not"
        )
    } else if !alike.is_empty() {
        text!(
            "出生年月也与 {} 相同，应是同一人；请写该委员的编号",
            "the birth date matches {} too, so it is the same person; write that member's code",
            alike
                .iter()
                .map(|&i| k.all[i].code.as_str())
                .collect::<Vec<_>>()
                .join("、")
        )
    } else {
        return Ok(true);
    };
    Err((
        NAME,
        r.name.clone(),
        text!(
            "与在任委员同名：{}；{}",
            "the same name as serving member(s) {}; {}",
            candidates(k, &same),
            why
        ),
    ))
}

fn ambiguous(k: &Known, name: &str, idx: &[usize]) -> Text {
    let list = candidates(k, idx);
    text!(
        "姓名「{}」有 {} 位委员同名：{}；请在该行写明「编号」或「出生年月」",
        "the name '{}' is shared by {} members: {}; give the code or birth date in this row",
        name,
        idx.len(),
        list
    )
}

/// Field-by-field differences between the file and the stored member.
fn changes(m: &Member, r: &Rec) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut cmp = |key: &'static str, old: Option<&str>, new: &Set<String>| {
        if let Some(n) = new
            && n.as_deref() != old
        {
            out.push((key, old.unwrap_or("").to_string(), n.clone().unwrap_or_default()));
        }
    };
    if r.name != m.name {
        cmp("name", Some(&m.name), &Some(Some(r.name.clone())));
    }
    cmp(
        "gender",
        m.gender.map(|g| g.zh()),
        &r.gender.map(|g| g.map(|g| g.zh().to_string())),
    );
    cmp("ethnicity", m.ethnicity.as_deref(), &r.ethnicity);
    cmp("birth_date", m.birth_date.as_deref(), &r.birth);
    cmp("party", m.party.as_deref(), &r.party);
    cmp("sector", Some(&m.sector), &r.sector.clone().map(Some));
    cmp("workplace", m.workplace.as_deref(), &r.workplace);
    cmp("title", m.title.as_deref(), &r.title);
    cmp("phone", m.phone.as_deref(), &r.phone);
    cmp("id_number", m.id_number.as_deref(), &r.id_number);
    cmp("note", m.note.as_deref(), &r.note);
    if let Some(j) = r.joined
        && m.joined_on != Some(j)
    {
        out.push((
            "joined_on",
            m.joined_on.map(|d| d.to_string()).unwrap_or_default(),
            j.to_string(),
        ));
    }
    out
}

fn label(key: &str) -> (&'static str, &'static str) {
    FIELDS
        .iter()
        .find(|f| f.key == key)
        .map_or(("", ""), |f| (f.zh[0], f.key))
}

/// The changes of a row, personal numbers masked.
fn describe(ch: &[(&'static str, String, String)]) -> Text {
    let shown = |k: &str, v: &str| if is_personal(k) { mask(v) } else { v.to_string() };
    let zh = ch
        .iter()
        .map(|(k, o, n)| format!("{}：「{}」→「{}」", label(k).0, shown(k, o), shown(k, n)))
        .collect::<Vec<_>>()
        .join("；");
    let en = ch
        .iter()
        .map(|(k, o, n)| format!("{}: '{}' → '{}'", label(k).1, shown(k, o), shown(k, n)))
        .collect::<Vec<_>>()
        .join("; ");
    Text::new(zh, en)
}

fn edit_of(r: &Rec, ch: &[(&'static str, String, String)]) -> MemberEdit {
    let has = |k: &str| ch.iter().any(|c| c.0 == k);
    let s = |v: &Set<String>| v.clone().map(|x| x.unwrap_or_default());
    MemberEdit {
        code: None,
        name: has("name").then(|| r.name.clone()),
        gender: if has("gender") { r.gender } else { None },
        ethnicity: if has("ethnicity") { s(&r.ethnicity) } else { None },
        birth_date: if has("birth_date") { r.birth.clone() } else { None },
        party: if has("party") { s(&r.party) } else { None },
        sector: if has("sector") { r.sector.clone() } else { None },
        workplace: if has("workplace") { s(&r.workplace) } else { None },
        title: if has("title") { s(&r.title) } else { None },
        phone: if has("phone") { s(&r.phone) } else { None },
        id_number: if has("id_number") { s(&r.id_number) } else { None },
        joined_on: if has("joined_on") { r.joined } else { None },
        note: if has("note") { s(&r.note) } else { None },
    }
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header: Header = super::read_header(src, super::Kind::Members, &mut problems)?;
    let k = load(store)?;
    let pb = super::progress(src, opts.quiet);
    let mut recs: Vec<(Rec, Match)> = Vec::new();
    let mut seen_key: Seen<String> = Seen::default();
    let mut seen_member: Seen<usize> = Seen::default();
    let mut seen_id: Seen<String> = Seen::default();
    let mut summary = Summary::default();
    let mut notes: Vec<Text> = Vec::new();
    let mut homonyms: std::collections::HashSet<usize> = Default::default();
    let today = chrono::Local::now().date_naive();
    let rows = super::for_each_row(src, &header, &pb, |row| {
        let mut c = Cells::new(row, &header, &mut problems);
        let Some(r) = parse(&mut c, &k) else {
            return Ok(());
        };
        let key = match &r.code {
            Some(code) => format!("code:{code}"),
            None => format!(
                "name:{}|{}",
                r.name,
                r.birth.clone().flatten().unwrap_or_default()
            ),
        };
        if let Some(first) = seen_key.check(key, r.row) {
            c.fail_row(text!(
                "与第 {} 行重复（同一编号，或同名且出生年月相同）",
                "duplicates row {} (same code, or same name and birth date)",
                first
            ));
            return Ok(());
        }
        if let Some(Some(id)) = &r.id_number
            && let Some(first) = seen_id.check(id.clone(), r.row)
        {
            c.fail(
                ID_NUMBER,
                &mask(id),
                text!("与第 {} 行的身份证号相同", "same ID number as row {}", first),
            );
            return Ok(());
        }
        match find(&k, &r) {
            Err(t) => c.fail(NAME, &r.name, t),
            Ok(m) => {
                let m = match m {
                    Match::Padded(i) => {
                        let s = &k.all[i];
                        let given = r.code.clone().unwrap_or_default();
                        if s.name != r.name {
                            c.fail(
                                CODE,
                                &given,
                                text!(
                                    "去掉前面的 0 后是委员 {}（{}）的编号，但本行姓名是 {}；请写完整的编号",
                                    "apart from leading zeros this is the code of {} ({}), but the row names {}; write the full code",
                                    s.name,
                                    s.code,
                                    r.name
                                ),
                            );
                            return Ok(());
                        }
                        notes.push(padded_note(r.row, &given, &s.code, &s.name));
                        Match::Existing(i)
                    }
                    m => m,
                };
                if let Match::Existing(i) = m
                    && let Some(first) = seen_member.check(i, r.row)
                {
                    c.fail_row(text!(
                        "与第 {} 行是同一位委员 {}（{}）",
                        "is the same member {} ({}) as row {}",
                        k.all[i].name,
                        k.all[i].code,
                        first
                    ));
                    return Ok(());
                }
                // An ID number already stored for someone else.
                if let Some(Some(id)) = &r.id_number
                    && let Some(&j) = k.by_id_number.get(id)
                    && !matches!(m, Match::Existing(i) if i == j)
                {
                    c.fail(
                        ID_NUMBER,
                        &mask(id),
                        text!(
                            "已登记在委员 {}（{}）名下",
                            "already recorded for {} ({})",
                            k.all[j].name,
                            k.all[j].code
                        ),
                    );
                    return Ok(());
                }
                if matches!(m, Match::New) {
                    match homonym(&k, &r, opts.allow_homonyms, today) {
                        Err((field, value, why)) => {
                            c.fail(field, &value, why);
                            return Ok(());
                        }
                        Ok(true) => {
                            homonyms.insert(r.row);
                        }
                        Ok(false) => {}
                    }
                }
                recs.push((r, m));
            }
        }
        Ok(())
    })?;
    pb.finish_and_clear();
    super::after_reading(src, rows, &mut problems)?;
    summary.warnings = notes;
    summary.warnings.extend(header.example_notes());
    // Classify.
    let mut new_names: HashMap<String, usize> = HashMap::new();
    for (r, m) in &recs {
        if matches!(m, Match::New) {
            *new_names.entry(r.name.clone()).or_default() += 1;
        }
    }
    let mut todo_new = Vec::new();
    let mut todo_edit = Vec::new();
    for (r, m) in recs {
        match m {
            Match::New => {
                let key = match &r.code {
                    Some(c) => format!("{} {}", c, r.name),
                    None => r.name.clone(),
                };
                let mut detail = text!(
                    "新委员，界别：{}",
                    "new member, sector: {}",
                    r.sector.clone().unwrap_or_default()
                );
                let same: Vec<usize> = k.by_name.get(&r.name).cloned().unwrap_or_default();
                if homonyms.contains(&r.row) {
                    summary.warnings.push(text!(
                        "第 {} 行的 {} 与在任委员同名（{}），已按 --allow-homonyms 作为另一人新增",
                        "row {}: {} has the name of serving member(s) {}; added as another person (--allow-homonyms)",
                        r.row,
                        r.name,
                        candidates(&k, &same)
                    ));
                    detail = Text::new(
                        format!("{}；同名的另一人", detail.zh),
                        format!("{}; another person of the same name", detail.en),
                    );
                } else if !same.is_empty() || new_names.get(&r.name).copied().unwrap_or(0) > 1 {
                    let w = text!(
                        "第 {} 行的 {} 与已有委员同名（{}），按不同的人新增；如是同一人请写相同的编号",
                        "row {}: {} has the same name as {}; added as a different person (give the same code if it is the same person)",
                        r.row,
                        r.name,
                        if same.is_empty() {
                            "本文件中另一行".to_string()
                        } else {
                            candidates(&k, &same)
                        }
                    );
                    detail = Text::new(
                        format!("{}；可能重复", detail.zh),
                        format!("{}; possible duplicate", detail.en),
                    );
                    summary.warnings.push(w);
                }
                summary.plan.push(PlanLine {
                    row: r.row,
                    action: "new",
                    key,
                    detail,
                });
                summary.new += 1;
                todo_new.push(r);
            }
            Match::Existing(i) | Match::Padded(i) => {
                let m = &k.all[i];
                let ch = changes(m, &r);
                if ch.is_empty() {
                    summary.unchanged += 1;
                    continue;
                }
                let action = if opts.update {
                    summary.changed += 1;
                    "changed"
                } else {
                    summary.held += 1;
                    "held"
                };
                summary.plan.push(PlanLine {
                    row: r.row,
                    action,
                    key: format!("{} {}", m.code, m.name),
                    detail: describe(&ch),
                });
                if opts.update {
                    todo_edit.push((m.clone(), edit_of(&r, &ch)));
                }
            }
        }
    }
    if opts.dry_run || (todo_new.is_empty() && todo_edit.is_empty()) {
        return Ok(summary);
    }
    db::tune_for_import(store.conn())?;
    let file = src.file.clone();
    store.write(|w| {
        for r in todo_new {
            members::add(
                w,
                NewMember {
                    code: r.code,
                    name: r.name,
                    gender: r.gender.flatten(),
                    ethnicity: r.ethnicity.flatten(),
                    birth_date: r.birth.flatten(),
                    party: r.party.flatten(),
                    sector: r.sector.unwrap_or_default(),
                    workplace: r.workplace.flatten(),
                    title: r.title.flatten(),
                    phone: r.phone.flatten(),
                    id_number: r.id_number.flatten(),
                    joined_on: r.joined,
                    note: r.note.flatten(),
                    standing_from: None,
                },
            )
            .map_err(|e| row_error(&file, r.row, e))?;
        }
        for (m, e) in todo_edit {
            members::edit(w, &m, e)?;
        }
        Ok(())
    })?;
    Ok(summary)
}

/// A write refused by the storage layer, pointed at its row.
pub fn row_error(file: &str, row: usize, e: crate::error::Error) -> crate::error::Error {
    crate::error::Error::data(Text::new(
        format!("「{}」第 {} 行：{}；没有导入任何内容", file, row, e.message.zh),
        format!("'{}' row {}: {}; nothing was imported", file, row, e.message.en),
    ))
}
