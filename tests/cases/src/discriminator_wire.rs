//! Unions picked by a discriminator, decoded from and encoded to real responses.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::discriminator::Client;
use super::discriminator::models::{Cat, Created, Deleted, Dog, Event, Pet};

#[tokio::test]
async fn the_tag_picks_the_variant_and_unknown_tags_are_kept() {
    let server = MockServer::start().await;
    let pets = serde_json::json!([
        {"petType": "Dog", "name": "Rex"},
        // A cat that would also match `Dog` untagged, were it not for its tag.
        {"petType": "Cat", "meow": true, "name": "Tom"},
        {"petType": "Parrot", "words": 12},
    ]);
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(pets)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    let pets = client.list_pets().await.expect("200").into_inner();
    assert_eq!(pets[0], Pet::Dog(Dog { pet_type: "Dog".to_owned(), name: "Rex".to_owned() }));
    assert_eq!(pets[1], Pet::Cat(Cat { pet_type: "Cat".to_owned(), meow: true }));
    assert_eq!(pets[2], Pet::Unknown(serde_json::json!({"petType": "Parrot", "words": 12})));
}

#[tokio::test]
async fn variants_keep_their_tag_on_the_way_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"kind": "removed"})))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    let event = client.add_pet(&Pet::Cat(Cat { pet_type: "Cat".to_owned(), meow: false })).await.expect("201");
    // Two tags map to `Deleted`.
    assert_eq!(*event, Event::Deleted(Deleted { kind: "removed".to_owned() }));
    let sent: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.expect("recorded")[0].body).expect("JSON body");
    assert_eq!(sent, serde_json::json!({"petType": "Cat", "meow": false}), "written once, by the variant");
}

#[test]
fn a_tagged_variant_that_does_not_match_its_type_is_an_error() {
    let error = serde_json::from_str::<Event>(r#"{"kind": "created"}"#).expect_err("`id` is missing");
    assert!(error.to_string().contains("missing field `id`"), "{error}");
    let created: Event = serde_json::from_str(r#"{"kind": "created", "id": 3}"#).expect("valid");
    assert_eq!(created, Event::Created(Created { kind: "created".to_owned(), id: 3 }));
}
