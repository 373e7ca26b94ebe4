//! Rust type syntax for IR types: prelude names (`String`, `Option`, `Vec`, `Box`) where
//! they mean std's, absolute paths where a spec type of the same name shadows them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, FloatKind, IntegerKind, Operation, Success, TypeRef};
use crate::naming::is_raw;

/// An identifier from a name the IR decided, raw (`r#type`) where it is a keyword.
pub fn ident(name: &str) -> Ident {
    if is_raw(name) { Ident::new_raw(name, Span::call_site()) } else { Ident::new(name, Span::call_site()) }
}

/// The prelude names generated code uses. A model with one of these names shadows it in
/// the `models` module.
const PRELUDE_TYPES: [&str; 6] = ["String", "Option", "Vec", "Box", "None", "Default"];

/// Renders types as seen from one module. `models` names models directly, and the prelude
/// types by absolute path only if a model takes one of their names; the other modules reach
/// models only as `models::Name`, so prelude names are always safe there.
#[derive(Clone, Copy)]
pub struct TypeNames<'a> {
    api: &'a Api,
    in_models: bool,
    /// Whether `String`, `Option`, `Vec`, `Box`, `None` and `Default` mean std's in this module.
    prelude: bool,
}

impl<'a> TypeNames<'a> {
    pub fn in_models(api: &'a Api) -> Self {
        let prelude = !api.types.iter().any(|t| PRELUDE_TYPES.contains(&t.name.as_str()));
        Self { api, in_models: true, prelude }
    }

    pub fn outside_models(api: &'a Api) -> Self {
        Self { api, in_models: false, prelude: true }
    }

    pub fn tokens(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Named(id) => {
                let name = ident(&self.api.types[id.0].name);
                if self.in_models { quote!(#name) } else { quote!(models::#name) }
            }
            TypeRef::String => self.string(),
            TypeRef::Bool => quote!(bool),
            TypeRef::Integer(kind) => integer(*kind),
            TypeRef::Float(FloatKind::F32) => quote!(f32),
            TypeRef::Float(FloatKind::F64) => quote!(f64),
            TypeRef::DateTime => quote!(::chrono::DateTime<::chrono::FixedOffset>),
            TypeRef::Date => quote!(::chrono::NaiveDate),
            TypeRef::Uuid => quote!(::uuid::Uuid),
            TypeRef::Json => quote!(::serde_json::Value),
            TypeRef::JsonObject => {
                let string = self.string();
                quote!(::serde_json::Map<#string, ::serde_json::Value>)
            }
            TypeRef::Vec(inner) => self.vec(&self.tokens(inner)),
            TypeRef::Map(inner) => {
                let (string, inner) = (self.string(), self.tokens(inner));
                quote!(::std::collections::BTreeMap<#string, #inner>)
            }
            TypeRef::Option(inner) => self.option(&self.tokens(inner)),
            TypeRef::Tristate(inner) => {
                let inner = self.tokens(inner);
                if self.in_models {
                    quote!(super::runtime::Tristate<#inner>)
                } else {
                    quote!(runtime::Tristate<#inner>)
                }
            }
            TypeRef::Boxed(inner) => {
                let inner = self.tokens(inner);
                if self.prelude { quote!(Box<#inner>) } else { quote!(::std::boxed::Box<#inner>) }
            }
        }
    }

    pub fn string(&self) -> TokenStream {
        if self.prelude { quote!(String) } else { quote!(::std::string::String) }
    }

    pub fn option(&self, inner: &TokenStream) -> TokenStream {
        if self.prelude { quote!(Option<#inner>) } else { quote!(::std::option::Option<#inner>) }
    }

    /// `None`, the empty value of an `Option`.
    pub fn none(&self) -> TokenStream {
        if self.prelude { quote!(None) } else { quote!(::std::option::Option::None) }
    }

    /// `Default::default()`, the empty value of any other field.
    pub fn default_value(&self) -> TokenStream {
        if self.prelude { quote!(Default::default()) } else { quote!(::std::default::Default::default()) }
    }

    pub fn vec(&self, inner: &TokenStream) -> TokenStream {
        if self.prelude { quote!(Vec<#inner>) } else { quote!(::std::vec::Vec<#inner>) }
    }

    /// How a value of `ty` is taken as an argument: by value when it is `Copy`, `&str` for
    /// strings, a slice for vectors, otherwise by reference.
    pub fn argument(&self, ty: &TypeRef) -> TokenStream {
        self.borrowed(ty, &quote!(&))
    }

    /// Like [`TypeNames::argument`], with references of the lifetime `'a`.
    pub fn argument_for_a(&self, ty: &TypeRef) -> TokenStream {
        self.borrowed(ty, &quote!(&'a))
    }

    fn borrowed(&self, ty: &TypeRef, reference: &TokenStream) -> TokenStream {
        match ty {
            t if self.api.is_copy(t) => self.tokens(t),
            TypeRef::String => quote!(#reference str),
            TypeRef::Vec(inner) => {
                let inner = self.tokens(inner);
                quote!(#reference [#inner])
            }
            other => {
                let other = self.tokens(other);
                quote!(#reference #other)
            }
        }
    }
}

fn integer(kind: IntegerKind) -> TokenStream {
    match kind {
        IntegerKind::I8 => quote!(i8),
        IntegerKind::I16 => quote!(i16),
        IntegerKind::I32 => quote!(i32),
        IntegerKind::I64 => quote!(i64),
        IntegerKind::U8 => quote!(u8),
        IntegerKind::U16 => quote!(u16),
        IntegerKind::U32 => quote!(u32),
        IntegerKind::U64 => quote!(u64),
    }
}

/// Whether an operation's method signature (arguments and success type) names a model, so
/// the module that holds it imports `models`.
pub fn signature_mentions_models(op: &Operation) -> bool {
    op.params.iter().any(|p| p.ty.named().is_some())
        || op.body.as_ref().is_some_and(|b| b.ty.named().is_some())
        || matches!(&op.responses.success, Success::Single { body: Some(b), .. } if b.ty.named().is_some())
}

/// An unsuffixed integer literal: `200`, not `200u16`.
pub fn number(value: u16) -> proc_macro2::Literal {
    proc_macro2::Literal::u16_unsuffixed(value)
}
