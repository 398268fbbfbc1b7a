//! The small commands: `schema`, `codes`, `templates eject`.

use super::args::{EjectArgs, SchemaArgs, TemplatesCommand};
use super::term::stdout;
use anyhow::Result;
use std::process::ExitCode;

pub fn schema(args: SchemaArgs) -> Result<ExitCode> {
    let text = xxgk::author::schema::schema_text();
    match args.output {
        Some(p) => xxgk::util::output::write_atomic(&p, text.as_bytes())?,
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
            for p in xxgk::render::eject(&dir, force)? {
                stdout(&format!("{}\n", p.display()));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
