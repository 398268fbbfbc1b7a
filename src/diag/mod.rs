//! Diagnostics: every problem found in the inputs, as data.

pub mod messages;

pub use messages::Msg;

use crate::util::Span;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A stable diagnostic code, its default severity and what it means (for the docs table).
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub zh: &'static str,
    pub en: &'static str,
}

macro_rules! codes {
    ($($id:ident = $code:literal, $sev:ident, $zh:literal, $en:literal;)*) => {
        /// Every diagnostic xxgk can raise.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($id,)* }

        pub const CODES: &[CodeInfo] = &[
            $(CodeInfo { code: $code, severity: Severity::$sev, zh: $zh, en: $en },)*
        ];

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$id,)*];
            pub fn info(self) -> &'static CodeInfo {
                &CODES[self as usize]
            }
        }
    };
}

codes! {
    Io = "io", Error, "无法读取文件", "the file cannot be read";
    NotUtf8 = "not-utf8", Error, "文件不是 UTF-8 编码（多半是 GBK）", "the file is not UTF-8 (probably GBK)";
    TooLarge = "file-too-large", Error, "文件过大", "the file is too large";
    Syntax = "yaml-syntax", Error, "YAML 语法错误", "invalid YAML";
    Empty = "empty-file", Error, "文件为空", "the file is empty";
    TooComplex = "yaml-too-complex", Error, "嵌套过深或别名展开过大", "nesting too deep or aliases expand too far";
    DuplicateKey = "duplicate-key", Error, "同一层级出现重复的键", "a key appears twice in one mapping";
    UnknownKey = "unknown-key", Error, "未知的键（多半是拼写错误）", "an unknown key (probably a typo)";
    OtherEditionKey = "other-edition-key", Error, "使用了另一版格式的栏目", "a key of the other edition of the format";
    MissingKey = "missing-key", Error, "缺少必填项", "a required key is missing";
    WrongType = "wrong-type", Error, "类型不对（应为数字、文本、列表或映射）", "a value of the wrong type";
    InvalidCount = "invalid-count", Error, "数量须为不超过10亿的非负整数", "a count must be a whole number from 0 to 10^9";
    InvalidAmount = "invalid-amount", Error, "金额（万元）须非负，最多6位小数", "an amount (万元) must be ≥ 0 with at most 6 decimals";
    InvalidDate = "invalid-date", Error, "日期无效，应写作 YYYY-MM-DD", "not a valid YYYY-MM-DD date";
    InvalidYear = "invalid-year", Error, "年度须在2019年至今年之间", "the year must be from 2019 to the current year";
    InvalidEdition = "invalid-edition", Error, "格式版本只能是 2019 或 2021", "the edition must be 2019 or 2021";
    InvalidKind = "invalid-kind", Error, "机关类型只能是 department 或 government", "kind must be department or government";
    OutputClash = "output-clash", Error, "两个输入文件的输出文件同名，会互相覆盖", "two inputs would write the same output files";
    RowTotal = "row-total", Error, "一行的总计不等于六类申请人之和", "a row's 总计 is not the sum of its six columns";
    ResultsTotal = "results-total", Error, "（七）总计不等于各项办理结果之和", "（七）总计 is not the sum of the result rows";
    Balance = "balance", Error, "勾稽关系不平：一+二 ≠ 三+四", "the table does not balance: 一 + 二 ≠ 三 + 四";
    OutcomeTotal = "outcome-total", Error, "行政复议/诉讼的总计不等于各项结果之和", "a review or lawsuit 总计 is not the sum of its outcomes";
    CarryOver = "carry-over", Error, "上年结转数与上一年报告的结转下年度数不一致", "carried over differs from last year's carried forward";
    DuplicateReport = "duplicate-report", Error, "同一机关同一年度有两个文件", "two files for the same agency and year";
    EditionMismatch = "edition-mismatch", Warning, "所用格式版本与该年度应使用的版本不符", "the edition does not match the year's";
    Late = "late", Warning, "发布日期晚于条例第四十九条规定的期限", "published after the deadline of 条例 第四十九条";
    PublishedDate = "published-date", Warning, "发布日期早于报告年度结束或晚于今天", "the publication date is before the year ended, or in the future";
    YearFolder = "year-folder", Warning, "报告年度与所在年度目录不同", "the report's year differs from the year its folder is named for";
    EmptyText = "empty-text", Warning, "必填的文字部分为空", "a required text is empty";
    OverviewTooLong = "overview-too-long", Warning, "总体情况超过一千字", "总体情况 is over 1,000 characters";
    ProseContradicts = "prose-contradicts-table", Warning, "正文所述数字与表格不符", "a figure in the text contradicts the tables";
    OtherResultsHigh = "other-results-high", Warning, "其他处理占办理结果的比例超过10%", "其他处理 is over 10% of the results";
    ProblemsRepeated = "problems-repeated", Warning, "存在的主要问题与上一年几乎相同", "problems is (nearly) the same as last year's";
    ProblemsTooShort = "problems-too-short", Warning, "存在的主要问题不足两句", "problems is shorter than two sentences";
    FeesNotReported = "fees-not-reported", Warning, "其他需要报告的事项未说明信息处理费", "other_matters says nothing of 信息处理费";
    ItemContinuity = "item-continuity", Warning, "上一年项目数量与上一年报告不衔接", "last_year does not follow from last year's report";
    LinkOutside = "link-outside", Warning, "输入目录中的链接指向目录之外，已跳过", "a link in the inputs points outside the folder; skipped";
    InForceContinuity = "in-force-continuity", Warning, "现行有效件数与上一年报告不衔接", "in_force does not follow from last year's report";
    Unverified = "unverified-import", Warning, "导入时标注“待核对”的内容尚未核对", "an item the import marked 待核对 is still unchecked";
    ImportUnplaced = "import-unplaced", Warning, "导入时有内容无法对应到报告格式，已在 YAML 中标注“待核对”", "import: something in the report could not be placed; marked 待核对 in the YAML";
    ImportMissing = "import-missing", Warning, "导入时原文缺少格式要求的部分，已在 YAML 中标注“待核对”", "import: the report lacks a part of the format; marked 待核对 in the YAML";
    UnverifiedFigures = "unverified-figures", Error, "导入时未找到的表格行（标注“待核对（数字）”）尚未补上；可用 --allow 明确放行", "a table row the import did not find (marked 待核对（数字）) is still open; --allow can let it pass";
    NoTextLayer = "pdf-no-text", Error, "PDF 没有文字层（扫描的图片），需先做文字识别（OCR）", "the PDF has no text layer (a scanned image); it needs OCR first";
    Unreadable = "unreadable-document", Error, "文件无法作为报告读取（加密、损坏或不支持的类型）", "the file cannot be read as a report (encrypted, damaged or of an unsupported kind)";
    ToolFailed = "tool-failed", Error, "读取文件所需的外部程序（pdftotext、soffice）缺失或运行失败", "a program needed to read the file (pdftotext, soffice) is missing or failed";
}

/// The table of every code, as Markdown (the README embeds it; a test keeps the two equal).
pub fn codes_markdown() -> String {
    let mut out =
        String::from("| 代码 code | 级别 severity | 含义 | meaning |\n| --- | --- | --- | --- |\n");
    for c in CODES {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            c.code,
            c.severity.as_str(),
            c.zh,
            c.en
        );
    }
    out
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// Can `--allow` silence it? Every warning, and the one error a person decides on: table
    /// rows an import did not find (an audit may accept a report that leaves them out).
    pub fn allowable(self) -> bool {
        self.info().severity == Severity::Warning || self == Code::UnverifiedFigures
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// One problem in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    pub span: Option<Span>,
    /// The YAML path of the value, e.g. `applications.results.withheld.state_secret`.
    pub path: String,
    /// The official labels of the row and column concerned, e.g. `["三、收到和处理政府信息公开申请情况", "自然人"]`.
    pub labels: Vec<String>,
    pub zh: String,
    pub en: String,
    /// Another place that takes part in the problem (the first of two duplicate keys, last year's file).
    pub related: Option<(String, Option<Span>, String, String)>,
    /// In a published document, what the span's line counts (None: lines of the file).
    pub place: Option<Place>,
}

/// What the line of a diagnostic in a published document counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A PDF: the line on this page.
    Page(usize),
    /// A Word document: paragraphs (Word shows no line numbers; its paragraphs are what a clerk
    /// can count or find), tables' paragraphs counted too.
    Paragraph,
}

impl Diagnostic {
    /// The page of a PDF's diagnostic.
    pub fn page(&self) -> Option<usize> {
        match self.place {
            Some(Place::Page(p)) => Some(p),
            _ => None,
        }
    }

    /// Where in a published document, in words (`第 2 页第 14 行`, `第 57 段`); None in a
    /// file shown by its lines.
    pub fn place_text(&self, lang: Lang) -> Option<String> {
        let line = self.line();
        Some(match (self.place?, lang) {
            (Place::Page(p), Lang::Zh) => format!("第 {p} 页第 {line} 行"),
            (Place::Page(p), Lang::En) => format!("page {p}, line {line}"),
            (Place::Paragraph, Lang::Zh) => format!("第 {line} 段"),
            (Place::Paragraph, Lang::En) => format!("paragraph {line}"),
        })
    }
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: &str,
        span: Option<Span>,
        path: impl Into<String>,
        zh: String,
        en: String,
    ) -> Self {
        Diagnostic::msg(code, file, span, path, Msg { zh, en })
    }

    /// A diagnostic saying `msg` (one of [`messages`]).
    pub fn msg(
        code: Code,
        file: &str,
        span: Option<Span>,
        path: impl Into<String>,
        msg: Msg,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.info().severity,
            file: file.to_string(),
            span,
            path: path.into(),
            labels: Vec::new(),
            zh: msg.zh,
            en: msg.en,
            related: None,
            place: None,
        }
    }

    pub fn with_labels<I: IntoIterator<Item = S>, S: Into<String>>(mut self, labels: I) -> Self {
        self.labels = labels.into_iter().map(Into::into).collect();
        self
    }

    pub fn with_related(self, file: &str, span: Option<Span>, zh: String, en: String) -> Self {
        self.with_related_msg(file, span, Msg { zh, en })
    }

    /// Another place that takes part, told by `msg` (one of [`messages`]).
    pub fn with_related_msg(mut self, file: &str, span: Option<Span>, msg: Msg) -> Self {
        self.related = Some((file.to_string(), span, msg.zh, msg.en));
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn line(&self) -> usize {
        self.span.map_or(1, |s| s.line)
    }

    pub fn column(&self) -> usize {
        self.span.map_or(1, |s| s.col)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), else English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.starts_with("zh") {
                        Lang::Zh
                    } else {
                        Lang::En
                    };
                }
            }
        }
        Lang::En
    }
}

/// Per-run changes of severity: `--deny CODE`, `--allow CODE`, `--deny-warnings`.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    pub deny: Vec<Code>,
    pub allow: Vec<Code>,
}

impl Levels {
    /// Applies the levels: allowed codes are dropped, denied ones become errors.
    pub fn apply(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| !self.allow.contains(&d.code) || !d.code.allowable())
            .map(|mut d| {
                if self.deny.contains(&d.code) {
                    d.severity = Severity::Error;
                }
                d
            })
            .collect()
    }
}

/// Sorts diagnostics by file, then position, for stable output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line(), a.column(), a.code).cmp(&(&b.file, b.line(), b.column(), b.code))
    });
}

// ---------------------------------------------------------------------------------------------
// Output formats

#[derive(Serialize)]
struct JsonDiag<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The page of a PDF (`line` is the line on it); absent for other files.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    /// The paragraph of a Word document (`line` is the same number); absent for other files.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    code: &'static str,
    severity: &'static str,
    path: &'a str,
    labels: &'a [String],
    message: &'a str,
    message_zh: &'a str,
    message_en: &'a str,
}

/// A JSON array of `{file, line, column, code, severity, path, message, …}`.
pub fn to_json(diags: &[Diagnostic], lang: Lang) -> String {
    let items: Vec<JsonDiag> = diags
        .iter()
        .map(|d| JsonDiag {
            file: &d.file,
            line: d.line(),
            column: d.column(),
            end_line: d.span.map_or(d.line(), |s| s.end_line),
            end_column: d.span.map_or(d.column(), |s| s.end_col),
            page: d.page(),
            paragraph: (d.place == Some(Place::Paragraph)).then(|| d.line()),
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            path: &d.path,
            labels: &d.labels,
            message: d.message(lang),
            message_zh: &d.zh,
            message_en: &d.en,
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("diagnostics serialise")
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub fn to_github(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut msg = d.message(lang).to_string();
        if let Some(at) = d.place_text(lang) {
            msg = match lang {
                Lang::Zh => format!("{at}：{msg}"),
                Lang::En => format!("{at}: {msg}"),
            };
        }
        if !d.labels.is_empty() {
            msg = format!("{} — {}", d.labels.join(" · "), msg);
        }
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            gh_escape_prop(&d.file),
            d.line(),
            d.column(),
            gh_escape_prop(&format!("xxgk {}", d.code.as_str())),
            gh_escape_data(&msg)
        );
    }
    out
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Human output in the manner of rustc: the message, the place, the source line and a marker
/// under the spot (aligned by display width, so it sits right under Chinese text).
pub fn to_human(
    diags: &[Diagnostic],
    sources: &dyn Fn(&str) -> Option<String>,
    lang: Lang,
    color: bool,
) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for d in diags {
        let (sev, sev_color) = match (d.severity, lang) {
            (Severity::Error, Lang::Zh) => ("错误", "1;31"),
            (Severity::Error, Lang::En) => ("error", "1;31"),
            (Severity::Warning, Lang::Zh) => ("警告", "1;33"),
            (Severity::Warning, Lang::En) => ("warning", "1;33"),
        };
        let _ = writeln!(
            out,
            "{}{}",
            paint(sev_color, &format!("{sev}[{}]", d.code.as_str())),
            paint("1", &format!(": {}", d.message(lang)))
        );
        let src = sources(&d.file);
        // The gutter is as wide as the line number shown, as rustc draws it.
        let pad = " ".repeat(d.span.map_or(1, |s| s.line.to_string().len()));
        match d.place_text(lang) {
            // A PDF's line is shown by page and line, a Word document's by paragraph; their
            // text is not shown under it.
            Some(at) => {
                let where_ = format!("{} {at}", d.file);
                let _ = writeln!(out, "{pad}{} {where_}", paint("1;34", "-->"));
            }
            None => write_location(&mut out, &d.file, d.span, src.as_deref(), &paint),
        }
        let blue = |s: &str| paint("1;34", s);
        if !d.path.is_empty() || !d.labels.is_empty() {
            let mut what = String::new();
            if !d.labels.is_empty() {
                what.push_str(&d.labels.join(" · "));
            }
            if !d.path.is_empty() {
                if !what.is_empty() {
                    what.push_str("  ");
                }
                what.push_str(&format!("({})", d.path));
            }
            let _ = writeln!(out, "{pad} {} {what}", blue("="));
        }
        if let Some((file, span, zh, en)) = &d.related {
            let note = if lang == Lang::Zh { zh } else { en };
            let _ = writeln!(out, "{pad} {} {}", blue("="), note);
            let rsrc = sources(file);
            write_location(&mut out, file, *span, rsrc.as_deref(), &paint);
        }
        out.push('\n');
    }
    out
}

/// Line `n` (1-based) of a source, where `\r\n`, `\n` and a lone `\r` each end a line, as
/// the YAML parser counts them.
pub fn source_line(src: &str, n: usize) -> Option<&str> {
    let mut rest = src;
    for _ in 1..n {
        let i = rest.find(['\r', '\n'])?;
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    Some(&rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())])
}

/// Characters of a source line shown on either side of the marker: a page published as one
/// 36 KB line of HTML is shown as a window around the spot, as rustc does with long lines.
const WINDOW_CHARS: usize = 60;

/// The line as shown (tabs as four spaces, cut to a window around the marker when long), and
/// the marker's column (in characters) within it.
fn window(line: &str, col: usize, marked: usize) -> (String, usize) {
    let chars: Vec<char> = line.replace('\t', "    ").chars().collect();
    let col = col.min(chars.len());
    if chars.len() <= 2 * WINDOW_CHARS + marked.min(WINDOW_CHARS) {
        return (chars.into_iter().collect(), col);
    }
    let from = col.saturating_sub(WINDOW_CHARS);
    let to = (col + marked.min(WINDOW_CHARS) + WINDOW_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut col_shown = col - from;
    if from > 0 {
        shown.push('…');
        col_shown += 1;
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    (shown, col_shown)
}

fn write_location(
    out: &mut String,
    file: &str,
    span: Option<Span>,
    src: Option<&str>,
    paint: &dyn Fn(&str, &str) -> String,
) {
    let blue = |s: &str| paint("1;34", s);
    match span {
        None => {
            let _ = writeln!(out, " {} {file}", blue("-->"));
        }
        Some(sp) => {
            let num = sp.line.to_string();
            let pad = " ".repeat(num.len());
            let _ = writeln!(out, "{pad}{} {file}:{}:{}", blue("-->"), sp.line, sp.col);
            let Some(line) = src.and_then(|s| source_line(s, sp.line)) else {
                return;
            };
            let marked_chars = if sp.end_line == sp.line && sp.end_col > sp.col {
                sp.end_col - sp.col
            } else {
                1
            };
            let (line, col) = window(line, sp.col.saturating_sub(1), marked_chars);
            let prefix: String = line.chars().take(col).collect();
            let start = unicode_width::UnicodeWidthStr::width(prefix.as_str());
            let marked: String = line.chars().skip(col).take(marked_chars).collect();
            let width = unicode_width::UnicodeWidthStr::width(marked.as_str()).max(1);
            let _ = writeln!(out, "{pad} {}", blue("|"));
            let _ = writeln!(out, "{} {line}", blue(&format!("{num} |")));
            let _ = writeln!(
                out,
                "{pad} {} {}{}",
                blue("|"),
                " ".repeat(start),
                paint("1;31", &"^".repeat(width))
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_sits_under_chinese_text() {
        let d = Diagnostic::new(
            Code::WrongType,
            "a.yaml",
            Some(Span {
                line: 1,
                col: 9,
                end_line: 1,
                end_col: 11,
            }),
            "agency",
            "x".into(),
            "x".into(),
        );
        let src = "agency: 慈溪 x\n".to_string();
        let out = to_human(&[d], &|_| Some(src.clone()), Lang::En, false);
        let lines: Vec<&str> = out.lines().collect();
        let code_line = lines.iter().find(|l| l.contains("慈溪")).unwrap();
        let marker = lines.iter().find(|l| l.contains('^')).unwrap();
        // `慈溪` is 4 columns wide: the marker is 4 carets starting where it starts.
        let src_col =
            unicode_width::UnicodeWidthStr::width(&code_line[..code_line.find('慈').unwrap()]);
        assert_eq!(marker.find('^').unwrap(), src_col);
        assert_eq!(marker.matches('^').count(), 4);
    }

    fn at(line: usize, col: usize, end_col: usize) -> Option<Span> {
        Some(Span {
            line,
            col,
            end_line: line,
            end_col,
        })
    }

    #[test]
    fn the_gutter_lines_up_for_one_and_two_digit_lines() {
        for (line, src) in [
            (3, "a: 1\nb: 2\nc: x\n".to_string()),
            (12, "c: x\n".repeat(12)),
        ] {
            let d = Diagnostic::new(
                Code::WrongType,
                "a.yaml",
                at(line, 4, 5),
                "c",
                "x".into(),
                "x".into(),
            );
            let out = to_human(&[d], &|_| Some(src.clone()), Lang::En, false);
            let bars: Vec<usize> = out
                .lines()
                .skip(1)
                .filter_map(|l| l.find(['|', '=']).or_else(|| l.find("-->").map(|i| i + 1)))
                .collect();
            // `-->`'s middle dash, every `|` and the `=` stand in one column, as in rustc.
            assert!(
                bars.len() >= 4 && bars.iter().all(|&c| c == bars[0]),
                "{out}"
            );
        }
    }

    #[test]
    fn a_long_source_line_is_cut_to_a_window_around_the_marker() {
        let line = format!("{}<td>x</td>{}", "a".repeat(30_000), "b".repeat(6_000));
        let d = Diagnostic::new(
            Code::WrongType,
            "p.html",
            at(1, 30_005, 30_006),
            "",
            "x".into(),
            "x".into(),
        );
        let out = to_human(&[d], &|_| Some(line.clone()), Lang::En, false);
        assert!(out.len() < 600, "{} bytes", out.len());
        let shown = out.lines().find(|l| l.contains("<td>")).unwrap();
        let marker = out.lines().find(|l| l.contains('^')).unwrap();
        assert!(shown.contains('…'));
        // Both lines are ASCII but for the `…` (one column wide).
        let col = marker.find('^').unwrap();
        assert_eq!(shown.chars().nth(col), Some('x'), "{shown}\n{marker}");
    }

    #[test]
    fn source_lines_end_at_any_line_break() {
        assert_eq!(source_line("a\rb\r\nc\nd", 2), Some("b"));
        assert_eq!(source_line("a\rb\r\nc\nd", 4), Some("d"));
        assert_eq!(source_line("a", 2), None);
    }

    #[test]
    fn codes_are_unique_and_parse_back() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }

    #[test]
    fn github_lines_escape_newlines() {
        let d = Diagnostic::new(
            Code::Balance,
            "a,b.yaml",
            None,
            "",
            "x".into(),
            "a\nb".into(),
        );
        let s = to_github(&[d], Lang::En);
        assert_eq!(
            s,
            "::error file=a%2Cb.yaml,line=1,col=1,title=xxgk balance::a%0Ab\n"
        );
    }
}
