//! The importer: blocks placed into the report — the title, the six sections, the sign-off,
//! the edition; the table rows are placed in `rows.rs`, the YAML written in `write.rs`.

use super::blocks::{Block, Row};
use super::labels::{
    labels_of, looks_like_chrome, looks_like_page_metadata, norm, own_labels, section_exact,
    section_index,
};
use super::pdf::page_of;
use super::scalar::one_line;
use super::title::{parse_date, parse_title};
use crate::diag::{Code, Diagnostic, Msg, messages};
use crate::format::{self, Edition, SECTION_TITLES};
use crate::input::load::{CHECK_MARK, FIGURE_MARK};
use crate::report::Date;
use crate::util::Span;
use std::ops::Range;

pub(super) struct Importer<'a> {
    pub(super) file: &'a str,
    pub(super) diags: Vec<Diagnostic>,
    /// How many `# 待核对:` comments were written.
    pub(super) checks: usize,
    /// What the source is, as the YAML's first comment says it (网页, 文本, PDF …).
    pub(super) kind: &'static str,
    /// Lines are PDF lines (`page * PAGE_LINES + line`).
    pub(super) pdf: bool,
    /// Where each placed row came from: (YAML path, source line).
    pub(super) sources: Vec<(String, usize)>,
}

/// A placed row of table 二.
pub(super) struct PRow {
    pub(super) cells: Vec<String>,
    pub(super) checks: Vec<String>,
    pub(super) infos: Vec<String>,
    pub(super) line: usize,
}

/// A placed row of table 三 or 四: its figures as written in the YAML list.
pub(super) struct FRow {
    pub(super) figures: Vec<String>,
    pub(super) checks: Vec<String>,
    pub(super) line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Table {
    Proactive,
    Applications,
    Outcomes,
}

pub(super) struct Found {
    pub(super) edition: Edition,
    pub(super) proactive: Vec<Option<PRow>>,
    pub(super) apps: Vec<Option<FRow>>,
    pub(super) outcomes: Option<[FRow; 3]>,
    /// Rows seen but not placeable: their key is not reported again as missing.
    pub(super) seen_proactive: Vec<bool>,
    pub(super) seen_apps: Vec<bool>,
    pub(super) seen_outcomes: bool,
    /// `# 待核对:` comments for the end of each table's YAML (二, 三, 四), and for the top.
    pub(super) unplaced: [Vec<String>; 3],
    pub(super) general: Vec<String>,
}

impl Found {
    pub(super) fn table_notes(&mut self, t: Option<Table>) -> &mut Vec<String> {
        match t {
            Some(Table::Proactive) => &mut self.unplaced[0],
            Some(Table::Applications) => &mut self.unplaced[1],
            Some(Table::Outcomes) => &mut self.unplaced[2],
            None => &mut self.general,
        }
    }
}

impl Importer<'_> {
    /// Records a problem and returns the `# 待核对:` comment for it.
    pub(super) fn flag(&mut self, code: Code, line: Option<usize>, path: &str, msg: Msg) -> String {
        let zh = msg.zh.clone();
        let mut d = Diagnostic::msg(code, self.file, line.map(|l| Span::point(l, 1)), path, msg);
        if line.is_none() {
            d.span = None;
        }
        self.diags.push(d);
        self.checks += 1;
        // A table row not found at all is an error in `check` until a person has looked.
        let table = ["proactive", "applications", "reconsideration", "litigation"]
            .iter()
            .any(|t| path.starts_with(t));
        let mark = if code == Code::ImportMissing && table {
            FIGURE_MARK
        } else {
            CHECK_MARK
        };
        let at = match line {
            Some(l) if self.pdf => {
                let (p, l) = page_of(l);
                messages::at_source_page_line(p, l)
            }
            Some(l) => messages::at_source_line(l),
            None => String::new(),
        };
        one_line(&format!("{mark} {zh}{at}"))
    }

    /// Places the blocks — title, sections, sign-off, edition, table rows — and writes the YAML.
    pub(super) fn run(&mut self, blocks: &[Block], is_html: bool) -> String {
        let title_range = find_title(blocks);
        let title = title_range.as_ref().map(|r| joined(blocks, r));
        let title_line = title_range.as_ref().and_then(|r| match &blocks[r.start] {
            Block::Line { line, .. } => Some(*line),
            _ => None,
        });
        let heads = find_heads(blocks, title_range.as_ref().map_or(0, |r| r.end));
        let mut variants: Vec<String> = Vec::new();
        for (k, h) in heads.iter().enumerate() {
            if let Some((text, line)) = h.and_then(|i| match &blocks[i] {
                Block::Line { text, line, .. } => Some((text, *line)),
                Block::Table { .. } => None,
            }) {
                if section_exact(text).is_none() {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(line),
                        "",
                        messages::section_title_variant(text, SECTION_TITLES[k]),
                    );
                    variants.push(c);
                }
            }
        }
        let (mut texts, rows, outside) =
            split_into_parts(blocks, title_range.as_ref(), &heads, is_html);

        // Year and agency from the title; the sign-off after 六.
        let parsed = title.as_deref().and_then(parse_title);
        let mut general: Vec<String> = variants;
        let (signoff_agency, published) =
            self.take_signoff(&mut texts[6], parsed.as_ref(), &mut general);
        self.drop_page_metadata(&mut texts[0], &mut general);
        self.drop_chrome(&mut texts, &mut general);
        if let Some((_, first)) = outside.first() {
            let lines: Vec<&str> = outside.iter().map(|(t, _)| t.as_str()).collect();
            let c = self.flag(
                Code::ImportUnplaced,
                Some(*first),
                "",
                messages::page_footer_left_out(&lines),
            );
            general.push(c);
        }
        let year = parsed.as_ref().map(|p| p.0);
        let mut agency = parsed.as_ref().and_then(|p| p.1.clone());
        if title.is_none() {
            let c = self.flag(Code::ImportMissing, None, "title", messages::no_title());
            general.push(c);
        }
        if let Some((sa, sl)) = &signoff_agency {
            match &agency {
                None => agency = Some(sa.clone()),
                Some(a) if norm(a) != norm(sa) => {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(*sl),
                        "agency",
                        messages::signoff_agency_differs(sa, a),
                    );
                    general.push(c);
                }
                _ => {}
            }
        }

        let (edition, evidence) = self.vote_edition(&rows, year, &mut general);

        // Every table row, placed.
        let mut found = Found {
            edition,
            proactive: edition.proactive_rows().map(|_| None).collect(),
            apps: edition.application_rows().iter().map(|_| None).collect(),
            outcomes: None,
            seen_proactive: vec![false; edition.proactive_rows().count()],
            seen_apps: vec![false; edition.application_rows().len()],
            seen_outcomes: false,
            unplaced: [Vec::new(), Vec::new(), Vec::new()],
            general,
        };
        self.place_rows(&rows, &mut found);
        self.flag_table_prose(&mut texts, &mut found);

        self.write(WriteInput {
            title,
            title_line,
            year,
            agency,
            edition,
            evidence,
            published,
            texts,
            heads,
            found,
        })
    }

    /// The sign-off: a date alone on one of the last lines of 六, maybe the agency above it.
    /// Lines after it (a page footer) are not part of the report. Gives the agency and the
    /// date, with their lines.
    fn take_signoff(
        &mut self,
        six: &mut Vec<(String, usize)>,
        parsed: Option<&(i32, Option<String>)>,
        general: &mut Vec<String>,
    ) -> Signoff {
        let mut signoff_agency: Option<(String, usize)> = None;
        let mut published: Option<(Date, usize)> = None;
        let n = six.len();
        let date_at = (n.saturating_sub(5)..n)
            .rev()
            .find_map(|j| parse_date(&six[j].0).map(|d| (j, d)));
        if let Some((j, d)) = date_at {
            let after: Vec<(String, usize)> = six.drain(j + 1..).collect();
            let (_, line) = six.pop().expect("the date line");
            published = Some((d, line));
            for (text, line) in after {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    "other_matters",
                    messages::after_signoff_left_out(&text),
                );
                general.push(c);
            }
            if let Some((prev, pl)) = six.last().cloned() {
                let title_agency = parsed.and_then(|p| p.1.clone());
                let agencyish = prev.chars().count() <= 40
                    && !prev.contains(['。', '，', '；', '：'])
                    && (title_agency.as_deref() == Some(norm(&prev).as_str())
                        || [
                            "局", "委", "办", "府", "院", "会", "厅", "室", "处", "所", "中心",
                            "部", "署", "馆", "站", "队", "公司", "事处",
                        ]
                        .iter()
                        .any(|s| prev.ends_with(s)));
                if agencyish {
                    signoff_agency = Some((prev, pl));
                    six.pop();
                }
            }
        }
        (signoff_agency, published)
    }

    /// Page metadata between the title and 一 is not the preface.
    fn drop_page_metadata(
        &mut self,
        preface: &mut Vec<(String, usize)>,
        general: &mut Vec<String>,
    ) {
        for (text, line) in std::mem::take(preface) {
            if looks_like_page_metadata(&text) {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    "preface",
                    messages::page_metadata_left_out(&text),
                );
                general.push(c);
            } else {
                preface.push((text, line));
            }
        }
    }

    /// A portal page's furniture (tab labels, 附件下载, print and close links) is not report
    /// text: left out, and said once.
    fn drop_chrome(&mut self, texts: &mut [Vec<(String, usize)>], general: &mut Vec<String>) {
        let mut dropped: Vec<(String, usize)> = Vec::new();
        for part in texts.iter_mut() {
            part.retain(|(t, l)| {
                let chrome = looks_like_chrome(t);
                if chrome {
                    dropped.push((t.clone(), *l));
                }
                !chrome
            });
        }
        if let Some((_, first)) = dropped.first() {
            let texts: Vec<&str> = dropped.iter().map(|(t, _)| t.as_str()).collect();
            let c = self.flag(
                Code::ImportUnplaced,
                Some(*first),
                "",
                messages::chrome_left_out(&texts),
            );
            general.push(c);
        }
    }

    /// The edition, from the labels the tables use; with the labels that tell it.
    fn vote_edition(
        &mut self,
        rows: &[(&Row, usize)],
        year: Option<i32>,
        general: &mut Vec<String>,
    ) -> (Edition, Option<Vec<String>>) {
        let editions = format::all();
        let mut votes: Vec<(Edition, Vec<String>)> =
            editions.iter().map(|e| (*e, Vec::new())).collect();
        let owns: Vec<Vec<String>> = editions.iter().map(|e| own_labels(*e, &editions)).collect();
        for (row, _) in rows {
            for c in &row.cells {
                let n = norm(&c.text);
                for (vi, own) in owns.iter().enumerate() {
                    if own.contains(&n) && !votes[vi].1.contains(&c.text) {
                        votes[vi].1.push(c.text.clone());
                    }
                }
            }
        }
        let by_year = year.map(|y| Edition::default_for_year(y as i64));
        // The one edition with the most telling labels, else the year's (or the latest).
        let most = votes.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
        let leaders: Vec<&(Edition, Vec<String>)> =
            votes.iter().filter(|(_, v)| v.len() == most).collect();
        let (edition, evidence) = match leaders.as_slice() {
            [(e, v)] if most > 0 => (*e, Some(v.clone())),
            _ => (by_year.unwrap_or_else(format::latest), None),
        };
        // Editions whose labels the one chosen lacks, shown with it.
        let chosen = labels_of(edition);
        let mixed: Vec<&(Edition, Vec<String>)> = votes
            .iter()
            .filter(|(e, v)| {
                !v.is_empty() && (*e == edition || v.iter().any(|t| !chosen.contains(&norm(t))))
            })
            .collect();
        if mixed.len() > 1 {
            let mixed: Vec<(Edition, &[String])> =
                mixed.iter().map(|(e, v)| (*e, v.as_slice())).collect();
            let c = self.flag(
                Code::ImportUnplaced,
                None,
                "edition",
                messages::mixed_editions(&mixed, edition),
            );
            general.push(c);
        }
        (edition, evidence)
    }

    /// Prose in a table section has no place in the YAML.
    fn flag_table_prose(&mut self, texts: &mut [Vec<(String, usize)>], found: &mut Found) {
        for (k, t) in [
            (1usize, Table::Proactive),
            (2, Table::Applications),
            (3, Table::Outcomes),
        ] {
            for (text, line) in std::mem::take(&mut texts[k + 1]) {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    t.key(),
                    messages::table_prose(SECTION_TITLES[k], &text),
                );
                found.table_notes(Some(t)).push(c);
            }
        }
    }
}

/// The sign-off: the agency and the date, each with its line.
type Signoff = (Option<(String, usize)>, Option<(Date, usize)>);

/// The prose lines of each part (0 = preface, k + 1 = section k), and every table row with its
/// part.
/// The prose of each part, the table rows with their part, and the lines of the page around
/// the report (after 六, outside the element holding it).
type Parts<'b> = (
    Vec<Vec<(String, usize)>>,
    Vec<(&'b Row, usize)>,
    Vec<(String, usize)>,
);

/// The text of block `i` when it is a line of prose.
fn line_text(blocks: &[Block], i: usize) -> Option<&str> {
    match &blocks[i] {
        Block::Line { text, .. } => Some(text.as_str()),
        _ => None,
    }
}

/// The lines of a range of blocks, one a line.
fn joined(blocks: &[Block], r: &Range<usize>) -> String {
    r.clone()
        .filter_map(|i| line_text(blocks, i))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The title: an <h1> that reads as a report title, else the last line before 一 that does (a
/// breadcrumb or a page heading above it may repeat the title).
fn find_title(blocks: &[Block]) -> Option<Range<usize>> {
    let is_title = |t: &str| parse_title(t).is_some();
    let is_title_line = |t: &str| {
        is_title(t)
            && t.chars().count() <= 80
            && !t.contains(['>', '›', '»', '→', '|', '＞'])
            && !t.contains("位置")
    };
    let lines_of = |i: usize| line_text(blocks, i);
    let h1_groups: Vec<Range<usize>> = {
        let mut v: Vec<Range<usize>> = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            if let Block::Line { h1: Some(id), .. } = b {
                match v.last_mut() {
                    Some(r)
                        if r.end == i
                            && matches!(&blocks[r.start], Block::Line { h1: Some(x), .. } if x == id) =>
                    {
                        r.end = i + 1
                    }
                    _ => v.push(i..i + 1),
                }
            }
        }
        v
    };
    if let Some(r) = h1_groups.iter().find(|r| is_title(&joined(blocks, r))) {
        Some(r.clone())
    } else if let Some(i) = (0..blocks.len())
        .take_while(|&i| lines_of(i).is_none_or(|t| section_index(t) != Some(0)))
        .filter(|&i| lines_of(i).is_some_and(is_title_line))
        .last()
    {
        // A title on two lines: the agency alone above `2024年政府信息公开工作年度报告`.
        let alone = parse_title(lines_of(i).unwrap_or_default()).is_some_and(|(_, a)| a.is_none());
        let above = i
            .checked_sub(1)
            .and_then(lines_of)
            .filter(|p| p.chars().count() <= 40 && !p.contains('。') && section_index(p).is_none());
        Some(if alone && above.is_some() {
            i - 1..i + 1
        } else {
            i..i + 1
        })
    } else {
        h1_groups.first().cloned()
    }
}

/// The six section titles, in order, searched from block `start`.
fn find_heads(blocks: &[Block], start: usize) -> [Option<usize>; 6] {
    let mut heads: [Option<usize>; 6] = [None; 6];
    let mut pos = start;
    for (k, head) in heads.iter_mut().enumerate() {
        if let Some(i) = (pos..blocks.len())
            .find(|&i| line_text(blocks, i).is_some_and(|t| section_index(t) == Some(k)))
        {
            *head = Some(i);
            pos = i + 1;
        }
    }
    heads
}

/// Each block's part (0 = preface, k + 1 = section k): the prose lines of each part, and every
/// table row with its part.
fn split_into_parts<'b>(
    blocks: &'b [Block],
    title_range: Option<&Range<usize>>,
    heads: &[Option<usize>; 6],
    is_html: bool,
) -> Parts<'b> {
    // After 六, only what is inside the element holding the report (not the page footer).
    let container: Option<Vec<usize>> = match (title_range, heads[5]) {
        (Some(r), Some(six)) if is_html => {
            let a = blocks[r.start].path();
            let b = blocks[six].path();
            let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            Some(a[..n].to_vec())
        }
        _ => None,
    };

    let mut part_of: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut outside: Vec<(String, usize)> = Vec::new();
    let mut part = title_range.map(|_| 0);
    for (i, b) in blocks.iter().enumerate() {
        if title_range.is_some_and(|r| i < r.end) {
            continue;
        }
        if title_range.is_none() && part.is_none() {
            part = Some(0);
        }
        if let Some(k) = heads.iter().position(|h| *h == Some(i)) {
            part = Some(k + 1);
            continue;
        }
        if part == Some(6) {
            if let Some(c) = &container {
                if !b.path().starts_with(c) {
                    if let Block::Line { text, line, .. } = b {
                        outside.push((text.clone(), *line));
                    }
                    continue;
                }
            }
        }
        part_of[i] = part;
    }
    let mut texts: Vec<Vec<(String, usize)>> = vec![Vec::new(); 7];
    let mut rows: Vec<(&Row, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(p) = part_of[i] else { continue };
        match b {
            Block::Line { text, line, .. } => texts[p].push((text.clone(), *line)),
            Block::Table { rows: rs, .. } => rows.extend(rs.iter().map(|r| (r, p))),
        }
    }
    (texts, rows, outside)
}

pub(super) struct WriteInput {
    pub(super) title: Option<String>,
    pub(super) title_line: Option<usize>,
    pub(super) year: Option<i32>,
    pub(super) agency: Option<String>,
    pub(super) edition: Edition,
    pub(super) evidence: Option<Vec<String>>,
    pub(super) published: Option<(Date, usize)>,
    pub(super) texts: Vec<Vec<(String, usize)>>,
    pub(super) heads: [Option<usize>; 6],
    pub(super) found: Found,
}

impl Table {
    pub(super) fn key(self) -> &'static str {
        match self {
            Table::Proactive => "proactive",
            Table::Applications => "applications",
            Table::Outcomes => "reconsideration",
        }
    }
}
