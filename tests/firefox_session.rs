//! Session cookies from the current session-restore file, and the choice of that file.
// Helpers outside #[test] fns unwrap too: a failed setup should fail the test loudly.
#![allow(clippy::unwrap_used)]

mod firefox_support;

use std::path::Path;
use std::time::{Duration, SystemTime};

use crumbs::model::{CookieValue, RowKey, SameSite};
use crumbs::store::ReadOptions;
use crumbs::store::firefox;
use crumbs::store::read::firefox::session::current_session_file;
use firefox_support::*;

const CLEAN: &str = "sessionstore.jsonlz4";
const RECOVERY: &str = "sessionstore-backups/recovery.jsonlz4";

fn set_mtime(p: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(p)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn current_file_follows_clean_exit_running_and_crash() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    assert_eq!(current_session_file(p, false), None);
    // Older sessions never count: Firefox does not restore their cookies by itself.
    write_session(p, "sessionstore-backups/previous.jsonlz4", "{}");
    write_session(p, "sessionstore-backups/recovery.baklz4", "{}");
    write_session(p, "sessionstore-backups/upgrade.jsonlz4-20260101", "{}");
    assert_eq!(current_session_file(p, false), None);
    assert_eq!(current_session_file(p, true), None);

    // Crash: no clean-exit file, only recovery.
    let rec = write_session(p, RECOVERY, "{}");
    assert_eq!(current_session_file(p, false), Some(rec.clone()));

    // Clean exit: sessionstore newer than recovery.
    let clean = write_session(p, CLEAN, "{}");
    let now = SystemTime::now();
    set_mtime(&rec, now - Duration::from_secs(60));
    set_mtime(&clean, now);
    assert_eq!(current_session_file(p, false), Some(clean.clone()));
    // Running: recovery is the live one, whatever the clean file says.
    assert_eq!(current_session_file(p, true), Some(rec.clone()));

    // A later crash: recovery written after the last clean exit.
    set_mtime(&clean, now - Duration::from_secs(120));
    assert_eq!(current_session_file(p, false), Some(rec.clone()));

    // Clean exit with no recovery file at all.
    std::fs::remove_file(&rec).unwrap();
    assert_eq!(current_session_file(p, false), Some(clean));
    assert_eq!(current_session_file(p, true), None);
}

const SESSION: &str = r#"{"version":["sessionrestore",1],"windows":[{"tabs":[],
  "cookies":[{"host":"old.test","name":"win","value":"w","path":"/"}]}],
  "cookies":[
    {"host":".s.test","value":"sv","path":"/","name":"sess","secure":true,"httponly":true,
     "originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"",
       "partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":2,"schemeMap":2},
    {"host":"emb.test","value":"p","path":"/","name":"part","secure":true,
     "originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"",
       "partitionKey":"(https,top.test)","privateBrowsingId":0,"userContextId":2},
     "sameSite":0,"schemeMap":2},
    {"host":"dup.test","value":"d","path":"/","name":"dup",
     "originAttributes":{"partitionKey":"(https,top.test,f)","userContextId":0},"sameSite":256},
    {"host":"dup.test","value":"d2","path":"/","name":"dup2","expiry":4102444800000,
     "originAttributes":{},"sameSite":1}
  ]}"#;

#[test]
fn session_cookies_are_added_once_with_their_jar() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 17);
    let exp = (now_s() + 3600) * 1000;
    insert17(
        &conn,
        "dup.test",
        "dup",
        "db",
        "^partitionKey=%28https%2Cdup.test%2Cf%29",
        exp,
        0,
        false,
    );
    insert17(
        &conn,
        "dup.test",
        "dup",
        "db",
        "^partitionKey=%28https%2Ctop.test%2Cf%29",
        exp,
        0,
        false,
    );
    drop(conn);
    let file = write_session(d.path(), CLEAN, SESSION);
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let names: Vec<_> = read.cookies.iter().map(|c| c.name.as_str()).collect();
    // Two db rows + sess, part, dup2, win; the session `dup` duplicates the second db row.
    assert_eq!(names.len(), 6, "{names:?}");
    assert_eq!(names.iter().filter(|n| **n == "dup").count(), 2);

    let sess = read.cookies.iter().find(|c| c.name == "sess").unwrap();
    assert!(sess.is_session() && sess.secure && sess.http_only);
    assert_eq!(sess.same_site, SameSite::Strict);
    assert_eq!(&*sess.site, "s.test");
    assert_eq!(
        sess.value,
        CookieValue::Known(crumbs::model::Secret::new(&b"sv"[..]))
    );
    assert_eq!(
        sess.key,
        RowKey::FirefoxSession {
            file: file.clone(),
            origin_attributes: String::new()
        }
    );

    let part = read.cookies.iter().find(|c| c.name == "part").unwrap();
    assert_eq!(
        part.key,
        RowKey::FirefoxSession {
            file: file.clone(),
            origin_attributes: "^userContextId=2&partitionKey=%28https%2Ctop.test%29".into()
        }
    );
    assert_eq!(part.partition.as_deref(), Some("https://top.test"));
    assert_eq!(part.container.as_deref(), Some("Work"));
    assert_eq!(part.same_site, SameSite::None);

    let dup2 = read.cookies.iter().find(|c| c.name == "dup2").unwrap();
    assert_eq!(
        dup2.expires, None,
        "session-file cookies are session cookies"
    );
    assert!(
        read.cookies.iter().any(|c| c.name == "win"),
        "windows[].cookies read"
    );
}

#[test]
fn a_malformed_session_file_is_a_note_not_a_failure() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 17);
    insert17(
        &conn,
        "a.test",
        "keep",
        "v",
        "",
        (now_s() + 60) * 1000,
        0,
        false,
    );
    drop(conn);
    for (what, bytes) in [
        ("not lz4", b"plain text".to_vec()),
        (
            "bad json",
            crumbs::store::read::firefox::mozlz4::encode(
                br#"{"cookies":[{"host":"x","value":"TOPSECRET""#,
            )
            .unwrap(),
        ),
        (
            "wrong shape",
            crumbs::store::read::firefox::mozlz4::encode(
                br#"{"cookies":[{"host":"x","secure":"TOPSECRET"}]}"#,
            )
            .unwrap(),
        ),
    ] {
        std::fs::write(d.path().join(CLEAN), bytes).unwrap();
        let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
        assert_eq!(read.cookies.len(), 1, "{what}");
        assert_eq!(read.notes.len(), 1, "{what}");
        let note = &read.notes[0];
        assert!(note.contains("sessionstore.jsonlz4"), "{what}: {note}");
        assert!(!note.contains("TOPSECRET"), "{what}: {note}");
        assert!(!note.contains('\n'), "{what}: {note}");
    }
}
