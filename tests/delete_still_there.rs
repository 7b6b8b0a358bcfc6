//! A listed cookie still in the store after a delete is a loud failure (refused, rolled
//! back, non-zero exit), never "already gone".
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
use delete_common::*;
use rusqlite::Connection;

fn rows_named(path: &std::path::Path, name: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM moz_cookies WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_row_moved_to_another_id_is_a_failure_not_already_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let listed = cookies(&store);
    let sec = listed.iter().find(|c| c.name == "sec").unwrap();
    // The same cookie (same unique key) now lives under another id.
    Connection::open(&store.path)
        .unwrap()
        .execute(
            "UPDATE moz_cookies SET id = id + 1000 WHERE name = 'sec'",
            [],
        )
        .unwrap();

    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([sec], "sec".into()), &root).unwrap();
    assert!(report.any_refused(), "{report:?}");
    let StoreOutcome::Failed { error, .. } = &report.outcomes[0] else {
        panic!("{report:?}")
    };
    assert!(error.contains("still in the table"), "{error}");
    assert_eq!(rows_named(&store.path, "sec"), 1);
    assert!(report.backup_id.is_none());
}

#[test]
fn a_row_put_back_during_the_delete_is_a_failure_and_rolls_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let listed = cookies(&store);
    let sec = listed.iter().find(|c| c.name == "sec").unwrap();
    let dom = listed.iter().find(|c| c.name == "dom").unwrap();
    // Whatever deletes this cookie's row, a copy under a new id comes straight back.
    Connection::open(&store.path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER comes_back AFTER DELETE ON moz_cookies WHEN old.name = 'sec' \
             BEGIN INSERT INTO moz_cookies (originAttributes, name, value, host, path) \
             VALUES (old.originAttributes, old.name, old.value, old.host, old.path); END",
        )
        .unwrap();

    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([sec, dom], "sec".into()), &root).unwrap();
    assert!(report.any_refused(), "{report:?}");
    assert!(
        matches!(&report.outcomes[0], StoreOutcome::Failed { error, .. }
            if error.contains("still in the table")),
        "{report:?}"
    );
    // Rolled back: the other planned row is there too.
    assert_eq!(rows_named(&store.path, "dom"), 2);
    assert_eq!(rows_named(&store.path, "sec"), 1);
}
