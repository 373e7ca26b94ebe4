//! The name lock, `openapi-gen.lock` in a generated crate: the Rust name decided for every
//! type, by the place in the spec it comes from. The next `generate` reads it, so a name
//! once given stays with its place: a newcomer that asks for a locked name gets another
//! (with a warning), never the place that had it. Which copy of a repeated shape defines
//! it and which are aliases is kept too, so a new copy never takes the definition over.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ir::Api;

/// The file's name in the crate's directory.
pub const FILE_NAME: &str = "openapi-gen.lock";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameLock {
    pub types: Vec<LockedType>,
}

/// One type's place and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedType {
    /// The JSON pointer of the schema it is made from.
    pub at: String,
    /// The name its place asks for, when that is not the name (a clash gave it a suffix,
    /// or it is a variant made for requests): two types from one place differ here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants: Option<String>,
    pub name: String,
    /// An alias of another copy of the same shape, rather than the definition.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alias: bool,
}

impl LockedType {
    /// The name the place asks for.
    pub fn wanted(&self) -> &str {
        self.wants.as_deref().unwrap_or(&self.name)
    }
}

impl NameLock {
    /// The names an IR decided.
    pub fn of(api: &Api) -> Self {
        let mut types: Vec<LockedType> = api
            .types
            .iter()
            .map(|def| LockedType {
                at: def.origin.to_string(),
                wants: def.wanted.clone(),
                name: def.name.clone(),
                alias: def.merged,
            })
            .collect();
        types.sort_by(|a, b| (&a.at, a.wanted()).cmp(&(&b.at, b.wanted())));
        Self { types }
    }

    /// Reads the lock file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, Error> {
        let mut types = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = serde_json::from_str(line).map_err(|error| {
                Error::Config(format!(
                    "{file}:{}: not a name lock entry ({error}); delete the file to start the names afresh",
                    index + 1
                ))
            })?;
            types.push(entry);
        }
        Ok(Self { types })
    }

    /// The lock in the crate at `dir`, if it has the file.
    pub fn read_from(dir: &std::path::Path) -> Result<Option<Self>, Error> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &path.display().to_string()).map(Some),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Read { path, source }),
        }
    }

    /// The file's text: a comment, then one JSON object per line, so a regeneration's
    /// changes read as a line diff.
    pub fn to_text(&self) -> Result<String, Error> {
        let mut text = String::from(
            "# The Rust name of each type, by the place in the spec it comes from. `openapi-gen\n\
             # generate` reads it: names here stay with their places, and a new schema that asks\n\
             # for one gets another. Commit it with the crate; delete it to start names afresh.\n",
        );
        for entry in &self.types {
            let line = serde_json::to_string(entry).map_err(|e| Error::Internal(format!("cannot lock names: {e}")))?;
            text.push_str(&line);
            text.push('\n');
        }
        Ok(text)
    }
}
