//! The `models` module: one Rust type per named IR type.

use proc_macro2::TokenStream;
use quote::quote;

use super::cfg;
use super::docs::{Docs, is_invisible};
use super::types::{TypeNames, ident};
use crate::ir::{
    AnyOfMember, Api, ExtraField, Field, FormField, Keeps, StringVariant, Tagged, TypeDef, TypeKind, TypeRef,
    UnionVariant, reads_by_most_kept,
};

/// The items of one of `parts` pieces of the models module, to be emitted and formatted
/// side by side and joined in order.
pub fn emit_models_part(docs: &Docs, api: &Api, part: usize, parts: usize) -> Vec<TokenStream> {
    let names = TypeNames::in_models(api);
    super::share(&api.types, part, parts)
        .iter()
        .map(|def| {
            let cfg = cfg::attr(api, &def.features);
            emit_type(docs, def, names, &cfg)
        })
        .collect()
}

fn derives(def: &TypeDef, serde: Serde) -> TokenStream {
    let eq = def.derive_eq.then(|| quote!(Eq,));
    let default = def.derive_default.then(|| quote!(Default,));
    match serde {
        Serde::ByMacro => quote!(#[derive(Debug, Clone, PartialEq, #eq #default)]),
        Serde::Derived if def.serialize_on_request => quote! {
            #[derive(Debug, Clone, PartialEq, #eq #default ::serde::Deserialize)]
            #[cfg_attr(feature = "serialize-responses", derive(::serde::Serialize))]
        },
        Serde::Derived => {
            quote!(#[derive(Debug, Clone, PartialEq, #eq #default ::serde::Serialize, ::serde::Deserialize)])
        }
    }
}

/// Where a type's `Serialize` and `Deserialize` come from.
enum Serde {
    Derived,
    /// Structs: [`emit_serde_struct`].
    ByMacro,
}

/// `cfg` goes on every item, impls included.
fn emit_type(docs: &Docs, def: &TypeDef, names: TypeNames<'_>, cfg: &TokenStream) -> TokenStream {
    let type_docs = docs.attrs(def.docs.as_deref());
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct { fields, extra } => {
            let (field_list, extra_field) = (fields.as_slice(), extra.as_ref());
            let derives = derives(def, Serde::ByMacro);
            let serde = emit_serde_struct(def, fields, extra.as_ref(), cfg);
            let fields = fields.iter().map(|field| emit_field(docs, field, names));
            let extra = extra.as_ref().map(|extra| {
                let name = ident(&extra.name);
                let ty = names.tokens(&extra.ty);
                quote! {
                    /// The properties the spec does not declare, by name.
                    pub #name: #ty,
                }
            });
            let constructor = emit_constructor(docs, def, field_list, extra_field, names, cfg);
            quote! {
                #type_docs
                #cfg
                #derives
                pub struct #name {
                    #(#fields)*
                    #extra
                }

                #constructor

                #serde
            }
        }
        TypeKind::StringEnum { variants, catch_all } => {
            emit_string_enum(def, &type_docs, variants, catch_all, names, cfg)
        }
        TypeKind::Union { variants, tagged: Some(tagged), .. } => {
            emit_tagged_union(def, &type_docs, variants, tagged, names, cfg)
        }
        TypeKind::Union { variants, tagged: None, .. } if reads_by_most_kept(variants) => {
            emit_most_kept_union(def, &type_docs, variants, names, cfg)
        }
        TypeKind::Union { variants, tagged: None, .. } => {
            let derives = derives(def, Serde::Derived);
            let variants = variants.iter().map(|UnionVariant { name, ty, .. }| {
                let name = ident(name);
                let ty = names.tokens(ty);
                quote!(#name(#ty),)
            });
            quote! {
                #type_docs
                #cfg
                #derives
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
        TypeKind::AnyOf { members } => emit_any_of(def, &type_docs, members, names, cfg),
        TypeKind::Alias { target } => {
            let target = names.tokens(target);
            quote! {
                #type_docs
                #cfg
                pub type #name = #target;
            }
        }
        TypeKind::Newtype { target } => {
            let derives = derives(def, Serde::Derived);
            let target = names.tokens(target);
            quote! {
                #type_docs
                #cfg
                #derives
                #[serde(transparent)]
                pub struct #name(pub #target);
            }
        }
        TypeKind::Form { fields } => {
            let fields = fields.iter().map(|field| emit_form_field(docs, field, names));
            let default = def.derive_default.then(|| quote!(, Default));
            // Not a serde type, and not `Clone`: a file part may be a stream.
            quote! {
                #type_docs
                #cfg
                #[derive(Debug #default)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
    }
}

/// `Type::new`, for a struct with one to seven required fields: those as arguments, in the
/// schema's property order (text as `impl Into<String>`), the optional ones empty. A struct
/// whose fields are all optional derives `Default` instead.
fn emit_constructor(
    docs: &Docs,
    def: &TypeDef,
    fields: &[Field],
    extra: Option<&ExtraField>,
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> Option<TokenStream> {
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    // Past clippy's argument limit, a call of `new` reads worse than the struct literal it
    // would replace (GitHub's `Repository` has 80 required properties), so there is none.
    if required.is_empty() || required.len() > super::client::CLIPPY_ARGUMENT_LIMIT {
        return None;
    }
    let string = names.string();
    let arguments = required.iter().map(|field| {
        let name = ident(&field.name);
        if field.ty == TypeRef::String {
            quote!(#name: impl Into<#string>)
        } else {
            let ty = names.tokens(&field.ty);
            quote!(#name: #ty)
        }
    });
    let (none, default) = (names.none(), names.default_value());
    let values = fields.iter().map(|field| {
        let name = ident(&field.name);
        match (field.required, &field.ty) {
            (true, TypeRef::String) => quote!(#name: #name.into()),
            (true, _) => quote!(#name),
            (false, TypeRef::Option(_)) => quote!(#name: #none),
            (false, _) => quote!(#name: #default),
        }
    });
    let extra = extra.map(|extra| {
        let name = ident(&extra.name);
        quote!(#name: #default,)
    });
    let name = ident(&def.name);
    let text = if required.len() == fields.len() && extra.is_none() {
        "Builds the value from its properties."
    } else {
        "Builds the value from its required properties; the optional ones start empty."
    };
    let docs = docs.attrs(Some(text));
    Some(quote! {
        #cfg
        impl #name {
            #docs
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#values,)* #extra }
            }
        }
    })
}

/// A form field: arrays are a `Vec` (empty sends nothing), optional fields an `Option`.
fn emit_form_field(docs: &Docs, field: &FormField, names: TypeNames<'_>) -> TokenStream {
    let docs = docs.attrs(field.docs.as_deref());
    let name = ident(&field.name);
    // Files have no `TypeRef`: the runtime's `FilePart` takes bytes, paths and streams.
    let value = match field.part.value_type() {
        Some(ty) => names.tokens(ty),
        None => quote!(super::runtime::FilePart),
    };
    let ty = match (field.repeated, field.required) {
        (true, _) => names.vec(&value),
        (false, true) => value,
        (false, false) => names.option(&value),
    };
    quote! {
        #docs
        pub #name: #ty,
    }
}

/// A plain field: its property name and whether it may be left out are in the struct's
/// [`emit_serde_struct`] list.
fn emit_field(docs: &Docs, field: &Field, names: TypeNames<'_>) -> TokenStream {
    let docs = docs.attrs(field.docs.as_deref());
    let name = ident(&field.name);
    let ty = names.tokens(&field.ty);
    quote! {
        #docs
        pub #name: #ty,
    }
}

/// A struct's `Serialize` and `Deserialize`, written out by the runtime's `serde_struct!`
/// (or `response_struct!`, for a type only responses carry) from one list of its fields in
/// order: name, property, and the runtime module that reads and writes that kind of field.
fn emit_serde_struct(def: &TypeDef, fields: &[Field], extra: Option<&ExtraField>, cfg: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let entries = fields.iter().map(|field| {
        let local = ident(&field.name);
        let property = &field.wire_name;
        let kind = ident(field_kind(field));
        quote!(#local: #property #kind,)
    });
    // After the fields: the map that takes every other property.
    let extra = extra.map(|extra| {
        let name = ident(&extra.name);
        quote!(..#name)
    });
    let mac = ident(if def.serialize_on_request { "response_struct" } else { "serde_struct" });
    quote! {
        #cfg
        super::runtime::#mac! {
            #name;
            #(#entries)*
            #extra
        }
    }
}

/// The runtime module for a field. A required `Option` is `nullable`: always sent, even as
/// `null`, and like serde's derive decoding lets it be absent. `optional` fields (an `Option`
/// or a `Tristate`) are left out when `None` or `Absent`.
fn field_kind(field: &Field) -> &'static str {
    match field.ty {
        TypeRef::Tristate(_) => "optional",
        TypeRef::Option(_) if field.required => "nullable",
        TypeRef::Option(_) => "optional",
        _ => "required",
    }
}

/// An untagged union read by the variant that keeps the most of an object (see the
/// runtime's `read_untagged`); written as serde's `untagged` writes it.
fn emit_most_kept_union(
    def: &TypeDef,
    docs: &TokenStream,
    variants: &[UnionVariant],
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let derives = serialize_untagged(def);
    let declared = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = names.tokens(&v.ty);
        quote!(#variant(#ty),)
    });
    let tried = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let label = &v.name;
        let keeps = match &v.keeps {
            Keeps::Nothing => quote!(Nothing),
            Keeps::Properties(properties) => quote!(Properties(&[#(#properties),*])),
            Keeps::Everything => quote!(Everything),
        };
        let constants = v.constants.iter().map(|(property, text)| quote!((#property, #text)));
        quote! {
            super::runtime::Variant {
                name: #label,
                keeps: super::runtime::Keeps::#keeps,
                constants: &[#(#constants),*],
                read: |value| ::serde::Deserialize::deserialize(value).map(Self::#variant),
            },
        }
    });
    let expecting = &def.name;
    let deserialize = read_from_value(
        &name,
        cfg,
        quote! {
            super::runtime::read_untagged(&value, #expecting, &[#(#tried)*])
        },
    );
    quote! {
        #docs
        #cfg
        #derives
        pub enum #name {
            #(#declared)*
        }

        #deserialize
    }
}

/// A struct of `Option`s, one per member: reading tries every member and keeps each that
/// reads the value (failing when none does); writing merges the members' objects.
fn emit_any_of(
    def: &TypeDef,
    docs: &TokenStream,
    members: &[AnyOfMember],
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let derives = derives(def, Serde::ByMacro);
    let fields: Vec<_> = members.iter().map(|m| ident(&m.name)).collect();
    let declared = members.iter().zip(&fields).map(|(member, field)| {
        let ty = names.tokens(&member.ty);
        quote! {
            /// The value read as this member, when it reads as one.
            pub #field: ::std::option::Option<#ty>,
        }
    });
    let labels = members.iter().map(|m| m.name.as_str());
    let expecting = &def.name;
    let serialize_cfg = def.serialize_on_request.then(|| quote!(#[cfg(feature = "serialize-responses")]));
    let deserialize = read_from_value(
        &name,
        cfg,
        quote! {
            let mut problems = ::std::vec::Vec::new();
            let read = Self {
                #(#fields: super::runtime::read_member(&value, #labels, &mut problems),)*
            };
            if #(read.#fields.is_none())&&* {
                return ::std::result::Result::Err(super::runtime::no_member_reads(#expecting, &problems));
            }
            ::std::result::Result::Ok(read)
        },
    );
    quote! {
        #docs
        #cfg
        #derives
        pub struct #name {
            #(#declared)*
        }

        #deserialize

        #cfg
        #serialize_cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                super::runtime::write_members(serializer, [
                    #(self.#fields.as_ref().map(::serde_json::to_value).transpose(),)*
                ])
            }
        }
    }
}

/// `Deserialize` for `name` by `read`, which reads the JSON `value` the input is read as
/// first, and returns the result.
fn read_from_value(name: &proc_macro2::Ident, cfg: &TokenStream, read: TokenStream) -> TokenStream {
    quote! {
        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #read
            }
        }
    }
}

/// The derives of a union whose `Deserialize` is written out: `Serialize` as serde's
/// `untagged` writes it, behind `serialize-responses` for a type only responses carry.
fn serialize_untagged(def: &TypeDef) -> TokenStream {
    let eq = def.derive_eq.then(|| quote!(Eq,));
    if def.serialize_on_request {
        quote! {
            #[derive(Debug, Clone, PartialEq, #eq)]
            #[cfg_attr(feature = "serialize-responses", derive(::serde::Serialize), serde(untagged))]
        }
    } else {
        quote! {
            #[derive(Debug, Clone, PartialEq, #eq ::serde::Serialize)]
            #[serde(untagged)]
        }
    }
}

/// A union picked by its discriminator. Serialising writes the variant as it is (its own
/// data holds the tag); deserialising reads the object once, looks at the tag and decodes
/// the variant it names, so each variant type stays complete and usable on its own. An
/// unlisted tag is kept whole in the catch-all variant, so a server that adds a kind does
/// not break deployed clients.
fn emit_tagged_union(
    def: &TypeDef,
    docs: &TokenStream,
    variants: &[UnionVariant],
    tagged: &Tagged,
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let derives = serialize_untagged(def);
    let declared = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = names.tokens(&v.ty);
        let tags = v.tags.iter().map(|t| format!("`{}`", t.replace('`', "'"))).collect::<Vec<_>>().join(", ");
        let doc = format!(" `{}`: {tags}.", tagged.property.replace('`', "'"));
        quote!(#[doc = #doc] #variant(#ty),)
    });
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let tags = &v.tags;
        quote!(::std::option::Option::Some(#(#tags)|*) => ::serde_json::from_value(value).map(Self::#variant),)
    });
    let catch_all = ident(&tagged.catch_all);
    let catch_all_doc = format!(" An object whose `{}` this version of the API does not list.", tagged.property);
    let property = &tagged.property;
    let deserialize = read_from_value(
        &name,
        cfg,
        quote! {
            let tag = value.get(#property).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
            let variant = match tag.as_deref() {
                #(#arms)*
                _ => return ::std::result::Result::Ok(Self::#catch_all(value)),
            };
            variant.map_err(::serde::de::Error::custom)
        },
    );
    quote! {
        #docs
        #cfg
        #derives
        pub enum #name {
            #(#declared)*
            #[doc = #catch_all_doc]
            #catch_all(::serde_json::Value),
        }

        #deserialize
    }
}

/// A string enum keeps values the spec does not list in its catch-all variant, so a server
/// that adds a value does not break deployed clients. Its conversions come from the
/// runtime's `string_enum!`, from the list of variants and their strings.
fn emit_string_enum(
    def: &TypeDef,
    docs: &TokenStream,
    variants: &[StringVariant],
    catch_all: &str,
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let eq = def.derive_eq.then(|| quote!(Eq,));
    let catch_all = ident(catch_all);
    let string = names.string();
    let declared = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_name;
        // A value a reader could not see as it is (blank, or with invisible characters,
        // which rustc may refuse in a comment) is shown escaped.
        let hidden = |c: char| c.is_control() || is_invisible(c) || c == '\u{2028}' || c == '\u{2029}';
        let doc = if wire.trim().is_empty() || wire.contains(hidden) {
            format!(" The string {wire:?}.")
        } else {
            format!(" `{}`", wire.replace('`', "'"))
        };
        quote!(#[doc = #doc] #variant,)
    });
    let listed = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_name;
        quote!(#variant: #wire,)
    });
    let catch_all_doc = " A value this version of the API did not list; it is kept as sent.";
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, #eq Hash)]
        pub enum #name {
            #(#declared)*
            #[doc = #catch_all_doc]
            #catch_all(#string),
        }

        #cfg
        super::runtime::string_enum! {
            #name;
            #(#listed)*
            _: #catch_all,
        }
    }
}
