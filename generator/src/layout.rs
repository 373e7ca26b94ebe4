//! Stage 5: token streams to formatted files. A crate gets one file per module; build.rs
//! mode gets one file of inline modules, because a nested `mod x;` inside `include!`
//! would resolve relative to the including file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{self, Emitted, doc_attrs};
use crate::error::Error;
use crate::format::{format_items, join_impl_parts};
use crate::ir::{Api, BodyEncoding, FeatureScope, FormPart, FormatCrates, TypeKind, TypeRef, reads_by_most_kept};
use crate::parallel;

/// The hand-written support code shipped inside every generated crate.
pub const RUNTIME: &str = include_str!("../runtime/runtime.rs");

/// Support for `application/x-www-form-urlencoded` bodies, shipped when an API sends one.
const FORM_RUNTIME: &str = include_str!("../runtime/form.rs");

/// Support for `multipart/form-data` bodies, shipped when an API sends one.
const MULTIPART_RUNTIME: &str = include_str!("../runtime/multipart.rs");

/// Files sent as multipart parts (`FilePart`), shipped when a form has a file field.
const FILE_PART_RUNTIME: &str = include_str!("../runtime/file_part.rs");

/// Parameters in OpenAPI's styles (objects, label, matrix, deepObject), and the bracketed
/// spreading form bodies share, shipped when an API needs either.
const STYLE_RUNTIME: &str = include_str!("../runtime/style.rs");

/// Streamed responses (downloads, server-sent events, JSON lines), shipped when an API has one.
const STREAM_RUNTIME: &str = include_str!("../runtime/stream.rs");

/// Serde for the generated structs, shipped when an API has one.
const OBJECT_RUNTIME: &str = include_str!("../runtime/object.rs");

/// The string enums' conversions, shipped when an API has one.
const STRING_ENUM_RUNTIME: &str = include_str!("../runtime/string_enum.rs");

/// Pages and items of paging operations, shipped when an operation pages.
const PAGES_RUNTIME: &str = include_str!("../runtime/pages.rs");

/// How responses that break the spec's promises are read: refused, or (`--lenient`) repaired.
const STRICT_RUNTIME: &str = include_str!("../runtime/strict.rs");
const LENIENT_RUNTIME: &str = include_str!("../runtime/lenient.rs");

/// Untagged unions read by the variant that keeps the most, shipped when a union is.
const UNION_RUNTIME: &str = include_str!("../runtime/union.rs");

/// The three-state type for optional nullable properties, shipped when a model has one.
const TRISTATE_RUNTIME: &str = include_str!("../runtime/tristate.rs");

/// The hand-written part of the `mock` module, behind the generated crate's `mock` feature.
const MOCK_SUPPORT: &str = include_str!("../runtime/mock.rs");

/// Which optional parts of the runtime (and of reqwest) an API needs.
struct Needs {
    /// A model that is a struct.
    objects: bool,
    string_enums: bool,
    tristate: bool,
    /// A parameter sent through the style functions.
    styled: bool,
    form: bool,
    multipart: bool,
    /// A multipart field that is a file.
    files: bool,
    /// A success body handed over as a stream.
    streams: bool,
    /// An operation that pages.
    pages: bool,
    /// An untagged union read by the variant that keeps the most.
    unions: bool,
    /// Responses repaired where required values are missing (`--lenient`).
    lenient: bool,
    /// A raw request body, which callers may want to stream (`reqwest::Body::wrap_stream`).
    upload: bool,
}

impl Needs {
    fn of(api: &Api) -> Self {
        let is_tristate = |ty: &TypeRef| matches!(ty, TypeRef::Tristate(_));
        Self {
            objects: api.types.iter().any(|t| matches!(t.kind, TypeKind::Struct { .. })),
            string_enums: api.types.iter().any(|t| matches!(t.kind, TypeKind::StringEnum { .. })),
            tristate: api.types.iter().any(|t| match &t.kind {
                TypeKind::Struct { fields, .. } => fields.iter().any(|f| is_tristate(&f.ty)),
                _ => false,
            }),
            styled: api.operations.iter().flat_map(|op| &op.params).any(|p| p.styled),
            form: api.operations.iter().any(|op| op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Form)),
            multipart: api.operations.iter().any(|op| {
                op.body
                    .as_ref()
                    .is_some_and(|b| matches!(b.encoding, BodyEncoding::Multipart | BodyEncoding::RawMultipart))
            }),
            files: api.types.iter().any(|t| match &t.kind {
                TypeKind::Form { fields } => fields.iter().any(|f| f.part == FormPart::File),
                _ => false,
            }),
            streams: api.operations.iter().any(|op| op.responses.success.stream().is_some()),
            pages: api.operations.iter().any(|op| op.pagination.is_some()),
            lenient: api.lenient,
            unions: api.types.iter().any(|t| match &t.kind {
                TypeKind::Union { variants, tagged: None, .. } => reads_by_most_kept(variants),
                TypeKind::AnyOf { .. } => true,
                _ => false,
            }),
            upload: api.operations.iter().any(|op| op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Bytes)),
        }
    }

    fn runtime(&self) -> String {
        let mut source = RUNTIME.to_owned();
        let pieces = [
            (self.objects, OBJECT_RUNTIME),
            (self.string_enums, STRING_ENUM_RUNTIME),
            (self.form || self.styled, STYLE_RUNTIME),
            (self.form, FORM_RUNTIME),
            (self.multipart, MULTIPART_RUNTIME),
            (self.files, FILE_PART_RUNTIME),
            (self.streams, STREAM_RUNTIME),
            (self.pages, PAGES_RUNTIME),
            (self.unions, UNION_RUNTIME),
            (self.lenient, LENIENT_RUNTIME),
            (!self.lenient, STRICT_RUNTIME),
            (self.tristate, TRISTATE_RUNTIME),
        ];
        for (needed, piece) in pieces {
            if needed {
                source.push('\n');
                source.push_str(piece);
            }
        }
        source
    }

    /// What the crate root re-exports from the runtime, grouped so each `use` stays short
    /// and in the order rustfmt sorts them, since `cargo fmt` formats the generated `lib.rs`.
    fn reexports(&self) -> Vec<&'static [&'static str]> {
        let mut groups: Vec<&'static [&'static str]> = vec![&["DEFAULT_MAX_RESPONSE_SIZE"]];
        if self.files {
            groups.push(&["FilePart"]);
        }
        if self.tristate {
            groups.push(&["Tristate"]);
        }
        groups.push(&["BoxError", "Hook", "RetryPolicy", "TokenProvider"]);
        if self.streams {
            groups.push(&["ByteStream", "EventStream", "JsonLines", "ServerEvent", "StreamError"]);
        }
        groups.push(&["Client", "Deviation", "Error", "InvalidBody", "RawBody", "RawResponse", "ResponseValue"]);
        if self.pages {
            groups.push(&["Items", "Pages"]);
        }
        groups
    }

    fn reqwest_features(&self) -> String {
        let mut features = vec!["json"];
        if self.form {
            features.push("form");
        }
        if self.multipart {
            features.push("multipart");
        }
        // A caller-built multipart form may stream its parts too.
        if self.multipart || self.streams || self.upload {
            features.push("stream");
        }
        features.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
    }

    fn tokio_features(&self) -> &'static str {
        // `time` for retry waits; `fs` to stream file parts from disk.
        if self.files { r#""fs", "time""# } else { r#""time""# }
    }
}

/// The Rust version generated crates need: reqwest 0.13's.
pub const GENERATED_RUST_VERSION: &str = "1.85";

/// What identifies a generated file and how to regenerate it.
pub struct Header<'a> {
    pub spec_file: &'a str,
}

impl Header<'_> {
    /// The file name, made safe for a line comment: nothing in it may end the line.
    fn spec_file(&self) -> String {
        emit::visible_text(self.spec_file).replace('\n', "?")
    }

    /// The header of a crate's files, which the CLI regenerates.
    fn lines(&self, comment: &str) -> String {
        format!(
            "{comment} @generated by openapi-gen {} from `{}`. Do not edit by hand:\n\
             {comment} regenerate with `openapi-gen generate <path to {1}> --out <this crate's directory>`.\n",
            env!("CARGO_PKG_VERSION"),
            self.spec_file(),
        )
    }

    /// The header of the one file for `include!`, which is written anew whenever it is
    /// generated (by a build script, usually), and which says what the including crate
    /// must depend on, since it has no manifest of its own.
    fn module_lines(&self, dependencies: &str) -> String {
        let mut lines = format!(
            "// @generated by openapi-gen {} from `{}` as one file for `include!`. Do not edit:\n\
             // it is written anew each time it is generated (by `openapi_gen::Config::generate_to_out_dir`\n\
             // in a build script, whenever the spec changes).\n\
             //\n\
             // The including crate needs these [dependencies]:\n",
            env!("CARGO_PKG_VERSION"),
            self.spec_file(),
        );
        for line in dependencies.lines() {
            lines.push_str("//     ");
            lines.push_str(line);
            lines.push('\n');
        }
        lines
    }
}

fn join_items(items: &[TokenStream]) -> TokenStream {
    quote!(#(#items)*)
}

fn reexports_text(needs: &Needs) -> String {
    let line = |group: &[&str]| match group {
        [one] => format!("pub use runtime::{one};"),
        many => format!("pub use runtime::{{{}}};", many.join(", ")),
    };
    needs.reexports().into_iter().map(line).collect::<Vec<_>>().join("\n")
}

fn reexports(needs: &Needs) -> TokenStream {
    let names = needs
        .reexports()
        .into_iter()
        .flatten()
        .map(|name| proc_macro2::Ident::new(name, proc_macro2::Span::call_site()));
    quote!(pub use runtime::{#(#names),*};)
}

fn crate_docs(api: &Api) -> Vec<String> {
    let title = emit::sanitize_docs(&format!("A client for {} {}.", api.title, api.version));
    let mut lines = title;
    if let Some(description) = &api.description {
        lines.push(String::new());
        lines.extend(emit::sanitize_docs(description));
    }
    lines.push(String::new());
    lines.extend(
        [
            "Start with [`Client`]: one `async` method per operation. Request and response",
            "types are in [`models`]; each operation's documented error responses are an enum",
            "in [`responses`], carried by [`Error::Api`].",
            "",
            "Generated by openapi-gen from the API's OpenAPI document.",
        ]
        .map(str::to_owned),
    );
    lines
}

/// The files of a standalone crate, keyed by path relative to the crate root. `alongside`
/// runs on this thread while the files are emitted on others.
/// What the generated `Cargo.toml` says about the package itself.
pub struct Package<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub license: Option<&'a str>,
    pub repository: Option<&'a str>,
}

pub fn crate_files(
    api: &Api,
    header: &Header<'_>,
    package: &Package<'_>,
    alongside: impl FnOnce(),
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let needs = Needs::of(api);
    let rust_header = header.lines("//");
    // Emitting and formatting are most of the work: the files are made side by side, the
    // models and the client in parts. Jobs are taken in order as threads come free, so the
    // larger ones go first and the small ones (the models' parts, on a big API) even out the
    // end. A job's `None` is a file this API does not need.
    let mut jobs: Vec<(&str, Join, Job<'_>)> = vec![(
        "src/responses.rs",
        Join::Items,
        Box::new(|| module("responses module", || emit::emit_responses(api)).map(Some)),
    )];
    let client = parts(api.operations.len(), 300);
    for part in 0..client {
        let job = move || module("client module", || vec![emit::emit_client_part(api, part, client)]).map(Some);
        jobs.push(("src/client.rs", Join::ImplBlock("impl Client {"), Box::new(job)));
    }
    jobs.extend::<[(&str, Join, Job<'_>); 2]>([
        (
            "src/builders.rs",
            Join::Items,
            Box::new(|| {
                module("builders module", || emit::emit_builders(api)).map(|text| (!text.is_empty()).then_some(text))
            }),
        ),
        ("src/mock.rs", Join::Items, Box::new(|| emit::emit_mock(api).map(mock_module).transpose())),
    ]);
    let models = parts(api.types.len(), 500);
    for part in 0..models {
        let job = move || module("models module", || emit::emit_models_part(api, part, models)).map(Some);
        jobs.push(("src/models.rs", Join::Items, Box::new(job)));
    }
    let (places, jobs): (Vec<(&str, Join)>, Vec<Job<'_>>) =
        jobs.into_iter().map(|(path, join, job)| ((path, join), job)).unzip();
    let (texts, ()) = parallel::map_while(jobs, |job| job(), alongside)?;
    let mut by_path: BTreeMap<&str, (Join, Vec<String>)> = BTreeMap::new();
    for ((path, join), text) in places.into_iter().zip(texts) {
        if let Some(text) = text? {
            by_path.entry(path).or_insert_with(|| (join, Vec::new())).1.push(text);
        }
    }
    let mut files = BTreeMap::new();
    for (path, (join, parts)) in by_path {
        let text = match join {
            Join::Items => parts.join("\n"),
            Join::ImplBlock(head) => join_impl_parts(parts, head)?,
        };
        files.insert(PathBuf::from(path), format!("{rust_header}\n{text}"));
    }
    let has_builders = files.contains_key(&PathBuf::from("src/builders.rs"));
    let has_mock = files.contains_key(&PathBuf::from("src/mock.rs"));

    let inner_docs = crate_docs(api)
        .into_iter()
        .map(|line| if line.is_empty() { "//!".to_owned() } else { format!("//! {line}") })
        .collect::<Vec<_>>()
        .join("\n");
    // rustfmt would reformat prettyplease's output; these files are checked for
    // freshness instead, so it is told to leave the generated modules alone.
    let builders = if has_builders { "#[rustfmt::skip]\npub mod builders;\n" } else { "" };
    let mock = if has_mock { "#[cfg(feature = \"mock\")]\n#[rustfmt::skip]\npub mod mock;\n" } else { "" };
    let lib = format!(
        "{rust_header}\n{inner_docs}\n\n{builders}#[rustfmt::skip]\nmod client;\n{mock}#[rustfmt::skip]\npub mod models;\n#[rustfmt::skip]\npub mod responses;\n#[rustfmt::skip]\nmod runtime;\n\n{}\n",
        reexports_text(&needs)
    );
    let manifest = cargo_toml(&header.lines("#"), package, api, &needs, has_mock);
    files.insert(PathBuf::from("Cargo.toml"), manifest);
    files.insert(PathBuf::from("src/lib.rs"), lib);
    files.insert(PathBuf::from("src/runtime.rs"), format!("{rust_header}\n{}", needs.runtime()));
    Ok(files)
}

/// How many parts a module of `count` items is made in, one per `per_part` items and at most
/// four: as one job, GitHub's models (4,600 types) or client (1,200 operations) kept a core
/// idle at the end.
fn parts(count: usize, per_part: usize) -> usize {
    (count / per_part).clamp(1, 4)
}

/// How the texts of a module made in parts become one file.
#[derive(Clone, Copy)]
enum Join {
    /// One after another: each part is whole items, and items are a blank line apart.
    Items,
    /// Each part is one `impl` block with this header, which become a single block.
    ImplBlock(&'static str),
}

/// One module's items emitted and formatted, with their doc comments set aside meanwhile
/// (see `emit::deferring_docs`).
fn module(context: &str, emit: impl FnOnce() -> Vec<TokenStream>) -> Result<String, Error> {
    emit::deferring_docs(|| format_items(emit(), context))
}

/// One file's text (`None` when the API needs no such file), made on whichever thread is free.
type Job<'a> = Box<dyn FnOnce() -> Result<Option<String>, Error> + Send + 'a>;

/// The hand-written mock support with the generated imports after its own, then the
/// generated methods.
fn mock_module(mock: emit::MockItems) -> Result<String, Error> {
    const LAST_IMPORT: &str = "use super::Client;\n";
    let (head, tail) = MOCK_SUPPORT
        .split_once(LAST_IMPORT)
        .ok_or_else(|| Error::Internal("the mock support has no `use super::Client;`".to_owned()))?;
    let imports =
        if mock.imports.is_empty() { String::new() } else { format_items(vec![mock.imports], "mock imports")? };
    let methods = format_items(vec![mock.methods], "mock module")?;
    Ok(format!("{head}{LAST_IMPORT}{imports}{tail}\n{methods}"))
}

/// One file of inline modules for `include!`, as build.rs mode writes to `OUT_DIR`.
pub fn single_file(api: &Api, emitted: &Emitted, header: &Header<'_>) -> Result<String, Error> {
    let needs = Needs::of(api);
    let runtime: syn::File =
        syn::parse_str(&needs.runtime()).map_err(|e| Error::Internal(format!("the runtime does not parse: {e}")))?;
    let runtime_attrs = &runtime.attrs;
    let runtime_items = &runtime.items;
    let models = join_items(&emit::emit_models(api));
    let responses = join_items(&emitted.responses);
    let client = &emitted.client;
    let builders = (!emitted.builders.is_empty()).then(|| {
        let items = join_items(&emitted.builders);
        quote! {
            /// Builder-style calls, for operations with several optional inputs.
            pub mod builders {
                #items
            }
        }
    });
    let reexports = reexports(&needs);
    let docs = doc_attrs(Some(&format!("The request and response types of {} {}.", api.title, api.version)));
    let tokens = quote! {
        #docs
        pub mod models {
            #models
        }
        /// Each operation's documented responses.
        pub mod responses {
            #responses
        }
        #builders
        mod client {
            #client
        }
        mod runtime {
            #(#runtime_attrs)*
            #(#runtime_items)*
        }
        #reexports
    };
    let header = header.module_lines(&dependencies(api, &needs, Manifest::Included));
    Ok(format!("{header}\n{}", format_items(vec![tokens], "module")?))
}

/// What the dependencies are listed for.
#[derive(Clone, Copy)]
enum Manifest {
    /// A generated crate's own `Cargo.toml`, which chooses the TLS backend by feature.
    Crate { mock: bool },
    /// The crate that includes the one generated file, whose reqwest keeps its defaults.
    Included,
}

/// The `[dependencies]` lines a generated client needs.
fn dependencies(api: &Api, needs: &Needs, manifest: Manifest) -> String {
    let features = needs.reqwest_features();
    let (reqwest, wiremock) = match manifest {
        // reqwest's own defaults but for TLS, which the crate's features choose.
        Manifest::Crate { mock } => (
            format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"charset\", \"http2\", \"system-proxy\", {features}] }}"
            ),
            if mock { "wiremock = { version = \"0.6\", optional = true }\n" } else { "" },
        ),
        Manifest::Included => (format!("reqwest = {{ version = \"0.13\", features = [{features}] }}"), ""),
    };
    format!(
        r#"{streaming}httpdate = "1"
{reqwest}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
tokio = {{ version = "1", features = [{tokio}] }}
{lenient}{formats}{wiremock}"#,
        lenient = if needs.lenient { "serde_path_to_error = \"0.1\"\n" } else { "" },
        streaming = match (needs.streams, needs.pages) {
            (true, _) => "bytes = \"1\"\neventsource-stream = \"0.2\"\nfutures-core = \"0.3\"\n",
            (false, true) => "futures-core = \"0.3\"\n",
            (false, false) => "",
        },
        tokio = needs.tokio_features(),
        formats = format_dependencies(api.format_crates),
    )
}

fn cargo_toml(header: &str, package: &Package<'_>, api: &Api, needs: &Needs, mock: bool) -> String {
    let description = format!("A client for {}, generated by openapi-gen", api.title);
    let optional = |key: &str, value: Option<&str>| value.map(|v| format!("{key} = {}\n", toml_string(v)));
    format!(
        r#"{header}
[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "{GENERATED_RUST_VERSION}"
description = {description}
{license}{repository}
[dependencies]
{dependencies}{features}"#,
        dependencies = dependencies(api, needs, Manifest::Crate { mock }),
        features = features_section(api, mock),
        name = package.name,
        version = package.version,
        license = optional("license", package.license).unwrap_or_default(),
        repository = optional("repository", package.repository).unwrap_or_default(),
        description = toml_string(&description),
    )
}

/// The dependencies the typed formats need, if any.
fn format_dependencies(crates: FormatCrates) -> String {
    let mut lines = String::new();
    if crates.chrono {
        lines
            .push_str("chrono = { version = \"0.4.38\", default-features = false, features = [\"serde\", \"std\"] }\n");
    }
    if crates.uuid {
        lines.push_str("uuid = { version = \"1\", features = [\"serde\"] }\n");
    }
    lines
}

/// `[features]`: one per tag when operations are grouped (all on by default, through
/// `full`), `extra-schemas` for the component schemas no operation uses (off by default: a
/// client does not need them, and they were two fifths of GitHub's models), and `mock`.
fn features_section(api: &Api, mock: bool) -> String {
    let mut lines = Vec::new();
    if api.features.is_empty() {
        lines.push("default = [\"rustls\"]".to_owned());
    } else {
        let operations: Vec<String> = api
            .features
            .iter()
            .filter(|f| f.turns_on != FeatureScope::ExtraSchemas)
            .map(|f| toml_string(&f.name))
            .collect();
        lines.push("default = [\"full\", \"rustls\"]".to_owned());
        lines.push("# Every tag's operations. Turn off default features and pick tags to compile less.".to_owned());
        lines.push(format!("full = [{}]", operations.join(", ")));
        for feature in &api.features {
            let what = match &feature.turns_on {
                FeatureScope::Tag(tag) => format!("The operations tagged `{tag}`"),
                FeatureScope::Untagged => "The operations without a tag".to_owned(),
                FeatureScope::ExtraSchemas => {
                    "The component schemas no operation uses (not in `full`: a client does not need them)".to_owned()
                }
            };
            lines.push(format!("# {}, and the types they use.", what.replace(['\n', '\r'], " ")));
            lines.push(format!("{} = []", feature.name));
        }
    }
    lines.extend(TLS_FEATURES.iter().map(|line| (*line).to_owned()));
    let serialize_on_request = api.types.iter().any(|t| t.serialize_on_request);
    if serialize_on_request {
        lines.push("# `Serialize` for the types only responses carry (to store or forward them).".to_owned());
        lines.push("serialize-responses = []".to_owned());
    }
    if mock {
        lines.push(
            "# A mock server with typed answers per operation, for testing code that uses this crate.".to_owned(),
        );
        let needs = if serialize_on_request { ", \"serialize-responses\"" } else { "" };
        lines.push(format!("mock = [\"dep:wiremock\"{needs}]"));
    }
    format!("\n[features]\n{}\n", lines.join("\n"))
}

/// The TLS backends a generated crate offers; `rustls` is on by default (the README says
/// why, with the clean build of each measured). rustls with ring, which builds faster, is
/// left out: rustls deprecates ring's provider, which has no post-quantum key exchange.
const TLS_FEATURES: &[&str] = &[
    "# The TLS backend. rustls with aws-lc-rs, reqwest's own default, with post-quantum key exchange:",
    "rustls = [\"reqwest/rustls\"]",
    "# The system's TLS instead (OpenSSL on Linux, whose headers must be installed to build):",
    "native-tls = [\"reqwest/native-tls\"]",
];

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::{Header, Package, crate_files, module, parts};
    use crate::{emit, ir, load, normalise};

    fn package(name: &str) -> Package<'_> {
        Package { name, version: "1.0.0", license: None, repository: None }
    }

    /// An API big enough for its models and client to be made in two parts each.
    fn big_api() -> ir::Api {
        let schemas: serde_json::Map<String, serde_json::Value> = (0..1_100)
            .map(|i| {
                let schema = json!({
                    "type": "object",
                    "description": format!("Thing {i}.\n\nWith a second paragraph."),
                    "required": ["id"],
                    "properties": {"id": {"type": "integer", "description": "Its id."}, "name": {"type": "string"}},
                });
                (format!("Thing{i}"), schema)
            })
            .collect();
        let paths: serde_json::Map<String, serde_json::Value> = (0..650)
            .map(|i| {
                let ok = json!({"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/Thing{i}")}}}});
                let get = json!({"operationId": format!("getThing{i}"), "summary": format!("Get thing {i}"), "responses": {"200": ok}});
                (format!("/things/{i}"), json!({ "get": get }))
            })
            .collect();
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "Big", "version": "1.0.0"},
            "paths": paths,
            "components": {"schemas": schemas},
        });
        let value = load::parse(&spec.to_string(), load::Format::Json, "big.json").expect("parses");
        let normalised = normalise::normalise(value).map_err(|_| "not valid").expect("normalises");
        let options = ir::Options { tag_features: Some(false), ..ir::Options::default() };
        ir::lower(&normalised, options, None).expect("lowers").0
    }

    #[test]
    fn modules_made_in_parts_are_the_modules_made_whole() {
        let api = big_api();
        assert_eq!((parts(api.types.len(), 500), parts(api.operations.len(), 300)), (2, 2));
        let files = crate_files(&api, &Header { spec_file: "big.json" }, &package("big"), || ()).expect("generates");
        let header = Header { spec_file: "big.json" }.lines("//");
        let whole_models = module("models", || emit::emit_models(&api)).expect("formats");
        assert_eq!(files[Path::new("src/models.rs")], format!("{header}\n{whole_models}"));
        let whole_client = module("client", || vec![emit::emit_client_part(&api, 0, 1)]).expect("formats");
        assert_eq!(files[Path::new("src/client.rs")], format!("{header}\n{whole_client}"));
        assert!(whole_models.contains("/// Thing 7.\n///\n/// With a second paragraph.\n"), "docs are spliced back");
    }
}
