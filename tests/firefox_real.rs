//! The real Firefox 153 ESR profile under `tests/fixtures/real/home/.mozilla/firefox`,
//! checked cookie by cookie against `tests/fixtures/real/MANIFEST.json` (what the fixture
//! server set and the browser stored), session cookies from `sessionstore.jsonlz4`
//! included. Read from a copy so the fixture's bytes and mtimes stay as committed.
#![allow(clippy::unwrap_used)]

mod firefox_support;

use std::path::Path;

use crumbs::model::{Cookie, RowKey, UnixMicros};
use crumbs::store::ReadOptions;
use crumbs::store::firefox;
use firefox_support::{fingerprint, store};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/real";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Manifest partitions are Firefox's raw key `(scheme,site)`; crumbs shows `scheme://site`.
fn shown_partition(raw: &Value) -> Option<String> {
    let raw = raw.as_str()?;
    let inner = raw.trim_start_matches('(').trim_end_matches(')');
    let mut parts = inner.split(',');
    Some(format!("{}://{}", parts.next()?, parts.next()?))
}

fn find<'a>(cookies: &'a [Cookie], m: &Value) -> &'a Cookie {
    let want_part = shown_partition(&m["partition"]);
    let hits: Vec<_> = cookies
        .iter()
        .filter(|c| {
            c.host == m["host"].as_str().unwrap()
                && c.name == m["name"].as_str().unwrap()
                && &*c.path == m["path"].as_str().unwrap()
                && c.partition.as_deref() == want_part.as_deref()
        })
        .collect();
    assert_eq!(hits.len(), 1, "{m}");
    hits[0]
}

#[test]
fn the_real_profile_matches_the_manifest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(root.join("MANIFEST.json")).unwrap()).unwrap();
    let ff = &manifest["browsers"]["firefox"];
    let live = root
        .join("home")
        .join(ff["root"].as_str().unwrap())
        .join(ff["profile"].as_str().unwrap());
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("profile");
    copy_tree(&live, &p);
    let before = fingerprint(&p);
    let read = firefox::read(&store(&p), &ReadOptions::default()).unwrap();
    assert_eq!(fingerprint(&p), before);
    assert_eq!(read.schema, ff["schema"].as_str().unwrap());
    assert!(read.notes.is_empty(), "{:?}", read.notes);

    let expected: Vec<&Value> = manifest["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["browser"] == "firefox")
        .collect();
    assert!(expected.iter().any(|c| c["session"] == true));
    assert_eq!(read.cookies.len(), expected.len());
    for m in expected {
        let c = find(&read.cookies, m);
        let what = format!("{} {}", c.host, c.name);
        assert_eq!(
            c.value.secret().unwrap().expose_str(),
            m["value"].as_str().unwrap(),
            "{what}"
        );
        assert_eq!(c.secure, m["secure"] == true, "{what}");
        assert_eq!(c.http_only, m["httponly"] == true, "{what}");
        let ss = m["samesite"].as_str().unwrap().to_ascii_lowercase();
        assert_eq!(c.same_site.as_str(), ss, "{what}");
        assert_eq!(
            c.expires.map(UnixMicros::secs),
            m["expires_unix"].as_i64(),
            "{what}"
        );
        assert_eq!(c.is_session(), m["session"] == true, "{what}");
        let store_file = m["store"].as_str().unwrap();
        match &c.key {
            RowKey::FirefoxDb { .. } => assert!(store_file.ends_with("cookies.sqlite"), "{what}"),
            RowKey::FirefoxSession { file, .. } => {
                assert!(store_file.ends_with("sessionstore.jsonlz4"), "{what}");
                assert!(file.ends_with("sessionstore.jsonlz4"), "{what}");
            }
            other => panic!("{what}: {other:?}"),
        }
        assert_eq!(c.container, None, "{what}");
    }
}
