//! LIVE: Chromium's v11 values, encrypted with a password from a real Secret Service
//! (gnome-keyring), decrypted by crumbs' reader in the same D-Bus session.
//!
//! What it runs (as root; `unshare -n` keeps every process on a loopback-only network):
//!
//! ```text
//! unshare -n -- dbus-run-session -- bash session.sh
//!   session.sh:
//!     ip link set lo up
//!     printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets
//!     /usr/bin/python3 server.py 18080 server.ready &      # sets sid, theme, sess
//!     timeout 60 /usr/bin/python3 drive.py 3 /usr/bin/chromium --headless --no-sandbox \
//!       --disable-gpu --disable-quic --no-first-run --no-default-browser-check \
//!       --disable-background-networking --disable-component-update --disable-sync \
//!       --disable-dev-shm-usage --password-store=gnome-libsecret --user-data-dir=ud \
//!       http://127.0.0.1:18080/
//!       # drive.py adds --remote-debugging-pipe, polls Storage.getCookies until Chromium
//!       # holds 3 cookies, then sends Browser.close so the cookie store is flushed
//!     CRUMBS_LIVE_CHROMIUM_STORE=ud/Default/Cookies CRUMBS_LIVE_EXPECT=decrypted \
//!       <this test binary> --exact inner_read_in_session
//!     DBUS_SESSION_BUS_ADDRESS=unix:path=no-bus CRUMBS_LIVE_EXPECT=no-keyring \
//!       <this test binary> --exact inner_read_in_session
//!     # a second bus: gnome-keyring is auto-started with the saved, now locked keyring,
//!     # and crumbs must report it locked rather than show an unlock prompt
//!     XDG_RUNTIME_DIR=run2 CRUMBS_LIVE_EXPECT=locked \
//!       dbus-run-session -- <this test binary> --exact inner_read_in_session
//! ```
//!
//! With `CI` set a missing tool (or no `unshare`) fails the test; otherwise it prints
//! "skipped: <why>" and returns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crumbs::model::{Browser, CookieValue, SameSite, StoreRef, UnixMicros};
use crumbs::store::{ReadOptions, chromium, keyring};

const STORE_ENV: &str = "CRUMBS_LIVE_CHROMIUM_STORE";
const EXPECT_ENV: &str = "CRUMBS_LIVE_EXPECT";

const SERVER: &str = r#"
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<html><body>cookies set</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Set-Cookie", "sid=live-v11-abc123; Max-Age=86400; Path=/; HttpOnly")
        self.send_header("Set-Cookie", "theme=dark; Max-Age=86400; Path=/; SameSite=Strict")
        self.send_header("Set-Cookie", "sess=only-this-session; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
open(sys.argv[2], "w").close()
srv.serve_forever()
"#;

/// Quits Chromium through the DevTools pipe once it holds the cookies: a clean
/// `Browser.close` flushes the cookie store (`--dump-dom` exits before session cookies are
/// reliably written).
const DRIVER: &str = r#"
# Runs Chromium (argv[2:]) with --remote-debugging-pipe, waits until it holds argv[1]
# cookies, then quits it through Browser.close so its cookie store is flushed.
import json, os, subprocess, sys, time
to_r, to_w = os.pipe()
from_r, from_w = os.pipe()
def pipe_fds():
    a, b = os.dup(to_r), os.dup(from_w)
    os.dup2(a, 3)
    os.dup2(b, 4)
p = subprocess.Popen(sys.argv[2:] + ["--remote-debugging-pipe"], preexec_fn=pipe_fds,
                     close_fds=False, stdin=subprocess.DEVNULL)
os.close(to_r)
os.close(from_w)
buf = b""
def call(i, method):
    global buf
    os.write(to_w, json.dumps({"id": i, "method": method}).encode() + b"\0")
    while True:
        while b"\0" not in buf:
            chunk = os.read(from_r, 65536)
            if not chunk:
                sys.exit("chromium closed the debugging pipe")
            buf += chunk
        msg, buf = buf.split(b"\0", 1)
        reply = json.loads(msg)
        if reply.get("id") == i:
            return reply
for i in range(150):
    if len(call(i, "Storage.getCookies")["result"]["cookies"]) >= int(sys.argv[1]):
        break
    time.sleep(0.2)
else:
    p.kill()
    sys.exit("chromium never held the cookies")
call(1000, "Browser.close")
sys.exit(p.wait(timeout=30))
"#;

const SESSION: &str = r#"
set -eu
cd "$WORK"
ip link set lo up
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$HOME" && mkdir -m 700 -p "$XDG_RUNTIME_DIR"
printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
/usr/bin/python3 server.py 18080 server.ready & SERVER=$!
for _ in $(seq 50); do [ -e server.ready ] && break; sleep 0.1; done
timeout 60 /usr/bin/python3 drive.py 3 /usr/bin/chromium --headless --no-sandbox \
  --disable-gpu --disable-quic --no-first-run --no-default-browser-check \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage --password-store=gnome-libsecret --user-data-dir="$WORK/ud" \
  http://127.0.0.1:18080/ >chromium.log 2>&1
kill "$SERVER"
CRUMBS_LIVE_CHROMIUM_STORE="$WORK/ud/Default/Cookies" CRUMBS_LIVE_EXPECT=decrypted \
  "$TEST_EXE" --exact inner_read_in_session --nocapture --test-threads=1
DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-bus" \
  CRUMBS_LIVE_CHROMIUM_STORE="$WORK/ud/Default/Cookies" CRUMBS_LIVE_EXPECT=no-keyring \
  "$TEST_EXE" --exact inner_read_in_session --nocapture --test-threads=1
mkdir -m 700 -p "$WORK/run2"
XDG_RUNTIME_DIR="$WORK/run2" CRUMBS_LIVE_EXPECT=locked \
  CRUMBS_LIVE_CHROMIUM_STORE="$WORK/ud/Default/Cookies" \
  dbus-run-session -- "$TEST_EXE" --exact inner_read_in_session --nocapture --test-threads=1
"#;

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

#[test]
fn chromium_v11_values_decrypt_with_the_gnome_keyring_password() {
    if std::env::var_os(STORE_ENV).is_some() {
        return; // a nested run started by this test: only the inner test has work
    }
    let missing: Vec<_> = TOOLS.iter().filter(|t| !on_path(t)).collect();
    if !missing.is_empty() {
        return unavailable(&format!("missing {missing:?}"));
    }
    let netns = Command::new("unshare").args(["-n", "true"]).status();
    if !netns.map(|s| s.success()).unwrap_or(false) {
        return unavailable("`unshare -n` is not permitted here (needs root)");
    }
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("server.py"), SERVER).unwrap();
    std::fs::write(work.path().join("session.sh"), SESSION).unwrap();
    std::fs::write(work.path().join("drive.py"), DRIVER).unwrap();
    let out = Command::new("unshare")
        .args(["-n", "--", "dbus-run-session", "--", "bash"])
        .arg(work.path().join("session.sh"))
        .env("WORK", work.path())
        .env("TEST_EXE", std::env::current_exe().unwrap())
        .env("KEYRING_PASSWORD", "crumbs-live-test")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let log = std::fs::read_to_string(work.path().join("chromium.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "session failed: {}\nstdout:\n{stdout}\nstderr:\n{}\nchromium.log (tail):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        log.lines().rev().take(15).collect::<Vec<_>>().join("\n"),
    );
    // Both nested runs must have done their checks, not returned early.
    assert!(stdout.contains("inner: decrypted ok"), "{stdout}");
    assert!(stdout.contains("inner: no-keyring ok"), "{stdout}");
    assert!(stdout.contains("inner: locked ok"), "{stdout}");
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
        "decrypted" => check_decrypted(&read),
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

fn check_decrypted(read: &crumbs::store::StoreRead) {
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let pw = keyring::v11_password(Browser::Chromium).unwrap();
    assert!(pw.source.contains("Secret Service"), "{}", pw.source);
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
            matches!(&c.value, CookieValue::Encrypted { scheme, .. } if scheme == "v11"),
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
