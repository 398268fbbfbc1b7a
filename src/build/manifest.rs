//! The manifest of a build folder (`.xxgk-manifest.json`): what was built from what, so that a
//! rebuild costs what changed and the outputs of deleted inputs can be removed.
//!
//! It is JSON Lines, one report a line in the order of their slots (output locations), after a
//! header line with the version. A build reads the old manifest alongside its inputs, taken in
//! the same order, and writes the new one as it goes: neither is ever held whole, so memory
//! does not grow with the number of reports.

use crate::render::formats::Format;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

pub const FILE: &str = ".xxgk-manifest.json";
const VERSION: u32 = 2;

/// One report of the manifest. The output files are not listed: they are `<slot>.<ext>` for
/// each of its formats.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Entry {
    /// Where its outputs go below the output folder, `/`-separated, without extension
    /// (`2020/cixi-transport`).
    pub slot: String,
    /// The input file, absolute: its outputs go when it is deleted.
    pub input: PathBuf,
    /// The content hash of everything the outputs depend on.
    pub key: String,
    pub year: i32,
    pub agency: String,
    pub title: String,
    /// The formats written.
    pub formats: FormatSet,
    /// Its key figures for the index (none in a manifest of an older version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<super::dashboard::Figures>,
}

impl Entry {
    /// The output files, relative to the output folder, `/`-separated.
    pub fn files(&self) -> Vec<String> {
        self.formats
            .iter()
            .map(|f| format!("{}.{}", self.slot, f.ext()))
            .collect()
    }
}

/// A set of formats, as one byte; written as a list of extensions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatSet(u8);

impl FormatSet {
    pub fn insert(&mut self, f: Format) {
        self.0 |= 1 << f as u8;
    }

    pub fn contains(self, f: Format) -> bool {
        self.0 & (1 << f as u8) != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |&f| self.contains(f))
    }

    /// The formats of `self` that `other` does not have.
    pub fn without(self, other: FormatSet) -> FormatSet {
        FormatSet(self.0 & !other.0)
    }
}

impl Serialize for FormatSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Format::ext))
    }
}

impl<'de> Deserialize<'de> for FormatSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut set = FormatSet::default();
        for ext in Vec::<String>::deserialize(d)? {
            set.extend(Format::parse(&ext));
        }
        Ok(set)
    }
}

impl Extend<Format> for FormatSet {
    fn extend<I: IntoIterator<Item = Format>>(&mut self, iter: I) {
        for f in iter {
            self.insert(f);
        }
    }
}

#[derive(Deserialize, Serialize)]
struct Header {
    version: u32,
}

/// The manifest of version 1: one JSON object listing every output file.
#[derive(Deserialize)]
struct V1 {
    version: u32,
    reports: std::collections::BTreeMap<String, V1Entry>,
}

#[derive(Deserialize)]
struct V1Entry {
    input: PathBuf,
    key: String,
    year: i32,
    agency: String,
    title: String,
    files: Vec<String>,
}

/// The old manifest, read an entry at a time in slot order.
pub struct Reader {
    source: Source,
}

enum Source {
    None,
    Lines(std::io::Lines<BufReader<std::fs::File>>),
    /// A manifest of version 1, read whole (once: the build rewrites it in version 2).
    Whole(std::vec::IntoIter<Entry>),
}

impl Reader {
    /// The manifest in `out`. A missing or unreadable one reads as empty: every report is then
    /// built again (and outputs of inputs deleted since are not known).
    pub fn open(out: &Path) -> Reader {
        let source = Self::source(&out.join(FILE)).unwrap_or(Source::None);
        Reader { source }
    }

    fn source(path: &Path) -> Option<Source> {
        let file = std::fs::File::open(path).ok()?;
        let mut lines = BufReader::new(file).lines();
        let first = lines.next()?.ok()?;
        match serde_json::from_str::<Header>(&first) {
            Ok(h) if h.version == VERSION => return Some(Source::Lines(lines)),
            // Version 1 is one object, usually pretty-printed (its first line is `{`).
            Ok(h) if h.version != 1 => return None,
            _ => {}
        }
        let whole = std::fs::read(path).ok()?;
        let v1: V1 = serde_json::from_slice(&whole).ok()?;
        if v1.version != 1 {
            return None;
        }
        let entries: Vec<Entry> = v1
            .reports
            .into_iter()
            .map(|(slot, e)| {
                let mut formats = FormatSet::default();
                formats.extend(e.files.iter().filter_map(|f| {
                    Format::parse(f.strip_prefix(slot.as_str())?.strip_prefix('.')?)
                }));
                Entry {
                    slot,
                    input: e.input,
                    key: e.key,
                    year: e.year,
                    agency: e.agency,
                    title: e.title,
                    formats,
                    figures: None,
                }
            })
            .collect();
        Some(Source::Whole(entries.into_iter()))
    }
}

impl Iterator for Reader {
    type Item = Entry;

    /// The next entry; a line that cannot be read ends the manifest (the reports after it are
    /// built again).
    fn next(&mut self) -> Option<Entry> {
        let next = match &mut self.source {
            Source::None => None,
            Source::Lines(lines) => lines
                .next()
                .and_then(|l| l.ok())
                .and_then(|l| serde_json::from_str(&l).ok()),
            Source::Whole(entries) => entries.next(),
        };
        if next.is_none() {
            self.source = Source::None;
        }
        next
    }
}

/// The new manifest, written an entry at a time into a temporary file that replaces the old
/// manifest when the build ends.
pub struct Writer {
    file: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
    pub count: usize,
    last: Option<String>,
}

impl Writer {
    pub fn create(out: &Path) -> std::io::Result<Writer> {
        std::fs::create_dir_all(out)?;
        let tmp = tempfile::Builder::new()
            .prefix(".xxgk-")
            .suffix(".tmp")
            .tempfile_in(out)?;
        let mut file = BufWriter::with_capacity(64 * 1024, tmp);
        serde_json::to_writer(&mut file, &Header { version: VERSION })?;
        file.write_all(b"\n")?;
        Ok(Writer {
            file,
            path: out.join(FILE),
            count: 0,
            last: None,
        })
    }

    /// Adds an entry; entries come in slot order, each slot once.
    pub fn push(&mut self, e: &Entry) -> std::io::Result<()> {
        debug_assert!(
            self.last.as_deref().is_none_or(|l| l < e.slot.as_str()),
            "manifest entries in slot order"
        );
        if cfg!(debug_assertions) {
            self.last = Some(e.slot.clone());
        }
        serde_json::to_writer(&mut self.file, e)?;
        self.file.write_all(b"\n")?;
        self.count += 1;
        Ok(())
    }

    /// Replaces the old manifest with this one.
    pub fn finish(self) -> std::io::Result<()> {
        let tmp = self.file.into_inner().map_err(|e| e.into_error())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slot: &str) -> Entry {
        let mut formats = FormatSet::default();
        formats.extend([Format::Md, Format::Pdf]);
        Entry {
            slot: slot.into(),
            input: PathBuf::from(format!("/in/{slot}.yaml")),
            key: "k".into(),
            year: 2020,
            agency: "某局".into(),
            title: "某局2020年政府信息公开工作年度报告".into(),
            formats,
            figures: None,
        }
    }

    #[test]
    fn written_entries_read_back_in_order() {
        let d = tempfile::tempdir().unwrap();
        let mut w = Writer::create(d.path()).unwrap();
        for s in ["2019/a", "2020/a", "2020/b"] {
            w.push(&entry(s)).unwrap();
        }
        w.finish().unwrap();
        let back: Vec<Entry> = Reader::open(d.path()).collect();
        assert_eq!(back, ["2019/a", "2020/a", "2020/b"].map(entry));
        assert_eq!(back[0].files(), ["2019/a.md", "2019/a.pdf"]);
    }

    #[test]
    fn version_1_reads_its_files_as_formats() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join(FILE),
            r#"{
  "version": 1,
  "reports": {
    "2020/a": {"input": "/in/2020/a.yaml", "key": "k", "year": 2020, "agency": "某局",
      "title": "某局2020年政府信息公开工作年度报告", "files": ["2020/a.md", "2020/a.pdf"]}
  }
}"#,
        )
        .unwrap();
        let back: Vec<Entry> = Reader::open(d.path()).collect();
        assert_eq!(back, [entry("2020/a")]);
    }

    #[test]
    fn unreadable_manifests_read_as_empty() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(Reader::open(d.path()).count(), 0);
        std::fs::write(d.path().join(FILE), "{\"version\":9}\n{}").unwrap();
        assert_eq!(Reader::open(d.path()).count(), 0);
        std::fs::write(d.path().join(FILE), "not json").unwrap();
        assert_eq!(Reader::open(d.path()).count(), 0);
    }
}
