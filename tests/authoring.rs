//! `xxgk new`, `xxgk schema` and the documentation that is generated from the code.

use std::path::Path;
use std::process::Command;

fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("XXGK_TODAY", "2026-11-27").env("LANG", "C");
    c
}

fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(yaml_files(&p));
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn as_json(text: &str) -> serde_json::Value {
    let parsed = xxgk::input::yaml::parse(text, Default::default()).expect("valid YAML");
    xxgk::input::yaml::to_json(&parsed.root)
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&xxgk::author::schema::schema())
        .expect("the schema is a valid draft-07 schema")
}

#[test]
fn every_sample_input_is_valid_against_the_schema() {
    let v = validator();
    let files = yaml_files(Path::new("inputs"));
    assert!(files.len() >= 5);
    for f in files {
        let doc = as_json(&std::fs::read_to_string(&f).unwrap());
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
}

#[test]
fn the_schema_refuses_what_check_refuses() {
    let v = validator();
    let base = std::fs::read_to_string("inputs/2022/example-county-transport.yaml").unwrap();
    assert!(v.is_valid(&as_json(&base)));
    let cases = [
        (
            "  licensing: {decisions: 2846}",
            "  licensing: {decisions: -1}",
        ),
        (
            "  licensing: {decisions: 2846}",
            "  licensing: {decison: 2846}",
        ),
        (
            "  licensing: {decisions: 2846}",
            "  licensing: {decisions: 2846}\n  procurement: {projects: 1, amount: 2}",
        ),
        ("year: 2022", "year: 2022\nreconsidration: [0, 0, 0, 0]"),
    ];
    for (from, to) in cases {
        assert!(base.contains(from), "fixture changed: {from}");
        let bad = base.replacen(from, to, 1);
        assert!(!v.is_valid(&as_json(&bad)), "the schema accepts: {to}");
    }
    // The 2019 tables apply to a 2020 report.
    let town = std::fs::read_to_string("inputs/2020/example-town.yaml").unwrap();
    assert!(v.is_valid(&as_json(&town)));
    assert!(!v.is_valid(&as_json(&town.replacen(
        "year: 2020",
        "year: 2020\nedition: 2021",
        1
    ))));
}

#[test]
fn the_schema_gives_official_labels_as_descriptions() {
    let s = xxgk::author::schema::schema_text();
    for label in [
        "一、本年新收政府信息公开申请数量",
        "行政规范性文件",
        "本年增/减",
        "1.属于国家秘密",
        "未经复议直接起诉",
    ] {
        assert!(s.contains(label), "{label}");
    }
    assert!(s.contains("http://json-schema.org/draft-07/schema#"));
}

#[test]
fn committed_schema_and_readme_codes_are_current() {
    let committed = std::fs::read_to_string("xxgk.schema.json").unwrap();
    assert_eq!(
        committed,
        xxgk::author::schema::schema_text(),
        "run: cargo run -- schema -o xxgk.schema.json"
    );
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("<!-- codes:start -->\n")
        .nth(1)
        .and_then(|s| s.split("<!-- codes:end -->").next())
        .unwrap();
    assert_eq!(
        table.trim(),
        xxgk::diag::codes_markdown().trim(),
        "run: cargo run -- codes, and paste it into README.md"
    );
}

#[test]
fn new_from_last_year_carries_over_and_a_filled_file_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xxgk.schema.json"), "{}").unwrap();
    let out = dir.path().join("2023/next.yaml");
    let st = xxgk()
        .args([
            "new",
            "--from",
            "inputs/2022/example-county-transport.yaml",
            "-o",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&out).unwrap();
    // The schema found above the new file, relative to it.
    assert!(text.starts_with("# yaml-language-server: $schema=../xxgk.schema.json\n"));
    assert!(text.contains("year: 2023") && text.contains("agency: 示例县交通运输局"));
    let last = xxgk::input::load::load_file(
        Path::new("inputs/2022/example-county-transport.yaml"),
        "last",
    )
    .report
    .unwrap();
    let new = xxgk::input::load::load_str(&text, "new").report.unwrap();
    for i in 0..7 {
        assert_eq!(
            new.applications.row("carried_over").column(i),
            last.applications.row("carried_forward").column(i)
        );
    }
    let in_force = |r: &xxgk::Report| {
        r.proactive_value("normative_documents", "in_force")
            .unwrap()
            .value
            .as_i128()
    };
    assert_eq!(in_force(&new), in_force(&last));
    assert!(
        text.contains("# 五、存在的主要问题及改进情况"),
        "texts come with what the notice asks"
    );

    // Never overwrites without --force.
    let again = xxgk()
        .args([
            "new",
            "--from",
            "inputs/2022/example-county-transport.yaml",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    // The clerk fills it: everything carried over is settled and carried... forward again.
    let carried = text
        .lines()
        .find(|l| l.trim_start().starts_with("carried_over:"))
        .unwrap();
    let figures = carried
        .split('[')
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let filled = text
        .replace(
            "carried_forward: [0, 0, 0, 0, 0, 0]",
            &format!("carried_forward: [{figures}]"),
        )
        .replace(
            "overview: |\n",
            "overview: |\n  2023年，我局依法做好政府信息公开工作。本年度未收到政府信息公开申请。\n",
        )
        .replace(
            "problems: |\n",
            "problems: |\n  一是公开内容不够全面。二是解读形式单一。下一步将逐项整改。\n",
        )
        .replace(
            "other_matters: |\n",
            "other_matters: |\n  本年度未收取信息处理费。\n",
        )
        .replace("# published: 2024-01-31", "published: 2024-01-20");
    std::fs::write(&out, &filled).unwrap();
    let check = xxgk()
        .arg("check")
        .arg(&out)
        .arg("inputs/2022/example-county-transport.yaml")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}\n{filled}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
}

#[test]
fn new_2019_edition_continues_item_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.yaml");
    assert!(
        xxgk()
            .args(["new", "--from", "inputs/2019/example-town.yaml", "-o"])
            .arg(&out)
            .status()
            .unwrap()
            .success()
    );
    let last = xxgk::input::load::load_file(Path::new("inputs/2019/example-town.yaml"), "last")
        .report
        .unwrap();
    let new = xxgk::input::load::load_file(&out, "new").report.unwrap();
    assert_eq!(new.year, 2020);
    for row in [
        "licensing",
        "other_services",
        "penalties",
        "coercion",
        "fees",
    ] {
        let v = |r: &xxgk::Report, c: &str| r.proactive_value(row, c).unwrap().value.as_i128();
        assert_eq!(
            v(&new, "last_year"),
            v(&last, "last_year") + v(&last, "change"),
            "{row}"
        );
    }
}

#[test]
fn new_across_editions_says_what_does_not_carry_over() {
    let o = xxgk()
        .args(["new", "--from", "inputs/2020/example-town.yaml"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("edition: 2021") && text.contains("year: 2021"));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("table 二"),
        "the switch of editions is explained"
    );
    let r = xxgk::input::load::load_str(&text, "new");
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.severity != xxgk::Severity::Error),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn new_needs_a_year_and_an_agency() {
    let o = xxgk().args(["new", "--agency", "示例县"]).output().unwrap();
    assert!(!o.status.success());
    let o = xxgk().args(["new", "--year", "2024"]).output().unwrap();
    assert!(!o.status.success());
    let o = xxgk()
        .args(["new", "--year", "2024", "--agency", "示例县审计局"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("agency: 示例县审计局"));
}

#[test]
fn new_warns_of_a_missing_schema_and_a_year_not_begun() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2028/audit.yaml");
    let o = xxgk()
        .args(["new", "--agency", "示例县审计局", "--year", "2028", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the year 2028 has not begun"), "{err}");
    assert!(err.contains("no xxgk.schema.json"), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("yaml-language-server"),
        "no modeline to a missing file"
    );
    // A schema two folders up is found and written relative to the new file.
    std::fs::write(dir.path().join("xxgk.schema.json"), "{}").unwrap();
    let out = dir.path().join("reports/2024/audit.yaml");
    let o = xxgk()
        .args(["new", "--agency", "示例县审计局", "--year", "2024", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("has not begun") && !err.contains("no xxgk.schema.json"),
        "{err}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../xxgk.schema.json\n"));
    // A year before the format's first, and the year still running, are said too (the first
    // as check will refuse it, the second as a help); 2024 above was neither.
    assert!(
        !err.contains("before 2019") && !err.contains("has not ended"),
        "{err}"
    );
    let today: i32 = 2026;
    for (year, said) in [
        (2018, "year 2018 is before 2019"),
        (today, "the year 2026 has not ended"),
    ] {
        let o = xxgk()
            .env("XXGK_TODAY", "2026-11-27")
            .args([
                "new",
                "--agency",
                "示例县审计局",
                "--year",
                &year.to_string(),
                "-o",
            ])
            .arg(dir.path().join(format!("reports/{year}/audit.yaml")))
            .output()
            .unwrap();
        assert!(o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(said), "{err}");
    }
}
