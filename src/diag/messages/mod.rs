//! The words of the diagnostics, in both languages: one function per kind, taking the figures
//! and labels it tells of. The code that finds a problem decides; what it says is written
//! here — `check` for the rules (and finding the inputs), `load` for reading a report file,
//! `import` for turning a published report back into YAML (with the notes it writes there).

mod check;
mod import;
mod load;

pub use check::*;
pub use import::*;
pub use load::*;

/// A message in Chinese and in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }
}
