//! The rules of checks.md. Each error rule: one cell of a valid report changed, the rule fires
//! at that cell. Each warning rule: fires on a realistic case, quiet on a clean one.

mod common;

use common::*;
use std::path::PathBuf;
use xxgk::check::{check_report, check_set};
use xxgk::input::load::load_str;
use xxgk::{Code, Diagnostic, Report, Severity};

/// Loads `src` (which must load cleanly) as `file`.
fn report(src: &str, file: &str) -> Report {
    let l = load_str(src, file);
    assert!(
        l.diagnostics.is_empty(),
        "the test input must load cleanly: {:#?}",
        l.diagnostics
    );
    l.report.unwrap()
}

/// The diagnostics of checking one report on its own.
fn check(src: &str) -> Vec<Diagnostic> {
    check_report(&report(src, "t.yaml"))
}

fn with_code(diags: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// The one diagnostic with `code`.
fn one(diags: &[Diagnostic], code: Code) -> Diagnostic {
    let found = with_code(diags, code);
    assert_eq!(found.len(), 1, "expected one {code:?}, got {diags:#?}");
    found[0].clone()
}

fn assert_quiet(diags: &[Diagnostic], code: Code) {
    assert!(
        with_code(diags, code).is_empty(),
        "expected no {code:?}: {diags:#?}"
    );
}

#[test]
fn the_valid_samples_pass_every_check() {
    for src in [VALID_2021, VALID_2019] {
        let d = check(src);
        assert!(d.is_empty(), "{d:#?}");
    }
}

#[test]
fn every_sample_input_gives_no_diagnostics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let (found, diags) = xxgk::input::discover(&[dir]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(found.len() >= 6, "{found:#?}");
    let checked = xxgk::check::check_all(found, &Default::default());
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    assert!(checked.loaded.iter().all(|&l| l));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic within one report (errors)

#[test]
fn row_total_differs_from_the_sum_of_its_columns() {
    let src = edit(
        VALID_2021,
        "disclosed: [4, 1, 0, 0, 1, 0, 6]",
        "disclosed: [4, 1, 0, 0, 1, 0, 7]",
    );
    let d = check(&src);
    let e = one(&d, Code::RowTotal);
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(at(&e), pos_after(&src, "disclosed:", "7]"));
    assert_eq!(e.path, "applications.results.disclosed.total");
    assert!(e.en.contains("is 7") && e.en.contains("= 6"), "{}", e.en);
    assert!(
        e.zh.contains("三、本年度办理结果（一）予以公开"),
        "{}",
        e.zh
    );
    assert!(e.labels.iter().any(|l| l == "总计"), "{:?}", e.labels);
}

#[test]
fn results_total_differs_from_the_sum_of_the_result_rows() {
    // A result row the given （七）总计 does not count: 科研机构 and 总计 disagree.
    let src = edit(
        VALID_2021,
        "      third_party: [1, 0, 0, 0, 0, 0]",
        "      third_party: [1, 0, 0, 0, 0, 0]\n      state_secret: {research: 1}",
    );
    let d = check(&src);
    let errs = with_code(&d, Code::ResultsTotal);
    assert_eq!(errs.len(), 2, "{d:#?}");
    let research = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "科研机构"))
        .unwrap();
    // At the 科研机构 cell of the given total row.
    assert_eq!(at(research), pos_after(&src, "total: [9, 2, ", "0"));
    assert!(
        research.en.contains("is 0") && research.en.contains("up to 1"),
        "{}",
        research.en
    );
    let total = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "总计"))
        .unwrap();
    assert_eq!(
        at(total),
        pos_after(&src, "total: [9, 2, 0, 0, 1, 1, ", "13")
    );
    assert!(
        total.en.contains("is 13") && total.en.contains("up to 14"),
        "{}",
        total.en
    );
    // The table still balances with the total as given: nothing else is reported.
    assert_eq!(d.len(), 2, "{d:#?}");
}

#[test]
fn results_total_left_out_is_computed_and_not_checked() {
    let src = edit(VALID_2021, "    total: [9, 2, 0, 0, 1, 1, 13]\n", "");
    assert!(check(&src).is_empty());
    let r = report(&src, "t.yaml");
    assert_eq!(r.applications.results_total(), [9, 2, 0, 0, 1, 1, 13]);
}

#[test]
fn the_table_does_not_balance() {
    let src = edit(
        VALID_2021,
        "carried_over: {natural_person: 1}",
        "carried_over: {natural_person: 2}",
    );
    let d = check(&src);
    let errs = with_code(&d, Code::Balance);
    assert_eq!(errs.len(), 2, "自然人 and 总计: {d:#?}");
    let np = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "自然人"))
        .unwrap();
    assert_eq!(np.severity, Severity::Error);
    assert_eq!(at(np), pos(&src, "[9, 2, 0, 0, 1, 1, 13]"));
    assert_eq!(
        np.en,
        "自然人: 一 本年新收 (9) + 二 上年结转 (2) = 11, but 三 办理结果总计 (9) + 四 结转下年度 (1) = 10"
    );
    assert!(
        np.zh.contains("勾稽关系不平") && np.zh.contains("(2)") && np.zh.contains("(1)"),
        "{}",
        np.zh
    );
    let total = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "总计"))
        .unwrap();
    assert!(
        total.en.contains("(13) + 二 上年结转 (2) = 15"),
        "{}",
        total.en
    );
    assert!(
        total.en.contains("(13) + 四 结转下年度 (1) = 14"),
        "{}",
        total.en
    );
    // … and the overview's 上年结转1件 no longer agrees.
    one(&d, Code::ProseContradicts);
    assert_eq!(d.len(), 3, "{d:#?}");
}

#[test]
fn the_table_does_not_balance_when_a_result_is_left_out() {
    // Without a given （七）总计 the computed one is used.
    let src = edit(VALID_2021, "    total: [9, 2, 0, 0, 1, 1, 13]\n", "");
    let src = edit(&src, "      petition: {natural_person: 1}\n", "");
    let d = check(&src);
    let errs = with_code(&d, Code::Balance);
    assert_eq!(errs.len(), 2, "{d:#?}");
    assert!(
        errs.iter()
            .any(|e| e.en.contains("三 办理结果总计 (8) + 四 结转下年度 (1) = 9"))
    );
}

#[test]
fn outcome_total_differs_from_the_sum_of_the_outcomes() {
    let src = edit(
        VALID_2021,
        "direct: [0, 0, 0, 0, 0]",
        "direct: [0, 1, 0, 0, 2]",
    );
    let d = check(&src);
    let e = one(&d, Code::OutcomeTotal);
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(at(&e), pos_after(&src, "direct: [0, 1, 0, 0, ", "2"));
    assert_eq!(e.path, "litigation.direct.total");
    assert!(e.zh.contains("行政诉讼（未经复议直接起诉）"), "{}", e.zh);
    assert!(e.en.contains("is 2") && e.en.contains("= 1"), "{}", e.en);
    assert_eq!(d.len(), 1, "{d:#?}");

    // The same in a mapping.
    let src = edit(VALID_2021, "pending: 0, total: 1}", "pending: 0, total: 3}");
    let d = check(&src);
    let e = one(&d, Code::OutcomeTotal);
    assert_eq!(e.path, "reconsideration.total");
    assert_eq!(at(&e), pos_after(&src, "reconsideration:", "3}"));
}

// ---------------------------------------------------------------------------------------------
// Across years (errors)

/// VALID_2021 moved to 2023, following on from VALID_2021 (2022).
fn next_2021() -> String {
    let src = edit(VALID_2021, "year: 2022", "year: 2023");
    let src = edit(&src, "published: 2023-01-18", "published: 2024-01-18");
    let src = edit(&src, "2022年，我局", "2023年，我局");
    // 5 in force + 2 issued − 1 repealed.
    let src = edit(&src, "in_force: 5}", "in_force: 6}");
    edit(
        &src,
        "  一是政策解读形式较为单一；二是部分信息更新不够及时。\n\n  下一步，我局将丰富解读形式，建立信息报送月通报制度。",
        "  一是公开目录梳理不够细致，部分栏目分类不清；二是依申请公开答复文书格式有待统一。\n\n  下一步，我局将开展公开目录专项梳理，制定答复文书范本。",
    )
}

/// VALID_2019 moved back to 2019, followed by VALID_2019 (2020).
fn prev_2019() -> String {
    let src = edit(VALID_2019, "year: 2020", "year: 2019");
    let src = edit(&src, "published: 2021-01-20", "published: 2020-01-20");
    let src = edit(&src, "2020年，我镇", "2019年，我镇");
    // 8 + 2 = 10 items in 2020.
    let src = edit(
        &src,
        "{last_year: 10, change: +2,",
        "{last_year: 8, change: +2,",
    );
    edit(
        &src,
        "  一是工作人员多为兼职，答复不够规范；二是村级公开内容更新不及时。",
        "  一是对新条例的学习不够深入；二是惠农补贴信息公开滞后，群众查阅不便。",
    )
}

fn set(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let reports: Vec<Report> = files.iter().map(|(f, s)| report(s, f)).collect();
    let mut all: Vec<Diagnostic> = reports.iter().flat_map(check_report).collect();
    all.extend(check_set(&reports.iter().collect::<Vec<_>>()));
    all
}

#[test]
fn consecutive_years_that_follow_on_are_quiet() {
    let d = set(&[("2022.yaml", VALID_2021), ("2023.yaml", &next_2021())]);
    assert!(d.is_empty(), "{d:#?}");
    let d = set(&[("2019.yaml", &prev_2019()), ("2020.yaml", VALID_2019)]);
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn carried_over_differs_from_last_years_carried_forward() {
    let next = edit(
        &next_2021(),
        "carried_over: {natural_person: 1}",
        "carried_over: {business: 1}",
    );
    let next = edit(
        &next,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [10, 1, 0, 0, 1, 1, 13]",
    );
    let prev = report(VALID_2021, "inputs/2022/a.yaml");
    let next_r = report(&next, "inputs/2023/a.yaml");
    assert!(
        check_report(&next_r).is_empty(),
        "the 2023 file is fine on its own"
    );
    let d = check_set(&[&prev, &next_r]);
    let errs = with_code(&d, Code::CarryOver);
    assert_eq!(errs.len(), 2, "自然人 and 商业企业: {d:#?}");
    let np = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "自然人"))
        .unwrap();
    assert_eq!(np.severity, Severity::Error);
    assert_eq!(np.file, "inputs/2023/a.yaml");
    assert!(
        np.en.contains("carried over is 0") && np.en.contains("carried forward 1"),
        "{}",
        np.en
    );
    assert!(np.en.contains("inputs/2022/a.yaml"), "{}", np.en);
    let bus = errs
        .iter()
        .find(|e| e.labels.iter().any(|l| l == "商业企业"))
        .unwrap();
    assert_eq!(at(bus), pos_after(&next, "carried_over:", "1}"));
    // It points back at last year's row.
    let (file, span, ..) = bus.related.as_ref().unwrap();
    assert_eq!(file, "inputs/2022/a.yaml");
    assert_eq!(
        span.map(|s| (s.line, s.col)),
        Some(pos(VALID_2021, "[1, 0, 0, 0, 0, 0, 1]"))
    );
    // The order of the files does not matter.
    assert_eq!(
        with_code(&check_set(&[&next_r, &prev]), Code::CarryOver).len(),
        2
    );
}

#[test]
fn carry_over_is_checked_only_between_consecutive_years_of_the_same_agency() {
    let next = edit(
        &next_2021(),
        "carried_over: {natural_person: 1}",
        "carried_over: {business: 1}",
    );
    let next = edit(
        &next,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [10, 1, 0, 0, 1, 1, 13]",
    );
    let other_agency = edit(&next, "agency: 示例县测试局", "agency: 示例县另一局");
    let d = set(&[("a.yaml", VALID_2021), ("b.yaml", &other_agency)]);
    assert!(d.is_empty(), "{d:#?}");
    let two_years_on = edit(&next, "year: 2023", "year: 2024");
    let two_years_on = edit(
        &two_years_on,
        "published: 2024-01-18",
        "published: 2025-01-18",
    );
    let d = set(&[("a.yaml", VALID_2021), ("b.yaml", &two_years_on)]);
    assert_quiet(&d, Code::CarryOver);
}

#[test]
fn two_files_for_the_same_agency_and_year() {
    let a = report(VALID_2021, "inputs/2022/a.yaml");
    let b = report(VALID_2021, "inputs/2022/b.yaml");
    let d = check_set(&[&a, &b]);
    let e = one(&d, Code::DuplicateReport);
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.file, "inputs/2022/b.yaml");
    assert_eq!(at(&e), (1, 7));
    assert!(
        e.en.contains("inputs/2022/a.yaml") && e.en.contains("inputs/2022/b.yaml"),
        "{}",
        e.en
    );
    // Another agency, or another year, is no duplicate.
    let c = report(
        &edit(VALID_2021, "agency: 示例县测试局", "agency: 示例县另一局"),
        "c.yaml",
    );
    assert_quiet(&check_set(&[&a, &c]), Code::DuplicateReport);
    let n = report(&next_2021(), "n.yaml");
    assert_quiet(&check_set(&[&a, &n]), Code::DuplicateReport);
}

// ---------------------------------------------------------------------------------------------
// Warnings

#[test]
fn edition_set_against_the_years_default() {
    // A 2022 report in the 2019 edition is out of date.
    let src = edit(VALID_2019, "year: 2020\n", "year: 2022\nedition: 2019\n");
    let src = edit(&src, "published: 2021-01-20", "published: 2023-01-20");
    let d = check(&src);
    let w = one(&d, Code::EditionMismatch);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(&w), (2, 10));
    assert!(w.en.contains("2021 edition"), "{}", w.en);
    assert_eq!(d.len(), 1, "{d:#?}");
    // Saying the default out loud is fine.
    let src = edit(VALID_2019, "year: 2020\n", "year: 2020\nedition: 2019\n");
    assert!(check(&src).is_empty());
    let src = edit(VALID_2021, "year: 2022\n", "year: 2022\nedition: 2021\n");
    assert!(check(&src).is_empty());
}

#[test]
fn late_department_report() {
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2023-02-01");
    let d = check(&src);
    let w = one(&d, Code::Late);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(&w), (3, 12));
    assert!(
        w.en.contains("2023-01-31") && w.en.contains(" 1 day "),
        "{}",
        w.en
    );
    assert_eq!(d.len(), 1);
    // The last day is in time.
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2023-01-31");
    assert_quiet(&check(&src), Code::Late);
}

#[test]
fn late_government_report() {
    let gov = edit(VALID_2021, "year: 2022\n", "year: 2022\nkind: government\n");
    let src = edit(&gov, "published: 2023-01-18", "published: 2023-04-01");
    let w = one(&check(&src), Code::Late);
    assert_eq!(at(&w), (4, 12));
    assert!(w.en.contains("2023-03-31"), "{}", w.en);
    assert!(
        w.zh.contains("3月31日") && w.zh.contains("逾期 1 天"),
        "{}",
        w.zh
    );
    // A government has until 31 March; a department would have been late.
    let src = edit(&gov, "published: 2023-01-18", "published: 2023-03-20");
    assert!(check(&src).is_empty());
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2023-03-20");
    one(&check(&src), Code::Late);
}

#[test]
fn no_published_date_is_not_late() {
    let src = edit(VALID_2021, "published: 2023-01-18\n", "");
    assert!(check(&src).is_empty());
}

#[test]
fn empty_text() {
    let src = edit(
        VALID_2021,
        "other_matters: |\n  本年度未收取信息处理费。\n",
        "other_matters: \"  \"\n",
    );
    let d = check(&src);
    let w = one(&d, Code::EmptyText);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "other_matters");
    // At the key: an empty value has no text of its own to point at.
    assert_eq!(at(&w), pos(&src, "other_matters:"));
    // An empty 六 does not also claim it leaves out the fees.
    assert_eq!(d.len(), 1, "{d:#?}");

    // An empty block, or nothing at all.
    for empty in ["other_matters: |\n\n", "other_matters:\n"] {
        let src = edit(
            VALID_2021,
            "other_matters: |\n  本年度未收取信息处理费。\n",
            empty,
        );
        let w = one(&check(&src), Code::EmptyText);
        assert_eq!(w.path, "other_matters");
        assert_eq!(at(&w), pos(&src, "other_matters:"), "{empty:?}");
    }
    let src = edit(
        VALID_2021,
        "problems: |\n  一是政策解读形式较为单一；二是部分信息更新不够及时。\n\n  下一步，我局将丰富解读形式，建立信息报送月通报制度。\n",
        "problems: |\n",
    );
    let d = check(&src);
    let w = one(&d, Code::EmptyText);
    assert_eq!(w.path, "problems");
    assert_eq!(at(&w), pos(&src, "problems:"));
    // Empty is reported as empty, not also as too short.
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn overview_too_long_in_the_2021_edition() {
    let overview = "2022年，我局认真贯彻《中华人民共和国政府信息公开条例》，推进政务公开。";
    let long = format!("  {}\n\n  {}", "公开".repeat(400), "信息".repeat(101));
    let src = edit(VALID_2021, &format!("  {overview}"), &long);
    let d = check(&src);
    let w = one(&d, Code::OverviewTooLong);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "overview");
    assert_eq!(w.line(), pos(&src, "公开公开").0);
    assert!(w.en.contains("1063 characters"), "{}", w.en);

    // 1,000 characters is within the limit (line breaks and spaces not counted).
    let rest = "（二）依申请公开情况。全年收到政府信息公开申请13件，上年结转1件，结转下年度办理1件。全年发生政府信息公开行政复议1件。";
    let pad = 1000 - rest.chars().count();
    let exact = format!("  {}", "公".repeat(pad));
    let src = edit(VALID_2021, &format!("  {overview}"), &exact);
    assert_quiet(&check(&src), Code::OverviewTooLong);

    // The 2019 notice set no limit.
    let src = edit(
        VALID_2019,
        "  2020年，我镇扎实推进政府信息公开工作。",
        &long,
    );
    assert_quiet(&check(&src), Code::OverviewTooLong);
}

#[test]
fn prose_contradicts_the_number_of_applications() {
    let src = edit(
        VALID_2021,
        "收到政府信息公开申请13件",
        "收到政府信息公开申请14件",
    );
    let d = check(&src);
    let w = one(&d, Code::ProseContradicts);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "overview");
    assert_eq!(w.line(), pos(&src, "收到政府信息公开申请14件").0);
    assert!(w.en.contains("14") && w.en.contains("13"), "{}", w.en);
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn prose_contradicts_the_number_of_reconsiderations() {
    let src = edit(VALID_2021, "行政复议1件", "行政复议2件");
    let w = one(&check(&src), Code::ProseContradicts);
    assert!(
        w.en.contains("2 reconsiderations") && w.en.contains("tables 1"),
        "{}",
        w.en
    );
    assert_eq!(w.labels, ["行政复议"]);
}

#[test]
fn prose_contradicts_carried_over_and_forward_and_lawsuits() {
    let src = edit(VALID_2021, "上年结转1件", "上年结转3件");
    assert!(
        one(&check(&src), Code::ProseContradicts)
            .en
            .contains("carried over")
    );
    let src = edit(VALID_2021, "结转下年度办理1件", "结转下年度办理2件");
    assert!(
        one(&check(&src), Code::ProseContradicts)
            .en
            .contains("carried forward")
    );
    let src = edit(
        VALID_2021,
        "行政复议1件。",
        "行政复议1件，政府信息公开行政诉讼 2 件。",
    );
    assert!(
        one(&check(&src), Code::ProseContradicts)
            .en
            .contains("lawsuits")
    );
    let src = edit(
        VALID_2021,
        "行政复议1件。",
        "行政复议1件，政府信息公开行政诉讼0件。",
    );
    assert!(check(&src).is_empty());
}

#[test]
fn prose_is_read_only_where_it_states_a_figure_clearly() {
    // A section title, a figure in another unit, a year: no claim.
    let src = edit(
        VALID_2021,
        "推进政务公开。",
        "推进政务公开，做好政府信息公开行政复议、行政诉讼应诉工作，收到申请的答复期限为20个工作日。",
    );
    assert!(check(&src).is_empty(), "{:#?}", check(&src));
}

#[test]
fn other_results_high_in_the_2019_edition() {
    let src = edit(
        VALID_2019,
        "disclosed: [3, 1, 0, 0, 0, 0]",
        "disclosed: [2, 1, 0, 0, 0, 0]",
    );
    let src = edit(
        &src,
        "other: [0, 0, 0, 0, 0, 0]",
        "other: [1, 0, 0, 0, 0, 0]",
    );
    let d = check(&src);
    let w = one(&d, Code::OtherResultsHigh);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(at(&w), pos(&src, "[1, 0, 0, 0, 0, 0]"));
    assert!(w.en.contains("1 of 5") && w.en.contains("20%"), "{}", w.en);
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn other_results_at_ten_percent_is_quiet() {
    // 1 of 10 results.
    let src = edit(
        VALID_2019,
        "new: [4, 1, 0, 0, 0, 0]",
        "new: [9, 1, 0, 0, 0, 0]",
    );
    let src = edit(
        &src,
        "disclosed: [3, 1, 0, 0, 0, 0]",
        "disclosed: [7, 1, 0, 0, 0, 0]",
    );
    let src = edit(
        &src,
        "other: [0, 0, 0, 0, 0, 0]",
        "other: [1, 0, 0, 0, 0, 0]",
    );
    let src = edit(
        &src,
        "total: [4, 1, 0, 0, 0, 0, 5]",
        "total: [9, 1, 0, 0, 0, 0, 10]",
    );
    assert!(check(&src).is_empty(), "{:#?}", check(&src));
}

#[test]
fn problems_repeated_from_last_year() {
    let next = edit(VALID_2021, "year: 2022", "year: 2023");
    let next = edit(&next, "published: 2023-01-18", "published: 2024-01-18");
    let next = edit(&next, "in_force: 5}", "in_force: 6}");
    // The same text, but for one word and the punctuation.
    let next = edit(
        &next,
        "二是部分信息更新不够及时。",
        "二是部分信息更新不够及时!",
    );
    let prev = report(VALID_2021, "2022.yaml");
    let next_r = report(&next, "2023.yaml");
    let d = check_set(&[&prev, &next_r]);
    let w = one(&d, Code::ProblemsRepeated);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.file, "2023.yaml");
    assert_eq!(w.line(), pos(&next, "一是政策解读").0);
    assert_eq!(w.related.as_ref().unwrap().0, "2022.yaml");
    assert_eq!(d.len(), 1, "{d:#?}");
    // A text written anew is quiet (consecutive_years_that_follow_on_are_quiet).
}

#[test]
fn problems_too_short() {
    let src = edit(
        VALID_2021,
        "  一是政策解读形式较为单一；二是部分信息更新不够及时。\n\n  下一步，我局将丰富解读形式，建立信息报送月通报制度。",
        "  无。",
    );
    let d = check(&src);
    let w = one(&d, Code::ProblemsTooShort);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "problems");
    assert_eq!(at(&w), pos(&src, "无。"));
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn fees_not_reported_in_the_2021_edition() {
    let src = edit(
        VALID_2021,
        "本年度未收取信息处理费。",
        "本年度无其他需要报告的事项。",
    );
    let d = check(&src);
    let w = one(&d, Code::FeesNotReported);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "other_matters");
    assert_eq!(at(&w), pos(&src, "本年度无其他"));
    assert_eq!(d.len(), 1, "{d:#?}");
    // The 2019 edition did not ask for it (VALID_2019 does not mention it).
    assert!(!VALID_2019.contains("处理费"));
    assert_quiet(&check(VALID_2019), Code::FeesNotReported);
}

#[test]
fn item_continuity_from_2019_to_2020() {
    let next = edit(
        VALID_2019,
        "{last_year: 25, change: 0,",
        "{last_year: 24, change: 0,",
    );
    let d = set(&[("2019.yaml", &prev_2019()), ("2020.yaml", &next)]);
    let w = one(&d, Code::ItemContinuity);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.file, "2020.yaml");
    assert_eq!(w.path, "proactive.other_services.last_year");
    assert_eq!(at(&w), pos_after(&next, "other_services", "24"));
    assert!(w.zh.contains("其他对外管理服务事项"), "{}", w.zh);
    assert!(
        w.en.contains("is 24") && w.en.contains("25 + 0 = 25"),
        "{}",
        w.en
    );
    assert_eq!(d.len(), 1, "{d:#?}");

    // last_year + change: 8 + 2 = 10, not 8.
    let prev = edit(
        &prev_2019(),
        "{last_year: 8, change: +2,",
        "{last_year: 8, change: 0,",
    );
    let d = set(&[("2019.yaml", &prev), ("2020.yaml", VALID_2019)]);
    let w = one(&d, Code::ItemContinuity);
    assert_eq!(w.path, "proactive.licensing.last_year");
    assert!(
        w.en.contains("is 10") && w.en.contains("8 + 0 = 8"),
        "{}",
        w.en
    );

    // A decrease: 12 − 2 = 10, not 12.
    let prev = edit(
        &prev_2019(),
        "{last_year: 8, change: +2,",
        "{last_year: 12, change: -2,",
    );
    assert!(set(&[("2019.yaml", &prev), ("2020.yaml", VALID_2019)]).is_empty());
    let next = edit(
        VALID_2019,
        "{last_year: 10, change: +2,",
        "{last_year: 12, change: +2,",
    );
    let w = one(
        &set(&[("2019.yaml", &prev), ("2020.yaml", &next)]),
        Code::ItemContinuity,
    );
    assert!(w.zh.contains("12 − 2 = 10"), "{}", w.zh);
}

#[test]
fn in_force_continuity_in_the_2021_edition() {
    let next = edit(&next_2021(), "in_force: 6}", "in_force: 7}");
    let d = set(&[("2022.yaml", VALID_2021), ("2023.yaml", &next)]);
    let w = one(&d, Code::InForceContinuity);
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.file, "2023.yaml");
    assert_eq!(w.path, "proactive.normative_documents.in_force");
    assert_eq!(at(&w), pos_after(&next, "normative_documents", "7}"));
    assert!(
        w.en.contains("in_force is 7") && w.en.contains("= 6"),
        "{}",
        w.en
    );
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn continuity_is_not_checked_across_editions() {
    // 2020 (edition 2019) → 2021 (edition 2021): the tables differ, nothing to compare.
    let next = edit(&next_2021(), "year: 2023", "year: 2021");
    let next = edit(&next, "published: 2024-01-18", "published: 2022-01-18");
    let next = edit(&next, "2023年，我局", "2021年，我局");
    let next = edit(&next, "agency: 示例县测试局", "agency: 示例镇人民政府");
    let d = set(&[("2020.yaml", VALID_2019), ("2021.yaml", &next)]);
    assert_quiet(&d, Code::ItemContinuity);
    assert_quiet(&d, Code::InForceContinuity);
    // carried over / forward still are: both 自然人 1.
    assert!(d.is_empty(), "{d:#?}");
}
