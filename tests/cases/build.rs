//! Generates a module for every spec in `spec/cases/` into OUT_DIR, through the same
//! build.rs front door users have, so `cargo clippy` holds each output to `-D warnings`.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cases");
    println!("cargo:rerun-if-changed={}", cases.display());
    let mut specs: Vec<_> = std::fs::read_dir(&cases)?.collect::<Result<Vec<_>, _>>()?;
    specs.sort_by_key(|entry| entry.file_name());
    let out_dir = std::env::var("OUT_DIR")?;
    let mut modules = String::new();
    for spec in specs {
        let path = spec.path();
        // Warnings are expected here (and snapshotted), so the quiet form is used rather
        // than `generate_to_out_dir`, which repeats them as `cargo:warning`s.
        let mut config = openapi_gen::Config::new();
        // The cases that show an option are generated with it, as their snapshots are.
        let file_name = spec.file_name().to_string_lossy().into_owned();
        config.tri_state(file_name.starts_with("tri-state."));
        config.typed_formats(file_name.starts_with("typed-formats."));
        config.lenient(file_name.starts_with("lenient."));
        let overlay = cases.join("../overlays").join(&file_name);
        if overlay.exists() {
            println!("cargo:rerun-if-changed={}", overlay.display());
            config.overlay(overlay);
        }
        let generated = config.generate_module(&path)?;
        generated.write_to(Path::new(&out_dir))?;
        let module = path.file_stem().and_then(|s| s.to_str()).ok_or("file name")?.replace('-', "_");
        let file = openapi_gen::module_file_name(&path.file_name().ok_or("file name")?.to_string_lossy());
        writeln!(modules, "pub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{file}\")); }}")?;
    }
    // Real-world specs, unedited.
    let real = cases.join("../real");
    println!("cargo:rerun-if-changed={}", real.display());
    let mut real_specs: Vec<_> = std::fs::read_dir(&real)?.collect::<Result<Vec<_>, _>>()?;
    real_specs.sort_by_key(|entry| entry.file_name());
    for spec in real_specs {
        let path = spec.path();
        let generated = openapi_gen::Config::new().generate_module(&path)?;
        let dir = Path::new(&out_dir).join("real");
        generated.write_to(&dir)?;
        let module = path.file_stem().and_then(|s| s.to_str()).ok_or("file name")?.replace('-', "_");
        let file = openapi_gen::module_file_name(&path.file_name().ok_or("file name")?.to_string_lossy());
        writeln!(modules, "pub mod real_{module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/real/{file}\")); }}")?;
    }
    // A spec split over several files, bundled from its path.
    let multi_file = cases.join("../multi-file/openapi.yaml");
    println!("cargo:rerun-if-changed={}", cases.join("../multi-file").display());
    let generated = openapi_gen::Config::new().generate_module(&multi_file)?;
    let bundled_dir = Path::new(&out_dir).join("multi-file");
    generated.write_to(&bundled_dir)?;
    writeln!(modules, "pub mod multi_file {{ include!(concat!(env!(\"OUT_DIR\"), \"/multi-file/openapi.rs\")); }}")?;
    std::fs::write(Path::new(&out_dir).join("cases.rs"), modules)?;
    Ok(())
}
