//! What the check rules say: one function per kind, taking the figures and labels it tells
//! of. The rules compute and compare; what they say is written here.

use super::Msg;
use crate::format::Edition;
use crate::report::{Date, Kind};

/// `label (value) + label (value)`.
fn figures(fig: &[(&str, u64)]) -> String {
    fig.iter()
        .map(|(l, v)| format!("{l} ({v})"))
        .collect::<Vec<_>>()
        .join(" + ")
}

// ---------------------------------------------------------------------------------------------
// Arithmetic within a report

/// `row-total`: a row's 总计 `given` against its six columns `parts`, which add up to `sum`.
pub fn row_total(label: &str, given: u64, parts: &[u64], sum: u64) -> Msg {
    let parts = parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" + ");
    Msg::new(
        format!("{label}：总计写的是 {given}，但六类申请人之和 {parts} = {sum}"),
        format!("{label}: 总计 is {given}, but the six columns add up to {parts} = {sum}"),
    )
}

/// `results-total`: （七）总计 in column `col` against the sum of the result rows.
pub fn results_total(col: &str, printed: u64, sum: u64) -> Msg {
    Msg::new(
        format!("{col}：（七）总计写的是 {printed}，但（一）至（六）各项办理结果之和是 {sum}"),
        format!(
            "{col}: （七）总计 is {printed}, but the result rows （一）–（六） add up to {sum}"
        ),
    )
}

/// `balance`: in column `col`, 一 `new` + 二 `over` ≠ 三 `total` + 四 `fwd`.
pub fn balance(col: &str, new: u64, over: u64, total: u64, fwd: u64) -> Msg {
    Msg::new(
        format!(
            "{col}：勾稽关系不平。{} = {}，但 {} = {}",
            figures(&[("一 本年新收", new), ("二 上年结转", over)]),
            new + over,
            figures(&[("三 办理结果总计", total), ("四 结转下年度", fwd)]),
            total + fwd
        ),
        format!(
            "{col}: 一 本年新收 ({new}) + 二 上年结转 ({over}) = {}, but 三 办理结果总计 ({total}) + 四 结转下年度 ({fwd}) = {}",
            new + over,
            total + fwd
        ),
    )
}

/// `outcome-total`: a review or lawsuit row's 总计 against its outcomes (label, value).
pub fn outcome_total(label: &str, given: u64, parts: &[(&str, u64)], sum: u64) -> Msg {
    let parts = figures(parts);
    Msg::new(
        format!("{label}：总计写的是 {given}，但 {parts} = {sum}"),
        format!("{label}: 总计 is {given}, but {parts} = {sum}"),
    )
}

// ---------------------------------------------------------------------------------------------
// Form and timeliness

/// `edition-mismatch`: a report on `year` in the `given` edition, which should be `expected`.
pub fn edition_mismatch(year: i32, expected: Edition, given: Edition) -> Msg {
    Msg::new(
        format!(
            "{year} 年度的报告应使用 {} 版格式（{}），这里写的是 {} 版",
            expected.key(),
            expected.notice(),
            given.key()
        ),
        format!(
            "a report on {year} should use the {} edition, not {}",
            expected.key(),
            given.key()
        ),
    )
}

/// `published-date`: published on `p`, before the report's `year` ended.
pub fn published_before_year_end(p: Date, year: i32) -> Msg {
    Msg::new(
        format!(
            "发布日期 {} 早于 {year} 年度结束：年度报告在次年公布，是否应为 {} 年？",
            p.chinese(),
            year + 1
        ),
        format!(
            "published on {p}, before the year {year} ended: should it be {}?",
            year + 1
        ),
    )
}

/// `published-date`: published on `p`, after `today`.
pub fn published_in_future(p: Date, today: Date) -> Msg {
    Msg::new(
        format!("发布日期 {} 晚于今天（{}）", p.chinese(), today.chinese()),
        format!("published on {p}, which is after today ({today})"),
    )
}

/// `late`: published on `p`, `days` after the `deadline` that applies to `kind`.
/// `year-folder`: the file is in a folder named `folder`, its `year` is another.
pub fn year_folder(year: i32, folder: i32) -> Msg {
    Msg::new(
        format!(
            "文件在 {folder} 年度的目录中，但 year 写的是 {year}：是 year 写错了，还是文件放错了目录？"
        ),
        format!(
            "the file is in the folder of {folder}, but its year is {year}: is the year wrong, or the folder?"
        ),
    )
}

pub fn late(p: Date, deadline: Date, kind: Kind, days: i64) -> Msg {
    Msg::new(
        format!(
            "发布日期 {} 晚于条例第四十九条规定的期限 {}（{}），逾期 {days} 天",
            p.chinese(),
            deadline.chinese(),
            if kind == Kind::Government {
                "县级以上地方人民政府：3月31日前"
            } else {
                "政府部门：1月31日前"
            }
        ),
        format!(
            "published on {p}, {days} day{} after the deadline {deadline} of 条例 第四十九条",
            if days == 1 { "" } else { "s" }
        ),
    )
}

/// `empty-text`: the section titled `title` (its YAML key `key`) is empty.
pub fn empty_text(key: &str, title: &str) -> Msg {
    Msg::new(
        if key == "other_matters" {
            format!("{title} 是空的；即使没有内容，也应写明（如“本年度无其他需要报告的事项。”）")
        } else {
            format!("{title} 是空的；请按格式通知的要求如实填写")
        },
        format!("{title} is empty; say so in words even when there is nothing to report"),
    )
}

/// `overview-too-long`: 总体情况 has `chars` characters, over the `limit` of the notice of
/// `notice_year`.
pub fn overview_too_long(chars: usize, limit: usize, notice_year: i32) -> Msg {
    let (zh, en, en_words) = match limit {
        1000 => (
            "一千字".to_string(),
            "1,000".to_string(),
            "a thousand".to_string(),
        ),
        n => (format!("{n} 字"), n.to_string(), n.to_string()),
    };
    Msg::new(
        format!(
            "总体情况有 {chars} 字，超过{zh}（{notice_year} 年格式通知：“篇幅原则上不超过{zh}”）"
        ),
        format!(
            "总体情况 has {chars} characters, over {en} (the {notice_year} notice: at most about {en_words})"
        ),
    )
}

/// `problems-too-short`.
pub fn problems_too_short() -> Msg {
    Msg::new(
        "存在的主要问题及改进情况不足两句；评估时会因笼统空泛扣分，请具体写出问题和改进措施",
        "problems is shorter than two sentences; assessors mark down a vague section 五",
    )
}

/// `fees-not-reported`: the edition `edition_key` asks section 六 for the fees.
pub fn fees_not_reported(edition_key: &str) -> Msg {
    Msg::new(
        format!(
            "{edition_key} 版格式要求在“六、其他需要报告的事项”中专门报告收取信息处理费的情况（收取金额，或未收取）"
        ),
        format!(
            "the {edition_key} edition asks section 六 to state the 信息处理费 charged (an amount, or that none was)"
        ),
    )
}

/// `other-results-high`: `other` of `all` results are （六）其他处理, over `pct`% (the limit of
/// the notice of `notice_year`).
pub fn other_results_high(other: u64, all: u64, pct: u32, notice_year: i32) -> Msg {
    let share = other as f64 * 100.0 / all as f64;
    Msg::new(
        format!(
            "（六）其他处理 {other} 件，占全部办理结果 {all} 件的 {share:.0}%，超过 {pct}%；{notice_year} 年格式通知要求对此重点核查"
        ),
        format!("（六）其他处理 is {other} of {all} results ({share:.0}%), over {pct}%"),
    )
}

/// `prose-contradicts-table`: the text states `stated` of what the tables (row `label`,
/// `label_en` in English) give as `expected`.
pub fn prose_contradicts_table(label: &str, label_en: &str, stated: u64, expected: u64) -> Msg {
    Msg::new(
        format!("正文写的是{label} {stated} 件，表格中是 {expected} 件"),
        format!("the text states {stated} {label_en}, the tables {expected}"),
    )
}

// ---------------------------------------------------------------------------------------------
// Across the reports of a set

/// `duplicate-report`: two files for `agency` and `year`.
pub fn duplicate_report(agency: &str, year: i32, first: &str, dup: &str) -> Msg {
    Msg::new(
        format!("{agency} 的 {year} 年度报告有两个文件：{first} 和 {dup}；请删去其一"),
        format!("two files for {agency}, {year}: {first} and {dup}; remove one"),
    )
}

/// Where `duplicate-report` points: the first file.
pub fn duplicate_report_other() -> Msg {
    Msg::new("另一个文件", "the other file")
}

/// `carry-over`: in column `col`, carried over is `over`, but the report on `prev_year`
/// (`prev_file`) carried forward `fwd`.
pub fn carry_over(col: &str, over: u64, fwd: u64, prev_year: i32, prev_file: &str) -> Msg {
    Msg::new(
        format!(
            "{col}：上年结转 {over} 件，但 {prev_year} 年度报告（{prev_file}）的结转下年度继续办理是 {fwd} 件"
        ),
        format!(
            "{col}: carried over is {over}, but the {prev_year} report ({prev_file}) carried forward {fwd}"
        ),
    )
}

/// Where `carry-over` points: last year's carried forward.
pub fn carry_over_source(prev_year: i32) -> Msg {
    Msg::new(
        format!("{prev_year} 年度的结转下年度继续办理"),
        format!("carried forward in {prev_year}"),
    )
}

/// `item-continuity`: row `label`'s last_year is `given`, but the report on `prev_year` gives
/// `last_year` changed by `change`.
pub fn item_continuity(
    label: &str,
    given: i128,
    last_year: i128,
    change: i128,
    prev_year: i32,
) -> Msg {
    let op = if change < 0 { "−" } else { "+" };
    let (abs, want) = (change.abs(), last_year + change);
    Msg::new(
        format!(
            "{label}：上一年项目数量写的是 {given}，但 {prev_year} 年度报告是 {last_year} {op} {abs} = {want}"
        ),
        format!(
            "{label}: last_year is {given}, but the {prev_year} report gives {last_year} {op} {abs} = {want}"
        ),
    )
}

/// `in-force-continuity`: row `label`'s in_force is `now`, but last year's `old` + `issued` −
/// `repealed` is not.
pub fn in_force_continuity(label: &str, now: i128, old: i128, issued: i128, repealed: i128) -> Msg {
    let want = old + issued - repealed;
    Msg::new(
        format!(
            "{label}：现行有效 {now} 件，但上年现行有效 {old} + 本年制发 {issued} − 本年废止 {repealed} = {want}"
        ),
        format!(
            "{label}: in_force is {now}, but last year's {old} + issued {issued} − repealed {repealed} = {want}"
        ),
    )
}

/// `problems-repeated`: section 五 is `similarity` (0 to 1) the same as the report on
/// `prev_year`.
pub fn problems_repeated(prev_year: i32, similarity: f64) -> Msg {
    let pct = similarity * 100.0;
    Msg::new(
        format!(
            "存在的主要问题与 {prev_year} 年度报告几乎相同（相似度 {pct:.0}%）；格式通知要求“不得出现敷衍了事甚至年年雷同现象”"
        ),
        format!(
            "problems is {pct:.0}% the same as the {prev_year} report; assessors mark down text repeated year after year"
        ),
    )
}

/// Where `problems-repeated` points: last year's section 五.
pub fn problems_repeated_source(prev_year: i32) -> Msg {
    Msg::new(
        format!("{prev_year} 年度的存在的主要问题"),
        format!("the {prev_year} text"),
    )
}

// ---------------------------------------------------------------------------------------------
// Finding the inputs

/// `io`: a path given cannot be opened.
pub fn cannot_open(path: &str, err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法打开 `{path}`：{}", os_error_zh(err)),
        format!("cannot open `{path}`: {err}"),
    )
}

/// `io`: a folder's entry cannot be read.
pub fn cannot_read(err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法读取：{}", os_error_zh(err)),
        format!("cannot read: {err}"),
    )
}

/// `io`: a file cannot be read.
pub fn cannot_read_file(err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法读取文件：{}", os_error_zh(err)),
        format!("cannot read the file: {err}"),
    )
}

/// A file cannot be written.
pub fn cannot_write(path: &str, err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法写入 {path}：{}", os_error_zh(err)),
        format!("cannot write {path}: {err}"),
    )
}

/// What the system said, as a clerk reads it: the common cases in Chinese, the rest as the
/// system says them.
pub fn os_error_zh(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let zh = match err.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有权限（请检查文件的读写权限）",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个目录，不是文件",
        K::NotADirectory => "路径中有一段不是目录",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::InvalidData => "内容无效",
        K::Interrupted | K::TimedOut => "操作被中断，请重试",
        _ => return err.to_string(),
    };
    format!("{zh}（{err}）")
}

/// `link-outside`: `path` links to `target`, outside the input folder.
pub fn link_outside(path: &str, target: &str) -> Msg {
    Msg::new(
        format!("`{path}` 是指向输入目录之外（{target}）的链接，已跳过"),
        format!("`{path}` links outside the input folder (to {target}); skipped"),
    )
}

/// `output-clash`: `name` would write the same output files (`rel`.*) as `first`.
pub fn output_clash(name: &str, first: &str, rel: &str) -> Msg {
    Msg::new(
        format!(
            "`{name}` 与 `{first}` 的输出文件同名（{rel}.*），会互相覆盖；请改名，或把所在目录整体交给 xxgk"
        ),
        format!(
            "`{name}` and `{first}` would write the same output files ({rel}.*); rename one, or give xxgk their folder"
        ),
    )
}
