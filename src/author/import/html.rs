//! A small, forgiving HTML reader: tokens with their line, a tree built with the implied
//! end tags that portal pages rely on, then blocks (lines and tables).

use super::blocks::{Block, Cell, Row, clean, join_into};

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
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
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
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
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
