//! `summary.csv` (UTF-8 with a BOM, so that Excel reads it as UTF-8) and `summary.xlsx` (a sheet
//! of every report, then one a year; the header frozen, widths and number formats set), both
//! written a row at a time: the workbook's sheets are in `rust_xlsxwriter`'s constant-memory
//! mode, which keeps each sheet in a temporary file until the workbook is saved.

use super::figures::{Columns, text};
use super::row::{Row, SummaryError, write_error};
use crate::format::ValueKind;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The columns before the figures.
pub const CSV_HEAD: [&str; 9] = [
    "file",
    "agency",
    "year",
    "edition",
    "kind",
    "published",
    "late",
    "errors",
    "warnings",
];

/// The sheet of every report.
const ALL_SHEET: &str = "全部";

pub(super) struct Writers<'a> {
    columns: &'a Columns,
    grouped: bool,
    csv_path: PathBuf,
    csv: tempfile::NamedTempFile,
    csv_out: BufWriter<std::fs::File>,
    xlsx_path: PathBuf,
    book: Workbook,
    /// The sheets by name (全部 first, then the years as they come) and their next row.
    sheets: Vec<(String, u32)>,
    formats: Formats,
}

struct Formats {
    head: Format,
    count: Format,
    change: Format,
    amount: Format,
    marked: Format,
}

fn xlsx_error(path: &Path) -> impl Fn(XlsxError) -> SummaryError + '_ {
    move |e| write_error(path)(e.to_string())
}

impl<'a> Writers<'a> {
    pub(super) fn new(
        dir: &Path,
        columns: &'a Columns,
        grouped: bool,
    ) -> Result<Writers<'a>, SummaryError> {
        let csv_path = dir.join("summary.csv");
        let err = |e: std::io::Error| write_error(&csv_path)(e.to_string());
        let csv = tempfile::Builder::new()
            .prefix(".summary.csv.")
            .tempfile_in(dir)
            .map_err(err)?;
        let csv_out = BufWriter::new(csv.reopen().map_err(err)?);
        let xlsx_path = dir.join("summary.xlsx");
        let mut book = Workbook::new();
        book.set_tempdir(dir).map_err(xlsx_error(&xlsx_path))?;
        let formats = Formats {
            head: Format::new()
                .set_bold()
                .set_background_color("#E8EEF4")
                .set_align(FormatAlign::Center),
            count: Format::new().set_num_format("0"),
            change: Format::new().set_num_format("+0;-0;0"),
            amount: Format::new().set_num_format("0.00####"),
            marked: Format::new().set_font_color("#B00020").set_bold(),
        };
        let mut w = Writers {
            columns,
            grouped,
            csv_path,
            csv,
            csv_out,
            xlsx_path,
            book,
            sheets: Vec::new(),
            formats,
        };
        let head = w.head();
        let line = head.iter().map(|h| csv_field(h)).collect::<Vec<_>>();
        w.csv_out
            .write_all(b"\xEF\xBB\xBF")
            .and_then(|_| writeln!(w.csv_out, "{}", line.join(",")))
            .map_err(|e| write_error(&w.csv_path)(e.to_string()))?;
        w.sheet(ALL_SHEET)?;
        Ok(w)
    }

    fn head(&self) -> Vec<String> {
        let mut head: Vec<String> = CSV_HEAD.iter().map(|s| s.to_string()).collect();
        if self.grouped {
            head.push("group".into());
        }
        head.extend(self.columns.columns.iter().map(|c| c.path.clone()));
        head
    }

    /// The index of the sheet `name`, made (with its header) when first asked for.
    fn sheet(&mut self, name: &str) -> Result<usize, SummaryError> {
        if let Some(i) = self.sheets.iter().position(|(n, _)| n == name) {
            return Ok(i);
        }
        let head = self.head();
        let kinds: Vec<ValueKind> = self.columns.columns.iter().map(|c| c.kind).collect();
        let fixed = CSV_HEAD.len() + usize::from(self.grouped);
        let err = xlsx_error(&self.xlsx_path);
        let ws = self.book.add_worksheet_with_constant_memory();
        ws.set_name(name).map_err(&err)?;
        let widths = [34.0, 28.0, 7.0, 8.0, 12.0, 12.0, 6.0, 7.0, 9.0, 16.0];
        for (c, h) in head.iter().enumerate() {
            let width = if c < fixed {
                widths[c.min(widths.len() - 1)]
            } else {
                (h.len() as f64 * 0.9).clamp(12.0, 40.0)
            };
            let format = match kinds.get(c.wrapping_sub(fixed)) {
                Some(_) if c < fixed => None,
                Some(ValueKind::Amount) => Some(&self.formats.amount),
                Some(ValueKind::Change) => Some(&self.formats.change),
                Some(ValueKind::Count) => Some(&self.formats.count),
                None => None,
            };
            ws.set_column_width(c as u16, width).map_err(&err)?;
            if let Some(f) = format {
                ws.set_column_format(c as u16, f).map_err(&err)?;
            }
            ws.write_string_with_format(0, c as u16, h, &self.formats.head)
                .map_err(&err)?;
        }
        ws.set_freeze_panes(1, 2).map_err(&err)?;
        self.sheets.push((name.to_string(), 1));
        Ok(self.sheets.len() - 1)
    }

    /// Writes one report's row: to the CSV, the sheet of all and the sheet of its year.
    pub(super) fn push(&mut self, row: &Row) -> Result<(), SummaryError> {
        let mut cells: Vec<String> = vec![
            row.file.clone(),
            row.agency.clone(),
            if row.year == 0 {
                String::new()
            } else {
                row.year.to_string()
            },
            row.edition.map_or("", |e| e.key()).to_string(),
            row.kind.to_string(),
            row.published.clone().unwrap_or_default(),
            if row.late { "是" } else { "否" }.to_string(),
            row.errors.to_string(),
            row.warnings.to_string(),
        ];
        if self.grouped {
            cells.push(row.group.clone());
        }
        let fixed = cells.len();
        let mut line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        for (v, c) in row.values.iter().zip(&self.columns.columns) {
            line.push(v.map(|v| text(c.kind, v)).unwrap_or_default());
        }
        writeln!(self.csv_out, "{}", line.join(","))
            .map_err(|e| write_error(&self.csv_path)(e.to_string()))?;
        let mut targets = vec![0];
        if row.year != 0 {
            targets.push(self.sheet(&row.year.to_string())?);
        }
        let err = xlsx_error(&self.xlsx_path);
        for t in targets {
            let r = self.sheets[t].1;
            self.sheets[t].1 += 1;
            let ws: &mut Worksheet = self.book.worksheet_from_index(t).map_err(&err)?;
            for (c, s) in cells.iter().enumerate() {
                let c = c as u16;
                match c {
                    // year, errors, warnings are numbers.
                    2 | 7 | 8 if !s.is_empty() => {
                        let n: f64 = s.parse().unwrap_or(0.0);
                        if c == 7 && n > 0.0 {
                            ws.write_number_with_format(r, c, n, &self.formats.marked)
                                .map_err(&err)?;
                        } else {
                            ws.write_number(r, c, n).map_err(&err)?;
                        }
                    }
                    _ if s.is_empty() => {}
                    _ => {
                        ws.write_string(r, c, s).map_err(&err)?;
                    }
                }
            }
            for (i, (v, col)) in row.values.iter().zip(&self.columns.columns).enumerate() {
                let Some(v) = v else { continue };
                let n = match col.kind {
                    ValueKind::Amount => *v as f64 / 1_000_000.0,
                    _ => *v as f64,
                };
                ws.write_number(r, (fixed + i) as u16, n).map_err(&err)?;
            }
        }
        Ok(())
    }

    /// Saves both files, each atomically: a temporary file renamed into place.
    pub(super) fn finish(mut self) -> Result<(), SummaryError> {
        let csv_err = |e: std::io::Error| write_error(&self.csv_path)(e.to_string());
        self.csv_out.flush().map_err(csv_err)?;
        drop(self.csv_out);
        let dir = self.xlsx_path.parent().unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".summary.xlsx.")
            .tempfile_in(dir)
            .map_err(|e| write_error(&self.xlsx_path)(e.to_string()))?;
        self.book
            .save(tmp.path())
            .map_err(xlsx_error(&self.xlsx_path))?;
        crate::util::output::publish(tmp, &self.xlsx_path)
            .map_err(|e| write_error(&self.xlsx_path)(e.to_string()))?;
        crate::util::output::publish(self.csv, &self.csv_path)
            .map_err(|e| write_error(&self.csv_path)(e.to_string()))?;
        Ok(())
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break; a text that a spreadsheet
/// would take for a formula (`=`, `+`, `-`, `@`) gets a leading `'`, so it stays text.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("示例县"), "示例县");
    }
}
