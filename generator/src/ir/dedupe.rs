//! Types that come out identical are generated once. Big specs repeat shapes: GitHub's has
//! `nullable-repository` beside `repository` and the same user object inline in hundreds of
//! webhook payloads. Each repeat becomes an alias of the first (`pub type NullableRepository
//! = Repository;`), so its name still works and its code is compiled once.

use std::hash::BuildHasher;

use foldhash::HashMap;

use super::analysis::slots_mut;
use super::{Operation, TypeDef, TypeId, TypeKind, TypeRef};

/// Merges identical structs, enums and unions, repeating until nothing changes (merging
/// two types can make the types that hold them identical).
pub fn merge_identical(types: &mut [TypeDef], operations: &mut [Operation]) {
    // Each type is hashed once, and again only after a merge changed what it holds.
    let hasher = foldhash::fast::FixedState::default();
    let hash = |def: &TypeDef| shape_key(&def.kind).map(|key| hasher.hash_one(key));
    let mut hashes: Vec<Option<u64>> = types.iter().map(hash).collect();
    loop {
        // Types of one hash with different shapes, in order: the first of each shape.
        let mut firsts: HashMap<u64, Vec<TypeId>> = HashMap::default();
        let mut canonical: HashMap<TypeId, TypeId> = HashMap::default();
        for (index, def) in types.iter().enumerate() {
            let Some(hash) = hashes[index] else { continue };
            let same_hash = firsts.entry(hash).or_default();
            match same_hash.iter().find(|first| types[first.0].kind == def.kind) {
                Some(first) if mergeable(def, &types[first.0]) => {
                    canonical.insert(TypeId(index), *first);
                }
                Some(_) => {}
                None => same_hash.push(TypeId(index)),
            }
        }
        if canonical.is_empty() {
            return;
        }
        for (repeat, first) in &canonical {
            let first_name = types[first.0].name.clone();
            let def = &mut types[repeat.0];
            def.kind = TypeKind::Alias { target: TypeRef::Named(*first) };
            hashes[repeat.0] = None;
            let note = format!("The same type as `{first_name}`.");
            def.docs = Some(match def.docs.take() {
                Some(docs) => format!("{docs}\n\n{note}"),
                None => note,
            });
        }
        let redirect = |id: &mut TypeId| match canonical.get(id) {
            Some(first) => {
                *id = *first;
                true
            }
            None => false,
        };
        for (index, def) in types.iter_mut().enumerate().filter(|(_, def)| !matches!(def.kind, TypeKind::Alias { .. }))
        {
            let mut changed = false;
            for slot in slots_mut(&mut def.kind) {
                slot.each_named_mut(&mut |id: &mut TypeId| changed |= redirect(id));
            }
            if changed {
                hashes[index] = hash(def);
            }
        }
        for ty in operations.iter_mut().flat_map(Operation::types_mut) {
            ty.each_named_mut(&mut |id: &mut TypeId| {
                redirect(id);
            });
        }
    }
}

/// Inline types merge into whatever they repeat. Two component schemas are distinct concepts
/// that may share a shape today and not tomorrow (and a union of both must keep both), so
/// they merge only when one is the other's nullable twin, `NullableX` beside `X`, which
/// normalisation has made identical.
fn mergeable(repeat: &TypeDef, first: &TypeDef) -> bool {
    !is_component(repeat) || repeat.name.strip_prefix("Nullable") == Some(first.name.as_str())
}

fn is_component(def: &TypeDef) -> bool {
    let segments: Vec<_> = def.origin.segments().collect();
    matches!(segments.as_slice(), [components, schemas, _] if components == "components" && schemas == "schemas")
}

/// What makes two types the same: their kind, field by field, with docs. `None` for kinds
/// never merged (aliases, newtypes and multipart forms).
fn shape_key(kind: &TypeKind) -> Option<&TypeKind> {
    match kind {
        TypeKind::Struct { .. } | TypeKind::StringEnum { .. } | TypeKind::Union { .. } => Some(kind),
        TypeKind::Alias { .. } | TypeKind::Newtype { .. } | TypeKind::Form { .. } => None,
    }
}
