//! The `mock` feature's per-operation methods on `MockServer`: each knows its method, a
//! pattern for its path, its success status and how its success body is encoded.

use proc_macro2::TokenStream;
use quote::quote;

use super::cfg;
use super::docs::Docs;
use super::types::{TypeNames, ident, number};
use crate::ir::{Api, BodyEncoding, Operation, PathPart, ResponseBody, StatusMatch, Success};

/// The imports to go with the hand-written ones.
pub fn emit_imports(api: &Api) -> TokenStream {
    let uses_models =
        |op: &&Operation| success_body(op).is_some_and(|b| b.encoding == BodyEncoding::Json && b.ty.named().is_some());
    cfg::imports(api, &quote!(super::models), &[("self", cfg::any_of(api.operations.iter().filter(uses_models)))])
}

/// `MockServer`'s method per operation.
pub fn emit_methods(docs: &Docs, api: &Api) -> TokenStream {
    let names = TypeNames::outside_models(api);
    let methods = api.operations.iter().map(|op| emit_method(docs, op, names, &cfg::attr(api, &cfg::of_operation(op))));
    quote! {
        impl MockServer {
            #(#methods)*
        }
    }
}

/// `cfg` goes after the docs, where a reader looks for attributes.
fn emit_method(docs: &Docs, op: &Operation, names: TypeNames<'_>, cfg: &TokenStream) -> TokenStream {
    let name = ident(op.mock_method.as_deref().unwrap_or(&op.name));
    let operation = &op.name;
    let docs = docs.line_attrs(&[format!(
        "How [`Client::{operation}`](super::Client::{operation}) is answered: `{} {}`.",
        op.method.as_str(),
        op.path_template.replace('`', "'")
    )]);
    let method = op.method.as_str();
    let pattern = path_pattern(op);
    let status = number(success_status(op));
    let (body, content_type, encode) = match success_body(op) {
        None => (quote!(()), String::new(), quote!(nothing)),
        Some(body) => match body.encoding {
            BodyEncoding::Json => (names.tokens(&body.ty), body.content_type.clone(), quote!(json)),
            BodyEncoding::Text => (quote!(str), body.content_type.clone(), quote!(text)),
            _ => (quote!([u8]), body.content_type.clone(), quote!(bytes)),
        },
    };
    quote! {
        #docs
        #cfg
        pub fn #name(&self) -> MockOperation<'_, #body> {
            self.operation(#method, #pattern, #status, #content_type, #encode)
        }
    }
}

/// The body of the status a mock answers with by default: the first documented success.
fn success_body(op: &Operation) -> Option<&ResponseBody> {
    match &op.responses.success {
        Success::Single { body, .. } => body.as_ref(),
        Success::Enum { outcomes, .. } => outcomes.first().and_then(|o| o.body.as_ref()),
    }
}

fn success_status(op: &Operation) -> u16 {
    match op.responses.success.outcomes().first().map(|o| o.status) {
        Some(StatusMatch::Code(code)) => code,
        _ => 200,
    }
}

/// A regular expression for the operation's path as the client sends it. Parameters match
/// any one segment; so does literal text the client would percent-encode, rather than
/// predicting the encoding.
fn path_pattern(op: &Operation) -> String {
    let mut pattern = String::from("^");
    for segment in &op.path {
        pattern.push('/');
        match segment.parts.as_slice() {
            [PathPart::Literal(text)] if text.bytes().all(is_unreserved) => pattern.push_str(&escape(text)),
            [PathPart::Literal(_)] => pattern.push_str("[^/]+"),
            parts => {
                for part in parts {
                    match part {
                        PathPart::Literal(text) if text.bytes().all(is_unreserved) => pattern.push_str(&escape(text)),
                        _ => pattern.push_str("[^/]*"),
                    }
                }
            }
        }
    }
    if op.path.is_empty() {
        pattern.push('/');
    }
    pattern.push('$');
    pattern
}

/// RFC 3986 unreserved characters: sent as they are.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~".contains(&byte)
}

/// Unreserved text as a regex literal: of its characters only `.` is special.
fn escape(text: &str) -> String {
    text.replace('.', "\\.")
}
