//! Firefox session cookies live only in session-restore files (mozLz4 JSON): deleting one
//! rewrites that file, keeps the removed objects in the backup, and undo puts them back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::path::Path;

use crumbs::store::backup::{BackupRoot, Source};
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::read::firefox::mozlz4;
use crumbs::store::undo::undo;
use delete_common::*;
use serde_json::{Value, json};

fn oa(partition: &str) -> Value {
    json!({"firstPartyDomain": "", "geckoViewSessionContextId": "",
           "partitionKey": partition, "privateBrowsingId": 0, "userContextId": 0})
}

fn write_session(file: &Path) -> Value {
    let cookie = |name: &str, value: &str, partition: &str| {
        json!({"host": ".s.test", "value": value, "path": "/", "name": name,
               "secure": true, "httponly": true, "originAttributes": oa(partition),
               "sameSite": 1, "schemeMap": 2})
    };
    let session = json!({
        "version": ["sessionrestore", 1],
        "windows": [{"tabs": [], "cookies": [cookie("sid", "w-copy", "")]}],
        "cookies": [
            cookie("sid", "top", ""),
            cookie("sid", "twin", "(https,top.test)"),
            cookie("keep", "k", ""),
        ],
        "session": {"lastUpdate": 1764300000000u64}
    });
    let bytes = mozlz4::encode(&serde_json::to_vec(&session).unwrap()).unwrap();
    std::fs::write(file, bytes).unwrap();
    session
}

fn read_session(file: &Path) -> Value {
    let data = mozlz4::decode(&std::fs::read(file).unwrap(), file).unwrap();
    serde_json::from_slice(&data).unwrap()
}

fn names(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["originAttributes"]["partitionKey"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn session_cookie_is_removed_from_the_file_backed_up_and_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    let original = write_session(&file);
    let root = BackupRoot::new(tmp.path().join("backups"));

    // One session cookie and one database row in the same plan.
    let sid = session_cookie(&store, &file, ".s.test", "sid", "");
    let db_rows = cookies(&store);
    let dom = db_rows.iter().find(|c| c.name == "dom").unwrap();
    let report = execute(DeletePlan::build([&sid, dom], "sid".into()), &root).unwrap();
    assert!(!report.any_refused(), "{report:?}");
    assert_deleted(&report, 3);

    let after = read_session(&file);
    assert_eq!(
        names(&after["cookies"]),
        [
            ("sid".to_owned(), "(https,top.test)".to_owned()),
            ("keep".to_owned(), String::new())
        ]
    );
    assert!(names(&after["windows"][0]["cookies"]).is_empty());
    assert_eq!(after["session"], original["session"]);
    assert_eq!(after["version"], original["version"]);
    // Only the file itself in the folder: the temporary file was renamed over it.
    let leftovers: Vec<_> = std::fs::read_dir(&store.profile_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".crumbs"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let m = root.latest().unwrap().unwrap();
    assert_eq!(m.stores.len(), 2);
    let Source::Session {
        file: f,
        entries_file,
    } = &m.stores[1].source
    else {
        panic!("{:?}", m.stores[1].source)
    };
    assert_eq!(f, &file);
    let saved: Vec<Value> =
        serde_json::from_slice(&std::fs::read(root.folder(&m.id).join(entries_file)).unwrap())
            .unwrap();
    assert_eq!(saved.len(), 2);
    assert!(saved.contains(&original["cookies"][0]));
    assert!(saved.contains(&original["windows"][0]["cookies"][0]));

    let u = undo(&root, None).unwrap();
    assert!(!u.any_refused(), "{u:?}");
    let restored = read_session(&file);
    let top = names(&restored["cookies"]);
    assert_eq!(
        top.iter()
            .filter(|(n, p)| n == "sid" && p.is_empty())
            .count(),
        1
    );
    assert_eq!(top.len(), 3);
    assert!(
        restored["cookies"]
            .as_array()
            .unwrap()
            .contains(&original["cookies"][0])
    );
    assert!(cookies(&store).iter().any(|c| c.name == "dom"));

    // Again, by id: nothing added. Without an id there is nothing left to undo.
    let again = undo(&root, Some(&u.backup_id)).unwrap();
    assert_eq!(again.added(), 0);
    assert_eq!(read_session(&file), restored);
    let none_left = undo(&root, None).unwrap_err().to_string();
    assert!(none_left.contains("nothing to undo"), "{none_left}");
}

#[test]
fn undo_follows_a_rotated_session_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    let original = write_session(&file);
    let root = BackupRoot::new(tmp.path().join("backups"));
    let sid = session_cookie(&store, &file, ".s.test", "sid", "");
    assert_eq!(
        execute(DeletePlan::build([&sid], "sid".into()), &root)
            .unwrap()
            .deleted(),
        2
    );
    // Firefox started since: the file now lives under sessionstore-backups.
    let recovery = store
        .profile_dir
        .join("sessionstore-backups/recovery.jsonlz4");
    std::fs::create_dir_all(recovery.parent().unwrap()).unwrap();
    std::fs::rename(&file, &recovery).unwrap();
    let u = undo(&root, None).unwrap();
    assert!(!u.any_refused(), "{u:?}");
    let back = read_session(&recovery);
    assert!(
        back["cookies"]
            .as_array()
            .unwrap()
            .contains(&original["cookies"][0])
    );
    assert!(!file.exists());
}

#[test]
fn partitioned_session_twin_is_matched_by_its_suffix() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    write_session(&file);
    let root = BackupRoot::new(tmp.path().join("backups"));
    let twin = session_cookie(&store, &file, ".s.test", "sid", PART);
    let report = execute(DeletePlan::build([&twin], "twin".into()), &root).unwrap();
    assert_eq!(report.deleted(), 1);
    let after = read_session(&file);
    assert_eq!(
        names(&after["cookies"]),
        [
            ("sid".to_owned(), String::new()),
            ("keep".to_owned(), String::new())
        ]
    );
    assert_eq!(names(&after["windows"][0]["cookies"]).len(), 1);
}

#[test]
fn session_file_of_a_running_browser_is_not_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    write_session(&file);
    let before = std::fs::read(&file).unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    let sid = session_cookie(&store, &file, ".s.test", "sid", "");
    let mut plan = DeletePlan::build([&sid], "sid".into());
    plan.stores[0].running = Some(crumbs::store::running::Running {
        pid: None,
        how: "test".into(),
    });
    let report = execute(plan, &root).unwrap();
    assert!(report.any_refused());
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A session cookie whose jar carries only `geckoViewUserContextId` (the older name of the
/// GeckoView key): listed under one suffix, it must be found under the same one on delete.
#[test]
fn session_cookie_listed_with_gecko_user_context_is_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    let session = json!({
        "cookies": [{"host": ".gv.test", "value": "v", "path": "/", "name": "gv",
                     "originAttributes": {"geckoViewUserContextId": "app7",
                                          "userContextId": 0, "partitionKey": ""}}]
    });
    std::fs::write(
        &file,
        mozlz4::encode(&serde_json::to_vec(&session).unwrap()).unwrap(),
    )
    .unwrap();
    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies
        .into_iter()
        .find(|c| c.name == "gv")
        .unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([&listed], "gv".into()), &root).unwrap();
    assert_deleted(&report, 1);
    assert!(
        read_session(&file)["cookies"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

/// Firefox writes lone surrogates (`\ud800`) for unpaired halves in page titles, numbers
/// beyond 64 bits and its own key order; deleting a session cookie changes only that
/// entry, and undo only appends it back.
#[test]
fn session_edit_keeps_every_other_byte_of_what_firefox_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    let cookie = |name: &str| {
        format!(
            r#"{{"host":".s.test","value":"v","path":"/","name":"{name}","secure":true,"originAttributes":{{"userContextId":0,"partitionKey":""}}}}"#
        )
    };
    let before = |cookies: &str| {
        format!(
            r#"{{"version":["sessionrestore",1],"windows":[{{"tabs":[{{"title":"half \ud800 pair \udc00x"}}],"z":1,"a":2}}],"cookies":[{cookies}],"session":{{"lastUpdate":123456789012345678901234567890,"startTime":1.50e3}}}}"#
        )
    };
    let original = before(&format!("{},{}", cookie("sid"), cookie("keep")));
    std::fs::write(&file, mozlz4::encode(original.as_bytes()).unwrap()).unwrap();
    let decoded = || {
        String::from_utf8(mozlz4::decode(&std::fs::read(&file).unwrap(), &file).unwrap()).unwrap()
    };

    let listed = crumbs::store::read_store(&store, &crumbs::store::ReadOptions::default())
        .unwrap()
        .cookies
        .into_iter()
        .find(|c| c.name == "sid")
        .unwrap();
    let root = BackupRoot::new(tmp.path().join("backups"));
    let report = execute(DeletePlan::build([&listed], "sid".into()), &root).unwrap();
    assert_eq!(report.deleted(), 1, "{report:?}");
    assert_eq!(decoded(), before(&cookie("keep")));

    let u = undo(&root, None).unwrap();
    assert_eq!(u.added(), 1, "{u:?}");
    let back = decoded();
    assert!(back.starts_with(&before(&cookie("keep"))[..original.find("\"cookies\"").unwrap()]));
    assert!(back.contains(r#""title":"half \ud800 pair \udc00x""#));
    assert!(back.contains("123456789012345678901234567890,\"startTime\":1.50e3"));
    assert!(back.contains(r#""name":"sid""#) && back.contains(r#""name":"keep""#));
}

#[test]
fn older_session_copies_lose_the_cookie_too_and_get_it_back() {
    // "Restore Previous Session" reads previous.jsonlz4: a cookie left there would come
    // back after the delete. A copy Firefox could not read either is left alone.
    let tmp = tempfile::tempdir().unwrap();
    let store = firefox_store(tmp.path());
    let file = store.profile_dir.join("sessionstore.jsonlz4");
    let backups = store.profile_dir.join("sessionstore-backups");
    std::fs::create_dir_all(&backups).unwrap();
    let previous = backups.join("previous.jsonlz4");
    write_session(&previous);
    let damaged = b"mozLz40\0not a block".to_vec();
    std::fs::write(backups.join("recovery.baklz4"), &damaged).unwrap();
    // The current file is written last, so it is the newest: the one the reader lists.
    write_session(&file);
    let root = BackupRoot::new(tmp.path().join("backups"));

    let sid = session_cookie(&store, &file, ".s.test", "sid", "");
    let dom = cookies(&store)
        .into_iter()
        .find(|c| c.name == "dom")
        .unwrap();
    let report = execute(DeletePlan::build([&sid, &dom], "sid".into()), &root).unwrap();
    // The same count as with the current file alone: an older copy holds copies.
    assert_deleted(&report, 3);
    for f in [&file, &previous] {
        let after = read_session(f);
        assert_eq!(
            names(&after["cookies"]),
            [
                ("sid".to_owned(), "(https,top.test)".to_owned()),
                ("keep".to_owned(), String::new())
            ],
            "{}",
            f.display()
        );
        assert!(names(&after["windows"][0]["cookies"]).is_empty());
    }
    assert_eq!(
        std::fs::read(backups.join("recovery.baklz4")).unwrap(),
        damaged
    );

    let u = undo(&root, None).unwrap();
    assert!(!u.any_refused(), "{u:?}");
    for f in [&file, &previous] {
        let back = names(&read_session(f)["cookies"]);
        assert_eq!(back.len(), 3, "{}: {back:?}", f.display());
        let sid = back.iter().filter(|(n, p)| n == "sid" && p.is_empty());
        assert_eq!(sid.count(), 1, "{}", f.display());
    }
}
