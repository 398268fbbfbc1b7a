//! The small commands: `schema`, `codes`, `templates eject`.

use super::args::{EjectArgs, SchemaArgs, TemplatesCommand};
use super::term::{cannot_write, exists_error, stdout};
use anyhow::{Context, Result};
use std::process::ExitCode;

pub fn schema(args: SchemaArgs) -> Result<ExitCode> {
    let text = xxgk::author::schema::schema_text();
    match args.output {
        Some(p) => xxgk::util::output::write_atomic(&p, text.as_bytes())
            .with_context(|| cannot_write(&p))?,
        None => stdout(&text),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn codes() -> Result<ExitCode> {
    stdout(&xxgk::diag::codes_markdown());
    Ok(ExitCode::SUCCESS)
}

pub fn templates(command: TemplatesCommand) -> Result<ExitCode> {
    match command {
        TemplatesCommand::Eject(EjectArgs { dir, force }) => {
            // A template already there is said as `--force`'s other uses say it, in the
            // command line's language, before anything is written.
            let there = xxgk::render::DEFAULT_TEMPLATES
                .iter()
                .map(|(name, _)| dir.join(name))
                .find(|p| p.exists());
            if let (Some(p), false) = (there, force) {
                return Err(exists_error(&p));
            }
            let written = xxgk::render::eject(&dir, force).with_context(|| cannot_write(&dir))?;
            for p in written {
                stdout(&format!("{}\n", p.display()));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
