//! Integration tests: the real `lvzhi` binary on temporary databases.

mod assess;
mod bad_input;
mod bounds;
mod common;
mod contrib;
mod corpus;
mod docs;
mod dupes;
mod files;
mod r#final;
mod golden;
mod help;
mod import;
mod json;
mod office;
mod outcomes;
mod output;
mod outputs;
mod paper;
mod props;
mod records;
mod reports;
mod safety;
mod scoring;
mod signin;
mod undo;
