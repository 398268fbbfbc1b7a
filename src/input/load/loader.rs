//! The loader: its state, places in the YAML, and the diagnostics every part of it gives
//! (their words are in [`crate::diag::messages`]).

use super::edition::{label_to_key, nearest};
use crate::diag::{Code, Diagnostic, Msg, messages};
use crate::format::Edition;
use crate::input::yaml::{Node, Style, Value};
use crate::util::Span;

pub(super) struct Loader<'a> {
    pub(super) file: &'a str,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) edition: Edition,
    /// Why that edition is in force, for messages: `edition: 2021` or `2022年默认`.
    pub(super) edition_why: Msg,
}

/// A place in the YAML, for messages.
#[derive(Clone)]
pub(super) struct Path_ {
    pub(super) dotted: String,
}

impl Path_ {
    pub(super) fn root() -> Path_ {
        Path_ {
            dotted: String::new(),
        }
    }
    pub(super) fn key(&self, k: &str) -> Path_ {
        if self.dotted.is_empty() {
            Path_ {
                dotted: k.to_string(),
            }
        } else {
            Path_ {
                dotted: format!("{}.{k}", self.dotted),
            }
        }
    }
    pub(super) fn index(&self, i: usize) -> Path_ {
        Path_ {
            dotted: format!("{}[{i}]", self.dotted),
        }
    }
}

impl Loader<'_> {
    pub(super) fn diag(
        &self,
        code: Code,
        span: Option<Span>,
        path: impl Into<String>,
        msg: Msg,
    ) -> Diagnostic {
        Diagnostic::msg(code, self.file, span, path, msg)
    }

    pub(super) fn push(&mut self, code: Code, span: Option<Span>, path: &Path_, msg: Msg) {
        let d = self.diag(code, span, path.dotted.clone(), msg);
        self.diags.push(d);
    }

    pub(super) fn push_labeled(
        &mut self,
        code: Code,
        span: Option<Span>,
        path: &Path_,
        labels: &[String],
        msg: Msg,
    ) {
        let d = self
            .diag(code, span, path.dotted.clone(), msg)
            .with_labels(labels.iter().cloned());
        self.diags.push(d);
    }

    /// `node` is not what `want` (one of `messages::want_…`) says it should be.
    pub(super) fn wrong_type(&mut self, node: &Node, path: &Path_, want: Msg) {
        let msg = wrong_type(node, path, want);
        self.push(Code::WrongType, Some(node.span), path, msg);
    }

    /// A row written as a list with the wrong number of figures.
    pub(super) fn wrong_length(&mut self, node: &Node, path: &Path_, n: usize, want: Msg) {
        let single = match &node.value {
            Value::Seq(items) if items.len() == 1 => items[0].as_scalar().map(|(s, _)| s),
            _ => None,
        };
        let msg = messages::wrong_length(&path.dotted, n, want, single);
        self.push(Code::WrongType, Some(node.span), path, msg);
    }

    /// The entries of a mapping; an error (and None) for anything else. Null is an empty map.
    pub(super) fn map<'n>(&mut self, node: &'n Node, path: &Path_) -> Option<&'n [(Node, Node)]> {
        if node.is_null() {
            return Some(&[]);
        }
        match node.as_map() {
            Some(m) => Some(m),
            None => {
                self.wrong_type(node, path, messages::want_mapping());
                None
            }
        }
    }

    /// The key's text; an error for a non-scalar key.
    pub(super) fn key_text<'n>(&mut self, key: &'n Node, path: &Path_) -> Option<&'n str> {
        match key.as_scalar() {
            Some((k, _)) => Some(k),
            None => {
                self.wrong_type(key, path, messages::want_key_name());
                None
            }
        }
    }

    pub(super) fn unknown_key(&mut self, key: &str, span: Span, path: &Path_, valid: &[&str]) {
        // `penalties：{decisions: 1}` reads as one key: the colon is the full-width one.
        if let Some(i) = key.find('：') {
            let col = span.col + key[..i].chars().count();
            self.push(
                Code::Syntax,
                Some(Span {
                    line: span.line,
                    col,
                    end_line: span.line,
                    end_col: col + 1,
                }),
                &path.key(&key[..i]),
                messages::full_width_colon(&key[..i]),
            );
            return;
        }
        let suggestion = nearest(key, valid).or_else(|| label_to_key(key, valid));
        let msg = messages::unknown_key(key, &path.dotted, suggestion, valid);
        self.push(Code::UnknownKey, Some(span), &path.key(key), msg);
    }

    pub(super) fn other_edition_key(
        &mut self,
        other: Edition,
        key: &str,
        span: Span,
        path: &Path_,
        what: &str,
    ) {
        let path = path.key(key);
        let msg =
            messages::other_edition_key(&path.dotted, what, other, self.edition, &self.edition_why);
        self.push(Code::OtherEditionKey, Some(span), &path, msg);
    }
}

/// What to say of `node` at `path`, which is not what `want` says it should be.
pub(super) fn wrong_type(node: &Node, path: &Path_, want: Msg) -> Msg {
    let scalar = node
        .as_scalar()
        .map(|(s, style)| (s, style == Style::Quoted));
    messages::wrong_type(&path.dotted, want, node.describe(), scalar)
}
