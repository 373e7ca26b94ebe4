//! The `lenient` option on the wire (`spec/cases/lenient.yaml`): missing and `null`
//! required values read as empty ones, each recorded; nothing else is forgiven.

use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::lenient::models::{Owner, OwnerKind, Repo};
use super::lenient::{Client, Error};

async fn answering(body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    (server, client)
}

#[tokio::test]
async fn a_response_that_keeps_its_promises_has_no_deviations() {
    let body = serde_json::json!({
        "id": 1, "name": "hello", "private": false, "topics": ["rust"],
        "owner": {"login": "octocat", "kind": "user"},
    });
    let (_server, client) = answering(body).await;
    let repo = client.get_repo(1).await.expect("reads");
    assert!(repo.deviations().is_empty());
    assert_eq!(repo.owner.kind, OwnerKind::User);
}

#[tokio::test]
async fn missing_and_null_required_values_read_empty_and_are_recorded() {
    // GitHub's stale examples: `private` missing, `topics` null, `owner` without `kind`.
    let body = serde_json::json!({"id": 1, "name": "hello", "topics": null, "owner": {"login": "octocat"}});
    let (_server, client) = answering(body).await;
    let repo = client.get_repo(1).await.expect("reads leniently");
    let places: Vec<(&str, &serde_json::Value)> =
        repo.deviations().iter().map(|d| (d.path.as_str(), &d.read_as)).collect();
    assert_eq!(
        places,
        // In the order decoding meets them: a missing property once its object is read.
        [
            ("/topics", &serde_json::json!([])),
            ("/owner/kind", &serde_json::json!("")),
            ("/private", &serde_json::json!(false)),
        ]
    );
    assert!(repo.deviations()[0].promised.contains("null"), "{:?}", repo.deviations());
    assert!(repo.deviations()[2].promised.contains("missing field `private`"), "{:?}", repo.deviations());
    assert!(!repo.private && repo.topics.is_empty());
    assert_eq!(repo.owner.kind, OwnerKind::Unknown(String::new()));
    // A whole missing object is filled in, field by field, each recorded.
    let (_server, client) = answering(serde_json::json!({"id": 2, "name": "x", "private": true, "topics": []})).await;
    let repo = client.get_repo(2).await.expect("reads leniently");
    let places: Vec<&str> = repo.deviations().iter().map(|d| d.path.as_str()).collect();
    assert_eq!(places, ["/owner", "/owner/login", "/owner/kind"]);
    assert_eq!(repo.owner.login, "");
}

#[tokio::test]
async fn a_value_of_another_type_is_still_an_error() {
    let body = serde_json::json!({"id": "one", "name": "hello", "private": false, "topics": [], "owner": {"login": "o", "kind": "user"}});
    let (_server, client) = answering(body).await;
    let error = client.get_repo(1).await.expect_err("text is not an integer");
    assert!(matches!(error, Error::InvalidBody(_)), "{error:?}");
}

#[tokio::test]
async fn requests_are_sent_as_built() {
    let server = MockServer::start().await;
    let owner = Owner::new("octocat", OwnerKind::Organization);
    let repo = Repo::new(1, "hello", true, vec!["a".to_owned()], owner);
    let sent = serde_json::json!({
        "id": 1, "name": "hello", "private": true, "topics": ["a"],
        "owner": {"login": "octocat", "kind": "organization"},
    });
    Mock::given(method("PUT"))
        .and(path("/repos/1"))
        .and(body_json(sent))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    client.put_repo(1, &repo).await.expect("sent as built");
}
