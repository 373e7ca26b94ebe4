//! Support code every generated client shares: the `Client`, what a call returns, and the
//! errors it can fail with. Hand-written and copied verbatim into each generated crate.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use reqwest::header::HeaderMap;
use reqwest::{IntoUrl, RequestBuilder, StatusCode, Url};

/// The client for the API. Cloning is cheap: clones share one connection pool.
///
/// Timeouts, proxies, TLS settings and default headers belong to the
/// [`reqwest::Client`] given to [`Client::with_client`].
#[derive(Clone)]
pub struct Client {
    base_url: Url,
    http: reqwest::Client,
    max_response_size: usize,
}

/// The default for [`Client::max_response_size`]: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 64 * 1024 * 1024;

impl Client {
    /// A client for the API served at `base_url`, with a default `reqwest` client.
    ///
    /// Fails when `base_url` is not an absolute `http` or `https` URL, or when the TLS
    /// backend cannot be initialised.
    pub fn new(base_url: impl IntoUrl) -> Result<Self, reqwest::Error> {
        Self::with_client(base_url, reqwest::Client::builder().build()?)
    }

    /// A client for the API served at `base_url` that sends requests with `http`.
    pub fn with_client(base_url: impl IntoUrl, http: reqwest::Client) -> Result<Self, reqwest::Error> {
        Ok(Self { base_url: base_url.into_url()?, http, max_response_size: DEFAULT_MAX_RESPONSE_SIZE })
    }

    /// The largest response body this client reads into memory, in bytes; a larger one
    /// fails the call with [`Error::ResponseTooLarge`] instead of exhausting memory.
    /// Defaults to [`DEFAULT_MAX_RESPONSE_SIZE`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The URL every request path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The `reqwest` client that sends the requests.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }
}

/// Shows the base URL only: the `reqwest` client may hold default headers with credentials.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("base_url", &self.base_url.as_str()).finish_non_exhaustive()
    }
}

/// A successful response: the decoded body, with the status and headers it came with.
///
/// Dereferences to the body, so fields can be read directly.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
}

impl<T> ResponseValue<T> {
    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The body, status and headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap) {
        (self.inner, self.status, self.headers)
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The same response with its body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue { inner: f(self.inner), status: self.status, headers: self.headers }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> DerefMut for ResponseValue<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

/// A response as it arrived: status, headers and the undecoded body.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl RawResponse {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text, with invalid UTF-8 replaced by `U+FFFD`.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    pub fn into_body(self) -> Vec<u8> {
        self.body
    }
}

#[allow(dead_code, reason = "each API uses the decoders its responses need")]
impl RawResponse {
    /// Decodes a JSON body; the error converts into `Error<E>` with `?`.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Box<InvalidBody>> {
        serde_json::from_slice(&self.body).map_err(|source| Box::new(InvalidBody { response: self.clone(), source }))
    }

    pub(crate) fn text(&self) -> String {
        self.body_text().into_owned()
    }

    pub(crate) fn into_value<T>(self, inner: T) -> ResponseValue<T> {
        ResponseValue { inner, status: self.status, headers: self.headers }
    }

    pub(crate) fn into_bytes(self) -> ResponseValue<Vec<u8>> {
        ResponseValue { inner: self.body, status: self.status, headers: self.headers }
    }

    pub(crate) fn into_error<E>(self, inner: E) -> Error<E> {
        Error::Api(Box::new(self.into_value(inner)))
    }

    pub(crate) fn into_unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(self))
    }
}

/// A response whose body does not match what the spec documents for its status.
#[derive(Debug)]
pub struct InvalidBody {
    response: RawResponse,
    source: serde_json::Error,
}

impl InvalidBody {
    /// The response as it arrived, body included.
    pub fn response(&self) -> &RawResponse {
        &self.response
    }

    /// Why the body could not be decoded.
    pub fn error(&self) -> &serde_json::Error {
        &self.source
    }
}

/// Why a call failed. `E` is the operation's enum of documented error responses.
///
/// Every variant is boxed or small, so `Result<_, Error<E>>` stays cheap to return.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status the spec documents; `E` says which,
    /// with its decoded body.
    Api(Box<ResponseValue<E>>),
    /// The server answered with a status the spec does not document; the body is kept.
    UnexpectedStatus(Box<RawResponse>),
    /// The body does not match what the spec documents for its status.
    InvalidBody(Box<InvalidBody>),
    /// The request could not be built or sent, or the response could not be read.
    Request(reqwest::Error),
    /// The response body is larger than [`Client::max_response_size`]; it was not read.
    ResponseTooLarge { status: StatusCode, limit: usize },
}

impl<E> Error<E> {
    /// The documented error response, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api(value) => Some(&value.inner),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(value) => Some(value.status()),
            Self::UnexpectedStatus(response) => Some(response.status()),
            Self::InvalidBody(invalid) => Some(invalid.response.status()),
            Self::Request(error) => error.status(),
            Self::ResponseTooLarge { status, .. } => Some(*status),
        }
    }
}

impl<E> From<Box<InvalidBody>> for Error<E> {
    fn from(invalid: Box<InvalidBody>) -> Self {
        Self::InvalidBody(invalid)
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(error: reqwest::Error) -> Self {
        Self::Request(error)
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(value) => write!(f, "the server answered {}: {}", value.status(), value.inner),
            Self::UnexpectedStatus(response) => write!(
                f,
                "the server answered {}, a status the API does not document; body: {}",
                response.status(),
                excerpt(&response.body_text()),
            ),
            Self::InvalidBody(invalid) => write!(
                f,
                "the server answered {} with a body the API does not document ({}); body: {}",
                invalid.response.status(),
                invalid.source,
                excerpt(&invalid.response.body_text()),
            ),
            Self::Request(error) => write!(f, "the request failed: {error}"),
            Self::ResponseTooLarge { status, limit } => {
                write!(f, "the server answered {status} with a body larger than the {limit}-byte limit")
            }
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidBody(invalid) => Some(&invalid.source),
            Self::Request(error) => Some(error),
            Self::Api(_) | Self::UnexpectedStatus(_) | Self::ResponseTooLarge { .. } => None,
        }
    }
}

/// At most the first 500 characters of a body, for messages.
fn excerpt(text: &str) -> Cow<'_, str> {
    const LIMIT: usize = 500;
    match text.char_indices().nth(LIMIT) {
        _ if text.is_empty() => Cow::Borrowed("(empty)"),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

#[allow(dead_code, reason = "an API without operations has no endpoints")]
/// The URL of an endpoint: the base URL's path, then `segments`, each percent-encoded as
/// one path segment, then `query`, form-encoded.
pub(crate) fn endpoint(client: &Client, segments: &[&str], query: &[(&str, String)]) -> Url {
    let mut url = client.base_url.clone();
    // `IntoUrl` accepted the base URL only with a host, so it always has path segments.
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

/// Why [`send`] failed; converts into [`Error`] with `?`.
pub(crate) enum SendError {
    Request(reqwest::Error),
    TooLarge { status: StatusCode, limit: usize },
}

impl From<reqwest::Error> for SendError {
    fn from(error: reqwest::Error) -> Self {
        Self::Request(error)
    }
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Request(error) => Self::Request(error),
            SendError::TooLarge { status, limit } => Self::ResponseTooLarge { status, limit },
        }
    }
}

/// Sends a request and reads the whole response, up to the client's size limit.
#[allow(dead_code, reason = "an API without operations sends nothing")]
pub(crate) async fn send(client: &Client, request: RequestBuilder) -> Result<RawResponse, SendError> {
    let limit = client.max_response_size;
    let mut response = request.send().await?;
    let status = response.status();
    let too_large = SendError::TooLarge { status, limit };
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(too_large);
    }
    let headers = std::mem::take(response.headers_mut());
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse { status, headers, body })
}

#[allow(dead_code, reason = "only APIs with non-exploded array parameters join values")]
/// Array parameters that are not exploded: the values joined with the style's delimiter.
pub(crate) fn join<T: fmt::Display>(values: &[T], delimiter: char) -> String {
    let mut joined = String::new();
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            joined.push(delimiter);
        }
        joined.push_str(&value.to_string());
    }
    joined
}

#[allow(dead_code, reason = "only APIs with JSON error bodies print them")]
/// A documented error body for a message: JSON text for structured bodies.
pub(crate) fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|error| format!("<unprintable body: {error}>"))
}
