//! What every kind of source is reduced to: a stream of blocks, lines of prose and tables as
//! rows of cells. A reader of a new kind of source (PDF, DOCX) produces these.

/// One cell of a table row. `inherited`: the cell starts in a row above (rowspan).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) line: usize,
    pub(crate) inherited: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    pub(crate) cells: Vec<Cell>,
    pub(crate) line: usize,
    /// Merged cells that could not be resolved.
    pub(crate) problems: Vec<crate::diag::Msg>,
}

#[derive(Clone, Debug)]
pub(crate) enum Block {
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
    pub(crate) fn path(&self) -> &[usize] {
        match self {
            Block::Line { path, .. } | Block::Table { path, .. } => path,
        }
    }
}

/// Removes what cannot go into YAML text: control characters, BOMs; tabs become spaces.
pub(crate) fn clean(s: &str) -> String {
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
pub(crate) fn join_into(text: &mut String, more: &str) {
    if let (Some(a), Some(b)) = (text.chars().last(), more.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            text.push(' ');
        }
    }
    text.push_str(more);
}
