//! Generate a typed async Rust client crate from an OpenAPI 3.0 or 3.1 document.
//!
//! One pipeline, one module per stage: [`load`] (JSON or YAML into one JSON model) →
//! `overlay` (the user's OpenAPI Overlays, in order) → [`normalise`] (3.0 and 3.1 into one
//! form, every `$ref` checked) → [`ir`] (plain data: every type, operation and Rust name
//! decided) → `emit` (token streams) → `layout` (formatted files) → [`Generated::write_to`].
//!
//! The front doors — the `openapi-gen` binary, build scripts and tests — all go through
//! [`Config`]:
//!
//! ```no_run
//! let generated = openapi_gen::Config::new().crate_name("decart-api").generate_crate("spec/openapi.json")?;
//! generated.write_to("generated".as_ref())?;
//! # Ok::<(), openapi_gen::Error>(())
//! ```

mod bundle;
pub mod changes;
mod config;
pub mod diagnostic;
mod emit;
mod error;
mod examples;
mod format;
pub mod ir;
mod layout;
pub mod load;
pub mod lock;
pub mod naming;
pub mod normalise;
mod output;
mod overlay;
mod parallel;
mod recorded;
pub mod surface;

pub use config::{Config, coverage_line, module_file_name};
pub use diagnostic::{Diagnostic, JsonPointer, Severity};
pub use error::Error;
pub use examples::ExampleReport;
pub use load::Format;
pub use output::Generated;
pub use recorded::{FILE_NAME as OPTIONS_FILE, Recorded};
