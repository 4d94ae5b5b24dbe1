//! The scoring engine: a committee's rule file (TOML) and a year's facts in, an explained
//! assessment out. Pure: no files, no SQL, no printing.
//!
//! ```text
//! let scheme = parse_rules(text, &builtin_kinds())?;   // Result<Scheme, Vec<RuleError>>
//! let result = assess(&scheme, &facts);                 // Assessment
//! ```
//! Every member's explanation lines add up exactly to their total.

pub mod compact;
pub mod engine;
pub mod explain;
pub mod facts;
pub mod num;
pub mod presets;
pub mod rules;

#[cfg(test)]
mod tests;

pub use compact::{Compact, Light, Shared};
pub use engine::{Assessor, assess, compared_value, header, rank_light};
pub use explain::*;
pub use facts::*;
pub use num::Num;
pub use presets::{Preset, preset, presets};
pub use rules::{RuleError, Scheme, line_col, parse_rules};

/// The built-in activity kind codes. Committees may add their own; pass the full list to
/// [`parse_rules`].
pub const BUILTIN_KINDS: &[&str] = &[
    "plenary",
    "standing",
    "chair",
    "consultation",
    "inspection",
    "research",
    "supervision",
    "training",
    "reading",
    "group",
    "speech_written",
    "welfare",
    "liaison",
    "other",
];

/// The contribution (履职成果) kinds every file starts with. Committees may add their own.
pub const BUILTIN_CONTRIBUTION_KINDS: &[&str] = &[
    "research_report",
    "history",
    "media",
    "pairing",
    "enterprise",
    "study",
];

/// In the kind list given to [`parse_rules`], a contribution kind code follows this prefix
/// (`contribution:media`); the other entries are activity kinds.
pub const CONTRIBUTION_KIND: &str = "contribution:";

/// [`BUILTIN_KINDS`] and [`BUILTIN_CONTRIBUTION_KINDS`] as owned strings, ready for
/// [`parse_rules`].
pub fn builtin_kinds() -> Vec<String> {
    BUILTIN_KINDS
        .iter()
        .map(|s| s.to_string())
        .chain(
            BUILTIN_CONTRIBUTION_KINDS
                .iter()
                .map(|s| format!("{CONTRIBUTION_KIND}{s}")),
        )
        .collect()
}
