//! The loader: its state, places in the YAML, and the diagnostics every part of it gives
//! (their words are in [`crate::diag::messages`]).

use super::edition::{label_to_key, nearest};
use super::slips;
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
        self.wrong_type_in(node, path, want, Slot::Other);
    }

    /// [`Self::wrong_type`] of a value meant as `slot`.
    pub(super) fn wrong_type_in(&mut self, node: &Node, path: &Path_, want: Msg, slot: Slot) {
        let msg = wrong_type(node, path, want, slot);
        self.push(Code::WrongType, Some(node.span), path, msg);
    }

    /// A row written as a list with the wrong number of figures.
    pub(super) fn wrong_length(&mut self, node: &Node, path: &Path_, n: usize, want: Msg) {
        let msg = messages::wrong_length(&path.dotted, n, want);
        self.push(Code::WrongType, Some(node.span), path, msg);
    }

    /// A row written as a list whose figures are separated by the Chinese input method's
    /// punctuation (`[8，3，0]` is one item, `[5，2, 0]` two): said at the first such mark,
    /// with the row written again in ASCII punctuation; false when there is none. `want` is
    /// what the row should be: as many figures as one of `lengths`.
    pub(super) fn row_marks(
        &mut self,
        node: &Node,
        path: &Path_,
        want: Msg,
        lengths: &[usize],
    ) -> bool {
        let Value::Seq(items) = &node.value else {
            return false;
        };
        let Some((first, mark)) = items.iter().find_map(|item| {
            let (s, _) = item.as_scalar()?;
            let at = s.find(['，', '、'])?;
            Some((item, s[..at].chars().count()))
        }) else {
            return false;
        };
        let texts: Option<Vec<&str>> = items
            .iter()
            .map(|i| i.as_scalar().map(|(s, _)| s))
            .collect();
        let Some(fixed) = texts
            .as_ref()
            .and_then(|t| slips::fixed_row(t.iter().copied()))
        else {
            return false;
        };
        let mut marks = messages::Marks::default();
        for t in texts.iter().flatten() {
            let m = slips::marks(t);
            marks.commas |= m.commas;
            marks.enumeration_commas |= m.enumeration_commas;
            marks.brackets |= m.brackets;
        }
        // The mark's own column, where the item is written on one line as it reads.
        let text = first.as_scalar().map_or("", |(s, _)| s);
        let s = first.span;
        let one_line = s.line == s.end_line && s.end_col == s.col + text.chars().count();
        let (span, item) = if one_line {
            (Span::point(s.line, s.col + mark), None)
        } else {
            let i = items
                .iter()
                .position(|i| std::ptr::eq(i, first))
                .unwrap_or(0);
            (node.span, Some(i + 1))
        };
        let count = (fixed.len(), lengths.contains(&fixed.len()));
        let msg = messages::row_marks(
            &path.dotted,
            want,
            marks,
            &slips::as_list(&fixed),
            count,
            item,
        );
        self.push(Code::WrongType, Some(span), path, msg);
        true
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

/// What a value of the wrong type was meant to be, which decides the slips looked for in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// One figure: commas in it are separators.
    Figure,
    /// A row of figures: commas in it separate them.
    Row,
    /// Anything else.
    Other,
}

/// What to say of `node` at `path`, which is not what `want` says it should be (`slot`).
pub(super) fn wrong_type(node: &Node, path: &Path_, want: Msg, slot: Slot) -> Msg {
    let mut hints = Vec::new();
    if let Some((s, style)) = node.as_scalar() {
        if style == Style::Quoted && super::numbers::is_decimal(s.trim()) {
            hints.push(messages::hint_quoted());
        }
        if s.contains(['万', '元', '件']) {
            hints.push(messages::hint_unit());
        }
        if s.chars().any(|c| ('０'..='９').contains(&c)) {
            hints.push(messages::hint_full_width_digits());
        }
        let marks = slips::marks(s);
        let row = (slot == Slot::Row).then(|| slips::fixed_row([s])).flatten();
        match row {
            Some(fixed) if marks.any() => {
                hints.push(messages::hint_row_marks(marks, &slips::as_list(&fixed)))
            }
            Some(fixed) if s.contains(',') && fixed.len() > 1 => {
                hints.push(messages::hint_row_brackets(&slips::as_list(&fixed)))
            }
            // Separators in a number: there must be digits (`，，，` is no number at all).
            _ if s
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                && (s.contains('，')
                    || (s.contains(',') && s.chars().all(|c| c.is_ascii_digit() || c == ','))) =>
            {
                hints.push(messages::hint_separators())
            }
            _ => {}
        }
    }
    messages::wrong_type(&path.dotted, want, node.describe(), &hints)
}
