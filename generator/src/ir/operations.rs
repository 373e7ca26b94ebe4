//! Lowers paths and operations: arguments, bodies and the documented responses.

use foldhash::HashMap;

use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, RequestBody as SpecBody, Response,
    SecurityRequirement,
};
use serde_json::Value;

use super::constraints;
use super::schemas::{Lowered, TypeSpace};
use super::security::requirements;
use super::shape::{SchemaRef, Shape, is_any_value};
use super::shared_headers::is_credential;
use super::{
    BodyEncoding, Coverage, DescribedPaging, FormField, FormFieldEncoding, FormPart, Locals, Method, Operation,
    Outcome, PagingHint, Param, ParamLocation, ParamStyle, PathPart, PathSegment, RequestBody, ResponseBody, Responses,
    SecurityScheme, StatusMatch, Success, TypeKind, TypeRef, text_of,
};
use crate::diagnostic::{Diagnostic, JsonPointer, Report};
use crate::naming::{Namer, status_variant, strip_fastapi_suffix, synthesize_operation_name, type_name, value_name};
use crate::normalise::Normalised;

/// Method names the runtime already defines on `Client` (a test holds this to the runtime).
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_client",
    "base_url",
    "http_client",
    "max_response_size",
    "with_retries",
    "with_hook",
    // The runtime's crate-private methods.
    "set_credential",
    "set_header_default",
    "header_default",
];

/// Locals the generated method bodies use besides the arguments.
const LOCALS: [&str; 3] = ["query", "request", "response"];

struct Raw<'a> {
    method: Method,
    path: &'a str,
    operation: &'a openapiv3::Operation,
    path_params: &'a [ReferenceOr<Parameter>],
    origin: JsonPointer,
}

/// What the operations need to know about the spec's security.
pub struct Security<'a> {
    pub schemes: &'a [SecurityScheme],
    pub global: Option<&'a [SecurityRequirement]>,
}

/// The extension that describes or switches off an operation's pagination.
const PAGING_EXTENSION: &str = "x-openapi-gen-pagination";

/// The operations, named in `methods` (the `Client`'s method names so far), and how many
/// made it into the client how precisely.
pub fn lower_operations(
    spec: &Normalised,
    space: &mut TypeSpace<'_>,
    report: &Report,
    security: &Security<'_>,
    methods: &mut Namer,
) -> (Vec<Operation>, Coverage) {
    let mut found = Vec::new();
    for (path, item) in &spec.document.paths.paths {
        let path_at = JsonPointer::root().push("paths").push(path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                report.warn(&path_at, "path items given as `$ref` are not supported yet; its operations are skipped");
                continue;
            }
        };
        for (method, operation) in item.iter() {
            let Some(parsed) = parse_method(method) else { continue };
            found.push(Raw {
                method: parsed,
                path,
                operation,
                path_params: &item.parameters,
                origin: path_at.push(method),
            });
        }
    }
    // Lowered, named and listed by place, not by document order: moving paths around in a
    // spec must not rename anything (a clash gives the later place the suffix).
    found.sort_by(|a, b| (a.path, a.method.order()).cmp(&(b.path, b.method.order())));
    let names = operation_names(&found, methods);
    let mut response_names = Namer::default();
    let mut operations = Vec::new();
    let mut degraded_here = Vec::with_capacity(found.len());
    for (raw_op, name) in found.iter().zip(names) {
        let before = space.degradations();
        let operation =
            OperationLowering { space, spec, report, op: raw_op, name: &name, security }.lower(&mut response_names);
        degraded_here.push(space.degradations() != before);
        operations.push(operation);
    }
    // An operation is fully typed when neither its own lowering nor any type it reaches
    // (a component lowered earlier, say) was degraded.
    let degraded = space.degraded_types();
    let reaches_degraded = |op: &Operation| op.types().filter_map(TypeRef::named).any(|id| degraded.contains(&id));
    let fully_typed = operations
        .iter()
        .zip(&degraded_here)
        .filter(|(op, degraded_here)| !**degraded_here && !reaches_degraded(op))
        .count();
    (operations, Coverage { in_spec: found.len(), fully_typed })
}

/// Looks up what a `$ref` to a parameter, request body or response reaches.
type Reached<T> = for<'n> fn(&'n Normalised, &str) -> Option<Result<&'n ReferenceOr<T>, &'n Diagnostic>>;

fn parse_method(method: &str) -> Option<Method> {
    Some(match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        _ => return None,
    })
}

/// Method names: the operationId in snake case, without FastAPI's generated suffix when
/// every shortened name stays unique; otherwise synthesized from method and path.
fn operation_names(found: &[Raw<'_>], methods: &mut Namer) -> Vec<String> {
    let full: Vec<String> = found
        .iter()
        .map(|r| match &r.operation.operation_id {
            Some(id) => value_name(id, "operation"),
            None => value_name(&synthesize_operation_name(r.method.as_str(), r.path), "operation"),
        })
        .collect();
    let short: Vec<Option<String>> = found
        .iter()
        .map(|r| {
            let id = r.operation.operation_id.as_deref()?;
            strip_fastapi_suffix(id, r.method.as_str(), r.path).map(|stem| value_name(&stem, "operation"))
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for name in short.iter().zip(&full).map(|(s, f)| s.as_deref().unwrap_or(f)) {
        *counts.entry(name).or_default() += 1;
    }
    let chosen: Vec<String> = short
        .iter()
        .zip(&full)
        .map(|(s, f)| match s {
            Some(s) if counts[s.as_str()] == 1 && !full.iter().any(|other| other == s && other != f) => s.clone(),
            _ => f.clone(),
        })
        .collect();
    chosen.iter().map(|name| methods.unique(name)).collect()
}

struct OperationLowering<'s, 'a, 'r> {
    space: &'s mut TypeSpace<'a>,
    spec: &'r Normalised,
    report: &'r Report,
    op: &'r Raw<'r>,
    name: &'r str,
    security: &'r Security<'r>,
}

impl<'a, 'r> OperationLowering<'_, 'a, 'r> {
    fn lower(mut self, response_names: &mut Namer) -> Operation {
        let op = self.op.operation;
        let type_stem = type_name(self.name, "Operation");
        let mut args = Namer::with_reserved(&["self"]);
        let mut params = self.params(&type_stem);
        let path = self.path(&mut params);
        for param in &mut params {
            param.name = args.unique(&param.name);
        }
        let body = op.request_body.as_ref().and_then(|body| self.body(body, &type_stem, &mut args));
        let locals = {
            let [query, request, response] = LOCALS.map(|l| args.unique(l));
            Locals { query, request, response }
        };
        let responses = self.responses(&type_stem, response_names);
        let security = requirements(
            op.security.as_deref(),
            self.security.global,
            self.security.schemes,
            &self.op.origin,
            self.report,
        );
        let (summary, description) = (text_of(op.summary.as_ref()), text_of(op.description.as_ref()));
        let docs = match (summary, description) {
            (Some(s), Some(d)) if d.starts_with(s) => Some(d.to_owned()),
            (Some(s), Some(d)) => Some(format!("{s}\n\n{d}")),
            (s, d) => s.or(d).map(str::to_owned),
        };
        Operation {
            name: self.name.to_owned(),
            operation_id: op.operation_id.clone(),
            origin: self.op.origin.clone(),
            method: self.op.method,
            path_template: self.op.path.to_owned(),
            path,
            docs,
            deprecated: op.deprecated,
            params,
            body,
            responses,
            security,
            locals,
            builder: None,
            mock_method: None,
            tag: op.tags.first().cloned(),
            feature: None,
            paging_hint: self.paging_hint(),
            pagination: None,
        }
    }

    /// The operation's `x-openapi-gen-pagination`, read as [`PagingHint`]; one that does
    /// not read is ignored, with a warning.
    fn paging_hint(&mut self) -> PagingHint {
        let Some(value) = self.op.operation.extensions.get(PAGING_EXTENSION) else { return self.ms_pageable() };
        match serde_json::from_value::<PagingHint>(value.clone()) {
            Ok(PagingHint::Off(true)) | Err(_) => {
                let at = self.op.origin.push(PAGING_EXTENSION);
                self.report.warn(
                    &at,
                    "expected `false` or `{kind, param, next, items}`; pagination is detected as if it were absent",
                );
                PagingHint::None
            }
            Ok(hint) => hint,
        }
    }

    /// Azure's `x-ms-pageable`, as the pattern it describes: the next page's URL in
    /// `nextLinkName` (none: a single page), the items in `itemName` (`value` by default).
    fn ms_pageable(&self) -> PagingHint {
        let Some(pageable) = self.op.operation.extensions.get("x-ms-pageable") else { return PagingHint::None };
        match pageable.get("nextLinkName").and_then(Value::as_str) {
            Some(next) => PagingHint::Described(DescribedPaging {
                kind: "next-url".to_owned(),
                param: String::new(),
                next: Some(next.to_owned()),
                items: Some(pageable.get("itemName").and_then(Value::as_str).unwrap_or("value").to_owned()),
            }),
            None => PagingHint::Off(false),
        }
    }

    /// The item `value` is, or reaches through references (looked up by `reached`), with
    /// where it is.
    fn resolve<T>(
        &mut self,
        value: &'r ReferenceOr<T>,
        at: &JsonPointer,
        reached: Reached<T>,
    ) -> Option<(&'r T, JsonPointer)> {
        let mut current = value;
        let mut at = at.clone();
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(item) => return Some((item, at)),
                ReferenceOr::Reference { reference } => {
                    let target = JsonPointer::from_ref(reference)?;
                    match reached(self.spec, reference)? {
                        Ok(next) => current = next,
                        Err(error) => {
                            // The error names the place in the target that is wrong.
                            self.report.push(error.clone());
                            return None;
                        }
                    }
                    at = target;
                }
            }
        }
        self.report.push(Diagnostic::error(at, "this `$ref` chain never reaches a definition"));
        None
    }

    fn params(&mut self, type_stem: &str) -> Vec<Param> {
        // Operation-level parameters override path-level ones with the same name and place.
        let mut merged: Vec<(&Parameter, JsonPointer)> = Vec::new();
        let sources = [
            (self.op.path_params, path_item_parameters(&self.op.origin)),
            (&self.op.operation.parameters[..], self.op.origin.push("parameters")),
        ];
        for (list, list_at) in sources {
            for (index, param) in list.iter().enumerate() {
                let Some((param, at)) = self.resolve(param, &list_at.push(index.to_string()), Normalised::parameter)
                else {
                    continue;
                };
                let key = (param.parameter_data_ref().name.clone(), location_of(param));
                merged.retain(|(p, _)| (p.parameter_data_ref().name.clone(), location_of(p)) != key);
                merged.push((param, at));
            }
        }
        let mut params = Vec::with_capacity(merged.len());
        for (param, at) in merged {
            let name = &param.parameter_data_ref().name;
            let location = location_of(param);
            // OpenAPI says such a parameter SHALL be ignored: the client sends the media types
            // the operation's body and responses name.
            let media_type = name.eq_ignore_ascii_case("accept") || name.eq_ignore_ascii_case("content-type");
            if location == ParamLocation::Header && media_type {
                continue;
            }
            // Such a header could never be sent (and could smuggle in another one).
            if matches!(location, ParamLocation::Header | ParamLocation::Cookie) && !is_token(name) {
                self.report.warn(
                    &at.push("name"),
                    format!(
                        "{name:?} is not a valid HTTP header or cookie name (letters, digits and \
                         ! # $ % & ' * + - . ^ _ ` | ~), so the parameter is left out"
                    ),
                );
                continue;
            }
            params.push(self.param(param, &at, type_stem));
        }
        params
    }

    fn param(&mut self, param: &Parameter, at: &JsonPointer, type_stem: &str) -> Param {
        let data = param.parameter_data_ref();
        let location = location_of(param);
        // A `form` (and `deepObject`) parameter explodes unless the spec says otherwise.
        let (style, delimiter) = match param {
            Parameter::Query { style: QueryStyle::Form, .. } | Parameter::Cookie { .. } => (ParamStyle::Form, ','),
            Parameter::Query { style: QueryStyle::SpaceDelimited, .. } => (ParamStyle::SpaceDelimited, ' '),
            Parameter::Query { style: QueryStyle::PipeDelimited, .. } => (ParamStyle::PipeDelimited, '|'),
            Parameter::Query { style: QueryStyle::DeepObject, .. } => (ParamStyle::DeepObject, ','),
            Parameter::Path { style: PathStyle::Label, .. } => (ParamStyle::Label, ','),
            Parameter::Path { style: PathStyle::Matrix, .. } => (ParamStyle::Matrix, ','),
            Parameter::Path { .. } | Parameter::Header { .. } => (ParamStyle::Simple, ','),
        };
        let explode = data.explode.unwrap_or(matches!(style, ParamStyle::Form | ParamStyle::DeepObject));
        let stem = format!("{type_stem}{}", type_name(&data.name, "Param"));
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let lowered = self.space.lower_inline(schema.into(), &at.push("schema"), &stem);
                self.param_type(lowered, location, at)
            }
            ParameterSchemaOrContent::Content(content) => {
                // A scalar is sent as its text whatever the media type names: the APIs that
                // describe one so (a name or an ID in the path) read it plain, as the same
                // parameter given a `schema`.
                let scalar = content.first().and_then(|(media_type, media)| {
                    let schema = media.schema.as_ref()?;
                    let shape = Shape::of(&self.schema_of(schema.into())?.schema_kind);
                    let is_scalar = shape.scalar_type().is_some() && shape.format != Some("binary");
                    is_scalar.then(|| (at.push("content").push(media_type).push("schema"), schema))
                });
                match scalar {
                    Some((schema_at, schema)) => {
                        let lowered = self.space.lower_inline(schema.into(), &schema_at, &stem);
                        self.param_type(lowered, location, at)
                    }
                    None => {
                        self.report.warn(
                            at,
                            "parameters with `content` are not supported yet; the value is sent as text you serialise",
                        );
                        TypeRef::String
                    }
                }
            }
        };
        let docs = text_of(data.description.as_ref()).map(str::to_owned);
        let docs = match &data.format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => constraints::with_promises(docs, schema),
            _ => docs,
        };
        let plain = self.is_plain(&ty);
        // A date-time's `Display` is not RFC 3339; serde's form of it is.
        let date_time = self.is_date_time(self.unaliased(&ty).0.innermost());
        let styled =
            !plain || date_time || matches!(style, ParamStyle::Label | ParamStyle::Matrix | ParamStyle::DeepObject);
        // Credentials are text; a `session_start` date is not one.
        let secret = location != ParamLocation::Path && ty == TypeRef::String && is_credential(&data.name);
        Param {
            name: value_name(&data.name, "param"),
            wire_name: data.name.clone(),
            location,
            ty,
            // Path parameters are always required, whatever the spec says.
            required: data.required || location == ParamLocation::Path,
            explode,
            delimiter,
            style,
            styled,
            shared: None,
            secret,
            docs,
        }
    }

    /// Scalars and arrays of scalars are typed in every place; objects (and arrays of them)
    /// are typed in the query, path and headers, and spread in the parameter's style. An
    /// object cookie is taken as text the caller serialises.
    fn param_type(&mut self, lowered: Lowered, location: ParamLocation, at: &JsonPointer) -> TypeRef {
        if self.is_plain(&lowered.ty) || location != ParamLocation::Cookie {
            lowered.ty
        } else {
            self.space
                .warn(at, "cookies that are objects are not supported yet; the value is sent as text you serialise");
            TypeRef::String
        }
    }

    fn unaliased<'t>(&'t self, ty: &'t TypeRef) -> (&'t TypeRef, Option<&'t TypeKind>) {
        super::unaliased(&self.space.types, ty)
    }

    /// A typed `date-time`, which is written as text in RFC 3339, not as `Display` has it.
    fn is_date_time(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty).0, TypeRef::DateTime)
    }

    /// A scalar, or an array of scalars: written inline in the plain styles.
    fn is_plain(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Vec(item) => self.is_scalar(item),
            other => self.is_scalar(other),
        }
    }

    fn is_scalar(&self, ty: &TypeRef) -> bool {
        match self.unaliased(ty) {
            (ty, _) if ty.is_scalar() => true,
            (_, kind) => matches!(kind, Some(TypeKind::StringEnum { .. })),
        }
    }

    /// The path template as segments, with `params` reordered so path parameters come
    /// first in template order. Declared path parameters the template does not use are
    /// dropped (they would be unused arguments); template variables nobody declared become
    /// required string parameters. Both are warned about.
    fn path(&mut self, params: &mut Vec<Param>) -> Vec<PathSegment> {
        let template = parse_template(self.op.path);
        let variables: Vec<&str> = template
            .iter()
            .flatten()
            .filter_map(|part| match part {
                TemplatePart::Variable(name) => Some(*name),
                TemplatePart::Literal(_) => None,
            })
            .collect();
        let unused: Vec<String> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Path && !variables.contains(&p.wire_name.as_str()))
            .map(|p| p.wire_name.clone())
            .collect();
        for wire in &unused {
            self.space
                .warn(&self.op.origin, format!("path parameter `{wire}` does not appear in the path; it is left out"));
        }
        params.retain(|p| p.location != ParamLocation::Path || variables.contains(&p.wire_name.as_str()));

        // Path parameters in template order, then every other parameter in spec order.
        let mut ordered: Vec<Param> = Vec::with_capacity(params.len());
        for variable in &variables {
            if ordered.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == *variable) {
                continue;
            }
            match params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == *variable) {
                Some(index) => ordered.push(params.remove(index)),
                None => {
                    self.report.warn(
                        &self.op.origin,
                        format!("path parameter `{variable}` is not declared; it is taken as a required string"),
                    );
                    ordered.push(implicit_path_param(variable));
                }
            }
        }
        ordered.append(params);
        *params = ordered;

        template
            .into_iter()
            .map(|segment| PathSegment {
                parts: segment
                    .into_iter()
                    .map(|part| match part {
                        TemplatePart::Literal(text) => PathPart::Literal(text.to_owned()),
                        TemplatePart::Variable(name) => PathPart::Param(
                            params
                                .iter()
                                .position(|p| p.location == ParamLocation::Path && p.wire_name == name)
                                .unwrap_or_default(),
                        ),
                    })
                    .collect(),
            })
            .collect()
    }

    fn body(&mut self, body: &'r ReferenceOr<SpecBody>, type_stem: &str, args: &mut Namer) -> Option<RequestBody> {
        let at = self.op.origin.push("requestBody");
        let (body, at) = self.resolve(body, &at, Normalised::request_body)?;
        let Some((content_type, media)) = pick_media(&body.content) else {
            self.report.warn(&at, "the request body has no media type; it is left out");
            return None;
        };
        let media_at = at.push("content").push(&content_type);
        let mut encoding = request_encoding_of(&content_type);
        let (ty, nullable) = match encoding {
            BodyEncoding::Multipart | BodyEncoding::RawMultipart => {
                match self.multipart_form(media, &media_at, type_stem) {
                    Some(ty) => (ty, false),
                    None => {
                        encoding = BodyEncoding::RawMultipart;
                        (TypeRef::bytes(), false)
                    }
                }
            }
            BodyEncoding::Form | BodyEncoding::Json => match &media.schema {
                Some(schema) => {
                    let lowered =
                        self.space.lower_inline(schema.into(), &media_at.push("schema"), &format!("{type_stem}Body"));
                    if encoding == BodyEncoding::Json || self.is_object(&lowered.ty) {
                        (lowered.ty, lowered.nullable)
                    } else {
                        self.report.warn(&media_at, "a form body that is not an object is taken as raw bytes");
                        encoding = BodyEncoding::Bytes;
                        (TypeRef::bytes(), false)
                    }
                }
                None if encoding == BodyEncoding::Form => (TypeRef::JsonObject, false),
                None => (TypeRef::Json, false),
            },
            BodyEncoding::Text | BodyEncoding::EventStream => {
                encoding = BodyEncoding::Text;
                (TypeRef::String, false)
            }
            BodyEncoding::Bytes | BodyEncoding::JsonLines => {
                encoding = BodyEncoding::Bytes;
                (TypeRef::bytes(), false)
            }
        };
        let docs = text_of(body.description.as_ref()).map(str::to_owned);
        let form_fields = match encoding {
            BodyEncoding::Form => self.form_field_encodings(media, &ty),
            _ => Vec::new(),
        };
        Some(RequestBody {
            name: args.unique("body"),
            content_type,
            encoding,
            ty,
            required: body.required && !nullable,
            docs,
            form_fields,
        })
    }

    /// The `encoding` entries of a form body that change how a field is written. `style:
    /// form` with `explode` is the default; `deepObject` changes only arrays (indexed
    /// brackets instead of repeated fields), as Stripe's spec relies on.
    fn form_field_encodings(&self, media: &openapiv3::MediaType, body: &TypeRef) -> Vec<FormFieldEncoding> {
        media
            .encoding
            .iter()
            .filter_map(|(wire_name, encoding)| {
                let sends_json =
                    encoding.content_type.as_deref().and_then(|types| types.split(',').next()).is_some_and(|first| {
                        let first = first.trim();
                        first == "application/json" || first.ends_with("+json")
                    });
                if sends_json {
                    return Some(FormFieldEncoding { wire_name: wire_name.clone(), style: None, explode: false });
                }
                let style = match encoding.style.as_ref()? {
                    QueryStyle::Form => ParamStyle::Form,
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                let explode = encoding.explode;
                let changes_wire = match style {
                    ParamStyle::Form => !explode,
                    ParamStyle::DeepObject => self.field_type(body, wire_name).is_some_and(|ty| self.is_array(ty)),
                    _ => true,
                };
                changes_wire.then(|| FormFieldEncoding { wire_name: wire_name.clone(), style: Some(style), explode })
            })
            .collect()
    }

    /// The type of the property `wire_name` of the struct `ty`, without its `Option`.
    fn field_type<'t>(&'t self, ty: &'t TypeRef, wire_name: &str) -> Option<&'t TypeRef> {
        let (_, Some(TypeKind::Struct { fields, .. })) = self.unaliased(ty) else { return None };
        fields.iter().find(|f| f.wire_name == wire_name).map(|f| f.ty.option_inner())
    }

    fn is_array(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty), (TypeRef::Vec(_), _))
    }

    /// A `multipart/form-data` body as a form type: one field per property of its schema.
    /// `None` (the caller builds the form, with a warning) when the schema has no properties.
    fn multipart_form(&mut self, media: &openapiv3::MediaType, at: &JsonPointer, type_stem: &str) -> Option<TypeRef> {
        let schema_at = at.push("schema");
        let shape = media.schema.as_ref().and_then(|s| self.schema_of(s.into())).map(|s| Shape::of(&s.schema_kind));
        let Some((properties, required)) = shape.and_then(|s| Some((s.properties?, s.required))) else {
            self.report.warn(
                at,
                "a multipart body without a schema of properties cannot be typed; \
                 the method takes a `reqwest::multipart::Form` you build",
            );
            return None;
        };
        let form_name = format!("{type_stem}Form");
        let mut names = Namer::default();
        let mut fields = Vec::new();
        for (wire_name, property) in properties {
            let property = SchemaRef::from(property);
            let property_at = schema_at.push("properties").push(wire_name);
            let resolved = self.schema_of(property);
            let shape = resolved.map(|s| Shape::of(&s.schema_kind));
            let items_are_files = shape
                .as_ref()
                .and_then(|s| s.items)
                .and_then(|items| self.schema_of(items.into()))
                .is_some_and(is_file_part);
            let (part, repeated) = if resolved.is_some_and(is_file_part) {
                (FormPart::File, false)
            } else if items_are_files {
                (FormPart::File, true)
            } else {
                let stem = format!("{form_name}{}", type_name(wire_name, "Field"));
                let ty = self.space.lower_inline(property, &property_at, &stem).ty;
                match ty {
                    TypeRef::Vec(item) if self.is_date_time(&item) => (FormPart::DateTime(*item), true),
                    TypeRef::Vec(item) if self.is_scalar(&item) => (FormPart::Text(*item), true),
                    ty if self.is_date_time(&ty) => (FormPart::DateTime(ty), false),
                    ty if self.is_scalar(&ty) => (FormPart::Text(ty), false),
                    ty => (FormPart::Json(ty), false),
                }
            };
            let docs = text_of(resolved.and_then(|s| s.schema_data.description.as_ref())).map(str::to_owned);
            fields.push(FormField {
                name: names.unique(&value_name(wire_name, "field")),
                wire_name: wire_name.clone(),
                docs,
                part,
                repeated,
                required: required.contains(wire_name),
                // `contentType` may list several; the first is the one sent.
                content_type: media
                    .encoding
                    .get(wire_name)
                    .and_then(|encoding| encoding.content_type.as_deref())
                    .and_then(|types| types.split(',').next())
                    .map(|first| first.trim().to_owned())
                    .filter(|first| !first.is_empty()),
            });
        }
        let docs = Some(format!("The parts of the `multipart/form-data` body of `{}`.", self.name));
        let id = self.space.add_type(&form_name, schema_at, docs, TypeKind::Form { fields });
        if let Some(ReferenceOr::Reference { reference }) = &media.schema
            && let Some(component) = self.space.component_id(reference)
        {
            self.space.forms_of_components.push((component, id));
        }
        Some(TypeRef::Named(id))
    }

    /// The schema itself, following references to component schemas.
    fn schema_of<'x>(&self, schema: SchemaRef<'x>) -> Option<&'x openapiv3::Schema>
    where
        'a: 'x,
    {
        match schema {
            SchemaRef::Item(schema) => Some(schema),
            SchemaRef::Reference(reference) => self.space.component_schema(reference).map(|(_, schema)| schema),
        }
    }

    /// Whether a value of `ty` serialises to a JSON object, as a form body must.
    fn is_object(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty), (TypeRef::JsonObject | TypeRef::Map(_), _) | (_, Some(TypeKind::Struct { .. })))
    }

    fn responses(&mut self, type_stem: &str, names: &mut Namer) -> Responses {
        let responses = &self.op.operation.responses;
        let at = self.op.origin.push("responses");
        let mut documented: Vec<(StatusMatch, String, &ReferenceOr<Response>)> = responses
            .responses
            .iter()
            .map(|(code, response)| match code {
                openapiv3::StatusCode::Code(code) => (StatusMatch::Code(*code), code.to_string(), response),
                openapiv3::StatusCode::Range(range) => (StatusMatch::Range(*range), format!("{range}XX"), response),
            })
            .collect();
        if let Some(default) = &responses.default {
            documented.push((StatusMatch::Default, "default".to_owned(), default));
        }
        let has_explicit_success = documented.iter().any(|(status, _, _)| is_success(*status));
        let mut link_header = false;
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let mut success_names = Namer::default();
        let mut error_names = Namer::default();
        for (status, key, response) in documented {
            let Some((response, response_at)) = self.resolve(response, &at.push(&key), Normalised::response) else {
                continue;
            };
            let treat_as_success = is_success(status) || (status == StatusMatch::Default && !has_explicit_success);
            link_header |= treat_as_success && response.headers.keys().any(|name| name.eq_ignore_ascii_case("link"));
            let variant = match status {
                StatusMatch::Code(code) => status_variant(code),
                StatusMatch::Range(range) => format!("Status{range}xx"),
                StatusMatch::Default => "Default".to_owned(),
            };
            let variant = if treat_as_success { success_names.unique(&variant) } else { error_names.unique(&variant) };
            let body_stem = if treat_as_success {
                format!("{type_stem}{variant}Response")
            } else {
                format!("{type_stem}{variant}Body")
            };
            let body = self.response_body(response, &response_at, &body_stem);
            let description = Some(response.description.trim().to_owned()).filter(|d| !d.is_empty());
            let outcome = Outcome { status, variant, description, body };
            if treat_as_success { success.push(outcome) } else { errors.push(outcome) }
        }
        let mut accepted: Vec<&str> = Vec::new();
        for body in success.iter().chain(&errors).filter_map(|o| o.body.as_ref()) {
            if !accepted.contains(&body.content_type.as_str()) {
                accepted.push(&body.content_type);
            }
        }
        let accept = (!accepted.is_empty()).then(|| accepted.join(", "));
        // Bodies that decode the same way are the same body, whatever their media type.
        let same = |a: &Option<ResponseBody>, b: &Option<ResponseBody>| match (a, b) {
            (Some(a), Some(b)) => (a.encoding, &a.ty) == (b.encoding, &b.ty),
            (a, b) => a.is_none() && b.is_none(),
        };
        let distinct: Vec<&Option<ResponseBody>> = success.iter().map(|o| &o.body).fold(Vec::new(), |mut acc, body| {
            if !acc.iter().any(|seen| same(seen, body)) {
                acc.push(body);
            }
            acc
        });
        let success = match distinct.as_slice() {
            [] => Success::Single { outcomes: success, body: None },
            [body] => {
                let body = (*body).clone();
                Success::Single { outcomes: success, body }
            }
            _ => {
                // Each status of the enum is read whole, so its streams are read as text.
                let outcomes = success.into_iter().map(Outcome::read_whole).collect();
                Success::Enum { name: names.unique(&format!("{type_stem}Response")), outcomes }
            }
        };
        let errors = errors.into_iter().map(Outcome::read_whole).collect();
        Responses { success, error_type: names.unique(&format!("{type_stem}Error")), errors, accept, link_header }
    }

    fn response_body(&mut self, response: &Response, at: &JsonPointer, stem: &str) -> Option<ResponseBody> {
        let (content_type, media) = pick_media(&response.content)?;
        let encoding = encoding_of(&content_type);
        let schema_at = at.push("content").push(&content_type).push("schema");
        let mut lower = |stem: &str| media.schema.as_ref().map(|s| self.space.lower_inline(s.into(), &schema_at, stem));
        let ty = match encoding {
            BodyEncoding::Json => lower(stem).map_or(TypeRef::Json, |lowered| lowered.value_type()),
            BodyEncoding::EventStream => match lower(&format!("{stem}Event")).map(|lowered| lowered.value_type()) {
                Some(TypeRef::String) | None => TypeRef::String,
                Some(ty) => ty,
            },
            // A schema for the whole stream describes an array of the items.
            BodyEncoding::JsonLines => match lower(&format!("{stem}Item")).map(|lowered| lowered.value_type()) {
                Some(TypeRef::Vec(item)) => *item,
                Some(ty) => ty,
                None => TypeRef::Json,
            },
            BodyEncoding::Text => TypeRef::String,
            BodyEncoding::Bytes | BodyEncoding::Form | BodyEncoding::Multipart | BodyEncoding::RawMultipart => {
                TypeRef::bytes()
            }
        };
        Some(ResponseBody { content_type, encoding, ty })
    }
}

/// `#/paths/~1a/get` → `#/paths/~1a/parameters`, where path-level parameters live.
fn path_item_parameters(operation: &JsonPointer) -> JsonPointer {
    let segments: Vec<_> = operation.segments().collect();
    let path_item = segments[..segments.len().saturating_sub(1)].iter().fold(JsonPointer::root(), |p, s| p.push(s));
    path_item.push("parameters")
}

/// An RFC 9110 token, which header field names and cookie names must be.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn location_of(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn implicit_path_param(wire: &str) -> Param {
    Param {
        name: value_name(wire, "param"),
        wire_name: wire.to_owned(),
        location: ParamLocation::Path,
        ty: TypeRef::String,
        required: true,
        explode: false,
        delimiter: ',',
        style: ParamStyle::Simple,
        styled: false,
        shared: None,
        secret: false,
        docs: None,
    }
}

enum TemplatePart<'a> {
    Literal(&'a str),
    Variable(&'a str),
}

/// `/files/{name}.json` → `[[Literal("files")], [Variable("name"), Literal(".json")]]`.
/// An unclosed `{` is literal text.
fn parse_template(path: &str) -> Vec<Vec<TemplatePart<'_>>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
                if open > 0 {
                    parts.push(TemplatePart::Literal(&rest[..open]));
                }
                parts.push(TemplatePart::Variable(&rest[open + 1..close]));
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(TemplatePart::Literal(rest));
            }
            parts
        })
        .collect()
}

fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Range(range) => range == 2,
        StatusMatch::Default => false,
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "application/problem+json"
        || essence == "text/json"
}

/// A `format: binary` string, or a 3.1 string with a `contentMediaType` (normalised to the
/// same), is a file.
fn is_file(schema: &openapiv3::Schema) -> bool {
    let shape = Shape::of(&schema.schema_kind);
    shape.typ == Some("string") && shape.format == Some("binary")
}

/// Whether a multipart field is a file part: a file, or a schema that allows any value.
/// OpenAPI sends a part without a type as `application/octet-stream`; a file part sends
/// that by default, or any content and media type the caller gives it.
fn is_file_part(schema: &openapiv3::Schema) -> bool {
    is_file(schema) || is_any_value(schema)
}

/// How a request body is sent: form and multipart bodies are typed too.
fn request_encoding_of(content_type: &str) -> BodyEncoding {
    match content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase().as_str() {
        "application/x-www-form-urlencoded" => BodyEncoding::Form,
        "multipart/form-data" => BodyEncoding::Multipart,
        _ => encoding_of(content_type),
    }
}

fn encoding_of(content_type: &str) -> BodyEncoding {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if is_json(content_type) {
        BodyEncoding::Json
    } else if essence == "text/event-stream" {
        BodyEncoding::EventStream
    } else if ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"].contains(&essence.as_str()) {
        BodyEncoding::JsonLines
    } else if content_type.to_ascii_lowercase().starts_with("text/") {
        BodyEncoding::Text
    } else {
        BodyEncoding::Bytes
    }
}

/// JSON when the spec offers it, else the first media type listed.
fn pick_media(content: &indexmap::IndexMap<String, openapiv3::MediaType>) -> Option<(String, &openapiv3::MediaType)> {
    content
        .iter()
        .find(|(content_type, _)| is_json(content_type))
        .or_else(|| content.first())
        .map(|(content_type, media)| (content_type.clone(), media))
}
