//! The checks of checks.md: the entry points over one report ([`rules`]), a set ([`set`]),
//! and the one path from files to checked reports ([`pipeline`]).

pub mod pipeline;
pub mod published;
pub mod rules;
pub mod set;

pub use pipeline::{Checked, check_all, check_all_jobs, check_paths, check_paths_each};
pub use rules::prose::stated_figures;
pub use rules::{check_consecutive, check_report};
pub use set::{Pair, SetEntry, check_set, duplicate, plan_keys, plan_set};
