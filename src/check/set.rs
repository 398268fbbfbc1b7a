//! Checks across a set of reports: duplicates of one agency and year, and the pairs of
//! consecutive years whose continuity is checked.

use super::rules::check_consecutive;
use crate::diag::{Code, Diagnostic, messages};
use crate::report::Report;
use crate::util::Span;

/// What the set-wide checks need to know of one report before reading it again.
#[derive(Clone, Debug)]
pub struct SetEntry {
    pub agency: String,
    pub year: i32,
    pub file: String,
    pub year_span: Option<Span>,
}

impl SetEntry {
    pub fn of(r: &Report) -> SetEntry {
        SetEntry {
            agency: r.agency.clone(),
            year: r.year,
            file: r.file.clone(),
            year_span: r.year_span,
        }
    }
}

/// Two reports of a set, as indices.
pub type Pair = (usize, usize);

/// The set-wide plan over reports keyed by (agency, year), given as indices: the duplicates
/// (first file, another file of the same agency and year) and the pairs (last year, this year)
/// of one agency whose continuity is to be checked. Of two files for one year the first counts.
/// The agency may be its name or any key standing for it.
pub fn plan_keys<K: Ord>(keys: &[(K, i32)]) -> (Vec<Pair>, Vec<Pair>) {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    // Runs of one agency and year, in order: last year's run, if any, is just before.
    let groups: Vec<&[usize]> = order.chunk_by(|&a, &b| keys[a] == keys[b]).collect();
    let mut dups = Vec::new();
    let mut pairs = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let first = group[0];
        dups.extend(group[1..].iter().map(|&d| (first, d)));
        if let Some(next) = groups.get(g + 1) {
            let ((agency, year), (next_agency, next_year)) = (&keys[first], &keys[next[0]]);
            if agency == next_agency && *next_year == year + 1 {
                pairs.extend(next.iter().map(|&n| (first, n)));
            }
        }
    }
    (dups, pairs)
}

/// The `duplicate-report` error of a second file for one agency and year.
pub fn duplicate(first: &SetEntry, dup: &SetEntry) -> Diagnostic {
    Diagnostic::msg(
        Code::DuplicateReport,
        &dup.file,
        dup.year_span,
        "year",
        messages::duplicate_report(&dup.agency, dup.year, &first.file, &dup.file),
    )
    .with_related_msg(
        &first.file,
        first.year_span,
        messages::duplicate_report_other(),
    )
}

/// The set-wide plan: the `duplicate-report` errors, and the pairs (last year, this year) of
/// the same agency whose continuity is to be checked, as indices into `entries`. Reports are
/// matched by exact agency and consecutive year; of two files for one year the first counts.
pub fn plan_set(entries: &[SetEntry]) -> (Vec<Diagnostic>, Vec<(usize, usize)>) {
    let keys: Vec<(&str, i32)> = entries
        .iter()
        .map(|e| (e.agency.as_str(), e.year))
        .collect();
    let (dups, pairs) = plan_keys(&keys);
    let out = dups
        .into_iter()
        .map(|(f, d)| duplicate(&entries[f], &entries[d]))
        .collect();
    (out, pairs)
}

/// Every check across the reports of a set (matched by agency and year).
pub fn check_set(reports: &[&Report]) -> Vec<Diagnostic> {
    let entries: Vec<SetEntry> = reports.iter().map(|r| SetEntry::of(r)).collect();
    let (mut out, pairs) = plan_set(&entries);
    for (p, n) in pairs {
        out.extend(check_consecutive(reports[p], reports[n]));
    }
    out
}
