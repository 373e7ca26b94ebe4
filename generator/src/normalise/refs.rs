//! Checks every `$ref` before anything relies on it, so that all broken references are
//! reported together, each at the place that names it.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Diagnostics, JsonPointer, closest};

pub fn check_refs(document: &Value, diagnostics: &mut Diagnostics) {
    visit(document, document, &JsonPointer::root(), diagnostics);
}

fn visit(document: &Value, value: &Value, at: &JsonPointer, diagnostics: &mut Diagnostics) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let ref_at = at.push("$ref");
                if check_one(document, reference, &ref_at, diagnostics) && map.len() == 1 {
                    check_pure_cycle(document, at, reference, &ref_at, diagnostics);
                }
            }
            for (key, child) in map {
                if !super::is_opaque_key(key) {
                    visit(document, child, &at.push(key), diagnostics);
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                visit(document, child, &at.push(index.to_string()), diagnostics);
            }
        }
        _ => {}
    }
}

/// Whether `reference` resolves; reports why not.
fn check_one(document: &Value, reference: &str, at: &JsonPointer, diagnostics: &mut Diagnostics) -> bool {
    let Some(target) = JsonPointer::from_ref(reference) else {
        let remote = reference.starts_with("http://") || reference.starts_with("https://");
        let diagnostic = if remote {
            Diagnostic::error(
                at.clone(),
                format!("`{reference}` is a remote reference; openapi-gen never fetches from the network"),
            )
            .with_help("save the referenced document beside the spec and refer to it by relative path")
        } else {
            Diagnostic::error(
                at.clone(),
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
    let mut diagnostic = Diagnostic::error(at.clone(), format!("`{reference}` does not exist in this document"));
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
    start: &JsonPointer,
    reference: &str,
    ref_at: &JsonPointer,
    diagnostics: &mut Diagnostics,
) {
    let mut chain = vec![start.clone()];
    let mut next = reference.to_owned();
    while let Some(target) = JsonPointer::from_ref(&next) {
        if target == *start {
            if chain.iter().all(|member| member >= start) {
                let path: Vec<String> = chain.iter().chain([start]).map(ToString::to_string).collect();
                diagnostics.push(
                    Diagnostic::error(
                        ref_at.clone(),
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

/// The nearest existing sibling of the missing last segment.
fn suggestion(document: &Value, target: &JsonPointer) -> Option<String> {
    let segments: Vec<String> = target.segments().collect();
    let (missing, parent_segments) = segments.split_last()?;
    let parent = parent_segments.iter().fold(JsonPointer::root(), |p, s| p.push(s));
    let Value::Object(siblings) = parent.resolve(document)? else { return None };
    closest(missing, siblings.keys().map(String::as_str)).map(|name| parent.push(name).to_string())
}
