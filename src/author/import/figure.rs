//! Figures as printed in a table cell: sign, digits, decimals, unit, note; money units.

/// A figure as printed: sign, digits, decimals, unit, and a note in brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Figure {
    pub(super) neg: bool,
    pub(super) plus: bool,
    pub(super) int: String,
    pub(super) frac: Option<String>,
    pub(super) unit: Option<&'static str>,
    pub(super) note: Option<String>,
}

pub(super) const UNITS: &[&str] = &[
    "万元", "亿元", "元", "人次", "件", "个", "项", "条", "次", "宗", "家", "篇", "人",
];
pub(super) const MONEY: &[&str] = &["万元", "亿元", "元"];

/// Splits `4（其中一件失效）` into `4` and the note.
pub(super) fn split_note(s: &str) -> (&str, Option<&str>) {
    let Some(last) = s.chars().last() else {
        return (s, None);
    };
    if last != '）' && last != ')' {
        return (s, None);
    }
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    let inner = &s[i + c.len_utf8()..s.len() - last.len_utf8()];
                    return (&s[..i], Some(inner.trim()));
                }
            }
            _ => {}
        }
    }
    (s, None)
}

pub(super) fn parse_figure(s: &str) -> Option<Figure> {
    let (body, note) = split_note(s.trim());
    let chars: Vec<char> = body
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '＋' => '+',
            '－' | '−' => '-',
            c => c,
        })
        .collect();
    let mut i = 0;
    let (mut neg, mut plus) = (false, false);
    match chars.first() {
        Some('+') => {
            plus = true;
            i = 1;
        }
        Some('-') => {
            neg = true;
            i = 1;
        }
        _ => {}
    }
    let mut int = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            int.push(c);
        } else if c == ',' && !int.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
        } else {
            break;
        }
        i += 1;
    }
    if int.is_empty() {
        return None;
    }
    let mut frac = None;
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        let mut f = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            f.push(chars[i]);
            i += 1;
        }
        frac = Some(f);
    }
    let rest: String = chars[i..].iter().collect();
    let mut unit = None;
    if !rest.is_empty() {
        unit = Some(*UNITS.iter().find(|u| **u == rest)?);
    }
    let mut note = note.filter(|n| !n.is_empty()).map(String::from);
    if unit.is_none() {
        if let Some(u) = note
            .as_deref()
            .and_then(|n| MONEY.iter().find(|u| **u == n))
        {
            unit = Some(*u);
            note = None;
        }
    }
    Some(Figure {
        neg,
        plus,
        int: {
            let t = int.trim_start_matches('0');
            if t.is_empty() { "0".into() } else { t.into() }
        },
        frac,
        unit,
        note,
    })
}

impl Figure {
    pub(super) fn number(&self) -> String {
        let mut s = String::new();
        if self.neg {
            s.push('-');
        }
        s.push_str(&self.int);
        if let Some(f) = &self.frac {
            s.push('.');
            s.push_str(f);
        }
        s
    }
}

/// A mark printed instead of a figure: `—`, `/`, `无` …
pub(super) fn is_mark(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars().count() <= 3
        && (t.chars().all(|c| "—–-－/／\\×x*＊".contains(c)) || t == "无" || t == "空")
}

/// A decimal moved `places` to the left (元 → 万元 is 4): `251000` → `25.1`.
pub(super) fn shift_left(int: &str, frac: &str, places: usize) -> String {
    let digits = format!("{}{int}", "0".repeat(places));
    let (i, f) = digits.split_at(digits.len() - places);
    let i = i.trim_start_matches('0');
    let f = format!("{f}{frac}");
    let f = f.trim_end_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    }
}

/// A decimal moved `places` to the right (亿元 → 万元 is 4).
pub(super) fn shift_right(int: &str, frac: &str, places: usize) -> String {
    let padded = format!("{frac}{}", "0".repeat(places));
    let (a, b) = padded.split_at(places);
    let i = format!("{int}{a}");
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let b = b.trim_end_matches('0');
    if b.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let f = parse_figure("4（其中一件失效）").unwrap();
        assert_eq!(
            (f.number(), f.note.as_deref()),
            ("4".into(), Some("其中一件失效"))
        );
        let f = parse_figure("363.62万元").unwrap();
        assert_eq!((f.number(), f.unit), ("363.62".into(), Some("万元")));
        let f = parse_figure("+1").unwrap();
        assert!(f.plus);
        assert_eq!(parse_figure("-1,697").unwrap().number(), "-1697");
        assert_eq!(parse_figure("1.属于国家秘密"), None);
        assert_eq!(parse_figure("3.其他"), None);
        assert_eq!(parse_figure("2020年"), None);
        assert!(is_mark("—") && is_mark("/") && !is_mark("规章"));
    }

    #[test]
    fn money_conversions_are_exact() {
        assert_eq!(shift_left("251000", "", 4), "25.1");
        assert_eq!(shift_left("394", "", 4), "0.0394");
        assert_eq!(shift_left("12345", "67", 4), "1.234567");
        assert_eq!(shift_right("1", "5", 4), "15000");
        assert_eq!(shift_right("0", "00012", 4), "1.2");
    }
}
