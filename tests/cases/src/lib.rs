//! Every `spec/cases` client, compiled together. There is nothing to run: that it builds
//! without warnings under `cargo clippy -- -D warnings` is the test.

include!(concat!(env!("OUT_DIR"), "/cases.rs"));
