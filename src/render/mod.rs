//! From a report to the prepared view the templates draw, and the templates themselves.
//!
//! Templates stay dumb: each table arrives as a grid of cells (text, rowspan, colspan, header or
//! figure) built from the edition description, and one macro per format draws any grid.

pub mod docx;
pub mod draw;
pub mod escape;
pub mod formats;
pub mod json;
pub mod pdf;

pub use escape::{html_text, md_cell, md_escape, typst_markup, typst_string};

use crate::format::{
    self, AppRowRole, PROACTIVE_CONTENT_HEADER, PROACTIVE_GRID_COLUMNS, SECTION_TITLES,
};
use crate::report::{Cell, Paragraph, Report, Text};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// What made the outputs, as they say so (`<meta name="generator">`, the open data).
pub const GENERATOR: &str = concat!("xxgk ", env!("CARGO_PKG_VERSION"));

/// Where a cell sits in the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellRole {
    /// A column header.
    Head,
    /// A row label.
    Label,
    /// A figure.
    Figure,
    /// The explanatory note in table 三's corner, and the 第二十条 lines of table 二.
    Note,
}

#[derive(Clone, Debug, Serialize)]
pub struct GridCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    pub role: CellRole,
    /// A header cell (a column header or a row label), as opposed to a figure or a note.
    pub header: bool,
    /// `col`, `colgroup`, `row` or `rowgroup` for header cells (HTML `scope`).
    pub scope: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A line spanning the whole table (`第二十条第（一）项`).
    Section,
    Header,
    Body,
}

#[derive(Clone, Debug, Serialize)]
pub struct GridRow {
    pub kind: RowKind,
    pub cells: Vec<GridCell>,
}

/// A table as a grid: `columns` wide; the first `head_rows` rows repeat on every page.
#[derive(Clone, Debug, Serialize)]
pub struct Grid {
    pub id: &'static str,
    pub columns: usize,
    pub head_rows: usize,
    /// How many leading columns of body rows are labels.
    pub label_columns: usize,
    /// Relative column widths (for Typst and HTML colgroups), summing to about 100.
    pub widths: Vec<u32>,
    pub rows: Vec<GridRow>,
}

fn cell(text: impl Into<String>, role: CellRole) -> GridCell {
    GridCell {
        text: text.into(),
        rowspan: 1,
        colspan: 1,
        role,
        header: matches!(role, CellRole::Head | CellRole::Label),
        scope: None,
    }
}

impl GridCell {
    fn scope(mut self, scope: &'static str) -> Self {
        self.scope = Some(scope);
        self
    }

    fn span(mut self, rowspan: usize, colspan: usize) -> Self {
        self.rowspan = rowspan;
        self.colspan = colspan;
        self.scope = match self.role {
            CellRole::Head if colspan > 1 => Some("colgroup"),
            CellRole::Head => Some("col"),
            CellRole::Label if rowspan > 1 => Some("rowgroup"),
            CellRole::Label => Some("row"),
            _ => None,
        };
        self
    }
}

fn head(text: &str) -> GridCell {
    cell(text, CellRole::Head).span(1, 1)
}
fn label(text: &str) -> GridCell {
    cell(text, CellRole::Label).span(1, 1)
}
fn figure(text: String) -> GridCell {
    cell(text, CellRole::Figure)
}

/// A figure of table 二 as printed: `363.62万元`, `4（其中一件失效）`, `+1`.
pub fn proactive_text(c: &Cell, unit: Option<&str>) -> String {
    let mut s = c.value.display();
    if let Some(u) = unit {
        s.push_str(u);
    }
    if let Some(n) = &c.note {
        s.push_str(&format!("（{n}）"));
    }
    s
}

/// Table 二: one 4-column grid, each block opening with its 第二十条 line and header row.
pub fn proactive_grid(r: &Report) -> Grid {
    let mut rows = Vec::new();
    let mut i = 0;
    for block in r.edition.proactive() {
        rows.push(GridRow {
            kind: RowKind::Section,
            cells: vec![cell(block.item, CellRole::Note).span(1, PROACTIVE_GRID_COLUMNS)],
        });
        let n = block.columns.len();
        // Fewer columns than the grid: the last one spans the rest.
        let last_span = PROACTIVE_GRID_COLUMNS - n;
        let mut header = vec![head(PROACTIVE_CONTENT_HEADER)];
        for (ci, c) in block.columns.iter().enumerate() {
            let span = if ci + 1 == n { last_span } else { 1 };
            // One logical column, however many grid columns it covers.
            header.push(cell(c.label, CellRole::Head).span(1, span).scope("col"));
        }
        rows.push(GridRow {
            kind: RowKind::Header,
            cells: header,
        });
        for row in block.rows {
            let mut cells = vec![label(row.label)];
            for (ci, (c, col)) in r.proactive[i].iter().zip(block.columns).enumerate() {
                let span = if ci + 1 == n { last_span } else { 1 };
                cells.push(figure(proactive_text(c, col.unit_in_cell)).span(1, span));
            }
            rows.push(GridRow {
                kind: RowKind::Body,
                cells,
            });
            i += 1;
        }
    }
    Grid {
        id: "proactive",
        columns: 4,
        head_rows: 0,
        label_columns: 1,
        widths: vec![31, 23, 23, 23],
        rows,
    }
}

/// Table 三: 10 grid columns, three header rows, the 3×3 note cell.
pub fn applications_grid(r: &Report) -> Grid {
    let apps = &r.applications;
    let mut rows = Vec::new();
    rows.push(GridRow {
        kind: RowKind::Header,
        cells: vec![
            cell(format::APPLICATION_NOTE, CellRole::Note).span(3, 3),
            cell(format::APPLICANT_HEADER, CellRole::Head).span(1, 7),
        ],
    });
    rows.push(GridRow {
        kind: RowKind::Header,
        cells: vec![
            cell(format::APPLICANT_COLUMNS[0].1, CellRole::Head).span(2, 1),
            cell(format::LEGAL_PERSON_GROUP, CellRole::Head).span(1, 5),
            cell(format::TOTAL_LABEL, CellRole::Head).span(2, 1),
        ],
    });
    rows.push(GridRow {
        kind: RowKind::Header,
        cells: format::APPLICANT_COLUMNS[1..]
            .iter()
            .map(|c| head(c.1))
            .collect(),
    });

    let descs = r.edition.application_rows();
    let results_rows = descs.iter().filter(|d| d.role != AppRowRole::Top).count();
    let mut seen_results = false;
    let mut seen_groups: Vec<&str> = Vec::new();
    for (desc, data) in apps.rows() {
        let mut cells = Vec::new();
        match desc.role {
            AppRowRole::Top => cells.push(cell(desc.label, CellRole::Label).span(1, 3)),
            _ => {
                if !seen_results {
                    seen_results = true;
                    cells.push(cell(format::RESULTS_GROUP, CellRole::Label).span(results_rows, 1));
                }
                match desc.group {
                    Some(g) => {
                        if !seen_groups.contains(&g) {
                            seen_groups.push(g);
                            let n = descs.iter().filter(|d| d.group == Some(g)).count();
                            cells.push(cell(g, CellRole::Label).span(n, 1));
                        }
                        cells.push(label(desc.label));
                    }
                    None => cells.push(cell(desc.label, CellRole::Label).span(1, 2)),
                }
            }
        }
        for v in apps.printed(desc, data) {
            cells.push(figure(v.to_string()));
        }
        rows.push(GridRow {
            kind: RowKind::Body,
            cells,
        });
    }
    Grid {
        id: "applications",
        columns: 10,
        head_rows: 3,
        label_columns: 3,
        widths: vec![6, 7, 17, 10, 10, 10, 10, 10, 10, 10],
        rows,
    }
}

/// Table 四: 15 figure columns under a three-row header.
pub fn outcomes_grid(r: &Report) -> Grid {
    let outcome_heads = |rowspan: usize| -> Vec<GridCell> {
        format::OUTCOME_COLUMNS
            .iter()
            .map(|c| cell(c.1, CellRole::Head).span(rowspan, 1))
            .collect()
    };
    let [_, direct, after] = &format::OUTCOME_ROWS;
    let mut row2 = outcome_heads(2);
    row2.push(cell(direct.label.unwrap_or_default(), CellRole::Head).span(1, 5));
    row2.push(cell(after.label.unwrap_or_default(), CellRole::Head).span(1, 5));
    let mut row3 = outcome_heads(1);
    row3.extend(outcome_heads(1));
    let figures: Vec<GridCell> = r
        .outcomes()
        .iter()
        .flat_map(|o| o.figures())
        .map(|v| figure(v.to_string()))
        .collect();
    Grid {
        id: "outcomes",
        columns: 15,
        head_rows: 3,
        label_columns: 0,
        // 100 % over 15 columns: each 总计 a little narrower.
        widths: [7, 7, 7, 7, 6].repeat(3),
        rows: vec![
            GridRow {
                kind: RowKind::Header,
                cells: vec![
                    cell(format::RECONSIDERATION_LABEL, CellRole::Head).span(1, 5),
                    cell(format::LITIGATION_LABEL, CellRole::Head).span(1, 10),
                ],
            },
            GridRow {
                kind: RowKind::Header,
                cells: row2,
            },
            GridRow {
                kind: RowKind::Header,
                cells: row3,
            },
            GridRow {
                kind: RowKind::Body,
                cells: figures,
            },
        ],
    }
}

/// The grid with every span resolved: `at[r][c]` is the (row, index) of the cell covering it.
/// Errors say where the layout does not tile the rectangle.
pub fn resolve(grid: &Grid) -> Result<Vec<Vec<(usize, usize)>>, String> {
    let mut at: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; grid.columns]; grid.rows.len()];
    for (ri, row) in grid.rows.iter().enumerate() {
        let mut c = 0;
        for (ci, cell) in row.cells.iter().enumerate() {
            while c < grid.columns && at[ri][c].is_some() {
                c += 1;
            }
            for dr in 0..cell.rowspan {
                for dc in 0..cell.colspan {
                    let slot =
                        at.get_mut(ri + dr)
                            .and_then(|r| r.get_mut(c + dc))
                            .ok_or(format!(
                                "{}: cell {ci} of row {ri} reaches outside the grid",
                                grid.id
                            ))?;
                    if slot.is_some() {
                        return Err(format!(
                            "{}: cell {ci} of row {ri} overlaps another",
                            grid.id
                        ));
                    }
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
                .collect::<Option<Vec<_>>>()
                .ok_or(format!("{}: row {ri} is not full", grid.id))
        })
        .collect()
}

/// A table flattened for Markdown: combined headers, full row labels, one cell per figure.
#[derive(Clone, Debug, Serialize)]
pub struct FlatTable {
    pub caption: Option<String>,
    /// Whether the first column holds row labels (left-aligned) rather than figures.
    pub labelled: bool,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Splits a title line longer than `max` characters before `政府信息公开…` (or `信息公开…`),
/// where printed titles break, when both halves then fit.
pub(crate) fn split_title_line(line: &str, max: usize) -> Vec<String> {
    let len = line.chars().count();
    if len <= max {
        return vec![line.to_string()];
    }
    for tail in ["政府信息公开", "信息公开"] {
        if let Some(i) = line.rfind(tail) {
            let (a, b) = line.split_at(i);
            if !a.is_empty() && a.chars().count() <= max && b.chars().count() <= max {
                return vec![a.to_string(), b.to_string()];
            }
        }
    }
    vec![line.to_string()]
}

/// Joins label parts: `三、本年度办理结果` + `（三）不予公开` + `1.属于国家秘密` →
/// `三、本年度办理结果（三）不予公开 1.属于国家秘密`.
fn join_labels(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && p.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Flattens a grid for formats without merged cells: one table per `Section` row.
pub fn flatten(grid: &Grid) -> Vec<FlatTable> {
    let Ok(at) = resolve(grid) else {
        return Vec::new();
    };
    let text = |(r, i): (usize, usize)| grid.rows[r].cells[i].text.as_str();
    // Segments: a run of rows between Section rows.
    let mut segments: Vec<(Option<String>, Vec<usize>)> = vec![(None, Vec::new())];
    for (ri, row) in grid.rows.iter().enumerate() {
        if row.kind == RowKind::Section {
            segments.push((Some(row.cells[0].text.clone()), Vec::new()));
        } else {
            segments.last_mut().expect("a segment").1.push(ri);
        }
    }
    let mut out = Vec::new();
    for (caption, rows) in segments {
        if rows.is_empty() {
            continue;
        }
        // Columns covered by the same cells in every row are one column.
        let mut keep: Vec<usize> = Vec::new();
        for c in 0..grid.columns {
            let same = keep
                .last()
                .is_some_and(|&p| rows.iter().all(|&r| at[r][p] == at[r][c]));
            if !same {
                keep.push(c);
            }
        }
        let heads: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| grid.rows[r].kind == RowKind::Header)
            .collect();
        let bodies: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| grid.rows[r].kind == RowKind::Body)
            .collect();
        let labels = grid.label_columns;
        let label_cols: Vec<usize> = keep.iter().copied().filter(|&c| c < labels).collect();
        let mut header = Vec::new();
        if !label_cols.is_empty() {
            let mut parts: Vec<&str> = Vec::new();
            for &r in &heads {
                let t = text(at[r][0]);
                if !parts.contains(&t) {
                    parts.push(t);
                }
            }
            header.push(parts.join("·"));
        }
        for &c in keep.iter().filter(|&&c| c >= labels) {
            let mut parts: Vec<&str> = Vec::new();
            for &r in &heads {
                let t = text(at[r][c]);
                if !parts.contains(&t) {
                    parts.push(t);
                }
            }
            header.push(parts.join("·"));
        }
        let mut body = Vec::new();
        for &r in &bodies {
            let mut line = Vec::new();
            if labels > 0 {
                let mut parts: Vec<&str> = Vec::new();
                for &slot in &at[r][..labels] {
                    let t = text(slot);
                    if !parts.contains(&t) {
                        parts.push(t);
                    }
                }
                line.push(join_labels(&parts));
            }
            for &c in keep.iter().filter(|&&c| c >= labels) {
                line.push(text(at[r][c]).to_string());
            }
            body.push(line);
        }
        out.push(FlatTable {
            caption,
            labelled: labels > 0,
            header,
            rows: body,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The report view

#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    pub title: &'static str,
    pub paragraphs: Vec<Paragraph>,
    pub table: Option<Grid>,
    pub flat: Vec<FlatTable>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateView {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fonts {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub heading: Vec<String>,
    pub kai: Vec<String>,
}

/// Everything a template needs, prepared.
#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub title: String,
    /// The title split at its line breaks.
    pub title_lines: Vec<String>,
    /// The title as set on the printed page (22 pt, 20 characters a line): a line too long
    /// for one is split before its 政府信息公开… tail rather than wherever it overflows.
    pub title_print_lines: Vec<String>,
    pub agency: String,
    pub year: i32,
    pub edition: &'static str,
    pub edition_notice: &'static str,
    pub preface: Vec<Paragraph>,
    pub sections: Vec<SectionView>,
    /// The sign-off date (`2023年1月18日`), when `published` is given.
    pub published: Option<String>,
    pub published_iso: Option<String>,
    /// The document's date: `published`, or 31 December of the year.
    pub date: DateView,
    pub generator: String,
    pub fonts: Fonts,
}

fn paragraphs(t: &Text) -> Vec<Paragraph> {
    t.paragraphs()
}

impl ReportView {
    pub fn new(r: &Report, fonts: Fonts) -> ReportView {
        let title = r.title();
        let table = |g: Grid| {
            let flat = flatten(&g);
            (Some(g), flat)
        };
        let (t2, f2) = table(proactive_grid(r));
        let (t3, f3) = table(applications_grid(r));
        let (t4, f4) = table(outcomes_grid(r));
        let section = |i: usize,
                       paragraphs: Vec<Paragraph>,
                       table: Option<Grid>,
                       flat: Vec<FlatTable>| SectionView {
            title: SECTION_TITLES[i],
            paragraphs,
            table,
            flat,
        };
        let title_lines: Vec<String> = title
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        ReportView {
            title_print_lines: title_lines
                .iter()
                .flat_map(|l| split_title_line(l, 20))
                .collect(),
            title_lines,
            title,
            agency: r.agency.clone(),
            year: r.year,
            edition: r.edition.key(),
            edition_notice: r.edition.notice(),
            preface: r.preface.as_ref().map(paragraphs).unwrap_or_default(),
            sections: vec![
                section(0, paragraphs(&r.overview), None, Vec::new()),
                section(1, Vec::new(), t2, f2),
                section(2, Vec::new(), t3, f3),
                section(3, Vec::new(), t4, f4),
                section(4, paragraphs(&r.problems), None, Vec::new()),
                section(5, paragraphs(&r.other_matters), None, Vec::new()),
            ],
            published: r.published.map(|d| d.chinese()),
            published_iso: r.published.map(|d| d.to_string()),
            date: {
                let d = r.date_for_metadata();
                DateView {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                }
            },
            generator: GENERATOR.to_string(),
            fonts,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Templates

/// The default templates, embedded in the binary; `--templates DIR` overrides them by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "report.md.tera",
        include_str!("../../templates/report.md.tera"),
    ),
    (
        "report.html.tera",
        include_str!("../../templates/report.html.tera"),
    ),
    (
        "report.typ.tera",
        include_str!("../../templates/report.typ.tera"),
    ),
    (
        "index.html.tera",
        include_str!("../../templates/index.html.tera"),
    ),
    (
        "index-entry.html.tera",
        include_str!("../../templates/index-entry.html.tera"),
    ),
    (
        "macros.md.tera",
        include_str!("../../templates/macros.md.tera"),
    ),
    (
        "macros.html.tera",
        include_str!("../../templates/macros.html.tera"),
    ),
    (
        "macros.typ.tera",
        include_str!("../../templates/macros.typ.tera"),
    ),
    (
        "style.css.tera",
        include_str!("../../templates/style.css.tera"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("cannot read templates from {dir}: {source}")]
    Io { dir: String, source: std::io::Error },
}

fn tera_error(name: &str, e: tera::Error) -> RenderError {
    // Tera nests the useful part in `source`.
    let mut message = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        message.push_str(": ");
        message.push_str(&s.to_string());
        src = s.source();
    }
    RenderError::Template {
        name: name.to_string(),
        message,
    }
}

/// The template set: the defaults, overridden by any file of the same name in `dir`.
pub struct Templates {
    tera: tera::Tera,
    /// The stylesheet, rendered once.
    css: String,
    /// A fingerprint of the templates' text (for incremental builds and provenance).
    pub digest: String,
}

impl Templates {
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|source| RenderError::Io {
                dir: dir.display().to_string(),
                source,
            })?;
            for entry in entries {
                let entry = entry.map_err(|source| RenderError::Io {
                    dir: dir.display().to_string(),
                    source,
                })?;
                let name = entry.file_name().to_string_lossy().to_string();
                if !name.ends_with(".tera") {
                    continue;
                }
                let text =
                    std::fs::read_to_string(entry.path()).map_err(|source| RenderError::Io {
                        dir: dir.display().to_string(),
                        source,
                    })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut tera = tera::Tera::default();
        // HTML templates escape every value unless told otherwise; the others use the filters.
        tera.autoescape_on(vec![".html.tera"]);
        tera.register_filter("md", filter(md_escape));
        tera.register_filter("md_cell", filter(md_cell));
        tera.register_filter("typ", filter(typst_markup));
        tera.register_filter("typ_str", filter(typst_string));
        crate::render::draw::register(&mut tera);
        tera.register_filter(
            "json_str",
            filter(|s| serde_json::to_string(s).unwrap_or_default()),
        );
        sources.sort();
        let digest = crate::util::digest::hex(
            sources
                .iter()
                .flat_map(|(n, s)| [n.as_bytes(), s.as_bytes()]),
        );
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| {
                tera_error(
                    &dir.map_or("(built-in templates)".to_string(), |d| {
                        d.display().to_string()
                    }),
                    e,
                )
            })?;
        let css = tera
            .render("style.css.tera", &tera::Context::new())
            .map_err(|e| tera_error("style.css.tera", e))?;
        Ok(Templates { tera, css, digest })
    }

    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, RenderError> {
        self.tera.render(name, ctx).map_err(|e| tera_error(name, e))
    }

    /// Renders a report in one format (`md`, `html`, `typ`).
    pub fn report(&self, view: &ReportView, format: &str) -> Result<String, RenderError> {
        self.report_in(&self.context(view)?, format)
    }

    /// The template context of a report, made once and used for every format (turning the
    /// view into template values is a good part of the cost of rendering).
    pub fn context(&self, view: &ReportView) -> Result<tera::Context, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert("r", view);
        ctx.insert("css", &self.css);
        Ok(ctx)
    }

    /// Renders a report in one format from its [`Templates::context`].
    pub fn report_in(&self, ctx: &tera::Context, format: &str) -> Result<String, RenderError> {
        self.render(&format!("report.{format}.tera"), ctx)
    }
}

fn filter(f: impl Fn(&str) -> String + Send + Sync + 'static) -> impl tera::Filter {
    move |v: &tera::Value, _: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        let s = match v {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => String::new(),
            other => other.to_string(),
        };
        Ok(tera::Value::String(f(&s)))
    }
}

/// Writes the default templates into `dir` for editing (never overwriting a file).
pub fn eject(dir: &Path, force: bool) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        if path.exists() && !force {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} exists (use --force to overwrite)", path.display()),
            ));
        }
        crate::util::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_break_before_the_report_name() {
        assert_eq!(
            split_title_line("示例县人民政府2023年政府信息公开工作年度报告", 20),
            ["示例县人民政府2023年", "政府信息公开工作年度报告"]
        );
        assert_eq!(
            split_title_line("2020年慈溪市交通运输局信息公开工作年度报告", 20),
            ["2020年慈溪市交通运输局", "信息公开工作年度报告"]
        );
        assert_eq!(split_title_line("短标题", 20), ["短标题"]);
    }

    #[test]
    fn join_labels_spaces_before_item_numbers() {
        assert_eq!(
            join_labels(&["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]),
            "三、本年度办理结果（三）不予公开 1.属于国家秘密"
        );
    }
}
