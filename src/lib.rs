//! xxgk: the annual report on open government information (政府信息公开工作年度报告), from YAML
//! figures to the official format.
//!
//! The library does the work; the binary (`main.rs`, `cli/`) only parses arguments and reports.
//! The data flow is drawn in docs/architecture.md.
//!
//! ```
//! // Load a report, check it, and find the balance error of table 三 (勾稽关系).
//! let yaml = "year: 2022\nagency: 示例县交通运输局\noverview: 概述。\nproactive: {}\n\
//!     applications:\n  new: [5, 1, 0, 0, 1, 0]\n  results:\n    disclosed: [3, 1, 0, 0, 0, 0]\n\
//!     reconsideration: [0, 0, 0, 0]\nlitigation: {}\nproblems: 一是问题。二是改进。\n\
//!     other_matters: 本年度未收取信息处理费。\n";
//! let loaded = xxgk::input::load::load_str(yaml, "example.yaml");
//! assert!(loaded.diagnostics.is_empty());
//! let report = loaded.report.unwrap();
//! assert_eq!(report.edition, xxgk::Edition::E2021);
//! let diags = xxgk::check::check_report(&report);
//! let balance: Vec<_> = diags.iter().filter(|d| d.code == xxgk::Code::Balance).collect();
//! // 自然人 (5 ≠ 3), 法律服务机构 (1 ≠ 0) and 总计 (7 ≠ 4) do not balance.
//! assert_eq!(balance.len(), 3);
//! assert_eq!(balance[0].line(), 6);
//! ```

pub mod author;
pub mod build;
pub mod check;
pub mod diag;
pub mod format;
pub mod input;
pub mod render;
pub mod report;
pub mod serve;
pub mod summary;
pub mod util;

pub use diag::{Code, Diagnostic, Lang, Severity};
pub use format::Edition;
pub use report::Report;
