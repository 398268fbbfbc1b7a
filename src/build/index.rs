//! `index.html`: every report of the output folder, by year (newest first), agency and title.
//!
//! The reports arrive in slot order while the build runs; they are sorted for the page in
//! runs of a few thousand written to temporary files and merged (an external sort), and each
//! entry is rendered on its own into the page: memory stays the same for 200 or 200,000
//! reports.

use crate::build::manifest::{Entry, FormatSet};
use crate::render::{RenderError, Templates};
use crate::util::output;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::Path;

/// Entries sorted in memory before a run goes to disk.
const RUN: usize = 4096;

/// What the index shows of a report.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
struct Record {
    year: i32,
    agency: String,
    title: String,
    slot: String,
    formats: FormatSet,
}

impl Record {
    /// The page's order: newest year first, then agency and title; the slot breaks ties.
    fn order(&self, other: &Record) -> Ordering {
        other
            .year
            .cmp(&self.year)
            .then_with(|| self.agency.cmp(&other.agency))
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.slot.cmp(&other.slot))
    }
}

/// A record with its run, ordered for a min-heap.
struct Head(Record, usize);

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap pops the greatest.
        other.0.order(&self.0).then(other.1.cmp(&self.1))
    }
}

/// Collects the reports of the index, in any order.
pub struct Index {
    /// Where the runs go (anonymous files: gone when closed).
    dir: std::path::PathBuf,
    /// Records sorted in memory before they go to disk.
    run_size: usize,
    run: Vec<Record>,
    runs: Vec<std::fs::File>,
    years: BTreeMap<i32, usize>,
}

impl Index {
    /// An index whose runs go to anonymous files in `dir` (the output folder: not `/tmp`,
    /// which may be memory).
    pub fn new(dir: &Path) -> Index {
        Index::with_runs_of(dir, RUN)
    }

    fn with_runs_of(dir: &Path, run_size: usize) -> Index {
        Index {
            dir: dir.to_path_buf(),
            run_size,
            run: Vec::new(),
            runs: Vec::new(),
            years: BTreeMap::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    pub fn push(&mut self, e: &Entry) -> std::io::Result<()> {
        *self.years.entry(e.year).or_default() += 1;
        self.run.push(Record {
            year: e.year,
            agency: e.agency.clone(),
            title: e.title.clone(),
            slot: e.slot.clone(),
            formats: e.formats,
        });
        if self.run.len() >= self.run_size {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the current run, sorted, to an anonymous temporary file.
    fn spill(&mut self) -> std::io::Result<()> {
        self.run.sort_by(Record::order);
        std::fs::create_dir_all(&self.dir)?;
        let mut w = BufWriter::new(tempfile::tempfile_in(&self.dir)?);
        for r in self.run.drain(..) {
            serde_json::to_writer(&mut w, &r)?;
            w.write_all(b"\n")?;
        }
        let mut f = w.into_inner().map_err(|e| e.into_error())?;
        f.rewind()?;
        self.runs.push(f);
        Ok(())
    }

    /// Every record in the page's order.
    fn sorted(mut self) -> std::io::Result<Box<dyn Iterator<Item = std::io::Result<Record>>>> {
        if self.runs.is_empty() {
            self.run.sort_by(Record::order);
            return Ok(Box::new(self.run.into_iter().map(Ok)));
        }
        if !self.run.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<_> = self
            .runs
            .into_iter()
            .map(|f| BufReader::new(f).lines())
            .collect();
        let read = |lines: &mut std::io::Lines<BufReader<std::fs::File>>| {
            lines.next().map(|l| {
                l.and_then(|l| serde_json::from_str::<Record>(&l).map_err(std::io::Error::other))
            })
        };
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(rec) = read(r) {
                heap.push(Head(rec?, i));
            }
        }
        Ok(Box::new(std::iter::from_fn(move || {
            let Head(rec, i) = heap.pop()?;
            match read(&mut readers[i]) {
                Some(Ok(next)) => heap.push(Head(next, i)),
                Some(Err(e)) => return Some(Err(e)),
                None => {}
            }
            Some(Ok(rec))
        })))
    }

    /// Writes `index.html` at `path` (atomically): the page template rendered with a marker
    /// for each year's list, and in its place the year's entries, each rendered by
    /// `index-entry.html.tera` as it is written.
    pub fn write(self, templates: &Templates, path: &Path) -> Result<(), IndexError> {
        let years: Vec<Year> = self
            .years
            .iter()
            .rev()
            .enumerate()
            .map(|(i, (&year, &count))| Year {
                year,
                count,
                entries: format!("\u{1}xxgk-index-{i}\u{1}"),
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("years", &years);
        ctx.insert("generator", crate::render::GENERATOR);
        // What a page template must do, told with any failure of it: a template written for
        // the index as it was (looping over each year's entries itself) fails to render.
        const CONTRACT: &str = "the page must print `{{ y.entries | safe }}` once for each year, \
            in the order of `years` (`y.year`, `y.count`); each report's line is drawn by \
            index-entry.html.tera (`e.agency`, `e.title`, `e.year`, `e.links`)";
        let contract = |problem: String| {
            IndexError::Render(RenderError::Template {
                name: "index.html.tera".into(),
                message: format!("{problem}; {CONTRACT}"),
            })
        };
        let page = templates.render("index.html.tera", &ctx).map_err(|e| {
            contract(match e {
                RenderError::Template { message, .. } => message,
                other => other.to_string(),
            })
        })?;
        // Each year's marker once, in order: anything else would drop or misplace entries.
        let mut at = 0;
        for y in &years {
            let found = page[at..].find(&y.entries).map(|i| at + i);
            let once = found.is_some_and(|i| !page[i + y.entries.len()..].contains(&y.entries));
            match found {
                Some(i) if once => at = i + y.entries.len(),
                _ => {
                    return Err(contract(format!(
                        "the entries of {} are missing, repeated or out of order",
                        y.year
                    )));
                }
            }
        }
        let mut records = self.sorted()?;
        let mut failed = None;
        output::write_atomic_with(path, |w| {
            let mut rest = page.as_str();
            for y in &years {
                let entries = records.by_ref().take(y.count);
                let (before, after) = rest.split_once(&y.entries).expect("checked above");
                w.write_all(before.as_bytes())?;
                for r in entries {
                    match entry_html(templates, &r?) {
                        Ok(h) => w.write_all(h.as_bytes())?,
                        Err(e) => {
                            failed = Some(e);
                            return Err(std::io::Error::other("index entry"));
                        }
                    }
                }
                rest = after;
            }
            w.write_all(rest.as_bytes())
        })
        .map_err(|e| match failed.take() {
            Some(f) => IndexError::Render(f),
            None => IndexError::Io(e),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

#[derive(Serialize)]
struct Year {
    year: i32,
    count: usize,
    /// Where the year's entries go (a marker the page prints with `| safe`).
    entries: String,
}

#[derive(Serialize)]
struct Link {
    format: &'static str,
    /// Percent-encoded, so it is safe in an attribute as it is.
    href: String,
}

#[derive(Serialize)]
struct EntryView<'a> {
    agency: &'a str,
    title: &'a str,
    year: i32,
    links: Vec<Link>,
}

fn entry_html(templates: &Templates, r: &Record) -> Result<String, RenderError> {
    let links = r
        .formats
        .iter()
        .map(|f| Link {
            format: f.ext(),
            href: format!("{}.{}", r.slot, f.ext())
                .split('/')
                .map(percent)
                .collect::<Vec<_>>()
                .join("/"),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert(
        "e",
        &EntryView {
            agency: &r.agency,
            title: &r.title,
            year: r.year,
            links,
        },
    );
    templates.render("index-entry.html.tera", &ctx)
}

/// Percent-encodes a path segment for an href.
pub fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Format;

    fn entry(i: usize) -> Entry {
        let mut formats = FormatSet::default();
        formats.insert(Format::Html);
        Entry {
            slot: format!("s/{i:05}"),
            input: format!("/in/{i}.yaml").into(),
            key: String::new(),
            year: 2019 + (i * 7 % 5) as i32,
            agency: format!("机关{}", i * 13 % 97),
            title: format!("标题{}", i % 3),
            formats,
        }
    }

    #[test]
    fn runs_on_disk_merge_into_the_same_order_as_one_sort() {
        let n = 1000 * 2 + 123;
        let d = tempfile::tempdir().unwrap();
        let mut on_disk = Index::with_runs_of(d.path(), 1000);
        let mut all: Vec<Record> = Vec::new();
        for i in 0..n {
            let e = entry(i);
            on_disk.push(&e).unwrap();
            all.push(Record {
                year: e.year,
                agency: e.agency,
                title: e.title,
                slot: e.slot,
                formats: e.formats,
            });
        }
        assert_eq!(on_disk.runs.len(), 2, "two runs spilled");
        all.sort_by(Record::order);
        let merged: Vec<Record> = on_disk.sorted().unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(merged.len(), n);
        assert!(merged == all, "merged runs are in the page's order");
        assert!(merged[0].year == 2023 && merged[n - 1].year == 2019);
    }

    #[test]
    fn the_page_is_the_same_from_runs_on_disk() {
        let templates = Templates::load(None).unwrap();
        let d = tempfile::tempdir().unwrap();
        let (mut small, mut large) = (Index::with_runs_of(d.path(), 7), Index::new(d.path()));
        for i in 0..50 {
            small.push(&entry(i)).unwrap();
            large.push(&entry(i)).unwrap();
        }
        assert_eq!(small.runs.len(), 7);
        small.write(&templates, &d.path().join("a.html")).unwrap();
        large.write(&templates, &d.path().join("b.html")).unwrap();
        let a = std::fs::read_to_string(d.path().join("a.html")).unwrap();
        assert_eq!(a, std::fs::read_to_string(d.path().join("b.html")).unwrap());
        assert_eq!(a.matches("<li>").count(), 50);
        let years: Vec<usize> = ["2023年", "2022年", "2021年", "2020年", "2019年"]
            .iter()
            .map(|y| a.find(y).unwrap())
            .collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]), "newest first");
    }

    #[test]
    fn percent_encodes_all_but_unreserved() {
        assert_eq!(percent("示例 a.md"), "%E7%A4%BA%E4%BE%8B%20a.md");
    }
}
