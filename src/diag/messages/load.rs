//! What reading a report file says: the file itself (size, encoding), its YAML, its keys and
//! the values under them. The loader finds the problem; the words are here.

use super::Msg;
use crate::format::{self, Edition};

// ---------------------------------------------------------------------------------------------
// The file

/// `too-large`: the file on disk has `len` bytes, over `limit`.
pub fn file_too_large(len: u64, limit: usize) -> Msg {
    Msg::new(
        format!(
            "文件过大（{len} 字节，上限 {limit} 字节）；一份年度报告的数据不会这么大，请检查是否选错了文件"
        ),
        format!(
            "the file is too large ({len} bytes, the limit is {limit}); a report's data is never this big — is it the right file?"
        ),
    )
}

/// `too-large`: the bytes given have `len` bytes, over `limit`.
pub fn bytes_too_large(len: usize, limit: usize) -> Msg {
    Msg::new(
        format!("文件过大（{len} 字节，上限 {limit} 字节）"),
        format!("the file is too large ({len} bytes, the limit is {limit})"),
    )
}

/// `not-utf8`: a UTF-16 byte order mark.
pub fn utf16() -> Msg {
    Msg::new(
        "文件是 UTF-16 编码（Windows 记事本的“Unicode”）；请另存为 UTF-8，或运行：iconv -f UTF-16 -t UTF-8 原文件 -o 新文件.yaml",
        "the file is UTF-16 (Windows Notepad's \"Unicode\"); save it as UTF-8, or run: iconv -f UTF-16 -t UTF-8 in.yaml -o out.yaml",
    )
}

/// `not-utf8`: the file `name` cannot be decoded from `line`, `col` on.
pub fn not_utf8(line: usize, col: usize, name: &str) -> Msg {
    Msg::new(
        format!(
            "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法解码），多半是 Windows 记事本或 WPS 保存的 GBK 编码。请另存为 UTF-8，或运行：iconv -f GBK -t UTF-8 {name} -o 新文件.yaml"
        ),
        format!(
            "the file is not UTF-8 (undecodable from line {line}, column {col}); it is probably GBK, as Windows editors save Chinese text. Save it as UTF-8, or run: iconv -f GBK -t UTF-8 {name} -o new.yaml"
        ),
    )
}

/// What a file that is not text looks like, by its first bytes ([`not_text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    /// A PDF, a Word document: a published report, which `xxgk import` reads.
    Pdf,
    Word,
    Image,
    /// A zip archive (an Excel workbook is one too).
    Archive,
    Program,
    /// Nothing recognised.
    Unknown,
}

/// `unreadable-document`: the file `name` is not text at all (`what` it looks like).
pub fn not_text(name: &str, what: Binary) -> Msg {
    let (zh, en) = match what {
        Binary::Pdf => ("PDF 文件", "a PDF"),
        Binary::Word => ("Word 文档", "a Word document"),
        Binary::Image => ("图片", "an image"),
        Binary::Archive => (
            "压缩包（或 Excel 表格）",
            "a zip archive (or an Excel workbook)",
        ),
        Binary::Program => ("程序", "a program"),
        Binary::Unknown => (
            "可能是程序、图片或压缩包",
            "perhaps a program, an image or an archive",
        ),
    };
    let (zh_next, en_next) = if matches!(what, Binary::Pdf | Binary::Word) {
        (
            format!(
                "已发布的报告可用 `xxgk import {name} -o 新文件.yaml` 转成报告数据，再逐项核对"
            ),
            format!(
                "`xxgk import {name} -o new.yaml` turns a published report into a report's data, to be checked item by item"
            ),
        )
    } else {
        (
            "请检查是否选错了文件".to_string(),
            "Is it the right file?".to_string(),
        )
    };
    let (zh_is, en_is) = if what == Binary::Unknown {
        (format!("（{zh}）"), format!(" ({en})"))
    } else {
        (format!("（是{}）", spaced(zh)), format!(" (it is {en})"))
    };
    Msg::new(
        format!("这不是文本文件{zh_is}，报告应为 YAML 文本；{zh_next}"),
        format!("this is not a text file{en_is}; a report is YAML text. {en_next}"),
    )
}

/// `duplicate-key`: `key` again, first written on `first_line`.
pub fn duplicate_key(key: &str, first_line: usize) -> Msg {
    Msg::new(
        format!(
            "键 `{key}` 重复出现（第 {first_line} 行已写过）；同一层级每个键只能写一次，请删除或合并其中一处"
        ),
        format!("the key `{key}` appears twice (first on line {first_line}); keep one"),
    )
}

/// Where `duplicate-key` points: the first time the key is written.
pub fn duplicate_key_first() -> Msg {
    Msg::new("第一次出现在这里", "first written here")
}

/// `unverified`: a comment `item` marked by `xxgk import` is still there.
pub fn unverified(item: &str) -> Msg {
    Msg::new(
        format!("导入时标注的待核对事项尚未处理：{item}（对照原文核对后删去这条注释）"),
        format!(
            "an item marked for checking by the import is still open: {item} (compare with the original, then delete the comment)"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// YAML

/// `syntax`: a full-width space (U+3000) in the indentation.
pub fn full_width_space() -> Msg {
    Msg::new(
        "缩进里有全角空格（中文输入法的空格），YAML 只能用半角空格缩进",
        "a full-width space (U+3000) in the indentation; YAML indents with ASCII spaces",
    )
}

/// `syntax`: `key：` with the full-width colon.
pub fn full_width_colon(key: &str) -> Msg {
    Msg::new(
        format!("`{key}` 后面是中文冒号“：”：请改为英文冒号加一个空格“: ”"),
        format!(
            "`{key}` is followed by a full-width colon “：”; write an ASCII colon and a space “: ”"
        ),
    )
}

/// `syntax`: `key:value` without the space.
pub fn no_space_after_colon(key: &str) -> Msg {
    Msg::new(
        format!("`{key}:` 后面缺少空格：YAML 要求冒号后有一个空格，如 `{key}: …`"),
        format!("no space after `{key}:`; YAML needs one, as in `{key}: …`"),
    )
}

/// `syntax`: what the parser said (`info`), with a hint at its commonest cause.
pub fn yaml_syntax(info: &str) -> Msg {
    let (zh_hint, en_hint) = syntax_hint(info);
    Msg::new(
        format!("YAML 格式错误：{zh_hint}（解析器：{info}）"),
        format!("not valid YAML: {en_hint} (parser: {info})"),
    )
}

/// The likely cause of the parser's complaint `info`, in both languages.
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

/// `syntax`: a `[` (or `{`) never closed; the parser gave up at `line`, `col` saying `info`.
pub fn unclosed_bracket(bracket: char, line: usize, col: usize, info: &str) -> Msg {
    let close = if bracket == '[' { ']' } else { '}' };
    Msg::new(
        format!(
            "YAML 格式错误：这个 `{bracket}` 没有配对的 `{close}`（解析到第 {line} 行第 {col} 列时出错；解析器：{info}）"
        ),
        format!(
            "not valid YAML: this `{bracket}` is never closed with `{close}` (the parser gave up at line {line}, column {col}: {info})"
        ),
    )
}

/// `empty`: nothing but comments.
pub fn empty_file() -> Msg {
    Msg::new(
        "文件是空的（或只有注释）；可用 `xxgk new` 生成一份完整的模板",
        "the file is empty (or only comments); `xxgk new` writes a complete template",
    )
}

/// `too-complex`: nested too deep.
pub fn too_deep() -> Msg {
    refused(
        "嵌套层数过多（上限 64 层）",
        "nesting is too deep (at most 64 levels)",
    )
}

/// `too-complex`: aliases that expand to too much.
pub fn alias_bomb() -> Msg {
    refused(
        "内容过大：别名（&/*）展开后节点过多，疑似“别名炸弹”",
        "too large: aliases (&/*) expand to too many values (an alias bomb?)",
    )
}

fn refused(zh: &str, en: &str) -> Msg {
    Msg::new(
        format!("{zh}，文件已拒绝"),
        format!("{en}; the file is refused"),
    )
}

/// `syntax`: a second `---` document.
pub fn multiple_documents() -> Msg {
    Msg::new(
        "一个文件只能写一份报告（发现了第二个 `---` 文档）",
        "one file holds one report (found a second `---` document)",
    )
}

// ---------------------------------------------------------------------------------------------
// Keys

/// `unknown-key`: `key` under `under` (a dotted path; empty at the top level), perhaps meant
/// as `suggestion`; else the `valid` keys are listed.
pub fn unknown_key(key: &str, under: &str, suggestion: Option<&str>, valid: &[&str]) -> Msg {
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
    let (here, here_en) = if under.is_empty() {
        ("顶层".to_string(), "at the top level".to_string())
    } else {
        (format!("`{under}` 下"), format!("under `{under}`"))
    };
    Msg::new(
        format!("{here}没有 `{key}` 这个键{zh_s}"),
        format!("unknown key `{key}` {here_en}{en_s}"),
    )
}

/// `other-edition-key`: `path` (`what` in the tables) is of the `other` edition, but the
/// report is in `this` one, for the reason `why`.
pub fn other_edition_key(path: &str, what: &str, other: Edition, this: Edition, why: &Msg) -> Msg {
    Msg::new(
        format!(
            "`{path}`（{what}）是 {} 版格式的栏目，本报告使用 {} 版格式（{}），请按 {} 版填写",
            other.key(),
            this.key(),
            why.zh,
            this.key()
        ),
        format!(
            "`{path}` ({what}) belongs to the {} edition of the format; this report uses the {} edition ({})",
            other.key(),
            this.key(),
            why.en
        ),
    )
}

/// `missing-key`: the required `key`, titled `label`.
pub fn missing_key(key: &str, label: &str) -> Msg {
    Msg::new(
        format!("缺少必填项 `{key}`（{label}）"),
        format!("the required key `{key}` ({label}) is missing"),
    )
}

/// `missing-key`: a cell written as a mapping without its `value`.
pub fn cell_without_value() -> Msg {
    Msg::new(
        "带说明的单元格须写 `value`（数字），如 {value: 4, note: 其中一件失效}",
        "a cell with a note needs its `value`, e.g. {value: 4, note: …}",
    )
}

// ---------------------------------------------------------------------------------------------
// Values of the wrong shape

/// `wrong-type`: `path` should be `want` (one of the `want_…` below) but holds `got` (how the
/// YAML value describes itself); `hints` (the `hint_…` below) say what slip the loader saw in
/// the text written.
pub fn wrong_type(path: &str, want: Msg, got: (&str, &str), hints: &[Msg]) -> Msg {
    let mut zh = format!("`{path}` 应为{}，这里写的是{}", spaced(&want.zh), got.0);
    let mut en = format!("`{path}` should be {}, found {}", want.en, got.1);
    for h in hints {
        zh.push_str(&h.zh);
        en.push_str(&h.en);
    }
    Msg { zh, en }
}

/// `text` after a Chinese word, with the space the messages put between Chinese and a figure
/// or Latin word (`应为 6 个数字`, `应为非负整数`).
fn spaced(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        format!(" {text}")
    } else {
        text.to_string()
    }
}

/// A hint of [`wrong_type`]: a number in quotes.
pub fn hint_quoted() -> Msg {
    Msg::new("；数字不要加引号", "; write numbers without quotes")
}

/// A hint of [`wrong_type`]: a figure with its unit.
pub fn hint_unit() -> Msg {
    Msg::new(
        "；只写数字，不要带单位",
        "; write the figure alone, without its unit",
    )
}

/// A hint of [`wrong_type`]: full-width digits.
pub fn hint_full_width_digits() -> Msg {
    Msg::new(
        "；这里是全角数字，请改用半角数字 0-9",
        "; those are full-width digits: use ASCII 0-9",
    )
}

/// A hint of [`wrong_type`]: commas in a figure.
pub fn hint_separators() -> Msg {
    Msg::new(
        "；数字中不要用逗号分隔",
        "; write the number without separators",
    )
}

/// A hint of [`wrong_type`]: figures written as a row in the Chinese input method's
/// punctuation (`marks`), to be written as `fixed` (`[8, 3, 0]`).
pub fn hint_row_marks(marks: Marks, fixed: &str) -> Msg {
    let (zh, en) = marks.words();
    Msg::new(
        format!("；这里用了{zh}（中文输入法），请写成半角的 {fixed}"),
        format!(
            "; {en} are used (the Chinese input method): write the list as {fixed} with ASCII commas and brackets"
        ),
    )
}

/// A hint of [`wrong_type`]: figures separated by commas without the brackets of a list.
pub fn hint_row_brackets(fixed: &str) -> Msg {
    Msg::new(
        format!("；一行数字要写成方括号里的列表：{fixed}"),
        format!("; a row of figures is a list in brackets: {fixed}"),
    )
}

/// The Chinese input method's punctuation found among figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// `，`
    pub commas: bool,
    /// `、`
    pub enumeration_commas: bool,
    /// `（）`, `［］`, `【】`
    pub brackets: bool,
}

impl Marks {
    pub fn any(self) -> bool {
        self.commas || self.enumeration_commas || self.brackets
    }

    /// The marks used, in words.
    fn words(self) -> (String, String) {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if self.commas {
            zh.push("全角逗号“，”");
            en.push("full-width commas (，)");
        }
        if self.enumeration_commas {
            zh.push("顿号“、”");
            en.push("enumeration commas (、)");
        }
        if self.brackets {
            zh.push("全角括号“（）”");
            en.push("full-width brackets (（）)");
        }
        (zh.join("和"), en.join(" and "))
    }
}

/// `wrong-type`: a row at `path` written as a list of `n` figures where `want` were due.
pub fn wrong_length(path: &str, n: usize, want: Msg) -> Msg {
    let numbers = if n == 1 { "number" } else { "numbers" };
    Msg::new(
        format!("`{path}` 写了 {n} 个数字，应为{}", spaced(&want.zh)),
        format!("`{path}` has {n} {numbers}; it should be {}", want.en),
    )
}

/// `wrong-type`: a row at `path` whose figures are separated by the Chinese input method's
/// punctuation (`marks`), which YAML does not take for separators; `fixed` is the row as
/// written, in ASCII punctuation, and `count` its figures: when that is not what `want` says
/// (`fits`), it is said too. `item` (1-based) is the item holding the first mark, when the
/// diagnostic cannot point at the mark itself.
pub fn row_marks(
    path: &str,
    want: Msg,
    marks: Marks,
    fixed: &str,
    (count, fits): (usize, bool),
    item: Option<usize>,
) -> Msg {
    let (zh_marks, en_marks) = marks.words();
    let (zh_at, en_at) = match item {
        Some(i) => (format!("第 {i} 项里"), format!(" in item {i}")),
        None => (String::new(), String::new()),
    };
    let mut zh = format!(
        "`{path}` {zh_at}用了{zh_marks}（中文输入法），YAML 只认半角逗号；请写成半角的 {fixed}"
    );
    let mut en = format!(
        "`{path}` uses {en_marks}{en_at}, of the Chinese input method, which YAML does not take for separators: write {fixed}"
    );
    if !fits {
        let numbers = if count == 1 { "number" } else { "numbers" };
        zh.push_str(&format!(
            "。另外这里有 {count} 个数字，应为{}",
            spaced(&want.zh)
        ));
        en.push_str(&format!(
            ". Also, it has {count} {numbers}; it should be {}",
            want.en
        ));
    }
    Msg { zh, en }
}

/// How a number was written in a form a report does not use ([`number_form`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberForm {
    /// `1e10`
    Exponent,
    /// `0x10`, `0o17`, `0b101`: the base.
    Radix(u32),
    /// `inf`, `.inf`
    Infinite,
    /// `nan`, `.nan`
    NotANumber,
    /// `.5`, `5.`
    BarePoint,
    /// `+5` (an amount)
    Plus,
    /// `1,234`, `1_000`, `1，234`
    Separated,
}

/// `wrong-type`: `text` at `path` is a number written in the `form` a report does not use;
/// `plain` is the same number written plainly (None when it cannot be told).
pub fn number_form(path: &str, text: &str, form: NumberForm, plain: Option<&str>) -> Msg {
    let (zh, en) = match form {
        NumberForm::Exponent => (
            "报告中的数字不要用科学计数法".to_string(),
            "write figures without scientific notation".to_string(),
        ),
        NumberForm::Radix(base) => {
            let (zh, en) = match base {
                16 => ("十六进制", "hexadecimal"),
                8 => ("八进制", "octal"),
                _ => ("二进制", "binary"),
            };
            (
                format!("这是{zh}写法，报告中的数字用十进制"),
                format!("that is {en}; write figures in decimal"),
            )
        }
        NumberForm::Infinite => (
            "这在 YAML 里表示无穷大，不是一个具体的数字".to_string(),
            "YAML reads that as infinity, not a figure".to_string(),
        ),
        NumberForm::NotANumber => (
            "这在 YAML 里表示“非数”（NaN），不是一个具体的数字".to_string(),
            "YAML reads that as not-a-number (NaN), not a figure".to_string(),
        ),
        NumberForm::BarePoint => (
            "小数点前后都要有数字".to_string(),
            "a decimal point needs digits on both sides".to_string(),
        ),
        NumberForm::Plus => (
            "数字前不要写正号“+”".to_string(),
            "write no plus sign".to_string(),
        ),
        NumberForm::Separated => (
            "数字中不要用千位分隔符".to_string(),
            "write figures without thousands separators".to_string(),
        ),
    };
    let (zh_fix, en_fix) = match plain {
        Some(p) => (format!("，请写成 {p}"), format!(", as {p}")),
        None => (
            "，请写出实际的数字".to_string(),
            ": write the figure itself".to_string(),
        ),
    };
    Msg::new(
        format!("`{path}` 写的是 {text}：{zh}{zh_fix}"),
        format!("`{path}` is {text}: {en}{en_fix}"),
    )
}

/// What the file holds instead of a report's keys, for [`not_a_report`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAReport {
    /// Text that reads like a published report: `xxgk import` turns it into YAML.
    ReportText,
    /// A list of `key: value` items: the `- ` in front of each is too much.
    Dashes,
    /// Anything else.
    Other,
}

/// `wrong-type`: the file `name` holds `got` (how the YAML value describes itself) where a
/// report's keys were due; `what` tells what it looks like.
pub fn not_a_report(name: &str, got: (&str, &str), what: NotAReport) -> Msg {
    let (zh, en) = match what {
        NotAReport::ReportText => (
            format!(
                "这像是年度报告的正文：可用 `xxgk import {name} -o 新文件.yaml` 把它转成报告数据，再逐项核对"
            ),
            format!(
                "it reads like a published report: `xxgk import {name} -o new.yaml` turns it into a report's data, to be checked item by item"
            ),
        ),
        NotAReport::Dashes => (
            "顶层的各项前面不要写“- ”".to_string(),
            "the top-level keys take no `- ` in front".to_string(),
        ),
        NotAReport::Other => (
            "要从头填写，可用 `xxgk new` 生成一份完整的模板".to_string(),
            "`xxgk new` writes a complete template to start from".to_string(),
        ),
    };
    Msg::new(
        format!(
            "这个文件不是报告的 YAML 数据：应为 “year: 2022” 这样每行一项的键值对（year、agency、overview 等），这里是{}。{zh}",
            got.0
        ),
        format!(
            "this file is not a report's YAML: it should hold `key: value` lines such as `year: 2022` (year, agency, overview …), but it holds {}. {}",
            got.1,
            capitalize(&en)
        ),
    )
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A mapping of keys.
pub fn want_mapping() -> Msg {
    Msg::new("键值映射（`键: 值`）", "a mapping (`key: value`)")
}

/// A key: a plain name, not a list or mapping.
pub fn want_key_name() -> Msg {
    Msg::new("简单的键名", "a plain key name")
}

/// The report's year.
pub fn want_year() -> Msg {
    Msg::new("年份数字（如 2022）", "a year (e.g. 2022)")
}

/// A text section.
pub fn want_text() -> Msg {
    Msg::new(
        "文字（可用 `|` 开头的多行文本块）",
        "text (a `|` block for several lines)",
    )
}

/// A count, or (`signed`) a change that may be negative.
pub fn want_whole_number(signed: bool) -> Msg {
    if signed {
        Msg::new(
            "带正负号的整数（如 +1、-2、0）",
            "a whole number, maybe signed (+1, -2, 0)",
        )
    } else {
        Msg::new("非负整数", "a whole number")
    }
}

/// An amount of money.
pub fn want_amount() -> Msg {
    Msg::new(
        "金额数字（单位万元，如 363.62）",
        "an amount in 万元 (e.g. 363.62)",
    )
}

/// A row of table 二 as a list: one figure for each of the columns `cols`.
pub fn want_columns(cols: &[&str]) -> Msg {
    Msg::new(
        format!("{} 个数字（{}）", cols.len(), cols.join("、")),
        format!("{} numbers ({})", cols.len(), cols.join(", ")),
    )
}

/// A row of table 三 as a list.
pub fn want_application_figures() -> Msg {
    Msg::new(
        "6 个数字（六类申请人）或 7 个数字（再加总计）",
        "6 numbers (the applicants) or 7 (and 总计)",
    )
}

/// A row of table 三, written as something else than a list or mapping.
pub fn want_application_row() -> Msg {
    Msg::new(
        format!("一行数字：列表 [{}] 或映射", format::applicant_labels(", ")),
        "a row: a list of 6 or 7 numbers, or a mapping",
    )
}

/// A row of table 四 as a list.
pub fn want_outcome_figures() -> Msg {
    Msg::new(
        format!(
            "4 个数字（{}）或 5 个数字（再加总计）",
            format::outcome_labels("、")
        ),
        "4 numbers (upheld, corrected, other, pending) or 5 (and total)",
    )
}

/// A row of table 四, written as something else than a list or mapping.
pub fn want_outcome_row() -> Msg {
    Msg::new(
        "一行数字：{upheld, corrected, other, pending} 或 4～5 个数字的列表",
        "an outcome row: a mapping or a list of 4 or 5 numbers",
    )
}

// ---------------------------------------------------------------------------------------------
// The top-level values

/// `invalid-year`: `year` is before the first edition.
pub fn year_too_early(year: i64) -> Msg {
    Msg::new(
        format!(
            "年度 {year} 早于 2019 年：2019 年以前没有统一的年度报告格式（国办公开办函〔2019〕60号）"
        ),
        format!("year {year} is before 2019: there is no standard format before the 2019 edition"),
    )
}

/// `invalid-year`: `year` is after `this_year`.
pub fn year_in_future(year: i64, this_year: i32) -> Msg {
    Msg::new(
        format!("年度 {year} 晚于今年（{this_year}）：只能报告已经结束或正在进行的年度"),
        format!("year {year} is after the current year ({this_year})"),
    )
}

/// `invalid-edition`: `text` names no edition; every edition is listed.
pub fn invalid_edition(text: &str) -> Msg {
    Msg::new(
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
    )
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

/// Why the edition `e` is in force (said by `other-edition-key`): written as `edition:`.
pub fn edition_written(e: Edition) -> Msg {
    let s = format!("edition: {}", e.key());
    Msg::new(s.clone(), s)
}

/// Why the edition is in force: the default for `year`.
pub fn edition_for_year(year: i32) -> Msg {
    Msg::new(format!("{year}年默认"), format!("the default for {year}"))
}

/// Why the edition is in force: the year is wrong, the keys of table 二 tell it.
pub fn edition_from_keys() -> Msg {
    Msg::new(
        "年度无效，按所填栏目判断",
        "the year is not valid; judged from the keys written",
    )
}

/// Why the edition `e` is in force: nothing tells, it is the latest.
pub fn edition_latest(e: Edition) -> Msg {
    Msg::new(
        format!("年度不明，按 {} 版", e.key()),
        format!("the year is unknown; taken as {}", e.key()),
    )
}

/// `missing-key`: `agency` is written but empty.
pub fn empty_agency() -> Msg {
    Msg::new("机关名称 `agency` 不能为空", "`agency` must not be empty")
}

/// `invalid-kind`: `text` is neither kind.
pub fn invalid_kind(text: &str) -> Msg {
    Msg::new(
        format!(
            "机关类型 `{text}` 无效：只能是 department（政府部门、乡镇，1月31日前公布）或 government（县级以上地方人民政府本级，3月31日前公布）"
        ),
        format!(
            "kind `{text}` is not valid: use department (due 31 January) or government (due 31 March)"
        ),
    )
}

/// `invalid-date`: `text` is not a date.
pub fn invalid_date(text: &str) -> Msg {
    Msg::new(
        format!("发布日期 `{text}` 不是有效日期，应写作 YYYY-MM-DD，例如 2023-01-18"),
        format!("`{text}` is not a valid date; write YYYY-MM-DD, e.g. 2023-01-18"),
    )
}

/// `too-large`: the text at `path` is over `max` characters.
pub fn text_too_long(path: &str, max: usize) -> Msg {
    Msg::new(
        format!("`{path}` 过长（超过 {max} 字）"),
        format!("`{path}` is too long (over {max} characters)"),
    )
}

// ---------------------------------------------------------------------------------------------
// Figures: `labels` name the official table, row and column; `text` is what was written.

/// Any message about the figure `labels` name, preceded by them.
pub fn of_figure(labels: &[String], m: Msg) -> Msg {
    let what = labels.join(" · ");
    Msg::new(format!("{what}：{}", m.zh), format!("{what}: {}", m.en))
}

/// `invalid-count`: a negative count.
pub fn negative_count(labels: &[String], text: &str) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("数量不能为负数（写的是 {text}）"),
            format!("a count cannot be negative (found {text})"),
        ),
    )
}

/// `invalid-count`: a fraction.
pub fn fractional_count(labels: &[String], text: &str) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("数量须为整数（写的是 {text}）"),
            format!("a count must be a whole number (found {text})"),
        ),
    )
}

/// `invalid-count`: over 10^9.
pub fn count_too_large(labels: &[String], text: &str) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("数值 {text} 大得不合常理（超过 10 亿），请核对是否多打了数字"),
            format!("{text} is absurdly large (over 10^9); check for a typing mistake"),
        ),
    )
}

/// `invalid-amount`: a negative amount.
pub fn negative_amount(labels: &[String], text: &str) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("金额不能为负数（写的是 {text}）"),
            format!("an amount cannot be negative (found {text})"),
        ),
    )
}

/// `invalid-amount`: `decimals` decimals, finer than a fen.
pub fn amount_decimals(labels: &[String], text: &str, decimals: usize) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("金额 {text} 有 {decimals} 位小数；单位是万元，最多 6 位小数（精确到分）"),
            format!("{text} has {decimals} decimals; amounts are in 万元 with at most 6 decimals"),
        ),
    )
}

/// `invalid-amount`: absurdly large.
pub fn amount_too_large(labels: &[String], text: &str) -> Msg {
    of_figure(
        labels,
        Msg::new(
            format!("金额 {text} 万元大得不合常理，请核对"),
            format!("{text} 万元 is absurdly large"),
        ),
    )
}
