// `application/x-www-form-urlencoded` request bodies. Included in a generated runtime only
// when an operation sends one, with `style.rs`; it needs reqwest's `form` feature.

/// The fields of a form body, from a value that serialises to a JSON object. Arrays of
/// scalars repeat the field (`tag=a&tag=b`, OpenAPI's default `form` style); objects, and
/// arrays holding objects or arrays, are spread with brackets (`card[number]=…`,
/// `items[0][price]=…`), as Stripe and Rails-style servers read them. `null` values and
/// absent optional fields are left out.
pub(crate) fn form_fields<T: serde::Serialize>(value: &T) -> Result<Vec<(String, String)>, SendError> {
    let value = serde_json::to_value(value).map_err(SendError::Encode)?;
    let serde_json::Value::Object(fields) = value else {
        return Err(SendError::Encode(serde::ser::Error::custom("a form body must be an object")));
    };
    let mut pairs = Vec::new();
    for (key, value) in fields {
        match value {
            serde_json::Value::Array(items) if items.iter().all(|item| !item.is_object() && !item.is_array()) => {
                for item in items {
                    spread(key.clone(), item, &mut pairs);
                }
            }
            value => spread(key, value, &mut pairs),
        }
    }
    Ok(pairs)
}
