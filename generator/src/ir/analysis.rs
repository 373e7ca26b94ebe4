//! Whole-arena decisions made once every type exists: where recursion needs a `Box`,
//! which aliases must become newtypes, what can derive `Eq` and `Default`, and the order
//! in which untagged variants are tried.

use std::collections::BTreeSet;

use foldhash::HashSet;

use super::{AnyOfMember, Field, Keeps, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};
use crate::naming::{Namer, value_name};

pub fn finish(types: &mut [TypeDef]) {
    break_alias_cycles(types);
    box_recursion(types);
    decide_derives(types);
    order_union_variants(types);
    describe_union_variants(types);
    keep_every_any_of_member(types);
}

/// The named type `ty` holds inline: itself or inside an `Option`, not behind a `Vec`, map
/// or box.
fn inline_named(mut ty: &TypeRef) -> Option<TypeId> {
    while let TypeRef::Option(inner) | TypeRef::Tristate(inner) = ty {
        ty = inner;
    }
    match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    }
}

/// The named types a type's slots mention.
pub(super) fn mentions(kind: &TypeKind) -> Vec<TypeId> {
    slots(kind).into_iter().filter_map(TypeRef::named).collect()
}

/// Every named type the roots lead to.
pub(super) fn reachable<'a>(types: &[TypeDef], roots: impl Iterator<Item = &'a TypeRef>) -> BTreeSet<TypeId> {
    let mut stack: Vec<TypeId> = roots.filter_map(TypeRef::named).collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(mentions(&types[id.0].kind));
        }
    }
    seen
}

pub(super) fn slots(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct { fields, extra } => fields.iter().map(|f| &f.ty).chain(extra.iter().map(|e| &e.ty)).collect(),
        TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::AnyOf { members } => members.iter().map(|m| &m.ty).collect(),
        TypeKind::Alias { target } | TypeKind::Newtype { target } => vec![target],
        TypeKind::StringEnum { .. } => Vec::new(),
        TypeKind::Form { fields } => fields.iter().filter_map(|f| f.part.value_type()).collect(),
    }
}

pub(super) fn slots_mut(kind: &mut TypeKind) -> Vec<&mut TypeRef> {
    match kind {
        TypeKind::Struct { fields, extra } => {
            fields.iter_mut().map(|f| &mut f.ty).chain(extra.iter_mut().map(|e| &mut e.ty)).collect()
        }
        TypeKind::Union { variants, .. } => variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::AnyOf { members } => members.iter_mut().map(|m| &mut m.ty).collect(),
        TypeKind::Alias { target } | TypeKind::Newtype { target } => vec![target],
        TypeKind::StringEnum { .. } => Vec::new(),
        TypeKind::Form { fields } => fields.iter_mut().filter_map(|f| f.part.value_type_mut()).collect(),
    }
}

/// A type alias cannot refer to itself even behind a `Vec`; an alias on such a cycle
/// becomes a transparent newtype.
fn break_alias_cycles(types: &mut [TypeDef]) {
    for start in 0..types.len() {
        if !matches!(types[start].kind, TypeKind::Alias { .. }) {
            continue;
        }
        let mut stack = vec![TypeId(start)];
        let mut seen = HashSet::default();
        let mut cyclic = false;
        while let Some(id) = stack.pop() {
            let TypeKind::Alias { target } = &types[id.0].kind else { continue };
            let Some(next) = target.named() else { continue };
            if next.0 == start {
                cyclic = true;
            } else if seen.insert(next) {
                stack.push(next);
            }
        }
        if cyclic && let TypeKind::Alias { target } = &types[start].kind {
            types[start].kind = TypeKind::Newtype { target: target.clone() };
        }
    }
}

/// Whether `to` can be reached from `from` through types held inline.
fn reaches(types: &[TypeDef], from: TypeId, to: TypeId) -> bool {
    let mut stack = vec![from];
    let mut seen = HashSet::default();
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !seen.insert(id) {
            continue;
        }
        stack.extend(slots(&types[id.0].kind).into_iter().filter_map(inline_named));
    }
    false
}

/// Boxes a slot only when the type it holds inline leads back to its owner; slots are
/// visited in order and each box removes its edge, so a cycle gets one box, not one per member.
fn box_recursion(types: &mut [TypeDef]) {
    for owner in 0..types.len() {
        // Aliases are expanded where they are used; boxing happens at the using type.
        if matches!(types[owner].kind, TypeKind::Alias { .. }) {
            continue;
        }
        // Boxing one slot leaves what the others hold as it was.
        let held: Vec<Option<TypeId>> = slots(&types[owner].kind).into_iter().map(inline_named).collect();
        for (slot, held) in held.into_iter().enumerate() {
            if held.is_some_and(|id| reaches(types, id, TypeId(owner))) {
                let ty = &mut *slots_mut(&mut types[owner].kind)[slot];
                *ty = box_inline(ty.clone());
            }
        }
    }
}

fn box_inline(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Option(inner) => TypeRef::Option(Box::new(box_inline(*inner))),
        TypeRef::Tristate(inner) => TypeRef::Tristate(Box::new(box_inline(*inner))),
        named @ TypeRef::Named(_) => TypeRef::Boxed(Box::new(named)),
        other => other,
    }
}

fn decide_derives(types: &mut [TypeDef]) {
    // Eq: false for anything holding a float, then spread to whatever holds those.
    let mut eq: Vec<bool> =
        types.iter().map(|t| !slots(&t.kind).iter().any(|s| matches!(s.innermost(), TypeRef::Float(_)))).collect();
    loop {
        let mut changed = false;
        for (index, def) in types.iter().enumerate() {
            if !eq[index] {
                continue;
            }
            if slots(&def.kind).into_iter().filter_map(TypeRef::named).any(|id| !eq[id.0]) {
                eq[index] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (def, eq) in types.iter_mut().zip(eq) {
        def.derive_eq = eq;
        def.derive_default = match &def.kind {
            TypeKind::Struct { fields, .. } => {
                fields.iter().all(|f| matches!(f.ty, TypeRef::Option(_) | TypeRef::Tristate(_)))
            }
            // Optional parts are an `Option`, repeated ones a `Vec`.
            TypeKind::Form { fields } => fields.iter().all(|f| f.repeated || !f.required),
            _ => false,
        };
    }
}

/// Untagged variants are tried in order, so the most specific go first: integers before
/// floats (every integer is a valid float), structs with more required fields before those
/// with fewer, and catch-alls (maps, untyped JSON) last.
fn order_union_variants(types: &mut [TypeDef]) {
    for index in 0..types.len() {
        // A tagged union picks its variant by tag: the spec's order is kept.
        let TypeKind::Union { variants, tagged: None, .. } = &types[index].kind else { continue };
        let mut keyed: Vec<_> = variants.iter().map(|v| (specificity(types, &v.ty), v.clone())).collect();
        keyed.sort_by_key(|(key, _)| *key);
        if let TypeKind::Union { variants, .. } = &mut types[index].kind {
            *variants = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
}

/// What each untagged variant keeps of an object, and the one-value properties that tell
/// it apart: the facts by which the variant that keeps the most of a response is chosen.
fn describe_union_variants(types: &mut [TypeDef]) {
    for index in 0..types.len() {
        let TypeKind::Union { variants, tagged: None, .. } = &types[index].kind else { continue };
        let described: Vec<(Keeps, Vec<(String, String)>)> =
            variants.iter().map(|v| (keeps(types, &v.ty, 0), constants(types, &v.ty))).collect();
        if let TypeKind::Union { variants, .. } = &mut types[index].kind {
            for (variant, (keeps, constants)) in variants.iter_mut().zip(described) {
                variant.keeps = keeps;
                variant.constants = constants;
            }
        }
    }
}

/// How deep aliases and nested unions are followed; past it, a type is taken to keep all.
const KEEPS_DEPTH: usize = 8;

fn keeps(types: &[TypeDef], ty: &TypeRef, depth: usize) -> Keeps {
    match ty {
        TypeRef::Option(inner) | TypeRef::Tristate(inner) | TypeRef::Boxed(inner) => keeps(types, inner, depth),
        TypeRef::Map(_) | TypeRef::JsonObject | TypeRef::Json => Keeps::Everything,
        TypeRef::Named(_) if depth > KEEPS_DEPTH => Keeps::Everything,
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Struct { extra: Some(_), .. } => Keeps::Everything,
            TypeKind::Struct { fields, extra: None } => {
                Keeps::Properties(fields.iter().map(|f| f.wire_name.clone()).collect())
            }
            TypeKind::Alias { target } | TypeKind::Newtype { target } => keeps(types, target, depth + 1),
            // A nested union keeps what its variants keep, at most; an `anyOf` struct too.
            TypeKind::Union { .. } | TypeKind::AnyOf { .. } => {
                let mut properties = BTreeSet::new();
                for ty in slots(&types[id.0].kind) {
                    match keeps(types, ty, depth + 1) {
                        Keeps::Everything => return Keeps::Everything,
                        Keeps::Properties(names) => properties.extend(names),
                        Keeps::Nothing => {}
                    }
                }
                if properties.is_empty() { Keeps::Nothing } else { Keeps::Properties(properties.into_iter().collect()) }
            }
            TypeKind::StringEnum { .. } | TypeKind::Form { .. } => Keeps::Nothing,
        },
        _ => Keeps::Nothing,
    }
}

/// The properties of a struct variant typed as a one-value string enum, with that value.
fn constants(types: &[TypeDef], ty: &TypeRef) -> Vec<(String, String)> {
    let mut ty = ty;
    while let TypeRef::Option(inner) | TypeRef::Tristate(inner) | TypeRef::Boxed(inner) = ty {
        ty = inner;
    }
    let TypeRef::Named(id) = ty else { return Vec::new() };
    let TypeKind::Struct { fields, .. } = &types[id.0].kind else { return Vec::new() };
    fields
        .iter()
        .filter_map(|field| {
            let TypeRef::Named(enum_id) = field.ty.option_inner() else { return None };
            match &types[enum_id.0].kind {
                TypeKind::StringEnum { variants, .. } if variants.len() == 1 => {
                    Some((field.wire_name.clone(), variants[0].wire_name.clone()))
                }
                _ => None,
            }
        })
        .collect()
}

fn specificity(types: &[TypeDef], ty: &TypeRef) -> (u8, std::cmp::Reverse<usize>) {
    use std::cmp::Reverse;
    match ty {
        TypeRef::Option(inner) | TypeRef::Tristate(inner) | TypeRef::Boxed(inner) => specificity(types, inner),
        TypeRef::Bool => (0, Reverse(0)),
        TypeRef::Integer(_) => (1, Reverse(0)),
        TypeRef::Float(_) => (2, Reverse(0)),
        // They refuse most strings, so they go before string enums and `String`.
        TypeRef::DateTime | TypeRef::Date | TypeRef::Uuid => (3, Reverse(1)),
        TypeRef::String => (4, Reverse(0)),
        TypeRef::Vec(_) => (5, Reverse(0)),
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Struct { fields, .. } => (6, Reverse(fields.iter().filter(|f| f.required).count())),
            // A string enum keeps unknown values, so it accepts every string: after `String`
            // would never be reached, so it goes before it.
            TypeKind::StringEnum { .. } => (3, Reverse(0)),
            TypeKind::Alias { target } | TypeKind::Newtype { target } => specificity(types, target),
            TypeKind::Union { .. } | TypeKind::AnyOf { .. } => (7, Reverse(0)),
            // Forms are request bodies only, never a union's member.
            TypeKind::Form { .. } => (8, Reverse(0)),
        },
        TypeRef::Map(_) | TypeRef::JsonObject => (8, Reverse(0)),
        TypeRef::Json => (9, Reverse(0)),
    }
}

/// An `anyOf` becomes a struct of its members when every member reads objects and no two
/// rule each other out (a property both fix to different texts, or both declare with
/// types no value can satisfy at once): then a value can be several members at once, and
/// reading it as one would drop what the others declare. Otherwise it stays a union, read
/// by the member that keeps the most.
fn keep_every_any_of_member(types: &mut [TypeDef]) {
    for index in 0..types.len() {
        let TypeKind::Union { variants, tagged: None, any_of: true } = &types[index].kind else { continue };
        let objects = variants.iter().all(|v| !v.keeps.is_nothing());
        let co_applicable =
            variants.iter().enumerate().all(|(i, a)| variants[i + 1..].iter().all(|b| can_both_hold(types, a, b)));
        if !objects || !co_applicable {
            continue;
        }
        let mut names = Namer::default();
        let members = variants
            .iter()
            .map(|v| AnyOfMember { name: names.unique(&value_name(&v.name, "member")), ty: v.ty.clone() })
            .collect();
        types[index].kind = TypeKind::AnyOf { members };
    }
}

fn can_both_hold(types: &[TypeDef], a: &UnionVariant, b: &UnionVariant) -> bool {
    let fixed_apart = a
        .constants
        .iter()
        .any(|(property, text)| b.constants.iter().any(|(other, other_text)| other == property && other_text != text));
    let (Some(a_fields), Some(b_fields)) = (struct_fields(types, &a.ty), struct_fields(types, &b.ty)) else {
        return !fixed_apart;
    };
    let typed_apart = a_fields.iter().any(|field| {
        b_fields.iter().any(|other| {
            let (x, y) = (field.ty.option_inner(), other.ty.option_inner());
            other.wire_name == field.wire_name && x != y && (x.is_scalar() || y.is_scalar())
        })
    });
    !fixed_apart && !typed_apart
}

/// The fields of the struct `ty` is, through options, boxes and aliases.
fn struct_fields<'t>(types: &'t [TypeDef], mut ty: &'t TypeRef) -> Option<&'t [Field]> {
    for _ in 0..=KEEPS_DEPTH {
        match ty {
            TypeRef::Option(inner) | TypeRef::Tristate(inner) | TypeRef::Boxed(inner) => ty = inner,
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Struct { fields, .. } => return Some(fields),
                TypeKind::Alias { target } | TypeKind::Newtype { target } => ty = target,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}
