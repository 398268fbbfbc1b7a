//! The one check path: the build renders exactly the bytes that were checked. A file edited
//! between the check and the build is checked again, never published unchecked.

mod common;

use std::path::PathBuf;
use xxgk::build::{BuildOptions, Format, build_checked};
use xxgk::check::check_all;
use xxgk::{Code, Severity};

fn options(out: PathBuf) -> BuildOptions {
    BuildOptions {
        out,
        formats: vec![Format::Md],
        templates: None,
        jobs: 2,
        typst: None,
        font_paths: Vec::new(),
        typst_timeout: std::time::Duration::from_secs(60),
        levels: Default::default(),
        force: false,
    }
}

/// Checks a folder holding one valid report, then writes `edited` over it before the build.
fn check_then_edit(edited: &str) -> (tempfile::TempDir, xxgk::build::BuildResult) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let file = inputs.join("test.yaml");
    std::fs::write(&file, common::VALID_2021).unwrap();
    let (found, _) = xxgk::input::discover(std::slice::from_ref(&inputs));
    let checked = check_all(found, &Default::default());
    assert_eq!(
        checked.count(Severity::Error),
        0,
        "{:?}",
        checked.diagnostics
    );
    std::fs::write(&file, edited).unwrap();
    let result = build_checked(checked, &options(dir.path().join("build")), &|_, _, _| {})
        .expect("build runs");
    (dir, result)
}

#[test]
fn a_file_broken_after_the_check_is_checked_again_and_not_built() {
    // 新收 总计 13 → 14: the row no longer adds up.
    let broken =
        common::VALID_2021.replace("new: [9, 2, 0, 0, 1, 1, 13]", "new: [9, 2, 0, 0, 1, 1, 14]");
    let (dir, result) = check_then_edit(&broken);
    assert_eq!(result.built, 0);
    assert_eq!(result.skipped.len(), 1);
    assert!(
        result
            .diagnostics
            .iter()
            .any(|d| d.code == Code::RowTotal && d.severity == Severity::Error),
        "the new error is reported: {:?}",
        result.diagnostics
    );
    assert!(
        !dir.path().join("build/test.md").exists(),
        "nothing published"
    );
}

#[test]
fn a_file_edited_after_the_check_is_built_from_its_new_bytes_when_still_right() {
    let edited =
        common::VALID_2021.replace("licensing: {decisions: 120}", "licensing: {decisions: 121}");
    let (dir, result) = check_then_edit(&edited);
    assert_eq!(result.built, 1, "{:?}", result.diagnostics);
    let md = std::fs::read_to_string(dir.path().join("build/test.md")).unwrap();
    assert!(md.contains("121"), "the new figure is in the report");
}
