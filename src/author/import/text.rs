//! The flattened text form of a report (as copied out of a page) → blocks.

use super::blocks::{Block, Cell, Row, clean, join_into};
use super::labels::section_index;

/// The flattened text form: prose one paragraph a line; table cells one a line, each starting
/// with a tab, a cell's text possibly wrapped onto following untabbed lines; a blank line ends
/// a row.
pub(super) fn text_blocks(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    let mut after_cell = false;
    pub(super) fn end_row(row: &mut Row, rows: &mut Vec<Row>) {
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
