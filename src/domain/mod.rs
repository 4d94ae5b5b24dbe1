//! Domain rules: codes, dates, ID numbers, exact points. Pure code, no I/O.

pub mod authors;
pub mod codes;
pub mod dates;
pub mod idcard;
pub mod points;
