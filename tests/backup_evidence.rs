//! Backups are evidence: undo restores exactly the rows a backup saved and refuses one
//! whose file was changed afterwards (a row added, a value changed); partial backups of
//! killed runs are removed by the next run that takes the backup lock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::path::Path;

use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::undo::{UndoOutcome, undo};
use delete_common::*;
use rusqlite::Connection;

/// Deletes the cookie named `name`; returns the backup's rows file.
fn delete_one(
    dir: &Path,
    name: &str,
) -> (
    std::sync::Arc<crumbs::model::StoreRef>,
    BackupRoot,
    std::path::PathBuf,
) {
    let store = firefox_store(dir);
    let all = cookies(&store);
    let root = BackupRoot::new(dir.join("backups"));
    let plan = DeletePlan::build(
        all.iter().filter(|c| c.name == name),
        format!("name:{name}"),
    );
    let report = execute(plan, &root).unwrap();
    assert_eq!(report.deleted(), 1, "{report:?}");
    let id = report.backup_id.unwrap();
    let rows = root.folder(&id).join("store-0.sqlite");
    assert!(rows.is_file());
    (store, root, rows)
}

fn assert_refused(root: &BackupRoot, live: &Path, before: &[Vec<rusqlite::types::Value>]) {
    let report = undo(root, None).unwrap();
    assert!(report.any_refused(), "{report:?}");
    match &report.stores[0].outcome {
        UndoOutcome::Refused { reason } => {
            assert!(reason.contains("does not match its manifest"), "{reason}")
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(select_all(live), before, "undo wrote to the store");
}

#[test]
fn a_row_added_to_a_backup_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, root, rows) = delete_one(tmp.path(), "sec");
    Connection::open(&rows)
        .unwrap()
        .execute_batch(
            "INSERT INTO moz_cookies (id, originAttributes, name, value, host, path, expiry) \
             VALUES (999, '', 'planted', 'x', 'evil.test', '/', 1)",
        )
        .unwrap();
    let before = select_all(&store.path);
    assert_refused(&root, &store.path, &before);
}

#[test]
fn a_changed_value_in_a_backup_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, root, rows) = delete_one(tmp.path(), "sec");
    Connection::open(&rows)
        .unwrap()
        .execute_batch("UPDATE moz_cookies SET value = 'changed'")
        .unwrap();
    let before = select_all(&store.path);
    assert_refused(&root, &store.path, &before);
}

#[test]
fn an_untouched_backup_is_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, root, _) = delete_one(tmp.path(), "sec");
    assert_eq!(undo(&root, None).unwrap().added(), 1);
    assert!(cookies(&store).iter().any(|c| c.name == "sec"));
}

#[test]
fn partial_backups_of_killed_runs_are_removed_links_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    root.ensure().unwrap();
    let partial = root.dir.join(".tmp-20260101T000000.000000Z-abcd");
    std::fs::create_dir(&partial).unwrap();
    std::fs::write(partial.join("store-0.sqlite"), b"values").unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("keep"), b"x").unwrap();
    std::os::unix::fs::symlink(&outside, root.dir.join(".tmp-link")).unwrap();

    drop(root.lock().unwrap());
    assert!(!partial.exists(), "partial backup left behind");
    assert!(outside.join("keep").exists());
    assert!(std::fs::symlink_metadata(root.dir.join(".tmp-link")).is_ok());
}

/// Makes backup `id` look `days` old.
fn age(root: &BackupRoot, id: &str, days: i64) {
    let mut m = root.load(id).unwrap();
    m.created_micros -= days * 86_400 * 1_000_000;
    root.save_manifest(&m).unwrap();
}

#[test]
fn expired_backups_are_pruned_on_demand_and_after_a_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let mut root = BackupRoot::new(tmp.path().join("backups"));
    let delete = |root: &BackupRoot, name: &str| {
        let all = cookies(&store);
        let plan = DeletePlan::build(all.iter().filter(|c| c.name == name), name.into());
        execute(plan, root).unwrap().backup_id.unwrap()
    };
    let old = delete(&root, "sec");
    let recent = delete(&root, "stay");
    age(&root, &old, 40);
    let month = std::time::Duration::from_secs(30 * 86_400);
    assert_eq!(root.prune(month).unwrap(), vec![old.clone()]);
    assert!(!root.folder(&old).exists());
    assert!(root.folder(&recent).exists());

    age(&root, &recent, 31);
    root.keep = Some(month);
    let newest = delete(&root, "raw");
    let left: Vec<String> = root.list().unwrap().into_iter().map(|m| m.id).collect();
    assert_eq!(left, vec![newest], "the expired backup outlived a delete");
}
