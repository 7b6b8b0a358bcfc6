//! `crumbs audit`, declared but contradicted: a cookie a site owner's policy lists as
//! necessary that the knowledge base knows as a tracker, and one kept far longer than the
//! policy says; each beside a near miss that must not be reported. Stores are copies of
//! the real Firefox fixture with their rows replaced.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

mod audit_support;

use std::path::PathBuf;

use audit_support::{audit, contradictions, json, site};
use serde_json::Value;
use support::{Run, Sandbox, firefox_copy};

const DAY_S: i64 = 86_400;

const POLICY: &str = r#"
[policy]
id = "shop-example"
name = "Shop Example cookie policy"
provider = "Shop Example"
kind = "site"
domains = ["shop.example"]

[categories.strictly_necessary]
label = "Strictly necessary"
maps_to = "necessary"
consent = "never"

[categories.analytics]
label = "Analytics"
maps_to = "statistics"
consent = "required"

[[cookie]]
name = "_ga"
purpose = "Balances load between our servers"
category = "necessary"
policy_category = "strictly_necessary"

[[cookie]]
name = "basket"
purpose = "Keeps your basket"
category = "necessary"
policy_category = "strictly_necessary"

[[cookie]]
name = "shop_session"
purpose = "Keeps you signed in"
category = "necessary"
policy_category = "strictly_necessary"
lifetime = "1 week"

[[cookie]]
name = "shop_lang"
purpose = "Remembers your language"
category = "necessary"
policy_category = "strictly_necessary"
lifetime = "3 weeks"

[[cookie]]
pattern = "_pk_id.*"
provider = "Matomo"
purpose = "Counts returning visitors"
category = "statistics"
policy_category = "analytics"
"#;

/// A copy of the real Firefox store holding only `(host, name, days kept)` rows, each
/// created an hour ago, and the policy file.
fn shop(sb: &Sandbox, rows: &[(&str, &str, i64)]) -> (PathBuf, String) {
    let dir = sb.path("shop-profile");
    std::fs::create_dir_all(&dir).unwrap();
    let store = firefox_copy(&dir);
    let conn = rusqlite::Connection::open(&store).unwrap();
    conn.execute("DELETE FROM moz_cookies", []).unwrap();
    let created = crumbs::model::UnixMicros::now().secs() - 3_600;
    for (host, name, days) in rows {
        // v17: creation in µs, expiry in ms.
        conn.execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
               lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap,
               isPartitionedAttributeSet, updateTime)
             VALUES ('', ?1, 'v', ?2, '/', ?3, ?4, ?4, 1, 1, 1, 2, 0, ?4)",
            rusqlite::params![
                name,
                host,
                (created + days * DAY_S) * 1000,
                created * 1_000_000
            ],
        )
        .unwrap();
    }
    drop(conn);
    let policy = sb.path("shop.toml");
    std::fs::write(&policy, POLICY).unwrap();
    (store, policy.display().to_string())
}

fn audited(sb: &Sandbox, rows: &[(&str, &str, i64)]) -> (Run, Value) {
    let (store, policy) = shop(sb, rows);
    let run = audit(sb, &["--policy", &policy, "--json"], &[store]);
    let v = json(&run);
    (run, v)
}

#[test]
fn declared_necessary_but_known_as_a_tracker() {
    let sb = Sandbox::new();
    let (run, v) = audited(
        &sb,
        &[
            (".shop.example", "_ga", 400),
            ("shop.example", "basket", 1),
            (".shop.example", "_pk_id.1.abcd", 390),
        ],
    );
    assert_eq!(run.code, Some(4), "{run:?}");
    let s = site(&v, "shop.example");
    assert_eq!(s["verdict"]["status"], "findings");
    assert!(
        s["verdict"]["line"]
            .as_str()
            .unwrap()
            .ends_with("1 observation contradicts the policy."),
        "{}",
        s["verdict"]["line"]
    );
    let ga = contradictions(s, "_ga", "known_tracker");
    assert_eq!(ga.len(), 1, "{s:#}");
    assert_eq!(ga[0]["host"], "shop.example");
    assert_eq!(ga[0]["declared"], "Strictly necessary");
    let observed = ga[0]["observed"].as_str().unwrap();
    assert!(
        observed.starts_with("known as a statistics cookie of Google Analytics"),
        "{observed}"
    );
    // Near misses: a name no tracker uses, and a tracker declared as what it is.
    assert_eq!(
        s["contradicted"].as_array().unwrap().len(),
        1,
        "only _ga contradicts: {s:#}"
    );
    // Still declared and found: the contradiction is beside the declaration.
    let declared: Vec<&str> = s["declared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["found"]["name"].as_str().unwrap())
        .collect();
    assert!(declared.contains(&"_ga") && declared.contains(&"basket"));
}

#[test]
fn a_tracker_name_declared_as_what_it_is_is_no_finding() {
    let sb = Sandbox::new();
    let (run, v) = audited(
        &sb,
        &[
            ("shop.example", "basket", 1),
            (".shop.example", "_pk_id.1.abcd", 390),
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let s = site(&v, "shop.example");
    assert_eq!(s["verdict"]["status"], "all_declared");
    assert!(s["contradicted"].as_array().unwrap().is_empty(), "{s:#}");
}

#[test]
fn kept_far_longer_than_declared() {
    let sb = Sandbox::new();
    let (run, v) = audited(&sb, &[("shop.example", "shop_session", 30)]);
    assert_eq!(run.code, Some(4), "{run:?}");
    let s = site(&v, "shop.example");
    let c = contradictions(s, "shop_session", "lifetime");
    assert_eq!(c.len(), 1, "{s:#}");
    assert_eq!(c[0]["declared"], "kept 1 week");
    assert_eq!(c[0]["observed"], "kept 30 days");
    assert_eq!(s["contradicted"].as_array().unwrap().len(), 1, "{s:#}");
    let found = &s["declared"][0]["found"];
    assert_eq!(found["lifetime"], "30 days");
    assert_eq!(s["declared"][0]["declared"]["lifetime"], "1 week");
}

#[test]
fn kept_longer_than_declared_but_within_the_slack() {
    let sb = Sandbox::new();
    // 30 days against "3 weeks" is under twice the stated lifetime; 13 days against
    // "1 week" too.
    let (run, v) = audited(
        &sb,
        &[
            ("shop.example", "shop_lang", 30),
            ("shop.example", "shop_session", 13),
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let s = site(&v, "shop.example");
    assert_eq!(s["verdict"]["status"], "all_declared");
    assert!(s["contradicted"].as_array().unwrap().is_empty(), "{s:#}");

    // One more day past twice "1 week" is reported.
    let sb = Sandbox::new();
    let (run, v) = audited(&sb, &[("shop.example", "shop_session", 15)]);
    assert_eq!(run.code, Some(4), "{run:?}");
    let s = site(&v, "shop.example");
    assert_eq!(contradictions(s, "shop_session", "lifetime").len(), 1);
}

#[test]
fn contradictions_in_text_and_markdown() {
    let sb = Sandbox::new();
    let (store, policy) = shop(
        &sb,
        &[
            (".shop.example", "_ga", 400),
            ("shop.example", "shop_session", 30),
        ],
    );
    let text = audit(&sb, &["--policy", &policy], std::slice::from_ref(&store));
    assert_eq!(text.code, Some(4), "{text:?}");
    let out = text.stdout_text();
    assert!(
        out.contains("2 observations contradict the policy"),
        "{out}"
    );
    assert!(
        out.contains(
            "_ga on shop.example: declared Strictly necessary; observed known as a statistics cookie of Google Analytics"
        ),
        "{out}"
    );
    assert!(
        out.contains("shop_session on shop.example: declared kept 1 week; observed kept 30 days"),
        "{out}"
    );
    let md = audit(&sb, &["--policy", &policy, "--markdown"], &[store]);
    assert_eq!(md.code, Some(4), "{md:?}");
    let out = md.stdout_text();
    assert!(
        out.contains("kept 1 week") && out.contains("kept 30 days"),
        "{out}"
    );
}
