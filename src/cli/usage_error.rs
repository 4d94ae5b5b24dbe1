//! Command-line mistakes (an unknown command or option, a missing or invalid value) told in
//! Chinese. clap words them in English; this formatter rewords each kind it knows from the
//! error's context, and keeps clap's short description for the rare others.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

/// Renders clap's errors in Chinese.
pub struct Chinese;

fn string(e: &Error<Chinese>, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(e: &Error<Chinese>, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Why a value did not parse, for the parsers this program's arguments use (numbers).
fn why(source: &str) -> String {
    match source {
        "invalid digit found in string" => "应为整数".into(),
        "cannot parse integer from empty string" => "不能为空".into(),
        "number too large to fit in target type" | "number too small to fit in target type" => {
            "超出范围".into()
        }
        "invalid float literal" => "应为数字".into(),
        other => other.into(),
    }
}

/// The first line of the message, or `None` for a kind this formatter does not word.
fn message(e: &Error<Chinese>) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue).map(|v| {
        if v.chars().count() > 30 {
            crate::domain::limits::preview(&v)
        } else {
            v
        }
    });
    Some(match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数「{}」", arg?),
        ErrorKind::InvalidSubcommand => {
            format!("没有「{}」这个命令", string(e, ContextKind::InvalidSubcommand)?)
        }
        ErrorKind::InvalidValue if value.as_deref() == Some("") => {
            format!("{} 后面缺少值", arg?)
        }
        ErrorKind::InvalidValue => format!("{} 的值「{}」无效", arg?, value?),
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e).map(|s| why(&s.to_string()));
            match source {
                Some(s) => format!("{} 的值「{}」无效：{}", arg?, value?, s),
                None => format!("{} 的值「{}」无效", arg?, value?),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let list = strings(e, ContextKind::InvalidArg);
            format!("缺少必需的参数：\n  {}", list.join("\n  "))
        }
        ErrorKind::MissingSubcommand => format!(
            "「{}」后面还要写一个命令",
            string(e, ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            let prior = strings(e, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg.clone()] {
                format!("参数「{arg}」只能写一次")
            } else {
                format!("参数「{arg}」不能与「{}」同时使用", prior.join("」「"))
            }
        }
        ErrorKind::TooManyValues => format!("{} 多了一个值「{}」", arg?, value?),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{} 的值的个数不对", arg?)
        }
        ErrorKind::NoEquals => format!("{} 的值要用等号连着写，如 {}=值", arg.clone()?, arg?),
        ErrorKind::InvalidUtf8 => "参数中有不是 UTF-8 的文字".into(),
        _ => return None,
    })
}

impl ErrorFormatter for Chinese {
    fn format_error(e: &Error<Self>) -> StyledStr {
        // A kind not worded here keeps clap's short English description.
        let first = message(e).unwrap_or_else(|| e.kind().as_str().unwrap_or_default().to_string());
        let mut out = format!("错误：命令行有误：{first}\n");
        let valid = strings(e, ContextKind::ValidValue);
        if !valid.is_empty() {
            out.push_str(&format!("  可选值：{}\n", valid.join("、")));
        }
        let subcommands = strings(e, ContextKind::ValidSubcommand);
        if !subcommands.is_empty() {
            out.push_str(&format!("  可用的命令：{}\n", subcommands.join("、")));
        }
        for kind in [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ] {
            for s in strings(e, kind) {
                out.push_str(&format!("\n  提示：是不是要写「{s}」？\n"));
            }
        }
        if let Some(usage) = string(e, ContextKind::Usage) {
            let usage = usage.trim();
            let usage = usage.strip_prefix("Usage:").map_or(usage, str::trim_start);
            out.push_str(&format!("\n用法：{usage}\n"));
        }
        out.push_str("\n加 --help 查看这个命令的说明。\n");
        StyledStr::from(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn cmd() -> Command {
        Command::new("lvzhi")
            .arg(
                Arg::new("year")
                    .long("year")
                    .value_parser(clap::value_parser!(i32)),
            )
            .arg(Arg::new("format").long("format").value_parser(["table", "csv"]))
            .subcommand(Command::new("add"))
    }

    fn render(args: &[&str]) -> String {
        let e = cmd().try_get_matches_from(args).unwrap_err();
        e.apply::<Chinese>().render().to_string()
    }

    #[test]
    fn each_kind_in_chinese() {
        let s = render(&["lvzhi", "--yeer", "2022"]);
        assert!(
            s.contains("不认识的参数「--yeer」") && s.contains("是不是要写「--year」"),
            "{s}"
        );
        let s = render(&["lvzhi", "--year", "abc"]);
        assert!(s.contains("--year <year> 的值「abc」无效：应为整数"), "{s}");
        let s = render(&["lvzhi", "--format", "xml"]);
        assert!(
            s.contains("的值「xml」无效") && s.contains("可选值：table、csv"),
            "{s}"
        );
        let s = render(&["lvzhi", "ad"]);
        assert!(
            s.contains("没有「ad」这个命令") && s.contains("是不是要写「add」"),
            "{s}"
        );
        assert!(!s.contains("error:") && !s.contains("Usage:"), "{s}");
    }
}
