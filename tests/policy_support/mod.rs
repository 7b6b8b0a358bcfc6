//! Test-only builders: cookies as plain data, and the fixture policy folder.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use crumbs::model::{Browser, Cookie, CookieValue, RowKey, SameSite, StoreRef};
use crumbs::policy::{Policies, PolicyOptions};
use crumbs::site::registrable_domain;

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/policies")
        .join(rel)
}

pub fn store() -> Arc<StoreRef> {
    Arc::new(StoreRef {
        browser: Browser::Firefox,
        profile: "default-release".into(),
        profile_dir: PathBuf::from("/home/u/.mozilla/firefox/abcd.default-release"),
        path: PathBuf::from("/home/u/.mozilla/firefox/abcd.default-release/cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    })
}

/// A session cookie `name` on `host` (leading dot kept as given), Secure + HttpOnly + Lax.
pub fn cookie(host: &str, name: &str) -> Cookie {
    Cookie {
        store: store(),
        key: RowKey::FirefoxDb {
            id: 1,
            origin_attributes: String::new(),
            raw: None,
        },
        host: host.into(),
        name: name.into(),
        path: "/".into(),
        value: CookieValue::NotLoaded,
        expires: None,
        created: None,
        last_accessed: None,
        secure: true,
        http_only: true,
        same_site: SameSite::Lax,
        partition: None,
        container: None,
        site: Arc::from(registrable_domain(host)),
        in_session_file: false,
    }
}

/// Built-ins plus the fixture knowledge policy.
pub fn policies() -> Policies {
    Policies::load(&PolicyOptions {
        extra_files: vec![fixture("valid/frameworks.toml")],
        user_dir: false,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}
