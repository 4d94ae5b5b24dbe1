//! `lvzhi import template`: an empty sheet with the expected headers and one example row.
//!
//! The example row never becomes data: its 序号 cell says 示例 (imports skip such rows with a
//! note) and a member code in it is one no member may have. An `.xlsx` template offers
//! drop-down lists for the columns that take one of a few values, and for sectors and kinds.

use super::Kind;
use crate::domain::codes::{
    AttendRole, DonationKind, Gender, Level, ProposalType, Satisfaction, Stage, Status,
};
use crate::domain::example;
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang, pick};
use crate::store::lists::Lists;
use crate::text;

/// Headers and the example row, in the language in force: Chinese labels, or the English
/// field names that listings print. The first column is 序号, marking the row as the example.
pub fn rows(kind: Kind) -> (Vec<String>, Vec<String>) {
    let en = lang() == Lang::En;
    let fields = template_fields(kind);
    let seq = example::SEQ_HEADERS[usize::from(en)];
    let mark = example::MARKS[usize::from(en)];
    let header = std::iter::once(seq.to_string())
        .chain(fields.iter().map(|f| {
            if en {
                f.key.to_string()
            } else {
                f.zh[0].to_string()
            }
        }))
        .collect();
    let example = std::iter::once(mark.to_string())
        .chain(fields.iter().map(|f| f.example.to_string()))
        .collect();
    (header, example)
}

/// The fields a template has columns for.
fn template_fields(kind: Kind) -> Vec<&'static super::Field> {
    kind.fields().iter().filter(|f| f.in_template).collect()
}

/// The values a column of `kind` offers in its drop-down list, and whether other values are
/// refused (a closed list) or only warned about (sectors and kinds, which take aliases too).
fn choices(kind: Kind, key: &str, lists: &Lists) -> Option<(Vec<String>, bool)> {
    fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Option<(Vec<String>, bool)> {
        Some((all.iter().map(|&x| label(x).to_string()).collect(), true))
    }
    match (kind, key) {
        (Kind::Members, "gender") => labels(Gender::ALL, Gender::label),
        (Kind::Members, "sector") => Some((lists.sectors.clone(), false)),
        (Kind::Activities | Kind::Attendance, "kind") => Some((
            lists
                .kinds
                .iter()
                .map(|(zh, en)| pick(zh, en).to_string())
                .collect(),
            false,
        )),
        (Kind::Attendance, "status") => labels(Status::ALL, Status::label),
        (Kind::Attendance, "role") => labels(AttendRole::ALL, AttendRole::label),
        (Kind::Proposals, "type") => labels(ProposalType::ALL, ProposalType::label),
        (Kind::Proposals, "stage") => labels(Stage::ALL, Stage::label),
        (Kind::Proposals, "satisfaction") => labels(Satisfaction::ALL, Satisfaction::label),
        (Kind::Proposals, "key" | "excellent" | "forwarded_up") => Some((
            vec![pick("是", "yes").to_string(), pick("否", "no").to_string()],
            true,
        )),
        (Kind::Donations, "kind") => labels(DonationKind::ALL, DonationKind::label),
        (Kind::Contributions, "kind") => Some((
            lists
                .contribution_kinds
                .iter()
                .map(|(zh, en)| pick(zh, en).to_string())
                .collect(),
            false,
        )),
        (Kind::Contributions, "level") => labels(Level::ALL, Level::label),
        _ => None,
    }
    .filter(|(list, _)| !list.is_empty())
}

/// The template file's bytes: an `.xlsx` workbook, or a `.csv` file with a UTF-8 byte order
/// mark when `xlsx` is false. `lists` fills the drop-down lists of a workbook.
pub fn render(kind: Kind, xlsx: bool, lists: &Lists) -> Result<Vec<u8>> {
    let (header, example) = rows(kind);
    if xlsx {
        return write_xlsx(kind, &header, &example, lists).map_err(|e| {
            Error::data(text!(
                "生成 Excel 模板出错：{}",
                "cannot build the Excel template: {}",
                e
            ))
        });
    }
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(&header)?;
    w.write_record(&example)?;
    w.into_inner()
        .map_err(|e| Error::data(text!("写出 CSV 出错：{}", "CSV error: {}", e)))
}

/// Rows of a template that get drop-down lists (after the header).
const LIST_ROWS: u32 = 10_000;

fn write_xlsx(
    kind: Kind,
    header: &[String],
    example: &[String],
    lists: &Lists,
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Formula, Workbook, Worksheet};
    use unicode_width::UnicodeWidthStr;
    let mut book = Workbook::new();
    let name = match kind {
        Kind::Members => pick("委员名单", "members"),
        Kind::Activities => pick("活动", "activities"),
        Kind::Attendance => pick("出席登记", "attendance"),
        Kind::Proposals => pick("提案", "proposals"),
        Kind::Opinions => pick("社情民意信息", "opinions"),
        Kind::Donations => pick("捐款捐物", "donations"),
        Kind::Contributions => pick("履职成果", "contributions"),
    };
    let list_sheet = pick("选项", "lists");
    let fields = template_fields(kind);
    // The values of each list go in a column of a hidden sheet: Excel limits a list typed
    // into the rule to 255 characters, and a committee's sectors may need more.
    let mut validations = Vec::new();
    let mut opts = Worksheet::new();
    opts.set_name(list_sheet)?;
    for (i, f) in fields.iter().enumerate() {
        let Some((values, closed)) = choices(kind, f.key, lists) else {
            continue;
        };
        let col = validations.len() as u16;
        for (r, v) in values.iter().enumerate() {
            opts.write_string(r as u32, col, v)?;
        }
        let letter = super::reader::col_letter(col.into());
        let range = format!("='{list_sheet}'!${letter}$1:${letter}${}", values.len());
        let mut dv = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_error_title(pick("不在列表中", "Not in the list"))?
            .set_error_message(pick(
                "请从下拉列表中选择",
                "Choose a value from the drop-down list",
            ))?;
        if !closed {
            dv = dv.set_error_style(DataValidationErrorStyle::Warning);
        }
        // Column i of the fields is column i + 1 of the sheet, after 序号.
        validations.push((i as u16 + 1, dv));
    }
    opts.set_hidden(true);
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    // Every column is text, so that codes, phones and ID numbers keep their digits.
    let text = Format::new().set_num_format("@");
    for (i, (h, ex)) in header.iter().zip(example).enumerate() {
        let col = i as u16;
        let required = i > 0 && fields[i - 1].required;
        let shown = if required && lang() == Lang::Zh {
            format!("{h}*")
        } else {
            h.clone()
        };
        sheet.write_string_with_format(0, col, &shown, &bold)?;
        sheet.write_string_with_format(1, col, ex, &text)?;
        sheet.set_column_format(col, &text)?;
        let w = shown.width().max(ex.width()).max(6) + 2;
        sheet.set_column_width(col, w as f64)?;
    }
    for (col, dv) in &validations {
        sheet.add_data_validation(1, *col, LIST_ROWS, *col, dv)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // The data sheet first: imports read the first sheet.
    book.push_worksheet(sheet);
    book.push_worksheet(opts);
    book.save_to_buffer()
}
