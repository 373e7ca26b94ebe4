//! Stage 4: IR to token streams, one per generated module. Cannot fail: every decision
//! that could went into the IR.

mod builders;
mod cfg;
mod client;
mod docs;
mod html;
mod mock;
mod models;
mod pagination;
mod responses;
mod setup;
mod types;

use proc_macro2::TokenStream;

pub use builders::emit_builders;
pub use client::{emit_client, emit_client_part};
pub use docs::{deferring_docs, doc_attrs, sanitize as sanitize_docs, visible_text};
pub use mock::{MockItems, emit_mock};
pub use models::{emit_models, emit_models_part};
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

/// Part `part` of `parts` near-equal shares of `items`, for a module emitted in parts.
fn share<T>(items: &[T], part: usize, parts: usize) -> &[T] {
    &items[items.len() * part / parts..items.len() * (part + 1) / parts]
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn shares_cover_every_item_once_in_order() {
        let items: Vec<usize> = (0..10).collect();
        for parts in 1..=4 {
            let joined: Vec<usize> = (0..parts).flat_map(|part| share(&items, part, parts).to_vec()).collect();
            assert_eq!(joined, items, "{parts} parts");
        }
        assert_eq!(share(&items, 0, 3), &[0, 1, 2]);
        assert_eq!(share(&items, 2, 3), &[6, 7, 8, 9]);
    }
}
