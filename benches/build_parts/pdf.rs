//! Part 3: PDF through typst, against typst run serially. (A part of the build benchmark.)

#[allow(unused_imports)]
use super::*;

/// 2. PDF: xxgk (parallel) against typst compile of the same sources, one after another.
pub(super) fn bench_pdf(cfg: &Config, res: &mut Results) {
    let n = cfg.pdf_n;
    let input = inputs(cfg, n);
    let logs = logs(cfg);
    // The .typ sources, as xxgk writes them.
    let typ = cfg.work.join("pdf-typ");
    retire(cfg, &typ);
    let typ_run = run(
        xxgk(cfg, "pdf-typ")
            .arg(&input)
            .arg("--out")
            .arg(&typ)
            .args(["--formats", "typ"]),
        &logs.join("pdf-typ.log"),
    );
    let mut sources = Vec::new();
    let mut stack = vec![typ.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read typ folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "typ") {
                sources.push(p);
            }
        }
    }
    sources.sort();
    assert_eq!(sources.len(), n, "xxgk wrote {} .typ files", sources.len());
    let out_t = cfg.work.join("pdf-typst");
    let out_x = cfg.work.join("pdf-xxgk");
    // One compile first, untimed, so that no arm pays for reading the fonts from disk.
    run(
        Command::new(&cfg.typst)
            .arg("compile")
            .arg(&sources[0])
            .arg(cfg.work.join("warm-up.pdf")),
        &logs.join("pdf-typst.log"),
    );
    let mut ts = Vec::new();
    let mut ts_flags = Vec::new();
    let mut xs = Series::default();
    for i in 0..cfg.pdf_runs {
        eprintln!("[2] pdf, {n} reports: run {}/{}", i + 1, cfg.pdf_runs);
        ts.push(typst_serial(cfg, &sources, &out_t, &[], &logs));
        // The same with the flags xxgk passes (PDF/A-2b, a fixed timestamp): informational.
        ts_flags.push(typst_serial(
            cfg,
            &sources,
            &out_t,
            &[
                "--pdf-standard",
                "a-2b",
                "--creation-timestamp",
                "1700000000",
            ],
            &logs,
        ));
        let r = timed(
            cfg,
            &mut || retire(cfg, &out_x),
            &mut || {
                let mut c = xxgk(cfg, "pdf-xxgk");
                c.arg(&input)
                    .arg("--out")
                    .arg(&out_x)
                    .args(["--formats", "pdf"]);
                c
            },
            &logs.join("pdf-xxgk.log"),
        );
        assert_eq!(count_files(&out_x, "pdf"), n, "{}", summary(&r.stderr));
        xs.push(&r);
    }
    retire(cfg, &out_t);
    let t = median(ts.clone());
    let t_flags = median(ts_flags.clone());
    let x = xs.median();
    let ratio = x / t;
    res.row(
        "2",
        format!("pdf, {n} reports: `typst compile` of each .typ, one after another"),
        secs(t),
    );
    res.row(
        "2",
        "  the same with xxgk's flags (`--pdf-standard a-2b --creation-timestamp …`)".into(),
        secs(t_flags),
    );
    res.row(
        "2",
        format!("  `xxgk build --formats typ` of the {n} (no PDF; one run)"),
        secs(typ_run.wall.as_secs_f64()),
    );
    res.row(
        "2",
        format!("pdf, {n} reports: `xxgk build --formats pdf`"),
        xs.show(),
    );
    res.target(
        "2",
        "xxgk time / serial typst time".into(),
        format!("{ratio:.2}×"),
        "≤ 0.6×",
        ratio <= 0.6,
    );
    res.json.insert(
        "pdf".into(),
        serde_json::json!({
            "reports": n,
            "typst_serial": {"median_s": t, "runs_s": ts},
            "typst_serial_xxgk_flags": {"median_s": t_flags, "runs_s": ts_flags},
            "xxgk_typ_only_s": typ_run.wall.as_secs_f64(),
            "xxgk": xs.json(),
            "ratio": ratio,
            "target_met": ratio <= 0.6,
        }),
    );
}

/// `typst compile` of every source, one after another, into a fresh `out`: the seconds taken.
/// Made again like [`timed`] when other processes disturbed it.
pub(super) fn typst_serial(
    cfg: &Config,
    sources: &[PathBuf],
    out: &Path,
    flags: &[&str],
    logs: &Path,
) -> f64 {
    let mut attempt = 0;
    loop {
        if put_off(cfg, &mut attempt) {
            continue;
        }
        retire(cfg, out);
        std::fs::create_dir_all(out).expect("create folder");
        flush();
        let mut others = 0.0;
        let start = Instant::now();
        for (k, src) in sources.iter().enumerate() {
            let r = run(
                Command::new(&cfg.typst)
                    .arg("compile")
                    .args(flags)
                    .arg(src)
                    .arg(out.join(format!("{k}.pdf"))),
                &logs.join("pdf-typst.log"),
            );
            others += r.others_cpu;
        }
        let t = start.elapsed().as_secs_f64();
        if !retry_disturbed(cfg, attempt, others, t) {
            return t;
        }
        attempt += 1;
    }
}
