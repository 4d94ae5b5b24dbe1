//! `lvzhi import template`: an empty sheet with the expected headers and one example row.

use super::Kind;
use crate::error::{Error, Result};
use crate::i18n::{Lang, lang};
use crate::text;

/// Headers and the example row, in the language in force: Chinese labels, or the English
/// field names that listings print.
pub fn rows(kind: Kind) -> (Vec<String>, Vec<String>) {
    let en = lang() == Lang::En;
    let fields = kind.fields();
    let header = fields
        .iter()
        .map(|f| {
            if en {
                f.key.to_string()
            } else {
                f.zh[0].to_string()
            }
        })
        .collect();
    let example = fields.iter().map(|f| f.example.to_string()).collect();
    (header, example)
}

/// The template file's bytes: an `.xlsx` workbook, or a `.csv` file with a UTF-8 byte order
/// mark when `xlsx` is false.
pub fn render(kind: Kind, xlsx: bool) -> Result<Vec<u8>> {
    let (header, example) = rows(kind);
    if xlsx {
        return write_xlsx(kind, &header, &example).map_err(|e| {
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

fn write_xlsx(
    kind: Kind,
    header: &[String],
    example: &[String],
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    use unicode_width::UnicodeWidthStr;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name = match kind {
        Kind::Members => crate::i18n::pick("委员名单", "members"),
        Kind::Activities => crate::i18n::pick("活动", "activities"),
        Kind::Attendance => crate::i18n::pick("出席登记", "attendance"),
        Kind::Proposals => crate::i18n::pick("提案", "proposals"),
        Kind::Opinions => crate::i18n::pick("社情民意信息", "opinions"),
        Kind::Donations => crate::i18n::pick("捐款捐物", "donations"),
    };
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    // Every column is text, so that codes, phones and ID numbers keep their digits.
    let text = Format::new().set_num_format("@");
    for (i, (h, ex)) in header.iter().zip(example).enumerate() {
        let col = i as u16;
        let required = kind.fields()[i].required;
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
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
