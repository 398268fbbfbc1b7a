//! A report as loaded: every figure with where it was written.

use crate::format::{AppRow, AppRowRole, Edition};
use crate::util::Span;
use serde::Serialize;

/// Which deadline of 条例 第四十九条 applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Departments and townships: 31 January.
    Department,
    /// A county-level-or-higher local government's own report: 31 March.
    Government,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Department => "department",
            Kind::Government => "government",
        }
    }

    /// The last day of publication for a report on `year`.
    pub fn deadline(self, year: i32) -> Date {
        match self {
            Kind::Department => Date {
                year: year + 1,
                month: 1,
                day: 31,
            },
            Kind::Government => Date {
                year: year + 1,
                month: 3,
                day: 31,
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible days (2023-02-29).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// Today's date in Beijing time, or `XXGK_TODAY` (YYYY-MM-DD) so that tests and rebuilds of old
    /// archives are reproducible.
    pub fn today() -> Date {
        if let Some(d) = std::env::var("XXGK_TODAY")
            .ok()
            .and_then(|s| Date::parse(&s))
        {
            return d;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        // Deadlines are Beijing time (UTC+8).
        Date::from_days(((secs + 8 * 3600) / 86_400) as i64)
    }

    /// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `2023年1月18日`, as sign-offs print it.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A figure of table 二.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Count(u64),
    Change(i64),
    /// 万元, kept as written; `micros` is the value in millionths for arithmetic.
    Amount {
        text: String,
        micros: u128,
    },
}

impl Number {
    /// The figure as printed in the table: changes with their sign, amounts as written.
    pub fn display(&self) -> String {
        match self {
            Number::Count(n) => n.to_string(),
            Number::Change(n) if *n > 0 => format!("+{n}"),
            Number::Change(n) => n.to_string(),
            Number::Amount { text, .. } => text.clone(),
        }
    }

    pub fn as_i128(&self) -> i128 {
        match self {
            Number::Count(n) => *n as i128,
            Number::Change(n) => *n as i128,
            Number::Amount { micros, .. } => *micros as i128 / 1_000_000,
        }
    }
}

/// One cell of table 二: a figure, maybe with a note (`4（其中一件失效）`).
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub value: Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A whole number with where it was written (None when left out, counting as 0).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Count {
    pub value: u64,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A row of table 三: six applicant columns and the 总计 as given (if it was).
#[derive(Clone, Debug, Default)]
pub struct AppRowData {
    pub cells: [Count; 6],
    pub total: Option<Count>,
    /// Where the row was written (None when it was left out).
    pub span: Option<Span>,
}

impl AppRowData {
    /// The sum of the six applicant columns.
    pub fn sum(&self) -> u64 {
        self.cells.iter().map(|c| c.value).sum()
    }

    /// Column `i` of the seven (6 = 总计, computed when not given).
    pub fn column(&self, i: usize) -> u64 {
        if i < 6 {
            self.cells[i].value
        } else {
            self.total.map_or(self.sum(), |t| t.value)
        }
    }

    /// The seven printed figures.
    pub fn figures(&self) -> [u64; 7] {
        std::array::from_fn(|i| self.column(i))
    }
}

/// Table 三, one entry per row of `edition.application_rows()`, in that order.
#[derive(Clone, Debug)]
pub struct Applications {
    pub edition: Edition,
    pub rows: Vec<AppRowData>,
    pub span: Option<Span>,
}

impl Applications {
    pub fn empty(edition: Edition) -> Self {
        Applications {
            edition,
            rows: vec![AppRowData::default(); edition.application_rows().len()],
            span: None,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = (&'static AppRow, &AppRowData)> {
        self.edition.application_rows().iter().zip(&self.rows)
    }

    pub fn row(&self, dotted: &str) -> &AppRowData {
        let i = self
            .edition
            .application_rows()
            .iter()
            .position(|r| r.path.iter().copied().eq(dotted.split('.')));
        &self.rows[i.unwrap_or_else(|| panic!("no row {dotted} in edition {}", self.edition.key()))]
    }

    /// The given （七）总计 row, if the clerk wrote one.
    pub fn results_total_row(&self) -> &AppRowData {
        self.row("results.total")
    }

    /// The sum of every result row, per column (7 columns).
    pub fn results_sum(&self) -> [u64; 7] {
        let mut sum = [0u64; 7];
        for (desc, row) in self.rows() {
            if desc.role == AppRowRole::Result {
                for (i, s) in sum.iter_mut().enumerate() {
                    *s += row.column(i);
                }
            }
        }
        sum
    }

    /// （七）总计 as printed: as given where given, else computed.
    pub fn results_total(&self) -> [u64; 7] {
        let given = self.results_total_row();
        let computed = self.results_sum();
        std::array::from_fn(|i| {
            if given.span.is_some() {
                if i < 6 {
                    given.cells[i].value
                } else {
                    given.total.map_or(given.sum(), |t| t.value)
                }
            } else {
                computed[i]
            }
        })
    }

    /// The seven printed figures of a row, （七）总计 included.
    pub fn printed(&self, desc: &AppRow, row: &AppRowData) -> [u64; 7] {
        if desc.role == AppRowRole::ResultsTotal {
            self.results_total()
        } else {
            row.figures()
        }
    }
}

/// An outcome row of table 四.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// upheld, corrected, other, pending.
    pub cells: [Count; 4],
    pub total: Option<Count>,
    pub span: Option<Span>,
}

impl Outcome {
    pub fn sum(&self) -> u64 {
        self.cells.iter().map(|c| c.value).sum()
    }

    /// The five printed figures (总计 as given, else computed).
    pub fn figures(&self) -> [u64; 5] {
        let t = self.total.map_or(self.sum(), |t| t.value);
        [
            self.cells[0].value,
            self.cells[1].value,
            self.cells[2].value,
            self.cells[3].value,
            t,
        ]
    }
}

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

/// One report, as loaded from one file.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file, as named on the command line or found under a folder.
    pub file: String,
    pub year: i32,
    pub year_span: Option<Span>,
    pub agency: String,
    pub edition: Edition,
    /// Where `edition` was written, if it was.
    pub edition_span: Option<Span>,
    pub kind: Kind,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub published_span: Option<Span>,
    pub preface: Option<Text>,
    pub overview: Text,
    /// Table 二: for each row of `edition.proactive_rows()`, its cells in column order.
    pub proactive: Vec<Vec<Cell>>,
    pub applications: Applications,
    pub reconsideration: Outcome,
    pub litigation_direct: Outcome,
    pub litigation_after: Outcome,
    pub problems: Text,
    pub other_matters: Text,
}

impl Report {
    /// The title as printed: as given, or `{year}年{agency}政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("{}年{}政府信息公开工作年度报告", self.year, self.agency))
    }

    /// The outcome rows of table 四 in printed order.
    pub fn outcomes(&self) -> [&Outcome; 3] {
        [
            &self.reconsideration,
            &self.litigation_direct,
            &self.litigation_after,
        ]
    }

    /// The cells of a proactive row by key (empty if the key is not of this edition).
    pub fn proactive_row(&self, key: &str) -> Option<&[Cell]> {
        self.edition
            .proactive_rows()
            .position(|(_, r)| r.key == key)
            .map(|i| self.proactive[i].as_slice())
    }

    /// A proactive figure by row and column key.
    pub fn proactive_value(&self, row: &str, column: &str) -> Option<&Cell> {
        let (block, _) = self.edition.proactive_row(row)?;
        let ci = block.columns.iter().position(|c| c.key == column)?;
        self.proactive_row(row)?.get(ci)
    }

    /// How many days after the deadline of 条例 第四十九条 the report was published, if it was late.
    pub fn late_days(&self) -> Option<i64> {
        let p = self.published?;
        let deadline = self.kind.deadline(self.year);
        (p > deadline && self.year != 0).then(|| p.to_days() - deadline.to_days())
    }

    /// The date of publication, or 31 December of the year: fixes the PDF's timestamp.
    pub fn date_for_metadata(&self) -> Date {
        self.published.unwrap_or(Date {
            year: self.year,
            month: 12,
            day: 31,
        })
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

    #[test]
    fn dates() {
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("24-01-01").is_none());
        let d = Date::parse("2026-11-27").unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
    }

    #[test]
    fn numbers_print_as_the_format_asks() {
        assert_eq!(Number::Change(1).display(), "+1");
        assert_eq!(Number::Change(-2).display(), "-2");
        assert_eq!(Number::Change(0).display(), "0");
        assert_eq!(
            Number::Amount {
                text: "363.62".into(),
                micros: 363_620_000
            }
            .display(),
            "363.62"
        );
    }
}
