//! `xxgk summary` (汇总): one row per report in `summary.csv` and `summary.xlsx`, and for each
//! year (and group) an aggregate report in the input format, its tables the sums of the year's
//! reports, which `xxgk check` and `xxgk build` take like any other.
//!
//! The files are checked on the path `build` takes (`check::check_paths_each`), which hands on
//! each report's row as it is checked: the rows wait in a spool on disk until the checks of the
//! whole set are known, then are written and summed as they are read back. Only the sums are
//! held, so memory does not grow with the number of reports.

pub mod figures;
mod row;
mod write;

pub use row::{Row, SummaryError};
use row::{Spool, read_spool, write_error};

use crate::check;
use crate::diag::{Diagnostic, Levels, Severity};
use crate::format::Edition;
use crate::report::Report;
use figures::Columns;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use write::CSV_HEAD;

/// How reports are grouped into aggregates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum By {
    /// One aggregate a year.
    #[default]
    All,
    /// By the place at the head of the agency's name (`慈溪市交通运输局` → `慈溪市`).
    AgencyPrefix,
    /// By the folder the file is in, below the inputs (a folder named as the year does not count).
    Folder,
}

#[derive(Clone, Debug)]
pub struct SummaryOptions {
    pub out: PathBuf,
    /// The agency of the aggregates (default `汇总`).
    pub name: String,
    pub by: By,
    pub jobs: usize,
    pub levels: Levels,
}

/// One aggregate report written.
#[derive(Clone, Debug)]
pub struct Aggregate {
    /// Below the output folder, `/`-separated: `2023/summary.yaml`.
    pub path: String,
    pub agency: String,
    pub year: i32,
    pub edition: Edition,
    /// The reports summed.
    pub reports: usize,
    /// The reports of its year and group left out because they have errors.
    pub left_out: usize,
}

/// What a summary did.
pub struct SummaryResult {
    pub checked_files: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Rows written (one per file).
    pub rows: usize,
    /// Rows of files with errors (marked in the `errors` column, left out of the aggregates).
    pub with_errors: usize,
    pub aggregates: Vec<Aggregate>,
}

/// The group of a report under `by`.
pub fn group_of(by: By, agency: &str, rel: &Path, year: i32) -> String {
    match by {
        By::All => String::new(),
        By::AgencyPrefix => agency_prefix(agency).to_string(),
        By::Folder => {
            let year = year.to_string();
            let parts: Vec<String> = rel
                .parent()
                .into_iter()
                .flat_map(|p| p.components())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .filter(|c| *c != year)
                .collect();
            parts.join("/")
        }
    }
}

/// The place at the head of an agency's name: up to the first 省/市/县/区/州/旗/盟/镇/乡/街道
/// after its first character (`慈溪市交通运输局` → `慈溪市`, `丙镇人民政府` → `丙镇`,
/// `戊街道办事处` → `戊街道`); the whole name when there is none. Words that end in one of
/// those characters without being a place are passed over: 社区, 小区, 园区, 景区, 校区, 片区,
/// 辖区 (`戊街道社区卫生服务中心` → `戊街道`), 城乡, 城镇, 乡村.
pub fn agency_prefix(agency: &str) -> &str {
    let chars: Vec<(usize, char)> = agency.char_indices().collect();
    let before = |k: usize| (k > 0).then(|| chars[k - 1].1);
    let after = |k: usize| chars.get(k + 1).map(|c| c.1);
    for (k, &(i, c)) in chars.iter().enumerate().skip(1) {
        let end = match c {
            '省' | '市' | '县' | '州' | '旗' | '盟' => i + c.len_utf8(),
            '区' if !before(k).is_some_and(|b| "社小园景校片辖".contains(b)) => {
                i + c.len_utf8()
            }
            '镇' if before(k) != Some('城') => i + c.len_utf8(),
            '乡' if before(k) != Some('城') && after(k) != Some('村') => i + c.len_utf8(),
            '街' if after(k) == Some('道') => i + "街道".len(),
            _ => continue,
        };
        return &agency[..end];
    }
    agency
}

/// A group as a path below a year's folder: each part kept to letters, digits, CJK, `-`, `_`.
fn group_dir(group: &str) -> String {
    group
        .split('/')
        .map(|p| {
            let s: String = p
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if s.is_empty() { "_".to_string() } else { s }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Sums of one (group, year, edition).
struct Sums {
    values: Vec<i128>,
    reports: usize,
}

/// The sums of one (group, year), by edition key.
type ByEdition = BTreeMap<&'static str, (Edition, Sums)>;

/// Runs a summary of the reports under `paths` into `opts.out`.
pub fn summary(paths: &[PathBuf], opts: &SummaryOptions) -> Result<SummaryResult, SummaryError> {
    let columns = Columns::new();
    // The output folder first: the rows wait in it (nothing is written outside it), and a
    // folder that cannot be made is said before any work is done.
    write::temp_writable()?;
    let made = !opts.out.exists();
    std::fs::create_dir_all(&opts.out).map_err(write_error(&opts.out))?;
    let spool_err = |e| write_error(&opts.out)(e);
    // Every file is read once: the check hands each report's row on as it goes, and the rows
    // wait on disk until the checks of the whole set (duplicates, continuity) are known.
    let mut spool = Spool::new_in(&opts.out).map_err(spool_err)?;
    let mut years: Vec<i32> = Vec::new();
    let extract =
        |input: &crate::input::Input, r: Option<&Report>| row(&columns, opts.by, input, r);
    let checked = check::check_paths_each(paths, &opts.levels, opts.jobs, false, extract, |row| {
        if row.year != 0 && !years.contains(&row.year) {
            years.push(row.year);
        }
        spool.push(&row)
    })
    .map_err(spool_err)?;
    if checked.inputs.is_empty() {
        drop(spool);
        if made {
            let _ = std::fs::remove_dir(&opts.out);
        }
        // A path that could not be read is said as `check` says it; only folders that were read
        // and held no report are "no reports".
        if checked.count(Severity::Error) > 0 {
            return Ok(SummaryResult {
                checked_files: 0,
                diagnostics: checked.diagnostics,
                rows: 0,
                with_errors: 0,
                aggregates: Vec::new(),
            });
        }
        return Err(SummaryError::NoReports);
    }
    let spool = spool.finish().map_err(spool_err)?;
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for d in &checked.diagnostics {
        let c = counts.entry(d.file.as_str()).or_default();
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
        }
    }
    let rows = || -> Result<_, SummaryError> {
        Ok(read_spool(&spool).map_err(&spool_err)?.map(|row| {
            let mut row = row.map_err(&spool_err)?;
            (row.errors, row.warnings) = counts.get(row.file.as_str()).copied().unwrap_or_default();
            Ok::<_, SummaryError>(row)
        }))
    };
    let grouped = opts.by != By::All;
    let mut sums: BTreeMap<(String, i32), ByEdition> = BTreeMap::new();
    let mut left_out: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let (mut n_rows, mut with_errors) = (0, 0);
    write::guarded(&opts.out.join("summary.xlsx"), || {
        let mut csv = write::Csv::new(&opts.out, &columns, grouped)?;
        let mut book = write::Book::new(&opts.out, &columns, grouped, &years)?;
        let (mut all, mut by_year) = book.sheets();
        std::thread::scope(|s| {
            // The sheets of the years on a thread of their own: the workbook is most of the work.
            let years_done = s.spawn(|| rows()?.try_for_each(|row| by_year.push(&row?)));
            let mut every = || -> Result<(), SummaryError> {
                for row in rows()? {
                    let row = row?;
                    csv.push(&row)?;
                    all.push(&row)?;
                    n_rows += 1;
                    let key = (row.group.clone(), row.year);
                    if row.errors > 0 {
                        with_errors += 1;
                        if row.year != 0 {
                            *left_out.entry(key).or_default() += 1;
                        }
                    } else if let Some(e) = row.edition {
                        let (_, s) = sums.entry(key).or_default().entry(e.key()).or_insert((
                            e,
                            Sums {
                                values: vec![0; columns.len()],
                                reports: 0,
                            },
                        ));
                        s.reports += 1;
                        for (t, v) in s.values.iter_mut().zip(&row.values) {
                            *t += v.unwrap_or(0);
                        }
                    }
                }
                Ok(())
            };
            let done = every();
            let years_done = years_done
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            done.and(years_done)
        })?;
        csv.finish()?;
        book.finish()?;
        Ok(())
    })?;
    let mut aggregates = Vec::new();
    for ((group, year), editions) in &sums {
        let mixed = editions.len() > 1;
        let lost = left_out.get(&(group.clone(), *year)).copied().unwrap_or(0);
        for (edition, s) in editions.values() {
            let mut agency = opts.name.clone();
            if !group.is_empty() {
                agency = format!("{agency}（{group}）");
            }
            let mut file = "summary".to_string();
            if mixed {
                agency = format!("{agency}（{}版）", edition.key());
                file = format!("summary-{}", edition.key());
            }
            let dir = if group.is_empty() {
                year.to_string()
            } else {
                format!("{year}/{}", group_dir(group))
            };
            let path = format!("{dir}/{file}.yaml");
            let a = Aggregate {
                path,
                agency,
                year: *year,
                edition: *edition,
                reports: s.reports,
                left_out: lost,
            };
            let text = aggregate_yaml(&columns, &a, &s.values, mixed);
            let target = opts.out.join(&a.path);
            if let Some(p) = target.parent() {
                std::fs::create_dir_all(p).map_err(write_error(p))?;
            }
            crate::util::output::write_atomic(&target, text.as_bytes())
                .map_err(write_error(&target))?;
            aggregates.push(a);
        }
    }
    Ok(SummaryResult {
        checked_files: checked.inputs.len(),
        diagnostics: checked.diagnostics,
        rows: n_rows,
        with_errors,
        aggregates,
    })
}

/// The row of one input, from its report as loaded (None when it could not be read at all).
/// Its counts of diagnostics are filled in when the whole set has been checked.
fn row(columns: &Columns, by: By, input: &crate::input::Input, r: Option<&Report>) -> Row {
    let agency = r.map(|r| r.agency.clone()).unwrap_or_default();
    let year = r.map_or(0, |r| r.year);
    Row {
        file: input.name().to_string(),
        group: group_of(by, &agency, input.rel(), year),
        agency,
        year,
        edition: r.map(|r| r.edition),
        kind: r.map_or("", |r| r.kind.key()).to_string(),
        published: r.and_then(|r| r.published).map(|d| d.to_string()),
        late: r.is_some_and(|r| r.late_days().is_some()),
        errors: 0,
        warnings: 0,
        values: match r {
            Some(r) => columns.values(r),
            None => vec![None; columns.len()],
        },
    }
}

/// The aggregate report's YAML: the sums as its tables, a generated line as its texts.
fn aggregate_yaml(columns: &Columns, a: &Aggregate, sums: &[i128], mixed: bool) -> String {
    let mut fill = columns.fill(a.edition, sums);
    let mut overview = format!(
        "本报告汇总{}年度{}份政府信息公开工作年度报告，各表数字为各报告之和（xxgk summary 生成）。",
        a.year, a.reports
    );
    if mixed {
        overview.push_str(&format!(
            "本年度报告使用了不同的格式版本，按版本分别汇总，本文件为{}版。",
            a.edition.key()
        ));
    }
    if a.left_out > 0 {
        overview.push_str(&format!(
            "另有{}份报告因有错误未计入（见 summary.csv 的 errors 列）。",
            a.left_out
        ));
    }
    fill.header.push(overview.clone());
    fill.texts = [
        overview,
        "汇总报告不单列存在的主要问题，详见各机关的年度报告。".to_string(),
        "各机关收取信息处理费及其他需要报告的事项，详见各机关的年度报告。".to_string(),
    ];
    crate::author::scaffold::write_report(&a.agency, a.year, a.edition, &fill, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_prefixes_are_the_place() {
        assert_eq!(agency_prefix("慈溪市交通运输局"), "慈溪市");
        assert_eq!(agency_prefix("示例县人民政府"), "示例县");
        assert_eq!(agency_prefix("市场监督管理局"), "市场监督管理局");
        assert_eq!(agency_prefix("办公厅"), "办公厅");
        assert_eq!(agency_prefix("丙镇人民政府"), "丙镇");
        assert_eq!(agency_prefix("丙镇综合行政执法队"), "丙镇");
        assert_eq!(agency_prefix("丁乡人民政府"), "丁乡");
        assert_eq!(agency_prefix("戊街道办事处"), "戊街道");
        assert_eq!(agency_prefix("戊街道社区卫生服务中心"), "戊街道");
        assert_eq!(agency_prefix("示例镇人民政府"), "示例镇");
        assert_eq!(agency_prefix("城乡建设局"), "城乡建设局");
        assert_eq!(agency_prefix("示例县乡村振兴局"), "示例县");
        assert_eq!(agency_prefix("高新园区管委会"), "高新园区管委会");
        assert_eq!(agency_prefix("浦东新区人民政府"), "浦东新区");
    }

    #[test]
    fn folders_group_without_the_year() {
        let g = |p: &str| group_of(By::Folder, "", Path::new(p), 2023);
        assert_eq!(g("2023/towns/a"), "towns");
        assert_eq!(g("2023/a"), "");
        assert_eq!(g("east/2023/a"), "east");
        assert_eq!(group_dir("a b/../c"), "a_b/__/c");
    }
}
