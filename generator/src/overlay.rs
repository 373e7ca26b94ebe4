//! Between load and normalise: OpenAPI Overlay 1.0 documents, each a list of actions that
//! change the loaded spec where an RFC 9535 JSONPath selects, so a user fixes a spec they do
//! not own without forking it. An overlay's problems are located in the overlay: its file
//! and the pointer of the action (`#/actions/2/target`).
//!
//! What an action does, per the specification, with two choices it leaves open:
//! - `remove: true` takes each selected node out of the object or array that holds it;
//! - `update` on an object merges into it: objects merge property by property, at every
//!   depth; arrays inside get the update's items appended; any other value replaces;
//! - `update` on an array appends: the update's items when it is an array itself (as
//!   overlays written for other tools expect), else the update as one item.
//!
//! A target that selects nothing is a warning, so an overlay written for an older version
//! of the spec says what no longer applies.

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use crate::diagnostic::{Diagnostic, JsonPointer, closest};
use crate::error::Error;
use crate::load::{self, Format};

/// A read and checked overlay, ready to apply.
#[derive(Debug)]
pub struct Overlay {
    /// The overlay's file, as messages name it.
    file: String,
    text: String,
    format: Format,
    actions: Vec<Action>,
}

#[derive(Debug)]
struct Action {
    /// Where the action is in the overlay: `#/actions/N`.
    at: JsonPointer,
    target: JsonPath,
    change: Change,
}

#[derive(Debug)]
enum Change {
    Update(Value),
    Remove,
}

/// One step from a node to one inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

const ACTION_FIELDS: &[&str] = &["target", "description", "update", "remove"];

impl Overlay {
    /// Reads the overlay in `text`, checking every action before any is applied.
    pub fn read(text: String, format: Format, file: &str) -> Result<Self, Error> {
        let document = load::parse(&text, format, file)?;
        let mut problems = Vec::new();
        let actions = read_actions(&document, &mut problems);
        let overlay = Self { file: file.to_owned(), text, format, actions };
        if problems.is_empty() { Ok(overlay) } else { Err(overlay.invalid(problems)) }
    }

    /// Applies the actions in order to `spec`; the warnings name the actions that selected
    /// nothing. An action that cannot apply (an `update` of text, the removal of the whole
    /// spec) stops it, and the spec must then be dropped: earlier actions changed it.
    pub fn apply(&self, spec: &mut Value) -> Result<Vec<Diagnostic>, Error> {
        let mut warnings = Vec::new();
        for action in &self.actions {
            let mut places: Vec<Vec<Step>> = action
                .target
                .query_located(spec)
                .locations()
                .map(|path| {
                    path.iter()
                        .map(|element| match element.as_index() {
                            Some(index) => Step::Index(index),
                            None => Step::Name(element.as_name().unwrap_or_default().to_owned()),
                        })
                        .collect()
                })
                .collect();
            // A query may select a node twice (`$['a','a']`); it changes once.
            let mut seen = std::collections::BTreeSet::new();
            places.retain(|place| seen.insert(place.clone()));
            if places.is_empty() {
                warnings.push(Diagnostic::warning(
                    action.at.push("target"),
                    "the target selects nothing in the spec, so the action changes nothing",
                ));
                continue;
            }
            let outcome = match &action.change {
                Change::Update(update) => places.iter().try_for_each(|place| update_at(spec, place, update)),
                Change::Remove => {
                    // The deepest and the last first, so each removal leaves the places
                    // still to remove where they were.
                    places.sort_unstable_by(|a, b| b.cmp(a));
                    places.iter().try_for_each(|place| remove_at(spec, place))
                }
            };
            if let Err(message) = outcome {
                return Err(self.invalid(vec![Diagnostic::error(action.at.clone(), message)]));
            }
        }
        Ok(self.locate(warnings))
    }

    fn invalid(&self, diagnostics: Vec<Diagnostic>) -> Error {
        Error::InvalidOverlay { file: self.file.clone(), diagnostics: self.locate(diagnostics) }
    }

    /// The diagnostics, naming this file and, for YAML, the line and column.
    fn locate(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.format == Format::Yaml && !diagnostics.is_empty() {
            let pointers: Vec<&JsonPointer> = diagnostics.iter().map(|d| &d.pointer).collect();
            let locations = load::locate(&self.text, &pointers);
            for diagnostic in &mut diagnostics {
                diagnostic.location = locations.get(&diagnostic.pointer).copied();
            }
        }
        for diagnostic in &mut diagnostics {
            diagnostic.file = Some(self.file.clone());
        }
        diagnostics
    }
}

fn read_actions(document: &Value, problems: &mut Vec<Diagnostic>) -> Vec<Action> {
    let root = JsonPointer::root();
    let Some(fields) = document.as_object() else {
        problems.push(Diagnostic::error(root, "an overlay is an object with `overlay`, `info` and `actions`"));
        return Vec::new();
    };
    match fields.get("overlay") {
        Some(Value::String(version)) if is_version_1_0(version) => {}
        Some(Value::String(version)) => problems.push(
            Diagnostic::error(root.push("overlay"), format!("overlay version `{version}` is not supported"))
                .with_help("openapi-gen reads Overlay 1.0 (`overlay: 1.0.0`)"),
        ),
        _ => problems.push(Diagnostic::error(
            root.push("overlay"),
            "`overlay` must be the version of the Overlay Specification, `1.0.0`",
        )),
    }
    let info = fields.get("info").and_then(Value::as_object);
    let named = |key: &str| info.and_then(|info| info.get(key)).is_some_and(Value::is_string);
    if !named("title") || !named("version") {
        problems.push(Diagnostic::error(root.push("info"), "`info` must give the overlay's `title` and `version`"));
    }
    let Some(Value::Array(actions)) = fields.get("actions") else {
        problems.push(Diagnostic::error(root.push("actions"), "`actions` must be a list of actions"));
        return Vec::new();
    };
    if actions.is_empty() {
        problems.push(Diagnostic::error(root.push("actions"), "`actions` is empty, so the overlay does nothing"));
    }
    let listed = root.push("actions");
    actions
        .iter()
        .enumerate()
        .filter_map(|(index, action)| read_action(action, listed.push(index.to_string()), problems))
        .collect()
}

fn read_action(action: &Value, at: JsonPointer, problems: &mut Vec<Diagnostic>) -> Option<Action> {
    let Some(fields) = action.as_object() else {
        problems.push(Diagnostic::error(at, "an action is an object with a `target`"));
        return None;
    };
    let before = problems.len();
    for key in fields.keys().filter(|key| !ACTION_FIELDS.contains(&key.as_str()) && !key.starts_with("x-")) {
        let mut problem = Diagnostic::error(at.push(key), format!("`{key}` is not a field of an overlay action"));
        if let Some(near) = closest(key, ACTION_FIELDS.iter().copied()) {
            problem = problem.with_help(format!("did you mean `{near}`?"));
        }
        problems.push(problem);
    }
    let target = match fields.get("target") {
        Some(Value::String(text)) => match JsonPath::parse(text) {
            Ok(path) => Some(path),
            Err(error) => {
                let mut problem = Diagnostic::error(
                    at.push("target"),
                    format!("`{text}` is not an RFC 9535 JSONPath query: {error}"),
                );
                if !text.starts_with('$') {
                    problem = problem.with_help(format!("a query starts at the root, `$`: `$.{text}`"));
                }
                problems.push(problem);
                None
            }
        },
        _ => {
            problems.push(Diagnostic::error(at.push("target"), "an action needs a `target`, a JSONPath query"));
            None
        }
    };
    let remove = match fields.get("remove") {
        None => false,
        Some(Value::Bool(remove)) => *remove,
        Some(_) => {
            problems.push(Diagnostic::error(at.push("remove"), "`remove` must be `true` or `false`"));
            return None;
        }
    };
    let change = match (remove, fields.get("update")) {
        (true, Some(_)) => {
            problems.push(Diagnostic::error(at.push("update"), "an action that removes cannot also update"));
            return None;
        }
        (true, None) => Change::Remove,
        (false, Some(update)) => Change::Update(update.clone()),
        (false, None) => {
            problems.push(Diagnostic::error(at.clone(), "the action neither updates nor removes (`remove: true`)"));
            return None;
        }
    };
    let target = target?;
    (problems.len() == before).then_some(Action { at, target, change })
}

/// `1.0.0`, `1.0.1`…: the versions this reader follows.
fn is_version_1_0(version: &str) -> bool {
    version.strip_prefix("1.0.").is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

fn node_at<'a>(spec: &'a mut Value, place: &[Step]) -> Option<&'a mut Value> {
    place.iter().try_fold(spec, |node, step| match (node, step) {
        (Value::Object(fields), Step::Name(name)) => fields.get_mut(name),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    })
}

fn pointer_of(place: &[Step]) -> JsonPointer {
    place.iter().fold(JsonPointer::root(), |pointer, step| match step {
        Step::Name(name) => pointer.push(name),
        Step::Index(index) => pointer.push(index.to_string()),
    })
}

fn update_at(spec: &mut Value, place: &[Step], update: &Value) -> Result<(), String> {
    // A place the query found is there: an earlier place of the same action is never
    // removed by an update.
    let Some(node) = node_at(spec, place) else { return Ok(()) };
    match (node, update) {
        (Value::Object(fields), Value::Object(changes)) => merge_object(fields, changes),
        (Value::Object(_), _) => {
            return Err(format!(
                "the target selects an object (`{}` in the spec), so `update` must be an object to merge into it",
                pointer_of(place)
            ));
        }
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (Value::Array(items), item) => items.push(item.clone()),
        (node, _) => {
            return Err(format!(
                "the target selects {} (`{}` in the spec); `update` changes objects and arrays, so select the object that holds it",
                kind(node),
                pointer_of(place)
            ));
        }
    }
    Ok(())
}

fn merge_object(fields: &mut Map<String, Value>, changes: &Map<String, Value>) {
    for (key, change) in changes {
        match fields.get_mut(key) {
            Some(existing) => merge(existing, change),
            None => {
                fields.insert(key.clone(), change.clone());
            }
        }
    }
}

fn merge(existing: &mut Value, change: &Value) {
    match (existing, change) {
        (Value::Object(fields), Value::Object(changes)) => merge_object(fields, changes),
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (existing, change) => *existing = change.clone(),
    }
}

fn remove_at(spec: &mut Value, place: &[Step]) -> Result<(), String> {
    let Some((last, parent)) = place.split_last() else {
        return Err("the target selects the whole spec, which cannot be removed".to_owned());
    };
    match (node_at(spec, parent), last) {
        // `shift_remove` keeps the order of what stays, which the output follows.
        (Some(Value::Object(fields)), Step::Name(name)) => drop(fields.shift_remove(name)),
        (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => drop(items.remove(*index)),
        _ => {}
    }
    Ok(())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn overlay(actions: Value) -> Result<Overlay, Error> {
        let document = json!({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions});
        Overlay::read(document.to_string(), Format::Json, "fix.json")
    }

    fn applied(actions: Value, mut spec: Value) -> Result<(Value, Vec<Diagnostic>), Error> {
        let warnings = overlay(actions)?.apply(&mut spec)?;
        Ok((spec, warnings))
    }

    #[test]
    fn updates_merge_at_every_depth_and_append_to_arrays() {
        let spec = json!({"a": {"b": {"c": 1, "d": [1]}, "keep": true}, "list": [1]});
        let actions = json!([
            {"target": "$.a", "update": {"b": {"c": 2, "d": [2], "e": "new"}}},
            {"target": "$.list", "update": 2},
            {"target": "$.list", "update": [3, 4]},
        ]);
        let (spec, warnings) = applied(actions, spec).expect("applies");
        assert_eq!(spec, json!({"a": {"b": {"c": 2, "d": [1, 2], "e": "new"}, "keep": true}, "list": [1, 2, 3, 4]}));
        assert!(warnings.is_empty());
    }

    #[test]
    fn removal_takes_every_selected_node_out_keeping_the_order() {
        let spec = json!({"paths": {"/a": {"get": {}, "post": {}}, "/b": {}, "/c": {}}, "tags": [1, 2, 3, 4]});
        let actions = json!([
            {"target": "$.paths['/a'].post", "remove": true},
            {"target": "$.paths['/b']", "remove": true},
            {"target": "$.tags[?@ > 1]", "remove": true},
        ]);
        let (spec, _) = applied(actions, spec).expect("applies");
        assert_eq!(spec, json!({"paths": {"/a": {"get": {}}, "/c": {}}, "tags": [1]}));
        let order: Vec<&String> = spec["paths"].as_object().expect("object").keys().collect();
        assert_eq!(order, ["/a", "/c"]);

        // The README's example: every deprecated operation.
        let spec =
            json!({"paths": {"/a": {"get": {"deprecated": true}, "put": {}}, "/b": {"post": {"deprecated": true}}}});
        let (spec, _) =
            applied(json!([{"target": "$.paths[*][?@.deprecated == true]", "remove": true}]), spec).expect("applies");
        assert_eq!(spec, json!({"paths": {"/a": {"put": {}}, "/b": {}}}));
    }

    #[test]
    fn a_target_that_selects_nothing_is_a_warning() {
        let (_, warnings) =
            applied(json!([{"target": "$.paths['/gone']", "remove": true}]), json!({"paths": {}})).expect("applies");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer.as_str(), "#/actions/0/target");
        assert_eq!(warnings[0].file.as_deref(), Some("fix.json"));
    }

    #[test]
    fn every_problem_is_named_by_its_action() {
        let error = overlay(json!([
            {"target": "paths", "update": {}},
            {"target": "$.a", "updte": {}},
            {"target": "$.a"},
            {"target": "$.a", "remove": true, "update": {}},
        ]))
        .expect_err("invalid");
        let places: Vec<&str> = error.diagnostics().iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            places,
            ["#/actions/0/target", "#/actions/1/updte", "#/actions/1", "#/actions/2", "#/actions/3/update"]
        );
        let text = error.to_string();
        assert!(text.contains("did you mean `update`?"), "{text}");
        let error = Overlay::read(r#"{"overlay": "2.0.0", "actions": []}"#.to_owned(), Format::Json, "o.json")
            .expect_err("invalid");
        let places: Vec<&str> = error.diagnostics().iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(places, ["#/overlay", "#/info", "#/actions"]);
    }

    #[test]
    fn an_update_of_text_is_refused_where_it_is() {
        let error = applied(json!([{"target": "$.info.title", "update": "New"}]), json!({"info": {"title": "Old"}}))
            .expect_err("text cannot be merged");
        let problem = &error.diagnostics()[0];
        assert_eq!(problem.pointer.as_str(), "#/actions/0");
        assert!(problem.message.contains("text (`#/info/title` in the spec)"), "{}", problem.message);
    }
}
