//! The `xxgk` command line: clap types in `args`, a file per command, terminal output in `term`.

pub mod args;
pub mod build;
pub mod check;
pub mod help;
pub mod import;
pub mod new;
pub mod serve;
pub mod small;
pub mod summary;
pub mod term;

use anyhow::Result;
use args::{Cli, Command};
use std::process::ExitCode;

/// Runs one parsed command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Build(a) => build::run(a),
        Command::Summary(a) => summary::run(a),
        Command::New(a) => new::run(a),
        Command::Import(a) => import::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Schema(a) => small::schema(a),
        Command::Codes => small::codes(),
        Command::Templates(c) => small::templates(c),
    }
}
