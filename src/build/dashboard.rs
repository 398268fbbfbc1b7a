//! What the index page shows of a report beyond its name: a few key figures (a small
//! fixed-size record, kept in the manifest so that a report up to date need not be read again),
//! the year's sums, the changes that stand out from one year to the next, and the charts (inline
//! SVG drawn here: no script, labels as text).

use crate::format::{self, AppRowRole};
use crate::render::escape::html_text;
use crate::report::Report;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The groups of 三、本年度办理结果 the results mix shows (（一）…（六）).
pub const MIX: usize = 6;

/// A report's key figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// 一、本年新收 (总计).
    pub new: u64,
    /// （七）总计: the applications answered.
    pub done: u64,
    /// The results by group (（一）予以公开 first), 总计 column.
    pub mix: [u64; MIX],
    /// 行政复议 总计.
    pub review: u64,
    /// 行政诉讼 总计 (direct and after review).
    pub suits: u64,
    /// 结果纠正 of 复议 and 诉讼.
    pub corrected: u64,
    /// YYYYMMDD, 0 when not given.
    pub published: u32,
    pub late: bool,
}

/// The result groups: their YAML key (`results.<key>…`) and label (`予以公开`), from the
/// newest edition's rows.
pub fn mix_groups() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for r in format::latest().application_rows() {
        if r.role != AppRowRole::Result || r.path.len() < 2 {
            continue;
        }
        if out.iter().any(|(k, _)| *k == r.path[1]) {
            continue;
        }
        let label = r.group.unwrap_or(r.label);
        // `（一）予以公开` → `予以公开`; `（二）部分公开（区分处理的…）` → `部分公开`.
        let label = label.split_once('）').map_or(label, |(_, l)| l);
        let label = label.split('（').next().unwrap_or(label);
        out.push((r.path[1], label.to_string()));
    }
    out.truncate(MIX);
    out
}

impl Figures {
    pub fn of(r: &Report) -> Figures {
        let groups = mix_groups();
        let mut mix = [0u64; MIX];
        for (desc, row) in r.applications.rows() {
            if desc.role != AppRowRole::Result || desc.path.len() < 2 {
                continue;
            }
            let g = groups
                .iter()
                .position(|(k, _)| *k == desc.path[1])
                .unwrap_or(MIX - 1);
            mix[g] += row.column(6);
        }
        let [review, direct, after] = r.outcomes().map(|o| o.figures());
        Figures {
            new: r.applications.row("new").column(6),
            done: r.applications.results_total()[6],
            mix,
            review: review[4],
            suits: direct[4] + after[4],
            corrected: review[1] + direct[1] + after[1],
            published: r
                .published
                .map_or(0, |d| d.year.max(0) as u32 * 10_000 + d.month * 100 + d.day),
            late: r.late_days().is_some(),
        }
    }

    /// `2023-01-18`, or empty.
    pub fn published_text(&self) -> String {
        if self.published == 0 {
            return String::new();
        }
        let p = self.published;
        format!("{:04}-{:02}-{:02}", p / 10_000, p / 100 % 100, p % 100)
    }

    /// 予以公开 as a share of the answered, `62%` (empty when none were answered).
    pub fn disclosed_rate(&self) -> String {
        if self.done == 0 {
            return String::new();
        }
        format!("{}%", (self.mix[0] * 100 + self.done / 2) / self.done)
    }

    /// The key figures the tables show, in order, with their labels.
    pub fn key(&self) -> [(&'static str, u64); 5] {
        [
            ("new", self.new),
            ("done", self.done),
            ("review", self.review),
            ("suits", self.suits),
            ("corrected", self.corrected),
        ]
    }

    /// Adds another report's figures (for the year's sums).
    pub fn add(&mut self, o: &Figures) {
        self.new += o.new;
        self.done += o.done;
        for (a, b) in self.mix.iter_mut().zip(o.mix) {
            *a += b;
        }
        self.review += o.review;
        self.suits += o.suits;
        self.corrected += o.corrected;
    }
}

/// How a figure moved from last year: `up`, `down` (by more than half), or `` (not notably).
/// From 0, a rise to 10 or more stands out.
pub fn change(last: u64, now: u64) -> &'static str {
    if last == 0 {
        return if now >= 10 { "up" } else { "" };
    }
    if now > last && (now - last) * 2 > last {
        "up"
    } else if now < last && (last - now) * 2 > last {
        "down"
    } else {
        ""
    }
}

/// The top of an axis: the next 4, 8 or 20 × 10ⁿ at or above `v`, so that its four ticks
/// are round numbers.
fn nice(v: u64) -> u64 {
    let mut p = 1u64;
    loop {
        for m in [4, 8, 20] {
            if m * p >= v {
                return (m * p).max(4);
            }
        }
        p *= 10;
    }
}

/// The colours of the results mix, （一） to （六）.
const COLOURS: [&str; MIX] = [
    "#2e7d32", "#81c784", "#c62828", "#ef9a9a", "#757575", "#bdbdbd",
];

/// Two charts of the years' sums, oldest year first: applications received and answered, and
/// the mix of results.
pub fn charts(years: &[(i32, Figures)]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let mut s = String::new();
    // Applications by year: a pair of bars a year (新收, 办结).
    let (w, h, top, bottom, left) = (640.0, 230.0, 28.0, 36.0, 48.0);
    let max = nice(
        years
            .iter()
            .map(|(_, f)| f.new.max(f.done))
            .max()
            .unwrap_or(0),
    );
    let step = (w - left - 10.0) / years.len() as f64;
    let bar = (step * 0.32).min(36.0);
    let plot = h - top - bottom;
    let _ = write!(
        s,
        r##"<figure class="chart"><svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="c1"><title id="c1">依申请公开：各年度新收和办结申请数</title>"##
    );
    for i in 0..=4 {
        let y = top + plot * (1.0 - i as f64 / 4.0);
        let v = max as f64 * i as f64 / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{}</text>"##,
            w - 10.0,
            left - 6.0,
            y + 4.0,
            v.round()
        );
    }
    for (i, (year, f)) in years.iter().enumerate() {
        let x = left + step * i as f64 + step / 2.0;
        for (j, (v, class)) in [(f.new, "new"), (f.done, "done")].into_iter().enumerate() {
            let bh = plot * v as f64 / max as f64;
            let bx = x - bar - 2.0 + j as f64 * (bar + 4.0);
            let _ = write!(
                s,
                r##"<rect x="{bx:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" class="{class}"><title>{year}年 {}：{v}</title></rect><text x="{:.1}" y="{:.1}" class="value" text-anchor="middle">{v}</text>"##,
                top + plot - bh,
                if class == "new" { "新收" } else { "办结" },
                bx + bar / 2.0,
                top + plot - bh - 4.0
            );
        }
        let _ = write!(
            s,
            r##"<text x="{x:.1}" y="{:.1}" class="axis" text-anchor="middle">{year}年</text>"##,
            h - bottom + 18.0
        );
    }
    let _ = write!(
        s,
        r##"<rect x="{left}" y="6" width="12" height="12" class="new"/><text x="{}" y="16" class="legend">新收</text><rect x="{}" y="6" width="12" height="12" class="done"/><text x="{}" y="16" class="legend">办结</text></svg><figcaption>各年度新收和办结的政府信息公开申请</figcaption></figure>"##,
        left + 16.0,
        left + 64.0,
        left + 80.0
    );

    // The results mix: one 100% bar a year.
    let groups = mix_groups();
    let row = 26.0;
    let legend = 2.0 * 22.0;
    let h = top + row * years.len() as f64 + legend;
    let (lx, bw) = (84.0, w - 84.0 - 10.0);
    let _ = write!(
        s,
        r##"<figure class="chart"><svg viewBox="0 0 {w} {h:.0}" role="img" aria-labelledby="c2"><title id="c2">各年度办理结果构成</title>"##
    );
    for (i, (year, f)) in years.iter().rev().enumerate() {
        let y = 8.0 + row * i as f64;
        let total: u64 = f.mix.iter().sum();
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{year}年</text>"##,
            lx - 6.0,
            y + 14.0
        );
        if total == 0 {
            let _ = write!(
                s,
                r##"<text x="{lx}" y="{:.1}" class="axis">无办理结果</text>"##,
                y + 14.0
            );
            continue;
        }
        let mut x = lx;
        for (g, v) in f.mix.iter().enumerate() {
            let part = bw * *v as f64 / total as f64;
            if part <= 0.0 {
                continue;
            }
            let pct = (*v * 100 + total / 2) / total;
            let label = groups.get(g).map_or("", |(_, l)| l.as_str());
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{part:.1}" height="{:.1}" fill="{}"><title>{year}年 {}：{v}（{pct}%）</title></rect>"##,
                row - 8.0,
                COLOURS[g],
                html_text(label)
            );
            if part > 34.0 {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" class="inbar" text-anchor="middle">{pct}%</text>"##,
                    x + part / 2.0,
                    y + 13.0
                );
            }
            x += part;
        }
    }
    let ly = 8.0 + row * years.len() as f64 + 8.0;
    for (g, (_, label)) in groups.iter().enumerate() {
        let (cx, cy) = (lx + (g % 3) as f64 * 190.0, ly + (g / 3) as f64 * 20.0);
        let _ = write!(
            s,
            r##"<rect x="{cx:.1}" y="{cy:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}" class="legend">{}</text>"##,
            COLOURS[g],
            cx + 16.0,
            cy + 10.0,
            html_text(label)
        );
    }
    s.push_str("</svg><figcaption>各年度办理结果构成（按（七）总计）</figcaption></figure>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_groups_are_the_six_of_the_format() {
        let labels: Vec<String> = mix_groups().into_iter().map(|(_, l)| l).collect();
        assert_eq!(
            labels,
            [
                "予以公开",
                "部分公开",
                "不予公开",
                "无法提供",
                "不予处理",
                "其他处理"
            ]
        );
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice(0), 4);
        assert_eq!(nice(105), 200);
        assert_eq!(nice(5441), 8000);
        assert_eq!(nice(80), 80);
    }

    #[test]
    fn changes_stand_out_beyond_half() {
        assert_eq!(change(10, 16), "up");
        assert_eq!(change(10, 15), "");
        assert_eq!(change(10, 4), "down");
        assert_eq!(change(0, 3), "");
        assert_eq!(change(0, 12), "up");
    }

    #[test]
    fn charts_are_svg_with_text_labels() {
        let f = Figures {
            new: 10,
            done: 8,
            mix: [4, 1, 1, 1, 1, 0],
            ..Figures::default()
        };
        let svg = charts(&[(2022, f), (2023, Figures::default())]);
        assert_eq!(svg.matches("<svg").count(), 2);
        assert!(svg.contains(">2022年<") && svg.contains("予以公开"));
        assert!(svg.contains("无办理结果"));
        assert!(!svg.contains("<script"));
    }
}
