//! The `xxgk` command: parses arguments, calls the library, reports.

use anyhow::Result;

// Building a report allocates many small strings and JSON values; glibc malloc was a quarter
// of the CPU time of a build (docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc returns freed memory to the system only after `purge_delay` (1 s by default):
/// on a long build the memory freed but not yet returned made the peak grow with the number
/// of reports. 100 ms keeps it flat at no cost in time (docs/performance.md).
/// `MIMALLOC_PURGE_DELAY` still overrides it.
fn tune_allocator() {
    #[cfg(feature = "mimalloc")]
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // `mi_option_purge_delay` in mimalloc.h (v2 and v3); the Rust bindings do not name it.
        const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
        // SAFETY: sets a plain integer option; mimalloc reads options when it purges.
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 100);
        }
    }
}

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use xxgk::builder::{BuildOptions, Format as Format_};
use xxgk::diag::{self, Code, Lang, Levels, Severity};
use xxgk::inputs;

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "政府信息公开工作年度报告：从 YAML 数据生成标准格式的 Markdown、HTML、PDF\nAnnual reports on open government information, from YAML to the official format"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DiagArgs {
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Language of messages (default: Chinese when LC_ALL/LC_MESSAGES/LANG is zh_*).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Treat this diagnostic code as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    deny: Vec<String>,
    /// Silence this warning code (repeatable; errors cannot be silenced).
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check report files: YAML, arithmetic (勾稽关系), continuity across years, form.
    Check {
        /// Files or folders (walked for .yaml/.yml); default: inputs
        paths: Vec<PathBuf>,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// Check, then build Markdown, HTML, Typst, PDF and JSON into the output folder.
    Build {
        /// Files or folders (walked for .yaml/.yml); default: inputs
        paths: Vec<PathBuf>,
        /// The output folder; outputs mirror the inputs' paths below it.
        #[arg(long, short, default_value = "build")]
        out: PathBuf,
        /// Comma-separated: md, html, typ, pdf, json.
        #[arg(long, value_delimiter = ',', default_value = "md,html,pdf")]
        formats: Vec<String>,
        /// A folder of templates overriding the defaults by file name.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Reports built at once (default: the number of cores).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// The typst CLI (default: $XXGK_TYPST, else typst on PATH).
        #[arg(long)]
        typst: Option<PathBuf>,
        /// A folder of fonts for typst (repeatable).
        #[arg(long)]
        font_path: Vec<PathBuf>,
        /// Seconds a typst process may run before it is stopped.
        #[arg(long, default_value_t = 120)]
        typst_timeout: u64,
        /// Rebuild every report, even those whose inputs have not changed.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// Print the table of diagnostic codes (Markdown).
    Codes,
    /// Write a new input file: every key of the edition in force, with its official label.
    New {
        /// The agency's full name (default: that of --from).
        #[arg(long)]
        agency: Option<String>,
        /// The year reported on (default: the year after --from's).
        #[arg(long)]
        year: Option<i32>,
        /// Last year's file: carries agency, kind, 上年结转 and the running counts over.
        #[arg(long)]
        from: Option<PathBuf>,
        /// The edition (default: the one in force for the year).
        #[arg(long)]
        edition: Option<String>,
        /// Where to write (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// The schema path or URL for the editor modeline (default: xxgk.schema.json in the current folder).
        #[arg(long)]
        schema: Option<String>,
        /// Language of messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Turn a published report (an HTML page or its text) back into an input YAML file.
    Import {
        /// The published report: .html/.htm, or text (table cells one per line).
        file: PathBuf,
        /// Where to write the YAML (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// Language of messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the JSON Schema (draft-07) of the input, for editors.
    Schema {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// The default templates.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Write the default templates into DIR, to edit and pass back with --templates DIR.
    Eject {
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xxgk: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn levels(args: &DiagArgs) -> Result<Levels> {
    let parse = |list: &[String]| -> Result<Vec<Code>> {
        list.iter()
            .map(|s| {
                Code::parse(s).ok_or_else(|| {
                    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                    let hint = xxgk::load::nearest(s, &all)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    anyhow::anyhow!(
                        "unknown diagnostic code `{s}`{hint} (`xxgk codes` lists them all)"
                    )
                })
            })
            .collect()
    };
    let mut deny = parse(&args.deny)?;
    if args.deny_warnings {
        deny.extend(
            Code::ALL
                .iter()
                .filter(|c| c.info().severity == Severity::Warning),
        );
    }
    let allow = parse(&args.allow)?;
    if let Some(c) = allow.iter().find(|c| c.info().severity == Severity::Error) {
        anyhow::bail!(
            "`{}` is an error and cannot be allowed: only warnings can (错误不能被忽略，只有警告可以)",
            c.as_str()
        );
    }
    Ok(Levels { deny, allow })
}

fn lang(args: &DiagArgs) -> Lang {
    resolve_lang(args.lang)
}

/// `--lang` if given, else the locale.
fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Import {
            file,
            output,
            force,
            lang: lang_arg,
        } => import(&file, output, force, resolve_lang(lang_arg)),
        Command::Schema { output } => {
            let text = xxgk::schema::schema_text();
            match output {
                Some(p) => xxgk::output::write_atomic(&p, text.as_bytes())?,
                None => stdout(&text),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            agency,
            year,
            from,
            edition,
            output,
            force,
            schema,
            lang: lang_arg,
        } => new(
            agency,
            year,
            from,
            edition,
            output,
            force,
            schema,
            resolve_lang(lang_arg),
        ),
        Command::Codes => {
            stdout(&diag::codes_markdown());
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates {
            command: TemplatesCommand::Eject { dir, force },
        } => {
            let written = xxgk::render::eject(&dir, force)?;
            for p in written {
                println!("{}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            paths,
            out,
            formats,
            templates,
            jobs,
            typst,
            font_path,
            typst_timeout,
            force,
            diag: args,
        } => {
            let lang = lang(&args);
            let formats = formats
                .iter()
                .map(|f| {
                    Format_::parse(f.trim()).ok_or_else(|| {
                        anyhow::anyhow!("unknown format `{f}`: use md, html, typ, pdf, json")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let mut formats_sorted = formats.clone();
            formats_sorted.sort();
            formats_sorted.dedup();
            let opts = BuildOptions {
                out,
                formats: formats_sorted,
                templates,
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                typst,
                font_paths: font_path,
                typst_timeout: std::time::Duration::from_secs(typst_timeout),
                levels: levels(&args)?,
                force,
            };
            let paths = if paths.is_empty() {
                vec![PathBuf::from("inputs")]
            } else {
                paths
            };
            let result = build_with_progress(&paths, &opts)?;
            report(&result.diagnostics, args.format, lang);
            for (file, warnings) in &result.notes {
                eprintln!("{file}: typst:\n{warnings}");
            }
            for p in &result.removed {
                eprintln!(
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
                eprintln!(
                    "{}: {}: {}",
                    f.file,
                    if lang == Lang::Zh { "失败" } else { "failed" },
                    f.message
                );
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
            let summary = match lang {
                Lang::Zh => format!(
                    "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告；生成 {} 份报告到 {}，{} 份未变无需重新生成，{} 份因错误未生成",
                    result.checked_files,
                    result.built,
                    opts.out.display(),
                    result.up_to_date,
                    result.skipped.len()
                ),
                Lang::En => format!(
                    "checked {} files: {errors} errors, {warnings} warnings; built {} reports into {}, {} up to date, {} not built because of errors",
                    result.checked_files,
                    result.built,
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
            eprintln!("{summary}");
            Ok(if errors > 0 || !result.failures.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Check { paths, diag: args } => {
            let lang = lang(&args);
            let levels = levels(&args)?;
            let paths = if paths.is_empty() {
                vec![PathBuf::from("inputs")]
            } else {
                paths
            };
            let (found, mut found_diags) = inputs::discover(&paths);
            let n = found.len();
            let mut checked = inputs::check_all(found, &levels);
            found_diags = levels.apply(found_diags);
            checked.diagnostics.splice(0..0, found_diags);
            report(&checked.diagnostics, args.format, lang);
            let errors = checked.count(Severity::Error);
            let warnings = checked.count(Severity::Warning);
            if args.format == Format::Human {
                let summary = match lang {
                    Lang::Zh => format!("检查了 {n} 个文件：{errors} 个错误，{warnings} 个警告"),
                    Lang::En => format!("checked {n} files: {errors} errors, {warnings} warnings"),
                };
                eprintln!("{summary}");
            }
            if n == 0 && errors == 0 {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Zh => "没有找到 .yaml/.yml 文件",
                        Lang::En => "no .yaml/.yml files found",
                    }
                );
            }
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn report(diags: &[diag::Diagnostic], format: Format, lang: Lang) {
    match format {
        Format::Json => stdout(&format!("{}\n", diag::to_json(diags, lang))),
        Format::Github => stdout(&diag::to_github(diags, lang)),
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let read = |f: &str| std::fs::read_to_string(f).ok();
            eprint!("{}", diag::to_human(diags, &read, lang, color));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn new(
    agency: Option<String>,
    year: Option<i32>,
    from: Option<PathBuf>,
    edition: Option<String>,
    output: Option<PathBuf>,
    force: bool,
    schema: Option<String>,
    lang: Lang,
) -> Result<ExitCode> {
    let last = match &from {
        Some(p) => {
            let name = p.to_string_lossy().to_string();
            let loaded = xxgk::load::load_file(p, &name);
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            if !errors.is_empty() || loaded.report.is_none() {
                report(&errors, Format::Human, lang);
                anyhow::bail!(
                    "{name}: fix the errors of last year's file first (上一年的文件有错误，请先改正)"
                );
            }
            loaded.report
        }
        None => None,
    };
    let year = match (year, &last) {
        (Some(y), Some(r)) if y != r.year + 1 => {
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "注意：--from 是 {} 年度的报告，而新文件是 {y} 年度；上年结转等数字仍取自 {} 年度",
                        r.year, r.year
                    ),
                    Lang::En => format!(
                        "note: --from is the {} report but the new file is for {y}; the carried-over figures still come from {}",
                        r.year, r.year
                    ),
                }
            );
            y
        }
        (Some(y), _) => y,
        (None, Some(r)) => r.year + 1,
        (None, None) => anyhow::bail!("--year is required without --from (请用 --year 指定年度)"),
    };
    if agency.is_none() && last.is_none() {
        anyhow::bail!("--agency is required without --from (请用 --agency 指定机关名称)");
    }
    let edition = match edition {
        Some(e) => Some(
            xxgk::Edition::parse(e.trim())
                .ok_or_else(|| anyhow::anyhow!("unknown edition `{e}`: use 2019 or 2021"))?,
        ),
        None => None,
    };
    let schema = schema.unwrap_or_else(|| match &output {
        // The modeline is relative to the new file: climb from its folder back to here.
        Some(p) if p.is_relative() => {
            let depth = p.parent().map_or(0, |d| {
                d.components()
                    .filter(|c| matches!(c, std::path::Component::Normal(_)))
                    .count()
            });
            format!("{}xxgk.schema.json", "../".repeat(depth))
        }
        _ => std::env::current_dir()
            .map(|d| d.join("xxgk.schema.json").display().to_string())
            .unwrap_or_else(|_| "xxgk.schema.json".into()),
    });
    let (text, notes) = xxgk::scaffold::new_report(&xxgk::scaffold::NewOptions {
        agency,
        year,
        edition,
        from: last.as_ref(),
        schema,
    });
    for n in notes {
        eprintln!("{n}");
    }
    match output {
        None => stdout(&text),
        Some(p) => {
            if p.exists() && !force {
                anyhow::bail!(
                    "{} exists; use --force to overwrite (文件已存在，如需覆盖请加 --force)",
                    p.display()
                );
            }
            xxgk::output::write_atomic(&p, text.as_bytes())?;
            eprintln!("{}", p.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds with progress: a bar on a terminal; plain lines elsewhere (CI logs) for long builds.
fn build_with_progress(
    paths: &[PathBuf],
    opts: &BuildOptions,
) -> Result<xxgk::builder::BuildResult> {
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {pos}/{len} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        let result = xxgk::builder::build_with_progress(paths, opts, &|done, total, name| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(name.to_string());
        });
        bar.finish_and_clear();
        Ok(result?)
    } else {
        // One line per tenth, so that a CI log shows a long build moving without a line a report.
        let result = xxgk::builder::build_with_progress(paths, opts, &|done, total, _| {
            let step = (total / 10).max(1);
            if total >= 20 && (done % step == 0 || done == total) {
                eprintln!("[{done}/{total}]");
            }
        });
        Ok(result?)
    }
}

fn import(
    file: &std::path::Path,
    output: Option<PathBuf>,
    force: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let name = file.to_string_lossy().to_string();
    let imported = xxgk::import::import_file(file, &name);
    // The diagnostics point into the published report: show its lines under them.
    let source = std::fs::read(file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    let read = |f: &str| if f == name { source.clone() } else { None };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!(
        "{}",
        diag::to_human(&imported.diagnostics, &read, lang, color)
    );
    if imported.yaml.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let flagged = imported.yaml.matches(xxgk::import::CHECK_MARK).count();
    match output {
        None => stdout(&imported.yaml),
        Some(p) => {
            if p.exists() && !force {
                anyhow::bail!(
                    "{} exists; use --force to overwrite (文件已存在，如需覆盖请加 --force)",
                    p.display()
                );
            }
            xxgk::output::write_atomic(&p, imported.yaml.as_bytes())?;
            eprintln!("{}", p.display());
        }
    }
    if flagged > 0 {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("有 {flagged} 处标注“待核对”，请对照原文核对后再 xxgk check"),
                Lang::En => format!(
                    "{flagged} places are marked 待核对 (to verify): compare them with the original, then run xxgk check"
                ),
            }
        );
    }
    // A part of the format that was not found is not a faithful copy yet: say so by the exit code.
    let errors = imported
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || d.code == Code::ImportMissing);
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to standard output; a reader that has gone (`| head`) ends the program quietly.
fn stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("xxgk: {e}");
        std::process::exit(2);
    }
}
