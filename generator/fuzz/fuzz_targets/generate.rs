//! Load → normalise → lower → emit → layout on arbitrary bytes, read as JSON and as YAML.
//! Any panic is a bug: the pipeline turns one into `Error::Internal`, which is re-raised
//! here so libFuzzer records it. Every file of a successful run must parse as Rust.

#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_gen::{Config, Error, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Json, Format::Yaml] {
        match Config::new().generate_crate_from_str(text, format, "fuzz.json") {
            Ok(generated) => {
                for (path, source) in &generated.files {
                    if path.extension().is_some_and(|e| e == "rs") {
                        if let Err(error) = syn::parse_file(source) {
                            panic!("{} does not parse: {error}", path.display());
                        }
                    }
                }
            }
            Err(Error::Internal(message)) => panic!("{message}"),
            Err(_) => {}
        }
    }
});
