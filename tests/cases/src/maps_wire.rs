//! Objects as maps, decoded from a real response.

use std::collections::BTreeMap;

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::maps::Client;
use super::maps::models::{Limit, Settings, SettingsCountersValue};

#[tokio::test]
async fn maps_keep_every_entry_with_its_type() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "name": "prod",
        "labels": {"team": "core"},
        "limits": {"cpu": {"max": 4}},
        "extra": {"anything": [1, {"nested": true}]},
        "vendor": {"x-region": "eu"},
        "counters": {"n_hits": 3, "s_last": "GET /"},
    });
    Mock::given(path("/settings")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = Client::new(server.uri()).expect("client");
    let settings: Settings = client.get_settings().await.expect("200").into_inner();
    assert_eq!(settings.labels, Some(BTreeMap::from([("team".to_owned(), "core".to_owned())])));
    assert_eq!(settings.limits, Some(BTreeMap::from([("cpu".to_owned(), Limit { max: Some(4) })])));
    assert_eq!(settings.extra.as_ref().map(|extra| extra["anything"][1]["nested"] == true), Some(true));
    assert_eq!(settings.vendor, Some(BTreeMap::from([("x-region".to_owned(), "eu".to_owned())])));
    let counters = settings.counters.expect("counters");
    assert_eq!(counters["n_hits"], SettingsCountersValue::Integer(3));
    assert_eq!(counters["s_last"], SettingsCountersValue::String("GET /".to_owned()));
}
