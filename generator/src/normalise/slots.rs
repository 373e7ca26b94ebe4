//! Schemas are lifted out of the document before openapiv3 parses its structure, read by
//! [`super::read`], and put back into the typed model afterwards, so openapiv3's own
//! `Deserialize` never sees a schema (see `read` for why).

use indexmap::IndexMap;
use openapiv3::{
    Components, Encoding, Header, MediaType, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody, Response, Schema,
};
use serde_json::{Value, json};

use super::{read, schema};
use crate::diagnostic::{Diagnostic, JsonPointer, Place};
use crate::error::Error;
use crate::parallel;

/// Stands in for a lifted schema; not a JSON pointer, so no `$ref` of the author's (all
/// checked to be pointers before this point) can look like one.
const PLACEHOLDER: &str = "openapi-gen:schema/";

/// The schemas lifted out of one document or fragment, in the order they were found, not
/// yet read.
#[derive(Default)]
pub struct Lifted<'a> {
    pending: Vec<(&'a Value, JsonPointer)>,
}

impl<'a> Lifted<'a> {
    /// Takes the schema `value` (at `at`) to read later; the placeholder to put in its place.
    pub fn lift(&mut self, value: &'a Value, at: &Place<'_>) -> Value {
        self.pending.push((value, at.pointer()));
        json!({ "$ref": format!("{PLACEHOLDER}{}", self.pending.len() - 1) })
    }

    /// Reads every schema here.
    pub fn read(self) -> Schemas {
        Schemas(self.pending.iter().map(|(value, at)| Some(read_one(value, at))).collect())
    }

    /// Reads every schema here on one thread per core, while `meanwhile` runs on this one.
    pub fn read_while<R>(self, meanwhile: impl FnOnce() -> R) -> Result<(Schemas, R), Error> {
        let (read, result) = parallel::map_while(self.pending, |(value, at)| Some(read_one(value, &at)), meanwhile)?;
        Ok((Schemas(read), result))
    }
}

/// Normalises and reads one schema, as the document's author wrote it.
pub(super) fn read_one(value: &Value, at: &JsonPointer) -> Result<ReferenceOr<Schema>, Diagnostic> {
    let mut schema = value.clone();
    schema::normalise_schema(&mut schema);
    schema::strip_markers(&mut schema);
    read::schema(&schema, &Place::At(at))
}

/// The lifted schemas, read, by placeholder number.
pub struct Schemas(Vec<Option<Result<ReferenceOr<Schema>, Diagnostic>>>);

impl Schemas {
    /// Puts the schemas back into the parsed `document`. Returns the errors of the schemas
    /// it holds; a schema under a key openapiv3 ignores is ignored, as it was before.
    pub fn restore<T: SchemaSlots + ?Sized>(mut self, document: &mut T) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        document.each_schema(&mut |slot| {
            let ReferenceOr::Reference { reference } = slot else { return };
            let Some(read) = reference
                .strip_prefix(PLACEHOLDER)
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| self.0.get_mut(index))
                .and_then(Option::take)
            else {
                return;
            };
            match read {
                Ok(schema) => *slot = schema,
                Err(error) => errors.push(error),
            }
        });
        errors
    }
}

/// A part of the typed document that can hold schemas.
pub trait SchemaSlots {
    /// Calls `visit` with every place a schema (or a `$ref` to one) sits directly inside.
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>));
}

impl<T: SchemaSlots> SchemaSlots for ReferenceOr<T> {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        if let ReferenceOr::Item(item) = self {
            item.each_schema(visit);
        }
    }
}

impl<T: SchemaSlots> SchemaSlots for Option<T> {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        if let Some(item) = self {
            item.each_schema(visit);
        }
    }
}

impl<T: SchemaSlots> SchemaSlots for [T] {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.iter_mut().for_each(|item| item.each_schema(visit));
    }
}

impl<K, T: SchemaSlots> SchemaSlots for IndexMap<K, T> {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.values_mut().for_each(|item| item.each_schema(visit));
    }
}

impl SchemaSlots for OpenAPI {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.components.each_schema(visit);
        self.paths.paths.each_schema(visit);
    }
}

impl SchemaSlots for Components {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.schemas.values_mut().for_each(&mut *visit);
        self.responses.each_schema(visit);
        self.parameters.each_schema(visit);
        self.request_bodies.each_schema(visit);
        self.headers.each_schema(visit);
    }
}

impl SchemaSlots for PathItem {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.parameters.each_schema(visit);
        let operations = [
            &mut self.get,
            &mut self.put,
            &mut self.post,
            &mut self.delete,
            &mut self.options,
            &mut self.head,
            &mut self.patch,
            &mut self.trace,
        ];
        operations.into_iter().for_each(|operation| operation.each_schema(visit));
    }
}

impl SchemaSlots for Operation {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.parameters.each_schema(visit);
        self.request_body.each_schema(visit);
        self.responses.default.each_schema(visit);
        self.responses.responses.each_schema(visit);
    }
}

impl SchemaSlots for Parameter {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        let (Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. }) = self;
        parameter_data.format.each_schema(visit);
    }
}

impl SchemaSlots for ParameterSchemaOrContent {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        match self {
            ParameterSchemaOrContent::Schema(slot) => visit(slot),
            ParameterSchemaOrContent::Content(content) => content.each_schema(visit),
        }
    }
}

impl SchemaSlots for Header {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.format.each_schema(visit);
    }
}

impl SchemaSlots for RequestBody {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.content.each_schema(visit);
    }
}

impl SchemaSlots for Response {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.headers.each_schema(visit);
        self.content.each_schema(visit);
    }
}

impl SchemaSlots for MediaType {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        if let Some(slot) = &mut self.schema {
            visit(slot);
        }
        self.encoding.each_schema(visit);
    }
}

impl SchemaSlots for Encoding {
    fn each_schema(&mut self, visit: &mut dyn FnMut(&mut ReferenceOr<Schema>)) {
        self.headers.each_schema(visit);
    }
}
