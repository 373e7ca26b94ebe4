//! Header parameters the client holds a value for, so a caller sets them once
//! (`with_api_key`) instead of passing them to every call.

use heck::ToKebabCase;
use indexmap::IndexMap;

use super::{Operation, Param, ParamLocation, SharedHeader, TypeRef};
use crate::naming::{Namer, value_name};

/// Headers that describe one request, never the caller: a value held on the client would be
/// wrong for the next call (a stale `If-Match`, a reused idempotency key, the last page's
/// token). AWS names its idempotency tokens `client-token`.
const PER_REQUEST: &[&str] =
    &["range", "etag", "content-type", "content-length", "content-md5", "content-range", "content-encoding"];
const PER_REQUEST_PREFIXES: &[&str] = &["if-"];
const PER_REQUEST_SUFFIXES: &[&str] = &["idempotency-key", "client-token", "next-token", "page-token", "lock-token"];

/// Words that mark a parameter as a credential or an account: a client holds such a header
/// even when the spec declares it on only some operations (Discourse's `Api-Key` and
/// `Api-Username`), and no `Debug` shows its value.
const CREDENTIAL_WORDS: &[&str] = &["key", "token", "auth", "secret", "password", "username", "session"];

/// Whether a parameter's name says it is a credential or an account (`X-API-Key`,
/// `access_token`, `Authorization`, `sessionId`), and not a value about one request (an
/// idempotency key, a page token). Names are read in kebab case, so `apiKey` and `API_KEY`
/// count too.
pub fn is_credential(wire_name: &str) -> bool {
    let name = wire_name.to_kebab_case();
    !is_per_request(&name) && CREDENTIAL_WORDS.iter().any(|word| name.contains(word))
}

/// Whether a header name in kebab case is about one request (above).
fn is_per_request(name: &str) -> bool {
    PER_REQUEST.contains(&name)
        || PER_REQUEST_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        || PER_REQUEST_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

/// Marks the header parameters the client can hold a value for and returns them, their
/// setters named in `methods`. A string header qualifies when it is not about one request
/// (above) and either every operation declares it, at least half of them do (two at the
/// least), or two or more do and its name says it is a credential. Header names are
/// compared without case, as HTTP compares them; the first spelling names the setter and
/// the client's entry. Each qualifying parameter's argument becomes optional and falls back
/// to the client's value.
pub fn share_headers(operations: &mut [Operation], methods: &mut Namer) -> Vec<SharedHeader> {
    let mut declared: IndexMap<String, Declared> = IndexMap::new();
    for op in operations.iter() {
        for param in op.params.iter().filter(|p| is_string_header(p)) {
            let entry = declared.entry(param.wire_name.to_ascii_lowercase()).or_insert_with(|| Declared {
                wire_name: param.wire_name.clone(),
                operations: 0,
                docs: None,
            });
            entry.operations += 1;
            if entry.docs.is_none() {
                entry.docs.clone_from(&param.docs);
            }
        }
    }
    let mut shared = Vec::new();
    for (key, header) in declared {
        if !qualifies(&header.wire_name, header.operations, operations.len()) {
            continue;
        }
        let params = operations.iter_mut().flat_map(|op| &mut op.params);
        for param in params.filter(|p| is_string_header(p) && p.wire_name.eq_ignore_ascii_case(&key)) {
            param.shared = Some(shared.len());
        }
        let stem = value_name(&header.wire_name, "header");
        let setter = methods.unique(&format!("with_{stem}"));
        shared.push(SharedHeader { wire_name: header.wire_name, setter, docs: header.docs });
    }
    shared
}

/// A header name as the operations declare it: its first spelling, how many operations
/// declare it, and the first docs given.
struct Declared {
    wire_name: String,
    operations: usize,
    docs: Option<String>,
}

fn is_string_header(param: &Param) -> bool {
    param.location == ParamLocation::Header && param.ty == TypeRef::String
}

fn qualifies(wire_name: &str, declared_by: usize, operations: usize) -> bool {
    // Kebab case, so `ifMatch` and `X_Client_Token` read as the headers they mean.
    if is_per_request(&wire_name.to_kebab_case()) {
        return false;
    }
    let credential = is_credential(wire_name);
    declared_by == operations || (declared_by >= 2 && (2 * declared_by >= operations || credential))
}

#[cfg(test)]
mod tests {
    use super::qualifies;

    #[test]
    fn every_operation_or_half_of_them_or_a_credential_on_two() {
        assert!(qualifies("x-api-key", 1, 1), "the one operation of a one-operation API");
        assert!(qualifies("X-Tenant", 5, 5));
        assert!(qualifies("Accept-Language", 3, 6), "half of the operations");
        assert!(!qualifies("X-Trace", 2, 5), "under half, and not a credential");
        assert!(qualifies("Api-Key", 21, 84), "a credential on a quarter of them");
        assert!(qualifies("Api-Username", 2, 84));
        assert!(!qualifies("Api-Key", 1, 84), "a credential on one operation of many");
        assert!(qualifies("Accept", 4, 4), "a format chosen once for every call");
        assert!(qualifies("Content-Language", 4, 4));
    }

    #[test]
    fn headers_about_one_request_never_qualify() {
        let names =
            ["If-Match", "ifMatch", "Content-Type", "Range", "Idempotency-Key", "X-Amzn-Client-Token", "X-Next-Token"];
        for name in names {
            assert!(!qualifies(name, 4, 4), "{name}");
        }
    }

    #[test]
    fn the_runtime_redacts_by_the_same_words() {
        // The runtime redacts credential query values in errors by its own copy of the list,
        // since a generated crate cannot call the generator.
        let quoted: Vec<String> = super::CREDENTIAL_WORDS.iter().map(|word| format!("{word:?}")).collect();
        let line = format!("const CREDENTIAL_WORDS: &[&str] = &[{}];", quoted.join(", "));
        assert!(crate::layout::RUNTIME.contains(&line), "the runtime's list differs from {line}");
    }
}
