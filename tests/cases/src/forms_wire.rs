//! What the `forms` case's client puts on the wire for form and multipart bodies.

use std::collections::BTreeMap;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::recorded::only_request;

use super::forms::models::{
    CreateOrderBody, CreateOrderBodyConfig, CreateOrderBodyFilter, CustomerParams, CustomerParamsAddress,
    CustomerParamsItemsItem, UploadForm,
};
use super::forms::{Client, FilePart};

async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let created = ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "x"}));
    Mock::given(method("POST")).and(path("/orders")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/untyped-parts"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(created).mount(&server).await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    (server, client)
}

#[tokio::test]
async fn form_bodies_nest_objects_and_arrays_in_brackets() {
    let (server, client) = server().await;
    let params = CustomerParams {
        email: "ada@example.com".to_owned(),
        expand: Some(vec!["invoice".to_owned(), "subscription".to_owned()]),
        address: Some(CustomerParamsAddress { line1: Some("1 Main St".to_owned()), city: None }),
        items: Some(vec![CustomerParamsItemsItem { price: Some("p_1".to_owned()), quantity: Some(2) }]),
        metadata: Some(BTreeMap::from([("plan".to_owned(), "pro & more".to_owned())])),
    };
    client.create_customer(&params).await.expect("201");
    let request = only_request(&server).await;
    assert_eq!(
        request.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/x-www-form-urlencoded"[..])
    );
    let expected = [
        ("address[line1]", "1 Main St"),
        ("email", "ada@example.com"),
        ("expand", "invoice"),
        ("expand", "subscription"),
        ("items[0][price]", "p_1"),
        ("items[0][quantity]", "2"),
        ("metadata[plan]", "pro & more"),
    ];
    assert_eq!(form_fields(&request), expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

/// The fields of a form body, sorted by name. Field order follows serde_json's map order;
/// the order within a repeated field is kept.
fn form_fields(request: &Request) -> Vec<(String, String)> {
    let body = std::str::from_utf8(&request.body).expect("text");
    let mut fields: Vec<(String, String)> =
        reqwest::Url::parse(&format!("http://form/?{body}")).expect("form").query_pairs().into_owned().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields
}

#[tokio::test]
async fn form_encoding_entries_choose_how_each_field_is_written() {
    let (server, client) = server().await;
    let order = CreateOrderBody {
        expand: Some(vec!["customer".to_owned(), "invoice".to_owned()]),
        tags: Some(vec!["a".to_owned(), "b c".to_owned()]),
        ids: Some(vec![1, 2]),
        filter: Some(CreateOrderBodyFilter { status: Some("open".to_owned()) }),
        config: Some(CreateOrderBodyConfig { mode: Some("fast".to_owned()) }),
        note: Some("rush".to_owned()),
    };
    client.create_order(&order).await.expect("204");
    let expected = [
        // `contentType: application/json`: the value as JSON text.
        ("config", r#"{"mode":"fast"}"#),
        // `deepObject`: arrays in indexed brackets, as Stripe reads them.
        ("expand[0]", "customer"),
        ("expand[1]", "invoice"),
        // `style: form` with the default `explode` is the default: objects in brackets.
        ("filter[status]", "open"),
        // `form` without `explode`: one field, comma-separated.
        ("ids", "1,2"),
        // `deepObject` does not change a scalar.
        ("note", "rush"),
        // `pipeDelimited`: one field, values joined by `|`.
        ("tags", "a|b c"),
    ];
    assert_eq!(form_fields(&only_request(&server).await), expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

/// The parts of a multipart body: (headers, content) by part, split at the boundary.
fn parts(request: &Request) -> Vec<(String, Vec<u8>)> {
    let content_type = request.headers.get("content-type").expect("content type").to_str().expect("text");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("multipart");
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut found = Vec::new();
    let mut rest = &body[..];
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let end = find(rest, delimiter.as_bytes()).expect("closing boundary");
        let part = &rest[2..end - 2]; // between the CRLF after the boundary and the one before the next
        let split = find(part, b"\r\n\r\n").expect("part headers");
        let headers = String::from_utf8_lossy(&part[..split]).into_owned();
        found.push((headers, part[split + 4..].to_vec()));
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[tokio::test]
async fn multipart_forms_send_files_text_and_json_parts() {
    let (server, client) = server().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let on_disk = dir.path().join("report.csv");
    std::fs::write(&on_disk, "a,b\n1,2\n").expect("write");
    let form = UploadForm {
        file: FilePart::bytes("hello").file_name("hello.txt").content_type("text/plain"),
        thumbnail: None,
        attachments: vec![
            FilePart::from_path(&on_disk).await.expect("readable file"),
            FilePart::bytes(vec![0u8, 159, 146, 150]),
        ],
        purpose: super::forms::models::UploadFormPurpose::Avatar,
        tags: vec!["a".to_owned(), "b".to_owned()],
        size: Some(42),
        metadata: Some(BTreeMap::from([("k".to_owned(), "v".to_owned())])),
    };
    let created = client.upload(form).await.expect("201");
    assert_eq!(created.id.as_deref(), Some("x"));

    let request = only_request(&server).await;
    let parts = parts(&request);
    let summary: Vec<(String, Vec<u8>)> = parts
        .into_iter()
        .map(|(headers, content)| (headers.replace("\r\n", " | ").to_ascii_lowercase(), content))
        .collect();
    let expected: Vec<(&str, &[u8])> = vec![
        ("content-disposition: form-data; name=\"file\"; filename=\"hello.txt\" | content-type: text/plain", b"hello"),
        (
            // The body's `encoding` names the media type of these parts.
            "content-disposition: form-data; name=\"attachments\"; filename=\"report.csv\" | content-type: text/csv",
            b"a,b\n1,2\n",
        ),
        ("content-disposition: form-data; name=\"attachments\" | content-type: text/csv", &[0, 159, 146, 150]),
        ("content-disposition: form-data; name=\"purpose\"", b"avatar"),
        ("content-disposition: form-data; name=\"tags\"", b"a"),
        ("content-disposition: form-data; name=\"tags\"", b"b"),
        ("content-disposition: form-data; name=\"size\" | content-type: text/plain", b"42"),
        (
            "content-disposition: form-data; name=\"metadata\" | content-type: application/vnd.meta+json",
            br#"{"k":"v"}"#,
        ),
    ];
    let expected: Vec<(String, Vec<u8>)> = expected.into_iter().map(|(h, c)| (h.to_owned(), c.to_vec())).collect();
    assert_eq!(summary, expected);
}

#[tokio::test]
async fn an_optional_multipart_body_may_be_left_out() {
    let (server, client) = server().await;
    client.import_data(None).await.expect("204");
    assert!(only_request(&server).await.body.is_empty());

    let (server, client) = self::server().await;
    let form = super::forms::models::ImportDataForm {
        data: Some(FilePart::bytes("x")),
        dry_run: Some(true),
        log: None,
        extras: Vec::new(),
    };
    client.import_data(Some(form)).await.expect("204");
    let names: Vec<String> = parts(&only_request(&server).await).into_iter().map(|(h, _)| h).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[1].contains("name=\"dry_run\""), "{names:?}");
}

#[tokio::test]
async fn parts_without_a_type_are_sent_as_files() {
    let (server, client) = server().await;
    let form = super::forms::models::ImportDataForm {
        log: Some(FilePart::bytes("started\n")),
        extras: vec![FilePart::bytes("{}").content_type("application/json"), FilePart::bytes(vec![1u8, 2])],
        ..Default::default()
    };
    client.import_data(Some(form)).await.expect("204");
    let parts: Vec<(String, Vec<u8>)> = parts(&only_request(&server).await)
        .into_iter()
        .map(|(headers, content)| (headers.replace("\r\n", " | ").to_ascii_lowercase(), content))
        .collect();
    let expected: Vec<(&str, &[u8])> = vec![
        // OpenAPI's media type for a part whose schema has no type.
        ("content-disposition: form-data; name=\"log\" | content-type: application/octet-stream", b"started\n"),
        ("content-disposition: form-data; name=\"extras\" | content-type: application/json", b"{}"),
        ("content-disposition: form-data; name=\"extras\" | content-type: application/octet-stream", &[1, 2]),
    ];
    let expected: Vec<(String, Vec<u8>)> = expected.into_iter().map(|(h, c)| (h.to_owned(), c.to_vec())).collect();
    assert_eq!(parts, expected);
}

#[tokio::test]
async fn a_multipart_body_without_a_schema_takes_the_form_the_caller_builds() {
    let (server, client) = server().await;
    let form = reqwest::multipart::Form::new().text("note", "hi").part(
        "data",
        reqwest::multipart::Part::bytes(vec![1u8, 2]).mime_str("application/octet-stream").expect("a media type"),
    );
    client.untyped_parts(Some(form)).await.expect("204");
    let parts: Vec<(String, Vec<u8>)> = parts(&only_request(&server).await)
        .into_iter()
        .map(|(headers, content)| (headers.replace("\r\n", " | ").to_ascii_lowercase(), content))
        .collect();
    let expected = vec![
        ("content-disposition: form-data; name=\"note\"".to_owned(), b"hi".to_vec()),
        (
            "content-disposition: form-data; name=\"data\" | content-type: application/octet-stream".to_owned(),
            vec![1, 2],
        ),
    ];
    assert_eq!(parts, expected);
}
