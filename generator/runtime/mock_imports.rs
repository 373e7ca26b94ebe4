//! Test support, behind the `mock` feature: the API served on 127.0.0.1 by a
//! [`wiremock`] server, with one typed method per operation for saying how it answers.
//! Code that uses the client can then be tested without a network:
//!
//! ```text
//! let server = MockServer::start().await;
//! server.list_items().returns(&vec![item]).await;
//! let items = my_code_under_test(server.client()).await;
//! ```
//!
//! An operation with no answer set gets `404`. For anything the typed methods do not
//! cover (matching on the query or body, checking what was sent), use
//! [`MockServer::inner`] with wiremock's own API.

use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, ResponseTemplate};

use super::Client;
