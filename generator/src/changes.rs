//! What a regeneration changes in a crate's public API, item by item, in semver terms.

use std::fmt;

use crate::surface::{Surface, SurfaceItem, What};

/// The differences between two crates' public APIs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiChanges {
    /// By item path.
    pub changes: Vec<ApiChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    pub path: String,
    pub kind: ChangeKind,
    /// Code written against the old API may not compile against the new one.
    pub breaking: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added(String),
    Removed(String),
    /// The item's type or signature, old then new.
    Changed(String, String),
    /// Compiled with other cargo features, old then new (`always` when there is no gate).
    Gated(String, String),
}

impl ApiChanges {
    /// From the crate `old` to the crate `new`.
    pub fn between(old: &Surface, new: &Surface) -> Self {
        let mut changes = Vec::new();
        for (path, before) in &old.items {
            let (kind, breaking) = match new.items.get(path) {
                None => (ChangeKind::Removed(before.text.clone()), true),
                Some(after) if after.text != before.text => {
                    (ChangeKind::Changed(before.text.clone(), after.text.clone()), true)
                }
                Some(after) if after.features != before.features => {
                    (ChangeKind::Gated(gate(before), gate(after)), narrows(before, after))
                }
                Some(_) => continue,
            };
            changes.push(ApiChange { path: path.clone(), kind, breaking });
        }
        for (path, after) in &new.items {
            if !old.items.contains_key(path) {
                // A member of a new type breaks nothing: no code uses the type yet.
                let owner = match after.what {
                    What::Field { .. } => path.rsplit_once('.').map(|(owner, _)| owner),
                    What::Variant { .. } => path.rsplit_once("::").map(|(owner, _)| owner),
                    _ => None,
                };
                let breaking = owner.is_some_and(|owner| old.items.contains_key(owner))
                    && match after.what {
                        // A struct literal, and `new`, must now give it.
                        What::Field { optional } => !optional,
                        // A `match` without a catch-all arm no longer covers every variant.
                        What::Variant { open } => !open,
                        What::Type | What::Function | What::Constant | What::Reexport => false,
                    };
                changes.push(ApiChange { path: path.clone(), kind: ChangeKind::Added(after.text.clone()), breaking });
            }
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        Self { changes }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn breaking(&self) -> impl Iterator<Item = &ApiChange> {
        self.changes.iter().filter(|c| c.breaking)
    }

    /// `3 breaking, 5 additive`.
    pub fn summary(&self) -> String {
        let breaking = self.breaking().count();
        format!("{breaking} breaking, {} additive", self.changes.len() - breaking)
    }
}

/// An item compiled with fewer features than before: code that used it with a feature no
/// longer listed stops compiling.
fn narrows(before: &SurfaceItem, after: &SurfaceItem) -> bool {
    match (&before.features, &after.features) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(old), Some(new)) => !old.is_subset(new),
    }
}

fn gate(item: &SurfaceItem) -> String {
    match &item.features {
        None => "always".to_owned(),
        Some(features) => features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" or "),
    }
}

impl fmt::Display for ApiChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let class = if self.breaking { "breaking" } else { "additive" };
        let shown = |text: &str| if text.is_empty() { String::new() } else { format!(" `{text}`") };
        match &self.kind {
            ChangeKind::Added(text) => write!(f, "{class}: added {}{}", self.path, shown(text)),
            ChangeKind::Removed(text) => write!(f, "{class}: removed {}{}", self.path, shown(text)),
            ChangeKind::Changed(old, new) => write!(f, "{class}: changed {} from `{old}` to `{new}`", self.path),
            ChangeKind::Gated(old, new) => write!(f, "{class}: {} is compiled with {new}, was {old}", self.path),
        }
    }
}

impl fmt::Display for ApiChanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "public API changes: {}", self.summary())?;
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn surface(models: &str) -> Surface {
        Surface::of_files([(Path::new("src/models.rs"), models)]).expect("parses")
    }

    #[test]
    fn removals_retypes_and_required_fields_break_optional_fields_and_open_variants_do_not() {
        let old = surface(
            "pub struct Repo { pub id: i64, pub name: String }\n\
             pub enum State { Open, Unknown(String) }\n\
             pub enum Kind { A(A) }\n\
             #[cfg(feature = \"repos\")] pub type Alias = Repo;",
        );
        let new = surface(
            "pub struct Repo { pub id: String, pub owner: String, pub topics: Option<Vec<String>> }\n\
             pub enum State { Open, Closed, Unknown(String) }\n\
             pub enum Kind { A(A), B(B) }\n\
             #[cfg(any(feature = \"repos\", feature = \"users\"))] pub type Alias = Repo;",
        );
        let changes = ApiChanges::between(&old, &new);
        let lines: Vec<String> = changes.changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "additive: models::Alias is compiled with `repos` or `users`, was `repos`",
                "breaking: added models::Kind::B `(B)`",
                "breaking: changed models::Repo.id from `i64` to `String`",
                "breaking: removed models::Repo.name `String`",
                "breaking: added models::Repo.owner `String`",
                "additive: added models::Repo.topics `Option<Vec<String>>`",
                "additive: added models::State::Closed",
            ]
        );
        assert_eq!(changes.summary(), "4 breaking, 3 additive");
    }
}
