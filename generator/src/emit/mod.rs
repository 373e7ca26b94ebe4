//! Stage 4: IR to token streams, one per generated module. Cannot fail: every decision
//! that could went into the IR.

mod builders;
mod cfg;
mod client;
mod docs;
mod mock;
mod models;
mod responses;
mod setup;
mod types;

use proc_macro2::TokenStream;

pub use docs::{doc_attrs, sanitize as sanitize_docs};
pub use mock::MockItems;
pub use models::emit_models;

use crate::ir::Api;

/// The generated modules' items, before layout and formatting.
/// The `models` module, the largest, is emitted on its own (see [`emit_models`]), so it can
/// be rendered alongside the rest.
pub struct Emitted {
    pub responses: Vec<TokenStream>,
    pub client: TokenStream,
    /// Empty when no operation has a builder-style call.
    pub builders: Vec<TokenStream>,
    /// The generated part of the `mock` module; `None` when there are no operations.
    pub mock: Option<MockItems>,
}

pub fn emit(api: &Api) -> Emitted {
    Emitted {
        responses: responses::emit_responses(api),
        client: client::emit_client(api),
        builders: builders::emit_builders(api),
        mock: mock::emit_mock(api),
    }
}
