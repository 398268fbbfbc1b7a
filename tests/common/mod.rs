//! Shared by the integration tests: two small valid reports and helpers to change one cell.
#![allow(dead_code)]

use xxgk::Diagnostic;
use xxgk::input::load::load_str;

/// A valid report on 2022 in the 2021 edition (the default for 2022): the table balances,
/// the prose agrees with the tables, 六 mentions the 信息处理费.
pub const VALID_2021: &str = "\
year: 2022
agency: 示例县测试局
published: 2023-01-18
overview: |
  2022年，我局认真贯彻《中华人民共和国政府信息公开条例》，推进政务公开。

  （二）依申请公开情况。全年收到政府信息公开申请13件，上年结转1件，结转下年度办理1件。全年发生政府信息公开行政复议1件。
proactive:
  regulations: {issued: 0, repealed: 0, in_force: 0}
  normative_documents: {issued: 2, repealed: 1, in_force: 5}
  licensing: {decisions: 120}
  penalties: {decisions: 30}
  coercion: {decisions: 2}
  fees: {amount: 363.62}
applications:
  new: [9, 2, 0, 0, 1, 1, 13]
  carried_over: {natural_person: 1}
  results:
    disclosed: [4, 1, 0, 0, 1, 0, 6]
    partially_disclosed: {natural_person: 1}
    withheld:
      third_party: [1, 0, 0, 0, 0, 0]
    unable:
      not_held: [1, 1, 0, 0, 0, 1, 3]
    not_processed:
      petition: {natural_person: 1}
    other:
      no_correction: {natural_person: 1}
    total: [9, 2, 0, 0, 1, 1, 13]
  carried_forward: [1, 0, 0, 0, 0, 0, 1]
reconsideration: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}
litigation:
  direct: [0, 0, 0, 0, 0]
  after_reconsideration: {upheld: 0, corrected: 0, other: 0, pending: 0}
problems: |
  一是政策解读形式较为单一；二是部分信息更新不够及时。

  下一步，我局将丰富解读形式，建立信息报送月通报制度。
other_matters: |
  本年度未收取信息处理费。
";

/// A valid report on 2020 in the 2019 edition (the default for 2020).
pub const VALID_2019: &str = "\
year: 2020
agency: 示例镇人民政府
published: 2021-01-20
overview: |
  2020年，我镇扎实推进政府信息公开工作。
proactive:
  regulations: {made: 0, published: 0, total: 0}
  normative_documents: {made: 2, published: 2, total: 9}
  licensing: {last_year: 10, change: +2, decisions: 50}
  other_services: {last_year: 25, change: 0, decisions: 400}
  penalties: {last_year: 40, change: 0, decisions: 63}
  coercion: {last_year: 6, change: 0, decisions: 2}
  fees: {last_year: 3, change: 0}
  procurement: {projects: 4, amount: 12.5}
applications:
  new: [4, 1, 0, 0, 0, 0]
  carried_over: {natural_person: 1}
  results:
    disclosed: [3, 1, 0, 0, 0, 0]
    unable:
      not_held: {natural_person: 1}
    other: [0, 0, 0, 0, 0, 0]
    total: [4, 1, 0, 0, 0, 0, 5]
  carried_forward: {natural_person: 1}
reconsideration: [0, 0, 0, 0]
litigation:
  direct: [0, 0, 0, 0, 0]
  after_reconsideration: [0, 0, 0, 0, 0]
problems: |
  一是工作人员多为兼职，答复不够规范；二是村级公开内容更新不及时。
other_matters: |
  本年度无其他需要报告的事项。
";

/// `src` with the one occurrence of `from` replaced by `to` (panics unless there is exactly one,
/// so that a test never silently changes nothing).
pub fn edit(src: &str, from: &str, to: &str) -> String {
    assert_eq!(
        src.matches(from).count(),
        1,
        "`{from}` must occur exactly once in the source"
    );
    src.replacen(from, to, 1)
}

/// The 1-based line and column (in characters) where `needle` starts in `src`, searching
/// from the first occurrence of `after` (so that a cell can be found within its row).
pub fn pos_after(src: &str, after: &str, needle: &str) -> (usize, usize) {
    let start = src
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` not in source"));
    let off = start
        + src[start..]
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not after `{after}`"));
    let line = src[..off].matches('\n').count() + 1;
    let line_start = src[..off].rfind('\n').map_or(0, |i| i + 1);
    (line, src[line_start..off].chars().count() + 1)
}

/// Where `needle` first starts in `src`.
pub fn pos(src: &str, needle: &str) -> (usize, usize) {
    pos_after(src, needle, needle)
}

/// The character at a 1-based line and column.
pub fn char_at(src: &str, (line, col): (usize, usize)) -> Option<char> {
    src.lines().nth(line - 1)?.chars().nth(col - 1)
}

pub fn at(d: &Diagnostic) -> (usize, usize) {
    (d.line(), d.column())
}

/// The diagnostics of loading `src` (no checks).
pub fn load_diags(src: &str) -> Vec<Diagnostic> {
    load_str(src, "t.yaml").diagnostics
}

pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

/// Loads YAML that must have no errors (an imported report, say); the errors are shown if not.
pub fn load_ok(yaml: &str, name: &str) -> xxgk::Report {
    let loaded = load_str(yaml, name);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == xxgk::Severity::Error)
        .map(|d| format!("{}:{} {} {}", d.line(), d.column(), d.code.as_str(), d.en))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{yaml}");
    loaded.report.expect("a report")
}

/// The report in Markdown, HTML and Typst.
pub fn render_all(r: &xxgk::Report) -> Vec<(&'static str, String)> {
    let view = xxgk::render::ReportView::new(r, xxgk::render::pdf::default_fonts());
    let t = xxgk::render::Templates::load(None).expect("templates");
    ["md", "html", "typ"]
        .into_iter()
        .map(|f| (f, t.report(&view, f).expect("renders")))
        .collect()
}

pub fn assert_same_rendering(
    original: &xxgk::Report,
    imported: &xxgk::Report,
    what: &str,
    yaml: &str,
) {
    for ((f, a), (_, b)) in render_all(original).into_iter().zip(render_all(imported)) {
        if a != b {
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{what}: the {f} output differs at line {}:\n  original: {:?}\n  imported: {:?}\n--- imported YAML:\n{yaml}",
                line + 1,
                a.lines().nth(line),
                b.lines().nth(line)
            );
        }
    }
}
