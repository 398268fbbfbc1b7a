//! `xxgk import`: a published report — a portal's HTML page, or its text as copied out of the
//! page — turned back into an input YAML file.
//!
//! The source is first reduced to a stream of blocks: lines of prose, and tables as rows of
//! cells (an HTML table's rowspan/colspan resolved into a matrix first). The title gives the
//! year and the agency, the six section titles cut the prose into sections, and every table row
//! is placed by its label, matched against the labels of [`crate::format`] with whitespace
//! removed; the edition is the one whose own labels the tables use. Printed totals are kept, so
//! that `xxgk check` reports any error of the published report. Whatever cannot be placed is a
//! diagnostic with its source line and a `# 待核对:` comment in the YAML: nothing is guessed
//! silently.

use crate::diag::{Code, Diagnostic};
use crate::format::{
    self, APPLICANT_COLUMNS, AppRowRole, Column, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS,
    SECTION_TITLES, ValueKind,
};
use crate::input::yaml::Span;
use crate::report::Date;
use std::fmt::Write as _;
use std::path::Path;

mod docx;

/// What importing gives: the YAML text (always, as far as it could be made) and every problem.
#[derive(Clone, Debug)]
pub struct Imported {
    pub yaml: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Pages larger than this are refused (a report page is a few hundred kilobytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

pub use crate::input::load::CHECK_MARK;

/// Imports the file at `path` (HTML, text or a Word document, detected by content); `name` is how messages refer to it.
pub fn import_file(path: &Path, name: &str) -> Imported {
    let fail = |code: Code, span: Option<Span>, zh: String, en: String| Imported {
        yaml: String::new(),
        diagnostics: vec![Diagnostic::new(code, name, span, "", zh, en)],
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Code::Io,
                None,
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            );
        }
    };
    if bytes.len() > MAX_IMPORT_BYTES {
        return fail(
            Code::TooLarge,
            None,
            format!(
                "文件过大（{} 字节，上限 {} 字节）",
                bytes.len(),
                MAX_IMPORT_BYTES
            ),
            format!(
                "the file is too large ({} bytes, the limit is {})",
                bytes.len(),
                MAX_IMPORT_BYTES
            ),
        );
    }
    if bytes.starts_with(b"%PDF-") {
        return fail(
            Code::Io,
            None,
            "暂不支持导入 PDF：请导入网页（HTML）、Word 文档（.docx）或复制出的文本".into(),
            "PDF import is not supported yet: import the web page (HTML), the Word document (.docx) or its text".into(),
        );
    }
    if docx::is_zip(&bytes) {
        return match docx::read(&bytes) {
            Ok(doc) => import_blocks(docx_blocks(doc), name, "Word 文档"),
            Err(e) => {
                let code = if e.too_large() {
                    Code::TooLarge
                } else {
                    Code::Io
                };
                fail(code, None, e.zh(), e.to_string())
            }
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => import_text(s, name),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            fail(
                Code::NotUtf8,
                Some(Span::point(line, col)),
                format!(
                    "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法解码），多半是 GBK 编码的网页。请先转换：iconv -f GBK -t UTF-8 {name} -o 新文件"
                ),
                format!(
                    "the file is not UTF-8 (undecodable from line {line}, column {col}); it is probably a GBK page. Convert it first: iconv -f GBK -t UTF-8 {name} -o new-file"
                ),
            )
        }
    }
}

/// Imports a report from its text: HTML when it looks like HTML, else the flattened text form
/// (table cells one per line, tab-indented; a blank line ends a row).
pub fn import_text(src: &str, name: &str) -> Imported {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let is_html = looks_like_html(src);
    let blocks = split_run_in_titles(if is_html {
        html::blocks(src)
    } else {
        text_blocks(src)
    });
    let mut im = Importer {
        file: name,
        diags: Vec::new(),
        checks: 0,
    };
    let yaml = im.run(&blocks, is_html);
    Imported {
        yaml,
        diagnostics: im.diags,
    }
}

/// Imports blocks read from a document of some other kind (`kind` names it in the YAML's
/// first line).
fn import_blocks(blocks: Vec<Block>, name: &str, kind: &str) -> Imported {
    let blocks = split_run_in_titles(blocks);
    let mut im = Importer {
        file: name,
        diags: Vec::new(),
        checks: 0,
    };
    let yaml = im.run(&blocks, false);
    Imported {
        yaml: yaml.replacen("（文本）导入。", &format!("（{kind}）导入。"), 1),
        diagnostics: im.diags,
    }
}

/// A Word document's paragraphs and tables as blocks: consecutive `Title` paragraphs as one
/// title (like the lines of an HTML `<h1>`); "lines" are the document's paragraph numbers.
fn docx_blocks(doc: Vec<docx::DocBlock>) -> Vec<Block> {
    let mut title_id = None;
    doc.into_iter()
        .map(|b| match b {
            docx::DocBlock::Line { text, n, title } => Block::Line {
                text: clean(&text),
                line: n,
                h1: if title {
                    Some(*title_id.get_or_insert(n))
                } else {
                    title_id = None;
                    None
                },
                path: Vec::new(),
            },
            docx::DocBlock::Table { rows } => {
                title_id = None;
                Block::Table {
                    rows: rows
                        .into_iter()
                        .map(|r| Row {
                            line: r.n,
                            cells: r
                                .cells
                                .into_iter()
                                .map(|c| Cell {
                                    text: clean(&c.text),
                                    line: c.n,
                                    inherited: c.inherited,
                                })
                                .collect(),
                            problems: r.problems,
                        })
                        .collect(),
                    path: Vec::new(),
                }
            }
        })
        .collect()
}

fn looks_like_html(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    let start = lower.trim_start();
    start.starts_with("<!doctype")
        || start.starts_with("<html")
        || start.starts_with("<?xml")
        || [
            "<html", "<body", "<table", "<p>", "<p ", "<div", "<h1", "<br", "<td",
        ]
        .iter()
        .any(|m| lower.contains(m))
}

// ---------------------------------------------------------------------------------------------
// Blocks: what both kinds of source are reduced to

/// One cell of a table row. `inherited`: the cell starts in a row above (rowspan).
#[derive(Clone, Debug, Default)]
struct Cell {
    text: String,
    line: usize,
    inherited: bool,
}

#[derive(Clone, Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    line: usize,
    /// Merged cells that could not be resolved, (zh, en).
    problems: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
enum Block {
    /// A line of prose. `h1`: the id of the `<h1>` it is in; `path`: its HTML ancestors.
    Line {
        text: String,
        line: usize,
        h1: Option<usize>,
        path: Vec<usize>,
    },
    Table {
        rows: Vec<Row>,
        path: Vec<usize>,
    },
}

impl Block {
    fn path(&self) -> &[usize] {
        match self {
            Block::Line { path, .. } | Block::Table { path, .. } => path,
        }
    }
}

/// Removes what cannot go into YAML text: control characters, BOMs; tabs become spaces.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{00ad}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Joins a line to text without a space (Chinese), except between two ASCII letters or digits.
fn join_into(text: &mut String, more: &str) {
    if let (Some(a), Some(b)) = (text.chars().last(), more.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            text.push(' ');
        }
    }
    text.push_str(more);
}

/// The flattened text form: prose one paragraph a line; table cells one a line, each starting
/// with a tab, a cell's text possibly wrapped onto following untabbed lines; a blank line ends
/// a row.
fn text_blocks(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    let mut after_cell = false;
    fn end_row(row: &mut Row, rows: &mut Vec<Row>) {
        if !row.cells.is_empty() {
            rows.push(std::mem::take(row));
        }
    }
    for (i, raw) in src
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
    {
        let n = i + 1;
        let raw = raw.replace(['\u{2028}', '\u{2029}'], " ");
        if let Some(cell) = raw.strip_prefix('\t') {
            if row.cells.is_empty() {
                row.line = n;
            }
            row.cells.push(Cell {
                text: clean(cell),
                line: n,
                inherited: false,
            });
            after_cell = true;
        } else if clean(&raw).is_empty() {
            end_row(&mut row, &mut rows);
            after_cell = false;
        } else if after_cell && section_index(&raw).is_none() {
            let cell = row.cells.last_mut().expect("a cell before");
            join_into(&mut cell.text, &clean(&raw));
        } else {
            end_row(&mut row, &mut rows);
            if !rows.is_empty() {
                blocks.push(Block::Table {
                    rows: std::mem::take(&mut rows),
                    path: Vec::new(),
                });
            }
            blocks.push(Block::Line {
                text: clean(&raw),
                line: n,
                h1: None,
                path: Vec::new(),
            });
            after_cell = false;
        }
    }
    end_row(&mut row, &mut rows);
    if !rows.is_empty() {
        blocks.push(Block::Table {
            rows,
            path: Vec::new(),
        });
    }
    blocks
}

// ---------------------------------------------------------------------------------------------
// HTML

mod html {
    //! A small, forgiving HTML reader: tokens with their line, a tree built with the implied
    //! end tags that portal pages rely on, then blocks (lines and tables).

    use super::{Block, Cell, Row, clean, join_into};

    #[derive(Debug)]
    pub(super) struct Elem {
        pub id: usize,
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub children: Vec<Node>,
        pub line: usize,
    }

    #[derive(Debug)]
    pub(super) enum Node {
        Elem(Elem),
        Text(String, usize),
    }

    impl Elem {
        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        fn has_descendant(&self, name: &str) -> bool {
            self.children.iter().any(|c| match c {
                Node::Elem(e) => e.name == name || e.has_descendant(name),
                Node::Text(..) => false,
            })
        }
    }

    enum Tok {
        Start {
            name: String,
            attrs: Vec<(String, String)>,
            self_closing: bool,
            line: usize,
        },
        End {
            name: String,
        },
        Text(String, usize),
    }

    const RAW: &[&str] = &[
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
        "template",
    ];
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen",
    ];
    /// Elements whose start closes an open `<p>`.
    const CLOSES_P: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dd",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    ];
    /// Elements that end a line of text: those that close a `<p>`, and the table parts.
    const TABLE_PARTS: &[&str] = &[
        "body", "caption", "html", "tbody", "td", "tfoot", "th", "thead", "tr",
    ];
    /// Elements whose content is never part of the report.
    const SKIP: &[&str] = &[
        "head", "script", "style", "title", "template", "noscript", "select", "textarea", "iframe",
        "object", "svg", "math", "button", "input",
    ];

    fn line_starts(src: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect()
    }

    fn line_at(starts: &[usize], pos: usize) -> usize {
        starts.partition_point(|&s| s <= pos)
    }

    fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
        let h = hay.as_bytes();
        let n = needle.as_bytes();
        (from..h.len().saturating_sub(n.len() - 1))
            .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
    }

    fn tokenize(src: &str) -> Vec<Tok> {
        let starts = line_starts(src);
        let b = src.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        let mut text_start = 0;
        let flush_text = |toks: &mut Vec<Tok>, from: usize, to: usize| {
            if to > from {
                toks.push(Tok::Text(
                    decode_entities(&src[from..to]),
                    line_at(&starts, from),
                ));
            }
        };
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let rest = &src[i..];
            if rest.starts_with("<!--") {
                flush_text(&mut toks, text_start, i);
                i = src[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
                text_start = i;
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                flush_text(&mut toks, text_start, i);
                i = src[i..].find('>').map_or(b.len(), |e| i + e + 1);
                text_start = i;
            } else if rest.starts_with("</") && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
                flush_text(&mut toks, text_start, i);
                let end = src[i..].find('>').map_or(b.len(), |e| i + e);
                let name: String = src[i + 2..end]
                    .chars()
                    .take_while(|c| !c.is_ascii_whitespace() && *c != '/')
                    .collect::<String>()
                    .to_ascii_lowercase();
                toks.push(Tok::End { name });
                i = (end + 1).min(b.len());
                text_start = i;
            } else if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                flush_text(&mut toks, text_start, i);
                let line = line_at(&starts, i);
                let (name, attrs, self_closing, end) = start_tag(src, i + 1);
                i = end;
                if RAW.contains(&name.as_str()) && !self_closing {
                    let close = find_ci(src, i, &format!("</{name}")).unwrap_or(b.len());
                    let body = &src[i..close];
                    toks.push(Tok::Start {
                        name: name.clone(),
                        attrs,
                        self_closing: false,
                        line,
                    });
                    if !body.is_empty() {
                        toks.push(Tok::Text(decode_entities(body), line));
                    }
                    toks.push(Tok::End { name });
                    i = src[close..].find('>').map_or(b.len(), |e| close + e + 1);
                } else {
                    toks.push(Tok::Start {
                        name,
                        attrs,
                        self_closing,
                        line,
                    });
                }
                text_start = i;
            } else {
                i += 1;
            }
        }
        flush_text(&mut toks, text_start, b.len());
        toks
    }

    /// Parses a start tag from just after `<`: name, attributes, `/>`, and the position after `>`.
    fn start_tag(src: &str, from: usize) -> (String, Vec<(String, String)>, bool, usize) {
        let b = src.as_bytes();
        let mut i = from;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = src[from..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            if i >= b.len() {
                return (name, attrs, self_closing, i);
            }
            if b[i] == b'>' {
                return (name, attrs, self_closing, i + 1);
            }
            self_closing = false;
            let ns = i;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && b[i] != b'='
                && b[i] != b'>'
                && b[i] != b'/'
            {
                i += 1;
            }
            let an = src[ns..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    i = vs;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = decode_entities(&src[vs..i]);
                    i = (i + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&src[vs..i]);
                }
            }
            if !an.is_empty() {
                attrs.push((an, value));
            } else if i < b.len() && b[i] != b'>' {
                i += 1;
            }
        }
    }

    /// Character references: numeric ones and the named ones Chinese portals use.
    pub(super) fn decode_entities(s: &str) -> String {
        if !s.contains('&') {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(p) = rest.find('&') {
            out.push_str(&rest[..p]);
            rest = &rest[p..];
            let end = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
                .map(|e| e + 1)
                .unwrap_or(rest.len());
            let name = &rest[1..end];
            let semi = rest[end..].starts_with(';');
            let decoded = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse().ok(),
                };
                v.and_then(char::from_u32).map(|c| c.to_string())
            } else {
                named_entity(name).map(String::from)
            };
            match decoded {
                Some(d) if semi || !name.starts_with('#') && NO_SEMI.contains(&name) => {
                    out.push_str(&d);
                    rest = &rest[end + usize::from(semi)..];
                }
                Some(d) if name.starts_with('#') => {
                    out.push_str(&d);
                    rest = &rest[end..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    const NO_SEMI: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

    fn named_entity(name: &str) -> Option<&'static str> {
        Some(match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "ensp" => "\u{2002}",
            "emsp" => "\u{2003}",
            "thinsp" => "\u{2009}",
            "ldquo" => "“",
            "rdquo" => "”",
            "lsquo" => "‘",
            "rsquo" => "’",
            "mdash" => "—",
            "ndash" => "–",
            "hellip" => "…",
            "middot" => "·",
            "bull" => "•",
            "times" => "×",
            "divide" => "÷",
            "yen" => "¥",
            "copy" => "©",
            "reg" => "®",
            "deg" => "°",
            "plusmn" => "±",
            "permil" => "‰",
            "laquo" => "«",
            "raquo" => "»",
            "minus" => "−",
            "shy" => "\u{ad}",
            "zwj" => "\u{200d}",
            "zwnj" => "\u{200c}",
            _ => return None,
        })
    }

    /// Builds the element tree, closing elements the way browsers do for common omissions.
    fn build(toks: Vec<Tok>) -> Elem {
        let mut next_id = 1;
        let mut stack: Vec<Elem> = vec![Elem {
            id: 0,
            name: "#root".into(),
            attrs: Vec::new(),
            children: Vec::new(),
            line: 1,
        }];
        fn close_to(stack: &mut Vec<Elem>, idx: usize) {
            while stack.len() > idx.max(1) {
                let e = stack.pop().expect("an element");
                stack
                    .last_mut()
                    .expect("the root")
                    .children
                    .push(Node::Elem(e));
            }
        }
        fn find_open(stack: &[Elem], names: &[&str], boundary: &[&str]) -> Option<usize> {
            for (i, e) in stack.iter().enumerate().rev().take(stack.len() - 1) {
                if names.contains(&e.name.as_str()) {
                    return Some(i);
                }
                if boundary.contains(&e.name.as_str()) {
                    return None;
                }
            }
            None
        }
        const SCOPE: &[&str] = &[
            "table", "td", "th", "caption", "button", "object", "marquee", "html", "template",
        ];
        for tok in toks {
            match tok {
                Tok::Text(t, line) => stack
                    .last_mut()
                    .expect("the root")
                    .children
                    .push(Node::Text(t, line)),
                Tok::Start {
                    name,
                    attrs,
                    self_closing,
                    line,
                } => {
                    let n = name.as_str();
                    if CLOSES_P.contains(&n) {
                        if let Some(i) = find_open(&stack, &["p"], SCOPE) {
                            close_to(&mut stack, i);
                        }
                    }
                    let implied: Option<(&[&str], &[&str])> = match n {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            Some((&["h1", "h2", "h3", "h4", "h5", "h6"], SCOPE))
                        }
                        "li" => Some((&["li"], &["ul", "ol", "table", "td", "th"])),
                        "dd" | "dt" => Some((&["dd", "dt"], &["dl", "table", "td", "th"])),
                        "tr" => Some((&["tr"], &["table"])),
                        "td" | "th" => Some((&["td", "th"], &["tr", "table"])),
                        "thead" | "tbody" | "tfoot" => {
                            Some((&["thead", "tbody", "tfoot", "caption"], &["table"]))
                        }
                        "option" => Some((&["option"], &["select"])),
                        _ => None,
                    };
                    if let Some((names, boundary)) = implied {
                        let direct = matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                        if direct {
                            // A heading inside a heading closes the first (only if it is open on top).
                            if stack
                                .last()
                                .is_some_and(|e| names.contains(&e.name.as_str()))
                            {
                                let i = stack.len() - 1;
                                close_to(&mut stack, i);
                            }
                        } else if let Some(i) = find_open(&stack, names, boundary) {
                            close_to(&mut stack, i);
                        }
                    }
                    let e = Elem {
                        id: next_id,
                        name,
                        attrs,
                        children: Vec::new(),
                        line,
                    };
                    next_id += 1;
                    if VOID.contains(&e.name.as_str()) || self_closing {
                        stack
                            .last_mut()
                            .expect("the root")
                            .children
                            .push(Node::Elem(e));
                    } else {
                        stack.push(e);
                    }
                }
                Tok::End { name } => {
                    let n = name.as_str();
                    if n == "br" {
                        let e = Elem {
                            id: next_id,
                            name,
                            attrs: Vec::new(),
                            children: Vec::new(),
                            line: 0,
                        };
                        next_id += 1;
                        stack
                            .last_mut()
                            .expect("the root")
                            .children
                            .push(Node::Elem(e));
                        continue;
                    }
                    let boundary: &[&str] = match n {
                        "table" => &[],
                        "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" => &["table"],
                        _ => &["table", "td", "th"],
                    };
                    if let Some(i) = find_open(&stack, &[n], boundary) {
                        close_to(&mut stack, i);
                    }
                }
            }
        }
        close_to(&mut stack, 1);
        stack.pop().expect("the root")
    }

    /// Collapses HTML white space: a run becomes one space, or nothing when it holds a line
    /// break between two non-ASCII characters (Chinese text wrapped in the source).
    fn collapse(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                let start = i;
                while i < chars.len() && matches!(chars[i], ' ' | '\t' | '\n' | '\r' | '\x0c') {
                    i += 1;
                }
                let newline = chars[start..i].iter().any(|c| *c == '\n' || *c == '\r');
                let before = out.chars().last();
                let after = chars.get(i).copied();
                let cjk = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
                if !(newline && cjk(before) && cjk(after)) {
                    out.push(' ');
                }
                continue;
            }
            out.push(if c == '\u{a0}' { ' ' } else { c });
            i += 1;
        }
        clean(&out)
    }

    struct Flattener {
        blocks: Vec<Block>,
        buf: String,
        buf_line: usize,
        buf_path: Vec<usize>,
        buf_h1: Option<usize>,
        path: Vec<usize>,
        h1: Option<usize>,
    }

    impl Flattener {
        fn new() -> Self {
            Flattener {
                blocks: Vec::new(),
                buf: String::new(),
                buf_line: 0,
                buf_path: Vec::new(),
                buf_h1: None,
                path: Vec::new(),
                h1: None,
            }
        }

        fn text(&mut self, t: &str, line: usize) {
            if self.buf.trim().is_empty() && !t.trim().is_empty() {
                self.buf_line = line
                    + t.find(|c: char| !c.is_whitespace())
                        .map_or(0, |p| t[..p].matches('\n').count());
                self.buf_path = self.path.clone();
                self.buf_h1 = self.h1;
            }
            self.buf.push_str(t);
        }

        fn flush(&mut self) {
            let text = collapse(&self.buf);
            self.buf.clear();
            if !text.is_empty() {
                self.blocks.push(Block::Line {
                    text,
                    line: self.buf_line,
                    h1: self.buf_h1,
                    path: self.buf_path.clone(),
                });
            }
        }

        fn walk(&mut self, e: &Elem) {
            let name = e.name.as_str();
            if SKIP.contains(&name) || e.attr("hidden").is_some() || hidden_style(e) {
                return;
            }
            match name {
                "br" => {
                    self.flush();
                    return;
                }
                "table" if !e.has_descendant("table") => {
                    self.flush();
                    self.path.push(e.id);
                    self.data_table(e);
                    self.path.pop();
                    return;
                }
                _ => {}
            }
            let block = CLOSES_P.contains(&name) || TABLE_PARTS.contains(&name);
            if block {
                self.flush();
            }
            self.path.push(e.id);
            let outer_h1 = self.h1;
            if name == "h1" {
                self.h1 = Some(e.id);
            }
            for c in &e.children {
                match c {
                    Node::Text(t, line) => self.text(t, *line),
                    Node::Elem(child) => self.walk(child),
                }
            }
            if block {
                self.flush();
            }
            self.h1 = outer_h1;
            self.path.pop();
        }

        /// A table without nested tables: its rows, spans resolved.
        fn data_table(&mut self, t: &Elem) {
            let mut trs: Vec<&Elem> = Vec::new();
            let mut captions: Vec<&Elem> = Vec::new();
            collect_rows(t, &mut trs, &mut captions);
            for c in captions {
                self.walk(c);
                self.flush();
            }
            struct Raw {
                text: String,
                line: usize,
                row: usize,
                rowspan: usize,
                colspan: usize,
            }
            let mut raws: Vec<Raw> = Vec::new();
            let mut per_row: Vec<Vec<usize>> = Vec::new();
            for (r, tr) in trs.iter().enumerate() {
                let mut ids = Vec::new();
                for cell in tr.children.iter().filter_map(|c| match c {
                    Node::Elem(e) if e.name == "td" || e.name == "th" => Some(e),
                    _ => None,
                }) {
                    let span = |a: &str| {
                        cell.attr(a)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 1000)
                    };
                    let mut f = Flattener::new();
                    for c in &cell.children {
                        match c {
                            Node::Text(t, line) => f.text(t, *line),
                            Node::Elem(child) => f.walk(child),
                        }
                    }
                    f.flush();
                    let mut text = String::new();
                    for b in f.blocks {
                        if let Block::Line { text: t, .. } = b {
                            join_into(&mut text, &t);
                        }
                    }
                    ids.push(raws.len());
                    raws.push(Raw {
                        text,
                        line: cell.line,
                        row: r,
                        rowspan: span("rowspan").min(trs.len() - r),
                        colspan: span("colspan"),
                    });
                }
                per_row.push(ids);
            }
            // The matrix: `grid[r][c]` is the cell covering that slot.
            let mut grid: Vec<Vec<Option<usize>>> = vec![Vec::new(); trs.len()];
            let mut problems: Vec<Vec<(String, String)>> = vec![Vec::new(); trs.len()];
            for (r, ids) in per_row.iter().enumerate() {
                let mut c = 0;
                for &id in ids {
                    while grid[r].get(c).is_some_and(Option::is_some) {
                        c += 1;
                    }
                    let raw = &raws[id];
                    let mut clash = false;
                    for slot_row in grid.iter_mut().skip(r).take(raw.rowspan) {
                        if slot_row.len() < c + raw.colspan {
                            slot_row.resize(c + raw.colspan, None);
                        }
                        for slot in &mut slot_row[c..c + raw.colspan] {
                            if slot.is_some() {
                                clash = true;
                            } else {
                                *slot = Some(id);
                            }
                        }
                    }
                    if clash {
                        problems[r].push((
                            format!(
                                "表格中“{}”所在的合并单元格与上方跨行的单元格重叠，无法还原成规整的表格",
                                raw.text
                            ),
                            format!(
                                "the merged cell “{}” overlaps a cell spanning down from above; the table cannot be resolved",
                                raw.text
                            ),
                        ));
                    }
                    c += raw.colspan;
                }
            }
            let mut rows = Vec::new();
            for (r, slots) in grid.iter().enumerate() {
                let mut cells: Vec<Cell> = Vec::new();
                let mut last: Option<usize> = None;
                for id in slots.iter().flatten() {
                    if last == Some(*id) {
                        continue;
                    }
                    last = Some(*id);
                    let raw = &raws[*id];
                    cells.push(Cell {
                        text: raw.text.clone(),
                        line: raw.line,
                        inherited: raw.row < r,
                    });
                }
                if cells.is_empty() {
                    continue;
                }
                rows.push(Row {
                    line: trs[r].line,
                    cells,
                    problems: std::mem::take(&mut problems[r]),
                });
            }
            if !rows.is_empty() {
                self.blocks.push(Block::Table {
                    rows,
                    path: self.path.clone(),
                });
            }
        }
    }

    fn hidden_style(e: &Elem) -> bool {
        e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
    }

    fn collect_rows<'a>(e: &'a Elem, trs: &mut Vec<&'a Elem>, captions: &mut Vec<&'a Elem>) {
        for c in &e.children {
            if let Node::Elem(child) = c {
                match child.name.as_str() {
                    "tr" => trs.push(child),
                    "caption" => captions.push(child),
                    "td" | "th" => {}
                    _ => collect_rows(child, trs, captions),
                }
            }
        }
    }

    /// The page as blocks of prose lines and tables.
    pub(super) fn blocks(src: &str) -> Vec<Block> {
        let root = build(tokenize(src));
        let mut f = Flattener::new();
        f.walk(&root);
        f.flush();
        f.blocks
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn lines(src: &str) -> Vec<String> {
            blocks(src)
                .into_iter()
                .filter_map(|b| match b {
                    Block::Line { text, .. } => Some(text),
                    _ => None,
                })
                .collect()
        }

        #[test]
        fn entities_and_implied_ends() {
            assert_eq!(
                decode_entities("a&amp;b&#x2F;&#47;&ldquo;x&rdquo;&bogus;"),
                "a&b//“x”&bogus;"
            );
            assert_eq!(
                lines("<p>一<p>二<br>三<div>四</div><script>x<p>no</p></script>五"),
                vec!["一", "二", "三", "四", "五"]
            );
            assert_eq!(lines("<p>第一\n行</p><p>a\nb</p>"), vec!["第一行", "a b"]);
        }

        #[test]
        fn spans_resolve_into_rows_with_inherited_cells() {
            let b = blocks("<table><tr><td rowspan=2>甲</td><td>1</td><tr><td>2</td></table>");
            let Block::Table { rows, .. } = &b[0] else {
                panic!("{b:?}")
            };
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[1].cells[0].text, "甲");
            assert!(rows[1].cells[0].inherited);
            assert_eq!(rows[1].cells[1].text, "2");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Labels and figures

/// A label for matching: white space removed, half-width punctuation made full-width as the
/// format prints it, `1、`/`1．` item numbers made `1.`, straight quotes curly.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open = true;
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        out.push(match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            '．' => '.',
            '／' => '/',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '"' => {
                open = !open;
                if open { '”' } else { '“' }
            }
            c => c,
        });
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with('、') {
        out.replace_range(digits..digits + '、'.len_utf8(), ".");
    }
    out
}

/// Does a printed label name the official one? Equal once normalised, or the official label
/// without its closing parenthetical explanation (`（二）部分公开`).
fn label_matches(printed: &str, official: &str) -> bool {
    let o = norm(official);
    if printed == o {
        return true;
    }
    printed.chars().count() >= 4
        && o.strip_prefix(printed)
            .is_some_and(|rest| rest.starts_with('（') && rest.ends_with('）'))
}

/// A portal's line about the page rather than the report: `发布时间：… 来源：… 浏览次数：…`.
fn looks_like_page_metadata(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "发布时间",
        "发布日期",
        "来源：",
        "来源:",
        "浏览次数",
        "访问次数",
        "点击数",
        "阅读数",
        "字号",
        "【打印】",
        "【关闭】",
        "分享到",
        "索引号",
        "信息来源",
        "成文日期",
        "发文日期",
        "文号：",
        "主题分类",
    ];
    MARKS.iter().any(|m| text.contains(m))
}

/// Splits a line that runs a section title into its first paragraph (`一、总体情况。2020年…`).
fn split_run_in_titles(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Block::Line {
            text,
            line,
            h1,
            path,
        } = &b
        {
            if section_index(text).is_none() {
                if let Some(t) = SECTION_TITLES.iter().find(|t| text.starts_with(**t)) {
                    let rest =
                        text[t.len()..].trim_start_matches(['：', ':', '。', ' ', '\u{3000}']);
                    if !rest.is_empty() {
                        out.push(Block::Line {
                            text: t.to_string(),
                            line: *line,
                            h1: *h1,
                            path: path.clone(),
                        });
                        out.push(Block::Line {
                            text: rest.trim().to_string(),
                            line: *line,
                            h1: *h1,
                            path: path.clone(),
                        });
                        continue;
                    }
                }
            }
        }
        out.push(b);
    }
    out
}

/// Which of the six sections a line's text is the title of.
fn section_index(text: &str) -> Option<usize> {
    let n = norm(text);
    let n = n.trim_end_matches(['：', '。', '.']);
    SECTION_TITLES.iter().position(|t| norm(t) == n)
}

/// A figure as printed: sign, digits, decimals, unit, and a note in brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Figure {
    neg: bool,
    plus: bool,
    int: String,
    frac: Option<String>,
    unit: Option<&'static str>,
    note: Option<String>,
}

const UNITS: &[&str] = &[
    "万元", "亿元", "元", "人次", "件", "个", "项", "条", "次", "宗", "家", "篇", "人",
];
const MONEY: &[&str] = &["万元", "亿元", "元"];

/// Splits `4（其中一件失效）` into `4` and the note.
fn split_note(s: &str) -> (&str, Option<&str>) {
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

fn parse_figure(s: &str) -> Option<Figure> {
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
    fn number(&self) -> String {
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
fn is_mark(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars().count() <= 3
        && (t.chars().all(|c| "—–-－/／\\×x*＊".contains(c)) || t == "无" || t == "空")
}

/// A decimal moved `places` to the left (元 → 万元 is 4): `251000` → `25.1`.
fn shift_left(int: &str, frac: &str, places: usize) -> String {
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
fn shift_right(int: &str, frac: &str, places: usize) -> String {
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

/// Reads `{year}年{agency}…信息公开工作年度报告` or `{agency}{year}年…` (line breaks ignored).
fn parse_title(title: &str) -> Option<(i32, Option<String>)> {
    let t: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    let s: String = t.iter().collect();
    if !s.ends_with("报告") || !s.contains("公开") {
        return None;
    }
    let i = (0..t.len().saturating_sub(4)).find(|&i| {
        t[i..i + 4].iter().all(char::is_ascii_digit)
            && t.get(i + 4) == Some(&'年')
            && (i == 0 || !t[i - 1].is_ascii_digit())
    })?;
    let year: i32 = t[i..i + 4].iter().collect::<String>().parse().ok()?;
    let prefix: String = t[..i].iter().collect();
    let mut rest: String = t[i + 5..].iter().collect();
    if let Some(r) = rest.strip_prefix('度') {
        rest = r.to_string();
    }
    const SUFFIXES: &[&str] = &[
        "政府信息公开工作年度报告",
        "政务信息公开工作年度报告",
        "政府信息公开年度报告",
        "政务公开工作年度报告",
        "信息公开工作年度报告",
        "信息公开年度报告",
        "工作年度报告",
        "年度报告",
    ];
    let suffix = SUFFIXES.iter().find(|x| rest.ends_with(**x))?;
    let mut middle = rest[..rest.len() - suffix.len()].to_string();
    if middle.ends_with("人民") && suffix.starts_with("政府") {
        middle.push_str("政府");
    }
    let agency = if !prefix.is_empty() {
        Some(prefix)
    } else if !middle.is_empty() {
        Some(middle)
    } else {
        None
    };
    Some((year, agency))
}

/// A date printed alone: `2023年1月18日`, `二〇二三年一月十八日`, `2023-01-18`.
fn parse_date(s: &str) -> Option<Date> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let cn_digit = |c: char| {
        "〇一二三四五六七八九".chars().position(|d| d == c).or(
            if c == '零' || c == 'Ｏ' || c == 'O' || c == '○' {
                Some(0)
            } else {
                None
            },
        )
    };
    let num = |p: &str| -> Option<u32> {
        if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() {
            return p.parse().ok();
        }
        // Chinese numerals: digit by digit for years, with 十 for months and days.
        let cs: Vec<char> = p.chars().collect();
        if let Some(pos) = cs.iter().position(|c| *c == '十') {
            let tens = if pos == 0 { 1 } else { cn_digit(cs[0])? as u32 };
            let ones = match cs.get(pos + 1) {
                Some(c) => cn_digit(*c)? as u32,
                None => 0,
            };
            return Some(tens * 10 + ones);
        }
        let mut v = 0u32;
        for c in cs {
            v = v * 10 + cn_digit(c)? as u32;
        }
        (!p.is_empty()).then_some(v)
    };
    let iso = if let Some(d) = Date::parse(&t) {
        Some(d)
    } else {
        let (y, rest) = t.split_once('年')?;
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日').or(rest.strip_suffix('号'))?;
        Date::parse(&format!("{:04}-{:02}-{:02}", num(y)?, num(m)?, num(d)?))
    };
    iso.filter(|d| d.year >= 2000)
}

// ---------------------------------------------------------------------------------------------
// YAML text

/// A plain scalar where that is safe, else a double-quoted one.
fn yaml_scalar(s: &str, flow: bool) -> String {
    let lower = s.to_ascii_lowercase();
    let special = ["true", "false", "null", "yes", "no", "on", "off", "~"];
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with([' ', ':'])
        && !s.chars().any(|c| c.is_control())
        && !(flow && s.contains([',', '[', ']', '{', '}']))
        && !special.contains(&lower.as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// A comment's text on one line.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// The importer

struct Importer<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
    /// How many `# 待核对:` comments were written.
    checks: usize,
}

/// A placed row of table 二.
struct PRow {
    cells: Vec<String>,
    checks: Vec<String>,
    infos: Vec<String>,
    line: usize,
}

/// A placed row of table 三 or 四: its figures as written in the YAML list.
struct FRow {
    figures: Vec<String>,
    checks: Vec<String>,
    line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Proactive,
    Applications,
    Outcomes,
}

struct Found {
    edition: Edition,
    proactive: Vec<Option<PRow>>,
    apps: Vec<Option<FRow>>,
    outcomes: Option<[FRow; 3]>,
    /// Rows seen but not placeable: their key is not reported again as missing.
    seen_proactive: Vec<bool>,
    seen_apps: Vec<bool>,
    seen_outcomes: bool,
    /// `# 待核对:` comments for the end of each table's YAML (二, 三, 四), and for the top.
    unplaced: [Vec<String>; 3],
    general: Vec<String>,
}

impl Found {
    fn table_notes(&mut self, t: Option<Table>) -> &mut Vec<String> {
        match t {
            Some(Table::Proactive) => &mut self.unplaced[0],
            Some(Table::Applications) => &mut self.unplaced[1],
            Some(Table::Outcomes) => &mut self.unplaced[2],
            None => &mut self.general,
        }
    }
}

/// What a cell of a figure position holds.
enum Slot<'c> {
    Blank,
    Mark(&'c str),
    Merged(&'c str),
    Fig(Figure),
}

fn labels_of(e: Edition) -> Vec<String> {
    let mut v = Vec::new();
    for b in e.proactive() {
        v.push(norm(b.item));
        v.extend(b.columns.iter().map(|c| norm(c.label)));
        v.extend(b.rows.iter().map(|r| norm(r.label)));
    }
    for r in e.application_rows() {
        v.push(norm(r.label));
        v.extend(r.group.map(norm));
    }
    v
}

/// The labels only one edition has, with their printed form.
fn own_labels(e: Edition) -> Vec<String> {
    let other = labels_of(e.other());
    let mut v: Vec<String> = labels_of(e)
        .into_iter()
        .filter(|l| !other.contains(l))
        .collect();
    v.dedup();
    v
}

/// Header and structure labels of the three tables (both editions), normalised.
fn structural_labels() -> Vec<String> {
    let mut v: Vec<String> = vec![
        norm(format::PROACTIVE_CONTENT_HEADER),
        norm(format::APPLICATION_NOTE),
        norm(format::APPLICANT_HEADER),
        norm(format::LEGAL_PERSON_GROUP),
        norm(format::RESULTS_GROUP),
        norm(format::TOTAL_LABEL),
        norm(format::RECONSIDERATION_LABEL),
        norm(format::LITIGATION_LABEL),
    ];
    for e in Edition::ALL {
        for b in e.proactive() {
            v.push(norm(b.item));
            v.extend(b.columns.iter().map(|c| norm(c.label)));
        }
        for r in e.application_rows() {
            v.extend(r.group.map(norm));
        }
    }
    v.extend(APPLICANT_COLUMNS.iter().map(|c| norm(c.1)));
    v.extend(OUTCOME_COLUMNS.iter().map(|c| norm(c.1)));
    v.extend(OUTCOME_ROWS.iter().filter_map(|o| o.label.map(norm)));
    v
}

impl Importer<'_> {
    /// Records a problem and returns the `# 待核对:` comment for it.
    fn flag(
        &mut self,
        code: Code,
        line: Option<usize>,
        path: &str,
        zh: String,
        en: String,
    ) -> String {
        let mut d = Diagnostic::new(
            code,
            self.file,
            line.map(|l| Span::point(l, 1)),
            path,
            zh.clone(),
            en,
        );
        if line.is_none() {
            d.span = None;
        }
        self.diags.push(d);
        self.checks += 1;
        match line {
            Some(l) => one_line(&format!("{CHECK_MARK} {zh}（原文第 {l} 行）")),
            None => one_line(&format!("{CHECK_MARK} {zh}")),
        }
    }

    fn run(&mut self, blocks: &[Block], is_html: bool) -> String {
        // The title: an <h1> that reads as a report title, else the last line before 一 that
        // does (a breadcrumb or a page heading above it may repeat the title).
        let is_title = |t: &str| parse_title(t).is_some();
        let is_title_line = |t: &str| {
            is_title(t)
                && t.chars().count() <= 80
                && !t.contains(['>', '›', '»', '→', '|', '＞'])
                && !t.contains("位置")
        };
        let lines_of = |i: usize| match &blocks[i] {
            Block::Line { text, .. } => Some(text.as_str()),
            _ => None,
        };
        let mut title_range: Option<std::ops::Range<usize>> = None;
        let h1_groups: Vec<std::ops::Range<usize>> = {
            let mut v: Vec<std::ops::Range<usize>> = Vec::new();
            for (i, b) in blocks.iter().enumerate() {
                if let Block::Line { h1: Some(id), .. } = b {
                    match v.last_mut() {
                        Some(r)
                            if r.end == i
                                && matches!(&blocks[r.start], Block::Line { h1: Some(x), .. } if x == id) =>
                        {
                            r.end = i + 1
                        }
                        _ => v.push(i..i + 1),
                    }
                }
            }
            v
        };
        let joined = |r: &std::ops::Range<usize>| {
            r.clone()
                .filter_map(lines_of)
                .collect::<Vec<_>>()
                .join("\n")
        };
        if let Some(r) = h1_groups.iter().find(|r| is_title(&joined(r))) {
            title_range = Some(r.clone());
        } else if let Some(i) = (0..blocks.len())
            .take_while(|&i| lines_of(i).is_none_or(|t| section_index(t) != Some(0)))
            .filter(|&i| lines_of(i).is_some_and(is_title_line))
            .last()
        {
            // A title on two lines: the agency alone above `2024年政府信息公开工作年度报告`.
            let alone =
                parse_title(lines_of(i).unwrap_or_default()).is_some_and(|(_, a)| a.is_none());
            let above = i.checked_sub(1).and_then(lines_of).filter(|p| {
                p.chars().count() <= 40 && !p.contains('。') && section_index(p).is_none()
            });
            title_range = Some(if alone && above.is_some() {
                i - 1..i + 1
            } else {
                i..i + 1
            });
        } else if let Some(r) = h1_groups.first() {
            title_range = Some(r.clone());
        }
        let title = title_range.as_ref().map(joined);
        let title_line = title_range.as_ref().and_then(|r| match &blocks[r.start] {
            Block::Line { line, .. } => Some(*line),
            _ => None,
        });

        // The six section titles, in order.
        let start = title_range.as_ref().map_or(0, |r| r.end);
        let mut heads: [Option<usize>; 6] = [None; 6];
        let mut pos = start;
        for (k, head) in heads.iter_mut().enumerate() {
            if let Some(i) = (pos..blocks.len())
                .find(|&i| lines_of(i).is_some_and(|t| section_index(t) == Some(k)))
            {
                *head = Some(i);
                pos = i + 1;
            }
        }
        // After 六, only what is inside the element holding the report (not the page footer).
        let container: Option<Vec<usize>> = match (&title_range, heads[5]) {
            (Some(r), Some(six)) if is_html => {
                let a = blocks[r.start].path();
                let b = blocks[six].path();
                let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                Some(a[..n].to_vec())
            }
            _ => None,
        };

        // Each block's part: 0 = preface, k + 1 = section k.
        let mut part_of: Vec<Option<usize>> = vec![None; blocks.len()];
        let mut part = title_range.as_ref().map(|_| 0);
        for (i, b) in blocks.iter().enumerate() {
            if title_range.as_ref().is_some_and(|r| i < r.end) {
                continue;
            }
            if title_range.is_none() && part.is_none() {
                part = Some(0);
            }
            if let Some(k) = heads.iter().position(|h| *h == Some(i)) {
                part = Some(k + 1);
                continue;
            }
            if part == Some(6) {
                if let Some(c) = &container {
                    if !b.path().starts_with(c) {
                        continue;
                    }
                }
            }
            part_of[i] = part;
        }
        let mut texts: Vec<Vec<(String, usize)>> = vec![Vec::new(); 7];
        let mut rows: Vec<(&Row, usize)> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            let Some(p) = part_of[i] else { continue };
            match b {
                Block::Line { text, line, .. } => texts[p].push((text.clone(), *line)),
                Block::Table { rows: rs, .. } => rows.extend(rs.iter().map(|r| (r, p))),
            }
        }

        // Year and agency from the title; the sign-off after 六.
        let parsed = title.as_deref().and_then(parse_title);
        let mut general: Vec<String> = Vec::new();
        let mut signoff_agency: Option<(String, usize)> = None;
        let mut published: Option<(Date, usize)> = None;
        {
            // The sign-off: a date alone on one of the last lines of 六, maybe the agency above
            // it. Lines after it (a page footer) are not part of the report.
            let n = texts[6].len();
            let date_at = (n.saturating_sub(5)..n)
                .rev()
                .find_map(|j| parse_date(&texts[6][j].0).map(|d| (j, d)));
            if let Some((j, d)) = date_at {
                let after: Vec<(String, usize)> = texts[6].drain(j + 1..).collect();
                let (_, line) = texts[6].pop().expect("the date line");
                published = Some((d, line));
                for (text, line) in after {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(line),
                        "other_matters",
                        format!("落款日期之后的文字（多半是网页页脚），未录入：“{text}”"),
                        format!("text after the sign-off date (probably the page footer) was left out: “{text}”"),
                    );
                    general.push(c);
                }
                if let Some((prev, pl)) = texts[6].last().cloned() {
                    let title_agency = parsed.as_ref().and_then(|p| p.1.clone());
                    let agencyish = prev.chars().count() <= 40
                        && !prev.contains(['。', '，', '；', '：'])
                        && (title_agency.as_deref() == Some(norm(&prev).as_str())
                            || [
                                "局", "委", "办", "府", "院", "会", "厅", "室", "处", "所", "中心",
                                "部", "署", "馆", "站", "队", "公司", "事处",
                            ]
                            .iter()
                            .any(|s| prev.ends_with(s)));
                    if agencyish {
                        signoff_agency = Some((prev, pl));
                        texts[6].pop();
                    }
                }
            }
        }
        // Page metadata between the title and 一 is not the preface.
        let preface = std::mem::take(&mut texts[0]);
        for (text, line) in preface {
            if looks_like_page_metadata(&text) {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    "preface",
                    format!("标题下的“{text}”看似网页的发布信息，未录入前言"),
                    format!("“{text}” below the title looks like the page's metadata; not taken into the preface"),
                );
                general.push(c);
            } else {
                texts[0].push((text, line));
            }
        }
        let year = parsed.as_ref().map(|p| p.0);
        let mut agency = parsed.as_ref().and_then(|p| p.1.clone());
        if title.is_none() {
            let c = self.flag(
                Code::ImportMissing,
                None,
                "title",
                "原文未找到报告标题（如“2020年某某局政府信息公开工作年度报告”）".into(),
                "no report title found (such as 2020年某某局政府信息公开工作年度报告)".into(),
            );
            general.push(c);
        }
        if let Some((sa, sl)) = &signoff_agency {
            match &agency {
                None => agency = Some(sa.clone()),
                Some(a) if norm(a) != norm(sa) => {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(*sl),
                        "agency",
                        format!("落款机关“{sa}”与标题中的机关“{a}”不同；按标题录入"),
                        format!("the sign-off names “{sa}”, the title “{a}”; the title's is used"),
                    );
                    general.push(c);
                }
                _ => {}
            }
        }

        // The edition, from the labels the tables use.
        let mut votes: [(Edition, Vec<String>); 2] = Edition::ALL.map(|e| (e, Vec::new()));
        let owns = Edition::ALL.map(own_labels);
        for (row, _) in &rows {
            for c in &row.cells {
                let n = norm(&c.text);
                for (vi, own) in owns.iter().enumerate() {
                    if own.contains(&n) && !votes[vi].1.contains(&c.text) {
                        votes[vi].1.push(c.text.clone());
                    }
                }
            }
        }
        let by_year = year.map(|y| Edition::default_for_year(y as i64));
        let [(e19, v19), (e21, v21)] = &votes;
        let (edition, evidence) = match (v19.len(), v21.len()) {
            (0, 0) => (by_year.unwrap_or(Edition::E2021), None),
            (a, b) if a > b => (*e19, Some(v19.clone())),
            (a, b) if b > a => (*e21, Some(v21.clone())),
            _ => (by_year.unwrap_or(Edition::E2021), None),
        };
        if !v19.is_empty() && !v21.is_empty() {
            let c = self.flag(
                Code::ImportUnplaced,
                None,
                "edition",
                format!(
                    "表格同时使用了 2019 版（{}）和 2021 版（{}）的栏目；按 {} 版录入",
                    v19.join("、"),
                    v21.join("、"),
                    edition.key()
                ),
                format!(
                    "the tables use labels of both the 2019 edition ({}) and the 2021 edition ({}); read as {}",
                    v19.join(", "),
                    v21.join(", "),
                    edition.key()
                ),
            );
            general.push(c);
        }

        // Every table row, placed.
        let mut found = Found {
            edition,
            proactive: edition.proactive_rows().map(|_| None).collect(),
            apps: edition.application_rows().iter().map(|_| None).collect(),
            outcomes: None,
            seen_proactive: vec![false; edition.proactive_rows().count()],
            seen_apps: vec![false; edition.application_rows().len()],
            seen_outcomes: false,
            unplaced: [Vec::new(), Vec::new(), Vec::new()],
            general,
        };
        let mut state = RowState {
            table: None,
            group: None,
            structural: structural_labels(),
        };
        for (row, part) in &rows {
            self.place_row(row, *part, &mut state, &mut found);
        }

        // Prose in a table section has no place in the YAML.
        for (k, t) in [
            (1usize, Table::Proactive),
            (2, Table::Applications),
            (3, Table::Outcomes),
        ] {
            for (text, line) in std::mem::take(&mut texts[k + 1]) {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    t.key(),
                    format!("“{}”中的文字无处安放：“{text}”", SECTION_TITLES[k]),
                    format!(
                        "text in “{}” has no place in the input: “{text}”",
                        SECTION_TITLES[k]
                    ),
                );
                found.table_notes(Some(t)).push(c);
            }
        }

        self.write(WriteInput {
            title,
            title_line,
            year,
            agency,
            edition,
            evidence,
            published,
            texts,
            heads,
            found,
            is_html,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Rows

    fn place_row(&mut self, row: &Row, part: usize, st: &mut RowState, f: &mut Found) {
        let section_table = match part {
            2 => Some(Table::Proactive),
            3 => Some(Table::Applications),
            4 => Some(Table::Outcomes),
            _ => None,
        };
        for (zh, en) in &row.problems {
            let c = self.flag(
                Code::ImportUnplaced,
                Some(row.line),
                st.table.or(section_table).map_or("", Table::key),
                zh.clone(),
                en.clone(),
            );
            f.table_notes(st.table.or(section_table)).push(c);
        }
        // Cells a rowspan carries down that are empty are only placeholders.
        let cells: Vec<&Cell> = row
            .cells
            .iter()
            .filter(|c| !(c.inherited && c.text.trim().is_empty()))
            .collect();
        let is_label = |c: &Cell| {
            let t = c.text.trim();
            !t.is_empty() && parse_figure(t).is_none() && !is_mark(t)
        };
        let Some(first) = cells.iter().position(|c| !c.text.trim().is_empty()) else {
            return;
        };
        let split = cells
            .iter()
            .rposition(|c| is_label(c))
            .map_or(first, |k| k + 1);
        let labels: Vec<&Cell> = cells[first..split]
            .iter()
            .copied()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let figs: Vec<&Cell> = cells[split..].to_vec();
        let has_figures = figs.iter().any(|c| !c.text.trim().is_empty());
        let line = labels.first().or(figs.first()).map_or(row.line, |c| c.line);
        let shown = |cs: &[&Cell]| {
            cs.iter()
                .map(|c| {
                    if c.text.trim().is_empty() {
                        "（空）".to_string()
                    } else {
                        c.text.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join("、")
        };

        if !has_figures {
            // Headers and group labels set the context; anything else is unknown.
            let norms: Vec<String> = labels.iter().map(|c| norm(&c.text)).collect();
            if norms.iter().all(|n| st.structural.contains(n)) {
                st.saw_structure(&norms);
                return;
            }
        }
        if labels.is_empty() {
            let in_outcomes = st.table == Some(Table::Outcomes)
                || (st.table.is_none() && section_table == Some(Table::Outcomes));
            if in_outcomes {
                self.outcome_row(&figs, line, f);
            } else {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    st.table.or(section_table).map_or("", Table::key),
                    format!("这一行只有数字，没有行名，无法对应：{}", shown(&figs)),
                    format!(
                        "a row of figures without a label cannot be placed: {}",
                        shown(&figs)
                    ),
                );
                f.table_notes(st.table.or(section_table)).push(c);
            }
            return;
        }
        let own = labels.last().expect("a label");
        let own_n = norm(&own.text);
        let label_text = labels
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");

        // Table 二?
        if let Some(idx) = f
            .edition
            .proactive_rows()
            .position(|(_, r)| label_matches(&own_n, r.label))
        {
            st.table = Some(Table::Proactive);
            st.group = None;
            if labels.len() == 1 {
                self.proactive_row(idx, own, &figs, f);
                return;
            }
        }
        // Table 三?
        let rows = f.edition.application_rows();
        let mut group = None;
        let mut extra = false;
        for l in &labels[..labels.len() - 1] {
            let n = norm(&l.text);
            if n == norm(format::RESULTS_GROUP) {
                continue;
            }
            match rows.iter().find_map(|r| r.group.filter(|g| norm(g) == n)) {
                Some(g) => group = Some(g),
                None => extra = true,
            }
        }
        if !extra {
            if let Some(g) = group {
                st.group = Some(g);
            }
            let candidates: Vec<usize> = (0..rows.len())
                .filter(|&i| label_matches(&own_n, rows[i].label))
                .collect();
            let pick = match candidates.as_slice() {
                [one] => Some(*one),
                [] => None,
                many => many
                    .iter()
                    .copied()
                    .find(|&i| rows[i].group == st.group)
                    .or(Some(many[0])),
            };
            if let Some(i) = pick {
                st.table = Some(Table::Applications);
                if rows[i].group.is_none() {
                    st.group = None;
                }
                self.app_row(i, &label_text, line, &figs, f);
                return;
            }
        }
        // A row of the other edition, or unknown.
        let other = f.edition.other();
        let of_other = other
            .proactive_rows()
            .any(|(_, r)| label_matches(&own_n, r.label))
            || other
                .application_rows()
                .iter()
                .any(|r| label_matches(&own_n, r.label));
        let (zh, en) = if of_other {
            (
                format!(
                    "“{label_text}”是 {} 版格式的行，本报告按表格栏目判定为 {} 版，无法录入：{}",
                    other.key(),
                    f.edition.key(),
                    shown(&figs)
                ),
                format!(
                    "“{label_text}” is a row of the {} edition, but the tables read as the {} edition: {}",
                    other.key(),
                    f.edition.key(),
                    shown(&figs)
                ),
            )
        } else if has_figures {
            (
                format!(
                    "行名“{label_text}”无法对应到表格中的任何一行：{}",
                    shown(&figs)
                ),
                format!(
                    "the row label “{label_text}” matches no row of the tables: {}",
                    shown(&figs)
                ),
            )
        } else {
            (
                format!("“{label_text}”既不是表头也不是格式中的行名"),
                format!("“{label_text}” is neither a header nor a row of the format"),
            )
        };
        let path = st.table.or(section_table).map_or("", Table::key);
        let c = self.flag(Code::ImportUnplaced, Some(line), path, zh, en);
        f.table_notes(st.table.or(section_table)).push(c);
    }

    /// Drops empty cells at the end beyond the expected count (grids padded on the right).
    fn trim_figures<'c>(figs: &[&'c Cell], want: usize) -> Vec<&'c Cell> {
        let mut v = figs.to_vec();
        while v.len() > want && v.last().is_some_and(|c| c.text.trim().is_empty()) {
            v.pop();
        }
        v
    }

    fn slot<'c>(c: &'c Cell) -> Slot<'c> {
        let t = c.text.trim();
        if c.inherited {
            Slot::Merged(t)
        } else if t.is_empty() {
            Slot::Blank
        } else if let Some(f) = parse_figure(t) {
            Slot::Fig(f)
        } else {
            Slot::Mark(t)
        }
    }

    fn proactive_row(&mut self, idx: usize, label: &Cell, figs: &[&Cell], f: &mut Found) {
        let (block, prow) = f.edition.proactive_rows().nth(idx).expect("a row");
        let path = format!("proactive.{}", prow.key);
        let n = block.columns.len();
        let figs = Self::trim_figures(figs, n);
        if f.seen_proactive[idx] {
            let first = f.proactive[idx].as_ref().map_or(label.line, |r| r.line);
            let c = self.flag(
                Code::ImportUnplaced,
                Some(label.line),
                &path,
                format!(
                    "“{}”一行重复出现（第 {first} 行已录入），未录入",
                    prow.label
                ),
                format!(
                    "the row “{}” appears again (read on line {first}); ignored",
                    prow.label
                ),
            );
            f.unplaced[0].push(c);
            return;
        }
        f.seen_proactive[idx] = true;
        if figs.len() != n {
            let merged = if figs.iter().any(|c| c.inherited) {
                "（其中有从上一行跨行合并下来的单元格）"
            } else {
                ""
            };
            let c = self.flag(
                Code::ImportUnplaced,
                Some(label.line),
                &path,
                format!(
                    "“{}”一行有 {} 个数字{merged}，格式为 {} 个（{}），无法对应：{}",
                    prow.label,
                    figs.len(),
                    n,
                    block
                        .columns
                        .iter()
                        .map(|c| c.label)
                        .collect::<Vec<_>>()
                        .join("、"),
                    figs.iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                format!(
                    "the row “{}” has {} figures where the format has {}",
                    prow.label,
                    figs.len(),
                    n
                ),
            );
            f.unplaced[0].push(c);
            return;
        }
        let mut out = PRow {
            cells: Vec::new(),
            checks: Vec::new(),
            infos: Vec::new(),
            line: label.line,
        };
        for (col, cell) in block.columns.iter().zip(&figs) {
            let what = format!("{} · {}", prow.label, col.label);
            let v =
                self.proactive_value(col, cell, &what, &format!("{path}.{}", col.key), &mut out);
            out.cells.push(format!("{}: {v}", col.key));
        }
        f.proactive[idx] = Some(out);
    }

    fn proactive_value(
        &mut self,
        col: &Column,
        cell: &Cell,
        what: &str,
        path: &str,
        out: &mut PRow,
    ) -> String {
        let line = Some(cell.line);
        let f = match Self::slot(cell) {
            Slot::Fig(f) => f,
            other => {
                let c = self.blank_check(&other, what, path, line);
                out.checks.push(c);
                return "0".into();
            }
        };
        let value = match col.kind {
            ValueKind::Count | ValueKind::Change => {
                if f.frac.is_some() || (col.kind == ValueKind::Count && f.neg) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        format!(
                            "{what}“{}”不是{}",
                            cell.text,
                            if col.kind == ValueKind::Count {
                                "非负整数"
                            } else {
                                "整数"
                            }
                        ),
                        format!("{what} “{}” is not a whole number", cell.text),
                    );
                    out.checks.push(c);
                }
                if f.unit.is_some_and(|u| MONEY.contains(&u)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        format!("{what}“{}”带有金额单位，此栏应为件数", cell.text),
                        format!(
                            "{what} “{}” has a unit of money where a count belongs",
                            cell.text
                        ),
                    );
                    out.checks.push(c);
                }
                match (col.kind, f.plus) {
                    (ValueKind::Change, true) => format!("+{}", f.number()),
                    _ => f.number(),
                }
            }
            ValueKind::Amount => {
                if f.neg {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        format!("{what}“{}”是负数", cell.text),
                        format!("{what} “{}” is negative", cell.text),
                    );
                    out.checks.push(c);
                }
                let frac = f.frac.clone().unwrap_or_default();
                match f.unit {
                    Some("万元") => f.number(),
                    Some("元") => {
                        let v = format!(
                            "{}{}",
                            if f.neg { "-" } else { "" },
                            shift_left(&f.int, &frac, 4)
                        );
                        out.infos
                            .push(format!("原文“{}”，已由元换算为万元", cell.text));
                        v
                    }
                    Some("亿元") => {
                        let v = format!(
                            "{}{}",
                            if f.neg { "-" } else { "" },
                            shift_right(&f.int, &frac, 4)
                        );
                        out.infos
                            .push(format!("原文“{}”，已由亿元换算为万元", cell.text));
                        v
                    }
                    Some(u) => {
                        let c = self.flag(
                            Code::ImportUnplaced,
                            line,
                            path,
                            format!("{what}“{}”的单位“{u}”不是金额单位，按万元录入", cell.text),
                            format!(
                                "{what} “{}”: “{u}” is not a unit of money; read as 万元",
                                cell.text
                            ),
                        );
                        out.checks.push(c);
                        f.number()
                    }
                    None => {
                        if col.unit_in_cell.is_some() {
                            let c = self.flag(
                                Code::ImportUnplaced,
                                line,
                                path,
                                format!("{what}“{}”未注明单位，按万元录入", cell.text),
                                format!("{what} “{}” has no unit; read as 万元", cell.text),
                            );
                            out.checks.push(c);
                        }
                        f.number()
                    }
                }
            }
        };
        match &f.note {
            Some(note) => format!("{{value: {value}, note: {}}}", yaml_scalar(note, true)),
            None => value,
        }
    }

    fn blank_check(&mut self, s: &Slot, what: &str, path: &str, line: Option<usize>) -> String {
        let (zh, en) = match s {
            Slot::Blank => (
                format!("{what}原文为空，按 0 录入"),
                format!("{what} is blank in the report; read as 0"),
            ),
            Slot::Mark(t) => (
                format!("{what}原文为“{t}”，按 0 录入"),
                format!("{what} reads “{t}” in the report; read as 0"),
            ),
            Slot::Merged(t) => (
                format!("{what}是跨行合并的单元格（“{t}”），无法确定属于哪一行，按 0 录入"),
                format!("{what} is a cell merged across rows (“{t}”); read as 0"),
            ),
            Slot::Fig(_) => unreachable!("a figure is not blank"),
        };
        self.flag(Code::ImportUnplaced, line, path, zh, en)
    }

    /// A count of table 三 or 四; notes and units are not part of the format there.
    fn count_value(
        &mut self,
        cell: &Cell,
        what: &str,
        path: &str,
        checks: &mut Vec<String>,
    ) -> String {
        let line = Some(cell.line);
        match Self::slot(cell) {
            Slot::Fig(f) => {
                if f.neg || f.frac.is_some() || f.unit.is_some_and(|u| MONEY.contains(&u)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        format!("{what}“{}”不是件数", cell.text),
                        format!("{what} “{}” is not a count", cell.text),
                    );
                    checks.push(c);
                }
                if let Some(note) = &f.note {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        format!("{what}附有说明“{note}”，此表不能带说明，只录入了数字"),
                        format!("{what} carries a note “{note}”, which this table cannot hold; only the figure was kept"),
                    );
                    checks.push(c);
                }
                f.number()
            }
            other => {
                let c = self.blank_check(&other, what, path, line);
                checks.push(c);
                "0".into()
            }
        }
    }

    fn app_row(&mut self, i: usize, label_text: &str, line: usize, figs: &[&Cell], f: &mut Found) {
        let desc = &f.edition.application_rows()[i];
        let path = format!("applications.{}", desc.dotted());
        let figs = Self::trim_figures(figs, 7);
        if f.seen_apps[i] {
            let first = f.apps[i].as_ref().map_or(line, |r| r.line);
            let c = self.flag(
                Code::ImportUnplaced,
                Some(line),
                &path,
                format!("“{label_text}”一行重复出现（第 {first} 行已录入），未录入"),
                format!("the row “{label_text}” appears again (read on line {first}); ignored"),
            );
            f.unplaced[1].push(c);
            return;
        }
        f.seen_apps[i] = true;
        let mut checks = Vec::new();
        match figs.len() {
            7 => {}
            6 => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    &path,
                    format!("“{label_text}”一行只有 6 个数字，按六类申请人录入，总计由 xxgk 计算"),
                    format!("the row “{label_text}” has 6 figures: read as the six applicant columns, 总计 computed"),
                );
                checks.push(c);
            }
            n => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    &path,
                    format!(
                        "“{label_text}”一行有 {n} 个数字，格式为 7 个（六类申请人和总计），无法对应：{}",
                        figs.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("、")
                    ),
                    format!("the row “{label_text}” has {n} figures where the format has 7"),
                );
                f.unplaced[1].push(c);
                return;
            }
        }
        let mut figures = Vec::new();
        for (ci, cell) in figs.iter().enumerate() {
            let what = format!("{} · {}", desc.label, format::applicant_column_label(ci));
            figures.push(self.count_value(cell, &what, &path, &mut checks));
        }
        f.apps[i] = Some(FRow {
            figures,
            checks,
            line,
        });
    }

    fn outcome_row(&mut self, figs: &[&Cell], line: usize, f: &mut Found) {
        let figs = Self::trim_figures(figs, 15);
        if f.seen_outcomes {
            let c = self.flag(
                Code::ImportUnplaced,
                Some(line),
                "reconsideration",
                format!(
                    "行政复议、行政诉讼的数字重复出现，未录入：{}",
                    figs.iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                "the figures of 行政复议/行政诉讼 appear again; ignored".into(),
            );
            f.unplaced[2].push(c);
            return;
        }
        f.seen_outcomes = true;
        let per = match figs.len() {
            15 => 5,
            12 => 4,
            n => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    "reconsideration",
                    format!(
                        "行政复议、行政诉讼一行有 {n} 个数字，格式为 15 个，无法对应：{}",
                        figs.iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!("the row of 行政复议/行政诉讼 has {n} figures where the format has 15"),
                );
                f.unplaced[2].push(c);
                return;
            }
        };
        let rows: [FRow; 3] = std::array::from_fn(|k| {
            let desc = &OUTCOME_ROWS[k];
            let path = desc.path.join(".");
            let mut checks = Vec::new();
            let figures = figs[k * per..(k + 1) * per]
                .iter()
                .enumerate()
                .map(|(ci, cell)| {
                    let what = format!("{} · {}", desc.full_label(), OUTCOME_COLUMNS[ci].1);
                    self.count_value(cell, &what, &path, &mut checks)
                })
                .collect();
            FRow {
                figures,
                checks,
                line,
            }
        });
        f.outcomes = Some(rows);
    }

    // -----------------------------------------------------------------------------------------
    // Writing

    fn write(&mut self, w: WriteInput) -> String {
        let WriteInput {
            title,
            title_line,
            year,
            agency,
            edition,
            evidence,
            published,
            mut texts,
            heads,
            mut found,
            is_html,
        } = w;
        let mut s = String::new();
        let comment_lines = |s: &mut String, indent: &str, cs: &[String]| {
            for c in cs {
                let _ = writeln!(s, "{indent}# {c}");
            }
        };
        for c in std::mem::take(&mut found.general) {
            let _ = writeln!(s, "# {c}");
        }
        match year {
            Some(y) => {
                let _ = writeln!(s, "year: {y}");
            }
            None => {
                let c = self.flag(
                    Code::ImportMissing,
                    title_line,
                    "year",
                    "标题中未找到年度（如“2020年”），请补写 year".into(),
                    "no year found in the title (such as 2020年); add `year`".into(),
                );
                let _ = writeln!(s, "# {c}\n# year: ");
            }
        }
        match &agency {
            Some(a) => {
                let _ = writeln!(s, "agency: {}", yaml_scalar(a, false));
            }
            None => {
                let c = self.flag(
                    Code::ImportMissing,
                    title_line,
                    "agency",
                    "标题和落款中都未找到机关名称，请补写 agency".into(),
                    "no agency found in the title or the sign-off; add `agency`".into(),
                );
                let _ = writeln!(s, "# {c}\n# agency: ");
            }
        }
        match &evidence {
            Some(labels) => {
                let shown: Vec<&str> = labels.iter().take(3).map(String::as_str).collect();
                let _ = writeln!(
                    s,
                    "edition: {}  # 据表格栏目判定：{}",
                    edition.key(),
                    one_line(&shown.join("、"))
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "# edition: 表格栏目未能判定格式版本，按年度默认（{} 版）",
                    edition.key()
                );
            }
        }
        if let Some(a) = &agency {
            let township = ["镇人民政府", "乡人民政府", "街道办事处"]
                .iter()
                .any(|x| a.ends_with(x));
            if a.ends_with("人民政府") && !township {
                let _ = writeln!(
                    s,
                    "# kind: government  # 若为县级以上人民政府本级的报告（3月31日前公布），请取消本行注释"
                );
            }
        }
        if let Some(t) = &title {
            let _ = writeln!(s, "title: {}", yaml_scalar(t, false));
        }
        if let Some((d, _)) = published {
            let _ = writeln!(s, "published: {d}");
        }

        // Text sections.
        let write_text = |s: &mut String, key: &str, paras: &[(String, usize)]| {
            if paras.is_empty() {
                let _ = writeln!(s, "{key}: \"\"");
                return;
            }
            let _ = writeln!(s, "{key}: |");
            for (i, (p, _)) in paras.iter().enumerate() {
                if i > 0 {
                    s.push('\n');
                }
                let _ = writeln!(s, "  {p}");
            }
        };
        if !texts[0].is_empty() {
            s.push('\n');
            write_text(&mut s, "preface", &texts[0]);
        }
        let text_section =
            |this: &mut Self, s: &mut String, k: usize, key: &str, texts: &[(String, usize)]| {
                s.push('\n');
                let _ = writeln!(s, "# {}", SECTION_TITLES[k]);
                if heads[k].is_none() {
                    let c = this.flag(
                        Code::ImportMissing,
                        None,
                        key,
                        format!("原文未找到“{}”这一部分", SECTION_TITLES[k]),
                        format!("the section “{}” was not found", SECTION_TITLES[k]),
                    );
                    let _ = writeln!(s, "# {c}");
                }
                write_text(s, key, texts);
            };
        let overview = std::mem::take(&mut texts[1]);
        text_section(self, &mut s, 0, "overview", &overview);

        // Table 二.
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[1]);
        let mut body = String::new();
        let mut i = 0;
        for block in edition.proactive() {
            let _ = writeln!(body, "  # {}", block.item);
            for r in block.rows {
                match found.proactive[i].take() {
                    Some(row) => {
                        comment_lines(&mut body, "  ", &row.checks);
                        let info = if row.infos.is_empty() {
                            String::new()
                        } else {
                            format!("  # {}", one_line(&row.infos.join("；")))
                        };
                        let _ = writeln!(body, "  {}: {{{}}}{info}", r.key, row.cells.join(", "));
                    }
                    None if !found.seen_proactive[i] => {
                        let c = self.flag(
                            Code::ImportMissing,
                            None,
                            &format!("proactive.{}", r.key),
                            format!(
                                "原文未找到“{}”这一行（{}），未录入，按 0 计",
                                r.label, block.item
                            ),
                            format!(
                                "the row “{}” ({}) was not found; left out, counting as 0",
                                r.label, block.item
                            ),
                        );
                        let _ = writeln!(body, "  # {c}");
                    }
                    None => {}
                }
                i += 1;
            }
        }
        comment_lines(&mut body, "  ", &found.unplaced[0]);
        if body.lines().any(|l| !l.trim_start().starts_with('#')) {
            let _ = write!(s, "proactive:\n{body}");
        } else {
            let _ = write!(s, "proactive: {{}}\n{body}");
        }

        // Table 三.
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[2]);
        let _ = writeln!(
            s,
            "# 各行依次为：{}、{}",
            APPLICANT_COLUMNS.map(|c| c.1).join("、"),
            format::TOTAL_LABEL
        );
        let rows = edition.application_rows();
        let present: Vec<bool> = found.apps.iter().map(Option::is_some).collect();
        let mut body = String::new();
        let mut open: Vec<&str> = Vec::new();
        for (ri, r) in rows.iter().enumerate() {
            let parents = &r.path[..r.path.len() - 1];
            while !parents.starts_with(&open) {
                open.pop();
            }
            // Open a parent only if some row below it is present (else it would be null).
            while open.len() < parents.len() {
                let prefix = &parents[..open.len() + 1];
                let any = rows
                    .iter()
                    .zip(&present)
                    .any(|(r, p)| *p && r.path.starts_with(prefix));
                if !any {
                    break;
                }
                let key = parents[open.len()];
                open.push(key);
                let comment = if open.len() == 1 {
                    format::RESULTS_GROUP.to_string()
                } else {
                    r.group.unwrap_or_default().to_string()
                };
                let _ = writeln!(body, "{}{key}:  # {comment}", "  ".repeat(open.len()));
            }
            let indent = "  ".repeat(open.len() + 1);
            let key = r.path.last().expect("a key");
            match found.apps[ri].take() {
                Some(row) => {
                    comment_lines(&mut body, &indent, &row.checks);
                    let _ = writeln!(body, "{indent}{key}: [{}]", row.figures.join(", "));
                }
                None if !found.seen_apps[ri] => {
                    let c = self.flag(
                        Code::ImportMissing,
                        None,
                        &format!("applications.{}", r.dotted()),
                        format!(
                            "原文未找到“{}”这一行，未录入{}",
                            r.full_label(),
                            if r.role == AppRowRole::ResultsTotal {
                                "，由 xxgk 计算"
                            } else {
                                "，按 0 计"
                            }
                        ),
                        format!("the row “{}” was not found; left out", r.full_label()),
                    );
                    let _ = writeln!(body, "{indent}# {c}");
                }
                None => {}
            }
        }
        comment_lines(&mut body, "  ", &found.unplaced[1]);
        if body.lines().any(|l| !l.trim_start().starts_with('#')) {
            let _ = write!(s, "applications:\n{body}");
        } else {
            let _ = write!(s, "applications: {{}}\n{body}");
        }

        // Table 四.
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[3]);
        let _ = writeln!(
            s,
            "# 各行依次为：{}",
            OUTCOME_COLUMNS.map(|c| c.1).join("、")
        );
        match found.outcomes.take() {
            Some([rec, direct, after]) => {
                comment_lines(&mut s, "", &rec.checks);
                let _ = writeln!(s, "reconsideration: [{}]", rec.figures.join(", "));
                let _ = writeln!(s, "litigation:");
                for (row, desc) in [(direct, &OUTCOME_ROWS[1]), (after, &OUTCOME_ROWS[2])] {
                    comment_lines(&mut s, "  ", &row.checks);
                    let _ = writeln!(s, "  {}: [{}]", desc.path[1], row.figures.join(", "));
                }
            }
            None => {
                if !found.seen_outcomes {
                    let c = self.flag(
                        Code::ImportMissing,
                        None,
                        "reconsideration",
                        "原文未找到行政复议、行政诉讼的数字，未录入，按 0 计".into(),
                        "the figures of 行政复议/行政诉讼 were not found; left out, counting as 0"
                            .into(),
                    );
                    let _ = writeln!(s, "# {c}");
                }
                let _ = writeln!(s, "reconsideration: {{}}\nlitigation: {{}}");
            }
        }
        comment_lines(&mut s, "", &found.unplaced[2]);

        let problems = std::mem::take(&mut texts[5]);
        text_section(self, &mut s, 4, "problems", &problems);
        let other = std::mem::take(&mut texts[6]);
        text_section(self, &mut s, 5, "other_matters", &other);

        let mut head = String::new();
        let _ = writeln!(
            head,
            "# 由 xxgk import 从 {}（{}）导入。",
            one_line(self.file),
            if is_html { "网页" } else { "文本" }
        );
        if self.checks > 0 {
            let _ = writeln!(
                head,
                "# 有 {} 处标有“{CHECK_MARK}”，请对照原文核对后删去该注释；再运行 xxgk check 检查表格勾稽关系。",
                self.checks
            );
        } else {
            let _ = writeln!(
                head,
                "# 请运行 xxgk check 检查表格勾稽关系（原文印出的总计已照录）。"
            );
        }
        head + &s
    }
}

struct WriteInput {
    title: Option<String>,
    title_line: Option<usize>,
    year: Option<i32>,
    agency: Option<String>,
    edition: Edition,
    evidence: Option<Vec<String>>,
    published: Option<(Date, usize)>,
    texts: Vec<Vec<(String, usize)>>,
    heads: [Option<usize>; 6],
    found: Found,
    is_html: bool,
}

impl Table {
    fn key(self) -> &'static str {
        match self {
            Table::Proactive => "proactive",
            Table::Applications => "applications",
            Table::Outcomes => "reconsideration",
        }
    }
}

/// What the rows read so far say about the next one.
struct RowState {
    table: Option<Table>,
    /// The group of table 三 the last row was in (`（三）不予公开`), for rows that do not repeat it.
    group: Option<&'static str>,
    structural: Vec<String>,
}

impl RowState {
    fn saw_structure(&mut self, labels: &[String]) {
        let is = |l: &str| labels.iter().any(|x| x == &norm(l));
        if is(format::PROACTIVE_CONTENT_HEADER)
            || Edition::ALL
                .iter()
                .any(|e| e.proactive().iter().any(|b| is(b.item)))
        {
            self.table = Some(Table::Proactive);
        } else if is(format::RECONSIDERATION_LABEL) || is(format::LITIGATION_LABEL) {
            self.table = Some(Table::Outcomes);
        } else if is(format::APPLICANT_HEADER)
            || is(format::APPLICATION_NOTE)
            || is(format::RESULTS_GROUP)
        {
            self.table = Some(Table::Applications);
        }
        for e in Edition::ALL {
            for r in e.application_rows() {
                if let Some(g) = r.group {
                    if is(g) {
                        self.group = Some(g);
                        self.table = Some(Table::Applications);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            parse_title("2020年慈溪市交通运输局信息公开工作年度报告"),
            Some((2020, Some("慈溪市交通运输局".into())))
        );
        assert_eq!(
            parse_title("淮安市人民政府\n2024年政府信息公开工作年度报告"),
            Some((2024, Some("淮安市人民政府".into())))
        );
        assert_eq!(
            parse_title("2023年示例县人民政府信息公开工作年度报告"),
            Some((2023, Some("示例县人民政府".into())))
        );
        assert_eq!(
            parse_title("2022年示例县交通运输局政府信息公开工作年度报告"),
            Some((2022, Some("示例县交通运输局".into())))
        );
        assert_eq!(
            parse_title("2024年政府信息公开工作年度报告"),
            Some((2024, None))
        );
        assert_eq!(parse_title("一、总体情况"), None);
    }

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

    #[test]
    fn labels_normalise() {
        assert!(label_matches(&norm("本年新 制作数量"), "本年新制作数量"));
        assert!(label_matches(
            &norm("（二）部分公开"),
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        assert!(label_matches(&norm("1、属于国家秘密"), "1.属于国家秘密"));
        assert!(label_matches(
            &norm("3.危及\"三安全一稳定\""),
            "3.危及“三安全一稳定”"
        ));
        assert!(!label_matches(&norm("规范性文件"), "行政规范性文件"));
        assert_eq!(section_index("一、总体情况"), Some(0));
        assert_eq!(section_index(" 六、其他需要报告的事项："), Some(5));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023年1月18日").unwrap().to_string(),
            "2023-01-18"
        );
        assert_eq!(
            parse_date("二〇二三年一月十八日").unwrap().to_string(),
            "2023-01-18"
        );
        assert_eq!(
            parse_date("2024年3月20日").unwrap().to_string(),
            "2024-03-20"
        );
        assert!(parse_date("2023年2月30日").is_none());
        assert!(parse_date("本年度无其他需要报告的事项。").is_none());
    }

    #[test]
    fn scalars() {
        assert_eq!(yaml_scalar("示例县", false), "示例县");
        assert_eq!(yaml_scalar("a\nb", false), "\"a\\nb\"");
        assert_eq!(yaml_scalar("含1件, 另1件", true), "\"含1件, 另1件\"");
        assert_eq!(yaml_scalar("2020", false), "\"2020\"");
    }
}
