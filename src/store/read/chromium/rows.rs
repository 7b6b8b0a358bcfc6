//! Row conversion: one prepared statement, fixed column indices, lossy text, 1601-epoch
//! times to Unix, sites through a per-store interner, values through `decrypt`. Must not
//! allocate per row beyond the strings a `Cookie` keeps, nor fail on odd bytes or types.

use std::sync::Arc;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::columns::{self as c, Columns};
use super::decrypt::{Failure, decrypt_value};
use super::tag_keys::{StoreKeys, ThreadKeys};
use crate::model::{
    Cookie, CookieValue, RawKey, RowKey, SameSite, Secret, StoreRef, UnixMicros, cookie_path,
};
use crate::site::SiteCache;
use crate::store::read::scan::{self, Span};
use crate::{Error, Result};

/// Microseconds between 1601-01-01 and 1970-01-01 (Chromium stores Windows-epoch µs).
pub const EPOCH_DELTA_MICROS: i64 = 11_644_473_600_000_000;

/// Distinct hosts a worker expects to meet (a big jar has a few thousand).
const HOSTS_HINT: usize = 4096;

/// What every worker shares: the SELECT, the store, the keys and the schema version.
pub struct Shared<'a> {
    pub cols: &'a Columns,
    pub store: &'a Arc<StoreRef>,
    pub keys: Option<&'a StoreKeys<'a>>,
    pub meta: i64,
}

/// One reading thread's connection and caches.
pub struct Worker {
    pub conn: Connection,
    sites: SiteCache,
    keys: ThreadKeys,
    failures: Failures,
}

impl Worker {
    pub fn new(conn: Connection) -> Worker {
        Worker {
            conn,
            sites: SiteCache::with_capacity(HOSTS_HINT),
            keys: ThreadKeys::default(),
            failures: Failures::default(),
        }
    }

    /// Hands over the site cache, leaving an empty one.
    pub fn take_sites(&mut self) -> SiteCache {
        std::mem::take(&mut self.sites)
    }

    /// The cookies of one rowid range (or of the whole table).
    pub fn read(&mut self, sh: &Shared<'_>, span: Span) -> Result<Vec<Cookie>> {
        let live = sh.store.path.as_path();
        let sqlerr = |e: rusqlite::Error| Error::sqlite(live, &e);
        let sql = format!("{}{}", sh.cols.sql, scan::where_clause(span));
        let Worker {
            conn,
            sites,
            keys,
            failures,
        } = self;
        let mut stmt = conn.prepare_cached(&sql).map_err(sqlerr)?;
        let mut rows = match span {
            Some((lo, hi)) => stmt.query([lo, hi]),
            None => stmt.query([]),
        }
        .map_err(sqlerr)?;
        let mut cookies = Vec::with_capacity(scan::capacity(span));
        while let Some(row) = rows.next().map_err(sqlerr)? {
            let r = RawRow(row);
            cookies.push(cookie(&r, sh, sites, keys, failures));
        }
        Ok(cookies)
    }
}

fn cookie(
    r: &RawRow<'_, '_>,
    sh: &Shared<'_>,
    sites: &mut SiteCache,
    keys: &mut ThreadKeys,
    failures: &mut Failures,
) -> Cookie {
    let host_bytes = r.bytes(c::HOST);
    let host = lossy(host_bytes);
    let value = match sh.keys {
        None => CookieValue::NotLoaded,
        Some(store_keys) => value_of(r, store_keys, keys, host_bytes, sh.meta, failures),
    };
    let top_frame = lossy(r.bytes(c::TOP_FRAME));
    // Chromium declares these columns TEXT; bytes that are not UTF-8 are kept as stored.
    let raw = RawKey::of(
        host_bytes,
        r.bytes(c::NAME),
        r.bytes(c::PATH),
        r.bytes(c::TOP_FRAME),
    );
    let persistent = r.int(c::HAS_EXPIRES) != 0 && r.int(c::PERSISTENT) != 0;
    let expires_raw = r.int(c::EXPIRES);
    Cookie {
        store: Arc::clone(sh.store),
        site: sites.site(&host),
        name: lossy(r.bytes(c::NAME)),
        path: cookie_path(&lossy(r.bytes(c::PATH))),
        value,
        expires: (persistent && expires_raw != 0).then(|| to_unix(expires_raw)),
        created: time(r.int(c::CREATED)),
        last_accessed: time(r.int(c::LAST_ACCESS)),
        secure: r.int(c::SECURE) != 0,
        http_only: r.int(c::HTTP_ONLY) != 0,
        same_site: same_site(r.int(c::SAME_SITE)),
        partition: (!top_frame.is_empty()).then(|| top_frame.as_str().into()),
        container: None,
        key: RowKey::Chromium {
            rowid: r.int(c::ROWID),
            top_frame_site_key: top_frame,
            has_cross_site_ancestor: r.int(c::CROSS_SITE),
            source_scheme: r.int(c::SOURCE_SCHEME),
            source_port: r.int(c::SOURCE_PORT),
            raw,
        },
        host,
        in_session_file: false,
    }
}

/// One note for every worker's decryption failures, schemes in name order so the note
/// does not depend on which thread met which row first.
pub fn failure_note(workers: &[Worker]) -> Option<String> {
    let mut all = Failures::default();
    for w in workers {
        for (scheme, n, reason) in &w.failures.0 {
            match all.0.iter_mut().find(|(s, _, _)| s == scheme) {
                Some((_, total, _)) => *total += n,
                None => all.0.push((scheme.clone(), *n, reason.clone())),
            }
        }
    }
    all.0.sort_by(|a, b| a.0.cmp(&b.0));
    all.note()
}

/// Plaintext `value` wins; an empty `encrypted_value` too means an empty cookie.
fn value_of(
    r: &RawRow<'_, '_>,
    store_keys: &StoreKeys<'_>,
    keys: &mut ThreadKeys,
    host: &[u8],
    meta: i64,
    failures: &mut Failures,
) -> CookieValue {
    let plain = r.bytes(c::VALUE);
    let blob = r.bytes(c::ENCRYPTED);
    if !plain.is_empty() || blob.is_empty() {
        return CookieValue::Known(Secret::new(plain));
    }
    match decrypt_value(keys.for_blob(store_keys, blob), blob, host, meta) {
        Ok(v) => CookieValue::Known(Secret::new(v)),
        Err(f) => {
            let value = CookieValue::Encrypted {
                scheme: f.scheme.as_str().into(),
                reason: f.reason.as_str().into(),
            };
            failures.add(f);
            value
        }
    }
}

struct RawRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl RawRow<'_, '_> {
    /// Text or blob bytes; anything else (NULL, a number) reads as empty.
    fn bytes(&self, i: usize) -> &[u8] {
        match self.0.get_ref(i) {
            Ok(ValueRef::Text(b) | ValueRef::Blob(b)) => b,
            _ => &[],
        }
    }

    /// Integer, tolerating reals and numeric text; NULL or junk reads as 0.
    fn int(&self, i: usize) -> i64 {
        match self.0.get_ref(i) {
            Ok(ValueRef::Integer(v)) => v,
            Ok(ValueRef::Real(f)) => f as i64,
            Ok(ValueRef::Text(t)) => std::str::from_utf8(t)
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0),
            _ => 0,
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn to_unix(chromium_micros: i64) -> UnixMicros {
    UnixMicros(chromium_micros.saturating_sub(EPOCH_DELTA_MICROS))
}

fn time(chromium_micros: i64) -> Option<UnixMicros> {
    (chromium_micros != 0).then(|| to_unix(chromium_micros))
}

/// −1 unspecified, 0 None, 1 Lax, 2 Strict; 3 (old "extended") and unknowns unspecified.
pub fn same_site(v: i64) -> SameSite {
    match v {
        0 => SameSite::None,
        1 => SameSite::Lax,
        2 => SameSite::Strict,
        _ => SameSite::Unspecified,
    }
}

/// Counts failures per scheme and keeps the first reason of each, for one note.
#[derive(Default)]
struct Failures(Vec<(String, usize, String)>);

impl Failures {
    fn add(&mut self, f: Failure) {
        match self.0.iter_mut().find(|(s, _, _)| *s == f.scheme) {
            Some((_, n, _)) => *n += 1,
            None => self.0.push((f.scheme, 1, f.reason)),
        }
    }

    fn note(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(scheme, n, reason)| {
                let what = if scheme == "unknown" {
                    "values with an unknown encryption tag".to_string()
                } else {
                    format!("{scheme} values")
                };
                format!("{n} {what} not decrypted: {reason}")
            })
            .collect();
        Some(parts.join("; "))
    }
}
