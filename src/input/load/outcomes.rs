//! Table 四: administrative reconsideration and litigation.

use super::loader::{Loader, Path_};
use super::numbers::FigureRowWords;
use crate::format::{self, OUTCOME_COLUMNS};
use crate::input::yaml::Node;
use crate::report::*;

impl Loader<'_> {
    pub(super) fn outcome(
        &mut self,
        node: &Node,
        path: &Path_,
        desc: &format::OutcomeRowDesc,
    ) -> Outcome {
        let keys: Vec<&str> = OUTCOME_COLUMNS.iter().map(|c| c.0).collect();
        let labels = |i: usize| {
            vec![
                format::SECTION_TITLES[3].to_string(),
                desc.full_label(),
                OUTCOME_COLUMNS[i].1.to_string(),
            ]
        };
        let (cells, total) = self.figure_row(
            node,
            path,
            &keys,
            &labels,
            FigureRowWords {
                want_zh: format!(
                    "4 个数字（{}）或 5 个数字（再加总计）",
                    format::outcome_labels("、")
                ),
                want_en: "4 numbers (upheld, corrected, other, pending) or 5 (and total)",
                scalar_zh: "一行数字：{upheld, corrected, other, pending} 或 4～5 个数字的列表"
                    .into(),
                scalar_en: "an outcome row: a mapping or a list of 4 or 5 numbers",
            },
        );
        Outcome {
            cells: std::array::from_fn(|i| cells[i]),
            total,
            span: Some(node.span),
        }
    }
}
