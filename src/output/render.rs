use std::io::Write;

use serde_json::Value as Json;

use super::{Body, Cell, Doc, Format, Listing};
use crate::error::Result;
use crate::i18n::pick;

/// Writes a listing in the chosen format.
pub fn render_listing(out: &mut dyn Write, listing: &Listing, format: Format) -> Result<()> {
    let people = listing.for_people();
    let listing = if format == Format::Json { listing } else { &people };
    match format {
        Format::Table => writeln!(out, "{}", table(listing))?,
        Format::Csv => csv(out, listing)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &listing.json_rows())?;
            writeln!(out)?;
        }
        Format::Md => markdown(out, listing)?,
        Format::Xlsx => out.write_all(&super::xlsx::workbook(&[super::Sheet::listing(
            "Sheet1",
            None,
            listing.clone(),
        )])?)?,
        Format::Docx => out.write_all(&super::docx::document(&super::Sheet::listing(
            "",
            None,
            listing.clone(),
        ))?)?,
    }
    Ok(())
}

/// Something that gives rows one at a time to the sink it is handed.
pub type Rows<'a> = dyn FnMut(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()> + 'a;

/// A listing written row by row as `rows` gives them, for listings too long to hold at once: CSV
/// and JSON are written as they come, Markdown after a first walk over the rows to find the
/// columns of numbers (the same bytes [`render_listing`] writes); other formats collect the rows
/// first. `extras` are the columns' JSON siblings, as [`Listing::extras`] would
/// find them from the rows.
pub fn render_rows(
    out: &mut dyn Write,
    cols: Vec<super::Col>,
    extras: Vec<super::Extra>,
    rows: &mut Rows,
    format: Format,
) -> Result<()> {
    match format {
        Format::Csv => {
            let keep: Vec<bool> = cols.iter().map(|c| !c.json_only).collect();
            let mut w = csv::Writer::from_writer(out);
            let heads = cols.iter().filter(|c| !c.json_only);
            w.write_record(heads.map(|c| neutralise(csv_header(c)).into_owned()))?;
            rows(&mut |row| {
                let cells = row.iter().zip(&keep).filter(|(_, k)| **k);
                w.write_record(cells.map(|(c, _)| csv_cell(c)))?;
                Ok(())
            })?;
            w.flush()?;
        }
        Format::Json => {
            let mut first = true;
            rows(&mut |row| {
                let row = super::json_row(&cols, &|i| extras[i], &row);
                let text = serde_json::to_string_pretty(&row)?;
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                first = false;
                for (k, line) in text.lines().enumerate() {
                    if k > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
                Ok(())
            })?;
            out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
        }
        Format::Md => {
            // two walks: which columns hold numbers (aligned right), then the rows
            let keep: Vec<usize> = (0..cols.len()).filter(|&i| !cols[i].json_only).collect();
            let mut numeric = vec![false; keep.len()];
            rows(&mut |row| {
                for (j, &i) in keep.iter().enumerate() {
                    numeric[j] |= row[i].is_numeric();
                }
                Ok(())
            })?;
            let heads: Vec<&str> = keep.iter().map(|&i| cols[i].header()).collect();
            writeln!(out, "| {} |", heads.join(" | "))?;
            let align: String = (numeric.iter())
                .map(|n| if *n { "---:|" } else { "---|" })
                .collect();
            writeln!(out, "|{align}")?;
            rows(&mut |row| {
                let cells: Vec<String> = keep.iter().map(|&i| md_cell(&row[i])).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
                Ok(())
            })?;
        }
        _ => {
            let mut l = Listing::new(cols);
            rows(&mut |row| {
                l.push(row);
                Ok(())
            })?;
            render_listing(out, &l, format)?;
        }
    }
    Ok(())
}

/// Writes a document in the chosen format.
pub fn render_doc(out: &mut dyn Write, doc: &Doc, format: Format) -> Result<()> {
    if format == Format::Xlsx {
        let sheet = super::Sheet::doc("Sheet1", None, doc.clone());
        out.write_all(&super::xlsx::workbook(&[sheet])?)?;
        return Ok(());
    }
    if format == Format::Docx {
        out.write_all(&super::docx::document(&super::Sheet::doc("", None, doc.clone()))?)?;
        return Ok(());
    }
    if format == Format::Json {
        let mut m = serde_json::Map::new();
        for s in &doc.sections {
            let v = match &s.body {
                Body::Record(l) => l.rows.first().map_or(Json::Null, |r| l.json_row(r)),
                Body::Rows(l) => l.json_rows(),
            };
            m.insert(s.key.to_string(), v);
        }
        serde_json::to_writer_pretty(&mut *out, &Json::Object(m))?;
        writeln!(out)?;
        return Ok(());
    }
    for (i, s) in doc.sections.iter().filter(|s| s.shown()).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match format {
            Format::Md => writeln!(out, "## {}\n", s.title)?,
            Format::Table => writeln!(out, "{}", super::table::fit_text(&s.title.to_string()))?,
            _ => {}
        }
        let listing = match &s.body {
            Body::Record(l) if format != Format::Csv => &vertical(&l.for_people()),
            Body::Record(l) | Body::Rows(l) => l,
        };
        render_listing(out, listing, format)?;
    }
    Ok(())
}

/// A one-row listing turned into field/value rows.
fn vertical(l: &Listing) -> Listing {
    let mut v = Listing::new(vec![
        super::Col::new("field", "项目", "Field"),
        super::Col::new("value", "内容", "Value"),
    ]);
    if let Some(row) = l.rows.first() {
        for (c, cell) in l.cols.iter().zip(row) {
            v.push(vec![Cell::text(c.header()), Cell::text(cell.display())]);
        }
    }
    v
}

fn table(l: &Listing) -> String {
    super::table::draw(l)
}

fn csv(out: &mut dyn Write, l: &Listing) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(l.cols.iter().map(|c| neutralise(csv_header(c)).into_owned()))?;
    for row in &l.rows {
        w.write_record(row.iter().map(csv_cell))?;
    }
    w.flush()?;
    Ok(())
}

/// CSV headers: Chinese headers in Chinese, the stable field names in English.
fn csv_header(c: &super::Col) -> &str {
    pick(&c.zh, &c.key)
}

/// Neutralises spreadsheet formula injection: a text that Excel or WPS would read as a formula
/// (it begins with = + - @, a tab or a carriage return) gets a leading apostrophe.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// CSV cells keep codes and exact numbers as stored in English, labels in Chinese; text that
/// could run as a formula is neutralised, labels and headers included (a committee names its
/// own kinds and categories).
fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) | Cell::Named(_, s) | Cell::Ref { label: s, .. } => neutralise(s).into_owned(),
        Cell::Codes(v, super::Sep::Codes) => neutralise(pick(
            &c.display(),
            &v.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join(","),
        ))
        .into_owned(),
        Cell::Codes(..) | Cell::Shown(_) => neutralise(&c.display()).into_owned(),
        Cell::Code(code, label) => neutralise(pick(label, code)).into_owned(),
        Cell::Coded(code, label) => neutralise(pick(label, code)).into_owned(),
        Cell::Bool(b) => pick(if *b { "是" } else { "否" }, if *b { "true" } else { "false" }).into(),
        other => other.display(),
    }
}

/// A cell as a Markdown table shows it.
fn md_cell(c: &super::Cell) -> String {
    c.display().replace('|', "\\|").replace('\n', "<br>")
}

fn markdown(out: &mut dyn Write, l: &Listing) -> Result<()> {
    writeln!(
        out,
        "| {} |",
        l.cols.iter().map(|c| c.header()).collect::<Vec<_>>().join(" | ")
    )?;
    writeln!(
        out,
        "|{}",
        l.cols
            .iter()
            .enumerate()
            .map(|(i, _)| if l.rows.iter().any(|r| r[i].is_numeric()) {
                "---:|"
            } else {
                "---|"
            })
            .collect::<String>()
    )?;
    for row in &l.rows {
        writeln!(
            out,
            "| {} |",
            row.iter().map(md_cell).collect::<Vec<_>>().join(" | ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Col;

    #[test]
    fn csv_headers_and_labels_are_neutralised_numbers_are_not() {
        let mut l = Listing::new(vec![
            Col::new("kind", "类型", "Kind"),
            Col::owned(
                "=cmd|' /C calc'!A0".to_string(),
                "=HYPERLINK(\"x\",\"y\")".to_string(),
                "@SUM(1)".to_string(),
            ),
            Col::new("points", "分值", "Points"),
        ]);
        l.push(vec![
            Cell::Coded("evil".into(), "=HYPERLINK(\"x\",\"y\")".into()),
            Cell::text("+1"),
            Cell::Num("-2.5".into()),
        ]);
        let mut out = Vec::new();
        crate::i18n::with_lang(crate::i18n::Lang::Zh, || csv(&mut out, &l)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""), "{s}");
        assert!(s.contains("'+1"), "{s}");
        assert!(s.contains(",-2.5"), "a number keeps its sign: {s}");
        for line in s.lines() {
            for cell in line.split(',') {
                let c = cell.trim_start_matches('"');
                assert!(!c.starts_with(['=', '+', '@']), "{cell} in {s}");
            }
        }
    }
}
