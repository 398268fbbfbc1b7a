//! What the terminal sees: diagnostics in the chosen format, the language, standard output.

use super::args::{DiagArgs, Format, LangArg};
use anyhow::Result;
use std::io::IsTerminal;
use xxgk::diag::{self, Code, Lang, Levels, Severity};

pub fn levels(args: &DiagArgs) -> Result<Levels> {
    let parse = |list: &[String]| -> Result<Vec<Code>> {
        list.iter()
            .map(|s| {
                Code::parse(s).ok_or_else(|| {
                    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                    let hint = xxgk::input::load::nearest(s, &all)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    usage_error(
                        format!("没有诊断代码 `{s}`{hint}（`xxgk codes` 列出全部代码）"),
                        format!(
                            "unknown diagnostic code `{s}`{hint} (`xxgk codes` lists them all)"
                        ),
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
    if let Some(c) = allow.iter().find(|c| !c.allowable()) {
        // The list of errors that can be allowed comes from the codes, not from this text.
        let allowable: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.info().severity == Severity::Error && c.allowable())
            .map(|c| c.as_str())
            .collect();
        return Err(usage_error(
            format!(
                "`{}` 是错误，不能忽略：--allow 只用于警告和 {}",
                c.as_str(),
                allowable.join("、")
            ),
            format!(
                "`{}` is an error and cannot be allowed: --allow takes warnings and {}",
                c.as_str(),
                allowable.join(", ")
            ),
        ));
    }
    Ok(Levels { deny, allow })
}

pub fn lang(args: &DiagArgs) -> Lang {
    resolve_lang(args.lang)
}

/// The language of the whole command line (`--lang` wherever it stands, else the locale), set
/// once by `main` before parsing so that help and messages agree.
pub static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// `--lang` if given, else the language of the command line.
pub fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => LANG.get().copied().unwrap_or_else(Lang::from_env),
    }
}

pub fn report(diags: &[diag::Diagnostic], format: Format, lang: Lang) {
    match format {
        Format::Json => stdout(&format!("{}\n", diag::to_json(diags, lang))),
        Format::Github => stdout(&diag::to_github(diags, lang)),
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let read = |f: &str| std::fs::read_to_string(f).ok();
            say_raw!("{}", diag::to_human(diags, &read, lang, color));
        }
    }
}

/// Writes to standard output; a reader that has gone (`| head`) ends the program quietly.
pub fn stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        say!("xxgk: {e}");
        std::process::exit(2);
    }
}

/// `n` things in English: "1 file", "2 files".
pub fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "checked 3 files: 1 error, 2 warnings", said by `check` and `build` alike.
pub fn checked_summary(files: usize, errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告"),
        Lang::En => format!(
            "checked {}: {}, {}",
            count(files, "file"),
            count(errors, "error"),
            count(warnings, "warning")
        ),
    }
}

/// The paths given, or `inputs` when none were: a usage error (exit 2) with a hint when there
/// is no `inputs/` here either.
pub fn paths_or_inputs(
    paths: Vec<std::path::PathBuf>,
    command: &str,
    lang: Lang,
) -> Result<Vec<std::path::PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    let inputs = std::path::PathBuf::from("inputs");
    if inputs.exists() {
        return Ok(vec![inputs]);
    }
    anyhow::bail!(match lang {
        Lang::Zh => format!(
            "当前目录下没有 inputs/：请给出报告文件或目录，例如 `xxgk {command} path/to/reports`"
        ),
        Lang::En =>
            format!("no inputs/ here: give a folder or file, e.g. `xxgk {command} path/to/reports`"),
    })
}

/// The paths hold no report at all: said as a usage error (exit 2), so that a job pointed at
/// the wrong folder does not pass for one that checked everything. `published`: published
/// reports were looked for too (`check`).
pub fn no_reports(paths: &[std::path::PathBuf], published: bool, lang: Lang) -> anyhow::Error {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let (kinds_zh, kinds_en) = if published {
        (
            "（.yaml/.yml，或已发布的 .pdf/.docx/.doc/.wps/.html/.htm）",
            " (.yaml/.yml, or published .pdf/.docx/.doc/.wps/.html/.htm)",
        )
    } else {
        ("（.yaml/.yml）", " (.yaml/.yml)")
    };
    match lang {
        Lang::Zh => anyhow::anyhow!("{} 中没有报告文件{kinds_zh}：请检查路径", shown.join("、")),
        Lang::En => anyhow::anyhow!(
            "no report files{kinds_en} in {}: check the path",
            shown.join(", ")
        ),
    }
}

/// One line per file whose table checks did not run because it could not be read right.
pub fn unchecked_notes(files: &[String], lang: Lang) {
    for f in files {
        match lang {
            Lang::Zh => say!("{f}: 请先改正以上错误：此文件的表格核对（勾稽关系等）尚未进行"),
            Lang::En => say!("{f}: fix these first: the table checks of this file did not run"),
        }
    }
}

/// An error as the clerk reads it: its chain of causes joined by `: `, an OS error said in
/// Chinese under zh (`没有权限（…）` rather than `Permission denied (os error 13)`).
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|c| match (lang, c.downcast_ref::<std::io::Error>()) {
            (Lang::Zh, Some(io)) => diag::messages::os_error_zh(io),
            _ => c.to_string(),
        })
        .collect();
    parts.join(if lang == Lang::Zh { "：" } else { ": " })
}

/// What to say of a file or folder that could not be written, as the context of its error.
pub fn cannot_write(p: &std::path::Path) -> String {
    match resolve_lang(None) {
        Lang::Zh => format!("无法写入 {}", p.display()),
        Lang::En => format!("cannot write {}", p.display()),
    }
}

/// A usage error in the language of the command line.
pub fn usage_error(zh: String, en: String) -> anyhow::Error {
    match resolve_lang(None) {
        Lang::Zh => anyhow::anyhow!(zh),
        Lang::En => anyhow::anyhow!(en),
    }
}

/// `FILE exists; use --force`, the same for every command that writes one file.
pub fn exists_error(p: &std::path::Path) -> anyhow::Error {
    usage_error(
        format!("{} 已存在；如需覆盖请加 --force", p.display()),
        format!("{} exists; use --force to overwrite", p.display()),
    )
}
