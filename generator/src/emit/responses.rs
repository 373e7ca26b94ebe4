//! The `responses` module: per operation, an enum of its documented error responses and,
//! when success statuses carry different bodies, an enum of those.

use proc_macro2::TokenStream;
use quote::quote;

use super::cfg;
use super::docs::Docs;
use super::types::{TypeNames, ident};
use crate::ir::{Api, BodyEncoding, Operation, Outcome, StatusMatch, Success};

pub fn emit_responses(docs: &Docs, api: &Api) -> Vec<TokenStream> {
    let names = TypeNames::outside_models(api);
    let mut items = imports(api);
    for operation in &api.operations {
        let cfg = cfg::attr(api, &cfg::of_operation(operation));
        if let Success::Enum { name, outcomes } = &operation.responses.success {
            let summary = format!("The successful responses of `Client::{}`.", operation.name);
            items.push(emit_enum(docs, name, &summary, outcomes, names, false, &cfg));
        }
        let summary = error_docs(operation);
        let errors = &operation.responses.errors;
        items.push(emit_enum(docs, &operation.responses.error_type, &summary, errors, names, true, &cfg));
    }
    items
}

fn imports(api: &Api) -> Vec<TokenStream> {
    fn outcomes(op: &Operation) -> impl Iterator<Item = &Outcome> {
        let success = match &op.responses.success {
            Success::Enum { outcomes, .. } => outcomes.as_slice(),
            Success::Single { .. } => &[],
        };
        success.iter().chain(&op.responses.errors)
    }
    let mentions_models =
        |op: &&Operation| outcomes(op).any(|o| o.body.as_ref().is_some_and(|b| b.ty.named().is_some()));
    // The runtime bounds the JSON and text bodies messages show, and holds bodies without a
    // schema; only bytes are shown by their length alone.
    let uses_runtime = |op: &&Operation| {
        op.responses.errors.iter().any(|o| {
            o.body.as_ref().is_none_or(|b| {
                matches!(
                    b.encoding,
                    BodyEncoding::Json | BodyEncoding::Text | BodyEncoding::EventStream | BodyEncoding::JsonLines
                )
            })
        })
    };
    let ops = || api.operations.iter();
    vec![
        cfg::imports(api, &quote!(std::fmt), &[("self", cfg::any_of(ops()))]),
        cfg::imports(api, &quote!(super::models), &[("self", cfg::any_of(ops().filter(mentions_models)))]),
        cfg::imports(api, &quote!(super::runtime), &[("self", cfg::any_of(ops().filter(uses_runtime)))]),
    ]
}

fn error_docs(operation: &Operation) -> String {
    let none = if operation.responses.errors.is_empty() { ": the spec documents none" } else { "" };
    format!("The documented error responses of `Client::{}`{none}.", operation.name)
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("`{code}`"),
        StatusMatch::Range(range) => format!("`{range}XX`"),
        StatusMatch::Default => "any other status".to_owned(),
    }
}

fn emit_enum(
    docs: &Docs,
    name: &str,
    summary: &str,
    outcomes: &[Outcome],
    names: TypeNames<'_>,
    with_display: bool,
    cfg: &TokenStream,
) -> TokenStream {
    let enum_name = ident(name);
    let variants = outcomes.iter().map(|outcome| {
        let variant = ident(&outcome.variant);
        let text = match &outcome.description {
            Some(description) => format!("{}: {description}", status_label(outcome.status)),
            None => status_label(outcome.status),
        };
        let docs = docs.attrs(Some(&text));
        match &outcome.body {
            Some(body) => {
                let ty = names.tokens(&body.ty);
                quote!(#docs #variant(#ty),)
            }
            // An error without a schema still says something: its body is kept as it came.
            None if with_display => quote!(#docs #variant(runtime::RawBody),),
            None => quote!(#docs #variant,),
        }
    });
    let display = with_display.then(|| {
        let display = emit_display(&enum_name, outcomes);
        quote!(#cfg #display)
    });
    let docs = docs.attrs(Some(summary));
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_name {
            #(#variants)*
        }
        #display
    }
}

/// `label: {placeholder}`, a format string for a message followed by its body. "Not
/// found.: body" and "this response:: body" read badly, so the colon replaces a final full
/// stop or colon.
fn with_body_format(label: &str, placeholder: &str) -> String {
    let label = label.trim_end_matches(['.', ':']).trim_end();
    format!("{}: {placeholder}", label.replace('{', "{{").replace('}', "}}"))
}

/// `Display` says what the spec says the status means, and shows the body.
fn emit_display(name: &proc_macro2::Ident, outcomes: &[Outcome]) -> TokenStream {
    if outcomes.is_empty() {
        return quote! {
            impl fmt::Display for #name {
                fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                    match *self {}
                }
            }
        };
    }
    let arms = outcomes.iter().map(|outcome| {
        let variant = ident(&outcome.variant);
        let label = outcome.description.clone().unwrap_or_else(|| "an error response".to_owned());
        match &outcome.body {
            None => {
                // The body by name, inside the format string, as clippy prefers.
                let format = with_body_format(&label, "{body}");
                quote! {
                    Self::#variant(body) if body.is_empty() => f.write_str(#label),
                    Self::#variant(body) => write!(f, #format),
                }
            }
            Some(body) => {
                let format = with_body_format(&label, "{}");
                match body.encoding {
                    BodyEncoding::Json => quote!(Self::#variant(body) => write!(f, #format, runtime::json_text(body)),),
                    // Error bodies are read whole: streams arrive here as text.
                    BodyEncoding::Text | BodyEncoding::EventStream | BodyEncoding::JsonLines => {
                        quote!(Self::#variant(body) => write!(f, #format, runtime::excerpt(body)),)
                    }
                    BodyEncoding::Bytes | BodyEncoding::Form | BodyEncoding::Multipart | BodyEncoding::RawMultipart => {
                        let format = with_body_format(&label, "{} bytes");
                        quote!(Self::#variant(body) => write!(f, #format, body.len()),)
                    }
                }
            }
        }
    });
    quote! {
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
