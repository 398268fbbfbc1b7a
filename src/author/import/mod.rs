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

use crate::diag::{Code, Diagnostic};
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

fn failed(
    name: &str,
    kind: Kind,
    code: Code,
    span: Option<Span>,
    zh: String,
    en: String,
) -> Imported {
    Imported {
        yaml: String::new(),
        diagnostics: vec![Diagnostic::new(code, name, span, "", zh, en)],
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
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
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
        format!("文件过大（{size} 字节，上限 {MAX_IMPORT_BYTES} 字节）"),
        format!("the file is too large ({size} bytes, the limit is {MAX_IMPORT_BYTES})"),
    )
}

/// Imports a file's bytes, its kind told by its content.
pub fn import_bytes(bytes: &[u8], name: &str, tools: &Tools) -> Imported {
    let kind = kind::detect(bytes);
    match kind {
        Kind::Pdf => match pdf_source(bytes, tools) {
            Ok(blocks) => run(&blocks, name, kind),
            Err((code, zh, en)) => failed(name, kind, code, None, zh, en),
        },
        Kind::Html | Kind::Text => import_utf8(bytes, name),
        Kind::Docx => import_docx(bytes, name, kind),
        Kind::Doc => match doc_to_docx(bytes, tools) {
            Ok(docx) => import_docx(&docx, name, kind),
            Err((code, zh, en)) => failed(name, kind, code, None, zh, en),
        },
        Kind::Zip => {
            let (zh, en) = kind::unsupported(kind);
            failed(name, kind, Code::Unreadable, None, zh, en)
        }
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
            failed(name, kind, code, None, e.zh(), e.to_string())
        }
    }
}

/// A temporary file that could not be written.
fn io(e: std::io::Error) -> (Code, String, String) {
    (
        Code::Io,
        format!("无法写入临时文件：{e}"),
        format!("cannot write a temporary file: {e}"),
    )
}

/// A Word 97–2003 `.doc` (or `.wps`) as `.docx`, converted by LibreOffice in a private
/// temporary folder.
fn doc_to_docx(bytes: &[u8], tools: &Tools) -> Result<Vec<u8>, (Code, String, String)> {
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
        .map_err(|e| (Code::ToolFailed, e.zh, e.en))?;
    // soffice exits 0 even when it could not read the file: no output is the sign.
    std::fs::read(dir.path().join("out").join("in.docx")).map_err(|_| {
        (
            Code::Unreadable,
            "LibreOffice 无法把这个文件转换为 Word 文档（.docx）：文件可能已损坏或加密".into(),
            "LibreOffice could not convert the file to a Word document (.docx): it may be damaged or encrypted".into(),
        )
    })
}

/// A PDF's blocks, through `pdftotext -bbox-layout` in a private temporary folder.
fn pdf_source(bytes: &[u8], tools: &Tools) -> Result<Vec<Block>, (Code, String, String)> {
    let tool = |e: external::ToolError| (Code::ToolFailed, e.zh, e.en);
    let dir = tempfile::tempdir().map_err(io)?;
    std::fs::write(dir.path().join("in.pdf"), bytes).map_err(io)?;
    let args = ["-bbox-layout", "-enc", "UTF-8", "in.pdf", "out.html"];
    if let Err(e) = external::PDFTOTEXT.run(tools.pdftotext.as_deref(), dir.path(), &args) {
        let low = e.en.to_ascii_lowercase();
        if low.contains("password") || low.contains("encrypt") {
            return Err((
                Code::Unreadable,
                "PDF 已加密（需要密码才能打开），无法读取；请取得未加密的文件".into(),
                "the PDF is encrypted (it needs a password to open); get an unencrypted copy"
                    .into(),
            ));
        }
        if low.contains("syntax error") || low.contains("couldn't") || low.contains("damaged") {
            return Err((
                Code::Unreadable,
                format!("PDF 已损坏，无法读取：{}", e.zh),
                format!("the PDF is damaged and cannot be read: {}", e.en),
            ));
        }
        return Err(tool(e));
    }
    let xhtml = std::fs::read_to_string(dir.path().join("out.html")).map_err(io)?;
    let text = pdf::parse_bbox(&xhtml).map_err(|e| {
        (
            Code::Unreadable,
            format!("pdftotext 的输出无法解析：{e}"),
            format!("the output of pdftotext cannot be parsed: {e}"),
        )
    })?;
    if text.words == 0 {
        return Err((
            Code::NoTextLayer,
            format!(
                "这份 PDF（{} 页）没有文字层，只有图片（多半是扫描件）：需要先做文字识别（OCR，如 ocrmypdf -l chi_sim），再导入",
                text.heights.len()
            ),
            format!(
                "this PDF ({} pages) has no text layer, only images (probably scanned): it needs OCR first (such as ocrmypdf -l chi_sim), then import it",
                text.heights.len()
            ),
        ));
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
