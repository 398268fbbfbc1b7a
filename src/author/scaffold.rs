//! `xxgk new`: a complete input file for a year, every key of the edition in force with its
//! official label as a comment, optionally carried on from last year's file.

use crate::format::{self, AppRowRole, Edition, OUTCOME_ROWS, SECTION_TITLES};
use crate::report::{Kind, Report};
use std::fmt::Write as _;

/// What the notices ask each text section to hold (shown as a comment above the empty block).
fn text_hint(key: &str, e: Edition) -> String {
    match key {
        "preface" => "前言（可选）：如“本报告由……根据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自……”".into(),
        "overview" => e.spec().overview_hint.into(),
        "problems" => "五、存在的主要问题及改进情况：实事求是、明确具体，避免笼统模糊、泛泛而谈，不得年年雷同".into(),
        _ => format!(
            "六、其他需要报告的事项{}{}",
            e.section_six_hint(),
            e.spec().other_matters_hint
        ),
    }
}

/// Options of `xxgk new`.
pub struct NewOptions<'a> {
    pub agency: Option<String>,
    pub year: i32,
    pub edition: Option<Edition>,
    pub from: Option<&'a Report>,
    /// The `$schema` path or URL for the yaml-language-server modeline (none when empty).
    pub schema: String,
}

/// The figures and texts a file is written with: zeros and empty texts for a new file, last
/// year's running counts for one carried on, the sums of a year for `xxgk summary`.
#[derive(Clone, Debug)]
pub struct Fill {
    pub kind: Kind,
    /// Table 二: for each row of `edition.proactive_rows()`, each cell's figure as YAML.
    pub proactive: Vec<Vec<String>>,
    /// Table 三: for each row of `edition.application_rows()`, its six figures (（七）总计's
    /// are not written: it is computed).
    pub applications: Vec<[u64; 6]>,
    /// Table 四: reconsideration, direct and after-reconsideration lawsuits, four outcomes each.
    pub outcomes: [[u64; 4]; 3],
    /// `overview`, `problems`, `other_matters`: empty, or generated lines.
    pub texts: [String; 3],
    /// Comment lines of the file's header, after the title and edition.
    pub header: Vec<String>,
}

impl Fill {
    /// Every figure 0, every text empty.
    pub fn zeros(edition: Edition) -> Fill {
        Fill {
            kind: Kind::Department,
            proactive: edition
                .proactive_rows()
                .map(|(b, _)| vec!["0".to_string(); b.columns.len()])
                .collect(),
            applications: vec![[0; 6]; edition.application_rows().len()],
            outcomes: [[0; 4]; 3],
            texts: Default::default(),
            header: Vec::new(),
        }
    }
}

/// The new file's text, and notes on what was carried over or could not be.
pub fn new_report(o: &NewOptions) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let edition = o
        .edition
        .unwrap_or(Edition::default_for_year(o.year as i64));
    let last = o.from;
    let agency = o
        .agency
        .clone()
        .or_else(|| last.map(|r| r.agency.clone()))
        .unwrap_or_default();
    let mut fill = Fill::zeros(edition);
    fill.kind = last.map_or(Kind::Department, |r| r.kind);
    if let Some(r) = last {
        fill.header.push(format!(
            "由 {} 年度报告（{}）生成：上年结转等数字已带入，其余请填写。",
            r.year, r.file
        ));
    }
    let from_same = last.filter(|r| r.edition == edition);
    if let Some(r) = last {
        if r.edition != edition {
            notes.push(format!(
                "上一年用 {} 版格式，今年用 {} 版：第二十条各项的栏目不同，未带入（只带入了上年结转申请数）。 | last year used the {} edition, this year the {}: table 二 has other columns and was not carried over (only the applications carried forward were).",
                r.edition.key(),
                edition.key(),
                r.edition.key(),
                edition.key()
            ));
        }
    }
    if let Some(r) = from_same {
        for (cells, (block, row)) in fill.proactive.iter_mut().zip(edition.proactive_rows()) {
            for (cell, c) in cells.iter_mut().zip(block.columns) {
                let value = |col| {
                    r.proactive_value(row.key, col)
                        .map_or(0, |c| c.value.as_i128())
                };
                match c.key {
                    // 2019 → 2019: this year's 上一年项目数量 is last year's 上一年项目数量 + 本年增/减.
                    "last_year" => {
                        *cell = (value("last_year") + value("change")).max(0).to_string()
                    }
                    // 2021: 现行有效件数 starts from last year's.
                    "in_force" => *cell = value("in_force").to_string(),
                    _ => {}
                }
            }
        }
    }
    if let Some(r) = last {
        let f = r.applications.row("carried_forward");
        if let Some(i) = edition
            .application_rows()
            .iter()
            .position(|row| row.path == ["carried_over"])
        {
            fill.applications[i] = std::array::from_fn(|c| f.column(c));
        }
    }
    let mut s = write_report(&agency, o.year, edition, &fill, &o.schema);
    if let Some(r) = last {
        let _ = writeln!(
            s,
            "# 上一年（{}）的“存在的主要问题”供对照，请勿照抄：\n{}",
            r.year,
            r.problems
                .joined()
                .lines()
                .map(|l| format!("#   {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    (s, notes)
}

/// A whole input file: every key of `edition` with its official label as a comment, figures
/// and texts from `fill`. The one writer of input YAML from figures (`new`, `summary`).
pub fn write_report(
    agency: &str,
    year: i32,
    edition: Edition,
    fill: &Fill,
    schema: &str,
) -> String {
    let mut s = String::new();
    // No modeline rather than one pointing at nothing (the CLI says why).
    if !schema.is_empty() {
        let _ = writeln!(s, "# yaml-language-server: $schema={schema}");
    }
    let _ = writeln!(
        s,
        "# {}年{}政府信息公开工作年度报告",
        year,
        one_line(agency)
    );
    let _ = writeln!(s, "# 格式：{} 版，{}", edition.key(), edition.notice());
    for h in &fill.header {
        let _ = writeln!(s, "# {}", one_line(h));
    }
    let _ = writeln!(s, "# 检查：xxgk check 本文件所在目录");
    s.push('\n');
    let _ = writeln!(s, "year: {year}");
    let _ = writeln!(s, "agency: {}", yaml_str(agency));
    let _ = writeln!(s, "edition: {}", edition.key());
    let kind = fill.kind;
    let _ = writeln!(
        s,
        "kind: {}  # department：部门、乡镇，1月31日前公布；government：县级以上人民政府本级，3月31日前公布",
        kind.key()
    );
    let _ = writeln!(
        s,
        "# title: {}年{}政府信息公开工作年度报告  # 可选，默认即此",
        year,
        one_line(agency)
    );
    let deadline = kind.deadline(year);
    let _ = writeln!(
        s,
        "# published: {deadline}  # 发布日期，不晚于 {}",
        deadline.chinese()
    );
    s.push('\n');
    let _ = writeln!(s, "# {}", text_hint("preface", edition));
    let _ = writeln!(s, "preface: |\n");
    write_text(&mut s, "overview", edition, &fill.texts[0]);

    // Table 二
    let _ = writeln!(s, "# {}", SECTION_TITLES[1]);
    let _ = writeln!(s, "proactive:");
    for ((block, row), values) in edition.proactive_rows().zip(&fill.proactive) {
        let cells: Vec<String> = block
            .columns
            .iter()
            .zip(values)
            .map(|(c, v)| format!("{}: {v}", c.key))
            .collect();
        let labels: Vec<&str> = block.columns.iter().map(|c| c.label).collect();
        let _ = writeln!(
            s,
            "  {}: {{{}}}  # {} {}：{}",
            row.key,
            cells.join(", "),
            block.item,
            row.label,
            labels.join("、")
        );
    }
    s.push('\n');

    // Table 三
    let _ = writeln!(s, "# {}", SECTION_TITLES[2]);
    let _ = writeln!(
        s,
        "# 每行 6 个数：{}（可再加总计；总计、（七）总计省略时自动计算）",
        format::applicant_labels("、")
    );
    let _ = writeln!(s, "applications:");
    let all = edition.application_rows();
    let rows = all.iter().filter(|r| r.role != AppRowRole::ResultsTotal);
    for line in format::yaml_lines(rows) {
        let indent = "  ".repeat(line.depth);
        let (key, r) = (line.key, line.row);
        if line.group {
            let comment = if line.depth == 1 {
                format::RESULTS_GROUP
            } else {
                r.group.unwrap_or_default()
            };
            let _ = writeln!(s, "{indent}{key}:  # {comment}");
            continue;
        }
        let i = all
            .iter()
            .position(|x| std::ptr::eq(x, r))
            .expect("a row of the edition");
        let list = fill.applications[i]
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(s, "{indent}{key}: [{list}]  # {}", r.full_label());
    }
    s.push('\n');

    // Table 四
    let _ = writeln!(
        s,
        "# {}：{}",
        SECTION_TITLES[3],
        format::outcome_labels("、")
    );
    let list = |o: &[u64; 4]| o.map(|v| v.to_string()).join(", ");
    let _ = writeln!(
        s,
        "reconsideration: [{}]  # {}",
        list(&fill.outcomes[0]),
        OUTCOME_ROWS[0].full_label()
    );
    let _ = writeln!(s, "litigation:");
    for (o, v) in OUTCOME_ROWS[1..].iter().zip(&fill.outcomes[1..]) {
        let _ = writeln!(s, "  {}: [{}]  # {}", o.path[1], list(v), o.full_label());
    }
    s.push('\n');
    write_text(&mut s, "problems", edition, &fill.texts[1]);
    write_text(&mut s, "other_matters", edition, &fill.texts[2]);
    s
}

/// A text section with its hint: a literal block, each line indented (any text is safe in it).
fn write_text(s: &mut String, key: &str, edition: Edition, text: &str) {
    let _ = writeln!(s, "# {}", text_hint(key, edition));
    let _ = writeln!(s, "{key}: |");
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let _ = writeln!(s, "  {line}\n");
    }
    if text.trim().is_empty() {
        s.push('\n');
    }
}

/// A text on one comment line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A YAML scalar for a short text: plain when safe, else double-quoted.
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(' ')
        && !s.chars().any(|c| c.is_control());
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::load::load_str;

    #[test]
    fn a_new_file_loads_for_both_editions() {
        for (year, e) in [(2020, Edition::E2019), (2023, Edition::E2021)] {
            let (text, _) = new_report(&NewOptions {
                agency: Some("示例县财政局".into()),
                year,
                edition: None,
                from: None,
                schema: "xxgk.schema.json".into(),
            });
            let loaded = load_str(&text, "new.yaml");
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{text}");
            let r = loaded.report.unwrap();
            assert_eq!(r.edition, e);
            assert_eq!(r.agency, "示例县财政局");
        }
    }

    #[test]
    fn yaml_strings_are_quoted_when_needed() {
        assert_eq!(yaml_str("示例县"), "示例县");
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(yaml_str("#x"), "\"#x\"");
    }
}
