//! Live: real Firefox ESR and Chromium create their profiles in a fresh home (inside a
//! private network namespace with loopback only, visiting a page on 127.0.0.1 that sets a
//! cookie), then discovery and `--store` sniffing must find exactly what they wrote.
//! With `CI` set a missing browser or `unshare` fails the test; otherwise it is skipped.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use crumbs::model::{Browser, Family};
use crumbs::store::discover::{Env, Os, discover};
use crumbs::store::sniff::open_path;

const TOOLS: [&str; 4] = [
    "/usr/bin/firefox-esr",
    "/usr/bin/chromium",
    "/usr/bin/unshare",
    "/usr/bin/python3",
];

fn tools_present() -> bool {
    let missing: Vec<&str> = TOOLS
        .iter()
        .copied()
        .filter(|t| !Path::new(t).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "live test needs {missing:?} (CI is set)"
    );
    println!("skipped: {missing:?} not installed");
    false
}

/// Runs both browsers once against a loopback page, with nothing beyond 127.0.0.1.
fn make_profiles(home: &Path, site: &Path) {
    std::fs::write(
        site.join("index.html"),
        "<html><body><script>document.cookie='crumb=1; max-age=86400; path=/';</script></body></html>",
    )
    .unwrap();
    let chromium_flags = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --no-default-browser-check --disable-background-networking --disable-component-update \
        --disable-sync --disable-dev-shm-usage --password-store=basic";
    let script = format!(
        "ip link set lo up || exit 9; \
         (cd '{site}' && exec /usr/bin/python3 -m http.server 8765 --bind 127.0.0.1 >/dev/null 2>&1) & \
         sleep 0.7; \
         HOME='{home}' timeout 90 /usr/bin/firefox-esr --headless --screenshot '{home}/shot.png' http://127.0.0.1:8765/ >/dev/null 2>&1; \
         HOME='{home}' timeout 90 /usr/bin/chromium {chromium_flags} --user-data-dir='{home}/.config/chromium' --dump-dom http://127.0.0.1:8765/ >/dev/null 2>&1; \
         kill %1",
        site = site.display(),
        home = home.display(),
    );
    let root = rustix::process::geteuid().is_root();
    let ns = if root { "-n" } else { "-rn" };
    let status = Command::new("/usr/bin/unshare")
        .args([ns, "--", "bash", "-c", &script])
        .status()
        .unwrap();
    assert!(
        status.success() || status.code() == Some(143),
        "browser run failed: {status}"
    );
}

#[test]
fn real_browsers_profiles_are_found_and_sniffed() {
    if !tools_present() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    make_profiles(home.path(), site.path());

    let stores = discover(&Env {
        home: home.path().to_path_buf(),
        os: Os::Linux,
        ..Env::default()
    });
    let ff: Vec<_> = stores
        .iter()
        .filter(|s| s.browser == Browser::Firefox)
        .collect();
    let cr: Vec<_> = stores
        .iter()
        .filter(|s| s.browser == Browser::Chromium)
        .collect();
    assert_eq!(ff.len(), 1, "{stores:?}");
    assert_eq!(cr.len(), 1, "{stores:?}");

    // Firefox 153 on an empty home uses the XDG root, and its Install section names the
    // profile it really uses (not the `Default=1` one, which has no cookies).
    let f = ff[0];
    assert!(
        f.profile_dir
            .starts_with(home.path().join(".config/mozilla/firefox"))
    );
    assert!(f.is_default);
    assert!(f.profile.ends_with("default-esr"), "{}", f.profile);

    let c = cr[0];
    let udd = home.path().join(".config/chromium");
    assert_eq!(c.user_data_dir.as_deref(), Some(udd.as_path()));
    assert_eq!(c.path, udd.join("Default/Cookies"));
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(udd.join("Local State")).unwrap()).unwrap();
    let name = state
        .pointer("/profile/info_cache/Default/name")
        .and_then(|v| v.as_str())
        .unwrap_or("Default");
    assert_eq!(c.profile, name);
    assert!(c.is_default);

    for s in [f, c] {
        let before: Vec<_> = std::fs::read_dir(&s.profile_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let sniffed = open_path(&s.path).unwrap();
        assert_eq!(sniffed.browser, s.browser);
        assert_eq!(sniffed.path, s.path);
        assert_eq!(sniffed.user_data_dir, s.user_data_dir);
        let by_folder = open_path(&s.profile_dir).unwrap();
        assert_eq!(by_folder.path, s.path);
        let after: Vec<_> = std::fs::read_dir(&s.profile_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(before, after, "sniffing left the profile untouched");
    }
    assert_eq!(open_path(&f.path).unwrap().family(), Family::Firefox);
    assert_eq!(open_path(&c.path).unwrap().family(), Family::Chromium);
}
