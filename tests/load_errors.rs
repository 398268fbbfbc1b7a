//! Reading a file: every kind of bad input gives its diagnostic code, at the place a clerk must
//! look (line:column), with a message that says what to do.

mod common;

use common::*;
use std::time::{Duration, Instant};
use xxgk::input::load::{load_bytes, load_str};
use xxgk::report::{Date, Number};
use xxgk::{Code, Diagnostic, Severity};

/// The one diagnostic of loading `src`.
fn only(src: &str) -> Diagnostic {
    let mut d = load_diags(src);
    assert_eq!(d.len(), 1, "expected exactly one diagnostic, got {d:#?}");
    d.remove(0)
}

#[test]
fn the_valid_samples_load_without_diagnostics() {
    for src in [VALID_2021, VALID_2019] {
        let l = load_str(src, "t.yaml");
        assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
        assert!(l.report.is_some());
    }
}

// ---------------------------------------------------------------------------------------------
// Not YAML at all

#[test]
fn unclosed_bracket_points_at_the_bracket() {
    let src = edit(
        VALID_2021,
        "  new: [9, 2, 0, 0, 1, 1, 13]",
        "  new: [9, 2, 0, 0, 1, 1, 13",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), pos(&src, "[9, 2"));
    assert!(d.en.contains("`[`"), "{}", d.en);
    assert!(
        d.zh.contains("`[`") && d.zh.contains("没有配对"),
        "{}",
        d.zh
    );
}

#[test]
fn unclosed_bracket_at_the_end_of_the_file() {
    let d = only("year: 2022\nagency: [慈溪, 交通\n");
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), (2, 9));
}

#[test]
fn tab_in_the_indentation_points_at_the_tab() {
    let d = only("year: 2022\nlitigation:\n\tdirect: [0, 0, 0, 0]\n");
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), (3, 1));
    assert!(d.zh.contains("制表符"), "{}", d.zh);
    assert!(d.en.contains("tab"), "{}", d.en);

    // The parser notices a tab in front of a key only at the end of the line before.
    let d = only("litigation:\n  direct: [0, 0, 0, 0]\n\tafter_reconsideration: [0, 0, 0, 0]\n");
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), (3, 1));
}

#[test]
fn unclosed_quote() {
    let d = only("year: 2022\nagency: \"示例县测试局\noverview: x\n");
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), (2, 9));
    assert!(d.en.contains("quote"), "{}", d.en);
}

#[test]
fn two_documents_in_one_file() {
    let d = only("year: 2022\n---\nyear: 2023\n");
    assert_eq!(d.code, Code::Syntax);
    assert_eq!(at(&d), (2, 1));
}

#[test]
fn gbk_file_is_not_utf8_and_the_message_says_how_to_convert() {
    // 慈溪 in GBK.
    let mut bytes = b"year: 2022\nagency: ".to_vec();
    bytes.extend([0xB4, 0xC8, 0xCF, 0xAA]);
    bytes.extend(b"\xbd\xbb\xcd\xa8\n");
    let l = load_bytes(&bytes, "gbk.yaml");
    assert!(l.report.is_none());
    assert_eq!(l.diagnostics.len(), 1);
    let d = &l.diagnostics[0];
    assert_eq!(d.code, Code::NotUtf8);
    assert_eq!(at(d), (2, 9));
    for msg in [&d.zh, &d.en] {
        assert!(msg.contains("GBK"), "{msg}");
        assert!(msg.contains("iconv -f GBK -t UTF-8 gbk.yaml"), "{msg}");
    }
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(VALID_2021.as_bytes());
    let l = load_bytes(&bytes, "bom.yaml");
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    assert_eq!(l.report.unwrap().agency, "示例县测试局");
}

#[test]
fn empty_file() {
    for src in ["", "\n\n", "   \n"] {
        let d = only(src);
        assert_eq!(d.code, Code::Empty, "{src:?}");
        assert_eq!(at(&d), (1, 1));
    }
    assert!(load_str("", "t.yaml").report.is_none());
}

#[test]
fn comments_only_file_is_empty() {
    let d = only("# 2022年报告\n# 待填写\n\n");
    assert_eq!(d.code, Code::Empty);
    assert_eq!(at(&d), (1, 1));
    assert!(d.en.contains("comments"), "{}", d.en);
}

#[test]
fn a_list_at_the_top_is_the_wrong_type() {
    let d = only("- year: 2022\n- agency: x\n");
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(at(&d), (1, 1));
}

// ---------------------------------------------------------------------------------------------
// Keys

#[test]
fn unknown_key_suggests_the_nearest_valid_key() {
    let src = edit(VALID_2021, "  carried_forward:", "  carried_foward:");
    let d = only(&src);
    assert_eq!(d.code, Code::UnknownKey);
    assert_eq!(at(&d), pos(&src, "carried_foward"));
    assert_eq!(d.path, "applications.carried_foward");
    assert!(d.en.contains("did you mean `carried_forward`?"), "{}", d.en);
    assert!(d.zh.contains("`carried_forward`"), "{}", d.zh);
}

#[test]
fn unknown_key_at_the_top_level_suggests_and_the_section_is_then_missing() {
    let src = edit(VALID_2021, "\nreconsideration:", "\nreconsidration:");
    let d = load_diags(&src);
    let unknown = d
        .iter()
        .find(|d| d.code == Code::UnknownKey)
        .expect("unknown-key");
    assert_eq!(at(unknown), pos(&src, "reconsidration"));
    assert_eq!(unknown.path, "reconsidration");
    assert!(unknown.en.contains("`reconsideration`"), "{}", unknown.en);
    let missing = d
        .iter()
        .find(|d| d.code == Code::MissingKey)
        .expect("missing-key");
    assert_eq!(missing.path, "reconsideration");
    assert_eq!(d.len(), 2, "{d:#?}");
}

#[test]
fn unknown_key_far_from_any_valid_key_lists_the_valid_ones() {
    let src = edit(
        VALID_2021,
        "  licensing: {decisions: 120}",
        "  licensing: {zzz: 120}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::UnknownKey);
    assert_eq!(at(&d), pos(&src, "zzz"));
    assert!(d.en.contains("decisions"), "{}", d.en);
}

#[test]
fn missing_required_key() {
    let src = edit(
        VALID_2021,
        "problems: |\n  一是政策解读形式较为单一；二是部分信息更新不够及时。\n\n  下一步，我局将丰富解读形式，建立信息报送月通报制度。\n",
        "",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::MissingKey);
    assert_eq!(d.path, "problems");
    assert_eq!(at(&d), (1, 1));
    assert!(d.zh.contains("五、存在的主要问题及改进情况"), "{}", d.zh);
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let src = edit(
        VALID_2021,
        "published: 2023-01-18\n",
        "published: 2023-01-18\nagency: 另一个局\n",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::DuplicateKey);
    assert_eq!(d.path, "agency");
    assert_eq!(at(&d), (4, 1));
    let (_, first, ..) = d.related.as_ref().expect("points back at the first one");
    assert_eq!(first.map(|s| (s.line, s.col)), Some((2, 1)));
    // The first one is kept.
    let r = load_str(&src, "t.yaml").report.unwrap();
    assert_eq!(r.agency, "示例县测试局");
}

#[test]
fn duplicate_key_inside_a_row_names_its_full_path() {
    let src = edit(
        VALID_2021,
        "{issued: 2, repealed: 1, in_force: 5}",
        "{issued: 2, repealed: 1, issued: 5}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::DuplicateKey);
    assert_eq!(d.path, "proactive.normative_documents.issued");
    assert_eq!(at(&d), pos_after(&src, "repealed: 1", "issued"));
}

// ---------------------------------------------------------------------------------------------
// Types and values

#[test]
fn text_where_a_number_goes() {
    let src = edit(VALID_2021, "{decisions: 120}", "{decisions: 一百二十}");
    let d = only(&src);
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(d.path, "proactive.licensing.decisions");
    assert_eq!(at(&d), pos(&src, "一百二十"));
}

#[test]
fn a_quoted_number_is_the_wrong_type_and_the_message_says_why() {
    let src = edit(VALID_2021, "{decisions: 30}", "{decisions: \"30\"}");
    let d = only(&src);
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(at(&d), pos(&src, "\"30\""));
    assert!(d.en.contains("without quotes"), "{}", d.en);
    assert!(d.zh.contains("不要加引号"), "{}", d.zh);
}

#[test]
fn a_figure_with_its_unit_is_the_wrong_type() {
    let src = edit(VALID_2021, "{decisions: 30}", "{decisions: 30件}");
    let d = only(&src);
    assert_eq!(d.code, Code::WrongType);
    assert!(d.zh.contains("不要带单位"), "{}", d.zh);
}

#[test]
fn an_applications_row_of_five_numbers() {
    let src = edit(
        VALID_2021,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [9, 2, 0, 0, 1]",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(d.path, "applications.new");
    assert_eq!(at(&d), pos(&src, "[9, 2, 0, 0, 1]"));
    assert_eq!(
        d.en,
        "`applications.new` has 5 numbers; it should be 6 numbers (the applicants) or 7 (and 总计)"
    );
    assert!(d.zh.contains("写了 5 个数字"), "{}", d.zh);
}

#[test]
fn an_outcome_row_of_three_numbers() {
    let src = edit(VALID_2021, "direct: [0, 0, 0, 0, 0]", "direct: [0, 0, 0]");
    let d = only(&src);
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(d.path, "litigation.direct");
    assert_eq!(at(&d), pos(&src, "[0, 0, 0]"));
}

#[test]
fn negative_count() {
    let src = edit(
        VALID_2021,
        "carried_over: {natural_person: 1}",
        "carried_over: {natural_person: -1}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidCount);
    assert_eq!(d.path, "applications.carried_over.natural_person");
    assert_eq!(at(&d), pos_after(&src, "carried_over", "-1"));
    assert_eq!(d.labels, ["二、上年结转政府信息公开申请数量", "自然人"]);
    assert!(d.zh.contains("负数") && d.zh.contains("自然人"), "{}", d.zh);
}

#[test]
fn fractional_count() {
    let src = edit(VALID_2021, "{decisions: 2}", "{decisions: 2.5}");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidCount);
    assert_eq!(at(&d), pos(&src, "2.5"));
    assert!(d.en.contains("whole number"), "{}", d.en);
}

#[test]
fn count_over_a_billion() {
    let src = edit(VALID_2021, "{decisions: 120}", "{decisions: 1000000001}");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidCount);
    assert_eq!(at(&d), pos(&src, "1000000001"));
    // 10^9 itself is accepted.
    let src = edit(VALID_2021, "{decisions: 120}", "{decisions: 1000000000}");
    assert!(load_diags(&src).is_empty());
}

#[test]
fn a_change_may_be_negative() {
    let src = edit(
        VALID_2019,
        "{last_year: 6, change: 0,",
        "{last_year: 6, change: -2,",
    );
    let l = load_str(&src, "t.yaml");
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    let r = l.report.unwrap();
    let c = r.proactive_value("coercion", "change").unwrap();
    assert_eq!(c.value, Number::Change(-2));
    assert_eq!(c.value.display(), "-2");
}

#[test]
fn negative_amount() {
    let src = edit(VALID_2021, "fees: {amount: 363.62}", "fees: {amount: -1.5}");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidAmount);
    assert_eq!(d.path, "proactive.fees.amount");
    assert_eq!(at(&d), pos(&src, "-1.5"));
}

#[test]
fn amount_with_seven_decimals() {
    let src = edit(
        VALID_2021,
        "fees: {amount: 363.62}",
        "fees: {amount: 1.1234567}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidAmount);
    assert_eq!(at(&d), pos(&src, "1.1234567"));
    assert!(d.en.contains("7 decimals"), "{}", d.en);
    // Six decimals (万元 to the 分) are fine and kept as written.
    let src = edit(
        VALID_2021,
        "fees: {amount: 363.62}",
        "fees: {amount: 24252.311082}",
    );
    let l = load_str(&src, "t.yaml");
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    let r = l.report.unwrap();
    assert_eq!(
        r.proactive_value("fees", "amount").unwrap().value.display(),
        "24252.311082"
    );
}

#[test]
fn an_amount_is_kept_exactly_as_written() {
    let r = load_str(VALID_2021, "t.yaml").report.unwrap();
    assert_eq!(
        r.proactive_value("fees", "amount").unwrap().value,
        Number::Amount {
            text: "363.62".into(),
            micros: 363_620_000
        }
    );
    let src = edit(VALID_2019, "amount: 12.5}", "amount: 363.62}");
    let r = load_str(&src, "t.yaml").report.unwrap();
    let cell = r.proactive_value("procurement", "amount").unwrap();
    assert_eq!(cell.value.display(), "363.62");
    // Trailing zeros too: what the clerk wrote is what is printed.
    let src = edit(VALID_2021, "fees: {amount: 363.62}", "fees: {amount: 0.50}");
    let r = load_str(&src, "t.yaml").report.unwrap();
    assert_eq!(
        r.proactive_value("fees", "amount").unwrap().value.display(),
        "0.50"
    );
}

#[test]
fn a_cell_with_a_note() {
    let src = edit(
        VALID_2021,
        "in_force: 5}",
        "in_force: {value: 5, note: 其中一件失效}}",
    );
    let l = load_str(&src, "t.yaml");
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    let r = l.report.unwrap();
    let c = r
        .proactive_value("normative_documents", "in_force")
        .unwrap();
    assert_eq!(c.value, Number::Count(5));
    assert_eq!(c.note.as_deref(), Some("其中一件失效"));
    // A note without its value.
    let src = edit(
        VALID_2021,
        "in_force: 5}",
        "in_force: {note: 其中一件失效}}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::MissingKey);
    assert_eq!(d.path, "proactive.normative_documents.in_force.value");
    assert_eq!(at(&d), pos(&src, "{note"));
}

#[test]
fn impossible_date() {
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2023-02-30");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidDate);
    assert_eq!(d.path, "published");
    assert_eq!(at(&d), (3, 12));
    assert!(d.en.contains("YYYY-MM-DD"), "{}", d.en);
}

#[test]
fn date_with_slashes() {
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2023/01/18");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidDate);
    assert_eq!(at(&d), (3, 12));
    // A leap day is a date.
    let src = edit(VALID_2021, "published: 2023-01-18", "published: 2024-02-29");
    assert!(load_diags(&src).iter().all(|d| d.code != Code::InvalidDate));
}

#[test]
fn year_before_2019() {
    // One error, not a cascade: the year is wrong, the 2021-style rows are not.
    let src = edit(VALID_2021, "year: 2022", "year: 2018");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidYear);
    assert_eq!(d.path, "year");
    assert_eq!(at(&d), (1, 7));
    assert!(d.en.contains("2018") && d.en.contains("2019"), "{}", d.en);
    // The same for a 2019-style file.
    let src = edit(VALID_2019, "year: 2020", "year: 2018");
    assert_eq!(only(&src).code, Code::InvalidYear);
}

#[test]
fn year_after_the_current_year() {
    let this_year = Date::today().year;
    let src = edit(
        VALID_2021,
        "year: 2022",
        &format!("year: {}", this_year + 1),
    );
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidYear);
    assert_eq!(at(&d), (1, 7));
    assert!(d.en.contains(&this_year.to_string()), "{}", d.en);
    // The current year itself is accepted (a report may be drafted before the year ends).
    let src = edit(VALID_2021, "year: 2022", &format!("year: {this_year}"));
    assert!(load_diags(&src).is_empty());
}

#[test]
fn a_year_in_quotes_or_with_decimals_is_the_wrong_type() {
    for y in ["\"2022\"", "2022.0", "二〇二二"] {
        let src = edit(VALID_2021, "year: 2022", &format!("year: {y}"));
        let d = only(&src);
        assert_eq!(d.code, Code::WrongType, "{y}");
        assert_eq!(at(&d), (1, 7));
    }
}

#[test]
fn kind_county_is_invalid() {
    let src = edit(VALID_2021, "year: 2022\n", "year: 2022\nkind: county\n");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidKind);
    assert_eq!(d.path, "kind");
    assert_eq!(at(&d), (2, 7));
    assert!(
        d.en.contains("department") && d.en.contains("government"),
        "{}",
        d.en
    );
    for ok in ["department", "government"] {
        let src = edit(
            VALID_2021,
            "year: 2022\n",
            &format!("year: 2022\nkind: {ok}\n"),
        );
        assert!(load_diags(&src).is_empty(), "{ok}");
    }
}

#[test]
fn edition_other_than_2019_or_2021_is_invalid() {
    let src = edit(VALID_2021, "year: 2022\n", "year: 2022\nedition: 2020\n");
    let d = only(&src);
    assert_eq!(d.code, Code::InvalidEdition);
    assert_eq!(at(&d), (2, 10));
}

// ---------------------------------------------------------------------------------------------
// Keys of the other edition

#[test]
fn procurement_in_a_2021_report() {
    let src = edit(
        VALID_2021,
        "  fees: {amount: 363.62}\n",
        "  fees: {amount: 363.62}\n  procurement: {projects: 4, amount: 12.5}\n",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::OtherEditionKey);
    assert_eq!(d.path, "proactive.procurement");
    assert_eq!(at(&d), pos(&src, "procurement"));
    assert!(d.en.contains("uses the 2021 edition"), "{}", d.en);
    assert!(d.zh.contains("本报告使用 2021 版格式"), "{}", d.zh);
}

#[test]
fn issued_in_a_2019_regulations_row() {
    let src = edit(
        VALID_2019,
        "regulations: {made: 0, published: 0, total: 0}",
        "regulations: {made: 0, published: 0, total: 0, issued: 1}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::OtherEditionKey);
    assert_eq!(d.path, "proactive.regulations.issued");
    assert_eq!(at(&d), pos(&src, "issued"));
    assert!(d.en.contains("uses the 2019 edition"), "{}", d.en);
    assert!(d.zh.contains("本报告使用 2019 版格式"), "{}", d.zh);
}

#[test]
fn results_other_of_2021_in_a_2019_report() {
    let src = edit(
        VALID_2019,
        "    other: [0, 0, 0, 0, 0, 0]",
        "    other: {no_correction: [0, 0, 0, 0, 0, 0]}",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::OtherEditionKey);
    assert_eq!(d.path, "applications.results.other");
    assert_eq!(at(&d), pos(&src, "other: {no_correction"));
    assert!(d.en.contains("uses the 2019 edition"), "{}", d.en);
}

#[test]
fn results_other_of_2019_in_a_2021_report() {
    let src = edit(
        VALID_2021,
        "    other:\n      no_correction: {natural_person: 1}",
        "    other: [1, 0, 0, 0, 0, 0]",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::OtherEditionKey);
    assert_eq!(d.path, "applications.results.other");
    assert_eq!(at(&d), pos(&src, "other: [1"));
    assert!(d.en.contains("uses the 2021 edition"), "{}", d.en);
    // A 2019-style row written as a mapping of applicant columns, too.
    let src = edit(
        VALID_2021,
        "      no_correction: {natural_person: 1}",
        "      natural_person: 1",
    );
    let d = only(&src);
    assert_eq!(d.code, Code::OtherEditionKey);
    assert_eq!(d.path, "applications.results.other");
}

#[test]
fn the_2021_results_other_group_has_its_own_other_row() {
    // `results.other.other` is 三（六）3.其他, not the applicant column `other`.
    let src = edit(
        VALID_2021,
        "      no_correction: {natural_person: 1}",
        "      other: {natural_person: 1}",
    );
    let l = load_str(&src, "t.yaml");
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    let r = l.report.unwrap();
    assert_eq!(r.applications.row("results.other.other").column(0), 1);
}

#[test]
fn an_explicit_edition_decides_which_keys_are_accepted() {
    // A 2022 report that says `edition: 2019`: its 2021-style rows are named as such.
    let src = edit(VALID_2021, "year: 2022\n", "year: 2022\nedition: 2019\n");
    let d = load_diags(&src);
    assert!(!d.is_empty());
    assert!(d.iter().any(|d| d.code == Code::OtherEditionKey
        && d.path == "proactive.fees.amount"
        && d.en.contains("edition: 2019")));
}

// ---------------------------------------------------------------------------------------------
// Hostile files

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut src =
        String::from("year: 2022\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        src.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let start = Instant::now();
    let d = only(&src);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(d.code, Code::TooComplex);
    assert!(d.en.contains("alias"), "{}", d.en);
    // It points at the alias that went over the limit.
    assert_eq!(char_at(&src, at(&d)), Some('*'), "{:?}", at(&d));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let src = format!("year: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let start = Instant::now();
    let d = only(&src);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(d.code, Code::TooComplex);
    assert_eq!(d.line(), 1);
    assert_eq!(char_at(&src, at(&d)), Some('['), "{:?}", at(&d));

    let src = format!("year: {}\n", "{a: ".repeat(100_000));
    let d = only(&src);
    assert_eq!(d.code, Code::TooComplex);

    // Block mappings, one level per line: refused at the 65th level.
    let src: String = (0..2000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    let d = only(&src);
    assert_eq!(d.code, Code::TooComplex);
    assert_eq!(d.line(), 65);
}

// ---------------------------------------------------------------------------------------------
// One pass

#[test]
fn several_problems_are_all_reported_in_one_pass() {
    let src = edit(VALID_2021, "  carried_forward:", "  carried_foward:");
    let src = edit(
        &src,
        "{natural_person: 1}\n  results:",
        "{natural_person: -1}\n  results:",
    );
    let src = edit(&src, "{decisions: 30}", "{decisions: 三十}");
    let mut d = load_diags(&src);
    xxgk::diag::sort(&mut d);
    assert_eq!(
        codes(&d),
        ["wrong-type", "invalid-count", "unknown-key"],
        "{d:#?}"
    );
    assert_eq!(at(&d[0]), pos(&src, "三十"));
    assert_eq!(at(&d[1]), pos_after(&src, "carried_over", "-1"));
    assert_eq!(at(&d[2]), pos(&src, "carried_foward"));
    assert!(d.iter().all(|d| d.severity == Severity::Error));
    // Still a report: what could be read was read.
    let r = load_str(&src, "t.yaml").report.unwrap();
    assert_eq!(r.applications.row("new").column(6), 13);
}

#[test]
fn rows_and_cells_left_out_count_as_zero() {
    let start = VALID_2021.find("applications:\n").unwrap();
    let end = VALID_2021.find("reconsideration:").unwrap();
    for empty in ["applications: {}\n", "applications:\n"] {
        let src = format!("{}{empty}{}", &VALID_2021[..start], &VALID_2021[end..]);
        let l = load_str(&src, "t.yaml");
        assert!(l.diagnostics.is_empty(), "{empty:?}: {:#?}", l.diagnostics);
        let apps = l.report.unwrap().applications;
        assert!(apps.rows.iter().all(|r| r.figures() == [0; 7]));
        assert_eq!(apps.results_total(), [0; 7]);
    }
}
