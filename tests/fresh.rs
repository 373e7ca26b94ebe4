//! The checked-in `generated/` crate must be what the generator makes of `spec/openapi.json`.

use openapi_gen::Config;
use openapi_gen_tests::{REGENERATE, root};

#[test]
fn generated_crate_is_fresh() {
    let generated = Config::new()
        .crate_name("decart-api")
        .generate_crate(root().join("spec/openapi.json"))
        .expect("spec generates");
    let stale = generated.stale_files(&root().join("generated"));
    assert!(stale.is_empty(), "generated/ is stale ({stale:?}); regenerate it with:\n\n    {REGENERATE}\n");
}

#[test]
fn json_and_yaml_specs_generate_identical_output() {
    let from_json = Config::new().generate_crate(root().join("spec/openapi.json")).expect("json generates");
    let from_yaml = Config::new().generate_crate(root().join("spec/openapi.yaml")).expect("yaml generates");
    for (path, json_content) in &from_json.files {
        // Only the header names the file it came from.
        let yaml_content = from_yaml.files[path].replace("openapi.yaml", "openapi.json");
        assert_eq!(json_content, &yaml_content, "{} differs", path.display());
    }
}

#[test]
fn generation_is_deterministic() {
    let spec = root().join("spec/cases/params.yaml");
    let first = Config::new().generate_crate(&spec).expect("generates");
    for _ in 0..5 {
        assert_eq!(first.files, Config::new().generate_crate(&spec).expect("generates").files);
    }
}

#[test]
fn module_output_is_one_parseable_file() {
    let generated = Config::new().generate_module(root().join("spec/openapi.json")).expect("generates");
    let (name, source) = generated.files.iter().next().expect("one file");
    assert_eq!(name.to_str(), Some("openapi.rs"));
    syn_free_parse_check(source);
}

/// `include!` takes items only: no inner attributes or `//!` docs at the top level
/// (inside an inline module they are fine).
fn syn_free_parse_check(source: &str) {
    for line in source.lines() {
        assert!(!line.starts_with("#![") && !line.starts_with("//!"), "not includable: {line}");
    }
    assert!(source.contains("pub mod models {"));
}
