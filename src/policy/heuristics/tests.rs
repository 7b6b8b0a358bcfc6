//! Table-driven checks of the heuristics on hand-built cookies: names, flags, values and
//! the weighting, plus the promise that a guess never carries the value.

use super::split::{strip_prefix, tokens, tokens_general};
// Most checks here read values, so they call the value-reading guess by the short name.
use super::{Signal, combine, guess as guess_without_value, guess_with_value as guess};
use crate::model::{Browser, Category, Cookie, CookieValue, SameSite, Secret, UnixMicros, sample};
use crate::policy::Confidence;

const DAY: i64 = 86_400;

fn cookie(name: &str, host: &str, days: Option<i64>, value: Option<&str>) -> Cookie {
    Cookie {
        value: match value {
            Some(v) => CookieValue::Known(Secret::new(v.as_bytes().to_vec())),
            None => CookieValue::NotLoaded,
        },
        expires: days.map(|d| UnixMicros::from_secs(1_700_000_000 + d * DAY)),
        created: Some(UnixMicros::from_secs(1_700_000_000)),
        ..sample::cookie(Browser::Firefox, host, name)
    }
}

fn cat(c: &Cookie) -> Option<Category> {
    guess(c).map(|g| g.category)
}

#[test]
fn names_split_on_separators_camel_case_and_acronyms() {
    assert_eq!(tokens("XSRFToken"), ["xsrf", "token"]);
    assert_eq!(tokens("user_lang-pref.v"), ["user", "lang", "pref", "v"]);
    assert_eq!(tokens("visitorId"), ["visitor", "id"]);
    assert_eq!(tokens("_pk_id.1.abcd"), ["pk", "id", "1", "abcd"]);
    assert_eq!(strip_prefix("__Host-session"), "session");
    assert_eq!(strip_prefix("__secure-x"), "x");
    assert_eq!(strip_prefix("é_session"), "é_session");
}

#[test]
fn the_ascii_fast_path_splits_exactly_like_the_unicode_path() {
    let names = [
        "XSRFToken",
        "_hjSessionUser_1",
        "ABTest2Variant",
        "a1B2c3",
        "__utmzZ",
        "x--y..z  :w",
        "URLs",
        "site123_pref",
        "wp-settings-time-1",
        "A",
        "",
        "__",
    ];
    for name in names {
        assert_eq!(tokens(name), tokens_general(name), "{name}");
    }
    // Non-ASCII names lowercase one character at a time (no final-sigma rule, `İ` keeps
    // its dot as a combining mark) and split on the same steps.
    assert_eq!(tokens("ΣΊΣΥΦΟΣ_sid"), ["σίσυφοσ", "sid"]);
    assert_eq!(tokens("İstanbulLang"), ["i\u{307}stanbul", "lang"]);
    assert_eq!(tokens("ÉtatPréf2"), ["état", "préf", "2"]);
}

#[test]
fn percent_encoded_consent_values_count_and_broken_ones_do_not() {
    let rule = |v: &str| guess(&cookie("zz", "www.example.org", Some(30), Some(v))).map(|g| g.rule);
    assert_eq!(rule("necessary%3Atrue&x=1"), Some("value_consent_string"));
    assert_eq!(rule("a%3anecessary%3atrue"), Some("value_consent_string"));
    assert_eq!(rule("isIABGlobal%3Dfalse"), Some("value_consent_string"));
    assert_ne!(rule("necessary%3A%3Dtrue"), Some("value_consent_string"));
    assert_ne!(rule("necessary%3true"), Some("value_consent_string"));
    assert_ne!(rule("isIABGlobal%3"), Some("value_consent_string"));
}

#[test]
fn name_words_decide_the_category() {
    let cases = [
        ("shop_session", Category::Necessary),
        ("csrf_guard", Category::Necessary),
        ("userLanguage", Category::Necessary),
        ("site_theme", Category::Preferences),
        ("cookie_consent_level", Category::Necessary),
        ("visitCounter", Category::Statistics),
        ("ad_seen", Category::Marketing),
        ("captcha_pass", Category::Necessary),
        ("preferred_currency", Category::Necessary),
    ];
    for (name, want) in cases {
        let c = cookie(name, "www.example.org", Some(30), None);
        assert_eq!(cat(&c), Some(want), "{name}");
    }
}

#[test]
fn httponly_session_cookie_with_a_session_name_is_necessary_with_high_confidence() {
    let mut c = cookie("app_sid", "example.org", None, None);
    c.http_only = true;
    let g = guess(&c).map(|g| (g.category, g.confidence, g.rule));
    assert_eq!(
        g,
        Some((
            Category::Necessary,
            Confidence::High,
            "httponly_session_cookie"
        ))
    );
}

#[test]
fn value_shapes_reveal_vendors_and_settings() {
    let cases = [
        ("zz", "GA1.2.1234567890.1700000000", Category::Statistics),
        ("zz", "fb.1.1700000000000.1234567890", Category::Marketing),
        (
            "zz",
            "CQAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf",
            Category::Necessary,
        ),
        ("zz", "isIABGlobal=false&datestamp=Mon", Category::Necessary),
        ("zz", "fr-FR", Category::Necessary),
        ("zz", "dark", Category::Preferences),
        ("zz", "EUR", Category::Necessary),
    ];
    for (name, value, want) in cases {
        let c = cookie(name, "www.example.org", Some(30), Some(value));
        let g = guess(&c);
        assert_eq!(g.map(|g| g.category), Some(want), "{value}");
    }
}

#[test]
fn a_long_lived_random_id_is_an_ad_id_on_an_ad_host_and_a_visitor_id_at_home() {
    let id = "9f86d081884c7d659a2feaa0c55ad015";
    let mut ad = cookie("zq", ".adnxs.com", Some(400), Some(id));
    ad.secure = true;
    ad.same_site = SameSite::None;
    assert_eq!(cat(&ad), Some(Category::Marketing));
    let home = cookie("zq", "www.example.org", Some(400), Some(id));
    assert_eq!(cat(&home), Some(Category::Statistics));
}

#[test]
fn tracker_hosts_match_whole_labels_only() {
    use super::context::tracker_host;
    assert_eq!(
        tracker_host(".stats.doubleclick.net"),
        Some(Category::Marketing)
    );
    assert_eq!(
        tracker_host("google-analytics.com"),
        Some(Category::Statistics)
    );
    assert_eq!(tracker_host("notdoubleclick.net"), None);
    assert_eq!(tracker_host("example.org"), None);
}

/// The classifier skips the tracker-host lookup once it has found no `[[host]]` owner
/// (`guess_unowned`): sound only while every tracker domain is an owner of the same
/// category, and no public suffix (whose hosts' sites would stop the owner search short).
#[test]
fn every_tracker_domain_is_a_host_owner_of_its_category() {
    let policies = crate::policy::Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let domains = super::context::tracker_domains();
    assert!(domains.len() > 50, "{} tracker domains", domains.len());
    for (domain, &category) in domains {
        assert!(!crate::site::is_public_suffix(domain), "{domain}");
        for host in [domain.clone(), format!(".px.{domain}")] {
            let mut c = cookie("zqxv", &host, Some(30), None);
            c.site = crate::site::registrable_domain(&host).into();
            let v = policies.classify(&c);
            assert_eq!(v.matched_by.step(), "host_owner", "{host}");
            assert_eq!(v.category, category, "{host}");
        }
    }
}

#[test]
fn a_cookie_with_no_clue_gets_a_low_confidence_guess_from_its_context() {
    let c = cookie("zq", "www.example.org", Some(30), None);
    let g = guess(&c).map(|g| (g.category, g.rule, g.confidence));
    // Long-lived with no clue is a coin toss in sites' own labels: kept, not a tracker.
    assert_eq!(
        g,
        Some((Category::Preferences, "fallback_context", Confidence::Low))
    );
    let c = cookie("zq", "www.example.org", Some(2), None);
    assert_eq!(guess(&c).map(|g| g.category), Some(Category::Necessary));
}

#[test]
fn the_guess_never_carries_the_value() {
    let secret = "GA1.2.99999.88888";
    let c = cookie("zz", "example.org", Some(30), Some(secret));
    let g = guess(&c).map(|g| format!("{g:?}")).unwrap_or_default();
    assert!(!g.contains("99999"), "{g}");
}

#[test]
fn ties_go_to_necessary_and_confidence_follows_the_margin() {
    let s = |c, w| Signal::new(c, w, "r", "p");
    let g = combine(&[s(Category::Marketing, 3), s(Category::Necessary, 3)]);
    assert_eq!(
        g.map(|g| (g.category, g.confidence)),
        Some((Category::Necessary, Confidence::Low))
    );
    let g = combine(&[s(Category::Statistics, 7)]);
    assert_eq!(g.map(|g| g.confidence), Some(Confidence::High));
    assert_eq!(combine(&[]), None);
}

#[test]
fn vendor_families_come_from_the_first_word_and_skip_generic_ones() {
    use super::family::family_key;
    assert_eq!(family_key("__insp_nv").as_deref(), Some("__insp"));
    assert_eq!(family_key("kampyleUserSession").as_deref(), Some("kampyle"));
    assert_eq!(family_key("_hjSessionUser_1").as_deref(), Some("_hj"));
    assert_eq!(family_key("s_cc"), None);
    assert_eq!(family_key("cookie_consent"), None);
    assert_eq!(family_key("TS01*"), None);
    assert_eq!(family_key("sessionid"), None);
}

#[test]
fn an_unknown_name_of_a_known_vendor_family_takes_the_family_category() {
    let c = cookie("kampyleSomethingNew", "www.example.org", Some(2), None);
    let g = guess(&c).map(|g| (g.category, g.rule));
    assert_eq!(g, Some((Category::Statistics, "name_vendor_family")));
}

#[test]
fn the_classifier_guess_is_the_same_with_or_without_the_value() {
    let values = [
        None,
        Some("GA1.2.1234567890.1700000000"),
        Some("3f2b8c1e-9a4d-4e2b-8c7f-1a2b3c4d5e6f"),
        Some("en-GB"),
    ];
    for name in ["zz", "visitor_ref", "_hjAbc", "lang"] {
        let guesses: Vec<_> = values
            .iter()
            .map(|v| guess_without_value(&cookie(name, ".example.org", Some(400), *v)))
            .collect();
        assert!(
            guesses.windows(2).all(|w| w[0] == w[1]),
            "{name}: {guesses:?}"
        );
    }
    // The value-reading guess does differ, so the check above is not vacuous.
    let with = |v| guess(&cookie("zz", ".example.org", Some(400), v)).map(|g| g.rule);
    assert_ne!(with(Some("GA1.2.1234567890.1700000000")), with(None));
}

#[test]
fn tracker_vendor_naming_beats_session_and_test_words() {
    // `_hj` is Hotjar's naming: its session and cookie-test cookies are still analytics.
    for name in ["_hjSessionResumed", "_hjCookieTestX"] {
        let c = cookie(name, ".example.org", None, None);
        assert_eq!(cat(&c), Some(Category::Statistics), "{name}");
    }
}

#[test]
fn page_state_words_lean_to_preferences() {
    for name in [
        "popup_seen",
        "sidebar_state",
        "announcement_closed",
        "filters_open",
    ] {
        for days in [None, Some(365)] {
            let c = cookie(name, "www.example.org", days, None);
            assert_eq!(cat(&c), Some(Category::Preferences), "{name} {days:?}");
        }
    }
}

#[test]
fn a_year_long_server_only_cross_site_id_on_an_unknown_host_is_an_ad_id() {
    let mut c = cookie("xid", ".ads.unknown-vendor.example", Some(365), None);
    (c.http_only, c.secure, c.same_site) = (true, true, SameSite::None);
    assert_eq!(cat(&c), Some(Category::Marketing));
    // The same flags on a sign-in name stay site machinery.
    c.name = "auth_session".into();
    assert_eq!(cat(&c), Some(Category::Necessary));
}

#[test]
fn a_marketing_automation_vendor_name_beats_visit_and_session_words() {
    // Vendor bookkeeping ("visitor", "session", "uid") is filed with the vendor.
    for (name, days) in [
        ("klaviyo_visitor_id", Some(365)),
        ("omnisend_session_uid", None),
        ("mtc_sid", None),
    ] {
        let c = cookie(name, ".shop.example.org", days, None);
        assert_eq!(cat(&c), Some(Category::Marketing), "{name}");
    }
    // A consent or opt-out record and a closed pop-up keep their own category.
    let c = cookie("klaviyo_optout", ".shop.example.org", Some(365), None);
    assert_eq!(cat(&c), Some(Category::Necessary));
    let c = cookie(
        "sleeknote_popup_closed",
        ".shop.example.org",
        Some(30),
        None,
    );
    assert_eq!(cat(&c), Some(Category::Preferences));
}

#[test]
fn a_banner_choice_is_a_consent_record_whatever_its_subject() {
    let year = Some(365);
    for name in [
        "analytics_allowed",
        "marketing_consent",
        "cookies_preferences_set",
        "seen_cookie_message",
        "ons_cookie_message_displayed",
        "hide_cookies_banner",
        "klaviyo_consent",
    ] {
        let c = cookie(name, ".example-site.org", year, None);
        let g = guess_without_value(&c).unwrap_or_else(|| panic!("{name}: no guess"));
        assert_eq!(
            (g.category, g.rule),
            (Category::Necessary, "name_consent"),
            "{name}"
        );
    }
    // The subject alone still decides: no choice word, no consent record.
    let plain = cookie("analytics_visitor", ".example-site.org", year, None);
    assert_eq!(cat(&plain), Some(Category::Statistics));
    // A faint consent word (a "banner" of any kind) does not overrule the subject.
    let promo = cookie("promo_banner_campaign", ".example-site.org", year, None);
    assert_eq!(cat(&promo), Some(Category::Marketing));
}
