//! `allOf` polymorphism: a base with a discriminator decodes as the subtype its tag names.

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::inheritance::Client;
use super::inheritance::models::{Circle, Dog, Drawing, Lizard, Pet, Shape};

async fn serving(route: &str, status: u16, body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(path(route)).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    (server, client)
}

#[tokio::test]
async fn a_base_decodes_as_the_subtype_its_tag_names() {
    let pets = serde_json::json!([
        {"petType": "dog", "name": "Rex", "bark": true},
        {"petType": "Cat", "name": "Tom", "lives": 9},
        {"petType": "Lizard", "name": "Liz", "mother": {"petType": "Lizard", "name": "Old Liz"}},
        {"petType": "Pet", "name": "Generic"},
        {"petType": "Puppy", "name": "Bit", "bark": false, "age_weeks": 9},
    ]);
    let (_server, client) = serving("/pets", 200, pets).await;
    let pets = client.list_pets().await.expect("200").into_inner();
    let Pet::Dog(dog) = &pets[0] else { panic!("a dog: {:?}", pets[0]) };
    assert_eq!((dog.name.as_str(), dog.bark), ("Rex", Some(true)));
    let Pet::Cat(cat) = &pets[1] else { panic!("a cat: {:?}", pets[1]) };
    assert_eq!(cat.lives, Some(9));
    // A subtype that adds nothing is still told apart, and the base nests through it (the
    // `mother` fields are boxed to break the cycle).
    let Pet::Lizard(lizard) = &pets[2] else { panic!("a lizard: {:?}", pets[2]) };
    let Lizard { mother: Some(mother), .. } = lizard else { panic!("a mother: {lizard:?}") };
    assert!(matches!(&**mother, Pet::Lizard(old) if old.name == "Old Liz"), "{mother:?}");
    // The base's own tag is no subtype's: kept whole.
    assert_eq!(pets[3], Pet::Unknown(serde_json::json!({"petType": "Pet", "name": "Generic"})));
    // A subtype of a subtype, with the fields of both.
    let Pet::Puppy(puppy) = &pets[4] else { panic!("a puppy: {:?}", pets[4]) };
    assert_eq!((puppy.bark, puppy.age_weeks), (Some(false), Some(9)));
}

#[tokio::test]
async fn a_subtype_is_sent_with_its_own_fields_and_tag() {
    let added = serde_json::json!({"petType": "dog", "name": "Rex"});
    let (server, client) = serving("/pets", 201, added).await;
    let dog = Dog { pet_type: "dog".to_owned(), name: "Rex".to_owned(), mother: None, bark: Some(false) };
    let created = client.add_pet(&Pet::Dog(dog)).await.expect("201");
    assert!(matches!(&*created, Pet::Dog(dog) if dog.bark.is_none()), "{:?}", *created);
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON body");
    assert_eq!(sent, serde_json::json!({"petType": "dog", "name": "Rex", "bark": false}));
}

#[tokio::test]
async fn a_subtype_may_name_its_own_tag() {
    let drawing = serde_json::json!({"shape": {"kind": "circle", "radius": 2.5}});
    let (_server, client) = serving("/drawings/d1", 200, drawing).await;
    let drawing: Drawing = client.get_drawing("d1").await.expect("200").into_inner();
    assert_eq!(drawing.shape, Some(Shape::Circle(Circle { kind: "circle".to_owned(), radius: Some(2.5) })));
}
