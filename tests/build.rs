//! `xxgk build` end to end, through the binary: fidelity to the published Cixi report (HTML
//! and PDF), determinism, what is written and where, template overrides.
//!
//! PDF tests never skip: without typst (or pdftotext) they fail saying what to install.
//! `XXGK_TYPST` is honoured as the binary honours it.

mod render_support;

use render_support::*;
use scraper::Html;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs `xxgk build ARGS… --out OUT --lang en`, in `cwd`.
fn build(cwd: &Path, args: &[&str]) -> Output {
    let out = xxgk()
        .current_dir(cwd)
        .arg("build")
        .args(args)
        .args(["--lang", "en"])
        .output()
        .expect("run xxgk");
    eprintln!(
        "xxgk build {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file below `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() || entry.file_type().is_symlink() {
            let rel = entry.path().strip_prefix(dir).expect("below").to_path_buf();
            files.insert(rel, std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    files
}

fn names(t: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    t.keys().map(|p| p.display().to_string()).collect()
}

/// The index's links to files (each once, sorted); every link within the page (`#…`) must
/// find its target.
fn file_links(doc: &Html) -> Vec<String> {
    let mut hrefs: Vec<String> = Vec::new();
    for a in doc.select(&sel("a[href]")) {
        let h = a.value().attr("href").expect("href");
        match h.strip_prefix('#') {
            Some(id) => assert!(
                doc.select(&sel(&format!("[id=\"{id}\"]"))).next().is_some(),
                "#{id} is on the page"
            ),
            None => hrefs.push(h.to_string()),
        }
    }
    hrefs.sort();
    hrefs.dedup();
    hrefs
}

// ---------------------------------------------------------------------------------------------
// 3. Fidelity to the published page

#[test]
fn cixi_html_and_pdf_reproduce_the_published_report() {
    let reference = parse_reference(
        &std::fs::read_to_string(root("tests/data/2020-cixi-transport-report.txt"))
            .expect("tests/data/2020-cixi-transport-report.txt"),
    );
    // The reference itself, as parsed: title and six sections' prose, three tables.
    assert!(reference.paragraphs.len() >= 12, "{reference:#?}");
    assert_eq!(reference.tables.len(), 3, "{reference:#?}");
    assert!(
        reference.tables[0].contains(&"本年新制作数量".to_string()),
        "a wrapped header cell is joined: {:?}",
        reference.tables[0]
    );

    typst();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = build(
        dir.path(),
        &[
            root(CIXI).to_str().expect("utf-8 path"),
            "--out",
            out.to_str().expect("utf-8 path"),
            "--formats",
            "html,pdf",
        ],
    );
    assert!(o.status.success(), "build fails: {}", stderr(&o));

    // HTML: each paragraph is the text of one block; each table's non-empty cells, in order,
    // are the cells of the matching table.
    let html = std::fs::read_to_string(out.join("2020/cixi-transport.html")).expect("html");
    let doc = Html::parse_document(&html);
    let blocks: Vec<String> = doc
        .select(&sel("h1, h2, h3, p"))
        .map(|e| squash(&text(e)))
        .collect();
    for p in &reference.paragraphs {
        assert!(
            blocks.contains(&squash(p)),
            "paragraph missing from the HTML: {p}"
        );
    }
    let tables: Vec<Vec<String>> = doc
        .select(&sel("table"))
        .map(|t| {
            t.select(&sel("th, td"))
                .map(|c| squash(&text(c)))
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(tables.len(), reference.tables.len(), "as many tables");
    for (k, (got, want)) in tables.iter().zip(&reference.tables).enumerate() {
        let want: Vec<String> = want.iter().map(|c| squash(c)).collect();
        assert_eq!(got, &want, "table {k}: the cells, in order");
    }

    // PDF: each paragraph and each label cell is in the text (whitespace ignored; a cell's
    // lines may be interleaved with its neighbours'); the figures are all there, as many
    // times as on the page at least.
    let pdf = pdf_text(&out.join("2020/cixi-transport.pdf"));
    let flat = squash(&pdf);
    for p in &reference.paragraphs {
        assert!(
            flat.contains(&squash(p)),
            "paragraph missing from the PDF: {p}\n--- pdftotext:\n{pdf}"
        );
    }
    let is_figure = |c: &str| {
        let c = c.strip_prefix(['+', '-']).unwrap_or(c);
        !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
    };
    let mut want_figures: BTreeMap<String, usize> = BTreeMap::new();
    for cell in reference.tables.iter().flatten() {
        if is_figure(cell) {
            *want_figures.entry(cell.clone()).or_default() += 1;
        } else {
            assert!(
                pdf_has_cell(&flat, &squash(cell)),
                "cell missing from the PDF: {cell}\n--- pdftotext:\n{pdf}"
            );
        }
    }
    let mut got_figures: BTreeMap<String, usize> = BTreeMap::new();
    for token in pdf.split_whitespace().filter(|t| is_figure(t)) {
        *got_figures.entry(token.to_string()).or_default() += 1;
    }
    for (f, n) in &want_figures {
        let got = got_figures.get(f).copied().unwrap_or(0);
        assert!(got >= *n, "figure {f}: {n} on the page, {got} in the PDF");
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Determinism

#[test]
fn two_builds_are_byte_identical() {
    typst();
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let inputs = root("inputs");
    for d in [&a, &b] {
        let o = build(
            d.path(),
            &[
                inputs.to_str().expect("utf-8"),
                "--out",
                "build",
                "--formats",
                "md,html,typ,pdf,json",
            ],
        );
        assert!(o.status.success(), "build fails: {}", stderr(&o));
    }
    let (ta, tb) = (tree(&a.path().join("build")), tree(&b.path().join("build")));
    assert_eq!(names(&ta), names(&tb), "the same files");
    for ext in ["md", "html", "typ", "pdf", "json"] {
        assert!(
            ta.keys().any(|p| p.extension().is_some_and(|e| e == ext)),
            "a .{ext} was built"
        );
    }
    assert!(ta.contains_key(Path::new("index.html")));
    for (p, bytes) in &ta {
        assert!(
            &tb[p] == bytes,
            "{} differs between two builds",
            p.display()
        );
    }
    // The index links every file built, each link resolving.
    let index = String::from_utf8(ta[Path::new("index.html")].clone()).expect("utf-8");
    let doc = Html::parse_document(&index);
    let hrefs = file_links(&doc);
    let mut built: Vec<String> = names(&ta)
        .into_iter()
        .filter(|n| n != "index.html" && n != ".xxgk-manifest.json")
        .collect();
    built.sort();
    assert_eq!(hrefs, built, "the index links every file built");
}

// ---------------------------------------------------------------------------------------------
// 6. A bad file next to a good one; nothing outside --out

#[test]
fn a_bad_file_builds_nothing_and_the_good_one_builds_everything() {
    typst();
    let sandbox = tempfile::tempdir().expect("tempdir");
    let s = sandbox.path();
    std::fs::create_dir_all(s.join("in/sub")).expect("mkdir");
    std::fs::create_dir_all(s.join("tmp")).expect("mkdir");
    std::fs::copy(root(CIXI), s.join("in/good.yaml")).expect("copy");
    let county = std::fs::read_to_string(root(COUNTY_GOVERNMENT)).expect("read");
    // A total that does not add up: an error.
    let bad = county.replacen(
        "new: [61, 14, 0, 1, 7, 3, 86]",
        "new: [61, 14, 0, 1, 7, 3, 87]",
        1,
    );
    assert_ne!(bad, county);
    std::fs::write(s.join("in/sub/bad.yaml"), bad).expect("write");
    let inputs_before = tree(&s.join("in"));

    let o = xxgk()
        .current_dir(s)
        // typst's scratch folder goes here: it must be left empty.
        .env("TMPDIR", s.join("tmp"))
        .args(["build", "in", "--out", "site/out", "--lang", "en"])
        .args(["--formats", "md,html,typ,pdf,json"])
        .output()
        .expect("run xxgk");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "exit 1 with an error: {err}");
    assert!(err.contains("sub/bad.yaml"), "the bad file is named: {err}");

    let out = tree(&s.join("site/out"));
    let formats = ["md", "html", "typ", "pdf", "json"];
    let mut want: Vec<String> = formats.iter().map(|f| format!("good.{f}")).collect();
    want.push("index.html".into());
    // The build's manifest (content hashes for incremental rebuilds) sits beside the index.
    want.push(".xxgk-manifest.json".into());
    want.sort();
    assert_eq!(
        names(&out),
        want,
        "the good report and the index, nothing else"
    );
    for (p, bytes) in &out {
        assert!(!bytes.is_empty(), "{} is empty", p.display());
    }
    assert!(out[Path::new("good.pdf")].starts_with(b"%PDF-"));
    assert!(
        !s.join("site/out/sub").exists(),
        "no folder for the bad report"
    );

    // The index links every format built, and nothing else.
    let index = String::from_utf8(out[Path::new("index.html")].clone()).expect("utf-8");
    let doc = Html::parse_document(&index);
    let hrefs = file_links(&doc);
    // The bad report has its row, its errors linking to its diagnostics on the page.
    assert!(index.contains("未生成"), "{index}");
    let mut want_links: Vec<String> = formats.iter().map(|f| format!("good.{f}")).collect();
    want_links.sort();
    assert_eq!(hrefs, want_links, "the index links every format built");
    for h in &hrefs {
        assert!(s.join("site/out").join(h).is_file(), "{h} resolves");
    }

    // Nothing written anywhere else: the inputs are untouched, the scratch folder is empty,
    // the sandbox holds only in/, site/out/ and tmp/.
    assert_eq!(tree(&s.join("in")), inputs_before, "inputs untouched");
    assert!(tree(&s.join("tmp")).is_empty(), "temporary files removed");
    let mut top: Vec<String> = std::fs::read_dir(s)
        .expect("read sandbox")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["in", "site", "tmp"]);
    let site: Vec<_> = std::fs::read_dir(s.join("site"))
        .expect("site")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(site, ["out"]);
}

// ---------------------------------------------------------------------------------------------
// 7. Templates: eject, override, a broken template

/// A temporary folder with the default templates ejected into `tpl/`.
fn ejected() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().expect("tempdir");
    let tpl = d.path().join("tpl");
    eject(&tpl);
    (d, tpl)
}

fn eject(dir: &Path) {
    let o = xxgk()
        .args(["templates", "eject"])
        .arg(dir)
        .output()
        .expect("run xxgk");
    assert!(o.status.success(), "eject fails: {}", stderr(&o));
    for (name, text) in xxgk::render::DEFAULT_TEMPLATES {
        let got = std::fs::read_to_string(dir.join(name)).expect("ejected");
        assert_eq!(&got, text, "{name} ejected as embedded");
    }
}

#[test]
fn ejected_templates_override_the_defaults() {
    let (d, tpl) = ejected();
    let md = tpl.join("report.md.tera");
    let text = std::fs::read_to_string(&md).expect("read");
    let changed = text.replacen("## {{ s.title }}", "## 〔{{ s.title }}〕", 1);
    assert_ne!(
        changed, text,
        "the section heading line is in report.md.tera"
    );
    std::fs::write(&md, changed).expect("write");

    let cixi = root(CIXI);
    let cixi = cixi.to_str().expect("utf-8");
    let o = build(
        d.path(),
        &[
            cixi,
            "--out",
            "custom",
            "--formats",
            "md",
            "--templates",
            "tpl",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(d.path(), &[cixi, "--out", "plain", "--formats", "md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let custom =
        std::fs::read_to_string(d.path().join("custom/2020/cixi-transport.md")).expect("md");
    let plain = std::fs::read_to_string(d.path().join("plain/2020/cixi-transport.md")).expect("md");
    assert!(custom.contains("## 〔一、总体情况〕"), "{custom}");
    assert!(!plain.contains("〔"), "{plain}");
    assert_eq!(custom.replace(['〔', '〕'], ""), plain, "only the change");
}

fn broken_template(body: &str) {
    let (d, tpl) = ejected();
    std::fs::write(tpl.join("report.md.tera"), body).expect("write");
    let cixi = root(CIXI);
    let o = build(
        d.path(),
        &[
            cixi.to_str().expect("utf-8"),
            "--out",
            "out",
            "--formats",
            "md,html,json",
            "--templates",
            "tpl",
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success(), "a broken template fails the build");
    assert!(
        err.contains("report.md.tera"),
        "the message names the template: {err}"
    );
    assert!(
        tree(&d.path().join("out")).is_empty(),
        "nothing written: {:?}",
        names(&tree(&d.path().join("out")))
    );
}

#[test]
fn a_template_that_does_not_parse_is_named_and_nothing_is_written() {
    broken_template("# {{ r.title }\n{% if %}\n");
}

#[test]
fn a_template_that_fails_to_render_is_named_and_nothing_is_written() {
    broken_template("# {{ r.no_such_field.at_all }}\n");
}

/// The grid macro of `macros.html.tera` as a Tera loop over the cells (as it was before the
/// `grid_html` filter drew the tables in Rust).
const HTML_GRID_LOOP: &str = r#"{% macro grid(g) -%}
<div class="table-scroll">
<table class="grid grid-{{ g.id }}">
<colgroup>{% for w in g.widths %}<col style="width:{{ w }}%">{% endfor %}</colgroup>
{%- for row in g.rows %}
{%- if loop.first and g.head_rows > 0 %}
<thead>
{%- elif loop.index0 == g.head_rows %}{% if g.head_rows > 0 %}
</thead>{% endif %}
<tbody>
{%- endif %}
<tr{% if loop.index0 >= g.head_rows %} class="{{ row.kind }}"{% endif %}>
{%- for c in row.cells %}{% if c.header %}<th{% else %}<td{% endif %}{% if c.rowspan > 1 %} rowspan="{{ c.rowspan }}"{% endif %}{% if c.colspan > 1 %} colspan="{{ c.colspan }}"{% endif %}{% if c.scope %} scope="{{ c.scope }}"{% endif %} class="{{ c.role }}">{{ c.text }}{% if c.header %}</th>{% else %}</td>{% endif %}
{%- endfor %}</tr>
{%- endfor %}
</tbody>
</table>
</div>
{%- endmacro grid %}"#;

#[test]
fn a_custom_grid_macro_draws_the_tables_and_matches_the_built_in_drawing() {
    // The default macros hand each table to a Rust filter; a template that loops over the same
    // grid itself gets the same page, and its own markup when it changes the loop.
    let (d, tpl) = ejected();
    let macros = tpl.join("macros.html.tera");
    let text = std::fs::read_to_string(&macros).expect("read");
    let start = text.find("{% macro grid(g)").expect("grid macro");
    let end = text.find("{%- endmacro grid %}").expect("end") + "{%- endmacro grid %}".len();
    let looped = format!("{}{HTML_GRID_LOOP}{}", &text[..start], &text[end..]);
    std::fs::write(&macros, &looped).expect("write");
    let entry = tpl.join("index-entry.html.tera");
    std::fs::write(
        &entry,
        "\n<li class=\"mine\">{{ e.year }} {{ e.agency }}{% for f in e.links %} [{{ f.format }}]{% endfor %}</li>",
    )
    .expect("write");

    let inputs = root("inputs");
    let inputs = inputs.to_str().expect("utf-8");
    let args = |out: &'static str, custom: bool| {
        let mut a = vec![inputs, "--out", out, "--formats", "md,html"];
        if custom {
            a.extend(["--templates", "tpl"]);
        }
        a
    };
    let o = build(d.path(), &args("custom", true));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(d.path(), &args("plain", false));
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "2020/cixi-transport.html",
        "2023/example-county-government.html",
    ] {
        let custom = std::fs::read_to_string(d.path().join("custom").join(f)).expect("html");
        let plain = std::fs::read_to_string(d.path().join("plain").join(f)).expect("html");
        assert_eq!(custom, plain, "{f}: the loop draws what the filter draws");
    }
    let index = std::fs::read_to_string(d.path().join("custom/index.html")).expect("index");
    assert!(
        index.contains("<tbody>\n<li class=\"mine\">2020 慈溪市交通运输局 [md] [html]</li>\n<li class=\"mine\">2020 示例镇人民政府 [md] [html]</li>\n</tbody>")
            && index.find("id=\"y2020\"") < index.find("<li class=\"mine\">2020"),
        "each entry drawn by index-entry.html.tera, in its year: {index}"
    );
    assert_eq!(index.matches("class=\"mine\"").count(), 6, "{index}");

    // A changed loop changes the tables.
    std::fs::write(
        &macros,
        looped.replace("class=\"{{ c.role }}\"", "data-role=\"{{ c.role }}\""),
    )
    .expect("write");
    let o = build(d.path(), &args("custom", true));
    assert!(o.status.success(), "{}", stderr(&o));
    let html =
        std::fs::read_to_string(d.path().join("custom/2020/cixi-transport.html")).expect("html");
    assert!(html.contains("<td data-role=\"figure\">"), "{html}");
}

#[test]
fn an_index_entry_template_that_fails_keeps_the_old_index() {
    let (d, tpl) = ejected();
    let cixi = root(CIXI);
    let cixi = cixi.to_str().expect("utf-8");
    let o = build(d.path(), &[cixi, "--out", "out", "--formats", "md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(d.path().join("out/index.html")).expect("index");
    std::fs::write(
        tpl.join("index-entry.html.tera"),
        "<li>{{ e.no_such.field }}</li>",
    )
    .expect("write");
    let o = build(
        d.path(),
        &[
            cixi,
            "--out",
            "out",
            "--formats",
            "md",
            "--templates",
            "tpl",
        ],
    );
    assert!(!o.status.success(), "the build fails");
    assert!(
        stderr(&o).contains("index-entry.html.tera"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(d.path().join("out/index.html")).expect("index"),
        before,
        "the old index stays whole"
    );
    let leftovers: Vec<_> = tree(&d.path().join("out"))
        .into_keys()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_index_page_that_does_not_place_the_entries_is_refused_by_name() {
    // A page that forgets a year's entries would silently drop reports, and a page written for
    // the index as it was (looping over `y.entries` itself) no longer renders: either way the
    // build says what the page must do.
    let forgets = |t: &str| t.replace("{{ y.entries | safe }}", "");
    let loops = |t: &str| {
        t.replace(
            "{{ y.entries | safe }}",
            "{% for e in y.entries %}<li>{{ e.agency }}</li>{% endfor %}",
        )
    };
    for change in [&forgets as &dyn Fn(&str) -> String, &loops] {
        let (d, tpl) = ejected();
        let page = tpl.join("index.html.tera");
        let text = std::fs::read_to_string(&page).expect("read");
        std::fs::write(&page, change(&text)).expect("write");
        let cixi = root(CIXI);
        let cixi = cixi.to_str().expect("utf-8");
        let args = [
            cixi,
            "--out",
            "out",
            "--formats",
            "md",
            "--templates",
            "tpl",
        ];
        let o = build(d.path(), &args);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains("index.html.tera")
                && err.contains("print `{{ y.entries | safe }}` once for each year")
                && err.contains("index-entry.html.tera"),
            "{err}"
        );
        assert!(!d.path().join("out/index.html").exists(), "no half index");
        // The reports and the manifest were written: the next build has nothing to redo.
        assert!(d.path().join("out/.xxgk-manifest.json").is_file());
        let md = d.path().join("out/2020/cixi-transport.md");
        let before = std::fs::metadata(&md)
            .expect("md")
            .modified()
            .expect("mtime");
        let o = build(d.path(), &args);
        assert!(!o.status.success());
        assert_eq!(
            std::fs::metadata(&md)
                .expect("md")
                .modified()
                .expect("mtime"),
            before,
            "not rebuilt"
        );
    }
}

/// The text of each page of a PDF (pdftotext ends every page with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[test]
fn the_sign_off_never_stands_alone_on_the_last_page() {
    // The same report with its last section longer by a line at a time: wherever the text
    // ends on a page, the agency and date at the foot keep the last paragraph with them.
    let d = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root("inputs/2023/example-county-government.yaml")).unwrap();
    let inputs = d.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let filler = "本年度按规定做好政府信息公开工作的各项记录，";
    for k in 0..24 {
        let text = base
            .replace("示例县人民政府", &format!("示例县{k:02}人民政府"))
            .replace(
                "2023年，县政府依据《政府信息公开信息处理费管理办法》收取信息处理费394元。本年度无其他需要报告的事项。",
                &format!("{}本年度无其他需要报告的事项。", filler.repeat(k)),
            );
        std::fs::write(inputs.join(format!("r{k:02}.yaml")), text).unwrap();
    }
    let out = d.path().join("out");
    let o = build(
        d.path(),
        &["inputs", "--out", out.to_str().unwrap(), "--formats", "pdf"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for k in 0..24 {
        let pages = pdf_pages(&out.join(format!("r{k:02}.pdf")));
        let last = pages.last().expect("pages");
        let rest: Vec<&str> = last
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !is_page_number(l))
            .filter(|l| {
                !l.starts_with(&format!("示例县{k:02}人民政府")) && !l.contains("2024年3月20日")
            })
            .collect();
        assert!(
            !rest.is_empty(),
            "report {k}: the sign-off stands alone on page {}:\n{last}",
            pages.len()
        );
    }
    // And it stands at the right, where it always does, however long the last paragraph is
    // (a short one once pulled it to the left: the block keeping them together was only as
    // wide as that line).
    let right: Vec<f64> = (0..24)
        .map(|k| {
            let pdf = out.join(format!("r{k:02}.pdf"));
            let n = pdf_pages(&pdf).len().to_string();
            let o = Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-bbox"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils)");
            let xml = String::from_utf8(o.stdout).unwrap();
            // The sign-off's right edge: that of its wider line (the two are centred on each
            // other, and the agency's width varies with its number).
            let agency = format!(">示例县{k:02}人民政府<");
            let x_max = |text: &str| -> f64 {
                let word = xml
                    .lines()
                    .find(|l| l.contains(text))
                    .unwrap_or_else(|| panic!("report {k}: no {text} on its last page:\n{xml}"));
                let v = word
                    .split("xMax=\"")
                    .nth(1)
                    .and_then(|v| v.split('"').next());
                v.and_then(|v| v.parse().ok()).expect("xMax")
            };
            x_max(">2024年3月20日<").max(x_max(&agency))
        })
        .collect();
    for (k, x) in right.iter().enumerate() {
        assert!(
            (x - right[23]).abs() < 1.0 && *x > 595.0 * 0.6,
            "report {k}: the date ends at x = {x}, report 23's at {}",
            right[23]
        );
    }
}
