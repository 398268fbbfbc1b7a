//! Arithmetic within a report: row totals, （七）总计, the 勾稽关系 balance, table 四's totals.

use crate::diag::{Code, Diagnostic, messages};
use crate::format::{self, OUTCOME_COLUMNS, OUTCOME_ROWS, SECTION_TITLES};
use crate::report::Report;

pub(crate) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let apps = &r.applications;
    let table = SECTION_TITLES[2];
    // A row's 总计, where given.
    for (desc, row) in apps.rows() {
        if let Some(t) = row.total {
            let sum = row.sum();
            if t.value != sum {
                let parts: Vec<u64> = row.cells.iter().map(|c| c.value).collect();
                out.push(
                    Diagnostic::msg(
                        Code::RowTotal,
                        &r.file,
                        t.span.or(row.span),
                        format!("applications.{}.total", desc.dotted()),
                        messages::row_total(&desc.full_label(), t.value, &parts, sum),
                    )
                    .with_labels([
                        table,
                        &desc.full_label(),
                        format::TOTAL_LABEL,
                    ]),
                );
            }
        }
    }
    // （七）总计, where given.
    let given = apps.results_total_row();
    if given.span.is_some() {
        let sum = apps.results_sum();
        let printed = apps.results_total();
        for i in 0..7 {
            if printed[i] != sum[i] {
                let col = format::applicant_column_label(i);
                let span = if i < 6 {
                    given.cells[i].span
                } else {
                    given.total.and_then(|t| t.span)
                }
                .or(given.span);
                out.push(
                    Diagnostic::msg(
                        Code::ResultsTotal,
                        &r.file,
                        span,
                        "applications.results.total",
                        messages::results_total(col, printed[i], sum[i]),
                    )
                    .with_labels([
                        table.to_string(),
                        results_total_label(r),
                        col.to_string(),
                    ]),
                );
            }
        }
    }
    // 勾稽关系: 一 + 二 = 三 + 四, per column.
    let new = apps.row("new");
    let over = apps.row("carried_over");
    let fwd = apps.row("carried_forward");
    let total = apps.results_total();
    for (i, &t) in total.iter().enumerate() {
        let (a, b, d) = (new.column(i), over.column(i), fwd.column(i));
        if a + b != t + d {
            let col = format::applicant_column_label(i);
            out.push(
                Diagnostic::msg(
                    Code::Balance,
                    &r.file,
                    new.span.or(apps.span),
                    "applications",
                    messages::balance(col, a, b, t, d),
                )
                .with_labels([table, col]),
            );
        }
    }
    // Table 四.
    for (o, desc) in r.outcomes().into_iter().zip(&OUTCOME_ROWS) {
        if let Some(t) = o.total {
            let sum = o.sum();
            if t.value != sum {
                let parts: Vec<(&str, u64)> = o
                    .cells
                    .iter()
                    .zip(OUTCOME_COLUMNS)
                    .map(|(c, (_, l))| (l, c.value))
                    .collect();
                out.push(
                    Diagnostic::msg(
                        Code::OutcomeTotal,
                        &r.file,
                        t.span.or(o.span),
                        format!("{}.total", desc.path.join(".")),
                        messages::outcome_total(&desc.full_label(), t.value, &parts, sum),
                    )
                    .with_labels([
                        SECTION_TITLES[3],
                        &desc.full_label(),
                        format::TOTAL_LABEL,
                    ]),
                );
            }
        }
    }
}

/// The full label of （七）总计.
fn results_total_label(r: &Report) -> String {
    r.edition
        .application_rows()
        .iter()
        .find(|d| d.role == format::AppRowRole::ResultsTotal)
        .map_or_else(String::new, |d| d.full_label())
}
