//! The index page of `build` as a dashboard, on a generated set of bodies over several years:
//! each report's row with its status and key figures, reports with errors still listed with
//! their errors linked to the diagnostics, the year's sums, the changes that stand out per
//! body, the charts.

use scraper::{Html, Selector};
use std::path::Path;
use std::process::Command;
use xxgk::util::synth::years_of;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// `agencies` bodies over `years`, each year's 上年结转 last year's 结转下年度.
fn generated(dir: &Path, agencies: usize, years: std::ops::RangeInclusive<i32>) {
    for a in 0..agencies {
        let agency = format!("示例县第{a}局");
        for (year, text) in years_of(a as u64, &agency, years.clone(), false) {
            let path = dir.join(format!("{year}/a{a:02}.yaml"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

#[test]
fn the_dashboard_shows_status_figures_sums_changes_and_charts() {
    let d = tempfile::tempdir().unwrap();
    let inputs = d.path().join("in");
    generated(&inputs, 6, 2020..=2023);
    // 2023: one report that does not balance (not built), one late, one with 问题 as last year's.
    let edit = |rel: &str, f: &dyn Fn(String) -> String| {
        let p = inputs.join(rel);
        std::fs::write(&p, f(std::fs::read_to_string(&p).unwrap())).unwrap();
    };
    edit("2023/a00.yaml", &|t| {
        t.replacen("  new: [", "  new: [1000", 1)
    });
    edit("2023/a01.yaml", &|t| {
        let at = t.find("published: ").unwrap();
        format!("{}published: 2024-03-15{}", &t[..at], &t[at + 21..])
    });
    let last = std::fs::read_to_string(inputs.join("2022/a02.yaml")).unwrap();
    let problems = |t: &str| {
        let a = t.find("problems: |").unwrap();
        let b = t.find("other_matters:").unwrap();
        t[a..b].to_string()
    };
    let old = problems(&last);
    edit("2023/a02.yaml", &|t| t.replace(&problems(&t), &old));
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(d.path())
        .env("XXGK_TODAY", "2026-06-01")
        .args([
            "build",
            "in",
            "--out",
            "out",
            "--formats",
            "md,html",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "the bad report fails: {err}");
    let page = std::fs::read_to_string(d.path().join("out/index.html")).expect("index");
    let doc = Html::parse_document(&page);

    // Four years, newest first, 6 rows each: the report with errors too.
    let years: Vec<String> = doc
        .select(&sel("section.year"))
        .map(|s| s.value().id().unwrap().to_string())
        .collect();
    assert_eq!(years, ["y2023", "y2022", "y2021", "y2020"]);
    let y2023 = doc.select(&sel("#y2023")).next().unwrap();
    let rows: Vec<_> = y2023.select(&sel("tbody tr.report")).collect();
    assert_eq!(rows.len(), 6);
    let bad = rows
        .iter()
        .find(|r| text(**r).contains("示例县第0局"))
        .unwrap();
    assert!(bad.value().classes().any(|c| c == "has-errors"));
    let badge = bad
        .select(&sel("a.badge.error"))
        .next()
        .expect("error badge");
    let target = badge.value().attr("href").unwrap();
    let diag = doc.select(&sel(target)).next().expect("the diagnostics");
    assert!(text(diag).contains("a00.yaml") && text(diag).contains("balance"));
    assert!(text(*bad).contains("未生成"), "not built");
    let late = rows
        .iter()
        .find(|r| text(**r).contains("示例县第1局"))
        .unwrap();
    assert!(text(*late).contains("2024-03-15") && text(*late).contains("逾期"));
    let repeated = rows
        .iter()
        .find(|r| text(**r).contains("示例县第2局"))
        .unwrap();
    assert!(text(*repeated).contains("问题雷同"));

    // The year's sums are the sums of its rows without errors (新收 … 纠错).
    let cells =
        |r: &scraper::ElementRef| -> Vec<String> { r.select(&sel("td")).map(text).collect() };
    let mut sums = [0u64; 6];
    for r in rows
        .iter()
        .filter(|r| !r.value().classes().any(|c| c == "has-errors"))
    {
        let c = cells(r);
        for (i, s) in sums.iter_mut().enumerate() {
            if i != 2 {
                *s += c[1 + i].parse::<u64>().unwrap();
            }
        }
    }
    let foot = y2023.select(&sel("tfoot tr.sum")).next().unwrap();
    assert!(text(foot).contains("汇总（5 份，不含有错误或无法读取的 1 份）"));
    let f = cells(&foot);
    for (i, s) in sums.iter().enumerate() {
        if i != 2 {
            assert_eq!(f[1 + i], s.to_string(), "column {i}");
        }
    }

    // One card per body, its years oldest first; a change beyond half is marked.
    let bodies: Vec<_> = doc.select(&sel("section.body")).collect();
    assert_eq!(bodies.len(), 6);
    for b in &bodies {
        let ys: Vec<String> = b.select(&sel("tbody th")).map(text).collect();
        assert_eq!(ys, ["2020年", "2021年", "2022年", "2023年"]);
    }
    let marked = doc
        .select(&sel("section.body td.up, section.body td.down"))
        .count();
    // The unbalanced report's 新收 (1000…) is far above its last year's.
    assert!(marked >= 1, "{page}");

    // Two charts, inline SVG with text labels, no script.
    assert_eq!(doc.select(&sel("figure.chart svg")).count(), 2);
    assert!(page.contains(">2020年</text>") && page.contains("予以公开"));
    assert!(!page.contains("<script"));
}

/// Writes a demo set (40 bodies over 2019–2023, a few with problems) into `XXGK_DEMO_DIR`, to
/// look at the dashboard: `XXGK_DEMO_DIR=/tmp/demo cargo test --test dashboard -- --ignored`.
#[test]
#[ignore]
fn demo_set() {
    let Some(dir) = std::env::var_os("XXGK_DEMO_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    generated(dir, 40, 2019..=2023);
    let p = dir.join("2023/a03.yaml");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, t.replacen("  new: [", "  new: [1000", 1)).unwrap();
}

/// Bodies are listed as Chinese lists are ordered, by pinyin (甲 jia, 乙 yi, 丙 bing → 丙, 甲,
/// 乙), not by code point (丙 U+4E19 < 乙 U+4E59 < 甲 U+7532).
#[test]
fn bodies_are_listed_in_pinyin_order() {
    let d = tempfile::tempdir().unwrap();
    let inputs = d.path().join("inputs/2023");
    std::fs::create_dir_all(&inputs).unwrap();
    for (i, agency) in ["乙区财政局", "甲县交通运输局", "丙镇人民政府"]
        .iter()
        .enumerate()
    {
        for (_, text) in years_of(i as u64, agency, 2023..=2023, false) {
            std::fs::write(inputs.join(format!("r{i}.yaml")), text).unwrap();
        }
    }
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(d.path())
        .env("XXGK_TODAY", "2026-06-01")
        .args(["build", "inputs", "--out", "out", "--formats", "html"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    let at = |name: &str| page.find(name).unwrap_or_else(|| panic!("{name} listed"));
    assert!(
        at("丙镇人民政府") < at("甲县交通运输局"),
        "丙 bing before 甲 jia"
    );
    assert!(
        at("甲县交通运输局") < at("乙区财政局"),
        "甲 jia before 乙 yi"
    );
}
