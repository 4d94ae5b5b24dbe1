//! Records as data (listings and documents) and their renderers: table, csv, json, md, xlsx.

pub mod files;
mod render;
mod sheet;
pub mod table;
pub mod xlsx;

pub use files::{Folder, Outputs, check_extension};
pub use render::{neutralise, render_doc, render_listing};
pub use sheet::{ChartSpec, Content, Sheet, format_for_path, render_sheet};

use std::borrow::Cow;

use serde_json::Value as Json;

use crate::i18n::{Text, pick};

/// Output format chosen with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(help = pick("对齐的表格，供终端查看", "Aligned table for the terminal"))]
    Table,
    #[value(help = pick("逗号分隔值，带表头行", "Comma-separated values with a header row"))]
    Csv,
    #[value(help = pick("JSON，字段名为 snake_case", "JSON with snake_case field names"))]
    Json,
    #[value(help = pick("Markdown 表格", "Markdown"))]
    Md,
    #[value(help = pick(
        "Excel 工作簿（配合 -o FILE.xlsx 或管道；不输出到终端）",
        "Excel workbook (with -o FILE.xlsx, or piped; never to a terminal)"
    ))]
    Xlsx,
}

/// A column: its stable field name (JSON keys) and its headers.
#[derive(Clone, Debug)]
pub struct Col {
    pub key: Cow<'static, str>,
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
    /// A column a narrow terminal may leave out (a scheme's per-category points, an
    /// attendance matrix's activities); see [`table`].
    pub optional: bool,
}

impl Col {
    pub const fn new(key: &'static str, zh: &'static str, en: &'static str) -> Self {
        Col {
            key: Cow::Borrowed(key),
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
            optional: false,
        }
    }

    /// A column whose names are made at run time (such as a scheme's categories).
    pub fn owned(key: String, zh: String, en: String) -> Self {
        Col {
            key: Cow::Owned(key),
            zh: Cow::Owned(zh),
            en: Cow::Owned(en),
            optional: false,
        }
    }

    /// Marks the column as one a narrow terminal table may leave out.
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// Header in the language in force.
    pub fn header(&self) -> &str {
        pick(&self.zh, &self.en)
    }
}

/// One value in a listing.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    /// An exact number already written as decimal text (points, rates); JSON gets a number.
    Num(String),
    Text(String),
    Bool(bool),
    /// An enumeration: JSON gets the code, people get the label.
    Code(&'static str, &'static str),
    /// Like [`Cell::Code`] for values made at run time (a committee's own kinds, lists of levels).
    Coded(String, String),
}

impl Cell {
    pub fn opt_text(v: Option<impl Into<String>>) -> Cell {
        v.map_or(Cell::Null, |s| Cell::Text(s.into()))
    }

    pub fn text(v: impl Into<String>) -> Cell {
        Cell::Text(v.into())
    }

    /// What a person reads.
    pub fn display(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(i) => i.to_string(),
            Cell::Num(s) | Cell::Text(s) => s.clone(),
            Cell::Bool(b) => pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" }).into(),
            Cell::Code(_, label) => (*label).to_string(),
            Cell::Coded(_, label) => label.clone(),
        }
    }

    pub fn json(&self) -> Json {
        match self {
            Cell::Null => Json::Null,
            Cell::Int(i) => Json::from(*i),
            Cell::Num(s) => serde_json::from_str::<serde_json::Number>(s)
                .map(Json::Number)
                .unwrap_or_else(|_| Json::String(s.clone())),
            Cell::Text(s) => Json::String(s.clone()),
            Cell::Bool(b) => Json::Bool(*b),
            Cell::Code(code, _) => Json::String((*code).to_string()),
            Cell::Coded(code, _) => Json::String(code.clone()),
        }
    }

    fn is_numeric(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Num(_))
    }
}

/// Rows under named columns.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub cols: Vec<Col>,
    pub rows: Vec<Vec<Cell>>,
}

impl Listing {
    pub fn new(cols: Vec<Col>) -> Self {
        Listing {
            cols,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
    }

    /// Rows as JSON objects keyed by field name.
    pub fn json_rows(&self) -> Json {
        Json::Array(self.rows.iter().map(|r| self.json_row(r)).collect())
    }

    fn json_row(&self, row: &[Cell]) -> Json {
        let mut m = serde_json::Map::new();
        for (c, v) in self.cols.iter().zip(row) {
            m.insert(c.key.to_string(), v.json());
        }
        Json::Object(m)
    }
}

/// Part of a document: one record shown as field/value pairs, or a listing.
#[derive(Clone, Debug)]
pub enum Body {
    Record(Listing),
    Rows(Listing),
}

/// A titled part of a document.
#[derive(Clone, Debug)]
pub struct Section {
    pub key: &'static str,
    pub title: Text,
    pub body: Body,
}

/// A document made of sections, such as a member's profile and memberships.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub sections: Vec<Section>,
}

impl Doc {
    pub fn record(&mut self, key: &'static str, title: Text, listing: Listing) {
        self.sections.push(Section {
            key,
            title,
            body: Body::Record(listing),
        });
    }

    pub fn rows(&mut self, key: &'static str, title: Text, listing: Listing) {
        self.sections.push(Section {
            key,
            title,
            body: Body::Rows(listing),
        });
    }
}
