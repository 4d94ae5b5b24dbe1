//! Golden files: the county demo's assessment outputs, compared byte for byte with
//! `tests/golden/` (taken before issue 13 changed how assessments are computed and stored).
//! `LVZHI_BLESS=1 cargo test golden` rewrites them instead of comparing.

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::common::Env;

/// The demo's assessed year.
const YEAR: &str = "2022";
/// The top member of the demo's ranking.
const TOP: &str = "D148";
/// A member with an office adjustment (+2) and a county commendation.
const ADJUSTED: &str = "D018";
/// A member disqualified during the year, not assessed.
const NOT_ASSESSED: &str = "D131";

/// Where the golden files live.
fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Runs commands on one demo file and compares (or, when blessing, writes) their outputs.
struct Golden {
    env: Env,
    bless: bool,
    seen: BTreeSet<String>,
    failures: Vec<String>,
}

impl Golden {
    fn new() -> Golden {
        Golden {
            env: Env::new(),
            bless: std::env::var_os("LVZHI_BLESS").is_some_and(|v| v == "1"),
            seen: BTreeSet::new(),
            failures: Vec::new(),
        }
    }

    /// A path in the temporary directory, as an argument.
    fn temp(&self, name: &str) -> String {
        self.env.dir.path().join(name).display().to_string()
    }

    /// Runs `lvzhi --width 120 ARGS`, which must succeed; returns stdout and stderr.
    fn run(&self, args: &[&str]) -> (String, String) {
        let mut all = vec!["--width", "120"];
        all.extend_from_slice(args);
        let out = self.env.run(&all);
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        assert!(
            out.status.success(),
            "lvzhi {args:?} failed with {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status.code()
        );
        (stdout, stderr)
    }

    /// Runs a command and checks its stdout, then its stderr if any, against `file`.
    fn command(&mut self, file: &str, args: &[&str]) {
        let (stdout, stderr) = self.run(args);
        self.check(file, &with_stderr(stdout, &stderr));
    }

    /// Compares `actual`, normalised, with the golden file `name` (or writes it when blessing).
    fn check(&mut self, name: &str, actual: &str) {
        assert!(
            self.seen.insert(name.to_string()),
            "golden file {name} used twice"
        );
        let actual = normalise(actual, &self.env);
        let path = golden_dir().join(name);
        if self.bless {
            std::fs::create_dir_all(golden_dir()).expect("create tests/golden");
            std::fs::write(&path, &actual).expect("write a golden file");
            return;
        }
        match std::fs::read_to_string(&path) {
            Err(e) => self.failures.push(format!(
                "tests/golden/{name}: cannot be read ({e}); run with LVZHI_BLESS=1 to write it"
            )),
            Ok(expected) => {
                if let Some(diff) = first_difference(&expected, &actual) {
                    self.failures.push(format!("tests/golden/{name}: {diff}"));
                }
            }
        }
    }

    /// Golden files nobody wrote are stale: removed when blessing, a failure otherwise.
    fn finish(mut self) {
        let stale: Vec<PathBuf> = std::fs::read_dir(golden_dir())
            .expect("read tests/golden")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                !name.starts_with('.') && !self.seen.contains(&name)
            })
            .collect();
        for p in stale {
            if self.bless {
                std::fs::remove_file(&p).expect("remove a stale golden file");
            } else {
                self.failures.push(format!(
                    "tests/golden/{}: no command writes this golden file any more; run with LVZHI_BLESS=1 to remove it",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
        assert!(
            self.failures.is_empty(),
            "{} golden file(s) differ (LVZHI_BLESS=1 rewrites them if the change is intended):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// Stdout followed, when stderr has something, by a marker line and stderr.
fn with_stderr(mut stdout: String, stderr: &str) -> String {
    if !stderr.is_empty() {
        if !stdout.is_empty() && !stdout.ends_with('\n') {
            stdout.push('\n');
        }
        stdout.push_str("--- stderr ---\n");
        stdout.push_str(stderr);
    }
    stdout
}

/// The first line where `got` differs from `expected`, or `None` if they are equal.
fn first_difference(expected: &str, got: &str) -> Option<String> {
    if expected == got {
        return None;
    }
    let mut e = expected.split('\n');
    let mut g = got.split('\n');
    let mut n = 0;
    loop {
        n += 1;
        match (e.next(), g.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (a, b) => {
                let show = |l: Option<&str>| l.map_or("<end of file>".to_string(), |l| format!("{l:?}"));
                return Some(format!(
                    "first difference at line {n}\n  expected: {}\n  got:      {}",
                    show(a),
                    show(b)
                ));
            }
        }
    }
}

/// Replaces what changes from run to run: the temporary database path (`<DB>`) and its
/// directory (`<DIR>`), ISO timestamps (`<TIME>`) and today's date (`<TODAY>`).
fn normalise(text: &str, env: &Env) -> String {
    let text = text
        .replace(&env.db.display().to_string(), "<DB>")
        .replace(&env.dir.path().display().to_string(), "<DIR>");
    let text = timestamps(&text);
    let today = chrono::Local::now().date_naive();
    text.replace(&today.format("%Y-%m-%d").to_string(), "<TODAY>")
        .replace(&today.format("%Y年%-m月%-d日").to_string(), "<TODAY>")
}

/// `YYYY-MM-DDTHH:MM:SS` (or with a space), optional fraction and zone, replaced by `<TIME>`.
fn timestamps(text: &str) -> String {
    let b = text.as_bytes();
    let digits =
        |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let stamp = digits(i, 4)
            && at(i + 4, b'-')
            && digits(i + 5, 2)
            && at(i + 7, b'-')
            && digits(i + 8, 2)
            && (at(i + 10, b'T') || at(i + 10, b' '))
            && digits(i + 11, 2)
            && at(i + 13, b':')
            && digits(i + 14, 2)
            && at(i + 16, b':')
            && digits(i + 17, 2);
        if !stamp {
            i += 1;
            continue;
        }
        let mut end = i + 19;
        if at(end, b'.') && digits(end + 1, 1) {
            end += 1;
            while digits(end, 1) {
                end += 1;
            }
        }
        if at(end, b'Z') {
            end += 1;
        } else if (at(end, b'+') || at(end, b'-')) && digits(end + 1, 2) {
            if at(end + 3, b':') && digits(end + 4, 2) {
                end += 6;
            } else if digits(end + 3, 2) {
                end += 5;
            }
        }
        out.push_str(&text[copied..i]);
        out.push_str("<TIME>");
        copied = end;
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Every sheet of a workbook: its name, then one line per row (from the first row and column
/// of the sheet), cells as text joined by tabs.
fn workbook_text(path: &str) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).expect("open the workbook");
    let mut out = String::new();
    for name in book.sheet_names() {
        out.push_str(&format!("=== {name}\n"));
        let range = book.worksheet_range(&name).expect("read a sheet");
        let Some((last_row, last_col)) = range.end() else {
            continue;
        };
        for r in 0..=last_row {
            let cells: Vec<String> = (0..=last_col)
                .map(|c| range.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default())
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// `word/document.xml` of a .docx, with a line break after every paragraph.
fn document_xml(path: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open the docx")).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("read word/document.xml");
    let mut out = xml.replace("</w:p>", "</w:p>\n");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The demo's outputs at county scale, as issue 13 must keep them.
#[test]
fn county_outputs_match_golden_files() {
    let mut g = Golden::new();
    let y = YEAR;

    g.command("demo.txt", &["demo"]);

    // The stored draft and its explanations.
    for (ext, format) in [("txt", "table"), ("csv", "csv"), ("json", "json")] {
        g.command(
            &format!("assess-ranking.{ext}"),
            &["assess", "--year", y, "--format", format],
        );
    }
    for code in [TOP, ADJUSTED, NOT_ASSESSED] {
        for (ext, format) in [("txt", "table"), ("json", "json")] {
            g.command(
                &format!("assess-explain-{code}.{ext}"),
                &["assess", "--year", y, "--explain", code, "--format", format],
            );
        }
    }

    // Reports on the stored draft.
    for (ext, format) in [("txt", "table"), ("csv", "csv"), ("json", "json"), ("md", "md")] {
        g.command(
            &format!("report-assessment.{ext}"),
            &["report", "assessment", "--year", y, "--format", format],
        );
    }
    g.command(
        "report-assessment-by-sector.txt",
        &["report", "assessment", "--year", y, "--by", "sector"],
    );
    for (ext, format) in [("txt", "table"), ("json", "json")] {
        g.command(
            &format!("report-member-{ADJUSTED}.{ext}"),
            &["report", "member", ADJUSTED, "--year", y, "--format", format],
        );
    }
    g.command(
        "report-summary.json",
        &["report", "summary", "--year", y, "--format", "json"],
    );

    // Trials under every built-in preset.
    let (list, _) = g.run(&["rules", "presets", "--format", "csv", "--no-bom"]);
    let presets: Vec<String> = list
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    assert!(presets.len() >= 3, "rules presets lists too few presets:\n{list}");
    for name in &presets {
        let (text, _) = g.run(&["rules", "preset", name]);
        let file = g.temp(&format!("{name}.toml"));
        std::fs::write(&file, text).expect("write a preset");
        g.command(
            &format!("trial-{name}.csv"),
            &["assess", "--year", y, "--rules", &file, "--format", "csv"],
        );
        g.command(
            &format!("trial-{name}-compare.csv"),
            &[
                "assess",
                "--year",
                y,
                "--rules",
                &file,
                "--compare",
                "--format",
                "csv",
            ],
        );
    }

    // The final result.
    g.command(
        "final-finalize.txt",
        &["assess", "--year", y, "--finalize", "--yes"],
    );
    g.command("final-assess-ranking.txt", &["assess", "--year", y]);
    g.command(
        &format!("final-assess-explain-{ADJUSTED}.json"),
        &["assess", "--year", y, "--explain", ADJUSTED, "--format", "json"],
    );
    g.command(
        "final-report-assessment.json",
        &["report", "assessment", "--year", y, "--format", "json"],
    );

    // Files: the year's workbook and one member's record.
    let xlsx = g.temp("export.xlsx");
    let (stdout, stderr) = g.run(&["export", "--year", y, "-o", &xlsx]);
    assert!(stdout.is_empty(), "export printed to stdout:\n{stdout}");
    g.check(
        "final-export.xlsx.txt",
        &with_stderr(workbook_text(&xlsx), &stderr),
    );
    let docx = g.temp("member.docx");
    let (stdout, stderr) = g.run(&[
        "report", "member", ADJUSTED, "--year", y, "--format", "docx", "-o", &docx,
    ]);
    assert!(stdout.is_empty(), "report member -o printed to stdout:\n{stdout}");
    g.check(
        &format!("final-report-member-{ADJUSTED}.docx.xml"),
        &with_stderr(document_xml(&docx), &stderr),
    );

    g.finish();
}

#[test]
fn normalise_replaces_timestamps_only() {
    let t =
        timestamps("已定稿（2026-12-01T16:59:36+00:00），于 2022-05-10 视察；2026-12-01 08:00:00.123Z 止");
    assert_eq!(t, "已定稿（<TIME>），于 2022-05-10 视察；<TIME> 止");
    assert_eq!(timestamps("2022-01-09T1"), "2022-01-09T1");
}

#[test]
fn first_difference_names_line_and_both_texts() {
    assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
    let d = first_difference("a\nb\nc\n", "a\nx\nc\n").unwrap();
    assert!(
        d.contains("line 2") && d.contains("\"b\"") && d.contains("\"x\""),
        "{d}"
    );
    let d = first_difference("a", "a\nmore").unwrap();
    assert!(d.contains("line 2") && d.contains("<end of file>"), "{d}");
}
