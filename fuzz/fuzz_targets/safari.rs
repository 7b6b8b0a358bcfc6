//! Fuzzes the Safari `Cookies.binarycookies` parser: bounds-checked offsets, page and
//! record counts from the file itself. Any bytes: records or a `ParseError`, no panic,
//! and the error turned into a crumbs error is one line naming the file.
//! The assertions live in `fuzz/checks/safari.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::safari::check(data));
