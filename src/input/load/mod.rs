//! Reading a report file: bytes → YAML tree → [`Report`], with a diagnostic for every problem.

use crate::diag::{Code, Diagnostic};
use crate::format::{
    self, APPLICANT_COLUMNS, AppRow, Column, Edition, OUTCOME_COLUMNS, TOP_KEYS, ValueKind,
};
use crate::input::yaml::{self, Budget, Node, ParseProblem, Span, Style, Value};
use crate::report::*;
use std::path::Path;

/// A count above this is taken for a typing mistake.
/// The marker of every comment that asks the clerk to check something against the source
/// (written by `import`, read here: an unchecked mark is a diagnostic).
pub const CHECK_MARK: &str = "待核对:";

pub const MAX_COUNT: u64 = 1_000_000_000;
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// A text section longer than this (in characters) is refused.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// What loading one file gives: the report (None when the file could not be read as YAML at
/// all) and every problem found.
pub struct Loaded {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    fn fail(d: Diagnostic) -> Loaded {
        Loaded {
            report: None,
            diagnostics: vec![d],
        }
    }
}

/// Loads the file at `path`; `name` is how messages refer to it.
pub fn load_file(path: &Path, name: &str) -> Loaded {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES as u64 => {
            return Loaded::fail(Diagnostic::new(
                Code::TooLarge,
                name,
                None,
                "",
                format!(
                    "文件过大（{} 字节，上限 {} 字节）；一份年度报告的数据不会这么大，请检查是否选错了文件",
                    m.len(),
                    MAX_FILE_BYTES
                ),
                format!(
                    "the file is too large ({} bytes, the limit is {}); a report's data is never this big — is it the right file?",
                    m.len(),
                    MAX_FILE_BYTES
                ),
            ));
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes, name),
        Err(e) => Loaded::fail(Diagnostic::new(
            Code::Io,
            name,
            None,
            "",
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )),
    }
}

/// Loads a report from raw bytes (checks the encoding first).
pub fn load_bytes(bytes: &[u8], name: &str) -> Loaded {
    if bytes.len() > MAX_FILE_BYTES {
        return Loaded::fail(Diagnostic::new(
            Code::TooLarge,
            name,
            None,
            "",
            format!(
                "文件过大（{} 字节，上限 {} 字节）",
                bytes.len(),
                MAX_FILE_BYTES
            ),
            format!(
                "the file is too large ({} bytes, the limit is {})",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Loaded::fail(Diagnostic::new(
            Code::NotUtf8,
            name,
            Some(Span::point(1, 1)),
            "",
            "文件是 UTF-16 编码（Windows 记事本的“Unicode”）；请另存为 UTF-8，或运行：iconv -f UTF-16 -t UTF-8 原文件 -o 新文件.yaml".into(),
            "the file is UTF-16 (Windows Notepad's \"Unicode\"); save it as UTF-8, or run: iconv -f UTF-16 -t UTF-8 in.yaml -o out.yaml".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => load_str(s, name),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Loaded::fail(Diagnostic::new(
                Code::NotUtf8,
                name,
                Some(Span::point(line, col)),
                "",
                format!(
                    "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法解码），多半是 Windows 记事本或 WPS 保存的 GBK 编码。请另存为 UTF-8，或运行：iconv -f GBK -t UTF-8 {name} -o 新文件.yaml"
                ),
                format!(
                    "the file is not UTF-8 (undecodable from line {line}, column {col}); it is probably GBK, as Windows editors save Chinese text. Save it as UTF-8, or run: iconv -f GBK -t UTF-8 {name} -o new.yaml"
                ),
            ))
        }
    }
}

/// Loads a report from text.
pub fn load_str(src: &str, name: &str) -> Loaded {
    let parsed = match yaml::parse(src, Budget::default()) {
        Ok(p) => p,
        Err(problem) => {
            // The commonest slip of a Chinese keyboard gets its own message, at its own spot.
            if let ParseProblem::Syntax { span, .. } = &problem {
                if let Some(d) = keyboard_slip(src, span.line, name) {
                    return Loaded::fail(d);
                }
            }
            return Loaded::fail(parse_problem(problem, name));
        }
    };
    let mut l = Loader {
        file: name,
        diags: Vec::new(),
        edition: format::latest(),
        edition_why: (String::new(), String::new()),
    };
    for d in &parsed.duplicates {
        let diag = l
            .diag(
                Code::DuplicateKey,
                Some(d.span),
                d.path.clone(),
                format!("键 `{}` 重复出现（第 {} 行已写过）；同一层级每个键只能写一次，请删除或合并其中一处", d.key, d.first.line),
                format!("the key `{}` appears twice (first on line {}); keep one", d.key, d.first.line),
            )
            .with_related(
                name,
                Some(d.first),
                "第一次出现在这里".into(),
                "first written here".into(),
            );
        l.diags.push(diag);
    }
    // `xxgk import` marks what it could not place with `# 待核对:`; until a person has
    // looked and removed the mark, the figures there are not known to be right.
    for (i, line) in src.lines().enumerate() {
        if let Some(pos) = line.find(CHECK_MARK).filter(|&p| line[..p].contains('#')) {
            let col = line[..pos].chars().count() + 1;
            l.diags.push(Diagnostic::new(
                Code::Unverified,
                name,
                Some(Span { line: i + 1, col, end_line: i + 1, end_col: col + 4 }),
                "",
                format!("导入时标注的待核对事项尚未处理：{}（对照原文核对后删去这条注释）", line[pos..].trim()),
                format!("an item marked for checking by the import is still open: {} (compare with the original, then delete the comment)", line[pos..].trim()),
            ));
        }
    }
    let report = l.report(&parsed.root);
    Loaded {
        report,
        diagnostics: l.diags,
    }
}

/// A full-width colon after a key (`agency：…`), a colon without its space (`year:2024`), or
/// full-width spaces in the indentation, on the line of a syntax error or the two before it.
fn keyboard_slip(src: &str, line: usize, name: &str) -> Option<Diagnostic> {
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

fn parse_problem(p: ParseProblem, name: &str) -> Diagnostic {
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

fn syntax_hint(info: &str) -> (&'static str, &'static str) {
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

/// What to say of a figure row of the wrong shape.
struct FigureRowWords {
    want_zh: String,
    want_en: &'static str,
    scalar_zh: String,
    scalar_en: &'static str,
}

struct Loader<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
    edition: Edition,
    /// Why that edition is in force, for messages (zh, en): `edition: 2021` or `2022年默认`.
    edition_why: (String, String),
}

/// A place in the YAML, for messages.
#[derive(Clone)]
struct Path_ {
    dotted: String,
}

impl Path_ {
    fn root() -> Path_ {
        Path_ {
            dotted: String::new(),
        }
    }
    fn key(&self, k: &str) -> Path_ {
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
    fn index(&self, i: usize) -> Path_ {
        Path_ {
            dotted: format!("{}[{i}]", self.dotted),
        }
    }
}

/// Parses a whole number written plainly; Err explains what it is instead.
enum IntProblem {
    Negative,
    Fractional,
    TooLarge,
    NotANumber,
}

fn parse_int(node: &Node, signed: bool) -> Result<i64, IntProblem> {
    let Some((s, style)) = node.as_scalar() else {
        return Err(IntProblem::NotANumber);
    };
    if style != Style::Plain {
        return Err(IntProblem::NotANumber);
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return if is_decimal(digits) {
            if neg && !signed {
                Err(IntProblem::Negative)
            } else {
                Err(IntProblem::Fractional)
            }
        } else {
            Err(IntProblem::NotANumber)
        };
    }
    if neg && !signed && digits.bytes().any(|b| b != b'0') {
        return Err(IntProblem::Negative);
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 10 {
        return Err(IntProblem::TooLarge);
    }
    let v: i64 = trimmed.parse().unwrap_or(0);
    if v as u64 > MAX_COUNT {
        return Err(IntProblem::TooLarge);
    }
    Ok(if neg { -v } else { v })
}

/// `12.5`, `.5`, `1e3`: a number, but not a whole one.
fn is_decimal(s: &str) -> bool {
    !s.is_empty()
        && s.parse::<f64>().is_ok_and(|f| f.is_finite())
        && s.bytes().any(|b| b.is_ascii_digit())
}

impl<'a> Loader<'a> {
    fn diag(
        &self,
        code: Code,
        span: Option<Span>,
        path: impl Into<String>,
        zh: String,
        en: String,
    ) -> Diagnostic {
        Diagnostic::new(code, self.file, span, path, zh, en)
    }

    fn push(&mut self, code: Code, span: Option<Span>, path: &Path_, zh: String, en: String) {
        let d = self.diag(code, span, path.dotted.clone(), zh, en);
        self.diags.push(d);
    }

    fn push_labeled(
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

    fn wrong_type(&mut self, node: &Node, path: &Path_, want_zh: &str, want_en: &str) {
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
            if s.contains('，')
                || (s.contains(',') && s.chars().all(|c| c.is_ascii_digit() || c == ','))
            {
                zh.push_str("；数字中不要用逗号分隔");
                en.push_str("; write the number without separators");
            }
        }
        self.push(Code::WrongType, Some(node.span), path, zh, en);
    }

    /// A row written as a list with the wrong number of figures.
    fn wrong_length(&mut self, node: &Node, path: &Path_, n: usize, want_zh: &str, want_en: &str) {
        self.push(
            Code::WrongType,
            Some(node.span),
            path,
            format!("`{}` 写了 {n} 个数字，应为{want_zh}", path.dotted),
            format!("`{}` has {n} numbers; it should be {want_en}", path.dotted),
        );
    }

    /// The entries of a mapping; an error (and None) for anything else. Null is an empty map.
    fn map<'n>(&mut self, node: &'n Node, path: &Path_) -> Option<&'n [(Node, Node)]> {
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
    fn key_text<'n>(&mut self, key: &'n Node, path: &Path_) -> Option<&'n str> {
        match key.as_scalar() {
            Some((k, _)) => Some(k),
            None => {
                self.wrong_type(key, path, "简单的键名", "a plain key name");
                None
            }
        }
    }

    fn unknown_key(&mut self, key: &str, span: Span, path: &Path_, valid: &[&str]) {
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

    fn other_edition_key(
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

    fn report(&mut self, root: &Node) -> Option<Report> {
        let top = Path_::root();
        let Some(entries) = root.as_map() else {
            self.wrong_type(
                root,
                &Path_ {
                    dotted: "(文件)".into(),
                },
                "键值映射（year: …、agency: … 等）",
                "a mapping (year: …, agency: …)",
            );
            return None;
        };
        let get = |k: &str| {
            entries
                .iter()
                .find(|(key, _)| key.as_scalar().is_some_and(|(s, _)| s == k))
                .map(|(_, v)| v)
        };

        let today = Date::today();
        // year and edition first: the edition decides which keys the tables accept.
        let mut year = 0i32;
        let mut year_span = None;
        let mut year_ok = false;
        if let Some(n) = get("year") {
            year_span = Some(n.span);
            match parse_int(n, false) {
                Ok(y) if (2019..=today.year as i64).contains(&y) => {
                    year = y as i32;
                    year_ok = true;
                }
                Ok(y) => {
                    let (zh, en) = if y < 2019 {
                        (
                            format!(
                                "年度 {y} 早于 2019 年：2019 年以前没有统一的年度报告格式（国办公开办函〔2019〕60号）"
                            ),
                            format!(
                                "year {y} is before 2019: there is no standard format before the 2019 edition"
                            ),
                        )
                    } else {
                        (
                            format!(
                                "年度 {y} 晚于今年（{}）：只能报告已经结束或正在进行的年度",
                                today.year
                            ),
                            format!("year {y} is after the current year ({})", today.year),
                        )
                    };
                    self.push(Code::InvalidYear, Some(n.span), &top.key("year"), zh, en);
                    year = y.clamp(2019, today.year as i64) as i32;
                }
                Err(_) => self.wrong_type(
                    n,
                    &top.key("year"),
                    "年份数字（如 2022）",
                    "a year (e.g. 2022)",
                ),
            }
        }
        let mut edition_span = None;
        let explicit = get("edition").and_then(|n| {
            edition_span = Some(n.span);
            let text = n
                .as_scalar()
                .map(|(s, _)| s.trim().to_string())
                .unwrap_or_default();
            match Edition::parse(&text) {
                Some(e) => Some(e),
                None => {
                    self.push(
                        Code::InvalidEdition,
                        Some(n.span),
                        &top.key("edition"),
                        format!(
                            "格式版本 `{text}` 无效：只能是 {}",
                            edition_choices(
                                |e| format!("{}（{}）", e.key(), e.notice_number()),
                                "、",
                                "或 "
                            )
                        ),
                        format!(
                            "edition `{text}` is not valid: use {}",
                            edition_choices(|e| e.key().to_string(), ", ", " or ")
                        ),
                    );
                    None
                }
            }
        });
        // Without a valid year, the keys of table 二 tell the edition better than a guess
        // from a wrong year would (a typo in `year` must not turn every row into an error).
        let guessed = if explicit.is_none() && !year_ok {
            guess_edition(get("proactive"))
        } else {
            None
        };
        match (explicit, guessed) {
            (Some(e), _) => {
                self.edition = e;
                self.edition_why = (
                    format!("edition: {}", e.key()),
                    format!("edition: {}", e.key()),
                );
            }
            (None, _) if year_ok => {
                self.edition = Edition::default_for_year(year as i64);
                self.edition_why = (format!("{year}年默认"), format!("the default for {year}"));
            }
            (None, Some(e)) => {
                self.edition = e;
                self.edition_why = (
                    "年度无效，按所填栏目判断".into(),
                    "the year is not valid; judged from the keys written".into(),
                );
            }
            (None, None) if year != 0 => {
                self.edition = Edition::default_for_year(year as i64);
                self.edition_why = (format!("{year}年默认"), format!("the default for {year}"));
            }
            (None, None) => {
                self.edition = format::latest();
                self.edition_why = (
                    format!("年度不明，按 {} 版", self.edition.key()),
                    format!("the year is unknown; taken as {}", self.edition.key()),
                );
            }
        }

        let valid: Vec<&str> = TOP_KEYS.iter().map(|k| k.key).collect();
        for (k, _) in entries {
            if let Some(name) = self.key_text(k, &top) {
                if format::top_key(name).is_none() {
                    self.unknown_key(name, k.span, &top, &valid);
                }
            }
        }
        for tk in TOP_KEYS.iter().filter(|k| k.required) {
            if get(tk.key).is_none() {
                self.push(
                    Code::MissingKey,
                    Some(Span::point(root.span.line.max(1), 1)),
                    &top.key(tk.key),
                    format!("缺少必填项 `{}`（{}）", tk.key, tk.label),
                    format!("the required key `{}` ({}) is missing", tk.key, tk.label),
                );
            }
        }

        let agency = get("agency")
            .map(|n| self.plain_text(n, &top.key("agency")))
            .unwrap_or_default();
        if get("agency").is_some() && agency.trim().is_empty() {
            self.push(
                Code::MissingKey,
                get("agency").map(|n| n.span),
                &top.key("agency"),
                "机关名称 `agency` 不能为空".into(),
                "`agency` must not be empty".into(),
            );
        }
        let kind = match get("kind") {
            None => Kind::Department,
            Some(n) => match n.as_scalar().map(|(s, _)| s.trim()) {
                Some("department") => Kind::Department,
                Some("government") => Kind::Government,
                _ => {
                    let text = n.as_scalar().map(|(s, _)| s).unwrap_or("");
                    self.push(
                        Code::InvalidKind,
                        Some(n.span),
                        &top.key("kind"),
                        format!("机关类型 `{text}` 无效：只能是 department（政府部门、乡镇，1月31日前公布）或 government（县级以上地方人民政府本级，3月31日前公布）"),
                        format!("kind `{text}` is not valid: use department (due 31 January) or government (due 31 March)"),
                    );
                    Kind::Department
                }
            },
        };
        let title = get("title").map(|n| {
            let t = self.plain_text(n, &top.key("title"));
            t.trim_matches('\n').to_string()
        });
        let mut published_span = None;
        let published = get("published").and_then(|n| {
            published_span = Some(n.span);
            let text = n.as_scalar().map(|(s, _)| s.trim()).unwrap_or("");
            let d = Date::parse(text);
            if d.is_none() {
                self.push(
                    Code::InvalidDate,
                    Some(n.span),
                    &top.key("published"),
                    format!("发布日期 `{text}` 不是有效日期，应写作 YYYY-MM-DD，例如 2023-01-18"),
                    format!("`{text}` is not a valid date; write YYYY-MM-DD, e.g. 2023-01-18"),
                );
            }
            d
        });
        let preface = self.top_text(entries, "preface");
        let overview = self.top_text(entries, "overview").unwrap_or_default();
        let problems = self.top_text(entries, "problems").unwrap_or_default();
        let other_matters = self.top_text(entries, "other_matters").unwrap_or_default();

        let proactive = self.proactive(get("proactive"), &top.key("proactive"));
        let applications = self.applications(get("applications"), &top.key("applications"));
        let reconsideration = get("reconsideration")
            .map(|n| self.outcome(n, &top.key("reconsideration"), &format::OUTCOME_ROWS[0]))
            .unwrap_or_default();
        let (mut direct, mut after) = (Outcome::default(), Outcome::default());
        if let Some(n) = get("litigation") {
            let path = top.key("litigation");
            if let Some(m) = self.map(n, &path) {
                for (k, v) in m {
                    match self.key_text(k, &path) {
                        Some("direct") => {
                            direct = self.outcome(v, &path.key("direct"), &format::OUTCOME_ROWS[1])
                        }
                        Some("after_reconsideration") => {
                            after = self.outcome(
                                v,
                                &path.key("after_reconsideration"),
                                &format::OUTCOME_ROWS[2],
                            )
                        }
                        Some(other) => self.unknown_key(
                            other,
                            k.span,
                            &path,
                            &["direct", "after_reconsideration"],
                        ),
                        None => {}
                    }
                }
            }
        }

        Some(Report {
            file: self.file.to_string(),
            year,
            year_span,
            agency,
            edition: self.edition,
            edition_span,
            kind,
            title,
            published,
            published_span,
            preface,
            overview,
            proactive,
            applications,
            reconsideration,
            litigation_direct: direct,
            litigation_after: after,
            problems,
            other_matters,
        })
    }

    /// A top-level text section. An empty one points at its key: an empty `|` block's own
    /// span lies on the next line.
    fn top_text(&mut self, entries: &[(Node, Node)], key: &str) -> Option<Text> {
        let (k, v) = entries
            .iter()
            .find(|(k, _)| k.as_scalar().is_some_and(|(s, _)| s == key))?;
        let mut t = self.text(v, &Path_::root().key(key));
        if t.is_blank() {
            t.span = Some(k.span);
        }
        Some(t)
    }

    /// A short text value (agency, title): any scalar.
    fn plain_text(&mut self, node: &Node, path: &Path_) -> String {
        self.text(node, path).raw
    }

    fn text(&mut self, node: &Node, path: &Path_) -> Text {
        if node.is_null() {
            return Text {
                raw: String::new(),
                span: Some(node.span),
            };
        }
        match node.as_scalar() {
            Some((s, _)) => {
                if s.chars().count() > MAX_TEXT_CHARS {
                    self.push(
                        Code::TooLarge,
                        Some(node.span),
                        path,
                        format!("`{}` 过长（超过 {MAX_TEXT_CHARS} 字）", path.dotted),
                        format!(
                            "`{}` is too long (over {MAX_TEXT_CHARS} characters)",
                            path.dotted
                        ),
                    );
                }
                Text {
                    raw: clean_text(s),
                    span: Some(node.span),
                }
            }
            None => {
                self.wrong_type(
                    node,
                    path,
                    "文字（可用 `|` 开头的多行文本块）",
                    "text (a `|` block for several lines)",
                );
                Text::default()
            }
        }
    }

    /// A count in a row: the path and labels (which cost allocations) are only made for a
    /// message, when the figure is wrong.
    fn count_lazy(
        &mut self,
        node: &Node,
        path: impl FnOnce() -> Path_,
        labels: impl FnOnce() -> Vec<String>,
    ) -> Count {
        match parse_int(node, false) {
            Ok(v) => Count {
                value: v as u64,
                span: Some(node.span),
            },
            Err(p) => {
                self.int_problem(p, node, &path(), &labels(), false);
                Count {
                    value: 0,
                    span: Some(node.span),
                }
            }
        }
    }

    fn count(&mut self, node: &Node, path: &Path_, labels: &[String]) -> Count {
        match parse_int(node, false) {
            Ok(v) => Count {
                value: v as u64,
                span: Some(node.span),
            },
            Err(p) => {
                self.int_problem(p, node, path, labels, false);
                Count {
                    value: 0,
                    span: Some(node.span),
                }
            }
        }
    }

    fn int_problem(
        &mut self,
        p: IntProblem,
        node: &Node,
        path: &Path_,
        labels: &[String],
        signed: bool,
    ) {
        let text = node.as_scalar().map(|(s, _)| s).unwrap_or("");
        let what = labels.join(" · ");
        let (zh, en) = match p {
            IntProblem::Negative => (
                format!("{what}：数量不能为负数（写的是 {text}）"),
                format!("{what}: a count cannot be negative (found {text})"),
            ),
            IntProblem::Fractional => (
                format!("{what}：数量须为整数（写的是 {text}）"),
                format!("{what}: a count must be a whole number (found {text})"),
            ),
            IntProblem::TooLarge => (
                format!("{what}：数值 {text} 大得不合常理（超过 10 亿），请核对是否多打了数字"),
                format!("{what}: {text} is absurdly large (over 10^9); check for a typing mistake"),
            ),
            IntProblem::NotANumber => {
                let want = if signed {
                    (
                        "带正负号的整数（如 +1、-2、0）",
                        "a whole number, maybe signed (+1, -2, 0)",
                    )
                } else {
                    ("非负整数", "a whole number")
                };
                self.wrong_type(node, path, want.0, want.1);
                // Name the official row and column, as every figure's message does.
                if let Some(d) = self.diags.last_mut() {
                    d.labels = labels.to_vec();
                    if !labels.is_empty() {
                        let what = labels.join(" · ");
                        d.zh = format!("{what}：{}", d.zh);
                        d.en = format!("{what}: {}", d.en);
                    }
                }
                return;
            }
        };
        self.push_labeled(Code::InvalidCount, Some(node.span), path, labels, zh, en);
    }

    fn change(&mut self, node: &Node, path: &Path_, labels: &[String]) -> i64 {
        match parse_int(node, true) {
            Ok(v) => v,
            Err(p) => {
                self.int_problem(p, node, path, labels, true);
                0
            }
        }
    }

    fn amount(&mut self, node: &Node, path: &Path_, labels: &[String]) -> Number {
        let zero = Number::Amount {
            text: "0".into(),
            micros: 0,
        };
        let what = labels.join(" · ");
        let text = match node.as_scalar() {
            Some((s, Style::Plain)) => s.trim(),
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "金额数字（单位万元，如 363.62）",
                    "an amount in 万元 (e.g. 363.62)",
                );
                return zero;
            }
        };
        if let Some(rest) = text.strip_prefix('-') {
            if is_decimal(rest) {
                self.push_labeled(
                    Code::InvalidAmount,
                    Some(node.span),
                    path,
                    labels,
                    format!("{what}：金额不能为负数（写的是 {text}）"),
                    format!("{what}: an amount cannot be negative (found {text})"),
                );
                return zero;
            }
        }
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (text.contains('.') && frac.is_empty())
        {
            self.wrong_type(
                node,
                path,
                "金额数字（单位万元，如 363.62）",
                "an amount in 万元 (e.g. 363.62)",
            );
            return zero;
        }
        if frac.len() > 6 {
            self.push_labeled(
                Code::InvalidAmount,
                Some(node.span),
                path,
                labels,
                format!(
                    "{what}：金额 {text} 有 {} 位小数；单位是万元，最多 6 位小数（精确到分）",
                    frac.len()
                ),
                format!(
                    "{what}: {text} has {} decimals; amounts are in 万元 with at most 6 decimals",
                    frac.len()
                ),
            );
            return zero;
        }
        let int_trim = int.trim_start_matches('0');
        if int_trim.len() > 12 {
            self.push_labeled(
                Code::InvalidAmount,
                Some(node.span),
                path,
                labels,
                format!("{what}：金额 {text} 万元大得不合常理，请核对"),
                format!("{what}: {text} 万元 is absurdly large"),
            );
            return zero;
        }
        let micros = int_trim.parse::<u128>().unwrap_or(0) * 1_000_000
            + format!("{frac:0<6}").parse::<u128>().unwrap_or(0);
        Number::Amount {
            text: text.to_string(),
            micros,
        }
    }

    fn number(&mut self, node: &Node, column: &Column, path: &Path_, labels: &[String]) -> Number {
        match column.kind {
            ValueKind::Count => Number::Count(self.count(node, path, labels).value),
            ValueKind::Change => Number::Change(self.change(node, path, labels)),
            ValueKind::Amount => self.amount(node, path, labels),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Table 二

    fn proactive(&mut self, node: Option<&Node>, path: &Path_) -> Vec<Vec<Cell>> {
        let edition = self.edition;
        let mut rows: Vec<Vec<Cell>> = edition
            .proactive_rows()
            .map(|(b, _)| {
                b.columns
                    .iter()
                    .map(|c| Cell {
                        value: match c.kind {
                            ValueKind::Count => Number::Count(0),
                            ValueKind::Change => Number::Change(0),
                            ValueKind::Amount => Number::Amount {
                                text: "0".into(),
                                micros: 0,
                            },
                        },
                        note: None,
                        span: None,
                    })
                    .collect()
            })
            .collect();
        let Some(node) = node else { return rows };
        let Some(entries) = self.map(node, path) else {
            return rows;
        };
        let valid: Vec<&str> = edition.proactive_rows().map(|(_, r)| r.key).collect();
        for (k, v) in entries {
            let Some(key) = self.key_text(k, path) else {
                continue;
            };
            let Some(ri) = edition.proactive_rows().position(|(_, r)| r.key == key) else {
                match edition
                    .others()
                    .find_map(|o| o.proactive_row(key).map(|(_, r)| (o, r)))
                {
                    Some((o, r)) => self.other_edition_key(o, key, k.span, path, r.label),
                    None => self.unknown_key(key, k.span, path, &valid),
                }
                continue;
            };
            let (block, row) = edition.proactive_rows().nth(ri).expect("row index");
            let rpath = path.key(key);
            let labels_for = |c: &Column| {
                vec![
                    format::SECTION_TITLES[1].to_string(),
                    row.label.to_string(),
                    c.label.to_string(),
                ]
            };
            if let Value::Seq(items) = &v.value {
                if items.len() != block.columns.len() {
                    let cols: Vec<&str> = block.columns.iter().map(|c| c.key).collect();
                    self.wrong_length(
                        v,
                        &rpath,
                        items.len(),
                        &format!("{} 个数字（{}）", cols.len(), cols.join("、")),
                        &format!("{} numbers ({})", cols.len(), cols.join(", ")),
                    );
                    continue;
                }
                for (ci, (item, c)) in items.iter().zip(block.columns).enumerate() {
                    rows[ri][ci] = self.cell(item, c, &rpath.index(ci), &labels_for(c));
                }
                continue;
            }
            let Some(cells) = self.map(v, &rpath) else {
                continue;
            };
            let valid_cols: Vec<&str> = block.columns.iter().map(|c| c.key).collect();
            for (ck, cv) in cells {
                let Some(ckey) = self.key_text(ck, &rpath) else {
                    continue;
                };
                match block.columns.iter().position(|c| c.key == ckey) {
                    Some(ci) => {
                        let c = &block.columns[ci];
                        rows[ri][ci] = self.cell(cv, c, &rpath.key(ckey), &labels_for(c));
                    }
                    None => {
                        let other = edition.others().find_map(|o| {
                            o.proactive_row(key)
                                .and_then(|(b, _)| b.columns.iter().find(|c| c.key == ckey))
                                .map(|c| (o, c))
                        });
                        match other {
                            Some((o, c)) => {
                                self.other_edition_key(o, ckey, ck.span, &rpath, c.label)
                            }
                            None => self.unknown_key(ckey, ck.span, &rpath, &valid_cols),
                        }
                    }
                }
            }
        }
        rows
    }

    fn cell(&mut self, node: &Node, column: &Column, path: &Path_, labels: &[String]) -> Cell {
        if let Some(m) = node.as_map() {
            let mut value = None;
            let mut note = None;
            for (k, v) in m {
                match self.key_text(k, path) {
                    Some("value") => {
                        value = Some(self.number(v, column, &path.key("value"), labels))
                    }
                    Some("note") => {
                        let t = self.plain_text(v, &path.key("note"));
                        note = Some(t.trim().to_string()).filter(|t| !t.is_empty());
                    }
                    Some(other) => self.unknown_key(other, k.span, path, &["value", "note"]),
                    None => {}
                }
            }
            if value.is_none() {
                self.push(
                    Code::MissingKey,
                    Some(node.span),
                    &path.key("value"),
                    "带说明的单元格须写 `value`（数字），如 {value: 4, note: 其中一件失效}"
                        .to_string(),
                    "a cell with a note needs its `value`, e.g. {value: 4, note: …}".into(),
                );
            }
            let value = value.unwrap_or(Number::Count(0));
            return Cell {
                value,
                note,
                span: Some(node.span),
            };
        }
        Cell {
            value: self.number(node, column, path, labels),
            note: None,
            span: Some(node.span),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Table 三

    fn applications(&mut self, node: Option<&Node>, path: &Path_) -> Applications {
        let mut apps = Applications::empty(self.edition);
        if let Some(node) = node {
            apps.span = Some(node.span);
            self.app_group(node, &[], path, &mut apps);
        }
        apps
    }

    /// A mapping of table 三 at `prefix` (the table itself, `results`, `results.withheld`…):
    /// the keys it accepts are derived from the rows' paths.
    fn app_group(&mut self, node: &Node, prefix: &[&str], path: &Path_, apps: &mut Applications) {
        let edition = self.edition;
        let Some(entries) = self.map(node, path) else {
            return;
        };
        let mut valid: Vec<&str> = Vec::new();
        for r in edition.application_rows() {
            if r.path.len() > prefix.len()
                && r.path.starts_with(prefix)
                && !valid.contains(&r.path[prefix.len()])
            {
                valid.push(r.path[prefix.len()]);
            }
        }
        for (k, v) in entries {
            let Some(key) = self.key_text(k, path) else {
                continue;
            };
            let full: Vec<&str> = prefix.iter().copied().chain([key]).collect();
            let kpath = path.key(key);
            let row_here = edition
                .application_rows()
                .iter()
                .position(|r| r.path == full.as_slice());
            let group_here = edition
                .application_rows()
                .iter()
                .any(|r| r.path.len() > full.len() && r.path.starts_with(&full));
            // The first other edition with a row or group here.
            let (other, other_row, other_group) = edition
                .others()
                .map(|o| {
                    let rows = o.application_rows();
                    let row = rows.iter().find(|r| r.path == full.as_slice());
                    let group = rows
                        .iter()
                        .find(|r| r.path.len() > full.len() && r.path.starts_with(&full));
                    (o, row, group)
                })
                .find(|(_, r, g)| r.is_some() || g.is_some())
                .unwrap_or((edition, None, None));
            // A row's keys are applicant columns; a group's are its rows (`results.other.other`
            // is a row of the 2021 group, not the applicant column `other`).
            let child_keys: Vec<&str> = edition
                .application_rows()
                .iter()
                .filter(|r| r.path.len() > full.len() && r.path.starts_with(&full))
                .map(|r| r.path[full.len()])
                .collect();
            let looks_like_row = matches!(&v.value, Value::Seq(_))
                || v.as_map().is_some_and(|m| {
                    m.iter().any(|(k, _)| {
                        k.as_scalar().is_some_and(|(s, _)| {
                            !child_keys.contains(&s)
                                && (s == format::TOTAL_KEY
                                    || APPLICANT_COLUMNS.iter().any(|c| c.0 == s))
                        })
                    })
                });
            if let Some(ri) = row_here {
                if let (Some(g), Some(_)) = (other_group, v.as_map()) {
                    if !looks_like_row {
                        self.other_edition_key(
                            other,
                            key,
                            k.span,
                            path,
                            g.group.unwrap_or(g.label),
                        );
                        continue;
                    }
                }
                let desc = &edition.application_rows()[ri];
                apps.rows[ri] = self.app_row(v, desc, &kpath);
            } else if group_here {
                if let (Some(r), true) = (other_row, looks_like_row) {
                    self.other_edition_key(other, key, k.span, path, r.label);
                    continue;
                }
                self.app_group(v, &full, &kpath, apps);
            } else if let Some(r) = other_row.or(other_group) {
                self.other_edition_key(other, key, k.span, path, r.label);
            } else {
                self.unknown_key(key, k.span, path, &valid);
            }
        }
    }

    fn app_row(&mut self, node: &Node, desc: &AppRow, path: &Path_) -> AppRowData {
        let keys: Vec<&str> = APPLICANT_COLUMNS
            .iter()
            .map(|c| c.0)
            .chain([format::TOTAL_KEY])
            .collect();
        let (cells, total) = self.figure_row(
            node,
            path,
            &keys,
            &|i| {
                vec![
                    desc.full_label(),
                    format::applicant_column_label(i).to_string(),
                ]
            },
            FigureRowWords {
                want_zh: "6 个数字（六类申请人）或 7 个数字（再加总计）".into(),
                want_en: "6 numbers (the applicants) or 7 (and 总计)",
                scalar_zh: format!("一行数字：列表 [{}] 或映射", format::applicant_labels(", ")),
                scalar_en: "a row: a list of 6 or 7 numbers, or a mapping",
            },
        );
        AppRowData {
            cells: std::array::from_fn(|i| cells[i]),
            total,
            span: Some(node.span),
        }
    }

    /// A row of figures with an optional 总计 last: a list of `keys.len() - 1` or `keys.len()`
    /// numbers, or a mapping of `keys`. Table 三's rows and table 四's outcome rows.
    fn figure_row(
        &mut self,
        node: &Node,
        path: &Path_,
        keys: &[&str],
        labels: &dyn Fn(usize) -> Vec<String>,
        words: FigureRowWords,
    ) -> (Vec<Count>, Option<Count>) {
        let n = keys.len() - 1;
        let mut cells = vec![Count::default(); n];
        let mut total = None;
        let mut put = |i: usize, c: Count| if i < n { cells[i] = c } else { total = Some(c) };
        match &node.value {
            _ if node.is_null() => {}
            Value::Seq(items) => {
                if items.len() != n && items.len() != n + 1 {
                    self.wrong_length(node, path, items.len(), &words.want_zh, words.want_en);
                } else {
                    for (i, item) in items.iter().enumerate() {
                        put(i, self.count_lazy(item, || path.index(i), || labels(i)));
                    }
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(key) = self.key_text(k, path) else {
                        continue;
                    };
                    match keys.iter().position(|c| *c == key) {
                        Some(i) => put(i, self.count_lazy(v, || path.key(key), || labels(i))),
                        None => self.unknown_key(key, k.span, path, keys),
                    }
                }
            }
            Value::Scalar(..) => self.wrong_type(node, path, &words.scalar_zh, words.scalar_en),
        }
        (cells, total)
    }

    // -----------------------------------------------------------------------------------------
    // Table 四

    fn outcome(&mut self, node: &Node, path: &Path_, desc: &format::OutcomeRowDesc) -> Outcome {
        let keys: Vec<&str> = OUTCOME_COLUMNS.iter().map(|c| c.0).collect();
        let labels = |i: usize| {
            vec![
                format::SECTION_TITLES[3].to_string(),
                desc.full_label(),
                OUTCOME_COLUMNS[i].1.to_string(),
            ]
        };
        let (cells, total) = self.figure_row(
            node,
            path,
            &keys,
            &labels,
            FigureRowWords {
                want_zh: format!(
                    "4 个数字（{}）或 5 个数字（再加总计）",
                    format::outcome_labels("、")
                ),
                want_en: "4 numbers (upheld, corrected, other, pending) or 5 (and total)",
                scalar_zh: "一行数字：{upheld, corrected, other, pending} 或 4～5 个数字的列表"
                    .into(),
                scalar_en: "an outcome row: a mapping or a list of 4 or 5 numbers",
            },
        );
        Outcome {
            cells: std::array::from_fn(|i| cells[i]),
            total,
            span: Some(node.span),
        }
    }
}

/// The edition whose keys table 二 uses, when not every edition has them (`procurement`,
/// `last_year` → 2019; `issued`, `in_force`, `fees.amount` → 2021): the first that has them.
fn guess_edition(proactive: Option<&Node>) -> Option<Edition> {
    let rows = proactive?.as_map()?;
    let editions = format::all();
    for (k, v) in rows {
        let Some((row, _)) = k.as_scalar() else {
            continue;
        };
        let telling = |col: Option<&str>| {
            let has: Vec<Edition> = editions
                .iter()
                .copied()
                .filter(|e| {
                    e.proactive_row(row).is_some_and(|(b, _)| {
                        col.is_none_or(|c| b.columns.iter().any(|x| x.key == c))
                    })
                })
                .collect();
            has.first().copied().filter(|_| has.len() < editions.len())
        };
        if let Some(e) = telling(None) {
            return Some(e);
        }
        for (ck, _) in v.as_map().unwrap_or(&[]) {
            let Some((col, _)) = ck.as_scalar() else {
                continue;
            };
            if let Some(e) = telling(Some(col)) {
                return Some(e);
            }
        }
    }
    None
}

/// Every edition as `describe` puts it, joined: `a、b或c`.
fn edition_choices(describe: impl Fn(Edition) -> String, sep: &str, last: &str) -> String {
    let all: Vec<String> = format::all().into_iter().map(describe).collect();
    match all.split_last() {
        Some((l, [])) => l.clone(),
        Some((l, rest)) => format!("{}{last}{l}", rest.join(sep)),
        None => String::new(),
    }
}

/// A key written as its official label (`总体情况:` for `overview:`, `行政许可:` for
/// `licensing:`): the key whose label it is.
fn label_to_key<'v>(written: &str, valid: &[&'v str]) -> Option<&'v str> {
    let norm = |s: &str| -> String {
        let s = s.trim();
        // Drop a leading 一、 or （一） enumerator.
        let s = s
            .split_once('、')
            .filter(|(a, _)| a.chars().count() <= 2)
            .map_or(s, |(_, b)| b);
        s.trim_start_matches(|c: char| "（）一二三四五六七八九十".contains(c))
            .to_string()
    };
    let w = norm(written);
    if w.is_empty() || w.is_ascii() {
        return None;
    }
    let mut labels: Vec<(&str, String)> = format::TOP_KEYS
        .iter()
        .map(|k| (k.key, k.label.to_string()))
        .collect();
    for e in format::all() {
        labels.extend(
            e.proactive_rows()
                .map(|(_, r)| (r.key, r.label.to_string())),
        );
    }
    labels.extend(format::OUTCOME_ROWS.iter().map(|o| {
        (
            o.path[o.path.len() - 1],
            o.label.unwrap_or(o.group).to_string(),
        )
    }));
    labels
        .into_iter()
        .find(|(k, l)| {
            valid.contains(k) && (norm(l) == w || (w.chars().count() >= 2 && norm(l).contains(&w)))
        })
        .and_then(|(k, _)| valid.iter().copied().find(|v| *v == k))
}

/// The valid key nearest to a typo, if one is near enough to be meant.
pub fn nearest<'v>(typo: &str, valid: &[&'v str]) -> Option<&'v str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', ' '], "_");
    let t = norm(typo);
    valid
        .iter()
        .map(|v| {
            (
                *v,
                strsim::levenshtein(&t, &norm(v)),
                strsim::jaro_winkler(&t, &norm(v)),
            )
        })
        .filter(|(v, d, jw)| *d <= (v.len() / 3).max(2) || *jw >= 0.88)
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(v, ..)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key() {
        assert_eq!(
            nearest(
                "carried_foward",
                &["carried_forward", "carried_over", "new"]
            ),
            Some("carried_forward")
        );
        assert_eq!(
            nearest("reconsidration", &["reconsideration", "litigation"]),
            Some("reconsideration")
        );
        assert_eq!(nearest("zzz", &["reconsideration", "litigation"]), None);
    }

    #[test]
    fn ints() {
        let n = |s: &str| Node {
            value: Value::Scalar(s.into(), Style::Plain),
            span: Span::default(),
        };
        assert!(matches!(parse_int(&n("12"), false), Ok(12)));
        assert!(matches!(
            parse_int(&n("-1"), false),
            Err(IntProblem::Negative)
        ));
        assert!(matches!(parse_int(&n("-1"), true), Ok(-1)));
        assert!(matches!(parse_int(&n("+1"), true), Ok(1)));
        assert!(matches!(
            parse_int(&n("1.5"), false),
            Err(IntProblem::Fractional)
        ));
        assert!(matches!(
            parse_int(&n("1000000001"), false),
            Err(IntProblem::TooLarge)
        ));
        assert!(matches!(
            parse_int(&n("99999999999999999999999"), false),
            Err(IntProblem::TooLarge)
        ));
        assert!(matches!(
            parse_int(&n("abc"), false),
            Err(IntProblem::NotANumber)
        ));
    }
}
