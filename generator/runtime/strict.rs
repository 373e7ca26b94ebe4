// Responses read strictly: a body that breaks the spec's promises is `Error::InvalidBody`.
// Shipped unless the crate is generated with `--lenient`, which ships lenient.rs instead.

/// Nothing: a strict crate does not repair bodies.
fn repaired<T>(_body: &[u8]) -> Option<(T, Vec<Deviation>)> {
    None
}
