//! Enumerations stored as English codes and shown in the user's language.

use crate::error::{Error, Result};
use crate::i18n::{Text, pick};

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident, $field_zh:literal, $field_en:literal,
     { $($var:ident = $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];
            /// Field name, for messages.
            pub const FIELD: (&'static str, &'static str) = ($field_zh, $field_en);

            /// The code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),* }
            }

            /// The name in the language in force.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => pick($zh, $en)),* }
            }

            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh),* }
            }

            /// The English name.
            pub fn en(self) -> &'static str {
                match self { $($name::$var => $en),* }
            }

            /// Reads a code, a Chinese name or an English name.
            pub fn parse(value: &str) -> Result<Self> {
                let v = value.trim();
                for (item, code, zh, en) in [$(($name::$var, $code, $zh, $en)),*] {
                    if v == code || v == zh || v.eq_ignore_ascii_case(en)
                        || v.replace('-', "_").eq_ignore_ascii_case(code) {
                        return Ok(item);
                    }
                }
                Err(unknown_value(Self::FIELD, value, Self::ALL.iter().map(|i| (i.code(), i.zh()))))
            }

            /// Reads a value stored in the database.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$var),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

fn unknown_value<'a>(
    field: (&str, &str),
    value: &str,
    allowed: impl Iterator<Item = (&'a str, &'a str)>,
) -> Error {
    let allowed: Vec<(&str, &str)> = allowed.collect();
    let zh_list = allowed
        .iter()
        .map(|(c, z)| format!("{z}({c})"))
        .collect::<Vec<_>>()
        .join("、");
    let en_list = allowed
        .iter()
        .map(|(c, _)| c.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Error::usage(Text::new(
        format!("「{}」的值「{}」无效", field.0, value),
        format!("invalid {} '{}'", field.1, value),
    ))
    .with_hint(Text::new(
        format!("可用的值：{zh_list}"),
        format!("allowed values: {en_list}"),
    ))
}

code_enum!(
    /// Level of a committee, an adoption, an instruction or a commendation.
    Level, "级别", "level", {
    County = "county", "县级", "county";
    City = "city", "市级", "city";
    Province = "province", "省级", "province";
    National = "national", "全国", "national";
});

code_enum!(
    /// Gender.
    Gender, "性别", "gender", {
    Male = "male", "男", "male";
    Female = "female", "女", "female";
});

code_enum!(
    /// Why a member left the committee.
    LeftReason, "离任原因", "reason", {
    Resigned = "resigned", "辞去委员", "resigned";
    Disqualified = "disqualified", "撤销委员资格", "disqualified";
    Deceased = "deceased", "去世", "deceased";
    Moved = "moved", "调离", "moved";
    TermEnded = "term_ended", "届满", "term ended";
});

code_enum!(
    /// Kind of organisation inside the committee.
    OrgKind, "组织类型", "organisation kind", {
    Standing = "standing", "常务委员会", "standing committee";
    Special = "special", "专门委员会", "special committee";
    Liaison = "liaison", "联络组", "liaison group";
    Group = "group", "委员小组", "member group";
});

code_enum!(
    /// Role of a member inside an organisation.
    OrgRole, "职务", "role", {
    Director = "director", "主任", "director";
    Deputy = "deputy", "副主任", "deputy";
    Secretary = "secretary", "秘书", "secretary";
    Member = "member", "成员", "member";
});

code_enum!(
    /// Attendance status.
    Status, "出席情况", "status", {
    Present = "present", "出席", "present";
    Excused = "excused", "请假", "excused";
    Absent = "absent", "缺席", "absent";
    Late = "late", "迟到", "late";
    LeftEarly = "left_early", "早退", "left early";
});

code_enum!(
    /// Role of an attendee.
    AttendRole, "角色", "role", {
    Participant = "participant", "参加", "participant";
    Speaker = "speaker", "发言", "speaker";
    Lead = "lead", "牵头", "lead";
});

code_enum!(
    /// Type of a proposal.
    ProposalType, "提案类型", "proposal type", {
    Individual = "individual", "个人", "individual";
    Joint = "joint", "联名", "joint";
    Collective = "collective", "集体", "collective";
});

code_enum!(
    /// Stage a proposal has reached.
    Stage, "办理阶段", "stage", {
    Submitted = "submitted", "已提交", "submitted";
    Filed = "filed", "立案", "filed";
    NotFiled = "not_filed", "不予立案", "not filed";
    Merged = "merged", "并案", "merged";
    Withdrawn = "withdrawn", "撤回", "withdrawn";
    Converted = "converted", "转社情民意", "converted to opinion report";
});

code_enum!(
    /// Role of an author of a proposal.
    AuthorRole, "提案人角色", "author role", {
    Lead = "lead", "第一提案人", "lead";
    Cosigner = "cosigner", "附议人", "co-signer";
    MainMember = "main_member", "主要成员", "main member";
});

code_enum!(
    /// Role of an author of an opinion report.
    OpinionRole, "作者角色", "author role", {
    Lead = "lead", "第一作者", "lead";
    CoAuthor = "co_author", "合作者", "co-author";
});

code_enum!(
    /// The proposer's satisfaction with the reply.
    Satisfaction, "满意度", "satisfaction", {
    Satisfied = "satisfied", "满意", "satisfied";
    Basically = "basically_satisfied", "基本满意", "basically satisfied";
    Unsatisfied = "unsatisfied", "不满意", "unsatisfied";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_code_chinese_and_english() {
        assert_eq!(Status::parse("left_early").unwrap(), Status::LeftEarly);
        assert_eq!(Status::parse("left-early").unwrap(), Status::LeftEarly);
        assert_eq!(Status::parse("早退").unwrap(), Status::LeftEarly);
        assert_eq!(Stage::parse("立案").unwrap(), Stage::Filed);
        assert_eq!(Level::parse("Province").unwrap(), Level::Province);
        let e = Stage::parse("done").unwrap_err();
        assert!(e.message.zh.contains("done"));
        assert!(e.hint.unwrap().zh.contains("立案(filed)"));
    }
}

code_enum!(
    /// What a donation was: money, or goods at the value the office puts on them.
    DonationKind, "捐赠类型", "donation kind", {
    Money = "money", "捐款", "money";
    Goods = "goods", "捐物", "goods";
});

/// A member's role on a record, labelled as the record's kind names it (`source`: proposal,
/// opinion, contribution, attendance): the lead of a proposal is its 第一提案人, of a report its 第一作者, at an
/// activity its 牵头 member. The code itself when the role is unknown.
pub fn role_label<'a>(source: &str, role: &'a str) -> (&'a str, &'a str) {
    let found = match source {
        "proposal" => AuthorRole::from_code(role).map(|r| (r.zh(), r.en())),
        "opinion" | "contribution" => OpinionRole::from_code(role).map(|r| (r.zh(), r.en())),
        "attendance" => AttendRole::from_code(role).map(|r| (r.zh(), r.en())),
        _ => None,
    };
    found.unwrap_or((role, role))
}

#[cfg(test)]
mod role_tests {
    use super::role_label;

    #[test]
    fn a_role_is_named_as_its_record_names_it() {
        assert_eq!(role_label("proposal", "lead"), ("第一提案人", "lead"));
        assert_eq!(role_label("opinion", "lead"), ("第一作者", "lead"));
        assert_eq!(role_label("attendance", "lead"), ("牵头", "lead"));
        assert_eq!(role_label("proposal", "cosigner"), ("附议人", "co-signer"));
        assert_eq!(role_label("opinion", "co_author"), ("合作者", "co-author"));
        assert_eq!(role_label("proposal", "nobody"), ("nobody", "nobody"));
    }
}
