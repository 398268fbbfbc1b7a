//! The JSON Schema (draft-07) of the input, generated from the edition descriptions, for
//! editors (the VS Code YAML extension gives hovers, completion and checks with it).

use crate::format::{
    self, APPLICANT_COLUMNS, AppRowRole, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS, TOP_KEYS,
    ValueKind,
};
use crate::input::load::MAX_COUNT;
use serde_json::{Map, Value, json};

fn count(desc: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "maximum": MAX_COUNT, "description": desc})
}

fn number(kind: ValueKind, desc: &str) -> Value {
    let plain = match kind {
        ValueKind::Count => count(desc),
        ValueKind::Change => {
            json!({"type": "integer", "minimum": -(MAX_COUNT as i64), "maximum": MAX_COUNT, "description": format!("{desc}（可为负数，如 -2）")})
        }
        ValueKind::Amount => {
            json!({"type": "number", "minimum": 0, "description": format!("{desc}（万元，最多 6 位小数）")})
        }
    };
    // Any figure of table 二 may carry a note: {value: 4, note: 其中一件失效} → 4（其中一件失效）.
    json!({
        "description": desc,
        "anyOf": [plain, {
            "type": "object",
            "description": format!("{desc}：带说明的数字，显示为“数字（说明）”"),
            "properties": {"value": plain, "note": {"type": "string", "description": "说明文字，显示在括号中"}},
            "required": ["value"],
            "additionalProperties": false
        }]
    })
}

fn proactive(e: Edition) -> Value {
    let mut props = Map::new();
    for (block, row) in e.proactive_rows() {
        let mut cells = Map::new();
        for c in block.columns {
            cells.insert(
                c.key.into(),
                number(c.kind, &format!("{} · {}", row.label, c.label)),
            );
        }
        let desc = format!(
            "{} {}：{}",
            block.item,
            row.label,
            block
                .columns
                .iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
                .join("、")
        );
        // A mapping of its cells, or (as a published table reads) a list in column order.
        let items: Vec<Value> = block
            .columns
            .iter()
            .map(|c| number(c.kind, &format!("{} · {}", row.label, c.label)))
            .collect();
        props.insert(
            row.key.into(),
            json!({"description": desc, "anyOf": [
                {"type": "object", "properties": cells, "additionalProperties": false},
                {"type": "array", "items": items, "minItems": block.columns.len(), "maxItems": block.columns.len()}
            ]}),
        );
    }
    json!({"type": "object", "description": format::SECTION_TITLES[1], "properties": props, "additionalProperties": false})
}

fn app_row(label: &str) -> Value {
    let mut cols = Map::new();
    for (k, l) in APPLICANT_COLUMNS {
        cols.insert(k.into(), count(&format!("{label} · {l}")));
    }
    cols.insert(
        format::TOTAL_KEY.into(),
        count(&format!("{label} · 总计（可省略，省略时自动计算）")),
    );
    json!({
        "description": format!("{label}（[{}] 或再加总计；或映射）", format::applicant_labels(", ")),
        "anyOf": [
            {"type": "array", "items": count(label), "minItems": 6, "maxItems": 7},
            {"type": "object", "properties": cols, "additionalProperties": false},
            {"type": "null"}
        ]
    })
}

/// The nested mapping of table 三 at `prefix`, derived from the rows' paths.
fn app_group(e: Edition, prefix: &[&str], desc: &str) -> Value {
    let mut props = Map::new();
    for r in e.application_rows() {
        if r.path.len() <= prefix.len() || !r.path.starts_with(prefix) {
            continue;
        }
        let key = r.path[prefix.len()];
        if props.contains_key(key) {
            continue;
        }
        let full: Vec<&str> = r.path[..=prefix.len()].to_vec();
        if r.path.len() == full.len() {
            let mut label = r.full_label();
            if r.role == AppRowRole::ResultsTotal {
                label.push_str("（可省略，填写时检查）");
            }
            props.insert(key.into(), app_row(&label));
        } else {
            let group = r
                .group
                .map(|g| format!("{}{g}", format::RESULTS_GROUP))
                .unwrap_or_else(|| format::RESULTS_GROUP.to_string());
            props.insert(key.into(), app_group(e, &full, &group));
        }
    }
    json!({"type": ["object", "null"], "description": desc, "properties": props, "additionalProperties": false})
}

fn outcome(label: &str) -> Value {
    let mut cols = Map::new();
    for (k, l) in OUTCOME_COLUMNS {
        cols.insert(k.into(), count(&format!("{label} · {l}")));
    }
    json!({
        "description": format!("{label}（[{}] 或再加总计；或映射）", format::outcome_labels(", ")),
        "anyOf": [
            {"type": "array", "items": count(label), "minItems": 4, "maxItems": 5},
            {"type": "object", "properties": cols, "additionalProperties": false},
            {"type": "null"}
        ]
    })
}

fn text(desc: &str) -> Value {
    json!({"type": ["string", "null"], "description": desc})
}

fn edition_tables(e: Edition) -> Value {
    json!({
        "properties": {
            "proactive": proactive(e),
            "applications": app_group(e, &[], format::SECTION_TITLES[2]),
        }
    })
}

/// The schema, both editions: the edition in force (`edition`, else the year) picks the tables.
pub fn schema() -> Value {
    let mut props = Map::new();
    for k in TOP_KEYS {
        let v = match k.key {
            "year" => {
                json!({"type": "integer", "minimum": 2019, "description": "报告年度（2019 年起）"})
            }
            "agency" => {
                json!({"type": "string", "minLength": 1, "description": "机关全称，如 慈溪市交通运输局"})
            }
            "edition" => {
                json!({"enum": edition_values(&format::all()), "description": format!("格式版本：{}；省略时按年度", edition_choices())})
            }
            "kind" => {
                json!({"enum": ["department", "government"], "description": "department：政府部门、乡镇等，1月31日前公布（默认）；government：县级以上地方人民政府本级报告，3月31日前公布"})
            }
            "title" => text("报告标题；默认“{年度}年{机关}政府信息公开工作年度报告”"),
            "published" => {
                json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "发布日期 YYYY-MM-DD，作为落款并检查是否逾期"})
            }
            "proactive" => json!({"type": "object", "description": format::SECTION_TITLES[1]}),
            "applications" => {
                json!({"type": ["object", "null"], "description": format::SECTION_TITLES[2]})
            }
            "reconsideration" => outcome(&OUTCOME_ROWS[0].full_label()),
            "litigation" => {
                let mut p = Map::new();
                for o in &OUTCOME_ROWS[1..] {
                    p.insert(o.path[1].into(), outcome(&o.full_label()));
                }
                json!({"type": ["object", "null"], "description": format::LITIGATION_LABEL, "properties": p, "additionalProperties": false})
            }
            _ => text(k.label),
        };
        props.insert(k.key.into(), v);
    }
    let required: Vec<&str> = TOP_KEYS
        .iter()
        .filter(|k| k.required)
        .map(|k| k.key)
        .collect();
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://xxgk.invalid/schema/report.json",
        "title": "政府信息公开工作年度报告（xxgk 输入）",
        "description": "一个机关一个年度的政府信息公开工作年度报告数据",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false
    });
    if let Value::Object(m) = &mut schema {
        if let Value::Object(pick) = pick_tables() {
            m.extend(pick);
        }
    }
    schema
}

/// The `edition:` values naming `editions`: keys that are numbers as numbers too (`2019`).
fn edition_values(editions: &[Edition]) -> Vec<Value> {
    let numbers = editions
        .iter()
        .filter_map(|e| e.key().parse::<u64>().ok())
        .map(Value::from);
    let strings = editions.iter().map(|e| Value::from(e.key()));
    numbers.chain(strings).collect()
}

/// Every edition with its notice and years: `2019（…，用于 2019、2020 年度）或 2021（…）`.
fn edition_choices() -> String {
    let all: Vec<String> = format::all()
        .into_iter()
        .map(|e| {
            let f = e.in_force();
            let years = match f.to {
                Some(to) => format!(
                    "用于 {} 年度",
                    (f.from..=to)
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                None => format!("{} 年度起", f.from),
            };
            format!("{}（{}，{years}）", e.key(), e.notice())
        })
        .collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或 {last}", rest.join("、")),
        _ => all.concat(),
    }
}

/// `if`/`then`/`else` picking the tables of the edition in force (`edition`, else the year):
/// each edition in turn, the latest as the last `else`.
fn pick_tables() -> Value {
    let all = format::all();
    let latest = format::latest();
    let first_year = all.iter().map(|e| e.in_force().from).min();
    let mut pick = edition_tables(latest);
    for e in all.iter().rev().filter(|e| **e != latest) {
        let f = e.in_force();
        // Years before any edition's take the oldest, as `Edition::default_for_year` does.
        let mut years = Map::new();
        if Some(f.from) != first_year {
            years.insert("minimum".into(), f.from.into());
        }
        if let Some(to) = f.to {
            years.insert("maximum".into(), to.into());
        }
        let is_e = json!({"anyOf": [
            {"properties": {"edition": {"enum": edition_values(&[*e])}}, "required": ["edition"]},
            {"not": {"required": ["edition"]}, "properties": {"year": years}}
        ]});
        pick = json!({"if": is_e, "then": edition_tables(*e), "else": pick});
    }
    pick
}

/// The schema as pretty JSON text.
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).expect("schema serialises");
    s.push('\n');
    s
}
