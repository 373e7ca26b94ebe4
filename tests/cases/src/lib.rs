//! Every `spec/cases` client, compiled together: that this builds without warnings under
//! `cargo clippy -- -D warnings` is one test. The tests below check what some of those
//! clients put on the wire.

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

#[cfg(test)]
mod auth_wire;
#[cfg(test)]
mod discriminator_wire;
#[cfg(test)]
mod formats_wire;
#[cfg(test)]
mod forms_wire;
#[cfg(test)]
mod inheritance_wire;
#[cfg(test)]
mod lenient_wire;
#[cfg(test)]
mod maps_wire;
#[cfg(test)]
mod objects_wire;
#[cfg(test)]
mod pagination_wire;
#[cfg(test)]
mod prism;
#[cfg(test)]
mod read_write_wire;
#[cfg(test)]
mod real_data_wire;
#[cfg(test)]
mod recorded;
#[cfg(test)]
mod secrets_wire;
#[cfg(test)]
mod shared_headers_wire;
#[cfg(test)]
mod streams_wire;
#[cfg(test)]
mod styles_wire;
#[cfg(test)]
mod tri_state_wire;
#[cfg(test)]
mod typed_formats_wire;

#[cfg(test)]
mod wire {
    use wiremock::matchers::{body_string, header, method, path, query_param};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    use super::{bodies, params};

    #[tokio::test]
    async fn parameters_are_encoded_in_every_place() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
            .mount(&server)
            .await;
        let client = params::Client::new(format!("{}/v2/", server.uri())).expect("valid base url");
        let tags = ["x y".to_owned(), "z&w".to_owned()];
        let pipes = ["a".to_owned(), "b".to_owned()];
        let file = client
            .get_file(
                7,
                "a/b c?",
                Some("trace-1"),
                10,
                Some("é & = +"),
                Some(&tags),
                &[1, 2, 3],
                Some(&pipes),
                Some(&params::models::Order::Desc),
                Some("req-9"),
                Some(3),
                Some("s1"),
                None,
            )
            .await
            .expect("200");
        assert_eq!(file.get("ok"), Some(&serde_json::json!(true)));

        let requests = server.received_requests().await.expect("recorded");
        let request: &Request = &requests[0];
        // The `/` and `?` in the path parameter stay inside their segment.
        assert_eq!(request.url.path(), "/v2/items/7/files/a%2Fb%20c%3F.json");
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let expected = [
            ("limit", "10"),
            ("ids", "1,2,3"),
            ("q", "é & = +"),
            ("tags", "x y"),
            ("tags", "z&w"),
            ("pipes", "a|b"),
            ("order", "desc"),
        ];
        assert_eq!(query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
        assert_eq!(request.headers.get("x-request-id").map(|v| v.as_bytes()), Some(&b"req-9"[..]));
        assert_eq!(request.headers.get("x-trace").map(|v| v.as_bytes()), Some(&b"trace-1"[..]));
        assert_eq!(request.headers.get("x-count").map(|v| v.as_bytes()), Some(&b"3"[..]));
        assert_eq!(request.headers.get("cookie").map(|v| v.as_bytes()), Some(&b"session=s1"[..]));
    }

    #[tokio::test]
    async fn a_builder_sends_what_the_positional_call_sends() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
            .mount(&server)
            .await;
        let client = params::Client::new(server.uri()).expect("valid base url");
        let tags = ["x y".to_owned()];
        let none = (None, None, None, None, None);
        client
            .get_file(
                7,
                "f",
                Some("t"),
                10,
                none.0,
                Some(&tags),
                &[1, 2],
                none.1,
                none.2,
                Some("r"),
                Some(3),
                none.3,
                none.4,
            )
            .await
            .expect("200");
        let file = client
            .get_file_builder(7, "f", 10, &[1, 2])
            .x_count(3)
            .tags(&tags)
            .x_trace("t")
            .x_request_id("r")
            .send()
            .await
            .expect("200");
        assert_eq!(file.get("ok"), Some(&serde_json::json!(true)));
        let requests = server.received_requests().await.expect("recorded");
        let [positional, built] = &requests[..] else { panic!("two requests, got {}", requests.len()) };
        assert_eq!(positional.url, built.url);
        assert_eq!(positional.headers, built.headers);
    }

    #[tokio::test]
    #[allow(clippy::needless_borrows_for_generic_args, reason = "`.tags(&[…])` is the spelling that must compile")]
    async fn builder_setters_take_what_a_caller_has() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
            .mount(&server)
            .await;
        let client = params::Client::new(server.uri()).expect("valid base url");
        let owned = vec!["a".to_owned(), "b".to_owned()];
        // Literals, owned vectors and borrowed ones; an enum by value.
        let call = client.get_file_builder(7, "f", 10, &[1]).x_request_id("r").tags(&["x y"]).pipes(owned.clone());
        call.order(params::models::Order::Desc).send().await.expect("200");
        let call = client.get_file_builder(7, "f", 10, &[1]).x_request_id("r").tags(&owned).pipes(["c"]);
        call.send().await.expect("200");
        let requests = server.received_requests().await.expect("recorded");
        let query = |request: &Request| request.url.query().unwrap_or_default().to_owned();
        assert_eq!(query(&requests[0]), "limit=10&ids=1&tags=x+y&pipes=a%7Cb&order=desc");
        assert_eq!(query(&requests[1]), "limit=10&ids=1&tags=a&tags=b&pipes=c");
    }

    #[tokio::test]
    async fn optional_parameters_are_left_out() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/items/1/files/f.json"))
            .and(query_param("limit", "1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
            .expect(1)
            .mount(&server)
            .await;
        let client = params::Client::new(server.uri()).expect("valid base url");
        let args = (None, None, None, None, None, None, None, None);
        client
            .get_file(1, "f", args.0, 1, args.1, args.2, &[], args.3, args.4, Some("r"), args.5, args.6, args.7)
            .await
            .expect("200");
        let requests = server.received_requests().await.expect("recorded");
        assert_eq!(requests[0].url.query(), Some("limit=1&ids="));
        assert!(requests[0].headers.get("cookie").is_none());
    }

    #[tokio::test]
    async fn success_enum_and_documented_ranges() {
        let server = MockServer::start().await;
        Mock::given(method("PATCH"))
            .and(header("content-type", "application/merge-patch+json"))
            .respond_with(ResponseTemplate::new(202).set_body_string("queued"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/notes"))
            .respond_with(
                ResponseTemplate::new(409)
                    .insert_header("content-type", "application/problem+json")
                    .set_body_json(serde_json::json!({"title": "exists", "status": 409})),
            )
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/notes/text"))
            .and(body_string("hello"))
            .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": 1})))
            .mount(&server)
            .await;
        let client = bodies::Client::new(server.uri()).expect("valid base url");

        let note = bodies::models::Note { id: Some(1), text: None };
        let patched = client.patch_note(Some(&note)).await.expect("202");
        assert_eq!(patched.into_inner(), bodies::responses::PatchNoteResponse::Accepted("queued".to_owned()));

        let body = bodies::models::CreateNoteBody { text: "t".to_owned() };
        let error = client.create_note(&body).await.expect_err("409");
        let Some(bodies::responses::CreateNoteError::Status4xx(problem)) = error.api_error() else {
            panic!("expected the documented 4XX, got {error:?}")
        };
        assert_eq!(problem.title.as_deref(), Some("exists"));

        let created = client.post_text("hello").await.expect("2XX from default");
        assert_eq!(created.id, Some(1));
    }
}
