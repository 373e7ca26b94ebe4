//! The `openapi-gen` command end to end: exit codes, atomic output, check mode, and a
//! generated crate that builds on its own.

use std::path::Path;
use std::process::{Command, Output};

use openapi_gen::Config;
use openapi_gen_tests::{cli_binary, root};

fn run(args: &[&str]) -> Output {
    Command::new(cli_binary()).args(args).current_dir(root()).output().expect("openapi-gen runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.display().to_string(), std::fs::read(&path).expect("readable file")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn help_documents_commands_and_exit_codes() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    let exit_codes =
        "Exit codes: 0 success, 1 `check` found stale files (or `examples` found examples that do not read, or";
    for expected in ["generate", "check", "examples", exit_codes] {
        assert!(help.contains(expected), "--help lacks {expected:?}:\n{help}");
    }
    let generate_help = String::from_utf8_lossy(&run(&["generate", "--help"]).stdout).into_owned();
    let flags = [
        "--out",
        "--crate-name",
        "--crate-version",
        "--deny-warnings",
        "--tri-state",
        "--typed-formats",
        "--lenient",
        "--overlay",
        "--quiet",
    ];
    for flag in flags {
        assert!(generate_help.contains(flag), "generate --help lacks {flag}");
    }
}

#[test]
fn typed_formats_bring_their_crates_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let generate = |name: &str, flags: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["generate", "spec/cases/typed-formats.yaml", "--out", out.to_str().expect("utf-8"), "-q"];
        args.extend(flags);
        let output = run(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml");
        let models = std::fs::read_to_string(out.join("src/models.rs")).expect("models");
        (manifest, models)
    };
    let (manifest, models) = generate("typed", &["--typed-formats"]);
    assert!(manifest.contains("\nchrono = ") && manifest.contains("\nuuid = "), "{manifest}");
    assert!(models.contains("pub id: ::uuid::Uuid,"), "{models}");
    let (manifest, models) = generate("plain", &[]);
    assert!(!manifest.contains("chrono") && !manifest.contains("uuid"), "{manifest}");
    assert!(models.contains("pub id: String,"), "{models}");
}

#[test]
fn generate_then_check_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    let out_arg = out.to_str().expect("utf-8 path");
    let output = run(&["generate", "spec/openapi.json", "--out", out_arg, "--crate-name", "decart-api"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("1/1 operations fully typed"), "{}", stderr(&output));

    let check = run(&["check", "spec/openapi.json", "--out", out_arg, "--crate-name", "decart-api"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // The CLI and the library builder give the same files.
    let library = Config::new().crate_name("decart-api").generate_crate(root().join("spec/openapi.json")).expect("ok");
    assert!(library.stale_files(&out).is_empty());

    // A second generate leaves unchanged files untouched.
    let models = out.join("src/models.rs");
    let before = std::fs::metadata(&models).and_then(|m| m.modified()).expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(run(&["generate", "spec/openapi.json", "--out", out_arg, "--crate-name", "decart-api"]).status.success());
    assert_eq!(before, std::fs::metadata(&models).and_then(|m| m.modified()).expect("mtime"));

    std::fs::write(&models, "// edited\n").expect("write");
    let stale = run(&["check", "spec/openapi.json", "--out", out_arg, "--crate-name", "decart-api"]);
    assert_eq!(stale.status.code(), Some(1));
    let message = stderr(&stale);
    assert!(
        message.contains("src/models.rs") && message.contains("regenerate with: openapi-gen generate"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&models).expect("read"), "// edited\n", "check must not write");
}

#[test]
fn deny_breaking_refuses_a_breaking_regeneration_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    let out_arg = out.to_str().expect("utf-8 path");
    let first = run(&["generate", "spec/openapi.json", "--out", out_arg]);
    assert!(first.status.success(), "{}", stderr(&first));

    // The same spec without the response's `apiKey`: callers reading that field break.
    let text = std::fs::read_to_string(root().join("spec/openapi.json")).expect("spec");
    let mut spec: serde_json::Value = serde_json::from_str(&text).expect("json");
    let response = &mut spec["components"]["schemas"]["ClientTokenResponse"];
    response["properties"].as_object_mut().expect("properties").remove("apiKey").expect("apiKey");
    if let Some(required) = response["required"].as_array_mut() {
        required.retain(|name| name != "apiKey");
    }
    let edited = dir.path().join("openapi.json");
    std::fs::write(&edited, serde_json::to_string(&spec).expect("json")).expect("write spec");
    let edited = edited.to_str().expect("utf-8 path");
    let before = snapshot_dir(&out);

    let check = run(&["check", edited, "--out", out_arg, "--deny-breaking"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let message = stderr(&check);
    assert!(message.contains("breaking: removed models::ClientTokenResponse.api_key `String`"), "{message}");
    assert!(message.contains("the public API changes in breaking ways, and --deny-breaking is given"), "{message}");

    let refused = run(&["generate", edited, "--out", out_arg, "--deny-breaking"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("breaking changes are denied:") && message.ends_with("\nnothing was written\n"),
        "{message}"
    );
    assert_eq!(snapshot_dir(&out), before);

    let allowed = run(&["generate", edited, "--out", out_arg]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    assert!(
        stderr(&allowed).contains("breaking: removed models::ClientTokenResponse.api_key `String`"),
        "{}",
        stderr(&allowed)
    );
    assert_ne!(snapshot_dir(&out), before);
}
#[test]
fn invalid_spec_exits_2_and_leaves_output_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    std::fs::create_dir_all(out.join("src")).expect("mkdir");
    std::fs::write(out.join("src/models.rs"), "// user content\n").expect("write");
    let before = snapshot_dir(dir.path());
    let output = run(&["generate", "spec/invalid/unknown-refs.yaml", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    // A YAML spec's errors say the line and column, then the pointer.
    assert!(message.contains("unknown-refs.yaml:17:17 #/components/schemas/Pet/properties/owner/$ref"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(before, snapshot_dir(dir.path()), "a failed run must not touch the output directory");
}

#[test]
fn missing_file_exits_2_naming_it() {
    let output = run(&["generate", "spec/nope.json", "--out", "/tmp/never-written"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read `spec/nope.json`"), "{}", stderr(&output));
    assert!(!Path::new("/tmp/never-written").exists());
}

#[test]
fn warnings_are_printed_and_can_be_denied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    let out_arg = out.to_str().expect("utf-8");
    let output = run(&["generate", "spec/cases/forms.yaml", "--out", out_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("warning: a multipart body without a schema of properties cannot be typed"), "{message}");
    assert!(
        message.contains("forms.yaml:90:11 #/paths/~1untyped-parts/post/requestBody/content/multipart~1form-data"),
        "{message}"
    );
    assert!(message.contains("4/5 operations fully typed\n"), "{message}");

    let denied = run(&["generate", "spec/cases/forms.yaml", "--out", out_arg, "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(2));
    assert!(stderr(&denied).contains("rejected because warnings are denied"), "{}", stderr(&denied));
}

#[test]
fn a_crate_records_its_options_and_check_uses_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    let out_arg = out.to_str().expect("utf-8 path");
    let options = ["--crate-name", "acme", "--typed-formats", "--tri-state", "--tag-features", "on"];
    let output = run(&[&["generate", "spec/cases/typed-formats.yaml", "--out", out_arg][..], &options[..]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    let recorded = std::fs::read_to_string(out.join(openapi_gen::OPTIONS_FILE)).expect("options recorded");
    for line in ["crate-name: acme\n", "tri-state: true\n", "typed-formats: true\n", "tag-features: true\n"] {
        assert!(recorded.contains(line), "{recorded}");
    }

    // Without the flags, `check` and `generate` use what the crate records.
    let check = run(&["check", "spec/cases/typed-formats.yaml", "--out", out_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let again = run(&["generate", "spec/cases/typed-formats.yaml", "--out", out_arg]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(check_status(out_arg), Some(0));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"acme\"") && manifest.contains("chrono"), "{manifest}");

    // A flag given wins, and the hint repeats the command as it was given.
    let other = run(&["check", "spec/cases/typed-formats.yaml", "--out", out_arg, "--crate-name", "other"]);
    assert_eq!(other.status.code(), Some(1));
    let message = stderr(&other);
    let hint = format!(
        "regenerate with: openapi-gen generate spec/cases/typed-formats.yaml --out {out_arg} --crate-name other"
    );
    assert!(message.contains(&hint), "{message}");
}

#[test]
fn check_applies_the_overlays_the_crate_was_made_with() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    let out_arg = out.to_str().expect("utf-8 path");
    let overlay = dir.path().join("fix.yaml");
    let overlay_arg = overlay.to_str().expect("utf-8 path");
    let fix = |description: &str| {
        let text = format!(
            "overlay: 1.0.0\ninfo: {{title: Fix, version: '1'}}\nactions:\n  - target: $.components.schemas.Accepted\n    \
             update: {{description: {description}}}\n"
        );
        std::fs::write(&overlay, text).expect("write overlay");
    };
    fix("Being created.");
    let spec = "spec/cases/real-data.yaml";
    let output = run(&["generate", spec, "--out", out_arg, "--overlay", overlay_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let models = std::fs::read_to_string(out.join("src/models.rs")).expect("models");
    assert!(models.contains("/// Being created.\n"), "the overlay was applied");
    let recorded = std::fs::read_to_string(out.join(openapi_gen::OPTIONS_FILE)).expect("options recorded");
    assert!(recorded.contains(&format!("overlays:\n- {overlay_arg}\n")), "{recorded}");

    // `check` applies the recorded overlay, so a change to it makes the crate stale.
    assert_eq!(run(&["check", spec, "--out", out_arg]).status.code(), Some(0));
    fix("Being created, slowly.");
    let stale = run(&["check", spec, "--out", out_arg]);
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    assert!(stderr(&stale).contains("src/models.rs"), "{}", stderr(&stale));

    // An overlay that cannot apply stops generation, naming the overlay, and writes nothing.
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: Fix, version: '1'}\nactions:\n  - target: $.info.title\n    update: x\n",
    )
    .expect("write overlay");
    let before = snapshot_dir(&out);
    let failed = run(&["generate", spec, "--out", out_arg]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(stderr(&failed).contains(&format!("--> {overlay_arg}:4:5 #/actions/0")), "{}", stderr(&failed));
    assert_eq!(snapshot_dir(&out), before);
}

#[test]
fn examples_that_do_not_read_are_named_where_they_go_wrong() {
    let output = run(&["examples", "spec/cases/real-data.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    let expected = "error: expected an integer (i64), found the text \"1\"\n  \
                    --> real-data.yaml:78:15 #/components/examples/stale-delivery/value/id\n  \
                    = help: read as the 200 response of `get_delivery`";
    assert!(message.contains(expected), "{message}");
    assert!(
        message.contains(
            "#/paths/~1deliveries~1{id}/get/responses/200/content/application~1json/examples/done/value/duration"
        ),
        "{message}"
    );
    assert!(message.contains("\n0 of 2 examples read as the generated types (0 of 2 response bodies)\n"), "{message}");
    // The overlay is applied first: with `duration` nullable, the first reads.
    let overlaid = run(&["examples", "spec/cases/real-data.yaml", "--overlay", "spec/overlays/real-data.yaml", "-q"]);
    assert_eq!(overlaid.status.code(), Some(1));
    assert_eq!(stderr(&overlaid), "1 of 2 examples read as the generated types (1 of 2 response bodies)\n");
}

fn check_status(out_arg: &str) -> Option<i32> {
    run(&["check", "spec/cases/typed-formats.yaml", "--out", out_arg]).status.code()
}

/// The generated crate is standalone: it builds outside this workspace with its own manifest.
#[test]
fn generated_crate_builds_outside_the_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("decart-api");
    let output = run(&["generate", "spec/openapi.json", "--out", out.to_str().expect("utf-8"), "-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let check = Command::new(env!("CARGO"))
        .args(["check", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", root().join("target/standalone"))
        .output()
        .expect("cargo runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

/// Each TLS backend the generated crate offers builds, and `Client::new` works with it.
#[test]
fn every_tls_backend_builds_a_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("decart-api");
    let output = run(&["generate", "spec/openapi.json", "--out", out.to_str().expect("utf-8"), "-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::create_dir_all(out.join("tests")).expect("mkdir");
    let test = "#[test]\nfn a_client_is_built() {\n    \
                decart_api::Client::new(\"https://api.decart.ai\").expect(\"a client\");\n}\n";
    std::fs::write(out.join("tests/tls.rs"), test).expect("write");
    for backend in ["rustls", "native-tls"] {
        let test = Command::new(env!("CARGO"))
            .args(["test", "--quiet", "--no-default-features", "--features", backend, "--test", "tls"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", root().join("target/standalone"))
            .output()
            .expect("cargo runs");
        assert!(test.status.success(), "{backend}: {}", String::from_utf8_lossy(&test.stderr));
    }
}
