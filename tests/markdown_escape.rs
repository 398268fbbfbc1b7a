//! Markdown escaping, as a property: any text, escaped, reads back through a CommonMark/GFM
//! parser as exactly itself and no markup — at the start of a paragraph or heading, and in a
//! table cell. (The fuzz target `escape_markdown` does the same for longer.)

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use xxgk::render::{md_cell, md_escape};

fn opts() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

/// What the text should read as: newlines are spaces, control characters dropped, and the
/// spaces that CommonMark strips at either end of a block gone.
fn expected(s: &str) -> String {
    let t: String = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    t.trim_matches(' ').to_string()
}

/// The text of the document's blocks, failing on any markup.
fn read(doc: &str, allowed: &dyn Fn(&Event) -> bool) -> Result<String, String> {
    let mut text = String::new();
    for ev in Parser::new_ext(doc, opts()) {
        match ev {
            Event::Text(t) => text.push_str(&t),
            ref e if allowed(e) => {}
            other => return Err(format!("markup {other:?} in {doc:?}")),
        }
    }
    Ok(text.trim_matches(' ').to_string())
}

/// Text full of what Markdown reads as markup, mixed with Chinese and figures.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(vec![
                "\\",
                "`",
                "*",
                "_",
                "[",
                "]",
                "(",
                ")",
                "<",
                ">",
                "#",
                "+",
                "-",
                ".",
                "!",
                "|",
                "~",
                "&",
                "$",
                "=",
                ":",
                "\"",
                "'",
                "^",
                "%",
                "@",
                "{",
                "}",
                " ",
                "  ",
                "    ",
                "1.",
                "2)",
                "&amp;",
                "&#38;",
                "---",
                "***",
                "```",
                "<b>",
                "http://a.cn",
                "[^1]",
                "www.gov.cn",
                "\n",
                "\t",
                "363.62",
                "属于",
                "国家秘密",
                "一、",
                "（一）",
                "1",
            ])
            .prop_map(str::to_string),
            "[a-z0-9]{1,3}",
        ],
        0..12,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn a_paragraph_reads_as_its_text(s in text()) {
        prop_assume!(!expected(&s).is_empty());
        let para = |e: &Event| matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph));
        prop_assert_eq!(read(&md_escape(&s), &para).map_err(TestCaseError::fail)?, expected(&s));
        let heading = |e: &Event| matches!(e, Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)));
        let doc = format!("### {}", md_escape(&s));
        prop_assert_eq!(read(&doc, &heading).map_err(TestCaseError::fail)?, expected(&s));
    }

    #[test]
    fn a_table_cell_reads_as_its_text(s in text()) {
        let table = |e: &Event| matches!(
            e,
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
                | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell)
        );
        let doc = format!("| a | b |\n| --- | --- |\n| x | {} |\n", md_cell(&s));
        let got = read(&doc, &table).map_err(TestCaseError::fail)?;
        prop_assert_eq!(got, format!("abx{}", expected(&s)).trim_matches(' ').to_string());
    }
}
