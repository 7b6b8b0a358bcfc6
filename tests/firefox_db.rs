//! `moz_cookies` reading across schema versions, from private snapshots.
// Helpers outside #[test] fns unwrap too: a failed setup should fail the test loudly.
#![allow(clippy::unwrap_used)]

mod firefox_support;

use std::sync::Arc;

use crumbs::Error;
use crumbs::model::{Cookie, CookieValue, RowKey, SameSite};
use crumbs::store::ReadOptions;
use crumbs::store::firefox;
use firefox_support::*;

const DAY: i64 = 86_400;

fn by_name<'a>(cookies: &'a [Cookie], name: &str) -> &'a Cookie {
    cookies
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no cookie named {name}"))
}

fn value(c: &Cookie) -> Vec<u8> {
    match &c.value {
        CookieValue::Known(s) => s.expose().to_vec(),
        other => panic!("value not known: {other:?}"),
    }
}

fn oa(c: &Cookie) -> &str {
    match &c.key {
        RowKey::FirefoxDb {
            origin_attributes, ..
        } => origin_attributes,
        other => panic!("not a db row: {other:?}"),
    }
}

#[test]
fn v17_units_samesite_jars_and_expired_rows() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("containers.json"),
        r#"{"version":5,"identities":[{"userContextId":2,"l10nId":"user-context-work"},
            {"userContextId":7,"name":"Travel"}]}"#,
    )
    .unwrap();
    let conn = make_db(d.path(), V17, 17);
    let two_years_ms = (now_s() + 730 * DAY) * 1000;
    let hour_ms = (now_s() + 3600) * 1000;
    insert17(
        &conn,
        ".www.example.co.uk",
        "long",
        "L",
        "",
        two_years_ms,
        256,
        true,
    );
    insert17(&conn, "a.test", "none", "n", "", hour_ms, 0, true);
    insert17(&conn, "a.test", "lax", "l", "", hour_ms, 1, false);
    insert17(&conn, "a.test", "strict", "s", "", hour_ms, 2, false);
    insert17(
        &conn,
        "a.test",
        "old",
        "o",
        "",
        (now_s() - DAY) * 1000,
        256,
        false,
    );
    let part = "^partitionKey=%28https%2Ctop.test%29";
    let part_f = "^partitionKey=%28https%2Cother.test%2Cf%29";
    insert17(&conn, "emb.test", "tw", "1", part, hour_ms, 0, true);
    insert17(&conn, "emb.test", "tw", "2", part_f, hour_ms, 0, true);
    insert17(&conn, "emb.test", "tw", "3", "", hour_ms, 0, true);
    insert17(
        &conn,
        "c.test",
        "work",
        "w",
        "^userContextId=2",
        hour_ms,
        1,
        false,
    );
    insert17(
        &conn,
        "c.test",
        "travel",
        "t",
        "^userContextId=7",
        hour_ms,
        1,
        false,
    );
    insert17(
        &conn,
        "c.test",
        "anon",
        "x",
        "^userContextId=9",
        hour_ms,
        1,
        false,
    );
    insert17(
        &conn,
        "c.test",
        "both",
        "b",
        "^userContextId=2&partitionKey=%28http%2Clocalhost%2C8080%29",
        hour_ms,
        1,
        false,
    );
    drop(conn);

    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.schema, "moz_cookies v17");
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let c = &read.cookies;
    assert_eq!(c.len(), 12);

    let long = by_name(c, "long");
    let days = (long.expires.unwrap().secs() - now_s()) / DAY;
    assert!(
        (729..=730).contains(&days),
        "2-year cookie expires in {days} days"
    );
    assert_eq!(&*long.site, "example.co.uk");
    assert!(long.secure && long.http_only);
    assert_eq!(long.same_site, SameSite::Unspecified);
    assert!(long.created.unwrap().secs().abs_diff(now_s()) < 60);
    assert!(long.last_accessed.is_some());
    assert_eq!(value(long), b"L");

    assert_eq!(by_name(c, "none").same_site, SameSite::None);
    assert_eq!(by_name(c, "lax").same_site, SameSite::Lax);
    assert_eq!(by_name(c, "strict").same_site, SameSite::Strict);

    let old = by_name(c, "old");
    assert!(old.is_expired(crumbs::model::UnixMicros::now()));

    let twins: Vec<_> = c.iter().filter(|x| x.name == "tw").collect();
    assert_eq!(twins.len(), 3, "partitioned twins are separate rows");
    let mut ids: Vec<_> = twins.iter().map(|t| t.id()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "twins have distinct ids");
    let t1 = twins.iter().find(|t| value(t) == b"1").unwrap();
    assert_eq!(t1.partition.as_deref(), Some("https://top.test"));
    assert_eq!(oa(t1), part);
    let t2 = twins.iter().find(|t| value(t) == b"2").unwrap();
    assert_eq!(t2.partition.as_deref(), Some("https://other.test"));
    let t3 = twins.iter().find(|t| value(t) == b"3").unwrap();
    assert_eq!(t3.partition, None);
    assert!(Arc::ptr_eq(&t1.site, &t3.site), "sites are interned");

    assert_eq!(by_name(c, "work").container.as_deref(), Some("Work"));
    assert_eq!(by_name(c, "travel").container.as_deref(), Some("Travel"));
    assert_eq!(by_name(c, "anon").container.as_deref(), Some("#9"));
    let both = by_name(c, "both");
    assert_eq!(both.container.as_deref(), Some("Work"));
    assert_eq!(both.partition.as_deref(), Some("http://localhost:8080"));
}

#[test]
fn v15_expiry_is_in_seconds() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V15, 15);
    let exp = now_s() + 730 * DAY;
    conn.execute(
        "INSERT INTO moz_cookies (name, value, host, path, expiry, lastAccessed, creationTime,
           isSecure, isHttpOnly, sameSite, schemeMap) VALUES
           ('v15', 'x', '.b.test', '/', ?1, 1, 1, 0, 0, 1, 2)",
        [exp],
    )
    .unwrap();
    drop(conn);
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.schema, "moz_cookies v15");
    let c = by_name(&read.cookies, "v15");
    assert_eq!(c.expires.unwrap().secs(), exp);
    assert_eq!(c.same_site, SameSite::Lax);
}

#[test]
fn v10_consults_raw_samesite() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V10, 10);
    let exp = now_s() + 30 * DAY;
    // (name, sameSite, rawSameSite, expected): Lax by default without the attribute is
    // what Firefox's 14→15 migration turns into "unset".
    let cases = [
        ("unset", 1, 0, SameSite::Unspecified),
        ("lax", 1, 1, SameSite::Lax),
        ("strict", 2, 2, SameSite::Strict),
        ("none", 0, 0, SameSite::None),
    ];
    for (name, ss, raw, _) in cases {
        conn.execute(
            "INSERT INTO moz_cookies (baseDomain, name, value, host, path, expiry,
               lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, rawSameSite)
             VALUES ('c.test', ?1, 'v', 'c.test', '/', ?2, 1, 1, 0, 0, ?3, ?4)",
            rusqlite::params![name, exp, ss, raw],
        )
        .unwrap();
    }
    drop(conn);
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.schema, "moz_cookies v10");
    for (name, _, _, want) in cases {
        let c = by_name(&read.cookies, name);
        assert_eq!(c.same_site, want, "{name}");
        assert_eq!(c.expires.unwrap().secs(), exp);
    }
}

#[test]
fn newer_schema_reads_by_name_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 18);
    conn.execute_batch("ALTER TABLE moz_cookies ADD COLUMN futureThing INTEGER")
        .unwrap();
    let exp_ms = (now_s() + 10 * DAY) * 1000;
    insert17(&conn, "n.test", "n", "v", "", exp_ms, 2, true);
    drop(conn);
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.schema, "moz_cookies v18");
    assert_eq!(read.notes.len(), 1);
    assert!(read.notes[0].contains("newer schema"), "{:?}", read.notes);
    assert!(
        read.notes[0].contains("units assumed ms"),
        "{:?}",
        read.notes
    );
    assert_eq!(read.cookies[0].expires.unwrap().secs(), exp_ms / 1000);
}

#[test]
fn non_utf8_bytes_do_not_fail_the_read() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 17);
    conn.execute_batch(
        "INSERT INTO moz_cookies (name, value, host, path, expiry, originAttributes)
         VALUES (CAST(x'6e61ff6d65' AS TEXT), CAST(x'00c3a9fffe' AS TEXT),
                 CAST(x'782e74657374ff' AS TEXT), CAST(x'2fc0' AS TEXT), 4102444800000, '');",
    )
    .unwrap();
    drop(conn);
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    let c = &read.cookies[0];
    assert_eq!(c.name, "na\u{fffd}me");
    assert_eq!(c.host, "x.test\u{fffd}");
    assert_eq!(&*c.path, "/\u{fffd}");
    assert_eq!(
        value(c),
        b"\x00\xc3\xa9\xff\xfe",
        "value bytes kept exactly"
    );
    assert!(
        !format!("{c:?}").contains('\u{e9}'),
        "Debug must not show the value"
    );
}

#[test]
fn wal_only_rows_are_visible_and_the_profile_is_untouched() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 17);
    conn.execute_batch("PRAGMA wal_autocheckpoint=0").unwrap();
    let exp = (now_s() + DAY) * 1000;
    for i in 0..50 {
        insert17(&conn, "w.test", &format!("w{i}"), "v", "", exp, 256, false);
    }
    let wal = d.path().join("cookies.sqlite-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "rows live in the WAL"
    );
    // A Firefox-held file has no -shm; the connection we hold has one. Either way the
    // read must not change a single byte of the profile.
    std::fs::create_dir_all(d.path().join("sessionstore-backups")).unwrap();
    std::os::unix::fs::symlink("127.0.0.1:+999999", d.path().join("lock")).unwrap();
    std::fs::write(d.path().join(".parentlock"), b"").unwrap();
    write_session(
        d.path(),
        "sessionstore.jsonlz4",
        r#"{"cookies":[{"host":"s.test","name":"s","value":"v","path":"/"}]}"#,
    );
    let before = fingerprint(d.path());
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.cookies.len(), 51, "50 WAL rows and one session cookie");
    assert_eq!(fingerprint(d.path()), before);
    drop(conn);

    // And a closed profile (WAL left behind, no -shm) stays byte-identical too.
    let before = fingerprint(d.path());
    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert_eq!(read.cookies.len(), 51);
    assert_eq!(fingerprint(d.path()), before);
}

#[test]
fn bad_files_fail_with_one_clear_line_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let st = store(d.path());
    let path = st.path.display().to_string();
    let read = |what: &str| -> Error {
        let e = firefox::read(&st, &ReadOptions::default()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with(&path), "{what}: {msg}");
        assert!(!msg.contains('\n'), "{what}: {msg}");
        e
    };

    std::fs::write(&st.path, b"").unwrap();
    assert!(matches!(read("empty"), Error::NotAStore { .. }));
    std::fs::write(
        &st.path,
        b"this is not sqlite at all, just some text".repeat(200),
    )
    .unwrap();
    assert!(matches!(read("text"), Error::NotAStore { .. }));

    std::fs::remove_file(&st.path).unwrap();
    let conn = make_db(d.path(), "CREATE TABLE other(x);", 17);
    drop(conn);
    assert!(matches!(read("no table"), Error::UnknownSchema { .. }));

    std::fs::remove_file(&st.path).unwrap();
    let _ = std::fs::remove_file(d.path().join("cookies.sqlite-wal"));
    let conn = make_db(
        d.path(),
        "CREATE TABLE moz_cookies(id INTEGER, name, host);",
        17,
    );
    drop(conn);
    let e = read("no columns");
    assert!(matches!(e, Error::UnknownSchema { .. }));
    assert!(e.to_string().contains("path"), "{e}");

    std::fs::remove_file(&st.path).unwrap();
    assert!(matches!(read("missing"), Error::Io { .. }));
}
