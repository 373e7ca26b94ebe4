//! Drives the IR stage: component schemas, then operations, then whole-arena analysis.

use openapiv3::OpenAPI;

use super::operations::{CLIENT_METHODS, Security};
use super::schemas::TypeSpace;
use super::{
    Api, Needs, Operation, TypeDef, TypeId, TypeKind, TypeRef, analysis, builders, dedupe, directions, features,
    operations, pagination, security, shared_headers,
};
use crate::diagnostic::{Diagnostic, Report};
use crate::lock::NameLock;
use crate::naming::Namer;
use crate::normalise::Normalised;

/// Choices about the shape of the generated types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Optional nullable properties are [`super::TypeRef::Tristate`].
    pub tri_state: bool,
    /// Strings in the formats `date-time`, `date` and `uuid` get chrono's and uuid's types.
    pub typed_formats: bool,
    /// Group operations behind a cargo feature per tag; `None` decides by the API's size.
    pub tag_features: Option<bool>,
    /// Responses that break the spec's promises are repaired and the repairs recorded.
    pub lenient: bool,
}

/// The IR for a normalised spec, with its warnings; or every error found.
/// With a name lock, the names it holds stay with their places.
pub fn lower(
    spec: &Normalised,
    options: Options,
    lock: Option<&NameLock>,
) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
    let document = &spec.document;
    let report = Report::default();
    let mut space = TypeSpace::new(spec, &report, lock);
    space.tri_state = options.tri_state;
    space.typed_formats = options.typed_formats;
    space.lower_components();
    // Credential setters are named before operations, header setters after: all share `Client`.
    let mut methods = Namer::with_reserved(CLIENT_METHODS);
    let security_schemes = security::lower_schemes(document, &mut methods, &report);
    let security = Security { schemes: &security_schemes, global: document.security.as_deref() };
    let (mut operations, coverage) = operations::lower_operations(spec, &mut space, &report, &security, &mut methods);
    let shared_headers = shared_headers::share_headers(&mut operations, &mut methods);
    builders::plan(&mut operations, &mut methods);
    builders::plan_mocks(&mut operations);
    directions::split(&mut space, &mut operations);
    dedupe::merge_identical(&mut space.types);
    forms_stand_for_components(&mut space.types, &operations, &space.forms_of_components);
    pagination::plan(&mut operations, &space.types, &mut methods);
    let features = if options.tag_features.unwrap_or_else(|| features::wanted(&operations)) {
        features::assign(&mut operations, &mut space.types)
    } else {
        Vec::new()
    };
    let mut types = std::mem::take(&mut space.types);
    analysis::finish(&mut types);
    drop(space);
    let diagnostics = report.into_diagnostics();
    if diagnostics.has_errors() {
        return Err(diagnostics.into_sorted());
    }
    let needs = Needs::of(&types, &operations, options.lenient);
    let api = Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone().filter(|d| !d.trim().is_empty()),
        default_server: default_server(document),
        types,
        operations,
        security_schemes,
        shared_headers,
        features,
        needs,
        coverage,
    };
    Ok((api, diagnostics.into_sorted()))
}

/// A component schema that is only ever a multipart body (FastAPI's `Body_upload_…`) becomes
/// a name for the form type made of it, instead of a second struct nobody uses whose file
/// fields are strings. One that anything else uses keeps its own type.
fn forms_stand_for_components(types: &mut [TypeDef], operations: &[Operation], forms: &[(TypeId, TypeId)]) {
    if forms.is_empty() {
        return;
    }
    let mut used = analysis::reachable(types, operations.iter().flat_map(Operation::types));
    for (index, def) in types.iter().enumerate() {
        used.extend(analysis::mentions(&def.kind).into_iter().filter(|id| id.0 != index));
    }
    for (component, form) in forms {
        if !used.contains(component) {
            types[component.0].kind = TypeKind::Alias { target: TypeRef::Named(*form) };
        }
    }
}

/// The first server, when it is an absolute URL without variables.
fn default_server(document: &OpenAPI) -> Option<String> {
    let url = &document.servers.first()?.url;
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    (absolute && !url.contains('{')).then(|| url.clone())
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format};

    #[test]
    fn an_operation_reaching_anything_degraded_is_not_fully_typed() {
        let spec = include_str!("../../../spec/cases/coverage.yaml");
        let (api, _) = Config::new().build_ir(spec, Format::Yaml, "coverage.yaml").expect("valid");
        // Only `plain` is clean: `degraded` and `wrapped` reach a degraded component, `first`
        // and `second` share a degraded `$ref` target, and `secured` needs a scheme the
        // client cannot apply.
        assert_eq!((api.coverage.fully_typed, api.coverage.in_spec), (1, 6));
    }
}
