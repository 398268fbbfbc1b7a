//! The mistakes clerks make most, each met with a message at the right spot.

use xxgk::Code;

const BASE: &str = include_str!("../inputs/2022/example-county-transport.yaml");

fn diags(src: &str) -> Vec<xxgk::Diagnostic> {
    let loaded = xxgk::input::load::load_str(src, "t.yaml");
    let mut d = loaded.diagnostics;
    if let Some(r) = &loaded.report {
        d.extend(xxgk::check::check_report(r));
    }
    d
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

fn edit(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from}");
    BASE.replacen(from, to, 1)
}

#[test]
fn a_full_width_colon_after_a_key_is_named_on_its_line() {
    for (from, to, key) in [
        (
            "agency: 示例县交通运输局",
            "agency：示例县交通运输局",
            "agency",
        ),
        ("  penalties: {", "  penalties：{", "penalties"),
    ] {
        let src = edit(from, to);
        let d = diags(&src);
        assert!(!d.is_empty());
        let first = d
            .iter()
            .find(|d| d.zh.contains("中文冒号"))
            .unwrap_or_else(|| panic!("{d:#?}"));
        assert_eq!(first.line(), line_of(&src, to), "{to}");
        assert!(first.zh.contains(key));
        assert_eq!(
            first.column(),
            to.find('：').map(|i| to[..i].chars().count() + 1).unwrap()
        );
    }
}

#[test]
fn a_colon_without_its_space_and_full_width_indentation_are_named() {
    let src = edit("year: 2022", "year:2022");
    let d = diags(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0].line(), d[0].column()),
        (line_of(&src, "year:2022"), 5)
    );
    assert!(d[0].en.contains("no space after `year:`"));

    let src = edit("  licensing:", "\u{3000}\u{3000}licensing:");
    let d = diags(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].line(), line_of(&src, "licensing:"));
    assert!(d[0].zh.contains("全角空格"));
}

#[test]
fn an_official_label_used_as_a_key_suggests_the_key() {
    let src = edit("  licensing:", "  行政许可:");
    let d = diags(&src);
    let u = d.iter().find(|d| d.code == Code::UnknownKey).unwrap();
    assert!(u.en.contains("did you mean `licensing`"), "{}", u.en);
    let src = edit("overview: |", "总体情况: |");
    let d = diags(&src);
    let u = d.iter().find(|d| d.code == Code::UnknownKey).unwrap();
    assert!(u.en.contains("did you mean `overview`"), "{}", u.en);
}

#[test]
fn a_figure_of_the_wrong_type_names_its_row_and_column_and_the_slip() {
    let src = edit(
        "  licensing: {decisions: 2846}",
        "  licensing: {decisions: １２}",
    );
    let d = diags(&src);
    let w = d
        .iter()
        .find(|d| d.code == Code::WrongType)
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(
        w.zh.contains("行政许可") && w.zh.contains("本年处理决定数量"),
        "{}",
        w.zh
    );
    assert!(w.zh.contains("全角数字"), "{}", w.zh);
    assert!(w.labels.iter().any(|l| l == "行政许可"));
}

#[test]
fn utf16_is_not_called_gbk() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in BASE.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let d = xxgk::input::load::load_bytes(&bytes, "u16.yaml").diagnostics;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::NotUtf8);
    assert!(d[0].zh.contains("UTF-16") && !d[0].zh.contains("GBK"));
}

#[test]
fn a_publication_date_before_the_year_ended_or_in_the_future_is_a_warning() {
    for (date, fires) in [
        ("2022-12-30", true),
        ("2023-01-18", false),
        ("2099-01-01", true),
    ] {
        let src = edit("published: 2023-01-18", &format!("published: {date}"));
        let d = diags(&src);
        assert_eq!(
            d.iter().any(|d| d.code == Code::PublishedDate),
            fires,
            "{date}: {d:#?}"
        );
    }
}

#[test]
fn prose_about_a_part_or_another_year_is_not_a_contradiction() {
    let src = edit(
        "overview: |\n",
        "overview: |\n  其中通过网络平台收到政府信息公开申请3件，较2021年收到政府信息公开申请30件有所减少。\n\n",
    );
    let d = diags(&src);
    assert!(
        !d.iter().any(|d| d.code == Code::ProseContradicts),
        "{d:#?}"
    );
}

#[test]
fn a_heading_line_without_blank_lines_stays_a_heading() {
    let src = edit(
        "overview: |\n",
        "overview: |\n  前言一句。\n  （一）测试小标题\n  正文一句。\n\n",
    );
    let r = xxgk::input::load::load_str(&src, "t.yaml").report.unwrap();
    let p = r.overview.paragraphs();
    assert_eq!(p[0].text, "前言一句。");
    assert!(p[1].heading && p[1].text == "（一）测试小标题");
    assert_eq!(p[2].text, "正文一句。");
}

#[test]
fn check_reports_items_an_import_left_to_verify() {
    let src = edit(
        "  penalties: {",
        "  # 待核对: 原文此格为空，按 0 录入\n  penalties: {",
    );
    let d = diags(&src);
    let u: Vec<_> = d.iter().filter(|d| d.code == Code::Unverified).collect();
    assert_eq!(u.len(), 1, "{d:#?}");
    assert_eq!(u[0].line(), line_of(&src, "待核对"));
}

#[test]
fn full_width_commas_and_brackets_in_a_row_are_named() {
    let line = BASE
        .lines()
        .find(|l| l.trim_start().starts_with("new: ["))
        .expect("a row written as a list");
    let full_width = line.replace(", ", "，");
    let bracketed = full_width.replace('[', "（").replace(']', "）");
    for written in [full_width, bracketed] {
        let src = edit(line, &written);
        let d = diags(&src);
        let hit = d
            .iter()
            .find(|d| d.code == Code::WrongType && d.line() == line_of(&src, &written))
            .unwrap_or_else(|| panic!("{d:#?}"));
        assert!(hit.zh.contains("全角逗号“，”"), "{}", hit.zh);
        assert!(hit.en.contains("full-width commas (，)"), "{}", hit.en);
        assert!(!hit.en.contains("1 numbers"), "{}", hit.en);
        if written.contains('（') {
            assert!(hit.zh.contains("全角括号"), "{}", hit.zh);
        }
    }
}
