//! Table 三: applications received and how they were answered.

use super::loader::{Loader, Path_};
use super::numbers::FigureRowWords;
use crate::diag::messages;
use crate::format::{self, APPLICANT_COLUMNS, AppRow};
use crate::input::yaml::{Node, Value};
use crate::report::*;

impl Loader<'_> {
    pub(super) fn applications(&mut self, node: Option<&Node>, path: &Path_) -> Applications {
        let mut apps = Applications::empty(self.edition);
        if let Some(node) = node {
            apps.span = Some(node.span);
            self.app_group(node, &[], path, &mut apps);
        }
        apps
    }

    /// A mapping of table 三 at `prefix` (the table itself, `results`, `results.withheld`…):
    /// the keys it accepts are derived from the rows' paths.
    pub(super) fn app_group(
        &mut self,
        node: &Node,
        prefix: &[&str],
        path: &Path_,
        apps: &mut Applications,
    ) {
        let edition = self.edition;
        let Some(entries) = self.map(node, path) else {
            return;
        };
        let mut valid: Vec<&str> = Vec::new();
        for r in edition.application_rows() {
            if r.path.len() > prefix.len()
                && r.path.starts_with(prefix)
                && !valid.contains(&r.path[prefix.len()])
            {
                valid.push(r.path[prefix.len()]);
            }
        }
        for (k, v) in entries {
            let Some(key) = self.key_text(k, path) else {
                continue;
            };
            let full: Vec<&str> = prefix.iter().copied().chain([key]).collect();
            let kpath = path.key(key);
            let row_here = edition
                .application_rows()
                .iter()
                .position(|r| r.path == full.as_slice());
            let group_here = edition
                .application_rows()
                .iter()
                .any(|r| r.path.len() > full.len() && r.path.starts_with(&full));
            // The first other edition with a row or group here.
            let (other, other_row, other_group) = edition
                .others()
                .map(|o| {
                    let rows = o.application_rows();
                    let row = rows.iter().find(|r| r.path == full.as_slice());
                    let group = rows
                        .iter()
                        .find(|r| r.path.len() > full.len() && r.path.starts_with(&full));
                    (o, row, group)
                })
                .find(|(_, r, g)| r.is_some() || g.is_some())
                .unwrap_or((edition, None, None));
            // A row's keys are applicant columns; a group's are its rows (`results.other.other`
            // is a row of the 2021 group, not the applicant column `other`).
            let child_keys: Vec<&str> = edition
                .application_rows()
                .iter()
                .filter(|r| r.path.len() > full.len() && r.path.starts_with(&full))
                .map(|r| r.path[full.len()])
                .collect();
            let looks_like_row = matches!(&v.value, Value::Seq(_))
                || v.as_map().is_some_and(|m| {
                    m.iter().any(|(k, _)| {
                        k.as_scalar().is_some_and(|(s, _)| {
                            !child_keys.contains(&s)
                                && (s == format::TOTAL_KEY
                                    || APPLICANT_COLUMNS.iter().any(|c| c.0 == s))
                        })
                    })
                });
            if let Some(ri) = row_here {
                if let (Some(g), Some(_)) = (other_group, v.as_map()) {
                    if !looks_like_row {
                        self.other_edition_key(
                            other,
                            key,
                            k.span,
                            path,
                            g.group.unwrap_or(g.label),
                        );
                        continue;
                    }
                }
                let desc = &edition.application_rows()[ri];
                apps.rows[ri] = self.app_row(v, desc, &kpath);
            } else if group_here {
                if let (Some(r), true) = (other_row, looks_like_row) {
                    self.other_edition_key(other, key, k.span, path, r.label);
                    continue;
                }
                self.app_group(v, &full, &kpath, apps);
            } else if let Some(r) = other_row.or(other_group) {
                self.other_edition_key(other, key, k.span, path, r.label);
            } else {
                self.unknown_key(key, k.span, path, &valid);
            }
        }
    }

    pub(super) fn app_row(&mut self, node: &Node, desc: &AppRow, path: &Path_) -> AppRowData {
        let keys: Vec<&str> = APPLICANT_COLUMNS
            .iter()
            .map(|c| c.0)
            .chain([format::TOTAL_KEY])
            .collect();
        let (cells, total) = self.figure_row(
            node,
            path,
            &keys,
            &|i| {
                vec![
                    desc.full_label(),
                    format::applicant_column_label(i).to_string(),
                ]
            },
            FigureRowWords {
                figures: messages::want_application_figures,
                row: messages::want_application_row,
            },
        );
        AppRowData {
            cells: std::array::from_fn(|i| cells[i]),
            total,
            span: Some(node.span),
        }
    }
}
