//! What the `security` case's client sends for each security requirement, and what the
//! runtime's client-level settings (shared headers, retries, hooks) do on the wire.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::recorded::{header, only_request};

use super::security::{BoxError, Client, Error, Hook, RetryPolicy};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::new(server.uri()).expect("valid base url").with_x_tenant("t1")
}

#[tokio::test]
async fn the_document_default_applies_and_security_none_opts_out() {
    let server = server().await;
    let client = client(&server).with_bearer_auth("tok");
    client.uses_document_default(None).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer tok"));
    assert_eq!(header(&request, "x-tenant"), Some("t1"));

    let server = self::server().await;
    let client = self::client(&server).with_bearer_auth("tok");
    client.opts_out(Some("t2")).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-tenant"), Some("t2"), "the argument wins over the client's value");
}

#[tokio::test]
async fn the_first_alternative_with_credentials_is_used() {
    let server = server().await;
    client(&server).with_api_key_query("q-key").header_or_query(None).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=q-key"));
    assert_eq!(header(&request, "x-api-key"), None);

    let server = self::server().await;
    let both = client(&server).with_api_key_query("q-key").with_api_key_header("h-key");
    both.header_or_query(None).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "x-api-key"), Some("h-key"));
}

#[tokio::test]
async fn schemes_required_together_share_the_cookie_header() {
    let server = server().await;
    let client = client(&server).with_api_key_header("h-key").with_api_key_cookie("sess-1");
    client.key_and_cookie(None, Some("dark")).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("h-key"));
    assert_eq!(header(&request, "cookie"), Some("theme=dark; session=sess-1"));
}

#[tokio::test]
async fn basic_auth_is_sent_and_the_anonymous_alternative_sends_nothing() {
    let server = server().await;
    client(&server).with_basic_auth("ada", "s3cret").basic(None).await.expect("204");
    // base64("ada:s3cret")
    assert_eq!(header(&only_request(&server).await, "authorization"), Some("Basic YWRhOnMzY3JldA=="));

    let server = self::server().await;
    client(&server).basic(None).await.expect("204");
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn a_token_provider_is_asked_before_every_call() {
    let server = server().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let client = client(&server).with_oauth_provider(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, BoxError>(format!("token-{n}")) }
    });
    client.oauth(None).await.expect("204");
    client.oauth(None).await.expect("204");
    let requests = server.received_requests().await.expect("recorded");
    let sent: Vec<_> = requests.iter().map(|r| header(r, "authorization")).collect();
    assert_eq!(sent, [Some("Bearer token-1"), Some("Bearer token-2")]);
}

#[tokio::test]
async fn a_failing_token_provider_stops_the_call_before_sending() {
    let server = server().await;
    let client =
        client(&server).with_oauth_provider(|| async { Err::<String, BoxError>("the token endpoint is down".into()) });
    let error = client.oauth(None).await.expect_err("no token");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(error.to_string(), "the credentials could not be added: the token endpoint is down");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn a_missing_required_shared_header_fails_before_sending() {
    let server = server().await;
    let client = Client::new(server.uri()).expect("valid base url");
    let error = client.uses_document_default(None).await.expect_err("no tenant");
    assert!(matches!(error, Error::MissingParameter("X-Tenant")), "{error:?}");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn credentials_never_show_in_debug_output() {
    let client = Client::new("http://127.0.0.1:9").expect("url").with_bearer_auth("very-secret").with_x_tenant("t");
    let shown = format!("{client:?}");
    assert!(!shown.contains("very-secret"), "{shown}");
    assert!(shown.contains("bearerAuth"), "{shown}");
}

/// Answers 503 (with `Retry-After`) `failures` times, then 204.
async fn flaky_server(failures: u64, retry_after: &str) -> MockServer {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(path("/default"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", retry_after))
            .up_to_n_times(failures)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    server
}

#[tokio::test]
async fn idempotent_calls_are_retried_after_retry_after() {
    let server = flaky_server(2, "0").await;
    let client = client(&server).with_retries(RetryPolicy::new(3));
    client.uses_document_default(None).await.expect("204 on the third attempt");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 3);
}

#[tokio::test]
async fn without_a_policy_or_past_its_limits_there_is_no_retry() {
    let server = flaky_server(2, "0").await;
    let error = client(&server).uses_document_default(None).await.expect_err("no retries by default");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);

    let server = flaky_server(5, "0").await;
    let client = client(&server).with_retries(RetryPolicy::new(2));
    client.uses_document_default(None).await.expect_err("still 503 after two retries");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 3);

    // A server asking for a longer wait than the policy allows gets its answer back at once.
    let server = flaky_server(1, "120").await;
    let client = self::client(&server).with_retries(RetryPolicy::new(3).max_backoff(Duration::from_secs(1)));
    client.uses_document_default(None).await.expect_err("503");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn posts_are_never_retried() {
    let server = flaky_server(0, "0").await;
    let client = client(&server).with_retries(RetryPolicy::new(3)).with_api_key_header("k").with_api_key_cookie("c");
    client.key_and_cookie(None, None).await.expect_err("503");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn retry_waits_follow_the_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(429)).up_to_n_times(2).mount(&server).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let policy = RetryPolicy::new(2).initial_backoff(Duration::from_millis(50));
    let started = std::time::Instant::now();
    client(&server).with_retries(policy).uses_document_default(None).await.expect("204");
    // At least half of 50 ms, then half of 100 ms.
    assert!(started.elapsed() >= Duration::from_millis(75), "{:?}", started.elapsed());
}

#[test]
fn backoff_is_jittered_within_half_of_the_schedule() {
    let policy = RetryPolicy::new(5).initial_backoff(Duration::from_millis(100)).max_backoff(Duration::from_secs(1));
    for (retry, full) in [(0, 100), (1, 200), (2, 400), (3, 800), (4, 1000), (10, 1000)] {
        let full = Duration::from_millis(full);
        let waits: Vec<Duration> = (0..50).map(|_| policy.backoff(retry)).collect();
        assert!(waits.iter().all(|wait| *wait >= full / 2 && *wait <= full), "retry {retry}: {waits:?}");
        // Fifty draws that all agree would mean no jitter at all.
        assert!(waits.iter().any(|wait| *wait != waits[0]), "retry {retry}: {waits:?}");
    }
}

struct Signer {
    responses: Arc<AtomicUsize>,
}

impl Hook for Signer {
    fn on_request(&self, request: &mut reqwest::Request) -> Result<(), BoxError> {
        let signature = format!("{} {}", request.method(), request.url().path());
        request.headers_mut().insert("x-signature", signature.parse()?);
        Ok(())
    }

    fn on_response(&self, _response: &reqwest::Response) {
        self.responses.fetch_add(1, Ordering::SeqCst);
    }
}

struct Refuse;

impl Hook for Refuse {
    fn on_request(&self, _request: &mut reqwest::Request) -> Result<(), BoxError> {
        Err("not on a Sunday".into())
    }
}

#[tokio::test]
async fn hooks_see_every_attempt_and_can_refuse() {
    let server = flaky_server(1, "0").await;
    let responses = Arc::new(AtomicUsize::new(0));
    let client =
        client(&server).with_hook(Signer { responses: Arc::clone(&responses) }).with_retries(RetryPolicy::new(1));
    client.uses_document_default(None).await.expect("204");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| header(r, "x-signature") == Some("GET /default")));
    assert_eq!(responses.load(Ordering::SeqCst), 2);

    let server = self::server().await;
    let error = self::client(&server).with_hook(Refuse).uses_document_default(None).await.expect_err("refused");
    assert_eq!(error.to_string(), "a hook refused the request: not on a Sunday");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}
