//! What the YAML parser reports, said plainly: keyboard slips and syntax hints.

use crate::diag::{Code, Diagnostic};
use crate::input::yaml::ParseProblem;
use crate::util::Span;

/// A full-width colon after a key (`agency：…`), a colon without its space (`year:2024`), or
/// full-width spaces in the indentation, on the line of a syntax error or the two before it.
pub(super) fn keyboard_slip(src: &str, line: usize, name: &str) -> Option<Diagnostic> {
    let lines: Vec<&str> = src.split('\n').collect();
    for l in (line.saturating_sub(2).max(1)..=line).rev() {
        let text = lines.get(l - 1)?.trim_end_matches('\r');
        let indent = text.len() - text.trim_start_matches([' ', '-']).len();
        let body = &text[indent..];
        let col = |byte: usize| text[..byte].chars().count() + 1;
        if let Some(i) = text
            .find('\u{3000}')
            .filter(|&i| i < indent.max(1) || text[..i].trim().is_empty())
        {
            return Some(Diagnostic::new(
                Code::Syntax,
                name,
                Some(Span {
                    line: l,
                    col: col(i),
                    end_line: l,
                    end_col: col(i) + 1,
                }),
                "",
                "缩进里有全角空格（中文输入法的空格），YAML 只能用半角空格缩进".into(),
                "a full-width space (U+3000) in the indentation; YAML indents with ASCII spaces"
                    .into(),
            ));
        }
        let key_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if key_len == 0 {
            continue;
        }
        let after = &body[key_len..];
        let key = &body[..key_len];
        let spot = Some(Span {
            line: l,
            col: col(indent + key_len),
            end_line: l,
            end_col: col(indent + key_len) + 1,
        });
        let slip =
            |zh: String, en: String| Some(Diagnostic::new(Code::Syntax, name, spot, key, zh, en));
        if after.starts_with('：') {
            return slip(
                format!("`{key}` 后面是中文冒号“：”：请改为英文冒号加一个空格“: ”"),
                format!(
                    "`{key}` is followed by a full-width colon “：”; write an ASCII colon and a space “: ”"
                ),
            );
        }
        if after.starts_with(':') && after.len() > 1 && !after[1..].starts_with([' ', '\t']) {
            return slip(
                format!("`{key}:` 后面缺少空格：YAML 要求冒号后有一个空格，如 `{key}: …`"),
                format!("no space after `{key}:`; YAML needs one, as in `{key}: …`"),
            );
        }
    }
    None
}

pub(super) fn parse_problem(p: ParseProblem, name: &str) -> Diagnostic {
    match p {
        ParseProblem::Syntax { span, info } => {
            let (zh_hint, en_hint) = syntax_hint(&info);
            Diagnostic::new(
                Code::Syntax,
                name,
                Some(span),
                "",
                format!("YAML 格式错误：{zh_hint}（解析器：{info}）"),
                format!("not valid YAML: {en_hint} (parser: {info})"),
            )
        }
        ParseProblem::Unclosed {
            span,
            bracket,
            at,
            info,
        } => {
            let close = if bracket == '[' { ']' } else { '}' };
            Diagnostic::new(
                Code::Syntax,
                name,
                Some(span),
                "",
                format!(
                    "YAML 格式错误：这个 `{bracket}` 没有配对的 `{close}`（解析到第 {} 行第 {} 列时出错；解析器：{info}）",
                    at.line, at.col
                ),
                format!(
                    "not valid YAML: this `{bracket}` is never closed with `{close}` (the parser gave up at line {}, column {}: {info})",
                    at.line, at.col
                ),
            )
        }
        ParseProblem::Empty => Diagnostic::new(
            Code::Empty,
            name,
            Some(Span::point(1, 1)),
            "",
            "文件是空的（或只有注释）；可用 `xxgk new` 生成一份完整的模板".into(),
            "the file is empty (or only comments); `xxgk new` writes a complete template".into(),
        ),
        ParseProblem::TooComplex { span, what } => {
            let (zh, en) = if what == "depth" {
                (
                    "嵌套层数过多（上限 64 层）",
                    "nesting is too deep (at most 64 levels)",
                )
            } else {
                (
                    "内容过大：别名（&/*）展开后节点过多，疑似“别名炸弹”",
                    "too large: aliases (&/*) expand to too many values (an alias bomb?)",
                )
            };
            Diagnostic::new(
                Code::TooComplex,
                name,
                Some(span),
                "",
                format!("{zh}，文件已拒绝"),
                format!("{en}; the file is refused"),
            )
        }
        ParseProblem::MultipleDocuments { span } => Diagnostic::new(
            Code::Syntax,
            name,
            Some(span),
            "",
            "一个文件只能写一份报告（发现了第二个 `---` 文档）".into(),
            "one file holds one report (found a second `---` document)".into(),
        ),
    }
}

pub(super) fn syntax_hint(info: &str) -> (&'static str, &'static str) {
    if info.contains("tab") {
        (
            "缩进里有制表符（Tab），YAML 只能用空格缩进",
            "a tab in the indentation; YAML indents with spaces only",
        )
    } else if info.contains("mapping values are not allowed") {
        (
            "这里不能出现冒号——冒号后要有空格，文字里含“: ”时请给整段加引号或用 `|` 块",
            "a colon is not allowed here — put the text in quotes or a `|` block",
        )
    } else if info.contains("did not find expected key") || info.contains("block mapping") {
        (
            "缩进不一致：同一层的键要左对齐",
            "inconsistent indentation: keys of one level must line up",
        )
    } else if info.contains("flow") || info.contains("']'") || info.contains("'}'") {
        ("方括号或花括号没有配对", "an unclosed [ ] or { }")
    } else if info.contains("quoted") {
        ("引号没有配对", "an unclosed quote")
    } else {
        (
            "请检查这一行的缩进、冒号和引号",
            "check the indentation, colons and quotes on this line",
        )
    }
}
