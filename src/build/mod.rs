//! `xxgk build`: check every input, then render the reports that have no errors.

pub mod dashboard;
pub mod index;
pub mod manifest;

use crate::diag::{Diagnostic, Levels};

use crate::check::{self, Checked};
use crate::input::Input;
use crate::input::load;
use index::{Index, IndexError};
use manifest::{Entry, FormatSet};

use crate::render::pdf::{self, Typst};
use crate::render::{self, Templates};
use crate::util::output;

use std::path::{Path, PathBuf};

pub use crate::render::formats::{Format, Prepared};

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

/// A problem that stopped one report, or one of its formats, from being built.
#[derive(Debug, Clone)]
pub struct Failure {
    pub file: String,
    pub zh: String,
    pub en: String,
}

impl Failure {
    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Zh => &self.zh,
            crate::Lang::En => &self.en,
        }
    }
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
    /// Files whose reading errors stopped their table checks.
    pub unchecked: Vec<String>,
    pub failures: Vec<Failure>,
    /// What the whole build lacked, said once (zh, en): typst missing, with how to install it.
    pub hints: Vec<(String, String)>,
    /// typst's warnings, by report.
    pub notes: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The paths exist but hold no report: nothing is built, and nothing built before is
    /// removed (a mistyped folder must not empty the site).
    #[error("no report files (.yaml/.yml) found")]
    NoReports,
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Where one report stands after the build.
enum Outcome {
    /// Written (some formats perhaps not: their failures): its new entry, typst's warnings.
    Built(Entry, String, Vec<Failure>),
    /// Its previous entry stands.
    UpToDate,
    /// Edited since it was checked, and checked again with errors: not built.
    Refused(Vec<Diagnostic>),
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
    // The templates first: a broken template is said before any work is done.
    let templates = Templates::load(opts.templates.as_deref())?;
    let checked = check::check_paths(paths, &opts.levels, opts.jobs);
    if checked.inputs.is_empty() && checked.count(crate::Severity::Error) == 0 {
        return Err(BuildError::NoReports);
    }
    build_checked_with(checked, &templates, opts, progress)
}

/// Builds what [`check::check_all`] checked: each file is rendered from the very bytes that were
/// checked; one edited since is checked again first.
pub fn build_checked(
    checked: Checked,
    opts: &BuildOptions,
    progress: Progress,
) -> Result<BuildResult, BuildError> {
    let templates = Templates::load(opts.templates.as_deref())?;
    build_checked_with(checked, &templates, opts, progress)
}

/// [`build_checked`] with templates already loaded (`serve` loads them once a rebuild, for its
/// drafts too).
pub fn build_checked_with(
    checked: Checked,
    templates: &Templates,
    opts: &BuildOptions,
    progress: Progress,
) -> Result<BuildResult, BuildError> {
    let unchecked = checked.unchecked();
    let Checked {
        inputs: found,
        loaded,
        hashes,
        mut diagnostics,
    } = checked;
    let checked_files = found.len();

    let mut failures = Vec::new();
    let mut hints = Vec::new();
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
                // Each report says that its PDF was not made; how to get typst is said once.
                if wants_pdf {
                    hints.push((e.message(crate::Lang::Zh), e.message(crate::Lang::En)));
                }
                (None, pdf::default_fonts())
            }
        }
    } else {
        (None, pdf::default_fonts())
    };
    // Everything an output depends on besides its YAML.
    let context_key = crate::util::digest::hex([
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
    let with_errors: std::collections::HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| d.file.as_str())
        .collect();
    let buildable: Vec<bool> = (0..found.len())
        .map(|i| loaded[i] && !with_errors.contains(found[i].name()))
        .collect();
    drop(with_errors);
    let buildable = |i: usize| buildable[i];
    // Every input in slot order, the manifest's: the old manifest is read alongside.
    let mut order: Vec<u32> = (0..found.len() as u32).collect();
    order.sort_by(|&a, &b| found[a as usize].slot().cmp(&found[b as usize].slot()));
    let total = (0..found.len()).filter(|&i| buildable(i)).count();

    let manifest_path = opts.out.join(manifest::FILE);
    let io_error = |path: &Path| {
        let path = path.display().to_string();
        move |source| BuildError::Io { path, source }
    };
    // A folder that cannot be made is said once, not once for every report.
    if total > 0 {
        std::fs::create_dir_all(&opts.out).map_err(io_error(&opts.out))?;
    }
    // Made at the first entry: a build that writes nothing creates nothing.
    let mut manifest: Option<manifest::Writer> = None;
    let mut index = Index::new(&opts.out);
    let removed = std::cell::RefCell::new(Vec::new());
    let remove = |files: &[String]| removed.borrow_mut().extend(remove_files(&opts.out, files));
    // This build's inputs as fingerprints of their absolute paths, made only when an old entry
    // needs them (sorted, not hashed: small for 20,000 inputs).
    let ours = std::cell::OnceCell::new();
    let is_ours = |input: &Path| {
        let ours: &Vec<u128> = ours.get_or_init(|| {
            let mut v: Vec<u128> = found
                .iter()
                .map(|i| crate::util::digest::hash([canonical(i).as_os_str().as_encoded_bytes()]))
                .collect();
            v.sort_unstable();
            v
        });
        let h = crate::util::digest::hash([input.as_os_str().as_encoded_bytes()]);
        ours.binary_search(&h).is_ok()
    };
    // An entry of the old manifest that no input of this build stands for is kept while its
    // input exists; otherwise its outputs go. One whose input this build has under another
    // slot (placed elsewhere by an older xxgk) goes too: no input produces it any more.
    let carry = |e: Entry| {
        if e.input.exists() && !is_ours(&e.input) {
            Some(e)
        } else {
            remove(&e.files());
            None
        }
    };
    // The entry of the slot an input is built into: kept while its input exists.
    let previous = |e: Entry| {
        if e.input.exists() {
            Some(e)
        } else {
            remove(&e.files());
            None
        }
    };
    let mut skipped = Vec::new();
    // The inputs not built because of their errors: the index still shows them.
    let mut unbuilt: Vec<usize> = Vec::new();
    let statuses = index::anchors(&diagnostics);
    let status_of = |name: &str| statuses.get(name).copied().unwrap_or_default();
    // Files edited after the check and wrong now: their new diagnostics.
    let mut refused = Vec::new();
    let mut built = 0;
    let mut up_to_date = 0;
    let mut notes = Vec::new();
    let done = std::sync::atomic::AtomicUsize::new(0);

    // The old manifest and the inputs, merged in slot order into what becomes of each slot.
    let mut old = manifest::Reader::open(&opts.out).peekable();
    let mut inputs_left = order.iter().map(|&i| i as usize).peekable();
    // One slot a call: an old entry before the next input's slot, or that input.
    let tasks = std::iter::from_fn(|| {
        loop {
            let Some(&i) = inputs_left.peek() else {
                // Reports of inputs not given to this build stay while their inputs exist.
                match carry(old.next()?) {
                    Some(e) => return Some(Task::Keep(e)),
                    None => continue,
                }
            };
            let input = &found[i];
            let s = input.slot();
            if let Some(e) = old.next_if(|e| e.slot.as_str() < s.as_ref()) {
                match carry(e) {
                    Some(e) => return Some(Task::Keep(e)),
                    None => continue,
                }
            }
            inputs_left.next();
            let prev = old.next_if(|e| e.slot == s).and_then(previous);
            if buildable(i) {
                return Some(Task::Job(i, prev));
            }
            skipped.push(input.name().to_string());
            unbuilt.push(i);
            if let Some(p) = prev {
                // What was built from this file before no longer stands: figures with errors
                // are never published, not even last year's build of them.
                if p.input == canonical(input) {
                    remove(&p.files());
                } else {
                    return Some(Task::Keep(p));
                }
            }
        }
    });
    // Built on all cores, written to the new manifest and the index in slot order; only a
    // window of reports is ever held.
    crate::util::par::ordered(
        tasks,
        opts.jobs,
        WINDOW,
        |task| match task {
            Task::Keep(e) => Done::Keep(e),
            Task::Job(i, prev) => {
                let input = &found[i];
                let o = build_one(
                    input,
                    hashes[i],
                    opts,
                    templates,
                    typst.as_ref(),
                    &fonts,
                    &context_key,
                    prev.as_ref(),
                );
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total, input.name());
                Done::Job(input, prev, o)
            }
        },
        |finished| {
            let status = match &finished {
                Done::Keep(_) => index::Status::default(),
                Done::Job(input, ..) => status_of(input.name()),
            };
            let entry = match finished {
                Done::Keep(e) => e,
                Done::Job(input, prev, outcome) => match outcome {
                    Outcome::Built(entry, warnings, partial) => {
                        failures.extend(partial);
                        if !warnings.is_empty() {
                            notes.push((input.name().to_string(), warnings));
                        }
                        // Files of the last build that this one did not write (a format
                        // dropped) go.
                        if let Some(old) = prev {
                            let dropped = Entry {
                                formats: old.formats.without(entry.formats),
                                ..old
                            };
                            remove(&dropped.files());
                        }
                        built += 1;
                        entry
                    }
                    Outcome::Refused(diags) => {
                        // Edited after the check, and wrong now: not built, and what was
                        // built from it before no longer stands.
                        refused.push((input.name().to_string(), diags));
                        match prev {
                            Some(p) if p.input == canonical(input) => {
                                remove(&p.files());
                                return Ok(());
                            }
                            Some(p) => p,
                            None => return Ok(()),
                        }
                    }
                    Outcome::UpToDate => {
                        up_to_date += 1;
                        prev.expect("up to date only against a previous entry")
                    }
                    Outcome::Failed(f) => {
                        failures.push(f);
                        match prev {
                            Some(p) => p,
                            None => return Ok(()),
                        }
                    }
                },
            };
            let writer = match &mut manifest {
                Some(w) => w,
                None => manifest
                    .insert(manifest::Writer::create(&opts.out).map_err(io_error(&manifest_path))?),
            };
            writer.push(&entry).map_err(io_error(&manifest_path))?;
            index
                .push(&entry, status)
                .map_err(io_error(&opts.out.join("index.html")))
        },
    )?;
    for i in unbuilt {
        let input = &found[i];
        let report = load::load_file(input.path(), input.name()).report;
        index
            .push_unbuilt(
                report.as_ref(),
                &input.slot(),
                input.name(),
                status_of(input.name()),
            )
            .map_err(io_error(&opts.out.join("index.html")))?;
    }
    let removed = removed.into_inner();
    for (name, diags) in refused {
        diagnostics.extend(diags);
        skipped.push(name);
    }

    // The index lists every report in this folder, by year and agency. The manifest goes first:
    // a failing index template does not make the next build redo the work.
    if let Some(manifest) = manifest {
        manifest.finish().map_err(io_error(&manifest_path))?;
        let path = opts.out.join("index.html");
        index
            .write(templates, &path, &diagnostics)
            .map_err(|e| match e {
                IndexError::Render(e) => BuildError::Render(e),
                IndexError::Io(e) => io_error(&path)(e),
            })?;
    }
    Ok(BuildResult {
        checked_files,
        diagnostics,
        built,
        up_to_date,
        removed,
        skipped,
        unchecked,
        failures,
        hints,
        notes,
    })
}

/// Reports in flight or waiting for an earlier one to be written: at most this many are held.
const WINDOW: usize = 64;

/// What becomes of a slot of the manifest.
enum Task {
    /// An entry that stays as it is.
    Keep(Entry),
    /// A report to build (or find up to date), by its index, with its entry of the last build.
    Job(usize, Option<Entry>),
}

// At most a window of these is in flight: their size does not matter.
#[allow(clippy::large_enum_variant)]
enum Done<'a> {
    Keep(Entry),
    Job(&'a Input, Option<Entry>, Outcome),
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

/// The input's absolute path, as the manifest records it.
fn canonical(input: &Input) -> PathBuf {
    std::fs::canonicalize(input.path()).unwrap_or_else(|_| input.path().to_path_buf())
}

#[allow(clippy::too_many_arguments)]
fn build_one(
    input: &Input,
    checked_hash: u128,
    opts: &BuildOptions,
    templates: &Templates,
    typst: Option<&Typst>,
    fonts: &render::Fonts,
    context_key: &str,
    previous: Option<&Entry>,
) -> Outcome {
    let failure = |zh: String, en: String| Failure {
        file: input.name().to_string(),
        zh,
        en,
    };
    let fail = |zh: String, en: String| Outcome::Failed(failure(zh, en));
    // The manifest records names as text: a name that is not UTF-8 could not be tracked.
    if input.path().to_str().is_none() || input.rel().to_str().is_none() {
        return fail(
            "文件名不是 UTF-8 编码，请改名".into(),
            "the file name is not UTF-8; rename the file".into(),
        );
    }
    let Some(base) = output::under(&opts.out, input.rel()) else {
        return fail(
            "输出路径不在输出目录内".into(),
            "the output path would leave the output folder".into(),
        );
    };
    let bytes = match std::fs::read(input.path()) {
        Ok(b) => b,
        Err(e) => {
            let m = crate::diag::messages::cannot_read(&e);
            return fail(m.zh, m.en);
        }
    };
    // The file changed since the check: check it again before anything is made of it.
    if crate::util::digest::hash([bytes.as_slice()]) != checked_hash {
        let diags = check::pipeline::recheck(&bytes, input, &opts.levels);
        if diags.iter().any(|d| d.severity == crate::Severity::Error) {
            return Outcome::Refused(diags);
        }
    }
    let key = crate::util::digest::hex([
        context_key.as_bytes(),
        input.slot().as_bytes(),
        bytes.as_slice(),
    ]);
    if let Some(prev) = previous {
        let all_there = prev
            .files()
            .iter()
            .all(|f| output::under(&opts.out, Path::new(f)).is_some_and(|p| p.is_file()));
        if !opts.force && prev.key == key && all_there {
            return Outcome::UpToDate;
        }
    }
    let Some(report) = load::load_bytes(&bytes, input.name()).report else {
        return fail(
            "生成期间文件被改动".into(),
            "the file changed while it was being built".into(),
        );
    };
    let prepared = match Prepared::new(&report, templates, fonts, typst) {
        Ok(p) => p,
        Err(e) => return fail(e.zh, e.en),
    };
    // Everything is rendered in memory first: a report that fails leaves no file behind. A
    // format that could not be made alone (a PDF without typst) leaves the others standing.
    let mut files: Vec<(Format, Vec<u8>)> = Vec::new();
    let mut partial = Vec::new();
    for &f in &opts.formats {
        match f.render(&prepared) {
            Ok(bytes) => files.push((f, bytes)),
            Err(e) if e.format_only => partial.push(failure(e.zh, e.en)),
            Err(e) => return fail(e.zh, e.en),
        }
    }
    if files.is_empty() {
        if let Some(f) = partial.pop() {
            return Outcome::Failed(f);
        }
    }
    let warnings = prepared.into_warnings();
    let mut written = FormatSet::default();
    for (f, bytes) in files {
        let path = with_ext(&base, f.ext());
        if let Err(e) = output::write_atomic(&path, &bytes) {
            let m = crate::diag::messages::cannot_write(&path.display().to_string(), &e);
            return fail(m.zh, m.en);
        }
        written.insert(f);
    }
    let input_abs = canonical(input);
    if input_abs.to_str().is_none() {
        return fail(
            format!("路径不是 UTF-8 编码：{}", input_abs.display()),
            format!("the path is not UTF-8: {}", input_abs.display()),
        );
    }
    let entry = Entry {
        slot: input.slot().into_owned(),
        input: input_abs,
        key,
        year: report.year,
        agency: report.agency.clone(),
        title: report.title().replace('\n', " "),
        formats: written,
        figures: Some(dashboard::Figures::of(&report)),
    };
    Outcome::Built(entry, warnings, partial)
}
