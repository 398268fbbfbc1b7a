//! What an edition of the official format is, as data: one value of [`EditionSpec`] per
//! edition (`e2019.rs`, `e2021.rs`), read through the [`super::Edition`] handle.

use super::common::*;

/// The report years an edition applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InForce {
    pub from: i32,
    /// The last year, or `None` while still in force.
    pub to: Option<i32>,
}

impl InForce {
    pub fn contains(self, year: i64) -> bool {
        year >= self.from as i64 && self.to.is_none_or(|t| year <= t as i64)
    }
}

/// One edition of the format, as data.
#[derive(Clone, Copy, Debug)]
pub struct EditionSpec {
    /// The `edition:` value in the YAML, and the edition's name in messages.
    pub key: &'static str,
    /// The notice that fixed this edition, for messages and the report's metadata.
    pub notice: &'static str,
    /// The year the notice was issued, as messages cite it (“2021 年格式通知”).
    pub notice_year: i32,
    pub in_force: InForce,
    /// Table 二, block by block.
    pub proactive: &'static [ProactiveBlock],
    /// Rows of table 三 in printed order, （七）总计 included.
    pub application_rows: &'static [AppRow],
    /// What section 六 is expected to say, as the notice's template puts it.
    pub section_six_hint: &'static str,
    /// What `xxgk new` says section 一 should hold.
    pub overview_hint: &'static str,
    /// Added after section 六's hint in `xxgk new`.
    pub other_matters_hint: &'static str,
    /// The most characters section 一 should have, if the notice sets a limit.
    pub overview_limit: Option<usize>,
    /// Whether section 六 must report the 信息处理费 charged.
    pub fees_in_section_six: bool,
    /// The share (percent) of （六）其他处理 among all results above which it is to be checked,
    /// for an edition whose （六） is a single row `results.other`.
    pub other_results_limit_pct: Option<u32>,
}
