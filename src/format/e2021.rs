//! 国办公开办函〔2021〕30号: the edition for reports on 2021 onwards.

use super::common::*;
use super::spec::{EditionSpec, InForce};

pub static SPEC: EditionSpec = EditionSpec {
    key: "2021",
    notice: "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
    notice_year: 2021,
    in_force: InForce {
        from: 2021,
        to: None,
    },
    proactive: PROACTIVE,
    application_rows: APP_ROWS,
    section_six_hint: "（文字描述，收取信息处理费情况在此处报告。）",
    overview_hint: "一、总体情况：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障情况；重在聚焦主题、简明客观，篇幅原则上不超过一千字",
    other_matters_hint: "——写明收取的信息处理费金额，或本年度未收取",
    // 篇幅原则上不超过一千字.
    overview_limit: Some(1000),
    // 收取信息处理费情况在此处报告.
    fees_in_section_six: true,
    other_results_limit_pct: None,
};

const COLS_DOCS: &[Column] = &[
    col("issued", "本年制发件数", ValueKind::Count),
    col("repealed", "本年废止件数", ValueKind::Count),
    col("in_force", "现行有效件数", ValueKind::Count),
];
const COLS_DECISIONS: &[Column] = &[col("decisions", "本年处理决定数量", ValueKind::Count)];

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
                label: "行政规范性文件",
            },
        ],
    },
    ProactiveBlock {
        item: "第二十条第（五）项",
        columns: COLS_DECISIONS,
        rows: &[ProactiveRow {
            key: "licensing",
            label: "行政许可",
        }],
    },
    ProactiveBlock {
        item: "第二十条第（六）项",
        columns: COLS_DECISIONS,
        rows: PENALTY_ROWS,
    },
    ProactiveBlock {
        item: "第二十条第（八）项",
        columns: &[col(
            "amount",
            "本年收费金额（单位：万元）",
            ValueKind::Amount,
        )],
        rows: &[ProactiveRow {
            key: "fees",
            label: "行政事业性收费",
        }],
    },
];

app_rows!(
    APP_ROWS,
    [
        res(
            &["results", "other", "no_correction"],
            Some(OTHER),
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        ),
        res(
            &["results", "other", "no_fee_paid"],
            Some(OTHER),
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        ),
        res(&["results", "other", "other"], Some(OTHER), "3.其他"),
    ]
);
