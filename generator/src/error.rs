//! The public error type: every failure names the file and, where it can, the place in it.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use crate::changes::ApiChanges;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Format;

#[derive(thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },

    #[error("`{file}` is not valid {format}{}: {message}", location(*line, *column))]
    Syntax { file: String, format: Format, line: usize, column: usize, message: String },

    #[error("{}", render_invalid(file, diagnostics))]
    Invalid { file: String, diagnostics: Vec<Diagnostic> },

    /// An overlay that cannot be read or applied; the diagnostics point into the overlay.
    #[error("{}", render_overlay(file, diagnostics))]
    InvalidOverlay { file: String, diagnostics: Vec<Diagnostic> },

    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },

    /// `deny_breaking` refused a crate whose public API breaks the one in `dir`.
    #[error("{}", render_breaking(dir, changes))]
    BreakingChanges { dir: PathBuf, changes: ApiChanges },

    #[error("invalid configuration: {0}")]
    Config(String),

    /// A bug in openapi-gen: please report it with the spec that caused it.
    #[error("internal error in openapi-gen (please report it): {0}")]
    Internal(String),
}

/// The rendered message, as `Display` gives it: `fn main() -> Result<(), Box<dyn Error>>`
/// (the usual build script) prints an error with `Debug`, and should print what the CLI
/// prints rather than the enum's fields.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Error {
    /// The located problems behind an `Invalid` error; empty for the other kinds.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid { diagnostics, .. } | Self::InvalidOverlay { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }
}

/// ` at line L, column C`, or nothing when the parser could not say (line 0).
fn location(line: usize, column: usize) -> String {
    if line == 0 { String::new() } else { format!(" at line {line}, column {column}") }
}

fn render_invalid(file: &str, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let heading = match errors {
        0 => format!("`{file}` was rejected because warnings are denied"),
        1 => format!("`{file}` cannot be turned into a client: 1 error"),
        n => format!("`{file}` cannot be turned into a client: {n} errors"),
    };
    with_diagnostics(heading, file, diagnostics)
}

fn render_overlay(file: &str, diagnostics: &[Diagnostic]) -> String {
    let heading = match diagnostics.len() {
        1 => format!("the overlay `{file}` cannot be applied: 1 error"),
        n => format!("the overlay `{file}` cannot be applied: {n} errors"),
    };
    with_diagnostics(heading, file, diagnostics)
}

fn render_breaking(dir: &std::path::Path, changes: &ApiChanges) -> String {
    let mut text = format!(
        "the regenerated crate breaks code written against the one in `{}` ({}), and breaking changes are denied:",
        dir.display(),
        changes.summary()
    );
    for change in changes.breaking() {
        let _ = write!(text, "\n  {change}");
    }
    text
}

fn with_diagnostics(mut text: String, file: &str, diagnostics: &[Diagnostic]) -> String {
    for diagnostic in diagnostics {
        let _ = write!(text, "\n\n{}", diagnostic.render(file));
    }
    text
}
