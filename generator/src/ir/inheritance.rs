//! Polymorphism through `allOf`: a component schema with a `discriminator` (and no
//! `oneOf`/`anyOf` of its own) is a base, and the component schemas that include it with
//! `allOf: [{$ref: base}, …]`, or that its `mapping` names, are its subtypes. A value
//! declared as the base is any one of them, chosen by the tag property.

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema};

use super::shape::Shape;
use crate::diagnostic::JsonPointer;

/// One subtype of a base: its component index and the tag values that select it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtype {
    pub index: usize,
    pub tags: Vec<String>,
}

/// The subtypes of every base among `components` (name and schema, in spec order), by the
/// base's index. Bases without subtypes are left out: they stay plain structs.
pub fn subtypes_by_base(components: &[(&str, &ReferenceOr<Schema>)]) -> HashMap<usize, Vec<Subtype>> {
    let index_of: HashMap<&str, usize> = components.iter().enumerate().map(|(i, (name, _))| (*name, i)).collect();
    let mut bases = HashMap::new();
    for (base, (base_name, schema)) in components.iter().enumerate() {
        let ReferenceOr::Item(schema) = schema else { continue };
        let Some(discriminator) = &schema.schema_data.discriminator else { continue };
        let shape = Shape::of(&schema.schema_kind);
        if !shape.one_of.is_empty() || !shape.any_of.is_empty() {
            continue;
        }
        let mapped = |index: usize| {
            let (name, _) = components[index];
            let reference = format!("#/components/schemas/{name}");
            discriminator
                .mapping
                .iter()
                .filter(|(_, target)| **target == reference || *target == name)
                .map(|(value, _)| value.clone())
                .collect::<Vec<_>>()
        };
        let mut subtypes: Vec<usize> =
            (0..components.len()).filter(|&index| index != base && includes(components[index].1, base_name)).collect();
        for target in discriminator.mapping.values() {
            // A mapping value is a reference or a bare schema name.
            let name = match JsonPointer::from_ref(target) {
                Some(pointer) if target.starts_with("#/components/schemas/") => pointer.last().unwrap_or_default(),
                _ => target.clone(),
            };
            if let Some(&index) = index_of.get(name.as_str())
                && index != base
                && !subtypes.contains(&index)
            {
                subtypes.push(index);
            }
        }
        subtypes.sort_unstable();
        if subtypes.is_empty() {
            continue;
        }
        let subtypes = subtypes
            .into_iter()
            .map(|index| {
                let tags = mapped(index);
                let tags = if tags.is_empty() { vec![default_tag(components[index])] } else { tags };
                Subtype { index, tags }
            })
            .collect();
        bases.insert(base, subtypes);
    }
    bases
}

/// Whether `schema` lists a `$ref` to the component `base` directly in its `allOf`.
fn includes(schema: &ReferenceOr<Schema>, base: &str) -> bool {
    let ReferenceOr::Item(schema) = schema else { return false };
    Shape::of(&schema.schema_kind).all_of.iter().any(|member| match member {
        ReferenceOr::Reference { reference } => {
            JsonPointer::from_ref(reference).and_then(|p| p.last()).is_some_and(|name| name == base)
                && reference.starts_with("#/components/schemas/")
        }
        ReferenceOr::Item(_) => false,
    })
}

/// A subtype's tag when the mapping does not give one: the schema's name, as OpenAPI says,
/// unless it names its own value the way specs converted from Azure's do.
fn default_tag((name, schema): (&str, &ReferenceOr<Schema>)) -> String {
    match schema {
        ReferenceOr::Item(schema) => schema
            .schema_data
            .extensions
            .get("x-ms-discriminator-value")
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| name.to_owned(), str::to_owned),
        ReferenceOr::Reference { .. } => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn components(value: serde_json::Value) -> Vec<(String, ReferenceOr<Schema>)> {
        serde_json::from_value::<indexmap::IndexMap<String, ReferenceOr<Schema>>>(value)
            .expect("schemas")
            .into_iter()
            .collect()
    }

    #[test]
    fn subtypes_come_from_all_of_and_the_mapping_with_their_tags() {
        let owned = components(json!({
            "Pet": {"type": "object", "properties": {"kind": {"type": "string"}},
                    "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog", "bird": "Bird"}}},
            "Dog": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"properties": {"bark": {"type": "boolean"}}}]},
            "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}], "x-ms-discriminator-value": "cat"},
            "Bird": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Plain": {"type": "object", "discriminator": {"propertyName": "kind"}},
            "Union": {"oneOf": [{"$ref": "#/components/schemas/Dog"}], "discriminator": {"propertyName": "kind"}},
            "Fish": {"allOf": [{"$ref": "#/components/schemas/Union"}]}
        }));
        let borrowed: Vec<(&str, &ReferenceOr<Schema>)> = owned.iter().map(|(n, s)| (n.as_str(), s)).collect();
        let bases = subtypes_by_base(&borrowed);
        assert_eq!(bases.len(), 1, "only Pet has subtypes: {bases:?}");
        assert_eq!(
            bases[&0],
            vec![
                Subtype { index: 1, tags: vec!["dog".into()] },
                Subtype { index: 2, tags: vec!["cat".into()] },
                Subtype { index: 3, tags: vec!["bird".into()] },
            ]
        );
    }
}
