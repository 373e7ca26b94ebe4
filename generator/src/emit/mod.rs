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
use quote::quote;

pub use docs::{Docs, sanitize as sanitize_docs, visible_text};

use crate::ir::Api;

/// A module of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// Builder-style calls, for operations with several optional inputs.
    Builders,
    /// `impl Client`, one method per operation: the items before the block, then the
    /// block's members in shares.
    Client,
    /// The `mock` feature's `MockServer`, in two pieces to go with its hand-written
    /// support: imports, then the methods.
    Mock,
    Models,
    /// Each operation's documented responses.
    Responses,
}

impl Module {
    /// The module's name, and its file's.
    pub fn name(self) -> &'static str {
        match self {
            Module::Builders => "builders",
            Module::Client => "client",
            Module::Mock => "mock",
            Module::Models => "models",
            Module::Responses => "responses",
        }
    }

    /// The head of the block that ends the module, such as `impl Client`, when the module's
    /// last item is one big block made in shares.
    pub fn block_head(self) -> Option<TokenStream> {
        (self == Module::Client).then(|| quote!(impl Client))
    }
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

    /// Whether the piece is a share of the members of its module's block
    /// ([`Module::block_head`]) rather than items.
    pub fn is_members(self) -> bool {
        self.module == Module::Client && self.part > 0
    }

    /// The piece's items or members, with their doc comments as `docs` has them.
    pub fn items(self, api: &Api, docs: &Docs) -> Vec<TokenStream> {
        match self.module {
            Module::Builders => builders::emit_builders(docs, api),
            Module::Client if self.part == 0 => client::emit_items(api),
            Module::Client => client::emit_members(docs, api, self.part - 1, self.parts - 1),
            Module::Mock if self.part == 0 => vec![mock::emit_imports(api)],
            Module::Mock => vec![mock::emit_methods(docs, api)],
            Module::Models => models::emit_models_part(docs, api, self.part, self.parts),
            Module::Responses => responses::emit_responses(docs, api),
        }
    }
}

/// The pieces of every module `api` has, biggest first, so that work shared over threads
/// in this order evens out at the end: the client's members and the models of a big API in
/// up to four shares each (as one, GitHub's 4,600 types or 1,200 operations kept a core idle
/// at the end).
pub fn pieces(api: &Api) -> Vec<Piece> {
    let shares = |count: usize, per_share: usize| (count / per_share).clamp(1, 4);
    let mut pieces = Vec::new();
    if client::has_block(api) {
        let parts = 1 + shares(api.operations.len(), 300);
        pieces.extend((1..parts).map(|part| Piece { module: Module::Client, part, parts }));
        pieces.push(Piece { module: Module::Client, part: 0, parts });
    } else {
        pieces.push(Piece::whole(Module::Client));
    }
    pieces.push(Piece::whole(Module::Responses));
    if api.needs.builders {
        pieces.push(Piece::whole(Module::Builders));
    }
    if api.needs.mock {
        pieces.extend((0..2).map(|part| Piece { module: Module::Mock, part, parts: 2 }));
    }
    let parts = shares(api.types.len(), 500);
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
