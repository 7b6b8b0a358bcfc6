//! Live: a real Chromium writes its cookie store, crumbs deletes one cookie, and the
//! restarted browser no longer sends it but still sends the others; after undo it sends it
//! again (the restored encrypted value still decrypts, so the row came back byte-exact).
//! Browser and test server run in a private network namespace with loopback only.
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
timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
  --no-first-run --no-default-browser-check --disable-background-networking \
  --disable-component-update --disable-sync --disable-dev-shm-usage \
  --password-store=basic --user-data-dir="$1/udd" --dump-dom "http://127.0.0.1:8080$2" \
  >/dev/null 2>&1
kill $S
"#;

/// Loads `path` in Chromium; returns the Cookie header the server got for it.
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
fn restarted_chromium_honours_delete_and_undo() {
    if !tools_present(&["/usr/bin/chromium", "/usr/bin/python3", "/usr/bin/unshare"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("server.py"), COOKIE_SERVER).unwrap();
    assert_eq!(visit(dir, "/set"), "");
    let udd = dir.join("udd");
    let store = Arc::new(StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: udd.join("Default"),
        path: udd.join("Default/Cookies"),
        user_data_dir: Some(udd.clone()),
        is_default: true,
        is_demo: false,
    });
    let before = select_all(&store.path);
    assert_eq!(before.len(), 3, "Chromium stored {before:?}");
    assert_eq!(visit(dir, "/before").split("; ").count(), 3);

    let all = cookies(&store);
    let gone = all.iter().filter(|c| c.name == "gone");
    let root = BackupRoot::new(dir.join("backups"));
    let report = execute(DeletePlan::build(gone, "name:gone".into()), &root).unwrap();
    assert_eq!(report.deleted(), 1, "{report:?}");

    let sent = visit(dir, "/after-delete");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert!(!sent.contains("gone="), "{sent}");

    assert_eq!(undo(&root, None).unwrap().added(), 1);
    let sent = visit(dir, "/after-undo");
    assert!(sent.contains("gone=2"), "{sent}");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert_eq!(quick_check(&store.path), "ok");
}
