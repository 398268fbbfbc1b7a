//! The whole file: the top-level keys (year, edition, agency, kind, title, published) and
//! each part of the report in turn.

use super::edition::{edition_choices, guess_edition};
use super::loader::{Loader, Path_};
use super::numbers::parse_int;
use crate::diag::Code;
use crate::format::{self, Edition, TOP_KEYS};
use crate::input::yaml::Node;
use crate::report::*;
use crate::util::Span;

impl Loader<'_> {
    pub(super) fn report(&mut self, root: &Node) -> Option<Report> {
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
}
