//! Escapers: user text is data, never markup, in every format.

/// Markdown (CommonMark/GFM) for text that begins a block (a paragraph, a heading's text):
/// backslashes only where a reader would see markup, so the source stays readable (`363.62`,
/// `1.属于国家秘密`, `问题:` and `+1` as written). Renders as exactly the text.
pub fn md_escape(s: &str) -> String {
    md_inline(s, true, false)
}

/// A Markdown table cell: inline text, `|` escaped (a cell has no block structure, so
/// `1.属于…` at its start is not a list).
pub fn md_cell(s: &str) -> String {
    md_inline(s, false, true)
}

fn md_inline(s: &str, block_start: bool, cell: bool) -> String {
    // Line breaks become spaces and control characters go, before anything is judged.
    let chars: Vec<char> = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let mut out = String::with_capacity(s.len() + 8);
    // Where the block's content starts: after up to three spaces of indent.
    let lead = chars.iter().take_while(|&&c| c == ' ').count();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let at_start = block_start && i == lead;
        let blank_or_end = |c: Option<char>| c.is_none_or(|c| c == ' ');
        let escape = match c {
            // Code spans, emphasis, links, HTML and autolinks, strikethrough, math: anywhere.
            '\\' | '`' | '*' | '_' | '[' | '<' | '~' | '$' => true,
            // An entity or character reference: `&amp;`, `&#38;`.
            '&' => next.is_some_and(|n| n == '#' || n.is_ascii_alphanumeric()),
            '|' => cell,
            // A heading at the start; a heading's closing sequence after a space.
            '#' => at_start || (block_start && prev.is_some_and(|p| p == ' ')),
            // A block quote, a list item (`- `, `+ `) or a rule (`---`) at the start.
            '>' => at_start,
            '-' | '+' => at_start && (blank_or_end(next) || next == Some('-')),
            // An ordered list item: up to nine digits, then `.` or `)` and a space (or the end).
            '.' | ')' => {
                block_start
                    && i > lead
                    && i - lead <= 9
                    && chars[lead..i].iter().all(|d| d.is_ascii_digit())
                    && blank_or_end(next)
            }
            _ => false,
        };
        // Indent at a block's start is not shown, and four spaces would make a code block.
        if block_start && i < lead {
            continue;
        }
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// HTML text as the templates' autoescape writes it.
pub fn html_text(s: &str) -> String {
    tera::escape_html(s)
}

/// A Typst string literal's body: `\`, `"` and control characters escaped.
fn typst_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text in Typst markup: a string literal (`#"…";`), never markup itself.
pub fn typst_markup(s: &str) -> String {
    format!("#{};", typst_literal(s))
}

/// Text in Typst code: a string literal.
pub fn typst_string(s: &str) -> String {
    typst_literal(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapers() {
        assert_eq!(md_escape("*a* | #b"), "\\*a\\* | \\#b");
        assert_eq!(md_cell("*a* | #b"), "\\*a\\* \\| #b");
        // Readable where nothing would be misread.
        assert_eq!(md_cell("363.62"), "363.62");
        assert_eq!(md_cell("1.属于国家秘密"), "1.属于国家秘密");
        assert_eq!(md_escape("存在的主要问题: +1"), "存在的主要问题: +1");
        // Block starts that would be markup.
        assert_eq!(md_escape("1. 属于"), "1\\. 属于");
        assert_eq!(md_escape("- a"), "\\- a");
        assert_eq!(md_escape("> a"), "\\> a");
        assert_eq!(md_escape("&amp; & b"), "\\&amp; & b");
        assert_eq!(
            typst_markup("#read(\"/etc/passwd\") \\"),
            "#\"#read(\\\"/etc/passwd\\\") \\\\\";"
        );
        assert_eq!(typst_string("a\nb\u{7}"), "\"a\\nb\\u{7}\"");
    }
}
