//! Profile discovery inside one browser root: Firefox's `profiles.ini`, `installs.ini`,
//! profile groups and scan; Chromium's `Local State` names and profile folders; and the
//! hostile cases (malformed files, symlink loops) that must neither panic nor hang.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use crumbs::model::{Browser, StoreRef};
use crumbs::store::discover::{Env, Os, discover};

fn touch(p: &Path) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, b"").unwrap();
}

fn linux(home: &Path) -> Vec<StoreRef> {
    discover(&Env {
        home: home.to_path_buf(),
        os: Os::Linux,
        ..Env::default()
    })
}

/// (profile name, folder name, is_default) of every store.
fn summary(stores: &[StoreRef]) -> Vec<(String, String, bool)> {
    stores
        .iter()
        .map(|s| {
            let folder = s
                .profile_dir
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (s.profile.clone(), folder, s.is_default)
        })
        .collect()
}

fn row(name: &str, folder: &str, default: bool) -> (String, String, bool) {
    (name.to_string(), folder.to_string(), default)
}

fn profile_group(root: &Path, rows: &[(&str, &str)]) {
    let dir = root.join("Profile Groups");
    fs::create_dir_all(&dir).unwrap();
    let conn = rusqlite::Connection::open(dir.join("6a1e9c0f.sqlite")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; CREATE TABLE Profiles (id INTEGER PRIMARY KEY, path TEXT \
         NOT NULL UNIQUE, name TEXT NOT NULL, avatar TEXT, themeId TEXT, themeFg TEXT, themeBg TEXT);",
    )
    .unwrap();
    for (path, name) in rows {
        conn.execute(
            "INSERT INTO Profiles (path, name) VALUES (?1, ?2)",
            [path, name],
        )
        .unwrap();
    }
}

#[test]
fn firefox_union_of_ini_installs_groups_and_scan() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join(".mozilla/firefox");
    let elsewhere = home.path().join("elsewhere/absolute.profile");
    for p in [
        "aaa.default",
        "bbb.default-esr",
        "scanned.extra",
        "Profiles/ccc.work",
        "Profiles/ddd.Profile 1",
    ] {
        touch(&root.join(p).join("cookies.sqlite"));
    }
    touch(&elsewhere.join("cookies.sqlite"));
    fs::create_dir_all(root.join("nocookies.profile")).unwrap();
    fs::write(
        root.join("profiles.ini"),
        format!(
            "[Install4F96D1932A9F858E]\nDefault=bbb.default-esr\nLocked=1\n\n\
             [Profile0]\nName=default\nIsRelative=1\nPath=aaa.default\nDefault=1\n\n\
             [Profile1]\nName=default-esr\nIsRelative=1\nPath=bbb.default-esr\n\n\
             [Profile2]\nName=far away\nIsRelative=0\nPath={}\n\n\
             [Profile3]\nName=empty\nIsRelative=1\nPath=nocookies.profile\n\n\
             [Profile4]\nName=work\nIsRelative=1\nPath=Profiles/ccc.work\n\n\
             [General]\nStartWithLastProfile=1\nVersion=2\n",
            elsewhere.display()
        ),
    )
    .unwrap();
    profile_group(
        &root,
        &[
            ("Profiles/ddd.Profile 1", "Banking"),
            ("Profiles/ccc.work", "Work"),
        ],
    );
    let before: Vec<_> = fs::read_dir(root.join("Profile Groups"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let stores = linux(home.path());
    assert_eq!(
        summary(&stores),
        vec![
            row("default-esr", "bbb.default-esr", true),
            row("Banking", "ddd.Profile 1", false),
            row("default", "aaa.default", false),
            row("far away", "absolute.profile", false),
            row("scanned.extra", "scanned.extra", false),
            row("work", "ccc.work", false),
        ]
    );
    assert!(
        stores
            .iter()
            .all(|s| s.browser == Browser::Firefox && s.user_data_dir.is_none())
    );
    assert!(
        stores
            .iter()
            .all(|s| s.path == s.profile_dir.join("cookies.sqlite"))
    );
    // The profile-group database was read from a copy: no -shm or new file appeared.
    let after: Vec<_> = fs::read_dir(root.join("Profile Groups"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn installs_ini_and_legacy_default_decide_the_default() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join(".mozilla/firefox");
    for p in ["one", "two"] {
        touch(&root.join(p).join("cookies.sqlite"));
    }
    fs::write(
        root.join("profiles.ini"),
        "[Profile0]\nName=one\nPath=one\nDefault=1\n[Profile1]\nName=two\nPath=two\n",
    )
    .unwrap();
    let defaults = |stores: Vec<StoreRef>| -> Vec<String> {
        stores
            .into_iter()
            .filter(|s| s.is_default)
            .map(|s| s.profile)
            .collect()
    };
    assert_eq!(defaults(linux(home.path())), vec!["one"]);
    fs::write(
        root.join("installs.ini"),
        "[308046B0AF4A39CB]\nDefault=two\nLocked=1\n",
    )
    .unwrap();
    assert_eq!(defaults(linux(home.path())), vec!["two"]);
    // An install default without cookies yet still outranks `Default=1`.
    fs::write(
        root.join("installs.ini"),
        "[308046B0AF4A39CB]\nDefault=three\nLocked=1\n",
    )
    .unwrap();
    assert!(defaults(linux(home.path())).is_empty());
}

#[test]
fn malformed_ini_falls_back_to_the_scan() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join(".mozilla/firefox");
    touch(&root.join("x1.default/cookies.sqlite"));
    touch(&root.join("Profiles/x2.other/cookies.sqlite"));
    for junk in [
        &b"[Profile0\nName=broken"[..],
        b"\xff\xfe\x00garbage",
        b"Path=../../etc\n",
        b"[Profile0]\nthis line has no equals\n",
    ] {
        fs::write(root.join("profiles.ini"), junk).unwrap();
        fs::write(root.join("installs.ini"), junk).unwrap();
        let stores = linux(home.path());
        let names: Vec<_> = stores.iter().map(|s| s.profile.as_str()).collect();
        assert_eq!(names, vec!["x1.default", "x2.other"]);
    }
    // A corrupt profile-group database is ignored too.
    fs::create_dir_all(root.join("Profile Groups")).unwrap();
    fs::write(
        root.join("Profile Groups/bad.sqlite"),
        b"SQLite format 3\0junk",
    )
    .unwrap();
    assert_eq!(linux(home.path()).len(), 2);
}

#[test]
fn symlink_loops_do_not_hang_or_duplicate() {
    use std::os::unix::fs::symlink;
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join(".mozilla/firefox");
    touch(&root.join("real.default/cookies.sqlite"));
    symlink(&root, root.join("loop")).unwrap();
    symlink(&root, root.join("Profiles")).unwrap();
    symlink(root.join("real.default"), root.join("alias.default")).unwrap();
    fs::write(
        root.join("profiles.ini"),
        "[Profile0]\nName=via alias\nPath=alias.default\n[Profile1]\nName=loop\nPath=loop/loop/loop\n",
    )
    .unwrap();
    // The XDG root is a symlink to the legacy one: still one store.
    fs::create_dir_all(home.path().join(".config/mozilla")).unwrap();
    symlink(&root, home.path().join(".config/mozilla/firefox")).unwrap();
    // Chromium user data dir with a looping profile folder.
    let udd = home.path().join(".config/chromium");
    touch(&udd.join("Default/Cookies"));
    symlink(&udd, udd.join("Profile 9")).unwrap();
    let stores = linux(home.path());
    assert_eq!(stores.len(), 2, "{stores:?}");
    assert_eq!(stores[0].profile, "via alias");
    assert_eq!(stores[1].browser, Browser::Chromium);
}

#[test]
fn chromium_profiles_names_and_skips() {
    let home = tempfile::tempdir().unwrap();
    let udd = home.path().join(".config/google-chrome");
    touch(&udd.join("Default/Cookies"));
    touch(&udd.join("Profile 2/Network/Cookies"));
    touch(&udd.join("Work Folder/Cookies"));
    touch(&udd.join("System Profile/Cookies"));
    touch(&udd.join("Guest Profile/Cookies"));
    fs::create_dir_all(udd.join("Profile 5")).unwrap();
    fs::create_dir_all(udd.join("ShaderCache")).unwrap();
    let state = serde_json::json!({"profile": {"last_used": "Profile 2", "info_cache": {
        "Default": {"name": "Person 1"}, "Profile 2": {"name": "Travail"},
        "Profile 5": {"name": "No cookies yet"}}}});
    fs::write(udd.join("Local State"), state.to_string()).unwrap();
    let stores = linux(home.path());
    assert_eq!(
        summary(&stores),
        vec![
            row("Travail", "Profile 2", true),
            row("Person 1", "Default", false),
            row("Work Folder", "Work Folder", false),
        ]
    );
    assert!(
        stores
            .iter()
            .all(|s| s.user_data_dir.as_deref() == Some(udd.as_path()))
    );
    assert!(stores[0].path.ends_with("Profile 2/Network/Cookies"));

    // A malformed Local State only loses the names.
    fs::write(udd.join("Local State"), b"{\"profile\": [1, 2").unwrap();
    let names: Vec<_> = linux(home.path())
        .into_iter()
        .map(|s| (s.profile, s.is_default))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Default".to_string(), true),
            ("Profile 2".to_string(), false),
            ("Work Folder".to_string(), false),
        ]
    );
}

#[test]
fn opera_user_data_dir_is_the_main_profile() {
    let home = tempfile::tempdir().unwrap();
    let udd = home.path().join(".config/opera");
    touch(&udd.join("Cookies"));
    touch(&udd.join("Default/Network/Cookies"));
    fs::write(udd.join("Local State"), "{}").unwrap();
    let stores = linux(home.path());
    assert_eq!(
        summary(&stores),
        vec![
            row("opera", "opera", true),
            row("Default", "Default", false)
        ]
    );
    assert_eq!(stores[0].profile_dir, udd);
    assert_eq!(stores[0].user_data_dir.as_deref(), Some(udd.as_path()));
}
