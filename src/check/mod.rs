//! The rules of checks.md: arithmetic within a report, continuity across years, form and
//! timeliness. Every rule adds diagnostics; none stops the others.

pub mod pipeline;

pub use pipeline::{Checked, check_all, check_all_jobs};

use crate::diag::{Code, Diagnostic};
use crate::format::{self, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS, SECTION_TITLES};
use crate::input::yaml::Span;
use crate::report::{Kind, Report, Text};

/// Every check of one report on its own.
pub fn check_report(r: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    arithmetic(r, &mut out);
    form(r, &mut out);
    prose(r, &mut out);
    out
}

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
    let (agency, year) = (&dup.agency, dup.year);
    Diagnostic::new(
        Code::DuplicateReport,
        &dup.file,
        dup.year_span,
        "year",
        format!(
            "{agency} 的 {year} 年度报告有两个文件：{} 和 {}；请删去其一",
            first.file, dup.file
        ),
        format!(
            "two files for {agency}, {year}: {} and {}; remove one",
            first.file, dup.file
        ),
    )
    .with_related(
        &first.file,
        first.year_span,
        "另一个文件".into(),
        "the other file".into(),
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

/// The continuity checks between last year's report and this year's of one agency.
pub fn check_consecutive(prev: &Report, next: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    consecutive(prev, next, &mut out);
    out
}

fn figures_msg(fig: &[(String, u64)]) -> String {
    fig.iter()
        .map(|(l, v)| format!("{l} ({v})"))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn arithmetic(r: &Report, out: &mut Vec<Diagnostic>) {
    let apps = &r.applications;
    let table = SECTION_TITLES[2];
    // A row's 总计, where given.
    for (desc, row) in apps.rows() {
        if let Some(t) = row.total {
            let sum = row.sum();
            if t.value != sum {
                let parts = row
                    .cells
                    .iter()
                    .map(|c| c.value.to_string())
                    .collect::<Vec<_>>()
                    .join(" + ");
                out.push(
                    Diagnostic::new(
                        Code::RowTotal,
                        &r.file,
                        t.span.or(row.span),
                        format!("applications.{}.total", desc.dotted()),
                        format!(
                            "{}：总计写的是 {}，但六类申请人之和 {parts} = {sum}",
                            desc.full_label(),
                            t.value
                        ),
                        format!(
                            "{}: 总计 is {}, but the six columns add up to {parts} = {sum}",
                            desc.full_label(),
                            t.value
                        ),
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
                    Diagnostic::new(
                        Code::ResultsTotal,
                        &r.file,
                        span,
                        "applications.results.total",
                        format!("{col}：（七）总计写的是 {}，但（一）至（六）各项办理结果之和是 {}", printed[i], sum[i]),
                        format!("{col}: （七）总计 is {}, but the result rows （一）–（六） add up to {}", printed[i], sum[i]),
                    )
                    .with_labels([table.to_string(), results_total_label(r), col.to_string()]),
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
                Diagnostic::new(
                    Code::Balance,
                    &r.file,
                    new.span.or(apps.span),
                    "applications",
                    format!(
                        "{col}：勾稽关系不平。{} = {}，但 {} = {}",
                        figures_msg(&[("一 本年新收".into(), a), ("二 上年结转".into(), b)]),
                        a + b,
                        figures_msg(&[("三 办理结果总计".into(), t), ("四 结转下年度".into(), d)]),
                        t + d
                    ),
                    format!(
                        "{col}: 一 本年新收 ({a}) + 二 上年结转 ({b}) = {}, but 三 办理结果总计 ({t}) + 四 结转下年度 ({d}) = {}",
                        a + b,
                        t + d
                    ),
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
                let parts: Vec<String> = o
                    .cells
                    .iter()
                    .zip(OUTCOME_COLUMNS)
                    .map(|(c, (_, l))| format!("{l} ({})", c.value))
                    .collect();
                out.push(
                    Diagnostic::new(
                        Code::OutcomeTotal,
                        &r.file,
                        t.span.or(o.span),
                        format!("{}.total", desc.path.join(".")),
                        format!(
                            "{}：总计写的是 {}，但 {} = {sum}",
                            desc.full_label(),
                            t.value,
                            parts.join(" + ")
                        ),
                        format!(
                            "{}: 总计 is {}, but {} = {sum}",
                            desc.full_label(),
                            t.value,
                            parts.join(" + ")
                        ),
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

fn form(r: &Report, out: &mut Vec<Diagnostic>) {
    let expected = Edition::default_for_year(r.year as i64);
    if r.year != 0 && r.edition != expected {
        out.push(Diagnostic::new(
            Code::EditionMismatch,
            &r.file,
            r.edition_span,
            "edition",
            format!(
                "{} 年度的报告应使用 {} 版格式（{}），这里写的是 {} 版",
                r.year,
                expected.key(),
                expected.notice(),
                r.edition.key()
            ),
            format!(
                "a report on {} should use the {} edition, not {}",
                r.year,
                expected.key(),
                r.edition.key()
            ),
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
            let (zh, en) = if p < year_end {
                (
                    format!(
                        "发布日期 {} 早于 {} 年度结束：年度报告在次年公布，是否应为 {} 年？",
                        p.chinese(),
                        r.year,
                        r.year + 1
                    ),
                    format!(
                        "published on {p}, before the year {} ended: should it be {}?",
                        r.year,
                        r.year + 1
                    ),
                )
            } else {
                (
                    format!("发布日期 {} 晚于今天（{}）", p.chinese(), today.chinese()),
                    format!("published on {p}, which is after today ({today})"),
                )
            };
            out.push(Diagnostic::new(
                Code::PublishedDate,
                &r.file,
                r.published_span,
                "published",
                zh,
                en,
            ));
        }
    }
    if let Some(p) = r.published {
        let deadline = r.kind.deadline(r.year);
        if p > deadline && r.year != 0 {
            let days = p.to_days() - deadline.to_days();
            out.push(Diagnostic::new(
                Code::Late,
                &r.file,
                r.published_span,
                "published",
                format!(
                    "发布日期 {} 晚于条例第四十九条规定的期限 {}（{}），逾期 {days} 天",
                    p.chinese(),
                    deadline.chinese(),
                    if r.kind == Kind::Government {
                        "县级以上地方人民政府：3月31日前"
                    } else {
                        "政府部门：1月31日前"
                    }
                ),
                format!(
                    "published on {p}, {days} day{} after the deadline {deadline} of 条例 第四十九条",
                    if days == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    for (key, text, title) in [
        ("overview", &r.overview, SECTION_TITLES[0]),
        ("problems", &r.problems, SECTION_TITLES[4]),
        ("other_matters", &r.other_matters, SECTION_TITLES[5]),
    ] {
        if text.is_blank() {
            out.push(Diagnostic::new(
                Code::EmptyText,
                &r.file,
                text.span,
                key,
                if key == "other_matters" {
                    format!(
                        "{title} 是空的；即使没有内容，也应写明（如“本年度无其他需要报告的事项。”）"
                    )
                } else {
                    format!("{title} 是空的；请按格式通知的要求如实填写")
                },
                format!("{title} is empty; say so in words even when there is nothing to report"),
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
        let year = r.edition.notice_year();
        let (zh, en, en_words) = match limit {
            1000 => (
                "一千字".to_string(),
                "1,000".to_string(),
                "a thousand".to_string(),
            ),
            n => (format!("{n} 字"), n.to_string(), n.to_string()),
        };
        out.push(Diagnostic::new(
            Code::OverviewTooLong,
            &r.file,
            r.overview.span,
            "overview",
            format!("总体情况有 {chars} 字，超过{zh}（{year} 年格式通知：“篇幅原则上不超过{zh}”）"),
            format!("总体情况 has {chars} characters, over {en} (the {year} notice: at most about {en_words})"),
        ));
    }
    if !r.problems.is_blank() && sentences(&r.problems.joined()) < 2 {
        out.push(Diagnostic::new(
            Code::ProblemsTooShort,
            &r.file,
            r.problems.span,
            "problems",
            "存在的主要问题及改进情况不足两句；评估时会因笼统空泛扣分，请具体写出问题和改进措施"
                .into(),
            "problems is shorter than two sentences; assessors mark down a vague section 五".into(),
        ));
    }
    if r.edition.fees_in_section_six()
        && !r.other_matters.is_blank()
        && !r.other_matters.raw.contains("处理费")
    {
        out.push(Diagnostic::new(
            Code::FeesNotReported,
            &r.file,
            r.other_matters.span,
            "other_matters",
            format!("{} 版格式要求在“六、其他需要报告的事项”中专门报告收取信息处理费的情况（收取金额，或未收取）", r.edition.key()),
            format!("the {} edition asks section 六 to state the 信息处理费 charged (an amount, or that none was)", r.edition.key()),
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
            let year = r.edition.notice_year();
            out.push(
                Diagnostic::new(
                    Code::OtherResultsHigh,
                    &r.file,
                    apps.row("results.other").span.or(apps.span),
                    "applications.results.other",
                    format!("（六）其他处理 {other} 件，占全部办理结果 {all} 件的 {:.0}%，超过 {pct}%；{year} 年格式通知要求对此重点核查", other as f64 * 100.0 / all as f64),
                    format!("（六）其他处理 is {other} of {all} results ({:.0}%), over {pct}%", other as f64 * 100.0 / all as f64),
                )
                .with_labels([SECTION_TITLES[2].to_string(), r.edition.application_rows().iter().find(|d| d.dotted() == "results.other").map_or_else(String::new, |d| d.full_label()), format::TOTAL_LABEL.to_string()]),
            );
        }
    }
}

fn sentences(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?'))
        .count()
}

/// The full label of （七）总计.
fn results_total_label(r: &Report) -> String {
    r.edition
        .application_rows()
        .iter()
        .find(|d| d.role == format::AppRowRole::ResultsTotal)
        .map_or_else(String::new, |d| d.full_label())
}

/// The label of a column of table 二 by key, in the edition of `r`.
fn proactive_column_label(r: &Report, row: &str, column: &str) -> &'static str {
    r.edition
        .proactive_row(row)
        .and_then(|(b, _)| b.columns.iter().find(|c| c.key == column))
        .map_or("", |c| c.label)
}

/// Figures stated in the prose, in the usual phrasings, against the tables.
fn prose(r: &Report, out: &mut Vec<Diagnostic>) {
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
                        Diagnostic::new(
                            Code::ProseContradicts,
                            &r.file,
                            span,
                            key,
                            format!("正文写的是{label} {stated} 件，表格中是 {expected} 件"),
                            format!("the text states {stated} {label_en}, the tables {expected}"),
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

fn consecutive(prev: &Report, next: &Report, out: &mut Vec<Diagnostic>) {
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
                Diagnostic::new(
                    Code::CarryOver,
                    &next.file,
                    cell_span.or(over.span).or(next.applications.span),
                    "applications.carried_over",
                    format!(
                        "{col}：上年结转 {b} 件，但 {} 年度报告（{}）的结转下年度继续办理是 {a} 件",
                        prev.year, prev.file
                    ),
                    format!(
                        "{col}: carried over is {b}, but the {} report ({}) carried forward {a}",
                        prev.year, prev.file
                    ),
                )
                .with_labels([
                    SECTION_TITLES[2],
                    next.edition.application_rows()[1].label,
                    col,
                ])
                .with_related(
                    &prev.file,
                    fwd.span,
                    format!("{} 年度的结转下年度继续办理", prev.year),
                    format!("carried forward in {}", prev.year),
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
            let op = if ch < 0 { "−" } else { "+" };
            let label = prev
                .edition
                .proactive_row(row)
                .map_or(row, |(_, r)| r.label);
            out.push(
                Diagnostic::new(
                    Code::ItemContinuity,
                    &next.file,
                    nspan,
                    format!("proactive.{row}.last_year"),
                    format!(
                        "{label}：上一年项目数量写的是 {nly}，但 {} 年度报告是 {ly} {op} {} = {}",
                        prev.year,
                        ch.abs(),
                        ly + ch
                    ),
                    format!(
                        "{label}: last_year is {nly}, but the {} report gives {ly} {op} {} = {}",
                        prev.year,
                        ch.abs(),
                        ly + ch
                    ),
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
                Diagnostic::new(
                    Code::InForceContinuity,
                    &next.file,
                    nspan,
                    format!("proactive.{row}.in_force"),
                    format!("{label}：现行有效 {now} 件，但上年现行有效 {old} + 本年制发 {iss} − 本年废止 {rep} = {}", old + iss - rep),
                    format!("{label}: in_force is {now}, but last year's {old} + issued {iss} − repealed {rep} = {}", old + iss - rep),
                )
                .with_labels([SECTION_TITLES[1], label, proactive_column_label(next, row, "in_force")]),
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
                Diagnostic::new(
                    Code::ProblemsRepeated,
                    &next.file,
                    next.problems.span,
                    "problems",
                    format!("存在的主要问题与 {} 年度报告几乎相同（相似度 {:.0}%）；格式通知要求“不得出现敷衍了事甚至年年雷同现象”", prev.year, sim * 100.0),
                    format!("problems is {:.0}% the same as the {} report; assessors mark down text repeated year after year", sim * 100.0, prev.year),
                )
                .with_related(&prev.file, prev.problems.span, format!("{} 年度的存在的主要问题", prev.year), format!("the {} text", prev.year)),
            );
        }
    }
}

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

    #[test]
    fn similarity_of_texts() {
        let a: Vec<char> = "一是公开不及时二是解读不足".chars().collect();
        assert_eq!(similarity(&a, &a), 1.0);
        let b: Vec<char> = "队伍建设薄弱平台功能单一".chars().collect();
        assert!(similarity(&a, &b) < 0.5);
    }
}
