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
                    anyhow::anyhow!(
                        "unknown diagnostic code `{s}`{hint} (`xxgk codes` lists them all)"
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
    if let Some(c) = allow.iter().find(|c| c.info().severity == Severity::Error) {
        anyhow::bail!(
            "`{}` is an error and cannot be allowed: only warnings can (错误不能被忽略，只有警告可以)",
            c.as_str()
        );
    }
    Ok(Levels { deny, allow })
}

pub fn lang(args: &DiagArgs) -> Lang {
    resolve_lang(args.lang)
}

/// `--lang` if given, else the locale.
pub fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

pub fn report(diags: &[diag::Diagnostic], format: Format, lang: Lang) {
    match format {
        Format::Json => stdout(&format!("{}\n", diag::to_json(diags, lang))),
        Format::Github => stdout(&diag::to_github(diags, lang)),
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let read = |f: &str| std::fs::read_to_string(f).ok();
            eprint!("{}", diag::to_human(diags, &read, lang, color));
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
        eprintln!("xxgk: {e}");
        std::process::exit(2);
    }
}
