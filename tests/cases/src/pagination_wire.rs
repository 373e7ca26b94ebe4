//! The `pagination` case's clients against servers on 127.0.0.1 that page each way: the
//! pages and items streams ask for each page as the pattern says, and stop after the last.

use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::pagination::{Client, Error};

async fn answer(server: &MockServer, route: &str, matcher: impl wiremock::Match + 'static, response: ResponseTemplate) {
    Mock::given(method("GET")).and(path(route)).and(matcher).respond_with(response).mount(server).await;
}

fn json(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The values of `name` in the requests the server received, in order (`-` when absent).
async fn asked(server: &MockServer, name: &str) -> Vec<String> {
    let requests: Vec<Request> = server.received_requests().await.expect("recorded");
    requests
        .iter()
        .map(|r| r.url.query_pairs().find(|(k, _)| k == name).map_or_else(|| "-".to_owned(), |(_, v)| v.into_owned()))
        .collect()
}

#[tokio::test]
async fn a_link_header_leads_from_page_to_page() {
    let server = MockServer::start().await;
    let next = |page: u32| {
        format!("<{}/issues?per_page=2&page={page}>; rel=\"next\", <{0}/issues?page=1>; rel=\"first\"", server.uri())
    };
    let issue = |n: u32| serde_json::json!({"number": n});
    answer(
        &server,
        "/issues",
        query_param_is_missing("page"),
        json(serde_json::json!([issue(1), issue(2)])).insert_header("link", next(2)),
    )
    .await;
    answer(
        &server,
        "/issues",
        query_param("page", "2"),
        json(serde_json::json!([issue(3), issue(4)])).insert_header("link", next(3)),
    )
    .await;
    answer(&server, "/issues", query_param("page", "3"), json(serde_json::json!([issue(5)]))).await;
    let client = Client::new(server.uri()).expect("client");

    let mut numbers = Vec::new();
    let mut items = client.list_issues_stream(Some(2), None);
    while let Some(issue) = items.next().await {
        numbers.push(issue.expect("an issue").number);
    }
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(asked(&server, "page").await, ["-", "2", "3"]);
    assert_eq!(asked(&server, "per_page").await, ["2", "2", "2"], "the other arguments stay");
}

#[tokio::test]
async fn a_cursor_in_the_body_is_sent_back_until_there_is_none() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<&str>| {
        json(
            serde_json::json!({"data": ids.iter().map(|id| serde_json::json!({"id": id})).collect::<Vec<_>>(), "next_cursor": next}),
        )
    };
    answer(&server, "/items", query_param_is_missing("cursor"), page(&["a", "b"], Some("c2"))).await;
    answer(&server, "/items", query_param("cursor", "c2"), page(&["c"], Some("c3"))).await;
    answer(&server, "/items", query_param("cursor", "c3"), page(&[], None)).await;
    let client = Client::new(server.uri()).expect("client");

    // Through the `Stream` trait, pages first.
    let pages: Vec<_> =
        futures_util::TryStreamExt::try_collect(client.list_items_pages(Some(10), None)).await.expect("pages");
    let sizes: Vec<usize> = pages.iter().map(|page| page.data.len()).collect();
    assert_eq!(sizes, [2, 1, 0]);
    let items: Vec<_> =
        futures_util::TryStreamExt::try_collect(client.list_items_stream(Some(10), None)).await.expect("items");
    let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    // Starting from a cursor starts there.
    let from_c3: Vec<_> =
        futures_util::TryStreamExt::try_collect(client.list_items_stream(None, Some("c3"))).await.expect("items");
    assert!(from_c3.is_empty());
}

#[tokio::test]
async fn stripe_style_pages_follow_the_last_id_while_there_are_more() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], more: bool| {
        let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id, "amount": 1})).collect();
        json(serde_json::json!({"object": "list", "data": data, "has_more": more}))
    };
    answer(&server, "/charges", query_param_is_missing("starting_after"), page(&["ch_1", "ch_2"], true)).await;
    answer(&server, "/charges", query_param("starting_after", "ch_2"), page(&["ch_3"], false)).await;
    let client = Client::new(server.uri()).expect("client");
    let charges: Vec<_> =
        futures_util::TryStreamExt::try_collect(client.list_charges_stream(Some(2), None)).await.expect("charges");
    assert_eq!(charges.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["ch_1", "ch_2", "ch_3"]);
    assert_eq!(asked(&server, "starting_after").await, ["-", "ch_2"]);
}

#[tokio::test]
async fn an_offset_grows_by_each_page_until_one_is_empty() {
    let server = MockServer::start().await;
    answer(&server, "/things", query_param_is_missing("offset"), json(serde_json::json!({"items": ["x", "y"]}))).await;
    answer(&server, "/things", query_param("offset", "2"), json(serde_json::json!({"items": ["z"]}))).await;
    answer(&server, "/things", query_param("offset", "3"), json(serde_json::json!({"items": []}))).await;
    let client = Client::new(server.uri()).expect("client");
    let things: Vec<String> =
        futures_util::TryStreamExt::try_collect(client.list_things_stream(None, Some(2))).await.expect("things");
    assert_eq!(things, ["x", "y", "z"]);
    assert_eq!(asked(&server, "offset").await, ["-", "2", "3"]);
}

#[tokio::test]
#[allow(deprecated, reason = "the case marks `listNumbers` deprecated, and its stream methods with it")]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    answer(&server, "/numbers", query_param("page", "1"), json(serde_json::json!([1, 2]))).await;
    answer(&server, "/numbers", query_param("page", "2"), ResponseTemplate::new(503).set_body_string("busy")).await;
    let client = Client::new(server.uri()).expect("client");
    let mut numbers = client.list_numbers_stream(1);
    assert_eq!(numbers.next().await.map(Result::ok), Some(Some(1)));
    assert_eq!(numbers.next().await.map(Result::ok), Some(Some(2)));
    let failure = numbers.next().await.expect("an item").expect_err("page 2 fails");
    assert!(matches!(failure, Error::UnexpectedStatus(_)), "{failure}");
    assert!(numbers.next().await.is_none(), "nothing after the error");
    assert_eq!(asked(&server, "page").await, ["1", "2"]);
}

#[tokio::test]
async fn a_described_pattern_is_followed() {
    // `listEvents` says how it pages (`x-openapi-gen-pagination`): its items are `entries`
    // (not `warnings`, the other array) and `continue_from` goes back as `from`.
    let server = MockServer::start().await;
    let page = |entries: &[&str], next: Option<&str>| {
        json(serde_json::json!({"entries": entries, "warnings": ["ignored"], "continue_from": next}))
    };
    answer(&server, "/events", query_param_is_missing("from"), page(&["e1"], Some("t1"))).await;
    answer(&server, "/events", query_param("from", "t1"), page(&["e2"], None)).await;
    let client = Client::new(server.uri()).expect("client");
    let events: Vec<String> =
        futures_util::TryStreamExt::try_collect(client.list_events_stream(None)).await.expect("events");
    assert_eq!(events, ["e1", "e2"]);
}

#[tokio::test]
async fn a_next_link_in_the_body_is_fetched_as_it_is() {
    // The first page is the operation's own call; the next ones are the links the pages
    // give: absolute (OData's `@odata.nextLink`) or relative to the base URL.
    let server = MockServer::start().await;
    let link = format!("{}/subscriptions?api-version=1&$skiptoken=abc", server.uri());
    answer(
        &server,
        "/subscriptions",
        query_param_is_missing("$skiptoken"),
        json(serde_json::json!({"value": ["s1", "s2"], "@odata.nextLink": link})),
    )
    .await;
    answer(
        &server,
        "/subscriptions",
        query_param("$skiptoken", "abc"),
        json(serde_json::json!({"value": ["s3"], "@odata.nextLink": "subscriptions?api-version=1&$skiptoken=def"})),
    )
    .await;
    answer(&server, "/subscriptions", query_param("$skiptoken", "def"), json(serde_json::json!({"value": ["s4"]})))
        .await;
    let client = Client::new(format!("{}/", server.uri())).expect("client").with_api_key("k");
    let subscriptions: Vec<String> =
        futures_util::TryStreamExt::try_collect(client.list_subscriptions_stream("1")).await.expect("all");
    assert_eq!(subscriptions, ["s1", "s2", "s3", "s4"]);
    assert_eq!(asked(&server, "$skiptoken").await, ["-", "abc", "def"]);
    assert_eq!(asked(&server, "api-version").await, ["1", "1", "1"]);
    let requests = server.received_requests().await.expect("recorded");
    assert!(
        requests.iter().all(|r| r.headers.get("x-api-key").is_some_and(|v| v == "k")),
        "credentials go to every page"
    );

    // A link to another origin is followed without the credentials.
    let elsewhere = MockServer::start().await;
    let server = MockServer::start().await;
    let link = format!("{}/subscriptions?api-version=1&$skiptoken=abc", elsewhere.uri());
    answer(
        &server,
        "/subscriptions",
        query_param("api-version", "1"),
        json(serde_json::json!({"value": ["s1"], "@odata.nextLink": link})),
    )
    .await;
    answer(&elsewhere, "/subscriptions", query_param("$skiptoken", "abc"), json(serde_json::json!({"value": ["s2"]})))
        .await;
    let client = Client::new(server.uri()).expect("client").with_api_key("k");
    let subscriptions: Vec<String> =
        futures_util::TryStreamExt::try_collect(client.list_subscriptions_stream("1")).await.expect("all");
    assert_eq!(subscriptions, ["s1", "s2"]);
    let requests = elsewhere.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    assert!(requests[0].headers.get("x-api-key").is_none(), "no credentials leave the base URL's origin");

    // Azure's `x-ms-pageable` names the link and the items (not `tags`).
    let server = MockServer::start().await;
    let next = format!("{}/vaults?page=2", server.uri());
    answer(
        &server,
        "/vaults",
        query_param_is_missing("page"),
        json(serde_json::json!({"vaults": ["v1"], "tags": ["t"], "nextLink": next})),
    )
    .await;
    answer(&server, "/vaults", query_param("page", "2"), json(serde_json::json!({"vaults": ["v2"], "nextLink": null})))
        .await;
    let client = Client::new(server.uri()).expect("client");
    let vaults: Vec<String> = futures_util::TryStreamExt::try_collect(client.list_vaults_stream()).await.expect("all");
    assert_eq!(vaults, ["v1", "v2"]);
}
