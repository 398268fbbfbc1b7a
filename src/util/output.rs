//! Writing outputs safely: never half a file, never outside the output folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that
/// a reader (or a build killed midway) sees the old file or the new one, never a truncated one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes (buffered), for outputs too large to hold whole.
/// If `write` fails, the temporary file is removed and `path` is left as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".xxgk-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    publish(tmp, path)
}

/// Renames a finished temporary file to `path`, readable like any output.
pub fn publish(tmp: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
    // Temporary files are private (0600); a published report is readable like any file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    // No fsync: rename is atomic against a killed process, which is what matters here;
    // syncing every file would make a large build wait on the disk for each one.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `out` joined with a relative path made only of normal components: `..`, roots and
/// prefixes are refused, so nothing is ever written outside `out`.
pub fn under(out: &Path, rel: &Path) -> Option<PathBuf> {
    let mut p = out.to_path_buf();
    let mut any = false;
    for c in rel.components() {
        match c {
            Component::Normal(s) => {
                p.push(s);
                any = true;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    any.then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_refuses_escapes() {
        let out = Path::new("build");
        assert_eq!(
            under(out, Path::new("2020/a")),
            Some(PathBuf::from("build/2020/a"))
        );
        assert_eq!(under(out, Path::new("../a")), None);
        assert_eq!(under(out, Path::new("/etc/a")), None);
        assert_eq!(under(out, Path::new("")), None);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x/y.txt");
        write_atomic(&p, b"old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("x")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
