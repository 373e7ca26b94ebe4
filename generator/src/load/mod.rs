//! Stage 1: bytes to a JSON value. YAML is read into the same JSON model, so every later
//! stage sees one form and every pointer means the same thing for both.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Number, Value};

use crate::error::Error;

mod spans;

pub use spans::{Location, locate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Json => "JSON",
            Self::Yaml => "YAML",
        })
    }
}

impl Format {
    /// The format named by the file's extension, or else guessed from its first character.
    pub fn detect(path: &Path, text: &str) -> Self {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Self::Json,
            Some("yaml" | "yml") => Self::Yaml,
            _ if text.trim_start().starts_with('{') => Self::Json,
            _ => Self::Yaml,
        }
    }
}

/// Parses a document; `file` is the name errors use.
pub fn parse(text: &str, format: Format, file: &str) -> Result<Value, Error> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|e| Error::Syntax {
            file: file.to_owned(),
            format,
            line: e.line(),
            column: e.column(),
            message: explain(strip_location(&e.to_string())),
        }),
        Format::Yaml => {
            let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
                let (line, column) = match e.location() {
                    Some(location) => (location.line(), location.column()),
                    // serde_yaml does not say which alias went over its limit.
                    None if e.to_string().contains("repetition limit exceeded") => {
                        spans::alias_bomb(text).map_or((0, 0), |at| (at.line as usize, at.column as usize))
                    }
                    None => (0, 0),
                };
                Error::Syntax {
                    file: file.to_owned(),
                    format,
                    line,
                    column,
                    message: explain(strip_location(&e.to_string())),
                }
            })?;
            Ok(yaml_to_json(yaml))
        }
    }
}

/// Says what the parsers' resource limits mean for a spec.
fn explain(message: String) -> String {
    if message.contains("recursion limit exceeded") {
        format!("{message} (the document nests more than 128 levels deep)")
    } else if message.contains("repetition limit exceeded") {
        format!("{message} (YAML aliases expand to too many nodes, as in an alias bomb)")
    } else {
        message
    }
}

/// serde's messages repeat " at line L column C"; we print the location ourselves.
fn strip_location(message: &str) -> String {
    let mut out = message.to_owned();
    while let Some(at) = out.find(" at line ") {
        let rest = &out[at + " at line ".len()..];
        let mut words = rest.splitn(4, ' ');
        let numbers = (words.next(), words.next(), words.next());
        let end = match numbers {
            (Some(line), Some("column"), Some(column)) if line.chars().all(|c| c.is_ascii_digit()) => {
                let digits = column.chars().take_while(char::is_ascii_digit).count();
                at + " at line ".len() + line.len() + " column ".len() + digits
            }
            _ => break,
        };
        out.replace_range(at..end, "");
    }
    out
}

/// YAML allows keys JSON does not (`200:` is an integer); OpenAPI means them as strings.
fn yaml_to_json(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => yaml_number(&n),
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        serde_yaml::Value::Mapping(mapping) => {
            let mut map = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                map.insert(yaml_key(key), yaml_to_json(value));
            }
            Value::Object(map)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn yaml_number(number: &serde_yaml::Number) -> Value {
    if let Some(i) = number.as_i64() {
        Value::from(i)
    } else if let Some(u) = number.as_u64() {
        Value::from(u)
    } else {
        // JSON has no NaN or infinity; keep the spelling rather than lose the value.
        number.as_f64().and_then(Number::from_f64).map_or_else(|| Value::String(number.to_string()), Value::Number)
    }
}

fn yaml_key(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".to_owned(),
        serde_yaml::Value::Tagged(tagged) => yaml_key(tagged.value),
        other => serde_json::to_string(&yaml_to_json(other)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integer_keys_become_strings() {
        let value = parse("responses:\n  200:\n    description: ok\n", Format::Yaml, "x.yaml").expect("valid yaml");
        assert_eq!(value["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn json_syntax_error_names_line_and_column() {
        let err = parse("{\n  \"a\": ,\n}", Format::Json, "spec.json").expect_err("invalid json");
        let text = err.to_string();
        assert!(text.starts_with("`spec.json` is not valid JSON at line 2, column 8"), "{text}");
    }

    #[test]
    fn yaml_syntax_error_names_line_and_column() {
        let err = parse("a: [1, 2\nb: c\n", Format::Yaml, "spec.yaml").expect_err("invalid yaml");
        assert!(matches!(err, Error::Syntax { line: 2, .. }), "{err}");
    }

    #[test]
    fn format_detection_prefers_extension_then_content() {
        assert_eq!(Format::detect(Path::new("a.yml"), "{}"), Format::Yaml);
        assert_eq!(Format::detect(Path::new("a.JSON"), "a: b"), Format::Json);
        assert_eq!(Format::detect(Path::new("spec"), "  {\"a\": 1}"), Format::Json);
        assert_eq!(Format::detect(Path::new("spec"), "openapi: 3.1.0"), Format::Yaml);
    }
}
