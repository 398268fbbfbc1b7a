//! Limits and safety: a typst that hangs is stopped, links outside the inputs are not
//! followed, and a build killed at any moment leaves every output complete or absent.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use xxgk::Edition;
use xxgk::util::synth::{Spec, report_yaml};

fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("XXGK_TODAY", "2026-11-27").env("LANG", "C");
    c
}

fn write_synthetic(dir: &Path, n: u64) {
    for i in 0..n {
        let (e, year) = if i % 2 == 0 {
            (Edition::E2019, 2020)
        } else {
            (Edition::E2021, 2023)
        };
        let spec = Spec {
            seed: i,
            year,
            agency: format!("示例县第{i}局"),
            edition: e,
            with_totals: i % 3 == 0,
        };
        let p = dir.join(year.to_string()).join(format!("r{i:04}.yaml"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, report_yaml(&spec)).unwrap();
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn a_typst_that_hangs_is_stopped_and_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A stand-in typst: answers --version and fonts, then hangs on compile.
    let fake = dir.path().join("typst");
    std::fs::write(&fake, "#!/bin/sh\ncase \"$1\" in\n  --version) echo 'typst 0.15.1';;\n  fonts) echo 'Noto Serif CJK SC';;\n  *) sleep 30;;\nesac\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("out");
    let start = std::time::Instant::now();
    let o = xxgk()
        .args([
            "build",
            "inputs/2023/example-county-transport.yaml",
            "--formats",
            "md,pdf",
            "--typst-timeout",
            "1",
            "--typst",
        ])
        .arg(&fake)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the timeout stopped it"
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("longer than 1 s"), "{err}");
    // The report failed as a whole: no Markdown without its PDF.
    assert!(!out.join("2023/example-county-transport.md").exists());
    assert!(!out.join("2023/example-county-transport.pdf").exists());
}

#[cfg(unix)]
#[test]
fn links_outside_the_inputs_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::copy(
        "inputs/2022/example-county-transport.yaml",
        outside.join("secret.yaml"),
    )
    .unwrap();
    std::fs::copy(
        "inputs/2023/example-county-transport.yaml",
        inputs.join("real.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.yaml"), inputs.join("linked.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside, inputs.join("linked-dir")).unwrap();
    std::os::unix::fs::symlink(inputs.join("real.yaml"), inputs.join("alias.yml")).unwrap();
    let o = xxgk()
        .arg("check")
        .arg(&inputs)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let outside_warnings: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "link-outside")
        .collect();
    assert_eq!(outside_warnings.len(), 2, "{diags:#?}");
    assert!(
        diags
            .iter()
            .all(|d| !d["file"].as_str().unwrap().contains("secret")),
        "the outside file was not read"
    );
    // The inside link leads to a file already in the set: one input, not two.
    assert!(
        !diags
            .iter()
            .any(|d| d["code"] == "duplicate-report" || d["code"] == "output-clash"),
        "{diags:#?}"
    );
    let o = xxgk().arg("check").arg(&inputs).output().unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("checked 1 file"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_every_output_complete_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_synthetic(&inputs, 300);
    let reference = dir.path().join("reference");
    let st = xxgk()
        .arg("build")
        .arg(&inputs)
        .arg("--out")
        .arg(&reference)
        .args(["--formats", "md,html,json"])
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let expected = files(&reference);
    let out = dir.path().join("out");
    let mut killed_midway = 0;
    for (round, delay_ms) in [5u64, 20, 40, 80, 120, 200].into_iter().enumerate() {
        // Start from a partial earlier build, as a CI job killed twice in a row would.
        let mut child = xxgk()
            .arg("build")
            .arg(&inputs)
            .arg("--out")
            .arg(&out)
            .args(["--formats", "md,html,json", "--force"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished {
            killed_midway += 1;
        }
        for f in files(&out) {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(".xxgk-") {
                continue; // a temporary file, never an output; the next build removes it
            }
            if name == "index.html" || name == ".xxgk-manifest.json" {
                continue;
            }
            let got = std::fs::read(out.join(&f)).unwrap();
            let want = std::fs::read(reference.join(&f))
                .unwrap_or_else(|_| panic!("round {round}: unexpected file {f:?}"));
            assert!(got == want, "round {round}: {f:?} is not complete");
        }
    }
    assert!(killed_midway >= 2, "the build was killed while it ran");
    // The next build completes everything and leaves no temporary file behind.
    let st = xxgk()
        .arg("build")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .args(["--formats", "md,html,json"])
        .output()
        .unwrap();
    assert!(st.status.success());
    let got: Vec<PathBuf> = files(&out)
        .into_iter()
        .filter(|f| !f.ends_with(".xxgk-manifest.json"))
        .collect();
    let want: Vec<PathBuf> = expected
        .into_iter()
        .filter(|f| !f.ends_with(".xxgk-manifest.json"))
        .collect();
    assert_eq!(got, want);
    for f in &want {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(reference.join(f)).unwrap(),
            "{f:?}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_parsed() {
    let mut big = std::fs::read_to_string("inputs/2023/example-county-transport.yaml").unwrap();
    big.push_str(&format!(
        "# {}\n",
        "x".repeat(xxgk::input::load::MAX_FILE_BYTES)
    ));
    let loaded = xxgk::input::load::load_bytes(big.as_bytes(), "big.yaml");
    assert!(loaded.report.is_none());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, xxgk::Code::TooLarge);
    assert!(loaded.diagnostics[0].en.contains("too large"));
}

#[test]
fn a_text_over_the_length_limit_is_an_error() {
    let base = std::fs::read_to_string("inputs/2023/example-county-transport.yaml").unwrap();
    let long = "很长的文字。".repeat(xxgk::input::load::MAX_TEXT_CHARS / 6 + 10);
    let text = base.replacen("problems: |\n", &format!("problems: |\n  {long}\n"), 1);
    assert!(
        text.len() < xxgk::input::load::MAX_FILE_BYTES,
        "the file itself is within its limit"
    );
    let loaded = xxgk::input::load::load_str(&text, "long.yaml");
    let d: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == xxgk::Code::TooLarge)
        .collect();
    assert_eq!(d.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(d[0].path, "problems");
}

#[test]
fn without_typst_the_other_formats_are_written_and_the_build_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = xxgk()
        .args([
            "build",
            "inputs/2023/example-county-transport.yaml",
            "--formats",
            "md,html,pdf",
            "--typst",
            "/nonexistent/typst",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "PDF was asked for");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cargo install typst-cli --locked"), "{err}");
    assert!(out.join("2023/example-county-transport.md").exists());
    assert!(out.join("2023/example-county-transport.html").exists());
    assert!(!out.join("2023/example-county-transport.pdf").exists());
    // Without PDF asked for, no typst is needed and the build succeeds.
    let o = xxgk()
        .args([
            "build",
            "inputs/2023/example-county-transport.yaml",
            "--formats",
            "md",
            "--typst",
            "/nonexistent/typst",
            "--out",
        ])
        .arg(dir.path().join("out2"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[cfg(unix)]
#[test]
fn no_cjk_font_is_a_clear_error_naming_the_package() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("typst");
    std::fs::write(&fake, "#!/bin/sh\ncase \"$1\" in\n  --version) echo 'typst 0.15.1';;\n  fonts) echo 'DejaVu Sans'; echo 'Libertinus Serif';;\n  *) exit 3;;\nesac\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = xxgk()
        .args([
            "build",
            "inputs/2023/example-county-transport.yaml",
            "--formats",
            "pdf",
            "--typst",
        ])
        .arg(&fake)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("fonts-noto-cjk"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
