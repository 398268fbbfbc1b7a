//! The HTTP side of `serve` (axum on tokio): files of the output folder only, HTML pages with
//! the preview's additions, and the Server-Sent Events that tell open pages to reload.

use super::Shared;
use super::page::{self, PageCtx, PdfStatus};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The path of the event stream; nothing of the output folder can be named so (a name starting
/// with `_` is never an output: slots come from the inputs' paths, but `__xxgk` is reserved).
pub const EVENTS: &str = "/__xxgk/events";

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .fallback(get(file))
        .with_state(shared)
}

/// Each generation of the build, the current one first: a page showing another reloads.
async fn events(
    State(s): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = s.generation.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let g = *rx.borrow_and_update();
        Some((Ok(Event::default().data(g.to_string())), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(State(s): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path().to_string();
    let shared = s.clone();
    let response = tokio::task::spawn_blocking(move || respond(&shared, &path))
        .await
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR));
    if s.verbose {
        (s.log)(&format!(
            "GET {} {}",
            uri.path(),
            response.status().as_u16()
        ));
    }
    response
}

fn status(code: StatusCode) -> Response {
    let mut r = (code, code.canonical_reason().unwrap_or("")).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn not_found() -> Response {
    status(StatusCode::NOT_FOUND)
}

/// The content type of a file served, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "md" | "typ" | "txt" | "yaml" | "yml" => "text/plain; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

fn ok(body: impl Into<Body>, path: &str) -> Response {
    let mut r = Response::new(body.into());
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The request path as a path below the folder served, `/`-separated, or `None` for anything
/// that could leave it or name what is not an output: `..` and `.` segments (plain or
/// percent-encoded), backslashes, NUL, empty segments (`//etc`), hidden names (the manifest,
/// temporary files). A trailing `/` gives a trailing empty segment: a folder.
pub fn relative(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.strip_prefix('/')?)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if (seg.is_empty() && i != last) || seg.starts_with('.') || seg.contains(':') {
            return None;
        }
    }
    Some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file `rel` below `root` (both taken with links resolved), when it is a file there.
fn under(root: &Path, rel: &str) -> Option<PathBuf> {
    let p = std::fs::canonicalize(root.join(rel)).ok()?;
    (p.starts_with(root) && p.is_file()).then_some(p)
}

fn read_under(root: &Path, rel: &str) -> Option<Vec<u8>> {
    std::fs::read(under(root, rel)?).ok()
}

fn respond(s: &Shared, raw: &str) -> Response {
    let Some(mut rel) = relative(raw) else {
        return not_found();
    };
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let snapshot = s.snapshot();
    let ctx = PageCtx {
        lang: s.lang,
        generation: *s.generation.borrow(),
        snapshot: &snapshot,
    };
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    if rel == "index.html" {
        let base = read_under(&s.out, &rel).map(text);
        return ok(page::index_page(base.as_deref(), &ctx), &rel);
    }
    if let Some(slot) = rel.strip_suffix(".html") {
        if let Some(r) = snapshot.report(slot) {
            let from_disk;
            let base = if r.errors > 0 {
                r.draft.as_deref().or(r.last_good.as_deref())
            } else {
                from_disk = read_under(&s.out, &rel).map(text);
                from_disk.as_deref()
            };
            let pdf = s.pdf_status(r);
            return ok(page::report_page(base, r, &pdf, &ctx), &rel);
        }
        return match read_under(&s.out, &rel) {
            Some(b) => ok(page::other_page(&text(b), &ctx), &rel),
            None => not_found(),
        };
    }
    let pdf = rel
        .ends_with(".pdf")
        .then(|| s.pdf_dir.as_deref().and_then(|d| read_under(d, &rel)))
        .flatten();
    match pdf.or_else(|| read_under(&s.out, &rel)) {
        Some(b) => ok(b, &rel),
        None => not_found(),
    }
}

impl Shared {
    fn pdf_status(&self, r: &super::state::ReportState) -> PdfStatus {
        let Some(dir) = &self.pdf_dir else {
            return PdfStatus::Off;
        };
        let pdf = self.pdf.lock().unwrap_or_else(|e| e.into_inner());
        if r.errors > 0 {
            PdfStatus::None
        } else if pdf.building {
            PdfStatus::Building
        } else if let Some(msg) = pdf.failures.get(&r.name) {
            PdfStatus::Failed(msg.clone())
        } else if under(dir, &format!("{}.pdf", r.slot)).is_some() {
            PdfStatus::Ready
        } else if let Some(hint) = &pdf.hint {
            PdfStatus::Failed(hint.clone())
        } else {
            PdfStatus::Building
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_folder_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/%2e%2e/%2e%2e/x",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/.xxgk-manifest.json",
            "/a/./b",
            "/x%00.html",
            "/C:/Windows",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "relative",
        ] {
            assert_eq!(relative(bad), None, "{bad}");
        }
        assert_eq!(relative("/").as_deref(), Some(""));
        assert_eq!(relative("/2023/a.html").as_deref(), Some("2023/a.html"));
        assert_eq!(relative("/2023/").as_deref(), Some("2023/"));
        assert_eq!(
            relative("/2023/%E7%A4%BA%E4%BE%8B.html").as_deref(),
            Some("2023/示例.html")
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a/b.md"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a/b.pdf"), "application/pdf");
        assert_eq!(content_type("a/b.json"), "application/json");
        assert_eq!(content_type("a/b"), "application/octet-stream");
    }
}
