//! `xxgk import`: a published report — a PDF, a portal's HTML page, or its text as copied out
//! of the page — turned back into an input YAML file. The kind is told by the content, not the
//! file name (`kind.rs`).
//!
//! The source is first reduced to a stream of blocks: lines of prose, and tables as rows of
//! cells (an HTML table's rowspan/colspan resolved into a matrix first). The title gives the
//! year and the agency, the six section titles cut the prose into sections, and every table row
//! is placed by its label, matched against the labels of [`crate::format`] with whitespace
//! removed; the edition is the one whose own labels the tables use. Printed totals are kept, so
//! that `xxgk check` reports any error of the published report. Whatever cannot be placed is a
//! diagnostic with its source line and a `# 待核对:` comment in the YAML: nothing is guessed
//! silently.
//!
//! The files: `blocks` (the common intermediate), `kind` (what a file is), `pdf` and
//! `pdf_table` (a PDF's text layer → blocks, through `external` programs), `docx` (a Word
//! document; a `.doc` converted to one by LibreOffice first), `html` and `text` (sources →
//! blocks),
//! `labels`, `figure`, `title` (reading what is printed), `place` and `rows` (blocks
//! placed into the report), `write` and `scalar` (the YAML text).

mod blocks;
mod docx;
mod external;
mod figure;
mod html;
mod kind;
mod labels;
mod pdf;
mod pdf_table;
mod place;
mod rows;
mod scalar;
mod text;
mod title;
mod write;

use crate::diag::{Code, Diagnostic, Msg, messages};
use crate::util::Span;
use blocks::{Block, Cell, Row, clean};
pub use external::Tools;
pub use kind::{Kind, locate};
use labels::split_run_in_titles;
pub use pdf::{PAGE_LINES, page_of};
use place::Importer;
use std::path::Path;
use text::text_blocks;

/// What importing gives: the YAML text (always, as far as it could be made) and every problem.
#[derive(Clone, Debug)]
pub struct Imported {
    pub yaml: String,
    pub diagnostics: Vec<Diagnostic>,
    /// What the file was found to be.
    pub kind: Kind,
    /// Where each placed table row came from: (YAML path, source line; for a PDF a line of
    /// [`PAGE_LINES`] per page, see [`page_of`]).
    pub sources: Vec<(String, usize)>,
}

/// Files larger than this are refused (a report is a few hundred kilobytes, a PDF of one with
/// pictures a few megabytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

pub use crate::input::load::{CHECK_MARK, FIGURE_MARK};

fn failed(name: &str, kind: Kind, code: Code, span: Option<Span>, msg: Msg) -> Imported {
    Imported {
        yaml: String::new(),
        diagnostics: vec![Diagnostic::msg(code, name, span, "", msg)],
        kind,
        sources: Vec::new(),
    }
}

/// The programs the command line names (`--pdftotext`, `--soffice`), set once at start.
static TOOLS: std::sync::OnceLock<Tools> = std::sync::OnceLock::new();

/// Sets the programs every import of this run uses (the first call wins).
pub fn set_default_tools(tools: Tools) {
    let _ = TOOLS.set(tools);
}

/// The programs set by [`set_default_tools`], else those of the environment and PATH.
pub fn default_tools() -> Tools {
    TOOLS.get().cloned().unwrap_or_default()
}

/// Imports the file at `path`, its kind told by its content; `name` is how messages refer to
/// it. External programs as [`default_tools`] gives them.
pub fn import_file(path: &Path, name: &str) -> Imported {
    import_file_with(path, name, &default_tools())
}

/// [`import_file`] with the external programs given.
pub fn import_file_with(path: &Path, name: &str, tools: &Tools) -> Imported {
    let io = |e: std::io::Error| {
        failed(
            name,
            Kind::Text,
            Code::Io,
            None,
            messages::import_cannot_read(&e),
        )
    };
    // The size is checked before reading: a 200 MB file is refused without reading it.
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return io(e),
    };
    if size > MAX_IMPORT_BYTES as u64 {
        return too_large(name, size);
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(f, MAX_IMPORT_BYTES as u64 + 1),
            &mut bytes,
        )
    });
    if let Err(e) = read {
        return io(e);
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return too_large(name, bytes.len() as u64);
    }
    import_bytes(&bytes, name, tools)
}

fn too_large(name: &str, size: u64) -> Imported {
    failed(
        name,
        Kind::Text,
        Code::TooLarge,
        None,
        messages::import_too_large(size, MAX_IMPORT_BYTES),
    )
}

/// Imports a file's bytes, its kind told by its content.
pub fn import_bytes(bytes: &[u8], name: &str, tools: &Tools) -> Imported {
    let kind = kind::detect(bytes);
    match kind {
        Kind::Pdf => match pdf_source(bytes, tools) {
            Ok(blocks) => run(&blocks, name, kind),
            Err((code, msg)) => failed(name, kind, code, None, msg),
        },
        Kind::Html | Kind::Text => import_utf8(bytes, name),
        Kind::Docx => import_docx(bytes, name, kind),
        Kind::Doc => match doc_to_docx(bytes, tools) {
            Ok(docx) => import_docx(&docx, name, kind),
            Err((code, msg)) => failed(name, kind, code, None, msg),
        },
        Kind::Zip => failed(name, kind, Code::Unreadable, None, messages::zip_not_word()),
    }
}

fn import_docx(bytes: &[u8], name: &str, kind: Kind) -> Imported {
    match docx::read(bytes) {
        Ok(doc) => run(&docx_blocks(doc), name, kind),
        Err(e) => {
            let code = if e.too_large() {
                Code::TooLarge
            } else {
                Code::Unreadable
            };
            failed(name, kind, code, None, e.msg())
        }
    }
}

/// A temporary file that could not be written.
fn io(e: std::io::Error) -> (Code, Msg) {
    (Code::Io, messages::temp_file_unwritable(&e))
}

/// A Word 97–2003 `.doc` (or `.wps`) as `.docx`, converted by LibreOffice in a private
/// temporary folder.
fn doc_to_docx(bytes: &[u8], tools: &Tools) -> Result<Vec<u8>, (Code, Msg)> {
    let dir = tempfile::tempdir().map_err(io)?;
    std::fs::write(dir.path().join("in.doc"), bytes).map_err(io)?;
    let args = [
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        "out",
        "in.doc",
    ];
    external::SOFFICE
        .run(tools.soffice.as_deref(), dir.path(), &args)
        .map_err(|e| (Code::ToolFailed, e))?;
    // soffice exits 0 even when it could not read the file: no output is the sign.
    std::fs::read(dir.path().join("out").join("in.docx"))
        .map_err(|_| (Code::Unreadable, messages::doc_not_converted()))
}

/// A PDF's blocks, through `pdftotext -bbox-layout` in a private temporary folder.
fn pdf_source(bytes: &[u8], tools: &Tools) -> Result<Vec<Block>, (Code, Msg)> {
    let dir = tempfile::tempdir().map_err(io)?;
    std::fs::write(dir.path().join("in.pdf"), bytes).map_err(io)?;
    let args = ["-bbox-layout", "-enc", "UTF-8", "in.pdf", "out.html"];
    if let Err(e) = external::PDFTOTEXT.run(tools.pdftotext.as_deref(), dir.path(), &args) {
        let low = e.en.to_ascii_lowercase();
        if low.contains("password") || low.contains("encrypt") {
            return Err((Code::Unreadable, messages::pdf_encrypted()));
        }
        if low.contains("syntax error") || low.contains("couldn't") || low.contains("damaged") {
            return Err((Code::Unreadable, messages::pdf_damaged(&e)));
        }
        return Err((Code::ToolFailed, e));
    }
    let xhtml = std::fs::read_to_string(dir.path().join("out.html")).map_err(io)?;
    let text = pdf::parse_bbox(&xhtml)
        .map_err(|e| (Code::Unreadable, messages::pdftotext_unparsable(&e)))?;
    if text.words == 0 {
        return Err((Code::NoTextLayer, messages::pdf_no_text(text.heights.len())));
    }
    Ok(pdf::pdf_blocks(text))
}

fn import_utf8(bytes: &[u8], name: &str) -> Imported {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => import_text(s, name),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            failed(
                name,
                Kind::Text,
                Code::NotUtf8,
                Some(Span::point(line, col)),
                messages::page_not_utf8(line, col, name),
            )
        }
    }
}

/// Imports a report from its text: HTML when it looks like HTML, else the flattened text form
/// (table cells one per line, tab-indented; a blank line ends a row).
pub fn import_text(src: &str, name: &str) -> Imported {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if kind::looks_like_html(src) {
        run(&html::blocks(src), name, Kind::Html)
    } else {
        run(&text_blocks(src), name, Kind::Text)
    }
}

/// Places the blocks of any kind of source.
fn run(blocks: &[Block], name: &str, kind: Kind) -> Imported {
    let blocks = split_run_in_titles(blocks.to_vec());
    let pdf = kind == Kind::Pdf;
    let mut im = Importer {
        file: name,
        diags: Vec::new(),
        checks: 0,
        kind: kind.label_zh(),
        pdf,
        sources: Vec::new(),
    };
    let yaml = im.run(&blocks, kind == Kind::Html);
    let mut diagnostics = im.diags;
    for d in &mut diagnostics {
        if let Some(sp) = d.span {
            kind::locate(kind, d, sp.line);
        }
    }
    Imported {
        yaml,
        diagnostics,
        kind,
        sources: im.sources,
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
