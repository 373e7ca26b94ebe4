//! What `$ref`s reach outside the typed document's components, read when the document is
//! normalised, so that the IR looks references up instead of reading the document again.
//! Bundlers such as APIs.guru's point a repeated schema, parameter or response at its first
//! use (`#/paths/~1v2~1apps/get/responses/200/content/application~1json/schema`).

use foldhash::{HashMap, HashSet};
use indexmap::IndexMap;
use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::slots::{Lifted, SchemaSlots, read_one};
use super::{Members, Normalised, without_schemas};
use crate::diagnostic::{Diagnostic, JsonPointer, Place};
use crate::error::Error;
use crate::parallel;

type Read<T> = Result<ReferenceOr<T>, Diagnostic>;

/// Every target of a reference that is not a component, read as what the references to it
/// use it as; one that does not read keeps its error, reported where it is used.
#[derive(Debug, Default)]
pub(super) struct Reached {
    schemas: HashMap<String, Result<(JsonPointer, ReferenceOr<Schema>), Diagnostic>>,
    parameters: HashMap<String, Read<Parameter>>,
    request_bodies: HashMap<String, Read<RequestBody>>,
    responses: HashMap<String, Read<Response>>,
}

impl Reached {
    /// Reads what `references` (every reference in `raw` that resolves) reach: each as a
    /// schema, and those the typed `document` uses as parameters, request bodies or responses
    /// as those too. Schemas are read on every core while the rest is read here.
    pub(super) fn read(document: &OpenAPI, raw: &Value, references: HashSet<String>) -> Result<Self, Error> {
        // A component schema is looked up in the typed document; any other target may be
        // used as a schema, a misplaced parameter or response included.
        let is_component_schema = |r: &str| component_key(r).is_some_and(|(kind, _)| kind == "schemas");
        let schema_targets: Vec<String> = references.into_iter().filter(|r| !is_component_schema(r)).collect();
        let (schemas, (parameters, request_bodies, responses)) = parallel::map_while(
            schema_targets,
            |reference| {
                let target = JsonPointer::from_ref(&reference)?;
                let read = read_one(target.resolve(raw)?, &target).map(|schema| (target, schema));
                Some((reference, read))
            },
            || {
                let uses = Uses::of(document);
                (
                    read_all(raw, uses.parameters, "parameters"),
                    read_all(raw, uses.request_bodies, "requestBodies"),
                    read_all(raw, uses.responses, "responses"),
                )
            },
        )?;
        Ok(Reached { schemas: schemas.into_iter().flatten().collect(), parameters, request_bodies, responses })
    }
}

impl Normalised {
    /// The schema a `$ref` other than `#/components/schemas/…` reaches, with where it is, or
    /// why it does not read. `None` for a reference this document does not make.
    pub fn schema_at(&self, reference: &str) -> Option<Result<(&JsonPointer, &ReferenceOr<Schema>), &Diagnostic>> {
        self.reached.schemas.get(reference).map(|read| read.as_ref().map(|(at, schema)| (at, schema)))
    }

    /// The parameter a `$ref` reaches (itself perhaps a reference), or why it does not read.
    pub fn parameter(&self, reference: &str) -> Option<Result<&ReferenceOr<Parameter>, &Diagnostic>> {
        let components = self.document.components.as_ref().map(|c| &c.parameters);
        lookup(reference, "parameters", components, &self.reached.parameters)
    }

    /// The request body a `$ref` reaches (itself perhaps a reference), or why it does not read.
    pub fn request_body(&self, reference: &str) -> Option<Result<&ReferenceOr<RequestBody>, &Diagnostic>> {
        let components = self.document.components.as_ref().map(|c| &c.request_bodies);
        lookup(reference, "requestBodies", components, &self.reached.request_bodies)
    }

    /// The response a `$ref` reaches (itself perhaps a reference), or why it does not read.
    pub fn response(&self, reference: &str) -> Option<Result<&ReferenceOr<Response>, &Diagnostic>> {
        let components = self.document.components.as_ref().map(|c| &c.responses);
        lookup(reference, "responses", components, &self.reached.responses)
    }
}

fn lookup<'a, T>(
    reference: &str,
    kind: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    reached: &'a HashMap<String, Read<T>>,
) -> Option<Result<&'a ReferenceOr<T>, &'a Diagnostic>> {
    match component_key(reference) {
        Some((of_kind, name)) if of_kind == kind => components?.get(&name).map(Ok),
        _ => reached.get(reference).map(Result::as_ref),
    }
}

/// `("parameters", "limit")` for `#/components/parameters/limit`.
fn component_key(reference: &str) -> Option<(String, String)> {
    let pointer = JsonPointer::from_ref(reference)?;
    pointer.component().map(|(section, name)| (section.into_owned(), name.into_owned()))
}

/// The references the typed document uses as parameters, request bodies and responses.
#[derive(Default)]
struct Uses {
    parameters: Vec<String>,
    request_bodies: Vec<String>,
    responses: Vec<String>,
}

impl Uses {
    fn of(document: &OpenAPI) -> Self {
        let mut uses = Uses::default();
        for item in document.paths.paths.values() {
            let ReferenceOr::Item(item) = item else { continue };
            add(&mut uses.parameters, &item.parameters);
            for (_, operation) in item.iter() {
                add(&mut uses.parameters, &operation.parameters);
                add(&mut uses.request_bodies, &operation.request_body);
                add(&mut uses.responses, &operation.responses.default);
                add(&mut uses.responses, operation.responses.responses.values());
            }
        }
        if let Some(components) = &document.components {
            add(&mut uses.parameters, components.parameters.values());
            add(&mut uses.request_bodies, components.request_bodies.values());
            add(&mut uses.responses, components.responses.values());
        }
        uses
    }
}

fn add<'a, T: 'a>(found: &mut Vec<String>, slots: impl IntoIterator<Item = &'a ReferenceOr<T>>) {
    found.extend(slots.into_iter().filter_map(|slot| match slot {
        ReferenceOr::Reference { reference } => Some(reference.clone()),
        ReferenceOr::Item(_) => None,
    }));
}

/// Reads what each of `pending` reaches that is not a component of `kind`, following
/// references to references.
fn read_all<T: DeserializeOwned + SchemaSlots>(
    raw: &Value,
    mut pending: Vec<String>,
    kind: &str,
) -> HashMap<String, Read<T>> {
    let mut read = HashMap::default();
    while let Some(reference) = pending.pop() {
        if read.contains_key(&reference) || component_key(&reference).is_some_and(|(of_kind, _)| of_kind == kind) {
            continue;
        }
        let Some(target) = JsonPointer::from_ref(&reference) else { continue };
        let Some(value) = target.resolve(raw) else { continue };
        let fragment = read_fragment::<T>(value, &target);
        if let Ok(ReferenceOr::Reference { reference }) = &fragment {
            pending.push(reference.clone());
        }
        read.insert(reference, fragment);
    }
    read
}

/// Reads a piece of document structure (a parameter, response or request body), with the
/// schemas inside it.
fn read_fragment<T: DeserializeOwned + SchemaSlots>(value: &Value, at: &JsonPointer) -> Read<T> {
    let mut lifted = Lifted::default();
    let structure = without_schemas(value, Members::Keywords, &Place::At(at), &mut lifted);
    let mut fragment = serde_json::from_value::<ReferenceOr<T>>(structure)
        .map_err(|error| Diagnostic::error(at.clone(), format!("this is not valid here: {error}")))?;
    match lifted.read().restore(&mut fragment).into_iter().next() {
        Some(error) => Err(error),
        None => Ok(fragment),
    }
}
