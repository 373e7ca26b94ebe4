//! Finds where a document fails to parse as OpenAPI when the typed parse cannot say: each
//! piece is parsed on its own, innermost first, and the first failure is reported. Schemas
//! are not among the pieces: they are read (and their errors located) by `read`.

use openapiv3::{Header, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::JsonPointer;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Parses one piece of the document; the pointer and message of its failure, if any.
type Checker = fn(&Value, &JsonPointer) -> Option<(JsonPointer, String)>;

fn check<T: DeserializeOwned>(value: &Value, at: &JsonPointer, what: &str) -> Option<(JsonPointer, String)> {
    let error = serde_json::from_value::<ReferenceOr<T>>(value.clone()).err()?;
    Some((at.clone(), format!("{what}: {error}")))
}

fn entries<'a>(value: &'a Value, key: &str) -> Vec<(&'a String, &'a Value)> {
    value.get(key).and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default()
}

fn items<'a>(value: &'a Value, key: &str) -> Vec<&'a Value> {
    value.get(key).and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

/// The pointer and message of the innermost piece that fails to parse, if any does alone.
pub fn first_invalid(document: &Value) -> Option<(JsonPointer, String)> {
    let root = JsonPointer::root();
    let components = root.push("components");
    let component_value = document.get("components").unwrap_or(&Value::Null);
    let kinds: [(&str, Checker); 4] = [
        ("parameters", |v, at| check::<Parameter>(v, at, "parameter")),
        ("requestBodies", |v, at| check::<RequestBody>(v, at, "request body")),
        ("responses", |v, at| check::<Response>(v, at, "response")),
        ("headers", |v, at| check::<Header>(v, at, "header")),
    ];
    for (key, checker) in kinds {
        for (name, value) in entries(component_value, key) {
            if let Some(found) = checker(value, &components.push(key).push(name)) {
                return Some(found);
            }
        }
    }
    let invalid_parameter = |owner: &Value, at: &JsonPointer| {
        items(owner, "parameters").into_iter().enumerate().find_map(|(index, param)| {
            check::<Parameter>(param, &at.push("parameters").push(index.to_string()), "parameter")
        })
    };
    for (path, item) in entries(document, "paths") {
        let path_at = root.push("paths").push(path);
        if let Some(found) = invalid_parameter(item, &path_at) {
            return Some(found);
        }
        for method in METHODS {
            let Some(operation) = item.get(*method) else { continue };
            let op_at = path_at.push(method);
            if let Some(found) = invalid_parameter(operation, &op_at) {
                return Some(found);
            }
            if let Some(body) = operation.get("requestBody")
                && let Some(found) = check::<RequestBody>(body, &op_at.push("requestBody"), "request body")
            {
                return Some(found);
            }
            for (status, response) in entries(operation, "responses") {
                if let Some(found) = check::<Response>(response, &op_at.push("responses").push(status), "response") {
                    return Some(found);
                }
            }
            if let Err(error) = serde_json::from_value::<Operation>(operation.clone()) {
                return Some((op_at, format!("operation: {error}")));
            }
        }
        if let Some(found) = check::<PathItem>(item, &path_at, "path item") {
            return Some(found);
        }
    }
    None
}
