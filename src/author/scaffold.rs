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
    let kind = last.map_or(Kind::Department, |r| r.kind);
    let mut s = String::new();
    // No modeline rather than one pointing at nothing (the CLI says why).
    if !o.schema.is_empty() {
        let _ = writeln!(s, "# yaml-language-server: $schema={}", o.schema);
    }
    let _ = writeln!(s, "# {}年{}政府信息公开工作年度报告", o.year, agency);
    let _ = writeln!(s, "# 格式：{} 版，{}", edition.key(), edition.notice());
    if let Some(r) = last {
        let _ = writeln!(
            s,
            "# 由 {} 年度报告（{}）生成：上年结转等数字已带入，其余请填写。",
            r.year, r.file
        );
    }
    let _ = writeln!(s, "# 检查：xxgk check 本文件所在目录");
    s.push('\n');
    let _ = writeln!(s, "year: {}", o.year);
    let _ = writeln!(s, "agency: {}", yaml_str(&agency));
    let _ = writeln!(s, "edition: {}", edition.key());
    let _ = writeln!(
        s,
        "kind: {}  # department：部门、乡镇，1月31日前公布；government：县级以上人民政府本级，3月31日前公布",
        kind.key()
    );
    let _ = writeln!(
        s,
        "# title: {}年{}政府信息公开工作年度报告  # 可选，默认即此",
        o.year, agency
    );
    let deadline = kind.deadline(o.year);
    let _ = writeln!(
        s,
        "# published: {deadline}  # 发布日期，不晚于 {}",
        deadline.chinese()
    );
    s.push('\n');
    for key in ["preface", "overview"] {
        let _ = writeln!(s, "# {}", text_hint(key, edition));
        let _ = writeln!(s, "{key}: |\n");
    }

    // Table 二
    let _ = writeln!(s, "# {}", SECTION_TITLES[1]);
    let _ = writeln!(s, "proactive:");
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
    for (block, row) in edition.proactive_rows() {
        let mut cells = Vec::new();
        for c in block.columns {
            let v = match (c.kind, c.key, from_same) {
                // 2019 → 2019: this year's 上一年项目数量 is last year's 上一年项目数量 + 本年增/减.
                (_, "last_year", Some(r)) => {
                    let ly = r
                        .proactive_value(row.key, "last_year")
                        .map_or(0, |c| c.value.as_i128());
                    let ch = r
                        .proactive_value(row.key, "change")
                        .map_or(0, |c| c.value.as_i128());
                    (ly + ch).max(0).to_string()
                }
                // 2021: 现行有效件数 starts from last year's.
                (_, "in_force", Some(r)) => r
                    .proactive_value(row.key, "in_force")
                    .map_or(0, |c| c.value.as_i128())
                    .to_string(),
                _ => "0".into(),
            };
            cells.push(format!("{}: {v}", c.key));
        }
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
    let rows = edition
        .application_rows()
        .iter()
        .filter(|r| r.role != AppRowRole::ResultsTotal);
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
        let mut figures = [0u64; 6];
        if r.path == ["carried_over"] {
            if let Some(last) = last {
                let f = last.applications.row("carried_forward");
                figures = std::array::from_fn(|i| f.column(i));
            }
        }
        let list = figures
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
    let _ = writeln!(
        s,
        "reconsideration: [0, 0, 0, 0]  # {}",
        OUTCOME_ROWS[0].full_label()
    );
    let _ = writeln!(s, "litigation:");
    for o in &OUTCOME_ROWS[1..] {
        let _ = writeln!(s, "  {}: [0, 0, 0, 0]  # {}", o.path[1], o.full_label());
    }
    s.push('\n');
    for key in ["problems", "other_matters"] {
        let _ = writeln!(s, "# {}", text_hint(key, edition));
        let _ = writeln!(s, "{key}: |\n");
    }
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
