//! The tri-state option on the wire: a `PATCH` body says "leave alone", "clear" and "set"
//! apart, and a response tells a missing property from a `null` one.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::tri_state::models::{Owner, PetPatch};
use super::tri_state::{Client, Tristate};

#[tokio::test]
async fn patch_bodies_send_null_only_when_asked() {
    let server = MockServer::start().await;
    let reply = serde_json::json!({"id": 1, "name": null, "weight": 2.5, "owner": {"name": "Ann"}});
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_json(reply)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    let patch = PetPatch {
        id: 1,
        name: Tristate::Null,
        tag: Tristate::Absent,
        owner: Owner { name: Some("Ann".to_owned()) }.into(),
        nickname: None,
        weight: None,
    };
    let updated = client.update_pet(1, &patch).await.expect("200").into_inner();

    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON body");
    // `tag` is absent, `name` is an explicit null; the required nullable `weight` is sent as null.
    assert_eq!(sent, serde_json::json!({"id": 1, "name": null, "owner": {"name": "Ann"}, "weight": null}));

    assert_eq!(updated.name, Tristate::Null, "null in the response");
    assert_eq!(updated.tag, Tristate::Absent, "missing from the response");
    assert_eq!(updated.owner.value().and_then(|o| o.name.as_deref()), Some("Ann"));
    assert_eq!(updated.weight, Some(2.5));
}

#[test]
fn tristate_converts_from_values_and_options() {
    assert_eq!(Tristate::from(3), Tristate::Value(3));
    assert_eq!(Tristate::<i32>::from(None), Tristate::Null);
    assert_eq!(Tristate::from(Some(3)).into_option(), Some(3));
    assert_eq!(Tristate::<i32>::default(), Tristate::Absent);
}
