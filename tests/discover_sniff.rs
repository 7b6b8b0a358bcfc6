//! `--store PATH` sniffing: the kind comes from the file's content, the browser from its
//! path, and every kind of bad input gets one clear line naming the file.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use crumbs::Error;
use crumbs::model::{Browser, Family};
use crumbs::store::sniff::{guess_browser, open_path};

fn sqlite(path: &Path, sql: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

const MOZ: &str =
    "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, name TEXT, value TEXT, host TEXT);
                   INSERT INTO moz_cookies (name, value, host) VALUES ('a', 'b', '.example.com');
                   PRAGMA user_version = 17;";
const CHROMIUM: &str = "CREATE TABLE meta (key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
                        INSERT INTO meta VALUES ('version', '24');
                        CREATE TABLE cookies (creation_utc INTEGER NOT NULL, host_key TEXT NOT NULL);";

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn firefox_family_by_content_and_browser_by_path() {
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join(".librewolf/x1y2.default-default");
    let db = profile.join("cookies.sqlite");
    sqlite(&db, MOZ);
    let before = listing(&profile);
    for target in [&db, &profile] {
        let s = open_path(target).unwrap();
        assert_eq!(s.browser, Browser::LibreWolf);
        assert_eq!(s.family(), Family::Firefox);
        assert_eq!(s.path, db);
        assert_eq!(s.profile, "x1y2.default-default");
        assert_eq!(s.profile_dir, profile);
        assert_eq!(s.user_data_dir, None);
        assert!(!s.is_default && !s.is_demo);
    }
    assert_eq!(before, listing(&profile), "the live file was never opened");
}

#[test]
fn chromium_profile_user_data_dir_and_network_folder() {
    let home = tempfile::tempdir().unwrap();
    let udd = home.path().join(".config/BraveSoftware/Brave-Browser");
    fs::create_dir_all(&udd).unwrap();
    fs::write(udd.join("Local State"), "{}").unwrap();
    let db = udd.join("Profile 1/Cookies");
    sqlite(&db, CHROMIUM);
    let s = open_path(&db).unwrap();
    assert_eq!(
        (s.browser, s.profile.as_str()),
        (Browser::Brave, "Profile 1")
    );
    assert_eq!(s.user_data_dir.as_deref(), Some(udd.as_path()));

    let win = home.path().join("AppData/Local/Google/Chrome/User Data");
    fs::create_dir_all(&win).unwrap();
    fs::write(win.join("Local State"), "{}").unwrap();
    let net = win.join("Default/Network/Cookies");
    sqlite(&net, CHROMIUM);
    for target in [net.clone(), win.join("Default"), win.clone()] {
        let s = open_path(&target).unwrap();
        assert_eq!(s.browser, Browser::Chrome, "{target:?}");
        assert_eq!(s.profile, "Default");
        assert_eq!(s.profile_dir, win.join("Default"));
        assert_eq!(s.user_data_dir.as_deref(), Some(win.as_path()));
        assert_eq!(s.path, net);
    }
}

#[test]
fn opera_user_data_dir_is_its_own_profile() {
    let home = tempfile::tempdir().unwrap();
    let udd = home.path().join(".config/opera");
    sqlite(&udd.join("Cookies"), CHROMIUM);
    fs::write(udd.join("Local State"), "{}").unwrap();
    for target in [udd.join("Cookies"), udd.clone()] {
        let s = open_path(&target).unwrap();
        assert_eq!((s.browser, s.profile.as_str()), (Browser::Opera, "opera"));
        assert_eq!(s.profile_dir, udd);
        assert_eq!(s.user_data_dir.as_deref(), Some(udd.as_path()));
    }
}

#[test]
fn content_wins_over_a_misleading_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("librewolf/cookies.sqlite");
    sqlite(&db, CHROMIUM);
    let s = open_path(&db).unwrap();
    assert_eq!(s.family(), Family::Chromium);
    assert_eq!(s.browser, Browser::Chromium);
    assert_eq!(s.user_data_dir, None);

    let safari = dir.path().join("renamed.db");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safari/Cookies.binarycookies"),
        &safari,
    )
    .unwrap();
    let s = open_path(&safari).unwrap();
    assert_eq!((s.browser, s.family()), (Browser::Safari, Family::Safari));
}

#[test]
fn browser_guesses_from_paths() {
    use Browser::*;
    for (path, family, want) in [
        (
            "/h/.config/google-chrome/Default/Cookies",
            Family::Chromium,
            Chrome,
        ),
        (
            "/h/Library/Application Support/Google/Chrome/Default/Cookies",
            Family::Chromium,
            Chrome,
        ),
        (
            "/h/.config/chromium/Default/Cookies",
            Family::Chromium,
            Chromium,
        ),
        (
            "/h/snap/chromium/common/chromium/Default/Cookies",
            Family::Chromium,
            Chromium,
        ),
        (
            "/h/.config/microsoft-edge/Default/Cookies",
            Family::Chromium,
            Edge,
        ),
        (
            "/h/AppData/Local/Microsoft/Edge/User Data/Default/Network/Cookies",
            Family::Chromium,
            Edge,
        ),
        (
            "/h/.config/vivaldi-snapshot/Default/Cookies",
            Family::Chromium,
            Vivaldi,
        ),
        ("/h/.config/opera/Cookies", Family::Chromium, Opera),
        (
            "/h/Library/Application Support/com.operasoftware.OperaGX/Cookies",
            Family::Chromium,
            Opera,
        ),
        ("/tmp/copy/Cookies", Family::Chromium, Chromium),
        (
            "/h/.mozilla/firefox/a.default/cookies.sqlite",
            Family::Firefox,
            Firefox,
        ),
        (
            "/h/.var/app/app.zen_browser.zen/.zen/a/cookies.sqlite",
            Family::Firefox,
            Zen,
        ),
        ("/h/.zen/a/cookies.sqlite", Family::Firefox, Zen),
        ("/h/citizen/a/cookies.sqlite", Family::Firefox, Firefox),
        ("/h/.waterfox/a/cookies.sqlite", Family::Firefox, Waterfox),
        (
            "/h/Library/Cookies/Cookies.binarycookies",
            Family::Safari,
            Safari,
        ),
    ] {
        assert_eq!(guess_browser(Path::new(path), family), want, "{path}");
    }
}

fn one_line_error(err: Error, file: &str, want: &str) {
    let msg = err.to_string();
    assert!(msg.contains(file), "{msg} should name {file}");
    assert!(msg.contains(want), "{msg} should say {want}");
    assert!(!msg.contains('\n'), "{msg}");
}

#[test]
fn bad_inputs_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);

    fs::write(p("empty"), b"").unwrap();
    one_line_error(
        open_path(&p("empty")).unwrap_err(),
        "empty",
        "the file is empty",
    );

    let mut noise = Vec::new();
    let mut s = 0x1234_5678_u32;
    for _ in 0..4096 {
        s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((s >> 16) as u8);
    }
    fs::write(p("noise"), &noise).unwrap();
    one_line_error(
        open_path(&p("noise")).unwrap_err(),
        "noise",
        "neither an SQLite database",
    );

    sqlite(&p("whole.sqlite"), MOZ);
    let bytes = fs::read(p("whole.sqlite")).unwrap();
    fs::write(p("cut.sqlite"), &bytes[..bytes.len() - 1000]).unwrap();
    one_line_error(
        open_path(&p("cut.sqlite")).unwrap_err(),
        "cut.sqlite",
        "truncated SQLite",
    );
    fs::write(p("stub.sqlite"), &bytes[..40]).unwrap();
    one_line_error(
        open_path(&p("stub.sqlite")).unwrap_err(),
        "stub.sqlite",
        "truncated SQLite",
    );

    sqlite(
        &p("other.sqlite"),
        "CREATE TABLE places (id); CREATE TABLE meta (k);",
    );
    one_line_error(
        open_path(&p("other.sqlite")).unwrap_err(),
        "other.sqlite",
        "meta, places",
    );
    sqlite(&p("blank.sqlite"), "PRAGMA user_version = 3;");
    one_line_error(
        open_path(&p("blank.sqlite")).unwrap_err(),
        "blank.sqlite",
        "no tables",
    );

    let safari = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safari/Cookies.binarycookies"),
    )
    .unwrap();
    fs::write(p("Cookies.binarycookies"), &safari[..100]).unwrap();
    one_line_error(
        open_path(&p("Cookies.binarycookies")).unwrap_err(),
        "Cookies.binarycookies",
        "damaged",
    );

    fs::create_dir(p("folder")).unwrap();
    fs::write(p("folder/notes.txt"), b"hi").unwrap();
    one_line_error(
        open_path(&p("folder")).unwrap_err(),
        "folder",
        "holds no cookies.sqlite",
    );

    one_line_error(
        open_path(&p("missing")).unwrap_err(),
        "missing",
        "No such file",
    );
}

#[test]
fn a_schema_still_only_in_the_wal_is_found_and_a_big_one_past_the_first_pages_too() {
    let d = tempfile::tempdir().unwrap();
    // A fresh Firefox store whose tables are only in the WAL: the file's head is empty.
    let wal_only = d.path().join("wal").join("cookies.sqlite");
    fs::create_dir_all(wal_only.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&wal_only).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; {MOZ}"
    ))
    .unwrap();
    assert!(
        fs::metadata(format!("{}-wal", wal_only.display()))
            .unwrap()
            .len()
            > 0
    );
    assert_eq!(open_path(&wal_only).unwrap().family(), Family::Firefox);
    drop(conn);

    // A schema so long that it spills past the copied head: still sniffed right.
    let big = d.path().join("big").join("Cookies");
    let mut sql = String::from("PRAGMA page_size=512;");
    for i in 0..400 {
        sql.push_str(&format!(
            "CREATE TABLE filler_{i:03} (a_rather_long_column_name_{i} TEXT);"
        ));
    }
    sql.push_str(CHROMIUM);
    sqlite(&big, &sql);
    assert!(fs::metadata(&big).unwrap().len() > 64 * 1024);
    assert_eq!(open_path(&big).unwrap().family(), Family::Chromium);
}
