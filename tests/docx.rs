//! `--formats docx`: the Word document, read back as XML, through `xxgk import`, and opened by
//! LibreOffice as a user would open it.
//!
//! The LibreOffice test never skips: without `soffice` it fails saying what to install
//! (`apt-get install libreoffice-writer-nogui`; `make test` installs it).

mod render_support;

use quick_xml::events::Event;
use render_support::*;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use xxgk::render::{ReportView, applications_grid, outcomes_grid, proactive_grid};

const GOVERNMENT_2021: &str = COUNTY_GOVERNMENT;

fn docx_of(r: &xxgk::Report) -> Vec<u8> {
    let view = ReportView::new(r, xxgk::render::pdf::default_fonts());
    xxgk::render::docx::render(&view).expect("renders")
}

/// The package's entries, in stored order.
fn entries(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut v = Vec::new();
            f.read_to_end(&mut v).expect("inflates");
            (f.name().to_string(), v)
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    let e = entries(docx);
    let (_, bytes) = e
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

/// Fails unless `xml` is well-formed (every end tag matches).
fn well_formed(name: &str, xml: &[u8]) {
    let mut r = quick_xml::Reader::from_reader(xml);
    r.config_mut().check_end_names = true;
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced");
}

#[derive(Debug, Default)]
struct Table {
    columns: usize,
    /// Each row: (grid span, vMerge continues, text) per cell.
    rows: Vec<Vec<(usize, bool, String)>>,
    header_rows: usize,
    unsplittable_rows: usize,
}

/// The body's paragraphs (outside tables) and tables, from document.xml.
fn read_document(xml: &str) -> (Vec<String>, Vec<Table>) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut paras = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_tbl = 0;
    let mut text = String::new();
    let mut in_t = false;
    let (mut span, mut cont) = (1usize, false);
    loop {
        match r.read_event().expect("xml") {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => {
                    in_tbl += 1;
                    tables.push(Table::default());
                }
                b"tr" => tables.last_mut().unwrap().rows.push(Vec::new()),
                b"tc" => {
                    (span, cont) = (1, false);
                    text.clear();
                }
                b"p" if in_tbl == 0 => text.clear(),
                b"t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => {
                let val = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"val")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                match e.local_name().as_ref() {
                    b"gridCol" => tables.last_mut().unwrap().columns += 1,
                    b"gridSpan" => span = val.unwrap().parse().unwrap(),
                    b"vMerge" => cont = val.as_deref() != Some("restart"),
                    b"tblHeader" => tables.last_mut().unwrap().header_rows += 1,
                    b"cantSplit" => tables.last_mut().unwrap().unsplittable_rows += 1,
                    b"br" if in_tbl == 0 => text.push('\n'),
                    _ => {}
                }
            }
            Event::Text(t) if in_t => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(g) if in_t => text.push(match &*g {
                b"amp" => '&',
                b"lt" => '<',
                b"gt" => '>',
                b"quot" => '"',
                b"apos" => '\'',
                other => panic!("entity {other:?}"),
            }),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_t = false,
                b"tbl" => in_tbl -= 1,
                b"tc" => tables.last_mut().unwrap().rows.last_mut().unwrap().push((
                    span,
                    cont,
                    std::mem::take(&mut text),
                )),
                b"p" if in_tbl == 0 => paras.push(std::mem::take(&mut text)),
                _ => {}
            },
            _ => {}
        }
    }
    (paras, tables)
}

fn reference() -> Reference {
    parse_reference(
        &std::fs::read_to_string(root("tests/data/2020-cixi-transport-report.txt"))
            .expect("the reference report"),
    )
}

// ---------------------------------------------------------------------------------------------

#[test]
fn both_editions_give_well_formed_parts_with_the_official_labels_and_word_merges() {
    for (rel, tables_with_head) in [(CIXI, 2), (GOVERNMENT_2021, 2)] {
        let r = load(rel);
        let docx = docx_of(&r);
        let names: Vec<String> = entries(&docx).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "docProps/core.xml",
                "docProps/app.xml",
                "word/document.xml",
                "word/styles.xml",
                "word/settings.xml",
                "word/fontTable.xml",
                "word/footer1.xml",
                "word/footer2.xml",
                "word/_rels/document.xml.rels",
            ],
            "{rel}: fixed entry order"
        );
        for (name, bytes) in entries(&docx) {
            well_formed(&format!("{rel}: {name}"), &bytes);
        }
        let doc = part(&docx, "word/document.xml");
        let (_, tables) = read_document(&doc);
        assert_eq!(tables.len(), 3, "{rel}");
        let grids = [proactive_grid(&r), applications_grid(&r), outcomes_grid(&r)];
        for (t, g) in tables.iter().zip(&grids) {
            // Rectangular: every row's spans fill the grid.
            assert_eq!(t.columns, g.columns, "{rel} {}", g.id);
            for (i, row) in t.rows.iter().enumerate() {
                let w: usize = row.iter().map(|c| c.0).sum();
                assert_eq!(w, g.columns, "{rel} {} row {i}: {row:?}", g.id);
            }
            assert_eq!(t.rows.len(), g.rows.len());
            assert_eq!(t.header_rows, g.head_rows, "{rel} {}", g.id);
            assert_eq!(t.unsplittable_rows, g.rows.len(), "{rel} {}", g.id);
            // The grid's cells, in order, are the cells that start in each row.
            let got: Vec<&str> = t
                .rows
                .iter()
                .flatten()
                .filter(|c| !c.1)
                .map(|c| c.2.as_str())
                .collect();
            let want: Vec<&str> = g
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| c.text.as_str())
                .collect();
            assert_eq!(got, want, "{rel} {}", g.id);
        }
        assert!(tables.iter().filter(|t| t.header_rows > 0).count() == tables_with_head);
        for needle in [
            "<w:gridSpan w:val=\"7\"/>",
            "<w:vMerge w:val=\"restart\"/>",
            "<w:vMerge/>",
            "<w:tblHeader/>",
            "<w:cantSplit/>",
        ] {
            assert!(doc.contains(needle), "{rel}: {needle}");
        }
        let styles = part(&docx, "word/styles.xml");
        for face in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
            assert!(
                styles.contains(&format!("w:eastAsia=\"{face}\"")),
                "{rel}: {face}"
            );
        }
        assert!(part(&docx, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
        assert!(part(&docx, "word/footer1.xml").contains("<w:jc w:val=\"right\"/>"));
        assert!(part(&docx, "word/footer2.xml").contains("<w:jc w:val=\"left\"/>"));
        let core = part(&docx, "docProps/core.xml");
        let d = r.date_for_metadata();
        assert!(
            core.contains(&format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year, d.month, d.day
            )),
            "{core}"
        );
    }
}

#[test]
fn the_seed_docx_holds_the_reference_tables_cell_for_cell() {
    let reference = reference();
    let (paras, tables) = read_document(&part(&docx_of(&load(CIXI)), "word/document.xml"));
    let flat: Vec<String> = paras.iter().map(|p| squash(p)).collect();
    for p in &reference.paragraphs {
        assert!(
            flat.contains(&squash(p)),
            "paragraph missing: {p}\n{flat:#?}"
        );
    }
    assert_eq!(tables.len(), reference.tables.len());
    for (k, (t, want)) in tables.iter().zip(&reference.tables).enumerate() {
        let got: Vec<String> = t
            .rows
            .iter()
            .flatten()
            .filter(|c| !c.1)
            .map(|c| squash(&c.2))
            .filter(|c| !c.is_empty())
            .collect();
        let want: Vec<String> = want.iter().map(|c| squash(c)).collect();
        assert_eq!(got, want, "table {k}: the cells, in order");
    }
}

#[test]
fn hostile_text_is_text() {
    let src = std::fs::read_to_string(root(CIXI)).unwrap();
    let hostile = "a<b>&c ]]> <w:t>x</w:t> \u{7}bell \u{1b}esc";
    let yaml_str = serde_json::to_string(hostile).unwrap();
    let src = src.replacen(
        "agency: 慈溪市交通运输局",
        &format!(
            "agency: {}",
            serde_json::to_string("慈溪市<交通>&局]]>").unwrap()
        ),
        1,
    );
    // The seed's `problems: |` block replaced by the hostile text.
    let (head, rest) = src.split_once("\nproblems: |").expect("problems");
    let rest = &rest[rest.find("\nother_matters").expect("other_matters")..];
    let src = format!("{head}\nproblems: {yaml_str}{rest}");
    let loaded = xxgk::input::load::load_str(&src, "t.yaml");
    let Some(r) = loaded.report else {
        panic!("{:#?}", loaded.diagnostics)
    };
    let docx = docx_of(&r);
    for (name, bytes) in entries(&docx) {
        well_formed(&name, &bytes);
    }
    let doc = part(&docx, "word/document.xml");
    assert!(!doc.contains("<w:t>x</w:t>") && !doc.contains('\u{7}') && !doc.contains('\u{1b}'));
    let (paras, _) = read_document(&doc);
    assert!(
        paras
            .iter()
            .any(|p| p == "a<b>&c ]]> <w:t>x</w:t> bell esc"),
        "{paras:#?}"
    );
    assert!(part(&docx, "docProps/core.xml").contains("慈溪市&lt;交通&gt;&amp;局]]&gt;"));
}

fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env("NO_COLOR", "1");
    c
}

fn build_docx(out: &Path, inputs: &[&str]) {
    let o = xxgk()
        .arg("build")
        .args(inputs.iter().map(|i| root(i)))
        .arg("--out")
        .arg(out)
        .args(["--formats", "docx", "--lang", "en"])
        .output()
        .expect("run xxgk");
    assert!(
        o.status.success(),
        "build fails: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn two_builds_are_byte_identical_and_the_manifest_and_index_know_docx() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_docx(&a, &[CIXI, GOVERNMENT_2021]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_docx(&b, &[CIXI, GOVERNMENT_2021]);
    for name in [
        "2020/cixi-transport.docx",
        "2023/example-county-government.docx",
    ] {
        let (x, y) = (
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two builds");
    }
    let manifest = std::fs::read_to_string(a.join(".xxgk-manifest.json")).unwrap();
    assert!(manifest.contains("\"docx\""), "{manifest}");
    let index = std::fs::read_to_string(a.join("index.html")).unwrap();
    assert!(index.contains("cixi-transport.docx"), "{index}");
    // The second build in the same folder has nothing to do.
    let o = xxgk()
        .arg("build")
        .arg(root(CIXI))
        .arg("--out")
        .arg(&a)
        .args(["--formats", "docx", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("1 up to date"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn zip_timestamps_are_the_documents_date() {
    let r = load(GOVERNMENT_2021);
    let docx = docx_of(&r);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let d = r.date_for_metadata();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().expect("a time");
        assert_eq!(
            (
                t.year() as i32,
                t.month() as u32,
                t.day() as u32,
                t.hour(),
                t.minute()
            ),
            (d.year, d.month, d.day, 0, 0),
            "{}",
            f.name()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Reading it back

fn import_docx(bytes: &[u8]) -> xxgk::author::import::Imported {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.docx");
    std::fs::write(&p, bytes).unwrap();
    xxgk::author::import::import_file(&p, "r.docx")
}

#[test]
fn import_of_the_docx_gives_every_figure_of_every_example() {
    let mut files: Vec<_> = walkdir::WalkDir::new(root("inputs"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for file in files {
        let name = file.display().to_string();
        let original = load_str(&std::fs::read_to_string(&file).unwrap());
        let im = import_docx(&docx_of(&original));
        assert!(
            im.diagnostics.is_empty(),
            "{name}: {:#?}\n{}",
            im.diagnostics,
            im.yaml
        );
        assert!(im.yaml.contains("（Word 文档）导入"), "{}", im.yaml);
        let mut imported = load_str(&im.yaml);
        // Whether the agency is a government of county level or above is not in the printed
        // report: import leaves `kind` as a comment to uncomment (as for HTML).
        imported.kind = original.kind;
        assert_eq!(imported.edition, original.edition, "{name}");
        assert_eq!(imported.published, original.published, "{name}");
        assert_eq!(
            xxgk::render::json::open_data(&imported),
            xxgk::render::json::open_data(&original),
            "{name}: the open data (every figure and text) of the import\n{}",
            im.yaml
        );
    }
}

#[test]
fn a_blank_figure_in_a_word_table_is_flagged_not_guessed() {
    let docx = docx_of(&load(CIXI));
    // Blank the first figure `1756` of table 二 (行政许可's 处理决定数量).
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries(&docx) {
        let bytes = if name == "word/document.xml" {
            let s = String::from_utf8(bytes).unwrap();
            assert!(s.contains(">1756<"));
            s.replacen(">1756<", "><", 1).into_bytes()
        } else {
            bytes
        };
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let im = import_docx(&out.finish().unwrap().into_inner());
    assert!(
        im.diagnostics
            .iter()
            .any(|d| d.code == xxgk::Code::ImportUnplaced && d.zh.contains("原文为空")),
        "{:#?}",
        im.diagnostics
    );
}

#[test]
fn a_pdf_or_a_zip_that_is_not_word_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n...").unwrap();
    let im = xxgk::author::import::import_file(&pdf, "r.pdf");
    // A PDF is read as one (tests/import_pdf.rs); this one is damaged.
    assert_eq!(
        im.diagnostics[0].code,
        xxgk::Code::Unreadable,
        "{:?}",
        im.diagnostics
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("a.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"x").unwrap();
    let p = dir.path().join("a.docx");
    std::fs::write(&p, z.finish().unwrap().into_inner()).unwrap();
    let im = xxgk::author::import::import_file(&p, "a.docx");
    assert!(
        im.diagnostics[0].en.contains("not a Word document"),
        "{:?}",
        im.diagnostics
    );
    // A zip bomb: a document.xml that unpacks beyond the limit is refused, not unpacked.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true),
    )
    .unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..65 {
        z.write_all(&chunk).unwrap();
    }
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let p = dir.path().join("bomb.docx");
    std::fs::write(&p, bomb).unwrap();
    let im = xxgk::author::import::import_file(&p, "bomb.docx");
    assert_eq!(
        im.diagnostics[0].code,
        xxgk::Code::TooLarge,
        "{:?}",
        im.diagnostics
    );
    assert!(im.diagnostics[0].en.contains("zip bomb"));
}

// ---------------------------------------------------------------------------------------------
// As a user opens it

fn soffice() -> String {
    match Command::new("soffice").arg("--version").output() {
        Ok(o) if o.status.success() => "soffice".into(),
        _ => panic!(
            "soffice (LibreOffice) not found: the DOCX test opens the file as a user would. \
             Install it with `apt-get install libreoffice-writer-nogui` (`make test` does, \
             through scripts/setup-test.sh)"
        ),
    }
}

/// Converts a .docx to PDF with LibreOffice in a private profile, with a timeout.
fn libreoffice_pdf(docx: &Path, dir: &Path) -> std::path::PathBuf {
    let program = soffice();
    let profile = dir.join("lo-profile");
    let mut child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("soffice runs");
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).ok();
            assert!(status.success(), "soffice failed: {err}");
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(180) {
            child.kill().ok();
            child.wait().ok();
            panic!("soffice took more than 3 minutes");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.is_file(), "soffice wrote no {}", pdf.display());
    pdf
}

#[test]
fn libreoffice_shows_every_paragraph_and_cell_of_the_seed_in_reading_order() {
    let reference = reference();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_docx(&out, &[CIXI]);
    let pdf = libreoffice_pdf(&out.join("2020/cixi-transport.docx"), dir.path());
    let text = pdf_text(&pdf);
    let flat = squash(&text);
    // The paragraphs, each after the one before.
    let mut at = 0;
    for p in &reference.paragraphs {
        let p = squash(p);
        match flat[at..].find(&p) {
            Some(i) => at += i + p.len(),
            None => panic!("paragraph missing or out of order: {p}\n--- pdftotext:\n{text}"),
        }
    }
    // The cells: labels as text (a wrapped cell's lines may be interleaved with its
    // neighbours'), the figures as many times as on the page at least.
    let is_figure = |c: &str| {
        let c = c.strip_prefix(['+', '-']).unwrap_or(c);
        !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
    };
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for cell in reference.tables.iter().flatten() {
        if is_figure(cell) {
            *want.entry(cell.clone()).or_default() += 1;
        } else {
            assert!(
                pdf_has_cell(&flat, &squash(cell)),
                "cell missing: {cell}\n--- pdftotext:\n{text}"
            );
        }
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for t in text.split_whitespace().filter(|t| is_figure(t)) {
        *got.entry(t.to_string()).or_default() += 1;
    }
    for (f, n) in &want {
        let g = got.get(f).copied().unwrap_or(0);
        assert!(
            g >= *n,
            "figure {f}: {n} on the page, {g} in LibreOffice's PDF"
        );
    }
    // Page numbers as the footers print them.
    let raw = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let raw = String::from_utf8_lossy(&raw.stdout);
    let raw = squash(&raw);
    assert!(raw.contains("—1—") && raw.contains("—2—"), "{raw}");
}

#[test]
fn the_sign_off_keeps_the_last_paragraph_with_it() {
    let doc = part(&docx_of(&load(GOVERNMENT_2021)), "word/document.xml");
    let sign = doc
        .find("<w:pStyle w:val=\"Signature\"/>")
        .expect("a sign-off");
    let last_para = doc[..sign].rfind("<w:p>").expect("a paragraph before it");
    let before = doc[..last_para]
        .rfind("<w:p>")
        .expect("the last paragraph of the text");
    assert!(
        doc[before..last_para].contains("<w:keepNext/>"),
        "{}",
        &doc[before..last_para]
    );
    assert!(
        doc[last_para..].contains("<w:keepNext/>"),
        "agency keeps with the date"
    );
}
