//! A report as loaded: every figure with where it was written.

use crate::format::{AppRow, AppRowRole, Edition};
use crate::util::Span;
use serde::Serialize;

mod date;
mod text;

pub use date::Date;
pub use text::{Paragraph, Text, clean_text};

/// Which deadline of 条例 第四十九条 applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Departments and townships: 31 January.
    Department,
    /// A county-level-or-higher local government's own report: 31 March.
    Government,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Department => "department",
            Kind::Government => "government",
        }
    }

    /// The last day of publication for a report on `year`.
    pub fn deadline(self, year: i32) -> Date {
        match self {
            Kind::Department => Date {
                year: year + 1,
                month: 1,
                day: 31,
            },
            Kind::Government => Date {
                year: year + 1,
                month: 3,
                day: 31,
            },
        }
    }
}

/// A figure of table 二.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Count(u64),
    Change(i64),
    /// 万元, kept as written; `micros` is the value in millionths for arithmetic.
    Amount {
        text: String,
        micros: u128,
    },
}

impl Number {
    /// The figure as printed in the table: changes with their sign, amounts as written.
    pub fn display(&self) -> String {
        match self {
            Number::Count(n) => n.to_string(),
            Number::Change(n) if *n > 0 => format!("+{n}"),
            Number::Change(n) => n.to_string(),
            Number::Amount { text, .. } => text.clone(),
        }
    }

    pub fn as_i128(&self) -> i128 {
        match self {
            Number::Count(n) => *n as i128,
            Number::Change(n) => *n as i128,
            Number::Amount { micros, .. } => *micros as i128 / 1_000_000,
        }
    }
}

/// One cell of table 二: a figure, maybe with a note (`4（其中一件失效）`).
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub value: Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A whole number with where it was written (None when left out, counting as 0).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Count {
    pub value: u64,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A row of table 三: six applicant columns and the 总计 as given (if it was).
#[derive(Clone, Debug, Default)]
pub struct AppRowData {
    pub cells: [Count; 6],
    pub total: Option<Count>,
    /// Where the row was written (None when it was left out).
    pub span: Option<Span>,
}

impl AppRowData {
    /// The sum of the six applicant columns.
    pub fn sum(&self) -> u64 {
        self.cells.iter().map(|c| c.value).sum()
    }

    /// Column `i` of the seven (6 = 总计, computed when not given).
    pub fn column(&self, i: usize) -> u64 {
        if i < 6 {
            self.cells[i].value
        } else {
            self.total.map_or(self.sum(), |t| t.value)
        }
    }

    /// The seven printed figures.
    pub fn figures(&self) -> [u64; 7] {
        std::array::from_fn(|i| self.column(i))
    }
}

/// Table 三, one entry per row of `edition.application_rows()`, in that order.
#[derive(Clone, Debug)]
pub struct Applications {
    pub edition: Edition,
    pub rows: Vec<AppRowData>,
    pub span: Option<Span>,
}

impl Applications {
    pub fn empty(edition: Edition) -> Self {
        Applications {
            edition,
            rows: vec![AppRowData::default(); edition.application_rows().len()],
            span: None,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = (&'static AppRow, &AppRowData)> {
        self.edition.application_rows().iter().zip(&self.rows)
    }

    pub fn row(&self, dotted: &str) -> &AppRowData {
        let i = self
            .edition
            .application_rows()
            .iter()
            .position(|r| r.path.iter().copied().eq(dotted.split('.')));
        &self.rows[i.unwrap_or_else(|| panic!("no row {dotted} in edition {}", self.edition.key()))]
    }

    /// The given （七）总计 row, if the clerk wrote one.
    pub fn results_total_row(&self) -> &AppRowData {
        self.row("results.total")
    }

    /// The sum of every result row, per column (7 columns).
    pub fn results_sum(&self) -> [u64; 7] {
        let mut sum = [0u64; 7];
        for (desc, row) in self.rows() {
            if desc.role == AppRowRole::Result {
                for (i, s) in sum.iter_mut().enumerate() {
                    *s += row.column(i);
                }
            }
        }
        sum
    }

    /// （七）总计 as printed: as given where given, else computed.
    pub fn results_total(&self) -> [u64; 7] {
        let given = self.results_total_row();
        let computed = self.results_sum();
        std::array::from_fn(|i| {
            if given.span.is_some() {
                if i < 6 {
                    given.cells[i].value
                } else {
                    given.total.map_or(given.sum(), |t| t.value)
                }
            } else {
                computed[i]
            }
        })
    }

    /// The seven printed figures of a row, （七）总计 included.
    pub fn printed(&self, desc: &AppRow, row: &AppRowData) -> [u64; 7] {
        if desc.role == AppRowRole::ResultsTotal {
            self.results_total()
        } else {
            row.figures()
        }
    }
}

/// An outcome row of table 四.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// upheld, corrected, other, pending.
    pub cells: [Count; 4],
    pub total: Option<Count>,
    pub span: Option<Span>,
}

impl Outcome {
    pub fn sum(&self) -> u64 {
        self.cells.iter().map(|c| c.value).sum()
    }

    /// The five printed figures (总计 as given, else computed).
    pub fn figures(&self) -> [u64; 5] {
        let t = self.total.map_or(self.sum(), |t| t.value);
        [
            self.cells[0].value,
            self.cells[1].value,
            self.cells[2].value,
            self.cells[3].value,
            t,
        ]
    }
}

/// One report, as loaded from one file.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file, as named on the command line or found under a folder.
    pub file: String,
    pub year: i32,
    pub year_span: Option<Span>,
    pub agency: String,
    pub edition: Edition,
    /// Where `edition` was written, if it was.
    pub edition_span: Option<Span>,
    pub kind: Kind,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub published_span: Option<Span>,
    pub preface: Option<Text>,
    pub overview: Text,
    /// Table 二: for each row of `edition.proactive_rows()`, its cells in column order.
    pub proactive: Vec<Vec<Cell>>,
    pub applications: Applications,
    pub reconsideration: Outcome,
    pub litigation_direct: Outcome,
    pub litigation_after: Outcome,
    pub problems: Text,
    pub other_matters: Text,
}

impl Report {
    /// The title as printed: as given, or `{year}年{agency}政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("{}年{}政府信息公开工作年度报告", self.year, self.agency))
    }

    /// The outcome rows of table 四 in printed order.
    pub fn outcomes(&self) -> [&Outcome; 3] {
        [
            &self.reconsideration,
            &self.litigation_direct,
            &self.litigation_after,
        ]
    }

    /// The cells of a proactive row by key (empty if the key is not of this edition).
    pub fn proactive_row(&self, key: &str) -> Option<&[Cell]> {
        self.edition
            .proactive_rows()
            .position(|(_, r)| r.key == key)
            .map(|i| self.proactive[i].as_slice())
    }

    /// A proactive figure by row and column key.
    pub fn proactive_value(&self, row: &str, column: &str) -> Option<&Cell> {
        let (block, _) = self.edition.proactive_row(row)?;
        let ci = block.columns.iter().position(|c| c.key == column)?;
        self.proactive_row(row)?.get(ci)
    }

    /// How many days after the deadline of 条例 第四十九条 the report was published, if it was late.
    pub fn late_days(&self) -> Option<i64> {
        let p = self.published?;
        let deadline = self.kind.deadline(self.year);
        (p > deadline && self.year != 0).then(|| p.to_days() - deadline.to_days())
    }

    /// The date of publication, or 31 December of the year: fixes the PDF's timestamp.
    pub fn date_for_metadata(&self) -> Date {
        self.published.unwrap_or(Date {
            year: self.year,
            month: 12,
            day: 31,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_the_format_asks() {
        assert_eq!(Number::Change(1).display(), "+1");
        assert_eq!(Number::Change(-2).display(), "-2");
        assert_eq!(Number::Change(0).display(), "0");
        assert_eq!(
            Number::Amount {
                text: "363.62".into(),
                micros: 363_620_000
            }
            .display(),
            "363.62"
        );
    }
}
