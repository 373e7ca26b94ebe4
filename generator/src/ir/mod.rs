//! Stage 3: the intermediate representation. Plain, owned, ordered data: every type,
//! field, operation and Rust name is decided here, so emitting is a pure rendering.

mod analysis;
mod builders;
mod constraints;
mod dedupe;
mod directions;
mod features;
mod inheritance;
mod lower;
mod names;
mod needs;
mod operations;
mod pagination;
mod schemas;
mod security;
mod shape;
mod shared_headers;

use serde::Serialize;

pub use lower::{Options, lower};
pub use needs::Needs;

use crate::diagnostic::JsonPointer;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server URL, when the spec names one that needs no variables.
    pub default_server: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// `components.securitySchemes` the client can apply, each with its setters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_schemes: Vec<SecurityScheme>,
    /// Header parameters every operation declares alike, which can be set once on the client.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_headers: Vec<SharedHeader>,
    /// Cargo features, one per tag, when operations are grouped behind them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<Feature>,
    /// What the crate needs besides its items: runtime parts, modules, dependencies.
    /// `lenient` among them: responses missing required values are read with empty ones,
    /// each recorded ([`crate::Config::lenient`]).
    pub needs: Needs,
    pub coverage: Coverage,
}

impl Api {
    /// Whether values of `ty` are passed by value: [`TypeRef::is_copy`], seen through
    /// aliases, so an `AlertNumber` that is an `i64` is taken as one.
    pub fn is_copy(&self, ty: &TypeRef) -> bool {
        unaliased(&self.types, ty).0.is_copy()
    }

    /// Whether `ty` is a string enum, seen through aliases.
    pub fn is_string_enum(&self, ty: &TypeRef) -> bool {
        matches!(unaliased(&self.types, ty).1, Some(TypeKind::StringEnum { .. }))
    }
}

/// The text of a description or summary, trimmed, when there is any.
fn text_of(text: Option<&String>) -> Option<&str> {
    text.map(|text| text.trim()).filter(|text| !text.is_empty())
}

/// `ty` with aliases followed to the type they stand for, and that type's definition when
/// it is a named one.
fn unaliased<'t>(types: &'t [TypeDef], mut ty: &'t TypeRef) -> (&'t TypeRef, Option<&'t TypeKind>) {
    // Alias cycles become newtypes only in the analysis; the bound keeps this from following one.
    for _ in 0..types.len() {
        let TypeRef::Named(id) = ty else { return (ty, None) };
        match &types[id.0].kind {
            TypeKind::Alias { target } => ty = target,
            kind => return (ty, Some(kind)),
        }
    }
    (ty, None)
}

/// One entry of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityScheme {
    /// The scheme's name in the spec: the key its credential is stored under.
    pub key: String,
    /// The `Client` method that sets the credential (`with_api_key`).
    pub setter: String,
    /// For bearer tokens, the `Client` method that sets a token provider instead.
    pub provider_setter: Option<String>,
    /// The constant in the client module that describes where the credential goes.
    pub constant: String,
    pub kind: SchemeKind,
    pub docs: Option<String>,
    pub origin: JsonPointer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SchemeKind {
    /// An API key sent as the named header, query parameter or cookie.
    ApiKey { location: ParamLocation, name: String },
    /// HTTP basic authentication.
    Basic,
    /// A bearer token: HTTP bearer, OAuth 2 or OpenID Connect.
    Bearer,
}

/// A cargo feature that turns on the operations of one tag (and the types they use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feature {
    /// The feature's name in `Cargo.toml` (`code-scanning`).
    pub name: String,
    pub turns_on: FeatureScope,
}

/// What a feature turns on, besides the types it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureScope {
    /// The operations with this first tag, as the spec writes it.
    Tag(String),
    /// The operations without a tag.
    Untagged,
    /// The component schemas no operation uses (GitHub's webhook payloads, say).
    ExtraSchemas,
}

/// The cargo features an item is compiled with: any one of them turns it on. Empty means
/// always compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Features(pub Vec<usize>);

impl Features {
    pub fn always() -> Self {
        Self(Vec::new())
    }

    pub fn is_always(&self) -> bool {
        self.0.is_empty()
    }

    /// Whichever of `self` or `other` turns on: always if either is.
    pub fn or(&self, other: &Self) -> Self {
        if self.is_always() || other.is_always() {
            return Self::always();
        }
        let mut all: Vec<usize> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        all.dedup();
        Self(all)
    }
}

/// A header parameter every operation declares with the same name and type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedHeader {
    pub wire_name: String,
    /// The `Client` method that sets it (`with_x_api_key`).
    pub setter: String,
    pub docs: Option<String>,
}

/// How precisely the spec's operations made it into the client: every one is generated,
/// with the closest type the generator can give where it cannot give the exact one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub in_spec: usize,
    /// Generated without any warning about a less precise type.
    pub fully_typed: usize,
}

/// An index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct TypeId(pub usize);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust name in `models`.
    pub name: String,
    /// The name its place asked for, when it got another: a clash with an earlier place or
    /// a locked name gave it a suffix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wanted: Option<String>,
    /// Where the schema is in the spec.
    pub origin: JsonPointer,
    /// An alias of an identical type defined elsewhere (see `dedupe`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub merged: bool,
    /// The name lock says this place defined its shape last time (it was not an alias), so
    /// it stays the definition when copies of the shape are merged.
    #[serde(skip)]
    pub defined_before: bool,
    pub docs: Option<String>,
    pub kind: TypeKind,
    /// No floating-point value anywhere inside, so `Eq` can be derived.
    pub derive_eq: bool,
    /// A struct or multipart form whose fields are all optional, so `Default` can be derived.
    pub derive_default: bool,
    /// The features it is compiled with (those of the operations that use it).
    #[serde(skip_serializing_if = "Features::is_always")]
    pub features: Features,
    /// Nothing sends it, so with per-tag features it implements `Serialize` only when the
    /// `serialize-responses` feature asks: serde's derive is much of a big API's build time.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub serialize_on_request: bool,
}

impl TypeDef {
    /// Adds a paragraph at the end of the type's docs.
    fn add_note(&mut self, note: String) {
        self.docs = Some(match self.docs.take() {
            Some(docs) => format!("{docs}\n\n{note}"),
            None => note,
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// Where the properties the schema does not declare go, when its
        /// `additionalProperties` allows them in so many words (a schema, `true` or `{}`).
        #[serde(skip_serializing_if = "Option::is_none")]
        extra: Option<ExtraField>,
    },
    /// A string enum with a catch-all variant that keeps values the spec does not list.
    StringEnum { variants: Vec<StringVariant>, catch_all: String },
    /// One of several shapes: tried in order (`#[serde(untagged)]`), or picked by a
    /// discriminator property when the spec names one and every member has a tag.
    Union {
        variants: Vec<UnionVariant>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tagged: Option<Tagged>,
        /// Written as `anyOf`, of members that cannot all hold at once (the analysis makes
        /// the others a [`TypeKind::AnyOf`]).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        any_of: bool,
    },
    /// An `anyOf` whose members can all hold at once: a struct with one `Option` per
    /// member, each set when the value reads as it, so what one member declares is never
    /// lost to another. At least one is set.
    AnyOf { members: Vec<AnyOfMember> },
    /// `pub type Name = Target;`
    Alias { target: TypeRef },
    /// `pub struct Name(pub Target);`, used where an alias would be infinitely recursive.
    Newtype { target: TypeRef },
    /// The parts of a `multipart/form-data` request body. Not a serde type: the client
    /// turns each field into one part (or one per element, for arrays).
    Form { fields: Vec<FormField> },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FormField {
    pub name: String,
    pub wire_name: String,
    pub docs: Option<String>,
    pub part: FormPart,
    /// An array: one part per element, all under the field's name.
    pub repeated: bool,
    pub required: bool,
    /// The part's media type from the body's `encoding` object, when it names one (for a
    /// file, the default when the caller gives none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

impl FormPart {
    /// The value's type, for parts that are not files.
    pub fn value_type(&self) -> Option<&TypeRef> {
        match self {
            Self::Text(ty) | Self::DateTime(ty) | Self::Json(ty) => Some(ty),
            Self::File => None,
        }
    }

    pub fn value_type_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            Self::Text(ty) | Self::DateTime(ty) | Self::Json(ty) => Some(ty),
            Self::File => None,
        }
    }
}

/// How a multipart field is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormPart {
    /// A file (`format: binary`, or a 3.1 `contentMediaType`): bytes, a path or a stream.
    File,
    /// A scalar, sent as its text.
    Text(TypeRef),
    /// A date-time (a typed format), sent as RFC 3339 text: its `Display` is another form.
    DateTime(TypeRef),
    /// Anything else, sent as JSON (`application/json`), as OpenAPI says for objects.
    Json(TypeRef),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Field {
    pub name: String,
    pub wire_name: String,
    pub docs: Option<String>,
    /// The complete Rust type, `Option` included when the field is optional or nullable.
    pub ty: TypeRef,
    /// Whether the field must be present on the wire. Optional fields are skipped when `None`.
    pub required: bool,
    #[serde(skip_serializing_if = "Access::is_both")]
    pub access: Access,
}

/// One member of a [`TypeKind::AnyOf`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct AnyOfMember {
    /// The field name.
    pub name: String,
    /// The member's type, without the field's `Option`.
    pub ty: TypeRef,
}

/// A struct's map of the properties its schema does not declare, by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ExtraField {
    /// Free among the struct's field names: `additional_properties` unless a property has it.
    pub name: String,
    /// A [`TypeRef::Map`] of the `additionalProperties` schema's type, or of
    /// [`TypeRef::Json`] for `true` and `{}`.
    pub ty: TypeRef,
}

/// Which way a property travels: `readOnly` ones only in responses, `writeOnly` ones only
/// in requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    #[default]
    Both,
    ReadOnly,
    WriteOnly,
}

impl Access {
    fn is_both(&self) -> bool {
        *self == Self::Both
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StringVariant {
    pub name: String,
    pub wire_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// For a tagged union, the discriminator values that select this variant.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// For an untagged union: what the variant keeps of an object it reads, so that of the
    /// variants that read an object, the one that keeps the most of it wins. Decided with
    /// the other whole-arena facts, once every type exists.
    #[serde(skip_serializing_if = "Keeps::is_nothing")]
    pub keeps: Keeps,
    /// For an untagged union: the properties the variant's struct fixes to one value (a
    /// one-value enum, as specs write a tag without a discriminator), as (property, value).
    /// An object whose property holds another text is not this variant, even though the
    /// enum's catch-all would read it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constants: Vec<(String, String)>,
}

impl UnionVariant {
    /// A variant as lowered, before the whole-arena facts are known.
    pub fn new(name: String, ty: TypeRef, tags: Vec<String>) -> Self {
        Self { name, ty, tags, keeps: Keeps::Nothing, constants: Vec::new() }
    }
}

/// What a variant of an untagged union keeps of a JSON object it reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keeps {
    /// Nothing: the variant does not read objects (a scalar, an array).
    #[default]
    Nothing,
    /// The properties its struct declares, by wire name.
    Properties(Vec<String>),
    /// Every property: a map, untyped JSON, or a struct that keeps undeclared properties.
    Everything,
}

impl Keeps {
    pub fn is_nothing(&self) -> bool {
        *self == Self::Nothing
    }
}

/// Whether an untagged union is read by the variant that keeps the most of an object
/// rather than by the first that reads it: when two variants can read an object, or one
/// is told apart by a one-value property.
pub fn reads_by_most_kept(variants: &[UnionVariant]) -> bool {
    variants.iter().filter(|v| !v.keeps.is_nothing()).count() > 1 || variants.iter().any(|v| !v.constants.is_empty())
}

/// A union whose variant is chosen by the string value of one property (OpenAPI's
/// `discriminator`). The property stays in the variant's data, so each type is complete.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Tagged {
    /// The property's wire name.
    pub property: String,
    /// The variant that keeps an object with a tag the spec does not list, as JSON.
    pub catch_all: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    Named(TypeId),
    String,
    Bool,
    Integer(IntegerKind),
    Float(FloatKind),
    /// A string with `format: date-time`, `date` or `uuid`, typed when
    /// [`crate::Config::typed_formats`] asks for it.
    DateTime,
    Date,
    Uuid,
    /// Any JSON value.
    Json,
    /// A JSON object of any shape.
    JsonObject,
    Vec(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// An optional and nullable field told apart three ways (absent, `null`, a value), when
    /// [`crate::Config::tri_state`] asks for it.
    Tristate(Box<TypeRef>),
    /// Indirection that breaks a recursive type.
    Boxed(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegerKind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FloatKind {
    F32,
    F64,
}

impl TypeRef {
    pub fn option(self) -> Self {
        match self {
            Self::Option(_) => self,
            other => Self::Option(Box::new(other)),
        }
    }

    pub fn vec(self) -> Self {
        Self::Vec(Box::new(self))
    }

    /// The type inside an `Option` or a `Tristate`, or the type itself.
    pub fn option_inner(&self) -> &Self {
        match self {
            Self::Option(inner) | Self::Tristate(inner) => inner,
            other => other,
        }
    }

    /// The type inside any arrays, maps, options and boxes: `DateTime` for
    /// `Option<Vec<DateTime>>`.
    pub fn innermost(&self) -> &Self {
        match self {
            Self::Vec(inner) | Self::Map(inner) | Self::Option(inner) | Self::Tristate(inner) | Self::Boxed(inner) => {
                inner.innermost()
            }
            other => other,
        }
    }

    /// Raw bytes: `Vec<u8>`.
    pub fn bytes() -> Self {
        Self::Integer(IntegerKind::U8).vec()
    }

    /// The named type inside any arrays, maps, options and boxes, if it is one.
    pub fn named(&self) -> Option<TypeId> {
        match self.innermost() {
            Self::Named(id) => Some(*id),
            _ => None,
        }
    }

    /// The named type this one holds (there is one at most), to be changed.
    pub fn named_mut(&mut self) -> Option<&mut TypeId> {
        match self {
            Self::Named(id) => Some(id),
            Self::Vec(inner) | Self::Map(inner) | Self::Option(inner) | Self::Tristate(inner) | Self::Boxed(inner) => {
                inner.named_mut()
            }
            _ => None,
        }
    }

    /// A JSON scalar: a string (of a typed format or not), a boolean or a number.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Self::String | Self::Bool | Self::Integer(_) | Self::Float(_) | Self::DateTime | Self::Date | Self::Uuid
        )
    }

    /// Whether values of this type are cheap to copy and passed by value: every scalar
    /// but a `String`.
    pub fn is_copy(&self) -> bool {
        self.is_scalar() && *self != Self::String
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The method name on `Client`.
    pub name: String,
    /// The spec's operationId, if it had one.
    pub operation_id: Option<String>,
    pub origin: JsonPointer,
    pub method: Method,
    /// The path template as written, for docs.
    pub path_template: String,
    pub path: Vec<PathSegment>,
    pub docs: Option<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Responses,
    /// The alternatives of the operation's `security`, each a list of indices into
    /// [`Api::security_schemes`] that apply together. Empty: no credentials.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<Vec<usize>>,
    /// Local variable names in the generated body, chosen not to clash with parameters.
    pub locals: Locals,
    /// A builder-style way to make the call, for operations with several optional inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub builder: Option<Builder>,
    /// The method on the `mock` feature's `MockServer`, when it cannot be [`Operation::name`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mock_method: Option<String>,
    /// The spec's first tag for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The cargo feature it is compiled with, an index into [`Api::features`]; `None`
    /// when operations are not grouped behind features.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<usize>,
    /// What the spec's `x-openapi-gen-pagination` says of its pages, if anything.
    #[serde(skip_serializing_if = "PagingHint::is_none")]
    pub paging_hint: PagingHint,
    /// How its results come page by page, when they do: it also gets methods that follow
    /// the pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

/// An operation's `x-openapi-gen-pagination`: `false`, or the parameter that moves through
/// the pages and how (`{kind: cursor, param: cursor, next: next_cursor, items: data}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum PagingHint {
    #[default]
    None,
    Off(bool),
    Described(DescribedPaging),
}

impl PagingHint {
    fn is_none(&self) -> bool {
        *self == Self::None
    }
}

/// A pagination pattern a spec describes for one operation, by wire names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DescribedPaging {
    /// `cursor`, `after-last`, `link`, `offset`, `page` or `next-url`.
    pub kind: String,
    /// The query parameter that moves through the pages (none for `next-url`).
    #[serde(default)]
    pub param: String,
    /// `cursor`: the body property with the next cursor. `next-url`: the one with the next
    /// page's URL. `after-last`: the one that says whether there are more (default
    /// `has_more`).
    #[serde(default)]
    pub next: Option<String>,
    /// The body property with the items; default: the body when it is an array, else the
    /// one array property.
    #[serde(default)]
    pub items: Option<String>,
}

/// How an operation pages, and the methods that follow the pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pagination {
    pub kind: PageKind,
    /// Where a page's items are.
    pub items: PageItems,
    /// The type of one item.
    pub item: TypeRef,
    /// The `Client` method that streams the pages (`list_items_pages`).
    pub pages_method: String,
    /// The `Client` method that streams the items (`list_items_stream`).
    pub items_method: String,
    /// The local that holds the next page's position, free among the arguments.
    pub next_local: String,
}

/// Where a page's items are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageItems {
    /// The body is the list.
    Body,
    /// A field of the body, by its Rust name, and whether it is an `Option`.
    Field { name: String, optional: bool },
}

/// How the next page is asked for. `param` is an index into [`Operation::params`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageKind {
    /// A body field (`next_cursor`) gives the next value of a text parameter (`cursor`);
    /// the last page gives none, or an empty one.
    Cursor { param: usize, next: String, next_optional: bool },
    /// Stripe's: while a body field (`has_more`) is true, the last item's `id` is sent as
    /// the parameter (`starting_after`).
    AfterLast { param: usize, has_more: String, has_more_optional: bool, id: String, id_optional: bool },
    /// The `Link` header's `rel="next"` URL gives the next value of the parameter (GitHub's
    /// `page`); the last page has no such link.
    LinkHeader { param: usize },
    /// The parameter counts items (`offset`): it grows by each page's count, until a page
    /// is empty.
    Offset { param: usize },
    /// The parameter counts pages from 1 (`page`): it grows by one, until a page is empty.
    PageNumber { param: usize },
    /// A body field (`@odata.nextLink`, `next`) gives the next page's whole URL, fetched
    /// as it is (relative to the base URL if relative), until a page gives none.
    NextUrl { next: String, next_optional: bool },
}

/// `client.list_items_builder().limit(10).send()`: the required inputs are the starting
/// method's arguments, each optional one has a setter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Builder {
    /// The `Client` method that starts the call (`list_items_builder`).
    pub method: String,
    /// The struct in the `builders` module (`ListItems`).
    pub type_name: String,
    /// The optional inputs and their setters' names.
    pub setters: Vec<Setter>,
    /// The struct's field for the `Client`: `client`, unless an input is named so.
    pub client_field: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setter {
    pub input: Input,
    pub name: String,
}

/// One input of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// An index into [`Operation::params`].
    Param(usize),
    Body,
}

impl Operation {
    /// The types of the operation's parameters and body.
    pub fn input_types(&self) -> impl Iterator<Item = &TypeRef> {
        self.params.iter().map(|p| &p.ty).chain(self.body.iter().map(|b| &b.ty))
    }

    /// The types of the operation's documented response bodies, success and error.
    pub fn response_types(&self) -> impl Iterator<Item = &TypeRef> {
        let success: Vec<&ResponseBody> = match &self.responses.success {
            Success::Single { body, .. } => body.iter().collect(),
            Success::Enum { outcomes, .. } => outcomes.iter().filter_map(|o| o.body.as_ref()).collect(),
        };
        let errors = self.responses.errors.iter().filter_map(|o| o.body.as_ref());
        success.into_iter().chain(errors).map(|b| &b.ty)
    }

    /// Every type the operation's parameters, body and responses mention.
    pub fn types(&self) -> impl Iterator<Item = &TypeRef> {
        self.input_types().chain(self.response_types())
    }

    /// The inputs in the order the method takes them, each with whether it is optional
    /// (an `Option` argument).
    pub fn inputs(&self) -> impl Iterator<Item = (Input, bool)> + '_ {
        let params =
            self.params.iter().enumerate().map(|(index, p)| (Input::Param(index), !p.required || p.shared.is_some()));
        params.chain(self.body.iter().map(|b| (Input::Body, !b.required)))
    }

    /// An input's name as an argument, and as a field of its builder.
    pub fn input_name(&self, input: Input) -> &str {
        match (input, &self.body) {
            (Input::Param(index), _) => &self.params[index].name,
            (Input::Body, Some(body)) => &body.name,
            (Input::Body, None) => "body",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// The order methods of one path are listed in: as OpenAPI's path item lists them.
    pub fn order(self) -> u8 {
        self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

/// One `/`-separated piece of the path: literal text and parameters (by index into
/// [`Operation::params`]), so `/files/{name}.json` has the parts `name` and `.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSegment {
    pub parts: Vec<PathPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathPart {
    Literal(String),
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// The argument name.
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    /// The value type, without the `Option` an optional parameter gets.
    pub ty: TypeRef,
    pub required: bool,
    /// For arrays: whether each element is sent as its own `name=value` pair
    /// (`explode`), or all are joined with the delimiter.
    pub explode: bool,
    pub delimiter: char,
    /// OpenAPI's `style`; `form` (query, cookie) and `simple` (path, header) are not shown.
    #[serde(skip_serializing_if = "ParamStyle::is_plain")]
    pub style: ParamStyle,
    /// Sent through the runtime's style functions: an object, or a `label`, `matrix` or
    /// `deepObject` style. Scalars and arrays in the plain styles are written inline.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub styled: bool,
    /// The header the client can hold a value for, as an index into [`Api::shared_headers`]:
    /// the argument is optional, and `None` falls back to the client's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<usize>,
    /// A header, query or cookie parameter whose name says it is a credential (by the words
    /// that also make a header shared): never shown by `Debug`, and marked sensitive when
    /// sent as a header.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
}

impl ParamStyle {
    fn is_plain(&self) -> bool {
        matches!(self, Self::Form | Self::Simple)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    pub name: String,
    pub content_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
    /// Form body fields whose `encoding` entry sends them otherwise than the default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub form_fields: Vec<FormFieldEncoding>,
}

/// How one field of an `application/x-www-form-urlencoded` body is written, when its
/// `encoding` entry asks for something other than the default (scalar arrays repeat the
/// field, objects and nested arrays go in brackets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormFieldEncoding {
    pub wire_name: String,
    /// `None` when the field is sent as JSON text (`contentType: application/json`).
    pub style: Option<ParamStyle>,
    pub explode: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    Json,
    Text,
    Bytes,
    /// `application/x-www-form-urlencoded`, nested objects and arrays in brackets.
    Form,
    /// `multipart/form-data`, from a [`TypeKind::Form`].
    Multipart,
    /// `multipart/form-data` whose schema names no parts: a `reqwest::multipart::Form` the
    /// caller builds.
    RawMultipart,
    /// `text/event-stream` (responses only): server-sent events, each one's data decoded as
    /// the type (text when the schema is a string).
    EventStream,
    /// `application/x-ndjson` or `application/jsonl` (responses only): one JSON value per line.
    JsonLines,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Responses {
    pub success: Success,
    /// The operation's error enum in `responses`, one variant per documented error status.
    pub error_type: String,
    pub errors: Vec<Outcome>,
    /// The `Accept` header: every media type the documented responses are decoded from.
    pub accept: Option<String>,
    /// A success response documents a `Link` header (`rel="next"` pagination).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub link_header: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Success {
    /// Every success status carries the same body (or none): the method returns it.
    Single { outcomes: Vec<Outcome>, body: Option<ResponseBody> },
    /// Success statuses carry different bodies: the method returns this enum in `responses`.
    Enum { name: String, outcomes: Vec<Outcome> },
}

/// One documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub status: StatusMatch,
    /// The variant name in the operation's success or error enum.
    pub variant: String,
    pub description: Option<String>,
    pub body: Option<ResponseBody>,
}

impl Outcome {
    /// The outcome with an event stream body taken as the text it is, for responses that
    /// are read whole (errors, and success enums).
    pub fn read_whole(mut self) -> Self {
        if let Some(body) = &mut self.body
            && matches!(body.encoding, BodyEncoding::EventStream | BodyEncoding::JsonLines)
        {
            body.encoding = BodyEncoding::Text;
            body.ty = TypeRef::String;
        }
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusMatch {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ResponseBody {
    pub content_type: String,
    pub encoding: BodyEncoding,
    /// The decoded type; for streams, the type of one item.
    pub ty: TypeRef,
}

impl ResponseBody {
    /// Whether the body is handed over as it arrives instead of read whole: binary
    /// downloads and event streams. Only a lone success body is; see [`Success`].
    pub fn is_stream(&self) -> bool {
        matches!(self.encoding, BodyEncoding::Bytes | BodyEncoding::EventStream | BodyEncoding::JsonLines)
    }
}

impl Success {
    /// The documented success responses.
    pub fn outcomes(&self) -> &[Outcome] {
        let (Self::Single { outcomes, .. } | Self::Enum { outcomes, .. }) = self;
        outcomes
    }

    /// The success body handed over as a stream, if any.
    pub fn stream(&self) -> Option<&ResponseBody> {
        match self {
            Self::Single { body: Some(body), .. } if body.is_stream() => Some(body),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Locals {
    pub query: String,
    pub request: String,
    pub response: String,
}

#[cfg(test)]
mod runtime_names {
    use super::builders::MOCK_SERVER_METHODS;
    use super::operations::CLIENT_METHODS;

    #[test]
    fn reserved_method_names_are_the_runtimes_own() {
        let runtime = [
            (include_str!("../../runtime/runtime.rs"), "Client", CLIENT_METHODS),
            (include_str!("../../runtime/mock.rs"), "MockServer", MOCK_SERVER_METHODS),
        ];
        for (source, type_name, reserved) in runtime {
            let file = syn::parse_file(source).expect("the runtime parses");
            // The methods the hand-written `source` defines on `type_name`, trait impls aside.
            let mut defined: Vec<String> = file
                .items
                .iter()
                .filter_map(|item| match item {
                    syn::Item::Impl(block) if block.trait_.is_none() => Some(block),
                    _ => None,
                })
                .filter(|block| matches!(&*block.self_ty, syn::Type::Path(ty) if ty.path.is_ident(type_name)))
                .flat_map(|block| &block.items)
                .filter_map(|item| match item {
                    syn::ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
                    _ => None,
                })
                .collect();
            let mut reserved = reserved.to_vec();
            defined.sort();
            reserved.sort();
            assert_eq!(defined, reserved, "the reserved names must list the runtime's `impl {type_name}` methods");
        }
    }
}
