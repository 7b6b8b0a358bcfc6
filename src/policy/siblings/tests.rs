//! The sibling rule on hand-built cookies classified by the built-in policies.

use std::sync::Arc;

use super::{prefix, same_family, sibling_verdicts};
use crate::model::{Browser, Category, Cookie, UnixMicros, sample};
use crate::policy::{Confidence, MatchedBy, Policies, Verdict};

/// A year-long Secure cookie as `browser` would store it.
pub(crate) fn cookie(name: &str, host: &str, browser: Browser, http_only: bool) -> Cookie {
    Cookie {
        expires: Some(UnixMicros::from_secs(1_700_000_000 + 400 * 86_400)),
        created: Some(UnixMicros::from_secs(1_700_000_000)),
        secure: true,
        http_only,
        ..sample::cookie(browser, host, name)
    }
}

/// Classifies each cookie on its own, then applies the sibling pass over all of them.
fn judged(cookies: &[Cookie]) -> Vec<Verdict> {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut verdicts: Vec<Verdict> = cookies.iter().map(|c| policies.classify(c)).collect();
    let items: Vec<(&Cookie, &Verdict)> = cookies.iter().zip(&verdicts).collect();
    let changes = sibling_verdicts(&items);
    for (i, v) in changes {
        verdicts[i] = v;
    }
    verdicts
}

fn ff(name: &str, host: &str) -> Cookie {
    cookie(name, host, Browser::Firefox, false)
}

#[test]
fn prefixes_are_the_vendor_stem_before_the_first_separator() {
    assert_eq!(prefix("sib_cuid"), Some("sib"));
    assert_eq!(prefix("_hjSessionUser_123"), Some("_hjSessionUser"));
    assert_eq!(prefix("__Secure-scarab.visitor"), Some("scarab"));
    assert_eq!(prefix("wteid_123"), Some("wteid"));
    // Too short to name one vendor, one word, or a word every framework uses.
    assert_eq!(prefix("_ga_ABC"), None);
    assert_eq!(prefix("mf_user"), None);
    assert_eq!(prefix("PAPVisitorId"), None);
    assert_eq!(prefix("session_id"), None);
    assert_eq!(prefix("cookie_notice_accepted"), None);
    assert_eq!(prefix("userPrefs_x"), None);
}

#[test]
fn families_meet_at_a_camel_case_step_not_inside_a_word() {
    assert!(same_family("sib", "sib"));
    assert!(same_family("_hjSession", "_hjSessionUser"));
    assert!(!same_family("sib", "sibling"));
    assert!(!same_family("_hjSession", "_hjSessions"));
    assert!(!same_family("mtc", "mautic"));
}

#[test]
fn a_weak_guess_takes_the_category_of_a_known_sibling_on_the_same_site() {
    let cookies = [
        ff("_ga", "www.example.org"),
        ff("fornax_anonymousId", "www.example.org"),
        ff("fornax_x", "www.example.org"),
    ];
    let v = judged(&cookies);
    assert_eq!(
        v[1].matched_by.step(),
        "exact_name",
        "{:?}",
        v[1].matched_by
    );
    let known = v[1].category;
    assert!(known.is_tracking());
    assert_eq!(v[2].category, known);
    assert_eq!(v[2].confidence, Confidence::Medium);
    match &v[2].matched_by {
        MatchedBy::Sibling { prefix, sibling } => {
            assert_eq!((&**prefix, &**sibling), ("fornax", "fornax_anonymousId"));
        }
        other => panic!("{other:?}"),
    }
    let purpose = v[2].purpose.as_deref().unwrap_or_default();
    assert!(
        purpose.contains("same vendor as `fornax_anonymousId`"),
        "{purpose}"
    );
}

#[test]
fn siblings_on_another_site_lend_nothing() {
    let cookies = [
        ff("fornax_anonymousId", "www.example.org"),
        ff("fornax_x", "www.example.net"),
    ];
    let v = judged(&cookies);
    assert_ne!(v[1].matched_by.step(), "sibling");
}

#[test]
fn known_siblings_that_disagree_lend_nothing() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let a = ff("wordpress_logged_in_x", "www.example.org");
    let b = ff("wp_woocommerce_session_x", "www.example.org");
    let c = ff("fornax_anonymousId", "www.example.org");
    let unknown = ff("fornax_x", "www.example.org");
    let mut verdicts: Vec<Verdict> = [&a, &b, &c, &unknown]
        .iter()
        .map(|c| policies.classify(c))
        .collect();
    // Make the second `fornax` donor disagree with the first.
    let odd = ff("fornax_other", "www.example.org");
    let mut odd_verdict = verdicts[2].clone();
    odd_verdict.category = Category::Necessary;
    verdicts.push(odd_verdict);
    let cookies = [&a, &b, &c, &unknown, &odd];
    let items: Vec<(&Cookie, &Verdict)> = cookies.iter().copied().zip(&verdicts).collect();
    assert!(sibling_verdicts(&items).iter().all(|(i, _)| *i != 3));
}

/// A low-confidence heuristic verdict for `rule`: what a weak sign-in or consent guess
/// looks like, whatever today's weights make of a given name.
fn weak(rule: &str) -> Verdict {
    let info = crate::policy::RuleInfo {
        matched_by: MatchedBy::Heuristic {
            rule: Arc::from(rule),
        },
        ..Default::default()
    };
    Verdict::new(Category::Necessary, Confidence::Low, info)
}

#[test]
fn a_sibling_never_makes_a_sign_in_or_consent_guess_a_tracker() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let donor = ff("fornax_anonymousId", "www.example.org");
    let cases = [
        (
            cookie("fornax_sid", "www.example.org", Browser::Firefox, true),
            "name_session",
            false,
        ),
        (ff("fornax_sid", "www.example.org"), "name_session", true),
        (ff("fornax_optin", "www.example.org"), "name_consent", false),
        (ff("fornax_xsrf", "www.example.org"), "name_csrf", false),
        (
            ff("fornax_xyz", "www.example.org"),
            "fallback_context",
            true,
        ),
    ];
    for (c, rule, lends) in cases {
        let verdicts = [policies.classify(&donor), weak(rule)];
        let items = [(&donor, &verdicts[0]), (&c, &verdicts[1])];
        let changed = sibling_verdicts(&items);
        assert_eq!(!changed.is_empty(), lends, "{} ({rule})", c.name);
    }
}

#[test]
fn confident_verdicts_are_never_replaced() {
    let cookies = [
        ff("fornax_anonymousId", "www.example.org"),
        ff("_ga", "www.example.org"),
    ];
    let v = judged(&cookies);
    assert_eq!(v[1].matched_by.step(), "exact_name");
}

#[test]
fn one_cookie_in_two_browsers_gets_one_verdict() {
    let cookies = [
        cookie(
            "fornax_anonymousId",
            "www.example.org",
            Browser::Firefox,
            false,
        ),
        cookie("fornax_x", "www.example.org", Browser::Firefox, false),
        cookie("fornax_x", "www.example.org", Browser::Chromium, false),
    ];
    let v = judged(&cookies);
    assert_eq!(v[1], v[2]);
    assert_eq!(v[1].matched_by.step(), "sibling");
}
