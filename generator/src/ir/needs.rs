//! What a generated crate needs besides its own items, decided once from the finished IR:
//! which optional parts of the runtime it ships, which modules it has, and so which
//! features of reqwest and tokio and which other crates it depends on.

use serde::Serialize;

use super::{BodyEncoding, FormPart, Operation, TypeDef, TypeKind, TypeRef, analysis, reads_by_most_kept};

/// Each flag is set when something in the API needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Needs {
    /// A model that is a struct.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub objects: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub string_enums: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tristate: bool,
    /// A parameter sent through the style functions.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub styled: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub form: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multipart: bool,
    /// A multipart field that is a file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub files: bool,
    /// A success body handed over as a stream.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub streams: bool,
    /// An operation that pages.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pages: bool,
    /// An untagged union read by the variant that keeps the most, or an `anyOf` struct.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unions: bool,
    /// Responses repaired where required values are missing (`--lenient`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lenient: bool,
    /// A raw request body, which callers may want to stream (`reqwest::Body::wrap_stream`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub upload: bool,
    /// chrono, for `date-time` and `date` ([`crate::Config::typed_formats`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub chrono: bool,
    /// uuid, for `uuid` ([`crate::Config::typed_formats`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uuid: bool,
    /// The `builders` module: an operation with a builder-style call.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub builders: bool,
    /// The `mock` module: any operation at all.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mock: bool,
}

impl Needs {
    pub(super) fn of(types: &[TypeDef], operations: &[Operation], lenient: bool) -> Self {
        let bodies = || operations.iter().filter_map(|op| op.body.as_ref());
        let mut needs = Self {
            styled: operations.iter().flat_map(|op| &op.params).any(|p| p.styled),
            form: bodies().any(|b| b.encoding == BodyEncoding::Form),
            multipart: bodies().any(|b| matches!(b.encoding, BodyEncoding::Multipart | BodyEncoding::RawMultipart)),
            upload: bodies().any(|b| b.encoding == BodyEncoding::Bytes),
            streams: operations.iter().any(|op| op.responses.success.stream().is_some()),
            pages: operations.iter().any(|op| op.pagination.is_some()),
            lenient,
            builders: operations.iter().any(|op| op.builder.is_some()),
            mock: !operations.is_empty(),
            ..Self::default()
        };
        for def in types {
            match &def.kind {
                TypeKind::Struct { fields, .. } => {
                    needs.objects = true;
                    needs.tristate |= fields.iter().any(|f| matches!(f.ty, TypeRef::Tristate(_)));
                }
                TypeKind::StringEnum { .. } => needs.string_enums = true,
                TypeKind::Form { fields } => needs.files |= fields.iter().any(|f| f.part == FormPart::File),
                TypeKind::Union { variants, tagged: None, .. } => needs.unions |= reads_by_most_kept(variants),
                TypeKind::AnyOf { .. } => needs.unions = true,
                _ => {}
            }
        }
        // The typed formats: in the types, and in the operations' parameters, bodies and responses.
        let slots = types.iter().flat_map(|t| analysis::slots(&t.kind));
        for ty in slots.chain(operations.iter().flat_map(Operation::types)) {
            match ty.innermost() {
                TypeRef::DateTime | TypeRef::Date => needs.chrono = true,
                TypeRef::Uuid => needs.uuid = true,
                _ => {}
            }
        }
        needs
    }
}
