//! Open data (JSON): the normalised report with every label and every total computed.

use crate::format::{self, OUTCOME_ROWS};
use crate::render;
use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct JsonCell {
    key: &'static str,
    label: &'static str,
    value: crate::report::Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct JsonProactiveRow {
    key: &'static str,
    label: &'static str,
    cells: Vec<JsonCell>,
}

#[derive(Serialize)]
struct JsonBlock {
    item: &'static str,
    rows: Vec<JsonProactiveRow>,
}

#[derive(Serialize)]
struct JsonAppRow {
    key: String,
    label: String,
    /// The seven columns: the six applicants and 总计.
    values: [u64; 7],
}

#[derive(Serialize)]
struct JsonOutcome {
    key: String,
    label: String,
    upheld: u64,
    corrected: u64,
    other: u64,
    pending: u64,
    total: u64,
}

#[derive(Serialize)]
struct JsonText {
    text: String,
    paragraphs: Vec<String>,
}

#[derive(Serialize)]
struct OpenData {
    generator: String,
    year: i32,
    agency: String,
    edition: &'static str,
    edition_notice: &'static str,
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preface: Option<JsonText>,
    overview: JsonText,
    proactive: Vec<JsonBlock>,
    application_columns: Vec<&'static str>,
    applications: Vec<JsonAppRow>,
    review_and_litigation: Vec<JsonOutcome>,
    problems: JsonText,
    other_matters: JsonText,
}

fn json_text(t: &crate::report::Text) -> JsonText {
    JsonText {
        text: t.raw.clone(),
        paragraphs: t
            .paragraphs()
            .into_iter()
            .map(|p| format!("{}{}", p.lead.unwrap_or_default(), p.text))
            .collect(),
    }
}

/// The report as open data (JSON): labels, figures and every total.
pub fn open_data(r: &Report) -> String {
    let mut i = 0;
    let proactive = r
        .edition
        .proactive()
        .iter()
        .map(|b| JsonBlock {
            item: b.item,
            rows: b
                .rows
                .iter()
                .map(|row| {
                    let cells = r.proactive[i]
                        .iter()
                        .zip(b.columns)
                        .map(|(c, col)| JsonCell {
                            key: col.key,
                            label: col.label,
                            value: c.value.clone(),
                            note: c.note.clone(),
                            text: render::proactive_text(c, col.unit_in_cell),
                        })
                        .collect();
                    i += 1;
                    JsonProactiveRow {
                        key: row.key,
                        label: row.label,
                        cells,
                    }
                })
                .collect(),
        })
        .collect();
    let applications = r
        .applications
        .rows()
        .map(|(d, row)| JsonAppRow {
            key: d.dotted(),
            label: d.full_label(),
            values: r.applications.printed(d, row),
        })
        .collect();
    let review_and_litigation = r
        .outcomes()
        .iter()
        .zip(&OUTCOME_ROWS)
        .map(|(o, d)| {
            let [upheld, corrected, other, pending, total] = o.figures();
            JsonOutcome {
                key: d.path.join("."),
                label: d.full_label(),
                upheld,
                corrected,
                other,
                pending,
                total,
            }
        })
        .collect();
    let data = OpenData {
        generator: render::GENERATOR.to_string(),
        year: r.year,
        agency: r.agency.clone(),
        edition: r.edition.key(),
        edition_notice: r.edition.notice(),
        kind: r.kind.key(),
        title: r.title(),
        published: r.published.map(|d| d.to_string()),
        preface: r.preface.as_ref().map(json_text),
        overview: json_text(&r.overview),
        proactive,
        application_columns: (0..7).map(format::applicant_column_label).collect(),
        applications,
        review_and_litigation,
        problems: json_text(&r.problems),
        other_matters: json_text(&r.other_matters),
    };
    let mut s = serde_json::to_string_pretty(&data).expect("open data serialises");
    s.push('\n');
    s
}
