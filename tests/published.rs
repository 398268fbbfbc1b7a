//! Published reports as they arrive: PDFs (a Word export, xxgk's own, LibreOffice's), Word
//! files (.docx, .doc), and the hostile ones; `xxgk check` reading them directly. Needs
//! poppler's pdftotext, LibreOffice's soffice and typst (scripts/setup-test.sh, scripts/setup.sh).

mod common;

use common::{assert_same_rendering, load_ok};
use std::path::{Path, PathBuf};
use std::process::Command;
use xxgk::author::import::{Imported, import_file};
use xxgk::render::{ReportView, Templates};
use xxgk::{Code, Report, Severity};

const HUAIAN_PDF: &str = "tests/data/2024-huaian-city-report.pdf";
const DATA: &str = "tests/data/pdf";

fn import(path: &str) -> Imported {
    import_file(Path::new(path), path)
}

/// The report in Markdown: every paragraph, label and figure.
fn markdown(r: &Report) -> String {
    let view = ReportView::new(r, xxgk::render::pdf::default_fonts());
    Templates::load(None)
        .expect("templates")
        .report(&view, "md")
        .expect("renders")
}

/// Every table row of the report, as Markdown prints it: every label and figure.
fn tables(r: &Report) -> Vec<String> {
    markdown(r)
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(String::from)
        .collect()
}

fn no_problems(im: &Imported, what: &str) {
    assert!(im.diagnostics.is_empty(), "{what}: {:#?}", im.diagnostics);
    assert!(!im.yaml.contains("待核对"), "{what}:\n{}", im.yaml);
}

#[test]
fn the_huaian_pdf_imports_with_every_figure_and_paragraph() {
    let im = import(HUAIAN_PDF);
    no_problems(&im, "huaian");
    assert!(im.yaml.starts_with("# 由 xxgk import 从 "), "{}", im.yaml);
    assert!(im.yaml.contains("（PDF）导入"), "{}", im.yaml);
    // The hand encoding says `kind: government`: the agency's name (a city's 人民政府) tells
    // it, and the import says so beside it.
    let yaml = im.yaml.clone();
    assert!(
        yaml.contains("\nkind: government  # 按机关名称判断"),
        "{yaml}"
    );
    let imported = load_ok(&yaml, "imported.yaml");
    assert_eq!(imported.kind, xxgk::report::Kind::Government);
    // The hand encoding, copied beside the PDF from ../shared/reference.
    let hand = std::fs::read_to_string("tests/data/2024-huaian-city-report.yaml").unwrap();
    let hand = load_ok(&hand, "2024-huaian-city-report.yaml");
    assert_eq!(imported.year, 2024);
    assert_eq!(imported.agency, "淮安市人民政府");
    assert_same_rendering(&hand, &imported, "huaian", &yaml);
    // Spaces between Chinese and digits, page numbers and line wraps are gone.
    assert!(yaml.contains("（国令第711号）"), "{yaml}");
    assert!(!yaml.contains("-1-"), "{yaml}");
}

/// Builds `inputs/` as PDFs with the xxgk binary.
fn own_pdfs() -> (tempfile::TempDir, Vec<(PathBuf, PathBuf)>) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["build", "inputs", "--formats", "pdf", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pairs = Vec::new();
    for e in walkdir::WalkDir::new("inputs").sort_by_file_name() {
        let p = e.unwrap().into_path();
        if p.extension().is_some_and(|e| e == "yaml") {
            let rel = p.strip_prefix("inputs").unwrap().with_extension("pdf");
            pairs.push((p, dir.path().join(rel)));
        }
    }
    assert!(pairs.len() >= 5);
    (dir, pairs)
}

#[test]
fn xxgk_own_pdfs_round_trip() {
    let (_dir, pairs) = own_pdfs();
    for (yaml_path, pdf) in pairs {
        let name = pdf.display().to_string();
        let im = import_file(&pdf, &name);
        no_problems(&im, &name);
        let original = load_ok(
            &std::fs::read_to_string(&yaml_path).unwrap(),
            &yaml_path.display().to_string(),
        );
        let imported = load_ok(&im.yaml, &name);
        assert_eq!(tables(&imported), tables(&original), "{name}");
        assert_eq!(imported.year, original.year, "{name}");
        assert_eq!(imported.agency, original.agency, "{name}");
    }
}

#[test]
fn word_files_and_libreoffice_pdfs_import_alike() {
    // gov.docx: xxgk's own Word output of inputs/2023/example-county-government.yaml; gov.doc
    // is LibreOffice's Word 97 copy of it; lo-wrong-total.* the same with one figure changed,
    // and LibreOffice's PDF of that.
    let original = load_ok(
        &std::fs::read_to_string("inputs/2023/example-county-government.yaml").unwrap(),
        "original",
    );
    let docx = import(&format!("{DATA}/gov.docx"));
    no_problems(&docx, "docx");
    let doc = import(&format!("{DATA}/gov.doc"));
    no_problems(&doc, "doc");
    assert_eq!(
        doc.yaml.lines().skip(1).collect::<Vec<_>>(),
        docx.yaml.lines().skip(1).collect::<Vec<_>>()
    );
    assert!(
        doc.yaml.contains("（Word 97-2003 文档）导入"),
        "{}",
        doc.yaml
    );
    let from_docx = load_ok(&docx.yaml, "docx");
    assert_eq!(tables(&from_docx), tables(&original));
    let pdf = import(&format!("{DATA}/lo-wrong-total.pdf"));
    no_problems(&pdf, "lo pdf");
    let wrong_docx = import(&format!("{DATA}/lo-wrong-total.docx"));
    let from_pdf = load_ok(&pdf.yaml, "pdf");
    let from_wrong_docx = load_ok(&wrong_docx.yaml, "wrong docx");
    assert_eq!(tables(&from_pdf), tables(&from_wrong_docx));
    let changed: Vec<(String, String)> = tables(&from_pdf)
        .into_iter()
        .zip(tables(&original))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(
        changed[0].0.contains("（七）总计") && changed[0].0.contains("63"),
        "{changed:#?}"
    );
}

#[test]
fn hostile_documents_are_refused_with_clear_errors() {
    let one = |path: &str| {
        let im = import(path);
        assert!(im.yaml.is_empty(), "{path}: {}", im.yaml);
        assert_eq!(im.diagnostics.len(), 1, "{path}: {:#?}", im.diagnostics);
        im.diagnostics[0].clone()
    };
    let scanned = one(&format!("{DATA}/scanned.pdf"));
    assert_eq!(scanned.code, Code::NoTextLayer);
    assert!(scanned.zh.contains("OCR"), "{}", scanned.zh);
    let encrypted = one(&format!("{DATA}/encrypted.pdf"));
    assert_eq!(encrypted.code, Code::Unreadable);
    assert!(encrypted.en.contains("encrypted"), "{}", encrypted.en);

    let dir = tempfile::tempdir().unwrap();
    // A damaged PDF: the header and nothing a reader can use.
    let damaged = dir.path().join("damaged.pdf");
    std::fs::write(&damaged, b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage").unwrap();
    let d = one(damaged.to_str().unwrap());
    assert!(
        matches!(d.code, Code::Unreadable | Code::NoTextLayer),
        "{d:#?}"
    );
    // 200 MB, refused without being read (a sparse file).
    let big = dir.path().join("big.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    assert_eq!(one(big.to_str().unwrap()).code, Code::TooLarge);
    // A zip that is not a Word document.
    let zip = dir.path().join("x.docx");
    std::fs::write(&zip, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0").unwrap();
    assert_eq!(one(zip.to_str().unwrap()).code, Code::Unreadable);
    // pdftotext missing: the message names the Debian package.
    let tools = xxgk::author::import::Tools {
        pdftotext: Some(PathBuf::from("/nonexistent/pdftotext")),
        soffice: None,
    };
    let im = xxgk::author::import::import_file_with(Path::new(HUAIAN_PDF), "h.pdf", &tools);
    assert_eq!(im.diagnostics[0].code, Code::ToolFailed);
    assert!(im.diagnostics[0].zh.contains("poppler-utils"));
}

fn xxgk(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_reports_a_wrong_total_in_a_pdf_with_its_page_and_path() {
    let pdf = format!("{DATA}/lo-wrong-total.pdf");
    let (code, out, _) = xxgk(&["check", &pdf, "--format", "json", "--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "results-total")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(total["path"], "applications.results.total");
    // Page 4 holds the （七）总计 row (the results block starts on page 3: a row whose label
    // is carried down by a merged cell is placed by its own line, not the merge's first).
    assert_eq!(total["page"], 4);
    assert_eq!(total["file"], pdf.as_str());
    assert!(total["line"].as_u64().unwrap() > 1);
    // Human: the page and line; GitHub: the page in the message.
    let (_, _, human) = xxgk(&["check", &pdf, "--lang", "en"]);
    assert!(
        human.contains(&format!("--> {pdf} page 4, line")),
        "{human}"
    );
    let (_, gh, _) = xxgk(&["check", &pdf, "--format", "github", "--lang", "en"]);
    assert!(
        gh.contains("title=xxgk results-total::") && gh.contains("page 4, line"),
        "{gh}"
    );
    // The same report as a Word file, beside YAML inputs, in one command.
    let (code, out, _) = xxgk(&[
        "check",
        &format!("{DATA}/lo-wrong-total.docx"),
        "inputs/2023",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("\"results-total\""), "{out}");
    // Word has no line numbers: the place is the paragraph, said as such, and the number is
    // that of the paragraph holding the row (the paragraphs of tables counted), so that a
    // clerk counting or searching finds the 总计 row there.
    let docx = format!("{DATA}/lo-wrong-total.docx");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "results-total" && d["file"] == docx.as_str())
        .unwrap_or_else(|| panic!("{out}"));
    let n = total["paragraph"]
        .as_u64()
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(total["line"].as_u64(), Some(n));
    assert!(total.get("page").is_none(), "{out}");
    // The n-th paragraph of word/document.xml, read here on its own.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let paragraph = xml
        .split("<w:p>")
        .flat_map(|p| p.split("<w:p "))
        .nth(n as usize)
        .unwrap_or_else(|| panic!("no paragraph {n}"));
    let text: String = paragraph
        .split('<')
        .filter_map(|t| t.split_once('>').map(|(_, text)| text))
        .collect();
    assert!(text.ends_with("总计"), "paragraph {n} is {text:?}");
    let (_, _, human) = xxgk(&["check", &docx, "--lang", "zh"]);
    assert!(human.contains(&format!("--> {docx} 第 {n} 段")), "{human}");
    let (_, gh, _) = xxgk(&["check", &docx, "--format", "github", "--lang", "en"]);
    assert!(gh.contains(&format!("paragraph {n}: ")), "{gh}");
}

#[test]
fn an_import_without_tables_fails_check_until_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("notables.txt");
    std::fs::write(
        &txt,
        "2024年示例县某局政府信息公开工作年度报告\n一、总体情况\n本局依法公开政府信息。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n一是不足。二是不够。\n六、其他需要报告的事项\n无。\n",
    )
    .unwrap();
    let t = txt.to_str().unwrap();
    let (code, _, err) = xxgk(&["check", t, "--lang", "en"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[unverified-figures]"), "{err}");
    let (code, _, err) = xxgk(&["check", t, "--allow", "unverified-figures", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    // Other errors still cannot be allowed.
    let (code, _, err) = xxgk(&["check", t, "--allow", "row-total"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_folder_walk_of_check_picks_published_reports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(HUAIAN_PDF, dir.path().join("huaian.pdf")).unwrap();
    std::fs::copy(
        "inputs/2020/cixi-transport.yaml",
        dir.path().join("cixi.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a report").unwrap();
    let (code, _, err) = xxgk(&["check", dir.path().to_str().unwrap(), "--lang", "en"]);
    assert!(err.contains("checked 2 files"), "{err}");
    assert_eq!(code, 0, "{err}");
}

/// xxgk's own HTML of a report: its `<main>`.
fn own_main(r: &Report) -> String {
    let view = ReportView::new(r, xxgk::render::pdf::default_fonts());
    let page = Templates::load(None)
        .expect("templates")
        .report(&view, "html")
        .expect("renders");
    page.split("<main class=\"report\">")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .unwrap()
        .to_string()
}

#[test]
fn portal_chrome_never_reaches_the_texts() {
    let file = "inputs/2023/example-county-government.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    // A county portal's article page: tabs above the article, a 来源/时间 line and a 时间
    // line alone, the attachments after the sign-off, navigation and a footer around it.
    let main = own_main(&original)
        .replace(
            "<section class=\"preface\">",
            "<ul class=\"tabs\"><li>全真版</li><li>文字版</li><li>文件下载</li><li>相关链接</li></ul>\
             <div class=\"info\">来源：示例县人民政府办公室　时间：2024-03-20 08:28</div>\
             <div class=\"info\">时间：2024-01-31 08:28</div>\
             <section class=\"preface\">",
        )
        .replace(
            "收取信息处理费394元。本年度无其他需要报告的事项。</p>",
            "收取信息处理费394元。本年度无其他需要报告的事项。</p><p>附件下载：</p><p>【打印】【关闭】</p>",
        );
    let page = format!(
        "<!DOCTYPE html><html><head><title>示例县人民政府</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> &gt; 政府信息公开 &gt; 年度报告</div>\
         <div class=\"article\">{main}</div>\
         <div class=\"footer\"><p>主办：示例县人民政府办公室</p><p>网站标识码：1234</p></div>\
         </body></html>"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, &page).unwrap();
    let im = import_file(&path, "page.html");
    let imported = load_ok(&im.yaml, "page.yaml");
    let md = markdown(&imported);
    for chrome in [
        "全真版",
        "文字版",
        "文件下载",
        "相关链接",
        "来源",
        "08:28",
        "附件下载",
        "打印",
        "主办",
        "标识码",
    ] {
        assert!(!md.contains(chrome), "{chrome}:\n{}", im.yaml);
    }
    // What was left out is said, each kind once, with its line.
    let said: Vec<&str> = im.diagnostics.iter().map(|d| d.zh.as_str()).collect();
    assert!(
        said.iter()
            .any(|z| z.contains("全真版") && z.contains("相关链接")),
        "{said:#?}"
    );
    assert!(said.iter().any(|z| z.contains("来源")), "{said:#?}");
    assert!(
        said.iter().any(|z| z.contains("时间：2024-01-31")),
        "{said:#?}"
    );
    assert!(said.iter().any(|z| z.contains("附件下载")), "{said:#?}");
    assert!(
        im.diagnostics
            .iter()
            .all(|d| d.code == Code::ImportUnplaced),
        "{:#?}",
        im.diagnostics
    );
    assert!(
        im.diagnostics
            .iter()
            .all(|d| d.span.is_some_and(|s| s.line == 1)),
        "one line page"
    );
    // The figures and texts are the report's, every one.
    assert_same_rendering(&original, &imported, "portal", &im.yaml);
}

/// The figures of an HTML table row (`<td class="figure">N</td>`).
fn row_figures(tr: &str) -> Vec<u64> {
    tr.split("<td class=\"figure\">")
        .skip(1)
        .map(|c| c[..c.find('<').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn real_table_variants_are_placed_with_a_warning_each() {
    let file = "inputs/2023/example-county-government.yaml";
    let original = load_ok(&std::fs::read_to_string(file).unwrap(), file);
    let page = own_main(&original);
    let mut lines: Vec<String> = page.lines().map(String::from).collect();
    // The 2019 edition's single （六）其他处理 row in this 2021 table: its figures are the sums
    // of the three rows it stands for.
    let six: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = &lines[i];
            l.contains("（六）其他处理")
                || l.contains("2.申请人逾期未按收费")
                || l.contains(">3.其他<")
        })
        .collect();
    assert_eq!(six.len(), 3);
    let sums: Vec<u64> = (0..7)
        .map(|c| six.iter().map(|&i| row_figures(&lines[i])[c]).sum())
        .collect();
    let cells: String = sums
        .iter()
        .map(|v| format!("<td class=\"figure\">{v}</td>"))
        .collect();
    lines[six[0]] = format!(
        "<tr class=\"body\"><th colspan=\"2\" scope=\"row\" class=\"label\">（六）其他处理</th>{cells}</tr>"
    );
    lines.remove(six[2]);
    lines.remove(six[1]);
    let mut main = lines.join("\n").replace("rowspan=\"22\"", "rowspan=\"20\"");
    // A typo in a label, a section title as a provincial portal prints it, a 总计 left blank.
    main = main
        .replace(">2.其他法律行政法规禁止公开<", ">2.其他法律行政止公开<")
        .replace(
            "<h2>五、存在的主要问题及改进情况</h2>",
            "<h2>五、政府信息公开工作存在的主要问题及改进情况</h2>",
        );
    let new_row = main
        .lines()
        .find(|l| l.contains("一、本年新收政府信息公开申请数量"))
        .unwrap()
        .to_string();
    let total = *row_figures(&new_row).last().unwrap();
    let blanked = new_row.replace(
        &format!("<td class=\"figure\">{total}</td></tr>"),
        "<td class=\"figure\"></td></tr>",
    );
    assert_ne!(blanked, new_row);
    main = main.replace(&new_row, &blanked);
    let im =
        xxgk::author::import::import_text(&format!("<html><body>{main}</body></html>"), "v.html");
    let said: Vec<&str> = im.diagnostics.iter().map(|d| d.zh.as_str()).collect();
    assert_eq!(said.len(), 4, "{said:#?}\n{}", im.yaml);
    assert!(
        im.diagnostics
            .iter()
            .all(|d| d.code == Code::ImportUnplaced && d.severity == Severity::Warning)
    );
    assert!(
        said.iter()
            .any(|z| z.contains("按最接近的“2.其他法律行政法规禁止公开”录入")),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|z| z.contains("2019 年格式") && z.contains("3.其他")),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|z| z.contains("按“五、存在的主要问题及改进情况”录入")),
        "{said:#?}"
    );
    assert!(said.iter().any(|z| z.contains("总计原文为空")), "{said:#?}");
    let imported = load_ok(&im.yaml, "v.yaml");
    // The totals stay right: checks find nothing wrong with the tables.
    let checks = xxgk::check::check_report(&imported);
    assert!(
        checks.iter().all(|d| d.severity != Severity::Error),
        "{checks:#?}"
    );
    assert!(markdown(&imported).contains("存在的主要问题及改进情况"));
    let other = im
        .yaml
        .lines()
        .find(|l| l.trim_start().starts_with("other: ["))
        .unwrap();
    assert!(
        other.contains(
            &sums[..6]
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        "{other}"
    );
}
