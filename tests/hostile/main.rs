//! The adversarial campaign (docs/security.md): hostile content, hostile files, hostile sizes
//! and key sequences, and the terminal coming back whatever happens. One test binary, so the
//! campaign links once; each module is one promise.

// Helpers outside `#[test]` functions are test code too: failing loudly is their job.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    clippy::string_slice
)]

#[path = "../support/pty.rs"]
mod pty;
mod support;

mod escapes;
mod files;
mod naughty;
mod props;
mod terminal;
mod toml_suite;
mod unicode;
