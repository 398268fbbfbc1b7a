//! `xxgk new`: this year's input file, from scratch or carried on from last year's.

use super::args::{Format, NewArgs};
use super::term::{exists_error, report, resolve_lang, stdout, usage_error};
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use xxgk::Severity;
use xxgk::diag::Lang;

pub fn run(args: NewArgs) -> Result<ExitCode> {
    let NewArgs {
        agency,
        year,
        from,
        edition,
        output,
        force,
        schema,
        lang,
    } = args;
    let lang = resolve_lang(lang);
    let last = match &from {
        Some(p) => {
            let name = p.to_string_lossy().to_string();
            let loaded = xxgk::input::load::load_file(p, &name);
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            if !errors.is_empty() || loaded.report.is_none() {
                report(&errors, Format::Human, lang);
                return Err(usage_error(
                    format!("{name}：上一年的文件有错误，请先改正"),
                    format!("{name}: fix the errors of last year's file first"),
                ));
            }
            loaded.report
        }
        None => None,
    };
    let year = match (year, &last) {
        (Some(y), Some(r)) if y != r.year + 1 => {
            say!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "注意：--from 是 {} 年度的报告，而新文件是 {y} 年度；上年结转等数字仍取自 {} 年度",
                        r.year, r.year
                    ),
                    Lang::En => format!(
                        "note: --from is the {} report but the new file is for {y}; the carried-over figures still come from {}",
                        r.year, r.year
                    ),
                }
            );
            y
        }
        (Some(y), _) => y,
        (None, Some(r)) => r.year + 1,
        (None, None) => {
            return Err(usage_error(
                "没有 --from 时，请用 --year 指定年度".into(),
                "--year is required without --from".into(),
            ));
        }
    };
    if agency.is_none() && last.is_none() {
        return Err(usage_error(
            "没有 --from 时，请用 --agency 指定机关名称".into(),
            "--agency is required without --from".into(),
        ));
    }
    let edition = match edition {
        Some(e) => Some(xxgk::Edition::parse(e.trim()).ok_or_else(|| {
            let keys: Vec<&str> = xxgk::format::all().iter().map(|e| e.key()).collect();
            usage_error(
                format!("没有 `{e}` 版格式：可用 {}", keys.join("、")),
                format!("unknown edition `{e}`: use {}", keys.join(" or ")),
            )
        })?),
        None => None,
    };
    let today = xxgk::report::Date::today();
    if year < 2019 {
        // `check` refuses it (invalid-year): said now, with the same words.
        let m = xxgk::diag::messages::year_too_early(year as i64);
        match lang {
            Lang::Zh => say!("注意：{}；xxgk check 会报 invalid-year", m.zh),
            Lang::En => say!("note: {}; xxgk check will say invalid-year", m.en),
        }
    } else if year == today.year {
        match lang {
            Lang::Zh => say!(
                "提示：{year} 年度尚未结束（今天是 {}）：年底前可以先填，数字以全年为准，次年公布",
                today.chinese()
            ),
            Lang::En => say!(
                "note: the year {year} has not ended (today is {today}): fill it in ahead if you like; the figures are the whole year's, published next year"
            ),
        }
    }
    if year > today.year {
        match lang {
            Lang::Zh => say!(
                "注意：{year} 年度尚未开始（今天是 {}）；年度报告写的是已结束的年度，xxgk check 会报 invalid-year",
                today.chinese()
            ),
            Lang::En => say!(
                "note: the year {year} has not begun (today is {today}); a report is on a year that has ended, and xxgk check will say invalid-year"
            ),
        }
    }
    let schema = schema.or_else(|| {
        let found = find_schema(output.as_deref());
        if found.is_none() {
            match lang {
                Lang::Zh => say!(
                    "注意：新文件所在目录及其上级目录中没有 xxgk.schema.json，未写编辑器提示行；在项目目录运行 `xxgk schema -o xxgk.schema.json` 后再生成即可"
                ),
                Lang::En => say!(
                    "note: no xxgk.schema.json in the new file's folder or above it, so no editor modeline was written; run `xxgk schema -o xxgk.schema.json` in the project folder first"
                ),
            }
        }
        found
    });
    let (text, notes) = xxgk::author::scaffold::new_report(&xxgk::author::scaffold::NewOptions {
        agency,
        year,
        edition,
        from: last.as_ref(),
        schema: schema.unwrap_or_default(),
    });
    for n in notes {
        say!("{n}");
    }
    match output {
        None => stdout(&text),
        Some(p) => {
            if p.exists() && !force {
                return Err(exists_error(&p));
            }
            xxgk::util::output::write_atomic(&p, text.as_bytes())?;
            say!("{}", p.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `xxgk.schema.json` in the new file's folder (the current one for standard output) or the
/// nearest above it, as a path relative to that folder: what the editor's modeline needs.
fn find_schema(output: Option<&Path>) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let start = match output.and_then(Path::parent) {
        Some(d) if !d.as_os_str().is_empty() => cwd.join(d),
        _ => cwd,
    };
    start
        .ancestors()
        .enumerate()
        .find(|(_, d)| d.join("xxgk.schema.json").is_file())
        .map(|(up, _)| format!("{}xxgk.schema.json", "../".repeat(up)))
}
