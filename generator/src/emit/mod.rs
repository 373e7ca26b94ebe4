//! Stage 4: IR to token streams, one per generated module. Cannot fail: every decision
//! that could went into the IR.

mod client;
mod docs;
mod models;
mod responses;
mod setup;
mod types;

use proc_macro2::TokenStream;

pub use docs::{doc_attrs, sanitize as sanitize_docs};

use crate::ir::Api;

/// The generated modules' items, before layout and formatting.
pub struct Emitted {
    pub models: Vec<TokenStream>,
    pub responses: Vec<TokenStream>,
    pub client: TokenStream,
}

pub fn emit(api: &Api) -> Emitted {
    Emitted {
        models: models::emit_models(api),
        responses: responses::emit_responses(api),
        client: client::emit_client(api),
    }
}
