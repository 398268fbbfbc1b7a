//! The `xxgk` command: sets up the allocator, parses arguments and hands them to [`cli`].

/// `eprintln!` that never panics: a closed standard error (`xxgk … 2>&1 | head`) must not stop
/// the work half-way (the YAML of an import is still written).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

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
/// of reports. 100 ms keeps it flat at no cost in time (docs/performance.md); `summary` asks
/// for 0 (see `cli::summary`). `MIMALLOC_PURGE_DELAY` still overrides both.
pub(crate) fn purge_delay(ms: std::ffi::c_long) {
    #[cfg(feature = "mimalloc")]
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // `mi_option_purge_delay` in mimalloc.h (v2 and v3); the Rust bindings do not name it.
        const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
        // SAFETY: sets a plain integer option; mimalloc reads options when it purges.
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, ms);
        }
    }
    #[cfg(not(feature = "mimalloc"))]
    let _ = ms;
}

fn main() -> ExitCode {
    purge_delay(100);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::help::lang_of_args(&args);
    let _ = cli::term::LANG.set(lang);
    let command = cli::help::localized(cli::args::Cli::command(), lang);
    let matches = command
        .try_get_matches_from(args)
        .unwrap_or_else(|e| match lang {
            xxgk::diag::Lang::Zh => cli::help::exit_zh(e),
            xxgk::diag::Lang::En => e.exit(),
        });
    let cli = cli::args::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let lang = cli::term::resolve_lang(None);
            say!("xxgk: {}", cli::term::error_text(&e, lang));
            ExitCode::from(2)
        }
    }
}
