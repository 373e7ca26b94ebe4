//! Checks every `$ref` before anything relies on it, so that all broken references are
//! reported together, each at the place that names it.

use foldhash::HashSet;
use serde_json::Value;

use super::Members;
use crate::diagnostic::{Diagnostic, Diagnostics, JsonPointer, Place, closest};

/// Checks every reference in `document`; the distinct ones that resolve.
pub fn check_refs(document: &Value, diagnostics: &mut Diagnostics) -> HashSet<String> {
    let mut check = Check { document, diagnostics, valid: HashSet::default() };
    check.visit(document, Members::Keywords, &Place::At(&JsonPointer::root()));
    check.valid
}

struct Check<'a> {
    document: &'a Value,
    diagnostics: &'a mut Diagnostics,
    valid: HashSet<String>,
}

impl Check<'_> {
    fn visit(&mut self, value: &Value, members: Members, at: &Place<'_>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let ref_at = at.key("$ref");
                    if self.valid.contains(reference) || check_one(self.document, reference, &ref_at, self.diagnostics)
                    {
                        if map.len() == 1 {
                            check_pure_cycle(self.document, at, reference, &ref_at, self.diagnostics);
                        }
                        self.valid.insert(reference.clone());
                    }
                }
                for (key, child) in map {
                    if !members.is_data(key) {
                        self.visit(child, members.under(key), &at.key(key));
                    }
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    self.visit(child, Members::Keywords, &at.index(index));
                }
            }
            _ => {}
        }
    }
}

/// Whether `reference` resolves; reports why not.
fn check_one(document: &Value, reference: &str, at: &Place<'_>, diagnostics: &mut Diagnostics) -> bool {
    let Some(target) = JsonPointer::from_ref(reference) else {
        let remote = reference.starts_with("http://") || reference.starts_with("https://");
        let diagnostic = if remote {
            Diagnostic::error(
                at.pointer(),
                format!("`{reference}` is a remote reference; openapi-gen never fetches from the network"),
            )
            .with_help("save the referenced document beside the spec and refer to it by relative path")
        } else {
            Diagnostic::error(
                at.pointer(),
                format!("`{reference}` points into another file, which is read only when the spec is read from a file"),
            )
            .with_help("generate from the spec file itself, or bundle the spec into one document first")
        };
        diagnostics.push(diagnostic);
        return false;
    };
    if target.resolve(document).is_some() {
        return true;
    }
    let mut diagnostic = Diagnostic::error(at.pointer(), format!("`{reference}` does not exist in this document"));
    if let Some(hint) = suggestion(document, &target) {
        diagnostic = diagnostic.with_help(format!("did you mean `{hint}`?"));
    }
    diagnostics.push(diagnostic);
    false
}

/// A chain of objects that are nothing but `$ref` and leads back to where it started
/// defines no structure at all: `A: {$ref: B}`, `B: {$ref: A}`. Reported once, at the
/// member of the cycle that sorts first.
fn check_pure_cycle(
    document: &Value,
    start: &Place<'_>,
    reference: &str,
    ref_at: &Place<'_>,
    diagnostics: &mut Diagnostics,
) {
    if !JsonPointer::from_ref(reference).and_then(|target| target.resolve(document)).is_some_and(is_pure_ref) {
        return;
    }
    let start = &start.pointer();
    let mut chain = vec![start.clone()];
    let mut next = reference.to_owned();
    while let Some(target) = JsonPointer::from_ref(&next) {
        if target == *start {
            if chain.iter().all(|member| member >= start) {
                let path: Vec<String> = chain.iter().chain([start]).map(ToString::to_string).collect();
                diagnostics.push(
                    Diagnostic::error(
                        ref_at.pointer(),
                        format!("this `$ref` cycle defines no type: {}", path.join(" → ")),
                    )
                    .with_help("one schema on the cycle must have a type or properties of its own"),
                );
            }
            return;
        }
        if chain.contains(&target) || chain.len() > 1024 {
            return;
        }
        let Some(Value::Object(map)) = target.resolve(document) else { return };
        let Some(Value::String(reference)) = map.get("$ref").filter(|_| map.len() == 1) else { return };
        chain.push(target);
        next = reference.clone();
    }
}

/// An object that is nothing but a `$ref`.
fn is_pure_ref(value: &Value) -> bool {
    matches!(value, Value::Object(map) if map.len() == 1 && map.get("$ref").is_some_and(Value::is_string))
}

/// The nearest existing sibling of the missing last segment.
fn suggestion(document: &Value, target: &JsonPointer) -> Option<String> {
    let segments: Vec<_> = target.segments().collect();
    let (missing, parent_segments) = segments.split_last()?;
    let parent = parent_segments.iter().fold(JsonPointer::root(), |p, s| p.push(s));
    let Value::Object(siblings) = parent.resolve(document)? else { return None };
    closest(missing, siblings.keys().map(String::as_str)).map(|name| parent.push(name).to_string())
}
