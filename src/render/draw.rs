//! The tables drawn for each format, from the prepared view as templates see it.
//!
//! The default macros hand a table to one of these filters (`grid_html`, `grid_typ`,
//! `flat_md`) instead of looping over its cells in Tera: interpreting a loop of ~400 cells with
//! several lookups and `if`s each was nearly half the CPU time of a Markdown + HTML build
//! (docs/performance.md). A template that wants other markup loops over the same grid itself.
//!
//! They read the grid as a template value (not the Rust [`crate::render::Grid`]), so a custom
//! template can pass a grid of its own making.

use super::escape::{md_cell, md_escape, typst_markup};
use std::collections::HashMap;
use std::fmt::Write;
use tera::Value;

type Args = HashMap<String, Value>;

fn field<'a>(v: &'a Value, filter: &str, key: &str) -> tera::Result<&'a Value> {
    v.get(key).ok_or_else(|| {
        tera::Error::msg(format!(
            "{filter}: the table has no `{key}` (pass a prepared table, such as `s.table`)"
        ))
    })
}

fn array<'a>(v: &'a Value, filter: &str, key: &str) -> tera::Result<&'a Vec<Value>> {
    field(v, filter, key)?
        .as_array()
        .ok_or_else(|| tera::Error::msg(format!("{filter}: `{key}` is not a list")))
}

fn uint(v: &Value, key: &str, default: u64) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(default)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A scalar as a template prints it (`31`, `abc`).
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `grid_html`: a grid as an HTML table with merged cells and header scopes. The result is
/// markup (use it with `| safe`); every text in it is escaped.
pub fn grid_html(g: &Value, _: &Args) -> tera::Result<Value> {
    const F: &str = "grid_html";
    let esc = tera::escape_html;
    let head_rows = uint(g, "head_rows", 0) as usize;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<div class=\"table-scroll\">\n<table class=\"grid grid-{}\">\n<colgroup>",
        esc(text(g, "id"))
    );
    for w in array(g, F, "widths")? {
        let _ = write!(out, "<col style=\"width:{}%\">", esc(&scalar(w)));
    }
    out.push_str("</colgroup>");
    let rows = array(g, F, "rows")?;
    for (i, row) in rows.iter().enumerate() {
        if i == 0 && head_rows > 0 {
            out.push_str("\n<thead>");
        } else if i == head_rows {
            if head_rows > 0 {
                out.push_str("\n</thead>");
            }
            out.push_str("\n<tbody>");
        }
        out.push_str("\n<tr");
        if i >= head_rows {
            let _ = write!(out, " class=\"{}\"", esc(text(row, "kind")));
        }
        out.push('>');
        for c in array(row, F, "cells")? {
            let tag = if c.get("header").and_then(Value::as_bool) == Some(true) {
                "th"
            } else {
                "td"
            };
            let _ = write!(out, "<{tag}");
            for span in ["rowspan", "colspan"] {
                let n = uint(c, span, 1);
                if n > 1 {
                    let _ = write!(out, " {span}=\"{n}\"");
                }
            }
            let scope = text(c, "scope");
            if !scope.is_empty() {
                let _ = write!(out, " scope=\"{}\"", esc(scope));
            }
            let _ = write!(
                out,
                " class=\"{}\">{}</{tag}>",
                esc(text(c, "role")),
                esc(text(c, "text"))
            );
        }
        out.push_str("</tr>");
    }
    if rows.len() <= head_rows && head_rows > 0 && !rows.is_empty() {
        out.push_str("\n</thead>\n<tbody>");
    }
    out.push_str("\n</tbody>\n</table>\n</div>");
    Ok(Value::String(out))
}

/// `grid_typ`: a grid as a Typst `table` in a block; texts enter only as string literals.
pub fn grid_typ(g: &Value, _: &Args) -> tera::Result<Value> {
    const F: &str = "grid_typ";
    let head_rows = uint(g, "head_rows", 0) as usize;
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(
        "#block(width: 100%, above: 0.6em, below: 1.2em)[\n\
         #set text(size: 9pt, tracking: 0pt, top-edge: \"cap-height\", bottom-edge: \"baseline\")\n\
         #set par(first-line-indent: 0em, justify: false, leading: 0.5em)\n\
         #table(\n  columns: (",
    );
    for w in array(g, F, "widths")? {
        // Widths are numbers; anything else would be Typst code.
        let w = w
            .as_f64()
            .ok_or_else(|| tera::Error::msg(format!("{F}: a width is not a number")))?;
        let _ = write!(out, "{w}fr, ");
    }
    out.push_str(
        "),\n  align: center + horizon,\n  inset: (x: 2.5pt, y: 4.5pt),\n  stroke: 0.6pt,",
    );
    let rows = array(g, F, "rows")?;
    for (i, row) in rows.iter().enumerate() {
        let head = i < head_rows;
        if i == 0 && head_rows > 0 {
            out.push_str("\n  table.header(repeat: true,");
        } else if i == head_rows && head_rows > 0 {
            out.push_str("\n  ),");
        }
        for c in array(row, F, "cells")? {
            out.push_str(if head { "\n    " } else { "\n  " });
            out.push_str("table.cell(");
            let (rowspan, colspan) = (uint(c, "rowspan", 1), uint(c, "colspan", 1));
            if rowspan > 1 {
                let _ = write!(out, "rowspan: {rowspan}, ");
            } else {
                // A one-row cell never splits across pages.
                out.push_str("breakable: false, ");
            }
            if colspan > 1 {
                let _ = write!(out, "colspan: {colspan}, ");
            }
            let role = text(c, "role");
            if role == "label" || role == "note" {
                out.push_str("align: left + horizon, ");
            }
            if role == "note" && colspan > 3 {
                out.push_str("fill: luma(242), ");
            }
            out.push_str(")[");
            out.push_str(&typst_markup(text(c, "text")));
            out.push_str("],");
        }
    }
    if rows.len() <= head_rows && head_rows > 0 && !rows.is_empty() {
        out.push_str("\n  ),");
    }
    out.push_str("\n)\n]");
    Ok(Value::String(out))
}

/// `flat_md`: a flattened table as a GFM pipe table (its caption in bold above it), ending
/// with a line break.
pub fn flat_md(t: &Value, _: &Args) -> tera::Result<Value> {
    const F: &str = "flat_md";
    let mut out = String::with_capacity(8 * 1024);
    let caption = text(t, "caption");
    if !caption.is_empty() {
        let _ = write!(out, "**{}**\n\n", md_escape(caption));
    }
    let line = |out: &mut String, cells: &[Value]| {
        out.push('|');
        for c in cells {
            out.push(' ');
            out.push_str(&md_cell(&scalar(c)));
            out.push_str(" |");
        }
        out.push('\n');
    };
    let header = array(t, F, "header")?;
    line(&mut out, header);
    let labelled = t.get("labelled").and_then(Value::as_bool) == Some(true);
    out.push('|');
    for i in 0..header.len() {
        out.push_str(if i == 0 && labelled {
            " --- |"
        } else {
            " ---: |"
        });
    }
    out.push('\n');
    for row in array(t, F, "rows")? {
        let cells = row
            .as_array()
            .ok_or_else(|| tera::Error::msg(format!("{F}: a row is not a list")))?;
        line(&mut out, cells);
    }
    Ok(Value::String(out))
}

/// Registers the filters on a template set.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("grid_html", grid_html);
    tera.register_filter("grid_typ", grid_typ);
    tera.register_filter("flat_md", flat_md);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn grid() -> Value {
        json!({
            "id": "t", "widths": [60, 40], "head_rows": 1, "columns": 2, "label_columns": 1,
            "rows": [
                {"kind": "header", "cells": [
                    {"text": "项目", "rowspan": 1, "colspan": 2, "role": "head", "header": true, "scope": "colgroup"}]},
                {"kind": "body", "cells": [
                    {"text": "<b>&\"", "rowspan": 1, "colspan": 1, "role": "label", "header": true, "scope": "row"},
                    {"text": "#x\"]", "rowspan": 1, "colspan": 1, "role": "figure", "header": false, "scope": null}]}
            ]
        })
    }

    #[test]
    fn html_escapes_and_merges() {
        let Value::String(h) = grid_html(&grid(), &Args::new()).unwrap() else {
            panic!()
        };
        assert!(h.contains("<thead>\n<tr><th colspan=\"2\" scope=\"colgroup\" class=\"head\">项目</th></tr>\n</thead>\n<tbody>"), "{h}");
        assert!(h.contains(
            "<tr class=\"body\"><th scope=\"row\" class=\"label\">&lt;b&gt;&amp;&quot;</th><td class=\"figure\">#x&quot;]</td></tr>"
        ), "{h}");
    }

    #[test]
    fn typst_text_is_a_string_literal() {
        let Value::String(t) = grid_typ(&grid(), &Args::new()).unwrap() else {
            panic!()
        };
        assert!(t.contains("columns: (60fr, 40fr, ),"), "{t}");
        assert!(
            t.contains("table.cell(breakable: false, )[#\"#x\\\"]\";],"),
            "{t}"
        );
        assert!(
            t.contains(
                "\n  table.header(repeat: true,\n    table.cell(breakable: false, colspan: 2, )"
            ),
            "{t}"
        );
    }

    #[test]
    fn not_a_table_is_an_error_naming_the_field() {
        let e = grid_html(&json!({"id": "x"}), &Args::new()).unwrap_err();
        assert!(e.to_string().contains("`widths`"), "{e}");
        let e = grid_typ(
            &json!({"widths": ["1fr) + evil("], "rows": []}),
            &Args::new(),
        );
        assert!(e.is_err());
    }

    #[test]
    fn markdown_table() {
        let t = json!({"caption": "第二十条第（一）项", "labelled": true,
            "header": ["信息内容", "数量"], "rows": [["规章|x", "3"]]});
        let Value::String(m) = flat_md(&t, &Args::new()).unwrap() else {
            panic!()
        };
        assert_eq!(
            m,
            "**第二十条第（一）项**\n\n| 信息内容 | 数量 |\n| --- | ---: |\n| 规章\\|x | 3 |\n"
        );
    }
}
