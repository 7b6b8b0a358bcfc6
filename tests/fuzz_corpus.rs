//! Replays every committed fuzz input (`fuzz/corpus/<target>/`) through the same checks the
//! fuzz targets run (`fuzz/checks/`), so each `cargo test` proves that every input that
//! once crashed a parser, and every seed, still passes — without a fuzzing toolchain.
//! Exploring new inputs is `scripts/fuzz-smoke.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

#[path = "../fuzz/checks/mod.rs"]
mod checks;

use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const SCRATCH: &str = env!("CARGO_TARGET_TMPDIR");

fn corpus(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(REPO).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_committed_input_passes_its_check() {
    for (target, check) in checks::TARGETS {
        let files = corpus(target);
        assert!(!files.is_empty(), "fuzz/corpus/{target} has no inputs");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", file.display());
        }
    }
}

#[test]
fn the_checks_cover_every_fuzz_target_and_corpus() {
    // A target added to fuzz/ but not to the checks would be fuzzed and never replayed.
    let manifest = std::fs::read_to_string(Path::new(REPO).join("fuzz/Cargo.toml")).unwrap();
    let mut declared: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|n| *n != "crumbs-fuzz")
        .collect();
    declared.sort_unstable();
    let mut folders: Vec<String> = std::fs::read_dir(Path::new(REPO).join("fuzz/corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let checked: Vec<&str> = checks::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(declared, checked, "fuzz/Cargo.toml and fuzz/checks differ");
    assert_eq!(folders, checked, "fuzz/corpus and fuzz/checks differ");
}
