//! `xxgk serve` over HTTP as a browser would use it: what is served and what never is, the
//! loopback binding, content types, rebuilds on save, the problems in the page, a clean stop.

mod common;
mod serve_support;

use common::VALID_2021;
use serve_support::*;
use std::path::Path;

/// A folder with `inputs/2022/a.yaml` (valid) and `inputs/2022/b.yaml`.
fn folder(b: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs/2022");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.yaml"), VALID_2021).unwrap();
    std::fs::write(
        inputs.join("b.yaml"),
        b.replace("示例县测试局", "示例县另一局"),
    )
    .unwrap();
    dir
}

fn wrong_total() -> String {
    VALID_2021.replace("new: [9, 2, 0, 0, 1, 1, 13]", "new: [9, 2, 0, 0, 1, 1, 14]")
}

#[test]
fn serves_the_folder_and_nothing_outside_it() {
    let dir = folder(VALID_2021);
    // A secret beside the output folder, and a link to it from inside.
    let out = dir.path().join("site");
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    let server = Server::start(dir.path(), &["--out", "site", "--formats", "md,html,json"]);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback by default: {}",
        server.addr
    );
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("2022/link.md")).unwrap();
    std::os::unix::fs::symlink(dir.path(), out.join("2022/up")).unwrap();

    let (status, ctype, body) = server.get("/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        body.contains("2022/a.html") && body.contains("2022/b.html"),
        "{body}"
    );
    assert!(body.contains("EventSource"), "the reload script is served");

    let (status, ctype, body) = server.get("/2022/a.html");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("示例县测试局") && body.contains("/__xxgk/events"));
    // Never in the file on disk.
    let on_disk = std::fs::read_to_string(out.join("2022/a.html")).unwrap();
    assert!(!on_disk.contains("__xxgk") && !on_disk.contains("xxgk-bar"));

    let (status, ctype, body) = server.get("/2022/a.md");
    assert_eq!((status, ctype.as_str()), (200, "text/plain; charset=utf-8"));
    assert_eq!(
        body,
        std::fs::read_to_string(out.join("2022/a.md")).unwrap()
    );
    let (status, ctype, _) = server.get("/2022/a.json");
    assert_eq!((status, ctype.as_str()), (200, "application/json"));

    for bad in [
        "/../secret.txt",
        "/2022/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/2022/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        &format!("/{}", dir.path().join("secret.txt").display()),
        &format!("//{}", dir.path().join("secret.txt").display()),
        "/etc/passwd",
        "//etc/passwd",
        "/2022/link.md",
        "/2022/up/secret.txt",
        "/.xxgk-manifest.json",
        "/2022/",
        "/2022",
        "/nothing.html",
    ] {
        let (status, _, body) = server.get(bad);
        assert_eq!(status, 404, "{bad}: {body}");
        assert!(!body.contains("SECRET"), "{bad}");
    }
    // Nothing printed per request without --verbose.
    let log = server.log.lock().unwrap().clone();
    assert!(!log.contains("GET "), "{log}");
    assert!(server.stop().success());
    // --out is kept.
    assert!(out.join("2022/a.html").is_file());
}

#[test]
fn verbose_prints_each_request_and_bind_warns() {
    let dir = folder(VALID_2021);
    let server = Server::start(
        dir.path(),
        &["--verbose", "--bind", "0.0.0.0", "--formats", "html"],
    );
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let (status, _, _) = get(&format!("127.0.0.1:{port}"), "/2022/a.html");
    assert_eq!(status, 200);
    server.wait_log("others on the network can read");
    server.wait_log("GET /2022/a.html 200");
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let dir = folder(VALID_2021);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start(
        dir.path(),
        &["--formats", "html", "--port", &port.to_string()],
    );
    let got: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(got > port, "{got} after {port}");
}

#[test]
fn edits_are_served_and_problems_shown_then_gone() {
    let dir = folder(VALID_2021);
    let server = Server::start(dir.path(), &["--formats", "html"]);
    let a = dir.path().join("inputs/2022/a.yaml");
    let page = "/2022/a.html";
    let (_, _, body) = server.get(page);
    assert!(
        !body.contains("xxgk-panel\" id=\"xxgk-panel"),
        "no panel at first"
    );

    // A new figure, saved by rename.
    save_by_rename(
        &a,
        &VALID_2021.replace(
            "licensing: {decisions: 120}",
            "licensing: {decisions: 4321}",
        ),
    );
    server.wait_for(page, 30, "the new figure 4321", |b| b.contains("4321"));

    // A wrong 总计: the panel, the code, the line, the draft with the new figure.
    std::fs::write(&a, wrong_total()).unwrap();
    let body = server.wait_for(page, 30, "the panel with row-total", |b| {
        b.contains("row-total")
    });
    assert!(body.contains("id=\"xxgk-panel\""), "{body}");
    let line = wrong_total()
        .lines()
        .position(|l| l.contains("new: [9, 2, 0, 0, 1, 1, 14]"))
        .unwrap()
        + 1;
    // Escaped as the templates escape (`/` as `&#x2F;`).
    assert!(body.contains(&format!("a.yaml:{line}:")), "{body}");
    assert!(
        body.contains("new: [9, 2, 0, 0, 1, 1, <mark>14</mark>]"),
        "the source line, the spot marked"
    );
    assert!(body.contains("data-cells=\"applications:3:7\""), "the cell");
    // The index says so.
    let (_, _, index) = server.get("/");
    assert!(index.contains("class=\"xxgk-bad\""), "{index}");
    assert!(
        index.contains("2 errors") || index.contains("1 error"),
        "{index}"
    );

    // Fixed: the panel goes.
    save_by_rename(&a, VALID_2021);
    server.wait_for(page, 30, "the panel gone", |b| {
        !b.contains("row-total") && b.contains("示例县测试局")
    });
    let (_, _, index) = server.get("/");
    assert!(!index.contains("class=\"xxgk-bad\""), "{index}");

    // Ctrl-C: stops, its temporary folder gone.
    let tmp = server.tmp.clone();
    assert!(server.stop().success());
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "left behind in TMPDIR: {left:?}");
}

#[test]
fn a_report_that_cannot_be_read_keeps_its_last_good_page() {
    let dir = folder(VALID_2021);
    let server = Server::start(dir.path(), &["--formats", "html"]);
    let b = dir.path().join("inputs/2022/b.yaml");
    std::fs::write(&b, "year: [2022\nagency: x\n").unwrap();
    let body = server.wait_for("/2022/b.html", 30, "the YAML error", |t| {
        t.contains("id=\"xxgk-panel\"")
    });
    assert!(
        body.contains("示例县另一局"),
        "the last good page stays: {body}"
    );
    assert!(Path::new(&dir.path().join("inputs/2022/a.yaml")).exists());
}

#[test]
fn the_pdf_is_made_in_the_background_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs/2022");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.yaml"), VALID_2021).unwrap();
    let server = Server::start(dir.path(), &["--formats", "html,pdf"]);
    // The page says the PDF is being made, then links it.
    let body = server.wait_for("/2022/a.html", 180, "the PDF link", |b| {
        b.contains("<a href=\"&#x2F;2022&#x2F;a.pdf\">PDF</a>")
    });
    assert!(body.contains("id=\"xxgk-pdf\""));
    let (status, ctype, pdf) = server.get("/2022/a.pdf");
    assert_eq!((status, ctype.as_str()), (200, "application/pdf"));
    assert!(pdf.starts_with("%PDF"));
    assert!(server.stop().success());
}

/// typst failing (here a stand-in that answers `--version` and `fonts` like typst and fails
/// to compile with a message) is said on the report's page, with what typst said, and the
/// page itself is served all the same; nothing links a PDF that is not there.
#[cfg(unix)]
#[test]
fn a_typst_failure_is_shown_on_the_page_and_the_page_still_served() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs/2022");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.yaml"), VALID_2021).unwrap();
    let fake = dir.path().join("fake-typst");
    std::fs::write(
        &fake,
        "#!/bin/sh\ncase \"$1\" in\n  --version) echo 'typst 0.15.1';;\n  \
         fonts) echo 'Noto Serif CJK SC'; echo 'Noto Sans CJK SC';;\n  \
         *) echo 'error: font stack overflowed <b>' >&2; exit 1;;\nesac\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let typst = fake.to_str().unwrap();
    let server = Server::start(dir.path(), &["--formats", "html,pdf", "--typst", typst]);
    let body = server.wait_for("/2022/a.html", 60, "the PDF failure", |b| {
        b.contains("PDF not made:")
    });
    assert!(
        body.contains("font stack overflowed &lt;b&gt;"),
        "typst's words, escaped: {body}"
    );
    assert!(
        !body.contains("<a href=\"&#x2F;2022&#x2F;a.pdf\">PDF</a>"),
        "{body}"
    );
    // The report itself is there.
    assert!(body.contains("示例县"), "{body}");
    let (status, _, _) = server.get("/2022/a.pdf");
    assert_eq!(status, 404);
    assert!(server.stop().success());
}

#[test]
fn templates_are_watched_and_deleted_reports_go() {
    let dir = folder(VALID_2021);
    let tpl = dir.path().join("tpl");
    let ejected = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["templates", "eject"])
        .arg(&tpl)
        .output()
        .unwrap();
    assert!(ejected.status.success());
    let server = Server::start(dir.path(), &["--formats", "html", "--templates", "tpl"]);
    let report = tpl.join("report.html.tera");
    let text = std::fs::read_to_string(&report).unwrap();
    let changed = text.replacen("<body", "<!-- TEMPLATE-EDITED --><body", 1);
    assert_ne!(text, changed, "the template has a body");
    std::fs::write(&report, changed).unwrap();
    server.wait_for("/2022/a.html", 30, "the edited template", |b| {
        b.contains("TEMPLATE-EDITED")
    });
    std::fs::remove_file(dir.path().join("inputs/2022/b.yaml")).unwrap();
    server.wait_for("/", 30, "b.yaml gone from the index", |b| {
        b.contains("2022&#x2F;a.yaml") && !b.contains("2022&#x2F;b.yaml")
    });
    let (status, _, _) = server.get("/2022/b.html");
    assert_eq!(status, 404);
}

#[test]
fn every_report_of_the_examples_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let mut slots = Vec::new();
    for entry in walkdir::WalkDir::new(&inputs) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&inputs).unwrap();
        let to = dir.path().join("inputs").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else if rel.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(entry.path(), &to).unwrap();
            slots.push(rel.with_extension("").to_string_lossy().replace('\\', "/"));
        }
    }
    assert!(slots.len() >= 5, "{slots:?}");
    let server = Server::start(dir.path(), &["--formats", "md,html"]);
    let (status, _, index) = server.get("/");
    assert_eq!(status, 200);
    for slot in &slots {
        assert!(
            index.contains(&format!("/{}.html", slot.replace('/', "&#x2F;"))),
            "{slot} on the index"
        );
        let (status, ctype, body) = server.get(&format!("/{slot}.html"));
        assert_eq!(
            (status, ctype.as_str()),
            (200, "text/html; charset=utf-8"),
            "{slot}"
        );
        assert!(
            !body.contains("id=\"xxgk-panel\""),
            "{slot} has no problems"
        );
        let (status, _, _) = server.get(&format!("/{slot}.md"));
        assert_eq!(status, 200, "{slot}.md");
    }
}
