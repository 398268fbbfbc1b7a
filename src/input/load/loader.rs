//! The loader: its state, places in the YAML, and the messages every part of it gives.

use super::edition::{label_to_key, nearest};
use crate::diag::{Code, Diagnostic};
use crate::format::Edition;
use crate::input::yaml::{Node, Style, Value};
use crate::util::Span;

pub(super) struct Loader<'a> {
    pub(super) file: &'a str,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) edition: Edition,
    /// Why that edition is in force, for messages (zh, en): `edition: 2021` or `2022年默认`.
    pub(super) edition_why: (String, String),
}

/// A place in the YAML, for messages.
#[derive(Clone)]
pub(super) struct Path_ {
    pub(super) dotted: String,
}

impl Path_ {
    pub(super) fn root() -> Path_ {
        Path_ {
            dotted: String::new(),
        }
    }
    pub(super) fn key(&self, k: &str) -> Path_ {
        if self.dotted.is_empty() {
            Path_ {
                dotted: k.to_string(),
            }
        } else {
            Path_ {
                dotted: format!("{}.{k}", self.dotted),
            }
        }
    }
    pub(super) fn index(&self, i: usize) -> Path_ {
        Path_ {
            dotted: format!("{}[{i}]", self.dotted),
        }
    }
}

impl Loader<'_> {
    pub(super) fn diag(
        &self,
        code: Code,
        span: Option<Span>,
        path: impl Into<String>,
        zh: String,
        en: String,
    ) -> Diagnostic {
        Diagnostic::new(code, self.file, span, path, zh, en)
    }

    pub(super) fn push(
        &mut self,
        code: Code,
        span: Option<Span>,
        path: &Path_,
        zh: String,
        en: String,
    ) {
        let d = self.diag(code, span, path.dotted.clone(), zh, en);
        self.diags.push(d);
    }

    pub(super) fn push_labeled(
        &mut self,
        code: Code,
        span: Option<Span>,
        path: &Path_,
        labels: &[String],
        zh: String,
        en: String,
    ) {
        let d = self
            .diag(code, span, path.dotted.clone(), zh, en)
            .with_labels(labels.iter().cloned());
        self.diags.push(d);
    }

    pub(super) fn wrong_type(&mut self, node: &Node, path: &Path_, want_zh: &str, want_en: &str) {
        let (got_zh, got_en) = node.describe();
        let mut zh = format!("`{}` 应为{want_zh}，这里写的是{got_zh}", path.dotted);
        let mut en = format!("`{}` should be {want_en}, found {got_en}", path.dotted);
        if let Some((s, Style::Quoted)) = node.as_scalar() {
            if s.trim().parse::<f64>().is_ok() {
                zh.push_str("；数字不要加引号");
                en.push_str("; write numbers without quotes");
            }
        }
        if let Some((s, _)) = node.as_scalar() {
            if s.contains('万') || s.contains('元') || s.contains('件') {
                zh.push_str("；只写数字，不要带单位");
                en.push_str("; write the figure alone, without its unit");
            }
            if s.chars().any(|c| ('０'..='９').contains(&c)) {
                zh.push_str("；这里是全角数字，请改用半角数字 0-9");
                en.push_str("; those are full-width digits: use ASCII 0-9");
            }
            let (zh_more, en_more) = full_width_list(s);
            if !zh_more.is_empty() {
                zh.push_str(&zh_more);
                en.push_str(&en_more);
            } else if s.contains('，')
                || (s.contains(',') && s.chars().all(|c| c.is_ascii_digit() || c == ','))
            {
                zh.push_str("；数字中不要用逗号分隔");
                en.push_str("; write the number without separators");
            }
        }
        self.push(Code::WrongType, Some(node.span), path, zh, en);
    }

    /// A row written as a list with the wrong number of figures.
    pub(super) fn wrong_length(
        &mut self,
        node: &Node,
        path: &Path_,
        n: usize,
        want_zh: &str,
        want_en: &str,
    ) {
        let numbers = if n == 1 { "number" } else { "numbers" };
        let mut zh = format!("`{}` 写了 {n} 个数字，应为{want_zh}", path.dotted);
        let mut en = format!(
            "`{}` has {n} {numbers}; it should be {want_en}",
            path.dotted
        );
        // `[8，2，0]`: full-width commas make one item of the whole row.
        if let Value::Seq(items) = &node.value {
            if let [item] = items.as_slice() {
                if let Some((s, _)) = item.as_scalar() {
                    let (z, e) = full_width_list(s);
                    zh.push_str(&z);
                    en.push_str(&e);
                }
            }
        }
        self.push(Code::WrongType, Some(node.span), path, zh, en);
    }

    /// The entries of a mapping; an error (and None) for anything else. Null is an empty map.
    pub(super) fn map<'n>(&mut self, node: &'n Node, path: &Path_) -> Option<&'n [(Node, Node)]> {
        if node.is_null() {
            return Some(&[]);
        }
        match node.as_map() {
            Some(m) => Some(m),
            None => {
                self.wrong_type(
                    node,
                    path,
                    "键值映射（`键: 值`）",
                    "a mapping (`key: value`)",
                );
                None
            }
        }
    }

    /// The key's text; an error for a non-scalar key.
    pub(super) fn key_text<'n>(&mut self, key: &'n Node, path: &Path_) -> Option<&'n str> {
        match key.as_scalar() {
            Some((k, _)) => Some(k),
            None => {
                self.wrong_type(key, path, "简单的键名", "a plain key name");
                None
            }
        }
    }

    pub(super) fn unknown_key(&mut self, key: &str, span: Span, path: &Path_, valid: &[&str]) {
        // `penalties：{decisions: 1}` reads as one key: the colon is the full-width one.
        if let Some(i) = key.find('：') {
            let col = span.col + key[..i].chars().count();
            self.push(
                Code::Syntax,
                Some(Span { line: span.line, col, end_line: span.line, end_col: col + 1 }),
                &path.key(&key[..i]),
                format!("`{}` 后面是中文冒号“：”：请改为英文冒号加一个空格“: ”", &key[..i]),
                format!("`{}` is followed by a full-width colon “：”; write an ASCII colon and a space “: ”", &key[..i]),
            );
            return;
        }
        let suggestion = nearest(key, valid).or_else(|| label_to_key(key, valid));
        let (zh_s, en_s) = match suggestion {
            Some(s) => (
                format!("，是不是想写 `{s}`？"),
                format!("; did you mean `{s}`?"),
            ),
            None => (
                format!("；这一层可用的键：{}", valid.join("、")),
                format!("; the keys allowed here: {}", valid.join(", ")),
            ),
        };
        let here = if path.dotted.is_empty() {
            "顶层".to_string()
        } else {
            format!("`{}` 下", path.dotted)
        };
        let here_en = if path.dotted.is_empty() {
            "at the top level".to_string()
        } else {
            format!("under `{}`", path.dotted)
        };
        self.push(
            Code::UnknownKey,
            Some(span),
            &path.key(key),
            format!("{here}没有 `{key}` 这个键{zh_s}"),
            format!("unknown key `{key}` {here_en}{en_s}"),
        );
    }

    pub(super) fn other_edition_key(
        &mut self,
        other: Edition,
        key: &str,
        span: Span,
        path: &Path_,
        what: &str,
    ) {
        self.push(
            Code::OtherEditionKey,
            Some(span),
            &path.key(key),
            format!(
                "`{}`（{what}）是 {} 版格式的栏目，本报告使用 {} 版格式（{}），请按 {} 版填写",
                path.key(key).dotted,
                other.key(),
                self.edition.key(),
                self.edition_why.0,
                self.edition.key()
            ),
            format!(
                "`{}` ({what}) belongs to the {} edition of the format; this report uses the {} edition ({})",
                path.key(key).dotted,
                other.key(),
                self.edition.key(),
                self.edition_why.1
            ),
        );
    }
}

/// What to say of figures written with the Chinese input method's punctuation: full-width
/// commas `，` between the numbers, or full-width brackets `（）` around a list (nothing when
/// neither is there).
fn full_width_list(s: &str) -> (String, String) {
    let commas = s.contains('，');
    let brackets = s.contains(['（', '）', '［', '］', '【', '】']);
    let figures = s.chars().all(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(
                c,
                '，' | ',' | ' ' | '（' | '）' | '［' | '］' | '【' | '】' | '.'
            )
    });
    if !figures || !(commas || brackets) {
        return (String::new(), String::new());
    }
    let used = match (commas, brackets) {
        (true, true) => (
            "全角逗号“，”和全角括号“（）”",
            "full-width commas (，) and brackets (（）)",
        ),
        (true, false) => ("全角逗号“，”", "full-width commas (，)"),
        _ => ("全角括号“（）”", "full-width brackets (（）)"),
    };
    (
        format!(
            "；这里用了{}（中文输入法），请写成半角的 [8, 2, 0, 0, 1, 0]",
            used.0
        ),
        format!(
            "; {} are used (the Chinese input method): write the list as [8, 2, 0, 0, 1, 0] with ASCII commas and brackets",
            used.1
        ),
    )
}
