//! Fuzzes `Local State` JSON, read twice by crumbs: for the Windows value key
//! (`os_crypt.encrypted_key`, base64, "DPAPI" prefix) and by discovery for profile names
//! (`profile.info_cache`). Any bytes: a key or a one-line error; discovery still finishes
//! and still finds the profile folder.
//! The assertions live in `fuzz/checks/local_state.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::local_state::check(data));
