//! `crumbs audit`: the real-browser fixtures against the built-in Opendatasoft policy, and
//! small stores with the real Firefox schema against policies a site owner wrote. Checks
//! the JSON, the exit status (0 all declared, 4 findings), the Markdown report (snapshot,
//! date filtered), and that no planted value reaches any of the three outputs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

mod audit_support;
mod firefox_support;

use std::path::{Path, PathBuf};

use audit_support::{SITE, audit, declared_names, json, site, undeclared};
use serde_json::Value;
use support::{Run, Sandbox, both_stores, sql};

#[test]
fn real_fixtures_against_the_seed_policy() {
    let sb = Sandbox::new();
    let stores = both_stores(sb.work.path());
    let run = audit(&sb, &["--site", SITE, "--json"], &stores);
    assert_eq!(run.code, Some(4), "{run:?}");
    let v = json(&run);
    assert_eq!(v["sites"].as_array().unwrap().len(), 1);
    let s = site(&v, SITE);
    assert_eq!(s["verdict"]["status"], "findings");
    let names = declared_names(s);
    for (name, purpose) in [
        ("sessionid", "To remember the user from one page to another"),
        ("csrftoken", "To retrieve data via API calls"),
        ("django_language", "To remember the visitor's language"),
        (
            "cookies_preferences",
            "To remember the visitor's cookie preferences",
        ),
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} not declared: {names:?}"
        );
        let d = s["declared"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["found"]["name"] == name)
            .unwrap();
        assert_eq!(d["declared"]["category"], "Necessary", "{d:#}");
        assert_eq!(d["declared"]["maps_to"], "necessary");
        assert_eq!(d["declared"]["purpose"], purpose);
        assert_eq!(d["found"]["consent"]["required"], false);
    }
    for name in ["_ga", "_gid"] {
        let (group, c) = undeclared(s, name).unwrap_or_else(|| panic!("{name} missing: {s:#}"));
        assert!(
            group["vendor"]
                .as_str()
                .unwrap()
                .starts_with("Google Analytics")
        );
        assert_eq!(c["category"], "statistics");
        assert_eq!(c["consent"]["required"], true);
        assert_eq!(c["consent"]["policy_category"], "Statistical");
        assert_eq!(c["consent"]["rule"], "unless_anonymised");
        assert!(names.iter().all(|n| n != name));
    }
    // Set while visiting the site: the ad cookie partitioned under it belongs here too.
    let (_, ide) = undeclared(s, "IDE").expect("partitioned third-party IDE");
    assert_eq!(ide["partitioned_under"], SITE);
    assert_eq!(ide["party"], "third");
    assert_eq!(s["consent"]["record_present"], true);
    let needed: Vec<&str> = s["consent"]["needed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        needed.contains(&"_ga") && !needed.contains(&"sessionid"),
        "{needed:?}"
    );
    let words: Vec<&str> = s["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap())
        .collect();
    assert!(
        words.contains(&"Statistical") && words.contains(&"Necessary"),
        "{words:?}"
    );
}

#[test]
fn no_value_in_any_output() {
    const SECRET: &str = "crumbsAUDITvalue5e1d";
    let sb = Sandbox::new();
    let stores = both_stores(sb.work.path());
    let [ff, ch] = &stores;
    sql(
        ff,
        &format!("UPDATE moz_cookies SET value = '{SECRET}' || id;"),
    );
    sql(
        ch,
        &format!("UPDATE cookies SET value = '{SECRET}' || rowid, encrypted_value = X'';"),
    );
    for flag in [None, Some("--json"), Some("--markdown")] {
        let run = audit(&sb, flag.as_slice(), &stores);
        assert_eq!(run.code, Some(4), "{flag:?}: {run:?}");
        assert!(
            run.stdout_text().contains(SITE),
            "{flag:?} printed no audit"
        );
        assert!(
            !run.stdout_text().contains(SECRET),
            "{flag:?} leaked a value"
        );
        assert!(!run.stderr.contains(SECRET), "{flag:?} leaked a value");
    }
    // The values are really there: `list --show-values` prints them.
    let shown = sb.run(&["list", "--show-values", "--store", ff.to_str().unwrap()]);
    assert!(shown.stdout_text().contains(SECRET));
}

const SHOP_POLICY: &str = r#"
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
description = "Strictly necessary cookies keep the site working and need no consent."

[categories.analytics]
label = "Analytics"
maps_to = "statistics"
consent = "required"
description = "Analytics cookies measure visits; we ask your consent first."

[[cookie]]
name = "cart"
purpose = "Keeps your basket"
category = "necessary"
policy_category = "strictly_necessary"

[[cookie]]
pattern = "_pk_id.*"
provider = "Matomo"
purpose = "Counts returning visitors"
category = "statistics"
policy_category = "analytics"
lifetime = "13 months"
"#;

/// A Firefox v17 store holding `(host, name, originAttributes)` rows, and the policy file.
fn shop(sb: &Sandbox, rows: &[(&str, &str, &str)]) -> (PathBuf, String) {
    let dir = sb.path("shop-profile");
    std::fs::create_dir_all(&dir).unwrap();
    let conn = firefox_support::make_db(&dir, firefox_support::V17, 17);
    let expiry = (firefox_support::now_s() + 30 * 86_400) * 1000;
    for (host, name, oa) in rows {
        firefox_support::insert17(&conn, host, name, "v", oa, expiry, 1, true);
    }
    drop(conn);
    let policy = sb.path("shop.toml");
    std::fs::write(&policy, SHOP_POLICY).unwrap();
    (dir.join("cookies.sqlite"), policy.display().to_string())
}

fn shop_audit(sb: &Sandbox, store: &Path, policy: &str) -> (Run, Value) {
    let run = audit(sb, &["--policy", policy, "--json"], &[store.to_path_buf()]);
    let v = json(&run);
    (run, v)
}

#[test]
fn own_policy_undeclared_cookie() {
    let sb = Sandbox::new();
    let (store, policy) = shop(
        &sb,
        &[("shop.example", "cart", ""), (".shop.example", "_ga", "")],
    );
    let (run, v) = shop_audit(&sb, &store, &policy);
    assert_eq!(run.code, Some(4), "{run:?}");
    let sites = v["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 1, "only the sites of --policy are audited");
    let s = site(&v, "shop.example");
    assert_eq!(declared_names(s), ["cart"]);
    let (_, ga) = undeclared(s, "_ga").unwrap();
    assert_eq!(ga["consent"]["policy_category"], "Analytics");
    assert_eq!(ga["consent"]["required"], true);
}

#[test]
fn own_policy_necessary_cookie_set_by_a_third_party_host() {
    let sb = Sandbox::new();
    let partitioned = "^partitionKey=%28https%2Cshop.example%29";
    let (store, policy) = shop(
        &sb,
        &[
            ("shop.example", "cart", ""),
            (".tracker.example", "cart", partitioned),
        ],
    );
    let (run, v) = shop_audit(&sb, &store, &policy);
    assert_eq!(run.code, Some(4), "{run:?}");
    let s = site(&v, "shop.example");
    let c = s["contradicted"].as_array().unwrap();
    assert!(
        c.iter()
            .any(|c| c["kind"] == "third_party_host" && c["host"] == "tracker.example"),
        "{s:#}"
    );
}

#[test]
fn own_policy_declared_but_not_seen_and_a_clean_site() {
    let sb = Sandbox::new();
    let (store, policy) = shop(&sb, &[("shop.example", "cart", "")]);
    let (run, v) = shop_audit(&sb, &store, &policy);
    assert_eq!(run.code, Some(0), "{run:?}");
    let s = site(&v, "shop.example");
    assert_eq!(s["verdict"]["status"], "all_declared");
    let not_seen: Vec<&str> = s["not_seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(not_seen, ["_pk_id.*"]);
    let text = audit(&sb, &["--policy", &policy], std::slice::from_ref(&store));
    assert_eq!(text.code, Some(0));
    assert!(
        text.stdout_text()
            .contains("the one cookie found is declared in its policy"),
        "{text:?}"
    );
}

#[test]
fn a_site_without_a_policy_is_a_one_line_error() {
    let sb = Sandbox::new();
    let stores = both_stores(sb.work.path());
    let run = audit(&sb, &["--site", "example.com"], &stores);
    run.assert_one_line_error("example.com");
    assert!(run.stderr.contains("--policy"), "{}", run.stderr);
}
