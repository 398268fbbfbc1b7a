//! The programs import runs: poppler's `pdftotext` for PDFs, LibreOffice's `soffice` to turn a
//! `.doc`/`.wps` into `.docx`. Each is found as typst is (a flag, an environment variable, else
//! PATH) and run with `std::process` in a private temporary folder, with a time limit.

use crate::diag::{Msg, messages};
use crate::util::process::{Waited, wait_with_timeout};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Where to find the programs; `None`: the environment variable, else PATH.
#[derive(Clone, Debug, Default)]
pub struct Tools {
    pub pdftotext: Option<PathBuf>,
    pub soffice: Option<PathBuf>,
}

/// One external program.
pub(super) struct Program {
    pub(super) name: &'static str,
    pub(super) env: &'static str,
    pub(super) package: &'static str,
    pub(super) timeout: Duration,
}

pub(super) const PDFTOTEXT: Program = Program {
    name: "pdftotext",
    env: "XXGK_PDFTOTEXT",
    package: "poppler-utils",
    timeout: Duration::from_secs(60),
};

pub(super) const SOFFICE: Program = Program {
    name: "soffice",
    env: "XXGK_SOFFICE",
    package: "libreoffice-writer-nogui",
    timeout: Duration::from_secs(120),
};

impl Program {
    fn locate(&self, explicit: Option<&Path>) -> PathBuf {
        let p = explicit
            .map(Path::to_path_buf)
            .or_else(|| {
                std::env::var_os(self.env)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from(self.name));
        // The program runs inside a temporary folder: a relative path must be made absolute.
        if p.components().count() > 1 {
            std::path::absolute(&p).unwrap_or(p)
        } else {
            p
        }
    }

    /// Runs the program with `args` inside `dir`, waiting at most the time limit. Gives its
    /// standard error when it fails.
    pub(super) fn run(
        &self,
        explicit: Option<&Path>,
        dir: &Path,
        args: &[&str],
    ) -> Result<(), Msg> {
        let program = self.locate(explicit);
        let mut c = Command::new(&program);
        c.args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            // LibreOffice keeps its profile in HOME: a private one, so that a running
            // LibreOffice of the user neither blocks nor changes the conversion.
            .env("HOME", dir);
        let mut child = match c.spawn() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(messages::tool_missing(
                    self.name,
                    &program,
                    self.package,
                    self.env,
                ));
            }
            Err(e) => return Err(messages::tool_cannot_run(self.name, &e)),
        };
        let waited = wait_with_timeout(&mut child, self.timeout)
            .map_err(|e| messages::tool_failed(self.name, e))?;
        let (status, stderr) = match waited {
            Waited::Done(s, m) => (s, m),
            Waited::TimedOut => {
                return Err(messages::tool_timed_out(self.name, self.timeout.as_secs()));
            }
        };
        if status.success() {
            Ok(())
        } else {
            let m = stderr.trim();
            let m: String = m.chars().take(400).collect();
            Err(messages::tool_failed(self.name, m))
        }
    }
}
