//! Stage 2: one document form for 3.0 and 3.1. Every `$ref` is checked; each schema is
//! rewritten so that openapiv3's model (which is 3.0's) holds 3.1 without losing meaning,
//! and read by our own reader; openapiv3 parses the rest of the document. Any mismatch is
//! reported with its location. The stage finishes everything the IR reads ([`Normalised`]):
//! the IR never goes back to the document as written.

mod locate;
mod reached;
mod read;
mod refs;
mod schema;
mod slots;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};
use serde::Deserialize;
use serde_json::Value;

use self::reached::Reached;
use self::slots::Lifted;

use crate::diagnostic::{Diagnostic, Diagnostics, JsonPointer, Place};
use crate::error::Error;

/// A spec in the one form the rest of the pipeline reads: the typed document, and what its
/// references reach (see [`Normalised::schema_at`] and its neighbours), all read.
#[derive(Debug)]
pub struct Normalised {
    /// The typed document. Security schemes given by `$ref` are resolved in place; one
    /// left a reference does not resolve to a scheme. An encoding's `explode` is as
    /// written or, absent, OpenAPI's default for its `style`.
    pub document: OpenAPI,
    /// The document as written, for the examples it holds (the typed document leaves
    /// them out).
    pub raw: Value,
    /// The `openapi` version the author wrote.
    pub version: String,
    reached: Reached,
}

/// Why a document was not normalised.
#[derive(Debug)]
pub enum Stop {
    /// The document is not a valid OpenAPI 3 document.
    Invalid(Vec<Diagnostic>),
    /// A bug in openapi-gen, not a problem of the document.
    Internal(Error),
}

impl From<Vec<Diagnostic>> for Stop {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Stop::Invalid(diagnostics)
    }
}

/// What an object's members are, by where it sits. A walk over the document uses it to tell
/// data from structure: a header or property may be called `example` or `x-id` and still
/// be structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Members {
    /// Keywords; `example`, `examples`, `default`, `enum`, `const` and `x-` extensions
    /// hold data.
    Keywords,
    /// The `components` object: each member is a map of names, except `examples`.
    Components,
    /// Names the author chose, each naming an object of keywords.
    Names,
    /// An operation's `responses`: status codes and `default`, each naming a response, and
    /// `x-` extensions.
    Statuses,
}

impl Members {
    /// What the members of the object under `key` (a member of an object like this) are.
    fn under(self, key: &str) -> Members {
        match self {
            Members::Names | Members::Statuses => Members::Keywords,
            Members::Components => Members::Names,
            Members::Keywords => match key {
                "components" => Members::Components,
                "responses" => Members::Statuses,
                "headers" | "encoding" | "links" | "variables" | "scopes" | "properties" | "patternProperties"
                | "$defs" | "definitions" | "dependentSchemas" => Members::Names,
                _ => Members::Keywords,
            },
        }
    }

    /// Whether the member `key` of an object like this holds data, never spec structure.
    fn is_data(self, key: &str) -> bool {
        match self {
            Members::Keywords => {
                matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
            }
            Members::Components => key == "examples" || key.starts_with("x-"),
            Members::Statuses => key.starts_with("x-"),
            Members::Names => false,
        }
    }
}

pub fn normalise(mut value: Value) -> Result<Normalised, Stop> {
    let version = check_version(&value)?;
    let Value::Object(root) = &mut value else {
        return Err(Stop::Invalid(vec![Diagnostic::error(JsonPointer::root(), "the document is not an object")]));
    };
    // 3.1-only top-level members a client does not use; openapiv3 cannot read them.
    for key in ["webhooks", "jsonSchemaDialect"] {
        root.remove(key);
    }
    inline_path_item_refs(root);
    drop_callbacks(root);
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("pathItems");
        // 3.1's `mutualTLS` is configured on the reqwest client, not per request, and
        // openapiv3 cannot read it; requirements naming it are warned about later.
        if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
            schemes.retain(|_, scheme| scheme.get("type").and_then(Value::as_str) != Some("mutualTLS"));
        }
    }
    root.entry("paths").or_insert_with(|| Value::Object(Default::default()));
    // openapiv3 reads 3.0; after the rewrite below the document is 3.0-shaped.
    root.insert("openapi".into(), Value::String("3.0.3".into()));

    // `$ref`s point into the document as its author wrote it; normalising may move things
    // inside schemas (a `$ref` with siblings goes into `allOf`), so references are checked
    // and later resolved against the document as written, and what they reach is
    // normalised then. Neither reading schemas nor parsing the structure follows a
    // reference, so all three run at once, and broken references are reported first.
    //
    // openapiv3 parses a copy of the structure with each schema lifted out, while the
    // schemas are read on other threads.
    let mut lifted = Lifted::default();
    let structure = without_schemas(&value, Members::Keywords, &Place::At(&JsonPointer::root()), &mut lifted);
    let (schemas, (diagnostics, references, parsed)) = lifted
        .read_while(|| {
            let mut diagnostics = Diagnostics::default();
            let references = refs::check_refs(&value, &mut diagnostics);
            (diagnostics, references, serde_path_to_error::deserialize::<_, OpenAPI>(&structure))
        })
        .map_err(Stop::Internal)?;
    if diagnostics.has_errors() {
        return Err(Stop::Invalid(diagnostics.into_sorted()));
    }
    let mut document = parsed.map_err(|error| {
        // openapiv3's untagged enums hide where a mismatch is; parsing the pieces one by
        // one finds the innermost piece that fails.
        let (pointer, message) = locate::first_invalid(&structure)
            .unwrap_or_else(|| (pointer_of(error.path()), error.into_inner().to_string()));
        Stop::Invalid(vec![Diagnostic::error(pointer, format!("this is not a valid OpenAPI {message}"))])
    })?;
    let errors = schemas.restore(&mut document);
    if !errors.is_empty() {
        return Err(Stop::Invalid(errors));
    }
    resolve_security_schemes(&mut document, &value);
    let reached = Reached::read(&document, &value, references).map_err(Stop::Internal)?;
    Ok(Normalised { document, raw: value, version, reached })
}

#[cfg(test)]
impl Normalised {
    /// `value` as a normalised document holds a schema: rewritten and read as [`normalise`]
    /// reads each. For the tests of the stages after this one.
    pub(crate) fn schema_from(value: &Value) -> Result<ReferenceOr<openapiv3::Schema>, Diagnostic> {
        slots::read_one(value, &JsonPointer::root())
    }
}

/// openapiv3 keeps a security scheme given by `$ref` as the reference; the scheme it reaches
/// is put in its place. One that does not read as a scheme stays a reference.
fn resolve_security_schemes(document: &mut OpenAPI, raw: &Value) {
    let Some(components) = &mut document.components else { return };
    for scheme in components.security_schemes.values_mut() {
        let ReferenceOr::Reference { reference } = scheme else { continue };
        let found = JsonPointer::from_ref(reference).and_then(|target| target.resolve(raw));
        if let Some(Ok(resolved)) = found.map(SecurityScheme::deserialize) {
            *scheme = ReferenceOr::Item(resolved);
        }
    }
}

/// openapiv3 reads an encoding without `explode` as `false`; OpenAPI's default is `true` for
/// `style: form` (the default style) and `false` for the others.
fn with_default_explode(encodings: &mut Value) {
    let Value::Object(encodings) = encodings else { return };
    for encoding in encodings.values_mut() {
        let Value::Object(encoding) = encoding else { continue };
        if !encoding.contains_key("explode") {
            let form = encoding.get("style").is_none_or(|style| style == "form");
            encoding.insert("explode".to_owned(), Value::Bool(form));
        }
    }
}

/// Path items given as a local `$ref` (3.1's `components/pathItems`, or bundled from
/// another file) are copied into place, since openapiv3 does not resolve them.
fn inline_path_item_refs(root: &mut serde_json::Map<String, Value>) {
    // The document is moved into a `Value` to resolve pointers in it, and back: cloning a
    // big spec here was a tenth of GitHub's generation time.
    let document = Value::Object(std::mem::take(root));
    let targets: Vec<(String, Value)> = match document.get("paths") {
        Some(Value::Object(paths)) => paths
            .iter()
            .filter_map(|(path, item)| {
                let pointer = JsonPointer::from_ref(item.get("$ref")?.as_str()?)?;
                let target = pointer.resolve(&document).filter(|t| t.is_object() && t.get("$ref").is_none())?;
                Some((path.clone(), target.clone()))
            })
            .collect(),
        _ => Vec::new(),
    };
    if let Value::Object(map) = document {
        *root = map;
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        paths.extend(targets);
    }
}

/// Callbacks are requests the server makes, not operations of the client; openapiv3
/// cannot read them when they are given by `$ref`, so they go before parsing.
fn drop_callbacks(root: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("callbacks");
    }
    let Some(Value::Object(paths)) = root.get_mut("paths") else { return };
    for item in paths.values_mut() {
        let Value::Object(item) = item else { continue };
        for operation in item.values_mut() {
            if let Value::Object(operation) = operation {
                operation.remove("callbacks");
            }
        }
    }
}

fn check_version(value: &Value) -> Result<String, Vec<Diagnostic>> {
    let at = JsonPointer::root().push("openapi");
    let unsupported =
        |v: &str| Diagnostic::error(at.clone(), format!("OpenAPI version `{v}` is not supported; 3.0.x and 3.1.x are"));
    let convert = "convert the document to OpenAPI 3 first, for example with swagger2openapi";
    match value.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(v.to_owned()),
        Some(v) if v.starts_with('2') || v.starts_with('1') => Err(vec![unsupported(v).with_help(convert)]),
        Some(v) => Err(vec![unsupported(v)]),
        None if value.get("swagger").is_some() => Err(vec![
            Diagnostic::error(JsonPointer::root().push("swagger"), "Swagger 2.0 documents are not supported")
                .with_help(convert),
        ]),
        None => Err(vec![Diagnostic::error(
            at,
            "the document has no `openapi` version field, so it is not an OpenAPI 3 document",
        )]),
    }
}

/// A copy of the document structure in `value` with each schema lifted out. Examples are
/// left out: nothing reads them, and they are much of a big spec.
fn without_schemas<'a>(value: &'a Value, members: Members, at: &Place<'_>, lifted: &mut Lifted<'a>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| !(members.is_data(key) && matches!(key.as_str(), "example" | "examples")))
                .map(|(key, child)| {
                    let at = at.key(key);
                    let copy = if members == Members::Keywords && key == "schema" {
                        lifted.lift(child, &at)
                    } else if members == Members::Components && key == "schemas" {
                        lift_each(child, &at, lifted)
                    } else if members.is_data(key) {
                        child.clone()
                    } else {
                        let mut copy = without_schemas(child, members.under(key), &at, lifted);
                        if members == Members::Keywords && key == "encoding" {
                            with_default_explode(&mut copy);
                        }
                        copy
                    };
                    (key.clone(), copy)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| without_schemas(item, Members::Keywords, &at.index(index), lifted))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `components/schemas`, each member lifted out.
fn lift_each<'a>(value: &'a Value, at: &Place<'_>, lifted: &mut Lifted<'a>) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(name, schema)| (name.clone(), lifted.lift(schema, &at.key(name)))).collect())
        }
        other => other.clone(),
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> JsonPointer {
    path.iter().fold(JsonPointer::root(), |pointer, segment| match segment {
        serde_path_to_error::Segment::Seq { index } => pointer.push(index.to_string()),
        serde_path_to_error::Segment::Map { key } => pointer.push(key),
        serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => pointer,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn invalid(result: Result<Normalised, Stop>) -> Vec<Diagnostic> {
        match result {
            Err(Stop::Invalid(diagnostics)) => diagnostics,
            other => panic!("expected the document to be invalid, got {other:?}"),
        }
    }

    #[test]
    fn reports_every_broken_ref_with_a_hint() {
        let spec = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "Pet": {"properties": {"owner": {"$ref": "#/components/schemas/Ownr"}}},
                "Owner": {"properties": {"pets": {"items": {"$ref": "https://example.com/x.json"}}}}
            }}
        });
        let diagnostics = invalid(normalise(spec));
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render("spec.json")).collect();
        assert_eq!(rendered.len(), 2, "{rendered:#?}");
        assert!(rendered[0].contains("#/components/schemas/Owner/properties/pets/items/$ref"), "{}", rendered[0]);
        assert!(rendered[1].contains("did you mean `#/components/schemas/Owner`?"), "{}", rendered[1]);
    }

    #[test]
    fn names_that_look_like_keywords_are_still_structure() {
        // A header called `x-rate-limit` holds a schema, which must be normalised like any
        // other (openapiv3 cannot read `type: [integer, "null"]`); a property called
        // `default` holds a schema whose `$ref` must be checked; a server variable called
        // `example` is not an example to leave out.
        let spec = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "servers": [{"url": "https://{example}.test", "variables": {"example": {"default": "api"}}}],
            "paths": {"/a": {"get": {"responses": {"200": {
                "description": "ok",
                "headers": {"x-rate-limit": {"schema": {"type": ["integer", "null"]}}}
            }}}}},
            "components": {"schemas": {"A": {"properties": {"default": {"$ref": "#/components/schemas/B"}}}}}
        });
        let diagnostics = invalid(normalise(spec.clone()));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].pointer.as_str(), "#/components/schemas/A/properties/default/$ref");

        let mut valid = spec;
        valid["components"]["schemas"]["B"] = json!({"type": "string"});
        let normalised = normalise(valid).expect("valid");
        let ReferenceOr::Item(response) = &normalised.document.paths.paths["/a"]
            .as_item()
            .expect("inline")
            .get
            .as_ref()
            .expect("get")
            .responses
            .responses[&openapiv3::StatusCode::Code(200)]
        else {
            panic!("inline")
        };
        let ReferenceOr::Item(header) = &response.headers["x-rate-limit"] else { panic!("inline header") };
        let openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &header.format else {
            panic!("an inline schema")
        };
        assert!(schema.schema_data.nullable, "{schema:?}");
        assert!(normalised.document.servers[0].variables.as_ref().is_some_and(|v| v.contains_key("example")));
    }

    #[test]
    fn a_default_response_is_structure_and_its_schema_is_normalised() {
        // `default` is data among keywords, but a response among statuses; an extension
        // beside the statuses is data still.
        let detail = json!({"anyOf": [{"type": "string"}, {"type": "null"}]});
        let body = |properties| json!({"application/json": {"schema": {"type": "object", "properties": properties}}});
        let spec = |properties| {
            json!({
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {"/a": {"get": {"responses": {
                    "default": {"description": "error", "content": body(properties)},
                    "x-note": {"schema": {"$ref": "#/nowhere"}}
                }}}}
            })
        };
        let diagnostics = invalid(normalise(spec(json!({"detail": detail, "owner": {"$ref": "#/nowhere"}}))));
        let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["#/paths/~1a/get/responses/default/content/application~1json/schema/properties/owner/$ref"]
        );

        let normalised = normalise(spec(json!({"detail": detail}))).expect("valid");
        let get = normalised.document.paths.paths["/a"].as_item().and_then(|item| item.get.as_ref()).expect("get");
        let Some(ReferenceOr::Item(response)) = &get.responses.default else { panic!("an inline default") };
        let Some(ReferenceOr::Item(schema)) = &response.content["application/json"].schema else { panic!("inline") };
        let openapiv3::SchemaKind::Any(object) = &schema.schema_kind else { panic!("read by our reader") };
        let ReferenceOr::Item(detail) = &object.properties["detail"] else { panic!("inline detail") };
        assert!(detail.schema_data.nullable, "{detail:?}");
    }

    #[test]
    fn rejects_swagger_2() {
        let diagnostics = invalid(normalise(json!({"swagger": "2.0"})));
        assert_eq!(diagnostics[0].pointer.as_str(), "#/swagger");
    }

    #[test]
    fn reads_3_1_with_webhooks_and_no_paths() {
        let spec = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "webhooks": {"x": {}},
            "components": {"schemas": {"A": {"type": ["object", "null"], "properties": {"a": {"const": 1}}}}}
        });
        let normalised = normalise(spec).expect("valid 3.1");
        assert_eq!(normalised.version, "3.1.0");
        let components = normalised.document.components.expect("components");
        let ReferenceOr::Item(a) = &components.schemas["A"] else { panic!("A is inline") };
        assert!(a.schema_data.nullable, "{a:?}");
    }
}
