//! What the summary is made of: a report's row, and what can go wrong writing it.

use crate::format::Edition;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("no report files (.yaml/.yml) found")]
    NoReports,
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
}

pub(super) fn write_error(path: &Path) -> impl Fn(String) -> SummaryError + '_ {
    move |message| SummaryError::Write {
        path: path.display().to_string(),
        message,
    }
}

/// One report's row.
pub struct Row {
    pub file: String,
    pub agency: String,
    /// 0 when the file could not be read.
    pub year: i32,
    pub edition: Option<Edition>,
    pub kind: &'static str,
    pub published: Option<String>,
    pub late: bool,
    pub errors: usize,
    pub warnings: usize,
    pub group: String,
    pub values: Vec<Option<i128>>,
}
