//! What a site is, the one place that says it: the registrable domain of a cookie host
//! (Public Suffix List compiled into the `psl` crate, so no network and no data file at
//! run time), how site and host names are written for comparing (case, dots, IDNA), and
//! the host-under-domain rule that filters, the keep-list and policies share. Pure
//! functions: no I/O, and no other module keeps its own copy of these rules.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

/// `name` as crumbs compares site and host names: trimmed, without leading or trailing
/// dots, lowercase, and an international name in its ASCII (`xn--`) form, which is how
/// browsers store hosts. A name IDNA rejects is kept lowercased rather than refused: it
/// then simply matches nothing a browser stored.
pub fn normalise(name: &str) -> String {
    let bare = trim_dots(name.trim());
    if bare.is_ascii() {
        return bare.to_ascii_lowercase();
    }
    idna::domain_to_ascii(bare).unwrap_or_else(|_| bare.to_lowercase())
}

fn trim_dots(name: &str) -> &str {
    name.trim_start_matches('.').trim_end_matches('.')
}

/// Whether `host` is `domain` or a host under it (`www.example.com` under `example.com`,
/// not `badexample.com`). Case and surrounding dots do not matter; both sides are
/// expected in ASCII form ([`normalise`]), as browsers store them. An empty domain holds
/// nothing.
pub fn is_under(host: &str, domain: &str) -> bool {
    let (h, d) = (trim_dots(host).as_bytes(), trim_dots(domain).as_bytes());
    if d.is_empty() || h.len() < d.len() {
        return false;
    }
    let cut = h.len() - d.len();
    h[cut..].eq_ignore_ascii_case(d) && (cut == 0 || h[cut - 1] == b'.')
}

/// Whether two host names are the same host, whatever their case and dots.
pub fn is_same_host(a: &str, b: &str) -> bool {
    trim_dots(a).eq_ignore_ascii_case(trim_dots(b))
}

/// Whether `name` is a public suffix (`fr`, `co.uk`, `github.io`): a name under which
/// unrelated people register sites, so "everything under it" is never one site. Names
/// the list does not know (`localhost`, `printer1`) are not suffixes.
pub fn is_public_suffix(name: &str) -> bool {
    let n = normalise(name);
    !n.is_empty()
        && psl::suffix(n.as_bytes()).is_some_and(|s| s.is_known() && s.as_bytes() == n.as_bytes())
}

/// The registrable domain of `host` (`.www.example.co.uk` → `example.co.uk`). Hosts that
/// have none (IP addresses, `localhost`, a bare public suffix) are returned as given,
/// lowercased and without the leading dot, so every cookie still lands in one group.
pub fn registrable_domain(host: &str) -> String {
    let lower = lookup_form(host);
    if lower.is_empty() || is_ip_literal(&lower) {
        return lower.into_owned();
    }
    match psl::domain(lower.as_bytes()) {
        Some(d) => String::from_utf8_lossy(d.as_bytes()).into_owned(),
        None => lower.into_owned(),
    }
}

/// `host` as domain tables are keyed: without surrounding dots, ASCII-lowercased. Stores
/// keep hosts lowercase, so this copies only for the rare one that is not; it runs for
/// every cookie, where [`normalise`]'s IDNA pass would cost too much.
pub fn lookup_form(host: &str) -> Cow<'_, str> {
    let bare = trim_dots(host);
    if bare.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(bare.to_ascii_lowercase())
    } else {
        Cow::Borrowed(bare)
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
    by_host: FxHashMap<Box<str>, Arc<str>>,
    by_site: FxHashMap<Box<str>, Arc<str>>,
}

impl SiteCache {
    /// A cache with room for about `hosts` distinct hosts.
    pub fn with_capacity(hosts: usize) -> SiteCache {
        SiteCache {
            by_host: FxHashMap::with_capacity_and_hasher(hosts, Default::default()),
            by_site: FxHashMap::with_capacity_and_hasher(hosts / 2, Default::default()),
        }
    }

    /// Frees `caches` on another thread. A big jar's caches are tens of thousands of small
    /// strings, and freeing them one by one (milliseconds) would hold up the reader
    /// handing back its cookies; they hold host names only, nothing of any cookie.
    pub fn drop_elsewhere(caches: Vec<SiteCache>) {
        const WORTH_A_THREAD: usize = 4096;
        let hosts: usize = caches.iter().map(|c| c.by_host.len()).sum();
        if hosts >= WORTH_A_THREAD {
            std::thread::spawn(move || drop(caches));
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
    use super::*;

    #[test]
    fn names_are_normalised_once_for_every_comparison() {
        for (given, want) in [
            ("Example.COM", "example.com"),
            ("  .www.example.com. ", "www.example.com"),
            ("bücher.de", "xn--bcher-kva.de"),
            ("BÜCHER.de.", "xn--bcher-kva.de"),
            ("xn--bcher-kva.de", "xn--bcher-kva.de"),
            ("", ""),
        ] {
            assert_eq!(normalise(given), want, "{given:?}");
        }
    }

    #[test]
    fn a_host_is_under_a_domain_only_at_a_label_boundary() {
        for (host, domain, under) in [
            ("www.example.com", "example.com", true),
            (".www.example.com", "Example.COM", true),
            ("example.com", ".example.com.", true),
            ("Example.COM", "example.com", true),
            ("badexample.com", "example.com", false),
            ("example.com", "www.example.com", false),
            ("com", "example.com", false),
            ("example.com", "", false),
            ("a.xn--bcher-kva.de", "xn--bcher-kva.de", true),
        ] {
            assert_eq!(is_under(host, domain), under, "{host} under {domain}");
        }
        assert!(is_same_host(".WWW.example.com", "www.example.com"));
        assert!(!is_same_host("a.example.com", "example.com"));
    }

    #[test]
    fn public_suffixes_are_known_and_sites_are_not() {
        for name in ["fr", "co.uk", ".CO.UK", "com", "github.io", "fr."] {
            assert!(is_public_suffix(name), "{name}");
        }
        for name in [
            "example.fr",
            "localhost",
            "printer1",
            "",
            "127.0.0.1",
            "bbc.co.uk",
        ] {
            assert!(!is_public_suffix(name), "{name}");
        }
    }

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
