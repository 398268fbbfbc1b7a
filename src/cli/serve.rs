//! `xxgk serve`: the live preview (the work is in `xxgk::serve`; here the options and the
//! terminal).

use super::args::ServeArgs;
use super::build::build_options;
use super::term::{lang, levels, paths_or_inputs, report};
use anyhow::Result;
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;
use std::sync::Arc;
use xxgk::diag::Lang;
use xxgk::serve::{self, ServeOptions};

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let ServeArgs {
        paths,
        port,
        bind,
        out,
        open,
        verbose,
        render,
        diag: args,
    } = args;
    let lang = lang(&args);
    let paths = paths_or_inputs(paths, "serve", lang)?;
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let bind = bind.unwrap_or(loopback);
    if !bind.is_loopback() {
        say!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "警告：监听 {bind}，同一网络中的其他人也能打开这些报告（包括有错误、尚未发布的）"
                ),
                Lang::En => format!(
                    "warning: listening on {bind}: others on the network can read these reports too (unpublished ones with errors included)"
                ),
            }
        );
    }
    let keep_out = out.is_some();
    let opts = ServeOptions {
        paths,
        build: build_options(render, out.unwrap_or_default(), levels(&args)?, false)?,
        keep_out,
        bind,
        port,
        lang,
        verbose,
    };
    let log: serve::Log = Arc::new(|line: &str| say!("{line}"));
    let format = args.format;
    serve::run(opts, log, |addr, first| {
        // What the first build found, as `check` says it; then where to look.
        let diags: Vec<_> = first
            .reports
            .iter()
            .flat_map(|r| &r.diags)
            .chain(&first.other)
            .map(|s| s.diag.clone())
            .collect();
        report(&diags, format, lang);
        say!("{}", serve::summary(first, lang));
        let url = format!("http://{addr}/");
        match lang {
            Lang::Zh => say!("预览：{url}（保存文件即自动更新；按 Ctrl-C 停止）"),
            Lang::En => say!("serving {url} (rebuilt on every save; Ctrl-C stops)"),
        }
        if open {
            open_browser(&url, lang);
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens `url` in the desktop's browser; says so when there is none.
fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // Reaped when it ends (xdg-open returns once the browser is asked).
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => match lang {
            Lang::Zh => say!("无法打开浏览器（找不到 {opener}）：请手动打开 {url}"),
            Lang::En => say!("cannot open a browser ({opener} not found): open {url} yourself"),
        },
    }
}
