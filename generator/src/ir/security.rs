//! `components.securitySchemes` and each operation's `security`: which credentials the
//! client can hold, and which of them an operation sends.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as SpecScheme};

use super::{ParamLocation, SchemeKind, SecurityScheme};
use crate::diagnostic::{JsonPointer, Report};
use crate::naming::{Namer, value_name};

/// The schemes the client can apply, in spec order, with their setters named in `methods`.
/// Schemes it cannot apply are left out with a warning; operations that need them are
/// generated without those credentials.
pub fn lower_schemes(document: &OpenAPI, methods: &mut Namer, report: &Report) -> Vec<SecurityScheme> {
    let Some(components) = &document.components else { return Vec::new() };
    let mut constants = Namer::default();
    let mut schemes = Vec::new();
    for (key, scheme) in &components.security_schemes {
        let origin = JsonPointer::root().push("components").push("securitySchemes").push(key);
        // Normalising resolved every reference that reaches a scheme.
        let ReferenceOr::Item(scheme) = scheme else {
            report.warn(&origin, "this security scheme cannot be resolved; it is left out");
            continue;
        };
        let (kind, docs) = match scheme {
            SpecScheme::APIKey { location, name, description, .. } => {
                let location = match location {
                    APIKeyLocation::Header => ParamLocation::Header,
                    APIKeyLocation::Query => ParamLocation::Query,
                    APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                (SchemeKind::ApiKey { location, name: name.clone() }, description)
            }
            SpecScheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("basic") => {
                (SchemeKind::Basic, description)
            }
            SpecScheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                (SchemeKind::Bearer, description)
            }
            SpecScheme::HTTP { scheme, .. } => {
                let message = format!(
                    "HTTP `{scheme}` authentication is not supported; operations that need it are sent without it"
                );
                report.warn(&origin.push("scheme"), message);
                continue;
            }
            SpecScheme::OAuth2 { description, .. } | SpecScheme::OpenIDConnect { description, .. } => {
                (SchemeKind::Bearer, description)
            }
        };
        let stem = value_name(key, "auth");
        let setter = methods.unique(&format!("with_{stem}"));
        let provider_setter = (kind == SchemeKind::Bearer).then(|| methods.unique(&format!("{setter}_provider")));
        let constant = constants.unique(&stem.to_ascii_uppercase());
        let docs = super::text_of(docs.as_ref()).map(str::to_owned);
        schemes.push(SecurityScheme { key: key.clone(), setter, provider_setter, constant, kind, docs, origin });
    }
    schemes
}

/// An operation's alternatives as indices into `schemes`. The operation's own `security`
/// wins over the document's; `[]` means none. Alternatives that need nothing (`{}`) are
/// dropped, since a call with no credential set already goes without; so are those that
/// name a scheme the client cannot apply (with a warning).
pub fn requirements(
    own: Option<&[SecurityRequirement]>,
    global: Option<&[SecurityRequirement]>,
    schemes: &[SecurityScheme],
    at: &JsonPointer,
    report: &Report,
) -> Vec<Vec<usize>> {
    let (listed, listed_at) = match own {
        Some(own) => (own, at.push("security")),
        None => (global.unwrap_or_default(), JsonPointer::root().push("security")),
    };
    let mut alternatives = Vec::new();
    for (index, requirement) in listed.iter().enumerate() {
        let found: Option<Vec<usize>> =
            requirement.keys().map(|name| schemes.iter().position(|s| &s.key == name)).collect();
        match found {
            Some(indices) if indices.is_empty() => {}
            Some(indices) => alternatives.push(indices),
            // Warnings about the document-level list repeat per operation; sorting dedups them.
            None => {
                let names = requirement.keys().map(String::as_str).collect::<Vec<_>>().join("`, `");
                let message =
                    format!("no supported security scheme matches `{names}`; this alternative is not applied");
                report.warn(&listed_at.push(index.to_string()), message);
            }
        }
    }
    alternatives
}
