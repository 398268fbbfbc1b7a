//! The whole file: the top-level keys (year, edition, agency, kind, title, published) and
//! each part of the report in turn.

use super::edition::guess_edition;
use super::loader::{Loader, Path_};
use super::numbers::parse_int;
use crate::diag::messages::NotAReport;
use crate::diag::{Code, messages};
use crate::format::{self, Edition, TOP_KEYS};
use crate::input::yaml::{Node, Value};
use crate::report::*;
use crate::util::Span;

impl Loader<'_> {
    pub(super) fn report(&mut self, root: &Node) -> Option<Report> {
        let top = Path_::root();
        let Some(entries) = root.as_map() else {
            let what = match &root.value {
                Value::Scalar(s, _) if s.contains("政府信息公开") || s.contains("年度报告") => {
                    NotAReport::ReportText
                }
                Value::Seq(items) if items.iter().all(|i| i.as_map().is_some()) => {
                    NotAReport::Dashes
                }
                _ => NotAReport::Other,
            };
            let msg = messages::not_a_report(self.file, root.describe(), what);
            self.push(Code::WrongType, Some(root.span), &top, msg);
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
                    let msg = if y < 2019 {
                        messages::year_too_early(y)
                    } else {
                        messages::year_in_future(y, today.year)
                    };
                    self.push(Code::InvalidYear, Some(n.span), &top.key("year"), msg);
                    year = y.clamp(2019, today.year as i64) as i32;
                }
                Err(_) => self.wrong_type(n, &top.key("year"), messages::want_year()),
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
                        messages::invalid_edition(&text),
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
                self.edition_why = messages::edition_written(e);
            }
            (None, _) if year_ok => {
                self.edition = Edition::default_for_year(year as i64);
                self.edition_why = messages::edition_for_year(year);
            }
            (None, Some(e)) => {
                self.edition = e;
                self.edition_why = messages::edition_from_keys();
            }
            (None, None) if year != 0 => {
                self.edition = Edition::default_for_year(year as i64);
                self.edition_why = messages::edition_for_year(year);
            }
            (None, None) => {
                self.edition = format::latest();
                self.edition_why = messages::edition_latest(self.edition);
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
                    messages::missing_key(tk.key, tk.label),
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
                messages::empty_agency(),
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
                        messages::invalid_kind(text),
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
                    messages::invalid_date(text),
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
