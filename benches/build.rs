//! Build benchmarks: `cargo bench --bench build` (add `-- --quick` for a short run).
//!
//! Measures, in one run, on synthetic reports of both editions (`xxgk::util::synth`):
//!
//! 1. Markdown + HTML for 2000 reports: `xxgk build --formats md,html` against
//!    `bench/reference.py` (PyYAML's C loader + Jinja2). Target: xxgk ≥ 10× faster.
//! 2. PDF for 40 reports: `xxgk build --formats pdf` against `typst compile` of the same
//!    `.typ` files (xxgk's own `--formats typ` output), one after another. Target: ≤ 0.6×.
//! 3. A rebuild with nothing changed, 2000 reports with PDFs. Target: ≤ 1 s.
//! 4. Peak memory (max RSS of the xxgk process) of `--formats md,html` for 2000 and 20000
//!    reports. Target: roughly equal (here: the larger at most 1.25× the smaller).
//! 5. `xxgk summary` (CSV, XLSX, aggregates) of the same 2000 and 20000 reports. Targets:
//!    20000 in ≤ 2 s; peak memory flat (the larger at most 1.25× the smaller).
//!
//! Every time is the median of several runs (XXGK_BENCH_RUNS, default 3; 1 with --quick).
//! Prints a Markdown table and writes `target/bench-results.json`. See docs/performance.md for
//! the environment variables that shrink or select the measurements.
//!
//! Run without `--bench` (as `cargo test --all-targets` does) it only checks, on four reports,
//! that the commands it times work.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xxgk::util::synth::write_set;

const XXGK: &str = env!("CARGO_BIN_EXE_xxgk");
/// The binary measured: a copy of [`XXGK`] taken when the benchmark starts, so that a
/// `cargo build` running alongside cannot swap it in the middle of a run.
static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Part 5 (import) in a file of its own.
#[path = "build_parts/import.rs"]
mod import;
#[path = "build_parts/memory.rs"]
mod memory;
/// The other parts, a file each.
#[path = "build_parts/pdf.rs"]
mod pdf;
#[path = "build_parts/rebuild.rs"]
mod rebuild;
#[path = "build_parts/summary.rs"]
mod summary;

fn bin() -> &'static Path {
    BIN.get().map_or(Path::new(XXGK), PathBuf::as_path)
}
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Bumped when the generated inputs change, so that cached input folders are made again.
const GENERATOR_VERSION: u32 = 1;

// ---------------------------------------------------------------------------------------------
// Configuration

struct Config {
    runs: usize,
    pdf_runs: usize,
    html_n: usize,
    pdf_n: usize,
    rebuild_n: usize,
    mem_n: Vec<usize>,
    only: Vec<String>,
    jobs: Option<usize>,
    python: String,
    typst: PathBuf,
    work: PathBuf,
    reuse_pdf_build: bool,
    /// How often a run disturbed by other processes is made again.
    retries: usize,
}

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: not a whole number")),
        _ => default,
    }
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={v}: not a list of whole numbers"))
            })
            .collect(),
        _ => default.to_vec(),
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                Path::new(ROOT).join(p)
            }
        })
        .unwrap_or_else(|| Path::new(ROOT).join("target"))
}

fn find_typst() -> PathBuf {
    if let Some(p) = std::env::var_os("XXGK_TYPST").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let on_path = Command::new("typst")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if on_path {
        return PathBuf::from("typst");
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cargo/bin/typst")
}

impl Config {
    fn from_env(quick: bool) -> Config {
        let q = |full: usize, small: usize| if quick { small } else { full };
        Config {
            runs: env_usize("XXGK_BENCH_RUNS", q(3, 1)).max(1),
            pdf_runs: env_usize("XXGK_BENCH_PDF_RUNS", q(3, 1)).max(1),
            html_n: env_usize("XXGK_BENCH_N", q(2000, 200)),
            pdf_n: env_usize("XXGK_BENCH_PDF_N", q(40, 6)),
            rebuild_n: env_usize("XXGK_BENCH_REBUILD_N", q(2000, 100)),
            mem_n: env_list(
                "XXGK_BENCH_MEM_N",
                if quick { &[200, 2000] } else { &[2000, 20000] },
            ),
            only: std::env::var("XXGK_BENCH_ONLY")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            jobs: std::env::var("XXGK_BENCH_JOBS")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
            python: std::env::var("XXGK_BENCH_PYTHON").unwrap_or_else(|_| "python3".into()),
            typst: find_typst(),
            work: std::env::var_os("XXGK_BENCH_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| target_dir().join("bench-work")),
            reuse_pdf_build: std::env::var("XXGK_BENCH_REUSE_PDF_BUILD").is_ok_and(|v| v == "1"),
            retries: env_usize("XXGK_BENCH_RETRIES", q(3, 1)),
        }
    }

    fn wants(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == part)
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Writes `n` synthetic reports below `dir` (`xxgk::util::synth::write_set`).
fn generate(dir: &Path, n: usize) {
    write_set(dir, n, 0x5eed_0000).expect("write inputs");
}

/// The folder of `n` generated reports, made once and kept below the work folder.
fn inputs(cfg: &Config, n: usize) -> PathBuf {
    let dir = cfg.work.join(format!("inputs-{n}"));
    let stamp = dir.join(".stamp");
    let want = format!("xxgk bench inputs v{GENERATOR_VERSION} n={n}\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return dir;
    }
    eprintln!("generating {n} synthetic reports in {}", dir.display());
    remove(&dir);
    generate(&dir, n);
    std::fs::write(&stamp, want).expect("write stamp");
    dir
}

/// Moves an output folder of an earlier run out of the way (into `trash/`, emptied at the start
/// and end of the benchmark): deleting thousands of files right before a timed run would make
/// ext4 slower to create the next ones, and that is the file system's cost, not the tool's.
fn retire(cfg: &Config, dir: &Path) {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if !dir.exists() {
        return;
    }
    let trash = cfg.work.join("trash");
    std::fs::create_dir_all(&trash).expect("trash folder");
    let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let to = trash.join(format!("{}-{k}", std::process::id()));
    std::fs::rename(dir, &to)
        .unwrap_or_else(|e| panic!("cannot move {} to {}: {e}", dir.display(), to.display()));
}

/// How long file creation stays slow after a mass deletion on ext4: it skips recently freed
/// inodes, reading inode tables to find them (`recently_deleted` in a profile), and two
/// threads creating files then spin on their directory's lock. Measured here: a build of 2000
/// reports took 5-6 s of system time instead of 0.4 s for about two minutes after the 200,000
/// output files of a benchmark run were deleted.
const SETTLE: Duration = Duration::from_secs(180);

/// Empties `trash/` (outputs of earlier runs) and notes when.
fn empty_trash(work: &Path) {
    let trash = work.join("trash");
    if trash.exists() {
        remove(&trash);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        std::fs::write(work.join("trash-emptied-at"), now.to_string()).expect("note the time");
    }
}

/// Waits until [`SETTLE`] has passed since the trash was last emptied (by this run or one
/// before it), so that no timed run pays for an earlier run's deletions.
fn settle(work: &Path) {
    let Some(at) = std::fs::read_to_string(work.join("trash-emptied-at"))
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    else {
        return;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let left = SETTLE.as_secs().saturating_sub(now.saturating_sub(at));
    if left > 0 {
        eprintln!(
            "outputs of an earlier run were deleted {} s ago; waiting {left} s for the file system to settle",
            now.saturating_sub(at)
        );
        std::thread::sleep(Duration::from_secs(left));
    }
}

fn remove(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .unwrap_or_else(|e| panic!("cannot remove {}: {e}", dir.display()));
    }
}

fn count_files(dir: &Path, ext: &str) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext)
                && p.file_name().is_some_and(|f| f != "index.html")
            {
                n += 1;
            }
        }
    }
    n
}

// ---------------------------------------------------------------------------------------------
// Running and timing

/// CPU time used by the whole machine so far, in seconds (all but idle and iowait, from
/// /proc/stat): the difference across a run, less the run's own CPU time, is what other
/// processes took meanwhile.
fn machine_busy() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return 0.0;
    };
    let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return 0.0;
    };
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest time is included in user).
    let busy: f64 = v
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 3 | 4) && *i < 8)
        .map(|(_, x)| x)
        .sum();
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    busy / hz
}

/// Over every run: CPU seconds other processes used, and the runs' wall seconds.
static OTHERS: std::sync::Mutex<(f64, f64)> = std::sync::Mutex::new((0.0, 0.0));

/// One finished child process: how long it ran and its peak resident memory.
struct Run {
    wall: Duration,
    /// User + system CPU time of the process (and the children it waited for).
    cpu: Duration,
    max_rss_kib: u64,
    /// CPU seconds that other processes on the machine used while it ran.
    others_cpu: f64,
    stderr: String,
}

/// Runs `cmd` to completion (stdout discarded, stderr kept), reaping it with `wait4` to read
/// its peak RSS. Panics if it fails.
fn run(cmd: &mut Command, log: &Path) -> Run {
    let err = std::fs::File::create(log).expect("create log");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(err));
    let busy_before = machine_busy();
    let start = Instant::now();
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = loop {
        // SAFETY: pid is our own child, not yet reaped (std's Child is never waited on);
        // status and usage are valid pointers for the call.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    let wall = start.elapsed();
    let busy = machine_busy() - busy_before;
    drop(child);
    assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
    let stderr = std::fs::read_to_string(log).unwrap_or_default();
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !ok {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!(
            "{cmd:?} failed (wait status {status}); last lines of {}:\n{}",
            log.display(),
            tail.join("\n")
        );
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    if let Ok(mut o) = OTHERS.lock() {
        o.0 += (busy - cpu.as_secs_f64()).max(0.0);
        o.1 += wall.as_secs_f64();
    }
    Run {
        wall,
        cpu,
        others_cpu: (busy - cpu.as_secs_f64()).max(0.0),
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
        stderr,
    }
}

/// `xxgk build`, or with XXGK_BENCH_PERF=1 `perf record … -- xxgk build` writing
/// `perf/<name>.data` below the work folder (times and memory are then perf's, not xxgk's).
/// Runs made again because other processes disturbed them, and disturbed runs kept anyway.
static RETRIED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static KEPT_DISTURBED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether other processes took more than a quarter of a core during `wall` seconds.
fn disturbed(others_cpu: f64, wall: f64) -> bool {
    others_cpu > 0.25 * wall + 0.05
}

/// Notes a disturbed attempt: true to try again (after a pause), false to keep it.
fn retry_disturbed(cfg: &Config, attempt: usize, others_cpu: f64, wall: f64) -> bool {
    use std::sync::atomic::Ordering::Relaxed;
    if !disturbed(others_cpu, wall) {
        return false;
    }
    if attempt >= cfg.retries {
        KEPT_DISTURBED.fetch_add(1, Relaxed);
        eprintln!("  disturbed ({others_cpu:.1} CPU-s by others in {wall:.1} s); kept");
        return false;
    }
    RETRIED.fetch_add(1, Relaxed);
    eprintln!("  disturbed ({others_cpu:.1} CPU-s by others in {wall:.1} s); again in 10 s");
    std::thread::sleep(Duration::from_secs(10));
    true
}

/// Seconds a fixed piece of CPU work takes on one core now: the same machine gives the same
/// figure when it is not slowed down by something outside it (another virtual machine on the
/// same host shows no trace in this one's /proc/stat).
fn calibrate() -> f64 {
    let start = Instant::now();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut acc: u64 = 0;
    for i in 0..40_000_000u64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc = acc.wrapping_add(x ^ i);
    }
    std::hint::black_box(acc);
    start.elapsed().as_secs_f64()
}

/// Every calibration made before a timed run.
static CALIBRATIONS: std::sync::Mutex<Vec<f64>> = std::sync::Mutex::new(Vec::new());

/// Calibrates, records it, and says whether the machine is now much slower (1.3×) than the
/// fastest it has been in this run.
fn machine_slow() -> bool {
    let c = calibrate();
    let Ok(mut all) = CALIBRATIONS.lock() else {
        return false;
    };
    let best = all.iter().copied().fold(f64::INFINITY, f64::min);
    all.push(c);
    c > 1.3 * best
}

/// Whether to put a timed run off because the machine is slow right now (the calibration):
/// then waits 10 s and counts an attempt, within the retry budget.
fn put_off(cfg: &Config, attempt: &mut usize) -> bool {
    if machine_slow() && *attempt < cfg.retries {
        RETRIED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        eprintln!("  the machine is slower than it was (calibration); again in 10 s");
        std::thread::sleep(Duration::from_secs(10));
        *attempt += 1;
        return true;
    }
    false
}

/// Flushes what earlier runs wrote (often the other tool's 4000 files): otherwise the kernel
/// writes them back during the next run, whose file creations then wait on the journal.
fn flush() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// [`run`] after `setup`, made again (up to XXGK_BENCH_RETRIES times) while other processes
/// on the machine took more than a quarter of a core meanwhile.
fn timed(
    cfg: &Config,
    setup: &mut dyn FnMut(),
    cmd: &mut dyn FnMut() -> Command,
    log: &Path,
) -> Run {
    let mut attempt = 0;
    loop {
        if put_off(cfg, &mut attempt) {
            continue;
        }
        setup();
        flush();
        let r = run(&mut cmd(), log);
        if !retry_disturbed(cfg, attempt, r.others_cpu, r.wall.as_secs_f64()) {
            return r;
        }
        attempt += 1;
    }
}

/// The binary under test with the benchmark's environment, no command yet.
fn xxgk_command() -> Command {
    let mut c = Command::new(bin());
    c.env("XXGK_TODAY", "2026-11-27")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

fn xxgk(cfg: &Config, name: &str) -> Command {
    let mut c = if std::env::var("XXGK_BENCH_PERF").is_ok_and(|v| v == "1") {
        let dir = cfg.work.join("perf");
        std::fs::create_dir_all(&dir).expect("perf folder");
        let mut c = Command::new("perf");
        c.args(["record", "-F", "999", "--call-graph", "dwarf,32768", "-o"])
            .arg(dir.join(format!("{name}.data")))
            .arg("--")
            .arg(bin());
        c
    } else {
        Command::new(bin())
    };
    c.env("XXGK_TODAY", "2026-11-27")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c.arg("build");
    if let Some(j) = cfg.jobs {
        c.arg("--jobs").arg(j.to_string());
    }
    c.arg("--typst").arg(&cfg.typst);
    c
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A timed measurement: each run's seconds and peak RSS.
#[derive(Default)]
struct Series {
    secs: Vec<f64>,
    cpu_secs: Vec<f64>,
    rss_kib: Vec<u64>,
    others_cpu: Vec<f64>,
}

impl Series {
    fn push(&mut self, r: &Run) {
        self.secs.push(r.wall.as_secs_f64());
        self.cpu_secs.push(r.cpu.as_secs_f64());
        self.others_cpu.push(r.others_cpu);
        self.rss_kib.push(r.max_rss_kib);
    }
    fn median(&self) -> f64 {
        median(self.secs.clone())
    }
    fn cpu_median(&self) -> f64 {
        median(self.cpu_secs.clone())
    }
    /// `1.234 s (CPU 2.345 s)`.
    fn show(&self) -> String {
        format!("{} (CPU {})", secs(self.median()), secs(self.cpu_median()))
    }
    fn rss_median_mib(&self) -> f64 {
        median(self.rss_kib.iter().map(|&k| k as f64 / 1024.0).collect())
    }
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "median_s": self.median(),
            "runs_s": self.secs,
            "cpu_median_s": self.cpu_median(),
            "runs_cpu_s": self.cpu_secs,
            "runs_others_cpu_s": self.others_cpu,
            "max_rss_mib": self.rss_median_mib(),
            "runs_max_rss_kib": self.rss_kib,
        })
    }
}

/// The summary line xxgk prints last (`checked … built N reports …`).
fn summary(stderr: &str) -> String {
    stderr.lines().last().unwrap_or_default().to_string()
}

// ---------------------------------------------------------------------------------------------
// The results table

struct Row {
    part: &'static str,
    what: String,
    value: String,
    target: String,
    verdict: String,
}

struct Results {
    rows: Vec<Row>,
    json: serde_json::Map<String, serde_json::Value>,
}

impl Results {
    fn row(&mut self, part: &'static str, what: String, value: String) {
        self.rows.push(Row {
            part,
            what,
            value,
            target: String::new(),
            verdict: String::new(),
        });
    }
    fn target(&mut self, part: &'static str, what: String, value: String, target: &str, met: bool) {
        self.rows.push(Row {
            part,
            what,
            value,
            target: target.to_string(),
            verdict: if met { "met" } else { "MISSED" }.to_string(),
        });
    }
}

fn secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.3} s")
    } else {
        format!("{s:.1} s")
    }
}

// ---------------------------------------------------------------------------------------------
// Machine

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Now, as `YYYY-MM-DD HH:MM UTC`.
fn utc_now() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let o = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// The commit measured (`abc1234`, `+ changes` when src/ or templates/ differ from it).
fn revision() -> String {
    let Some(rev) = command_output("git", &["-C", ROOT, "rev-parse", "--short", "HEAD"]) else {
        return "unknown".into();
    };
    let dirty = command_output(
        "git",
        &[
            "-C",
            ROOT,
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            "src",
            "templates",
            "Cargo.toml",
        ],
    )
    .is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{rev} + uncommitted changes")
    } else {
        rev
    }
}

/// PyYAML and Jinja2 versions, or why the reference cannot run.
fn python_versions(python: &str) -> Result<String, String> {
    let probe = "import sys, yaml, jinja2\n\
                 assert yaml.__with_libyaml__, 'PyYAML without libyaml (no CSafeLoader)'\n\
                 print('Python %s, PyYAML %s (libyaml), Jinja2 %s' % \
                 (sys.version.split()[0], yaml.__version__, jinja2.__version__))";
    let o = Command::new(python)
        .args(["-c", probe])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{python}: {e}"))?;
    if o.status.success() {
        Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).trim().to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// The four measurements

fn logs(cfg: &Config) -> PathBuf {
    let d = cfg.work.join("logs");
    std::fs::create_dir_all(&d).expect("logs folder");
    d
}

/// 1. Markdown + HTML: xxgk against the Python reference.
fn bench_html(cfg: &Config, res: &mut Results, py: &Result<String, String>) -> Option<Series> {
    let n = cfg.html_n;
    let input = inputs(cfg, n);
    let logs = logs(cfg);
    let out_x = cfg.work.join("out-html-xxgk");
    let out_p = cfg.work.join("out-html-python");
    let reference = Path::new(ROOT).join("bench/reference.py");
    let mut xs = Series::default();
    let mut ps = Series::default();
    for i in 0..cfg.runs {
        eprintln!("[1] md+html, {n} reports: run {}/{}", i + 1, cfg.runs);
        let r = timed(
            cfg,
            &mut || retire(cfg, &out_x),
            &mut || {
                let mut c = xxgk(cfg, "html-xxgk");
                c.arg(&input)
                    .arg("--out")
                    .arg(&out_x)
                    .args(["--formats", "md,html"]);
                c
            },
            &logs.join("html-xxgk.log"),
        );
        assert_eq!(count_files(&out_x, "html"), n, "{}", summary(&r.stderr));
        assert_eq!(count_files(&out_x, "md"), n);
        xs.push(&r);
        if py.is_ok() {
            let r = timed(
                cfg,
                &mut || retire(cfg, &out_p),
                &mut || {
                    let mut c = Command::new(&cfg.python);
                    c.arg(&reference).arg(&input).arg(&out_p);
                    c
                },
                &logs.join("html-python.log"),
            );
            assert_eq!(count_files(&out_p, "html"), n, "{}", r.stderr);
            ps.push(&r);
        }
    }
    retire(cfg, &out_p);
    let x = xs.median();
    res.row(
        "1",
        format!("md+html, {n} reports: `xxgk build --formats md,html`"),
        xs.show(),
    );
    let mut j = serde_json::json!({
        "reports": n,
        "xxgk": xs.json(),
    });
    match py {
        Ok(v) => {
            let p = ps.median();
            res.row(
                "1",
                format!("md+html, {n} reports: bench/reference.py ({v})"),
                ps.show(),
            );
            let ratio = p / x;
            res.target(
                "1",
                "speed-up of xxgk over the reference".into(),
                format!("{ratio:.1}×"),
                "≥ 10×",
                ratio >= 10.0,
            );
            j["reference"] = ps.json();
            j["reference_versions"] = v.clone().into();
            j["speedup"] = ratio.into();
            j["target_met"] = (ratio >= 10.0).into();
        }
        Err(e) => {
            res.row(
                "1",
                "bench/reference.py".into(),
                format!("not run: {}", e.lines().last().unwrap_or_default()),
            );
        }
    }
    res.json.insert("md_html".into(), j);
    Some(xs)
}

/// Where the md+html build's time goes, by difference: load + check alone (`xxgk check`), then
/// builds of one format at a time, then md+html with fsync made a no-op (`eatmydata`, when
/// installed: Debian's package of that name).
fn bench_phases(cfg: &Config, res: &mut Results, html: Option<&Series>) {
    let n = cfg.html_n;
    let input = inputs(cfg, n);
    let logs = logs(cfg);
    let out = cfg.work.join("out-phases");
    let eatmydata = command_output("eatmydata", &["true"]).is_some();
    let mut variants: Vec<(String, Vec<String>)> = vec![
        ("check".into(), vec![]),
        ("build-json".into(), vec!["json".into()]),
        ("build-md".into(), vec!["md".into()]),
        ("build-html".into(), vec!["html".into()]),
        // Word: at most what md+html cost (the budget).
        ("build-docx".into(), vec!["docx".into()]),
    ];
    if html.is_none() {
        variants.push(("build-md,html".into(), vec!["md,html".into()]));
    }
    if eatmydata {
        variants.push(("eatmydata-md,html".into(), vec!["md,html".into()]));
    }
    let mut j = serde_json::Map::new();
    for (name, formats) in &variants {
        let mut s = Series::default();
        for i in 0..cfg.runs {
            eprintln!("[phases] {name}, {n} reports: run {}/{}", i + 1, cfg.runs);
            let mut make = || {
                let mut c = if name == "check" {
                    let mut c = Command::new(bin());
                    c.env("LANG", "C").env("XXGK_TODAY", "2026-11-27");
                    c.arg("check");
                    c
                } else if name.starts_with("eatmydata") {
                    let mut c = Command::new("eatmydata");
                    c.env("LANG", "C").env("XXGK_TODAY", "2026-11-27");
                    c.arg(bin()).arg("build");
                    if let Some(jobs) = cfg.jobs {
                        c.arg("--jobs").arg(jobs.to_string());
                    }
                    c
                } else {
                    xxgk(cfg, &format!("phase-{name}"))
                };
                c.arg(&input);
                if name != "check" {
                    c.arg("--out").arg(&out).arg("--formats").args(formats);
                }
                c
            };
            s.push(&timed(
                cfg,
                &mut || retire(cfg, &out),
                &mut make,
                &logs.join(format!("phase-{name}.log")),
            ));
        }
        let what = match name.as_str() {
            "check" => format!("load + check only: `xxgk check`, {n} reports"),
            "eatmydata-md,html" => {
                format!("md+html, {n} reports, fsync a no-op (`eatmydata xxgk build …`)")
            }
            _ => format!(
                "`xxgk build --formats {}`, {n} reports",
                name.trim_start_matches("build-")
            ),
        };
        res.row("phases", what, s.show());
        j.insert(name.clone(), s.json());
    }
    if let Some(h) = html {
        res.row(
            "phases",
            format!("`xxgk build --formats md,html`, {n} reports (from 1)"),
            h.show(),
        );
    }
    retire(cfg, &out);
    res.json.insert("phases".into(), j.into());
}

fn smoke() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = dir.path().join("inputs");
    generate(&input, 4);
    let out = dir.path().join("out");
    let o = Command::new(XXGK)
        .env("LANG", "C")
        .env("XXGK_TODAY", "2026-11-27")
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--formats", "md,html"])
        .output()
        .expect("run xxgk");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(count_files(&out, "html"), 4);
    assert_eq!(count_files(&out, "md"), 4);
    let o = Command::new(XXGK)
        .env("LANG", "C")
        .env("XXGK_TODAY", "2026-11-27")
        .arg("summary")
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("summary"))
        .output()
        .expect("run xxgk summary");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("summary/summary.xlsx").is_file());
    let python = std::env::var("XXGK_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    if python_versions(&python).is_ok() {
        let ref_out = dir.path().join("ref");
        let o = Command::new(&python)
            .arg(Path::new(ROOT).join("bench/reference.py"))
            .arg(&input)
            .arg(&ref_out)
            .output()
            .expect("run reference");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(count_files(&ref_out, "html"), 4);
    }
    println!("bench smoke test: 1 passed, 0 failed");
}

// ---------------------------------------------------------------------------------------------

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        smoke();
        return;
    }
    let quick = args.iter().any(|a| a == "--quick")
        || std::env::var("XXGK_BENCH_QUICK").is_ok_and(|v| v == "1");
    let cfg = Config::from_env(quick);
    std::fs::create_dir_all(&cfg.work).expect("work folder");
    empty_trash(&cfg.work);
    settle(&cfg.work);
    let copy = cfg.work.join("xxgk-under-test");
    std::fs::copy(XXGK, &copy).expect("copy the xxgk binary");
    BIN.set(copy).expect("set once");

    let started = utc_now();
    let rev = revision();
    let load_before = loadavg();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let typst_version =
        command_output(&cfg.typst.to_string_lossy(), &["--version"]).unwrap_or_default();
    let py = python_versions(&cfg.python);
    if let Err(e) = &py {
        eprintln!(
            "warning: the Python reference cannot run ({e}).\n  \
             Install it with: pip install pyyaml jinja2 (PyYAML needs libyaml: \
             apt-get install libyaml-dev; pip install --no-binary pyyaml --force-reinstall pyyaml)"
        );
    }
    eprintln!(
        "xxgk benchmark{}: {cores} cores, work folder {}",
        if quick { " (quick)" } else { "" },
        cfg.work.display()
    );

    let mut res = Results {
        rows: Vec::new(),
        json: serde_json::Map::new(),
    };
    let total = Instant::now();
    let mut html = None;
    if cfg.wants("html") {
        html = bench_html(&cfg, &mut res, &py);
    }
    if cfg.wants("phases") {
        bench_phases(&cfg, &mut res, html.as_ref());
    }
    if cfg.wants("pdf") {
        pdf::bench_pdf(&cfg, &mut res);
    }
    if cfg.wants("rebuild") {
        rebuild::bench_rebuild(&cfg, &mut res);
    }
    if cfg.wants("memory") {
        memory::bench_memory(&cfg, &mut res, html.as_ref());
    }
    if cfg.wants("summary") {
        summary::bench_summary(&cfg, &mut res);
    }
    if cfg.wants("import") {
        import::bench_import(&cfg, &mut res);
    }
    let load_after = loadavg();
    empty_trash(&cfg.work);

    let mut t = String::new();
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "xxgk build benchmark{} — {started}",
        if quick { " (quick)" } else { "" }
    );
    let _ = writeln!(t, "machine: {cores} cores (nproc), {}", cpu_model());
    let _ = writeln!(
        t,
        "tools: xxgk {} ({rev}), {typst_version}, {}",
        env!("CARGO_PKG_VERSION"),
        py.as_ref().map_or("no Python reference", String::as_str)
    );
    let _ = writeln!(
        t,
        "runs per time: {} (pdf: {}); --jobs {}; load average before {load_before}, after {load_after}",
        cfg.runs,
        cfg.pdf_runs,
        cfg.jobs.map_or("default (cores)".into(), |j| j.to_string())
    );
    let (others, measured) = OTHERS.lock().map_or((0.0, 0.0), |o| *o);
    let retried = RETRIED.load(std::sync::atomic::Ordering::Relaxed);
    let kept_disturbed = KEPT_DISTURBED.load(std::sync::atomic::Ordering::Relaxed);
    let _ = writeln!(
        t,
        "other processes used {others:.1} CPU-s during the {measured:.0} s of timed runs \
         ({:.0}% of one core){}",
        100.0 * others / measured.max(1e-9),
        if others > 0.1 * measured {
            ": the machine was not idle, times are pessimistic"
        } else {
            ""
        }
    );
    let _ = writeln!(
        t,
        "runs made again because others disturbed them or the machine was slow: {retried}; \
         disturbed runs kept: {kept_disturbed}"
    );
    let calib = CALIBRATIONS.lock().map(|v| v.clone()).unwrap_or_default();
    if !calib.is_empty() {
        let lo = calib.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = calib.iter().copied().fold(0.0, f64::max);
        let _ = writeln!(
            t,
            "speed check (fixed CPU work before each timed run): {:.0}–{:.0} ms, median {:.0} ms \
             ({:.2}× spread)",
            lo * 1000.0,
            hi * 1000.0,
            median(calib.clone()) * 1000.0,
            hi / lo
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(t, "| # | measurement | median | target | result |");
    let _ = writeln!(t, "| --- | --- | ---: | --- | --- |");
    for r in &res.rows {
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} |",
            r.part, r.what, r.value, r.target, r.verdict
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "whole benchmark: {}",
        secs(total.elapsed().as_secs_f64())
    );
    println!("{t}");

    let mut json = serde_json::json!({
        "date": started,
        "quick": quick,
        "machine": {
            "cores": cores,
            "cpu": cpu_model(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "tools": {
            "xxgk": env!("CARGO_PKG_VERSION"),
            "revision": rev,
            "typst": typst_version,
            "reference": py.as_ref().ok(),
        },
        "runs": cfg.runs,
        "pdf_runs": cfg.pdf_runs,
        "others_cpu_s_during_runs": others,
        "calibration_s": CALIBRATIONS.lock().map(|v| v.clone()).unwrap_or_default(),
        "runs_retried": retried,
        "disturbed_runs_kept": kept_disturbed,
        "timed_runs_s": measured,
        "jobs": cfg.jobs,
    });
    let path = target_dir().join("bench-results.json");
    // A run of some parts only (XXGK_BENCH_ONLY) keeps the other parts of the last results.
    let old = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .filter(|_| !cfg.only.is_empty());
    for part in ["md_html", "phases", "pdf", "rebuild", "memory", "import"] {
        if let (false, Some(v)) = (
            res.json.contains_key(part),
            old.as_ref().and_then(|o| o.get(part)),
        ) {
            json[part] = v.clone();
        }
    }
    for (k, mut v) in res.json {
        v["measured_at"] = started.clone().into();
        v["revision"] = rev.clone().into();
        v["quick"] = quick.into();
        json[k] = v;
    }
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&json).expect("results serialise") + "\n",
    )
    .expect("write results");
    println!("results written to {}", path.display());
}
