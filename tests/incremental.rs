//! Incremental builds: a rebuild costs what changed; outputs of deleted inputs go.

use std::path::Path;
use std::process::{Command, Output};

fn build(inputs: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("build")
        .arg(inputs)
        .arg("--out")
        .arg(out)
        .args(["--formats", "md,html,json"])
        .args(extra)
        .env("XXGK_TODAY", "2026-11-27")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn summary(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// Every format this file's builds write is gone for `slot`.
fn assert_outputs_gone(out: &Path, slot: &str, o: &Output) {
    for ext in ["md", "html", "json"] {
        assert!(
            !out.join(format!("{slot}.{ext}")).exists(),
            "{slot}.{ext} left behind: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    for y in ["2022", "2023"] {
        std::fs::create_dir_all(inputs.join(y)).unwrap();
        for e in std::fs::read_dir(Path::new("inputs").join(y)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, inputs.join(y).join(p.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.path().join("build");
    (dir, inputs, out)
}

#[test]
fn unchanged_inputs_are_not_rebuilt_and_changed_ones_are() {
    let (_d, inputs, out) = setup();
    assert!(summary(&build(&inputs, &out, &[])).contains("built 3 reports"));
    let md = out.join("2023/example-county-government.md");
    let before = std::fs::metadata(&md).unwrap().modified().unwrap();
    let o = build(&inputs, &out, &[]);
    assert!(
        summary(&o).contains("built 0 reports") && summary(&o).contains("3 up to date"),
        "{}",
        summary(&o)
    );
    assert_eq!(
        std::fs::metadata(&md).unwrap().modified().unwrap(),
        before,
        "an up-to-date file is not rewritten"
    );

    // One input changes: only it is rebuilt, and its output shows the change.
    let f = inputs.join("2023/example-county-government.yaml");
    let text = std::fs::read_to_string(&f).unwrap().replace(
        "title: 示例县人民政府2023年政府信息公开工作年度报告",
        "title: 改过的标题",
    );
    std::fs::write(&f, text).unwrap();
    let o = build(&inputs, &out, &[]);
    assert!(
        summary(&o).contains("built 1 report") && summary(&o).contains("2 up to date"),
        "{}",
        summary(&o)
    );
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# 改过的标题")
    );

    // --force rebuilds all.
    assert!(summary(&build(&inputs, &out, &["--force"])).contains("built 3 reports"));
}

#[test]
fn changed_templates_rebuild_everything() {
    let (d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    let tpl = d.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let md = xxgk::render::DEFAULT_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "report.md.tera")
        .unwrap()
        .1;
    std::fs::write(
        tpl.join("report.md.tera"),
        format!("{md}\n<!-- custom -->\n"),
    )
    .unwrap();
    let o = build(&inputs, &out, &["--templates", tpl.to_str().unwrap()]);
    assert!(summary(&o).contains("built 3 reports"), "{}", summary(&o));
    assert!(
        std::fs::read_to_string(out.join("2022/example-county-transport.md"))
            .unwrap()
            .contains("<!-- custom -->")
    );
}

#[test]
fn outputs_of_deleted_inputs_and_dropped_formats_are_removed() {
    let (_d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    std::fs::remove_file(inputs.join("2022/example-county-transport.yaml")).unwrap();
    let o = build(&inputs, &out, &[]);
    assert_outputs_gone(&out, "2022/example-county-transport", &o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("removed"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !index.contains("2022/example-county-transport"),
        "the index no longer lists it"
    );
    assert!(index.contains("2023/example-county-government.md"));

    // Dropping a format removes its files.
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("build")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--formats", "md"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(out.join("2023/example-county-government.md").exists());
    assert!(!out.join("2023/example-county-government.html").exists());
}

#[test]
fn a_report_that_gains_an_error_loses_its_old_outputs() {
    let (_d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    let f = inputs.join("2023/example-county-government.yaml");
    let text =
        std::fs::read_to_string(&f)
            .unwrap()
            .replacen("year: 2023", "year: 2023\nyear_typo: 1", 1);
    std::fs::write(&f, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("build")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--formats", "md,html,json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    // Figures with errors are never published: last build's files of that report go, and the
    // index no longer links it (its row says 未生成, with its errors); the other reports stay.
    assert!(!out.join("2023/example-county-government.md").exists());
    assert!(String::from_utf8_lossy(&o.stderr).contains("removed"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("href=\"2023/example-county-government"));
    assert!(index.contains("未生成"));
    assert!(out.join("2023/example-county-transport.md").exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.join("2023"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn two_inputs_with_the_same_output_are_refused() {
    let (d, inputs, out) = setup();
    std::fs::copy(
        inputs.join("2022/example-county-transport.yaml"),
        inputs.join("2022/example-county-transport.yml"),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("build")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--formats", "md", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        diags.iter().any(|d| d["code"] == "output-clash"),
        "{diags:#?}"
    );
    // Files named directly keep their place below `inputs/`: two years' files do not clash.
    let check_two = |folder: &Path, a: &str, b: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .arg("check")
            .arg(folder.join(a).join("example-county-transport.yaml"))
            .arg(folder.join(b).join("example-county-transport.yaml"))
            .args(["--format", "json"])
            .output()
            .unwrap();
        let diags: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        diags.iter().any(|d| d["code"] == "output-clash")
    };
    assert!(!check_two(&inputs, "2022", "2023"));
    // Outside an `inputs` folder, in folders named as years, they keep their year's folder.
    let reports = d.path().join("reports");
    std::fs::rename(&inputs, &reports).unwrap();
    assert!(!check_two(&reports, "2022", "2023"));
    // In other folders they are placed by name: they clash, and are refused.
    std::fs::rename(reports.join("2022"), reports.join("old")).unwrap();
    std::fs::rename(reports.join("2023"), reports.join("new")).unwrap();
    assert!(check_two(&reports, "old", "new"));
    std::fs::rename(reports.join("old"), reports.join("2022")).unwrap();
    std::fs::rename(reports.join("new"), reports.join("2023")).unwrap();
    std::fs::rename(&reports, &inputs).unwrap();
    std::fs::remove_file(inputs.join("2022/example-county-transport.yml")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(&inputs)
        .arg(inputs.join("2023"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    drop(d);
}

/// The manifest's entries (JSON Lines after a version line), by slot.
fn manifest(out: &Path) -> (serde_json::Value, Vec<serde_json::Value>) {
    let text = std::fs::read_to_string(out.join(".xxgk-manifest.json")).unwrap();
    let mut lines = text.lines().map(|l| serde_json::from_str(l).unwrap());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

#[test]
fn the_manifest_lists_each_report_in_slot_order() {
    let (_d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    let (header, entries) = manifest(&out);
    assert_eq!(header, serde_json::json!({"version": 2}));
    let slots: Vec<&str> = entries
        .iter()
        .map(|e| e["slot"].as_str().unwrap())
        .collect();
    assert_eq!(
        slots,
        [
            "2022/example-county-transport",
            "2023/example-county-government",
            "2023/example-county-transport"
        ]
    );
    assert_eq!(
        entries[0]["formats"],
        serde_json::json!(["md", "html", "json"])
    );
    assert_eq!(entries[0]["year"], 2022);
}

#[test]
fn a_manifest_of_version_1_still_tracks_the_outputs_it_lists() {
    // Version 1 was one JSON object listing each output file. A folder built by an older xxgk
    // must still lose the outputs of an input deleted since.
    let (_d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    let (_, entries) = manifest(&out);
    let mut reports = serde_json::Map::new();
    for mut e in entries {
        let slot = e["slot"].as_str().unwrap().to_string();
        let files: Vec<serde_json::Value> = e["formats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{slot}.{}", f.as_str().unwrap()).into())
            .collect();
        let o = e.as_object_mut().unwrap();
        o.remove("formats");
        o.remove("slot");
        o.insert("files".into(), files.into());
        reports.insert(slot, e);
    }
    let v1 = serde_json::json!({"version": 1, "reports": reports});
    std::fs::write(
        out.join(".xxgk-manifest.json"),
        serde_json::to_string_pretty(&v1).unwrap(),
    )
    .unwrap();

    std::fs::remove_file(inputs.join("2022/example-county-transport.yaml")).unwrap();
    let o = build(&inputs, &out, &[]);
    assert_outputs_gone(&out, "2022/example-county-transport", &o);
    assert!(
        summary(&o).contains("2 up to date"),
        "the others' keys still match: {}",
        summary(&o)
    );
    let (header, entries) = manifest(&out);
    assert_eq!(header["version"], 2, "rewritten in the current version");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["slot"], "2023/example-county-government");
}

/// Writes `n` valid synthetic reports under `dir` (`<year>/r<i>.yaml`), from `first`.
fn synthetic(dir: &Path, first: usize, n: usize) {
    for i in first..first + n {
        let year = 2021 + (i % 3) as i32;
        let spec = xxgk::util::synth::Spec {
            seed: i as u64,
            year,
            agency: format!("示例县第{i}局"),
            edition: xxgk::Edition::E2021,
            with_totals: false,
        };
        let path = dir.join(year.to_string()).join(format!("r{i:04}.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, xxgk::util::synth::report_yaml(&spec)).unwrap();
    }
}

/// The index's links, in the page's order.
/// The links to reports in the index's tables by year (not the bodies' cards below them, nor
/// the links within the page).
fn index_links(out: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let years = index.split("<section id=\"bodies\">").next().unwrap();
    years
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .filter(|l| !l.starts_with('#'))
        .collect()
}

#[test]
fn many_reports_built_by_turns_into_one_folder_stay_in_step() {
    // More reports than the build holds at once (a window of 64), over two input folders built
    // into one output folder by turns. (The index's runs on disk are tested in src/index.rs.)
    let dir = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("out"),
    );
    synthetic(&a, 0, 700);
    synthetic(&b, 700, 60);
    let run = |inputs: &Path, formats: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .arg("build")
            .arg(inputs)
            .arg("--out")
            .arg(&out)
            .args(["--formats", formats])
            .env("XXGK_TODAY", "2026-11-27")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        summary(&o)
    };
    assert!(run(&a, "json").contains("built 700 reports"));
    // The second folder's reports join the first's: they are kept while their inputs exist.
    assert!(run(&b, "json").contains("built 60 reports"));
    let (_, entries) = manifest(&out);
    assert_eq!(entries.len(), 760);
    let slots: Vec<&str> = entries
        .iter()
        .map(|e| e["slot"].as_str().unwrap())
        .collect();
    assert!(slots.windows(2).all(|w| w[0] < w[1]), "slot order");

    // The index: every report once, newest year first, then by agency and title.
    let links = index_links(&out);
    assert_eq!(links.len(), 760);
    let by_slot: std::collections::HashMap<&str, &serde_json::Value> = entries
        .iter()
        .map(|e| (e["slot"].as_str().unwrap(), e))
        .collect();
    let keys: Vec<(i64, String, String)> = links
        .iter()
        .map(|l| {
            let e = by_slot[l.strip_suffix(".json").unwrap()];
            (
                -e["year"].as_i64().unwrap(),
                e["agency"].as_str().unwrap().to_string(),
                e["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "page order");

    // Deleted inputs of either folder lose their outputs; a changed one is rebuilt alone.
    for i in [0, 1, 2, 300, 699] {
        let y = 2021 + i % 3;
        std::fs::remove_file(a.join(format!("{y}/r{i:04}.yaml"))).unwrap();
    }
    std::fs::remove_file(b.join("2022/r0700.yaml")).unwrap();
    let changed = a.join("2022/r0301.yaml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, text.replace("示例县第301局", "改名局")).unwrap();
    let s = run(&a, "json");
    assert!(
        s.contains("built 1 report") && s.contains("694 up to date"),
        "{s}"
    );
    assert!(!out.join("2021/r0000.json").exists());
    assert!(!out.join("2021/r0699.json").exists());
    assert!(
        !out.join("2022/r0700.json").exists(),
        "deleted from the other folder too"
    );
    let (_, entries) = manifest(&out);
    assert_eq!(entries.len(), 754);
    assert_eq!(index_links(&out).len(), 754);
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("改名局"),
        "the changed report's index line"
    );
}

/// The `.md` files below `out`, relative, sorted.
fn markdown_files(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = walk(out)
        .into_iter()
        .filter(|p| p.ends_with(".md"))
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(
                walk(&p)
                    .into_iter()
                    .map(|s| format!("{}/{s}", p.file_name().unwrap().to_string_lossy())),
            );
        } else {
            out.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn a_file_its_folder_and_all_inputs_build_one_report_into_one_place() {
    let (_d, inputs, out) = setup();
    let file = inputs.join("2023/example-county-transport.yaml");
    build(&file, &out, &[]);
    build(&inputs.join("2023"), &out, &[]);
    build(&inputs, &out, &[]);
    assert_eq!(
        markdown_files(&out),
        [
            "2022/example-county-transport.md",
            "2023/example-county-government.md",
            "2023/example-county-transport.md"
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        index.matches("example-county-transport.md").count(),
        2,
        "{index}"
    );
}

#[test]
fn outputs_that_no_input_produces_any_more_are_removed() {
    // Outside an `inputs` folder (and a year's folder) a file is placed by its path below the
    // folder given: building the file, then its parent, places it twice over time; the first
    // place must go.
    let (d, inputs, out) = setup();
    let reports = d.path().join("reports");
    std::fs::rename(&inputs, &reports).unwrap();
    std::fs::rename(reports.join("2023"), reports.join("latest")).unwrap();
    build(
        &reports.join("latest/example-county-transport.yaml"),
        &out,
        &[],
    );
    assert!(out.join("example-county-transport.md").exists());
    let o = build(&reports, &out, &[]);
    assert!(
        !out.join("example-county-transport.md").exists(),
        "{}",
        summary(&o)
    );
    assert!(out.join("latest/example-county-transport.md").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        index.matches("example-county-transport.md").count(),
        2,
        "{index}"
    );
}
