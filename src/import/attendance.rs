//! Importing sign-in sheets (出席登记).
//!
//! Natural key: (activity, member). The activity comes from `--activity ID`, or an activity id
//! column, or the activity's title and date (and kind, when titles repeat). The member comes
//! from the code, or the name when no code is given; a shared name is an error listing the
//! candidates.
//!
//! A typed sign-in sheet (序号, 姓名, 界别, 签名, 备注) says who came in other ways: a status
//! cell (出席情况) decides; otherwise a leave word in 备注 means excused (the 备注 its reason),
//! 迟到 late and 早退 left early; otherwise, when there is a signature column, a signature means
//! present and a blank or an absent mark (缺, 未到, ×) absent. A sheet with neither a status nor
//! a signature column records everyone listed present, and the summary says so. The words are
//! in [`crate::domain::signin`].

use std::collections::{BTreeMap, HashMap, HashSet};

use super::reader::Source;
use super::{Cells, Field, Options, PlanLine, Problems, Seen, Summary};
use crate::domain::codes::{AttendRole, Status};
use crate::domain::signin;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::store::import::{self as db, ActivityRow, Mark, MemberKey};
use crate::store::{Store, kinds};
use crate::text;

pub const ACT_ID: usize = 0;
pub const ACTIVITY: usize = 1;
pub const DATE: usize = 2;
pub const KIND: usize = 3;
pub const CODE: usize = 4;
pub const NAME: usize = 5;
pub const STATUS: usize = 6;
pub const HALF: usize = 7;
pub const ROLE: usize = 8;
pub const REASON: usize = 9;
pub const NOTE: usize = 10;
pub const SIGNATURE: usize = 11;

pub const FIELDS: &[Field] = &[
    Field::new("activity_id", &["活动编号", "活动序号"], "1"),
    Field::new(
        "activity",
        &["活动名称", "活动", "会议名称", "会议"],
        "十六届二次会议",
    ),
    Field::new("date", &["日期", "活动日期", "会议日期"], "2022-03-05"),
    Field::new("kind", &["活动类型", "会议类型"], "全体会议"),
    Field::new("code", &["编号", "委员编号"], crate::domain::example::CODE),
    Field::new("name", &["姓名", "委员姓名"], "王芳"),
    Field::new("status", &["出席情况", "出勤情况", "出勤", "状态"], "出席"),
    Field::new("half_days", &["出席半天数", "半天数"], "2"),
    Field::new("role", &["角色"], "参加"),
    Field::new("leave_reason", &["请假事由", "请假原因", "事由"], ""),
    Field::new("note", &["备注"], ""),
    Field::new("signature", &["签名", "签到", "本人签字", "签字"], "").not_in_template(),
];

/// 序号, and the sector column of `activity show` listings and sign-in sheets.
pub const IGNORED: &[&str] = &["序号", "界别", "sector"];

struct Known {
    acts: Vec<ActivityRow>,
    act_by_id: HashMap<i64, usize>,
    act_by_title_date: HashMap<(String, chrono::NaiveDate), Vec<usize>>,
    members: Vec<MemberKey>,
    codes: super::people::Codes,
    by_name: HashMap<String, Vec<usize>>,
}

fn load(store: &Store) -> Result<Known> {
    let acts = db::activities(store.conn())?;
    let members = db::member_keys(store.conn())?;
    let mut k = Known {
        act_by_id: HashMap::new(),
        act_by_title_date: HashMap::new(),
        codes: super::people::Codes::new(members.iter().map(|m| m.code.as_str())),
        by_name: HashMap::new(),
        acts: Vec::new(),
        members: Vec::new(),
    };
    for (i, a) in acts.iter().enumerate() {
        k.act_by_id.insert(a.id, i);
        k.act_by_title_date
            .entry((a.title.clone(), a.start_on))
            .or_default()
            .push(i);
    }
    for (i, m) in members.iter().enumerate() {
        k.by_name.entry(m.name.clone()).or_default().push(i);
    }
    k.acts = acts;
    k.members = members;
    Ok(k)
}

fn status_code(s: Status) -> &'static str {
    s.code()
}

pub fn import(store: &mut Store, src: &mut Source, opts: &Options) -> Result<Summary> {
    let mut problems = Problems::new(src);
    let header = super::read_header(src, super::Kind::Attendance, &mut problems)?;
    super::need_member_column(&header, CODE, NAME, &mut problems);
    let fixed = match opts.activity {
        Some(id) => Some(crate::store::activities::get(store.conn(), id)?.id),
        None => None,
    };
    if fixed.is_none() && !header.has(ACT_ID) && !(header.has(ACTIVITY) && header.has(DATE)) {
        problems.push(
            header.row,
            None,
            "",
            text!(
                "不知道是哪次活动：写 --activity 活动编号，或在表中给出「活动编号」列，或「活动名称」和「日期」两列",
                "which activity? give --activity ID, an 'activity_id' column, or 'activity' and 'date' columns"
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let k = load(store)?;
    let kind_ids: HashMap<String, i64> = kinds::list(store.conn())?
        .into_iter()
        .flat_map(|x| {
            [
                (x.code.clone(), x.id),
                (x.name_zh.clone(), x.id),
                (x.name_en.to_lowercase(), x.id),
            ]
        })
        .collect();
    let mut checker = Checker {
        k: &k,
        header: &header,
        kind_ids: &kind_ids,
        fixed_idx: fixed.map(|id| k.act_by_id[&id]),
        seen: opts.dry_run.then(Seen::default),
        notes: Vec::new(),
        listed_present: 0,
        by_status: [0; STATUSES],
    };
    let pb = super::progress(src, opts.quiet);
    // Rows a CSV file holds, roughly (about 16 bytes a row at the least); a sheet counts rows.
    let expected = if src.sheet.is_none() {
        (src.total / 16) as usize
    } else {
        src.total as usize
    };
    let log = serde_json::json!({"import": "attendance", "file": src.file, "sheet": src.sheet});
    // The file is read and checked here while another thread writes the rows already checked
    // into the open transaction; a bad row anywhere means that transaction is rolled back.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(16);
    let mut dupes: Vec<(usize, (i64, i64))> = Vec::new();
    let (read, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write(store, rx, opts, &k, expected, log, &mut dupes));
        let mut batch = Vec::with_capacity(SEND);
        let mut writer_gone = false;
        let read = super::for_each_row(src, &header, &pb, |row| {
            // Rows keep going to the writer after a bad one, so that duplicates further on are
            // found too; nothing is committed unless every row was good.
            if let Some(m) = checker.check(row, &mut problems)
                && !writer_gone
            {
                batch.push((row.number, m));
                if batch.len() == SEND {
                    writer_gone = tx.send(Msg::Batch(std::mem::take(&mut batch))).is_err();
                }
            }
            Ok(())
        });
        let ok = matches!(read, Ok(n) if n > 0) && problems.is_empty();
        if ok && !batch.is_empty() {
            let _ = tx.send(Msg::Batch(batch));
        }
        let _ = tx.send(Msg::End(ok));
        drop(tx);
        (read, writer.join().expect("the writing thread does not panic"))
    });
    pb.finish_and_clear();
    let rows = read?;
    if !dupes.is_empty() {
        first_rows_of_duplicates(&k, &kind_ids, opts, fixed, &dupes, &mut problems)?;
    }
    if problems.is_empty() && rows == 0 {
        return Err(super::no_rows(src));
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let mut summary = written?;
    summary.warnings.splice(0..0, checker.notes);
    summary.warnings.extend(header.example_notes());
    summary.tally.push(text!(
        "按出席情况计：{}",
        "by status: {}",
        tally(&checker.by_status)
    ));
    if checker.listed_present > 0 {
        summary.tally.push(text!(
            "表中没有出席情况或签名列，名单上的 {} 人均按出席登记",
            "the sheet has no status or signature column: the {} members listed are all recorded present",
            checker.listed_present
        ));
    }
    Ok(summary)
}

/// Checked rows sent to the writing thread at a time.
const SEND: usize = 4096;

/// What the reading thread tells the writing one.
enum Msg {
    Batch(Vec<(usize, Mark)>),
    /// The end of the file: `true` when every row was good and may be committed.
    End(bool),
}

/// Checks one row against the stored activities and members.
struct Checker<'a> {
    k: &'a Known,
    header: &'a super::Header,
    kind_ids: &'a HashMap<String, i64>,
    fixed_idx: Option<usize>,
    /// Rows seen, to report duplicates: kept in a dry run only; a real run finds duplicates
    /// with bounded memory while writing (see [`db::Bulk`]).
    seen: Option<Seen<(i64, i64)>>,
    /// Codes matched through lost leading zeros.
    notes: Vec<Text>,
    /// Rows recorded present only because the sheet has no status or signature column.
    listed_present: usize,
    /// Good rows by status, in the order of [`Status::ALL`].
    by_status: [usize; STATUSES],
}

const STATUSES: usize = Status::ALL.len();

/// "出席 5，请假 2 …": counts by status.
fn tally(by_status: &[usize; STATUSES]) -> Text {
    let part = |zh: bool| {
        Status::ALL
            .iter()
            .zip(by_status)
            .map(|(s, n)| {
                if zh {
                    format!("{} {n}", s.zh())
                } else {
                    format!("{} {n}", s.en())
                }
            })
            .collect::<Vec<_>>()
    };
    Text::new(part(true).join("，"), part(false).join(", "))
}

fn index_of(s: Status) -> usize {
    Status::ALL.iter().position(|&x| x == s).unwrap_or(0)
}

impl Checker<'_> {
    /// The member of a code: as stored, or through the leading zeros Excel dropped (noted).
    fn by_code(&mut self, code: &str, row: usize) -> std::result::Result<Option<usize>, Text> {
        use super::people::CodeHit;
        match self.k.codes.find(code) {
            CodeHit::Exact(i) => Ok(Some(i)),
            CodeHit::Padded(i) => {
                let m = &self.k.members[i];
                self.notes
                    .push(super::people::padded_note(row, code, &m.code, &m.name));
                Ok(Some(i))
            }
            CodeHit::Many(many) => {
                let list = many
                    .iter()
                    .map(|&i| format!("{} {}", self.k.members[i].code, self.k.members[i].name))
                    .collect::<Vec<_>>()
                    .join("；");
                Err(super::people::many_codes(code, &list))
            }
            CodeHit::None => Ok(None),
        }
    }

    /// The row as an attendance mark, or `None` after reporting its problems.
    fn check(&mut self, row: &super::reader::Row, problems: &mut Problems) -> Option<Mark> {
        let (k, header, kind_ids) = (self.k, self.header, self.kind_ids);
        let mut c = Cells::new(row, header, problems);
        // The activity.
        let act = match self.fixed_idx {
            Some(i) => Some(i),
            None if header.has(ACT_ID) => match c.text(ACT_ID) {
                None => {
                    c.fail(
                        ACT_ID,
                        "",
                        text!("「活动编号」不能为空", "the activity id cannot be empty"),
                    );
                    None
                }
                Some(v) => match v.parse::<i64>().ok().and_then(|id| k.act_by_id.get(&id)) {
                    Some(&i) => Some(i),
                    None => {
                        c.fail(
                            ACT_ID,
                            &v,
                            text!(
                                "没有这个编号的活动；用 lvzhi activity list 查看",
                                "no activity with this id; see `lvzhi activity list`"
                            ),
                        );
                        None
                    }
                },
            },
            None => {
                let title = c.need(ACTIVITY, &FIELDS[ACTIVITY]);
                let date = c.date(DATE, &FIELDS[DATE]);
                let kind = c.text(KIND);
                match (title, date) {
                    (Some(t), Some(d)) => {
                        let mut cands = k
                            .act_by_title_date
                            .get(&(t.clone(), d))
                            .cloned()
                            .unwrap_or_default();
                        if let Some(kd) = &kind {
                            match kind_ids.get(kd.as_str()).or(kind_ids.get(&kd.to_lowercase())) {
                                Some(&kid) => cands.retain(|&i| k.acts[i].kind_id == kid),
                                None => {
                                    c.fail(
                                        KIND,
                                        kd,
                                        text!(
                                            "活动类型不存在；用 lvzhi kind list 查看",
                                            "unknown activity kind; see `lvzhi kind list`"
                                        ),
                                    );
                                    cands.clear();
                                }
                            }
                        }
                        match cands.len() {
                            1 => Some(cands[0]),
                            0 => {
                                if kind.as_ref().is_none_or(|kd| kind_ids.contains_key(kd.as_str())) {
                                    c.fail(
                                        ACTIVITY,
                                        &t,
                                        text!(
                                            "{} 没有这个名称的活动；先导入活动（lvzhi import activities）或用 lvzhi activity add 添加",
                                            "no activity with this title on {}; import activities first or add it with `lvzhi activity add`",
                                            d
                                        ),
                                    );
                                }
                                None
                            }
                            _ => {
                                c.fail(
                                    ACTIVITY,
                                    &t,
                                    text!(
                                        "{} 有 {} 个同名活动；请加「活动类型」列或改用「活动编号」",
                                        "{} has {} activities with this title; add a 'kind' column or use 'activity_id'",
                                        d,
                                        cands.len()
                                    ),
                                );
                                None
                            }
                        }
                    }
                    _ => None,
                }
            }
        };
        // The member.
        let code = c.code_text(CODE);
        let name = c.name(NAME);
        let member = match (&code, &name) {
            (Some(cd), _) => match self.by_code(cd, row.number) {
                Err(why) => {
                    c.fail(CODE, cd, why);
                    None
                }
                Ok(Some(i)) => {
                    if let Some(n) = &name
                        && *n != k.members[i].name
                    {
                        c.fail(
                            NAME,
                            n,
                            text!(
                                "与编号 {} 的委员 {} 不符",
                                "does not match member {} ({})",
                                cd,
                                k.members[i].name
                            ),
                        );
                    }
                    Some(i)
                }
                Ok(None) => {
                    c.fail(
                        CODE,
                        cd,
                        text!(
                            "没有这个编号的委员；先导入名单（lvzhi import members）",
                            "no member with this code; import the roster first (`lvzhi import members`)"
                        ),
                    );
                    None
                }
            },
            (None, Some(n)) => match k.by_name.get(n).map(Vec::as_slice) {
                Some([i]) => Some(*i),
                Some(many) => {
                    let list = many
                        .iter()
                        .map(|&i| {
                            let m = &k.members[i];
                            format!("{} {} {}", m.code, m.name, m.sector)
                        })
                        .collect::<Vec<_>>()
                        .join("；");
                    c.fail(
                        NAME,
                        n,
                        text!(
                            "有 {} 位委员同名：{}；请加「编号」列",
                            "{} members share this name: {}; add a 'code' column",
                            many.len(),
                            list
                        ),
                    );
                    None
                }
                None => {
                    c.fail(
                        NAME,
                        n,
                        text!(
                            "没有这个姓名的委员；先导入名单（lvzhi import members）",
                            "no member with this name; import the roster first (`lvzhi import members`)"
                        ),
                    );
                    None
                }
            },
            (None, None) => {
                c.fail_row(text!("没有写委员的编号或姓名", "no member code or name"));
                None
            }
        };
        let note = c.text(NOTE);
        let from_note = note.as_deref().and_then(signin::from_note);
        let mut listed = false;
        let status = if header.has(STATUS) {
            match c.text(STATUS) {
                Some(_) => c.code(STATUS, Status::parse),
                None => {
                    if !c.bad {
                        c.fail(
                            STATUS,
                            "",
                            text!(
                                "「出席情况」不能为空：表中有这一列时，每行都要写出席、请假、缺席、迟到或早退",
                                "the status cannot be empty: with a status column every row needs present, excused, absent, late or left early"
                            ),
                        );
                    }
                    None
                }
            }
        } else if let Some(s) = from_note {
            Some(s)
        } else if header.has(SIGNATURE) {
            let signed = c.text(SIGNATURE);
            Some(signin::from_signature(signed.as_deref()))
        } else {
            listed = true;
            Some(Status::Present)
        };
        let role = c.code(ROLE, AttendRole::parse).unwrap_or(AttendRole::Participant);
        let half = c.half_days(HALF);
        // An excused member's reason: the 请假事由 cell, else a 备注 that gives leave (kept
        // as the reason, not also as the note).
        let (reason, note) = match (c.text(REASON), status) {
            (None, Some(Status::Excused)) if from_note == Some(Status::Excused) => (note, None),
            (reason, _) => (reason, note),
        };
        let (Some(ai), Some(mi), Some(status)) = (act, member, status) else {
            return None;
        };
        let a = &k.acts[ai];
        let m = &k.members[mi];
        let serving = crate::domain::service::serving_on(m.joined_on, m.left_on, a.start_on);
        if !serving {
            let v = c.value(if header.has(CODE) { CODE } else { NAME });
            c.fail(
                if header.has(CODE) { CODE } else { NAME },
                &v,
                text!(
                    "委员 {} 在 {}（活动「{}」）不在任",
                    "member {} was not serving on {} (activity '{}')",
                    m.name,
                    a.start_on,
                    a.title
                ),
            );
            return None;
        }
        if let Some(h) = half
            && h > a.half_days as f64
        {
            let v = c.value(HALF);
            c.fail(
                HALF,
                &v,
                text!(
                    "超过活动「{}」的 {} 个半天",
                    "more than the {} half-days of activity '{}'",
                    a.title,
                    a.half_days
                ),
            );
            return None;
        }
        if let Some(first) = self.seen.as_mut().and_then(|s| s.check((a.id, m.id), row.number)) {
            c.fail_row(duplicate(first, &m.name, &a.title));
            return None;
        }
        let half = half.unwrap_or(match status {
            Status::Excused | Status::Absent => 0.0,
            _ => a.half_days as f64,
        });
        self.by_status[index_of(status)] += 1;
        if listed {
            self.listed_present += 1;
        }
        Some(Mark {
            activity_id: a.id,
            member_id: m.id,
            status: status_code(status),
            half_days: half,
            role: role.code(),
            leave_reason: reason,
            note,
        })
    }
}

/// Sorts checked rows into new, changed and unchanged against what is stored, writes the new
/// ones as they come (not in a dry run) and the changed ones with `--update`, and commits only
/// when the reading side ends with `End(true)`.
fn write(
    store: &mut Store,
    rx: std::sync::mpsc::Receiver<Msg>,
    opts: &Options,
    k: &Known,
    expected: usize,
    log: serde_json::Value,
    dupes: &mut Vec<(usize, (i64, i64))>,
) -> Result<Summary> {
    let names: HashMap<i64, &MemberKey> = k.members.iter().map(|m| (m.id, m)).collect();
    let titles: HashMap<i64, &ActivityRow> = k.acts.iter().map(|a| (a.id, a)).collect();
    let mut run = |w: &crate::store::W, insert: bool| -> Result<Summary> {
        let mut bulk = db::Bulk::new(expected);
        // Pairs already stored that the file names (no more than the stored table): a second
        // naming is a duplicate. New pairs named twice are found by the table's UNIQUE index
        // as they are written (see `Bulk`); a dry run finds both while reading.
        let mut stored_hits: HashSet<(i64, i64)> = HashSet::new();
        let mut stored: HashMap<i64, HashMap<(i64, i64), db::Stored>> = HashMap::new();
        let mut summary = Summary::default();
        // Per activity: new, changed, unchanged, and rows by status.
        let mut per_act: BTreeMap<i64, (usize, usize, usize, [usize; STATUSES])> = BTreeMap::new();
        let mut changed: Vec<(i64, Mark)> = Vec::new();
        loop {
            let batch = match rx.recv() {
                Ok(Msg::Batch(b)) => b,
                Ok(Msg::End(true)) => break,
                Ok(Msg::End(false)) | Err(_) => {
                    return Err(Error::data(text!("导入已取消", "the import was abandoned")));
                }
            };
            for (row, m) in batch {
                let key = (m.activity_id, m.member_id);
                let known = match stored.entry(m.activity_id) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(db::attendance_of(w, &[m.activity_id])?)
                    }
                };
                let s = if known.is_empty() { None } else { known.get(&key) };
                if insert && s.is_some() && !stored_hits.insert(key) {
                    dupes.push((row, key));
                    continue;
                }
                let e = per_act.entry(m.activity_id).or_default();
                if let Some(st) = Status::from_code(m.status) {
                    e.3[index_of(st)] += 1;
                }
                let Some(s) = s else {
                    e.0 += 1;
                    summary.new += 1;
                    // Written even after a duplicate (all is rolled back then), so that
                    // later duplicates are found too.
                    if insert {
                        bulk.push(w, row, m)?;
                    }
                    continue;
                };
                let same = s.1 == m.status
                    && s.2 == Some(m.half_days)
                    && s.3 == m.role
                    && s.4 == m.leave_reason
                    && (m.note.is_none() || s.5 == m.note);
                if same {
                    e.2 += 1;
                    summary.unchanged += 1;
                    continue;
                }
                e.1 += 1;
                let who = names[&m.member_id];
                let detail = Text::new(
                    format!(
                        "{}：{} {} 半天 → {} {} 半天",
                        who.name,
                        Status::from_code(&s.1).map_or("", |x| x.zh()),
                        s.2.map_or(String::new(), crate::views::trim_float),
                        Status::from_code(m.status).map_or("", |x| x.zh()),
                        crate::views::trim_float(m.half_days)
                    ),
                    format!(
                        "{}: {} {} half-days → {} {} half-days",
                        who.name,
                        s.1,
                        s.2.map_or(String::new(), crate::views::trim_float),
                        m.status,
                        crate::views::trim_float(m.half_days)
                    ),
                );
                let action = if opts.update {
                    summary.changed += 1;
                    "changed"
                } else {
                    summary.held += 1;
                    "held"
                };
                summary.plan.push(PlanLine {
                    row,
                    action,
                    key: format!("{} {}", m.activity_id, who.code),
                    detail,
                });
                if opts.update {
                    changed.push((s.0, m));
                }
            }
        }
        for (id, (n, c, u, by_status)) in &per_act {
            if *n == 0 {
                continue;
            }
            let a = titles[id];
            summary.plan.push(PlanLine {
                row: 0,
                action: "new",
                key: format!("{} {}", a.id, a.title),
                detail: text!(
                    "新登记 {} 人（另有修改 {}，未变 {}）；按出席情况计：{}",
                    "{} new (and {} changed, {} unchanged); by status: {}",
                    n,
                    c,
                    u,
                    tally(by_status)
                ),
            });
        }
        if insert {
            let (_, again) = bulk.finish(w, log.clone())?;
            if !again.is_empty() {
                dupes.extend(again);
                dupes.sort_unstable();
            }
        }
        if !dupes.is_empty() {
            return Err(Error::data(text!("导入已取消", "the import was abandoned")));
        }
        if insert {
            for (id, m) in &changed {
                db::update_attendance(w, *id, m)?;
            }
        }
        Ok(summary)
    };
    if opts.dry_run {
        return store.rehearse(|w| run(w, false));
    }
    db::tune_for_import(store.conn())?;
    // Every id was resolved against the stored tables, and `Bulk::finish` checks again, under
    // the write lock, that they all still exist: SQLite's per-row foreign-key checks (about a
    // quarter of the time of a big import) add nothing.
    db::without_fk(store, |store| store.write(|w| run(w, true)))
}

fn duplicate(first: usize, name: &str, title: &str) -> Text {
    text!(
        "与第 {} 行重复：同一位委员 {} 在同一活动「{}」登记了两次",
        "duplicates row {}: member {} is recorded twice for activity '{}'",
        first,
        name,
        title
    )
}

/// Reads the file again to find the row each duplicate repeats (only when there are
/// duplicates, so a good import reads the file once).
fn first_rows_of_duplicates(
    k: &Known,
    kind_ids: &HashMap<String, i64>,
    opts: &Options,
    fixed: Option<i64>,
    dupes: &[(usize, (i64, i64))],
    problems: &mut Problems,
) -> Result<()> {
    let wanted: HashMap<(i64, i64), usize> = dupes.iter().map(|&(row, key)| (key, row)).collect();
    let mut first: HashMap<(i64, i64), usize> = HashMap::new();
    let mut src = super::reader::open(&opts.file, opts.encoding, opts.sheet.as_deref())?;
    let mut scratch = Problems::new(&src);
    let header = super::read_header(&mut src, super::Kind::Attendance, &mut scratch)?;
    let mut checker = Checker {
        k,
        header: &header,
        kind_ids,
        fixed_idx: fixed.map(|id| k.act_by_id[&id]),
        seen: None,
        notes: Vec::new(),
        listed_present: 0,
        by_status: [0; STATUSES],
    };
    super::for_each_row(&mut src, &header, &indicatif::ProgressBar::hidden(), |row| {
        if let Some(m) = checker.check(row, &mut scratch) {
            let key = (m.activity_id, m.member_id);
            if wanted.contains_key(&key) {
                first.entry(key).or_insert(row.number);
            }
        }
        Ok(())
    })?;
    let names: HashMap<i64, &MemberKey> = k.members.iter().map(|m| (m.id, m)).collect();
    let titles: HashMap<i64, &ActivityRow> = k.acts.iter().map(|a| (a.id, a)).collect();
    for &(row, key) in dupes {
        let earlier = first.get(&key).copied().filter(|f| *f < row).unwrap_or(0);
        problems.push(
            row,
            None,
            "",
            duplicate(earlier, &names[&key.1].name, &titles[&key.0].title),
        );
    }
    Ok(())
}
