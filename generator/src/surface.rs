//! The public API of a generated crate, item by item: every public type, field, variant,
//! alias target, constant and method signature, with the cargo features it is compiled
//! with. Read from the crate's source with syn, so the crate on disk (written by any
//! earlier version) and the one just generated are seen the same way. Tools that compare
//! crates through rustdoc's JSON need a nightly compiler; the generated code's shape is
//! known, so its source says all that is needed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use quote::ToTokens;
use syn::{Attribute, Fields, ImplItem, Item, Visibility};

/// One crate's public items, by path (`models::Repo`, `models::Repo.name`,
/// `models::State::Open`, `Client::get_repo`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    pub items: BTreeMap<String, SurfaceItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceItem {
    pub what: What,
    /// The item as the compiler sees it, without docs: `struct`, `type = models::Repo`, a
    /// field's type, a variant's payload, a signature.
    pub text: String,
    /// The features any one of which compiles it; `None`: always compiled.
    pub features: Option<BTreeSet<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Type,
    /// A public field; `optional` when its type is an `Option` (or a tri-state).
    Field {
        optional: bool,
    },
    /// An enum variant; `open` when the enum keeps unlisted values in a catch-all, so a
    /// match has an arm for what it does not know.
    Variant {
        open: bool,
    },
    Function,
    Constant,
    Reexport,
}

impl Surface {
    /// The surface of a crate's source files, keyed by path under the crate root
    /// (`src/models.rs`). The runtime module is the generator's own, not the spec's, and is
    /// left out.
    pub fn of_files<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> Result<Self, syn::Error> {
        let mut surface = Self::default();
        for (path, text) in files {
            let Ok(relative) = path.strip_prefix("src") else { continue };
            if path.extension().is_none_or(|e| e != "rs") || relative == Path::new("runtime.rs") {
                continue;
            }
            let module = match relative.with_extension("").to_string_lossy().replace('\\', "/").as_str() {
                "lib" => String::new(),
                other => other.replace('/', "::"),
            };
            let file = syn::parse_file(text)?;
            surface.add_items(&module, &file.items, &None);
        }
        Ok(surface)
    }

    /// The surface of the crate in `dir`, if one is there.
    pub fn of_crate(dir: &Path) -> Option<Result<Self, syn::Error>> {
        let src = dir.join("src");
        let mut files = Vec::new();
        for entry in walk(&src) {
            let text = std::fs::read_to_string(&entry).ok()?;
            let relative = entry.strip_prefix(dir).ok()?.to_owned();
            files.push((relative, text));
        }
        if files.is_empty() {
            return None;
        }
        Some(Self::of_files(files.iter().map(|(path, text)| (path.as_path(), text.as_str()))))
    }

    fn add_items(&mut self, module: &str, items: &[Item], inherited: &Option<BTreeSet<String>>) {
        for item in items {
            match item {
                Item::Struct(item) if is_public(&item.vis) => {
                    let path = join(module, &item.ident.to_string());
                    let features = features_of(&item.attrs, inherited);
                    self.add(&path, What::Type, "struct".to_owned(), &features);
                    for (index, field) in item.fields.iter().enumerate().filter(|(_, f)| is_public(&f.vis)) {
                        let name = field.ident.as_ref().map_or_else(|| index.to_string(), ToString::to_string);
                        let text = tokens(&field.ty);
                        let optional = text.starts_with("Option<")
                            || text.starts_with("::std::option::Option<")
                            || text.contains("Tristate<");
                        self.add(&format!("{path}.{name}"), What::Field { optional }, text, &features);
                    }
                }
                Item::Enum(item) if is_public(&item.vis) => {
                    let path = join(module, &item.ident.to_string());
                    let features = features_of(&item.attrs, inherited);
                    self.add(&path, What::Type, "enum".to_owned(), &features);
                    let open = item.variants.iter().any(|v| v.ident == "Unknown")
                        || item.attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
                    for variant in &item.variants {
                        let text = match &variant.fields {
                            Fields::Unit => String::new(),
                            fields => tokens(fields),
                        };
                        self.add(&format!("{path}::{}", variant.ident), What::Variant { open }, text, &features);
                    }
                }
                Item::Type(item) if is_public(&item.vis) => {
                    let features = features_of(&item.attrs, inherited);
                    let text = format!("type = {}", tokens(&item.ty));
                    self.add(&join(module, &item.ident.to_string()), What::Type, text, &features);
                }
                Item::Const(item) if is_public(&item.vis) => {
                    let features = features_of(&item.attrs, inherited);
                    self.add(&join(module, &item.ident.to_string()), What::Constant, tokens(&item.ty), &features);
                }
                Item::Fn(item) if is_public(&item.vis) => {
                    let features = features_of(&item.attrs, inherited);
                    let path = join(module, &item.sig.ident.to_string());
                    self.add(&path, What::Function, tokens(&item.sig), &features);
                }
                Item::Use(item) if is_public(&item.vis) => {
                    let features = features_of(&item.attrs, inherited);
                    let text = tokens(&item.tree);
                    self.add(&join(module, &format!("use {text}")), What::Reexport, text, &features);
                }
                Item::Mod(item) if is_public(&item.vis) => {
                    if let Some((_, inner)) = &item.content {
                        let features = features_of(&item.attrs, inherited);
                        self.add_items(&join(module, &item.ident.to_string()), inner, &features);
                    }
                }
                Item::Impl(item) if item.trait_.is_none() => {
                    let owner = tokens(&item.self_ty);
                    // `Client` is re-exported at the root; its methods are its own items.
                    let owner = if owner == "Client" { owner } else { join(module, &owner) };
                    let features = features_of(&item.attrs, inherited);
                    for member in &item.items {
                        match member {
                            ImplItem::Fn(f) if is_public(&f.vis) => {
                                let features = features_of(&f.attrs, &features);
                                let path = format!("{owner}::{}", f.sig.ident);
                                self.add(&path, What::Function, tokens(&f.sig), &features);
                            }
                            ImplItem::Const(c) if is_public(&c.vis) => {
                                let features = features_of(&c.attrs, &features);
                                let path = format!("{owner}::{}", c.ident);
                                self.add(&path, What::Constant, tokens(&c.ty), &features);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn add(&mut self, path: &str, what: What, text: String, features: &Option<BTreeSet<String>>) {
        self.items.insert(path.to_owned(), SurfaceItem { what, text, features: features.clone() });
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() { name.to_owned() } else { format!("{module}::{name}") }
}

fn is_public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// Tokens as one line without spaces between them, so layout never counts as a change.
fn tokens(item: &impl ToTokens) -> String {
    let text = item.to_token_stream().to_string();
    let mut out = String::with_capacity(text.len());
    let mut previous_word = false;
    for piece in text.split(' ').filter(|p| !p.is_empty()) {
        let word = piece.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '\'');
        if word && previous_word {
            out.push(' ');
        }
        out.push_str(piece);
        previous_word = piece.ends_with(|c: char| c.is_alphanumeric() || c == '_');
    }
    out
}

/// The features in an item's `#[cfg(…)]`, or those it inherits.
fn features_of(attrs: &[Attribute], inherited: &Option<BTreeSet<String>>) -> Option<BTreeSet<String>> {
    let Some(cfg) = attrs.iter().find(|a| a.path().is_ident("cfg")) else { return inherited.clone() };
    let text = cfg.meta.to_token_stream().to_string();
    let features: BTreeSet<String> = text
        .split("feature")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('=')?.trim_start().strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect();
    if features.is_empty() { inherited.clone() } else { Some(features) }
}

/// The `.rs` files under `dir`, sorted.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}
