//! HTML escaping (Tera's autoescape, as the templates use it): the escaped text, parsed by an
//! HTML5 parser, is exactly the original text and no element.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let s = &xxgk::report::clean_text(s);
    let escaped = xxgk::render::html_text(s);
    let doc = format!("<!DOCTYPE html><html><body><p id=\"x\">{escaped}</p></body></html>");
    let html = scraper::Html::parse_document(&doc);
    let sel = scraper::Selector::parse("p#x").unwrap();
    let p = html.select(&sel).next().expect("the paragraph");
    assert!(p.children().all(|c| c.value().is_text()), "elements from user text in {escaped:?}");
    let text: String = p.text().collect();
    assert_eq!(&text, s, "escaped {escaped:?}");
});
