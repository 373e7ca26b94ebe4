//! Specs split over several files: relative references are bundled, references that
//! escape the spec's directory are refused.

use std::path::Path;

use openapi_gen::Config;
use openapi_gen_tests::root;

#[test]
fn multi_file_spec_generates_one_client() {
    let generated = Config::new().generate_crate(root().join("spec/multi-file/openapi.yaml")).expect("generates");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert_eq!(openapi_gen::coverage_line(&generated.coverage), "2/2 operations fully typed");
    let code: String = ["src/models.rs", "src/responses.rs", "src/client.rs"]
        .iter()
        .map(|file| format!("=== {file} ===\n{}", generated.files[Path::new(file)]))
        .collect();
    insta::assert_snapshot!(code);
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn spec_referencing(reference: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n\
         components:\n  schemas:\n    A: {{$ref: '{reference}'}}\n"
    )
}

#[test]
fn references_outside_the_spec_directory_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "outside.yaml", "X: {type: string}\n");
    write(dir.path(), "spec/openapi.yaml", &spec_referencing("../outside.yaml#/X"));
    let spec = dir.path().join("spec/openapi.yaml");

    let error = Config::new().generate_crate(&spec).expect_err("escapes");
    let message = error.to_string();
    assert!(message.contains("`../outside.yaml#/X` points outside"), "{message}");
    assert!(message.contains("openapi.yaml:6:9 #/components/schemas/A/$ref"), "{message}");
    assert!(message.contains("--ref-root"), "{message}");

    // Naming a wider root allows it.
    let generated = Config::new().ref_root(dir.path()).generate_crate(&spec).expect("allowed");
    assert!(generated.files[Path::new("src/models.rs")].contains("pub type A = X;"));
}

#[test]
fn absolute_missing_and_remote_references_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (reference, expected) in [
        ("/etc/hostname", "points outside"),
        ("missing.yaml#/X", "cannot be read"),
        ("https://example.com/pet.yaml", "never fetches from the network"),
    ] {
        write(dir.path(), "openapi.yaml", &spec_referencing(reference));
        let error = Config::new().generate_crate(dir.path().join("openapi.yaml")).expect_err(reference);
        assert!(error.to_string().contains(expected), "{reference}: {error}");
    }
}

#[test]
fn a_fragment_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "other.yaml", "Y: {type: string}\n");
    write(dir.path(), "openapi.yaml", &spec_referencing("other.yaml#/X"));
    let error = Config::new().generate_crate(dir.path().join("openapi.yaml")).expect_err("missing fragment");
    assert!(error.to_string().contains("`other.yaml#/X` does not exist"), "{error}");
}

#[test]
fn an_error_in_a_referenced_file_names_that_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The bad reference is in `schemas/pet.yaml` at `#/Pet/properties/owner/$ref`; the spec
    // itself has no such place, so no line of the spec is given for it.
    write(
        dir.path(),
        "schemas/pet.yaml",
        "Pet:\n  type: object\n  properties:\n    owner: {$ref: 'missing.yaml#/Owner'}\n",
    );
    write(dir.path(), "openapi.yaml", &spec_referencing("schemas/pet.yaml#/Pet"));
    let error = Config::new().generate_crate(dir.path().join("openapi.yaml")).expect_err("missing file");
    let message = error.to_string();
    assert!(message.contains("--> schemas/pet.yaml#/Pet/properties/owner/$ref"), "{message}");
}
