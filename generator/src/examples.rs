//! The `examples` check: every example a spec gives, read as the generated client would
//! read it, so a spec author finds the examples their schemas contradict and a user finds
//! the overlay their responses need.
//!
//! The values are read against the IR's types by the rules the generated code follows
//! (`serde_struct!`, the runtime's unions and enums, serde_json's numbers), not by
//! compiling the client: a spec of a thousand operations is checked in a second.
//!
//! Examples are looked for where an operation's request body, responses and parameters
//! give them (`example`, and `examples.*.value` through `$ref`s to `components/examples`),
//! and on the schemas of named types and their properties (`example`, and 3.1's
//! `examples` list). Each is checked once, with the first type that reaches it.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, JsonPointer};
use crate::ir::{Api, BodyEncoding, IntegerKind, Operation, ParamLocation, StatusMatch, TypeDef, TypeKind, TypeRef};

/// What checking a spec's examples found.
#[derive(Debug, Default)]
pub struct ExampleReport {
    /// How many examples were read.
    pub checked: usize,
    /// One error per example that does not read, at the place inside it that does not.
    pub mismatches: Vec<Diagnostic>,
    /// How many of the examples are response bodies, which a client must read.
    pub response_bodies: usize,
    /// How many response bodies do not read.
    pub response_mismatches: usize,
    /// With [`crate::Config::lenient`]: each place where a response body example reads
    /// only because a missing or `null` required value takes an empty one, as a warning.
    pub deviations: Vec<Diagnostic>,
}

impl ExampleReport {
    /// `1,204 of 1,443 examples read as the generated types`.
    pub fn summary(&self) -> String {
        let read = self.checked - self.mismatches.len();
        let bodies_read = self.response_bodies - self.response_mismatches;
        let lenient = match self.deviations.len() {
            0 => String::new(),
            n => format!(", {n} values read as empty"),
        };
        format!(
            "{read} of {} examples read as the generated types ({bodies_read} of {} response bodies{lenient})",
            self.checked, self.response_bodies
        )
    }
}

/// Checks every example of the spec `raw` (the document the IR `api` was lowered from).
pub fn check(api: &Api, raw: &Value) -> ExampleReport {
    let mut walk = Walk { api, raw, seen: BTreeSet::new(), report: ExampleReport::default() };
    for op in &api.operations {
        walk.operation(op);
    }
    for (index, def) in api.types.iter().enumerate() {
        walk.schema(def, index);
    }
    walk.report.mismatches.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    walk.report
}

struct Walk<'a> {
    api: &'a Api,
    raw: &'a Value,
    /// Examples already checked, by where they are.
    seen: BTreeSet<JsonPointer>,
    report: ExampleReport,
}

/// How a body is read: a response's `null` or empty body reads as an empty object or list
/// where that breaks no promise; a request's is sent as the caller built it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

impl<'a> Walk<'a> {
    fn operation(&mut self, op: &Operation) {
        let Some(operation) = op.origin.resolve(self.raw) else { return };
        if let Some(body) = &op.body
            && matches!(body.encoding, BodyEncoding::Json | BodyEncoding::Form)
            && let Some((request, at)) = self.follow(operation.get("requestBody"), op.origin.push("requestBody"))
            && let Some(media) = request.get("content").and_then(|c| c.get(&body.content_type))
        {
            let at = at.push("content").push(&body.content_type);
            let using = format!("the request body of `{}`", op.name);
            self.media(media, &at, &body.ty, Direction::Request, &using);
        }
        let outcomes = op.responses.success.outcomes().iter().chain(&op.responses.errors);
        for outcome in outcomes {
            let Some(body) = outcome.body.as_ref().filter(|b| b.encoding == BodyEncoding::Json) else { continue };
            let Some((key, response)) = response_for(operation.get("responses"), outcome.status) else { continue };
            let Some((response, at)) = self.follow(Some(response), op.origin.push("responses").push(&key)) else {
                continue;
            };
            let Some(media) = response.get("content").and_then(|c| c.get(&body.content_type)) else { continue };
            let at = at.push("content").push(&body.content_type);
            let using = format!("the {key} response of `{}`", op.name);
            self.media(media, &at, &body.ty, Direction::Response, &using);
        }
        let path_item = op.origin.segments().collect::<Vec<_>>();
        let path_item = JsonPointer::root().push("paths").push(path_item.get(1).map_or("", |s| s.as_ref()));
        let listed = [(operation.get("parameters"), op.origin.push("parameters"))]
            .into_iter()
            .chain([(path_item.resolve(self.raw).and_then(|p| p.get("parameters")), path_item.push("parameters"))]);
        for (parameters, at) in listed {
            let Some(Value::Array(parameters)) = parameters else { continue };
            for (index, parameter) in parameters.iter().enumerate() {
                let Some((parameter, at)) = self.follow(Some(parameter), at.push(index.to_string())) else { continue };
                let name = parameter.get("name").and_then(Value::as_str);
                let location = parameter.get("in").and_then(Value::as_str);
                let Some(param) = op
                    .params
                    .iter()
                    .find(|p| Some(p.wire_name.as_str()) == name && Some(place(p.location)) == location)
                else {
                    continue;
                };
                let ty = if param.required { param.ty.clone() } else { param.ty.clone().option() };
                let using = format!("the parameter `{}` of `{}`", param.wire_name, op.name);
                self.media(parameter, &at, &ty, Direction::Request, &using);
            }
        }
    }

    /// A named type's schema examples, and those of its properties.
    fn schema(&mut self, def: &TypeDef, index: usize) {
        let Some(schema) = def.origin.resolve(self.raw) else { return };
        let ty = TypeRef::Named(crate::ir::TypeId(index));
        let using = format!("`{}`", def.name);
        self.schema_examples(schema, &def.origin, &ty, &using);
        if let TypeKind::Struct { fields, .. } = &def.kind {
            for field in fields {
                let at = def.origin.push("properties").push(&field.wire_name);
                let Some(property) = at.resolve(self.raw) else { continue };
                let using = format!("the property `{}` of `{}`", field.wire_name, def.name);
                self.schema_examples(property, &at, &field.ty, &using);
            }
        }
    }

    fn schema_examples(&mut self, schema: &Value, at: &JsonPointer, ty: &TypeRef, using: &str) {
        if let Some(example) = schema.get("example") {
            self.example(example, at.push("example"), ty, Direction::Request, using);
        }
        if let Some(Value::Array(examples)) = schema.get("examples") {
            for (index, example) in examples.iter().enumerate() {
                self.example(example, at.push("examples").push(index.to_string()), ty, Direction::Request, using);
            }
        }
    }

    /// The `example` and `examples` of a media type or parameter object.
    fn media(&mut self, media: &Value, at: &JsonPointer, ty: &TypeRef, direction: Direction, using: &str) {
        if let Some(example) = media.get("example") {
            self.example(example, at.push("example"), ty, direction, using);
        }
        let Some(Value::Object(examples)) = media.get("examples") else { return };
        for (name, example) in examples {
            let Some((example, at)) = self.follow(Some(example), at.push("examples").push(name)) else { continue };
            if let Some(value) = example.get("value") {
                self.example(value, at.push("value"), ty, direction, using);
            }
        }
    }

    fn example(&mut self, value: &Value, at: JsonPointer, ty: &TypeRef, direction: Direction, using: &str) {
        if !self.seen.insert(at.clone()) {
            return;
        }
        self.report.checked += 1;
        let empty_body = direction == Direction::Response && value.is_null();
        // Only responses are read leniently: requests are sent as built.
        let lenient = self.api.needs.lenient && direction == Direction::Response;
        let reader = Reader { api: self.api, lenient, repaired: Default::default(), in_unions: Default::default() };
        let read = if empty_body
            && (reader.read(&Value::Object(Default::default()), ty).is_ok()
                || reader.read(&Value::Array(Vec::new()), ty).is_ok())
        {
            Ok(())
        } else {
            reader.read(value, ty)
        };
        if direction == Direction::Response && !at.as_str().starts_with("#/components/schemas") {
            self.report.response_bodies += 1;
        }
        if read.is_ok() {
            for repair in reader.repaired.take() {
                let pointer = repair.path.iter().fold(at.clone(), |pointer, segment| pointer.push(segment));
                let message = format!("{}; read as an empty value (lenient)", repair.message);
                self.report.deviations.push(Diagnostic::warning(pointer, message));
            }
        }
        if let Err(problem) = read {
            let pointer = problem.path.iter().fold(at, |pointer, segment| pointer.push(segment));
            let mut help = format!("read as {using} ({})", reader.describe(ty));
            if let Some(schema) = problem.schema {
                help.push_str(&format!("; the spec describes this place at {schema}"));
            }
            if direction == Direction::Response {
                self.report.response_mismatches += 1;
            }
            self.report.mismatches.push(Diagnostic::error(pointer, problem.message).with_help(help));
        }
    }

    /// `value`, or what its `$ref` chain leads to, with where that is.
    fn follow(&self, value: Option<&'a Value>, at: JsonPointer) -> Option<(&'a Value, JsonPointer)> {
        let mut value = value?;
        let mut at = at;
        // A cycle of references is an error normalise reports; a bound ends it here.
        for _ in 0..32 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else { return Some((value, at)) };
            at = JsonPointer::from_ref(reference)?;
            value = at.resolve(self.raw)?;
        }
        None
    }
}

/// A parameter's `in`.
fn place(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The response object of `responses` that `status` stands for, and its key.
fn response_for(responses: Option<&Value>, status: StatusMatch) -> Option<(String, &Value)> {
    let responses = responses?.as_object()?;
    responses.iter().find_map(|(key, response)| {
        let matches = match status {
            StatusMatch::Code(code) => key.parse::<u16>() == Ok(code),
            StatusMatch::Range(class) => key.eq_ignore_ascii_case(&format!("{class}XX")),
            StatusMatch::Default => key == "default",
        };
        matches.then(|| (key.clone(), response))
    })
}

/// Why a value does not read, and where inside it.
struct Problem {
    /// Object keys and array indices from the example's root.
    path: Vec<String>,
    message: String,
    /// The schema of the innermost property the problem is in.
    schema: Option<JsonPointer>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Self {
        Self { path: Vec::new(), message: message.into(), schema: None }
    }

    /// Names `schema` as where the spec says what the value should be, unless a property
    /// deeper inside already is.
    fn in_schema(mut self, schema: impl FnOnce() -> JsonPointer) -> Self {
        if self.schema.is_none() {
            self.schema = Some(schema());
        }
        self
    }

    fn inside(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }
}

/// Reads JSON values as the generated types do.
struct Reader<'a> {
    api: &'a Api,
    /// A missing or `null` required value is an empty one, recorded in `repaired`.
    lenient: bool,
    repaired: std::cell::RefCell<Vec<Problem>>,
    /// How many unions the value being read is inside: the runtime repairs no value inside
    /// one (a union reads its variants whole, so the failure has no place to repair).
    in_unions: std::cell::Cell<usize>,
}

/// How deep values and types are followed; a spec's example is never this deep, and a
/// recursive type with a hostile example stops here.
const DEPTH: usize = 64;

impl Reader<'_> {
    fn read(&self, value: &Value, ty: &TypeRef) -> Result<(), Problem> {
        self.read_at(value, ty, 0)
    }

    fn read_at(&self, value: &Value, ty: &TypeRef, depth: usize) -> Result<(), Problem> {
        if depth > DEPTH {
            return Ok(());
        }
        let expected = || Problem::new(format!("expected {}, found {}", self.describe(ty), kind(value)));
        match ty {
            TypeRef::Option(inner) | TypeRef::Tristate(inner) => {
                if value.is_null() {
                    Ok(())
                } else {
                    self.read_at(value, inner, depth + 1)
                }
            }
            TypeRef::Boxed(inner) => self.read_at(value, inner, depth + 1),
            TypeRef::Json => Ok(()),
            TypeRef::JsonObject => value.as_object().map(|_| ()).ok_or_else(expected),
            TypeRef::String => value.as_str().map(|_| ()).ok_or_else(expected),
            TypeRef::Bool => value.as_bool().map(|_| ()).ok_or_else(expected),
            TypeRef::Integer(kind) => integer_fits(value, *kind).then_some(()).ok_or_else(expected),
            TypeRef::Float(_) => value.as_f64().map(|_| ()).ok_or_else(expected),
            TypeRef::DateTime => {
                reads_as::<chrono::DateTime<chrono::FixedOffset>>(value).then_some(()).ok_or_else(expected)
            }
            TypeRef::Date => reads_as::<chrono::NaiveDate>(value).then_some(()).ok_or_else(expected),
            TypeRef::Uuid => reads_as::<uuid::Uuid>(value).then_some(()).ok_or_else(expected),
            TypeRef::Vec(item) => {
                let items = value.as_array().ok_or_else(expected)?;
                items.iter().enumerate().try_for_each(|(index, element)| {
                    self.nested(index.to_string(), || self.read_at(element, item, depth + 1))
                })
            }
            TypeRef::Map(item) => {
                let entries = value.as_object().ok_or_else(expected)?;
                entries
                    .iter()
                    .try_for_each(|(key, element)| self.nested(key.clone(), || self.read_at(element, item, depth + 1)))
            }
            TypeRef::Named(id) => self.read_named(value, &self.api.types[id.0], depth),
        }
    }

    fn read_named(&self, value: &Value, def: &TypeDef, depth: usize) -> Result<(), Problem> {
        if matches!(def.kind, TypeKind::Union { .. } | TypeKind::AnyOf { .. }) {
            self.in_unions.set(self.in_unions.get() + 1);
            let read = self.read_kind(value, def, depth);
            self.in_unions.set(self.in_unions.get() - 1);
            return read;
        }
        self.read_kind(value, def, depth)
    }

    fn read_kind(&self, value: &Value, def: &TypeDef, depth: usize) -> Result<(), Problem> {
        let lenient = self.lenient && self.in_unions.get() == 0;
        match &def.kind {
            TypeKind::Struct { fields, extra } => {
                let Some(object) = value.as_object() else {
                    return Err(Problem::new(format!("expected an object (`{}`), found {}", def.name, kind(value))));
                };
                for field in fields {
                    let optional = matches!(field.ty, TypeRef::Option(_) | TypeRef::Tristate(_));
                    let property_at = || def.origin.push("properties").push(&field.wire_name);
                    let (message, missing) = match object.get(&field.wire_name) {
                        None if !optional => {
                            (format!("the required property `{}` of `{}` is missing", field.wire_name, def.name), true)
                        }
                        Some(Value::Null) if !optional && field.ty != TypeRef::Json => {
                            let message = "and the spec does not make it nullable";
                            (format!("`{}` of `{}` is `null`, {message}", field.wire_name, def.name), false)
                        }
                        None => continue,
                        Some(property) => {
                            self.nested(field.wire_name.clone(), || self.read_at(property, &field.ty, depth + 1))
                                .map_err(|p| p.in_schema(property_at))?;
                            continue;
                        }
                    };
                    let problem = Problem::new(message);
                    if lenient {
                        self.repaired.borrow_mut().push(problem.inside(field.wire_name.clone()));
                    } else if missing {
                        return Err(problem.in_schema(|| def.origin.clone()));
                    } else {
                        return Err(problem.in_schema(property_at).inside(field.wire_name.clone()));
                    }
                }
                let Some(extra) = extra else { return Ok(()) };
                object.iter().filter(|(key, _)| !fields.iter().any(|f| &f.wire_name == *key)).try_for_each(
                    |(key, property)| self.nested(key.clone(), || self.read_at(property, &extra.ty, depth + 1)),
                )
            }
            // The catch-all keeps any text.
            TypeKind::StringEnum { .. } => value
                .as_str()
                .map(|_| ())
                .ok_or_else(|| Problem::new(format!("expected text (`{}`), found {}", def.name, kind(value)))),
            TypeKind::Union { variants, tagged: Some(tagged), .. } => {
                let tag = value.get(&tagged.property).and_then(Value::as_str);
                // An unlisted tag, or none, is kept whole in the catch-all.
                let Some(variant) = tag.and_then(|tag| variants.iter().find(|v| v.tags.iter().any(|t| t == tag)))
                else {
                    return Ok(());
                };
                self.read_at(value, &variant.ty, depth + 1)
            }
            TypeKind::AnyOf { members } => {
                let mut problems = Vec::new();
                // Every member is read: each that reads keeps its repairs.
                let read = members.iter().fold(0, |read, member| {
                    read + usize::from(self.read_alternative(value, &member.name, &member.ty, depth, &mut problems))
                });
                if read > 0 {
                    return Ok(());
                }
                Err(Problem::new(format!("no member of `{}` reads it ({})", def.name, problems.join("; "))))
            }
            TypeKind::Union { variants, tagged: None, .. } => {
                let mut problems = Vec::new();
                for variant in variants {
                    if self.read_alternative(value, &variant.name, &variant.ty, depth, &mut problems) {
                        return Ok(());
                    }
                }
                Err(Problem::new(format!("no variant of `{}` reads it ({})", def.name, problems.join("; "))))
            }
            TypeKind::Alias { target } | TypeKind::Newtype { target } => self.read_at(value, target, depth + 1),
            // Multipart parts are not JSON; an example of one is not checked.
            TypeKind::Form { .. } => Ok(()),
        }
    }

    /// Whether `value` reads as `ty`, the union variant or `anyOf` member `name`. One that
    /// does not keeps none of its repairs (what it repaired is not read at all), and why
    /// goes into `problems`.
    fn read_alternative(
        &self,
        value: &Value,
        name: &str,
        ty: &TypeRef,
        depth: usize,
        problems: &mut Vec<String>,
    ) -> bool {
        let before = self.repaired.borrow().len();
        match self.read_at(value, ty, depth + 1) {
            Ok(()) => true,
            Err(problem) => {
                self.repaired.borrow_mut().truncate(before);
                problems.push(format!("{name}: {}", problem.message));
                false
            }
        }
    }

    /// Reads a value inside the current one, at `segment`: a problem, and each repair
    /// made there, is placed under it; a read that fails keeps none of its repairs.
    fn nested(&self, segment: String, read: impl FnOnce() -> Result<(), Problem>) -> Result<(), Problem> {
        let before = self.repaired.borrow().len();
        match read() {
            Ok(()) => {
                for repair in &mut self.repaired.borrow_mut()[before..] {
                    repair.path.insert(0, segment.clone());
                }
                Ok(())
            }
            Err(problem) => {
                self.repaired.borrow_mut().truncate(before);
                Err(problem.inside(segment))
            }
        }
    }

    /// What a type reads, for messages: `an integer (i64)`, `a list of `Repository``.
    fn describe(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Option(inner) | TypeRef::Tristate(inner) => format!("{} or `null`", self.describe(inner)),
            TypeRef::Boxed(inner) => self.describe(inner),
            TypeRef::Named(id) => {
                let def = &self.api.types[id.0];
                let what = match &def.kind {
                    TypeKind::Struct { .. } => "an object",
                    TypeKind::StringEnum { .. } => "text",
                    TypeKind::Union { .. } => "one of several shapes",
                    TypeKind::AnyOf { .. } => "an object of one or more shapes",
                    TypeKind::Alias { target } | TypeKind::Newtype { target } => return self.describe(target),
                    TypeKind::Form { .. } => "form parts",
                };
                format!("{what} (`{}`, {})", def.name, def.origin)
            }
            TypeRef::String => "text".to_owned(),
            TypeRef::Bool => "a boolean".to_owned(),
            TypeRef::Integer(kind) => format!("an integer ({})", format!("{kind:?}").to_lowercase()),
            TypeRef::Float(_) => "a number".to_owned(),
            TypeRef::DateTime => "an RFC 3339 date-time".to_owned(),
            TypeRef::Date => "a date (`YYYY-MM-DD`)".to_owned(),
            TypeRef::Uuid => "a UUID".to_owned(),
            TypeRef::Json => "any JSON".to_owned(),
            TypeRef::JsonObject => "an object".to_owned(),
            TypeRef::Vec(item) => format!("a list of {}", self.describe(item)),
            TypeRef::Map(item) => format!("an object of {}", self.describe(item)),
        }
    }
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "`null`".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(text) if text.chars().count() > 40 => "text".to_owned(),
        Value::String(text) => format!("the text {text:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Whether serde_json reads the number as this integer type: a whole number in range,
/// not written with a fraction or exponent.
fn integer_fits(value: &Value, kind: IntegerKind) -> bool {
    match kind {
        IntegerKind::I8 => reads_as::<i8>(value),
        IntegerKind::I16 => reads_as::<i16>(value),
        IntegerKind::I32 => reads_as::<i32>(value),
        IntegerKind::I64 => reads_as::<i64>(value),
        IntegerKind::U8 => reads_as::<u8>(value),
        IntegerKind::U16 => reads_as::<u16>(value),
        IntegerKind::U32 => reads_as::<u32>(value),
        IntegerKind::U64 => reads_as::<u64>(value),
    }
}

/// Whether the generated crate's `T` reads `value`: the same serde implementation decides.
fn reads_as<T: DeserializeOwned>(value: &Value) -> bool {
    T::deserialize(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_as_chrono_and_uuid_read_them() {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"Event": {"type": "object", "properties": {
                "at": {"type": "string", "format": "date-time", "example": "2024-05-01T22:30:00.25+12:00"},
                "on": {"type": "string", "format": "date", "example": "2024-02-30"},
                "id": {"type": "string", "format": "uuid", "example": "67e5504410b1426f9247bb680e5fe0c8"},
                "by": {"type": "string", "format": "uuid", "example": "67e55044-10b1-426f"}
            }}}}
        });
        let value = crate::load::parse(&spec.to_string(), crate::load::Format::Json, "t.json").expect("parses");
        let normalised = crate::normalise::normalise(value).map_err(|_| "not valid").expect("normalises");
        let options = crate::ir::Options { typed_formats: true, ..crate::ir::Options::default() };
        let (api, _) = crate::ir::lower(&normalised, options, None).expect("lowers");
        let report = check(&api, &normalised.raw);
        let failed: Vec<&str> = report.mismatches.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(report.checked, 4);
        assert_eq!(
            failed,
            ["#/components/schemas/Event/properties/by/example", "#/components/schemas/Event/properties/on/example"]
        );
    }

    #[test]
    fn integers_fit_their_type() {
        assert!(integer_fits(&serde_json::json!(127), IntegerKind::I8));
        assert!(!integer_fits(&serde_json::json!(128), IntegerKind::I8));
        assert!(!integer_fits(&serde_json::json!(1.0), IntegerKind::I64));
        assert!(!integer_fits(&serde_json::json!(-1), IntegerKind::U64));
        assert!(integer_fits(&serde_json::json!(u64::MAX), IntegerKind::U64));
    }
}
