//! Registrable domain ("site") of a cookie host, from the Public Suffix List compiled into
//! the `psl` crate, so grouping needs no network and no data file at run time.

/// The registrable domain of `host` (`.www.example.co.uk` → `example.co.uk`). Hosts that
/// have none (IP addresses, `localhost`, a bare public suffix) are returned as given,
/// lowercased and without the leading dot, so every cookie still lands in one group.
pub fn registrable_domain(host: &str) -> String {
    let bare = host.trim_start_matches('.').trim_end_matches('.');
    let lower = bare.to_ascii_lowercase();
    if lower.is_empty() || is_ip_literal(&lower) {
        return lower;
    }
    match psl::domain(lower.as_bytes()) {
        Some(d) => String::from_utf8_lossy(d.as_bytes()).into_owned(),
        None => lower,
    }
}

fn is_ip_literal(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::registrable_domain;

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
            (".EXAMPLE.com", "example.com"),
            ("", ""),
        ] {
            assert_eq!(registrable_domain(host), site, "{host}");
        }
    }
}
