//! The one error type: a message in both languages, an optional hint, and an exit code.

use crate::i18n::Text;

/// Why a command failed; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Bad data or a refused change: exit 1.
    Data,
    /// The command line itself is wrong: exit 2.
    Usage,
    /// Standard output was closed by the program reading it (`lvzhi … | head`): nothing is
    /// said, and the exit code is the one a shell gives a program stopped by a closed pipe.
    Closed,
}

/// An error a user reads.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: Text,
    pub hint: Option<Text>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn data(message: Text) -> Self {
        Error {
            kind: Kind::Data,
            message,
            hint: None,
        }
    }

    pub fn usage(message: Text) -> Self {
        Error {
            kind: Kind::Usage,
            message,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Data => 1,
            Kind::Usage => 2,
            Kind::Closed => 141,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let msg = e.to_string();
        if msg.contains("lvzhi: year finalised") {
            return Error::data(crate::text!(
                "该年度的履职考核已定稿，这一年的记录和考核办法不能再增删改",
                "that year's assessment is finalised: its records and scheme can no longer change"
            ))
            .with_hint(crate::text!(
                "确需更正时，先用 lvzhi assess --year 年度 --supersede --reason 理由 撤销定稿（原结果保留）",
                "to correct it, first run `lvzhi assess --year YEAR --supersede --reason TEXT` (the old result is kept)"
            ));
        }
        if msg.contains("lvzhi: a finalised assessment cannot change") {
            return Error::data(crate::text!(
                "已定稿的考核结果不能修改",
                "a finalised assessment cannot change"
            ));
        }
        if msg.contains("lvzhi: the committee still has records") {
            return Error::data(crate::text!(
                "这个委员会还有记录，不能删除；没有保存",
                "the committee still has records and cannot be removed; nothing was saved"
            ));
        }
        if let Some(e) = constraint(&msg) {
            return e;
        }
        Error::data(crate::text!("数据库错误：{}", "database error: {}", msg))
    }
}

/// Tables by name, in Chinese and English, for constraint messages.
const TABLES: &[(&str, &str, &str)] = &[
    ("committee", "委员会", "committee"),
    ("sector", "界别", "sector"),
    ("org", "组织", "organisation"),
    ("member", "委员", "member"),
    ("membership", "组织成员", "membership"),
    ("activity_kind", "活动类型", "activity kind"),
    ("activity", "活动", "activity"),
    ("attendance", "出席登记", "attendance"),
    ("proposal", "提案", "proposal"),
    ("proposal_author", "提案人", "proposal author"),
    ("opinion", "社情民意信息", "opinion report"),
    ("opinion_author", "社情民意信息作者", "opinion report author"),
    ("opinion_adoption", "采用", "adoption"),
    ("opinion_instruction", "批示", "instruction"),
    ("commendation", "表彰", "commendation"),
    ("adjustment", "人工加减分", "adjustment"),
    ("donation", "捐款捐物", "donation"),
    ("scheme", "考核办法", "scheme"),
    ("assessment", "考核结果", "assessment"),
    ("assessment_member", "委员考核结果", "member's assessment"),
    ("audit_log", "审计日志", "audit log"),
];

/// Columns by name (`table.column` first, then the bare column), in Chinese and English.
const FIELDS: &[(&str, &str, &str)] = &[
    ("committee.name", "委员会名称", "committee name"),
    ("sector.name", "界别名称", "sector name"),
    ("org.name", "组织名称", "organisation name"),
    ("member.name", "姓名", "name"),
    ("member.title", "职务", "title"),
    ("activity_kind.name_zh", "中文名称", "Chinese name"),
    ("activity_kind.name_en", "英文名称", "English name"),
    ("activity.half_days", "活动半天数", "half-days of the activity"),
    ("attendance.half_days", "出席半天数", "half-days attended"),
    ("scheme.name", "办法名称", "scheme name"),
    ("name", "名称", "name"),
    ("name_zh", "中文名称", "Chinese name"),
    ("name_en", "英文名称", "English name"),
    ("code", "编号", "code"),
    ("title", "标题", "title"),
    ("year", "年度", "year"),
    ("term", "届次", "term"),
    ("term_start", "本届开始年份", "first year of the term"),
    ("level", "级别", "level"),
    ("kind", "类型", "kind"),
    ("role", "角色", "role"),
    ("status", "状态", "status"),
    ("gender", "性别", "gender"),
    ("birth_date", "出生年月", "birth date"),
    ("sector_id", "界别", "sector"),
    ("member_id", "委员", "member"),
    ("org_id", "组织", "organisation"),
    ("activity_id", "活动", "activity"),
    ("kind_id", "活动类型", "activity kind"),
    ("opinion_id", "社情民意信息", "opinion report"),
    ("proposal_id", "提案", "proposal"),
    ("id_number", "身份证号", "ID number"),
    ("phone", "电话", "phone"),
    ("joined_on", "任职日期", "date joined"),
    ("left_on", "离任日期", "date left"),
    ("left_reason", "离任原因", "reason for leaving"),
    ("start_on", "开始日期", "start date"),
    ("end_on", "结束日期", "end date"),
    ("half_days", "半天数", "half-days"),
    ("number", "编号", "number"),
    ("submitted_on", "提交日期", "date submitted"),
    ("type", "类型", "type"),
    ("stage", "办理状态", "stage"),
    ("merged_into", "并入的提案", "merged into"),
    ("reply_on", "答复日期", "reply date"),
    ("satisfaction", "满意度", "satisfaction"),
    ("from_proposal", "转自提案", "from proposal"),
    ("adopted_on", "采用日期", "date adopted"),
    ("instructed_on", "批示日期", "date instructed"),
    ("awarded_on", "表彰日期", "date awarded"),
    ("reason", "理由", "reason"),
    ("points", "分值", "points"),
    ("given_on", "捐赠日期", "date given"),
    ("amount_fen", "金额", "amount"),
    ("purpose", "用途", "purpose"),
    ("ord", "顺序", "order"),
    ("standing_only", "仅常委", "standing only"),
    ("all_due", "全体应到", "all due"),
    ("is_key", "重点提案", "key proposal"),
    ("is_excellent", "优秀提案", "excellent proposal"),
    ("forwarded_up", "上报", "forwarded up"),
    ("sha256", "校验值", "checksum"),
    ("assessed", "参加考核", "assessed"),
    ("rank", "名次", "rank"),
    ("result", "结果", "result"),
    ("flags", "标记", "flags"),
    ("before", "修改前", "before"),
    ("after", "修改后", "after"),
    ("action", "操作", "action"),
];

fn table_name(table: &str) -> (String, String) {
    TABLES.iter().find(|t| t.0 == table).map_or_else(
        || (table.to_string(), table.to_string()),
        |t| (t.1.into(), t.2.into()),
    )
}

/// The field a `table.column` (or a bare column) names, when it is one of ours.
fn field_name(table: Option<&str>, column: &str) -> Option<(&'static str, &'static str)> {
    let full = table.map(|t| format!("{t}.{column}"));
    FIELDS
        .iter()
        .find(|f| full.as_deref() == Some(f.0))
        .or_else(|| FIELDS.iter().find(|f| f.0 == column))
        .map(|f| (f.1, f.2))
}

/// The fields named by a list such as "attendance.activity_id, attendance.member_id".
fn listed_fields(list: &str) -> (Option<String>, Vec<(&'static str, &'static str)>) {
    let mut table = None;
    let mut fields = Vec::new();
    for item in list.split(',').map(str::trim) {
        let (t, c) = match item.split_once('.') {
            Some((t, c)) => (Some(t), c),
            None => (None, item),
        };
        if table.is_none() {
            table = t.map(str::to_string);
        }
        if let Some(f) = field_name(t, c)
            && !fields.contains(&f)
        {
            fields.push(f);
        }
    }
    (table, fields)
}

/// The known columns a CHECK expression mentions, in order.
fn check_fields(expr: &str) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for word in expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if let Some(f) = FIELDS.iter().find(|f| f.0 == word).map(|f| (f.1, f.2))
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

/// Why a CHECK expression failed, in words.
fn check_reason(expr: &str) -> (String, String) {
    let lower = expr.to_ascii_lowercase();
    if let Some(i) = lower.find(" between ") {
        let rest = &expr[i + 9..];
        if let Some((lo, hi)) = rest.split_once(" AND ").or_else(|| rest.split_once(" and ")) {
            let hi = hi.trim_end_matches(')').trim();
            return (
                format!("应在 {} 至 {} 之间", lo.trim(), hi),
                format!("must be from {} to {}", lo.trim(), hi),
            );
        }
    }
    if lower.contains("length(") && lower.contains("> 0") {
        return ("不能为空".into(), "must not be empty".into());
    }
    if lower.contains(" in (") {
        return ("不是允许的取值".into(), "is not one of the allowed values".into());
    }
    if lower.contains(">= 0") {
        return ("不能为负数".into(), "must not be negative".into());
    }
    if lower.contains("> 0") {
        return ("应大于 0".into(), "must be greater than 0".into());
    }
    if lower.contains("date(") {
        return ("不是有效的日期".into(), "is not a valid date".into());
    }
    if lower.contains(">=") {
        return ("早于起始值".into(), "is before where it starts".into());
    }
    (
        "不符合规定的格式或范围".into(),
        "is not in the allowed form or range".into(),
    )
}

fn join_fields(fields: &[(&str, &str)]) -> (String, String) {
    (
        fields.iter().map(|f| format!("「{}」", f.0)).collect::<String>(),
        fields.iter().map(|f| f.1).collect::<Vec<_>>().join(", "),
    )
}

/// A constraint failure in words: which field and why. The raw SQLite text is kept out of the
/// Chinese message; the English one ends with it, for whoever reports the problem.
fn constraint(msg: &str) -> Option<Error> {
    use crate::i18n::Text;
    if let Some(expr) = msg.strip_prefix("CHECK constraint failed: ") {
        let fields = check_fields(expr);
        let (zh_why, en_why) = check_reason(expr);
        let (zh, en) = if fields.is_empty() {
            ("取值".to_string(), "a value".to_string())
        } else {
            join_fields(&fields)
        };
        return Some(Error::data(Text::new(
            format!("{zh}{zh_why}，没有保存"),
            format!("{en} {en_why}; nothing was saved ({msg})"),
        )));
    }
    if let Some(list) = msg.strip_prefix("NOT NULL constraint failed: ") {
        let (table, fields) = listed_fields(list);
        let (zh, en) = if fields.is_empty() {
            ("一项必填内容".to_string(), "a required value".to_string())
        } else {
            join_fields(&fields)
        };
        let (tzh, ten) = table_name(table.as_deref().unwrap_or(""));
        return Some(Error::data(Text::new(
            format!("{tzh}的{zh}不能为空，没有保存"),
            format!("the {ten}'s {en} must be given; nothing was saved ({msg})"),
        )));
    }
    if let Some(list) = msg.strip_prefix("UNIQUE constraint failed: ") {
        let (table, fields) = listed_fields(list);
        let (tzh, ten) = table_name(table.as_deref().unwrap_or(""));
        let (zh, en) = if fields.is_empty() {
            ("这条记录".to_string(), "this record".to_string())
        } else {
            join_fields(&fields)
        };
        return Some(
            Error::data(Text::new(
                format!("{tzh}的{zh}与已有记录重复，没有保存"),
                format!("the {ten}'s {en} is already recorded; nothing was saved ({msg})"),
            ))
            .with_hint(crate::text!(
                "先用对应的 list 命令查看已有记录",
                "look at the records already there with the matching list command"
            )),
        );
    }
    if msg.starts_with("FOREIGN KEY constraint failed") {
        return Some(Error::data(Text::new(
            "引用的记录不存在，或仍有其他记录引用这条记录，没有保存",
            format!(
                "a record referred to does not exist, or other records still refer to this one; nothing was saved ({msg})"
            ),
        )));
    }
    if msg.ends_with("is append-only") {
        let (zh, en) = if msg.contains("audit_log") {
            ("审计日志", "the audit log")
        } else {
            ("已设定的考核办法", "a scheme once set")
        };
        return Some(Error::data(Text::new(
            format!("{zh}只能追加，不能修改或删除"),
            format!("{en} can only be added to, never changed or deleted"),
        )));
    }
    if msg.contains("constraint failed") {
        return Some(Error::data(Text::new(
            "数据不符合数据库的约束，没有保存",
            format!("the data breaks a rule of the database; nothing was saved ({msg})"),
        )));
    }
    None
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return closed();
        }
        let why = io_reason(&e);
        Error::data(crate::text!("读写文件出错：{}", "file error: {}", why))
    }
}

/// Why a file operation failed, in words ("Is a directory (os error 21)" is not Chinese).
pub fn io_reason(e: &std::io::Error) -> crate::i18n::Text {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有访问权限",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::AlreadyExists => "已经存在",
        K::InvalidData => "内容不是有效的 UTF-8 文字",
        K::UnexpectedEof => "文件不完整",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "所在磁盘只读",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效",
        _ => "",
    };
    let en = e.to_string();
    if zh.is_empty() {
        crate::i18n::Text::new(format!("系统报告：{en}"), en)
    } else {
        crate::i18n::Text::new(zh, en)
    }
}

/// A failed read or write of the file at `path`, naming it.
pub fn io_at(path: &std::path::Path, e: std::io::Error) -> Error {
    let why = io_reason(&e);
    Error::data(crate::text!(
        "无法读写「{}」：{}",
        "cannot read or write '{}': {}",
        path.display(),
        why
    ))
}

/// The reader of standard output went away.
fn closed() -> Error {
    Error {
        kind: Kind::Closed,
        message: crate::text!("输出已被关闭", "the output was closed"),
        hint: None,
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        if let csv::ErrorKind::Io(io) = e.kind()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return closed();
        }
        Error::data(crate::text!("写出 CSV 出错：{}", "CSV error: {}", e))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        if e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) {
            return closed();
        }
        Error::data(crate::text!("JSON 出错：{}", "JSON error: {}", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(msg: &str) -> Error {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_CHECK),
            Some(msg.into()),
        )
        .into()
    }

    #[test]
    fn a_committee_still_holding_records_is_told_in_words() {
        let e = failure("lvzhi: the committee still has records");
        assert_eq!(e.message.zh, "这个委员会还有记录，不能删除；没有保存");
        assert_eq!(e.exit_code(), 1);
        no_raw_text(&e);
    }

    fn no_raw_text(e: &Error) {
        for raw in [
            "constraint failed",
            "CHECK",
            "UNIQUE",
            "NOT NULL",
            "FOREIGN KEY",
            "数据库错误",
        ] {
            assert!(!e.message.zh.contains(raw), "{:?}", e.message.zh);
        }
    }

    #[test]
    fn check_names_the_field_and_the_range() {
        let e = failure("CHECK constraint failed: year BETWEEN 1949 AND 2200");
        assert_eq!(e.message.zh, "「年度」应在 1949 至 2200 之间，没有保存");
        assert!(e.message.en.starts_with("year must be from 1949 to 2200"));
        no_raw_text(&e);
        let e = failure("CHECK constraint failed: length(title) > 0");
        assert_eq!(e.message.zh, "「标题」不能为空，没有保存");
        let e = failure("CHECK constraint failed: half_days IS NULL OR half_days >= 0");
        assert_eq!(e.message.zh, "「半天数」不能为负数，没有保存");
        let e = failure("CHECK constraint failed: (left_on IS NULL) = (left_reason IS NULL)");
        assert!(
            e.message.zh.starts_with("「离任日期」「离任原因」"),
            "{}",
            e.message.zh
        );
        let e = failure("CHECK constraint failed: something_else");
        assert!(e.message.zh.starts_with("取值"), "{}", e.message.zh);
        no_raw_text(&e);
    }

    #[test]
    fn not_null_unique_and_foreign_keys() {
        let e = failure("NOT NULL constraint failed: member.name");
        assert_eq!(e.message.zh, "委员的「姓名」不能为空，没有保存");
        no_raw_text(&e);
        let e = failure("UNIQUE constraint failed: attendance.activity_id, attendance.member_id");
        assert_eq!(e.message.zh, "出席登记的「活动」「委员」与已有记录重复，没有保存");
        assert!(e.hint.is_some());
        let e = failure("UNIQUE constraint failed: member.id_number");
        assert!(e.message.zh.contains("身份证号"), "{}", e.message.zh);
        let e = failure("UNIQUE constraint failed: index 'x'");
        no_raw_text(&e);
        let e = failure("FOREIGN KEY constraint failed");
        assert!(e.message.zh.starts_with("引用的记录不存在"), "{}", e.message.zh);
        no_raw_text(&e);
        let e = failure("audit_log is append-only");
        assert_eq!(e.message.zh, "审计日志只能追加，不能修改或删除");
        assert_eq!(e.exit_code(), 1);
    }
}
