//! Table rows placed by their label: table 二 (proactive), 三 (applications), 四 (outcomes).

use super::blocks::{Cell, Row};
use super::figure::{Figure, MONEY, is_mark, parse_figure, shift_left, shift_right};
use super::labels::{label_matches, norm, structural_labels};
use super::place::{FRow, Found, Importer, PRow, Table};
use super::scalar::yaml_scalar;
use crate::diag::{Code, messages};
use crate::format::{self, Column, OUTCOME_COLUMNS, OUTCOME_ROWS, ValueKind};

/// What a cell of a figure position holds.
pub(super) enum Slot<'c> {
    Blank,
    Mark(&'c str),
    Merged(&'c str),
    Fig(Figure),
}

impl Importer<'_> {
    /// Every table row, placed in order: headers and group labels set the context of the rows
    /// below them.
    pub(super) fn place_rows(&mut self, rows: &[(&Row, usize)], found: &mut Found) {
        let mut state = RowState {
            table: None,
            group: None,
            structural: structural_labels(),
        };
        let mut last_part = None;
        for (row, part) in rows {
            // A table under another section title is another table.
            if last_part.is_some_and(|p| p != *part) {
                state.table = None;
                state.group = None;
            }
            last_part = Some(*part);
            self.place_row(row, *part, &mut state, found);
        }
    }

    pub(super) fn place_row(&mut self, row: &Row, part: usize, st: &mut RowState, f: &mut Found) {
        let section_table = match part {
            2 => Some(Table::Proactive),
            3 => Some(Table::Applications),
            4 => Some(Table::Outcomes),
            _ => None,
        };
        for problem in &row.problems {
            let c = self.flag(
                Code::ImportUnplaced,
                Some(row.line),
                st.table.or(section_table).map_or("", Table::key),
                problem.clone(),
            );
            f.table_notes(st.table.or(section_table)).push(c);
        }
        // Cells a rowspan carries down that are empty are only placeholders.
        let cells: Vec<&Cell> = row
            .cells
            .iter()
            .filter(|c| !(c.inherited && c.text.trim().is_empty()))
            .collect();
        let is_label = |c: &Cell| {
            let t = c.text.trim();
            !t.is_empty() && parse_figure(t).is_none() && !is_mark(t)
        };
        let Some(first) = cells.iter().position(|c| !c.text.trim().is_empty()) else {
            return;
        };
        let split = cells
            .iter()
            .rposition(|c| is_label(c))
            .map_or(first, |k| k + 1);
        let labels: Vec<&Cell> = cells[first..split]
            .iter()
            .copied()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let figs: Vec<&Cell> = cells[split..].to_vec();
        let has_figures = figs.iter().any(|c| !c.text.trim().is_empty());
        // The row's own line: a label carried down by a merged cell (三、本年度办理结果 beside
        // （七）总计) was read where the merge began, rows above.
        let line = labels
            .iter()
            .find(|c| !c.inherited)
            .or(figs.first())
            .map_or(row.line, |c| c.line);

        if !has_figures {
            // Headers and group labels set the context; anything else is unknown.
            let norms: Vec<String> = labels.iter().map(|c| norm(&c.text)).collect();
            if norms.iter().all(|n| st.structural.contains(n)) {
                st.saw_structure(&norms);
                return;
            }
        }
        if labels.is_empty() {
            let in_outcomes = st.table == Some(Table::Outcomes)
                || (st.table.is_none() && section_table == Some(Table::Outcomes));
            if in_outcomes {
                self.outcome_row(&figs, line, f);
            } else {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    st.table.or(section_table).map_or("", Table::key),
                    messages::unlabelled_figures(&texts(&figs)),
                );
                f.table_notes(st.table.or(section_table)).push(c);
            }
            return;
        }
        let own = labels.last().expect("a label");
        let own_n = norm(&own.text);
        let label_text = labels
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");

        // Table 二?
        let mut proactive_idx = f
            .edition
            .proactive_rows()
            .position(|(_, r)| label_matches(&own_n, r.label));
        if proactive_idx.is_none() && labels.len() == 1 && has_figures {
            let app = f
                .edition
                .application_rows()
                .iter()
                .any(|r| label_matches(&own_n, r.label));
            let near = nearest_label(&own_n, f.edition.proactive_rows().map(|(_, r)| r.label));
            if let (Some(i), false) = (near, app) {
                let (_, r) = f.edition.proactive_rows().nth(i).expect("a row");
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    &format!("proactive.{}", r.key),
                    messages::nearest_row_label(&own.text, r.label),
                );
                f.table_notes(Some(Table::Proactive)).push(c);
                proactive_idx = Some(i);
            }
        }
        if let Some(idx) = proactive_idx {
            st.table = Some(Table::Proactive);
            st.group = None;
            if labels.len() == 1 {
                self.proactive_row(idx, own, &figs, f);
                return;
            }
        }
        // Table 三?
        let rows = f.edition.application_rows();
        let mut group = None;
        let mut extra = false;
        for l in &labels[..labels.len() - 1] {
            let n = norm(&l.text);
            if n == norm(format::RESULTS_GROUP) {
                continue;
            }
            match rows.iter().find_map(|r| r.group.filter(|g| norm(g) == n)) {
                Some(g) => group = Some(g),
                None => extra = true,
            }
        }
        if !extra {
            if let Some(g) = group {
                st.group = Some(g);
            }
            let mut candidates: Vec<usize> = (0..rows.len())
                .filter(|&i| label_matches(&own_n, rows[i].label))
                .collect();
            if candidates.is_empty() {
                // A typo: the nearest label, when one alone is that near.
                if let Some(i) = nearest_label(&own_n, rows.iter().map(|r| r.label)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(line),
                        &format!("applications.{}", rows[i].dotted()),
                        messages::nearest_row_label(&own.text, rows[i].label),
                    );
                    f.table_notes(Some(Table::Applications)).push(c);
                    candidates.push(i);
                }
            }
            // The 2019 edition's single （六）其他处理 row in a table whose edition splits it:
            // its figures go to the group's last row (3.其他), so that the totals stay right.
            if candidates.is_empty() && labels.len() <= 2 && has_figures {
                let last_of_group = (0..rows.len())
                    .rev()
                    .find(|&i| rows[i].group.is_some_and(|g| norm(g) == own_n));
                let untouched = |g: &str| {
                    (0..rows.len())
                        .filter(|&i| rows[i].group == Some(g))
                        .all(|i| !f.seen_apps[i])
                };
                if let Some(i) = last_of_group.filter(|&i| rows[i].group.is_some_and(untouched)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        Some(line),
                        &format!("applications.{}", rows[i].dotted()),
                        messages::single_row_of_2019(&own.text, &rows[i].full_label()),
                    );
                    f.table_notes(Some(Table::Applications)).push(c);
                    // The group's other rows are in it: not missing.
                    for j in (0..rows.len()).filter(|&j| j != i && rows[j].group == rows[i].group) {
                        f.seen_apps[j] = true;
                    }
                    candidates.push(i);
                }
            }
            let pick = match candidates.as_slice() {
                [one] => Some(*one),
                [] => None,
                many => many
                    .iter()
                    .copied()
                    .find(|&i| rows[i].group == st.group)
                    .or(Some(many[0])),
            };
            if let Some(i) = pick {
                st.table = Some(Table::Applications);
                if rows[i].group.is_none() {
                    st.group = None;
                }
                self.app_row(i, &label_text, line, &figs, f);
                return;
            }
        }
        // A row of the other edition, or unknown.
        let of_other = f.edition.others().find(|o| {
            o.proactive_rows()
                .any(|(_, r)| label_matches(&own_n, r.label))
                || o.application_rows()
                    .iter()
                    .any(|r| label_matches(&own_n, r.label))
        });
        let msg = if let Some(other) = of_other {
            messages::row_of_other_edition(&label_text, other, f.edition, &texts(&figs))
        } else if has_figures {
            messages::unknown_row_label(&label_text, &texts(&figs))
        } else {
            messages::neither_header_nor_row(&label_text)
        };
        let path = st.table.or(section_table).map_or("", Table::key);
        let c = self.flag(Code::ImportUnplaced, Some(line), path, msg);
        f.table_notes(st.table.or(section_table)).push(c);
    }

    /// Drops empty cells at the end beyond the expected count (grids padded on the right).
    pub(super) fn trim_figures<'c>(figs: &[&'c Cell], want: usize) -> Vec<&'c Cell> {
        let mut v = figs.to_vec();
        while v.len() > want && v.last().is_some_and(|c| c.text.trim().is_empty()) {
            v.pop();
        }
        v
    }

    pub(super) fn slot<'c>(c: &'c Cell) -> Slot<'c> {
        let t = c.text.trim();
        if c.inherited {
            Slot::Merged(t)
        } else if t.is_empty() {
            Slot::Blank
        } else if let Some(f) = parse_figure(t) {
            Slot::Fig(f)
        } else {
            Slot::Mark(t)
        }
    }

    pub(super) fn proactive_row(
        &mut self,
        idx: usize,
        label: &Cell,
        figs: &[&Cell],
        f: &mut Found,
    ) {
        let (block, prow) = f.edition.proactive_rows().nth(idx).expect("a row");
        let path = format!("proactive.{}", prow.key);
        let n = block.columns.len();
        let figs = Self::trim_figures(figs, n);
        if f.seen_proactive[idx] {
            let first = f.proactive[idx].as_ref().map_or(label.line, |r| r.line);
            let c = self.flag(
                Code::ImportUnplaced,
                Some(label.line),
                &path,
                messages::row_repeated(prow.label, first),
            );
            f.unplaced[0].push(c);
            return;
        }
        f.seen_proactive[idx] = true;
        if figs.len() != n {
            let columns: Vec<&str> = block.columns.iter().map(|c| c.label).collect();
            let c = self.flag(
                Code::ImportUnplaced,
                Some(label.line),
                &path,
                messages::proactive_figure_count(
                    prow.label,
                    &texts(&figs),
                    &columns,
                    figs.iter().any(|c| c.inherited),
                ),
            );
            f.unplaced[0].push(c);
            return;
        }
        let mut out = PRow {
            cells: Vec::new(),
            checks: Vec::new(),
            infos: Vec::new(),
            line: label.line,
        };
        for (col, cell) in block.columns.iter().zip(&figs) {
            let what = format!("{} · {}", prow.label, col.label);
            let v =
                self.proactive_value(col, cell, &what, &format!("{path}.{}", col.key), &mut out);
            out.cells.push(format!("{}: {v}", col.key));
        }
        f.proactive[idx] = Some(out);
    }

    pub(super) fn proactive_value(
        &mut self,
        col: &Column,
        cell: &Cell,
        what: &str,
        path: &str,
        out: &mut PRow,
    ) -> String {
        let line = Some(cell.line);
        let f = match Self::slot(cell) {
            Slot::Fig(f) => f,
            other => {
                let c = self.blank_check(&other, what, path, line);
                out.checks.push(c);
                return "0".into();
            }
        };
        let value = match col.kind {
            ValueKind::Count | ValueKind::Change => {
                if f.frac.is_some() || (col.kind == ValueKind::Count && f.neg) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        messages::not_whole_number(what, &cell.text, col.kind == ValueKind::Count),
                    );
                    out.checks.push(c);
                }
                if f.unit.is_some_and(|u| MONEY.contains(&u)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        messages::money_in_count(what, &cell.text),
                    );
                    out.checks.push(c);
                }
                match (col.kind, f.plus) {
                    (ValueKind::Change, true) => format!("+{}", f.number()),
                    _ => f.number(),
                }
            }
            ValueKind::Amount => {
                if f.neg {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        messages::amount_below_zero(what, &cell.text),
                    );
                    out.checks.push(c);
                }
                let frac = f.frac.clone().unwrap_or_default();
                match f.unit {
                    Some("万元") => f.number(),
                    Some("元") => {
                        let v = format!(
                            "{}{}",
                            if f.neg { "-" } else { "" },
                            shift_left(&f.int, &frac, 4)
                        );
                        out.infos.push(messages::converted_from_yuan(&cell.text));
                        v
                    }
                    Some("亿元") => {
                        let v = format!(
                            "{}{}",
                            if f.neg { "-" } else { "" },
                            shift_right(&f.int, &frac, 4)
                        );
                        out.infos.push(messages::converted_from_yi(&cell.text));
                        v
                    }
                    Some(u) => {
                        let c = self.flag(
                            Code::ImportUnplaced,
                            line,
                            path,
                            messages::not_money_unit(what, &cell.text, u),
                        );
                        out.checks.push(c);
                        f.number()
                    }
                    None => {
                        if col.unit_in_cell.is_some() {
                            let c = self.flag(
                                Code::ImportUnplaced,
                                line,
                                path,
                                messages::amount_without_unit(what, &cell.text),
                            );
                            out.checks.push(c);
                        }
                        f.number()
                    }
                }
            }
        };
        match &f.note {
            Some(note) => format!("{{value: {value}, note: {}}}", yaml_scalar(note, true)),
            None => value,
        }
    }

    pub(super) fn blank_check(
        &mut self,
        s: &Slot,
        what: &str,
        path: &str,
        line: Option<usize>,
    ) -> String {
        let msg = match s {
            Slot::Blank => messages::blank_cell(what),
            Slot::Mark(t) => messages::marked_cell(what, t),
            Slot::Merged(t) => messages::merged_cell(what, t),
            Slot::Fig(_) => unreachable!("a figure is not blank"),
        };
        self.flag(Code::ImportUnplaced, line, path, msg)
    }

    /// A count of table 三 or 四; notes and units are not part of the format there.
    pub(super) fn count_value(
        &mut self,
        cell: &Cell,
        what: &str,
        path: &str,
        checks: &mut Vec<String>,
    ) -> String {
        let line = Some(cell.line);
        match Self::slot(cell) {
            Slot::Fig(f) => {
                if f.neg || f.frac.is_some() || f.unit.is_some_and(|u| MONEY.contains(&u)) {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        messages::not_a_count(what, &cell.text),
                    );
                    checks.push(c);
                }
                if let Some(note) = &f.note {
                    let c = self.flag(
                        Code::ImportUnplaced,
                        line,
                        path,
                        messages::note_dropped(what, note),
                    );
                    checks.push(c);
                }
                f.number()
            }
            other => {
                let c = self.blank_check(&other, what, path, line);
                checks.push(c);
                "0".into()
            }
        }
    }

    pub(super) fn app_row(
        &mut self,
        i: usize,
        label_text: &str,
        line: usize,
        figs: &[&Cell],
        f: &mut Found,
    ) {
        let desc = &f.edition.application_rows()[i];
        let path = format!("applications.{}", desc.dotted());
        let figs = Self::trim_figures(figs, 7);
        if f.seen_apps[i] {
            let first = f.apps[i].as_ref().map_or(line, |r| r.line);
            let c = self.flag(
                Code::ImportUnplaced,
                Some(line),
                &path,
                messages::row_repeated(label_text, first),
            );
            f.unplaced[1].push(c);
            return;
        }
        f.seen_apps[i] = true;
        let mut checks = Vec::new();
        let mut figs = figs;
        let mut blank_total = false;
        // A blank 总计 was not printed (some reports leave the column blank): left out, and
        // computed by xxgk, never read as 0.
        if figs.len() == 7 && figs[6].text.trim().is_empty() && !figs[6].inherited {
            figs.truncate(6);
            blank_total = true;
            let c = self.flag(
                Code::ImportUnplaced,
                Some(line),
                &path,
                messages::blank_total(label_text),
            );
            checks.push(c);
        }
        match figs.len() {
            7 => {}
            6 if blank_total => {}
            6 => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    &path,
                    messages::six_figures(label_text),
                );
                checks.push(c);
            }
            _ => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    &path,
                    messages::application_figure_count(label_text, &texts(&figs)),
                );
                f.unplaced[1].push(c);
                return;
            }
        }
        let mut figures = Vec::new();
        for (ci, cell) in figs.iter().enumerate() {
            let what = format!("{} · {}", desc.label, format::applicant_column_label(ci));
            figures.push(self.count_value(cell, &what, &path, &mut checks));
        }
        f.apps[i] = Some(FRow {
            figures,
            checks,
            line,
        });
    }

    pub(super) fn outcome_row(&mut self, figs: &[&Cell], line: usize, f: &mut Found) {
        let figs = Self::trim_figures(figs, 15);
        if f.seen_outcomes {
            let c = self.flag(
                Code::ImportUnplaced,
                Some(line),
                "reconsideration",
                messages::outcomes_repeated(&texts(&figs)),
            );
            f.unplaced[2].push(c);
            return;
        }
        f.seen_outcomes = true;
        let per = match figs.len() {
            15 => 5,
            12 => 4,
            _ => {
                let c = self.flag(
                    Code::ImportUnplaced,
                    Some(line),
                    "reconsideration",
                    messages::outcome_figure_count(&texts(&figs)),
                );
                f.unplaced[2].push(c);
                return;
            }
        };
        let rows: [FRow; 3] = std::array::from_fn(|k| {
            let desc = &OUTCOME_ROWS[k];
            let path = desc.path.join(".");
            let mut checks = Vec::new();
            let figures = figs[k * per..(k + 1) * per]
                .iter()
                .enumerate()
                .map(|(ci, cell)| {
                    let what = format!("{} · {}", desc.full_label(), OUTCOME_COLUMNS[ci].1);
                    self.count_value(cell, &what, &path, &mut checks)
                })
                .collect();
            FRow {
                figures,
                checks,
                line,
            }
        });
        f.outcomes = Some(rows);
    }
}

/// The cells' texts as printed.
fn texts<'c>(cells: &[&'c Cell]) -> Vec<&'c str> {
    cells.iter().map(|c| c.text.as_str()).collect()
}

/// What the rows read so far say about the next one.
pub(super) struct RowState {
    table: Option<Table>,
    /// The group of table 三 the last row was in (`（三）不予公开`), for rows that do not repeat it.
    group: Option<&'static str>,
    structural: Vec<String>,
}

impl RowState {
    pub(super) fn saw_structure(&mut self, labels: &[String]) {
        let is = |l: &str| labels.iter().any(|x| x == &norm(l));
        if is(format::PROACTIVE_CONTENT_HEADER)
            || format::all()
                .iter()
                .any(|e| e.proactive().iter().any(|b| is(b.item)))
        {
            self.table = Some(Table::Proactive);
        } else if is(format::RECONSIDERATION_LABEL) || is(format::LITIGATION_LABEL) {
            self.table = Some(Table::Outcomes);
        } else if is(format::APPLICANT_HEADER)
            || is(format::APPLICATION_NOTE)
            || is(format::RESULTS_GROUP)
        {
            self.table = Some(Table::Applications);
        }
        for e in format::all() {
            for r in e.application_rows() {
                if let Some(g) = r.group {
                    if is(g) {
                        self.group = Some(g);
                        self.table = Some(Table::Applications);
                    }
                }
            }
        }
    }
}

/// The one label of `labels` nearest to a printed one (a typo, a dropped character), by edit
/// distance over characters: at most a quarter of its length (at least 2), and nearer than any
/// other; its item number (`2.`) must be the printed one's.
pub(super) fn nearest_label<'a>(
    printed: &str,
    labels: impl Iterator<Item = &'a str>,
) -> Option<usize> {
    let n = printed.chars().count();
    if n < 4 {
        return None;
    }
    let number = |s: &str| {
        s.chars()
            .take_while(|c| !c.is_alphabetic() || c.is_ascii_digit())
            .collect::<String>()
    };
    let mut scored: Vec<(usize, usize)> = labels
        .enumerate()
        .map(|(i, l)| {
            let l = norm(l);
            let d = if number(&l) == number(printed) {
                strsim::levenshtein(printed, &l)
            } else {
                usize::MAX
            };
            (d, i)
        })
        .collect();
    scored.sort_unstable();
    match scored.as_slice() {
        [(d, i), rest @ ..]
            if *d <= n.div_ceil(4).max(2) && rest.first().is_none_or(|(d2, _)| d2 > d) =>
        {
            Some(*i)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_label_takes_one_near_label_only() {
        let labels = [
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "2.重复申请",
            "3.其他",
        ];
        let at = |p: &str| nearest_label(&norm(p), labels.iter().copied());
        assert_eq!(at("2.其他法律行政止公开"), Some(1));
        assert_eq!(at("2、其他法律行政法规禁止公开"), Some(1));
        assert_eq!(at("3.其它"), Some(3));
        assert_eq!(at("2.其他法律"), None);
        assert_eq!(at("4.其他法律行政法规禁止公开"), None);
    }
}
