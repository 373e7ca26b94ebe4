//! Reads a normalised schema into openapiv3's model in one pass.
//!
//! openapiv3's own `Deserialize` tries its alternatives in turn at every level (an untagged
//! `ReferenceOr`, and flattened structs re-buffered at each level), so a malformed schema
//! nested a few dozen levels deep took exponential time to reject: the fuzzer found inputs
//! that ran for minutes. Here each keyword is looked at once, the variant openapiv3 would
//! pick is decided from which keywords are present, and an error names the exact keyword.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation, IntegerType,
    NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
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
    Ok(ReferenceOr::Item(Schema { schema_data: keywords.schema_data()?, schema_kind: keywords.schema_kind()? }))
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

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|key| self.has(key))
    }

    /// `SchemaData`'s flags are plain booleans in openapiv3, so `null` there is a mismatch.
    fn flag(&self, key: &str) -> Read<bool> {
        match self.member(key) {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(other) => Err(mismatch(other, &self.at.key(key), "a boolean")),
        }
    }

    fn boolean(&self, key: &str) -> Read<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(mismatch(other, &self.at.key(key), "a boolean")),
        }
    }

    fn string(&self, key: &str) -> Read<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(mismatch(other, &self.at.key(key), "a string")),
        }
    }

    fn number(&self, key: &str) -> Read<Option<&Number>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(number)) => Ok(Some(number)),
            Some(other) => Err(mismatch(other, &self.at.key(key), "a number")),
        }
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
        let Some(value) = self.get(key) else { return Ok(None) };
        let Value::Array(items) = value else { return Err(mismatch(value, &self.at.key(key), "a list of strings")) };
        let at = self.at.key(key);
        items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(mismatch(other, &at.index(index), "a string")),
            })
            .collect::<Read<_>>()
            .map(Some)
    }

    fn values(&self, key: &str) -> Read<Option<&Vec<Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(mismatch(other, &self.at.key(key), "a list")),
        }
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
        match self.get("additionalProperties") {
            None => Ok(None),
            Some(Value::Bool(allowed)) => Ok(Some(AdditionalProperties::Any(*allowed))),
            Some(value) => {
                Ok(Some(AdditionalProperties::Schema(Box::new(schema(value, &self.at.key("additionalProperties"))?))))
            }
        }
    }

    /// A small structure with no schemas inside, read by its own `Deserialize`.
    fn structure<T: DeserializeOwned>(&self, key: &str, what: &str) -> Read<Option<T>> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => T::deserialize(value).map(Some).map_err(|error| {
                Diagnostic::error(self.at.key(key).pointer(), format!("this is not a valid OpenAPI {what}: {error}"))
            }),
        }
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

    /// Picks the variant by the same rules as openapiv3: a typed variant when only that
    /// type's keywords appear, a lone composition keyword as itself, otherwise `Any`.
    fn schema_kind(&self) -> Read<SchemaKind> {
        const STRING: &[&str] = &["pattern", "minLength", "maxLength"];
        const NUMERIC: &[&str] = &["multipleOf", "exclusiveMinimum", "exclusiveMaximum", "minimum", "maximum"];
        const OBJECT: &[&str] = &["properties", "required", "additionalProperties", "minProperties", "maxProperties"];
        const ARRAY: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
        const COMPOSED: &[&str] = &["oneOf", "allOf", "anyOf", "not"];

        let any = self.any_schema()?;
        let enumeration = self.get("enum").and_then(Value::as_array);
        let enum_of =
            |is: fn(&Value) -> bool| enumeration.is_none_or(|values| values.iter().all(|v| v.is_null() || is(v)));
        let (string, numeric, object, array, composed) = (
            self.has_any(STRING),
            self.has_any(NUMERIC),
            self.has_any(OBJECT),
            self.has_any(ARRAY),
            self.has_any(COMPOSED),
        );
        let (format, listed) = (self.has("format"), enumeration.is_some());
        let integral = |key: &str| self.get(key).is_none_or(Value::is_i64);

        let kind = match any.typ.as_deref() {
            Some("string") if !numeric && !object && !array && !composed && enum_of(Value::is_string) => {
                SchemaKind::Type(Type::String(StringType {
                    format: any.format.into(),
                    pattern: any.pattern,
                    enumeration: listed_values(enumeration, |v| v.as_str().map(str::to_owned)),
                    min_length: any.min_length,
                    max_length: any.max_length,
                }))
            }
            Some("number") if !string && !object && !array && !composed && enum_of(Value::is_number) => {
                SchemaKind::Type(Type::Number(NumberType {
                    format: any.format.into(),
                    multiple_of: any.multiple_of,
                    exclusive_minimum: any.exclusive_minimum.unwrap_or_default(),
                    exclusive_maximum: any.exclusive_maximum.unwrap_or_default(),
                    minimum: any.minimum,
                    maximum: any.maximum,
                    enumeration: listed_values(enumeration, Value::as_f64),
                }))
            }
            Some("integer")
                if !string
                    && !object
                    && !array
                    && !composed
                    && enum_of(Value::is_i64)
                    && integral("multipleOf")
                    && integral("minimum")
                    && integral("maximum") =>
            {
                let int = |key: &str| self.get(key).and_then(Value::as_i64);
                SchemaKind::Type(Type::Integer(IntegerType {
                    format: any.format.into(),
                    multiple_of: int("multipleOf"),
                    exclusive_minimum: any.exclusive_minimum.unwrap_or_default(),
                    exclusive_maximum: any.exclusive_maximum.unwrap_or_default(),
                    minimum: int("minimum"),
                    maximum: int("maximum"),
                    enumeration: listed_values(enumeration, Value::as_i64),
                }))
            }
            Some("boolean")
                if !string && !numeric && !object && !array && !format && !composed && enum_of(Value::is_boolean) =>
            {
                SchemaKind::Type(Type::Boolean(BooleanType { enumeration: listed_values(enumeration, Value::as_bool) }))
            }
            Some("object") if !string && !numeric && !array && !listed && !format && !composed => {
                SchemaKind::Type(Type::Object(ObjectType {
                    properties: any.properties,
                    required: any.required,
                    additional_properties: any.additional_properties,
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                }))
            }
            Some("array") if !string && !numeric && !object && !listed && !format && !composed => {
                SchemaKind::Type(Type::Array(ArrayType {
                    items: any.items,
                    min_items: any.min_items,
                    max_items: any.max_items,
                    unique_items: any.unique_items.unwrap_or_default(),
                }))
            }
            None if !string && !numeric && !object && !array && !listed && !format => {
                match (self.has("oneOf"), self.has("allOf"), self.has("anyOf"), self.has("not")) {
                    (true, false, false, false) => SchemaKind::OneOf { one_of: any.one_of },
                    (false, true, false, false) => SchemaKind::AllOf { all_of: any.all_of },
                    (false, false, true, false) => SchemaKind::AnyOf { any_of: any.any_of },
                    (false, false, false, true) => match any.not {
                        Some(not) => SchemaKind::Not { not },
                        None => SchemaKind::Any(any),
                    },
                    _ => SchemaKind::Any(any),
                }
            }
            _ => SchemaKind::Any(any),
        };
        Ok(kind)
    }

    fn any_schema(&self) -> Read<AnySchema> {
        let float = |key: &str| Ok::<_, Diagnostic>(self.number(key)?.and_then(Number::as_f64));
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

fn listed_values<T>(enumeration: Option<&Vec<Value>>, convert: impl Fn(&Value) -> Option<T>) -> Vec<Option<T>> {
    enumeration
        .map(|values| values.iter().map(|v| if v.is_null() { None } else { convert(v) }).collect())
        .unwrap_or_default()
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

    /// What openapiv3's own `Deserialize` makes of the same schema.
    fn derived(value: &Value) -> ReferenceOr<Schema> {
        serde_json::from_value(value.clone()).expect("openapiv3 reads it")
    }

    fn read(value: &Value) -> ReferenceOr<Schema> {
        schema(value, &Place::At(&JsonPointer::root())).expect("reads")
    }

    #[test]
    fn picks_the_variant_openapiv3_picks() {
        let cases = [
            json!({"$ref": "#/components/schemas/A"}),
            json!({"type": "string", "format": "date-time", "enum": ["a", null], "maxLength": 3, "x-extra": 1}),
            json!({"type": "string", "minimum": 1}),
            json!({"type": "number", "format": "float", "minimum": 1.5, "exclusiveMaximum": true, "enum": [1, 2.5]}),
            json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": 10, "multipleOf": 2, "enum": [2, null]}),
            json!({"type": "integer", "minimum": 0.5}),
            json!({"type": "integer", "enum": [18446744073709551615u64]}),
            json!({"type": "boolean", "enum": [true], "nullable": true}),
            json!({"type": "boolean", "format": "flag"}),
            json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"$ref": "#/b"}}, "required": ["a"],
                "additionalProperties": {"type": "integer"}, "minProperties": 1}),
            json!({"type": "object", "additionalProperties": false, "title": "T", "readOnly": true}),
            json!({"type": "object", "enum": [{}]}),
            json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 4}),
            json!({"type": "array", "format": "csv"}),
            json!({"oneOf": [{"type": "string"}, {"$ref": "#/a"}], "discriminator": {"propertyName": "kind"}}),
            json!({"allOf": [{"$ref": "#/a"}], "description": "d", "externalDocs": {"url": "https://x"}}),
            json!({"anyOf": [{"type": "integer"}]}),
            json!({"not": {}}),
            json!({"oneOf": [{}], "anyOf": [{}]}),
            json!({"oneOf": [{}], "type": "object"}),
            json!({"properties": {"a": {}}, "required": ["a"], "default": {"a": 1}, "example": {"a": 2}}),
            json!({"type": "custom"}),
            json!({"type": "string", "format": null, "pattern": null}),
            json!({}),
        ];
        for case in cases {
            assert_eq!(read(&case), derived(&case), "{case}");
        }
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
