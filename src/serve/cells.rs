//! Which table cell a diagnostic is about, as the served page draws it: the grid, the row (in
//! the order of the `<tr>` of its table) and the cell within the row (in the order of its
//! `<td>`/`<th>`). Found from the diagnostic's YAML path (which table) and its official labels
//! (the row's labels and the column's headers), on the same grids the HTML is drawn from, so
//! nothing has to be added to the pages `build` writes.

use crate::Diagnostic;
use crate::render::{self, CellRole, Grid, RowKind};
use crate::report::Report;

/// One cell of one table of the report page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    /// The grid's id: the table has the class `grid-{id}`.
    pub grid: &'static str,
    pub row: usize,
    pub cell: usize,
}

/// The grid a YAML path's figures are drawn in.
fn grid_of(path: &str, report: &Report) -> Option<Grid> {
    match path.split('.').next()? {
        "proactive" => Some(render::proactive_grid(report)),
        "applications" => Some(render::applications_grid(report)),
        "reconsideration" | "litigation" => Some(render::outcomes_grid(report)),
        _ => None,
    }
}

/// The figure cells of `report`'s tables that `d` is about: those whose row labels and column
/// headers include every label of `d` (after the table's own title). A diagnostic that names
/// only one label (a whole column, a balance across rows) marks a cell only when that label
/// picks out one.
pub fn locate(report: &Report, d: &Diagnostic) -> Vec<CellRef> {
    let Some(grid) = grid_of(&d.path, report) else {
        return Vec::new();
    };
    let wanted: Vec<&str> = d.labels.iter().skip(1).map(String::as_str).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let Ok(at) = render::resolve(&grid) else {
        return Vec::new();
    };
    let text = |(r, i): (usize, usize)| grid.rows[r].cells[i].text.as_str();
    let role = |(r, i): (usize, usize)| grid.rows[r].cells[i].role;
    let mut found = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        if row.kind != RowKind::Body {
            continue;
        }
        for c in 0..grid.columns {
            let here = at[r][c];
            // A cell once, at its top-left corner.
            if here.0 != r || (c > 0 && at[r][c - 1] == here) || role(here) != CellRole::Figure {
                continue;
            }
            // The labels to its left in its row, the headers above it in its block.
            let mut names: Vec<&str> = (0..c)
                .map(|c2| at[r][c2])
                .filter(|&p| role(p) == CellRole::Label)
                .map(text)
                .collect();
            for h in (0..r).rev() {
                match grid.rows[h].kind {
                    RowKind::Header => names.push(text(at[h][c])),
                    RowKind::Section => break,
                    RowKind::Body => {}
                }
            }
            if wanted.iter().all(|w| names.contains(w)) {
                found.push(CellRef {
                    grid: grid.id,
                    row: r,
                    cell: here.1,
                });
            }
        }
    }
    if wanted.len() < 2 && found.len() > 1 {
        found.clear();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::load::load_str;

    fn report_and_diags(src: &str) -> (Report, Vec<Diagnostic>) {
        let loaded = load_str(src, "t.yaml");
        let report = loaded.report.expect("loads");
        let diags = crate::check::rules::check_report(&report);
        (report, diags)
    }

    const YAML: &str = include_str!("../../inputs/2023/example-county-government.yaml");

    #[test]
    fn a_wrong_row_total_marks_its_cell() {
        let src = YAML.replace(
            "new: [61, 14, 0, 1, 7, 3, 86]",
            "new: [61, 14, 0, 1, 7, 3, 87]",
        );
        let (report, diags) = report_and_diags(&src);
        let d = diags
            .iter()
            .find(|d| d.code.as_str() == "row-total")
            .expect("row-total");
        let cells = locate(&report, d);
        // Row 3 of table 三 (after three header rows): its label, then seven figures; 总计 last.
        assert_eq!(
            cells,
            vec![CellRef {
                grid: "applications",
                row: 3,
                cell: 7
            }]
        );
        let grid = render::applications_grid(&report);
        assert_eq!(grid.rows[3].cells[7].text, "87");
    }

    #[test]
    fn a_wrong_outcome_total_marks_its_cell() {
        let src = YAML.replace(
            "reconsideration: [5, 2, 3, 1, 11]",
            "reconsideration: [5, 2, 3, 1, 12]",
        );
        let (report, diags) = report_and_diags(&src);
        let d = diags
            .iter()
            .find(|d| d.path.starts_with("reconsideration"))
            .expect("a diagnostic on 行政复议");
        let cells = locate(&report, d);
        assert_eq!(cells.len(), 1, "{d:?}");
        let grid = render::outcomes_grid(&report);
        let c = &cells[0];
        assert_eq!(grid.rows[c.row].cells[c.cell].text, "12");
    }

    #[test]
    fn a_diagnostic_outside_the_tables_marks_nothing() {
        let (report, _) = report_and_diags(YAML);
        let d = Diagnostic::new(
            crate::Code::ALL[0],
            "t.yaml",
            None,
            "overview",
            String::new(),
            String::new(),
        );
        assert!(locate(&report, &d).is_empty());
    }
}
