//! The typing slips behind a value of the wrong type: the Chinese input method's punctuation in
//! a row of figures, numbers in a form a report does not use (`1e10`, `0x10`, `1,234`), and
//! thousands separators that YAML's flow syntax splits into a key or an item of their own.

use crate::diag::messages::{Marks, NumberForm};
use crate::input::yaml::{Node, Style, Value};

/// The Chinese input method's punctuation in `s`.
pub(super) fn marks(s: &str) -> Marks {
    Marks {
        commas: s.contains('，'),
        enumeration_commas: s.contains('、'),
        brackets: s.contains(['（', '）', '［', '］', '【', '】']),
    }
}

/// The figures of `texts` (the items of a row, or a row written as one text), to be written
/// as a list in ASCII punctuation ([`as_list`]); None when something else than figures is
/// there.
pub(super) fn fixed_row<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Vec<String>> {
    let mut figures = Vec::new();
    for t in texts {
        let t: String = t
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | '（' | '）' | '［' | '］' | '【' | '】'))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                _ => c,
            })
            .collect();
        for part in t.split([',', '，', '、']) {
            let part = part.trim_matches(|c: char| c.is_whitespace());
            if part.is_empty() {
                continue;
            }
            let body = part.strip_prefix(['-', '+']).unwrap_or(part);
            let ok = !body.is_empty()
                && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && body.bytes().filter(|b| *b == b'.').count() <= 1
                && body.bytes().any(|b| b.is_ascii_digit());
            if !ok {
                return None;
            }
            figures.push(part.to_string());
        }
    }
    (!figures.is_empty()).then_some(figures)
}

/// `[8, 3, 0]`
pub(super) fn as_list(figures: &[String]) -> String {
    format!("[{}]", figures.join(", "))
}

/// `s` (its sign taken off) as a number in a form a report does not use, with the same number
/// written plainly when it can be told.
pub(super) fn number_form(s: &str) -> Option<(NumberForm, Option<String>)> {
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | ".inf" | "infinity" => return Some((NumberForm::Infinite, None)),
        "nan" | ".nan" => return Some((NumberForm::NotANumber, None)),
        _ => {}
    }
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(d) = lower.strip_prefix(prefix) {
            if !d.is_empty() && d.chars().all(|c| c.is_digit(base)) {
                let plain = u128::from_str_radix(d, base).ok().map(|v| v.to_string());
                return Some((NumberForm::Radix(base), plain));
            }
            return None;
        }
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((mantissa, exp)) = lower.split_once('e') {
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let exp_digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        let mantissa_ok = (digits(int) || int.is_empty())
            && (digits(frac) || frac.is_empty())
            && !(int.is_empty() && frac.is_empty());
        if mantissa_ok && digits(exp_digits) {
            return Some((NumberForm::Exponent, expand(int, frac, exp)));
        }
        return None;
    }
    if let Some(frac) = s.strip_prefix('.') {
        return digits(frac).then(|| (NumberForm::BarePoint, Some(format!("0.{frac}"))));
    }
    if let Some(int) = s.strip_suffix('.') {
        return digits(int).then(|| (NumberForm::BarePoint, Some(int.to_string())));
    }
    separated(s).map(|plain| (NumberForm::Separated, Some(plain)))
}

/// `int.frac` × 10^`exp`, written out; None for an exponent too large to write out.
fn expand(int: &str, frac: &str, exp: &str) -> Option<String> {
    let exp: i64 = exp.parse().ok().filter(|e: &i64| e.abs() <= 40)?;
    let all = format!("{int}{frac}");
    let point = int.len() as i64 + exp;
    let (int, frac) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{all}", "0".repeat((-point) as usize)),
        )
    } else if point as usize >= all.len() {
        (
            format!("{all}{}", "0".repeat(point as usize - all.len())),
            String::new(),
        )
    } else {
        (
            all[..point as usize].to_string(),
            all[point as usize..].to_string(),
        )
    };
    let int = match int.trim_start_matches('0') {
        "" => "0",
        i => i,
    };
    let frac = frac.trim_end_matches('0');
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// `1,234`, `1，234.5`, `1_000`: the number without its separators.
fn separated(s: &str) -> Option<String> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    let groups: Vec<&str> = if int.contains('_') {
        int.split('_').collect()
    } else {
        int.split([',', '，']).collect()
    };
    let grouped = groups.len() > 1
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && (int.contains('_')
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    if !grouped {
        return None;
    }
    let int = groups.concat();
    Some(if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    })
}

/// A plain scalar of digits only.
fn digits_only(n: &Node) -> Option<&str> {
    match &n.value {
        Value::Scalar(s, Style::Plain)
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(s)
        }
        _ => None,
    }
}

/// `b` starts right after `a` and one character (the comma) on the same line.
fn comma_between(a: &Node, b: &Node) -> bool {
    a.span.end_line == a.span.line
        && b.span.line == a.span.end_line
        && b.span.col == a.span.end_col + 1
}

/// Puts back together the numbers that a thousands separator split: in a flow mapping,
/// `{decisions: 1,234}` reads as `decisions: 1` and a key `234` without a value; in a flow
/// list `[1,234, 5]` reads as three items (taken for a separator only where the list's other
/// commas are followed by a space). The number becomes the text `1,234` again, which the loader
/// then names for its separator, at its own place.
pub(super) fn join_thousands(node: &mut Node) {
    match &mut node.value {
        Value::Scalar(..) => {}
        Value::Seq(items) => {
            for item in items.iter_mut() {
                join_thousands(item);
            }
            let spaced = items.windows(2).any(|w| {
                w[1].span.line == w[0].span.end_line && w[1].span.col > w[0].span.end_col + 1
            });
            if !spaced {
                return;
            }
            let mut i = 0;
            while i + 1 < items.len() {
                let head = value_digits(&items[i]).and_then(|s| s.split(',').next());
                let joins = head.is_some_and(|s| s.len() <= 3)
                    && digits_only(&items[i + 1]).is_some_and(|s| s.len() == 3)
                    && comma_between(&items[i], &items[i + 1]);
                if joins {
                    let next = items.remove(i + 1);
                    join(&mut items[i], &next);
                } else {
                    i += 1;
                }
            }
        }
        Value::Map(entries) => {
            for (_, v) in entries.iter_mut() {
                join_thousands(v);
            }
            let mut i = 0;
            while i + 1 < entries.len() {
                let (value, (key, empty)) = (&entries[i].1, (&entries[i + 1].0, &entries[i + 1].1));
                let joins = value_digits(value).is_some()
                    && digits_only(key).is_some_and(|s| s.len() == 3)
                    && matches!(&empty.value, Value::Scalar(s, Style::Plain) if s.is_empty())
                    && comma_between(value, key);
                if joins {
                    let (key, _) = entries.remove(i + 1);
                    join(&mut entries[i].1, &key);
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// A value that may start a number split by a separator: digits, or digits already joined.
fn value_digits(n: &Node) -> Option<&str> {
    match &n.value {
        Value::Scalar(s, Style::Plain)
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b',') =>
        {
            Some(s)
        }
        _ => None,
    }
}

/// `a` followed by `,` and `b`, as one scalar.
fn join(a: &mut Node, b: &Node) {
    if let (Value::Scalar(s, _), Value::Scalar(t, _)) = (&mut a.value, &b.value) {
        s.push(',');
        s.push_str(t);
        a.span.end_line = b.span.end_line;
        a.span.end_col = b.span.end_col;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::yaml::{Budget, parse};

    #[test]
    fn rows_are_written_again_in_ascii_punctuation() {
        let list = |texts: &[&str]| fixed_row(texts.iter().copied()).map(|f| as_list(&f));
        assert_eq!(
            list(&["8，3，0，0，1，0，12"]).as_deref(),
            Some("[8, 3, 0, 0, 1, 0, 12]")
        );
        assert_eq!(
            list(&["5，2", "0", "0", "1", "0"]).as_deref(),
            Some("[5, 2, 0, 0, 1, 0]")
        );
        assert_eq!(list(&["（１、2、3）"]).as_deref(), Some("[1, 2, 3]"));
        assert_eq!(list(&["8，三"]), None);
    }

    #[test]
    fn number_forms() {
        let f = |s: &str| number_form(s).map(|(f, p)| (f, p.unwrap_or_default()));
        let plain = |f: NumberForm, p: &str| Some((f, p.to_string()));
        assert_eq!(f("1e10"), plain(NumberForm::Exponent, "10000000000"));
        assert_eq!(f("1E3"), plain(NumberForm::Exponent, "1000"));
        assert_eq!(f("1.50e1"), plain(NumberForm::Exponent, "15"));
        assert_eq!(f("2.5e-3"), plain(NumberForm::Exponent, "0.0025"));
        assert_eq!(f("1e400"), plain(NumberForm::Exponent, ""));
        assert_eq!(f("0x10"), plain(NumberForm::Radix(16), "16"));
        assert_eq!(f("0o17"), plain(NumberForm::Radix(8), "15"));
        assert_eq!(f(".inf"), plain(NumberForm::Infinite, ""));
        assert_eq!(f("NaN"), plain(NumberForm::NotANumber, ""));
        assert_eq!(f(".5"), plain(NumberForm::BarePoint, "0.5"));
        assert_eq!(f("5."), plain(NumberForm::BarePoint, "5"));
        assert_eq!(f("1,234"), plain(NumberForm::Separated, "1234"));
        assert_eq!(
            f("1，234，567.5"),
            plain(NumberForm::Separated, "1234567.5")
        );
        assert_eq!(f("1_000"), plain(NumberForm::Separated, "1000"));
        for not in [
            "12", "1.5", "1,23", "12,3456", "e3", "1e", "abc", "0x", "1,234.",
        ] {
            assert_eq!(number_form(not), None, "{not}");
        }
    }

    fn scalars(n: &Node) -> Vec<String> {
        match &n.value {
            Value::Scalar(s, _) => vec![s.clone()],
            Value::Seq(items) => items.iter().flat_map(scalars).collect(),
            Value::Map(e) => e
                .iter()
                .flat_map(|(k, v)| scalars(k).into_iter().chain(scalars(v)))
                .collect(),
        }
    }

    fn joined(src: &str) -> Node {
        let mut root = parse(src, Budget::default()).unwrap().root;
        join_thousands(&mut root);
        root
    }

    #[test]
    fn thousands_split_by_flow_syntax_are_joined() {
        let root = joined("a: {b: 1,234, c: 12,345,678}\n");
        assert_eq!(scalars(&root), ["a", "b", "1,234", "c", "12,345,678"]);
        let b = &root.as_map().unwrap()[0].1.as_map().unwrap()[0].1;
        assert_eq!((b.span.col, b.span.end_col), (8, 13));
        // A list joins only where its other commas have a space.
        let root = joined("a: [1,234,567, 5]\nb: [1,234,5]\nc: [100,200,300]\n");
        assert_eq!(
            scalars(&root),
            [
                "a",
                "1,234,567",
                "5",
                "b",
                "1",
                "234",
                "5",
                "c",
                "100",
                "200",
                "300"
            ]
        );
        // A space after the comma, a key with a value, a key of other than three digits: no.
        let root = joined("a: {b: 1, 234}\nc: {d: 1,234: 5}\ne: {f: 1,23}\n");
        assert_eq!(
            scalars(&root),
            [
                "a", "b", "1", "234", "", "c", "d", "1", "234", "5", "e", "f", "1", "23", ""
            ]
        );
    }
}
