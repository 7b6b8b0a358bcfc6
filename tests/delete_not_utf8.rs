//! Names and hosts stored as text that is not valid UTF-8: the readers list them with
//! U+FFFD in place of the bad bytes, and keep the stored bytes in the row key, so such a
//! row is deleted exactly (never its twin that reads the same), and undo puts back the
//! same bytes, still as TEXT.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::path::Path;

use crumbs::model::Cookie;
use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::undo;
use delete_common::*;
use rusqlite::Connection;

/// Every row as (rowid, hex(name), hex(host), typeof(name), typeof(host)), by rowid.
fn stored(db: &Path, table: &str, host: &str) -> Vec<(i64, String, String, String, String)> {
    let conn = Connection::open(db).unwrap();
    let sql = format!(
        "SELECT rowid, hex(name), hex({host}), typeof(name), typeof({host}) FROM {table} \
         ORDER BY rowid"
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Deletes `victim` alone, checks that exactly its row went, undoes, checks that every
/// row is back byte for byte.
fn delete_then_undo(db: &Path, table: &str, host: &str, victim: &Cookie, root: &BackupRoot) {
    let before = stored(db, table, host);
    let report = execute(DeletePlan::build([victim], "bad".into()), root).unwrap();
    assert!(!report.any_refused(), "{report:?}");
    assert_deleted(&report, 1);
    let after = stored(db, table, host);
    assert_eq!(after.len(), before.len() - 1);
    let gone: Vec<_> = before.iter().filter(|r| !after.contains(r)).collect();
    assert_eq!(gone.len(), 1, "exactly one row went: {gone:?}");

    let back = undo::undo(root, None).unwrap();
    assert_eq!(back.added(), 1, "{back:?}");
    assert_eq!(
        stored(db, table, host),
        before,
        "the same bytes, as TEXT, same rowid"
    );
}

#[test]
fn a_firefox_name_and_host_that_are_not_utf8_are_deleted_exactly_and_come_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    // Firefox's real schema. Two rows that read alike: name 'b' 0xFF 'd' and 'b' 0xFE
    // 'd', host "bad." 0xFF "test"; both are shown as b\u{FFFD}d on bad.\u{FFFD}test.
    let conn = Connection::open(&store.path).unwrap();
    for name in ["62FF64", "62FE64"] {
        conn.execute(
            &format!(
                "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry) \
                 VALUES ('', CAST(X'{name}' AS TEXT), 'v', CAST(X'6261642EFF74657374' AS \
                 TEXT), '/', 1900000000000)"
            ),
            [],
        )
        .unwrap();
    }
    drop(conn);
    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies;
    let bad: Vec<&Cookie> = listed.iter().filter(|c| c.key.raw().is_some()).collect();
    assert_eq!(bad.len(), 2);
    for c in &bad {
        assert_eq!(
            (c.name.as_str(), c.host.as_str()),
            ("b\u{FFFD}d", "bad.\u{FFFD}test")
        );
    }
    assert_ne!(
        bad[0].id(),
        bad[1].id(),
        "twins that read alike keep apart ids"
    );
    let victim = bad
        .iter()
        .find(|c| c.key.raw().unwrap().name.as_deref() == Some(b"b\xffd".as_slice()))
        .unwrap();
    // As `delete --id` picks it: by its id among everything listed.
    let by_id = listed.iter().find(|c| c.id() == victim.id()).unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    delete_then_undo(&store.path, "moz_cookies", "host", by_id, &root);
}

#[test]
fn a_chromium_host_that_is_not_utf8_is_deleted_exactly_and_comes_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = chromium_store(tmp.path());
    // Chromium's meta 24 schema; host_key ".x" 0xC3 ".test" and its twin ".x" 0xFF
    // ".test", both shown as .x\u{FFFD}.test.
    let conn = Connection::open(&store.path).unwrap();
    for (host, bump) in [("2E78C32E74657374", 99), ("2E78FF2E74657374", 98)] {
        conn.execute(
            &format!(
                "INSERT INTO cookies SELECT creation_utc + {bump}, CAST(X'{host}' AS TEXT), \
                 top_frame_site_key, 'n', value, encrypted_value, path, expires_utc, \
                 is_secure, is_httponly, last_access_utc, has_expires, is_persistent, \
                 priority, samesite, source_scheme, source_port, last_update_utc, \
                 source_type, has_cross_site_ancestor FROM cookies WHERE name = 'stay'"
            ),
            [],
        )
        .unwrap();
    }
    drop(conn);
    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies;
    let bad: Vec<&Cookie> = listed.iter().filter(|c| c.name == "n").collect();
    assert_eq!(bad.len(), 2);
    assert!(bad.iter().all(|c| c.host == ".x\u{FFFD}.test"));
    let victim = bad
        .iter()
        .find(|c| c.key.raw().unwrap().host.as_deref() == Some(b".x\xc3.test".as_slice()))
        .unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    delete_then_undo(&store.path, "cookies", "host_key", victim, &root);
}

#[path = "hardening_support.rs"]
mod support;

/// The same through the real binary, on a copy of the real Firefox ESR store: `delete`
/// succeeds and removes the row, `undo` puts back the same bytes.
#[test]
fn the_cli_deletes_it_and_undo_puts_back_the_same_bytes() {
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
    let name_of_bad = |db: &Path| -> Vec<(String, String)> {
        let conn = Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare("SELECT hex(name), typeof(name) FROM moz_cookies WHERE host = 'bad.test'")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let want = vec![("62FF64".to_owned(), "text".to_owned())];
    assert_eq!(name_of_bad(&db), want);
    let store = db.to_str().unwrap();
    let run = sb.run(&["delete", "--yes", "--site", "bad.test", "--store", store]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(name_of_bad(&db).is_empty(), "{run:?}");
    let run = sb.run(&["undo"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(name_of_bad(&db), want);
}
