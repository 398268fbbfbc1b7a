//! One rebuild and what it leaves to serve: the state of every report (its diagnostics, the
//! cells they concern, a draft of a report with errors), made through the same check and
//! incremental build as `xxgk build`.

use super::cells::{self, CellRef};
use crate::Severity;
use crate::build::{self, BuildOptions, Failure};
use crate::check;
use crate::diag::{self, Diagnostic};
use crate::input::load;
use crate::render::formats::{Format, Prepared};
use crate::render::{Templates, pdf};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// A diagnostic with what the page shows of it besides.
#[derive(Clone, Debug)]
pub struct Shown {
    pub diag: Diagnostic,
    /// Its source line.
    pub line: Option<String>,
    /// The table cells it concerns.
    pub cells: Vec<CellRef>,
}

/// One report after a rebuild.
#[derive(Clone, Debug)]
pub struct ReportState {
    /// The input, as messages name it.
    pub name: String,
    /// Its outputs' place below the output folder, without extension.
    pub slot: String,
    pub diags: Vec<Shown>,
    pub errors: usize,
    pub warnings: usize,
    /// A report with errors whose figures could be read: its page drawn from them as they are.
    pub draft: Option<Arc<str>>,
    /// Its page of the last build without errors, kept while it has errors.
    pub last_good: Option<Arc<str>>,
}

/// Everything a rebuild leaves to serve.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// In slot order.
    pub reports: Vec<ReportState>,
    /// Diagnostics about no input of the set (a path that does not exist).
    pub other: Vec<Shown>,
    pub failures: Vec<Failure>,
    /// What stopped the build as a whole (a broken template), zh and en.
    pub problem: Option<(String, String)>,
    pub took: Duration,
}

impl Snapshot {
    pub fn report(&self, slot: &str) -> Option<&ReportState> {
        self.reports
            .binary_search_by(|r| r.slot.as_str().cmp(slot))
            .ok()
            .map(|i| &self.reports[i])
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.reports
            .iter()
            .map(|r| match sev {
                Severity::Error => r.errors,
                Severity::Warning => r.warnings,
            })
            .sum::<usize>()
            + self.other.iter().filter(|s| s.diag.severity == sev).count()
    }
}

/// Rebuilds on demand, keeping what it needs between rebuilds: the last good page of each
/// report.
pub struct Builder {
    pub paths: Vec<PathBuf>,
    pub opts: BuildOptions,
    /// By slot: the HTML on disk as last read (its modification time and length) and its text.
    last_good: HashMap<String, (SystemTime, u64, Arc<str>)>,
}

impl Builder {
    pub fn new(paths: Vec<PathBuf>, opts: BuildOptions) -> Builder {
        Builder {
            paths,
            opts,
            last_good: HashMap::new(),
        }
    }

    /// Checks every input and builds what changed into the output folder.
    pub fn rebuild(&mut self) -> Snapshot {
        let started = Instant::now();
        let checked = check::check_paths(&self.paths, &self.opts.levels, self.opts.jobs);
        let inputs = checked.inputs.clone();
        let loaded = checked.loaded.clone();
        // The templates are read again each time: they are watched too.
        let templates = Templates::load(self.opts.templates.as_deref());
        let (diagnostics, failures, problem, templates) = match templates {
            Ok(templates) => {
                match build::build_checked_with(checked, &templates, &self.opts, &|_, _, _| {}) {
                    Ok(r) => (r.diagnostics, r.failures, None, Some(templates)),
                    Err(e) => (Vec::new(), Vec::new(), Some(both(&e)), Some(templates)),
                }
            }
            Err(e) => (checked.diagnostics, Vec::new(), Some(both(&e)), None),
        };
        let mut by_file: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in &diagnostics {
            by_file.entry(d.file.as_str()).or_default().push(d);
        }
        let mut reports: Vec<ReportState> = Vec::with_capacity(inputs.len());
        for (i, input) in inputs.iter().enumerate() {
            let slot = input.slot().into_owned();
            let diags = by_file.remove(input.name()).unwrap_or_default();
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = diags.len() - errors;
            let html = self.opts.out.join(format!("{slot}.html"));
            let last_good = if errors == 0 {
                self.remember(&slot, &html);
                None
            } else {
                self.last_good.get(&slot).map(|(_, _, t)| t.clone())
            };
            let (shown, draft) = if diags.is_empty() {
                (Vec::new(), None)
            } else {
                show(
                    input.path(),
                    input.name(),
                    &diags,
                    loaded[i] && errors > 0,
                    templates.as_ref(),
                )
            };
            reports.push(ReportState {
                name: input.name().to_string(),
                slot,
                diags: shown,
                errors,
                warnings,
                draft,
                last_good,
            });
        }
        reports.sort_by(|a, b| a.slot.cmp(&b.slot));
        reports.dedup_by(|a, b| a.slot == b.slot);
        let other = by_file
            .into_values()
            .flatten()
            .map(|d| Shown {
                diag: d.clone(),
                line: None,
                cells: Vec::new(),
            })
            .collect();
        Snapshot {
            reports,
            other,
            failures,
            problem,
            took: started.elapsed(),
        }
    }

    /// Reads the report's page when it changed on disk since it was last read.
    fn remember(&mut self, slot: &str, html: &Path) {
        let Ok(meta) = std::fs::metadata(html) else {
            return;
        };
        let (Ok(mtime), len) = (meta.modified(), meta.len()) else {
            return;
        };
        if let Some((t, l, _)) = self.last_good.get(slot) {
            if *t == mtime && *l == len {
                return;
            }
        }
        if let Ok(text) = std::fs::read_to_string(html) {
            self.last_good
                .insert(slot.to_string(), (mtime, len, Arc::from(text)));
        }
    }
}

fn both(e: &dyn std::fmt::Display) -> (String, String) {
    let text = e.to_string();
    (format!("模板或输出错误：{text}"), text)
}

/// The diagnostics of one file with their source lines and cells, and the draft of its page
/// when `draft` (it has errors but its figures were read).
fn show(
    path: &Path,
    name: &str,
    diags: &[&Diagnostic],
    draft: bool,
    templates: Option<&Templates>,
) -> (Vec<Shown>, Option<Arc<str>>) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let src = String::from_utf8_lossy(&bytes);
    let report = if draft || diags.iter().any(|d| !d.labels.is_empty()) {
        load::load_bytes(&bytes, name).report
    } else {
        None
    };
    let shown = diags
        .iter()
        .map(|d| Shown {
            diag: (*d).clone(),
            line: d
                .span
                .and_then(|s| diag::source_line(&src, s.line))
                .map(str::to_string),
            cells: report
                .as_ref()
                .map(|r| cells::locate(r, d))
                .unwrap_or_default(),
        })
        .collect();
    let page = match (draft, &report, templates) {
        (true, Some(r), Some(t)) => Prepared::new(r, t, &pdf::default_fonts(), None)
            .ok()
            .and_then(|p| Format::Html.render(&p).ok())
            .and_then(|b| String::from_utf8(b).ok())
            .map(Arc::from),
        _ => None,
    };
    (shown, page)
}
