//! Fuzzes Firefox `profiles.ini` and `installs.ini` through discovery (the INI parser is
//! private to it). The input is split at the first 0xFF byte into the two files. Any
//! bytes: discovery finishes, and the real profile folder is still found (by the ini or
//! by the fallback scan).
//! The assertions live in `fuzz/checks/profiles_ini.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::profiles_ini::check(data));
