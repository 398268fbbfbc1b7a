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

/// What loading `src` says (the checks of the figures are not run).
fn load_diags(src: &str) -> Vec<xxgk::Diagnostic> {
    xxgk::input::load::load_str(src, "t.yaml").diagnostics
}

/// The column (1-based, in characters) of the first `needle` in the first line of `src`
/// holding `on`.
fn col_of(src: &str, on: &str, needle: &str) -> usize {
    let line = src.lines().find(|l| l.contains(on)).expect("line");
    line[..line.find(needle).expect("needle")].chars().count() + 1
}

#[test]
fn a_row_in_full_width_punctuation_is_written_back_with_the_clerks_own_figures() {
    for (row, fixed, more) in [
        // All commas full-width: one item.
        (
            "  new: [8，3，0，0，1，0，12]",
            "[8, 3, 0, 0, 1, 0, 12]",
            None,
        ),
        // Three figures where six or seven are due: said as well.
        (
            "  new: [1，2，3]",
            "[1, 2, 3]",
            Some("另外这里有 3 个数字，应为 6 个数字"),
        ),
        (
            "  new: [8、3、0、0、1、0、12]",
            "[8, 3, 0, 0, 1, 0, 12]",
            None,
        ),
        // One full-width comma among ASCII ones: five items, or six (a length that fits).
        ("  new: [5，2, 0, 0, 1, 0]", "[5, 2, 0, 0, 1, 0]", None),
        (
            "  new: [5，2, 0, 0, 1, 0, 8]",
            "[5, 2, 0, 0, 1, 0, 8]",
            None,
        ),
    ] {
        let src = edit("  new: [9, 3, 0, 0, 1, 1, 14]", row);
        let d = load_diags(&src);
        assert_eq!(d.len(), 1, "{row}: {d:#?}");
        let d = &d[0];
        assert_eq!(d.code, Code::WrongType);
        assert_eq!(d.path, "applications.new");
        // At the first full-width mark.
        let mark = if row.contains('、') { "、" } else { "，" };
        assert_eq!(
            (d.line(), d.column()),
            (line_of(&src, row), col_of(&src, row, mark)),
            "{row}"
        );
        let (zh_mark, en_mark) = if mark == "、" {
            ("顿号“、”", "enumeration commas (、)")
        } else {
            ("全角逗号“，”", "full-width commas (，)")
        };
        assert!(d.zh.contains(zh_mark), "{}", d.zh);
        assert!(d.en.contains(en_mark), "{}", d.en);
        assert!(d.zh.contains(&format!("请写成半角的 {fixed}")), "{}", d.zh);
        assert!(d.en.contains(&format!("write {fixed}")), "{}", d.en);
        match more {
            Some(m) => assert!(d.zh.contains(m), "{}", d.zh),
            None => assert!(!d.zh.contains("另外"), "{}", d.zh),
        }
    }
    // A row of table 二 too.
    let src = edit(
        "  normative_documents: {issued: 3, repealed: 1, in_force: {value: 14, note: 含1件部分条款废止}}",
        "  normative_documents: [3，1，14]",
    );
    let d = load_diags(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].zh.contains("请写成半角的 [3, 1, 14]"), "{}", d[0].zh);
    assert_eq!(d[0].column(), col_of(&src, "[3，1，14]", "，"));
}

#[test]
fn a_figure_and_its_chinese_words_are_spaced() {
    let src = edit("  new: [9, 3, 0, 0, 1, 1, 14]", "  new: [9, 3]");
    let d = load_diags(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].zh
            .contains("写了 2 个数字，应为 6 个数字（六类申请人）或 7 个数字"),
        "{}",
        d[0].zh
    );
    let src = edit(
        "  normative_documents: {issued: 3, repealed: 1, in_force: {value: 14, note: 含1件部分条款废止}}",
        "  normative_documents: [3, 1]",
    );
    let d = load_diags(&src);
    assert!(d[0].zh.contains("应为 3 个数字（issued"), "{}", d[0].zh);
}

#[test]
fn numbers_in_a_form_a_report_does_not_use_say_how_to_write_them() {
    for (from, to, written, zh, plain) in [
        (
            "fees: {amount: 21.6}",
            "fees: {amount: 1e10}",
            "1e10",
            "科学计数法",
            Some("10000000000"),
        ),
        (
            "fees: {amount: 21.6}",
            "fees: {amount: 2.5E-3}",
            "2.5E-3",
            "科学计数法",
            Some("0.0025"),
        ),
        (
            "fees: {amount: 21.6}",
            "fees: {amount: .5}",
            ".5",
            "小数点前后都要有数字",
            Some("0.5"),
        ),
        (
            "fees: {amount: 21.6}",
            "fees: {amount: +5}",
            "+5",
            "正号",
            Some("5"),
        ),
        (
            "fees: {amount: 21.6}",
            "fees: {amount: .inf}",
            ".inf",
            "无穷大",
            None,
        ),
        (
            "fees: {amount: 21.6}",
            "fees: {amount: nan}",
            "nan",
            "非数",
            None,
        ),
        (
            "{decisions: 2846}",
            "{decisions: 1e3}",
            "1e3",
            "科学计数法",
            Some("1000"),
        ),
        (
            "{decisions: 2846}",
            "{decisions: 0x10}",
            "0x10",
            "十六进制",
            Some("16"),
        ),
        (
            "{decisions: 2846}",
            "{decisions: inf}",
            "inf",
            "无穷大",
            None,
        ),
        (
            "{decisions: 2846}",
            "{decisions: 5.}",
            "5.",
            "小数点前后都要有数字",
            Some("5"),
        ),
    ] {
        let src = edit(from, to);
        let d = load_diags(&src);
        assert_eq!(d.len(), 1, "{to}: {d:#?}");
        let d = &d[0];
        assert_eq!(d.code, Code::WrongType, "{to}");
        assert_eq!(
            (d.line(), d.column()),
            (line_of(&src, to), col_of(&src, to, written))
        );
        assert!(d.zh.contains(zh), "{}", d.zh);
        assert!(!d.zh.contains("这里写的是数字"), "{}", d.zh);
        assert!(!d.labels.is_empty(), "{to}");
        match plain {
            Some(p) => {
                assert!(d.zh.contains(&format!("请写成 {p}")), "{}", d.zh);
                assert!(d.en.contains(&format!("as {p}")), "{}", d.en);
            }
            None => assert!(d.zh.contains("请写出实际的数字"), "{}", d.zh),
        }
    }
    // `.5` of a count is a fraction, as `2.5` is.
    let d = load_diags(&edit("{decisions: 2846}", "{decisions: .5}"));
    assert_eq!(d[0].code, Code::InvalidCount, "{d:#?}");
}

#[test]
fn a_thousands_separator_is_named_where_it_was_written() {
    // In a flow mapping YAML reads `1,234` as `decisions: 1` and a key `234`; in a block one
    // as the text `1,234`; in a list whose other commas have their space, as two items.
    for (from, to) in [
        (
            "  licensing: {decisions: 2846}",
            "  licensing: {decisions: 1,234}",
        ),
        (
            "  licensing: {decisions: 2846}",
            "  licensing:\n    decisions: 1,234",
        ),
        (
            "  licensing: {decisions: 2846}",
            "  licensing: {decisions: 1，234}",
        ),
        (
            "  new: [9, 3, 0, 0, 1, 1, 14]",
            "  new: [1,234, 3, 0, 0, 1, 1, 14]",
        ),
    ] {
        let src = edit(from, to);
        let d = load_diags(&src);
        assert_eq!(d.len(), 1, "{to}: {d:#?}");
        let d = &d[0];
        assert_eq!(d.code, Code::WrongType, "{to}");
        let written = if to.contains('，') {
            "1，234"
        } else {
            "1,234"
        };
        assert_eq!(
            (d.line(), d.column()),
            (line_of(&src, written), col_of(&src, written, written)),
            "{to}"
        );
        let span = d.span.unwrap();
        assert_eq!(span.end_col - span.col, 5, "{to}: the whole number");
        assert!(
            d.zh.contains("数字中不要用千位分隔符，请写成 1234"),
            "{}",
            d.zh
        );
        assert!(d.en.contains("thousands separators"), "{}", d.en);
    }
    // A list written without spaces is a list.
    let src = edit("  new: [9, 3, 0, 0, 1, 1, 14]", "  new: [9,3,0,0,1,1,14]");
    assert!(load_diags(&src).is_empty());
}

#[test]
fn a_file_that_is_not_a_report_s_yaml_says_so_and_what_to_do() {
    let prose = "示例县交通运输局2022年政府信息公开工作年度报告\n\n根据《中华人民共和国政府信息公开条例》，现公布本局2022年度报告，共3件、5件。\n";
    for (src, hint) in [
        (prose, "`xxgk import t.yaml -o 新文件.yaml`"),
        ("会议纪要\n\n今天开会，讨论了三件事。\n", "`xxgk new`"),
        ("- year: 2022\n- agency: 示例县交通运输局\n", "“- ”"),
    ] {
        let l = xxgk::input::load::load_str(src, "t.yaml");
        assert!(l.report.is_none());
        assert_eq!(l.diagnostics.len(), 1);
        let d = &l.diagnostics[0];
        assert_eq!(d.code, Code::WrongType);
        assert_eq!((d.line(), d.column()), (1, 1));
        assert_eq!(d.path, "");
        assert!(d.zh.contains("这个文件不是报告的 YAML 数据"), "{}", d.zh);
        assert!(d.zh.contains("“year: 2022” 这样"), "{}", d.zh);
        assert!(d.zh.contains(hint), "{}", d.zh);
        assert!(
            !d.zh.contains("不要用逗号") && !d.zh.contains("单位"),
            "{}",
            d.zh
        );
        assert!(d.en.contains("not a report's YAML"), "{}", d.en);
    }
}

#[test]
fn a_file_that_is_no_text_at_all_is_not_called_gbk() {
    let elf = [
        b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0".as_slice(),
        &[0xFF; 40],
    ]
    .concat();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x04\0\0\0\x04\x08\x02".to_vec();
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n".to_vec();
    // Nothing recognised: control bytes and bytes that are neither UTF-8 nor GBK.
    let noise: Vec<u8> = (0..400u32).map(|i| (i * 37 % 251) as u8 | 0x01).collect();
    for (bytes, what) in [
        (elf, "是程序"),
        (png, "是图片"),
        (pdf, "是 PDF 文件"),
        (noise, "可能是程序、图片或压缩包"),
    ] {
        let l = xxgk::input::load::load_bytes(&bytes, "x.yaml");
        assert!(l.report.is_none());
        assert_eq!(l.diagnostics.len(), 1, "{what}");
        let d = &l.diagnostics[0];
        assert_eq!(d.code, Code::Unreadable, "{what}");
        assert!(
            d.zh.contains("这不是文本文件") && d.zh.contains(what),
            "{}",
            d.zh
        );
        assert!(d.zh.contains("报告应为 YAML 文本"), "{}", d.zh);
        assert!(!d.zh.contains("GBK") && !d.en.contains("GBK"), "{}", d.zh);
        // A published report is what `xxgk import` reads.
        assert_eq!(
            d.zh.contains("xxgk import x.yaml"),
            what.contains("PDF"),
            "{}",
            d.zh
        );
    }
    // UTF-16 without its byte order mark is UTF-16.
    let bytes: Vec<u8> = BASE.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let d = xxgk::input::load::load_bytes(&bytes, "u16.yaml").diagnostics;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::NotUtf8);
    assert!(d[0].zh.contains("UTF-16"), "{}", d[0].zh);
}

#[test]
fn punctuation_without_digits_is_not_told_to_drop_its_separators() {
    let src = BASE.replacen("  new: [", "  new: ，，， #[", 1);
    let d = diags(&src);
    let first = d
        .iter()
        .find(|d| d.path == "applications.new")
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(!first.zh.contains("逗号分隔"), "{}", first.zh);
}
