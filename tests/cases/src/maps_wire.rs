//! Objects as maps, decoded from a real response.

use std::collections::BTreeMap;

use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::maps::Client;
use super::maps::models::{
    LabelledLimit, Limit, Settings, SettingsCountersValue, SettingsFlags, SettingsNotes, SettingsQuota, Tagged,
};

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

#[tokio::test]
async fn undeclared_properties_beside_fields_are_kept_and_sent_back() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "name": "prod",
        "quota": {"total": 10, "cpu": {"max": 4}, "disk": {}},
        "labelled": {"max": 2, "name": "small", "env": "prod"},
        "flags": {"enabled": true, "beta": ["search"], "limit": null},
        "notes": {"text": "hi", "by": {"id": 7}},
        "tagged": {"id": 1, "tag": "a", "colour": "red"},
    });
    Mock::given(method("GET"))
        .and(path("/settings"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("client");
    let settings: Settings = client.get_settings().await.expect("200").into_inner();
    let expected =
        BTreeMap::from([("cpu".to_owned(), Limit { max: Some(4) }), ("disk".to_owned(), Limit { max: None })]);
    assert_eq!(settings.quota, Some(SettingsQuota { total: 10, additional_properties: expected }));
    let env = BTreeMap::from([("env".to_owned(), "prod".to_owned())]);
    let labelled = LabelledLimit { max: Some(2), name: Some("small".to_owned()), additional_properties: env };
    assert_eq!(settings.labelled, Some(labelled));
    // `true` and `{}` keep any JSON value, `null` included.
    let any = serde_json::Map::from_iter([
        ("beta".to_owned(), serde_json::json!(["search"])),
        ("limit".to_owned(), serde_json::Value::Null),
    ]);
    let flags = SettingsFlags { enabled: Some(true), additional_properties: any.into_iter().collect() };
    assert_eq!(settings.flags, Some(flags));
    let by = BTreeMap::from([("by".to_owned(), serde_json::json!({"id": 7}))]);
    assert_eq!(settings.notes, Some(SettingsNotes { text: Some("hi".to_owned()), additional_properties: by }));
    // One `allOf` member allows any value, another types them: the type is kept.
    let colour = BTreeMap::from([("colour".to_owned(), "red".to_owned())]);
    let tagged = Tagged { id: Some(1), tag: Some("a".to_owned()), additional_properties: colour };
    assert_eq!(settings.tagged, Some(tagged));

    // Sent back as they came: declared properties first, then the others.
    Mock::given(method("PUT"))
        .and(path("/settings"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    client.put_settings(&settings).await.expect("the server saw the same object");

    // A map entry that repeats a declared property's name is not written twice.
    let mut quota = settings.quota.clone().expect("quota");
    quota.additional_properties.insert("total".to_owned(), Limit { max: Some(1) });
    let sent = serde_json::to_value(&quota).expect("encodes");
    assert_eq!(sent, serde_json::json!({"total": 10, "cpu": {"max": 4}, "disk": {}}));
}
