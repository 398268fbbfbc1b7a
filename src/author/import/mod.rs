//! `xxgk import`: a published report — a portal's HTML page, or its text as copied out of the
//! page — turned back into an input YAML file.
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
//! The files: `blocks` (the common intermediate), `html`, `docx` and `text` (sources → blocks),
//! `labels`, `figure`, `title` (reading what is printed), `place` and `rows` (blocks
//! placed into the report), `write` and `scalar` (the YAML text).

mod blocks;
mod docx;
mod figure;
mod html;
mod labels;
mod place;
mod rows;
mod scalar;
mod text;
mod title;
mod write;

use crate::diag::{Code, Diagnostic};
use crate::util::Span;
use blocks::{Block, Cell, Row, clean};
use labels::split_run_in_titles;
use place::Importer;
use std::path::Path;
use text::text_blocks;

/// What importing gives: the YAML text (always, as far as it could be made) and every problem.
#[derive(Clone, Debug)]
pub struct Imported {
    pub yaml: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Pages larger than this are refused (a report page is a few hundred kilobytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

pub use crate::input::load::CHECK_MARK;

/// Imports the file at `path` (HTML, text or a Word document, detected by content); `name` is how messages refer to it.
pub fn import_file(path: &Path, name: &str) -> Imported {
    let fail = |code: Code, span: Option<Span>, zh: String, en: String| Imported {
        yaml: String::new(),
        diagnostics: vec![Diagnostic::new(code, name, span, "", zh, en)],
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Code::Io,
                None,
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            );
        }
    };
    if bytes.len() > MAX_IMPORT_BYTES {
        return fail(
            Code::TooLarge,
            None,
            format!(
                "文件过大（{} 字节，上限 {} 字节）",
                bytes.len(),
                MAX_IMPORT_BYTES
            ),
            format!(
                "the file is too large ({} bytes, the limit is {})",
                bytes.len(),
                MAX_IMPORT_BYTES
            ),
        );
    }
    if bytes.starts_with(b"%PDF-") {
        return fail(
            Code::Io,
            None,
            "暂不支持导入 PDF：请导入网页（HTML）、Word 文档（.docx）或复制出的文本".into(),
            "PDF import is not supported yet: import the web page (HTML), the Word document (.docx) or its text".into(),
        );
    }
    if docx::is_zip(&bytes) {
        return match docx::read(&bytes) {
            Ok(doc) => import_blocks(docx_blocks(doc), name, "Word 文档"),
            Err(e) => {
                let code = if e.too_large() {
                    Code::TooLarge
                } else {
                    Code::Io
                };
                fail(code, None, e.zh(), e.to_string())
            }
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => import_text(s, name),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            fail(
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
    let is_html = looks_like_html(src);
    let blocks = split_run_in_titles(if is_html {
        html::blocks(src)
    } else {
        text_blocks(src)
    });
    let mut im = Importer {
        file: name,
        diags: Vec::new(),
        checks: 0,
    };
    let yaml = im.run(&blocks, is_html);
    Imported {
        yaml,
        diagnostics: im.diags,
    }
}

/// Imports blocks read from a document of some other kind (`kind` names it in the YAML's
/// first line).
fn import_blocks(blocks: Vec<Block>, name: &str, kind: &str) -> Imported {
    let blocks = split_run_in_titles(blocks);
    let mut im = Importer {
        file: name,
        diags: Vec::new(),
        checks: 0,
    };
    let yaml = im.run(&blocks, false);
    Imported {
        yaml: yaml.replacen("（文本）导入。", &format!("（{kind}）导入。"), 1),
        diagnostics: im.diags,
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

fn looks_like_html(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    let start = lower.trim_start();
    start.starts_with("<!doctype")
        || start.starts_with("<html")
        || start.starts_with("<?xml")
        || [
            "<html", "<body", "<table", "<p>", "<p ", "<div", "<h1", "<br", "<td",
        ]
        .iter()
        .any(|m| lower.contains(m))
}
