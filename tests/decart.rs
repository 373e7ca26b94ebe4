//! `decart-api` against a real HTTP server on 127.0.0.1: what goes on the wire, and every
//! way a response can come back.

use decart_api::models::{ClientTokenRequest, TokenConstraints};
use decart_api::responses::CreateClientTokenError;
use decart_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "/v1/client/tokens";

async fn server_answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path(TOKEN)).respond_with(response).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    (server, client)
}

fn token_body() -> serde_json::Value {
    json!({"apiKey": "ek_123", "expiresAt": "2026-11-27T12:00:00Z", "permissions": {"models": ["a"]}, "constraints": null})
}

#[tokio::test]
async fn sends_method_path_key_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN))
        .and(header("x-api-key", "sk-secret"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"expiresIn": 120, "allowedModels": ["lucy"], "constraints": {"realtime": {"maxSessionDuration": 30}}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(format!("{}/", server.uri())).expect("valid base url");
    let request = ClientTokenRequest {
        expires_in: Some(120),
        allowed_models: Some(vec!["lucy".to_owned()]),
        constraints: Some(TokenConstraints {
            realtime: Some(decart_api::models::RealtimeConstraints { max_session_duration: Some(30) }),
        }),
        ..Default::default()
    };
    let token = client.create_client_token(Some("sk-secret"), Some(&request)).await.expect("200");
    assert_eq!(token.status(), 200);
    assert_eq!(token.api_key, "ek_123");
    assert_eq!(token.permissions.as_ref().and_then(|p| p.get("models")), Some(&json!(["a"])));
    assert_eq!(token.constraints, None);
    server.verify().await;
}

#[tokio::test]
async fn sends_no_body_when_none_is_given() {
    let (server, client) = server_answering(ResponseTemplate::new(200).set_body_json(token_body())).await;
    client.create_client_token(Some("k"), None).await.expect("200");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    assert!(requests[0].body.is_empty());
    assert_eq!(requests[0].headers.get("content-type"), None);
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/client/tokens"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(format!("{}/api", server.uri())).expect("valid base url");
    client.create_client_token(Some("k"), None).await.expect("200");
    server.verify().await;
}

#[tokio::test]
async fn documented_401_and_403_are_typed_and_keep_their_bodies() {
    // The spec gives these statuses no schema; FastAPI still says why.
    let detail = json!({"detail": "No or invalid API key provided"});
    let (_server, client) = server_answering(ResponseTemplate::new(401).set_body_json(&detail)).await;
    let error = client.create_client_token(Some("bad"), None).await.expect_err("401");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    let Some(CreateClientTokenError::Unauthorized(body)) = error.api_error() else {
        panic!("expected a documented 401, got {error:?}")
    };
    assert_eq!(body.json::<serde_json::Value>().expect("JSON"), detail);
    assert_eq!(body.text(), r#"{"detail":"No or invalid API key provided"}"#);
    assert_eq!(
        error.to_string(),
        r#"the server answered 401 Unauthorized: No or invalid API key provided: {"detail":"No or invalid API key provided"}"#
    );

    let (_server, client) = server_answering(ResponseTemplate::new(403)).await;
    let error = client.create_client_token(Some("client-token"), None).await.expect_err("403");
    let Some(CreateClientTokenError::Forbidden(body)) = error.api_error() else { panic!("expected a 403: {error:?}") };
    assert!(body.is_empty());
    // An empty body adds nothing to the message.
    assert_eq!(error.to_string(), "the server answered 403 Forbidden: Cannot create client token from a client token");
}

#[tokio::test]
async fn error_messages_show_at_most_500_characters_of_a_body() {
    let input: Vec<String> = (0..21).map(|i| format!("item number {i} with some padding to make it long")).collect();
    let details = json!({"detail": [{"loc": ["body"], "msg": "too many", "type": "value_error", "input": input}]});
    let (_server, client) = server_answering(ResponseTemplate::new(422).set_body_json(&details)).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("422");
    let message = error.to_string();
    let shown =
        message.strip_prefix("the server answered 422 Unprocessable Entity: Validation Error: ").expect("prefix");
    assert_eq!(shown.chars().count(), 501, "{message}");
    assert!(shown.ends_with('…'), "{message}");
    // The decoded error keeps everything.
    let Some(CreateClientTokenError::UnprocessableEntity(validation)) = error.api_error() else { panic!("422") };
    assert_eq!(validation.detail.as_ref().expect("detail")[0].input, Some(json!(input)));

    let long = "x".repeat(2000);
    let (_server, client) = server_answering(ResponseTemplate::new(401).set_body_string(long)).await;
    let message = client.create_client_token(Some("k"), None).await.expect_err("401").to_string();
    assert!(message.len() < 600 && message.ends_with("x…"), "{message}");
}

#[tokio::test]
async fn validation_error_422_carries_details() {
    let details = json!({"detail": [{"loc": ["body", "expiresIn", 0], "msg": "must be positive", "type": "value_error", "input": -1}]});
    let (_server, client) = server_answering(ResponseTemplate::new(422).set_body_json(details)).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("422");
    let Some(CreateClientTokenError::UnprocessableEntity(validation)) = error.api_error() else {
        panic!("expected a documented 422, got {error:?}")
    };
    let detail = &validation.detail.as_ref().expect("detail")[0];
    assert_eq!(detail.msg, "must be positive");
    assert_eq!(detail.input, Some(json!(-1)));
    use decart_api::models::ValidationErrorLocItem as Loc;
    assert_eq!(detail.loc, vec![Loc::String("body".into()), Loc::String("expiresIn".into()), Loc::Integer(0)]);
    let message = error.to_string();
    assert!(
        message.starts_with("the server answered 422 Unprocessable Entity: Validation Error: {\"detail\""),
        "{message}"
    );
}

#[tokio::test]
async fn undocumented_500_keeps_its_body() {
    let (_server, client) = server_answering(ResponseTemplate::new(500).set_body_string("database on fire")).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("500");
    let Error::UnexpectedStatus(response) = &error else { panic!("expected an unexpected status, got {error:?}") };
    assert_eq!(response.status(), 500);
    assert_eq!(response.body(), b"database on fire");
    assert_eq!(
        error.to_string(),
        "the server answered 500 Internal Server Error, a status the API does not document; body: database on fire"
    );
}

#[tokio::test]
async fn invalid_json_on_200_is_an_error_not_a_panic() {
    let (_server, client) = server_answering(ResponseTemplate::new(200).set_body_string("{not json")).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("invalid body");
    let Error::InvalidBody(invalid) = &error else { panic!("expected an invalid body, got {error:?}") };
    assert_eq!(invalid.response().status(), 200);
    assert_eq!(invalid.response().body(), b"{not json");
    assert!(invalid.error().is_syntax());
    assert!(std::error::Error::source(&error).is_some());
    assert!(error.to_string().contains("with a body the API does not document"), "{error}");
}

#[tokio::test]
async fn a_200_missing_a_required_field_is_an_invalid_body() {
    let (_server, client) = server_answering(ResponseTemplate::new(200).set_body_json(json!({"apiKey": "x"}))).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("missing expiresAt");
    assert!(matches!(&error, Error::InvalidBody(i) if i.error().to_string().contains("expiresAt")), "{error:?}");
}

#[tokio::test]
async fn unknown_response_fields_are_accepted() {
    let mut body = token_body();
    body["addedLater"] = json!(true);
    let (_server, client) = server_answering(ResponseTemplate::new(200).set_body_json(body)).await;
    client.create_client_token(Some("k"), None).await.expect("forward compatible");
}

#[tokio::test]
async fn connection_failure_is_a_request_error() {
    // A port that was just free and is now closed: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let client = Client::new(format!("http://127.0.0.1:{port}")).expect("valid base url");
    let error = client.create_client_token(Some("k"), None).await.expect_err("no server");
    assert!(matches!(error, Error::Request(_)), "{error:?}");
    assert!(error.to_string().starts_with("the request failed"), "{error}");
}

#[test]
fn debug_output_never_shows_the_api_key() {
    let http = reqwest::Client::builder()
        .default_headers(
            std::iter::once(("x-api-key".parse().expect("name"), "sk-secret".parse().expect("value"))).collect(),
        )
        .build()
        .expect("client");
    let client = Client::with_client("https://api.decart.ai", http).expect("valid base url");
    let debug = format!("{client:?}");
    assert!(!debug.contains("sk-secret"), "{debug}");
    assert!(debug.contains("api.decart.ai"), "{debug}");
}

#[test]
fn invalid_base_url_is_an_error() {
    assert!(Client::new("not a url").is_err());
    assert!(Client::new("mailto:someone@example.com").is_err());
}

/// The README's error-handling example, kept compiling and passing here.
#[tokio::test]
async fn readme_error_example() {
    let (_server, client) = server_answering(ResponseTemplate::new(403)).await;
    let api_key = "client-token".to_owned();
    let outcome = match client.create_client_token(Some(api_key.as_str()), None).await {
        Ok(token) => token.api_key.clone(),
        Err(Error::Api(response)) => match response.into_inner() {
            CreateClientTokenError::Unauthorized(_) => "bad key".to_owned(),
            CreateClientTokenError::Forbidden(_) => "client tokens cannot mint tokens".to_owned(),
            CreateClientTokenError::UnprocessableEntity(validation) => format!("{validation:?}"),
        },
        Err(other) => other.to_string(),
    };
    assert_eq!(outcome, "client tokens cannot mint tokens");
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let (_server, client) = server_answering(ResponseTemplate::new(200).set_body_bytes(vec![b' '; 2048])).await;
    let client = client.max_response_size(1024);
    let error = client.create_client_token(Some("k"), None).await.expect_err("too large");
    assert!(matches!(error, Error::ResponseTooLarge { limit: 1024, .. }), "{error:?}");
    assert_eq!(error.to_string(), "the server answered 200 OK with a body larger than the 1024-byte limit");
}

#[tokio::test]
async fn an_empty_body_where_json_is_expected_is_an_invalid_body() {
    let (_server, client) = server_answering(ResponseTemplate::new(200)).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("empty");
    assert!(matches!(&error, Error::InvalidBody(i) if i.error().is_eof()), "{error:?}");
}

#[tokio::test]
async fn errors_never_show_the_api_key() {
    let (_server, client) = server_answering(ResponseTemplate::new(401).set_body_string("denied")).await;
    let error = client.create_client_token(Some("sk-secret-123"), None).await.expect_err("401");
    assert!(!format!("{error:?}").contains("sk-secret-123"), "{error:?}");
    assert!(!error.to_string().contains("sk-secret-123"), "{error}");

    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let client = Client::new(format!("http://127.0.0.1:{port}")).expect("valid base url");
    let error = client.create_client_token(Some("sk-secret-123"), None).await.expect_err("no server");
    assert!(!format!("{error:?}").contains("sk-secret-123"), "{error:?}");
}

#[tokio::test]
async fn an_html_page_instead_of_json_is_an_invalid_body() {
    let page =
        ResponseTemplate::new(200).insert_header("content-type", "text/html").set_body_string("<html>oops</html>");
    let (_server, client) = server_answering(page).await;
    let error = client.create_client_token(Some("k"), None).await.expect_err("html");
    assert!(matches!(&error, Error::InvalidBody(i) if i.response().body() == b"<html>oops</html>"), "{error:?}");
}

#[tokio::test]
async fn the_api_key_can_be_set_once_on_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN))
        .and(header("x-api-key", "sk-client"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN))
        .and(header("x-api-key", "sk-per-call"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("valid base url").with_x_api_key("sk-client");
    client.create_client_token(None, None).await.expect("the client's key");
    client.create_client_token(Some("sk-per-call"), None).await.expect("the call's key wins");
    server.verify().await;
}

#[tokio::test]
async fn no_api_key_anywhere_fails_before_sending() {
    let (server, client) = server_answering(ResponseTemplate::new(200).set_body_json(token_body())).await;
    let error = client.create_client_token(None, None).await.expect_err("no key");
    assert!(matches!(error, Error::MissingParameter("x-api-key")), "{error:?}");
    assert_eq!(error.to_string(), "`x-api-key` is required: pass it to the call or set it on the client");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

/// The `mock` feature, as a user testing their own code would use it.
mod mock_feature {
    use decart_api::mock::MockServer;
    use decart_api::models::{ClientTokenRequest, ClientTokenResponse, HttpValidationError};
    use decart_api::responses::CreateClientTokenError;

    /// Code under test: asks for a token and returns its key.
    async fn fetch_key(client: &decart_api::Client) -> Result<String, String> {
        let request = ClientTokenRequest::default();
        match client.create_client_token(Some("sk"), Some(&request)).await {
            Ok(token) => Ok(token.into_inner().api_key),
            Err(error) => Err(error.to_string()),
        }
    }

    #[tokio::test]
    async fn typed_answers_drive_code_under_test() {
        let server = MockServer::start().await;
        // The README's mock example: a response built from its required fields.
        let token = ClientTokenResponse::new("ek_mocked", "2026-12-01T00:00:00Z");
        assert_eq!((token.permissions.as_ref(), token.constraints.as_ref()), (None, None));
        server.create_client_token().times(1).returns(&token).await;
        assert_eq!(fetch_key(&server.client()).await, Ok("ek_mocked".to_owned()));
        let sent = server.inner().received_requests().await.expect("recorded");
        assert_eq!(sent[0].headers["x-api-key"], "sk");
    }

    #[tokio::test]
    async fn documented_errors_come_back_typed() {
        let server = MockServer::start().await;
        server.create_client_token().fails(422, &HttpValidationError { detail: Some(Vec::new()) }).await;
        let error = server.client().create_client_token(Some("sk"), None).await.expect_err("422");
        assert!(matches!(error.api_error(), Some(CreateClientTokenError::UnprocessableEntity(_))));
    }

    #[tokio::test]
    async fn unmocked_operations_answer_404() {
        let server = MockServer::start().await;
        let error = server.client().create_client_token(Some("sk"), None).await.expect_err("no answer set");
        assert_eq!(error.status(), Some(reqwest::StatusCode::NOT_FOUND));
    }
}
