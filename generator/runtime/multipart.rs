// `multipart/form-data` request bodies. Included in a generated runtime only when an
// operation sends one; it needs reqwest's `multipart` and `stream` features.

#[allow(dead_code, reason = "only forms with object or array fields send JSON parts")]
/// A multipart field holding JSON, as OpenAPI sends objects and arrays by default.
pub(crate) fn json_part<T: serde::Serialize>(
    value: &T,
    media_type: &str,
) -> Result<reqwest::multipart::Part, SendError> {
    let text = serde_json::to_string(value).map_err(SendError::Encode)?;
    reqwest::multipart::Part::text(text).mime_str(media_type).map_err(SendError::Request)
}

#[allow(dead_code, reason = "only forms whose encoding gives a text part a media type use it")]
/// A text part sent with the media type the body's `encoding` names.
pub(crate) fn text_part(text: String, media_type: &str) -> Result<reqwest::multipart::Part, SendError> {
    reqwest::multipart::Part::text(text).mime_str(media_type).map_err(SendError::Request)
}
