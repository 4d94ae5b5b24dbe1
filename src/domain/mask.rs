//! Masking phone and ID numbers: the middle hidden, enough left to tell numbers apart.

/// Masks the middle of a phone or ID number: 138****5678.
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

/// Flags whose value is a phone or ID number.
const NUMBER_FLAGS: &[&str] = &["--phone", "--id-number"];

/// Shortest run of digits taken for a phone or ID number wherever it stands (an 11-digit
/// mobile number; an 18-character ID number has 17 digits first).
const LONG_RUN: usize = 11;

/// A command line with its phone and ID numbers masked: the value of `--phone` and
/// `--id-number` (also written `--phone=…`), and any run of 11 or more digits (with an ID
/// number's final `X`) anywhere else.
pub fn mask_command(cmd: &str) -> String {
    let mut out = Vec::new();
    let mut after_flag = false;
    for token in cmd.split(' ') {
        let masked = if after_flag {
            mask(token)
        } else if let Some((flag, value)) = token.split_once('=')
            && NUMBER_FLAGS.contains(&flag)
        {
            format!("{flag}={}", mask(value))
        } else {
            mask_runs(token)
        };
        after_flag = NUMBER_FLAGS.contains(&token);
        out.push(masked);
    }
    out.join(" ")
}

/// `text` with every run of 11 or more digits (and an `X` right after one) masked.
pub fn mask_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && matches!(chars[i], 'X' | 'x') {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let digits = run.trim_end_matches(['X', 'x']).len();
            out.push_str(&if digits >= LONG_RUN { mask(&run) } else { run });
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_masked_in_the_middle() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("11010519491231002X"), "110***********002X");
        assert_eq!(mask("1234"), "****");
    }

    #[test]
    fn a_command_line_keeps_no_number() {
        let cmd = "--db d.db member add 张三 --phone 13812345678 --id-number 11010519491231002X";
        assert_eq!(
            mask_command(cmd),
            "--db d.db member add 张三 --phone 138****5678 --id-number 110***********002X"
        );
        assert_eq!(
            mask_command("member edit D001 --phone=0571-8888"),
            "member edit D001 --phone=057**8888"
        );
        assert_eq!(
            mask_command("member edit D001 --note 手机13812345678"),
            "member edit D001 --note 手机138****5678"
        );
        assert_eq!(
            mask_command("activity add research --date 2023-01-01"),
            "activity add research --date 2023-01-01"
        );
    }
}
