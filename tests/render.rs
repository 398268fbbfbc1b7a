//! Rendering through the library: snapshots of the Markdown, HTML and Typst of two sample
//! reports, the merged-cell grids of the HTML tables against the official labels, and hostile
//! text that must come out literally in every format.

mod render_support;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use render_support::*;
use scraper::Html;
use serde_yaml::Value;

// ---------------------------------------------------------------------------------------------
// 1. Snapshots

/// The generator line carries the crate version; keep it out of the snapshots.
fn unversioned(s: String) -> String {
    s.replace(
        concat!("xxgk ", env!("CARGO_PKG_VERSION")),
        "xxgk [version]",
    )
}

fn snapshot(rel: &str, format: &str) -> String {
    unversioned(render(&load(rel), format))
}

#[test]
fn snapshot_cixi_2020_md() {
    insta::assert_snapshot!("cixi_2020_md", snapshot(CIXI, "md"));
}

#[test]
fn snapshot_cixi_2020_html() {
    insta::assert_snapshot!("cixi_2020_html", snapshot(CIXI, "html"));
}

#[test]
fn snapshot_cixi_2020_typ() {
    insta::assert_snapshot!("cixi_2020_typ", snapshot(CIXI, "typ"));
}

#[test]
fn snapshot_county_government_2023_md() {
    insta::assert_snapshot!(
        "county_government_2023_md",
        snapshot(COUNTY_GOVERNMENT, "md")
    );
}

#[test]
fn snapshot_county_government_2023_html() {
    insta::assert_snapshot!(
        "county_government_2023_html",
        snapshot(COUNTY_GOVERNMENT, "html")
    );
}

#[test]
fn snapshot_county_government_2023_typ() {
    insta::assert_snapshot!(
        "county_government_2023_typ",
        snapshot(COUNTY_GOVERNMENT, "typ")
    );
}

// ---------------------------------------------------------------------------------------------
// 2. The grids of the HTML tables, against tests/data/format-editions.yaml

fn editions() -> Value {
    let src = std::fs::read_to_string(root("tests/data/format-editions.yaml"))
        .expect("tests/data/format-editions.yaml");
    serde_yaml::from_str(&src).expect("format-editions.yaml parses")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .unwrap_or_else(|| panic!("not a list: {v:?}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn string(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v:?}"))
        .to_string()
}

fn labels(row: &[HtmlCell]) -> Vec<(&str, usize, usize)> {
    row.iter()
        .map(|c| (c.text.as_str(), c.rowspan, c.colspan))
        .collect()
}

/// Every cell that holds a figure is a `td` with text: a cell is never blank.
fn assert_figures(row: &[HtmlCell], from: usize, n: usize, what: &str) {
    let figures = &row[from..];
    assert_eq!(figures.len(), n, "{what}: {n} figures in {row:?}");
    for f in figures {
        assert!(!f.th, "{what}: a figure is a td: {f:?}");
        assert!(!f.text.is_empty(), "{what}: a blank figure cell: {row:?}");
    }
}

fn check_proactive(doc: &Html, common: &Value, ed: &Value) {
    let title = string(&common["section_titles"][1]);
    let rows = table_rows(section_table(doc, &title));
    resolve(&rows, 4);
    let mut i = 0;
    for block in ed["active_disclosure_table"].as_sequence().expect("blocks") {
        let item = string(&block["item"]);
        // The 第二十条 line alone on its row, across the table.
        assert_eq!(
            labels(&rows[i]),
            vec![(item.as_str(), 1, 4)],
            "table 二: {item} opens its block"
        );
        i += 1;
        let columns = strings(&block["columns"]);
        let header: Vec<&str> = rows[i].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, columns, "table 二, {item}: the header row");
        assert!(
            rows[i].iter().all(|c| c.th),
            "table 二, {item}: headers are th"
        );
        i += 1;
        for label in strings(&block["rows"]) {
            let row = &rows[i];
            assert_eq!(row[0].text, label, "table 二, {item}: a row label");
            assert!(row[0].th, "table 二: the row label {label} is a th");
            assert_figures(row, 1, columns.len() - 1, &label);
            i += 1;
        }
    }
    assert_eq!(i, rows.len(), "table 二 has no other rows");
}

fn check_applications(doc: &Html, common: &Value, ed: &Value, results_rows: usize) {
    let title = string(&common["section_titles"][2]);
    let table = section_table(doc, &title);
    let rows = table_rows(table);
    resolve(&rows, 10);
    let t = &common["application_table"];
    let cols = strings(&t["columns"]);
    assert_eq!(cols.len(), 7);

    // The first cell of the table is the note, 3 × 3.
    let note = &rows[0][0];
    assert_eq!(
        note.text,
        string(&t["note_cell"]),
        "table 三 opens with the note"
    );
    assert_eq!(
        (note.rowspan, note.colspan),
        (3, 3),
        "the note cell spans 3 rows and 3 columns"
    );
    let header_group = string(&t["header_group"]);
    assert_eq!(labels(&rows[0][1..]), vec![(header_group.as_str(), 1, 7)]);
    let legal = string(&t["legal_person_group"]);
    assert_eq!(
        labels(&rows[1]),
        vec![
            (cols[0].as_str(), 2, 1),
            (legal.as_str(), 1, 5),
            (cols[6].as_str(), 2, 1)
        ]
    );
    assert_eq!(
        labels(&rows[2]),
        cols[1..6]
            .iter()
            .map(|c| (c.as_str(), 1, 1))
            .collect::<Vec<_>>()
    );
    // The three header rows are the table's head (repeated by browsers when printing).
    let thead_rows = table.select(&sel("thead tr")).count();
    assert_eq!(thead_rows, 3, "table 三: three rows in thead");

    // The body: each row's label cells as (text, rowspan, colspan), then 7 figures.
    let mut expected: Vec<Vec<(String, usize, usize)>> = Vec::new();
    for top in strings(&t["top_rows"]) {
        expected.push(vec![(top, 1, 3)]);
    }
    let mut results: Vec<Vec<String>> = t["results_common_head"]
        .as_sequence()
        .expect("results")
        .iter()
        .map(strings)
        .collect();
    // （六）其他处理: one row (2019: a list of strings) or three (2021: a list of rows).
    let other = ed["results_other"].as_sequence().expect("results_other");
    if other.iter().all(|v| v.is_string()) {
        results.push(strings(&ed["results_other"]));
    } else {
        results.extend(other.iter().map(strings));
    }
    results.push(vec![string(&t["results_total"])]);
    assert_eq!(results.len(), results_rows, "the edition's result rows");
    let mut seen: Vec<String> = Vec::new();
    for (k, r) in results.iter().enumerate() {
        let mut row = Vec::new();
        if k == 0 {
            row.push((string(&t["results_group"]), results_rows, 1));
        }
        match r.as_slice() {
            [single] => row.push((single.clone(), 1, 2)),
            [group, item] => {
                if !seen.contains(group) {
                    seen.push(group.clone());
                    let n = results
                        .iter()
                        .filter(|x| x.len() == 2 && &x[0] == group)
                        .count();
                    row.push((group.clone(), n, 1));
                }
                row.push((item.clone(), 1, 1));
            }
            other => panic!("unexpected result row {other:?}"),
        }
        expected.push(row);
    }
    expected.push(vec![(string(&t["bottom_row"]), 1, 3)]);

    let body = &rows[3..];
    assert_eq!(body.len(), expected.len(), "table 三: body rows");
    for (row, want) in body.iter().zip(&expected) {
        let n = want.len();
        let got: Vec<(String, usize, usize)> = row[..n]
            .iter()
            .map(|c| (c.text.clone(), c.rowspan, c.colspan))
            .collect();
        assert_eq!(&got, want, "table 三: row labels");
        assert!(row[..n].iter().all(|c| c.th), "table 三: labels are th");
        assert_figures(row, n, 7, &want[n - 1].0);
    }
    // 三、本年度办理结果 spans the result rows: 20 (2019 edition) or 22 (2021 edition).
    let group = string(&t["results_group"]);
    let cell = body
        .iter()
        .flatten()
        .find(|c| c.text == group)
        .expect("三、本年度办理结果");
    assert_eq!(cell.rowspan, results_rows);
}

fn check_outcomes(doc: &Html, common: &Value) {
    let title = string(&common["section_titles"][3]);
    let rows = table_rows(section_table(doc, &title));
    resolve(&rows, 15);
    let t = &common["review_litigation_table"];
    assert_eq!(
        rows.len(),
        4,
        "table 四: three header rows and one of figures"
    );
    let spanned = |v: &Value| -> Vec<(String, usize, usize)> {
        v.as_sequence()
            .expect("a row")
            .iter()
            .map(|c| {
                let n = |k: &str| c[k].as_u64().map_or(1, |n| n as usize);
                (string(&c["text"]), n("rowspan"), n("colspan"))
            })
            .collect()
    };
    let got = |r: &[HtmlCell]| -> Vec<(String, usize, usize)> {
        r.iter()
            .map(|c| (c.text.clone(), c.rowspan, c.colspan))
            .collect()
    };
    assert_eq!(got(&rows[0]), spanned(&t["row1"]), "table 四: row 1");
    assert_eq!(got(&rows[1]), spanned(&t["row2"]), "table 四: row 2");
    let row3: Vec<(String, usize, usize)> =
        strings(&t["row3"]).into_iter().map(|s| (s, 1, 1)).collect();
    assert_eq!(got(&rows[2]), row3, "table 四: row 3");
    assert!(rows[..3].iter().flatten().all(|c| c.th));
    let n = t["data_cells"].as_u64().expect("data_cells") as usize;
    assert_figures(&rows[3], 0, n, "table 四");
}

fn check_grids(rel: &str, report: &xxgk::Report) {
    let spec = editions();
    let common = &spec["common"];
    let edition = report.edition.key();
    let ed = &spec[format!("edition_{edition}").as_str()];
    assert!(
        ed.is_mapping(),
        "{rel}: edition {edition} in format-editions.yaml"
    );
    let results_rows = match edition {
        "2019" => 20,
        "2021" => 22,
        other => panic!("unknown edition {other}"),
    };
    let html = render(report, "html");
    let doc = Html::parse_document(&html);
    // The six section titles, in order.
    let h2: Vec<String> = doc.select(&sel("h2")).map(|h| squash(&text(h))).collect();
    assert_eq!(
        h2,
        strings(&common["section_titles"]),
        "{rel}: section titles"
    );
    check_proactive(&doc, common, ed);
    check_applications(&doc, common, ed, results_rows);
    check_outcomes(&doc, common);
}

#[test]
fn html_grids_cixi_2019_edition() {
    let r = load(CIXI);
    assert_eq!(r.edition.key(), "2019");
    check_grids(CIXI, &r);
}

#[test]
fn html_grids_county_government_2021_edition() {
    let r = load(COUNTY_GOVERNMENT);
    assert_eq!(r.edition.key(), "2021");
    check_grids(COUNTY_GOVERNMENT, &r);
}

#[test]
fn html_grids_every_sample_input() {
    let mut editions = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(root("inputs")).sort_by_file_name() {
        let entry = entry.expect("inputs/ is readable");
        if entry.path().extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root(""))
            .expect("below the crate")
            .to_string_lossy()
            .to_string();
        let r = load(&rel);
        editions.insert(r.edition.key());
        check_grids(&rel, &r);
    }
    assert!(
        editions.contains("2019") && editions.contains("2021"),
        "the samples cover both editions: {editions:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Hostile text

const HOSTILE: &str = r#"<script>alert(1)</script> **bold** _x_ [link](http://x) | pipe # hash #read("/etc/passwd") $x$ @ref {{ tera }} {% raw %} \ "quotes""#;

/// Each field: a distinct Chinese prefix, then the hostile text.
fn field(prefix: &str) -> String {
    format!("{prefix}{HOSTILE}")
}

struct Hostile {
    title: String,
    agency: String,
    preface: String,
    overview: String,
    lead: String,
    lead_rest: String,
    problems: String,
    other_matters: String,
    note: String,
}

impl Hostile {
    fn new() -> Hostile {
        Hostile {
            title: field("标题"),
            agency: field("机关"),
            preface: field("前言"),
            overview: field("总体"),
            lead: "（一）主动公开情况。".into(),
            lead_rest: field("主动"),
            problems: field("问题"),
            other_matters: field("其他"),
            note: field("注"),
        }
    }

    /// The prose paragraphs, as they must read in every output.
    fn paragraphs(&self) -> Vec<String> {
        vec![
            self.preface.clone(),
            self.overview.clone(),
            format!("{}{}", self.lead, self.lead_rest),
            self.problems.clone(),
            self.other_matters.clone(),
        ]
    }

    fn cell(&self) -> String {
        format!("5（{}）", self.note)
    }

    fn yaml(&self) -> String {
        // Single-quoted scalars take `\`, `"`, `#`, `{` literally; block scalars take everything.
        let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
        format!(
            "year: 2022
agency: {agency}
title: {title}
published: 2023-01-18
preface: |
  {preface}
overview: |
  {overview}

  {lead}{lead_rest}
proactive:
  regulations: {{issued: 0, repealed: 0, in_force: 0}}
  normative_documents: {{issued: 2, repealed: 1, in_force: {{value: 5, note: {note}}}}}
  licensing: {{decisions: 120}}
  penalties: {{decisions: 30}}
  coercion: {{decisions: 2}}
  fees: {{amount: 0}}
applications: {{}}
reconsideration: [0, 0, 0, 0]
litigation:
  direct: [0, 0, 0, 0]
  after_reconsideration: [0, 0, 0, 0]
problems: |
  {problems}
other_matters: |
  {other_matters}
",
            agency = q(&self.agency),
            title = q(&self.title),
            preface = self.preface,
            overview = self.overview,
            lead = self.lead,
            lead_rest = self.lead_rest,
            note = q(&self.note),
            problems = self.problems,
            other_matters = self.other_matters,
        )
    }

    fn report(&self) -> xxgk::Report {
        let r = load_str(&self.yaml());
        // The loader keeps every field as written.
        assert_eq!(r.agency, self.agency);
        assert_eq!(r.title(), self.title);
        r
    }
}

#[test]
fn hostile_text_is_literal_in_html() {
    let h = Hostile::new();
    let html = render(&h.report(), "html");
    assert!(!html.contains("<script"), "no script tag in the HTML");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("script")).count(), 0, "no <script> element");
    assert_eq!(doc.select(&sel("a")).count(), 0, "no link");
    assert_eq!(
        doc.select(&sel("strong, em, b, i")).count(),
        0,
        "no emphasis"
    );
    let one = |s: &str| {
        let v: Vec<String> = doc.select(&sel(s)).map(text).collect();
        assert_eq!(v.len(), 1, "one {s}");
        v.into_iter().next().expect("one")
    };
    assert_eq!(one("title"), h.title);
    assert_eq!(one("h1"), h.title);
    let ps: Vec<String> = doc.select(&sel("main p")).map(text).collect();
    for p in h.paragraphs() {
        assert!(
            ps.contains(&p),
            "paragraph shown literally: {p}\nin {ps:#?}"
        );
    }
    let signoff = one("p.signoff");
    assert_eq!(signoff, format!("{}2023年1月18日", h.agency));
    let cells: Vec<String> = doc.select(&sel("td")).map(text).collect();
    assert!(
        cells.contains(&h.cell()),
        "the cell with its note: {cells:?}"
    );
}

/// What a Markdown document reads as: the text of each block, and the markup events found.
struct MdRead {
    blocks: Vec<String>,
    strong: Vec<String>,
    html: Vec<String>,
    html_blocks: usize,
    markup: Vec<String>,
}

fn read_markdown(md: &str) -> MdRead {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH;
    let mut r = MdRead {
        blocks: Vec::new(),
        strong: Vec::new(),
        html: Vec::new(),
        html_blocks: 0,
        markup: Vec::new(),
    };
    let mut current = String::new();
    let mut strong: Option<String> = None;
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Text(t) => {
                current.push_str(&t);
                if let Some(s) = strong.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => r.strong.push(strong.take().unwrap_or_default()),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell) => current.clear(),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                r.blocks.push(std::mem::take(&mut current))
            }
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::Start(Tag::HtmlBlock) => r.html_blocks += 1,
            Event::Start(
                tag @ (Tag::Emphasis
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Strikethrough
                | Tag::FootnoteDefinition(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::BlockQuote(_)),
            ) => r.markup.push(format!("{tag:?}")),
            e @ (Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule) => r.markup.push(format!("{e:?}")),
            _ => {}
        }
    }
    r
}

#[test]
fn hostile_text_is_literal_in_markdown() {
    let h = Hostile::new();
    let md = render(&h.report(), "md");
    let read = read_markdown(&md);
    for p in h.paragraphs() {
        assert!(
            read.blocks.contains(&p),
            "paragraph reads literally: {p}\nin {:#?}",
            read.blocks
        );
    }
    assert!(read.blocks.contains(&h.title), "the title heading");
    assert!(read.blocks.contains(&h.cell()), "the cell with its note");
    // The only strong text is the template's own 第二十条 captions.
    for s in &read.strong {
        assert!(
            s.starts_with("第二十条第（") && s.ends_with("）项"),
            "strong text from user input: {s}"
        );
    }
    // No emphasis, link, code, math, list… anywhere: the template makes none, user text may not.
    assert!(
        read.markup.is_empty(),
        "markup from user text: {:?}",
        read.markup
    );
    // The one raw HTML block is the template's right-aligned sign-off, with the agency escaped.
    assert_eq!(read.html_blocks, 1, "one raw HTML block: {:?}", read.html);
    let html = read.html.concat();
    assert!(
        html.starts_with("<p align=\"right\">"),
        "only the sign-off is raw HTML: {html}"
    );
    assert!(!html.contains("<script"), "no script tag: {html}");
    let frag = Html::parse_fragment(&html);
    assert_eq!(frag.select(&sel("script")).count(), 0);
    let p = frag.select(&sel("p")).next().expect("the sign-off");
    assert_eq!(text(p), format!("{}2023年1月18日", h.agency));
}

#[test]
fn hostile_text_is_literal_in_typst_and_pdf() {
    let h = Hostile::new();
    let report = h.report();
    // The typst the build uses (XXGK_TYPST honoured), with the fonts it would choose.
    let program = typst();
    let t = xxgk::render::pdf::Typst::locate(Some(&program), Vec::new()).expect("typst");
    let fonts = t
        .fonts()
        .and_then(|f| xxgk::render::pdf::choose_fonts(&f))
        .expect("a CJK font for typst (apt-get install fonts-noto-cjk)");
    let view = xxgk::render::ReportView::new(&report, fonts);
    let src = xxgk::render::Templates::load(None)
        .expect("templates")
        .report(&view, "typ")
        .expect("typ renders");
    let (pdf, _warnings) = t
        .compile(&src, report.date_for_metadata())
        .unwrap_or_else(|e| panic!("the hostile report compiles: {e}"));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let pdf_text = squash(&pdf_text(&path));
    for s in h
        .paragraphs()
        .into_iter()
        .chain([h.title.clone(), h.agency.clone()])
    {
        assert!(
            pdf_text.contains(&squash(&s)),
            "printed literally: {s}\nin {pdf_text}"
        );
    }
    // A table cell's lines may be interleaved with its neighbours' by pdftotext.
    assert!(
        pdf_has_cell(&pdf_text, &squash(&h.cell())),
        "the cell printed literally: {}\nin {pdf_text}",
        h.cell()
    );
    assert!(pdf_text.contains("#read(\"/etc/passwd\")"));
    // Nothing of /etc/passwd itself.
    assert!(
        !pdf_text.contains("root:"),
        "file content leaked: {pdf_text}"
    );
}
