//! Real-browser fixtures: the committed profiles under `tests/fixtures/real/` must hold
//! exactly what their MANIFEST.json says, and fresh profiles made by real Chromium and
//! Firefox against the fixture server must be found and read by crumbs' library.
//! Live tests run the browsers inside a loopback-only network namespace (see
//! `tests/common/live.rs`); they never touch a real profile of the machine.

#![cfg(test)]

#[path = "common/live.rs"]
mod live;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

const SEED_HOST: &str = "www.fabriquenumeriquedupasse.fr";
const SEED_FOUR: [&str; 4] = [
    "sessionid",
    "csrftoken",
    "django_language",
    "cookies_preferences",
];

fn real_dir() -> PathBuf {
    live::real_fixtures()
}

fn cookies_of<'a>(manifest: &'a Value, browser: &str) -> Vec<&'a Value> {
    manifest["cookies"]
        .as_array()
        .map(|all| all.iter().filter(|c| c["browser"] == browser).collect())
        .unwrap_or_default()
}

fn find<'a>(manifest: &'a Value, browser: &str, host: &str, name: &str) -> &'a Value {
    cookies_of(manifest, browser)
        .into_iter()
        .find(|c| c["host"] == host && c["name"] == name)
        .unwrap_or_else(|| panic!("{browser}: no {name} on {host} in the manifest"))
}

/// Opens a store file read-only and immutable: the committed fixtures are never changed.
fn open_ro(path: &Path) -> rusqlite::Connection {
    let uri = format!("file:{}?mode=ro&immutable=1", path.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    rusqlite::Connection::open_with_flags(uri, flags)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

type Key = (String, String, String);

fn db_keys(path: &Path, sql: &str) -> BTreeSet<Key> {
    let con = open_ro(path);
    let mut stmt = con.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn session_keys(path: &Path) -> BTreeSet<Key> {
    let raw = std::fs::read(path).unwrap();
    assert_eq!(&raw[..8], b"mozLz40\0", "{}", path.display());
    let size = u32::from_le_bytes(raw[8..12].try_into().unwrap()) as usize;
    let json = lz4_flex::block::decompress(&raw[12..], size).unwrap();
    let session: Value = serde_json::from_slice(&json).unwrap();
    session["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("/").to_string();
            (s("host"), s("name"), s("path"))
        })
        .collect()
}

fn manifest_keys(manifest: &Value, browser: &str, store_suffix: &str) -> BTreeSet<Key> {
    cookies_of(manifest, browser)
        .into_iter()
        .filter(|c| c["store"].as_str().unwrap().ends_with(store_suffix))
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("host"), s("name"), s("path"))
        })
        .collect()
}

/// What every fixture pair must contain, whichever way it was read.
fn assert_expected_cookies(manifest: &Value) {
    for browser in ["chromium", "firefox"] {
        for name in SEED_FOUR {
            find(manifest, browser, SEED_HOST, name);
        }
        let ga = find(manifest, browser, ".fabriquenumeriquedupasse.fr", "_ga");
        let parts: Vec<&str> = ga["value"].as_str().unwrap().split('.').collect();
        assert_eq!(parts.len(), 4, "{browser}: _ga is GA1.1.<rand>.<ts>");
        assert_eq!(&parts[..2], ["GA1", "1"]);
        assert!(parts[2..].iter().all(|p| p.parse::<u64>().is_ok()));
        let ide = find(manifest, browser, ".doubleclick.net", "IDE");
        assert_eq!(ide["partitioned"], true, "{browser}: IDE is partitioned");
        assert!(
            ide["partition"]
                .as_str()
                .unwrap()
                .contains("fabriquenumeriquedupasse.fr")
        );
        find(manifest, browser, ".facebook.com", "fr");
        find(manifest, browser, ".fabriquenumeriquedupasse.fr", "__cf_bm");
        let php = find(manifest, browser, "shop.example.com", "PHPSESSID");
        assert_eq!(
            php["session"], true,
            "{browser}: PHPSESSID is a session cookie"
        );
        assert_eq!(
            find(manifest, browser, "shop.example.com", "cart")["session"],
            false
        );
    }
    let php = find(manifest, "firefox", "shop.example.com", "PHPSESSID");
    assert!(
        php["store"]
            .as_str()
            .unwrap()
            .ends_with("sessionstore.jsonlz4")
    );
    // Chromium partitions only what asked for it (CHIPS); Firefox partitions every
    // third-party cookie (Total Cookie Protection).
    assert_eq!(
        find(manifest, "chromium", ".facebook.com", "fr")["partitioned"],
        false
    );
    assert_eq!(
        find(manifest, "firefox", ".facebook.com", "fr")["partitioned"],
        true
    );
}

/// Compares every store file of a fixture home with its manifest, row by row.
fn assert_home_matches_manifest(home: &Path, manifest: &Value) {
    let b = &manifest["browsers"];
    let chromium = home.join(b["chromium"]["cookie_file"].as_str().unwrap());
    let found = db_keys(&chromium, "select host_key, name, path from cookies");
    assert_eq!(found, manifest_keys(manifest, "chromium", "Cookies"));
    let firefox = home.join(b["firefox"]["cookie_file"].as_str().unwrap());
    let found = db_keys(&firefox, "select host, name, path from moz_cookies");
    assert_eq!(found, manifest_keys(manifest, "firefox", "cookies.sqlite"));
    let session = firefox.with_file_name("sessionstore.jsonlz4");
    assert_eq!(
        session_keys(&session),
        manifest_keys(manifest, "firefox", "sessionstore.jsonlz4")
    );
    let version: String = open_ro(&chromium)
        .query_row("select value from meta where key='version'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(b["chromium"]["schema"], format!("chromium meta {version}"));
    let version: i64 = open_ro(&firefox)
        .query_row("pragma user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(b["firefox"]["schema"], format!("moz_cookies v{version}"));
}

fn tree_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                tree_size(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

#[test]
fn a_copy_of_the_fixture_home_matches_the_manifest_too() {
    let copy = live::real_home_copy();
    let manifest = live::real_manifest();
    assert_home_matches_manifest(copy.path(), &manifest);
    assert_eq!(tree_size(copy.path()), tree_size(&real_dir().join("home")));
}

#[test]
fn committed_fixtures_hold_exactly_their_manifest() {
    let manifest = live::read_json(&real_dir().join("MANIFEST.json"));
    assert_expected_cookies(&manifest);
    assert_home_matches_manifest(&real_dir().join("home"), &manifest);
    assert!(
        tree_size(&real_dir()) < 3 * 1024 * 1024,
        "fixtures stay under 3 MB"
    );
}

#[test]
fn the_browsers_namespace_has_only_loopback() {
    for tool in ["unshare", "ip"] {
        if live::require_or_skip(tool).is_none() {
            return;
        }
    }
    let Some(out) = live::run_checked(live::netns_command("ip", &["-o", "link"]), "netns.sh")
    else {
        return;
    };
    let links = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = links
        .lines()
        .filter_map(|l| l.split(':').nth(1))
        .map(str::trim)
        .collect();
    assert_eq!(names, ["lo"], "only loopback inside:\n{links}");
    assert!(links.contains("UP"), "loopback is up:\n{links}");
}

/// Makes a fresh pair of real profiles and their checked manifest; `None` when skipped.
fn fresh_pair() -> Option<(tempfile::TempDir, Value)> {
    let dir = live::temp_home();
    let home = dir.path().join("home");
    let log = dir.path().join("server.jsonl");
    live::make_home(&home, &log)?;
    let manifest = live::write_manifest(&home, &log, &dir.path().join("MANIFEST.json"));
    Some((dir, manifest))
}

#[test]
fn real_browsers_store_every_cookie_the_server_set() {
    let Some((dir, manifest)) = fresh_pair() else {
        return;
    };
    assert_expected_cookies(&manifest);
    assert_home_matches_manifest(&dir.path().join("home"), &manifest);
    let home = dir.path().join("home");
    assert!(home.join(".config/chromium/Local State").is_file());
    let root = home.join(".mozilla/firefox");
    let ini = std::fs::read_to_string(root.join("profiles.ini")).unwrap();
    assert!(
        ini.contains("[Install"),
        "Firefox claimed the profile:\n{ini}"
    );
    assert!(
        !home.join(".config/mozilla/firefox/profiles.ini").exists(),
        "classic root, not the XDG one"
    );
}

fn whoami(browser: &str, home: &Path) -> Option<String> {
    let out = live::drive(&[
        std::ffi::OsStr::new("whoami"),
        browser.as_ref(),
        home.as_os_str(),
    ])?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn whoami_follows_the_cookies_each_browser_kept() {
    if live::require_browser_tools().is_none() {
        return;
    }
    for browser in ["chromium", "firefox"] {
        let dir = live::temp_home();
        let Some(before) = whoami(browser, dir.path()) else {
            return;
        };
        assert_eq!(before, "anonymous", "{browser} before login");
        live::drive(&["login", browser, dir.path().to_str().unwrap()]);
        let after = whoami(browser, dir.path()).unwrap();
        assert_eq!(
            after, "signed-in:ada",
            "{browser} after login and a relaunch"
        );
    }
}

/// Checks crumbs' discovery and readers against a fixture home and its manifest.
fn assert_readers_match(home: &Path, manifest: &Value) {
    use crumbs::model::Browser;
    use crumbs::store::discover::{Env, discover};
    use crumbs::store::{ReadOptions, read_store};

    let env = Env {
        home: home.to_path_buf(),
        ..Env::default()
    };
    let stores = discover(&env);
    for (browser, tag) in [
        (Browser::Chromium, "chromium"),
        (Browser::Firefox, "firefox"),
    ] {
        let store = stores
            .iter()
            .find(|s| s.browser == browser)
            .unwrap_or_else(|| panic!("discover found no {tag} store under {}", home.display()));
        let want = home.join(manifest["browsers"][tag]["cookie_file"].as_str().unwrap());
        assert_eq!(store.path, want, "{tag} cookie file");
        let read = read_store(
            &std::sync::Arc::new(store.clone()),
            &ReadOptions { decrypt: true },
        )
        .unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert_eq!(
            read.schema, manifest["browsers"][tag]["schema"],
            "{tag} schema"
        );
        let expected = cookies_of(manifest, tag);
        assert_eq!(read.cookies.len(), expected.len(), "{tag}: cookie count");
        for want in expected {
            let name = want["name"].as_str().unwrap();
            let got = read
                .cookies
                .iter()
                .find(|c| c.host == want["host"] && c.name == name && *c.path == want["path"])
                .unwrap_or_else(|| panic!("{tag}: {name} on {} not read", want["host"]));
            assert_eq!(
                got.is_session(),
                want["session"] == true,
                "{tag} {name} session"
            );
            assert_eq!(
                got.partition.is_some(),
                want["partitioned"] == true,
                "{tag} {name}"
            );
            assert_eq!(got.secure, want["secure"] == true, "{tag} {name} secure");
            assert_eq!(
                got.http_only,
                want["httponly"] == true,
                "{tag} {name} httponly"
            );
            let value = got.value.secret().map(|s| s.expose_str().into_owned());
            assert!(
                value.as_deref() == want["value"].as_str(),
                "{tag} {name}: value differs from what the server set"
            );
        }
    }
}

#[test]
fn readers_list_the_committed_fixtures() {
    let manifest = live::read_json(&real_dir().join("MANIFEST.json"));
    assert_readers_match(&real_dir().join("home"), &manifest);
}

#[test]
fn readers_list_fresh_real_profiles() {
    let Some((dir, manifest)) = fresh_pair() else {
        return;
    };
    assert_readers_match(&dir.path().join("home"), &manifest);
}
