//! Streamed responses and uploads against servers on 127.0.0.1: bodies that arrive in
//! pieces split anywhere, events handed over before the rest of the body exists, and
//! downloads larger than the client's in-memory limit.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::streams::{Client, StreamError, models::Progress, responses};

/// One piece of a response body, sent once `gate` (if any) is opened.
struct Piece {
    bytes: Vec<u8>,
    gate: Option<oneshot::Receiver<()>>,
}

fn piece(bytes: impl Into<Vec<u8>>) -> Piece {
    Piece { bytes: bytes.into(), gate: None }
}

/// Answers one request with `content_type` and a body sent piece by piece, each flushed on
/// its own; the body ends when the connection closes. Returns the base URL.
async fn serve_in_pieces(content_type: &'static str, pieces: Vec<Piece>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = socket.read(&mut buffer).await.expect("read the request");
            assert!(read > 0, "the client closed before sending its request");
            request.extend_from_slice(&buffer[..read]);
        }
        let head = format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\nconnection: close\r\n\r\n");
        socket.write_all(head.as_bytes()).await.expect("write the head");
        for piece in pieces {
            if let Some(gate) = piece.gate {
                gate.await.expect("the test opens the gate");
            }
            socket.write_all(&piece.bytes).await.expect("write a piece");
            socket.flush().await.expect("flush");
        }
    });
    format!("http://{address}/")
}

#[tokio::test]
async fn server_sent_events_are_parsed_as_they_arrive() {
    let (open, gate) = oneshot::channel();
    let euro = "€".as_bytes();
    let pieces = vec![
        piece(": keep-alive comment\r\nid: 1\r\nevent: prog"),
        piece("ress\r\ndata: {\"done\": 1,\r\ndata:  \"message\": \"half"),
        piece(" way\"}\r\n\r\n"),
        // Nothing more is sent until the test has the first event: parsing is incremental.
        Piece { bytes: b"retry: 1500\ndata: {\"done\": 2, \"message\": \"".to_vec(), gate: Some(gate) },
        piece(&euro[..1]),
        piece([&euro[1..], b"\"}\n\n".as_slice()].concat()),
        piece("data: {\"done\": \"not a number\"}\n\n"),
        piece("data: {\"done\": 4}\n\n"),
    ];
    let client = Client::new(serve_in_pieces("text/event-stream", pieces).await).expect("client");
    let mut events = client.watch_events(None).await.expect("200").into_inner();

    let first = events.next().await.expect("an event").expect("valid");
    assert_eq!(first.event, "progress");
    assert_eq!(first.id, "1");
    // Multi-line data is joined with a newline before it is decoded.
    assert_eq!(first.data, Progress { done: 1, message: Some("half way".to_owned()) });
    open.send(()).expect("the server waits");

    let second = events.next().await.expect("an event").expect("valid");
    assert_eq!(second.event, "message");
    assert_eq!(second.id, "1", "the last event ID carries over for reconnecting");
    assert_eq!(second.retry, Some(std::time::Duration::from_millis(1500)));
    assert_eq!(second.data.message.as_deref(), Some("€"), "a character split across pieces");
    assert_eq!(events.last_event_id(), "1");

    match events.next().await.expect("an item") {
        Err(StreamError::Decode { data, .. }) => assert_eq!(data, "{\"done\": \"not a number\"}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(events.next().await.is_none(), "the stream ends after an error");
}

#[tokio::test]
async fn text_events_keep_their_data_as_sent() {
    let pieces = vec![piece("data: first line\ndata: second line\n\n"), piece("data:no space\n\nda"), piece("ta: cut")];
    let client = Client::new(serve_in_pieces("text/event-stream", pieces).await).expect("client");
    let mut events = client.tail_log().await.expect("200").into_inner();
    let mut data = Vec::new();
    while let Some(event) = events.next().await {
        data.push(event.expect("valid").data);
    }
    // An event the body ends in the middle of is never dispatched.
    assert_eq!(data, ["first line\nsecond line", "no space"]);
}

#[tokio::test]
async fn json_lines_are_decoded_line_by_line() {
    let pieces =
        vec![piece("{\"done\": 1}\n{\"do"), piece("ne\": 2, \"message\": \"x\"}\r\n\n   \n"), piece("{\"done\": 3}")];
    let client = Client::new(serve_in_pieces("application/x-ndjson", pieces).await).expect("client");
    let lines = client.export_items().await.expect("200").into_inner();
    // Through the `Stream` trait this time.
    let items: Vec<Progress> = futures_util::TryStreamExt::try_collect(lines).await.expect("valid lines");
    let done: Vec<i64> = items.iter().map(|p| p.done).collect();
    assert_eq!(done, [1, 2, 3], "the last line needs no newline");
    assert_eq!(items[1].message.as_deref(), Some("x"));
}

#[tokio::test]
async fn json_lines_report_a_bad_line_and_stop() {
    let pieces = vec![piece("{\"done\": 1}\nnot json\n{\"done\": 3}\n")];
    let client = Client::new(serve_in_pieces("application/jsonl", pieces).await).expect("client");
    let mut lines = client.export_items().await.expect("200").into_inner();
    assert_eq!(lines.next().await.expect("item").expect("valid").done, 1);
    assert!(matches!(lines.next().await, Some(Err(StreamError::Decode { data, .. })) if data == "not json"));
    assert!(lines.next().await.is_none());
}

#[tokio::test]
async fn a_json_line_longer_than_the_limit_ends_the_stream() {
    // Short lines pass however many there are; a line that never ends is cut off at the
    // limit while it is still arriving, not read to the end of the body.
    let mut pieces = vec![piece("{\"done\": 1}\n".repeat(200))];
    pieces.extend((0..64).map(|_| piece(vec![b' '; 1024])));
    let client = Client::new(serve_in_pieces("application/x-ndjson", pieces).await).expect("client");
    let client = client.max_response_size(16 * 1024);
    let mut lines = client.export_items().await.expect("200").into_inner();
    for _ in 0..200 {
        assert_eq!(lines.next().await.expect("item").expect("a short line").done, 1);
    }
    assert!(matches!(lines.next().await, Some(Err(StreamError::TooLarge { limit: 16384 }))));
    assert!(lines.next().await.is_none());
    // A whole over-long line that arrives in one piece is refused too.
    let pieces = vec![piece(format!("{{\"message\": \"{}\", \"done\": 1}}\n{{\"done\": 2}}\n", "x".repeat(300)))];
    let client = Client::new(serve_in_pieces("application/x-ndjson", pieces).await).expect("client");
    let mut lines = client.max_response_size(256).export_items().await.expect("200").into_inner();
    assert!(matches!(lines.next().await, Some(Err(StreamError::TooLarge { limit: 256 }))));
}

const MIB: usize = 1024 * 1024;

#[tokio::test]
async fn downloads_larger_than_the_memory_limit_stream_through() {
    let server = MockServer::start().await;
    let body: Vec<u8> = (0..16 * MIB).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/files/big.bin"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/octet-stream"))
        .mount(&server)
        .await;
    // Reading the body whole would fail: it is sixteen times the limit.
    let client = Client::new(server.uri()).expect("client").max_response_size(MIB);

    let download = client.download_file("big.bin").await.expect("200");
    assert_eq!(download.headers()["content-type"], "application/octet-stream");
    let mut stream = download.into_inner();
    let (mut total, mut largest, mut checksum) = (0, 0, 0u64);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.expect("a chunk");
        assert_eq!(chunk[..], body[total..total + chunk.len()]);
        largest = largest.max(chunk.len());
        total += chunk.len();
        checksum += chunk.iter().map(|&b| u64::from(b)).sum::<u64>();
    }
    assert_eq!(total, body.len());
    assert_eq!(checksum, body.iter().map(|&b| u64::from(b)).sum::<u64>());
    assert!(largest <= MIB, "chunks arrive as the network delivers them, never the whole body ({largest} bytes)");

    let whole = client.download_file("big.bin").await.expect("200").into_inner().bytes().await;
    assert!(matches!(whole, Err(StreamError::TooLarge { limit }) if limit == MIB));
}

#[tokio::test]
async fn download_errors_are_read_whole_and_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({"detail": "gone"})))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    let error = client.download_file("missing").await.expect_err("404");
    match error.api_error() {
        Some(responses::DownloadFileError::NotFound(problem)) => assert_eq!(problem.detail.as_deref(), Some("gone")),
        other => panic!("expected the documented 404, got {other:?}"),
    }
    let small = client.tail_log().await.expect_err("undocumented status");
    assert_eq!(small.status(), Some(reqwest::StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn uploads_take_bytes_or_a_stream() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");

    client.upload_file("a.bin", vec![1u8, 2, 3]).await.expect("204");
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(b"streamed ".to_vec()), Ok(b"in pieces".to_vec())];
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    client.upload_file("b.bin", stream).await.expect("204");
    client.append_to_file("b.bin", None).await.expect("204");

    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests[0].body, [1, 2, 3]);
    assert_eq!(requests[0].headers["content-type"], "application/octet-stream");
    assert_eq!(requests[1].body, b"streamed in pieces");
    // A stream has no length to announce: it goes chunked, never buffered first.
    assert_eq!(requests[1].headers["transfer-encoding"], "chunked");
    assert!(requests[2].body.is_empty());
    assert!(requests[2].headers.get("content-type").is_none());
}

#[tokio::test]
async fn a_stream_among_several_success_bodies_is_read_whole() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(202).set_body_raw("data: {\"done\": 1}\n\n", "text/event-stream"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    let job = client.get_job(7).await.expect("202").into_inner();
    assert_eq!(job, responses::GetJobResponse::Accepted("data: {\"done\": 1}\n\n".to_owned()));
}
