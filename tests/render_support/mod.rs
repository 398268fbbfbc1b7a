//! Shared by tests/render.rs and tests/build.rs: loading the sample reports, the external
//! tools (typst, pdftotext) and reading HTML back.
#![allow(dead_code)]

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;
use xxgk::render::{ReportView, Templates};

pub const CIXI: &str = "inputs/2020/cixi-transport.yaml";
pub const COUNTY_GOVERNMENT: &str = "inputs/2023/example-county-government.yaml";

/// A path below the crate root.
pub fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Loads a report, failing on any error.
pub fn load(rel: &str) -> xxgk::Report {
    let loaded = xxgk::input::load::load_file(&root(rel), rel);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == xxgk::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{rel} has errors: {errors:#?}");
    loaded.report.unwrap_or_else(|| panic!("{rel}: no report"))
}

/// Loads a report from YAML text, failing on any error.
pub fn load_str(src: &str) -> xxgk::Report {
    let loaded = xxgk::input::load::load_str(src, "t.yaml");
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == xxgk::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "errors: {errors:#?}");
    loaded.report.expect("a report")
}

/// Renders a report through the library with the default templates and the default fonts
/// (so that the output is the same on every machine).
pub fn render(report: &xxgk::Report, format: &str) -> String {
    let view = ReportView::new(report, xxgk::render::pdf::default_fonts());
    Templates::load(None)
        .expect("default templates load")
        .report(&view, format)
        .unwrap_or_else(|e| panic!("rendering {format}: {e}"))
}

/// `s` without any whitespace (ASCII, full-width space, line breaks).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The typst the build would use: `XXGK_TYPST` when set, else `typst` on PATH. PDF tests never
/// skip: without typst they fail, saying how to install it.
pub fn typst() -> PathBuf {
    let program = std::env::var_os("XXGK_TYPST")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("typst"));
    match Command::new(&program).arg("--version").output() {
        Ok(o) if o.status.success() => program,
        _ => panic!(
            "typst not found (tried `{}`): the PDF tests need it. Install it with `{}` \
             (or `make setup`), or point XXGK_TYPST at it",
            program.display(),
            xxgk::render::pdf::INSTALL_TYPST
        ),
    }
}

/// The text of a PDF, by `pdftotext` (poppler-utils), without the page-number lines (`— 2 —`)
/// that interrupt a paragraph running over a page break.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext not found ({e}): install poppler-utils (`make setup` does)")
        });
    assert!(
        out.status.success(),
        "pdftotext {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("pdftotext prints UTF-8");
    text.lines()
        .filter(|l| !is_page_number(l))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn is_page_number(line: &str) -> bool {
    let t = squash(line);
    let Some(inner) = t.strip_prefix('—').and_then(|t| t.strip_suffix('—')) else {
        return false;
    };
    !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// Whether the squashed text of a PDF holds a table cell's squashed text. pdftotext reads a
/// table line by line across the page, so the lines of a cell that wraps come interleaved
/// with those of its neighbours in the same row (`商业企科研机…业构`), and a merged cell that
/// runs over a page break resumes after the repeated header: the cell must then appear as a
/// subsequence, in order, within a short stretch of text.
pub fn pdf_has_cell(flat: &str, cell: &str) -> bool {
    if flat.contains(cell) {
        return true;
    }
    let hay: Vec<char> = flat.chars().collect();
    let needle: Vec<char> = cell.chars().collect();
    let Some(&first) = needle.first() else {
        return true;
    };
    let window = needle.len() * 4 + 400;
    (0..hay.len()).filter(|&i| hay[i] == first).any(|start| {
        let mut k = 1;
        let end = (start + window).min(hay.len());
        for &c in &hay[start + 1..end] {
            if k == needle.len() {
                break;
            }
            if c == needle[k] {
                k += 1;
            }
        }
        k == needle.len()
    })
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// An element's text content.
pub fn text(e: ElementRef) -> String {
    e.text().collect()
}

/// The table of the section whose heading is `title`.
pub fn section_table<'a>(doc: &'a Html, title: &str) -> ElementRef<'a> {
    let section = doc
        .select(&sel("section"))
        .find(|s| {
            s.select(&sel("h2"))
                .next()
                .is_some_and(|h| squash(&text(h)) == squash(title))
        })
        .unwrap_or_else(|| panic!("no section titled {title}"));
    let table_sel = sel("table");
    let mut tables = section.select(&table_sel);
    let table = tables
        .next()
        .unwrap_or_else(|| panic!("section {title} has no table"));
    assert!(tables.next().is_none(), "section {title} has one table");
    table
}

/// A table cell as parsed: text (whitespace removed), spans, tag.
#[derive(Clone, Debug)]
pub struct HtmlCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    pub th: bool,
    pub class: String,
}

/// The rows of a table (thead and tbody, in order), each a list of cells.
pub fn table_rows(table: ElementRef) -> Vec<Vec<HtmlCell>> {
    let span = |e: ElementRef, a: &str| -> usize {
        e.value().attr(a).map_or(1, |v| {
            v.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{a}=\"{v}\" is not a number"))
        })
    };
    table
        .select(&sel("tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| HtmlCell {
                    text: squash(&text(c)),
                    rowspan: span(c, "rowspan"),
                    colspan: span(c, "colspan"),
                    th: c.value().name() == "th",
                    class: c.value().attr("class").unwrap_or_default().to_string(),
                })
                .collect()
        })
        .collect()
}

/// Places every cell of `rows` on a grid `width` columns wide, resolving rowspan and colspan as
/// a browser does; fails unless the cells tile the rectangle exactly (no gap, no overlap, no
/// cell reaching past the right edge or the last row). Returns, for each grid position, the
/// (row, cell) covering it.
pub fn resolve(rows: &[Vec<HtmlCell>], width: usize) -> Vec<Vec<(usize, usize)>> {
    let mut at: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; width]; rows.len()];
    for (ri, row) in rows.iter().enumerate() {
        let mut c = 0;
        for (ci, cell) in row.iter().enumerate() {
            while c < width && at[ri][c].is_some() {
                c += 1;
            }
            assert!(
                cell.rowspan >= 1 && cell.colspan >= 1,
                "row {ri} cell {ci} ({}) has a zero span",
                cell.text
            );
            for dr in 0..cell.rowspan {
                for dc in 0..cell.colspan {
                    assert!(
                        ri + dr < rows.len(),
                        "row {ri} cell {ci} ({}) spans past the last row",
                        cell.text
                    );
                    assert!(
                        c + dc < width,
                        "row {ri} cell {ci} ({}) reaches past column {width}",
                        cell.text
                    );
                    let slot = &mut at[ri + dr][c + dc];
                    assert!(
                        slot.is_none(),
                        "row {ri} cell {ci} ({}) overlaps another cell",
                        cell.text
                    );
                    *slot = Some((ri, ci));
                }
            }
            c += cell.colspan;
        }
    }
    at.into_iter()
        .enumerate()
        .map(|(ri, r)| {
            r.into_iter()
                .enumerate()
                .map(|(c, s)| {
                    s.unwrap_or_else(|| panic!("row {ri} does not cover column {c} of {width}"))
                })
                .collect()
        })
        .collect()
}

/// The reference text of a published report: prose paragraphs (one a line) and tables
/// (cells one a line, tab-indented; a line without a tab right after a cell continues it).
#[derive(Debug, Default)]
pub struct Reference {
    pub paragraphs: Vec<String>,
    /// The tables in order, each its non-empty cells in order (a wrapped cell joined).
    pub tables: Vec<Vec<String>>,
}

pub fn parse_reference(src: &str) -> Reference {
    let mut r = Reference::default();
    let mut in_table = false;
    // Whether the previous line was a cell (so that a tab-less line continues it).
    let mut after_cell = false;
    for line in src.lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            if !in_table {
                r.tables.push(Vec::new());
                in_table = true;
            }
            let table = r.tables.last_mut().expect("a table");
            // Empty cells (covered by a span on the page) are pushed too, then dropped.
            table.push(cell.trim().to_string());
            after_cell = true;
            continue;
        }
        if line.trim().is_empty() {
            after_cell = false;
            continue;
        }
        if after_cell {
            let table = r.tables.last_mut().expect("a table");
            let last = table.last_mut().expect("a cell");
            last.push_str(line.trim());
            continue;
        }
        in_table = false;
        r.paragraphs.push(line.trim().to_string());
    }
    for t in &mut r.tables {
        t.retain(|c| !c.is_empty());
    }
    r
}
