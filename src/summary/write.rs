//! `summary.csv` (UTF-8 with a BOM, so that Excel reads it as UTF-8) and `summary.xlsx` (a sheet
//! of every report, then one a year; the header frozen, widths and number formats set), both
//! written a row at a time: the workbook's sheets are in `rust_xlsxwriter`'s constant-memory
//! mode, which keeps each sheet in a temporary file until the workbook is saved. The sheet of
//! every report and the sheets of the years are independent, so two threads can fill them.

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

/// The header of both files: the fixed columns, `group` when grouped, the figures' paths.
fn head(columns: &Columns, grouped: bool) -> Vec<String> {
    let mut head: Vec<String> = CSV_HEAD.iter().map(|s| s.to_string()).collect();
    if grouped {
        head.push("group".into());
    }
    head.extend(columns.columns.iter().map(|c| c.path.clone()));
    head
}

/// A row's cells before the figures, as text (both files show them alike).
fn fixed_cells(row: &Row, grouped: bool) -> Vec<String> {
    let mut cells = vec![
        row.file.clone(),
        row.agency.clone(),
        if row.year == 0 {
            String::new()
        } else {
            row.year.to_string()
        },
        row.edition.map_or("", |e| e.key()).to_string(),
        row.kind.clone(),
        row.published.clone().unwrap_or_default(),
        if row.late { "是" } else { "否" }.to_string(),
        row.errors.to_string(),
        row.warnings.to_string(),
    ];
    if grouped {
        cells.push(row.group.clone());
    }
    cells
}

/// `summary.csv`, written to a temporary file and renamed into place by [`Csv::finish`].
pub(super) struct Csv<'a> {
    columns: &'a Columns,
    grouped: bool,
    path: PathBuf,
    file: tempfile::NamedTempFile,
    out: BufWriter<std::fs::File>,
}

impl<'a> Csv<'a> {
    pub(super) fn new(
        dir: &Path,
        columns: &'a Columns,
        grouped: bool,
    ) -> Result<Csv<'a>, SummaryError> {
        let path = dir.join("summary.csv");
        let err = write_error(&path);
        let file = tempfile::Builder::new()
            .prefix(".summary.csv.")
            .tempfile_in(dir)
            .map_err(&err)?;
        let mut out = BufWriter::new(file.reopen().map_err(&err)?);
        let line: Vec<String> = head(columns, grouped)
            .iter()
            .map(|h| csv_field(h))
            .collect();
        out.write_all(b"\xEF\xBB\xBF")
            .and_then(|_| writeln!(out, "{}", line.join(",")))
            .map_err(&err)?;
        drop(err);
        Ok(Csv {
            columns,
            grouped,
            path,
            file,
            out,
        })
    }

    pub(super) fn push(&mut self, row: &Row) -> Result<(), SummaryError> {
        let mut line: Vec<String> = fixed_cells(row, self.grouped)
            .iter()
            .map(|c| csv_field(c))
            .collect();
        for (v, c) in row.values.iter().zip(&self.columns.columns) {
            line.push(v.map(|v| text(c.kind, v)).unwrap_or_default());
        }
        writeln!(self.out, "{}", line.join(",")).map_err(write_error(&self.path))
    }

    pub(super) fn finish(mut self) -> Result<(), SummaryError> {
        self.out.flush().map_err(write_error(&self.path))?;
        drop(self.out);
        crate::util::output::publish(self.file, &self.path).map_err(write_error(&self.path))
    }
}

struct Formats {
    head: Format,
    change: Format,
    amount: Format,
    marked: Format,
}

fn xlsx_error(path: &Path) -> impl Fn(XlsxError) -> SummaryError + '_ {
    move |e| match e {
        XlsxError::IoError(io) => write_error(path)(io),
        e => write_error(path)(std::io::Error::other(e.to_string())),
    }
}

/// `summary.xlsx`: the sheet of every report, then one per year in the order given.
pub(super) struct Book<'a> {
    columns: &'a Columns,
    grouped: bool,
    path: PathBuf,
    book: Workbook,
    years: Vec<i32>,
    formats: Formats,
}

impl<'a> Book<'a> {
    pub(super) fn new(
        dir: &Path,
        columns: &'a Columns,
        grouped: bool,
        years: &[i32],
    ) -> Result<Book<'a>, SummaryError> {
        let path = dir.join("summary.xlsx");
        let mut book = Workbook::new();
        book.set_tempdir(dir).map_err(xlsx_error(&path))?;
        let formats = Formats {
            head: Format::new()
                .set_bold()
                .set_background_color("#E8EEF4")
                .set_align(FormatAlign::Center),
            change: Format::new().set_num_format("+0;-0;0"),
            amount: Format::new().set_num_format("0.00####"),
            marked: Format::new().set_font_color("#B00020").set_bold(),
        };
        let mut b = Book {
            columns,
            grouped,
            path,
            book,
            years: years.to_vec(),
            formats,
        };
        b.sheet(ALL_SHEET)?;
        for y in years {
            b.sheet(&y.to_string())?;
        }
        Ok(b)
    }

    /// Adds the sheet `name` with its header.
    fn sheet(&mut self, name: &str) -> Result<(), SummaryError> {
        let head = head(self.columns, self.grouped);
        let kinds: Vec<ValueKind> = self.columns.columns.iter().map(|c| c.kind).collect();
        let fixed = CSV_HEAD.len() + usize::from(self.grouped);
        let err = xlsx_error(&self.path);
        let ws = self.book.add_worksheet_with_constant_memory();
        ws.set_name(name).map_err(&err)?;
        let widths = [34.0, 28.0, 7.0, 8.0, 12.0, 12.0, 6.0, 7.0, 9.0, 16.0];
        for (c, h) in head.iter().enumerate() {
            let width = if c < fixed {
                widths[c.min(widths.len() - 1)]
            } else {
                (h.len() as f64 * 0.9).clamp(12.0, 40.0)
            };
            // Counts are whole numbers, which Excel's General format shows as they are.
            let format = match kinds.get(c.wrapping_sub(fixed)) {
                Some(_) if c < fixed => None,
                Some(ValueKind::Amount) => Some(&self.formats.amount),
                Some(ValueKind::Change) => Some(&self.formats.change),
                Some(ValueKind::Count) | None => None,
            };
            ws.set_column_width(c as u16, width).map_err(&err)?;
            if let Some(f) = format {
                ws.set_column_format(c as u16, f).map_err(&err)?;
            }
            ws.write_string_with_format(0, c as u16, h, &self.formats.head)
                .map_err(&err)?;
        }
        ws.set_freeze_panes(1, 2).map_err(&err)?;
        Ok(())
    }

    /// The sheet of every report and the sheets of the years, to be filled at the same time.
    pub(super) fn sheets<'b>(&'b mut self) -> (Sheets<'b>, Sheets<'b>) {
        let (all, years) = self.book.worksheets_mut().split_at_mut(1);
        let (columns, grouped, formats, path) =
            (self.columns, self.grouped, &self.formats, &self.path);
        let fill = |every, sheets: Vec<(i32, &'b mut Worksheet)>| Sheets {
            every,
            sheets: sheets.into_iter().map(|(y, ws)| (y, ws, 1)).collect(),
            columns,
            grouped,
            formats,
            path,
        };
        let all = fill(true, all.iter_mut().map(|ws| (0, ws)).collect());
        let years = fill(
            false,
            self.years.iter().copied().zip(years.iter_mut()).collect(),
        );
        (all, years)
    }

    /// Saves the workbook atomically: a temporary file renamed into place.
    pub(super) fn finish(mut self) -> Result<(), SummaryError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let err = write_error(&self.path);
        let tmp = tempfile::Builder::new()
            .prefix(".summary.xlsx.")
            .tempfile_in(dir)
            .map_err(&err)?;
        self.book.save(tmp.path()).map_err(xlsx_error(&self.path))?;
        crate::util::output::publish(tmp, &self.path).map_err(&err)
    }
}

/// Sheets being filled: by year, with their next row; or the one sheet of every report.
pub(super) struct Sheets<'b> {
    every: bool,
    sheets: Vec<(i32, &'b mut Worksheet, u32)>,
    columns: &'b Columns,
    grouped: bool,
    formats: &'b Formats,
    path: &'b Path,
}

impl Sheets<'_> {
    /// Writes `row` to the sheet of its year (to the one sheet of every report, if that is
    /// what these are); a row of no sheet here is passed over.
    pub(super) fn push(&mut self, row: &Row) -> Result<(), SummaryError> {
        let every = self.every;
        let Some((_, ws, next)) = self
            .sheets
            .iter_mut()
            .find(|(y, ..)| every || (*y == row.year && row.year != 0))
        else {
            return Ok(());
        };
        let r = *next;
        *next += 1;
        let err = xlsx_error(self.path);
        let cells = fixed_cells(row, self.grouped);
        // year, errors and warnings are numbers (errors marked); the rest text, blank left out.
        let numbers = [
            (2, row.year as f64),
            (7, row.errors as f64),
            (8, row.warnings as f64),
        ];
        for (c, s) in cells.iter().enumerate() {
            let c = c as u16;
            match numbers.iter().find(|(at, _)| *at == c) {
                Some(&(_, n)) if c == 2 && n == 0.0 => {}
                Some(&(7, n)) if n > 0.0 => {
                    ws.write_number_with_format(r, c, n, &self.formats.marked)
                        .map_err(&err)?;
                }
                Some(&(_, n)) => {
                    ws.write_number(r, c, n).map_err(&err)?;
                }
                None if s.is_empty() => {}
                None => {
                    ws.write_string(r, c, s).map_err(&err)?;
                }
            }
        }
        let fixed = cells.len();
        for (i, (v, col)) in row.values.iter().zip(&self.columns.columns).enumerate() {
            let Some(v) = v else { continue };
            let n = match col.kind {
                ValueKind::Amount => *v as f64 / 1_000_000.0,
                _ => *v as f64,
            };
            ws.write_number(r, (fixed + i) as u16, n).map_err(&err)?;
        }
        Ok(())
    }
}

/// Runs the writing of the workbook. `rust_xlsxwriter` panics where it cannot write its
/// temporary files (a full disk; a `TMPDIR` that cannot be written, where every constant-memory
/// sheet first makes one): such a panic is the write error it stands for, said once, without
/// a backtrace.
pub(super) fn guarded<T>(
    xlsx: &Path,
    f: impl FnOnce() -> Result<T, SummaryError>,
) -> Result<T, SummaryError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(write_error(xlsx)(std::io::Error::other(format!(
            "the spreadsheet writer stopped: {what} (is the disk full?)"
        ))))
    })
}

/// The temporary folder can be written (`rust_xlsxwriter` needs it): tried before any work,
/// so that it is named when it is the cause.
pub(super) fn temp_writable() -> Result<(), SummaryError> {
    let temp = std::env::temp_dir();
    match tempfile::tempfile_in(&temp) {
        Ok(_) => Ok(()),
        Err(e) => Err(write_error(&temp.join("(TMPDIR)"))(e)),
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
    fn a_panic_of_the_spreadsheet_writer_is_a_write_error() {
        let xlsx = Path::new("out/summary.xlsx");
        let r: Result<(), _> = guarded(xlsx, || panic!("Couldn't write to xml file"));
        match r {
            Err(SummaryError::Write { path, source }) => {
                assert_eq!(path, "out/summary.xlsx");
                assert!(source.to_string().contains("Couldn't write to xml file"));
                assert!(source.to_string().contains("disk full"));
            }
            other => panic!("{other:?}"),
        }
        // And what it returns is passed on.
        assert!(guarded(xlsx, || Ok(7)).is_ok_and(|v| v == 7));
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("示例县"), "示例县");
    }
}
