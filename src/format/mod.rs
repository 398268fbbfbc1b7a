//! The editions of the official format, described once.
//!
//! Every official label lives here and nowhere else: the loader derives the accepted YAML keys
//! from these tables, the checks name rows and columns with them, the renderer builds its grids
//! from them, and the schema and scaffold are generated from them.
//!
//! An edition is data (`EditionSpec`, one per file: `e2019.rs`, `e2021.rs`); the rest of the
//! crate holds an `Edition` handle and asks it what it needs, never which edition it is.

mod common;
mod e2019;
mod e2021;
mod spec;

pub use common::*;
pub use spec::{EditionSpec, InForce};

use serde::{Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::RwLock;

/// Which edition a report follows: a handle to its description, compared by key.
#[derive(Clone, Copy)]
pub struct Edition(&'static EditionSpec);

impl PartialEq for Edition {
    fn eq(&self, other: &Self) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for Edition {}

impl Hash for Edition {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

impl fmt::Debug for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Edition({})", self.0.key)
    }
}

impl Serialize for Edition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.key)
    }
}

/// The built-in editions, oldest first.
static BUILT_IN: [&EditionSpec; 2] = [&e2019::SPEC, &e2021::SPEC];

/// Editions added at run time (a test's fake edition), after the built-in ones.
static REGISTERED: RwLock<Vec<&'static EditionSpec>> = RwLock::new(Vec::new());

/// Every edition: the built-in ones oldest first, then those registered, in order.
pub fn all() -> Vec<Edition> {
    let extra = REGISTERED.read().unwrap_or_else(|e| e.into_inner());
    BUILT_IN
        .iter()
        .chain(extra.iter())
        .map(|s| Edition(s))
        .collect()
}

/// Adds an edition. Registering the same spec again returns it; another spec with a key
/// already taken is a bug and panics.
pub fn register(spec: &'static EditionSpec) -> Edition {
    let mut extra = REGISTERED.write().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = BUILT_IN
        .iter()
        .chain(extra.iter())
        .find(|s| s.key == spec.key)
    {
        assert!(
            std::ptr::eq(*e, spec),
            "edition {} is already registered",
            spec.key
        );
        return Edition(e);
    }
    extra.push(spec);
    Edition(spec)
}

/// The newest edition still in force with no end: the default when nothing tells the year.
pub fn latest() -> Edition {
    let all = all();
    all.iter()
        .copied()
        .filter(|e| e.0.in_force.to.is_none())
        .max_by_key(|e| e.0.in_force.from)
        .unwrap_or(all[all.len() - 1])
}

impl Edition {
    pub const E2019: Edition = Edition(&e2019::SPEC);
    pub const E2021: Edition = Edition(&e2021::SPEC);

    /// The edition's whole description.
    pub fn spec(self) -> &'static EditionSpec {
        self.0
    }

    pub fn key(self) -> &'static str {
        self.0.key
    }

    /// The edition whose key is `s` (`2019`, `2021`…).
    pub fn parse(s: &str) -> Option<Edition> {
        if let Some(b) = BUILT_IN.iter().find(|b| b.key == s) {
            return Some(Edition(b));
        }
        all().into_iter().find(|e| e.key() == s)
    }

    /// The edition in force for reports on `year`: the newest one in force then; before any,
    /// the oldest; otherwise the latest.
    pub fn default_for_year(year: i64) -> Edition {
        let all = all();
        if let Some(e) = all
            .iter()
            .filter(|e| e.0.in_force.contains(year))
            .max_by_key(|e| e.0.in_force.from)
        {
            return *e;
        }
        match all.iter().min_by_key(|e| e.0.in_force.from) {
            Some(first) if year < first.0.in_force.from as i64 => *first,
            _ => latest(),
        }
    }

    /// Every edition but this one, in registry order.
    pub fn others(self) -> impl Iterator<Item = Edition> {
        all().into_iter().filter(move |e| *e != self)
    }

    pub fn in_force(self) -> InForce {
        self.0.in_force
    }

    /// The notice that fixed this edition, for messages and the report's metadata.
    pub fn notice(self) -> &'static str {
        self.0.notice
    }

    /// The notice's number alone (`国办公开办函〔2021〕30号`), without its title.
    pub fn notice_number(self) -> &'static str {
        self.0.notice.split('《').next().unwrap_or(self.0.notice)
    }

    pub fn notice_year(self) -> i32 {
        self.0.notice_year
    }

    pub fn proactive(self) -> &'static [ProactiveBlock] {
        self.0.proactive
    }

    /// Rows of table 三 in printed order, （七）总计 included.
    pub fn application_rows(self) -> &'static [AppRow] {
        self.0.application_rows
    }

    /// What section 六 is expected to say, as the notice's template puts it.
    pub fn section_six_hint(self) -> &'static str {
        self.0.section_six_hint
    }

    pub fn overview_limit(self) -> Option<usize> {
        self.0.overview_limit
    }

    pub fn fees_in_section_six(self) -> bool {
        self.0.fees_in_section_six
    }

    pub fn other_results_limit_pct(self) -> Option<u32> {
        self.0.other_results_limit_pct
    }

    /// Every proactive row key with its block, in printed order.
    pub fn proactive_rows(
        self,
    ) -> impl Iterator<Item = (&'static ProactiveBlock, &'static ProactiveRow)> {
        self.proactive()
            .iter()
            .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
    }

    pub fn proactive_row(
        self,
        key: &str,
    ) -> Option<(&'static ProactiveBlock, &'static ProactiveRow)> {
        self.proactive_rows().find(|(_, r)| r.key == key)
    }

    /// The rows of table 二 with all of `columns`, in printed order: the rows a rule carrying
    /// those columns over from one year to the next applies to.
    pub fn rows_with_columns(self, columns: &[&str]) -> impl Iterator<Item = &'static str> {
        let columns: Vec<&str> = columns.to_vec();
        self.proactive_rows()
            .filter(move |(b, _)| {
                columns
                    .iter()
                    .all(|c| b.columns.iter().any(|x| x.key == *c))
            })
            .map(|(_, r)| r.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_editions_and_their_years() {
        assert_eq!(all(), [Edition::E2019, Edition::E2021]);
        assert_eq!(latest(), Edition::E2021);
        for year in 2000..2100 {
            let want = if year <= 2020 {
                Edition::E2019
            } else {
                Edition::E2021
            };
            assert_eq!(Edition::default_for_year(year), want, "{year}");
        }
        assert_eq!(Edition::parse("2019"), Some(Edition::E2019));
        assert_eq!(Edition::parse("2020"), None);
        assert_eq!(Edition::E2021.notice_number(), "国办公开办函〔2021〕30号");
        assert_eq!(serde_json::to_string(&Edition::E2019).unwrap(), "\"2019\"");
    }

    #[test]
    fn results_span_20_and_22_rows() {
        // The official layout: 三、本年度办理结果 spans 20 rows (2019) or 22 rows (2021),
        // which are the result rows plus （七）总计.
        for (e, n) in [(Edition::E2019, 20), (Edition::E2021, 22)] {
            let rows = e
                .application_rows()
                .iter()
                .filter(|r| r.role != AppRowRole::Top)
                .count();
            assert_eq!(rows, n, "{e:?}");
        }
    }

    #[test]
    fn labels_match_the_machine_readable_spec_row_by_row() {
        // Every label, in order and in its place, against format-editions.yaml.
        let spec: serde_yaml::Value =
            serde_yaml::from_str(include_str!("../../tests/data/format-editions.yaml")).unwrap();
        let strs = |v: &serde_yaml::Value| -> Vec<String> {
            v.as_sequence()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect()
        };
        let common = &spec["common"];
        assert_eq!(strs(&common["section_titles"]), SECTION_TITLES);
        let app = &common["application_table"];
        assert_eq!(app["note_cell"].as_str(), Some(APPLICATION_NOTE));
        assert_eq!(app["header_group"].as_str(), Some(APPLICANT_HEADER));
        assert_eq!(app["legal_person_group"].as_str(), Some(LEGAL_PERSON_GROUP));
        assert_eq!(app["results_group"].as_str(), Some(RESULTS_GROUP));
        assert_eq!(
            strs(&app["columns"]),
            (0..7).map(applicant_column_label).collect::<Vec<_>>()
        );
        for e in all() {
            let rows = e.application_rows();
            let top: Vec<&str> = rows
                .iter()
                .filter(|r| r.role == AppRowRole::Top)
                .map(|r| r.label)
                .collect();
            assert_eq!(strs(&app["top_rows"]), top[..2]);
            assert_eq!(app["bottom_row"].as_str(), Some(top[2]));
            let total = rows
                .iter()
                .find(|r| r.role == AppRowRole::ResultsTotal)
                .unwrap();
            assert_eq!(app["results_total"].as_str(), Some(total.label));
            // Result rows: the common head, then the edition's （六）.
            let ed = &spec[format!("edition_{}", e.key()).as_str()];
            let mut want: Vec<Vec<String>> = app["results_common_head"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(strs)
                .collect();
            want.extend(ed["results_other"].as_sequence().unwrap().iter().map(|v| {
                match v.as_sequence() {
                    Some(_) => strs(v),
                    None => vec![v.as_str().unwrap().to_string()],
                }
            }));
            let ours: Vec<Vec<String>> = rows
                .iter()
                .filter(|r| r.role == AppRowRole::Result)
                .map(|r| {
                    r.group
                        .into_iter()
                        .chain([r.label])
                        .map(String::from)
                        .collect()
                })
                .collect();
            assert_eq!(ours, want, "{e:?}");
            // Table 二, block by block.
            let blocks = ed["active_disclosure_table"].as_sequence().unwrap();
            assert_eq!(blocks.len(), e.proactive().len());
            for (b, ours) in blocks.iter().zip(e.proactive()) {
                assert_eq!(b["item"].as_str(), Some(ours.item));
                let cols: Vec<&str> = [PROACTIVE_CONTENT_HEADER]
                    .into_iter()
                    .chain(ours.columns.iter().map(|c| c.label))
                    .collect();
                assert_eq!(strs(&b["columns"]), cols);
                assert_eq!(
                    strs(&b["rows"]),
                    ours.rows.iter().map(|r| r.label).collect::<Vec<_>>()
                );
            }
            assert_eq!(
                ed["section_six_template_hint"].as_str(),
                Some(e.section_six_hint())
            );
        }
        // Table 四.
        let t4 = &common["review_litigation_table"];
        let text = |v: &serde_yaml::Value| {
            v.as_str()
                .map(String::from)
                .unwrap_or_else(|| v["text"].as_str().unwrap().to_string())
        };
        let row1: Vec<String> = t4["row1"].as_sequence().unwrap().iter().map(text).collect();
        assert_eq!(row1, [RECONSIDERATION_LABEL, LITIGATION_LABEL]);
        let row2: Vec<String> = t4["row2"].as_sequence().unwrap().iter().map(text).collect();
        let mut want2: Vec<String> = OUTCOME_COLUMNS.iter().map(|c| c.1.to_string()).collect();
        want2.extend(
            OUTCOME_ROWS[1..]
                .iter()
                .map(|o| o.label.unwrap().to_string()),
        );
        assert_eq!(row2, want2);
        let row3 = strs(&t4["row3"]);
        assert_eq!(
            row3,
            [OUTCOME_COLUMNS.map(|c| c.1), OUTCOME_COLUMNS.map(|c| c.1)].concat()
        );
    }
}
