//! Reports computed as data (listings and documents), rendered by [`crate::output`].

pub mod assessment;
