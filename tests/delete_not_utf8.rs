//! Names and hosts stored as text that is not valid UTF-8: the readers list them with
//! U+FFFD in place of the bad bytes, so the text they keep matches no stored row. A
//! delete of such a cookie must fail loudly, never report it "already gone".
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
use delete_common::*;
use rusqlite::Connection;

#[test]
fn a_name_that_is_not_utf8_is_a_loud_failure_not_already_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    // Firefox's real schema; the name's bytes are 'b', 0xFF, 'd' stored as TEXT.
    Connection::open(&store.path)
        .unwrap()
        .execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry) \
             VALUES ('', CAST(X'62FF64' AS TEXT), 'v', 'bad.test', '/', 1900000000000)",
            [],
        )
        .unwrap();
    // As `list` reads it.
    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies;
    let bad = listed.iter().find(|c| c.host == "bad.test").unwrap();
    assert_eq!(bad.name, "b\u{FFFD}d");

    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([bad], "bad".into()), &root).unwrap();
    assert!(report.any_refused(), "{report:?}");
    assert!(
        matches!(&report.outcomes[0], StoreOutcome::Failed { error, .. }
            if error.contains("not valid UTF-8")),
        "{report:?}"
    );
    let left: i64 = Connection::open(&store.path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM moz_cookies WHERE host = 'bad.test'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 1);
}

#[test]
fn a_chromium_host_that_is_not_utf8_is_a_loud_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let store = chromium_store(tmp.path());
    // Chromium's meta 24 schema; host_key bytes '.', 'x', 0xC3, '.', 't', 'e', 's', 't'.
    Connection::open(&store.path)
        .unwrap()
        .execute(
            "INSERT INTO cookies SELECT creation_utc + 99, CAST(X'2E78C32E74657374' AS TEXT), \
             top_frame_site_key, 'n', value, encrypted_value, path, expires_utc, is_secure, \
             is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite, \
             source_scheme, source_port, last_update_utc, source_type, \
             has_cross_site_ancestor FROM cookies WHERE name = 'stay'",
            [],
        )
        .unwrap();
    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies;
    let bad = listed.iter().find(|c| c.name == "n").unwrap();
    assert_eq!(bad.host, ".x\u{FFFD}.test");

    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([bad], "n".into()), &root).unwrap();
    assert!(
        matches!(&report.outcomes[0], StoreOutcome::Failed { error, .. }
            if error.contains("not valid UTF-8")),
        "{report:?}"
    );
    let left: i64 = Connection::open(&store.path)
        .unwrap()
        .query_row("SELECT count(*) FROM cookies WHERE name = 'n'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(left, 1);
}

#[path = "hardening_support.rs"]
mod support;

/// The same through the real binary, on a copy of the real Firefox ESR store: the exit
/// code says it failed.
#[test]
fn the_cli_exits_non_zero_and_the_row_stays() {
    let sb = support::Sandbox::new();
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let db = support::firefox_copy(&dir);
    support::sql(
        &db,
        "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, \
         lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap) \
         SELECT '', CAST(X'62FF64' AS TEXT), 'v', 'bad.test', path, expiry, lastAccessed, \
         creationTime, isSecure, isHttpOnly, sameSite, schemeMap \
         FROM moz_cookies WHERE name = 'IDE';",
    );
    let store = db.to_str().unwrap();
    let run = sb.run(&["delete", "--yes", "--site", "bad.test", "--store", store]);
    run.assert_no_panic();
    assert_ne!(run.code, Some(0), "{run:?}");
    let text = format!("{}{}", run.stdout_text(), run.stderr);
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(!text.contains("already gone"), "{text}");
    let left: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM moz_cookies WHERE host = 'bad.test'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 1);
}
