//! The vendored full specs of GitHub's REST API and Stripe (`spec/large/`, gzipped) become
//! crates that `cargo check` accepts, every feature on. Slow (minutes), so CI runs it once;
//! `tests/corpus/github-check` measures the cost.

use std::io::Read;

use openapi_gen::{Config, Format};

#[test]
fn github_and_stripe_generate_and_compile() {
    let root = openapi_gen_tests::root();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut members = Vec::new();
    for (crate_name, file) in [("github-rest", "github-rest.json.gz"), ("stripe", "stripe.json.gz")] {
        let gzipped = std::fs::File::open(root.join("spec/large").join(file)).expect("vendored spec");
        let mut text = String::new();
        flate2::read::GzDecoder::new(gzipped).read_to_string(&mut text).expect("gzipped UTF-8");
        let mut config = Config::new();
        config.crate_name(crate_name);
        let generated = config.generate_crate_from_str(&text, Format::Json, file).expect("generates");
        let coverage = openapi_gen::coverage_line(&generated.coverage);
        eprintln!("{crate_name}: {coverage}");
        generated.write_to(&dir.path().join(crate_name)).expect("written");
        members.push(format!("\"{crate_name}\""));
    }
    std::fs::write(dir.path().join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\n", members.join(", ")))
        .expect("workspace manifest");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--workspace", "--all-features"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", root.join("target/large"))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// GitHub's own examples, read as the generated types would read them. The rates asserted
/// are those the README states for the default mode; a change that lowers them fails here.
#[test]
fn githubs_examples_read_as_the_generated_types() {
    let root = openapi_gen_tests::root();
    let gzipped = std::fs::File::open(root.join("spec/large/github-rest.json.gz")).expect("vendored spec");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gzipped).read_to_string(&mut text).expect("gzipped UTF-8");
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("github-rest.json");
    std::fs::write(&spec, text).expect("written");
    let report = Config::new().check_examples(&spec).expect("reads");
    eprintln!("github-rest: {}", report.summary());
    let rate = |read: usize, of: usize| read as f64 / of as f64;
    assert!(report.checked > 3000, "{}", report.summary());
    assert!(rate(report.checked - report.mismatches.len(), report.checked) >= 0.96, "{}", report.summary());
    assert!(
        rate(report.response_bodies - report.response_mismatches, report.response_bodies) >= 0.84,
        "{}",
        report.summary()
    );

    // Lenient: a response example that fails only for missing or null required values
    // reads, each such value listed; what remains are values of another type.
    let lenient = Config::new().lenient(true).check_examples(&spec).expect("reads");
    eprintln!("github-rest, lenient: {}", lenient.summary());
    assert!(!lenient.deviations.is_empty());
    assert!(lenient.response_mismatches < report.response_mismatches, "{}", lenient.summary());
    // Left unread for a missing value: requests (never lenient) and values inside unions,
    // which read their variants whole in the runtime too.
    let repairable = |m: &&openapi_gen::Diagnostic| {
        (m.message.contains("missing") || m.message.contains("is `null`"))
            && !m.message.starts_with("no variant")
            && !m.message.starts_with("no member")
            && !m.pointer.as_str().contains("/requestBody/")
    };
    let left: Vec<&str> = lenient.mismatches.iter().filter(repairable).map(|m| m.pointer.as_str()).collect();
    assert!(left.is_empty(), "{left:?}");
}
