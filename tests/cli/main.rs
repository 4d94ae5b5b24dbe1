#[test] fn placeholder_builds() { assert_eq!(1 + 1, 2); }
mod import;
