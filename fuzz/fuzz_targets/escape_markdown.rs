//! Markdown escaping: the escaped text, parsed by a CommonMark parser, is exactly the original
//! text (newlines become spaces, control characters are dropped) and no markup.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fuzz_target!(|s: &str| {
    let expected: String = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    // As a paragraph after a fixed prefix (the way templates use it) and as a table cell.
    let doc = format!("x{}", xxgk::render::md_escape(s));
    let mut text = String::new();
    for ev in Parser::new_ext(&doc, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS) {
        match ev {
            Event::Text(t) => text.push_str(&t),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::SoftBreak => text.push('\n'),
            other => panic!("markup from user text: {other:?} in {doc:?}"),
        }
    }
    // CommonMark strips leading and trailing spaces of a paragraph.
    assert_eq!(text.trim_matches(' '), format!("x{expected}").trim_matches(' '), "doc {doc:?}");
});
