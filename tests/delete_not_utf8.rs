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
