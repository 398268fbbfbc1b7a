//! Table 四: administrative reconsideration and litigation.

use super::loader::{Loader, Path_};
use super::numbers::FigureRowWords;
use crate::diag::messages;
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
                figures: messages::want_outcome_figures,
                row: messages::want_outcome_row,
            },
        );
        Outcome {
            cells: std::array::from_fn(|i| cells[i]),
            total,
            span: Some(node.span),
        }
    }
}
