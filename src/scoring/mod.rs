//! The scoring engine: a committee's rule file (TOML) and a year's facts in, an explained
//! assessment out. Pure: no files, no SQL, no printing.

pub mod facts;
pub mod num;
pub mod rules;

pub use facts::*;
pub use num::Num;
pub use rules::{RuleError, Scheme, parse_rules};
pub mod engine;
pub mod explain;

pub use engine::assess;
pub use explain::*;
