//! Party decisions, and visits read from history files real browsers wrote.

mod policy_support;

use crumbs::model::{Family, Party};
use crumbs::policy::party::{self, Visits};
use policy_support::{cookie, fixture, policies};

#[test]
fn firefox_history_has_top_level_visits_only() {
    let dir = fixture("valid/history/firefox");
    let before = std::fs::read(dir.join("places.sqlite")).unwrap();
    let v = Visits::load(&dir, Family::Firefox).unwrap();
    assert!(v.contains("fabriquenumeriquedupasse.fr"));
    assert!(v.contains("opendatasoft.com"));
    assert!(!v.contains("doubleclick.net"), "an iframe is not a visit");
    assert!(
        !v.contains("mozilla.org"),
        "a bookmark never opened is not a visit"
    );
    assert_eq!(v.len(), 2);
    // Read through a snapshot: the fixture is untouched and no side files appear.
    assert_eq!(std::fs::read(dir.join("places.sqlite")).unwrap(), before);
    assert!(!dir.join("places.sqlite-wal").exists());
    assert!(!dir.join("places.sqlite-shm").exists());
}

#[test]
fn chromium_history_has_top_level_visits_only() {
    let dir = fixture("valid/history/chromium");
    let v = Visits::load(&dir, Family::Chromium).unwrap();
    assert!(v.contains("fabriquenumeriquedupasse.fr"));
    assert!(v.contains("opendatasoft.com"));
    assert!(!v.contains("doubleclick.net"));
    assert_eq!(v.len(), 2);
    assert!(!dir.join("History-journal").exists());
}

#[test]
fn no_history_is_no_visits_and_a_bad_one_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        Visits::load(tmp.path(), Family::Firefox)
            .unwrap()
            .is_empty()
    );
    assert!(Visits::load(tmp.path(), Family::Safari).unwrap().is_empty());
    std::fs::write(
        tmp.path().join("History"),
        b"not a database at all, just text",
    )
    .unwrap();
    let err = Visits::load(tmp.path(), Family::Chromium).unwrap_err();
    let live = tmp.path().join("History");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: ", live.display())),
        "{err}"
    );
}

#[test]
fn party_table() {
    let p = policies();
    let visits = Visits::from_hosts(["www.fabriquenumeriquedupasse.fr", "news.example.org"]);
    #[rustfmt::skip]
    let cases: &[(&str, &str, Option<&str>, Party, &str)] = &[
        (".doubleclick.net", "IDE", Some("https://news.example.org"), Party::Third, "set inside example.org (partitioned)"),
        ("widget.example.org", "w", Some("https://example.org"), Party::First, "partitioned under its own site example.org"),
        (".www.fabriquenumeriquedupasse.fr", "sessionid", None, Party::First, "you visited fabriquenumeriquedupasse.fr"),
        ("ad.doubleclick.net", "RUL", None, Party::Third, "doubleclick.net belongs to Google (DoubleClick), which sets cookies on other sites' pages"),
        (".google.com", "__Secure-3PSID", None, Party::Third, "Google sets this cookie from its own domain on other sites' pages"),
        ("cdn.example.net", "x", None, Party::Unknown, "example.net is not in this profile's history and not a known third-party host"),
    ];
    for (host, name, partition, want, reason) in cases {
        let mut c = cookie(host, name);
        c.partition = partition.map(Into::into);
        let v = p.classify(&c);
        let got = party::decide(&c, &v, &p, &visits);
        assert_eq!(
            (got.party, got.reason.to_string()),
            (*want, reason.to_string()),
            "{name} on {host}"
        );
    }
}
