//! Personal numbers (phone and ID numbers): how they are shown when not revealed.

/// Masks the middle of a phone or ID number: 138****5678; a short value is masked whole.
pub fn mask(v: &str) -> String {
    let chars: Vec<char> = v.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let keep_head = 3;
    let keep_tail = 4;
    let mut out: String = chars[..keep_head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - keep_head - keep_tail));
    out.extend(&chars[chars.len() - keep_tail..]);
    out
}

/// Whether a member field holds a personal number that is masked unless revealed.
pub fn is_personal(field: &str) -> bool {
    matches!(field, "phone" | "id_number")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("11010519491231002X"), "110***********002X");
        assert_eq!(mask("1234567"), "*******");
        assert_eq!(mask(""), "");
    }
}
