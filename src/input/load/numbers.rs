//! Figures: whole numbers, changes, amounts, and rows of counts (tables 三 and 四).

use super::loader::{Loader, Path_};
use crate::diag::Code;
use crate::format::{Column, ValueKind};
use crate::input::yaml::{Node, Style, Value};
use crate::report::*;

/// A count above this is taken for a typing mistake.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// What to say of a figure row of the wrong shape.
pub(super) struct FigureRowWords {
    pub(super) want_zh: String,
    pub(super) want_en: &'static str,
    pub(super) scalar_zh: String,
    pub(super) scalar_en: &'static str,
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
        let what = labels.join(" · ");
        let (zh, en) = match p {
            IntProblem::Negative => (
                format!("{what}：数量不能为负数（写的是 {text}）"),
                format!("{what}: a count cannot be negative (found {text})"),
            ),
            IntProblem::Fractional => (
                format!("{what}：数量须为整数（写的是 {text}）"),
                format!("{what}: a count must be a whole number (found {text})"),
            ),
            IntProblem::TooLarge => (
                format!("{what}：数值 {text} 大得不合常理（超过 10 亿），请核对是否多打了数字"),
                format!("{what}: {text} is absurdly large (over 10^9); check for a typing mistake"),
            ),
            IntProblem::NotANumber => {
                let want = if signed {
                    (
                        "带正负号的整数（如 +1、-2、0）",
                        "a whole number, maybe signed (+1, -2, 0)",
                    )
                } else {
                    ("非负整数", "a whole number")
                };
                self.wrong_type(node, path, want.0, want.1);
                // Name the official row and column, as every figure's message does.
                if let Some(d) = self.diags.last_mut() {
                    d.labels = labels.to_vec();
                    if !labels.is_empty() {
                        let what = labels.join(" · ");
                        d.zh = format!("{what}：{}", d.zh);
                        d.en = format!("{what}: {}", d.en);
                    }
                }
                return;
            }
        };
        self.push_labeled(Code::InvalidCount, Some(node.span), path, labels, zh, en);
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
        let what = labels.join(" · ");
        let text = match node.as_scalar() {
            Some((s, Style::Plain)) => s.trim(),
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "金额数字（单位万元，如 363.62）",
                    "an amount in 万元 (e.g. 363.62)",
                );
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
                    format!("{what}：金额不能为负数（写的是 {text}）"),
                    format!("{what}: an amount cannot be negative (found {text})"),
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
            self.wrong_type(
                node,
                path,
                "金额数字（单位万元，如 363.62）",
                "an amount in 万元 (e.g. 363.62)",
            );
            return zero;
        }
        if frac.len() > 6 {
            self.push_labeled(
                Code::InvalidAmount,
                Some(node.span),
                path,
                labels,
                format!(
                    "{what}：金额 {text} 有 {} 位小数；单位是万元，最多 6 位小数（精确到分）",
                    frac.len()
                ),
                format!(
                    "{what}: {text} has {} decimals; amounts are in 万元 with at most 6 decimals",
                    frac.len()
                ),
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
                format!("{what}：金额 {text} 万元大得不合常理，请核对"),
                format!("{what}: {text} 万元 is absurdly large"),
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
                    self.wrong_length(node, path, items.len(), &words.want_zh, words.want_en);
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
            Value::Scalar(..) => self.wrong_type(node, path, &words.scalar_zh, words.scalar_en),
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
