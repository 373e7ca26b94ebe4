//! What real servers send beside what their specs promise (`spec/cases/real-data.yaml`).

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::real_data::Client;
use super::real_data::models::{Accepted, Delivery};

/// A server answering `verb at` with `status` and `body`, and a client of it.
async fn server_answering(verb: &str, at: &str, status: u16, body: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    (server, client)
}

#[tokio::test]
async fn a_text_that_says_additional_properties_is_still_text() {
    let body = r#"{"id": 1, "duration": 0.5, "response": {"headers": {"x": "y"}, "payload": "{\"ok\":true}"}}"#;
    let (_server, client) = server_answering("GET", "/deliveries/1", 200, body).await;
    let delivery: Delivery = client.get_delivery(1).await.expect("decodes").into_inner();
    assert_eq!(delivery.response.payload.as_deref(), Some(r#"{"ok":true}"#));
    assert_eq!(delivery.response.headers.expect("headers")["x"], "y");
}

#[tokio::test]
async fn null_in_an_optional_property_is_none_nullable_or_not() {
    let body = r#"{"id": 1, "duration": 2.5, "status": null, "response": {"headers": null, "payload": null}}"#;
    let (_server, client) = server_answering("GET", "/deliveries/1", 200, body).await;
    let delivery = client.get_delivery(1).await.expect("decodes").into_inner();
    assert_eq!(delivery.status, None);
    assert_eq!(delivery.response.payload, None);
    assert_eq!(delivery.duration, Some(2.5));
}

#[tokio::test]
async fn an_overlay_makes_a_required_property_nullable() {
    // `spec/overlays/real-data.yaml` says what the spec does not: `duration` may be `null`.
    let body = r#"{"id": 1, "duration": null, "response": {"headers": null, "payload": null}}"#;
    let (_server, client) = server_answering("GET", "/deliveries/1", 200, body).await;
    let delivery = client.get_delivery(1).await.expect("decodes").into_inner();
    assert_eq!(delivery.duration, None);
}

#[tokio::test]
async fn a_null_or_empty_body_is_the_empty_value_where_nothing_is_required() {
    for body in ["null", "", " null\n"] {
        let (_server, client) = server_answering("POST", "/repos", 202, body).await;
        let accepted = client.create_repo().await.expect("decodes").into_inner();
        assert_eq!(accepted, Accepted::default(), "{body:?}");
        let (_server, client) = server_answering("GET", "/repos", 200, body).await;
        assert_eq!(client.list_repos().await.expect("decodes").into_inner(), [], "{body:?}");
    }
    // Where something is required, `null` is not what the spec promised.
    let (_server, client) = server_answering("GET", "/deliveries/1", 200, "null").await;
    let error = client.get_delivery(1).await.expect_err("a delivery has an id");
    assert!(matches!(error, super::real_data::Error::InvalidBody(_)), "{error:?}");
}

#[test]
fn of_variants_that_read_an_object_the_one_keeping_the_most_wins() {
    use super::real_data::models::{GateDecision, GateStateRequired, GateStateRequiredState};
    // Both variants read it; the first declared would drop `state`.
    let decision: GateDecision =
        serde_json::from_value(serde_json::json!({"environment_name": "prod", "state": "approved", "comment": "ok"}))
            .expect("decodes");
    let mut expected = GateStateRequired::new("prod", GateStateRequiredState::Approved);
    expected.comment = Some("ok".to_owned());
    assert_eq!(decision, GateDecision::GateStateRequired(expected));
    // Without `state`, only the other reads it.
    let decision: GateDecision =
        serde_json::from_value(serde_json::json!({"environment_name": "prod", "comment": "ok"})).expect("decodes");
    assert!(matches!(decision, GateDecision::GateCommentRequired(_)), "{decision:?}");
}

#[tokio::test]
async fn an_any_of_keeps_every_member_that_holds() {
    use super::real_data::models::{GateCommentRequired, GateStateRequired, GateStateRequiredState, ReviewGateBody};
    let both = serde_json::json!({"environment_name": "prod", "state": "approved", "comment": "ok"});
    let review: ReviewGateBody = serde_json::from_value(both.clone()).expect("decodes");
    let mut state = GateStateRequired::new("prod", GateStateRequiredState::Approved);
    state.comment = Some("ok".to_owned());
    let expected = ReviewGateBody {
        gate_comment_required: Some(GateCommentRequired::new("prod", "ok")),
        gate_state_required: Some(state),
    };
    assert_eq!(review, expected);
    assert_eq!(serde_json::to_value(&review).expect("encodes"), both);
    let comment_only: ReviewGateBody =
        serde_json::from_value(serde_json::json!({"environment_name": "prod", "comment": "ok"})).expect("decodes");
    assert!(comment_only.gate_state_required.is_none(), "{comment_only:?}");
    // An anyOf holds at least one member: an object neither reads is refused, saying why.
    let error = serde_json::from_value::<ReviewGateBody>(serde_json::json!({"environment_name": "prod"}))
        .expect_err("neither member reads it");
    assert!(error.to_string().contains("gate_state_required: missing field `state`"), "{error}");
    // Sent as the members merged into one object.
    let (server, client) = server_answering("POST", "/gates", 200, "[]").await;
    client.review_gate(&expected).await.expect("sends");
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON");
    assert_eq!(sent, both);
}

#[test]
fn an_any_of_whose_members_rule_each_other_out_stays_a_union() {
    use super::real_data::models::Mention;
    let team: Mention = serde_json::from_value(serde_json::json!({"type": "team", "slug": "core"})).expect("decodes");
    assert!(matches!(team, Mention::TeamMention(_)), "{team:?}");
}

#[tokio::test]
async fn a_one_value_property_tells_variants_apart() {
    use super::real_data::models::{Event, EventCommentedType};
    let body = r#"[{"type": "labeled", "id": 1, "label": "bug"}, {"type": "commented", "id": 2}, {"type": "closed", "id": 3}]"#;
    let (_server, client) = server_answering("POST", "/gates", 200, body).await;
    let review = super::real_data::models::ReviewGateBody {
        gate_comment_required: Some(super::real_data::models::GateCommentRequired::new("prod", "ok")),
        gate_state_required: None,
    };
    let events = client.review_gate(&review).await;
    let events = events.expect("decodes").into_inner();
    assert!(matches!(&events[0], Event::Labeled(labeled) if labeled.label.as_deref() == Some("bug")), "{events:?}");
    assert!(matches!(&events[1], Event::Commented(commented) if commented.id == 2), "{events:?}");
    // A kind this version does not list is still read, its tag kept as sent.
    assert!(
        matches!(&events[2], Event::Commented(c) if c.r#type == EventCommentedType::Unknown("closed".to_owned())),
        "{events:?}"
    );
}

#[test]
fn the_examples_check_agrees_with_the_generated_types() {
    // `openapi-gen examples` reads examples against the generator's model of the types;
    // the generated types must read (and refuse) the same ones.
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/cases/real-data.yaml");
    let overlay = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/overlays/real-data.yaml");
    let report = openapi_gen::Config::new().overlay(overlay).check_examples(spec).expect("checks");
    let refused: Vec<&str> = report.mismatches.iter().map(|m| m.pointer.as_str()).collect();
    assert_eq!(refused, ["#/components/examples/stale-delivery/value/id"]);
    let text = std::fs::read_to_string(spec).expect("spec");
    let document: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
    let examples = &document["paths"]["/deliveries/{id}"]["get"]["responses"]["200"]["content"]["application/json"];
    let done = examples["examples"]["done"]["value"].clone();
    let stale = document["components"]["examples"]["stale-delivery"]["value"].clone();
    assert!(serde_json::from_value::<Delivery>(done).is_ok());
    assert!(serde_json::from_value::<Delivery>(stale).is_err());
}
