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
        summary(&o).contains("built 1 reports") && summary(&o).contains("2 up to date"),
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
    for ext in ["md", "html", "json"] {
        assert!(
            !out.join(format!("2022/example-county-transport.{ext}"))
                .exists(),
            "{ext} left behind"
        );
    }
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
    // index no longer lists it; the other reports stay.
    assert!(!out.join("2023/example-county-government.md").exists());
    assert!(String::from_utf8_lossy(&o.stderr).contains("removed"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("example-county-government"));
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
    // Files named directly from two folders clash too; one folder named twice does not.
    let a = inputs.join("2022/example-county-transport.yaml");
    let b = inputs.join("2023/example-county-transport.yaml");
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(&a)
        .arg(&b)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        diags.iter().any(|d| d["code"] == "output-clash"),
        "{diags:#?}"
    );
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

#[test]
fn a_manifest_of_version_1_still_tracks_the_outputs_it_lists() {
    // Version 1 listed each output file; version 2 keeps the formats. A folder built by an
    // older xxgk must still lose the outputs of an input deleted since.
    let (_d, inputs, out) = setup();
    build(&inputs, &out, &[]);
    let path = out.join(".xxgk-manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    m["version"] = 1.into();
    for (slot, e) in m["reports"].as_object_mut().unwrap() {
        let files: Vec<serde_json::Value> = e["formats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{slot}.{}", f.as_str().unwrap()).into())
            .collect();
        let e = e.as_object_mut().unwrap();
        e.remove("formats");
        e.insert("files".into(), files.into());
    }
    std::fs::write(&path, m.to_string()).unwrap();

    std::fs::remove_file(inputs.join("2022/example-county-transport.yaml")).unwrap();
    let o = build(&inputs, &out, &[]);
    for ext in ["md", "html", "json"] {
        assert!(
            !out.join(format!("2022/example-county-transport.{ext}"))
                .exists(),
            "{ext} of the deleted input is removed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(m["version"], 2, "rewritten in the current version");
    assert_eq!(
        m["reports"]["2023/example-county-government"]["formats"],
        serde_json::json!(["md", "html", "json"])
    );
}
