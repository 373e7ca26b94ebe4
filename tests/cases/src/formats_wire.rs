//! Formats on the wire: integers beyond 2^53 exact, every format in its documented type.

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::formats::Client;
use super::formats::models::Measurement;

#[tokio::test]
async fn integers_beyond_2_pow_53_and_every_format_decode_exactly() {
    let server = MockServer::start().await;
    // Written as JSON text, so no float ever holds these integers on the way.
    let body = r#"{"id": 18446744073709551615, "sequence": -9007199254740993, "count": 2147483647,
        "small": -128, "port": 65535, "plain": 9007199254740993, "ratio": 0.5, "value": 1e300,
        "any_number": 3, "taken_at": "2026-11-30T07:38:06Z", "day": "2026-11-30",
        "trace": "0b3c6a1e-6f0e-4a53-9d1c-5d7c1f0e9a42", "digest": "aGk=", "raw": "bytes",
        "contact": "ada@example.com"}"#;
    Mock::given(path("/measurements/18446744073709551615"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    let measurement: Measurement = client.get_measurement(u64::MAX).await.expect("200").into_inner();
    assert_eq!(measurement.id, u64::MAX);
    assert_eq!(measurement.sequence, Some(-9_007_199_254_740_993_i64));
    assert_eq!(measurement.count, Some(i32::MAX));
    assert_eq!(measurement.small, Some(i8::MIN));
    assert_eq!(measurement.port, Some(u16::MAX));
    assert_eq!(measurement.plain, Some(9_007_199_254_740_993_i64));
    assert_eq!(measurement.ratio, Some(0.5_f32));
    assert_eq!(measurement.value, Some(1e300_f64));
    assert_eq!(measurement.any_number, Some(3.0_f64));
    assert_eq!(measurement.taken_at, "2026-11-30T07:38:06Z");
    assert_eq!(measurement.trace.as_deref(), Some("0b3c6a1e-6f0e-4a53-9d1c-5d7c1f0e9a42"));
    // Encoding writes the same digits back.
    let text = serde_json::to_string(&measurement).expect("encodes");
    assert!(text.contains(r#""id":18446744073709551615"#) && text.contains(r#""plain":9007199254740993"#), "{text}");
}
