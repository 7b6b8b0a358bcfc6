//! Live: a real Firefox ESR writes `cookies.sqlite` (WAL, left behind after exit), crumbs
//! deletes one cookie, and the restarted browser no longer sends it but still sends the
//! others; after undo it sends it again. Browser and test server run in a private network
//! namespace with loopback only.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crumbs::model::{Browser, StoreRef};
use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::undo::undo;
use delete_common::*;

const RUN: &str = r#"
ip link set lo up || exit 3
/usr/bin/python3 "$1/server.py" 8080 "$1/log" & S=$!
sleep 0.5
mkdir -p "$1/home" "$1/profile"
HOME="$1/home" timeout 90 /usr/bin/firefox-esr --headless --no-remote --profile "$1/profile" \
  --screenshot "$1/shot.png" "http://127.0.0.1:8080$2" >/dev/null 2>&1
R=$?
kill $S
exit $R
"#;

/// Loads `path` in Firefox; returns the Cookie header the server got for it.
fn visit(dir: &Path, path: &str) -> String {
    let status = Command::new("unshare")
        .args(["-n", "--", "bash", "-c", RUN, "run"])
        .arg(dir)
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "browser run failed: {status}");
    cookie_header(dir, path)
}

#[test]
fn restarted_firefox_honours_delete_and_undo() {
    if !tools_present(&[
        "/usr/bin/firefox-esr",
        "/usr/bin/python3",
        "/usr/bin/unshare",
    ]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("server.py"), COOKIE_SERVER).unwrap();
    assert_eq!(visit(dir, "/set"), "");
    let profile = dir.join("profile");
    let store = Arc::new(StoreRef {
        browser: Browser::Firefox,
        profile: "profile".into(),
        profile_dir: profile.clone(),
        path: profile.join("cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    });
    let sent = visit(dir, "/before");
    assert_eq!(sent.split("; ").count(), 3, "{sent}");

    let all = cookies(&store);
    assert_eq!(all.len(), 3);
    let gone = all.iter().filter(|c| c.name == "gone");
    let root = BackupRoot::new(dir.join("backups"));
    let report = execute(DeletePlan::build(gone, "name:gone".into()), &root).unwrap();
    assert_eq!(report.deleted(), 1, "{report:?}");
    assert_eq!(journal_mode(&store.path), "wal");

    let sent = visit(dir, "/after-delete");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert!(!sent.contains("gone="), "{sent}");

    assert_eq!(undo(&root, None).unwrap().added(), 1);
    let sent = visit(dir, "/after-undo");
    assert!(sent.contains("gone=2"), "{sent}");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert_eq!(quick_check(&store.path), "ok");
    assert_eq!(journal_mode(&store.path), "wal");
}
