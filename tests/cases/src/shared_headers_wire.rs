//! What the `shared-headers` case's client sends: headers held on the client go out with the
//! calls that declare them, a call's own value wins, and headers about one request are
//! never held.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::recorded::{header, only_request};

use super::shared_headers::{Client, Error};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::new(server.uri())
        .expect("valid base url")
        .with_x_tenant("acme")
        .with_accept_language("de")
        .with_api_key("k-1")
        .with_api_username("system")
}

#[tokio::test]
async fn credentials_declared_by_some_operations_come_from_the_client() {
    let server = server().await;
    client(&server).delete_post(7, None, "\"v3\"", None, None).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "api-key"), Some("k-1"));
    assert_eq!(header(&request, "api-username"), Some("system"));
    assert_eq!(header(&request, "x-tenant"), Some("acme"));
    assert_eq!(header(&request, "if-match"), Some("\"v3\""));
}

#[tokio::test]
async fn held_headers_go_only_with_the_calls_that_declare_them() {
    let server = server().await;
    client(&server).list_posts(None, None, None, None).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "accept-language"), Some("de"));
    assert_eq!(header(&request, "x-tenant"), Some("acme"));
    assert_eq!(header(&request, "api-key"), None, "list_posts does not declare Api-Key");
    assert_eq!(header(&request, "api-username"), None);
}

#[tokio::test]
async fn one_header_spelt_two_ways_is_one_setting() {
    let server = server().await;
    client(&server).create_backup(None, None, None, "*").await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "api-key"), Some("k-1"), "create_backup declares it as `api-key`");
}

#[tokio::test]
async fn a_call_s_own_value_wins_and_a_missing_credential_fails_before_sending() {
    let server = server().await;
    let client = client(&server);
    client.create_backup(None, Some("k-2"), None, "*").await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "api-key"), Some("k-2"));
    assert_eq!(header(&request, "api-username"), Some("system"));

    let server = self::server().await;
    let bare = Client::new(server.uri()).expect("valid base url").with_x_tenant("acme");
    let error = bare.create_backup(None, None, Some("system"), "*").await.expect_err("no key anywhere");
    assert!(matches!(error, Error::MissingParameter("api-key")), "{error:?}");
    assert!(server.received_requests().await.expect("recorded").is_empty(), "nothing was sent");
}
