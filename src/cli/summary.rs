//! `xxgk summary`: check like `build`, then write the summary files and the aggregates.

use super::args::{ByArg, SummaryArgs};
use super::term::{
    cannot_write, checked_summary, lang, levels, no_reports, paths_or_inputs, report,
};
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use xxgk::diag::Lang;
use xxgk::summary::{By, SummaryError, SummaryOptions};

pub fn run(args: SummaryArgs) -> Result<ExitCode> {
    // The check's worker threads end before the rows are written, and what they held was kept
    // for reuse for 100 ms: the peak then grew with the number of reports (1.35× from 2,000 to
    // 20,000). Returned at once it stays flat (1.2×), and the summary is no slower.
    crate::purge_delay(0);
    let SummaryArgs {
        paths,
        out,
        name,
        by,
        jobs,
        diag: args,
    } = args;
    let lang = lang(&args);
    let opts = SummaryOptions {
        out,
        name,
        by: match by {
            None => By::All,
            Some(ByArg::AgencyPrefix) => By::AgencyPrefix,
            Some(ByArg::Folder) => By::Folder,
        },
        jobs: jobs.unwrap_or_else(xxgk::util::par::default_jobs),
        levels: levels(&args)?,
    };
    let paths = paths_or_inputs(paths, "summary", lang)?;
    let result = match xxgk::summary::summary(&paths, &opts) {
        Ok(r) => r,
        Err(SummaryError::NoReports) => return Err(no_reports(&paths, false, lang)),
        Err(SummaryError::Write { path, source }) => {
            return Err(anyhow::Error::new(source).context(cannot_write(Path::new(&path))));
        }
    };
    report(&result.diagnostics, args.format, lang);
    let errors = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == xxgk::Severity::Error)
        .count();
    let warnings = result.diagnostics.len() - errors;
    for a in &result.aggregates {
        let path = opts.out.join(&a.path);
        let (summed, left_out) = match lang {
            Lang::Zh => (
                format!(
                    "{}年 {}（{}版），汇总 {} 份报告",
                    a.year,
                    a.agency,
                    a.edition.key(),
                    a.reports
                ),
                format!("，{} 份有错误未计入", a.left_out),
            ),
            Lang::En => (
                format!(
                    "{} {} ({} edition), {} reports summed",
                    a.year,
                    a.agency,
                    a.edition.key(),
                    a.reports
                ),
                format!(", {} with errors left out", a.left_out),
            ),
        };
        let left_out = if a.left_out > 0 {
            left_out.as_str()
        } else {
            ""
        };
        say!("{}: {summed}{left_out}", path.display());
    }
    let checked = checked_summary(result.checked_files, errors, warnings, lang);
    if result.checked_files == 0 {
        // Nothing was read (the paths could not be): nothing was written either.
        say!("{checked}");
        return Ok(ExitCode::from(1));
    }
    let csv = opts.out.join("summary.csv");
    let xlsx = opts.out.join("summary.xlsx");
    match lang {
        Lang::Zh => say!(
            "{checked}；{} 行写入 {} 和 {}（{} 份有错误，已在 errors 列标出，未计入汇总）",
            result.rows,
            csv.display(),
            xlsx.display(),
            result.with_errors
        ),
        Lang::En => say!(
            "{checked}; {} rows written to {} and {} ({} with errors: marked in the errors column, left out of the aggregates)",
            result.rows,
            csv.display(),
            xlsx.display(),
            result.with_errors
        ),
    }
    // As `check`: errors exit 1 (the files are written all the same, those reports marked).
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
