//! lvzhi: duty records and year-end assessment of a local CPPCC committee.

pub mod assessing;
pub mod city_demo;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod import;
pub mod names;
pub mod output;
pub mod report;
pub mod scoring;
pub mod store;
pub mod views;
