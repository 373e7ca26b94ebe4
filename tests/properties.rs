//! Property tests over random but valid specs: generation never panics (a panic would
//! surface as an internal error), every emitted file parses as Rust, and a fixed sample
//! compiles. Raise `PROPTEST_CASES` for a longer campaign.

use openapi_gen::{Config, Error, Format};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};

/// Names that stress the naming rules: keywords, casing clashes, symbols, digits, Unicode.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type", "self", "Self", "crate", "gen", "async", "Option", "String", "request", "body"
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z][a-zA-Z0-9_-]{0,10}",
        "[ -~]{0,8}",
        "\\PC{0,6}",
    ]
}

/// A header-safe name (the generator rejects others, correctly).
fn token() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9-]{0,10}"
}

fn leaf(components: usize) -> BoxedStrategy<Value> {
    let mut options: Vec<BoxedStrategy<Value>> = vec![
        Just(json!({"type": "string"})).boxed(),
        prop::sample::select(vec!["date-time", "uuid", "byte", "binary"])
            .prop_map(|f| json!({"type": "string", "format": f}))
            .boxed(),
        prop::sample::select(vec!["int32", "int64", "uint8", "weird"])
            .prop_map(|f| json!({"type": "integer", "format": f}))
            .boxed(),
        Just(json!({"type": "number"})).boxed(),
        Just(json!({"type": "boolean"})).boxed(),
        Just(json!({})).boxed(),
        prop::collection::vec(name(), 1..5).prop_map(|values| json!({"type": "string", "enum": values})).boxed(),
        name().prop_map(|value| json!({"const": value})).boxed(),
        Just(json!({"type": "integer", "enum": [1, 2]})).boxed(),
    ];
    if components > 0 {
        options.push((0..components).prop_map(|i| json!({"$ref": format!("#/components/schemas/C{i}")})).boxed());
    }
    prop::strategy::Union::new(options).boxed()
}

/// One of the ways a spec can say "or null".
fn nullable(schema: Value, spelling: u8) -> Value {
    match (spelling, &schema) {
        (1, Value::Object(map)) if map.contains_key("type") && !map.contains_key("$ref") => {
            let mut map = map.clone();
            map.insert("nullable".into(), json!(true));
            Value::Object(map)
        }
        (2, Value::Object(map)) if map.get("type").is_some_and(Value::is_string) => {
            let mut map = map.clone();
            let t = map["type"].clone();
            map.insert("type".into(), json!([t, "null"]));
            Value::Object(map)
        }
        (3, _) => json!({"anyOf": [schema, {"type": "null"}]}),
        (4, _) => json!({"oneOf": [schema, {"type": "null"}]}),
        _ => schema,
    }
}

fn schema(components: usize) -> impl Strategy<Value = Value> {
    leaf(components).prop_recursive(4, 24, 4, move |inner| {
        prop_oneof![
            (
                prop::collection::btree_map(name(), (inner.clone(), 0u8..5), 1..5),
                prop::collection::vec(any::<bool>(), 5)
            )
                .prop_map(|(properties, required_flags)| {
                    let required: Vec<&String> = properties
                        .keys()
                        .zip(required_flags.iter().cycle())
                        .filter(|(_, r)| **r)
                        .map(|(k, _)| k)
                        .collect();
                    let properties: Map<String, Value> =
                        properties.iter().map(|(k, (v, n))| (k.clone(), nullable(v.clone(), *n))).collect();
                    json!({"type": "object", "properties": properties, "required": required})
                }),
            inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            inner.clone().prop_map(|values| json!({"type": "object", "additionalProperties": values})),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|members| json!({"anyOf": members})),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|members| json!({"oneOf": members})),
            prop::collection::vec(inner, 1..3).prop_map(|members| json!({"allOf": members})),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (token(), prop::sample::select(vec!["query", "header", "cookie"]), any::<bool>(), 0u8..6, any::<bool>()).prop_map(
        |(name, location, required, kind, explode)| {
            let schema = match kind {
                0 => json!({"type": "integer"}),
                1 => json!({"type": "boolean"}),
                2 => json!({"type": "array", "items": {"type": "string"}}),
                3 => json!({"type": "string", "enum": ["a", "b"]}),
                4 => json!({"type": "number"}),
                _ => json!({"type": "string"}),
            };
            json!({"name": name, "in": location, "required": required, "explode": explode, "schema": schema})
        },
    )
}

fn response(components: usize) -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"description": "empty"})),
        schema(components).prop_map(|s| json!({"description": "json", "content": {"application/json": {"schema": s}}})),
        Just(json!({"description": "text", "content": {"text/plain": {"schema": {"type": "string"}}}})),
        Just(json!({"description": "bytes", "content": {"application/octet-stream": {}}})),
    ]
}

fn operation(components: usize) -> impl Strategy<Value = Value> {
    (
        prop::option::of(name()),
        prop::collection::vec(parameter(), 0..4),
        prop::option::of((schema(components), any::<bool>())),
        prop::collection::btree_map(
            prop::sample::select(vec!["200", "201", "204", "2XX", "400", "404", "422", "4XX", "500", "default"]),
            response(components),
            1..4,
        ),
    )
        .prop_map(|(operation_id, parameters, body, responses)| {
            let mut op = json!({"parameters": parameters, "responses": responses});
            if let Some(id) = operation_id {
                op["operationId"] = json!(id);
            }
            if let Some((schema, required)) = body {
                op["requestBody"] = json!({"required": required, "content": {"application/json": {"schema": schema}}});
            }
            op
        })
}

/// A whole spec: components first (so references can point at any of them), then paths.
fn spec() -> impl Strategy<Value = (Value, bool)> {
    (0usize..5).prop_flat_map(|count| {
        (
            prop::collection::vec(schema(count), count),
            prop::collection::vec(("[a-z]{1,6}", prop::option::of("[a-z_]{1,6}"), operation(count)), 0..4),
            prop::sample::select(vec!["get", "post", "put", "patch", "delete"]),
            any::<bool>(),
        )
            .prop_map(|(schemas, operations, method, v31)| {
                let components: Map<String, Value> =
                    schemas.into_iter().enumerate().map(|(i, s)| (format!("C{i}"), s)).collect();
                let mut paths = Map::new();
                for (segment, param, operation) in operations {
                    let (path, mut operation) = match param {
                        Some(p) => (format!("/{segment}/{{{p}}}"), operation),
                        None => (format!("/{segment}"), operation),
                    };
                    if let Some(p) = path.split('{').nth(1).map(|p| p.trim_end_matches('}').to_owned()) {
                        let parameters = operation["parameters"].as_array_mut().expect("array");
                        parameters
                            .push(json!({"name": p, "in": "path", "required": true, "schema": {"type": "string"}}));
                    }
                    paths.entry(path).or_insert_with(|| json!({}))[method] = operation;
                }
                let version = if v31 { "3.1.0" } else { "3.0.3" };
                let spec = json!({
                    "openapi": version,
                    "info": {"title": "Random", "version": "1.0.0"},
                    "paths": paths,
                    "components": {"schemas": components}
                });
                (spec, v31)
            })
    })
}

fn check(spec: &Value) -> Result<Option<openapi_gen::Generated>, TestCaseError> {
    let text = serde_json::to_string_pretty(spec).expect("serialisable");
    match Config::new().generate_crate_from_str(&text, Format::Json, "random.json") {
        Ok(generated) => {
            for (path, source) in &generated.files {
                if path.extension().is_some_and(|e| e == "rs")
                    && let Err(error) = syn::parse_file(source)
                {
                    return Err(TestCaseError::fail(format!("{} does not parse: {error}\n{text}", path.display())));
                }
            }
            Ok(Some(generated))
        }
        Err(Error::Internal(message)) => Err(TestCaseError::fail(format!("internal error: {message}\n{text}"))),
        Err(_) => Ok(None),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_specs_generate_parseable_rust((spec, _) in spec()) {
        check(&spec)?;
    }
}

/// A fixed sample of random specs (same seed every run), compiled together.
#[test]
fn a_sample_of_random_specs_compiles() {
    let mut runner =
        TestRunner::new_with_rng(RunnerConfig::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lib = String::new();
    let mut compiled = 0;
    for index in 0..40 {
        let (spec, _) = spec().new_tree(&mut runner).expect("a spec").current();
        let Some(_) = check(&spec).expect("valid output") else { continue };
        let text = serde_json::to_string(&spec).expect("serialisable");
        let module = Config::new().generate_module_from_str(&text, Format::Json, "random.json").expect("generates");
        let source = module.files.values().next().expect("one file");
        std::fs::write(dir.path().join(format!("m{index}.rs")), source).expect("write");
        lib.push_str(&format!("pub mod m{index} {{ include!(\"m{index}.rs\"); }}\n"));
        compiled += 1;
    }
    assert!(compiled >= 10, "too few random specs generated: {compiled}");
    std::fs::create_dir_all(dir.path().join("src")).expect("mkdir");
    for entry in std::fs::read_dir(dir.path()).expect("read").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::rename(&path, dir.path().join("src").join(path.file_name().expect("name"))).expect("move");
        }
    }
    std::fs::write(dir.path().join("src/lib.rs"), lib).expect("write lib");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"random-specs\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[dependencies]\n\
         bytes = \"1\"\neventsource-stream = \"0.2\"\nfutures-core = \"0.3\"\nhttpdate = \"1\"\nreqwest = { version = \"0.13\", features = [\"json\", \"form\", \"multipart\", \"stream\"] }\n\
         serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\
         tokio = { version = \"1\", features = [\"fs\", \"time\"] }\n[workspace]\n",
    )
    .expect("write manifest");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", openapi_gen_tests::root().join("target/standalone"))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
