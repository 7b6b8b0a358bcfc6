//! One cookie, one category: the classifier decides on evidence every store has (name,
//! flags, lifetime, host), so a cookie read from Firefox (value in plaintext), from Chromium
//! without `--show-values` (value not decrypted), from Chromium with it (value decrypted),
//! or with a value that could not be decrypted, gets the same verdict.

mod labelled_support;

use std::path::PathBuf;
use std::sync::Arc;

use crumbs::model::{Browser, Cookie, CookieValue, RowKey, StoreRef};
use crumbs::policy::{Policies, Verdict, siblings};
use labelled_support::{Row, cookie, rows_from};

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
    for file in labelled_support::ALL_SETS {
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
    assert!(checked >= 800, "{checked} cookies");
}

/// The row's cookie as each store would hold it: Firefox, then Chromium with the value
/// decrypted, not loaded, and not decryptable, then Firefox without the value.
fn every_store(row: &Row) -> [Cookie; 5] {
    let firefox = cookie(row, true);
    let value = firefox.value.clone();
    [
        firefox,
        chromium(cookie(row, true), value),
        chromium(cookie(row, false), CookieValue::NotLoaded),
        chromium(
            cookie(row, false),
            CookieValue::Encrypted {
                scheme: "v11".into(),
                reason: "no key".into(),
            },
        ),
        cookie(row, false),
    ]
}

/// The sibling pass runs over every store at once, so a cookie whose known sibling was
/// read from another browser still gets the sibling's category, and every copy of it the
/// same verdict.
#[test]
fn the_sibling_pass_gives_every_copy_of_a_cookie_one_verdict() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut siblings_seen = 0;
    for file in [
        "cookies.csv",
        "fresh.csv",
        "vendor_docs.csv",
        "longtail_dev.csv",
        "banners.csv",
    ] {
        let rows = rows_from(file);
        let cookies: Vec<Cookie> = rows.iter().flat_map(every_store).collect();
        let mut verdicts: Vec<Verdict> = cookies.iter().map(|c| policies.classify(c)).collect();
        let items: Vec<(&Cookie, &Verdict)> = cookies.iter().zip(&verdicts).collect();
        let changes = siblings::sibling_verdicts(&items);
        for (i, v) in changes {
            verdicts[i] = v;
        }
        for (row, copies) in rows.iter().zip(verdicts.chunks(5)) {
            let want = &copies[0];
            siblings_seen += usize::from(want.matched_by.step() == "sibling");
            for got in copies {
                assert_eq!(
                    (got.category, got.confidence, got.matched_by.step()),
                    (want.category, want.confidence, want.matched_by.step()),
                    "{file}: {} on {}",
                    row.name,
                    row.host
                );
            }
        }
    }
    println!("{siblings_seen} cookies took a sibling's category");
}

/// A weak guess read from Chromium takes the category of its known sibling read from
/// Firefox: the pass is over all stores, not one.
#[test]
fn a_sibling_in_another_browser_still_counts() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let row = |name: &str| Row {
        name: name.into(),
        host: ".example-shop.com".into(),
        flags: "-".into(),
        days: 400,
        shape: "uuid".into(),
        expected: crumbs::model::Category::Statistics,
        role: String::new(),
        source: String::new(),
        site: String::new(),
        days_declared: true,
        flags_declared: true,
    };
    let known = cookie(&row("fornax_anonymousId"), true);
    let guessed = chromium(cookie(&row("fornax_x"), false), CookieValue::NotLoaded);
    let verdicts = [policies.classify(&known), policies.classify(&guessed)];
    assert!(verdicts[1].is_guess(), "{:?}", verdicts[1].matched_by);
    let items = [(&known, &verdicts[0]), (&guessed, &verdicts[1])];
    let changes = siblings::sibling_verdicts(&items);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].1.category, verdicts[0].category);
    assert_eq!(changes[0].1.matched_by.step(), "sibling");
}
