//! Where things are in a YAML text, for messages: the line and column of the nodes that
//! diagnostics point at, and of the alias that makes an alias bomb. serde_yaml, which
//! reads the spec, keeps no positions, so these read the text again with saphyr's event
//! parser, and only when there is something to say.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser};
use serde::Serialize;

use crate::diagnostic::JsonPointer;

/// A place in a text: line and column, both counted from 1 (columns in characters). Kept
/// small, as every diagnostic carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

impl From<Marker> for Location {
    fn from(marker: Marker) -> Self {
        let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { line: number(marker.line()), column: number(marker.col()).saturating_add(1) }
    }
}

/// Where each of `wanted` is in the first document of a YAML `text`: a mapping entry where
/// its key is, a sequence item or the root where it starts. A pointer that passes through
/// an alias is located at the alias. Pointers the text does not hold are left out, and so
/// is what follows a syntax error.
pub fn locate(text: &str, wanted: &[&JsonPointer]) -> HashMap<JsonPointer, Location> {
    let wanted_text: HashSet<&str> = wanted.iter().map(|p| p.as_str()).collect();
    let mut found: HashMap<String, Location> = HashMap::new();
    let mut aliases: Vec<(String, Location)> = Vec::new();
    let mut walk = Walk::default();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let Some(node) = walk.enter(&event, span.start.into()) else {
            if walk.done() {
                break;
            }
            continue;
        };
        if wanted_text.contains(walk.pointer.as_str()) {
            found.entry(walk.pointer.clone()).or_insert(node.at);
        }
        if matches!(event, Event::Alias(_)) {
            aliases.push((walk.pointer.clone(), node.at));
        }
        walk.leave_leaf(&event, node.parent_len);
    }
    let through_alias = |pointer: &str| {
        aliases
            .iter()
            .filter(|(alias, _)| pointer.strip_prefix(alias.as_str()).is_some_and(|rest| rest.starts_with('/')))
            .max_by_key(|(alias, _)| alias.len())
            .map(|(_, at)| *at)
    };
    wanted
        .iter()
        .filter_map(|pointer| {
            let at = found.get(pointer.as_str()).copied().or_else(|| through_alias(pointer.as_str()))?;
            Some(((*pointer).clone(), at))
        })
        .collect()
}

/// A walk through a YAML text's events that keeps the JSON pointer of the node it is at.
#[derive(Default)]
struct Walk {
    /// The pointer of the node being read (`#` at the root).
    pointer: String,
    open: Vec<Open>,
    /// How deep inside a mapping key that is itself a collection (no pointer can name one).
    skipping: usize,
    /// Whether the first document's root has been reached; a second document is not read.
    started: bool,
}

/// An open collection: the pointer's length before its own segment, and what comes next.
struct Open {
    parent_len: usize,
    kind: OpenKind,
}

enum OpenKind {
    /// The key of the entry being read and where it is, once the key has been read.
    Mapping(Option<(String, Location)>),
    /// The index of the next item.
    Sequence(usize),
}

/// A value node the walk has entered: where it is, and the pointer's length before it.
struct Node {
    at: Location,
    parent_len: usize,
}

impl Walk {
    /// Whether the first document has been read whole.
    fn done(&self) -> bool {
        self.started && self.open.is_empty() && self.skipping == 0
    }

    /// Takes in one event. When it starts a value node, the pointer now names that node.
    fn enter(&mut self, event: &Event<'_>, at: Location) -> Option<Node> {
        if self.pointer.is_empty() {
            self.pointer.push('#');
        }
        let starts = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let ends = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        if self.skipping > 0 {
            if starts {
                self.skipping += 1;
            } else if ends {
                self.skipping -= 1;
            }
            return None;
        }
        if ends {
            let open = self.open.pop()?;
            self.pointer.truncate(open.parent_len);
            return None;
        }
        let is_node = starts || matches!(event, Event::Scalar(..) | Event::Alias(_));
        if !is_node || self.done() {
            return None;
        }
        let parent_len = self.pointer.len();
        let at = match self.open.last_mut().map(|open| &mut open.kind) {
            None => {
                self.started = true;
                at
            }
            Some(OpenKind::Mapping(key @ None)) => {
                // A key: a scalar names the entry; a collection as a key is passed over.
                let text = if let Event::Scalar(text, ..) = event { text.to_string() } else { String::new() };
                *key = Some((text, at));
                self.skipping = usize::from(starts);
                return None;
            }
            Some(OpenKind::Mapping(key)) => {
                let (key, key_at) = key.take()?;
                JsonPointer::escape_into(&mut self.pointer, &key);
                key_at
            }
            Some(OpenKind::Sequence(next)) => {
                JsonPointer::escape_into(&mut self.pointer, &next.to_string());
                *next += 1;
                at
            }
        };
        match event {
            Event::MappingStart(..) => self.open.push(Open { parent_len, kind: OpenKind::Mapping(None) }),
            Event::SequenceStart(..) => self.open.push(Open { parent_len, kind: OpenKind::Sequence(0) }),
            _ => {}
        }
        Some(Node { at, parent_len })
    }

    /// After a scalar or an alias, the pointer names its parent again.
    fn leave_leaf(&mut self, event: &Event<'_>, parent_len: usize) {
        if matches!(event, Event::Scalar(..) | Event::Alias(_)) {
            self.pointer.truncate(parent_len);
        }
    }
}

/// Where the alias is that makes a YAML text expand past serde_yaml's repetition limit: the
/// first whose expansion takes the count of aliases expanded over a hundred times the
/// text's events, as serde_yaml counts them; else the one that expands the most.
pub fn alias_bomb(text: &str) -> Option<Location> {
    // Aliases each anchor's node expands, counting the aliases inside those, and so on.
    let mut expands: HashMap<usize, u64> = HashMap::new();
    // Per open collection: its anchor, and the aliases expanded inside it so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut aliases: Vec<(Location, u64)> = Vec::new();
    let mut events: u64 = 0;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        events += 1;
        match event {
            Event::Alias(anchor) => {
                let count = expands.get(&anchor).copied().unwrap_or_default().saturating_add(1);
                aliases.push((span.start.into(), count));
                count_inside(&mut open, count);
            }
            Event::Scalar(_, _, anchor, _) if anchor > 0 => {
                expands.insert(anchor, 0);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => open.push((anchor, 0)),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, inside)) = open.pop() {
                    if anchor > 0 {
                        expands.insert(anchor, inside);
                    }
                    count_inside(&mut open, inside);
                }
            }
            _ => {}
        }
    }
    let limit = events.saturating_mul(100);
    let mut total: u64 = 0;
    let first_over = aliases.iter().find(|(_, count)| {
        total = total.saturating_add(*count);
        total > limit
    });
    first_over.or_else(|| aliases.iter().max_by_key(|(_, count)| *count)).map(|(at, _)| *at)
}

/// Adds `count` expanded aliases to the innermost open collection.
fn count_inside(open: &mut [(usize, u64)], count: u64) {
    if let Some((_, inside)) = open.last_mut() {
        *inside = inside.saturating_add(count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Location {
        Location { line, column }
    }

    #[test]
    fn entries_are_where_their_keys_are() {
        let text = "openapi: 3.1.0\npaths:\n  /pets/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n  \"a~b\": {x: [1, 2]}\n";
        let pointers: Vec<JsonPointer> = [
            "#",
            "#/paths",
            "#/paths/~1pets~1{id}/get",
            "#/paths/~1pets~1{id}/get/parameters/0",
            "#/paths/~1pets~1{id}/get/parameters/0/in",
            "#/paths/a~0b/x/1",
            "#/paths/missing",
        ]
        .iter()
        .map(|p| JsonPointer::from_ref(p).expect("pointer"))
        .collect();
        let found = locate(text, &pointers.iter().collect::<Vec<_>>());
        let expected = [at(1, 1), at(2, 1), at(4, 5), at(6, 11), at(7, 11), at(8, 18)];
        for (pointer, expected) in pointers.iter().zip(expected) {
            assert_eq!(found.get(pointer), Some(&expected), "{pointer}");
        }
        assert_eq!(found.get(&pointers[6]), None);
    }

    #[test]
    fn a_pointer_through_an_alias_is_at_the_alias() {
        let text = "defs:\n  pet: &pet {type: object, properties: {a: {type: string}}}\nuse:\n  - *pet\n";
        let pointer = JsonPointer::from_ref("#/use/0/properties/a").expect("pointer");
        assert_eq!(locate(text, &[&pointer]).get(&pointer), Some(&at(4, 5)));
        // A collection as a key names nothing, and the walk goes on after it.
        let text = "? [a, b]\n: 1\nc: 2\n";
        let pointer = JsonPointer::from_ref("#/c").expect("pointer");
        assert_eq!(locate(text, &[&pointer]).get(&pointer), Some(&at(3, 1)));
    }

    #[test]
    fn the_alias_that_explodes_is_found() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g"].iter().zip(["a", "b", "c", "d", "e", "f"]) {
            text.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        }
        text.push_str("bomb: *g\n");
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&text).is_err(), "serde_yaml refuses it");
        // 99 events allow 9,900 expansions: b's, c's and d's lines expand 1,230 aliases, and
        // each alias in e's line 1,111 more, so its eighth goes over.
        assert_eq!(alias_bomb(&text), Some(at(5, 36)));
    }
}
