//! 国办公开办函〔2019〕60号 (试行): the edition for reports on 2019 and 2020.

use super::common::*;
use super::spec::{EditionSpec, InForce};

pub static SPEC: EditionSpec = EditionSpec {
    key: "2019",
    notice: "国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    notice_year: 2019,
    in_force: InForce {
        from: 2019,
        to: Some(2020),
    },
    proactive: PROACTIVE,
    application_rows: APP_ROWS,
    section_six_hint: "（文字描述）",
    overview_hint: "一、总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况",
    other_matters_hint: "",
    overview_limit: None,
    fees_in_section_six: false,
    other_results_limit_pct: Some(10),
};

const COLS_DOCS: &[Column] = &[
    col("made", "本年新制作数量", ValueKind::Count),
    col("published", "本年新公开数量", ValueKind::Count),
    col("total", "对外公开总数量", ValueKind::Count),
];
const COLS_ITEMS: &[Column] = &[
    col("last_year", "上一年项目数量", ValueKind::Count),
    col("change", "本年增/减", ValueKind::Change),
    col("decisions", "处理决定数量", ValueKind::Count),
];
const COLS_FEES: &[Column] = &[
    col("last_year", "上一年项目数量", ValueKind::Count),
    col("change", "本年增/减", ValueKind::Change),
];
const COLS_PROCUREMENT: &[Column] = &[
    col("projects", "采购项目数量", ValueKind::Count),
    Column {
        key: "amount",
        label: "采购总金额",
        kind: ValueKind::Amount,
        unit_in_cell: Some("万元"),
    },
];

static PROACTIVE: &[ProactiveBlock] = &[
    ProactiveBlock {
        item: "第二十条第（一）项",
        columns: COLS_DOCS,
        rows: &[
            ProactiveRow {
                key: "regulations",
                label: "规章",
            },
            ProactiveRow {
                key: "normative_documents",
                label: "规范性文件",
            },
        ],
    },
    ProactiveBlock {
        item: "第二十条第（五）项",
        columns: COLS_ITEMS,
        rows: &[
            ProactiveRow {
                key: "licensing",
                label: "行政许可",
            },
            ProactiveRow {
                key: "other_services",
                label: "其他对外管理服务事项",
            },
        ],
    },
    ProactiveBlock {
        item: "第二十条第（六）项",
        columns: COLS_ITEMS,
        rows: PENALTY_ROWS,
    },
    ProactiveBlock {
        item: "第二十条第（八）项",
        columns: COLS_FEES,
        rows: &[ProactiveRow {
            key: "fees",
            label: "行政事业性收费",
        }],
    },
    ProactiveBlock {
        item: "第二十条第（九）项",
        columns: COLS_PROCUREMENT,
        rows: &[ProactiveRow {
            key: "procurement",
            label: "政府集中采购",
        }],
    },
];

app_rows!(APP_ROWS, [res(&["results", "other"], None, OTHER)]);
