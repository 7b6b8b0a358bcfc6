//! Listed ⇒ deletable on every supported table layout: a row `list` shows is found again
//! by `delete` (and put back by `undo`) whatever key columns that schema has.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod chromium_fixture;

use chromium_fixture::{JAN_2025, V24_SCHEMA, store_at};
use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
use crumbs::store::undo::undo;
use crumbs::store::{ReadOptions, read_store};
use rusqlite::Connection;

/// Chromium's meta 22 table: meta 24's CREATE statement before `has_cross_site_ancestor`
/// was added (meta 23), with the unique index of that time.
fn v22_schema() -> String {
    V24_SCHEMA
        .replace(",has_cross_site_ancestor INTEGER NOT NULL", "")
        .replace(" has_cross_site_ancestor,", "")
        .replace("'24'", "'22'")
}

fn count(path: &std::path::Path, name: &str) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM cookies WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn chromium_meta_22_row_is_deleted_and_restored() {
    let schema = v22_schema();
    assert!(!schema.contains("has_cross_site_ancestor") && schema.contains("'22'"));
    let tmp = tempfile::tempdir().unwrap();
    let (path, store) = store_at(tmp.path());
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&schema).unwrap();
    for name in ["gone", "stays"] {
        conn.execute(
            "INSERT INTO cookies VALUES(?1,'.old.test','',?2,'v',X'','/',?3,1,0,?1,1,1,1,-1,2,443,?1,0)",
            rusqlite::params![JAN_2025, name, JAN_2025 * 2],
        )
        .unwrap();
    }
    drop(conn);

    let listed = read_store(&store, &ReadOptions::default()).unwrap();
    assert_eq!(listed.schema, "chromium meta 22");
    let gone = listed.cookies.iter().find(|c| c.name == "gone").unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([gone], "gone".into()), &root).unwrap();
    assert!(
        matches!(
            report.outcomes[0],
            StoreOutcome::Deleted {
                count: 1,
                missing: 0,
                ..
            }
        ),
        "{report:?}"
    );
    assert_eq!((count(&path, "gone"), count(&path, "stays")), (0, 1));

    let u = undo(&root, None).unwrap();
    assert_eq!(u.added(), 1, "{u:?}");
    assert_eq!((count(&path, "gone"), count(&path, "stays")), (1, 1));
}
