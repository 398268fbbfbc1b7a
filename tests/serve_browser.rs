//! `xxgk serve` in a real browser: headless Chromium (Debian `chromium`, installed by
//! scripts/setup-test.sh) opens a report, and the test only edits the YAML and reads the page
//! through the Chrome DevTools Protocol — it never reloads it. The new figure must appear, a
//! wrong 总计 must bring the panel (with `row-total`, the line, the cell marked), the fix must
//! take it away. Every wait is bounded and says what it waited for.

mod common;
mod serve_support;

use common::VALID_2021;
use serde_json::{Value, json};
use serve_support::*;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The browser: `$XXGK_CHROMIUM`, else `chromium` on PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("XXGK_CHROMIUM") {
        return PathBuf::from(p);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("chromium"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "chromium not found: install the Debian package `chromium` (scripts/setup-test.sh does), or set XXGK_CHROMIUM"
        )
    })
}

struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts headless Chromium on `url` and connects to that page.
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1280,2000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let port = wait("chromium's DevTools port", 60, || {
            let text = std::fs::read_to_string(profile.path().join("DevToolsActivePort")).ok()?;
            text.lines().next()?.trim().parse::<u16>().ok()
        });
        let page_ws = wait("the page in chromium's target list", 30, || {
            let (status, _, body) = get(&format!("127.0.0.1:{port}"), "/json/list");
            if status != 200 {
                return None;
            }
            let list: Value = serde_json::from_str(&body).ok()?;
            list.as_array()?
                .iter()
                .find(|t| {
                    t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url))
                })
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_string))
        });
        let (ws, _) = tungstenite::connect(page_ws.as_str()).expect("connect to the page");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        }
        Browser {
            child,
            ws,
            next_id: 1,
            _profile: profile,
        }
    }

    /// Evaluates `js` in the page; its value as JSON.
    fn eval(&mut self, js: &str) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"id": id, "method": "Runtime.evaluate",
            "params": {"expression": js, "returnByValue": true}});
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send to chromium");
        loop {
            let m = self.ws.read().expect("read from chromium");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["id"] == id {
                return v["result"]["result"]["value"].clone();
            }
        }
    }

    /// Waits (bounded) until `js` is true in the page.
    fn wait_until(&mut self, what: &str, js: &str, server: &Server) {
        let start = Instant::now();
        while self.eval(js) != Value::Bool(true) {
            if start.elapsed() > Duration::from_secs(30) {
                let text = self.eval("document.body ? document.body.innerText : ''");
                panic!(
                    "{what}: not seen in the browser within 30 s.\nserver said:\n{}\npage text:\n{}",
                    server.log.lock().unwrap(),
                    text.as_str()
                        .unwrap_or_default()
                        .chars()
                        .take(3000)
                        .collect::<String>()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait<T>(what: &str, secs: u64, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "{what}: not there within {secs} s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn write(path: &Path, text: &str) {
    save_by_rename(path, text);
}

#[test]
fn the_page_follows_the_yaml_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs/2022");
    std::fs::create_dir_all(&inputs).unwrap();
    let a = inputs.join("a.yaml");
    std::fs::write(&a, VALID_2021).unwrap();
    let server = Server::start(dir.path(), &["--formats", "html"]);
    let mut browser = Browser::open(&server.url("/2022/a.html"));
    browser.wait_until(
        "the report",
        "document.body.innerText.includes('示例县测试局') && !document.getElementById('xxgk-panel')",
        &server,
    );
    // A mark that a reload wipes: the page must reload by itself.
    browser.eval("window.__before = 1");

    // A new figure.
    write(
        &a,
        &VALID_2021.replace(
            "licensing: {decisions: 120}",
            "licensing: {decisions: 4321}",
        ),
    );
    browser.wait_until(
        "the new figure 4321",
        "document.body.innerText.includes('4321')",
        &server,
    );
    assert_eq!(
        browser.eval("window.__before === undefined"),
        Value::Bool(true)
    );

    // A wrong 总计: the panel with row-total and the line; the cell marked.
    let wrong = VALID_2021.replace("new: [9, 2, 0, 0, 1, 1, 13]", "new: [9, 2, 0, 0, 1, 1, 14]");
    let line = wrong.lines().position(|l| l.contains("1, 1, 14]")).unwrap() + 1;
    write(&a, &wrong);
    browser.wait_until(
        "the panel with row-total",
        "!!document.getElementById('xxgk-panel') && document.getElementById('xxgk-panel').innerText.includes('row-total')",
        &server,
    );
    let panel = browser.eval("document.getElementById('xxgk-panel').innerText");
    let panel = panel.as_str().unwrap();
    assert!(
        panel.contains(&format!("inputs/2022/a.yaml:{line}:")),
        "{panel}"
    );
    assert!(
        panel.contains("new: [9, 2, 0, 0, 1, 1, 14]"),
        "the source line: {panel}"
    );
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('td.xxgk-hl')).map(td => td.textContent).join(',')"),
        Value::String("14".into()),
        "the wrong 总计 is the cell marked"
    );

    // Fixed: the panel goes.
    write(&a, VALID_2021);
    browser.wait_until(
        "the panel gone",
        "!document.getElementById('xxgk-panel') && document.body.innerText.includes('示例县测试局')",
        &server,
    );
    drop(browser);
    assert!(server.stop().success());
}
