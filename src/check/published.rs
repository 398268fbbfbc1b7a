//! Published reports checked directly: a PDF, Word file or web page is imported in memory
//! (`xxgk import`), the YAML loaded and checked as any input, and every diagnostic placed back
//! into the published file — the line (for a PDF, the page and line) of the row concerned —
//! keeping the YAML path of the figure.

use crate::author::import::{self, Imported};
use crate::diag::{Code, Diagnostic, Severity};
use crate::input::load;
use std::path::Path;

/// Is this input a published report rather than an input YAML file?
pub fn is_published(path: &Path) -> bool {
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Where the rows of an imported report came from.
pub struct Sources {
    rows: Vec<(String, usize)>,
    kind: import::Kind,
}

impl Sources {
    /// The diagnostic pointed at the row of its YAML path in the published file (the row of
    /// the longest path it lies under, else the first row under it); nowhere in particular
    /// when the import did not find that part.
    pub fn relocate(&self, mut d: Diagnostic) -> Diagnostic {
        let under = |p: &str, q: &str| p == q || p.starts_with(&format!("{q}."));
        let line = self
            .rows
            .iter()
            .filter(|(p, _)| under(&d.path, p))
            .max_by_key(|(p, _)| p.len())
            .or_else(|| {
                self.rows
                    .iter()
                    .find(|(p, _)| !d.path.is_empty() && under(p, &d.path))
            })
            .map(|(_, l)| *l);
        d.related = None;
        d.span = None;
        d.place = None;
        if let Some(l) = line {
            import::locate(self.kind, &mut d, l);
        }
        d
    }
}

/// Imports and loads a published report: the fingerprint of its bytes, the report with the
/// import's diagnostics and the loader's (placed into the published file), and its sources.
pub fn load(path: &Path, name: &str) -> (u128, load::Loaded, Sources) {
    let bytes = std::fs::metadata(path)
        .ok()
        .filter(|m| m.len() <= import::MAX_IMPORT_BYTES as u64)
        .and_then(|_| std::fs::read(path).ok());
    let (hash, im) = match &bytes {
        Some(b) => (
            crate::util::digest::hash([b.as_slice()]),
            import::import_bytes(b, name, &import::default_tools()),
        ),
        None => (0, import::import_file(path, name)),
    };
    let Imported {
        yaml,
        diagnostics,
        kind,
        sources,
    } = im;
    let sources = Sources {
        rows: sources,
        kind,
    };
    // A table row the import did not find is an error (`--allow unverified-figures` lets it
    // pass): nothing empty is taken for a report.
    let mut diags: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|mut d| {
            let table = ["proactive", "applications", "reconsideration", "litigation"]
                .iter()
                .any(|t| d.path.starts_with(t));
            if d.code == Code::ImportMissing && table {
                d.code = Code::UnverifiedFigures;
                d.severity = Severity::Error;
            }
            d
        })
        .collect();
    if yaml.is_empty() {
        return (
            hash,
            load::Loaded {
                report: None,
                diagnostics: diags,
            },
            sources,
        );
    }
    let loaded = load::load_str(&yaml, name);
    // The marks the import wrote are the import's own diagnostics, already said.
    diags.extend(
        loaded
            .diagnostics
            .into_iter()
            .filter(|d| !matches!(d.code, Code::Unverified | Code::UnverifiedFigures))
            .map(|d| sources.relocate(d)),
    );
    (
        hash,
        load::Loaded {
            report: loaded.report,
            diagnostics: diags,
        },
        sources,
    )
}
