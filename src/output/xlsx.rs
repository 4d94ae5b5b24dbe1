//! Excel workbooks (rust_xlsxwriter): one sheet per report, numbers as numbers, everything
//! else as text (so a cell can never become a formula), column widths from display width,
//! bold frozen header, A4 landscape with the title and header rows repeated on every page.

use std::collections::HashSet;

use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format as XFormat, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::{Body, Cell, ChartSpec, Col, Content, Doc, Listing, Sheet};
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::text;

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        Error::data(text!(
            "写出 Excel 文件出错：{}",
            "cannot write the Excel file: {}",
            e
        ))
    }
}

/// Widest column, in characters of the default font; longer text wraps.
const MAX_WIDTH: usize = 50;

/// A4 in Excel's paper-size numbering.
const A4: u8 = 9;

/// Display width of a text as Excel measures columns: a Chinese character is two units.
pub fn display_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Number format for a decimal written as text, keeping its decimal places.
fn num_format(s: &str) -> String {
    match s.split_once('.') {
        Some((_, frac)) if !frac.is_empty() => format!("0.{}", "0".repeat(frac.len())),
        _ => "0".into(),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book.
fn sheet_name(name: &str, used: &mut HashSet<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let mut out = clean.clone();
    let mut n = 2;
    while !used.insert(out.to_lowercase()) {
        let suffix = format!("({n})");
        out = clean
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    out
}

struct Styles {
    title: XFormat,
    section: XFormat,
    header: XFormat,
    text: XFormat,
    wrap: XFormat,
}

impl Styles {
    fn new() -> Self {
        let cell = XFormat::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: XFormat::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Left),
            section: XFormat::new().set_bold().set_font_size(12),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9E1F2"),
            wrap: cell.clone().set_text_wrap(),
            text: cell,
        }
    }
}

/// Tracks each column's widest content.
#[derive(Default)]
struct Widths(Vec<usize>);

impl Widths {
    fn see_width(&mut self, col: usize, width: usize) {
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        self.0[col] = self.0[col].max(width);
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, c: &Cell, st: &Styles, wrap: bool) -> Result<()> {
    let text_fmt = if wrap { &st.wrap } else { &st.text };
    match c {
        // No levels are a blank cell, as they always were; no flags an empty text.
        Cell::Null | Cell::NoCode => {
            ws.write_blank(row, col, &st.text)?;
        }
        Cell::Codes(v, sep) if v.is_empty() && *sep != super::Sep::Semicolon => {
            ws.write_blank(row, col, &st.text)?;
        }
        Cell::Int(i) => {
            ws.write_number_with_format(row, col, *i as f64, &st.text.clone().set_num_format("0"))?;
        }
        Cell::Points { .. } => {
            write_cell(ws, row, col, &Cell::Num(c.display()), st, wrap)?;
        }
        Cell::Num(s) => match s.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                ws.write_number_with_format(row, col, v, &st.text.clone().set_num_format(num_format(s)))?;
            }
            _ => {
                ws.write_string_with_format(row, col, s, text_fmt)?;
            }
        },
        // Text is always written as a string: a value such as "=1+1" stays text, never a formula.
        other => {
            ws.write_string_with_format(row, col, other.display(), text_fmt)?;
        }
    }
    Ok(())
}

/// The rows of a listing for a workbook, walked twice: once to measure the columns, once to
/// write them. A listing in memory is one; so is a long report read again from the store.
pub trait RowSource {
    /// The columns, those only JSON has included (a workbook leaves them out).
    fn cols(&self) -> &[Col];
    /// Gives `f` every row, in order.
    fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()>;
}

impl RowSource for Listing {
    fn cols(&self) -> &[Col] {
        &self.cols
    }

    fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        self.rows.iter().try_for_each(|r| f(r))
    }
}

/// What the first walk over a listing finds, for its columns as people see them.
struct Measure {
    /// The columns people see (not those only JSON has), by their place in the source.
    keep: Vec<usize>,
    rows: u32,
    widths: Vec<usize>,
    /// Columns with a cell too long for one line: their text wraps.
    long: Vec<bool>,
    /// Columns of attendance marks, printed compactly.
    marks: Vec<bool>,
    /// The table is too wide to print one page wide: its headers wrap onto more lines.
    narrow: bool,
}

fn measure(src: &dyn RowSource) -> Result<Measure> {
    let cols = src.cols();
    let keep: Vec<usize> = (0..cols.len()).filter(|&i| !cols[i].json_only).collect();
    let n = keep.len();
    let mut m = Measure {
        rows: 0,
        widths: vec![0; n],
        long: vec![false; n],
        marks: keep.iter().map(|&i| cols[i].optional).collect(),
        keep,
        narrow: false,
    };
    src.each(&mut |cells| {
        m.rows += 1;
        for (j, &i) in m.keep.iter().enumerate() {
            let c = &cells[i];
            let w = display_width(&c.display());
            m.widths[j] = m.widths[j].max(w);
            m.long[j] |= w > MAX_WIDTH;
            m.marks[j] &= matches!(c, Cell::Code(code, _) if compact_mark(code).is_some());
        }
        Ok(())
    })?;
    if m.rows == 0 {
        m.marks.iter_mut().for_each(|x| *x = false);
    }
    Ok(m)
}

/// How much of a header widens its column, in characters: it wraps beyond.
const HEAD_CHARS: usize = 12;
/// The same, in display units, for a table too wide for one page: its headers wrap onto
/// more lines, so that its columns keep to their figures and fewer bands of them are printed.
const NARROW_HEAD: usize = 6;

/// The width each column's header asks for, at most `cap` (characters, or display units for
/// [`NARROW_HEAD`]).
fn head_widths(cols: &[Col], m: &Measure, cap: usize) -> Vec<usize> {
    (m.keep.iter())
        .map(|&i| {
            let header = cols[i].header();
            if cap == NARROW_HEAD {
                display_width(header).min(NARROW_HEAD)
            } else {
                display_width(&header.chars().take(cap).collect::<String>())
            }
        })
        .collect()
}

/// The width of a sheet whose columns are as wide as their headers (`heads`) and figures ask.
fn sheet_width(heads: &[usize], m: &Measure) -> f64 {
    (heads.iter().zip(&m.widths))
        .map(|(h, w)| ((*h).max(*w) + 2).clamp(4, MAX_WIDTH + 2) as f64)
        .sum()
}

/// Writes a listing's header and rows from `row` as `m` measured them (attendance marks
/// compact and centred when `compact`); returns the next free row.
fn write_rows(
    ws: &mut Worksheet,
    src: &dyn RowSource,
    m: &Measure,
    compact: bool,
    row: u32,
    st: &Styles,
    w: &mut Widths,
) -> Result<u32> {
    let cols = src.cols();
    let narrow = m.narrow;
    let heads = head_widths(cols, m, if narrow { NARROW_HEAD } else { HEAD_CHARS });
    let mut lines = 1;
    for (j, &i) in m.keep.iter().enumerate() {
        let header = cols[i].header();
        ws.write_string_with_format(row, j as u16, header, &st.header)?;
        // Headers wrap, so a long header widens its column only up to a point.
        w.see_width(j, heads[j]);
        w.see_width(j, m.widths[j]);
        lines = lines.max(display_width(header).div_ceil(heads[j].max(m.widths[j]).max(2)));
    }
    if narrow {
        ws.set_row_height(row, 15.0 * lines as f64)?;
    }
    let center = st.text.clone().set_align(FormatAlign::Center);
    let mut r = row + 1;
    src.each(&mut |cells| {
        for (j, &i) in m.keep.iter().enumerate() {
            let c = &cells[i];
            match c {
                Cell::Code(code, _) if compact && m.marks[j] => {
                    let mark = compact_mark(code).unwrap_or_default();
                    ws.write_string_with_format(r, j as u16, mark, &center)?;
                }
                _ => write_cell(ws, r, j as u16, c, st, m.long[j])?,
            }
        }
        r += 1;
        Ok(())
    })?;
    Ok(r)
}

/// Writes a listing's header and rows from `row`; returns the next free row.
fn write_listing(ws: &mut Worksheet, l: &Listing, row: u32, st: &Styles, w: &mut Widths) -> Result<u32> {
    let mut m = measure(l)?;
    m.narrow = too_wide(&l.cols, &m);
    write_rows(ws, l, &m, false, row, st, w)
}

/// Whether a table is too wide to print one page wide, its headers as wide as they ask.
fn too_wide(cols: &[Col], m: &Measure) -> bool {
    sheet_width(&head_widths(cols, m, HEAD_CHARS), m) > PAGE_LANDSCAPE / MIN_SCALE
}

fn vertical(l: &Listing) -> Listing {
    let l = &*l.for_people();
    let mut v = Listing::new(vec![
        super::Col::new("field", "项目", "Field"),
        super::Col::new("value", "内容", "Value"),
    ]);
    if let Some(row) = l.rows.first() {
        for (c, cell) in l.cols.iter().zip(row) {
            v.push(vec![Cell::text(c.header()), cell.clone()]);
        }
    }
    v
}

/// Width of an A4 page's printable area in column units of the default font (11 pt): 26 cm
/// landscape, 17.5 cm portrait, at the 2.4 mm a unit LibreOffice prints (Excel's units are
/// narrower, so what fits there fits in Excel too).
const PAGE_LANDSCAPE: f64 = 105.0;
const PAGE_PORTRAIT: f64 = 70.0;
/// Smallest print scale that keeps 11 pt text at 8 pt or more.
const MIN_SCALE: f64 = 8.0 / 11.0;
/// Width of one activity's column in the attendance matrix.
const MARK_WIDTH: f64 = 7.0;
/// Rows a chart takes (420 px at 20 px a row), plus one.
const CHART_ROWS: u32 = 22;

/// A text for a page header or footer: `&` starts a code there, so it is doubled.
fn header_text(s: &str) -> String {
    let s: String = s.replace('&', "&&").chars().take(200).collect();
    format!("&C{s}")
}

/// The compact mark of an attendance status code, for the printed matrix.
fn compact_mark(code: &str) -> Option<&'static str> {
    Some(match code {
        "present" => pick("✓", "P"),
        "excused" => pick("假", "E"),
        "absent" => pick("缺", "A"),
        "late" => pick("迟", "L"),
        "left_early" => pick("退", "D"),
        "missing" => pick("未", "?"),
        "not_due" => "—",
        _ => return None,
    })
}

fn legend() -> &'static str {
    pick(
        "图例：✓ 出席　假 请假　缺 缺席　迟 迟到　退 早退　未 未登记　— 无需出席",
        "Key: P present, E excused, A absent, L late, D left early, ? not recorded, — not due",
    )
}

/// Columns repeated on every page of a sheet wider than the page (see
/// [`super::naming_columns`]): the last of them.
fn name_columns(cols: &[Col]) -> Option<u16> {
    super::naming_columns(cols).checked_sub(1).map(|last| last as u16)
}

/// Page breaks before the columns that start a new page, each page holding the repeated
/// columns and as many of the others as fit; a page also starts at each of `starts` (the
/// counts after an attendance matrix's activities, so they print together).
fn column_breaks(widths: &[f64], repeated: usize, page: f64, starts: &[usize]) -> Vec<u32> {
    // A column is as wide as its width and the padding the workbook stores with it.
    let printed = |w: &f64| w + COLUMN_PADDING;
    let fixed: f64 = widths.iter().take(repeated).map(printed).sum();
    let room = (page - fixed).max(page / 3.0);
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (i, w) in widths.iter().enumerate().skip(repeated) {
        if used > 0.0 && (used + printed(w) > room || starts.contains(&i)) {
            breaks.push(i as u32);
            used = 0.0;
        }
        used += printed(w);
    }
    breaks
}

/// What the workbook adds to every column's width (rust_xlsxwriter stores 8.71 for 8): it
/// prints too, so a band of columns counts it.
const COLUMN_PADDING: f64 = 0.71;

/// What a worksheet holds: a listing whose rows are walked twice (with its chart), or a document.
enum Part<'a> {
    Rows(&'a dyn RowSource, Option<&'a ChartSpec>),
    Doc(&'a Doc),
}

/// Fills a worksheet. Rows are written in order, top to bottom, so that a worksheet in constant
/// memory mode takes them too. A chart goes below the table when the table prints one page
/// wide; otherwise the table prints in bands of columns, and the chart is given back to be
/// put on a sheet of its own, so that no band cuts through it.
fn fill_sheet(
    ws: &mut Worksheet,
    name: &str,
    title: Option<&str>,
    part: Part,
    st: &Styles,
) -> Result<Option<Chart>> {
    ws.set_name(name)?;
    ws.set_paper_size(A4);
    ws.set_header(header_text(title.unwrap_or(name)));
    ws.set_footer(pick("&C第 &P 页 共 &N 页", "&CPage &P of &N"));
    ws.set_print_center_horizontally(true);
    let mut w = Widths::default();
    let mut row = 0u32;
    if let Some(t) = title {
        ws.write_string_with_format(0, 0, t, &st.title)?;
        row = 2;
    }
    let mut fixed_widths: Vec<Option<f64>> = Vec::new();
    let mut starts = Vec::new();
    let mut repeat_cols = None;
    let mut last_row;
    let mut page = PAGE_LANDSCAPE;
    let mut made = None;
    // a document's widest table
    let mut widest = None;
    // the header row of a titled listing (the legend above an attendance matrix prints too)
    let mut header_row = None;
    let mut first_row = 0;
    match part {
        Part::Rows(src, chart) => {
            ws.set_landscape();
            let cols = src.cols();
            let mut m = measure(src)?;
            let compact = m.marks.iter().any(|x| *x);
            if compact {
                ws.write_string(1, 0, legend())?;
                fixed_widths = m.marks.iter().map(|x| x.then_some(MARK_WIDTH)).collect();
                starts = (1..m.marks.len())
                    .filter(|&i| m.marks[i - 1] && !m.marks[i])
                    .collect();
                let lines = m
                    .keep
                    .iter()
                    .zip(&m.marks)
                    .filter(|(_, x)| **x)
                    .map(|(&i, _)| display_width(cols[i].header()).div_ceil(MARK_WIDTH as usize - 1))
                    .max()
                    .unwrap_or(1);
                ws.set_row_height(row, 15.0 * lines.max(1) as f64)?;
            }
            // a table too wide to print one page wide gets narrower headers
            m.narrow = !compact && too_wide(cols, &m);
            let end = write_rows(ws, src, &m, compact, row, st, &mut w)?;
            last_row = end.saturating_sub(1);
            let end = last_row + 1;
            ws.set_freeze_panes(row + 1, 0)?;
            ws.set_repeat_rows(0, row)?;
            if !compact && row > 0 {
                header_row = Some(row);
            }
            repeat_cols = name_columns(cols);
            if !cols.is_empty() {
                ws.autofilter(row, 0, end.saturating_sub(1).max(row), (cols.len() - 1) as u16)?;
            }
            if let Some(ch) = chart
                && m.rows > 0
                && !ch.series.is_empty()
            {
                let mut chart = Chart::new(ChartType::ColumnStacked);
                chart.title().set_name(ch.title.as_str());
                let (first, last) = (row + 1, end - 1 - u32::from(ch.skip_last && end - 1 > row + 1));
                for &c in &ch.series {
                    let c16 = c as u16;
                    chart
                        .add_series()
                        .set_name((name, row, c16))
                        .set_categories((name, first, ch.category as u16, last, ch.category as u16))
                        .set_values((name, first, c16, last, c16));
                }
                chart.set_width(900).set_height(420);
                made = Some((chart, end + 1));
            }
        }
        Part::Doc(d) => {
            ws.set_portrait();
            page = PAGE_PORTRAIT;
            if row > 0 {
                ws.set_repeat_rows(0, 0)?;
            }
            for s in d.sections.iter().filter(|s| s.shown()) {
                ws.write_string_with_format(row, 0, s.title.get(), &st.section)?;
                row += 1;
                let l = match &s.body {
                    Body::Record(l) => &vertical(l),
                    Body::Rows(l) => {
                        if widest.is_none_or(|w: &Listing| l.cols.len() > w.cols.len()) {
                            widest = Some(l);
                        }
                        l
                    }
                };
                if l.rows.is_empty() {
                    ws.write_string(row, 0, pick("（无记录）", "(no records)"))?;
                    row += 1;
                } else {
                    row = write_listing(ws, l, row, st, &mut w)?;
                }
                row += 1;
            }
            last_row = row.saturating_sub(1);
        }
    }
    let widths: Vec<f64> =
        w.0.iter()
            .enumerate()
            .map(|(i, width)| match fixed_widths.get(i).copied().flatten() {
                Some(f) => f,
                None => (*width + 2).clamp(4, MAX_WIDTH + 2) as f64,
            })
            .collect();
    for (i, width) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *width)?;
    }
    let total: f64 = widths.iter().sum();
    if page == PAGE_PORTRAIT && total > page / MIN_SCALE {
        // A document with a table too wide for the page (a roll-up's committees side by side)
        // prints across, its table split between columns with the columns naming a row repeated.
        ws.set_landscape();
        page = PAGE_LANDSCAPE;
        repeat_cols = widest.and_then(|l| name_columns(&l.cols));
    }
    let mut apart = None;
    if total <= page / MIN_SCALE {
        // Shrinking to one page wide keeps the text at 8 pt or more.
        ws.set_print_fit_to_pages(1, 0);
        if let Some((chart, at)) = made {
            // The chart starts a page of its own, so no page break runs through it.
            ws.set_page_breaks(&[at])?;
            ws.insert_chart(at, 0, &chart)?;
            last_row = at - 1 + CHART_ROWS;
        }
    } else {
        apart = made.map(|(chart, _)| chart);
        let repeated = repeat_cols.map_or(0, |c| usize::from(c) + 1);
        if let Some(c) = repeat_cols {
            ws.set_repeat_columns(0, c)?;
        }
        ws.set_vertical_page_breaks(&column_breaks(&widths, repeated, page, &starts))?;
        if let Some(h) = header_row {
            // The title, in the page header of every band, is not printed from its cell, which
            // the first band would cut.
            ws.set_repeat_rows(h, h)?;
            first_row = h;
        }
    }
    let last_col = widths.len().saturating_sub(1) as u16;
    ws.set_print_area(first_row, 0, last_row, last_col)?;
    Ok(apart)
}

/// One worksheet of a workbook.
pub enum BookSheet<'a> {
    /// A sheet held in memory.
    Held(&'a Sheet),
    /// A listing too long to hold, titled: its rows are read twice from `rows` (once to measure
    /// the columns) and written in order on a worksheet in constant memory mode.
    Streamed {
        name: String,
        title: Option<String>,
        rows: &'a dyn RowSource,
    },
}

/// A workbook with one worksheet per sheet, as bytes. The document date is fixed, so the same
/// data gives the same file.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let book: Vec<BookSheet> = sheets.iter().map(BookSheet::Held).collect();
    write_workbook(&mut out, &book)?;
    Ok(out)
}

/// Writes a workbook with one worksheet per sheet to `out`; a streamed sheet's rows pass
/// through a temporary file rather than memory.
pub fn write_workbook(out: impl std::io::Write + Send, sheets: &[BookSheet]) -> Result<()> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
        .set_author("lvzhi");
    wb.set_properties(&props);
    let mut used = HashSet::new();
    for s in sheets {
        match s {
            BookSheet::Held(s) => {
                let name = sheet_name(&s.name, &mut used);
                let part = match &s.content {
                    Content::Listing(l) => Part::Rows(l, s.chart.as_ref()),
                    Content::Doc(d) => Part::Doc(d),
                };
                let apart = fill_sheet(wb.add_worksheet(), &name, s.title.as_deref(), part, &st)?;
                if let Some(chart) = apart {
                    let cs = wb.add_chartsheet();
                    cs.set_name(sheet_name(
                        &format!("{name}{}", pick("图表", " chart")),
                        &mut used,
                    ))?;
                    cs.set_paper_size(A4);
                    cs.set_landscape();
                    cs.set_header(header_text(s.title.as_deref().unwrap_or(&name)));
                    cs.insert_chart(0, 0, &chart)?;
                }
            }
            BookSheet::Streamed { name, title, rows } => {
                let name = sheet_name(name, &mut used);
                let ws = wb.add_worksheet_with_constant_memory()?;
                fill_sheet(ws, &name, title.as_deref(), Part::Rows(*rows, None), &st)?;
            }
        }
    }
    wb.save_to_writer(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listing that counts how often its rows are walked.
    struct Counted(Listing, std::cell::Cell<u32>);

    impl RowSource for Counted {
        fn cols(&self) -> &[Col] {
            &self.0.cols
        }

        fn each(&self, f: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
            self.1.set(self.1.get() + 1);
            self.0.each(f)
        }
    }

    #[test]
    fn a_streamed_sheet_walks_its_rows_twice_and_writes_what_a_held_one_does() {
        let mut l = Listing::new(vec![
            Col::new("code", "编号", "Code"),
            Col::new("total", "总分", "Total"),
        ]);
        for i in 0..50 {
            l.push(vec![Cell::text(format!("P{i:03}")), Cell::Num(format!("{i}.5"))]);
        }
        let src = Counted(l.clone(), std::cell::Cell::new(0));
        let mut streamed = Vec::new();
        let sheet = BookSheet::Streamed {
            name: "排名".into(),
            title: Some("标题".into()),
            rows: &src,
        };
        write_workbook(&mut streamed, &[sheet]).unwrap();
        assert_eq!(src.1.get(), 2);
        let held = workbook(&[Sheet::listing("排名", Some("标题".into()), l)]).unwrap();
        assert!(streamed.starts_with(b"PK") && held.starts_with(b"PK"));
        assert_ne!(streamed, held, "inline strings rather than a shared table");
    }

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(display_width("政协委员"), 8);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("张三\n李四五"), 6);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("a/b", &mut used), "a_b");
        assert_eq!(sheet_name("A/B", &mut used), "A_B(2)");
        let long = "很".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
    }

    #[test]
    fn wide_sheets_break_between_columns_keeping_the_names() {
        let widths = [6.0, 10.0, 12.0, 7.0, 7.0, 7.0, 7.0, 7.0];
        // each column prints 0.71 wider than its width
        assert_eq!(column_breaks(&widths, 3, 55.0, &[]), vec![6]);
        assert_eq!(column_breaks(&widths, 3, 55.0, &[5]), vec![5]);
        assert_eq!(column_breaks(&widths, 3, 50.0, &[]), vec![5, 7]);
        assert_eq!(header_text("A&B"), "&CA&&B");
    }

    #[test]
    fn number_formats_keep_decimals() {
        assert_eq!(num_format("12"), "0");
        assert_eq!(num_format("12.50"), "0.00");
    }
}
