//! The one path from inputs to checked reports, shared by `check`, `build` (and later `serve`):
//! every file loaded and checked, then the set as a whole (duplicates, continuity).

use super::{published, rules, set};
use crate::diag::{self, Diagnostic, Severity};
use crate::input::{Input, load};
use std::convert::Infallible;

/// The result of checking a set of files.
/// Of each input, only what the set-wide checks and the build need is kept, not the report
/// itself (which is read again when it is built): memory stays flat however many there are.
pub struct Checked {
    pub inputs: Vec<Input>,
    /// By input: the report loaded without errors (so it was checked, and may be built).
    pub loaded: Vec<bool>,
    /// By input: the fingerprint of the bytes that were checked (0 where none were read). The
    /// build renders a file only while its bytes still have this fingerprint: a file edited
    /// between the check and the build is checked again, never published unchecked.
    pub hashes: Vec<u128>,
    /// Every diagnostic, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self, file: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.file == file && d.severity == Severity::Error)
    }

    /// The files whose reading errors stopped their table checks (勾稽关系 and the rest): a
    /// clerk is told to fix those errors first, as more may follow.
    pub fn unchecked(&self) -> Vec<String> {
        self.inputs
            .iter()
            .zip(&self.loaded)
            .filter(|(_, ok)| !**ok)
            .map(|(i, _)| i.name().to_string())
            .collect()
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }
}

/// Finds the report files under `paths` and checks them all: what `check`, `build` and `serve`
/// each start with.
pub fn check_paths(paths: &[std::path::PathBuf], levels: &diag::Levels, jobs: usize) -> Checked {
    check_paths_with(paths, levels, jobs, false)
}

/// [`check_paths`]; with `published`, folders are searched for published reports too (PDF,
/// Word, web pages: see [`crate::input::discover_with`]), each imported in memory and checked
/// with its diagnostics pointing into it.
pub fn check_paths_with(
    paths: &[std::path::PathBuf],
    levels: &diag::Levels,
    jobs: usize,
    published: bool,
) -> Checked {
    let Ok(checked) = check_paths_each(paths, levels, jobs, published, nothing, never_fails);
    checked
}

/// Loads and checks every input, then the set as a whole, on all cores.
pub fn check_all(inputs: Vec<Input>, levels: &diag::Levels) -> Checked {
    check_all_jobs(inputs, levels, crate::util::par::default_jobs())
}

/// Inputs being checked or waiting for an earlier one: at most this many reports are held.
const WINDOW: usize = 64;

/// [`check_all`] on `jobs` threads. Each report is held only while it is checked, and of each
/// only what the set-wide checks need is kept (its agency as a fingerprint and its year); the
/// reports of a duplicate or a continuity pair are read again.
pub fn check_all_jobs(inputs: Vec<Input>, levels: &diag::Levels, jobs: usize) -> Checked {
    let Ok(checked) = check_all_each(inputs, levels, jobs, nothing, never_fails);
    checked
}

/// What plain checking takes of each report beyond the checks: nothing.
fn nothing(_: &Input, _: Option<&crate::Report>) {}

fn never_fails(_: ()) -> Result<(), Infallible> {
    Ok(())
}

/// [`check_paths`], handing each report on as it is checked, so that a caller that needs more
/// of it than the checks do (`summary`'s row of figures) reads every file once: `extract` runs
/// on the worker thread with the report as loaded (None when the file could not be read), and
/// `keep` takes its result in the order of the inputs. The first error of `keep` stops the run.
pub fn check_paths_each<T: Send, E>(
    paths: &[std::path::PathBuf],
    levels: &diag::Levels,
    jobs: usize,
    published: bool,
    extract: impl Fn(&Input, Option<&crate::Report>) -> T + Sync,
    keep: impl FnMut(T) -> Result<(), E>,
) -> Result<Checked, E> {
    let (inputs, found_diags) = crate::input::discover_with(paths, published);
    let mut checked = check_all_each(inputs, levels, jobs, extract, keep)?;
    checked.diagnostics.splice(0..0, levels.apply(found_diags));
    Ok(checked)
}

fn check_all_each<T: Send, E>(
    inputs: Vec<Input>,
    levels: &diag::Levels,
    jobs: usize,
    extract: impl Fn(&Input, Option<&crate::Report>) -> T + Sync,
    mut keep: impl FnMut(T) -> Result<(), E>,
) -> Result<Checked, E> {
    let mut diagnostics = Vec::new();
    let mut loaded = Vec::with_capacity(inputs.len());
    let mut hashes = Vec::with_capacity(inputs.len());
    // (agency fingerprint, year) and the input each belongs to.
    let mut keys: Vec<([u64; 2], i32)> = Vec::with_capacity(inputs.len());
    let mut idx: Vec<u32> = Vec::with_capacity(inputs.len());
    crate::util::par::ordered(
        &inputs,
        jobs,
        WINDOW,
        |input| {
            let (hash, loaded, sources) = load_input(input);
            // A file that did not load cleanly is not checked further: a figure that could not
            // be read counts as 0, and the checks would report differences that are not there.
            let ok = !loaded
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            let mut diags = loaded.diagnostics;
            let mut key = None;
            if let (true, Some(r)) = (ok, &loaded.report) {
                let found = rules_of(r, input);
                match &sources {
                    Some(s) => diags.extend(found.into_iter().map(|d| s.relocate(d))),
                    None => diags.extend(found),
                }
                if r.year != 0 && !r.agency.is_empty() {
                    let h = crate::util::digest::hash([r.agency.as_bytes()]);
                    key = Some(([(h >> 64) as u64, h as u64], r.year));
                }
            }
            let extra = extract(input, loaded.report.as_ref());
            (ok && loaded.report.is_some(), hash, key, diags, extra)
        },
        |(ok, hash, key, diags, extra)| {
            hashes.push(hash);
            diagnostics.extend(diags);
            if let Some(k) = key {
                keys.push(k);
                idx.push(loaded.len() as u32);
            }
            loaded.push(ok);
            keep(extra)
        },
    )?;
    let set_start = diagnostics.len();
    let (dups, pairs) = set::plan_keys(&keys);
    drop(keys);
    let input = |i: usize| &inputs[idx[i] as usize];
    let load = |i: usize| load_input(input(i)).1.report;
    // Fingerprints stand for agencies: the reports read again confirm that the names match.
    let same_agency = |a: &crate::Report, b: &crate::Report| a.agency == b.agency;
    for (f, d) in dups {
        if let (Some(a), Some(b)) = (load(f), load(d)) {
            if same_agency(&a, &b) {
                diagnostics.push(set::duplicate(
                    &set::SetEntry::of(&a),
                    &set::SetEntry::of(&b),
                ));
            }
        }
    }
    let pair_diags = crate::util::par::map(&pairs, jobs, |&(p, n)| match (load(p), load(n)) {
        (Some(a), Some(b)) if same_agency(&a, &b) => rules::check_consecutive(&a, &b),
        _ => Vec::new(),
    });
    diagnostics.extend(pair_diags.into_iter().flatten());
    // The set-wide checks point into the YAML; of a published report there is none to show.
    let yaml_only = |file: &str| !published::is_published(std::path::Path::new(file));
    for d in &mut diagnostics[set_start..] {
        if !yaml_only(&d.file) {
            d.span = None;
        }
        if let Some((file, span, ..)) = &mut d.related {
            if !yaml_only(file) {
                *span = None;
            }
        }
    }
    let mut diagnostics = levels.apply(diagnostics);
    diag::sort(&mut diagnostics);
    Ok(Checked {
        inputs,
        loaded,
        hashes,
        diagnostics,
    })
}

/// Reads and loads one input, with the fingerprint of the bytes read (0 where the file could
/// not be read or is over the size limit: `load_file` then says why). A published report (not
/// `.yaml`/`.yml`) is imported in memory; its sources then place the diagnostics.
fn load_input(input: &Input) -> (u128, load::Loaded, Option<published::Sources>) {
    if published::is_published(input.path()) {
        let (hash, loaded, sources) = published::load(input.path(), input.name());
        return (hash, loaded, Some(sources));
    }
    let small =
        std::fs::metadata(input.path()).is_ok_and(|m| m.len() <= load::MAX_FILE_BYTES as u64);
    match small.then(|| std::fs::read(input.path()).ok()).flatten() {
        Some(bytes) => (
            crate::util::digest::hash([bytes.as_slice()]),
            load::load_bytes(&bytes, input.name()),
            None,
        ),
        None => (0, load::load_file(input.path(), input.name()), None),
    }
}

/// The per-report rules: the report's own, and where it is filed.
fn rules_of(r: &crate::Report, input: &Input) -> Vec<Diagnostic> {
    let mut found = rules::check_report(r);
    found.extend(rules::check_placement(r, input.rel()));
    found
}

/// Checks one report again on its own (the per-report rules, not those across reports): for a
/// file whose bytes changed after the whole set was checked.
pub fn recheck(bytes: &[u8], input: &Input, levels: &diag::Levels) -> Vec<Diagnostic> {
    let loaded = load::load_bytes(bytes, input.name());
    let mut diags = loaded.diagnostics;
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    if let (true, Some(r)) = (ok, &loaded.report) {
        diags.extend(rules_of(r, input));
    }
    let mut diags = levels.apply(diags);
    diag::sort(&mut diags);
    diags
}
