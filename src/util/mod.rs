//! Small helpers shared by every part: parallel maps, content fingerprints, atomic writes, and
//! (with the `testkit` feature) synthetic reports for tests and benchmarks.

pub mod digest;
pub mod output;
pub mod par;
pub mod process;
pub mod span;

pub use span::Span;
#[cfg(feature = "testkit")]
pub mod synth;
