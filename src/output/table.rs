//! Terminal tables that fit the terminal: numbers, codes, grades and names are never broken;
//! long text columns (sector, flags, titles, notes) wrap over at most two lines and are then
//! shortened with "…"; when the rest is still too wide, the optional columns (a scheme's
//! per-category points, an attendance matrix's activities) are left out with a note saying how
//! to show them.
//!
//! Widths count `…`, `×` and `—` as two columns, as terminals set up for Chinese show them.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use unicode_width::UnicodeWidthChar;

use super::{Cell, Listing};
use crate::i18n::pick;
use crate::text;

/// `--width`: 0 = not given, `usize::MAX` = no limit.
static WIDTH: AtomicUsize = AtomicUsize::new(0);
/// `--columns all`.
static ALL: AtomicBool = AtomicBool::new(false);

/// Which columns a terminal table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Columns {
    #[value(help = pick(
        "放不下时略去分类得分等可选列",
        "Leave out optional columns (per-category points, …) when the terminal is too narrow"
    ))]
    Fit,
    #[value(help = pick("显示全部列（可能超出终端宽度）", "Show every column (may be wider than the terminal)"))]
    All,
}

/// Sets the table layout for this run: `width` from `--width` (0 means no limit), `columns`
/// from `--columns`.
pub fn set_layout(width: Option<usize>, columns: Columns) {
    WIDTH.store(
        match width {
            None => 0,
            Some(0) => usize::MAX,
            Some(n) => n,
        },
        Ordering::Relaxed,
    );
    ALL.store(columns == Columns::All, Ordering::Relaxed);
}

/// The width tables must fit: `--width`, else `COLUMNS`, else the terminal on standard output;
/// none when writing to a pipe or file without either.
fn target_width() -> Option<usize> {
    match WIDTH.load(Ordering::Relaxed) {
        0 => {}
        usize::MAX => return None,
        n => return Some(n),
    }
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return Some(n);
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// Display width in terminal columns; `…`, `×` and `—` count two.
pub fn cols(s: &str) -> usize {
    s.chars().map(char_cols).sum()
}

fn char_cols(c: char) -> usize {
    match c {
        '…' | '×' | '—' => 2,
        _ => c.width().unwrap_or(0),
    }
}

/// Columns whose text may wrap or be shortened.
const FLEX_KEYS: &[&str] = &[
    "sector",
    "flags",
    "title",
    "note",
    "workplace",
    "reason",
    "purpose",
    "organiser",
    "org",
    "location",
    "record",
    "left_reason",
    "leave_reason",
    "detail",
    "rule",
    "message",
    "units",
    "handling_unit",
];

/// Columns never broken, however long their values.
const FIXED_KEYS: &[&str] = &[
    "code",
    "name",
    "member",
    "member_code",
    "member_name",
    "number",
    "grade",
    "rank",
    "at",
    "id",
    "phone",
    "operator",
];

/// Text wider than this makes a column of another name flexible too.
const LONG_TEXT: usize = 24;
/// A flexible column is never narrower than this (three Chinese characters).
const FLEX_MIN: usize = 6;
/// A flexible cell shows at most this many lines.
const FLEX_LINES: usize = 2;

struct Layout {
    shown: Vec<usize>,
    widths: Vec<usize>,
    flex: Vec<bool>,
    hidden: Vec<usize>,
}

fn natural(l: &Listing, i: usize) -> usize {
    let head = l.cols[i].header().lines().map(cols).max().unwrap_or(0);
    let body = l
        .rows
        .iter()
        .map(|r| r[i].display().lines().map(cols).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    head.max(body)
}

fn body_width(l: &Listing, i: usize) -> usize {
    l.rows
        .iter()
        .map(|r| r[i].display().lines().map(cols).max().unwrap_or(0))
        .max()
        .unwrap_or(0)
}

fn is_numeric(l: &Listing, i: usize) -> bool {
    l.rows.iter().all(|r| r[i].is_numeric() || r[i] == Cell::Null) && l.rows.iter().any(|r| r[i].is_numeric())
}

/// Whether a column may wrap: at once (`Some(true)`), only when the table does not fit
/// otherwise (`Some(false)`: other free text), or never (`None`: numbers, codes, names, labels).
fn flexibility(l: &Listing, i: usize) -> Option<bool> {
    let key = l.cols[i].key.as_ref();
    let text = |c: &Cell| {
        matches!(
            c,
            Cell::Text(_) | Cell::Codes(..) | Cell::Ref { .. } | Cell::Shown(_)
        )
    };
    let free_text = l.rows.iter().any(|r| text(&r[i]))
        && l.rows
            .iter()
            .all(|r| text(&r[i]) || matches!(r[i], Cell::Null | Cell::NoCode));
    if FIXED_KEYS.contains(&key) || !free_text {
        return None;
    }
    Some(FLEX_KEYS.contains(&key) || body_width(l, i) > LONG_TEXT)
}

/// Smallest width of a column: a fixed column's widest value (its header may wrap down to two
/// Chinese characters), a flexible column's [`FLEX_MIN`].
fn min_width(l: &Listing, i: usize, flex: bool) -> usize {
    let nat = natural(l, i);
    if flex {
        nat.min(FLEX_MIN)
    } else {
        let head = l.cols[i].header().lines().map(cols).max().unwrap_or(0);
        body_width(l, i).max(head.min(4)).max(1)
    }
}

fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 3 * widths.len() + 1
}

fn layout(l: &Listing, limit: Option<usize>, all: bool) -> Layout {
    let n = l.cols.len();
    let tiers: Vec<Option<bool>> = (0..n).map(|i| flexibility(l, i)).collect();
    let mut flex: Vec<bool> = tiers.iter().map(|t| *t == Some(true)).collect();
    let nat: Vec<usize> = (0..n).map(|i| natural(l, i)).collect();
    let mut min: Vec<usize> = (0..n).map(|i| min_width(l, i, flex[i])).collect();
    let mut shown: Vec<usize> = (0..n).collect();
    let mut hidden = Vec::new();
    let Some(limit) = limit else {
        return Layout {
            widths: nat,
            shown,
            flex,
            hidden,
        };
    };
    let mins = |s: &[usize]| total(&s.iter().map(|&i| min[i]).collect::<Vec<_>>());
    if !all && mins(&shown) > limit {
        hidden = shown.iter().copied().filter(|&i| l.cols[i].optional).collect();
        shown.retain(|i| !l.cols[*i].optional);
    }
    if mins(&shown) > limit {
        for i in 0..n {
            if tiers[i] == Some(false) {
                flex[i] = true;
                min[i] = min_width(l, i, true);
            }
        }
    }
    let shown_nat: Vec<usize> = shown.iter().map(|&i| nat[i]).collect();
    if total(&shown_nat) <= limit {
        let mut widths = vec![0; n];
        for &i in &shown {
            widths[i] = nat[i];
        }
        return Layout {
            shown,
            widths,
            flex,
            hidden,
        };
    }
    // Fixed columns get their full header first if there is room, then the flexible ones share
    // what is left, the narrowest wants being met first.
    let mut widths = vec![0; n];
    for &i in &shown {
        widths[i] = min[i];
    }
    let used = |w: &[usize]| total(&shown.iter().map(|&i| w[i]).collect::<Vec<_>>());
    for &i in shown.iter().filter(|&&i| !flex[i]) {
        let room = limit.saturating_sub(used(&widths));
        widths[i] += (nat[i] - widths[i]).min(room);
    }
    let room = limit.saturating_sub(used(&widths));
    let flexes: Vec<usize> = shown.iter().copied().filter(|&i| flex[i]).collect();
    let mut lo = 0;
    let mut hi = flexes.iter().map(|&i| nat[i]).max().unwrap_or(0);
    let extra = |level: usize| -> usize {
        flexes
            .iter()
            .map(|&i| nat[i].min(level.max(min[i])) - min[i])
            .sum()
    };
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if extra(mid) <= room {
            lo = mid
        } else {
            hi = mid - 1
        }
    }
    for &i in &flexes {
        widths[i] = nat[i].min(lo.max(min[i]));
    }
    Layout {
        shown,
        widths,
        flex,
        hidden,
    }
}

/// Tokens that are kept together when wrapping: runs of ASCII letters and digits, or one
/// character.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let word = c.is_ascii_alphanumeric() || ".-_%:/".contains(c);
        match (word, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, Some(st)) => {
                out.push(&s[st..i]);
                start = None;
                out.push(&s[i..i + c.len_utf8()]);
            }
            (false, None) => out.push(&s[i..i + c.len_utf8()]),
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Wraps one line of text to `width` columns.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![String::new()];
    for t in tokens(s) {
        let cur = lines.last_mut().expect("one line at least");
        if cols(cur) + cols(t) <= width {
            cur.push_str(t);
        } else if cols(t) <= width {
            lines.push(t.trim_start().to_string());
        } else {
            for c in t.chars() {
                let cur = lines.last_mut().expect("one line at least");
                if cols(cur) + char_cols(c) > width {
                    lines.push(String::new());
                }
                lines.last_mut().expect("one line at least").push(c);
            }
        }
    }
    lines
}

/// Cuts a line to `width` columns, ending it with "…".
fn shorten(s: &str, width: usize) -> String {
    if cols(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if cols(&out) + char_cols(c) + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The lines of one cell in a column `width` wide.
fn cell_lines(s: &str, width: usize, flex: bool) -> Vec<String> {
    let mut lines: Vec<String> = s.lines().flat_map(|l| wrap(l, width)).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    if flex && lines.len() > FLEX_LINES {
        let rest = lines[FLEX_LINES - 1..].concat();
        lines.truncate(FLEX_LINES - 1);
        lines.push(shorten(&rest, width));
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let gap = " ".repeat(width.saturating_sub(cols(s)));
    if right {
        format!("{gap}{s}")
    } else {
        format!("{s}{gap}")
    }
}

fn rule(widths: &[usize], left: char, mid: char, right: char, fill: char) -> String {
    let mut s = String::from(left);
    for (k, w) in widths.iter().enumerate() {
        if k > 0 {
            s.push(mid);
        }
        s.extend(std::iter::repeat_n(fill, w + 2));
    }
    s.push(right);
    s
}

fn row_lines(cells: &[Vec<String>], widths: &[usize], right: &[bool], out: &mut String) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        out.push('│');
        for (j, c) in cells.iter().enumerate() {
            if j > 0 {
                out.push('┆');
            }
            out.push(' ');
            out.push_str(&pad(c.get(k).map_or("", String::as_str), widths[j], right[j]));
            out.push(' ');
        }
        out.push_str("│\n");
    }
}

/// A line of text (such as a report's title) wrapped to the terminal's width.
pub fn fit_text(s: &str) -> String {
    match target_width() {
        Some(w) => s
            .lines()
            .flat_map(|l| wrap(l, w))
            .map(|l| l.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        None => s.to_string(),
    }
}

/// A listing as a boxed table fitted to the terminal (no trailing newline).
pub fn draw(l: &Listing) -> String {
    draw_within(l, target_width(), ALL.load(Ordering::Relaxed))
}

/// A listing as a boxed table no wider than `limit`, when that can be done.
pub fn draw_within(l: &Listing, limit: Option<usize>, all: bool) -> String {
    if l.rows.is_empty() {
        return pick("（无记录）", "(no records)").to_string();
    }
    let lay = layout(l, limit, all);
    let widths: Vec<usize> = lay.shown.iter().map(|&i| lay.widths[i]).collect();
    let right: Vec<bool> = lay.shown.iter().map(|&i| is_numeric(l, i)).collect();
    let mut out = rule(&widths, '┌', '┬', '┐', '─');
    out.push('\n');
    let head: Vec<Vec<String>> = lay
        .shown
        .iter()
        .map(|&i| cell_lines(l.cols[i].header(), lay.widths[i], false))
        .collect();
    row_lines(&head, &widths, &right, &mut out);
    out.push_str(&rule(&widths, '╞', '╪', '╡', '═'));
    out.push('\n');
    for r in &l.rows {
        let cells: Vec<Vec<String>> = lay
            .shown
            .iter()
            .map(|&i| cell_lines(&r[i].display(), lay.widths[i], lay.flex[i]))
            .collect();
        row_lines(&cells, &widths, &right, &mut out);
    }
    out.push_str(&rule(&widths, '└', '┴', '┘', '─'));
    if !lay.hidden.is_empty() {
        let limit = limit.unwrap_or(usize::MAX);
        let note = |names: &str| {
            text!(
                "（略去 {} 列：{}；加 --columns all 显示）",
                "({} columns left out: {}; add --columns all)",
                lay.hidden.len(),
                names
            )
            .to_string()
        };
        let names: Vec<&str> = lay.hidden.iter().map(|&i| l.cols[i].header()).collect();
        let names = names.join(pick("、", ", "));
        let room = limit.saturating_sub(cols(&note("")));
        out.push('\n');
        out.push_str(&note(&shorten(&names, room.max(2))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Col;

    fn ranking() -> Listing {
        let mut l = Listing::new(vec![
            Col::new("rank", "名次", "Rank"),
            Col::new("code", "编号", "Code"),
            Col::new("name", "姓名", "Name"),
            Col::new("sector", "界别", "Sector"),
            Col::owned("a".into(), "会议".into(), "Meetings".into()).optional(),
            Col::owned("b".into(), "社情民意".into(), "Opinions".into()).optional(),
            Col::new("total", "总分", "Total"),
            Col::new("grade", "等次", "Grade"),
            Col::new("flags", "标记", "Flags"),
        ]);
        for i in 0..5 {
            l.push(vec![
                Cell::Int(i + 1),
                Cell::text(format!("D{i:03}")),
                Cell::text("阿不都热合曼·买买提"),
                Cell::text("中国国民党革命委员会"),
                Cell::Num("50.0".into()),
                Cell::Num("15.0".into()),
                Cell::Num("100.0".into()),
                Cell::text("不称职"),
                Cell::text("年内新任委员；未参加考核：年内离任，在任不足半年；另有说明×2—完"),
            ]);
        }
        l
    }

    #[test]
    fn ellipsis_times_and_dash_count_two() {
        assert_eq!(cols("…×—"), 6);
        assert_eq!(cols("政协ab"), 6);
    }

    #[test]
    fn fits_every_width_and_keeps_fixed_values_whole() {
        let l = crate::i18n::with_lang(crate::i18n::Lang::Zh, ranking);
        for w in [80, 100, 120, 200] {
            let t = crate::i18n::with_lang(crate::i18n::Lang::Zh, || draw_within(&l, Some(w), false));
            for line in t.lines() {
                assert!(cols(line) <= w, "{w}: {line}\n{t}");
            }
            for v in ["阿不都热合曼·买买提", "100.0", "不称职"] {
                assert_eq!(t.matches(v).count(), 5, "{w}: {v}\n{t}");
            }
            assert!((0..5).all(|i| t.contains(&format!("D{i:03}"))), "{t}");
        }
        let narrow = crate::i18n::with_lang(crate::i18n::Lang::Zh, || draw_within(&l, Some(80), false));
        assert!(narrow.contains("--columns all"), "{narrow}");
        assert!(!narrow.lines().nth(1).unwrap().contains("社情民意"), "{narrow}");
        let wide = crate::i18n::with_lang(crate::i18n::Lang::Zh, || draw_within(&l, Some(200), false));
        assert!(wide.contains("社情民意") && !wide.contains("--columns"), "{wide}");
    }

    #[test]
    fn wrapping_keeps_ascii_words() {
        assert_eq!(cell_lines("abc def", 4, false), vec!["abc", "def"]);
        let l = cell_lines("--db d.db demo x", 8, true);
        assert_eq!(l[0], "--db");
        assert!(
            l[1].starts_with("d.db d") && l[1].ends_with('…') && cols(&l[1]) <= 8,
            "{l:?}"
        );
        assert_eq!(wrap("政协委员会", 4), vec!["政协", "委员", "会"]);
        assert_eq!(shorten("政协委员会", 6), "政协…");
    }
}
