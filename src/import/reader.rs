//! Reading rows out of CSV (UTF-8, UTF-8 with BOM, GB18030/GBK), xlsx and xls files.
//!
//! CSV is streamed record by record; an xlsx sheet is read cell by cell and other workbooks'
//! sheets whole by calamine (a roster or a sign-in sheet is small; million-row files come as
//! CSV). Every row keeps the number Excel and
//! WPS show for it, so messages can point at the cell: in a CSV file that is 1 + the rows
//! before it, blank ones included, a quoted cell with line breaks being one row.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader};

use crate::error::{Error, Result};
use crate::i18n::{Text, pick};
use crate::text;

/// Which encoding a CSV file is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    #[value(help = pick(
        "自动识别：有 BOM 或是合法 UTF-8 则按 UTF-8，否则按 GB18030",
        "Detect: UTF-8 with a BOM or when valid, else GB18030"
    ))]
    Auto,
    #[value(name = "utf-8", alias = "utf8", help = pick("UTF-8（可带 BOM）", "UTF-8 (with or without BOM)"))]
    Utf8,
    #[value(name = "gbk", alias = "gb18030", help = pick(
        "GB18030/GBK（中文 Windows 上 Excel 另存的 CSV）",
        "GB18030/GBK (CSV saved by Excel on Chinese Windows)"
    ))]
    Gbk,
}

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    /// An Excel date cell, in its workbook's date system (1900 or 1904).
    Date(ExcelDateTime),
    Bool(bool),
    /// An error value such as #N/A.
    Error(String),
    /// A cell holding a formula (its text).
    Formula(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person sees it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => fmt_float(*f),
            Value::Date(d) => excel_date(d)
                .map(|d| d.to_string())
                .unwrap_or_else(|| fmt_float(d.as_f64())),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Value::Error(e) => e.clone(),
            Value::Formula(f) => format!("={f}"),
        }
    }
}

fn fmt_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel serial number as a calendar date, in the 1900 or the 1904 date system.
pub fn serial_to_date(serial: f64, date1904: bool) -> Option<chrono::NaiveDate> {
    excel_date(&ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, date1904))
}

/// The calendar date of an Excel date cell, by calamine's conversion (which knows the
/// workbook's date system and Excel's 1900-02-29); `None` outside the dates Excel shows.
pub fn excel_date(d: &ExcelDateTime) -> Option<chrono::NaiveDate> {
    // calamine clamps serials beyond Excel's range to its ends; those are not dates.
    if !(0.0..2_958_466.0).contains(&d.as_f64()) {
        return None;
    }
    // Serial 0 of the 1900 system, which Excel shows as 1900-01-00, comes back as 1899-12-31.
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    if y < 1900 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y.into(), m.into(), day.into())
}

/// Columns read into a row; a value further right is kept aside as [`Row::far`] (no sheet
/// this program reads has that many columns, and the row stays small).
pub const MAX_COLUMNS: usize = 1024;

/// One row with the number the spreadsheet shows for it.
#[derive(Clone, Debug)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Value>,
    /// The first non-empty cell beyond [`MAX_COLUMNS`], with its column index.
    pub far: Option<(usize, Value)>,
}

impl Row {
    /// A row from its cells, any after [`MAX_COLUMNS`] kept aside.
    pub fn new(number: usize, mut cells: Vec<Value>) -> Row {
        let mut far = None;
        if cells.len() > MAX_COLUMNS {
            far = cells
                .drain(MAX_COLUMNS..)
                .enumerate()
                .find(|(_, v)| !v.is_empty())
                .map(|(i, v)| (MAX_COLUMNS + i, v));
        }
        Row { number, cells, far }
    }

    pub fn is_blank(&self) -> bool {
        self.far.is_none() && self.cells.iter().all(Value::is_empty)
    }

    pub fn get(&self, col: usize) -> &Value {
        self.cells.get(col).unwrap_or(&Value::Empty)
    }
}

/// A cell's name as a spreadsheet shows it: column letters and row number, e.g. "XFD1048576".
pub fn cell_name(col: usize, row: usize) -> String {
    format!("{}{}", col_letter(col), row)
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn col_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// How a CSV stream is being scanned for the ends of rows, the way the csv crate parses it:
/// a quote opens a quoted cell only at the start of a cell, and `""` inside one is a quote.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    RowStart,
    CellStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Numbers the rows of a CSV stream as Excel and WPS do while the csv reader reads through it:
/// CR, LF and CRLF each end a row outside quotes, a blank line is a row, and a quoted cell's
/// line breaks (Alt+Enter) stay inside its row. For each row that starts with content it
/// notes the byte offset where it starts and its number, for [`RowStarts::take`].
struct RowCounter<R> {
    inner: R,
    starts: Rc<RefCell<RowStarts>>,
    offset: u64,
    row: usize,
    scan: Scan,
    after_cr: bool,
}

/// Rows with content seen by the [`RowCounter`] and not yet matched to a record.
#[derive(Default)]
struct RowStarts(VecDeque<(u64, usize)>);

impl RowStarts {
    /// The number of the row of a record whose bytes start at `at` or after it (the csv reader
    /// places a record's start before the line breaks it skips).
    fn take(&mut self, at: u64) -> Option<usize> {
        while let Some(&(offset, row)) = self.0.front() {
            self.0.pop_front();
            if offset >= at {
                return Some(row);
            }
        }
        None
    }
}

impl<R> RowCounter<R> {
    fn new(inner: R) -> (Self, Rc<RefCell<RowStarts>>) {
        let starts = Rc::new(RefCell::new(RowStarts::default()));
        let counter = RowCounter {
            inner,
            starts: Rc::clone(&starts),
            offset: 0,
            row: 1,
            scan: Scan::RowStart,
            after_cr: false,
        };
        (counter, starts)
    }

    fn scan(&mut self, bytes: &[u8]) {
        let mut starts = self.starts.borrow_mut();
        for &b in bytes {
            let end = b == b'\r' || b == b'\n';
            if self.scan == Scan::RowStart {
                if self.after_cr && b == b'\n' {
                    self.after_cr = false;
                    self.offset += 1;
                    continue;
                }
                self.after_cr = false;
                if !end {
                    starts.0.push_back((self.offset, self.row));
                    self.scan = Scan::CellStart;
                }
            }
            self.scan = match (self.scan, b) {
                (Scan::Quoted, b'"') => Scan::QuoteInQuoted,
                (Scan::Quoted, _) => Scan::Quoted,
                (Scan::CellStart, b'"') | (Scan::QuoteInQuoted, b'"') => Scan::Quoted,
                (_, b',') => Scan::CellStart,
                _ if end => {
                    self.row += 1;
                    self.after_cr = b == b'\r';
                    Scan::RowStart
                }
                _ => Scan::Unquoted,
            };
            self.offset += 1;
        }
    }
}

impl<R: Read> Read for RowCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]);
        Ok(n)
    }
}

enum Inner {
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        record: csv::StringRecord,
        rows: Rc<RefCell<RowStarts>>,
    },
    Sheet {
        rows: std::vec::IntoIter<Row>,
    },
}

/// An open file: its rows in order.
pub struct Source {
    /// The file name as given.
    pub file: String,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Total size for progress: bytes of a CSV file, rows of a sheet.
    pub total: u64,
    /// Whether the workbook counts dates from 1904 (Excel's other date system); its
    /// date serials are read in that system.
    pub date1904: bool,
    done_rows: u64,
    inner: Inner,
}

impl Source {
    /// The next row, blank or not; `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>> {
        self.done_rows += 1;
        match &mut self.inner {
            Inner::Csv { reader, record, rows } => match reader.read_record(record) {
                Ok(false) => Ok(None),
                Ok(true) => {
                    let number = record.position().map_or(0, |p| {
                        rows.borrow_mut().take(p.byte()).unwrap_or(p.line() as usize)
                    });
                    let cells = record
                        .iter()
                        .map(|c| {
                            if c.is_empty() {
                                Value::Empty
                            } else {
                                Value::Text(c.to_string())
                            }
                        })
                        .collect();
                    Ok(Some(Row::new(number, cells)))
                }
                Err(e) => Err(Error::data(text!(
                    "读取「{}」出错：{}",
                    "cannot read '{}': {}",
                    self.file,
                    e
                ))),
            },
            Inner::Sheet { rows } => Ok(rows.next()),
        }
    }

    /// How far reading has got, in the unit of `total`.
    pub fn position(&self) -> u64 {
        match &self.inner {
            Inner::Csv { reader, .. } => reader.position().byte(),
            Inner::Sheet { .. } => self.done_rows,
        }
    }
}

fn not_spreadsheet(file: &str, why: Text) -> Error {
    Error::data(text!(
        "「{}」不是可以导入的表格文件：{}",
        "'{}' is not a spreadsheet that can be imported: {}",
        file,
        why
    ))
    .with_hint(text!(
        "请用 Excel 或 WPS 另存为 .xlsx 或 .csv 后再导入",
        "save it from Excel or WPS as .xlsx or .csv and import that"
    ))
}

/// Opens a file by its extension.
pub fn open(path: &Path, encoding: Encoding, sheet: Option<&str>) -> Result<Source> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::data(text!(
            "无法打开「{}」：{}",
            "cannot open '{}': {}",
            file,
            crate::error::io_reason(&e)
        ))
    })?;
    if meta.is_dir() {
        return Err(Error::usage(text!(
            "「{}」是一个文件夹，不是表格文件",
            "'{}' is a folder, not a spreadsheet file",
            file
        ))
        .with_hint(text!(
            "写出文件夹中要导入的那个文件，如 {}/名单.xlsx",
            "name the file inside it, e.g. {}/roster.xlsx",
            file.trim_end_matches('/')
        )));
    }
    if meta.len() == 0 {
        return Err(empty_file(&file));
    }
    // A file that cannot be opened (no permission) is said so, not called damaged.
    File::open(path).map_err(|e| crate::error::io_at(path, e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => open_csv(path, file, meta.len(), encoding),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => open_book(path, file, sheet),
        _ => Err(Error::usage(text!(
            "不认识文件「{}」的类型：只能导入 .csv、.xlsx 或 .xls 文件",
            "unknown file type of '{}': import .csv, .xlsx or .xls files",
            file
        ))),
    }
}

pub fn empty_file(file: &str) -> Error {
    Error::data(text!(
        "文件「{}」是空的，没有可导入的内容",
        "file '{}' is empty: nothing to import",
        file
    ))
    .with_hint(text!(
        "用 lvzhi import template 生成带表头的模板，填好后再导入",
        "`lvzhi import template` writes a sheet with the expected headers"
    ))
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decides the encoding of a CSV file in one streaming pass: a BOM or valid UTF-8 means UTF-8;
/// otherwise GB18030. Lines of both kinds in one file are refused.
fn detect(path: &Path, file: &str) -> Result<(bool, bool)> {
    let at = |e| crate::error::io_at(path, e);
    let mut r = BufReader::with_capacity(1 << 16, File::open(path).map_err(at)?);
    let mut line = Vec::new();
    let mut n = 0usize;
    let mut first_utf8: Option<usize> = None;
    let mut first_other: Option<usize> = None;
    let mut bom = false;
    let mut content = false;
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(at)? == 0 {
            break;
        }
        n += 1;
        let mut bytes = &line[..];
        if n == 1 && bytes.starts_with(UTF8_BOM) {
            bom = true;
            bytes = &bytes[3..];
        }
        if bytes.contains(&0) {
            return Err(not_spreadsheet(
                file,
                text!("第 {} 行含有二进制内容", "line {} holds binary data", n),
            ));
        }
        if bytes.iter().any(|b| !b.is_ascii_whitespace()) {
            content = true;
        }
        if bytes.is_ascii() {
            continue;
        }
        if std::str::from_utf8(bytes).is_ok() {
            first_utf8.get_or_insert(n);
        } else {
            first_other.get_or_insert(n);
        }
        if first_utf8.is_some() && first_other.is_some() {
            break;
        }
    }
    if !content {
        return Err(empty_file(file));
    }
    if let (Some(u), Some(o)) = (first_utf8, first_other) {
        return Err(Error::data(text!(
            "文件「{}」混用了两种编码：第 {} 行是 UTF-8，第 {} 行不是（可能是 GBK）",
            "file '{}' mixes encodings: line {} is UTF-8, line {} is not (GBK?)",
            file,
            u,
            o
        ))
        .with_hint(text!(
            "用 Excel 或 WPS 打开后整体另存为「CSV UTF-8」再导入",
            "open it in Excel or WPS and save it again as 'CSV UTF-8'"
        )));
    }
    Ok((bom, first_other.is_some() && !bom))
}

fn open_csv(path: &Path, file: String, len: u64, encoding: Encoding) -> Result<Source> {
    let (bom, gbk) = match encoding {
        Encoding::Auto => detect(path, &file)?,
        Encoding::Utf8 => {
            let (bom, other) = detect(path, &file)?;
            if other {
                return Err(
                    Error::data(text!("文件「{}」不是 UTF-8 编码", "file '{}' is not UTF-8", file))
                        .with_hint(text!(
                            "去掉 --encoding utf-8 让程序自动识别，或写 --encoding gbk",
                            "drop --encoding utf-8 to detect it, or use --encoding gbk"
                        )),
                );
            }
            (bom, false)
        }
        Encoding::Gbk => (false, true),
    };
    let at = |e| crate::error::io_at(path, e);
    let mut f = File::open(path).map_err(at)?;
    if bom {
        f.seek(SeekFrom::Start(3)).map_err(at)?;
    }
    let decoded: Box<dyn Read> = if gbk {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::GB18030))
                .build(BufReader::with_capacity(1 << 16, f)),
        )
    } else {
        Box::new(f)
    };
    let (counter, rows) = RowCounter::new(decoded);
    let inner: Box<dyn Read> = Box::new(counter);
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(inner);
    Ok(Source {
        file,
        sheet: None,
        total: len,
        date1904: false,
        done_rows: 0,
        inner: Inner::Csv {
            reader,
            record: csv::StringRecord::new(),
            rows,
        },
    })
}

fn open_book(path: &Path, file: String, sheet: Option<&str>) -> Result<Source> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        not_spreadsheet(
            &file,
            text!(
                "文件已损坏或不完整（{}）",
                "the file is damaged or truncated ({})",
                e
            ),
        )
    })?;
    let date1904 = match &book {
        calamine::Sheets::Xlsx(x) => x.has_1904_epoch(),
        calamine::Sheets::Xls(x) => x.has_1904_epoch(),
        calamine::Sheets::Xlsb(x) => x.has_1904_epoch(),
        calamine::Sheets::Ods(_) => false,
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            Error::usage(text!(
                "「{}」中没有名为「{}」的工作表；有：{}",
                "'{}' has no sheet '{}'; it has: {}",
                file,
                s,
                names.join("、")
            ))
        })?,
        None => names.first().cloned().ok_or_else(|| empty_file(&file))?,
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        not_spreadsheet(
            &file,
            text!(
                "工作表「{}」无法读取（{}）",
                "sheet '{}' cannot be read ({})",
                name,
                e
            ),
        )
    };
    let rows = match &mut book {
        calamine::Sheets::Xlsx(x) => stream_xlsx(x, &name).map_err(|e| unreadable(&e))?,
        _ => whole_sheet(&mut book, &name).map_err(|e| unreadable(&e))?,
    };
    Ok(Source {
        file,
        sheet: Some(name),
        total: rows.len() as u64,
        date1904,
        done_rows: 0,
        inner: Inner::Sheet {
            rows: rows.into_iter(),
        },
    })
}

/// Reads an xlsx sheet cell by cell: memory grows with the cells present, never with the
/// rectangle they span (one stray value in XFD1048576 would otherwise mean 17 billion cells).
fn stream_xlsx<RS: Read + Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
) -> std::result::Result<Vec<Row>, calamine::XlsxError> {
    let mut cells = book.worksheet_cells_reader(name)?;
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, Value)>> = Default::default();
    while let Some(c) = cells.next_cell_with_formula()? {
        let value = match c.formula.filter(|f| !f.is_empty()) {
            Some(f) => Value::Formula(f),
            None => cell(&Data::from(c.value)),
        };
        if value.is_empty() {
            continue;
        }
        by_row.entry(c.pos.0).or_default().push((c.pos.1, value));
    }
    Ok(by_row
        .into_iter()
        .map(|(r, mut cols)| {
            cols.sort_by_key(|c| c.0);
            let number = r as usize + 1;
            let mut far = None;
            let mut cells = Vec::new();
            for (col, v) in cols {
                let col = col as usize;
                if col >= MAX_COLUMNS {
                    far.get_or_insert((col, v));
                    continue;
                }
                if cells.len() <= col {
                    cells.resize(col + 1, Value::Empty);
                }
                cells[col] = v;
            }
            Row { number, cells, far }
        })
        .collect())
}

/// Reads a whole sheet of the other formats (.xls is at most 65,536 × 256 cells).
fn whole_sheet<RS: Read + Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> std::result::Result<Vec<Row>, calamine::Error> {
    let range = book.worksheet_range(name)?;
    // Formulas are refused: the value seen is whatever Excel last computed.
    let formulas = book.worksheet_formula(name).ok();
    let mut rows = Vec::new();
    if let Some((r0, c0)) = range.start() {
        for (i, r) in range.rows().enumerate() {
            let row_abs = r0 as usize + i;
            let mut cells = vec![Value::Empty; c0 as usize];
            for (j, d) in r.iter().enumerate() {
                let col_abs = c0 as usize + j;
                let formula = formulas
                    .as_ref()
                    .and_then(|f| f.get_value((row_abs as u32, col_abs as u32)))
                    .filter(|s| !s.is_empty());
                cells.push(match formula {
                    Some(f) => Value::Formula(f.clone()),
                    None => cell(d),
                });
            }
            rows.push(Row::new(row_abs + 1, cells));
        }
    }
    Ok(rows)
}

fn cell(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => Value::Float(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => Value::Date(*dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(col_letter(27), "AB");
    }

    #[test]
    fn serials() {
        let day = |s, date1904| serial_to_date(s, date1904).map(|d| d.to_string());
        assert_eq!(day(44625.0, false).unwrap(), "2022-03-05");
        assert_eq!(day(61.0, false).unwrap(), "1900-03-01");
        assert_eq!(day(59.0, false).unwrap(), "1900-02-28");
        // Excel's 1900-02-29 and day 0 are no dates.
        assert_eq!(day(60.0, false), None);
        assert_eq!(day(0.0, false), None);
        assert_eq!(day(-1.0, false), None);
        assert_eq!(day(f64::NAN, false), None);
        assert_eq!(day(3e6, false), None);
        // The 1904 system counts 1,462 days fewer to the same day.
        assert_eq!(day(44625.0 - 1462.0, true).unwrap(), "2022-03-05");
        assert_eq!(day(0.0, true).unwrap(), "1904-01-01");
    }

    #[test]
    fn far_cells_are_kept_aside() {
        let mut cells = vec![Value::Text("a".into())];
        cells.resize(MAX_COLUMNS + 10, Value::Empty);
        cells.push(Value::Text("far".into()));
        let r = Row::new(7, cells);
        assert_eq!(r.cells.len(), MAX_COLUMNS);
        assert_eq!(r.far, Some((MAX_COLUMNS + 10, Value::Text("far".into()))));
        assert!(!r.is_blank());
        assert_eq!(cell_name(16_383, 1_048_576), "XFD1048576");
    }

    /// Every row of a file, or the error that stopped reading; never a panic.
    fn read_all(path: &Path, enc: Encoding) -> Result<Vec<Row>> {
        let mut src = open(path, enc, None)?;
        let mut rows = Vec::new();
        while let Some(r) = src.next_row()? {
            rows.push(r);
        }
        Ok(rows)
    }

    /// The numbers and first cells of the rows of a CSV file given as bytes.
    fn numbered(bytes: &[u8]) -> Vec<(usize, String)> {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.csv");
        std::fs::write(&f, bytes).unwrap();
        read_all(&f, Encoding::Auto)
            .unwrap()
            .into_iter()
            .map(|r| (r.number, r.get(0).shown()))
            .collect()
    }

    #[test]
    fn csv_rows_are_numbered_as_excel_shows_them() {
        let want = |v: &[(usize, &str)]| -> Vec<(usize, String)> {
            v.iter().map(|(n, s)| (*n, s.to_string())).collect()
        };
        // CRLF, as Excel saves: the third record is on row 3.
        assert_eq!(
            numbered("姓名,界别\r\n甲,教育界\r\n乙,不存在\r\n".as_bytes()),
            want(&[(1, "姓名"), (2, "甲"), (3, "乙")])
        );
        // A quoted cell with line breaks (Alt+Enter) is one row, in LF and CRLF files.
        for nl in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "\"x", "y\",1", "c,2"].join(nl);
            assert_eq!(
                numbered(text.as_bytes()),
                want(&[(1, "a"), (2, "x\ny"), (3, "c")])
                    .into_iter()
                    .map(|(n, s)| (n, if n == 2 { format!("x{nl}y") } else { s }))
                    .collect::<Vec<_>>(),
                "line break {nl:?}"
            );
        }
        // A BOM, a title row and blank rows: blank rows are rows in Excel.
        assert_eq!(
            numbered(b"\xEF\xBB\xBF\xE5\x90\x8D\xE5\x8D\x95,,\r\n\r\nh,k\r\n\r\n\r\nv,1\r\n"),
            want(&[(1, "名单"), (3, "h"), (6, "v")])
        );
        // Quotes: "" inside a quoted cell, a quote inside an unquoted cell, text after a
        // closing quote; none of them opens a multi-line cell.
        assert_eq!(
            numbered(b"\"a\"\"\nb\",1\nx\"y,2\n\"p\"q,3\nlast,4"),
            want(&[(1, "a\"\nb"), (2, "x\"y"), (3, "pq"), (4, "last")])
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Rows written as Excel writes CSV (cells with commas, quotes or line breaks quoted),
        /// with any line ending and blank rows, read back with the number of their row.
        #[test]
        fn csv_row_numbers_count_rows_not_lines(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-c甲,\"\n ]{0,5}", 0..4), 1..12),
            nl in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        ) {
            let quote = |c: &String| {
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\"").replace('\n', nl))
                } else {
                    c.clone()
                }
            };
            let lines: Vec<String> = rows
                .iter()
                .map(|r| r.iter().map(quote).collect::<Vec<_>>().join(","))
                .collect();
            let text = lines.join(nl);
            prop_assume!(!text.trim().is_empty());
            let want: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, _)| i + 1)
                .collect();
            let got: Vec<usize> = numbered(text.as_bytes()).into_iter().map(|r| r.0).collect();
            prop_assert_eq!(got, want, "{:?}", text);
        }

        #[test]
        fn any_bytes_as_csv_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let dir = tempfile::tempdir().unwrap();
            let f = dir.path().join("x.csv");
            std::fs::write(&f, &bytes).unwrap();
            for enc in [Encoding::Auto, Encoding::Utf8, Encoding::Gbk] {
                if let Ok(rows) = read_all(&f, enc) {
                    for r in rows {
                        prop_assert!(r.cells.len() <= MAX_COLUMNS);
                    }
                }
            }
        }

        /// (The private use area is left out: GB18030 versions map some of it differently.)
        #[test]
        fn text_in_either_encoding_reads_back(cells in proptest::collection::vec("[^\\x00\u{feff}\u{e000}-\u{f8ff}\"\r\n,]{0,12}", 1..8), bom in any::<bool>()) {
            let line = cells.join(",");
            let dir = tempfile::tempdir().unwrap();
            let utf8 = dir.path().join("u.csv");
            let mut bytes = if bom { UTF8_BOM.to_vec() } else { Vec::new() };
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            std::fs::write(&utf8, &bytes).unwrap();
            let (gbk_bytes, _, unmappable) = encoding_rs::GB18030.encode(&line);
            let gbk = dir.path().join("g.csv");
            let mut g = gbk_bytes.into_owned();
            g.push(b'\n');
            std::fs::write(&gbk, &g).unwrap();
            let want: Vec<Value> = cells
                .iter()
                .map(|c| if c.is_empty() { Value::Empty } else { Value::Text(c.clone()) })
                .collect();
            let blank = line.trim().is_empty();
            match read_all(&utf8, Encoding::Auto) {
                Ok(rows) => prop_assert_eq!(&rows[0].cells, &want),
                Err(e) => prop_assert!(blank, "{}", e.message.zh),
            }
            if !unmappable {
                match read_all(&gbk, Encoding::Gbk) {
                    Ok(rows) if rows.is_empty() => prop_assert!(line.is_empty()),
                    Ok(rows) => prop_assert_eq!(&rows[0].cells, &want),
                    Err(e) => prop_assert!(blank, "{}", e.message.zh),
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8),
            ..ProptestConfig::default()
        })]

        #[test]
        fn xlsx_cells_anywhere_read_within_bounds(
            cells in proptest::collection::vec((0u32..1_048_576, 0u16..16_384, ".{0,8}"), 0..12)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let f = dir.path().join("x.xlsx");
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for (r, c, v) in &cells {
                sheet.write_string(*r, *c, v).unwrap();
            }
            book.save(&f).unwrap();
            if let Ok(rows) = read_all(&f, Encoding::Auto) {
                prop_assert!(rows.len() <= cells.len());
                for r in &rows {
                    prop_assert!(r.cells.len() <= MAX_COLUMNS);
                    prop_assert!(r.number >= 1 && r.number <= 1_048_576);
                }
            }
        }
    }
}
