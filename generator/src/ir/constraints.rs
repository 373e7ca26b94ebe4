//! What a schema promises beyond its type, for the docs: its `default` and its bounds
//! (`minimum`, `maxLength`, `maxItems`, `pattern`…). The types do not enforce them; the
//! docs say them, so a caller sees `At most 20 items.` where the spec says `maxItems: 20`.

use openapiv3::{Schema, SchemaKind, Type};

/// One sentence per promise, in a fixed order, or `None` when the schema makes none.
pub fn describe(schema: &Schema) -> Option<String> {
    let mut sentences = Vec::new();
    if let Some(default) = &schema.schema_data.default {
        sentences.push(format!("Default: {}.", code(&short_json(default))));
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            let bound = |value: Option<i64>| value.map(|v| v.to_string());
            sentences.extend(range(
                bound(integer.minimum).map(|v| (v, integer.exclusive_minimum)),
                bound(integer.maximum).map(|v| (v, integer.exclusive_maximum)),
            ));
            sentences.extend(integer.multiple_of.map(|m| format!("A multiple of {m}.")));
        }
        SchemaKind::Type(Type::Number(number)) => {
            let bound = |value: Option<f64>| value.map(|v| v.to_string());
            sentences.extend(range(
                bound(number.minimum).map(|v| (v, number.exclusive_minimum)),
                bound(number.maximum).map(|v| (v, number.exclusive_maximum)),
            ));
            sentences.extend(number.multiple_of.map(|m| format!("A multiple of {m}.")));
        }
        SchemaKind::Type(Type::String(string)) => {
            sentences.extend(count(string.min_length, string.max_length, "character"));
            sentences.extend(string.pattern.as_deref().map(|p| format!("Matches {}.", code(p))));
        }
        SchemaKind::Type(Type::Array(array)) => {
            sentences.extend(count(array.min_items, array.max_items, "item"));
            if array.unique_items {
                sentences.push("Items are unique.".to_owned());
            }
        }
        _ => {}
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
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
        let schema: openapiv3::Schema = serde_json::from_value(schema).expect("a schema");
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
