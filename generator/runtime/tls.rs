// The TLS backend, as the crate's features choose it (crates only: the one file for
// `include!` leaves the choice to the including crate). Only `rustls-ring` needs code:
// reqwest then has no crypto provider of its own, so ring's is installed before the first
// client is built.

/// Makes ring rustls's default crypto provider, unless the program installed one already.
#[cfg(feature = "rustls-ring")]
fn install_tls_provider() {
    // An error means a provider is installed already: the program's choice, which stays.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The other backends need nothing installed.
#[cfg(not(feature = "rustls-ring"))]
fn install_tls_provider() {}
