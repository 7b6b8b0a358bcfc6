//! What each fuzz target asserts, one module per target. The same code runs in two places:
//! the libFuzzer binaries under `fuzz/fuzz_targets/` explore new inputs, and
//! `tests/fuzz_corpus.rs` replays every committed input under `fuzz/corpus/` on each
//! `cargo test`, so a fixed crash stays fixed without a fuzzing toolchain.
//!
//! Both includers define `crate::REPO` (the repository root) and `crate::SCRATCH` (a
//! folder the checks may fill; libFuzzer exits without dropping statics, so a `TempDir`
//! would be left behind on every run).

pub mod chromium_decrypt;
pub mod local_state;
pub mod mozlz4;
pub mod ocd_csv;
pub mod policy_toml;
pub mod profiles_ini;
pub mod safari;
pub mod session_json;

use std::path::{Path, PathBuf};

/// What one target asserts of one input; a failed assertion panics.
pub type Check = fn(&[u8]);

/// Every target by name, as `fuzz/Cargo.toml` lists them and `fuzz/corpus/` names its
/// folders.
pub const TARGETS: &[(&str, Check)] = &[
    ("chromium_decrypt", chromium_decrypt::check),
    ("local_state", local_state::check),
    ("mozlz4", mozlz4::check),
    ("ocd_csv", ocd_csv::check),
    ("policy_toml", policy_toml::check),
    ("profiles_ini", profiles_ini::check),
    ("safari", safari::check),
    ("session_json", session_json::check),
];

/// A real browser file from the committed fixtures.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(crate::REPO)
        .join("tests/fixtures/real/home")
        .join(relative)
}

/// A fresh folder for one target in this process.
pub fn scratch(target: &str) -> PathBuf {
    let dir = Path::new(crate::SCRATCH).join(format!("{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
