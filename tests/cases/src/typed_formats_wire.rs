//! The `typed_formats` option on the wire: chrono's and uuid's types read what the API
//! sends, and a date-time goes out in RFC 3339 in every place a parameter or part can be.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::recorded::{header, only_request};
use super::typed_formats::models::{CreateEventForm, When};
use super::typed_formats::{Client, Error};

const EVENT_ID: &str = "67e55044-10b1-426f-9247-bb680e5fe0c8";

fn moment() -> DateTime<FixedOffset> {
    Utc.with_ymd_and_hms(2024, 5, 1, 10, 30, 0).single().expect("a valid moment").fixed_offset()
}

#[tokio::test]
async fn responses_decode_into_chrono_and_uuid_types() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "id": EVENT_ID,
        "at": "2024-05-01T12:30:00+02:00",
        "day": "2024-05-01",
        "ended_at": null,
        "history": ["2024-04-30T08:00:00.250Z"],
        "when": "2024-05-02T00:00:00Z",
    });
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    let id = Uuid::parse_str(EVENT_ID).expect("uuid");
    let event = client.get_event(id, moment(), None, None, None, None).await.expect("200").into_inner();
    assert_eq!(event.id, id);
    assert_eq!(event.at, moment(), "an offset names an instant");
    assert_eq!(event.at.offset().local_minus_utc(), 2 * 3600, "and is kept");
    let sent = serde_json::to_value(event.at).expect("encodes");
    assert_eq!(sent, "2024-05-01T12:30:00+02:00", "a date-time goes back as it came");
    assert_eq!(event.day, NaiveDate::from_ymd_opt(2024, 5, 1).expect("date"));
    assert_eq!(event.ended_at, None);
    assert_eq!(event.history.expect("history")[0].timestamp_subsec_millis(), 250);
    let midnight = Utc.with_ymd_and_hms(2024, 5, 2, 0, 0, 0).single().expect("moment").fixed_offset();
    assert_eq!(event.when, Some(When::DateTime(midnight)), "a date-time is tried before the enum");
}

#[tokio::test]
async fn a_value_that_breaks_its_format_fails_the_decoding() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"id": EVENT_ID, "at": "2024-05-01 10:30", "day": "2024-05-01"});
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    let id = Uuid::parse_str(EVENT_ID).expect("uuid");
    let error = client.get_event(id, moment(), None, None, None, None).await.expect_err("not RFC 3339");
    assert!(matches!(error, Error::InvalidBody(_)), "{error:?}");
}

#[tokio::test]
async fn parameters_are_written_as_json_writes_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    let id = Uuid::parse_str(EVENT_ID).expect("uuid");
    let days = [NaiveDate::from_ymd_opt(2024, 5, 1).expect("date"), NaiveDate::from_ymd_opt(2024, 5, 2).expect("date")];
    let until = moment() + chrono::Duration::milliseconds(1500);
    let _ = client.get_event(id, moment(), Some(&days), Some(until), Some(moment()), Some(moment())).await;
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), format!("/events/{EVENT_ID}"));
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let pair = |key: &str, value: &str| (key.to_owned(), value.to_owned());
    assert_eq!(
        query,
        [
            pair("since", "2024-05-01T10:30:00Z"),
            pair("days", "2024-05-01,2024-05-02"),
            pair("until", "2024-05-01T10:30:01.500Z")
        ]
    );
    assert_eq!(header(&request, "x-not-before"), Some("2024-05-01T10:30:00Z"));
    assert_eq!(header(&request, "cookie"), Some("session_start=2024-05-01T10:30:00Z"));
}

#[tokio::test]
async fn an_offset_is_sent_as_it_was_given() {
    // A git commit's author date is signed with its offset: sent as UTC, it names the same
    // instant but another commit.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    let id = Uuid::parse_str(EVENT_ID).expect("uuid");
    let since = DateTime::parse_from_rfc3339("2024-05-01T22:30:00+12:00").expect("valid");
    let _ = client.get_event(id, since, None, None, Some(since), None).await;
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("since=2024-05-01T22%3A30%3A00%2B12%3A00"));
    assert_eq!(header(&request, "x-not-before"), Some("2024-05-01T22:30:00+12:00"));
}

#[tokio::test]
async fn multipart_parts_carry_date_times_in_rfc_3339() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/events")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(server.uri()).expect("valid base url");
    let form = CreateEventForm {
        at: moment(),
        day: NaiveDate::from_ymd_opt(2024, 5, 1),
        reminders: vec![moment() - chrono::Duration::hours(1)],
    };
    client.create_event(moment(), form).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "cookie"), Some("draft_since=2024-05-01T10:30:00Z"));
    let body = String::from_utf8(request.body).expect("text parts");
    for (name, value) in [("at", "2024-05-01T10:30:00Z"), ("day", "2024-05-01"), ("reminders", "2024-05-01T09:30:00Z")]
    {
        let part = format!("name=\"{name}\"\r\n\r\n{value}\r\n");
        assert!(body.contains(&part), "{name}: {body}");
    }
}
