//! Types that come out identical are generated once. Big specs repeat shapes: GitHub's has
//! `nullable-repository` beside `repository` and the same user object inline in hundreds of
//! webhook payloads. Each repeat becomes an alias of the first (`pub type NullableRepository
//! = Repository;`), and every place that used it still names it: a signature shows its own
//! place's type, so whether another place shares the shape never shows in it.

use std::borrow::Cow;
use std::hash::BuildHasher;

use foldhash::{HashMap, HashSet};

use super::analysis::{mentions, slots_mut};
use super::{TypeDef, TypeId, TypeKind, TypeRef};

/// Merges identical structs, enums and unions, repeating until nothing changes (merging
/// two types can make the types that hold them identical). Types are compared with the
/// types they hold seen as the ones those were merged into; each repeat becomes an alias
/// of the first of its shape, in arena order (components first, then by place).
pub fn merge_identical(types: &mut [TypeDef]) {
    let merged_into = repeats(types);
    for (index, first) in merged_into.into_iter().enumerate() {
        let Some(first) = first else { continue };
        let note = format!("The same type as `{}`.", types[first.0].name);
        let def = &mut types[index];
        def.kind = TypeKind::Alias { target: TypeRef::Named(first) };
        def.merged = true;
        def.add_note(note);
    }
}

/// For each type, the first of its shape when it repeats one.
fn repeats(types: &[TypeDef]) -> Vec<Option<TypeId>> {
    let hasher = foldhash::fast::FixedState::default();
    let mut merged_into: Vec<Option<TypeId>> = vec![None; types.len()];
    // Which of a shape's copies is kept: the one the name lock says was kept last time,
    // then a component before an inline type, `X` before its twin `NullableX`, else the
    // earlier in the arena. Each key is made once: telling a component reads its pointer.
    let components: HashSet<&str> = types.iter().filter(|def| is_component(def)).map(|def| def.name.as_str()).collect();
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_cached_key(|&index| {
        let def = &types[index];
        let component = is_component(def);
        let twin = component && def.name.strip_prefix("Nullable").is_some_and(|base| components.contains(base));
        (!def.defined_before, !component, twin, index)
    });
    // Each type's shape with the types it holds seen as those were merged into, and its
    // hash; `None` for kinds never merged and for types merged already. A round's merges
    // change only the shapes of the types that hold a type whose merge target changed.
    let mentioned: Vec<Vec<TypeId>> = types.iter().map(|def| mentions(&def.kind)).collect();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for (index, held) in mentioned.iter().enumerate() {
        held.iter().for_each(|held| holders[held.0].push(index));
    }
    let mut resolved: Vec<TypeId> = (0..types.len()).map(TypeId).collect();
    let shape = |index: usize, resolved: &[TypeId]| {
        let kind = &types[index].kind;
        // Aliases, newtypes and multipart forms are never merged.
        if matches!(kind, TypeKind::Alias { .. } | TypeKind::Newtype { .. } | TypeKind::Form { .. }) {
            return None;
        }
        let kind = if mentioned[index].iter().all(|id| resolved[id.0] == *id) {
            Cow::Borrowed(kind)
        } else {
            let mut kind = kind.clone();
            for slot in slots_mut(&mut kind) {
                if let Some(id) = slot.named_mut() {
                    *id = resolved[id.0];
                }
            }
            Cow::Owned(kind)
        };
        Some((hasher.hash_one(&*kind), kind))
    };
    let mut seen: Vec<Option<(u64, Cow<'_, TypeKind>)>> =
        (0..types.len()).map(|index| shape(index, &resolved)).collect();
    loop {
        // Types of one hash with different shapes, in order: the first of each shape.
        let mut firsts: HashMap<u64, Vec<TypeId>> = HashMap::default();
        let mut repeats: Vec<(TypeId, TypeId)> = Vec::new();
        for &index in &order {
            let Some((hash, kind)) = &seen[index] else { continue };
            let same_hash = firsts.entry(*hash).or_default();
            match same_hash.iter().find(|first| seen[first.0].as_ref().is_some_and(|(_, first)| first == kind)) {
                Some(first) if mergeable(&types[index], &types[first.0]) => repeats.push((TypeId(index), *first)),
                Some(_) => {}
                None => same_hash.push(TypeId(index)),
            }
        }
        if repeats.is_empty() {
            return merged_into;
        }
        for (repeat, first) in repeats {
            merged_into[repeat.0] = Some(first);
            seen[repeat.0] = None;
        }
        let mut stale: HashSet<usize> = HashSet::default();
        for (index, resolved) in resolved.iter_mut().enumerate() {
            let mut target = *resolved;
            while let Some(first) = merged_into[target.0] {
                target = first;
            }
            if target != *resolved {
                *resolved = target;
                stale.extend(holders[index].iter().copied());
            }
        }
        for index in stale {
            if merged_into[index].is_none() {
                seen[index] = shape(index, &resolved);
            }
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
    def.origin.component().is_some_and(|(section, _)| section == "schemas")
}
