//! Which operations page, and how: the common patterns found by name, or the pattern an
//! operation's `x-openapi-gen-pagination` describes. A paging operation gets two more
//! `Client` methods, one streaming its pages and one its items.
//!
//! Only `GET` operations whose success response is one JSON body page, and whose body (if
//! any) is JSON, a form or text, since every page's call borrows the same arguments. The
//! items are the body when it is an array, else its one array property (or the one named
//! `data`, `items`, `results`…). The patterns, tried in this order:
//! - after the last (Stripe): a `has_more` property, and a `starting_after` text parameter
//!   that takes the last item's `id`;
//! - cursor: a text property named like a next cursor (`next_cursor`, `nextPageToken`,
//!   `next_token`, `continuation_token`…) and a text parameter named like one (`cursor`,
//!   `page_token`, `after`, `continuation_token`…);
//! - Link header (GitHub): a success response documents `Link`, and an integer `page`
//!   parameter takes the value the `rel="next"` URL gives it;
//! - offset: an integer `offset` (or `skip`, `start`) parameter, grown by each page's count;
//! - page number: an integer `page` parameter, grown by one;
//! - next URL: a text property named like a next link (`nextLink`, `@odata.nextLink`,
//!   `next_url`, `next`), fetched as it is.
//!
//! Offset and page number stop at the first empty page. Azure's `x-ms-pageable` names the
//! next link and the items itself.

use heck::ToSnakeCase;

use super::{
    BodyEncoding, DescribedPaging, Method, Operation, PageItems, PageKind, Pagination, PagingHint, ParamLocation,
    Success, TypeDef, TypeKind, TypeRef, unaliased,
};
use crate::naming::Namer;

/// Properties that hold a next cursor, and parameters that take one, as squashed names
/// (lower case, without `_` and `-`).
const NEXT_CURSORS: &[&str] = &[
    "nextcursor",
    "nextpagetoken",
    "nexttoken",
    "nextpagecursor",
    "continuationtoken",
    "nextcontinuationtoken",
    "nextmarker",
    "nextpage",
];
/// Properties that hold the next page's whole URL, squashed.
const NEXT_URLS: &[&str] = &["nextlink", "odatanextlink", "nexturl", "nextpageurl", "nextpagelink", "next"];
const CURSOR_PARAMS: &[&str] =
    &["cursor", "pagetoken", "nexttoken", "after", "continuationtoken", "marker", "startcursor", "pagecursor", "token"];
/// Properties that commonly hold a page's items, when the body has several arrays.
const ITEM_FIELDS: &[&str] = &["data", "items", "results", "values", "value", "records", "entries", "list"];

/// Decides each operation's pagination and names its methods in `methods`.
pub fn plan(operations: &mut [Operation], types: &[TypeDef], methods: &mut Namer) {
    for op in operations.iter_mut() {
        let Some((kind, items, item)) = detect(op, types) else { continue };
        let stem = op.name.clone();
        let pages_method = methods.unique(&format!("{stem}_pages"));
        let items_method = methods.unique(&format!("{stem}_stream"));
        let taken = |name: &str| op.params.iter().any(|p| p.name == name) || op.locals.response == name;
        let next_local =
            (1..).map(|n| if n == 1 { "next".to_owned() } else { format!("next_{n}") }).find(|n| !taken(n));
        let next_local = next_local.unwrap_or_default();
        op.pagination = Some(Pagination { kind, items, item, pages_method, items_method, next_local });
    }
}

fn detect(op: &Operation, types: &[TypeDef]) -> Option<(PageKind, PageItems, TypeRef)> {
    // Each page's call is made with the same arguments, so a body must be borrowed (Stripe's
    // `GET`s declare an empty form body); bytes, streams and multipart forms are taken whole.
    let borrowed_body = op
        .body
        .as_ref()
        .is_none_or(|body| matches!(body.encoding, BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Text));
    if op.method != Method::Get || !borrowed_body || op.paging_hint == PagingHint::Off(false) {
        return None;
    }
    let Success::Single { body: Some(body), .. } = &op.responses.success else { return None };
    if body.encoding != BodyEncoding::Json {
        return None;
    }
    let described = match &op.paging_hint {
        PagingHint::Described(described) => Some(described),
        _ => None,
    };
    let fields = match unaliased(types, &body.ty).1 {
        Some(TypeKind::Struct { fields, .. }) => fields.as_slice(),
        _ => &[],
    };
    let (items, item) = items_of(types, &body.ty, fields, described.and_then(|d| d.items.as_deref()))?;
    let kind = match described {
        Some(described) => described_kind(op, fields, types, &item, described)?,
        None => detected_kind(op, fields, types, &item)?,
    };
    Some((kind, items, item))
}

/// Where the items are: the body when it is an array, else the named array property, the
/// only one, or the one with a usual name.
fn items_of(
    types: &[TypeDef],
    body: &TypeRef,
    fields: &[super::Field],
    named: Option<&str>,
) -> Option<(PageItems, TypeRef)> {
    if let TypeRef::Vec(item) = unaliased(types, body).0 {
        return Some((PageItems::Body, (**item).clone()));
    }
    let arrays: Vec<(&super::Field, &TypeRef)> = fields
        .iter()
        .filter_map(|field| match unaliased(types, field.ty.option_inner()).0 {
            TypeRef::Vec(item) => Some((field, &**item)),
            _ => None,
        })
        .collect();
    let chosen = match named {
        Some(named) => arrays.iter().find(|(field, _)| field.wire_name == named),
        None if arrays.len() == 1 => arrays.first(),
        None => arrays.iter().find(|(field, _)| ITEM_FIELDS.contains(&squash(&field.wire_name).as_str())),
    }?;
    let (field, item) = *chosen;
    let optional = matches!(field.ty, TypeRef::Option(_));
    Some((PageItems::Field { name: field.name.clone(), optional }, item.clone()))
}

fn detected_kind(op: &Operation, fields: &[super::Field], types: &[TypeDef], item: &TypeRef) -> Option<PageKind> {
    let query_param = |names: &[&str], text: bool| {
        op.params.iter().position(|p| {
            p.location == ParamLocation::Query
                && names.contains(&squash(&p.wire_name).as_str())
                && if text { p.ty == TypeRef::String } else { matches!(p.ty, TypeRef::Integer(_)) }
        })
    };
    let field = |names: &[&str], ty: TypeRef| {
        fields.iter().find(|f| names.contains(&squash(&f.wire_name).as_str()) && *f.ty.option_inner() == ty)
    };
    if let (Some(param), Some(has_more), Some(id)) =
        (query_param(&["startingafter"], true), field(&["hasmore"], TypeRef::Bool), item_id(types, item))
    {
        return Some(after_last(param, has_more, id));
    }
    if let (Some(param), Some(next)) = (query_param(CURSOR_PARAMS, true), field(NEXT_CURSORS, TypeRef::String)) {
        let next_optional = matches!(next.ty, TypeRef::Option(_));
        return Some(PageKind::Cursor { param, next: next.name.clone(), next_optional });
    }
    if let Some(param) = query_param(&["page"], false).filter(|_| op.responses.link_header) {
        return Some(PageKind::LinkHeader { param });
    }
    if let Some(param) = query_param(&["offset", "skip", "start"], false) {
        return Some(PageKind::Offset { param });
    }
    if let Some(param) = query_param(&["page", "pagenumber"], false) {
        return Some(PageKind::PageNumber { param });
    }
    field(NEXT_URLS, TypeRef::String).map(next_url)
}

fn next_url(next: &super::Field) -> PageKind {
    PageKind::NextUrl { next: next.name.clone(), next_optional: matches!(next.ty, TypeRef::Option(_)) }
}

fn described_kind(
    op: &Operation,
    fields: &[super::Field],
    types: &[TypeDef],
    item: &TypeRef,
    described: &DescribedPaging,
) -> Option<PageKind> {
    let field = |wire: &str, ty: TypeRef| fields.iter().find(|f| f.wire_name == wire && *f.ty.option_inner() == ty);
    if described.kind == "next-url" {
        return field(described.next.as_deref()?, TypeRef::String).map(next_url);
    }
    let param = op.params.iter().position(|p| p.location == ParamLocation::Query && p.wire_name == described.param)?;
    let text = op.params[param].ty == TypeRef::String;
    let integer = matches!(op.params[param].ty, TypeRef::Integer(_));
    match described.kind.as_str() {
        "cursor" if text => {
            let next = field(described.next.as_deref()?, TypeRef::String)?;
            Some(PageKind::Cursor {
                param,
                next: next.name.clone(),
                next_optional: matches!(next.ty, TypeRef::Option(_)),
            })
        }
        "after-last" if text => {
            let has_more = field(described.next.as_deref().unwrap_or("has_more"), TypeRef::Bool)?;
            Some(after_last(param, has_more, item_id(types, item)?))
        }
        "link" if integer => Some(PageKind::LinkHeader { param }),
        "offset" if integer => Some(PageKind::Offset { param }),
        "page" if integer => Some(PageKind::PageNumber { param }),
        _ => None,
    }
}

fn after_last(param: usize, has_more: &super::Field, id: &super::Field) -> PageKind {
    PageKind::AfterLast {
        param,
        has_more: has_more.name.clone(),
        has_more_optional: matches!(has_more.ty, TypeRef::Option(_)),
        id: id.name.clone(),
        id_optional: matches!(id.ty, TypeRef::Option(_)),
    }
}

/// The item's text `id` field, when the item is a struct with one.
fn item_id<'t>(types: &'t [TypeDef], item: &'t TypeRef) -> Option<&'t super::Field> {
    let Some(TypeKind::Struct { fields, .. }) = unaliased(types, item).1 else { return None };
    fields.iter().find(|f| f.wire_name == "id" && *f.ty.option_inner() == TypeRef::String)
}

/// A name squashed for comparison: snake case without separators (`nextPageToken`,
/// `next_page_token` and `next-page-token` are all `nextpagetoken`).
fn squash(name: &str) -> String {
    name.to_snake_case().replace('_', "")
}
