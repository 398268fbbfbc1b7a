//! `index.html`, a dashboard of the output folder: for each year (newest first) a table of the
//! bodies with their status (published, late, errors and warnings linking to the diagnostics
//! at the foot of the page) and key figures, and the year's sums; for each body its figures
//! year on year with the changes that stand out; charts of the years' sums.
//!
//! The reports arrive in slot order while the build runs; they are sorted for the page twice
//! (by year, and by body) in runs of a few thousand written to temporary files and merged (an
//! external sort), and each entry is rendered on its own into the page: memory stays the same
//! for 200 or 200,000 reports. What a report brings is a small fixed-size record
//! ([`Figures`], [`Status`]) besides its names.

use crate::build::dashboard::{self, Figures};
use crate::build::manifest::{Entry, FormatSet};
use crate::diag::{Diagnostic, Severity};
use crate::render::escape::html_text;
use crate::render::{RenderError, Templates};
use crate::util::output;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::Path;

/// Entries sorted in memory before a run goes to disk.
const RUN: usize = 4096;

/// A name's place in a Chinese list: each character by its pinyin and tone (`jiao1 `), as
/// dictionaries and spreadsheets order Chinese; other characters as they are, lower-cased.
/// (By code point 丙镇 came before 乙区 and 甲县.)
pub fn collation_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut key = String::with_capacity(name.len() * 2);
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => {
                key.push_str(p.with_tone_num_end());
                key.push(' ');
            }
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Where a report stands in this build's check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Status {
    pub errors: u32,
    pub warnings: u32,
    /// `problems-repeated`: 问题 text (nearly) as last year's.
    pub repeated: bool,
    /// Its diagnostics' place at the foot of the page (`#d-N`), 0 when it has none.
    pub anchor: u32,
}

/// What the index shows of a report.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
struct Record {
    year: i32,
    agency: String,
    /// The agency's place in a Chinese list: [`collation_key`].
    collation: String,
    title: String,
    slot: String,
    formats: FormatSet,
    /// None when the report could not be read.
    figures: Option<Figures>,
    status: Status,
}

impl Record {
    /// The page's order: newest year first, then agency and title; the slot breaks ties.
    fn order(&self, other: &Record) -> Ordering {
        other
            .year
            .cmp(&self.year)
            .then_with(|| self.collation.cmp(&other.collation))
            .then_with(|| self.agency.cmp(&other.agency))
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.slot.cmp(&other.slot))
    }

    /// The bodies' order: agency, then oldest year first.
    fn body_order(&self, other: &Record) -> Ordering {
        self.collation
            .cmp(&other.collation)
            .then_with(|| self.agency.cmp(&other.agency))
            .then_with(|| self.year.cmp(&other.year))
            .then_with(|| self.slot.cmp(&other.slot))
    }
}

type Order = fn(&Record, &Record) -> Ordering;

/// A record with its run and the order, for a min-heap.
struct Head(Record, usize, Order);

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
        (self.2)(&other.0, &self.0).then(other.1.cmp(&self.1))
    }
}

/// Records sorted in one order: in memory, then in runs on disk, merged when read.
struct Runs {
    /// Where the runs go (anonymous files: gone when closed).
    dir: std::path::PathBuf,
    order: Order,
    /// Records sorted in memory before they go to disk.
    run_size: usize,
    run: Vec<Record>,
    runs: Vec<std::fs::File>,
}

impl Runs {
    fn push(&mut self, r: Record) -> std::io::Result<()> {
        self.run.push(r);
        if self.run.len() >= self.run_size {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the current run, sorted, to an anonymous temporary file.
    fn spill(&mut self) -> std::io::Result<()> {
        self.run.sort_by(self.order);
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

    /// Every record in order.
    fn sorted(mut self) -> std::io::Result<Box<dyn Iterator<Item = std::io::Result<Record>>>> {
        if self.runs.is_empty() {
            self.run.sort_by(self.order);
            return Ok(Box::new(self.run.into_iter().map(Ok)));
        }
        if !self.run.is_empty() {
            self.spill()?;
        }
        let order = self.order;
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
                heap.push(Head(rec?, i, order));
            }
        }
        Ok(Box::new(std::iter::from_fn(move || {
            let Head(rec, i, _) = heap.pop()?;
            match read(&mut readers[i]) {
                Some(Ok(next)) => heap.push(Head(next, i, order)),
                Some(Err(e)) => return Some(Err(e)),
                None => {}
            }
            Some(Ok(rec))
        })))
    }
}

/// A year's sums.
#[derive(Clone, Copy, Debug, Default)]
struct YearSum {
    count: usize,
    /// Reports in the sums (those without errors).
    counted: usize,
    figures: Figures,
    late: usize,
    /// Reports with errors, with warnings.
    errors: usize,
    warnings: usize,
}

/// Collects the reports of the index, in any order.
pub struct Index {
    by_year: Runs,
    by_body: Runs,
    years: BTreeMap<i32, YearSum>,
}

impl Index {
    /// An index whose runs go to anonymous files in `dir` (the output folder: not `/tmp`,
    /// which may be memory).
    pub fn new(dir: &Path) -> Index {
        Index::with_runs_of(dir, RUN)
    }

    fn with_runs_of(dir: &Path, run_size: usize) -> Index {
        let runs = |order: Order| Runs {
            dir: dir.to_path_buf(),
            order,
            run_size,
            run: Vec::new(),
            runs: Vec::new(),
        };
        Index {
            by_year: runs(Record::order),
            by_body: runs(Record::body_order),
            years: BTreeMap::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// A report built (or up to date, or kept from an earlier build).
    pub fn push(&mut self, e: &Entry, status: Status) -> std::io::Result<()> {
        self.push_record(Record {
            year: e.year,
            collation: collation_key(&e.agency),
            agency: e.agency.clone(),
            title: e.title.clone(),
            slot: e.slot.clone(),
            formats: e.formats,
            figures: e.figures,
            status,
        })
    }

    /// A report not built because of its errors: its row shows them.
    pub fn push_unbuilt(
        &mut self,
        report: Option<&crate::Report>,
        slot: &str,
        name: &str,
        status: Status,
    ) -> std::io::Result<()> {
        let agency = report
            .map(|r| r.agency.clone())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| name.to_string());
        self.push_record(Record {
            year: report.map_or(0, |r| r.year),
            collation: collation_key(&agency),
            agency,
            title: report
                .map(|r| r.title().replace('\n', " "))
                .unwrap_or_default(),
            slot: slot.to_string(),
            formats: FormatSet::default(),
            figures: report.map(Figures::of),
            status,
        })
    }

    fn push_record(&mut self, r: Record) -> std::io::Result<()> {
        let y = self.years.entry(r.year).or_default();
        y.count += 1;
        if let Some(f) = &r.figures {
            y.late += usize::from(f.late);
            // Figures with errors are not to be trusted: the sums leave them out.
            if r.status.errors == 0 {
                y.figures.add(f);
                y.counted += 1;
            }
        }
        y.errors += usize::from(r.status.errors > 0);
        y.warnings += usize::from(r.status.warnings > 0);
        self.by_body.push(r.clone())?;
        self.by_year.push(r)
    }

    /// Writes `index.html` at `path` (atomically): the page template rendered with a marker
    /// for each year's rows, the bodies and the diagnostics, and in their places the year's
    /// entries (each rendered by `index-entry.html.tera` as it is written), each body's years
    /// (`index-body.html.tera`) and the diagnostics, file by file.
    pub fn write(
        self,
        templates: &Templates,
        path: &Path,
        diagnostics: &[Diagnostic],
    ) -> Result<(), IndexError> {
        let years: Vec<Year> = self
            .years
            .iter()
            .rev()
            .enumerate()
            .map(|(i, (&year, y))| Year {
                year,
                count: y.count,
                entries: format!("\u{1}xxgk-index-{i}\u{1}"),
                sum: FiguresView::of(&y.figures),
                counted: y.counted,
                late: y.late,
                errors: y.errors,
                warnings: y.warnings,
            })
            .collect();
        let chart_years: Vec<(i32, Figures)> = self
            .years
            .iter()
            .filter(|(y, _)| **y != 0)
            .map(|(&y, s)| (y, s.figures))
            .collect();
        const BODIES: &str = "\u{1}xxgk-bodies\u{1}";
        const DIAGNOSTICS: &str = "\u{1}xxgk-diagnostics\u{1}";
        let mut ctx = tera::Context::new();
        ctx.insert("years", &years);
        ctx.insert("total", &years.iter().map(|y| y.count).sum::<usize>());
        ctx.insert("bodies", BODIES);
        ctx.insert("diagnostics", DIAGNOSTICS);
        ctx.insert(
            "diagnostic_files",
            &diagnostics
                .iter()
                .map(|d| d.file.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        );
        ctx.insert("charts", &dashboard::charts(&chart_years));
        ctx.insert("css", templates.css());
        ctx.insert("generator", crate::render::GENERATOR);
        // What a page template must do, told with any failure of it: a template written for
        // the index as it was (looping over each year's entries itself) fails to render.
        const CONTRACT: &str = "the page must print `{{ y.entries | safe }}` once for each year, \
            in the order of `years` (`y.year`, `y.count`, `y.sum`), and may print \
            `{{ bodies | safe }}` and then `{{ diagnostics | safe }}` once after them; each \
            report's row is drawn by index-entry.html.tera (`e.agency`, `e.title`, `e.year`, \
            `e.links`, `e.status`, `e.figures`) and each body by index-body.html.tera (`b`)";
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
        // Each marker once, in order: anything else would drop or misplace entries.
        let mut at = 0;
        let once = |page: &str, at: usize, marker: &str| {
            let found = page[at..].find(marker).map(|i| at + i);
            match found {
                Some(i) if !page[i + marker.len()..].contains(marker) => Ok(Some(i)),
                Some(_) => Err(()),
                None => Ok(None),
            }
        };
        for y in &years {
            match once(&page, at, &y.entries) {
                Ok(Some(i)) => at = i + y.entries.len(),
                _ => {
                    return Err(contract(format!(
                        "the entries of {} are missing, repeated or out of order",
                        y.year
                    )));
                }
            }
        }
        for marker in [BODIES, DIAGNOSTICS] {
            match once(&page, at, marker) {
                Ok(Some(i)) => at = i + marker.len(),
                Ok(None) if !page[..at].contains(marker) => {}
                _ => {
                    return Err(contract(
                        "`bodies` or `diagnostics` is repeated or before the years".into(),
                    ));
                }
            }
        }
        let Index {
            by_year, by_body, ..
        } = self;
        let mut records = by_year.sorted()?;
        let mut failed = None;
        output::write_atomic_with(path, |w| {
            let mut fail = |e: RenderError| {
                failed = Some(e);
                std::io::Error::other("index entry")
            };
            let mut rest = page.as_str();
            for y in &years {
                let entries = records.by_ref().take(y.count);
                let (before, after) = rest.split_once(&y.entries).expect("checked above");
                w.write_all(before.as_bytes())?;
                for r in entries {
                    let h = entry_html(templates, &r?).map_err(&mut fail)?;
                    w.write_all(h.as_bytes())?;
                }
                rest = after;
            }
            if let Some((before, after)) = rest.split_once(BODIES) {
                w.write_all(before.as_bytes())?;
                write_bodies(w, templates, by_body.sorted()?, &mut fail)?;
                rest = after;
            }
            if let Some((before, after)) = rest.split_once(DIAGNOSTICS) {
                w.write_all(before.as_bytes())?;
                write_diagnostics(w, diagnostics)?;
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
    /// The year's sums, of the reports without errors (`counted`).
    sum: FiguresView,
    counted: usize,
    /// Reports late, with errors, with warnings.
    late: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Link {
    format: &'static str,
    /// Percent-encoded, so it is safe in an attribute as it is.
    href: String,
}

/// Key figures as the templates show them.
#[derive(Serialize)]
struct FiguresView {
    new: u64,
    done: u64,
    disclosed: u64,
    /// 予以公开 / 办结, `62%` (empty when nothing was answered).
    rate: String,
    review: u64,
    suits: u64,
    corrected: u64,
    published: String,
    late: bool,
}

impl FiguresView {
    fn of(f: &Figures) -> FiguresView {
        FiguresView {
            new: f.new,
            done: f.done,
            disclosed: f.mix[0],
            rate: f.disclosed_rate(),
            review: f.review,
            suits: f.suits,
            corrected: f.corrected,
            published: f.published_text(),
            late: f.late,
        }
    }
}

#[derive(Serialize)]
struct EntryView<'a> {
    agency: &'a str,
    title: &'a str,
    year: i32,
    links: Vec<Link>,
    status: Status,
    figures: Option<FiguresView>,
    /// The body's card below (`#b-…`).
    body: String,
}

fn links(r: &Record) -> Vec<Link> {
    r.formats
        .iter()
        .map(|f| Link {
            format: f.ext(),
            href: format!("{}.{}", r.slot, f.ext())
                .split('/')
                .map(percent)
                .collect::<Vec<_>>()
                .join("/"),
        })
        .collect()
}

/// The id of a body's card.
fn body_id(agency: &str) -> String {
    format!("b-{}", &crate::util::digest::hex([agency.as_bytes()])[..12])
}

fn entry_html(templates: &Templates, r: &Record) -> Result<String, RenderError> {
    let mut ctx = tera::Context::new();
    ctx.insert(
        "e",
        &EntryView {
            agency: &r.agency,
            title: &r.title,
            year: r.year,
            links: links(r),
            status: r.status,
            figures: r.figures.as_ref().map(FiguresView::of),
            body: body_id(&r.agency),
        },
    );
    templates.render("index-entry.html.tera", &ctx)
}

/// One year of a body, with how its key figures moved from the year before.
#[derive(Serialize)]
struct BodyYear {
    year: i32,
    title: String,
    /// The report's page (its HTML, else its first format), if built.
    href: Option<String>,
    status: Status,
    figures: Option<FiguresView>,
    /// By key figure (`new`, `done`, `review`, `suits`, `corrected`): `up`, `down` or ``.
    changes: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct BodyView<'a> {
    agency: &'a str,
    id: String,
    years: Vec<BodyYear>,
    /// Whether any year stands out (a change, repeated 问题, errors).
    notable: bool,
}

/// The bodies, one card each, from the records in body order (a body's years held at once).
fn write_bodies(
    w: &mut dyn Write,
    templates: &Templates,
    records: Box<dyn Iterator<Item = std::io::Result<Record>>>,
    fail: &mut dyn FnMut(RenderError) -> std::io::Error,
) -> std::io::Result<()> {
    let mut current: Vec<Record> = Vec::new();
    let mut flush = |w: &mut dyn Write, body: &mut Vec<Record>| -> std::io::Result<()> {
        if body.is_empty() {
            return Ok(());
        }
        let mut years = Vec::new();
        let mut notable = false;
        for (i, r) in body.iter().enumerate() {
            let last = i
                .checked_sub(1)
                .map(|j| &body[j])
                .filter(|p| p.year + 1 == r.year);
            let mut changes: BTreeMap<&'static str, &'static str> = Figures::default()
                .key()
                .iter()
                .map(|(k, _)| (*k, ""))
                .collect();
            if let (Some(p), Some(f)) = (last.and_then(|p| p.figures), r.figures) {
                for ((k, a), (_, b)) in p.key().into_iter().zip(f.key()) {
                    let c = dashboard::change(a, b);
                    notable |= !c.is_empty();
                    changes.insert(k, c);
                }
            }
            notable |= r.status.repeated || r.status.errors > 0;
            let l = links(r);
            let href = l
                .iter()
                .find(|l| l.format == "html")
                .or(l.first())
                .map(|l| l.href.clone());
            years.push(BodyYear {
                year: r.year,
                title: r.title.clone(),
                href,
                status: r.status,
                figures: r.figures.as_ref().map(FiguresView::of),
                changes,
            });
        }
        let agency = body[0].agency.clone();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "b",
            &BodyView {
                agency: &agency,
                id: body_id(&agency),
                years,
                notable,
            },
        );
        body.clear();
        let h = templates
            .render("index-body.html.tera", &ctx)
            .map_err(&mut *fail)?;
        w.write_all(h.as_bytes())
    };
    for r in records {
        let r = r?;
        if current.first().is_some_and(|c| c.agency != r.agency) {
            flush(w, &mut current)?;
        }
        current.push(r);
    }
    flush(w, &mut current)
}

/// The diagnostics, file by file, each file's list under its anchor (`d-N`, N from 1 in file
/// order: as [`anchors`] numbers them).
fn write_diagnostics(w: &mut dyn Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    let mut n = 0;
    let mut file: Option<&str> = None;
    for d in by_file(diagnostics) {
        if file != Some(d.file.as_str()) {
            if file.is_some() {
                w.write_all(b"</ul></section>\n")?;
            }
            n += 1;
            file = Some(&d.file);
            write!(
                w,
                "<section class=\"diag-file\" id=\"d-{n}\"><h3>{}</h3><ul>",
                html_text(&d.file)
            )?;
        }
        let (class, label) = match d.severity {
            Severity::Error => ("error", "错误"),
            Severity::Warning => ("warning", "警告"),
        };
        write!(
            w,
            "<li class=\"{class}\"><span class=\"badge {class}\">{label}</span> <code>{}</code> 第{}行：{}</li>",
            d.code.as_str(),
            d.line(),
            html_text(d.message(crate::Lang::Zh))
        )?;
    }
    if file.is_some() {
        w.write_all(b"</ul></section>\n")?;
    }
    Ok(())
}

/// The diagnostics grouped by file (in file order), each file's in their order.
fn by_file(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut refs: Vec<&Diagnostic> = diagnostics.iter().collect();
    refs.sort_by(|a, b| a.file.cmp(&b.file));
    refs
}

/// Each file's status from the diagnostics (sorted by file): its counts and its anchor.
pub fn anchors(diagnostics: &[Diagnostic]) -> std::collections::HashMap<String, Status> {
    let mut out: std::collections::HashMap<String, Status> = std::collections::HashMap::new();
    let mut n = 0;
    let mut last: Option<&str> = None;
    for d in by_file(diagnostics) {
        if last != Some(d.file.as_str()) {
            n += 1;
            last = Some(&d.file);
        }
        let s = out.entry(d.file.clone()).or_default();
        s.anchor = n;
        match d.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
        }
        s.repeated |= d.code == crate::Code::ProblemsRepeated;
    }
    out
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
            figures: Some(Figures {
                new: i as u64,
                ..Figures::default()
            }),
        }
    }

    #[test]
    fn chinese_names_sort_by_pinyin() {
        let mut names = vec![
            "丙镇人民政府",
            "乙区财政局",
            "甲县交通运输局",
            "阿里地区",
            "ABC公司",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            // 阿 is `a1`: before `abc`, as a pinyin-sorted list puts it.
            [
                "阿里地区",
                "ABC公司",
                "丙镇人民政府",
                "甲县交通运输局",
                "乙区财政局"
            ]
        );
        // Tones order one syllable's characters: 市 (shi4) after 石 (shi2).
        assert!(collation_key("石家庄市") < collation_key("市场监督管理局"));
    }

    #[test]
    fn runs_on_disk_merge_into_the_same_order_as_one_sort() {
        let n = 1000 * 2 + 123;
        let d = tempfile::tempdir().unwrap();
        let mut on_disk = Index::with_runs_of(d.path(), 1000);
        let mut all: Vec<Record> = Vec::new();
        for i in 0..n {
            let e = entry(i);
            on_disk.push(&e, Status::default()).unwrap();
            all.push(Record {
                year: e.year,
                collation: collation_key(&e.agency),
                agency: e.agency,
                title: e.title,
                slot: e.slot,
                formats: e.formats,
                figures: e.figures,
                status: Status::default(),
            });
        }
        assert_eq!(on_disk.by_year.runs.len(), 2, "two runs spilled");
        let mut by_body = all.clone();
        all.sort_by(Record::order);
        by_body.sort_by(Record::body_order);
        let Index {
            by_year,
            by_body: on_disk_bodies,
            ..
        } = on_disk;
        let merged: Vec<Record> = by_year.sorted().unwrap().map(|r| r.unwrap()).collect();
        let bodies: Vec<Record> = on_disk_bodies
            .sorted()
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(bodies == by_body, "merged runs are in the bodies' order");
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
            small.push(&entry(i), Status::default()).unwrap();
            large.push(&entry(i), Status::default()).unwrap();
        }
        assert_eq!(small.by_year.runs.len(), 7);
        small
            .write(&templates, &d.path().join("a.html"), &[])
            .unwrap();
        large
            .write(&templates, &d.path().join("b.html"), &[])
            .unwrap();
        let a = std::fs::read_to_string(d.path().join("a.html")).unwrap();
        assert_eq!(a, std::fs::read_to_string(d.path().join("b.html")).unwrap());
        assert_eq!(a.matches("<tr class=\"report").count(), 50);
        assert_eq!(a.matches("<section class=\"body").count(), 50);
        let years: Vec<usize> = ["2023", "2022", "2021", "2020", "2019"]
            .iter()
            .map(|y| {
                a.find(&format!("<section class=\"year\" id=\"y{y}\">"))
                    .unwrap()
            })
            .collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]), "newest first");
    }

    #[test]
    fn percent_encodes_all_but_unreserved() {
        assert_eq!(percent("示例 a.md"), "%E7%A4%BA%E4%BE%8B%20a.md");
    }
}
