//! The one error type: a message in both languages, an optional hint, and an exit code.

use crate::i18n::Text;

/// Why a command failed; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Bad data or a refused change: exit 1.
    Data,
    /// The command line itself is wrong: exit 2.
    Usage,
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
        Error::data(crate::text!("数据库错误：{}", "database error: {}", msg))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::data(crate::text!("读写文件出错：{}", "file error: {}", e))
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        Error::data(crate::text!("写出 CSV 出错：{}", "CSV error: {}", e))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::data(crate::text!("JSON 出错：{}", "JSON error: {}", e))
    }
}
