//! Stage 4: IR to token streams, one per generated module. Cannot fail: every decision
//! that could went into the IR.

mod builders;
mod cfg;
mod client;
mod docs;
mod html;
mod mock;
mod models;
mod responses;
mod setup;
mod types;

use proc_macro2::TokenStream;

pub use builders::emit_builders;
pub use client::{emit_client, emit_client_part};
pub use docs::{doc_attrs, sanitize as sanitize_docs};
pub use mock::{MockItems, emit_mock};
pub use models::emit_models;
pub use responses::emit_responses;

use crate::ir::Api;

/// The items of a single-file module, except the models, before layout and formatting.
/// Each piece can also be emitted on its own: token streams cannot cross threads, so each
/// file of a crate is emitted on the thread that formats it.
pub struct Emitted {
    pub responses: Vec<TokenStream>,
    pub client: TokenStream,
    /// Empty when no operation has a builder-style call.
    pub builders: Vec<TokenStream>,
}

pub fn emit(api: &Api) -> Emitted {
    Emitted { responses: emit_responses(api), client: emit_client(api), builders: emit_builders(api) }
}
