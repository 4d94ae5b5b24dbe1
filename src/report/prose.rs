//! The year's figures in sentences, as a work report states them, read from the same summary
//! document its tables show (so the sentences and the tables cannot disagree).

use crate::i18n::Text;
use crate::output::{Body, Cell, Doc, Listing};
use crate::text;

fn section<'a>(doc: &'a Doc, key: &str) -> Option<&'a Listing> {
    doc.sections.iter().find(|s| s.key == key).map(|s| match &s.body {
        Body::Rows(l) | Body::Record(l) => l,
    })
}

/// A cell of the row whose first cell is the figure `key`, in the column `col`.
fn figure(l: &Listing, key: &str, col: &str) -> String {
    let Some(c) = l.cols.iter().position(|c| c.key == col) else {
        return String::new();
    };
    l.rows
        .iter()
        .find(|r| matches!(r.first(), Some(Cell::Code(k, _)) if *k == key))
        .map(|r| r[c].display())
        .unwrap_or_default()
}

fn col(l: &Listing, row: &[Cell], col: &str) -> String {
    l.cols
        .iter()
        .position(|c| c.key == col)
        .map(|i| row[i].display())
        .unwrap_or_default()
}

fn int(s: &str) -> i64 {
    s.parse().unwrap_or(0)
}

fn proposals(year: i32, l: &Listing) -> Text {
    let n = |k: &str| figure(l, k, "count");
    let share = |k: &str| figure(l, k, "share");
    if int(&n("collected")) == 0 {
        return text!("{} 年未收到提案。", "No proposals were received in {}.", year);
    }
    text!(
        "{} 年共收到提案 {} 件，经审查立案 {} 件（占 {}%），并案 {} 件，不予立案 {} 件，\
         转为社情民意信息 {} 件；其中个人提案 {} 件、联名提案 {} 件、集体提案 {} 件。\
         确定重点提案 {} 件，评出优秀提案 {} 件。立案提案已答复 {} 件（{}%），\
         对办理结果满意 {} 件、基本满意 {} 件、不满意 {} 件。",
        "In {} the committee received {} proposals and filed {} of them ({}%); {} were merged, {} \
         not filed and {} converted to opinion reports. {} were individual, {} joint and {} \
         collective. {} were chosen as key proposals and {} rated excellent. {} of the filed \
         proposals have been replied to ({}%); the authors were satisfied with {}, basically \
         satisfied with {} and unsatisfied with {}.",
        year,
        n("collected"),
        n("filed"),
        share("filed"),
        n("merged"),
        n("not_filed"),
        n("converted"),
        n("individual"),
        n("joint"),
        n("collective"),
        n("key"),
        n("excellent"),
        n("replied"),
        share("replied"),
        n("satisfied"),
        n("basically_satisfied"),
        n("unsatisfied")
    )
}

fn opinions(l: &Listing) -> Text {
    let n = |k: &str| figure(l, k, "count");
    if int(&n("sent")) == 0 {
        return text!("未报送社情民意信息。", "No opinion reports were sent.");
    }
    text!(
        "报送社情民意信息 {} 篇，被采用 {} 篇（{}%），其中全国政协采用 {} 篇、省级采用 {} 篇、\
         市级采用 {} 篇、县级采用 {} 篇；获领导批示 {} 篇。",
        "{} opinion reports were sent and {} adopted ({}%): {} nationally, {} by the province, {} \
         by the city and {} by the county; {} received a leader's instruction.",
        n("sent"),
        n("adopted"),
        figure(l, "adopted", "share"),
        n("adopted_national"),
        n("adopted_province"),
        n("adopted_city"),
        n("adopted_county"),
        n("instructed")
    )
}

fn activities(l: &Listing) -> Text {
    let held: i64 = l.rows.iter().map(|r| int(&col(l, r, "held"))).sum();
    if held == 0 {
        return text!("未登记会议和活动。", "No meetings or activities were recorded.");
    }
    let due: i64 = l.rows.iter().map(|r| int(&col(l, r, "due"))).sum();
    let attended: i64 = l.rows.iter().map(|r| int(&col(l, r, "attended"))).sum();
    let kinds: Vec<(String, String)> = l
        .rows
        .iter()
        .map(|r| (col(l, r, "kind"), col(l, r, "held")))
        .collect();
    let zh: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n} 次")).collect();
    let en: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let rate = super::percent(attended, due).display();
    if due == 0 {
        return Text::new(
            format!("全年召开会议、开展活动 {held} 次（{}）。", zh.join("、")),
            format!("{held} meetings and activities were held ({}).", en.join(", ")),
        );
    }
    Text::new(
        format!(
            "全年召开会议、开展活动 {held} 次（{}）；委员应出席 {due} 人次，出席 {attended} 人次，出席率 {rate}%。",
            zh.join("、")
        ),
        format!(
            "{held} meetings and activities were held ({}); members were due {due} times and \
             attended {attended} times, an attendance rate of {rate}%.",
            en.join(", ")
        ),
    )
}

fn members(roll: &Listing, sectors: Option<&Listing>) -> Text {
    let n = |k: &str| figure(roll, k, "count");
    let took_part = sectors
        .and_then(|l| {
            l.rows
                .last()
                .map(|r| (col(l, r, "participants"), col(l, r, "rate")))
        })
        .unwrap_or_default();
    text!(
        "年内在任委员 {} 人，分属 {} 个界别；年末在任 {} 人，其中常委 {} 人；年内新任 {} 人，离任 {} 人。\
         参加履职的委员 {} 人，参与率 {}%。",
        "{} members served in the year, in {} sectors; {} were serving on 31 December, {} of them \
         standing members; {} joined and {} left. {} members took part in the committee's work, \
         a participation rate of {}%.",
        n("served"),
        n("sectors"),
        n("at_end"),
        n("standing_at_end"),
        n("joined"),
        n("left"),
        took_part.0,
        took_part.1
    )
}

fn donations(l: &Listing) -> Option<Text> {
    let n = |k: &str, c: &str| figure(l, k, c);
    if int(&n("total", "count")) == 0 {
        return None;
    }
    Some(text!(
        "委员捐款捐物 {} 人次（{} 人），合计 {} 元，其中捐款 {} 元、捐物折价 {} 元。",
        "Members gave {} donations ({} members), {} yuan in all: {} yuan in money and goods \
         valued at {} yuan.",
        n("total", "count"),
        n("total", "donors"),
        n("total", "amount"),
        n("money", "amount"),
        n("goods", "amount")
    ))
}

fn contributions(l: &Listing) -> Option<Text> {
    let total = figure(l, "total", "count");
    if int(&total) == 0 {
        return None;
    }
    let kinds: Vec<String> = l
        .rows
        .iter()
        .filter(|r| !matches!(r.first(), Some(Cell::Code("total", _))))
        .filter_map(|r| Some(format!("{} {}", r.first()?.display(), r.get(1)?.display())))
        .collect();
    Some(text!(
        "委员形成调研报告、文史资料、宣传报道等其他履职成果 {} 件（{} 人），其中{}。",
        "Members produced {} other duty outputs (research reports, historical materials, media \
         articles and the like; {} members): {}.",
        total,
        figure(l, "total", "authors"),
        kinds.join(crate::i18n::pick("、", ", "))
    ))
}

/// The summary's figures as paragraphs of a work report, in the language in force.
pub fn summary(year: i32, doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(l) = section(doc, "proposals") {
        out.push(proposals(year, l));
    }
    if let Some(l) = section(doc, "opinions") {
        out.push(opinions(l));
    }
    if let Some(l) = section(doc, "activities") {
        out.push(activities(l));
    }
    if let Some(l) = section(doc, "members") {
        out.push(members(l, section(doc, "sectors")));
    }
    if let Some(t) = section(doc, "donations").and_then(donations) {
        out.push(t);
    }
    if let Some(t) = section(doc, "contributions").and_then(contributions) {
        out.push(t);
    }
    out.into_iter()
        .map(|t| match crate::i18n::lang() {
            crate::i18n::Lang::Zh => tight(t.get()),
            crate::i18n::Lang::En => t.get().to_string(),
        })
        .collect()
}

/// Chinese prose sets numbers without spaces beside the characters: "收到提案165件".
fn tight(s: &str) -> String {
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && (wide(i.checked_sub(1).and_then(|j| chars.get(j))) || wide(chars.get(i + 1))) {
            continue;
        }
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_prose_has_no_spaces_beside_characters() {
        assert_eq!(
            tight("共收到提案 165 件，占 15.2%。"),
            "共收到提案165件，占15.2%。"
        );
        assert_eq!(tight("a b"), "a b");
    }
}
