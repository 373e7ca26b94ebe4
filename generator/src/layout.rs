//! Stage 5: token streams to formatted files. A crate gets one file per module; build.rs
//! mode gets one file of inline modules, because a nested `mod x;` inside `include!`
//! would resolve relative to the including file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{self, Docs, Module, Piece};
use crate::error::Error;
use crate::format::{self, format_items};
use crate::ir::{Api, FeatureScope, Needs};
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

/// The hand-written part of the `mock` module, behind the generated crate's `mock` feature:
/// its docs and imports, which the generated imports follow, and the rest, which the
/// generated methods follow.
const MOCK_IMPORTS: &str = include_str!("../runtime/mock_imports.rs");
const MOCK_SUPPORT: &str = include_str!("../runtime/mock.rs");

/// The runtime, its optional parts, and what the crate root re-exports from it, as an
/// API's needs have them.
struct Runtime<'a>(&'a Needs);

impl Runtime<'_> {
    fn source(&self) -> String {
        let needs = self.0;
        let mut source = RUNTIME.to_owned();
        let pieces = [
            (needs.objects, OBJECT_RUNTIME),
            (needs.string_enums, STRING_ENUM_RUNTIME),
            (needs.form || needs.styled, STYLE_RUNTIME),
            (needs.form, FORM_RUNTIME),
            (needs.multipart, MULTIPART_RUNTIME),
            (needs.files, FILE_PART_RUNTIME),
            (needs.streams, STREAM_RUNTIME),
            (needs.pages, PAGES_RUNTIME),
            (needs.unions, UNION_RUNTIME),
            (needs.lenient, LENIENT_RUNTIME),
            (!needs.lenient, STRICT_RUNTIME),
            (needs.tristate, TRISTATE_RUNTIME),
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
        let needs = self.0;
        let mut groups: Vec<&'static [&'static str]> = vec![&["DEFAULT_MAX_RESPONSE_SIZE"]];
        if needs.files {
            groups.push(&["FilePart"]);
        }
        if needs.tristate {
            groups.push(&["Tristate"]);
        }
        groups.push(&["BoxError", "Hook", "RetryPolicy", "TokenProvider"]);
        if needs.streams {
            groups.push(&["ByteStream", "EventStream", "JsonLines", "ServerEvent", "StreamError"]);
        }
        groups.push(&["Client", "Deviation", "Error", "InvalidBody", "RawBody", "RawResponse", "ResponseValue"]);
        if needs.pages {
            groups.push(&["Items", "Pages"]);
        }
        groups
    }

    fn reqwest_features(&self) -> String {
        let needs = self.0;
        let mut features = vec!["json"];
        if needs.form {
            features.push("form");
        }
        if needs.multipart {
            features.push("multipart");
        }
        // A caller-built multipart form may stream its parts too.
        if needs.multipart || needs.streams || needs.upload {
            features.push("stream");
        }
        features.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
    }

    fn tokio_features(&self) -> &'static str {
        let needs = self.0;
        // `time` for retry waits; `fs` to stream file parts from disk.
        if needs.files { r#""fs", "time""# } else { r#""time""# }
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
        lines.extend(dependencies.lines().map(|line| format!("//     {line}\n")));
        lines
    }
}

fn reexports_text(needs: &Needs) -> String {
    let line = |group: &[&str]| match group {
        [one] => format!("pub use runtime::{one};"),
        many => format!("pub use runtime::{{{}}};", many.join(", ")),
    };
    Runtime(needs).reexports().into_iter().map(line).collect::<Vec<_>>().join("\n")
}

fn reexports(needs: &Needs) -> TokenStream {
    let names = Runtime(needs)
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

/// What the generated `Cargo.toml` says about the package itself.
pub struct Package<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub license: Option<&'a str>,
    pub repository: Option<&'a str>,
}

/// The files of a standalone crate, keyed by path relative to the crate root. `alongside`
/// runs on this thread while the files are emitted on others.
pub fn crate_files(
    api: &Api,
    header: &Header<'_>,
    package: &Package<'_>,
    alongside: impl FnOnce(),
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let needs = &api.needs;
    let rust_header = header.lines("//");
    // Emitting and formatting are most of the work: the modules' pieces are made side by
    // side, taken in order as threads come free.
    let pieces = emit::pieces(api);
    let (texts, ()) = parallel::map_while(pieces.clone(), |piece| formatted(api, piece), alongside)?;
    // Each module's items, and the members of the block that ends it, in order.
    let mut modules: BTreeMap<Module, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (piece, text) in pieces.iter().zip(texts) {
        let (items, members) = modules.entry(piece.module).or_default();
        if piece.is_members() { members } else { items }.push(text?);
    }
    let mut files = BTreeMap::new();
    for (module, (items, members)) in modules {
        let mut text = match (module, items.as_slice()) {
            (Module::Mock, [imports, methods]) => format!("{MOCK_IMPORTS}{imports}\n{MOCK_SUPPORT}\n{methods}"),
            _ => items.join("\n"),
        };
        if let Some(head) = module.block_head().filter(|_| !members.is_empty()) {
            let block = format::block(&head, &members, module.name())?;
            text = if text.is_empty() { block } else { format!("{text}\n{block}") };
        }
        files.insert(PathBuf::from(format!("src/{}.rs", module.name())), format!("{rust_header}\n{text}"));
    }
    let inner_docs = crate_docs(api)
        .into_iter()
        .map(|line| if line.is_empty() { "//!".to_owned() } else { format!("//! {line}") })
        .collect::<Vec<_>>()
        .join("\n");
    // rustfmt would reformat prettyplease's output; these files are checked for
    // freshness instead, so it is told to leave the generated modules alone.
    let builders = if needs.builders { "#[rustfmt::skip]\npub mod builders;\n" } else { "" };
    let mock = if needs.mock { "#[cfg(feature = \"mock\")]\n#[rustfmt::skip]\npub mod mock;\n" } else { "" };
    let lib = format!(
        "{rust_header}\n{inner_docs}\n\n{builders}#[rustfmt::skip]\nmod client;\n{mock}#[rustfmt::skip]\npub mod models;\n#[rustfmt::skip]\npub mod responses;\n#[rustfmt::skip]\nmod runtime;\n\n{}\n",
        reexports_text(needs)
    );
    let manifest = cargo_toml(&header.lines("#"), package, api);
    files.insert(PathBuf::from("Cargo.toml"), manifest);
    files.insert(PathBuf::from("src/lib.rs"), lib);
    files.insert(PathBuf::from("src/runtime.rs"), format!("{rust_header}\n{}", Runtime(needs).source()));
    Ok(files)
}

/// One piece of a module emitted and formatted, with its doc comments set aside meanwhile
/// (see [`Docs`]).
fn formatted(api: &Api, piece: Piece) -> Result<String, Error> {
    let docs = Docs::set_aside();
    let items = piece.items(api, &docs);
    let context = format!("{} module", piece.module.name());
    let text = match piece.module.block_head().filter(|_| piece.is_members()) {
        Some(head) => format::format_members(&head, items, &context)?,
        None => format_items(items, &context)?,
    };
    docs.splice(text)
}

/// One file of inline modules for `include!`, as build.rs mode writes to `OUT_DIR`.
pub fn single_file(api: &Api, header: &Header<'_>) -> Result<String, Error> {
    let needs = &api.needs;
    let runtime: syn::File = syn::parse_str(&Runtime(needs).source())
        .map_err(|e| Error::Internal(format!("the runtime does not parse: {e}")))?;
    let runtime_attrs = &runtime.attrs;
    let runtime_items = &runtime.items;
    // The mock support is a module of its own, which the including crate does not have.
    let docs = Docs::inline();
    let mut modules: BTreeMap<Module, (Vec<TokenStream>, Vec<TokenStream>)> = BTreeMap::new();
    for piece in emit::pieces(api).into_iter().filter(|piece| piece.module != Module::Mock) {
        let (items, members) = modules.entry(piece.module).or_default();
        if piece.is_members() { members } else { items }.extend(piece.items(api, &docs));
    }
    let module = |module: Module| {
        let (items, members) = modules.get(&module)?;
        let block = module.block_head().filter(|_| !members.is_empty()).map(|head| quote!(#head { #(#members)* }));
        Some(quote!(#(#items)* #block))
    };
    let (models, responses, client) = (module(Module::Models), module(Module::Responses), module(Module::Client));
    let builders = module(Module::Builders).map(|items| {
        quote! {
            /// Builder-style calls, for operations with several optional inputs.
            pub mod builders {
                #items
            }
        }
    });
    let reexports = reexports(needs);
    let docs = docs.attrs(Some(&format!("The request and response types of {} {}.", api.title, api.version)));
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
    let header = header.module_lines(&dependencies(needs, Manifest::Included));
    Ok(format!("{header}\n{}", format_items(vec![tokens], "module")?))
}

/// What the dependencies are listed for.
#[derive(Clone, Copy)]
enum Manifest {
    /// A generated crate's own `Cargo.toml`, which chooses the TLS backend by feature.
    Crate,
    /// The crate that includes the one generated file, whose reqwest keeps its defaults.
    Included,
}

/// The `[dependencies]` lines a generated client needs.
fn dependencies(needs: &Needs, manifest: Manifest) -> String {
    let features = Runtime(needs).reqwest_features();
    let (reqwest, wiremock) = match manifest {
        // reqwest's own defaults but for TLS, which the crate's features choose.
        Manifest::Crate => (
            format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"charset\", \"http2\", \"system-proxy\", {features}] }}"
            ),
            if needs.mock { "wiremock = { version = \"0.6\", optional = true }\n" } else { "" },
        ),
        Manifest::Included => (format!("reqwest = {{ version = \"0.13\", features = [{features}] }}"), ""),
    };
    format!(
        r#"{streaming}httpdate = "1"
{reqwest}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
tokio = {{ version = "1", features = [{tokio}] }}
{lenient}{chrono}{uuid}{wiremock}"#,
        lenient = if needs.lenient { "serde_path_to_error = \"0.1\"\n" } else { "" },
        streaming = match (needs.streams, needs.pages) {
            (true, _) => "bytes = \"1\"\neventsource-stream = \"0.2\"\nfutures-core = \"0.3\"\n",
            (false, true) => "futures-core = \"0.3\"\n",
            (false, false) => "",
        },
        tokio = Runtime(needs).tokio_features(),
        chrono = if needs.chrono { CHRONO } else { "" },
        uuid = if needs.uuid { UUID } else { "" },
    )
}

fn cargo_toml(header: &str, package: &Package<'_>, api: &Api) -> String {
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
        dependencies = dependencies(&api.needs, Manifest::Crate),
        features = features_section(api),
        name = package.name,
        version = package.version,
        license = optional("license", package.license).unwrap_or_default(),
        repository = optional("repository", package.repository).unwrap_or_default(),
        description = toml_string(&description),
    )
}

/// The dependencies of the typed formats.
const CHRONO: &str = "chrono = { version = \"0.4.38\", default-features = false, features = [\"serde\", \"std\"] }\n";
const UUID: &str = "uuid = { version = \"1\", features = [\"serde\"] }\n";

/// `[features]`: one per tag when operations are grouped (all on by default, through
/// `full`), `extra-schemas` for the component schemas no operation uses (off by default: a
/// client does not need them, and they were two fifths of GitHub's models), and `mock`.
fn features_section(api: &Api) -> String {
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
    if api.needs.mock {
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

    use super::{Header, Package, crate_files};
    use crate::emit::{self, Docs, Module};
    use crate::format::format_items;
    use crate::{ir, load, normalise};

    fn package(name: &str) -> Package<'_> {
        Package { name, version: "1.0.0", license: None, repository: None }
    }

    /// An API big enough for its models to be made in two parts.
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
        let models: Vec<_> = emit::pieces(&api).into_iter().filter(|p| p.module == Module::Models).collect();
        assert_eq!(models.len(), 2);
        let files = crate_files(&api, &Header { spec_file: "big.json" }, &package("big"), || ()).expect("generates");
        let header = Header { spec_file: "big.json" }.lines("//");
        // All at once, with the docs as attributes.
        let docs = Docs::inline();
        let items = models.into_iter().flat_map(|piece| piece.items(&api, &docs)).collect();
        let whole_models = format_items(items, "models").expect("formats");
        assert_eq!(files[Path::new("src/models.rs")], format!("{header}\n{whole_models}"));
        assert!(whole_models.contains("/// Thing 7.\n///\n/// With a second paragraph.\n"), "docs are as they were");
    }
}
