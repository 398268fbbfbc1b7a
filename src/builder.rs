//! `xxgk build`: check every input, then render the reports that have no errors.

use crate::diag::{Diagnostic, Levels};
use crate::edition::{self, OUTCOME_ROWS};
use crate::inputs::{self, Checked, Input};
use crate::load;
use crate::model::Report;
use crate::output;
use crate::pdf::{self, Typst};
use crate::render::{self, ReportView, Templates};
use serde::Serialize;
use std::path::{Path, PathBuf};

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
    /// Rebuild every report, even those whose inputs have not changed.
    pub force: bool,
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
    /// How many reports were written (each one is told to the progress callback).
    pub built: usize,
    /// How many reports' inputs had not changed since the last build into this folder.
    pub up_to_date: usize,
    /// Output files removed: of inputs that were deleted, or of formats no longer built.
    pub removed: Vec<PathBuf>,
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

/// The manifest of a build folder: what was built from what, so that a rebuild costs what
/// changed, and outputs of deleted inputs can be removed.
#[derive(Debug, Default, serde::Deserialize, Serialize)]
struct Manifest {
    version: u32,
    /// By output location below the output folder (`2020/cixi-transport`).
    reports: std::collections::BTreeMap<String, Entry>,
}

/// One report of the manifest. It is what the build keeps of each report until the end (for
/// the index and the manifest), so it is kept small: the output files are not listed but
/// follow from the report's slot and its formats.
#[derive(Clone, Debug, serde::Deserialize, Serialize)]
struct Entry {
    /// The input file, absolute: its outputs go when it is deleted.
    input: PathBuf,
    /// The content hash of everything the outputs depend on.
    key: String,
    year: i32,
    agency: String,
    title: String,
    /// The formats written: the files are `<slot>.<ext>`.
    #[serde(default)]
    formats: FormatSet,
    /// The output files, as manifests of version 1 listed them (read, never written).
    #[serde(default, skip_serializing)]
    files: Vec<String>,
}

impl Entry {
    /// The output files, relative to the output folder, `/`-separated.
    fn files(&self, slot: &str) -> Vec<String> {
        self.formats
            .iter()
            .map(|f| format!("{slot}.{}", f.ext()))
            .collect()
    }
}

/// A set of formats, as one byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct FormatSet(u8);

impl FormatSet {
    fn insert(&mut self, f: Format) {
        self.0 |= 1 << f as u8;
    }

    fn contains(self, f: Format) -> bool {
        self.0 & (1 << f as u8) != 0
    }

    fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |&f| self.contains(f))
    }
}

impl Serialize for FormatSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Format::ext))
    }
}

impl<'de> serde::Deserialize<'de> for FormatSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut set = FormatSet::default();
        for ext in Vec::<String>::deserialize(d)? {
            set.extend(Format::parse(&ext));
        }
        Ok(set)
    }
}

impl Extend<Format> for FormatSet {
    fn extend<I: IntoIterator<Item = Format>>(&mut self, iter: I) {
        for f in iter {
            self.insert(f);
        }
    }
}

const MANIFEST: &str = ".xxgk-manifest.json";
const MANIFEST_VERSION: u32 = 2;

impl Manifest {
    /// The manifest of the last build into `out`; any unreadable one counts as none (every
    /// report is then built again).
    fn read(out: &Path) -> Manifest {
        let Ok(file) = std::fs::File::open(out.join(MANIFEST)) else {
            return Manifest::default();
        };
        let Ok(mut m) = serde_json::from_reader::<_, Manifest>(std::io::BufReader::new(file))
        else {
            return Manifest::default();
        };
        match m.version {
            MANIFEST_VERSION => m,
            // Version 1 listed the files; the formats follow from their extensions.
            1 => {
                for (slot, e) in &mut m.reports {
                    let files = std::mem::take(&mut e.files);
                    e.formats.extend(files.iter().filter_map(|f| {
                        Format::parse(f.strip_prefix(slot.as_str())?.strip_prefix('.')?)
                    }));
                }
                m
            }
            _ => Manifest::default(),
        }
    }

    /// Writes the manifest (streamed: its text is never held whole).
    fn write(&self, out: &Path) -> Result<(), BuildError> {
        let path = out.join(MANIFEST);
        output::write_atomic_with(&path, |w| {
            serde_json::to_writer(&mut *w, self).map_err(std::io::Error::other)?;
            w.write_all(b"\n")
        })
        .map_err(|source| BuildError::Io {
            path: path.display().to_string(),
            source,
        })
    }
}

/// Where one report stands after the build (boxed: every report's outcome is held until the
/// build ends).
enum Outcome {
    Built(Box<Entry>, String),
    UpToDate(Box<Entry>),
    Failed(Failure),
}

/// Progress of the building phase: (reports done, reports to do, the one just done).
pub type Progress<'a> = &'a (dyn Fn(usize, usize, &str) + Sync);

/// Runs a build.
pub fn build(paths: &[PathBuf], opts: &BuildOptions) -> Result<BuildResult, BuildError> {
    build_with_progress(paths, opts, &|_, _, _| {})
}

/// Runs a build, telling `progress` of each report done.
pub fn build_with_progress(
    paths: &[PathBuf],
    opts: &BuildOptions,
    progress: Progress,
) -> Result<BuildResult, BuildError> {
    let templates = Templates::load(opts.templates.as_deref())?;
    let (found, found_diags) = inputs::discover(paths);
    let checked_files = found.len();
    let Checked {
        statuses,
        mut diagnostics,
    } = inputs::check_all_jobs(found, &opts.levels, opts.jobs);
    diagnostics.splice(0..0, opts.levels.apply(found_diags));

    let mut failures = Vec::new();
    let wants_pdf = opts.formats.contains(&Format::Pdf);
    // typst and its fonts: found once. Without typst the .typ still names every stand-in.
    let (typst, fonts) = if wants_pdf || opts.formats.contains(&Format::Typ) {
        let found =
            Typst::locate(opts.typst.as_deref(), opts.font_paths.clone()).and_then(|mut t| {
                t.timeout = opts.typst_timeout;
                let f = t.fonts().and_then(|f| pdf::choose_fonts(&f))?;
                Ok((t, f))
            });
        match found {
            Ok((t, f)) => (Some(t), f),
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
    // Everything an output depends on besides its YAML.
    let context_key = crate::digest::hex([
        env!("CARGO_PKG_VERSION").as_bytes(),
        templates.digest.as_bytes(),
        serde_json::to_string(&fonts).unwrap_or_default().as_bytes(),
        typst
            .as_ref()
            .map_or("no typst", |t| t.version.as_str())
            .as_bytes(),
        opts.formats
            .iter()
            .map(|f| f.ext())
            .collect::<Vec<_>>()
            .join(",")
            .as_bytes(),
    ]);

    // Temporary files of a build that was killed midway: never outputs, safe to drop.
    remove_stale_temporaries(&opts.out);
    let mut manifest = Manifest::read(&opts.out);
    manifest.version = MANIFEST_VERSION;
    // Outputs of inputs that no longer exist go with them.
    let mut removed = Vec::new();
    let gone: Vec<String> = manifest
        .reports
        .iter()
        .filter(|(_, e)| !e.input.exists())
        .map(|(k, _)| k.clone())
        .collect();
    for name in gone {
        if let Some(e) = manifest.reports.remove(&name) {
            removed.extend(remove_files(&opts.out, &e.files(&name)));
        }
    }

    let mut skipped = Vec::new();
    let mut jobs: Vec<&Input> = Vec::new();
    for st in &statuses {
        let has_errors = diagnostics
            .iter()
            .any(|d| d.file == st.input.name && d.severity == crate::Severity::Error);
        if st.loaded && !has_errors {
            jobs.push(&st.input);
        } else {
            skipped.push(st.input.name.clone());
            // What was built from this file before no longer stands: figures with errors are
            // never published, not even last year's build of them.
            let abs =
                std::fs::canonicalize(&st.input.path).unwrap_or_else(|_| st.input.path.clone());
            let key = slot(&st.input);
            if manifest.reports.get(&key).is_some_and(|e| e.input == abs) {
                if let Some(e) = manifest.reports.remove(&key) {
                    removed.extend(remove_files(&opts.out, &e.files(&key)));
                }
            }
        }
    }

    let done = std::sync::atomic::AtomicUsize::new(0);
    let outcomes = crate::par::map(&jobs, opts.jobs, |input| {
        let o = build_one(
            input,
            opts,
            &templates,
            typst.as_ref(),
            &fonts,
            &context_key,
            manifest.reports.get(&slot(input)),
        );
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, jobs.len(), &input.name);
        o
    });

    let mut built = 0;
    let mut up_to_date = 0;
    let mut notes = Vec::new();
    for (input, outcome) in jobs.iter().zip(outcomes) {
        match outcome {
            Outcome::Built(entry, warnings) => {
                if !warnings.is_empty() {
                    notes.push((input.name.clone(), warnings));
                }
                let slot = slot(input);
                // Files of the last build that this one did not write (a format dropped) go.
                if let Some(old) = manifest.reports.get(&slot) {
                    let dropped = FormatSet(old.formats.0 & !entry.formats.0);
                    let stale = Entry {
                        formats: dropped,
                        ..old.clone()
                    };
                    removed.extend(remove_files(&opts.out, &stale.files(&slot)));
                }
                built += 1;
                manifest.reports.insert(slot, *entry);
            }
            Outcome::UpToDate(entry) => {
                up_to_date += 1;
                manifest.reports.insert(slot(input), *entry);
            }
            Outcome::Failed(f) => failures.push(f),
        }
    }

    // The index lists every report in this folder, by year and agency.
    if !manifest.reports.is_empty() {
        write_index(&manifest, &templates, &opts.out.join("index.html"))?;
        manifest.write(&opts.out)?;
    }
    Ok(BuildResult {
        checked_files,
        diagnostics,
        built,
        up_to_date,
        removed,
        skipped,
        failures,
        notes,
    })
}

/// An input's place in the manifest: its output location.
fn slot(input: &Input) -> String {
    input.rel.to_string_lossy().replace('\\', "/")
}

/// Removes `.xxgk-*.tmp` files that a killed build left in the output folder.
fn remove_stale_temporaries(out: &Path) {
    for entry in walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(".xxgk-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Removes listed output files (only ever below `out`); returns those removed.
fn remove_files(out: &Path, files: &[String]) -> Vec<PathBuf> {
    files
        .iter()
        .filter_map(|f| output::under(out, Path::new(f)))
        .filter(|p| std::fs::remove_file(p).is_ok())
        .collect()
}

/// `base` + `.ext`, keeping any dots of the file name (`a.v2` → `a.v2.md`).
fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

fn build_one(
    input: &Input,
    opts: &BuildOptions,
    templates: &Templates,
    typst: Option<&Typst>,
    fonts: &render::Fonts,
    context_key: &str,
    previous: Option<&Entry>,
) -> Outcome {
    let fail = |message: String| {
        Outcome::Failed(Failure {
            file: input.name.clone(),
            message,
        })
    };
    let Some(base) = output::under(&opts.out, &input.rel) else {
        return fail(
            "输出路径不在输出目录内 | the output path would leave the output folder".into(),
        );
    };
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return fail(format!("无法读取 | cannot read: {e}")),
    };
    let key = crate::digest::hex([
        context_key.as_bytes(),
        slot(input).as_bytes(),
        bytes.as_slice(),
    ]);
    if let Some(prev) = previous {
        let all_there = prev
            .files(&slot(input))
            .iter()
            .all(|f| output::under(&opts.out, Path::new(f)).is_some_and(|p| p.is_file()));
        if !opts.force && prev.key == key && all_there {
            return Outcome::UpToDate(Box::new(prev.clone()));
        }
    }
    let Some(report) = load::load_bytes(&bytes, &input.name).report else {
        return fail("the file changed while it was being built".into());
    };
    let view = ReportView::new(&report, fonts.clone());
    let ctx = match templates.context(&view) {
        Ok(c) => c,
        Err(e) => return fail(e.to_string()),
    };
    // Everything is rendered in memory first: a report that fails leaves no file behind.
    let mut files: Vec<(Format, Vec<u8>)> = Vec::new();
    let mut typ_source = None;
    let mut warnings = String::new();
    for f in &opts.formats {
        let bytes = match f {
            Format::Md | Format::Html => match templates.report_in(&ctx, f.ext()) {
                Ok(s) => s.into_bytes(),
                Err(e) => return fail(e.to_string()),
            },
            Format::Typ | Format::Pdf => {
                if typ_source.is_none() {
                    match templates.report_in(&ctx, "typ") {
                        Ok(s) => typ_source = Some(s),
                        Err(e) => return fail(e.to_string()),
                    }
                }
                let src = typ_source.as_ref().expect("typ source");
                if *f == Format::Typ {
                    src.clone().into_bytes()
                } else {
                    let Some(t) = typst else { continue };
                    match t.compile(src, report.date_for_metadata()) {
                        Ok((pdf, w)) => {
                            warnings = w;
                            pdf
                        }
                        Err(e) => return fail(e.to_string()),
                    }
                }
            }
            Format::Json => open_data(&report).into_bytes(),
        };
        files.push((*f, bytes));
    }
    let mut written = FormatSet::default();
    for (f, bytes) in files {
        let path = with_ext(&base, f.ext());
        if let Err(e) = output::write_atomic(&path, &bytes) {
            return fail(format!("无法写入 | cannot write {}: {e}", path.display()));
        }
        written.insert(f);
    }
    let input_abs = std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone());
    let entry = Entry {
        input: input_abs,
        key,
        year: report.year,
        agency: report.agency.clone(),
        title: report.title().replace('\n', " "),
        formats: written,
        files: Vec::new(),
    };
    Outcome::Built(Box::new(entry), warnings)
}

#[derive(Serialize)]
struct IndexLink {
    format: &'static str,
    /// Percent-encoded, so it is safe in an attribute as it is.
    href: String,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    agency: &'a str,
    title: &'a str,
    year: i32,
    links: Vec<IndexLink>,
}

#[derive(Serialize)]
struct IndexYear {
    year: i32,
    count: usize,
    /// Where the year's entries go: the page is rendered with this marker, and the entries,
    /// each rendered on its own by `index-entry.html.tera`, are written in its place.
    entries: String,
}

/// Writes `index.html`, streamed: the page template is rendered with a marker for each
/// year's list, and the entries are rendered one at a time into the file, so that memory does
/// not grow with a context (or a page) holding every report.
fn write_index(manifest: &Manifest, templates: &Templates, path: &Path) -> Result<(), BuildError> {
    let mut entries: Vec<(&String, &Entry)> = manifest.reports.iter().collect();
    entries.sort_by(|(_, a), (_, b)| {
        b.year
            .cmp(&a.year)
            .then(a.agency.cmp(&b.agency))
            .then(a.title.cmp(&b.title))
    });
    let mut years: Vec<IndexYear> = Vec::new();
    for (_, e) in &entries {
        match years.last_mut() {
            Some(y) if y.year == e.year => y.count += 1,
            _ => years.push(IndexYear {
                year: e.year,
                count: 1,
                entries: format!("\u{1}xxgk-index-{}\u{1}", years.len()),
            }),
        }
    }
    let mut ctx = tera::Context::new();
    ctx.insert("years", &years);
    ctx.insert("generator", &format!("xxgk {}", env!("CARGO_PKG_VERSION")));
    let page = templates.render("index.html.tera", &ctx)?;
    let entry_html = |slot: &str, e: &Entry| -> Result<String, BuildError> {
        let links = e
            .formats
            .iter()
            .map(|f| IndexLink {
                format: f.ext(),
                href: format!("{slot}.{}", f.ext())
                    .split('/')
                    .map(percent)
                    .collect::<Vec<_>>()
                    .join("/"),
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "e",
            &IndexEntry {
                agency: &e.agency,
                title: &e.title,
                year: e.year,
                links,
            },
        );
        Ok(templates.render("index-entry.html.tera", &ctx)?)
    };
    let io = |source| BuildError::Io {
        path: path.display().to_string(),
        source,
    };
    // The entries are rendered while the file is written; a template error stops the write
    // (and the old index stays).
    let mut failed = None;
    output::write_atomic_with(path, |w| {
        let mut rest = page.as_str();
        let mut next = entries.iter().peekable();
        for (i, y) in years.iter().enumerate() {
            let Some((before, after)) = rest.split_once(&y.entries) else {
                // The template does not list this year; its entries are skipped.
                next.by_ref().take(y.count).for_each(drop);
                continue;
            };
            w.write_all(before.as_bytes())?;
            for (slot, e) in next.by_ref().take(y.count) {
                match entry_html(slot, e) {
                    Ok(h) => w.write_all(h.as_bytes())?,
                    Err(e) => {
                        failed = Some(e);
                        return Err(std::io::Error::other(format!("index entry {i}")));
                    }
                }
            }
            rest = after;
        }
        w.write_all(rest.as_bytes())
    })
    .map_err(|e| failed.take().unwrap_or_else(|| io(e)))
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
