//! A YAML document as a tree of nodes that each keep their location.
//!
//! Built from `saphyr-parser`'s event stream rather than through serde, so that one pass can
//! report every problem of a file (serde stops at the first), scalars keep the exact text the
//! clerk wrote (`363.62` is never a float), duplicate keys are caught, and aliases are expanded
//! under a budget.

use saphyr_parser::{Event, Parser, ScalarStyle};

pub use crate::util::span::Span;

/// The location of a parser event.
fn span_of(s: saphyr_parser::Span) -> Span {
    Span {
        line: s.start.line(),
        col: s.start.col() + 1,
        end_line: s.end.line(),
        end_col: s.end.col() + 1,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Clone, Debug)]
pub enum Value {
    /// A scalar with its text as written (quotes removed, escapes resolved).
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    /// `~`, `null` or nothing at all, written plain.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, Style::Plain) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<(&str, Style)> {
        match &self.value {
            Value::Scalar(s, st) => Some((s, *st)),
            _ => None,
        }
    }

    /// What the node is, in words for a message.
    pub fn describe(&self) -> (&'static str, &'static str) {
        match &self.value {
            _ if self.is_null() => ("空值", "nothing (null)"),
            Value::Scalar(_, Style::Quoted) => ("带引号的文本", "quoted text"),
            // `inf` and `nan` parse as floats, but no clerk calls them numbers.
            Value::Scalar(s, _)
                if s.parse::<f64>().is_ok() && s.bytes().any(|b| b.is_ascii_digit()) =>
            {
                ("数字", "a number")
            }
            Value::Scalar(..) => ("文本", "text"),
            Value::Seq(_) => ("列表", "a list"),
            Value::Map(_) => ("键值映射", "a mapping"),
        }
    }
}

/// Why a file could not be read as a YAML tree at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    Syntax {
        span: Span,
        info: String,
    },
    /// A `[` or `{` that is never closed: `span` is the bracket, `at` where the parser gave up.
    Unclosed {
        span: Span,
        bracket: char,
        at: Span,
        info: String,
    },
    Empty,
    TooComplex {
        span: Span,
        what: &'static str,
    },
    MultipleDocuments {
        span: Span,
    },
}

/// A duplicate key, found while building a mapping: the tree keeps the first.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub key: String,
    /// The dotted path of the key, e.g. `proactive.regulations.issued`.
    pub path: String,
    pub span: Span,
    pub first: Span,
}

/// Limits that keep a hostile file from exhausting memory or time.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Nodes in the tree, aliases expanded.
    pub max_nodes: usize,
    /// Nesting of sequences and mappings.
    pub max_depth: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_nodes: 200_000,
            max_depth: 64,
        }
    }
}

pub struct Parsed {
    pub root: Node,
    pub duplicates: Vec<DuplicateKey>,
}

enum Frame {
    Seq(Vec<Node>, Span, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Span, usize),
}

/// Parse the first (and only) document of `src`.
pub fn parse(src: &str, budget: Budget) -> Result<Parsed, ParseProblem> {
    let mut parser = Parser::new_from_str(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = Default::default();
    let mut duplicates = Vec::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut documents = 0;

    while let Some(ev) = parser.next_event() {
        let (ev, pspan) = match ev {
            Ok(x) => x,
            Err(e) => return Err(syntax_problem(src, &stack, &e)),
        };
        let span = span_of(pspan);
        let is_alias = matches!(ev, Event::Alias(_));
        let done: Option<(Node, usize)> = match ev {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseProblem::MultipleDocuments { span });
                }
                None
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                };
                Some((
                    Node {
                        value: Value::Scalar(text.into_owned(), style),
                        span,
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    let mut copy = n.clone();
                    copy.span = span;
                    Some((copy, 0))
                }
                None => {
                    return Err(ParseProblem::Syntax {
                        span,
                        info: "unknown alias".into(),
                    });
                }
            },
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= budget.max_depth {
                    return Err(ParseProblem::TooComplex {
                        span,
                        what: "depth",
                    });
                }
                stack.push(Frame::Seq(Vec::new(), span, anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= budget.max_depth {
                    return Err(ParseProblem::TooComplex {
                        span,
                        what: "depth",
                    });
                }
                stack.push(Frame::Map(Vec::new(), None, span, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, start, anchor)) => {
                    let span = collection_span(start, span, items.last().map(|n| n.span));
                    Some((
                        Node {
                            value: Value::Seq(items),
                            span,
                        },
                        anchor,
                    ))
                }
                _ => unreachable_frame()?,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, _, start, anchor)) => {
                    let span = collection_span(start, span, entries.last().map(|(_, v)| v.span));
                    Some((
                        Node {
                            value: Value::Map(entries),
                            span,
                        },
                        anchor,
                    ))
                }
                _ => unreachable_frame()?,
            },
        };
        let Some((node, anchor)) = done else { continue };
        // A fresh node's children were counted as they were built; an alias copy counts whole,
        // which is what bounds an alias bomb.
        nodes += if is_alias { count_nodes(&node) } else { 1 };
        if nodes > budget.max_nodes {
            return Err(ParseProblem::TooComplex {
                span: node.span,
                what: "size",
            });
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        // A value whose key was already written in this mapping: the first one is kept.
        let duplicate = match stack.last() {
            Some(Frame::Map(entries, Some(key), ..)) => match &key.value {
                Value::Scalar(k, _) => entries
                    .iter()
                    .find(|(e, _)| matches!(&e.value, Value::Scalar(ek, _) if ek == k))
                    .map(|(first, _)| (k.clone(), key.span, first.span)),
                _ => None,
            },
            _ => None,
        };
        if let Some((key, span, first)) = duplicate {
            let mut path = key_path(&stack[..stack.len() - 1]);
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&key);
            duplicates.push(DuplicateKey {
                key,
                path,
                span,
                first,
            });
            if let Some(Frame::Map(_, pending, ..)) = stack.last_mut() {
                *pending = None;
            }
            continue;
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, pending, ..)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
    match root {
        Some(r) if !r.is_null() => Ok(Parsed {
            root: r,
            duplicates,
        }),
        _ => Err(ParseProblem::Empty),
    }
}

/// The dotted path of the mapping being built at the top of `frames`: each enclosing mapping's
/// pending key, each enclosing sequence's index.
fn key_path(frames: &[Frame]) -> String {
    let mut path = String::new();
    for f in frames {
        match f {
            Frame::Map(_, Some(k), ..) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k.as_scalar().map_or("?", |(s, _)| s));
            }
            Frame::Map(..) => {}
            Frame::Seq(items, ..) => path.push_str(&format!("[{}]", items.len())),
        }
    }
    path
}

/// A parser error, placed where a clerk will see the cause: the tab in the indentation, the
/// bracket that was never closed (the parser only notices on a later line).
fn syntax_problem(src: &str, stack: &[Frame], e: &saphyr_parser::ScanError) -> ParseProblem {
    let at = Span::point(e.marker().line(), e.marker().col() + 1);
    let info = e.info().to_string();
    if info.contains("recursion limit") {
        return ParseProblem::TooComplex {
            span: at,
            what: "depth",
        };
    }
    if info.contains("tab") {
        // The first line from the error on whose indentation holds a tab.
        let tab = src
            .lines()
            .enumerate()
            .skip(at.line.saturating_sub(1))
            .find_map(|(i, l)| {
                let indent = &l[..l.len() - l.trim_start().len()];
                indent
                    .find('\t')
                    .map(|b| Span::point(i + 1, indent[..b].chars().count() + 1))
            });
        return ParseProblem::Syntax {
            span: tab.unwrap_or(at),
            info,
        };
    }
    // Flow collections hold no block ones, so an open bracket is the innermost frame.
    let open = match stack.last() {
        Some(Frame::Seq(_, s, _) | Frame::Map(_, _, s, _)) => Some(*s),
        None => None,
    };
    if let Some(open) = open.filter(|o| o.line < at.line) {
        let bracket = src
            .lines()
            .nth(open.line.saturating_sub(1))
            .and_then(|l| l.chars().nth(open.col.saturating_sub(1)));
        if let Some(bracket @ ('[' | '{')) = bracket {
            return ParseProblem::Unclosed {
                span: Span::point(open.line, open.col),
                bracket,
                at,
                info,
            };
        }
    }
    ParseProblem::Syntax { span: at, info }
}

/// The span of a sequence or mapping from its start and end events. A flow collection
/// (`[…]`, `{…}`) ends just after its closing bracket (the parser's end event runs on over any
/// trailing comment); a block one ends where its last value ends.
fn collection_span(start: Span, end_event: Span, last_child: Option<Span>) -> Span {
    let flow = start.end_line != start.line || start.end_col > start.col;
    let (end_line, end_col) = if flow {
        (end_event.line, end_event.col + 1)
    } else {
        last_child.map_or((start.line, start.col), |c| (c.end_line, c.end_col))
    };
    Span {
        end_line,
        end_col,
        ..start
    }
}

fn unreachable_frame<T>() -> Result<T, ParseProblem> {
    // The parser guarantees balanced events; report rather than panic if it ever does not.
    Err(ParseProblem::Syntax {
        span: Span::point(1, 1),
        info: "unbalanced structure".into(),
    })
}

fn count_nodes(n: &Node) -> usize {
    match &n.value {
        Value::Scalar(..) => 1,
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
}

/// The tree as JSON, plain scalars resolved by the YAML 1.2 core schema (for validating a file
/// against the JSON Schema).
pub fn to_json(n: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &n.value {
        Value::Scalar(s, Style::Plain) => {
            if n.is_null() {
                J::Null
            } else if let Ok(i) = s.parse::<i64>() {
                J::from(i)
            } else if let Some(f) = s
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && s.bytes().any(|b| b.is_ascii_digit()))
            {
                J::from(f)
            } else if matches!(s.as_str(), "true" | "True" | "TRUE") {
                J::Bool(true)
            } else if matches!(s.as_str(), "false" | "False" | "FALSE") {
                J::Bool(false)
            } else {
                J::String(s.clone())
            }
        }
        Value::Scalar(s, _) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_scalar()
                            .map(|(s, _)| s.to_string())
                            .unwrap_or_default(),
                        to_json(v),
                    )
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Parsed, ParseProblem> {
        parse(s, Budget::default())
    }

    #[test]
    fn keeps_scalar_text_and_locations() {
        let t = p("a: 363.62\nb:\n  - x\n").unwrap();
        let m = t.root.as_map().unwrap();
        assert_eq!(m[0].1.as_scalar().unwrap().0, "363.62");
        assert_eq!((m[0].1.span.line, m[0].1.span.col), (1, 4));
        assert_eq!((m[1].1.span.line, m[1].1.span.col), (3, 3));
    }

    #[test]
    fn flow_collections_end_at_their_bracket() {
        let t = p("a:\n  new: [0, 0]  # comment\n").unwrap();
        let row = &t.root.as_map().unwrap()[0].1.as_map().unwrap()[0].1;
        assert_eq!(
            (
                row.span.line,
                row.span.col,
                row.span.end_line,
                row.span.end_col
            ),
            (2, 8, 2, 14)
        );
    }

    #[test]
    fn reports_duplicate_keys() {
        let t = p("a: 1\nb: 2\na: 3\n").unwrap();
        assert_eq!(t.duplicates.len(), 1);
        assert_eq!(t.duplicates[0].span.line, 3);
        assert_eq!(t.duplicates[0].first.line, 1);
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        assert_eq!(p("").err(), Some(ParseProblem::Empty));
        assert_eq!(p("# nothing\n\n").err(), Some(ParseProblem::Empty));
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(
            p(&deep),
            Err(ParseProblem::TooComplex { .. } | ParseProblem::Syntax { .. })
        ));
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            s.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert!(matches!(
            p(&s),
            Err(ParseProblem::TooComplex { what: "size", .. })
        ));
    }
}
