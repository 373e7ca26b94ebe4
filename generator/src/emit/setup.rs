//! What is set once on the `Client`: a credential per security scheme, and a value for
//! each header parameter every operation shares. Each becomes a `with_…` method; each
//! scheme also becomes a constant the operations name in their security requirements.

use proc_macro2::TokenStream;
use quote::quote;

use super::cfg;
use super::docs::{Docs, sanitize};
use super::types::ident;
use crate::ir::{Api, ParamLocation, SchemeKind, SecurityScheme};

/// The constants of the schemes some operation uses (an unused constant would warn),
/// outside the `impl Client` block.
pub fn scheme_constants(api: &Api) -> TokenStream {
    let users = |index: usize| {
        cfg::any_of(api.operations.iter().filter(|op| op.security.iter().flatten().any(|i| *i == index)))
    };
    let constants = api.security_schemes.iter().enumerate().filter_map(|(index, scheme)| {
        let cfg = cfg::attr(api, &users(index)?);
        let constant = ident(&scheme.constant);
        let key = &scheme.key;
        let placement = match &scheme.kind {
            SchemeKind::ApiKey { location: ParamLocation::Query, name } => quote!(Query(#name)),
            SchemeKind::ApiKey { location: ParamLocation::Cookie, name } => quote!(Cookie(#name)),
            SchemeKind::ApiKey { name, .. } => quote!(Header(#name)),
            SchemeKind::Basic | SchemeKind::Bearer => quote!(Authorization),
        };
        let doc = format!(" The `{}` security scheme.", key.replace('`', "'"));
        Some(quote! {
            #[doc = #doc]
            #cfg
            const #constant: runtime::Scheme = runtime::Scheme { key: #key, placement: runtime::Placement::#placement };
        })
    });
    quote!(#(#constants)*)
}

/// The `with_…` methods, inside the `impl Client` block.
pub fn setters(docs: &Docs, api: &Api) -> TokenStream {
    let credentials = api.security_schemes.iter().map(|scheme| credential_setters(docs, scheme));
    let headers = api.shared_headers.iter().map(|header| {
        let setter = ident(&header.setter);
        let wire = &header.wire_name;
        let mut lines = sanitize(&format!(
            "Sets the `{}` header for every call that takes it and is not given one.",
            wire.replace('`', "'")
        ));
        if let Some(text) = &header.docs {
            lines.push(String::new());
            lines.extend(sanitize(text));
        }
        let docs = docs.line_attrs(&lines);
        quote! {
            #docs
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.set_header_default(#wire, value.into())
            }
        }
    });
    quote!(#(#credentials)* #(#headers)*)
}

fn credential_setters(docs: &Docs, scheme: &SecurityScheme) -> TokenStream {
    let key = &scheme.key;
    let setter = ident(&scheme.setter);
    let shown = key.replace('`', "'");
    let with_docs = |first: String| {
        let mut lines = sanitize(&first);
        if let Some(docs) = &scheme.docs {
            lines.push(String::new());
            lines.extend(sanitize(docs));
        }
        docs.line_attrs(&lines)
    };
    match &scheme.kind {
        SchemeKind::ApiKey { location, name } => {
            let place = match location {
                ParamLocation::Query => "query parameter",
                ParamLocation::Cookie => "cookie",
                ParamLocation::Header | ParamLocation::Path => "header",
            };
            let docs = with_docs(format!(
                "Sets the API key of the `{shown}` security scheme, sent as the `{}` {place}.",
                name.replace('`', "'")
            ));
            quote! {
                #docs
                pub fn #setter(self, key: impl Into<String>) -> Self {
                    self.set_credential(#key, runtime::Credential::Secret(key.into()))
                }
            }
        }
        SchemeKind::Basic => {
            let docs =
                with_docs(format!("Sets the user name and password of the `{shown}` security scheme (HTTP basic)."));
            quote! {
                #docs
                pub fn #setter(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                    self.set_credential(
                        #key,
                        runtime::Credential::Basic { username: username.into(), password: password.into() },
                    )
                }
            }
        }
        SchemeKind::Bearer => {
            let docs = with_docs(format!("Sets a fixed bearer token for the `{shown}` security scheme."));
            let provider = scheme.provider_setter.as_ref().map(|name| {
                let name = ident(name);
                let docs = with_docs(format!(
                    "Sets where bearer tokens for the `{shown}` security scheme come from: the provider is asked before every call, so it can refresh them."
                ));
                quote! {
                    #docs
                    pub fn #name(self, provider: impl runtime::TokenProvider) -> Self {
                        self.set_credential(#key, runtime::Credential::Provider(::std::sync::Arc::new(provider)))
                    }
                }
            });
            quote! {
                #docs
                pub fn #setter(self, token: impl Into<String>) -> Self {
                    self.set_credential(#key, runtime::Credential::Secret(token.into()))
                }
                #provider
            }
        }
    }
}

/// The argument `runtime::send` takes: the operation's alternatives, by scheme constant.
pub fn security_argument(api: &Api, alternatives: &[Vec<usize>]) -> TokenStream {
    let alternatives = alternatives.iter().map(|schemes| {
        let constants = schemes.iter().map(|index| ident(&api.security_schemes[*index].constant));
        quote!(&[#(#constants),*])
    });
    quote!(&[#(#alternatives),*])
}
