//! Every `spec/cases` spec as the standalone crate `generate` writes, with every cargo
//! feature on (the `mock` module included), checked by clippy with `-D warnings` in one
//! workspace. The `cases` crate covers the build.rs form; this covers the crate form.

use openapi_gen::Format;

#[test]
fn every_case_is_a_clean_standalone_crate_with_all_features() {
    let root = openapi_gen_tests::root();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut members = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir(root.join("spec/cases")).expect("cases").flatten().collect();
    cases.sort_by_key(|entry| entry.file_name());
    for entry in cases {
        let path = entry.path();
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut config = openapi_gen_tests::case_config(&name);
        config.crate_name(format!("case-{stem}"));
        let generated =
            config.generate_crate_from_str(&text, Format::detect(&path, &text), &name).expect("case specs generate");
        generated.write_to(&dir.path().join(&stem)).expect("written");
        members.push(format!("\"{stem}\""));
    }
    std::fs::write(dir.path().join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\n", members.join(", ")))
        .expect("workspace manifest");
    let clippy = |features: &[&str]| {
        let output = std::process::Command::new(env!("CARGO"))
            .args(["clippy", "--quiet", "--all-targets"])
            .args(features)
            .args(["--", "-D", "warnings"])
            .current_dir(dir.path())
            .env("CARGO_TARGET_DIR", root.join("target/standalone"))
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "clippy {features:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    clippy(&["--workspace", "--all-features"]);
    // Per-tag features: the crate must be clean with its defaults (every tag, no
    // `extra-schemas`), with none, and with each one alone.
    clippy(&["--package", "case-tag-features"]);
    clippy(&["--workspace", "--no-default-features"]);
    for feature in ["extra-schemas", "pets", "store-orders", "untagged"] {
        clippy(&["--package", "case-tag-features", "--no-default-features", "--features", feature]);
    }
}
