//! Request variants on the wire: read-only properties are never sent, write-only ones are
//! not expected back.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::read_write::Client;
use super::read_write::models::{TeamRequest, User, UserRequest};

#[tokio::test]
async fn requests_leave_out_what_the_server_sets() {
    let server = MockServer::start().await;
    // The server's answer has the read-only `id` and no write-only `password`.
    let reply = serde_json::json!({"name": "core", "members": [{"id": 7, "name": "ann", "created": "today"}]});
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201).set_body_json(reply)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    let team = TeamRequest {
        name: "core".to_owned(),
        members: vec![UserRequest { name: "ann".to_owned(), password: "hunter2".to_owned() }],
    };
    let created = client.create_user(&team).await.expect("201").into_inner();

    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON body");
    assert_eq!(sent, serde_json::json!({"name": "core", "members": [{"name": "ann", "password": "hunter2"}]}));
    assert_eq!(
        created.members,
        [User { id: 7, name: "ann".to_owned(), created: Some("today".to_owned()), password: None }]
    );
}
