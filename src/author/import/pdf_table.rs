//! A table of a PDF rebuilt from the boxes of its cells (pdftotext puts each cell's text in a
//! box of its own). Figures at one height make a row; its cells are placed by the columns of
//! the header rows above it, so that a blank cell stays blank. Labels are assigned to rows by
//! height and to levels by where they start: a row's own label is the deepest; a label left of
//! it that spans rows (a merged cell, printed once in its middle, perhaps over a page break)
//! is given to every row of its group, as a rowspan is on a web page.

use super::blocks::{Cell, Row, join_into};
use super::figure::parse_figure;
use super::pdf::{TBox, is_caption, join_word, median};

#[derive(Clone, Debug)]
struct Piece {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    h: f64,
    text: String,
    line: usize,
}

impl Piece {
    fn yc(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

struct FigRow {
    y0: f64,
    y1: f64,
    cells: Vec<usize>,
}

fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    a1.min(b1) - a0.max(b0)
}

/// The columns under a header: its lowest cells (those with no two separate cells below them),
/// cells that overlap merged into one column.
fn columns(header: &[&Piece]) -> Vec<(f64, f64)> {
    let leaves: Vec<&Piece> = header
        .iter()
        .copied()
        .filter(|h| {
            let below: Vec<&Piece> = header
                .iter()
                .copied()
                .filter(|o| o.y0 >= h.y1 - 0.5 && overlap(h.x0, h.x1, o.x0, o.x1) > 0.5)
                .collect();
            !below.iter().enumerate().any(|(i, a)| {
                below[i + 1..]
                    .iter()
                    .any(|b| overlap(a.x0, a.x1, b.x0, b.x1) <= 0.0)
            })
        })
        .collect();
    let mut cols: Vec<(f64, f64)> = leaves.iter().map(|p| (p.x0, p.x1)).collect();
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for c in cols {
        match merged.last_mut() {
            Some(m) if c.0 < m.1 - 0.5 => m.1 = m.1.max(c.1),
            _ => merged.push(c),
        }
    }
    merged
}

/// The row's figure cells in column order, blanks where a column has none; `None` when the
/// figures do not fall one to a column.
fn by_columns(cells: &[&Piece], cols: &[(f64, f64)]) -> Option<Vec<Option<usize>>> {
    if cols.is_empty() || cells.len() > cols.len() {
        return None;
    }
    let mut out = vec![None; cols.len()];
    let mut last: Option<usize> = None;
    for (k, c) in cells.iter().enumerate() {
        let (best, ov) = cols
            .iter()
            .enumerate()
            .map(|(i, col)| (i, overlap(c.x0, c.x1, col.0, col.1)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if ov <= 0.0 || last.is_some_and(|l| best <= l) {
            return None;
        }
        out[best] = Some(k);
        last = Some(best);
    }
    Some(out)
}

fn starts_item_one(text: &str) -> bool {
    let t = text.trim_start();
    let rest = t
        .strip_prefix('1')
        .or_else(|| t.strip_prefix('１'))
        .unwrap_or("");
    let mut after = rest.chars();
    matches!(after.next(), Some('.' | '．' | '、')) && !after.next().is_some_and(char::is_numeric)
}

fn cell(p: &Piece, inherited: bool) -> Cell {
    Cell {
        text: p.text.clone(),
        line: p.line,
        inherited,
    }
}

fn joined(ps: &mut [&Piece]) -> Option<Piece> {
    ps.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let first = (*ps.first()?).clone();
    let mut text = String::new();
    for p in ps.iter() {
        join_into(&mut text, &p.text);
    }
    Some(Piece { text, ..first })
}

/// Joins the lines of a cell set close together (closer than 0.4 of a line; the lines of
/// different cells stand further apart): one text, one box. Figures stay apart.
fn join_wrapped(mut pieces: Vec<Piece>) -> Vec<Piece> {
    pieces.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let below = out.iter().rposition(|a| {
            let gap = p.y0 - a.y1;
            gap >= -0.2 * p.h
                && gap < 0.4 * p.h.min(a.h)
                && overlap(a.x0, a.x1, p.x0, p.x1) >= 0.5 * (a.x1 - a.x0).min(p.x1 - p.x0)
                && ((a.x0 - p.x0).abs() < p.h || ((a.x0 + a.x1) - (p.x0 + p.x1)).abs() < 2.0 * p.h)
                && parse_figure(&a.text).is_none()
                && parse_figure(&p.text).is_none()
        });
        match below {
            Some(k) => {
                let a = &mut out[k];
                join_into(&mut a.text, &p.text);
                a.x0 = a.x0.min(p.x0);
                a.x1 = a.x1.max(p.x1);
                a.y1 = a.y1.max(p.y1);
            }
            None => out.push(p),
        }
    }
    out
}

/// The rows of one table, from its boxes; `bases[page]` is where each page starts on one long
/// vertical axis, so that a table continues across pages.
pub(super) fn table_rows(boxes: &[&TBox], bases: &[f64]) -> Vec<Row> {
    // A line of pdftotext may hold the words of two cells side by side (a merged cell's label
    // and the row's own): it is cut where the words stand apart.
    let mut pieces: Vec<Piece> = Vec::new();
    for b in boxes {
        let base = bases.get(b.page).copied().unwrap_or(0.0);
        for l in &b.lines {
            let h = l.y1 - l.y0;
            let whole = is_caption(&l.text);
            let mut cur: Option<Piece> = None;
            for w in &l.words {
                match cur.as_mut() {
                    Some(p) if whole || w.x0 - p.x1 < 0.3 * (w.y1 - w.y0).min(h) => {
                        join_word(&mut p.text, &w.text);
                        p.x1 = w.x1;
                        p.y0 = p.y0.min(w.y0 + base);
                        p.y1 = p.y1.max(w.y1 + base);
                    }
                    _ => {
                        pieces.extend(cur.take());
                        cur = Some(Piece {
                            x0: w.x0,
                            x1: w.x1,
                            y0: w.y0 + base,
                            y1: w.y1 + base,
                            h,
                            text: w.text.clone(),
                            line: l.no,
                        });
                    }
                }
            }
            pieces.extend(cur);
        }
    }
    let pieces = join_wrapped(pieces);
    let is_fig: Vec<bool> = pieces
        .iter()
        .map(|p| parse_figure(&p.text).is_some())
        .collect();
    let h = median(pieces.iter().map(|p| p.h).collect()).unwrap_or(10.0);
    // Rows of figures.
    let mut figs: Vec<usize> = (0..pieces.len()).filter(|&i| is_fig[i]).collect();
    figs.sort_by(|&a, &b| pieces[a].yc().total_cmp(&pieces[b].yc()));
    let mut rows: Vec<FigRow> = Vec::new();
    for i in figs {
        let p = &pieces[i];
        match rows.last_mut() {
            Some(r)
                if (p.yc() >= r.y0 && p.yc() <= r.y1) || {
                    let c = (r.y0 + r.y1) / 2.0;
                    c >= p.y0 && c <= p.y1
                } =>
            {
                r.y0 = r.y0.min(p.y0);
                r.y1 = r.y1.max(p.y1);
                r.cells.push(i);
            }
            _ => rows.push(FigRow {
                y0: p.y0,
                y1: p.y1,
                cells: vec![i],
            }),
        }
    }
    let fx = rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|&i| pieces[i].x0)
        .fold(f64::INFINITY, f64::min);
    // Other boxes: in the figures' columns, a mark in a row ("—") or a header; left of them,
    // labels.
    let mut headers: Vec<Vec<&Piece>> = vec![Vec::new(); rows.len() + 1];
    let mut labels: Vec<&Piece> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if is_fig[i] {
            continue;
        }
        if p.x0 >= fx - 1.0 {
            match rows.iter().position(|r| p.yc() >= r.y0 && p.yc() <= r.y1) {
                Some(r) => rows[r].cells.push(i),
                None => {
                    let above = rows.iter().filter(|r| r.y1 < p.yc()).count();
                    headers[above].push(p);
                }
            }
        } else {
            labels.push(p);
        }
    }
    // Labels beside a header are part of it (信息内容, the table's note).
    let bands: Vec<(f64, f64)> = headers
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            (
                g.iter().map(|p| p.y0).fold(f64::INFINITY, f64::min),
                g.iter().map(|p| p.y1).fold(f64::NEG_INFINITY, f64::max),
            )
        })
        .collect();
    labels.retain(|p| !bands.iter().any(|b| p.yc() >= b.0 && p.yc() <= b.1));
    // Levels of labels by where they start.
    let mut starts: Vec<f64> = labels.iter().map(|p| p.x0).collect();
    starts.sort_by(f64::total_cmp);
    let mut levels: Vec<f64> = Vec::new();
    for s in starts {
        if levels.last().is_none_or(|l| s > l + (0.6 * h).max(3.0)) {
            levels.push(s);
        }
    }
    let level_of = |p: &Piece| levels.iter().rposition(|l| p.x0 >= l - 0.5).unwrap_or(0);
    // Each label's rows: those it overlaps. A row's own level is the deepest of the labels
    // that overlap it alone.
    let overlapping: Vec<Vec<usize>> = labels
        .iter()
        .map(|p| {
            (0..rows.len())
                .filter(|&r| overlap(p.y0, p.y1, rows[r].y0, rows[r].y1) > 0.2 * p.h)
                .collect()
        })
        .collect();
    let caption: Vec<bool> = labels.iter().map(|p| is_caption(&p.text)).collect();
    let mut own_level: Vec<Option<usize>> = vec![None; rows.len()];
    for (k, p) in labels.iter().enumerate() {
        if let ([r], false) = (&overlapping[k][..], caption[k]) {
            let l = level_of(p);
            own_level[*r] = Some(own_level[*r].map_or(l, |o| o.max(l)));
        }
    }
    // A label that overlaps no row (a wrapped label's first or last line) belongs to the
    // nearest row within a line and a half whose own label is of its level (or which has none).
    let mut own: Vec<Vec<&Piece>> = vec![Vec::new(); rows.len()];
    let mut ancestors: Vec<&Piece> = Vec::new();
    for (k, p) in labels.iter().enumerate() {
        let l = level_of(p);
        if caption[k] {
            ancestors.push(p);
            continue;
        }
        match overlapping[k][..] {
            [r] if own_level[r] == Some(l) => own[r].push(p),
            [] => {
                let dist = |r: &FigRow| (r.y0 - p.y1).max(p.y0 - r.y1).max(0.0);
                let near = (0..rows.len())
                    .filter(|&r| own_level[r].is_none_or(|o| o == l))
                    .filter(|&r| dist(&rows[r]) <= 1.5 * p.h)
                    .min_by(|&a, &b| dist(&rows[a]).total_cmp(&dist(&rows[b])));
                match near {
                    Some(r) => {
                        own_level[r] = Some(l);
                        own[r].push(p);
                    }
                    None => ancestors.push(p),
                }
            }
            _ => ancestors.push(p),
        }
    }
    let own: Vec<Option<Piece>> = own.iter_mut().map(|ps| joined(ps)).collect();
    // Ancestor labels: for each level, the groups of consecutive rows with deeper labels (a
    // new group at each item 1 one level deeper); a group's label is every ancestor piece of
    // that level within its height.
    let mut prefix: Vec<Vec<Cell>> = vec![Vec::new(); rows.len()];
    let mut used = vec![false; ancestors.len()];
    let n = rows.len();
    for lv in 0..levels.len() {
        let deeper = |r: usize| own_level[r].is_some_and(|o| o > lv);
        let mut r = 0;
        while r < n {
            if !deeper(r) {
                r += 1;
                continue;
            }
            let mut end = r + 1;
            while end < n
                && deeper(end)
                && !(own_level[end] == Some(lv + 1)
                    && own[end].as_ref().is_some_and(|p| starts_item_one(&p.text)))
            {
                end += 1;
            }
            let top = if r > 0 {
                (rows[r - 1].y1 + rows[r].y0) / 2.0
            } else {
                rows[r].y0 - 2.0 * h
            };
            let bottom = if end < n {
                (rows[end - 1].y1 + rows[end].y0) / 2.0
            } else {
                rows[end - 1].y1 + 2.0 * h
            };
            let mut mine: Vec<&Piece> = Vec::new();
            for (k, p) in ancestors.iter().enumerate() {
                if !used[k]
                    && !is_caption(&p.text)
                    && level_of(p) == lv
                    && p.yc() >= top
                    && p.yc() <= bottom
                {
                    used[k] = true;
                    mine.push(p);
                }
            }
            if let Some(g) = joined(&mut mine) {
                for (k, pre) in prefix.iter_mut().enumerate().take(end).skip(r) {
                    pre.push(cell(&g, k > r));
                }
            }
            r = end;
        }
    }
    // The rows, in order of height, with what is left (captions) as rows of one cell.
    let mut out: Vec<(f64, Row)> = Vec::new();
    let mut header_for = 0usize;
    for (r, row) in rows.iter().enumerate() {
        if !headers[r].is_empty() {
            header_for = r;
        }
        let cols = columns(&headers[header_for]);
        let mut cs: Vec<&Piece> = row.cells.iter().map(|&i| &pieces[i]).collect();
        cs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cells = std::mem::take(&mut prefix[r]);
        if let Some(o) = &own[r] {
            cells.push(cell(o, false));
        }
        match by_columns(&cs, &cols) {
            Some(slots) => cells.extend(slots.into_iter().map(|s| match s {
                Some(k) => cell(cs[k], false),
                None => Cell {
                    text: String::new(),
                    line: cs[0].line,
                    inherited: false,
                },
            })),
            None => cells.extend(cs.iter().map(|p| cell(p, false))),
        }
        let line = own[r].as_ref().map_or(cs[0].line, |p| p.line);
        out.push((
            row.y0,
            Row {
                cells,
                line,
                problems: Vec::new(),
            },
        ));
    }
    for (k, p) in ancestors.iter().enumerate() {
        if !used[k] {
            out.push((
                p.y0,
                Row {
                    cells: vec![cell(p, false)],
                    line: p.line,
                    problems: Vec::new(),
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_one() {
        assert!(starts_item_one("1.属于国家秘密"));
        assert!(starts_item_one("1、申请人"));
        assert!(!starts_item_one("12.x"));
        assert!(!starts_item_one("2.重复申请"));
        assert!(!starts_item_one("1.5"));
        assert!(!starts_item_one("1"));
    }
}
