//! Word (`.docx`): the report as WordprocessingML in the PDF's GB/T 9704-2012 layout, written
//! from the same prepared view and table grids as the other formats.
//!
//! The OOXML is written here as text through one escaping function ([`esc`]), then stored in a
//! zip with a fixed entry order, fixed timestamps (the document's date) and no random ids, so
//! that two builds give the same bytes. Fonts are named by role as Word expects them
//! (`w:eastAsia`): a machine with the official faces shows the official look, any other falls
//! back as Word and LibreOffice do.

use super::{CellRole, Grid, ReportView, RowKind, resolve, split_title_line};
use crate::report::Paragraph;
use std::fmt::Write as _;
use std::io::Write as _;

/// The official faces, by role.
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_HEADING: &str = "黑体";
pub const FONT_KAI: &str = "楷体_GB2312";

// Page geometry in twentieths of a point (1 mm = 1440 / 25.4 twips).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 2098; // 37 mm
const MARGIN_BOTTOM: u32 = 1984; // 35 mm
const MARGIN_LEFT: u32 = 1587; // 28 mm
const MARGIN_RIGHT: u32 = 1474; // 26 mm
/// The text block: 156 mm.
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// 22 lines in the 225 mm text block.
const PITCH: u32 = 579;
/// The page number's baseline 7 mm below the text block: the footer's bottom edge 23 mm up.
const FOOTER: u32 = 1304;
/// 28 characters of 3号 in 156 mm: each character's advance 0.2 pt (4 twips) less than 16 pt.
/// (Word's document grid, `docGrid w:type="linesAndChars"`, would say the same, but
/// LibreOffice snaps every character to a wider grid; the exact line spacing and condensed
/// characters mean the same to both, so the grid is left off.)
const CONDENSE: i32 = -4;

/// Characters XML 1.0 cannot hold (and C1 controls, which no report means): dropped.
fn xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Text as XML character data or an attribute value: `&`, `<`, `>`, `"`, `'` escaped; tabs,
/// line breaks and characters XML cannot hold never reach the file (so `]]>`, `<w:t>` or a
/// stray control character in a clerk's text are only text).
pub fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if xml_illegal(c) => {}
            c => out.push(c),
        }
    }
}

/// `w:rFonts` naming one face for every script (ASCII digits in the same face as the text).
fn fonts(out: &mut String, face: &str) {
    out.push_str("<w:rFonts w:ascii=\"");
    esc(out, face);
    out.push_str("\" w:hAnsi=\"");
    esc(out, face);
    out.push_str("\" w:eastAsia=\"");
    esc(out, face);
    out.push_str("\" w:cs=\"");
    esc(out, face);
    out.push_str("\"/>");
}

/// A run of text, with an optional character style.
fn run(out: &mut String, style: Option<&str>, text: &str) {
    out.push_str("<w:r>");
    if let Some(s) = style {
        let _ = write!(out, "<w:rPr><w:rStyle w:val=\"{s}\"/></w:rPr>");
    }
    out.push_str("<w:t xml:space=\"preserve\">");
    esc(out, text);
    out.push_str("</w:t></w:r>");
}

fn para_open(out: &mut String, style: &str) {
    let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>");
}

/// `keep_last`: the last paragraph keeps with what follows (the sign-off).
fn paragraphs(out: &mut String, ps: &[Paragraph], keep_last: bool) {
    for (i, p) in ps.iter().enumerate() {
        if p.heading {
            para_open(out, "Heading2");
            run(out, None, &p.text);
        } else if keep_last && i + 1 == ps.len() {
            out.push_str("<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/><w:keepNext/></w:pPr>");
            if let Some(lead) = &p.lead {
                run(out, Some("Lead"), lead);
            }
            run(out, None, &p.text);
        } else {
            para_open(out, "BodyText");
            if let Some(lead) = &p.lead {
                run(out, Some("Lead"), lead);
            }
            run(out, None, &p.text);
        }
        out.push_str("</w:p>");
    }
}

/// Table widths in twips: the grid's relative widths over the text block, the last column
/// taking the rounding so that the sum is the block exactly.
fn column_widths(g: &Grid) -> Vec<u32> {
    let total: u32 = g.widths.iter().sum::<u32>().max(1);
    let mut ws: Vec<u32> = g.widths.iter().map(|w| w * TEXT_W / total).collect();
    if let Some(last) = ws.last_mut() {
        let rest: u32 = g.widths.iter().map(|w| w * TEXT_W / total).sum();
        *last += TEXT_W - rest;
    }
    ws
}

/// One grid as a Word table: spans as `gridSpan`/`vMerge`, header rows repeated on every page,
/// no row split across pages. `small`: 小五 (tables 三 and 四) rather than 五号.
fn table(out: &mut String, g: &Grid, small: bool) -> Result<(), String> {
    let at = resolve(g)?;
    let ws = column_widths(g);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>\
         <w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
    );
    for w in &ws {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let style = if small { "TableSmall" } else { "TableText" };
    for (ri, row) in g.rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if ri < g.head_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut c = 0;
        while c < g.columns {
            let (r0, ci) = at[ri][c];
            let cell = &g.rows[r0].cells[ci];
            let span = cell.colspan.max(1);
            let width: u32 = ws[c..(c + span).min(ws.len())].iter().sum();
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
            if span > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
            }
            if cell.rowspan > 1 {
                out.push_str(if r0 == ri {
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    "<w:vMerge/>"
                });
            }
            let shaded = cell.role == CellRole::Note && row.kind == RowKind::Section;
            if shaded {
                out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
            }
            out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            let left = matches!(cell.role, CellRole::Label | CellRole::Note);
            let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
            if left {
                out.push_str("<w:jc w:val=\"left\"/>");
            }
            out.push_str("</w:pPr>");
            if r0 == ri && !cell.text.is_empty() {
                run(out, None, &cell.text);
            }
            out.push_str("</w:p></w:tc>");
            c += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    Ok(())
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// `word/document.xml`.
pub fn document_xml(v: &ReportView) -> Result<String, String> {
    let mut out = String::with_capacity(96 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>"
    );
    // The title: a paragraph for each of its lines, broken where the printed title breaks a
    // line too long for the page (`title_print_lines`), so that reading it back gives the
    // title's own lines.
    for (i, line) in v.title_lines.iter().enumerate() {
        if i + 1 == v.title_lines.len() {
            let _ = write!(
                out,
                "<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:spacing w:after=\"{}\"/></w:pPr>",
                2 * PITCH
            );
        } else {
            para_open(&mut out, "Title");
        }
        for (k, part) in split_title_line(line, 20).iter().enumerate() {
            if k > 0 {
                out.push_str("<w:r><w:br/></w:r>");
            }
            run(&mut out, None, part);
        }
        out.push_str("</w:p>");
    }
    paragraphs(&mut out, &v.preface, false);
    for (i, s) in v.sections.iter().enumerate() {
        para_open(&mut out, "Heading1");
        run(&mut out, None, s.title);
        out.push_str("</w:p>");
        // The sign-off never stands alone on the last page: the text before keeps with it.
        let last = i + 1 == v.sections.len() && s.table.is_none() && v.published.is_some();
        paragraphs(&mut out, &s.paragraphs, last);
        if let Some(g) = &s.table {
            table(&mut out, g, g.id != "proactive")?;
            // A table is followed by a paragraph (Word requires one before the section end,
            // and it keeps the next heading off the table's lower border).
            out.push_str("<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>");
        }
    }
    if let Some(date) = &v.published {
        // Two blank lines above the sign-off.
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"Signature\"/><w:keepNext/><w:spacing w:before=\"{}\"/></w:pPr>",
            2 * PITCH
        );
        run(&mut out, None, &v.agency);
        out.push_str("</w:p>");
        para_open(&mut out, "Signature");
        run(&mut out, None, date);
        out.push_str("</w:p>");
    }
    let _ = write!(
        out,
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>\
         <w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"851\" w:footer=\"{FOOTER}\" w:gutter=\"0\"/>\
         <w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/>\
         <w:docGrid w:linePitch=\"{PITCH}\"/></w:sectPr></w:body></w:document>"
    );
    Ok(out)
}

/// The page number `— 1 —` in 4号 at the outer side: right on odd pages, left on even ones.
fn footer_xml(odd: bool) -> String {
    let (jc, ind) = if odd {
        ("right", "w:right=\"280\"")
    } else {
        ("left", "w:left=\"280\"")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr>\
         <w:pStyle w:val=\"Footer\"/><w:jc w:val=\"{jc}\"/><w:ind {ind}/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    )
}

/// A paragraph or character style with the font of `face`.
/// `(kind, id, name)`: `paragraph`/`character`, the style id, its name.
fn style(
    out: &mut String,
    (kind, id, name): (&str, &str, &str),
    based_on: Option<&str>,
    ppr: &str,
    face: Option<&str>,
    rpr: &str,
) {
    let _ = write!(
        out,
        "<w:style w:type=\"{kind}\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>"
    );
    if let Some(b) = based_on {
        let _ = write!(out, "<w:basedOn w:val=\"{b}\"/>");
    }
    out.push_str("<w:qFormat/>");
    if !ppr.is_empty() {
        let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
    }
    out.push_str("<w:rPr>");
    if let Some(f) = face {
        fonts(out, f);
    }
    out.push_str(rpr);
    out.push_str("</w:rPr></w:style>");
}

/// `word/styles.xml`: every look of the report as a named style.
fn styles_xml() -> String {
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}>\
         <w:docDefaults><w:rPrDefault><w:rPr>"
    );
    fonts(&mut out, FONT_BODY);
    let _ = write!(
        out,
        "<w:kern w:val=\"0\"/><w:spacing w:val=\"{CONDENSE}\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{PITCH}\" w:lineRule=\"exact\"/>\
         <w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    // Normal is the default paragraph style; the others build on it.
    out.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    let indent = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>";
    style(
        &mut out,
        ("paragraph", "BodyText", "正文文字"),
        Some("Normal"),
        indent,
        None,
        "",
    );
    style(
        &mut out,
        ("paragraph", "Title", "Title"),
        Some("Normal"),
        &format!(
            "<w:spacing w:line=\"{PITCH}\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>"
        ),
        Some(FONT_TITLE),
        "<w:spacing w:val=\"0\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>",
    );
    style(
        &mut out,
        ("paragraph", "Heading1", "heading 1"),
        Some("Normal"),
        &format!("<w:keepNext/>{indent}<w:outlineLvl w:val=\"1\"/>"),
        Some(FONT_HEADING),
        "",
    );
    style(
        &mut out,
        ("paragraph", "Heading2", "heading 2"),
        Some("Normal"),
        &format!("<w:keepNext/>{indent}<w:outlineLvl w:val=\"2\"/>"),
        Some(FONT_KAI),
        "",
    );
    style(
        &mut out,
        ("character", "Lead", "标题引语"),
        None,
        "",
        Some(FONT_KAI),
        "",
    );
    style(
        &mut out,
        ("paragraph", "TableText", "表格文字"),
        Some("Normal"),
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
        None,
        "<w:spacing w:val=\"0\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>",
    );
    style(
        &mut out,
        ("paragraph", "TableSmall", "表格文字（小）"),
        Some("TableText"),
        "",
        None,
        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
    );
    style(
        &mut out,
        ("paragraph", "AfterTable", "表格后"),
        Some("Normal"),
        "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
        None,
        "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
    );
    style(
        &mut out,
        ("paragraph", "Signature", "落款"),
        Some("Normal"),
        "<w:keepNext/><w:jc w:val=\"right\"/><w:ind w:rightChars=\"200\" w:right=\"640\"/>",
        None,
        "",
    );
    style(
        &mut out,
        ("paragraph", "Footer", "footer"),
        Some("Normal"),
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
        None,
        "<w:spacing w:val=\"0\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
    );
    out.push_str(
        "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"ReportTable\"><w:name w:val=\"报告表格\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>\
         <w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"45\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"45\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    out.push_str("</w:styles>");
    out
}

/// `word/fontTable.xml`: the official faces with the family and charset (GB2312) Word uses to
/// choose a stand-in where they are not installed.
fn font_table_xml() -> String {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {NS}>");
    for (face, alt, family, pitch) in [
        (FONT_TITLE, "宋体", "roman", "variable"),
        (FONT_BODY, "仿宋", "modern", "fixed"),
        (FONT_HEADING, "SimHei", "modern", "fixed"),
        (FONT_KAI, "楷体", "modern", "fixed"),
    ] {
        out.push_str("<w:font w:name=\"");
        esc(&mut out, face);
        out.push_str("\"><w:altName w:val=\"");
        esc(&mut out, alt);
        let _ = write!(
            out,
            "\"/><w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        );
    }
    out.push_str("</w:fonts>");
    out
}

const SETTINGS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>\
<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>";

const CONTENT_TYPES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>\
</Relationships>";

/// `docProps/core.xml`: title, author and dates from the report (never the clock).
fn core_xml(v: &ReportView) -> String {
    let d = v.date;
    let stamp = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>",
    );
    esc(&mut out, &v.title_lines.join(""));
    out.push_str("</dc:title><dc:creator>");
    esc(&mut out, &v.agency);
    out.push_str("</dc:creator><dc:language>zh-CN</dc:language><cp:lastModifiedBy>");
    esc(&mut out, &v.generator);
    let _ = write!(
        out,
        "</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified></cp:coreProperties>"
    );
    out
}

fn app_xml(v: &ReportView) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>",
    );
    esc(&mut out, &v.generator);
    out.push_str("</Application></Properties>");
    out
}

/// The parts of the package, in the order they are stored.
pub fn parts(v: &ReportView) -> Result<Vec<(&'static str, String)>, String> {
    Ok(vec![
        ("[Content_Types].xml", CONTENT_TYPES_XML.to_string()),
        ("_rels/.rels", RELS_XML.to_string()),
        ("docProps/core.xml", core_xml(v)),
        ("docProps/app.xml", app_xml(v)),
        ("word/document.xml", document_xml(v)?),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS_XML.to_string()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footer1.xml", footer_xml(true)),
        ("word/footer2.xml", footer_xml(false)),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS_XML.to_string(),
        ),
    ])
}

/// The report as a `.docx`: the same bytes for the same report, every time.
pub fn render(v: &ReportView) -> Result<Vec<u8>, String> {
    let d = v.date;
    // The zip's timestamps: the document's date (DOS time cannot go before 1980).
    let when = zip::DateTime::from_date_and_time(
        d.year.clamp(1980, 2107) as u16,
        d.month.clamp(1, 12) as u8,
        d.day.clamp(1, 31) as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // Fast: the XML is repetitive, and a build of thousands should cost no more than HTML.
        .compression_level(Some(1))
        .last_modified_time(when)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(32 * 1024)));
    let err = |e: &dyn std::fmt::Display| format!("docx: {e}");
    for (name, text) in parts(v)? {
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_as_text() {
        let mut s = String::new();
        esc(&mut s, "a<b>&c]]>\"'\u{7}\u{0}\u{1b}\t\u{fffe}d");
        assert_eq!(s, "a&lt;b&gt;&amp;c]]&gt;&quot;&apos; d");
    }

    #[test]
    fn column_widths_fill_the_text_block() {
        let g = Grid {
            id: "t",
            columns: 3,
            head_rows: 0,
            label_columns: 0,
            widths: vec![33, 33, 33],
            rows: Vec::new(),
        };
        assert_eq!(column_widths(&g).iter().sum::<u32>(), TEXT_W);
    }
}
