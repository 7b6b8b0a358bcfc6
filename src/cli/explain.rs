//! `crumbs explain NAME`: the same [`crate::explain::Explanation`] the TUI shows, as text or
//! JSON. When no stored cookie matches, it explains the name from the policies alone.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use anyhow::bail;
use std::sync::Arc;

use super::args::{ExplainArgs, Sources};
use super::resolve;
use serde::Serialize;

use crate::explain::{Explanation, LINE_KEYS, OnDelete, explain as build};
use crate::inventory::Entry;
use crate::model::{Cookie, CookieIdHex, CookieValue, RowKey, SameSite, StoreRef, UnixMicros};
use crate::policy::party::{self, Visits};
use crate::policy::{MatchedBy, Policies};
use crate::timefmt::Rfc3339;

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
    let stored = !matches.is_empty();
    let hypothetical;
    let entries: Vec<&Entry> = if stored {
        matches
    } else {
        hypothetical =
            hypothetical_entry(&loaded.policies, &a.name, site.as_deref(), host.as_deref());
        if !is_named_by_a_policy(&hypothetical) {
            let on = site.as_deref().or(host.as_deref());
            bail!(
                "no stored cookie is named \"{}\"{} and no policy knows the name",
                a.name,
                on.map(|s| format!(" on {s}")).unwrap_or_default()
            );
        }
        vec![&hypothetical]
    };
    let explanations: Vec<Explanation> = entries.iter().map(|e| build(e, now)).collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.out.json {
        let rows: Vec<ExplainJson> = entries
            .iter()
            .zip(&explanations)
            .map(|(e, x)| ExplainJson::new(e, x, stored))
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        if !stored {
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

/// `explain --json`: one object per cookie, the verdict as data and the explanation's
/// sentences under stable keys (see `docs/json.md`).
#[derive(Serialize)]
struct ExplainJson<'a> {
    /// `null` when no store holds the cookie (the name explained from the policies alone).
    id: Option<CookieIdHex>,
    name: &'a str,
    host: Option<&'a str>,
    site: Option<&'a str>,
    browser: Option<&'static str>,
    profile: Option<&'a str>,
    category: &'static str,
    party: &'static str,
    provider: Option<&'a str>,
    purpose: Option<&'a str>,
    consent_required: bool,
    sign_out: bool,
    lifetime: Option<&'a str>,
    expires: Option<Rfc3339>,
    session: Option<bool>,
    flags: Option<FlagsJson>,
    matched_by: &'static str,
    rule: Option<String>,
    confidence: crate::policy::Confidence,
    title: &'a str,
    sentences: BTreeMap<&'static str, &'a str>,
}

#[derive(Serialize)]
struct FlagsJson {
    secure: bool,
    http_only: bool,
    same_site: &'static str,
    partitioned: bool,
}

impl<'a> ExplainJson<'a> {
    fn new(e: &'a Entry, x: &'a Explanation, stored: bool) -> ExplainJson<'a> {
        let (c, v) = (&e.cookie, &e.verdict);
        let has_host = stored || !c.host.is_empty();
        ExplainJson {
            id: stored.then(|| c.id().hex()),
            name: &c.name,
            host: has_host.then_some(c.host.as_str()),
            site: has_host.then_some(&*c.site),
            browser: stored.then(|| c.store.browser.as_str()),
            profile: stored.then_some(c.store.profile.as_str()),
            category: v.category.as_str(),
            party: e.party.party.as_str(),
            provider: v.provider.as_deref(),
            purpose: v.purpose.as_deref(),
            consent_required: v.consent_required,
            sign_out: OnDelete::of(e).is_sign_out(),
            lifetime: v.lifetime.as_deref(),
            expires: c.expires.map(Rfc3339::new),
            session: stored.then(|| c.is_session()),
            flags: stored.then(|| FlagsJson {
                secure: c.secure,
                http_only: c.http_only,
                same_site: c.same_site.as_str(),
                partitioned: c.partition.is_some(),
            }),
            matched_by: v.matched_by.step(),
            rule: rule_of(&v.matched_by),
            confidence: v.confidence,
            title: &x.title,
            sentences: LINE_KEYS
                .iter()
                .copied()
                .zip(x.lines.iter().map(|(_, text)| text.as_str()))
                .collect(),
        }
    }
}

/// `policy:rule` for a policy match, the owner for a host match, the heuristic's name.
fn rule_of(m: &MatchedBy) -> Option<String> {
    match m {
        MatchedBy::SitePolicy { policy, rule }
        | MatchedBy::ExactName { policy, rule }
        | MatchedBy::Pattern { policy, rule } => Some(format!("{policy}:{rule}")),
        MatchedBy::HostOwner { owner } => Some(owner.to_string()),
        MatchedBy::OpenCookieDatabase { rule } => Some(format!("open-cookie-database:{rule}")),
        MatchedBy::Heuristic { rule } => Some(rule.to_string()),
        MatchedBy::Learned { percent } => Some(format!("learned:{percent}%")),
        MatchedBy::Sibling { prefix, sibling } => Some(format!("sibling:{prefix}:{sibling}")),
        MatchedBy::Nothing => None,
    }
}

/// Whether a policy rule (site policy, exact name or pattern) names the cookie: anything
/// less is a guess about a name nothing holds, not knowledge worth printing.
fn is_named_by_a_policy(e: &Entry) -> bool {
    matches!(
        e.verdict.matched_by,
        MatchedBy::SitePolicy { .. }
            | MatchedBy::ExactName { .. }
            | MatchedBy::Pattern { .. }
            | MatchedBy::OpenCookieDatabase { .. }
    )
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
        in_session_file: false,
    };
    let verdict = policies.classify(&cookie);
    Entry {
        party: party::decide(&cookie, &verdict, policies, &Visits::default()),
        verdict,
        cookie,
    }
}
