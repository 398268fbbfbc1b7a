//! Typst escaping: the escaped text, parsed by typst-syntax as markup, is one string literal
//! whose value is exactly the original text — no markup, no code.
#![no_main]
use libfuzzer_sys::fuzz_target;
use typst_syntax::{SyntaxKind, ast};

fuzz_target!(|s: &str| {
    let src = format!("a{}b", xxgk::render::typst_markup(s));
    let root = typst_syntax::parse(&src);
    let (errors, _) = root.errors_and_warnings();
    assert!(errors.is_empty(), "{src:?}: {errors:?}");
    let kinds: Vec<SyntaxKind> = root.children().map(|c| c.kind()).collect();
    assert_eq!(kinds, [SyntaxKind::Text, SyntaxKind::Hash, SyntaxKind::Str, SyntaxKind::Semicolon, SyntaxKind::Text], "{src:?}");
    let lit = root.children().nth(2).unwrap().cast::<ast::Str>().expect("a string literal");
    assert_eq!(lit.get().as_str(), s);
});
