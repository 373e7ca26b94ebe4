//! Types that come out identical are generated once. Big specs repeat shapes: GitHub's has
//! `nullable-repository` beside `repository` and the same user object inline in hundreds of
//! webhook payloads. Each repeat becomes an alias of the first (`pub type NullableRepository
//! = Repository;`), and every place that used it still names it: a signature shows its own
//! place's type, so whether another place shares the shape never shows in it.

use std::hash::BuildHasher;

use foldhash::{HashMap, HashSet};

use super::analysis::slots_mut;
use super::{TypeDef, TypeId, TypeKind, TypeRef};

/// Merges identical structs, enums and unions, repeating until nothing changes (merging
/// two types can make the types that hold them identical). Types are compared with the
/// types they hold seen as the ones those were merged into; each repeat becomes an alias
/// of the first of its shape, in arena order (components first, then by place).
pub fn merge_identical(types: &mut [TypeDef]) {
    let hasher = foldhash::fast::FixedState::default();
    let mut merged_into: Vec<Option<TypeId>> = vec![None; types.len()];
    // Which of a shape's copies is kept: the one the name lock says was kept last time,
    // then a component before an inline type, `X` before its twin `NullableX`, else the
    // earlier in the arena.
    let components: HashSet<&str> = types.iter().filter(|def| is_component(def)).map(|def| def.name.as_str()).collect();
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_key(|&index| {
        let def = &types[index];
        let component = is_component(def);
        let twin = component && def.name.strip_prefix("Nullable").is_some_and(|base| components.contains(base));
        (!def.defined_before, !component, twin, index)
    });
    loop {
        let resolve = |mut id: TypeId| {
            while let Some(first) = merged_into[id.0] {
                id = first;
            }
            id
        };
        let seen: Vec<Option<TypeKind>> = types
            .iter()
            .enumerate()
            .map(|(index, def)| {
                if merged_into[index].is_some() || shape_key(&def.kind).is_none() {
                    return None;
                }
                let mut kind = def.kind.clone();
                for slot in slots_mut(&mut kind) {
                    slot.each_named_mut(&mut |id: &mut TypeId| *id = resolve(*id));
                }
                Some(kind)
            })
            .collect();
        // Types of one hash with different shapes, in order: the first of each shape.
        let mut firsts: HashMap<u64, Vec<TypeId>> = HashMap::default();
        let mut repeats: Vec<(TypeId, TypeId)> = Vec::new();
        for &index in &order {
            let Some(kind) = &seen[index] else { continue };
            let same_hash = firsts.entry(hasher.hash_one(kind)).or_default();
            match same_hash.iter().find(|first| seen[first.0].as_ref() == Some(kind)) {
                Some(first) if mergeable(&types[index], &types[first.0]) => repeats.push((TypeId(index), *first)),
                Some(_) => {}
                None => same_hash.push(TypeId(index)),
            }
        }
        if repeats.is_empty() {
            return;
        }
        for (repeat, first) in repeats {
            merged_into[repeat.0] = Some(first);
            let first_name = types[first.0].name.clone();
            let def = &mut types[repeat.0];
            def.kind = TypeKind::Alias { target: TypeRef::Named(first) };
            def.merged = true;
            let note = format!("The same type as `{first_name}`.");
            def.docs = Some(match def.docs.take() {
                Some(docs) => format!("{docs}\n\n{note}"),
                None => note,
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
        TypeKind::Struct { .. } | TypeKind::StringEnum { .. } | TypeKind::Union { .. } | TypeKind::AnyOf { .. } => {
            Some(kind)
        }
        TypeKind::Alias { .. } | TypeKind::Newtype { .. } | TypeKind::Form { .. } => None,
    }
}
