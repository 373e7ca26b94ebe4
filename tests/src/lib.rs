//! Helpers shared by the workspace-level tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The generator settings a `spec/cases` file is generated with: the defaults, but for the
/// cases that show an option, which are named after it, and the overlay of the same name in
/// `spec/overlays`, if there is one. Tests run in this package's directory, and the overlay
/// is named from there, as messages and snapshots show it.
pub fn case_config(file_name: &str) -> openapi_gen::Config {
    let mut config = openapi_gen::Config::new();
    config.tri_state(file_name.starts_with("tri-state."));
    config.typed_formats(file_name.starts_with("typed-formats."));
    config.lenient(file_name.starts_with("lenient."));
    if file_name.starts_with("tag-features.") {
        config.tag_features(true);
    }
    if root().join("spec/overlays").join(file_name).exists() {
        config.overlay(Path::new("../spec/overlays").join(file_name));
    }
    config
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_owned).unwrap_or_default()
}

/// The `openapi-gen` binary, built once per test process. Tests in this package cannot use
/// `CARGO_BIN_EXE_*` for another package's binary, so they ask cargo for it.
pub fn cli_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let output = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--package", "openapi-gen", "--bin", "openapi-gen", "--message-format=json"])
            .current_dir(root())
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "building openapi-gen failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| message["reason"] == "compiler-artifact")
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the openapi-gen executable")
    })
}

/// The command that regenerates `generated/`, as the README gives it.
pub const REGENERATE: &str = "cargo run -p openapi-gen -- generate spec/openapi.json --out generated";
