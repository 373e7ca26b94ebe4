//! `allOf`: one member is that member (the usual way to attach a description or `nullable`
//! to a reference); several object members merge into one struct, where the first
//! definition of a property wins.

use foldhash::HashSet;
use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use super::{Lowered, Member, Slot, TypeSpace, undeclared};
use crate::diagnostic::{Diagnostic, JsonPointer};
use crate::ir::shape::{
    SchemaRef, Shape, conflicting_types, is_annotation_only, is_requirement_alternatives, restated_scalar,
};
use crate::ir::{TypeKind, TypeRef};

/// How many references an `allOf` merge follows before giving up: real inheritance
/// chains are a few levels deep, and each level copies every property below it.
const MAX_ALL_OF_DEPTH: usize = 64;

/// Something copied in from a member: where it is, and the reference it was copied in
/// through (an index into [`Merged::followed`]).
type CopiedIn<T> = (JsonPointer, T, Option<usize>);

/// What the members of an `allOf` add up to so far.
#[derive(Default)]
struct Merged<'s> {
    properties: IndexMap<&'s str, CopiedIn<SchemaRef<'s>>>,
    required: Vec<String>,
    /// The undeclared properties' schema (`None`: any value): the schema's own, else the
    /// first member's that types them, else the first that allows them.
    additional: Option<CopiedIn<Option<&'s ReferenceOr<Schema>>>>,
    /// Each reference followed, with the one it was reached through in turn.
    followed: Vec<(String, Option<usize>)>,
}

/// Why a merge stopped: the type to use instead (an error or warning says why).
type Stopped = Lowered;

/// An `allOf` reference followed: the reference compared decoded (as the pointers pushed for
/// components are), where the schema it reaches is, and that schema.
type Followed<'s> = (String, JsonPointer, SchemaRef<'s>);

impl<'a> TypeSpace<'a> {
    pub(super) fn lower_all_of<'s>(
        &mut self,
        shape: &Shape<'s>,
        schema: &Schema,
        at: &JsonPointer,
        slot: Slot,
    ) -> Lowered
    where
        'a: 's,
    {
        let own_properties = shape.properties.filter(|p| !p.is_empty());
        let annotated_nullable =
            shape.all_of.iter().any(|m| matches!(m, ReferenceOr::Item(s) if s.schema_data.nullable));
        // A subtype that adds nothing to its base is still a struct of its own: the base
        // itself is the union of its subtypes.
        let extends_base = |member: &ReferenceOr<Schema>| match member {
            ReferenceOr::Reference { reference } => self.is_subtype_of(&slot, reference),
            ReferenceOr::Item(_) => false,
        };
        if let ([(index, only)], None) = (self.structural_members(shape).as_slice(), own_properties)
            && !extends_base(only)
        {
            let mut lowered = self.lower((*only).into(), &at.push("allOf").push(index.to_string()), slot);
            lowered.nullable |= annotated_nullable;
            return lowered;
        }
        let mut merged = match self.merge(shape, at) {
            Ok(merged) => merged,
            Err(stopped) => return stopped,
        };
        for (wire, property) in own_properties.into_iter().flatten() {
            let own = || (at.push("properties").push(wire), property.into(), None);
            merged.properties.entry(wire.as_str()).or_insert_with(own);
        }
        if merged.properties.is_empty() {
            return Lowered::of(TypeRef::JsonObject);
        }
        let own_ref = match slot {
            Slot::Component(id) => {
                Some(JsonPointer::root().push("components").push("schemas").push(self.components[id.0].0).to_string())
            }
            Slot::Inline { .. } => None,
        };
        // A property copied in through a reference must not copy that reference in again
        // (nor this schema): that would never end. Other merges inside it may.
        let through = |mut via: Option<usize>| {
            let mut chain: Vec<String> = own_ref.iter().cloned().collect();
            while let Some(index) = via {
                chain.push(merged.followed[index].0.clone());
                via = merged.followed[index].1;
            }
            chain
        };
        let members: Vec<Member<'_>> = merged
            .properties
            .iter()
            .map(|(wire, (at, schema, via))| Member { at: at.clone(), wire, schema: *schema, through: through(*via) })
            .collect();
        let id = self.allocate(slot, at, &schema.schema_data);
        let fields = self.fields(id, &members, &merged.required);
        let extra = merged.additional.map(|(values_at, values, via)| {
            self.merging_through(&through(via), |space| space.extra_field(id, &fields, values, &values_at))
        });
        self.types[id.0].kind = TypeKind::Struct { fields, extra };
        Lowered { ty: TypeRef::Named(id), nullable: annotated_nullable }
    }

    /// The members that add structure, with their indices. Members that only annotate
    /// (`{description: …}`, `{nullable: true}`) or list alternative requirements do not:
    /// `allOf: [{$ref: X}, {description: …}]` is `X`. Nor do members that only restate a
    /// scalar type (`{type: string, nullable: true}` beside a reference to a string schema),
    /// when the one other member has that type.
    fn structural_members<'s>(&self, shape: &Shape<'s>) -> Vec<(usize, &'s ReferenceOr<Schema>)> {
        let adds_structure = |member: &&ReferenceOr<Schema>| match member {
            ReferenceOr::Item(schema) => !is_annotation_only(member) && !is_requirement_alternatives(schema),
            ReferenceOr::Reference { .. } => true,
        };
        let structural: Vec<(usize, &ReferenceOr<Schema>)> =
            shape.all_of.iter().enumerate().filter(|(_, member)| adds_structure(member)).collect();
        let (restating, others): (Vec<_>, Vec<_>) =
            structural.iter().copied().partition(|(_, member)| restated_scalar(member).is_some());
        if let [(_, other)] = others.as_slice()
            && !restating.is_empty()
            && let Some(typ) = self.member_type(other)
            && restating.iter().all(|(_, member)| restated_scalar(member) == Some(typ))
        {
            return others;
        }
        structural
    }

    /// The type of an `allOf` member, through one reference to a component or a fragment.
    fn member_type<'s>(&'s self, member: &'s ReferenceOr<Schema>) -> Option<&'s str> {
        let schema = match member {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => match self.reached(reference)? {
                (_, SchemaRef::Item(schema)) => schema,
                (_, SchemaRef::Reference(_)) => return None,
            },
        };
        Shape::of(&schema.schema_kind).typ
    }

    /// The schema `reference` reaches, a component or another part of the document, with
    /// where it is.
    fn reached(&self, reference: &str) -> Option<(JsonPointer, SchemaRef<'a>)> {
        match self.component_schema(reference) {
            Some((pointer, schema)) => Some((pointer, SchemaRef::Item(schema))),
            None => match self.spec.schema_at(reference)? {
                Ok((pointer, schema)) => Some((pointer.clone(), schema.into())),
                Err(_) => None,
            },
        }
    }

    /// The members merged depth-first in order, following references into components and
    /// other schemas of the document.
    fn merge<'s>(&mut self, shape: &Shape<'s>, at: &JsonPointer) -> Result<Merged<'s>, Stopped>
    where
        'a: 's,
    {
        let mut merged = Merged {
            required: shape.required.to_vec(),
            additional: undeclared(shape.additional).map(|values| (at.clone(), values, None)),
            ..Merged::default()
        };
        // Each member still to merge: where it is, the references followed to get there, and
        // the one it was reached through (an index into `merged.followed`).
        let mut pending: Vec<(JsonPointer, SchemaRef<'s>, usize, Option<usize>)> = shape
            .all_of
            .iter()
            .enumerate()
            .rev()
            .map(|(i, m)| (at.push("allOf").push(i.to_string()), m.into(), 0, None))
            .collect();
        let mut seen_refs = HashSet::default();
        while let Some((member_at, member, depth, via)) = pending.pop() {
            let (member_at, member, depth, via) = match member {
                SchemaRef::Reference(reference) => {
                    if depth >= MAX_ALL_OF_DEPTH {
                        self.report.push(
                            Diagnostic::error(
                                at.push("allOf"),
                                format!(
                                    "this `allOf` follows references more than {MAX_ALL_OF_DEPTH} levels deep \
                                     (it gave up at `{member_at}`)"
                                ),
                            )
                            .with_help("flatten the inheritance chain"),
                        );
                        return Err(Lowered::of(TypeRef::Json));
                    }
                    let (canonical, pointer, found) = self.follow(reference, &member_at)?;
                    if !seen_refs.insert(canonical.clone()) {
                        continue;
                    }
                    merged.followed.push((canonical, via));
                    let via = Some(merged.followed.len() - 1);
                    match found {
                        SchemaRef::Item(schema) => (pointer, schema, depth + 1, via),
                        // A fragment that is itself a reference: followed in turn.
                        reference => {
                            pending.push((pointer, reference, depth + 1, via));
                            continue;
                        }
                    }
                }
                SchemaRef::Item(schema) => (member_at, schema, depth, via),
            };
            if is_requirement_alternatives(member) {
                continue;
            }
            let member_shape = Shape::of(&member.schema_kind);
            self.add_member(&mut merged, &member_shape, &member_at, via)?;
            for (i, nested) in member_shape.all_of.iter().enumerate().rev() {
                pending.push((member_at.push("allOf").push(i.to_string()), nested.into(), depth, via));
            }
        }
        Ok(merged)
    }

    /// What the `allOf` member `reference` (at `member_at`) reaches. A reference that
    /// includes the schema being merged, or reaches nothing that can be merged, stops the merge.
    fn follow(&mut self, reference: &str, member_at: &JsonPointer) -> Result<Followed<'a>, Stopped> {
        let canonical = JsonPointer::from_ref(reference).map_or_else(|| reference.to_owned(), |p| p.to_string());
        if self.merging.contains(&canonical) {
            self.warn(member_at, format!("`{reference}` includes itself through `allOf`; using an untyped JSON value"));
            return Err(Lowered::of(TypeRef::Json));
        }
        match self.reached(reference) {
            Some((pointer, schema)) => Ok((canonical, pointer, schema)),
            None => {
                self.warn(
                    member_at,
                    format!("`{reference}` cannot be merged into `allOf`; using an untyped JSON value"),
                );
                Err(Lowered::of(TypeRef::Json))
            }
        }
    }

    /// Adds one member's properties, requirements and undeclared properties to `merged`.
    fn add_member<'s>(
        &mut self,
        merged: &mut Merged<'s>,
        member: &Shape<'s>,
        member_at: &JsonPointer,
        via: Option<usize>,
    ) -> Result<(), Stopped> {
        let mergeable = member.is_object()
            || !member.all_of.is_empty()
            || (member.typ.is_none() && member.one_of.is_empty() && member.any_of.is_empty());
        if !mergeable {
            self.warn(
                member_at,
                "this `allOf` member is not an object and cannot be merged; using an untyped JSON value",
            );
            return Err(Lowered::of(TypeRef::Json));
        }
        for (wire, property) in member.properties.into_iter().flatten() {
            let property_at = member_at.push("properties").push(wire);
            match merged.properties.get(wire.as_str()) {
                Some((first_at, first, _)) => {
                    if let Some((a, b)) = conflicting_types(*first, property.into()) {
                        self.report.push(
                            Diagnostic::error(
                                property_at,
                                format!("`allOf` members disagree on `{wire}`: `{b}` here, `{a}` at `{first_at}`"),
                            )
                            .with_help("give the property one type, or leave it out of all members but one"),
                        );
                    }
                }
                None => {
                    merged.properties.insert(wire.as_str(), (property_at, property.into(), via));
                }
            }
        }
        merged.required.extend(member.required.iter().cloned());
        match (&merged.additional, undeclared(member.additional)) {
            // A member that types them narrows what another allows as any JSON value.
            (None, Some(values)) | (Some((_, None, _)), Some(values @ Some(_))) => {
                merged.additional = Some((member_at.clone(), values, via));
            }
            (Some((first_at, Some(first), _)), Some(Some(values))) => {
                if let Some((a, b)) = conflicting_types((*first).into(), values.into()) {
                    let first_at = first_at.push("additionalProperties");
                    self.warn(
                        &member_at.push("additionalProperties"),
                        format!(
                            "`allOf` members disagree on the type of undeclared properties: `{b}` here, `{a}` at \
                             `{first_at}`, which is used"
                        ),
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Runs `lower` with the references in `through` counted as being merged.
    pub(super) fn merging_through<T>(&mut self, through: &[String], lower: impl FnOnce(&mut Self) -> T) -> T {
        let depth = self.merging.len();
        self.merging.extend_from_slice(through);
        let lowered = lower(self);
        self.merging.truncate(depth);
        lowered
    }
}
