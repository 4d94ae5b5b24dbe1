//! Importing the office's spreadsheets: rosters, activities, sign-in sheets, proposals,
//! opinion reports and donation lists.
//!
//! Every kind works the same way: find the header row, map its columns to fields (Chinese
//! labels, real-roster variants, or the English field names listings print), check every row
//! first, report every bad cell at once, and write only when nothing is wrong, in one
//! transaction. Rows are matched to stored records by a natural key, so importing a file twice
//! writes nothing the second time; changed rows are applied only with `--update`.

pub mod activities;
pub mod attendance;
pub mod contributions;
pub mod donations;
pub mod members;
pub mod opinions;
pub mod people;
pub mod proposals;
pub mod reader;
pub mod report;
pub mod template;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::limits;
use crate::error::{Error, Result};
use crate::i18n::{Text, pick};
use crate::text;
use reader::{Encoding, Row, Source, Value, col_letter, excel_date, serial_to_date};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    #[value(help = pick("委员名单", "Roster of members"))]
    Members,
    #[value(help = pick("会议和活动", "Meetings and activities"))]
    Activities,
    #[value(help = pick("出席登记（签到表）", "Attendance (sign-in sheets)"))]
    Attendance,
    #[value(help = pick("提案", "Proposals"))]
    Proposals,
    #[value(help = pick("社情民意信息", "Opinion reports"))]
    Opinions,
    #[value(help = pick("捐款捐物名单", "Donation lists"))]
    Donations,
    #[value(help = pick("履职成果（调研报告、文史资料、宣传报道等）", "Duty outputs (research reports, historical materials, media articles, …)"))]
    Contributions,
}

impl Kind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Members => members::FIELDS,
            Kind::Activities => activities::FIELDS,
            Kind::Attendance => attendance::FIELDS,
            Kind::Proposals => proposals::FIELDS,
            Kind::Opinions => opinions::FIELDS,
            Kind::Donations => donations::FIELDS,
            Kind::Contributions => contributions::FIELDS,
        }
    }

    /// Headers read and deliberately not imported (computed columns of listings, 序号).
    pub fn ignored(self) -> &'static [&'static str] {
        match self {
            Kind::Members => members::IGNORED,
            Kind::Activities => activities::IGNORED,
            Kind::Attendance => attendance::IGNORED,
            Kind::Proposals => proposals::IGNORED,
            Kind::Opinions => opinions::IGNORED,
            Kind::Donations => donations::IGNORED,
            Kind::Contributions => contributions::IGNORED,
        }
    }
}

/// How to import.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: PathBuf,
    pub encoding: Encoding,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub update: bool,
    pub quiet: bool,
    /// Attendance: the activity every row belongs to.
    pub activity: Option<i64>,
    /// Members: a new member may share a serving member's name when the row gives a code and
    /// a birth date of its own.
    pub allow_homonyms: bool,
    /// `--report FILE`: every note and the plan are written there.
    pub report: Option<PathBuf>,
}

/// A column of a kind: its field name (as listings print it) and its Chinese headers.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub key: &'static str,
    /// Chinese headers; the first is the one templates write.
    pub zh: &'static [&'static str],
    pub required: bool,
    /// An example value for templates.
    pub example: &'static str,
    /// Whether templates have this column (a sign-in sheet's 签名 is only read).
    pub in_template: bool,
}

impl Field {
    pub const fn new(key: &'static str, zh: &'static [&'static str], example: &'static str) -> Self {
        Field {
            key,
            zh,
            required: false,
            example,
            in_template: true,
        }
    }

    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// A column that files may have and templates leave out.
    pub const fn not_in_template(mut self) -> Self {
        self.in_template = false;
        self
    }
}

/// Header text as compared: no spaces or line breaks, no required-field marks, half-width
/// brackets, lower case.
fn norm_header(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊' && *c != '\u{feff}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase()
}

fn field_of(fields: &[Field], header: &str) -> Option<usize> {
    let h = norm_header(header);
    fields
        .iter()
        .position(|f| f.key == h || f.zh.iter().any(|z| norm_header(z) == h))
}

fn is_ignored(kind: Kind, header: &str) -> bool {
    let h = norm_header(header);
    kind.ignored().iter().any(|i| norm_header(i) == h)
}

/// One bad cell (or row, or column).
#[derive(Clone, Debug)]
pub struct Problem {
    pub row: usize,
    /// Column letter and header, when the problem is in one cell.
    pub col: Option<(usize, String)>,
    pub value: String,
    pub reason: Text,
}

/// The bad cells of a file, turned into one error that lists them all.
pub struct Problems {
    pub file: String,
    pub sheet: Option<String>,
    pub list: Vec<Problem>,
}

/// At most this many problems are spelled out; the rest are counted.
const SHOWN: usize = 1000;

impl Problems {
    pub fn new(src: &Source) -> Self {
        Problems {
            file: src.file.clone(),
            sheet: src.sheet.clone(),
            list: Vec::new(),
        }
    }

    pub fn push(&mut self, row: usize, col: Option<&Column>, value: &str, reason: Text) {
        self.list.push(Problem {
            row,
            col: col.map(|c| (c.index, c.header.clone())),
            value: if value.chars().count() > 100 {
                format!("{}…", value.chars().take(60).collect::<String>())
            } else {
                value.to_string()
            },
            reason,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Nothing written: every problem in one message.
    pub fn into_error(mut self) -> Error {
        self.list.sort_by_key(|p| (p.row, p.col.as_ref().map(|c| c.0)));
        let n = self.list.len();
        let line = |p: &Problem, zh: bool| -> String {
            let sheet = match (&self.sheet, zh) {
                (Some(s), true) => format!("工作表「{s}」"),
                (Some(s), false) => format!(", sheet '{s}'"),
                (None, _) => String::new(),
            };
            let col = match (&p.col, zh) {
                (Some((i, h)), true) => format!(" {}列「{}」", col_letter(*i), h),
                (Some((i, h)), false) => format!(", column {} '{}'", col_letter(*i), h),
                (None, _) => String::new(),
            };
            let value = match (p.value.is_empty(), zh) {
                (true, true) => "（空）".to_string(),
                (true, false) => "(empty)".to_string(),
                (false, true) => format!("「{}」", p.value),
                (false, false) => format!("'{}'", p.value),
            };
            if zh {
                format!(
                    "  {}{} 第 {} 行{}，值{}：{}",
                    self.file, sheet, p.row, col, value, p.reason.zh
                )
            } else {
                format!(
                    "  {}{}, row {}{}, value {}: {}",
                    self.file, sheet, p.row, col, value, p.reason.en
                )
            }
        };
        let mut zh = format!("「{}」有 {} 处错误，没有导入任何内容：", self.file, n);
        let mut en = format!("'{}' has {} problem(s); nothing was imported:", self.file, n);
        for p in self.list.iter().take(SHOWN) {
            zh.push('\n');
            zh.push_str(&line(p, true));
            en.push('\n');
            en.push_str(&line(p, false));
        }
        if n > SHOWN {
            zh.push_str(&format!("\n  ……另有 {} 处错误未列出", n - SHOWN));
            en.push_str(&format!("\n  … and {} more not listed", n - SHOWN));
        }
        Error::data(Text::new(zh, en)).with_hint(text!(
            "改正以上单元格后重新导入；行号与 Excel/WPS 左侧的行号一致",
            "fix these cells and import again; row numbers are those Excel/WPS shows"
        ))
    }
}

/// A column of the file mapped to a field.
#[derive(Clone, Debug)]
pub struct Column {
    pub index: usize,
    pub header: String,
    /// The most characters a cell of this column may hold.
    pub limit: usize,
}

/// The header row found and the columns of each field.
pub struct Header {
    pub row: usize,
    /// Per field of the kind, the column holding it.
    pub cols: Vec<Option<Column>>,
    /// The 序号 column, where a template's example row says 示例.
    pub seq: Option<usize>,
    /// Rows skipped as a template's example row.
    examples: std::cell::RefCell<Vec<usize>>,
    /// Per column of the header row, whether it has a header.
    pub named: Vec<bool>,
    /// Whether the workbook's date serials count from 1904.
    pub date1904: bool,
}

impl Header {
    pub fn col(&self, field: usize) -> Option<&Column> {
        self.cols[field].as_ref()
    }

    pub fn has(&self, field: usize) -> bool {
        self.cols[field].is_some()
    }

    /// Whether the row is a template's example row (its 序号 says 示例).
    pub fn is_example(&self, row: &Row) -> bool {
        self.seq
            .is_some_and(|i| matches!(row.get(i), Value::Text(t) if crate::domain::example::is_mark(t)))
    }

    /// A note for each example row skipped.
    pub fn example_notes(&self) -> Vec<Text> {
        self.examples
            .borrow()
            .iter()
            .map(|n| {
                text!(
                    "第 {} 行是模板的示例行，已跳过",
                    "row {} is the template's example row; skipped",
                    n
                )
            })
            .collect()
    }
}

/// A value in a column without a header: it would be dropped silently, so it is an error.
fn far_cell(problems: &mut Problems, row: usize, col: usize, v: &Value) {
    let cell = reader::cell_name(col, row);
    problems.push(
        row,
        None,
        &limits::preview(&v.shown()),
        text!(
            "{}：表头之外的单元格有内容（该列没有表头）；请删去，或给该列写上表头",
            "{}: a cell outside the header's columns holds a value (the column has no header); delete it or give the column a header",
            cell
        ),
    );
}

/// Reads up to the header row: the first row naming at least two known columns (or the only
/// one, for kinds with one required column). Title rows above it and blank rows are skipped.
pub fn read_header(src: &mut Source, kind: Kind, problems: &mut Problems) -> Result<Header> {
    let fields = kind.fields();
    let mut seen_any = false;
    for _ in 0..20 {
        let Some(row) = src.next_row()? else { break };
        if row.is_blank() {
            continue;
        }
        seen_any = true;
        let known = row
            .cells
            .iter()
            .filter(|c| matches!(c, Value::Text(t) if field_of(fields, t).is_some()))
            .count();
        if known < 2 {
            continue;
        }
        let mut cols: Vec<Option<Column>> = vec![None; fields.len()];
        let mut seq = None;
        let mut named = vec![false; row.cells.len()];
        if let Some((col, v)) = &row.far {
            far_cell(problems, row.number, *col, v);
        }
        for (i, c) in row.cells.iter().enumerate() {
            let h = c.shown();
            if h.trim().is_empty() {
                continue;
            }
            let field = field_of(fields, &h);
            let column = Column {
                index: i,
                header: h.trim().to_string(),
                limit: field.map_or(limits::TEXT_MAX, |f| limits::max_len(fields[f].key)),
            };
            named[i] = true;
            let nh = norm_header(&h);
            if seq.is_none() && crate::domain::example::SEQ_HEADERS.contains(&nh.as_str()) {
                seq = Some(i);
                continue;
            }
            match field {
                Some(f) => {
                    if let Some(first) = &cols[f] {
                        problems.push(
                            row.number,
                            Some(&column),
                            &h,
                            text!(
                                "与 {} 列「{}」是同一项，表头重复",
                                "duplicates column {} '{}'",
                                col_letter(first.index),
                                first.header
                            ),
                        );
                    } else {
                        cols[f] = Some(column);
                    }
                }
                None if is_ignored(kind, &h) => {}
                None => problems.push(
                    row.number,
                    Some(&column),
                    &h,
                    Text::new(
                        format!("不认识的列；可用的列：{}", known_list(kind, true)),
                        format!("unknown column; known columns: {}", known_list(kind, false)),
                    ),
                ),
            }
        }
        for (f, field) in fields.iter().enumerate() {
            if field.required && cols[f].is_none() {
                problems.push(
                    row.number,
                    None,
                    "",
                    text!(
                        "缺少必需的列「{}」（或 {}）",
                        "missing required column '{}' (or '{}')",
                        field.zh[0],
                        field.key
                    ),
                );
            }
        }
        return Ok(Header {
            row: row.number,
            cols,
            seq,
            examples: Default::default(),
            named,
            date1904: src.date1904,
        });
    }
    if !seen_any {
        return Err(reader::empty_file(&src.file));
    }
    Err(Error::data(text!(
        "「{}」的前 20 行中找不到表头（至少两个认得的列名）",
        "no header row (with at least two known column names) in the first 20 rows of '{}'",
        src.file
    ))
    .with_hint(Text::new(
        format!("可用的列：{}", known_list(kind, true)),
        format!("known columns: {}", known_list(kind, false)),
    )))
}

fn known_list(kind: Kind, zh: bool) -> String {
    kind.fields()
        .iter()
        .map(|f| if zh { f.zh[0] } else { f.key })
        .collect::<Vec<_>>()
        .join(if zh { "、" } else { ", " })
}

/// Error values as Excel shows them (and writes them into CSV).
const EXCEL_ERRORS: &[&str] = &[
    "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#DATA!",
];

/// Reading the cells of one row, collecting problems.
pub struct Cells<'a> {
    pub row: &'a Row,
    pub header: &'a Header,
    pub problems: &'a mut Problems,
    pub bad: bool,
}

impl<'a> Cells<'a> {
    /// The cells of one data row; values in columns without a header are reported here.
    pub fn new(row: &'a Row, header: &'a Header, problems: &'a mut Problems) -> Self {
        let before = problems.list.len();
        for (i, v) in row.cells.iter().enumerate() {
            if !v.is_empty() && !header.named.get(i).copied().unwrap_or(false) {
                far_cell(problems, row.number, i, v);
            }
        }
        if let Some((col, v)) = &row.far {
            far_cell(problems, row.number, *col, v);
        }
        let bad = problems.list.len() > before;
        Cells {
            row,
            header,
            problems,
            bad,
        }
    }

    pub fn fail(&mut self, field: usize, value: &str, reason: Text) {
        let col = self.header.col(field).cloned();
        self.problems.push(self.row.number, col.as_ref(), value, reason);
        self.bad = true;
    }

    /// A problem with the whole row.
    pub fn fail_row(&mut self, reason: Text) {
        self.problems.push(self.row.number, None, "", reason);
        self.bad = true;
    }

    fn raw(&mut self, field: usize) -> Option<&'a Value> {
        let col = self.header.col(field)?;
        let v = self.row.get(col.index);
        match v {
            Value::Formula(f) => {
                let f = format!("={f}");
                self.fail(
                    field,
                    &f,
                    text!(
                        "单元格是公式；请先「复制 → 选择性粘贴 → 数值」再导入",
                        "the cell holds a formula; paste it as values first"
                    ),
                );
                None
            }
            Value::Error(e) => {
                let e = e.clone();
                self.fail(
                    field,
                    &e,
                    text!(
                        "单元格是错误值；请改正后再导入",
                        "the cell holds an error value; correct it first"
                    ),
                );
                None
            }
            Value::Text(t) if EXCEL_ERRORS.contains(&t.trim()) => {
                let e = t.trim().to_string();
                self.fail(
                    field,
                    &e,
                    text!(
                        "单元格是错误值；请改正后再导入",
                        "the cell holds an error value; correct it first"
                    ),
                );
                None
            }
            _ if v.is_empty() => None,
            _ => Some(v),
        }
    }

    /// The cell as text (trimmed), `None` when empty or the column is absent. Numbers that
    /// lost digits (18-digit ID numbers stored as numbers) are refused.
    pub fn text(&mut self, field: usize) -> Option<String> {
        let v = self.raw(field)?;
        match v {
            Value::Float(f) if f.abs() >= 1e15 => {
                let shown = v.shown();
                self.fail(
                    field,
                    &shown,
                    text!(
                        "长数字被 Excel 存成了数值，末几位已丢失；请把该列设为「文本」后重新录入",
                        "a long number was stored as a number and lost digits; format the column as text and enter it again"
                    ),
                );
                None
            }
            Value::Text(s) => {
                let t = s.trim();
                let limit = self.header.col(field).map_or(limits::TEXT_MAX, |c| c.limit);
                let n = t.chars().count();
                if n > limit {
                    self.fail(
                        field,
                        &limits::preview(t),
                        text!(
                            "太长：{} 个字，最多 {} 个字",
                            "too long: {} characters, at most {}",
                            n,
                            limit
                        ),
                    );
                    return None;
                }
                Some(t.to_string())
            }
            other => Some(other.shown()),
        }
    }

    /// A cell naming a person: padding inside a Chinese name removed (`曾　静`).
    pub fn name(&mut self, field: usize) -> Option<String> {
        self.text(field).map(|v| crate::domain::clean::name(&v))
    }

    /// A cell holding a code or a personal number: full-width digits and letters made plain.
    pub fn code_text(&mut self, field: usize) -> Option<String> {
        self.text(field).map(|v| crate::domain::clean::code(&v))
    }

    /// A required cell.
    pub fn need(&mut self, field: usize, f: &Field) -> Option<String> {
        if !self.header.has(field) {
            return None;
        }
        let v = self.text(field);
        if v.is_none() && !self.bad_cell(field) {
            self.fail(
                field,
                "",
                text!("「{}」不能为空", "'{}' cannot be empty", f.zh[0]),
            );
        }
        v
    }

    fn bad_cell(&self, field: usize) -> bool {
        self.header
            .col(field)
            .is_some_and(|c| matches!(self.row.get(c.index), Value::Formula(_) | Value::Error(_)))
    }

    /// A full date: text in the office formats, an Excel date cell or serial number.
    pub fn date(&mut self, field: usize, f: &Field) -> Option<NaiveDate> {
        let v = self.raw(field)?;
        let date = match v {
            Value::Date(d) => excel_date(d),
            Value::Float(d) => serial_to_date(*d, self.header.date1904),
            Value::Int(i) => serial_to_date(*i as f64, self.header.date1904),
            Value::Text(t) if t.trim().len() == 5 && t.trim().chars().all(|c| c.is_ascii_digit()) => t
                .trim()
                .parse()
                .ok()
                .and_then(|s| serial_to_date(s, self.header.date1904)),
            _ => None,
        };
        if let Some(d) = date.filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d))) {
            return Some(d);
        }
        let shown = v.shown();
        match crate::domain::dates::parse_date((f.zh[0], f.key), &shown) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(field, &shown, reason_of(&e));
                None
            }
        }
    }

    /// A code (status, level …) parsed by the domain.
    pub fn code<T>(&mut self, field: usize, parse: impl Fn(&str) -> Result<T>) -> Option<T> {
        let v = self.text(field)?;
        match parse(&v) {
            Ok(x) => Some(x),
            Err(e) => {
                self.fail(field, &v, reason_of(&e));
                None
            }
        }
    }

    /// A non-negative number.
    pub fn number(&mut self, field: usize) -> Option<f64> {
        let v = self.raw(field)?;
        let n = match v {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Text(t) => t.trim().parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n >= 0.0 && n.is_finite() => Some(n),
            _ => {
                let shown = v.shown();
                self.fail(
                    field,
                    &shown,
                    text!("应为不小于 0 的数字", "must be a number not below 0"),
                );
                None
            }
        }
    }

    /// Half-days: a number from 0 to [`crate::domain::limits::HALF_DAYS_MAX`].
    pub fn half_days(&mut self, field: usize) -> Option<f64> {
        let n = self.number(field)?;
        match crate::domain::limits::check_half_days(n) {
            Ok(n) => Some(n),
            Err(why) => {
                let v = self.value(field);
                self.fail(field, &v, why);
                None
            }
        }
    }

    pub fn value(&self, field: usize) -> String {
        self.header
            .col(field)
            .map(|c| self.row.get(c.index).shown())
            .unwrap_or_default()
    }
}

/// An error's message and hint as one reason.
pub fn reason_of(e: &Error) -> Text {
    match &e.hint {
        Some(h) => Text::new(
            format!("{}（{}）", e.message.zh, h.zh),
            format!("{} ({})", e.message.en, h.en),
        ),
        None => e.message.clone(),
    }
}

/// What an import did, or would do.
#[derive(Default, Debug)]
pub struct Summary {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Changed rows left alone because `--update` was not given.
    pub held: usize,
    /// One line per new or changed row (for `--dry-run`), and warnings.
    pub plan: Vec<PlanLine>,
    pub warnings: Vec<Text>,
    /// Lines told after the counts: what the rows say (a sign-in sheet's statuses).
    pub tally: Vec<Text>,
}

/// A line of the plan a dry run prints.
#[derive(Debug)]
pub struct PlanLine {
    /// The row as Excel/WPS numbers it; 0 for a line about many rows.
    pub row: usize,
    pub action: &'static str,
    pub key: String,
    pub detail: Text,
}

impl Summary {
    pub fn listing(&self) -> crate::output::Listing {
        use crate::output::{Cell, Col, Listing};
        let mut l = Listing::new(vec![
            Col::new("row", "行", "Row"),
            Col::new("action", "操作", "Action"),
            Col::new("key", "记录", "Record"),
            Col::new("detail", "说明", "Detail"),
        ]);
        for p in &self.plan {
            let label = match p.action {
                "new" => pick("新增", "new"),
                "changed" => pick("修改", "changed"),
                "held" => pick(
                    "有变化（未加 --update，不修改）",
                    "changed (not applied without --update)",
                ),
                _ => pick("未变", "unchanged"),
            };
            l.push(vec![
                // A line covering many rows (a sign-in sheet's new rows) names none.
                if p.row == 0 {
                    Cell::Null
                } else {
                    Cell::Int(p.row as i64)
                },
                Cell::Code(p.action, label),
                Cell::text(&p.key),
                Cell::text(p.detail.get()),
            ]);
        }
        l
    }
}

/// A progress bar on standard error for big files, hidden when stderr is not a terminal.
pub fn progress(src: &Source, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() || src.total < 1 << 20 && src.sheet.is_none() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(src.total);
    let style = if src.sheet.is_none() {
        "{spinner} {msg} [{bar:40}] {bytes}/{total_bytes} ({eta})"
    } else {
        "{spinner} {msg} [{bar:40}] {pos}/{len} ({eta})"
    };
    if let Ok(s) = indicatif::ProgressStyle::with_template(style) {
        pb.set_style(s.progress_chars("=> "));
    }
    pb.set_message(pick("检查", "checking").to_string());
    pb
}

/// Runs an import of one kind.
pub fn run(kind: Kind, store: &mut crate::store::Store, opts: &Options) -> Result<Summary> {
    let mut src = reader::open(&opts.file, opts.encoding, opts.sheet.as_deref())?;
    match kind {
        Kind::Members => members::import(store, &mut src, opts),
        Kind::Activities => activities::import(store, &mut src, opts),
        Kind::Attendance => attendance::import(store, &mut src, opts),
        Kind::Proposals => proposals::import(store, &mut src, opts),
        Kind::Opinions => opinions::import(store, &mut src, opts),
        Kind::Donations => donations::import(store, &mut src, opts),
        Kind::Contributions => contributions::import(store, &mut src, opts),
    }
}

/// Reads every data row after the header, skipping blank ones and a template's example rows
/// (noted in `header`). Returns the rows read, example rows included: a template imported as
/// it is has nothing to write, which is not an error.
pub fn for_each_row(
    src: &mut Source,
    header: &Header,
    pb: &indicatif::ProgressBar,
    mut f: impl FnMut(&Row) -> Result<()>,
) -> Result<usize> {
    let mut n = 0;
    while let Some(row) = src.next_row()? {
        if row.is_blank() {
            continue;
        }
        n += 1;
        if header.is_example(&row) {
            header.examples.borrow_mut().push(row.number);
            continue;
        }
        if n % 8192 == 0 {
            pb.set_position(src.position());
        }
        f(&row)?;
    }
    pb.set_position(src.position());
    Ok(n)
}

/// After the file is read: every bad cell as one error, or an error when there was no data row.
pub fn after_reading(src: &Source, rows: usize, problems: &mut Problems) -> Result<()> {
    if !problems.is_empty() {
        return Err(std::mem::replace(problems, Problems::new(src)).into_error());
    }
    if rows == 0 {
        return Err(no_rows(src));
    }
    Ok(())
}

/// A sign-in sheet or donation list names its member by code or by name: one is needed.
pub fn need_member_column(header: &Header, code: usize, name: usize, problems: &mut Problems) {
    if !header.has(code) && !header.has(name) {
        problems.push(
            header.row,
            None,
            "",
            text!(
                "缺少委员列：写「编号」或「姓名」",
                "missing the member column: give 'code' or 'name'"
            ),
        );
    }
}

/// A report or duty-output list names its authors in a 第一作者 or a 作者 column: one is needed.
pub fn need_author_column(header: &Header, lead: usize, authors: usize, problems: &mut Problems) {
    if !header.has(lead) && !header.has(authors) {
        problems.push(
            header.row,
            None,
            "",
            text!(
                "缺少作者列：写「第一作者」或「作者」",
                "missing the author column: give 'lead' or 'authors'"
            ),
        );
    }
}

/// Writes checked rows in one transaction, rolled back again in a dry run. `f` writes them
/// through the storage layer, which checks what only it can, and notes each row it refuses in
/// `problems`; any refusal means nothing is kept, and all of them are reported at once.
pub fn write_rows(
    store: &mut crate::store::Store,
    src: &Source,
    dry_run: bool,
    f: impl FnOnce(&crate::store::W, &mut Problems) -> Result<()>,
) -> Result<()> {
    let mut problems = Problems::new(src);
    let apply = |w: &crate::store::W| -> Result<()> {
        f(w, &mut problems)?;
        if !problems.is_empty() {
            return Err(std::mem::replace(&mut problems, Problems::new(src)).into_error());
        }
        Ok(())
    };
    if dry_run {
        store.rehearse(apply)
    } else {
        store.write(apply)
    }
}

/// An error when a file has a header but no rows.
pub fn no_rows(src: &Source) -> Error {
    Error::data(text!(
        "「{}」只有表头，没有数据行",
        "'{}' has a header but no data rows",
        src.file
    ))
}

/// Rows seen so far by a key, to report duplicates within the file.
pub struct Seen<K> {
    map: HashMap<K, usize>,
}

impl<K: std::hash::Hash + Eq> Default for Seen<K> {
    fn default() -> Self {
        Seen { map: HashMap::new() }
    }
}

impl<K: std::hash::Hash + Eq> Seen<K> {
    /// The earlier row with the same key, if any.
    pub fn check(&mut self, key: K, row: usize) -> Option<usize> {
        match self.map.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(row);
                None
            }
        }
    }
}

#[cfg(test)]
mod props {
    //! Any cell through the cell readers: a value or a problem naming the cell, never a panic.
    //! Cases: 256 by default, more with `PROPTEST_CASES`.

    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Empty),
            ".{0,30}".prop_map(Value::Text),
            "[0-9年月日./\\- ]{0,14}".prop_map(Value::Text),
            any::<i64>().prop_map(Value::Int),
            any::<f64>().prop_map(Value::Float),
            (any::<f64>(), any::<bool>()).prop_map(|(s, b)| Value::Date(date_cell(s, b))),
            (-1e6f64..3e6, any::<bool>()).prop_map(|(s, b)| Value::Date(date_cell(s, b))),
            any::<bool>().prop_map(Value::Bool),
            "#[A-Z/0!?]{1,6}".prop_map(Value::Error),
            ".{0,8}".prop_map(Value::Formula),
        ]
    }

    const FIELD: Field = Field::new("x", &["项"], "");

    fn date_cell(serial: f64, date1904: bool) -> calamine::ExcelDateTime {
        calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, date1904)
    }

    proptest! {
        #[test]
        fn cells_are_read_or_reported(cells in proptest::collection::vec(value(), 0..8), extra in value()) {
            let n = 6;
            let header = Header {
                row: 1,
                cols: (0..n)
                    .map(|i| Some(Column { index: i, header: format!("c{i}"), limit: 10 }))
                    .collect(),
                named: vec![true; n],
                seq: None,
                examples: Default::default(),
                date1904: false,
            };
            let mut all = cells.clone();
            all.push(extra);
            let row = Row::new(2, all);
            let mut problems = Problems { file: "f.csv".into(), sheet: None, list: Vec::new() };
            let mut c = Cells::new(&row, &header, &mut problems);
            let _ = c.date(0, &FIELD);
            let _ = c.number(1);
            if let Some(h) = c.half_days(2) {
                prop_assert!(h.is_finite() && (0.0..=limits::HALF_DAYS_MAX as f64).contains(&h));
            }
            if let Some(t) = c.text(3) {
                prop_assert!(t.chars().count() <= 10 || !matches!(row.get(3), Value::Text(_)));
            }
            let _ = c.code(4, crate::domain::codes::Level::parse);
            let _ = c.need(5, &FIELD);
            let _ = c.value(5);
            let shown = problems.list.len();
            // Problems turn into one message naming each cell.
            let e = problems.into_error();
            prop_assert!(shown == 0 || e.message.zh.contains("第 2 行"));
        }
    }
}
