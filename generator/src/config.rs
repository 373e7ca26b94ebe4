//! One `Config` behind every front door: the CLI, build.rs and the tests all go through it.

use std::path::{Path, PathBuf};

use heck::ToKebabCase;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::examples::{self, ExampleReport};
use crate::ir::{Api, Coverage};
use crate::layout::{self, Header, Package};
use crate::load::{self, Format};
use crate::lock::{FILE_NAME as LOCK_FILE, NameLock};
use crate::output::Generated;
use crate::overlay::Overlay;
use crate::recorded::{FILE_NAME as OPTIONS_FILE, Recorded};
use crate::{bundle, ir, normalise};

/// Settings for generating a client, in the style of `prost_build::Config`.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     openapi_gen::Config::new().generate_to_out_dir("openapi.json")?;
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The options that shape the output, as a crate records them; its overlays are in
    /// `overlays`, as given.
    shape: Recorded,
    overlays: Vec<PathBuf>,
    deny_warnings: bool,
    ref_root: Option<PathBuf>,
    name_lock: Option<NameLock>,
    deny_breaking: bool,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// A `Config` with the options a crate recorded ([`Recorded::read_from`]).
    pub fn from_recorded(recorded: &Recorded) -> Self {
        let overlays = recorded.overlays.iter().map(PathBuf::from).collect();
        Self { shape: Recorded { overlays: Vec::new(), ..recorded.clone() }, overlays, ..Self::default() }
    }

    /// The package name of a generated crate. Defaults to the spec's title in kebab case
    /// (`Decart API` → `decart-api`).
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.crate_name("decart-api");
    /// ```
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.shape.crate_name = Some(name.into());
        self
    }

    /// The package version of a generated crate. Defaults to the spec's `info.version`
    /// when that is a semantic version, else `0.1.0`.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.crate_version("2.0.0");
    /// ```
    pub fn crate_version(&mut self, version: impl Into<String>) -> &mut Self {
        self.shape.crate_version = Some(version.into());
        self
    }

    /// The `license` of a generated crate's `Cargo.toml`, an SPDX expression. None by default:
    /// the API's terms are its owner's to state.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.crate_license("MIT OR Apache-2.0");
    /// ```
    pub fn crate_license(&mut self, license: impl Into<String>) -> &mut Self {
        self.shape.crate_license = Some(license.into());
        self
    }

    /// The `repository` of a generated crate's `Cargo.toml`. None by default.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.crate_repository("https://github.com/acme/acme-api-rs");
    /// ```
    pub fn crate_repository(&mut self, url: impl Into<String>) -> &mut Self {
        self.shape.crate_repository = Some(url.into());
        self
    }

    /// Fail instead of generating when any part of the spec would get a less precise type
    /// than it asks for (the warnings `generate` prints). For CI.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.deny_warnings(true);
    /// ```
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.deny_warnings = deny;
        self
    }

    /// The directory files named by relative `$ref`s must be inside. Defaults to the
    /// directory of the spec file; a reference that escapes it is an error.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.ref_root("specs");
    /// ```
    pub fn ref_root(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.ref_root = Some(dir.into());
        self
    }

    /// Give properties that are both optional and nullable the type `Tristate<T>` (absent,
    /// `Null` or `Value`) instead of `Option<T>`, so a request can send an explicit `null`
    /// (to clear a value in a `PATCH`, say) and a response tells a missing property from a
    /// `null` one. Off by default: `Option<T>` reads both as `None` and never sends `null`.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.tri_state(true);
    /// ```
    pub fn tri_state(&mut self, enabled: bool) -> &mut Self {
        self.shape.tri_state = enabled;
        self
    }

    /// Give strings in the formats `date-time`, `date` and `uuid` the types
    /// `chrono::DateTime<chrono::FixedOffset>` (keeping the offset it was written with),
    /// `chrono::NaiveDate` and `uuid::Uuid` instead of
    /// `String`, and make the generated crate depend on chrono and uuid. Off by default:
    /// APIs do not always send what their formats promise, and with this on, a value that
    /// does not parse (`2024-01-01 10:00` for a `date-time`) fails the whole response's
    /// decoding.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.typed_formats(true);
    /// ```
    pub fn typed_formats(&mut self, enabled: bool) -> &mut Self {
        self.shape.typed_formats = enabled;
        self
    }

    /// Put each tag's operations behind a cargo feature of the generated crate (named after
    /// the tag in kebab case; `untagged` for operations without one), with the types only
    /// they use, so a user of a big API compiles only the parts they enable. All are on by
    /// default, through the `full` feature. Without this setting, an API gets features when
    /// it has at least 100 operations in at least two tags. Crates only: the single file for
    /// `include!` never has them.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.tag_features(true);
    /// ```
    pub fn tag_features(&mut self, enabled: bool) -> &mut Self {
        self.shape.tag_features = Some(enabled);
        self
    }

    /// Read a response whose required property is missing or `null` with an empty value
    /// there (`""`, `0`, `false`, `[]`, `{}`, the first its type reads) instead of failing,
    /// and record each such place on the response (`ResponseValue::deviations`). Requests
    /// are never changed. Off by default: the generated crate then depends on
    /// `serde_path_to_error` too.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.lenient(true);
    /// ```
    pub fn lenient(&mut self, enabled: bool) -> &mut Self {
        self.shape.lenient = enabled;
        self
    }

    /// Apply the OpenAPI Overlay 1.0 document at `path` to the spec before anything else
    /// reads it. Each call adds one; they apply in the order added. Targets are RFC 9535
    /// JSONPath queries; an overlay's errors name its file and action, and a target that
    /// selects nothing is a warning.
    ///
    /// ```
    /// let mut config = openapi_gen::Config::new();
    /// config.overlay("overlays/nullable-fixes.yaml").overlay("overlays/no-admin.yaml");
    /// ```
    pub fn overlay(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.overlays.push(path.into());
        self
    }

    /// The names a crate was generated with (its `openapi-gen.lock`, read with
    /// [`NameLock::read_from`]): each keeps its place, and a new schema that asks for one
    /// gets another. `generate` and `check` read the lock of the crate they are pointed at.
    pub fn name_lock(&mut self, lock: NameLock) -> &mut Self {
        self.name_lock = Some(lock);
        self
    }

    /// Makes [`Generated::write_to`] refuse to write a crate whose public API breaks code
    /// written against the crate it replaces (see [`Generated::api_changes`]), for CI.
    pub fn deny_breaking(&mut self, deny: bool) -> &mut Self {
        self.deny_breaking = deny;
        self
    }

    /// Generates a standalone crate (`Cargo.toml`, `src/`, and `openapi-gen.yaml`, which
    /// records the options it was made with: see [`Recorded`]) from the spec at `spec`.
    /// Relative `$ref`s to other files are resolved (see [`Config::ref_root`]).
    pub fn generate_crate(&self, spec: impl AsRef<Path>) -> Result<Generated, Error> {
        let spec = spec.as_ref();
        let (text, name, format) = read(spec)?;
        on_large_stack(|| self.crate_from(&Source { text: &text, format, file_name: &name, path: Some(spec) }))
    }

    /// Like [`Config::generate_crate`], from a spec already in memory; `file_name` is what
    /// messages and file headers call it. References to other files cannot be read here.
    pub fn generate_crate_from_str(&self, text: &str, format: Format, file_name: &str) -> Result<Generated, Error> {
        on_large_stack(|| self.crate_from(&Source { text, format, file_name, path: None }))
    }

    fn crate_from(&self, source: &Source<'_>) -> Result<Generated, Error> {
        let file_name = source.file_name;
        let Lowered { api, warnings, spec, inputs } = self.lower(source, Output::Crate)?;
        let header = Header { spec_file: file_name };
        let crate_name = self.shape.crate_name.clone().unwrap_or_else(|| default_crate_name(&api.title));
        if !valid_crate_name(&crate_name) {
            return Err(Error::Config(format!(
                "`{crate_name}` is not a valid crate name: use letters, digits, `-` and `_`, starting with a letter"
            )));
        }
        let version = self.shape.crate_version.clone().unwrap_or_else(|| default_version(&api.version));
        if let Err(error) = semver::Version::parse(&version) {
            return Err(Error::Config(format!(
                "`{version}` is not a valid crate version ({error}): use a semantic version such as `1.2.3`"
            )));
        }
        // The spec is freed here while the files are emitted on other threads: this thread
        // allocated most of it, and mimalloc frees memory about three times faster on the
        // thread that allocated it than on another (such as `drop_aside`'s).
        let package = Package {
            name: &crate_name,
            version: &version,
            license: self.shape.crate_license.as_deref(),
            repository: self.shape.crate_repository.as_deref(),
        };
        let recorded = Recorded {
            crate_name: Some(crate_name.clone()),
            overlays: self.overlays.iter().map(|path| path.display().to_string()).collect(),
            ..self.shape.clone()
        };
        let lock = NameLock::of(&api).to_text()?;
        let mut files = layout::crate_files(&api, &header, &package, move || drop(spec))?;
        files.insert(PathBuf::from(OPTIONS_FILE), recorded.to_text()?);
        files.insert(PathBuf::from(LOCK_FILE), lock);
        Ok(Generated {
            files,
            warnings,
            coverage: api.coverage,
            file_name: file_name.to_owned(),
            inputs,
            deny_breaking: self.deny_breaking,
        })
    }

    /// Generates the client as one Rust file of inline modules, for `include!`.
    pub fn generate_module(&self, spec: impl AsRef<Path>) -> Result<Generated, Error> {
        let spec = spec.as_ref();
        let (text, name, format) = read(spec)?;
        on_large_stack(|| self.module_from(&Source { text: &text, format, file_name: &name, path: Some(spec) }))
    }

    pub fn generate_module_from_str(&self, text: &str, format: Format, file_name: &str) -> Result<Generated, Error> {
        on_large_stack(|| self.module_from(&Source { text, format, file_name, path: None }))
    }

    fn module_from(&self, source: &Source<'_>) -> Result<Generated, Error> {
        let file_name = source.file_name;
        let Lowered { api, warnings, spec, inputs } = self.lower(source, Output::Module)?;
        drop_aside(spec);
        let source = layout::single_file(&api, &Header { spec_file: file_name })?;
        let mut files = std::collections::BTreeMap::new();
        files.insert(PathBuf::from(module_file_name(file_name)), source);
        Ok(Generated {
            files,
            warnings,
            coverage: api.coverage,
            file_name: file_name.to_owned(),
            inputs,
            deny_breaking: false,
        })
    }

    /// The build.rs front door: generates the client into `OUT_DIR` as one file, tells Cargo
    /// to rerun when the spec or any file it refers to changes, prints warnings as
    /// `cargo:warning`, and returns the written file's path. Include it with
    /// `include!(concat!(env!("OUT_DIR"), "/<spec file stem>.rs"));`. The file's first lines
    /// list the dependencies the including crate needs.
    pub fn generate_to_out_dir(&self, spec: impl AsRef<Path>) -> Result<PathBuf, Error> {
        let spec = spec.as_ref();
        println!("cargo:rerun-if-changed={}", spec.display());
        let out_dir = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Config("OUT_DIR is not set: call this from a build script".to_owned()))?;
        let generated = self.generate_module(spec)?;
        // The spec was named above, so Cargo reruns a script that failed before this.
        for input in generated.inputs.iter().skip(1) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        for warning in &generated.warnings {
            for line in warning.render(&generated.file_name).lines() {
                println!("cargo:warning={line}");
            }
        }
        generated.write_to(&out_dir)?;
        let (path, _) = generated.files.iter().next().ok_or_else(|| Error::Internal("no file was generated".into()))?;
        Ok(out_dir.join(path))
    }

    /// Reads every example the spec at `spec` gives (request and response bodies, parameters,
    /// and schemas of named types and their properties, through `$ref`s) as the types this
    /// configuration generates would read them, after the overlays. The report lists each
    /// example that does not read, at the place inside it that does not.
    pub fn check_examples(&self, spec: impl AsRef<Path>) -> Result<ExampleReport, Error> {
        let spec = spec.as_ref();
        let (text, name, format) = read(spec)?;
        on_large_stack(|| {
            let source = Source { text: &text, format, file_name: &name, path: Some(spec) };
            let Lowered { api, spec, .. } = self.lower(&source, Output::Crate)?;
            let report = examples::check(&api, &spec.raw);
            drop_aside(spec);
            let deviations = located(&source, report.deviations);
            Ok(ExampleReport { mismatches: located(&source, report.mismatches), deviations, ..report })
        })
    }

    /// Runs load, normalise and lowering: the IR and its warnings, or every error found.
    pub fn build_ir(&self, text: &str, format: Format, file_name: &str) -> Result<(Api, Vec<Diagnostic>), Error> {
        on_large_stack(|| {
            let Lowered { api, warnings, spec, .. } =
                self.lower(&Source { text, format, file_name, path: None }, Output::Crate)?;
            drop_aside(spec);
            Ok((api, warnings))
        })
    }

    fn lower(&self, source: &Source<'_>, output: Output) -> Result<Lowered, Error> {
        let file_name = source.file_name;
        let invalid =
            |diagnostics| Error::Invalid { file: file_name.to_owned(), diagnostics: located(source, diagnostics) };
        let mut value = load::parse(source.text, source.format, file_name)?;
        let mut inputs = Vec::new();
        if let Some(path) = source.path {
            let root = match &self.ref_root {
                Some(root) => root.clone(),
                None => path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned(),
            };
            let (bundled, referenced) = bundle::bundle(value, path, &root).map_err(invalid)?;
            value = bundled;
            inputs.push(path.to_owned());
            inputs.extend(referenced);
        }
        let mut overlay_warnings = Vec::new();
        for path in &self.overlays {
            let (text, _, format) = read(path)?;
            let overlay = Overlay::read(text, format, &path.display().to_string())?;
            overlay_warnings.extend(overlay.apply(&mut value)?);
            inputs.push(path.clone());
        }
        let normalised = normalise::normalise(value).map_err(|stop| match stop {
            normalise::Stop::Invalid(diagnostics) => invalid(diagnostics),
            normalise::Stop::Internal(error) => error,
        })?;
        let tag_features = match output {
            Output::Crate => self.shape.tag_features,
            // The features would be the including crate's, which has none of them.
            Output::Module => Some(false),
        };
        let options = ir::Options {
            tri_state: self.shape.tri_state,
            typed_formats: self.shape.typed_formats,
            tag_features,
            lenient: self.shape.lenient,
        };
        let (api, mut warnings) = ir::lower(&normalised, options, self.name_lock.as_ref()).map_err(invalid)?;
        // The overlays' warnings first, as they were applied first; they are located already.
        warnings.splice(0..0, overlay_warnings);
        if self.deny_warnings && warnings.iter().any(|w| w.severity == Severity::Warning) {
            drop_aside(normalised);
            return Err(invalid(warnings));
        }
        Ok(Lowered { api, warnings: located(source, warnings), spec: normalised, inputs })
    }
}

/// `diagnostics` with the line and column of each one's node, for a YAML spec. The text is
/// read for that only when there is something to say.
fn located(source: &Source<'_>, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if source.format != Format::Yaml || diagnostics.is_empty() {
        return diagnostics;
    }
    // Only pointers into the spec itself: one in a referenced file is not in this text.
    let in_spec = |d: &Diagnostic| d.file.is_none();
    let pointers: Vec<&crate::JsonPointer> = diagnostics.iter().filter(|d| in_spec(d)).map(|d| &d.pointer).collect();
    let locations = load::locate(source.text, &pointers);
    for diagnostic in diagnostics.iter_mut().filter(|d| in_spec(d)) {
        diagnostic.location = locations.get(&diagnostic.pointer).copied();
    }
    diagnostics
}

/// What the stages before emitting give: the IR and its warnings, and the normalised spec it
/// was lowered from, for the caller to free where that costs least.
struct Lowered {
    api: Api,
    warnings: Vec<Diagnostic>,
    spec: normalise::Normalised,
    /// The files read: the spec and every file it refers to (none for a spec in memory).
    inputs: Vec<PathBuf>,
}

/// Drops `value` on a thread of its own: freeing a large parsed spec (twice over, as JSON and
/// as openapiv3's model) is 4% of the work before emitting starts, and nothing waits for it.
fn drop_aside<T: Send + 'static>(value: T) {
    // When no thread can be started, `spawn` drops the closure, and `value` with it, here.
    let _ = std::thread::Builder::new().name("openapi-gen drop".to_owned()).spawn(move || drop(value));
}

/// What is being generated: a standalone crate, or one file for `include!`.
#[derive(Clone, Copy)]
enum Output {
    Crate,
    Module,
}

/// A spec's text and where it came from; `path` is set when relative `$ref`s can be read.
struct Source<'a> {
    text: &'a str,
    format: Format,
    file_name: &'a str,
    path: Option<&'a Path>,
}

/// The stack the pipeline runs on. Parsing allows 128 levels of nesting, and each level
/// costs several frames in serde's untagged enums, the lowering and prettyplease; 2 MiB
/// test threads run out near 60. The memory is reserved, not touched, until used.
pub(crate) const PIPELINE_STACK: usize = 256 * 1024 * 1024;

/// Runs `work` on a thread with [`PIPELINE_STACK`], so the caller's stack size never
/// decides whether a spec generates. A panic there (a bug) becomes an internal error.
fn on_large_stack<T: Send>(work: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("openapi-gen".into())
            .stack_size(PIPELINE_STACK)
            .spawn_scoped(scope, work)
            .map_err(|e| Error::Internal(format!("cannot start the generator thread: {e}")))?;
        thread.join().map_err(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Error::Internal(format!("the generator panicked: {message}"))
        })?
    })
}

fn read(path: &Path) -> Result<(String, String, Format), Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let format = Format::detect(path, &text);
    Ok((text, name, format))
}

/// `openapi.json` → `openapi.rs`.
pub fn module_file_name(spec_file: &str) -> String {
    let stem = Path::new(spec_file).file_stem().map_or_else(|| "api".into(), |s| s.to_string_lossy().into_owned());
    format!("{}.rs", stem.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_"))
}

fn default_crate_name(title: &str) -> String {
    let name =
        title.chars().filter(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || *c == '-').collect::<String>();
    let name = name.to_kebab_case();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("api-{name}").trim_end_matches('-').to_owned()
    }
}

fn valid_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `info.version` when it is a plain semantic version, `MAJOR.MINOR.PATCH` with no
/// pre-release or build; API versions like `2022-11-28` are not.
fn default_version(version: &str) -> String {
    match semver::Version::parse(version) {
        Ok(parsed) if parsed.pre.is_empty() && parsed.build.is_empty() => version.to_owned(),
        _ => "0.1.0".to_owned(),
    }
}

/// The coverage line `generate` ends with.
pub fn coverage_line(coverage: &Coverage) -> String {
    format!("{}/{} operations fully typed", coverage.fully_typed, coverage.in_spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_spec() {
        assert_eq!(default_crate_name("Decart API"), "decart-api");
        assert_eq!(default_crate_name("GitHub v3 REST API"), "git-hub-v3-rest-api");
        assert_eq!(default_crate_name("1Password"), "api-1password");
        assert_eq!(default_version("1.0.0"), "1.0.0");
        assert_eq!(default_version("2022-11-28"), "0.1.0");
        assert_eq!(default_version("1.0"), "0.1.0");
        assert_eq!(default_version("01.2.3"), "0.1.0");
        assert_eq!(default_version("1.2.3-beta"), "0.1.0");
        assert_eq!(module_file_name("openapi.json"), "openapi.rs");
        assert_eq!(module_file_name("my spec.v2.yaml"), "my_spec_v2.rs");
    }

    #[test]
    fn a_crate_version_cargo_rejects_is_refused() {
        let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        let generate =
            |version: &str| Config::new().crate_version(version).generate_crate_from_str(spec, Format::Json, "t.json");
        let error = generate("banana").expect_err("not a version");
        assert!(
            error.to_string().starts_with("invalid configuration: `banana` is not a valid crate version"),
            "{error}"
        );
        assert!(generate("1.2").is_err());
        let generated = generate("1.2.3-beta.1").expect("a pre-release is a version");
        assert!(generated.files[Path::new("Cargo.toml")].contains("version = \"1.2.3-beta.1\""));
    }

    #[test]
    fn overlays_apply_in_order_and_are_inputs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = dir.path().join("api.yaml");
        std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n").expect("write");
        let overlay = |name: &str, title: &str| {
            let path = dir.path().join(name);
            let text = format!(
                "overlay: 1.0.0\ninfo: {{title: o, version: '1'}}\nactions:\n  - target: $.info\n    update: {{title: {title}}}\n"
            );
            std::fs::write(&path, text).expect("write");
            path
        };
        let (first, second) = (overlay("first.yaml", "First"), overlay("second.yaml", "Second"));
        let generated = Config::new().overlay(&first).overlay(&second).generate_module(&spec).expect("generates");
        assert_eq!(generated.inputs, [spec.clone(), first.clone(), second.clone()]);
        let (_, source) = generated.files.iter().next().expect("one file");
        assert!(source.contains("Second"), "the last overlay applied wins");
    }

    #[test]
    fn license_and_repository_reach_the_manifest_only_when_set() {
        let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        let plain = Config::new().generate_crate_from_str(spec, Format::Json, "t.json").expect("valid");
        let manifest = &plain.files[Path::new("Cargo.toml")];
        assert!(!manifest.contains("license") && !manifest.contains("repository"), "{manifest}");
        let mut config = Config::new();
        config.crate_license("MIT OR Apache-2.0").crate_repository("https://example.com/acme \"api\"");
        let generated = config.generate_crate_from_str(spec, Format::Json, "t.json").expect("valid");
        let manifest = &generated.files[Path::new("Cargo.toml")];
        assert!(manifest.contains("license = \"MIT OR Apache-2.0\"\n"), "{manifest}");
        assert!(manifest.contains("repository = \"https://example.com/acme \\\"api\\\"\"\n"), "{manifest}");
    }
}
