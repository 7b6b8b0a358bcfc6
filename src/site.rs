//! Registrable domain ("site") of a cookie host, from the Public Suffix List compiled into
//! the `psl` crate, so grouping needs no network and no data file at run time.

use std::borrow::Cow;
use std::sync::Arc;

use crate::fxhash::FastMap;

/// The registrable domain of `host` (`.www.example.co.uk` → `example.co.uk`). Hosts that
/// have none (IP addresses, `localhost`, a bare public suffix) are returned as given,
/// lowercased and without the leading dot, so every cookie still lands in one group.
pub fn registrable_domain(host: &str) -> String {
    let bare = host.trim_start_matches('.').trim_end_matches('.');
    let lower: Cow<'_, str> = if bare.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(bare.to_ascii_lowercase())
    } else {
        Cow::Borrowed(bare)
    };
    if lower.is_empty() || is_ip_literal(&lower) {
        return lower.into_owned();
    }
    match psl::domain(lower.as_bytes()) {
        Some(d) => String::from_utf8_lossy(d.as_bytes()).into_owned(),
        None => lower.into_owned(),
    }
}

fn is_ip_literal(host: &str) -> bool {
    // An IPv4 address ends in a digit and an IPv6 one holds a colon; most hosts are
    // neither, and need no parse attempt.
    host.starts_with('[')
        || ((host.ends_with(|c: char| c.is_ascii_digit()) || host.contains(':'))
            && host.parse::<std::net::IpAddr>().is_ok())
}

/// Host → site for one reader thread: each distinct host is looked up once, and equal
/// sites share one `Arc<str>` (a jar holds many hosts per site and many rows per host).
#[derive(Default)]
pub struct SiteCache {
    by_host: FastMap<Box<str>, Arc<str>>,
    by_site: FastMap<Box<str>, Arc<str>>,
}

impl SiteCache {
    /// A cache with room for about `hosts` distinct hosts.
    pub fn with_capacity(hosts: usize) -> SiteCache {
        SiteCache {
            by_host: FastMap::with_capacity_and_hasher(hosts, Default::default()),
            by_site: FastMap::with_capacity_and_hasher(hosts / 2, Default::default()),
        }
    }

    /// The registrable domain of `host`, shared.
    pub fn site(&mut self, host: &str) -> Arc<str> {
        if let Some(s) = self.by_host.get(host) {
            return Arc::clone(s);
        }
        let domain = registrable_domain(host);
        let site = match self.by_site.get(domain.as_str()) {
            Some(s) => Arc::clone(s),
            None => {
                let s: Arc<str> = Arc::from(domain.as_str());
                self.by_site.insert(domain.into_boxed_str(), Arc::clone(&s));
                s
            }
        };
        self.by_host.insert(host.into(), Arc::clone(&site));
        site
    }
}

#[cfg(test)]
mod tests {
    use super::{SiteCache, registrable_domain};

    #[test]
    fn sites_follow_the_public_suffix_list() {
        for (host, site) in [
            (
                ".www.fabriquenumeriquedupasse.fr",
                "fabriquenumeriquedupasse.fr",
            ),
            (
                "www.fabriquenumeriquedupasse.fr",
                "fabriquenumeriquedupasse.fr",
            ),
            (".doubleclick.net", "doubleclick.net"),
            ("a.b.example.co.uk", "example.co.uk"),
            ("user.github.io", "user.github.io"),
            ("localhost", "localhost"),
            ("127.0.0.1", "127.0.0.1"),
            ("[::1]", "[::1]"),
            ("::1", "::1"),
            ("10.0.0.1.", "10.0.0.1"),
            ("printer1", "printer1"),
            (".EXAMPLE.com", "example.com"),
            ("", ""),
        ] {
            assert_eq!(registrable_domain(host), site, "{host}");
        }
    }

    #[test]
    fn the_cache_shares_one_site_among_its_hosts() {
        let mut c = SiteCache::with_capacity(4);
        let a = c.site(".www.example.co.uk");
        let b = c.site("shop.example.co.uk");
        assert_eq!(&*a, "example.co.uk");
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        assert!(std::sync::Arc::ptr_eq(&a, &c.site(".www.example.co.uk")));
    }
}
