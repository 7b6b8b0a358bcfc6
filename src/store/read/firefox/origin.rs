//! Firefox `originAttributes`: the cookie-jar key that separates containers, partitions
//! (Total Cookie Protection, CHIPS) and First-Party Isolation. Parses the stored suffix
//! (`^userContextId=2&partitionKey=%28https%2Ctop.test%29`) and builds it back from the
//! object form found in session files. Pure string work: no I/O, no container names.

use std::fmt::Write;

/// The parts of an `originAttributes` suffix crumbs shows. Unknown legacy keys
/// (`inBrowser`, `addonId`, `appId`, `disableJit`) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginAttributes {
    pub user_context_id: u32,
    pub private_browsing_id: u32,
    /// First-Party Isolation domain, `:` restored.
    pub first_party_domain: String,
    pub gecko_view_user_context_id: String,
    /// Decoded partition key such as `(https,top.test,f)`, `:` restored.
    pub partition_key: String,
}

impl OriginAttributes {
    /// Parses a stored suffix. The empty string is the default jar; anything that does
    /// not follow the grammar yields the default jar rather than an error, because the
    /// suffix is only used for display and the row key keeps the raw text.
    pub fn parse(suffix: &str) -> OriginAttributes {
        let mut oa = OriginAttributes::default();
        let Some(body) = suffix.strip_prefix('^') else {
            return oa;
        };
        for pair in body.split('&') {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(raw);
            match key {
                "userContextId" => oa.user_context_id = value.parse().unwrap_or(0),
                "privateBrowsingId" => oa.private_browsing_id = value.parse().unwrap_or(0),
                // Firefox writes `:` as `+` in these two before percent-encoding.
                "firstPartyDomain" => oa.first_party_domain = value.replace('+', ":"),
                "partitionKey" => oa.partition_key = value.replace('+', ":"),
                "geckoViewUserContextId" => oa.gecko_view_user_context_id = value,
                _ => {}
            }
        }
        oa
    }

    /// The suffix exactly as Firefox's `CreateSuffix` writes it: keys in fixed order,
    /// defaults left out, values form-urlencoded after `:` → `+`.
    pub fn to_suffix(&self) -> String {
        let mut out = String::new();
        let mut push = |key: &str, value: &str| {
            out.push(if out.is_empty() { '^' } else { '&' });
            out.push_str(key);
            out.push('=');
            percent_encode_into(value, &mut out);
        };
        if self.user_context_id != 0 {
            push("userContextId", &self.user_context_id.to_string());
        }
        if self.private_browsing_id != 0 {
            push("privateBrowsingId", &self.private_browsing_id.to_string());
        }
        if !self.first_party_domain.is_empty() {
            push(
                "firstPartyDomain",
                &self.first_party_domain.replace(':', "+"),
            );
        }
        if !self.gecko_view_user_context_id.is_empty() {
            push("geckoViewUserContextId", &self.gecko_view_user_context_id);
        }
        if !self.partition_key.is_empty() {
            push("partitionKey", &self.partition_key.replace(':', "+"));
        }
        out
    }

    /// Top-level site to show for a partitioned cookie: `scheme://site[:port]` from the
    /// partition key, or the First-Party Isolation domain when that is what splits the jar.
    pub fn partition(&self) -> Option<String> {
        if !self.partition_key.is_empty() {
            return Some(partition_site(&self.partition_key));
        }
        (!self.first_party_domain.is_empty()).then(|| self.first_party_domain.clone())
    }
}

/// `(scheme,site[,port][,f])` → `scheme://site[:port]`. The `f` (foreign ancestor) bit does
/// not change the site. A key without parentheses (very old data) is shown as stored.
fn partition_site(key: &str) -> String {
    let Some(inner) = key.strip_prefix('(').and_then(|k| k.strip_suffix(')')) else {
        return key.to_string();
    };
    let mut parts = inner.split(',');
    let scheme = parts.next().unwrap_or_default();
    let site = parts.next().unwrap_or_default();
    let port = parts
        .next()
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let mut out = String::with_capacity(key.len() + 2);
    out.push_str(scheme);
    out.push_str("://");
    out.push_str(site);
    if let Some(p) = port.filter(|p| !p.is_empty()) {
        out.push(':');
        out.push_str(p);
    }
    out
}

/// Percent-decoding as Firefox's `URLParams` does it, except that `+` stays `+`: Firefox
/// encodes a real `+` as `%2B`, so a bare `+` in these keys only ever stands for `:`.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h << 4) | l);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// application/x-www-form-urlencoded, as `URLParams::Serialize`: alphanumerics and
/// `*-._` kept, space as `+`, everything else `%XX` upper-case.
fn percent_encode_into(s: &str, out: &mut String) {
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_examples_parse() {
        // (stored suffix, container id, partition shown)
        let cases: &[(&str, u32, Option<&str>)] = &[
            ("", 0, None),
            ("^userContextId=2", 2, None),
            (
                "^partitionKey=%28https%2Ctop.test%29",
                0,
                Some("https://top.test"),
            ),
            (
                "^partitionKey=%28https%2Ctop.test%2Cf%29",
                0,
                Some("https://top.test"),
            ),
            (
                "^partitionKey=%28http%2Clocalhost%2C8080%29",
                0,
                Some("http://localhost:8080"),
            ),
            (
                "^partitionKey=%28https%2C%5B%2B%2B1%5D%2C8443%2Cf%29",
                0,
                Some("https://[::1]:8443"),
            ),
            ("^firstPartyDomain=example.test", 0, Some("example.test")),
            (
                "^userContextId=2&partitionKey=%28https%2Ctop.test%29",
                2,
                Some("https://top.test"),
            ),
            ("^appId=1&inBrowser=1&userContextId=7", 7, None),
            ("garbage", 0, None),
            ("^partitionKey=%2", 0, Some("%2")),
        ];
        for (suffix, uc, part) in cases {
            let oa = OriginAttributes::parse(suffix);
            assert_eq!(oa.user_context_id, *uc, "{suffix}");
            assert_eq!(oa.partition().as_deref(), *part, "{suffix}");
        }
    }

    #[test]
    fn suffix_round_trips_in_firefox_order() {
        for s in [
            "",
            "^userContextId=2",
            "^partitionKey=%28https%2Ctop.test%29",
            "^partitionKey=%28http%2Clocalhost%2C8080%29",
            "^userContextId=2&partitionKey=%28https%2Ctop.test%2Cf%29",
            "^firstPartyDomain=example.test",
            "^partitionKey=%28https%2C%5B%2B%2B1%5D%2C8443%29",
        ] {
            assert_eq!(OriginAttributes::parse(s).to_suffix(), s);
        }
        let oa = OriginAttributes {
            partition_key: "(https,[::1])".into(),
            user_context_id: 3,
            ..Default::default()
        };
        assert_eq!(
            oa.to_suffix(),
            "^userContextId=3&partitionKey=%28https%2C%5B%2B%2B1%5D%29"
        );
    }
}
