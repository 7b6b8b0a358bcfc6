//! Sign-in is a property of a cookie, not a category: over the whole built-in knowledge
//! base, no cookie whose deletion signs you out is chosen by `clean --trackers` (or any
//! other bulk delete), every rule that speaks of signing out carries the property, and a
//! sign-in cookie named on purpose is still deleted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod policy_support;

use crumbs::explain::OnDelete;
use crumbs::filter::{CookieFilter, is_tracker};
use crumbs::inventory::Entry;
use crumbs::keeplist::KeepList;
use crumbs::model::Category;
use crumbs::policy::Policies;
use crumbs::policy::party::PartyVerdict;
use crumbs::preview::{DeletePreview, Selection};

/// One cookie per rule of every built-in policy, on a host the rule speaks for, classified
/// by the real engine.
fn one_cookie_per_rule(policies: &Policies) -> Vec<Entry> {
    let mut out = Vec::new();
    for p in policies.policies() {
        for r in &p.rules {
            let host = r
                .hosts
                .first()
                .or(p.domains.first())
                .map_or("example.com", |h| h);
            let c = policy_support::cookie(&format!(".{host}"), &r.label.replace('*', "x"));
            out.push(Entry {
                verdict: policies.classify(&c),
                party: PartyVerdict {
                    party: crumbs::model::Party::Unknown,
                    reason: "test".into(),
                },
                cookie: c,
            });
        }
    }
    out
}

fn says_signed_out(e: &Entry) -> bool {
    OnDelete::of(e).sentence().contains("signed out")
}

#[test]
fn every_rule_that_speaks_of_signing_out_is_a_sign_in_rule() {
    let policies = Policies::builtin().unwrap();
    let mut sign_in = 0;
    for p in policies.policies() {
        for r in &p.rules {
            let text = r.on_delete.as_deref().unwrap_or_default();
            assert!(
                !text.contains("signed out") || r.sign_in,
                "{}: rule {} says \"{text}\" but is not `sign_in = true`",
                p.origin,
                r.label
            );
            sign_in += usize::from(r.sign_in);
        }
    }
    assert!(sign_in > 150, "only {sign_in} sign-in rules");
}

#[test]
fn clean_trackers_never_selects_a_cookie_that_signs_you_out() {
    let policies = Policies::builtin().unwrap();
    let entries = one_cookie_per_rule(&policies);
    for e in &entries {
        if says_signed_out(e) {
            assert!(
                e.verdict.sign_in || e.verdict.category == Category::Necessary,
                "{} on {}: says signed out, has no sign-in property",
                e.cookie.name,
                e.cookie.host
            );
        }
    }
    let trackers = CookieFilter {
        trackers_only: true,
        ..CookieFilter::default()
    };
    let chosen = (0..entries.len() as u32).filter(|&i| trackers.matches(&entries[i as usize]));
    let selection = Selection {
        entries: &entries,
        stores: &[],
        explicit: false,
    };
    let p = DeletePreview::build(selection, chosen, &KeepList::default(), "trackers".into());
    assert!(p.len() > 500, "only {} trackers", p.len());
    for e in p.cookies(&entries) {
        let entry = entries.iter().find(|x| x.cookie.id() == e.id()).unwrap();
        assert!(
            !entry.verdict.sign_in && !says_signed_out(entry),
            "clean --trackers would sign you out: {} on {}",
            e.name,
            e.host
        );
    }
    assert!(p.effects.iter().all(|(e, _)| !e.is_sign_out()));
    // Google's cross-site sign-in cookies are marketing: trackers, yet left out.
    let google: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.cookie.name.starts_with("__Secure-3P") && &*e.cookie.site == "google.com")
        .collect();
    assert_eq!(
        google.len(),
        4,
        "{:?}",
        google.iter().map(|e| &e.cookie.name).collect::<Vec<_>>()
    );
    for e in google {
        assert!(is_tracker(e) && e.verdict.sign_in, "{}", e.cookie.name);
    }
    assert!(p.sign_in_left_out >= 4, "{}", p.sign_in_left_out);
}

#[test]
fn a_sign_in_cookie_named_on_purpose_is_deleted_and_says_so() {
    let policies = Policies::builtin().unwrap();
    let entries = one_cookie_per_rule(&policies);
    let i = entries
        .iter()
        .position(|e| e.cookie.name == "__Secure-3PSID")
        .unwrap() as u32;
    let pick = |explicit| {
        let selection = Selection {
            entries: &entries,
            stores: &[],
            explicit,
        };
        DeletePreview::build(selection, [i], &KeepList::default(), "x".into())
    };
    let bulk = pick(false);
    assert_eq!((bulk.len(), bulk.sign_in_left_out), (0, 1));
    let named = pick(true);
    assert_eq!((named.len(), named.sign_in_left_out), (1, 0));
    assert_eq!(
        named.effects,
        [(
            OnDelete::SignOut {
                site: "google.com".into()
            },
            1
        )]
    );
    assert_eq!(
        named.effects[0].0.sentence(),
        "You will be signed out of google.com."
    );
}
