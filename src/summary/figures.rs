//! The figure columns of a summary, named by their YAML path and derived from the editions'
//! descriptions (`format::all()`): a new edition brings its own columns with no change here.

use crate::format::{self, APPLICANT_COLUMNS, AppRowRole, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS};
use crate::format::{TOTAL_KEY, ValueKind};
use crate::report::{Number, Report};

/// Where a column's figure is, in the report of one edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Table 二: the row's index in `edition.proactive_rows()`, the column's in its block.
    Proactive(usize, usize),
    /// Table 三: the row's index in `edition.application_rows()`, column 0..7 (6 = 总计).
    Application(usize, usize),
    /// Table 四: the outcome row 0..3, column 0..5 (4 = 总计).
    Outcome(usize, usize),
}

/// One figure column: its YAML path and what kind of figure it holds.
#[derive(Clone, Debug)]
pub struct Column {
    /// `applications.results.withheld.state_secret.total`, `proactive.fees.amount`, …
    pub path: String,
    pub kind: ValueKind,
}

/// The figure columns of every edition, and where each is in a report of each edition.
pub struct Columns {
    pub columns: Vec<Column>,
    /// By edition key: for each column, where it is in that edition's report (None: not there).
    places: Vec<(&'static str, Vec<Option<Place>>)>,
}

/// The figures of one edition, in printed order, with their places.
fn edition_columns(e: Edition) -> Vec<(Column, Place)> {
    let mut out = Vec::new();
    for (i, (block, row)) in e.proactive_rows().enumerate() {
        for (c, col) in block.columns.iter().enumerate() {
            out.push((
                Column {
                    path: format!("proactive.{}.{}", row.key, col.key),
                    kind: col.kind,
                },
                Place::Proactive(i, c),
            ));
        }
    }
    for (i, row) in e.application_rows().iter().enumerate() {
        let keys = APPLICANT_COLUMNS.iter().map(|c| c.0).chain([TOTAL_KEY]);
        for (c, key) in keys.enumerate() {
            out.push((
                Column {
                    path: format!("applications.{}.{key}", row.dotted()),
                    kind: ValueKind::Count,
                },
                Place::Application(i, c),
            ));
        }
    }
    for (i, row) in OUTCOME_ROWS.iter().enumerate() {
        for (c, (key, _)) in OUTCOME_COLUMNS.iter().enumerate() {
            out.push((
                Column {
                    path: format!("{}.{key}", row.path.join(".")),
                    kind: ValueKind::Count,
                },
                Place::Outcome(i, c),
            ));
        }
    }
    out
}

impl Columns {
    /// The union of every edition's columns: each edition's own in its printed order, a column
    /// only one edition has placed after the column before it in that edition.
    pub fn new() -> Columns {
        let mut columns: Vec<Column> = Vec::new();
        let editions = format::all();
        let per: Vec<Vec<(Column, Place)>> = editions.iter().map(|&e| edition_columns(e)).collect();
        for cols in &per {
            let mut at = 0;
            for (c, _) in cols {
                match columns.iter().position(|x| x.path == c.path) {
                    Some(i) => at = i + 1,
                    None => {
                        columns.insert(at, c.clone());
                        at += 1;
                    }
                }
            }
        }
        let places = editions
            .iter()
            .zip(&per)
            .map(|(e, cols)| {
                let of = columns
                    .iter()
                    .map(|c| cols.iter().find(|(x, _)| x.path == c.path).map(|(_, p)| *p))
                    .collect();
                (e.key(), of)
            })
            .collect();
        Columns { columns, places }
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    fn places(&self, e: Edition) -> Option<&[Option<Place>]> {
        self.places
            .iter()
            .find(|(k, _)| *k == e.key())
            .map(|(_, p)| p.as_slice())
    }

    /// Every figure of `r` by column (None where its edition has no such figure), totals
    /// computed where the file leaves them out. Amounts are in millionths of 万元.
    pub fn values(&self, r: &Report) -> Vec<Option<i128>> {
        let Some(places) = self.places(r.edition) else {
            return vec![None; self.len()];
        };
        let app_rows = r.edition.application_rows();
        let outcomes = r.outcomes().map(|o| o.figures());
        places
            .iter()
            .map(|p| {
                Some(match (*p)? {
                    Place::Proactive(row, col) => match &r.proactive.get(row)?.get(col)?.value {
                        Number::Count(n) => *n as i128,
                        Number::Change(n) => *n as i128,
                        Number::Amount { micros, .. } => *micros as i128,
                    },
                    Place::Application(row, col) => r
                        .applications
                        .printed(&app_rows[row], &r.applications.rows[row])[col]
                        as i128,
                    Place::Outcome(row, col) => outcomes[row][col] as i128,
                })
            })
            .collect()
    }

    /// The figures of `edition` written back as a file's tables: the input of the aggregate.
    /// `sums` is by column, as [`Columns::values`] gives them.
    pub fn fill(&self, edition: Edition, sums: &[i128]) -> crate::author::scaffold::Fill {
        let mut fill = crate::author::scaffold::Fill::zeros(edition);
        let Some(places) = self.places(edition) else {
            return fill;
        };
        let rows = edition.application_rows();
        for ((p, &v), c) in places.iter().zip(sums).zip(&self.columns) {
            match *p {
                Some(Place::Proactive(row, col)) => {
                    fill.proactive[row][col] = text(c.kind, v);
                }
                Some(Place::Application(row, col))
                    if col < 6 && rows[row].role != AppRowRole::ResultsTotal =>
                {
                    fill.applications[row][col] = v.max(0) as u64;
                }
                Some(Place::Outcome(row, col)) if col < 4 => {
                    fill.outcomes[row][col] = v.max(0) as u64;
                }
                _ => {}
            }
        }
        fill
    }
}

impl Default for Columns {
    fn default() -> Self {
        Columns::new()
    }
}

/// A figure as written in YAML and CSV: amounts (millionths of 万元) as decimals without
/// trailing zeros, the rest as whole numbers.
pub fn text(kind: ValueKind, v: i128) -> String {
    match kind {
        ValueKind::Amount => {
            let (sign, v) = if v < 0 { ("-", -v) } else { ("", v) };
            let (whole, frac) = (v / 1_000_000, v % 1_000_000);
            if frac == 0 {
                format!("{sign}{whole}")
            } else {
                let f = format!("{frac:06}");
                format!("{sign}{whole}.{}", f.trim_end_matches('0'))
            }
        }
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edition_has_its_columns_in_order_and_names_are_unique() {
        let c = Columns::new();
        let mut names: Vec<&str> = c.columns.iter().map(|c| c.path.as_str()).collect();
        for e in format::all() {
            let own: Vec<String> = edition_columns(e)
                .into_iter()
                .map(|(c, _)| c.path)
                .collect();
            let pos: Vec<usize> = own
                .iter()
                .map(|p| names.iter().position(|n| n == p).unwrap())
                .collect();
            assert!(pos.windows(2).all(|w| w[0] < w[1]), "{e:?} in order");
        }
        assert!(names.contains(&"applications.new.total"));
        assert!(names.contains(&"applications.results.withheld.state_secret.total"));
        assert!(names.contains(&"reconsideration.total"));
        assert!(names.contains(&"litigation.after_reconsideration.corrected"));
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn amounts_print_as_decimals() {
        assert_eq!(text(ValueKind::Amount, 363_620_000), "363.62");
        assert_eq!(text(ValueKind::Amount, 5_000_000), "5");
        assert_eq!(text(ValueKind::Amount, 1), "0.000001");
        assert_eq!(text(ValueKind::Change, -3), "-3");
    }
}
