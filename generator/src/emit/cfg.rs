//! `#[cfg(feature = …)]` attributes for APIs whose operations are behind per-tag features.
//! Every item an operation needs carries the features that turn it on, and so does every
//! import, so the crate compiles without warnings under any combination of features.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Features, Operation};

/// The features an operation is compiled with.
pub fn of_operation(op: &Operation) -> Features {
    op.feature.map_or_else(Features::always, |feature| Features(vec![feature]))
}

/// The features under which any of `ops` is compiled; `None` when `ops` is empty, so the
/// item is not needed at all.
pub fn any_of<'a>(ops: impl IntoIterator<Item = &'a Operation>) -> Option<Features> {
    ops.into_iter().map(of_operation).reduce(|a, b| a.or(&b))
}

/// The attribute for `features`: nothing when always compiled.
pub fn attr(api: &Api, features: &Features) -> TokenStream {
    let names: Vec<&str> = features.0.iter().map(|&index| api.features[index].name.as_str()).collect();
    match names.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// `use` items for `path`, one per distinct set of features: `(name, features)` pairs,
/// `self` for the module itself, and `None` for names not needed. Without per-tag features
/// this is one `use`.
pub fn imports(api: &Api, path: &TokenStream, names: &[(&str, Option<Features>)]) -> TokenStream {
    let mut groups: Vec<(&Features, Vec<proc_macro2::Ident>)> = Vec::new();
    for (name, features) in names {
        let Some(features) = features else { continue };
        let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        match groups.iter_mut().find(|(f, _)| *f == features) {
            Some((_, idents)) => idents.push(ident),
            None => groups.push((features, vec![ident])),
        }
    }
    let items = groups.into_iter().map(|(features, idents)| {
        let attr = attr(api, features);
        match idents.as_slice() {
            [one] if one == "self" => quote!(#attr use #path;),
            [one] => quote!(#attr use #path::#one;),
            many => quote!(#attr use #path::{#(#many),*};),
        }
    });
    quote!(#(#items)*)
}
