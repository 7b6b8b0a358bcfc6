//! `crumbs audit` and history: a third-party cookie no partition key places belongs to a
//! site's audit when its profile's history shows a visit to the site just before it was
//! created, and no visit to another site came between. Profiles are copies of the real
//! fixtures (cookie store and history) with their rows replaced, and the real fixtures
//! themselves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

mod audit_support;

use std::path::{Path, PathBuf};

use audit_support::{SITE, audit, json, site, undeclared};
use serde_json::Value;
use support::{Sandbox, chromium_copy, firefox_copy, fixture};

const POLICY: &str = r#"
[policy]
id = "shop-example"
name = "Shop Example cookie policy"
kind = "site"
domains = ["shop.example"]

[categories.strictly_necessary]
label = "Strictly necessary"
maps_to = "necessary"
consent = "never"

[[cookie]]
name = "cart"
purpose = "Keeps your basket"
category = "necessary"
policy_category = "strictly_necessary"
"#;

const S: i64 = 1_000_000;

/// A Firefox profile (copies of the real `cookies.sqlite` and `places.sqlite`, emptied)
/// holding `cookies` as `(host, name, created µs)` and `visits` as `(url, µs)`, each a
/// link followed (`visit_type` 1) unless the url is in `framed`.
fn firefox_profile(dir: &Path, cookies: &[(&str, &str, i64)], visits: &[(&str, i64)]) -> PathBuf {
    firefox_profile_framed(dir, cookies, visits, &[])
}

fn firefox_profile_framed(
    dir: &Path,
    cookies: &[(&str, &str, i64)],
    visits: &[(&str, i64)],
    framed: &[&str],
) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let store = firefox_copy(dir);
    let conn = rusqlite::Connection::open(&store).unwrap();
    conn.execute("DELETE FROM moz_cookies", []).unwrap();
    for (host, name, created) in cookies {
        let expiry_ms = created / 1000 + 30 * 86_400_000;
        conn.execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
               lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap,
               isPartitionedAttributeSet, updateTime)
             VALUES ('', ?1, 'v', ?2, '/', ?3, ?4, ?4, 1, 1, 0, 2, 0, ?4)",
            rusqlite::params![name, host, expiry_ms, created],
        )
        .unwrap();
    }
    drop(conn);
    let places = dir.join("places.sqlite");
    std::fs::copy(
        fixture(support::FIREFOX_PROFILE).join("places.sqlite"),
        &places,
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&places).unwrap();
    conn.execute_batch("DELETE FROM moz_historyvisits; DELETE FROM moz_places;")
        .unwrap();
    for (i, (url, at)) in visits.iter().enumerate() {
        let host = url.split('/').nth(2).unwrap();
        let rev_host: String = format!(".{host}").chars().rev().collect();
        conn.execute(
            "INSERT INTO moz_places (id, url, rev_host, visit_count, guid, last_visit_date)
             VALUES (?1, ?2, ?3, 1, ?4, ?5)",
            rusqlite::params![i as i64 + 1, url, rev_host, format!("guid{i:08}"), at],
        )
        .unwrap();
        // 1: a link followed, a page the person was on; 8: a link followed inside a frame.
        let visit_type = if framed.contains(url) { 8 } else { 1 };
        conn.execute(
            "INSERT INTO moz_historyvisits (from_visit, place_id, visit_date, visit_type, session)
             VALUES (0, ?1, ?2, ?3, 0)",
            rusqlite::params![i as i64 + 1, at, visit_type],
        )
        .unwrap();
    }
    store
}

fn shop_audit(sb: &Sandbox, store: &Path, flag: &str) -> support::Run {
    let policy = sb.path("shop.toml");
    std::fs::write(&policy, POLICY).unwrap();
    audit(
        sb,
        &["--policy", policy.to_str().unwrap(), flag],
        &[store.to_path_buf()],
    )
}

/// Every cookie name the site's audit lists, declared or not.
fn names(s: &Value) -> Vec<String> {
    let declared = s["declared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["found"]);
    let undeclared = s["undeclared"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["cookies"].as_array().unwrap());
    declared
        .chain(undeclared)
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn third_party_cookies_set_while_visiting_the_site() {
    let sb = Sandbox::new();
    let t0 = (crumbs::model::UnixMicros::now().secs() - 7_200) * S;
    let t1 = t0 + 1_800 * S;
    let store = firefox_profile_framed(
        &sb.path("profile"),
        &[
            ("shop.example", "cart", t0 + S),
            // 5 s after the visit to the shop: set on its page.
            (".tracker.example", "tr_in", t0 + 5 * S),
            // 10 minutes after: no page of the shop was being loaded.
            (".tracker.example", "tr_late", t0 + 600 * S),
            // 35 s after a shop visit, but 5 s after a visit to another site.
            (".tracker.example", "tr_news", t1 + 5 * S),
        ],
        &[
            ("https://www.shop.example/", t0),
            // A link followed inside one of the shop's frames is no page of its own.
            ("https://ads.example/frame", t0 + 3 * S),
            ("https://shop.example/basket", t1 - 30 * S),
            ("https://news.example/", t1),
        ],
        &["https://ads.example/frame"],
    );
    let run = shop_audit(&sb, &store, "--json");
    assert_eq!(run.code, Some(4), "{run:?}");
    let v = json(&run);
    let s = site(&v, "shop.example");
    let listed = names(s);
    assert!(
        !listed.contains(&"tr_late".to_string()) && !listed.contains(&"tr_news".to_string()),
        "{listed:?}"
    );
    let (group, c) = undeclared(s, "tr_in").unwrap_or_else(|| panic!("tr_in missing: {s:#}"));
    assert_eq!(group["vendor"], "Unknown vendor");
    assert_eq!(c["host"], "tracker.example");
    assert_eq!(c["set_while_visiting"], "shop.example");
    assert!(c.get("partitioned_under").is_none(), "{c:#}");
    assert_eq!(c["party"], "third");
    assert_eq!(
        c["party_reason"],
        "set while visiting shop.example (by time, from history)"
    );
    assert_eq!(s["verdict"]["status"], "findings");
    assert_eq!(
        v["examined"][0]["visits"], 3,
        "the framed link is not a visit"
    );

    let policy = sb.path("shop.toml");
    let text = audit(
        &sb,
        &["--policy", policy.to_str().unwrap()],
        std::slice::from_ref(&store),
    );
    let out = text.stdout_text();
    assert!(
        out.contains(
            "tr_in on tracker.example (set while visiting shop.example, by time, from history)"
        ),
        "{out}"
    );
    assert!(out.contains("3 page visits"), "{out}");
    let md = shop_audit(&sb, &store, "--markdown").stdout_text();
    assert!(
        md.contains("tracker.example (set while visiting shop.example, by time, from history)"),
        "{md}"
    );
}

#[test]
fn without_history_only_partition_keys_place_third_parties() {
    let sb = Sandbox::new();
    let t0 = (crumbs::model::UnixMicros::now().secs() - 7_200) * S;
    let dir = sb.path("profile");
    let store = firefox_profile(
        &dir,
        &[
            ("shop.example", "cart", t0 + S),
            (".tracker.example", "tr_in", t0 + 5 * S),
        ],
        &[("https://shop.example/", t0)],
    );
    std::fs::remove_file(dir.join("places.sqlite")).unwrap();
    let run = shop_audit(&sb, &store, "--json");
    assert_eq!(run.code, Some(0), "{run:?}");
    let v = json(&run);
    assert_eq!(names(site(&v, "shop.example")), ["cart"]);
    assert_eq!(v["examined"][0]["visits"], 0);
}

/// The real Chromium profile (cookies and history) in `dir/Default`.
fn real_chromium_profile(dir: &Path) -> PathBuf {
    let profile = dir.join("Default");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::copy(
        fixture(support::CHROMIUM_PROFILE).join("History"),
        profile.join("History"),
    )
    .unwrap();
    chromium_copy(&profile)
}

#[test]
fn real_fixtures_place_unpartitioned_third_parties_by_time() {
    let sb = Sandbox::new();
    let store = real_chromium_profile(sb.work.path());
    let run = audit(&sb, &["--site", SITE, "--json"], &[store]);
    assert_eq!(run.code, Some(4), "{run:?}");
    let v = json(&run);
    let s = site(&v, SITE);
    // Both were set by embeds about 0.2 s after the first visit to the site, without a
    // partition key; history (microseconds since 1601) places them.
    for (name, host) in [("test_cookie", "doubleclick.net"), ("fr", "facebook.com")] {
        let (_, c) = undeclared(s, name).unwrap_or_else(|| panic!("{name} missing: {s:#}"));
        assert_eq!(c["host"], host);
        assert_eq!(c["set_while_visiting"], SITE, "{c:#}");
        assert_eq!(c["party"], "third");
    }
    // The partitioned one keeps its partition key as the evidence.
    let (_, ide) = undeclared(s, "IDE").unwrap();
    assert_eq!(ide["partitioned_under"], SITE);
    assert!(ide.get("set_while_visiting").is_none(), "{ide:#}");
    // The shop visited in the same session is another site: its cookies stay out.
    assert!(!names(s).contains(&"PHPSESSID".to_string()));
    assert_eq!(v["examined"][0]["visits"], 6);
}

#[test]
fn a_cookie_of_the_policys_own_domains_is_no_third_party() {
    let sb = Sandbox::new();
    let t0 = (crumbs::model::UnixMicros::now().secs() - 7_200) * S;
    let store = firefox_profile(
        &sb.path("profile"),
        &[
            ("shop.example", "cart", t0 + S),
            ("static.shop-cdn.example", "cdn_id", t0 + 2 * S),
        ],
        &[("https://shop.example/", t0)],
    );
    let policy = sb.path("shop.toml");
    let two_domains = POLICY.replace(
        r#"domains = ["shop.example"]"#,
        r#"domains = ["shop.example", "shop-cdn.example"]"#,
    );
    std::fs::write(&policy, two_domains).unwrap();
    let run = audit(
        &sb,
        &["--policy", policy.to_str().unwrap(), "--json"],
        &[store],
    );
    let v = json(&run);
    assert_eq!(names(site(&v, "shop.example")), ["cart"], "{v:#}");
    let cdn = site(&v, "shop-cdn.example");
    let (_, c) = undeclared(cdn, "cdn_id").unwrap();
    assert!(c.get("set_while_visiting").is_none(), "{c:#}");
}
