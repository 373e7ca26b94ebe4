//! The `secrets` case: credentials in every place, as schemes and as parameters. No `Debug`
//! the crate has shows one, headers carrying them are sensitive, and an error whose URL
//! holds one shows it redacted.

use std::sync::{Arc, Mutex};

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::recorded::{header, only_request};
use super::secrets::{BoxError, Client, Error, Hook};

/// Every secret this test hands the client; none may appear in any `Debug` or message.
const SECRETS: [&str; 9] = [
    "SECRET-HEADER-KEY",
    "SECRET-QUERY-SIG",
    "SECRET-COOKIE-SID",
    "SECRET-BEARER",
    "SECRET-BASIC-PASSWORD",
    "SECRET-ACCESS-TOKEN",
    "SECRET-AUTH-TOKEN",
    "SECRET-SESSION-ID",
    "SECRET-SIGNING",
];

fn assert_hidden(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} is shown in: {text}");
    }
}

/// A request as a hook saw it: its `Debug`, and the names of its sensitive headers.
#[derive(Debug, Clone)]
struct Seen {
    debug: String,
    sensitive: Vec<String>,
}

/// Records what hooks see of each request.
#[derive(Default, Clone)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Hook for Recorder {
    fn on_request(&self, request: &mut reqwest::Request) -> Result<(), BoxError> {
        let sensitive = request.headers().iter().filter(|(_, v)| v.is_sensitive()).map(|(n, _)| n.to_string());
        let seen = Seen { debug: format!("{request:?}"), sensitive: sensitive.collect() };
        self.seen.lock().expect("not poisoned").push(seen);
        Ok(())
    }
}

fn client(base: &str, recorder: &Recorder) -> Client {
    Client::new(base)
        .expect("valid base url")
        .with_api_key_header(SECRETS[0])
        .with_api_key_query(SECRETS[1])
        .with_api_key_cookie(SECRETS[2])
        .with_bearer_auth(SECRETS[3])
        .with_basic_auth("user", SECRETS[4])
        .with_x_auth_token(SECRETS[6])
        .with_hook(recorder.clone())
}

#[test]
fn no_debug_of_the_client_or_a_builder_shows_a_secret() {
    let client = client("http://127.0.0.1:9/", &Recorder::default());
    assert_hidden(&format!("{client:?}"));
    let list =
        client.list_items_builder().access_token(SECRETS[5]).x_auth_token(SECRETS[6]).session_id(SECRETS[7]).page(2);
    let shown = format!("{list:?}");
    assert_hidden(&shown);
    assert!(shown.contains("access_token: Some(<redacted>)") && shown.contains("page: Some(2)"), "{shown}");
    let sign = client.sign_item_builder("7", SECRETS[8]).password(SECRETS[4]).note("visible");
    let shown = format!("{sign:?}");
    assert_hidden(&shown);
    assert!(shown.contains("x_signing_secret: <redacted>") && shown.contains("note: Some(\"visible\")"), "{shown}");
    assert!(shown.contains("x_auth_token: None"), "an unset secret shows as unset: {shown}");
}

#[tokio::test]
async fn headers_carrying_secrets_are_sensitive_to_hooks() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(["a"])).mount(&server).await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let recorder = Recorder::default();
    let client = client(&server.uri(), &recorder);
    client.list_items(Some(SECRETS[5]), None, Some(SECRETS[7]), Some(2)).await.expect("200");
    let request = only_request(&server).await;
    // What is sent is the secret itself.
    assert_eq!(header(&request, "x-auth-token"), Some(SECRETS[6]));
    assert_eq!(header(&request, "cookie"), Some("session_id=SECRET-SESSION-ID"));
    assert_eq!(request.url.query(), Some("access_token=SECRET-ACCESS-TOKEN&page=2&sig=SECRET-QUERY-SIG"));
    client.sign_item("7", SECRETS[8], None, Some("n"), None).await.expect("204");

    let seen = recorder.seen.lock().expect("not poisoned").clone();
    let [list, sign] = &seen[..] else { panic!("two requests: {seen:?}") };
    for name in ["x-auth-token", "cookie"] {
        assert!(list.sensitive.iter().any(|n| n == name), "{name} is not sensitive: {list:?}");
    }
    for name in ["x-api-key", "x-signing-secret", "x-auth-token", "cookie"] {
        assert!(sign.sensitive.iter().any(|n| n == name), "{name} is not sensitive: {sign:?}");
    }
    // reqwest's `Debug` of a request shows sensitive headers as `Sensitive`. The query is
    // in its URL: what a hook sees is what is sent.
    assert!(!sign.debug.contains(SECRETS[8]) && !sign.debug.contains(SECRETS[0]), "{sign:?}");
    assert!(!list.debug.contains(SECRETS[6]) && !list.debug.contains(SECRETS[7]), "{list:?}");
}

#[tokio::test]
async fn transport_errors_show_query_secrets_redacted() {
    // A loopback port nothing listens on: the connection is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/", listener.local_addr().expect("address"));
    drop(listener);
    let client = client(&base, &Recorder::default());
    let error = client.list_items(Some(SECRETS[5]), None, None, Some(2)).await.expect_err("refused");
    assert!(matches!(error, Error::Request(_)), "{error:?}");
    let (shown, debug) = (error.to_string(), format!("{error:?}"));
    assert_hidden(&shown);
    assert_hidden(&debug);
    // The scheme's `sig` and the `access_token` parameter are hidden; `page` is not.
    assert!(shown.contains("page=2") && shown.contains("sig=%3Credacted%3E"), "{shown}");
    assert!(shown.contains("access_token=%3Credacted%3E"), "{shown}");

    let error = client.sign_item("7", SECRETS[8], None, None, Some(SECRETS[4])).await.expect_err("refused");
    assert_hidden(&format!("{error} {error:?}"));
}
