//! Domain rules: codes, dates, ID numbers and their masking, exact points and sums. Pure code, no I/O.

pub mod authors;
pub mod clean;
pub mod codes;
pub mod dates;
pub mod division;
pub mod example;
pub mod finality;
pub mod idcard;
pub mod limits;
pub mod mask;
pub mod money;
pub mod phone;
pub mod points;
pub mod sectors;
pub mod service;
pub mod signin;
pub mod year;

#[cfg(test)]
mod props;
