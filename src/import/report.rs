//! What an import tells: the first notes on screen, every note and the plan in a report file
//! (`--report FILE`: .csv, .md or .txt).

use std::path::Path;

use super::Summary;
use crate::error::Result;
use crate::i18n::{Text, pick};
use crate::output::{Cell, Col, Format, Listing, render_listing};
use crate::text;

/// Notes shown on screen; the rest are counted.
pub const ON_SCREEN: usize = 20;

/// The extensions a report file may have.
pub const EXTENSIONS: &[&str] = &["csv", "md", "txt"];

/// The lines to show on screen: the first [`ON_SCREEN`] notes, then one line counting the rest
/// and saying where to see them all.
pub fn on_screen(s: &Summary, report: Option<&Path>) -> Vec<Text> {
    let mut out: Vec<Text> = s
        .warnings
        .iter()
        .take(ON_SCREEN)
        .map(|w| text!("注意：{}", "note: {}", w))
        .collect();
    let rest = s.warnings.len().saturating_sub(ON_SCREEN);
    if rest > 0 {
        out.push(match report {
            Some(r) => text!(
                "……另有 {} 条注意未显示，全部写在「{}」中",
                "… and {} more notes not shown; all of them are in '{}'",
                rest,
                r.display()
            ),
            None => text!(
                "……另有 {} 条注意未显示；加 --report 文件名（.csv、.md 或 .txt）把全部注意和导入计划写入文件",
                "… and {} more notes not shown; add --report FILE (.csv, .md or .txt) to write all of them and the plan to a file",
                rest
            ),
        });
    }
    out
}

/// The counts of an import in one sentence.
fn counts(s: &Summary, file: &str, dry_run: bool) -> Text {
    if dry_run {
        text!(
            "演练（未写入）「{}」：将新增 {}，修改 {}，未变 {}，有变化但未加 --update 不修改 {}",
            "dry run (nothing written) '{}': {} new, {} changed, {} unchanged, {} changed but held back without --update",
            file,
            s.new,
            s.changed,
            s.unchanged,
            s.held
        )
    } else {
        text!(
            "已导入「{}」：新增 {}，修改 {}，未变 {}，有变化但未加 --update 未修改 {}",
            "imported '{}': {} new, {} changed, {} unchanged, {} changed but held back without --update",
            file,
            s.new,
            s.changed,
            s.unchanged,
            s.held
        )
    }
}

/// Every note and every line of the plan as one table: a CSV report.
fn table(s: &Summary) -> Listing {
    let plan = s.listing();
    let mut l = Listing::new(vec![
        Col::new("row", "行", "Row"),
        Col::new("type", "类别", "Type"),
        Col::new("key", "记录", "Record"),
        Col::new("detail", "说明", "Detail"),
    ]);
    for w in &s.warnings {
        l.push(vec![
            Cell::Null,
            Cell::Code("note", pick("注意", "note")),
            Cell::Null,
            Cell::text(w.get()),
        ]);
    }
    for row in plan.rows {
        l.push(row);
    }
    l
}

/// The report of an import, as the bytes of a file with extension `ext` (one of
/// [`EXTENSIONS`]); a CSV file starts with a byte order mark when `bom`.
pub fn render(s: &Summary, file: &str, dry_run: bool, ext: &str, bom: bool) -> Result<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let notes_title = text!("注意（{} 条）", "Notes ({})", s.warnings.len());
    let plan_title = text!(
        "新增和修改的记录（{} 行）",
        "Records added or changed ({} rows)",
        s.plan.len()
    );
    let title = text!("导入报告", "Import report");
    match ext {
        "csv" => {
            if bom {
                out.extend_from_slice("\u{feff}".as_bytes());
            }
            render_listing(&mut out, &table(s), Format::Csv)?;
        }
        "md" => {
            let mut t = format!(
                "# {title}\n\n{}\n\n## {notes_title}\n\n",
                counts(s, file, dry_run)
            );
            for (i, w) in s.warnings.iter().enumerate() {
                t.push_str(&format!("{}. {}\n", i + 1, w.get().replace('\n', " ")));
            }
            t.push_str(&format!("\n## {plan_title}\n\n"));
            out.extend_from_slice(t.as_bytes());
            render_listing(&mut out, &s.listing(), Format::Md)?;
        }
        _ => {
            let mut t = format!("{title}\n{}\n\n{notes_title}\n", counts(s, file, dry_run));
            for (i, w) in s.warnings.iter().enumerate() {
                t.push_str(&format!("{:>5}. {}\n", i + 1, w.get()));
            }
            t.push_str(&format!("\n{plan_title}\n"));
            for row in &s.listing().rows {
                let cells: Vec<String> = row.iter().map(Cell::display).collect();
                t.push_str(&cells.join("\t"));
                t.push('\n');
            }
            out.extend_from_slice(t.as_bytes());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::PlanLine;

    fn summary(notes: usize) -> Summary {
        let mut s = Summary {
            new: 1,
            ..Summary::default()
        };
        for i in 0..notes {
            s.warnings.push(Text::new(format!("注意{i}"), format!("note{i}")));
        }
        s.plan.push(PlanLine {
            row: 3,
            action: "new",
            key: "M0001 王芳".into(),
            detail: Text::new("新委员", "new member"),
        });
        s
    }

    #[test]
    fn screen_shows_twenty_and_counts_the_rest() {
        let s = summary(25);
        let lines = on_screen(&s, None);
        assert_eq!(lines.len(), 21);
        assert!(lines[19].zh.contains("注意19"));
        assert!(lines[20].zh.contains("另有 5 条") && lines[20].zh.contains("--report"));
        let lines = on_screen(&s, Some(Path::new("r.csv")));
        assert!(lines[20].en.contains("'r.csv'"), "{}", lines[20].en);
        assert_eq!(on_screen(&summary(20), None).len(), 20);
    }

    #[test]
    fn every_format_holds_every_note_and_the_plan() {
        let s = summary(30);
        for ext in EXTENSIONS {
            let bytes = render(&s, "a.csv", false, ext, true).unwrap();
            let t = String::from_utf8(bytes).unwrap();
            assert_eq!(t.starts_with('\u{feff}'), *ext == "csv", "{ext}");
            for i in 0..30 {
                assert!(t.contains(&format!("注意{i}")), "{ext}: {t}");
            }
            assert!(t.contains("M0001 王芳"), "{ext}: {t}");
        }
    }
}
