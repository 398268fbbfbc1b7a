//! `xxgk import`: a published report back into an input YAML file.

use super::args::ImportArgs;
use super::term::{exists_error, resolve_lang, stdout};
use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;
use xxgk::author::import::Kind;
use xxgk::diag::{self, Code, Lang, Severity};

pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let ImportArgs {
        file,
        output,
        force,
        lang,
        tools,
    } = args;
    tools.apply();
    let file = file.as_path();
    let lang = resolve_lang(lang);
    let name = file.to_string_lossy().to_string();
    let imported = xxgk::author::import::import_file(file, &name);
    // The diagnostics point into the published report: show its lines under them (a page or
    // a text; a PDF's are placed by page and line, a Word file's by paragraph).
    let source = match imported.kind {
        Kind::Html | Kind::Text => std::fs::read(file)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned()),
        _ => None,
    };
    let read = |f: &str| if f == name { source.clone() } else { None };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    say_raw!(
        "{}",
        diag::to_human(&imported.diagnostics, &read, lang, color)
    );
    if imported.yaml.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let flagged = imported
        .yaml
        .matches(xxgk::author::import::CHECK_MARK)
        .count()
        + imported
            .yaml
            .matches(xxgk::author::import::FIGURE_MARK)
            .count();
    match output {
        None => stdout(&imported.yaml),
        Some(p) => {
            if p.exists() && !force {
                return Err(exists_error(&p));
            }
            xxgk::util::output::write_atomic(&p, imported.yaml.as_bytes())?;
            say!("{}", p.display());
        }
    }
    if flagged > 0 {
        say!(
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
