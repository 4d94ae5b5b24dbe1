//! Excel workbooks (rust_xlsxwriter): one sheet per report, numbers as numbers, everything
//! else as text (so a cell can never become a formula), column widths from display width,
//! bold frozen header, A4 landscape with the title and header rows repeated on every page.

use std::collections::HashSet;

use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format as XFormat, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::{Body, Cell, Content, Listing, Sheet};
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
    fn see(&mut self, col: usize, s: &str) {
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        self.0[col] = self.0[col].max(display_width(s));
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

/// Writes a listing's header and rows from `row`; returns the next free row.
fn write_listing(ws: &mut Worksheet, l: &Listing, row: u32, st: &Styles, w: &mut Widths) -> Result<u32> {
    let l = &*l.for_people();
    let long: Vec<bool> = (0..l.cols.len())
        .map(|i| l.rows.iter().any(|r| display_width(&r[i].display()) > MAX_WIDTH))
        .collect();
    for (i, c) in l.cols.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, c.header(), &st.header)?;
        // Headers wrap, so a long header widens its column only up to a point.
        w.see(i, &c.header().chars().take(12).collect::<String>());
    }
    let mut r = row + 1;
    for cells in &l.rows {
        for (i, c) in cells.iter().enumerate() {
            write_cell(ws, r, i as u16, c, st, long[i])?;
            w.see(i, &c.display());
        }
        r += 1;
    }
    Ok(r)
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

/// A matrix of marks: an optional column whose every cell is an attendance status.
fn is_mark_column(l: &Listing, i: usize) -> bool {
    l.cols[i].optional
        && !l.rows.is_empty()
        && l.rows
            .iter()
            .all(|r| matches!(&r[i], Cell::Code(c, _) if compact_mark(c).is_some()))
}

fn legend() -> &'static str {
    pick(
        "图例：✓ 出席　假 请假　缺 缺席　迟 迟到　退 早退　未 未登记　— 无需出席",
        "Key: P present, E excused, A absent, L late, D left early, ? not recorded, — not due",
    )
}

/// Columns repeated on every page of a sheet wider than the page: the leading columns that
/// name a row (number, code, name, and the sector after a name).
fn name_columns(l: &Listing) -> Option<u16> {
    let naming = ["id", "number", "code", "name", "sector"];
    let lead = l
        .cols
        .iter()
        .take_while(|c| naming.contains(&c.key.as_ref()))
        .count();
    lead.checked_sub(1).map(|last| last as u16)
}

/// Page breaks before the columns that start a new page, each page holding the repeated
/// columns and as many of the others as fit; a page also starts at each of `starts` (the
/// counts after an attendance matrix's activities, so they print together).
fn column_breaks(widths: &[f64], repeated: usize, page: f64, starts: &[usize]) -> Vec<u32> {
    let fixed: f64 = widths.iter().take(repeated).sum();
    let room = (page - fixed).max(page / 3.0);
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (i, w) in widths.iter().enumerate().skip(repeated) {
        if used > 0.0 && (used + w > room || starts.contains(&i)) {
            breaks.push(i as u32);
            used = 0.0;
        }
        used += w;
    }
    breaks
}

fn fill_sheet(ws: &mut Worksheet, name: &str, sheet: &Sheet, st: &Styles) -> Result<()> {
    ws.set_name(name)?;
    ws.set_paper_size(A4);
    ws.set_header(header_text(sheet.title.as_deref().unwrap_or(name)));
    ws.set_footer(pick("&C第 &P 页 共 &N 页", "&CPage &P of &N"));
    ws.set_print_center_horizontally(true);
    let mut w = Widths::default();
    let mut row = 0u32;
    if let Some(t) = &sheet.title {
        ws.write_string_with_format(0, 0, t, &st.title)?;
        row = 2;
    }
    let mut fixed_widths: Vec<Option<f64>> = Vec::new();
    let mut starts = Vec::new();
    let mut repeat_cols = None;
    let mut last_row;
    let mut page = PAGE_LANDSCAPE;
    match &sheet.content {
        Content::Listing(l) => {
            ws.set_landscape();
            let marks: Vec<bool> = (0..l.cols.len()).map(|i| is_mark_column(l, i)).collect();
            if marks.iter().any(|m| *m) {
                ws.write_string(1, 0, legend())?;
                let mut compact = l.clone();
                for r in &mut compact.rows {
                    for (i, c) in r.iter_mut().enumerate() {
                        if marks[i]
                            && let Cell::Code(code, _) = c
                            && let Some(m) = compact_mark(code)
                        {
                            *c = Cell::Coded((*code).to_string(), m.to_string());
                        }
                    }
                }
                fixed_widths = marks.iter().map(|m| m.then_some(MARK_WIDTH)).collect();
                starts = (1..marks.len()).filter(|&i| marks[i - 1] && !marks[i]).collect();
                let end = write_listing(ws, &compact, row, st, &mut w)?;
                last_row = end.saturating_sub(1);
                let lines = l
                    .cols
                    .iter()
                    .zip(&marks)
                    .filter(|(_, m)| **m)
                    .map(|(c, _)| display_width(c.header()).div_ceil(MARK_WIDTH as usize - 1))
                    .max()
                    .unwrap_or(1);
                ws.set_row_height(row, 15.0 * lines.max(1) as f64)?;
                let center = st.text.clone().set_align(FormatAlign::Center);
                for (r, cells) in compact.rows.iter().enumerate() {
                    for (i, c) in cells.iter().enumerate() {
                        if marks[i] {
                            ws.write_string_with_format(row + 1 + r as u32, i as u16, c.display(), &center)?;
                        }
                    }
                }
            } else {
                let end = write_listing(ws, l, row, st, &mut w)?;
                last_row = end.saturating_sub(1);
            }
            let end = last_row + 1;
            ws.set_freeze_panes(row + 1, 0)?;
            ws.set_repeat_rows(0, row)?;
            repeat_cols = name_columns(l);
            if !l.cols.is_empty() {
                ws.autofilter(row, 0, end.saturating_sub(1).max(row), (l.cols.len() - 1) as u16)?;
            }
            if let Some(ch) = &sheet.chart
                && !l.rows.is_empty()
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
                // The chart starts a page of its own, so no page break runs through it.
                ws.set_page_breaks(&[end + 1])?;
                ws.insert_chart(end + 1, 0, &chart)?;
                last_row = end + CHART_ROWS;
            }
        }
        Content::Doc(d) => {
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
                    Body::Rows(l) => l,
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
    if total <= page / MIN_SCALE {
        // Shrinking to one page wide keeps the text at 8 pt or more.
        ws.set_print_fit_to_pages(1, 0);
    } else {
        let repeated = repeat_cols.map_or(0, |c| usize::from(c) + 1);
        if let Some(c) = repeat_cols {
            ws.set_repeat_columns(0, c)?;
        }
        ws.set_vertical_page_breaks(&column_breaks(&widths, repeated, page, &starts))?;
    }
    let last_col = widths.len().saturating_sub(1) as u16;
    ws.set_print_area(0, 0, last_row, last_col)?;
    Ok(())
}

/// A workbook with one worksheet per sheet, as bytes. The document date is fixed, so the same
/// data gives the same file.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
        .set_author("lvzhi");
    wb.set_properties(&props);
    let mut used = HashSet::new();
    for s in sheets {
        let name = sheet_name(&s.name, &mut used);
        let ws = wb.add_worksheet();
        fill_sheet(ws, &name, s, &st)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(column_breaks(&widths, 3, 50.0, &[]), vec![6]);
        assert_eq!(column_breaks(&widths, 3, 50.0, &[5]), vec![5]);
        assert_eq!(header_text("A&B"), "&CA&&B");
    }

    #[test]
    fn number_formats_keep_decimals() {
        assert_eq!(num_format("12"), "0");
        assert_eq!(num_format("12.50"), "0.00");
    }
}
