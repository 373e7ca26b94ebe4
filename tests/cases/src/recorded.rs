//! Reading what a wire test's mock server received.

use wiremock::{MockServer, Request};

/// The one request the server received; fails the test if there were more or none.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

/// A header's value as text, if the request has it.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().expect("text header"))
}
