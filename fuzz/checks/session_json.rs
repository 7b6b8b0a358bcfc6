//! The Firefox session-restore JSON (session cookies) through the Firefox reader: the
//! input is wrapped in a valid mozLz4 container and written as the profile's
//! `sessionstore.jsonlz4` next to a real `cookies.sqlite` (the JSON parser has no public
//! bytes entry point). Any JSON: the database rows are still read and the session file
//! costs at most a one-line note.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crumbs::model::{Browser, StoreRef};
use crumbs::store::read::firefox::mozlz4;
use crumbs::store::{ReadOptions, read_store};

fn profile() -> &'static (PathBuf, Arc<StoreRef>, usize) {
    static P: OnceLock<(PathBuf, Arc<StoreRef>, usize)> = OnceLock::new();
    P.get_or_init(|| {
        let dir = super::scratch("session_json");
        let db = dir.join("cookies.sqlite");
        std::fs::copy(
            super::fixture(".mozilla/firefox/juvodf8i.default-esr/cookies.sqlite"),
            &db,
        )
        .unwrap();
        let store = Arc::new(StoreRef {
            browser: Browser::Firefox,
            profile: "fuzz".into(),
            profile_dir: dir.clone(),
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

pub fn check(data: &[u8]) {
    let (dir, store, rows) = profile();
    let file = dir.join("sessionstore.jsonlz4");
    std::fs::write(&file, mozlz4::encode(data).unwrap()).unwrap();
    let read = read_store(store, &ReadOptions { decrypt: true }).unwrap();
    assert!(read.cookies.len() >= *rows, "database rows lost");
    for note in &read.notes {
        assert!(!note.contains('\n'), "multi-line note: {note}");
    }
}
