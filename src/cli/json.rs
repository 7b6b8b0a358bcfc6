//! JSON output types: separate from the domain types, stable snake_case names, every key
//! always present (null when absent), and no cookie value unless the user asked for
//! values. `docs/json.md` is the contract. `list --json` is written by hand
//! ([`write_cookies`]); `CookieJson` is the serde shape that output must equal byte for
//! byte, kept as the reference the tests compare against.

use std::io::Write;

use serde::Serialize;

#[cfg(test)]
use crate::inventory::Entry;
use crate::inventory::StoreStatus;
#[cfg(test)]
use crate::model::CookieValue;
use crate::model::UnixMicros;
#[cfg(test)]
use crate::timefmt::Rfc3339;

// The writer's parts live in `json/`, private to it.
mod chunks;
mod escape;
mod row;
#[cfg(test)]
mod tests;

#[derive(Serialize)]
pub struct StoreJson<'a> {
    pub browser: &'static str,
    pub profile: &'a str,
    pub store: String,
    pub cookies: usize,
    pub schema: Option<&'a str>,
    pub running: bool,
    pub error: Option<&'a str>,
    pub notes: &'a [String],
    pub demo: bool,
}

impl<'a> StoreJson<'a> {
    pub fn new(s: &'a StoreStatus) -> StoreJson<'a> {
        StoreJson {
            browser: s.store.browser.as_str(),
            profile: &s.store.profile,
            store: s.store.path.display().to_string(),
            cookies: s.cookies,
            schema: s.schema.as_deref(),
            running: s.running.is_some(),
            error: s.error.as_deref(),
            notes: &s.notes,
            demo: s.store.is_demo,
        }
    }
}

#[cfg(test)]
#[derive(Serialize)]
pub struct CookieJson<'a> {
    pub id: crate::model::CookieIdHex,
    pub browser: &'static str,
    pub profile: &'a str,
    pub store: std::borrow::Cow<'a, str>,
    pub host: &'a str,
    pub site: &'a str,
    pub name: &'a str,
    pub path: &'a str,
    pub expires: Option<Rfc3339>,
    pub expired: bool,
    pub session: bool,
    pub created: Option<Rfc3339>,
    pub last_accessed: Option<Rfc3339>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: &'static str,
    pub partition: Option<&'a str>,
    pub container: Option<&'a str>,
    pub in_session_file: bool,
    pub category: &'static str,
    pub party: &'static str,
    pub provider: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub consent_required: bool,
    pub matched_by: &'static str,
    pub confidence: crate::policy::Confidence,
    /// Present only with `--show-values`; `null` when it could not be decrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Option<std::borrow::Cow<'a, str>>>,
}

#[cfg(test)]
impl<'a> CookieJson<'a> {
    pub fn new(e: &'a Entry, now: UnixMicros, show_values: bool) -> CookieJson<'a> {
        let c = &e.cookie;
        CookieJson {
            id: c.id().hex(),
            browser: c.store.browser.as_str(),
            profile: &c.store.profile,
            store: c.store.path.to_string_lossy(),
            host: &c.host,
            site: &c.site,
            name: &c.name,
            path: &c.path,
            expires: c.expires.map(Rfc3339::new),
            expired: c.is_expired(now),
            session: c.is_session(),
            created: c.created.map(Rfc3339::new),
            last_accessed: c.last_accessed.map(Rfc3339::new),
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site.as_str(),
            partition: c.partition.as_deref(),
            container: c.container.as_deref(),
            in_session_file: c.in_session_file,
            category: e.verdict.category.as_str(),
            party: e.party.party.as_str(),
            provider: e.verdict.provider.as_deref(),
            purpose: e.verdict.purpose.as_deref(),
            consent_required: e.verdict.consent_required,
            matched_by: e.verdict.matched_by.step(),
            confidence: e.verdict.confidence,
            value: show_values.then(|| match &c.value {
                CookieValue::Known(s) => Some(s.expose_str()),
                _ => None,
            }),
        }
    }
}

/// `list --json`: one array, one cookie object per line, formatted in parallel chunks and
/// written in order (see `out_chunks.rs` for the memory bound).
pub fn write_cookies(
    out: &mut dyn Write,
    rows: &[&crate::inventory::Entry],
    now: UnixMicros,
    values: bool,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    let make = || row::RowWriter::new(now, values);
    chunks::write_chunks(out, rows, make, |w, i, chunk, buf| {
        w.rows(buf, chunk, i == 0)
    })?;
    out.write_all(b"\n]\n")
}
