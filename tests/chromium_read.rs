//! Chromium reader on databases with Chromium's exact v24 and v18 schemas.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod chromium_fixture;

use std::collections::BTreeMap;

use chromium_fixture::{DAY, JAN_2025, Row, V18_SCHEMA, V24_SCHEMA, create, seal_v10, store_at};
use crumbs::model::{CookieValue, RowKey, SameSite, UnixMicros};
use crumbs::store::chromium;
use crumbs::store::read::chromium::decrypt::{KeySlot, ValueKeys};
use crumbs::store::{ReadOptions, StoreRead};

const DECRYPT: ReadOptions = ReadOptions { decrypt: true };

fn v10_keys(_: &[[u8; 3]]) -> ValueKeys {
    ValueKeys::from_slots(vec![(*b"v10", ValueKeys::linux_v10())])
}

fn by_name(read: &StoreRead) -> BTreeMap<String, &crumbs::model::Cookie> {
    read.cookies.iter().map(|c| (c.name.clone(), c)).collect()
}

fn value(c: &crumbs::model::Cookie) -> String {
    c.value
        .secret()
        .expect("value known")
        .expose_str()
        .into_owned()
}

fn v24_rows() -> Vec<Row<'static>> {
    vec![
        Row {
            name: b"persist",
            encrypted: seal_v10(b".example.test", b"p-value", 24),
            samesite: 1,
            ..Row::default()
        },
        Row {
            name: b"session",
            encrypted: seal_v10(b".example.test", b"s-value", 24),
            persistent: false,
            samesite: 2,
            ..Row::default()
        },
        Row {
            name: b"plain",
            value: b"in-clear",
            samesite: 0,
            ..Row::default()
        },
        Row {
            name: b"empty",
            encrypted: seal_v10(b".example.test", b"", 24),
            samesite: 3,
            ..Row::default()
        },
        Row {
            name: b"old",
            host: b"www.expired.test",
            encrypted: seal_v10(b"www.expired.test", b"gone", 24),
            expires: JAN_2025 - DAY,
            ..Row::default()
        },
    ]
}

#[test]
fn v24_reads_times_flags_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(&path, V24_SCHEMA, &v24_rows());
    let read = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    assert_eq!(read.schema, "chromium meta 24");
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let c = by_name(&read);
    assert_eq!(c.len(), 5);

    let p = c["persist"];
    assert_eq!(value(p), "p-value");
    assert_eq!(
        p.expires,
        Some(UnixMicros(1_735_689_600_000_000 + 30 * DAY))
    );
    assert_eq!(p.created, Some(UnixMicros(1_735_689_600_000_000)));
    assert_eq!(p.same_site, SameSite::Lax);
    assert!(p.secure && !p.http_only);
    assert_eq!(&*p.site, "example.test");
    assert_eq!(p.partition, None);
    match &p.key {
        RowKey::Chromium {
            rowid,
            top_frame_site_key,
            has_cross_site_ancestor,
            source_scheme,
            source_port,
            ..
        } => {
            assert!(*rowid > 0);
            assert_eq!(top_frame_site_key, "");
            assert_eq!(
                (*has_cross_site_ancestor, *source_scheme, *source_port),
                (1, 2, 443)
            );
        }
        other => panic!("wrong key {other:?}"),
    }

    let s = c["session"];
    assert!(s.is_session());
    assert_eq!(value(s), "s-value");
    assert_eq!(s.same_site, SameSite::Strict);
    assert_eq!(value(c["plain"]), "in-clear");
    assert_eq!(c["plain"].same_site, SameSite::None);
    assert_eq!(value(c["empty"]), "");
    assert_eq!(c["empty"].same_site, SameSite::Unspecified);
    // Expired rows are still listed: the browser drops them lazily.
    let old = c["old"];
    assert!(old.is_expired(UnixMicros(1_735_689_600_000_000)));
    assert_eq!(value(old), "gone");
    assert_eq!(&*old.site, "expired.test");
    // Sites are interned: equal sites share one allocation.
    assert!(std::sync::Arc::ptr_eq(
        &c["persist"].site,
        &c["session"].site
    ));
}

#[test]
fn partitioned_twins_stay_separate() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    let rows = vec![
        Row {
            name: b"__Host-twin",
            host: b"embed.test",
            value: b"unpartitioned",
            ..Row::default()
        },
        Row {
            name: b"__Host-twin",
            host: b"embed.test",
            value: b"under-top",
            top_frame: "https://top.test",
            ..Row::default()
        },
    ];
    create(&path, V24_SCHEMA, &rows);
    let read = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    assert_eq!(read.cookies.len(), 2);
    let part: Vec<_> = read.cookies.iter().map(|c| c.partition.clone()).collect();
    assert!(part.contains(&None));
    assert!(part.contains(&Some("https://top.test".into())));
    assert_ne!(read.cookies[0].id(), read.cookies[1].id());
}

#[test]
fn non_utf8_text_never_fails_the_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    let rows = vec![Row {
        host: b"bad\xff.test",
        name: b"n\xfe\xff",
        value: b"v\xc3",
        ..Row::default()
    }];
    create(&path, V24_SCHEMA, &rows);
    let read = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    let c = &read.cookies[0];
    assert_eq!(c.name, "n\u{fffd}\u{fffd}");
    assert_eq!(c.host, "bad\u{fffd}.test");
    // The value keeps its raw bytes.
    assert_eq!(c.value.secret().unwrap().expose(), b"v\xc3");
}

#[test]
fn meta_18_reads_with_defaults_for_newer_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    let rows = vec![
        Row {
            name: b"a",
            encrypted: seal_v10(b".example.test", b"eighteen", 18),
            ..Row::default()
        },
        Row {
            name: b"b",
            value: b"plain",
            persistent: false,
            ..Row::default()
        },
    ];
    create(&path, V18_SCHEMA, &rows);
    let read = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    assert_eq!(read.schema, "chromium meta 18");
    let c = by_name(&read);
    assert_eq!(value(c["a"]), "eighteen");
    assert!(c["b"].is_session());
    match &c["a"].key {
        RowKey::Chromium {
            has_cross_site_ancestor,
            ..
        } => assert_eq!(*has_cross_site_ancestor, 0),
        other => panic!("{other:?}"),
    }
}

#[test]
fn old_schemas_are_refused_and_newer_ones_noted() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(
        &path,
        &V18_SCHEMA.replace("'18'", "'12'"),
        &[Row::default()],
    );
    let err = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("chromium meta 12") && msg.contains("Cookies"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));

    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(
        &path,
        &V24_SCHEMA.replace("'24'", "'25'"),
        &[Row::default()],
    );
    let read = chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    assert_eq!(read.schema, "chromium meta 25");
    assert_eq!(read.notes.len(), 1);
    assert!(read.notes[0].contains("newer"), "{:?}", read.notes);
}

#[test]
fn without_decrypt_values_are_not_loaded_and_no_keys_are_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(&path, V24_SCHEMA, &v24_rows());
    let read = chromium::read_with_keys(&store, &ReadOptions { decrypt: false }, |_| {
        panic!("keys asked for without decrypt")
    })
    .unwrap();
    assert!(
        read.cookies
            .iter()
            .all(|c| c.value == CookieValue::NotLoaded)
    );
    // The public entry point must not touch the keyring either (a v11 store).
    let v11 = vec![Row {
        encrypted: b"v11\x00\x01".to_vec(),
        ..Row::default()
    }];
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(&path, V24_SCHEMA, &v11);
    let read = chromium::read(&store, &ReadOptions { decrypt: false }).unwrap();
    assert_eq!(read.cookies[0].value, CookieValue::NotLoaded);
    assert!(read.notes.is_empty());
}

#[test]
fn undecryptable_values_give_one_note_naming_the_key_source() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    let key = [3u8; 16];
    let rows: Vec<Row> = ["a", "b", "c"]
        .iter()
        .map(|n| Row {
            name: n.as_bytes(),
            encrypted: chromium_fixture::seal(b"v11", key, b".example.test", b"x", 24),
            ..Row::default()
        })
        .collect();
    create(&path, V24_SCHEMA, &rows);
    let asked = std::sync::Mutex::new(Vec::new());
    let read = chromium::read_with_keys(&store, &DECRYPT, |tags| {
        asked.lock().unwrap().extend_from_slice(tags);
        ValueKeys::from_slots(vec![(
            *b"v11",
            KeySlot::Missing {
                reason: "tried Secret Service: not running; KWallet: not running".into(),
            },
        )])
    })
    .unwrap();
    // Asked once, for the one tag the values carry.
    assert_eq!(*asked.lock().unwrap(), vec![*b"v11"]);
    assert_eq!(read.notes.len(), 1, "{:?}", read.notes);
    assert!(read.notes[0].starts_with("3 v11 values not decrypted: tried Secret Service"));
    for c in &read.cookies {
        match &c.value {
            CookieValue::Encrypted { scheme, reason } => {
                assert_eq!(&**scheme, "v11");
                assert!(reason.contains("KWallet"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_profile_folder_is_byte_identical_after_a_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    create(&path, V24_SCHEMA, &v24_rows());
    // A hot rollback journal next to the file, as a browser mid-commit leaves it.
    std::fs::write(path.with_file_name("Cookies-journal"), b"").unwrap();
    let before = tree(&store.profile_dir);
    chromium::read_with_keys(&store, &DECRYPT, v10_keys).unwrap();
    chromium::read(&store, &ReadOptions { decrypt: false }).unwrap();
    assert_eq!(tree(&store.profile_dir), before);
}

fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let m = std::fs::metadata(&p).unwrap();
            (
                p.display().to_string(),
                std::fs::read(&p).unwrap(),
                m.modified().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_file_without_chromium_tables_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE moz_cookies(id)")
        .unwrap();
    let err = chromium::read(&store, &DECRYPT).unwrap_err();
    assert!(err.to_string().contains("not a cookie store"), "{err}");
}
