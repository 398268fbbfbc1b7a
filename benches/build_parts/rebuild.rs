//! Part 4: an unchanged rebuild, and one changed report. (A part of the build benchmark.)

#[allow(unused_imports)]
use super::*;

/// 3. A rebuild with nothing changed, after a full build with PDFs.
pub(super) fn bench_rebuild(cfg: &Config, res: &mut Results) {
    let n = cfg.rebuild_n;
    let input = inputs(cfg, n);
    let logs = logs(cfg);
    let out = cfg.work.join(format!("out-rebuild-{n}"));
    let full = |out: &Path| {
        let mut c = xxgk(cfg, "rebuild");
        c.arg(&input)
            .arg("--out")
            .arg(out)
            .args(["--formats", "md,html,pdf"]);
        c
    };
    let reusable = cfg.reuse_pdf_build && count_files(&out, "pdf") == n;
    let mut j = serde_json::json!({ "reports": n });
    if reusable {
        eprintln!("[3] reusing the full build in {}", out.display());
        // Brought up to date first (untimed): an earlier binary may have built it.
        run(&mut full(&out), &logs.join("rebuild-first.log"));
        res.row(
            "3",
            format!("first build, md+html+pdf, {n} reports"),
            "(reused)".into(),
        );
    } else {
        eprintln!("[3] first build of {n} reports with PDFs (this takes a while)");
        retire(cfg, &out);
        let r = run(&mut full(&out), &logs.join("rebuild-first.log"));
        assert_eq!(count_files(&out, "pdf"), n, "{}", summary(&r.stderr));
        res.row(
            "3",
            format!("first build, md+html+pdf, {n} reports"),
            format!(
                "{} ({:.1} reports/s)",
                secs(r.wall.as_secs_f64()),
                n as f64 / r.wall.as_secs_f64()
            ),
        );
        j["first_build_s"] = r.wall.as_secs_f64().into();
    }
    let mut xs = Series::default();
    for i in 0..cfg.runs.max(3) {
        eprintln!("[3] unchanged rebuild: run {}/{}", i + 1, cfg.runs.max(3));
        let r = timed(
            cfg,
            &mut || {},
            &mut || full(&out),
            &logs.join("rebuild-unchanged.log"),
        );
        let s = summary(&r.stderr);
        assert!(
            s.contains("built 0 reports") && s.contains(&format!("{n} up to date")),
            "an unchanged rebuild built something: {s}"
        );
        xs.push(&r);
    }
    let x = xs.median();
    res.target(
        "3",
        format!("rebuild, nothing changed, {n} reports with PDFs"),
        secs(x),
        "≤ 1 s",
        x <= 1.0,
    );
    // One report changed: the rebuild pays for that one (informational).
    let one = walk_first_yaml(&input);
    let original = std::fs::read_to_string(&one).expect("read input");
    let mut changed = Series::default();
    let mut edits = 0;
    for _ in 0..cfg.runs {
        let r = timed(
            cfg,
            &mut || {
                edits += 1;
                std::fs::write(&one, format!("{original}# changed {edits}\n"))
                    .expect("write input");
            },
            &mut || full(&out),
            &logs.join("rebuild-one.log"),
        );
        assert!(summary(&r.stderr).contains("built 1 report"));
        changed.push(&r);
    }
    std::fs::write(&one, &original).expect("restore input");
    // Bring the build back in line with the restored input for the next bench run.
    run(&mut full(&out), &logs.join("rebuild-restore.log"));
    res.row(
        "3",
        format!("rebuild, one of {n} reports changed"),
        secs(changed.median()),
    );
    j["unchanged"] = xs.json();
    j["one_changed"] = changed.json();
    j["target_met"] = (x <= 1.0).into();
    res.json.insert("rebuild".into(), j);
}

pub(super) fn walk_first_yaml(dir: &Path) -> PathBuf {
    let mut years: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read inputs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    years.sort();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&years[0])
        .expect("read inputs")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files.remove(0)
}
