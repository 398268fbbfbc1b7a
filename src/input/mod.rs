//! Reading inputs: finding the report files, the YAML tree with locations, and loading a tree
//! into a [`crate::Report`] with a diagnostic for every problem.

pub mod discover;
pub mod load;
pub mod yaml;

pub use discover::{Input, discover, discover_with, folder_year, slashed};
