//! What a backup looks like on disk: owner-only folder and files, a manifest naming the
//! store, schema and row ids (never a value), and an SQLite file holding the exact rows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use crumbs::store::backup::{BackupRoot, Source};
use crumbs::store::delete::{DeletePlan, execute};
use delete_common::*;
use rusqlite::Connection;

#[test]
fn backup_is_private_complete_and_byte_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("data/crumbs/backups"));
    let before = select_all(&store.path);
    let all = cookies(&store);
    let victims: Vec<_> = all.iter().filter(|c| c.host.contains("example")).collect();
    let report = execute(
        DeletePlan::build(victims.iter().copied(), "site:example.test".into()),
        &root,
    )
    .unwrap();
    let id = report.backup_id.unwrap();
    let folder = root.folder(&id);

    assert_eq!(mode(&root.dir), 0o700);
    assert_eq!(mode(&folder), 0o700);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert_eq!(mode(&root.dir.join("crumbs.lock")), 0o600);

    let text = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    assert!(
        !text.contains("s3cr3t") && !text.contains("work\""),
        "value in manifest"
    );
    let m = root.load(&id).unwrap();
    assert_eq!(m.id, id);
    assert_eq!(m.crumbs_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(m.filter, "site:example.test");
    assert!(m.created.ends_with('Z') && m.created.starts_with("20"));
    let s = &m.stores[0];
    assert_eq!(
        (s.path.as_path(), s.profile.as_str()),
        (store.path.as_path(), "default")
    );
    assert_eq!(s.count, victims.len());
    let Source::Table {
        table,
        create_sql,
        schema_version,
        ids,
        rows_file,
    } = &s.source
    else {
        panic!()
    };
    assert_eq!(
        (table.as_str(), schema_version.as_str()),
        ("moz_cookies", "17")
    );
    assert_eq!(create_sql, FIREFOX_CREATE);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["stores"][0]["browser"], "firefox");
    assert_eq!(json["stores"][0]["family"], "firefox");

    // The rows file holds exactly the deleted rows, value for value, under their ids.
    let saved = select_all(&folder.join(rows_file));
    let expected: Vec<_> = before
        .iter()
        .filter(|r| matches!(&r[0], rusqlite::types::Value::Integer(i) if ids.contains(i)))
        .cloned()
        .collect();
    assert_eq!(saved, expected);
    let conn = Connection::open(folder.join(rows_file)).unwrap();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'moz_cookies'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sql, FIREFOX_CREATE);
    // No journal or temp file left next to the rows.
    assert!(!folder.join(format!("{rows_file}-journal")).exists());
}

#[test]
fn list_is_newest_first_and_ignores_unfinished_or_broken_backups() {
    let tmp = tempfile::tempdir().unwrap();
    let store = chromium_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    assert!(root.list().unwrap().is_empty());
    assert!(root.latest().unwrap().is_none());
    let all = cookies(&store);
    let mut ids = Vec::new();
    for (i, c) in all.iter().take(3).enumerate() {
        let r = execute(DeletePlan::build([c], format!("n{i}")), &root).unwrap();
        ids.push(r.backup_id.unwrap());
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ids, "ids sort by time");

    // A folder still being written (as a crash would leave it) and a broken manifest.
    let half = root.dir.join(".tmp-20990101T000000.000000Z-dead");
    std::fs::create_dir(&half).unwrap();
    std::fs::copy(
        root.folder(&ids[0]).join("manifest.json"),
        half.join("manifest.json"),
    )
    .unwrap();
    std::fs::create_dir(root.dir.join("broken")).unwrap();
    std::fs::write(root.dir.join("broken/manifest.json"), "{").unwrap();

    let listed: Vec<String> = root.list().unwrap().into_iter().map(|m| m.id).collect();
    ids.reverse();
    assert_eq!(listed, ids);
    assert_eq!(root.latest().unwrap().unwrap().id, ids[0]);
    assert_eq!(root.latest().unwrap().unwrap().filter, "n2");
    assert!(root.load("../x").is_err());
    assert!(root.load(".tmp-20990101T000000.000000Z-dead").is_err());
}

#[test]
fn default_location_is_under_the_data_folder() {
    let root = BackupRoot::default_location().unwrap();
    assert!(
        root.dir.ends_with("crumbs/backups"),
        "{}",
        root.dir.display()
    );
    assert_eq!(root.dir.parent(), crumbs::paths::data_dir().as_deref());
}
