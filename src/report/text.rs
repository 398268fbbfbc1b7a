//! The texts of a report: as written, and as paragraphs with their run-in heads.

use crate::util::Span;
use serde::Serialize;

/// User text as every output shows it: line ends normalised to `\n`, tabs to spaces, other
/// control characters (which no format can show) removed.
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A text section as written, with where it starts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Text {
    pub raw: String,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A paragraph of a text section, as the templates print it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// A run-in lead-in such as `（一）主动公开情况。`, printed in the heading style.
    pub lead: Option<String>,
    pub text: String,
    /// A line that is only an enumerator heading (`（二）依申请公开情况`).
    pub heading: bool,
}

impl Text {
    pub fn is_blank(&self) -> bool {
        self.raw.trim().is_empty()
    }

    /// Paragraphs: separated by blank lines; lines within a paragraph joined without a space
    /// (Chinese), except between two ASCII letters or digits, where a space is kept.
    pub fn paragraphs(&self) -> Vec<Paragraph> {
        let mut out = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        let flush = |cur: &mut Vec<&str>, out: &mut Vec<Paragraph>| {
            if cur.is_empty() {
                return;
            }
            let mut text = String::new();
            for line in cur.drain(..) {
                if let (Some(a), Some(b)) = (text.chars().last(), line.chars().next()) {
                    if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                        text.push(' ');
                    }
                }
                text.push_str(line);
            }
            out.push(Paragraph::classify(text));
        };
        for line in self.raw.lines() {
            let t = line.trim_matches(|c: char| c.is_whitespace());
            if t.is_empty() {
                flush(&mut cur, &mut out);
            } else if is_heading_line(t) {
                // `（二）依申请公开情况` on a line of its own is a sub-heading even without
                // blank lines around it (text pasted from Word has none).
                flush(&mut cur, &mut out);
                out.push(Paragraph {
                    lead: None,
                    text: t.to_string(),
                    heading: true,
                });
            } else {
                cur.push(t);
            }
        }
        flush(&mut cur, &mut out);
        out
    }

    /// The text as one string of its paragraphs (for counting and searching).
    pub fn joined(&self) -> String {
        self.paragraphs()
            .into_iter()
            .map(|p| format!("{}{}", p.lead.unwrap_or_default(), p.text))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A line that is only a heading: `（二）依申请公开情况` or `二、依申请公开`, short and not a
/// sentence. (`一是…` and `1.` start list items, which a hard-wrapped paragraph may put at the
/// start of a line, so they do not count here.)
fn is_heading_line(t: &str) -> bool {
    const NUMS: &str = "一二三四五六七八九十";
    let mut chars = t.chars();
    let starts = match chars.next() {
        Some('（') => {
            let inner: String = chars.by_ref().take_while(|c| *c != '）').collect();
            !inner.is_empty() && inner.chars().all(|c| NUMS.contains(c)) && t.contains('）')
        }
        Some(c) if NUMS.contains(c) => {
            let rest: String = std::iter::once(c)
                .chain(chars.take_while(|c| NUMS.contains(*c) || *c == '、'))
                .collect();
            rest.ends_with('、')
        }
        _ => false,
    };
    starts
        && t.chars().count() <= 40
        && !t.contains('。')
        && !t.ends_with(['；', '：', ':', '！', '？', '，', '、'])
}

/// The length of a leading Chinese enumerator: `（一）`, `一、`, `一是`, `1.`, `（1）`.
fn enumerator_len(s: &str) -> Option<usize> {
    const NUMS: &str = "一二三四五六七八九十";
    let is_num = |c: char| NUMS.contains(c) || c.is_ascii_digit();
    let mut it = s.char_indices();
    let (_, first) = it.next()?;
    if first == '（' || first == '(' {
        let mut n = 0;
        for (i, c) in it {
            if is_num(c) {
                n += 1;
            } else if (c == '）' || c == ')') && n > 0 {
                return Some(i + c.len_utf8());
            } else {
                return None;
            }
        }
        None
    } else if is_num(first) {
        for (i, c) in it {
            if is_num(c) {
                continue;
            }
            return matches!(c, '、' | '是' | '.' | '．').then_some(i + c.len_utf8());
        }
        None
    } else {
        None
    }
}

impl Paragraph {
    fn classify(text: String) -> Paragraph {
        if let Some(n) = enumerator_len(&text) {
            let chars = text.chars().count();
            let ends_sentence = text.ends_with(['。', '；', '：', ':', '！', '？', '.']);
            if chars <= 40 && !ends_sentence && !text.contains('。') {
                return Paragraph {
                    lead: None,
                    text,
                    heading: true,
                };
            }
            // A run-in heading: `（一）主动公开情况。…`, a short lead-in closed by 。 .
            if let Some(pos) = text[n..].find('。') {
                let end = n + pos + '。'.len_utf8();
                if text[..end].chars().count() <= 30 && end < text.len() {
                    let (lead, rest) = text.split_at(end);
                    return Paragraph {
                        lead: Some(lead.to_string()),
                        text: rest.to_string(),
                        heading: false,
                    };
                }
            }
        }
        Paragraph {
            lead: None,
            text,
            heading: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<Paragraph> {
        Text {
            raw: s.into(),
            span: None,
        }
        .paragraphs()
    }

    #[test]
    fn paragraphs_join_lines_without_space_and_split_on_blank_lines() {
        let p = t("第一行\n第二行\n\n  第二段\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "第一行第二行");
        assert_eq!(p[1].text, "第二段");
        assert_eq!(t("word\nnext")[0].text, "word next");
    }

    #[test]
    fn lead_ins_and_headings() {
        let p = t(
            "（一）主动公开情况。我局主要通过政府网站公开。\n\n（二）依申请公开情况\n\n一是加强管理。",
        );
        assert_eq!(p[0].lead.as_deref(), Some("（一）主动公开情况。"));
        assert_eq!(p[0].text, "我局主要通过政府网站公开。");
        assert!(p[1].heading);
        assert_eq!(
            p[2].lead, None,
            "a lead-in that is the whole paragraph stays text"
        );
        assert!(!t("普通段落。")[0].heading);
    }

    #[test]
    fn a_heading_line_stands_alone_without_blank_lines() {
        let p = t("前文。\n（一）主动公开情况\n全年主动公开信息。\n二、依申请公开\n正文。");
        let texts: Vec<(&str, bool)> = p.iter().map(|p| (p.text.as_str(), p.heading)).collect();
        assert_eq!(
            texts,
            [
                ("前文。", false),
                ("（一）主动公开情况", true),
                ("全年主动公开信息。", false),
                ("二、依申请公开", true),
                ("正文。", false)
            ]
        );
        // A wrapped paragraph whose next line starts with 一是 stays one paragraph.
        assert_eq!(
            t("主要表现在：\n一是政策解读质量仍需提升，个别单位\n解读简单。").len(),
            1
        );
    }
}
