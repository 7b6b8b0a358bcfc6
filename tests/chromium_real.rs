//! The Chromium reader on the committed real profile (Chromium 156, meta 24, v10 values
//! from `--password-store=basic`), checked against `tests/fixtures/real/MANIFEST.json`,
//! which records every cookie the fixture server set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crumbs::model::{Browser, SameSite, StoreRef};
use crumbs::store::{ReadOptions, chromium};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(fixtures().join("MANIFEST.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn store(ud: &Path) -> Arc<StoreRef> {
    Arc::new(StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: ud.join("Default"),
        path: ud.join("Default/Cookies"),
        user_data_dir: Some(ud.to_path_buf()),
        is_default: true,
        is_demo: false,
    })
}

fn same_site(s: &str) -> SameSite {
    match s {
        "None" => SameSite::None,
        "Lax" => SameSite::Lax,
        "Strict" => SameSite::Strict,
        _ => SameSite::Unspecified,
    }
}

#[test]
fn every_manifest_cookie_reads_back_exactly() {
    let m = manifest();
    let ud = fixtures().join("home/.config/chromium");
    let before = std::fs::read(ud.join("Default/Cookies")).unwrap();
    let read = chromium::read(&store(&ud), &ReadOptions { decrypt: true }).unwrap();
    assert_eq!(std::fs::read(ud.join("Default/Cookies")).unwrap(), before);
    assert_eq!(
        read.schema,
        m["browsers"]["chromium"]["schema"].as_str().unwrap()
    );
    assert!(read.notes.is_empty(), "{:?}", read.notes);

    let want: Vec<&Value> = m["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["browser"] == "chromium")
        .collect();
    assert_eq!(read.cookies.len(), want.len());
    for w in want {
        let (host, name) = (w["host"].as_str().unwrap(), w["name"].as_str().unwrap());
        let partition = w["partition"].as_str().map(str::to_string);
        let c = read
            .cookies
            .iter()
            .find(|c| {
                c.host == host && c.name == name && c.partition.as_deref() == partition.as_deref()
            })
            .unwrap_or_else(|| panic!("{host} {name} not read"));
        let what = format!("{host} {name}");
        assert_eq!(&*c.path, w["path"].as_str().unwrap(), "{what}");
        let value = c.value.secret().unwrap().expose_str();
        assert_eq!(value, w["value"].as_str().unwrap(), "{what}");
        assert_eq!(c.is_session(), w["session"].as_bool().unwrap(), "{what}");
        assert_eq!(c.secure, w["secure"].as_bool().unwrap(), "{what}");
        assert_eq!(c.http_only, w["httponly"].as_bool().unwrap(), "{what}");
        assert_eq!(
            c.same_site,
            same_site(w["samesite"].as_str().unwrap_or("")),
            "{what}"
        );
        if let Some(exp) = w["expires_unix"].as_i64() {
            assert_eq!(c.expires.map(|e| e.secs()), Some(exp), "{what}");
        }
    }
}

#[test]
fn values_stay_unloaded_without_decrypt() {
    let ud = fixtures().join("home/.config/chromium");
    let read = chromium::read(&store(&ud), &ReadOptions { decrypt: false }).unwrap();
    assert!(!read.cookies.is_empty());
    assert!(
        read.cookies
            .iter()
            .all(|c| c.value == crumbs::model::CookieValue::NotLoaded)
    );
}
