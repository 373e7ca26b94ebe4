//! One snapshot per spec file: under `spec/cases/`, the IR and the generated code with
//! any warnings; under `spec/invalid/`, the error message. Review changes with
//! `cargo insta review`; never accept them unread.

use std::path::Path;

use openapi_gen::{Config, Format};

fn read(path: &Path) -> (String, String, Format) {
    let text = std::fs::read_to_string(path).expect("case file is readable");
    let name = path.file_name().expect("file name").to_string_lossy().into_owned();
    let format = Format::detect(path, &text);
    (text, name, format)
}

#[test]
fn cases_ir() {
    insta::glob!("../spec/cases", "*.{json,yaml}", |path| {
        let (text, name, format) = read(path);
        let (api, _) =
            openapi_gen_tests::case_config(&name).build_ir(&text, format, &name).expect("case specs are valid");
        insta::assert_yaml_snapshot!(api);
    });
}

#[test]
fn cases_code() {
    insta::glob!("../spec/cases", "*.{json,yaml}", |path| {
        let (text, name, format) = read(path);
        let generated = openapi_gen_tests::case_config(&name)
            .generate_crate_from_str(&text, format, &name)
            .expect("case specs are valid");
        let mut snapshot = String::new();
        for warning in &generated.warnings {
            snapshot.push_str(&warning.render(&name));
            snapshot.push_str("\n\n");
        }
        snapshot.push_str(&openapi_gen::coverage_line(&generated.coverage));
        snapshot.push('\n');
        // The runtime, the manifest and lib.rs are the same for every spec: the runtime is
        // reviewed as source, the others through the freshness test of generated/.
        let per_spec = ["src/models.rs", "src/responses.rs", "src/client.rs", "src/builders.rs"];
        for (file, content) in generated.files.iter().filter(|(f, _)| per_spec.iter().any(|p| f.ends_with(p))) {
            snapshot.push_str(&format!("\n=== {} ===\n{content}", file.display()));
        }
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn invalid_specs_are_rejected_with_located_errors() {
    insta::glob!("../spec/invalid", "*.{json,yaml}", |path| {
        let (text, name, format) = read(path);
        let error = Config::new().generate_crate_from_str(&text, format, &name).expect_err("invalid specs fail");
        insta::assert_snapshot!(error.to_string());
    });
}

#[test]
fn invalid_overlays_are_rejected_with_located_errors() {
    insta::glob!("../spec/invalid-overlays", "*.{json,yaml}", |path| {
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let mut config = Config::new();
        // Named from this package's directory, where tests run, so messages are the same on
        // every machine.
        config.overlay(Path::new("../spec/invalid-overlays").join(&name));
        let error = config.generate_crate("../spec/cases/real-data.yaml").expect_err("invalid overlays fail");
        insta::assert_snapshot!(error.to_string());
    });
}

/// The change report `generate` prints, for each edit in `spec/api-changes` (an overlay
/// on `base.yaml` there): the crate is regenerated over the base crate's name lock.
#[test]
fn api_changes_are_reported_in_semver_terms() {
    let base_spec = "../spec/api-changes/base.yaml";
    let base = Config::new().generate_crate(base_spec).expect("the base generates");
    let lock = &base.files[Path::new(openapi_gen::lock::FILE_NAME)];
    let lock = openapi_gen::lock::NameLock::parse(lock, "openapi-gen.lock").expect("lock reads");
    let surface = |generated: &openapi_gen::Generated| {
        let files = generated.files.iter().map(|(path, text)| (path.as_path(), text.as_str()));
        openapi_gen::surface::Surface::of_files(files).expect("generated code parses")
    };
    let before = surface(&base);
    insta::glob!("../spec/api-changes", "*.overlay.yaml", |path| {
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let mut config = Config::new();
        config.name_lock(lock.clone()).overlay(Path::new("../spec/api-changes").join(&name));
        let after = config.generate_crate(base_spec).expect("the edited spec generates");
        let changes = openapi_gen::changes::ApiChanges::between(&before, &surface(&after));
        let mut snapshot = changes.to_string();
        for warning in &after.warnings {
            snapshot.push_str(&format!("\n{}", warning.render("base.yaml")));
        }
        insta::assert_snapshot!(snapshot);
    });
}

/// A snapshot whose spec file was removed or renamed would never be checked again.
#[test]
fn every_snapshot_belongs_to_a_spec_file() {
    let root = openapi_gen_tests::root();
    let snapshots = root.join("tests/snapshots");
    for entry in std::fs::read_dir(&snapshots).expect("snapshots dir") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".snap") else {
            panic!("unexpected file in tests/snapshots: {name} (unreviewed .snap.new files must not be committed)");
        };
        // Snapshots made by `glob!` are named after their spec file; others after their test.
        let Some((_, spec)) = stem.split_once('@') else { continue };
        let folder = if name.starts_with("snapshots__api_changes") {
            "spec/api-changes"
        } else if name.starts_with("snapshots__invalid_overlays") {
            "spec/invalid-overlays"
        } else if name.starts_with("snapshots__invalid") {
            "spec/invalid"
        } else {
            "spec/cases"
        };
        assert!(root.join(folder).join(spec).exists(), "{name} has no spec file {folder}/{spec}; delete it");
    }
}
