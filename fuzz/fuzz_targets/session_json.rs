//! Fuzzes the Firefox session-restore JSON (session cookies) through the Firefox reader:
//! the input is wrapped in a valid mozLz4 container and written as the profile's
//! `sessionstore.jsonlz4` next to a real `cookies.sqlite` (the JSON parser has no public
//! bytes entry point). Any JSON: the database rows are still read and the session file
//! costs at most a one-line note.
//! The assertions live in `fuzz/checks/session_json.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::session_json::check(data));
