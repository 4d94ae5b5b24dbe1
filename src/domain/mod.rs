//! Domain rules: codes, dates, ID numbers, exact points and sums. Pure code, no I/O.

pub mod authors;
pub mod codes;
pub mod dates;
pub mod idcard;
pub mod limits;
pub mod money;
pub mod phone;
pub mod points;
pub mod year;

#[cfg(test)]
mod props;
