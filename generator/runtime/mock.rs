/// A mock of the API, listening on a free port of 127.0.0.1 until dropped.
pub struct MockServer {
    server: wiremock::MockServer,
}

impl MockServer {
    /// Starts a server that answers nothing until told to.
    pub async fn start() -> Self {
        Self { server: wiremock::MockServer::start().await }
    }

    /// A client for this server.
    pub fn client(&self) -> Client {
        Client::new(self.server.uri()).expect("a mock server's URL is a valid base URL")
    }

    /// The server's base URL, for a client built some other way.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The underlying wiremock server: for custom matchers and the requests it received.
    pub fn inner(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// An operation answered by `method` requests to paths matching `path`; a success body
    /// is encoded by `encode` and sent as `content_type` (none when empty).
    fn operation<T: ?Sized>(
        &self,
        method: &'static str,
        path: &'static str,
        status: u16,
        content_type: &'static str,
        encode: fn(&T) -> Vec<u8>,
    ) -> MockOperation<'_, T> {
        MockOperation { server: &self.server, method, path, status, content_type, encode, expected: None }
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish()
    }
}

/// How one operation answers; nothing changes until [`MockOperation::returns`],
/// [`MockOperation::fails`] or [`MockOperation::responds_with`] is awaited. `T` is the
/// operation's success body (`()` for none, the raw text or bytes for streams).
#[must_use = "nothing is mocked until `returns`, `fails` or `responds_with` is awaited"]
pub struct MockOperation<'a, T: ?Sized> {
    server: &'a wiremock::MockServer,
    method: &'static str,
    path: &'static str,
    status: u16,
    content_type: &'static str,
    encode: fn(&T) -> Vec<u8>,
    expected: Option<u64>,
}

impl<T: ?Sized> MockOperation<'_, T> {
    /// Expects exactly `calls` calls: the server panics when dropped if there were not.
    pub fn times(mut self, calls: u64) -> Self {
        self.expected = Some(calls);
        self
    }

    /// Answers with `body` and the operation's documented success status.
    pub async fn returns(self, body: &T) {
        let mut template = ResponseTemplate::new(self.status);
        if !self.content_type.is_empty() {
            template = template.set_body_raw((self.encode)(body), self.content_type);
        }
        self.responds_with(template).await;
    }

    /// Answers with `status` and `body` as JSON: for the operation's documented errors.
    pub async fn fails(self, status: u16, body: &impl serde::Serialize) {
        self.responds_with(ResponseTemplate::new(status).set_body_json(body)).await;
    }

    /// Answers with any response.
    pub async fn responds_with(self, template: ResponseTemplate) {
        let mut mock = Mock::given(method(self.method)).and(path_regex(self.path)).respond_with(template);
        if let Some(calls) = self.expected {
            mock = mock.expect(calls);
        }
        mock.mount(self.server).await;
    }
}

impl<T: ?Sized> std::fmt::Debug for MockOperation<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOperation").field("method", &self.method).field("path", &self.path).finish()
    }
}

#[allow(dead_code, reason = "each API encodes the kinds of body its operations return")]
fn json<T: serde::Serialize>(body: &T) -> Vec<u8> {
    serde_json::to_vec(body).expect("a mocked body serialises to JSON")
}

#[allow(dead_code, reason = "each API encodes the kinds of body its operations return")]
fn text(body: &str) -> Vec<u8> {
    body.as_bytes().to_vec()
}

#[allow(dead_code, reason = "each API encodes the kinds of body its operations return")]
fn bytes(body: &[u8]) -> Vec<u8> {
    body.to_vec()
}

#[allow(dead_code, reason = "each API encodes the kinds of body its operations return")]
fn nothing(_: &()) -> Vec<u8> {
    Vec::new()
}
