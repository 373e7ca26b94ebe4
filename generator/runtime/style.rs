// Parameters in OpenAPI's styles beyond plain scalars and arrays: objects, `label` and
// `matrix` path parameters and `deepObject` queries, spread as RFC 6570 and OpenAPI's
// style examples say. Included in a generated runtime only when an operation has such a
// parameter or a form body.

/// OpenAPI's `style` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "each API uses the styles its parameters declare")]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
}

/// A parameter value, one level deep: what the style examples spread.
enum Parts {
    Empty,
    Scalar(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

impl Parts {
    fn of<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, SendError> {
        Ok(match Ordered::of(value)? {
            Ordered::Object(fields) => Self::Object(
                fields
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, value)| (key, text(value)))
                    .collect(),
            ),
            Ordered::Other(serde_json::Value::Null) => Self::Empty,
            Ordered::Other(serde_json::Value::Array(items)) => Self::List(items.into_iter().map(text).collect()),
            Ordered::Other(scalar) => Self::Scalar(text(scalar)),
        })
    }
}

/// A JSON value whose top-level object keeps its properties in the order they were written.
enum Ordered {
    Object(Vec<(String, serde_json::Value)>),
    Other(serde_json::Value),
}

impl Ordered {
    /// Through JSON text, since a `serde_json::Value` would sort an object's properties.
    fn of<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, SendError> {
        let json = serde_json::to_string(value).map_err(SendError::Encode)?;
        serde_json::from_str(&json).map_err(SendError::Encode)
    }
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ordered;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, serde_json::Value>()? {
                    fields.push(field);
                }
                Ok(Ordered::Object(fields))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<serde_json::Value>()? {
                    items.push(item);
                }
                Ok(Ordered::Other(serde_json::Value::Array(items)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Ordered, E> {
                Ok(Ordered::Other(text.into()))
            }

            fn visit_bool<E>(self, value: bool) -> Result<Ordered, E> {
                Ok(Ordered::Other(value.into()))
            }

            fn visit_i64<E>(self, value: i64) -> Result<Ordered, E> {
                Ok(Ordered::Other(value.into()))
            }

            fn visit_u64<E>(self, value: u64) -> Result<Ordered, E> {
                Ok(Ordered::Other(value.into()))
            }

            fn visit_f64<E>(self, value: f64) -> Result<Ordered, E> {
                Ok(Ordered::Other(value.into()))
            }

            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Other(serde_json::Value::Null))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

/// A value as text: strings as they are, anything nested as JSON.
fn text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `key=value` pairs, or keys and values alternating, joined by `separator`.
fn join_object(fields: Vec<(String, String)>, explode: bool, separator: &str) -> String {
    let parts: Vec<String> = if explode {
        fields.into_iter().map(|(key, value)| format!("{key}={value}")).collect()
    } else {
        fields.into_iter().flat_map(|(key, value)| [key, value]).collect()
    };
    parts.join(separator)
}

#[allow(dead_code, reason = "only APIs with styled query parameters add such pairs")]
/// The query pairs of the parameter `name` holding `value`, in a `form`, `spaceDelimited`,
/// `pipeDelimited` or `deepObject` style.
pub(crate) fn query_pairs<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Vec<(String, String)>, SendError> {
    if style == Style::DeepObject {
        let mut pairs = Vec::new();
        match Ordered::of(value)? {
            Ordered::Object(fields) => {
                for (key, value) in fields {
                    spread(format!("{name}[{key}]"), value, &mut pairs);
                }
            }
            Ordered::Other(value) => spread(name.to_owned(), value, &mut pairs),
        }
        return Ok(pairs);
    }
    let delimiter = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    let named = |value: String| (name.to_owned(), value);
    Ok(match Parts::of(value)? {
        Parts::Empty => vec![named(String::new())],
        Parts::Scalar(text) => vec![named(text)],
        Parts::List(items) if explode => items.into_iter().map(named).collect(),
        Parts::List(items) => vec![named(items.join(delimiter))],
        Parts::Object(fields) if explode => fields,
        Parts::Object(fields) => vec![named(join_object(fields, false, delimiter))],
    })
}

#[allow(dead_code, reason = "only APIs with styled path or header parameters write such text")]
/// The text of the path parameter or header `name` holding `value`, in a `simple`, `label`
/// or `matrix` style.
pub(crate) fn styled<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<String, SendError> {
    let parts = Parts::of(value)?;
    Ok(match style {
        Style::Label => {
            let separator = if explode { "." } else { "," };
            match parts {
                Parts::Empty => ".".to_owned(),
                Parts::Scalar(text) => format!(".{text}"),
                Parts::List(items) => format!(".{}", items.join(separator)),
                Parts::Object(fields) => format!(".{}", join_object(fields, explode, separator)),
            }
        }
        Style::Matrix => match parts {
            Parts::Empty => format!(";{name}"),
            Parts::Scalar(text) => format!(";{name}={text}"),
            Parts::List(items) if explode => items.into_iter().map(|item| format!(";{name}={item}")).collect(),
            Parts::List(items) => format!(";{name}={}", items.join(",")),
            Parts::Object(fields) if explode => format!(";{}", join_object(fields, true, ";")),
            Parts::Object(fields) => format!(";{name}={}", join_object(fields, false, ",")),
        },
        _ => match parts {
            Parts::Empty => String::new(),
            Parts::Scalar(text) => text,
            Parts::List(items) => items.join(","),
            Parts::Object(fields) => join_object(fields, explode, ","),
        },
    })
}

#[allow(dead_code, reason = "only APIs with styled query parameters have keys that are not names")]
/// [`endpoint`], for query pairs whose keys are built at run time.
pub(crate) fn endpoint_with(client: &Client, segments: &[&str], query: &[(String, String)]) -> Url {
    url_of(client, segments, query)
}

#[allow(dead_code, reason = "used by form bodies and deepObject parameters, which an API may not have")]
/// Adds `value` under `key`, bracketing the keys and indices of whatever it nests.
fn spread(key: String, value: serde_json::Value, pairs: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::String(text) => pairs.push((key, text)),
        serde_json::Value::Bool(_) | serde_json::Value::Number(_) => pairs.push((key, value.to_string())),
        serde_json::Value::Array(items) => {
            for (index, item) in items.into_iter().enumerate() {
                spread(format!("{key}[{index}]"), item, pairs);
            }
        }
        serde_json::Value::Object(fields) => {
            for (name, item) in fields {
                spread(format!("{key}[{name}]"), item, pairs);
            }
        }
    }
}
