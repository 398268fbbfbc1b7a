//! Finding report files and checking a whole set of them.

use crate::check;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::load;
use std::path::{Path, PathBuf};

/// One input file. A build holds one of these for every input until it ends, so it is kept
/// small: the path is stored once, as its name, unless the name is not the path itself.
#[derive(Clone, Debug)]
pub struct Input {
    name: Box<str>,
    /// The path, when `name` is not it (not UTF-8, or `\`-separated).
    raw: Option<Box<Path>>,
    rel: Rel,
}

#[derive(Clone, Debug)]
enum Rel {
    /// A byte range of `name`.
    Range(u32, u32),
    Owned(Box<Path>),
}

impl Input {
    /// The input at `path`, whose outputs go to `rel` (relative, without extension).
    pub fn new(path: PathBuf, rel: PathBuf) -> Input {
        let name = display(&path).into_boxed_str();
        let raw = (Path::new(&*name) != path).then(|| path.into_boxed_path());
        let rel = rel
            .to_str()
            .and_then(|r| {
                let start = name.rfind(r)?;
                Some(Rel::Range(
                    u32::try_from(start).ok()?,
                    u32::try_from(start + r.len()).ok()?,
                ))
            })
            .unwrap_or_else(|| Rel::Owned(rel.into_boxed_path()));
        Input { name, raw, rel }
    }

    /// How messages name it: the path as found (`inputs/2020/cixi-transport.yaml`).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn path(&self) -> &Path {
        self.raw.as_deref().unwrap_or(Path::new(&*self.name))
    }

    /// Its place in a build's manifest: [`Input::rel`] as text, `/`-separated.
    pub fn slot(&self) -> std::borrow::Cow<'_, str> {
        slashed(self.rel())
    }

    /// Where its outputs go below the output folder, without extension (`2020/cixi-transport`).
    pub fn rel(&self) -> &Path {
        match &self.rel {
            Rel::Range(a, b) => Path::new(&self.name[*a as usize..*b as usize]),
            Rel::Owned(p) => p,
        }
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn display(p: &Path) -> String {
    slashed(p).into_owned()
}

/// A path as text, `/`-separated (borrowed when it already is).
fn slashed(p: &Path) -> std::borrow::Cow<'_, str> {
    let s = p.to_string_lossy();
    if s.contains('\\') {
        s.replace('\\', "/").into()
    } else {
        s
    }
}

/// Finds the `.yaml`/`.yml` files under each path (a folder is walked, a file taken as is), in
/// a stable order. Problems (a missing path, a link that leads outside) are diagnostics.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let mut followed_links = false;
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
            found.push(Input::new(root.clone(), rel));
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
                        if target.starts_with(&canon_root) && target.is_file() && is_yaml(path) =>
                    {
                        followed_links = true;
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
            found.push(Input::new(path.to_path_buf(), rel));
        }
    }
    // A file reached twice (`inputs` and `inputs/2024`, or a file and a link to it) is one
    // input. Without links and with one folder no file can be; paths are compared by their
    // 128-bit fingerprints, sorted rather than hashed (memory stays small for 20,000 inputs).
    if paths.len() > 1 || followed_links {
        let fingerprint = |p: &Path| crate::digest::hash([p.as_os_str().as_encoded_bytes()]);
        let mut keyed: Vec<(u128, usize)> = found
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let canon = std::fs::canonicalize(i.path());
                (fingerprint(canon.as_deref().unwrap_or(i.path())), n)
            })
            .collect();
        keyed.sort_unstable();
        let mut twice = vec![false; found.len()];
        for same in keyed.chunk_by(|a, b| a.0 == b.0) {
            for &(_, n) in &same[1..] {
                twice[n] = true;
            }
        }
        let mut n = 0;
        found.retain(|_| {
            n += 1;
            !twice[n - 1]
        });
    }
    // Two inputs whose outputs would land on the same files (`2023/x.yaml` and `2024/x.yaml`
    // named directly, `a.yaml` beside `a.yml`): the second is an error, never a silent overwrite.
    // Compared as the manifest names them (`a\b` and `a/b` are one slot).
    let mut by_rel: Vec<usize> = (0..found.len()).collect();
    by_rel.sort_by(|&a, &b| found[a].slot().cmp(&found[b].slot()).then(a.cmp(&b)));
    for same in by_rel.chunk_by(|&a, &b| found[a].slot() == found[b].slot()) {
        let first = found[same[0]].name();
        for i in same[1..].iter().map(|&n| &found[n]) {
            diags.push(Diagnostic::new(
                Code::OutputClash,
                i.name(),
                None,
                "",
                format!(
                    "`{}` 与 `{first}` 的输出文件同名（{}.*），会互相覆盖；请改名，或把所在目录整体交给 xxgk",
                    i.name(),
                    display(i.rel())
                ),
                format!(
                    "`{}` and `{first}` would write the same output files ({}.*); rename one, or give xxgk their folder",
                    i.name(),
                    display(i.rel())
                ),
            ));
        }
    }
    (found, diags)
}

/// The result of checking a set of files.
/// Of each input, only what the set-wide checks and the build need is kept, not the report
/// itself (which is read again when it is built): memory stays flat however many there are.
pub struct Checked {
    pub inputs: Vec<Input>,
    /// By input: the report loaded without errors (so it was checked, and may be built).
    pub loaded: Vec<bool>,
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

/// Inputs being checked or waiting for an earlier one: at most this many reports are held.
const WINDOW: usize = 64;

/// [`check_all`] on `jobs` threads. Each report is held only while it is checked, and of each
/// only what the set-wide checks need is kept (its agency as a fingerprint and its year); the
/// reports of a duplicate or a continuity pair are read again.
pub fn check_all_jobs(inputs: Vec<Input>, levels: &diag::Levels, jobs: usize) -> Checked {
    let mut diagnostics = Vec::new();
    let mut loaded = Vec::with_capacity(inputs.len());
    // (agency fingerprint, year) and the input each belongs to.
    let mut keys: Vec<([u64; 2], i32)> = Vec::new();
    let mut idx: Vec<u32> = Vec::new();
    let checked = crate::par::ordered(
        &inputs,
        jobs,
        WINDOW,
        |input| {
            let loaded = load::load_file(input.path(), input.name());
            // A file that did not load cleanly is not checked further: a figure that could not
            // be read counts as 0, and the checks would report differences that are not there.
            let ok = !loaded
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            let mut diags = loaded.diagnostics;
            let mut key = None;
            if let (true, Some(r)) = (ok, &loaded.report) {
                diags.extend(check::check_report(r));
                if r.year != 0 && !r.agency.is_empty() {
                    let h = crate::digest::hash([r.agency.as_bytes()]);
                    key = Some(([(h >> 64) as u64, h as u64], r.year));
                }
            }
            (ok && loaded.report.is_some(), key, diags)
        },
        |(ok, key, diags)| {
            diagnostics.extend(diags);
            if let Some(k) = key {
                keys.push(k);
                idx.push(loaded.len() as u32);
            }
            loaded.push(ok);
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(()) = checked;
    let (dups, pairs) = check::plan_keys(&keys);
    drop(keys);
    let input = |i: usize| &inputs[idx[i] as usize];
    let load = |i: usize| load::load_file(input(i).path(), input(i).name()).report;
    // Fingerprints stand for agencies: the reports read again confirm that the names match.
    let same_agency = |a: &crate::Report, b: &crate::Report| a.agency == b.agency;
    for (f, d) in dups {
        if let (Some(a), Some(b)) = (load(f), load(d)) {
            if same_agency(&a, &b) {
                diagnostics.push(check::duplicate(
                    &check::SetEntry::of(&a),
                    &check::SetEntry::of(&b),
                ));
            }
        }
    }
    let pair_diags = crate::par::map(&pairs, jobs, |&(p, n)| match (load(p), load(n)) {
        (Some(a), Some(b)) if same_agency(&a, &b) => check::check_consecutive(&a, &b),
        _ => Vec::new(),
    });
    diagnostics.extend(pair_diags.into_iter().flatten());
    let mut diagnostics = levels.apply(diagnostics);
    diag::sort(&mut diagnostics);
    Checked {
        inputs,
        loaded,
        diagnostics,
    }
}
