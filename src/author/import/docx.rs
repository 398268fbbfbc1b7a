//! A Word document (`.docx`) read for `xxgk import`: its body as paragraphs and tables, each
//! table's merged cells (`gridSpan`, `vMerge`) resolved into rows of cells the way the HTML
//! reader resolves `colspan`/`rowspan`.
//!
//! The package is a zip: it is opened with limits (entries, unpacked size, so that a zip bomb
//! is refused rather than unpacked), and `word/document.xml` is read with quick-xml, which
//! neither reads DTDs nor expands entities (only the five predefined ones and character
//! references are resolved).

use crate::diag::{Msg, messages};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Entries a Word document may have (a report has a dozen or two).
pub const MAX_ENTRIES: usize = 10_000;
/// The most `word/document.xml` may unpack to.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// A paragraph of the body, or a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocBlock {
    /// One line of a paragraph (a paragraph's line breaks make several). `n`: the paragraph's
    /// number in the document, counting those in tables; `title`: in the `Title` style (its
    /// line breaks are only where the page broke it: it is one line).
    Line {
        text: String,
        n: usize,
        title: bool,
    },
    Table {
        rows: Vec<DocRow>,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocRow {
    pub cells: Vec<DocCell>,
    /// The number of the row's first paragraph.
    pub n: usize,
    /// Merged cells that could not be resolved.
    pub problems: Vec<Msg>,
}

/// A cell as the row shows it: a cell merged across columns once, a cell merged down from a
/// row above repeated with `inherited`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocCell {
    pub text: String,
    pub n: usize,
    pub inherited: bool,
}

/// Why a `.docx` cannot be read; said by [`DocxError::msg`].
#[derive(Debug)]
pub enum DocxError {
    /// Not a zip the reader can open (what it said).
    NotZip(String),
    /// A zip without `word/document.xml`.
    NotWord,
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries(usize),
    /// `word/document.xml` unpacks to more than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// `word/document.xml` is not well-formed XML.
    Xml(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en)
    }
}

impl std::error::Error for DocxError {}

impl DocxError {
    /// What to say of it.
    pub fn msg(&self) -> Msg {
        match self {
            DocxError::NotZip(e) => messages::docx_not_zip(e),
            DocxError::NotWord => messages::docx_without_document(),
            DocxError::TooManyEntries(n) => messages::docx_too_many_entries(*n, MAX_ENTRIES),
            DocxError::TooLarge => messages::docx_too_large(MAX_DOCUMENT_BYTES),
            DocxError::Xml(e) => messages::docx_bad_xml(e),
        }
    }

    /// Whether the file was refused for its size.
    pub fn too_large(&self) -> bool {
        matches!(self, DocxError::TooManyEntries(_) | DocxError::TooLarge)
    }
}

/// Whether the bytes are a zip file (a `.docx` is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// `word/document.xml` of a `.docx`, unpacked within the limits.
pub fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries(zip.len()));
    }
    let file = match zip.by_name("word/document.xml") {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NotWord),
        Err(e) => return Err(DocxError::NotZip(e.to_string())),
    };
    if file.size() > MAX_DOCUMENT_BYTES {
        return Err(DocxError::TooLarge);
    }
    // The size in the header may lie: read at most one byte more than allowed.
    let mut out = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    if out.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DocxError::TooLarge);
    }
    Ok(out)
}

/// Reads a `.docx` into blocks.
pub fn read(bytes: &[u8]) -> Result<Vec<DocBlock>, DocxError> {
    blocks(&document_xml(bytes)?)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct RawCell {
    text: String,
    n: usize,
    span: usize,
    vmerge: VMerge,
}

struct RawRow {
    cells: Vec<RawCell>,
    before: usize,
    n: usize,
}

#[derive(Default)]
struct TableCtx {
    rows: Vec<RawRow>,
    row: Option<RawRow>,
    cell: Option<RawCell>,
}

/// Joins text without a space (Chinese), except between two ASCII letters or digits.
fn join(text: &mut String, more: &str) {
    let more = more.trim();
    if more.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (text.chars().last(), more.chars().next()) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
            text.push(' ');
        }
    }
    text.push_str(more);
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn number(e: &BytesStart) -> usize {
    attr(e, b"val")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// The body of `word/document.xml` as blocks.
pub fn blocks(xml: &[u8]) -> Result<Vec<DocBlock>, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut tables: Vec<TableCtx> = Vec::new();
    // The paragraph being read: its text (`\n` at line breaks), number and style.
    let mut para: Option<(String, usize, bool)> = None;
    let mut para_depth = 0usize;
    let mut paras = 0usize;
    // Inside a run's text (`w:t`), and inside something whose text is not shown (a field's
    // instructions, the fallback of alternate content, deleted text).
    let mut in_text = false;
    let mut skip = 0usize;
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| DocxError::Xml(format!("at byte {}: {e}", reader.error_position())))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || matches!(name, b"Fallback" | b"instrText" | b"delText") {
                    skip += 1;
                    continue;
                }
                match name {
                    b"p" => {
                        para_depth += 1;
                        if para_depth == 1 {
                            paras += 1;
                            para = Some((String::new(), paras, false));
                        }
                    }
                    b"t" => in_text = true,
                    b"tbl" => tables.push(TableCtx::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(RawRow {
                                cells: Vec::new(),
                                before: 0,
                                n: paras + 1,
                            });
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(RawCell {
                                text: String::new(),
                                n: paras + 1,
                                span: 1,
                                vmerge: VMerge::None,
                            });
                        }
                    }
                    _ => start_or_empty(&e, &mut tables, &mut para),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    // A tab stop of the paragraph's properties (`w:pos`) is no text.
                    b"tab" if para.is_some() && attr(&e, b"pos").is_none() => {
                        para.as_mut().expect("a paragraph").0.push(' ');
                    }
                    b"br" | b"cr" if para.is_some() => {
                        para.as_mut().expect("a paragraph").0.push('\n');
                    }
                    b"noBreakHyphen" if para.is_some() => {
                        para.as_mut().expect("a paragraph").0.push('-');
                    }
                    b"p" => paras += 1,
                    _ => start_or_empty(&e, &mut tables, &mut para),
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => {
                        para_depth = para_depth.saturating_sub(1);
                        if para_depth == 0 {
                            if let Some((text, n, title)) = para.take() {
                                end_paragraph(&mut out, &mut tables, text, n, title);
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                                row.cells.push(cell);
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.rows.push(row);
                            }
                        }
                    }
                    b"tbl" => {
                        if let Some(t) = tables.pop() {
                            let rows = resolve(t.rows);
                            match tables.last_mut().and_then(|o| o.cell.as_mut()) {
                                // A table in a cell: its text joins the cell's.
                                Some(cell) => {
                                    for c in rows.iter().flat_map(|r| &r.cells) {
                                        if !c.inherited {
                                            join(&mut cell.text, &c.text);
                                        }
                                    }
                                }
                                None if !rows.is_empty() => out.push(DocBlock::Table { rows }),
                                None => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some((text, _, _)) = para.as_mut() {
                    let s = t.decode().map_err(|e| DocxError::Xml(e.to_string()))?;
                    text.push_str(&s);
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some((text, _, _)) = para.as_mut() {
                    text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some((text, _, _)) = para.as_mut() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            // Any other entity would need a DTD, which is never read.
                            _ => None,
                        },
                    };
                    text.extend(c);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Properties that matter, wherever they appear as a start tag or an empty one.
fn start_or_empty(
    e: &BytesStart,
    tables: &mut [TableCtx],
    para: &mut Option<(String, usize, bool)>,
) {
    match e.local_name().as_ref() {
        b"pStyle" => {
            if let Some((_, _, title)) = para.as_mut() {
                *title = attr(e, b"val").is_some_and(|v| v == "Title");
            }
        }
        b"gridSpan" => {
            if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.span = number(e);
            }
        }
        b"gridBefore" => {
            if let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                if row.cells.is_empty() {
                    row.before = number(e);
                }
            }
        }
        b"vMerge" => {
            if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.vmerge = match attr(e, b"val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
            }
        }
        _ => {}
    }
}

fn end_paragraph(
    out: &mut Vec<DocBlock>,
    tables: &mut [TableCtx],
    text: String,
    n: usize,
    title: bool,
) {
    // A title paragraph is one line of the title, however the page breaks it.
    let text = if title {
        let mut joined = String::new();
        for line in text.split('\n') {
            join(&mut joined, line);
        }
        joined
    } else {
        text
    };
    if let Some(t) = tables.last_mut() {
        if let Some(cell) = t.cell.as_mut() {
            for line in text.split('\n') {
                join(&mut cell.text, line);
            }
            return;
        }
        // A paragraph in a table outside any cell is not valid WordprocessingML; its text is
        // kept as a line all the same.
    }
    for line in text.split('\n') {
        let line = line.trim();
        if !line.is_empty() {
            out.push(DocBlock::Line {
                text: line.to_string(),
                n,
                title,
            });
        }
    }
}

/// A table's rows with every merge resolved: `slots[r][c]` is the cell covering that place.
fn resolve(rows: Vec<RawRow>) -> Vec<DocRow> {
    // The cells, by id, and the row each starts in.
    let mut cells: Vec<(RawCell, usize)> = Vec::new();
    let mut slots: Vec<Vec<Option<usize>>> = Vec::new();
    let mut problems: Vec<Vec<Msg>> = Vec::new();
    let mut lines = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut line: Vec<Option<usize>> = vec![None; row.before];
        let mut probs = Vec::new();
        lines.push(row.n);
        for cell in row.cells {
            let c = line.len();
            let span = cell.span;
            let above = (r > 0)
                .then(|| slots[r - 1].get(c).copied().flatten())
                .flatten();
            let id = match (cell.vmerge, above) {
                (VMerge::Continue, Some(id)) => {
                    // The merge continues the cell above, which must cover the same columns.
                    let starts_here =
                        c == 0 || slots[r - 1].get(c - 1).copied().flatten() != Some(id);
                    let width = slots[r - 1][c..]
                        .iter()
                        .take_while(|s| **s == Some(id))
                        .count();
                    if !starts_here || width != span {
                        probs.push(messages::merged_cell_narrower(&cells[id].0.text));
                    }
                    id
                }
                _ => {
                    cells.push((cell, r));
                    cells.len() - 1
                }
            };
            line.extend(std::iter::repeat_n(Some(id), span));
        }
        slots.push(line);
        problems.push(probs);
    }
    let mut out = Vec::new();
    for (r, line) in slots.iter().enumerate() {
        let mut row = DocRow {
            n: lines[r],
            problems: std::mem::take(&mut problems[r]),
            ..DocRow::default()
        };
        let mut last = None;
        for id in line.iter() {
            let Some(id) = *id else {
                // gridBefore: an empty place.
                row.cells.push(DocCell {
                    text: String::new(),
                    n: lines[r],
                    inherited: false,
                });
                last = None;
                continue;
            };
            if last == Some(id) {
                continue;
            }
            last = Some(id);
            let (cell, start) = &cells[id];
            row.cells.push(DocCell {
                text: cell.text.clone(),
                n: cell.n,
                inherited: *start < r,
            });
        }
        if !row.cells.is_empty() {
            out.push(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table's cells as (text, taken from a merged cell above).
    fn matrix(rows: &[DocRow]) -> Vec<Vec<(&str, bool)>> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (c.text.as_str(), c.inherited))
                    .collect()
            })
            .collect()
    }

    fn doc(body: &str) -> Vec<u8> {
        format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        )
        .into_bytes()
    }

    fn lines(b: &[DocBlock]) -> Vec<&str> {
        b.iter()
            .filter_map(|b| match b {
                DocBlock::Line { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn paragraphs_runs_breaks_and_escapes() {
        let b = blocks(&doc(
            "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>甲</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>乙</w:t></w:r></w:p>\
             <w:p><w:r><w:t xml:space=\"preserve\">a &amp; &lt;b&gt; &#x4E00;</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>",
        ))
        .unwrap();
        // A title's line break is only where the page broke it.
        assert_eq!(lines(&b), ["甲乙", "a & <b> 一"]);
        assert!(matches!(
            &b[0],
            DocBlock::Line {
                title: true,
                n: 1,
                ..
            }
        ));
        assert!(matches!(
            &b[1],
            DocBlock::Line {
                title: false,
                n: 2,
                ..
            }
        ));
    }

    #[test]
    fn entities_are_never_expanded() {
        let xml = b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"XXXXXXXX\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>a&x;b</w:t></w:r></w:p></w:body></w:document>";
        let b = blocks(xml).unwrap();
        assert_eq!(lines(&b), ["ab"]);
    }

    #[test]
    fn merges_resolve_into_rows() {
        let cell = |attrs: &str, t: &str| {
            format!("<w:tc><w:tcPr>{attrs}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
        };
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("<w:vMerge w:val=\"restart\"/>", "甲"),
            cell("<w:gridSpan w:val=\"2\"/>", "乙"),
            cell("<w:vMerge/>", ""),
            cell("", "1"),
            cell("", "2"),
        );
        let b = blocks(&doc(&body)).unwrap();
        let DocBlock::Table { rows } = &b[0] else {
            panic!("{b:?}")
        };
        let texts = matrix(rows);
        assert_eq!(
            texts,
            [
                vec![("甲", false), ("乙", false)],
                vec![("甲", true), ("1", false), ("2", false)]
            ]
        );
    }

    /// A table as a clerk might make it in Word: a caption row `表一` and a `单位：件` row
    /// across the table, a label merged down three rows, a header merged across two columns,
    /// blank cells; packed in a real zip.
    #[test]
    fn a_hand_written_document_reads_into_a_rectangular_matrix() {
        use std::io::Write;
        let tc = |pr: &str, t: &str| {
            let p = if t.is_empty() {
                "<w:p/>".to_string()
            } else {
                format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>")
            };
            format!("<w:tc><w:tcPr>{pr}</w:tcPr>{p}</w:tc>")
        };
        let span = |n: usize| format!("<w:gridSpan w:val=\"{n}\"/>");
        let restart = "<w:vMerge w:val=\"restart\"/>";
        let cont = "<w:vMerge w:val=\"continue\"/>";
        let rows = [
            tc(&span(4), "表一"),
            tc(&span(4), "单位：件"),
            format!(
                "{}{}{}",
                tc(restart, "行政处罚"),
                tc(&span(2), "处理决定数量"),
                tc("", "备注")
            ),
            format!(
                "{}{}{}{}",
                tc(cont, ""),
                tc("", "12"),
                tc("", ""),
                tc("", "无")
            ),
            format!(
                "{}{}{}{}",
                tc(cont, ""),
                tc("", "3"),
                tc("", "4"),
                tc("", "")
            ),
        ];
        let body = format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>2020年某局政府信息公开工作年度报告</w:t></w:r></w:p>\
             <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{}</w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>",
            rows.iter()
                .map(|r| format!("<w:tr>{r}</w:tr>"))
                .collect::<String>()
        );
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in [
            ("[Content_Types].xml", b"<Types/>".to_vec()),
            ("word/document.xml", doc(&body)),
        ] {
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(&data).unwrap();
        }
        let bytes = z.finish().unwrap().into_inner();
        assert!(is_zip(&bytes));
        let b = read(&bytes).unwrap();
        assert_eq!(lines(&b), ["2020年某局政府信息公开工作年度报告", "后"]);
        let DocBlock::Table { rows } = &b[1] else {
            panic!("{b:?}")
        };
        let m = matrix(rows);
        assert_eq!(
            m,
            [
                vec![("表一", false)],
                vec![("单位：件", false)],
                vec![
                    ("行政处罚", false),
                    ("处理决定数量", false),
                    ("备注", false)
                ],
                vec![
                    ("行政处罚", true),
                    ("12", false),
                    ("", false),
                    ("无", false)
                ],
                vec![("行政处罚", true), ("3", false), ("4", false), ("", false)],
            ]
        );
        assert!(rows.iter().all(|r| r.problems.is_empty()));
        // A merge down into a narrower cell is a problem, not a guess.
        let bad = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc(&format!("{}{restart}", span(2)), "甲"),
            tc("", "乙"),
            tc(cont, ""),
            tc("", "1"),
        );
        let b = blocks(&doc(&bad)).unwrap();
        let DocBlock::Table { rows } = &b[0] else {
            panic!("{b:?}")
        };
        assert!(
            rows[1].problems[0].en.contains("cannot be resolved"),
            "{rows:?}"
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(blocks(b"<w:document><w:body><w:p></w:body>").is_err());
        assert!(matches!(
            read(b"PK\x03\x04garbage"),
            Err(DocxError::NotZip(_))
        ));
    }
}
