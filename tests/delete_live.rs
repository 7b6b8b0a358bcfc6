//! Live: a real browser writes its cookie store, crumbs deletes one cookie, and the
//! restarted browser no longer sends it but still sends the others; after undo it sends it
//! again. For Chromium that also shows the restored encrypted value still decrypts (the
//! row came back byte-exact); for Firefox ESR that `cookies.sqlite` stays in WAL mode, as
//! the browser left it. Browser and test server run in a private network namespace with
//! loopback only.
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

/// One browser as these tests drive it.
struct Live {
    /// Runs the test server on 127.0.0.1:8080 and loads `$2` once; `$1` is the work folder.
    script: &'static str,
    tools: &'static [&'static str],
    store: fn(&Path) -> StoreRef,
    /// The journal mode the browser leaves its store in, kept through delete and undo.
    journal: Option<&'static str>,
}

const CHROMIUM: Live = Live {
    script: r#"
ip link set lo up || exit 3
/usr/bin/python3 "$1/server.py" 8080 "$1/log" & S=$!
sleep 0.5
timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
  --no-first-run --no-default-browser-check --disable-background-networking \
  --disable-component-update --disable-sync --disable-dev-shm-usage \
  --password-store=basic --user-data-dir="$1/udd" --dump-dom "http://127.0.0.1:8080$2" \
  >/dev/null 2>&1
kill $S
"#,
    tools: &["/usr/bin/chromium", "/usr/bin/python3", "/usr/bin/unshare"],
    store: |dir| {
        let udd = dir.join("udd");
        StoreRef {
            browser: Browser::Chromium,
            profile: "Default".into(),
            profile_dir: udd.join("Default"),
            path: udd.join("Default/Cookies"),
            user_data_dir: Some(udd),
            is_default: true,
            is_demo: false,
        }
    },
    journal: None,
};

const FIREFOX: Live = Live {
    script: r#"
ip link set lo up || exit 3
/usr/bin/python3 "$1/server.py" 8080 "$1/log" & S=$!
sleep 0.5
mkdir -p "$1/home" "$1/profile"
HOME="$1/home" timeout 90 /usr/bin/firefox-esr --headless --no-remote --profile "$1/profile" \
  --screenshot "$1/shot.png" "http://127.0.0.1:8080$2" >/dev/null 2>&1
R=$?
kill $S
exit $R
"#,
    tools: &[
        "/usr/bin/firefox-esr",
        "/usr/bin/python3",
        "/usr/bin/unshare",
    ],
    store: |dir| {
        let profile = dir.join("profile");
        StoreRef {
            browser: Browser::Firefox,
            profile: "profile".into(),
            profile_dir: profile.clone(),
            path: profile.join("cookies.sqlite"),
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        }
    },
    journal: Some("wal"),
};

/// Loads `path` in the browser; returns the Cookie header the server got for it.
fn visit(live: &Live, dir: &Path, path: &str) -> String {
    let run = || {
        Command::new("unshare")
            .args(["-n", "--", "bash", "-c", live.script, "run"])
            .arg(dir)
            .arg(path)
            .status()
            .unwrap()
    };
    let mut status = run();
    if status.code() == Some(TIMED_OUT) {
        // A headless browser that hangs on a loaded machine says nothing about the store;
        // one more run does. The server's log keeps the last request for `path`.
        status = run();
    }
    assert!(status.success(), "browser run failed: {status}");
    cookie_header(dir, path)
}

/// `timeout`'s exit status when it had to stop the browser.
const TIMED_OUT: i32 = 124;

fn honours_delete_and_undo(live: &Live) {
    if !tools_present(live.tools) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("server.py"), COOKIE_SERVER).unwrap();
    assert_eq!(visit(live, dir, "/set"), "");
    let store = Arc::new((live.store)(dir));
    let journal_kept = || {
        if let Some(mode) = live.journal {
            assert_eq!(journal_mode(&store.path), mode);
        }
    };
    let stored = select_all(&store.path);
    assert_eq!(stored.len(), 3, "the browser stored {stored:?}");
    let sent = visit(live, dir, "/before");
    assert_eq!(sent.split("; ").count(), 3, "{sent}");

    let all = cookies(&store);
    assert_eq!(all.len(), 3);
    let gone = all.iter().filter(|c| c.name == "gone");
    let root = BackupRoot::new(dir.join("backups"));
    let report = execute(DeletePlan::build(gone, "name:gone".into()), &root).unwrap();
    assert_eq!(report.deleted(), 1, "{report:?}");
    journal_kept();

    let sent = visit(live, dir, "/after-delete");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert!(!sent.contains("gone="), "{sent}");

    assert_eq!(undo(&root, None).unwrap().added(), 1);
    let sent = visit(live, dir, "/after-undo");
    assert!(sent.contains("gone=2"), "{sent}");
    assert!(sent.contains("keep=1") && sent.contains("also=3"), "{sent}");
    assert_eq!(quick_check(&store.path), "ok");
    journal_kept();
}

#[test]
fn restarted_chromium_honours_delete_and_undo() {
    honours_delete_and_undo(&CHROMIUM);
}

#[test]
fn restarted_firefox_honours_delete_and_undo() {
    honours_delete_and_undo(&FIREFOX);
}
