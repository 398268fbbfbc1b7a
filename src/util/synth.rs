//! Synthetic reports: valid, balanced, realistic-looking input files from a seed, for property
//! tests and benchmarks. Deterministic: the same seed gives the same text.

use crate::format::{AppRowRole, Edition, ValueKind};
use std::fmt::Write as _;

/// splitmix64: small, fast, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Mostly small counts, sometimes zero, like real tables.
    pub fn count(&mut self, max: u64) -> u64 {
        if self.below(3) == 0 {
            0
        } else {
            self.below(max + 1)
        }
    }
}

/// What the generator was asked for.
#[derive(Clone, Debug)]
pub struct Spec {
    pub seed: u64,
    pub year: i32,
    pub agency: String,
    pub edition: Edition,
    /// Write every row of table 三 and 四 with its 总计 (so any single changed cell breaks a rule
    /// located on its own row).
    pub with_totals: bool,
}

const PARAGRAPHS: &[&str] = &[
    "（一）主动公开情况。本年度通过政府门户网站主动公开政府信息，围绕重点领域及时发布政策文件和解读材料。",
    "（二）依申请公开情况。严格按照法定时限答复，加强与申请人的沟通，提高答复质量。",
    "（三）政府信息管理情况。落实公开属性源头认定，定期梳理并更新主动公开目录。",
    "（四）政府信息公开平台建设情况。优化政府网站公开专栏，做好政务新媒体日常管理。",
    "（五）监督保障情况。将政务公开纳入年度考核，组织业务培训，接受社会监督。",
];

/// The benchmarks' set: `n` reports below `dir` (`<year>/rNNNNN.yaml`), both editions, every
/// year 2019–2024, one agency each (no two form a consecutive pair, so the set checks find
/// nothing to compare), one in three with every 总计 written; seeds from `seed` on.
pub fn write_set(dir: &std::path::Path, n: usize, seed: u64) -> std::io::Result<()> {
    for i in 0..n {
        let (edition, year) = match i % 6 {
            0 => (Edition::E2019, 2019),
            1 => (Edition::E2019, 2020),
            k => (Edition::E2021, 2019 + k as i32),
        };
        let spec = Spec {
            seed: seed + i as u64,
            year,
            agency: format!("示例县第{i}局"),
            edition,
            with_totals: i % 3 == 0,
        };
        let path = dir.join(year.to_string()).join(format!("r{i:05}.yaml"));
        std::fs::create_dir_all(dir.join(year.to_string()))?;
        std::fs::write(&path, report_yaml(&spec))?;
    }
    Ok(())
}

/// One synthetic input file. Its figures balance; its texts quote no figures.
pub fn report_yaml(spec: &Spec) -> String {
    report_and_forward(spec, None).0
}

/// One agency's reports over `years` (the edition in force each year), each year's 上年结转 the
/// year before's 结转下年度, so that the run passes the continuity checks.
pub fn years_of(
    seed: u64,
    agency: &str,
    years: std::ops::RangeInclusive<i32>,
    with_totals: bool,
) -> Vec<(i32, String)> {
    let mut carried = None;
    years
        .map(|year| {
            let spec = Spec {
                seed: seed.wrapping_mul(1000).wrapping_add(year as u64),
                year,
                agency: agency.to_string(),
                edition: Edition::default_for_year(year as i64),
                with_totals,
            };
            let (text, forward) = report_and_forward(&spec, carried);
            carried = Some(forward);
            (year, text)
        })
        .collect()
}

/// The file's text and its 结转下年度; its 上年结转 is `carried_over` when given (more is then
/// carried forward where the results fall short).
fn report_and_forward(spec: &Spec, carried_over: Option<[u64; 6]>) -> (String, [u64; 6]) {
    let mut rng = Rng::new(spec.seed);
    let e = spec.edition;
    let mut s = String::with_capacity(8 * 1024);
    let _ = writeln!(s, "year: {}", spec.year);
    let _ = writeln!(
        s,
        "agency: \"{}\"",
        spec.agency.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let _ = writeln!(s, "edition: {}", e.key());
    let _ = writeln!(
        s,
        "published: {}-01-{:02}",
        spec.year + 1,
        10 + rng.below(20)
    );
    s.push_str("overview: |\n");
    for p in PARAGRAPHS {
        let _ = writeln!(s, "  {p}\n");
    }
    s.push_str("proactive:\n");
    for (block, row) in e.proactive_rows() {
        let cells: Vec<String> = block
            .columns
            .iter()
            .map(|c| {
                let v = match c.kind {
                    ValueKind::Count => rng.count(500).to_string(),
                    ValueKind::Change => (rng.below(21) as i64 - 10).to_string(),
                    ValueKind::Amount => format!("{}.{:02}", rng.below(10_000), rng.below(100)),
                };
                format!("{}: {v}", c.key)
            })
            .collect();
        let _ = writeln!(s, "  {}: {{{}}}", row.key, cells.join(", "));
    }
    // Table 三: results and carried forward at random, carried over within what they allow,
    // new = results + carried forward − carried over.
    let rows = e.application_rows();
    let mut results = vec![[0u64; 6]; rows.len()];
    let mut total = [0u64; 6];
    for (i, r) in rows.iter().enumerate() {
        // 2019's 其他处理 stays empty: above 10 % of results it is a warning.
        if r.role == AppRowRole::Result && r.path != ["results", "other"] {
            for (c, t) in total.iter_mut().enumerate() {
                let v = if rng.below(4) == 0 {
                    rng.below(if c == 0 { 30 } else { 5 })
                } else {
                    0
                };
                results[i][c] = v;
                *t += v;
            }
        }
    }
    let mut forward: [u64; 6] = std::array::from_fn(|_| rng.count(3));
    let mut over: [u64; 6] = std::array::from_fn(|c| rng.below(total[c] + forward[c] + 1));
    if let Some(given) = carried_over {
        over = given;
        forward = std::array::from_fn(|c| forward[c].max(over[c].saturating_sub(total[c])));
    }
    let new: [u64; 6] = std::array::from_fn(|c| total[c] + forward[c] - over[c]);
    let row_text = |v: &[u64; 6]| {
        let mut items: Vec<String> = v.iter().map(u64::to_string).collect();
        if spec.with_totals {
            items.push(v.iter().sum::<u64>().to_string());
        }
        format!("[{}]", items.join(", "))
    };
    s.push_str("applications:\n");
    let shown = rows
        .iter()
        .filter(|r| spec.with_totals || r.role != AppRowRole::ResultsTotal);
    for line in crate::format::yaml_lines(shown) {
        let indent = "  ".repeat(line.depth);
        if line.group {
            let _ = writeln!(s, "{indent}{}:", line.key);
            continue;
        }
        let i = rows
            .iter()
            .position(|r| std::ptr::eq(r, line.row))
            .expect("a row of the edition");
        let values = match line.row.path {
            ["new"] => new,
            ["carried_over"] => over,
            ["carried_forward"] => forward,
            ["results", "total"] => total,
            _ => results[i],
        };
        let _ = writeln!(s, "{indent}{}: {}", line.key, row_text(&values));
    }
    let outcome = |rng: &mut Rng| {
        let v: Vec<u64> = (0..4).map(|_| rng.count(3)).collect();
        let mut items: Vec<String> = v.iter().map(u64::to_string).collect();
        if spec.with_totals {
            items.push(v.iter().sum::<u64>().to_string());
        }
        format!("[{}]", items.join(", "))
    };
    let _ = writeln!(s, "reconsideration: {}", outcome(&mut rng));
    let _ = writeln!(
        s,
        "litigation:\n  direct: {}\n  after_reconsideration: {}",
        outcome(&mut rng),
        outcome(&mut rng)
    );
    let _ = writeln!(
        s,
        "problems: |\n  一是第{}项工作仍有不足，公开内容的针对性有待增强。二是政策解读形式较为单一，第{}批解读材料发布不够及时。\n\n  下一步将逐项整改，按季度检查整改情况。",
        rng.below(100_000),
        rng.below(100_000)
    );
    let fee = if e.fees_in_section_six() {
        "本年度未收取信息处理费。"
    } else {
        "本年度无其他需要报告的事项。"
    };
    let _ = writeln!(s, "other_matters: |\n  {fee}");
    (s, forward)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_reports_are_clean() {
        for seed in 0..20 {
            for (edition, year) in [(Edition::E2019, 2020), (Edition::E2021, 2023)] {
                let spec = Spec {
                    seed,
                    year,
                    agency: format!("示例县第{seed}局"),
                    edition,
                    with_totals: seed % 2 == 0,
                };
                let text = report_yaml(&spec);
                let loaded = crate::input::load::load_str(&text, "synth.yaml");
                assert!(
                    loaded.diagnostics.is_empty(),
                    "{:?}\n{text}",
                    loaded.diagnostics
                );
                let r = loaded.report.unwrap();
                let d = crate::check::check_report(&r);
                assert!(d.is_empty(), "{d:?}\n{text}");
            }
        }
    }
}
