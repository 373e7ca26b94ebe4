//! Parameter serialisation, table-driven: every style and explode setting of the style
//! examples in the OpenAPI specification (3.1, section 4.8.12.4, which follows RFC 6570),
//! for the string `"blue"`, the array `["blue", "black", "brown"]` and the object
//! `{"R": 100, "G": 200, "B": 150}`, checked on the wire. The path holds the six path
//! styles in this order: simple, simple exploded, label, label exploded, matrix, matrix
//! exploded.

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::styles::Client;
use super::styles::models::Color;

/// `(style and explode, string, array, object)`, as the specification's table writes them.
const PATH_TABLE: [(&str, &str, &str, &str); 6] = [
    ("simple", "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple*", "blue", "blue,black,brown", "R=100,G=200,B=150"),
    ("label", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"),
    ("label*", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("matrix", ";mf=blue", ";mf=blue,black,brown", ";mf=R,100,G,200,B,150"),
    ("matrix*", ";me=blue", ";me=blue;me=black;me=brown", ";R=100;G=200;B=150"),
];

/// `(parameter, string, array, object)` query strings, as sent; `-` where the style does
/// not apply to that kind of value (the table's "n/a").
const QUERY_TABLE: [(&str, &str, &str, &str); 5] = [
    ("form_false", "form_false=blue", "form_false=blue%2Cblack%2Cbrown", "form_false=R%2C100%2CG%2C200%2CB%2C150"),
    ("form_true", "form_true=blue", "form_true=blue&form_true=black&form_true=brown", "-"),
    ("space", "-", "space=blue+black+brown", "space=R+100+G+200+B+150"),
    ("pipe", "-", "pipe=blue%7Cblack%7Cbrown", "pipe=R%7C100%7CG%7C200%7CB%7C150"),
    ("deep", "-", "-", "deep%5BR%5D=100&deep%5BG%5D=200&deep%5BB%5D=150"),
];

/// `(header, string, array, object)`.
const HEADER_TABLE: [(&str, &str, &str, &str); 2] = [
    ("x-simple", "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("x-simple-explode", "blue", "blue,black,brown", "R=100,G=200,B=150"),
];

#[derive(Clone, Copy)]
enum Kind {
    String,
    Array,
    Object,
}

fn pick<'a>(row: &(&'a str, &'a str, &'a str, &'a str), kind: Kind) -> &'a str {
    match kind {
        Kind::String => row.1,
        Kind::Array => row.2,
        Kind::Object => row.3,
    }
}

async fn recorded(send: impl AsyncFnOnce(Client)) -> Request {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    send(Client::new(server.uri()).expect("client")).await;
    server.received_requests().await.expect("recorded").remove(0)
}

fn check(request: &Request, kind: Kind, first_segment: &str) {
    let segments: Vec<&str> = request.url.path().trim_start_matches('/').split('/').collect();
    assert_eq!(segments[0], first_segment);
    for (row, segment) in PATH_TABLE.iter().zip(&segments[1..]) {
        assert_eq!(*segment, pick(row, kind), "path, {}", row.0);
    }
    let query = request.url.query().unwrap_or_default();
    for row in &QUERY_TABLE {
        let expected = pick(row, kind);
        if expected != "-" {
            assert!(query.contains(expected), "query, {}: {expected:?} not in {query:?}", row.0);
        }
    }
    for row in &HEADER_TABLE {
        assert_eq!(request.headers[row.0], pick(row, kind), "header, {}", row.0);
    }
}

#[tokio::test]
async fn strings_follow_the_style_table() {
    let request = recorded(async |client| {
        let b = "blue";
        client.string_styles(b, b, b, b, b, b, b, b, b, b).await.expect("204");
    })
    .await;
    check(&request, Kind::String, "string");
}

#[tokio::test]
async fn arrays_follow_the_style_table() {
    let colors = ["blue".to_owned(), "black".to_owned(), "brown".to_owned()];
    let request = recorded(async |client| {
        let c = &colors[..];
        client.array_styles(c, c, c, c, c, c, c, c, c, c, c, c).await.expect("204");
    })
    .await;
    check(&request, Kind::Array, "array");
}

#[tokio::test]
async fn objects_follow_the_style_table() {
    let color = Color { r: 100, g: 200, b: 150 };
    let request = recorded(async |client| {
        let c = &color;
        client.object_styles(c, c, c, c, c, c, c, c, c, c, c, c).await.expect("204");
    })
    .await;
    check(&request, Kind::Object, "object");
}

#[tokio::test]
async fn an_exploded_form_object_spreads_its_properties() {
    let color = Color { r: 100, g: 200, b: 150 };
    let request = recorded(async |client| {
        client.exploded_object(&color).await.expect("204");
    })
    .await;
    assert_eq!(request.url.query(), Some("R=100&G=200&B=150"));
}
