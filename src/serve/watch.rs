//! Watching the inputs and the templates (`notify`, events gathered by
//! `notify-debouncer-full`). Folders are watched rather than files: an editor that saves by
//! writing another file and renaming it over the old one (vim, VS Code, WPS) replaces the file
//! watched, and a watch on the file itself would go with it.

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long changes are gathered before a rebuild: an editor's save is several events.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// What is watched, and which changes matter.
#[derive(Clone, Debug)]
pub struct Watched {
    /// Folders walked for inputs.
    pub dirs: Vec<PathBuf>,
    /// Input files given by name: their folders are watched, for them alone.
    pub files: Vec<PathBuf>,
    pub templates: Option<PathBuf>,
    /// The output folder, when it lies below an input folder: its changes are our own.
    pub out: PathBuf,
}

impl Watched {
    pub fn new(paths: &[PathBuf], templates: Option<&Path>, out: &Path) -> Watched {
        let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (dirs, files) = paths.iter().map(|p| abs(p)).partition(|p| p.is_dir());
        Watched {
            dirs,
            files,
            templates: templates.map(abs),
            out: abs(out),
        }
    }

    /// Whether a change of `path` (of this kind) calls for a rebuild.
    pub fn matters(&self, kind: &EventKind, path: &Path) -> bool {
        if matches!(kind, EventKind::Access(_)) || path.starts_with(&self.out) {
            return false;
        }
        if self.templates.as_ref().is_some_and(|t| path.starts_with(t)) {
            return true;
        }
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        if !self.dirs.iter().any(|d| path.starts_with(d)) {
            return false;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => true,
            // A folder renamed or removed takes its reports with it.
            None => {
                matches!(
                    kind,
                    EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
                ) && !path.is_file()
            }
            _ => false,
        }
    }
}

/// Starts watching; each batch of changes that matter sends one `()`.
pub fn start(watched: Watched, tx: Sender<()>) -> notify::Result<Watcher> {
    let w = watched.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        if let Ok(events) = res {
            let matters = events
                .iter()
                .any(|e| e.event.paths.iter().any(|p| w.matters(&e.event.kind, p)));
            if matters {
                let _ = tx.send(());
            }
        }
    })?;
    for d in &watched.dirs {
        debouncer.watch(d, RecursiveMode::Recursive)?;
    }
    // A file given by name, or a path that does not exist yet: its folder, when it exists.
    let mut parents: Vec<&Path> = watched
        .files
        .iter()
        .filter_map(|f| f.parent())
        .filter(|p| p.is_dir() && !watched.dirs.iter().any(|d| p.starts_with(d)))
        .collect();
    parents.sort();
    parents.dedup();
    for p in parents {
        debouncer.watch(p, RecursiveMode::NonRecursive)?;
    }
    if let Some(t) = &watched.templates {
        if t.is_dir() {
            debouncer.watch(t, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RemoveKind, RenameMode};

    #[test]
    fn what_matters() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("inputs")).unwrap();
        std::fs::create_dir(root.join("tpl")).unwrap();
        let w = Watched::new(
            &[root.join("inputs")],
            Some(&root.join("tpl")),
            &root.join("inputs/build"),
        );
        let modify = EventKind::Modify(ModifyKind::Any);
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(w.matters(&modify, &root.join("inputs/2023/a.yaml")));
        assert!(w.matters(&rename, &root.join("inputs/a.yml")));
        assert!(w.matters(
            &EventKind::Create(CreateKind::File),
            &root.join("tpl/report.html.tera")
        ));
        // Editors' swap and backup files, reads, our own outputs.
        assert!(!w.matters(&modify, &root.join("inputs/.a.yaml.swp")));
        assert!(!w.matters(&modify, &root.join("inputs/a.yaml~")));
        assert!(!w.matters(
            &EventKind::Access(AccessKind::Any),
            &root.join("inputs/a.yaml")
        ));
        assert!(!w.matters(&modify, &root.join("inputs/build/a.yaml")));
        assert!(!w.matters(&modify, &root.join("elsewhere/a.yaml")));
        // A folder of reports removed.
        assert!(w.matters(
            &EventKind::Remove(RemoveKind::Folder),
            &root.join("inputs/2023")
        ));
    }

    #[test]
    fn a_file_given_by_name_is_watched_alone_in_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("a.yaml"), "").unwrap();
        let w = Watched::new(&[root.join("a.yaml")], None, &root.join("out"));
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(w.matters(&modify, &root.join("a.yaml")));
        assert!(!w.matters(&modify, &root.join("b.yaml")));
    }
}
