//! `xxgk check` as a user runs it: exit codes, output formats, languages, finding the files.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in `dir`, in a fixed, English, colourless environment.
fn xxgk_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.args(args)
        .current_dir(dir)
        .env("XXGK_TODAY", "2026-11-27")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run xxgk")
}

fn xxgk(dir: &Path, args: &[&str]) -> Output {
    xxgk_env(dir, args, &[])
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Vec<Value> {
    match serde_json::from_slice(&o.stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("not a JSON array: {other:?}\n{}", stdout(o)),
    }
}

fn write(dir: &Path, rel: &str, content: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// A file with an error: the table does not balance.
fn unbalanced() -> String {
    edit(
        VALID_2021,
        "carried_over: {natural_person: 1}",
        "carried_over: {natural_person: 2}",
    )
    .replace("上年结转1件", "上年结转2件")
}

/// A file with only a warning: published late.
fn late() -> String {
    edit(VALID_2021, "published: 2023-01-18", "published: 2023-02-01")
}

/// A temporary folder holding `files`.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, content) in files {
        write(dir.path(), rel, content);
    }
    dir
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// Exit codes

#[test]
fn the_sample_inputs_pass() {
    let o = xxgk(manifest_dir(), &["check", "inputs"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("error["), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning["), "{}", stderr(&o));
    let o = xxgk(manifest_dir(), &["check", "inputs", "--format", "json"]);
    assert_eq!(code(&o), 0);
    assert!(json(&o).is_empty());
}

#[test]
fn an_error_exits_1() {
    let dir = folder(&[("bad.yaml", &unbalanced())]);
    let o = xxgk(dir.path(), &["check", "bad.yaml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("error[balance]"), "{}", stderr(&o));
}

#[test]
fn a_file_that_cannot_be_read_exits_1() {
    let dir = folder(&[("empty.yaml", "")]);
    let o = xxgk(dir.path(), &["check", "empty.yaml"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("error[empty-file]"), "{}", stderr(&o));
    let o = xxgk(dir.path(), &["check", "no-such-file.yaml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

#[test]
fn a_warning_alone_exits_0_unless_warnings_are_denied() {
    let dir = folder(&[("late.yaml", &late())]);
    let o = xxgk(dir.path(), &["check", "late.yaml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[late]"), "{}", stderr(&o));
    let o = xxgk(dir.path(), &["check", "--deny-warnings", "late.yaml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("error[late]"), "{}", stderr(&o));
}

#[test]
fn deny_makes_one_code_an_error() {
    let dir = folder(&[("late.yaml", &late())]);
    let o = xxgk(dir.path(), &["check", "--deny", "late", "late.yaml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let o = xxgk(
        dir.path(),
        &["check", "--deny", "late", "--format", "json", "late.yaml"],
    );
    let items = json(&o);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["severity"], "error");
    // Denying a code that is not raised changes nothing.
    let o = xxgk(
        dir.path(),
        &["check", "--deny", "fees-not-reported", "late.yaml"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn allow_silences_a_warning_but_not_an_error() {
    let dir = folder(&[("late.yaml", &late()), ("bad.yaml", &unbalanced())]);
    let o = xxgk(
        dir.path(),
        &["check", "--allow", "late", "--format", "json", "late.yaml"],
    );
    assert_eq!(code(&o), 0);
    assert!(json(&o).is_empty(), "{}", stdout(&o));
    let o = xxgk(
        dir.path(),
        &["check", "--allow", "late", "--deny-warnings", "late.yaml"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // An error cannot be allowed: asking to is a usage error, not a silent no-op.
    let o = xxgk(dir.path(), &["check", "--allow", "balance", "bad.yaml"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot be allowed"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unverified-figures"),
        "the one error that can: {}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = folder(&[("late.yaml", &late())]);
    for args in [
        &["check", "--frobnicate", "late.yaml"][..],
        &["check", "--deny", "no-such-code", "late.yaml"],
        &["check", "--allow", "no-such-code", "late.yaml"],
        &["check", "--format", "xml", "late.yaml"],
        &["check", "--lang", "fr", "late.yaml"],
        &["no-such-command"],
    ] {
        let o = xxgk(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
    let o = xxgk(
        dir.path(),
        &["check", "--deny", "no-such-code", "late.yaml"],
    );
    assert!(stderr(&o).contains("no-such-code"), "{}", stderr(&o));
}

/// A report copied from last year into this year's folder with its year unchanged is said at
/// its `year:` line; a report in its own year's folder, or in no year's folder, is not. A
/// publication date in the future is one slip (`published-date`), not also a late report.
#[test]
fn a_year_that_is_not_its_folders_is_said_and_a_future_date_is_not_late() {
    let text = late();
    let year = text
        .lines()
        .find_map(|l| l.strip_prefix("year: "))
        .unwrap()
        .trim()
        .to_string();
    let next: i32 = year.parse::<i32>().unwrap() + 1;
    let dir = folder(&[
        (&format!("inputs/{next}/copied.yaml"), &text),
        (
            &format!("inputs/{year}/right.yaml"),
            &text.replace("示例县测试局", "示例县另一局"),
        ),
        ("loose.yaml", &text.replace("示例县测试局", "示例县第三局")),
    ]);
    let o = xxgk(
        dir.path(),
        &["check", "inputs", "loose.yaml", "--format", "json"],
    );
    let found: Vec<Value> = json(&o)
        .into_iter()
        .filter(|d| d["code"] == "year-folder")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["file"], format!("inputs/{next}/copied.yaml"));
    assert_eq!(
        found[0]["line"],
        1 + text.lines().position(|l| l.starts_with("year:")).unwrap()
    );
    assert!(
        found[0]["message_zh"]
            .as_str()
            .unwrap()
            .contains(&format!("{next} 年度的目录"))
    );
    // Published a year from now: a slip of the date, not 365 days late.
    let future = text
        .lines()
        .map(|l| match l.strip_prefix("published: ") {
            Some(_) => "published: 2027-11-20".to_string(),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = folder(&[("f.yaml", &future)]);
    let o = xxgk(dir.path(), &["check", "f.yaml", "--format", "json"]);
    let codes: Vec<Value> = json(&o).iter().map(|d| d["code"].clone()).collect();
    assert!(codes.contains(&Value::from("published-date")), "{codes:?}");
    assert!(!codes.contains(&Value::from("late")), "{codes:?}");
}

/// Where outputs go outside `inputs/` depends on the folder given, never on folders above it:
/// `east/2023` and `west/2023` stay apart, a project living under a folder named as a year
/// builds to the same places, and the year-folder warning does not change with the current
/// folder.
#[test]
fn outputs_and_the_year_folder_warning_do_not_depend_on_folders_above() {
    let text = late();
    let other = text.replace("示例县测试局", "示例县另一局");
    let dir = folder(&[
        ("2021/proj/reports/east/2023/a.yaml", &text),
        ("2021/proj/reports/west/2023/a.yaml", &other),
    ]);
    let proj = dir.path().join("2021/proj");
    let o = xxgk(
        &proj,
        &["build", "reports", "--out", "site", "--formats", "md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(proj.join("site/east/2023/a.md").exists(), "{}", stderr(&o));
    assert!(proj.join("site/west/2023/a.md").exists(), "{}", stderr(&o));
    // The report of 2022 filed under 2023 is said once each, from any folder.
    assert!(
        text.lines().any(|l| l == "year: 2022"),
        "a 2022 report, filed under 2023"
    );
    let misfiled = |o: &Output| {
        json(o)
            .iter()
            .filter(|d| d["code"] == "year-folder")
            .count()
    };
    let o = xxgk(&proj, &["check", "reports", "--format", "json"]);
    assert_eq!(misfiled(&o), 2, "{}", stdout(&o));
    let east = proj.join("reports/east/2023");
    let o = xxgk(&east, &["check", "a.yaml", "--format", "json"]);
    assert_eq!(misfiled(&o), 1, "{}", stdout(&o));
    let abs = east.join("a.yaml");
    let o = xxgk(
        dir.path(),
        &["check", abs.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(misfiled(&o), 1, "{}", stdout(&o));
    // summary --by folder keeps the two groups.
    let o = xxgk(
        &proj,
        &["summary", "reports", "--out", "sum", "--by", "folder"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = std::fs::read_to_string(proj.join("sum/summary.csv")).unwrap();
    assert!(csv.contains(",east") && csv.contains(",west"), "{csv}");
}

/// A folder with no report in it is a mistake in the command (exit 2), for every command that
/// reads reports: a CI job pointed at the wrong folder must not pass as if all were checked,
/// and a build must not empty a site it built before.
#[test]
fn a_folder_without_reports_is_a_usage_error_for_every_command() {
    let dir = folder(&[("inputs/2023/a.yaml", &late())]);
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let o = xxgk(
        dir.path(),
        &["build", "inputs", "--out", "site", "--formats", "md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(dir.path().join("site/2023/a.md").exists());
    for args in [
        &["check", "empty"][..],
        &["build", "empty", "--out", "site", "--formats", "md"],
        &["summary", "empty", "--out", "sum"],
    ] {
        let o = xxgk(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("no report files"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("empty"), "{args:?}: {}", stderr(&o));
    }
    assert!(
        dir.path().join("site/2023/a.md").exists(),
        "the site is kept"
    );
    let o = xxgk_env(dir.path(), &["check", "empty"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        stderr(&o).contains("empty 中没有报告文件"),
        "{}",
        stderr(&o)
    );
    // A folder that does not exist stays an error of its own (exit 1, as before).
    let o = xxgk(dir.path(), &["check", "no-such-folder"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

/// A clerk whose machine speaks Chinese is told a command-line slip in Chinese, with the usage
/// and a suggestion where clap has one; help itself is not an error (exit 0).
#[test]
fn command_line_slips_are_said_in_chinese_under_a_chinese_locale() {
    let dir = folder(&[("late.yaml", &late())]);
    let zh = [("LANG", "zh_CN.UTF-8")];
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["check", "--jobs", "2", "late.yaml"],
            &["不认识的参数 '--jobs'", "用法："],
        ),
        (&["chek"], &["没有这个命令：'chek'", "'check'"]),
        (
            &["check", "--format", "xml"],
            &["'xml' 无效", "可选：", "human"],
        ),
        (&["build", "--formats"], &["--formats", "需要一个值"]),
        (&["check", "--lang", "fr"], &["'fr' 无效"]),
        (
            &["new", "--year", "abc", "--agency", "x"],
            &["'abc' 无效：应为整数"],
        ),
    ];
    for (args, wanted) in cases {
        let o = xxgk_env(dir.path(), args, &zh);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        for w in wanted {
            assert!(err.contains(w), "{args:?} should say {w}: {err}");
        }
        assert!(
            !err.contains("error:") && !err.contains("Usage:"),
            "{args:?}: {err}"
        );
    }
    // English stays clap's own.
    let o = xxgk_env(dir.path(), &["check", "--jobs", "2"], &[("LANG", "C")]);
    assert!(
        stderr(&o).contains("unexpected argument '--jobs'"),
        "{}",
        stderr(&o)
    );
    let o = xxgk_env(dir.path(), &["check", "--help"], &zh);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("用法："), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------------------
// Output formats

#[test]
fn json_output_has_one_object_per_diagnostic() {
    let other = edit(&late(), "agency: 示例县测试局", "agency: 示例县另一局");
    let dir = folder(&[("bad.yaml", &unbalanced()), ("late.yaml", &other)]);
    let o = xxgk(
        dir.path(),
        &["check", "--format", "json", "bad.yaml", "late.yaml"],
    );
    assert_eq!(code(&o), 1);
    let items = json(&o);
    assert_eq!(items.len(), 3, "{items:#?}");
    for it in &items {
        for key in ["file", "code", "severity", "path", "message"] {
            assert!(it[key].is_string(), "{key} in {it}");
        }
        for key in ["line", "column"] {
            assert!(it[key].as_u64().is_some_and(|n| n >= 1), "{key} in {it}");
        }
    }
    let balance: Vec<&Value> = items.iter().filter(|i| i["code"] == "balance").collect();
    assert_eq!(balance.len(), 2);
    let (line, col) = pos(&unbalanced(), "[9, 2, 0, 0, 1, 1, 13]");
    assert_eq!(balance[0]["file"], "bad.yaml");
    assert_eq!(balance[0]["line"], line as u64);
    assert_eq!(balance[0]["column"], col as u64);
    assert_eq!(balance[0]["severity"], "error");
    assert_eq!(balance[0]["path"], "applications");
    assert!(
        balance[0]["message"]
            .as_str()
            .unwrap()
            .contains("but 三 办理结果总计")
    );
    let late = items.iter().find(|i| i["code"] == "late").unwrap();
    assert_eq!(late["severity"], "warning");
    assert_eq!(late["file"], "late.yaml");
    assert_eq!(
        (late["line"].as_u64(), late["column"].as_u64()),
        (Some(3), Some(12))
    );
    // JSON goes to stdout, nothing human on stderr.
    assert!(!stderr(&o).contains("error["), "{}", stderr(&o));
    // Messages follow the language.
    let o = xxgk(
        dir.path(),
        &["check", "--format", "json", "--lang", "zh", "late.yaml"],
    );
    assert!(
        json(&o)[0]["message"]
            .as_str()
            .unwrap()
            .contains("发布日期")
    );
}

#[test]
fn github_output_is_workflow_annotations() {
    let dir = folder(&[("bad.yaml", &unbalanced()), ("late.yaml", &late())]);
    let o = xxgk(dir.path(), &["check", "--format", "github", "bad.yaml"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let (line, col) = pos(&unbalanced(), "[9, 2, 0, 0, 1, 1, 13]");
    for l in &lines {
        assert!(
            l.starts_with(&format!("::error file=bad.yaml,line={line},col={col},")),
            "{l}"
        );
    }
    let o = xxgk(dir.path(), &["check", "--format", "github", "late.yaml"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).starts_with("::warning file=late.yaml,line=3,col=12,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn human_output_shows_the_source_line_and_a_marker() {
    let src = edit(VALID_2021, "{decisions: 30}", "{decisions: 三十}");
    let dir = folder(&[("typo.yaml", &src)]);
    let o = xxgk(dir.path(), &["check", "typo.yaml"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    let (line, col) = pos(&src, "三十");
    assert!(err.contains("error[wrong-type]"), "{err}");
    assert!(
        err.contains(&format!("--> typo.yaml:{line}:{col}")),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let src_line = lines
        .iter()
        .position(|l| {
            l.starts_with(&format!("{line} |")) && l.contains("penalties: {decisions: 三十}")
        })
        .unwrap_or_else(|| panic!("no source line in {err}"));
    // The marker sits under 三十 (two wide characters: four columns).
    let marker = lines[src_line + 1];
    let caret = marker.find('^').expect("a ^ marker");
    let under = &lines[src_line][..lines[src_line].find("三十").unwrap()];
    assert_eq!(caret, unicode_width(under), "{err}");
    assert_eq!(marker.matches('^').count(), 4, "{err}");
}

/// Display width of ASCII and CJK text (all that these tests print).
fn unicode_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn no_colour_when_not_on_a_terminal() {
    let dir = folder(&[("bad.yaml", &unbalanced())]);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    let o = cmd
        .args(["check", "bad.yaml"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(!stderr(&o).contains('\x1b'), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// Language

#[test]
fn lang_flag_chooses_the_language() {
    let dir = folder(&[("bad.yaml", &unbalanced())]);
    let o = xxgk(dir.path(), &["check", "--lang", "zh", "bad.yaml"]);
    assert!(stderr(&o).contains("错误[balance]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("勾稽关系不平"), "{}", stderr(&o));
    let o = xxgk_env(
        dir.path(),
        &["check", "--lang", "en", "bad.yaml"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(stderr(&o).contains("error[balance]"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("错误["), "{}", stderr(&o));
}

#[test]
fn the_locale_chooses_the_language_without_the_flag() {
    let dir = folder(&[("bad.yaml", &unbalanced())]);
    let o = xxgk_env(
        dir.path(),
        &["check", "bad.yaml"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(stderr(&o).contains("错误[balance]"), "{}", stderr(&o));
    let o = xxgk_env(dir.path(), &["check", "bad.yaml"], &[("LANG", "C")]);
    assert!(stderr(&o).contains("error[balance]"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("错误["), "{}", stderr(&o));
    // LC_ALL wins over LANG.
    let o = xxgk_env(
        dir.path(),
        &["check", "bad.yaml"],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    );
    assert!(stderr(&o).contains("error[balance]"), "{}", stderr(&o));
    let o = xxgk_env(
        dir.path(),
        &["check", "bad.yaml"],
        &[("LC_MESSAGES", "zh_TW.UTF-8")],
    );
    assert!(stderr(&o).contains("错误[balance]"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// Finding the files

#[test]
fn the_default_path_is_inputs() {
    let dir = folder(&[("inputs/2022/bad.yaml", &unbalanced())]);
    let o = xxgk(dir.path(), &["check"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("inputs/2022/bad.yaml:"),
        "{}",
        stderr(&o)
    );

    let dir = folder(&[
        ("inputs/2022/ok.yaml", VALID_2021),
        ("other/bad.yaml", &unbalanced()),
    ]);
    let o = xxgk(dir.path(), &["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = xxgk(manifest_dir(), &["check", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn no_inputs_folder_is_a_usage_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["check", "build"] {
        let o = xxgk(dir.path(), &[cmd]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "no inputs/ here: give a folder or file, e.g. `xxgk {cmd} path/to/reports`"
            )),
            "{}",
            stderr(&o)
        );
        let o = xxgk(dir.path(), &[cmd, "--lang", "zh"]);
        assert_eq!(code(&o), 2);
        assert!(
            stderr(&o).contains("当前目录下没有 inputs/"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!dir.path().join("build").exists(), "nothing written");
}

#[test]
fn counts_read_right_in_english() {
    let dir = folder(&[("late.yaml", &late())]);
    let o = xxgk(dir.path(), &["check", "late.yaml"]);
    assert!(
        stderr(&o).contains("checked 1 file: 0 errors, 1 warning"),
        "{}",
        stderr(&o)
    );
    let dir = folder(&[("a.yaml", &late()), ("b.yaml", &unbalanced())]);
    let o = xxgk(dir.path(), &["check", "."]);
    assert!(
        stderr(&o).contains("checked 2 files: 3 errors, 1 warning"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_is_in_chinese_under_a_zh_locale_or_lang_zh() {
    let dir = tempfile::tempdir().unwrap();
    for (args, env) in [
        (&["build", "--help"][..], &[("LANG", "zh_CN.UTF-8")][..]),
        (&["build", "--lang", "zh", "--help"], &[]),
        (&["--lang", "zh", "build", "--help"], &[]),
    ] {
        let o = xxgk_env(dir.path(), args, env);
        assert_eq!(code(&o), 0);
        let help = stdout(&o);
        for zh in [
            "用法：",
            "选项:",
            "参数:",
            "输出目录",
            "显示帮助",
            "（默认：build）",
        ] {
            assert!(help.contains(zh), "{args:?}: `{zh}` missing in\n{help}");
        }
        for en in ["Usage:", "Options:", "Print help", "[default:"] {
            assert!(!help.contains(en), "{args:?}: `{en}` left in\n{help}");
        }
    }
    let o = xxgk_env(dir.path(), &["--help"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        stdout(&o).contains("命令:") && stdout(&o).contains("新建输入文件"),
        "{}",
        stdout(&o)
    );
    // English stays English.
    let o = xxgk(dir.path(), &["build", "--help"]);
    assert!(stdout(&o).contains("Options:") && stdout(&o).contains("The output folder"));
}

#[test]
fn a_folder_walk_finds_yml_too_and_ignores_other_files() {
    let no_fees = edit(
        VALID_2021,
        "本年度未收取信息处理费。",
        "本年度无其他需要报告的事项。",
    );
    let no_fees = edit(&no_fees, "agency: 示例县测试局", "agency: 示例县另一局");
    let dir = folder(&[
        ("reports/a.yml", &late()),
        ("reports/sub/b.yaml", &no_fees),
        ("reports/notes.txt", "{{{ not yaml"),
        ("reports/data.json", "[1, 2"),
        ("reports/README.md", "# 说明\n"),
        ("reports/a.yml.bak", ""),
    ]);
    let o = xxgk(dir.path(), &["check", "--format", "json", "reports"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut found: Vec<(String, String)> = json(&o)
        .iter()
        .map(|i| {
            (
                i["file"].as_str().unwrap().to_string(),
                i["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("reports/a.yml".to_string(), "late".to_string()),
            (
                "reports/sub/b.yaml".to_string(),
                "fees-not-reported".to_string()
            ),
        ]
    );
}

#[test]
fn files_of_consecutive_years_are_checked_together() {
    let next = edit(VALID_2021, "year: 2022", "year: 2023");
    let next = edit(&next, "published: 2023-01-18", "published: 2024-01-18");
    let next = edit(&next, "in_force: 5}", "in_force: 6}");
    let next = edit(
        &next,
        "二是部分信息更新不够及时。",
        "二是依申请公开答复文书格式有待统一。",
    );
    let next = edit(
        &next,
        "下一步，我局将丰富解读形式",
        "下一步，我局将制定答复文书范本",
    );
    let dir = folder(&[
        ("inputs/2022/a.yaml", VALID_2021),
        ("inputs/2023/a.yaml", &next),
    ]);
    let o = xxgk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(json(&o).is_empty(), "{}", stdout(&o));

    // 2023 carries over 2 where 2022 carried forward 1.
    let bad = edit(
        &next,
        "carried_over: {natural_person: 1}",
        "carried_over: {natural_person: 2}",
    );
    let bad = edit(
        &bad,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [8, 2, 0, 0, 1, 1, 12]",
    );
    let bad = edit(
        &bad,
        "收到政府信息公开申请13件，上年结转1件",
        "收到政府信息公开申请12件，上年结转2件",
    );
    let dir = folder(&[
        ("inputs/2022/a.yaml", VALID_2021),
        ("inputs/2023/a.yaml", &bad),
    ]);
    let o = xxgk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let items = json(&o);
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["code"] == "carry-over" && i["file"] == "inputs/2023/a.yaml"),
        "{items:#?}"
    );
}

#[test]
fn a_file_that_does_not_load_is_not_checked_further() {
    // The row that cannot be read would count as 0 and unbalance the table: only the real
    // problem is reported.
    let src = edit(
        VALID_2021,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [9, 2, 0, 0, 1]",
    );
    let dir = folder(&[("t.yaml", &src)]);
    let o = xxgk(dir.path(), &["check", "--format", "json", "t.yaml"]);
    assert_eq!(code(&o), 1);
    let items = json(&o);
    let codes: Vec<&str> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["wrong-type"]);
}

#[test]
fn a_pdf_that_cannot_be_made_names_its_report_in_one_language() {
    let dir = folder(&[("inputs/2022/ok.yaml", VALID_2021)]);
    let no_typst = [("XXGK_TYPST", "/nonexistent/typst")];
    // PDF alone: nothing is built, and the summary does not say it was.
    let o = xxgk_env(dir.path(), &["build", "--formats", "pdf"], &no_typst);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("inputs/2022/ok.yaml: PDF not made: typst not found")),
        "{err}"
    );
    assert!(
        err.contains("built 0 reports") && err.contains("1 failed"),
        "{err}"
    );
    assert!(
        !err.contains('|') && !err.contains("找不到"),
        "one language: {err}"
    );
    assert!(
        !dir.path().join("build/index.html").exists(),
        "no empty index entry"
    );
    // With Markdown too: the Markdown stands, the PDF is said missing, in Chinese only.
    let o = xxgk_env(
        dir.path(),
        &["build", "--formats", "md,pdf", "--lang", "zh"],
        &no_typst,
    );
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("inputs/2022/ok.yaml: 未生成 PDF：找不到 typst")),
        "{err}"
    );
    assert!(!err.contains("not found"), "one language: {err}");
    assert!(dir.path().join("build/2022/ok.md").exists());
    let index = std::fs::read_to_string(dir.path().join("build/index.html")).unwrap();
    assert!(
        index.contains("ok.md") && !index.contains("ok.pdf"),
        "{index}"
    );
}

#[test]
fn a_closed_standard_error_does_not_stop_an_import() {
    // `xxgk import x -o y.yaml 2>&1 | head`: the reader goes away before the warnings are
    // written; the YAML must be written all the same, and nothing panics.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let text =
        std::fs::read_to_string(manifest_dir().join("tests/data/2020-cixi-transport-report.txt"))
            .unwrap();
    // A line the import cannot place: at least one warning is printed.
    std::fs::write(&page, format!("{text}\n无法对应的一行文字\n")).unwrap();
    let out = dir.path().join("out.yaml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("import")
        .arg(&page)
        .arg("-o")
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "no panic");
    let yaml = std::fs::read_to_string(&out).expect("the YAML is written");
    assert!(yaml.contains("慈溪市交通运输局"));
}

#[test]
fn reading_errors_say_that_the_table_checks_did_not_run() {
    // A figure that cannot be read: the balance of table 三 is not checked (it would count
    // the figure as 0), and the clerk is told so in one line.
    let bad = edit(
        VALID_2021,
        "new: [9, 2, 0, 0, 1, 1, 13]",
        "new: [9, 2, x, 0, 1, 1, 13]",
    );
    let dir = folder(&[("bad.yaml", &bad), ("ok.yaml", &late())]);
    let o = xxgk(dir.path(), &["check", "."]);
    let err = stderr(&o);
    assert!(
        err.contains("bad.yaml: fix these first: the table checks of this file did not run"),
        "{err}"
    );
    assert!(!err.contains("ok.yaml: fix these first"), "{err}");
    let o = xxgk(dir.path(), &["check", ".", "--lang", "zh"]);
    assert!(
        stderr(&o).contains("bad.yaml: 请先改正以上错误"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn system_errors_are_said_in_chinese_too() {
    let dir = tempfile::tempdir().unwrap();
    let o = xxgk(dir.path(), &["check", "missing.yaml", "--lang", "zh"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("无法打开 `missing.yaml`：文件或目录不存在"),
        "{}",
        stderr(&o)
    );
    let o = xxgk(dir.path(), &["check", "missing.yaml"]);
    assert!(
        stderr(&o).contains("cannot open `missing.yaml`: No such file"),
        "{}",
        stderr(&o)
    );
    // Writing where a file stands: the path, and the reason in Chinese.
    std::fs::write(dir.path().join("afile"), "").unwrap();
    std::fs::write(dir.path().join("a.yaml"), late()).unwrap();
    let zh = [("LANG", "zh_CN.UTF-8")];
    for args in [
        &["summary", "a.yaml", "--out", "afile"][..],
        &["templates", "eject", "afile"],
        &["build", "a.yaml", "--out", "afile/site", "--formats", "md"],
    ] {
        let o = xxgk_env(dir.path(), args, &zh);
        assert_ne!(code(&o), 0, "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("afile"), "{args:?}: {err}");
        assert!(
            err.contains("无法写入") || err.contains("无法创建"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("文件已存在") || err.contains("路径中有一段不是目录"),
            "{args:?}: {err}"
        );
    }
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    assert_eq!(code(&xxgk(dir.path(), &["templates", "eject", "tpl"])), 0);
    let o = xxgk_env(dir.path(), &["templates", "eject", "tpl"], &zh);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("已存在；如需覆盖请加 --force"),
        "{}",
        stderr(&o)
    );
}
