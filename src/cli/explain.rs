//! `crumbs explain NAME`: the same [`crate::explain::Explanation`] the TUI shows, as text or
//! JSON. When no stored cookie matches, it explains the name from the policies alone.

use std::io::{BufWriter, Write};
use std::sync::Arc;

use super::args::{ExplainArgs, Sources};
use super::resolve;
use crate::explain::{Explanation, explain as build};
use crate::inventory::Entry;
use crate::model::{Cookie, CookieValue, RowKey, SameSite, StoreRef, UnixMicros};
use crate::policy::Policies;
use crate::policy::party::{self, Visits};

pub fn explain(sources: &Sources, demo: bool, a: &ExplainArgs) -> anyhow::Result<u8> {
    let loaded = resolve::load(sources, demo, false)?;
    let now = UnixMicros::now();
    let site = a
        .site
        .as_deref()
        .map(|s| s.trim_start_matches('.').to_ascii_lowercase());
    let host = a
        .host
        .as_deref()
        .map(|h| h.trim_start_matches('.').to_ascii_lowercase());
    let matches: Vec<&Entry> = loaded
        .inventory
        .entries
        .iter()
        .filter(|e| e.cookie.name == a.name)
        .filter(|e| site.as_deref().is_none_or(|s| *e.cookie.site == *s))
        .filter(|e| {
            host.as_deref()
                .is_none_or(|h| e.cookie.bare_host().eq_ignore_ascii_case(h))
        })
        .collect();
    let hypothetical;
    let explanations: Vec<Explanation> = if matches.is_empty() {
        hypothetical =
            hypothetical_entry(&loaded.policies, &a.name, site.as_deref(), host.as_deref());
        vec![build(&hypothetical, now)]
    } else {
        matches.iter().map(|e| build(e, now)).collect()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.out.json {
        serde_json::to_writer_pretty(&mut out, &explanations)?;
        writeln!(out)?;
    } else {
        if matches.is_empty() {
            writeln!(
                out,
                "No stored cookie is named \"{}\"{}; this is what crumbs knows about the name.\n",
                crate::sanitize::for_terminal(&a.name),
                site.as_deref()
                    .map(|s| format!(" on {s}"))
                    .unwrap_or_default()
            )?;
        }
        for (i, x) in explanations.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", x.to_text())?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// A cookie that is not stored anywhere, so the policies can still say what the name
/// means (on `site`, when given).
fn hypothetical_entry(
    policies: &Policies,
    name: &str,
    site: Option<&str>,
    host: Option<&str>,
) -> Entry {
    let host = host.or(site).unwrap_or("").to_string();
    let cookie = Cookie {
        store: Arc::new(StoreRef {
            browser: crate::model::Browser::Firefox,
            profile: "(not stored)".into(),
            profile_dir: Default::default(),
            path: Default::default(),
            user_data_dir: None,
            is_default: false,
            is_demo: false,
        }),
        key: RowKey::Safari { page: 0, index: 0 },
        site: crate::site::registrable_domain(&host).into(),
        host,
        name: name.to_string(),
        path: "/".into(),
        value: CookieValue::NotLoaded,
        expires: None,
        created: None,
        last_accessed: None,
        secure: false,
        http_only: false,
        same_site: SameSite::Unspecified,
        partition: None,
        container: None,
    };
    let verdict = policies.classify(&cookie);
    Entry {
        party: party::decide(&cookie, &verdict, policies, &Visits::default()),
        verdict,
        cookie,
    }
}
