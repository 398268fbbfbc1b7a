//! Form and timeliness: the edition for the year, the publication date and its deadline, the
//! texts required, their length, the fees of the 2021 edition, the share of 其他处理.

use crate::diag::{Code, Diagnostic, messages};
use crate::format::{self, Edition, SECTION_TITLES};
use crate::report::Report;

pub(crate) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let expected = Edition::default_for_year(r.year as i64);
    if r.year != 0 && r.edition != expected {
        out.push(Diagnostic::msg(
            Code::EditionMismatch,
            &r.file,
            r.edition_span,
            "edition",
            messages::edition_mismatch(r.year, expected, r.edition),
        ));
    }
    if let (Some(p), true) = (r.published, r.year != 0) {
        // A report on a year is published after that year ends, and not in the future: a
        // date outside that is a slip (often the year of the report typed for the next one).
        let year_end = crate::report::Date {
            year: r.year + 1,
            month: 1,
            day: 1,
        };
        let today = crate::report::Date::today();
        if p < year_end || p > today {
            let msg = if p < year_end {
                messages::published_before_year_end(p, r.year)
            } else {
                messages::published_in_future(p, today)
            };
            out.push(Diagnostic::msg(
                Code::PublishedDate,
                &r.file,
                r.published_span,
                "published",
                msg,
            ));
        }
    }
    // A date in the future is a slip (said above), not a report that is late.
    let future = r
        .published
        .is_some_and(|p| p > crate::report::Date::today());
    if let (Some(p), Some(days), false) = (r.published, r.late_days(), future) {
        out.push(Diagnostic::msg(
            Code::Late,
            &r.file,
            r.published_span,
            "published",
            messages::late(p, r.kind.deadline(r.year), r.kind, days),
        ));
    }
    for (key, text, title) in [
        ("overview", &r.overview, SECTION_TITLES[0]),
        ("problems", &r.problems, SECTION_TITLES[4]),
        ("other_matters", &r.other_matters, SECTION_TITLES[5]),
    ] {
        if text.is_blank() {
            out.push(Diagnostic::msg(
                Code::EmptyText,
                &r.file,
                text.span,
                key,
                messages::empty_text(key, title),
            ));
        }
    }
    // The limit comes with the 2021 notice; the 2019 one set none.
    let chars = r
        .overview
        .joined()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if let Some(limit) = r.edition.overview_limit().filter(|l| chars > *l) {
        out.push(Diagnostic::msg(
            Code::OverviewTooLong,
            &r.file,
            r.overview.span,
            "overview",
            messages::overview_too_long(chars, limit, r.edition.notice_year()),
        ));
    }
    if !r.problems.is_blank() && sentences(&r.problems.joined()) < 2 {
        out.push(Diagnostic::msg(
            Code::ProblemsTooShort,
            &r.file,
            r.problems.span,
            "problems",
            messages::problems_too_short(),
        ));
    }
    if r.edition.fees_in_section_six()
        && !r.other_matters.is_blank()
        && !r.other_matters.raw.contains("处理费")
    {
        out.push(Diagnostic::msg(
            Code::FeesNotReported,
            &r.file,
            r.other_matters.span,
            "other_matters",
            messages::fees_not_reported(r.edition.key()),
        ));
    }
    // Only where （六）其他处理 is one row: the limit is on that row.
    let single_other = || {
        r.edition
            .application_rows()
            .iter()
            .any(|d| d.dotted() == "results.other")
    };
    if let Some(pct) = r
        .edition
        .other_results_limit_pct()
        .filter(|_| single_other())
    {
        let apps = &r.applications;
        let other = apps.row("results.other").column(6);
        let all = apps.results_sum()[6];
        if all > 0 && u128::from(other) * 100 > u128::from(all) * u128::from(pct) {
            let row = r
                .edition
                .application_rows()
                .iter()
                .find(|d| d.dotted() == "results.other")
                .map_or_else(String::new, |d| d.full_label());
            out.push(
                Diagnostic::msg(
                    Code::OtherResultsHigh,
                    &r.file,
                    apps.row("results.other").span.or(apps.span),
                    "applications.results.other",
                    messages::other_results_high(other, all, pct, r.edition.notice_year()),
                )
                .with_labels([
                    SECTION_TITLES[2].to_string(),
                    row,
                    format::TOTAL_LABEL.to_string(),
                ]),
            );
        }
    }
}

/// The sentences of a text, by their closing marks.
fn sentences(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?'))
        .count()
}

/// `year-folder`: a report filed under another year's folder — one of the two is a slip (the
/// year of a copied report left as it was, most often). `rel` is where the input is placed below
/// its inputs (the same whatever the current folder or however the path was spelled).
pub(crate) fn year_folder(r: &Report, rel: &std::path::Path) -> Option<Diagnostic> {
    let folder = crate::input::folder_year(rel)?;
    (r.year != 0 && folder != r.year).then(|| {
        Diagnostic::msg(
            Code::YearFolder,
            &r.file,
            r.year_span,
            "year",
            messages::year_folder(r.year, folder),
        )
    })
}
