//! End to end, as a person would do it: a real browser signs in to the local server that
//! plays the seed platform, `crumbs delete --site fabriquenumeriquedupasse.fr --name
//! sessionid --yes` runs, the relaunched browser is signed out as the server sees it;
//! `crumbs undo`, relaunch, signed in again — and the restored row is byte-identical.
//! Real Chromium and Firefox ESR, inside a loopback-only network namespace (see
//! `tests/common/live.rs`); with `CI` set a missing tool fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/live.rs"]
mod live;

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::types::Value;

const SITE: &str = "fabriquenumeriquedupasse.fr";

fn whoami(browser: &str, home: &Path) -> String {
    let out = live::drive(&[
        std::ffi::OsStr::new("whoami"),
        browser.as_ref(),
        home.as_os_str(),
    ])
    .expect("drive.py whoami");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn crumbs(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crumbs"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The cookie store the browser wrote under `home`.
fn store_of(browser: &str, home: &Path) -> (PathBuf, &'static str) {
    if browser == "chromium" {
        return (home.join(".config/chromium/Default/Cookies"), "cookies");
    }
    let roots = [
        home.join(".mozilla/firefox"),
        home.join(".config/mozilla/firefox"),
    ];
    for root in roots {
        for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let db = entry.path().join("cookies.sqlite");
            if db.exists() {
                return (db, "moz_cookies");
            }
        }
    }
    panic!("no Firefox cookies.sqlite under {}", home.display());
}

/// Every column of the `sessionid` rows, read from a private copy (never the live file).
fn sessionid_rows(browser: &str, home: &Path) -> Vec<Vec<Value>> {
    let (db, table) = store_of(browser, home);
    let copy = tempfile::tempdir().unwrap();
    for suffix in ["", "-wal", "-journal"] {
        let src = PathBuf::from(format!("{}{suffix}", db.display()));
        if src.exists() {
            std::fs::copy(&src, copy.path().join(format!("db{suffix}"))).unwrap();
        }
    }
    let conn = rusqlite::Connection::open(copy.path().join("db")).unwrap();
    let host = if table == "cookies" {
        "host_key"
    } else {
        "host"
    };
    let mut st = conn
        .prepare(&format!(
            "SELECT * FROM {table} WHERE name = 'sessionid' AND {host} LIKE '%{SITE}' ORDER BY 1"
        ))
        .unwrap();
    let n = st.column_count();
    st.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn sign_out_and_back_in(browser: &str) {
    let home = live::temp_home();
    let home = home.path();
    live::drive(&["login", browser, home.to_str().unwrap()]).expect("drive.py login");
    assert_eq!(
        whoami(browser, home),
        "signed-in:ada",
        "{browser}: after login"
    );
    let before = sessionid_rows(browser, home);
    assert_eq!(before.len(), 1, "{browser}: one sessionid row after login");

    let (code, out, err) = crumbs(
        home,
        &["delete", "--site", SITE, "--name", "sessionid", "--yes"],
    );
    assert_eq!(code, 0, "{browser}: delete failed: {out}{err}");
    assert!(out.contains("Deleted 1 cookie(s)"), "{browser}: {out}");
    assert!(
        sessionid_rows(browser, home).is_empty(),
        "{browser}: row still there"
    );
    assert_eq!(
        whoami(browser, home),
        "anonymous",
        "{browser}: after delete"
    );

    let (code, out, err) = crumbs(home, &["undo"]);
    assert_eq!(code, 0, "{browser}: undo failed: {out}{err}");
    assert!(out.contains("Restored 1 cookie(s)"), "{browser}: {out}");
    assert_eq!(
        sessionid_rows(browser, home),
        before,
        "{browser}: the restored row differs from the deleted one"
    );
    assert_eq!(
        whoami(browser, home),
        "signed-in:ada",
        "{browser}: after undo"
    );
}

#[test]
fn chromium_is_signed_out_by_delete_and_back_in_by_undo() {
    if live::require_browser_tools().is_none() {
        return;
    }
    sign_out_and_back_in("chromium");
}

#[test]
fn firefox_is_signed_out_by_delete_and_back_in_by_undo() {
    if live::require_browser_tools().is_none() {
        return;
    }
    sign_out_and_back_in("firefox");
}
