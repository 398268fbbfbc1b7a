//! What reading a report file says: the file itself (size, encoding), its YAML, its keys and
//! the values under them. The loader finds the problem; the words are here.

use super::Msg;
use crate::format::{self, Edition};

/// The place named for a problem of the whole file (where a mapping of keys was expected).
pub const WHOLE_FILE: &str = "(文件)";

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
/// YAML value describes itself); `scalar` is the text written, when it is one, and whether it
/// was quoted: quotes, units, full-width digits and separators get a hint.
pub fn wrong_type(path: &str, want: Msg, got: (&str, &str), scalar: Option<(&str, bool)>) -> Msg {
    let mut zh = format!("`{path}` 应为{}，这里写的是{}", want.zh, got.0);
    let mut en = format!("`{path}` should be {}, found {}", want.en, got.1);
    if let Some((s, true)) = scalar {
        if s.trim().parse::<f64>().is_ok() {
            zh.push_str("；数字不要加引号");
            en.push_str("; write numbers without quotes");
        }
    }
    if let Some((s, _)) = scalar {
        if s.contains('万') || s.contains('元') || s.contains('件') {
            zh.push_str("；只写数字，不要带单位");
            en.push_str("; write the figure alone, without its unit");
        }
        if s.chars().any(|c| ('０'..='９').contains(&c)) {
            zh.push_str("；这里是全角数字，请改用半角数字 0-9");
            en.push_str("; those are full-width digits: use ASCII 0-9");
        }
        if let Some(more) = full_width_list(s) {
            zh.push_str(&more.zh);
            en.push_str(&more.en);
        } else if s.contains('，')
            || (s.contains(',') && s.chars().all(|c| c.is_ascii_digit() || c == ','))
        {
            zh.push_str("；数字中不要用逗号分隔");
            en.push_str("; write the number without separators");
        }
    }
    Msg { zh, en }
}

/// `wrong-type`: a row at `path` written as a list of `n` figures where `want` were due;
/// `single` is the text of its one item, when it has one (`[8，2，0]`: full-width commas make
/// one item of the whole row).
pub fn wrong_length(path: &str, n: usize, want: Msg, single: Option<&str>) -> Msg {
    let numbers = if n == 1 { "number" } else { "numbers" };
    let mut zh = format!("`{path}` 写了 {n} 个数字，应为{}", want.zh);
    let mut en = format!("`{path}` has {n} {numbers}; it should be {}", want.en);
    if let Some(more) = single.and_then(full_width_list) {
        zh.push_str(&more.zh);
        en.push_str(&more.en);
    }
    Msg { zh, en }
}

/// What to say of figures written with the Chinese input method's punctuation: full-width
/// commas `，` between the numbers, or full-width brackets `（）` around a list (None when
/// neither is there).
fn full_width_list(s: &str) -> Option<Msg> {
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
        return None;
    }
    let used = match (commas, brackets) {
        (true, true) => (
            "全角逗号“，”和全角括号“（）”",
            "full-width commas (，) and brackets (（）)",
        ),
        (true, false) => ("全角逗号“，”", "full-width commas (，)"),
        _ => ("全角括号“（）”", "full-width brackets (（）)"),
    };
    Some(Msg::new(
        format!(
            "；这里用了{}（中文输入法），请写成半角的 [8, 2, 0, 0, 1, 0]",
            used.0
        ),
        format!(
            "; {} are used (the Chinese input method): write the list as [8, 2, 0, 0, 1, 0] with ASCII commas and brackets",
            used.1
        ),
    ))
}

/// A mapping of keys.
pub fn want_mapping() -> Msg {
    Msg::new("键值映射（`键: 值`）", "a mapping (`key: value`)")
}

/// The whole report: a mapping of its top-level keys.
pub fn want_report() -> Msg {
    Msg::new(
        "键值映射（year: …、agency: … 等）",
        "a mapping (year: …, agency: …)",
    )
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
