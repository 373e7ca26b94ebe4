//! Regeneration stability on the vendored GitHub and Stripe specs: each edit a spec goes
//! through between versions is made to it, the crate is regenerated over the first one's
//! name lock, and the public API may change only in the items the edit touches.

use std::io::Read;
use std::path::Path;

use openapi_gen::changes::{ApiChange, ApiChanges, ChangeKind};
use openapi_gen::lock::NameLock;
use openapi_gen::naming::{type_name, value_name};
use openapi_gen::surface::Surface;
use openapi_gen::{Config, Format, Generated};
use serde_json::{Map, Value};

fn spec(file: &str) -> Value {
    let gzipped = std::fs::File::open(openapi_gen_tests::root().join("spec/large").join(file)).expect("vendored spec");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gzipped).read_to_string(&mut text).expect("gzipped UTF-8");
    serde_json::from_str(&text).expect("JSON")
}

fn generate(spec: &Value, lock: Option<&Generated>) -> Generated {
    let mut config = Config::new();
    config.crate_name("stability");
    if let Some(previous) = lock {
        let text = &previous.files[Path::new(openapi_gen::lock::FILE_NAME)];
        config.name_lock(NameLock::parse(text, "openapi-gen.lock").expect("lock reads"));
    }
    let text = serde_json::to_string(spec).expect("JSON");
    config.generate_crate_from_str(&text, Format::Json, "spec.json").expect("generates")
}

fn surface(generated: &Generated) -> Surface {
    Surface::of_files(generated.files.iter().map(|(path, text)| (path.as_path(), text.as_str()))).expect("parses")
}

/// The first operation, in document order, whose 200 response is an inline object: its
/// path, method and operationId.
fn inline_operation(spec: &Value) -> (String, String, String) {
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
            if schema.get("properties").is_some() && operation.get("operationId").is_some() {
                let id = operation["operationId"].as_str().expect("text").to_owned();
                return (path.clone(), method.clone(), id);
            }
        }
    }
    panic!("no operation answers with an inline object");
}

fn reversed(object: &Value) -> Value {
    let map: Map<String, Value> = object.as_object().expect("object").clone().into_iter().rev().collect();
    Value::Object(map)
}

/// Adds a copy of the operation at `path`/`method` under `new_path`, first or last in
/// document order, as `new_id`.
fn with_copy(
    spec: &Value,
    (path, method, _): &(String, String, String),
    new_path: &str,
    new_id: &str,
    first: bool,
) -> Value {
    let mut spec = spec.clone();
    let item = spec["paths"][path].clone();
    let mut operation = item[method].clone();
    operation["operationId"] = Value::from(new_id);
    let mut copy = Map::new();
    if let Some(parameters) = item.get("parameters") {
        copy.insert("parameters".to_owned(), parameters.clone());
    }
    copy.insert(method.clone(), operation);
    let paths = spec["paths"].as_object_mut().expect("paths");
    let mut entries: Vec<(String, Value)> = std::mem::take(paths).into_iter().collect();
    let entry = (new_path.to_owned(), Value::Object(copy));
    if first {
        entries.insert(0, entry);
    } else {
        entries.push(entry);
    }
    *paths = entries.into_iter().collect();
    spec
}

/// The changes the edit did not make: those that neither name one of `names` in their path
/// or types nor belong to an item that does (a field, variant or method of a type that
/// stopped being an alias of one of the edited operation's types).
fn untouched<'c>(changes: &'c ApiChanges, names: &[String]) -> Vec<&'c ApiChange> {
    let mentions = |change: &ApiChange| {
        let texts = match &change.kind {
            ChangeKind::Added(text) | ChangeKind::Removed(text) => vec![text.as_str()],
            ChangeKind::Changed(old, new) | ChangeKind::Gated(old, new) => vec![old.as_str(), new.as_str()],
        };
        names.iter().any(|name| change.path.contains(name.as_str()) || texts.iter().any(|t| t.contains(name.as_str())))
    };
    let owners: Vec<&str> = changes.changes.iter().filter(|c| mentions(c)).map(|c| c.path.as_str()).collect();
    let owned = |change: &ApiChange| {
        let owner = change.path.rsplit_once('.').or_else(|| change.path.rsplit_once("::")).map(|(owner, _)| owner);
        owner.is_some_and(|owner| owners.contains(&owner))
    };
    changes.changes.iter().filter(|c| !mentions(c) && !owned(c)).collect()
}

fn check_stability(file: &str) {
    let spec = spec(file);
    let base = generate(&spec, None);
    let base_surface = surface(&base);
    let source = inline_operation(&spec);
    let changes_after = |edited: &Value| ApiChanges::between(&base_surface, &surface(&generate(edited, Some(&base))));

    // Moving things around changes nothing at all, not even a byte.
    let mut moved = spec.clone();
    moved["paths"] = reversed(&spec["paths"]);
    assert_eq!(generate(&moved, None).files, base.files, "{file}: reversing paths");
    let mut moved = spec.clone();
    moved["components"]["schemas"] = reversed(&spec["components"]["schemas"]);
    assert_eq!(generate(&moved, None).files, base.files, "{file}: reversing components.schemas");

    // A copy of an operation, first and last: only its own items are new.
    for (new_path, first) in [(format!("/aaa{}", source.0), true), (format!("{}/copy", source.0), false)] {
        let new_id = if first { "stabilityCopyFirst" } else { "stabilityCopyLast" };
        let changes = changes_after(&with_copy(&spec, &source, &new_path, new_id, first));
        let names = [value_name(new_id, "op"), type_name(new_id, "Op")];
        assert!(!changes.is_empty(), "{file}: the copy {new_id} adds nothing");
        let untouched = untouched(&changes, &names);
        assert!(
            untouched.is_empty(),
            "{file}: adding {new_id} changes {} other items: {untouched:#?}",
            untouched.len()
        );
        let kept = changes.changes.iter().all(|c| matches!(c.kind, ChangeKind::Added(_)));
        assert!(kept && changes.breaking().count() == 0, "{file}: adding {new_id}: {changes}");
    }

    // Deleting the operation: its items go, and what shared a definition with them.
    let mut deleted = spec.clone();
    deleted["paths"][&source.0].as_object_mut().expect("path item").remove(&source.1);
    let changes = changes_after(&deleted);
    let names = [value_name(&source.2, "op"), type_name(&source.2, "Op")];
    let untouched = untouched(&changes, &names);
    assert!(
        untouched.is_empty(),
        "{file}: deleting {} changes {} other items: {untouched:#?}",
        source.2,
        untouched.len()
    );

    // A component named like the operation's inline response type: the type keeps its
    // name, and the newcomer gets another.
    let method = value_name(&source.2, "op");
    let signature = &base_surface.items[&format!("Client::{method}")].text;
    let response = signature.split("ResponseValue<models::").nth(1).expect("a model response");
    let response = &response[..response.find(|c: char| !c.is_alphanumeric()).expect("ends")];
    let mut added = spec.clone();
    added["components"]["schemas"][response] =
        serde_json::json!({"type": "object", "properties": {"x": {"type": "string"}}});
    let regenerated = generate(&added, Some(&base));
    let changes = ApiChanges::between(&base_surface, &surface(&regenerated));
    assert!(
        changes
            .changes
            .iter()
            .all(|c| matches!(c.kind, ChangeKind::Added(_)) && c.path.starts_with(&format!("models::{response}"))),
        "{file}: a component named `{response}`: {changes}"
    );
    assert!(regenerated.warnings.iter().any(|w| w.message.contains("is locked for")), "{file}: no warning");
}

#[test]
fn githubs_api_changes_only_where_its_spec_does() {
    check_stability("github-rest.json.gz");
}

#[test]
fn stripes_api_changes_only_where_its_spec_does() {
    check_stability("stripe.json.gz");
}
