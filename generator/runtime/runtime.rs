//! Support code every generated client shares: the `Client`, what a call returns, and the
//! errors it can fail with. Hand-written and copied verbatim into each generated crate.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{IntoUrl, Method, Request, RequestBuilder, StatusCode, Url};

/// The error type credentials providers and hooks return.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The client for the API. Cloning is cheap: clones share one connection pool.
///
/// Timeouts, proxies and TLS settings belong to the [`reqwest::Client`] given to
/// [`Client::with_client`]. Credentials, retries and hooks are set here, once.
#[derive(Clone)]
pub struct Client {
    base_url: Url,
    http: reqwest::Client,
    max_response_size: usize,
    credentials: BTreeMap<&'static str, Credential>,
    header_defaults: BTreeMap<&'static str, String>,
    retry: Option<RetryPolicy>,
    hooks: Vec<Arc<dyn Hook>>,
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
        Ok(Self {
            base_url: base_url.into_url()?,
            http,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            credentials: BTreeMap::new(),
            header_defaults: BTreeMap::new(),
            retry: None,
            hooks: Vec::new(),
        })
    }

    /// The largest response body this client reads into memory, in bytes; a larger one
    /// fails the call with [`Error::ResponseTooLarge`] instead of exhausting memory.
    /// Defaults to [`DEFAULT_MAX_RESPONSE_SIZE`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Retries failed calls of idempotent operations (`GET`, `HEAD`, `PUT`, `DELETE`,
    /// `OPTIONS`, `TRACE`) as `policy` says. Off by default: without it, every call makes
    /// exactly one attempt.
    pub fn with_retries(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Adds a hook that sees every request before it is sent (and may change it) and every
    /// response before its body is read. Hooks run in the order they were added, once per
    /// attempt.
    pub fn with_hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
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

#[allow(dead_code, reason = "each API sets the kinds of credential and header its spec declares")]
impl Client {
    pub(crate) fn set_credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.insert(scheme, credential);
        self
    }

    pub(crate) fn set_header_default(mut self, name: &'static str, value: String) -> Self {
        self.header_defaults.insert(name, value);
        self
    }

    /// The value set on the client for a shared header parameter.
    pub(crate) fn header_default(&self, name: &str) -> Option<&str> {
        self.header_defaults.get(name).map(String::as_str)
    }
}

/// Shows the base URL and which credentials are set, never their values.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field("credentials", &self.credentials.keys().collect::<Vec<_>>())
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// Supplies a bearer token before each call, so tokens can be refreshed (OAuth 2, OpenID
/// Connect, or any short-lived token). An async closure returning `Result<String, BoxError>`
/// is one:
///
/// ```text
/// client.with_oauth_provider(|| async { Ok::<_, BoxError>(fetch_token().await?) })
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send with the next request.
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>>;
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(self())
    }
}

/// A credential set on the client for one security scheme.
#[derive(Clone)]
#[allow(dead_code, reason = "each API uses the kinds of credential its security schemes need")]
pub(crate) enum Credential {
    /// An API key, or a fixed bearer token.
    Secret(String),
    Basic {
        username: String,
        password: String,
    },
    /// A bearer token asked for before every call.
    Provider(Arc<dyn TokenProvider>),
}

/// Where a security scheme puts its credential.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code, reason = "each API uses the placements its security schemes need")]
pub(crate) enum Placement {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
    /// The `Authorization` header: basic for a user name and password, bearer for a token.
    Authorization,
}

/// One of the spec's `securitySchemes`: the key it is set under on the client, and where its
/// credential goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scheme {
    pub(crate) key: &'static str,
    pub(crate) placement: Placement,
}

/// Credentials that go into the URL or the `Cookie` header, added once the request is built.
#[derive(Default)]
struct Placed {
    query: Vec<(&'static str, String)>,
    cookies: Vec<String>,
}

/// Adds the credentials of the first alternative of `security` whose schemes all have a
/// credential on the client. When none has, the request goes without: the server decides,
/// and credentials set by other means (default headers on the `reqwest` client, a hook)
/// still work.
async fn authorize(
    client: &Client,
    mut request: RequestBuilder,
    security: &[&[Scheme]],
) -> Result<(RequestBuilder, Placed), BoxError> {
    let mut placed = Placed::default();
    let chosen = security.iter().find_map(|schemes| {
        schemes.iter().map(|scheme| Some((scheme, client.credentials.get(scheme.key)?))).collect::<Option<Vec<_>>>()
    });
    for (scheme, credential) in chosen.unwrap_or_default() {
        let secret = match credential {
            Credential::Secret(secret) => secret.clone(),
            Credential::Provider(provider) => provider.token().await?,
            Credential::Basic { username, password } => {
                request = request.basic_auth(username, Some(password));
                continue;
            }
        };
        match scheme.placement {
            Placement::Header(name) => {
                let mut value = HeaderValue::from_str(&secret)
                    .map_err(|_| format!("the credential for `{}` is not a valid header value", scheme.key))?;
                value.set_sensitive(true);
                request = request.header(name, value);
            }
            Placement::Query(name) => placed.query.push((name, secret)),
            Placement::Cookie(name) => placed.cookies.push(format!("{name}={secret}")),
            Placement::Authorization => request = request.bearer_auth(secret),
        }
    }
    Ok((request, placed))
}

impl Placed {
    /// Adds the query credentials to the URL and the cookies to the one `Cookie` header.
    fn apply(self, request: &mut Request) -> Result<(), BoxError> {
        if !self.query.is_empty() {
            request.url_mut().query_pairs_mut().extend_pairs(self.query);
        }
        if self.cookies.is_empty() {
            return Ok(());
        }
        let mut all = self.cookies;
        if let Some(existing) = request.headers().get(reqwest::header::COOKIE) {
            let existing = existing.to_str().map_err(|_| "the request's Cookie header is not text")?;
            all.insert(0, existing.to_owned());
        }
        let mut value =
            HeaderValue::from_str(&all.join("; ")).map_err(|_| "a cookie credential is not a valid header value")?;
        value.set_sensitive(true);
        request.headers_mut().insert(reqwest::header::COOKIE, value);
        Ok(())
    }
}

/// Stands for a credential in `Debug` output.
#[allow(dead_code, reason = "only APIs with credential parameters show them in Debug")]
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A credential passed as a header parameter: it goes out as a header value marked
/// sensitive, which `Debug` of the request (in hooks, say) and reqwest's own logging do not
/// show.
#[allow(dead_code, reason = "only APIs with credential parameters send them")]
pub(crate) struct Secret<T>(pub(crate) T);

impl<T: AsRef<str>> TryFrom<Secret<T>> for HeaderValue {
    type Error = reqwest::header::InvalidHeaderValue;

    fn try_from(secret: Secret<T>) -> Result<Self, Self::Error> {
        let mut value = HeaderValue::from_str(secret.0.as_ref())?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// The words that mark a parameter's name as a credential, as the generator reads them.
const CREDENTIAL_WORDS: &[&str] = &["key", "token", "auth", "secret", "password", "username", "session"];

/// `error` with the values of credentials in its URL's query replaced, since reqwest shows
/// the URL in the error's `Display` and `Debug`: the query parameters named like a
/// credential and those `security` places in the query.
fn without_secrets(mut error: reqwest::Error, security: &[&[Scheme]]) -> reqwest::Error {
    let Some(url) = error.url_mut() else { return error };
    let placed = |name: &str| {
        security
            .iter()
            .flat_map(|schemes| schemes.iter())
            .any(|s| matches!(s.placement, Placement::Query(q) if q == name))
    };
    let secret = |name: &str| {
        let lower = name.to_ascii_lowercase();
        CREDENTIAL_WORDS.iter().any(|word| lower.contains(word)) || placed(name)
    };
    if !url.query_pairs().any(|(name, _)| secret(&name)) {
        return error;
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if secret(&name) { "<redacted>".to_owned() } else { value.into_owned() };
            (name.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    error
}

/// Sees every request before it is sent and every response before its body is read: for
/// tracing, metrics, extra headers or request signing, without changing generated code.
///
/// Both methods do nothing by default, so a hook implements only what it needs.
pub trait Hook: Send + Sync + 'static {
    /// Called before each attempt, after credentials are added; may change the request.
    /// An error stops the call with [`Error::Hook`].
    fn on_request(&self, request: &mut Request) -> Result<(), BoxError> {
        let _ = request;
        Ok(())
    }

    /// Called for each response, before its body is read or a retry is decided.
    fn on_response(&self, response: &reqwest::Response) {
        let _ = response;
    }
}

/// When and how often to retry a failed call. Only idempotent methods are retried, and only
/// after a connection failure, a timeout, or a `429`, `502`, `503` or `504` response. A
/// `Retry-After` header (seconds or an HTTP date) sets the wait; otherwise it doubles from
/// [`RetryPolicy::initial_backoff`] up to [`RetryPolicy::max_backoff`], and a random part
/// of up to half of it is taken off (see [`RetryPolicy::backoff`]), so clients that failed
/// together do not all retry together. A server asking for a longer wait than
/// `max_backoff` gets no retry: its response is returned as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// Three retries, waiting about 100 ms, 200 ms and 400 ms (each between half and all
    /// of that), and at most 30 s for `Retry-After`.
    fn default() -> Self {
        Self::new(3)
    }
}

impl RetryPolicy {
    /// At most `max_retries` retries after the first attempt.
    pub fn new(max_retries: u32) -> Self {
        Self { max_retries, initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(30) }
    }

    /// The wait before the first retry when the server does not say; it doubles each time.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait before one retry, whether computed or asked for by `Retry-After`.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The wait before retry number `retry` (from 0) when the server does not say: the
    /// doubling schedule capped at `max_backoff`, less a random part of up to half of it
    /// ("equal jitter"), so it is never shorter than half the schedule's wait.
    pub fn backoff(&self, retry: u32) -> Duration {
        let full = self.initial_backoff.saturating_mul(2u32.saturating_pow(retry)).min(self.max_backoff);
        full - (full / 2).mul_f64(random_fraction())
    }

    /// How long to wait before retrying after `response`, or `None` to return it as it is.
    fn delay_after(&self, response: &reqwest::Response, retry: u32) -> Option<Duration> {
        let status = response.status().as_u16();
        if !matches!(status, 429 | 502 | 503 | 504) {
            return None;
        }
        match response.headers().get(reqwest::header::RETRY_AFTER).and_then(|v| v.to_str().ok()) {
            Some(value) => retry_after(value).filter(|wait| *wait <= self.max_backoff),
            None => Some(self.backoff(retry)),
        }
    }
}

/// A number in `[0, 1)` that differs from call to call, for jitter. std's `RandomState` is
/// seeded from the operating system's randomness once per thread and changes with every
/// instance, which is all jitter needs; no random-number crate is pulled in for it.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u8(0);
    // The top 53 bits, scaled to [0, 1): exact in an f64.
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// A `Retry-After` value: delay-seconds or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE].contains(method)
}

/// A successful response: the decoded body, with the status and headers it came with.
///
/// Dereferences to the body, so fields can be read directly.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
    deviations: Vec<Deviation>,
}

/// A place where a response broke the spec's promise and a crate generated with
/// `--lenient` read an empty value instead of failing: a required property that was
/// missing or `null`. Never made up silently: each one is on the response it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Deviation {
    /// Where in the body, as a JSON pointer (`/items/0/owner`).
    pub path: String,
    /// What the spec promised there, as decoding the body said it.
    pub promised: String,
    /// What was read in its place: `""`, `0`, `false`, `[]` or `{}`.
    pub read_as: serde_json::Value,
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

    /// Where the body broke the spec's promise and an empty value was read instead; always
    /// empty unless the crate was generated with `--lenient`.
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// The same response with its body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue { inner: f(self.inner), status: self.status, headers: self.headers, deviations: self.deviations }
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
#[derive(Clone, PartialEq)]
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

/// Shows a text body as text, and only the length of any other.
impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("RawResponse");
        debug.field("status", &self.status).field("headers", &self.headers);
        match std::str::from_utf8(&self.body) {
            Ok(text) => debug.field("body", &text),
            Err(_) => debug.field("body", &format_args!("<{} bytes>", self.body.len())),
        };
        debug.finish()
    }
}

/// The body of a documented error response for which the spec gives no schema, kept as it
/// arrived, so what the server said is not lost (FastAPI's `{"detail": "…"}`, say).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RawBody(Vec<u8>);

impl RawBody {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The body as text, with invalid UTF-8 replaced by `U+FFFD`.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// The body decoded as JSON of the caller's choosing (`serde_json::Value`, say).
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

/// Shows a text body as text, and only the length of any other.
impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => f.debug_tuple("RawBody").field(&text).finish(),
            Err(_) => write!(f, "RawBody(<{} bytes>)", self.0.len()),
        }
    }
}

/// The body as text, cut after 500 characters, as error messages show bodies.
impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&excerpt(&self.text()))
    }
}

#[allow(dead_code, reason = "each API uses the decoders its responses need")]
impl RawResponse {
    /// The documented error `variant` whose spec gives no schema, holding the body as it is.
    pub(crate) fn raw_error<E, V>(mut self, variant: impl FnOnce(RawBody) -> E) -> Result<V, Error<E>> {
        let body = RawBody(std::mem::take(&mut self.body));
        Err(self.into_error(variant(body)))
    }

    /// Decodes a JSON body; the error converts into `Error<E>` with `?`.
    /// The body decoded as `T`. A body that is `null`, or empty, where the spec promises an
    /// object with no required properties, or an array, decodes as the empty one: servers
    /// answer a 201 or 202 so, and the empty value breaks no promise the spec makes.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Box<InvalidBody>> {
        serde_json::from_slice(&self.body).or_else(|source| {
            let body = self.body.trim_ascii();
            let empty = (body.is_empty() || body == b"null")
                .then(|| serde_json::from_slice(b"{}").or_else(|_| serde_json::from_slice(b"[]")).ok())
                .flatten();
            empty.ok_or_else(|| Box::new(InvalidBody { response: self.clone(), source }))
        })
    }

    pub(crate) fn text(&self) -> String {
        self.body_text().into_owned()
    }

    pub(crate) fn into_value<T>(self, inner: T) -> ResponseValue<T> {
        ResponseValue { inner, status: self.status, headers: self.headers, deviations: Vec::new() }
    }

    pub(crate) fn into_error<E>(self, inner: E) -> Error<E> {
        Error::Api(Box::new(self.into_value(inner)))
    }

    /// The body decoded as `T`, by the rules of [`RawResponse::json`], or else, in a crate
    /// generated with `--lenient`, with empty values where the spec's promises were broken.
    fn read<T: serde::de::DeserializeOwned>(&self) -> Result<(T, Vec<Deviation>), Box<InvalidBody>> {
        self.json().map(|value| (value, Vec::new())).or_else(|invalid| repaired(&self.body).ok_or(invalid))
    }

    pub(crate) fn into_unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(self))
    }

    /// The JSON body as the call's value.
    pub(crate) fn json_value<T: serde::de::DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let (value, deviations) = self.read()?;
        Ok(ResponseValue { deviations, ..self.into_value(value) })
    }

    /// The JSON body as the documented success `outcome` (one of several success statuses).
    pub(crate) fn json_outcome<T: serde::de::DeserializeOwned, O, E>(
        self,
        outcome: impl FnOnce(T) -> O,
    ) -> Result<ResponseValue<O>, Error<E>> {
        let (value, deviations) = self.read()?;
        Ok(ResponseValue { deviations, ..self.into_value(outcome(value)) })
    }

    /// The JSON body as the documented error `variant`.
    pub(crate) fn json_error<T: serde::de::DeserializeOwned, E, V>(
        self,
        variant: impl FnOnce(T) -> E,
    ) -> Result<V, Error<E>> {
        let (value, deviations) = self.read()?;
        Err(Error::Api(Box::new(ResponseValue { deviations, ..self.into_value(variant(value)) })))
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
    /// A required parameter that can be set on the client was given neither to the call nor
    /// to the client; nothing was sent. Holds the parameter's name in the spec.
    MissingParameter(&'static str),
    /// A [`TokenProvider`] failed, or a credential is not a valid header value; nothing was sent.
    Credentials(BoxError),
    /// A [`Hook`] refused the request.
    Hook(BoxError),
    /// A value could not be encoded for the request (a map with non-text keys, say);
    /// nothing was sent.
    Encode(serde_json::Error),
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
            Self::MissingParameter(_) | Self::Credentials(_) | Self::Hook(_) | Self::Encode(_) => None,
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
        Self::Request(without_secrets(error, &[]))
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
            Self::MissingParameter(name) => {
                write!(f, "`{name}` is required: pass it to the call or set it on the client")
            }
            Self::Credentials(error) => write!(f, "the credentials could not be added: {error}"),
            Self::Hook(error) => write!(f, "a hook refused the request: {error}"),
            Self::Encode(error) => write!(f, "the request could not be encoded: {error}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidBody(invalid) => Some(&invalid.source),
            Self::Request(error) => Some(error),
            Self::Encode(error) => Some(error),
            Self::Credentials(error) | Self::Hook(error) => Some(&**error),
            Self::Api(_) | Self::UnexpectedStatus(_) | Self::ResponseTooLarge { .. } | Self::MissingParameter(_) => {
                None
            }
        }
    }
}

/// At most the first 500 characters of a body, for messages.
pub(crate) fn excerpt(text: &str) -> Cow<'_, str> {
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
    url_of(client, segments, query)
}

fn url_of<K: AsRef<str>>(client: &Client, segments: &[&str], query: &[(K, String)]) -> Url {
    let mut url = client.base_url.clone();
    // `IntoUrl` accepted the base URL only with a host, so it always has path segments.
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query.iter().map(|(key, value)| (key.as_ref(), value)));
    }
    url
}

/// Why [`send`] failed; converts into [`Error`] with `?`.
pub(crate) enum SendError {
    Request(reqwest::Error),
    TooLarge {
        status: StatusCode,
        limit: usize,
    },
    Credentials(BoxError),
    Hook(BoxError),
    #[allow(dead_code, reason = "only APIs with form or multipart bodies encode values themselves")]
    Encode(serde_json::Error),
}

impl From<reqwest::Error> for SendError {
    fn from(error: reqwest::Error) -> Self {
        Self::Request(without_secrets(error, &[]))
    }
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Request(error) => Self::Request(error),
            SendError::TooLarge { status, limit } => Self::ResponseTooLarge { status, limit },
            SendError::Credentials(error) => Self::Credentials(error),
            SendError::Hook(error) => Self::Hook(error),
            SendError::Encode(error) => Self::Encode(error),
        }
    }
}

/// Adds the credentials `security` asks for, sends the request (again, as the client's
/// retry policy allows) and reads the whole response, up to the client's size limit.
#[allow(dead_code, reason = "an API without operations sends nothing")]
pub(crate) async fn send(
    client: &Client,
    request: RequestBuilder,
    security: &[&[Scheme]],
) -> Result<RawResponse, SendError> {
    execute(client, request, security).await?.read(client).await
}

/// Like [`send`], but stops once the status and headers have arrived.
#[allow(dead_code, reason = "an API without operations sends nothing")]
pub(crate) async fn execute(
    client: &Client,
    request: RequestBuilder,
    security: &[&[Scheme]],
) -> Result<RawHead, SendError> {
    let (request, placed) = authorize(client, request, security).await.map_err(SendError::Credentials)?;
    let hide = |error| SendError::Request(without_secrets(error, security));
    let mut pending = request.build().map_err(hide)?;
    placed.apply(&mut pending).map_err(SendError::Credentials)?;
    let policy = client.retry.as_ref().filter(|_| is_idempotent(pending.method()));
    let mut retries = 0;
    loop {
        // A copy for the next attempt; a streamed body cannot be copied, so it is sent once.
        let next = policy.filter(|p| retries < p.max_retries).and_then(|_| pending.try_clone());
        let mut attempt = pending;
        for hook in &client.hooks {
            hook.on_request(&mut attempt).map_err(SendError::Hook)?;
        }
        let outcome = client.http.execute(attempt).await;
        if let Ok(response) = &outcome {
            for hook in &client.hooks {
                hook.on_response(response);
            }
        }
        let delay = match (&outcome, policy, &next) {
            (Ok(response), Some(policy), Some(_)) => policy.delay_after(response, retries),
            (Err(error), Some(policy), Some(_)) if error.is_connect() || error.is_timeout() => {
                Some(policy.backoff(retries))
            }
            _ => None,
        };
        match (delay, next) {
            (Some(delay), Some(next)) => {
                tokio::time::sleep(delay).await;
                retries += 1;
                pending = next;
            }
            _ => return outcome.map(RawHead).map_err(hide),
        }
    }
}

/// A response whose status and headers have arrived, and whose body has not been read.
#[allow(dead_code, reason = "an API without operations sends nothing")]
pub(crate) struct RawHead(reqwest::Response);

#[allow(dead_code, reason = "an API without operations sends nothing")]
impl RawHead {
    pub(crate) fn status(&self) -> StatusCode {
        self.0.status()
    }

    /// Reads the whole body, up to the client's size limit.
    pub(crate) async fn read(self, client: &Client) -> Result<RawResponse, SendError> {
        let mut response = self.0;
        let limit = client.max_response_size;
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

    /// The status and headers, with the unread body turned into `T` by `body`.
    fn into_value_with<T>(self, body: impl FnOnce(reqwest::Response) -> T) -> ResponseValue<T> {
        let (status, headers) = (self.0.status(), self.0.headers().clone());
        ResponseValue { inner: body(self.0), status, headers, deviations: Vec::new() }
    }
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
/// A documented error body for a message: JSON text for structured bodies, cut after 500
/// characters as undocumented ones are.
pub(crate) fn json_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string(value) {
        Ok(text) => excerpt(&text).into_owned(),
        Err(error) => format!("<unprintable body: {error}>"),
    }
}
