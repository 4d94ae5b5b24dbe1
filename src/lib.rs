//! lvzhi: duty records and year-end assessment of a local CPPCC committee.
pub mod scoring;
