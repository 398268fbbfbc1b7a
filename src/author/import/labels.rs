//! Labels: how a printed label is matched against the format's, section titles, and the
//! labels that tell the edition and the tables' structure.

use super::blocks::Block;
use crate::format::{
    self, APPLICANT_COLUMNS, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS, SECTION_TITLES,
};

/// A label for matching: white space removed, half-width punctuation made full-width as the
/// format prints it, `1、`/`1．` item numbers made `1.`, straight quotes curly.
pub(super) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open = true;
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        out.push(match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            '．' => '.',
            '／' => '/',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '"' => {
                open = !open;
                if open { '”' } else { '“' }
            }
            c => c,
        });
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with('、') {
        out.replace_range(digits..digits + '、'.len_utf8(), ".");
    }
    out
}

/// Does a printed label name the official one? Equal once normalised, or the official label
/// without its closing parenthetical explanation (`（二）部分公开`).
pub(super) fn label_matches(printed: &str, official: &str) -> bool {
    let o = norm(official);
    if printed == o {
        return true;
    }
    printed.chars().count() >= 4
        && o.strip_prefix(printed)
            .is_some_and(|rest| rest.starts_with('（') && rest.ends_with('）'))
}

/// A portal's line about the page rather than the report: `发布时间：… 来源：… 浏览次数：…`.
pub(super) fn looks_like_page_metadata(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "发布时间",
        "发布日期",
        "来源：",
        "来源:",
        "浏览次数",
        "访问次数",
        "点击数",
        "阅读数",
        "字号",
        "【打印】",
        "【关闭】",
        "分享到",
        "索引号",
        "信息来源",
        "成文日期",
        "发文日期",
        "文号：",
        "主题分类",
    ];
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // `时间：2024-01-31 08:28` alone, without 来源.
    let dated = ["时间：", "时间:", "日期：", "日期:"]
        .iter()
        .any(|m| t.starts_with(m) && t[m.len()..].starts_with(|c: char| c.is_ascii_digit()));
    dated || MARKS.iter().any(|m| text.contains(m))
}

/// A line of a portal page's furniture rather than the report: tab labels (全真版 / 文字版 /
/// 文件下载 / 相关链接), 附件下载, print and close links, font size switches.
pub(super) fn looks_like_chrome(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "全真版",
        "文字版",
        "图解版",
        "文件下载",
        "附件下载",
        "附件",
        "相关链接",
        "相关文件",
        "相关附件",
        "打印本页",
        "打印",
        "关闭窗口",
        "关闭",
        "返回顶部",
        "返回",
        "分享",
        "收藏",
        "字号",
        "大",
        "中",
        "小",
        "扫一扫",
        "在手机上查看",
    ];
    let mut t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"【】[]|｜：:·•/、，,()（）>＞".contains(*c))
        .collect();
    if t.is_empty() {
        return false;
    }
    // The labels run together: take them off the front, longest first.
    let mut words: Vec<&str> = WORDS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    while !t.is_empty() {
        match words.iter().find(|w| t.starts_with(**w)) {
            Some(w) => t.drain(..w.len()),
            None => return false,
        };
    }
    true
}

/// Splits a line that runs a section title into its first paragraph (`一、总体情况。2020年…`).
pub(super) fn split_run_in_titles(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Block::Line {
            text,
            line,
            h1,
            path,
        } = &b
        {
            if section_index(text).is_none() {
                if let Some(t) = SECTION_TITLES.iter().find(|t| text.starts_with(**t)) {
                    let rest =
                        text[t.len()..].trim_start_matches(['：', ':', '。', ' ', '\u{3000}']);
                    if !rest.is_empty() {
                        out.push(Block::Line {
                            text: t.to_string(),
                            line: *line,
                            h1: *h1,
                            path: path.clone(),
                        });
                        out.push(Block::Line {
                            text: rest.trim().to_string(),
                            line: *line,
                            h1: *h1,
                            path: path.clone(),
                        });
                        continue;
                    }
                }
            }
        }
        out.push(b);
    }
    out
}

/// Which of the six sections a line's text is the title of.
pub(super) fn section_index(text: &str) -> Option<usize> {
    section_exact(text).or_else(|| section_variant(text))
}

/// The official section title, as printed (punctuation at the end aside).
pub(super) fn section_exact(text: &str) -> Option<usize> {
    let n = norm(text);
    let n = n.trim_end_matches(['：', '。', '.']);
    SECTION_TITLES.iter().position(|t| norm(t) == n)
}

/// A section title in a published variant: the same number, the same words once
/// `政府信息公开`, `工作` and `的` are set aside (`五、政府信息公开工作存在的主要问题及改进情况`).
fn section_variant(text: &str) -> Option<usize> {
    let n = norm(text);
    let n = n.trim_end_matches(['：', '。', '.']);
    if n.chars().count() > 40 || n.contains(['。', '，', '；']) {
        return None;
    }
    let core = |s: &str| -> Option<(String, String)> {
        let (num, rest) = s.split_once('、')?;
        let rest = rest
            .replace("政府信息公开", "")
            .replace("工作", "")
            .replace('的', "");
        Some((num.to_string(), rest))
    };
    let mine = core(n)?;
    SECTION_TITLES
        .iter()
        .position(|t| core(&norm(t)).is_some_and(|c| c == mine))
}

pub(super) fn labels_of(e: Edition) -> Vec<String> {
    let mut v = Vec::new();
    for b in e.proactive() {
        v.push(norm(b.item));
        v.extend(b.columns.iter().map(|c| norm(c.label)));
        v.extend(b.rows.iter().map(|r| norm(r.label)));
    }
    for r in e.application_rows() {
        v.push(norm(r.label));
        v.extend(r.group.map(norm));
    }
    v
}

/// The labels of `e` that not every edition has: a table using them tells its edition.
pub(super) fn own_labels(e: Edition, editions: &[Edition]) -> Vec<String> {
    let others: Vec<Vec<String>> = editions
        .iter()
        .filter(|o| **o != e)
        .map(|o| labels_of(*o))
        .collect();
    let mut v: Vec<String> = labels_of(e)
        .into_iter()
        .filter(|l| !others.iter().all(|o| o.contains(l)))
        .collect();
    v.dedup();
    v
}

/// Header and structure labels of the three tables (both editions), normalised.
pub(super) fn structural_labels() -> Vec<String> {
    let mut v: Vec<String> = vec![
        norm(format::PROACTIVE_CONTENT_HEADER),
        norm(format::APPLICATION_NOTE),
        norm(format::APPLICANT_HEADER),
        norm(format::LEGAL_PERSON_GROUP),
        norm(format::RESULTS_GROUP),
        norm(format::TOTAL_LABEL),
        norm(format::RECONSIDERATION_LABEL),
        norm(format::LITIGATION_LABEL),
    ];
    for e in format::all() {
        for b in e.proactive() {
            v.push(norm(b.item));
            v.extend(b.columns.iter().map(|c| norm(c.label)));
        }
        for r in e.application_rows() {
            v.extend(r.group.map(norm));
        }
    }
    v.extend(APPLICANT_COLUMNS.iter().map(|c| norm(c.1)));
    v.extend(OUTCOME_COLUMNS.iter().map(|c| norm(c.1)));
    v.extend(OUTCOME_ROWS.iter().filter_map(|o| o.label.map(norm)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_title_variants() {
        assert_eq!(
            section_index("五、政府信息公开工作存在的主要问题及改进情况"),
            Some(4)
        );
        assert_eq!(
            section_exact("五、政府信息公开工作存在的主要问题及改进情况"),
            None
        );
        assert_eq!(section_index("一、总体情况："), Some(0));
        assert_eq!(section_index("五、存在问题"), None);
    }

    #[test]
    fn portal_chrome_and_metadata() {
        for t in [
            "全真版 文字版 文件下载 相关链接",
            "【打印】【关闭】",
            "附件下载：",
            "字号：大 中 小",
        ] {
            assert!(looks_like_chrome(t), "{t}");
        }
        for t in ["本局全年收取信息处理费0元。", "大力推进公开", ""] {
            assert!(!looks_like_chrome(t), "{t}");
        }
        assert!(looks_like_page_metadata("时间：2024-01-31 08:28"));
        assert!(!looks_like_page_metadata("时间紧任务重"));
    }

    #[test]
    fn labels_normalise() {
        assert!(label_matches(&norm("本年新 制作数量"), "本年新制作数量"));
        assert!(label_matches(
            &norm("（二）部分公开"),
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        assert!(label_matches(&norm("1、属于国家秘密"), "1.属于国家秘密"));
        assert!(label_matches(
            &norm("3.危及\"三安全一稳定\""),
            "3.危及“三安全一稳定”"
        ));
        assert!(!label_matches(&norm("规范性文件"), "行政规范性文件"));
        assert_eq!(section_index("一、总体情况"), Some(0));
        assert_eq!(section_index(" 六、其他需要报告的事项："), Some(5));
    }
}
