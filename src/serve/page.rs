//! What `serve` adds to the pages it serves (never to the files on disk): a bar with the
//! report's state and its PDF, the panel of problems with the table cells marked, the state of
//! every report on the index, and the small script that reloads the page after a rebuild.
//! Every text from a report or a diagnostic is escaped here.

use super::cells::CellRef;
use super::state::{ReportState, Shown, Snapshot};
use crate::diag::Lang;
use crate::render::escape::html_text as esc;
use crate::{Diagnostic, Severity};
use std::fmt::Write as _;

/// Where the page's PDF stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfStatus {
    /// PDF is not among the formats served.
    Off,
    Building,
    Ready,
    /// typst failed, or is missing: what it said.
    Failed(String),
    /// Not made: the report has errors.
    None,
}

/// What every served page needs to know besides its report.
pub struct PageCtx<'a> {
    pub lang: Lang,
    /// The generation the page shows: the script reloads when the server has another.
    pub generation: u64,
    pub snapshot: &'a Snapshot,
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Inserts `top` right after the `<body …>` tag and `end` before `</body>` (or at the ends of a
/// page without them); `head` before `</head>`.
pub fn inject(html: &str, head: &str, top: &str, end: &str) -> String {
    let mut out = String::with_capacity(html.len() + head.len() + top.len() + end.len());
    let lower = html.to_ascii_lowercase();
    let head_at = lower.find("</head>");
    let body_at = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1));
    let end_at = lower
        .rfind("</body>")
        .filter(|&e| body_at.is_none_or(|b| e >= b));
    let mut pos = 0;
    let mut put = |at: usize, what: &str, pos: &mut usize| {
        let at = at.max(*pos);
        out.push_str(&html[*pos..at]);
        out.push_str(what);
        *pos = at;
    };
    match head_at {
        Some(h) if body_at.is_none_or(|b| h < b) => put(h, head, &mut pos),
        _ => put(0, head, &mut pos),
    }
    put(body_at.unwrap_or(pos), top, &mut pos);
    put(end_at.unwrap_or(html.len()), end, &mut pos);
    out.push_str(&html[pos..]);
    out
}

/// The script: marks the cells the panel names, scrolls to one when its problem is clicked,
/// and reloads the page when the server has rebuilt.
fn script(generation: u64) -> String {
    format!(
        r#"<script>
(function () {{
  var gen = {generation};
  document.querySelectorAll("[data-cells]").forEach(function (li) {{
    var first = null;
    li.getAttribute("data-cells").split(" ").forEach(function (c) {{
      var p = c.split(":");
      var table = document.querySelector("table.grid-" + p[0]);
      var tr = table && table.querySelectorAll("tr")[+p[1]];
      var td = tr && tr.children[+p[2]];
      if (!td) return;
      td.classList.add(li.classList.contains("xxgk-warning") ? "xxgk-hl-warn" : "xxgk-hl");
      td.title = li.getAttribute("data-code");
      first = first || td;
    }});
    if (first) {{
      li.classList.add("xxgk-jump");
      li.addEventListener("click", function () {{ first.scrollIntoView({{block: "center"}}); }});
    }}
  }});
  if (window.EventSource) {{
    var es = new EventSource("/__xxgk/events");
    es.onmessage = function (e) {{ if (+e.data !== gen) {{ es.close(); location.reload(); }} }};
  }}
}})();
</script>
"#
    )
}

const STYLE: &str = r#"<style>
.xxgk-bar { font: 14px/1.5 "Noto Sans CJK SC", sans-serif; background: #f4f6f8; border-bottom: 1px solid #d0d7de; padding: .4rem .8rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; color: #24292f; }
.xxgk-bar a { color: #0a58ca; }
.xxgk-ok { color: #1a7f37; font-weight: bold; }
.xxgk-bad { color: #cf222e; font-weight: bold; }
.xxgk-warn { color: #9a6700; font-weight: bold; }
.xxgk-panel { font: 14px/1.5 "Noto Sans CJK SC", sans-serif; border: 2px solid #cf222e; background: #fff8f8; margin: .8rem; padding: .6rem .8rem; color: #24292f; overflow-wrap: anywhere; }
.xxgk-panel.xxgk-only-warnings { border-color: #d4a72c; background: #fffbeb; }
.xxgk-panel h2 { font-size: 1rem; margin: 0 0 .4rem; border: 0; }
.xxgk-panel h2, .xxgk-panel p, .xxgk-panel div { text-indent: 0; text-align: left; }
.xxgk-panel ol { margin: .3rem 0; padding-left: 1.4rem; }
.xxgk-panel li { margin: .5rem 0; }
.xxgk-panel code { background: #eaeef2; padding: 0 .25rem; border-radius: 3px; }
.xxgk-panel .xxgk-loc { color: #57606a; font-size: 13px; }
.xxgk-panel pre { background: #fff; border: 1px solid #d0d7de; padding: .3rem .5rem; margin: .2rem 0; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
.xxgk-panel pre mark { background: #ffcecb; text-decoration: underline wavy #cf222e; }
.xxgk-panel .xxgk-ln { color: #8c959f; user-select: none; }
.xxgk-panel .xxgk-note { color: #57606a; margin: .3rem 0; }
.xxgk-panel details summary { cursor: pointer; color: #9a6700; font-weight: bold; }
.xxgk-jump { cursor: pointer; }
td.xxgk-hl, th.xxgk-hl { outline: 3px solid #cf222e; outline-offset: -3px; background: #ffebe9 !important; }
td.xxgk-hl-warn, th.xxgk-hl-warn { outline: 3px solid #d4a72c; outline-offset: -3px; background: #fff8c5 !important; }
.xxgk-states { border-collapse: collapse; width: 100%; font-size: 14px; }
.xxgk-states td + td { white-space: nowrap; }
.xxgk-states td, .xxgk-states th { border-bottom: 1px solid #d0d7de; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
</style>
"#;

fn count_text(lang: Lang, errors: usize, warnings: usize) -> String {
    match (errors, warnings, lang) {
        (0, 0, _) => "✓".into(),
        (e, 0, Lang::Zh) => format!("{e} 个错误"),
        (0, w, Lang::Zh) => format!("{w} 个警告"),
        (e, w, Lang::Zh) => format!("{e} 个错误，{w} 个警告"),
        (e, 0, Lang::En) => format!("{e} error{}", plural(e)),
        (0, w, Lang::En) => format!("{w} warning{}", plural(w)),
        (e, w, Lang::En) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn state_class(errors: usize, warnings: usize) -> &'static str {
    match (errors, warnings) {
        (0, 0) => "xxgk-ok",
        (0, _) => "xxgk-warn",
        _ => "xxgk-bad",
    }
}

/// A problem of the build as a whole (a broken template), said on every page.
fn build_problem(ctx: &PageCtx) -> String {
    let Some((zh, en)) = &ctx.snapshot.problem else {
        return String::new();
    };
    let msg = if ctx.lang == Lang::Zh { zh } else { en };
    format!(
        "<div class=\"xxgk-panel\" id=\"xxgk-build-problem\"><h2>{}</h2><p>{}</p></div>\n",
        t(
            ctx.lang,
            "无法生成（页面是上次生成的结果）",
            "Could not build (the pages are those of the last build)"
        ),
        esc(msg)
    )
}

/// One diagnostic as `check` prints it: severity and code, message, place, source line.
fn item(out: &mut String, s: &Shown, lang: Lang) {
    let d = &s.diag;
    let (class, sev) = match d.severity {
        Severity::Error => ("xxgk-error", t(lang, "错误", "error")),
        Severity::Warning => ("xxgk-warning", t(lang, "警告", "warning")),
    };
    let cells: Vec<String> = s.cells.iter().map(cell_ref).collect();
    let _ = write!(
        out,
        "<li class=\"{class}\" data-code=\"{}\"",
        esc(d.code.as_str())
    );
    if !cells.is_empty() {
        let _ = write!(out, " data-cells=\"{}\"", cells.join(" "));
    }
    let _ = write!(
        out,
        "><div><strong>{sev}</strong> <code>{}</code> {}</div>",
        esc(d.code.as_str()),
        esc(d.message(lang))
    );
    location(out, d, s.line.as_deref());
    if let Some((file, span, zh, en)) = &d.related {
        let note = if lang == Lang::Zh { zh } else { en };
        let place = match span {
            Some(sp) => format!("{file}:{}:{}", sp.line, sp.col),
            None => file.clone(),
        };
        let _ = write!(
            out,
            "<div class=\"xxgk-loc\">= {} — {}</div>",
            esc(note),
            esc(&place)
        );
    }
    out.push_str("</li>\n");
}

fn cell_ref(c: &CellRef) -> String {
    format!("{}:{}:{}", c.grid, c.row, c.cell)
}

/// `file:line:column`, the labels and path, and the source line with the spot marked.
fn location(out: &mut String, d: &Diagnostic, line: Option<&str>) {
    let mut what = d.labels.join(" · ");
    if !d.path.is_empty() {
        if !what.is_empty() {
            what.push_str("  ");
        }
        let _ = write!(what, "({})", d.path);
    }
    let place = match d.span {
        Some(sp) => format!("{}:{}:{}", d.file, sp.line, sp.col),
        None => d.file.clone(),
    };
    let _ = write!(
        out,
        "<div class=\"xxgk-loc\"><span class=\"xxgk-place\">{}</span> {}</div>",
        esc(&place),
        esc(&what)
    );
    let (Some(sp), Some(line)) = (d.span, line) else {
        return;
    };
    let chars: Vec<char> = line.chars().collect();
    let from = sp.col.saturating_sub(1).min(chars.len());
    let to = if sp.end_line == sp.line && sp.end_col > sp.col {
        (sp.end_col - 1).min(chars.len())
    } else {
        (from + 1).min(chars.len())
    };
    let part = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    let _ = write!(
        out,
        "<pre><span class=\"xxgk-ln\">{} │ </span>{}<mark>{}</mark>{}</pre>",
        sp.line,
        part(0, from),
        part(from, to),
        part(to, chars.len())
    );
}

/// The panel of a report's problems: errors listed, warnings folded; empty without any.
pub fn panel(r: &ReportState, lang: Lang) -> String {
    if r.diags.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let class = if r.errors == 0 {
        "xxgk-panel xxgk-only-warnings"
    } else {
        "xxgk-panel"
    };
    let _ = write!(
        out,
        "<section class=\"{class}\" id=\"xxgk-panel\" aria-label=\"{}\">\n<h2>{} — {}</h2>\n",
        t(lang, "问题", "Problems"),
        esc(&count_text(lang, r.errors, r.warnings)),
        esc(&r.name)
    );
    if r.errors > 0 {
        let note = match (r.draft.is_some(), lang) {
            (true, Lang::Zh) => {
                "下面是按当前数据生成的草稿，有问题的格子已标出；改正以前 build 不会生成这份报告。"
            }
            (true, Lang::En) => {
                "Below is a draft from the figures as they are, the cells concerned marked; build will not publish this report until they are fixed."
            }
            (false, Lang::Zh) => "数据无法读出，下面是上次没有错误时的页面（若有）。",
            (false, Lang::En) => {
                "The figures cannot be read; below is the page of the last time it had no errors, if any."
            }
        };
        let _ = writeln!(out, "<p class=\"xxgk-note\">{note}</p>");
        out.push_str("<ol class=\"xxgk-errors\">\n");
        for s in r
            .diags
            .iter()
            .filter(|s| s.diag.severity == Severity::Error)
        {
            item(&mut out, s, lang);
        }
        out.push_str("</ol>\n");
    }
    if r.warnings > 0 {
        let _ = write!(
            out,
            "<details class=\"xxgk-warnings\"><summary>{}</summary>\n<ol>\n",
            esc(&count_text(lang, 0, r.warnings))
        );
        for s in r
            .diags
            .iter()
            .filter(|s| s.diag.severity == Severity::Warning)
        {
            item(&mut out, s, lang);
        }
        out.push_str("</ol>\n</details>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The bar over a report: its state, its PDF, the way back to the index.
fn bar(r: &ReportState, pdf: &PdfStatus, lang: Lang) -> String {
    let mut out = String::from("<nav class=\"xxgk-bar\" id=\"xxgk-bar\">");
    let _ = write!(
        out,
        "<a href=\"/\">{}</a><span class=\"{}\" id=\"xxgk-state\">{}</span>",
        t(lang, "← 全部报告", "← All reports"),
        state_class(r.errors, r.warnings),
        esc(&count_text(lang, r.errors, r.warnings))
    );
    let pdf_href = format!("/{}.pdf", href_path(&r.slot));
    let pdf_part = match pdf {
        PdfStatus::Off => String::new(),
        PdfStatus::Building => t(lang, "PDF 生成中……", "PDF being built…").to_string(),
        PdfStatus::Ready => format!("<a href=\"{}\">PDF</a>", esc(&pdf_href)),
        PdfStatus::Failed(msg) => format!(
            "<span class=\"xxgk-bad\">{}</span> {}",
            t(lang, "PDF 未生成：", "PDF not made:"),
            esc(msg)
        ),
        PdfStatus::None => t(
            lang,
            "PDF：改正错误后生成",
            "PDF: made once the errors are fixed",
        )
        .to_string(),
    };
    if !pdf_part.is_empty() {
        let _ = write!(out, "<span id=\"xxgk-pdf\">{pdf_part}</span>");
    }
    let _ = writeln!(
        out,
        "<span class=\"xxgk-loc\">{}</span></nav>",
        esc(&r.name)
    );
    out
}

/// A slot as a URL path: each segment percent-encoded as the index's links are.
pub fn href_path(slot: &str) -> String {
    slot.split('/')
        .map(crate::build::index::percent)
        .collect::<Vec<_>>()
        .join("/")
}

/// A report page as served: `base` (the page on disk, the draft, or nothing) with the bar, the
/// panel and the script.
pub fn report_page(base: Option<&str>, r: &ReportState, pdf: &PdfStatus, ctx: &PageCtx) -> String {
    let top = format!(
        "{}{}{}",
        bar(r, pdf, ctx.lang),
        build_problem(ctx),
        panel(r, ctx.lang)
    );
    let empty;
    let base = match base {
        Some(b) => b,
        None => {
            empty = empty_page(&r.name);
            &empty
        }
    };
    inject(base, STYLE, &top, &script(ctx.generation))
}

fn empty_page(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body>\n</body>\n</html>\n",
        esc(title)
    )
}

/// Any other HTML page of the folder: only the script.
pub fn other_page(base: &str, ctx: &PageCtx) -> String {
    inject(base, "", &build_problem(ctx), &script(ctx.generation))
}

/// The index as served: the state of every report above the index `build` wrote (or alone).
pub fn index_page(base: Option<&str>, ctx: &PageCtx) -> String {
    let lang = ctx.lang;
    let s = ctx.snapshot;
    let errors: usize = s.reports.iter().map(|r| r.errors).sum();
    let warnings: usize = s.reports.iter().map(|r| r.warnings).sum();
    let mut top = String::new();
    top.push_str(&build_problem(ctx));
    let _ = write!(
        top,
        "<section class=\"xxgk-panel{}\" id=\"xxgk-index\">\n<h2>{} — {}</h2>\n",
        if errors == 0 {
            " xxgk-only-warnings"
        } else {
            ""
        },
        t(
            lang,
            "实时预览：各报告状态",
            "Live preview: the state of each report"
        ),
        esc(&match lang {
            Lang::Zh => format!(
                "{} 份报告，{}",
                s.reports.len(),
                count_text(lang, errors, warnings)
            ),
            Lang::En => format!(
                "{} reports, {}",
                s.reports.len(),
                count_text(lang, errors, warnings)
            ),
        })
    );
    if !s.other.is_empty() {
        top.push_str("<ol class=\"xxgk-errors\">\n");
        for d in &s.other {
            item(&mut top, d, lang);
        }
        top.push_str("</ol>\n");
    }
    let _ = writeln!(
        top,
        "<table class=\"xxgk-states\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "文件", "File"),
        t(lang, "状态", "State")
    );
    for r in &s.reports {
        let _ = writeln!(
            top,
            "<tr><td><a href=\"/{}.html\">{}</a></td><td class=\"{}\">{}</td></tr>",
            esc(&href_path(&r.slot)),
            esc(&r.name),
            state_class(r.errors, r.warnings),
            esc(&count_text(lang, r.errors, r.warnings))
        );
    }
    top.push_str("</tbody></table>\n</section>\n");
    let empty;
    let base = match base {
        Some(b) => b,
        None => {
            empty = empty_page(t(lang, "实时预览", "Live preview"));
            &empty
        }
    };
    inject(base, STYLE, &top, &script(ctx.generation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_inside_head_and_body() {
        let html = "<!DOCTYPE html><html><head><title>x</title></head><BODY class=\"a\"><p>hi</p></body></html>";
        let out = inject(html, "<style></style>", "<nav></nav>", "<script></script>");
        assert_eq!(
            out,
            "<!DOCTYPE html><html><head><title>x</title><style></style></head><BODY class=\"a\"><nav></nav><p>hi</p><script></script></body></html>"
        );
    }

    #[test]
    fn injects_into_a_fragment() {
        assert_eq!(inject("<p>x</p>", "H", "T", "E"), "HT<p>x</p>E");
    }

    #[test]
    fn the_panel_escapes_what_it_shows() {
        let d = Diagnostic::new(
            crate::Code::ALL[0],
            "in/<a>.yaml",
            Some(crate::util::Span::point(1, 2)),
            "x",
            "<script>alert(1)</script>".into(),
            "<script>alert(1)</script>".into(),
        );
        let r = ReportState {
            name: "in/<a>.yaml".into(),
            slot: "<a>".into(),
            diags: vec![Shown {
                diag: d,
                line: Some("a<b>c & \"d\"".into()),
                cells: Vec::new(),
            }],
            errors: 1,
            warnings: 0,
            draft: None,
            last_good: None,
        };
        let html = panel(&r, Lang::En);
        assert!(!html.contains("<script>") && !html.contains("<a>") && !html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains("a<mark>&lt;</mark>b&gt;c &amp; &quot;d&quot;"),
            "{html}"
        );
    }

    #[test]
    fn slots_are_percent_encoded() {
        assert_eq!(href_path("2023/示例 a"), "2023/%E7%A4%BA%E4%BE%8B%20a");
        assert_eq!(href_path("a/b-c_d.v2"), "a/b-c_d.v2");
    }
}
