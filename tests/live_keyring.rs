//! LIVE: Chromium's v11 values, encrypted with a password from a desktop keyring, decrypted
//! by crumbs' reader in the same D-Bus session. Two keyrings: the real gnome-keyring
//! (Secret Service) and a stand-in kwalletd6 (`live_keyring/fake_kwalletd.rs`, as KWallet
//! is not installed here).
//!
//! What runs (as root; `unshare -n` keeps every process on a loopback-only network; the
//! scripts are in `tests/live_keyring/`):
//!
//! ```text
//! BACKEND=gnome|kwallet unshare -n -- dbus-run-session -- bash session.sh
//!   ip link set lo up
//!   gnome:   printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets
//!   kwallet: CRUMBS_LIVE_FAKE_KWALLET_READY=kwallet.ready \
//!              <this test binary> --exact fake_kwalletd_service &
//!   /usr/bin/python3 server.py 18080 server.ready &       # sets sid, theme, sess
//!   timeout 60 /usr/bin/python3 drive.py 3 /usr/bin/chromium --headless --no-sandbox \
//!     --disable-gpu --disable-quic --no-first-run --no-default-browser-check \
//!     --disable-background-networking --disable-component-update --disable-sync \
//!     --disable-dev-shm-usage --password-store=gnome-libsecret|kwallet6 \
//!     --user-data-dir=ud http://127.0.0.1:18080/
//!     # drive.py adds --remote-debugging-pipe, polls Storage.getCookies until Chromium
//!     # holds 3 cookies, then sends Browser.close so the cookie store is flushed
//!   CRUMBS_LIVE_CHROMIUM_STORE=ud/Default/Cookies CRUMBS_LIVE_EXPECT=decrypted \
//!     <this test binary> --exact inner_read_in_session
//!   gnome also: EXPECT=no-keyring with DBUS_SESSION_BUS_ADDRESS=unix:path=no-bus, and
//!     EXPECT=locked under a second `dbus-run-session` (keyring auto-started, locked)
//!   kwallet: EXPECT=kwallet with XDG_CURRENT_DESKTOP=KDE
//! ```
//!
//! With `CI` set a missing tool (or no `unshare`) fails the test; otherwise it prints
//! "skipped: <why>" and returns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "live_keyring/fake_kwalletd.rs"]
mod fake_kwalletd;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crumbs::model::{Browser, CookieValue, SameSite, StoreRef, UnixMicros};
use crumbs::store::read::chromium::keys::linux as keyring;
use crumbs::store::{ReadOptions, chromium};

const STORE_ENV: &str = "CRUMBS_LIVE_CHROMIUM_STORE";
const EXPECT_ENV: &str = "CRUMBS_LIVE_EXPECT";
const KWALLET_ENV: &str = "CRUMBS_LIVE_FAKE_KWALLET_READY";

const SCRIPTS: [(&str, &str); 3] = [
    ("server.py", include_str!("live_keyring/server.py")),
    ("drive.py", include_str!("live_keyring/drive.py")),
    ("session.sh", include_str!("live_keyring/session.sh")),
];

const TOOLS: [&str; 6] = [
    "unshare",
    "dbus-run-session",
    "gnome-keyring-daemon",
    "ip",
    "/usr/bin/chromium",
    "/usr/bin/python3",
];

fn on_path(tool: &str) -> bool {
    if tool.contains('/') {
        return Path::new(tool).is_file();
    }
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// Fails under CI, skips otherwise.
fn unavailable(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("live keyring test cannot run: {why}");
    }
    println!("skipped: {why}");
}

/// Runs `session.sh` for `backend`; `None` when skipped. Panics with the logs on failure.
fn run_session(backend: &str) -> Option<String> {
    if std::env::var_os(STORE_ENV).is_some() {
        return None; // a nested run started by a session: only the inner test has work
    }
    let missing: Vec<_> = TOOLS.iter().filter(|t| !on_path(t)).collect();
    if !missing.is_empty() {
        unavailable(&format!("missing {missing:?}"));
        return None;
    }
    let netns = Command::new("unshare").args(["-n", "true"]).status();
    if !netns.map(|s| s.success()).unwrap_or(false) {
        unavailable("`unshare -n` is not permitted here (needs root)");
        return None;
    }
    let work = tempfile::tempdir().unwrap();
    for (name, text) in SCRIPTS {
        std::fs::write(work.path().join(name), text).unwrap();
    }
    let out = Command::new("unshare")
        .args(["-n", "--", "dbus-run-session", "--", "bash"])
        .arg(work.path().join("session.sh"))
        .env("BACKEND", backend)
        .env("WORK", work.path())
        .env("TEST_EXE", std::env::current_exe().unwrap())
        .env("KEYRING_PASSWORD", "crumbs-live-test")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("XDG_CURRENT_DESKTOP")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let log = std::fs::read_to_string(work.path().join("chromium.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "session failed: {}\nstdout:\n{stdout}\nstderr:\n{}\nchromium.log (tail):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        log.lines().rev().take(15).collect::<Vec<_>>().join("\n"),
    );
    Some(stdout)
}

#[test]
fn chromium_v11_values_decrypt_with_the_gnome_keyring_password() {
    let Some(stdout) = run_session("gnome") else {
        return;
    };
    // Every nested run must have done its checks, not returned early.
    for expect in ["decrypted", "no-keyring", "locked"] {
        assert!(stdout.contains(&format!("inner: {expect} ok")), "{stdout}");
    }
}

#[test]
fn chromium_v11_values_decrypt_with_the_kwallet_password() {
    let Some(stdout) = run_session("kwallet") else {
        return;
    };
    assert!(stdout.contains("inner: kwallet ok"), "{stdout}");
}

/// The stand-in kwalletd6, started by `session.sh` (does nothing alone).
#[test]
fn fake_kwalletd_service() {
    if let Some(ready) = std::env::var_os(KWALLET_ENV) {
        fake_kwalletd::serve(Path::new(&ready));
    }
}

/// The reader half, run by `session.sh` inside the D-Bus session (does nothing alone).
#[test]
fn inner_read_in_session() {
    let Some(path) = std::env::var_os(STORE_ENV) else {
        return;
    };
    let expect = std::env::var(EXPECT_ENV).unwrap();
    let path = std::path::PathBuf::from(path);
    let profile = path.parent().unwrap().to_path_buf();
    let store = Arc::new(StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: profile.clone(),
        path: path.clone(),
        user_data_dir: profile.parent().map(Path::to_path_buf),
        is_default: true,
        is_demo: false,
    });
    assert_eq!(
        tags(&path),
        vec!["v11".to_string(); 3],
        "Chromium wrote v11 values"
    );
    let read = chromium::read(&store, &ReadOptions { decrypt: true }).unwrap();
    assert_eq!(read.schema, "chromium meta 24");
    assert_eq!(read.cookies.len(), 3);
    match expect.as_str() {
        "decrypted" => check_decrypted(&read, "Secret Service"),
        "kwallet" => check_decrypted(&read, "KWallet"),
        "no-keyring" => {
            check_undecrypted(&read, "no session D-Bus, so no Secret Service or KWallet")
        }
        "locked" => check_undecrypted(
            &read,
            "tried Secret Service: the keyring is locked and unlocking it would prompt; \
             KWallet: not running",
        ),
        other => panic!("unknown {EXPECT_ENV}={other}"),
    }
    let plain = chromium::read(&store, &ReadOptions { decrypt: false }).unwrap();
    assert!(
        plain
            .cookies
            .iter()
            .all(|c| c.value == CookieValue::NotLoaded)
    );
    println!("inner: {expect} ok");
}

fn check_decrypted(read: &crumbs::store::StoreRead, source: &str) {
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let pw = keyring::v11_password(Browser::Chromium).unwrap();
    assert!(pw.source.contains(source), "{}", pw.source);
    let get = |n: &str| read.cookies.iter().find(|c| c.name == n).unwrap();
    let value = |n: &str| get(n).value.secret().unwrap().expose_str().into_owned();
    assert_eq!(value("sid"), "live-v11-abc123");
    assert_eq!(value("theme"), "dark");
    assert_eq!(value("sess"), "only-this-session");
    assert!(get("sid").http_only);
    assert_eq!(get("theme").same_site, SameSite::Strict);
    assert!(get("sess").is_session());
    let now = UnixMicros::now().0;
    let exp = get("sid").expires.unwrap().0;
    assert!((now + 23 * 3_600_000_000..now + 25 * 3_600_000_000).contains(&exp));
    assert_eq!(&*get("sid").site, "127.0.0.1");
}

fn check_undecrypted(read: &crumbs::store::StoreRead, why: &str) {
    assert_eq!(read.notes.len(), 1, "{:?}", read.notes);
    let note = &read.notes[0];
    println!("note: {note}");
    let want = format!("3 v11 values not decrypted: {why}");
    assert!(note.starts_with(&want), "{note}");
    for c in &read.cookies {
        assert!(
            matches!(&c.value, CookieValue::Encrypted { scheme, .. } if &**scheme == "v11"),
            "{:?}",
            c.value
        );
    }
}

/// Tags straight from a private copy, to prove the browser really wrote v11 values.
fn tags(path: &Path) -> Vec<String> {
    let snap = crumbs::store::snapshot::Snapshot::take(path).unwrap();
    let conn = snap.open().unwrap();
    let mut stmt = conn
        .prepare("SELECT substr(encrypted_value,1,3) FROM cookies ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(|t| String::from_utf8_lossy(&t.unwrap()).into_owned())
        .collect()
}
