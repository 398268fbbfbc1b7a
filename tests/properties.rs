//! Property tests: any random balanced report passes `check`; any single changed figure of
//! table 三 or 四 is caught and located on its own row.

use proptest::prelude::*;
use xxgk::Edition;
use xxgk::util::synth::{Spec, report_yaml};

fn spec(seed: u64, e: Edition, totals: bool) -> Spec {
    let year = if e == Edition::E2019 { 2020 } else { 2023 };
    Spec {
        seed,
        year,
        agency: "示例县测试局".into(),
        edition: e,
        with_totals: totals,
    }
}

fn edition() -> impl Strategy<Value = Edition> {
    prop_oneof![Just(Edition::E2019), Just(Edition::E2021)]
}

/// The lines of table 三 and 四 rows: (line index, text).
fn figure_rows(text: &str) -> Vec<usize> {
    let mut in_tables = false;
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.starts_with("applications:") {
            in_tables = true;
        } else if l.starts_with("problems:") {
            in_tables = false;
        }
        if in_tables && l.contains('[') {
            out.push(i);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn balanced_reports_pass(seed in any::<u64>(), e in edition(), totals in any::<bool>()) {
        let text = report_yaml(&spec(seed, e, totals));
        let loaded = xxgk::input::load::load_str(&text, "p.yaml");
        prop_assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let diags = xxgk::check::check_report(loaded.report.as_ref().unwrap());
        prop_assert!(diags.is_empty(), "{:?}\n{}", diags, text);
    }

    #[test]
    fn a_changed_figure_is_caught_on_its_row(seed in any::<u64>(), e in edition(), pick in any::<prop::sample::Index>(), cell in 0usize..7, delta in 1u64..5) {
        let text = report_yaml(&spec(seed, e, true));
        let rows = figure_rows(&text);
        let line = rows[pick.index(rows.len())];
        let lines: Vec<&str> = text.lines().collect();
        let row = lines[line];
        let (head, list) = row.split_once('[').unwrap();
        let mut values: Vec<u64> = list.trim_end_matches(']').split(',').map(|v| v.trim().parse().unwrap()).collect();
        let i = cell % values.len();
        values[i] += delta;
        let changed = format!("{head}[{}]", values.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        let mut new_lines = lines.clone();
        new_lines[line] = &changed;
        let text2 = new_lines.join("\n") + "\n";
        let loaded = xxgk::input::load::load_str(&text2, "p.yaml");
        let diags = xxgk::check::check_report(loaded.report.as_ref().unwrap());
        let errors: Vec<_> = diags.iter().filter(|d| d.severity == xxgk::Severity::Error).collect();
        prop_assert!(!errors.is_empty(), "not caught: {}", changed);
        prop_assert!(
            errors.iter().any(|d| d.span.is_some_and(|s| s.line == line + 1)),
            "no error on line {}: {:?}", line + 1, errors
        );
    }
}
