//! The rules of checks.md, a file per group: arithmetic within a report, its form and
//! timeliness, its prose against its tables, and continuity across years. Every rule adds
//! diagnostics; none stops the others. What they say is in [`crate::diag::messages`].

pub mod arithmetic;
pub mod continuity;
pub mod form;
pub mod prose;

use crate::diag::Diagnostic;
use crate::report::Report;

/// Every check of one report on its own.
pub fn check_report(r: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    arithmetic::check(r, &mut out);
    form::check(r, &mut out);
    prose::check(r, &mut out);
    out
}

/// The checks of where a report is filed (its place below the inputs, `rel`).
pub fn check_placement(r: &Report, rel: &std::path::Path) -> Vec<Diagnostic> {
    form::year_folder(r, rel).into_iter().collect()
}

/// The continuity checks between last year's report and this year's of one agency.
pub fn check_consecutive(prev: &Report, next: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    continuity::check(prev, next, &mut out);
    out
}
