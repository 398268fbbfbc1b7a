//! The `xxgk` command: sets up the allocator, parses arguments and hands them to [`cli`].

mod cli;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

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

fn main() -> ExitCode {
    tune_allocator();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::help::lang_of_args(&args);
    let _ = cli::term::LANG.set(lang);
    let matches = cli::help::localized(cli::args::Cli::command(), lang).get_matches_from(args);
    let cli = cli::args::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xxgk: {e:#}");
            ExitCode::from(2)
        }
    }
}
