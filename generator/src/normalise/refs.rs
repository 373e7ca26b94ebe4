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
                check_one(document, reference, &at.push("$ref"), diagnostics);
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

fn check_one(document: &Value, reference: &str, at: &JsonPointer, diagnostics: &mut Diagnostics) {
    let Some(target) = JsonPointer::from_ref(reference) else {
        let message = if reference.starts_with("http://") || reference.starts_with("https://") {
            format!("`{reference}` is a remote reference; openapi-gen never fetches from the network")
        } else {
            format!("`{reference}` points into another file; references to other files are not supported yet")
        };
        diagnostics.push(
            Diagnostic::error(at.clone(), message)
                .with_help("bundle the spec into one document first (for example with `redocly bundle`)"),
        );
        return;
    };
    if target.resolve(document).is_some() {
        return;
    }
    let mut diagnostic = Diagnostic::error(at.clone(), format!("`{reference}` does not exist in this document"));
    if let Some(hint) = suggestion(document, &target) {
        diagnostic = diagnostic.with_help(format!("did you mean `{hint}`?"));
    }
    diagnostics.push(diagnostic);
}

/// The nearest existing sibling of the missing last segment.
fn suggestion(document: &Value, target: &JsonPointer) -> Option<String> {
    let segments: Vec<String> = target.segments().collect();
    let (missing, parent_segments) = segments.split_last()?;
    let parent = parent_segments.iter().fold(JsonPointer::root(), |p, s| p.push(s));
    let Value::Object(siblings) = parent.resolve(document)? else { return None };
    closest(missing, siblings.keys().map(String::as_str)).map(|name| parent.push(name).to_string())
}
