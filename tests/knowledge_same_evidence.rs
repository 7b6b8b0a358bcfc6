//! One cookie, one category: the classifier decides on evidence every store has (name,
//! flags, lifetime, host), so a cookie read from Firefox (value in plaintext), from Chromium
//! without `--show-values` (value not decrypted), from Chromium with it (value decrypted),
//! or with a value that could not be decrypted, gets the same verdict.

mod labelled_support;

use std::path::PathBuf;
use std::sync::Arc;

use crumbs::model::{Browser, Cookie, CookieValue, RowKey, StoreRef};
use crumbs::policy::Policies;
use labelled_support::{cookie, rows_from};

fn chromium(mut c: Cookie, value: CookieValue) -> Cookie {
    c.store = Arc::new(StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: PathBuf::from("/labelled/Default"),
        path: PathBuf::from("/labelled/Default/Cookies"),
        user_data_dir: Some(PathBuf::from("/labelled")),
        is_default: true,
        is_demo: false,
    });
    c.key = RowKey::Chromium {
        rowid: 1,
        top_frame_site_key: String::new(),
        has_cross_site_ancestor: 0,
        source_scheme: 2,
        source_port: 443,
        raw: None,
    };
    c.value = value;
    c
}

#[test]
fn every_labelled_cookie_gets_one_verdict_whatever_the_browser_and_flags() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for file in [
        "cookies.csv",
        "fresh.csv",
        "heldout2.csv",
        "vendor_docs.csv",
    ] {
        for row in rows_from(file) {
            let firefox = cookie(&row, true);
            let variants = [
                chromium(cookie(&row, true), firefox.value.clone()),
                chromium(cookie(&row, false), CookieValue::NotLoaded),
                chromium(
                    cookie(&row, false),
                    CookieValue::Encrypted {
                        scheme: "v11".into(),
                        reason: "no key".into(),
                    },
                ),
                cookie(&row, false),
            ];
            let want = policies.classify(&firefox);
            for v in &variants {
                let got = policies.classify(v);
                assert_eq!(
                    (got.category, got.confidence, got.matched_by.step()),
                    (want.category, want.confidence, want.matched_by.step()),
                    "{file}: {} on {}",
                    row.name,
                    row.host
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 600, "{checked} cookies");
}
