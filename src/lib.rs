//! xxgk: the annual report on open government information (政府信息公开工作年度报告), from YAML
//! figures to the official format.
//!
//! The library does the work; `main.rs` only parses arguments and reports.

pub mod check;
pub mod diag;
pub mod edition;
pub mod import;
pub mod inputs;
pub mod load;
pub mod model;
pub mod yaml;

pub use diag::{Code, Diagnostic, Lang, Severity};
pub use edition::Edition;
pub use model::Report;
pub mod builder;
pub mod digest;
pub mod output;
pub mod par;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod synth;
