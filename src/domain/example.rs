//! The example row of an import template: marked so that it is never imported as data. Its
//! 序号 cell says 示例, and a member code in it is one no real member may have.

use crate::error::{Error, Result};
use crate::text;

/// Headers of the sequence column (序号) that carries the mark.
pub const SEQ_HEADERS: &[&str] = &["序号", "seq"];

/// The 序号 cell of an example row, in Chinese and in English templates.
pub const MARKS: &[&str] = &["示例", "example"];

/// The member code example rows carry.
pub const CODE: &str = "示例-0001";

/// Whether a 序号 cell marks its row as the template's example.
pub fn is_mark(cell: &str) -> bool {
    let c = cell.trim();
    MARKS.iter().any(|m| c.eq_ignore_ascii_case(m))
}

/// Whether a member code is an example code (holds 示例, or starts with "example").
pub fn is_code(code: &str) -> bool {
    let c = code.trim();
    c.contains("示例") || c.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("example"))
}

/// Refuses an example code as a real member's code.
pub fn check_member_code(code: &str) -> Result<()> {
    if is_code(code) {
        return Err(Error::usage(text!(
            "委员编号「{}」是模板示例用的编号，不能给真实委员",
            "member code '{}' is the templates' example code and cannot be given to a member",
            code
        ))
        .with_hint(text!(
            "删去模板的示例行（序号为「示例」），或换一个编号",
            "delete the template's example row (序号 '示例'), or choose another code"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_codes() {
        assert!(is_mark(" 示例 "));
        assert!(is_mark("Example"));
        assert!(!is_mark("1"));
        assert!(is_code(CODE));
        assert!(is_code("EXAMPLE-0001"));
        assert!(!is_code("M0001"));
        assert!(!is_code("ex"));
        assert!(check_member_code(CODE).is_err());
        assert!(check_member_code("M0001").is_ok());
    }
}
