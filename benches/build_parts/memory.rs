//! Peak memory, flat in the number of reports. (A part of the build benchmark.)

#[allow(unused_imports)]
use super::*;

/// 4. Peak memory of md+html builds of different sizes.
pub(super) fn bench_memory(cfg: &Config, res: &mut Results, html: Option<&Series>) {
    let logs = logs(cfg);
    let mut points: Vec<(usize, Series)> = Vec::new();
    for &n in &cfg.mem_n {
        // The md+html measurement already ran this build.
        if let Some(s) = html.filter(|_| n == cfg.html_n) {
            points.push((
                n,
                Series {
                    secs: s.secs.clone(),
                    cpu_secs: s.cpu_secs.clone(),
                    rss_kib: s.rss_kib.clone(),
                    others_cpu: s.others_cpu.clone(),
                },
            ));
            continue;
        }
        let input = inputs(cfg, n);
        let out = cfg.work.join(format!("out-mem-{n}"));
        let mut s = Series::default();
        for i in 0..cfg.runs {
            eprintln!(
                "[4] memory, md+html, {n} reports: run {}/{}",
                i + 1,
                cfg.runs
            );
            let r = timed(
                cfg,
                &mut || retire(cfg, &out),
                &mut || {
                    let mut c = xxgk(cfg, &format!("mem-{n}"));
                    c.arg(&input)
                        .arg("--out")
                        .arg(&out)
                        .args(["--formats", "md,html"]);
                    c
                },
                &logs.join(format!("mem-{n}.log")),
            );
            assert_eq!(count_files(&out, "html"), n, "{}", summary(&r.stderr));
            s.push(&r);
        }
        retire(cfg, &out);
        points.push((n, s));
    }
    let mut j = Vec::new();
    for (n, s) in &points {
        res.row(
            "4",
            format!("peak RSS, md+html, {n} reports"),
            format!("{:.1} MiB (in {})", s.rss_median_mib(), secs(s.median())),
        );
        j.push(serde_json::json!({"reports": n, "build": s.json()}));
    }
    let mut jj = serde_json::json!({ "points": j });
    if let Some(met) = super::summary::rss_flat(res, "4", "peak RSS", &points, &mut jj) {
        jj["target_met"] = met.into();
    }
    res.json.insert("memory".into(), jj);
}
