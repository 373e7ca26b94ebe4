//! How generated structs encode and decode (`runtime::serde_struct!`): the cases serde's
//! derives covered before, and the few places where the hand-written code chooses differently.

use super::injection::models::EvilName;
use super::one_of::models::{Cat, Pet};
use super::tri_state::Tristate;
use super::tri_state::models::{Owner, PetPatch};

fn patch(json: &str) -> Result<PetPatch, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn absent_optional_properties_take_their_default() {
    let decoded = patch(r#"{"id": 7, "weight": 2.5}"#).expect("valid");
    assert_eq!(decoded.id, 7);
    assert_eq!((decoded.name, decoded.tag, decoded.owner), (Tristate::Absent, Tristate::Absent, Tristate::Absent));
    assert_eq!((decoded.nickname, decoded.weight), (None, Some(2.5)));
}

#[test]
fn null_is_none_or_tristate_null() {
    let decoded = patch(r#"{"id": 7, "name": null, "nickname": null, "weight": null}"#).expect("valid");
    assert_eq!((decoded.name, decoded.nickname, decoded.weight), (Tristate::Null, None, None));
}

#[test]
fn a_required_nullable_property_may_be_absent_as_with_serde_derive() {
    assert_eq!(patch(r#"{"id": 7}"#).expect("valid").weight, None);
}

#[test]
fn a_missing_required_property_is_named() {
    let error = patch(r#"{"weight": 1}"#).expect_err("id is required").to_string();
    assert!(error.starts_with("missing field `id`"), "{error}");
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    let error = serde_json::from_str::<Owner>("[1]").expect_err("not an object").to_string();
    assert!(error.starts_with("invalid type: sequence, expected struct Owner"), "{error}");
    let error = patch(r#"{"id": "seven"}"#).expect_err("id is an integer").to_string();
    assert!(error.starts_with("invalid type: string \"seven\", expected i64"), "{error}");
}

#[test]
fn unknown_properties_are_skipped_whatever_their_shape() {
    let decoded = patch(r#"{"extra": {"deep": [1, {"x": null}]}, "id": 7, "more": "text"}"#).expect("valid");
    assert_eq!(decoded.id, 7);
}

#[test]
fn the_last_of_a_repeated_property_wins_as_in_serde_json_value() {
    assert_eq!(patch(r#"{"id": 1, "id": 2}"#).expect("valid").id, 2);
}

#[test]
fn keys_match_however_the_input_spells_them() {
    // An escaped key cannot be borrowed from the input; nor can keys from a reader or a `Value`.
    assert_eq!(patch(r#"{"\u0069d": 7}"#).expect("escaped key").id, 7);
    let from_reader: PetPatch = serde_json::from_reader(&br#"{"id": 8}"#[..]).expect("reader");
    assert_eq!(from_reader.id, 8);
    let from_value: PetPatch = serde_json::from_value(serde_json::json!({"id": 9})).expect("value");
    assert_eq!(from_value.id, 9);
}

#[test]
fn wire_names_are_matched_exactly() {
    let decoded: EvilName =
        serde_json::from_str(r#"{"r#type": "raw", "été": 3, "\"); panic!(\"": null}"#).expect("valid");
    assert_eq!((decoded.r_type.as_deref(), decoded.t, decoded.panic), (Some("raw"), Some(3), None));
}

#[test]
fn untagged_unions_still_try_each_struct_in_turn() {
    let pet: Pet = serde_json::from_str(r#"{"meow": true, "name": "Tom"}"#).expect("a cat");
    assert_eq!(pet, Pet::Cat(Cat { meow: true, name: Some("Tom".to_owned()) }));
}

#[test]
fn decoding_what_was_encoded_gives_it_back() {
    let original = patch(r#"{"id": 7, "name": null, "owner": {"name": "Ann"}, "weight": 1.5}"#).expect("valid");
    let encoded = serde_json::to_string(&original).expect("encodes");
    assert_eq!(patch(&encoded).expect("decodes"), original);
}

#[test]
fn fields_and_models_named_like_the_decoders_own_names_decode() {
    let decoded: super::keywords::models::Some =
        serde_json::from_str(r#"{"map": "m", "key": "k", "deserializer": 1}"#).expect("valid");
    assert_eq!((decoded.map.as_str(), decoded.key.as_str()), ("m", "k"));
    assert_eq!((decoded.deserializer, decoded.de), (Some(1), None));
}

#[test]
fn encoding_follows_the_field_order_and_leaves_out_only_optional_properties() {
    let value = PetPatch {
        id: 7,
        name: Tristate::Null,
        tag: Tristate::Absent,
        owner: Tristate::Value(Owner { name: None }),
        nickname: None,
        weight: None,
    };
    // `weight` is required and nullable, so its `None` is sent; `nickname`'s is left out.
    assert_eq!(serde_json::to_string(&value).expect("encodes"), r#"{"id":7,"name":null,"owner":{},"weight":null}"#);
}

#[test]
fn encoding_uses_the_property_names() {
    let value = EvilName { r_type: Some("raw".to_owned()), t: Some(3), panic: None };
    assert_eq!(serde_json::to_string(&value).expect("encodes"), r#"{"r#type":"raw","été":3}"#);
}

/// CBOR writes a map's length before its entries, so a count that included a left-out
/// property would break the round trip.
#[test]
fn the_serializer_is_told_the_exact_number_of_properties() {
    let original = patch(r#"{"id": 7, "tag": "x", "weight": 1.5}"#).expect("valid");
    let mut bytes = Vec::new();
    ciborium::into_writer(&original, &mut bytes).expect("encodes");
    // A map of three entries: major type 5, length 3.
    assert_eq!(bytes[0], 0xa3);
    let decoded: PetPatch = ciborium::from_reader(bytes.as_slice()).expect("decodes");
    assert_eq!(decoded, original);
}
