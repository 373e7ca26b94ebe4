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

pub use docs::{Docs, sanitize as sanitize_docs, visible_text};

use crate::ir::Api;

/// A module of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// Builder-style calls, for operations with several optional inputs.
    Builders,
    /// `impl Client`: one method per operation.
    Client,
    /// The `mock` feature's `MockServer`, in two pieces to go with its hand-written
    /// support: imports, then the methods.
    Mock,
    Models,
    /// Each operation's documented responses.
    Responses,
}

/// One piece of a module. Token streams cannot cross threads, so a big module is emitted
/// in pieces, each emitted and formatted on whichever thread is free, and the formatted
/// pieces joined in order.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub module: Module,
    part: usize,
    parts: usize,
}

impl Piece {
    fn whole(module: Module) -> Self {
        Self { module, part: 0, parts: 1 }
    }

    /// The piece's items, with their doc comments as `docs` has them. Each item prints on
    /// its own: a module's items are a blank line apart (imports excepted).
    pub fn items(self, api: &Api, docs: &Docs) -> Vec<TokenStream> {
        match self.module {
            Module::Builders => builders::emit_builders(docs, api),
            Module::Client => vec![client::emit_client(docs, api)],
            Module::Mock if self.part == 0 => vec![mock::emit_imports(api)],
            Module::Mock => vec![mock::emit_methods(docs, api)],
            Module::Models => models::emit_models_part(docs, api, self.part, self.parts),
            Module::Responses => responses::emit_responses(docs, api),
        }
    }
}

/// The pieces of every module `api` has, biggest first, so that work shared over threads
/// in this order evens out at the end: the models of a big API in up to four parts (as one,
/// GitHub's 4,600 types kept a core idle at the end).
pub fn pieces(api: &Api) -> Vec<Piece> {
    let mut pieces = vec![Piece::whole(Module::Client), Piece::whole(Module::Responses)];
    if api.needs.builders {
        pieces.push(Piece::whole(Module::Builders));
    }
    if api.needs.mock {
        pieces.extend((0..2).map(|part| Piece { module: Module::Mock, part, parts: 2 }));
    }
    let parts = (api.types.len() / 500).clamp(1, 4);
    pieces.extend((0..parts).map(|part| Piece { module: Module::Models, part, parts }));
    pieces
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
