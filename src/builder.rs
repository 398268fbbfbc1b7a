//! `xxgk build`: check every input, then render the reports that have no errors.

use crate::diag::{Diagnostic, Levels};
use crate::edition::{self, OUTCOME_ROWS};
use crate::inputs::{self, Checked, Input};
use crate::model::Report;
use crate::output;
use crate::pdf::{self, PdfError, Typst};
use crate::render::{self, ReportView, Templates};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Md,
    Html,
    Typ,
    Pdf,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Html,
        Format::Typ,
        Format::Pdf,
        Format::Json,
    ];
    pub const DEFAULT: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Typ => "typ",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == s)
    }
}

#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub templates: Option<PathBuf>,
    pub jobs: usize,
    pub typst: Option<PathBuf>,
    pub font_paths: Vec<PathBuf>,
    pub typst_timeout: std::time::Duration,
    pub levels: Levels,
}

/// A problem that stopped one report (or the PDFs of all) from being built.
#[derive(Debug, Clone)]
pub struct Failure {
    pub file: String,
    pub message: String,
}

/// What a build did.
pub struct BuildResult {
    pub checked_files: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Reports written: the input and the files written for it.
    pub built: Vec<(String, Vec<PathBuf>)>,
    /// Reports not built because they have errors.
    pub skipped: Vec<String>,
    pub failures: Vec<Failure>,
    /// typst's warnings, by report.
    pub notes: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The files written for a report and typst's warnings, or why it failed.
type JobResult = Result<(Vec<PathBuf>, String), Failure>;

struct Job<'a> {
    input: &'a Input,
    report: &'a Report,
}

/// Runs a build.
pub fn build(paths: &[PathBuf], opts: &BuildOptions) -> Result<BuildResult, BuildError> {
    let templates = Templates::load(opts.templates.as_deref())?;
    let (found, found_diags) = inputs::discover(paths);
    let checked_files = found.len();
    let Checked {
        reports,
        diagnostics,
    } = inputs::check_all(found, &opts.levels);
    let mut diagnostics = diagnostics;
    diagnostics.splice(0..0, opts.levels.apply(found_diags));

    let mut failures = Vec::new();
    let wants_pdf = opts.formats.contains(&Format::Pdf);
    // typst and its fonts: found once. Without typst the .typ still names every stand-in.
    let (typst, fonts) = if wants_pdf || opts.formats.contains(&Format::Typ) {
        match Typst::locate(opts.typst.as_deref(), opts.font_paths.clone()) {
            Ok(mut t) => {
                t.timeout = opts.typst_timeout;
                match t.fonts().and_then(|f| pdf::choose_fonts(&f)) {
                    Ok(f) => (Some(t), f),
                    Err(e) => {
                        if wants_pdf {
                            failures.push(Failure {
                                file: "(pdf)".into(),
                                message: e.to_string(),
                            });
                        }
                        (None, pdf::default_fonts())
                    }
                }
            }
            Err(e) => {
                if wants_pdf {
                    failures.push(Failure {
                        file: "(pdf)".into(),
                        message: e.to_string(),
                    });
                }
                (None, pdf::default_fonts())
            }
        }
    } else {
        (None, pdf::default_fonts())
    };

    let mut skipped = Vec::new();
    let mut jobs = Vec::new();
    for (input, report) in &reports {
        let has_errors = diagnostics
            .iter()
            .any(|d| d.file == input.name && d.severity == crate::Severity::Error);
        match report {
            Some(r) if !has_errors => jobs.push(Job { input, report: r }),
            _ => skipped.push(input.name.clone()),
        }
    }

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, JobResult)>> = Mutex::new(Vec::new());
    let workers = opts.jobs.max(1).min(jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    let r = build_one(job, opts, &templates, typst.as_ref(), &fonts);
                    results.lock().expect("results lock").push((i, r));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results lock");
    results.sort_by_key(|(i, _)| *i);

    let mut built = Vec::new();
    let mut notes = Vec::new();
    for (i, r) in results {
        match r {
            Ok((files, warnings)) => {
                if !warnings.is_empty() {
                    notes.push((jobs[i].input.name.clone(), warnings));
                }
                built.push((jobs[i].input.name.clone(), files));
            }
            Err(f) => failures.push(f),
        }
    }

    // The index lists every report built into this folder, by year and agency.
    if !built.is_empty() {
        let html = index(&jobs, &built, opts, &templates)?;
        let path = opts.out.join("index.html");
        output::write_atomic(&path, html.as_bytes()).map_err(|source| BuildError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(BuildResult {
        checked_files,
        diagnostics,
        built,
        skipped,
        failures,
        notes,
    })
}

fn build_one(
    job: &Job,
    opts: &BuildOptions,
    templates: &Templates,
    typst: Option<&Typst>,
    fonts: &render::Fonts,
) -> JobResult {
    let fail = |message: String| Failure {
        file: job.input.name.clone(),
        message,
    };
    let base = output::under(&opts.out, &job.input.rel).ok_or_else(|| {
        fail("输出路径不在输出目录内 | the output path would leave the output folder".into())
    })?;
    let view = ReportView::new(job.report, fonts.clone());
    // Everything is rendered in memory first: a report that fails leaves no file behind.
    let mut files: Vec<(Format, Vec<u8>)> = Vec::new();
    let mut typ_source = None;
    let mut warnings = String::new();
    for f in &opts.formats {
        let bytes = match f {
            Format::Md | Format::Html => templates
                .report(&view, f.ext())
                .map_err(|e| fail(e.to_string()))?
                .into_bytes(),
            Format::Typ | Format::Pdf => {
                if typ_source.is_none() {
                    typ_source = Some(
                        templates
                            .report(&view, "typ")
                            .map_err(|e| fail(e.to_string()))?,
                    );
                }
                let src = typ_source.as_ref().expect("typ source");
                if *f == Format::Typ {
                    src.clone().into_bytes()
                } else {
                    let Some(t) = typst else { continue };
                    let (pdf, w) = t
                        .compile(src, job.report.date_for_metadata())
                        .map_err(|e: PdfError| fail(e.to_string()))?;
                    warnings = w;
                    pdf
                }
            }
            Format::Json => open_data(job.report).into_bytes(),
        };
        files.push((*f, bytes));
    }
    let mut written = Vec::new();
    for (f, bytes) in files {
        let path = base.with_extension(f.ext());
        output::write_atomic(&path, &bytes)
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    Ok((written, warnings))
}

#[derive(Serialize)]
struct IndexLink {
    format: &'static str,
    /// Percent-encoded, so it is safe in an attribute as it is.
    href: String,
}

#[derive(Serialize)]
struct IndexEntry {
    agency: String,
    title: String,
    links: Vec<IndexLink>,
}

#[derive(Serialize)]
struct IndexYear {
    year: i32,
    entries: Vec<IndexEntry>,
}

fn index(
    jobs: &[Job],
    built: &[(String, Vec<PathBuf>)],
    opts: &BuildOptions,
    templates: &Templates,
) -> Result<String, BuildError> {
    let mut years: Vec<IndexYear> = Vec::new();
    let mut entries: Vec<(i32, String, IndexEntry)> = Vec::new();
    for (name, files) in built {
        let Some(job) = jobs.iter().find(|j| &j.input.name == name) else {
            continue;
        };
        let links = files
            .iter()
            .filter_map(|p| {
                let rel = p.strip_prefix(&opts.out).ok()?;
                let href = rel
                    .components()
                    .map(|c| percent(&c.as_os_str().to_string_lossy()))
                    .collect::<Vec<_>>()
                    .join("/");
                let format = Format::ALL
                    .into_iter()
                    .find(|f| Some(f.ext()) == p.extension().and_then(|e| e.to_str()))?
                    .ext();
                Some(IndexLink { format, href })
            })
            .collect();
        entries.push((
            job.report.year,
            job.report.agency.clone(),
            IndexEntry {
                agency: job.report.agency.clone(),
                title: job.report.title().replace('\n', " "),
                links,
            },
        ));
    }
    entries.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.title.cmp(&b.2.title))
    });
    for (year, _, e) in entries {
        match years.last_mut() {
            Some(y) if y.year == year => y.entries.push(e),
            _ => years.push(IndexYear {
                year,
                entries: vec![e],
            }),
        }
    }
    let mut ctx = tera::Context::new();
    ctx.insert("years", &years);
    ctx.insert("generator", &format!("xxgk {}", env!("CARGO_PKG_VERSION")));
    Ok(templates.render("index.html.tera", &ctx)?)
}

/// Percent-encodes a path segment for an href.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Open data: the normalised report with every total computed.

#[derive(Serialize)]
struct JsonCell {
    key: &'static str,
    label: &'static str,
    value: crate::model::Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct JsonProactiveRow {
    key: &'static str,
    label: &'static str,
    cells: Vec<JsonCell>,
}

#[derive(Serialize)]
struct JsonBlock {
    item: &'static str,
    rows: Vec<JsonProactiveRow>,
}

#[derive(Serialize)]
struct JsonAppRow {
    key: String,
    label: String,
    /// The seven columns: the six applicants and 总计.
    values: [u64; 7],
}

#[derive(Serialize)]
struct JsonOutcome {
    key: String,
    label: String,
    upheld: u64,
    corrected: u64,
    other: u64,
    pending: u64,
    total: u64,
}

#[derive(Serialize)]
struct JsonText {
    text: String,
    paragraphs: Vec<String>,
}

#[derive(Serialize)]
struct OpenData {
    generator: String,
    year: i32,
    agency: String,
    edition: &'static str,
    edition_notice: &'static str,
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preface: Option<JsonText>,
    overview: JsonText,
    proactive: Vec<JsonBlock>,
    application_columns: Vec<&'static str>,
    applications: Vec<JsonAppRow>,
    review_and_litigation: Vec<JsonOutcome>,
    problems: JsonText,
    other_matters: JsonText,
}

fn json_text(t: &crate::model::Text) -> JsonText {
    JsonText {
        text: t.raw.clone(),
        paragraphs: t
            .paragraphs()
            .into_iter()
            .map(|p| format!("{}{}", p.lead.unwrap_or_default(), p.text))
            .collect(),
    }
}

/// The report as open data (JSON): labels, figures and every total.
pub fn open_data(r: &Report) -> String {
    let mut i = 0;
    let proactive = r
        .edition
        .proactive()
        .iter()
        .map(|b| JsonBlock {
            item: b.item,
            rows: b
                .rows
                .iter()
                .map(|row| {
                    let cells = r.proactive[i]
                        .iter()
                        .zip(b.columns)
                        .map(|(c, col)| JsonCell {
                            key: col.key,
                            label: col.label,
                            value: c.value.clone(),
                            note: c.note.clone(),
                            text: render::proactive_text(c, col.unit_in_cell),
                        })
                        .collect();
                    i += 1;
                    JsonProactiveRow {
                        key: row.key,
                        label: row.label,
                        cells,
                    }
                })
                .collect(),
        })
        .collect();
    let applications = r
        .applications
        .rows()
        .map(|(d, row)| JsonAppRow {
            key: d.dotted(),
            label: d.full_label(),
            values: r.applications.printed(d, row),
        })
        .collect();
    let review_and_litigation = r
        .outcomes()
        .iter()
        .zip(&OUTCOME_ROWS)
        .map(|(o, d)| {
            let [upheld, corrected, other, pending, total] = o.figures();
            JsonOutcome {
                key: d.path.join("."),
                label: d.full_label(),
                upheld,
                corrected,
                other,
                pending,
                total,
            }
        })
        .collect();
    let data = OpenData {
        generator: format!("xxgk {}", env!("CARGO_PKG_VERSION")),
        year: r.year,
        agency: r.agency.clone(),
        edition: r.edition.key(),
        edition_notice: r.edition.notice(),
        kind: r.kind.key(),
        title: r.title(),
        published: r.published.map(|d| d.to_string()),
        preface: r.preface.as_ref().map(json_text),
        overview: json_text(&r.overview),
        proactive,
        application_columns: (0..7).map(edition::applicant_column_label).collect(),
        applications,
        review_and_litigation,
        problems: json_text(&r.problems),
        other_matters: json_text(&r.other_matters),
    };
    let mut s = serde_json::to_string_pretty(&data).expect("open data serialises");
    s.push('\n');
    s
}
