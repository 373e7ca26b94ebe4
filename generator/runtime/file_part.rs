// File parts of `multipart/form-data` bodies. Included in a generated runtime only when a
// form has a file field; it needs reqwest's `stream` feature and tokio's `fs`.

/// A file to upload as one part of a multipart form: its content, and the file name and
/// media type to send with it.
///
/// The content can be bytes in memory ([`FilePart::bytes`]), a file read as it is sent
/// ([`FilePart::from_path`]) or any [`reqwest::Body`], such as
/// `reqwest::Body::wrap_stream(stream)` ([`FilePart::body`]). A streamed part is sent once:
/// calls that carry one are not retried.
#[derive(Debug)]
pub struct FilePart {
    body: reqwest::Body,
    length: Option<u64>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part with this content, held in memory.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        let bytes = bytes.into();
        let length = Some(bytes.len() as u64);
        Self { body: bytes.into(), length, file_name: None, content_type: None }
    }

    /// A part streamed from the file at `path`, named after it. The file is opened now and
    /// read while the request is sent.
    pub async fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned());
        Ok(Self { body: file.into(), length: Some(length), file_name, content_type: None })
    }

    /// A part with any body; `reqwest::Body::wrap_stream` makes one from a stream.
    pub fn body(body: impl Into<reqwest::Body>) -> Self {
        Self { body: body.into(), length: None, file_name: None, content_type: None }
    }

    /// The file name sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's media type, such as `image/png`; `application/octet-stream` by default.
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The part, with `default_type` as its media type unless one was set.
    pub(crate) fn into_part(self, default_type: &str) -> Result<reqwest::multipart::Part, reqwest::Error> {
        let mut part = match self.length {
            Some(length) => reqwest::multipart::Part::stream_with_length(self.body, length),
            None => reqwest::multipart::Part::stream(self.body),
        };
        if let Some(name) = self.file_name {
            part = part.file_name(name);
        }
        part.mime_str(self.content_type.as_deref().unwrap_or(default_type))
    }
}
