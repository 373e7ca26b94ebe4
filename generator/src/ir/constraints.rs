//! What a schema promises beyond its type, for the docs: its `default` and its bounds
//! (`minimum`, `maxLength`, `maxItems`, `pattern`…). The types do not enforce them; the
//! docs say them, so a caller sees `At most 20 items.` where the spec says `maxItems: 20`.

use openapiv3::{AnySchema, Schema, SchemaKind};

/// One sentence per promise, in a fixed order, or `None` when the schema makes none.
pub fn describe(schema: &Schema) -> Option<String> {
    let mut sentences = Vec::new();
    if let Some(default) = &schema.schema_data.default {
        sentences.push(format!("Default: {}.", code(&short_json(default))));
    }
    if let SchemaKind::Any(any) = &schema.schema_kind {
        sentences.extend(bounds(any));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// The bounds `any` sets for its type, a sentence each.
fn bounds(any: &AnySchema) -> Vec<String> {
    let mut sentences = Vec::new();
    let exclusive = |flag: Option<bool>| flag.unwrap_or_default();
    match any.typ.as_deref() {
        Some(typ @ ("integer" | "number")) if typed(any, typ) => {
            // A whole bound of an integer as an integer: as a float, `i64::MAX` prints one too high.
            let whole = |value: f64| typ == "integer" && value.fract() == 0.0;
            let bound = |value: f64| if whole(value) { (value as i64).to_string() } else { value.to_string() };
            sentences.extend(range(
                any.minimum.map(|v| (bound(v), exclusive(any.exclusive_minimum))),
                any.maximum.map(|v| (bound(v), exclusive(any.exclusive_maximum))),
            ));
            sentences.extend(any.multiple_of.map(|m| format!("A multiple of {}.", bound(m))));
        }
        Some("string") if typed(any, "string") => {
            sentences.extend(count(any.min_length, any.max_length, "character"));
            sentences.extend(any.pattern.as_deref().map(|p| format!("Matches {}.", code(p))));
        }
        Some("array") if typed(any, "array") => {
            sentences.extend(count(any.min_items, any.max_items, "item"));
            if any.unique_items == Some(true) {
                sentences.push("Items are unique.".to_owned());
            }
        }
        _ => {}
    }
    sentences
}

/// Whether openapiv3's typed model held the schema: only `typ`'s keywords, no composition.
fn typed(any: &AnySchema, typ: &str) -> bool {
    let string = any.pattern.is_some() || any.min_length.is_some() || any.max_length.is_some();
    let numeric = any.multiple_of.is_some()
        || any.exclusive_minimum.is_some()
        || any.exclusive_maximum.is_some()
        || any.minimum.is_some()
        || any.maximum.is_some();
    let object = !any.properties.is_empty()
        || !any.required.is_empty()
        || any.additional_properties.is_some()
        || any.min_properties.is_some()
        || any.max_properties.is_some();
    let array = any.items.is_some() || any.min_items.is_some() || any.max_items.is_some() || any.unique_items.is_some();
    let composed = !any.one_of.is_empty() || !any.all_of.is_empty() || !any.any_of.is_empty() || any.not.is_some();
    let enum_of = |is: fn(&serde_json::Value) -> bool| any.enumeration.iter().all(|v| v.is_null() || is(v));
    // A whole number serde_json reads as an `i64`.
    let integral =
        |v: Option<f64>| v.is_none_or(|v| v.fract() == 0.0 && (i64::MIN as f64..-(i64::MIN as f64)).contains(&v));
    match typ {
        "string" => !numeric && !object && !array && !composed && enum_of(serde_json::Value::is_string),
        "number" => !string && !object && !array && !composed && enum_of(serde_json::Value::is_number),
        "integer" => {
            !string
                && !object
                && !array
                && !composed
                && enum_of(serde_json::Value::is_i64)
                && integral(any.multiple_of)
                && integral(any.minimum)
                && integral(any.maximum)
        }
        "array" => !string && !numeric && !object && any.enumeration.is_empty() && any.format.is_none() && !composed,
        _ => false,
    }
}

/// `docs`, then the schema's promises as a paragraph of their own.
pub fn with_promises(docs: Option<String>, schema: &Schema) -> Option<String> {
    match (docs, describe(schema)) {
        (Some(docs), Some(promises)) => Some(format!("{docs}\n\n{promises}")),
        (docs, promises) => docs.or(promises),
    }
}

/// A numeric range; each bound is its text and whether it is exclusive.
fn range(low: Option<(String, bool)>, high: Option<(String, bool)>) -> Option<String> {
    Some(match (low, high) {
        (Some((low, false)), Some((high, false))) => format!("From {low} to {high}."),
        (Some((low, low_exclusive)), Some((high, high_exclusive))) => {
            let low = if low_exclusive { format!("Greater than {low}") } else { format!("At least {low}") };
            let high = if high_exclusive { format!("less than {high}") } else { format!("at most {high}") };
            format!("{low} and {high}.")
        }
        (Some((low, true)), None) => format!("Greater than {low}."),
        (Some((low, false)), None) => format!("At least {low}."),
        (None, Some((high, true))) => format!("Less than {high}."),
        (None, Some((high, false))) => format!("At most {high}."),
        (None, None) => return None,
    })
}

/// A length or size range in `unit`s.
fn count(min: Option<usize>, max: Option<usize>, unit: &str) -> Option<String> {
    let plural = |n: usize| if n == 1 { unit.to_owned() } else { format!("{unit}s") };
    Some(match (min.filter(|m| *m > 0), max) {
        (Some(min), Some(max)) if min == max => format!("Exactly {min} {}.", plural(min)),
        (Some(min), Some(max)) => format!("From {min} to {max} {}.", plural(max)),
        (Some(min), None) => format!("At least {min} {}.", plural(min)),
        (None, Some(max)) => format!("At most {max} {}.", plural(max)),
        (None, None) => return None,
    })
}

/// Compact JSON, cut at 80 characters: a default is a value, not a document.
fn short_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// `text` as a Markdown code span, with enough backticks around it that none inside ends it.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::describe;

    fn promises(schema: serde_json::Value) -> Option<String> {
        let Ok(openapiv3::ReferenceOr::Item(schema)) = crate::normalise::Normalised::schema_from(&schema) else {
            panic!("a schema")
        };
        describe(&schema)
    }

    #[test]
    fn defaults_and_bounds_are_said_in_words() {
        use serde_json::json;
        assert_eq!(
            promises(json!({"type": "integer", "default": 60, "minimum": 1, "maximum": 3600})).as_deref(),
            Some("Default: `60`. From 1 to 3600.")
        );
        assert_eq!(
            promises(json!({"type": "array", "items": {"type": "string"}, "maxItems": 20})).as_deref(),
            Some("At most 20 items.")
        );
        assert_eq!(
            promises(json!({"type": "string", "minLength": 1, "maxLength": 1, "pattern": "^a`b$"})).as_deref(),
            Some("Exactly 1 character. Matches `` ^a`b$ ``.")
        );
        assert_eq!(
            promises(json!({"type": "number", "minimum": 0, "exclusiveMinimum": true})).as_deref(),
            Some("Greater than 0.")
        );
        assert_eq!(promises(json!({"type": "string", "default": "asc"})).as_deref(), Some("Default: `\"asc\"`."));
        assert_eq!(promises(json!({"type": "string"})), None);
    }
}
