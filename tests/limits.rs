//! Inputs at the edge of what the generator accepts: they work, or fail with a clear
//! error, within the stack of an ordinary thread.

use openapi_gen::Config;
use openapi_gen_tests::root;

/// Test threads have small (2 MiB) stacks: a spec nested nearly as deep as the parser
/// allows still generates there.
#[test]
fn deeply_nested_spec_generates_on_a_small_stack() {
    let generated = Config::new().generate_crate(root().join("spec/limits/deep-valid.json")).expect("generates");
    let models = &generated.files[std::path::Path::new("src/models.rs")];
    assert_eq!(models.matches("pub struct").count(), 60);
}

#[test]
fn deep_nesting_in_every_json_shape_is_rejected_cleanly() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let text = format!("{}1{}", open.repeat(5000), close.repeat(5000));
        let error =
            Config::new().generate_crate_from_str(&text, openapi_gen::Format::Json, "deep.json").expect_err("too deep");
        assert!(error.to_string().contains("more than 128 levels deep"), "{error}");
        let error =
            Config::new().generate_crate_from_str(&text, openapi_gen::Format::Yaml, "deep.yaml").expect_err("too deep");
        assert!(error.to_string().contains("not valid YAML"), "{error}");
    }
}

/// Every input the fuzzer ever crashed on, replayed the way the fuzz target reads it.
#[test]
fn fuzz_regressions_no_longer_crash() {
    let dir = root().join("spec/fuzz-regressions");
    for entry in std::fs::read_dir(&dir).expect("regressions dir") {
        let path = entry.expect("entry").path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
        for format in [openapi_gen::Format::Json, openapi_gen::Format::Yaml] {
            if let Err(openapi_gen::Error::Internal(message)) =
                Config::new().generate_crate_from_str(&text, format, "regression")
            {
                panic!("{} still crashes: {message}", path.display());
            }
        }
    }
}
