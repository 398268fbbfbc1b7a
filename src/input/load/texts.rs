//! The text sections: preface, overview, problems, other matters.

use super::loader::{Loader, Path_};
use crate::diag::{Code, messages};
use crate::input::yaml::Node;
use crate::report::*;

/// A text section longer than this (in characters) is refused.
pub const MAX_TEXT_CHARS: usize = 200_000;

impl Loader<'_> {
    /// A top-level text section. An empty one points at its key: an empty `|` block's own
    /// span lies on the next line.
    pub(super) fn top_text(&mut self, entries: &[(Node, Node)], key: &str) -> Option<Text> {
        let (k, v) = entries
            .iter()
            .find(|(k, _)| k.as_scalar().is_some_and(|(s, _)| s == key))?;
        let mut t = self.text(v, &Path_::root().key(key));
        if t.is_blank() {
            t.span = Some(k.span);
        }
        Some(t)
    }

    /// A short text value (agency, title): any scalar.
    pub(super) fn plain_text(&mut self, node: &Node, path: &Path_) -> String {
        self.text(node, path).raw
    }

    pub(super) fn text(&mut self, node: &Node, path: &Path_) -> Text {
        if node.is_null() {
            return Text {
                raw: String::new(),
                span: Some(node.span),
            };
        }
        match node.as_scalar() {
            Some((s, _)) => {
                if s.chars().count() > MAX_TEXT_CHARS {
                    self.push(
                        Code::TooLarge,
                        Some(node.span),
                        path,
                        messages::text_too_long(&path.dotted, MAX_TEXT_CHARS),
                    );
                }
                Text {
                    raw: clean_text(s),
                    span: Some(node.span),
                }
            }
            None => {
                self.wrong_type(node, path, messages::want_text());
                Text::default()
            }
        }
    }
}
