//! `xxgk new`: this year's input file, from scratch or carried on from last year's.

use super::args::{Format, NewArgs};
use super::term::{report, resolve_lang, stdout};
use anyhow::Result;
use std::process::ExitCode;
use xxgk::Severity;
use xxgk::diag::Lang;

pub fn run(args: NewArgs) -> Result<ExitCode> {
    let NewArgs {
        agency,
        year,
        from,
        edition,
        output,
        force,
        schema,
        lang,
    } = args;
    let lang = resolve_lang(lang);
    let last = match &from {
        Some(p) => {
            let name = p.to_string_lossy().to_string();
            let loaded = xxgk::input::load::load_file(p, &name);
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
            say!(
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
    let (text, notes) = xxgk::author::scaffold::new_report(&xxgk::author::scaffold::NewOptions {
        agency,
        year,
        edition,
        from: last.as_ref(),
        schema,
    });
    for n in notes {
        say!("{n}");
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
            xxgk::util::output::write_atomic(&p, text.as_bytes())?;
            say!("{}", p.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
