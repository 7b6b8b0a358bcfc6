//! One cookie as a JSON object, written by hand into a byte buffer: the same keys, order,
//! `null`s and escaping as serde_json gives the `CookieJson` shape, several times faster
//! (literal key bytes, stack-formatted ids and times, the store's fields escaped once per
//! store rather than once per row). It never decides which rows are written or how they
//! reach stdout, and it writes a value only when the caller asks for values.

use std::sync::Arc;

use super::escape::quoted;
use crate::inventory::Entry;
use crate::model::{CookieValue, StoreRef, UnixMicros};
use crate::policy::Confidence;
use crate::timefmt::Rfc3339;

/// Writes rows into a buffer, remembering the escaped `browser`/`profile`/`store` fields of
/// the last store seen: rows come sorted by site, so most neighbours share a store.
pub struct RowWriter {
    now: UnixMicros,
    values: bool,
    store: Option<(Arc<StoreRef>, Vec<u8>)>,
}

impl RowWriter {
    pub fn new(now: UnixMicros, values: bool) -> RowWriter {
        RowWriter {
            now,
            values,
            store: None,
        }
    }

    /// Appends the object for `e` (no separator, no newline).
    pub fn row(&mut self, out: &mut Vec<u8>, e: &Entry) {
        let c = &e.cookie;
        out.extend_from_slice(b"{\"id\":\"");
        out.extend_from_slice(c.id().hex().as_str().as_bytes());
        out.extend_from_slice(b"\",");
        out.extend_from_slice(self.store_fields(&c.store));
        out.extend_from_slice(b",\"host\":");
        quoted(out, &c.host);
        out.extend_from_slice(b",\"site\":");
        quoted(out, &c.site);
        out.extend_from_slice(b",\"name\":");
        quoted(out, &c.name);
        out.extend_from_slice(b",\"path\":");
        quoted(out, &c.path);
        out.extend_from_slice(b",\"expires\":");
        time(out, c.expires);
        out.extend_from_slice(b",\"expired\":");
        boolean(out, c.is_expired(self.now));
        out.extend_from_slice(b",\"session\":");
        boolean(out, c.is_session());
        out.extend_from_slice(b",\"created\":");
        time(out, c.created);
        out.extend_from_slice(b",\"last_accessed\":");
        time(out, c.last_accessed);
        out.extend_from_slice(b",\"secure\":");
        boolean(out, c.secure);
        out.extend_from_slice(b",\"http_only\":");
        boolean(out, c.http_only);
        out.extend_from_slice(b",\"same_site\":");
        quoted(out, c.same_site.as_str());
        out.extend_from_slice(b",\"partition\":");
        opt_str(out, c.partition.as_deref());
        out.extend_from_slice(b",\"container\":");
        opt_str(out, c.container.as_deref());
        verdict(out, e);
        if self.values {
            out.extend_from_slice(b",\"value\":");
            match &c.value {
                CookieValue::Known(s) => quoted(out, &s.expose_str()),
                _ => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }

    /// `"browser":…,"profile":…,"store":…` for this store, escaped once.
    fn store_fields(&mut self, store: &Arc<StoreRef>) -> &[u8] {
        let hit = self
            .store
            .as_ref()
            .is_some_and(|(s, _)| Arc::ptr_eq(s, store));
        if !hit {
            let mut b = Vec::with_capacity(128);
            b.extend_from_slice(b"\"browser\":");
            quoted(&mut b, store.browser.as_str());
            b.extend_from_slice(b",\"profile\":");
            quoted(&mut b, &store.profile);
            b.extend_from_slice(b",\"store\":");
            quoted(&mut b, &store.path.to_string_lossy());
            self.store = Some((Arc::clone(store), b));
        }
        self.store.as_ref().map_or(&[], |(_, b)| b.as_slice())
    }
}

/// The policy verdict and party fields, `category` through `confidence`.
fn verdict(out: &mut Vec<u8>, e: &Entry) {
    let v = &e.verdict;
    out.extend_from_slice(b",\"category\":");
    quoted(out, v.category.as_str());
    out.extend_from_slice(b",\"party\":");
    quoted(out, e.party.party.as_str());
    out.extend_from_slice(b",\"provider\":");
    opt_str(out, v.provider.as_deref());
    out.extend_from_slice(b",\"purpose\":");
    opt_str(out, v.purpose.as_deref());
    out.extend_from_slice(b",\"consent_required\":");
    boolean(out, v.consent_required);
    out.extend_from_slice(b",\"matched_by\":");
    quoted(out, v.matched_by.step());
    out.extend_from_slice(b",\"confidence\":");
    out.extend_from_slice(match v.confidence {
        Confidence::Low => b"\"low\"",
        Confidence::Medium => b"\"medium\"",
        Confidence::High => b"\"high\"",
    });
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => quoted(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// An RFC 3339 instant: digits, `-`, `:`, `T`, `Z` only, so it needs no escaping.
fn time(out: &mut Vec<u8>, t: Option<UnixMicros>) {
    match t {
        Some(t) => {
            out.push(b'"');
            out.extend_from_slice(Rfc3339::new(t).as_str().as_bytes());
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}
