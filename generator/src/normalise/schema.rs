//! Rewrites one JSON Schema (2020-12 as OpenAPI 3.1 uses it, or 3.0's dialect) into the 3.0
//! form openapiv3 models, without losing meaning that later stages use.
//!
//! Every spelling of "may be null" ends up as `nullable: true`:
//! `type: [X, "null"]`, an `anyOf`/`oneOf` member `{type: "null"}`, `enum` containing
//! `null`, and 3.0's own `nullable`.

use serde_json::{Map, Value, json};

/// Marks a schema that only admits `null`, so that a parent `anyOf` can recognise it
/// after its members were rewritten. Removed again once its parent has been handled.
const NULL_ONLY: &str = "x-openapi-gen-null";

/// Keywords whose value is a single subschema.
const SINGLE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
];
/// Keywords whose value is a list of subschemas.
const LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAPS: &[&str] = &["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

/// Keywords that belong to one JSON type, for splitting `type: [a, b]` into branches.
fn keywords_of(json_type: &str) -> &'static [&'static str] {
    match json_type {
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
        ],
        "array" => &["items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"],
        "string" => &["minLength", "maxLength", "pattern", "format"],
        "integer" | "number" => &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"],
        _ => &[],
    }
}

/// Rewrites `schema` and everything below it in place.
pub fn normalise_schema(schema: &mut Value) {
    match schema {
        Value::Bool(true) => *schema = json!({}),
        Value::Bool(false) => *schema = json!({ "not": {} }),
        Value::Object(map) => {
            normalise_children(map);
            rewrite(map);
        }
        _ => {}
    }
}

fn normalise_children(map: &mut Map<String, Value>) {
    // One pass over the members: most schemas have a handful, and looking each keyword up
    // in turn was a tenth of normalising a big spec.
    for (key, child) in map.iter_mut() {
        let key = key.as_str();
        match child {
            // `additionalProperties: true/false` already means what 3.0 says it means.
            Value::Bool(_) if key == "additionalProperties" => {}
            Value::Array(items) if key == "items" || LISTS.contains(&key) => {
                items.iter_mut().for_each(normalise_schema)
            }
            Value::Object(children) if MAPS.contains(&key) => children.values_mut().for_each(normalise_schema),
            child if SINGLE.contains(&key) => normalise_schema(child),
            _ => {}
        }
    }
}

fn rewrite(map: &mut Map<String, Value>) {
    drop_malformed_validation(map);
    wrap_ref_with_siblings(map);
    split_type_array(map);
    const_to_enum(map);
    numeric_exclusive_bounds(map);
    examples_to_example(map);
    tuple_items(map);
    pattern_properties(map);
    content_media_type(map);
    if map.get("enum").and_then(Value::as_array).is_some_and(|values| values.contains(&Value::Null)) {
        map.insert("nullable".into(), Value::Bool(true));
    }
    for key in ["anyOf", "oneOf"] {
        lift_null_members(map, key);
    }
}

/// 3.1 marks binary strings with `contentMediaType` (and base64 text with
/// `contentEncoding`) where 3.0 wrote `format: binary` (and `format: byte`).
fn content_media_type(map: &mut Map<String, Value>) {
    if map.contains_key("format") || map.get("type").and_then(Value::as_str) != Some("string") {
        return;
    }
    let format = match (map.get("contentEncoding"), map.get("contentMediaType")) {
        (Some(Value::String(encoding)), _) if encoding.eq_ignore_ascii_case("base64") => "byte",
        (None, Some(Value::String(_))) => "binary",
        _ => return,
    };
    map.insert("format".into(), Value::String(format.into()));
}

/// Validation keywords the generated client never enforces; when one has the wrong JSON
/// type (`"pattern": 0`, seen in real specs), it is dropped rather than failing the parse.
fn drop_malformed_validation(map: &mut Map<String, Value>) {
    const STRINGS: &[&str] = &["pattern"];
    const NUMBERS: &[&str] = &["minimum", "maximum", "multipleOf"];
    const COUNTS: &[&str] = &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
    map.retain(|key, value| {
        if STRINGS.contains(&key.as_str()) {
            value.is_string()
        } else if NUMBERS.contains(&key.as_str()) {
            value.is_number()
        } else if COUNTS.contains(&key.as_str()) {
            value.is_u64()
        } else if key == "uniqueItems" {
            value.is_boolean()
        } else {
            true
        }
    });
}

/// 3.1 lets `$ref` carry siblings (a description, `nullable` by mistake in 3.0 specs);
/// openapiv3 would drop them, so the reference moves into a one-member `allOf`.
fn wrap_ref_with_siblings(map: &mut Map<String, Value>) {
    if map.len() > 1
        && let Some(reference) = map.remove("$ref")
    {
        map.insert("allOf".into(), json!([{ "$ref": reference }]));
    }
}

fn split_type_array(map: &mut Map<String, Value>) {
    match map.get("type") {
        Some(Value::String(t)) if t == "null" => {
            map.remove("type");
            mark_null_only(map);
        }
        Some(Value::Array(types)) => {
            let mut types: Vec<String> = types.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect();
            let had_null = types.iter().any(|t| t == "null");
            types.retain(|t| t != "null");
            types.dedup();
            map.remove("type");
            match types.as_slice() {
                [] => mark_null_only(map),
                [single] => {
                    map.insert("type".into(), Value::String(single.clone()));
                }
                several => {
                    let branches: Vec<Value> = several.iter().map(|t| branch_for(map, t)).collect();
                    for t in several {
                        for key in keywords_of(t) {
                            map.remove(*key);
                        }
                    }
                    map.remove("enum");
                    map.insert("anyOf".into(), Value::Array(branches));
                }
            }
            if had_null {
                map.insert("nullable".into(), Value::Bool(true));
            }
        }
        _ => {}
    }
}

/// The branch of a multi-typed schema for one type: that type and the keywords that apply to it.
fn branch_for(map: &mut Map<String, Value>, json_type: &str) -> Value {
    let mut branch = Map::new();
    branch.insert("type".into(), Value::String(json_type.to_owned()));
    for key in keywords_of(json_type) {
        if let Some(value) = map.get(*key) {
            branch.insert((*key).to_owned(), value.clone());
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let matching: Vec<Value> = values.iter().filter(|v| json_type_of(v) == Some(json_type)).cloned().collect();
        if !matching.is_empty() {
            branch.insert("enum".into(), Value::Array(matching));
        }
    }
    Value::Object(branch)
}

fn json_type_of(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => return None,
    })
}

fn mark_null_only(map: &mut Map<String, Value>) {
    map.insert("nullable".into(), Value::Bool(true));
    map.insert(NULL_ONLY.into(), Value::Bool(true));
}

fn is_null_only(schema: &Value) -> bool {
    match schema {
        Value::Object(map) => {
            map.get(NULL_ONLY) == Some(&Value::Bool(true))
                || map.get("enum").and_then(Value::as_array).is_some_and(|v| v.iter().all(Value::is_null))
        }
        _ => false,
    }
}

fn const_to_enum(map: &mut Map<String, Value>) {
    if let Some(value) = map.remove("const")
        && !map.contains_key("enum")
    {
        if value.is_null() {
            mark_null_only(map);
        } else {
            if !map.contains_key("type")
                && let Some(t) = json_type_of(&value)
            {
                map.insert("type".into(), Value::String(t.to_owned()));
            }
            map.insert("enum".into(), Value::Array(vec![value]));
        }
    }
}

/// 3.1 writes `exclusiveMinimum: 5`; 3.0 writes `minimum: 5, exclusiveMinimum: true`.
fn numeric_exclusive_bounds(map: &mut Map<String, Value>) {
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

fn examples_to_example(map: &mut Map<String, Value>) {
    if let Some(examples) = map.remove("examples")
        && !map.contains_key("example")
        && let Some(first) = examples.as_array().and_then(|e| e.first())
    {
        map.insert("example".into(), first.clone());
    }
}

/// Tuples (`prefixItems`, or 3.0-era `items: [..]`) become an array of the union of their
/// members: a less precise but honest element type.
fn tuple_items(map: &mut Map<String, Value>) {
    let tuple = match map.get("items") {
        Some(Value::Array(items)) => Some(items.clone()),
        None => map.get("prefixItems").and_then(Value::as_array).cloned(),
        Some(_) => None,
    };
    map.remove("prefixItems");
    if let Some(members) = tuple {
        let items = match members.len() {
            0 => json!({}),
            1 => members.into_iter().next().unwrap_or_default(),
            _ => json!({ "anyOf": members }),
        };
        map.insert("items".into(), items);
        map.entry("type").or_insert_with(|| Value::String("array".into()));
    }
}

/// openapiv3 has no `patternProperties`: they become the `additionalProperties` schema (a
/// union of them when several patterns, or patterns and a typed `additionalProperties`,
/// differ), so such an object is a map of their values instead of untyped JSON. Which
/// names match which pattern is left to the server.
fn pattern_properties(map: &mut Map<String, Value>) {
    let Some(Value::Object(patterns)) = map.remove("patternProperties") else { return };
    let mut members: Vec<Value> = Vec::new();
    if let Some(additional @ Value::Object(_)) = map.get("additionalProperties") {
        members.push(additional.clone());
    }
    for schema in patterns.into_values() {
        if !members.contains(&schema) {
            members.push(schema);
        }
    }
    let values = match members.len() {
        0 => return,
        1 => members.remove(0),
        _ => json!({ "anyOf": members }),
    };
    map.insert("additionalProperties".into(), values);
    map.entry("type").or_insert_with(|| Value::String("object".into()));
}

/// Removes `{type: "null"}` members from `anyOf`/`oneOf` and records them as `nullable`.
fn lift_null_members(map: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(members)) = map.get_mut(key) else { return };
    let before = members.len();
    members.retain(|member| !is_null_only(member));
    if members.len() == before {
        return;
    }
    if members.is_empty() {
        map.remove(key);
        mark_null_only(map);
    } else {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// Drops the private marker once no parent needs it.
pub fn strip_markers(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove(NULL_ONLY);
            map.values_mut().for_each(strip_markers);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(mut schema: Value) -> Value {
        normalise_schema(&mut schema);
        strip_markers(&mut schema);
        schema
    }

    #[test]
    fn every_null_spelling_becomes_nullable() {
        assert_eq!(normalised(json!({"type": ["string", "null"]})), json!({"type": "string", "nullable": true}));
        assert_eq!(
            normalised(json!({"anyOf": [{"type": "integer"}, {"type": "null"}]})),
            json!({"anyOf": [{"type": "integer"}], "nullable": true})
        );
        assert_eq!(
            normalised(json!({"oneOf": [{"$ref": "#/a"}, {"type": "null"}]})),
            json!({"oneOf": [{"$ref": "#/a"}], "nullable": true})
        );
        assert_eq!(
            normalised(json!({"type": "string", "enum": ["a", null]})),
            json!({"type": "string", "enum": ["a", null], "nullable": true})
        );
    }

    #[test]
    fn several_types_become_branches_with_their_keywords() {
        let schema =
            normalised(json!({"type": ["string", "array", "null"], "items": {"type": "integer"}, "maxLength": 3}));
        assert_eq!(
            schema,
            json!({
                "anyOf": [{"type": "string", "maxLength": 3}, {"type": "array", "items": {"type": "integer"}}],
                "nullable": true
            })
        );
    }

    #[test]
    fn const_bounds_examples_and_booleans_fit_3_0() {
        assert_eq!(normalised(json!({"const": "x"})), json!({"type": "string", "enum": ["x"]}));
        assert_eq!(
            normalised(json!({"type": "number", "exclusiveMinimum": 0, "examples": [1, 2]})),
            json!({"type": "number", "exclusiveMinimum": true, "minimum": 0, "example": 1})
        );
        assert_eq!(
            normalised(json!({"properties": {"a": true, "b": false}})),
            json!({"properties": {"a": {}, "b": {"not": {}}}})
        );
    }

    #[test]
    fn malformed_validation_keywords_are_dropped() {
        assert_eq!(
            normalised(json!({"type": "string", "pattern": 0, "maxLength": "10", "minLength": 1})),
            json!({"type": "string", "minLength": 1})
        );
    }

    #[test]
    fn ref_with_siblings_keeps_them() {
        assert_eq!(
            normalised(json!({"$ref": "#/x", "description": "d"})),
            json!({"description": "d", "allOf": [{"$ref": "#/x"}]})
        );
        assert_eq!(normalised(json!({"$ref": "#/x"})), json!({"$ref": "#/x"}));
    }

    #[test]
    fn content_media_type_marks_binary_and_base64_strings() {
        assert_eq!(
            normalised(json!({"type": "string", "contentMediaType": "image/png"})),
            json!({"type": "string", "contentMediaType": "image/png", "format": "binary"})
        );
        assert_eq!(
            normalised(json!({"type": "string", "contentEncoding": "base64"})),
            json!({"type": "string", "contentEncoding": "base64", "format": "byte"})
        );
        let dated = json!({"type": "string", "format": "date", "contentMediaType": "text/plain"});
        assert_eq!(normalised(dated.clone()), dated);
    }

    #[test]
    fn pattern_properties_become_the_map_values() {
        assert_eq!(
            normalised(json!({"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false})),
            json!({"type": "object", "additionalProperties": {"type": "string"}})
        );
        assert_eq!(
            normalised(
                json!({"type": "object", "patternProperties": {"^a": {"type": "string"}, "^b": {"type": "string"}},
                "additionalProperties": {"type": "integer"}})
            ),
            json!({"type": "object", "additionalProperties": {"anyOf": [{"type": "integer"}, {"type": "string"}]}})
        );
    }

    #[test]
    fn tuples_become_arrays_of_a_union() {
        assert_eq!(
            normalised(json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]})),
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
        );
    }
}
