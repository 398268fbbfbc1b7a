//! Part 5 of the build benchmark: importing published reports.

use super::{Config, Results, Series, bin, logs, timed};
use std::path::Path;
use std::process::Command;

/// Part 5, import: `xxgk import` of the Huaian PDF against `pdftotext -bbox-layout` alone (the
/// part of the work poppler does), and `xxgk check` of a folder of copies (imported in parallel).
pub(super) fn bench_import(cfg: &Config, res: &mut Results) {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/2024-huaian-city-report.pdf");
    let dir = cfg.work.join("import");
    std::fs::create_dir_all(&dir).expect("import folder");
    let log = logs(cfg).join("import.log");
    let mut import = Series::default();
    let mut alone = Series::default();
    for i in 0..cfg.runs.max(5) {
        eprintln!("[import] run {}", i + 1);
        let r = timed(
            cfg,
            &mut || {},
            &mut || {
                let mut c = Command::new(bin());
                c.arg("import")
                    .arg(&pdf)
                    .arg("-o")
                    .arg(dir.join("h.yaml"))
                    .arg("--force");
                c
            },
            &log,
        );
        import.push(&r);
        let r = timed(
            cfg,
            &mut || {},
            &mut || {
                let mut c = Command::new("pdftotext");
                c.arg("-bbox-layout").arg(&pdf).arg(dir.join("h.html"));
                c
            },
            &log,
        );
        alone.push(&r);
    }
    res.row(
        "5",
        "import of the Huaian PDF (6 pages): `pdftotext -bbox-layout` alone".into(),
        alone.show(),
    );
    res.row(
        "5",
        "import of the Huaian PDF: `xxgk import` (pdftotext, reading, placing, YAML)".into(),
        import.show(),
    );
    let ratio = import.median() / alone.median();
    res.target(
        "5",
        "xxgk import time / pdftotext time".into(),
        format!("{ratio:.2}×"),
        "≤ 2×",
        ratio <= 2.0,
    );
    // A folder of 100 published reports, checked (imported in memory) on all cores.
    let n = 100;
    let folder = dir.join("folder");
    if !folder.is_dir() {
        std::fs::create_dir_all(&folder).expect("folder");
        for k in 0..n {
            std::fs::copy(&pdf, folder.join(format!("r{k:03}.pdf"))).expect("copy");
        }
    }
    let mut check = Series::default();
    for i in 0..cfg.runs {
        eprintln!("[import] check of {n} PDFs: run {}", i + 1);
        let r = timed(
            cfg,
            &mut || {},
            &mut || {
                // The copies are one report 100 times: `check` exits 1 (duplicate-report),
                // which is not what is measured.
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg("\"$0\" check \"$1\" >/dev/null; true")
                    .arg(bin())
                    .arg(&folder);
                c
            },
            &log,
        );
        check.push(&r);
    }
    res.row(
        "5",
        format!("`xxgk check` of a folder of {n} PDFs (imported in parallel)"),
        check.show(),
    );
    res.json.insert(
        "import".into(),
        serde_json::json!({
            "pdftotext": alone.json(),
            "import": import.json(),
            "ratio": ratio,
            "check_100": check.json(),
        }),
    );
}
