//! Continuity across years of one agency: carried forward into carried over, the items of table
//! 二 (2019 edition) and the documents in force (2021 edition), and section 五 repeated.

use crate::diag::{Code, Diagnostic, messages};
use crate::format::{self, SECTION_TITLES};
use crate::report::Report;
use crate::util::Span;

pub(crate) fn check(prev: &Report, next: &Report, out: &mut Vec<Diagnostic>) {
    // carried forward of year N = carried over of year N+1, column by column.
    let fwd = prev.applications.row("carried_forward");
    let over = next.applications.row("carried_over");
    for i in 0..7 {
        let (a, b) = (fwd.column(i), over.column(i));
        if a != b {
            let col = format::applicant_column_label(i);
            let cell_span = if i < 6 {
                over.cells[i].span
            } else {
                over.total.and_then(|t| t.span)
            };
            out.push(
                Diagnostic::msg(
                    Code::CarryOver,
                    &next.file,
                    cell_span.or(over.span).or(next.applications.span),
                    "applications.carried_over",
                    messages::carry_over(col, b, a, prev.year, &prev.file),
                )
                .with_labels([
                    SECTION_TITLES[2],
                    next.edition.application_rows()[1].label,
                    col,
                ])
                .with_related_msg(
                    &prev.file,
                    fwd.span,
                    messages::carry_over_source(prev.year),
                ),
            );
        }
    }
    let cell = |r: &Report, row: &str, col: &str| -> Option<(i128, Option<Span>)> {
        r.proactive_value(row, col)
            .map(|c| (c.value.as_i128(), c.span))
    };
    // Which rows carry over follows from their columns: 上一年项目数量 + 本年增/减 last year
    // is this year's 上一年项目数量; 现行有效件数 last year + 制发 − 废止 is this year's.
    for row in prev.edition.rows_with_columns(&["last_year", "change"]) {
        let (Some((ly, _)), Some((ch, _)), Some((nly, nspan))) = (
            cell(prev, row, "last_year"),
            cell(prev, row, "change"),
            cell(next, row, "last_year"),
        ) else {
            continue;
        };
        if ly + ch != nly {
            let label = prev
                .edition
                .proactive_row(row)
                .map_or(row, |(_, r)| r.label);
            out.push(
                Diagnostic::msg(
                    Code::ItemContinuity,
                    &next.file,
                    nspan,
                    format!("proactive.{row}.last_year"),
                    messages::item_continuity(label, nly, ly, ch, prev.year),
                )
                .with_labels([
                    SECTION_TITLES[1],
                    label,
                    proactive_column_label(next, row, "last_year"),
                ]),
            );
        }
    }
    for row in next
        .edition
        .rows_with_columns(&["issued", "repealed", "in_force"])
    {
        let (Some((old, _)), Some((iss, _)), Some((rep, _)), Some((now, nspan))) = (
            cell(prev, row, "in_force"),
            cell(next, row, "issued"),
            cell(next, row, "repealed"),
            cell(next, row, "in_force"),
        ) else {
            continue;
        };
        if old + iss - rep != now {
            let label = next
                .edition
                .proactive_row(row)
                .map_or(row, |(_, r)| r.label);
            out.push(
                Diagnostic::msg(
                    Code::InForceContinuity,
                    &next.file,
                    nspan,
                    format!("proactive.{row}.in_force"),
                    messages::in_force_continuity(label, now, old, iss, rep),
                )
                .with_labels([
                    SECTION_TITLES[1],
                    label,
                    proactive_column_label(next, row, "in_force"),
                ]),
            );
        }
    }
    // 年年雷同: section 五 (nearly) the same as last year's.
    let a = normalise(&prev.problems.raw);
    let b = normalise(&next.problems.raw);
    if !a.is_empty() && !b.is_empty() {
        let sim = similarity(&a, &b);
        if sim >= 0.9 {
            out.push(
                Diagnostic::msg(
                    Code::ProblemsRepeated,
                    &next.file,
                    next.problems.span,
                    "problems",
                    messages::problems_repeated(prev.year, sim),
                )
                .with_related_msg(
                    &prev.file,
                    prev.problems.span,
                    messages::problems_repeated_source(prev.year),
                ),
            );
        }
    }
}

/// The label of a column of table 二 by key, in the edition of `r`.
fn proactive_column_label(r: &Report, row: &str, column: &str) -> &'static str {
    r.edition
        .proactive_row(row)
        .and_then(|(b, _)| b.columns.iter().find(|c| c.key == column))
        .map_or("", |c| c.label)
}

/// A text as compared: its characters without spaces or punctuation, the first 4,000.
fn normalise(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、；：“”（）！？".contains(*c)
        })
        .take(4000)
        .collect()
}

/// 1 − normalised edit distance, over characters.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let max = a.len().max(b.len());
    if max == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / max as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_of_texts() {
        let a: Vec<char> = "一是公开不及时二是解读不足".chars().collect();
        assert_eq!(similarity(&a, &a), 1.0);
        let b: Vec<char> = "队伍建设薄弱平台功能单一".chars().collect();
        assert!(similarity(&a, &b) < 0.5);
    }
}
