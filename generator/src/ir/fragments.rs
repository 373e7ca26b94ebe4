//! Schemas an `allOf` reaches by references that point elsewhere than
//! `#/components/schemas`. Bundlers such as APIs.guru's point a repeated schema at its first
//! use (`#/paths/~1v2~1apps/get/responses/200/content/application~1json/schema/allOf/0`),
//! and an `allOf` merges such a schema as it merges a component. The merge borrows what it
//! merges, so these are read from the document as written before it starts.

use foldhash::{HashMap, HashSet};
use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::shape::Shape;
use crate::diagnostic::JsonPointer;

/// The schemas read, by reference as written, with where they are.
pub type Fragments = HashMap<String, (JsonPointer, ReferenceOr<Schema>)>;

/// Reads every schema that the `allOf` with members `all_of` reaches (through references,
/// nested `allOf`s and the components named by `component`) and that is not a component, up
/// to `max_depth` references deep. One that cannot be read stops the reading; the merge
/// then reports it where it meets it.
pub fn read<'s>(
    all_of: &'s [ReferenceOr<Schema>],
    raw: &Value,
    component: impl Fn(&str) -> Option<&'s Schema>,
    max_depth: usize,
) -> Fragments {
    let mut fragments = Fragments::default();
    // Each pass walks from the start with what has been read so far; almost every `allOf`
    // needs one pass, which finds nothing to read.
    while let Some(reference) = first_unread(all_of, &fragments, &component, max_depth) {
        let Some(target) = JsonPointer::from_ref(&reference) else { break };
        let Some(Ok(schema)) = target.resolve(raw).map(|value| crate::normalise::read_schema_fragment(value, &target))
        else {
            break;
        };
        fragments.insert(reference, (target, schema));
    }
    fragments
}

/// The first reference the walk meets that names neither a component nor a schema in
/// `fragments`.
fn first_unread<'s: 'f, 'f>(
    all_of: &'s [ReferenceOr<Schema>],
    fragments: &'f Fragments,
    component: &impl Fn(&str) -> Option<&'s Schema>,
    max_depth: usize,
) -> Option<String> {
    let mut pending: Vec<(&'f ReferenceOr<Schema>, usize)> = all_of.iter().map(|member| (member, 0)).collect();
    let mut seen = HashSet::default();
    while let Some((member, depth)) = pending.pop() {
        let (schema, depth) = match member {
            ReferenceOr::Reference { reference } => {
                if depth >= max_depth || !seen.insert(reference.as_str()) {
                    continue;
                }
                match component(reference) {
                    Some(schema) => (schema, depth + 1),
                    None => match fragments.get(reference.as_str()) {
                        Some((_, fragment)) => {
                            pending.push((fragment, depth + 1));
                            continue;
                        }
                        None => return Some(reference.clone()),
                    },
                }
            }
            ReferenceOr::Item(schema) => (schema, depth),
        };
        pending.extend(Shape::of(&schema.schema_kind).all_of.iter().map(|nested| (nested, depth)));
    }
    None
}

#[cfg(test)]
mod tests {
    use openapiv3::{ReferenceOr, Schema};
    use serde_json::json;

    #[test]
    fn fragments_are_read_through_references_and_nested_all_ofs() {
        let a = json!({"allOf": [{"$ref": "#/paths/~1b/get/x"}, {"properties": {"id": {"type": "string"}}}]});
        let b = json!({"properties": {"n": {"type": "integer"}}});
        let raw = json!({"paths": {
            "/a": {"get": {"responses": {"200": {"content": {"application/json": {"schema": a}}}}}},
            "/b": {"get": {"x": b}},
        }});
        let first: ReferenceOr<Schema> = ReferenceOr::Reference {
            reference: "#/paths/~1a/get/responses/200/content/application~1json/schema".to_owned(),
        };
        let fragments = super::read(std::slice::from_ref(&first), &raw, |_| None, 8);
        let mut found: Vec<&str> = fragments.keys().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(found, ["#/paths/~1a/get/responses/200/content/application~1json/schema", "#/paths/~1b/get/x"]);

        // A reference that leads nowhere stops the reading; the merge reports it.
        let broken: ReferenceOr<Schema> = ReferenceOr::Reference { reference: "#/paths/~1c".to_owned() };
        assert!(super::read(std::slice::from_ref(&broken), &raw, |_| None, 8).is_empty());
    }
}
