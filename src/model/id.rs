//! Stable cookie ids: what `crumbs list` prints and `crumbs delete --id` takes.

use std::fmt;

use serde::Serialize;

use super::{Cookie, RowKey};

/// Stable identity of one cookie row: FNV-1a over the store path and the row's unique key
/// (not its rowid, which browsers renumber). Shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CookieId(pub u64);

impl CookieId {
    pub fn of(c: &Cookie) -> CookieId {
        StoreHash::of(&c.store.path).id(c)
    }

    pub fn parse(s: &str) -> Option<CookieId> {
        if s.len() != 16 {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(CookieId)
    }
}

impl CookieId {
    /// The 16 hex digits in a stack buffer (JSON output writes one per cookie).
    pub fn hex(self) -> CookieIdHex {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut buf = [0u8; 16];
        for (i, b) in buf.iter_mut().enumerate() {
            *b = DIGITS[((self.0 >> (60 - 4 * i)) & 0xf) as usize];
        }
        CookieIdHex(buf)
    }
}

/// A [`CookieId`] as its 16 hex digits.
#[derive(Clone, Copy)]
pub struct CookieIdHex([u8; 16]);

impl CookieIdHex {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl Serialize for CookieIdHex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for CookieId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The id hash's state after one store's path. FNV is a running state, so a listing of
/// many cookies of one store hashes the path once and continues per row from here.
#[derive(Clone, Copy)]
pub struct StoreHash(Fnv);

impl StoreHash {
    pub fn of(path: &std::path::Path) -> StoreHash {
        let mut h = Fnv::new();
        h.write(path.as_os_str().as_encoded_bytes());
        h.sep();
        StoreHash(h)
    }

    /// The id of `c`, which must belong to the store this state was made from.
    pub fn id(self, c: &Cookie) -> CookieId {
        let mut h = self.0;
        h.write(c.host.as_bytes());
        h.sep();
        h.write(c.name.as_bytes());
        h.sep();
        h.write(c.path.as_bytes());
        h.sep();
        match &c.key {
            RowKey::FirefoxDb {
                origin_attributes, ..
            } => h.write(origin_attributes.as_bytes()),
            RowKey::FirefoxSession {
                origin_attributes, ..
            } => {
                h.write(b"session");
                h.sep();
                h.write(origin_attributes.as_bytes());
            }
            RowKey::Chromium {
                top_frame_site_key,
                has_cross_site_ancestor,
                source_scheme,
                source_port,
                ..
            } => {
                h.write(top_frame_site_key.as_bytes());
                h.sep();
                h.write(&has_cross_site_ancestor.to_le_bytes());
                h.write(&source_scheme.to_le_bytes());
                h.write(&source_port.to_le_bytes());
            }
            RowKey::Safari { page, index } => {
                h.write(&page.to_le_bytes());
                h.write(&index.to_le_bytes());
            }
        }
        CookieId(h.0)
    }
}

#[derive(Clone, Copy)]
struct Fnv(u64);
impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn sep(&mut self) {
        self.write(&[0xff]);
    }
}
