// `application/x-www-form-urlencoded` request bodies. Included in a generated runtime only
// when an operation sends one, with `style.rs`; it needs reqwest's `form` feature.

/// How a form field is written when the spec's `encoding` entry for it says so.
#[allow(dead_code, reason = "each API uses the encodings its form bodies declare")]
pub(crate) enum FormEncoding {
    /// As JSON text (`contentType: application/json`).
    Json,
    /// In a parameter style, with `explode` or not, as a query parameter would be.
    Styled(Style, bool),
}

/// The fields of a form body, from a value that serialises to a JSON object. By default
/// arrays of scalars repeat the field (`tag=a&tag=b`, OpenAPI's default `form` style);
/// objects, and arrays holding objects or arrays, are spread with brackets
/// (`card[number]=…`, `items[0][price]=…`), as Stripe and Rails-style servers read them.
/// `encodings` names the fields the spec encodes otherwise. `null` values and absent
/// optional fields are left out.
pub(crate) fn form_fields<T: serde::Serialize>(
    value: &T,
    encodings: &[(&str, FormEncoding)],
) -> Result<Vec<(String, String)>, SendError> {
    let value = serde_json::to_value(value).map_err(SendError::Encode)?;
    let serde_json::Value::Object(fields) = value else {
        return Err(SendError::Encode(serde::ser::Error::custom("a form body must be an object")));
    };
    let mut pairs = Vec::new();
    for (key, value) in fields {
        let encoding = encodings.iter().find(|(name, _)| *name == key).map(|(_, encoding)| encoding);
        match (encoding, value) {
            (_, serde_json::Value::Null) => {}
            (Some(FormEncoding::Json), value) => pairs.push((key, value.to_string())),
            (Some(FormEncoding::Styled(style, explode)), value) => {
                pairs.extend(query_pairs(&key, &value, *style, *explode)?);
            }
            (None, serde_json::Value::Array(items))
                if items.iter().all(|item| !item.is_object() && !item.is_array()) =>
            {
                for item in items {
                    spread(key.clone(), item, &mut pairs);
                }
            }
            (None, value) => spread(key, value, &mut pairs),
        }
    }
    Ok(pairs)
}
