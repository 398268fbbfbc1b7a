//! `xxgk summary` of many reports: time and peak memory. (A part of the build benchmark.)

#[allow(unused_imports)]
use super::*;

/// Part 5, `xxgk summary` of the memory benchmark's inputs (2000 and 20000 reports): the time
/// of the largest (target ≤ 2 s) and the peak RSS of the largest against the smallest (flat).
pub(super) fn bench_summary(cfg: &Config, res: &mut Results) {
    let logs = logs(cfg);
    let mut points: Vec<(usize, Series)> = Vec::new();
    for &n in &cfg.mem_n {
        let input = inputs(cfg, n);
        let out = cfg.work.join(format!("out-summary-{n}"));
        let mut s = Series::default();
        for i in 0..cfg.runs {
            eprintln!("[5] summary, {n} reports: run {}/{}", i + 1, cfg.runs);
            let r = timed(
                cfg,
                &mut || retire(cfg, &out),
                &mut || {
                    let mut c = xxgk_command();
                    c.arg("summary").arg(&input).arg("--out").arg(&out);
                    if let Some(j) = cfg.jobs {
                        c.arg("--jobs").arg(j.to_string());
                    }
                    c
                },
                &logs.join(format!("summary-{n}.log")),
            );
            let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap_or_default();
            assert_eq!(csv.lines().count(), n + 1, "{}", summary(&r.stderr));
            s.push(&r);
        }
        retire(cfg, &out);
        points.push((n, s));
    }
    let mut j = Vec::new();
    for (n, s) in &points {
        res.row(
            "5",
            format!("summary (CSV, XLSX, aggregates), {n} reports"),
            format!(
                "{} ({:.1} MiB peak RSS)",
                secs(s.median()),
                s.rss_median_mib()
            ),
        );
        j.push(serde_json::json!({"reports": n, "summary": s.json()}));
    }
    let mut jj = serde_json::json!({ "points": j });
    if let Some((n, s)) = points.iter().find(|(n, _)| *n >= 20000) {
        let met = s.median() <= 2.0;
        res.target(
            "5",
            format!("summary of {n} reports"),
            secs(s.median()),
            "≤ 2 s",
            met,
        );
        jj["target_met"] = met.into();
    }
    rss_flat(res, "5", "summary peak RSS", &points, &mut jj);
    res.json.insert("summary".into(), jj);
}

/// The target that memory is flat: the peak RSS of the most reports over that of the fewest at
/// most 1.25×. Its ratio goes into `json`; whether it was met is returned (None with one point).
pub(super) fn rss_flat(
    res: &mut Results,
    part: &'static str,
    what: &str,
    points: &[(usize, Series)],
    json: &mut serde_json::Value,
) -> Option<bool> {
    let ((n0, a), (n1, b)) = (points.first()?, points.last()?);
    if points.len() < 2 {
        return None;
    }
    let ratio = b.rss_median_mib() / a.rss_median_mib();
    let met = ratio <= 1.25;
    res.target(
        part,
        format!("{what} {n1} / {n0} reports"),
        format!("{ratio:.2}×"),
        "≈ 1 (≤ 1.25×)",
        met,
    );
    json["ratio"] = ratio.into();
    Some(met)
}

// ---------------------------------------------------------------------------------------------
// The smoke test run by `cargo test --all-targets`
