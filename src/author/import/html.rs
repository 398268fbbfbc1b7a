//! Portal pages: parsed by html5ever (through scraper, the HTML5 parsing algorithm browsers
//! use), each node placed on its source line, then read as blocks (lines and tables).

use super::blocks::{Block, Cell, Row, clean, join_into};
use crate::diag::{Msg, messages};

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

/// Elements whose content is raw text in the source (the cursor skips to their end tag).
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "template",
];

/// Where the tree's nodes stand in the source: html5ever gives no positions, so a cursor
/// follows the source as the tree is walked in document order. An element is matched with the
/// next start tag if it has its name (one html5ever made up, such as an implied `<tbody>`,
/// takes the cursor's line); a text with its first characters.
struct Lines<'s> {
    src: &'s str,
    lower: String,
    starts: Vec<usize>,
    at: usize,
}

impl<'s> Lines<'s> {
    fn new(src: &'s str) -> Self {
        Lines {
            src,
            lower: src.to_ascii_lowercase(),
            starts: std::iter::once(0)
                .chain(src.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            at: 0,
        }
    }

    fn line_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos)
    }

    /// The next start tag from the cursor, skipping comments, declarations and end tags.
    fn next_tag(&self) -> Option<(usize, &str)> {
        let b = self.lower.as_bytes();
        let mut i = self.at;
        while let Some(p) = self.lower[i..].find('<') {
            let p = i + p;
            if self.lower[p..].starts_with("<!--") {
                i = self.lower[p + 4..]
                    .find("-->")
                    .map_or(b.len(), |e| p + 4 + e + 3);
                continue;
            }
            if b.get(p + 1).is_some_and(u8::is_ascii_alphabetic) {
                let end = self.lower[p + 1..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |e| p + 1 + e);
                return Some((p, &self.lower[p + 1..end]));
            }
            i = p + 1;
        }
        None
    }

    fn element(&mut self, name: &str) -> usize {
        match self.next_tag() {
            Some((p, n)) if n == name => {
                let line = self.line_at(p);
                self.at = self.src[p..]
                    .find('>')
                    .map_or(self.src.len(), |e| p + e + 1);
                if RAW.contains(&name) {
                    let close = format!("</{name}");
                    self.at = self.lower[self.at..]
                        .find(&close)
                        .map_or(self.src.len(), |e| self.at + e);
                }
                line
            }
            _ => self.line_at(self.at),
        }
    }

    fn text(&mut self, t: &str) -> usize {
        let key: String = t
            .trim_start()
            .chars()
            .take_while(|c| !matches!(c, '&' | '<' | '\u{a0}') && !c.is_whitespace())
            .take(6)
            .collect();
        let limit = self.next_tag().map_or(self.src.len(), |(p, _)| p);
        if !key.is_empty() {
            if let Some(p) = self.src[self.at..limit].find(&key) {
                let pos = self.at + p;
                self.at = pos + key.len();
                return self.line_at(pos);
            }
        }
        let skip = self.src[self.at..limit]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(0);
        self.line_at(self.at + skip)
    }
}

/// The page parsed by html5ever as a browser parses it (implied end tags, misnested
/// elements, character references), as the tree the blocks are read from.
fn build(src: &str) -> Elem {
    let doc = scraper::Html::parse_document(src);
    let mut lines = Lines::new(src);
    let mut next_id = 1;
    let mut root = Elem {
        id: 0,
        name: "#root".into(),
        attrs: Vec::new(),
        children: Vec::new(),
        line: 1,
    };
    for child in doc.tree.root().children() {
        convert(child, &mut root.children, &mut lines, &mut next_id);
    }
    root
}

fn convert(
    node: ego_tree::NodeRef<'_, scraper::Node>,
    out: &mut Vec<Node>,
    lines: &mut Lines,
    next_id: &mut usize,
) {
    match node.value() {
        scraper::Node::Text(t) => {
            let line = lines.text(&t.text);
            out.push(Node::Text(t.to_string(), line));
        }
        scraper::Node::Element(e) => {
            let name = e.name().to_ascii_lowercase();
            let line = lines.element(&name);
            let mut el = Elem {
                id: *next_id,
                name,
                attrs: e
                    .attrs()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                    .collect(),
                children: Vec::new(),
                line,
            };
            *next_id += 1;
            // What is never read (scripts, styles) is not walked.
            if !SKIP.contains(&el.name.as_str()) {
                for c in node.children() {
                    convert(c, &mut el.children, lines, next_id);
                }
            }
            out.push(Node::Elem(el));
        }
        _ => {}
    }
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
        let mut problems: Vec<Vec<Msg>> = vec![Vec::new(); trs.len()];
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
                    problems[r].push(messages::merged_cell_overlaps(&raw.text));
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
    let root = build(src);
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
            lines("<p>a&amp;b&#x2F;&#47;&ldquo;x&rdquo;&bogus;"),
            vec!["a&b//“x”&bogus;"]
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
