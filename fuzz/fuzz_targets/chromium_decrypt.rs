//! Fuzzes Chromium value decryption. Byte 0 picks the mode: raw blobs against the Linux
//! v10/v11 CBC keys and an AES-GCM key (must fail cleanly, never panic on short or
//! misaligned input), or a fuzzer plaintext encrypted here with the v10 key, with and
//! without the meta-24 host hash, which must decrypt back exactly.
//! The assertions live in `fuzz/checks/chromium_decrypt.rs`, which `cargo test` also replays over
//! this target's committed corpus.
#![no_main]

#[path = "../checks/mod.rs"]
#[allow(dead_code)]
mod checks;

/// The repository root, for the checks' fixtures.
const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Under the fuzz crate's own `target/`, never `/tmp`.
const SCRATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/scratch");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::chromium_decrypt::check(data));
