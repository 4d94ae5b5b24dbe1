//! Reading a typed sign-in sheet (签到表): what a 备注 or a signature cell says about a member's
//! attendance. The statuses and their labels are [`Status`]; this module holds the words.

use super::codes::Status;

/// Words in a 备注 that mean the member was excused (请假), the 备注 text being the reason.
pub const LEAVE_WORDS: &[&str] = &["请假", "因公", "病假", "事假", "出差", "公务"];

/// Signature cells that mark a member as not there, rather than a signature.
pub const ABSENT_MARKS: &[&str] = &["缺", "缺席", "未到", "未签到", "×", "✗", "✘", "╳"];

/// Characters that negate the word after them (`未请假` is not leave).
const NEGATIONS: &[char] = &['未', '没', '无', '不'];

/// Whether `text` holds `word` not negated by the character before it.
fn says(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !NEGATIONS.contains(&c))
    })
}

/// What a 备注 says: a leave word means excused, 迟到 late, 早退 left early; `None` otherwise.
pub fn from_note(note: &str) -> Option<Status> {
    if LEAVE_WORDS.iter().any(|w| says(note, w)) {
        return Some(Status::Excused);
    }
    [Status::Late, Status::LeftEarly]
        .into_iter()
        .find(|s| says(note, s.zh()))
}

/// What a signature cell says: a signature is present, a blank or an absent mark absent.
pub fn from_signature(cell: Option<&str>) -> Status {
    match cell.map(str::trim) {
        Some(s) if !s.is_empty() && !ABSENT_MARKS.contains(&s) => Status::Present,
        _ => Status::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes() {
        assert_eq!(from_note("请假"), Some(Status::Excused));
        assert_eq!(from_note("因公外出"), Some(Status::Excused));
        assert_eq!(from_note("赴省城出差"), Some(Status::Excused));
        assert_eq!(from_note("病假"), Some(Status::Excused));
        assert_eq!(from_note("迟到10分钟"), Some(Status::Late));
        assert_eq!(from_note("早退"), Some(Status::LeftEarly));
        assert_eq!(from_note("未请假"), None);
        assert_eq!(from_note("代签"), None);
        assert_eq!(from_note(""), None);
    }

    #[test]
    fn signatures() {
        assert_eq!(from_signature(Some("王芳")), Status::Present);
        assert_eq!(from_signature(Some("√")), Status::Present);
        assert_eq!(from_signature(Some(" 缺 ")), Status::Absent);
        assert_eq!(from_signature(Some("×")), Status::Absent);
        assert_eq!(from_signature(Some("✗")), Status::Absent);
        assert_eq!(from_signature(Some("未到")), Status::Absent);
        assert_eq!(from_signature(Some("")), Status::Absent);
        assert_eq!(from_signature(None), Status::Absent);
    }
}
