//! Polymorphism through `allOf`: a component schema with a `discriminator` (and no
//! `oneOf`/`anyOf` of its own) is a base, and the component schemas that include it with
//! `allOf: [{$ref: base}, …]` (directly or through each other), or that its `mapping`
//! names, are its subtypes. A value
//! declared as the base is any one of them, chosen by the tag property.

use std::collections::BTreeSet;

use foldhash::HashMap;

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::shape::Shape;
use crate::diagnostic::JsonPointer;

/// A base: the property that holds the tag, and its subtypes.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    pub property: String,
    pub subtypes: Vec<Subtype>,
}

/// One subtype of a base: its component index and the tag values that select it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtype {
    pub index: usize,
    pub tags: Vec<String>,
}

/// Every base among `components` (name and schema, in spec order), by index, with its
/// subtypes: every schema that includes the base, directly or through other schemas
/// (`CopyActivity` → `ExecutionActivity` → `Activity`), and every schema its `mapping`
/// names. Bases without subtypes are left out: they stay plain structs.
pub fn bases(components: &[(&str, &ReferenceOr<Schema>)]) -> HashMap<usize, Base> {
    let index_of: HashMap<&str, usize> = components.iter().enumerate().map(|(i, (name, _))| (*name, i)).collect();
    let children = children_by_parent(components, &index_of);
    let mut bases = HashMap::default();
    for (base, (_, schema)) in components.iter().enumerate() {
        let ReferenceOr::Item(schema) = schema else { continue };
        let Some(discriminator) = &schema.schema_data.discriminator else { continue };
        let shape = Shape::of(&schema.schema_kind);
        if !shape.one_of.is_empty() || !shape.any_of.is_empty() {
            continue;
        }
        let mut found: BTreeSet<usize> = BTreeSet::new();
        let mut pending: Vec<usize> = children.get(&base).cloned().unwrap_or_default();
        while let Some(index) = pending.pop() {
            if index != base && found.insert(index) {
                pending.extend(children.get(&index).into_iter().flatten());
            }
        }
        for target in discriminator.mapping.values() {
            found.extend(index_of.get(mapped_name(target).as_str()).filter(|&&index| index != base));
        }
        if found.is_empty() {
            continue;
        }
        let subtypes = found
            .into_iter()
            .map(|index| {
                let (name, schema) = components[index];
                let schema = match schema {
                    ReferenceOr::Item(schema) => Some(schema),
                    ReferenceOr::Reference { .. } => None,
                };
                Subtype { index, tags: tags_for(discriminator, name, schema) }
            })
            .collect();
        bases.insert(base, Base { property: discriminator.property_name.clone(), subtypes });
    }
    bases
}

/// For each component, the components that list a `$ref` to it directly in their `allOf`.
fn children_by_parent(
    components: &[(&str, &ReferenceOr<Schema>)],
    index_of: &HashMap<&str, usize>,
) -> HashMap<usize, Vec<usize>> {
    let mut children: HashMap<usize, Vec<usize>> = HashMap::default();
    for (child, (_, schema)) in components.iter().enumerate() {
        let ReferenceOr::Item(schema) = schema else { continue };
        for member in Shape::of(&schema.schema_kind).all_of {
            let ReferenceOr::Reference { reference } = member else { continue };
            let parent = JsonPointer::from_ref(reference)
                .filter(|_| reference.starts_with("#/components/schemas/"))
                .and_then(|pointer| pointer.last())
                .and_then(|name| index_of.get(name.as_str()).copied());
            if let Some(parent) = parent
                && parent != child
            {
                children.entry(parent).or_default().push(child);
            }
        }
    }
    children
}

/// The component schema a `mapping` value names: it is a reference or a bare schema name.
fn mapped_name(target: &str) -> String {
    match JsonPointer::from_ref(target) {
        Some(pointer) if target.starts_with("#/components/schemas/") => pointer.last().unwrap_or_default(),
        _ => target.to_owned(),
    }
}

/// The tags that select the component schema `name` under `discriminator`: the `mapping`
/// values that name it (by reference or by bare name), else the value the schema gives
/// itself (`x-ms-discriminator-value`, as specs converted from Azure's write it), else its
/// name, as OpenAPI says.
pub fn tags_for(discriminator: &Discriminator, name: &str, schema: Option<&Schema>) -> Vec<String> {
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| mapped_name(target) == name)
        .map(|(value, _)| value.clone())
        .collect();
    if !mapped.is_empty() {
        return mapped;
    }
    let own = schema.and_then(|schema| schema.schema_data.extensions.get("x-ms-discriminator-value"));
    vec![own.and_then(serde_json::Value::as_str).unwrap_or(name).to_owned()]
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::normalise::Normalised;

    fn components(value: serde_json::Value) -> Vec<(String, ReferenceOr<Schema>)> {
        let schemas = value.as_object().expect("schemas");
        schemas.iter().map(|(name, schema)| (name.clone(), Normalised::schema_from(schema).expect("reads"))).collect()
    }

    #[test]
    fn subtypes_come_from_all_of_at_any_depth_and_the_mapping_with_their_tags() {
        let owned = components(json!({
            "Pet": {"type": "object", "properties": {"kind": {"type": "string"}},
                    "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog", "bird": "Bird"}}},
            "Dog": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"properties": {"bark": {"type": "boolean"}}}]},
            "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}], "x-ms-discriminator-value": "cat"},
            "Bird": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Plain": {"type": "object", "discriminator": {"propertyName": "kind"}},
            "Union": {"oneOf": [{"$ref": "#/components/schemas/Dog"}], "discriminator": {"propertyName": "kind"}},
            "Fish": {"allOf": [{"$ref": "#/components/schemas/Union"}]},
            "Puppy": {"allOf": [{"$ref": "#/components/schemas/Dog"}], "x-ms-discriminator-value": "puppy"}
        }));
        let borrowed: Vec<(&str, &ReferenceOr<Schema>)> = owned.iter().map(|(n, s)| (n.as_str(), s)).collect();
        let bases = bases(&borrowed);
        assert_eq!(bases.len(), 1, "only Pet has subtypes: {bases:?}");
        assert_eq!(bases[&0].property, "kind");
        assert_eq!(
            bases[&0].subtypes,
            vec![
                Subtype { index: 1, tags: vec!["dog".into()] },
                Subtype { index: 2, tags: vec!["cat".into()] },
                Subtype { index: 3, tags: vec!["bird".into()] },
                Subtype { index: 7, tags: vec!["puppy".into()] },
            ]
        );
    }

    #[test]
    fn a_member_is_tagged_by_the_mapping_then_by_its_own_value_then_by_name() {
        let discriminator: Discriminator = serde_json::from_value(json!({
            "propertyName": "kind",
            "mapping": {"dog": "#/components/schemas/Dog", "hound": "Dog", "other": "#/paths/x"}
        }))
        .expect("discriminator");
        let cat: Schema = serde_json::from_value(json!({"x-ms-discriminator-value": "cat"})).expect("schema");
        assert_eq!(tags_for(&discriminator, "Dog", None), ["dog", "hound"]);
        assert_eq!(tags_for(&discriminator, "Cat", Some(&cat)), ["cat"]);
        assert_eq!(tags_for(&discriminator, "Bird", None), ["Bird"]);
    }
}
