//! Running `xxgk serve` in a test: started on a free port in a folder of its own, its URL read
//! from standard error, stopped by SIGINT (as Ctrl-C does); raw HTTP requests, so that paths
//! reach the server exactly as written (no client tidying `..` away); bounded waits.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    /// host:port
    pub addr: String,
    /// Everything printed on standard error so far.
    pub log: Arc<Mutex<String>>,
    /// The TMPDIR given to it: its temporary folder is made there.
    pub tmp: PathBuf,
}

impl Server {
    /// Starts `xxgk serve ARGS` in `dir`, with TMPDIR `dir/tmp`; waits (bounded) for its URL.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        let tmp = dir.join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .arg("serve")
            .args(if args.contains(&"--port") {
                &[][..]
            } else {
                &["--port", "0"][..]
            })
            .args(["--lang", "en"])
            .args(args)
            .current_dir(dir)
            .env("TMPDIR", &tmp)
            .env("XXGK_TODAY", "2026-11-27")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run xxgk serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(rest) = line.split("serving http://").nth(1) {
                        let addr = rest.split('/').next().unwrap_or_default().to_string();
                        let _ = tx.send(addr);
                    }
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "xxgk serve printed no URL within 60 s; it said:\n{}",
                    log.lock().unwrap()
                );
            }
        };
        Server {
            child,
            addr,
            log,
            tmp,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A GET of `path` exactly as written: (status, content type, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        get(&self.addr, path)
    }

    /// Polls `path` until `ok(body)`, for at most `secs` seconds; panics saying `what` else.
    pub fn wait_for(&self, path: &str, secs: u64, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!(
                    "{what}: not seen at {path} within {secs} s.\nserver said:\n{}\nlast body:\n{}",
                    self.log.lock().unwrap(),
                    body.chars().take(3000).collect::<String>()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (bounded) until the server has said `needle`; what it said.
    pub fn wait_log(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(needle) {
                return log;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server did not say {needle:?} within 20 s; it said:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-C; waits (bounded) for it to end and returns its exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        // SAFETY: sends a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGINT);
        }
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("xxgk serve did not stop within 20 s of Ctrl-C");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET over a fresh connection: (status, content type, body).
pub fn get(addr: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Up to the end of the headers, then Content-Length bytes (a server may keep the
    // connection open whatever the request said: Chromium's DevTools does).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf).expect("read the response");
        assert!(
            n > 0,
            "connection closed before the headers: {}",
            String::from_utf8_lossy(&raw)
        );
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    };
    match header("content-length").and_then(|n| n.parse::<usize>().ok()) {
        Some(len) => {
            while raw.len() < head_end + len {
                let n = s.read(&mut buf).expect("read the body");
                if n == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut raw).expect("read the body");
        }
    }
    let body = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let ctype = header("content-type").unwrap_or_default();
    (status, ctype, body)
}

/// Saves `content` as an editor that saves by rename does (vim, VS Code): a new file, renamed
/// over the old one.
pub fn save_by_rename(path: &Path, content: &str) {
    let tmp = path.with_extension("yaml.tmp~");
    std::fs::write(&tmp, content).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}
