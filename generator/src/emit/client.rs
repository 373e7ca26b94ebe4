//! The operations: one `async fn` per operation, in an `impl` block on the runtime's `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::emit_start;
use super::cfg;
use super::docs::{Docs, sanitize};
use super::setup::{scheme_constants, security_argument, setters};
use super::types::{TypeNames, ident, number, signature_mentions_models};
use crate::ir::{
    Api, BodyEncoding, Features, FormField, FormPart, Input, Method, Operation, Outcome, Param, ParamLocation,
    ParamStyle, PathPart, RequestBody, ResponseBody, StatusMatch, Success, TypeKind, TypeRef,
};
use crate::naming::is_raw;

/// Clippy's default `too-many-arguments-threshold`, counting `&self`.
pub(super) const CLIPPY_ARGUMENT_LIMIT: usize = 7;

/// Whether the client module has an `impl Client` block: anything to put in it.
pub fn has_block(api: &Api) -> bool {
    !(api.operations.is_empty()
        && api.default_server.is_none()
        && api.security_schemes.is_empty()
        && api.shared_headers.is_empty())
}

/// The client module's items before its `impl Client` block: imports and constants.
pub fn emit_items(api: &Api) -> Vec<TokenStream> {
    if !has_block(api) {
        return Vec::new();
    }
    let ops = || api.operations.iter();
    let uses_models = |op: &&Operation| signature_mentions_models(op);
    let any_op = cfg::any_of(ops());
    // Setters name `runtime::Credential`; constants and operations name more of it.
    let runtime_users = if api.security_schemes.is_empty() { any_op.clone() } else { Some(Features::always()) };
    let imports = [
        cfg::imports(api, &quote!(super::builders), &[("self", cfg::any_of(ops().filter(|op| op.builder.is_some())))]),
        cfg::imports(api, &quote!(super::models), &[("self", cfg::any_of(ops().filter(uses_models)))]),
        cfg::imports(api, &quote!(super::responses), &[("self", any_op.clone())]),
        cfg::imports(
            api,
            &quote!(super::runtime),
            &[
                ("self", runtime_users),
                ("Client", Some(Features::always())),
                ("Error", any_op.clone()),
                ("ResponseValue", any_op),
            ],
        ),
    ];
    vec![quote!(#(#imports)*), scheme_constants(api)]
}

/// Share `part` of `parts` of the members of `impl Client`: one method per operation
/// (with its builder-style and paging calls), after the default base URL and the setters,
/// which open the first share.
pub fn emit_members(docs: &Docs, api: &Api, part: usize, parts: usize) -> Vec<TokenStream> {
    let names = TypeNames::outside_models(api);
    let mut members = Vec::new();
    if part == 0 {
        if let Some(url) = &api.default_server {
            let doc = " The server the spec names first.";
            members.push(quote! {
                #[doc = #doc]
                pub const DEFAULT_BASE_URL: &str = #url;
            });
        }
        members.push(setters(docs, api));
    }
    members.extend(super::share(&api.operations, part, parts).iter().map(|op| {
        let cfg = cfg::attr(api, &cfg::of_operation(op));
        let call = emit_operation(docs, api, op, names, &cfg);
        let builder = op.builder.as_ref().map(|builder| emit_start(docs, op, builder, names, &cfg));
        let paging = super::pagination::emit_pagination(docs, api, op, names, &cfg);
        quote!(#call #builder #paging)
    }));
    members
}

/// `cfg` goes after the docs, where a reader looks for attributes.
fn emit_operation(docs: &Docs, api: &Api, op: &Operation, names: TypeNames<'_>, cfg: &TokenStream) -> TokenStream {
    let docs = docs.line_attrs(&operation_docs(api, op));
    let name = ident(&op.name);
    let args = op.inputs().map(|(input, optional)| {
        let name = ident(op.input_name(input));
        match input_type(op, input, names, Lifetime::Elided) {
            ty if optional => quote!(#name: Option<#ty>),
            // Bytes, a `String`, a file or a stream (`reqwest::Body::wrap_stream`).
            ty if is_raw_body(op, input) => quote!(#name: impl Into<#ty>),
            ty => quote!(#name: #ty),
        }
    });
    let arg_count = 1 + op.params.len() + usize::from(op.body.is_some());
    let allow = (arg_count > CLIPPY_ARGUMENT_LIMIT)
        .then(|| quote!(#[allow(clippy::too_many_arguments, reason = "one argument per parameter in the spec")]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let success = success_type(&op.responses.success, names);
    let error = ident(&op.responses.error_type);
    let shared = shared_header_statements(api, op);
    let statements = request_statements(api, op);
    let request = ident(&op.locals.request);
    let response = ident(&op.locals.response);
    let security = security_argument(api, &op.security);
    let arms = status_arms(op);
    let exchange = match op.responses.success.stream() {
        // The success body is handed over unread; any other response is read whole.
        Some(stream) => {
            let statuses: Vec<StatusMatch> = op.responses.success.outcomes().iter().map(|o| o.status).collect();
            let head = arm_head(&statuses);
            let value = match stream.encoding {
                BodyEncoding::EventStream if stream.ty == TypeRef::String => {
                    quote!(#response.into_event_stream(runtime::event_text))
                }
                BodyEncoding::EventStream => quote!(#response.into_event_stream(runtime::event_json)),
                BodyEncoding::JsonLines => quote!(#response.into_json_lines(self)),
                _ => quote!(#response.into_byte_stream(self)),
            };
            quote! {
                let #response = runtime::execute(self, #request, #security).await?;
                match #response.status().as_u16() {
                    #head => Ok(#value),
                    _ => {
                        let #response = #response.read(self).await?;
                        #arms
                    }
                }
            }
        }
        None => quote! {
            let #response = runtime::send(self, #request, #security).await?;
            #arms
        },
    };
    quote! {
        #docs
        #cfg
        #deprecated
        #allow
        pub async fn #name(&self, #(#args),*) -> Result<ResponseValue<#success>, Error<responses::#error>> {
            #shared
            #statements
            #exchange
        }
    }
}

/// The spec's summary and description, then the method and path and the documented
/// arguments. Each part is sanitised on its own, so an unclosed code block in the
/// description cannot swallow the lines after it.
fn operation_docs(api: &Api, op: &Operation) -> Vec<String> {
    let mut lines = op.docs.as_deref().map(sanitize).unwrap_or_default();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(sanitize(&format!("`{} {}`", op.method.as_str(), op.path_template.replace('`', "'"))));
    if let Some(feature) = op.feature {
        lines.push(String::new());
        lines.push(format!("Compiled with the `{}` cargo feature.", api.features[feature].name));
    }
    let param_docs = op.params.iter().filter_map(|p| {
        let setter = p.shared.map(|header| &api.shared_headers[header].setter);
        let fallback = setter.map(|setter| format!("`None` uses the client's value, set with `{setter}`."));
        let docs = match (&p.docs, fallback) {
            (Some(docs), Some(fallback)) => {
                let docs = docs.trim_end();
                let stop = if docs.ends_with(['.', '!', '?']) { "" } else { "." };
                format!("{docs}{stop} {fallback}")
            }
            (docs, fallback) => docs.clone().or(fallback)?,
        };
        Some((&p.name, docs))
    });
    let documented: Vec<String> = param_docs
        .chain(op.body.iter().filter_map(|b| b.docs.clone().map(|d| (&b.name, d))))
        .map(|(name, docs)| {
            let one_line = docs.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = sanitize(&one_line).join(" ");
            format!("- `{name}`: {text}")
        })
        .collect();
    if !documented.is_empty() {
        lines.extend([String::new(), "Arguments:".to_owned(), String::new()]);
        lines.extend(documented);
    }
    lines
}

/// How references in an input's type are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lifetime {
    Elided,
    /// `'a`, for types held by a builder.
    A,
}

/// A raw request body: taken as anything that converts into a `reqwest::Body`.
pub(super) fn is_raw_body(op: &Operation, input: Input) -> bool {
    input == Input::Body && op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Bytes)
}

/// An input's type, without the `Option` an optional one gets.
pub(super) fn input_type(op: &Operation, input: Input, names: TypeNames<'_>, lifetime: Lifetime) -> TokenStream {
    let borrowed = |ty: &TypeRef| match lifetime {
        Lifetime::Elided => names.argument(ty),
        Lifetime::A => names.argument_for_a(ty),
    };
    let reference = match lifetime {
        Lifetime::Elided => quote!(&),
        Lifetime::A => quote!(&'a),
    };
    match (input, &op.body) {
        (Input::Param(index), _) => borrowed(&op.params[index].ty),
        (Input::Body, None) => quote!(()),
        (Input::Body, Some(body)) => match body.encoding {
            BodyEncoding::Json | BodyEncoding::Form => borrowed(&body.ty),
            // Taken by value: file parts may be streams.
            BodyEncoding::Multipart => names.tokens(&body.ty),
            BodyEncoding::RawMultipart => quote!(::reqwest::multipart::Form),
            BodyEncoding::Text | BodyEncoding::EventStream => quote!(#reference str),
            BodyEncoding::Bytes | BodyEncoding::JsonLines => quote!(::reqwest::Body),
        },
    }
}

pub(super) fn success_type(success: &Success, names: TypeNames<'_>) -> TokenStream {
    match success {
        Success::Single { body: Some(body), .. } => body_type(body, names),
        Success::Single { body: None, .. } => quote!(()),
        Success::Enum { name, .. } => {
            let name = ident(name);
            quote!(responses::#name)
        }
    }
}

fn body_type(body: &ResponseBody, names: TypeNames<'_>) -> TokenStream {
    let item = names.tokens(&body.ty);
    match body.encoding {
        BodyEncoding::Json => item,
        BodyEncoding::Text => quote!(String),
        BodyEncoding::EventStream => quote!(runtime::EventStream<#item>),
        BodyEncoding::JsonLines => quote!(runtime::JsonLines<#item>),
        BodyEncoding::Bytes if body.is_stream() => quote!(runtime::ByteStream),
        BodyEncoding::Bytes | BodyEncoding::Form | BodyEncoding::Multipart | BodyEncoding::RawMultipart => {
            quote!(Vec<u8>)
        }
    }
}

/// Shared header arguments fall back to the client's value; a required one given neither
/// way fails the call before anything is sent.
fn shared_header_statements(api: &Api, op: &Operation) -> TokenStream {
    let statements = op.params.iter().filter_map(|param| Some((param, param.shared?))).map(|(param, header)| {
        let name = ident(&param.name);
        let wire = &api.shared_headers[header].wire_name;
        if param.required {
            quote! {
                let Some(#name) = #name.or_else(|| self.header_default(#wire)) else {
                    return Err(Error::MissingParameter(#wire));
                };
            }
        } else {
            quote!(let #name = #name.or_else(|| self.header_default(#wire));)
        }
    });
    quote!(#(#statements)*)
}

/// The text form of a parameter value bound to `value`.
fn to_text(value: &TokenStream, param: &Param) -> TokenStream {
    match &param.ty {
        TypeRef::String => quote!(#value.to_owned()),
        TypeRef::Vec(_) => {
            let delimiter = param.delimiter;
            quote!(runtime::join(#value, #delimiter))
        }
        _ => quote!(#value.to_string()),
    }
}

fn request_statements(api: &Api, op: &Operation) -> TokenStream {
    let query_local = ident(&op.locals.query);
    let request = ident(&op.locals.request);
    let mut statements = Vec::new();

    // Query pairs: required ones initialise the list, optional and exploded ones follow.
    let query: Vec<&Param> = op.params.iter().filter(|p| p.location == ParamLocation::Query).collect();
    // A styled parameter's pairs have keys made at run time (`color[R]`), so then every key
    // is a `String`.
    let owned_keys = query.iter().any(|p| p.styled);
    let key = |wire: &str| if owned_keys { quote!(#wire.to_owned()) } else { quote!(#wire) };
    let mut initial = Vec::new();
    let mut later = Vec::new();
    for param in &query {
        let name = ident(&param.name);
        let wire = key(&param.wire_name);
        let exploded_array = matches!(param.ty, TypeRef::Vec(_)) && param.explode;
        let value = quote!(value);
        let push = if param.styled {
            let styled = styled_call(&param.wire_name, &value, param, quote!(query_pairs));
            quote!(#query_local.extend(#styled);)
        } else if exploded_array {
            quote!(#query_local.extend(#value.iter().map(|value| (#wire, value.to_string())));)
        } else {
            let text = to_text(&value, param);
            quote!(#query_local.push((#wire, #text));)
        };
        match (param.required, exploded_array || param.styled) {
            (true, true) if param.styled => {
                let styled = styled_call(&param.wire_name, &quote!(#name), param, quote!(query_pairs));
                later.push(quote!(#query_local.extend(#styled);));
            }
            (true, false) => initial.push({
                let text = to_text(&quote!(#name), param);
                quote!((#wire, #text))
            }),
            (true, true) => later.push(quote!({ let #value = #name; #push })),
            (false, _) => later.push(quote!(if let Some(#value) = #name { #push })),
        }
    }
    let query_arg = if query.is_empty() {
        quote!(&[])
    } else {
        let binding = if later.is_empty() { quote!(let #query_local) } else { quote!(let mut #query_local) };
        let init = match (initial.is_empty(), owned_keys) {
            (false, _) => quote!(vec![#(#initial),*]),
            (true, false) => quote!(Vec::<(&str, String)>::new()),
            (true, true) => quote!(Vec::<(String, String)>::new()),
        };
        statements.push(quote!(#binding = #init; #(#later)*));
        quote!(&#query_local)
    };

    let segments = op.path.iter().map(|segment| match segment.parts.as_slice() {
        [PathPart::Literal(text)] => quote!(#text),
        [PathPart::Param(index)] => {
            let param = &op.params[*index];
            let name = ident(&param.name);
            match param.ty {
                _ if param.styled => {
                    let styled = styled_call(&param.wire_name, &quote!(#name), param, quote!(styled));
                    quote!(&#styled)
                }
                TypeRef::String => quote!(#name),
                TypeRef::Vec(_) => quote!(&runtime::join(#name, ',')),
                _ => quote!(&#name.to_string()),
            }
        }
        parts => {
            let mut format = String::new();
            let mut args = Vec::new();
            for part in parts {
                match part {
                    PathPart::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
                    PathPart::Param(index) => {
                        let param = &op.params[*index];
                        let name = &param.name;
                        if param.styled {
                            format.push_str("{}");
                            let value = ident(name);
                            args.push(styled_call(&param.wire_name, &quote!(#value), param, quote!(styled)));
                        } else if is_raw(name) {
                            format.push_str("{}");
                            let name = ident(name);
                            args.push(quote!(#name));
                        } else {
                            format.push_str(&format!("{{{name}}}"));
                        }
                    }
                }
            }
            quote!(&format!(#format #(, #args)*))
        }
    });
    let endpoint = if owned_keys {
        quote!(runtime::endpoint_with(self, &[#(#segments),*], #query_arg))
    } else {
        quote!(runtime::endpoint(self, &[#(#segments),*], #query_arg))
    };
    let builder = match op.method {
        Method::Get => quote!(self.http_client().get(#endpoint)),
        Method::Post => quote!(self.http_client().post(#endpoint)),
        Method::Put => quote!(self.http_client().put(#endpoint)),
        Method::Patch => quote!(self.http_client().patch(#endpoint)),
        Method::Delete => quote!(self.http_client().delete(#endpoint)),
        Method::Head => quote!(self.http_client().head(#endpoint)),
        Method::Options => quote!(self.http_client().request(::reqwest::Method::OPTIONS, #endpoint)),
        Method::Trace => quote!(self.http_client().request(::reqwest::Method::TRACE, #endpoint)),
    };

    let mut chain = Vec::new();
    let mut conditional = Vec::new();
    if let Some(accept) = &op.responses.accept {
        chain.push(quote!(.header(::reqwest::header::ACCEPT, #accept)));
    }
    for param in op.params.iter().filter(|p| p.location == ParamLocation::Header) {
        let name = ident(&param.name);
        let wire = &param.wire_name;
        let value = quote!(value);
        if param.required {
            let text = header_value(&quote!(#name), param);
            chain.push(quote!(.header(#wire, #text)));
        } else {
            let text = header_value(&value, param);
            conditional.push(quote!(if let Some(#value) = #name { #request = #request.header(#wire, #text); }));
        }
    }
    let cookies: Vec<&Param> = op.params.iter().filter(|p| p.location == ParamLocation::Cookie).collect();
    if !cookies.is_empty() {
        let pairs = cookies.iter().map(|param| {
            let name = ident(&param.name);
            let value = quote!(value);
            let pair = format!("{}={{}}", param.wire_name.replace('{', "{{").replace('}', "}}"));
            // Only date-times are styled here (cookies holding objects are text): serde
            // writes them in RFC 3339, which `Display` does not.
            if param.styled {
                let text = styled_call(&param.wire_name, &value, param, quote!(styled));
                let pair = quote!(let text = #text; Some(format!(#pair, text)));
                // A `match`, not `Option::map`, so the encoding error can leave with `?`.
                return if param.required {
                    quote!({ let #value = #name; #pair })
                } else {
                    quote!(match #name { Some(#value) => { #pair } None => None })
                };
            }
            // `format!` takes scalars through `Display`; arrays are joined first.
            let text = match param.ty {
                TypeRef::Vec(_) => to_text(&value, param),
                _ => value.clone(),
            };
            if param.required {
                quote!({ let #value = #name; Some(format!(#pair, #text)) })
            } else {
                quote!(#name.map(|#value| format!(#pair, #text)))
            }
        });
        let cookie = quote!(cookies.join("; "));
        let cookie = if cookies.iter().any(|p| p.secret) { quote!(runtime::Secret(#cookie)) } else { cookie };
        conditional.push(quote! {
            let cookies: Vec<String> = [#(#pairs),*].into_iter().flatten().collect();
            if !cookies.is_empty() {
                #request = #request.header(::reqwest::header::COOKIE, #cookie);
            }
        });
    }
    if let Some(body) = &op.body {
        let name = ident(&body.name);
        let content_type = &body.content_type;
        // A body of a `Copy` type (a number, say) is taken by value, like such parameters.
        let value = if api.is_copy(&body.ty) { quote!(&#name) } else { quote!(#name) };
        let set_body = match body.encoding {
            BodyEncoding::Json if content_type == "application/json" => quote!(.json(#value)),
            BodyEncoding::Json => quote!(.header(::reqwest::header::CONTENT_TYPE, #content_type).json(#value)),
            BodyEncoding::Form => {
                let fields = body.form_fields.iter().map(|field| {
                    let wire = &field.wire_name;
                    match field.style {
                        None => quote!((#wire, runtime::FormEncoding::Json)),
                        Some(style) => {
                            let (style, explode) = (style_variant(style), field.explode);
                            quote!((#wire, runtime::FormEncoding::Styled(runtime::Style::#style, #explode)))
                        }
                    }
                });
                quote!(.form(&runtime::form_fields(#value, &[#(#fields),*])?))
            }
            BodyEncoding::Multipart => {
                let form = multipart_form(api, body);
                quote!(.multipart(#form))
            }
            BodyEncoding::RawMultipart => quote!(.multipart(#name)),
            // Request bodies are never streams (the IR sends those media types as text or bytes).
            BodyEncoding::Text | BodyEncoding::EventStream => {
                quote!(.header(::reqwest::header::CONTENT_TYPE, #content_type).body(#name.to_owned()))
            }
            BodyEncoding::Bytes | BodyEncoding::JsonLines => {
                quote!(.header(::reqwest::header::CONTENT_TYPE, #content_type).body(#name))
            }
        };
        if body.required {
            chain.push(set_body);
        } else {
            conditional.push(quote!(if let Some(#name) = #name { #request = #request #set_body; }));
        }
    }
    let binding = if conditional.is_empty() { quote!(let #request) } else { quote!(let mut #request) };
    statements.push(quote!(#binding = #builder #(#chain)*; #(#conditional)*));
    quote!(#(#statements)*)
}

fn header_value(value: &TokenStream, param: &Param) -> TokenStream {
    let text = match param.ty {
        _ if param.styled => styled_call(&param.wire_name, value, param, quote!(styled)),
        TypeRef::String => quote!(#value),
        _ => to_text(value, param),
    };
    // Marked sensitive, so hooks, reqwest and `Debug` of the request never show it.
    if param.secret { quote!(runtime::Secret(#text)) } else { text }
}

/// A call of the runtime's `query_pairs` or `styled` for a parameter in its style; fails
/// the call (nothing sent) if the value cannot be encoded.
fn styled_call(wire: &str, value: &TokenStream, param: &Param, function: TokenStream) -> TokenStream {
    let (style, explode) = (style_variant(param.style), param.explode);
    quote!(runtime::#function(#wire, &#value, runtime::Style::#style, #explode)?)
}

/// The variant of the runtime's `Style` enum.
fn style_variant(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Label => quote!(Label),
        ParamStyle::Matrix => quote!(Matrix),
    }
}

/// The match arm head for a set of statuses. Exact codes are literal patterns; ranges
/// become a guard, because a literal arm before an overlapping range arm is correct
/// (the first match wins) but clippy reports the overlap. Codes a range covers are dropped.
fn arm_head(statuses: &[StatusMatch]) -> TokenStream {
    let ranges: Vec<u16> = statuses
        .iter()
        .filter_map(|s| match s {
            StatusMatch::Range(range) => Some(*range),
            StatusMatch::Default => Some(2),
            StatusMatch::Code(_) => None,
        })
        .collect();
    let codes: Vec<u16> = statuses
        .iter()
        .filter_map(|s| match s {
            StatusMatch::Code(code) if !ranges.contains(&(code / 100)) => Some(*code),
            _ => None,
        })
        .collect();
    if ranges.is_empty() {
        let codes = codes.into_iter().map(number);
        return quote!(#(#codes)|*);
    }
    let conditions = ranges
        .iter()
        .map(|range| {
            let low = number(range * 100);
            let high = number(range * 100 + 99);
            quote!((#low..=#high).contains(&status))
        })
        .chain(codes.into_iter().map(|code| {
            let code = number(code);
            quote!(status == #code)
        }));
    quote!(status if #(#conditions)||*)
}

/// Handles a documented body: a JSON one is the single runtime call `json`; any other is
/// read into `value`, which `finish` turns into the arm's result.
fn decode(body: &ResponseBody, response: &proc_macro2::Ident, json: TokenStream, finish: TokenStream) -> TokenStream {
    let read = match body.encoding {
        BodyEncoding::Json => return json,
        BodyEncoding::Text | BodyEncoding::EventStream | BodyEncoding::JsonLines => quote!(#response.text()),
        BodyEncoding::Bytes | BodyEncoding::Form | BodyEncoding::Multipart | BodyEncoding::RawMultipart => {
            quote!(#response.body().to_vec())
        }
    };
    quote!({ let value = #read; #finish })
}

/// How the read response becomes the call's result: a `match` on its status.
pub(super) fn status_arms(op: &Operation) -> TokenStream {
    let response = ident(&op.locals.response);
    let error = ident(&op.responses.error_type);
    // (order, statuses, handling): exact codes first, then ranges, then the catch-all.
    let mut arms: Vec<(u8, Vec<StatusMatch>, TokenStream)> = Vec::new();
    let order = |statuses: &[StatusMatch]| {
        statuses.iter().map(|s| if matches!(s, StatusMatch::Code(_)) { 0 } else { 1 }).max().unwrap_or(0)
    };
    match &op.responses.success {
        // Handled before the body is read.
        Success::Single { body: Some(body), .. } if body.is_stream() => {}
        Success::Single { outcomes, body } if !outcomes.is_empty() => {
            let statuses: Vec<StatusMatch> = outcomes.iter().map(|o| o.status).collect();
            let handle = match body {
                Some(body) => {
                    decode(body, &response, quote!(#response.json_value()), quote!(Ok(#response.into_value(value))))
                }
                None => quote!(Ok(#response.into_value(()))),
            };
            arms.push((order(&statuses), statuses, handle));
        }
        Success::Single { .. } => {}
        Success::Enum { name, outcomes } => {
            let name = ident(name);
            for outcome in outcomes {
                let handle = outcome_value(
                    outcome,
                    &response,
                    &quote!(responses::#name),
                    quote!(json_outcome),
                    |value| quote!(Ok(#response.into_value(#value))),
                );
                arms.push((order(&[outcome.status]), vec![outcome.status], handle));
            }
        }
    }
    let mut catch_all = None;
    for outcome in &op.responses.errors {
        let variant = ident(&outcome.variant);
        let handle = match outcome.body {
            None => quote!(#response.raw_error(responses::#error::#variant)),
            Some(_) => outcome_value(
                outcome,
                &response,
                &quote!(responses::#error),
                quote!(json_error),
                |value| quote!(Err(#response.into_error(#value))),
            ),
        };
        match outcome.status {
            StatusMatch::Default => catch_all = Some(handle),
            status => arms.push((order(&[status]), vec![status], handle)),
        }
    }
    arms.sort_by_key(|(order, _, _)| *order);
    let fallback = catch_all.unwrap_or_else(|| quote!(Err(#response.into_unexpected())));
    if arms.is_empty() {
        return fallback;
    }
    let arms = arms.into_iter().map(|(_, statuses, handle)| {
        let head = arm_head(&statuses);
        quote!(#head => #handle,)
    });
    quote! {
        match #response.status().as_u16() {
            #(#arms)*
            _ => #fallback,
        }
    }
}

/// How one documented outcome becomes the result: a JSON body through the response's
/// `json_decoder` (`json_outcome` or `json_error`), anything else read and passed to `wrap`.
fn outcome_value(
    outcome: &Outcome,
    response: &proc_macro2::Ident,
    enum_path: &TokenStream,
    json_decoder: TokenStream,
    wrap: impl Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let variant = ident(&outcome.variant);
    match &outcome.body {
        None => wrap(quote!(#enum_path::#variant)),
        Some(body) => decode(
            body,
            response,
            quote!(#response.#json_decoder(#enum_path::#variant)),
            wrap(quote!(#enum_path::#variant(value))),
        ),
    }
}

/// The expression that builds a multipart form from the body argument, one part per field
/// (per element, for arrays); absent optional fields send no part.
fn multipart_form(api: &Api, body: &RequestBody) -> TokenStream {
    let fields = match &body.ty {
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Form { fields } => fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    if fields.is_empty() {
        return quote!(::reqwest::multipart::Form::new());
    }
    let source = ident(&body.name);
    let parts = fields.iter().map(|field| {
        let name = ident(&field.name);
        let value = quote!(value);
        if field.repeated {
            let add = add_part(field, &value);
            quote!(for #value in #source.#name { #add })
        } else if field.required {
            add_part(field, &quote!(#source.#name))
        } else {
            let add = add_part(field, &value);
            quote!(if let Some(#value) = #source.#name { #add })
        }
    });
    quote!({
        let mut form = ::reqwest::multipart::Form::new();
        #(#parts)*
        form
    })
}

/// Adds `value` (one field's value, or one element of an array field) to `form`.
fn add_part(field: &FormField, value: &TokenStream) -> TokenStream {
    let wire = &field.wire_name;
    let media_type = field.content_type.as_deref();
    match (&field.part, media_type) {
        (FormPart::File, _) => {
            let media_type = media_type.unwrap_or("application/octet-stream");
            quote!(form = form.part(#wire, #value.into_part(#media_type)?);)
        }
        (FormPart::Text(TypeRef::String), None) => quote!(form = form.text(#wire, #value);),
        (FormPart::Text(_), None) => quote!(form = form.text(#wire, #value.to_string());),
        (FormPart::DateTime(_), media_type) => {
            let text = quote!(#value.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true));
            match media_type {
                None => quote!(form = form.text(#wire, #text);),
                Some(media_type) => quote!(form = form.part(#wire, runtime::text_part(#text, #media_type)?);),
            }
        }
        (FormPart::Text(_), Some(media_type)) => {
            quote!(form = form.part(#wire, runtime::text_part(#value.to_string(), #media_type)?);)
        }
        (FormPart::Json(_), _) => {
            let media_type = media_type.unwrap_or("application/json");
            quote!(form = form.part(#wire, runtime::json_part(&#value, #media_type)?);)
        }
    }
}
