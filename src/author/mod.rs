//! Writing input files: `new` (scaffold), the JSON Schema for editors, and `import` of
//! published reports.

pub mod import;
pub mod scaffold;
pub mod schema;
