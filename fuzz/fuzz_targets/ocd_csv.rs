//! Fuzzes the Open Cookie Database CSV import (`--policy open-cookie-database.csv`): any
//! text gives a policy or a one-line `file:line: message` error, never a panic.
//! The assertions live in `fuzz/checks/ocd_csv.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ocd_csv::check(data));
