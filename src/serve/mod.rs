//! `xxgk serve`: a live preview. The inputs are checked and built as `build` does (the same
//! check, the same incremental build into an output folder), the folder is served over HTTP,
//! and every change of an input or a template rebuilds what changed and reloads the open
//! pages. A report with problems is shown with them: a panel listing every diagnostic, the
//! table cells concerned marked. PDFs are made in the background, after the pages.
//!
//! Threads: the HTTP server on a small tokio runtime; one thread rebuilding when the watcher
//! says so; one making PDFs after each rebuild. The state of a rebuild is one immutable
//! [`Snapshot`], swapped whole.

pub mod cells;
pub mod http;
pub mod page;
pub mod state;
pub mod watch;

use crate::build::{BuildOptions, Format};
use crate::diag::Lang;
pub use state::{Builder, Snapshot};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};

/// Where terminal lines go (the command line's `say!`).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

pub struct ServeOptions {
    pub paths: Vec<PathBuf>,
    /// The build's options; `out` is the folder served (a temporary one unless `--out`). With
    /// PDF among the formats, PDFs are made in the background into a folder of their own.
    pub build: BuildOptions,
    /// Whether `build.out` was given (kept) or is to be a temporary folder (removed at the end).
    pub keep_out: bool,
    pub bind: IpAddr,
    /// The first port tried; the next ones when it is taken (0: any free port).
    pub port: u16,
    pub lang: Lang,
    pub verbose: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("cannot watch the inputs: {0}")]
    Watch(#[from] notify::Error),
    #[error("no free port from {0} to {1}")]
    NoPort(u16, u16),
}

/// Where the PDFs stand.
#[derive(Default)]
pub struct PdfState {
    pub building: bool,
    /// By input name: why its PDF was not made.
    pub failures: HashMap<String, String>,
    /// What all of them lacked (typst not found, how to install it).
    pub hint: Option<String>,
}

/// What the server and the builders share.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Bumped after each rebuild: open pages reload when it is not theirs.
    pub generation: tokio::sync::watch::Sender<u64>,
    pub pdf: Mutex<PdfState>,
    /// The folder served, with links resolved.
    pub out: PathBuf,
    pub pdf_dir: Option<PathBuf>,
    pub lang: Lang,
    pub verbose: bool,
    pub log: Log,
}

impl Shared {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn publish(&self, s: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s);
        self.bump();
    }

    fn bump(&self) {
        self.generation.send_modify(|g| *g += 1);
    }
}

/// How many ports after the first are tried.
const PORTS_TRIED: u16 = 50;

/// Binds `addr`'s port, or the next free one.
pub fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    if port == 0 {
        return Ok(TcpListener::bind(SocketAddr::new(ip, 0))?);
    }
    let last = port.saturating_add(PORTS_TRIED);
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServeError::NoPort(port, last))
}

/// One line on a rebuild: how long it took, what it found.
pub fn summary(s: &Snapshot, lang: Lang) -> String {
    let errors = s.count(crate::Severity::Error);
    let warnings = s.count(crate::Severity::Warning);
    let ms = s.took.as_millis();
    let mut line = match lang {
        Lang::Zh => format!(
            "已生成（{ms} 毫秒）：{} 份报告，{errors} 个错误，{warnings} 个警告",
            s.reports.len()
        ),
        Lang::En => format!(
            "built ({ms} ms): {} reports, {errors} errors, {warnings} warnings",
            s.reports.len()
        ),
    };
    for f in &s.failures {
        line.push_str(&format!("\n{}: {}", f.file, f.message(lang)));
    }
    if let Some((zh, en)) = &s.problem {
        line.push('\n');
        line.push_str(if lang == Lang::Zh { zh } else { en });
    }
    line
}

/// Runs the preview until Ctrl-C (or SIGTERM): builds, serves, watches. `ready` is told the
/// address once the server listens, after the first build. A temporary output folder is
/// removed at the end.
pub fn run(
    opts: ServeOptions,
    log: Log,
    ready: impl FnOnce(SocketAddr, &Snapshot),
) -> Result<(), ServeError> {
    let temp = tempfile::Builder::new().prefix("xxgk-serve-").tempdir()?;
    let mut html_opts = opts.build.clone();
    if !opts.keep_out {
        html_opts.out = temp.path().join("site");
    }
    std::fs::create_dir_all(&html_opts.out)?;
    let wants_pdf = html_opts.formats.contains(&Format::Pdf);
    html_opts.formats.retain(|&f| f != Format::Pdf);
    if !html_opts.formats.contains(&Format::Html) {
        html_opts.formats.push(Format::Html);
        html_opts.formats.sort();
    }
    // Half the cores for typst: the pages come first.
    let pdf_opts = wants_pdf.then(|| BuildOptions {
        out: temp.path().join("pdf"),
        formats: vec![Format::Pdf],
        jobs: (html_opts.jobs / 2).max(1),
        ..html_opts.clone()
    });
    let watched = watch::Watched::new(&opts.paths, html_opts.templates.as_deref(), &html_opts.out);

    let mut builder = Builder::new(opts.paths.clone(), html_opts.clone());
    let first = builder.rebuild();
    let out = std::fs::canonicalize(&html_opts.out)?;
    let pdf_dir = match &pdf_opts {
        Some(p) => {
            std::fs::create_dir_all(&p.out)?;
            Some(std::fs::canonicalize(&p.out)?)
        }
        None => None,
    };
    let listener = bind(opts.bind, opts.port)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(first)),
        generation: tokio::sync::watch::Sender::new(1),
        pdf: Mutex::new(PdfState {
            building: pdf_opts.is_some(),
            ..PdfState::default()
        }),
        out,
        pdf_dir,
        lang: opts.lang,
        verbose: opts.verbose,
        log: log.clone(),
    });

    // PDFs: after each rebuild, in the background.
    let (pdf_tx, pdf_rx) = mpsc::channel::<()>();
    if let Some(p) = pdf_opts {
        let shared = shared.clone();
        let paths = opts.paths.clone();
        std::thread::spawn(move || pdf_worker(&shared, &paths, &p, &pdf_rx));
        let _ = pdf_tx.send(());
    }

    // Rebuilds, when the watcher says so.
    let (tx, rx) = mpsc::channel::<()>();
    let watcher = watch::start(watched, tx)?;
    {
        let shared = shared.clone();
        let pdf_tx = pdf_tx.clone();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // Changes that came during the last rebuild are all in the next one.
                while rx.try_recv().is_ok() {}
                let s = builder.rebuild();
                (shared.log)(&summary(&s, shared.lang));
                // The pages published now say that their PDFs are being made: one reload for
                // the pages, one when the PDFs are there.
                if shared.pdf_dir.is_some() {
                    shared
                        .pdf
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .building = true;
                }
                shared.publish(s);
                let _ = pdf_tx.send(());
            }
        });
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        ready(addr, &shared.snapshot());
        let app = http::router(shared.clone());
        tokio::select! {
            r = axum::serve(listener, app) => r,
            () = shutdown_signal() => Ok(()),
        }
    });
    // Open event streams and requests in flight are dropped with the runtime.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    drop(watcher);
    drop(temp);
    served?;
    Ok(())
}

/// Makes the PDFs of the reports without errors after each rebuild, one build at a time.
fn pdf_worker(shared: &Shared, paths: &[PathBuf], opts: &BuildOptions, rx: &mpsc::Receiver<()>) {
    while rx.recv().is_ok() {
        while rx.try_recv().is_ok() {}
        shared
            .pdf
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .building = true;
        let checked = crate::check::check_paths(paths, &opts.levels, opts.jobs);
        let result = crate::build::build_checked(checked, opts, &|_, _, _| {});
        let mut state = shared.pdf.lock().unwrap_or_else(|e| e.into_inner());
        state.building = false;
        state.failures.clear();
        state.hint = None;
        match result {
            Ok(r) => {
                for f in r.failures {
                    let msg = f.message(shared.lang).to_string();
                    state.failures.insert(f.file, msg);
                }
                state.hint = r
                    .hints
                    .first()
                    .map(|(zh, en)| if shared.lang == Lang::Zh { zh } else { en }.clone());
            }
            Err(e) => state.hint = Some(e.to_string()),
        }
        drop(state);
        shared.bump();
    }
}

/// Ctrl-C, or SIGTERM (a service manager, a test).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
