//! Stage 2: one document form for 3.0 and 3.1. Every `$ref` is checked; each schema is
//! rewritten so that openapiv3's model (which is 3.0's) holds 3.1 without losing meaning,
//! and read by our own reader; openapiv3 parses the rest of the document. Any mismatch is
//! reported with its location.

mod locate;
mod read;
mod refs;
mod schema;
mod slots;

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use serde::de::DeserializeOwned;
use serde_json::Value;

use self::slots::Lifted;
pub use self::slots::SchemaSlots;

use crate::diagnostic::{Diagnostic, Diagnostics, JsonPointer};

/// A spec in the one form the rest of the pipeline reads.
#[derive(Debug)]
pub struct Normalised {
    /// The typed document.
    pub document: OpenAPI,
    /// The document as written (before schemas were rewritten), for resolving `$ref`
    /// pointers; what they reach goes through [`read_fragment`] or [`read_schema_fragment`].
    pub raw: Value,
    /// The `openapi` version the author wrote.
    pub version: String,
}

/// Keys whose values are data, not spec structure: never rewritten, never searched for refs.
fn is_opaque_key(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

pub fn normalise(mut value: Value) -> Result<Normalised, Vec<Diagnostic>> {
    let version = check_version(&value)?;
    let Value::Object(root) = &mut value else {
        return Err(vec![Diagnostic::error(JsonPointer::root(), "the document is not an object")]);
    };
    // 3.1-only top-level members a client does not use; openapiv3 cannot read them.
    for key in ["webhooks", "jsonSchemaDialect"] {
        root.remove(key);
    }
    inline_path_item_refs(root);
    drop_callbacks(root);
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("pathItems");
        // 3.1's `mutualTLS` is configured on the reqwest client, not per request, and
        // openapiv3 cannot read it; requirements naming it are warned about later.
        if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
            schemes.retain(|_, scheme| scheme.get("type").and_then(Value::as_str) != Some("mutualTLS"));
        }
    }
    root.entry("paths").or_insert_with(|| Value::Object(Default::default()));
    // openapiv3 reads 3.0; after the rewrite below the document is 3.0-shaped.
    root.insert("openapi".into(), Value::String("3.0.3".into()));

    // `$ref`s point into the document as its author wrote it; normalising may move things
    // inside schemas (a `$ref` with siblings goes into `allOf`), so references are checked
    // and later resolved against the document as written, and what they reach is
    // normalised then.
    let mut diagnostics = Diagnostics::default();
    refs::check_refs(&value, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics.into_sorted());
    }

    // openapiv3 parses a copy of the structure with each schema lifted out, while the
    // schemas are read on other threads.
    let mut lifted = Lifted::default();
    let structure = without_schemas(&value, false, &JsonPointer::root(), &mut lifted);
    let (schemas, parsed) = lifted
        .read_while(|| serde_path_to_error::deserialize::<_, OpenAPI>(&structure))
        .map_err(|error| vec![Diagnostic::error(JsonPointer::root(), error.to_string())])?;
    let mut document = parsed.map_err(|error| {
        // openapiv3's untagged enums hide where a mismatch is; parsing the pieces one by
        // one finds the innermost piece that fails.
        let (pointer, message) = locate::first_invalid(&structure)
            .unwrap_or_else(|| (pointer_of(error.path()), error.into_inner().to_string()));
        vec![Diagnostic::error(pointer, format!("this is not a valid OpenAPI {message}"))]
    })?;
    let errors = schemas.restore(&mut document);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Normalised { document, raw: value, version })
}

/// Reads a schema reached through a `$ref` (at `at` in the document as written).
pub fn read_schema_fragment(value: &Value, at: &JsonPointer) -> Result<ReferenceOr<Schema>, Diagnostic> {
    slots::read_one(value, at)
}

/// Reads a piece of document structure reached through a `$ref` (a parameter, response,
/// request body or header), with the schemas inside it.
pub fn read_fragment<T: DeserializeOwned + SchemaSlots>(
    value: &Value,
    at: &JsonPointer,
) -> Result<ReferenceOr<T>, Diagnostic> {
    let mut lifted = Lifted::default();
    let structure = without_schemas(value, false, at, &mut lifted);
    let mut fragment = serde_json::from_value::<ReferenceOr<T>>(structure)
        .map_err(|error| Diagnostic::error(at.clone(), format!("this is not valid here: {error}")))?;
    match lifted.read().restore(&mut fragment).into_iter().next() {
        Some(error) => Err(error),
        None => Ok(fragment),
    }
}

/// Path items given as a local `$ref` (3.1's `components/pathItems`, or bundled from
/// another file) are copied into place, since openapiv3 does not resolve them.
fn inline_path_item_refs(root: &mut serde_json::Map<String, Value>) {
    // The document is moved into a `Value` to resolve pointers in it, and back: cloning a
    // big spec here was a tenth of GitHub's generation time.
    let document = Value::Object(std::mem::take(root));
    let targets: Vec<(String, Value)> = match document.get("paths") {
        Some(Value::Object(paths)) => paths
            .iter()
            .filter_map(|(path, item)| {
                let pointer = JsonPointer::from_ref(item.get("$ref")?.as_str()?)?;
                let target = pointer.resolve(&document).filter(|t| t.is_object() && t.get("$ref").is_none())?;
                Some((path.clone(), target.clone()))
            })
            .collect(),
        _ => Vec::new(),
    };
    if let Value::Object(map) = document {
        *root = map;
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, target) in targets {
            paths.insert(path, target);
        }
    }
}

/// Callbacks are requests the server makes, not operations of the client; openapiv3
/// cannot read them when they are given by `$ref`, so they go before parsing.
fn drop_callbacks(root: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("callbacks");
    }
    let Some(Value::Object(paths)) = root.get_mut("paths") else { return };
    for item in paths.values_mut() {
        let Value::Object(item) = item else { continue };
        for operation in item.values_mut() {
            if let Value::Object(operation) = operation {
                operation.remove("callbacks");
            }
        }
    }
}

fn check_version(value: &Value) -> Result<String, Vec<Diagnostic>> {
    let at = JsonPointer::root().push("openapi");
    match value.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(v.to_owned()),
        Some(v) if v.starts_with('2') || v.starts_with('1') => Err(vec![
            Diagnostic::error(at, format!("OpenAPI version `{v}` is not supported; 3.0.x and 3.1.x are"))
                .with_help("convert the document to OpenAPI 3 first, for example with swagger2openapi"),
        ]),
        Some(v) => {
            Err(vec![Diagnostic::error(at, format!("OpenAPI version `{v}` is not supported; 3.0.x and 3.1.x are"))])
        }
        None if value.get("swagger").is_some() => Err(vec![
            Diagnostic::error(JsonPointer::root().push("swagger"), "Swagger 2.0 documents are not supported")
                .with_help("convert the document to OpenAPI 3 first, for example with swagger2openapi"),
        ]),
        None => Err(vec![Diagnostic::error(
            at,
            "the document has no `openapi` version field, so it is not an OpenAPI 3 document",
        )]),
    }
}

/// A copy of the document structure in `value` with each schema lifted out; `in_schemas`
/// is set directly under `components/schemas`, where every member is a schema.
fn without_schemas<'a>(value: &'a Value, in_schemas: bool, at: &JsonPointer, lifted: &mut Lifted<'a>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, child)| {
                    let copy = if in_schemas || key == "schema" {
                        lifted.lift(child, &at.push(key))
                    } else if is_opaque_key(key) {
                        child.clone()
                    } else {
                        without_schemas(child, key == "schemas", &at.push(key), lifted)
                    };
                    (key.clone(), copy)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| without_schemas(item, false, &at.push(index.to_string()), lifted))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> JsonPointer {
    path.iter().fold(JsonPointer::root(), |pointer, segment| match segment {
        serde_path_to_error::Segment::Seq { index } => pointer.push(index.to_string()),
        serde_path_to_error::Segment::Map { key } => pointer.push(key),
        serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => pointer,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reports_every_broken_ref_with_a_hint() {
        let spec = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "Pet": {"properties": {"owner": {"$ref": "#/components/schemas/Ownr"}}},
                "Owner": {"properties": {"pets": {"items": {"$ref": "https://example.com/x.json"}}}}
            }}
        });
        let diagnostics = normalise(spec).expect_err("broken refs");
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render("spec.json")).collect();
        assert_eq!(rendered.len(), 2, "{rendered:#?}");
        assert!(rendered[0].contains("#/components/schemas/Owner/properties/pets/items/$ref"), "{}", rendered[0]);
        assert!(rendered[1].contains("did you mean `#/components/schemas/Owner`?"), "{}", rendered[1]);
    }

    #[test]
    fn rejects_swagger_2() {
        let diagnostics = normalise(json!({"swagger": "2.0"})).expect_err("swagger");
        assert_eq!(diagnostics[0].pointer.as_str(), "#/swagger");
    }

    #[test]
    fn reads_3_1_with_webhooks_and_no_paths() {
        let spec = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "webhooks": {"x": {}},
            "components": {"schemas": {"A": {"type": ["object", "null"], "properties": {"a": {"const": 1}}}}}
        });
        let normalised = normalise(spec).expect("valid 3.1");
        assert_eq!(normalised.version, "3.1.0");
        let components = normalised.document.components.expect("components");
        let ReferenceOr::Item(a) = &components.schemas["A"] else { panic!("A is inline") };
        assert!(a.schema_data.nullable, "{a:?}");
    }
}
