//! Issue 13, reports within bounds: the attendance matrix, the assessment by sector, the year's
//! figures and the export, now read from the store as they are written, give what they gave
//! when they were built in memory. The expected outputs in `tests/bounds13/` were taken with
//! the binary before the change (commit e05c949), on the demo with an empty sector, a member
//! who left in mid-year and other duty outputs of two kinds.
//! `LVZHI_BLESS=1 cargo test bounds13` rewrites them instead of comparing.

use std::path::{Path, PathBuf};

use crate::common::Env;

fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bounds13")
}

/// The demo, with an empty sector, a member who left on 30 June and two other duty outputs,
/// assessed again.
fn committee() -> Env {
    let e = Env::new();
    e.ok(&["demo"]);
    e.ok(&["sector", "add", "空界别"]);
    e.ok(&[
        "member",
        "leave",
        "D050",
        "--on",
        "2022-06-30",
        "--reason",
        "resigned",
        "--yes",
    ]);
    e.ok(&[
        "contribution",
        "add",
        "--kind",
        "research_report",
        "--date",
        "2022-05-01",
        "--authors",
        "D001,D002",
        "调研报告一",
    ]);
    e.ok(&[
        "contribution",
        "add",
        "--kind",
        "media",
        "--date",
        "2022-09-12",
        "--authors",
        "D002",
        "宣传报道一",
    ]);
    e.ok(&["assess", "--year", "2022"]);
    e
}

/// Compares outputs with their expected files, or writes them when blessing.
struct Expected {
    env: Env,
    bless: bool,
    failures: Vec<String>,
}

impl Expected {
    fn new() -> Expected {
        Expected {
            env: committee(),
            bless: std::env::var_os("LVZHI_BLESS").is_some_and(|v| v == "1"),
            failures: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.env.dir.path().join(name).display().to_string()
    }

    /// Runs `lvzhi --width 120 ARGS`, which must succeed; its stdout.
    fn stdout(&self, args: &[&str]) -> String {
        let mut all = vec!["--width", "120"];
        all.extend_from_slice(args);
        self.env.ok(&all)
    }

    fn check(&mut self, name: &str, actual: &str) {
        let path = expected_dir().join(name);
        if self.bless {
            std::fs::create_dir_all(expected_dir()).unwrap();
            std::fs::write(&path, actual).unwrap();
            return;
        }
        match std::fs::read_to_string(&path) {
            Err(e) => self.failures.push(format!("tests/bounds13/{name}: {e}")),
            Ok(expected) if expected != actual => {
                let line = (expected.lines().zip(actual.lines()))
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()));
                self.failures.push(format!(
                    "tests/bounds13/{name}: differs from line {}:\nexpected: {:?}\ngot:      {:?}",
                    line + 1,
                    expected.lines().nth(line),
                    actual.lines().nth(line)
                ));
            }
            Ok(_) => {}
        }
    }

    fn command(&mut self, name: &str, args: &[&str]) {
        let out = self.stdout(args);
        self.check(name, &out);
    }

    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} output(s) differ from before:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// Every sheet of a workbook as calamine reads it: its name, then its rows, cells joined by tabs.
fn workbook_text(path: &str) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let mut out = String::new();
    for name in book.sheet_names() {
        out.push_str(&format!("=== {name}\n"));
        let range = book.worksheet_range(&name).expect("read a sheet");
        let Some((last_row, last_col)) = range.end() else {
            continue;
        };
        for r in 0..=last_row {
            let cells: Vec<String> = (0..=last_col)
                .map(|c| {
                    range
                        .get_value((r, c))
                        .map(|v| format!("{v:?}"))
                        .unwrap_or_default()
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_attendance_matrix_in_every_order_is_as_before() {
    let mut x = Expected::new();
    for order in ["rank", "stroke", "pinyin", "code"] {
        x.command(
            &format!("attendance-{order}.csv"),
            &[
                "--format",
                "csv",
                "report",
                "attendance",
                "--year",
                "2022",
                "--order",
                order,
            ],
        );
    }
    // JSON and English, a Markdown table (collected), a file
    x.command(
        "attendance-rank.json",
        &[
            "--format",
            "json",
            "report",
            "attendance",
            "--year",
            "2022",
            "--order",
            "rank",
        ],
    );
    x.command(
        "attendance-stroke-en.md",
        &[
            "--lang",
            "en",
            "--format",
            "md",
            "report",
            "attendance",
            "--year",
            "2022",
        ],
    );
    let file = x.path("attendance.csv");
    x.stdout(&["report", "attendance", "--year", "2022", "-o", &file]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "a CSV file for Excel starts with a BOM"
    );
    x.check("attendance-file.csv", &text);
    let file = x.path("attendance.md");
    x.stdout(&[
        "report",
        "attendance",
        "--year",
        "2022",
        "--order",
        "pinyin",
        "-o",
        &file,
    ]);
    x.check(
        "attendance-pinyin-file.md",
        &std::fs::read_to_string(&file).unwrap(),
    );
    // a workbook, its matrix written in constant memory
    let file = x.path("attendance.xlsx");
    x.stdout(&[
        "report",
        "attendance",
        "--year",
        "2022",
        "--order",
        "rank",
        "-o",
        &file,
    ]);
    x.check("attendance-rank.xlsx.txt", &workbook_text(&file));
    x.finish();
}

#[test]
fn a_member_who_left_in_mid_year_is_due_only_while_serving() {
    let x = Expected::new();
    let csv = x.stdout(&[
        "--format",
        "csv",
        "--no-bom",
        "report",
        "attendance",
        "--year",
        "2022",
    ]);
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("D050,"))
        .expect("D050 served in 2022")
        .split(',')
        .collect();
    let marks = &row[3..head.len() - 6];
    let due: i64 = row[head.len() - 6].parse().unwrap();
    // the activities after 30 June are not due
    assert!(marks.iter().filter(|m| **m == "—").count() > 0, "{row:?}");
    assert!(due < marks.len() as i64, "{row:?}");
}

#[test]
fn the_assessment_by_sector_and_the_figures_are_as_before() {
    let mut x = Expected::new();
    for (ext, format) in [("csv", "csv"), ("json", "json"), ("txt", "table")] {
        x.command(
            &format!("by-sector.{ext}"),
            &[
                "--format",
                format,
                "report",
                "assessment",
                "--year",
                "2022",
                "--by",
                "sector",
            ],
        );
        x.command(
            &format!("summary.{ext}"),
            &["--format", format, "report", "summary", "--year", "2022"],
        );
    }
    x.command(
        "by-sector-en.csv",
        &[
            "--lang",
            "en",
            "--format",
            "csv",
            "report",
            "assessment",
            "--year",
            "2022",
            "--by",
            "sector",
        ],
    );
    let by_sector = x.stdout(&[
        "--format",
        "csv",
        "report",
        "assessment",
        "--year",
        "2022",
        "--by",
        "sector",
    ]);
    assert!(
        !by_sector.contains("空界别"),
        "a sector without members has no row"
    );
    x.finish();
}

#[test]
fn the_streamed_export_opens_with_the_same_cells_as_before() {
    let mut x = Expected::new();
    for (order, lang) in [("stroke", "zh"), ("rank", "en")] {
        let file = x.path(&format!("export-{order}.xlsx"));
        x.stdout(&[
            "--lang", lang, "export", "--year", "2022", "--order", order, "-o", &file,
        ]);
        let text = workbook_text(&file);
        x.check(&format!("export-{order}-{lang}.xlsx.txt"), &text);
        if x.bless {
            // the expected cells are taken with the binary before the change
            continue;
        }
        // the long sheets are written in constant memory: inline strings
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
        let sheets = (0..zip.len())
            .filter(|&i| (zip.by_index(i).unwrap().name().unwrap()).starts_with("xl/worksheets/sheet"))
            .count();
        assert_eq!(
            sheets, 7,
            "ranking, by sector, proposals, reports, outputs, attendance, figures"
        );
        for (i, streamed) in [
            (1, true),
            (2, false),
            (3, true),
            (4, true),
            (5, true),
            (6, true),
            (7, false),
        ] {
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).unwrap(),
                &mut xml,
            )
            .unwrap();
            assert_eq!(xml.contains("inlineStr"), streamed, "sheet {i}");
        }
    }
    x.finish();
}

#[test]
fn a_matrix_too_large_for_a_table_is_refused_and_written_in_the_other_formats() {
    let e = Env::init();
    e.ok(&["sector", "add", "教育界"]);
    let csv = e.dir.path().join("members.csv");
    let mut text = String::from("序号,编号,姓名,界别,任委员日期\n");
    for i in 0..10_001 {
        text.push_str(&format!("{},B{i:05},委员{i},教育界,2021-12-28\n", i + 1));
    }
    std::fs::write(&csv, text).unwrap();
    e.ok(&["import", "members", csv.to_str().unwrap()]);
    let err = e.fail(&["report", "attendance", "--year", "2022"], 2);
    assert!(
        err.contains("10001 位委员") && err.contains("上限 10000 位"),
        "{err}"
    );
    assert!(err.contains("--format csv"), "{err}");
    let err = e.fail(&["--lang", "en", "report", "attendance", "--year", "2022"], 2);
    assert!(
        err.contains("10001 members, too many to lay out as a table"),
        "{err}"
    );
    // CSV and Markdown are written as the rows come: a line a member after the header
    let csv = e.ok(&["--format", "csv", "report", "attendance", "--year", "2022"]);
    assert_eq!(csv.lines().count(), 10_002);
    let md = e.ok(&["--format", "md", "report", "attendance", "--year", "2022"]);
    assert!(
        md.starts_with("# 2022 年度委员出席情况\n\n| 编号 | 姓名 |"),
        "{}",
        &md[..200]
    );
    assert_eq!(md.lines().count(), 2 + 2 + 10_001);
}

#[test]
fn the_ranking_in_every_order_of_names_is_as_before() {
    let mut x = Expected::new();
    for order in ["stroke", "pinyin", "code"] {
        x.command(
            &format!("ranking-{order}.csv"),
            &[
                "--format",
                "csv",
                "report",
                "assessment",
                "--year",
                "2022",
                "--order",
                order,
            ],
        );
    }
    x.command(
        "ranking-stroke-en.json",
        &[
            "--lang",
            "en",
            "--format",
            "json",
            "report",
            "assessment",
            "--year",
            "2022",
            "--order",
            "stroke",
        ],
    );
    x.command(
        "ranking-rank.md",
        &["--format", "md", "report", "assessment", "--year", "2022"],
    );
    let file = x.path("ranking.csv");
    x.stdout(&[
        "report",
        "assessment",
        "--year",
        "2022",
        "--order",
        "pinyin",
        "-o",
        &file,
    ]);
    x.check(
        "ranking-pinyin-file.csv",
        &std::fs::read_to_string(&file).unwrap(),
    );
    let file = x.path("ranking.xlsx");
    x.stdout(&[
        "report",
        "assessment",
        "--year",
        "2022",
        "--order",
        "stroke",
        "-o",
        &file,
    ]);
    x.check("ranking-stroke.xlsx.txt", &workbook_text(&file));
    x.finish();
}

#[test]
fn a_members_record_read_with_their_attendance_only_is_as_before() {
    let mut x = Expected::new();
    // served all year, left on 30 June, disqualified, joined in the year
    for code in ["D018", "D050", "D131", "D195"] {
        x.command(
            &format!("member-{code}.json"),
            &["--format", "json", "report", "member", code, "--year", "2022"],
        );
    }
    x.command("member-D050.txt", &["report", "member", "D050", "--year", "2022"]);
    x.finish();
}
