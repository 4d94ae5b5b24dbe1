//! Word documents (docx-rs): a sheet's title as the heading, its paragraphs, one table per
//! listing or section, and a signature block when the sheet has one. A4, portrait unless a
//! table is too wide for it; body 仿宋_GB2312, headings 黑体, tables 宋体 — fonts named, not
//! embedded, as WPS and Word in a Chinese office have them. Page numbers 第 N 页 共 M 页 in the
//! footer. The document carries no timestamp: the same data gives the same bytes.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, PageOrientationType, Paragraph,
    Run, RunFonts, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::xlsx::display_width;
use super::{Body, Cell, Content, Listing, Sheet};
use crate::error::{Error, Result};
use crate::i18n::pick;
use crate::text;

/// A4 in twentieths of a point.
const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;
/// A listing with more columns than this is laid out on a landscape page (a document, such as
/// a duty record to sign, is always portrait).
const PORTRAIT_COLUMNS: usize = 7;
/// Margins left and right, and the width of the field column of a record.
const MARGIN_LEFT: u32 = 1588;
const MARGIN_RIGHT: u32 = 1474;
const FIELD_WIDTH: usize = 2000;
/// Text up to this display width (16 half-width characters) is kept on one line.
const SHORT_TEXT: usize = 16;
/// The narrowest a long-text column is made when short columns need the room (twips).
const FLEX_MIN: usize = 1800;

const BODY_FONT: &str = "仿宋_GB2312";
const HEADING_FONT: &str = "黑体";
const TABLE_FONT: &str = "宋体";

/// Font sizes in half-points: 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const TITLE_SIZE: usize = 32;
const HEADING_SIZE: usize = 28;
const BODY_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name).cs(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn heading(text: &str, size: usize, centred: bool) -> Paragraph {
    let p = Paragraph::new()
        .add_run(run(text, HEADING_FONT, size).bold())
        .line_spacing(LineSpacing::new().before(240).after(120))
        .keep_next(true);
    if centred {
        p.align(AlignmentType::Center)
    } else {
        p
    }
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, BODY_SIZE))
        .first_line_chars(200)
        .line_spacing(LineSpacing::new().after(80))
}

fn cell(text: &str, bold: bool, right: bool) -> TableCell {
    let mut r = run(text, TABLE_FONT, TABLE_SIZE);
    if bold {
        r = r.bold();
    }
    let mut p = Paragraph::new().add_run(r);
    if right {
        p = p.align(AlignmentType::Right);
    }
    TableCell::new().add_paragraph(p)
}

/// For each column of `l`, whether its text is short enough to keep to one line, and the
/// width in twips it wants.
fn wanted(l: &Listing) -> (Vec<bool>, Vec<usize>) {
    // A column of one display unit (half a Chinese character) at 10.5 pt, plus the cell's margins.
    let twips = |units: usize| units * 135 + 300;
    let mut fixed = Vec::new();
    let mut want = Vec::new();
    for (i, c) in l.cols.iter().enumerate() {
        let text = l
            .rows
            .iter()
            .map(|r| display_width(&r[i].display()))
            .max()
            .unwrap_or(0);
        let head = display_width(c.header()).min(8);
        fixed.push(text <= SHORT_TEXT);
        want.push(twips(text.max(head).min(60)));
    }
    (fixed, want)
}

/// `l` as tables that each fit `width`: itself when its short columns about fit the page side
/// by side (the long ones share what is left, see [`widths`]); otherwise, as when a comparison has
/// two dozen columns of figures, parts printed one under the other, each with the columns that
/// name a row and as many of the others as fit, so that no figure is broken over lines.
fn parts(l: &Listing, width: usize) -> Vec<std::borrow::Cow<'_, Listing>> {
    let (fixed, want) = wanted(l);
    let short: usize = (want.iter().zip(&fixed))
        .filter(|(_, f)| **f)
        .map(|(w, _)| w)
        .sum();
    // Short columns a little too wide for the page are narrowed (their headers wrap); much
    // too wide, their figures would break.
    if short * 2 <= width * 3 {
        return vec![std::borrow::Cow::Borrowed(l)];
    }
    let need: Vec<usize> = (want.iter().zip(&fixed))
        .map(|(w, f)| if *f { *w } else { (*w).min(FLEX_MIN) })
        .collect();
    let naming = super::naming_columns(&l.cols).min(l.cols.len().saturating_sub(1));
    let room = (width - need[..naming].iter().sum::<usize>().min(width)).max(width / 3);
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, n) in need.iter().enumerate().skip(naming) {
        if bands.is_empty() || used + n > room {
            bands.push(Vec::new());
            used = 0;
        }
        bands.last_mut().expect("pushed").push(i);
        used += n;
    }
    bands
        .into_iter()
        .map(|band| {
            let keep: Vec<usize> = (0..naming).chain(band).collect();
            let mut part = Listing::new(keep.iter().map(|&i| l.cols[i].clone()).collect());
            part.sum_row = l.sum_row;
            for r in &l.rows {
                part.push(keep.iter().map(|&i| r[i].clone()).collect());
            }
            std::borrow::Cow::Owned(part)
        })
        .collect()
}

/// The tables of [`parts`], a blank line between two.
fn add_tables(mut doc: Docx, l: &Listing, width: usize) -> Docx {
    for (i, part) in parts(l, width).iter().enumerate() {
        if i > 0 {
            doc = doc.add_paragraph(Paragraph::new());
        }
        doc = doc.add_table(table(part, width));
    }
    doc
}

/// Column widths in twips filling `width`: a column whose text is short (codes, numbers,
/// dates, names) gets what it needs to stay on one line; the long-text columns share the rest
/// by their widest text, and wrap.
fn widths(l: &Listing, width: usize) -> Vec<usize> {
    let (fixed, want) = wanted(l);
    let sum = |fixed_ones: bool| -> usize {
        want.iter()
            .zip(&fixed)
            .filter(|(_, f)| **f == fixed_ones)
            .map(|(w, _)| w)
            .sum()
    };
    let (taken, flex) = (sum(true), sum(false));
    if taken + flex <= width {
        return want.iter().map(|w| w * width / (taken + flex).max(1)).collect();
    }
    // Each long-text column keeps at least a few characters; the short ones give way if need be.
    let flex_min: usize = want
        .iter()
        .zip(&fixed)
        .filter(|(_, f)| !**f)
        .map(|(w, _)| (*w).min(FLEX_MIN))
        .sum();
    let (fixed_scale, room) = if taken + flex_min > width {
        (
            (width - flex_min.min(width / 2), taken.max(1)),
            flex_min.min(width / 2),
        )
    } else {
        ((1, 1), width - taken)
    };
    want.iter()
        .zip(&fixed)
        .map(|(w, f)| {
            if *f {
                w * fixed_scale.0 / fixed_scale.1
            } else {
                w * room / flex.max(1)
            }
        })
        .collect()
}

fn table(l: &Listing, width: usize) -> Table {
    let grid = widths(l, width);
    let row = |cells: Vec<TableCell>| {
        TableRow::new(
            cells
                .into_iter()
                .zip(&grid)
                .map(|(c, w)| c.width(*w, WidthType::Dxa))
                .collect(),
        )
    };
    let mut rows = vec![row(l
        .cols
        .iter()
        .map(|c| cell(c.header(), true, false))
        .collect())];
    for r in &l.rows {
        rows.push(row(r
            .iter()
            .map(|c| cell(&c.display(), false, matches!(c, Cell::Int(_) | Cell::Num(_))))
            .collect()));
    }
    Table::new(rows)
        .set_grid(grid.clone())
        .width(width, WidthType::Dxa)
}

/// One record as two columns, field and value.
fn record(l: &Listing, width: usize) -> Table {
    let grid = vec![FIELD_WIDTH, width - FIELD_WIDTH];
    let mut rows = Vec::new();
    if let Some(r) = l.rows.first() {
        for (c, v) in l.cols.iter().zip(r) {
            rows.push(TableRow::new(vec![
                cell(c.header(), true, false).width(grid[0], WidthType::Dxa),
                cell(&v.display(), false, false).width(grid[1], WidthType::Dxa),
            ]));
        }
    }
    Table::new(rows)
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
}

fn footer() -> Footer {
    let f = |s: &str| run(s, BODY_FONT, TABLE_SIZE);
    let p = Paragraph::new().align(AlignmentType::Center);
    let p = match crate::i18n::lang() {
        crate::i18n::Lang::Zh => p
            .add_run(f("第 "))
            .add_page_num(PageNum::new())
            .add_run(f(" 页 共 "))
            .add_num_pages(NumPages::new())
            .add_run(f(" 页")),
        crate::i18n::Lang::En => p
            .add_run(f("Page "))
            .add_page_num(PageNum::new())
            .add_run(f(" of "))
            .add_num_pages(NumPages::new()),
    };
    Footer::new().add_paragraph(p)
}

/// A sheet as a Word document, as bytes.
pub fn document(sheet: &Sheet) -> Result<Vec<u8>> {
    let mut doc = Docx::new()
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(MARGIN_LEFT as i32)
                .right(MARGIN_RIGHT as i32)
                .header(851)
                .footer(992),
        )
        .footer(footer());
    let landscape = matches!(&sheet.content, Content::Listing(l) if l.cols.len() > PORTRAIT_COLUMNS);
    let (page_w, page_h) = if landscape {
        (A4_HEIGHT, A4_WIDTH)
    } else {
        (A4_WIDTH, A4_HEIGHT)
    };
    doc = doc.page_size(page_w, page_h);
    if landscape {
        doc = doc.page_orient(PageOrientationType::Landscape);
    }
    let width = (page_w - MARGIN_LEFT - MARGIN_RIGHT) as usize;
    if let Some(t) = &sheet.title {
        for line in t.lines() {
            doc = doc.add_paragraph(heading(line, TITLE_SIZE, true));
        }
    }
    for p in &sheet.prose {
        doc = doc.add_paragraph(body(p));
    }
    match &sheet.content {
        Content::Listing(l) => {
            doc = add_tables(doc, l, width);
        }
        Content::Doc(d) => {
            for s in &d.sections {
                doc = doc.add_paragraph(heading(s.title.get(), HEADING_SIZE, false));
                doc = match &s.body {
                    Body::Rows(l) | Body::Record(l) if l.rows.is_empty() => {
                        doc.add_paragraph(body(pick("（无记录）", "(no records)")))
                    }
                    Body::Record(l) => doc.add_table(record(l, width)),
                    Body::Rows(l) => add_tables(doc, l, width),
                };
            }
        }
    }
    if !sheet.sign.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(240)));
        for line in &sheet.sign {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(line, BODY_FONT, BODY_SIZE))
                    .line_spacing(LineSpacing::new().before(360).after(360)),
            );
        }
    }
    let mut buf = Cursor::new(Vec::new());
    doc.pack(&mut buf).map_err(|e| {
        Error::data(text!(
            "写出 Word 文件出错：{}",
            "cannot write the Word document: {}",
            e
        ))
    })?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Col;

    #[test]
    fn a_listing_becomes_a_document_with_its_text() {
        let mut l = Listing::new(vec![Col::new("name", "姓名", "Name")]);
        l.push(vec![Cell::text("张三 & <李四>")]);
        let mut s = Sheet::listing("x", Some("标题".into()), l);
        s.prose.push("一段话。".into());
        let bytes = document(&s).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert_eq!(document(&s).unwrap(), bytes, "same data, same bytes");
    }

    #[test]
    fn short_columns_keep_to_one_line_and_long_ones_share_the_rest() {
        let mut l = Listing::new(vec![
            Col::new("code", "编号", "Code"),
            Col::new("title", "标题", "Title"),
            Col::new("points", "分值", "Points"),
        ]);
        l.push(vec![
            Cell::text("M0001"),
            Cell::text("很长的标题".repeat(10)),
            Cell::Num("12.50".into()),
        ]);
        let w = widths(&l, 8844);
        assert!(w[0] >= 5 * 135 + 300 && w[2] >= 5 * 135 + 300, "{w:?}");
        assert!(w[1] > w[0] + w[2], "{w:?}");
        assert!(w.iter().sum::<usize>() <= 8844, "{w:?}");
        // Too many short columns for the page: every column still gets some room.
        let mut wide = Listing::new((0..12).map(|_| Col::new("c", "列", "Col")).collect());
        wide.push((0..12).map(|_| Cell::text("0123456789abcdef")).collect());
        let w = widths(&wide, 8844);
        assert!(
            w.iter().all(|x| *x > 500) && w.iter().sum::<usize>() <= 8844,
            "{w:?}"
        );
    }
}
