//! One plain cookie for unit tests to start from (`Cookie { name: …, ..sample::cookie(…) }`):
//! a session cookie of a Firefox profile, no value loaded, no flags, its site worked out
//! from its host as a reader would.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Browser, Cookie, CookieValue, RowKey, SameSite, StoreRef};

pub(crate) fn cookie(browser: Browser, host: &str, name: &str) -> Cookie {
    let store = StoreRef {
        browser,
        profile: "test".into(),
        profile_dir: PathBuf::from("/tmp/p"),
        path: PathBuf::from("/tmp/p/cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    };
    Cookie {
        store: Arc::new(store),
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
        secure: false,
        http_only: false,
        same_site: SameSite::Lax,
        partition: None,
        container: None,
        site: Arc::from(crate::site::registrable_domain(host)),
        in_session_file: false,
    }
}
