//! Located problems: every diagnostic names a JSON pointer into the spec.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::Serialize;

use crate::load::Location;

/// An RFC 6901 JSON pointer, kept in its escaped form (`#/paths/~1pets/get`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Self("#".to_owned())
    }

    /// Parses a local `$ref` target such as `#/components/schemas/Pet`. A `$ref` is a URI,
    /// so its fragment may be percent-encoded (`%7Bid%7D` for `{id}`, RFC 6901 section 6).
    pub fn from_ref(reference: &str) -> Option<Self> {
        if reference != "#" && !reference.starts_with("#/") {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(reference).decode_utf8().ok()?;
        Some(Self(decoded.into_owned()))
    }

    /// This pointer extended by one unescaped segment.
    pub fn push(&self, segment: impl AsRef<str>) -> Self {
        let mut pointer = self.clone();
        pointer.append(segment.as_ref());
        pointer
    }

    fn append(&mut self, segment: &str) {
        Self::escape_into(&mut self.0, segment);
    }

    /// Appends `/` and `segment`, escaped, to a pointer being built as text.
    pub(crate) fn escape_into(pointer: &mut String, segment: &str) {
        pointer.reserve(1 + segment.len());
        pointer.push('/');
        for c in segment.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c => pointer.push(c),
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped segments after `#`, borrowed unless one holds an escape.
    pub fn segments(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        self.0.split('/').skip(1).map(|segment| {
            if segment.contains('~') {
                Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(segment)
            }
        })
    }

    /// The section and the name of the component the pointer names exactly
    /// (`("schemas", "Pet")` for `#/components/schemas/Pet`), unescaped.
    pub fn component(&self) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
        let mut segments = self.segments();
        match (segments.next(), segments.next(), segments.next(), segments.next()) {
            (Some(components), Some(section), Some(name), None) if components == "components" => Some((section, name)),
            _ => None,
        }
    }

    /// The last unescaped segment, if the pointer is not the root.
    pub fn last(&self) -> Option<String> {
        self.segments().last().map(Cow::into_owned)
    }

    /// Looks the pointer up in a document.
    pub fn resolve<'a>(&self, document: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        self.segments().try_fold(document, |value, segment| match value {
            serde_json::Value::Object(map) => map.get(&*segment),
            serde_json::Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
    }
}

/// A place in a document being walked. Its [`JsonPointer`] is built only when a problem is
/// reported there, so a walk over a large document allocates nothing per node.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    At(&'a JsonPointer),
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl Place<'_> {
    /// The member `key` of the object here.
    pub fn key<'b>(&'b self, key: &'b str) -> Place<'b> {
        Place::Key(self, key)
    }

    /// The item `index` of the list here.
    pub fn index(&self, index: usize) -> Place<'_> {
        Place::Index(self, index)
    }

    /// The pointer to this place, built in one string.
    pub fn pointer(&self) -> JsonPointer {
        let mut path = Vec::new();
        let mut place = self;
        let base = loop {
            match place {
                Place::At(pointer) => break *pointer,
                Place::Key(parent, _) | Place::Index(parent, _) => {
                    path.push(place);
                    place = parent;
                }
            }
        };
        let mut pointer = base.clone();
        for place in path.into_iter().rev() {
            match place {
                Place::Key(_, key) => pointer.append(key),
                Place::Index(_, index) => pointer.append(&index.to_string()),
                Place::At(_) => {}
            }
        }
        pointer
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Generation went on with a less precise type; the output still compiles.
    Warning,
    /// Generation cannot produce a correct crate.
    Error,
}

/// One problem found in a spec, at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pointer: JsonPointer,
    /// The file the pointer is in when it is not the spec itself but a file the spec refers
    /// to, named from the spec's directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where the pointer's node is in the spec's text, when the spec is YAML (whose lines a
    /// pointer does not make easy to find) and the node is in the file itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(pointer: JsonPointer, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, pointer, file: None, location: None, message: message.into(), help: None }
    }

    pub fn warning(pointer: JsonPointer, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, pointer, file: None, location: None, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic for a terminal, naming the file it belongs to: `spec_file`, or
    /// the referenced file it names itself.
    pub fn render(&self, spec_file: &str) -> String {
        let file = self.file.as_deref().unwrap_or(spec_file);
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let mut text = match self.location {
            // `file:line:column` first, as compilers print it, so terminals and editors link it.
            Some(at) => format!("{label}: {}\n  --> {file}:{}:{} {}", self.message, at.line, at.column, self.pointer),
            None => format!("{label}: {}\n  --> {file}{}", self.message, self.pointer),
        };
        if let Some(help) = &self.help {
            text.push_str("\n  = help: ");
            text.push_str(help);
        }
        text
    }
}

/// Collects the problems of one pass so a user can fix them all at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    warnings: usize,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.warnings += usize::from(diagnostic.severity == Severity::Warning);
        self.items.push(diagnostic);
    }

    /// How many warnings have been pushed so far.
    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics in a stable order: by place in the spec, then by text.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (&a.pointer, a.severity, &a.message).cmp(&(&b.pointer, b.severity, &b.message)));
        self.items.dedup();
        self.items
    }
}

/// Where the parts of one stage report what they find, shared by reference: in the IR, the
/// schema lowering, the operations and the security schemes all report to one, and an
/// operation's precision is told by the warnings reported while it was lowered.
#[derive(Debug, Default)]
pub struct Report(RefCell<Diagnostics>);

impl Report {
    pub fn push(&self, diagnostic: Diagnostic) {
        self.0.borrow_mut().push(diagnostic);
    }

    pub fn warn(&self, at: &JsonPointer, message: impl Into<String>) {
        self.push(Diagnostic::warning(at.clone(), message));
    }

    /// How many warnings have been reported so far.
    pub fn warning_count(&self) -> usize {
        self.0.borrow().warning_count()
    }

    pub fn into_diagnostics(self) -> Diagnostics {
        self.0.into_inner()
    }
}

/// The known name closest to `wanted`, for "did you mean" hints.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|name| (strsim::jaro_winkler(wanted, name), name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_unescapes_segments() {
        let pointer = JsonPointer::root().push("paths").push("/v1/a~b").push("post");
        assert_eq!(pointer.as_str(), "#/paths/~1v1~1a~0b/post");
        assert_eq!(pointer.segments().collect::<Vec<_>>(), ["paths", "/v1/a~b", "post"]);
    }

    #[test]
    fn pointer_resolves_objects_and_arrays() {
        let doc = serde_json::json!({"a/b": [{"c": 1}]});
        let pointer = JsonPointer::from_ref("#/a~1b/0/c").expect("local ref");
        assert_eq!(pointer.resolve(&doc), Some(&serde_json::json!(1)));
        assert_eq!(JsonPointer::from_ref("#/missing").and_then(|p| p.resolve(&doc).cloned()), None);
        assert!(JsonPointer::from_ref("other.json#/a").is_none());
        let encoded = JsonPointer::from_ref("#/paths/~1a~1%7Bid%7D").expect("local ref");
        assert_eq!(encoded.segments().collect::<Vec<_>>(), ["paths", "/a/{id}"]);
    }

    #[test]
    fn closest_suggests_only_near_names() {
        assert_eq!(closest("Pets", ["Pet", "Owner"]), Some("Pet"));
        assert_eq!(closest("Zebra", ["Pet", "Owner"]), None);
    }
}
