//! The questions lowering asks of a schema before converting it. Normalise reads every
//! schema into openapiv3's one general form, `AnySchema`; [`Shape`] borrows it.

use std::sync::LazyLock;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind};
use serde_json::Value;

/// A borrowed view of a schema's keywords.
pub(super) struct Shape<'a> {
    pub(super) typ: Option<&'a str>,
    pub(super) format: Option<&'a str>,
    /// Declared for an object, even with no properties; else only when there are some.
    pub(super) properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
    pub(super) items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub(super) enumeration: &'a [Value],
    pub(super) one_of: &'a [ReferenceOr<Schema>],
    pub(super) any_of: &'a [ReferenceOr<Schema>],
    pub(super) all_of: &'a [ReferenceOr<Schema>],
    pub(super) not: bool,
}

impl<'a> Shape<'a> {
    pub(super) fn of(kind: &'a SchemaKind) -> Self {
        static NO_KEYWORDS: LazyLock<AnySchema> = LazyLock::new(AnySchema::default);
        let any = match kind {
            SchemaKind::Any(any) => any,
            other => {
                // Normalise reads no other kind: one here means a schema escaped its reader
                // (as a default response's once did), which tests and the fuzzer must see.
                debug_assert!(false, "a schema normalise did not read: {other:?}");
                &NO_KEYWORDS
            }
        };
        let typ = any.typ.as_deref();
        Shape {
            typ,
            format: any.format.as_deref(),
            properties: (typ == Some("object") || !any.properties.is_empty()).then_some(&any.properties),
            required: &any.required,
            additional: any.additional_properties.as_ref(),
            items: any.items.as_ref(),
            enumeration: &any.enumeration,
            one_of: &any.one_of,
            any_of: &any.any_of,
            all_of: &any.all_of,
            not: any.not.is_some(),
        }
    }

    /// `properties` and `additionalProperties` speak of objects only: beside another `type`
    /// (GitHub's `type: string, additionalProperties: true`) they constrain nothing.
    pub(super) fn is_object(&self) -> bool {
        match self.typ {
            Some(typ) => typ == "object",
            None => self.properties.is_some() || self.additional.is_some(),
        }
    }

    /// The type, when it is a scalar one: `string`, `integer`, `number` or `boolean`.
    pub(super) fn scalar_type(&self) -> Option<&'a str> {
        self.typ.filter(|typ| matches!(*typ, "string" | "integer" | "number" | "boolean"))
    }
}

/// A schema or a reference to one, whichever box openapiv3 put it in.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    Reference(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

/// An inline schema with no type, properties, items, enum or composition: only
/// annotations such as `description`, `title`, `nullable` or `default`.
pub(super) fn is_annotation_only(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema) if is_any_value(schema))
}

/// A schema that allows any value: `{}`, or annotations alone.
pub(super) fn is_any_value(schema: &Schema) -> bool {
    let shape = Shape::of(&schema.schema_kind);
    !shape.not && is_shapeless(&shape) && shape.one_of.is_empty() && shape.any_of.is_empty()
}

/// Whether an `allOf` member only says which properties are required, in alternatives
/// (`anyOf: [{required: [a]}, {required: [b]}]`): a validation rule that adds no structure
/// to the merge.
pub(super) fn is_requirement_alternatives(schema: &Schema) -> bool {
    let shape = Shape::of(&schema.schema_kind);
    let alternatives = match (shape.any_of, shape.one_of) {
        (alternatives, []) | ([], alternatives) => alternatives,
        _ => return false,
    };
    is_shapeless(&shape) && !alternatives.is_empty() && alternatives.iter().all(is_annotation_only)
}

/// No type, properties, items, enum or `allOf`: what a schema of annotations, or of
/// `anyOf`/`oneOf` alternatives alone, looks like.
fn is_shapeless(shape: &Shape<'_>) -> bool {
    shape.typ.is_none()
        && shape.properties.is_none()
        && shape.additional.is_none()
        && shape.items.is_none()
        && shape.enumeration.is_empty()
        && shape.all_of.is_empty()
}

/// The type of `member` when it says nothing but a scalar type and annotations (`{type:
/// string, nullable: true}`).
pub(super) fn restated_scalar(member: &ReferenceOr<Schema>) -> Option<&str> {
    let ReferenceOr::Item(schema) = member else { return None };
    let shape = Shape::of(&schema.schema_kind);
    let scalar = shape.scalar_type()?;
    let only_type = shape.format.is_none()
        && shape.enumeration.is_empty()
        && shape.one_of.is_empty()
        && shape.any_of.is_empty()
        && shape.all_of.is_empty();
    only_type.then_some(scalar)
}

/// The two explicit JSON types of two inline schemas, when they differ: no value can
/// satisfy both. (Integers are numbers, so `integer` refines `number`.)
pub(super) fn conflicting_types<'s>(a: SchemaRef<'s>, b: SchemaRef<'s>) -> Option<(&'s str, &'s str)> {
    let (SchemaRef::Item(a), SchemaRef::Item(b)) = (a, b) else { return None };
    let (a, b) = (Shape::of(&a.schema_kind).typ?, Shape::of(&b.schema_kind).typ?);
    let compatible = a == b || matches!((a, b), ("integer", "number") | ("number", "integer"));
    (!compatible).then_some((a, b))
}

/// When every member is an inline string enum (FastAPI's `anyOf` of `const`s), the values.
pub(super) fn string_enum_members(members: &[ReferenceOr<Schema>]) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for member in members {
        let ReferenceOr::Item(schema) = member else { return None };
        let shape = Shape::of(&schema.schema_kind);
        if shape.typ != Some("string") || shape.enumeration.is_empty() {
            return None;
        }
        for value in shape.enumeration.iter().filter(|value| !value.is_null()) {
            values.push(value.as_str()?.to_owned());
        }
    }
    Some(values)
}
