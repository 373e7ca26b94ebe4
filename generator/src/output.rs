//! Writing generated files: all or nothing, and only what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::changes::ApiChanges;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::ir::Coverage;
use crate::surface::Surface;

/// Generated files, keyed by path relative to the output directory, with what generation found.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: BTreeMap<PathBuf, String>,
    /// Parts of the spec that got a less precise type than it asks for, or were skipped.
    pub warnings: Vec<Diagnostic>,
    pub coverage: Coverage,
    /// The spec's file name, as messages name it.
    pub file_name: String,
    /// The files read: the spec, then every file it refers to, sorted. Empty for a spec
    /// given as text.
    pub inputs: Vec<PathBuf>,
    /// [`Generated::write_to`] refuses a breaking change ([`crate::Config::deny_breaking`]).
    pub deny_breaking: bool,
}

impl Generated {
    /// Writes the files under `dir`, creating it if needed. Every file is first written
    /// into a temporary directory beside `dir`, then moved into place, so a failure leaves
    /// `dir` as it was; files whose content is unchanged are not touched. Other files in
    /// `dir` are left alone.
    ///
    /// With [`crate::Config::deny_breaking`], a crate whose public API breaks that of the
    /// crate in `dir` is not written: the error lists the breaking changes.
    pub fn write_to(&self, dir: &Path) -> Result<(), Error> {
        let changes = if self.deny_breaking { self.api_changes(dir)? } else { None };
        self.write_reviewed(dir, changes.as_ref())
    }

    /// [`Generated::write_to`] with the API changes against the crate in `dir` already
    /// known (from [`Generated::api_changes`]), so the crates are not read twice.
    pub fn write_reviewed(&self, dir: &Path, changes: Option<&ApiChanges>) -> Result<(), Error> {
        if self.deny_breaking
            && let Some(changes) = changes
            && changes.breaking().next().is_some()
        {
            return Err(Error::BreakingChanges { dir: dir.to_owned(), changes: changes.clone() });
        }
        let write_error = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Write { path, source }
        };
        let changed = self.stale_files(dir);
        if changed.is_empty() {
            return Ok(());
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(write_error(&parent))?;
        let staging =
            tempfile::Builder::new().prefix(".openapi-gen-").tempdir_in(&parent).map_err(write_error(&parent))?;
        for path in &changed {
            let staged = staging.path().join(path);
            if let Some(folder) = staged.parent() {
                std::fs::create_dir_all(folder).map_err(write_error(folder))?;
            }
            std::fs::write(&staged, &self.files[path]).map_err(write_error(&staged))?;
        }
        if !dir.exists() {
            let staged_dir = staging.keep();
            return std::fs::rename(&staged_dir, dir).map_err(write_error(dir));
        }
        for path in &changed {
            let target = dir.join(path);
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).map_err(write_error(folder))?;
            }
            std::fs::rename(staging.path().join(path), &target).map_err(write_error(&target))?;
        }
        Ok(())
    }

    /// The files under `dir` that are missing or differ from what was generated. Writes nothing.
    pub fn stale_files(&self, dir: &Path) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(path, content)| std::fs::read(dir.join(path)).ok().as_deref() != Some(content.as_bytes()))
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// How the public API of the crate generated differs from that of the crate in `dir`;
    /// `None` when `dir` holds no crate.
    pub fn api_changes(&self, dir: &Path) -> Result<Option<ApiChanges>, Error> {
        let Some(old) = Surface::of_crate(dir) else { return Ok(None) };
        let unreadable =
            |error: syn::Error| Error::Config(format!("{}: the crate there does not parse ({error})", dir.display()));
        let old = old.map_err(unreadable)?;
        let new = Surface::of_files(self.files.iter().map(|(path, text)| (path.as_path(), text.as_str())))
            .map_err(|error| Error::Internal(format!("the generated crate does not parse: {error}")))?;
        Ok(Some(ApiChanges::between(&old, &new)))
    }
}
