//! Records as data (listings and documents) and their renderers: table, csv, json, md, xlsx,
//! docx.

pub mod docx;
pub mod files;
mod render;
mod sheet;
pub mod table;
pub mod xlsx;

pub use files::{Folder, Outputs, check_extension};
pub use render::{Rows, neutralise, render_doc, render_listing, render_rows};
pub use sheet::{ChartSpec, Content, Sheet, format_for_path, render_sheet};

use std::borrow::Cow;

use serde_json::Value as Json;

use crate::i18n::{Text, pick};
use crate::scoring::Num;

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
    #[value(help = pick(
        "Word 文档（配合 -o FILE.docx 或管道；不输出到终端）",
        "Word document (with -o FILE.docx, or piped; never to a terminal)"
    ))]
    Docx,
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
    /// In JSON, the value goes into the object named `.0` under the key `.1` instead of beside
    /// the other fields (a scheme's categories, an activity's marks), so no key can collide.
    pub group: Option<(&'static str, String)>,
    /// In JSON, the siblings this column always has, whatever its cells hold.
    pub extra: Extra,
    /// Only JSON has this column (tables, CSV, Markdown and workbooks leave it out).
    pub json_only: bool,
}

/// JSON fields that go with a column's own: `<key>_label` for a code, `<key>_exact` for points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extra {
    #[default]
    None,
    Label,
    Exact,
    /// Only `<key>_label`: a text in the chosen language with no code (a rule's wording, a note).
    LabelOnly,
}

impl Col {
    pub const fn new(key: &'static str, zh: &'static str, en: &'static str) -> Self {
        Col {
            key: Cow::Borrowed(key),
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
            group: None,
            extra: Extra::None,
            json_only: false,
            optional: false,
        }
    }

    /// A column whose names are made at run time (such as a scheme's categories).
    pub fn owned(key: String, zh: String, en: String) -> Self {
        Col {
            key: Cow::Owned(key),
            zh: Cow::Owned(zh),
            en: Cow::Owned(en),
            group: None,
            extra: Extra::None,
            json_only: false,
            optional: false,
        }
    }

    /// The column's JSON value goes into the object `group` under `key` (see [`Col::group`]).
    pub fn in_group(mut self, group: &'static str, key: impl Into<String>) -> Self {
        self.group = Some((group, key.into()));
        self
    }

    /// Only JSON has the column.
    pub fn json_only(mut self) -> Self {
        self.json_only = true;
        self
    }

    /// The column has a `<key>_label` in JSON on every row (null where the cell is empty).
    pub fn labelled(mut self) -> Self {
        self.extra = Extra::Label;
        self
    }

    /// The column is a text in the chosen language: JSON has it as `<key>_label` only.
    pub fn label_only(mut self) -> Self {
        self.extra = Extra::LabelOnly;
        self
    }

    /// Marks the column as one a narrow terminal table may leave out.
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// The column has a `<key>_exact` in JSON on every row (null where the cell is empty).
    pub fn exact(mut self) -> Self {
        self.extra = Extra::Exact;
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
    /// A code whose label is what people read in every format but JSON, CSV included (a grade,
    /// a scheme's category): JSON gets the code (null when empty) and the label beside it.
    Named(String, String),
    /// A record a line comes from: JSON gets `{kind, id}` and the label beside it.
    Ref {
        kind: String,
        id: Option<i64>,
        label: String,
    },
    /// Points: JSON gets a number at `decimals` places and the exact fraction beside it;
    /// people read `shown`.
    Points {
        value: Num,
        decimals: u32,
        shown: String,
    },
    /// Codes with labels (flags, levels): JSON gets an array of `{code, label}`, people the
    /// labels joined by the separator.
    Codes(Vec<(String, String)>, Sep),
    /// What people read where JSON has null: the label of a row adding up the others ("合计"),
    /// a placeholder such as "（未定）".
    Shown(String),
    /// An empty value of a coded column: JSON gets null for the code and for its label.
    NoCode,
}

/// How a list of labels is joined for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    /// "；" / "; " (flags: each may hold a comma).
    Semicolon,
    /// "、" / ", " (levels).
    Comma,
    /// Like `Comma`, but an English CSV has the codes joined by "," (as a listing always had).
    Codes,
}

impl Cell {
    /// Points shown rounded to `decimals` places.
    pub fn points(value: Num, decimals: u32) -> Cell {
        Cell::Points {
            value,
            decimals,
            shown: value.display(decimals),
        }
    }

    /// Points written as decimal text (an adjustment as entered): shown as written, JSON gets
    /// the number and the exact fraction.
    pub fn points_text(s: &str) -> Cell {
        match Num::parse(s) {
            Some(value) => Cell::Points {
                value,
                decimals: s.split_once('.').map_or(0, |(_, f)| f.len() as u32),
                shown: s.to_string(),
            },
            None => Cell::Num(s.to_string()),
        }
    }

    /// The label of a row adding up the others.
    pub fn sum() -> Cell {
        Cell::Shown(pick("合计", "Total").to_string())
    }

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
            Cell::Coded(_, label) | Cell::Named(_, label) => label.clone(),
            Cell::Points { shown, .. } => shown.clone(),
            Cell::Ref { label, .. } => label.clone(),
            Cell::Codes(v, sep) => v
                .iter()
                .map(|c| c.1.as_str())
                .collect::<Vec<_>>()
                .join(match sep {
                    Sep::Semicolon => pick("；", "; "),
                    Sep::Comma | Sep::Codes => pick("、", ", "),
                }),
            Cell::Shown(s) => s.clone(),
            Cell::NoCode => String::new(),
        }
    }

    /// The label JSON gives beside a code (the text itself for plain text).
    fn json_label(&self) -> Json {
        match self {
            Cell::Code(_, l) => Json::String((*l).to_string()),
            Cell::Coded(_, l) | Cell::Named(_, l) | Cell::Text(l) | Cell::Ref { label: l, .. } => {
                Json::String(l.clone())
            }
            _ => Json::Null,
        }
    }

    /// The exact fraction JSON gives beside points ("25/6", "3").
    fn json_exact(&self) -> Json {
        match self {
            Cell::Points { value, .. } => Json::String(value.exact()),
            _ => Json::Null,
        }
    }

    pub fn json(&self) -> Json {
        match self {
            Cell::Null => Json::Null,
            Cell::Int(i) => Json::from(*i),
            Cell::Num(s) => number(s),
            Cell::Text(s) => Json::String(s.clone()),
            Cell::Bool(b) => Json::Bool(*b),
            Cell::Code(code, _) => Json::String((*code).to_string()),
            Cell::Coded(code, _) => Json::String(code.clone()),
            Cell::Named(code, _) if code.is_empty() => Json::Null,
            Cell::Named(code, _) => Json::String(code.clone()),
            Cell::Ref { kind, id, .. } => serde_json::json!({"kind": kind, "id": id}),
            Cell::Points { value, decimals, .. } => number(&value.display(*decimals)),
            Cell::Codes(v, _) => Json::Array(
                v.iter()
                    .map(|(code, label)| serde_json::json!({"code": code, "label": label}))
                    .collect(),
            ),
            Cell::Shown(_) | Cell::NoCode => Json::Null,
        }
    }

    fn is_numeric(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Num(_) | Cell::Points { .. })
    }
}

/// A decimal text as a JSON number (the text itself if it is not one).
fn number(s: &str) -> Json {
    serde_json::from_str::<serde_json::Number>(s)
        .map(Json::Number)
        .unwrap_or_else(|_| Json::String(s.to_string()))
}

/// How many leading columns name a row (number, code, name or committee, and the sector after
/// a name): a listing too wide for its page repeats them on each part.
pub fn naming_columns(cols: &[Col]) -> usize {
    let naming = ["id", "number", "code", "name", "committee", "sector"];
    cols.iter()
        .take_while(|c| naming.contains(&c.key.as_ref()))
        .count()
}

/// Rows under named columns.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub cols: Vec<Col>,
    pub rows: Vec<Vec<Cell>>,
    /// The last row adds up the others for people; JSON, which has the total elsewhere, leaves
    /// it out.
    pub sum_row: bool,
}

impl Listing {
    pub fn new(cols: Vec<Col>) -> Self {
        Listing {
            cols,
            rows: Vec::new(),
            sum_row: false,
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
    }

    /// The listing as people see it: without the columns only JSON has.
    pub fn for_people(&self) -> Cow<'_, Listing> {
        if !self.cols.iter().any(|c| c.json_only) {
            return Cow::Borrowed(self);
        }
        let keep: Vec<bool> = self.cols.iter().map(|c| !c.json_only).collect();
        let pick = |row: &[Cell]| -> Vec<Cell> {
            row.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect()
        };
        Cow::Owned(Listing {
            cols: self.cols.iter().filter(|c| !c.json_only).cloned().collect(),
            rows: self.rows.iter().map(|r| pick(r)).collect(),
            sum_row: self.sum_row,
        })
    }

    /// Rows as JSON objects keyed by field name.
    pub fn json_rows(&self) -> Json {
        let n = self.rows.len() - usize::from(self.sum_row && !self.rows.is_empty());
        Json::Array(self.rows[..n].iter().map(|r| self.json_row(r)).collect())
    }

    /// One row as a JSON object: each column's value under its key, codes with their
    /// `_label` and points with their `_exact` beside them, grouped columns in their object.
    fn json_row(&self, row: &[Cell]) -> Json {
        json_row(&self.cols, &|i| self.extra(i), row)
    }

    /// Each column's JSON siblings, as found from the rows.
    pub fn extras(&self) -> Vec<Extra> {
        (0..self.cols.len()).map(|i| self.extra(i)).collect()
    }
}

/// A row as a JSON object under `cols`, with the JSON siblings `extra` gives each column.
pub(crate) fn json_row(cols: &[Col], extra: &dyn Fn(usize) -> Extra, row: &[Cell]) -> Json {
    {
        let mut m = serde_json::Map::new();
        for (i, (c, v)) in cols.iter().zip(row).enumerate() {
            if let Some((group, key)) = &c.group {
                let g = m
                    .entry(group.to_string())
                    .or_insert_with(|| Json::Object(serde_json::Map::new()));
                if let Json::Object(g) = g {
                    g.insert(key.clone(), v.json());
                }
                continue;
            }
            let extra = extra(i);
            if extra == Extra::LabelOnly {
                m.insert(format!("{}_label", c.key), v.json_label());
                continue;
            }
            m.insert(c.key.to_string(), v.json());
            match extra {
                Extra::Label => {
                    m.insert(format!("{}_label", c.key), v.json_label());
                }
                Extra::Exact => {
                    m.insert(format!("{}_exact", c.key), v.json_exact());
                }
                Extra::None | Extra::LabelOnly => {}
            }
        }
        Json::Object(m)
    }
}

impl Listing {
    /// A column's JSON siblings: those it declares, or those its cells call for.
    fn extra(&self, i: usize) -> Extra {
        if self.cols[i].extra != Extra::None {
            return self.cols[i].extra;
        }
        let any = |f: fn(&Cell) -> bool| self.rows.iter().any(|r| f(&r[i]));
        if any(|c| {
            matches!(
                c,
                Cell::Code(..) | Cell::Coded(..) | Cell::Named(..) | Cell::Ref { .. } | Cell::NoCode
            )
        }) {
            Extra::Label
        } else if any(|c| matches!(c, Cell::Points { .. })) {
            Extra::Exact
        } else {
            Extra::None
        }
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
    /// Left out of every format but JSON when it has no rows (JSON keeps its `[]`).
    pub hide_empty: bool,
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
            hide_empty: false,
        });
    }

    pub fn rows(&mut self, key: &'static str, title: Text, listing: Listing) {
        self.sections.push(Section {
            key,
            title,
            body: Body::Rows(listing),
            hide_empty: false,
        });
    }

    /// Rows that only JSON shows when there are none (as `[]`).
    pub fn rows_if_any(&mut self, key: &'static str, title: Text, listing: Listing) {
        self.rows(key, title, listing);
        if let Some(s) = self.sections.last_mut() {
            s.hide_empty = true;
        }
    }
}

impl Section {
    /// Whether people see this section (JSON always has it).
    pub fn shown(&self) -> bool {
        !self.hide_empty
            || match &self.body {
                Body::Record(l) | Body::Rows(l) => !l.rows.is_empty(),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_give_labels_exact_points_groups_and_leave_the_sum_row_out() {
        let mut l = Listing::new(vec![
            Col::new("status", "状态", "Status"),
            Col::new("grade", "等次", "Grade").labelled(),
            Col::new("points", "分值", "Points"),
            Col::new("a1", "一", "One").in_group("marks", "1"),
            Col::new("note", "说明", "Note").label_only(),
            Col::new("flags", "标记", "Flags"),
        ]);
        l.push(vec![
            Cell::Code("excused", "请假"),
            Cell::Named("优秀".into(), "Excellent".into()),
            Cell::points(Num::frac(25, 6), 2),
            Cell::Code("present", "P"),
            Cell::text("capped"),
            Cell::Codes(vec![("interview".into(), "约谈".into())], Sep::Semicolon),
        ]);
        l.push(vec![
            Cell::NoCode,
            Cell::Null,
            Cell::Null,
            Cell::Null,
            Cell::Null,
            Cell::Codes(Vec::new(), Sep::Semicolon),
        ]);
        l.push(vec![
            Cell::sum(),
            Cell::Null,
            Cell::Null,
            Cell::Null,
            Cell::Null,
            Cell::Codes(Vec::new(), Sep::Semicolon),
        ]);
        l.sum_row = true;
        let rows = l.json_rows();
        assert_eq!(
            rows,
            serde_json::json!([
                {"status": "excused", "status_label": "请假", "grade": "优秀", "grade_label": "Excellent",
                 "points": 4.17, "points_exact": "25/6", "marks": {"1": "present"},
                 "note_label": "capped", "flags": [{"code": "interview", "label": "约谈"}]},
                {"status": null, "status_label": null, "grade": null, "grade_label": null,
                 "points": null, "points_exact": null, "marks": {"1": null},
                 "note_label": null, "flags": []}
            ])
        );
        assert_eq!(l.rows[0][2].display(), "4.17");
        assert_eq!(l.rows[0][5].display(), "约谈");
    }
}
