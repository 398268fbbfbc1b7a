//! Table 二: the proactive disclosure of rules, permits, penalties, fees.

use super::loader::{Loader, Path_};
use crate::diag::{Code, messages};
use crate::format::{self, Column, ValueKind};
use crate::input::yaml::{Node, Value};
use crate::report::*;

impl Loader<'_> {
    pub(super) fn proactive(&mut self, node: Option<&Node>, path: &Path_) -> Vec<Vec<Cell>> {
        let edition = self.edition;
        let mut rows: Vec<Vec<Cell>> = edition
            .proactive_rows()
            .map(|(b, _)| {
                b.columns
                    .iter()
                    .map(|c| Cell {
                        value: match c.kind {
                            ValueKind::Count => Number::Count(0),
                            ValueKind::Change => Number::Change(0),
                            ValueKind::Amount => Number::Amount {
                                text: "0".into(),
                                micros: 0,
                            },
                        },
                        note: None,
                        span: None,
                    })
                    .collect()
            })
            .collect();
        let Some(node) = node else { return rows };
        let Some(entries) = self.map(node, path) else {
            return rows;
        };
        let valid: Vec<&str> = edition.proactive_rows().map(|(_, r)| r.key).collect();
        for (k, v) in entries {
            let Some(key) = self.key_text(k, path) else {
                continue;
            };
            let Some(ri) = edition.proactive_rows().position(|(_, r)| r.key == key) else {
                match edition
                    .others()
                    .find_map(|o| o.proactive_row(key).map(|(_, r)| (o, r)))
                {
                    Some((o, r)) => self.other_edition_key(o, key, k.span, path, r.label),
                    None => self.unknown_key(key, k.span, path, &valid),
                }
                continue;
            };
            let (block, row) = edition.proactive_rows().nth(ri).expect("row index");
            let rpath = path.key(key);
            let labels_for = |c: &Column| {
                vec![
                    format::SECTION_TITLES[1].to_string(),
                    row.label.to_string(),
                    c.label.to_string(),
                ]
            };
            if let Value::Seq(items) = &v.value {
                let cols: Vec<&str> = block.columns.iter().map(|c| c.key).collect();
                let want = messages::want_columns(&cols);
                if self.row_marks(v, &rpath, want.clone(), &[cols.len()]) {
                    continue;
                }
                if items.len() != block.columns.len() {
                    self.wrong_length(v, &rpath, items.len(), want);
                    continue;
                }
                for (ci, (item, c)) in items.iter().zip(block.columns).enumerate() {
                    rows[ri][ci] = self.cell(item, c, &rpath.index(ci), &labels_for(c));
                }
                continue;
            }
            let Some(cells) = self.map(v, &rpath) else {
                continue;
            };
            let valid_cols: Vec<&str> = block.columns.iter().map(|c| c.key).collect();
            for (ck, cv) in cells {
                let Some(ckey) = self.key_text(ck, &rpath) else {
                    continue;
                };
                match block.columns.iter().position(|c| c.key == ckey) {
                    Some(ci) => {
                        let c = &block.columns[ci];
                        rows[ri][ci] = self.cell(cv, c, &rpath.key(ckey), &labels_for(c));
                    }
                    None => {
                        let other = edition.others().find_map(|o| {
                            o.proactive_row(key)
                                .and_then(|(b, _)| b.columns.iter().find(|c| c.key == ckey))
                                .map(|c| (o, c))
                        });
                        match other {
                            Some((o, c)) => {
                                self.other_edition_key(o, ckey, ck.span, &rpath, c.label)
                            }
                            None => self.unknown_key(ckey, ck.span, &rpath, &valid_cols),
                        }
                    }
                }
            }
        }
        rows
    }

    pub(super) fn cell(
        &mut self,
        node: &Node,
        column: &Column,
        path: &Path_,
        labels: &[String],
    ) -> Cell {
        if let Some(m) = node.as_map() {
            let mut value = None;
            let mut note = None;
            for (k, v) in m {
                match self.key_text(k, path) {
                    Some("value") => {
                        value = Some(self.number(v, column, &path.key("value"), labels))
                    }
                    Some("note") => {
                        let t = self.plain_text(v, &path.key("note"));
                        note = Some(t.trim().to_string()).filter(|t| !t.is_empty());
                    }
                    Some(other) => self.unknown_key(other, k.span, path, &["value", "note"]),
                    None => {}
                }
            }
            if value.is_none() {
                self.push(
                    Code::MissingKey,
                    Some(node.span),
                    &path.key("value"),
                    messages::cell_without_value(),
                );
            }
            let value = value.unwrap_or(Number::Count(0));
            return Cell {
                value,
                note,
                span: Some(node.span),
            };
        }
        Cell {
            value: self.number(node, column, path, labels),
            note: None,
            span: Some(node.span),
        }
    }
}
