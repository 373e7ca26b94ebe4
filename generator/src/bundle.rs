//! Multi-file specs: relative `$ref`s to other files become local references. Each
//! referenced part is copied once into the matching `components` section (chosen by where
//! the reference stands: a schema position, a parameter, a response…), and references
//! inside it are rewritten the same way, so the rest of the pipeline sees one document.
//!
//! Files may only come from inside `root` (by default the spec's own directory):
//! `../` escapes and absolute paths elsewhere are refused, and nothing is ever fetched
//! from the network.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, JsonPointer};
use crate::load::{self, Format};

/// Where a referenced part goes, by the position of the reference.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Schema,
    Parameter,
    Response,
    RequestBody,
    Header,
    PathItem,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Self::Schema => "schemas",
            Self::Parameter => "parameters",
            Self::Response => "responses",
            Self::RequestBody => "requestBodies",
            Self::Header => "headers",
            Self::PathItem => "pathItems",
        }
    }

    /// The kind of the value at the end of `path` (keys from the document root).
    fn at(path: &[String], inherited: Self) -> Self {
        let n = path.len();
        let last = path.last().map(String::as_str).unwrap_or_default();
        let parent = if n >= 2 { path[n - 2].as_str() } else { "" };
        let grandparent = if n >= 3 { path[n - 3].as_str() } else { "" };
        match (grandparent, parent, last) {
            (_, _, "schema" | "items" | "additionalProperties" | "not" | "contains" | "propertyNames") => Self::Schema,
            (_, "properties" | "patternProperties" | "$defs" | "definitions" | "schemas", _) => Self::Schema,
            (_, "allOf" | "anyOf" | "oneOf" | "prefixItems", _) => Self::Schema,
            (_, "parameters", _) => Self::Parameter,
            (_, "responses", _) => Self::Response,
            (_, _, "requestBody") | ("components", "requestBodies", _) => Self::RequestBody,
            (_, "headers", _) => Self::Header,
            ("", "paths", _) => Self::PathItem,
            _ => inherited,
        }
    }
}

struct Bundler {
    root: PathBuf,
    /// The spec file itself: references back into it stay local.
    main: PathBuf,
    files: HashMap<PathBuf, Value>,
    /// (file, fragment) → the local reference it was embedded as.
    embedded: HashMap<(PathBuf, String), String>,
    /// Parts to add, by section, in the order they were first referenced.
    added: Vec<(Kind, String, Value)>,
    taken: HashMap<&'static str, Vec<String>>,
    diagnostics: Vec<Diagnostic>,
}

/// Bundles `document`, read from `spec_path`, allowing files under `root`. Returns the
/// bundled document and the other files read for it, sorted.
pub fn bundle(mut document: Value, spec_path: &Path, root: &Path) -> Result<(Value, Vec<PathBuf>), Vec<Diagnostic>> {
    if !has_file_refs(&document) {
        return Ok((document, Vec::new()));
    }
    let root = root.canonicalize().map_err(|e| {
        vec![Diagnostic::error(
            JsonPointer::root(),
            format!("the reference root `{}` is unusable: {e}", root.display()),
        )]
    })?;
    let spec_path = spec_path.canonicalize().unwrap_or_else(|_| spec_path.to_owned());
    let mut bundler = Bundler {
        root,
        main: spec_path.clone(),
        files: HashMap::new(),
        embedded: HashMap::new(),
        added: Vec::new(),
        taken: HashMap::new(),
        diagnostics: Vec::new(),
    };
    for kind in [Kind::Schema, Kind::Parameter, Kind::Response, Kind::RequestBody, Kind::Header, Kind::PathItem] {
        let existing = document
            .pointer(&format!("/components/{}", kind.section()))
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        bundler.taken.insert(kind.section(), existing);
    }
    let mut path = Vec::new();
    bundler.rewrite(&mut document, &spec_path, &mut path, Kind::Schema, true);
    if !bundler.diagnostics.is_empty() {
        return Err(bundler.diagnostics);
    }
    let components =
        document.as_object_mut().map(|root| root.entry("components").or_insert_with(|| Value::Object(Map::new())));
    if let Some(Value::Object(components)) = components {
        for (kind, name, value) in bundler.added {
            if let Value::Object(section) =
                components.entry(kind.section()).or_insert_with(|| Value::Object(Map::new()))
            {
                section.insert(name, value);
            }
        }
    }
    let mut read: Vec<PathBuf> = bundler.files.into_keys().filter(|file| *file != spec_path).collect();
    read.sort();
    Ok((document, read))
}

fn has_file_refs(value: &Value) -> bool {
    match value {
        // One pass over the members: looking `$ref` up would hash it in every object of a
        // large spec, most of which have no file references at all.
        Value::Object(map) => map.iter().any(|(key, member)| match member {
            Value::String(reference) if key == "$ref" => !reference.starts_with('#') && !reference.contains("://"),
            member => has_file_refs(member),
        }),
        Value::Array(items) => items.iter().any(has_file_refs),
        _ => false,
    }
}

impl Bundler {
    /// Rewrites every reference in `value`, which lives in `file` at `path`. In the main
    /// document (`main`), local references stay as they are.
    fn rewrite(&mut self, value: &mut Value, file: &Path, path: &mut Vec<String>, inherited: Kind, main: bool) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let kind = Kind::at(path, inherited);
                    if let Some(local) = self.resolve(reference.clone(), file, path, kind, main) {
                        map.insert("$ref".into(), Value::String(local));
                    }
                }
                for (key, child) in map.iter_mut() {
                    if key == "$ref" || key.starts_with("x-") || matches!(key.as_str(), "example" | "examples") {
                        continue;
                    }
                    path.push(key.clone());
                    self.rewrite(child, file, path, Kind::at(path, inherited), main);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    path.push(index.to_string());
                    self.rewrite(child, file, path, Kind::at(path, inherited), main);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// The local reference for `reference`, embedding its target on first use; `None`
    /// leaves it unchanged (a local reference in the main document, or a remote one, which
    /// a later stage reports).
    fn resolve(&mut self, reference: String, file: &Path, path: &[String], kind: Kind, main: bool) -> Option<String> {
        if reference.contains("://") || (main && reference.starts_with('#')) {
            return None;
        }
        let (file_part, fragment) = reference.split_once('#').unwrap_or((&reference, ""));
        let fragment = format!("#{fragment}");
        let at = path.iter().fold(JsonPointer::root(), |p, s| p.push(s)).push("$ref");
        let target_file =
            if file_part.is_empty() {
                file.to_owned()
            } else {
                let joined = file.parent().unwrap_or(Path::new(".")).join(file_part);
                match joined.canonicalize() {
                    Ok(canonical) if canonical.starts_with(&self.root) => canonical,
                    Ok(_) => {
                        self.error(file, at, format!("`{reference}` points outside `{}`", self.root.display()), Some(
                        "files may only come from the spec's own directory tree; name another with `--ref-root`",
                    ));
                        return None;
                    }
                    Err(e) => {
                        self.error(file, at, format!("`{reference}` cannot be read: {e}"), None);
                        return None;
                    }
                }
            };
        if target_file == self.main {
            return Some(fragment);
        }
        let key = (target_file.clone(), fragment.clone());
        if let Some(local) = self.embedded.get(&key) {
            return Some(local.clone());
        }
        self.load(&target_file, file, &at)?;
        // Only the referenced part is copied, never the whole file.
        let target = self.files.get(&target_file).and_then(|document| {
            JsonPointer::from_ref(&fragment).and_then(|pointer| pointer.resolve(document)).cloned()
        });
        let Some(target) = target else {
            self.error(file, at, format!("`{reference}` does not exist in `{}`", target_file.display()), None);
            return None;
        };
        let stem = fragment
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty() && *s != "#")
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .unwrap_or_else(|| target_file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
        let name = self.unique_name(kind, &stem);
        let local = format!("#/components/{}/{}", kind.section(), name.replace('~', "~0").replace('/', "~1"));
        self.embedded.insert(key, local.clone());
        let mut target = target;
        // References inside the embedded part are relative to its own file.
        let mut inner_path: Vec<String> =
            fragment.trim_start_matches('#').split('/').skip(1).map(str::to_owned).collect();
        self.rewrite(&mut target, &target_file, &mut inner_path, kind, false);
        self.added.push((kind, name, target));
        Some(local)
    }

    /// Reads and parses `path` once; `None` (with an error recorded) when it cannot be.
    fn load(&mut self, path: &Path, from: &Path, at: &JsonPointer) -> Option<()> {
        if self.files.contains_key(path) {
            return Some(());
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                self.error(from, at.clone(), format!("`{}` cannot be read: {e}", path.display()), None);
                return None;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match load::parse(&text, Format::detect(path, &text), &name) {
            Ok(document) => {
                self.files.insert(path.to_owned(), document);
                Some(())
            }
            Err(e) => {
                self.error(from, at.clone(), e.to_string(), None);
                None
            }
        }
    }

    fn unique_name(&mut self, kind: Kind, stem: &str) -> String {
        let taken = self.taken.entry(kind.section()).or_default();
        let stem = if stem.is_empty() { "External" } else { stem };
        let name = (1..)
            .map(|n| if n == 1 { stem.to_owned() } else { format!("{stem}{n}") })
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_default();
        taken.push(name.clone());
        name
    }

    fn error(&mut self, file: &Path, at: JsonPointer, message: String, help: Option<&str>) {
        let mut diagnostic = Diagnostic::error(at, message);
        if file != self.main {
            // Named from the spec's directory, as the `$ref`s name it.
            let base = self.main.parent().unwrap_or(Path::new(""));
            diagnostic.file = Some(file.strip_prefix(base).unwrap_or(file).display().to_string());
        }
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }
}
