//! The programs import runs: poppler's `pdftotext` for PDFs, LibreOffice's `soffice` to turn a
//! `.doc`/`.wps` into `.docx`. Each is found as typst is (a flag, an environment variable, else
//! PATH) and run with `std::process` in a private temporary folder, with a time limit.

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

/// What went wrong, in both languages.
pub(super) struct ToolError {
    pub(super) zh: String,
    pub(super) en: String,
}

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

    fn missing(&self, program: &Path) -> ToolError {
        let (name, env, package) = (self.name, self.env, self.package);
        let flag = format!("--{name}");
        ToolError {
            zh: format!(
                "找不到 {name}（{}）：读取此类文件需要它。安装：apt-get install {package}；或用 {flag} PATH / {env} 指定",
                program.display()
            ),
            en: format!(
                "{name} not found ({}): it is needed to read this kind of file; install it with `apt-get install {package}`, or point {flag} / {env} at it",
                program.display()
            ),
        }
    }

    /// Runs the program with `args` inside `dir`, waiting at most the time limit. Gives its
    /// standard error when it fails.
    pub(super) fn run(
        &self,
        explicit: Option<&Path>,
        dir: &Path,
        args: &[&str],
    ) -> Result<(), ToolError> {
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
                return Err(self.missing(&program));
            }
            Err(e) => {
                return Err(ToolError {
                    zh: format!("无法运行 {}：{e}", self.name),
                    en: format!("cannot run {}: {e}", self.name),
                });
            }
        };
        let waited = wait_with_timeout(&mut child, self.timeout).map_err(|e| ToolError {
            zh: format!("{} 运行失败：{e}", self.name),
            en: format!("{} failed: {e}", self.name),
        })?;
        let (status, messages) = match waited {
            Waited::Done(s, m) => (s, m),
            Waited::TimedOut => {
                let secs = self.timeout.as_secs();
                return Err(ToolError {
                    zh: format!("{} 超过 {secs} 秒未完成，已终止", self.name),
                    en: format!("{} ran longer than {secs} s and was stopped", self.name),
                });
            }
        };
        if status.success() {
            Ok(())
        } else {
            let m = messages.trim();
            let m: String = m.chars().take(400).collect();
            Err(ToolError {
                zh: format!("{} 运行失败：{m}", self.name),
                en: format!("{} failed: {m}", self.name),
            })
        }
    }
}
