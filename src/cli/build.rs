//! `xxgk build`: check, then write the reports that have no errors.

use super::args::Format;
use super::args::{BuildArgs, RenderArgs};
use super::term::{
    cannot_write, checked_summary, count, lang, levels, no_reports, paths_or_inputs, report,
    unchecked_notes, usage_error,
};
use anyhow::Result;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use xxgk::Severity;
use xxgk::build::{BuildOptions, Format as Format_};
use xxgk::diag::Lang;

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let BuildArgs {
        paths,
        out,
        render,
        force,
        diag: args,
    } = args;
    let lang = lang(&args);
    let opts = build_options(render, out, levels(&args)?, force)?;
    let paths = paths_or_inputs(paths, "build", lang)?;
    // A published report is checked (`xxgk check`) or imported, never built as it is.
    if let Some(p) = paths
        .iter()
        .find(|p| p.is_file() && xxgk::check::published::is_published(p))
    {
        return Err(usage_error(
            format!(
                "{0} 不是输入 YAML 文件：build 只读 YAML；请先导入：xxgk import {0} -o NAME.yaml",
                p.display()
            ),
            format!(
                "{0} is not an input YAML file: build reads YAML only; import it first: xxgk import {0} -o NAME.yaml",
                p.display()
            ),
        ));
    }
    let result = match build_with_progress(&paths, &opts) {
        Err(e) => match e.downcast::<xxgk::build::BuildError>() {
            Ok(xxgk::build::BuildError::NoReports) => return Err(no_reports(&paths, false, lang)),
            Ok(xxgk::build::BuildError::Io { path, source }) => {
                let path = std::path::Path::new(&path);
                return Err(anyhow::Error::new(source).context(cannot_write(path)));
            }
            Ok(e) => return Err(e.into()),
            Err(e) => return Err(e),
        },
        Ok(r) => r,
    };
    report(&result.diagnostics, args.format, lang);
    if args.format == Format::Human {
        unchecked_notes(&result.unchecked, lang);
    }
    for (file, warnings) in &result.notes {
        say!("{file}: typst:\n{warnings}");
    }
    for p in &result.removed {
        say!(
            "{}: {}",
            if lang == Lang::Zh {
                "已删除"
            } else {
                "removed"
            },
            p.display()
        );
    }
    for f in &result.failures {
        say!("{}: {}", f.file, f.message(lang));
    }
    for (zh, en) in &result.hints {
        say!("{}", if lang == Lang::Zh { zh } else { en });
    }
    let errors = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let checked = checked_summary(result.checked_files, errors, warnings, lang);
    let summary = match lang {
        Lang::Zh => format!(
            "{checked}；生成 {} 份报告到 {}，{} 份未变无需重新生成，{} 份因错误未生成",
            result.built,
            opts.out.display(),
            result.up_to_date,
            result.skipped.len()
        ),
        Lang::En => format!(
            "{checked}; built {} into {}, {} up to date, {} not built because of errors",
            count(result.built, "report"),
            opts.out.display(),
            result.up_to_date,
            result.skipped.len()
        ),
    };
    let failed = result.failures.len();
    let summary = match (failed, lang) {
        (0, _) => summary,
        (n, Lang::Zh) => format!("{summary}，{n} 项失败（见上）"),
        (n, Lang::En) => format!("{summary}, {n} failed (see above)"),
    };
    say!("{summary}");
    Ok(if errors > 0 || !result.failures.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--formats` as formats, sorted, each once.
/// The options of a build from the rendering options both `build` and `serve` take.
pub fn build_options(
    r: RenderArgs,
    out: PathBuf,
    levels: xxgk::diag::Levels,
    force: bool,
) -> Result<BuildOptions> {
    Ok(BuildOptions {
        out,
        formats: parse_formats(&r.formats)?,
        templates: r.templates,
        jobs: r
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        typst: r.typst,
        font_paths: r.font_path,
        typst_timeout: std::time::Duration::from_secs(r.typst_timeout),
        levels,
        force,
    })
}

fn parse_formats(formats: &[String]) -> Result<Vec<Format_>> {
    let mut formats = formats
        .iter()
        .map(|f| {
            Format_::parse(f.trim()).ok_or_else(|| {
                usage_error(
                    format!("没有 `{f}` 格式：可用 md、html、typ、pdf、json、docx"),
                    format!("unknown format `{f}`: use md, html, typ, pdf, json, docx"),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    formats.sort();
    formats.dedup();
    Ok(formats)
}

/// Builds with progress: a bar on a terminal; plain lines elsewhere (CI logs) for long builds.
fn build_with_progress(paths: &[PathBuf], opts: &BuildOptions) -> Result<xxgk::build::BuildResult> {
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {pos}/{len} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        let result = xxgk::build::build_with_progress(paths, opts, &|done, total, name| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(name.to_string());
        });
        bar.finish_and_clear();
        Ok(result?)
    } else {
        // One line per tenth, so that a CI log shows a long build moving without a line a report.
        let result = xxgk::build::build_with_progress(paths, opts, &|done, total, _| {
            let step = (total / 10).max(1);
            if total >= 20 && (done % step == 0 || done == total) {
                say!("[{done}/{total}]");
            }
        });
        Ok(result?)
    }
}
