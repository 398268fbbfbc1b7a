//! `xxgk summary` end to end, through the binary: the CSV and XLSX (read back with calamine)
//! hold one correct row per report; each year's aggregate passes `check`, equals the column
//! sums and builds; duplicates are not counted twice; an empty folder is a usage error.

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xxgk::util::synth::years_of;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn xxgk(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XXGK_TODAY", "2026-06-01")
        .args(args)
        .output()
        .expect("run xxgk");
    eprintln!(
        "xxgk {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The CSV as rows of fields (no field of these tests is quoted).
fn csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let mut lines = text
        .lines()
        .map(|l| l.split(',').map(String::from).collect());
    let head = lines.next().expect("header");
    (head, lines.collect())
}

fn col(head: &[String], name: &str) -> usize {
    head.iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// Every figure of a report as open data (JSON) gives it: the independent path to its totals.
fn open_data_figures(yaml: &Path) -> BTreeMap<String, i128> {
    let loaded = xxgk::input::load::load_file(yaml, "x.yaml");
    let r = loaded.report.expect("loads");
    let v: Value = serde_json::from_str(&xxgk::render::json::open_data(&r)).expect("json");
    let mut out = BTreeMap::new();
    let cols = [
        "natural_person",
        "business",
        "research",
        "nonprofit",
        "legal_services",
        "other",
        "total",
    ];
    for row in v["applications"].as_array().unwrap() {
        for (i, c) in cols.iter().enumerate() {
            out.insert(
                format!("applications.{}.{c}", row["key"].as_str().unwrap()),
                row["values"][i].as_i64().unwrap() as i128,
            );
        }
    }
    for row in v["review_and_litigation"].as_array().unwrap() {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            out.insert(
                format!("{}.{c}", row["key"].as_str().unwrap()),
                row[c].as_i64().unwrap() as i128,
            );
        }
    }
    out
}

fn summarise(dir: &Path, inputs: &str, out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["summary", inputs, "--out", out, "--lang", "en"];
    args.extend(extra);
    xxgk(dir, &args)
}

/// Checks one aggregate on its own: no errors.
fn assert_checks(dir: &Path, file: &Path) {
    let o = xxgk(dir, &["check", file.to_str().unwrap(), "--lang", "en"]);
    assert!(o.status.success(), "{}: {}", file.display(), stderr(&o));
}

/// Per (year, edition): the column sums of the CSV's rows without errors.
fn column_sums(head: &[String], rows: &[Vec<String>]) -> BTreeMap<(String, String), Vec<i128>> {
    let first = col(head, "warnings") + 1;
    let errors = col(head, "errors");
    let mut sums: BTreeMap<(String, String), Vec<i128>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r[errors] == "0") {
        let key = (
            r[col(head, "year")].clone(),
            r[col(head, "edition")].clone(),
        );
        let s = sums.entry(key).or_insert_with(|| vec![0; head.len()]);
        for c in first..head.len() {
            if !head[c].starts_with("proactive.") {
                s[c] += r[c].parse::<i128>().unwrap_or(0);
            }
        }
    }
    sums
}

#[test]
fn the_sample_inputs_summarise_row_by_row_and_their_aggregates_check_and_build() {
    let d = tempfile::tempdir().unwrap();
    let inputs = Path::new(ROOT).join("inputs");
    let o = summarise(d.path(), inputs.to_str().unwrap(), "sum", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = d.path().join("sum");
    let (head, rows) = csv(&out.join("summary.csv"));
    let yamls: Vec<PathBuf> = walkdir::WalkDir::new(&inputs)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert_eq!(rows.len(), yamls.len(), "one row per report");
    for (row, yaml) in rows.iter().zip(&yamls) {
        assert!(
            row[0].ends_with(yaml.file_name().unwrap().to_str().unwrap()),
            "{row:?}"
        );
        for (name, want) in open_data_figures(yaml) {
            assert_eq!(
                row[col(&head, &name)],
                want.to_string(),
                "{}: {name}",
                row[0]
            );
        }
    }
    // The workbook: the same rows on the sheet of all, and each year's on its own sheet.
    let mut book: Xlsx<_> = open_workbook(out.join("summary.xlsx")).expect("xlsx");
    let names = book.sheet_names();
    assert_eq!(names[0], "全部");
    let all = book.worksheet_range("全部").expect("sheet");
    assert_eq!(all.height(), rows.len() + 1);
    let c_new = col(&head, "applications.new.total");
    for (i, row) in rows.iter().enumerate() {
        let cell = all.get((i + 1, c_new)).expect("cell");
        assert_eq!(cell, &Data::Float(row[c_new].parse().unwrap()), "{row:?}");
        assert_eq!(all.get((i + 1, 1)), Some(&Data::String(row[1].clone())));
        // year, errors and warnings are numbers, as in the CSV.
        for name in ["year", "errors", "warnings"] {
            let c = col(&head, name);
            let want = Data::Float(row[c].parse().unwrap());
            assert_eq!(all.get((i + 1, c)), Some(&want), "{name}: {row:?}");
        }
    }
    for year in ["2020", "2023"] {
        let sheet = book.worksheet_range(year).expect("year sheet");
        let n = rows
            .iter()
            .filter(|r| r[col(&head, "year")] == year)
            .count();
        assert_eq!(sheet.height(), n + 1, "{year}");
    }
    // Each year's aggregate: clean, the column sums, and it builds.
    let sums = column_sums(&head, &rows);
    for ((year, edition), want) in &sums {
        let agg = out.join(year).join("summary.yaml");
        assert_checks(d.path(), &agg);
        let got = open_data_figures(&agg);
        let text = std::fs::read_to_string(&agg).unwrap();
        assert!(text.contains(&format!("edition: {edition}")), "{text}");
        assert!(text.contains("agency: 汇总"), "{text}");
        for (name, v) in got {
            assert_eq!(v, want[col(&head, &name)], "{year}: {name}");
        }
    }
    // Across years the sums of different sets of bodies need not carry over: each year's
    // aggregate is checked and built on its own — into one folder, where each keeps its year.
    for year in sums.keys().map(|k| &k.0) {
        let o = xxgk(
            d.path(),
            &[
                "build",
                &format!("sum/{year}"),
                "--out",
                "built",
                "--formats",
                "md,html,pdf",
                "--lang",
                "en",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        for ext in ["md", "html", "pdf"] {
            let f = d.path().join(format!("built/{year}/summary.{ext}"));
            assert!(f.exists(), "{}", f.display());
        }
    }
}

/// A generated set: `agencies` bodies over `years`, each year's 上年结转 last year's 结转下年度.
fn generated(dir: &Path, agencies: usize, years: std::ops::RangeInclusive<i32>) {
    for a in 0..agencies {
        let agency = format!("{}县第{a}局", ["东", "西", "南"][a % 3]);
        for (year, text) in years_of(a as u64, &agency, years.clone(), a % 2 == 0) {
            let path = dir.join(format!("{year}/{}/a{a:03}.yaml", ["east", "west"][a % 2]));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

#[test]
fn a_generated_set_with_an_error_and_a_duplicate_sums_each_report_once() {
    let d = tempfile::tempdir().unwrap();
    let inputs = d.path().join("in");
    generated(&inputs, 12, 2019..=2023);
    // A report that does not balance, and a second file of one body for 2023.
    let bad = inputs.join("2022/east/a000.yaml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replacen("  new: [", "  new: [1000", 1)).unwrap();
    std::fs::copy(
        inputs.join("2023/west/a001.yaml"),
        inputs.join("2023/west/zz-copy.yaml"),
    )
    .unwrap();
    let o = summarise(d.path(), "in", "sum", &[]);
    assert_eq!(o.status.code(), Some(1), "errors exit 1: {}", stderr(&o));
    assert!(stderr(&o).contains("duplicate-report"), "{}", stderr(&o));
    let out = d.path().join("sum");
    let (head, rows) = csv(&out.join("summary.csv"));
    assert_eq!(rows.len(), 12 * 5 + 1, "one row per file");
    let errors = col(&head, "errors");
    let marked: Vec<&str> = rows
        .iter()
        .filter(|r| r[errors] != "0")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(marked.iter().any(|f| f.ends_with("2022/east/a000.yaml")));
    assert!(marked.iter().any(|f| f.ends_with("zz-copy.yaml")));
    // The aggregates: the sums of the clean rows (the duplicate once), each passes check.
    let sums = column_sums(&head, &rows);
    assert_eq!(sums.len(), 5);
    for ((year, _), want) in &sums {
        let agg = out.join(year).join("summary.yaml");
        assert_checks(d.path(), &agg);
        for (name, v) in open_data_figures(&agg) {
            assert_eq!(v, want[col(&head, &name)], "{year}: {name}");
        }
    }
    let text = std::fs::read_to_string(out.join("2023/summary.yaml")).unwrap();
    assert!(text.contains("另有1份报告因有错误未计入"), "{text}");
    // The workbook: 全部 and one sheet a year.
    let mut book: Xlsx<_> = open_workbook(out.join("summary.xlsx")).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        ["全部", "2019", "2020", "2021", "2022", "2023"]
    );
    assert_eq!(book.worksheet_range("2023").unwrap().height(), 12 + 1 + 1);
}

#[test]
fn aggregates_by_folder_and_by_agency_prefix() {
    let d = tempfile::tempdir().unwrap();
    generated(&d.path().join("in"), 6, 2022..=2023);
    let o = summarise(d.path(), "in", "f", &["--by", "folder"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for g in ["east", "west"] {
        let agg = d.path().join(format!("f/2023/{g}/summary.yaml"));
        let text = std::fs::read_to_string(&agg).expect("aggregate");
        assert!(text.contains(&format!("agency: 汇总（{g}）")), "{text}");
        assert_checks(d.path(), &agg);
    }
    // The folders' aggregates are checked as one set: each group carries over on its own.
    let o = xxgk(d.path(), &["check", "f", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (head, _) = csv(&d.path().join("f/summary.csv"));
    assert_eq!(head[9], "group");
    let o = summarise(
        d.path(),
        "in",
        "p",
        &["--by", "agency-prefix", "--name", "合计"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for g in ["东县", "西县", "南县"] {
        let agg = d.path().join(format!("p/2022/{g}/summary.yaml"));
        let text = std::fs::read_to_string(&agg).expect("aggregate");
        assert!(text.contains(&format!("agency: 合计（{g}）")), "{text}");
    }
}

#[test]
fn a_folder_without_reports_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("empty")).unwrap();
    let o = summarise(d.path(), "empty", "sum", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no report files (.yaml/.yml) in empty"),
        "{}",
        stderr(&o)
    );
    assert!(
        !d.path().join("sum/summary.csv").exists(),
        "nothing written"
    );
}

/// A path that cannot be read is said as `check` says it (exit 1), not as "no reports"; an
/// unwritable temporary folder is named before any work, with no panic, and nothing is left.
#[test]
fn a_missing_path_and_an_unwritable_temporary_folder_are_said_plainly() {
    let d = tempfile::tempdir().unwrap();
    let o = summarise(d.path(), "nope", "sum", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot open `nope`"), "{}", stderr(&o));
    assert!(!d.path().join("sum").exists(), "nothing made");
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(d.path())
        .env("TMPDIR", d.path().join("no-such-tmp"))
        .args([
            "summary",
            inputs.to_str().unwrap(),
            "--out",
            "sum",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no-such-tmp/(TMPDIR)"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(!d.path().join("sum").exists(), "nothing made");
}
