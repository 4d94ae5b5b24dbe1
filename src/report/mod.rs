//! Reports computed as data (listings and documents), rendered by [`crate::output`].

pub mod assessment;
pub mod attendance;
pub mod committees;
pub mod member;
pub mod prose;
pub mod sector;
pub mod sheets;
pub mod summary;

use crate::i18n::pick;
use crate::names::{pinyin_key, stroke_key};
use crate::output::{Cell, Listing};
use crate::scoring::Num;

/// Order of names in a list of members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Order {
    #[value(help = pick("按名次（有考核结果时）", "By rank (when there is an assessment)"))]
    Rank,
    #[value(help = pick("按姓氏笔画", "By surname strokes, the official order"))]
    Stroke,
    #[value(help = pick("按姓名拼音", "By pinyin"))]
    Pinyin,
    #[value(help = pick("按委员编号", "By member code"))]
    Code,
}

/// Sorts items by name or code; `Rank` keeps the order they came in (stable).
pub fn sort_by_name<T>(items: &mut [T], order: Order, code: impl Fn(&T) -> &str, name: impl Fn(&T) -> &str) {
    match order {
        Order::Rank => {}
        Order::Code => items.sort_by(|a, b| code(a).cmp(code(b))),
        Order::Stroke => items.sort_by_cached_key(|x| (stroke_key(name(x)), code(x).to_string())),
        Order::Pinyin => items.sort_by_cached_key(|x| (pinyin_key(name(x)), code(x).to_string())),
    }
}

/// Sorts a listing's rows by its `code` and `name` columns; `Rank` leaves them as they are.
pub fn sort_rows(l: &mut Listing, order: Order) {
    let col = |k: &str| l.cols.iter().position(|c| c.key == k);
    let (Some(ci), ni) = (col("code"), col("name")) else {
        return;
    };
    let ni = ni.unwrap_or(ci);
    let text = |c: &Cell| c.display();
    let mut rows = std::mem::take(&mut l.rows);
    let mut idx: Vec<(String, String, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (text(&r[ci]), text(&r[ni]), i))
        .collect();
    sort_by_name(&mut idx, order, |x| &x.0, |x| &x.1);
    let mut taken: Vec<Option<Vec<Cell>>> = rows.drain(..).map(Some).collect();
    l.rows = idx
        .into_iter()
        .map(|(_, _, i)| taken[i].take().expect("each row once"))
        .collect();
}

/// `part / whole` as a percentage with one decimal ("90.0"); empty when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> Cell {
    if whole == 0 {
        return Cell::Null;
    }
    Cell::Num(Num::frac(part * 100, whole).display(1))
}
