//! The rules of checks.md, a file per group: arithmetic within a report, its form and
//! timeliness, its prose against its tables, and continuity across years. Every rule adds
//! diagnostics; none stops the others. What they say is in [`crate::diag::messages`].

pub mod arithmetic;
pub mod continuity;
pub mod form;
pub mod prose;
