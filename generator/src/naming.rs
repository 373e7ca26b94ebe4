//! Every Rust name in the output is decided here, once, in the IR stage: casing (heck),
//! then the keyword policy, then uniqueness with a deterministic counter. The wire name is
//! kept beside it, for the serde code.
//!
//! Keyword policy: a keyword that can be a raw identifier becomes one (`r#type`, `r#gen`);
//! the four that cannot (`self`, `Self`, `super`, `crate`) get a trailing `_`
//! (`self_`) or, for type names, the suffix `Type` (`SelfType`).

use foldhash::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every keyword of every edition, reserved ones included, so output stays valid under
/// the 2015-2024 editions whichever one includes it.
pub const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Non-ASCII letters and symbols become word breaks: identifiers stay ASCII, which avoids
/// confusable-script lints; the wire name keeps the original spelling.
fn ascii_words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// A type or variant name: `UpperCamelCase`, never a keyword, never starting with a digit.
pub fn type_name(raw: &str, fallback: &str) -> String {
    let name = if is_upper_camel_case(raw) { raw.to_owned() } else { ascii_words(raw).to_upper_camel_case() };
    let name = match name.chars().next() {
        None => fallback.to_owned(),
        Some(c) if c.is_ascii_digit() => format!("{}{name}", &fallback[..1].to_ascii_uppercase()),
        Some(_) => name,
    };
    if name == "Self" { "SelfType".to_owned() } else { name }
}

/// A field, argument or function name: `snake_case`, keywords made raw.
pub fn value_name(raw: &str, fallback: &str) -> String {
    let name = if is_snake_case(raw) { raw.to_owned() } else { ascii_words(raw).to_snake_case() };
    let name = match name.chars().next() {
        None => fallback.to_owned(),
        Some(c) if c.is_ascii_digit() => format!("{fallback}_{name}"),
        Some(_) => name,
    };
    escape_keyword(name)
}

/// ASCII letters and digits starting with a capital, with no capital after another or after a
/// digit: what heck gives back unchanged (it makes `HTTPError` `HttpError`, and `V2Beta`
/// `V2beta`). Most schema names are so.
fn is_upper_camel_case(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let changed_by_heck = |pair: &[u8]| {
        (pair[0].is_ascii_uppercase() && pair[1].is_ascii_uppercase())
            || (pair[0].is_ascii_digit() && pair[1].is_ascii_uppercase())
    };
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && !bytes.windows(2).any(changed_by_heck)
}

/// Lowercase ASCII words of letters and digits joined by single `_`s: what heck gives back
/// unchanged. Most property names are already so, and heck's conversion was 2% of generating
/// GitHub's client.
fn is_snake_case(raw: &str) -> bool {
    raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !raw.is_empty()
        && !raw.starts_with('_')
        && !raw.ends_with('_')
        && !raw.contains("__")
}

/// Keywords that cannot be raw identifiers take a `_`; the others stay as they are, and
/// are written raw (`r#type`) where they become identifiers ([`is_raw`]).
fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) { format!("{name}_") } else { name }
}

/// Whether the value name `name` is a keyword, to be written as a raw identifier.
pub fn is_raw(name: &str) -> bool {
    KEYWORDS.contains(&name) && !NOT_RAW.contains(&name)
}

/// Hands out names unique within one scope, in the order they are asked for.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A scope where `reserved` names are already in use.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// Marks `name` as in use.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// `candidate` itself, or with the smallest suffix (2, 3, ...) that is free.
    /// Snake-case names take `_2`, camel-case names `2`.
    pub fn unique(&mut self, candidate: &str) -> String {
        if self.taken.insert(candidate.to_owned()) {
            return candidate.to_owned();
        }
        let separator = if candidate.starts_with(|c: char| c.is_ascii_uppercase()) { "" } else { "_" };
        let base = candidate.trim_end_matches('_');
        (2..).map(|n| format!("{base}{separator}{n}")).find(|name| self.taken.insert(name.clone())).unwrap_or_default()
    }
}

/// FastAPI names operations `{function}{path with non-word characters as _}_{method}`,
/// e.g. `create_client_token_v1_client_tokens_post` for `POST /v1/client/tokens`.
/// Returns the function part when `operation_id` has exactly that shape.
pub fn strip_fastapi_suffix(operation_id: &str, method: &str, path: &str) -> Option<String> {
    let path_part: String = path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let suffix = format!("{path_part}_{}", method.to_ascii_lowercase());
    let stem = operation_id.strip_suffix(&suffix)?;
    (!stem.is_empty() && !stem.ends_with('_')).then(|| stem.to_owned())
}

/// The name used when an operation has no operationId: the method and the path's
/// literal segments, with each parameter as `by_<name>`, e.g. `get_pets_by_pet_id`.
pub fn synthesize_operation_name(method: &str, path: &str) -> String {
    let mut words = vec![method.to_ascii_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                words.push("by".to_owned());
                words.push(param.to_owned());
            }
            None => words.push(segment.to_owned()),
        }
    }
    words.join("_")
}

/// The variant name for an HTTP status, from its canonical reason phrase.
pub fn status_variant(code: u16) -> String {
    let reason = match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        _ => return format!("Status{code}"),
    };
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for keyword in KEYWORDS {
            let value = value_name(keyword, "field");
            let written = if is_raw(&value) { format!("r#{value}") } else { value.clone() };
            let parsed = syn::parse_str::<syn::Ident>(&written).is_ok();
            assert!(parsed, "`{keyword}` gave `{value}`, which is not an identifier");
            let ty = type_name(keyword, "Type");
            assert!(syn::parse_str::<syn::Ident>(&ty).is_ok(), "`{keyword}` gave type `{ty}`");
        }
        assert_eq!(value_name("type", "field"), "type");
        assert!(is_raw("type") && is_raw("gen") && !is_raw("self_") && !is_raw("name"));
        assert_eq!(value_name("self", "field"), "self_");
        assert_eq!(type_name("self", "Type"), "SelfType");
    }

    #[test]
    fn casing_keeps_words_and_drops_what_rust_cannot_spell() {
        assert_eq!(type_name("HTTPValidationError", "Type"), "HttpValidationError");
        assert_eq!(type_name("client-token.request", "Type"), "ClientTokenRequest");
        assert_eq!(type_name("2fa", "Type"), "T2fa");
        assert_eq!(type_name("", "Value"), "Value");
        assert_eq!(value_name("expiresIn", "field"), "expires_in");
        assert_eq!(value_name("x-api-key", "field"), "x_api_key");
        assert_eq!(value_name("$ref", "field"), "ref");
        assert_eq!(value_name("+1", "field"), "field_1");
        assert_eq!(value_name("café", "field"), "caf");
        assert_eq!(value_name("Цена", "field"), "field");
    }

    #[test]
    fn namer_counts_deterministically() {
        let mut namer = Namer::with_reserved(&["request"]);
        assert_eq!(namer.unique("pet"), "pet");
        assert_eq!(namer.unique("pet"), "pet_2");
        assert_eq!(namer.unique("request"), "request_2");
        assert_eq!(namer.unique("type"), "type");
        assert_eq!(namer.unique("type"), "type_2");
        assert_eq!(namer.unique("Pet"), "Pet");
        assert_eq!(namer.unique("Pet"), "Pet2");
        assert_eq!(namer.unique("self_"), "self_");
        assert_eq!(namer.unique("self_"), "self_2");
    }

    #[test]
    fn fastapi_suffix_is_removed_only_when_it_matches_exactly() {
        let strip = |id, method, path| strip_fastapi_suffix(id, method, path);
        assert_eq!(
            strip("create_client_token_v1_client_tokens_post", "post", "/v1/client/tokens").as_deref(),
            Some("create_client_token")
        );
        assert_eq!(strip("read_item_items__item_id__get", "get", "/items/{item_id}").as_deref(), Some("read_item"));
        assert_eq!(strip("create_client_token", "post", "/v1/client/tokens"), None);
        assert_eq!(strip("_v1_client_tokens_post", "post", "/v1/client/tokens"), None);
    }

    #[test]
    fn missing_operation_ids_are_synthesized_from_method_and_path() {
        assert_eq!(synthesize_operation_name("GET", "/pets/{petId}/toys"), "get_pets_by_petId_toys");
        assert_eq!(value_name(&synthesize_operation_name("get", "/"), "operation"), "get");
    }

    /// Every string of up to five characters over an alphabet that covers heck's cases.
    fn short_strings() -> Vec<String> {
        let alphabet = ['a', 'z', 'A', 'Z', '0', '9', '_', '-'];
        let mut strings = vec![String::new()];
        let mut last = strings.clone();
        for _ in 0..5 {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        strings
    }

    #[test]
    fn names_already_in_case_are_what_heck_makes_of_them() {
        let (mut snake, mut camel) = (0, 0);
        for raw in &short_strings() {
            if is_snake_case(raw) {
                snake += 1;
                assert_eq!(&ascii_words(raw).to_snake_case(), raw);
            }
            if is_upper_camel_case(raw) {
                camel += 1;
                assert_eq!(&ascii_words(raw).to_upper_camel_case(), raw);
            }
        }
        assert!(snake > 1000 && camel > 1000, "{snake} {camel}");
    }
}
