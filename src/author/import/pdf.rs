//! PDF: the text layer as poppler's `pdftotext -bbox-layout` gives it (XHTML: page, flow,
//! block, line, word, each with its box), read with quick-xml and rebuilt into blocks. Prose
//! lines are joined into paragraphs by their geometry (an indented first line, a short last
//! line); text boxes that share a height with another box are table cells, rebuilt into rows
//! in `pdf_table.rs`. Page numbers (`-1-`, `— 1 —`) and running headers and footers are
//! dropped; the spaces extraction puts between Chinese characters and digits are removed.
//!
//! Lines are numbered `page * PAGE_LINES + line on the page`, so that a diagnostic can say
//! both (see [`page_of`]).

use super::blocks::{Block, clean, join_into};
use super::labels::{norm, section_index, structural_labels};
use super::pdf_table::table_rows;
use quick_xml::events::Event;

/// Line numbers of a PDF: `page * PAGE_LINES + line on the page`.
pub const PAGE_LINES: usize = 100_000;

/// The page and the line on it of a PDF line number.
pub fn page_of(line: usize) -> (usize, usize) {
    (line / PAGE_LINES, line % PAGE_LINES)
}

/// A line of text in a box: the words joined.
#[derive(Clone, Debug)]
pub(super) struct TLine {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
    pub(super) text: String,
    pub(super) no: usize,
    /// The words, each with its box.
    pub(super) words: Vec<Word>,
}

/// A word and its box.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
    pub(super) text: String,
}

/// A text box (`<block>`): on table pages, one cell.
#[derive(Clone, Debug)]
pub(super) struct TBox {
    pub(super) page: usize,
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
    pub(super) lines: Vec<TLine>,
}

impl TBox {
    pub(super) fn text(&self) -> String {
        let mut t = String::new();
        for l in &self.lines {
            join_into(&mut t, &l.text);
        }
        t
    }
}

#[derive(Debug, Default)]
pub(super) struct PdfText {
    pub(super) boxes: Vec<TBox>,
    /// Height of each page (1-based pages: index 0 is page 1).
    pub(super) heights: Vec<f64>,
    pub(super) words: usize,
}

pub(super) fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// Joins two words of a line: with a space only between two ASCII characters (`PDF file`),
/// never around Chinese (`2024 年` → `2024年`).
pub(super) fn join_word(line: &mut String, word: &str) {
    if let (Some(a), Some(b)) = (line.chars().last(), word.chars().next()) {
        if a.is_ascii_graphic() && b.is_ascii_graphic() {
            line.push(' ');
        }
    }
    line.push_str(word);
}

fn attr_f64(e: &quick_xml::events::BytesStart, name: &[u8]) -> f64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            std::str::from_utf8(a.value.as_ref())
                .ok()?
                .parse::<f64>()
                .ok()
        })
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// Reads the XHTML of `pdftotext -bbox-layout`.
pub(super) fn parse_bbox(xhtml: &str) -> Result<PdfText, String> {
    let mut r = quick_xml::Reader::from_str(xhtml);
    let mut out = PdfText::default();
    let mut cur_box: Option<TBox> = None;
    let mut cur_line: Option<TLine> = None;
    let mut word: Option<String> = None;
    let mut word_box = [0.0; 4];
    loop {
        let ev = r.read_event().map_err(|e| format!("{e}"))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"page" => out.heights.push(attr_f64(&e, b"height")),
                b"block" => {
                    cur_box = Some(TBox {
                        page: out.heights.len(),
                        x0: attr_f64(&e, b"xMin"),
                        y0: attr_f64(&e, b"yMin"),
                        x1: attr_f64(&e, b"xMax"),
                        y1: attr_f64(&e, b"yMax"),
                        lines: Vec::new(),
                    })
                }
                b"line" => {
                    cur_line = Some(TLine {
                        x0: attr_f64(&e, b"xMin"),
                        y0: attr_f64(&e, b"yMin"),
                        x1: attr_f64(&e, b"xMax"),
                        y1: attr_f64(&e, b"yMax"),
                        text: String::new(),
                        no: 0,
                        words: Vec::new(),
                    })
                }
                b"word" => {
                    word = Some(String::new());
                    word_box = [
                        attr_f64(&e, b"xMin"),
                        attr_f64(&e, b"yMin"),
                        attr_f64(&e, b"xMax"),
                        attr_f64(&e, b"yMax"),
                    ];
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.push_str(&t.decode().map_err(|e| format!("{e}"))?);
                }
            }
            Event::GeneralRef(g) => {
                if let Some(w) = word.as_mut() {
                    let c = match g.resolve_char_ref().ok().flatten() {
                        Some(c) => Some(c),
                        None => match g.decode().map_err(|e| format!("{e}"))?.as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    w.extend(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"word" => {
                    if let (Some(w), Some(l)) = (word.take(), cur_line.as_mut()) {
                        let w = clean(&w);
                        if !w.is_empty() {
                            out.words += 1;
                            join_word(&mut l.text, &w);
                            let [x0, y0, x1, y1] = word_box;
                            l.words.push(Word {
                                x0,
                                y0,
                                x1,
                                y1,
                                text: w,
                            });
                        }
                    }
                }
                b"line" => {
                    if let (Some(l), Some(b)) = (cur_line.take(), cur_box.as_mut()) {
                        if !l.text.is_empty() {
                            b.lines.push(l);
                        }
                    }
                }
                // A box of one line each: pdftotext's blocks may hold several cells of a
                // column (typst's PDFs); a cell's lines are joined again by their places.
                b"block" => {
                    if let Some(b) = cur_box.take() {
                        out.boxes.extend(b.lines.into_iter().map(|l| TBox {
                            page: b.page,
                            x0: l.x0,
                            y0: l.y0,
                            x1: l.x1,
                            y1: l.y1,
                            lines: vec![l],
                        }));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    number_lines(&mut out);
    Ok(out)
}

/// Numbers the lines of each page from the top: lines at one height share a number.
fn number_lines(t: &mut PdfText) {
    let mut refs: Vec<(usize, usize, usize)> = Vec::new();
    for (bi, b) in t.boxes.iter().enumerate() {
        for li in 0..b.lines.len() {
            refs.push((b.page, bi, li));
        }
    }
    let mid = |l: &TLine| (l.y0 + l.y1) / 2.0;
    refs.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(mid(&t.boxes[a.1].lines[a.2]).total_cmp(&mid(&t.boxes[b.1].lines[b.2])))
    });
    let mut page = 0;
    let mut n = 0;
    let mut last: Option<(f64, f64)> = None;
    for (p, bi, li) in refs {
        let l = &t.boxes[bi].lines[li];
        if p != page {
            page = p;
            n = 0;
            last = None;
        }
        let same = last.is_some_and(|(y0, y1)| mid(l) >= y0 && mid(l) <= y1);
        if !same {
            n += 1;
            last = Some((l.y0, l.y1));
        }
        t.boxes[bi].lines[li].no = page * PAGE_LINES + n.min(PAGE_LINES - 1);
    }
}

/// A page number as printed: `-1-`, `— 1 —`, `1`, `第1页`, `第 1 页 共 6 页`, `1/6`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = t.trim_matches(|c: char| "-—–－~·‐‒―".contains(c));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(inner) {
        return true;
    }
    if let Some((a, b)) = inner.split_once('/') {
        return digits(a) && digits(b);
    }
    let Some(rest) = inner.strip_prefix('第') else {
        return false;
    };
    let (page, total) = match rest.split_once("页") {
        Some((p, t)) => (p, t),
        None => return false,
    };
    digits(page)
        && (total.is_empty()
            || total
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(digits))
}

/// Drops page numbers, and running headers and footers (the same text, digits aside, in the
/// top or bottom margin of several pages).
fn drop_furniture(t: &mut PdfText) {
    let heights = t.heights.clone();
    let in_margin = |b: &TBox, share: f64| {
        let h = heights
            .get(b.page.saturating_sub(1))
            .copied()
            .unwrap_or(0.0);
        h > 0.0 && (b.y1 < h * share || b.y0 > h * (1.0 - share))
    };
    let shape = |b: &TBox| -> String {
        b.text()
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .collect()
    };
    let mut seen: std::collections::HashMap<String, std::collections::BTreeSet<usize>> =
        std::collections::HashMap::new();
    for b in t.boxes.iter().filter(|b| in_margin(b, 0.08)) {
        seen.entry(shape(b)).or_default().insert(b.page);
    }
    let pages = heights.len();
    // A page number stands alone at its height (a figure in a table's last row does not).
    let lone: Vec<bool> = t
        .boxes
        .iter()
        .map(|b| {
            !t.boxes.iter().any(|o| {
                !std::ptr::eq(o, b) && o.page == b.page && o.y1.min(b.y1) - o.y0.max(b.y0) > 0.0
            })
        })
        .collect();
    let mut k = 0;
    t.boxes.retain(|b| {
        let alone = lone[k];
        k += 1;
        if alone && in_margin(b, 0.12) && b.lines.len() == 1 && is_page_number(&b.text()) {
            return false;
        }
        let running = pages >= 3
            && in_margin(b, 0.08)
            && seen.get(&shape(b)).is_some_and(|p| p.len() * 2 >= pages);
        !running
    });
}

/// Reading order: page, then top to bottom, then left to right.
fn sort_boxes(boxes: &mut [TBox]) {
    boxes.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(a.y0.total_cmp(&b.y0))
            .then(a.x0.total_cmp(&b.x0))
    });
}

/// Joins the pieces of one line that pdftotext split (a change of font, justified spacing):
/// boxes at the same height less than half a line height apart.
fn join_split_lines(boxes: Vec<TBox>) -> Vec<TBox> {
    let mut out: Vec<TBox> = Vec::with_capacity(boxes.len());
    for b in boxes {
        let h = b.y1 - b.y0;
        let joins = out.iter().rposition(|a| {
            a.page == b.page
                && a.lines.len() == 1
                && b.lines.len() == 1
                && a.y1.min(b.y1) - a.y0.max(b.y0) >= 0.6 * h.min(a.y1 - a.y0)
                && b.x0 > (a.x0 + a.x1) / 2.0
                && b.x0 - a.x1 < 0.5 * h.min(a.y1 - a.y0)
        });
        match joins {
            Some(k) if out.len() - k <= 4 => {
                let a = &mut out[k];
                let l = &mut a.lines[0];
                join_word(&mut l.text, &b.lines[0].text);
                l.words.extend(b.lines[0].words.iter().cloned());
                l.x1 = b.x1;
                l.y0 = l.y0.min(b.y0);
                l.y1 = l.y1.max(b.y1);
                a.x1 = b.x1;
                a.y0 = a.y0.min(b.y0);
                a.y1 = a.y1.max(b.y1);
            }
            _ => out.push(b),
        }
    }
    out
}

/// For each box: does another box stand beside it at the same height (a table cell)?
fn cells(boxes: &[TBox]) -> Vec<bool> {
    let mut is = vec![false; boxes.len()];
    for i in 0..boxes.len() {
        let a = &boxes[i];
        for j in i + 1..boxes.len() {
            let b = &boxes[j];
            if b.page != a.page || b.y0 >= a.y1 {
                break;
            }
            let overlap = a.y1.min(b.y1) - a.y0.max(b.y0);
            let h = (a.y1 - a.y0).min(b.y1 - b.y0).max(0.1);
            let apart = a.x1 <= b.x0 + 1.0 || b.x1 <= a.x0 + 1.0;
            if apart && overlap >= 0.3 * h {
                is[i] = true;
                is[j] = true;
            }
        }
    }
    is
}

/// The geometry of the prose: left margin, right edge, line height.
struct Measure {
    left: f64,
    right: f64,
    height: f64,
}

impl Measure {
    fn of<'a>(lines: impl Iterator<Item = &'a TLine> + Clone) -> Measure {
        let height = median(lines.clone().map(|l| l.y1 - l.y0).collect()).unwrap_or(12.0);
        // The left margin: the most common start (to the nearest point).
        let mut starts: Vec<i64> = lines.clone().map(|l| l.x0.round() as i64).collect();
        starts.sort_unstable();
        let mut best = (0usize, 0i64);
        let mut k = 0;
        while k < starts.len() {
            let n = starts[k..]
                .iter()
                .take_while(|&&s| s - starts[k] <= 2)
                .count();
            if n > best.0 {
                best = (n, starts[k]);
            }
            k += starts[k..].iter().take_while(|&&s| s == starts[k]).count();
        }
        let mut ends: Vec<f64> = lines.map(|l| l.x1).collect();
        ends.sort_by(f64::total_cmp);
        let right = ends
            .get(ends.len() * 9 / 10)
            .or(ends.last())
            .copied()
            .unwrap_or(0.0);
        Measure {
            left: best.1 as f64,
            right,
            height,
        }
    }

    fn wide(&self, b: &TBox) -> bool {
        b.x1 - b.x0 >= 0.6 * (self.right - self.left)
    }
}

/// A table's caption or a row across the whole table: `第二十条第（一）项`, `单位：件`, `表一`.
pub(super) fn is_caption(text: &str) -> bool {
    let n = norm(text);
    n.starts_with("第二十条")
        || n.starts_with("单位：")
        || (n.starts_with('表') && n.chars().count() <= 4)
}

/// The blocks of a PDF's text layer.
pub(super) fn pdf_blocks(mut t: PdfText) -> Vec<Block> {
    drop_furniture(&mut t);
    // Left to right within a line first, so that split lines join.
    t.boxes.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(
                ((a.y0 + a.y1) / 2.0)
                    .round()
                    .total_cmp(&((b.y0 + b.y1) / 2.0).round()),
            )
            .then(a.x0.total_cmp(&b.x0))
    });
    t.boxes = join_split_lines(std::mem::take(&mut t.boxes));
    sort_boxes(&mut t.boxes);
    let boxes = &t.boxes;
    let is_cell = cells(boxes);
    let m = Measure::of(
        boxes
            .iter()
            .zip(&is_cell)
            .filter(|(_, c)| !**c)
            .flat_map(|(b, _)| &b.lines),
    );
    // Which boxes belong to a table: cells, and the lone boxes among them (captions,
    // merged rows, a table's title) that are neither section titles nor full lines of prose.
    let lone_in_table = |b: &TBox| {
        let text = b.text();
        section_index(&text).is_none() && !m.wide(b)
    };
    let mut in_table = is_cell.clone();
    let n = boxes.len();
    let mut i = 0;
    while i < n {
        if in_table[i] {
            i += 1;
            continue;
        }
        // A run of lone boxes: part of a table if a cell follows within eight and every one
        // of them can be part of a table, and either a cell comes before or it is a caption.
        let mut j = i;
        while j < n && !is_cell[j] && j - i < 8 && lone_in_table(&boxes[j]) {
            j += 1;
        }
        let cell_after = j < n && is_cell[j];
        let cell_before = i > 0 && in_table[i - 1];
        let heading = |k: usize| {
            let t = boxes[k].text();
            is_caption(&t) || structural_labels().contains(&norm(&t))
        };
        if cell_after && (cell_before || (i..j).all(heading)) {
            for slot in &mut in_table[i..j] {
                *slot = true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut bases = vec![0.0; t.heights.len() + 2];
    for p in 1..bases.len() {
        bases[p] = bases[p - 1] + t.heights.get(p - 1).copied().unwrap_or(842.0) + 1.0;
    }
    let mut blocks = Vec::new();
    let mut para: Option<(String, usize)> = None;
    let mut prev: Option<&TLine> = None;
    let flush = |para: &mut Option<(String, usize)>, blocks: &mut Vec<Block>| {
        if let Some((text, line)) = para.take() {
            blocks.push(Block::Line {
                text,
                line,
                h1: None,
                path: Vec::new(),
            });
        }
    };
    // The title: lines in a larger type before the first section title.
    let mut title_zone = true;
    let mut i = 0;
    while i < n {
        if in_table[i] {
            title_zone = false;
            flush(&mut para, &mut blocks);
            prev = None;
            let j = (i..n).find(|&k| !in_table[k]).unwrap_or(n);
            let region: Vec<&TBox> = boxes[i..j].iter().collect();
            let rows = table_rows(&region, &bases);
            if !rows.is_empty() {
                blocks.push(Block::Table {
                    rows,
                    path: Vec::new(),
                });
            }
            i = j;
            continue;
        }
        for l in &boxes[i].lines {
            if section_index(&l.text).is_some() {
                title_zone = false;
            }
            let big = title_zone && l.y1 - l.y0 > 1.25 * m.height;
            if big {
                flush(&mut para, &mut blocks);
                blocks.push(Block::Line {
                    text: l.text.clone(),
                    line: l.no,
                    h1: Some(1),
                    path: Vec::new(),
                });
                prev = Some(l);
                continue;
            }
            let starts_new = match prev {
                None => true,
                Some(p) => {
                    let same_page = page_of(p.no).0 == page_of(l.no).0;
                    l.x0 > m.left + 0.8 * m.height
                        || p.x1 < m.right - 1.5 * m.height
                        || section_index(&p.text).is_some()
                        || section_index(&l.text).is_some()
                        || (same_page && l.y0 - p.y1 > 1.2 * m.height)
                }
            };
            if starts_new {
                flush(&mut para, &mut blocks);
                para = Some((l.text.clone(), l.no));
            } else if let Some((text, _)) = para.as_mut() {
                join_into(text, &l.text);
            }
            prev = Some(l);
        }
        i += 1;
    }
    flush(&mut para, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "-1-",
            "— 12 —",
            "3",
            "第 2 页",
            "第2页共6页",
            "2/6",
            "－ 4 －",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024年", "第二十条", "-", "一、", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn words_join_without_spaces_around_chinese() {
        let mut l = String::new();
        for w in [
            "制。报告所列统计期限自",
            "2024",
            "年",
            "1",
            "月",
            "PDF",
            "file",
        ] {
            join_word(&mut l, w);
        }
        assert_eq!(l, "制。报告所列统计期限自2024年1月PDF file");
    }

    #[test]
    fn bad_xml_is_an_error_not_a_panic() {
        assert!(parse_bbox("<doc><page><block><line><word>x</line>").is_err());
        let t = parse_bbox("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><doc><page height=\"800\"><block xMin=\"1\" yMin=\"1\" xMax=\"5\" yMax=\"9\"><line xMin=\"1\" yMin=\"1\" xMax=\"5\" yMax=\"9\"><word>&a;&amp;&#x4e00;</word></line></block></page></doc>").unwrap();
        assert_eq!(t.boxes[0].text(), "&一");
    }
}
