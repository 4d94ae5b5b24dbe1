//! A report ready to leave the office: a listing or a document with a title, rendered in any
//! format. CSV starts with a UTF-8 BOM unless asked not to (Excel and WPS need it).

use std::io::Write;
use std::path::Path;

use super::{Doc, Format, Listing, render_doc, render_listing};
use crate::error::Result;

/// What a sheet holds.
#[derive(Clone, Debug)]
pub enum Content {
    Listing(Listing),
    Doc(Doc),
}

/// A stacked column chart over a listing: one category column, one series per value column.
#[derive(Clone, Debug)]
pub struct ChartSpec {
    pub title: String,
    pub category: usize,
    pub series: Vec<usize>,
    /// Leave the last row (a total) out of the chart.
    pub skip_last: bool,
}

/// One report: a worksheet in a workbook, or a whole file in the other formats.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// Worksheet name (shortened to what Excel accepts).
    pub name: String,
    /// Title line: committee, year, scheme. Shown in table, md and xlsx; not in csv or json.
    pub title: Option<String>,
    pub content: Content,
    pub chart: Option<ChartSpec>,
    /// Paragraphs stated before the tables, such as the figures of a work report in sentences
    /// (docx only).
    pub prose: Vec<String>,
    /// Lines of a signature block after the tables (docx only).
    pub sign: Vec<String>,
}

impl Sheet {
    pub fn listing(name: impl Into<String>, title: Option<String>, l: Listing) -> Sheet {
        Sheet {
            name: name.into(),
            title,
            content: Content::Listing(l),
            chart: None,
            prose: Vec::new(),
            sign: Vec::new(),
        }
    }

    pub fn doc(name: impl Into<String>, title: Option<String>, d: Doc) -> Sheet {
        Sheet {
            name: name.into(),
            title,
            content: Content::Doc(d),
            chart: None,
            prose: Vec::new(),
            sign: Vec::new(),
        }
    }
}

/// The format for an output file: the one given with --format, or, when that is the default
/// `table`, the one the file's extension names.
pub fn format_for_path(path: &Path, given: Format) -> Format {
    if given != Format::Table {
        return given;
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some("md" | "markdown") => Format::Md,
        Some("xlsx") => Format::Xlsx,
        Some("docx") => Format::Docx,
        _ => Format::Table,
    }
}

/// Renders a sheet. The body never holds a timestamp: the same data gives the same bytes.
pub fn render_sheet(sheet: &Sheet, format: Format, bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Xlsx => return super::xlsx::workbook(std::slice::from_ref(sheet)),
        Format::Docx => return super::docx::document(sheet),
        Format::Csv if bom => out.extend_from_slice("\u{feff}".as_bytes()),
        Format::Table => {
            if let Some(t) = &sheet.title {
                writeln!(out, "{}\n", super::table::fit_text(t))?;
            }
        }
        Format::Md => {
            if let Some(t) = &sheet.title {
                writeln!(out, "# {t}\n")?;
            }
        }
        _ => {}
    }
    match &sheet.content {
        Content::Listing(l) => render_listing(&mut out, l, format)?,
        Content::Doc(d) => render_doc(&mut out, d, format)?,
    }
    Ok(out)
}
