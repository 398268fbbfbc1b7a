//! A third edition added at run time: a copy of 2021 with one label changed and its own key,
//! run through the whole pipeline (load, check, render, schema, scaffold, import). Nothing
//! outside `format/` may tell editions apart by name, so everything must work for it, and work
//! exactly as for 2021 but for that label.

use std::sync::OnceLock;
use xxgk::author::import::import_text;
use xxgk::author::scaffold::{NewOptions, new_report};
use xxgk::check::{check_report, check_set};
use xxgk::format::{self, Column, EditionSpec, InForce, ProactiveBlock};
use xxgk::input::load::load_str;
use xxgk::render::{ReportView, Templates};
use xxgk::{Code, Diagnostic, Edition, Report, Severity};

const KEY: &str = "2099-test";
const ORIGINAL: &str = "本年制发件数";
const CHANGED: &str = "本年印发件数";

const TRANSPORT_2022: &str = "inputs/2022/example-county-transport.yaml";
const TRANSPORT_2023: &str = "inputs/2023/example-county-transport.yaml";
const GOVERNMENT_2023: &str = "inputs/2023/example-county-government.yaml";

/// The fake edition, registered once for every test of this file.
fn fake() -> Edition {
    static FAKE: OnceLock<Edition> = OnceLock::new();
    *FAKE.get_or_init(|| {
        let base = *Edition::E2021.spec();
        let mut blocks: Vec<ProactiveBlock> = base.proactive.to_vec();
        let mut columns: Vec<Column> = blocks[0].columns.to_vec();
        assert_eq!(columns[0].label, ORIGINAL);
        columns[0].label = CHANGED;
        blocks[0].columns = Box::leak(columns.into_boxed_slice());
        let spec = EditionSpec {
            key: KEY,
            // Years no report can have yet: 2021 stays the edition of every real year.
            in_force: InForce {
                from: 2099,
                to: Some(2099),
            },
            proactive: Box::leak(blocks.into_boxed_slice()),
            ..base
        };
        format::register(Box::leak(Box::new(spec)))
    })
}

/// `src` with `edition: key` (replacing the line, or added after `year:`).
fn with_edition(src: &str, key: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in src.lines() {
        if line.starts_with("edition:") {
            out.push_str(&format!("edition: {key}\n"));
            done = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line.starts_with("year:") && !src.contains("\nedition:") {
            out.push_str(&format!("edition: {key}\n"));
            done = true;
        }
    }
    assert!(done, "no year: line");
    out
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The same input as 2021 and as the fake edition.
fn both(src: &str) -> (String, String) {
    fake();
    (with_edition(src, "2021"), with_edition(src, KEY))
}

fn load(src: &str, name: &str) -> (Report, Vec<Diagnostic>) {
    let loaded = load_str(src, name);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{src}");
    (loaded.report.expect("a report"), loaded.diagnostics)
}

/// Diagnostics as text, the fake edition's read as 2021's.
fn shown(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            format!("{d:?}")
                .replace(KEY, "2021")
                .replace(CHANGED, ORIGINAL)
        })
        .collect()
}

/// The fake report's diagnostics are the 2021 one's, plus the warning that the fake edition is
/// not in force in the report's year.
fn assert_same_diagnostics(of_2021: &[Diagnostic], of_fake: &[Diagnostic], what: &str) {
    assert!(
        of_2021.iter().all(|d| d.code != Code::EditionMismatch),
        "{what}: {of_2021:#?}"
    );
    let (mismatch, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = of_fake
        .iter()
        .cloned()
        .partition(|d| d.code == Code::EditionMismatch);
    assert_eq!(mismatch.len(), 1, "{what}: {of_fake:#?}");
    assert!(mismatch[0].zh.contains(KEY), "{}", mismatch[0].zh);
    assert_eq!(shown(&rest), shown(of_2021), "{what}");
}

fn render_all(r: &Report) -> Vec<(&'static str, String)> {
    let view = ReportView::new(r, xxgk::render::pdf::default_fonts());
    let t = Templates::load(None).expect("templates");
    ["md", "html", "typ"]
        .into_iter()
        .map(|f| (f, t.report(&view, f).expect("renders")))
        .collect()
}

#[test]
fn the_registry_holds_it() {
    let e = fake();
    assert_eq!(Edition::parse(KEY), Some(e));
    assert_eq!(e.key(), KEY);
    assert_ne!(e, Edition::E2021);
    assert!(format::all().contains(&e));
    assert_eq!(format::all().len(), 3);
    // Registering the same spec again is harmless.
    assert_eq!(format::register(e.spec()), e);
    // Real years keep their editions; the fake one is only in force in 2099.
    assert_eq!(Edition::default_for_year(2018), Edition::E2019);
    assert_eq!(Edition::default_for_year(2020), Edition::E2019);
    assert_eq!(Edition::default_for_year(2023), Edition::E2021);
    assert_eq!(Edition::default_for_year(2099), e);
    assert_eq!(Edition::default_for_year(2100), Edition::E2021);
    assert_eq!(format::latest(), Edition::E2021);
    assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{KEY}\""));
}

#[test]
fn a_balanced_report_loads_and_checks_as_in_2021() {
    for rel in [TRANSPORT_2022, TRANSPORT_2023, GOVERNMENT_2023] {
        let (a, b) = both(&read(rel));
        let (ra, la) = load(&a, rel);
        let (rb, lb) = load(&b, rel);
        assert_eq!(ra.edition, Edition::E2021);
        assert_eq!(rb.edition, fake());
        assert_eq!(shown(&lb), shown(&la), "{rel}: loading");
        assert_same_diagnostics(&check_report(&ra), &check_report(&rb), rel);
    }
}

#[test]
fn a_wrong_total_is_found_as_in_2021() {
    let src = read(TRANSPORT_2023).replace(
        "new: [12, 4, 1, 0, 2, 0, 19]",
        "new: [12, 4, 1, 0, 2, 0, 20]",
    );
    let (a, b) = both(&src);
    let (da, db) = (
        check_report(&load(&a, "t.yaml").0),
        check_report(&load(&b, "t.yaml").0),
    );
    assert!(da.iter().any(|d| d.severity == Severity::Error), "{da:#?}");
    assert_same_diagnostics(&da, &db, "wrong total");
}

#[test]
fn keys_of_another_edition_are_named_with_it() {
    // `procurement` is only in 2019's table 二.
    let src = read(TRANSPORT_2023).replace(
        "proactive:\n",
        "proactive:\n  procurement: {projects: 1, amount: 2}\n",
    );
    let (a, b) = both(&src);
    for (text, key) in [(a, "2021"), (b, KEY)] {
        let d = load_str(&text, "x.yaml").diagnostics;
        let d: Vec<_> = d
            .iter()
            .filter(|d| d.code == Code::OtherEditionKey)
            .collect();
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].zh.contains("是 2019 版格式的栏目"), "{}", d[0].zh);
        assert!(
            d[0].zh.contains(&format!("本报告使用 {key} 版格式")),
            "{}",
            d[0].zh
        );
    }
    // An unknown edition names every edition, the fake one too.
    let d = load_str(&with_edition(&read(TRANSPORT_2023), "2030"), "x.yaml").diagnostics;
    let bad = d
        .iter()
        .find(|d| d.code == Code::InvalidEdition)
        .expect("invalid edition");
    assert!(bad.zh.contains(KEY) && bad.en.contains(KEY), "{}", bad.zh);
}

#[test]
fn continuity_across_two_years_is_checked_as_in_2021() {
    let prev = read(TRANSPORT_2022);
    let next = read(TRANSPORT_2023);
    // Clean, then with 现行有效件数 not following from last year's.
    let broken = next.replace(
        "normative_documents: {issued: 2, repealed: 3, in_force: 13}",
        "normative_documents: {issued: 2, repealed: 3, in_force: 12}",
    );
    assert_ne!(broken, next);
    for (next, broken) in [(next.as_str(), false), (broken.as_str(), true)] {
        let (pa, pb) = both(&prev);
        let (na, nb) = both(next);
        let (pa, pb) = (load(&pa, TRANSPORT_2022).0, load(&pb, TRANSPORT_2022).0);
        let (na, nb) = (load(&na, TRANSPORT_2023).0, load(&nb, TRANSPORT_2023).0);
        let da = check_set(&[&pa, &na]);
        let db = check_set(&[&pb, &nb]);
        assert_eq!(
            da.iter().any(|d| d.code == Code::InForceContinuity),
            broken,
            "{da:#?}"
        );
        assert_eq!(shown(&db), shown(&da), "continuity, broken: {broken}");
    }
}

#[test]
fn it_renders_as_2021_but_for_its_label() {
    for rel in [TRANSPORT_2023, GOVERNMENT_2023] {
        let (a, b) = both(&read(rel));
        let (ra, rb) = (load(&a, rel).0, load(&b, rel).0);
        for ((f, x), (_, y)) in render_all(&ra).into_iter().zip(render_all(&rb)) {
            assert!(x.contains(ORIGINAL) && !x.contains(CHANGED), "{rel} {f}");
            assert!(y.contains(CHANGED) && !y.contains(ORIGINAL), "{rel} {f}");
            assert_eq!(y.replace(CHANGED, ORIGINAL), x, "{rel} {f}");
        }
    }
}

fn as_json(text: &str) -> serde_json::Value {
    let parsed = xxgk::input::yaml::parse(text, Default::default()).expect("valid YAML");
    xxgk::input::yaml::to_json(&parsed.root)
}

#[test]
fn the_schema_knows_it() {
    fake();
    let text = xxgk::author::schema::schema_text();
    assert!(text.contains(KEY), "the key");
    assert!(text.contains(CHANGED), "its label");
    let v = jsonschema::draft7::new(&xxgk::author::schema::schema()).expect("a valid schema");
    let (a, b) = both(&read(TRANSPORT_2023));
    for text in [
        &a,
        &b,
        &read(TRANSPORT_2023),
        &read("inputs/2020/cixi-transport.yaml"),
    ] {
        let errors: Vec<String> = v
            .iter_errors(&as_json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
    }
    // Its tables are 2021's: a key of 2019 is refused.
    let bad = b.replace(
        "proactive:\n",
        "proactive:\n  procurement: {projects: 1, amount: 2}\n",
    );
    assert!(!v.is_valid(&as_json(&bad)));
}

#[test]
fn a_new_file_is_written_for_it() {
    let new = |edition| {
        new_report(&NewOptions {
            agency: Some("示例县财政局".into()),
            year: 2023,
            edition: Some(edition),
            from: None,
            schema: "xxgk.schema.json".into(),
        })
        .0
    };
    let a = new(Edition::E2021);
    let b = new(fake());
    assert!(b.contains(&format!("edition: {KEY}")), "{b}");
    assert!(b.contains(CHANGED), "{b}");
    assert_eq!(b.replace(KEY, "2021").replace(CHANGED, ORIGINAL), a);
    let (r, _) = load(&b, "new.yaml");
    assert_eq!(r.edition, fake());
    assert_eq!(r.agency, "示例县财政局");
}

#[test]
fn its_html_imports_back_to_it() {
    for rel in [TRANSPORT_2023, GOVERNMENT_2023] {
        let (a, b) = both(&read(rel));
        for (text, edition) in [(a, Edition::E2021), (b, fake())] {
            let original = load(&text, rel).0;
            let html = render_all(&original).remove(1).1;
            let im = import_text(&html, "x.html");
            assert!(im.diagnostics.is_empty(), "{rel}: {:#?}", im.diagnostics);
            assert!(
                im.yaml.contains(&format!("edition: {}  #", edition.key())),
                "{}",
                im.yaml
            );
            let imported = load(&im.yaml, "imported.yaml").0;
            assert_eq!(imported.edition, edition, "{rel}");
            assert_eq!(render_all(&imported), render_all(&original), "{rel}");
        }
    }
}
