//! The ranking workbook read from the store as it is written (constant memory): the same cells,
//! formats, column widths and print setup as the workbook built in memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx, open_workbook};
use lvzhi::i18n::{Lang, with_lang};
use lvzhi::report::Order;
use lvzhi::report::sheets;
use lvzhi::store::{OpenMode, Store};

use crate::common::{Env, bin};

fn demo() -> Env {
    let e = Env::new();
    let out = bin().arg("--db").arg(&e.db).arg("demo").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    e
}

fn path(e: &Env, name: &str) -> PathBuf {
    e.dir.path().join(name)
}

/// The workbooks the in-memory path makes of the same file: the ranking alone, or the whole
/// export (`export` true).
fn in_memory(e: &Env, lang: Lang, export: bool, name: &str) -> PathBuf {
    let bytes = with_lang(lang, || {
        let store = Store::open(&e.db, OpenMode::Existing, "tester", "test").unwrap();
        let book = if export {
            sheets::workbook_sheets(&store, 2022, Order::Stroke, true).unwrap()
        } else {
            let a = sheets::stored(&store, 2022).unwrap();
            vec![sheets::ranking_sheet(&store, 2022, &a, Order::Rank).unwrap()]
        };
        lvzhi::output::xlsx::workbook(&book).unwrap()
    });
    let p = path(e, name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every sheet's cells as calamine reads them (type and value), by sheet name.
fn cells(path: &Path) -> BTreeMap<String, Vec<(u32, u32, String)>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("open the workbook");
    let mut out = BTreeMap::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("read a sheet");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let v = range
            .used_cells()
            .map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, format!("{d:?}")))
            .collect();
        out.insert(name, v);
    }
    out
}

/// The text parts of an xlsx file, by name.
fn parts(path: &Path) -> BTreeMap<String, String> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(name, s);
    }
    out
}

/// A worksheet without its cells: widths, frozen panes, filter, print setup, page breaks.
fn frame(sheet_xml: &str) -> String {
    let start = sheet_xml.find("<sheetData").expect("sheet data");
    let end = sheet_xml
        .find("</sheetData>")
        .map_or(sheet_xml.len(), |i| i + "</sheetData>".len());
    format!("{}{}", &sheet_xml[..start], &sheet_xml[end..])
}

/// Each cell's reference and style (its number format, font, border, wrapping).
fn cell_styles(sheet_xml: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        tag.find(&key).map_or(String::new(), |i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
    };
    sheet_xml
        .split("<c ")
        .skip(1)
        .map(|c| {
            let tag = format!(" {}", &c[..c.find('>').unwrap()]);
            (attr(&tag, "r"), attr(&tag, "s"))
        })
        .collect()
}

/// The two workbooks have the same cells, cell formats, styles, defined names (print titles
/// and area) and worksheet setup; `streamed` holds its ranking as inline strings, as a
/// constant-memory worksheet writes them.
fn same_workbook(streamed: &Path, memory: &Path) {
    assert_eq!(cells(streamed), cells(memory));
    let (s, m) = (parts(streamed), parts(memory));
    let sheet_names: Vec<&String> = m
        .keys()
        .filter(|k| k.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(!sheet_names.is_empty());
    for name in sheet_names {
        assert_eq!(frame(&s[name]), frame(&m[name]), "{name}");
        assert_eq!(cell_styles(&s[name]), cell_styles(&m[name]), "{name}");
    }
    assert_eq!(s["xl/styles.xml"], m["xl/styles.xml"]);
    assert_eq!(s["xl/workbook.xml"], m["xl/workbook.xml"]);
    let ranking = &s["xl/worksheets/sheet1.xml"];
    assert!(
        ranking.contains("t=\"inlineStr\""),
        "the ranking was not streamed"
    );
    assert!(!m["xl/worksheets/sheet1.xml"].contains("t=\"inlineStr\""));
}

#[test]
fn the_streamed_ranking_workbook_is_the_one_built_in_memory() {
    let e = demo();
    for (lang, flag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let file = path(&e, &format!("ranking-{flag}.xlsx"));
        let stderr = e.run(&[
            "--lang",
            flag,
            "report",
            "assessment",
            "--year",
            "2022",
            "-o",
            file.to_str().unwrap(),
        ]);
        assert!(
            stderr.status.success(),
            "{}",
            String::from_utf8_lossy(&stderr.stderr)
        );
        let memory = in_memory(&e, lang, false, &format!("memory-{flag}.xlsx"));
        same_workbook(&file, &memory);
        let setup = frame(&parts(&file)["xl/worksheets/sheet1.xml"]);
        assert!(
            setup.contains("<cols>") && setup.contains("orientation=\"landscape\""),
            "{setup}"
        );
        if lang == Lang::Zh {
            // fits one page wide; the footer numbers the pages
            assert!(setup.contains("fitToPage=\"1\""), "{setup}");
            assert!(setup.contains("第 &amp;P 页 共 &amp;N 页"), "{setup}");
        } else {
            // too wide for a page: broken between columns
            assert!(setup.contains("<colBreaks"), "{setup}");
        }
        let names = &parts(&file)["xl/workbook.xml"];
        assert!(
            names.contains("_xlnm.Print_Titles") && names.contains("_xlnm.Print_Area"),
            "{names}"
        );
    }
}

#[test]
fn the_streamed_ranking_goes_to_a_pipe_as_to_a_file() {
    let e = demo();
    let file = path(&e, "r.xlsx");
    e.ok(&[
        "report",
        "assessment",
        "--year",
        "2022",
        "-o",
        file.to_str().unwrap(),
    ]);
    let out = e.run(&["--format", "xlsx", "report", "assessment", "--year", "2022"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"PK"), "a zip file on standard output");
    let piped = path(&e, "piped.xlsx");
    std::fs::write(&piped, &out.stdout).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), out.stdout, "the same bytes");
    let memory = in_memory(&e, Lang::Zh, false, "memory.xlsx");
    same_workbook(&piped, &memory);
    let ranking = &cells(&piped)["排名"];
    // title, header and one row a member of the demo committee
    assert!(
        ranking.iter().any(|c| c.0 == 0 && c.2.contains("履职考核排名")),
        "{ranking:?}"
    );
    assert!(ranking.iter().any(|c| c.0 == 2 && c.2.contains("名次")));
    assert_eq!(ranking.iter().map(|c| c.0).max(), Some(197));
}

#[test]
fn the_export_writes_its_ranking_sheet_streamed() {
    let e = demo();
    let file = path(&e, "export.xlsx");
    let out = e.run(&["export", "--year", "2022", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("6 张工作表"), "{stderr}");
    let memory = in_memory(&e, Lang::Zh, true, "memory-export.xlsx");
    same_workbook(&file, &memory);
    let names: Vec<String> = cells(&file).into_keys().collect();
    assert_eq!(names.len(), 6, "{names:?}");
    // the other sheets are still written in memory (shared strings)
    let p = parts(&file);
    assert!(p.contains_key("xl/sharedStrings.xml"));
    assert!(!p["xl/worksheets/sheet2.xml"].contains("inlineStr"));
}

#[test]
fn other_rankings_and_workbooks_are_built_as_before() {
    let e = demo();
    // in another order too, read from the store as written (its cells are checked against the
    // workbook built in memory in bounds13); by sector: a few rows, written in memory
    for (args, name, streamed) in [
        (vec!["--order", "code"], "code.xlsx", true),
        (vec!["--by", "sector"], "sector.xlsx", false),
    ] {
        let file = path(&e, name);
        let mut a = vec![
            "report",
            "assessment",
            "--year",
            "2022",
            "-o",
            file.to_str().unwrap(),
        ];
        a.extend(args);
        e.ok(&a);
        let p = parts(&file);
        assert_eq!(
            p["xl/worksheets/sheet1.xml"].contains("inlineStr"),
            streamed,
            "{name}"
        );
        assert_eq!(p.contains_key("xl/sharedStrings.xml"), !streamed, "{name}");
    }
    // no assessment: the same message as ever, and no file
    let empty = Env::init();
    let file = path(&empty, "none.xlsx");
    let err = empty.fail(
        &[
            "report",
            "assessment",
            "--year",
            "2022",
            "-o",
            file.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("2022 年度还没有考核结果"), "{err}");
    assert!(!file.exists());
}
