//! `xxgk check`: every problem of every file, in the chosen output format.

use super::args::{CheckArgs, Format};
use super::term::{
    checked_summary, lang, levels, no_reports, paths_or_inputs, report, unchecked_notes,
};
use anyhow::Result;
use std::process::ExitCode;
use xxgk::Severity;

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let CheckArgs {
        paths,
        diag: args,
        tools,
    } = args;
    tools.apply();
    let lang = lang(&args);
    let levels = levels(&args)?;
    let paths = paths_or_inputs(paths, "check", lang)?;
    let checked = xxgk::check::pipeline::check_paths_with(
        &paths,
        &levels,
        xxgk::util::par::default_jobs(),
        true,
    );
    let n = checked.inputs.len();
    if n == 0 && checked.count(Severity::Error) == 0 {
        return Err(no_reports(&paths, true, lang));
    }
    report(&checked.diagnostics, args.format, lang);
    if args.format == Format::Human {
        unchecked_notes(&checked.unchecked(), lang);
    }
    let errors = checked.count(Severity::Error);
    let warnings = checked.count(Severity::Warning);
    if args.format == Format::Human {
        say!("{}", checked_summary(n, errors, warnings, lang));
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
