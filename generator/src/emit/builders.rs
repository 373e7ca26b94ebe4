//! The `builders` module: for operations with several optional inputs, a struct that
//! collects them by name and makes the same call as the positional method.

use proc_macro2::TokenStream;
use quote::quote;

use super::cfg;
use super::client::{CLIPPY_ARGUMENT_LIMIT, Lifetime, input_type, is_raw_body, success_type};
use super::docs::Docs;
use super::types::{TypeNames, ident, signature_mentions_models};
use crate::ir::{Api, Builder, Input, Operation, TypeRef};

/// The module's items; empty when no operation has a builder.
pub fn emit_builders(docs: &Docs, api: &Api) -> Vec<TokenStream> {
    let names = TypeNames::outside_models(api);
    let with_builders: Vec<(&Operation, &Builder)> =
        api.operations.iter().filter_map(|op| Some((op, op.builder.as_ref()?))).collect();
    if with_builders.is_empty() {
        return Vec::new();
    }
    let mut items = vec![imports(api, &with_builders)];
    items.extend(with_builders.iter().map(|(op, builder)| {
        let cfg = cfg::attr(api, &cfg::of_operation(op));
        emit_builder(docs, api, op, builder, names, &cfg)
    }));
    items
}

fn imports(api: &Api, with_builders: &[(&Operation, &Builder)]) -> TokenStream {
    let ops = || with_builders.iter().map(|(op, _)| *op);
    let uses_models = |op: &&Operation| signature_mentions_models(op);
    let streams = |op: &&Operation| op.responses.success.stream().is_some();
    let secret = |op: &&Operation| op.params.iter().any(|p| p.secret);
    let all = cfg::any_of(ops());
    let fmt = cfg::imports(api, &quote!(std::fmt), &[("self", cfg::any_of(ops().filter(secret)))]);
    let models = cfg::imports(api, &quote!(super::models), &[("self", cfg::any_of(ops().filter(uses_models)))]);
    let responses = cfg::imports(api, &quote!(super::responses), &[("self", all.clone())]);
    let runtime = cfg::imports(
        api,
        &quote!(super::runtime),
        &[
            ("self", cfg::any_of(ops().filter(|op| streams(op) || secret(op)))),
            ("Client", all.clone()),
            ("Error", all.clone()),
            ("ResponseValue", all),
        ],
    );
    quote! {
        #fmt
        #models
        #responses
        #runtime
    }
}

/// The `Client` method that starts a builder.
pub fn emit_start(
    docs: &Docs,
    op: &Operation,
    builder: &Builder,
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let method = ident(&builder.method);
    let type_name = ident(&builder.type_name);
    let operation = &op.name;
    let docs = docs.line_attrs(&[
        format!("Starts a call of [`Client::{operation}`] that takes its optional inputs by name;"),
        format!("finish it with [`builders::{}::send`].", builder.type_name),
    ]);
    let required: Vec<(Input, TokenStream)> = op
        .inputs()
        .filter(|(_, optional)| !optional)
        .map(|(input, _)| (input, input_type(op, input, names, Lifetime::A)))
        .collect();
    let args = required.iter().map(|(input, ty)| {
        let name = ident(op.input_name(*input));
        if is_raw_body(op, *input) { quote!(#name: impl Into<#ty>) } else { quote!(#name: #ty) }
    });
    let required_fields = required.iter().map(|(input, _)| {
        let name = ident(op.input_name(*input));
        if is_raw_body(op, *input) { quote!(#name: #name.into()) } else { quote!(#name) }
    });
    let optional_fields = builder.setters.iter().map(|setter| {
        let name = ident(op.input_name(setter.input));
        quote!(#name: None)
    });
    let client_field = ident(&builder.client_field);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = (1 + required.len() > CLIPPY_ARGUMENT_LIMIT).then(
        || quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required parameter in the spec")]),
    );
    quote! {
        #docs
        #cfg
        #deprecated
        #allow
        pub fn #method<'a>(&'a self, #(#args),*) -> builders::#type_name<'a> {
            builders::#type_name { #client_field: self, #(#required_fields,)* #(#optional_fields,)* }
        }
    }
}

/// The builder struct and its `impl` block, each behind `cfg`.
fn emit_builder(
    docs: &Docs,
    api: &Api,
    op: &Operation,
    builder: &Builder,
    names: TypeNames<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let type_name = ident(&builder.type_name);
    let operation = &op.name;
    let start = &builder.method;
    let builder_docs = docs.line_attrs(&[
        format!("A call of [`Client::{operation}`]: set its optional inputs, then `send` it."),
        String::new(),
        format!("Started by [`Client::{start}`]."),
    ]);
    let fields = op.inputs().map(|(input, optional)| {
        let name = ident(op.input_name(input));
        let ty = match (optional, Held::of(api, op, input)) {
            (true, Held::Strings) => quote!(Vec<String>),
            (true, Held::Items(item)) => {
                let item = names.tokens(item);
                quote!(Vec<#item>)
            }
            (true, Held::Enum(ty)) => names.tokens(ty),
            _ => input_type(op, input, names, Lifetime::A),
        };
        if optional { quote!(pub(crate) #name: Option<#ty>,) } else { quote!(pub(crate) #name: #ty,) }
    });
    let setters = builder.setters.iter().map(|setter| {
        let field = ident(op.input_name(setter.input));
        let name = ident(&setter.name);
        let ty = input_type(op, setter.input, names, Lifetime::A);
        let docs = docs.attrs(setter_docs(op, setter.input));
        let (param, value) = match Held::of(api, op, setter.input) {
            Held::Strings => (
                quote!(values: impl IntoIterator<Item = impl AsRef<str>>),
                quote!(values.into_iter().map(|value| value.as_ref().to_owned()).collect()),
            ),
            Held::Items(item) => {
                let own = if api.is_copy(item) { quote!(*value.borrow()) } else { quote!(value.borrow().clone()) };
                let item = names.tokens(item);
                let param = quote!(values: impl IntoIterator<Item = impl ::std::borrow::Borrow<#item>>);
                (param, quote!(values.into_iter().map(|value| #own).collect()))
            }
            Held::Enum(ty) => {
                let ty = names.tokens(ty);
                (quote!(value: #ty), quote!(value))
            }
            Held::AsTaken if is_raw_body(op, setter.input) => (quote!(value: impl Into<#ty>), quote!(value.into())),
            Held::AsTaken => (quote!(value: #ty), quote!(value)),
        };
        quote! {
            #docs
            pub fn #name(mut self, #param) -> Self {
                self.#field = Some(#value);
                self
            }
        }
    });
    let arguments = op.inputs().map(|(input, optional)| {
        let name = ident(op.input_name(input));
        match (optional, Held::of(api, op, input)) {
            (true, Held::Strings | Held::Items(_)) => quote!(self.#name.as_deref()),
            (true, Held::Enum(_)) => quote!(self.#name.as_ref()),
            _ => quote!(self.#name),
        }
    });
    let method = ident(&op.name);
    let client_field = ident(&builder.client_field);
    let success = success_type(&op.responses.success, names);
    let error = ident(&op.responses.error_type);
    let deprecated =
        op.deprecated.then(|| quote!(#[allow(deprecated, reason = "the builder of a deprecated operation")]));
    let (derive, debug) = match debug_impl(op, builder, &type_name, cfg) {
        Some(debug) => (None, Some(debug)),
        None => (Some(quote!(#[derive(Debug)])), None),
    };
    quote! {
        #builder_docs
        #cfg
        #derive
        #[must_use = "nothing is sent until `send` is awaited"]
        pub struct #type_name<'a> {
            pub(crate) #client_field: &'a Client,
            #(#fields)*
        }

        #debug

        #cfg
        impl<'a> #type_name<'a> {
            #(#setters)*

            /// Sends the request and reads the response, as the positional method does.
            #deprecated
            pub async fn send(self) -> Result<ResponseValue<#success>, Error<responses::#error>> {
                self.#client_field.#method(#(#arguments),*).await
            }
        }
    }
}

/// How a builder holds an optional parameter its setter is given: lists and string enums
/// are owned, so a setter takes what a caller naturally has (`.tags(["work"])`,
/// `.tags(&names)`, `.order(Order::Desc)`) and `send` lends them to the call; anything
/// else is held as the positional method takes it.
enum Held<'t> {
    /// A list of strings: any iterable of anything that reads as a `str`.
    Strings,
    /// A list of other items: any iterable of them or of references to them.
    Items(&'t TypeRef),
    /// A string enum, by value.
    Enum(&'t TypeRef),
    AsTaken,
}

impl<'t> Held<'t> {
    fn of(api: &Api, op: &'t Operation, input: Input) -> Self {
        let Input::Param(index) = input else { return Self::AsTaken };
        match &op.params[index].ty {
            TypeRef::Vec(item) if **item == TypeRef::String => Self::Strings,
            TypeRef::Vec(item) => Self::Items(item),
            ty if api.is_string_enum(ty) => Self::Enum(ty),
            _ => Self::AsTaken,
        }
    }
}

/// A `Debug` that shows a secret parameter only as set or not, for builders that hold one;
/// the others derive it.
fn debug_impl(
    op: &Operation,
    builder: &Builder,
    type_name: &proc_macro2::Ident,
    cfg: &TokenStream,
) -> Option<TokenStream> {
    let is_secret = |input: Input| matches!(input, Input::Param(index) if op.params[index].secret);
    if !op.inputs().any(|(input, _)| is_secret(input)) {
        return None;
    }
    let type_text = &builder.type_name;
    let client_field = ident(&builder.client_field);
    let client_name = &builder.client_field;
    let fields = op.inputs().map(|(input, optional)| {
        let field = ident(op.input_name(input));
        let name = op.input_name(input);
        let value = match (is_secret(input), optional) {
            (false, _) => quote!(&self.#field),
            (true, true) => quote!(&self.#field.as_ref().map(|_| runtime::Redacted)),
            (true, false) => quote!(&runtime::Redacted),
        };
        quote!(.field(#name, #value))
    });
    Some(quote! {
        #cfg
        impl fmt::Debug for #type_name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(#type_text)
                    .field(#client_name, &self.#client_field)
                    #(#fields)*
                    .finish()
            }
        }
    })
}

fn setter_docs(op: &Operation, input: Input) -> Option<&str> {
    match input {
        Input::Param(index) => op.params[index].docs.as_deref(),
        Input::Body => op.body.as_ref().and_then(|b| b.docs.as_deref()),
    }
}
