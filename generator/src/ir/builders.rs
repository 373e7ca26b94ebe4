//! Which operations get a builder-style call, and its names. An operation with several
//! optional inputs reads badly as `list(None, None, Some(10), None)`; its builder reads
//! `list_builder().limit(10).send()`.

use super::{Builder, Input, Operation, Setter};
use crate::naming::{Namer, type_name};

/// Operations with at least this many optional inputs get a builder.
const OPTIONAL_INPUTS: usize = 2;

/// Names in the `builders` module that a builder must not take.
/// Prelude names are among them: the module's code names `Option`, `Result` and `Vec`.
const BUILDER_MODULE_NAMES: &[&str] = &[
    "Client",
    "Error",
    "ResponseValue",
    "models",
    "responses",
    "runtime",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
];

/// Names on a builder besides its setters.
const BUILDER_METHODS: &[&str] = &["send", "new"];

/// `MockServer`'s own methods, which its per-operation methods must not take (a test holds
/// this to the runtime).
pub(super) const MOCK_SERVER_METHODS: &[&str] = &["start", "client", "uri", "inner", "operation"];

/// Names each operation's method on the `mock` feature's `MockServer`, where it differs
/// from the operation's name.
pub fn plan_mocks(operations: &mut [Operation]) {
    let mut names = Namer::with_reserved(MOCK_SERVER_METHODS);
    for op in operations {
        let name = names.unique(&op.name);
        op.mock_method = (name != op.name).then_some(name);
    }
}

pub fn plan(operations: &mut [Operation], methods: &mut Namer) {
    let mut types = Namer::with_reserved(BUILDER_MODULE_NAMES);
    for op in operations {
        let optional: Vec<Input> = op.inputs().filter(|(_, optional)| *optional).map(|(input, _)| input).collect();
        if optional.len() < OPTIONAL_INPUTS {
            continue;
        }
        let name = op.name.as_str();
        let mut setter_names = Namer::with_reserved(BUILDER_METHODS);
        let setters = optional
            .into_iter()
            .map(|input| Setter { input, name: setter_names.unique(op.input_name(input)) })
            .collect();
        // The struct holds the inputs as fields of their own names, beside the client.
        let inputs: Vec<&str> = op.inputs().map(|(input, _)| op.input_name(input)).collect();
        let client_field = Namer::with_reserved(&inputs).unique("client");
        op.builder = Some(Builder {
            method: methods.unique(&format!("{name}_builder")),
            type_name: types.unique(&type_name(name, "Call")),
            setters,
            client_field,
        });
    }
}
