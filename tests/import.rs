//! `xxgk import`: a published report (portal HTML or flattened text) back into input YAML.

mod common;

use common::{assert_same_rendering, load_ok, render_all};
use xxgk::author::import::{Imported, import_text};
use xxgk::check::check_report;
use xxgk::{Code, Report, Severity};

const REFERENCE: &str = "tests/data/2020-cixi-transport-report.txt";

fn codes(im: &Imported) -> Vec<Code> {
    im.diagnostics.iter().map(|d| d.code).collect()
}

fn reference() -> String {
    std::fs::read_to_string(REFERENCE).expect("the reference report")
}

fn example_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new("inputs")
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    files
}

/// xxgk's own HTML page of a report.
fn own_html(r: &Report) -> String {
    render_all(r)
        .into_iter()
        .find(|(f, _)| *f == "html")
        .expect("html")
        .1
}

#[test]
fn the_reference_text_imports_to_the_seed_yaml() {
    let im = import_text(&reference(), "cixi.txt");
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    assert!(!im.yaml.contains("待核对"), "{}", im.yaml);
    let imported = load_ok(&im.yaml, "imported.yaml");
    let seed = std::fs::read_to_string("inputs/2020/cixi-transport.yaml").unwrap();
    let seed = load_ok(&seed, "inputs/2020/cixi-transport.yaml");
    assert_eq!(imported.year, 2020);
    assert_eq!(imported.agency, "慈溪市交通运输局");
    assert_eq!(imported.edition, xxgk::Edition::E2019);
    assert!(im.yaml.contains("edition: 2019"), "{}", im.yaml);
    assert!(
        im.yaml.contains(
            "normative_documents: {made: 0, published: 0, total: {value: 4, note: 其中一件失效}}"
        ),
        "{}",
        im.yaml
    );
    assert!(im.yaml.contains("amount: 363.62}"), "{}", im.yaml);
    assert_same_rendering(&seed, &imported, "cixi", &im.yaml);
    assert!(
        check_report(&imported)
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

#[test]
fn import_file_reads_the_reference_from_disk() {
    let im = xxgk::author::import::import_file(std::path::Path::new(REFERENCE), REFERENCE);
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    load_ok(&im.yaml, "imported.yaml");
    let missing =
        xxgk::author::import::import_file(std::path::Path::new("tests/data/no-such.html"), "x");
    assert_eq!(codes(&missing), vec![Code::Io]);
}

#[test]
fn xxgk_html_of_every_example_round_trips() {
    for file in example_files() {
        let name = file.display().to_string();
        let original = load_ok(&std::fs::read_to_string(&file).unwrap(), &name);
        let page = own_html(&original);
        let im = import_text(&page, &format!("{name}.html"));
        assert!(
            im.diagnostics.is_empty(),
            "{name}: {:#?}\n{}",
            im.diagnostics,
            im.yaml
        );
        let imported = load_ok(&im.yaml, &name);
        assert_eq!(imported.edition, original.edition, "{name}");
        assert_eq!(imported.published, original.published, "{name}");
        assert_same_rendering(&original, &imported, &name, &im.yaml);
    }
}

#[test]
fn the_edition_comes_from_the_table_labels() {
    let file = "inputs/2022/example-county-transport.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    // The year says 2020 (edition 2019 by default), the labels say 2021.
    let page = own_html(&original).replace("2022年示例县交通运输局", "2020年示例县交通运输局");
    let im = import_text(&page, "x.html");
    assert!(
        im.yaml
            .contains("edition: 2021  # 据表格栏目判定：本年制发件数"),
        "{}",
        im.yaml
    );
    let r = load_ok(&im.yaml, "x.yaml");
    assert_eq!((r.year, r.edition), (2020, xxgk::Edition::E2021));
}

#[test]
fn a_portal_page_with_page_furniture_imports_the_same() {
    // The report inside a layout table, headings as bold paragraphs, a two-line title in a
    // div, navigation above and a footer below; unclosed <p>s and &nbsp; indentation.
    let file = "inputs/2023/example-county-government.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    let page = own_html(&original);
    let main = page
        .split("<main class=\"report\">")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .unwrap();
    let main = main
        .replace(
            "<h1>示例县人民政府2023年政府信息公开工作年度报告</h1>",
            "<div class=\"title\"><strong>示例县人民政府<br>\n2023年政府信息公开工作年度报告</strong></div>\
             <div class=\"meta\">发布时间：2024-03-20&nbsp;&nbsp;来源：县政府办公室&nbsp;&nbsp;浏览次数：128</div>",
        )
        .replace("<h2>", "<p><strong>")
        .replace("</h2>", "</strong>")
        .replace("<p><span class=\"lead\">", "<p>&nbsp;&nbsp;&nbsp;&nbsp;<span class=\"lead\">")
        .replace("</p>", "")
        .replace("</time>", "</time><p>【打印本页】　【关闭窗口】");
    let portal = format!(
        "<!DOCTYPE html><html><head><meta charset=\"gb2312\"><title>示例县人民政府门户网站</title>\
         <script>var x = '<p>一、总体情况</p>';</script></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> &gt; <a>政府信息公开</a> &gt; 示例县人民政府2023年政府信息公开工作年度报告</div>\
         <h1>示例县人民政府门户网站</h1>\
         <table width=\"100%\"><tr><td class=\"side\">栏目导航</td><td class=\"content\">\n{main}\n</td></tr></table>\
         <div class=\"footer\"><p>主办：示例县人民政府办公室</p><p>版权所有 © 2024</p></div>\
         </body></html>"
    );
    let im = import_text(&portal, "portal.html");
    // The page's metadata line, the links after the sign-off and the page's footer are
    // flagged (each once), not taken.
    assert_eq!(
        codes(&im),
        vec![Code::ImportUnplaced; 3],
        "{:#?}\n{}",
        im.diagnostics,
        im.yaml
    );
    for said in ["打印本页", "浏览次数", "版权所有"] {
        assert!(
            im.diagnostics.iter().any(|d| d.zh.contains(said)),
            "{said}: {:#?}",
            im.diagnostics
        );
    }
    let imported = load_ok(&im.yaml, "portal.yaml");
    assert_eq!(imported.agency, "示例县人民政府");
    assert_eq!(
        imported.title(),
        "示例县人民政府\n2023年政府信息公开工作年度报告"
    );
    // Rendering differs only in the title's line break.
    let mut expected = original.clone();
    expected.title = imported.title.clone();
    assert_same_rendering(&expected, &imported, "portal", &im.yaml);
}

#[test]
fn a_two_line_title_in_text() {
    let src = reference().replacen(
        "2020年慈溪市交通运输局信息公开工作年度报告",
        "慈溪市交通运输局\n2020年政府信息公开工作年度报告",
        1,
    );
    let im = import_text(&src, "x.txt");
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    let r = load_ok(&im.yaml, "x.yaml");
    assert_eq!(r.agency, "慈溪市交通运输局");
    assert_eq!(
        r.title(),
        "慈溪市交通运输局\n2020年政府信息公开工作年度报告"
    );
    assert!(r.preface.is_none());
}

#[test]
fn an_amount_in_yuan_is_converted_with_a_comment() {
    let src = reference().replace("363.62万元", "251000元");
    let im = import_text(&src, "x.txt");
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    let line = im
        .yaml
        .lines()
        .find(|l| l.trim_start().starts_with("procurement:"))
        .unwrap();
    assert!(line.contains("amount: 25.1}"), "{line}");
    assert!(line.contains("# ") && line.contains("251000元"), "{line}");
    let r = load_ok(&im.yaml, "x.yaml");
    assert_eq!(
        r.proactive_value("procurement", "amount")
            .unwrap()
            .value
            .display(),
        "25.1"
    );
}

#[test]
fn an_unknown_row_label_is_a_diagnostic_and_a_comment() {
    let src = reference().replace(
        "\t行政强制\n\t0\n\t0\n\t0\n",
        "\t行政强制\n\t0\n\t0\n\t0\n\n\t其他执法事项\n\t5\n\t+2\n\t7\n",
    );
    let line = src.lines().position(|l| l == "\t其他执法事项").unwrap() + 1;
    let im = import_text(&src, "x.txt");
    assert_eq!(
        codes(&im),
        vec![Code::ImportUnplaced],
        "{:#?}",
        im.diagnostics
    );
    let d = &im.diagnostics[0];
    assert_eq!(d.line(), line);
    assert_eq!((d.file.as_str(), d.path.as_str()), ("x.txt", "proactive"));
    assert!(d.zh.contains("其他执法事项"), "{}", d.zh);
    let comment = im
        .yaml
        .lines()
        .find(|l| l.contains("# 待核对:"))
        .expect("a 待核对 comment");
    assert!(
        comment.contains("其他执法事项") && comment.contains(&format!("第 {line} 行")),
        "{comment}"
    );
    // Everything else still loads.
    let r = load_ok(&im.yaml, "x.yaml");
    assert_eq!(
        r.proactive_value("penalties", "decisions")
            .unwrap()
            .value
            .display(),
        "936"
    );
}

#[test]
fn blank_cells_and_unresolvable_merges_are_flagged_not_guessed() {
    let file = "inputs/2020/example-town.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    let page = own_html(&original);
    // A blank figure; a figure merged down across two rows.
    let page = page.replacen(
        "<td class=\"figure\">95</td>",
        "<td class=\"figure\"></td>",
        1,
    );
    let page = page
        .replacen(
            "<th scope=\"row\" class=\"label\">行政处罚</th><td class=\"figure\">45</td>",
            "<th scope=\"row\" class=\"label\">行政处罚</th><td rowspan=\"2\" class=\"figure\">45</td>",
            1,
        )
        .replacen(
            "<th scope=\"row\" class=\"label\">行政强制</th><td class=\"figure\">6</td>",
            "<th scope=\"row\" class=\"label\">行政强制</th>",
            1,
        );
    let im = import_text(&page, "x.html");
    assert!(
        im.diagnostics.len() >= 2
            && im
                .diagnostics
                .iter()
                .all(|d| d.code == Code::ImportUnplaced),
        "{:#?}",
        im.diagnostics
    );
    assert!(im.diagnostics.iter().any(|d| d.zh.contains("原文为空")));
    assert!(im.diagnostics.iter().any(|d| d.zh.contains("合并")));
    assert!(im.diagnostics.iter().all(|d| d.line() > 1));
    assert!(im.yaml.matches("# 待核对:").count() >= 2, "{}", im.yaml);
    load_ok(&im.yaml, "x.yaml");
}

#[test]
fn printed_totals_that_do_not_add_up_are_kept_for_check() {
    // 一、本年新收: six zeros and a printed 总计 of 3; （七）总计 prints 2 for 自然人.
    let mut src = reference();
    let new_row = "\t一、本年新收政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n";
    assert!(src.contains(new_row));
    src = src.replace(
        new_row,
        "\t一、本年新收政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t3\n",
    );
    src = src.replace("\t（七）总计\n\t0\n", "\t（七）总计\n\t2\n");
    let im = import_text(&src, "x.txt");
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    assert!(
        im.yaml.contains("new: [0, 0, 0, 0, 0, 0, 3]"),
        "{}",
        im.yaml
    );
    assert!(
        im.yaml.contains("total: [2, 0, 0, 0, 0, 0, 0]"),
        "{}",
        im.yaml
    );
    let r = load_ok(&im.yaml, "x.yaml");
    let found: Vec<Code> = check_report(&r).iter().map(|d| d.code).collect();
    assert!(found.contains(&Code::RowTotal), "{found:?}");
    assert!(found.contains(&Code::ResultsTotal), "{found:?}");
}

#[test]
fn a_figure_with_words_becomes_value_and_note_and_outcome_totals_are_kept() {
    let file = "inputs/2022/example-county-transport.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    let page = own_html(&original);
    assert!(page.contains("14（含1件部分条款废止）"));
    let im = import_text(&page, "x.html");
    assert!(
        im.yaml
            .contains("in_force: {value: 14, note: 含1件部分条款废止}"),
        "{}",
        im.yaml
    );
    assert!(
        im.yaml.contains("reconsideration: [1, 0, 0, 1, 2]"),
        "{}",
        im.yaml
    );
    assert!(im.yaml.contains("published: 2023-01-18"), "{}", im.yaml);
}

#[test]
fn a_missing_section_is_reported() {
    let src = reference();
    let cut = src.find("五、存在的主要问题及改进情况").unwrap();
    let six = src.find("六、其他需要报告的事项").unwrap();
    let src = format!("{}{}", &src[..cut], &src[six..]);
    let im = import_text(&src, "x.txt");
    assert_eq!(
        codes(&im),
        vec![Code::ImportMissing],
        "{:#?}",
        im.diagnostics
    );
    assert!(im.yaml.contains("problems: \"\""), "{}", im.yaml);
    // The YAML still loads; check then warns that the section is empty.
    let r = load_ok(&im.yaml, "x.yaml");
    assert!(check_report(&r).iter().any(|d| d.code == Code::EmptyText));
}

#[test]
fn a_section_title_run_into_its_text_is_still_a_section() {
    let src = reference().replace(
        "六、其他需要报告的事项\n\n本年度",
        "六、其他需要报告的事项：本年度",
    );
    let im = import_text(&src, "x.txt");
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    let r = load_ok(&im.yaml, "x.yaml");
    assert_eq!(r.other_matters.joined(), "本年度无其他需要报告的事项。");
}

#[test]
fn word_exported_tables_and_label_variants_are_placed() {
    let file = "inputs/2023/example-county-transport.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    let page = own_html(&original);
    // Cells as Word exports them; `1、` for `1.`; the note of （二） left out; straight quotes.
    let mut word = String::new();
    let mut rest = page.as_str();
    while let Some(p) = rest.find("<td class=\"figure\">") {
        let start = p + "<td class=\"figure\">".len();
        let end = start + rest[start..].find("</td>").unwrap();
        word.push_str(&rest[..p]);
        word.push_str(&format!(
            "<td width=57 valign=top style='border:solid windowtext 1.0pt'>\n<p class=MsoNormal align=center><span lang=EN-US style='font-size:10.5pt'>{}<o:p></o:p></span></p>\n",
            &rest[start..end]
        ));
        rest = &rest[end..];
    }
    word.push_str(rest);
    let word = word
        .replace(">1.属于国家秘密<", ">1、属于国家秘密<")
        .replace(">3.危及“三安全一稳定”<", ">3.危及&quot;三安全一稳定&quot;<")
        .replace(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（二）部分公开",
        );
    assert!(word.contains("MsoNormal") && word.contains("1、属于国家秘密"));
    let im = import_text(&word, "word.html");
    assert!(
        im.diagnostics.is_empty(),
        "{:#?}\n{}",
        im.diagnostics,
        im.yaml
    );
    let imported = load_ok(&im.yaml, "word.yaml");
    assert_same_rendering(&original, &imported, "word", &im.yaml);
}

#[test]
fn the_import_command_writes_a_file_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2020/cixi.yaml");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["import", "tests/data/2020-cixi-transport-report.txt", "-o"])
            .arg(&out)
            .args(extra)
            .env("LANG", "C")
            .env("XXGK_TODAY", "2026-11-27")
            .output()
            .unwrap()
    };
    let o = run(&[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Never overwrites without --force.
    let again = run(&[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(run(&["--force"]).status.success());
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(&out)
        .env("XXGK_TODAY", "2026-11-27")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
