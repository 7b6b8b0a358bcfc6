//! Delete then undo on real Firefox and Chromium stores: rows come back byte-identical,
//! other rows (and partitioned twins) are never touched, the journal mode is kept.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use crumbs::model::{Cookie, RowKey};
use crumbs::store::backup::{BackupRoot, Source};
use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
use crumbs::store::undo::{UndoOutcome, undo};
use delete_common::*;

fn pick(all: &[Cookie], f: impl Fn(&Cookie) -> bool) -> Vec<&Cookie> {
    all.iter().filter(|c| f(c)).collect()
}

fn is_partitioned(c: &Cookie) -> bool {
    match &c.key {
        RowKey::FirefoxDb {
            origin_attributes, ..
        } => origin_attributes.contains("partitionKey"),
        RowKey::Chromium {
            top_frame_site_key, ..
        } => !top_frame_site_key.is_empty(),
        _ => false,
    }
}

/// Deletes the unpartitioned `part` cookie plus `dom`/`raw`/`sec`, checks, undoes, checks.
fn round_trip(store: std::sync::Arc<crumbs::model::StoreRef>, journal: &str) {
    let tmp = store.profile_dir.parent().unwrap().to_path_buf();
    let root = BackupRoot::new(tmp.join("backups"));
    let before_rows = select_all(&store.path);
    let before_dump = dump(&store.path);
    let all = cookies(&store);
    let victims = pick(&all, |c| {
        (c.name == "part" && !is_partitioned(c))
            || c.name == "raw"
            || c.name == "sec"
            || c.name == "ünï"
    });
    let victim_count = victims.len();
    assert!(victim_count >= 2);
    let plan = DeletePlan::build(victims.iter().copied(), "name:part".into());
    assert_eq!(plan.len(), victim_count);
    assert_eq!(plan.stores.len(), 1);

    let report = execute(plan, &root).unwrap();
    assert!(!report.any_refused(), "{report:?}");
    assert_eq!(report.deleted(), victim_count);
    let id = report.backup_id.clone().unwrap();

    let after = select_all(&store.path);
    assert_eq!(after.len(), before_rows.len() - victim_count);
    // Every surviving row is byte-identical to before, including both partitioned twins.
    for row in &after {
        assert!(before_rows.contains(row), "row changed: {row:?}");
    }
    let left = cookies(&store);
    assert!(left.iter().any(|c| c.name == "part" && is_partitioned(c)));
    assert!(!left.iter().any(|c| c.name == "part" && !is_partitioned(c)));
    assert_eq!(quick_check(&store.path), "ok");
    assert_eq!(journal_mode(&store.path), journal);

    // The manifest names exactly what was saved.
    let m = root.load(&id).unwrap();
    assert_eq!(m.filter, "name:part");
    assert_eq!(m.total(), victim_count);
    assert_eq!(m.stores[0].outcome.as_deref(), Some("deleted"));
    let Source::Table { ids, .. } = &m.stores[0].source else {
        panic!("table source expected");
    };
    assert_eq!(ids.len(), victim_count);

    let u = undo(&root, None).unwrap();
    assert_eq!(u.backup_id, id);
    assert_eq!(u.added(), victim_count);
    assert_eq!(select_all(&store.path), before_rows);
    assert_eq!(dump(&store.path), before_dump);
    assert_eq!(quick_check(&store.path), "ok");
    assert_eq!(journal_mode(&store.path), journal);
    assert!(root.load(&id).unwrap().restored.is_some());

    // Undo twice: nothing added, everything reported as already there, no byte changed.
    let again = undo(&root, Some(&id)).unwrap();
    assert_eq!(again.added(), 0);
    assert_eq!(again.already_there(), victim_count);
    assert_eq!(dump(&store.path), before_dump);
}

#[test]
fn firefox_delete_then_undo_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    assert_eq!(journal_mode(&store.path), "wal");
    round_trip(store, "wal");
}

#[test]
fn chromium_delete_then_undo_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let store = chromium_store(tmp.path());
    assert_eq!(journal_mode(&store.path), "delete");
    let journal = store.profile_dir.join("Cookies-journal");
    round_trip(store, "delete");
    // Left as Chromium leaves it: present, empty.
    assert_eq!(std::fs::metadata(&journal).unwrap().len(), 0);
}

#[test]
fn building_a_plan_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let ch = chromium_store(tmp.path());
    let all: Vec<Cookie> = cookies(&ff).into_iter().chain(cookies(&ch)).collect();
    let before = tree(tmp.path());
    let plan = DeletePlan::build(all.iter(), "everything".into());
    assert_eq!(plan.len(), all.len());
    assert_eq!(plan.stores.len(), 2);
    assert!(plan.stores.iter().all(|s| s.running.is_none()));
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn rows_gone_or_changed_since_the_read_are_reported_not_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let store = chromium_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all = cookies(&store);
    let conn = rusqlite::Connection::open(&store.path).unwrap();
    // The browser removed one row and re-created another under a new key since the read.
    conn.execute("DELETE FROM cookies WHERE name = 'dom'", [])
        .unwrap();
    conn.execute(
        "UPDATE cookies SET source_port = 8443 WHERE name = 'sec'",
        [],
    )
    .unwrap();
    drop(conn);
    let before = select_all(&store.path);
    let victims = pick(&all, |c| ["dom", "sec", "stay"].contains(&c.name.as_str()));
    let report = execute(DeletePlan::build(victims, "x".into()), &root).unwrap();
    match &report.outcomes[..] {
        [StoreOutcome::Deleted { count, missing, .. }] => assert_eq!((*count, *missing), (1, 2)),
        other => panic!("{other:?}"),
    }
    let after = select_all(&store.path);
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(root.list().unwrap()[0].total(), 1);
}

#[test]
fn nothing_found_means_no_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all = cookies(&store);
    let conn = rusqlite::Connection::open(&store.path).unwrap();
    conn.execute("DELETE FROM moz_cookies WHERE name = 'dom'", [])
        .unwrap();
    drop(conn);
    let victims = pick(&all, |c| c.name == "dom");
    let report = execute(DeletePlan::build(victims, "x".into()), &root).unwrap();
    assert_eq!(report.backup_id, None);
    assert_eq!(report.deleted(), 0);
    assert!(root.list().unwrap().is_empty());
}

#[test]
fn undo_refuses_after_the_schema_changed() {
    for family in ["firefox", "chromium"] {
        let tmp = tempfile::tempdir().unwrap();
        let store = if family == "firefox" {
            firefox_store(tmp.path())
        } else {
            chromium_store(tmp.path())
        };
        let root = BackupRoot::new(tmp.path().join("backups"));
        let all = cookies(&store);
        let report = execute(DeletePlan::build(all.iter().take(2), "x".into()), &root).unwrap();
        assert_eq!(report.deleted(), 2);
        // A browser upgrade migrated the table.
        let conn = rusqlite::Connection::open(&store.path).unwrap();
        if family == "firefox" {
            conn.execute_batch("PRAGMA user_version = 18").unwrap();
        } else {
            conn.execute_batch("UPDATE meta SET value = '25' WHERE key = 'version'")
                .unwrap();
        }
        drop(conn);
        let before = dump(&store.path);
        let u = undo(&root, None).unwrap();
        assert!(u.any_refused());
        match &u.stores[0].outcome {
            UndoOutcome::Refused { reason } => {
                assert!(reason.contains("changed since the backup"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(dump(&store.path), before);
        assert!(root.latest().unwrap().unwrap().restored.is_none());

        // A changed CREATE statement (a new column) is refused the same way.
        let conn = rusqlite::Connection::open(&store.path).unwrap();
        let (table, version) = if family == "firefox" {
            ("moz_cookies", "PRAGMA user_version = 17")
        } else {
            (
                "cookies",
                "UPDATE meta SET value = '24' WHERE key = 'version'",
            )
        };
        conn.execute_batch(version).unwrap();
        conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN extra INTEGER"))
            .unwrap();
        drop(conn);
        let u = undo(&root, None).unwrap();
        assert!(
            matches!(u.stores[0].outcome, UndoOutcome::Refused { .. }),
            "{u:?}"
        );
    }
}

#[test]
fn undo_uses_a_new_id_when_the_old_one_was_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all = cookies(&store);
    let victim = pick(&all, |c| c.name == "sec");
    let RowKey::FirefoxDb { id, .. } = victim[0].key else {
        panic!()
    };
    execute(DeletePlan::build(victim, "x".into()), &root).unwrap();
    // Firefox reused the id for a new cookie meanwhile.
    let conn = rusqlite::Connection::open(&store.path).unwrap();
    conn.execute(
        "INSERT INTO moz_cookies (id, name, value, host, path) VALUES (?1, 'new', 'v', 'n.test', '/')",
        [id],
    )
    .unwrap();
    drop(conn);
    let u = undo(&root, None).unwrap();
    assert_eq!(u.added(), 1);
    let rows = cookies(&store);
    assert!(rows.iter().any(|c| c.name == "new"));
    let back = pick(&rows, |c| c.name == "sec");
    assert_eq!(back.len(), 1);
    assert!(!matches!(back[0].key, RowKey::FirefoxDb { id: i, .. } if i == id));
    assert_eq!(quick_check(&store.path), "ok");
}
