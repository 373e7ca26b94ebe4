//! The methods of a paging operation (see `ir::pagination`): `<operation>_pages`, the
//! operation's responses one page after another, and `<operation>_stream`, their items.
//! Both take the operation's arguments, the paging parameter's giving the first page.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{CLIPPY_ARGUMENT_LIMIT, Lifetime, input_type, success_type};
use super::docs::Docs;
use super::types::{TypeNames, ident};
use crate::ir::{Api, Input, Operation, PageItems, PageKind, Pagination, TypeRef};

/// Both methods, behind `cfg`; nothing for an operation that does not page.
pub fn emit_pagination(docs: &Docs, api: &Api, op: &Operation, names: TypeNames<'_>, cfg: &TokenStream) -> TokenStream {
    let Some(paging) = &op.pagination else { return TokenStream::new() };
    let declarations: Vec<TokenStream> = op
        .inputs()
        .map(|(input, optional)| {
            let name = ident(op.input_name(input));
            let ty = input_type(op, input, names, Lifetime::A);
            if optional { quote!(#name: Option<#ty>) } else { quote!(#name: #ty) }
        })
        .collect();
    let arguments: Vec<proc_macro2::Ident> = op.inputs().map(|(input, _)| ident(op.input_name(input))).collect();
    let response = ident(&op.locals.response);
    let next_local = ident(&paging.next_local);
    let method = ident(&op.name);
    let (first, fetch, how) = match param_of(&paging.kind) {
        Some(index) => {
            let param = &op.params[index];
            let (first, fetch) = by_parameter(op, paging, index, names);
            (first, fetch, how_it_pages(paging, &param.wire_name))
        }
        None => {
            let request = ident(&op.locals.request);
            let accept = op.responses.accept.as_ref().map(|accept| quote!(.header(::reqwest::header::ACCEPT, #accept)));
            let security = super::setup::security_argument(api, &op.security);
            let arms = super::client::status_arms(op);
            let next = next_position(paging, &response, &next_local, false, "");
            // The first page is the operation's own call; the next ones are their URLs, with
            // the responses the operation documents, and its credentials only on its origin.
            let fetch = quote! {
                let #response = match #next_local {
                    None => self.#method(#(#arguments),*).await?,
                    Some(#next_local) => {
                        let (#next_local, security) = runtime::next_page(self, &#next_local, #security);
                        let #request = self.http_client().get(#next_local)#accept;
                        let #response = runtime::send(self, #request, security).await?;
                        (#arms)?
                    }
                };
                let #next_local = #next;
                Ok((#response, #next_local.map(Some)))
            };
            (
                quote!(None),
                quote!(move |#next_local: Option<String>| Box::pin(async move { #fetch })),
                how_it_pages(paging, ""),
            )
        }
    };
    let success = success_type(&op.responses.success, names);
    let error = ident(&op.responses.error_type);
    let page = quote!(ResponseValue<#success>);
    let failure = quote!(Error<responses::#error>);
    let pages_method = ident(&paging.pages_method);
    let items_method = ident(&paging.items_method);
    let item = names.tokens(&paging.item);
    let operation = &op.name;
    let pages_docs = docs.line_attrs(&[
        format!("Every page of [`Client::{operation}`], from the one its arguments ask for to the last:"),
        how,
        String::new(),
        "Each page is fetched when it is asked for; an error ends the pages.".to_owned(),
    ]);
    let items_docs = docs.line_attrs(&[format!(
        "Every item of every page of [`Client::{operation}`], as [`Client::{}`] fetches them.",
        paging.pages_method
    )]);
    let into_items = match &paging.items {
        PageItems::Body => quote!(page.into_inner()),
        PageItems::Field { name, optional } => {
            let name = ident(name);
            if *optional {
                quote!(page.into_inner().#name.unwrap_or_default())
            } else {
                quote!(page.into_inner().#name)
            }
        }
    };
    // They follow a deprecated operation, and call it, so they are deprecated too.
    let deprecated = op.deprecated.then(|| {
        quote! {
            #[deprecated]
            #[allow(deprecated, reason = "the pages of a deprecated operation")]
        }
    });
    let allow = (1 + declarations.len() > CLIPPY_ARGUMENT_LIMIT)
        .then(|| quote!(#[allow(clippy::too_many_arguments, reason = "one argument per parameter in the spec")]));
    quote! {
        #pages_docs
        #cfg
        #deprecated
        #allow
        pub fn #pages_method<'a>(&'a self, #(#declarations),*) -> runtime::Pages<'a, #page, #failure> {
            runtime::Pages::new(#first, #fetch)
        }

        #items_docs
        #cfg
        #deprecated
        #allow
        pub fn #items_method<'a>(&'a self, #(#declarations),*) -> runtime::Items<'a, #item, #failure> {
            runtime::Items::new(self.#pages_method(#(#arguments),*), |page: #page| #into_items)
        }
    }
}

/// The first position and the fetching closure when a parameter moves through the pages.
fn by_parameter(op: &Operation, paging: &Pagination, index: usize, names: TypeNames<'_>) -> (TokenStream, TokenStream) {
    let param = &op.params[index];
    let optional = op.inputs().any(|(input, optional)| input == Input::Param(index) && optional);
    let position = ident(&param.name);
    let text = param.ty == TypeRef::String;
    // The position is owned, so each page's call can borrow it.
    let value = if text { quote!(String) } else { names.tokens(&param.ty) };
    let state = if optional { quote!(Option<#value>) } else { value };
    let first = match (text, optional) {
        (true, true) => quote!(#position.map(ToOwned::to_owned)),
        (true, false) => quote!(#position.to_owned()),
        (false, _) => quote!(#position),
    };
    let calls = op.inputs().map(|(input, _)| {
        let name = ident(op.input_name(input));
        match (input == Input::Param(index), text, optional) {
            (true, true, true) => quote!(#name.as_deref()),
            (true, true, false) => quote!(&#name),
            _ => quote!(#name),
        }
    });
    let method = ident(&op.name);
    let response = ident(&op.locals.response);
    let next_local = ident(&paging.next_local);
    let next = next_position(paging, &response, &position, optional, &param.wire_name);
    // An optional parameter's position is an `Option` too: `Some` of the next one.
    let wrap = if optional { quote!(#next_local.map(Some)) } else { quote!(#next_local) };
    let fetch = quote! {
        move |#position: #state| {
            Box::pin(async move {
                let #response = self.#method(#(#calls),*).await?;
                let #next_local = #next;
                Ok((#response, #wrap))
            })
        }
    };
    (first, fetch)
}

/// The parameter that moves through the pages; none when each page names the next by URL.
fn param_of(kind: &PageKind) -> Option<usize> {
    match kind {
        PageKind::Cursor { param, .. }
        | PageKind::AfterLast { param, .. }
        | PageKind::LinkHeader { param }
        | PageKind::Offset { param }
        | PageKind::PageNumber { param } => Some(*param),
        PageKind::NextUrl { .. } => None,
    }
}

/// The docs' line on how the next page is asked for.
fn how_it_pages(paging: &Pagination, param: &str) -> String {
    match &paging.kind {
        PageKind::Cursor { next, .. } => format!("each page's `{next}` is sent as `{param}`, until a page has none."),
        PageKind::AfterLast { has_more, id, .. } => {
            format!("while a page's `{has_more}` is true, its last item's `{id}` is sent as `{param}`.")
        }
        PageKind::LinkHeader { .. } => {
            format!("the `{param}` of each page's `Link: rel=\"next\"` URL is sent, until a page has no such link.")
        }
        PageKind::Offset { .. } => format!("`{param}` grows by each page's number of items, until a page is empty."),
        PageKind::PageNumber { .. } => format!("`{param}` grows by one, from 1, until a page is empty."),
        PageKind::NextUrl { next, .. } => {
            format!("each page's `{next}` is the URL of the next, until a page has none.")
        }
    }
}

/// The expression for the next page's position (`None` after the last page), given the
/// page `response` and the position it was fetched at.
fn next_position(
    paging: &Pagination,
    response: &proc_macro2::Ident,
    position: &proc_macro2::Ident,
    param_optional: bool,
    param_wire: &str,
) -> TokenStream {
    let items = match &paging.items {
        PageItems::Body => quote!(#response.as_slice()),
        PageItems::Field { name, optional } => {
            let name = ident(name);
            if *optional {
                quote!(#response.#name.as_deref().unwrap_or_default())
            } else {
                quote!(#response.#name.as_slice())
            }
        }
    };
    // The position the page was fetched at, or the API's own first one.
    let current = |first: u8| {
        let first = proc_macro2::Literal::u8_unsuffixed(first);
        if param_optional { quote!(#position.unwrap_or(#first)) } else { quote!(#position) }
    };
    match &paging.kind {
        PageKind::Cursor { next, next_optional, .. } | PageKind::NextUrl { next, next_optional } => {
            let next = ident(next);
            let value =
                if *next_optional { quote!(#response.#next.clone()) } else { quote!(Some(#response.#next.clone())) };
            quote!(#value.filter(|cursor| !cursor.is_empty()))
        }
        PageKind::AfterLast { has_more, has_more_optional, id, id_optional, .. } => {
            let (has_more, id) = (ident(has_more), ident(id));
            let more = if *has_more_optional {
                quote!(#response.#has_more.unwrap_or(false))
            } else {
                quote!(#response.#has_more)
            };
            let last_id = if *id_optional {
                quote!(#items.last().and_then(|item| item.#id.clone()))
            } else {
                quote!(#items.last().map(|item| item.#id.clone()))
            };
            quote!(if #more { #last_id } else { None })
        }
        PageKind::LinkHeader { .. } => {
            quote!(runtime::next_link_parameter(#response.headers(), #param_wire).and_then(|value| value.parse().ok()))
        }
        PageKind::Offset { .. } => {
            let current = current(0);
            quote!(match #items.len() {
                0 => None,
                count => count.try_into().ok().and_then(|count| #current.checked_add(count)),
            })
        }
        PageKind::PageNumber { .. } => {
            let current = current(1);
            quote!(if #items.is_empty() { None } else { #current.checked_add(1) })
        }
    }
}
