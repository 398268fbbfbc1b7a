//! What the YAML parser reports, said plainly: keyboard slips, and a diagnostic for each
//! problem the parser gives up on.

use crate::diag::{Code, Diagnostic, messages};
use crate::input::yaml::ParseProblem;
use crate::util::Span;

/// A full-width colon after a key (`agency：…`), a colon without its space (`year:2024`), or
/// full-width spaces in the indentation, on the line of a syntax error or the two before it.
pub(super) fn keyboard_slip(src: &str, line: usize, name: &str) -> Option<Diagnostic> {
    let lines: Vec<&str> = src.split('\n').collect();
    for l in (line.saturating_sub(2).max(1)..=line).rev() {
        let text = lines.get(l - 1)?.trim_end_matches('\r');
        let indent = text.len() - text.trim_start_matches([' ', '-']).len();
        let body = &text[indent..];
        let col = |byte: usize| text[..byte].chars().count() + 1;
        if let Some(i) = text
            .find('\u{3000}')
            .filter(|&i| i < indent.max(1) || text[..i].trim().is_empty())
        {
            return Some(Diagnostic::msg(
                Code::Syntax,
                name,
                Some(Span {
                    line: l,
                    col: col(i),
                    end_line: l,
                    end_col: col(i) + 1,
                }),
                "",
                messages::full_width_space(),
            ));
        }
        let key_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if key_len == 0 {
            continue;
        }
        let after = &body[key_len..];
        let key = &body[..key_len];
        let spot = Some(Span {
            line: l,
            col: col(indent + key_len),
            end_line: l,
            end_col: col(indent + key_len) + 1,
        });
        let slip = |m| Some(Diagnostic::msg(Code::Syntax, name, spot, key, m));
        if after.starts_with('：') {
            return slip(messages::full_width_colon(key));
        }
        if after.starts_with(':') && after.len() > 1 && !after[1..].starts_with([' ', '\t']) {
            return slip(messages::no_space_after_colon(key));
        }
    }
    None
}

pub(super) fn parse_problem(p: ParseProblem, name: &str) -> Diagnostic {
    let (code, span, msg) = match p {
        ParseProblem::Syntax { span, info } => (Code::Syntax, span, messages::yaml_syntax(&info)),
        ParseProblem::Unclosed {
            span,
            bracket,
            at,
            info,
        } => (
            Code::Syntax,
            span,
            messages::unclosed_bracket(bracket, at.line, at.col, &info),
        ),
        ParseProblem::Empty => (Code::Empty, Span::point(1, 1), messages::empty_file()),
        ParseProblem::TooComplex { span, what } => {
            let msg = if what == "depth" {
                messages::too_deep()
            } else {
                messages::alias_bomb()
            };
            (Code::TooComplex, span, msg)
        }
        ParseProblem::MultipleDocuments { span } => {
            (Code::Syntax, span, messages::multiple_documents())
        }
    };
    Diagnostic::msg(code, name, Some(span), "", msg)
}
