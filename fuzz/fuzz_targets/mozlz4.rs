//! Fuzzes the mozLz4 container decoder (Firefox session-restore files): any bytes must
//! give `Ok` or a one-line error naming the file, never a panic or a huge allocation.
//! The assertions live in `fuzz/checks/mozlz4.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::mozlz4::check(data));
