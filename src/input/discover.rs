//! Finding report files: folders walked for `.yaml`/`.yml` (and, for `check`, published reports), links followed within the inputs.

use crate::diag::{Code, Diagnostic, messages};

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

/// The extensions of published reports a folder walk of `xxgk check` picks as well (an audit of
/// a folder of downloaded reports); `build` walks for YAML only.
pub const PUBLISHED_EXTENSIONS: &[&str] = &["pdf", "docx", "doc", "wps", "html", "htm"];

fn is_published(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PUBLISHED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn display(p: &Path) -> String {
    slashed(p).into_owned()
}

/// A path as text, `/`-separated (borrowed when it already is).
pub fn slashed(p: &Path) -> std::borrow::Cow<'_, str> {
    let s = p.to_string_lossy();
    if s.contains('\\') {
        s.replace('\\', "/").into()
    } else {
        s
    }
}

/// Where a report's outputs go below the output folder, without extension: its path below the
/// nearest folder named `inputs` that holds it, so that building one file, its year's folder
/// or all of `inputs/` puts it in the same place (one report, one index entry); a file in no
/// `inputs` folder goes by its path below the folder given (`fallback`: see [`year_named`]).
fn out_rel(path: &Path, fallback: impl FnOnce() -> PathBuf) -> PathBuf {
    use std::path::Component;
    // Lexically absolute (`..` resolved, links not followed: a link inside the inputs is placed
    // where the link is).
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut abs = Vec::new();
    for c in full.components() {
        match c {
            Component::ParentDir => {
                abs.pop();
            }
            Component::CurDir => {}
            c => abs.push(c),
        }
    }
    let parents = &abs[..abs.len().saturating_sub(1)];
    match parents.iter().rposition(|c| c.as_os_str() == "inputs") {
        Some(i) => abs[i + 1..].iter().collect::<PathBuf>().with_extension(""),
        None => fallback(),
    }
}

/// The name of `dir` when it is named as a year (`汇总/2024` → `2024`). Outside `inputs/`, a
/// year's folder given to xxgk, or the folder of a file given, is kept in the output path:
/// `汇总/2024/summary.yaml` goes to `2024/summary` however it is named, so two years'
/// aggregates built into one folder do not overwrite each other. Only that folder counts, not
/// those above it (where the project lives must not move its outputs).
fn year_named(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    let name = abs
        .components()
        .rfind(|c| !matches!(c, std::path::Component::CurDir))?;
    is_year_name(name.as_os_str()).then(|| PathBuf::from(name.as_os_str()))
}

/// The year of the nearest folder named as a year in `rel`, an input's place below the inputs
/// (`2024/towns/a` → 2024): where it is filed, whatever the current folder.
pub fn folder_year(rel: &Path) -> Option<i32> {
    let parent = rel.parent()?;
    let year = parent
        .components()
        .rev()
        .find(|c| is_year_name(c.as_os_str()))?;
    year.as_os_str().to_str()?.parse().ok()
}

/// A folder named as a report's year: four digits, 19xx or 20xx.
fn is_year_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        n.len() == 4
            && n.bytes().all(|b| b.is_ascii_digit())
            && (n.starts_with("19") || n.starts_with("20"))
    })
}

/// Finds the `.yaml`/`.yml` files under each path (a folder is walked, a file taken as is), in
/// a stable order. Problems (a missing path, a link that leads outside) are diagnostics.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    discover_with(paths, false)
}

/// [`discover`]; with `published`, a folder walk also picks published reports
/// ([`PUBLISHED_EXTENSIONS`]). A file named explicitly is always taken, whatever its kind.
pub fn discover_with(paths: &[PathBuf], published: bool) -> (Vec<Input>, Vec<Diagnostic>) {
    let wanted = |p: &Path| is_yaml(p) || (published && is_published(p));
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let mut followed_links = false;
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                diags.push(Diagnostic::msg(
                    Code::Io,
                    &display(root),
                    None,
                    "",
                    messages::cannot_open(&display(root), &e),
                ));
                continue;
            }
        };
        if meta.is_file() {
            let rel = out_rel(root, || {
                let stem = PathBuf::from(root.file_stem().unwrap_or_default());
                let parent = root.parent().filter(|p| !p.as_os_str().is_empty());
                match year_named(parent.unwrap_or(Path::new("."))) {
                    Some(year) => year.join(stem),
                    None => stem,
                }
            });
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
                    // A loop of links has no OS error; it is said as the walker says it.
                    let err = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("a loop of links"));
                    diags.push(Diagnostic::msg(
                        Code::Io,
                        &p,
                        None,
                        "",
                        messages::cannot_read(&err),
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
                        if target.starts_with(&canon_root) && target.is_file() && wanted(path) =>
                    {
                        followed_links = true;
                    }
                    Ok(target)
                        if !target.starts_with(&canon_root)
                            && (wanted(path) || target.is_dir()) =>
                    {
                        let d = Diagnostic::msg(
                            Code::LinkOutside,
                            &display(path),
                            None,
                            "",
                            messages::link_outside(&display(path), &display(&target)),
                        );
                        diags.push(d);
                        continue;
                    }
                    _ => continue,
                }
            } else if !entry.file_type().is_file() || !wanted(path) {
                continue;
            }
            let rel = out_rel(path, || {
                let below = path.strip_prefix(root).unwrap_or(path).with_extension("");
                match year_named(root) {
                    Some(year) => year.join(below),
                    None => below,
                }
            });
            found.push(Input::new(path.to_path_buf(), rel));
        }
    }
    // A file reached twice (`inputs` and `inputs/2024`, or a file and a link to it) is one
    // input. Without links and with one folder no file can be; paths are compared by their
    // 128-bit fingerprints, sorted rather than hashed (memory stays small for 20,000 inputs).
    if paths.len() > 1 || followed_links {
        let fingerprint = |p: &Path| crate::util::digest::hash([p.as_os_str().as_encoded_bytes()]);
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
    // Compared as the manifest names them (`a\b` and `a/b` are one slot). Published reports
    // (checked, never built) have no outputs.
    let mut by_rel: Vec<usize> = (0..found.len())
        .filter(|&i| is_yaml(found[i].path()))
        .collect();
    by_rel.sort_by(|&a, &b| found[a].slot().cmp(&found[b].slot()).then(a.cmp(&b)));
    for same in by_rel.chunk_by(|&a, &b| found[a].slot() == found[b].slot()) {
        let first = found[same[0]].name();
        for i in same[1..].iter().map(|&n| &found[n]) {
            diags.push(Diagnostic::msg(
                Code::OutputClash,
                i.name(),
                None,
                "",
                messages::output_clash(i.name(), first, &display(i.rel())),
            ));
        }
    }
    (found, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_go_below_inputs_else_below_the_folder_given_keeping_a_years_folder() {
        let rel = |p: &str| out_rel(Path::new(p), || PathBuf::from("fallback"));
        assert_eq!(
            rel("site/inputs/2023/towns/a.yaml"),
            Path::new("2023/towns/a")
        );
        assert_eq!(rel("inputs/a.yaml"), Path::new("a"));
        assert_eq!(rel("2024/inputs/a.yaml"), Path::new("a"));
        assert_eq!(rel("汇总/2024/summary.yaml"), Path::new("fallback"));
        // The fallback keeps the folder given (or the file's) when it is named as a year, and
        // only that one: not a year further up, where the project happens to live.
        assert_eq!(
            year_named(Path::new("汇总/2024")),
            Some(PathBuf::from("2024"))
        );
        assert_eq!(
            year_named(Path::new("汇总/2024/")),
            Some(PathBuf::from("2024"))
        );
        assert_eq!(year_named(Path::new("2021/proj/reports")), None);
        assert_eq!(year_named(Path::new("reports/3024")), None);
    }

    #[test]
    fn the_year_of_a_file_is_that_of_its_nearest_year_folder() {
        let y = |p: &str| folder_year(Path::new(p));
        assert_eq!(y("inputs/2024/a.yaml"), Some(2024));
        assert_eq!(y("2023/inputs/2024/towns/a.yaml"), Some(2024));
        assert_eq!(y("inputs/a.yaml"), None);
        assert_eq!(y("2024.yaml"), None);
    }
}
