//! What `xxgk import` says: files it cannot read (their kind, size, encoding; the external
//! programs that read them), what it could not place in the report's format, and the notes it
//! writes into the YAML it makes. The importer reads and places; the words are here.
//!
//! `what` names a cell as `row · column` (`行政许可 · 上一年项目数量`); `text` is what the cell
//! holds.

use super::Msg;
use crate::format::Edition;
use std::fmt::Display;
use std::path::Path;

/// What stands for an empty cell in a list of cells.
const EMPTY_CELL: &str = "（空）";

/// Cells as listed in a message: `1、（空）、3`.
fn shown(cells: &[&str]) -> String {
    cells
        .iter()
        .map(|t| if t.trim().is_empty() { EMPTY_CELL } else { t })
        .collect::<Vec<_>>()
        .join("、")
}

/// `a、b、c` (also in the English texts: the figures stand as printed).
fn joined(items: &[&str]) -> String {
    items.join("、")
}

/// `“a”、“b”`, parted by `sep`.
fn quoted(items: &[&str], sep: &str) -> String {
    items
        .iter()
        .map(|t| format!("“{t}”"))
        .collect::<Vec<_>>()
        .join(sep)
}

// ---------------------------------------------------------------------------------------------
// The file

/// `io`: the file cannot be read.
pub fn import_cannot_read(err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法读取文件：{}", super::os_error_zh(err)),
        format!("cannot read the file: {err}"),
    )
}

/// `too-large`: the file has `size` bytes, over `limit`.
pub fn import_too_large(size: u64, limit: usize) -> Msg {
    Msg::new(
        format!("文件过大（{size} 字节，上限 {limit} 字节）"),
        format!("the file is too large ({size} bytes, the limit is {limit})"),
    )
}

/// `not-utf8`: a page or a text `name` that cannot be decoded from `line`, `col` on.
pub fn page_not_utf8(line: usize, col: usize, name: &str) -> Msg {
    Msg::new(
        format!(
            "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法解码），多半是 GBK 编码的网页。请先转换：iconv -f GBK -t UTF-8 {name} -o 新文件"
        ),
        format!(
            "the file is not UTF-8 (undecodable from line {line}, column {col}); it is probably a GBK page. Convert it first: iconv -f GBK -t UTF-8 {name} -o new-file"
        ),
    )
}

/// `io`: the file could not be handed to an external program.
pub fn temp_file_unwritable(err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法写入临时文件：{}", super::os_error_zh(err)),
        format!("cannot write a temporary file: {err}"),
    )
}

/// `unreadable-document`: a zip that is not a Word document.
pub fn zip_not_word() -> Msg {
    Msg::new(
        "这是一个压缩文件（zip），不是报告：其中没有 Word 文档（word/document.xml）",
        "this is a zip archive, not a Word document (it holds no word/document.xml) nor a report",
    )
}

// ---------------------------------------------------------------------------------------------
// Word documents

/// `unreadable-document`: the `.docx` is no zip the reader can open (`err`).
pub fn docx_not_zip(err: &str) -> Msg {
    Msg::new(
        format!("无法读取 Word 文档（不是有效的 zip 文件）：{err}"),
        format!("not a zip file: {err}"),
    )
}

/// `unreadable-document`: a zip without `word/document.xml`.
pub fn docx_without_document() -> Msg {
    Msg::new(
        "这是一个 zip 文件，但其中没有 word/document.xml，不是 Word 文档（.docx）",
        "a zip file without word/document.xml: not a Word document",
    )
}

/// `too-large`: the zip has `n` entries, over `limit`.
pub fn docx_too_many_entries(n: usize, limit: usize) -> Msg {
    Msg::new(
        format!("zip 文件中有 {n} 个条目（上限 {limit}），拒绝读取"),
        format!("the zip file has {n} entries (at most {limit})"),
    )
}

/// `too-large`: `word/document.xml` unpacks to more than `limit` bytes.
pub fn docx_too_large(limit: u64) -> Msg {
    Msg::new(
        format!("word/document.xml 解压后超过 {limit} 字节（疑似压缩炸弹），拒绝读取"),
        format!("word/document.xml unpacks to more than {limit} bytes (a zip bomb?)"),
    )
}

/// `unreadable-document`: `word/document.xml` is not well-formed (`err`).
pub fn docx_bad_xml(err: &str) -> Msg {
    Msg::new(
        format!("word/document.xml 不是有效的 XML：{err}"),
        format!("word/document.xml: {err}"),
    )
}

/// `unreadable-document`: LibreOffice made no `.docx` of a `.doc`.
pub fn doc_not_converted() -> Msg {
    Msg::new(
        "LibreOffice 无法把这个文件转换为 Word 文档（.docx）：文件可能已损坏或加密",
        "LibreOffice could not convert the file to a Word document (.docx): it may be damaged or encrypted",
    )
}

// ---------------------------------------------------------------------------------------------
// PDF

/// `unreadable-document`: the PDF needs a password.
pub fn pdf_encrypted() -> Msg {
    Msg::new(
        "PDF 已加密（需要密码才能打开），无法读取；请取得未加密的文件",
        "the PDF is encrypted (it needs a password to open); get an unencrypted copy",
    )
}

/// `unreadable-document`: the PDF is damaged; `why` is what pdftotext said.
pub fn pdf_damaged(why: &Msg) -> Msg {
    Msg::new(
        format!("PDF 已损坏，无法读取：{}", why.zh),
        format!("the PDF is damaged and cannot be read: {}", why.en),
    )
}

/// `unreadable-document`: pdftotext's output cannot be parsed (`err`).
pub fn pdftotext_unparsable(err: &str) -> Msg {
    Msg::new(
        format!("pdftotext 的输出无法解析：{err}"),
        format!("the output of pdftotext cannot be parsed: {err}"),
    )
}

/// `pdf-no-text`: a PDF of `pages` pages without a word of text (scanned).
pub fn pdf_no_text(pages: usize) -> Msg {
    Msg::new(
        format!(
            "这份 PDF（{pages} 页）没有文字层，只有图片（多半是扫描件）：需要先做文字识别（OCR，如 ocrmypdf -l chi_sim），再导入"
        ),
        format!(
            "this PDF ({pages} pages) has no text layer, only images (probably scanned): it needs OCR first (such as ocrmypdf -l chi_sim), then import it"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// External programs (`name` is pdftotext or soffice)

/// `tool-failed`: `program` cannot be found; `package` has it, `--name` or `env` point at it.
pub fn tool_missing(name: &str, program: &Path, package: &str, env: &str) -> Msg {
    let flag = format!("--{name}");
    Msg::new(
        format!(
            "找不到 {name}（{}）：读取此类文件需要它。安装：apt-get install {package}；或用 {flag} PATH / {env} 指定",
            program.display()
        ),
        format!(
            "{name} not found ({}): it is needed to read this kind of file; install it with `apt-get install {package}`, or point {flag} / {env} at it",
            program.display()
        ),
    )
}

/// `tool-failed`: the program cannot be started.
pub fn tool_cannot_run(name: &str, err: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法运行 {name}：{err}"),
        format!("cannot run {name}: {err}"),
    )
}

/// `tool-failed`: the program failed; `why` is its standard error, or why it could not be
/// waited for.
pub fn tool_failed(name: &str, why: impl Display) -> Msg {
    Msg::new(
        format!("{name} 运行失败：{why}"),
        format!("{name} failed: {why}"),
    )
}

/// `tool-failed`: the program ran longer than `secs` seconds.
pub fn tool_timed_out(name: &str, secs: u64) -> Msg {
    Msg::new(
        format!("{name} 超过 {secs} 秒未完成，已终止"),
        format!("{name} ran longer than {secs} s and was stopped"),
    )
}

// ---------------------------------------------------------------------------------------------
// Tables whose merged cells cannot be resolved

/// A Word table's cell merged down from `text` is not as wide as it.
pub fn merged_cell_narrower(text: &str) -> Msg {
    Msg::new(
        format!("表格中“{text}”下方的合并单元格与上方单元格的宽度不同，无法还原成规整的表格"),
        format!(
            "the cell merged down from “{text}” is not as wide as it; the table cannot be resolved"
        ),
    )
}

/// An HTML table's merged cell `text` overlaps a cell spanning down from above.
pub fn merged_cell_overlaps(text: &str) -> Msg {
    Msg::new(
        format!("表格中“{text}”所在的合并单元格与上方跨行的单元格重叠，无法还原成规整的表格"),
        format!(
            "the merged cell “{text}” overlaps a cell spanning down from above; the table cannot be resolved"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// The title, the sections, the sign-off, the page around the report

/// A section title as printed (`printed`), read as the format's `official` one.
pub fn section_title_variant(printed: &str, official: &str) -> Msg {
    Msg::new(
        format!("标题“{printed}”按“{official}”录入"),
        format!("the title “{printed}” was read as “{official}”"),
    )
}

/// Lines of the page after the report (its footer), left out; the first three shown.
pub fn page_footer_left_out(lines: &[&str]) -> Msg {
    let n = lines.len();
    let first = &lines[..n.min(3)];
    let more = if n > 3 { "……" } else { "" };
    Msg::new(
        format!(
            "报告之后网页上的 {n} 行文字（页脚等）未录入：{}{more}",
            quoted(first, "、")
        ),
        format!(
            "{n} lines of the page after the report (its footer) were left out: {}{more}",
            quoted(first, ", ")
        ),
    )
}

/// `import-missing`: no line reads as the report's title.
pub fn no_title() -> Msg {
    Msg::new(
        "原文未找到报告标题（如“2020年某某局政府信息公开工作年度报告”）",
        "no report title found (such as 2020年某某局政府信息公开工作年度报告)",
    )
}

/// The sign-off names `signoff`, the title `title`.
pub fn signoff_agency_differs(signoff: &str, title: &str) -> Msg {
    Msg::new(
        format!("落款机关“{signoff}”与标题中的机关“{title}”不同；按标题录入"),
        format!("the sign-off names “{signoff}”, the title “{title}”; the title's is used"),
    )
}

/// `text` after the sign-off date, left out.
pub fn after_signoff_left_out(text: &str) -> Msg {
    Msg::new(
        format!("落款日期之后的文字（多半是网页页脚），未录入：“{text}”"),
        format!("text after the sign-off date (probably the page footer) was left out: “{text}”"),
    )
}

/// `text` below the title looks like the page's metadata (发布时间, 来源 …).
pub fn page_metadata_left_out(text: &str) -> Msg {
    Msg::new(
        format!("标题下的“{text}”看似网页的发布信息，未录入前言"),
        format!(
            "“{text}” below the title looks like the page's metadata; not taken into the preface"
        ),
    )
}

/// The page's tabs and links (`texts`), left out.
pub fn chrome_left_out(texts: &[&str]) -> Msg {
    let list = quoted(texts, "、");
    Msg::new(
        format!("网页的栏目、链接等文字未录入：{list}"),
        format!("the page's tabs and links were left out: {list}"),
    )
}

/// The tables use labels of more than one edition (each with the labels that tell it); read
/// as `chosen`.
pub fn mixed_editions(mixed: &[(Edition, &[String])], chosen: Edition) -> Msg {
    let list = |items: Vec<String>, sep: &str, and: &str| {
        let (last, rest) = items.split_last().expect("two or more");
        format!("{}{and}{last}", rest.join(sep))
    };
    let zh = mixed
        .iter()
        .map(|(e, v)| format!("{} 版（{}）", e.key(), v.join("、")))
        .collect();
    let en = mixed
        .iter()
        .map(|(e, v)| format!("the {} edition ({})", e.key(), v.join(", ")))
        .collect();
    let both = if mixed.len() == 2 { "both " } else { "" };
    Msg::new(
        format!(
            "表格同时使用了 {} 的栏目；按 {} 版录入",
            list(zh, "、", "和 "),
            chosen.key()
        ),
        format!(
            "the tables use labels of {both}{}; read as {}",
            list(en, ", ", " and "),
            chosen.key()
        ),
    )
}

/// Prose `text` in the table section `section`.
pub fn table_prose(section: &str, text: &str) -> Msg {
    Msg::new(
        format!("“{section}”中的文字无处安放：“{text}”"),
        format!("text in “{section}” has no place in the input: “{text}”"),
    )
}

// ---------------------------------------------------------------------------------------------
// Table rows: `figs` are the cells of figures as printed

/// A row of figures `figs` without a label.
pub fn unlabelled_figures(figs: &[&str]) -> Msg {
    let figs = shown(figs);
    Msg::new(
        format!("这一行只有数字，没有行名，无法对应：{figs}"),
        format!("a row of figures without a label cannot be placed: {figs}"),
    )
}

/// A row label `printed` not as the format writes it, read as the nearest, `official`.
pub fn nearest_row_label(printed: &str, official: &str) -> Msg {
    Msg::new(
        format!("行名“{printed}”不是格式中的写法，按最接近的“{official}”录入"),
        format!("the row label “{printed}” is not the format's; read as the nearest, “{official}”"),
    )
}

/// The 2019 edition's one row `printed` (（六）其他处理) in a table that splits it: its
/// figures read as the group's last row, `read_as`.
pub fn single_row_of_2019(printed: &str, read_as: &str) -> Msg {
    Msg::new(
        format!("“{printed}”印成一行（2019 年格式的写法），其数字按“{read_as}”录入"),
        format!(
            "“{printed}” is printed as one row (as the 2019 edition has it): its figures are read as “{read_as}”"
        ),
    )
}

/// A row `label` of the `other` edition, in tables read as `this`.
pub fn row_of_other_edition(label: &str, other: Edition, this: Edition, figs: &[&str]) -> Msg {
    let figs = shown(figs);
    Msg::new(
        format!(
            "“{label}”是 {} 版格式的行，本报告按表格栏目判定为 {} 版，无法录入：{figs}",
            other.key(),
            this.key()
        ),
        format!(
            "“{label}” is a row of the {} edition, but the tables read as the {} edition: {figs}",
            other.key(),
            this.key()
        ),
    )
}

/// A row `label` with figures that matches no row.
pub fn unknown_row_label(label: &str, figs: &[&str]) -> Msg {
    let figs = shown(figs);
    Msg::new(
        format!("行名“{label}”无法对应到表格中的任何一行：{figs}"),
        format!("the row label “{label}” matches no row of the tables: {figs}"),
    )
}

/// A row `label` without figures that is no header either.
pub fn neither_header_nor_row(label: &str) -> Msg {
    Msg::new(
        format!("“{label}”既不是表头也不是格式中的行名"),
        format!("“{label}” is neither a header nor a row of the format"),
    )
}

/// The row `label` again, first read on line `first`.
pub fn row_repeated(label: &str, first: usize) -> Msg {
    Msg::new(
        format!("“{label}”一行重复出现（第 {first} 行已录入），未录入"),
        format!("the row “{label}” appears again (read on line {first}); ignored"),
    )
}

/// A row `label` of table 二 with `figs` where the format has `columns`; `merged`: some of
/// them are carried down from a row above.
pub fn proactive_figure_count(label: &str, figs: &[&str], columns: &[&str], merged: bool) -> Msg {
    let (got, want) = (figs.len(), columns.len());
    let merged = if merged {
        "（其中有从上一行跨行合并下来的单元格）"
    } else {
        ""
    };
    Msg::new(
        format!(
            "“{label}”一行有 {got} 个数字{merged}，格式为 {want} 个（{}），无法对应：{}",
            joined(columns),
            joined(figs)
        ),
        format!("the row “{label}” has {got} figures where the format has {want}"),
    )
}

/// The 总计 of the row `label` of table 三 is blank.
pub fn blank_total(label: &str) -> Msg {
    Msg::new(
        format!("“{label}”一行的总计原文为空，未录入，由 xxgk 计算"),
        format!("the 总计 of “{label}” is blank in the report: left out, computed by xxgk"),
    )
}

/// The row `label` of table 三 has six figures, no 总计.
pub fn six_figures(label: &str) -> Msg {
    Msg::new(
        format!("“{label}”一行只有 6 个数字，按六类申请人录入，总计由 xxgk 计算"),
        format!(
            "the row “{label}” has 6 figures: read as the six applicant columns, 总计 computed"
        ),
    )
}

/// The row `label` of table 三 has `figs` where the format has 7.
pub fn application_figure_count(label: &str, figs: &[&str]) -> Msg {
    let n = figs.len();
    Msg::new(
        format!(
            "“{label}”一行有 {n} 个数字，格式为 7 个（六类申请人和总计），无法对应：{}",
            joined(figs)
        ),
        format!("the row “{label}” has {n} figures where the format has 7"),
    )
}

/// The figures of table 四, `figs`, again.
pub fn outcomes_repeated(figs: &[&str]) -> Msg {
    Msg::new(
        format!("行政复议、行政诉讼的数字重复出现，未录入：{}", joined(figs)),
        "the figures of 行政复议/行政诉讼 appear again; ignored",
    )
}

/// The row of table 四 has `figs` where the format has 15.
pub fn outcome_figure_count(figs: &[&str]) -> Msg {
    let n = figs.len();
    Msg::new(
        format!(
            "行政复议、行政诉讼一行有 {n} 个数字，格式为 15 个，无法对应：{}",
            joined(figs)
        ),
        format!("the row of 行政复议/行政诉讼 has {n} figures where the format has 15"),
    )
}

// ---------------------------------------------------------------------------------------------
// Cells

/// A count or change `text` with decimals (or a negative count: `count`).
pub fn not_whole_number(what: &str, text: &str, count: bool) -> Msg {
    let want = if count { "非负整数" } else { "整数" };
    Msg::new(
        format!("{what}“{text}”不是{want}"),
        format!("{what} “{text}” is not a whole number"),
    )
}

/// A count `text` in a unit of money.
pub fn money_in_count(what: &str, text: &str) -> Msg {
    Msg::new(
        format!("{what}“{text}”带有金额单位，此栏应为件数"),
        format!("{what} “{text}” has a unit of money where a count belongs"),
    )
}

/// An amount `text` below zero.
pub fn amount_below_zero(what: &str, text: &str) -> Msg {
    Msg::new(
        format!("{what}“{text}”是负数"),
        format!("{what} “{text}” is negative"),
    )
}

/// An amount `text` in `unit`, which is not one of money; read as 万元.
pub fn not_money_unit(what: &str, text: &str, unit: &str) -> Msg {
    Msg::new(
        format!("{what}“{text}”的单位“{unit}”不是金额单位，按万元录入"),
        format!("{what} “{text}”: “{unit}” is not a unit of money; read as 万元"),
    )
}

/// An amount `text` without its unit; read as 万元.
pub fn amount_without_unit(what: &str, text: &str) -> Msg {
    Msg::new(
        format!("{what}“{text}”未注明单位，按万元录入"),
        format!("{what} “{text}” has no unit; read as 万元"),
    )
}

/// A blank cell, read as 0.
pub fn blank_cell(what: &str) -> Msg {
    Msg::new(
        format!("{what}原文为空，按 0 录入"),
        format!("{what} is blank in the report; read as 0"),
    )
}

/// A cell with a `mark` (`—`, `/`, `无`) instead of a figure, read as 0.
pub fn marked_cell(what: &str, mark: &str) -> Msg {
    Msg::new(
        format!("{what}原文为“{mark}”，按 0 录入"),
        format!("{what} reads “{mark}” in the report; read as 0"),
    )
}

/// A cell `text` merged across rows, read as 0.
pub fn merged_cell(what: &str, text: &str) -> Msg {
    Msg::new(
        format!("{what}是跨行合并的单元格（“{text}”），无法确定属于哪一行，按 0 录入"),
        format!("{what} is a cell merged across rows (“{text}”); read as 0"),
    )
}

/// A figure `text` of table 三 or 四 that is no count.
pub fn not_a_count(what: &str, text: &str) -> Msg {
    Msg::new(
        format!("{what}“{text}”不是件数"),
        format!("{what} “{text}” is not a count"),
    )
}

/// A figure of table 三 or 四 with a `note`, which those tables cannot hold.
pub fn note_dropped(what: &str, note: &str) -> Msg {
    Msg::new(
        format!("{what}附有说明“{note}”，此表不能带说明，只录入了数字"),
        format!(
            "{what} carries a note “{note}”, which this table cannot hold; only the figure was kept"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// What the report lacks (`import-missing`)

/// No year in the title.
pub fn no_year() -> Msg {
    Msg::new(
        "标题中未找到年度（如“2020年”），请补写 year",
        "no year found in the title (such as 2020年); add `year`",
    )
}

/// No agency in the title or the sign-off.
pub fn no_agency() -> Msg {
    Msg::new(
        "标题和落款中都未找到机关名称，请补写 agency",
        "no agency found in the title or the sign-off; add `agency`",
    )
}

/// The section titled `title` is not there.
pub fn section_missing(title: &str) -> Msg {
    Msg::new(
        format!("原文未找到“{title}”这一部分"),
        format!("the section “{title}” was not found"),
    )
}

/// The row `label` of table 二 (under `item`) is not there.
pub fn proactive_row_missing(label: &str, item: &str) -> Msg {
    Msg::new(
        format!("原文未找到“{label}”这一行（{item}），未录入，按 0 计"),
        format!("the row “{label}” ({item}) was not found; left out, counting as 0"),
    )
}

/// The row `label` of table 三 is not there; `computed`: a total xxgk computes.
pub fn application_row_missing(label: &str, computed: bool) -> Msg {
    let then = if computed {
        "，由 xxgk 计算"
    } else {
        "，按 0 计"
    };
    Msg::new(
        format!("原文未找到“{label}”这一行，未录入{then}"),
        format!("the row “{label}” was not found; left out"),
    )
}

/// Table 四 is not there.
pub fn outcomes_missing() -> Msg {
    Msg::new(
        "原文未找到行政复议、行政诉讼的数字，未录入，按 0 计",
        "the figures of 行政复议/行政诉讼 were not found; left out, counting as 0",
    )
}

// ---------------------------------------------------------------------------------------------
// Notes in the YAML (in Chinese only, as the YAML is)

/// After a `# 待核对:` comment: where in the source, by line.
pub fn at_source_line(line: usize) -> String {
    format!("（原文第 {line} 行）")
}

/// After a `# 待核对:` comment: where in the PDF, by page and line.
pub fn at_source_page_line(page: usize, line: usize) -> String {
    format!("（原文第 {page} 页第 {line} 行）")
}

/// Beside an amount converted from 元.
pub fn converted_from_yuan(text: &str) -> String {
    format!("原文“{text}”，已由元换算为万元")
}

/// Beside an amount converted from 亿元.
pub fn converted_from_yi(text: &str) -> String {
    format!("原文“{text}”，已由亿元换算为万元")
}

/// Beside `edition`: the table labels that tell it.
pub fn edition_from_labels(labels: &[&str]) -> String {
    format!("据表格栏目判定：{}", joined(labels))
}

/// After a commented-out `edition`: the labels told none, the year's `edition` is taken.
pub fn edition_by_year(edition: Edition) -> String {
    format!(
        "表格栏目未能判定格式版本，按年度默认（{} 版）",
        edition.key()
    )
}

/// Beside `kind: government`, inferred from the agency's name.
pub fn government_hint() -> &'static str {
    "按机关名称判断为县级以上人民政府本级（3月31日前公布）；若不是，请改为 department"
}

/// Above a table's figure rows: the columns, in order.
pub fn columns_in_order(columns: &[&str]) -> String {
    format!("各行依次为：{}", joined(columns))
}

/// The YAML's first line: where it came from (`file`, of `kind`).
pub fn imported_from(file: &str, kind: &str) -> String {
    format!("由 xxgk import 从 {file}（{kind}）导入。")
}

/// The YAML's second line, when `n` places are marked with `mark` (`待核对:`).
pub fn places_to_check(n: usize, mark: &str) -> String {
    format!(
        "有 {n} 处标有“{mark}”，请对照原文核对后删去该注释；再运行 xxgk check 检查表格勾稽关系。"
    )
}

/// The YAML's second line, when nothing is marked.
pub fn nothing_to_check() -> &'static str {
    "请运行 xxgk check 检查表格勾稽关系（原文印出的总计已照录）。"
}
