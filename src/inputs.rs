//! Finding report files and checking a whole set of them.

use crate::check;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::load;
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
    // A file reached twice (`inputs` and `inputs/2024`) is one input.
    let mut seen = std::collections::HashSet::new();
    found.retain(|i: &Input| {
        seen.insert(std::fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone()))
    });
    // Two inputs whose outputs would land on the same files (`2023/x.yaml` and `2024/x.yaml`
    // named directly, `a.yaml` beside `a.yml`): the second is an error, never a silent overwrite.
    let mut slots: std::collections::HashMap<PathBuf, String> = std::collections::HashMap::new();
    for i in &found {
        if let Some(first) = slots.get(&i.rel) {
            diags.push(Diagnostic::new(
                Code::OutputClash,
                &i.name,
                None,
                "",
                format!(
                    "`{}` 与 `{first}` 的输出文件同名（{}.*），会互相覆盖；请改名，或把所在目录整体交给 xxgk",
                    i.name,
                    display(&i.rel)
                ),
                format!(
                    "`{}` and `{first}` would write the same output files ({}.*); rename one, or give xxgk their folder",
                    i.name,
                    display(&i.rel)
                ),
            ));
        } else {
            slots.insert(i.rel.clone(), i.name.clone());
        }
    }
    (found, diags)
}

/// One input after checking: what the set-wide checks and the build need, not the report
/// itself (which is read again when it is built: memory stays flat however many there are).
#[derive(Clone, Debug)]
pub struct Status {
    pub input: Input,
    /// The report loaded without errors (so it was checked, and may be built).
    pub loaded: bool,
}

/// The result of checking a set of files.
pub struct Checked {
    pub statuses: Vec<Status>,
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

/// Loads and checks every input, then the set as a whole, on all cores.
pub fn check_all(inputs: Vec<Input>, levels: &diag::Levels) -> Checked {
    check_all_jobs(inputs, levels, crate::par::default_jobs())
}

/// [`check_all`] on `jobs` threads. Each report is held only while it is checked; the
/// continuity checks read the two reports of each pair again.
pub fn check_all_jobs(inputs: Vec<Input>, levels: &diag::Levels, jobs: usize) -> Checked {
    let first = crate::par::map(&inputs, jobs, |input| {
        let loaded = load::load_file(&input.path, &input.name);
        // A file that did not load cleanly is not checked further: a figure that could not be
        // read counts as 0, and the checks would report differences that are not there.
        let ok = !loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let mut diags = loaded.diagnostics;
        let mut entry = None;
        if let (true, Some(r)) = (ok, &loaded.report) {
            diags.extend(check::check_report(r));
            if r.year != 0 && !r.agency.is_empty() {
                entry = Some(check::SetEntry::of(r));
            }
        }
        (ok && loaded.report.is_some(), entry, diags)
    });
    let mut diagnostics = Vec::new();
    let mut statuses = Vec::with_capacity(inputs.len());
    // The set entries are needed only for the set checks below, not kept in the statuses.
    let mut idx = Vec::new();
    let mut entries = Vec::new();
    for (i, (input, (loaded, entry, diags))) in inputs.into_iter().zip(first).enumerate() {
        diagnostics.extend(diags);
        statuses.push(Status { input, loaded });
        if let Some(e) = entry {
            idx.push(i);
            entries.push(e);
        }
    }
    let (dups, pairs) = check::plan_set(&entries);
    diagnostics.extend(dups);
    let pair_diags = crate::par::map(&pairs, jobs, |&(p, n)| {
        let (p, n) = (&statuses[idx[p]].input, &statuses[idx[n]].input);
        match (
            load::load_file(&p.path, &p.name).report,
            load::load_file(&n.path, &n.name).report,
        ) {
            (Some(a), Some(b)) => check::check_consecutive(&a, &b),
            _ => Vec::new(),
        }
    });
    diagnostics.extend(pair_diags.into_iter().flatten());
    let mut diagnostics = levels.apply(diagnostics);
    diag::sort(&mut diagnostics);
    Checked {
        statuses,
        diagnostics,
    }
}
