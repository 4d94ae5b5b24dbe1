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

fn fill_sheet(ws: &mut Worksheet, name: &str, sheet: &Sheet, st: &Styles) -> Result<()> {
    ws.set_name(name)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    let mut w = Widths::default();
    let mut row = 0u32;
    if let Some(t) = &sheet.title {
        ws.write_string_with_format(0, 0, t, &st.title)?;
        row = 2;
    }
    match &sheet.content {
        Content::Listing(l) => {
            let end = write_listing(ws, l, row, st, &mut w)?;
            ws.set_freeze_panes(row + 1, 0)?;
            ws.set_repeat_rows(0, row)?;
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
                ws.insert_chart(end + 1, 0, &chart)?;
            }
        }
        Content::Doc(d) => {
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
        }
    }
    for (i, width) in w.0.iter().enumerate() {
        let width = (*width + 2).clamp(4, MAX_WIDTH + 2);
        ws.set_column_width(i as u16, width as f64)?;
    }
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
    fn number_formats_keep_decimals() {
        assert_eq!(num_format("12"), "0");
        assert_eq!(num_format("12.50"), "0.00");
    }
}
