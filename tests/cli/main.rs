//! Integration tests: the real `lvzhi` binary on temporary databases.

mod assess;
mod bad_input;
mod bounds;
mod common;
mod files;
mod help;
mod import;
mod output;
mod props;
mod records;
mod reports;
