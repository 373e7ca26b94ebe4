//! Cargo features per tag, for APIs too big to compile whole: each operation is compiled
//! with the feature of its first tag, each type with the features of the operations that
//! use it. Types no operation uses are behind one more feature, `extra-schemas`.

use heck::ToKebabCase;

use super::analysis::reachable;
use super::{BodyEncoding, Feature, FeatureScope, Features, Operation, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::Namer;

/// Operations are grouped behind features when there are at least this many, in at least
/// two tags, unless the generator is told otherwise.
pub const AUTOMATIC_FROM_OPERATIONS: usize = 100;

/// Feature names the generated crate uses for other things.
const RESERVED: &[&str] = &["default", "full", "mock", "extra-schemas", "serialize-responses"];

/// Whether an API this size gets features when the generator is not told.
pub fn wanted(operations: &[Operation]) -> bool {
    let mut tags: Vec<&Option<String>> = operations.iter().map(|op| &op.tag).collect();
    tags.sort();
    tags.dedup();
    operations.len() >= AUTOMATIC_FROM_OPERATIONS && tags.len() >= 2
}

/// Assigns each operation its feature and each type the features that use it.
pub fn assign(operations: &mut [Operation], types: &mut [TypeDef]) -> Vec<Feature> {
    let mut tags: Vec<Option<String>> = operations.iter().map(|op| op.tag.clone()).collect();
    tags.sort();
    tags.dedup();
    let mut names = Namer::with_reserved(RESERVED);
    let mut features: Vec<Feature> = tags
        .into_iter()
        .map(|tag| match tag {
            Some(tag) => Feature { name: names.unique(&feature_name(&tag)), turns_on: FeatureScope::Tag(tag) },
            None => Feature { name: names.unique("untagged"), turns_on: FeatureScope::Untagged },
        })
        .collect();
    features.sort_by(|a, b| a.name.cmp(&b.name));
    for op in operations.iter_mut() {
        op.feature = features.iter().position(|f| match (&f.turns_on, &op.tag) {
            (FeatureScope::Tag(tag), Some(own)) => tag == own,
            (FeatureScope::Untagged, None) => true,
            _ => false,
        });
    }

    let mut used_by: Vec<Option<Features>> = vec![None; types.len()];
    for op in operations.iter() {
        let Some(feature) = op.feature else { continue };
        let own = Features(vec![feature]);
        reachable(types, op.types()).into_iter().for_each(|id| add(&mut used_by[id.0], &own));
    }
    // A name for a type that operations use (an alias, often of a merged repeat) comes with it.
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            if used_by[index].is_some() {
                continue;
            }
            if let TypeKind::Alias { target: TypeRef::Named(target) } = &types[index].kind
                && let Some(target_features) = used_by[target.0].clone()
            {
                used_by[index] = Some(target_features);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Types no operation uses, and what they refer to, come with `extra-schemas`.
    let unused: Vec<TypeRef> =
        (0..types.len()).filter(|&index| used_by[index].is_none()).map(|index| TypeRef::Named(TypeId(index))).collect();
    if !unused.is_empty() {
        let extra = Features(vec![features.len()]);
        features.push(Feature { name: "extra-schemas".to_owned(), turns_on: FeatureScope::ExtraSchemas });
        reachable(types, unused.iter()).into_iter().for_each(|id| add(&mut used_by[id.0], &extra));
    }
    // Error bodies are printed as JSON by their `Display`, so they serialise too.
    let json_errors = operations.iter().flat_map(|op| &op.responses.errors).filter_map(|o| o.body.as_ref());
    let json_errors = json_errors.filter(|b| b.encoding == BodyEncoding::Json).map(|b| &b.ty);
    let serialized = reachable(types, operations.iter().flat_map(Operation::input_types).chain(json_errors));
    for (index, def) in types.iter_mut().enumerate() {
        def.serialize_on_request = !serialized.contains(&TypeId(index));
    }
    for (def, used) in types.iter_mut().zip(used_by) {
        def.features = match used {
            Some(used) if used.0.len() < features.len() => used,
            _ => Features::always(),
        };
    }
    features
}

/// Adds `features` to those a type is compiled with so far (`None`: none yet).
fn add(used: &mut Option<Features>, features: &Features) {
    *used = Some(used.as_ref().map_or_else(|| features.clone(), |f| f.or(features)));
}

/// A cargo feature name: kebab case, ASCII letters, digits and `-`, starting with a letter.
fn feature_name(tag: &str) -> String {
    let ascii: String = tag.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let name = ascii.to_kebab_case();
    match name.chars().next() {
        None => "tag".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("tag-{name}"),
        Some(_) => name,
    }
}
