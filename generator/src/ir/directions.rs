//! `readOnly` and `writeOnly`: a property the server sets is not required in requests, one
//! only clients send is not required in responses. A type both sent and received that has
//! a required read-only property could not be built for a request, so it gets a request
//! variant, `<Name>Request`, without its read-only properties; so does every type sent in
//! requests that holds one, so the whole request side uses the variants.

use std::collections::{BTreeMap, BTreeSet};

use super::analysis::{mentions, reachable, slots_mut};
use super::schemas::TypeSpace;
use super::{Access, Field, Operation, TypeId, TypeKind, TypeRef};

pub fn split(space: &mut TypeSpace<'_>, operations: &mut [Operation]) {
    let sent = reachable(&space.types, operations.iter().filter_map(|op| op.body.as_ref()).map(|b| &b.ty));
    let received = reachable(&space.types, operations.iter().flat_map(Operation::response_types));

    // Types needing a request variant: those with a required read-only property, then
    // (until nothing changes) those holding one of them. Request-only types are changed in
    // place instead.
    let mut variants: BTreeSet<TypeId> = sent
        .intersection(&received)
        .copied()
        .filter(|id| fields(&space.types[id.0].kind).iter().any(|f| f.required && f.access == Access::ReadOnly))
        .collect();
    loop {
        let before = variants.len();
        for id in sent.intersection(&received) {
            if !variants.contains(id) && mentions(&space.types[id.0].kind).iter().any(|m| variants.contains(m)) {
                variants.insert(*id);
            }
        }
        if variants.len() == before {
            break;
        }
    }

    let mut request_ids = BTreeMap::new();
    for id in &variants {
        let original = &space.types[id.0];
        let note = format!("`{}` as sent in requests, without the properties only the server sets.", original.name);
        let (origin, wanted) = (original.origin.clone(), format!("{}Request", original.name));
        let named = space.named(origin, &wanted);
        let mut variant = space.types[id.0].clone();
        (variant.name, variant.wanted, variant.defined_before) = (named.name, named.wanted, named.defined_before);
        variant.add_note(note);
        if let TypeKind::Struct { fields, .. } = &mut variant.kind {
            fields.retain(|f| f.access != Access::ReadOnly);
        }
        request_ids.insert(*id, TypeId(space.types.len()));
        space.types.push(variant);
    }

    for id in &sent {
        let def = &mut space.types[id.0];
        if !received.contains(id)
            && let TypeKind::Struct { fields, .. } = &mut def.kind
        {
            relax(fields, Access::ReadOnly);
        }
    }
    for id in &received {
        if let TypeKind::Struct { fields, .. } = &mut space.types[id.0].kind {
            relax(fields, Access::WriteOnly);
        }
    }

    if request_ids.is_empty() {
        return;
    }
    let request_side = sent.iter().filter(|id| !received.contains(id)).copied().chain(request_ids.values().copied());
    let redirect = |ty: &mut TypeRef| {
        if let Some(id) = ty.named_mut()
            && let Some(variant) = request_ids.get(id)
        {
            *id = *variant;
        }
    };
    for id in request_side.collect::<Vec<_>>() {
        slots_mut(&mut space.types[id.0].kind).into_iter().for_each(redirect);
    }
    operations.iter_mut().filter_map(|op| op.body.as_mut()).for_each(|body| redirect(&mut body.ty));
}

/// Properties that do not travel this way are not required.
fn relax(fields: &mut [Field], absent: Access) {
    for field in fields.iter_mut().filter(|f| f.required && f.access == absent) {
        field.required = false;
        field.ty = std::mem::replace(&mut field.ty, TypeRef::Json).option();
    }
}

fn fields(kind: &TypeKind) -> &[Field] {
    match kind {
        TypeKind::Struct { fields, .. } => fields,
        _ => &[],
    }
}
