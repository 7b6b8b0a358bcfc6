//! A cookie Firefox keeps both in `cookies.sqlite` and in the session file it restores
//! from is listed once (as the database row) and a delete removes both copies, each
//! backed up; undo puts both back. Built on a copy of the real Firefox ESR profile.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod firefox_support;

use std::path::Path;

use crumbs::model::{Cookie, RowKey};
use crumbs::store::backup::{BackupRoot, Source};
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::read::firefox::mozlz4;
use crumbs::store::undo::undo;
use crumbs::store::{ReadOptions, read_store};
use firefox_support::store;
use rusqlite::Connection;
use serde_json::Value;

const PROFILE: &str = "tests/fixtures/real/home/.mozilla/firefox/juvodf8i.default-esr";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn listed(store: &std::sync::Arc<crumbs::model::StoreRef>) -> Vec<Cookie> {
    read_store(store, &ReadOptions::default()).unwrap().cookies
}

/// How many entries named `name` on `host` the session file holds, in any cookie list.
fn session_copies(file: &Path, host: &str, name: &str) -> usize {
    let data = mozlz4::decode(&std::fs::read(file).unwrap(), file).unwrap();
    let json: Value = serde_json::from_slice(&data).unwrap();
    let lists = std::iter::once(&json["cookies"]).chain(
        json["windows"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|w| &w["cookies"]),
    );
    lists
        .filter_map(Value::as_array)
        .flatten()
        .filter(|c| c["host"] == host && c["name"] == name)
        .count()
}

fn db_rows(path: &Path, host: &str, name: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM moz_cookies WHERE host = ?1 AND name = ?2",
            [host, name],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_cookie_in_the_database_and_the_session_file_is_deleted_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let profile = tmp.path().join("profile");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(PROFILE),
        &profile,
    );
    let store = store(&profile);
    let file = profile.join("sessionstore.jsonlz4");

    // A session cookie Firefox wrote, also written as a database row (same unique key).
    let before = listed(&store);
    let session = before
        .iter()
        .find(|c| matches!(c.key, RowKey::FirefoxSession { .. }))
        .expect("the real profile holds a session cookie");
    let RowKey::FirefoxSession {
        origin_attributes, ..
    } = &session.key
    else {
        unreachable!()
    };
    let (host, name) = (session.host.clone(), session.name.clone());
    Connection::open(&store.path)
        .unwrap()
        .execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, \
             lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap, \
             updateTime) VALUES (?1, ?2, 'db-copy', ?3, ?4, 1900000000000, 1, 1, 1, 1, 1, 2, 1)",
            rusqlite::params![origin_attributes, name, host, session.path],
        )
        .unwrap();
    assert_eq!(session_copies(&file, &host, &name), 1);

    // Listed once, as the database row.
    let now = listed(&store);
    assert_eq!(now.len(), before.len());
    let both: Vec<&Cookie> = now
        .iter()
        .filter(|c| c.host == host && c.name == name)
        .collect();
    assert_eq!(both.len(), 1);
    assert!(
        matches!(both[0].key, RowKey::FirefoxDb { .. }),
        "{:?}",
        both[0].key
    );
    // ... and marked as living in both places; no other row is.
    assert!(both[0].in_session_file);
    assert_eq!(now.iter().filter(|c| c.in_session_file).count(), 1);
    // `list` marks it in its flags, `explain` says it in words.
    let crumbs = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crumbs"))
            .args(args)
            .args(["--store", store.path.to_str().unwrap()])
            .env("HOME", tmp.path())
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .env("XDG_DATA_HOME", tmp.path().join("data"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let table = crumbs(&["list"]);
    assert_eq!(table.matches("+session-file").count(), 1, "{table}");
    let row = table.lines().find(|l| l.contains("+session-file")).unwrap();
    assert!(row.contains(&name), "{row}");
    let said = crumbs(&["explain", &name, "--host", &host]);
    assert!(
        said.contains("session file Firefox restores from"),
        "{said}"
    );

    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build(both, name.clone()), &root).unwrap();
    assert!(!report.any_refused(), "{report:?}");
    assert_eq!(db_rows(&store.path, &host, &name), 0);
    assert_eq!(session_copies(&file, &host, &name), 0);
    let after = listed(&store);
    assert!(
        !after.iter().any(|c| c.host == host && c.name == name),
        "the cookie is back on the next list"
    );
    assert_eq!(after.len(), before.len() - 1);

    // Both copies are in the backup, and undo puts both back.
    let m = root.latest().unwrap().unwrap();
    assert!(
        m.stores
            .iter()
            .any(|s| matches!(s.source, Source::Session { .. }))
    );
    assert_eq!(m.stores.len(), 2, "{:?}", m.stores);
    let u = undo(&root, None).unwrap();
    assert!(!u.any_refused(), "{u:?}");
    assert_eq!(db_rows(&store.path, &host, &name), 1);
    assert_eq!(session_copies(&file, &host, &name), 1);
    assert_eq!(listed(&store).len(), before.len());
}
