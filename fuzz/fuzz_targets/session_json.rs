//! Fuzzes the Firefox session-restore JSON (session cookies) through the Firefox reader:
//! the input is wrapped in a valid mozLz4 container and written as the profile's
//! `sessionstore.jsonlz4` next to a real `cookies.sqlite` (the JSON parser has no public
//! bytes entry point). Any JSON: the database rows are still read and the session file
//! costs at most a one-line note.
#![no_main]

use std::sync::{Arc, OnceLock};

use crumbs::model::{Browser, StoreRef};
use crumbs::store::read::firefox::mozlz4;
use crumbs::store::{ReadOptions, read_store};
use libfuzzer_sys::fuzz_target;

fn profile() -> &'static (std::path::PathBuf, Arc<StoreRef>, usize) {
    static P: OnceLock<(std::path::PathBuf, Arc<StoreRef>, usize)> = OnceLock::new();
    P.get_or_init(|| {
        let dir = scratch("session_json");
        let db = dir.as_path().join("cookies.sqlite");
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/real/home/.mozilla/firefox/juvodf8i.default-esr/cookies.sqlite"
            ),
            &db,
        )
        .unwrap();
        let store = Arc::new(StoreRef {
            browser: Browser::Firefox,
            profile: "fuzz".into(),
            profile_dir: dir.as_path().to_path_buf(),
            path: db,
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        });
        let rows = read_store(&store, &ReadOptions::default())
            .unwrap()
            .cookies
            .len();
        (dir, store, rows)
    })
}

/// A scratch folder under the fuzz crate's `target/` rather than a `TempDir` in `/tmp`:
/// libFuzzer exits without dropping statics, so a `TempDir` would be left on every run.
fn scratch(target: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/scratch")
        .join(format!("{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fuzz_target!(|data: &[u8]| {
    let (dir, store, rows) = profile();
    let file = dir.as_path().join("sessionstore.jsonlz4");
    std::fs::write(&file, mozlz4::encode(data).unwrap()).unwrap();
    let read = read_store(store, &ReadOptions { decrypt: true }).unwrap();
    assert!(read.cookies.len() >= *rows, "database rows lost");
    for note in &read.notes {
        assert!(!note.contains('\n'), "multi-line note: {note}");
    }
});
