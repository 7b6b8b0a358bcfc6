//! The format details of both exports on hand-built cookies: prefixes, host-only versus
//! domain cookies, session expiry, what is left out and counted, and owner-only files.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::model::{Browser, RowKey, SameSite, Secret, StoreRef};

const NOW: UnixMicros = UnixMicros(1_800_000_000_000_000);

fn cookie(browser: Browser, host: &str, name: &str, value: &str) -> Cookie {
    Cookie {
        store: Arc::new(StoreRef {
            browser,
            profile: "p".into(),
            profile_dir: PathBuf::from("/p"),
            path: PathBuf::from("/p/Cookies"),
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        }),
        key: match browser.family() {
            crate::model::Family::Chromium => RowKey::Chromium {
                rowid: 1,
                top_frame_site_key: String::new(),
                has_cross_site_ancestor: 0,
                source_scheme: 2,
                source_port: 443,
                raw: None,
            },
            _ => RowKey::FirefoxDb {
                id: 1,
                origin_attributes: String::new(),
                raw: None,
            },
        },
        host: host.into(),
        name: name.into(),
        path: "/".into(),
        value: CookieValue::Known(Secret::new(value.as_bytes().to_vec())),
        expires: Some(UnixMicros(1_900_000_000_500_000)),
        created: None,
        last_accessed: None,
        secure: false,
        http_only: false,
        same_site: SameSite::Unspecified,
        partition: None,
        container: None,
        site: Arc::from(crate::site::registrable_domain(host)),
        in_session_file: false,
    }
}

fn netscape_text(cookies: &[Cookie], prefix: bool) -> (String, Export) {
    let refs: Vec<&Cookie> = cookies.iter().collect();
    let e = export(
        &refs,
        Format::Netscape {
            http_only_prefix: prefix,
        },
        NOW,
    );
    (String::from_utf8_lossy(&e.bytes).into_owned(), e)
}

#[test]
fn cookies_txt_lines_follow_the_format() {
    let mut domain = cookie(Browser::Firefox, ".example.org", "sessionid", "abc");
    domain.http_only = true;
    domain.secure = true;
    let mut host_only = cookie(Browser::Chromium, "www.example.org", "csrftoken", "x y");
    host_only.expires = None;
    host_only.path = "/app".into();
    let (text, e) = netscape_text(&[domain.clone(), host_only.clone()], true);
    assert_eq!(
        text,
        "# Netscape HTTP Cookie File\n\
         #HttpOnly_.example.org\tTRUE\t/\tTRUE\t1900000000\tsessionid\tabc\n\
         www.example.org\tFALSE\t/app\tFALSE\t0\tcsrftoken\tx y\n"
    );
    assert_eq!((e.written, e.skipped.len()), (2, 0));
    let (plain, _) = netscape_text(&[domain], false);
    assert!(plain.ends_with("\n.example.org\tTRUE\t/\tTRUE\t1900000000\tsessionid\tabc\n"));
}

#[test]
fn what_cookies_txt_cannot_hold_is_left_out_and_counted() {
    let ok = cookie(Browser::Firefox, ".example.org", "a", "1");
    let tab = cookie(Browser::Firefox, ".example.org", "b", "x\ty");
    let newline = cookie(Browser::Firefox, ".example.org", "c", "x\ny");
    let mut partitioned = cookie(Browser::Chromium, ".example.org", "d", "1");
    partitioned.partition = Some("https://top.test".into());
    let mut container = cookie(Browser::Firefox, ".example.org", "e", "1");
    container.container = Some("Work".into());
    let mut encrypted = cookie(Browser::Chromium, ".example.org", "f", "");
    encrypted.value = CookieValue::Encrypted {
        scheme: "v11".into(),
        reason: "no key".into(),
    };
    let mut expired = cookie(Browser::Firefox, ".example.org", "g", "1");
    expired.expires = Some(UnixMicros(NOW.0 - 1));
    let (text, e) = netscape_text(
        &[ok, tab, newline, partitioned, container, encrypted, expired],
        true,
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    assert_eq!(e.written, 1);
    let want = [
        (SkipReason::Expired, 1),
        (SkipReason::Undecryptable, 1),
        (SkipReason::TabOrNewline, 2),
        (SkipReason::Partitioned, 1),
        (SkipReason::Container, 1),
    ];
    assert_eq!(e.skipped.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn notes_say_how_many_and_why() {
    let mut e = Export::default();
    e.skip(SkipReason::TabOrNewline);
    e.skip(SkipReason::TabOrNewline);
    e.skip(SkipReason::Partitioned);
    assert_eq!(
        e.notes(),
        [
            "2 cookies left out: a tab or line break in the name or value breaks the cookies.txt format",
            "1 cookie left out: partitioned cookies cannot be expressed in cookies.txt",
        ]
    );
}

fn json_of(cookies: &[Cookie]) -> (serde_json::Value, Export) {
    let refs: Vec<&Cookie> = cookies.iter().collect();
    let e = export(&refs, Format::ExtensionJson, NOW);
    let v = serde_json::from_slice(&e.bytes).unwrap_or_else(|err| panic!("{err}"));
    (v, e)
}

#[test]
fn the_extension_array_has_the_api_keys_and_words() {
    let mut domain = cookie(Browser::Chromium, ".example.org", "sessionid", "abc");
    domain.http_only = true;
    domain.same_site = SameSite::None;
    domain.partition = Some("https://top.test".into());
    let mut host_only = cookie(Browser::Firefox, "www.example.org", "lang", "fr");
    host_only.expires = None;
    host_only.same_site = SameSite::Lax;
    host_only.key = RowKey::FirefoxDb {
        id: 2,
        origin_attributes: "^userContextId=3".into(),
        raw: None,
    };
    let (v, e) = json_of(&[domain, host_only]);
    assert_eq!(e.written, 2);
    assert_eq!(
        v,
        serde_json::json!([
            {"domain": ".example.org", "expirationDate": 1_900_000_000.5, "hostOnly": false,
             "httpOnly": true, "name": "sessionid", "path": "/", "sameSite": "no_restriction",
             "secure": false, "session": false, "storeId": "0", "value": "abc",
             "partitionKey": {"topLevelSite": "https://top.test", "hasCrossSiteAncestor": false}},
            {"domain": "www.example.org", "hostOnly": true, "httpOnly": false, "name": "lang",
             "path": "/", "sameSite": "lax", "secure": false, "session": true,
             "storeId": "firefox-container-3", "value": "fr"},
        ])
    );
}

#[test]
fn the_extension_array_keeps_tabs_but_not_undecryptable_values() {
    let tab = cookie(Browser::Firefox, ".example.org", "b", "x\ty");
    let mut encrypted = cookie(Browser::Chromium, ".example.org", "f", "");
    encrypted.value = CookieValue::Encrypted {
        scheme: "v10".into(),
        reason: "no key".into(),
    };
    let (v, e) = json_of(&[tab, encrypted]);
    assert_eq!(v[0]["value"], "x\ty");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(e.skipped.get(&SkipReason::Undecryptable), Some(&1));
}

#[test]
fn files_are_owner_only_and_never_replaced_without_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("cookies.txt");
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(write_new_file(&path, b"one", false).is_ok());
    assert_eq!(mode(&path), 0o600);
    assert!(write_new_file(&path, b"two", false).is_err());
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"one"[..]));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(write_new_file(&path, b"three", true).is_ok());
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"three"[..]));
    assert_eq!(mode(&path), 0o600);
    let leftovers = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 1, "no temporary file left behind");
}

#[test]
fn left_out_is_one_line_with_a_total() {
    use std::collections::BTreeMap;
    assert_eq!(super::left_out(&BTreeMap::new()), None);
    let skipped = BTreeMap::from([(SkipReason::Expired, 2), (SkipReason::Undecryptable, 1)]);
    assert_eq!(
        super::left_out(&skipped).as_deref(),
        Some("3 left out: 2 expired, 1 not decrypted")
    );
}
