//! The prose against the tables: figures stated in the usual phrasings (`收到政府信息公开申请14件`)
//! that the tables contradict.

use crate::diag::{Code, Diagnostic, messages};
use crate::format;
use crate::report::{Report, Text};
use crate::util::Span;

/// Figures stated in the prose, in the usual phrasings, against the tables.
pub(crate) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let apps = &r.applications;
    // Against the figures the cells add up to: where a written 总计 is wrong, the text may
    // well be right, and `row-total`/`outcome-total` already say so.
    let row = |dotted: &str| {
        r.edition
            .application_rows()
            .iter()
            .find(|d| d.dotted() == dotted)
            .map_or("", |d| d.label)
    };
    let lawsuits = r.litigation_direct.sum() + r.litigation_after.sum();
    let checks: [(&[&str], u64, &str, &str); 5] = [
        (
            &[
                "收到政府信息公开申请",
                "收到依申请公开申请",
                "受理政府信息公开申请",
                "新收政府信息公开申请",
                "接到依申请公开件",
                "收到信息公开申请",
                "接到政府信息公开申请",
            ],
            apps.row("new").sum(),
            row("new"),
            "applications received",
        ),
        (
            &[
                "上年结转政府信息公开申请",
                "上年结转申请",
                "上年度结转申请",
                "上年结转",
            ],
            apps.row("carried_over").sum(),
            row("carried_over"),
            "carried over",
        ),
        (
            &[
                "结转下年度继续办理",
                "结转下年度办理",
                "结转下年度",
                "结转至下年度",
            ],
            apps.row("carried_forward").sum(),
            row("carried_forward"),
            "carried forward",
        ),
        (
            &[format::RECONSIDERATION_LABEL],
            r.reconsideration.sum(),
            format::RECONSIDERATION_LABEL,
            "reconsiderations",
        ),
        (
            &[format::LITIGATION_LABEL],
            lawsuits,
            format::LITIGATION_LABEL,
            "lawsuits",
        ),
    ];
    let texts: [(&str, Option<&Text>); 4] = [
        ("preface", r.preface.as_ref()),
        ("overview", Some(&r.overview)),
        ("problems", Some(&r.problems)),
        ("other_matters", Some(&r.other_matters)),
    ];
    for (key, text) in texts {
        let Some(text) = text else { continue };
        for (anchors, expected, label, label_en) in &checks {
            for (offset, stated) in stated_figures(&text.raw, anchors) {
                if stated != *expected {
                    // Mark the claim itself (`收到政府信息公开申请14件`) on its line: in a `|`
                    // block every line starts at the block's column.
                    let span = text.span.map(|s| {
                        let before = &text.raw[..offset];
                        let line = s.line + before.matches('\n').count();
                        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                        let col = s.col + text.raw[line_start..offset].chars().count();
                        let claim = text.raw[offset..].split('件').next().unwrap_or("");
                        let len = claim.chars().count() + 1;
                        Span {
                            line,
                            col,
                            end_line: line,
                            end_col: col + len,
                        }
                    });
                    out.push(
                        Diagnostic::msg(
                            Code::ProseContradicts,
                            &r.file,
                            span,
                            key,
                            messages::prose_contradicts_table(label, label_en, stated, *expected),
                        )
                        .with_labels([*label]),
                    );
                }
            }
        }
    }
}

/// Figures stated right after one of `anchors`: `收到政府信息公开申请14件`, `行政复议 2 件`.
/// Only a number that follows the phrase closely and is followed by 件 counts.
pub fn stated_figures(text: &str, anchors: &[&str]) -> Vec<(usize, u64)> {
    const FILLER: &[&str] = &[
        "共计", "共", "合计", "总计", "了", "为", "案件", "申请", "数量", "的", "是", "有",
    ];
    let mut found = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for anchor in anchors {
        for (pos, _) in text.match_indices(anchor) {
            if taken.iter().any(|r| r.contains(&pos)) {
                continue;
            }
            let mut rest = &text[pos + anchor.len()..];
            loop {
                let t = rest.trim_start();
                if let Some(f) = FILLER.iter().find(|f| t.starts_with(**f)) {
                    rest = &t[f.len()..];
                } else {
                    rest = t;
                    break;
                }
            }
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() || digits.len() > 9 {
                continue;
            }
            let after = rest[digits.len()..].trim_start();
            // `其中…`, `较上年…`, `同比…`: a part, or another year's figure, not the total.
            let clause_start = text[..pos]
                .rfind(['，', '。', '；', '（', '\n'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let clause = &text[clause_start..pos];
            if ["其中", "较", "同比", "比上年", "去年", "上一年"]
                .iter()
                .any(|q| clause.contains(q))
            {
                continue;
            }
            if after.starts_with('件') {
                let end = text.len() - after.len();
                taken.push(pos..end);
                found.push((pos, digits.parse().unwrap_or(0)));
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_figures_reads_usual_phrasings_only() {
        assert_eq!(
            stated_figures(
                "本年度收到政府信息公开申请14件。",
                &["收到政府信息公开申请"]
            ),
            vec![(9, 14)]
        );
        assert_eq!(
            stated_figures(
                "全市共受理政府信息公开申请 3119 件",
                &["受理政府信息公开申请"]
            )[0]
            .1,
            3119
        );
        assert_eq!(
            stated_figures("政府信息公开行政复议 351 件，其中", &["行政复议"])[0].1,
            351
        );
        assert!(stated_figures("四、政府信息公开行政复议、行政诉讼情况", &["行政复议"]).is_empty());
        assert!(
            stated_figures(
                "其中通过网络平台收到政府信息公开申请15件",
                &["收到政府信息公开申请"]
            )
            .is_empty()
        );
        assert!(
            stated_figures(
                "较2023年收到政府信息公开申请19件有所增加",
                &["收到政府信息公开申请"]
            )
            .is_empty()
        );
        assert_eq!(
            stated_figures(
                "全年收到政府信息公开申请20件，其中网上15件",
                &["收到政府信息公开申请"]
            )[0]
            .1,
            20
        );
        assert!(
            stated_figures("行政复议2次", &["行政复议"]).is_empty(),
            "no 件, no claim"
        );
    }
}
