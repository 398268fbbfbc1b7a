//! Finding report files and checking a whole set of them.

use crate::check;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::load;
use crate::model::Report;
use std::path::{Path, PathBuf};

/// One input file.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// How messages name it: the path as found (`inputs/2020/cixi-transport.yaml`).
    pub name: String,
    /// Where its outputs go below the output folder, without extension (`2020/cixi-transport`).
    pub rel: PathBuf,
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Finds the `.yaml`/`.yml` files under each path (a folder is walked, a file taken as is), in
/// a stable order. Problems (a missing path, a link that leads outside) are diagnostics.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::Io,
                    &display(root),
                    None,
                    "",
                    format!("找不到 `{}`：{e}", display(root)),
                    format!("cannot open `{}`: {e}", display(root)),
                ));
                continue;
            }
        };
        if meta.is_file() {
            let rel = PathBuf::from(root.file_stem().unwrap_or_default());
            found.push(Input {
                path: root.clone(),
                name: display(root),
                rel,
            });
            continue;
        }
        let canon_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let walker = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map(display).unwrap_or_else(|| display(root));
                    diags.push(Diagnostic::new(
                        Code::Io,
                        &p,
                        None,
                        "",
                        format!("无法读取：{e}"),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            if entry.path_is_symlink() {
                // A link is followed only when it stays inside the folder being read: a link to
                // elsewhere would publish a file nobody reviewed as part of this set.
                match std::fs::canonicalize(path) {
                    Ok(target)
                        if target.starts_with(&canon_root) && target.is_file() && is_yaml(path) => {
                    }
                    Ok(target)
                        if !target.starts_with(&canon_root)
                            && (is_yaml(path) || target.is_dir()) =>
                    {
                        let d = Diagnostic::new(
                            Code::LinkOutside,
                            &display(path),
                            None,
                            "",
                            format!(
                                "`{}` 是指向输入目录之外（{}）的链接，已跳过",
                                display(path),
                                display(&target)
                            ),
                            format!(
                                "`{}` links outside the input folder (to {}); skipped",
                                display(path),
                                display(&target)
                            ),
                        );
                        diags.push(d);
                        continue;
                    }
                    _ => continue,
                }
            } else if !entry.file_type().is_file() || !is_yaml(path) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
            found.push(Input {
                path: path.to_path_buf(),
                name: display(path),
                rel,
            });
        }
    }
    (found, diags)
}

/// The result of checking a set of files.
pub struct Checked {
    /// Each input with its report (None when the file could not be read at all).
    pub reports: Vec<(Input, Option<Report>)>,
    /// Every diagnostic, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self, file: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.file == file && d.severity == Severity::Error)
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }
}

/// Loads and checks every input, then the set as a whole.
pub fn check_all(inputs: Vec<Input>, levels: &diag::Levels) -> Checked {
    let mut diagnostics = Vec::new();
    let mut reports = Vec::new();
    let mut clean = Vec::new();
    for input in inputs {
        let loaded = load::load_file(&input.path, &input.name);
        // A file that did not load cleanly is not checked further: a figure that could not be
        // read counts as 0, and the checks would report differences that are not there.
        let ok = !loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        diagnostics.extend(loaded.diagnostics);
        if let (true, Some(r)) = (ok, &loaded.report) {
            diagnostics.extend(check::check_report(r));
        }
        clean.push(ok);
        reports.push((input, loaded.report));
    }
    let all: Vec<&Report> = reports
        .iter()
        .zip(&clean)
        .filter(|(_, ok)| **ok)
        .filter_map(|((_, r), _)| r.as_ref())
        .filter(|r| r.year != 0 && !r.agency.is_empty())
        .collect();
    diagnostics.extend(check::check_set(&all));
    let mut diagnostics = levels.apply(diagnostics);
    diag::sort(&mut diagnostics);
    Checked {
        reports,
        diagnostics,
    }
}
