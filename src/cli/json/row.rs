//! One cookie as a JSON object, written by hand into a byte buffer: the same keys, order,
//! `null`s and escaping as serde_json gives the `CookieJson` shape, several times faster
//! (literal key bytes, stack-formatted ids and times, the store's fields escaped and its
//! path hashed once per store rather than once per row, each day's date formatted once).
//! It never decides which rows are written or how they reach stdout, and it writes a
//! value only when the caller asks for values.

use std::sync::Arc;

use super::escape::quoted;
use crate::inventory::Entry;
use crate::model::StoreHash;
use crate::model::{CookieValue, StoreRef, UnixMicros};
use crate::policy::Confidence;
use crate::timefmt::Rfc3339;

/// Date slots in the day cache: a jar's times cluster within a year or two.
const DAY_SLOTS: usize = 512;

/// Rows whose memory is pulled in together before they are formatted.
const TOUCH_ROWS: usize = 32;

/// Reads every part of each row the formatter will read, in a loop small enough that the
/// CPU runs many rows' loads at once. Sorted rows sit all over memory, and formatting one
/// row at a time waits for each of its cache misses in turn; this makes it wait about
/// once per batch instead. Results are irrelevant, only the loads matter.
fn touch(rows: &[&Entry]) {
    let mut acc = 0usize;
    for e in rows {
        let c = &e.cookie;
        let v = &e.verdict;
        let first = |s: &str| usize::from(s.as_bytes().first().copied().unwrap_or(0));
        acc = acc
            .wrapping_add(first(&c.host))
            .wrapping_add(first(&c.name))
            .wrapping_add(first(&c.path))
            .wrapping_add(first(&c.site))
            .wrapping_add(match &c.value {
                CookieValue::Known(s) => s.len(),
                _ => 0,
            })
            .wrapping_add(c.partition.as_ref().map_or(0, |p| p.len()))
            .wrapping_add(c.expires.map_or(0, |t| t.0 as usize))
            .wrapping_add(usize::from(c.secure) + usize::from(v.consent_required))
            .wrapping_add(v.category as usize + e.party.party as usize)
            .wrapping_add(v.purpose.as_ref().map_or(0, |p| p.len()));
    }
    std::hint::black_box(acc);
}

/// What one store contributes to each of its rows.
struct StoreBits {
    store: Arc<StoreRef>,
    /// `"browser":…,"profile":…,"store":…`, escaped.
    fields: Vec<u8>,
    hash: StoreHash,
}

impl StoreBits {
    fn new(store: &Arc<StoreRef>) -> StoreBits {
        let mut f = Vec::with_capacity(128);
        f.extend_from_slice(b"\"browser\":");
        quoted(&mut f, store.browser.as_str());
        f.extend_from_slice(b",\"profile\":");
        quoted(&mut f, &store.profile);
        f.extend_from_slice(b",\"store\":");
        quoted(&mut f, &store.path.to_string_lossy());
        StoreBits {
            store: Arc::clone(store),
            fields: f,
            hash: StoreHash::of(&store.path),
        }
    }
}

/// Writes rows into buffers, remembering the last store seen (rows come sorted by site, so
/// most neighbours share a store) and the `YYYY-MM-DD` of recently seen days.
pub struct RowWriter {
    now: UnixMicros,
    values: bool,
    store: Option<StoreBits>,
    days: Vec<(i64, [u8; 10])>,
}

impl RowWriter {
    pub fn new(now: UnixMicros, values: bool) -> RowWriter {
        RowWriter {
            now,
            values,
            store: None,
            days: vec![(i64::MIN, [0; 10]); DAY_SLOTS],
        }
    }

    /// Appends each row as `,\n{…}` (`\n{…}` for the very first row of the array).
    pub fn rows(&mut self, out: &mut Vec<u8>, rows: &[&Entry], first: bool) {
        for (k, batch) in rows.chunks(TOUCH_ROWS).enumerate() {
            touch(batch);
            for (j, e) in batch.iter().enumerate() {
                out.extend_from_slice(if first && k == 0 && j == 0 {
                    b"\n"
                } else {
                    b",\n"
                });
                self.row(out, e);
            }
        }
    }

    /// Appends the object for `e` (no separator, no newline).
    fn row(&mut self, out: &mut Vec<u8>, e: &Entry) {
        let c = &e.cookie;
        let store = self.store_bits(&c.store);
        out.extend_from_slice(b"{\"id\":\"");
        out.extend_from_slice(store.hash.id(c).hex().as_str().as_bytes());
        out.extend_from_slice(b"\",");
        out.extend_from_slice(&store.fields);
        out.extend_from_slice(b",\"host\":");
        quoted(out, &c.host);
        out.extend_from_slice(b",\"site\":");
        quoted(out, &c.site);
        out.extend_from_slice(b",\"name\":");
        quoted(out, &c.name);
        out.extend_from_slice(b",\"path\":");
        quoted(out, &c.path);
        out.extend_from_slice(b",\"expires\":");
        self.time(out, c.expires);
        out.extend_from_slice(b",\"expired\":");
        boolean(out, c.is_expired(self.now));
        out.extend_from_slice(b",\"session\":");
        boolean(out, c.is_session());
        out.extend_from_slice(b",\"created\":");
        self.time(out, c.created);
        out.extend_from_slice(b",\"last_accessed\":");
        self.time(out, c.last_accessed);
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
        out.extend_from_slice(if c.in_session_file {
            b",\"in_session_file\":true"
        } else {
            b",\"in_session_file\":false"
        });
        verdict(out, e);
        if self.values {
            out.extend_from_slice(b",\"value\":");
            match &c.value {
                // `from_utf8` checks ASCII fast; the lossy form is for invalid bytes only.
                CookieValue::Known(s) => match std::str::from_utf8(s.expose()) {
                    Ok(text) => quoted(out, text),
                    Err(_) => quoted(out, &s.expose_str()),
                },
                _ => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }

    /// The cached bits of this row's store, made on the first row of each store run.
    fn store_bits(&mut self, store: &Arc<StoreRef>) -> &StoreBits {
        let stale = !self
            .store
            .as_ref()
            .is_some_and(|b| Arc::ptr_eq(&b.store, store));
        if stale {
            self.store = None;
        }
        self.store.get_or_insert_with(|| StoreBits::new(store))
    }

    /// An RFC 3339 instant as `Rfc3339` writes it (digits, `-`, `:`, `T`, `Z` only, so no
    /// escaping), or `null`. The date part comes from the day cache; only the time of day
    /// is formatted per row.
    fn time(&mut self, out: &mut Vec<u8>, t: Option<UnixMicros>) {
        let Some(t) = t else {
            out.extend_from_slice(b"null");
            return;
        };
        let secs = t.secs();
        let (day, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let slot = &mut self.days[day.rem_euclid(DAY_SLOTS as i64) as usize];
        if slot.0 != day {
            let full = Rfc3339::new(t);
            let s = full.as_str().as_bytes();
            if s.len() != 20 {
                // Years outside 0..=9999 have another layout; they are rare, so uncached.
                out.push(b'"');
                out.extend_from_slice(s);
                out.push(b'"');
                return;
            }
            slot.0 = day;
            slot.1.copy_from_slice(&s[..10]);
        }
        let mut b = *b"\"0000-00-00T00:00:00Z\"";
        b[1..11].copy_from_slice(&slot.1);
        for (at, v) in [(12, rem / 3600), (15, (rem % 3600) / 60), (18, rem % 60)] {
            b[at] = b'0' + (v / 10) as u8;
            b[at + 1] = b'0' + (v % 10) as u8;
        }
        out.extend_from_slice(&b);
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
