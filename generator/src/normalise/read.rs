//! Reads a normalised schema into openapiv3's model in one pass.
//!
//! openapiv3's own `Deserialize` tries its alternatives in turn at every level (an untagged
//! `ReferenceOr`, and flattened structs re-buffered at each level), so a malformed schema
//! nested a few dozen levels deep took exponential time to reject: the fuzzer found inputs
//! that ran for minutes. Here each keyword is looked at once, and an error names the exact
//! keyword. Every schema is read into openapiv3's general form, `AnySchema`, which holds
//! every keyword, so the IR reads one form whichever keywords a schema mixes.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, Discriminator, ExternalDocumentation, ReferenceOr, Schema, SchemaData, SchemaKind,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::diagnostic::{Diagnostic, Place};

type Read<T> = Result<T, Diagnostic>;

/// Reads the schema (or `$ref`) at `at`.
pub fn schema(value: &Value, at: &Place<'_>) -> Read<ReferenceOr<Schema>> {
    let Value::Object(map) = value else {
        return Err(mismatch(value, at, "a schema object"));
    };
    // As openapiv3 reads it: a string `$ref` makes a reference and its siblings are ignored
    // (normalisation has already moved meaningful siblings into an `allOf`).
    if let Some(Value::String(reference)) = map.get("$ref") {
        return Ok(ReferenceOr::Reference { reference: reference.clone() });
    }
    let keywords = Keywords { map, at };
    Ok(ReferenceOr::Item(Schema {
        schema_data: keywords.schema_data()?,
        schema_kind: SchemaKind::Any(keywords.any_schema()?),
    }))
}

fn boxed(value: &Value, at: &Place<'_>) -> Read<ReferenceOr<Box<Schema>>> {
    Ok(match schema(value, at)? {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        ReferenceOr::Item(item) => ReferenceOr::Item(Box::new(item)),
    })
}

/// The keywords of one schema object. A keyword whose value is `null` counts as absent,
/// as it does for openapiv3's optional fields.
struct Keywords<'a> {
    map: &'a Map<String, Value>,
    at: &'a Place<'a>,
}

impl Keywords<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.member(key).filter(|value| !value.is_null())
    }

    /// Most schemas have a handful of keywords, and each is looked up several times:
    /// comparing a few short strings is cheaper than hashing.
    fn member(&self, key: &str) -> Option<&Value> {
        if self.map.len() <= 8 {
            self.map.iter().find_map(|(name, value)| (name == key).then_some(value))
        } else {
            self.map.get(key)
        }
    }

    /// `SchemaData`'s flags are plain booleans in openapiv3, so `null` there is a mismatch.
    fn flag(&self, key: &str) -> Read<bool> {
        let Some(value) = self.member(key) else { return Ok(false) };
        value.as_bool().ok_or_else(|| mismatch(value, &self.at.key(key), "a boolean"))
    }

    /// The keyword `key` as `read` takes it, or a mismatch naming what was `expected`.
    fn typed<'v, T>(&'v self, key: &str, expected: &str, read: fn(&'v Value) -> Option<T>) -> Read<Option<T>> {
        let Some(value) = self.get(key) else { return Ok(None) };
        read(value).map(Some).ok_or_else(|| mismatch(value, &self.at.key(key), expected))
    }

    fn boolean(&self, key: &str) -> Read<Option<bool>> {
        self.typed(key, "a boolean", Value::as_bool)
    }

    fn string(&self, key: &str) -> Read<Option<String>> {
        self.typed(key, "a string", |value| value.as_str().map(str::to_owned))
    }

    fn count(&self, key: &str) -> Read<Option<usize>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(number)) => match number.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(count) => Ok(Some(count)),
                None => Err(Diagnostic::error(
                    self.at.key(key).pointer(),
                    format!("this is not a valid OpenAPI schema: `{number}` is not a count (a non-negative integer)"),
                )),
            },
            Some(other) => Err(mismatch(other, &self.at.key(key), "a non-negative integer")),
        }
    }

    fn strings(&self, key: &str) -> Read<Option<Vec<String>>> {
        let Some(items) = self.typed(key, "a list of strings", Value::as_array)? else { return Ok(None) };
        let at = self.at.key(key);
        let string = |(index, item): (usize, &Value)| {
            item.as_str().map(str::to_owned).ok_or_else(|| mismatch(item, &at.index(index), "a string"))
        };
        items.iter().enumerate().map(string).collect::<Read<_>>().map(Some)
    }

    fn values(&self, key: &str) -> Read<Option<&Vec<Value>>> {
        self.typed(key, "a list", Value::as_array)
    }

    fn subschemas(&self, key: &str) -> Read<Option<Vec<ReferenceOr<Schema>>>> {
        let Some(items) = self.values(key)? else { return Ok(None) };
        let at = self.at.key(key);
        items.iter().enumerate().map(|(index, item)| schema(item, &at.index(index))).collect::<Read<_>>().map(Some)
    }

    fn subschema(&self, key: &str) -> Read<Option<ReferenceOr<Box<Schema>>>> {
        self.get(key).map(|value| boxed(value, &self.at.key(key))).transpose()
    }

    fn properties(&self) -> Read<Option<IndexMap<String, ReferenceOr<Box<Schema>>>>> {
        let Some(value) = self.get("properties") else { return Ok(None) };
        let at = self.at.key("properties");
        let Value::Object(members) = value else { return Err(mismatch(value, &at, "a map of schemas")) };
        members
            .iter()
            .map(|(name, member)| Ok((name.clone(), boxed(member, &at.key(name))?)))
            .collect::<Read<_>>()
            .map(Some)
    }

    fn additional_properties(&self) -> Read<Option<AdditionalProperties>> {
        let read = |value: &Value| match value {
            Value::Bool(allowed) => Ok(AdditionalProperties::Any(*allowed)),
            value => Ok(AdditionalProperties::Schema(Box::new(schema(value, &self.at.key("additionalProperties"))?))),
        };
        self.get("additionalProperties").map(read).transpose()
    }

    /// A small structure with no schemas inside, read by its own `Deserialize`.
    fn structure<T: DeserializeOwned>(&self, key: &str, what: &str) -> Read<Option<T>> {
        let invalid = |error| {
            Diagnostic::error(self.at.key(key).pointer(), format!("this is not a valid OpenAPI {what}: {error}"))
        };
        self.get(key).map(|value| T::deserialize(value).map_err(invalid)).transpose()
    }

    fn schema_data(&self) -> Read<SchemaData> {
        Ok(SchemaData {
            nullable: self.flag("nullable")?,
            read_only: self.flag("readOnly")?,
            write_only: self.flag("writeOnly")?,
            deprecated: self.flag("deprecated")?,
            external_docs: self.structure::<ExternalDocumentation>("externalDocs", "external documentation object")?,
            example: self.get("example").cloned(),
            title: self.string("title")?,
            description: self.string("description")?,
            discriminator: self.structure::<Discriminator>("discriminator", "discriminator")?,
            default: self.get("default").cloned(),
            extensions: extensions(self.map),
        })
    }

    fn any_schema(&self) -> Read<AnySchema> {
        let float =
            |key: &str| Ok::<_, Diagnostic>(self.typed(key, "a number", Value::as_number)?.and_then(Number::as_f64));
        Ok(AnySchema {
            typ: self.string("type")?,
            pattern: self.string("pattern")?,
            multiple_of: float("multipleOf")?,
            exclusive_minimum: self.boolean("exclusiveMinimum")?,
            exclusive_maximum: self.boolean("exclusiveMaximum")?,
            minimum: float("minimum")?,
            maximum: float("maximum")?,
            properties: self.properties()?.unwrap_or_default(),
            required: self.strings("required")?.unwrap_or_default(),
            additional_properties: self.additional_properties()?,
            min_properties: self.count("minProperties")?,
            max_properties: self.count("maxProperties")?,
            items: self.subschema("items")?,
            min_items: self.count("minItems")?,
            max_items: self.count("maxItems")?,
            unique_items: self.boolean("uniqueItems")?,
            enumeration: self.values("enum")?.cloned().unwrap_or_default(),
            format: self.string("format")?,
            min_length: self.count("minLength")?,
            max_length: self.count("maxLength")?,
            one_of: self.subschemas("oneOf")?.unwrap_or_default(),
            all_of: self.subschemas("allOf")?.unwrap_or_default(),
            any_of: self.subschemas("anyOf")?.unwrap_or_default(),
            not: self.get("not").map(|value| schema(value, &self.at.key("not")).map(Box::new)).transpose()?,
        })
    }
}

fn extensions(map: &Map<String, Value>) -> IndexMap<String, Value> {
    map.iter().filter(|(key, _)| key.starts_with("x-")).map(|(key, value)| (key.clone(), value.clone())).collect()
}

fn mismatch(found: &Value, at: &Place<'_>, expected: &str) -> Diagnostic {
    let found = match found {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("boolean `{flag}`"),
        Value::Number(number) => format!("number `{number}`"),
        Value::String(text) => format!("string {text:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    };
    Diagnostic::error(at.pointer(), format!("this is not a valid OpenAPI schema: expected {expected}, found {found}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diagnostic::JsonPointer;

    /// What openapiv3's own `Deserialize` makes of a schema without subschemas, in its
    /// general form.
    fn derived(value: &Value) -> ReferenceOr<Schema> {
        if value.get("$ref").is_some() {
            return serde_json::from_value(value.clone()).expect("openapiv3 reads it");
        }
        let schema_data = serde_json::from_value(value.clone()).expect("openapiv3 reads it");
        let any = serde_json::from_value(value.clone()).expect("openapiv3 reads it");
        ReferenceOr::Item(Schema { schema_data, schema_kind: SchemaKind::Any(any) })
    }

    fn read(value: &Value) -> ReferenceOr<Schema> {
        schema(value, &Place::At(&JsonPointer::root())).expect("reads")
    }

    #[test]
    fn reads_each_keyword_as_openapiv3_does() {
        let cases = [
            json!({"$ref": "#/components/schemas/A"}),
            json!({"type": "string", "format": "date-time", "enum": ["a", null], "maxLength": 3, "x-extra": 1}),
            json!({"type": "string", "minimum": 1}),
            json!({"type": "number", "format": "float", "minimum": 1.5, "exclusiveMaximum": true, "enum": [1, 2.5]}),
            json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": 10, "multipleOf": 2, "enum": [2, null]}),
            json!({"type": "integer", "enum": [18446744073709551615u64]}),
            json!({"type": "boolean", "enum": [true], "nullable": true}),
            json!({"type": "object", "additionalProperties": false, "title": "T", "readOnly": true, "required": ["a"]}),
            json!({"type": "array", "format": "csv", "uniqueItems": true, "maxItems": 4}),
            json!({"discriminator": {"propertyName": "kind"}, "externalDocs": {"url": "https://x"}, "default": 1}),
            json!({"type": "custom", "example": {"a": 2}}),
            json!({"type": "string", "format": null, "pattern": null}),
            json!({}),
        ];
        for case in cases {
            assert_eq!(read(&case), derived(&case), "{case}");
        }
    }

    #[test]
    fn subschemas_are_read_in_the_same_form() {
        let value =
            json!({"type": "object", "properties": {"a": {"type": "array", "items": {"oneOf": [{"type": "string"}]}}}});
        let ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(object), .. }) = read(&value) else {
            panic!("an object in the general form")
        };
        let Some(ReferenceOr::Item(array)) = object.properties.get("a") else { panic!("a") };
        let SchemaKind::Any(array) = &array.schema_kind else { panic!("an array in the general form") };
        let Some(ReferenceOr::Item(items)) = &array.items else { panic!("items") };
        let SchemaKind::Any(items) = &items.schema_kind else { panic!("items in the general form") };
        assert_eq!(items.one_of, [read(&json!({"type": "string"}))]);
    }

    #[test]
    fn names_the_keyword_that_is_wrong() {
        let value = json!({"properties": {"a": {"items": {"required": 5}}}});
        let error = schema(&value, &Place::At(&JsonPointer::root().push("components").push("schemas").push("A")))
            .expect_err("`required` is not a list");
        assert_eq!(error.pointer.as_str(), "#/components/schemas/A/properties/a/items/required");
        assert!(error.message.contains("expected a list of strings, found number `5`"), "{}", error.message);
    }

    #[test]
    fn rejects_a_deep_malformed_schema_at_once() {
        // openapiv3's derive takes time doubling with each level to reject this: at 40
        // levels, longer than any test runs.
        let mut value = json!({"nullable": "yes"});
        for _ in 0..40 {
            value = json!({"properties": {"a": value}});
        }
        let error = schema(&value, &Place::At(&JsonPointer::root())).expect_err("`nullable` is not a boolean");
        assert_eq!(error.pointer.as_str(), format!("#{}/nullable", "/properties/a".repeat(40)));
    }
}
