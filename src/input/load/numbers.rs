//! Figures: whole numbers, changes, amounts, and rows of counts (tables 三 and 四).

use super::loader::{Loader, Path_, Slot, wrong_type};
use super::slips::number_form;
use crate::diag::messages::NumberForm;
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
    /// A number in a form a report does not use, and the same written plainly.
    Form(NumberForm, Option<String>),
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
        let form = number_form(digits);
        let finite = !matches!(
            form,
            Some((NumberForm::Infinite | NumberForm::NotANumber, _))
        );
        if neg && !signed && finite && (form.is_some() || is_decimal(digits)) {
            return Err(IntProblem::Negative);
        }
        return Err(match form {
            // `.5` is a fraction; `5.` is 5 written oddly.
            Some((NumberForm::BarePoint, Some(p))) if p.contains('.') => IntProblem::Fractional,
            Some((f, plain)) => {
                // The sign as written goes with the number written plainly.
                let sign = &s[..s.len() - digits.len()];
                IntProblem::Form(f, plain.map(|p| format!("{sign}{p}")))
            }
            None if is_decimal(digits) => IntProblem::Fractional,
            None => IntProblem::NotANumber,
        });
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

/// A message about the figure `labels` name, preceded by them, as every figure's message is.
fn of_figure(labels: &[String], msg: Msg) -> Msg {
    if labels.is_empty() {
        msg
    } else {
        messages::of_figure(labels, msg)
    }
}

/// `12.5`, `.5`, `1e3`: a number written in decimal (or scientific) notation.
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
            IntProblem::NotANumber => (
                Code::WrongType,
                wrong_type(
                    node,
                    path,
                    messages::want_whole_number(signed),
                    Slot::Figure,
                ),
            ),
            IntProblem::Form(form, plain) => (
                Code::WrongType,
                messages::number_form(&path.dotted, text, form, plain.as_deref()),
            ),
        };
        // The `invalid-count` messages name the row and column themselves.
        let msg = match code {
            Code::WrongType => of_figure(labels, msg),
            _ => msg,
        };
        self.push_labeled(code, Some(node.span), path, labels, msg);
    }

    /// A figure (named by `labels`) that is not what `want` says it should be.
    fn wrong_figure(&mut self, node: &Node, path: &Path_, labels: &[String], want: Msg) {
        let msg = of_figure(labels, wrong_type(node, path, want, Slot::Figure));
        self.push_labeled(Code::WrongType, Some(node.span), path, labels, msg);
    }

    /// A figure (named by `labels`) written as `text` in the `form` a report does not use.
    fn odd_figure(
        &mut self,
        node: &Node,
        path: &Path_,
        labels: &[String],
        text: &str,
        (form, plain): (NumberForm, Option<String>),
    ) {
        let msg = messages::number_form(&path.dotted, text, form, plain.as_deref());
        self.push_labeled(
            Code::WrongType,
            Some(node.span),
            path,
            labels,
            of_figure(labels, msg),
        );
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
                self.wrong_figure(node, path, labels, messages::want_amount());
                return zero;
            }
        };
        if let Some(rest) = text.strip_prefix('-') {
            let finite = !matches!(
                number_form(rest),
                None | Some((NumberForm::Infinite | NumberForm::NotANumber, _))
            );
            if is_decimal(rest) || finite {
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
        if let Some(form) = number_form(text.strip_prefix(['+', '-']).unwrap_or(text)) {
            self.odd_figure(node, path, labels, text, form);
            return zero;
        }
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (unsigned.contains('.') && frac.is_empty())
        {
            self.wrong_figure(node, path, labels, messages::want_amount());
            return zero;
        }
        if unsigned != text {
            let plain = Some(unsigned.to_string());
            self.odd_figure(node, path, labels, text, (NumberForm::Plus, plain));
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
            Value::Seq(_) if self.row_marks(node, path, (words.figures)(), &[n, n + 1]) => {}
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
            Value::Scalar(..) => self.wrong_type_in(node, path, (words.row)(), Slot::Row),
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

    #[test]
    fn whole_numbers_written_oddly() {
        let n = |s: &str| Node {
            value: Value::Scalar(s.into(), Style::Plain),
            span: Span::default(),
        };
        let form = |s: &str, signed| match parse_int(&n(s), signed) {
            Err(IntProblem::Form(f, plain)) => Some((f, plain.unwrap_or_default())),
            _ => None,
        };
        let plain = |f, p: &str| Some((f, p.to_string()));
        assert_eq!(form("1e3", false), plain(NumberForm::Exponent, "1000"));
        assert_eq!(form("+1e1", true), plain(NumberForm::Exponent, "+10"));
        assert_eq!(form("-0x2", true), plain(NumberForm::Radix(16), "-2"));
        assert_eq!(form("5.", false), plain(NumberForm::BarePoint, "5"));
        assert_eq!(form("1,234", false), plain(NumberForm::Separated, "1234"));
        assert_eq!(form("-inf", false), plain(NumberForm::Infinite, ""));
        // A fraction and a negative count are said as such.
        assert!(matches!(
            parse_int(&n(".5"), false),
            Err(IntProblem::Fractional)
        ));
        assert!(matches!(
            parse_int(&n("-1e3"), false),
            Err(IntProblem::Negative)
        ));
    }
}
