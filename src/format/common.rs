//! The labels and shapes both editions share: the applicant and outcome columns, the section
//! titles, the top-level keys, and the types each edition's tables are made of.

use serde::Serialize;

/// The kind of figure a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A whole number ≥ 0.
    Count,
    /// A whole number that may be negative, printed with its sign (本年增/减).
    Change,
    /// 万元, ≥ 0, at most 6 decimals, printed as written.
    Amount,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
    /// A unit printed after the figure (the 2019 template has no unit in 采购总金额's header).
    pub unit_in_cell: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct ProactiveRow {
    pub key: &'static str,
    pub label: &'static str,
}

/// One block of table 二: a 第二十条 item, its column headers and rows.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ProactiveBlock {
    pub item: &'static str,
    pub columns: &'static [Column],
    pub rows: &'static [ProactiveRow],
}

/// Table 二 is a grid of this many columns in both editions.
pub const PROACTIVE_GRID_COLUMNS: usize = 4;
/// The first header cell of every block of table 二.
pub const PROACTIVE_CONTENT_HEADER: &str = "信息内容";

pub(super) const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> Column {
    Column {
        key,
        label,
        kind,
        unit_in_cell: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Table 三

/// The six applicant columns, in the table's order (总计 is the seventh).
pub const APPLICANT_COLUMNS: [(&str, &str); 6] = [
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
];
pub const TOTAL_KEY: &str = "total";
pub const TOTAL_LABEL: &str = "总计";
pub const APPLICANT_HEADER: &str = "申请人情况";
pub const LEGAL_PERSON_GROUP: &str = "法人或其他组织";
pub const APPLICATION_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const RESULTS_GROUP: &str = "三、本年度办理结果";

/// The six applicant labels, joined: `自然人、商业企业、…、其他`.
pub fn applicant_labels(sep: &str) -> String {
    APPLICANT_COLUMNS.map(|c| c.1).join(sep)
}

/// The four outcome labels (without 总计), joined: `结果维持、结果纠正、其他结果、尚未审结`.
pub fn outcome_labels(sep: &str) -> String {
    OUTCOME_COLUMNS[..4]
        .iter()
        .map(|c| c.1)
        .collect::<Vec<_>>()
        .join(sep)
}

/// The label of column `i` of table 三 (0..6 applicants, 6 = 总计).
pub fn applicant_column_label(i: usize) -> &'static str {
    APPLICANT_COLUMNS.get(i).map(|c| c.1).unwrap_or(TOTAL_LABEL)
}

/// Where a row of table 三 sits in the official layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppRowRole {
    /// 一、二、四: a top-level row, label spans three columns.
    Top,
    /// A row of 三、本年度办理结果 that the clerk fills.
    Result,
    /// （七）总计: the sum of every result row; optional in the YAML, checked when given.
    ResultsTotal,
}

/// One row of table 三.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct AppRow {
    /// The YAML path below `applications`, e.g. `["results", "withheld", "state_secret"]`.
    pub path: &'static [&'static str],
    /// The enclosing label inside 三、本年度办理结果, e.g. `（三）不予公开`, for sub-items.
    pub group: Option<&'static str>,
    pub label: &'static str,
    pub role: AppRowRole,
}

impl AppRow {
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }

    /// The row's full official label, e.g. `三、本年度办理结果（三）不予公开 1.属于国家秘密`.
    pub fn full_label(&self) -> String {
        match (self.role, self.group) {
            (AppRowRole::Top, _) => self.label.to_string(),
            (_, Some(g)) => format!("{RESULTS_GROUP}{g} {}", self.label),
            (_, None) => format!("{RESULTS_GROUP}{}", self.label),
        }
    }
}

/// One line of table 三 as YAML: a group key (`results:`, `withheld:`…) or a row.
pub struct YamlLine<'a> {
    /// 1 for a key directly under `applications`.
    pub depth: usize,
    pub key: &'static str,
    /// The row itself, or for a group line the first row inside the group.
    pub row: &'a AppRow,
    pub group: bool,
}

/// How `rows` nest in the YAML, in order: the group lines they need opened, then each row.
pub fn yaml_lines<'a>(rows: impl IntoIterator<Item = &'a AppRow>) -> Vec<YamlLine<'a>> {
    let mut out = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    for r in rows {
        let parents = &r.path[..r.path.len() - 1];
        while !parents.starts_with(&open) {
            open.pop();
        }
        while open.len() < parents.len() {
            let key = parents[open.len()];
            open.push(key);
            out.push(YamlLine {
                depth: open.len(),
                key,
                row: r,
                group: true,
            });
        }
        out.push(YamlLine {
            depth: open.len() + 1,
            key: r.path[r.path.len() - 1],
            row: r,
            group: false,
        });
    }
    out
}

/// The rows of table 三 both editions share, around the edition's own （六）其他处理 rows.
macro_rules! app_rows {
    ($name:ident, [$($other:expr),* $(,)?]) => {
        static $name: &[AppRow] = &[
            AppRow { path: &["new"], group: None, label: "一、本年新收政府信息公开申请数量", role: AppRowRole::Top },
            AppRow { path: &["carried_over"], group: None, label: "二、上年结转政府信息公开申请数量", role: AppRowRole::Top },
            res(&["results", "disclosed"], None, "（一）予以公开"),
            res(&["results", "partially_disclosed"], None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            res(&["results", "withheld", "state_secret"], Some(WITHHELD), "1.属于国家秘密"),
            res(&["results", "withheld", "prohibited_by_law"], Some(WITHHELD), "2.其他法律行政法规禁止公开"),
            res(&["results", "withheld", "three_securities"], Some(WITHHELD), "3.危及“三安全一稳定”"),
            res(&["results", "withheld", "third_party"], Some(WITHHELD), "4.保护第三方合法权益"),
            res(&["results", "withheld", "internal_affairs"], Some(WITHHELD), "5.属于三类内部事务信息"),
            res(&["results", "withheld", "process_information"], Some(WITHHELD), "6.属于四类过程性信息"),
            res(&["results", "withheld", "enforcement_files"], Some(WITHHELD), "7.属于行政执法案卷"),
            res(&["results", "withheld", "administrative_query"], Some(WITHHELD), "8.属于行政查询事项"),
            res(&["results", "unable", "not_held"], Some(UNABLE), "1.本机关不掌握相关政府信息"),
            res(&["results", "unable", "needs_creation"], Some(UNABLE), "2.没有现成信息需要另行制作"),
            res(&["results", "unable", "unclear_after_correction"], Some(UNABLE), "3.补正后申请内容仍不明确"),
            res(&["results", "not_processed", "petition"], Some(NOT_PROCESSED), "1.信访举报投诉类申请"),
            res(&["results", "not_processed", "repeated"], Some(NOT_PROCESSED), "2.重复申请"),
            res(&["results", "not_processed", "publications"], Some(NOT_PROCESSED), "3.要求提供公开出版物"),
            res(&["results", "not_processed", "excessive"], Some(NOT_PROCESSED), "4.无正当理由大量反复申请"),
            res(&["results", "not_processed", "confirmation"], Some(NOT_PROCESSED), "5.要求行政机关确认或重新出具已获取信息"),
            $($other,)*
            AppRow { path: &["results", "total"], group: None, label: "（七）总计", role: AppRowRole::ResultsTotal },
            AppRow { path: &["carried_forward"], group: None, label: "四、结转下年度继续办理", role: AppRowRole::Top },
        ];
    };
}
pub(super) use app_rows;

pub(super) const WITHHELD: &str = "（三）不予公开";
pub(super) const UNABLE: &str = "（四）无法提供";
pub(super) const NOT_PROCESSED: &str = "（五）不予处理";
pub(super) const OTHER: &str = "（六）其他处理";

pub(super) const fn res(
    path: &'static [&'static str],
    group: Option<&'static str>,
    label: &'static str,
) -> AppRow {
    AppRow {
        path,
        group,
        label,
        role: AppRowRole::Result,
    }
}

// ---------------------------------------------------------------------------------------------
// Table 四

/// The outcome columns of 行政复议 and each kind of 行政诉讼 (总计 last).
pub const OUTCOME_COLUMNS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    (TOTAL_KEY, TOTAL_LABEL),
];

/// The outcome rows of table 四, in printed order: YAML path, group label, own label.
pub struct OutcomeRowDesc {
    pub path: &'static [&'static str],
    pub group: &'static str,
    pub label: Option<&'static str>,
}

pub const RECONSIDERATION_LABEL: &str = "行政复议";
pub const LITIGATION_LABEL: &str = "行政诉讼";

pub const OUTCOME_ROWS: [OutcomeRowDesc; 3] = [
    OutcomeRowDesc {
        path: &["reconsideration"],
        group: RECONSIDERATION_LABEL,
        label: None,
    },
    OutcomeRowDesc {
        path: &["litigation", "direct"],
        group: LITIGATION_LABEL,
        label: Some("未经复议直接起诉"),
    },
    OutcomeRowDesc {
        path: &["litigation", "after_reconsideration"],
        group: LITIGATION_LABEL,
        label: Some("复议后起诉"),
    },
];

impl OutcomeRowDesc {
    pub fn full_label(&self) -> String {
        match self.label {
            Some(l) => format!("{}（{}）", self.group, l),
            None => self.group.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sections

/// The six section titles, both editions.
pub const SECTION_TITLES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The top-level YAML keys, with what they are for (the label used in messages and the schema).
pub struct TopKey {
    pub key: &'static str,
    pub required: bool,
    pub label: &'static str,
}

pub const TOP_KEYS: &[TopKey] = &[
    TopKey {
        key: "year",
        required: true,
        label: "报告年度",
    },
    TopKey {
        key: "agency",
        required: true,
        label: "机关名称",
    },
    TopKey {
        key: "edition",
        required: false,
        label: "格式版本（2019 或 2021）",
    },
    TopKey {
        key: "kind",
        required: false,
        label: "机关类型（department 部门 / government 县级以上人民政府）",
    },
    TopKey {
        key: "title",
        required: false,
        label: "报告标题",
    },
    TopKey {
        key: "published",
        required: false,
        label: "发布日期",
    },
    TopKey {
        key: "preface",
        required: false,
        label: "前言",
    },
    TopKey {
        key: "overview",
        required: true,
        label: SECTION_TITLES[0],
    },
    TopKey {
        key: "proactive",
        required: true,
        label: SECTION_TITLES[1],
    },
    TopKey {
        key: "applications",
        required: true,
        label: SECTION_TITLES[2],
    },
    TopKey {
        key: "reconsideration",
        required: true,
        label: "四、行政复议",
    },
    TopKey {
        key: "litigation",
        required: true,
        label: "四、行政诉讼",
    },
    TopKey {
        key: "problems",
        required: true,
        label: SECTION_TITLES[4],
    },
    TopKey {
        key: "other_matters",
        required: true,
        label: SECTION_TITLES[5],
    },
];

pub fn top_key(key: &str) -> Option<&'static TopKey> {
    TOP_KEYS.iter().find(|k| k.key == key)
}

/// 行政处罚 and 行政强制: the rows of 第二十条第（六）项 in every edition.
pub const PENALTY_ROWS: &[ProactiveRow] = &[
    ProactiveRow {
        key: "penalties",
        label: "行政处罚",
    },
    ProactiveRow {
        key: "coercion",
        label: "行政强制",
    },
];
