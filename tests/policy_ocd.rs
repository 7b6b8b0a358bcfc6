//! The bundled Open Cookie Database: parsed lazily from `assets/ocd/`, consulted after
//! crumbs' own knowledge base and host owners and before the heuristics, never over them.

mod policy_support;

use crumbs::model::Category::{self, *};
use crumbs::model::Cookie;
use crumbs::policy::{Confidence, MatchedBy, Policies, ocd_db};
use policy_support::cookie;

fn builtin() -> Policies {
    Policies::builtin().unwrap_or_else(|e| panic!("{e}"))
}

/// A cookie page scripts can read, as trackers' are: a server-only one is site machinery.
fn script_cookie(host: &str, name: &str) -> Cookie {
    Cookie {
        http_only: false,
        ..cookie(host, name)
    }
}

fn ocd_rule(p: &Policies, host: &str, name: &str) -> Option<String> {
    match &p.classify(&script_cookie(host, name)).matched_by {
        MatchedBy::OpenCookieDatabase { rule } => Some(rule.to_string()),
        _ => None,
    }
}

#[test]
fn the_bundled_database_parses_and_carries_its_licence() {
    let p = ocd_db::policy().unwrap_or_else(|e| panic!("{e}"));
    assert!(p.rules.len() > 1000, "{} rules", p.rules.len());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ocd");
    let licence = std::fs::read_to_string(dir.join("LICENSE")).unwrap_or_default();
    assert!(licence.contains("Apache License"), "assets/ocd/LICENSE");
    // Short names bound to nothing would relabel every site's own `c` or `SID`.
    assert!(p.rules.iter().all(|r| {
        let stem = r.label.trim_end_matches('*');
        stem.chars().count() > 4 || !r.hosts.is_empty()
    }));
}

#[test]
fn it_names_what_the_knowledge_base_does_not() {
    let p = builtin();
    // host, name, OCD rule, category
    let cases: &[(&str, &str, &str, Category)] = &[
        ("www.example-shop.com", "__adal_id", "__adal_id", Marketing),
        ("www.example-shop.com", "sqzl_vw", "sqzl_vw", Marketing),
        (
            "forum.example.org",
            "bbsessionhash",
            "bbsessionhash",
            Necessary,
        ),
        // A wildcard entry.
        (
            "www.example.org",
            "ezovuuid_123456",
            "ezovuuid_",
            Statistics,
        ),
    ];
    for &(host, name, rule, category) in cases {
        let v = p.classify(&script_cookie(host, name));
        assert_eq!(
            (ocd_rule(&p, host, name).as_deref(), v.category),
            (Some(rule), category),
            "{name} on {host}: {v:?}"
        );
        assert!(v.confidence <= Confidence::Medium, "{name}: {v:?}");
        assert_eq!(v.matched_by.step(), "open_cookie_database");
    }
}

#[test]
fn it_never_overrides_crumbs_own_rules() {
    let p = builtin();
    for (host, name) in [
        ("www.example.org", "_ga"),
        (".facebook.com", "c_user"),
        (".google.com", "SID"),
    ] {
        assert_eq!(ocd_rule(&p, host, name), None, "{name} on {host}");
    }
    // Facebook's sign-in cookie stays one, whatever OCD files it under.
    let v = p.classify(&cookie(".facebook.com", "c_user"));
    assert!(v.sign_in, "{v:?}");
}

#[test]
fn platform_names_stay_on_their_platform() {
    let p = builtin();
    // Third-party entries and short names OCD ties to one domain.
    for (host, name) in [
        ("www.example.org", "IDE"),
        ("www.example.org", "SID"),
        ("www.example.org", "NID"),
    ] {
        assert_eq!(ocd_rule(&p, host, name), None, "{name} on {host}");
    }
}

#[test]
fn a_sign_in_stays_out_of_the_trackers() {
    let p = builtin();
    // OCD files X's `auth_token` as marketing; on another site it is that site's sign-in.
    let v = p.classify(&script_cookie("www.example.org", "auth_token"));
    assert!(!v.category.is_tracking(), "{v:?}");
    // A consent or opt-out record is necessary, whatever OCD files it under.
    for name in ["gdpr_status", "optimizelyOptOut"] {
        let v = p.classify(&script_cookie("www.example.org", name));
        assert_eq!(v.category, Necessary, "{name}: {v:?}");
    }
    // An entry whose description speaks of signing in carries the property.
    let v = p.classify(&script_cookie("wordpress.org", "codexToken"));
    assert_eq!(
        (
            ocd_rule(&p, "wordpress.org", "codexToken").is_some(),
            v.sign_in
        ),
        (true, true),
        "{v:?}"
    );
}
