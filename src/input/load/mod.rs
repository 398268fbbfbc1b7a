//! Reading a report file: bytes → YAML tree → [`Report`], with a diagnostic for every problem.
//!
//! The files: `bytes` (what a file that is not UTF-8 text is), `syntax` (what the YAML parser
//! says, made plain), `loader` (the loader and its messages), `slips` (the typing slips behind
//! a value of the wrong type), then a file a part of the report: `top` (year, edition, agency …),
//! `texts`, `proactive` (table 二), `applications` (三), `outcomes` (四), with
//! `numbers` for the figures of all three and `edition` for keys of the other edition and
//! typos.

mod applications;
mod bytes;
mod edition;
mod loader;
mod numbers;
mod outcomes;
mod proactive;
mod slips;
mod syntax;
mod texts;
mod top;

use crate::diag::{Code, Diagnostic, Msg, messages};
use crate::format;
use crate::input::yaml::{self, Budget, ParseProblem};
use crate::report::*;
use crate::util::Span;
use bytes::Sniffed;
use loader::Loader;
use std::path::Path;
use syntax::{keyboard_slip, parse_problem};

pub use edition::nearest;
pub use numbers::MAX_COUNT;
pub use texts::MAX_TEXT_CHARS;

/// The marker of every comment that asks the clerk to check something against the source
/// (written by `import`, read here: an unchecked mark is a diagnostic).
pub const CHECK_MARK: &str = "待核对:";
/// The mark of a table row `xxgk import` did not find: an error until a person has looked.
pub const FIGURE_MARK: &str = "待核对（数字）:";
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// What loading one file gives: the report (None when the file could not be read as YAML at
/// all) and every problem found.
pub struct Loaded {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    fn fail(d: Diagnostic) -> Loaded {
        Loaded {
            report: None,
            diagnostics: vec![d],
        }
    }
}

/// Loads the file at `path`; `name` is how messages refer to it.
pub fn load_file(path: &Path, name: &str) -> Loaded {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES as u64 => {
            return Loaded::fail(Diagnostic::msg(
                Code::TooLarge,
                name,
                None,
                "",
                messages::file_too_large(m.len(), MAX_FILE_BYTES),
            ));
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes, name),
        Err(e) => Loaded::fail(Diagnostic::msg(
            Code::Io,
            name,
            None,
            "",
            messages::cannot_read_file(&e),
        )),
    }
}

/// Loads a report from raw bytes (checks the encoding first).
pub fn load_bytes(bytes: &[u8], name: &str) -> Loaded {
    if bytes.len() > MAX_FILE_BYTES {
        return Loaded::fail(Diagnostic::msg(
            Code::TooLarge,
            name,
            None,
            "",
            messages::bytes_too_large(bytes.len(), MAX_FILE_BYTES),
        ));
    }
    let utf16 = || {
        Loaded::fail(Diagnostic::msg(
            Code::NotUtf8,
            name,
            Some(Span::point(1, 1)),
            "",
            messages::utf16(),
        ))
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return utf16();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes);
    if text.is_err() || bytes.contains(&0) {
        match bytes::sniff(bytes) {
            Sniffed::Utf16 => return utf16(),
            Sniffed::NotText(what) => {
                return Loaded::fail(Diagnostic::msg(
                    Code::Unreadable,
                    name,
                    None,
                    "",
                    messages::not_text(name, what),
                ));
            }
            Sniffed::OtherEncoding => {}
        }
    }
    match text {
        Ok(s) => load_str(s, name),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Loaded::fail(Diagnostic::msg(
                Code::NotUtf8,
                name,
                Some(Span::point(line, col)),
                "",
                messages::not_utf8(line, col, name),
            ))
        }
    }
}

/// Loads a report from text.
pub fn load_str(src: &str, name: &str) -> Loaded {
    let mut parsed = match yaml::parse(src, Budget::default()) {
        Ok(p) => p,
        Err(problem) => {
            // The commonest slip of a Chinese keyboard gets its own message, at its own spot.
            if let ParseProblem::Syntax { span, .. } = &problem {
                if let Some(d) = keyboard_slip(src, span.line, name) {
                    return Loaded::fail(d);
                }
            }
            return Loaded::fail(parse_problem(problem, name));
        }
    };
    let mut l = Loader {
        file: name,
        diags: Vec::new(),
        edition: format::latest(),
        edition_why: Msg::new("", ""),
    };
    for d in &parsed.duplicates {
        let diag = l
            .diag(
                Code::DuplicateKey,
                Some(d.span),
                d.path.clone(),
                messages::duplicate_key(&d.key, d.first.line),
            )
            .with_related_msg(name, Some(d.first), messages::duplicate_key_first());
        l.diags.push(diag);
    }
    // `xxgk import` marks what it could not place with `# 待核对:`; until a person has
    // looked and removed the mark, the figures there are not known to be right.
    for (i, line) in src.lines().enumerate() {
        let Some(hash) = line.find('#') else { continue };
        let found = [
            (CHECK_MARK, Code::Unverified),
            (FIGURE_MARK, Code::UnverifiedFigures),
        ]
        .into_iter()
        .find_map(|(m, c)| line[hash..].find(m).map(|p| (hash + p, c)));
        if let Some((pos, code)) = found {
            let col = line[..pos].chars().count() + 1;
            l.diags.push(Diagnostic::msg(
                code,
                name,
                Some(Span {
                    line: i + 1,
                    col,
                    end_line: i + 1,
                    end_col: col + 4,
                }),
                "",
                messages::unverified(line[pos..].trim()),
            ));
        }
    }
    slips::join_thousands(&mut parsed.root);
    let report = l.report(&parsed.root);
    Loaded {
        report,
        diagnostics: l.diags,
    }
}
