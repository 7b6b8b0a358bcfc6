//! Matching order, patterns, domain context and consent, one case per line.

mod policy_support;

use crumbs::model::Category::{self, *};
use crumbs::policy::{Confidence, MatchedBy, Policies, Verdict};
use policy_support::{cookie, policies};

fn step_and_rule(v: &Verdict) -> (String, String) {
    match &v.matched_by {
        MatchedBy::SitePolicy { policy, rule }
        | MatchedBy::ExactName { policy, rule }
        | MatchedBy::Pattern { policy, rule } => (
            format!("{}:{policy}", v.matched_by.step()),
            rule.to_string(),
        ),
        MatchedBy::HostOwner { owner } => ("host_owner".into(), owner.to_string()),
        MatchedBy::OpenCookieDatabase { rule } => ("open_cookie_database".into(), rule.to_string()),
        MatchedBy::Heuristic { rule } => ("heuristic".into(), rule.to_string()),
        MatchedBy::Learned { percent } => ("learned".into(), format!("{percent}%")),
        MatchedBy::Sibling { sibling, .. } => ("sibling".into(), sibling.to_string()),
        MatchedBy::Nothing => ("none".into(), String::new()),
    }
}

/// host, name, step:policy, rule, provider, category, consent_required, confidence
type Case<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Category,
    bool,
    Confidence,
);

#[test]
fn match_table() {
    use Confidence::{High, Low, Medium};
    let p = policies();
    #[rustfmt::skip]
    let cases: &[Case] = &[
        (".www.fabriquenumeriquedupasse.fr", "sessionid", "site_policy:opendatasoft", "sessionid", Some("Opendatasoft"), Necessary, false, High),
        ("www.fabriquenumeriquedupasse.fr", "django_language", "site_policy:opendatasoft", "django_language", Some("Opendatasoft"), Necessary, false, High),
        ("data.opendatasoft.com", "csrftoken", "site_policy:opendatasoft", "csrftoken", Some("Opendatasoft"), Necessary, false, High),
        ("www.fabriquenumeriquedupasse.fr", "cookies_preferences", "site_policy:opendatasoft", "cookies_preferences", Some("Opendatasoft"), Necessary, false, High),
        // The same names elsewhere are only framework defaults.
        ("www.example.org", "sessionid", "exact_name:test-frameworks", "sessionid", Some("Django"), Necessary, false, Medium),
        ("www.example.org", "csrftoken", "exact_name:test-frameworks", "csrftoken", Some("Django"), Necessary, false, Medium),
        // Prefixes are stripped before lookup, on both sides.
        ("app.example.org", "__Secure-next-auth.session-token", "exact_name:test-frameworks", "next-auth.session-token", Some("NextAuth.js"), Necessary, false, High),
        ("app.example.org", "__Host-sessionid", "exact_name:test-frameworks", "sessionid", Some("Django"), Necessary, false, Medium),
        (".google.com", "__Secure-3PSID", "exact_name:test-frameworks", "__Secure-3PSID", Some("Google"), Marketing, true, High),
        (".google.com", "3PSID", "exact_name:test-frameworks", "__Secure-3PSID", Some("Google"), Marketing, true, High),
        // Host-restricted exact names beat unrestricted ones, and only apply on their hosts.
        (".www.linkedin.com", "JSESSIONID", "exact_name:test-frameworks", "JSESSIONID", Some("LinkedIn"), Necessary, false, High),
        ("shop.example.com", "JSESSIONID", "exact_name:test-frameworks", "JSESSIONID", Some("Java servlet container"), Necessary, false, Medium),
        (".doubleclick.net", "IDE", "exact_name:test-frameworks", "IDE", Some("Google DoubleClick"), Marketing, true, High),
        // Off its host a domain-bound name is not the vendor's: only the heuristics speak.
        ("www.example.org", "IDE", "heuristic", "httponly", None, Necessary, false, Medium),
        // A site policy's statistics rule governs knowledge matches on its domains.
        ("www.fabriquenumeriquedupasse.fr", "_ga", "exact_name:test-frameworks", "_ga", Some("Google Analytics"), Statistics, true, High),
        ("www.fabriquenumeriquedupasse.fr", "_pk_id.1.abcd", "pattern:test-frameworks", "_pk_id.*", Some("Matomo"), Statistics, false, Medium),
        ("www.example.org", "_pk_id.1.abcd", "pattern:test-frameworks", "_pk_id.*", Some("Matomo"), Statistics, true, Medium),
        // Patterns: exact beats pattern, longest pattern wins, short prefixes are weak.
        ("www.example.org", "_ga", "exact_name:test-frameworks", "_ga", Some("Google Analytics"), Statistics, true, High),
        ("www.example.org", "_ga_Q1W2E3R4", "pattern:test-frameworks", "_ga_*", Some("Google Analytics 4"), Statistics, true, Medium),
        ("blog.example.org", "wp-settings-1", "pattern:test-frameworks", "wp-settings-*", Some("WordPress"), Preferences, true, Medium),
        ("blog.example.org", "wp-settings-time-1", "pattern:test-frameworks", "wp-settings-time-*", Some("WordPress"), Preferences, true, Medium),
        ("www.example.org", "mp_0123abcd_mixpanel", "pattern:test-frameworks", "mp_*_mixpanel", Some("Mixpanel"), Statistics, true, Medium),
        ("www.example.org", "TS01a2b3c4", "pattern:test-frameworks", "TS01*", Some("F5 BIG-IP ASM"), Necessary, false, Medium),
        ("www.example.org", "cfz", "pattern:test-frameworks", "cf*", Some("Guess for short prefixes"), Necessary, false, Low),
        // Host owners catch what no rule names.
        ("ad.doubleclick.net", "zz_adv", "host_owner", "Google (DoubleClick)", Some("Google (DoubleClick)"), Marketing, true, Medium),
        (".adnxs.com", "zz_sync", "host_owner", "Microsoft Xandr", Some("Microsoft Xandr"), Marketing, true, Medium),
        // Nothing names it: the heuristics still read its flags (the test cookie is HttpOnly).
        ("www.example.org", "zz_unheard_of", "heuristic", "httponly", None, Necessary, false, Medium),
    ];
    for (host, name, step, rule, provider, category, consent, confidence) in cases {
        let v = p.classify(&cookie(host, name));
        let ctx = format!("{name} on {host}: {v:?}");
        assert_eq!(
            step_and_rule(&v),
            (step.to_string(), rule.to_string()),
            "{ctx}"
        );
        assert_eq!(v.provider.as_deref(), *provider, "{ctx}");
        assert_eq!(v.category, *category, "{ctx}");
        assert_eq!(v.consent_required, *consent, "{ctx}");
        assert_eq!(v.confidence, *confidence, "{ctx}");
    }
}

#[test]
fn seed_verdict_carries_the_policy_words() {
    let v = policies().classify(&cookie(".www.fabriquenumeriquedupasse.fr", "sessionid"));
    assert_eq!(
        v.function.as_deref(),
        Some("Authentication (front and back office)")
    );
    assert_eq!(
        v.purpose.as_deref(),
        Some("To remember the user from one page to another")
    );
    assert!(v.sign_in, "sessionid signs you out");
    assert_eq!(
        v.on_delete, None,
        "a sign-in rule's consequence is the sign-out"
    );
    let basis = v.basis.as_deref().unwrap();
    assert_eq!(
        (&*basis.policy, &*basis.label),
        ("opendatasoft", "Necessary")
    );
    // Statistics on the governed site fall under the policy's "Statistical" rule.
    let ga = policies().classify(&cookie("www.fabriquenumeriquedupasse.fr", "_ga"));
    assert_eq!(ga.basis.as_deref().map(|b| &*b.label), Some("Statistical"));
    // Outside governed sites there is no basis.
    assert!(policies().classify(&cookie("x.org", "_ga")).basis.is_none());
}

#[test]
fn an_ocd_import_classifies_and_keeps_domain_context() {
    let p = crumbs::policy::Policies::load(&crumbs::policy::PolicyOptions {
        extra_files: vec![
            policy_support::fixture("valid/frameworks.toml"),
            policy_support::fixture("valid/ocd-sample.csv"),
        ],
        user_dir: false,
    })
    .unwrap();
    let v = p.classify(&cookie(".instagram.com", "sessionid"));
    assert_eq!(
        (v.category, v.provider.as_deref()),
        (Marketing, Some("Instagram"))
    );
    // Elsewhere the Django meaning stays; on the seed site the site policy wins.
    let v = p.classify(&cookie("www.example.org", "sessionid"));
    assert_eq!(v.provider.as_deref(), Some("Django"));
    let v = p.classify(&cookie("www.fabriquenumeriquedupasse.fr", "sessionid"));
    assert_eq!(v.provider.as_deref(), Some("Opendatasoft"));
    // "Functional" with no word of a remembered choice is site machinery.
    let v = p.classify(&cookie("www.example.org", "_hjSession_123"));
    assert_eq!((v.category, v.confidence), (Necessary, Confidence::Medium));
    let v = p.classify(&cookie("www.example.org", "shop_theme"));
    assert_eq!(v.category, Preferences);
    let v = p.classify(&cookie("www.example.org", "pm_sess_42"));
    assert_eq!(v.category, Necessary);
}

#[test]
fn later_sources_win() {
    let base = policies();
    let mut list = base.policies().to_vec();
    list.push(
        crumbs::policy::load::parse_toml(
            "mine.toml",
            r#"
[policy]
id = "mine"
name = "My overrides"
kind = "knowledge"

[[cookie]]
name = "_ga"
provider = "My own analytics"
category = "statistics"
"#,
        )
        .unwrap(),
    );
    let p = Policies::from_policies(list);
    let v = p.classify(&cookie("www.example.org", "_ga"));
    assert_eq!(v.provider.as_deref(), Some("My own analytics"));
    assert!(matches!(v.matched_by, MatchedBy::ExactName { ref policy, .. } if &**policy == "mine"));
}

#[test]
fn a_user_policy_with_a_builtin_id_replaces_it() {
    let replacement = crumbs::policy::load::parse_toml(
        "opendatasoft.toml",
        r#"
[policy]
id = "opendatasoft"
name = "Replaced"
kind = "site"
domains = ["example.net"]

[[cookie]]
name = "sessionid"
category = "preferences"
"#,
    )
    .unwrap();
    let mut list = Policies::builtin().unwrap().policies().to_vec();
    list.push(replacement);
    let p = Policies::from_policies(list);
    assert_eq!(
        p.policies().len(),
        Policies::builtin().unwrap().policies().len()
    );
    // The seed site is no longer governed: only the generic framework entry remains.
    let v = p.classify(&cookie("www.fabriquenumeriquedupasse.fr", "sessionid"));
    assert!(
        !matches!(v.matched_by, MatchedBy::SitePolicy { .. }),
        "{v:?}"
    );
    assert_ne!(v.provider.as_deref(), Some("Opendatasoft"));
    let v = p.classify(&cookie("example.net", "sessionid"));
    assert_eq!(v.category, Preferences);
}
