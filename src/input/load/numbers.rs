//! Figures: whole numbers, changes, amounts, and rows of counts (tables 三 and 四).

use super::loader::{Loader, Path_, wrong_type};
use crate::diag::{Code, Msg, messages};
use crate::format::{Column, ValueKind};
use crate::input::yaml::{Node, Style, Value};
use crate::report::*;

/// A count above this is taken for a typing mistake.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// What a figure row should be, for the messages of one of the wrong shape (`messages::want_…`,
/// only called when there is something to say).
pub(super) struct FigureRowWords {
    /// As a list: how many figures.
    pub(super) figures: fn() -> Msg,
    /// Written as neither list nor mapping: what a row is.
    pub(super) row: fn() -> Msg,
}

/// Parses a whole number written plainly; Err explains what it is instead.
pub(super) enum IntProblem {
    Negative,
    Fractional,
    TooLarge,
    NotANumber,
}

pub(super) fn parse_int(node: &Node, signed: bool) -> Result<i64, IntProblem> {
    let Some((s, style)) = node.as_scalar() else {
        return Err(IntProblem::NotANumber);
    };
    if style != Style::Plain {
        return Err(IntProblem::NotANumber);
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return if is_decimal(digits) {
            if neg && !signed {
                Err(IntProblem::Negative)
            } else {
                Err(IntProblem::Fractional)
            }
        } else {
            Err(IntProblem::NotANumber)
        };
    }
    if neg && !signed && digits.bytes().any(|b| b != b'0') {
        return Err(IntProblem::Negative);
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 10 {
        return Err(IntProblem::TooLarge);
    }
    let v: i64 = trimmed.parse().unwrap_or(0);
    if v as u64 > MAX_COUNT {
        return Err(IntProblem::TooLarge);
    }
    Ok(if neg { -v } else { v })
}

/// `12.5`, `.5`, `1e3`: a number, but not a whole one.
pub(super) fn is_decimal(s: &str) -> bool {
    !s.is_empty()
        && s.parse::<f64>().is_ok_and(|f| f.is_finite())
        && s.bytes().any(|b| b.is_ascii_digit())
}

impl Loader<'_> {
    /// A count in a row: the path and labels (which cost allocations) are only made for a
    /// message, when the figure is wrong.
    pub(super) fn count_lazy(
        &mut self,
        node: &Node,
        path: impl FnOnce() -> Path_,
        labels: impl FnOnce() -> Vec<String>,
    ) -> Count {
        match parse_int(node, false) {
            Ok(v) => Count {
                value: v as u64,
                span: Some(node.span),
            },
            Err(p) => {
                self.int_problem(p, node, &path(), &labels(), false);
                Count {
                    value: 0,
                    span: Some(node.span),
                }
            }
        }
    }

    pub(super) fn count(&mut self, node: &Node, path: &Path_, labels: &[String]) -> Count {
        match parse_int(node, false) {
            Ok(v) => Count {
                value: v as u64,
                span: Some(node.span),
            },
            Err(p) => {
                self.int_problem(p, node, path, labels, false);
                Count {
                    value: 0,
                    span: Some(node.span),
                }
            }
        }
    }

    pub(super) fn int_problem(
        &mut self,
        p: IntProblem,
        node: &Node,
        path: &Path_,
        labels: &[String],
        signed: bool,
    ) {
        let text = node.as_scalar().map(|(s, _)| s).unwrap_or("");
        let (code, msg) = match p {
            IntProblem::Negative => (Code::InvalidCount, messages::negative_count(labels, text)),
            IntProblem::Fractional => {
                (Code::InvalidCount, messages::fractional_count(labels, text))
            }
            IntProblem::TooLarge => (Code::InvalidCount, messages::count_too_large(labels, text)),
            IntProblem::NotANumber => {
                let msg = wrong_type(node, path, messages::want_whole_number(signed));
                // Name the official row and column, as every figure's message does.
                let msg = if labels.is_empty() {
                    msg
                } else {
                    messages::of_figure(labels, msg)
                };
                (Code::WrongType, msg)
            }
        };
        self.push_labeled(code, Some(node.span), path, labels, msg);
    }

    pub(super) fn change(&mut self, node: &Node, path: &Path_, labels: &[String]) -> i64 {
        match parse_int(node, true) {
            Ok(v) => v,
            Err(p) => {
                self.int_problem(p, node, path, labels, true);
                0
            }
        }
    }

    pub(super) fn amount(&mut self, node: &Node, path: &Path_, labels: &[String]) -> Number {
        let zero = Number::Amount {
            text: "0".into(),
            micros: 0,
        };
        let text = match node.as_scalar() {
            Some((s, Style::Plain)) => s.trim(),
            _ => {
                self.wrong_type(node, path, messages::want_amount());
                return zero;
            }
        };
        if let Some(rest) = text.strip_prefix('-') {
            if is_decimal(rest) {
                self.push_labeled(
                    Code::InvalidAmount,
                    Some(node.span),
                    path,
                    labels,
                    messages::negative_amount(labels, text),
                );
                return zero;
            }
        }
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (text.contains('.') && frac.is_empty())
        {
            self.wrong_type(node, path, messages::want_amount());
            return zero;
        }
        if frac.len() > 6 {
            self.push_labeled(
                Code::InvalidAmount,
                Some(node.span),
                path,
                labels,
                messages::amount_decimals(labels, text, frac.len()),
            );
            return zero;
        }
        let int_trim = int.trim_start_matches('0');
        if int_trim.len() > 12 {
            self.push_labeled(
                Code::InvalidAmount,
                Some(node.span),
                path,
                labels,
                messages::amount_too_large(labels, text),
            );
            return zero;
        }
        let micros = int_trim.parse::<u128>().unwrap_or(0) * 1_000_000
            + format!("{frac:0<6}").parse::<u128>().unwrap_or(0);
        Number::Amount {
            text: text.to_string(),
            micros,
        }
    }

    pub(super) fn number(
        &mut self,
        node: &Node,
        column: &Column,
        path: &Path_,
        labels: &[String],
    ) -> Number {
        match column.kind {
            ValueKind::Count => Number::Count(self.count(node, path, labels).value),
            ValueKind::Change => Number::Change(self.change(node, path, labels)),
            ValueKind::Amount => self.amount(node, path, labels),
        }
    }

    /// A row of figures with an optional 总计 last: a list of `keys.len() - 1` or `keys.len()`
    /// numbers, or a mapping of `keys`. Table 三's rows and table 四's outcome rows.
    pub(super) fn figure_row(
        &mut self,
        node: &Node,
        path: &Path_,
        keys: &[&str],
        labels: &dyn Fn(usize) -> Vec<String>,
        words: FigureRowWords,
    ) -> (Vec<Count>, Option<Count>) {
        let n = keys.len() - 1;
        let mut cells = vec![Count::default(); n];
        let mut total = None;
        let mut put = |i: usize, c: Count| if i < n { cells[i] = c } else { total = Some(c) };
        match &node.value {
            _ if node.is_null() => {}
            Value::Seq(items) => {
                if items.len() != n && items.len() != n + 1 {
                    self.wrong_length(node, path, items.len(), (words.figures)());
                } else {
                    for (i, item) in items.iter().enumerate() {
                        put(i, self.count_lazy(item, || path.index(i), || labels(i)));
                    }
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(key) = self.key_text(k, path) else {
                        continue;
                    };
                    match keys.iter().position(|c| *c == key) {
                        Some(i) => put(i, self.count_lazy(v, || path.key(key), || labels(i))),
                        None => self.unknown_key(key, k.span, path, keys),
                    }
                }
            }
            Value::Scalar(..) => self.wrong_type(node, path, (words.row)()),
        }
        (cells, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::Span;

    #[test]
    fn ints() {
        let n = |s: &str| Node {
            value: Value::Scalar(s.into(), Style::Plain),
            span: Span::default(),
        };
        assert!(matches!(parse_int(&n("12"), false), Ok(12)));
        assert!(matches!(
            parse_int(&n("-1"), false),
            Err(IntProblem::Negative)
        ));
        assert!(matches!(parse_int(&n("-1"), true), Ok(-1)));
        assert!(matches!(parse_int(&n("+1"), true), Ok(1)));
        assert!(matches!(
            parse_int(&n("1.5"), false),
            Err(IntProblem::Fractional)
        ));
        assert!(matches!(
            parse_int(&n("1000000001"), false),
            Err(IntProblem::TooLarge)
        ));
        assert!(matches!(
            parse_int(&n("99999999999999999999999"), false),
            Err(IntProblem::TooLarge)
        ));
        assert!(matches!(
            parse_int(&n("abc"), false),
            Err(IntProblem::NotANumber)
        ));
    }
}
