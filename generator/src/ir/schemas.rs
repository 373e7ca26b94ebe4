//! Lowers JSON schemas to [`TypeRef`]s and named [`TypeDef`]s. Component schemas get their
//! `TypeId` and name before any is converted, so references resolve in any order and inline
//! types can never take a component's name.

use foldhash::{HashMap, HashSet};

use openapiv3::{AdditionalProperties, Discriminator, ReferenceOr, Schema, SchemaData};
use serde_json::Value;

use super::inheritance::{Base, bases, tags_for};
use super::names::TypeNames;
use super::shape::{SchemaRef, Shape, is_annotation_only, string_enum_members};
use super::{
    Access, ExtraField, Features, Field, FloatKind, IntegerKind, StringVariant, Tagged, TypeDef, TypeId, TypeKind,
    TypeRef, UnionVariant,
};
use crate::diagnostic::{Diagnostic, JsonPointer, Report, closest};
use crate::lock::NameLock;
use crate::naming::{Namer, type_name, value_name};
use crate::normalise::Normalised;

mod all_of;

/// How many non-component `$ref`s may be open at once while lowering.
const MAX_POINTER_DEPTH: usize = 64;

/// A schema lowered to a Rust type, with whether `null` is also allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl Lowered {
    fn of(ty: TypeRef) -> Self {
        Self { ty, nullable: false }
    }

    /// The type a value slot needs: `Option<T>` when null is allowed.
    pub fn value_type(self) -> TypeRef {
        if self.nullable { self.ty.option() } else { self.ty }
    }
}

/// Where a named type produced by a schema goes: into a component's pre-assigned slot, or
/// into a new slot named after where the schema appears.
#[derive(Debug, Clone)]
enum Slot {
    Component(TypeId),
    /// A new type named `stem`, followed by `suffix` in UpperCamelCase if there is one. The
    /// name is worked out only when a type is made: most slots hold a plain field type.
    Inline {
        stem: String,
        suffix: Option<String>,
    },
}

impl Slot {
    fn inline(name: String) -> Self {
        Self::Inline { stem: name, suffix: None }
    }

    fn name(&self, space: &TypeSpace<'_>) -> String {
        match self {
            Self::Component(id) => space.types[id.0].name.clone(),
            Self::Inline { stem, suffix: None } => stem.clone(),
            Self::Inline { stem, suffix: Some(suffix) } => format!("{stem}{}", type_name(suffix, "Value")),
        }
    }

    /// The slot for a schema nested inside this one.
    fn child(&self, space: &TypeSpace<'_>, suffix: &str) -> Self {
        Self::Inline { stem: self.name(space), suffix: Some(suffix.to_owned()) }
    }
}

/// A property to lower into a struct field.
struct Member<'s> {
    at: JsonPointer,
    wire: &'s str,
    schema: SchemaRef<'s>,
    /// The `allOf` references it was copied in through, this schema's own included; empty
    /// outside a merge.
    through: Vec<String>,
}

pub struct TypeSpace<'a> {
    spec: &'a Normalised,
    components: Vec<(&'a str, &'a ReferenceOr<Schema>)>,
    component_ids: HashMap<&'a str, TypeId>,
    component_nullable: Vec<bool>,
    pub types: Vec<TypeDef>,
    names: TypeNames,
    /// Non-component `$ref` targets already lowered, and those being lowered (to stop cycles).
    pointer_cache: HashMap<String, Lowered>,
    in_progress: HashSet<String>,
    /// Components whose conversion has started, so a self-referencing alias is caught.
    component_started: Vec<bool>,
    /// Where this stage's diagnostics go.
    report: &'a Report,
    /// Later uses of a degraded non-component `$ref` target, which warn only once.
    degraded_reuses: usize,
    /// Components and non-component `$ref` targets whose lowering degraded something.
    degraded_components: HashSet<TypeId>,
    degraded_pointers: HashSet<String>,
    /// Component schemas given as a multipart body, with the form type made of each: the
    /// form stands for the component wherever nothing else uses it.
    pub forms_of_components: Vec<(TypeId, TypeId)>,
    /// Components whose properties an enclosing `allOf` is copying in right now: copying
    /// one of them again inside itself would never end.
    merging: Vec<String>,
    /// Optional nullable properties become [`TypeRef::Tristate`] instead of an `Option`.
    pub tri_state: bool,
    /// Strings in the formats `date-time`, `date` and `uuid` get their own types.
    pub typed_formats: bool,
    /// The components that are bases of `allOf` polymorphism, by index.
    bases: HashMap<usize, Base>,
}

impl<'a> TypeSpace<'a> {
    pub fn new(spec: &'a Normalised, report: &'a Report, lock: Option<&NameLock>) -> Self {
        // By name, not document order: reordering a spec's schemas must change nothing.
        let components = spec.document.components.as_ref().map(|c| &c.schemas);
        let mut components: Vec<_> = components.into_iter().flatten().map(|(k, v)| (k.as_str(), v)).collect();
        components.sort_by_key(|(name, _)| *name);
        let mut space = Self {
            spec,
            component_ids: HashMap::default(),
            component_nullable: Vec::new(),
            types: Vec::new(),
            names: TypeNames::new(lock),
            pointer_cache: HashMap::default(),
            in_progress: HashSet::default(),
            component_started: vec![false; components.len()],
            report,
            degraded_reuses: 0,
            degraded_components: HashSet::default(),
            degraded_pointers: HashSet::default(),
            forms_of_components: Vec::new(),
            merging: Vec::new(),
            tri_state: false,
            typed_formats: false,
            bases: bases(&components),
            components,
        };
        for index in 0..space.components.len() {
            let (raw_name, schema) = space.components[index];
            let origin = JsonPointer::root().push("components").push("schemas").push(raw_name);
            let nullable = matches!(schema, ReferenceOr::Item(s) if s.schema_data.nullable);
            space.component_ids.insert(raw_name, TypeId(index));
            space.component_nullable.push(nullable);
            let def = space.named(origin, &type_name(raw_name, "Type"));
            space.types.push(def);
        }
        space
    }

    /// Converts every component schema, in spec order.
    pub fn lower_components(&mut self) {
        for index in 0..self.components.len() {
            self.lower_component(TypeId(index));
        }
    }

    fn lower_component(&mut self, id: TypeId) {
        if std::mem::replace(&mut self.component_started[id.0], true) {
            return;
        }
        let (_, schema) = self.components[id.0];
        let origin = self.types[id.0].origin.clone();
        let degradations = self.degradations();
        if let ReferenceOr::Item(s) = schema {
            let name = self.types[id.0].name.clone();
            self.types[id.0].docs = docs_of(&s.schema_data, &name);
        }
        let lowered = match self.bases.get(&id.0) {
            Some(base) => self.lower_polymorphic(id, base.clone()),
            None => self.lower(schema.into(), &origin, Slot::Component(id)),
        };
        if lowered.ty != TypeRef::Named(id) {
            self.types[id.0].kind = TypeKind::Alias { target: lowered.ty };
        }
        if self.degradations() != degradations {
            self.degraded_components.insert(id);
        }
    }

    /// A base of `allOf` polymorphism: a union of its subtypes, told apart by the tag. An
    /// object with a tag no subtype has (the base's own, say) is kept as JSON.
    fn lower_polymorphic(&mut self, id: TypeId, base: Base) -> Lowered {
        let mut names = Namer::default();
        let variants = base
            .subtypes
            .into_iter()
            .map(|subtype| {
                let name = names.unique(&self.types[subtype.index].name);
                UnionVariant::new(name, TypeRef::Named(TypeId(subtype.index)), subtype.tags)
            })
            .collect();
        let tagged = Tagged { property: base.property, catch_all: names.unique("Unknown") };
        self.types[id.0].kind = TypeKind::Union { variants, tagged: Some(tagged), any_of: false };
        Lowered { ty: TypeRef::Named(id), nullable: self.component_nullable[id.0] }
    }

    /// Whether the component in `slot` is a subtype of the base `reference` names.
    fn is_subtype_of(&self, slot: &Slot, reference: &str) -> bool {
        let Slot::Component(id) = slot else { return false };
        let base = component_name(reference).and_then(|name| self.component_ids.get(name.as_str()).copied());
        base.and_then(|base| self.bases.get(&base.0)).is_some_and(|base| base.subtypes.iter().any(|s| s.index == id.0))
    }

    /// A schema in an operation, named `name` when it needs a type. One inside a parameter,
    /// request body, response or header that operations share by `$ref` is lowered once and
    /// named after its own key (`PerPageParam`), not after whichever operation came first.
    pub fn lower_inline(&mut self, schema: SchemaRef<'_>, at: &JsonPointer, name: &str) -> Lowered {
        let Some(stem) = shared_stem(at) else { return self.lower(schema, at, Slot::inline(name.to_owned())) };
        let key = at.to_string();
        if let Some(done) = self.lowered_before(&key) {
            return done;
        }
        let degradations = self.degradations();
        let lowered = self.lower(schema, at, Slot::inline(stem));
        self.remember(key, degradations, &lowered);
        lowered
    }

    /// What the place `key` (not a component) was lowered to before, if it was; a later use
    /// of a degraded one counts as degraded again.
    fn lowered_before(&mut self, key: &str) -> Option<Lowered> {
        let done = self.pointer_cache.get(key)?.clone();
        self.degraded_reuses += usize::from(self.degraded_pointers.contains(key));
        Some(done)
    }

    /// Remembers what the place `key` was lowered to, and whether that degraded anything
    /// (the count was `degradations` before).
    fn remember(&mut self, key: String, degradations: usize, lowered: &Lowered) {
        if self.degradations() != degradations {
            self.degraded_pointers.insert(key.clone());
        }
        self.pointer_cache.insert(key, lowered.clone());
    }

    /// Adds a named type that no schema defines on its own (a multipart form), with a name
    /// unique among the models.
    pub fn add_type(&mut self, name: &str, origin: JsonPointer, docs: Option<String>, kind: TypeKind) -> TypeId {
        let def = self.named(origin, &type_name(name, "Type"));
        self.types.push(TypeDef { docs, kind, ..def });
        TypeId(self.types.len() - 1)
    }

    /// A new type for the place `origin`, named as its place asks if it can be, to be
    /// given its kind. A name the lock keeps for another place is not taken, with a warning.
    pub fn named(&mut self, origin: JsonPointer, wanted: &str) -> TypeDef {
        let named = self.names.name(&origin, wanted);
        if let Some(holder) = &named.lost_to {
            self.warn(
                &origin,
                format!(
                    "`{wanted}` is locked for `{holder}` ({}), so this type is named `{}`",
                    crate::lock::FILE_NAME,
                    named.name
                ),
            );
        }
        TypeDef { wanted: named.wanted, defined_before: named.defined_before, ..placeholder(named.name, origin) }
    }

    pub fn warn(&mut self, at: &JsonPointer, message: impl Into<String>) {
        self.report.warn(at, message);
    }

    /// How many times so far something was given a less precise type: every warning, and
    /// every later use of a degraded `$ref` target, which warned once. A step that leaves
    /// this unchanged degraded nothing itself; what it reaches is [`TypeSpace::degraded_types`]'s to say.
    pub fn degradations(&self) -> usize {
        self.report.warning_count() + self.degraded_reuses
    }

    /// The named types that are less precise than their schemas ask, or lead to one that
    /// is: the degraded components, and every type from which one can be reached.
    pub fn degraded_types(&self) -> HashSet<TypeId> {
        let mut users: HashMap<TypeId, Vec<TypeId>> = HashMap::default();
        for (index, def) in self.types.iter().enumerate() {
            for mentioned in super::analysis::mentions(&def.kind) {
                users.entry(mentioned).or_default().push(TypeId(index));
            }
        }
        let mut degraded = self.degraded_components.clone();
        let mut stack: Vec<TypeId> = degraded.iter().copied().collect();
        while let Some(id) = stack.pop() {
            for user in users.get(&id).into_iter().flatten() {
                if degraded.insert(*user) {
                    stack.push(*user);
                }
            }
        }
        degraded
    }

    fn lower(&mut self, schema: SchemaRef<'_>, at: &JsonPointer, slot: Slot) -> Lowered {
        match schema {
            SchemaRef::Reference(reference) => self.lower_reference(reference, at, slot),
            SchemaRef::Item(schema) => self.lower_schema(schema, at, slot),
        }
    }

    fn lower_reference(&mut self, reference: &str, at: &JsonPointer, slot: Slot) -> Lowered {
        if let Some(id) = component_name(reference).and_then(|name| self.component_ids.get(name.as_str()).copied()) {
            return Lowered { ty: TypeRef::Named(id), nullable: self.component_nullable[id.0] };
        }
        // Any other local pointer: lower the schema found there, once.
        if let Some(done) = self.lowered_before(reference) {
            return done;
        }
        let Some(target) = JsonPointer::from_ref(reference) else {
            // Unreachable after the reference check; degrade rather than fail.
            self.warn(at, format!("`{reference}` cannot be resolved; using an untyped JSON value"));
            return Lowered::of(TypeRef::Json);
        };
        if self.in_progress.len() >= MAX_POINTER_DEPTH {
            self.report.push(Diagnostic::error(
                at.clone(),
                format!("references nest more than {MAX_POINTER_DEPTH} levels deep through inline schemas"),
            ));
            return Lowered::of(TypeRef::Json);
        }
        if !self.in_progress.insert(reference.to_owned()) {
            self.warn(
                at,
                format!("`{reference}` refers to itself through inline schemas; using an untyped JSON value"),
            );
            return Lowered::of(TypeRef::Json);
        }
        let degradations = self.degradations();
        let lowered = match self.spec.schema_at(reference) {
            Some(Ok((_, schema))) => {
                let slot = match target.last().filter(|s| s != "schema") {
                    Some(last) if matches!(slot, Slot::Inline { .. }) => Slot::inline(type_name(&last, "Type")),
                    _ => slot,
                };
                self.lower(schema.into(), &target, slot)
            }
            Some(Err(error)) => {
                self.warn(
                    at,
                    format!(
                        "`{reference}` is not a schema openapi-gen can read ({} at `{}`); using an untyped JSON value",
                        error.message, error.pointer
                    ),
                );
                Lowered::of(TypeRef::Json)
            }
            None => Lowered::of(TypeRef::Json),
        };
        self.in_progress.remove(reference);
        self.remember(reference.to_owned(), degradations, &lowered);
        lowered
    }

    fn lower_schema(&mut self, schema: &Schema, at: &JsonPointer, slot: Slot) -> Lowered {
        let shape = Shape::of(&schema.schema_kind);
        let mut lowered = self.lower_shape(&shape, schema, at, slot);
        lowered.nullable |= schema.schema_data.nullable;
        lowered
    }

    fn lower_shape(&mut self, shape: &Shape<'_>, schema: &Schema, at: &JsonPointer, slot: Slot) -> Lowered {
        if !shape.all_of.is_empty() {
            return self.lower_all_of(shape, schema, at, slot);
        }
        if shape.is_object() {
            return self.lower_object(shape, &schema.schema_data, at, slot);
        }
        if shape.typ == Some("array") || shape.items.is_some() {
            let ty = match shape.items {
                Some(items) => {
                    let slot = slot.child(self, "Item");
                    self.lower(items.into(), &at.push("items"), slot).value_type()
                }
                None => TypeRef::Json,
            };
            return Lowered::of(ty.vec());
        }
        if !shape.one_of.is_empty() {
            return self.lower_union(shape.one_of, &schema.schema_data, &at.push("oneOf"), slot);
        }
        if !shape.any_of.is_empty() {
            return self.lower_union(shape.any_of, &schema.schema_data, &at.push("anyOf"), slot);
        }
        let nullable_enum = shape.enumeration.contains(&Value::Null);
        let strings: Vec<&str> = shape.enumeration.iter().filter_map(Value::as_str).collect();
        let only_strings = !strings.is_empty() && strings.len() + usize::from(nullable_enum) == shape.enumeration.len();
        let ty = match shape.typ {
            Some("string") | None if only_strings => self.string_enum(&strings, &schema.schema_data, at, slot),
            Some("string") => self.typed_format(shape.format).unwrap_or(TypeRef::String),
            Some("boolean") => TypeRef::Bool,
            Some("integer") => TypeRef::Integer(integer_kind(shape.format)),
            Some("number") => match shape.format {
                Some("float") => TypeRef::Float(FloatKind::F32),
                _ => TypeRef::Float(FloatKind::F64),
            },
            None => TypeRef::Json,
            Some(other) => {
                let known = ["string", "number", "integer", "boolean", "array", "object", "null"];
                let mut diagnostic = Diagnostic::error(at.push("type"), format!("`{other}` is not a JSON Schema type"));
                if let Some(hint) = closest(other, known) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{hint}`?"));
                }
                self.report.push(diagnostic);
                TypeRef::Json
            }
        };
        Lowered { ty, nullable: nullable_enum }
    }

    fn lower_object(&mut self, shape: &Shape<'_>, data: &SchemaData, at: &JsonPointer, slot: Slot) -> Lowered {
        let (required, additional) = (shape.required, shape.additional);
        let Some(properties) = shape.properties.filter(|p| !p.is_empty()) else {
            let ty = match additional {
                Some(AdditionalProperties::Schema(values)) => match self.map_values(values, at, slot) {
                    TypeRef::Json => TypeRef::JsonObject,
                    value => TypeRef::Map(Box::new(value)),
                },
                _ => TypeRef::JsonObject,
            };
            return Lowered::of(ty);
        };
        let members: Vec<Member<'_>> = properties
            .iter()
            .map(|(wire, schema)| Member {
                at: at.push("properties").push(wire),
                wire: wire.as_str(),
                schema: schema.into(),
                through: Vec::new(),
            })
            .collect();
        let id = self.allocate(slot, at, data);
        let fields = self.fields(id, &members, required);
        let extra = undeclared(additional).map(|values| self.extra_field(id, &fields, values, at));
        self.types[id.0].kind = TypeKind::Struct { fields, extra };
        Lowered::of(TypeRef::Named(id))
    }

    /// The map beside a struct's `fields` for the properties its schema (at `at`) does not
    /// declare, each of the type of `values`, or any JSON value when `values` is `None`.
    fn extra_field(
        &mut self,
        owner: TypeId,
        fields: &[Field],
        values: Option<&ReferenceOr<Schema>>,
        at: &JsonPointer,
    ) -> ExtraField {
        let value = values.map_or(TypeRef::Json, |values| self.map_values(values, at, Slot::Component(owner)));
        let taken: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let name = Namer::with_reserved(&taken).unique("additional_properties");
        ExtraField { name, ty: TypeRef::Map(Box::new(value)) }
    }

    /// The type of the values of `additionalProperties` (`values`) in the object schema at
    /// `at`, whose own slot is `parent`.
    fn map_values(&mut self, values: &ReferenceOr<Schema>, at: &JsonPointer, parent: Slot) -> TypeRef {
        let slot = parent.child(self, "Value");
        self.lower(values.into(), &at.push("additionalProperties"), slot).value_type()
    }

    fn fields(&mut self, owner: TypeId, members: &[Member<'_>], required: &[String]) -> Vec<Field> {
        let mut names = Namer::default();
        let owner_slot = Slot::Component(owner);
        members
            .iter()
            .map(|Member { at, wire, schema, through }| {
                let name = names.unique(&value_name(wire, "field"));
                let slot = owner_slot.child(self, wire);
                let lowered = self.merging_through(through, |space| space.lower(*schema, at, slot));
                let required = required.iter().any(|r| r == wire);
                let (docs, access) = match schema {
                    SchemaRef::Item(s) => (property_docs(s, wire), access_of(&s.schema_data)),
                    SchemaRef::Reference(_) => (None, Access::Both),
                };
                let ty = match (required, lowered.nullable) {
                    (true, _) => lowered.value_type(),
                    (false, true) if self.tri_state => TypeRef::Tristate(Box::new(lowered.ty)),
                    (false, _) => lowered.ty.option(),
                };
                Field { name, wire_name: (*wire).to_owned(), docs, ty, required, access }
            })
            .collect()
    }

    /// The type of the component schema `reference` names, if it names one.
    pub fn component_id(&self, reference: &str) -> Option<TypeId> {
        component_name(reference).and_then(|name| self.component_ids.get(name.as_str()).copied())
    }

    /// The component schema a `#/components/schemas/…` reference names, and where it is.
    pub fn component_schema(&self, reference: &str) -> Option<(JsonPointer, &'a Schema)> {
        let name = component_name(reference)?;
        let id = self.component_ids.get(name.as_str())?;
        match self.components[id.0].1 {
            ReferenceOr::Item(schema) => Some((self.types[id.0].origin.clone(), schema)),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
        }
    }

    /// `oneOf`/`anyOf` (null members were lifted into `nullable` by normalisation).
    fn lower_union(
        &mut self,
        members: &[ReferenceOr<Schema>],
        data: &SchemaData,
        at: &JsonPointer,
        slot: Slot,
    ) -> Lowered {
        if let [only] = members {
            return self.lower(only.into(), &at.push("0"), slot);
        }
        if let Some(values) = string_enum_members(members) {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let ty = self.string_enum(&values, data, at, slot);
            return Lowered::of(ty);
        }
        let id = self.allocate(slot, at, data);
        let mut names = Namer::default();
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut nullable = false;
        let tags = data.discriminator.as_ref().and_then(|d| self.discriminator_tags(d, members));
        for (index, member) in members.iter().enumerate() {
            let member_tags = tags.as_ref().map(|tags| tags[index].clone()).unwrap_or_default();
            let member: SchemaRef<'_> = member.into();
            let candidate = self.variant_name(member);
            let slot = Slot::Component(id).child(self, &candidate);
            let lowered = self.lower(member, &at.push(index.to_string()), slot);
            nullable |= lowered.nullable;
            if let Some(same) = variants.iter_mut().find(|v| v.ty == lowered.ty) {
                same.tags.extend(member_tags);
                continue;
            }
            variants.push(UnionVariant::new(names.unique(&candidate), lowered.ty, member_tags));
        }
        let tagged = match (&data.discriminator, tags) {
            (Some(discriminator), Some(_)) => {
                Some(Tagged { property: discriminator.property_name.clone(), catch_all: names.unique("Unknown") })
            }
            _ => None,
        };
        let any_of = at.last().as_deref() == Some("anyOf");
        self.types[id.0].kind = TypeKind::Union { variants, tagged, any_of };
        Lowered { ty: TypeRef::Named(id), nullable }
    }

    /// Each member's discriminator values (see [`tags_for`]). `None` when a member is inline,
    /// since only references can have a tag.
    fn discriminator_tags(
        &self,
        discriminator: &Discriminator,
        members: &[ReferenceOr<Schema>],
    ) -> Option<Vec<Vec<String>>> {
        members
            .iter()
            .map(|member| {
                let ReferenceOr::Reference { reference } = member else { return None };
                let name = JsonPointer::from_ref(reference).and_then(|p| p.last())?;
                let schema = self.component_schema(reference).map(|(_, schema)| schema);
                Some(tags_for(discriminator, &name, schema))
            })
            .collect()
    }

    /// A readable variant name: the referenced type, the member's title, its JSON type, or
    /// for an inline object its first required property.
    fn variant_name(&self, member: SchemaRef<'_>) -> String {
        let schema = match member {
            SchemaRef::Reference(reference) => {
                let last = JsonPointer::from_ref(reference).and_then(|p| p.last()).unwrap_or_default();
                return match self.component_ids.get(last.as_str()) {
                    Some(id) => self.types[id.0].name.clone(),
                    None => type_name(&last, "Variant"),
                };
            }
            SchemaRef::Item(schema) => schema,
        };
        if let Some(title) = schema.schema_data.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return type_name(title, "Variant");
        }
        let shape = Shape::of(&schema.schema_kind);
        if let Some(properties) = shape.properties {
            let key = shape.required.first().or_else(|| properties.keys().next());
            if let Some(key) = key {
                return type_name(key, "Variant");
            }
        }
        let word = match shape.typ {
            Some("string") => match self.typed_format(shape.format) {
                Some(TypeRef::DateTime) => "DateTime",
                Some(TypeRef::Date) => "Date",
                Some(TypeRef::Uuid) => "Uuid",
                _ => "String",
            },
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("array") => "List",
            Some("object") => "Map",
            _ if shape.items.is_some() => "List",
            _ => "Variant",
        };
        word.to_owned()
    }

    /// The type a string in `format` gets, when [`TypeSpace::typed_formats`] asks for one.
    fn typed_format(&self, format: Option<&str>) -> Option<TypeRef> {
        match format.filter(|_| self.typed_formats)? {
            "date-time" => Some(TypeRef::DateTime),
            "date" => Some(TypeRef::Date),
            "uuid" => Some(TypeRef::Uuid),
            _ => None,
        }
    }

    fn string_enum(&mut self, values: &[&str], data: &SchemaData, at: &JsonPointer, slot: Slot) -> TypeRef {
        let mut names = Namer::default();
        let mut seen = HashSet::default();
        let variants: Vec<StringVariant> = values
            .iter()
            .filter(|v| seen.insert(**v))
            .map(|value| {
                let candidate = if value.is_empty() { "Empty".to_owned() } else { type_name(value, "Value") };
                StringVariant { name: names.unique(&candidate), wire_name: (*value).to_owned() }
            })
            .collect();
        let catch_all = names.unique("Unknown");
        let id = self.allocate(slot, at, data);
        self.types[id.0].kind = TypeKind::StringEnum { variants, catch_all };
        TypeRef::Named(id)
    }

    /// The id a named type goes into: the component's own, or a new uniquely named one.
    fn allocate(&mut self, slot: Slot, at: &JsonPointer, data: &SchemaData) -> TypeId {
        match slot {
            Slot::Component(id) => id,
            Slot::Inline { .. } => {
                let mut def = self.named(at.clone(), &slot.name(self));
                def.docs = docs_of(data, &def.name);
                self.types.push(def);
                TypeId(self.types.len() - 1)
            }
        }
    }
}

/// The type name stem of a schema inside `#/components/{parameters, requestBodies,
/// responses, headers}/{key}`: the key and what it is (`PerPageParam`).
fn shared_stem(at: &JsonPointer) -> Option<String> {
    let mut segments = at.segments();
    if segments.next()? != "components" {
        return None;
    }
    let suffix = match segments.next()?.as_ref() {
        "parameters" => "Param",
        "requestBodies" => "Body",
        "responses" => "Response",
        "headers" => "Header",
        _ => return None,
    };
    Some(format!("{}{suffix}", type_name(&segments.next()?, "Shared")))
}

/// The schema name in `#/components/schemas/{name}`, unescaped.
fn component_name(reference: &str) -> Option<String> {
    let pointer = JsonPointer::from_ref(reference)?;
    let (section, name) = pointer.component()?;
    (section == "schemas").then(|| name.into_owned())
}

fn placeholder(name: String, origin: JsonPointer) -> TypeDef {
    TypeDef {
        name,
        wanted: None,
        origin,
        merged: false,
        defined_before: false,
        docs: None,
        kind: TypeKind::Alias { target: TypeRef::Json },
        derive_eq: false,
        derive_default: false,
        features: Features::always(),
        serialize_on_request: false,
    }
}

fn integer_kind(format: Option<&str>) -> IntegerKind {
    match format {
        Some("int8") => IntegerKind::I8,
        Some("int16") => IntegerKind::I16,
        Some("int32") => IntegerKind::I32,
        Some("uint8") => IntegerKind::U8,
        Some("uint16") => IntegerKind::U16,
        Some("uint32") => IntegerKind::U32,
        Some("uint64" | "uint") => IntegerKind::U64,
        _ => IntegerKind::I64,
    }
}

fn access_of(data: &SchemaData) -> Access {
    match (data.read_only, data.write_only) {
        (true, false) => Access::ReadOnly,
        (false, true) => Access::WriteOnly,
        _ => Access::Both,
    }
}

/// The doc text for a schema: its title unless it only repeats `name`, then its description.
pub fn docs_of(data: &SchemaData, name: &str) -> Option<String> {
    let description = super::text_of(data.description.as_ref());
    let title = super::text_of(data.title.as_ref()).filter(|t| !same_words(t, name));
    let title = title.filter(|t| description.is_none_or(|d| !same_words(t, d)));
    let mut parts: Vec<&str> = title.into_iter().chain(description).collect();
    if data.deprecated {
        parts.push("Deprecated.");
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// A property's docs: its schema's, or else, for an `allOf`, the first inline member's
/// (`allOf: [{$ref: …}, {description: …}]` is how 3.0 gives a reference a description).
/// Then what the schema promises beyond its type (its default and bounds).
fn property_docs(schema: &Schema, name: &str) -> Option<String> {
    let docs = docs_of(&schema.schema_data, name).or_else(|| {
        Shape::of(&schema.schema_kind).all_of.iter().find_map(|member| match member {
            ReferenceOr::Item(member) => docs_of(&member.schema_data, name),
            ReferenceOr::Reference { .. } => None,
        })
    });
    super::constraints::with_promises(docs, schema)
}

fn same_words(a: &str, b: &str) -> bool {
    let letters =
        |s: &str| s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect::<String>();
    letters(a) == letters(b)
}

/// What an object's `additionalProperties` says of the properties it does not declare,
/// when it says they are allowed: `Some(Some(schema))` when it types them, `Some(None)` for
/// any JSON value (`true`, or a schema of annotations only such as `{}`). A schema that does
/// not mention them allows them too, but the author did not ask for them, and a struct
/// skips them, as serde skips unknown fields.
fn undeclared(additional: Option<&AdditionalProperties>) -> Option<Option<&ReferenceOr<Schema>>> {
    match additional {
        Some(AdditionalProperties::Schema(values)) if is_annotation_only(values) => Some(None),
        Some(AdditionalProperties::Schema(values)) => Some(Some(values)),
        Some(AdditionalProperties::Any(true)) => Some(None),
        Some(AdditionalProperties::Any(false)) | None => None,
    }
}
